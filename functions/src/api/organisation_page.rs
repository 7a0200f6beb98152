//! One organisation's page (`crate::views::organisation`) and the form on it that starts a
//! review: posted by the app as a form, answered by taking the person to the new review, or with
//! the page again with each error by its field and what was typed kept (422, nothing written).
//! The same `app` functions, and so the same rules, as the JSON API's.

use super::caller::SignedIn;
use super::error::ApiError;
use super::review_forms::{failed_with, page, refuse_unknown, value};
use super::{FormBody, PathParams};
use crate::app::{App, organisations, reviews};
use crate::auth::rules::{Action, Target, authorise};
use crate::views::organisation::{Shown, render};
use crate::views::{self, Feedback};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use wgll_shared::access::User;
use wgll_shared::organisation::OdsCode;
use wgll_shared::problem::Problem;
use wgll_shared::review::NewReview;

/// The page as `user` may see it, with the start form's `feedback`: three reads (the
/// organisation, its ICS's members, its reviews), whatever the data.
async fn organisation_page(
    app: &App,
    user: &User,
    ods: &OdsCode,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let organisation = organisations::get(app, Some(user), ods).await?;
    let members = organisations::list(app, Some(user), Some(organisation.ics())).await?;
    let reviews = reviews::list_for_organisation(app, Some(user), ods).await?;
    let period = app.clock.current_period();
    let shown = Shown { members: &members, reviews: &reviews, period: &period, feedback };
    Ok(page(status, render(&organisation, user, &shown)))
}

#[utoipa::path(get, path = "/api/views/organisations/{ods}", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "ODS code")),
    responses(
        (status = 200, description = "The organisation, its ICS or members, its links, the reviews the caller may open and (for those who may) the form that starts a review: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn organisation_view(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
) -> Result<Response, ApiError> {
    organisation_page(&app, &user, &ods, StatusCode::OK, &Feedback::default()).await
}

#[utoipa::path(post, path = "/api/views/organisations/{ods}/reviews", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "ODS code")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`period` (e.g. 2025/26), `review-kind` (`peer-review` or `self-assessment`), `reviewers`: email addresses separated by commas, the first leading"),
    responses(
        (status = 200, description = "Started: a fragment that takes the app to the new review (`data-navigate`), with a link to it", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator, nor a lead of the organisation or its ICS", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Refused as it stands (a peer reviewer from the organisation reviewed): the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "Fields to correct: the page again with each error by its field", body = String, content_type = "text/html"),
    ))]
pub async fn start_review_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    // Who may start one here, before the form is read.
    let organisation = organisations::get(&app, Some(&user), &ods).await?;
    authorise(Some(&user), Action::CreateReview, &Target::of_organisation(&organisation))?;
    refuse_unknown(&fields, &["period", "review-kind", "reviewers"])?;
    let form = NewReview {
        organisation: ods.to_string(),
        period: value(&fields, "period").trim().to_owned(),
        kind: value(&fields, "review-kind").to_owned(),
        framework_id: None,
        reviewers: value(&fields, "reviewers").split([',', ';', '\n', ' ']).map(str::to_owned).collect(),
    };
    match reviews::create(&app, &user, form).await {
        Ok(review) => {
            let path = format!("/reviews/{}", review.id);
            Ok(page(StatusCode::OK, views::taken_to(&path, "You started the review.", "Open it")))
        }
        Err(error) => {
            // The request names a reviewer by their place in the list (`reviewers[1]`); the page has one box.
            let field_id = |field: &str| match field {
                "kind" => "review-kind".to_owned(),
                reviewers if reviewers.starts_with("reviewers") => "reviewers".to_owned(),
                other => other.to_owned(),
            };
            let (status, feedback) = failed_with(error, fields, field_id)?;
            organisation_page(&app, &user, &ods, status, &feedback).await
        }
    }
}
