//! A financial year's funds (the shipped 2021/22 catalogue, or those administrators add for later
//! years), weighted populations, and the year's thresholds for the principle suggestion.

use super::super::{App, AppError, explain_refusal};
use crate::auth::rules::{Action, Target, authorise};
use crate::store::Refusal;
use wgll_shared::access::User;
use wgll_shared::funding::catalogue::{self, Catalogue};
use wgll_shared::funding::principles::suggestion::{self, SuggestionThresholds};
use wgll_shared::funding::records::{
    FundSuggestion, FundUpdate, FundingLogEntry, PopulationRecord, PopulationUpdate, ThresholdsUpdate,
    Versioned,
};
use wgll_shared::funding::{Fund, FundId, NewFund};
use wgll_shared::organisation::{OdsCode, OrganisationKind};
use wgll_shared::period::Period;

/// The shipped catalogue whose year this is, if one is.
fn shipped(period: &Period) -> Option<Catalogue> {
    catalogue::shipped_for(period)
}

fn shipped_refusal(period: &Period) -> AppError {
    AppError::Conflict(format!(
        "The funds of {period} are the published Unified Tech Fund catalogue, shipped with the service: they cannot be changed here."
    ))
}

/// A year's funds: the shipped catalogue's (version 0), or those stored (one Query).
pub async fn list(app: &App, user: &User, period: &Period) -> Result<Vec<Versioned<Fund>>, AppError> {
    authorise(Some(user), Action::ReadFunds, &Target::NONE)?;
    match shipped(period) {
        Some(found) => Ok(found.funds.into_iter().map(Versioned::unsaved).collect()),
        None => Ok(app.store.list_funds(period).await?),
    }
}

/// One fund of a year, or "not found" naming it.
pub(super) async fn find(app: &App, period: &Period, id: &FundId) -> Result<Versioned<Fund>, AppError> {
    let found = match shipped(period) {
        Some(found) => found.fund(id.as_str()).cloned().map(Versioned::unsaved),
        None => app.store.get_fund(period, id).await?,
    };
    found.ok_or_else(|| AppError::NotFound(format!("There is no fund “{id}” in {period}.")))
}

fn checked(form: &NewFund, period: &Period) -> Result<Fund, AppError> {
    let fund = form.validate().map_err(AppError::Invalid)?;
    if fund.period() != period {
        return Err(AppError::invalid("period", format!("This fund is for {}, not {period}", fund.period())));
    }
    Ok(fund)
}

/// Adds a fund to a later year than the shipped catalogue's.
pub async fn create(
    app: &App,
    user: &User,
    period: &Period,
    form: NewFund,
) -> Result<Versioned<Fund>, AppError> {
    authorise(Some(user), Action::ManageFunding, &Target::NONE)?;
    let fund = checked(&form, period)?;
    if shipped(period).is_some() {
        return Err(shipped_refusal(period));
    }
    let at = app.clock.now();
    let record = Versioned::saved(fund, 0, &user.audit_name(), at.clone());
    let entry = FundingLogEntry::fund_saved(&record.value, record.version, &user.audit_name(), &at);
    explain_refusal(app.store.save_fund(&record, &entry).await, |_| {
        AppError::Conflict(format!(
            "{period} already has a fund “{}”: change that one instead.",
            form.id.trim()
        ))
    })?;
    Ok(record)
}

/// Changes a fund, if nobody changed it since the version read.
pub async fn update(
    app: &App,
    user: &User,
    period: &Period,
    id: &FundId,
    form: FundUpdate,
) -> Result<Versioned<Fund>, AppError> {
    authorise(Some(user), Action::ManageFunding, &Target::NONE)?;
    if shipped(period).is_some() {
        return Err(shipped_refusal(period));
    }
    let fund = checked(&form.fund, period)?;
    if fund.id() != id {
        return Err(AppError::invalid("fund.id", format!("This is the fund “{id}”: its id cannot change")));
    }
    let before = find(app, period, id).await?;
    let stale = || {
        AppError::Conflict(format!(
            "The fund “{id}” was changed by someone else since you opened it. Reload it and make your change again."
        ))
    };
    if before.version != form.version {
        return Err(stale());
    }
    let at = app.clock.now();
    let record = Versioned::saved(fund, before.version, &user.audit_name(), at.clone());
    let entry = FundingLogEntry::fund_saved(&record.value, record.version, &user.audit_name(), &at);
    explain_refusal(app.store.save_fund(&record, &entry).await, |_| stale())?;
    Ok(record)
}

/// Every change to a fund, newest first.
pub async fn history(
    app: &App,
    user: &User,
    period: &Period,
    id: &FundId,
) -> Result<Vec<FundingLogEntry>, AppError> {
    authorise(Some(user), Action::ReadNationalFunding, &Target::NONE)?;
    find(app, period, id).await?;
    Ok(app.store.list_fund_history(period, id).await?)
}

/// Every weighted population recorded for a year (one Query).
pub async fn populations(
    app: &App,
    user: &User,
    period: &Period,
) -> Result<Vec<Versioned<PopulationRecord>>, AppError> {
    authorise(Some(user), Action::ReadNationalFunding, &Target::NONE)?;
    Ok(app.store.list_populations(period).await?)
}

/// Records an ICS's or organisation's weighted population for a year.
pub async fn save_population(
    app: &App,
    user: &User,
    period: &Period,
    ods: &OdsCode,
    form: PopulationUpdate,
) -> Result<Versioned<PopulationRecord>, AppError> {
    authorise(Some(user), Action::ManageFunding, &Target::NONE)?;
    let organisation = super::super::organisations::find(app, ods).await?;
    let record = form.validate(&organisation, period).map_err(AppError::Invalid)?;
    let saved = Versioned::saved(record, form.version, &user.audit_name(), app.clock.now());
    explain_refusal(app.store.save_population(&saved).await, |refusal| {
        AppError::Conflict(match refusal {
            Refusal::Stale if form.version == 0 => {
                format!(
                    "{ods}’s weighted population for {period} is recorded already: reload it and change that."
                )
            }
            _ => format!(
                "{ods}’s weighted population for {period} was changed by someone else since you read it: reload it."
            ),
        })
    })?;
    Ok(saved)
}

/// The year's thresholds: saved, or the slide's defaults at version 0.
/// The year's thresholds for the principle suggestion: those saved, or the defaults (version 0).
pub(crate) async fn thresholds(
    app: &App,
    period: &Period,
) -> Result<Versioned<SuggestionThresholds>, AppError> {
    Ok(app
        .store
        .get_suggestion_thresholds(period)
        .await?
        .unwrap_or_else(|| Versioned::unsaved(SuggestionThresholds::default())))
}

pub async fn save_thresholds(
    app: &App,
    user: &User,
    period: &Period,
    form: ThresholdsUpdate,
) -> Result<Versioned<SuggestionThresholds>, AppError> {
    authorise(Some(user), Action::ManageFunding, &Target::NONE)?;
    if form.thresholds.significant_share_below_percent > 100 {
        return Err(AppError::invalid(
            "thresholds.significantShareBelowPercent",
            "Enter a percentage from 0 to 100",
        ));
    }
    let saved = Versioned::saved(form.thresholds, form.version, &user.audit_name(), app.clock.now());
    explain_refusal(app.store.save_suggestion_thresholds(period, &saved).await, |_| {
        AppError::Conflict(format!(
            "The thresholds for {period} were changed by someone else since you read them: reload them."
        ))
    })?;
    Ok(saved)
}

/// Which principle suits a fund, from its recipients' published peer reviews under the year's
/// thresholds. The recipients are those named, or every ICS.
pub async fn suggestion(
    app: &App,
    user: &User,
    period: &Period,
    id: &FundId,
    recipients: Vec<OdsCode>,
) -> Result<FundSuggestion, AppError> {
    authorise(Some(user), Action::ReadNationalFunding, &Target::NONE)?;
    let fund = find(app, period, id).await?;
    let thresholds = thresholds(app, period).await?;
    let organisations = app.store.list_organisations().await?;
    let recipients = if recipients.is_empty() {
        organisations.iter().filter(|o| o.kind == OrganisationKind::Ics).map(|o| o.ods_code.clone()).collect()
    } else {
        recipients
    };
    let icss = super::allocations::their_icss(&recipients, &organisations);
    let reviews = super::published_reviews(app, &icss, period).await?;
    let suggestion = suggestion::suggest(fund.value.measures(), &recipients, &reviews, &thresholds.value);
    Ok(FundSuggestion { fund: id.clone(), suggestion, thresholds_version: thresholds.version })
}
