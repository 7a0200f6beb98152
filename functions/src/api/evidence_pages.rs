//! The evidence pack as a page (`crate::views::evidence`) with its forms: the app sends an upload
//! form's chosen file as the request's body (as the JSON API takes it) and a delete form as a
//! form, and shows the page the server answers with: with a notice once done, or with the error
//! by the file field (413 or 422, nothing kept). The same `app::evidence` functions, and so the
//! same rules, as the JSON API's.

use super::caller::SignedIn;
use super::error::ApiError;
use super::evidence::{UploadQuery, read_upload};
use super::{FormBody, PathParams, QueryParams};
use crate::app::{App, AppError, evidence};
use crate::views::{Feedback, evidence as view};
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use wgll_shared::FieldError;
use wgll_shared::access::User;
use wgll_shared::ids::EvidenceId;
use wgll_shared::organisation::OdsCode;
use wgll_shared::period::Period;
use wgll_shared::problem::Problem;

/// The page as `user` may see it (the rules decide before anything is read), with `feedback`.
async fn page(
    app: &App,
    user: &User,
    ods: &OdsCode,
    period: &Period,
    status: StatusCode,
    feedback: Feedback,
) -> Result<Response, ApiError> {
    let organisation = evidence::may_read(app, user, ods, period).await?;
    let documents = app.store.list_evidence(ods, period).await.map_err(AppError::from)?;
    let may_change = evidence::may_change_organisation(user, &organisation);
    let markup = view::page(&organisation, period, &documents, may_change, &feedback);
    Ok((status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], markup.0).into_response())
}

/// A refusal of what was sent, shown by the file field; anything else as a problem.
fn refused(error: ApiError) -> Result<(StatusCode, Feedback), ApiError> {
    match error {
        ApiError::DocumentTooLarge(message) => Ok((
            StatusCode::PAYLOAD_TOO_LARGE,
            Feedback { errors: vec![FieldError::new("file", message)], ..Feedback::default() },
        )),
        ApiError::App(AppError::Invalid(errors)) => {
            // The name and the file are one field on the page: the file chosen.
            let errors = errors.into_iter().map(|error| FieldError::new("file", error.message)).collect();
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Feedback { errors, ..Feedback::default() }))
        }
        other => Err(other),
    }
}

#[utoipa::path(get, path = "/api/views/organisations/{ods}/evidence/{period}", tag = "views", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code"),
        ("period" = wgll_shared::period::Period, Path, description = "Financial year, as 2025-26")),
    responses(
        (status = 200, description = "The year's evidence pack, with the upload form for those who may change it: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not one of its leads, an administrator or a reviewer of its reviews that year", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn evidence_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, period)): PathParams<(OdsCode, Period)>,
) -> Result<Response, ApiError> {
    page(&app, &user, &ods, &period, StatusCode::OK, Feedback::default()).await
}

#[utoipa::path(post, path = "/api/views/organisations/{ods}/evidence/{period}", tag = "views", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code"),
        ("period" = wgll_shared::period::Period, Path, description = "Financial year, as 2025-26"), UploadQuery),
    request_body(content = super::evidence::DocumentBytes, content_type = "application/octet-stream", description = "The chosen file itself, sent with its own type, as `POST /api/organisations/{ods}/evidence/{period}` takes it"),
    responses(
        (status = 200, description = "Kept: the page again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a lead of this organisation or its ICS", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 4 MiB: the page again saying so, nothing kept", body = String, content_type = "text/html"),
        (status = 422, description = "Not a kind of document taken: the page again saying so, nothing kept", body = String, content_type = "text/html"),
    ))]
pub async fn upload_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, period)): PathParams<(OdsCode, Period)>,
    QueryParams(query): QueryParams<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<Response, ApiError> {
    let allowed = evidence::may_change(&app, &user, &ods).await?;
    let kept = match read_upload(&headers, body, query.name).await {
        Ok(upload) if upload.name.trim().is_empty() && upload.bytes.is_empty() => {
            Err(ApiError::from(AppError::invalid("file", "Select the document to upload")))
        }
        Ok(upload) => evidence::upload(&app, &user, allowed, &period, upload).await.map_err(ApiError::from),
        Err(error) => Err(error),
    };
    let (status, feedback) = match kept {
        Ok(document) => (
            StatusCode::OK,
            Feedback {
                notice: Some(format!("“{}” was uploaded.", document.name)), ..Feedback::default()
            },
        ),
        Err(error) => refused(error)?,
    };
    page(&app, &user, &ods, &period, status, feedback).await
}

#[utoipa::path(post, path = "/api/views/organisations/{ods}/evidence/{period}/{id}/delete", tag = "views", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code"),
        ("period" = wgll_shared::period::Period, Path, description = "Financial year, as 2025-26"),
        ("id" = EvidenceId, Path, description = "The document's id")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "No fields"),
    responses(
        (status = 200, description = "Deleted: the page again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a lead of this organisation or its ICS", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or document", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, period, id)): PathParams<(OdsCode, Period, EvidenceId)>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    let allowed = evidence::may_change(&app, &user, &ods).await?;
    if let Some((name, _)) = fields.first() {
        return Err(
            AppError::invalid(name, format!("This form has no field “{name}”: reload the page")).into()
        );
    }
    evidence::delete(&app, &user, allowed, &period, &id).await?;
    let feedback = Feedback { notice: Some("The document was deleted.".to_owned()), ..Feedback::default() };
    page(&app, &user, &ods, &period, StatusCode::OK, feedback).await
}
