//! Independent peer review (seed 003: peer review replaces self-assessment because an outsider
//! looks). A peer review's reviewers come from organisations other than the one reviewed, known
//! from their account (the `organisation:<ODS code>` group, or the organisation they lead), never
//! typed in; each accepts the review before recording anything, declaring any conflict of
//! interest, kept in the review's history; the reviewed organisation's lead is never one of its
//! peer reviewers and never publishes it. A self-assessment stays the organisation's own.

use crate::Validated;
use crate::access::User;
use crate::email::Email;
use crate::organisation::OdsCode;
use crate::review::{Review, ReviewKind};
use crate::timestamp::Timestamp;
use crate::validation::{self, Errors};
use serde::{Deserialize, Serialize};

/// The longest conflict of interest declared, in characters.
pub const CONFLICT_MAX: usize = 2_000;

/// A peer reviewer's acceptance of a review, as kept with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Acceptance {
    pub reviewer: Email,
    /// Where the reviewer works, from their account.
    pub organisation: OdsCode,
    /// The conflict of interest they declared; empty when they declared none.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<CONFLICT_MAX>))]
    pub conflict: String,
    pub at: Timestamp,
}

/// Accepting a review, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewAcceptance {
    /// Whether the reviewer has a conflict of interest with the organisation reviewed.
    pub has_conflict: Option<bool>,
    /// What it is, when there is one.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<CONFLICT_MAX>))]
    pub conflict: String,
    /// The review's version as the reviewer saw it.
    pub version: u64,
}

impl ReviewAcceptance {
    /// The conflict declared (empty for none), or what to correct.
    pub fn validate(&self) -> Validated<String> {
        let mut errors = Errors::default();
        let conflict = match self.has_conflict {
            None => {
                errors
                    .add("hasConflict", "Say whether you have a conflict of interest with this organisation");
                None
            }
            Some(false) => Some(String::new()),
            Some(true) => errors.check(
                "conflict",
                validation::text(&self.conflict, "the conflict of interest", true, CONFLICT_MAX),
            ),
        };
        match conflict {
            Some(conflict) if errors.is_empty() => Ok(conflict),
            _ => Err(errors.into_vec()),
        }
    }
}

/// Whether `user` works for or leads the organisation `review` is of.
pub fn is_of_reviewed_organisation(review: &Review, user: &User) -> bool {
    user.leads_organisation(&review.organisation) || user.works_for() == Some(&review.organisation)
}

/// Why `user` may not be a peer reviewer of `review`, if they may not: they work for the
/// organisation reviewed, lead it, or their account does not say where they work.
pub fn why_not_a_peer(review: &Review, user: &User) -> Option<String> {
    if user.leads_organisation(&review.organisation) {
        return Some(format!(
            "You lead {}, so you cannot be one of its peer reviewers: peer reviewers come from other organisations.",
            review.organisation_name
        ));
    }
    match user.works_for() {
        None => Some(
            "Your account does not say which organisation you work for, so this review cannot be accepted: ask an administrator to add you to the group organisation:<your ODS code>."
                .to_owned(),
        ),
        Some(ods) if ods == &review.organisation => Some(format!(
            "You work for {}, so you cannot be one of its peer reviewers: peer reviewers come from other organisations.",
            review.organisation_name
        )),
        Some(_) => None,
    }
}

impl Review {
    /// Whether its reviewers must accept it before recording anything: peer reviews only.
    pub fn needs_acceptance(&self) -> bool {
        self.kind == ReviewKind::PeerReview
    }

    pub fn acceptance_of(&self, reviewer: &Email) -> Option<&Acceptance> {
        self.acceptances.iter().find(|acceptance| &acceptance.reviewer == reviewer)
    }

    /// Whether `reviewer` may record assessments: accepted, where acceptance is needed.
    pub fn has_accepted(&self, reviewer: &Email) -> bool {
        !self.needs_acceptance() || self.acceptance_of(reviewer).is_some()
    }

    /// The review once `acceptance` is recorded: its next version.
    pub fn accepted(&self, acceptance: Acceptance) -> Review {
        let mut next = self.clone();
        next.updated_at = acceptance.at.clone();
        next.acceptances.retain(|kept| kept.reviewer != acceptance.reviewer);
        next.acceptances.push(acceptance);
        next.version += 1;
        next
    }

    /// The review with `reviewers` instead, at `at`: its next version. The acceptances of those
    /// who stay are kept.
    pub fn with_reviewers(&self, reviewers: Vec<Email>, at: Timestamp) -> Review {
        let mut next = self.clone();
        next.acceptances.retain(|acceptance| reviewers.contains(&acceptance.reviewer));
        next.reviewers = reviewers;
        next.updated_at = at;
        next.version += 1;
        next
    }
}

/// A change of a draft review's reviewers, as the form sends it: the whole list (the first leads).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewersChange {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::reviewers))]
    pub reviewers: Vec<String>,
    /// The review's version as the person saw it.
    pub version: u64,
}

impl ReviewersChange {
    /// The reviewers, each once, in order, or what to correct.
    pub fn validate(&self) -> Validated<Vec<Email>> {
        let mut errors = Errors::default();
        let reviewers = crate::review::reviewer_list(&self.reviewers, &mut errors);
        if errors.is_empty() { Ok(reviewers) } else { Err(errors.into_vec()) }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::access::Role;
    use crate::test_support::review;

    fn user(roles: Vec<Role>) -> User {
        User {
            subject: "s".into(),
            name: "Pat".into(),
            email: Email::parse("pat@example.nhs.uk").unwrap(),
            roles,
        }
    }

    fn ods(code: &str) -> OdsCode {
        OdsCode::parse(code).unwrap()
    }

    #[test]
    fn a_peer_comes_from_another_organisation_known_from_their_account() {
        let peer_review = review(ReviewKind::PeerReview, &["pat@example.nhs.uk"]);
        let from = |code: &str| user(vec![Role::Reviewer, Role::WorksFor(ods(code))]);
        assert_eq!(why_not_a_peer(&peer_review, &from("RTD")), None);
        assert_eq!(
            why_not_a_peer(&peer_review, &from("RR8")).as_deref(),
            Some(
                "You work for Leeds Teaching Hospitals NHS Trust, so you cannot be one of its peer reviewers: peer reviewers come from other organisations."
            )
        );
        let its_lead =
            user(vec![Role::Reviewer, Role::WorksFor(ods("RTD")), Role::OrganisationLead(ods("RR8"))]);
        assert!(
            why_not_a_peer(&peer_review, &its_lead).unwrap().starts_with("You lead Leeds Teaching Hospitals")
        );
        let unknown = user(vec![Role::Reviewer]);
        assert!(why_not_a_peer(&peer_review, &unknown).unwrap().contains("does not say which organisation"));
        // Another organisation's lead works there.
        let other_lead = user(vec![Role::Reviewer, Role::OrganisationLead(ods("RTD"))]);
        assert_eq!(why_not_a_peer(&peer_review, &other_lead), None);
    }

    #[test]
    fn a_peer_review_waits_for_each_reviewers_acceptance_and_a_self_assessment_does_not() {
        let pat = Email::parse("pat@example.nhs.uk").unwrap();
        let peer_review = review(ReviewKind::PeerReview, &["pat@example.nhs.uk"]);
        assert!(!peer_review.has_accepted(&pat));
        let at = crate::test_support::at("2026-01-06T09:00:00.000Z");
        let acceptance =
            Acceptance { reviewer: pat.clone(), organisation: ods("RTD"), conflict: String::new(), at };
        let accepted = peer_review.accepted(acceptance);
        assert!(accepted.has_accepted(&pat));
        assert_eq!(accepted.version, peer_review.version + 1);
        let self_assessment = review(ReviewKind::SelfAssessment, &["pat@example.nhs.uk"]);
        assert!(self_assessment.has_accepted(&pat));
        // A reviewer taken off the review takes their acceptance with them.
        let other = Email::parse("sam@example.nhs.uk").unwrap();
        let changed =
            accepted.with_reviewers(vec![other.clone()], crate::test_support::at("2026-01-07T09:00:00.000Z"));
        assert!(changed.acceptances.is_empty());
    }

    #[test]
    fn accepting_says_whether_there_is_a_conflict_and_what_it_is() {
        let accept = |has_conflict, conflict: &str| {
            ReviewAcceptance { has_conflict, conflict: conflict.into(), version: 1 }.validate()
        };
        assert_eq!(accept(Some(false), ""), Ok(String::new()));
        assert_eq!(accept(Some(true), " Was its CIO until 2024 "), Ok("Was its CIO until 2024".to_owned()));
        assert_eq!(accept(Some(true), "").unwrap_err()[0].message, "Enter the conflict of interest");
        assert_eq!(accept(None, "").unwrap_err()[0].field, "hasConflict");
    }
}
