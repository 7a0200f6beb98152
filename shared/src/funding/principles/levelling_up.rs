//! Levelling up: more to those less digitally mature, to help them catch up.
//!
//! # The rule
//!
//! Maturity is read from each recipient's latest **published peer review**: its agreed level on
//! each of the fund's success measures. A recipient's *shortfall* is how many levels it is below
//! the minimum standard, added up over those measures (level 1 against a minimum of 3 is 2 short;
//! at or above the minimum is 0). The pot is divided in proportion to shortfall, by the largest
//! remainder method: the furthest below get most, and those at or above the minimum on every
//! measure get **nothing from this pot** (their line shows £0.00 and why). If nobody is below the
//! minimum the whole pot is left unallocated: fair shares is then the principle to use.
//!
//! A recipient with no published peer review, or whose review agreed no level on one of the
//! fund's measures, is never silently read as level 0 or 1: [`MissingLevels`] says what happens,
//! and by default it is **excluded and listed** with the reason, for someone to decide.

use crate::framework::MeasureNumber;
use crate::funding::allocation::{
    Allocation, AllocationError, AllocationLine, Basis, Exclusion, ShareWorking, group, largest_remainder,
};
use crate::funding::money::Pence;
use crate::funding::principles::Principle;
use crate::funding::published::PublishedLevels;
use crate::maturity::MaturityLevel;
use crate::organisation::OdsCode;
use crate::period::Period;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// What to do where a level is missing (no published peer review, or none agreed on a measure).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case", deny_unknown_fields)]
pub enum MissingLevels {
    /// Leave the recipient out of this pot, listed with the reason (the default).
    Exclude,
    /// Count each missing level as this level, and say so on the line.
    TreatAs(MaturityLevel),
}

/// The levelling-up settings for one pot: an administrator's to change.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LevellingUpPolicy {
    /// The minimum standard: 3 (Defined) by default, as the levelling-up view's default minimum.
    pub minimum: MaturityLevel,
    pub missing: MissingLevels,
}

impl Default for LevellingUpPolicy {
    fn default() -> Self {
        Self { minimum: MaturityLevel::new(3).expect("3 is a level"), missing: MissingLevels::Exclude }
    }
}

/// One measure's part of a recipient's shortfall.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MeasureGap {
    pub measure: MeasureNumber,
    pub level: MaturityLevel,
    /// The level was missing and counted as `level` by the policy.
    pub assumed: bool,
    /// Levels below the minimum (0 at or above it).
    pub below_by: u8,
}

/// A levelling-up line's inputs and arithmetic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LevellingUpBasis {
    pub minimum: MaturityLevel,
    /// The peer review read, if there is one.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_id: Option<crate::ids::ReviewId>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub review_period: Option<Period>,
    pub measures: Vec<MeasureGap>,
    /// The sum of `below_by`: this line's weight.
    pub shortfall: u64,
    /// The arithmetic; none when nobody is below the minimum (no division was made).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub share: Option<ShareWorking>,
}

struct Assessed {
    recipient: OdsCode,
    review: Option<(crate::ids::ReviewId, Period)>,
    measures: Vec<MeasureGap>,
    shortfall: u64,
}

/// Divides `pot` between `recipients` in proportion to their shortfall on the fund's `measures`,
/// reading each one's latest review in `reviews` (see the module's rule).
pub fn allocate(
    pot: Pence,
    measures: &[MeasureNumber],
    recipients: &[OdsCode],
    reviews: &[PublishedLevels],
    policy: &LevellingUpPolicy,
) -> Result<Allocation, AllocationError> {
    if recipients.is_empty() || measures.is_empty() {
        return Err(AllocationError::NoRecipients);
    }
    let mut seen = BTreeSet::new();
    for recipient in recipients {
        if !seen.insert(recipient) {
            return Err(AllocationError::Duplicate(recipient.to_string()));
        }
    }
    let measures: BTreeSet<MeasureNumber> = measures.iter().copied().collect();
    let minimum = policy.minimum.value();
    let mut assessed = Vec::new();
    let mut excluded = Vec::new();
    for recipient in seen {
        let review = PublishedLevels::latest(reviews, recipient);
        let missing: Vec<String> = measures
            .iter()
            .filter(|measure| review.and_then(|review| review.level(**measure)).is_none())
            .map(|measure| measure.to_string())
            .collect();
        let substitute = match policy.missing {
            MissingLevels::TreatAs(level) => Some(level),
            MissingLevels::Exclude if missing.is_empty() => None,
            MissingLevels::Exclude => {
                let reason = match review {
                    None => "No published peer review, so its maturity is not known: excluded from this pot"
                        .to_owned(),
                    Some(review) => format!(
                        "Its published peer review for {} agreed no level for measure {}: excluded from this pot",
                        review.period(),
                        missing.join(", ")
                    ),
                };
                excluded.push(Exclusion { recipient: recipient.clone(), reason });
                continue;
            }
        };
        let gaps: Vec<MeasureGap> = measures
            .iter()
            .map(|measure| {
                let agreed = review.and_then(|review| review.level(*measure));
                let level = agreed.or(substitute).expect("a level or a substitute");
                MeasureGap {
                    measure: *measure,
                    level,
                    assumed: agreed.is_none(),
                    below_by: minimum.saturating_sub(level.value()),
                }
            })
            .collect();
        assessed.push(Assessed {
            recipient: recipient.clone(),
            review: review.map(|review| (review.review_id().to_owned(), review.period().clone())),
            shortfall: gaps.iter().map(|gap| u64::from(gap.below_by)).sum(),
            measures: gaps,
        });
    }
    let weights: Vec<(OdsCode, u64)> =
        assessed.iter().map(|entry| (entry.recipient.clone(), entry.shortfall)).collect();
    let mut shares = match largest_remainder(pot, &weights) {
        Ok(shares) => shares.into_iter().map(|(_, share)| Some(share)).collect(),
        Err(AllocationError::NoWeight | AllocationError::NoRecipients) => vec![None; assessed.len()],
        Err(other) => return Err(other),
    };
    // `largest_remainder` sorts by key, as `assessed` already is (from the ordered set).
    let lines = assessed
        .into_iter()
        .zip(shares.drain(..))
        .map(|(entry, share)| line(pot, policy.minimum, entry, share))
        .collect();
    Allocation::new(Principle::LevellingUp, pot, lines, excluded)
}

fn line(pot: Pence, minimum: MaturityLevel, entry: Assessed, share: Option<ShareWorking>) -> AllocationLine {
    let source = match &entry.review {
        Some((_, period)) => format!("peer review for {period}"),
        None => "no published peer review".to_owned(),
    };
    let levels: Vec<String> = entry
        .measures
        .iter()
        .map(|gap| {
            let assumed = if gap.assumed { ", counted by the policy as none was agreed" } else { "" };
            format!(
                "measure {} at level {}{assumed} ({} below)",
                gap.measure,
                gap.level.value(),
                gap.below_by
            )
        })
        .collect();
    let arithmetic = match (&share, entry.shortfall) {
        (_, 0) => format!("at or above the minimum {} on every measure: none from this pot", minimum.value()),
        (Some(share), _) => format!(
            "shortfall {} of {} in all. {}",
            entry.shortfall,
            group(share.denominator),
            share.in_words(pot)
        ),
        (None, _) => unreachable!("a shortfall above zero always has a share"),
    };
    let explanation = format!("{}: {source}: {}; {arithmetic}", entry.recipient, levels.join(", "));
    let amount = share.as_ref().map_or(Pence::ZERO, ShareWorking::amount);
    let (review_id, review_period) =
        entry.review.map_or((None, None), |(id, period)| (Some(id), Some(period)));
    let basis = Basis::LevellingUp(LevellingUpBasis {
        minimum,
        review_id,
        review_period,
        measures: entry.measures,
        shortfall: entry.shortfall,
        share,
    });
    AllocationLine::new(entry.recipient, amount, basis, explanation)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funding::allocation::tests::{Cases, code};

    fn measure(n: u8) -> MeasureNumber {
        MeasureNumber::new(n).unwrap()
    }

    fn level(n: u8) -> MaturityLevel {
        MaturityLevel::new(n).unwrap()
    }

    fn review(ods: &str, levels: &[(u8, u8)]) -> PublishedLevels {
        let levels: Vec<(MeasureNumber, MaturityLevel)> =
            levels.iter().map(|(m, l)| (measure(*m), level(*l))).collect();
        PublishedLevels::new(
            code(ods),
            Period::parse("2021/22").unwrap(),
            crate::test_support::review_id(&format!("r-{ods}")),
            crate::test_support::at("2022-01-31T12:00:00.000Z"),
            &levels,
        )
    }

    fn recipients() -> Vec<OdsCode> {
        ["RDD", "RAA", "REE", "RCC", "RBB"].map(code).to_vec()
    }

    fn reviews() -> Vec<PublishedLevels> {
        vec![
            review("RAA", &[(2, 1), (3, 2)]),
            review("RBB", &[(2, 2), (3, 3)]),
            review("RCC", &[(2, 3), (3, 4)]),
            review("RDD", &[(2, 2), (3, 2), (5, 1)]),
        ]
    }

    #[test]
    fn a_worked_example_the_furthest_below_get_most_and_those_at_the_minimum_none() {
        // Pot £100.00 = 10,000p; measures 2 and 3; minimum 3. Shortfalls:
        //   RAA levels 1, 2 → 2 + 1 = 3;  RBB 2, 3 → 1 + 0 = 1;  RCC 3, 4 → 0;  RDD 2, 2 → 1 + 1 = 2
        //   (RDD's measure 5 is not the fund's); REE has no published review: excluded.
        // Total shortfall 6:
        //   RAA 10,000 × 3 ÷ 6 = 5,000 exactly
        //   RBB 10,000 × 1 ÷ 6 = 1,666 r 4
        //   RDD 10,000 × 2 ÷ 6 = 3,333 r 2
        // Floors 9,999: one penny over, to RBB (remainder 4 beats RDD's 2, though RDD's share is
        // larger). So RAA £50.00, RBB £16.67, RCC £0.00, RDD £33.33.
        let allocation = allocate(
            Pence::new(10_000),
            &[measure(3), measure(2)],
            &recipients(),
            &reviews(),
            &LevellingUpPolicy::default(),
        )
        .unwrap();
        let amounts: Vec<(String, u64)> = allocation
            .lines()
            .iter()
            .map(|line| (line.recipient().to_string(), line.amount().get()))
            .collect();
        assert_eq!(
            amounts,
            [("RAA".into(), 5_000), ("RBB".into(), 1_667), ("RCC".into(), 0), ("RDD".into(), 3_333)]
        );
        assert_eq!(allocation.unallocated(), Pence::ZERO);
        assert_eq!(allocation.excluded().len(), 1);
        assert_eq!(allocation.excluded()[0].recipient, code("REE"));
        assert_eq!(
            allocation.excluded()[0].reason,
            "No published peer review, so its maturity is not known: excluded from this pot"
        );
        assert_eq!(
            allocation.lines()[2].explanation(),
            "RCC: peer review for 2021/22: measure 2 at level 3 (0 below), measure 3 at level 4 (0 below); \
             at or above the minimum 3 on every measure: none from this pot"
        );
        assert!(allocation.lines()[1].explanation().starts_with(
            "RBB: peer review for 2021/22: measure 2 at level 2 (1 below), measure 3 at level 3 (0 below); shortfall 1 of 6 in all. £100.00 × 1 ÷ 6"
        ));
    }

    #[test]
    fn a_missing_level_is_excluded_by_default_or_counted_as_the_policy_says() {
        // Counting a missing level as 1 (2 below 3): REE has no review, so 2 + 2 = 4; total 10:
        //   RAA 10,000 × 3 ÷ 10 = 3,000; RBB 1,000; RDD 2,000; REE 4,000 — all exact.
        let policy = LevellingUpPolicy { minimum: level(3), missing: MissingLevels::TreatAs(level(1)) };
        let allocation =
            allocate(Pence::new(10_000), &[measure(2), measure(3)], &recipients(), &reviews(), &policy)
                .unwrap();
        let amounts: Vec<u64> = allocation.lines().iter().map(|line| line.amount().get()).collect();
        assert_eq!(amounts, [3_000, 1_000, 0, 2_000, 4_000]);
        assert!(allocation.excluded().is_empty());
        assert!(
            allocation.lines()[4]
                .explanation()
                .contains("measure 2 at level 1, counted by the policy as none was agreed (2 below)")
        );
        // A review with no level on one of the fund's measures (RDD has none for 7) is excluded, named.
        let allocation = allocate(
            Pence::new(10_000),
            &[measure(2), measure(7)],
            &recipients(),
            &reviews(),
            &LevellingUpPolicy::default(),
        )
        .unwrap();
        let excluded: Vec<&str> = allocation.excluded().iter().map(|e| e.recipient.as_str()).collect();
        assert_eq!(excluded, ["RAA", "RBB", "RCC", "RDD", "REE"]);
        assert_eq!(
            allocation.excluded()[3].reason,
            "Its published peer review for 2021/22 agreed no level for measure 7: excluded from this pot"
        );
        assert_eq!(allocation.unallocated(), Pence::new(10_000));
    }

    #[test]
    fn nobody_below_the_minimum_leaves_the_pot_unallocated() {
        let policy = LevellingUpPolicy { minimum: level(1), ..LevellingUpPolicy::default() };
        let allocation =
            allocate(Pence::new(500), &[measure(2)], &recipients(), &reviews(), &policy).unwrap();
        assert!(allocation.lines().iter().all(|line| line.amount() == Pence::ZERO));
        assert_eq!(allocation.unallocated(), Pence::new(500));
    }

    #[test]
    fn levelling_up_never_gives_more_to_the_more_mature_and_is_exact_and_order_free() {
        let mut cases = Cases::new(22);
        for _ in 0..300 {
            let count = 1 + cases.below(8);
            let mut recipients: Vec<OdsCode> =
                (0..count).map(|index| code(&format!("R{index:02}"))).collect();
            let measures: Vec<MeasureNumber> = (1..=7).filter(|_| cases.below(2) == 0).map(measure).collect();
            let measures = if measures.is_empty() { vec![measure(1)] } else { measures };
            let mut reviews = Vec::new();
            for ods in &recipients {
                if cases.below(5) != 0 {
                    let levels: Vec<(u8, u8)> = (1..=7).map(|m| (m, 1 + cases.below(5) as u8)).collect();
                    reviews.push(review(ods.as_str(), &levels));
                }
            }
            let pot = Pence::new(cases.below(1_000_000_000));
            let policy = LevellingUpPolicy {
                minimum: level(1 + cases.below(5) as u8),
                missing: if cases.below(2) == 0 {
                    MissingLevels::Exclude
                } else {
                    MissingLevels::TreatAs(level(1 + cases.below(5) as u8))
                },
            };
            let allocation = allocate(pot, &measures, &recipients, &reviews, &policy).unwrap();
            let allocated: u64 = allocation.lines().iter().map(|line| line.amount().get()).sum();
            assert_eq!(allocated + allocation.unallocated().get(), pot.get(), "exact to the penny");
            assert!(
                allocation.unallocated() == Pence::ZERO
                    || allocation.lines().iter().all(|line| line.amount() == Pence::ZERO)
            );
            let shortfall = |line: &AllocationLine| match line.basis() {
                Basis::LevellingUp(basis) => basis.shortfall,
                _ => unreachable!(),
            };
            for a in allocation.lines() {
                for b in allocation.lines() {
                    if shortfall(a) < shortfall(b) {
                        assert!(
                            a.amount() <= b.amount(),
                            "the more mature {} got more than {}",
                            a.recipient(),
                            b.recipient()
                        );
                    }
                }
                if shortfall(a) == 0 {
                    assert_eq!(a.amount(), Pence::ZERO);
                }
            }
            assert_eq!(allocation.lines().len() + allocation.excluded().len(), recipients.len());
            cases.shuffle(&mut recipients);
            cases.shuffle(&mut reviews);
            assert_eq!(
                allocate(pot, &measures, &recipients, &reviews, &policy).unwrap(),
                allocation,
                "order-free"
            );
        }
    }
}
