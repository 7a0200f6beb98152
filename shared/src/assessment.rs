//! One reviewer's assessment of one success measure: an answer and evidence for every statement,
//! a maturity level (with a rationale where it departs from the suggested level), and strengths,
//! gaps and recommendations. Each reviewer keeps their own; the lead compares them and records
//! the agreed level.

use crate::Validated;
use crate::email::Email;
use crate::framework::{Framework, MeasureVariant};
use crate::maturity::MaturityLevel;
use crate::scoring::{self, Answer, AnswerFacts, MeasureProgress};
use crate::timestamp::Timestamp;
use crate::validation::FieldError;
use crate::validation::{self, Errors};
use serde::{Deserialize, Serialize};

/// Longest overall evidence text, in characters.
pub const EVIDENCE_MAX: usize = 10_000;
/// Longest text of any other free-text field (statement evidence, rationale, strengths…).
pub const NOTE_MAX: usize = 5_000;
/// Most links recorded against one statement.
pub const LINKS_MAX: usize = 10;
/// The longest link, in bytes.
pub const LINK_MAX: usize = 2_000;
/// What `link` accepts, as a JSON Schema pattern: an http(s) address without spaces.
pub const LINK_PATTERN: &str = r"^https?://\S*$";

/// A reviewer's answer to one statement, with what shows it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct StatementAnswer {
    /// The statement's id in the framework, e.g. `org.1.3`: one of the statements of the measure
    /// for the kind of organisation reviewed, once.
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::statement_id))]
    pub statement: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<Answer>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<NOTE_MAX>))]
    pub evidence: String,
    /// Web addresses of documents that show it (http or https).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::statement_links))]
    pub links: Vec<String>,
}

impl StatementAnswer {
    fn has_evidence(&self) -> bool {
        !self.evidence.trim().is_empty() || !self.links.is_empty()
    }
}

/// A reviewer's assessment of one success measure, as stored (and as an imported file carries it,
/// so unknown fields are refused).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeasureAssessment {
    #[cfg_attr(feature = "openapi", schema(value_type = crate::framework::MeasureNumber))]
    pub measure: u8,
    /// The reviewer's email address: each assigned reviewer records their own assessment.
    pub reviewer: Email,
    #[serde(default)]
    pub statements: Vec<StatementAnswer>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<MaturityLevel>,
    /// Overall evidence for the measure.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<EVIDENCE_MAX>))]
    pub evidence: String,
    /// Why the level differs from the suggested one (required when it does).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<NOTE_MAX>))]
    pub rationale: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<NOTE_MAX>))]
    pub strengths: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<NOTE_MAX>))]
    pub gaps: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<NOTE_MAX>))]
    pub recommendations: String,
    /// Incremented on every save; a save must name the version it replaces.
    pub version: u64,
    pub updated_at: Timestamp,
    /// Saved after its phase of the assessment round closed (see [`crate::rounds`]).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub late: bool,
}

/// The rule's view of a set of answers, in the framework's statement order.
fn facts(statements: &[StatementAnswer], variant: &MeasureVariant) -> Vec<AnswerFacts> {
    variant
        .statements
        .iter()
        .map(|statement| {
            let answer = statements.iter().find(|answer| answer.statement == statement.id);
            AnswerFacts {
                answer: answer.and_then(|answer| answer.answer),
                has_evidence: answer.is_some_and(StatementAnswer::has_evidence),
            }
        })
        .collect()
}

impl MeasureAssessment {
    /// `reviewer`'s assessment of `measure` as saved at `at`: the version after the one the
    /// reviewer started from (1 for a first save, or an imported assessment).
    pub fn saved(measure: u8, reviewer: &Email, valid: ValidMeasureAssessment, at: Timestamp) -> Self {
        MeasureAssessment {
            measure,
            reviewer: reviewer.clone(),
            statements: valid.statements,
            level: valid.level,
            evidence: valid.evidence,
            rationale: valid.rationale,
            strengths: valid.strengths,
            gaps: valid.gaps,
            recommendations: valid.recommendations,
            version: valid.expected_version + 1,
            updated_at: at,
            late: false,
        }
    }

    pub fn answer(&self, statement: &str) -> Option<&StatementAnswer> {
        self.statements.iter().find(|answer| answer.statement == statement)
    }

    /// The level the statement answers support (see [`scoring`]).
    pub fn suggested_level(&self, variant: &MeasureVariant) -> Option<MaturityLevel> {
        scoring::suggested_level(&facts(&self.statements, variant))
    }

    pub fn progress(&self, variant: &MeasureVariant) -> MeasureProgress {
        let anything = !(self.evidence.trim().is_empty()
            && self.rationale.trim().is_empty()
            && self.strengths.trim().is_empty()
            && self.gaps.trim().is_empty()
            && self.recommendations.trim().is_empty()
            && self.statements.iter().all(|answer| answer.answer.is_none() && !answer.has_evidence()));
        scoring::progress(
            &facts(&self.statements, variant),
            self.level,
            !self.rationale.trim().is_empty(),
            anything,
        )
    }
}

/// A save of one reviewer's assessment of one measure. `version` is the version the reviewer
/// started from (0 when nothing was saved yet): if their assessment was saved elsewhere in between
/// (another tab, another device), this save is refused, not silently lost.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeasureAssessmentUpdate {
    #[serde(default)]
    pub statements: Vec<StatementAnswer>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<MaturityLevel>))]
    pub level: Option<u8>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<EVIDENCE_MAX>))]
    pub evidence: String,
    /// Required when the level departs from the one the answers suggest.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<NOTE_MAX>))]
    pub rationale: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<NOTE_MAX>))]
    pub strengths: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<NOTE_MAX>))]
    pub gaps: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<NOTE_MAX>))]
    pub recommendations: String,
    pub version: u64,
}

/// An update that passed every rule for the measure it is about.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidMeasureAssessment {
    pub(crate) statements: Vec<StatementAnswer>,
    pub(crate) level: Option<MaturityLevel>,
    pub(crate) evidence: String,
    pub(crate) rationale: String,
    pub(crate) strengths: String,
    pub(crate) gaps: String,
    pub(crate) recommendations: String,
    pub(crate) expected_version: u64,
}

fn link(address: &str) -> Result<String, String> {
    let address = address.trim();
    let scheme_ok = address.starts_with("https://") || address.starts_with("http://");
    if !scheme_ok || address.len() > LINK_MAX || address.chars().any(char::is_whitespace) {
        return Err(format!("Enter links as web addresses starting https:// (“{address}” is not one)"));
    }
    Ok(address.to_owned())
}

impl From<&MeasureAssessment> for MeasureAssessmentUpdate {
    /// The saved assessment as a save of the same content from its version: what a form starts
    /// from, and what it takes when the reviewer keeps the version saved elsewhere.
    fn from(assessment: &MeasureAssessment) -> Self {
        MeasureAssessmentUpdate {
            statements: assessment.statements.clone(),
            level: assessment.level.map(MaturityLevel::value),
            evidence: assessment.evidence.clone(),
            rationale: assessment.rationale.clone(),
            strengths: assessment.strengths.clone(),
            gaps: assessment.gaps.clone(),
            recommendations: assessment.recommendations.clone(),
            version: assessment.version,
        }
    }
}

impl MeasureAssessmentUpdate {
    /// The level the answers given so far support (see [`scoring`]): what the form shows as the
    /// reviewer answers, by the same rule the API checks the rationale against.
    pub fn suggested_level(&self, variant: &MeasureVariant) -> Option<MaturityLevel> {
        scoring::suggested_level(&facts(&self.statements, variant))
    }

    /// Checks the update against the statements of the measure it is for. Saving part of an
    /// assessment is fine (reviewers save as they go), so is a level that departs from the
    /// suggested one before its rationale is written ([`Self::still_to_do`] says so, and the
    /// measure is not completed until then); what is recorded must be well formed.
    /// What the reviewer must still write before this measure counts as completed, beside the
    /// field it concerns: a rationale wherever the level departs from the one the answers suggest.
    pub fn still_to_do(&self, variant: &MeasureVariant) -> Vec<FieldError> {
        let level = self.level.and_then(|level| MaturityLevel::new(level).ok());
        match (level, self.suggested_level(variant)) {
            (Some(level), Some(suggested)) if level != suggested && self.rationale.trim().is_empty() => {
                vec![FieldError::new(
                    "rationale",
                    format!(
                        "Explain why you chose level {} when the answers suggest level {}: until you do, this measure is not completed",
                        level.value(),
                        suggested.value()
                    ),
                )]
            }
            _ => Vec::new(),
        }
    }

    /// What of this update can be saved now, and why the rest cannot: every field that fails its
    /// own check (a link that is not a web address, a text over its length…) keeps its value in
    /// `saved` instead, and every other field is saved as typed. So one wrong field never holds
    /// back the rest of the reviewer's work; the errors say what to correct.
    pub fn savable(
        &self,
        variant: &MeasureVariant,
        saved: &MeasureAssessmentUpdate,
    ) -> (Self, Vec<FieldError>) {
        let errors = match self.validate(variant) {
            Ok(_) => return (self.clone(), Vec::new()),
            Err(errors) => errors,
        };
        let fine_alone = |part: MeasureAssessmentUpdate| part.validate(variant).is_ok();
        let mut kept = self.clone();
        if !fine_alone(MeasureAssessmentUpdate { level: self.level, ..Default::default() }) {
            kept.level = saved.level;
        }
        let texts: [fn(&mut MeasureAssessmentUpdate) -> &mut String; 5] = [
            |update| &mut update.evidence,
            |update| &mut update.rationale,
            |update| &mut update.strengths,
            |update| &mut update.gaps,
            |update| &mut update.recommendations,
        ];
        for text in texts {
            let mut alone = MeasureAssessmentUpdate::default();
            *text(&mut alone) = text(&mut kept).clone();
            if !fine_alone(alone) {
                *text(&mut kept) = text(&mut saved.clone()).clone();
            }
        }
        let mut statements: Vec<StatementAnswer> = Vec::new();
        for answer in &self.statements {
            if statements.iter().any(|seen| seen.statement == answer.statement) {
                continue;
            }
            let alone = MeasureAssessmentUpdate { statements: vec![answer.clone()], ..Default::default() };
            if fine_alone(alone) {
                statements.push(answer.clone());
            } else if let Some(before) =
                saved.statements.iter().find(|before| before.statement == answer.statement)
            {
                statements.push(before.clone());
            }
        }
        kept.statements = statements;
        if !fine_alone(kept.clone()) {
            // Every rule is a rule of one field, so this cannot happen; if one ever joins two
            // fields, save nothing new rather than something the API refuses.
            kept = MeasureAssessmentUpdate { version: self.version, ..saved.clone() };
        }
        (kept, errors)
    }

    pub fn validate(&self, variant: &MeasureVariant) -> Validated<ValidMeasureAssessment> {
        let mut errors = Errors::default();
        let level = match self.level {
            None => None,
            Some(level) => errors.check("level", MaturityLevel::new(level)),
        };
        let mut statements = Vec::new();
        for answer in &self.statements {
            if !variant.statements.iter().any(|statement| statement.id == answer.statement) {
                errors
                    .add("statements", format!("“{}” is not a statement of this measure", answer.statement));
                continue;
            }
            if statements.iter().any(|seen: &StatementAnswer| seen.statement == answer.statement) {
                errors.add("statements", format!("Statement {} is answered twice", answer.statement));
                continue;
            }
            let evidence = errors.check(
                "statements",
                validation::text(
                    &answer.evidence,
                    &format!("the evidence for {}", answer.statement),
                    false,
                    NOTE_MAX,
                ),
            );
            if answer.links.len() > LINKS_MAX {
                errors
                    .add("statements", format!("Record at most {LINKS_MAX} links for {}", answer.statement));
            }
            let links: Vec<String> = answer
                .links
                .iter()
                .filter(|address| !address.trim().is_empty())
                .filter_map(|address| errors.check("statements", link(address)))
                .collect();
            statements.push(StatementAnswer {
                statement: answer.statement.clone(),
                answer: answer.answer,
                evidence: evidence.unwrap_or_default(),
                links,
            });
        }
        // Keep the framework's order, whatever order they were sent in.
        statements.sort_by_key(|answer| {
            variant.statements.iter().position(|statement| statement.id == answer.statement)
        });
        let mut note = |field: &str, value: &str, label: &str, max: usize| {
            errors.check(field, validation::text(value, label, false, max)).unwrap_or_default()
        };
        let evidence = note("evidence", &self.evidence, "the evidence", EVIDENCE_MAX);
        let rationale = note("rationale", &self.rationale, "the rationale", NOTE_MAX);
        let strengths = note("strengths", &self.strengths, "the strengths", NOTE_MAX);
        let gaps = note("gaps", &self.gaps, "the gaps", NOTE_MAX);
        let recommendations = note("recommendations", &self.recommendations, "the recommendations", NOTE_MAX);
        if !errors.is_empty() {
            return Err(errors.into_vec());
        }
        Ok(ValidMeasureAssessment {
            statements,
            level,
            evidence,
            rationale,
            strengths,
            gaps,
            recommendations,
            expected_version: self.version,
        })
    }
}

/// The level the lead reviewer records in moderation, after comparing every reviewer's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgreedLevel {
    #[cfg_attr(feature = "openapi", schema(value_type = crate::framework::MeasureNumber))]
    pub measure: u8,
    pub level: MaturityLevel,
    /// Why this level was agreed, especially where reviewers disagreed.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<NOTE_MAX>))]
    pub note: String,
    /// Who recorded it here: the lead reviewer, or for an imported review the person who imported it.
    pub agreed_by: Email,
    /// For a level imported from a file: who the file says agreed it. Only the file's claim, which
    /// nothing here can check, so it is kept apart from `agreedBy`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub agreed_by_according_to_file: String,
    pub version: u64,
    pub updated_at: Timestamp,
}

/// A save of the agreed level for one measure; `version` as for assessments (0 for the first).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgreedLevelUpdate {
    #[cfg_attr(feature = "openapi", schema(value_type = MaturityLevel))]
    pub level: u8,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<NOTE_MAX>))]
    pub note: String,
    pub version: u64,
}

impl AgreedLevel {
    /// The level `agreed_by` recorded here for `measure` at `at`, as its `version`.
    pub fn recorded(
        measure: u8,
        (level, note): (MaturityLevel, String),
        agreed_by: &Email,
        version: u64,
        at: Timestamp,
    ) -> Self {
        AgreedLevel {
            measure,
            level,
            note,
            agreed_by: agreed_by.clone(),
            agreed_by_according_to_file: String::new(),
            version,
            updated_at: at,
        }
    }

    /// A level imported from a file by `importer`, who is the one recorded as agreeing it here;
    /// who the file says agreed it (`claimed_by`) is kept apart, as the file's claim.
    pub fn imported(
        measure: u8,
        (level, note): (MaturityLevel, String),
        importer: &Email,
        claimed_by: String,
        at: Timestamp,
    ) -> Self {
        AgreedLevel {
            agreed_by_according_to_file: claimed_by,
            ..Self::recorded(measure, (level, note), importer, 1, at)
        }
    }
}

impl AgreedLevelUpdate {
    pub fn validate(&self) -> Validated<(MaturityLevel, String)> {
        let mut errors = Errors::default();
        let level = errors.check("level", MaturityLevel::new(self.level));
        let note = errors.check("note", validation::text(&self.note, "the note", false, NOTE_MAX));
        match (level, note) {
            (Some(level), Some(note)) if errors.is_empty() => Ok((level, note)),
            _ => Err(errors.into_vec()),
        }
    }
}

/// One measure's agreed level in a save of several together (see [`AgreedLevelsUpdate`]).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct MeasureAgreedLevel {
    #[cfg_attr(feature = "openapi", schema(value_type = crate::framework::MeasureNumber))]
    pub measure: u8,
    #[cfg_attr(feature = "openapi", schema(value_type = MaturityLevel))]
    pub level: u8,
    /// Why this level was agreed, especially where reviewers disagreed.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<NOTE_MAX>))]
    pub note: String,
    /// The version of this measure's agreed level the lead started from (0 for the first).
    pub version: u64,
}

/// The agreed levels of several measures, saved together: all of them or none. Measures not
/// listed keep what they have.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AgreedLevelsUpdate {
    /// One entry per measure, each measure at most once.
    pub levels: Vec<MeasureAgreedLevel>,
}

/// A measure's agreed level that passed every rule: the measure, the level and note, and the
/// version it replaces.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ValidAgreedLevel {
    pub measure: u8,
    pub level: MaturityLevel,
    pub note: String,
    pub expected_version: u64,
}

impl AgreedLevelsUpdate {
    /// Checks every entry against the review's framework; every error names its entry's field
    /// (`levels[2].level`) and, in words, its measure.
    pub fn validate(&self, framework: &Framework) -> Validated<Vec<ValidAgreedLevel>> {
        let mut errors = Errors::default();
        if self.levels.is_empty() {
            errors.add("levels", "Choose the agreed level of at least one measure to save");
        }
        if self.levels.len() > framework.measures.len() {
            errors.add(
                "levels",
                format!("Send each of the {} measures at most once", framework.measures.len()),
            );
        }
        let mut valid: Vec<ValidAgreedLevel> = Vec::new();
        for (index, entry) in self.levels.iter().enumerate() {
            let field = |name: &str| format!("levels[{index}].{name}");
            let Some(measure) = framework.measure(entry.measure) else {
                errors.add(
                    &field("measure"),
                    format!(
                        "There is no success measure {}: the framework has measures 1 to {}",
                        entry.measure,
                        framework.measures.len()
                    ),
                );
                continue;
            };
            if self.levels[..index].iter().any(|earlier| earlier.measure == entry.measure) {
                errors.add(&field("measure"), format!("“{}” is listed twice", measure.title));
                continue;
            }
            let level = match MaturityLevel::new(entry.level) {
                Ok(level) => Some(level),
                Err(_) => {
                    errors.add(
                        &field("level"),
                        format!("Choose the agreed level for “{}”, from 1 to 5", measure.title),
                    );
                    None
                }
            };
            let label = format!("the note for “{}”", measure.title);
            let note = errors.check(&field("note"), validation::text(&entry.note, &label, false, NOTE_MAX));
            if let (Some(level), Some(note)) = (level, note) {
                valid.push(ValidAgreedLevel {
                    measure: entry.measure,
                    level,
                    note,
                    expected_version: entry.version,
                });
            }
        }
        if !errors.is_empty() {
            return Err(errors.into_vec());
        }
        Ok(valid)
    }
}

/// The level to propose as agreed: the one every reviewer chose, when there is at least one
/// reviewer and each chose the same level; none when any differs or has not chosen.
pub fn proposed_level(levels: &[Option<MaturityLevel>]) -> Option<MaturityLevel> {
    let first = (*levels.first()?)?;
    levels.iter().all(|level| *level == Some(first)).then_some(first)
}

/// Reviewers disagree when their levels for a measure are more than one level apart.
pub fn disagree(levels: impl IntoIterator<Item = MaturityLevel>) -> bool {
    let values: Vec<u8> = levels.into_iter().map(MaturityLevel::value).collect();
    match (values.iter().min(), values.iter().max()) {
        (Some(low), Some(high)) => high - low > 1,
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_link_pattern_accepts_what_link_accepts() {
        for address in [
            "https://www.nhs.uk/a",
            "http://intranet/page",
            "https://",
            "www.nhs.uk",
            "ftp://x.y",
            "https://a b",
            "https://a\tb",
            "HTTPS://x.y",
        ] {
            assert_eq!(
                crate::test_support::matches(LINK_PATTERN, address),
                link(address).is_ok(),
                "{address}"
            );
        }
    }
    use crate::framework;

    fn well_led() -> MeasureVariant {
        framework::find(framework::CURRENT).unwrap().measure(1).unwrap().organisation.clone()
    }

    /// Nothing recorded yet for measure 1 (Well led).
    fn blank() -> MeasureAssessment {
        crate::test_support::assessment(1, "jo@nhs.net", None, None)
    }

    fn answered(answer: Answer) -> Vec<StatementAnswer> {
        well_led()
            .statements
            .iter()
            .map(|statement| StatementAnswer {
                statement: statement.id.to_string(),
                answer: Some(answer),
                evidence: "Board minutes".into(),
                links: vec![],
            })
            .collect()
    }

    #[test]
    fn empty_texts_are_left_out_of_the_json_and_read_back_as_empty() {
        let mut statements = answered(Answer::Met);
        statements[0].evidence.clear();
        let assessment = MeasureAssessment {
            measure: 1,
            reviewer: crate::test_support::email("lead@example.nhs.uk"),
            statements,
            level: None,
            evidence: String::new(),
            rationale: String::new(),
            strengths: "Engaged board".into(),
            gaps: String::new(),
            recommendations: String::new(),
            version: 1,
            updated_at: crate::test_support::at("2026-12-02T06:00:00.000Z"),
            late: false,
        };
        let json = serde_json::to_value(&assessment).unwrap();
        let mut fields: Vec<&str> = json.as_object().unwrap().keys().map(String::as_str).collect();
        fields.sort_unstable();
        assert_eq!(fields, ["measure", "reviewer", "statements", "strengths", "updatedAt", "version"]);
        assert_eq!(json["statements"][0], serde_json::json!({"statement": "org.1.1", "answer": "met"}));
        assert_eq!(serde_json::from_value::<MeasureAssessment>(json).unwrap(), assessment);
    }

    #[test]
    fn a_saved_assessment_becomes_a_save_of_the_same_content_from_its_version() {
        let answer = || StatementAnswer {
            statement: "org.1.2".into(),
            answer: Some(Answer::PartlyMet),
            evidence: "Board minutes".into(),
            links: vec!["https://example.nhs.uk/minutes".into()],
        };
        let saved = MeasureAssessment {
            measure: 1,
            reviewer: crate::test_support::email("jo@nhs.net"),
            statements: vec![answer()],
            level: MaturityLevel::new(3).ok(),
            evidence: "Digital strategy".into(),
            rationale: "A funded plan starts in April".into(),
            strengths: "Engaged board".into(),
            gaps: "No CNIO".into(),
            recommendations: "Appoint a CNIO".into(),
            version: 4,
            updated_at: crate::test_support::at("2026-12-02T06:00:00.000Z"),
            late: false,
        };
        assert_eq!(
            MeasureAssessmentUpdate::from(&saved),
            MeasureAssessmentUpdate {
                statements: vec![answer()],
                level: Some(3),
                evidence: "Digital strategy".into(),
                rationale: "A funded plan starts in April".into(),
                strengths: "Engaged board".into(),
                gaps: "No CNIO".into(),
                recommendations: "Appoint a CNIO".into(),
                version: 4,
            }
        );
        let nothing_yet = MeasureAssessment { version: 1, ..blank() };
        assert_eq!(
            MeasureAssessmentUpdate::from(&nothing_yet),
            MeasureAssessmentUpdate { version: 1, ..Default::default() }
        );
    }

    #[test]
    fn an_unsaved_update_suggests_the_level_its_answers_support() {
        let variant = well_led();
        let suggested = |statements: Vec<StatementAnswer>| {
            MeasureAssessmentUpdate { statements, ..Default::default() }
                .suggested_level(&variant)
                .map(MaturityLevel::value)
        };
        assert_eq!(suggested(vec![]), None, "nothing answered");
        assert_eq!(suggested(answered(Answer::PartlyMet)), Some(2));
        assert_eq!(suggested(answered(Answer::Met)), Some(5), "all met, each with evidence");
        let mut blank_evidence = answered(Answer::Met);
        blank_evidence[3].evidence = "   ".into();
        assert_eq!(suggested(blank_evidence.clone()), Some(4), "blank text is no evidence");
        blank_evidence[3].links = vec!["https://example.nhs.uk/minutes".into()];
        assert_eq!(suggested(blank_evidence), Some(5), "a link is evidence");
        let mut one_left = answered(Answer::Met);
        one_left.pop();
        assert_eq!(suggested(one_left), None, "a statement unanswered");
        // An answer to another measure's statement (a form only sends its own) counts for nothing.
        let mut stray = answered(Answer::Met);
        stray.push(StatementAnswer {
            statement: "org.2.1".into(),
            answer: Some(Answer::NotMet),
            ..Default::default()
        });
        assert_eq!(suggested(stray), Some(5));
    }

    #[test]
    fn levels_more_than_one_apart_are_a_disagreement() {
        let levels =
            |values: &[u8]| values.iter().map(|v| MaturityLevel::new(*v).unwrap()).collect::<Vec<_>>();
        assert!(!disagree(levels(&[])));
        assert!(!disagree(levels(&[3])));
        assert!(!disagree(levels(&[2, 3, 3])));
        assert!(disagree(levels(&[2, 4])));
        assert!(disagree(levels(&[5, 3, 4])));
    }

    #[test]
    fn a_partial_save_is_fine() {
        let update =
            MeasureAssessmentUpdate { evidence: " notes so far ".into(), version: 2, ..Default::default() };
        let valid = update.validate(&well_led()).unwrap();
        assert_eq!(valid.evidence, "notes so far");
        assert_eq!(valid.level, None);
        assert_eq!(valid.expected_version, 2);
    }

    #[test]
    fn levels_outside_one_to_five_and_overlong_text_are_refused() {
        let update = MeasureAssessmentUpdate {
            level: Some(6),
            evidence: "x".repeat(EVIDENCE_MAX + 1),
            gaps: "y".repeat(NOTE_MAX + 1),
            ..Default::default()
        };
        let fields: Vec<String> =
            update.validate(&well_led()).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["level", "evidence", "gaps"]);
    }

    #[test]
    fn statements_must_belong_to_the_measure_once_each_with_real_links() {
        let mut statements = answered(Answer::Met);
        statements.push(StatementAnswer { statement: "org.2.1".into(), ..Default::default() });
        statements.push(StatementAnswer { statement: "org.1.1".into(), ..Default::default() });
        statements[0].links = vec!["javascript:alert(1)".into()];
        let errors =
            MeasureAssessmentUpdate { statements, ..Default::default() }.validate(&well_led()).unwrap_err();
        let messages: Vec<&str> = errors.iter().map(|e| e.message.as_str()).collect();
        assert!(messages.iter().any(|m| m.contains("web addresses")), "{messages:?}");
        assert!(messages.iter().any(|m| m.contains("“org.2.1” is not a statement of this measure")));
        assert!(messages.iter().any(|m| m.contains("org.1.1 is answered twice")));
    }

    #[test]
    fn departing_from_the_suggested_level_saves_but_leaves_a_rationale_to_write() {
        // All met with evidence suggests level 5.
        let update = MeasureAssessmentUpdate {
            statements: answered(Answer::Met),
            level: Some(3),
            evidence: "Board minutes".into(),
            ..Default::default()
        };
        assert!(update.validate(&well_led()).is_ok(), "saved as it stands");
        let to_do = update.still_to_do(&well_led());
        assert_eq!(to_do.len(), 1);
        assert_eq!(to_do[0].field, "rationale");
        assert_eq!(
            to_do[0].message,
            "Explain why you chose level 3 when the answers suggest level 5: until you do, this measure is not completed"
        );
        let explained = MeasureAssessmentUpdate { rationale: "Evidence is old".into(), ..update.clone() };
        assert_eq!(explained.still_to_do(&well_led()), []);
        let blank = MeasureAssessmentUpdate { rationale: "  ".into(), ..update };
        assert_eq!(blank.still_to_do(&well_led()).len(), 1, "a blank rationale explains nothing");
        let agreeing = MeasureAssessmentUpdate {
            statements: answered(Answer::Met),
            level: Some(5),
            ..Default::default()
        };
        assert_eq!(agreeing.still_to_do(&well_led()), []);
        let unanswered = MeasureAssessmentUpdate { level: Some(2), ..Default::default() };
        assert_eq!(unanswered.still_to_do(&well_led()), [], "nothing suggested yet, nothing to explain");
    }

    #[test]
    fn what_is_valid_saves_and_what_is_not_keeps_its_saved_value() {
        let saved = MeasureAssessmentUpdate {
            statements: vec![StatementAnswer {
                statement: "org.1.1".into(),
                answer: Some(Answer::PartlyMet),
                evidence: String::new(),
                links: vec!["https://example.nhs.uk/old-minutes".into()],
            }],
            level: Some(2),
            strengths: "Engaged board".into(),
            version: 4,
            ..Default::default()
        };
        let typed = MeasureAssessmentUpdate {
            statements: vec![
                StatementAnswer {
                    statement: "org.1.1".into(),
                    answer: Some(Answer::Met),
                    evidence: String::new(),
                    links: vec!["intranet/minutes".into()],
                },
                StatementAnswer {
                    statement: "org.1.2".into(),
                    answer: Some(Answer::Met),
                    evidence: "Strategy".into(),
                    links: Vec::new(),
                },
            ],
            level: Some(9),
            strengths: "x".repeat(NOTE_MAX + 1),
            gaps: "No CNIO in post".into(),
            version: 4,
            ..Default::default()
        };
        let (kept, errors) = typed.savable(&well_led(), &saved);
        let fields: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
        assert_eq!(fields, ["level", "statements", "strengths"]);
        assert_eq!(kept.level, Some(2), "the saved level stays");
        assert_eq!(kept.strengths, "Engaged board", "the saved strengths stay");
        assert_eq!(kept.gaps, "No CNIO in post", "what is valid is saved");
        assert_eq!(
            kept.statements[0].answer,
            Some(Answer::PartlyMet),
            "the statement with a bad link stays as saved"
        );
        assert_eq!(kept.statements[0].links, ["https://example.nhs.uk/old-minutes"]);
        assert_eq!(kept.statements[1].evidence, "Strategy", "another statement is saved");
        assert_eq!(kept.version, 4);
        assert!(kept.validate(&well_led()).is_ok());

        let valid = MeasureAssessmentUpdate { gaps: "No CNIO".into(), ..saved.clone() };
        assert_eq!(
            valid.savable(&well_led(), &saved),
            (valid.clone(), Vec::new()),
            "all of it, when all is valid"
        );
    }

    #[test]
    fn evidence_is_text_or_a_link_for_each_statement_before_level_five_is_suggested() {
        let variant = well_led();
        let with_evidence = |evidence: &[(&str, &[&str])]| -> Option<u8> {
            let mut statements = answered(Answer::Met);
            for (statement, (text, links)) in statements.iter_mut().zip(evidence.iter().cycle()) {
                statement.evidence = (*text).to_owned();
                statement.links = links.iter().map(|link| (*link).to_owned()).collect();
            }
            let update = MeasureAssessmentUpdate { statements, ..Default::default() };
            let valid = update.validate(&variant).unwrap();
            scoring::suggested_level(&facts(&valid.statements, &variant)).map(MaturityLevel::value)
        };
        let link: &[&str] = &["https://intranet.example.nhs.uk/board-minutes"];
        assert_eq!(with_evidence(&[("Board minutes", &[])]), Some(5), "text only, for each");
        assert_eq!(with_evidence(&[("", link)]), Some(5), "a link only, for each");
        assert_eq!(
            with_evidence(&[("Board minutes", &[]), ("", link)]),
            Some(5),
            "text for some, links for others"
        );
        assert_eq!(with_evidence(&[("   ", &[])]), Some(4), "blank text is no evidence");
        assert_eq!(
            with_evidence(&[("Board minutes", &[]), ("", &[])]),
            Some(4),
            "evidence for every other one"
        );

        // Level 5 with evidence for one statement only departs from the suggestion (4).
        let mut statements = answered(Answer::Met);
        for statement in statements.iter_mut().skip(1) {
            statement.evidence.clear();
        }
        let update = MeasureAssessmentUpdate { statements, level: Some(5), ..Default::default() };
        let to_do = update.still_to_do(&variant);
        assert_eq!(to_do[0].field, "rationale");
        assert!(
            to_do[0].message.contains("level 5 when the answers suggest level 4"),
            "{}",
            to_do[0].message
        );
    }

    #[test]
    fn each_answer_counts_for_its_own_statement_whatever_order_they_come_in() {
        let variant = well_led();
        // Every statement met, but the first not met; sent last-first.
        let mut statements = answered(Answer::Met);
        statements[0].answer = Some(Answer::NotMet);
        statements.reverse();
        let valid = MeasureAssessmentUpdate { statements, ..Default::default() }.validate(&variant).unwrap();
        assert_eq!(valid.statements[0].statement, "org.1.1", "kept in the framework's order");
        let assessment = MeasureAssessment { statements: valid.statements, ..blank() };
        // One of several not met: at least half met or partly met, so level 2, and no higher.
        assert_eq!(assessment.suggested_level(&variant).map(MaturityLevel::value), Some(2));
        assert_eq!(assessment.answer("org.1.1").and_then(|answer| answer.answer), Some(Answer::NotMet));
        assert_eq!(assessment.answer("org.1.2").and_then(|answer| answer.answer), Some(Answer::Met));
        assert!(assessment.answer("org.2.1").is_none());
    }

    #[test]
    fn evidence_alone_on_a_statement_is_work_in_progress() {
        let variant = well_led();
        let mut assessment = MeasureAssessment {
            statements: vec![StatementAnswer { statement: "org.1.1".into(), ..Default::default() }],
            ..blank()
        };
        assert_eq!(
            assessment.progress(&variant),
            MeasureProgress::NotStarted,
            "an empty statement is nothing"
        );
        assessment.statements[0].links = vec!["https://example.nhs.uk/minutes".into()];
        assert_eq!(assessment.progress(&variant), MeasureProgress::InProgress);
        assessment.statements[0].links.clear();
        assessment.statements[0].evidence = "Board minutes".into();
        assert_eq!(assessment.progress(&variant), MeasureProgress::InProgress);
        assessment.statements[0].evidence = "  ".into();
        assessment.recommendations = "Appoint a CCIO".into();
        assert_eq!(assessment.progress(&variant), MeasureProgress::InProgress);
    }

    #[test]
    fn links_and_their_number_are_limited() {
        let with_links = |links: Vec<String>| {
            let statements =
                vec![StatementAnswer { statement: "org.1.1".into(), links, ..Default::default() }];
            MeasureAssessmentUpdate { statements, ..Default::default() }.validate(&well_led())
        };
        let long = |length: usize| format!("https://example.nhs.uk/{}", "a".repeat(length - 23));
        assert_eq!(long(LINK_MAX).len(), LINK_MAX);
        assert!(with_links(vec![long(LINK_MAX)]).is_ok(), "exactly the longest link");
        assert!(with_links(vec![long(LINK_MAX + 1)]).is_err());
        assert!(with_links(vec!["http://example.nhs.uk/a".into()]).is_ok());
        assert!(with_links(vec!["ftp://example.nhs.uk/a".into()]).is_err());
        assert!(with_links(vec!["https://example.nhs.uk/a b".into()]).is_err());
        let ten: Vec<String> = (0..LINKS_MAX).map(|n| format!("https://example.nhs.uk/{n}")).collect();
        assert!(with_links(ten.clone()).is_ok(), "exactly the most links");
        let eleven = [ten, vec!["https://example.nhs.uk/11".into()]].concat();
        assert!(with_links(eleven).unwrap_err()[0].message.contains("at most 10 links"));
    }

    #[test]
    fn an_agreed_level_is_one_to_five_with_an_optional_note() {
        let update = |level: u8, note: &str| AgreedLevelUpdate { level, note: note.into(), version: 0 };
        assert_eq!(
            update(4, " Agreed at the panel ").validate(),
            Ok((MaturityLevel::new(4).unwrap(), "Agreed at the panel".to_owned()))
        );
        assert_eq!(update(0, "").validate().unwrap_err()[0].field, "level");
        assert_eq!(update(6, "").validate().unwrap_err()[0].field, "level");
        assert_eq!(update(3, &"x".repeat(NOTE_MAX + 1)).validate().unwrap_err()[0].field, "note");
    }

    #[test]
    fn agreed_levels_saved_together_are_checked_entry_by_entry_naming_each_field() {
        let framework = framework::find(framework::CURRENT).unwrap();
        let entry = |measure: u8, level: u8, note: &str, version: u64| MeasureAgreedLevel {
            measure,
            level,
            note: note.into(),
            version,
        };
        let update =
            AgreedLevelsUpdate { levels: vec![entry(1, 3, " Both chose 3 ", 0), entry(7, 2, "", 4)] };
        let level = |value: u8| MaturityLevel::new(value).unwrap();
        assert_eq!(
            update.validate(framework),
            Ok(vec![
                ValidAgreedLevel {
                    measure: 1,
                    level: level(3),
                    note: "Both chose 3".into(),
                    expected_version: 0
                },
                ValidAgreedLevel { measure: 7, level: level(2), note: String::new(), expected_version: 4 },
            ])
        );

        let wrong = AgreedLevelsUpdate {
            levels: vec![
                entry(1, 3, "", 0),
                entry(2, 0, "", 0),
                entry(1, 4, "", 0),
                entry(8, 3, "", 0),
                entry(3, 3, &"x".repeat(NOTE_MAX + 1), 0),
            ],
        };
        let errors = wrong.validate(framework).unwrap_err();
        let found: Vec<(&str, &str)> =
            errors.iter().map(|error| (error.field.as_str(), error.message.as_str())).collect();
        assert_eq!(
            found,
            [
                ("levels[1].level", "Choose the agreed level for “Ensure smart foundations”, from 1 to 5"),
                ("levels[2].measure", "“Well led” is listed twice"),
                ("levels[3].measure", "There is no success measure 8: the framework has measures 1 to 7"),
                (
                    "levels[4].note",
                    "The note for “Safe practice” must be 5000 characters or fewer (it is 5001)"
                ),
            ]
        );
        let nothing = AgreedLevelsUpdate { levels: vec![] }.validate(framework).unwrap_err();
        assert_eq!(nothing[0].field, "levels");
        let too_many = AgreedLevelsUpdate { levels: (1..=8).map(|n| entry(n.min(7), 3, "", 0)).collect() };
        assert!(too_many.validate(framework).unwrap_err().iter().any(|error| error.field == "levels"));
    }

    #[test]
    fn the_level_every_reviewer_chose_is_proposed() {
        let level = |value: u8| MaturityLevel::new(value).ok();
        assert_eq!(proposed_level(&[level(3), level(3)]), level(3));
        assert_eq!(proposed_level(&[level(4)]), level(4), "a single reviewer's level");
        assert_eq!(proposed_level(&[level(3), level(3), level(3)]), level(3));
        assert_eq!(proposed_level(&[level(3), level(4)]), None, "one level apart still differs");
        assert_eq!(proposed_level(&[level(3), None]), None, "a reviewer has not chosen");
        assert_eq!(proposed_level(&[None, level(3)]), None);
        assert_eq!(proposed_level(&[None, None]), None);
        assert_eq!(proposed_level(&[]), None, "no reviewers");
    }

    #[test]
    fn progress_follows_the_answers_level_and_rationale() {
        let variant = well_led();
        let mut assessment = blank();
        assert_eq!(assessment.progress(&variant), MeasureProgress::NotStarted);
        assessment.strengths = "Strong board".into();
        assert_eq!(assessment.progress(&variant), MeasureProgress::InProgress);
        assessment.statements = answered(Answer::PartlyMet);
        assert_eq!(assessment.suggested_level(&variant).map(MaturityLevel::value), Some(2));
        assessment.level = MaturityLevel::new(2).ok();
        assert_eq!(assessment.progress(&variant), MeasureProgress::Completed);
        // Level 3 departs from the suggested 2: complete only once the rationale says why.
        assessment.level = MaturityLevel::new(3).ok();
        assert_eq!(assessment.progress(&variant), MeasureProgress::InProgress);
        assessment.rationale = "The board has since approved the strategy".into();
        assert_eq!(assessment.progress(&variant), MeasureProgress::Completed);
    }
}
