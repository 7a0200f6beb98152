//! Benefits over HTTP (`app::benefits`): an organisation's funded items of a year with their
//! benefits, adding a benefit to one, recording a value realised, and an ICS's members' benefits
//! as JSON and CSV.

use super::caller::SignedIn;
use super::error::ApiError;
use super::tech_spend::period_or_current;
use super::{JsonBody, PathParams, QueryParams, attachment};
use crate::app::App;
use crate::app::benefits::{self, IcsBenefits, OrganisationBenefits};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use wgll_shared::benefits::{Benefit, NewBenefit, RealisedUpdate};
use wgll_shared::ids::BenefitId;
use wgll_shared::organisation::OdsCode;
use wgll_shared::problem::Problem;

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BenefitsQuery {
    /// Financial year of the funded items, e.g. `2025/26`; this one when left out.
    #[param(value_type = Option<wgll_shared::period::Period>)]
    pub period: Option<String>,
}

#[utoipa::path(get, path = "/api/organisations/{ods}/benefits", tag = "benefits", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The organisation's ODS code"), BenefitsQuery),
    responses(
        (status = 200, description = "Its funded items of the year (approved bids, its lines of the year's funds), each with its benefits and where each stands; the counts by status and the cash planned and realised, in pence", body = OrganisationBenefits),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_benefits(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
    QueryParams(query): QueryParams<BenefitsQuery>,
) -> Result<Json<OrganisationBenefits>, ApiError> {
    let period = period_or_current(&app, query.period.as_deref())?;
    Ok(Json(benefits::view(&app, &user, &ods, &period).await?))
}

#[utoipa::path(post, path = "/api/organisations/{ods}/benefits", tag = "benefits", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The organisation's ODS code")),
    request_body = NewBenefit,
    responses(
        (status = 201, description = "Added: figures in their unit's smallest step (pence; thousandths of a per cent or of one)", body = Benefit),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct, each named: a funded item that is not one (a bid not approved, a fund that gives it nothing), a unit or figure to fix, a target the same as the baseline, a due date that is not a real date", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn add_benefit(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
    JsonBody(form): JsonBody<NewBenefit>,
) -> Result<(StatusCode, Json<Benefit>), ApiError> {
    Ok((StatusCode::CREATED, Json(benefits::add(&app, &user, &ods, form).await?)))
}

#[utoipa::path(post, path = "/api/organisations/{ods}/benefits/{id}/realised", tag = "benefits", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The organisation's ODS code"), ("id" = BenefitId, Path, description = "The benefit's id")),
    request_body = RealisedUpdate,
    responses(
        (status = 200, description = "Recorded: the benefit with every value realised, oldest first", body = Benefit),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or benefit", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Saved by someone else since the version read: nothing recorded", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct: the date (today or before) and the value in the benefit's unit", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn record_realised(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, id)): PathParams<(OdsCode, BenefitId)>,
    JsonBody(update): JsonBody<RealisedUpdate>,
) -> Result<Json<Benefit>, ApiError> {
    Ok(Json(benefits::record_realised(&app, &user, &ods, &id, update).await?))
}

#[utoipa::path(get, path = "/api/ics/{ics}/benefits", tag = "benefits", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "Planned against realised across its members: each member's benefits by status and its cash planned and realised (pence), the totals, and every benefit with its ODS code", body = IcsBenefits),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_ics_benefits(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ics): PathParams<OdsCode>,
) -> Result<Json<IcsBenefits>, ApiError> {
    Ok(Json(benefits::ics_view(&app, &user, &ics).await?))
}

#[utoipa::path(get, path = "/api/ics/{ics}/benefits.csv", tag = "benefits", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "A row per member, ODS codes on every row, money in pounds to the penny", body = String, content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_ics_benefits_csv(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ics): PathParams<OdsCode>,
) -> Result<Response, ApiError> {
    let view = benefits::ics_view(&app, &user, &ics).await?;
    Ok((
        attachment(&format!("benefits-{ics}.csv")),
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8")],
        view.to_csv(),
    )
        .into_response())
}
