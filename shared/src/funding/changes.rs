//! Net-neutral changes to an ICS's default allocation ("Who Pays for What?": default allocations
//! by provider and programme are shared with the system, which may agree net-neutral changes).
//!
//! A change is a set of signed moves on existing lines. It is accepted only if the moves add up to
//! exactly £0.00 (so the ICS total is preserved), touch each line at most once, move something,
//! and leave no line below £0.00. Every breach is reported at once against the field it concerns.

use super::envelopes::{LineKey, SystemAllocation};
use super::fund::FundId;
use super::money::signed;
use crate::Validated;
use crate::organisation::OdsCode;
use crate::validation::{self, Errors};
use serde::{Deserialize, Serialize};

pub const REASON_MAX: usize = 2_000;

/// One move as the form sends it: `pence` added to (positive) or taken from (negative) a line.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct LineMove {
    pub provider: String,
    pub programme: String,
    pub pence: i64,
}

/// A proposed net-neutral change, as the form sends it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProposedChange {
    pub moves: Vec<LineMove>,
    /// Why the system agreed it.
    pub reason: String,
}

/// A change checked against the allocation it changes: net-neutral, no line below zero.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct NetNeutralChange {
    ics: OdsCode,
    /// The version of the allocation the change was checked against: it may be applied to that
    /// version only, since another change may have moved the money it moves.
    checked_on: u64,
    moves: Vec<(LineKey, i64)>,
    reason: String,
    result: SystemAllocation,
}

impl NetNeutralChange {
    pub fn moves(&self) -> &[(LineKey, i64)] {
        &self.moves
    }
    pub fn reason(&self) -> &str {
        &self.reason
    }
    /// The allocation as it will be, for showing before approval.
    pub fn preview(&self) -> &SystemAllocation {
        &self.result
    }
    /// The version of the allocation it was checked against.
    pub fn checked_on(&self) -> u64 {
        self.checked_on
    }
    /// The approved change applied to the allocation at `current` (its version now): the new
    /// allocation, with the same ICS total; refused when the allocation has moved on since the
    /// change was checked.
    pub fn apply(self, current: u64) -> Result<SystemAllocation, MovedOn> {
        if current == self.checked_on {
            Ok(self.result)
        } else {
            Err(MovedOn { checked_on: self.checked_on, current })
        }
    }
}

/// A change checked against one version of an allocation, offered to another.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error(
    "The allocation has changed since this change was checked (version {checked_on}, now {current}): propose it again against the allocation as it is now"
)]
pub struct MovedOn {
    pub checked_on: u64,
    pub current: u64,
}

impl ProposedChange {
    /// Checks the moves against `allocation` at `version`; the change can then be applied to that
    /// version only ([`NetNeutralChange::apply`]).
    pub fn validate(&self, allocation: &SystemAllocation, version: u64) -> Validated<NetNeutralChange> {
        let mut errors = Errors::default();
        let reason = errors
            .check("reason", validation::text(&self.reason, "why the change was agreed", true, REASON_MAX));
        if self.moves.is_empty() {
            errors.add("moves", "Add at least one move between lines");
        }
        let mut moves: Vec<(LineKey, i64)> = Vec::with_capacity(self.moves.len());
        for (index, proposed) in self.moves.iter().enumerate() {
            let field = |name: &str| format!("moves[{index}].{name}");
            let provider = errors.check(&field("provider"), OdsCode::parse(&proposed.provider));
            let programme = errors.check(&field("programme"), FundId::parse(&proposed.programme));
            if proposed.pence == 0 {
                errors.add(&field("pence"), "Enter an amount to move, other than £0.00");
            }
            let (Some(provider), Some(programme)) = (provider, programme) else { continue };
            let key = LineKey { provider, programme };
            let Some(line) = allocation.line(&key) else {
                errors.add(
                    &format!("moves[{index}]"),
                    format!("{} {} allocation has no {key}", allocation.ics(), allocation.period()),
                );
                continue;
            };
            if moves.iter().any(|(seen, _)| seen == &key) {
                errors.add(
                    &format!("moves[{index}]"),
                    format!("{key} is moved more than once: combine the moves"),
                );
                continue;
            }
            if line.amount().checked_add_signed(proposed.pence).is_none() {
                let left = i128::from(line.amount().get()) + i128::from(proposed.pence);
                errors.add(
                    &field("pence"),
                    format!(
                        "{key} has {}: moving {} would leave it at {}, and no line may go below £0.00",
                        line.amount(),
                        signed(proposed.pence),
                        signed(i64::try_from(left).unwrap_or(i64::MIN))
                    ),
                );
            }
            moves.push((key, proposed.pence));
        }
        let net: i128 = self.moves.iter().map(|proposed| i128::from(proposed.pence)).sum();
        if net != 0 && !self.moves.is_empty() {
            let net = i64::try_from(net).map_or_else(|_| "more than can be held".to_owned(), signed);
            errors.add(
                "moves",
                format!(
                    "The moves add up to {net}: they must add up to £0.00, so {}’s total stays {}",
                    allocation.ics(),
                    allocation.total()
                ),
            );
        }
        if !errors.is_empty() {
            return Err(errors.into_vec());
        }
        let result = allocation.moved(&moves).ok_or_else(|| {
            vec![crate::FieldError::new("moves", "The moves could not be applied: check each line’s amount")]
        })?;
        moves.sort_by(|a, b| a.0.cmp(&b.0));
        Ok(NetNeutralChange {
            ics: allocation.ics().clone(),
            checked_on: version,
            moves,
            reason: reason.unwrap_or_default(),
            result,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funding::allocation::tests::Cases;
    use crate::funding::envelopes::tests::qwo;

    fn move_(provider: &str, programme: &str, pence: i64) -> LineMove {
        LineMove { provider: provider.into(), programme: programme.into(), pence }
    }

    fn change(moves: Vec<LineMove>) -> ProposedChange {
        ProposedChange { moves, reason: "Agreed at the ICB digital board".into() }
    }

    fn amounts(allocation: &SystemAllocation) -> Vec<u64> {
        allocation.lines().iter().map(|line| line.amount().get()).collect()
    }

    #[test]
    fn an_approved_net_neutral_change_moves_money_and_keeps_the_total() {
        // QWO: RAE cyber 1,667, RAE scr 1,667, RR8 cyber 1,666, RR8 scr 5,000 (total 10,000).
        // Move 1,000 from RR8 scr to RAE cyber and 500 from RR8 scr to RR8 cyber:
        // 2,667 + 1,667 + 2,166 + 3,500 = 10,000.
        let before = qwo();
        let valid = change(vec![
            move_("rr8", "scr", -1_500),
            move_("RAE", "cyber", 1_000),
            move_("RR8", "cyber", 500),
        ])
        .validate(&before, 1)
        .unwrap();
        let after = valid.apply(1).unwrap();
        assert_eq!(amounts(&after), [2_667, 1_667, 2_166, 3_500]);
        assert_eq!(after.total(), before.total());
        assert!(after.lines()[0].default_working().is_none(), "a moved line is no longer the default");
        assert!(after.lines()[1].default_working().is_some());
    }

    #[test]
    fn a_change_applies_only_to_the_version_it_was_checked_on() {
        let valid =
            change(vec![move_("RR8", "scr", -100), move_("RAE", "cyber", 100)]).validate(&qwo(), 3).unwrap();
        assert_eq!(valid.checked_on(), 3);
        assert_eq!(valid.clone().apply(4), Err(MovedOn { checked_on: 3, current: 4 }));
        assert!(valid.apply(3).is_ok());
    }

    #[test]
    fn a_change_that_is_not_net_neutral_or_takes_a_line_below_zero_is_refused_field_by_field() {
        let errors = change(vec![move_("RR8", "cyber", -2_000), move_("RAE", "cyber", 1_000)])
            .validate(&qwo(), 1)
            .unwrap_err();
        let errors: Vec<(String, String)> = errors.into_iter().map(|e| (e.field, e.message)).collect();
        assert_eq!(
            errors,
            [
                (
                    "moves[0].pence".into(),
                    "RR8’s cyber line has £16.66: moving −£20.00 would leave it at −£3.34, and no line may go below £0.00".into()
                ),
                ("moves".into(), "The moves add up to −£10.00: they must add up to £0.00, so QWO’s total stays £100.00".into()),
            ]
        );
    }

    #[test]
    fn unknown_duplicate_empty_and_zero_moves_are_refused() {
        let proposed = ProposedChange {
            moves: vec![
                move_("RR8", "scr", 100),
                move_("RR8", "scr", -100),
                move_("RXX", "scr", 0),
                move_("R", "Bad Id", 5),
            ],
            reason: " ".into(),
        };
        let fields: Vec<String> =
            proposed.validate(&qwo(), 1).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(
            fields,
            [
                "reason",
                "moves[1]",
                "moves[2].pence",
                "moves[2]",
                "moves[3].provider",
                "moves[3].programme",
                "moves"
            ]
        );
        let none = change(vec![]).validate(&qwo(), 1).unwrap_err();
        assert_eq!(
            (none[0].field.as_str(), none[0].message.as_str()),
            ("moves", "Add at least one move between lines")
        );
        let json = r#"{"moves":[],"reason":"x","approvedBy":"me"}"#;
        assert!(serde_json::from_str::<ProposedChange>(json).is_err());
    }

    #[test]
    fn any_accepted_change_preserves_the_ics_total_and_leaves_no_line_negative() {
        let mut cases = Cases::new(24);
        let before = qwo();
        let keys: Vec<(&str, &str)> =
            vec![("RAE", "cyber"), ("RAE", "scr"), ("RR8", "cyber"), ("RR8", "scr")];
        let mut accepted = 0;
        for _ in 0..500 {
            let mut moves: Vec<LineMove> = Vec::new();
            for (provider, programme) in &keys {
                if cases.below(2) == 0 {
                    moves.push(move_(provider, programme, cases.below(6_000) as i64 - 3_000));
                }
            }
            // Make most proposals net-neutral by settling the balance on one line.
            if cases.below(4) != 0 && !moves.is_empty() {
                let others: i64 = moves[1..].iter().map(|m| m.pence).sum();
                moves[0].pence = -others;
            }
            if let Ok(valid) = change(moves.clone()).validate(&before, 1) {
                accepted += 1;
                let net: i64 = moves.iter().map(|m| m.pence).sum();
                assert_eq!(net, 0);
                let after = valid.apply(1).unwrap();
                assert_eq!(after.total(), before.total());
                let sum: u64 = amounts(&after).iter().sum();
                assert_eq!(sum, before.total().get());
            }
        }
        assert!(accepted > 50, "the cases exercise accepted changes too ({accepted})");
    }
}
