//! Fair shares: a pot divided pro rata to each recipient's weighted population (population
//! adjusted for need, as CCG allocations are), by the largest remainder method.

use crate::funding::allocation::{
    Allocation, AllocationError, AllocationLine, Basis, ShareWorking, group, largest_remainder,
};
use crate::funding::money::Pence;
use crate::funding::principles::Principle;
use crate::organisation::OdsCode;
use crate::period::Period;
use serde::{Deserialize, Serialize};

/// One recipient's weighted population, and where the figure comes from, so the allocation can
/// cite it. A weighted population of zero is allowed (that recipient gets nothing).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct WeightedPopulation {
    pub recipient: OdsCode,
    pub weighted_population: u64,
    /// Where the figure comes from, e.g. "NHS England 2022/23 ICB allocations, weighted population".
    pub source: String,
    /// The year the figure is for.
    pub year: Period,
}

/// A fair-shares line's inputs and arithmetic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct FairSharesBasis {
    pub weighted_population: u64,
    pub source: String,
    pub year: Period,
    pub share: ShareWorking,
}

/// Divides `pot` pro rata to weighted population: each recipient gets
/// `pot × its weighted population ÷ the total`, rounded by the largest remainder method.
pub fn allocate(pot: Pence, populations: &[WeightedPopulation]) -> Result<Allocation, AllocationError> {
    let weights: Vec<(OdsCode, u64)> =
        populations.iter().map(|entry| (entry.recipient.clone(), entry.weighted_population)).collect();
    let shares = largest_remainder(pot, &weights)?;
    let lines = shares
        .into_iter()
        .map(|(recipient, share)| {
            let entry =
                populations.iter().find(|entry| entry.recipient == recipient).expect("a recipient given");
            let explanation = format!(
                "{recipient}: weighted population {} ({}, {}) of {} in all. {}",
                group(u128::from(entry.weighted_population)),
                entry.source,
                entry.year,
                group(share.denominator),
                share.in_words(pot)
            );
            let basis = Basis::FairShares(FairSharesBasis {
                weighted_population: entry.weighted_population,
                source: entry.source.clone(),
                year: entry.year.clone(),
                share: share.clone(),
            });
            AllocationLine::new(recipient, share.amount(), basis, explanation)
        })
        .collect();
    Allocation::new(Principle::FairShares, pot, lines, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funding::allocation::tests::{Cases, code};

    fn population(recipient: &str, weighted_population: u64) -> WeightedPopulation {
        WeightedPopulation {
            recipient: code(recipient),
            weighted_population,
            source: "test figures".into(),
            year: Period::parse("2022/23").unwrap(),
        }
    }

    #[test]
    fn a_worked_example_three_icss_share_one_million_pounds() {
        // Pot £1,000,000.00 = 100,000,000p. Weighted populations (total 3,000,000):
        //   QWO 1,500,000: 100,000,000 × 1,500,000 ÷ 3,000,000 = 50,000,000p exactly
        //   QOP 1,000,001: 100,000,000,100,000 ÷ 3,000,000 = 33,333,366p r 2,000,000 (⅔p)
        //   QHM   499,999:  49,999,900,000,000 ÷ 3,000,000 = 16,666,633p r 1,000,000 (⅓p)
        // Floors: 50,000,000 + 33,333,366 + 16,666,633 = 99,999,999: one penny left over, to QOP
        // (⅔ is the largest remainder). So: QHM £166,666.33, QOP £333,333.67, QWO £500,000.00.
        let pot = Pence::new(100_000_000);
        let allocation = allocate(
            pot,
            &[population("QWO", 1_500_000), population("QOP", 1_000_001), population("QHM", 499_999)],
        )
        .unwrap();
        let amounts: Vec<(String, String)> = allocation
            .lines()
            .iter()
            .map(|line| (line.recipient().to_string(), line.amount().to_string()))
            .collect();
        assert_eq!(
            amounts,
            [
                ("QHM".into(), "£166,666.33".into()),
                ("QOP".into(), "£333,333.67".into()),
                ("QWO".into(), "£500,000.00".into())
            ]
        );
        assert_eq!(allocation.unallocated(), Pence::ZERO);
        assert_eq!(
            allocation.lines()[1].explanation(),
            "QOP: weighted population 1,000,001 (test figures, 2022/23) of 3,000,000 in all. \
             £1,000,000.00 × 1,000,001 ÷ 3,000,000 = 100,000,100,000,000 ÷ 3,000,000 pence: 33,333,366p rounded down \
             with 2,000,000/3,000,000 of a penny over; gets a leftover penny (largest remainders first, ties by ODS code) → £333,333.67"
        );
        let Basis::FairShares(basis) = allocation.lines()[1].basis() else { panic!("fair shares") };
        assert_eq!(
            (basis.share.floor, basis.share.remainder, basis.share.remainder_penny),
            (Pence::new(33_333_366), 2_000_000, true)
        );
    }

    #[test]
    fn equal_populations_give_the_odd_pennies_by_ods_code() {
        // 200p between three equal populations: 66⅔p each; floors 198, two pennies over, to the
        // first two ODS codes: QAA 67, QBB 67, QCC 66. Swapping the codes' order changes nothing.
        let allocation =
            allocate(Pence::new(200), &[population("QCC", 7), population("QAA", 7), population("QBB", 7)])
                .unwrap();
        assert_eq!(allocation.amount_for(&code("QAA")), Pence::new(67));
        assert_eq!(allocation.amount_for(&code("QBB")), Pence::new(67));
        assert_eq!(allocation.amount_for(&code("QCC")), Pence::new(66));
    }

    #[test]
    fn fair_shares_are_exact_proportional_within_a_penny_and_order_free() {
        let mut cases = Cases::new(2021);
        for _ in 0..300 {
            let pot = Pence::new(cases.below(10_000_000_000));
            let mut populations: Vec<WeightedPopulation> = (0..1 + cases.below(9))
                .map(|index| population(&format!("Q{index:02}"), 1 + cases.below(3_000_000)))
                .collect();
            let allocation = allocate(pot, &populations).unwrap();
            let total: u64 = allocation.lines().iter().map(|line| line.amount().get()).sum();
            assert_eq!(total, pot.get());
            let all: u128 = populations.iter().map(|p| u128::from(p.weighted_population)).sum();
            for line in allocation.lines() {
                let weight = populations
                    .iter()
                    .find(|p| &p.recipient == line.recipient())
                    .unwrap()
                    .weighted_population;
                let exact_times_all = u128::from(pot.get()) * u128::from(weight);
                assert!((u128::from(line.amount().get()) * all).abs_diff(exact_times_all) < all);
            }
            // A larger population never gets less.
            for a in allocation.lines() {
                for b in allocation.lines() {
                    let weight = |line: &AllocationLine| {
                        populations
                            .iter()
                            .find(|p| &p.recipient == line.recipient())
                            .unwrap()
                            .weighted_population
                    };
                    if weight(a) > weight(b) {
                        assert!(a.amount() >= b.amount());
                    }
                }
            }
            cases.shuffle(&mut populations);
            assert_eq!(allocate(pot, &populations).unwrap(), allocation);
        }
    }

    #[test]
    fn the_input_refuses_unknown_fields() {
        let json = r#"{"recipient":"QWO","weightedPopulation":5,"source":"x","year":"2022/23"}"#;
        assert!(serde_json::from_str::<WeightedPopulation>(json).is_ok());
        let json = r#"{"recipient":"QWO","weightedPopulation":5,"source":"x","year":"2022/23","bonus":1}"#;
        assert!(serde_json::from_str::<WeightedPopulation>(json).is_err());
    }
}
