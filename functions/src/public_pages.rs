//! The public, citizen-facing pages of the digital offer, rendered on the server as plain NHS.UK
//! HTML: no sign-in, no JavaScript, a few kilobytes each, so they are quick on a slow connection and
//! work with any browser, keyboard or screen reader. They read through the same functions as the
//! `/api/public` endpoints, which give only live and pilot services and nothing internal.
//!
//! - `/digital-services`: find an organisation by name, town or ODS code, or browse by ICS.
//! - `/digital-services/ics/{ics}`: an ICS's organisations.
//! - `/digital-services/{ods}`: what can be done online with one organisation, and where.
//! - `/digital-services/{ods}/report`: tell an organisation something shown is wrong (posted as a
//!   plain form; kept for its leads, never shown publicly).
//!
//! This module answers the requests (reads, status, headers); the HTML is written with maud, which
//! checks it when compiling and escapes every value put into it: one module a page, and `layout`
//! for what they share.

use crate::app::offers::{PUBLIC_CACHE, find_public_organisations, public_ics, public_offer, public_systems};
use crate::app::{App, AppError};
use axum::Router;
use axum::extract::DefaultBodyLimit;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use maud::Markup;
use wgll_shared::contact::ProblemReportForm;
use wgll_shared::organisation::OdsCode;

mod find;
mod ics;
pub(crate) mod layout;
mod organisation;
mod problem;
mod report;

/// No scripts at all; styles and images only from here; fonts from the NHS font host.
const POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
                      font-src 'self'; form-action 'self'; base-uri 'none'; \
                      frame-ancestors 'none'";

pub fn router(app: App) -> Router {
    Router::new()
        .route("/digital-services", get(find_page))
        .route("/digital-services/ics/{ics}", get(ics_page))
        .route("/digital-services/{ods}", get(organisation_page))
        .route(
            "/digital-services/{ods}/report",
            get(report_page).post(send_report).layer(DefaultBodyLimit::max(REPORT_BODY_LIMIT)),
        )
        .with_state(app)
}

/// `main` as a whole page in the NHS.UK layout, with the headers every public page has.
fn page(status: StatusCode, title: &str, main: Markup) -> Response {
    let mut response = (status, layout::page(title, main).into_string()).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(POLICY));
    let cache = if status.is_success() { PUBLIC_CACHE } else { "no-store" };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

/// An error as a page: what went wrong and where to go next.
fn problem_page(error: AppError) -> Response {
    let (status, title, message) = match &error {
        AppError::NotFound(message) => (StatusCode::NOT_FOUND, "Page not found", message.clone()),
        AppError::Unavailable(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "Sorry, there is a problem with the service",
            "Try again in a few minutes.".to_owned(),
        ),
        _ => {
            tracing::error!(%error, "a public page failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Sorry, there is a problem with the service",
                "Try again later.".to_owned(),
            )
        }
    };
    let mut response = page(status, title, problem::render(title, &message));
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
    }
    response
}

async fn find_page(State(app): State<App>, RawQuery(query): RawQuery) -> Response {
    let search = find::search_parameter(query.as_deref());
    let outcome = match search.as_deref() {
        None => find::Outcome::NotSearched,
        Some(search) => match find_public_organisations(&app, None, search).await {
            Ok(found) => find::Outcome::Found(found),
            Err(AppError::Invalid(errors)) => find::Outcome::Refused(
                errors.into_iter().map(|error| error.message).next().unwrap_or_default(),
            ),
            Err(other) => return problem_page(other),
        },
    };
    let systems = match public_systems(&app, None).await {
        Ok(systems) => systems,
        Err(other) => return problem_page(other),
    };
    let (status, title) = match outcome {
        find::Outcome::Refused(_) => (StatusCode::UNPROCESSABLE_ENTITY, "Error: Find digital services"),
        find::Outcome::NotSearched | find::Outcome::Found(_) => (StatusCode::OK, "Find digital services"),
    };
    page(status, title, find::render(search.as_deref().unwrap_or_default(), &outcome, &systems))
}

async fn ics_page(State(app): State<App>, Path(ics): Path<String>) -> Response {
    let Ok(ics) = OdsCode::parse(&ics) else { return problem_page(no_such_code(&ics)) };
    match public_ics(&app, None, &ics).await {
        Ok(system) => page(StatusCode::OK, &system.ics.name, ics::render(&system)),
        Err(error) => problem_page(error),
    }
}

async fn organisation_page(State(app): State<App>, Path(ods): Path<String>) -> Response {
    let Ok(ods) = OdsCode::parse(&ods) else { return problem_page(no_such_code(&ods)) };
    match public_offer(&app, None, &ods).await {
        Ok(offer) => page(StatusCode::OK, &offer.organisation.name, organisation::render(&offer)),
        Err(error) => problem_page(error),
    }
}

/// A report's form is a few kilobytes at most: a larger body is refused before it is read.
const REPORT_BODY_LIMIT: usize = 16 * 1024;

async fn report_page(State(app): State<App>, Path(ods): Path<String>) -> Response {
    let Ok(ods) = OdsCode::parse(&ods) else { return problem_page(no_such_code(&ods)) };
    match crate::app::organisations::find(&app, &ods).await {
        Ok(organisation) => {
            let form = ProblemReportForm::default();
            let mut response =
                page(StatusCode::OK, "Report something wrong", report::render(&organisation, &form, &[]));
            // The form is the same for everyone, but a report page is never worth caching.
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(error) => problem_page(error),
    }
}

async fn send_report(State(app): State<App>, Path(ods): Path<String>, body: axum::body::Bytes) -> Response {
    let Ok(ods) = OdsCode::parse(&ods) else { return problem_page(no_such_code(&ods)) };
    let organisation = match crate::app::organisations::find(&app, &ods).await {
        Ok(organisation) => organisation,
        Err(error) => return problem_page(error),
    };
    // Only the form's own fields: anything else is not from this page.
    let (form, unreadable) = match serde_urlencoded::from_bytes::<ProblemReportForm>(&body) {
        Ok(form) => (form, None),
        Err(_) => {
            (ProblemReportForm::default(), Some("The form could not be read: reload the page and try again"))
        }
    };
    let refused = |status: StatusCode, errors: Vec<wgll_shared::FieldError>| {
        let mut response =
            page(status, "Error: Report something wrong", report::render(&organisation, &form, &errors));
        response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
        response
    };
    if let Some(message) = unreadable {
        return refused(StatusCode::BAD_REQUEST, vec![wgll_shared::FieldError::new("message", message)]);
    }
    match crate::app::offers::report_problem(&app, &ods, &form).await {
        Ok(()) => {
            let mut response = page(StatusCode::OK, "Report sent", report::sent(&organisation));
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
            response
        }
        Err(AppError::Invalid(errors)) => refused(StatusCode::UNPROCESSABLE_ENTITY, errors),
        Err(AppError::Conflict(message)) => {
            refused(StatusCode::TOO_MANY_REQUESTS, vec![wgll_shared::FieldError::new("message", message)])
        }
        Err(other) => problem_page(other),
    }
}

/// What a page addressed by something that is not an ODS code says.
fn no_such_code(text: &str) -> AppError {
    AppError::NotFound(format!("There is no organisation with ODS code “{text}”."))
}
