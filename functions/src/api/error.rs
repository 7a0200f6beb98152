//! The JSON API's one error type, turned into an RFC 9457 `application/problem+json` response here
//! and nowhere else: the application's errors, and the ways a request can be unreadable. Internal
//! details go to the log, never to the caller.

use crate::app::AppError;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use wgll_shared::problem::{CONTENT_TYPE, Problem};

#[derive(Debug, thiserror::Error)]
pub enum ApiError {
    /// What the application refused, or could not do.
    #[error(transparent)]
    App(#[from] AppError),
    /// The request could not be read at all (not JSON, wrong shape, unknown field…).
    #[error("bad request: {0}")]
    BadRequest(String),
    #[error("method not allowed")]
    MethodNotAllowed,
    #[error("unsupported media type")]
    /// The body is not of the media type the endpoint reads (`application/json`, or a form).
    UnsupportedMediaType(&'static str),
    #[error("payload too large")]
    PayloadTooLarge,
    /// A document over the evidence pack's limit: the detail says the limit.
    #[error("document too large")]
    DocumentTooLarge(String),
}

impl From<crate::store::StoreError> for ApiError {
    fn from(error: crate::store::StoreError) -> Self {
        ApiError::App(error.into())
    }
}

/// Seconds a client should wait before retrying after a 503.
const RETRY_AFTER_SECONDS: &str = "2";

impl ApiError {
    fn problem(&self) -> Problem {
        let (status, kind, title, detail, errors) = match self {
            ApiError::App(AppError::Invalid(errors)) => (
                StatusCode::UNPROCESSABLE_ENTITY,
                "validation",
                "Some answers need correcting",
                "Correct the fields listed in `errors` and send the request again.".to_owned(),
                errors.clone(),
            ),
            ApiError::BadRequest(detail) => (
                StatusCode::BAD_REQUEST,
                "bad-request",
                "The request could not be read",
                detail.clone(),
                vec![],
            ),
            ApiError::App(AppError::Unauthenticated(detail)) => {
                (StatusCode::UNAUTHORIZED, "unauthenticated", "Sign in", detail.clone(), vec![])
            }
            ApiError::App(AppError::Forbidden(detail)) => {
                (StatusCode::FORBIDDEN, "forbidden", "You do not have access", detail.clone(), vec![])
            }
            ApiError::App(AppError::NotFound(detail)) => {
                (StatusCode::NOT_FOUND, "not-found", "Not found", detail.clone(), vec![])
            }
            ApiError::MethodNotAllowed => (
                StatusCode::METHOD_NOT_ALLOWED,
                "method-not-allowed",
                "Method not allowed",
                "This address does not accept that method: see /api/openapi.json.".to_owned(),
                vec![],
            ),
            ApiError::App(AppError::Conflict(detail)) => {
                (StatusCode::CONFLICT, "conflict", "This change clashes with another", detail.clone(), vec![])
            }
            ApiError::UnsupportedMediaType(expected) => (
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "unsupported-media-type",
                if *expected == "application/json" { "Send JSON" } else { "Send a form" },
                format!("Send the request body with the header Content-Type: {expected}."),
                vec![],
            ),
            ApiError::PayloadTooLarge => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload-too-large",
                "The request is too large",
                format!("Send at most {} KiB in one request.", super::BODY_LIMIT_BYTES / 1024),
                vec![],
            ),
            ApiError::DocumentTooLarge(detail) => (
                StatusCode::PAYLOAD_TOO_LARGE,
                "payload-too-large",
                "The file is too large",
                detail.clone(),
                vec![wgll_shared::FieldError::new("file", detail.clone())],
            ),
            ApiError::App(AppError::Unavailable(_)) => (
                StatusCode::SERVICE_UNAVAILABLE,
                "unavailable",
                "The service is busy or briefly unavailable",
                "Nothing was lost. Try again in a few seconds.".to_owned(),
                vec![],
            ),
            ApiError::App(AppError::Internal(_)) => (
                StatusCode::INTERNAL_SERVER_ERROR,
                "internal",
                "Something went wrong on our side",
                "The error has been logged. Try again, and if it keeps happening contact the service team."
                    .to_owned(),
                vec![],
            ),
        };
        Problem {
            kind: format!("/problems/{kind}"),
            title: title.to_owned(),
            status: status.as_u16(),
            detail,
            errors,
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        match &self {
            ApiError::App(AppError::Unavailable(reason)) => tracing::warn!(%reason, "unavailable"),
            ApiError::App(AppError::Internal(reason)) => tracing::error!(%reason, "internal error"),
            _ => {}
        }
        problem_response(&self.problem(), matches!(self, ApiError::App(AppError::Unavailable(_))))
    }
}

fn problem_response(problem: &Problem, retry: bool) -> Response {
    let status = StatusCode::from_u16(problem.status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let body = serde_json::to_vec(problem).unwrap_or_default();
    let mut response = (status, body).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(CONTENT_TYPE));
    if retry {
        headers.insert(header::RETRY_AFTER, HeaderValue::from_static(RETRY_AFTER_SECONDS));
    }
    if status == StatusCode::UNAUTHORIZED {
        headers.insert(header::WWW_AUTHENTICATE, HeaderValue::from_static("Bearer"));
    }
    response
}
