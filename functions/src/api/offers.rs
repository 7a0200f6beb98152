//! The citizen-facing digital offer: each organisation's record of the standard services
//! (signed-in users read it, the organisation's and its ICS's leads change it), an ICS's
//! consistency matrix with exports, and the public view that anyone can read.

use super::reviews::attachment;
use super::{AppState, JsonBody, QueryParams};
use crate::auth::rules::{Action, Target, authorise};
use crate::auth::{Caller, SignedIn};
use crate::error::ApiError;
use crate::store::offers::IcsRecords;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use wgll_shared::FieldError;
use wgll_shared::offer::{
    IcsOffer, OfferChange, OrganisationOffer, PublicIcs, PublicOffer, PublicOrganisation, Service,
    ServiceOffer, ServiceOfferUpdate, catalogue, matches_search,
};
use wgll_shared::organisation::{OdsCode, Organisation, OrganisationKind};
use wgll_shared::problem::Problem;

/// An organisation and its records, or a 404 naming the code.
async fn organisation_records(
    state: &AppState,
    ods: &str,
) -> Result<(Organisation, Vec<ServiceOffer>), ApiError> {
    let missing = || ApiError::NotFound(format!("There is no organisation with ODS code “{ods}”."));
    let code = OdsCode::parse(ods).map_err(|_| missing())?;
    state.store.get_organisation_offer(&code).await?.ok_or_else(missing)
}

/// An ICS with its organisations and their records, or a 404 naming the code.
async fn ics_records(state: &AppState, ics: &str) -> Result<IcsRecords, ApiError> {
    let missing = || ApiError::NotFound(format!("There is no ICS with ODS code “{ics}”."));
    let code = OdsCode::parse(ics).map_err(|_| missing())?;
    state
        .store
        .get_ics_records(&code)
        .await?
        .filter(|found| found.ics.kind == OrganisationKind::Ics)
        .ok_or_else(missing)
}

#[utoipa::path(get, path = "/api/organisations/{ods}/offer", tag = "digital offer", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code")),
    responses(
        (status = 200, description = "Every service in the catalogue with the organisation's record of it", body = OrganisationOffer),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_offer(
    State(state): State<AppState>,
    caller: Caller,
    Path(ods): Path<String>,
) -> Result<Json<OrganisationOffer>, ApiError> {
    authorise(caller.user(), Action::ReadOffer, &Target::NONE)?;
    let (organisation, records) = organisation_records(&state, &ods).await?;
    Ok(Json(OrganisationOffer::new(organisation, records)))
}

#[utoipa::path(put, path = "/api/organisations/{ods}/offer/{service}", tag = "digital offer", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code"), ("service" = wgll_shared::schema::ServiceId, Path, description = "The service's id in the catalogue")),
    request_body = ServiceOfferUpdate,
    responses(
        (status = 200, description = "Saved, with its new version", body = ServiceOffer),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a lead of this organisation or its ICS", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or service", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Someone else saved this service since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn save_service_offer(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((ods, service)): Path<(String, String)>,
    JsonBody(form): JsonBody<ServiceOfferUpdate>,
) -> Result<Json<ServiceOffer>, ApiError> {
    let user = &user;
    let (organisation, records) = organisation_records(&state, &ods).await?;
    let target = Target::of_organisation(&organisation);
    authorise(Some(user), Action::EditOffer, &target)?;
    let service = wgll_shared::offer::service(&service).ok_or_else(|| {
        ApiError::NotFound(format!(
            "There is no service “{service}” in the catalogue (version {}).",
            catalogue::VERSION
        ))
    })?;
    let today = &crate::store::now()[..10];
    let valid = form.validate(today).map_err(ApiError::Invalid)?;
    let before = records
        .into_iter()
        .find(|record| record.service == service.id)
        .unwrap_or_else(|| ServiceOffer::unrecorded(&organisation.ods_code, service.id));
    let stale = || {
        ApiError::Conflict(format!(
            "{} was changed by someone else since you opened it. Reload the page to see their change, then make yours again.",
            service.name
        ))
    };
    if before.version != valid.expected_version {
        return Err(stale());
    }
    let saved = state
        .store
        .save_service_offer(&organisation, &before, valid, &user.audit_name(), &user.name)
        .await?
        .ok_or_else(stale)?;
    Ok(Json(saved))
}

#[utoipa::path(get, path = "/api/organisations/{ods}/offer/history", tag = "digital offer", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code")),
    responses(
        (status = 200, description = "Every change to the organisation's offer, newest first", body = Vec<OfferChange>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_offer_history(
    State(state): State<AppState>,
    caller: Caller,
    Path(ods): Path<String>,
) -> Result<Json<Vec<OfferChange>>, ApiError> {
    authorise(caller.user(), Action::ReadOffer, &Target::NONE)?;
    let (organisation, _) = organisation_records(&state, &ods).await?;
    Ok(Json(state.store.list_offer_changes(&organisation.ods_code).await?))
}

#[utoipa::path(get, path = "/api/ics/{ics}/offer", tag = "digital offer", security(("bearer" = [])),
    params(("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "The ICS's organisations × services, with coverage and gaps per service", body = IcsOffer),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_ics_offer(
    State(state): State<AppState>,
    caller: Caller,
    Path(ics): Path<String>,
) -> Result<Json<IcsOffer>, ApiError> {
    authorise(caller.user(), Action::ReadOffer, &Target::NONE)?;
    let found = ics_records(&state, &ics).await?;
    Ok(Json(IcsOffer::new(found.ics, found.members, &found.records)))
}

/// The JSON export of an ICS's mapping: every organisation with a record for every service.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OfferExport {
    /// `wgll-offer-export/1`.
    pub format: String,
    pub exported_at: String,
    pub catalogue_version: String,
    pub ics_code: OdsCode,
    pub organisations: Vec<OrganisationOffer>,
}

#[utoipa::path(get, path = "/api/ics/{ics}/offer.json", tag = "digital offer", security(("bearer" = [])),
    params(("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "The mapping as a JSON download, ODS codes on every record", body = OfferExport),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_ics_offer_json(
    State(state): State<AppState>,
    caller: Caller,
    Path(ics): Path<String>,
) -> Result<Response, ApiError> {
    authorise(caller.user(), Action::ReadOffer, &Target::NONE)?;
    let found = ics_records(&state, &ics).await?;
    let organisations = found
        .members
        .iter()
        .filter(|member| member.kind != OrganisationKind::Ics)
        .map(|member| {
            let own =
                found.records.iter().filter(|record| record.ods_code == member.ods_code).cloned().collect();
            OrganisationOffer::new(member.clone(), own)
        })
        .collect();
    let export = OfferExport {
        format: "wgll-offer-export/1".to_owned(),
        exported_at: crate::store::now(),
        catalogue_version: catalogue::VERSION.to_owned(),
        ics_code: found.ics.ods_code.clone(),
        organisations,
    };
    let name = format!("digital-offer-{}.json", found.ics.ods_code);
    Ok((attachment(&name), Json(export)).into_response())
}

#[utoipa::path(get, path = "/api/ics/{ics}/offer.csv", tag = "digital offer", security(("bearer" = [])),
    params(("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "The mapping as CSV: one row per organisation and service, ODS codes first", body = String, content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_ics_offer_csv(
    State(state): State<AppState>,
    caller: Caller,
    Path(ics): Path<String>,
) -> Result<Response, ApiError> {
    authorise(caller.user(), Action::ReadOffer, &Target::NONE)?;
    let found = ics_records(&state, &ics).await?;
    let csv = wgll_shared::offer::to_csv(&found.ics, &found.members, &found.records);
    let name = format!("digital-offer-{}.csv", found.ics.ods_code);
    Ok((attachment(&name), [(header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv).into_response())
}

// ---------------------------------------------------------------------------------------------
// Public: no sign-in, only live and pilot services, nothing internal. The JSON endpoints here and
// the server-rendered pages in `crate::public_pages` read through the same functions.
// ---------------------------------------------------------------------------------------------

/// Public answers change rarely and are the same for everyone: let browsers and CloudFront keep
/// them for a few minutes, which matters on a slow connection.
pub(crate) const PUBLIC_CACHE: &str = "public, max-age=300";

fn public<T: Serialize>(body: T) -> Response {
    let mut response = Json(body).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(PUBLIC_CACHE));
    response
}

#[utoipa::path(get, path = "/api/public/services", tag = "public",
    responses((status = 200, description = "The catalogue of standard digital services", body = Vec<Service>)))]
pub async fn list_services(caller: Caller) -> Result<Response, ApiError> {
    authorise(caller.user(), Action::ReadPublicInformation, &Target::NONE)?;
    Ok(public(catalogue::SERVICES))
}

/// The most organisations a search answers with: enough to choose from, small on a phone.
pub const SEARCH_RESULTS_MAX: usize = 20;

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Part of an organisation's name or town, or its ODS code.
    // The lengths `find_public_organisations` allows, after trimming spaces.
    #[param(min_length = 2, max_length = 100)]
    search: String,
}

#[utoipa::path(get, path = "/api/public/organisations", tag = "public", params(SearchQuery),
    responses(
        (status = 200, description = "Up to 20 organisations whose name or town contains the search, or whose ODS code is it", body = Vec<PublicOrganisation>),
        (status = 422, description = "The search is too short or too long", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn search_organisations(
    State(state): State<AppState>,
    caller: Caller,
    QueryParams(query): QueryParams<SearchQuery>,
) -> Result<Response, ApiError> {
    authorise(caller.user(), Action::ReadPublicInformation, &Target::NONE)?;
    Ok(public(find_public_organisations(&state, &query.search).await?))
}

/// Organisations (not ICSs) whose name or town contains `search`, or whose ODS code it is.
pub(crate) async fn find_public_organisations(
    state: &AppState,
    search: &str,
) -> Result<Vec<PublicOrganisation>, ApiError> {
    let search = search.trim();
    if !(2..=100).contains(&search.chars().count()) {
        return Err(ApiError::Invalid(vec![FieldError::new(
            "search",
            "Enter at least 2 letters of the organisation’s name or town, or its ODS code (at most 100 characters)",
        )]));
    }
    let organisations = state.store.list_organisations().await?;
    Ok(organisations
        .iter()
        .filter(|organisation| {
            organisation.kind != OrganisationKind::Ics && matches_search(organisation, search)
        })
        .take(SEARCH_RESULTS_MAX)
        .map(PublicOrganisation::from)
        .collect())
}

#[utoipa::path(get, path = "/api/public/organisations/{ods}", tag = "public",
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code")),
    responses(
        (status = 200, description = "The services citizens can use there, live or in pilot, and their channels", body = PublicOffer),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_public_offer(
    State(state): State<AppState>,
    caller: Caller,
    Path(ods): Path<String>,
) -> Result<Response, ApiError> {
    authorise(caller.user(), Action::ReadPublicInformation, &Target::NONE)?;
    Ok(public(public_offer(&state, &ods).await?))
}

pub(crate) async fn public_offer(state: &AppState, ods: &str) -> Result<PublicOffer, ApiError> {
    let (organisation, records) = organisation_records(state, ods).await?;
    Ok(PublicOffer::new(&organisation, &records))
}

#[utoipa::path(get, path = "/api/public/ics", tag = "public",
    responses((status = 200, description = "Every ICS, by name", body = Vec<PublicOrganisation>)))]
pub async fn list_public_ics(State(state): State<AppState>, caller: Caller) -> Result<Response, ApiError> {
    authorise(caller.user(), Action::ReadPublicInformation, &Target::NONE)?;
    Ok(public(public_systems(&state).await?))
}

/// Every ICS, by name.
pub(crate) async fn public_systems(state: &AppState) -> Result<Vec<PublicOrganisation>, ApiError> {
    let organisations = state.store.list_organisations().await?;
    Ok(organisations
        .iter()
        .filter(|organisation| organisation.kind == OrganisationKind::Ics)
        .map(PublicOrganisation::from)
        .collect())
}

#[utoipa::path(get, path = "/api/public/ics/{ics}", tag = "public",
    params(("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "The ICS's organisations, each with how many services citizens can use there", body = PublicIcs),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_public_ics(
    State(state): State<AppState>,
    caller: Caller,
    Path(ics): Path<String>,
) -> Result<Response, ApiError> {
    authorise(caller.user(), Action::ReadPublicInformation, &Target::NONE)?;
    Ok(public(public_ics(&state, &ics).await?))
}

pub(crate) async fn public_ics(state: &AppState, ics: &str) -> Result<PublicIcs, ApiError> {
    let found = ics_records(state, ics).await?;
    Ok(PublicIcs::new(&found.ics, &found.members, &found.records))
}
