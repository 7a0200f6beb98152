//! Bids over HTTP (`app::bids`): start a bid, list an organisation's, read one with the year's
//! funds and the actions it may link, save a draft as it is typed, and submit it.

use super::caller::SignedIn;
use super::error::ApiError;
use super::{JsonBody, PathParams};
use crate::app::App;
use crate::app::bids::{self, BidSubmission, BidView, NewBid, SavedDraft};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use wgll_shared::bids::{Bid, BidUpdate};
use wgll_shared::ids::BidId;
use wgll_shared::organisation::OdsCode;
use wgll_shared::problem::Problem;

#[utoipa::path(post, path = "/api/organisations/{ods}/bids", tag = "bids", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The applicant's ODS code")),
    request_body = NewBid,
    responses(
        (status = 201, description = "A draft bid for the year", body = Bid),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn start_bid(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
    JsonBody(form): JsonBody<NewBid>,
) -> Result<(StatusCode, Json<Bid>), ApiError> {
    Ok((StatusCode::CREATED, Json(bids::start(&app, &user, &ods, form).await?)))
}

#[utoipa::path(get, path = "/api/organisations/{ods}/bids", tag = "bids", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The applicant's ODS code")),
    responses(
        (status = 200, description = "The organisation's bids, newest first", body = [Bid]),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_bids(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
) -> Result<Json<Vec<Bid>>, ApiError> {
    Ok(Json(bids::list(&app, &user, &ods).await?))
}

#[utoipa::path(get, path = "/api/organisations/{ods}/bids/{id}", tag = "bids", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The applicant's ODS code"), ("id" = BidId, Path, description = "The bid's id")),
    responses(
        (status = 200, description = "The bid, the year's funds (with their closing dates) and the applicant's actions it may link", body = BidView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or bid", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_bid(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, id)): PathParams<(OdsCode, BidId)>,
) -> Result<Json<BidView>, ApiError> {
    Ok(Json(bids::view(&app, &user, &ods, &id).await?))
}

#[utoipa::path(put, path = "/api/organisations/{ods}/bids/{id}", tag = "bids", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The applicant's ODS code"), ("id" = BidId, Path, description = "The bid's id")),
    request_body = BidUpdate,
    responses(
        (status = 200, description = "Saved: the bid as it now is, and each field held back (kept as it was) with why", body = SavedDraft),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or bid", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Submitted already, or saved elsewhere since the version read", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn save_bid(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, id)): PathParams<(OdsCode, BidId)>,
    JsonBody(update): JsonBody<BidUpdate>,
) -> Result<Json<SavedDraft>, ApiError> {
    Ok(Json(bids::save_draft(&app, &user, &ods, &id, update).await?))
}

#[utoipa::path(post, path = "/api/organisations/{ods}/bids/{id}/submit", tag = "bids", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The applicant's ODS code"), ("id" = BidId, Path, description = "The bid's id")),
    request_body = BidSubmission,
    responses(
        (status = 200, description = "Submitted to the review board", body = Bid),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or bid", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Submitted already, or saved elsewhere since the version read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not ready: every missing part named, and any fund that has closed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn submit_bid(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, id)): PathParams<(OdsCode, BidId)>,
    JsonBody(submission): JsonBody<BidSubmission>,
) -> Result<Json<Bid>, ApiError> {
    Ok(Json(bids::submit(&app, &user, &ods, &id, submission).await?))
}
