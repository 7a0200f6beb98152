//! A review as a file: JSON that another instance can import, and CSV for spreadsheets.

use crate::Validated;
use crate::assessment::{
    AgreedLevel, MeasureAssessment, MeasureAssessmentUpdate, NOTE_MAX, ValidMeasureAssessment,
};
use crate::framework::{self, Framework};
use crate::maturity::MaturityLevel;
use crate::review::{NewReview, Review, ReviewDetail, ValidNewReview};
use crate::validation::{self, Errors};
use serde::{Deserialize, Serialize};

/// The format tag of an export; an import refuses any other.
pub const FORMAT: &str = "wgll-review-export/1";

/// Everything about one review, as exported (JSON) and imported.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReviewExport {
    pub format: String,
    pub exported_at: String,
    pub review: Review,
    pub measures: Vec<MeasureAssessment>,
    #[serde(default)]
    pub agreed: Vec<AgreedLevel>,
}

impl ReviewExport {
    pub fn new(detail: ReviewDetail, exported_at: String) -> Self {
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
    pub new_review: ValidNewReview,
    /// (measure, reviewer, assessment)
    pub measures: Vec<(u8, String, ValidMeasureAssessment)>,
    /// (measure, level, note, who the file says agreed it)
    pub agreed: Vec<(u8, MaturityLevel, String, String)>,
    /// The status and id it had where it came from, for the audit history.
    pub origin: String,
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
            reviewers: review.reviewers.clone(),
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
        let mut measures: Vec<(u8, String, ValidMeasureAssessment)> = Vec::new();
        for (index, assessment) in self.measures.iter().enumerate() {
            let field = format!("measures[{index}]");
            let Some(measure) = framework.measure(assessment.measure) else {
                errors.add(&field, format!("There is no success measure {}", assessment.measure));
                continue;
            };
            if !new_review.reviewers.contains(&assessment.reviewer.to_lowercase()) {
                errors.add(&field, format!("{} is not one of the review’s reviewers", assessment.reviewer));
                continue;
            }
            if measures.iter().any(|(number, reviewer, _)| {
                *number == assessment.measure && *reviewer == assessment.reviewer.to_lowercase()
            }) {
                errors.add(
                    &field,
                    format!("Measure {} is assessed twice by {}", assessment.measure, assessment.reviewer),
                );
                continue;
            }
            let update = MeasureAssessmentUpdate {
                statements: assessment.statements.clone(),
                level: assessment.level.map(MaturityLevel::value),
                evidence: assessment.evidence.clone(),
                rationale: assessment.rationale.clone(),
                strengths: assessment.strengths.clone(),
                gaps: assessment.gaps.clone(),
                recommendations: assessment.recommendations.clone(),
                version: 0,
            };
            match update.validate(measure.variant(new_review_variant(review))) {
                Ok(valid) => measures.push((assessment.measure, assessment.reviewer.to_lowercase(), valid)),
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
                Ok(note) => agreed.push((level.measure, level.level, note, level.agreed_by.clone())),
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
            assessment.reviewer.clone(),
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

pub(crate) fn csv_row(cells: impl IntoIterator<Item = String>) -> String {
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
}
