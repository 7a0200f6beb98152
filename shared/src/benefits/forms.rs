//! What a person types to add a benefit to a funded item, or to record a value realised: raw
//! text, read into typed values with every mistake named by its field, saying what to fix.

use super::{Benefit, BenefitKind, Figure, FundedBy, FundedItem, Realised, Unit};
use crate::Validated;
use crate::bids::Bid;
use crate::date::Date;
use crate::funding::FundId;
use crate::ids::{ActionId, BenefitId, BidId};
use crate::organisation::Organisation;
use crate::period::Period;
use crate::timestamp::Timestamp;
use crate::validation::{self, Errors};
use serde::{Deserialize, Serialize};

/// The longest description of a benefit, in characters.
pub const DESCRIPTION_MAX: usize = 1_000;
/// The longest note on a value realised, in characters: where the figure comes from (bounded so
/// that a benefit's every value fits its one item: see `REALISED_MAX`).
pub const NOTE_MAX: usize = 200;

/// The funded item a new benefit is for, as typed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "source", rename_all = "kebab-case", deny_unknown_fields)]
pub enum FundedByRequest {
    /// An approved (or partly approved) bid of the organisation's.
    Bid {
        #[cfg_attr(feature = "openapi", schema(value_type = BidId))]
        bid: String,
    },
    /// The organisation's line of a fund's allocation for a year.
    Allocation {
        #[cfg_attr(feature = "openapi", schema(value_type = Period))]
        period: String,
        #[cfg_attr(feature = "openapi", schema(value_type = FundId))]
        fund: String,
    },
}

impl FundedByRequest {
    /// A form's choice of funded item ([`FundedBy::key`]) read back.
    pub fn from_key(key: &str) -> Result<Self, String> {
        let choose = || "Choose the funded item the benefit comes from".to_owned();
        match key.trim().split(':').collect::<Vec<_>>()[..] {
            ["bid", bid] => Ok(FundedByRequest::Bid { bid: bid.to_owned() }),
            ["allocation", period, fund] => {
                Ok(FundedByRequest::Allocation { period: period.to_owned(), fund: fund.to_owned() })
            }
            _ => Err(choose()),
        }
    }

    /// The bid it names, if it names one well formed (what the service reads to check it).
    pub fn bid(&self) -> Option<BidId> {
        match self {
            FundedByRequest::Bid { bid } => BidId::parse(bid).ok(),
            FundedByRequest::Allocation { .. } => None,
        }
    }

    /// The year and fund it names, if well formed.
    pub fn allocation(&self) -> Option<(Period, FundId)> {
        match self {
            FundedByRequest::Allocation { period, fund } => {
                Some((Period::parse(period).ok()?, FundId::parse(fund).ok()?))
            }
            FundedByRequest::Bid { .. } => None,
        }
    }

    /// The funded item it names among the organisation's bids (whatever their status) and
    /// allocation lines, or why it is none.
    pub fn find(&self, bids: &[Bid], allocations: &[FundedItem]) -> Result<FundedItem, String> {
        match self {
            FundedByRequest::Bid { bid } => {
                let id = BidId::parse(bid)?;
                let bid = bids
                    .iter()
                    .find(|candidate| candidate.id == id)
                    .ok_or_else(|| format!("There is no bid “{id}” of this organisation’s"))?;
                FundedItem::of_bid(bid)
            }
            FundedByRequest::Allocation { period, fund } => {
                let period = Period::parse(period)?;
                let fund = FundId::parse(fund)?;
                let wanted = FundedBy::Allocation { period: period.clone(), fund: fund.clone() };
                allocations.iter().find(|item| item.funded_by == wanted).cloned().ok_or_else(|| {
                    format!("The {fund} fund’s allocation for {period} gives this organisation nothing")
                })
            }
        }
    }
}

/// A new benefit of a funded item, as typed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewBenefit {
    pub funded_by: FundedByRequest,
    /// What will be better, in words.
    #[serde(default)]
    pub description: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = super::BenefitKind))]
    pub kind: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Unit))]
    pub unit: String,
    /// Where it is now, in the unit: `£1,000,000`, `1%`, `120`.
    #[serde(default)]
    pub baseline: String,
    /// Where it should get to, in the unit.
    #[serde(default)]
    pub target: String,
    /// When the target is due: `YYYY-MM-DD`.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub due: String,
    /// Ids of the organisation's actions it addresses. Left out, a bid's benefit addresses the
    /// bid's own actions (and an allocation line's, none).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actions: Option<Vec<String>>,
}

/// A new benefit that passed every rule, with the funded item it is for.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidBenefit {
    pub funded: FundedItem,
    pub description: String,
    pub kind: BenefitKind,
    pub unit: Unit,
    pub baseline: Figure,
    pub target: Figure,
    pub due: Date,
    pub actions: Vec<ActionId>,
}

fn figure(unit: Option<Unit>, typed: &str, what: &str) -> Result<Option<Figure>, String> {
    if typed.trim().is_empty() {
        return Err(format!("Enter {what}"));
    }
    unit.map(|unit| unit.read(typed)).transpose()
}

impl NewBenefit {
    /// The benefit as typed, for `funded` (the funded item it names, or why it names none),
    /// linking only `actions` (the organisation's own), or every mistake by its field.
    pub fn validate(
        &self,
        funded: Result<FundedItem, String>,
        actions: &[ActionId],
        organisation: &str,
    ) -> Validated<ValidBenefit> {
        let mut errors = Errors::default();
        let funded = errors.check("fundedBy", funded);
        let description = errors.check(
            "description",
            validation::text(&self.description, "what the benefit is", true, DESCRIPTION_MAX),
        );
        let kind = errors.check(
            "kind",
            BenefitKind::parse(&self.kind).ok_or_else(|| {
                "Choose the kind of benefit: cash-releasing, non-cash-releasing or a reduced risk".to_owned()
            }),
        );
        let unit = errors.check(
            "unit",
            Unit::parse(&self.unit)
                .ok_or_else(|| "Choose what it is measured in: pounds, per cent or a number".to_owned()),
        );
        let unit = match (kind, unit) {
            (Some(BenefitKind::CashReleasing), Some(unit)) if unit != Unit::Pounds => {
                errors.add("unit", "A cash-releasing benefit is money: measure it in pounds");
                None
            }
            (Some(BenefitKind::RiskReduction), Some(unit)) if unit != Unit::Percent => {
                errors.add("unit", "A reduced risk is a chance: measure it in per cent, like 1% to 0.1%");
                None
            }
            (_, unit) => unit,
        };
        let baseline =
            errors.check("baseline", figure(unit, &self.baseline, "the baseline: where it is now")).flatten();
        let target = errors
            .check("target", figure(unit, &self.target, "the target: where it should get to"))
            .flatten();
        if let (Some(baseline), Some(target)) = (baseline, target) {
            if baseline == target {
                errors.add("target", "Enter a target different from the baseline: where should it move to?");
            } else if kind == Some(BenefitKind::RiskReduction) && target > baseline {
                errors.add("target", "A reduced risk’s target is below its baseline, like 1% to 0.1%");
            }
        }
        let due = errors.check("due", Date::parse_labelled(&self.due, "the date the target is due"));
        let linked = match &self.actions {
            None => Some(funded.as_ref().map_or_else(Vec::new, |funded| funded.actions.clone())),
            Some(typed) => errors.check(
                "actions",
                typed
                    .iter()
                    .map(|typed| match ActionId::parse(typed) {
                        Ok(id) if actions.contains(&id) => Ok(id),
                        _ => Err(format!("“{typed}” is not one of {organisation}’s actions")),
                    })
                    .collect::<Result<Vec<_>, _>>(),
            ),
        };
        match (funded, description, kind, unit, baseline, target, due, linked) {
            (
                Some(funded),
                Some(description),
                Some(kind),
                Some(unit),
                Some(baseline),
                Some(target),
                Some(due),
                Some(mut actions),
            ) if errors.is_empty() => {
                actions.dedup();
                Ok(ValidBenefit { funded, description, kind, unit, baseline, target, due, actions })
            }
            _ => Err(errors.into_vec()),
        }
    }
}

impl ValidBenefit {
    /// The benefit as first saved (version 1), of `organisation`, by `by` at `at`.
    pub fn into_benefit(
        self,
        id: BenefitId,
        organisation: &Organisation,
        by: String,
        at: Timestamp,
    ) -> Benefit {
        Benefit {
            id,
            ods_code: organisation.ods_code.clone(),
            name: organisation.name.clone(),
            ics_code: organisation.ics().clone(),
            funded_by: self.funded.funded_by,
            funded_title: self.funded.title,
            period: self.funded.period,
            description: self.description,
            kind: self.kind,
            unit: self.unit,
            baseline: self.baseline,
            target: self.target,
            due: self.due,
            actions: self.actions,
            realised: Vec::new(),
            version: 1,
            created_by: by.clone(),
            created_at: at.clone(),
            updated_by: by,
            updated_at: at,
        }
    }
}

/// A value realised, as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct RealisedUpdate {
    /// The day it was measured: `YYYY-MM-DD`, today or before.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub on: String,
    /// What was measured, in the benefit's unit.
    #[serde(default)]
    pub value: String,
    #[serde(default)]
    pub note: String,
    /// The benefit's version read.
    pub version: u64,
}

impl RealisedUpdate {
    /// The value realised for a benefit measured in `unit`, recorded by `by` at `at`.
    pub fn validate(&self, unit: Unit, today: Date, by: String, at: Timestamp) -> Validated<Realised> {
        let mut errors = Errors::default();
        let on = match Date::parse_labelled(&self.on, "the date it was measured") {
            Ok(on) if on > today => {
                errors.add("on", "The date it was measured must be today or in the past");
                None
            }
            other => errors.check("on", other),
        };
        let value = match self.value.trim() {
            "" => {
                errors.add("value", "Enter the value measured");
                None
            }
            typed => errors.check("value", unit.read(typed)),
        };
        let note = errors.check("note", validation::text(&self.note, "the note", false, NOTE_MAX));
        match (on, value, note) {
            (Some(on), Some(value), Some(note)) if errors.is_empty() => {
                Ok(Realised { on, value, note, by, at })
            }
            _ => Err(errors.into_vec()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::tests::date;
    use super::*;
    use crate::funding::Pence;

    fn allocation_line() -> FundedItem {
        FundedItem::of_allocation(
            &Period::parse("2025/26").unwrap(),
            &FundId::parse("frontline").unwrap(),
            "Frontline digitisation",
            &[Pence::new(500_000)],
        )
    }

    fn typed(kind: &str, unit: &str, baseline: &str, target: &str, due: &str) -> NewBenefit {
        NewBenefit {
            funded_by: FundedByRequest::Allocation {
                period: "2025/26".to_owned(),
                fund: "frontline".to_owned(),
            },
            description: "The chance of a catastrophic failure of the EPR".to_owned(),
            kind: kind.to_owned(),
            unit: unit.to_owned(),
            baseline: baseline.to_owned(),
            target: target.to_owned(),
            due: due.to_owned(),
            actions: None,
        }
    }

    fn fields(errors: Vec<crate::FieldError>) -> Vec<(String, String)> {
        errors.into_iter().map(|error| (error.field, error.message)).collect()
    }

    #[test]
    fn a_reduced_risk_is_read_into_thousandths_of_a_per_cent() {
        let form = typed("risk-reduction", "percent", "1%", "0.1%", "2026-03-31");
        let funded = form.funded_by.find(&[], &[allocation_line()]);
        let valid = form.validate(funded, &[], "Leeds").unwrap();
        assert_eq!((valid.baseline, valid.target), (Figure::new(1_000), Figure::new(100)));
        assert_eq!(
            (valid.kind, valid.unit, valid.due),
            (BenefitKind::RiskReduction, Unit::Percent, date("2026-03-31"))
        );
        assert_eq!(valid.funded.title, "Frontline digitisation");
        assert!(valid.actions.is_empty(), "an allocation line addresses no action by itself");
    }

    #[test]
    fn every_mistake_is_named_by_its_field_with_what_to_fix() {
        let no_line = typed("cash-releasing", "percent", "", "lots", "2026-02-30");
        let funded = no_line.funded_by.find(&[], &[]);
        assert_eq!(
            fields(no_line.validate(funded, &[], "Leeds").unwrap_err()),
            [
                (
                    "fundedBy".into(),
                    "The frontline fund’s allocation for 2025/26 gives this organisation nothing".into()
                ),
                ("unit".into(), "A cash-releasing benefit is money: measure it in pounds".into()),
                ("baseline".into(), "Enter the baseline: where it is now".into()),
                ("due".into(), "The date the target is due must be a real date".into()),
            ]
        );
        let unchanged = typed("non-cash-releasing", "count", "1,200", "1200.000", "2026-03-31");
        assert_eq!(
            fields(unchanged.validate(Ok(allocation_line()), &[], "Leeds").unwrap_err()),
            [(
                "target".into(),
                "Enter a target different from the baseline: where should it move to?".into()
            )]
        );
        let upwards = typed("risk-reduction", "pounds", "1", "2", "");
        assert_eq!(
            fields(upwards.validate(Ok(allocation_line()), &[], "Leeds").unwrap_err()),
            [
                ("unit".into(), "A reduced risk is a chance: measure it in per cent, like 1% to 0.1%".into()),
                ("due".into(), "Enter the date the target is due".into()),
            ]
        );
        let higher_risk = typed("risk-reduction", "percent", "0.1", "1", "2026-03-31");
        assert_eq!(
            fields(higher_risk.validate(Ok(allocation_line()), &[], "Leeds").unwrap_err()),
            [("target".into(), "A reduced risk’s target is below its baseline, like 1% to 0.1%".into())]
        );
        let mut nothing = typed("", "", "1", "2", "2026-03-31");
        nothing.description = " ".to_owned();
        nothing.actions = Some(vec!["0f8fad5b-d9cb-469f-a165-70867728950e".to_owned()]);
        assert_eq!(
            fields(nothing.validate(Ok(allocation_line()), &[], "Leeds").unwrap_err()),
            [
                ("description".into(), "Enter what the benefit is".into()),
                (
                    "kind".into(),
                    "Choose the kind of benefit: cash-releasing, non-cash-releasing or a reduced risk".into()
                ),
                ("unit".into(), "Choose what it is measured in: pounds, per cent or a number".into()),
                (
                    "actions".into(),
                    "“0f8fad5b-d9cb-469f-a165-70867728950e” is not one of Leeds’s actions".into()
                ),
            ]
        );
    }

    #[test]
    fn a_bid_s_benefit_addresses_the_bid_s_actions_unless_it_names_its_own() {
        use crate::bids::BidStatus;
        use crate::review_board::Outcome;
        let action = ActionId::from_uuid_bytes([3; 16]);
        let other = ActionId::from_uuid_bytes([4; 16]);
        let bid_of = super::super::tests::bid;
        let approved = bid_of(
            BidStatus::PartlyApproved,
            Some(super::super::tests::decision(Outcome::ApproveInPart, 60_000, 0)),
        );
        let mut form = typed("non-cash-releasing", "count", "0", "120", "2026-12-31");
        form.funded_by = FundedByRequest::from_key(&format!("bid:{}", approved.id)).unwrap();
        let valid = form
            .validate(
                form.funded_by.find(std::slice::from_ref(&approved), &[]),
                &[action.clone(), other.clone()],
                "Leeds",
            )
            .unwrap();
        assert_eq!(valid.actions, std::slice::from_ref(&action), "the bid's own");
        assert_eq!(valid.funded.amount, Pence::new(60_000), "what the board gave");
        form.actions = Some(vec![other.to_string()]);
        let valid = form
            .validate(
                form.funded_by.find(std::slice::from_ref(&approved), &[]),
                &[action.clone(), other.clone()],
                "Leeds",
            )
            .unwrap();
        assert_eq!(valid.actions, [other]);
        // A bid not yet approved funds nothing yet: the form says so by its choice of item.
        let submitted = bid_of(BidStatus::Submitted, None);
        let errors = form
            .validate(form.funded_by.find(std::slice::from_ref(&submitted), &[]), &[action], "Leeds")
            .unwrap_err();
        assert_eq!(errors[0].field, "fundedBy");
        assert!(errors[0].message.contains("is with the review board"), "{}", errors[0].message);
        assert_eq!(
            FundedByRequest::from_key("bid:nope").unwrap().find(&[], &[]).unwrap_err(),
            "“nope” is not a bid’s id: an id is 32 hexadecimal digits in groups of 8, 4, 4, 4 and 12, separated by hyphens"
        );
        assert_eq!(
            FundedByRequest::from_key("grant:x").unwrap_err(),
            "Choose the funded item the benefit comes from"
        );
        assert_eq!(
            FundedByRequest::from_key("allocation:2025/26:frontline").unwrap().allocation(),
            Some((Period::parse("2025/26").unwrap(), FundId::parse("frontline").unwrap()))
        );
    }

    #[test]
    fn a_value_realised_is_measured_on_a_real_day_not_yet_to_come() {
        let today = date("2026-01-05");
        let at = crate::test_support::moment();
        let update = |on: &str, value: &str| RealisedUpdate {
            on: on.to_owned(),
            value: value.to_owned(),
            note: "From the incident log".to_owned(),
            version: 1,
        };
        let realised =
            update("2026-01-05", "0.55%").validate(Unit::Percent, today, "Olu".into(), at.clone()).unwrap();
        assert_eq!(
            (realised.on, realised.value, realised.note.as_str()),
            (today, Figure::new(550), "From the incident log")
        );
        let errors =
            update("2026-01-06", "").validate(Unit::Percent, today, "Olu".into(), at.clone()).unwrap_err();
        assert_eq!(
            fields(errors),
            [
                ("on".into(), "The date it was measured must be today or in the past".into()),
                ("value".into(), "Enter the value measured".into()),
            ]
        );
        let errors = update("2026-1-", "£5").validate(Unit::Count, today, "Olu".into(), at).unwrap_err();
        assert_eq!(
            fields(errors),
            [
                ("on".into(), "The date it was measured must include a day".into()),
                (
                    "value".into(),
                    "Enter a number up to 1,000,000,000, with at most three decimal places, like 1,250 (you entered “£5”)"
                        .into()
                ),
            ]
        );
    }
}
