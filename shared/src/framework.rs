//! The WGLL framework as versioned data: 7 success measures, each with a "What does good look
//! like?" summary and statements for an ICS and for an organisation.
//!
//! Framework versions are compiled in (see `wgll_2021`), so the app and the API always agree on
//! them and reading one costs no database request.

pub mod wgll_2021;

use serde::{Deserialize, Serialize};
use std::borrow::Cow;

/// The success measures' numbers, 1 to 7 (see [`FIRST_MEASURE`]).
pub const MEASURE_NUMBERS: std::ops::RangeInclusive<u8> = FIRST_MEASURE..=LAST_MEASURE;

/// The number of a success measure, 1 to 7: as a path or a request names one.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(transparent)]
pub struct MeasureNumber(u8);

impl MeasureNumber {
    pub fn new(number: u8) -> Option<Self> {
        MEASURE_NUMBERS.contains(&number).then_some(MeasureNumber(number))
    }

    pub fn get(self) -> u8 {
        self.0
    }

    fn not_a_measure(given: impl std::fmt::Display) -> String {
        format!(
            "There is no success measure “{given}”: the framework has measures {} to {}.",
            MEASURE_NUMBERS.start(),
            MEASURE_NUMBERS.end()
        )
    }
}

impl std::fmt::Display for MeasureNumber {
    fn fmt(&self, formatter: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        self.0.fmt(formatter)
    }
}

/// From a number, or from text (a path segment) that is one.
impl<'de> Deserialize<'de> for MeasureNumber {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        struct Visitor;
        impl serde::de::Visitor<'_> for Visitor {
            type Value = MeasureNumber;
            fn expecting(&self, formatter: &mut std::fmt::Formatter) -> std::fmt::Result {
                formatter.write_str("a success measure's number, 1 to 7")
            }
            fn visit_u64<E: serde::de::Error>(self, number: u64) -> Result<MeasureNumber, E> {
                u8::try_from(number)
                    .ok()
                    .and_then(MeasureNumber::new)
                    .ok_or_else(|| E::custom(MeasureNumber::not_a_measure(number)))
            }
            fn visit_i64<E: serde::de::Error>(self, number: i64) -> Result<MeasureNumber, E> {
                Err(E::custom(MeasureNumber::not_a_measure(number)))
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<MeasureNumber, E> {
                text.parse::<u8>()
                    .ok()
                    .filter(|_| text.bytes().all(|byte| byte.is_ascii_digit()))
                    .and_then(MeasureNumber::new)
                    .ok_or_else(|| E::custom(MeasureNumber::not_a_measure(text)))
            }
        }
        deserializer.deserialize_any(Visitor)
    }
}

/// Borrowed text for the compiled-in framework, owned text once deserialised.
pub type Text = Cow<'static, str>;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Framework {
    /// Stable id of this version, e.g. `wgll-2021`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: Text,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub title: Text,
    /// The date of the published text this version transcribes (ISO 8601).
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub published: Text,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<SuccessMeasure>))]
    pub measures: Cow<'static, [SuccessMeasure]>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SuccessMeasure {
    /// 1 to 7, in the framework's order.
    pub number: u8,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub slug: Text,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub title: Text,
    /// What good looks like for an Integrated Care System ("Your ICS would…").
    pub ics: MeasureVariant,
    /// What good looks like for an organisation ("Your organisation would…").
    pub organisation: MeasureVariant,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MeasureVariant {
    /// The "What does good look like?" text; paragraphs are separated by a blank line.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub summary: Text,
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<Statement>))]
    pub statements: Cow<'static, [Statement]>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Statement {
    /// Stable within a framework version: `ics.<measure>.<n>` or `org.<measure>.<n>`.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub id: Text,
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub text: Text,
}

/// Which set of statements applies: an ICS is reviewed against the "Your ICS would…" statements,
/// every other organisation against "Your organisation would…".
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Variant {
    Ics,
    Organisation,
}

impl Variant {
    pub fn label(self) -> &'static str {
        match self {
            Variant::Ics => "Your ICS would",
            Variant::Organisation => "Your organisation would",
        }
    }
}

/// The framework version new reviews use.
pub const CURRENT: &str = wgll_2021::ID;

/// Every framework version numbers its success measures from this to [`LAST_MEASURE`], with no
/// gaps (a test checks each version): what a request naming a measure may say.
pub const FIRST_MEASURE: u8 = 1;
pub const LAST_MEASURE: u8 = 7;

/// What a statement id looks like, as a JSON Schema pattern: `ics.<measure>.<n>` or
/// `org.<measure>.<n>` (a test checks every statement of every version against it).
pub const STATEMENT_ID_PATTERN: &str = r"^(ics|org)\.[1-7]\.[1-9][0-9]*$";

/// Every compiled-in framework version, newest first.
pub fn all() -> [&'static Framework; 1] {
    [&wgll_2021::FRAMEWORK]
}

/// A framework version by its id.
pub fn find(id: &str) -> Option<&'static Framework> {
    all().into_iter().find(|framework| framework.id == id)
}

impl Framework {
    /// The measure numbered `number` in this version, if it has one.
    pub fn numbered(&self, number: MeasureNumber) -> Option<&SuccessMeasure> {
        self.measure(number.get())
    }

    pub fn measure(&self, number: u8) -> Option<&SuccessMeasure> {
        self.measures.iter().find(|measure| measure.number == number)
    }
}

impl SuccessMeasure {
    pub fn variant(&self, variant: Variant) -> &MeasureVariant {
        match variant {
            Variant::Ics => &self.ics,
            Variant::Organisation => &self.organisation,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashSet;

    #[test]
    fn a_measure_number_is_1_to_7_from_a_number_or_its_digits() {
        let read =
            |json: &str| serde_json::from_str::<MeasureNumber>(json).map_err(|error| error.to_string());
        assert_eq!(read("1").map(MeasureNumber::get), Ok(1));
        assert_eq!(read("\"7\"").map(MeasureNumber::get), Ok(7));
        for wrong in ["0", "8", "-1", "300", "\"8\"", "\"+1\"", "\" 1\"", "\"x\"", "\"\""] {
            assert!(read(wrong).is_err(), "{wrong}");
        }
        assert!(
            read("\"9\"")
                .unwrap_err()
                .starts_with("There is no success measure “9”: the framework has measures 1 to 7."),
        );
        assert_eq!(serde_json::to_string(&MeasureNumber::new(3).unwrap()).unwrap(), "3");
        assert_eq!(
            find(CURRENT).unwrap().numbered(MeasureNumber::new(2).unwrap()).map(|m| m.number),
            Some(2)
        );
    }

    #[test]
    fn wgll_2021_has_the_seven_success_measures_in_order() {
        let framework = find("wgll-2021").expect("wgll-2021 is compiled in");
        let titles: Vec<&str> = framework.measures.iter().map(|m| m.title.as_ref()).collect();
        assert_eq!(
            titles,
            [
                "Well led",
                "Ensure smart foundations",
                "Safe practice",
                "Support people",
                "Empower citizens",
                "Improve care",
                "Healthy populations"
            ]
        );
        let numbers: Vec<u8> = framework.measures.iter().map(|m| m.number).collect();
        assert_eq!(numbers, [1, 2, 3, 4, 5, 6, 7]);
    }

    #[test]
    fn wgll_2021_has_every_published_statement_for_both_variants() {
        let framework = find(CURRENT).unwrap();
        let ics: Vec<usize> = framework.measures.iter().map(|m| m.ics.statements.len()).collect();
        let org: Vec<usize> = framework.measures.iter().map(|m| m.organisation.statements.len()).collect();
        // Counted by hand from the published framework (4 October 2021).
        assert_eq!(ics, [6, 7, 9, 5, 7, 5, 6]);
        assert_eq!(org, [7, 11, 9, 6, 6, 5, 5]);
        let measure_3 = framework.measure(3).unwrap();
        assert!(measure_3.ics.statements[2].text.contains("senior information risk owner"));
        assert!(measure_3.organisation.summary.starts_with("Organisations maintain standards"));
    }

    #[test]
    fn statement_ids_are_unique_and_say_where_they_belong() {
        let framework = find(CURRENT).unwrap();
        let mut seen = HashSet::new();
        for measure in framework.measures.iter() {
            for (variant, prefix) in [(Variant::Ics, "ics"), (Variant::Organisation, "org")] {
                for (index, statement) in measure.variant(variant).statements.iter().enumerate() {
                    let expected = format!("{prefix}.{}.{}", measure.number, index + 1);
                    assert_eq!(statement.id, expected);
                    assert!(seen.insert(statement.id.clone()), "duplicate {}", statement.id);
                    assert!(!statement.text.trim().is_empty());
                }
            }
        }
    }

    #[test]
    fn every_version_numbers_its_measures_as_requests_may_name_them() {
        for framework in all() {
            let numbers: Vec<u8> = framework.measures.iter().map(|m| m.number).collect();
            assert_eq!(numbers, (FIRST_MEASURE..=LAST_MEASURE).collect::<Vec<u8>>(), "{}", framework.id);
            for measure in framework.measures.iter() {
                for variant in [Variant::Ics, Variant::Organisation] {
                    for statement in measure.variant(variant).statements.iter() {
                        assert!(
                            crate::test_support::matches(STATEMENT_ID_PATTERN, &statement.id),
                            "{}",
                            statement.id
                        );
                    }
                }
            }
        }
        for not_an_id in ["org.8.1", "org.1.0", "org.1", "ics.1.1.1", "ORG.1.1", "x.1.1"] {
            assert!(!crate::test_support::matches(STATEMENT_ID_PATTERN, not_an_id), "{not_an_id}");
        }
    }

    #[test]
    fn the_framework_survives_a_json_round_trip() {
        let framework = find(CURRENT).unwrap();
        let json = serde_json::to_string(framework).unwrap();
        let back: Framework = serde_json::from_str(&json).unwrap();
        assert_eq!(&back, framework);
        assert!(find("wgll-1999").is_none());
    }
}
