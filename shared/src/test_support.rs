//! Records for the unit tests: a review of Leeds Teaching Hospitals (RR8, in QWO) for 2025/26,
//! with assessments and agreed levels built as a reviewer would leave them.

use crate::assessment::{AgreedLevel, MeasureAssessment, StatementAnswer};
use crate::framework::{self, Variant};
use crate::maturity::MaturityLevel;
use crate::organisation::OdsCode;
use crate::period::Period;
use crate::review::{Review, ReviewDetail, ReviewKind, ReviewStatus};
use crate::scoring::Answer;

pub fn review(kind: ReviewKind, reviewers: &[&str]) -> Review {
    Review {
        id: crate::ids::ReviewId::from_uuid_bytes([1; 16]),
        organisation: OdsCode::parse("RR8").unwrap(),
        organisation_name: "Leeds Teaching Hospitals NHS Trust".into(),
        ics_code: OdsCode::parse("QWO").unwrap(),
        variant: Variant::Organisation,
        period: Period::parse("2025/26").unwrap(),
        framework_id: framework::CURRENT.into(),
        kind,
        status: ReviewStatus::Draft,
        reviewers: reviewers.iter().map(|reviewer| email(reviewer)).collect(),
        acceptances: Vec::new(),
        region: None,
        provisional_until: None,
        flags: Vec::new(),
        facts_confirmed: None,
        version: 1,
        created_at: crate::test_support::at("2026-01-05T09:00:00.000Z"),
        updated_at: crate::test_support::at("2026-01-05T09:00:00.000Z"),
    }
}

/// `reviewer`'s assessment of `measure`: every statement answered `answer` with evidence (or
/// none answered), and `level`.
pub fn assessment(
    measure: u8,
    reviewer: &str,
    answer: Option<Answer>,
    level: Option<u8>,
) -> MeasureAssessment {
    let variant = &framework::find(framework::CURRENT).unwrap().measure(measure).unwrap().organisation;
    let statements = match answer {
        Some(answer) => variant
            .statements
            .iter()
            .map(|statement| StatementAnswer {
                statement: statement.id.to_string(),
                answer: Some(answer),
                evidence: "Seen on the visit".into(),
                links: vec![],
            })
            .collect(),
        None => vec![],
    };
    MeasureAssessment {
        measure,
        reviewer: email(reviewer),
        statements,
        level: level.map(|level| MaturityLevel::new(level).unwrap()),
        evidence: String::new(),
        rationale: String::new(),
        strengths: String::new(),
        gaps: String::new(),
        recommendations: String::new(),
        version: 1,
        updated_at: crate::test_support::at("2026-01-05T09:00:00.000Z"),
        late: false,
    }
}

pub fn agreed(measure: u8, level: u8) -> AgreedLevel {
    AgreedLevel {
        measure,
        level: MaturityLevel::new(level).unwrap(),
        note: String::new(),
        agreed_by: email("lead@example.nhs.uk"),
        agreed_by_according_to_file: String::new(),
        version: 1,
        updated_at: crate::test_support::at("2026-01-05T09:00:00.000Z"),
    }
}

pub fn detail(review: Review, measures: Vec<MeasureAssessment>, agreed: Vec<AgreedLevel>) -> ReviewDetail {
    ReviewDetail { review, measures, agreed, round: None }
}

/// Does a pattern of the OpenAPI description match `value`, as a JSON Schema validator reads it?
/// (The patterns are anchored, and written in the syntax ECMA-262, Python and `regex` share.)
pub(crate) fn matches(pattern: &str, value: &str) -> bool {
    regex::Regex::new(pattern).expect("a valid pattern").is_match(value)
}

/// An email address known to be one.
pub(crate) fn email(text: &str) -> crate::email::Email {
    crate::email::Email::parse(text).unwrap()
}

/// A moment for records whose time no test looks at.
pub(crate) fn moment() -> crate::timestamp::Timestamp {
    crate::timestamp::Timestamp::from_unix_millis(0)
}

/// The moment written `text`.
pub(crate) fn at(text: &str) -> crate::timestamp::Timestamp {
    crate::timestamp::Timestamp::parse(text).unwrap()
}

/// A review id made from `text` (its bytes, padded with zeros), so a test can name one.
pub(crate) fn review_id(text: &str) -> crate::ids::ReviewId {
    let mut bytes = [0; 16];
    for (at, byte) in text.bytes().take(16).enumerate() {
        bytes[at] = byte;
    }
    crate::ids::ReviewId::from_uuid_bytes(bytes)
}
