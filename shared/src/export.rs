//! A review as a file: JSON that another instance can import, and CSV for spreadsheets.

use crate::Validated;
use crate::assessment::{
    AgreedLevel, MeasureAssessment, MeasureAssessmentUpdate, NOTE_MAX, ValidMeasureAssessment,
};
use crate::email::Email;
use crate::framework::{self, Framework};
use crate::ids::ReviewId;
use crate::maturity::MaturityLevel;
use crate::organisation::{OdsCode, Organisation};
use crate::review::{AuditEntry, NewReview, Review, ReviewDetail, ValidNewReview};
use crate::timestamp::Timestamp;
use crate::validation::{self, Errors};
use serde::{Deserialize, Serialize};

/// The format tag of an export; an import refuses any other.
pub const FORMAT: &str = "wgll-review-export/1";

/// Everything about one review, as exported (JSON) and imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewExport {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::export_format))]
    pub format: String,
    pub exported_at: Timestamp,
    pub review: Review,
    pub measures: Vec<MeasureAssessment>,
    #[serde(default)]
    pub agreed: Vec<AgreedLevel>,
}

impl ReviewExport {
    pub fn new(detail: ReviewDetail, exported_at: Timestamp) -> Self {
        Self {
            format: FORMAT.to_owned(),
            exported_at,
            review: detail.review,
            measures: detail.measures,
            agreed: detail.agreed,
        }
    }
}

/// An export that passed every rule, ready to become a new draft review here.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidImport {
    pub(crate) new_review: ValidNewReview,
    /// (measure, reviewer, assessment)
    pub(crate) measures: Vec<(u8, Email, ValidMeasureAssessment)>,
    /// (measure, level, note, who the file says agreed it)
    pub(crate) agreed: Vec<(u8, MaturityLevel, String, String)>,
    /// The status and id it had where it came from, for the audit history.
    pub(crate) origin: String,
}

/// What an import makes here: a new draft review with its assessments and agreed levels, and the
/// history entry that says where it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct ImportedReview {
    pub review: Review,
    pub measures: Vec<MeasureAssessment>,
    pub agreed: Vec<AgreedLevel>,
    pub audit: AuditEntry,
}

impl ValidImport {
    /// The organisation the file is a review of.
    pub fn organisation(&self) -> &OdsCode {
        &self.new_review.organisation
    }

    /// The records of this import as review `id` of `organisation`, imported at `at` by `importer`
    /// (an email address, recorded as having agreed the levels here; who the file says agreed
    /// them is kept as the file's claim) and `actor` (name and email, for the history).
    pub fn into_records(
        self,
        id: ReviewId,
        organisation: &Organisation,
        importer: &Email,
        actor: &str,
        at: Timestamp,
    ) -> ImportedReview {
        let review = Review::new(id, organisation, self.new_review, at.clone());
        let measures = self
            .measures
            .into_iter()
            .map(|(measure, reviewer, assessment)| {
                MeasureAssessment::saved(measure, &reviewer, assessment, at.clone())
            })
            .collect();
        let agreed = self
            .agreed
            .into_iter()
            .map(|(measure, level, note, claimed_by)| {
                AgreedLevel::imported(measure, (level, note), importer, claimed_by, at.clone())
            })
            .collect();
        let audit = AuditEntry::review_imported(&review, &self.origin, actor);
        ImportedReview { review, measures, agreed, audit }
    }
}

/// Most assessments one import may carry (every measure by every reviewer, and agreed levels),
/// so the whole import lands in one transaction.
pub const IMPORT_ITEMS_MAX: usize = 95;

impl ReviewExport {
    /// Checks an export from another instance by the same rules as if it were typed here.
    pub fn validate(&self) -> Validated<ValidImport> {
        let mut errors = Errors::default();
        if self.format != FORMAT {
            errors.add(
                "format",
                format!("This is not a review export this service can read (expected “{FORMAT}”)"),
            );
            return Err(errors.into_vec());
        }
        let review = &self.review;
        let new_review = NewReview {
            organisation: review.organisation.to_string(),
            period: review.period.to_string(),
            kind: review.kind.code().to_owned(),
            framework_id: Some(review.framework_id.clone()),
            reviewers: review.reviewers.iter().map(ToString::to_string).collect(),
        }
        .validate();
        let new_review = match new_review {
            Ok(valid) => valid,
            Err(problems) => {
                for problem in problems {
                    errors.add(&format!("review.{}", problem.field), problem.message);
                }
                return Err(errors.into_vec());
            }
        };
        let Some(framework) = framework::find(&new_review.framework_id) else {
            return Err(vec![crate::FieldError::new("review.frameworkId", "Unknown framework")]);
        };
        if self.measures.len() + self.agreed.len() > IMPORT_ITEMS_MAX {
            errors.add(
                "measures",
                format!("An import can hold at most {IMPORT_ITEMS_MAX} assessments and agreed levels"),
            );
        }
        let mut measures: Vec<(u8, Email, ValidMeasureAssessment)> = Vec::new();
        for (index, assessment) in self.measures.iter().enumerate() {
            let field = format!("measures[{index}]");
            let Some(measure) = framework.measure(assessment.measure) else {
                errors.add(&field, format!("There is no success measure {}", assessment.measure));
                continue;
            };
            if !new_review.reviewers.contains(&assessment.reviewer) {
                errors.add(&field, format!("{} is not one of the review’s reviewers", assessment.reviewer));
                continue;
            }
            if measures.iter().any(|(number, reviewer, _)| {
                *number == assessment.measure && *reviewer == assessment.reviewer
            }) {
                errors.add(
                    &field,
                    format!("Measure {} is assessed twice by {}", assessment.measure, assessment.reviewer),
                );
                continue;
            }
            // A new review: its assessments are new too, whatever versions the file names.
            let update = MeasureAssessmentUpdate { version: 0, ..MeasureAssessmentUpdate::from(assessment) };
            match update.validate(measure.variant(new_review_variant(review))) {
                Ok(valid) => measures.push((assessment.measure, assessment.reviewer.clone(), valid)),
                Err(problems) => problems.into_iter().for_each(|problem| {
                    errors.add(&field, format!("{}: {}", problem.field, problem.message))
                }),
            }
        }
        let mut agreed: Vec<(u8, MaturityLevel, String, String)> = Vec::new();
        for (index, level) in self.agreed.iter().enumerate() {
            let field = format!("agreed[{index}]");
            if framework.measure(level.measure).is_none()
                || agreed.iter().any(|(number, ..)| *number == level.measure)
            {
                errors.add(&field, format!("Measure {} is not a measure, or is agreed twice", level.measure));
                continue;
            }
            match validation::text(&level.note, "the note", false, NOTE_MAX) {
                Ok(note) => agreed.push((level.measure, level.level, note, level.agreed_by.to_string())),
                Err(message) => errors.add(&field, message),
            }
        }
        if !errors.is_empty() {
            return Err(errors.into_vec());
        }
        Ok(ValidImport {
            new_review,
            measures,
            agreed,
            origin: format!("review {} ({})", review.id, review.status.label().to_lowercase()),
        })
    }
}

/// Which statements apply: taken from the export, which must agree with the organisation here
/// (checked by the API when it finds the organisation).
fn new_review_variant(review: &Review) -> crate::framework::Variant {
    review.variant
}

/// The CSV columns: one row per measure and reviewer, with the agreed level on each row.
pub const CSV_HEADER: [&str; 17] = [
    "ods_code",
    "organisation",
    "ics_code",
    "period",
    "review_kind",
    "status",
    "framework",
    "measure",
    "measure_title",
    "reviewer",
    "level",
    "suggested_level",
    "rationale",
    "strengths",
    "gaps",
    "recommendations",
    "agreed_level",
];

/// The review as CSV (RFC 4180), safe to open in a spreadsheet.
pub fn to_csv(detail: &ReviewDetail) -> String {
    let review = &detail.review;
    let framework: Option<&Framework> = framework::find(&review.framework_id);
    let mut out = csv_row(CSV_HEADER.iter().map(|cell| (*cell).to_owned()));
    for assessment in &detail.measures {
        let measure = framework.and_then(|framework| framework.measure(assessment.measure));
        let suggested =
            measure.and_then(|measure| assessment.suggested_level(measure.variant(review.variant)));
        let level = |level: Option<crate::maturity::MaturityLevel>| {
            level.map(|l| l.value().to_string()).unwrap_or_default()
        };
        out.push_str(&csv_row([
            review.organisation.to_string(),
            review.organisation_name.clone(),
            review.ics_code.to_string(),
            review.period.to_string(),
            review.kind.code().to_owned(),
            review.status.code().to_owned(),
            review.framework_id.clone(),
            assessment.measure.to_string(),
            measure.map(|measure| measure.title.to_string()).unwrap_or_default(),
            assessment.reviewer.to_string(),
            level(assessment.level),
            level(suggested),
            assessment.rationale.clone(),
            assessment.strengths.clone(),
            assessment.gaps.clone(),
            assessment.recommendations.clone(),
            level(detail.agreed_level(assessment.measure).map(|agreed| agreed.level)),
        ]));
    }
    out
}

pub fn csv_row(cells: impl IntoIterator<Item = String>) -> String {
    let cells: Vec<String> = cells.into_iter().map(|cell| csv_cell(&cell)).collect();
    format!("{}\r\n", cells.join(","))
}

/// Quotes a cell when it needs it, and defuses text a spreadsheet would run as a formula.
fn csv_cell(cell: &str) -> String {
    let cell =
        if cell.starts_with(['=', '+', '-', '@', '\t', '\r']) { format!("'{cell}") } else { cell.to_owned() };
    if cell.contains([',', '"', '\n', '\r']) { format!("\"{}\"", cell.replace('"', "\"\"")) } else { cell }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn csv_cells_are_quoted_and_formulas_defused() {
        assert_eq!(csv_cell("plain"), "plain");
        assert_eq!(csv_cell("a, b"), "\"a, b\"");
        assert_eq!(csv_cell("say \"hi\"\nthen"), "\"say \"\"hi\"\"\nthen\"");
        assert_eq!(csv_cell("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
        assert_eq!(csv_cell("-1"), "'-1");
    }

    fn export(measures: Vec<MeasureAssessment>, agreed: Vec<AgreedLevel>) -> ReviewExport {
        use crate::test_support::{detail, review};
        let review =
            review(crate::review::ReviewKind::PeerReview, &["lead@example.nhs.uk", "second@example.nhs.uk"]);
        ReviewExport::new(
            detail(review, measures, agreed),
            crate::test_support::at("2026-01-06T10:00:00.000Z"),
        )
    }

    fn errors(export: &ReviewExport) -> Vec<(String, String)> {
        export.validate().unwrap_err().into_iter().map(|error| (error.field, error.message)).collect()
    }

    #[test]
    fn an_import_is_checked_like_typed_input() {
        use crate::scoring::Answer::Met;
        use crate::test_support::{agreed, assessment};
        let lead = "lead@example.nhs.uk";
        let good = export(
            vec![
                assessment(1, lead, Some(Met), Some(5)),
                assessment(1, "Second@Example.nhs.uk", None, Some(3)),
            ],
            vec![agreed(1, 4)],
        );
        let valid = good.validate().unwrap();
        assert_eq!(valid.measures.len(), 2);
        assert_eq!(valid.measures[1].1, "second@example.nhs.uk", "reviewers are matched whatever the case");
        assert_eq!(valid.agreed.len(), 1);
        assert_eq!(valid.agreed[0].3, "lead@example.nhs.uk", "the file's claim of who agreed it");
        assert_eq!(valid.origin, "review 01010101-0101-0101-0101-010101010101 (draft)");

        let leeds = crate::organisation::Organisation {
            ods_code: crate::organisation::OdsCode::parse("RR8").unwrap(),
            name: "Leeds Teaching Hospitals NHS Trust".into(),
            kind: crate::organisation::OrganisationKind::AcuteTrust,
            ics_code: Some(crate::organisation::OdsCode::parse("QWO").unwrap()),
            town: String::new(),
            region: None,
            contact: Default::default(),
            version: 1,
            created_at: crate::test_support::moment(),
            updated_at: crate::test_support::moment(),
        };
        let at = crate::test_support::at("2026-12-03T09:30:00.000Z");
        let imported = valid.into_records(
            ReviewId::from_uuid_bytes([2; 16]),
            &leeds,
            &crate::test_support::email("importer@example.nhs.uk"),
            "Imp <importer@example.nhs.uk>",
            at,
        );
        assert_eq!(
            (imported.review.id.as_str(), imported.review.status.code(), imported.review.version),
            ("02020202-0202-0202-0202-020202020202", "draft", 1)
        );
        assert_eq!(
            imported.measures.iter().map(|m| (m.reviewer.as_str(), m.version)).collect::<Vec<_>>(),
            [(lead, 1), ("second@example.nhs.uk", 1)]
        );
        assert_eq!(
            (imported.agreed[0].agreed_by.as_str(), imported.agreed[0].agreed_by_according_to_file.as_str()),
            ("importer@example.nhs.uk", "lead@example.nhs.uk"),
            "the importer recorded it here; the file's claim is kept apart"
        );
        assert_eq!(
            imported.audit.summary,
            "Imported from review 01010101-0101-0101-0101-010101010101 (draft) exported by another instance"
        );
        assert_eq!(imported.audit.at, "2026-12-03T09:30:00.000Z");

        let mut wrong_format = good.clone();
        wrong_format.format = "wgll-review-export/2".into();
        assert_eq!(errors(&wrong_format)[0].0, "format");

        let stranger = export(vec![assessment(2, "stranger@example.com", None, Some(3))], vec![]);
        assert_eq!(
            errors(&stranger),
            [(
                "measures[0]".to_owned(),
                "stranger@example.com is not one of the review’s reviewers".to_owned()
            )]
        );
        let twice =
            export(vec![assessment(2, lead, None, Some(3)), assessment(2, lead, None, Some(4))], vec![]);
        assert_eq!(
            errors(&twice),
            [("measures[1]".to_owned(), "Measure 2 is assessed twice by lead@example.nhs.uk".to_owned())]
        );
        let no_such_measure =
            export(vec![assessment(1, lead, None, Some(3))], vec![agreed(1, 3), agreed(1, 2)]);
        assert_eq!(errors(&no_such_measure)[0].0, "agreed[1]");
        let mut long_note = agreed(2, 3);
        long_note.note = "x".repeat(NOTE_MAX + 1);
        assert_eq!(errors(&export(vec![], vec![long_note]))[0].0, "agreed[0]");
        let mut departs = assessment(3, lead, Some(Met), Some(2));
        departs.rationale.clear();
        assert!(
            export(vec![departs], vec![]).validate().is_ok(),
            "a level departing from the answers without a rationale imports as it saves: not yet completed"
        );
    }

    #[test]
    fn an_import_holds_at_most_the_items_one_transaction_takes() {
        use crate::test_support::assessment;
        // 12 reviewers × 7 measures = 84 assessments, with 7 agreed levels: 91, within 95.
        let reviewers: Vec<String> = (0..14).map(|n| format!("reviewer{n}@example.nhs.uk")).collect();
        let build = |count: usize| {
            let mut file = export(vec![], vec![]);
            file.review.reviewers =
                reviewers.iter().map(|reviewer| crate::test_support::email(reviewer)).collect();
            file.measures =
                (0..count).map(|n| assessment((n % 7) as u8 + 1, &reviewers[n / 7], None, Some(3))).collect();
            file
        };
        assert!(build(IMPORT_ITEMS_MAX).validate().is_err(), "14 reviewers are more than a review may have");
        let mut within = build(84);
        within.review.reviewers.truncate(12);
        assert!(within.validate().is_ok());
        let mut at_limit = build(84);
        at_limit.review.reviewers.truncate(12);
        at_limit.agreed = (1..=7).map(|measure| crate::test_support::agreed(measure, 3)).collect();
        assert!(at_limit.validate().is_ok(), "91 items");
        // The count alone decides: 95 items are not too many (other errors aside), 96 are.
        let count_refused = |file: &ReviewExport| match file.validate() {
            Ok(_) => false,
            Err(errors) => {
                errors.iter().any(|error| error.field == "measures" && error.message.contains("at most 95"))
            }
        };
        let mut exactly_95 = at_limit.clone();
        exactly_95.agreed.extend((1..=4).map(|measure| crate::test_support::agreed(measure, 3)));
        assert_eq!(exactly_95.measures.len() + exactly_95.agreed.len(), 95);
        assert!(!count_refused(&exactly_95));
        let mut over = exactly_95.clone();
        over.agreed.push(crate::test_support::agreed(5, 3));
        assert!(count_refused(&over), "96 items");
    }
}
