//! A round's progress (`wgll_shared::round_progress`) for the country, a region or an ICS:
//! administrators see any, a region's team its region and the ICSs in it, an ICS's lead their
//! ICS. A fixed number of reads whatever the size: the ICS's record (for an ICS), the round, the
//! organisations in scope (one Query: the ICS's members, or every organisation for a region or
//! the country) and the reviews' progress (one Query).

use super::{App, AppError};
use crate::auth::rules::{Action, Target, allows, authorise};
use wgll_shared::access::User;
use wgll_shared::organisation::{Organisation, OrganisationKind};
use wgll_shared::period::Period;
use wgll_shared::regions::Region;
use wgll_shared::round_progress::{ProgressScope, RoundProgress};

/// What the caller sees when they name no scope: the country for administrators, else their
/// first region, else the first ICS they lead (refused by the rule if none).
pub fn default_scope(user: &User) -> ProgressScope {
    if user.is_administrator() {
        return ProgressScope::Country;
    }
    if let Some(region) = user.regions().first() {
        return ProgressScope::Region(*region);
    }
    user.roles
        .iter()
        .find_map(|role| match role {
            wgll_shared::access::Role::IcsLead(ics) => Some(ProgressScope::Ics(ics.clone())),
            _ => None,
        })
        .unwrap_or(ProgressScope::Country)
}

/// Whether the rules let the caller see some round's progress: their [`default_scope`]'s.
pub fn may_see_some(user: &User) -> bool {
    let scope = default_scope(user);
    let target = match &scope {
        ProgressScope::Country => Target::NONE,
        ProgressScope::Region(region) => Target::of_region(Some(*region)),
        ProgressScope::Ics(ics) => Target::of_ics(Some(ics)),
    };
    allows(Some(user), Action::ReadRoundProgress, &target)
}

pub async fn progress(
    app: &App,
    user: &User,
    period: &Period,
    scope: &ProgressScope,
) -> Result<RoundProgress, AppError> {
    let (name, organisations) = match scope {
        ProgressScope::Country => {
            authorise(Some(user), Action::ReadRoundProgress, &Target::NONE)?;
            ("England".to_owned(), None)
        }
        ProgressScope::Region(region) => {
            authorise(Some(user), Action::ReadRoundProgress, &Target::of_region(Some(*region)))?;
            (region.label().to_owned(), None)
        }
        ProgressScope::Ics(code) => {
            // Its region's team may see it too, so the ICS's record comes first (organisations
            // are no secret: anyone signed in can list them).
            let ics = app
                .store
                .get_organisation(code)
                .await?
                .filter(|organisation| organisation.kind == OrganisationKind::Ics)
                .ok_or_else(|| AppError::NotFound(format!("There is no ICS with ODS code {code}.")))?;
            let target = Target { region: ics.region, ..Target::of_ics(Some(code)) };
            authorise(Some(user), Action::ReadRoundProgress, &target)?;
            (ics.name.clone(), Some(app.store.list_ics_members(code).await?))
        }
    };
    let round =
        app.store.get_round(period).await?.ok_or_else(|| {
            AppError::NotFound(format!("No assessment round has been opened for {period}."))
        })?;
    let organisations = match organisations {
        Some(members) => members,
        None => in_scope(app.store.list_organisations().await?, scope),
    };
    let reviews = app.store.list_round_progress(period, scope).await?;
    Ok(RoundProgress::build(&round, name, &organisations, &reviews, app.clock.today()))
}

/// The organisations of a region (those whose ICS is in it), or all of them for the country.
fn in_scope(all: Vec<Organisation>, scope: &ProgressScope) -> Vec<Organisation> {
    let ProgressScope::Region(region) = scope else {
        return all;
    };
    let in_region: Vec<_> = all
        .iter()
        .filter(|organisation| {
            organisation.kind == OrganisationKind::Ics && organisation.region == Some(*region)
        })
        .map(|ics| ics.ods_code.clone())
        .collect();
    all.into_iter().filter(|organisation| in_region.contains(organisation.ics())).collect()
}

/// Reads the scope a page or export names: a region's code or an ICS's ODS code, or neither.
pub fn parse_scope(user: &User, region: Option<&str>, ics: Option<&str>) -> Result<ProgressScope, AppError> {
    let named =
        |value: Option<&str>| value.map(str::trim).filter(|value| !value.is_empty()).map(str::to_owned);
    match (named(region), named(ics)) {
        (Some(_), Some(_)) => Err(AppError::invalid("region", "Choose a region or an ICS, not both")),
        (Some(region), None) if region == "england" => Ok(ProgressScope::Country),
        (Some(region), None) => Region::parse(&region)
            .map(ProgressScope::Region)
            .map_err(|message| AppError::invalid("region", message)),
        (None, Some(ics)) => wgll_shared::organisation::OdsCode::parse(&ics)
            .map(ProgressScope::Ics)
            .map_err(|message| AppError::invalid("ics", message)),
        (None, None) => Ok(default_scope(user)),
    }
}
