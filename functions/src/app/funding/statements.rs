//! What the funding pages show, each read in a fixed number of Queries whatever the number of
//! organisations: the year's funds and ICS envelopes (national), one fund's allocation, an ICS's
//! funding (envelope, split, changes, earned autonomy, history) and an organisation's funding
//! (each pot's line for it, and its lines in its ICS's split). Every part is read through the
//! same functions, and so the same rules, as the JSON API; a part the caller may not see is left
//! out, not refused, so that each person sees their part of a page.

use super::super::{App, AppError};
use super::{allocations, autonomy, changes, funds};
use crate::auth::rules::{Action, Target, allows};
use wgll_shared::access::User;
use wgll_shared::funding::envelopes::SystemLine;
use wgll_shared::funding::records::{
    AllocationOf, AllocationView, AutonomyView, FundingLogEntry, SavedLine, SystemView, Versioned,
};
use wgll_shared::funding::{Fund, FundId};
use wgll_shared::organisation::{OdsCode, Organisation};
use wgll_shared::outcomes::LevellingUp;
use wgll_shared::period::Period;

/// A part of a page that is either there or, for this caller, not: not saved yet, or not theirs.
fn optional<T>(result: Result<T, AppError>) -> Result<Option<T>, AppError> {
    match result {
        Ok(value) => Ok(Some(value)),
        Err(AppError::NotFound(_) | AppError::Forbidden(_)) => Ok(None),
        Err(error) => Err(error),
    }
}

/// The financial year the funding pages open on: the newest, up to next year, with funds (the
/// shipped catalogue's year needs no read; each other year is one Query, newest first).
pub async fn newest_year(app: &App, user: &User) -> Result<Period, AppError> {
    let today = app.clock.today();
    let current =
        Period::containing(u16::try_from(today.year()).unwrap_or(Period::LAST_START), today.month());
    let mut year = current.start_year() + 1;
    while year >= Period::FIRST_START {
        let period = Period::starting(year);
        if !funds::list(app, user, &period).await?.is_empty() {
            return Ok(period);
        }
        year -= 1;
    }
    Ok(current)
}

/// The national page: the year's funds, and the ICS envelopes as far as the caller may see them.
pub struct National {
    pub period: Period,
    pub funds: Vec<Versioned<Fund>>,
    pub envelopes: Option<AllocationView>,
    /// Whether the caller sees national figures (every line, pots, what was left out).
    pub national: bool,
    /// Who is below the minimum on what, nationally, at the year's suggestion minimum (for those
    /// who may see the national levelling-up view).
    pub below_minimum: Option<LevellingUp>,
}

pub async fn national(app: &App, user: &User, period: &Period) -> Result<National, AppError> {
    let funds = funds::list(app, user, period).await?;
    let envelopes = optional(allocations::view(app, user, period, &AllocationOf::Envelopes).await)?;
    let national = allows(Some(user), Action::ReadNationalFunding, &Target::NONE);
    let below_minimum = match allows(Some(user), Action::ReadNationalOutcomes, &Target::NONE) {
        true => {
            let minimum = funds::thresholds(app, period).await?.value.minimum;
            Some(crate::app::outcomes::levelling_up(app, Some(user), None, period.clone(), minimum).await?)
        }
        false => None,
    };
    Ok(National { period: period.clone(), funds, envelopes, national, below_minimum })
}

/// One fund and its saved allocation as the caller may see it (none if not saved yet).
pub struct FundStatement {
    pub fund: Versioned<Fund>,
    pub allocation: Option<AllocationView>,
}

pub async fn fund(app: &App, user: &User, period: &Period, id: &FundId) -> Result<FundStatement, AppError> {
    let fund = funds::list(app, user, period)
        .await?
        .into_iter()
        .find(|fund| fund.value.id() == id)
        .ok_or_else(|| AppError::NotFound(format!("There is no fund “{id}” in {period}.")))?;
    let allocation = optional(allocations::view(app, user, period, &AllocationOf::Fund(id.clone())).await)?;
    Ok(FundStatement { fund, allocation })
}

/// An ICS's funding page: each part the caller may see.
pub struct IcsFunding {
    pub ics: Organisation,
    pub members: Vec<Organisation>,
    pub period: Period,
    /// The ICS's line of the year's envelopes.
    pub envelope: Option<SavedLine>,
    pub system: SystemView,
    pub autonomy: AutonomyView,
    pub history: Vec<FundingLogEntry>,
}

pub async fn ics(app: &App, user: &User, period: &Period, ics: &OdsCode) -> Result<IcsFunding, AppError> {
    // The rule first (inside `changes::view`), so nothing is read for someone it refuses.
    let system = changes::view(app, user, period, ics).await?;
    let (found, members) = super::ics_and_members(app, ics).await?;
    let envelopes = optional(allocations::view(app, user, period, &AllocationOf::Envelopes).await)?;
    let envelope =
        envelopes.and_then(|view| view.lines.into_iter().find(|line| line.line.recipient() == ics));
    let autonomy = autonomy::assessment(app, user, period, ics).await?;
    let history = changes::history(app, user, period, ics).await?;
    Ok(IcsFunding { ics: found, members, period: period.clone(), envelope, system, autonomy, history })
}

/// One pot's line for an organisation.
pub struct FromFund {
    pub fund: Fund,
    pub line: SavedLine,
}

/// An organisation's funding page: what it gets from which pot, and its lines in its ICS's split.
pub struct OrganisationFunding {
    pub organisation: Organisation,
    pub period: Period,
    pub from_funds: Vec<FromFund>,
    /// The ICS's envelope line, when the organisation is an ICS.
    pub envelope: Option<SavedLine>,
    /// Its lines in its ICS's split by provider and programme, and that split's version.
    pub system_lines: Vec<SystemLine>,
    pub system_version: Option<u64>,
    /// What the review board approved from its bids of the year, a line per bid and fund.
    pub approved_bids: Vec<ApprovedFromBid>,
}

/// One fund's part of an approved bid.
pub struct ApprovedFromBid {
    pub bid: wgll_shared::bids::Bid,
    pub fund_name: String,
    pub line: wgll_shared::bids::BidLine,
}

/// The organisation's lines of each of the year's funds' allocations, as `user` may see them:
/// one Query for the funds, then two reads for each fund's allocation (a fixed number, the
/// year's funds, whatever the number of lines). Callers authorise first.
pub async fn lines_from_funds(
    app: &App,
    user: &User,
    period: &Period,
    ods: &OdsCode,
) -> Result<Vec<FromFund>, AppError> {
    let mut from_funds = Vec::new();
    for fund in funds::list(app, user, period).await? {
        let of = AllocationOf::Fund(fund.value.id().clone());
        if let Some(view) = optional(allocations::view(app, user, period, &of).await)? {
            let mine = view.lines.into_iter().filter(|line| line.line.recipient() == ods);
            from_funds.extend(mine.map(|line| FromFund { fund: fund.value.clone(), line }));
        }
    }
    Ok(from_funds)
}

/// Reads the organisation's lines of the year's funds ([`lines_from_funds`]), the ICS's split,
/// keeping the organisation's lines, and its bids (one Query).
pub async fn organisation(
    app: &App,
    user: &User,
    period: &Period,
    ods: &OdsCode,
) -> Result<OrganisationFunding, AppError> {
    let organisation = crate::app::organisations::get(app, Some(user), ods).await?;
    crate::auth::rules::authorise(
        Some(user),
        Action::ReadAllocationLine,
        &Target::of_organisation(&organisation),
    )?;
    let funds = funds::list(app, user, period).await?;
    let from_funds = lines_from_funds(app, user, period, ods).await?;
    let envelope = optional(allocations::view(app, user, period, &AllocationOf::Envelopes).await)?
        .and_then(|view| view.lines.into_iter().find(|line| line.line.recipient() == ods));
    let system = app.store.get_system_records(organisation.ics(), period).await?;
    let (system_lines, system_version) = match system.allocation {
        Some(allocation) => (
            allocation.value.lines().iter().filter(|line| &line.key().provider == ods).cloned().collect(),
            Some(allocation.version),
        ),
        None => (Vec::new(), None),
    };
    let fund_name = |id: &FundId| {
        funds
            .iter()
            .find(|fund| fund.value.id() == id)
            .map_or_else(|| id.to_string(), |fund| fund.value.name().to_owned())
    };
    let mut approved_bids = Vec::new();
    for bid in app.store.list_bids(ods).await?.into_iter().filter(|bid| &bid.period == period) {
        for line in bid.decision.iter().flat_map(|decision| decision.approved.clone()) {
            approved_bids.push(ApprovedFromBid { bid: bid.clone(), fund_name: fund_name(&line.fund), line });
        }
    }
    Ok(OrganisationFunding {
        organisation,
        period: period.clone(),
        from_funds,
        envelope,
        system_lines,
        system_version,
        approved_bids,
    })
}
