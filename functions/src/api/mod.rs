//! The JSON API, mounted under `/api`: a thin adapter over the application layer (`crate::app`).
//! Its handlers, one module per feature, read the request into typed values (`caller`,
//! [`JsonBody`], [`QueryParams`]), call `app`, and write the answer; `error` turns every failure
//! into problem+json.

mod action_forms;
mod actions;
mod benefit_pages;
mod benefits;
mod bid_pages;
mod bids;
mod caller;
mod error;
mod evidence;
mod evidence_pages;
mod frameworks;
mod funding;
mod funding_history;
mod funding_pages;
mod funding_settings;
mod funding_setup;
mod health;
mod my_work;
mod offer_service_page;
mod offers;
mod organisation_forms;
mod organisation_page;
mod organisations;
mod outcomes;
mod peer_pairs;
mod review_board;
mod review_forms;
mod review_import;
mod review_page;
mod reviews;
mod round_progress;
mod rounds;
mod session;
mod tech_spend;
mod validation;
mod validation_forms;
mod views;

use crate::app::{App, AppError};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{DefaultBodyLimit, FromRequest, Request};
use axum::http::{HeaderValue, header};
use axum::response::{IntoResponse, Response};
use axum::routing::MethodRouter;
use error::ApiError;
use serde::de::DeserializeOwned;
use tower_http::set_header::SetResponseHeaderLayer;
use utoipa::OpenApi;
use utoipa::openapi::HttpMethod;
use utoipa_axum::PathItemExt;

/// The largest request body accepted: well above a full assessment of the measure with the most
/// statements (11 statements with evidence and links, and every note), without inviting abuse.
pub const BODY_LIMIT_BYTES: usize = 256 * 1024;

/// Where the API is mounted. The handlers' `#[utoipa::path]`s give their full address
/// (`/api/health`), as a client calls it; the router strips this to nest the API as one service.
const API: &str = "/api";

/// Every operation of the API, each named once: its method and path are in its handler's
/// `#[utoipa::path]`. Both the router (`routes`, at start-up) and the OpenAPI description
/// (`described`, on the first request for it) are made from this one list, so neither can have
/// an operation the other lacks. The description is not made at start-up, as utoipa-axum's
/// `OpenApiRouter` would make it: in a release build it took 2–6 ms (9–18 ms the first time in a
/// process) on our 2-core machine, against a whole cold start of about 2.2 ms
/// (docs/performance.md); the router needs only each handler's path and methods, which cost
/// nothing measurable (`router()` took about 0.4 ms before and after).
macro_rules! operations {
    ($( $(#[$only:meta])* $module:ident :: $handler:ident ),* $(,)?) => {
        /// The API's routes, with their paths relative to [`API`].
        fn routes(router: Router<App>) -> Router<App> {
            $( $(#[$only])* let router = paste::paste! {
                route(
                    router,
                    &<$module::[<__path_ $handler>] as utoipa::Path>::path(),
                    &<$module::[<__path_ $handler>] as utoipa::Path>::methods(),
                    $module::$handler,
                )
            }; )*
            router
        }

        /// The operations' part of the OpenAPI description, with their full paths.
        fn described(
            description: utoipa_axum::router::OpenApiRouter<App>,
        ) -> utoipa_axum::router::OpenApiRouter<App> {
            $( $(#[$only])* let description = description.routes(utoipa_axum::routes!($module::$handler)); )*
            description
        }
    };
}

operations! {
    health::health,
    self::openapi_json,
    session::me,
    session::sign_in_config,
    #[cfg(feature = "dev-sign-in")]
    session::dev_sign_in,
    #[cfg(feature = "dev-sign-in")]
    session::dev_key_set,
    frameworks::list_frameworks,
    frameworks::get_framework,
    organisations::list_organisations,
    organisations::create_organisation,
    organisations::get_organisation,
    reviews::list_organisation_reviews,
    reviews::compare_reviews,
    reviews::list_ics_reviews,
    reviews::create_review,
    reviews::import_review,
    reviews::get_review,
    reviews::get_review_history,
    reviews::export_json,
    reviews::export_csv,
    reviews::save_measure,
    reviews::save_agreed_level,
    reviews::save_agreed_levels,
    reviews::change_status,
    reviews::accept_review,
    reviews::change_reviewers,
    reviews::get_self_assessment,
    peer_pairs::get_peers,
    peer_pairs::confirm_peer,
    peer_pairs::peers_page,
    peer_pairs::peers_form,
    validation::list_awaiting,
    validation::get_validation,
    validation::flag_error,
    validation::answer_flag,
    validation::confirm_facts,
    my_work::get_my_work,
    my_work::my_work_page,
    organisation_forms::new_organisation_page,
    organisation_forms::new_organisation_form,
    validation_forms::queues_page,
    validation_forms::validation_page,
    validation_forms::validation_form,
    validation_forms::provisional_page,
    validation_forms::flag_form,
    validation_forms::answer_form,
    validation_forms::facts_confirmed_form,
    review_forms::acceptance_page,
    review_forms::acceptance_form,
    review_forms::reviewers_page,
    review_forms::reviewers_form,
    offers::get_offer,
    offers::get_offer_history,
    offers::save_service_offer,
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
    actions::list_ics_actions,
    actions::list_organisation_actions,
    actions::create_action,
    actions::update_action,
    action_forms::ics_actions_page,
    action_forms::new_action_form,
    action_forms::action_status_form,
    evidence::upload_evidence,
    evidence::list_evidence,
    evidence::open_evidence,
    evidence::delete_evidence,
    evidence_pages::evidence_page,
    evidence_pages::upload_form,
    evidence_pages::delete_form,
    rounds::list_rounds,
    rounds::open_round,
    rounds::get_round,
    rounds::get_round_plan,
    rounds::rounds_view,
    rounds::open_round_form,
    round_progress::get_round_progress,
    round_progress::export_round_progress_csv,
    round_progress::round_progress_page,
    bids::start_bid,
    bids::list_bids,
    bids::get_bid,
    bids::save_bid,
    bids::submit_bid,
    bid_pages::bids_page,
    bid_pages::start_form,
    bid_pages::bid_view,
    bid_pages::autosave_draft,
    bid_pages::submit_form,
    review_board::get_board,
    review_board::export_board_csv,
    review_board::decide_bid,
    review_board::get_fairness,
    review_board::export_fairness_csv,
    review_board::board_page,
    review_board::fairness_page,
    review_board::decision_page,
    review_board::decide_form,
    tech_spend::get_tech_spend,
    tech_spend::record_tech_spend,
    tech_spend::get_ics_tech_spend,
    tech_spend::export_ics_tech_spend_csv,
    tech_spend::tech_spend_page,
    tech_spend::tech_spend_form,
    tech_spend::ics_tech_spend_page,
    benefits::get_benefits,
    benefits::add_benefit,
    benefits::record_realised,
    benefits::get_ics_benefits,
    benefits::export_ics_benefits_csv,
    benefit_pages::benefits_page,
    benefit_pages::add_benefit_form,
    benefit_pages::realised_form,
    benefit_pages::ics_benefits_page,
    funding::list_funds,
    funding::create_fund,
    funding::update_fund,
    funding::get_fund_history,
    funding::list_populations,
    funding::save_population,
    funding_settings::get_suggestion_thresholds,
    funding::save_suggestion_thresholds,
    funding::get_suggestion,
    funding::preview_allocation,
    funding::save_allocation,
    funding::get_allocation,
    funding::export_allocation_csv,
    funding::export_allocation_json,
    funding::save_envelopes,
    funding::get_envelopes,
    funding::export_envelopes_csv,
    funding::export_envelopes_json,
    funding_history::get_allocation_history,
    funding_history::get_envelopes_history,
    funding::get_system_allocation,
    funding::export_system_allocation_csv,
    funding::export_system_allocation_json,
    funding::set_default_allocation,
    funding::propose_change,
    funding::approve_change,
    funding::return_change,
    funding::get_system_history,
    funding::get_autonomy,
    funding_settings::get_autonomy_rules,
    funding::save_autonomy_rules,
    views::framework,
    review_import::import_page,
    review_import::import_form,
    review_page::review_view,
    review_page::agreed_form,
    review_page::status_form,
    views::review_report,
    views::organisations_list,
    organisation_page::organisation_view,
    organisation_page::start_review_form,
    views::organisation_outcomes,
    views::organisation_comparison,
    views::organisation_offer,
    views::organisation_contact_form,
    offer_service_page::service_page,
    offer_service_page::service_form,
    views::ics_offer,
    views::ics_dashboard,
    views::ics_trends,
    views::levelling_up,
    funding_pages::national_funding,
    funding_pages::fund_funding,
    funding_pages::organisation_funding,
    funding_pages::ics_funding,
    funding_pages::propose_change_form,
    funding_pages::approve_change_form,
    funding_pages::return_change_form,
    funding_setup::new_fund_page,
    funding_setup::add_fund_form,
    funding_setup::fund_page,
    funding_setup::change_fund_form,
    funding_setup::populations_view,
    funding_setup::record_population_form,
    funding_setup::allocation_view,
    funding_setup::preview_allocation_form,
    funding_setup::save_allocation_form,
    funding_setup::envelopes_view,
    funding_setup::preview_envelopes_form,
    funding_setup::save_envelopes_form,
    funding_setup::split_view,
    funding_setup::split_form,
    funding_setup::settings_view,
    funding_setup::thresholds_form,
    funding_setup::autonomy_rules_form,
}

/// Adds one handler's route: its path under [`API`], for each of its methods. Two handlers of
/// one path (a GET and a POST) share its route.
fn route<H, T>(router: Router<App>, path: &str, methods: &[HttpMethod], handler: H) -> Router<App>
where
    H: axum::handler::Handler<T, App>,
    T: 'static,
{
    let relative = path.strip_prefix(API).unwrap_or_else(|| panic!("{path} is not under {API}"));
    let methods = methods
        .iter()
        .fold(MethodRouter::new(), |methods, method| methods.on(method.to_method_filter(), handler.clone()));
    router.route(relative, methods)
}

/// The API, to be mounted under `/api` (unknown `/api` paths answer a 404 problem, not the app).
pub fn router(app: App) -> Router {
    let api = routes(Router::new())
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
    Router::new().nest_service(API, api)
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
            return Err(ApiError::UnsupportedMediaType("application/json"));
        }
        let bytes = body_bytes(request, state).await?;
        serde_json::from_slice(&bytes).map(JsonBody).map_err(|error| {
            ApiError::BadRequest(format!("The request body is not what this endpoint expects: {error}."))
        })
    }
}

/// A request's body, refused as too large or unreadable with a problem that says so.
async fn body_bytes<S: Send + Sync>(request: Request, state: &S) -> Result<Bytes, ApiError> {
    Bytes::from_request(request, state).await.map_err(|rejection| {
        if rejection.status() == axum::http::StatusCode::PAYLOAD_TOO_LARGE {
            ApiError::PayloadTooLarge
        } else {
            ApiError::BadRequest(rejection.body_text())
        }
    })
}

/// A form the app posts for a server-rendered page (`api::funding_pages`): its fields as sent,
/// in order, for the handler to read into typed values (refusing any it does not know).
pub struct FormBody(pub Vec<(String, String)>);

impl<S: Send + Sync> FromRequest<S> for FormBody {
    type Rejection = ApiError;

    async fn from_request(request: Request, state: &S) -> Result<Self, Self::Rejection> {
        let is_form =
            request.headers().get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok()).is_some_and(
                |value| {
                    value.trim_start().to_ascii_lowercase().starts_with("application/x-www-form-urlencoded")
                },
            );
        if !is_form {
            return Err(ApiError::UnsupportedMediaType("application/x-www-form-urlencoded"));
        }
        let bytes = body_bytes(request, state).await?;
        serde_urlencoded::from_bytes(&bytes)
            .map(FormBody)
            .map_err(|error| ApiError::BadRequest(format!("The form could not be read: {error}.")))
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

/// What the description says of the API as a whole; the operations come from `operations!`.
#[derive(OpenApi)]
#[openapi(
    info(
        title = "WGLL peer review API",
        description = "Peer review of NHS digital maturity against the What Good Looks Like framework."
    ),
    // Named here as well as where they are used: a schema named only by a parameter is not
    // collected into the description by itself.
    components(schemas(
        wgll_shared::problem::Problem,
        wgll_shared::FieldError,
        wgll_shared::organisation::OdsCode,
        wgll_shared::period::Period,
        wgll_shared::maturity::MaturityLevel,
        wgll_shared::framework::MeasureNumber,
        wgll_shared::schema::FrameworkId,
        wgll_shared::offer::ServiceId,
        wgll_shared::funding::FundId,
        wgll_shared::funding::Pence,
        wgll_shared::ids::ChangeId,
        wgll_shared::ids::EvidenceId,
        wgll_shared::ids::BidId,
        wgll_shared::ids::BenefitId,
    )),
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

/// The API's description: every operation this build routes (the development sign-in's only
/// where it is built in).
pub fn openapi() -> utoipa::openapi::OpenApi {
    described(utoipa_axum::router::OpenApiRouter::with_openapi(ApiDoc::openapi())).into_openapi()
}

#[utoipa::path(get, path = "/api/openapi.json", tag = "service",
    responses((status = 200, description = "This description of the API (OpenAPI 3.1)", body = Object)))]
async fn openapi_json() -> Response {
    // Made on the first request, not at start-up, and kept: it never changes while running.
    static DESCRIPTION: std::sync::LazyLock<String> = std::sync::LazyLock::new(|| {
        serde_json::to_string(&openapi()).expect("the OpenAPI description serialises")
    });
    ([(header::CONTENT_TYPE, "application/json")], DESCRIPTION.as_str()).into_response()
}

#[cfg(test)]
mod tests {
    /// The development sign-in is described exactly where it is built in. `make test` runs this
    /// with it built in; without it (as the Lambda is built) it passed when written, but not every
    /// unit test of the crate builds without the feature yet (`store`'s uses its sign-in mode).
    #[test]
    fn the_description_has_the_development_sign_in_only_where_it_is_built_in() {
        let description = super::openapi();
        for path in ["/api/dev/sign-in", "/api/dev/jwks.json"] {
            assert_eq!(description.paths.paths.contains_key(path), cfg!(feature = "dev-sign-in"), "{path}");
        }
        assert!(description.paths.paths.contains_key("/api/sign-in"));
    }
}
