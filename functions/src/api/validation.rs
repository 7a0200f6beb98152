//! Regional validation and the provisional release over HTTP (`app::validation`,
//! `app::provisional`): a region's list of peer reviews to validate and each one's outliers
//! (confirming or returning it is a status change: `POST /api/reviews/{id}/status`); the
//! organisation's factual-error flags and confirmation, and the lead reviewer's answers.

use super::caller::SignedIn;
use super::error::ApiError;
use super::{JsonBody, PathParams};
use crate::app::validation::{RegionQueue, ValidationView};
use crate::app::{App, provisional, validation};
use axum::Json;
use axum::extract::State;
use wgll_shared::ids::ReviewId;
use wgll_shared::problem::Problem;
use wgll_shared::provisional::{FactsConfirmation, FlagAnswerForm, NewFlag};
use wgll_shared::review::Review;

#[utoipa::path(get, path = "/api/validation", tag = "validation", security(("bearer" = [])),
    responses(
        (status = 200, description = "The moderated peer reviews waiting for each of the caller's regions (administrators: every region, and those of ICSs without one), oldest first", body = [RegionQueue]),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not on a regional team nor an administrator", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_awaiting(
    State(app): State<App>,
    SignedIn(user): SignedIn,
) -> Result<Json<Vec<RegionQueue>>, ApiError> {
    Ok(Json(validation::awaiting(&app, &user).await?))
}

#[utoipa::path(get, path = "/api/reviews/{id}/validation", tag = "validation", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    responses(
        (status = 200, description = "The moderated peer review with its outliers: levels two or more from the self-assessment or from similar organisations' median, high levels with little evidence", body = ValidationView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not on the team of the review's region nor an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a peer review waiting for its region", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_validation(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
) -> Result<Json<ValidationView>, ApiError> {
    Ok(Json(validation::view(&app, &user, &id).await?))
}

#[utoipa::path(post, path = "/api/reviews/{id}/flags", tag = "validation", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    request_body = NewFlag,
    responses(
        (status = 200, description = "Flagged: the review with the flag, at its next version", body = Review),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the lead of the organisation reviewed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not provisional, past its last day or confirmed, or changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn flag_error(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
    JsonBody(form): JsonBody<NewFlag>,
) -> Result<Json<Review>, ApiError> {
    Ok(Json(provisional::flag(&app, &user, &id, form).await?))
}

#[utoipa::path(post, path = "/api/reviews/{id}/flags/{number}/answer", tag = "validation", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id"), ("number" = u32, Path, description = "The flag's number")),
    request_body = FlagAnswerForm,
    responses(
        (status = 200, description = "Answered: the review at its next version", body = Review),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the lead reviewer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review or flag", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not provisional, answered already, or changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn answer_flag(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((id, number)): PathParams<(ReviewId, u32)>,
    JsonBody(form): JsonBody<FlagAnswerForm>,
) -> Result<Json<Review>, ApiError> {
    Ok(Json(provisional::answer(&app, &user, &id, number, form).await?))
}

#[utoipa::path(post, path = "/api/reviews/{id}/facts-confirmed", tag = "validation", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    request_body = FactsConfirmation,
    responses(
        (status = 200, description = "Confirmed: the provisional result has no factual errors; the review at its next version", body = Review),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the lead of the organisation reviewed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not provisional, past its last day or confirmed already, or changed since it was read", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn confirm_facts(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
    JsonBody(form): JsonBody<FactsConfirmation>,
) -> Result<Json<Review>, ApiError> {
    Ok(Json(provisional::confirm_facts(&app, &user, &id, form).await?))
}
