//! How statement answers suggest a maturity level, and when a measure's assessment is complete.
//!
//! # The suggested level rule
//!
//! Levels are gated: a level is reached only when its own condition **and every lower level's**
//! hold, as in NHS England's digital maturity assessment. Only *applicable* statements count
//! (answered anything but "not applicable"):
//!
//! | level | condition (on top of every lower level's) |
//! |---|---|
//! | 1 Initial    | every applicable statement is answered |
//! | 2 Developing | at least half of them are met or partly met |
//! | 3 Defined    | all of them are at least partly met, and at least half are fully met |
//! | 4 Managed    | all of them are fully met |
//! | 5 Leading    | all of them are fully met with evidence recorded for each (text or a link) |
//!
//! There is no suggestion while any statement is unanswered, or when none applies. A reviewer may
//! record a different level, but must then write a rationale (see [`MeasureProgress`]).

use crate::maturity::MaturityLevel;
use serde::{Deserialize, Serialize};

/// A reviewer's answer to one statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Answer {
    Met,
    PartlyMet,
    NotMet,
    NotApplicable,
}

impl Answer {
    pub const ALL: [Answer; 4] = [Answer::Met, Answer::PartlyMet, Answer::NotMet, Answer::NotApplicable];

    pub fn code(self) -> &'static str {
        match self {
            Answer::Met => "met",
            Answer::PartlyMet => "partly-met",
            Answer::NotMet => "not-met",
            Answer::NotApplicable => "not-applicable",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Answer::Met => "Met",
            Answer::PartlyMet => "Partly met",
            Answer::NotMet => "Not met",
            Answer::NotApplicable => "Not applicable",
        }
    }
}

/// What the rule needs to know about one statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AnswerFacts {
    pub answer: Option<Answer>,
    pub has_evidence: bool,
}

/// The level the statement answers support, by the gated rule above.
pub fn suggested_level(statements: &[AnswerFacts]) -> Option<MaturityLevel> {
    if statements.iter().any(|facts| facts.answer.is_none()) {
        return None;
    }
    let applicable: Vec<&AnswerFacts> =
        statements.iter().filter(|facts| facts.answer != Some(Answer::NotApplicable)).collect();
    if applicable.is_empty() {
        return None;
    }
    let total = applicable.len();
    let met = applicable.iter().filter(|facts| facts.answer == Some(Answer::Met)).count();
    let at_least_partly = applicable
        .iter()
        .filter(|facts| matches!(facts.answer, Some(Answer::Met | Answer::PartlyMet)))
        .count();
    let conditions = [
        true,
        at_least_partly * 2 >= total,
        at_least_partly == total && met * 2 >= total,
        met == total,
        met == total && applicable.iter().all(|facts| facts.has_evidence),
    ];
    // Gated: count levels from the bottom until the first condition that fails.
    let reached = conditions.iter().take_while(|holds| **holds).count();
    MaturityLevel::new(u8::try_from(reached).ok()?).ok()
}

/// Where one reviewer's assessment of one measure stands, for the review's task list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum MeasureProgress {
    NotStarted,
    InProgress,
    Completed,
}

impl MeasureProgress {
    pub fn label(self) -> &'static str {
        match self {
            MeasureProgress::NotStarted => "Not started",
            MeasureProgress::InProgress => "In progress",
            MeasureProgress::Completed => "Completed",
        }
    }
}

/// Completed when every statement is answered, a level is recorded, and a rationale is written
/// wherever that level departs from the suggestion; not started when nothing at all is recorded.
pub fn progress(
    statements: &[AnswerFacts],
    level: Option<MaturityLevel>,
    has_rationale: bool,
    anything_recorded: bool,
) -> MeasureProgress {
    let all_answered = statements.iter().all(|facts| facts.answer.is_some());
    let departs = level.is_some() && level != suggested_level(statements);
    if all_answered && level.is_some() && (!departs || has_rationale) {
        MeasureProgress::Completed
    } else if anything_recorded || level.is_some() || statements.iter().any(|facts| facts.answer.is_some()) {
        MeasureProgress::InProgress
    } else {
        MeasureProgress::NotStarted
    }
}

#[cfg(test)]
mod tests {
    use super::Answer::*;
    use super::*;

    fn facts(answers: &[Answer], evidence: bool) -> Vec<AnswerFacts> {
        answers.iter().map(|answer| AnswerFacts { answer: Some(*answer), has_evidence: evidence }).collect()
    }

    fn level(answers: &[Answer], evidence: bool) -> Option<u8> {
        suggested_level(&facts(answers, evidence)).map(MaturityLevel::value)
    }

    #[test]
    fn each_level_needs_its_own_condition_and_all_below() {
        let cases: &[(&[Answer], bool, Option<u8>)] = &[
            (&[NotMet, NotMet, NotMet, NotMet], true, Some(1)),
            (&[PartlyMet, NotMet, NotMet, NotMet], true, Some(1)),
            (&[PartlyMet, PartlyMet, NotMet, NotMet], true, Some(2)),
            (&[Met, Met, Met, NotMet], true, Some(2)), // one not met blocks level 3
            (&[PartlyMet, PartlyMet, PartlyMet, Met], true, Some(2)), // fewer than half fully met
            (&[Met, Met, PartlyMet, PartlyMet], true, Some(3)),
            (&[Met, Met, Met, PartlyMet], true, Some(3)),
            (&[Met, Met, Met, Met], false, Some(4)), // level 5 needs evidence for each
            (&[Met, Met, Met, Met], true, Some(5)),
            (&[Met, NotApplicable, Met], true, Some(5)), // not applicable does not count
            (&[NotApplicable, NotApplicable], true, None),
        ];
        for (answers, evidence, expected) in cases {
            assert_eq!(level(answers, *evidence), *expected, "{answers:?} with evidence {evidence}");
        }
    }

    /// One statement per pair: its answer, and whether evidence is recorded for it.
    fn mixed(statements: &[(Answer, bool)]) -> Option<u8> {
        let facts: Vec<AnswerFacts> = statements
            .iter()
            .map(|(answer, has_evidence)| AnswerFacts { answer: Some(*answer), has_evidence: *has_evidence })
            .collect();
        suggested_level(&facts).map(MaturityLevel::value)
    }

    #[test]
    fn level_five_needs_evidence_for_every_applicable_statement_not_just_some() {
        type Statements<'a> = &'a [(Answer, bool)];
        let cases: &[(Statements, Option<u8>)] = &[
            (&[(Met, true), (Met, false), (Met, false)], Some(4)), // evidence for one of three
            (&[(Met, true), (Met, true), (Met, false)], Some(4)),  // for all but one
            (&[(Met, false), (Met, true)], Some(4)),               // the missing one first
            (&[(Met, true), (Met, true), (Met, true)], Some(5)),
            // A statement that does not apply needs no evidence, and its evidence proves nothing.
            (&[(Met, true), (NotApplicable, false)], Some(5)),
            (&[(Met, false), (NotApplicable, true)], Some(4)),
            // Evidence cannot lift a statement that is not fully met.
            (&[(Met, true), (PartlyMet, true)], Some(3)),
            (&[(Met, true), (NotMet, true)], Some(2)),
        ];
        for (statements, expected) in cases {
            assert_eq!(mixed(statements), *expected, "{statements:?}");
        }
    }

    #[test]
    fn each_level_holds_exactly_at_its_threshold_and_not_one_below() {
        let cases: &[(&[Answer], Option<u8>)] = &[
            // Level 2: at least half met or partly met.
            (&[PartlyMet, NotMet], Some(2)),           // exactly half
            (&[PartlyMet, NotMet, NotMet], Some(1)),   // a third
            (&[Met, PartlyMet, NotMet], Some(2)),      // two thirds
            (&[Met, NotMet, NotMet, NotMet], Some(1)), // a quarter, though fully met
            // Level 3: all at least partly met, and at least half fully met.
            (&[Met, PartlyMet], Some(3)),            // exactly half fully met
            (&[Met, PartlyMet, PartlyMet], Some(2)), // a third fully met
            (&[Met, Met, PartlyMet], Some(3)),       // two thirds
            // Level 4: all fully met (no evidence here, so never 5).
            (&[Met, Met, Met], Some(4)),
            (&[Met], Some(4)),
            (&[PartlyMet], Some(2)),
            (&[NotMet], Some(1)),
            // Not applicable statements are left out of every count.
            (&[PartlyMet, NotApplicable, NotApplicable, NotMet], Some(2)),
            (&[Met, NotApplicable, PartlyMet], Some(3)),
        ];
        for (answers, expected) in cases {
            assert_eq!(level(answers, false), *expected, "{answers:?}");
        }
    }

    #[test]
    fn no_suggestion_until_every_statement_is_answered() {
        let mut statements = facts(&[Met, Met], true);
        statements.push(AnswerFacts { answer: None, has_evidence: false });
        assert_eq!(suggested_level(&statements), None);
        assert_eq!(suggested_level(&[]), None);
    }

    #[test]
    fn a_measure_is_complete_only_with_every_answer_a_level_and_any_rationale_needed() {
        let answered = facts(&[Met, PartlyMet], true);
        let three = MaturityLevel::new(3).ok();
        let four = MaturityLevel::new(4).ok();
        assert_eq!(progress(&answered, three, false, true), MeasureProgress::Completed);
        assert_eq!(
            progress(&answered, four, false, true),
            MeasureProgress::InProgress,
            "departs without a rationale"
        );
        assert_eq!(progress(&answered, four, true, true), MeasureProgress::Completed);
        assert_eq!(progress(&answered, None, false, true), MeasureProgress::InProgress);
        let one_answer = [
            AnswerFacts { answer: Some(Met), has_evidence: false },
            AnswerFacts { answer: None, has_evidence: false },
        ];
        assert_eq!(progress(&one_answer, None, false, false), MeasureProgress::InProgress, "an answer alone");
        let unanswered = [AnswerFacts { answer: None, has_evidence: false }];
        assert_eq!(progress(&unanswered, three, false, false), MeasureProgress::InProgress, "a level alone");
        let blank = vec![AnswerFacts { answer: None, has_evidence: false }; 3];
        assert_eq!(progress(&blank, None, false, false), MeasureProgress::NotStarted);
        assert_eq!(progress(&blank, None, false, true), MeasureProgress::InProgress);
    }
}
