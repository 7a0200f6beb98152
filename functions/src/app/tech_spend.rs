//! What organisations spend on tech (`wgll_shared::tech_spend`): an organisation's leads (and
//! its ICS's, and administrators) record a year's spend and see it beside organisations of the
//! same kind and beside its maturity; an ICS's lead sees every member's, and where
//! under-investment and low maturity meet. Each page is a fixed number of reads.

use super::organisations::find;
use super::{App, AppError, explain_refusal};
use crate::auth::rules::{Action, Target, authorise};
use serde::Serialize;
use std::collections::BTreeMap;
use wgll_shared::access::User;
use wgll_shared::organisation::{OdsCode, Organisation, OrganisationKind};
use wgll_shared::outcomes::{Outcome, Spread};
use wgll_shared::period::Period;
use wgll_shared::tech_spend::{
    LOW_MATURITY_BELOW, SpendBenchmark, TechSpend, TechSpendChange, TechSpendUpdate, under_invested,
};

/// An organisation's spend for a year as its page shows it.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct TechSpendView {
    pub organisation: Organisation,
    pub period: Period,
    /// None until the year's spend is recorded.
    pub spend: Option<TechSpend>,
    /// Basis points of the budget.
    pub share_of_budget: Option<u64>,
    /// The year's weighted population (from funding), if recorded.
    pub population: Option<u64>,
    /// Pence a head of that population.
    pub per_head: Option<u64>,
    /// Organisations of the same kind in the same year.
    pub benchmark: SpendBenchmark,
    pub under_invested: bool,
    /// Its published peer review's agreed levels for the year, measure 1 first.
    pub levels: Option<Vec<Option<u8>>>,
    /// The median of those levels.
    pub median_level: Option<f32>,
    /// Its saved versions, every year's, newest first.
    pub history: Vec<TechSpendChange>,
}

/// The median of a published review's agreed levels.
fn median_level(outcome: &Outcome) -> Option<f32> {
    Spread::of(outcome.levels.iter().flatten().copied()).map(|spread| spread.median)
}

/// Every weighted population recorded for the year, by organisation (one Query).
async fn populations(app: &App, period: &Period) -> Result<BTreeMap<OdsCode, u64>, AppError> {
    Ok(app
        .store
        .list_populations(period)
        .await?
        .into_iter()
        .map(|record| (record.value.population.recipient, record.value.population.weighted_population))
        .collect())
}

/// A kind's benchmark for the year: one Query, with the year's populations.
async fn benchmark(
    app: &App,
    kind: OrganisationKind,
    period: &Period,
    populations: &BTreeMap<OdsCode, u64>,
) -> Result<SpendBenchmark, AppError> {
    let spends = app.store.list_tech_spend_of_kind(kind, period).await?;
    let with_populations: Vec<(&TechSpend, Option<u64>)> =
        spends.iter().map(|spend| (spend, populations.get(&spend.ods_code).copied())).collect();
    Ok(SpendBenchmark::of(kind, period, &with_populations))
}

/// The organisation's page: 6 reads (the organisation, its spend, its kind's, the populations,
/// its outcome and its history).
pub async fn view(app: &App, user: &User, ods: &OdsCode, period: &Period) -> Result<TechSpendView, AppError> {
    let organisation = find(app, ods).await?;
    authorise(Some(user), Action::ReadTechSpend, &Target::of_organisation(&organisation))?;
    let spend = app.store.get_tech_spend(ods, period).await?;
    let populations = populations(app, period).await?;
    let benchmark = benchmark(app, organisation.kind, period, &populations).await?;
    let outcome = app.store.get_outcome(ods, period).await?;
    let history = app.store.list_tech_spend_history(ods).await?;
    let population = populations.get(ods).copied();
    let share_of_budget = spend.as_ref().and_then(TechSpend::share_of_budget);
    Ok(TechSpendView {
        per_head: spend.as_ref().zip(population).and_then(|(spend, population)| spend.per_head(population)),
        under_invested: under_invested(share_of_budget, &benchmark),
        share_of_budget,
        population,
        benchmark,
        median_level: outcome.as_ref().and_then(median_level),
        levels: outcome.map(|outcome| outcome.levels),
        organisation,
        period: period.clone(),
        spend,
        history,
    })
}

/// Records the year's spend over the version read.
pub async fn record(
    app: &App,
    user: &User,
    ods: &OdsCode,
    period: &Period,
    update: TechSpendUpdate,
) -> Result<TechSpend, AppError> {
    let organisation = find(app, ods).await?;
    authorise(Some(user), Action::RecordTechSpend, &Target::of_organisation(&organisation))?;
    let valid = update.validate().map_err(AppError::Invalid)?;
    let spend = TechSpend {
        ods_code: organisation.ods_code.clone(),
        name: organisation.name.clone(),
        kind: organisation.kind,
        ics_code: organisation.ics().clone(),
        period: period.clone(),
        lines: valid.lines,
        budget: valid.budget,
        recorded_by: user.audit_name(),
        version: valid.expected_version + 1,
        updated_at: app.clock.now(),
    };
    explain_refusal(app.store.save_tech_spend(&spend).await, |_| {
        AppError::Conflict(format!(
            "{}’s {period} tech spend was saved by someone else since you opened it, so this was not saved. Open it again to see theirs.",
            organisation.name
        ))
    })?;
    Ok(spend)
}

/// One member of an ICS on its tech spend page.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IcsSpendRow {
    pub ods_code: OdsCode,
    pub name: String,
    pub kind: OrganisationKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<u64>)]
    pub total: Option<wgll_shared::funding::Pence>,
    /// Basis points of its budget.
    pub share_of_budget: Option<u64>,
    /// Pence a head of its weighted population.
    pub per_head: Option<u64>,
    /// Its kind's median share of budget, once enough have recorded.
    pub kind_median_share: Option<u64>,
    pub under_invested: bool,
    /// The median of its published agreed levels for the year.
    pub median_level: Option<f32>,
    pub low_maturity: bool,
}

impl IcsSpendRow {
    /// Where under-investment and low maturity meet.
    pub fn both(&self) -> bool {
        self.under_invested && self.low_maturity
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct IcsTechSpend {
    pub ics_code: OdsCode,
    pub ics_name: String,
    pub period: Period,
    /// The ICS first, then its members by name.
    pub rows: Vec<IcsSpendRow>,
}

/// An ICS's members' spend beside their maturity: the ICS's record, its members, their spends,
/// their outcomes, the populations, and one benchmark Query per kind among them (seven kinds of
/// organisation at most).
pub async fn ics_view(
    app: &App,
    user: &User,
    ics: &OdsCode,
    period: &Period,
) -> Result<IcsTechSpend, AppError> {
    let record = find(app, ics).await?;
    authorise(Some(user), Action::ReadSystemTechSpend, &Target::of_ics(Some(ics)))?;
    if record.kind != OrganisationKind::Ics {
        return Err(AppError::NotFound(format!("{} ({ics}) is not an ICS.", record.name)));
    }
    let members = app.store.list_ics_members(ics).await?;
    let spends: BTreeMap<OdsCode, TechSpend> = app
        .store
        .list_ics_tech_spend(ics, period)
        .await?
        .into_iter()
        .map(|spend| (spend.ods_code.clone(), spend))
        .collect();
    let outcomes: BTreeMap<OdsCode, Outcome> = app
        .store
        .list_ics_outcomes(ics, Some(period))
        .await?
        .into_iter()
        .map(|outcome| (outcome.ods_code.clone(), outcome))
        .collect();
    let populations = populations(app, period).await?;
    let mut benchmarks = BTreeMap::new();
    for kind in members.iter().map(|member| member.kind) {
        if let std::collections::btree_map::Entry::Vacant(entry) = benchmarks.entry(kind.code()) {
            entry.insert(benchmark(app, kind, period, &populations).await?);
        }
    }
    let mut rows: Vec<IcsSpendRow> = members
        .iter()
        .map(|member| {
            let spend = spends.get(&member.ods_code);
            let share = spend.and_then(TechSpend::share_of_budget);
            let benchmark = &benchmarks[member.kind.code()];
            let median = outcomes.get(&member.ods_code).and_then(median_level);
            IcsSpendRow {
                ods_code: member.ods_code.clone(),
                name: member.name.clone(),
                kind: member.kind,
                total: spend.map(TechSpend::total),
                share_of_budget: share,
                per_head: spend
                    .zip(populations.get(&member.ods_code))
                    .and_then(|(spend, people)| spend.per_head(*people)),
                kind_median_share: benchmark.share_of_budget.map(|spread| spread.median),
                under_invested: under_invested(share, benchmark),
                median_level: median,
                low_maturity: median.is_some_and(|median| median < LOW_MATURITY_BELOW),
            }
        })
        .collect();
    rows.sort_by_key(|row| (row.kind != OrganisationKind::Ics, row.name.to_lowercase()));
    Ok(IcsTechSpend { ics_code: ics.clone(), ics_name: record.name, period: period.clone(), rows })
}

impl IcsTechSpend {
    /// A row per organisation, ODS codes on each; money in pounds, shares in per cent.
    pub fn to_csv(&self) -> String {
        let header = [
            "ICS ODS code",
            "Period",
            "ODS code",
            "Organisation",
            "Kind",
            "Tech spend (£)",
            "Share of budget (%)",
            "Spend per head (£)",
            "Median share of its kind (%)",
            "Under-invested",
            "Median maturity level",
            "Low maturity",
        ];
        let mut csv = wgll_shared::export::csv_row(header.map(str::to_owned));
        let pounds = |pence: u64| format!("{}.{:02}", pence / 100, pence % 100);
        let yes = |flag: bool| if flag { "Yes" } else { "" }.to_owned();
        for row in &self.rows {
            csv.push_str(&wgll_shared::export::csv_row([
                self.ics_code.to_string(),
                self.period.to_string(),
                row.ods_code.to_string(),
                row.name.clone(),
                row.kind.label().to_owned(),
                row.total.map_or(String::new(), |total| pounds(total.get())),
                row.share_of_budget.map_or(String::new(), pounds),
                row.per_head.map_or(String::new(), pounds),
                row.kind_median_share.map_or(String::new(), pounds),
                yes(row.under_invested),
                row.median_level.map_or(String::new(), wgll_shared::outcomes::format_level),
                yes(row.low_maturity),
            ]));
        }
        csv
    }
}
