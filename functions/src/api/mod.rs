//! The JSON API, mounted under `/api`: a thin adapter over the application layer (`crate::app`).
//! Its handlers, one module per feature, read the request into typed values (`caller`,
//! [`JsonBody`], [`QueryParams`]), call `app`, and write the answer; `error` turns every failure
//! into problem+json.

mod actions;
mod caller;
mod error;
mod frameworks;
mod health;
mod offers;
mod organisations;
mod outcomes;
mod reviews;
mod session;

use crate::app::{App, AppError};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Request};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use error::ApiError;
use serde::de::DeserializeOwned;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::OpenApi;

/// The largest request body accepted: well above a full assessment of the measure with the most
/// statements (11 statements with evidence and links, and every note), without inviting abuse.
pub const BODY_LIMIT_BYTES: usize = 256 * 1024;

/// The API, to be mounted under `/api` (unknown `/api` paths answer a 404 problem, not the app).
pub fn router(app: App) -> Router {
    let api = Router::new()
        .route("/health", get(health::health))
        .route("/me", get(session::me))
        .route("/sign-in", get(session::sign_in_config));
    #[cfg(feature = "dev-sign-in")]
    let api = api
        .route("/dev/sign-in", axum::routing::post(session::dev_sign_in))
        .route("/dev/jwks.json", get(session::dev_key_set));
    let api = api
        .route("/openapi.json", get(openapi_json))
        .route("/frameworks", get(frameworks::list_frameworks))
        .route("/frameworks/{id}", get(frameworks::get_framework))
        .route(
            "/organisations",
            get(organisations::list_organisations).post(organisations::create_organisation),
        )
        .route("/organisations/{ods}", get(organisations::get_organisation))
        .route("/organisations/{ods}/reviews", get(reviews::list_organisation_reviews))
        .route("/organisations/{ods}/comparison", get(reviews::compare_reviews))
        .route("/ics/{ics}/reviews", get(reviews::list_ics_reviews))
        .route("/organisations/{ods}/offer", get(offers::get_offer))
        .route("/organisations/{ods}/offer/history", get(offers::get_offer_history))
        .route("/organisations/{ods}/offer/{service}", axum::routing::put(offers::save_service_offer))
        .route("/ics/{ics}/offer", get(offers::get_ics_offer))
        .route("/ics/{ics}/offer.json", get(offers::export_ics_offer_json))
        .route("/ics/{ics}/offer.csv", get(offers::export_ics_offer_csv))
        .route("/ics/{ics}/dashboard", get(outcomes::get_dashboard))
        .route("/ics/{ics}/dashboard.csv", get(outcomes::export_dashboard_csv))
        .route("/ics/{ics}/dashboard.json", get(outcomes::export_dashboard_json))
        .route("/ics/{ics}/trends", get(outcomes::get_ics_trends))
        .route("/ics/{ics}/actions", get(actions::list_ics_actions))
        .route("/organisations/{ods}/trends", get(outcomes::get_organisation_trend))
        .route("/organisations/{ods}/benchmark", get(outcomes::get_benchmark))
        .route(
            "/organisations/{ods}/actions",
            get(actions::list_organisation_actions).post(actions::create_action),
        )
        .route("/organisations/{ods}/actions/{id}", axum::routing::put(actions::update_action))
        .route("/levelling-up", get(outcomes::get_levelling_up))
        .route("/public/services", get(offers::list_services))
        .route("/public/organisations", get(offers::search_organisations))
        .route("/public/organisations/{ods}", get(offers::get_public_offer))
        .route("/public/ics", get(offers::list_public_ics))
        .route("/public/ics/{ics}", get(offers::get_public_ics))
        .route("/reviews", axum::routing::post(reviews::create_review))
        .route("/reviews/import", axum::routing::post(reviews::import_review))
        .route("/reviews/{id}/export.json", get(reviews::export_json))
        .route("/reviews/{id}/export.csv", get(reviews::export_csv))
        .route("/reviews/{id}", get(reviews::get_review))
        .route("/reviews/{id}/history", get(reviews::get_review_history))
        .route("/reviews/{id}/measures/{number}", axum::routing::put(reviews::save_measure))
        .route("/reviews/{id}/measures/{number}/agreed", axum::routing::put(reviews::save_agreed_level))
        .route("/reviews/{id}/status", axum::routing::post(reviews::change_status))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(app);
    // The API's own layers wrap it once, as one service, and it is nested as one service: not
    // `Router::layer` and `Router::nest`, which wrap each of its ~45 routes (every method of each)
    // in every layer, one by one, a measurable part of every cold start (docs/performance.md). Every request to /api passes
    // through them alike: a route, a 405 or the 404 fallback.
    let api = tower::ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static("default-src 'none'; frame-ancestors 'none'"),
        ))
        // Private by default; the public pages' answers say otherwise themselves.
        .layer(SetResponseHeaderLayer::if_not_present(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ))
        .layer(DefaultBodyLimit::max(BODY_LIMIT_BYTES))
        .service(api);
    Router::new().nest_service("/api", api)
}

async fn not_found() -> ApiError {
    AppError::NotFound("There is nothing at this address: see /api/openapi.json for the API.".to_owned())
        .into()
}

async fn method_not_allowed() -> ApiError {
    ApiError::MethodNotAllowed
}

/// Tells the browser to save the answer as a file called `name`.
pub(crate) fn attachment(name: &str) -> [(header::HeaderName, String); 1] {
    [(header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\""))]
}

/// A JSON request body. Unlike `axum::Json`, every way it can be wrong answers problem+json.
pub struct JsonBody<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_json = request
            .headers()
            .get(header::CONTENT_TYPE)
            .and_then(|value| value.to_str().ok())
            .is_some_and(|value| value.trim_start().to_ascii_lowercase().starts_with("application/json"));
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
        let bytes = Bytes::from_request(request, state).await.map_err(|rejection| {
            if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::PayloadTooLarge
            } else {
                ApiError::BadRequest(rejection.body_text())
            }
        })?;
        serde_json::from_slice(&bytes).map(JsonBody).map_err(|error| {
            ApiError::BadRequest(format!("The request body is not what this endpoint expects: {error}."))
        })
    }
}

/// Path segments read straight into their types (a `MeasureNumber`…). A segment that is not one
/// names nothing here: a 404 problem saying why.
pub struct PathParams<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned + Send> axum::extract::FromRequestParts<S> for PathParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        state: &S,
    ) -> Result<Self, Self::Rejection> {
        use axum::extract::path::{ErrorKind, Path};
        use axum::extract::rejection::PathRejection;
        match Path::<T>::from_request_parts(parts, state).await {
            Ok(Path(value)) => Ok(PathParams(value)),
            Err(PathRejection::FailedToDeserializePathParams(failure)) => {
                let detail = match failure.into_kind() {
                    ErrorKind::Message(message) => message,
                    other => format!("There is nothing at this address: {other}."),
                };
                Err(AppError::NotFound(detail).into())
            }
            Err(other) => Err(AppError::Internal(other.body_text()).into()),
        }
    }
}

/// Query parameters. Unlike `axum::extract::Query`, a bad query answers problem+json.
pub struct QueryParams<T>(pub T);

impl<S: Send + Sync, T: DeserializeOwned> axum::extract::FromRequestParts<S> for QueryParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(
        parts: &mut axum::http::request::Parts,
        _state: &S,
    ) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::try_from_uri(&parts.uri)
            .map(|axum::extract::Query(value)| QueryParams(value))
            .map_err(|rejection| ApiError::BadRequest(format!("{}.", rejection.body_text())))
    }
}

/// The OpenAPI description, generated from the handlers and types so it cannot drift.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "WGLL peer review API",
        description = "Peer review of NHS digital maturity against the What Good Looks Like framework."
    ),
    paths(
        health::health,
        session::me,
        session::sign_in_config,
        frameworks::list_frameworks,
        frameworks::get_framework,
        organisations::list_organisations,
        organisations::create_organisation,
        organisations::get_organisation,
        reviews::list_organisation_reviews,
        reviews::compare_reviews,
        reviews::list_ics_reviews,
        reviews::create_review,
        reviews::get_review,
        reviews::get_review_history,
        reviews::save_measure,
        reviews::save_agreed_level,
        reviews::change_status,
        reviews::export_json,
        reviews::export_csv,
        reviews::import_review,
        offers::get_offer,
        offers::save_service_offer,
        offers::get_offer_history,
        offers::get_ics_offer,
        offers::export_ics_offer_json,
        offers::export_ics_offer_csv,
        offers::list_services,
        offers::search_organisations,
        offers::get_public_offer,
        offers::list_public_ics,
        offers::get_public_ics,
        outcomes::get_dashboard,
        outcomes::export_dashboard_csv,
        outcomes::export_dashboard_json,
        outcomes::get_ics_trends,
        outcomes::get_organisation_trend,
        outcomes::get_benchmark,
        outcomes::get_levelling_up,
        actions::create_action,
        actions::update_action,
        actions::list_organisation_actions,
        actions::list_ics_actions,
    ),
    components(schemas(wgll_shared::problem::Problem, wgll_shared::FieldError)),
    modifiers(&BearerSecurity)
)]
pub struct ApiDoc;

/// Declares the `bearer` scheme that protected paths name: a JWT in the Authorization header.
struct BearerSecurity;

impl utoipa::Modify for BearerSecurity {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        use utoipa::openapi::security::{HttpAuthScheme, HttpBuilder, SecurityScheme};
        let scheme = HttpBuilder::new().scheme(HttpAuthScheme::Bearer).bearer_format("JWT").build();
        openapi
            .components
            .get_or_insert_with(Default::default)
            .add_security_scheme("bearer", SecurityScheme::Http(scheme));
    }
}

/// The API's description, with the development sign-in's paths where it is built in.
pub fn openapi() -> utoipa::openapi::OpenApi {
    #[allow(unused_mut)]
    let mut doc = ApiDoc::openapi();
    #[cfg(feature = "dev-sign-in")]
    doc.merge(session::DevSignInDoc::openapi());
    doc
}

async fn openapi_json() -> Response {
    axum::Json(openapi()).into_response()
}
