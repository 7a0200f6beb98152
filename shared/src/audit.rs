//! A review's history: one entry per change, kept for ever, saying in words a person can read who
//! changed what. Every entry's wording is here, as the offer log's is in `offer`.

use crate::assessment::{AgreedLevel, MeasureAssessment};
use crate::ids::ReviewId;
use crate::lifecycle::Transition;
use crate::review::Review;
use crate::timestamp::Timestamp;
use serde::{Deserialize, Serialize};

/// One change to a review, kept for ever: who made it, when, and what changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AuditEntry {
    pub review_id: ReviewId,
    pub at: Timestamp,
    /// Who made the change: the signed-in user's name and email address.
    pub actor: String,
    /// What kind of change, e.g. `review-created`, `measure-saved`.
    pub action: String,
    /// The change in words a person can read.
    pub summary: String,
}

impl AuditEntry {
    fn new(review_id: &ReviewId, at: &Timestamp, actor: &str, action: &str, summary: String) -> Self {
        AuditEntry {
            review_id: review_id.clone(),
            at: at.clone(),
            actor: actor.to_owned(),
            action: action.to_owned(),
            summary,
        }
    }

    pub fn review_created(review: &Review, actor: &str) -> Self {
        let summary = format!(
            "Started a {} of {} for {}",
            review.kind.label().to_lowercase(),
            review.organisation_name,
            review.period
        );
        Self::new(&review.id, &review.created_at, actor, "review-created", summary)
    }

    /// `origin`: the status and id the review had where it was exported.
    pub fn review_imported(review: &Review, origin: &str, actor: &str) -> Self {
        let summary = format!("Imported from {origin} exported by another instance");
        Self::new(&review.id, &review.created_at, actor, "review-imported", summary)
    }

    pub fn measure_saved(review_id: &ReviewId, saved: &MeasureAssessment, actor: &str) -> Self {
        let level = saved.level.map_or_else(|| "no level".to_owned(), |level| format!("level {level}"));
        let summary = format!(
            "Saved measure {} as version {} ({level}, {} characters of evidence)",
            saved.measure,
            saved.version,
            saved.evidence.chars().count()
        );
        Self::new(review_id, &saved.updated_at, actor, "measure-saved", summary)
    }

    pub fn level_agreed(review_id: &ReviewId, agreed: &AgreedLevel, actor: &str) -> Self {
        let summary = format!(
            "Agreed level {} for measure {} (version {})",
            agreed.level, agreed.measure, agreed.version
        );
        Self::new(review_id, &agreed.updated_at, actor, "level-agreed", summary)
    }

    /// Several agreed levels saved together at `at`, as one change.
    pub fn levels_agreed(review_id: &ReviewId, agreed: &[AgreedLevel], at: &Timestamp, actor: &str) -> Self {
        let each: Vec<String> = agreed
            .iter()
            .map(|agreed| {
                format!("measure {} level {} (version {})", agreed.measure, agreed.level, agreed.version)
            })
            .collect();
        let summary = format!("Agreed levels for {} measures: {}", agreed.len(), each.join("; "));
        Self::new(review_id, at, actor, "levels-agreed", summary)
    }

    /// A peer reviewer accepted `accepted` (the review after it), declaring a conflict or none.
    pub fn review_accepted(
        accepted: &Review,
        acceptance: &crate::independence::Acceptance,
        actor: &str,
    ) -> Self {
        let conflict = if acceptance.conflict.is_empty() {
            "declared no conflict of interest".to_owned()
        } else {
            format!("declared a conflict of interest: {}", acceptance.conflict)
        };
        let summary = format!("Accepted the review, working for {}; {conflict}", acceptance.organisation);
        Self::new(&accepted.id, &acceptance.at, actor, "review-accepted", summary)
    }

    /// The reviewers changed from `before`'s to `after`'s.
    pub fn reviewers_changed(before: &Review, after: &Review, actor: &str) -> Self {
        let list =
            |review: &Review| review.reviewers.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
        let summary = format!("Changed the reviewers from {} to {}", list(before), list(after));
        Self::new(&after.id, &after.updated_at, actor, "reviewers-changed", summary)
    }

    /// `changed`: the review after the transition; `reason` may be empty.
    pub fn status_changed(changed: &Review, transition: Transition, reason: &str, actor: &str) -> Self {
        let mut summary = format!(
            "{}: {} → {}",
            transition.label(),
            transition.from_status(changed.kind).label(),
            transition.to_status().label()
        );
        if !reason.is_empty() {
            summary.push_str(&format!(". Reason: {reason}"));
        }
        Self::new(&changed.id, &changed.updated_at, actor, "status-changed", summary)
    }

    pub fn factual_error_flagged(
        flagged: &Review,
        flag: &crate::provisional::FactualErrorFlag,
        actor: &str,
    ) -> Self {
        let about =
            flag.measure.map_or_else(|| "the review".to_owned(), |measure| format!("measure {measure}"));
        let summary = format!("Flagged factual error {} about {about}: {}", flag.number, flag.text);
        Self::new(&flagged.id, &flag.at, actor, "factual-error-flagged", summary)
    }

    pub fn flag_answered(answered: &Review, number: u32, actor: &str) -> Self {
        let text = answered
            .flags
            .iter()
            .find(|flag| flag.number == number)
            .and_then(|flag| flag.answer.as_ref())
            .map_or("", |answer| answer.text.as_str());
        let summary = format!("Answered factual error {number}: {text}");
        Self::new(&answered.id, &answered.updated_at, actor, "factual-error-answered", summary)
    }

    pub fn peer_confirmed(review: &Review, pair: &crate::peer_pairs::PeerPair, actor: &str) -> Self {
        let summary = format!("Confirmed {} ({}) as the peer organisation", pair.name, pair.ods_code);
        Self::new(&review.id, &pair.at, actor, "peer-confirmed", summary)
    }

    pub fn facts_confirmed(confirmed: &Review, actor: &str) -> Self {
        let summary = "Confirmed the provisional result has no factual errors".to_owned();
        Self::new(&confirmed.id, &confirmed.updated_at, actor, "facts-confirmed", summary)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::ReviewKind;
    use crate::test_support::{agreed, assessment, review};

    const ACTOR: &str = "Asha Patel <asha@example.nhs.uk>";

    #[test]
    fn each_change_reads_as_a_sentence_with_who_and_when() {
        let started = review(ReviewKind::PeerReview, &["lead@example.nhs.uk"]);
        let entry = AuditEntry::review_created(&started, ACTOR);
        assert_eq!(
            (entry.action.as_str(), entry.summary.as_str(), entry.at.as_str(), entry.actor.as_str()),
            (
                "review-created",
                "Started a peer review of Leeds Teaching Hospitals NHS Trust for 2025/26",
                "2026-01-05T09:00:00.000Z",
                ACTOR
            )
        );
        assert_eq!(
            AuditEntry::review_imported(&started, "review r-9 (draft)", ACTOR).summary,
            "Imported from review r-9 (draft) exported by another instance"
        );

        let mut saved = assessment(3, "lead@example.nhs.uk", None, Some(4));
        saved.evidence = "Minutes of the board".into();
        saved.version = 2;
        assert_eq!(
            AuditEntry::measure_saved(&ReviewId::from_uuid_bytes([1; 16]), &saved, ACTOR).summary,
            "Saved measure 3 as version 2 (level 4 – Managed, 20 characters of evidence)"
        );
        let unlevelled = assessment(3, "lead@example.nhs.uk", None, None);
        assert_eq!(
            AuditEntry::measure_saved(&ReviewId::from_uuid_bytes([1; 16]), &unlevelled, ACTOR).summary,
            "Saved measure 3 as version 1 (no level, 0 characters of evidence)"
        );
        assert_eq!(
            AuditEntry::level_agreed(&ReviewId::from_uuid_bytes([1; 16]), &agreed(5, 2), ACTOR).summary,
            "Agreed level 2 – Developing for measure 5 (version 1)"
        );
    }

    #[test]
    fn agreed_levels_saved_together_are_one_entry_naming_each() {
        let at = crate::test_support::at("2026-02-01T12:00:00.000Z");
        let entry = AuditEntry::levels_agreed(
            &ReviewId::from_uuid_bytes([1; 16]),
            &[agreed(1, 3), agreed(7, 2)],
            &at,
            ACTOR,
        );
        assert_eq!(
            (entry.action.as_str(), entry.summary.as_str(), entry.at.as_str()),
            (
                "levels-agreed",
                "Agreed levels for 2 measures: measure 1 level 3 – Defined (version 1); measure 7 level 2 – Developing (version 1)",
                "2026-02-01T12:00:00.000Z"
            )
        );
    }

    #[test]
    fn a_status_change_says_from_and_to_and_the_reason_when_there_is_one() {
        let published = review(ReviewKind::PeerReview, &["lead@example.nhs.uk"]);
        let reopened =
            published.after(Transition::Reopen, crate::test_support::at("2026-02-01T12:00:00.000Z"));
        let entry = AuditEntry::status_changed(&reopened, Transition::Reopen, "New evidence", ACTOR);
        assert_eq!(entry.summary, "Reopen the review: Published → Draft. Reason: New evidence");
        assert_eq!(
            (entry.action.as_str(), entry.at.as_str()),
            ("status-changed", "2026-02-01T12:00:00.000Z")
        );
        let submitted =
            published.after(Transition::Submit, crate::test_support::at("2026-02-01T12:00:00.000Z"));
        assert_eq!(
            AuditEntry::status_changed(&submitted, Transition::Submit, "", ACTOR).summary,
            "Submit for moderation: Draft → Submitted"
        );
        assert_eq!((submitted.version, submitted.status.code()), (2, "submitted"));
    }
}
