//! Benefits, planned and realised (`wgll_shared::benefits`): an organisation's leads (and its
//! ICS's, and administrators) see its funded items of a year (its bids the review board approved
//! and its lines of the year's funds' allocations) each with its benefits, add a benefit to one,
//! and record what was realised; an ICS's lead sees planned against realised across its members.
//! Every page is a fixed number of reads whatever the data.

use super::funding::statements::{self, FromFund};
use super::organisations::find;
use super::{App, AppError, explain_refusal};
use crate::auth::rules::{Action, Target, allows, authorise};
use serde::Serialize;
use std::collections::BTreeMap;
use wgll_shared::access::User;
use wgll_shared::actions::PlannedAction;
use wgll_shared::benefits::{
    Benefit, BenefitStatus, FundedBy, FundedItem, NewBenefit, RealisedUpdate, Tally, csv_pounds,
};
use wgll_shared::funding::Pence;
use wgll_shared::ids::{ActionId, BenefitId};
use wgll_shared::organisation::{OdsCode, Organisation, OrganisationKind};
use wgll_shared::period::Period;

/// A benefit with where it stands today.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BenefitView {
    pub benefit: Benefit,
    pub status: BenefitStatus,
}

/// A funded item and its benefits.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FundedBenefits {
    pub funded_by: FundedBy,
    pub title: String,
    /// What it was given, in pence; none when the item no longer funds the organisation (an
    /// allocation saved again without its line), though its benefits stay.
    #[schema(value_type = Option<u64>)]
    pub amount: Option<Pence>,
    pub benefits: Vec<BenefitView>,
}

/// An organisation's funded items of a year with their benefits, as its page shows them.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OrganisationBenefits {
    pub organisation: Organisation,
    pub period: Period,
    /// Its approved bids of the year first, then its lines of the year's funds.
    pub funded: Vec<FundedBenefits>,
    pub tally: Tally,
    /// Its actions, which a benefit may say it addresses.
    pub actions: Vec<PlannedAction>,
}

async fn organisation_for(app: &App, user: &User, ods: &OdsCode) -> Result<Organisation, AppError> {
    let organisation = find(app, ods).await?;
    authorise(Some(user), Action::RecordBenefits, &Target::of_organisation(&organisation))?;
    Ok(organisation)
}

/// The organisation's lines of the year's funds, one funded item per fund.
fn allocation_items(period: &Period, lines: &[FromFund]) -> Vec<FundedItem> {
    let mut by_fund: BTreeMap<&str, (&FromFund, Vec<Pence>)> = BTreeMap::new();
    for line in lines {
        by_fund
            .entry(line.fund.id().as_str())
            .or_insert_with(|| (line, Vec::new()))
            .1
            .push(line.line.line.amount());
    }
    let mut items: Vec<FundedItem> = by_fund
        .into_values()
        .map(|(first, amounts)| {
            FundedItem::of_allocation(period, first.fund.id(), first.fund.name(), &amounts)
        })
        .collect();
    items.sort_by(|a, b| a.title.cmp(&b.title));
    items
}

/// The page: the organisation, its bids, the year's funds and their allocations (two reads each),
/// its benefits and its actions.
pub async fn view(
    app: &App,
    user: &User,
    ods: &OdsCode,
    period: &Period,
) -> Result<OrganisationBenefits, AppError> {
    let organisation = organisation_for(app, user, ods).await?;
    let mut bids = app.store.list_bids(ods).await?;
    bids.retain(|bid| &bid.period == period);
    bids.sort_by(|a, b| a.created_at.cmp(&b.created_at));
    let mut items: Vec<FundedItem> = bids.iter().filter_map(|bid| FundedItem::of_bid(bid).ok()).collect();
    items.extend(allocation_items(period, &statements::lines_from_funds(app, user, period, ods).await?));
    let mut benefits = app.store.list_benefits(ods).await?;
    benefits.retain(|benefit| &benefit.period == period);
    benefits.sort_by(|a, b| (a.due, &a.created_at).cmp(&(b.due, &b.created_at)));
    let actions = app.store.list_organisation_actions(ods).await?;
    let today = app.clock.today();
    let tally = Tally::of(&benefits, today);
    let with_status = |benefit: Benefit| BenefitView { status: benefit.status(today), benefit };
    let mut funded: Vec<FundedBenefits> = items
        .into_iter()
        .map(|item| FundedBenefits {
            benefits: Vec::new(),
            funded_by: item.funded_by,
            title: item.title,
            amount: Some(item.amount),
        })
        .collect();
    for benefit in benefits {
        match funded.iter_mut().find(|item| item.funded_by == benefit.funded_by) {
            Some(item) => item.benefits.push(with_status(benefit)),
            None => funded.push(FundedBenefits {
                funded_by: benefit.funded_by.clone(),
                title: benefit.funded_title.clone(),
                amount: None,
                benefits: vec![with_status(benefit)],
            }),
        }
    }
    Ok(OrganisationBenefits { organisation, period: period.clone(), funded, tally, actions })
}

/// The funded item `form` names, read: the bid it names (one GetItem), or the fund's allocation
/// for the year (the year's funds and that allocation); or why it names none.
async fn funded_item(
    app: &App,
    user: &User,
    organisation: &Organisation,
    form: &NewBenefit,
) -> Result<Result<FundedItem, String>, AppError> {
    let ods = &organisation.ods_code;
    let bids = match form.funded_by.bid() {
        Some(id) => app.store.get_bid(ods, &id).await?.into_iter().collect(),
        None => Vec::new(),
    };
    let mut allocations = Vec::new();
    if let Some((period, fund)) = form.funded_by.allocation() {
        match statements::fund(app, user, &period, &fund).await {
            Ok(statement) => {
                let amounts: Vec<Pence> = statement
                    .allocation
                    .iter()
                    .flat_map(|view| &view.lines)
                    .filter(|line| line.line.recipient() == ods)
                    .map(|line| line.line.amount())
                    .collect();
                if !amounts.is_empty() {
                    let name = statement.fund.value.name().to_owned();
                    allocations.push(FundedItem::of_allocation(&period, &fund, &name, &amounts));
                }
            }
            // No such fund that year: the form is told the allocation gives it nothing.
            Err(AppError::NotFound(_)) => {}
            Err(other) => return Err(other),
        }
    }
    Ok(form.funded_by.find(&bids, &allocations))
}

/// Adds a benefit to one of the organisation's funded items.
pub async fn add(app: &App, user: &User, ods: &OdsCode, form: NewBenefit) -> Result<Benefit, AppError> {
    let organisation = organisation_for(app, user, ods).await?;
    let funded = funded_item(app, user, &organisation, &form).await?;
    let actions: Vec<ActionId> =
        app.store.list_organisation_actions(ods).await?.into_iter().map(|action| action.id).collect();
    let valid = form.validate(funded, &actions, &organisation.name).map_err(AppError::Invalid)?;
    let benefit =
        valid.into_benefit(crate::random::benefit_id(), &organisation, user.audit_name(), app.clock.now());
    explain_refusal(app.store.save_benefit(&benefit).await, |_| {
        AppError::Conflict("A benefit with this id exists already: send it again.".to_owned())
    })?;
    Ok(benefit)
}

fn stale(saved: &Benefit, read: u64) -> AppError {
    AppError::Conflict(format!(
        "“{}” was saved by someone else since version {read} was read, so this was not saved. Open it again to see theirs.",
        saved.description
    ))
}

/// Records a value realised over the version read.
pub async fn record_realised(
    app: &App,
    user: &User,
    ods: &OdsCode,
    id: &BenefitId,
    update: RealisedUpdate,
) -> Result<Benefit, AppError> {
    organisation_for(app, user, ods).await?;
    let saved = app
        .store
        .get_benefit(ods, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("{ods} has no benefit with id “{id}”.")))?;
    if update.version != saved.version {
        return Err(stale(&saved, update.version));
    }
    let now = app.clock.now();
    let realised = update
        .validate(saved.unit, app.clock.today(), user.audit_name(), now.clone())
        .map_err(AppError::Invalid)?;
    let mut benefit = saved.with_realised(realised).map_err(|message| AppError::invalid("value", message))?;
    benefit.version = saved.version + 1;
    benefit.updated_by = user.audit_name();
    benefit.updated_at = now;
    explain_refusal(app.store.save_benefit(&benefit).await, |_| stale(&saved, saved.version))?;
    Ok(benefit)
}

/// The benefits an organisation's action plan shows beside the actions they address: none for
/// someone who may not see them (one Query otherwise).
pub async fn of_organisation_for_actions(
    app: &App,
    user: &User,
    organisation: &Organisation,
) -> Result<Vec<Benefit>, AppError> {
    if !allows(Some(user), Action::RecordBenefits, &Target::of_organisation(organisation)) {
        return Ok(Vec::new());
    }
    Ok(app.store.list_benefits(&organisation.ods_code).await?)
}

/// The benefits an ICS's list of actions shows beside them: none for someone who may not see
/// its members' benefits (one Query otherwise).
pub async fn of_ics_for_actions(app: &App, user: &User, ics: &OdsCode) -> Result<Vec<Benefit>, AppError> {
    if !allows(Some(user), Action::ReadSystemBenefits, &Target::of_ics(Some(ics))) {
        return Ok(Vec::new());
    }
    Ok(app.store.list_ics_benefits(ics).await?)
}

/// One member of an ICS: its benefits counted by status, and its cash planned and realised.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IcsBenefitsRow {
    pub ods_code: OdsCode,
    pub name: String,
    pub kind: OrganisationKind,
    pub tally: Tally,
}

/// Planned against realised across an ICS's members.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IcsBenefits {
    pub ics_code: OdsCode,
    pub ics_name: String,
    /// The ICS first, then its members by name; every member, with benefits or not.
    pub rows: Vec<IcsBenefitsRow>,
    /// Every row's together.
    pub totals: Tally,
    /// Every benefit, by organisation, soonest due first.
    pub benefits: Vec<BenefitView>,
}

/// An ICS's members' benefits: 3 reads (the ICS, its members, their benefits).
pub async fn ics_view(app: &App, user: &User, ics: &OdsCode) -> Result<IcsBenefits, AppError> {
    let record = find(app, ics).await?;
    authorise(Some(user), Action::ReadSystemBenefits, &Target::of_ics(Some(ics)))?;
    if record.kind != OrganisationKind::Ics {
        return Err(AppError::NotFound(format!("{} ({ics}) is not an ICS.", record.name)));
    }
    let members = app.store.list_ics_members(ics).await?;
    let mut benefits = app.store.list_ics_benefits(ics).await?;
    benefits.sort_by(|a, b| (&a.ods_code, a.due, &a.created_at).cmp(&(&b.ods_code, b.due, &b.created_at)));
    let today = app.clock.today();
    let mut rows: Vec<IcsBenefitsRow> = members
        .iter()
        .map(|member| IcsBenefitsRow {
            ods_code: member.ods_code.clone(),
            name: member.name.clone(),
            kind: member.kind,
            tally: Tally::of(benefits.iter().filter(|benefit| benefit.ods_code == member.ods_code), today),
        })
        .collect();
    rows.sort_by_key(|row| (row.kind != OrganisationKind::Ics, row.name.to_lowercase()));
    let totals = rows.iter().fold(Tally::default(), |totals, row| totals.plus(row.tally));
    let benefits =
        benefits.into_iter().map(|benefit| BenefitView { status: benefit.status(today), benefit }).collect();
    Ok(IcsBenefits { ics_code: ics.clone(), ics_name: record.name, rows, totals, benefits })
}

impl IcsBenefits {
    /// A row per member, ODS codes on each; money in pounds to the penny.
    pub fn to_csv(&self) -> String {
        let header = [
            "ICS ODS code",
            "ODS code",
            "Organisation",
            "Kind",
            "Benefits",
            "Met",
            "On track",
            "Not yet",
            "Overdue",
            "Cash-releasing planned (£)",
            "Cash-releasing realised (£)",
        ];
        let mut csv = wgll_shared::export::csv_row(header.map(str::to_owned));
        for row in &self.rows {
            let tally = &row.tally;
            csv.push_str(&wgll_shared::export::csv_row([
                self.ics_code.to_string(),
                row.ods_code.to_string(),
                row.name.clone(),
                row.kind.label().to_owned(),
                tally.benefits.to_string(),
                tally.met.to_string(),
                tally.on_track.to_string(),
                tally.not_yet.to_string(),
                tally.overdue.to_string(),
                csv_pounds(tally.cash_planned),
                csv_pounds(tally.cash_realised),
            ]));
        }
        csv
    }
}
