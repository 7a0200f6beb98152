//! Funding over HTTP (`app::funding`): a year's funds, weighted populations and settings,
//! allocations (previewed, saved, read line by line as the rules allow, exported), the ICS
//! envelopes, each ICS's split by provider and programme with its net-neutral changes, and
//! earned autonomy. Years are path segments written `2025-26`.

use super::caller::SignedIn;
use super::error::ApiError;
use super::{JsonBody, PathParams, QueryParams, attachment};
use crate::app::funding::{allocations, autonomy, changes, funds};
use crate::app::{App, AppError};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use wgll_shared::FieldError;
use wgll_shared::funding::autonomy::AutonomyRules;
use wgll_shared::funding::envelopes::SystemAllocation;
use wgll_shared::funding::principles::suggestion::SuggestionThresholds;
use wgll_shared::funding::records::{
    AllocationOf, AllocationRequest, AllocationView, ApproveChange, AutonomyRulesUpdate, AutonomyView,
    ChangeProposal, ChangeRecord, DefaultAllocationRequest, EnvelopesRequest, FundSuggestion, FundUpdate,
    FundingLogEntry, PopulationRecord, PopulationUpdate, ReturnChange, SavedAllocation, SystemView,
    ThresholdsUpdate, Versioned,
};
use wgll_shared::funding::{Allocation, Fund, FundId, NewFund};
use wgll_shared::ids::ChangeId;
use wgll_shared::organisation::OdsCode;
use wgll_shared::period::Period;
use wgll_shared::problem::Problem;

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct RecipientsQuery {
    /// ODS codes separated by commas, e.g. `QWO,QHM`; every ICS when left out.
    #[serde(default)]
    recipients: String,
}

impl RecipientsQuery {
    fn recipients(&self) -> Result<Vec<OdsCode>, AppError> {
        let mut errors = Vec::new();
        let mut codes = Vec::new();
        for (index, code) in
            self.recipients.split(',').map(str::trim).filter(|code| !code.is_empty()).enumerate()
        {
            match OdsCode::parse(code) {
                Ok(code) => codes.push(code),
                Err(message) => errors.push(FieldError::new(&format!("recipients[{index}]"), message)),
            }
        }
        if errors.is_empty() { Ok(codes) } else { Err(AppError::Invalid(errors)) }
    }
}

#[utoipa::path(get, path = "/api/funding/{period}/funds", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`")),
    responses(
        (status = 200, description = "The year's funds: the shipped 2021/22 catalogue (version 0) or those added", body = [Versioned<Fund>]),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_funds(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
) -> Result<Json<Vec<Versioned<Fund>>>, ApiError> {
    Ok(Json(funds::list(&app, &user, &period).await?))
}

#[utoipa::path(post, path = "/api/funding/{period}/funds", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`")),
    request_body = NewFund,
    responses(
        (status = 201, description = "Added, at version 1", body = Versioned<Fund>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since it was read, or not open to this change", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_fund(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
    JsonBody(form): JsonBody<NewFund>,
) -> Result<(StatusCode, Json<Versioned<Fund>>), ApiError> {
    Ok((StatusCode::CREATED, Json(funds::create(&app, &user, &period, form).await?)))
}

#[utoipa::path(put, path = "/api/funding/{period}/funds/{fund}", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("fund" = wgll_shared::funding::FundId, Path, description = "The fund's id")),
    request_body = FundUpdate,
    responses(
        (status = 200, description = "Changed, with its new version", body = Versioned<Fund>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since it was read, or not open to this change", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_fund(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, fund)): PathParams<(Period, FundId)>,
    JsonBody(form): JsonBody<FundUpdate>,
) -> Result<Json<Versioned<Fund>>, ApiError> {
    Ok(Json(funds::update(&app, &user, &period, &fund, form).await?))
}

#[utoipa::path(get, path = "/api/funding/{period}/funds/{fund}/history", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("fund" = wgll_shared::funding::FundId, Path, description = "The fund's id")),
    responses(
        (status = 200, description = "Every change to the fund, newest first", body = Vec<FundingLogEntry>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_fund_history(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, fund)): PathParams<(Period, FundId)>,
) -> Result<Json<Vec<FundingLogEntry>>, ApiError> {
    Ok(Json(funds::history(&app, &user, &period, &fund).await?))
}

#[utoipa::path(get, path = "/api/funding/{period}/populations", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`")),
    responses(
        (status = 200, description = "Every weighted population recorded for the year", body = [Versioned<PopulationRecord>]),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_populations(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
) -> Result<Json<Vec<Versioned<PopulationRecord>>>, ApiError> {
    Ok(Json(funds::populations(&app, &user, &period).await?))
}

#[utoipa::path(put, path = "/api/funding/{period}/populations/{ods}", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code")),
    request_body = PopulationUpdate,
    responses(
        (status = 200, description = "Recorded, with its new version", body = Versioned<PopulationRecord>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since it was read, or not open to this change", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn save_population(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, ods)): PathParams<(Period, OdsCode)>,
    JsonBody(form): JsonBody<PopulationUpdate>,
) -> Result<Json<Versioned<PopulationRecord>>, ApiError> {
    Ok(Json(funds::save_population(&app, &user, &period, &ods, form).await?))
}

#[utoipa::path(put, path = "/api/funding/{period}/suggestion-thresholds", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`")),
    request_body = ThresholdsUpdate,
    responses(
        (status = 200, description = "Saved, with their new version", body = Versioned<SuggestionThresholds>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since it was read, or not open to this change", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn save_suggestion_thresholds(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
    JsonBody(form): JsonBody<ThresholdsUpdate>,
) -> Result<Json<Versioned<SuggestionThresholds>>, ApiError> {
    Ok(Json(funds::save_thresholds(&app, &user, &period, form).await?))
}

#[utoipa::path(get, path = "/api/funding/{period}/funds/{fund}/suggestion", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("fund" = wgll_shared::funding::FundId, Path, description = "The fund's id"), RecipientsQuery),
    responses(
        (status = 200, description = "The suggested principle, its reason and figures, under the year's thresholds", body = FundSuggestion),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_suggestion(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, fund)): PathParams<(Period, FundId)>,
    QueryParams(query): QueryParams<RecipientsQuery>,
) -> Result<Json<FundSuggestion>, ApiError> {
    let recipients = query.recipients()?;
    Ok(Json(funds::suggestion(&app, &user, &period, &fund, recipients).await?))
}

#[utoipa::path(post, path = "/api/funding/{period}/funds/{fund}/allocation/preview", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("fund" = wgll_shared::funding::FundId, Path, description = "The fund's id")),
    request_body = AllocationRequest,
    responses(
        (status = 200, description = "The fund's allocation by its principle, worked out and not saved", body = Allocation),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn preview_allocation(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, fund)): PathParams<(Period, FundId)>,
    JsonBody(form): JsonBody<AllocationRequest>,
) -> Result<Json<Allocation>, ApiError> {
    Ok(Json(allocations::preview(&app, &user, &period, &fund, form).await?))
}

#[utoipa::path(put, path = "/api/funding/{period}/funds/{fund}/allocation", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("fund" = wgll_shared::funding::FundId, Path, description = "The fund's id")),
    request_body = AllocationRequest,
    responses(
        (status = 200, description = "Worked out and saved, with its new version", body = SavedAllocation),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since it was read, or not open to this change", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn save_allocation(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, fund)): PathParams<(Period, FundId)>,
    JsonBody(form): JsonBody<AllocationRequest>,
) -> Result<Json<SavedAllocation>, ApiError> {
    Ok(Json(allocations::save_fund_allocation(&app, &user, &period, &fund, form).await?))
}

#[utoipa::path(get, path = "/api/funding/{period}/funds/{fund}/allocation", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("fund" = wgll_shared::funding::FundId, Path, description = "The fund's id")),
    responses(
        (status = 200, description = "The saved allocation: the lines the caller may see; the national figures for administrators", body = AllocationView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_allocation(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, fund)): PathParams<(Period, FundId)>,
) -> Result<Json<AllocationView>, ApiError> {
    Ok(Json(allocations::view(&app, &user, &period, &AllocationOf::Fund(fund)).await?))
}

#[utoipa::path(get, path = "/api/funding/{period}/funds/{fund}/allocation.csv", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("fund" = wgll_shared::funding::FundId, Path, description = "The fund's id")),
    responses(
        (status = 200, description = "The lines the caller may see as CSV, ODS codes first on every row", body = String, content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_allocation_csv(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, fund)): PathParams<(Period, FundId)>,
) -> Result<Response, ApiError> {
    let csv = allocations::csv(&app, &user, &period, &AllocationOf::Fund(fund.clone())).await?;
    let name = format!("allocation-{fund}-{}.csv", period.as_str().replace('/', "-"));
    Ok((attachment(&name), [(header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv).into_response())
}

#[utoipa::path(get, path = "/api/funding/{period}/funds/{fund}/allocation.json", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("fund" = wgll_shared::funding::FundId, Path, description = "The fund's id")),
    responses(
        (status = 200, description = "The lines the caller may see as a JSON download, ODS codes on every line", body = AllocationView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_allocation_json(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, fund)): PathParams<(Period, FundId)>,
) -> Result<Response, ApiError> {
    let view = allocations::view(&app, &user, &period, &AllocationOf::Fund(fund.clone())).await?;
    let name = format!("allocation-{fund}-{}.json", period.as_str().replace('/', "-"));
    Ok((attachment(&name), Json(view)).into_response())
}

#[utoipa::path(put, path = "/api/funding/{period}/envelopes", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`")),
    request_body = EnvelopesRequest,
    responses(
        (status = 200, description = "The national pot divided between ICSs and saved, with its new version", body = SavedAllocation),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since it was read, or not open to this change", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn save_envelopes(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
    JsonBody(form): JsonBody<EnvelopesRequest>,
) -> Result<Json<SavedAllocation>, ApiError> {
    Ok(Json(allocations::save_envelopes(&app, &user, &period, form).await?))
}

#[utoipa::path(get, path = "/api/funding/{period}/envelopes", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`")),
    responses(
        (status = 200, description = "The ICS envelopes the caller may see (an ICS lead: their own); the national figures for administrators", body = AllocationView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_envelopes(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
) -> Result<Json<AllocationView>, ApiError> {
    Ok(Json(allocations::view(&app, &user, &period, &AllocationOf::Envelopes).await?))
}

#[utoipa::path(get, path = "/api/funding/{period}/envelopes.csv", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`")),
    responses(
        (status = 200, description = "The ICS envelopes the caller may see as CSV, ODS codes first on every row", body = String, content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No envelopes saved for the year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_envelopes_csv(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
) -> Result<Response, ApiError> {
    let csv = allocations::csv(&app, &user, &period, &AllocationOf::Envelopes).await?;
    let name = format!("envelopes-{}.csv", period.as_str().replace('/', "-"));
    Ok((attachment(&name), [(header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv).into_response())
}

#[utoipa::path(get, path = "/api/funding/{period}/envelopes.json", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`")),
    responses(
        (status = 200, description = "The ICS envelopes the caller may see as a JSON download, ODS codes on every line", body = AllocationView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No envelopes saved for the year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_envelopes_json(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
) -> Result<Response, ApiError> {
    let view = allocations::view(&app, &user, &period, &AllocationOf::Envelopes).await?;
    let name = format!("envelopes-{}.json", period.as_str().replace('/', "-"));
    Ok((attachment(&name), Json(view)).into_response())
}

#[utoipa::path(get, path = "/api/funding/{period}/ics/{ics}/allocation", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "The ICS's envelope by provider and programme, with the changes proposed to it", body = SystemView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_system_allocation(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, ics)): PathParams<(Period, OdsCode)>,
) -> Result<Json<SystemView>, ApiError> {
    Ok(Json(changes::view(&app, &user, &period, &ics).await?))
}

#[utoipa::path(get, path = "/api/funding/{period}/ics/{ics}/allocation.csv", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "The ICS's split by provider and programme as CSV, ODS codes first on every row", body = String, content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS, or no split saved for the year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_system_allocation_csv(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, ics)): PathParams<(Period, OdsCode)>,
) -> Result<Response, ApiError> {
    let view = changes::view(&app, &user, &period, &ics).await?;
    let allocation = view.allocation.ok_or_else(|| {
        crate::app::AppError::NotFound(format!("{ics} has no split of its envelope for {period} yet."))
    })?;
    let name = format!("funding-{ics}-{}.csv", period.as_str().replace('/', "-"));
    let csv = allocation.value.to_csv(allocation.version);
    Ok((attachment(&name), [(header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv).into_response())
}

#[utoipa::path(get, path = "/api/funding/{period}/ics/{ics}/allocation.json", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "The ICS's split by provider and programme with its changes, as a JSON download (ODS codes on every line)", body = SystemView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_system_allocation_json(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, ics)): PathParams<(Period, OdsCode)>,
) -> Result<Response, ApiError> {
    let view = changes::view(&app, &user, &period, &ics).await?;
    let name = format!("funding-{ics}-{}.json", period.as_str().replace('/', "-"));
    Ok((attachment(&name), Json(view)).into_response())
}

#[utoipa::path(put, path = "/api/funding/{period}/ics/{ics}/allocation", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code")),
    request_body = DefaultAllocationRequest,
    responses(
        (status = 200, description = "The envelope split by the weights given, with its new version", body = Versioned<SystemAllocation>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since it was read, or not open to this change", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn set_default_allocation(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, ics)): PathParams<(Period, OdsCode)>,
    JsonBody(form): JsonBody<DefaultAllocationRequest>,
) -> Result<Json<Versioned<SystemAllocation>>, ApiError> {
    Ok(Json(changes::set_default(&app, &user, &period, &ics, form).await?))
}

#[utoipa::path(post, path = "/api/funding/{period}/ics/{ics}/changes", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code")),
    request_body = ChangeProposal,
    responses(
        (status = 201, description = "Proposed, for an administrator to approve or return", body = ChangeRecord),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since it was read, or not open to this change", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn propose_change(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, ics)): PathParams<(Period, OdsCode)>,
    JsonBody(form): JsonBody<ChangeProposal>,
) -> Result<(StatusCode, Json<ChangeRecord>), ApiError> {
    Ok((StatusCode::CREATED, Json(changes::propose(&app, &user, &period, &ics, form).await?)))
}

#[utoipa::path(post, path = "/api/funding/{period}/ics/{ics}/changes/{id}/approve", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code"), ("id" = wgll_shared::ids::ChangeId, Path, description = "The change's id")),
    request_body = ApproveChange,
    responses(
        (status = 200, description = "Approved and applied: the allocation has a new version", body = ChangeRecord),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since it was read, or not open to this change", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn approve_change(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, ics, id)): PathParams<(Period, OdsCode, ChangeId)>,
    JsonBody(form): JsonBody<ApproveChange>,
) -> Result<Json<ChangeRecord>, ApiError> {
    Ok(Json(changes::approve(&app, &user, &period, &ics, &id, form).await?))
}

#[utoipa::path(post, path = "/api/funding/{period}/ics/{ics}/changes/{id}/return", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code"), ("id" = wgll_shared::ids::ChangeId, Path, description = "The change's id")),
    request_body = ReturnChange,
    responses(
        (status = 200, description = "Returned with the reason; the allocation is unchanged", body = ChangeRecord),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since it was read, or not open to this change", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn return_change(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, ics, id)): PathParams<(Period, OdsCode, ChangeId)>,
    JsonBody(form): JsonBody<ReturnChange>,
) -> Result<Json<ChangeRecord>, ApiError> {
    Ok(Json(changes::send_back(&app, &user, &period, &ics, &id, form).await?))
}

#[utoipa::path(get, path = "/api/funding/{period}/ics/{ics}/history", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "Everything done to the ICS's allocation for the year, newest first", body = Vec<FundingLogEntry>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_system_history(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, ics)): PathParams<(Period, OdsCode)>,
) -> Result<Json<Vec<FundingLogEntry>>, ApiError> {
    Ok(Json(changes::history(&app, &user, &period, &ics).await?))
}

#[utoipa::path(get, path = "/api/funding/{period}/ics/{ics}/autonomy", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`"), ("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "Each earned-autonomy criterion met or not, with its figures, under the year's rules", body = AutonomyView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_autonomy(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((period, ics)): PathParams<(Period, OdsCode)>,
) -> Result<Json<AutonomyView>, ApiError> {
    Ok(Json(autonomy::assessment(&app, &user, &period, &ics).await?))
}

#[utoipa::path(put, path = "/api/funding/{period}/autonomy-rules", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`")),
    request_body = AutonomyRulesUpdate,
    responses(
        (status = 200, description = "Saved, with their new version", body = Versioned<AutonomyRules>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since it was read, or not open to this change", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn save_autonomy_rules(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
    JsonBody(form): JsonBody<AutonomyRulesUpdate>,
) -> Result<Json<Versioned<AutonomyRules>>, ApiError> {
    Ok(Json(autonomy::save_rules(&app, &user, &period, form).await?))
}
