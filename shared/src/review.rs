//! Reviews: one assessment of one organisation (or ICS) for one period against one framework
//! version, with a maturity level and evidence for each success measure.

use crate::Validated;
use crate::assessment::{AgreedLevel, MeasureAssessment};
pub use crate::audit::AuditEntry;
use crate::email::Email;
use crate::framework::{self, Variant};
use crate::ids::ReviewId;
use crate::lifecycle::Transition;
use crate::organisation::{OdsCode, Organisation};
use crate::period::Period;
use crate::timestamp::Timestamp;
use crate::validation::Errors;
use serde::{Deserialize, Serialize};

/// WGLL replaces self-assessment alone with peer review, so every review says which it is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ReviewKind {
    /// By the organisation itself.
    SelfAssessment,
    /// By reviewers from elsewhere.
    PeerReview,
}

impl ReviewKind {
    pub const ALL: [ReviewKind; 2] = [ReviewKind::PeerReview, ReviewKind::SelfAssessment];

    pub fn code(self) -> &'static str {
        match self {
            ReviewKind::SelfAssessment => "self-assessment",
            ReviewKind::PeerReview => "peer-review",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ReviewKind::SelfAssessment => "Self-assessment",
            ReviewKind::PeerReview => "Peer review",
        }
    }

    pub fn parse(code: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.code() == code.trim())
            .ok_or_else(|| "Choose whether this is a peer review or a self-assessment".to_owned())
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ReviewStatus {
    Draft,
    Submitted,
    Moderated,
    /// A peer review its region confirmed: the organisation checks it for factual errors.
    Provisional,
    Published,
}

impl ReviewStatus {
    pub fn label(self) -> &'static str {
        match self {
            ReviewStatus::Draft => "Draft",
            ReviewStatus::Submitted => "Submitted",
            ReviewStatus::Moderated => "Moderated",
            ReviewStatus::Provisional => "Provisional",
            ReviewStatus::Published => "Published",
        }
    }

    /// Reviewers record assessments while the review is a draft; once submitted, the assessments
    /// are what the lead moderates, and once published they are the record.
    pub fn accepts_assessments(self) -> bool {
        matches!(self, ReviewStatus::Draft)
    }

    pub fn code(self) -> &'static str {
        match self {
            ReviewStatus::Draft => "draft",
            ReviewStatus::Submitted => "submitted",
            ReviewStatus::Moderated => "moderated",
            ReviewStatus::Provisional => "provisional",
            ReviewStatus::Published => "published",
        }
    }
}

/// A review. It refuses fields it does not know, as it is also what an imported file carries.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Review {
    pub id: ReviewId,
    pub organisation: OdsCode,
    /// Kept with the review so lists need no second read.
    pub organisation_name: String,
    /// The ICS whose outcomes this review counts towards (the organisation itself for an ICS).
    pub ics_code: OdsCode,
    pub variant: Variant,
    pub period: Period,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::schema::FrameworkId))]
    pub framework_id: String,
    pub kind: ReviewKind,
    pub status: ReviewStatus,
    /// Email addresses of the reviewers assigned to it: they, and only they, record assessments.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::reviewers))]
    pub reviewers: Vec<Email>,
    /// Each peer reviewer's acceptance: where they work and any conflict of interest declared
    /// (see [`crate::independence`]).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub acceptances: Vec<crate::independence::Acceptance>,
    /// The region that validates it, set when a peer review is moderated (from its ICS's record;
    /// none when the ICS has no region: administrators validate it then).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<crate::regions::Region>,
    /// The last day the organisation can flag factual errors, once its region confirmed it
    /// (see [`crate::provisional`]).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisional_until: Option<crate::date::Date>,
    /// The factual errors the organisation flagged in its provisional result, with the answers.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<crate::provisional::FactualErrorFlag>,
    /// The organisation's word that its provisional result has no factual errors.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub facts_confirmed: Option<crate::provisional::FactsConfirmed>,
    pub version: u64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

/// The form for starting a review, as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewReview {
    /// ODS code of the organisation or ICS under review.
    #[cfg_attr(feature = "openapi", schema(value_type = OdsCode))]
    pub organisation: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Period))]
    pub period: String,
    #[cfg_attr(feature = "openapi", schema(value_type = ReviewKind))]
    pub kind: String,
    /// Framework version; the current one when left out.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::schema::FrameworkId>))]
    pub framework_id: Option<String>,
    /// Email addresses of the reviewers who will record the assessments; the first leads.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::reviewers, required = true))]
    pub reviewers: Vec<String>,
}

/// At most this many reviewers on one review.
pub const REVIEWERS_MAX: usize = 12;

#[derive(Debug, Clone, PartialEq)]
pub struct ValidNewReview {
    pub(crate) organisation: OdsCode,
    pub(crate) period: Period,
    pub(crate) kind: ReviewKind,
    pub(crate) framework_id: String,
    pub(crate) reviewers: Vec<Email>,
}

impl ValidNewReview {
    pub fn organisation(&self) -> &OdsCode {
        &self.organisation
    }
}

/// Reviewers' email addresses as typed, each once, in order (the first leads), with any error
/// recorded under `reviewers`.
pub fn reviewer_list(typed: &[String], errors: &mut Errors) -> Vec<Email> {
    let mut reviewers: Vec<Email> = Vec::new();
    for address in typed.iter().filter(|address| !address.trim().is_empty()) {
        if let Some(email) = errors.check("reviewers", Email::parse(address))
            && !reviewers.contains(&email)
        {
            reviewers.push(email);
        }
    }
    if reviewers.is_empty() && typed.iter().all(|address| address.trim().is_empty()) {
        errors.add("reviewers", "Enter the email address of at least one reviewer");
    } else if reviewers.len() > REVIEWERS_MAX {
        errors.add("reviewers", format!("A review can have at most {REVIEWERS_MAX} reviewers"));
    }
    reviewers
}

impl NewReview {
    pub fn validate(&self) -> Validated<ValidNewReview> {
        let mut errors = Errors::default();
        let organisation = errors.check("organisation", OdsCode::parse(&self.organisation));
        let period = errors.check("period", Period::parse(&self.period));
        let kind = errors.check("kind", ReviewKind::parse(&self.kind));
        let framework_id = self.framework_id.as_deref().unwrap_or(framework::CURRENT);
        if framework::find(framework_id).is_none() {
            errors.add("frameworkId", format!("There is no framework called “{framework_id}”"));
        }
        let reviewers = reviewer_list(&self.reviewers, &mut errors);
        match (organisation, period, kind) {
            (Some(organisation), Some(period), Some(kind)) if errors.is_empty() => Ok(ValidNewReview {
                organisation,
                period,
                kind,
                framework_id: framework_id.to_owned(),
                reviewers,
            }),
            _ => Err(errors.into_vec()),
        }
    }
}

/// A review with every reviewer's assessment of every measure so far: what the review page
/// shows, read in one Query.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ReviewDetail {
    pub review: Review,
    /// Every reviewer's assessments, by measure then reviewer.
    pub measures: Vec<MeasureAssessment>,
    /// The levels the lead reviewer agreed in moderation, by measure.
    #[serde(default)]
    pub agreed: Vec<AgreedLevel>,
    /// The assessment round of the review's year, if one was opened: when each measure is due.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub round: Option<crate::rounds::Round>,
}

impl Review {
    /// A new draft review of `organisation`, started at `at`.
    pub fn new(id: ReviewId, organisation: &Organisation, new: ValidNewReview, at: Timestamp) -> Self {
        Review {
            id,
            organisation: organisation.ods_code.clone(),
            organisation_name: organisation.name.clone(),
            ics_code: organisation.ics().clone(),
            variant: organisation.kind.variant(),
            period: new.period,
            framework_id: new.framework_id,
            kind: new.kind,
            status: ReviewStatus::Draft,
            reviewers: new.reviewers,
            acceptances: Vec::new(),
            region: None,
            provisional_until: None,
            flags: Vec::new(),
            facts_confirmed: None,
            version: 1,
            created_at: at.clone(),
            updated_at: at,
        }
    }

    /// The review once `transition` is made at `at`: its next version. Confirming it opens its
    /// provisional release; going back from there starts the next release afresh.
    pub fn after(&self, transition: Transition, at: Timestamp) -> Self {
        let mut next = Review {
            status: transition.to_status(),
            version: self.version + 1,
            updated_at: at.clone(),
            ..self.clone()
        };
        match transition {
            Transition::Confirm => {
                next.provisional_until = Some(at.date().plus_days(crate::provisional::PROVISIONAL_DAYS));
            }
            Transition::ReturnFromRegion | Transition::Reopen => {
                next.provisional_until = None;
                next.flags = Vec::new();
                next.facts_confirmed = None;
            }
            _ => {}
        }
        next
    }

    /// The first reviewer named leads: they submit, moderate and publish the review.
    pub fn lead_reviewer(&self) -> Option<&Email> {
        self.reviewers.first()
    }
}

impl ReviewDetail {
    pub fn agreed_level(&self, number: u8) -> Option<&AgreedLevel> {
        self.agreed.iter().find(|agreed| agreed.measure == number)
    }

    /// One reviewer's assessment of one measure.
    pub fn assessment(&self, number: u8, reviewer: &Email) -> Option<&MeasureAssessment> {
        self.measures
            .iter()
            .find(|assessment| assessment.measure == number && &assessment.reviewer == reviewer)
    }

    /// Every reviewer's assessment of one measure.
    pub fn assessments(&self, number: u8) -> impl Iterator<Item = &MeasureAssessment> {
        self.measures.iter().filter(move |assessment| assessment.measure == number)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_new_review_defaults_to_the_current_framework() {
        let form = NewReview {
            organisation: "rr8".into(),
            period: "2025/26".into(),
            kind: "peer-review".into(),
            framework_id: None,
            reviewers: vec!["Jo@NHS.net".into(), "jo@nhs.net".into(), " ".into()],
        };
        let valid = form.validate().unwrap();
        assert_eq!(valid.reviewers, ["jo@nhs.net"], "addresses are normalised, repeats dropped");
        assert_eq!(valid.framework_id, "wgll-2021");
        assert_eq!(valid.kind, ReviewKind::PeerReview);
        assert_eq!(valid.organisation.as_str(), "RR8");
    }

    #[test]
    fn a_bad_review_form_names_each_field() {
        let form = NewReview {
            organisation: "".into(),
            period: "2025".into(),
            kind: "audit".into(),
            framework_id: Some("nope".into()),
            reviewers: vec!["not an address".into()],
        };
        let fields: Vec<String> = form.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["organisation", "period", "kind", "frameworkId", "reviewers"]);
    }

    #[test]
    fn published_reviews_are_read_only() {
        assert!(ReviewStatus::Draft.accepts_assessments());
        assert!(!ReviewStatus::Submitted.accepts_assessments());
        assert!(!ReviewStatus::Published.accepts_assessments());
    }

    #[test]
    fn a_review_has_at_most_twelve_reviewers_each_once() {
        let with = |count: usize| NewReview {
            organisation: "RR8".into(),
            period: "2025/26".into(),
            kind: "peer-review".into(),
            framework_id: None,
            reviewers: (0..count).map(|n| format!("reviewer{n}@example.nhs.uk")).collect(),
        };
        assert_eq!(with(REVIEWERS_MAX).validate().unwrap().reviewers.len(), 12);
        let errors = with(REVIEWERS_MAX + 1).validate().unwrap_err();
        assert_eq!(errors[0].message, "A review can have at most 12 reviewers");
        let mut repeated = with(1);
        repeated.reviewers.push(" Reviewer0@Example.nhs.uk ".into());
        assert_eq!(repeated.validate().unwrap().reviewers, ["reviewer0@example.nhs.uk"]);
        let mut bad = with(1);
        bad.reviewers.push("not an address".into());
        assert_eq!(bad.validate().unwrap_err()[0].field, "reviewers");
    }

    #[test]
    fn a_review_finds_its_lead_agreed_levels_and_each_reviewers_assessment() {
        use crate::scoring::Answer::Met;
        use crate::test_support::{agreed, assessment, detail, review};
        let (lead, second) = ("lead@example.nhs.uk", "second@example.nhs.uk");
        let reviewed = detail(
            review(ReviewKind::PeerReview, &[lead, second]),
            vec![
                assessment(1, lead, Some(Met), Some(4)),
                assessment(1, second, None, Some(2)),
                assessment(2, second, None, Some(3)),
            ],
            vec![agreed(1, 3), agreed(2, 5)],
        );
        assert_eq!(reviewed.review.lead_reviewer().map(Email::as_str), Some(lead));
        assert_eq!(review(ReviewKind::PeerReview, &[]).lead_reviewer(), None);
        assert_eq!(reviewed.agreed_level(2).map(|agreed| agreed.level.value()), Some(5));
        assert!(reviewed.agreed_level(3).is_none());
        assert_eq!(
            reviewed
                .assessment(1, &crate::test_support::email(second))
                .and_then(|a| a.level)
                .map(|l| l.value()),
            Some(2)
        );
        assert_eq!(
            reviewed
                .assessment(2, &crate::test_support::email(second))
                .and_then(|a| a.level)
                .map(|l| l.value()),
            Some(3)
        );
        assert!(reviewed.assessment(2, &crate::test_support::email(lead)).is_none());
        let levels: Vec<Option<u8>> =
            reviewed.assessments(1).map(|a| a.level.map(|level| level.value())).collect();
        assert_eq!(levels, [Some(4), Some(2)]);
        assert_eq!(reviewed.assessments(3).count(), 0);
    }
}
