//! A review's lifecycle: Draft → Submitted → Moderated → Published, with a way back for each
//! step that needs one. A peer review goes from Moderated to its region, which confirms it
//! (Provisional: the organisation checks it, `crate::provisional`) or returns it; it is published
//! from Provisional. Which changes exist, what each requires, and who may make it (the last
//! enforced by the API's rules table) are decided here, so the app offers only what will work.

use crate::Validated;
use crate::assessment::MeasureAssessment;
use crate::date::Date;
use crate::framework::Framework;
use crate::review::{ReviewDetail, ReviewKind, ReviewStatus};
use crate::scoring::MeasureProgress;
use crate::validation::{self, Errors};
use serde::{Deserialize, Serialize};

/// A change of a review's status.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Transition {
    /// Draft → Submitted, by the lead reviewer, once every measure is completed.
    Submit,
    /// Submitted → Draft, by the lead reviewer, with a reason (more work is needed).
    ReturnToDraft,
    /// Submitted → Moderated, by the lead reviewer, once every measure has an agreed level.
    Moderate,
    /// A peer review: Moderated → Provisional, by its region's team, who looked at its outliers.
    Confirm,
    /// A peer review: Moderated → Submitted, by its region's team, with a reason, for the lead
    /// reviewer to look at again.
    ReturnFromRegion,
    /// By the lead reviewer, the review becomes the record: a self-assessment from Moderated, a
    /// peer review from Provisional.
    Publish,
    /// Published → Draft, by an administrator only, with a reason.
    Reopen,
}

impl Transition {
    pub const ALL: [Transition; 7] = [
        Transition::Submit,
        Transition::ReturnToDraft,
        Transition::Moderate,
        Transition::Confirm,
        Transition::ReturnFromRegion,
        Transition::Publish,
        Transition::Reopen,
    ];

    /// The status a review of `kind` must be in for this change.
    pub fn from_status(self, kind: ReviewKind) -> ReviewStatus {
        match self {
            Transition::Submit => ReviewStatus::Draft,
            Transition::ReturnToDraft | Transition::Moderate => ReviewStatus::Submitted,
            Transition::Confirm | Transition::ReturnFromRegion => ReviewStatus::Moderated,
            Transition::Publish if kind == ReviewKind::PeerReview => ReviewStatus::Provisional,
            Transition::Publish => ReviewStatus::Moderated,
            Transition::Reopen => ReviewStatus::Published,
        }
    }

    pub fn to_status(self) -> ReviewStatus {
        match self {
            Transition::Submit | Transition::ReturnFromRegion => ReviewStatus::Submitted,
            Transition::ReturnToDraft | Transition::Reopen => ReviewStatus::Draft,
            Transition::Moderate => ReviewStatus::Moderated,
            Transition::Confirm => ReviewStatus::Provisional,
            Transition::Publish => ReviewStatus::Published,
        }
    }

    /// Whether a review of `kind` ever makes this change: only peer reviews go to a region.
    pub fn applies_to(self, kind: ReviewKind) -> bool {
        kind == ReviewKind::PeerReview || !self.by_region()
    }

    /// Made by the region's team (or an administrator), not the review's lead.
    pub fn by_region(self) -> bool {
        matches!(self, Transition::Confirm | Transition::ReturnFromRegion)
    }

    pub fn needs_reason(self) -> bool {
        matches!(self, Transition::ReturnToDraft | Transition::ReturnFromRegion | Transition::Reopen)
    }

    /// The button that makes this change.
    pub fn label(self) -> &'static str {
        match self {
            Transition::Submit => "Submit for moderation",
            Transition::ReturnToDraft => "Return to draft",
            Transition::Moderate => "Confirm the agreed levels",
            Transition::Confirm => "Confirm the result",
            Transition::ReturnFromRegion => "Return it to the lead reviewer",
            Transition::Publish => "Publish the review",
            Transition::Reopen => "Reopen the review",
        }
    }

    /// The changes possible from a status, for a review of `kind`.
    pub fn from(status: ReviewStatus, kind: ReviewKind) -> impl Iterator<Item = Transition> {
        Self::ALL
            .into_iter()
            .filter(move |transition| transition.applies_to(kind) && transition.from_status(kind) == status)
    }

    /// What must be true of the review first, on `today`, as field errors (empty when ready).
    pub fn unmet_conditions(self, detail: &ReviewDetail, framework: &Framework, today: Date) -> Vec<String> {
        match self {
            Transition::Publish if detail.review.kind == ReviewKind::PeerReview => {
                detail.review.unmet_before_publishing(today)
            }
            Transition::Submit => framework
                .measures
                .iter()
                .filter(|measure| {
                    let variant = measure.variant(detail.review.variant);
                    !detail.assessments(measure.number).any(|assessment: &MeasureAssessment| {
                        assessment.progress(variant) == MeasureProgress::Completed
                    })
                })
                .map(|measure| format!("Complete the assessment of “{}” before submitting", measure.title))
                .collect(),
            Transition::Moderate => framework
                .measures
                .iter()
                .filter(|measure| detail.agreed_level(measure.number).is_none())
                .map(|measure| format!("Record the agreed level for “{}”", measure.title))
                .collect(),
            _ => Vec::new(),
        }
    }
}

/// A request to change a review's status. `version` is the review's version as the person saw
/// it, so two people changing the status at once cannot both succeed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatusChange {
    pub transition: Transition,
    /// Why: required to return a review to draft or to reopen it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<REASON_MAX>))]
    pub reason: String,
    pub version: u64,
}

/// The longest reason for a status change, in characters.
pub const REASON_MAX: usize = 2_000;

impl StatusChange {
    /// The reason, trimmed, where the transition needs one.
    pub fn validate(&self) -> Validated<String> {
        let mut errors = Errors::default();
        let reason = errors.check(
            "reason",
            validation::text(&self.reason, "the reason", self.transition.needs_reason(), REASON_MAX),
        );
        match reason {
            Some(reason) if errors.is_empty() => Ok(reason),
            _ => Err(errors.into_vec()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_lifecycle_runs_forward_and_back_only_where_it_should() {
        let own = |status| Transition::from(status, ReviewKind::SelfAssessment).collect::<Vec<_>>();
        assert_eq!(own(ReviewStatus::Draft), [Transition::Submit]);
        assert_eq!(own(ReviewStatus::Submitted), [Transition::ReturnToDraft, Transition::Moderate]);
        assert_eq!(own(ReviewStatus::Moderated), [Transition::Publish]);
        assert_eq!(own(ReviewStatus::Provisional), []);
        assert_eq!(own(ReviewStatus::Published), [Transition::Reopen]);
        assert_eq!(Transition::Reopen.to_status(), ReviewStatus::Draft);
        // A peer review goes to its region between moderation and publication.
        let peer = |status| Transition::from(status, ReviewKind::PeerReview).collect::<Vec<_>>();
        assert_eq!(peer(ReviewStatus::Submitted), [Transition::ReturnToDraft, Transition::Moderate]);
        assert_eq!(peer(ReviewStatus::Moderated), [Transition::Confirm, Transition::ReturnFromRegion]);
        assert_eq!(peer(ReviewStatus::Provisional), [Transition::Publish]);
        assert_eq!(peer(ReviewStatus::Published), [Transition::Reopen]);
        assert_eq!(Transition::Confirm.to_status(), ReviewStatus::Provisional);
        assert_eq!(Transition::ReturnFromRegion.to_status(), ReviewStatus::Submitted);
    }

    #[test]
    fn returning_or_reopening_needs_a_reason() {
        let change = |transition| StatusChange { transition, reason: " ".into(), version: 3 };
        assert_eq!(change(Transition::Reopen).validate().unwrap_err()[0].field, "reason");
        assert_eq!(change(Transition::ReturnToDraft).validate().unwrap_err()[0].field, "reason");
        assert_eq!(change(Transition::ReturnFromRegion).validate().unwrap_err()[0].field, "reason");
        assert_eq!(change(Transition::Confirm).validate(), Ok(String::new()));
        assert_eq!(change(Transition::Submit).validate(), Ok(String::new()));
    }

    #[test]
    fn submitting_needs_every_measure_completed_by_some_reviewer_and_moderating_every_level_agreed() {
        use crate::scoring::Answer::{Met, PartlyMet};
        use crate::test_support::{agreed, assessment, detail, review};
        let framework = crate::framework::find(crate::framework::CURRENT).unwrap();
        let today = Date::parse("2026-01-10").unwrap();
        let lead = "lead@example.nhs.uk";
        let second = "second@example.nhs.uk";
        let mut measures: Vec<MeasureAssessment> =
            (1..=5).map(|measure| assessment(measure, lead, Some(Met), Some(5))).collect();
        // Measure 6: the lead has not finished it, but the second reviewer has: that is enough.
        measures.push(assessment(6, lead, None, None));
        measures.push(assessment(6, second, Some(PartlyMet), Some(2)));
        // Measure 7: answered, but no level yet.
        measures.push(assessment(7, lead, Some(Met), None));
        let mut draft =
            detail(review(crate::review::ReviewKind::PeerReview, &[lead, second]), measures, vec![]);

        assert_eq!(
            Transition::Submit.unmet_conditions(&draft, framework, today),
            ["Complete the assessment of “Healthy populations” before submitting"]
        );
        draft.measures.pop();
        draft.measures.push(assessment(7, lead, Some(Met), Some(5)));
        assert_eq!(Transition::Submit.unmet_conditions(&draft, framework, today), Vec::<String>::new());

        draft.agreed = (1..=7).filter(|measure| *measure != 3).map(|measure| agreed(measure, 3)).collect();
        assert_eq!(
            Transition::Moderate.unmet_conditions(&draft, framework, today),
            ["Record the agreed level for “Safe practice”"]
        );
        draft.agreed.push(agreed(3, 4));
        assert_eq!(Transition::Moderate.unmet_conditions(&draft, framework, today), Vec::<String>::new());
        for transition in [Transition::ReturnToDraft, Transition::Publish, Transition::Reopen] {
            assert_eq!(
                transition.unmet_conditions(&detail(draft.review.clone(), vec![], vec![]), framework, today),
                Vec::<String>::new()
            );
        }
    }

    #[test]
    fn a_reason_is_kept_trimmed_and_limited() {
        let change =
            |transition, reason: &str| StatusChange { transition, reason: reason.into(), version: 3 };
        assert_eq!(change(Transition::Reopen, "  New evidence  ").validate(), Ok("New evidence".to_owned()));
        assert_eq!(change(Transition::Reopen, &"x".repeat(2_001)).validate().unwrap_err()[0].field, "reason");
        assert_eq!(change(Transition::Publish, "").validate(), Ok(String::new()));
        assert_eq!(Transition::Submit.label(), "Submit for moderation");
        assert_eq!(Transition::Reopen.label(), "Reopen the review");
    }
}
