//! A person's own work over HTTP (`app::my_work`): as JSON, and as the app's page
//! (`views::my_work`). Opening either records the visit, so what happened is new only once.

use super::caller::SignedIn;
use super::error::ApiError;
use crate::app::{App, my_work};
use crate::views;
use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use wgll_shared::my_work::MyWork;
use wgll_shared::problem::Problem;

#[utoipa::path(get, path = "/api/my-work", tag = "my work", security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's work: the reviews they are on or whose organisation they lead, with their role and what is due by when (from the round of each review's year), and the newest events, those since their last visit marked new. Records this visit.", body = MyWork),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_my_work(State(app): State<App>, SignedIn(user): SignedIn) -> Result<Json<MyWork>, ApiError> {
    Ok(Json(my_work::open(&app, &user).await?))
}

#[utoipa::path(get, path = "/api/views/my-work", tag = "views", security(("bearer" = [])),
    responses(
        (status = 200, description = "The caller's work (as `/api/my-work`): an HTML fragment for the app's page. Records this visit.", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn my_work_page(State(app): State<App>, SignedIn(user): SignedIn) -> Result<Response, ApiError> {
    let markup = views::my_work::render(&my_work::open(&app, &user).await?);
    Ok(([(header::CONTENT_TYPE, "text/html; charset=utf-8")], markup.0).into_response())
}
