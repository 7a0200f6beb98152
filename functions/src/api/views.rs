//! The app's pages that only show something (`crate::views`), as HTML fragments the app shows
//! inside its layout: each at `/api/views` + the page's own address, deciding who is calling
//! first and reading through the same `app` functions (and so the same rules) as the JSON API.

use super::caller::{Caller, SignedIn};
use super::error::ApiError;
use super::outcomes::{DashboardQuery, levelling_up_scope, parse_period};
use super::{PathParams, QueryParams};
use crate::app::{App, outcomes, reviews};
use crate::views;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use maud::Markup;
use serde::Deserialize;
use wgll_shared::ids::ReviewId;
use wgll_shared::organisation::OdsCode;
use wgll_shared::period::Period;
use wgll_shared::problem::Problem;

/// A view's answer: an HTML fragment.
fn fragment(markup: Markup) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], markup.0)
}

#[utoipa::path(get, path = "/api/views/reviews/{id}/report", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    responses(
        (status = 200, description = "The review as a printable report: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not assigned to this review, nor its lead", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn review_report(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(fragment(views::report::render(&reviews::get_detail(&app, &user, &id).await?)))
}

#[utoipa::path(get, path = "/api/views/ics/{ics}/dashboard", tag = "views", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code"), DashboardQuery),
    responses(
        (status = 200, description = "The ICS dashboard (heatmap, roll-up, period chooser, downloads): an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not this ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn ics_dashboard(
    State(app): State<App>,
    caller: Caller,
    PathParams(ics): PathParams<OdsCode>,
    QueryParams(query): QueryParams<DashboardQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let dashboard = outcomes::dashboard(&app, caller.user(), &ics, query.period()?).await?;
    Ok(fragment(views::dashboard::render(&dashboard)))
}

#[utoipa::path(get, path = "/api/views/ics/{ics}/trends", tag = "views", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "The ICS's and each member's levels across periods as charts with their figures: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not this ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn ics_trends(
    State(app): State<App>,
    caller: Caller,
    PathParams(ics): PathParams<OdsCode>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(fragment(views::trends::render(&outcomes::ics_trends(&app, caller.user(), &ics).await?)))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct LevellingUpViewQuery {
    /// Financial year, e.g. `2025/26`; the one before this one when left out (the latest whose
    /// reviews are usually all published).
    #[param(value_type = Option<Period>)]
    period: Option<String>,
    /// The minimum level every organisation should reach (3 when left out).
    #[param(value_type = Option<wgll_shared::maturity::MaturityLevel>)]
    minimum: Option<u8>,
    /// Only this ICS; every ICS when left out or blank (administrators only).
    #[param(value_type = Option<OdsCode>)]
    ics: Option<String>,
}

#[utoipa::path(get, path = "/api/views/levelling-up", tag = "views", security(("bearer" = [])), params(LevellingUpViewQuery),
    responses(
        (status = 200, description = "The choice of period, minimum and ICS, the organisations below the minimum and the measures most often below it: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to see this scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period, minimum or ICS is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn levelling_up(
    State(app): State<App>,
    caller: Caller,
    QueryParams(query): QueryParams<LevellingUpViewQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let (ics, minimum) = levelling_up_scope(query.ics.as_deref(), query.minimum)?;
    let period = match query.period.as_deref().map(str::trim).filter(|period| !period.is_empty()) {
        Some(period) => parse_period(period)?,
        None => {
            let current = app.clock.current_period();
            Period::containing(current.start_year() - 1, 4)
        }
    };
    let asked_ics = ics.as_ref().map(ToString::to_string).unwrap_or_default();
    let result = outcomes::levelling_up(&app, caller.user(), ics, period, minimum).await?;
    Ok(fragment(views::levelling_up::render(&result, &asked_ics)))
}
