//! Outcomes for ICS leads: the ICS dashboard (heatmap and roll-up) with its exports, trends,
//! benchmarks and levelling up. Every figure is worked out in `wgll_shared::outcomes` from the
//! outcome items that publishing a peer review writes; each endpoint reads a fixed number of
//! Queries whatever the number of reviews.

use super::organisations::find_organisation;
use super::reviews::attachment;
use super::{AppState, QueryParams};
use crate::auth::Caller;
use crate::auth::rules::{Action, Target, authorise};
use crate::error::ApiError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use wgll_shared::FieldError;
use wgll_shared::organisation::{OdsCode, Organisation, OrganisationKind};
use wgll_shared::outcomes::{Benchmark, IcsDashboard, IcsTrends, LevellingUp, Outcome, Trend};
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

fn parse_period(value: &str) -> Result<Period, ApiError> {
    Period::parse(value).map_err(|message| ApiError::Invalid(vec![FieldError::new("period", message)]))
}

/// The ICS (checked to be one) and its members, from one Query.
async fn ics_and_members(state: &AppState, ics: &str) -> Result<(Organisation, Vec<Organisation>), ApiError> {
    let missing = || ApiError::NotFound(format!("There is no ICS with ODS code “{ics}”."));
    let code = OdsCode::parse(ics).map_err(|_| missing())?;
    let members = state.store.list_ics_members(&code).await?;
    let ics = members
        .iter()
        .find(|member| member.ods_code == code && member.kind == OrganisationKind::Ics)
        .cloned()
        .ok_or_else(missing)?;
    Ok((ics, members))
}

async fn dashboard(
    state: &AppState,
    caller: &Caller,
    ics: &str,
    period: Option<&str>,
) -> Result<IcsDashboard, ApiError> {
    let code = OdsCode::parse(ics).ok();
    authorise(caller.user(), Action::ReadIcsOutcomes, &Target::of_ics(code.as_ref()))?;
    let period = period.map(str::trim).filter(|period| !period.is_empty()).map(parse_period).transpose()?;
    let (ics, members) = ics_and_members(state, ics).await?;
    // Every period's outcomes (at most one per member and period): the period list comes with them.
    let outcomes = state.store.list_ics_outcomes(&ics.ods_code, None).await?;
    let period = match period.or_else(|| IcsDashboard::latest_period(&outcomes)) {
        Some(period) => period,
        None => {
            let today = crate::store::now();
            Period::containing(today[..4].parse().unwrap_or(2026), today[5..7].parse().unwrap_or(1))
        }
    };
    Ok(IcsDashboard::new(&ics, &members, period, &outcomes))
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
    State(state): State<AppState>,
    caller: Caller,
    Path(ics): Path<String>,
    QueryParams(query): QueryParams<DashboardQuery>,
) -> Result<Json<IcsDashboard>, ApiError> {
    Ok(Json(dashboard(&state, &caller, &ics, query.period.as_deref()).await?))
}

fn download_name(dashboard: &IcsDashboard, extension: &str) -> String {
    format!("dashboard-{}-{}.{extension}", dashboard.ics_code, dashboard.period.as_str().replace('/', "-"))
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
    State(state): State<AppState>,
    caller: Caller,
    Path(ics): Path<String>,
    QueryParams(query): QueryParams<PeriodQuery>,
) -> Result<Response, ApiError> {
    let dashboard = dashboard(&state, &caller, &ics, Some(&query.period)).await?;
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
    State(state): State<AppState>,
    caller: Caller,
    Path(ics): Path<String>,
    QueryParams(query): QueryParams<PeriodQuery>,
) -> Result<Response, ApiError> {
    let dashboard = dashboard(&state, &caller, &ics, Some(&query.period)).await?;
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
    State(state): State<AppState>,
    caller: Caller,
    Path(ics): Path<String>,
) -> Result<Json<IcsTrends>, ApiError> {
    let code = OdsCode::parse(&ics).ok();
    authorise(caller.user(), Action::ReadIcsOutcomes, &Target::of_ics(code.as_ref()))?;
    let ics = find_organisation(&state, &ics).await?;
    if ics.kind != OrganisationKind::Ics {
        return Err(ApiError::NotFound(format!("{} is not an ICS.", ics.ods_code)));
    }
    let outcomes = state.store.list_ics_outcomes(&ics.ods_code, None).await?;
    Ok(Json(IcsTrends::new(&ics, &outcomes)))
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
    State(state): State<AppState>,
    caller: Caller,
    Path(ods): Path<String>,
) -> Result<Json<Trend>, ApiError> {
    caller.require()?;
    let organisation = find_organisation(&state, &ods).await?;
    authorise(caller.user(), Action::ReadOrganisationOutcomes, &Target::of_organisation(&organisation))?;
    let outcomes = state.store.list_organisation_outcomes(&organisation.ods_code).await?;
    let outcomes: Vec<&Outcome> = outcomes.iter().collect();
    Ok(Json(Trend::new(organisation.ods_code.clone(), organisation.name.clone(), &outcomes)))
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
    State(state): State<AppState>,
    caller: Caller,
    Path(ods): Path<String>,
    QueryParams(query): QueryParams<PeriodQuery>,
) -> Result<Json<Benchmark>, ApiError> {
    caller.require()?;
    let organisation = find_organisation(&state, &ods).await?;
    authorise(caller.user(), Action::ReadOrganisationOutcomes, &Target::of_organisation(&organisation))?;
    let period = parse_period(&query.period)?;
    let peers = state.store.list_peer_outcomes(organisation.kind, &period).await?;
    Ok(Json(Benchmark::new(&organisation, period, &peers)))
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

#[utoipa::path(get, path = "/api/levelling-up", tag = "outcomes", security(("bearer" = [])), params(LevellingUpQuery),
    responses(
        (status = 200, description = "Organisations below the minimum on any measure, and the measures most often below it", body = LevellingUp),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to see this scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period, minimum or ICS is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_levelling_up(
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(query): QueryParams<LevellingUpQuery>,
) -> Result<Json<LevellingUp>, ApiError> {
    let ics = match query.ics.as_deref().map(str::trim).filter(|ics| !ics.is_empty()) {
        None => None,
        Some(ics) => Some(
            OdsCode::parse(ics)
                .map_err(|message| ApiError::Invalid(vec![FieldError::new("ics", message)]))?,
        ),
    };
    match &ics {
        Some(ics) => authorise(caller.user(), Action::ReadIcsOutcomes, &Target::of_ics(Some(ics)))?,
        None => authorise(caller.user(), Action::ReadNationalOutcomes, &Target::NONE)?,
    }
    let period = parse_period(&query.period)?;
    let minimum = query.minimum.unwrap_or(3);
    if !(1..=5).contains(&minimum) {
        return Err(ApiError::Invalid(vec![FieldError::new(
            "minimum",
            "Choose a minimum level from 1 to 5",
        )]));
    }
    let outcomes = match &ics {
        Some(ics) => state.store.list_ics_outcomes(ics, Some(&period)).await?,
        // Every ICS: one Query per kind of organisation (a fixed 7), run side by side.
        None => {
            let mut queries = tokio::task::JoinSet::new();
            for kind in OrganisationKind::ALL.into_iter().filter(|kind| *kind != OrganisationKind::Ics) {
                let (store, period) = (state.store.clone(), period.clone());
                queries.spawn(async move { store.list_peer_outcomes(kind, &period).await });
            }
            let mut outcomes = Vec::new();
            while let Some(result) = queries.join_next().await {
                outcomes.extend(result.map_err(|error| ApiError::Internal(error.to_string()))??);
            }
            outcomes
        }
    };
    Ok(Json(LevellingUp::new(period, minimum, ics, &outcomes)))
}
