//! Which principle the recipients' maturity suggests, by the slide's "funding to which we should
//! apply this approach": **levelling up** where maturity varies significantly *and* a significant
//! number fall below the minimum standard; **fair shares** where all are already at it.
//!
//! # The rule, with the thresholds of [`SuggestionThresholds`]
//!
//! Each recipient's maturity is its *lowest* agreed level on the fund's measures, from its latest
//! published peer review (at the minimum standard means at it on every measure the fund improves).
//! Recipients with no such level are counted and reported, not guessed at.
//!
//! - Levelling up when the share of assessed recipients below the minimum is at least
//!   `significant_share_below_percent` **and** the spread (highest minus lowest maturity) is at
//!   least `wide_spread_levels`.
//! - Fair shares otherwise: when everyone is at or above the minimum, as the slide says; and when
//!   some are below but too few or too alike for levelling up (the reason says which test failed);
//!   and when no one has been assessed (there is nothing to level up from).
//!
//! Strategic investment is never suggested here: the slide applies it when a pot is too small for
//! either of the others in a year, a judgement on the pot and the investments, not on maturity.

use crate::framework::MeasureNumber;
use crate::funding::principles::Principle;
use crate::funding::published::PublishedLevels;
use crate::maturity::MaturityLevel;
use crate::organisation::OdsCode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// The thresholds of the rule: an administrator's to change, year by year.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SuggestionThresholds {
    /// The minimum standard. Default 3 (Defined), the levelling-up view's default minimum.
    pub minimum: MaturityLevel,
    /// "A significant number below the minimum": this percentage of the assessed recipients, or
    /// more. Default 10, as the levelling-up view ([`crate::outcomes::SIGNIFICANT_SHARE_PERCENT`]).
    pub significant_share_below_percent: u8,
    /// "Significant variation in maturity": the highest and lowest maturity at least this many
    /// levels apart. Default 2 (say level 1 beside level 3): an assumption to revisit.
    pub wide_spread_levels: u8,
}

impl Default for SuggestionThresholds {
    fn default() -> Self {
        Self {
            minimum: MaturityLevel::new(3).expect("3 is a level"),
            significant_share_below_percent: crate::outcomes::SIGNIFICANT_SHARE_PERCENT,
            wide_spread_levels: 2,
        }
    }
}

/// The figures a suggestion rests on.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MaturityFigures {
    pub recipients: usize,
    /// With a published peer review that agreed a level on at least one of the fund's measures.
    pub assessed: usize,
    pub below_minimum: usize,
    /// `below_minimum` as a percentage of `assessed`, rounded down (the test itself is exact).
    pub percent_below: u8,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub lowest: Option<MaturityLevel>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub highest: Option<MaturityLevel>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Suggestion {
    pub principle: Principle,
    /// Why, with the numbers.
    pub reason: String,
    pub figures: MaturityFigures,
    pub thresholds: SuggestionThresholds,
}

/// The principle suggested for a pot improving `measures`, shared between `recipients`.
pub fn suggest(
    measures: &[MeasureNumber],
    recipients: &[OdsCode],
    reviews: &[PublishedLevels],
    thresholds: &SuggestionThresholds,
) -> Suggestion {
    let recipients: BTreeSet<&OdsCode> = recipients.iter().collect();
    let maturities: Vec<MaturityLevel> = recipients
        .iter()
        .filter_map(|recipient| {
            let review = PublishedLevels::latest(reviews, recipient)?;
            measures.iter().filter_map(|measure| review.level(*measure)).min()
        })
        .collect();
    let assessed = maturities.len();
    let below_minimum = maturities.iter().filter(|level| **level < thresholds.minimum).count();
    let (lowest, highest) = (maturities.iter().min().copied(), maturities.iter().max().copied());
    let figures = MaturityFigures {
        recipients: recipients.len(),
        assessed,
        below_minimum,
        percent_below: u8::try_from((below_minimum * 100).checked_div(assessed).unwrap_or(0)).unwrap_or(100),
        lowest,
        highest,
    };
    let minimum = thresholds.minimum.value();
    let measures: Vec<String> = measures.iter().map(ToString::to_string).collect();
    let measures = measures.join(", ");
    let (principle, reason) = match (lowest, highest) {
        (Some(lowest), Some(highest)) => {
            let spread = highest.value() - lowest.value();
            let significant = below_minimum > 0
                && below_minimum * 100 >= usize::from(thresholds.significant_share_below_percent) * assessed;
            let wide = spread >= thresholds.wide_spread_levels;
            let unassessed = match figures.recipients - assessed {
                0 => String::new(),
                count => format!(" ({count} without a published peer review not counted)"),
            };
            let range = format!(
                "their lowest levels on measures {measures} range from {} to {} (a spread of {spread}; {} or more is wide)",
                lowest.value(),
                highest.value(),
                thresholds.wide_spread_levels
            );
            let below = format!(
                "{below_minimum} of {assessed} assessed recipients ({}%) are below the minimum level {minimum}{unassessed}",
                figures.percent_below
            );
            let significant_at = thresholds.significant_share_below_percent;
            if below_minimum == 0 {
                (
                    Principle::FairShares,
                    format!(
                        "All {assessed} assessed recipients are at or above the minimum level {minimum} on measures {measures}{unassessed}: fair shares"
                    ),
                )
            } else if significant && wide {
                (
                    Principle::LevellingUp,
                    format!("{below} ({significant_at}% or more is significant) and {range}: levelling up"),
                )
            } else if !significant {
                (
                    Principle::FairShares,
                    format!("{below}, fewer than the {significant_at}% that is significant: fair shares"),
                )
            } else {
                (
                    Principle::FairShares,
                    format!("{below}, but {range}, so maturity does not vary widely: fair shares"),
                )
            }
        }
        _ => (
            Principle::FairShares,
            format!(
                "None of the {} recipients has a published peer review with a level on measures {measures}, so there is no maturity to level up from: fair shares",
                figures.recipients
            ),
        ),
    };
    Suggestion { principle, reason, figures, thresholds: *thresholds }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funding::allocation::tests::code;
    use crate::period::Period;

    fn measure(n: u8) -> MeasureNumber {
        MeasureNumber::new(n).unwrap()
    }

    /// Recipients R00, R01, … with these lowest levels on measures 2 and 3 (measure 3 one higher).
    fn population(levels: &[u8]) -> (Vec<OdsCode>, Vec<PublishedLevels>) {
        let recipients: Vec<OdsCode> = (0..levels.len()).map(|index| code(&format!("R{index:02}"))).collect();
        let reviews = recipients
            .iter()
            .zip(levels)
            .map(|(ods, level)| {
                let at = |n: u8| MaturityLevel::new(n.min(5)).unwrap();
                PublishedLevels::new(
                    ods.clone(),
                    Period::parse("2021/22").unwrap(),
                    crate::test_support::review_id("r"),
                    crate::test_support::at("2022-01-01T00:00:00.000Z"),
                    &[(measure(2), at(*level)), (measure(3), at(level + 1))],
                )
            })
            .collect();
        (recipients, reviews)
    }

    fn suggestion(levels: &[u8]) -> Suggestion {
        let (recipients, reviews) = population(levels);
        suggest(&[measure(2), measure(3)], &recipients, &reviews, &SuggestionThresholds::default())
    }

    #[test]
    fn all_at_the_minimum_suggests_fair_shares() {
        let suggestion = suggestion(&[3, 4, 5, 3]);
        assert_eq!(suggestion.principle, Principle::FairShares);
        assert_eq!(
            suggestion.reason,
            "All 4 assessed recipients are at or above the minimum level 3 on measures 2, 3: fair shares"
        );
    }

    #[test]
    fn many_below_and_a_wide_spread_suggests_levelling_up() {
        // 2 of 10 below (20% ≥ 10%); levels 1 to 4, a spread of 3 ≥ 2.
        let suggestion = suggestion(&[1, 2, 3, 3, 3, 3, 3, 4, 4, 4]);
        assert_eq!(suggestion.principle, Principle::LevellingUp);
        assert_eq!(
            suggestion.reason,
            "2 of 10 assessed recipients (20%) are below the minimum level 3 (10% or more is significant) and their lowest levels on measures 2, 3 range from 1 to 4 (a spread of 3; 2 or more is wide): levelling up"
        );
        assert_eq!((suggestion.figures.below_minimum, suggestion.figures.percent_below), (2, 20));
    }

    #[test]
    fn the_thresholds_hold_exactly_at_their_values() {
        // 1 of 10 below is exactly 10%: significant. 1 of 11 (9%) is not.
        let ten = suggestion(&[1, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
        assert_eq!(ten.principle, Principle::LevellingUp);
        let eleven = suggestion(&[1, 3, 3, 3, 3, 3, 3, 3, 3, 3, 3]);
        assert_eq!(eleven.principle, Principle::FairShares);
        assert!(eleven.reason.ends_with("1 of 11 assessed recipients (9%) are below the minimum level 3, fewer than the 10% that is significant: fair shares"));
        // Half below, but levels 2 and 3 are a spread of 1: not wide.
        let narrow = suggestion(&[2, 3]);
        assert_eq!(narrow.principle, Principle::FairShares);
        assert!(
            narrow.reason.contains("a spread of 1; 2 or more is wide), so maturity does not vary widely")
        );
        // The thresholds are editable: a spread of 1 counts as wide if an administrator says so.
        let (recipients, reviews) = population(&[2, 3]);
        let thresholds = SuggestionThresholds { wide_spread_levels: 1, ..SuggestionThresholds::default() };
        assert_eq!(
            suggest(&[measure(2)], &recipients, &reviews, &thresholds).principle,
            Principle::LevellingUp
        );
    }

    #[test]
    fn recipients_without_a_review_are_counted_never_guessed() {
        let (mut recipients, reviews) = population(&[3, 4]);
        recipients.push(code("RZZ"));
        let suggestion = suggest(&[measure(2)], &recipients, &reviews, &SuggestionThresholds::default());
        assert_eq!((suggestion.figures.recipients, suggestion.figures.assessed), (3, 2));
        assert!(suggestion.reason.contains("(1 without a published peer review not counted)"));
        let nobody = suggest(&[measure(7)], &recipients, &reviews, &SuggestionThresholds::default());
        assert_eq!(nobody.principle, Principle::FairShares);
        assert!(
            nobody.reason.starts_with(
                "None of the 3 recipients has a published peer review with a level on measures 7"
            )
        );
    }
}
