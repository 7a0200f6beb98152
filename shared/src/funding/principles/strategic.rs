//! Strategic investment: a ranked list of named investments, funded in rank order until the pot
//! runs out.
//!
//! # The rule
//!
//! Investments are taken in order of rank (1 first); investments of equal rank in order of their
//! recipient's ODS code, then name. Each is funded in full while the pot has enough. The first one
//! that does not fit is **partly funded** with whatever is left, and says so; every investment after
//! it gets nothing ("the pot ran out"). Partly funding rather than skipping keeps to the ranking: a
//! smaller, lower-ranked investment never overtakes a higher-ranked one, and whoever ranked them
//! can see exactly how far the pot went. If the investments ask for less than the pot, the rest is
//! left unallocated.

use crate::funding::allocation::{Allocation, AllocationError, AllocationLine, Basis};
use crate::funding::money::Pence;
use crate::funding::principles::Principle;
use crate::organisation::OdsCode;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// A named investment, ranked against the others in the pot.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Investment {
    /// 1 is funded first.
    pub rank: u32,
    pub name: String,
    pub recipient: OdsCode,
    /// What it costs in full.
    pub cost: Pence,
}

/// How much of an investment's cost the pot met.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Funded {
    Full,
    /// The pot ran out part way through it.
    Partly,
    /// The pot had run out before it.
    Not,
}

/// A strategic-investment line's inputs and arithmetic.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct StrategicBasis {
    pub rank: u32,
    pub investment: String,
    pub cost: Pence,
    /// What was left in the pot when its turn came.
    pub available: Pence,
    pub funded: Funded,
}

/// Funds `investments` in rank order from `pot` (see the module's rule). Lines are in the order
/// they were funded.
pub fn allocate(pot: Pence, investments: &[Investment]) -> Result<Allocation, AllocationError> {
    if investments.is_empty() {
        return Err(AllocationError::NoRecipients);
    }
    let mut ordered: Vec<&Investment> = investments.iter().collect();
    ordered.sort_by(|a, b| (a.rank, &a.recipient, &a.name).cmp(&(b.rank, &b.recipient, &b.name)));
    let mut seen = BTreeSet::new();
    for investment in &ordered {
        if !seen.insert((&investment.recipient, investment.name.trim())) {
            return Err(AllocationError::Duplicate(format!(
                "{} for {}",
                investment.name.trim(),
                investment.recipient
            )));
        }
    }
    let mut left = pot;
    let lines = ordered
        .into_iter()
        .map(|investment| {
            let available = left;
            let amount = investment.cost.min(available);
            left = available.checked_sub(amount).expect("never more than is left");
            let funded = match amount {
                amount if amount == investment.cost => Funded::Full,
                Pence::ZERO => Funded::Not,
                _ => Funded::Partly,
            };
            let outcome = match funded {
                Funded::Full => format!("funded in full, leaving {left}"),
                Funded::Partly => format!(
                    "partly funded with the {available} left, {} short; the pot is now spent",
                    investment.cost.checked_sub(amount).unwrap_or_default()
                ),
                Funded::Not => "not funded: the pot ran out before its turn".to_owned(),
            };
            let explanation = format!(
                "{}: rank {} “{}” costs {}; {available} left at its turn; {outcome} → {amount}",
                investment.recipient,
                investment.rank,
                investment.name.trim(),
                investment.cost,
            );
            let basis = Basis::StrategicInvestment(StrategicBasis {
                rank: investment.rank,
                investment: investment.name.trim().to_owned(),
                cost: investment.cost,
                available,
                funded,
            });
            AllocationLine::new(investment.recipient.clone(), amount, basis, explanation)
        })
        .collect();
    Allocation::new(Principle::StrategicInvestment, pot, lines, Vec::new())
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funding::allocation::tests::{Cases, code};

    fn investment(rank: u32, name: &str, recipient: &str, cost: u64) -> Investment {
        Investment { rank, name: name.into(), recipient: code(recipient), cost: Pence::new(cost) }
    }

    fn funded(allocation: &Allocation) -> Vec<(String, u64, Funded)> {
        allocation
            .lines()
            .iter()
            .map(|line| match line.basis() {
                Basis::StrategicInvestment(basis) => {
                    (line.recipient().to_string(), line.amount().get(), basis.funded)
                }
                _ => unreachable!(),
            })
            .collect()
    }

    #[test]
    fn a_worked_example_in_rank_order_ties_by_ods_code_and_the_first_that_does_not_fit_partly_funded() {
        // Pot £1,000.00 = 100,000p.
        //   rank 1 RAA EPR replacement 60,000p: in full, 40,000 left
        //   rank 2 RBB Cyber operations 25,000p (ties with RCC, RBB's code first): in full, 15,000 left
        //   rank 2 RCC Imaging network 30,000p: partly, with the 15,000 left; 0 left
        //   rank 3 RDD Pilot 5,000p: not funded
        // 60,000 + 25,000 + 15,000 + 0 = 100,000.
        let investments = [
            investment(3, "Pilot", "RDD", 5_000),
            investment(2, "Imaging network", "RCC", 30_000),
            investment(1, "EPR replacement", "RAA", 60_000),
            investment(2, "Cyber operations", "RBB", 25_000),
        ];
        let allocation = allocate(Pence::new(100_000), &investments).unwrap();
        assert_eq!(
            funded(&allocation),
            [
                ("RAA".into(), 60_000, Funded::Full),
                ("RBB".into(), 25_000, Funded::Full),
                ("RCC".into(), 15_000, Funded::Partly),
                ("RDD".into(), 0, Funded::Not),
            ]
        );
        assert_eq!(allocation.unallocated(), Pence::ZERO);
        assert_eq!(
            allocation.lines()[2].explanation(),
            "RCC: rank 2 “Imaging network” costs £300.00; £150.00 left at its turn; partly funded with the £150.00 left, £150.00 short; the pot is now spent → £150.00"
        );
        assert_eq!(
            allocation.lines()[3].explanation(),
            "RDD: rank 3 “Pilot” costs £50.00; £0.00 left at its turn; not funded: the pot ran out before its turn → £0.00"
        );
    }

    #[test]
    fn a_smaller_later_investment_does_not_overtake_one_partly_funded() {
        // Pot 100p: rank 1 costs 150p (partly, 100p), rank 2 costs 10p (nothing, though it would fit alone).
        let allocation =
            allocate(Pence::new(100), &[investment(2, "Small", "RAA", 10), investment(1, "Big", "RBB", 150)])
                .unwrap();
        assert_eq!(
            funded(&allocation),
            [("RBB".into(), 100, Funded::Partly), ("RAA".into(), 0, Funded::Not)]
        );
    }

    #[test]
    fn what_no_investment_asked_for_is_left_unallocated() {
        let allocation =
            allocate(Pence::new(1_000), &[investment(1, "A", "RAA", 300), investment(1, "B", "RAA", 200)])
                .unwrap();
        assert_eq!(allocation.unallocated(), Pence::new(500));
        assert_eq!(allocation.amount_for(&code("RAA")), Pence::new(500));
        assert_eq!(
            allocate(Pence::new(1), &[investment(1, "A", "RAA", 3), investment(2, " A ", "RAA", 3)]),
            Err(AllocationError::Duplicate("A for RAA".into()))
        );
    }

    #[test]
    fn strategic_allocations_are_exact_ranked_and_order_free() {
        let mut cases = Cases::new(7);
        for _ in 0..300 {
            let mut investments: Vec<Investment> = (0..1 + cases.below(10))
                .map(|index| {
                    investment(
                        1 + cases.below(4) as u32,
                        &format!("I{index}"),
                        &format!("R{:02}", cases.below(5)),
                        cases.below(10_000),
                    )
                })
                .collect();
            let pot = Pence::new(cases.below(30_000));
            let allocation = allocate(pot, &investments).unwrap();
            let allocated: u64 = allocation.lines().iter().map(|line| line.amount().get()).sum();
            let asked: u64 = investments.iter().map(|i| i.cost.get()).sum();
            assert_eq!(allocated + allocation.unallocated().get(), pot.get());
            assert_eq!(allocated, asked.min(pot.get()));
            let states: Vec<Funded> = funded(&allocation).into_iter().map(|(_, _, state)| state).collect();
            // Full …, at most one Partly, then Not … (zero-cost investments are always in full).
            let first_short = states.iter().position(|state| *state != Funded::Full).unwrap_or(states.len());
            assert!(
                states[first_short..].iter().skip(1).all(|state| matches!(state, Funded::Not | Funded::Full))
            );
            cases.shuffle(&mut investments);
            assert_eq!(allocate(pot, &investments).unwrap(), allocation);
        }
    }
}
