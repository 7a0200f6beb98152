//! The digital offer over HTTP (`app::offers`): each organisation's records, an ICS's matrix and
//! its downloads, and the public, no-sign-in endpoints under `/api/public` (the same answers as the
//! public pages in `crate::public_pages`).

use super::caller::{Caller, SignedIn};
use super::error::ApiError;
use super::{JsonBody, PathParams, QueryParams, attachment};
use crate::app::App;
use crate::app::offers::{self, OfferExport, PUBLIC_CACHE};
use axum::Json;
use axum::extract::State;
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use serde::{Deserialize, Serialize};
use wgll_shared::offer::{
    IcsOffer, OfferChange, OrganisationOffer, PublicIcs, PublicOffer, PublicOrganisation, Service, ServiceId,
    ServiceOffer, ServiceOfferUpdate,
};
use wgll_shared::organisation::OdsCode;
use wgll_shared::problem::Problem;

/// A public answer, which browsers and CloudFront may keep for a while.
fn public<T: Serialize>(body: T) -> Response {
    let mut response = Json(body).into_response();
    response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(PUBLIC_CACHE));
    response
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SearchQuery {
    /// Words of an organisation's name or town, in any order (a typo forgiven), or its ODS code.
    // `offer::SEARCH_CHARS`, after trimming spaces (a test holds the two together).
    #[param(min_length = 2, max_length = 100)]
    search: String,
}

#[utoipa::path(get, path = "/api/organisations/{ods}/offer", tag = "digital offer", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code")),
    responses(
        (status = 200, description = "Every service in the catalogue with the organisation's record of it", body = OrganisationOffer),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_offer(
    State(app): State<App>,
    caller: Caller,
    PathParams(ods): PathParams<OdsCode>,
) -> Result<Json<OrganisationOffer>, ApiError> {
    Ok(Json(offers::organisation_offer(&app, caller.user(), &ods).await?))
}

#[utoipa::path(put, path = "/api/organisations/{ods}/offer/{service}", tag = "digital offer", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code"), ("service" = wgll_shared::offer::ServiceId, Path, description = "The service's id in the catalogue")),
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
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, service)): PathParams<(OdsCode, ServiceId)>,
    JsonBody(form): JsonBody<ServiceOfferUpdate>,
) -> Result<Json<ServiceOffer>, ApiError> {
    Ok(Json(offers::save_service(&app, &user, &ods, &service, form).await?))
}

#[utoipa::path(get, path = "/api/organisations/{ods}/offer/history", tag = "digital offer", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code")),
    responses(
        (status = 200, description = "Every change to the organisation's offer, newest first", body = Vec<OfferChange>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_offer_history(
    State(app): State<App>,
    caller: Caller,
    PathParams(ods): PathParams<OdsCode>,
) -> Result<Json<Vec<OfferChange>>, ApiError> {
    Ok(Json(offers::history(&app, caller.user(), &ods).await?))
}

#[utoipa::path(get, path = "/api/ics/{ics}/offer", tag = "digital offer", security(("bearer" = [])),
    params(("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "The ICS's organisations × services, with coverage and gaps per service", body = IcsOffer),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_ics_offer(
    State(app): State<App>,
    caller: Caller,
    PathParams(ics): PathParams<OdsCode>,
) -> Result<Json<IcsOffer>, ApiError> {
    Ok(Json(offers::ics_offer(&app, caller.user(), &ics).await?))
}

#[utoipa::path(get, path = "/api/ics/{ics}/offer.json", tag = "digital offer", security(("bearer" = [])),
    params(("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "The mapping as a JSON download, ODS codes on every record", body = OfferExport),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_ics_offer_json(
    State(app): State<App>,
    caller: Caller,
    PathParams(ics): PathParams<OdsCode>,
) -> Result<Response, ApiError> {
    let export = offers::export_ics_offer(&app, caller.user(), &ics).await?;
    let name = format!("digital-offer-{}.json", export.ics_code);
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
    State(app): State<App>,
    caller: Caller,
    PathParams(ics): PathParams<OdsCode>,
) -> Result<Response, ApiError> {
    let (ics_code, csv) = offers::ics_offer_csv(&app, caller.user(), &ics).await?;
    let name = format!("digital-offer-{ics_code}.csv");
    Ok((attachment(&name), [(header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv).into_response())
}

#[utoipa::path(get, path = "/api/public/services", tag = "public",
    responses((status = 200, description = "The catalogue of standard digital services", body = Vec<Service>)))]
pub async fn list_services(caller: Caller) -> Result<Response, ApiError> {
    Ok(public(offers::services(caller.user())?))
}

#[utoipa::path(get, path = "/api/public/organisations", tag = "public", params(SearchQuery),
    responses(
        (status = 200, description = "Up to 20 organisations found by the words of their name or town or by their ODS code, best first", body = Vec<PublicOrganisation>),
        (status = 422, description = "The search is too short or too long", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn search_organisations(
    State(app): State<App>,
    caller: Caller,
    QueryParams(query): QueryParams<SearchQuery>,
) -> Result<Response, ApiError> {
    Ok(public(offers::find_public_organisations(&app, caller.user(), &query.search).await?))
}

#[utoipa::path(get, path = "/api/public/organisations/{ods}", tag = "public",
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code")),
    responses(
        (status = 200, description = "The services citizens can use there, live or in pilot, and their channels", body = PublicOffer),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_public_offer(
    State(app): State<App>,
    caller: Caller,
    PathParams(ods): PathParams<OdsCode>,
) -> Result<Response, ApiError> {
    Ok(public(offers::public_offer(&app, caller.user(), &ods).await?))
}

#[utoipa::path(get, path = "/api/public/ics", tag = "public",
    responses((status = 200, description = "Every ICS, by name", body = Vec<PublicOrganisation>)))]
pub async fn list_public_ics(State(app): State<App>, caller: Caller) -> Result<Response, ApiError> {
    Ok(public(offers::public_systems(&app, caller.user()).await?))
}

#[utoipa::path(get, path = "/api/public/ics/{ics}", tag = "public",
    params(("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "The ICS's organisations, each with how many services citizens can use there", body = PublicIcs),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_public_ics(
    State(app): State<App>,
    caller: Caller,
    PathParams(ics): PathParams<OdsCode>,
) -> Result<Response, ApiError> {
    Ok(public(offers::public_ics(&app, caller.user(), &ics).await?))
}
