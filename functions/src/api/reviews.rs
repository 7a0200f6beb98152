//! Reviews: start one, read it with its measures, and save a measure's assessment.

use super::organisations::find_organisation;
use super::{AppState, JsonBody, QueryParams};
use crate::auth::rules::{Action, Target, allows, authorise};
use crate::auth::{Caller, SignedIn};
use crate::error::ApiError;
use crate::store::outcomes::OutcomeChange;
use crate::store::reviews::SaveMeasureOutcome;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use wgll_shared::FieldError;
use wgll_shared::assessment::{AgreedLevel, AgreedLevelUpdate, MeasureAssessment, MeasureAssessmentUpdate};
use wgll_shared::comparison::Comparison;
use wgll_shared::export::ReviewExport;
use wgll_shared::framework;
use wgll_shared::lifecycle::{StatusChange, Transition};
use wgll_shared::outcomes::Outcome;
use wgll_shared::problem::Problem;
use wgll_shared::review::{AuditEntry, NewReview, Review, ReviewDetail, ReviewKind, ReviewStatus};

/// What the rules see of a review: its organisation, ICS and reviewers.
fn target(review: &Review) -> Target<'_> {
    Target {
        organisation: Some(&review.organisation),
        ics: Some(&review.ics_code),
        reviewers: &review.reviewers,
    }
}

#[utoipa::path(get, path = "/api/organisations/{ods}/reviews", tag = "reviews", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code")),
    responses(
        (status = 200, description = "The organisation's reviews the caller may open, newest period first", body = Vec<Review>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_organisation_reviews(
    State(state): State<AppState>,
    caller: Caller,
    Path(ods): Path<String>,
) -> Result<Json<Vec<Review>>, ApiError> {
    authorise(caller.user(), Action::ListReviews, &Target::NONE)?;
    let organisation = find_organisation(&state, &ods).await?;
    let mut reviews = state.store.list_reviews_for_organisation(organisation.ods_code.as_str()).await?;
    // Everyone signed in may ask, but sees only the reviews they may open.
    reviews.retain(|review| allows(caller.user(), Action::ReadReview, &target(review)));
    Ok(Json(reviews))
}

#[utoipa::path(post, path = "/api/reviews", tag = "reviews", security(("bearer" = [])), request_body = NewReview,
    responses(
        (status = 201, description = "Started, as a draft", body = Review),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the administrator, ICS lead or organisation lead", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_review(
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    JsonBody(form): JsonBody<NewReview>,
) -> Result<(StatusCode, Json<Review>), ApiError> {
    let user = &user;
    let valid = form.validate().map_err(ApiError::Invalid)?;
    let organisation = state.store.get_organisation(&valid.organisation).await?.ok_or_else(|| {
        ApiError::Invalid(vec![FieldError::new(
            "organisation",
            format!("There is no organisation with ODS code {}: add it first", valid.organisation),
        )])
    })?;
    let organisation_target = Target::of_organisation(&organisation);
    authorise(Some(user), Action::CreateReview, &organisation_target)?;
    let review = state.store.create_review(&organisation, valid, &user.audit_name()).await?;
    Ok((StatusCode::CREATED, Json(review)))
}

#[utoipa::path(get, path = "/api/reviews/{id}", tag = "reviews", security(("bearer" = [])),
    params(("id" = String, Path, description = "Review id")),
    responses(
        (status = 200, description = "The review with every measure assessed so far", body = ReviewDetail),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not assigned to this review, nor its lead", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_review(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<ReviewDetail>, ApiError> {
    caller.require()?;
    let detail = state.store.get_review_detail(&id).await?.ok_or_else(|| review_not_found(&id))?;
    authorise(caller.user(), Action::ReadReview, &target(&detail.review))?;
    Ok(Json(detail))
}

#[utoipa::path(get, path = "/api/reviews/{id}/history", tag = "reviews", security(("bearer" = [])),
    params(("id" = String, Path, description = "Review id")),
    responses(
        (status = 200, description = "Every change to the review, oldest first", body = Vec<AuditEntry>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to see this review", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_review_history(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Json<Vec<AuditEntry>>, ApiError> {
    caller.require()?;
    let review = state.store.get_review(&id).await?.ok_or_else(|| review_not_found(&id))?;
    authorise(caller.user(), Action::ReadReview, &target(&review))?;
    Ok(Json(state.store.list_audit(&id).await?))
}

#[utoipa::path(put, path = "/api/reviews/{id}/measures/{number}", tag = "reviews", security(("bearer" = [])),
    params(("id" = String, Path, description = "Review id"), ("number" = wgll_shared::schema::MeasureNumber, Path, description = "Success measure")),
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
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((id, number)): Path<(String, String)>,
    JsonBody(update): JsonBody<MeasureAssessmentUpdate>,
) -> Result<Json<MeasureAssessment>, ApiError> {
    let user = &user;
    let review = state.store.get_review(&id).await?.ok_or_else(|| review_not_found(&id))?;
    authorise(Some(user), Action::EditReview, &target(&review))?;
    let measure = find_measure(&review, &number)?;
    if !review.status.accepts_assessments() {
        return Err(not_a_draft(&review));
    }
    let valid = update.validate(measure.variant(review.variant)).map_err(ApiError::Invalid)?;
    // Each reviewer saves their own assessment; the lead compares them and records the agreed level.
    match state.store.save_measure(&review, measure.number, &user.email, valid, &user.audit_name()).await? {
        SaveMeasureOutcome::Saved(saved) => Ok(Json(saved)),
        SaveMeasureOutcome::StaleVersion => Err(ApiError::Conflict(format!(
            "Your assessment of “{}” was saved elsewhere (another tab or device) since you opened it, so this change was not saved. Compare the two versions and save again.",
            measure.title
        ))),
        SaveMeasureOutcome::ReviewNotEditable => Err(not_a_draft(&review)),
    }
}

#[utoipa::path(put, path = "/api/reviews/{id}/measures/{number}/agreed", tag = "reviews", security(("bearer" = [])),
    params(("id" = String, Path, description = "Review id"), ("number" = wgll_shared::schema::MeasureNumber, Path, description = "Success measure")),
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
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((id, number)): Path<(String, String)>,
    JsonBody(update): JsonBody<AgreedLevelUpdate>,
) -> Result<Json<AgreedLevel>, ApiError> {
    let user = &user;
    let review = state.store.get_review(&id).await?.ok_or_else(|| review_not_found(&id))?;
    authorise(Some(user), Action::ModerateReview, &target(&review))?;
    let measure = find_measure(&review, &number)?;
    let awaiting = || {
        ApiError::Conflict(format!(
            "Agreed levels are recorded while the review is submitted; it is {}.",
            review.status.label().to_lowercase()
        ))
    };
    if review.status != ReviewStatus::Submitted {
        return Err(awaiting());
    }
    let valid = update.validate().map_err(ApiError::Invalid)?;
    match state
        .store
        .save_agreed_level(&review, measure.number, valid, update.version, &user.audit_name(), &user.email)
        .await?
    {
        SaveMeasureOutcome::Saved(agreed) => Ok(Json(agreed)),
        SaveMeasureOutcome::StaleVersion => Err(ApiError::Conflict(format!(
            "The agreed level for “{}” was saved elsewhere since you opened it. Reload to see it, then save again.",
            measure.title
        ))),
        SaveMeasureOutcome::ReviewNotEditable => Err(awaiting()),
    }
}

#[utoipa::path(post, path = "/api/reviews/{id}/status", tag = "reviews", security(("bearer" = [])),
    params(("id" = String, Path, description = "Review id")),
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
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(id): Path<String>,
    JsonBody(change): JsonBody<StatusChange>,
) -> Result<Json<Review>, ApiError> {
    let user = &user;
    let detail = state.store.get_review_detail(&id).await?.ok_or_else(|| review_not_found(&id))?;
    let review = &detail.review;
    let action = if change.transition == Transition::Reopen {
        Action::ReopenReview
    } else {
        Action::ChangeReviewStatus
    };
    authorise(Some(user), action, &target(review))?;
    if review.status != change.transition.from_status() || review.version != change.version {
        return Err(ApiError::Conflict(format!(
            "This review is now {} (version {}): reload it to see what changed, then try again.",
            review.status.label().to_lowercase(),
            review.version
        )));
    }
    let reason = change.validate().map_err(ApiError::Invalid)?;
    let framework = framework::find(&review.framework_id).ok_or_else(|| {
        ApiError::Internal(format!("review {id} names unknown framework {}", review.framework_id))
    })?;
    let unmet = change.transition.unmet_conditions(&detail, framework);
    if !unmet.is_empty() {
        return Err(ApiError::Invalid(
            unmet.into_iter().map(|message| FieldError::new("transition", message)).collect(),
        ));
    }
    let outcome = outcome_change(&state, &detail, change.transition).await?;
    match state.store.change_status(review, change.transition, &reason, &user.audit_name(), outcome).await? {
        Some(changed) => Ok(Json(changed)),
        None => Err(ApiError::Conflict(
            "Someone changed this review’s status at the same moment: reload it and try again.".to_owned(),
        )),
    }
}

/// What a status change does to the outcomes the dashboards read: publishing a peer review records
/// its agreed levels; reopening it removes them (unless a later review of the period replaced them).
async fn outcome_change(
    state: &AppState,
    detail: &ReviewDetail,
    transition: Transition,
) -> Result<OutcomeChange, ApiError> {
    let review = &detail.review;
    if review.kind != ReviewKind::PeerReview {
        return Ok(OutcomeChange::None);
    }
    match transition {
        Transition::Publish => {
            let organisation =
                state.store.get_organisation(&review.organisation).await?.ok_or_else(|| {
                    ApiError::Internal(format!("review {} names a missing organisation", review.id))
                })?;
            let outcome = Outcome::of_review(detail, organisation.kind, &crate::store::now());
            Ok(OutcomeChange::Record(Box::new(outcome)))
        }
        Transition::Reopen => {
            let recorded = state.store.get_outcome(&review.organisation, &review.period).await?;
            Ok(match recorded {
                Some(outcome) if outcome.review_id == review.id => {
                    OutcomeChange::Remove { ods: review.organisation.clone(), period: review.period.clone() }
                }
                _ => OutcomeChange::None,
            })
        }
        _ => Ok(OutcomeChange::None),
    }
}

#[utoipa::path(get, path = "/api/reviews/{id}/export.json", tag = "reviews", security(("bearer" = [])),
    params(("id" = String, Path, description = "Review id")),
    responses(
        (status = 200, description = "The whole review, to import elsewhere", body = ReviewExport),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to see this review", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_json(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let detail = readable_detail(&state, &caller, &id).await?;
    let name = download_name(&detail.review, "json");
    let export = ReviewExport::new(detail, crate::store::now());
    Ok((attachment(&name), Json(export)).into_response())
}

#[utoipa::path(get, path = "/api/reviews/{id}/export.csv", tag = "reviews", security(("bearer" = [])),
    params(("id" = String, Path, description = "Review id")),
    responses(
        (status = 200, description = "One row per measure and reviewer, with ODS codes", body = String, content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to see this review", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_csv(
    State(state): State<AppState>,
    caller: Caller,
    Path(id): Path<String>,
) -> Result<Response, ApiError> {
    let detail = readable_detail(&state, &caller, &id).await?;
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
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    JsonBody(export): JsonBody<ReviewExport>,
) -> Result<(StatusCode, Json<Review>), ApiError> {
    let user = &user;
    let valid = export.validate().map_err(ApiError::Invalid)?;
    let organisation =
        state.store.get_organisation(&valid.new_review.organisation).await?.ok_or_else(|| {
            ApiError::Invalid(vec![FieldError::new(
                "review.organisation",
                format!(
                    "There is no organisation with ODS code {} here: add it first",
                    valid.new_review.organisation
                ),
            )])
        })?;
    if organisation.kind.variant() != export.review.variant {
        return Err(ApiError::Invalid(vec![FieldError::new(
            "review.variant",
            "The export was scored on the other set of statements (ICS or organisation) than this organisation uses",
        )]));
    }
    let organisation_target = Target::of_organisation(&organisation);
    authorise(Some(user), Action::CreateReview, &organisation_target)?;
    let review = state.store.import_review(&organisation, valid, &user.audit_name(), &user.email).await?;
    Ok((StatusCode::CREATED, Json(review)))
}

#[utoipa::path(get, path = "/api/ics/{ics}/reviews", tag = "reviews", security(("bearer" = [])),
    params(("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code"), ComparisonQuery),
    responses(
        (status = 200, description = "The period's reviews of the ICS and its organisations that the caller may open", body = Vec<Review>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The ICS code or period is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_ics_reviews(
    State(state): State<AppState>,
    caller: Caller,
    Path(ics): Path<String>,
    QueryParams(query): QueryParams<ComparisonQuery>,
) -> Result<Json<Vec<Review>>, ApiError> {
    authorise(caller.user(), Action::ListReviews, &Target::NONE)?;
    let mut errors = Vec::new();
    let ics = wgll_shared::organisation::OdsCode::parse(&ics)
        .map_err(|message| errors.push(FieldError::new("ics", message)))
        .ok();
    let period = wgll_shared::period::Period::parse(&query.period)
        .map_err(|message| errors.push(FieldError::new("period", message)))
        .ok();
    let (Some(ics), Some(period)) = (ics, period) else { return Err(ApiError::Invalid(errors)) };
    let mut reviews = state.store.list_reviews_for_ics(ics.as_str(), period.as_str()).await?;
    reviews.retain(|review| allows(caller.user(), Action::ReadReview, &target(review)));
    reviews.sort_by(|a, b| {
        (a.organisation_name.as_str(), &a.created_at).cmp(&(b.organisation_name.as_str(), &b.created_at))
    });
    Ok(Json(reviews))
}

#[derive(serde::Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ComparisonQuery {
    /// Financial year, e.g. `2025/26`.
    #[param(value_type = wgll_shared::period::Period)]
    period: String,
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
    State(state): State<AppState>,
    caller: Caller,
    Path(ods): Path<String>,
    QueryParams(query): QueryParams<ComparisonQuery>,
) -> Result<Json<Comparison>, ApiError> {
    authorise(caller.user(), Action::ListReviews, &Target::NONE)?;
    let organisation = find_organisation(&state, &ods).await?;
    let period = wgll_shared::period::Period::parse(&query.period)
        .map_err(|message| ApiError::Invalid(vec![FieldError::new("period", message)]))?;
    let reviews =
        state.store.list_reviews_for_period(organisation.ods_code.as_str(), period.as_str()).await?;
    // The newest of each kind that the caller may read: at most two more Queries.
    let newest = |kind: ReviewKind| {
        reviews
            .iter()
            .filter(|review| {
                review.kind == kind && allows(caller.user(), Action::ReadReview, &target(review))
            })
            .max_by(|a, b| a.created_at.cmp(&b.created_at))
    };
    let mut details = Vec::new();
    for kind in [ReviewKind::SelfAssessment, ReviewKind::PeerReview] {
        details.push(match newest(kind) {
            Some(review) => state.store.get_review_detail(&review.id).await?,
            None => None,
        });
    }
    let framework = framework::find(framework::CURRENT)
        .ok_or_else(|| ApiError::Internal("no current framework".to_owned()))?;
    Ok(Json(wgll_shared::comparison::compare(
        period.as_str(),
        details[0].as_ref(),
        details[1].as_ref(),
        framework,
    )))
}

async fn readable_detail(state: &AppState, caller: &Caller, id: &str) -> Result<ReviewDetail, ApiError> {
    caller.require()?;
    let detail = state.store.get_review_detail(id).await?.ok_or_else(|| review_not_found(id))?;
    authorise(caller.user(), Action::ReadReview, &target(&detail.review))?;
    Ok(detail)
}

fn download_name(review: &Review, extension: &str) -> String {
    format!(
        "review-{}-{}-{}.{extension}",
        review.organisation,
        review.period.as_str().replace('/', "-"),
        review.kind.code()
    )
}

pub(super) fn attachment(name: &str) -> [(header::HeaderName, String); 1] {
    [(header::CONTENT_DISPOSITION, format!("attachment; filename=\"{name}\""))]
}

/// The success measure a path names, in the review's framework version.
fn find_measure<'a>(
    review: &Review,
    number: &str,
) -> Result<&'a wgll_shared::framework::SuccessMeasure, ApiError> {
    let framework = framework::find(&review.framework_id).ok_or_else(|| {
        ApiError::Internal(format!("review {} names unknown framework {}", review.id, review.framework_id))
    })?;
    number.parse::<u8>().ok().and_then(|number| framework.measure(number)).ok_or_else(|| {
        ApiError::NotFound(format!(
            "There is no success measure “{number}”: the {} framework has measures 1 to {}.",
            framework.id,
            framework.measures.len()
        ))
    })
}

fn review_not_found(id: &str) -> ApiError {
    ApiError::NotFound(format!("There is no review with id “{id}”."))
}

fn not_a_draft(review: &Review) -> ApiError {
    ApiError::Conflict(format!(
        "This review is {}, so assessments can no longer be changed. The lead reviewer can return it to draft.",
        review.status.label().to_lowercase()
    ))
}
