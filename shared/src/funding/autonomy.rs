//! Earned autonomy ("Who Pays for What?": from 2024/25, systems sufficiently mature in both
//! digitisation and governance are allocated their tech funding directly, to distribute as they
//! wish, with no tech ringfence).
//!
//! # The test
//!
//! Four criteria, each reported as met or not with its figures; autonomy is earned only when all
//! four are met. Reviews count only if published for [`AutonomyRules::reviews_from`] or later.
//!
//! 1. **Governance**: the ICS's own latest published peer review agreed at least
//!    `governance_minimum` on the Well led measure (`governance_measure`).
//! 2. **Digitisation**: that review agreed at least `digitisation_minimum` on every
//!    `digitisation_measures` measure.
//! 3. **Coverage**: at least `member_coverage_percent` of the ICS's members have a published peer
//!    review.
//! 4. **No member below the minimum**: no member's latest published peer review has an agreed
//!    level below `member_minimum` on any measure (a measure with no agreed level is not counted).
//!
//! The slides name the two kinds of maturity but no levels: the defaults of
//! [`AutonomyRules::for_year`] are **assumptions** for administrators to set each year.

use super::published::PublishedLevels;
use crate::framework::{MEASURE_NUMBERS, MeasureNumber};
use crate::maturity::MaturityLevel;
use crate::organisation::OdsCode;
use crate::period::Period;
use serde::{Deserialize, Serialize};

/// One year's earned-autonomy rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AutonomyRules {
    /// The year the rules decide autonomy for.
    pub period: Period,
    /// The oldest period whose reviews count.
    pub reviews_from: Period,
    pub governance_measure: MeasureNumber,
    pub governance_minimum: MaturityLevel,
    pub digitisation_measures: Vec<MeasureNumber>,
    pub digitisation_minimum: MaturityLevel,
    pub member_coverage_percent: u8,
    pub member_minimum: MaturityLevel,
}

impl AutonomyRules {
    /// Assumed defaults for `period`: reviews from the year before or later; Well led (measure 1)
    /// at 4 Managed (governance above the minimum standard, as autonomy asks more than the
    /// minimum); Ensure smart foundations (2) and Support people (4) — the slides' "core level of
    /// infrastructure, digitisation and skills" — at 3 Defined; every member reviewed (100%); and
    /// no member below 3 Defined.
    pub fn for_year(period: Period) -> Self {
        let start = period.start_year();
        let reviews_from =
            Period::parse(&format!("{}/{:02}", start - 1, start % 100)).unwrap_or(period.clone());
        let level = |value| MaturityLevel::new(value).expect("a level");
        let measure = |number| MeasureNumber::new(number).expect("a measure");
        Self {
            period,
            reviews_from,
            governance_measure: measure(1),
            governance_minimum: level(4),
            digitisation_measures: vec![measure(2), measure(4)],
            digitisation_minimum: level(3),
            member_coverage_percent: 100,
            member_minimum: level(3),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Criterion {
    Governance,
    Digitisation,
    MemberCoverage,
    NoMemberBelowMinimum,
}

impl Criterion {
    /// What the criterion asks, as its page states it.
    pub fn label(self) -> &'static str {
        match self {
            Criterion::Governance => "Governance: the ICS’s own Well led level",
            Criterion::Digitisation => "Digitisation: the ICS’s own levels on the digitisation measures",
            Criterion::MemberCoverage => {
                "Members reviewed: the share of members with a published peer review"
            }
            Criterion::NoMemberBelowMinimum => "No member below the minimum level on any measure",
        }
    }
}

/// One criterion, met or not, with the figures that decided it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct CriterionResult {
    pub criterion: Criterion,
    pub met: bool,
    pub figures: String,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AutonomyAssessment {
    pub ics: OdsCode,
    pub period: Period,
    pub earned: bool,
    pub criteria: Vec<CriterionResult>,
}

/// Whether `ics`, with these `members`, has earned autonomy by `rules`, from published `reviews`.
pub fn assess(
    ics: &OdsCode,
    members: &[OdsCode],
    reviews: &[PublishedLevels],
    rules: &AutonomyRules,
) -> AutonomyAssessment {
    let counted: Vec<PublishedLevels> =
        reviews.iter().filter(|review| review.period() >= &rules.reviews_from).cloned().collect();
    let own = PublishedLevels::latest(&counted, ics);
    let level_in_words = |measure: MeasureNumber| match own.and_then(|review| review.level(measure)) {
        Some(level) => format!("measure {measure} at level {}", level.value()),
        None => format!("measure {measure} with no agreed level"),
    };
    let since = format!("{} or later", rules.reviews_from);
    let governance = match own {
        None => CriterionResult {
            criterion: Criterion::Governance,
            met: false,
            figures: format!("{ics} has no published peer review for {since}"),
        },
        Some(review) => CriterionResult {
            criterion: Criterion::Governance,
            met: review
                .level(rules.governance_measure)
                .is_some_and(|level| level >= rules.governance_minimum),
            figures: format!(
                "{ics}’s peer review for {}: {}; at least {} needed",
                review.period(),
                level_in_words(rules.governance_measure),
                rules.governance_minimum.value()
            ),
        },
    };
    let digitisation = CriterionResult {
        criterion: Criterion::Digitisation,
        met: own.is_some()
            && rules.digitisation_measures.iter().all(|measure| {
                own.and_then(|review| review.level(*measure))
                    .is_some_and(|level| level >= rules.digitisation_minimum)
            }),
        figures: if own.is_none() {
            format!("{ics} has no published peer review for {since}")
        } else {
            let levels: Vec<String> =
                rules.digitisation_measures.iter().map(|m| level_in_words(*m)).collect();
            format!("{}; each at least {} needed", levels.join(", "), rules.digitisation_minimum.value())
        },
    };
    let mut unique: Vec<&OdsCode> = members.iter().filter(|member| *member != ics).collect();
    unique.sort();
    unique.dedup();
    let member_reviews: Vec<&PublishedLevels> =
        unique.iter().filter_map(|member| PublishedLevels::latest(&counted, member)).collect();
    let reviewed = member_reviews.len();
    let coverage_met =
        !unique.is_empty() && reviewed * 100 >= usize::from(rules.member_coverage_percent) * unique.len();
    let coverage = CriterionResult {
        criterion: Criterion::MemberCoverage,
        met: coverage_met,
        figures: format!(
            "{reviewed} of {} members have a published peer review for {since} ({}%); at least {}% needed",
            unique.len(),
            (reviewed * 100).checked_div(unique.len()).unwrap_or(0),
            rules.member_coverage_percent
        ),
    };
    let below: Vec<String> = member_reviews
        .iter()
        .filter_map(|review| {
            let measures: Vec<String> = MEASURE_NUMBERS
                .filter_map(MeasureNumber::new)
                .filter(|measure| review.level(*measure).is_some_and(|level| level < rules.member_minimum))
                .map(|measure| measure.to_string())
                .collect();
            (!measures.is_empty())
                .then(|| format!("{} on measure {}", review.ods_code(), measures.join(", ")))
        })
        .collect();
    let none_below = CriterionResult {
        criterion: Criterion::NoMemberBelowMinimum,
        met: below.is_empty(),
        figures: if below.is_empty() {
            format!("None of the {reviewed} reviewed members is below level {}", rules.member_minimum.value())
        } else {
            format!(
                "{} of the {reviewed} reviewed members below level {}: {}",
                below.len(),
                rules.member_minimum.value(),
                below.join("; ")
            )
        },
    };
    let criteria = vec![governance, digitisation, coverage, none_below];
    AutonomyAssessment {
        ics: ics.clone(),
        period: rules.period.clone(),
        earned: criteria.iter().all(|criterion| criterion.met),
        criteria,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funding::allocation::tests::code;

    fn review(ods: &str, period: &str, levels: [u8; 7]) -> PublishedLevels {
        let levels: Vec<(MeasureNumber, MaturityLevel)> = levels
            .iter()
            .enumerate()
            .filter(|(_, level)| **level > 0)
            .map(|(index, level)| {
                (MeasureNumber::new(index as u8 + 1).unwrap(), MaturityLevel::new(*level).unwrap())
            })
            .collect();
        PublishedLevels::new(
            code(ods),
            Period::parse(period).unwrap(),
            crate::test_support::review_id(&format!("r-{ods}")),
            crate::test_support::at("2024-01-01T00:00:00.000Z"),
            &levels,
        )
    }

    fn rules() -> AutonomyRules {
        AutonomyRules::for_year(Period::parse("2024/25").unwrap())
    }

    fn members() -> Vec<OdsCode> {
        ["RR8", "RAE", "RCF"].map(code).to_vec()
    }

    fn mature() -> Vec<PublishedLevels> {
        vec![
            review("QWO", "2023/24", [4, 3, 3, 3, 3, 3, 3]),
            review("RR8", "2023/24", [3, 3, 3, 3, 3, 3, 3]),
            review("RAE", "2024/25", [5, 4, 3, 3, 0, 3, 3]),
            review("RCF", "2023/24", [3, 3, 3, 3, 3, 3, 4]),
        ]
    }

    #[test]
    fn the_default_rules_for_2024_25_count_reviews_from_2023_24() {
        let rules = rules();
        assert_eq!(rules.reviews_from.as_str(), "2023/24");
        assert_eq!(rules.governance_measure.get(), 1);
        assert_eq!(rules.governance_minimum.value(), 4);
    }

    #[test]
    fn a_mature_ics_with_every_member_reviewed_and_at_the_minimum_earns_autonomy() {
        let assessment = assess(&code("QWO"), &members(), &mature(), &rules());
        assert!(assessment.earned);
        let figures: Vec<&str> = assessment.criteria.iter().map(|c| c.figures.as_str()).collect();
        assert_eq!(
            figures,
            [
                "QWO’s peer review for 2023/24: measure 1 at level 4; at least 4 needed",
                "measure 2 at level 3, measure 4 at level 3; each at least 3 needed",
                "3 of 3 members have a published peer review for 2023/24 or later (100%); at least 100% needed",
                "None of the 3 reviewed members is below level 3",
            ]
        );
    }

    #[test]
    fn each_criterion_fails_on_its_own_figures() {
        let mut reviews = mature();
        reviews[0] = review("QWO", "2023/24", [3, 2, 3, 3, 3, 3, 3]); // governance 3 < 4, measure 2 at 2 < 3
        reviews[2] = review("RAE", "2024/25", [3, 2, 3, 1, 3, 3, 3]); // below 3 on measures 2 and 4
        reviews[3] = review("RCF", "2022/23", [3, 3, 3, 3, 3, 3, 3]); // too old to count
        let assessment = assess(&code("QWO"), &members(), &reviews, &rules());
        assert!(!assessment.earned);
        let met: Vec<bool> = assessment.criteria.iter().map(|c| c.met).collect();
        assert_eq!(met, [false, false, false, false]);
        assert_eq!(
            assessment.criteria[2].figures,
            "2 of 3 members have a published peer review for 2023/24 or later (66%); at least 100% needed"
        );
        assert_eq!(
            assessment.criteria[3].figures,
            "1 of the 2 reviewed members below level 3: RAE on measure 2, 4"
        );
        // The year's rules are editable: 60% coverage is met by 2 of 3.
        let relaxed = AutonomyRules { member_coverage_percent: 60, ..rules() };
        assert!(assess(&code("QWO"), &members(), &reviews, &relaxed).criteria[2].met);
    }

    #[test]
    fn an_ics_without_its_own_review_cannot_earn_autonomy() {
        let reviews: Vec<PublishedLevels> = mature().into_iter().skip(1).collect();
        let assessment = assess(&code("QWO"), &members(), &reviews, &rules());
        assert!(!assessment.earned);
        assert_eq!(assessment.criteria[0].figures, "QWO has no published peer review for 2023/24 or later");
        assert!(!assessment.criteria[1].met);
        assert!(assessment.criteria[2].met && assessment.criteria[3].met);
    }
}
