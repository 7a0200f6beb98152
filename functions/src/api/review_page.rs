//! A review's page (`crate::views::review`) and its forms: the lead reviewer's agreed levels and
//! the lifecycle's buttons, each posted by the app as a form and answered with the page again:
//! with a notice once saved, with each error by its field and what was typed kept (422, nothing
//! saved), or with a clash explained (409). The same `app::reviews` functions, and so the same
//! rules, as the JSON API's.

use super::caller::SignedIn;
use super::error::ApiError;
use super::review_forms::{failed_with, page, read_form, refuse_unknown, value};
use super::{FormBody, PathParams};
use crate::app::{App, AppError, reviews};
use crate::auth::rules::{Action, authorise};
use crate::views::Feedback;
use crate::views::review::{Shown, moderation, render};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use wgll_shared::access::User;
use wgll_shared::assessment::{AgreedLevelsUpdate, MeasureAgreedLevel};
use wgll_shared::ids::ReviewId;
use wgll_shared::lifecycle::{StatusChange, Transition};
use wgll_shared::problem::Problem;

/// The page as `user` may see it, with `feedback` from the last form. Reads the review (which
/// decides whether they may) and its history.
async fn review_page(
    app: &App,
    user: &User,
    id: &ReviewId,
    status: StatusCode,
    feedback: &Feedback,
    confirming_publish: bool,
) -> Result<Response, ApiError> {
    let detail = reviews::get_detail(app, user, id).await?;
    let history = reviews::history(app, user, id).await?;
    let shown = Shown { history: &history, feedback, confirming_publish };
    Ok(page(status, render(&detail, user, &shown)))
}

#[utoipa::path(get, path = "/api/views/reviews/{id}", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    responses(
        (status = 200, description = "The review's page: its task list (or its reviewers' progress), the reviewers' levels and reasons with the lead's agreed levels form, the lifecycle's buttons, the history and the downloads: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not assigned to this review, nor its lead", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn review_view(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
) -> Result<Response, ApiError> {
    review_page(&app, &user, &id, StatusCode::OK, &Feedback::default(), false).await
}

#[utoipa::path(post, path = "/api/views/reviews/{id}/agreed", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "For each measure n: `agreed-n` (its level, 1 to 5), `agreed-note-n` and `agreed-version-n` (the version of its agreed level as read, 0 for none); the measures changed from what is recorded are saved together"),
    responses(
        (status = 200, description = "Saved: the page again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the lead reviewer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not submitted, or an agreed level saved elsewhere since it was read: the page again, saying so, nothing saved", body = String, content_type = "text/html"),
        (status = 422, description = "Fields to correct, or nothing changed: the page again with each error by its field, nothing saved", body = String, content_type = "text/html"),
    ))]
pub async fn agreed_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    // Who may record agreed levels first (and the framework's measures, for the form's fields).
    let detail = reviews::get_detail(&app, &user, &id).await?;
    authorise(Some(&user), Action::ModerateReview, &reviews::target(&detail.review))?;
    let numbers: Vec<u8> = wgll_shared::framework::find(&detail.review.framework_id)
        .map(|framework| framework.measures.iter().map(|measure| measure.number).collect())
        .unwrap_or_default();
    let allowed: Vec<String> = numbers.iter().flat_map(|number| moderation::fields(*number)).collect();
    refuse_unknown(&fields, &allowed.iter().map(String::as_str).collect::<Vec<_>>())?;
    // The measures whose level or note differ from what is recorded, in the page's order.
    let levels: Vec<MeasureAgreedLevel> = numbers
        .iter()
        .filter_map(|&number| {
            let [level_id, note_id, version_id] = moderation::fields(number);
            let (level, note) = (value(&fields, &level_id).trim(), value(&fields, &note_id));
            let unchanged = match detail.agreed_level(number) {
                Some(recorded) => level == recorded.level.value().to_string() && note.trim() == recorded.note,
                None => level.is_empty() && note.trim().is_empty(),
            };
            (!unchanged).then(|| MeasureAgreedLevel {
                measure: number,
                level: level.parse().unwrap_or(0),
                note: note.to_owned(),
                version: value(&fields, &version_id).parse().unwrap_or(0),
            })
        })
        .collect();
    let sent: Vec<u8> = levels.iter().map(|level| level.measure).collect();
    let saved = match levels.is_empty() {
        true => Err(AppError::invalid(
            moderation::FORM,
            "Nothing to save: choose an agreed level, or change one, first",
        )),
        false => {
            reviews::save_agreed_levels(&app, &user, &id, AgreedLevelsUpdate { levels }).await.map(|_| ())
        }
    };
    let (status, feedback) = match saved {
        Ok(()) => (
            StatusCode::OK,
            Feedback { notice: Some("The agreed levels are saved.".to_owned()), ..Feedback::default() },
        ),
        // The API names a level's errors by its place in the save (`levels[2].note`): the page,
        // by its measure's field (`agreed-note-7`).
        Err(error) => failed_with(error, fields, |field| field_of(field, &sent))?,
    };
    review_page(&app, &user, &id, status, &feedback, false).await
}

/// The page's field for an error the save named by the entry's place (`levels[2].note`).
fn field_of(field: &str, sent: &[u8]) -> String {
    let entry = field
        .strip_prefix("levels[")
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(index, name)| Some((sent.get(index.parse::<usize>().ok()?)?, name)));
    match entry {
        Some((number, ".note")) => format!("agreed-note-{number}"),
        Some((number, _)) => format!("agreed-{number}"),
        None => field.to_owned(),
    }
}

#[utoipa::path(post, path = "/api/views/reviews/{id}/status", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`transition` (e.g. `submit`, `return-to-draft`, `publish`), `version`: the review's as read, `reason` where the step needs one; publishing asks first and is done with `confirmed=yes`; `cancel=yes` alone shows the page again"),
    responses(
        (status = 200, description = "Done, or the confirmation to publish asked for: the page again", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to take this step", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The step's conditions are not met, or the review changed since it was read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "Fields to correct: the page again with the error by its field", body = String, content_type = "text/html"),
    ))]
pub async fn status_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    // Who may see the review first; then, once the form says which step, who may take it.
    let detail = reviews::get_detail(&app, &user, &id).await?;
    if value(&fields, "cancel") == "yes" {
        refuse_unknown(&fields, &["cancel"])?;
        return review_page(&app, &user, &id, StatusCode::OK, &Feedback::default(), false).await;
    }
    let version = read_form(&fields, &["transition", "version", "reason", "confirmed"])?;
    let code = value(&fields, "transition");
    let transition: Transition =
        serde_json::from_value(serde_json::Value::String(code.to_owned())).map_err(|_| {
            AppError::invalid(
                "transition",
                format!("There is no step “{code}”: reload the page and try again"),
            )
        })?;
    let action = match transition {
        Transition::Reopen => Action::ReopenReview,
        step if step.by_region() => Action::ValidateReview,
        _ => Action::ChangeReviewStatus,
    };
    authorise(Some(&user), action, &reviews::target(&detail.review))?;
    if transition == Transition::Publish && value(&fields, "confirmed") != "yes" {
        return review_page(&app, &user, &id, StatusCode::OK, &Feedback::default(), true).await;
    }
    let change = StatusChange { transition, reason: value(&fields, "reason").to_owned(), version };
    let (status, feedback) = match reviews::change_status(&app, &user, &id, change).await {
        Ok(review) => {
            let notice = format!("The review is now {}.", review.status.label().to_lowercase());
            (StatusCode::OK, Feedback { notice: Some(notice), ..Feedback::default() })
        }
        Err(error) => failed_with(error, fields, str::to_owned)?,
    };
    review_page(&app, &user, &id, status, &feedback, false).await
}
