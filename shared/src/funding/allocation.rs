//! The arithmetic every principle shares: dividing a pot in whole pence in proportion to weights,
//! by the **largest remainder method**, and the [`Allocation`] it produces.
//!
//! # The rounding rule
//!
//! With a pot of `P` pence and weights `w₁ … wₙ` adding up to `W`, line `i`'s exact share is
//! `P × wᵢ ÷ W` pence. Each line first gets that share rounded down (its *floor*); the remainder of
//! that division (`P × wᵢ mod W`, out of `W`) is the fraction of a penny it was short. The pennies
//! left over (`P − Σ floors`, always fewer than the number of lines) go one each to the lines with
//! the largest remainders; where remainders are equal, to the line whose key (ODS code) sorts
//! first. So the lines add up to the pot exactly, no line is more than a penny from its exact
//! share, and the result does not depend on the order the inputs came in.
//!
//! All of it is integer arithmetic in 128 bits: a pot and a weight each fit 64 bits, so their
//! product cannot overflow.

use super::money::Pence;
pub use super::money::group;
use super::principles::Principle;
use crate::organisation::OdsCode;
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::collections::BTreeSet;

/// Why a pot could not be divided.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum AllocationError {
    #[error("There is no one to allocate the pot to")]
    NoRecipients,
    #[error("Every recipient’s weight is zero, so there is nothing to share the pot in proportion to")]
    NoWeight,
    #[error("{0} is listed more than once")]
    Duplicate(String),
    #[error("The amounts are too large to add up")]
    Overflow,
}

fn decimal<S: Serializer>(value: &u128, serializer: S) -> Result<S::Ok, S::Error> {
    // As text: a browser's JSON numbers lose digits beyond 2^53.
    serializer.collect_str(value)
}

/// A [`decimal`] read back (the store keeps allocations as they were written).
fn from_decimal<'de, D: Deserializer<'de>>(deserializer: D) -> Result<u128, D::Error> {
    let text = String::deserialize(deserializer)?;
    text.parse().map_err(serde::de::Error::custom)
}

/// The exact arithmetic of one line's proportional share, for checking by hand.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ShareWorking {
    /// This line's weight (`wᵢ`).
    pub weight: u64,
    /// The exact share is `numerator ÷ denominator` pence: the pot in pence × the weight …
    #[serde(serialize_with = "decimal", deserialize_with = "from_decimal")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub numerator: u128,
    /// … over the sum of all the weights (`W`).
    #[serde(serialize_with = "decimal", deserialize_with = "from_decimal")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub denominator: u128,
    /// The exact share rounded down.
    pub floor: Pence,
    /// `numerator mod denominator`: how much of a penny (out of `denominator`) rounding down lost.
    #[serde(serialize_with = "decimal", deserialize_with = "from_decimal")]
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    pub remainder: u128,
    /// Whether this line got one of the pennies left over after rounding down.
    pub remainder_penny: bool,
}

impl ShareWorking {
    /// The share's amount: the floor, plus a penny if it got one.
    pub fn amount(&self) -> Pence {
        Pence::new(self.floor.get() + u64::from(self.remainder_penny))
    }

    /// The arithmetic in words: "£10.00 × 3 ÷ 7 = 3,000 ÷ 7 pence: 428p rounded down, 4/7 of a penny
    /// short; one of the 1 leftover pennies (largest remainders first) → £4.29".
    pub fn in_words(&self, pot: Pence) -> String {
        let penny = if self.remainder_penny {
            "gets a leftover penny (largest remainders first, ties by ODS code)"
        } else if self.remainder == 0 {
            "exact"
        } else {
            "no leftover penny"
        };
        format!(
            "{pot} × {} ÷ {} = {} ÷ {} pence: {}p rounded down with {}/{} of a penny over; {penny} → {}",
            group(u128::from(self.weight)),
            group(self.denominator),
            group(self.numerator),
            group(self.denominator),
            group(u128::from(self.floor.get())),
            group(self.remainder),
            group(self.denominator),
            self.amount()
        )
    }
}

/// Divides `pot` between `weights` by the largest remainder method (see the module's rule).
/// Returns each key's working, sorted by key. Keys must be unique, and at least one weight must be
/// above zero.
pub fn largest_remainder<K: Ord + Clone + std::fmt::Display>(
    pot: Pence,
    weights: &[(K, u64)],
) -> Result<Vec<(K, ShareWorking)>, AllocationError> {
    if weights.is_empty() {
        return Err(AllocationError::NoRecipients);
    }
    let mut seen = BTreeSet::new();
    for (key, _) in weights {
        if !seen.insert(key) {
            return Err(AllocationError::Duplicate(key.to_string()));
        }
    }
    let denominator: u128 = weights.iter().map(|(_, weight)| u128::from(*weight)).sum();
    if denominator == 0 {
        return Err(AllocationError::NoWeight);
    }
    let mut shares: Vec<(K, ShareWorking)> = weights
        .iter()
        .map(|(key, weight)| {
            let numerator = u128::from(pot.get()) * u128::from(*weight);
            let floor = u64::try_from(numerator / denominator).map_err(|_| AllocationError::Overflow)?;
            Ok((
                key.clone(),
                ShareWorking {
                    weight: *weight,
                    numerator,
                    denominator,
                    floor: Pence::new(floor),
                    remainder: numerator % denominator,
                    remainder_penny: false,
                },
            ))
        })
        .collect::<Result<_, AllocationError>>()?;
    let floors = Pence::sum(shares.iter().map(|(_, share)| share.floor)).ok_or(AllocationError::Overflow)?;
    let leftover = pot.checked_sub(floors).ok_or(AllocationError::Overflow)?.get();
    // Largest remainder first; equal remainders by key, so the order of the input never matters.
    let mut order: Vec<usize> = (0..shares.len()).collect();
    order.sort_by(|&a, &b| {
        shares[b].1.remainder.cmp(&shares[a].1.remainder).then_with(|| shares[a].0.cmp(&shares[b].0))
    });
    for &index in order.iter().take(usize::try_from(leftover).map_err(|_| AllocationError::Overflow)?) {
        shares[index].1.remainder_penny = true;
    }
    shares.sort_by(|a, b| a.0.cmp(&b.0));
    Ok(shares)
}

/// How one line's amount was worked out, with every input, so it can be checked by hand.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", tag = "principle")]
pub enum Basis {
    FairShares(super::principles::fair_shares::FairSharesBasis),
    LevellingUp(super::principles::levelling_up::LevellingUpBasis),
    StrategicInvestment(super::principles::strategic::StrategicBasis),
}

/// One recipient's (or, for strategic investment, one investment's) part of a pot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AllocationLine {
    recipient: OdsCode,
    amount: Pence,
    basis: Basis,
    explanation: String,
}

impl AllocationLine {
    pub(crate) fn new(recipient: OdsCode, amount: Pence, basis: Basis, explanation: String) -> Self {
        Self { recipient, amount, basis, explanation }
    }
    pub fn recipient(&self) -> &OdsCode {
        &self.recipient
    }
    pub fn amount(&self) -> Pence {
        self.amount
    }
    pub fn basis(&self) -> &Basis {
        &self.basis
    }
    /// The line's arithmetic in words, for a finance lead.
    pub fn explanation(&self) -> &str {
        &self.explanation
    }
}

/// A recipient given nothing from the pot, and why (e.g. no published peer review).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Exclusion {
    pub recipient: OdsCode,
    pub reason: String,
}

/// A pot divided by one principle. Its lines and what is left unallocated always add up to the
/// pot exactly (fair shares and levelling up leave nothing unallocated while anyone has a weight;
/// strategic investment leaves what no investment asked for).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Allocation {
    principle: Principle,
    pot: Pence,
    lines: Vec<AllocationLine>,
    excluded: Vec<Exclusion>,
    unallocated: Pence,
}

impl Allocation {
    /// Refuses lines that add up to more than the pot; what they leave is `unallocated`.
    pub(crate) fn new(
        principle: Principle,
        pot: Pence,
        lines: Vec<AllocationLine>,
        mut excluded: Vec<Exclusion>,
    ) -> Result<Self, AllocationError> {
        let allocated =
            Pence::sum(lines.iter().map(AllocationLine::amount)).ok_or(AllocationError::Overflow)?;
        let unallocated = pot.checked_sub(allocated).ok_or(AllocationError::Overflow)?;
        excluded.sort_by(|a, b| a.recipient.cmp(&b.recipient));
        Ok(Self { principle, pot, lines, excluded, unallocated })
    }
    pub fn principle(&self) -> Principle {
        self.principle
    }
    pub fn pot(&self) -> Pence {
        self.pot
    }
    pub fn lines(&self) -> &[AllocationLine] {
        &self.lines
    }
    pub fn excluded(&self) -> &[Exclusion] {
        &self.excluded
    }
    /// What no line took: zero unless nobody qualified, or strategic investments asked for less.
    pub fn unallocated(&self) -> Pence {
        self.unallocated
    }
    /// The total for one recipient, over all its lines.
    pub fn amount_for(&self, recipient: &OdsCode) -> Pence {
        Pence::new(
            self.lines.iter().filter(|line| &line.recipient == recipient).map(|line| line.amount.get()).sum(),
        )
    }
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    /// A small deterministic pseudo-random generator (SplitMix64) for property tests without a
    /// dependency: the same cases every run.
    pub(crate) struct Cases(u64);

    impl Cases {
        pub(crate) fn new(seed: u64) -> Self {
            Self(seed)
        }
        pub(crate) fn next(&mut self) -> u64 {
            self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
            let mut z = self.0;
            z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
            z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
            z ^ (z >> 31)
        }
        /// A number from 0 to `below - 1`.
        pub(crate) fn below(&mut self, below: u64) -> u64 {
            self.next() % below
        }
        /// Shuffles in place (Fisher–Yates).
        pub(crate) fn shuffle<T>(&mut self, items: &mut [T]) {
            for index in (1..items.len()).rev() {
                let other = self.below(index as u64 + 1) as usize;
                items.swap(index, other);
            }
        }
    }

    pub(crate) fn code(value: &str) -> OdsCode {
        OdsCode::parse(value).unwrap()
    }

    #[test]
    fn ten_pounds_in_thirds_gives_the_odd_penny_to_the_first_ods_code() {
        // 1,000p × 1 ÷ 3 = 333⅓p each: floors 333 + 333 + 333 = 999, one penny left over.
        // All three remainders are 1/3, so the tie goes to the first ODS code, RAA.
        let shares =
            largest_remainder(Pence::new(1_000), &[(code("RCC"), 1), (code("RAA"), 1), (code("RBB"), 1)])
                .unwrap();
        let amounts: Vec<(String, u64)> =
            shares.iter().map(|(key, share)| (key.to_string(), share.amount().get())).collect();
        assert_eq!(amounts, [("RAA".into(), 334), ("RBB".into(), 333), ("RCC".into(), 333)]);
        assert_eq!(shares[0].1.remainder, 1);
        assert_eq!(shares[0].1.denominator, 3);
    }

    #[test]
    fn the_leftover_pennies_go_to_the_largest_remainders_not_the_largest_shares() {
        // 100p by weights 5, 3, 2 (W = 10) is exact; by 6, 3, 2 (W = 11):
        //   RAA 100 × 6 ÷ 11 = 600/11 = 54 r 6
        //   RBB 100 × 3 ÷ 11 = 300/11 = 27 r 3
        //   RCC 100 × 2 ÷ 11 = 200/11 = 18 r 2
        // floors 54 + 27 + 18 = 99, one penny left: to RAA (remainder 6 is largest) → 55, 27, 18.
        let shares =
            largest_remainder(Pence::new(100), &[(code("RCC"), 2), (code("RBB"), 3), (code("RAA"), 6)])
                .unwrap();
        let amounts: Vec<u64> = shares.iter().map(|(_, share)| share.amount().get()).collect();
        assert_eq!(amounts, [55, 27, 18]);
        // Weights 1, 1, 5 (W = 7) of 100p: 100/7 = 14 r 2 (RAA, RBB), 500/7 = 71 r 3 (RZZ).
        // floors 14 + 14 + 71 = 99: the penny goes to RZZ (remainder 3), not to RAA by code.
        let shares =
            largest_remainder(Pence::new(100), &[(code("RAA"), 1), (code("RBB"), 1), (code("RZZ"), 5)])
                .unwrap();
        let amounts: Vec<u64> = shares.iter().map(|(_, share)| share.amount().get()).collect();
        assert_eq!(amounts, [14, 14, 72]);
        assert_eq!(
            shares[2].1.in_words(Pence::new(100)),
            "£1.00 × 5 ÷ 7 = 500 ÷ 7 pence: 71p rounded down with 3/7 of a penny over; gets a leftover penny (largest remainders first, ties by ODS code) → £0.72"
        );
    }

    #[test]
    fn nothing_to_divide_by_and_duplicates_are_refused() {
        assert_eq!(largest_remainder::<OdsCode>(Pence::new(1), &[]), Err(AllocationError::NoRecipients));
        assert_eq!(largest_remainder(Pence::new(1), &[(code("RAA"), 0)]), Err(AllocationError::NoWeight));
        assert_eq!(
            largest_remainder(Pence::new(1), &[(code("RAA"), 1), (code("RAA"), 2)]),
            Err(AllocationError::Duplicate("RAA".into()))
        );
    }

    #[test]
    fn any_pot_and_weights_add_up_exactly_within_a_penny_of_the_exact_share_in_any_order() {
        let mut cases = Cases::new(19);
        for _ in 0..500 {
            let pot = Pence::new(match cases.below(3) {
                0 => cases.below(20),
                1 => cases.below(1_000_000),
                _ => cases.next() >> 1,
            });
            let count = 1 + cases.below(12) as usize;
            let mut weights: Vec<(u32, u64)> = (0..count as u32)
                .map(|key| {
                    let shift = cases.below(64);
                    (key, if cases.below(4) == 0 { 0 } else { cases.below(u64::MAX >> shift) })
                })
                .collect();
            if weights.iter().all(|(_, weight)| *weight == 0) {
                weights[0].1 = 1;
            }
            let shares = largest_remainder(pot, &weights).unwrap();
            let total: u128 = shares.iter().map(|(_, share)| u128::from(share.amount().get())).sum();
            assert_eq!(total, u128::from(pot.get()), "exact to the penny");
            for (_, share) in &shares {
                // |amount × W − P × w| < W: within a penny of the exact share.
                let scaled = u128::from(share.amount().get()) * share.denominator;
                assert!(scaled.abs_diff(share.numerator) < share.denominator);
            }
            let mut shuffled = weights.clone();
            cases.shuffle(&mut shuffled);
            assert_eq!(largest_remainder(pot, &shuffled).unwrap(), shares, "the input order never matters");
        }
    }
}
