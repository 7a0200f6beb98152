//! The page that changes one service of an organisation's digital offer
//! (`crate::views::offer_service`), and its form: read into the JSON API's
//! `ServiceOfferUpdate` and saved by the same `app::offers::save_service`, so by the same rules.
//! Saved, the answer takes the person back to the organisation's digital services; refused, it is
//! the page again with each error by its field and what was typed (422), or the clash explained
//! (409), nothing saved.

use super::caller::SignedIn;
use super::error::ApiError;
use super::review_forms::{failed_with, page, read_form, value};
use super::{FormBody, PathParams};
use crate::app::{App, AppError, offers, organisations};
use crate::auth::rules::{Action, Target, allows, authorise};
use crate::views::offer_service::render;
use crate::views::{Feedback, taken_to};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use wgll_shared::FieldError;
use wgll_shared::access::User;
use wgll_shared::date::{Date, Month};
use wgll_shared::offer::{Channel, ServiceId, ServiceOfferUpdate, ServiceStatus, service};
use wgll_shared::organisation::OdsCode;
use wgll_shared::problem::Problem;

/// The form's fields, as the page names them.
const FIELDS: &[&str] = &[
    "version",
    "status",
    "channels",
    "since-month",
    "since-year",
    "public-link",
    "source",
    "last-checked-day",
    "last-checked-month",
    "last-checked-year",
];

/// The page for `user`, with `feedback` from its form.
async fn render_page(
    app: &App,
    user: &User,
    ods: &OdsCode,
    service_id: &ServiceId,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let offer = offers::organisation_offer(app, Some(user), ods).await?;
    let service = service(service_id.as_str())
        .ok_or_else(|| AppError::NotFound(format!("There is no service “{service_id}” in the catalogue.")))?;
    // The form only for those the rules let save it (the same rule the save checks).
    let editable = allows(Some(user), Action::EditOffer, &Target::of_organisation(&offer.organisation));
    Ok(page(status, render(&offer, service, editable, app.clock.today(), feedback)))
}

#[utoipa::path(get, path = "/api/views/organisations/{ods}/digital-services/{service}", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "ODS code"), ("service" = ServiceId, Path, description = "The service's id in the catalogue")),
    responses(
        (status = 200, description = "The form that changes the service (or who may, for anyone else): an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or service", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn service_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, service)): PathParams<(OdsCode, ServiceId)>,
) -> Result<Response, ApiError> {
    render_page(&app, &user, &ods, &service, StatusCode::OK, &Feedback::default()).await
}

#[utoipa::path(post, path = "/api/views/organisations/{ods}/digital-services/{service}", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "ODS code"), ("service" = ServiceId, Path, description = "The service's id in the catalogue")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`status` (its code), `channels` (each chosen channel's code, repeated), `since-month` and `since-year`, `public-link`, `source`, `last-checked-day`, `-month` and `-year`, and `version` (the service's record's, as read)"),
    responses(
        (status = 200, description = "Saved: a fragment that takes the app back to the organisation's digital services (`data-navigate`)", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a lead of this organisation or its ICS, nor an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or service", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Saved by someone else since it was read: the page again, saying so, with what was typed", body = String, content_type = "text/html"),
        (status = 422, description = "Fields to correct: the page again with each error by its field and what was typed; nothing saved", body = String, content_type = "text/html"),
    ))]
pub async fn service_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, service)): PathParams<(OdsCode, ServiceId)>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    let organisation = organisations::get(&app, Some(&user), &ods).await?;
    authorise(Some(&user), Action::EditOffer, &Target::of_organisation(&organisation))?;
    let version = read_form(&fields, FIELDS)?;
    let saved = match read_update(&fields, version) {
        Ok(form) => offers::save_service(&app, &user, &ods, &service, form).await,
        Err(errors) => Err(AppError::Invalid(errors)),
    };
    match saved {
        Ok(_) => {
            let back = format!("/organisations/{ods}/digital-services");
            Ok(page(StatusCode::OK, taken_to(&back, "The service is saved.", "Back to the digital services")))
        }
        Err(error) => {
            let (status, feedback) = failed_with(error, fields, field_id)?;
            render_page(&app, &user, &ods, &service, status, &feedback).await
        }
    }
}

/// The page's id of the request's field (the first box of a date).
fn field_id(field: &str) -> String {
    match field {
        "publicLink" => "public-link".to_owned(),
        "lastChecked" => "last-checked".to_owned(),
        other => other.to_owned(),
    }
}

/// The form's fields as the JSON API's update: a status or channel the form does not offer is
/// an error by its field (the rest of the checks are the update's own).
fn read_update(fields: &[(String, String)], version: u64) -> Result<ServiceOfferUpdate, Vec<FieldError>> {
    let mut errors = Vec::new();
    let status = ServiceStatus::ALL.into_iter().find(|status| status.code() == value(fields, "status"));
    if status.is_none() {
        errors.push(FieldError::new("status", "Choose the service’s status"));
    }
    let mut channels = Vec::new();
    for (_, code) in fields.iter().filter(|(name, _)| name == "channels") {
        match Channel::ALL.into_iter().find(|channel| channel.code() == code) {
            Some(channel) if !channels.contains(&channel) => channels.push(channel),
            Some(_) => {}
            None => errors.push(FieldError::new("channels", "Choose channels from the list")),
        }
    }
    let since = Month::join_parts(value(fields, "since-month"), value(fields, "since-year"));
    let last_checked = Date::join_parts(
        value(fields, "last-checked-day"),
        value(fields, "last-checked-month"),
        value(fields, "last-checked-year"),
    );
    match status {
        Some(status) if errors.is_empty() => Ok(ServiceOfferUpdate {
            status,
            channels,
            since,
            source: value(fields, "source").trim().to_owned(),
            public_link: value(fields, "public-link").trim().to_owned(),
            last_checked,
            version,
        }),
        _ => Err(errors),
    }
}
