//! Outcomes over HTTP (`app::outcomes`): the ICS dashboard with its downloads, trends, benchmarks
//! and levelling up.

use super::caller::{Caller, SignedIn};
use super::error::ApiError;
use super::{PathParams, QueryParams, attachment};
use crate::app::outcomes;
use crate::app::{App, AppError};
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use wgll_shared::maturity::MaturityLevel;
use wgll_shared::organisation::OdsCode;
use wgll_shared::outcomes::{Benchmark, IcsDashboard, IcsTrends, LevellingUp, Trend};
use wgll_shared::period::Period;
use wgll_shared::problem::Problem;

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PeriodQuery {
    /// Financial year, e.g. `2025/26`.
    #[param(value_type = Period)]
    period: String,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct DashboardQuery {
    /// Financial year, e.g. `2025/26`; the newest with a published peer review when left out.
    #[param(value_type = Option<Period>)]
    period: Option<String>,
}

impl DashboardQuery {
    /// The period asked for, if any (blank is none).
    pub(super) fn period(&self) -> Result<Option<Period>, AppError> {
        let period = self.period.as_deref().map(str::trim).filter(|period| !period.is_empty());
        period.map(parse_period).transpose()
    }
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct LevellingUpQuery {
    /// Financial year, e.g. `2025/26`.
    #[param(value_type = Period)]
    period: String,
    /// The minimum level every organisation should reach (3 when left out).
    #[param(value_type = Option<wgll_shared::maturity::MaturityLevel>)]
    minimum: Option<u8>,
    /// Only this ICS; every ICS when left out (administrators only).
    #[param(value_type = Option<OdsCode>)]
    ics: Option<String>,
}

pub(super) fn parse_period(value: &str) -> Result<Period, AppError> {
    Period::parse(value).map_err(|message| AppError::invalid("period", message))
}

/// Levelling up's ICS (none, or blank, for every ICS) and minimum level (3 when left out).
pub(super) fn levelling_up_scope(
    ics: Option<&str>,
    minimum: Option<u8>,
) -> Result<(Option<OdsCode>, MaturityLevel), AppError> {
    let ics = match ics.map(str::trim).filter(|ics| !ics.is_empty()) {
        None => None,
        Some(ics) => Some(OdsCode::parse(ics).map_err(|message| AppError::invalid("ics", message))?),
    };
    let minimum = match minimum {
        None => MaturityLevel::MINIMUM_STANDARD,
        Some(level) => MaturityLevel::new(level).map_err(|_| {
            AppError::invalid(
                "minimum",
                format!("Choose a minimum level from {} to {}", MaturityLevel::MIN, MaturityLevel::MAX),
            )
        })?,
    };
    Ok((ics, minimum))
}

fn download_name(dashboard: &IcsDashboard, extension: &str) -> String {
    format!("dashboard-{}-{}.{extension}", dashboard.ics_code, dashboard.period.as_str().replace('/', "-"))
}

#[utoipa::path(get, path = "/api/ics/{ics}/dashboard", tag = "outcomes", security(("bearer" = [])),
    params(("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code"), DashboardQuery),
    responses(
        (status = 200, description = "Every member's levels (heatmap), and per measure the providers' spread beside the ICS's own level", body = IcsDashboard),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not this ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_dashboard(
    State(app): State<App>,
    caller: Caller,
    PathParams(ics): PathParams<OdsCode>,
    QueryParams(query): QueryParams<DashboardQuery>,
) -> Result<Json<IcsDashboard>, ApiError> {
    Ok(Json(outcomes::dashboard(&app, caller.user(), &ics, query.period()?).await?))
}

#[utoipa::path(get, path = "/api/ics/{ics}/dashboard.csv", tag = "outcomes", security(("bearer" = [])),
    params(("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code"), PeriodQuery),
    responses(
        (status = 200, description = "The heatmap as CSV, ODS codes on every row", body = String, content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not this ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_dashboard_csv(
    State(app): State<App>,
    caller: Caller,
    PathParams(ics): PathParams<OdsCode>,
    QueryParams(query): QueryParams<PeriodQuery>,
) -> Result<Response, ApiError> {
    let period = parse_period(&query.period)?;
    let dashboard = outcomes::dashboard(&app, caller.user(), &ics, Some(period)).await?;
    let name = download_name(&dashboard, "csv");
    Ok((attachment(&name), [(header::CONTENT_TYPE, "text/csv; charset=utf-8")], dashboard.to_csv())
        .into_response())
}

#[utoipa::path(get, path = "/api/ics/{ics}/dashboard.json", tag = "outcomes", security(("bearer" = [])),
    params(("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code"), PeriodQuery),
    responses(
        (status = 200, description = "The dashboard as a JSON download", body = IcsDashboard),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not this ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_dashboard_json(
    State(app): State<App>,
    caller: Caller,
    PathParams(ics): PathParams<OdsCode>,
    QueryParams(query): QueryParams<PeriodQuery>,
) -> Result<Response, ApiError> {
    let period = parse_period(&query.period)?;
    let dashboard = outcomes::dashboard(&app, caller.user(), &ics, Some(period)).await?;
    let name = download_name(&dashboard, "json");
    Ok((attachment(&name), Json(dashboard)).into_response())
}

#[utoipa::path(get, path = "/api/ics/{ics}/trends", tag = "outcomes", security(("bearer" = [])),
    params(("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "The ICS's and each member's levels per measure across periods", body = IcsTrends),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not this ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_ics_trends(
    State(app): State<App>,
    caller: Caller,
    PathParams(ics): PathParams<OdsCode>,
) -> Result<Json<IcsTrends>, ApiError> {
    Ok(Json(outcomes::ics_trends(&app, caller.user(), &ics).await?))
}

#[utoipa::path(get, path = "/api/organisations/{ods}/trends", tag = "outcomes", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code")),
    responses(
        (status = 200, description = "The organisation's levels per measure across periods, oldest first", body = Trend),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a lead of this organisation or its ICS", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_organisation_trend(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
) -> Result<Json<Trend>, ApiError> {
    Ok(Json(outcomes::organisation_trend(&app, &user, &ods).await?))
}

#[utoipa::path(get, path = "/api/organisations/{ods}/benchmark", tag = "outcomes", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code"), PeriodQuery),
    responses(
        (status = 200, description = "The organisation's levels against the distribution of every organisation of its kind", body = Benchmark),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a lead of this organisation or its ICS", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_benchmark(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
    QueryParams(query): QueryParams<PeriodQuery>,
) -> Result<Json<Benchmark>, ApiError> {
    let period = parse_period(&query.period)?;
    Ok(Json(outcomes::benchmark(&app, &user, &ods, period).await?))
}

#[utoipa::path(get, path = "/api/levelling-up", tag = "outcomes", security(("bearer" = [])), params(LevellingUpQuery),
    responses(
        (status = 200, description = "Organisations below the minimum on any measure, and the measures most often below it", body = LevellingUp),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to see this scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period, minimum or ICS is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_levelling_up(
    State(app): State<App>,
    caller: Caller,
    QueryParams(query): QueryParams<LevellingUpQuery>,
) -> Result<Json<LevellingUp>, ApiError> {
    let (ics, minimum) = levelling_up_scope(query.ics.as_deref(), query.minimum)?;
    let period = parse_period(&query.period)?;
    Ok(Json(outcomes::levelling_up(&app, caller.user(), ics, period, minimum).await?))
}
