//! Synthetic bids for the review board, for the same shape as [`Store::load_synthetic`]: a
//! 2025/26 fund that takes bids, a bid from every fourth provider, submitted over three months,
//! and every other bid decided (approved in full, in part, or declined in turn) within what the
//! fund holds, with each fund's running total of approvals, so the board, the fairness view and
//! the organisations' funding pages have something to show.

use super::super::bids::{bid_item, fund_approvals_item};
use super::super::funding::fund_item;
use super::super::{Store, StoreError};
use super::{FUNDING_YEAR, Shape, level, organisations};
use wgll_shared::bids::{Bid, BidLine, BidStatus};
use wgll_shared::funding::records::Versioned;
use wgll_shared::funding::{Fund, FundId, NewFund, Pence, Principle};
use wgll_shared::ids::BidId;
use wgll_shared::organisation::OrganisationKind;
use wgll_shared::period::Period;
use wgll_shared::review_board::{Approved, Decision, Outcome, Scores, within_fund};
use wgll_shared::timestamp::Timestamp;

const BID_FUND: &str = "synthetic-frontline-digitisation";
/// The months the bids came in, in turn.
const MONTHS: [&str; 3] = ["2025-10", "2025-11", "2025-12"];

/// What was loaded.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct SyntheticBids {
    pub bids: usize,
    pub decided: usize,
    pub approved: Approved,
}

fn fund() -> Result<Fund, StoreError> {
    NewFund {
        id: BID_FUND.to_owned(),
        name: "Synthetic frontline digitisation fund".to_owned(),
        period: FUNDING_YEAR.to_owned(),
        total: Pence::from_pounds(75_000_000).unwrap_or_default(),
        capital: Pence::from_pounds(60_000_000).unwrap_or_default(),
        revenue: Pence::from_pounds(15_000_000).unwrap_or_default(),
        closing_date: "2026-03-31".to_owned(),
        principle: Principle::StrategicInvestment,
        measures: vec![2, 4],
        category: wgll_shared::funding::who_pays::SpendingCategory::Applications,
    }
    .validate()
    .map_err(|errors| StoreError::Other(format!("{errors:?}")))
}

/// The decision on the `index`th decided bid: approve, approve half the capital, decline, in turn;
/// scores from the code; the maturity its latest published review gives on measures 2 and 4.
fn decision(bid: &Bid, index: usize, maturity: u8, at: &Timestamp) -> Decision {
    let seed = bid.ods_code.as_str().bytes().map(usize::from).sum::<usize>();
    let outcome = [Outcome::Approve, Outcome::ApproveInPart, Outcome::Decline][index % 3];
    let approved = match outcome {
        Outcome::Approve => bid.lines.clone(),
        Outcome::ApproveInPart => bid
            .lines
            .iter()
            .map(|line| BidLine { capital: Pence::new(line.capital.get() / 2), ..line.clone() })
            .collect(),
        Outcome::Decline => Vec::new(),
    };
    let reason = match outcome {
        Outcome::Approve => String::new(),
        Outcome::ApproveInPart => "The first phase now; bid again for the rest once it is live.".to_owned(),
        Outcome::Decline => "Others showed more need this month.".to_owned(),
    };
    Decision {
        outcome,
        scores: Scores {
            strategic_fit: 1 + (seed % 5) as u8,
            value_for_money: 1 + (seed / 5 % 5) as u8,
            maturity: Some(maturity),
        },
        approved,
        reason,
        decided_by: "synthetic.administrator@example.nhs.uk".to_owned(),
        decided_at: at.clone(),
    }
}

impl Store {
    /// Loads the synthetic bids; loading them again replaces them.
    pub async fn load_synthetic_bids(&self, shape: Shape) -> Result<SyntheticBids, StoreError> {
        let other = |error: String| StoreError::Other(error);
        let period = Period::parse(FUNDING_YEAR).map_err(other)?;
        let fund = fund()?;
        let fund_id = FundId::parse(BID_FUND).map_err(other)?;
        let latest = shape.periods.saturating_sub(1);
        let mut loaded = SyntheticBids::default();
        let mut items = Vec::new();
        let providers = organisations(shape).flat_map(|members| {
            let region = members[0].region;
            members
                .into_iter()
                .filter(|member| member.kind != OrganisationKind::Ics)
                .map(move |member| (member, region))
        });
        for (index, (member, region)) in providers.enumerate().filter(|(index, _)| index % 4 == 0) {
            let code = member.ods_code.as_str();
            let month = MONTHS[loaded.bids % MONTHS.len()];
            let at = Timestamp::parse(&format!("{month}-15T10:00:00.000Z")).map_err(other)?;
            let mut id = [0u8; 16];
            id[..8].copy_from_slice(&(index as u64).to_be_bytes());
            id[6] = 0x40; // a version 4 UUID's marks, as every id the app makes
            id[8] = 0x80;
            let mut bid = Bid {
                id: BidId::from_uuid_bytes(id),
                ods_code: member.ods_code.clone(),
                name: member.name.clone(),
                kind: member.kind,
                ics_code: member.ics().clone(),
                region,
                period: period.clone(),
                purpose: format!("Digital records at the point of care for {}", member.name),
                lines: vec![BidLine {
                    fund: fund_id.clone(),
                    capital: Pence::from_pounds(100_000 + 50_000 * (index as u64 % 5)).unwrap_or_default(),
                    revenue: Pence::from_pounds(20_000).unwrap_or_default(),
                }],
                measures: vec![2, 4],
                actions: Vec::new(),
                benefits: "Clinicians see the same record; fewer repeated tests; notes no longer lost."
                    .to_owned(),
                status: BidStatus::Submitted,
                version: 2,
                created_by: "Synthetic data".to_owned(),
                updated_by: "Synthetic data".to_owned(),
                created_at: at.clone(),
                updated_at: at.clone(),
                submitted_at: Some(at.clone()),
                decision: None,
            };
            if loaded.bids % 2 == 0 {
                let maturity = level(code, latest, 2).min(level(code, latest, 4));
                let mut decided = decision(&bid, loaded.decided, maturity, &at);
                // Within what the fund holds, or declined.
                if decided.approved.iter().any(|line| within_fund(&fund, loaded.approved, line).is_err()) {
                    decided = Decision {
                        outcome: Outcome::Decline,
                        approved: Vec::new(),
                        reason: "The fund is spent.".to_owned(),
                        ..decided
                    };
                }
                for line in &decided.approved {
                    loaded.approved.capital = Pence::new(loaded.approved.capital.get() + line.capital.get());
                    loaded.approved.revenue = Pence::new(loaded.approved.revenue.get() + line.revenue.get());
                }
                bid.status = match decided.outcome {
                    Outcome::Approve => BidStatus::Approved,
                    Outcome::ApproveInPart => BidStatus::PartlyApproved,
                    Outcome::Decline => BidStatus::Declined,
                };
                bid.version = 3;
                bid.decision = Some(decided);
                loaded.decided += 1;
            }
            items.push(bid_item(&bid)?);
            loaded.bids += 1;
        }
        items.push(fund_item(&Versioned::saved(
            fund,
            0,
            "synthetic.administrator@example.nhs.uk",
            crate::clock::Clock.now(),
        ))?);
        items.push(fund_approvals_item(&period, &fund_id, loaded.approved));
        self.put_many(items).await?;
        Ok(loaded)
    }
}
