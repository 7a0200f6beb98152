//! Outcomes for ICS leads: the ICS dashboard (heatmap and roll-up), trends, benchmarks and
//! levelling up. Every figure is worked out in `wgll_shared::outcomes` from the outcome items that
//! publishing a peer review writes; each reads a fixed number of Queries whatever the number of
//! reviews.

use super::organisations;
use super::{App, AppError};
use crate::auth::rules::{Action, Target, authorise};
use wgll_shared::access::User;
use wgll_shared::maturity::MaturityLevel;
use wgll_shared::organisation::{OdsCode, Organisation, OrganisationKind};
use wgll_shared::outcomes::{Benchmark, IcsDashboard, IcsTrends, LevellingUp, Outcome, Trend};
use wgll_shared::period::Period;

/// The ICS (checked to be one) and its members, from one Query.
async fn ics_and_members(app: &App, ics: &OdsCode) -> Result<(Organisation, Vec<Organisation>), AppError> {
    let missing = || AppError::NotFound(format!("There is no ICS with ODS code “{ics}”."));
    let members = app.store.list_ics_members(ics).await?;
    let ics = members
        .iter()
        .find(|member| &member.ods_code == ics && member.kind == OrganisationKind::Ics)
        .cloned()
        .ok_or_else(missing)?;
    Ok((ics, members))
}

/// The ICS's dashboard for a period: the newest with a published peer review when `period` is
/// `None`, or the current financial year when there is none yet.
pub async fn dashboard(
    app: &App,
    caller: Option<&User>,
    ics: &OdsCode,
    period: Option<Period>,
) -> Result<IcsDashboard, AppError> {
    authorise(caller, Action::ReadIcsOutcomes, &Target::of_ics(Some(ics)))?;
    let (ics, members) = ics_and_members(app, ics).await?;
    // Every period's outcomes (at most one per member and period): the period list comes with them.
    let outcomes = app.store.list_ics_outcomes(&ics.ods_code, None).await?;
    let period = period
        .or_else(|| IcsDashboard::latest_period(&outcomes))
        .unwrap_or_else(|| app.clock.current_period());
    Ok(IcsDashboard::new(&ics, &members, period, &outcomes))
}

/// Each measure's levels across the ICS's organisations, year by year.
pub async fn ics_trends(app: &App, caller: Option<&User>, ics: &OdsCode) -> Result<IcsTrends, AppError> {
    authorise(caller, Action::ReadIcsOutcomes, &Target::of_ics(Some(ics)))?;
    let ics = organisations::find(app, ics).await?;
    if ics.kind != OrganisationKind::Ics {
        return Err(AppError::NotFound(format!("{} is not an ICS.", ics.ods_code)));
    }
    let outcomes = app.store.list_ics_outcomes(&ics.ods_code, None).await?;
    Ok(IcsTrends::new(&ics, &outcomes))
}

/// One organisation's levels, year by year.
pub async fn organisation_trend(app: &App, user: &User, ods: &OdsCode) -> Result<Trend, AppError> {
    let organisation = organisations::find(app, ods).await?;
    authorise(Some(user), Action::ReadOrganisationOutcomes, &Target::of_organisation(&organisation))?;
    let outcomes = app.store.list_organisation_outcomes(&organisation.ods_code).await?;
    let outcomes: Vec<&Outcome> = outcomes.iter().collect();
    Ok(Trend::new(organisation.ods_code.clone(), organisation.name.clone(), &outcomes))
}

/// An organisation's levels beside its peers' (the same kind of organisation) for a period.
pub async fn benchmark(app: &App, user: &User, ods: &OdsCode, period: Period) -> Result<Benchmark, AppError> {
    let organisation = organisations::find(app, ods).await?;
    authorise(Some(user), Action::ReadOrganisationOutcomes, &Target::of_organisation(&organisation))?;
    let peers = app.store.list_peer_outcomes(organisation.kind, &period).await?;
    Ok(Benchmark::new(&organisation, period, &peers))
}

/// The organisations below `minimum` on each measure, in one ICS or (administrators) nationally.
pub async fn levelling_up(
    app: &App,
    caller: Option<&User>,
    ics: Option<OdsCode>,
    period: Period,
    minimum: MaturityLevel,
) -> Result<LevellingUp, AppError> {
    match &ics {
        Some(ics) => authorise(caller, Action::ReadIcsOutcomes, &Target::of_ics(Some(ics)))?,
        None => authorise(caller, Action::ReadNationalOutcomes, &Target::NONE)?,
    }
    let outcomes = match &ics {
        Some(ics) => app.store.list_ics_outcomes(ics, Some(&period)).await?,
        // Every ICS: one Query per kind of organisation (a fixed 7), run side by side.
        None => {
            let mut queries = tokio::task::JoinSet::new();
            for kind in OrganisationKind::ALL.into_iter().filter(|kind| *kind != OrganisationKind::Ics) {
                let (store, period) = (app.store.clone(), period.clone());
                queries.spawn(async move { store.list_peer_outcomes(kind, &period).await });
            }
            let mut outcomes = Vec::new();
            while let Some(result) = queries.join_next().await {
                outcomes.extend(result.map_err(|error| AppError::Internal(error.to_string()))??);
            }
            outcomes
        }
    };
    let thresholds = super::funding::funds::thresholds(app, &period).await?;
    Ok(LevellingUp::new(period, minimum.value(), ics, &outcomes, &thresholds.value))
}
