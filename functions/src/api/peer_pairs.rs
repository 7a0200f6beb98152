//! Peer pairs over HTTP (`app::peer_pairs`): the organisations suggested as a peer review's peers
//! and the one confirmed, as JSON and as a page with a form (`crate::views::peer_pairs`).

use super::caller::SignedIn;
use super::error::ApiError;
use super::review_forms::{failed_with, page, read_form, value};
use super::{FormBody, JsonBody, PathParams};
use crate::app::peer_pairs::{self, PeerPairs};
use crate::app::{App, AppError};
use crate::views::{Feedback, peer_pairs as pages};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use wgll_shared::ids::ReviewId;
use wgll_shared::peer_pairs::{PeerPair, PeerPairChoice};
use wgll_shared::problem::Problem;

#[utoipa::path(get, path = "/api/reviews/{id}/peers", tag = "reviews", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    responses(
        (status = 200, description = "The peer organisation confirmed, if any, and those suggested: the same kind, in another ICS, closest in weighted population first", body = PeerPairs),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A self-assessment, which has no peers", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_peers(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
) -> Result<Json<PeerPairs>, ApiError> {
    Ok(Json(peer_pairs::view(&app, &user, &id).await?))
}

#[utoipa::path(put, path = "/api/reviews/{id}/peer", tag = "reviews", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    request_body = PeerPairChoice,
    responses(
        (status = 200, description = "Confirmed, with the confirmation in the review's history", body = PeerPair),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A self-assessment, or another peer confirmed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "No such organisation, or not a peer (another kind, or the same ICS)", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn confirm_peer(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
    JsonBody(choice): JsonBody<PeerPairChoice>,
) -> Result<Json<PeerPair>, ApiError> {
    Ok(Json(peer_pairs::confirm(&app, &user, &id, choice).await?))
}

#[utoipa::path(get, path = "/api/views/reviews/{id}/peers", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    responses(
        (status = 200, description = "The peer organisation confirmed and those suggested, with the form that confirms one: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A self-assessment, which has no peers", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn peers_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
) -> Result<Response, ApiError> {
    let peers = peer_pairs::view(&app, &user, &id).await?;
    Ok(page(StatusCode::OK, pages::render(&peers, &Feedback::default())))
}

#[utoipa::path(post, path = "/api/views/reviews/{id}/peers", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`version`: the confirmed pair's as read (0 for none); `organisation`: the chosen peer's ODS code"),
    responses(
        (status = 200, description = "Confirmed: the page again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "A self-assessment, or another peer confirmed since it was read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "Fields to correct: the page again with the error by the field", body = String, content_type = "text/html"),
    ))]
pub async fn peers_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    peer_pairs::view(&app, &user, &id).await?;
    let version = read_form(&fields, &["version", "organisation"])?;
    let choice = PeerPairChoice { organisation: value(&fields, "organisation").to_owned(), version };
    let (status, feedback) = match peer_pairs::confirm(&app, &user, &id, choice).await {
        Ok(pair) => {
            let notice = format!("You confirmed {} ({}) as the peer organisation.", pair.name, pair.ods_code);
            (StatusCode::OK, Feedback { notice: Some(notice), ..Feedback::default() })
        }
        Err(AppError::Conflict(message)) => {
            let errors = vec![wgll_shared::FieldError::new("organisation", message)];
            (StatusCode::CONFLICT, Feedback { notice: None, errors, typed: fields })
        }
        Err(error) => failed_with(error, fields, str::to_owned)?,
    };
    let peers = peer_pairs::view(&app, &user, &id).await?;
    Ok(page(status, pages::render(&peers, &feedback)))
}
