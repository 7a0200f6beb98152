//! Action plans: what an organisation will do about a gap a review found, by when, and who owns
//! it. An action starts from a measure of a published review; its target level defaults to one
//! above the level agreed there.

use crate::Validated;
use crate::date::Date;
use crate::framework::{FIRST_MEASURE, LAST_MEASURE};
use crate::ids::{ActionId, ReviewId};
use crate::maturity::MaturityLevel;
use crate::organisation::{OdsCode, Organisation};
use crate::period::Period;
use crate::review::ReviewDetail;
use crate::timestamp::Timestamp;
use crate::validation::{self, Errors};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ActionStatus {
    #[default]
    NotStarted,
    InProgress,
    Done,
    Cancelled,
}

impl ActionStatus {
    pub const ALL: [ActionStatus; 4] =
        [ActionStatus::NotStarted, ActionStatus::InProgress, ActionStatus::Done, ActionStatus::Cancelled];

    pub fn code(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "not-started",
            ActionStatus::InProgress => "in-progress",
            ActionStatus::Done => "done",
            ActionStatus::Cancelled => "cancelled",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ActionStatus::NotStarted => "Not started",
            ActionStatus::InProgress => "In progress",
            ActionStatus::Done => "Done",
            ActionStatus::Cancelled => "Cancelled",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|status| status.code() == code)
    }

    /// Still to do: counts towards overdue.
    pub fn is_open(self) -> bool {
        matches!(self, ActionStatus::NotStarted | ActionStatus::InProgress)
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PlannedAction {
    pub id: ActionId,
    pub ods_code: OdsCode,
    pub organisation_name: String,
    pub ics_code: OdsCode,
    /// The review whose gap this action closes.
    pub review_id: ReviewId,
    pub period: Period,
    /// The success measure.
    #[cfg_attr(feature = "openapi", schema(value_type = crate::framework::MeasureNumber))]
    pub measure: u8,
    /// The gap, as the review recorded it.
    #[serde(default)]
    pub gap: String,
    /// What will be done.
    pub description: String,
    /// The level agreed in the review, if there was one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<MaturityLevel>))]
    pub current_level: Option<u8>,
    #[cfg_attr(feature = "openapi", schema(value_type = MaturityLevel))]
    pub target_level: u8,
    pub owner: String,
    pub due: Date,
    pub status: ActionStatus,
    pub version: u64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl PlannedAction {
    /// A new action on `measure` of a published review of `organisation`, not started: it starts
    /// from the level agreed there and the gap its lead reviewer recorded.
    pub fn new(
        id: ActionId,
        organisation: &Organisation,
        review: &ReviewDetail,
        measure: u8,
        valid: ValidAction,
        at: Timestamp,
    ) -> Self {
        let gap = review
            .review
            .lead_reviewer()
            .and_then(|lead| review.assessment(measure, lead))
            .map(|assessment| assessment.gaps.clone())
            .unwrap_or_default();
        PlannedAction {
            id,
            ods_code: organisation.ods_code.clone(),
            organisation_name: organisation.name.clone(),
            ics_code: organisation.ics().clone(),
            review_id: review.review.id.clone(),
            period: review.review.period.clone(),
            measure,
            gap,
            description: valid.description,
            current_level: review.agreed_level(measure).map(|agreed| agreed.level.value()),
            target_level: valid.target_level,
            owner: valid.owner,
            due: valid.due,
            status: ActionStatus::NotStarted,
            version: 1,
            created_at: at.clone(),
            updated_at: at,
        }
    }

    /// This action as changed at `at`: the next version.
    pub fn updated(self, valid: ValidAction, status: ActionStatus, at: Timestamp) -> Self {
        PlannedAction {
            description: valid.description,
            target_level: valid.target_level,
            owner: valid.owner,
            due: valid.due,
            status,
            version: self.version + 1,
            updated_at: at,
            ..self
        }
    }

    /// Open and due before `today`.
    pub fn is_overdue(&self, today: Date) -> bool {
        self.status.is_open() && self.due < today
    }
}

pub const DESCRIPTION_MAX: usize = 2_000;
pub const OWNER_MAX: usize = 200;

/// A new action from a measure of a review, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewAction {
    /// A published review of this organisation.
    pub review_id: String,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::framework::MeasureNumber))]
    pub measure: u8,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::required_text::<DESCRIPTION_MAX>))]
    pub description: String,
    /// Defaults to one above the review's agreed level (at most 5); above the agreed level otherwise.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<MaturityLevel>))]
    pub target_level: Option<u8>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::required_text::<OWNER_MAX>))]
    pub owner: String,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::Date))]
    pub due: String,
}

/// A change to an action: every field, with the version the editor saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ActionUpdate {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::required_text::<DESCRIPTION_MAX>))]
    pub description: String,
    /// Above the level agreed in the review, unless that is already 5.
    #[cfg_attr(feature = "openapi", schema(value_type = MaturityLevel))]
    pub target_level: u8,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::required_text::<OWNER_MAX>))]
    pub owner: String,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::Date))]
    pub due: String,
    pub status: ActionStatus,
    pub version: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidAction {
    pub(crate) description: String,
    pub(crate) target_level: u8,
    pub(crate) owner: String,
    pub(crate) due: Date,
}

/// The default target: one level up from where the review left it.
pub fn default_target(current: Option<u8>) -> u8 {
    current.map_or(3, |level| (level + 1).min(5))
}

fn check(
    errors: &mut Errors,
    description: &str,
    target: u8,
    current: Option<u8>,
    owner: &str,
    due: &str,
) -> Option<ValidAction> {
    let description = errors
        .check("description", validation::text(description, "what will be done", true, DESCRIPTION_MAX));
    if MaturityLevel::new(target).is_err() {
        errors.add(
            "targetLevel",
            format!("Choose a target level from {} to {}", MaturityLevel::MIN, MaturityLevel::MAX),
        );
    } else if current.is_some_and(|current| target <= current && current < 5) {
        errors.add(
            "targetLevel",
            format!("Choose a target above the current level, {}", current.unwrap_or_default()),
        );
    }
    let owner = errors.check("owner", validation::text(owner, "who owns the action", true, OWNER_MAX));
    let due = errors.check("due", Date::parse_labelled(due, "the due date"));
    match (description, owner, due) {
        (Some(description), Some(owner), Some(due)) if errors.is_empty() => {
            Some(ValidAction { description, target_level: target, owner, due })
        }
        _ => None,
    }
}

impl NewAction {
    /// `current`: the level agreed for the measure in the review.
    pub fn validate(&self, current: Option<u8>) -> Validated<ValidAction> {
        let mut errors = Errors::default();
        if !(FIRST_MEASURE..=LAST_MEASURE).contains(&self.measure) {
            errors.add("measure", format!("Choose a success measure from {FIRST_MEASURE} to {LAST_MEASURE}"));
        }
        let target = self.target_level.unwrap_or_else(|| default_target(current));
        check(&mut errors, &self.description, target, current, &self.owner, &self.due)
            .ok_or_else(|| errors.into_vec())
    }
}

impl ActionUpdate {
    pub fn validate(&self, current: Option<u8>) -> Validated<ValidAction> {
        let mut errors = Errors::default();
        check(&mut errors, &self.description, self.target_level, current, &self.owner, &self.due)
            .ok_or_else(|| errors.into_vec())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn new_action(target: Option<u8>) -> NewAction {
        NewAction {
            review_id: "r".to_owned(),
            measure: 2,
            description: "Replace the fax machines".to_owned(),
            target_level: target,
            owner: "Chief Digital Officer".to_owned(),
            due: "2027-03-31".to_owned(),
        }
    }

    #[test]
    fn the_target_defaults_to_one_above_the_current_level_and_must_be_above_it() {
        assert_eq!(new_action(None).validate(Some(2)).unwrap().target_level, 3);
        assert_eq!(new_action(None).validate(Some(5)).unwrap().target_level, 5, "already at the top");
        assert_eq!(new_action(None).validate(None).unwrap().target_level, 3);
        let errors = new_action(Some(2)).validate(Some(2)).unwrap_err();
        assert_eq!(errors[0].field, "targetLevel");
        assert!(new_action(Some(6)).validate(None).is_err());
    }

    #[test]
    fn every_field_is_checked_at_once() {
        let form = NewAction {
            measure: 9,
            description: " ".into(),
            owner: String::new(),
            due: "31/03/2027".into(),
            ..new_action(None)
        };
        let fields: Vec<String> =
            form.validate(None).unwrap_err().into_iter().map(|error| error.field).collect();
        assert_eq!(fields, ["measure", "description", "owner", "due"]);
    }

    #[test]
    fn a_new_action_starts_from_the_agreed_level_and_the_lead_reviewers_gap_and_an_update_is_the_next_version()
     {
        use crate::organisation::OrganisationKind;
        use crate::review::ReviewKind;
        use crate::test_support::{agreed, assessment, detail, review};
        let leeds = Organisation {
            ods_code: OdsCode::parse("RR8").unwrap(),
            name: "Leeds Teaching Hospitals NHS Trust".into(),
            kind: OrganisationKind::AcuteTrust,
            ics_code: Some(OdsCode::parse("QWO").unwrap()),
            town: "Leeds".into(),
            region: None,
            contact: Default::default(),
            version: 1,
            created_at: crate::test_support::moment(),
            updated_at: crate::test_support::moment(),
        };
        let mut lead = assessment(2, "lead@example.nhs.uk", None, Some(2));
        lead.gaps = "Paper referrals".into();
        let mut other = assessment(2, "peer@example.nhs.uk", None, Some(2));
        other.gaps = "Not the lead's words".into();
        let reviewed = detail(
            review(ReviewKind::PeerReview, &["lead@example.nhs.uk", "peer@example.nhs.uk"]),
            vec![other, lead],
            vec![agreed(2, 2)],
        );
        let valid = new_action(None).validate(Some(2)).unwrap();
        let action = PlannedAction::new(
            ActionId::from_uuid_bytes([1; 16]),
            &leeds,
            &reviewed,
            2,
            valid,
            crate::test_support::at("2026-12-03T10:00:00.000Z"),
        );
        assert_eq!(
            (action.ics_code.as_str(), action.period.as_str(), action.review_id.as_str()),
            ("QWO", "2025/26", "01010101-0101-0101-0101-010101010101")
        );
        assert_eq!((action.current_level, action.target_level), (Some(2), 3));
        assert_eq!(action.gap, "Paper referrals");
        assert_eq!((action.status, action.version), (ActionStatus::NotStarted, 1));
        assert_eq!(action.created_at, "2026-12-03T10:00:00.000Z");

        let change = ActionUpdate {
            description: "Send referrals electronically".into(),
            target_level: 4,
            owner: "Director of Operations".into(),
            due: "2027-06-30".into(),
            status: ActionStatus::InProgress,
            version: 1,
        };
        let valid = change.validate(action.current_level).unwrap();
        let changed = action.updated(
            valid,
            ActionStatus::InProgress,
            crate::test_support::at("2026-12-04T08:00:00.000Z"),
        );
        assert_eq!(
            (
                changed.description.as_str(),
                changed.target_level,
                changed.owner.as_str(),
                changed.due.to_string().as_str()
            ),
            ("Send referrals electronically", 4, "Director of Operations", "2027-06-30")
        );
        assert_eq!((changed.status, changed.version), (ActionStatus::InProgress, 2));
        assert_eq!(
            (changed.created_at.as_str(), changed.updated_at.as_str()),
            ("2026-12-03T10:00:00.000Z", "2026-12-04T08:00:00.000Z")
        );
        assert_eq!(changed.gap, "Paper referrals", "what the review found stays");
    }

    #[test]
    fn only_open_actions_past_their_date_are_overdue() {
        let mut action = PlannedAction {
            id: ActionId::from_uuid_bytes([1; 16]),
            ods_code: OdsCode::parse("RR8").unwrap(),
            organisation_name: "Leeds".into(),
            ics_code: OdsCode::parse("QWO").unwrap(),
            review_id: ReviewId::from_uuid_bytes([2; 16]),
            period: Period::parse("2025/26").unwrap(),
            measure: 1,
            gap: String::new(),
            description: "d".into(),
            current_level: Some(2),
            target_level: 3,
            owner: "o".into(),
            due: Date::parse("2026-11-01").unwrap(),
            status: ActionStatus::InProgress,
            version: 1,
            created_at: crate::test_support::moment(),
            updated_at: crate::test_support::moment(),
        };
        assert!(action.is_overdue(Date::parse("2026-11-24").unwrap()));
        assert!(!action.is_overdue(Date::parse("2026-11-01").unwrap()), "due today is not overdue yet");
        action.status = ActionStatus::Done;
        assert!(!action.is_overdue(Date::parse("2026-11-24").unwrap()));
    }

    #[test]
    fn a_status_reads_back_from_its_code_and_shows_its_label() {
        let shown: Vec<(&str, &str, Option<ActionStatus>)> = ActionStatus::ALL
            .iter()
            .map(|status| (status.code(), status.label(), ActionStatus::parse(status.code())))
            .collect();
        assert_eq!(
            shown,
            [
                ("not-started", "Not started", Some(ActionStatus::NotStarted)),
                ("in-progress", "In progress", Some(ActionStatus::InProgress)),
                ("done", "Done", Some(ActionStatus::Done)),
                ("cancelled", "Cancelled", Some(ActionStatus::Cancelled)),
            ]
        );
        assert_eq!(ActionStatus::parse("Done"), None);
        assert_eq!(ActionStatus::parse(""), None);
    }
}
