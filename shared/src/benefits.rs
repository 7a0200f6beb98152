//! Benefits, planned and realised (issue 23). Every funded item — an organisation's line of a
//! fund's allocation, or a bid of its own the review board approved in full or in part — carries
//! the benefits it is expected to bring: cash-releasing or not, something measured or a risk
//! reduced ("the chance of a catastrophic failure from 1% to 0.1%"), each with a baseline, a
//! target and the date the target is due, and the actions from its reviews it addresses (linked,
//! not retyped). The organisation records what was realised over time; each benefit's status
//! comes from the latest value against its baseline and target, whichever way is better.
//!
//! Figures are integers in their unit's smallest step ([`figures`]); money is pence, and the
//! totals of planned and realised cash add up to the penny.

pub mod figures;
pub mod forms;

pub use figures::{Figure, Unit};
pub use forms::{FundedByRequest, NewBenefit, RealisedUpdate};

use crate::bids::{Bid, BidStatus};
use crate::date::Date;
use crate::funding::{FundId, Pence};
use crate::ids::{ActionId, BenefitId, BidId};
use crate::organisation::OdsCode;
use crate::period::Period;
use crate::timestamp::Timestamp;
use serde::{Deserialize, Serialize};

/// What funds a benefit.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "source", rename_all = "kebab-case", deny_unknown_fields)]
pub enum FundedBy {
    /// A bid of the organisation's that the review board approved, in full or in part.
    Bid { bid: BidId },
    /// The organisation's part of a fund's allocation for a year.
    Allocation { period: Period, fund: FundId },
}

impl FundedBy {
    /// The value a form's choice of funded item carries: `bid:<id>` or `allocation:<period>:<fund>`.
    pub fn key(&self) -> String {
        match self {
            FundedBy::Bid { bid } => format!("bid:{bid}"),
            FundedBy::Allocation { period, fund } => format!("allocation:{period}:{fund}"),
        }
    }
}

/// Something the organisation was given money for, that benefits can be expected of.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct FundedItem {
    pub funded_by: FundedBy,
    /// What it is: the bid's purpose (its first line), or the fund's name.
    pub title: String,
    /// The financial year of the money.
    pub period: Period,
    /// What it was given: what the board approved of each fund, or its lines of the allocation.
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub amount: Pence,
    /// The actions the bid said it addresses (none for an allocation line): a benefit of the bid
    /// addresses them unless it names its own.
    pub actions: Vec<ActionId>,
}

/// The first line of a bid's purpose, or what to call it without one.
pub fn bid_title(bid: &Bid) -> String {
    match bid.purpose.lines().next().map(str::trim).unwrap_or_default() {
        "" => "A bid not yet described".to_owned(),
        first => first.to_owned(),
    }
}

impl FundedItem {
    /// A bid as a funded item: only once the board has approved it, in full or in part, and then
    /// for what the board gave (not what was asked).
    pub fn of_bid(bid: &Bid) -> Result<Self, String> {
        match (bid.status, &bid.decision) {
            (BidStatus::Approved | BidStatus::PartlyApproved, Some(decision)) => Ok(FundedItem {
                funded_by: FundedBy::Bid { bid: bid.id.clone() },
                title: bid_title(bid),
                period: bid.period.clone(),
                amount: decision.total_approved(),
                actions: bid.actions.clone(),
            }),
            (BidStatus::Draft, _) => Err(format!(
                "“{}” is a draft: benefits are recorded for what was funded, so once the review board has approved it",
                bid_title(bid)
            )),
            (BidStatus::Submitted, _) => Err(format!(
                "“{}” is with the review board: benefits are recorded for what was funded, so once it is approved",
                bid_title(bid)
            )),
            (BidStatus::Declined, _) => Err(format!(
                "The review board declined “{}”: it funds nothing to expect benefits of",
                bid_title(bid)
            )),
            (BidStatus::Approved | BidStatus::PartlyApproved, None) => {
                Err(format!("“{}” has no decision recorded, so nothing it was given", bid_title(bid)))
            }
        }
    }

    /// The organisation's lines of a fund's allocation for a year, as one funded item (a
    /// strategic investment may give it several lines of one fund).
    pub fn of_allocation(period: &Period, fund: &FundId, name: &str, amounts: &[Pence]) -> Self {
        FundedItem {
            funded_by: FundedBy::Allocation { period: period.clone(), fund: fund.clone() },
            title: name.to_owned(),
            period: period.clone(),
            amount: Pence::new(amounts.iter().fold(0u64, |sum, amount| sum.saturating_add(amount.get()))),
            actions: Vec::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum BenefitKind {
    /// Money that stops being spent and can be used elsewhere.
    CashReleasing,
    /// Better without freeing money: staff time, quality, safety, experience.
    NonCashReleasing,
    /// A chance of harm made smaller.
    RiskReduction,
}

impl BenefitKind {
    pub const ALL: [BenefitKind; 3] =
        [BenefitKind::CashReleasing, BenefitKind::NonCashReleasing, BenefitKind::RiskReduction];

    pub fn code(self) -> &'static str {
        match self {
            BenefitKind::CashReleasing => "cash-releasing",
            BenefitKind::NonCashReleasing => "non-cash-releasing",
            BenefitKind::RiskReduction => "risk-reduction",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            BenefitKind::CashReleasing => "Cash-releasing",
            BenefitKind::NonCashReleasing => "Non-cash-releasing",
            BenefitKind::RiskReduction => "A reduced risk",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.code() == code.trim())
    }
}

/// A value realised, as measured on a day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Realised {
    /// The day it was measured.
    pub on: Date,
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub value: Figure,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub note: String,
    pub by: String,
    pub at: Timestamp,
}

/// The most realised values one benefit keeps: ten years of monthly figures. A benefit is one
/// item, and so is each saved version in its history: 120 values with the longest notes
/// (`forms::NOTE_MAX` characters, at most 4 bytes each in UTF-8) are under 120 KB, far below
/// DynamoDB's 400 KB.
pub const REALISED_MAX: usize = 120;

/// A benefit of a funded item, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Benefit {
    pub id: BenefitId,
    pub ods_code: OdsCode,
    pub name: String,
    pub ics_code: OdsCode,
    pub funded_by: FundedBy,
    /// The funded item's title when the benefit was added (the bid's purpose, the fund's name).
    pub funded_title: String,
    /// The financial year of the money.
    pub period: Period,
    pub description: String,
    pub kind: BenefitKind,
    pub unit: Unit,
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub baseline: Figure,
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub target: Figure,
    /// When the target is to be met.
    pub due: Date,
    /// The organisation's actions (each a review's gap) it addresses.
    pub actions: Vec<ActionId>,
    /// What was realised, oldest measurement first.
    pub realised: Vec<Realised>,
    pub version: u64,
    pub created_by: String,
    pub created_at: Timestamp,
    pub updated_by: String,
    pub updated_at: Timestamp,
}

/// Where a benefit stands on a day.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum BenefitStatus {
    /// The latest value reaches the target.
    Met,
    /// Not met yet, but the latest value has moved from the baseline towards the target.
    OnTrack,
    /// Nothing realised yet, or no movement towards the target (or away from it).
    NotYet,
    /// Past its due date and not met.
    Overdue,
}

impl BenefitStatus {
    pub const ALL: [BenefitStatus; 4] =
        [BenefitStatus::Met, BenefitStatus::OnTrack, BenefitStatus::NotYet, BenefitStatus::Overdue];

    pub fn label(self) -> &'static str {
        match self {
            BenefitStatus::Met => "Met",
            BenefitStatus::OnTrack => "On track",
            BenefitStatus::NotYet => "Not yet",
            BenefitStatus::Overdue => "Overdue",
        }
    }
}

impl Benefit {
    /// A target below the baseline means lower is better (a cost, a chance of failure).
    pub fn lower_is_better(&self) -> bool {
        self.target < self.baseline
    }

    /// How far `value` is from the baseline towards the target, in the unit's steps: positive
    /// towards it, negative away from it.
    pub fn movement(&self, value: Figure) -> i64 {
        let (value, baseline) = (i128::from(value.get()), i128::from(self.baseline.get()));
        let towards = if self.lower_is_better() { baseline - value } else { value - baseline };
        // Figures are bounded on entry (at most 10^12 steps), so this always fits.
        i64::try_from(towards).unwrap_or(if towards < 0 { i64::MIN } else { i64::MAX })
    }

    /// The planned movement: from the baseline to the target (always positive).
    pub fn planned(&self) -> i64 {
        self.movement(self.target)
    }

    /// The latest value measured (the last day's; of one day's, the last recorded).
    pub fn latest(&self) -> Option<&Realised> {
        self.realised.iter().max_by(|a, b| (a.on, &a.at).cmp(&(b.on, &b.at)))
    }

    /// The movement realised so far: the latest value's.
    pub fn realised_movement(&self) -> Option<i64> {
        self.latest().map(|latest| self.movement(latest.value))
    }

    pub fn status(&self, today: Date) -> BenefitStatus {
        let moved = self.realised_movement().unwrap_or(0);
        if moved >= self.planned() {
            BenefitStatus::Met
        } else if today > self.due {
            BenefitStatus::Overdue
        } else if moved > 0 {
            BenefitStatus::OnTrack
        } else {
            BenefitStatus::NotYet
        }
    }

    /// The benefit with `realised` added in its place among the others; refused once it holds
    /// [`REALISED_MAX`].
    pub fn with_realised(&self, realised: Realised) -> Result<Benefit, String> {
        if self.realised.len() >= REALISED_MAX {
            return Err(format!(
                "This benefit holds {REALISED_MAX} values already, the most one keeps: add a new benefit to carry on"
            ));
        }
        let mut benefit = self.clone();
        benefit.realised.push(realised);
        benefit.realised.sort_by(|a, b| (a.on, &a.at).cmp(&(b.on, &b.at)));
        Ok(benefit)
    }
}

/// Benefits counted by status, and cash-releasing benefits' money planned and realised.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Tally {
    pub benefits: usize,
    pub met: usize,
    pub on_track: usize,
    pub not_yet: usize,
    pub overdue: usize,
    /// Pence: each cash-releasing benefit's target less its baseline (the saving planned).
    pub cash_planned: i64,
    /// Pence: each cash-releasing benefit's latest value less its baseline, towards its target
    /// (negative where it moved the wrong way); nothing for one with no value yet.
    pub cash_realised: i64,
}

impl Tally {
    pub fn of<'a>(benefits: impl IntoIterator<Item = &'a Benefit>, today: Date) -> Self {
        let mut tally = Tally::default();
        for benefit in benefits {
            tally.benefits += 1;
            match benefit.status(today) {
                BenefitStatus::Met => tally.met += 1,
                BenefitStatus::OnTrack => tally.on_track += 1,
                BenefitStatus::NotYet => tally.not_yet += 1,
                BenefitStatus::Overdue => tally.overdue += 1,
            }
            if benefit.kind == BenefitKind::CashReleasing {
                tally.cash_planned = tally.cash_planned.saturating_add(benefit.planned());
                tally.cash_realised =
                    tally.cash_realised.saturating_add(benefit.realised_movement().unwrap_or(0));
            }
        }
        tally
    }

    /// Two tallies as one (an ICS's total of its members').
    pub fn plus(self, other: Tally) -> Tally {
        Tally {
            benefits: self.benefits + other.benefits,
            met: self.met + other.met,
            on_track: self.on_track + other.on_track,
            not_yet: self.not_yet + other.not_yet,
            overdue: self.overdue + other.overdue,
            cash_planned: self.cash_planned.saturating_add(other.cash_planned),
            cash_realised: self.cash_realised.saturating_add(other.cash_realised),
        }
    }
}

/// Pence as pounds for a CSV cell, signed: `1234.56`, `-12.00`.
pub fn csv_pounds(pence: i64) -> String {
    let size = pence.unsigned_abs();
    let sign = if pence < 0 { "-" } else { "" };
    format!("{sign}{}.{:02}", size / 100, size % 100)
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::organisation::OrganisationKind;
    use crate::review_board::{Decision, Outcome, Scores};

    pub fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    /// A benefit of Leeds's 2025/26 line of the frontline fund, from `baseline` to `target`
    /// (in `unit`'s steps), due on 31 March 2026.
    pub fn benefit(kind: BenefitKind, unit: Unit, baseline: u64, target: u64) -> Benefit {
        let at = crate::test_support::moment();
        Benefit {
            id: BenefitId::from_uuid_bytes([9; 16]),
            ods_code: OdsCode::parse("RR8").unwrap(),
            name: "Leeds".to_owned(),
            ics_code: OdsCode::parse("QWO").unwrap(),
            funded_by: FundedBy::Allocation {
                period: Period::parse("2025/26").unwrap(),
                fund: FundId::parse("frontline").unwrap(),
            },
            funded_title: "Frontline digitisation".to_owned(),
            period: Period::parse("2025/26").unwrap(),
            description: "Fewer agency staff".to_owned(),
            kind,
            unit,
            baseline: Figure::new(baseline),
            target: Figure::new(target),
            due: date("2026-03-31"),
            actions: Vec::new(),
            realised: Vec::new(),
            version: 1,
            created_by: "Olu".to_owned(),
            created_at: at.clone(),
            updated_by: "Olu".to_owned(),
            updated_at: at,
        }
    }

    pub fn realised(on: &str, value: u64) -> Realised {
        Realised {
            on: date(on),
            value: Figure::new(value),
            note: String::new(),
            by: "Olu".to_owned(),
            at: crate::test_support::moment(),
        }
    }

    fn with(benefit: &Benefit, values: &[(&str, u64)]) -> Benefit {
        values.iter().fold(benefit.clone(), |benefit, (on, value)| {
            benefit.with_realised(realised(on, *value)).unwrap()
        })
    }

    #[test]
    fn a_risk_brought_down_from_one_per_cent_to_a_tenth_is_met_at_or_below_its_target() {
        // The chance of a catastrophic failure, from 1% (1,000 thousandths) to 0.1% (100).
        let risk = benefit(BenefitKind::RiskReduction, Unit::Percent, 1_000, 100);
        let before_due = date("2026-01-05");
        assert!(risk.lower_is_better());
        assert_eq!(risk.planned(), 900);
        assert_eq!(risk.status(before_due), BenefitStatus::NotYet, "nothing realised");
        assert_eq!(with(&risk, &[("2025-10-01", 1_000)]).status(before_due), BenefitStatus::NotYet);
        assert_eq!(with(&risk, &[("2025-10-01", 1_200)]).status(before_due), BenefitStatus::NotYet, "worse");
        let halfway = with(&risk, &[("2025-10-01", 550)]);
        assert_eq!(
            (halfway.realised_movement(), halfway.status(before_due)),
            (Some(450), BenefitStatus::OnTrack)
        );
        assert_eq!(with(&risk, &[("2025-12-01", 100)]).status(before_due), BenefitStatus::Met);
        assert_eq!(with(&risk, &[("2025-12-01", 50)]).status(before_due), BenefitStatus::Met, "beyond it");
        // Past its date: met stays met, anything else is overdue.
        let after_due = date("2026-04-01");
        assert_eq!(halfway.status(after_due), BenefitStatus::Overdue);
        assert_eq!(risk.status(after_due), BenefitStatus::Overdue);
        assert_eq!(with(&risk, &[("2026-03-31", 100)]).status(after_due), BenefitStatus::Met);
        assert_eq!(halfway.status(date("2026-03-31")), BenefitStatus::OnTrack, "due today is not overdue");
    }

    #[test]
    fn a_benefit_full_of_values_with_the_longest_notes_fits_one_item() {
        let mut full = benefit(BenefitKind::NonCashReleasing, Unit::Count, 0, 1_000);
        full.description = "😀".repeat(forms::DESCRIPTION_MAX);
        for month in 0..REALISED_MAX {
            let mut value = realised("2025-04-01", month as u64);
            value.note = "😀".repeat(forms::NOTE_MAX);
            full = full.with_realised(value).unwrap();
        }
        let size = serde_json::to_string(&full).unwrap().len();
        assert!(size < 150_000, "{size} bytes: DynamoDB's items hold 400 KB");
        assert_eq!(
            full.with_realised(realised("2025-05-01", 1)).unwrap_err(),
            "This benefit holds 120 values already, the most one keeps: add a new benefit to carry on"
        );
    }

    #[test]
    fn the_latest_measurement_counts_whatever_order_they_were_recorded_in() {
        let hours = benefit(BenefitKind::NonCashReleasing, Unit::Count, 0, 1_000_000);
        // Recorded out of order: November's value, then September's.
        let recorded = with(&hours, &[("2025-11-01", 1_000_000), ("2025-09-01", 200_000)]);
        assert_eq!(
            recorded.realised.iter().map(|r| r.on.to_string()).collect::<Vec<_>>(),
            ["2025-09-01", "2025-11-01"]
        );
        assert_eq!(recorded.latest().map(|latest| latest.value), Some(Figure::new(1_000_000)));
        assert_eq!(recorded.status(date("2025-12-01")), BenefitStatus::Met);
        // It fell back since: the newest measurement says where it stands.
        let fell = with(&recorded, &[("2025-12-01", 400_000)]);
        assert_eq!(fell.status(date("2025-12-02")), BenefitStatus::OnTrack);
    }

    #[test]
    fn cash_planned_and_realised_add_up_to_the_penny_whichever_way_is_better() {
        let today = date("2026-01-05");
        // A saving counted up from nothing: £250,000.50 planned, £100,000.25 so far.
        let saving = with(
            &benefit(BenefitKind::CashReleasing, Unit::Pounds, 0, 25_000_050),
            &[("2025-12-01", 10_000_025)],
        );
        // A cost brought down from £1,000,000 to £750,000: £250,000 planned, £260,000.01 done.
        let cost = with(
            &benefit(BenefitKind::CashReleasing, Unit::Pounds, 100_000_000, 75_000_000),
            &[("2025-12-01", 73_999_999)],
        );
        // One that went the wrong way: £10 planned down, £0.01 up.
        let worse =
            with(&benefit(BenefitKind::CashReleasing, Unit::Pounds, 5_000, 4_000), &[("2025-12-01", 5_001)]);
        // Money of a non-cash-releasing benefit is not counted as cash.
        let time = benefit(BenefitKind::NonCashReleasing, Unit::Pounds, 0, 999_999);
        let tally = Tally::of([&saving, &cost, &worse, &time], today);
        assert_eq!(
            tally,
            Tally {
                benefits: 4,
                met: 1,
                on_track: 1,
                not_yet: 2,
                overdue: 0,
                cash_planned: 25_000_050 + 25_000_000 + 1_000,
                cash_realised: 10_000_025 + 26_000_001 - 1,
            }
        );
        assert_eq!(tally.cash_planned, 50_001_050);
        assert_eq!(tally.cash_realised, 36_000_025);
        assert_eq!(tally.plus(tally).cash_realised, 72_000_050);
        assert_eq!(
            (csv_pounds(36_000_025), csv_pounds(-1), csv_pounds(0)),
            ("360000.25".into(), "-0.01".into(), "0.00".into())
        );
    }

    /// Leeds's 2025/26 bid for a shared care record, addressing one action, at `status`.
    pub fn bid(status: BidStatus, decision: Option<Decision>) -> Bid {
        let at = crate::test_support::moment();
        Bid {
            id: BidId::from_uuid_bytes([7; 16]),
            ods_code: OdsCode::parse("RR8").unwrap(),
            name: "Leeds".to_owned(),
            kind: OrganisationKind::AcuteTrust,
            ics_code: OdsCode::parse("QWO").unwrap(),
            region: None,
            period: Period::parse("2025/26").unwrap(),
            purpose: "A shared care record\nfor the community teams".to_owned(),
            lines: vec![crate::bids::BidLine {
                fund: FundId::parse("frontline").unwrap(),
                capital: Pence::new(100_000),
                revenue: Pence::new(50_000),
            }],
            measures: vec![4],
            actions: vec![ActionId::from_uuid_bytes([3; 16])],
            benefits: "Notes no longer lost".to_owned(),
            status,
            version: 4,
            created_by: "Olu".to_owned(),
            updated_by: "Olu".to_owned(),
            created_at: at.clone(),
            updated_at: at.clone(),
            submitted_at: Some(at),
            decision,
        }
    }

    pub fn decision(outcome: Outcome, capital: u64, revenue: u64) -> Decision {
        Decision {
            outcome,
            scores: Scores { strategic_fit: 4, value_for_money: 3, maturity: Some(2) },
            approved: vec![crate::bids::BidLine {
                fund: FundId::parse("frontline").unwrap(),
                capital: Pence::new(capital),
                revenue: Pence::new(revenue),
            }],
            reason: String::new(),
            decided_by: "Ade".to_owned(),
            decided_at: crate::test_support::moment(),
        }
    }

    #[test]
    fn an_approved_bid_is_funded_for_what_the_board_gave_and_nothing_else_is() {
        let approved = bid(BidStatus::Approved, Some(decision(Outcome::Approve, 100_000, 50_000)));
        let item = FundedItem::of_bid(&approved).unwrap();
        assert_eq!(item.funded_by, FundedBy::Bid { bid: BidId::from_uuid_bytes([7; 16]) });
        assert_eq!(item.title, "A shared care record");
        assert_eq!(item.amount, Pence::new(150_000));
        assert_eq!(item.actions, [ActionId::from_uuid_bytes([3; 16])], "the bid's actions, for its benefits");
        // In part: £600 of the £1,500 asked.
        let part = bid(BidStatus::PartlyApproved, Some(decision(Outcome::ApproveInPart, 60_000, 0)));
        assert_eq!(FundedItem::of_bid(&part).unwrap().amount, Pence::new(60_000));
        assert_eq!(
            FundedItem::of_bid(&bid(BidStatus::Draft, None)).unwrap_err(),
            "“A shared care record” is a draft: benefits are recorded for what was funded, so once the review board has approved it"
        );
        assert_eq!(
            FundedItem::of_bid(&bid(BidStatus::Submitted, None)).unwrap_err(),
            "“A shared care record” is with the review board: benefits are recorded for what was funded, so once it is approved"
        );
        assert_eq!(
            FundedItem::of_bid(&bid(BidStatus::Declined, Some(decision(Outcome::Decline, 0, 0))))
                .unwrap_err(),
            "The review board declined “A shared care record”: it funds nothing to expect benefits of"
        );
        assert!(FundedItem::of_bid(&bid(BidStatus::Approved, None)).is_err(), "approved without a decision");
    }

    #[test]
    fn an_allocation_s_lines_of_one_fund_are_one_funded_item() {
        let period = Period::parse("2025/26").unwrap();
        let fund = FundId::parse("frontline").unwrap();
        let item = FundedItem::of_allocation(
            &period,
            &fund,
            "Frontline digitisation",
            &[Pence::new(1_050), Pence::new(2_000)],
        );
        assert_eq!(item.amount, Pence::new(3_050));
        assert_eq!(item.funded_by.key(), "allocation:2025/26:frontline");
        assert_eq!(
            FundedBy::Bid { bid: BidId::from_uuid_bytes([7; 16]) }.key(),
            "bid:07070707-0707-0707-0707-070707070707"
        );
        assert_eq!(
            serde_json::to_value(&item.funded_by).unwrap(),
            serde_json::json!({"source": "allocation", "period": "2025/26", "fund": "frontline"})
        );
        let stray =
            serde_json::json!({"source": "allocation", "period": "2025/26", "fund": "frontline", "x": 1});
        assert!(serde_json::from_value::<FundedBy>(stray).is_err(), "unknown fields are refused");
    }
}
