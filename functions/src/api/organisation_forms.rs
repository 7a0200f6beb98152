//! The form that adds an organisation (`crate::views::organisation_form`), posted by the app and
//! answered with the page again: with a notice and a link to the organisation once added, with
//! each error by its field and what was typed kept (422, nothing added), or with the clash
//! explained (409). The same `app::organisations::create`, and so the same rules, as
//! `POST /api/organisations`.

use super::FormBody;
use super::caller::SignedIn;
use super::error::ApiError;
use super::review_forms::{failed_with, page, refuse_unknown, value};
use crate::app::{App, AppError, organisations};
use crate::views::{Feedback, organisation_form};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use wgll_shared::FieldError;
use wgll_shared::organisation::NewOrganisation;
use wgll_shared::problem::Problem;

const FIELDS: [&str; 6] = ["name", "odsCode", "kind", "icsCode", "region", "town"];

/// The page's id for a field of the request.
fn field_id(field: &str) -> String {
    match field {
        "odsCode" => "ods-code".to_owned(),
        "icsCode" => "ics-code".to_owned(),
        other => other.to_owned(),
    }
}

#[utoipa::path(get, path = "/api/views/organisations/new", tag = "views", security(("bearer" = [])),
    responses(
        (status = 200, description = "The form that adds an organisation: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn new_organisation_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
) -> Result<Response, ApiError> {
    let systems = organisations::list(&app, Some(&user), None).await?;
    Ok(page(StatusCode::OK, organisation_form::render(&systems, None, &Feedback::default())))
}

#[utoipa::path(post, path = "/api/views/organisations/new", tag = "views", security(("bearer" = [])),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`name`, `odsCode`, `kind`, `icsCode` (for an organisation in an ICS), `region` (for an ICS), `town`"),
    responses(
        (status = 200, description = "Added: the form again, empty, with a notice and a link to the organisation", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to add this organisation (an ICS: administrators; an organisation: administrators and its ICS's lead)", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The ODS code is taken: the form again, saying so, with what was typed", body = String, content_type = "text/html"),
        (status = 422, description = "Fields to correct: the form again with each error by its field and what was typed; nothing is added", body = String, content_type = "text/html"),
    ))]
pub async fn new_organisation_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    refuse_unknown(&fields, &FIELDS)?;
    let form = NewOrganisation {
        ods_code: value(&fields, "odsCode").to_owned(),
        name: value(&fields, "name").to_owned(),
        kind: value(&fields, "kind").to_owned(),
        ics_code: value(&fields, "icsCode").to_owned(),
        town: value(&fields, "town").to_owned(),
        region: value(&fields, "region").to_owned(),
    };
    let (status, feedback, added) = match organisations::create(&app, &user, form).await {
        Ok(added) => {
            let notice = format!("You added {} ({}).", added.name, added.ods_code);
            (StatusCode::OK, Feedback { notice: Some(notice), ..Feedback::default() }, Some(added))
        }
        // A clash is the ODS code's: shown by that field.
        Err(AppError::Conflict(message)) => {
            let errors = vec![FieldError::new("ods-code", message)];
            (StatusCode::CONFLICT, Feedback { notice: None, errors, typed: fields }, None)
        }
        Err(error) => {
            let (status, feedback) = failed_with(error, fields, field_id)?;
            (status, feedback, None)
        }
    };
    let systems = organisations::list(&app, Some(&user), None).await?;
    Ok(page(status, organisation_form::render(&systems, added.as_ref(), &feedback)))
}
