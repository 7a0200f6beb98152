//! Reviews over HTTP (`app::reviews`): start or import one, read it with its measures, save a
//! measure's assessment and agreed level (or every measure's agreed level at once), change its
//! status, and download it.

use super::caller::{Caller, SignedIn};
use super::error::ApiError;
use super::{JsonBody, PathParams, QueryParams, attachment};
use crate::app::{App, AppError, reviews};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use wgll_shared::assessment::{
    AgreedLevel, AgreedLevelUpdate, AgreedLevelsUpdate, MeasureAssessment, MeasureAssessmentUpdate,
};
use wgll_shared::comparison::Comparison;
use wgll_shared::export::ReviewExport;
use wgll_shared::framework::MeasureNumber;
use wgll_shared::ids::ReviewId;
use wgll_shared::independence::{ReviewAcceptance, ReviewersChange};
use wgll_shared::lifecycle::StatusChange;
use wgll_shared::organisation::OdsCode;
use wgll_shared::period::Period;
use wgll_shared::problem::Problem;
use wgll_shared::review::{AuditEntry, NewReview, Review, ReviewDetail};

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ComparisonQuery {
    /// Financial year, e.g. `2025/26`.
    #[param(value_type = wgll_shared::period::Period)]
    period: String,
}

fn parse_period(value: &str) -> Result<Period, AppError> {
    Period::parse(value).map_err(|message| AppError::invalid("period", message))
}

fn download_name(review: &Review, extension: &str) -> String {
    format!(
        "review-{}-{}-{}.{extension}",
        review.organisation,
        review.period.as_str().replace('/', "-"),
        review.kind.code()
    )
}

#[utoipa::path(get, path = "/api/organisations/{ods}/reviews", tag = "reviews", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code")),
    responses(
        (status = 200, description = "The organisation's reviews the caller may open, newest period first", body = Vec<Review>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_organisation_reviews(
    State(app): State<App>,
    caller: Caller,
    PathParams(ods): PathParams<OdsCode>,
) -> Result<Json<Vec<Review>>, ApiError> {
    Ok(Json(reviews::list_for_organisation(&app, caller.user(), &ods).await?))
}

#[utoipa::path(post, path = "/api/reviews", tag = "reviews", security(("bearer" = [])), request_body = NewReview,
    responses(
        (status = 201, description = "Started, as a draft", body = Review),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the administrator, ICS lead or organisation lead", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_review(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    JsonBody(form): JsonBody<NewReview>,
) -> Result<(StatusCode, Json<Review>), ApiError> {
    Ok((StatusCode::CREATED, Json(reviews::create(&app, &user, form).await?)))
}

#[utoipa::path(get, path = "/api/reviews/{id}", tag = "reviews", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    responses(
        (status = 200, description = "The review with every measure assessed so far", body = ReviewDetail),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not assigned to this review, nor its lead", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_review(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
) -> Result<Json<ReviewDetail>, ApiError> {
    Ok(Json(reviews::get_detail(&app, &user, &id).await?))
}

#[utoipa::path(get, path = "/api/reviews/{id}/history", tag = "reviews", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    responses(
        (status = 200, description = "Every change to the review, oldest first", body = Vec<AuditEntry>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to see this review", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_review_history(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    Ok(Json(reviews::history(&app, &user, &id).await?))
}

#[utoipa::path(put, path = "/api/reviews/{id}/measures/{number}", tag = "reviews", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id"), ("number" = MeasureNumber, Path, description = "Success measure, 1 to 7")),
    request_body = MeasureAssessmentUpdate,
    responses(
        (status = 200, description = "Saved; the new version is in the body", body = MeasureAssessment),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a reviewer assigned to this review", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review or measure", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Someone saved this measure since you loaded it, or the review is published", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn save_measure(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((id, number)): PathParams<(ReviewId, MeasureNumber)>,
    JsonBody(update): JsonBody<MeasureAssessmentUpdate>,
) -> Result<Json<MeasureAssessment>, ApiError> {
    Ok(Json(reviews::save_measure(&app, &user, &id, number, update).await?))
}

#[utoipa::path(put, path = "/api/reviews/{id}/measures/{number}/agreed", tag = "reviews", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id"), ("number" = MeasureNumber, Path, description = "Success measure, 1 to 7")),
    request_body = AgreedLevelUpdate,
    responses(
        (status = 200, description = "Recorded; the new version is in the body", body = AgreedLevel),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the lead reviewer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review or measure", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not awaiting moderation, or saved by someone else meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn save_agreed_level(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((id, number)): PathParams<(ReviewId, MeasureNumber)>,
    JsonBody(update): JsonBody<AgreedLevelUpdate>,
) -> Result<Json<AgreedLevel>, ApiError> {
    Ok(Json(reviews::save_agreed_level(&app, &user, &id, number, update).await?))
}

#[utoipa::path(put, path = "/api/reviews/{id}/agreed", tag = "reviews", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    request_body = AgreedLevelsUpdate,
    responses(
        (status = 200, description = "Every one recorded, in one transaction with its history entry; each new version is in the body", body = Vec<AgreedLevel>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the lead reviewer", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not awaiting moderation, or one of them saved by someone else meanwhile: none recorded", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct, each named (e.g. `levels[2].level`): none recorded", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn save_agreed_levels(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
    JsonBody(update): JsonBody<AgreedLevelsUpdate>,
) -> Result<Json<Vec<AgreedLevel>>, ApiError> {
    Ok(Json(reviews::save_agreed_levels(&app, &user, &id, update).await?))
}

#[utoipa::path(post, path = "/api/reviews/{id}/status", tag = "reviews", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    request_body = StatusChange,
    responses(
        (status = 200, description = "The review with its new status and version", body = Review),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the lead reviewer (or, to reopen, an administrator)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The review's status or version changed meanwhile", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Conditions not yet met, or a reason is missing", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn change_status(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
    JsonBody(change): JsonBody<StatusChange>,
) -> Result<Json<Review>, ApiError> {
    Ok(Json(reviews::change_status(&app, &user, &id, change).await?))
}

#[utoipa::path(get, path = "/api/reviews/{id}/export.json", tag = "reviews", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    responses(
        (status = 200, description = "The whole review, to import elsewhere", body = ReviewExport),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to see this review", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_json(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
) -> Result<Response, ApiError> {
    let export = reviews::export(&app, &user, &id).await?;
    let name = download_name(&export.review, "json");
    Ok((attachment(&name), Json(export)).into_response())
}

#[utoipa::path(get, path = "/api/reviews/{id}/export.csv", tag = "reviews", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    responses(
        (status = 200, description = "One row per measure and reviewer, with ODS codes", body = String, content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to see this review", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_csv(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
) -> Result<Response, ApiError> {
    let detail = reviews::get_detail(&app, &user, &id).await?;
    let name = download_name(&detail.review, "csv");
    let csv = wgll_shared::export::to_csv(&detail);
    Ok((attachment(&name), [(header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv).into_response())
}

#[utoipa::path(post, path = "/api/reviews/import", tag = "reviews", security(("bearer" = [])), request_body = ReviewExport,
    responses(
        (status = 201, description = "Imported as a new draft review", body = Review),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to start a review of this organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The export breaks a rule, or its organisation is not here", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn import_review(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    JsonBody(export): JsonBody<ReviewExport>,
) -> Result<(StatusCode, Json<Review>), ApiError> {
    Ok((StatusCode::CREATED, Json(reviews::import(&app, &user, export).await?)))
}

#[utoipa::path(get, path = "/api/ics/{ics}/reviews", tag = "reviews", security(("bearer" = [])),
    params(("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code"), ComparisonQuery),
    responses(
        (status = 200, description = "The period's reviews of the ICS and its organisations that the caller may open", body = Vec<Review>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The ICS code is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_ics_reviews(
    State(app): State<App>,
    caller: Caller,
    PathParams(ics): PathParams<OdsCode>,
    QueryParams(query): QueryParams<ComparisonQuery>,
) -> Result<Json<Vec<Review>>, ApiError> {
    let period = Period::parse(&query.period).map_err(|message| AppError::invalid("period", message))?;
    Ok(Json(reviews::list_for_ics(&app, caller.user(), &ics, &period).await?))
}

#[utoipa::path(get, path = "/api/organisations/{ods}/comparison", tag = "reviews", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code"), ComparisonQuery),
    responses(
        (status = 200, description = "The self-assessment and peer review for the period, measure by measure", body = Comparison),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn compare_reviews(
    State(app): State<App>,
    caller: Caller,
    PathParams(ods): PathParams<OdsCode>,
    QueryParams(query): QueryParams<ComparisonQuery>,
) -> Result<Json<Comparison>, ApiError> {
    let period = parse_period(&query.period)?;
    Ok(Json(reviews::compare(&app, caller.user(), &ods, &period).await?))
}

#[utoipa::path(post, path = "/api/reviews/{id}/acceptance", tag = "reviews", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    request_body = ReviewAcceptance,
    responses(
        (status = 200, description = "Accepted: the review with the acceptance, at its next version", body = Review),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not one of its reviewers, or not independent of the organisation reviewed (works for it, leads it, or the account does not say where they work)", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft peer review, or changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn accept_review(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
    JsonBody(form): JsonBody<ReviewAcceptance>,
) -> Result<Json<Review>, ApiError> {
    Ok(Json(reviews::accept(&app, &user, &id, form).await?))
}

#[utoipa::path(put, path = "/api/reviews/{id}/reviewers", tag = "reviews", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    request_body = ReviewersChange,
    responses(
        (status = 200, description = "Changed: the review with its reviewers, at its next version", body = Review),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the lead reviewer or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Not a draft, or changed since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn change_reviewers(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
    JsonBody(change): JsonBody<ReviewersChange>,
) -> Result<Json<Review>, ApiError> {
    Ok(Json(reviews::change_reviewers(&app, &user, &id, change).await?))
}

#[utoipa::path(get, path = "/api/reviews/{id}/self-assessment", tag = "reviews", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "A peer review's id")),
    responses(
        (status = 200, description = "The organisation's self-assessment for the peer review's period, with its measures: read-only, for whoever may read the peer review", body = ReviewDetail),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to read the peer review", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such peer review, or no self-assessment for its period", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_self_assessment(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
) -> Result<Json<ReviewDetail>, ApiError> {
    Ok(Json(reviews::self_assessment_for(&app, &user, &id).await?))
}
