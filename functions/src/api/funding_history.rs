//! The history of saved allocations over HTTP (`app::funding::history`): each version of a fund's
//! allocation or of the year's ICS envelopes, newest first, for administrators.

use super::PathParams;
use super::caller::SignedIn;
use super::error::ApiError;
use crate::app::App;
use crate::app::funding::history;
use axum::Json;
use axum::extract::State;
use wgll_shared::funding::FundId;
use wgll_shared::funding::records::{AllocationOf, AllocationVersion};
use wgll_shared::period::Period;
use wgll_shared::problem::Problem;

#[utoipa::path(get, path = "/api/funding/{period}/funds/{fund}/allocation/history", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("fund" = wgll_shared::funding::FundId, Path, description = "The fund's id")),
    responses(
        (status = 200, description = "Every saved version of the fund's allocation, newest first: who saved it, when, its principle, pot, what was left unallocated and how many lines", body = Vec<AllocationVersion>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_allocation_history(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, fund)): PathParams<(Period, FundId)>,
) -> Result<Json<Vec<AllocationVersion>>, ApiError> {
    Ok(Json(history::versions(&app, &user, &period, &AllocationOf::Fund(fund)).await?))
}

#[utoipa::path(get, path = "/api/funding/{period}/envelopes/history", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`")),
    responses(
        (status = 200, description = "Every saved version of the year's ICS envelopes, newest first: who saved it, when, its principle, pot, what was left unallocated and how many lines", body = Vec<AllocationVersion>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_envelopes_history(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
) -> Result<Json<Vec<AllocationVersion>>, ApiError> {
    Ok(Json(history::versions(&app, &user, &period, &AllocationOf::Envelopes).await?))
}
