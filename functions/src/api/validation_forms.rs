//! The regional validation and provisional release pages (`crate::views::validation`) and their
//! forms, posted by the app and answered with the page again, as `review_forms` does: the same
//! `app::validation`, `app::reviews` and `app::provisional` functions, and so the same rules, as
//! the JSON API's.

use super::caller::SignedIn;
use super::error::ApiError;
use super::review_forms::{failed_with, page, read_form, value};
use super::{FormBody, PathParams};
use crate::app::{App, AppError, provisional, reviews, validation};
use crate::auth::rules::{Action, allows};
use crate::views::Feedback;
use crate::views::validation::{self as pages, ProvisionalRights};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use wgll_shared::access::User;
use wgll_shared::ids::ReviewId;
use wgll_shared::lifecycle::{StatusChange, Transition};
use wgll_shared::problem::Problem;
use wgll_shared::provisional::{FactsConfirmation, FlagAnswerForm, NewFlag};

#[utoipa::path(get, path = "/api/views/validation", tag = "views", security(("bearer" = [])),
    responses(
        (status = 200, description = "The peer reviews waiting for each of the caller's regions: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not on a regional team nor an administrator", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn queues_page(State(app): State<App>, SignedIn(user): SignedIn) -> Result<Response, ApiError> {
    Ok(page(StatusCode::OK, pages::queues(&validation::awaiting(&app, &user).await?)))
}

#[utoipa::path(get, path = "/api/views/reviews/{id}/validation", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    responses(
        (status = 200, description = "The moderated peer review's agreed levels and outliers, and the form that confirms or returns it: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not on the team of the review's region nor an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a peer review waiting for its region", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn validation_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
) -> Result<Response, ApiError> {
    let view = validation::view(&app, &user, &id).await?;
    Ok(page(StatusCode::OK, pages::review(&view, false, &Feedback::default())))
}

#[utoipa::path(post, path = "/api/views/reviews/{id}/validation", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`version`: the review's as read; `decision`: `confirm` or `return`; `reason`: why, to return it"),
    responses(
        (status = 200, description = "Decided: the page with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not on the team of the review's region nor an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not waiting for its region, or changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct: the page again with each error by its field", body = String, content_type = "text/html"),
    ))]
pub async fn validation_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    let mut view = validation::view(&app, &user, &id).await?;
    let version = read_form(&fields, &["version", "decision", "reason"])?;
    let transition = match value(&fields, "decision") {
        "confirm" => Transition::Confirm,
        "return" => Transition::ReturnFromRegion,
        _ => {
            let error = AppError::invalid("decision", "Choose whether to confirm the result or return it");
            let (status, feedback) = failed_with(error, fields, str::to_owned)?;
            return Ok(page(status, pages::review(&view, false, &feedback)));
        }
    };
    let change = StatusChange { transition, reason: value(&fields, "reason").to_owned(), version };
    match reviews::change_status(&app, &user, &id, change).await {
        Ok(changed) => {
            let notice = match (transition, changed.provisional_until) {
                (Transition::Confirm, Some(until)) => format!(
                    "You confirmed the result. {} can check it for factual errors until {}; then its lead reviewer publishes it.",
                    changed.organisation_name,
                    until.in_words()
                ),
                _ => "You returned the review to its lead reviewer, with your reason in its history."
                    .to_owned(),
            };
            view.detail.review = changed;
            Ok(page(
                StatusCode::OK,
                pages::review(&view, true, &Feedback { notice: Some(notice), ..Feedback::default() }),
            ))
        }
        Err(AppError::Invalid(errors)) => {
            let (status, feedback) = failed_with(AppError::Invalid(errors), fields, str::to_owned)?;
            Ok(page(status, pages::review(&view, false, &feedback)))
        }
        Err(other) => Err(other.into()),
    }
}

/// The provisional page for `user`, with `feedback` from the form they sent.
async fn provisional_page_for(
    app: &App,
    user: &User,
    id: &ReviewId,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let detail = reviews::get_detail(app, user, id).await?;
    let target = reviews::target(&detail.review);
    let rights = ProvisionalRights {
        respond: allows(Some(user), Action::RespondToProvisional, &target),
        answer: allows(Some(user), Action::AnswerFlag, &target),
    };
    Ok(page(status, pages::provisional(&detail, &rights, app.clock.today(), feedback)))
}

/// The page again after a form: with `notice` once saved, or the errors and what was typed.
async fn after_form(
    app: &App,
    user: &User,
    id: &ReviewId,
    result: Result<(), AppError>,
    notice: &str,
    fields: Vec<(String, String)>,
    field_id: impl Fn(&str) -> String,
) -> Result<Response, ApiError> {
    let (status, feedback) = match result {
        Ok(()) => (StatusCode::OK, Feedback { notice: Some(notice.to_owned()), ..Feedback::default() }),
        Err(error) => failed_with(error, fields, field_id)?,
    };
    provisional_page_for(app, user, id, status, &feedback).await
}

#[utoipa::path(get, path = "/api/views/reviews/{id}/provisional", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    responses(
        (status = 200, description = "The provisional result, its factual-error flags with their answers, and the forms the caller may use: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "May not read the review", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn provisional_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
) -> Result<Response, ApiError> {
    provisional_page_for(&app, &user, &id, StatusCode::OK, &Feedback::default()).await
}

#[utoipa::path(post, path = "/api/views/reviews/{id}/flags", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`version`: the review's as read; `measure`: 1–7, or empty for the review as a whole; `text`: what is wrong and what is right"),
    responses(
        (status = 200, description = "Flagged: the page again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the lead of the organisation reviewed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not open for flags, or changed since it was read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "Fields to correct: the page again with each error by its field", body = String, content_type = "text/html"),
    ))]
pub async fn flag_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    reviews::get_detail(&app, &user, &id).await?;
    let version = read_form(&fields, &["version", "measure", "text"])?;
    let typed_measure = value(&fields, "measure").trim();
    let measure = match typed_measure {
        "" => None,
        // A number the form does not offer is refused by the rule with its message.
        typed => Some(typed.parse::<u8>().unwrap_or(u8::MAX)),
    };
    let form = NewFlag { measure, text: value(&fields, "text").to_owned(), version };
    let result = provisional::flag(&app, &user, &id, form).await.map(drop);
    let notice = "You flagged the error. The lead reviewer answers it before publishing.";
    after_form(&app, &user, &id, result, notice, fields, str::to_owned).await
}

#[utoipa::path(post, path = "/api/views/reviews/{id}/flags/{number}/answer", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id"), ("number" = u32, Path, description = "The flag's number")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`version`: the review's as read; `flag`: the flag's number; `answer`: the lead reviewer's answer"),
    responses(
        (status = 200, description = "Answered: the page again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the lead reviewer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review or flag", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Answered already, not provisional, or changed since it was read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "Fields to correct: the page again with the error by the field", body = String, content_type = "text/html"),
    ))]
pub async fn answer_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((id, number)): PathParams<(ReviewId, u32)>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    reviews::get_detail(&app, &user, &id).await?;
    let version = read_form(&fields, &["version", "flag", "answer"])?;
    let form = FlagAnswerForm { answer: value(&fields, "answer").to_owned(), version };
    // A flag that is not there is a 404 (after_form passes on what is not the form's fault).
    let result = provisional::answer(&app, &user, &id, number, form).await.map(drop);
    let notice = format!("You answered factual error {number}.");
    after_form(&app, &user, &id, result, &notice, fields, |field| match field {
        "answer" => format!("answer-{number}"),
        other => other.to_owned(),
    })
    .await
}

#[utoipa::path(post, path = "/api/views/reviews/{id}/facts-confirmed", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`version`: the review's as read"),
    responses(
        (status = 200, description = "Confirmed: the page again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the lead of the organisation reviewed", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not open for flags, or changed since it was read: the page again, saying so", body = String, content_type = "text/html"),
    ))]
pub async fn facts_confirmed_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    reviews::get_detail(&app, &user, &id).await?;
    let version = read_form(&fields, &["version"])?;
    let result = provisional::confirm_facts(&app, &user, &id, FactsConfirmation { version }).await.map(drop);
    let notice = "You confirmed the result has no factual errors. The lead reviewer can publish it now.";
    after_form(&app, &user, &id, result, notice, fields, str::to_owned).await
}
