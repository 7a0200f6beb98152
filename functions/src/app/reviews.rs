//! Reviews: start one (or import one), read it with its measures, save a reviewer's assessment of
//! a measure and the lead's agreed level, and take it through its statuses.

use super::organisations;
use super::{App, AppError, explain_refusal};
use crate::auth::rules::{Action, Target, allows, authorise};
use crate::store::Refusal;
use crate::store::my_work::WorkWrite;
use crate::store::outcomes::OutcomeChange;
use crate::store::round_progress::MeasureMark;
use crate::store::validation::QueueChange;
use wgll_shared::FieldError;
use wgll_shared::access::User;
use wgll_shared::assessment::{
    AgreedLevel, AgreedLevelUpdate, AgreedLevelsUpdate, MeasureAssessment, MeasureAssessmentUpdate,
};
use wgll_shared::comparison::Comparison;
use wgll_shared::export::ReviewExport;
use wgll_shared::framework::{self, MeasureNumber, SuccessMeasure};
use wgll_shared::ids::ReviewId;
use wgll_shared::independence::{
    Acceptance, ReviewAcceptance, ReviewersChange, is_of_reviewed_organisation, why_not_a_peer,
};
use wgll_shared::lifecycle::{StatusChange, Transition};
use wgll_shared::my_work::{self, Cause};
use wgll_shared::organisation::OdsCode;
use wgll_shared::outcomes::Outcome;
use wgll_shared::period::Period;
use wgll_shared::regional_validation::AwaitingValidation;
use wgll_shared::regions::Region;
use wgll_shared::review::{AuditEntry, NewReview, Review, ReviewDetail, ReviewKind, ReviewStatus};

/// What the rules see of a review: its organisation, ICS and reviewers.
pub(crate) fn target(review: &Review) -> Target<'_> {
    Target {
        organisation: Some(&review.organisation),
        ics: Some(&review.ics_code),
        reviewers: &review.reviewers,
        region: review.region,
    }
}

/// The organisation's reviews the caller may open, newest period first.
pub async fn list_for_organisation(
    app: &App,
    caller: Option<&User>,
    ods: &OdsCode,
) -> Result<Vec<Review>, AppError> {
    authorise(caller, Action::ListReviews, &Target::NONE)?;
    let organisation = organisations::find(app, ods).await?;
    let mut reviews = app.store.list_reviews_for_organisation(&organisation.ods_code).await?;
    // Everyone signed in may ask, but sees only the reviews they may open.
    reviews.retain(|review| allows(caller, Action::ReadReview, &target(review)));
    Ok(reviews)
}

/// The period's reviews of the ICS and its organisations that the caller may open, by
/// organisation name.
pub async fn list_for_ics(
    app: &App,
    caller: Option<&User>,
    ics: &OdsCode,
    period: &Period,
) -> Result<Vec<Review>, AppError> {
    authorise(caller, Action::ListReviews, &Target::NONE)?;
    let mut reviews = app.store.list_reviews_for_ics(ics, period).await?;
    reviews.retain(|review| allows(caller, Action::ReadReview, &target(review)));
    reviews.sort_by(|a, b| {
        (a.organisation_name.as_str(), &a.created_at).cmp(&(b.organisation_name.as_str(), &b.created_at))
    });
    Ok(reviews)
}

/// Starts a review, as a draft.
pub async fn create(app: &App, user: &User, form: NewReview) -> Result<Review, AppError> {
    let valid = form.validate().map_err(AppError::Invalid)?;
    let organisation = app.store.get_organisation(valid.organisation()).await?.ok_or_else(|| {
        AppError::invalid(
            "organisation",
            format!("There is no organisation with ODS code {}: add it first", valid.organisation()),
        )
    })?;
    authorise(Some(user), Action::CreateReview, &Target::of_organisation(&organisation))?;
    let mut review = Review::new(crate::random::review_id(), &organisation, valid, app.clock.now());
    if review.needs_acceptance() {
        // Known from the start, so its region's team is named on it before it reaches them.
        review.region = match organisation.region {
            Some(region) => Some(region),
            None => region_of(app, &review).await?,
        };
    }
    if review.needs_acceptance()
        && review.reviewers.contains(&user.email)
        && is_of_reviewed_organisation(&review, user)
    {
        return Err(own_organisation(&review));
    }
    let mut work = WorkWrite::pointers_to(&review);
    work.extend(WorkWrite::events(my_work::events(Cause::Created, &review, &user.email, &user.name)));
    app.store.create_review(&review, &AuditEntry::review_created(&review, &user.audit_name()), &work).await?;
    Ok(review)
}

/// Imports an exported review as a new draft: the importer is the one who records it.
pub async fn import(app: &App, user: &User, export: ReviewExport) -> Result<Review, AppError> {
    let valid = export.validate().map_err(AppError::Invalid)?;
    let organisation = app.store.get_organisation(valid.organisation()).await?.ok_or_else(|| {
        AppError::invalid(
            "review.organisation",
            format!("There is no organisation with ODS code {} here: add it first", valid.organisation()),
        )
    })?;
    if organisation.kind.variant() != export.review.variant {
        return Err(AppError::invalid(
            "review.variant",
            "The export was scored on the other set of statements (ICS or organisation) than this organisation uses",
        ));
    }
    authorise(Some(user), Action::CreateReview, &Target::of_organisation(&organisation))?;
    let imported = valid.into_records(
        crate::random::review_id(),
        &organisation,
        &user.email,
        &user.audit_name(),
        app.clock.now(),
    );
    let framework = framework::find(&imported.review.framework_id);
    let marks: Vec<MeasureMark> = imported
        .measures
        .iter()
        .filter_map(|assessment| {
            let measure = framework?.measure(assessment.measure)?;
            Some(MeasureMark {
                measure: assessment.measure,
                reviewer: assessment.reviewer.clone(),
                progress: assessment.progress(measure.variant(imported.review.variant)),
                late: assessment.late,
            })
        })
        .collect();
    app.store
        .import_review(&imported.review, &imported.measures, &marks, &imported.agreed, &imported.audit)
        .await?;
    Ok(imported.review)
}

/// The review with every measure assessed so far, for someone who may open it.
pub async fn get_detail(app: &App, user: &User, id: &ReviewId) -> Result<ReviewDetail, AppError> {
    let mut detail = app.store.get_review_detail(id).await?.ok_or_else(|| review_not_found(id))?;
    authorise(Some(user), Action::ReadReview, &target(&detail.review))?;
    detail.round = app.store.get_round(&detail.review.period).await?;
    Ok(detail)
}

/// The whole review as a file to import elsewhere, stamped with when it was exported.
pub async fn export(app: &App, user: &User, id: &ReviewId) -> Result<ReviewExport, AppError> {
    let detail = get_detail(app, user, id).await?;
    Ok(ReviewExport::new(detail, app.clock.now()))
}

/// Every change to the review, oldest first.
pub async fn history(app: &App, user: &User, id: &ReviewId) -> Result<Vec<AuditEntry>, AppError> {
    let review = app.store.get_review(id).await?.ok_or_else(|| review_not_found(id))?;
    authorise(Some(user), Action::ReadReview, &target(&review))?;
    Ok(app.store.list_audit(id).await?)
}

/// Saves the caller's own assessment of a measure. Each reviewer saves their own; the lead
/// compares them and records the agreed level.
pub async fn save_measure(
    app: &App,
    user: &User,
    id: &ReviewId,
    number: MeasureNumber,
    update: MeasureAssessmentUpdate,
) -> Result<MeasureAssessment, AppError> {
    let review = app.store.get_review(id).await?.ok_or_else(|| review_not_found(id))?;
    authorise(Some(user), Action::EditReview, &target(&review))?;
    let measure = find_measure(&review, number)?;
    if !review.status.accepts_assessments() {
        return Err(not_a_draft(&review));
    }
    if !review.has_accepted(&user.email) {
        return Err(accept_first(&review));
    }
    let valid = update.validate(measure.variant(review.variant)).map_err(AppError::Invalid)?;
    // The round of a peer review's year, if there is one, says when this measure may be saved; a
    // self-assessment, the organisation's preparation, is its own to keep when it likes.
    let round = match review.kind {
        ReviewKind::PeerReview => app.store.get_round(&review.period).await?,
        ReviewKind::SelfAssessment => None,
    };
    let late = match round {
        Some(round) => {
            round.check_save(measure.number, &measure.title, app.clock.today()).map_err(AppError::Conflict)?
        }
        None => false,
    };
    let mut saved = MeasureAssessment::saved(measure.number, &user.email, valid, app.clock.now());
    saved.late = late;
    let audit = AuditEntry::measure_saved(&review.id, &saved, &user.audit_name());
    let mark = MeasureMark {
        measure: saved.measure,
        reviewer: saved.reviewer.clone(),
        progress: saved.progress(measure.variant(review.variant)),
        late,
    };
    explain_refusal(app.store.save_measure(&review, &saved, &mark, &audit).await, |refusal| match refusal {
        Refusal::Closed => not_a_draft(&review),
        _ => AppError::Conflict(format!(
            "Your assessment of “{}” was saved elsewhere (another tab or device) since you opened it, so this change was not saved. Compare the two versions and save again.",
            measure.title
        )),
    })?;
    Ok(saved)
}

/// Records the level the reviewers agreed for a measure, while the review awaits moderation.
pub async fn save_agreed_level(
    app: &App,
    user: &User,
    id: &ReviewId,
    number: MeasureNumber,
    update: AgreedLevelUpdate,
) -> Result<AgreedLevel, AppError> {
    let review = app.store.get_review(id).await?.ok_or_else(|| review_not_found(id))?;
    authorise(Some(user), Action::ModerateReview, &target(&review))?;
    let measure = find_measure(&review, number)?;
    let awaiting = || {
        AppError::Conflict(format!(
            "Agreed levels are recorded while the review is submitted; it is {}.",
            review.status.label().to_lowercase()
        ))
    };
    if review.status != ReviewStatus::Submitted {
        return Err(awaiting());
    }
    let valid = update.validate().map_err(AppError::Invalid)?;
    let agreed =
        AgreedLevel::recorded(measure.number, valid, &user.email, update.version + 1, app.clock.now());
    let audit = AuditEntry::level_agreed(&review.id, &agreed, &user.audit_name());
    explain_refusal(app.store.save_agreed_level(&review, &agreed, &audit).await, |refusal| match refusal {
        Refusal::Closed => awaiting(),
        _ => AppError::Conflict(format!(
            "The agreed level for “{}” was saved elsewhere since you opened it. Reload to see it, then save again.",
            measure.title
        )),
    })?;
    Ok(agreed)
}

/// Records the agreed levels of several measures together, while the review awaits moderation:
/// every one of them or, if any is invalid or was saved elsewhere meanwhile, none.
pub async fn save_agreed_levels(
    app: &App,
    user: &User,
    id: &ReviewId,
    update: AgreedLevelsUpdate,
) -> Result<Vec<AgreedLevel>, AppError> {
    let review = app.store.get_review(id).await?.ok_or_else(|| review_not_found(id))?;
    authorise(Some(user), Action::ModerateReview, &target(&review))?;
    let awaiting = || {
        AppError::Conflict(format!(
            "Agreed levels are recorded while the review is submitted; it is {}.",
            review.status.label().to_lowercase()
        ))
    };
    if review.status != ReviewStatus::Submitted {
        return Err(awaiting());
    }
    let framework = framework::find(&review.framework_id).ok_or_else(|| {
        AppError::Internal(format!("review {id} names unknown framework {}", review.framework_id))
    })?;
    let valid = update.validate(framework).map_err(AppError::Invalid)?;
    let now = app.clock.now();
    let agreed: Vec<AgreedLevel> = valid
        .into_iter()
        .map(|level| {
            AgreedLevel::recorded(
                level.measure,
                (level.level, level.note),
                &user.email,
                level.expected_version.saturating_add(1),
                now.clone(),
            )
        })
        .collect();
    let audit = AuditEntry::levels_agreed(&review.id, &agreed, &now, &user.audit_name());
    explain_refusal(app.store.save_agreed_levels(&review, &agreed, &audit).await, |refusal| {
        match refusal {
        Refusal::Closed => awaiting(),
        _ => AppError::Conflict(
            "An agreed level was saved elsewhere since you opened this page, so none of these were saved. Reload to see the levels saved, then save again.".to_owned(),
        ),
    }
    })?;
    Ok(agreed)
}

/// Moves the review on (or back) a step, when the step's conditions are met.
pub async fn change_status(
    app: &App,
    user: &User,
    id: &ReviewId,
    change: StatusChange,
) -> Result<Review, AppError> {
    let detail = app.store.get_review_detail(id).await?.ok_or_else(|| review_not_found(id))?;
    let review = &detail.review;
    let transition = change.transition;
    let action = if transition == Transition::Reopen {
        Action::ReopenReview
    } else if transition.by_region() {
        Action::ValidateReview
    } else {
        Action::ChangeReviewStatus
    };
    authorise(Some(user), action, &target(review))?;
    if !transition.applies_to(review.kind) {
        return Err(AppError::Conflict(
            "A self-assessment is the organisation’s own: it does not go to its region.".to_owned(),
        ));
    }
    if review.status != transition.from_status(review.kind) || review.version != change.version {
        return Err(AppError::Conflict(format!(
            "This review is now {} (version {}): reload it to see what changed, then try again.",
            review.status.label().to_lowercase(),
            review.version
        )));
    }
    let reason = change.validate().map_err(AppError::Invalid)?;
    if review.needs_acceptance() && transition != Transition::Reopen && !transition.by_region() {
        // The organisation's own people never move its peer review on, nor a reviewer who has
        // not accepted it.
        if let Some(why) = why_not_a_peer(review, user) {
            return Err(AppError::Forbidden(why));
        }
        if !review.has_accepted(&user.email) {
            return Err(accept_first(review));
        }
    }
    let framework = framework::find(&review.framework_id).ok_or_else(|| {
        AppError::Internal(format!("review {id} names unknown framework {}", review.framework_id))
    })?;
    let unmet = transition.unmet_conditions(&detail, framework, app.clock.today());
    if !unmet.is_empty() {
        return Err(AppError::Invalid(
            unmet.into_iter().map(|message| FieldError::new("transition", message)).collect(),
        ));
    }
    let outcome = outcome_change(app, &detail, transition).await?;
    let mut changed = review.after(transition, app.clock.now());
    let queue = match transition {
        Transition::Moderate if review.needs_acceptance() => {
            changed.region = region_of(app, review).await?;
            let moderated = ReviewDetail { review: changed.clone(), ..detail.clone() };
            match AwaitingValidation::of(&moderated) {
                Some(awaiting) => QueueChange::Join(changed.region, Box::new(awaiting)),
                None => QueueChange::None,
            }
        }
        Transition::Confirm | Transition::ReturnFromRegion => {
            QueueChange::Leave(review.region, review.id.clone())
        }
        _ => QueueChange::None,
    };
    let audit = AuditEntry::status_changed(&changed, transition, &reason, &user.audit_name());
    let work = my_work::events(Cause::StatusChanged(transition), &changed, &user.email, &user.name);
    let work = WorkWrite::events(work);
    explain_refusal(app.store.change_status(&changed, &audit, outcome, queue, &work).await, |_| {
        AppError::Conflict(
            "Someone changed this review’s status at the same moment: reload it and try again.".to_owned(),
        )
    })?;
    Ok(changed)
}

/// The region whose team validates a review: its ICS's, from the ICS's record.
async fn region_of(app: &App, review: &Review) -> Result<Option<Region>, AppError> {
    Ok(app.store.get_organisation(&review.ics_code).await?.and_then(|ics| ics.region))
}

/// What a status change does to the outcomes the dashboards read: publishing a peer review records
/// its agreed levels; reopening it removes them (unless a later review of the period replaced them).
async fn outcome_change(
    app: &App,
    detail: &ReviewDetail,
    transition: Transition,
) -> Result<OutcomeChange, AppError> {
    let review = &detail.review;
    if review.kind != ReviewKind::PeerReview {
        return Ok(OutcomeChange::None);
    }
    match transition {
        Transition::Publish => {
            let organisation = app.store.get_organisation(&review.organisation).await?.ok_or_else(|| {
                AppError::Internal(format!("review {} names a missing organisation", review.id))
            })?;
            let outcome = Outcome::of_review(detail, organisation.kind, &app.clock.now());
            Ok(OutcomeChange::Record(Box::new(outcome)))
        }
        Transition::Reopen => {
            let recorded = app.store.get_outcome(&review.organisation, &review.period).await?;
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

/// The self-assessment and the peer review of a period, measure by measure: the newest of each
/// kind that the caller may read.
pub async fn compare(
    app: &App,
    caller: Option<&User>,
    ods: &OdsCode,
    period: &Period,
) -> Result<Comparison, AppError> {
    authorise(caller, Action::ListReviews, &Target::NONE)?;
    let organisation = organisations::find(app, ods).await?;
    let reviews = app.store.list_reviews_for_period(&organisation.ods_code, period).await?;
    // At most two more Queries.
    let newest = |kind: ReviewKind| {
        reviews
            .iter()
            .filter(|review| review.kind == kind && allows(caller, Action::ReadReview, &target(review)))
            .max_by(|a, b| a.created_at.cmp(&b.created_at))
    };
    let mut details = Vec::new();
    for kind in [ReviewKind::SelfAssessment, ReviewKind::PeerReview] {
        details.push(match newest(kind) {
            Some(review) => app.store.get_review_detail(&review.id).await?,
            None => None,
        });
    }
    let framework = framework::find(framework::CURRENT)
        .ok_or_else(|| AppError::Internal("no current framework".to_owned()))?;
    Ok(wgll_shared::comparison::compare(period.as_str(), details[0].as_ref(), details[1].as_ref(), framework))
}

/// The organisation's self-assessment for a peer review's period (its newest, if several), for
/// whoever may read the peer review: its reviewers read it beside their own form, read-only.
pub async fn self_assessment_for(app: &App, user: &User, id: &ReviewId) -> Result<ReviewDetail, AppError> {
    let peer_review = app.store.get_review(id).await?.ok_or_else(|| review_not_found(id))?;
    authorise(Some(user), Action::ReadReview, &target(&peer_review))?;
    let none = || {
        AppError::NotFound(format!(
            "{} has no self-assessment for {}.",
            peer_review.organisation_name, peer_review.period
        ))
    };
    if peer_review.kind != ReviewKind::PeerReview {
        return Err(AppError::NotFound("Only a peer review is read beside a self-assessment.".to_owned()));
    }
    newest_self_assessment(app, &peer_review).await?.ok_or_else(none)
}

/// The organisation's newest self-assessment for the year of `peer_review`, with its measures, if
/// it has one: a Query of its reviews for the year, and one of that review.
pub(crate) async fn newest_self_assessment(
    app: &App,
    peer_review: &Review,
) -> Result<Option<ReviewDetail>, AppError> {
    let reviews = app.store.list_reviews_for_period(&peer_review.organisation, &peer_review.period).await?;
    let newest = reviews
        .iter()
        .filter(|review| review.kind == ReviewKind::SelfAssessment)
        .max_by(|a, b| a.created_at.cmp(&b.created_at));
    Ok(match newest {
        Some(newest) => app.store.get_review_detail(&newest.id).await?,
        None => None,
    })
}

/// The success measure numbered `number` in the review's framework version.
fn find_measure(review: &Review, number: MeasureNumber) -> Result<&'static SuccessMeasure, AppError> {
    let framework = framework::find(&review.framework_id).ok_or_else(|| {
        AppError::Internal(format!("review {} names unknown framework {}", review.id, review.framework_id))
    })?;
    framework.numbered(number).ok_or_else(|| {
        AppError::NotFound(format!(
            "There is no success measure “{number}”: the {} framework has measures 1 to {}.",
            framework.id,
            framework.measures.len()
        ))
    })
}

fn accept_first(review: &Review) -> AppError {
    AppError::Conflict(format!(
        "Accept this review first, saying whether you have a conflict of interest with {}: until then you cannot record anything in it.",
        review.organisation_name
    ))
}

/// A peer reviewer accepts the review: independent of the organisation reviewed (their account
/// says where they work), declaring any conflict of interest, recorded in the history.
pub async fn accept(
    app: &App,
    user: &User,
    id: &ReviewId,
    form: ReviewAcceptance,
) -> Result<Review, AppError> {
    let review = app.store.get_review(id).await?.ok_or_else(|| review_not_found(id))?;
    authorise(Some(user), Action::EditReview, &target(&review))?;
    if !review.needs_acceptance() {
        return Err(AppError::Conflict(
            "A self-assessment is the organisation’s own: there is nothing to accept.".to_owned(),
        ));
    }
    if !review.status.accepts_assessments() {
        return Err(not_a_draft(&review));
    }
    if let Some(why) = why_not_a_peer(&review, user) {
        return Err(AppError::Forbidden(why));
    }
    let stale = || {
        AppError::Conflict("This review changed since you opened it: reload it and accept again.".to_owned())
    };
    if review.version != form.version {
        return Err(stale());
    }
    let conflict = form.validate().map_err(AppError::Invalid)?;
    let organisation =
        user.works_for().cloned().ok_or_else(|| AppError::Internal("checked above".to_owned()))?;
    let acceptance = Acceptance { reviewer: user.email.clone(), organisation, conflict, at: app.clock.now() };
    let accepted = review.accepted(acceptance.clone());
    let audit = AuditEntry::review_accepted(&accepted, &acceptance, &user.audit_name());
    explain_refusal(app.store.update_review(&accepted, &audit, &[]).await, |_| stale())?;
    Ok(accepted)
}

/// Changes a draft review's reviewers (the first leads), with the change in the history.
pub async fn change_reviewers(
    app: &App,
    user: &User,
    id: &ReviewId,
    change: ReviewersChange,
) -> Result<Review, AppError> {
    let review = app.store.get_review(id).await?.ok_or_else(|| review_not_found(id))?;
    authorise(Some(user), Action::ChangeReviewers, &target(&review))?;
    if !review.status.accepts_assessments() {
        return Err(AppError::Conflict(format!(
            "The reviewers change only while the review is a draft; it is {}.",
            review.status.label().to_lowercase()
        )));
    }
    let stale =
        || AppError::Conflict("This review changed since you opened it: reload it and try again.".to_owned());
    if review.version != change.version {
        return Err(stale());
    }
    let reviewers = change.validate().map_err(AppError::Invalid)?;
    if review.needs_acceptance()
        && reviewers.contains(&user.email)
        && is_of_reviewed_organisation(&review, user)
    {
        return Err(own_organisation(&review));
    }
    let changed = review.with_reviewers(reviewers, app.clock.now());
    let audit = AuditEntry::reviewers_changed(&review, &changed, &user.audit_name());
    let work = reviewers_work(&review, &changed, user);
    explain_refusal(app.store.update_review(&changed, &audit, &work).await, |_| stale())?;
    Ok(changed)
}

/// What a change of reviewers does to "my work": those added point at the review and hear of it,
/// those removed no longer point at it.
fn reviewers_work(before: &Review, after: &Review, user: &User) -> Vec<WorkWrite> {
    let id = &after.id;
    let added = my_work::added(&before.reviewers, &after.reviewers);
    let removed = my_work::added(&after.reviewers, &before.reviewers);
    let cause = Cause::ReviewersChanged { before: &before.reviewers };
    let events = my_work::events(cause, after, &user.email, &user.name);
    (added.into_iter().map(|email| WorkWrite::Point(email.clone(), id.clone())))
        .chain(removed.into_iter().map(|email| WorkWrite::Unpoint(email.clone(), id.clone())))
        .chain(WorkWrite::events(events))
        .collect()
}

fn own_organisation(review: &Review) -> AppError {
    AppError::invalid(
        "reviewers",
        format!(
            "You work for or lead {}, so you cannot be one of its peer reviewers: name reviewers from other organisations",
            review.organisation_name
        ),
    )
}

pub(crate) fn review_not_found(id: &ReviewId) -> AppError {
    AppError::NotFound(format!("There is no review with id “{id}”."))
}

fn not_a_draft(review: &Review) -> AppError {
    AppError::Conflict(format!(
        "This review is {}, so assessments can no longer be changed. The lead reviewer can return it to draft.",
        review.status.label().to_lowercase()
    ))
}
