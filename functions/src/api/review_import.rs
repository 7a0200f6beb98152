//! The page that imports a review (`crate::views::review_import`): the chosen file arrives as the
//! request's whole body, is read as a review export (unknown fields refused, as the JSON API's
//! `POST /api/reviews/import` does) and goes through the same `app::reviews::import`, and so the
//! same rules. Imported, the answer takes the person to the new draft; refused, it is the page
//! again saying why, nothing written.

use super::QueryParams;
use super::caller::SignedIn;
use super::error::ApiError;
use super::review_forms::{failed_with, page};
use crate::app::{App, AppError, reviews};
use axum::body::Bytes;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use wgll_shared::export::ReviewExport;
use wgll_shared::problem::Problem;

use crate::views::review_import::render;
use crate::views::{Feedback, taken_to};

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ImportQuery {
    /// The chosen file's name, as the app sends every upload's (not used).
    #[allow(dead_code)]
    name: Option<String>,
}

#[utoipa::path(get, path = "/api/views/reviews/import", tag = "views", security(("bearer" = [])),
    responses(
        (status = 200, description = "The form that imports a review export: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn import_page(SignedIn(_user): SignedIn) -> Result<Response, ApiError> {
    Ok(page(StatusCode::OK, render(&Feedback::default())))
}

#[utoipa::path(post, path = "/api/views/reviews/import", tag = "views", security(("bearer" = [])),
    params(ImportQuery),
    request_body(content = ReviewExport, content_type = "application/json", description = "The chosen file itself: a review export, as `GET /api/reviews/{id}/export.json` gives it"),
    responses(
        (status = 200, description = "Imported: a fragment that takes the app to the new draft (`data-navigate`), with a link to it", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to start a review of the export's organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Not a review export, or one that breaks a rule: the page again saying what, nothing written", body = String, content_type = "text/html"),
    ))]
pub async fn import_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(_query): QueryParams<ImportQuery>,
    file: Bytes,
) -> Result<Response, ApiError> {
    let imported = match serde_json::from_slice::<ReviewExport>(&file) {
        _ if file.is_empty() => Err(AppError::invalid("file", "Choose the review export (.json) to import")),
        Ok(export) => reviews::import(&app, &user, export).await,
        Err(error) => Err(AppError::invalid(
            "file",
            format!(
                "This file is not a review export: choose a .json file downloaded from a review’s “Download as JSON” button ({error})"
            ),
        )),
    };
    match imported {
        Ok(review) => {
            let path = format!("/reviews/{}", review.id);
            Ok(page(StatusCode::OK, taken_to(&path, "The review was imported as a new draft.", "Open it")))
        }
        Err(error) => {
            // The export's own fields (`measures[2].level`) are not on the page: its one field is the file.
            let (status, feedback) = failed_with(error, Vec::new(), |_| "file".to_owned())?;
            Ok(page(status, render(&feedback)))
        }
    }
}
