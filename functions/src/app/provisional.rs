//! The provisional release (`wgll_shared::provisional`): the organisation reviewed flags factual
//! errors in its confirmed result, or confirms it has none; the lead reviewer answers each flag.
//! Each is a new version of the review with its entry in the history, written together.

use super::reviews::{review_not_found, target};
use super::{App, AppError, explain_refusal};
use crate::auth::rules::{Action, authorise};
use crate::store::my_work::WorkWrite;
use wgll_shared::access::User;
use wgll_shared::ids::ReviewId;
use wgll_shared::my_work::{self, Cause};
use wgll_shared::provisional::{
    FLAGS_MAX, FactsConfirmation, FactsConfirmed, FactualErrorFlag, FlagAnswer, FlagAnswerForm, NewFlag,
};
use wgll_shared::review::{AuditEntry, Review, ReviewStatus};

fn stale() -> AppError {
    AppError::Conflict("This review changed since you opened it: reload it and try again.".to_owned())
}

/// The review, once the caller may `action` on it and it is provisional at the version they saw.
async fn provisional(
    app: &App,
    user: &User,
    id: &ReviewId,
    action: Action,
    version: u64,
) -> Result<Review, AppError> {
    let review = app.store.get_review(id).await?.ok_or_else(|| review_not_found(id))?;
    authorise(Some(user), action, &target(&review))?;
    if review.status != ReviewStatus::Provisional {
        return Err(AppError::Conflict(format!(
            "Only a provisional result can be checked for factual errors; this review is {}.",
            review.status.label().to_lowercase()
        )));
    }
    if review.version != version {
        return Err(stale());
    }
    Ok(review)
}

fn closed(review: &Review) -> AppError {
    AppError::Conflict(match (&review.facts_confirmed, review.provisional_until) {
        (Some(_), _) => {
            "The organisation has confirmed this result, so no more errors can be flagged.".to_owned()
        }
        (None, Some(until)) => format!("Factual errors could be flagged until {}.", until.in_words()),
        (None, None) => "This result is not open for factual errors.".to_owned(),
    })
}

/// The organisation flags a factual error in its provisional result.
pub async fn flag(app: &App, user: &User, id: &ReviewId, form: NewFlag) -> Result<Review, AppError> {
    let review = provisional(app, user, id, Action::RespondToProvisional, form.version).await?;
    if !review.open_for_flags(app.clock.today()) {
        return Err(closed(&review));
    }
    let (measure, text) = form.validate().map_err(AppError::Invalid)?;
    if review.flags.len() >= FLAGS_MAX {
        return Err(AppError::invalid(
            "text",
            format!("A result can have at most {FLAGS_MAX} flags: put the rest in one"),
        ));
    }
    let at = app.clock.now();
    let number = u32::try_from(review.flags.len()).unwrap_or(u32::MAX).saturating_add(1);
    let flag =
        FactualErrorFlag { number, measure, text, by: user.audit_name(), at: at.clone(), answer: None };
    let flagged = review.flagged(flag.clone(), at);
    let audit = AuditEntry::factual_error_flagged(&flagged, &flag, &user.audit_name());
    let work = WorkWrite::events(my_work::events(Cause::Flagged, &flagged, &user.email, &user.name));
    explain_refusal(app.store.update_review(&flagged, &audit, &work).await, |_| stale())?;
    Ok(flagged)
}

/// The organisation confirms its provisional result has no (more) factual errors.
pub async fn confirm_facts(
    app: &App,
    user: &User,
    id: &ReviewId,
    form: FactsConfirmation,
) -> Result<Review, AppError> {
    let review = provisional(app, user, id, Action::RespondToProvisional, form.version).await?;
    if !review.open_for_flags(app.clock.today()) {
        return Err(closed(&review));
    }
    let confirmed =
        review.with_facts_confirmed(FactsConfirmed { by: user.audit_name(), at: app.clock.now() });
    let audit = AuditEntry::facts_confirmed(&confirmed, &user.audit_name());
    explain_refusal(app.store.update_review(&confirmed, &audit, &[]).await, |_| stale())?;
    Ok(confirmed)
}

/// The lead reviewer answers flag `number`.
pub async fn answer(
    app: &App,
    user: &User,
    id: &ReviewId,
    number: u32,
    form: FlagAnswerForm,
) -> Result<Review, AppError> {
    let review = provisional(app, user, id, Action::AnswerFlag, form.version).await?;
    let Some(flag) = review.flags.iter().find(|flag| flag.number == number) else {
        return Err(AppError::NotFound(format!("This review has no factual error {number}.")));
    };
    if flag.answer.is_some() {
        return Err(AppError::Conflict(format!("Factual error {number} has been answered already.")));
    }
    let text = form.validate().map_err(AppError::Invalid)?;
    let answered =
        review.with_answer(number, FlagAnswer { text, by: user.audit_name(), at: app.clock.now() });
    let audit = AuditEntry::flag_answered(&answered, number, &user.audit_name());
    let work = WorkWrite::events(my_work::events(Cause::Answered, &answered, &user.email, &user.name));
    explain_refusal(app.store.update_review(&answered, &audit, &work).await, |_| stale())?;
    Ok(answered)
}
