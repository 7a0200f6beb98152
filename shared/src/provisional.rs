//! The provisional release: once its region confirms a peer review, the organisation reviewed sees
//! the result for [`PROVISIONAL_DAYS`] days before it is published, and can flag factual errors
//! (a wrong figure, a system it has that the review says it lacks), each of which the lead
//! reviewer answers. It can also say the result has none, which ends the wait. The lead publishes
//! once every flag is answered and either the organisation has said so or the days are over.

use crate::Validated;
use crate::date::Date;
use crate::framework::MeasureNumber;
use crate::review::Review;
use crate::timestamp::Timestamp;
use crate::validation::{self, Errors};
use serde::{Deserialize, Serialize};

/// How long the organisation has to check its provisional result.
pub const PROVISIONAL_DAYS: u32 = 10;
/// The longest flag or answer, in characters.
pub const FLAG_MAX: usize = 2_000;
/// At most this many flags on one release.
pub const FLAGS_MAX: usize = 50;

/// A factual error the organisation flagged, with the lead reviewer's answer once given.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FactualErrorFlag {
    /// 1 for the first flag of the release, then 2, 3…
    pub number: u32,
    /// The measure it is about, if one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::framework::MeasureNumber>))]
    pub measure: Option<u8>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<FLAG_MAX>))]
    pub text: String,
    /// Who flagged it, as the history names people.
    pub by: String,
    pub at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub answer: Option<FlagAnswer>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FlagAnswer {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::text::<FLAG_MAX>))]
    pub text: String,
    pub by: String,
    pub at: Timestamp,
}

/// The organisation's word that its provisional result has no (more) factual errors.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FactsConfirmed {
    pub by: String,
    pub at: Timestamp,
}

/// Flagging a factual error, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewFlag {
    /// The measure it is about (1–7), or none for the review as a whole.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::framework::MeasureNumber>))]
    pub measure: Option<u8>,
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::required_text::<FLAG_MAX>))]
    pub text: String,
    /// The review's version as the person saw it.
    pub version: u64,
}

impl NewFlag {
    /// The measure (if any) and the text, or what to correct.
    pub fn validate(&self) -> Validated<(Option<u8>, String)> {
        let mut errors = Errors::default();
        let measure = match self.measure {
            None => Some(None),
            Some(number) => match MeasureNumber::new(number) {
                Some(_) => Some(Some(number)),
                None => {
                    errors.add("measure", "Choose a success measure from 1 to 7, or the review as a whole");
                    None
                }
            },
        };
        let text = errors
            .check("text", validation::text(&self.text, "what is wrong and what is right", true, FLAG_MAX));
        match (measure, text) {
            (Some(measure), Some(text)) if errors.is_empty() => Ok((measure, text)),
            _ => Err(errors.into_vec()),
        }
    }
}

/// The lead reviewer's answer to a flag, or the organisation's confirmation (text unused), as
/// the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FlagAnswerForm {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::required_text::<FLAG_MAX>))]
    pub answer: String,
    /// The review's version as the person saw it.
    pub version: u64,
}

impl FlagAnswerForm {
    pub fn validate(&self) -> Validated<String> {
        validation::text(&self.answer, "your answer", true, FLAG_MAX)
            .map_err(|message| vec![crate::FieldError::new("answer", message)])
    }
}

/// The organisation confirming its provisional result, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FactsConfirmation {
    /// The review's version as the person saw it.
    pub version: u64,
}

impl Review {
    /// Whether the organisation may still flag errors on `today`: the release is open, it has not
    /// said the result is right, and the days are not over.
    pub fn open_for_flags(&self, today: Date) -> bool {
        self.status == crate::review::ReviewStatus::Provisional
            && self.facts_confirmed.is_none()
            && self.provisional_until.is_some_and(|until| today <= until)
    }

    /// Why a provisional review cannot be published yet, on `today` (empty when it can).
    pub fn unmet_before_publishing(&self, today: Date) -> Vec<String> {
        let mut unmet: Vec<String> = self
            .flags
            .iter()
            .filter(|flag| flag.answer.is_none())
            .map(|flag| format!("Answer factual error {} flagged by the organisation", flag.number))
            .collect();
        if self.facts_confirmed.is_none()
            && let Some(until) = self.provisional_until.filter(|until| today <= *until)
        {
            unmet.push(format!(
                "{} can flag factual errors until {}: publish after that, or once they confirm the result",
                self.organisation_name,
                until.in_words()
            ));
        }
        unmet
    }

    /// The review with `flag` added: its next version.
    pub fn flagged(&self, flag: FactualErrorFlag, at: Timestamp) -> Review {
        let mut flags = self.flags.clone();
        flags.push(flag);
        Review { flags, version: self.version + 1, updated_at: at, ..self.clone() }
    }

    /// The review with flag `number` answered: its next version.
    pub fn with_answer(&self, number: u32, answer: FlagAnswer) -> Review {
        let at = answer.at.clone();
        let flags = self
            .flags
            .iter()
            .map(|flag| match flag.number == number {
                true => FactualErrorFlag { answer: Some(answer.clone()), ..flag.clone() },
                false => flag.clone(),
            })
            .collect();
        Review { flags, version: self.version + 1, updated_at: at, ..self.clone() }
    }

    /// The review once the organisation has confirmed its result: its next version.
    pub fn with_facts_confirmed(&self, confirmed: FactsConfirmed) -> Review {
        let at = confirmed.at.clone();
        Review { facts_confirmed: Some(confirmed), version: self.version + 1, updated_at: at, ..self.clone() }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::{ReviewKind, ReviewStatus};
    use crate::test_support::{at, review};

    fn provisional_until(until: &str) -> Review {
        Review {
            status: ReviewStatus::Provisional,
            provisional_until: Some(Date::parse(until).unwrap()),
            ..review(ReviewKind::PeerReview, &["lead@example.nhs.uk"])
        }
    }

    fn flag(number: u32) -> FactualErrorFlag {
        FactualErrorFlag {
            number,
            measure: Some(2),
            text: "We have had an EPR since 2023".to_owned(),
            by: "Sam Lee <sam@example.nhs.uk>".to_owned(),
            at: at("2026-01-06T09:00:00.000Z"),
            answer: None,
        }
    }

    #[test]
    fn the_organisation_flags_until_the_last_day_unless_it_confirmed() {
        let review = provisional_until("2026-01-15");
        assert!(review.open_for_flags(Date::parse("2026-01-15").unwrap()));
        assert!(!review.open_for_flags(Date::parse("2026-01-16").unwrap()));
        let confirmed = review.with_facts_confirmed(FactsConfirmed {
            by: "Sam Lee <sam@example.nhs.uk>".to_owned(),
            at: at("2026-01-07T09:00:00.000Z"),
        });
        assert!(!confirmed.open_for_flags(Date::parse("2026-01-07").unwrap()));
        assert_eq!(confirmed.version, review.version + 1);
        let moderated = Review { status: ReviewStatus::Moderated, ..review };
        assert!(!moderated.open_for_flags(Date::parse("2026-01-07").unwrap()));
    }

    #[test]
    fn publishing_waits_for_every_answer_and_for_the_days_or_the_organisation() {
        let review = provisional_until("2026-01-15").flagged(flag(1), at("2026-01-06T09:00:00.000Z"));
        assert_eq!(
            review.unmet_before_publishing(Date::parse("2026-01-10").unwrap()),
            [
                "Answer factual error 1 flagged by the organisation",
                "Leeds Teaching Hospitals NHS Trust can flag factual errors until 15 January 2026: publish after that, or once they confirm the result",
            ]
        );
        let answered = review.with_answer(
            1,
            FlagAnswer {
                text: "Corrected: level 3".to_owned(),
                by: "Lead <lead@example.nhs.uk>".to_owned(),
                at: at("2026-01-07T09:00:00.000Z"),
            },
        );
        assert_eq!(answered.flags[0].answer.as_ref().unwrap().text, "Corrected: level 3");
        assert_eq!(
            answered.unmet_before_publishing(Date::parse("2026-01-16").unwrap()),
            Vec::<String>::new()
        );
        let confirmed = answered.with_facts_confirmed(FactsConfirmed {
            by: "Sam Lee <sam@example.nhs.uk>".to_owned(),
            at: at("2026-01-08T09:00:00.000Z"),
        });
        assert_eq!(
            confirmed.unmet_before_publishing(Date::parse("2026-01-08").unwrap()),
            Vec::<String>::new()
        );
    }

    #[test]
    fn a_flag_says_what_is_wrong_about_a_measure_or_the_whole_review() {
        let form = |measure, text: &str| NewFlag { measure, text: text.to_owned(), version: 4 };
        assert_eq!(form(Some(2), " Wrong year ").validate().unwrap(), (Some(2), "Wrong year".to_owned()));
        assert_eq!(form(None, "Wrong name").validate().unwrap(), (None, "Wrong name".to_owned()));
        let errors = form(Some(9), " ").validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
        assert_eq!(fields, ["measure", "text"]);
        let blank = FlagAnswerForm { answer: "".to_owned(), version: 1 }.validate().unwrap_err();
        assert_eq!(blank[0].field, "answer");
    }
}
