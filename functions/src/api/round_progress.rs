//! A round's progress over HTTP (`app::round_progress`): as JSON, as CSV, and as the page
//! (`views::round_progress`).

use super::caller::SignedIn;
use super::error::ApiError;
use super::review_forms::page;
use super::{PathParams, QueryParams, attachment};
use crate::app::App;
use crate::app::round_progress::{self, parse_scope};
use crate::auth::rules::{Action, Target, allows};
use crate::views::round_progress::{self as pages, Choices};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use wgll_shared::period::Period;
use wgll_shared::problem::Problem;
use wgll_shared::regions::Region;
use wgll_shared::round_progress::RoundProgress;

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ProgressQuery {
    /// A region's code (`london`…), or `england` for the whole country.
    region: Option<String>,
    /// An ICS's ODS code. With neither: the country for administrators, else the caller's region, else their ICS.
    #[param(value_type = Option<wgll_shared::organisation::OdsCode>)]
    ics: Option<String>,
}

async fn progress(
    app: &App,
    user: &wgll_shared::access::User,
    period: &Period,
    query: &ProgressQuery,
) -> Result<(RoundProgress, wgll_shared::round_progress::ProgressScope), ApiError> {
    let scope = parse_scope(user, query.region.as_deref(), query.ics.as_deref())?;
    Ok((round_progress::progress(app, user, period, &scope).await?, scope))
}

#[utoipa::path(get, path = "/api/rounds/{period}/progress", tag = "rounds", security(("bearer" = [])),
    params(("period" = Period, Path, description = "Financial year, e.g. `2025-26`"), ProgressQuery),
    responses(
        (status = 200, description = "Each organisation's peer review phase by phase, each phase's counts and percentages, and who to chase", body = RoundProgress),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator, the region's team or the ICS's lead", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No round for that year, or no such ICS", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The region or ICS is malformed, or both are named", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_round_progress(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
    QueryParams(query): QueryParams<ProgressQuery>,
) -> Result<Json<RoundProgress>, ApiError> {
    Ok(Json(progress(&app, &user, &period, &query).await?.0))
}

#[utoipa::path(get, path = "/api/rounds/{period}/progress.csv", tag = "rounds", security(("bearer" = [])),
    params(("period" = Period, Path, description = "Financial year, e.g. `2025-26`"), ProgressQuery),
    responses(
        (status = 200, description = "A row per organisation, ODS codes on every row, each phase's status and whether it is late", body = String, content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator, the region's team or the ICS's lead", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No round for that year, or no such ICS", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The region or ICS is malformed, or both are named", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_round_progress_csv(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
    QueryParams(query): QueryParams<ProgressQuery>,
) -> Result<Response, ApiError> {
    let (progress, scope) = progress(&app, &user, &period, &query).await?;
    let scope = pages::scope_query(&scope).replace('=', "-");
    let name = format!("round-progress-{}-{scope}.csv", period.as_str().replace('/', "-"));
    Ok((attachment(&name), [(header::CONTENT_TYPE, "text/csv; charset=utf-8")], progress.to_csv())
        .into_response())
}

#[utoipa::path(get, path = "/api/views/rounds/{period}/progress", tag = "views", security(("bearer" = [])),
    params(("period" = Period, Path, description = "Financial year, e.g. `2025-26`"), ProgressQuery),
    responses(
        (status = 200, description = "The round's progress page: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator, the region's team or the ICS's lead", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No round for that year, or no such ICS", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The region or ICS is malformed, or both are named", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn round_progress_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
    QueryParams(query): QueryParams<ProgressQuery>,
) -> Result<Response, ApiError> {
    let (progress, scope) = progress(&app, &user, &period, &query).await?;
    let choices = Choices {
        country: allows(Some(&user), Action::ReadRoundProgress, &Target::NONE),
        regions: Region::ALL
            .into_iter()
            .filter(|region| {
                allows(Some(&user), Action::ReadRoundProgress, &Target::of_region(Some(*region)))
            })
            .collect(),
    };
    Ok(page(StatusCode::OK, pages::render(&progress, &scope, &choices)))
}
