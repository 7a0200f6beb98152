//! Assessment rounds over HTTP (`app::rounds`).

use super::caller::SignedIn;
use super::error::ApiError;
use super::{JsonBody, PathParams};
use crate::app::{App, rounds};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use wgll_shared::period::Period;
use wgll_shared::problem::Problem;
use wgll_shared::rounds::{NewRound, Round};

#[utoipa::path(get, path = "/api/rounds", tag = "rounds", security(("bearer" = [])),
    responses(
        (status = 200, description = "Every assessment round with its phases, oldest year first", body = [Round]),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_rounds(
    State(app): State<App>,
    SignedIn(user): SignedIn,
) -> Result<Json<Vec<Round>>, ApiError> {
    Ok(Json(rounds::list(&app, &user).await?))
}

#[utoipa::path(post, path = "/api/rounds", tag = "rounds", security(("bearer" = [])),
    request_body = NewRound,
    responses(
        (status = 201, description = "Opened", body = Round),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The year's round is already open", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn open_round(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    JsonBody(form): JsonBody<NewRound>,
) -> Result<(StatusCode, Json<Round>), ApiError> {
    Ok((StatusCode::CREATED, Json(rounds::open(&app, &user, form).await?)))
}

#[utoipa::path(get, path = "/api/rounds/{period}", tag = "rounds", security(("bearer" = [])),
    params(("period" = Period, Path, description = "Financial year, e.g. `2025-26`")),
    responses(
        (status = 200, description = "The year's round and its phases", body = Round),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No round for that year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_round(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
) -> Result<Json<Round>, ApiError> {
    Ok(Json(rounds::get(&app, &user, &period).await?))
}

#[utoipa::path(get, path = "/api/rounds/{period}/plan", tag = "rounds", security(("bearer" = [])),
    params(("period" = Period, Path, description = "Financial year, e.g. `2025-26`")),
    responses(
        (status = 200, description = "Seed 001's 2021/22 phases moved to that year: what the form to open a round starts from", body = NewRound),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_round_plan(
    SignedIn(_user): SignedIn,
    PathParams(period): PathParams<Period>,
) -> Result<Json<NewRound>, ApiError> {
    Ok(Json(NewRound::plan_for(&period)))
}
