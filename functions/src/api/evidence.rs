//! Evidence packs over HTTP (`app::evidence`): a document is uploaded as the request's whole body
//! (its type in `Content-Type`, its file name in `?name=`), never through a form's multipart
//! encoding, and opened through a signed link the API answers with.

use super::caller::SignedIn;
use super::error::ApiError;
use super::{PathParams, QueryParams};
use crate::app::App;
use crate::app::evidence::{self, UPLOAD_READ_LIMIT, Upload};
use axum::Json;
use axum::body::Body;
use axum::extract::State;
use axum::http::{HeaderMap, StatusCode, header};
use http_body_util::BodyExt;
use serde::Deserialize;
use wgll_shared::evidence::{DocumentLink, EvidenceDocument};
use wgll_shared::ids::EvidenceId;
use wgll_shared::organisation::OdsCode;
use wgll_shared::period::Period;
use wgll_shared::problem::Problem;

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct UploadQuery {
    /// The file's name, as the person's computer called it: shown, never used as a path.
    pub(super) name: String,
}

/// A document's bytes as the request's whole body (for the OpenAPI description: binary, not JSON).
pub struct DocumentBytes;

impl utoipa::PartialSchema for DocumentBytes {
    fn schema() -> utoipa::openapi::RefOr<utoipa::openapi::schema::Schema> {
        use utoipa::openapi::schema::{KnownFormat, ObjectBuilder, SchemaFormat, Type};
        ObjectBuilder::new()
            .schema_type(Type::String)
            .format(Some(SchemaFormat::KnownFormat(KnownFormat::Binary)))
            .into()
    }
}

impl utoipa::ToSchema for DocumentBytes {}

#[utoipa::path(post, path = "/api/organisations/{ods}/evidence/{period}", tag = "evidence", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code"),
        ("period" = wgll_shared::period::Period, Path, description = "Financial year, as 2025-26"), UploadQuery),
    request_body(content = DocumentBytes, content_type = "application/octet-stream",
        description = "The document itself, at most 4 MiB, sent with its own type: application/pdf, application/msword, application/vnd.openxmlformats-officedocument.wordprocessingml.document, application/vnd.ms-excel, application/vnd.openxmlformats-officedocument.spreadsheetml.sheet, image/png or image/jpeg"),
    responses(
        (status = 201, description = "Kept", body = EvidenceDocument),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a lead of this organisation or its ICS", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 413, description = "Larger than 4 MiB: nothing was kept", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a kind of document taken, or not what its name says: nothing was kept", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn upload_evidence(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, period)): PathParams<(OdsCode, Period)>,
    QueryParams(query): QueryParams<UploadQuery>,
    headers: HeaderMap,
    body: Body,
) -> Result<(StatusCode, Json<EvidenceDocument>), ApiError> {
    // Who may send it is decided before a byte of it is read.
    let allowed = evidence::may_change(&app, &user, &ods).await?;
    let upload = read_upload(&headers, body, query.name).await?;
    Ok((StatusCode::CREATED, Json(evidence::upload(&app, &user, allowed, &period, upload).await?)))
}

/// The document a request carries as its whole body, read only up to one byte past the limit (the
/// API's usual limit is for JSON, far smaller): a body without a length, or lying about it, is
/// cut off there, and one over the limit is refused with nothing kept.
pub(super) async fn read_upload(headers: &HeaderMap, body: Body, name: String) -> Result<Upload, ApiError> {
    let declared_length = headers
        .get(header::CONTENT_LENGTH)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.parse::<usize>().ok());
    if declared_length.is_some_and(|length| length >= UPLOAD_READ_LIMIT) {
        return Err(ApiError::DocumentTooLarge(evidence::too_large()));
    }
    let bytes = match http_body_util::Limited::new(body, UPLOAD_READ_LIMIT).collect().await {
        Ok(collected) => collected.to_bytes(),
        Err(error) if error.is::<http_body_util::LengthLimitError>() => {
            return Err(ApiError::DocumentTooLarge(evidence::too_large()));
        }
        Err(error) => return Err(ApiError::BadRequest(format!("The file could not be read: {error}."))),
    };
    if bytes.len() >= UPLOAD_READ_LIMIT {
        return Err(ApiError::DocumentTooLarge(evidence::too_large()));
    }
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    Ok(Upload { name, content_type, bytes: bytes.to_vec() })
}

#[utoipa::path(get, path = "/api/organisations/{ods}/evidence/{period}", tag = "evidence", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code"),
        ("period" = wgll_shared::period::Period, Path, description = "Financial year, as 2025-26")),
    responses(
        (status = 200, description = "The year's documents, oldest first", body = [EvidenceDocument]),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not one of its leads, an administrator or a reviewer of its reviews that year", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_evidence(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, period)): PathParams<(OdsCode, Period)>,
) -> Result<Json<Vec<EvidenceDocument>>, ApiError> {
    Ok(Json(evidence::list(&app, &user, &ods, &period).await?))
}

#[utoipa::path(get, path = "/api/organisations/{ods}/evidence/{period}/{id}", tag = "evidence", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code"),
        ("period" = wgll_shared::period::Period, Path, description = "Financial year, as 2025-26"),
        ("id" = EvidenceId, Path, description = "The document's id")),
    responses(
        (status = 200, description = "A link that opens the document for a few minutes", body = DocumentLink),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not one of its leads, an administrator or a reviewer of its reviews that year", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or document", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn open_evidence(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, period, id)): PathParams<(OdsCode, Period, EvidenceId)>,
) -> Result<Json<DocumentLink>, ApiError> {
    Ok(Json(evidence::open(&app, &user, &ods, &period, &id).await?))
}

#[utoipa::path(delete, path = "/api/organisations/{ods}/evidence/{period}/{id}", tag = "evidence", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code"),
        ("period" = wgll_shared::period::Period, Path, description = "Financial year, as 2025-26"),
        ("id" = EvidenceId, Path, description = "The document's id")),
    responses(
        (status = 204, description = "Deleted"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a lead of this organisation or its ICS", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or document", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn delete_evidence(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, period, id)): PathParams<(OdsCode, Period, EvidenceId)>,
) -> Result<StatusCode, ApiError> {
    let allowed = evidence::may_change(&app, &user, &ods).await?;
    evidence::delete(&app, &user, allowed, &period, &id).await?;
    Ok(StatusCode::NO_CONTENT)
}
