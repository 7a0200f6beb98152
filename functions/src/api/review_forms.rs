//! Who reviews a review, as pages with a form (`crate::views::review_people`): a peer reviewer's
//! acceptance and a change of a draft's reviewers, each posted by the app as a form and answered
//! with the page again: with a notice once saved, with each error by its field and what was
//! typed kept (422, nothing saved), or with the clash explained (409). The same `app::reviews`
//! functions, and so the same rules, as the JSON API's.

use super::caller::SignedIn;
use super::error::ApiError;
use super::{FormBody, PathParams};
use crate::app::{App, AppError, reviews};
use crate::auth::rules::{Action, authorise};
use crate::views::{Feedback, review_people};
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::Markup;
use wgll_shared::FieldError;
use wgll_shared::access::User;
use wgll_shared::ids::ReviewId;
use wgll_shared::independence::{ReviewAcceptance, ReviewersChange};
use wgll_shared::problem::Problem;
use wgll_shared::review::Review;

pub(super) fn page(status: StatusCode, markup: Markup) -> Response {
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], markup.0).into_response()
}

/// The review, for someone allowed `action` on it (checked before anything else is read).
async fn review_for(app: &App, user: &User, id: &ReviewId, action: Action) -> Result<Review, ApiError> {
    let review = app
        .store
        .get_review(id)
        .await
        .map_err(AppError::from)?
        .ok_or_else(|| AppError::NotFound(format!("There is no review with id “{id}”.")))?;
    authorise(Some(user), action, &reviews::target(&review))?;
    Ok(review)
}

/// Whether the reviewers page links to the peer organisation page: for a peer review, to those
/// who may confirm its peer.
fn shows_peers(user: &User, review: &Review) -> bool {
    review.needs_acceptance()
        && crate::auth::rules::allows(Some(user), Action::ConfirmPeerPair, &reviews::target(review))
}

/// The form's fields, refusing one it does not have; `version` read as a number.
pub(super) fn read_form(fields: &[(String, String)], allowed: &[&str]) -> Result<u64, ApiError> {
    refuse_unknown(fields, allowed)?;
    fields.iter().find(|(name, _)| name == "version").and_then(|(_, value)| value.parse().ok()).ok_or_else(
        || AppError::invalid("version", "The form lost the review’s version: reload the page").into(),
    )
}

/// Refuses a field the form does not have.
pub(super) fn refuse_unknown(fields: &[(String, String)], allowed: &[&str]) -> Result<(), ApiError> {
    match fields.iter().find(|(name, _)| !allowed.contains(&name.as_str())) {
        Some((name, _)) => Err(AppError::invalid(
            name,
            format!("This form has no field “{name}”: reload the page and try again"),
        )
        .into()),
        None => Ok(()),
    }
}

pub(super) fn value<'a>(fields: &'a [(String, String)], name: &str) -> &'a str {
    fields.iter().find(|(field, _)| field == name).map_or("", |(_, value)| value.as_str())
}

/// What a form's failure shows: its errors by the form's field ids, and its status.
fn failed(error: AppError, typed: Vec<(String, String)>) -> Result<(StatusCode, Feedback), ApiError> {
    let field_id =
        |field: &str| if field == "hasConflict" { "has-conflict".to_owned() } else { field.to_owned() };
    failed_with(error, typed, field_id)
}

/// What a form's failure shows: its errors by the ids `field_id` gives the request's fields on
/// the page, and its status; a clash is shown at the form's top.
pub(super) fn failed_with(
    error: AppError,
    typed: Vec<(String, String)>,
    field_id: impl Fn(&str) -> String,
) -> Result<(StatusCode, Feedback), ApiError> {
    match error {
        AppError::Invalid(errors) => {
            let errors = errors
                .into_iter()
                .map(|error| FieldError::new(&field_id(&error.field), error.message))
                .collect();
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Feedback { notice: None, errors, typed }))
        }
        AppError::Conflict(message) => Ok((
            StatusCode::CONFLICT,
            Feedback { notice: None, errors: vec![FieldError::new("version", message)], typed },
        )),
        other => Err(other.into()),
    }
}

#[utoipa::path(get, path = "/api/views/reviews/{id}/acceptance", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    responses(
        (status = 200, description = "The form a peer reviewer accepts the review with: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not one of its reviewers", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn acceptance_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
) -> Result<Response, ApiError> {
    let review = review_for(&app, &user, &id, Action::EditReview).await?;
    let accepted = review.acceptance_of(&user.email).is_some();
    Ok(page(StatusCode::OK, review_people::acceptance(&review, accepted, &Feedback::default())))
}

#[utoipa::path(post, path = "/api/views/reviews/{id}/acceptance", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`version`: the review's as read; `hasConflict`: `yes` or `no`; `conflict`: what it is, when yes"),
    responses(
        (status = 200, description = "Accepted: the page again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not one of its reviewers, or not independent of the organisation reviewed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft peer review, or changed since it was read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "Fields to correct: the page again with each error by its field", body = String, content_type = "text/html"),
    ))]
pub async fn acceptance_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    review_for(&app, &user, &id, Action::EditReview).await?;
    let version = read_form(&fields, &["version", "hasConflict", "conflict"])?;
    let has_conflict = match value(&fields, "hasConflict") {
        "yes" => Some(true),
        "no" => Some(false),
        _ => None,
    };
    let form = ReviewAcceptance { has_conflict, conflict: value(&fields, "conflict").to_owned(), version };
    let (status, feedback, review, accepted) = match reviews::accept(&app, &user, &id, form).await {
        Ok(review) => {
            let notice = "You accepted the review. Your assessments are now yours to record.".to_owned();
            (StatusCode::OK, Feedback { notice: Some(notice), ..Feedback::default() }, review, true)
        }
        Err(error) => {
            let (status, feedback) = failed(error, fields)?;
            (status, feedback, review_for(&app, &user, &id, Action::EditReview).await?, false)
        }
    };
    Ok(page(status, review_people::acceptance(&review, accepted, &feedback)))
}

#[utoipa::path(get, path = "/api/views/reviews/{id}/reviewers", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    responses(
        (status = 200, description = "The form that changes a draft's reviewers: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the lead reviewer or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn reviewers_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
) -> Result<Response, ApiError> {
    let review = review_for(&app, &user, &id, Action::ChangeReviewers).await?;
    let peers = shows_peers(&user, &review);
    Ok(page(StatusCode::OK, review_people::reviewers(&review, peers, &Feedback::default())))
}

#[utoipa::path(post, path = "/api/views/reviews/{id}/reviewers", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`version`: the review's as read; `reviewers`: email addresses separated by commas, the first leading"),
    responses(
        (status = 200, description = "Changed: the page again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the lead reviewer or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft, or changed since it was read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "Fields to correct: the page again with the error by the field", body = String, content_type = "text/html"),
    ))]
pub async fn reviewers_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    review_for(&app, &user, &id, Action::ChangeReviewers).await?;
    let version = read_form(&fields, &["version", "reviewers"])?;
    let reviewers =
        value(&fields, "reviewers").split([',', ';', '\n']).map(|part| part.trim().to_owned()).collect();
    let (status, feedback, review) = match reviews::change_reviewers(
        &app,
        &user,
        &id,
        ReviewersChange { reviewers, version },
    )
    .await
    {
        Ok(review) => {
            let notice = "You saved the reviewers. Each new peer reviewer accepts the review before recording anything.".to_owned();
            (StatusCode::OK, Feedback { notice: Some(notice), ..Feedback::default() }, review)
        }
        Err(error) => {
            let (status, feedback) = failed(error, fields)?;
            (status, feedback, review_for(&app, &user, &id, Action::ChangeReviewers).await?)
        }
    };
    let peers = shows_peers(&user, &review);
    Ok(page(status, review_people::reviewers(&review, peers, &feedback)))
}
