//! The app's pages that only show something (`crate::views`), as HTML fragments the app shows
//! inside its layout: each at `/api/views` + the page's own address, deciding who is calling
//! first and reading through the same `app` functions (and so the same rules) as the JSON API.

use super::PathParams;
use super::caller::SignedIn;
use super::error::ApiError;
use crate::app::{App, reviews};
use crate::views;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use maud::Markup;
use wgll_shared::ids::ReviewId;
use wgll_shared::problem::Problem;

/// A view's answer: an HTML fragment.
fn fragment(markup: Markup) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], markup.0)
}

#[utoipa::path(get, path = "/api/views/reviews/{id}/report", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    responses(
        (status = 200, description = "The review as a printable report: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not assigned to this review, nor its lead", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn review_report(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(fragment(views::report::render(&reviews::get_detail(&app, &user, &id).await?)))
}

#[utoipa::path(get, path = "/api/views/framework", tag = "views",
    responses(
        (status = 200, description = "The current framework's 7 success measures: an HTML fragment for the app's page (public)", body = String, content_type = "text/html"),
    ))]
pub async fn framework() -> Result<impl IntoResponse, ApiError> {
    let view = views::framework::render().map_err(crate::app::AppError::Internal)?;
    Ok(fragment(view))
}
