//! The review board (`wgll_shared::review_board`): administrators see a month's bids per fund,
//! score each, and approve it (in full or in part) or decline it with a reason the applicant
//! sees; the fairness view shows where the year's approvals went. Each page is a fixed number of
//! reads: the year's funds, their approvals and the board's bids (one Query each), and the
//! applicants' published reviews (one Query per ICS among them, run side by side).

use super::{App, AppError};
use crate::auth::rules::{Action, Target, authorise};
use crate::store::Refusal;
use crate::store::StoreError;
use crate::store::bids::{FundDraw, board_month};
use serde::Serialize;
use wgll_shared::access::User;
use wgll_shared::bids::{Bid, BidStatus};
use wgll_shared::funding::published::PublishedLevels;
use wgll_shared::funding::records::Versioned;
use wgll_shared::funding::{Fund, FundId};
use wgll_shared::ids::BidId;
use wgll_shared::organisation::{OdsCode, OrganisationKind};
use wgll_shared::period::Period;
use wgll_shared::review_board::fairness::Fairness;
use wgll_shared::review_board::{Approved, DecisionForm, Outcome, applicant_maturity, within_fund};

/// A bid before the board, with the applicant's maturity where it aims (as decided, once it is).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BoardBid {
    pub bid: Bid,
    /// The applicant's median agreed level on the bid's measures; none without a published review.
    pub maturity: Option<u8>,
}

/// A fund of the year: what it holds, what the board has approved from it, and the month's bids
/// that ask of it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FundOnBoard {
    #[schema(value_type = Object)]
    pub fund: Fund,
    pub approved: Approved,
    pub bids: Vec<BidId>,
}

/// A month's board.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct Board {
    #[schema(value_type = Period)]
    pub period: Period,
    /// `2025-11`.
    pub month: String,
    /// Every month with bids this year, and this month, newest first.
    pub months: Vec<String>,
    /// The month's bids: those waiting for a decision first, then those decided, each in the
    /// order submitted.
    pub bids: Vec<BoardBid>,
    pub funds: Vec<FundOnBoard>,
    /// Bids from earlier months still waiting for a decision, by month.
    pub waiting_earlier: Vec<(String, u32)>,
}

/// The month a page names (`YYYY-MM`), or this one.
pub fn parse_month(app: &App, typed: Option<&str>) -> Result<String, AppError> {
    let typed = typed.map(str::trim).filter(|typed| !typed.is_empty());
    let Some(typed) = typed else {
        let today = app.clock.today();
        return Ok(format!("{:04}-{:02}", today.year(), today.month()));
    };
    match wgll_shared::date::Date::parse(&format!("{typed}-01")) {
        Some(_) if typed.len() == 7 => Ok(typed.to_owned()),
        _ => Err(AppError::invalid(
            "month",
            format!("Give the month as YYYY-MM, like 2025-11 (you entered “{typed}”)"),
        )),
    }
}

async fn funds(app: &App, period: &Period) -> Result<Vec<Versioned<Fund>>, AppError> {
    Ok(app.store.list_funds(period).await?)
}

fn approved_of(approvals: &[(FundId, Approved)], fund: &FundId) -> Approved {
    approvals.iter().find(|(id, _)| id == fund).map(|(_, approved)| *approved).unwrap_or_default()
}

fn maturity_of(bid: &Bid, published: &[PublishedLevels]) -> Option<u8> {
    match &bid.decision {
        Some(decision) => decision.scores.maturity,
        None => applicant_maturity(bid, published),
    }
}

/// A month's board.
pub async fn board(app: &App, user: &User, period: &Period, month: String) -> Result<Board, AppError> {
    authorise(Some(user), Action::DecideBids, &Target::NONE)?;
    let (funds, approvals, year) = tokio::try_join!(
        funds(app, period),
        async { Ok::<_, AppError>(app.store.list_fund_approvals(period).await?) },
        async { Ok::<_, AppError>(app.store.list_board(period).await?) },
    )?;
    let mut months: Vec<String> = year.iter().filter_map(board_month).collect();
    months.push(month.clone());
    months.sort_unstable_by(|a, b| b.cmp(a));
    months.dedup();
    let mut waiting_earlier: Vec<(String, u32)> = Vec::new();
    for bid in year.iter().filter(|bid| bid.status == BidStatus::Submitted) {
        match board_month(bid) {
            Some(earlier) if earlier < month => match waiting_earlier.iter_mut().find(|(m, _)| *m == earlier)
            {
                Some((_, count)) => *count += 1,
                None => waiting_earlier.push((earlier, 1)),
            },
            _ => {}
        }
    }
    waiting_earlier.sort();
    let mut bids: Vec<Bid> =
        year.into_iter().filter(|bid| board_month(bid).as_deref() == Some(&month)).collect();
    bids.sort_by(|a, b| (a.status.decided(), &a.submitted_at).cmp(&(b.status.decided(), &b.submitted_at)));
    let mut icss: Vec<OdsCode> = bids.iter().map(|bid| bid.ics_code.clone()).collect();
    icss.sort();
    icss.dedup();
    let published = super::funding::published_reviews(app, &icss, period).await?;
    let funds = funds
        .into_iter()
        .filter(|fund| fund.value.closing_date().is_some())
        .map(|fund| FundOnBoard {
            approved: approved_of(&approvals, fund.value.id()),
            bids: bids
                .iter()
                .filter(|bid| bid.lines.iter().any(|line| &line.fund == fund.value.id()))
                .map(|bid| bid.id.clone())
                .collect(),
            fund: fund.value,
        })
        .collect();
    let bids =
        bids.into_iter().map(|bid| BoardBid { maturity: maturity_of(&bid, &published), bid }).collect();
    Ok(Board { period: period.clone(), month, months, bids, funds, waiting_earlier })
}

/// A bid as the board sees it: with its funds, what each has approved so far, and the
/// applicant's maturity. 4 reads.
pub struct BidBeforeBoard {
    pub bid: BoardBid,
    pub funds: Vec<(Fund, Approved)>,
}

async fn bid_and_funds(
    app: &App,
    ods: &OdsCode,
    id: &BidId,
) -> Result<(Bid, Vec<Versioned<Fund>>, Vec<(FundId, Approved)>, Vec<PublishedLevels>), AppError> {
    let bid = app
        .store
        .get_bid(ods, id)
        .await?
        .filter(|bid| bid.status != BidStatus::Draft)
        .ok_or_else(|| AppError::NotFound(format!("{ods} has no submitted bid with id “{id}”.")))?;
    let (funds, approvals, outcomes) = tokio::try_join!(
        funds(app, &bid.period),
        async { Ok::<_, AppError>(app.store.list_fund_approvals(&bid.period).await?) },
        async { Ok::<_, AppError>(app.store.list_organisation_outcomes(ods).await?) },
    )?;
    let published: Vec<PublishedLevels> = outcomes
        .iter()
        .filter(|outcome| outcome.period <= bid.period)
        .map(PublishedLevels::from_outcome)
        .collect();
    Ok((bid, funds, approvals, published))
}

pub async fn before_board(
    app: &App,
    user: &User,
    ods: &OdsCode,
    id: &BidId,
) -> Result<BidBeforeBoard, AppError> {
    authorise(Some(user), Action::DecideBids, &Target::NONE)?;
    let (bid, funds, approvals, published) = bid_and_funds(app, ods, id).await?;
    let funds = funds
        .into_iter()
        .filter(|fund| bid.lines.iter().any(|line| &line.fund == fund.value.id()))
        .map(|fund| {
            let approved = approved_of(&approvals, fund.value.id());
            (fund.value, approved)
        })
        .collect();
    Ok(BidBeforeBoard { bid: BoardBid { maturity: maturity_of(&bid, &published), bid }, funds })
}

/// Records the board's decision: the bid's status and decision, and each fund's approvals, in
/// one transaction that refuses (writing nothing) if a fund would give more than it holds.
pub async fn decide(
    app: &App,
    user: &User,
    ods: &OdsCode,
    id: &BidId,
    form: DecisionForm,
) -> Result<Bid, AppError> {
    authorise(Some(user), Action::DecideBids, &Target::NONE)?;
    let (saved, funds, approvals, published) = bid_and_funds(app, ods, id).await?;
    if saved.status != BidStatus::Submitted {
        return Err(AppError::Conflict(format!(
            "The board has decided this bid already ({}).",
            saved.status.label().to_lowercase()
        )));
    }
    let stale = || {
        AppError::Conflict(format!(
            "The bid or one of its funds changed since version {} was read, so nothing was decided. Open it again.",
            saved.version
        ))
    };
    if form.version != saved.version {
        return Err(stale());
    }
    let now = app.clock.now();
    let decision = form
        .validate(&saved, applicant_maturity(&saved, &published), user.audit_name(), now.clone())
        .map_err(AppError::Invalid)?;
    let mut draws = Vec::new();
    let mut over = Vec::new();
    for line in &decision.approved {
        let Some(fund) = funds.iter().find(|fund| fund.value.id() == &line.fund) else {
            return Err(AppError::Conflict(format!(
                "There is no fund “{}” in {} any more.",
                line.fund, saved.period
            )));
        };
        if let Err(message) = within_fund(&fund.value, approved_of(&approvals, &line.fund), line) {
            over.push(wgll_shared::FieldError {
                field: wgll_shared::bids::amount_field(line.fund.as_str(), "capital"),
                message,
            });
        }
        draws.push(FundDraw { fund: &fund.value, fund_version: fund.version, line });
    }
    if !over.is_empty() {
        return Err(AppError::Invalid(over));
    }
    let bid = Bid {
        status: match decision.outcome {
            Outcome::Approve => BidStatus::Approved,
            Outcome::ApproveInPart => BidStatus::PartlyApproved,
            Outcome::Decline => BidStatus::Declined,
        },
        version: saved.version + 1,
        updated_by: user.audit_name(),
        updated_at: now,
        decision: Some(decision.clone()),
        ..saved.clone()
    };
    match app.store.decide_bid(&bid, &draws).await {
        Ok(()) => Ok(bid),
        Err(StoreError::Refused(Refusal::Closed)) => Err(AppError::Conflict(
            "Another decision approved money from the same fund meanwhile, and this one would now take it over what it holds: nothing was decided. Open the bid again to see what is left.".to_owned(),
        )),
        Err(StoreError::Refused(_)) => Err(stale()),
        Err(error) => Err(error.into()),
    }
}

/// Where the year's approvals went: by ICS, region and the applicants' maturity. 2 Queries.
pub async fn fairness(app: &App, user: &User, period: &Period) -> Result<Fairness, AppError> {
    authorise(Some(user), Action::ReadNationalFunding, &Target::NONE)?;
    let (bids, organisations) =
        tokio::try_join!(async { Ok::<_, AppError>(app.store.list_board(period).await?) }, async {
            Ok::<_, AppError>(app.store.list_organisations().await?)
        },)?;
    let names: Vec<(OdsCode, String)> = organisations
        .into_iter()
        .filter(|organisation| organisation.kind == OrganisationKind::Ics)
        .map(|ics| (ics.ods_code, ics.name))
        .collect();
    Ok(Fairness::build(period.clone(), &bids, &names))
}

impl Board {
    /// A row per bid and fund asked of, ODS codes on every row, amounts in pence.
    pub fn to_csv(&self) -> String {
        use wgll_shared::export::csv_row;
        let mut out = csv_row(
            [
                "Month",
                "Applicant ODS code",
                "Applicant",
                "ICS ODS code",
                "Region",
                "Bid",
                "Submitted",
                "Fund",
                "Capital asked (pence)",
                "Revenue asked (pence)",
                "Status",
                "Capital approved (pence)",
                "Revenue approved (pence)",
                "Maturity",
                "Strategic fit",
                "Value for money",
                "Total score",
                "Reason",
            ]
            .map(str::to_owned),
        );
        for each in &self.bids {
            let bid = &each.bid;
            for line in &bid.lines {
                let decision = bid.decision.as_ref();
                let given = decision
                    .and_then(|decision| decision.approved.iter().find(|given| given.fund == line.fund));
                let score = |pick: fn(&wgll_shared::review_board::Scores) -> u8| {
                    decision.map_or_else(String::new, |decision| pick(&decision.scores).to_string())
                };
                out.push_str(&csv_row([
                    self.month.clone(),
                    bid.ods_code.to_string(),
                    bid.name.clone(),
                    bid.ics_code.to_string(),
                    bid.region.map_or_else(String::new, |region| region.label().to_owned()),
                    bid.id.to_string(),
                    bid.submitted_at.as_ref().map_or_else(String::new, |at| at.date().to_string()),
                    line.fund.to_string(),
                    line.capital.get().to_string(),
                    line.revenue.get().to_string(),
                    bid.status.label().to_owned(),
                    decision.map_or_else(String::new, |_| {
                        given.map_or(0, |given| given.capital.get()).to_string()
                    }),
                    decision.map_or_else(String::new, |_| {
                        given.map_or(0, |given| given.revenue.get()).to_string()
                    }),
                    each.maturity.map_or_else(|| "No published review".to_owned(), |level| level.to_string()),
                    score(|scores| scores.strategic_fit),
                    score(|scores| scores.value_for_money),
                    score(|scores| scores.total()),
                    decision.map_or_else(String::new, |decision| decision.reason.clone()),
                ]));
            }
        }
        out
    }
}
