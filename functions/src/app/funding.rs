//! Funding (Who Pays for What): a year's funds, weighted populations and settings (`funds`),
//! allocations of a fund's pot and the ICS envelopes (`allocations`), each ICS's split by provider
//! and programme with its net-neutral changes (`changes`), earned autonomy (`autonomy`), the
//! saved versions of allocations (`history`), the year's rules read on their own (`settings`), and
//! what the funding pages show (`statements`).

pub mod allocations;
pub mod autonomy;
pub mod changes;
pub mod funds;
pub mod history;
pub mod settings;
pub mod statements;

use super::{App, AppError};
use wgll_shared::funding::published::PublishedLevels;
use wgll_shared::organisation::{OdsCode, Organisation, OrganisationKind};
use wgll_shared::period::Period;

/// The ICS (checked to be one) and its members, from one Query.
async fn ics_and_members(app: &App, ics: &OdsCode) -> Result<(Organisation, Vec<Organisation>), AppError> {
    let missing = || AppError::NotFound(format!("There is no ICS with ODS code “{ics}”."));
    let members = app.store.list_ics_members(ics).await?;
    let found = members
        .iter()
        .find(|member| &member.ods_code == ics && member.kind == OrganisationKind::Ics)
        .cloned()
        .ok_or_else(missing)?;
    Ok((found, members))
}

/// The published peer reviews of these ICSs and their members up to `period`: one Query per ICS,
/// run side by side.
pub(crate) async fn published_reviews(
    app: &App,
    icss: &[OdsCode],
    period: &Period,
) -> Result<Vec<PublishedLevels>, AppError> {
    let mut queries = tokio::task::JoinSet::new();
    for ics in icss {
        let (store, ics) = (app.store.clone(), ics.clone());
        queries.spawn(async move { store.list_ics_outcomes(&ics, None).await });
    }
    let mut reviews = Vec::new();
    while let Some(result) = queries.join_next().await {
        let outcomes = result.map_err(|error| AppError::Internal(error.to_string()))??;
        reviews.extend(
            outcomes.iter().filter(|outcome| &outcome.period <= period).map(PublishedLevels::from_outcome),
        );
    }
    Ok(reviews)
}
