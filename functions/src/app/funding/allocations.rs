//! Allocations of a fund's pot by its principle, worked out from what is stored (weighted
//! populations, published peer reviews) and the request (who shares it, ranked investments),
//! previewed or saved; the year's ICS envelopes from a national pot; and who sees which lines.

use super::super::{App, AppError, explain_refusal};
use super::funds;
use crate::auth::rules::{Action, Target, allows, authorise};
use wgll_shared::FieldError;
use wgll_shared::access::User;
use wgll_shared::framework::MeasureNumber;
use wgll_shared::funding::envelopes::{EnvelopeBasis, IcsEnvelopes};
use wgll_shared::funding::principles::levelling_up;
use wgll_shared::funding::principles::{fair_shares, strategic};
use wgll_shared::funding::records::{
    AllocationOf, AllocationRequest, AllocationView, EnvelopesRequest, SavedAllocation, SavedLine,
};
use wgll_shared::funding::{Allocation, FundId, Pence, Principle};
use wgll_shared::organisation::{OdsCode, Organisation};
use wgll_shared::period::Period;

/// The recipients named, each an organisation there is: every bad one named at once.
fn recipients(codes: &[String], organisations: &[Organisation]) -> Result<Vec<OdsCode>, AppError> {
    let mut errors = Vec::new();
    let mut found = Vec::new();
    for (index, code) in codes.iter().enumerate() {
        let field = format!("recipients[{index}]");
        match OdsCode::parse(code) {
            Err(message) => errors.push(FieldError::new(&field, message)),
            Ok(code) if !organisations.iter().any(|o| o.ods_code == code) => {
                errors.push(FieldError::new(&field, format!("There is no organisation {code}")))
            }
            Ok(code) => found.push(code),
        }
    }
    if codes.is_empty() {
        errors.push(FieldError::new("recipients", "List who shares the pot, by ODS code"));
    }
    if errors.is_empty() { Ok(found) } else { Err(AppError::Invalid(errors)) }
}

/// The stored weighted populations of `recipients` for the year: "none recorded" for each without.
async fn populations(
    app: &App,
    period: &Period,
    recipients: &[OdsCode],
) -> Result<Vec<fair_shares::WeightedPopulation>, AppError> {
    let stored = app.store.list_populations(period).await?;
    let mut errors = Vec::new();
    let mut found = Vec::new();
    for (index, recipient) in recipients.iter().enumerate() {
        match stored.iter().find(|record| &record.value.population.recipient == recipient) {
            Some(record) => found.push(record.value.population.clone()),
            None => errors.push(FieldError::new(
                &format!("recipients[{index}]"),
                format!("No weighted population is recorded for {recipient} in {period}: record it first"),
            )),
        }
    }
    if errors.is_empty() { Ok(found) } else { Err(AppError::Invalid(errors)) }
}

/// The ICSs whose outcomes hold the recipients' reviews.
pub(super) fn their_icss(recipients: &[OdsCode], organisations: &[Organisation]) -> Vec<OdsCode> {
    let mut icss: Vec<OdsCode> = organisations
        .iter()
        .filter(|organisation| recipients.contains(&organisation.ods_code))
        .map(|organisation| organisation.ics().clone())
        .collect();
    icss.sort();
    icss.dedup();
    icss
}

fn refused(field: &str, error: impl ToString) -> AppError {
    AppError::invalid(field, error.to_string())
}

/// A fund's allocation worked out from the stored inputs and the request, and the organisations
/// read on the way (for the lines' ICSs).
async fn work_out(
    app: &App,
    period: &Period,
    principle: Principle,
    pot: Pence,
    measures: &[MeasureNumber],
    form: &AllocationRequest,
) -> Result<(Allocation, Vec<Organisation>), AppError> {
    let organisations = app.store.list_organisations().await?;
    let allocation = match principle {
        Principle::FairShares => {
            let recipients = recipients(&form.recipients, &organisations)?;
            let populations = populations(app, period, &recipients).await?;
            fair_shares::allocate(pot, &populations).map_err(|error| refused("recipients", error))?
        }
        Principle::LevellingUp => {
            let recipients = recipients(&form.recipients, &organisations)?;
            let reviews =
                super::published_reviews(app, &their_icss(&recipients, &organisations), period).await?;
            let policy = form.policy.unwrap_or_default();
            levelling_up::allocate(pot, measures, &recipients, &reviews, &policy)
                .map_err(|error| refused("recipients", error))?
        }
        Principle::StrategicInvestment => {
            for (index, investment) in form.investments.iter().enumerate() {
                if !organisations.iter().any(|o| o.ods_code == investment.recipient) {
                    return Err(refused(
                        &format!("investments[{index}].recipient"),
                        format!("There is no organisation {}", investment.recipient),
                    ));
                }
            }
            strategic::allocate(pot, &form.investments).map_err(|error| refused("investments", error))?
        }
    };
    Ok((allocation, organisations))
}

/// A fund's allocation by its principle, worked out and shown, not saved.
pub async fn preview(
    app: &App,
    user: &User,
    period: &Period,
    id: &FundId,
    form: AllocationRequest,
) -> Result<Allocation, AppError> {
    authorise(Some(user), Action::ManageFunding, &Target::NONE)?;
    let fund = funds::find(app, period, id).await?.value;
    let (allocation, _) =
        work_out(app, period, fund.principle(), fund.total(), fund.measures(), &form).await?;
    Ok(allocation)
}

/// Saves `allocation` over the version the request read.
async fn save(
    app: &App,
    user: &User,
    period: &Period,
    of: AllocationOf,
    allocation: &Allocation,
    organisations: &[Organisation],
    version: u64,
) -> Result<SavedAllocation, AppError> {
    let before = app.store.allocation_version(period, &of).await?;
    let stale = || {
        AppError::Conflict(
            "This allocation was saved by someone else since you read it: reload it and work it out again."
                .to_owned(),
        )
    };
    if before != version {
        return Err(stale());
    }
    let saved = SavedAllocation::new(
        period.clone(),
        of,
        allocation,
        organisations,
        version,
        &user.audit_name(),
        app.clock.now(),
    );
    explain_refusal(app.store.save_allocation(&saved).await, |_| stale())?;
    Ok(saved)
}

/// Works out a fund's allocation and saves it as the fund's allocation for the year.
pub async fn save_fund_allocation(
    app: &App,
    user: &User,
    period: &Period,
    id: &FundId,
    form: AllocationRequest,
) -> Result<SavedAllocation, AppError> {
    authorise(Some(user), Action::ManageFunding, &Target::NONE)?;
    let fund = funds::find(app, period, id).await?.value;
    let (allocation, organisations) =
        work_out(app, period, fund.principle(), fund.total(), fund.measures(), &form).await?;
    save(app, user, period, AllocationOf::Fund(id.clone()), &allocation, &organisations, form.version).await
}

/// The year's ICS envelopes worked out from the request, and the organisations read on the way.
async fn work_out_envelopes(
    app: &App,
    period: &Period,
    form: &EnvelopesRequest,
) -> Result<(IcsEnvelopes, Vec<Organisation>), AppError> {
    let organisations = app.store.list_organisations().await?;
    let basis = match form.principle {
        Principle::FairShares => {
            let icss = recipients(&form.recipients, &organisations)?;
            EnvelopeBasis::FairShares(populations(app, period, &icss).await?)
        }
        Principle::LevellingUp => {
            let icss = recipients(&form.recipients, &organisations)?;
            let reviews = super::published_reviews(app, &their_icss(&icss, &organisations), period).await?;
            let measures = wgll_shared::framework::MEASURE_NUMBERS.filter_map(MeasureNumber::new).collect();
            EnvelopeBasis::LevellingUp { icss, measures, reviews, policy: form.policy.unwrap_or_default() }
        }
        Principle::StrategicInvestment => EnvelopeBasis::StrategicInvestment(form.investments.clone()),
    };
    let envelopes =
        IcsEnvelopes::divide(form.pot, period.clone(), &organisations, &basis).map_err(AppError::Invalid)?;
    Ok((envelopes, organisations))
}

/// The year's ICS envelopes divided from a national pot by a principle, shown, not saved.
pub async fn preview_envelopes(
    app: &App,
    user: &User,
    period: &Period,
    form: &EnvelopesRequest,
) -> Result<Allocation, AppError> {
    authorise(Some(user), Action::ManageFunding, &Target::NONE)?;
    let (envelopes, _) = work_out_envelopes(app, period, form).await?;
    Ok(envelopes.allocation().clone())
}

/// Divides a national pot between ICSs by a principle and saves it as the year's envelopes.
pub async fn save_envelopes(
    app: &App,
    user: &User,
    period: &Period,
    form: EnvelopesRequest,
) -> Result<SavedAllocation, AppError> {
    authorise(Some(user), Action::ManageFunding, &Target::NONE)?;
    let (envelopes, organisations) = work_out_envelopes(app, period, &form).await?;
    save(app, user, period, AllocationOf::Envelopes, envelopes.allocation(), &organisations, form.version)
        .await
}

/// A saved allocation as `user` may see it: administrators every line and the national figures;
/// an organisation's lead its lines, an ICS's lead the lines of its ICS and members. Someone who
/// may see no line of it is refused.
pub async fn view(
    app: &App,
    user: &User,
    period: &Period,
    of: &AllocationOf,
) -> Result<AllocationView, AppError> {
    if let AllocationOf::Fund(id) = of {
        funds::find(app, period, id).await?;
    }
    let saved = app.store.get_allocation(period, of).await?.ok_or_else(|| {
        AppError::NotFound(match of {
            AllocationOf::Fund(id) => format!("The fund “{id}” has no saved allocation for {period} yet."),
            AllocationOf::Envelopes => format!("No ICS envelopes are saved for {period} yet."),
        })
    })?;
    let visible = |line: &SavedLine| {
        let target = Target {
            organisation: Some(line.line.recipient()),
            ics: Some(&line.ics),
            reviewers: &[],
            region: None,
        };
        allows(Some(user), Action::ReadAllocationLine, &target)
    };
    let national = allows(Some(user), Action::ReadNationalFunding, &Target::NONE);
    let view = AllocationView::of(&saved, visible, national);
    if view.lines.is_empty() && !national {
        authorise(Some(user), Action::ReadAllocationLine, &Target::NONE)?;
    }
    Ok(view)
}

/// The CSV of what `view` shows: one row per line, ODS codes first.
pub async fn csv(app: &App, user: &User, period: &Period, of: &AllocationOf) -> Result<String, AppError> {
    let shown = view(app, user, period, of).await?;
    let saved = SavedAllocation {
        period: shown.period.clone(),
        of: shown.of.clone(),
        principle: shown.principle,
        pot: Pence::ZERO,
        unallocated: Pence::ZERO,
        excluded: Vec::new(),
        lines: Vec::new(),
        version: shown.version,
        saved_at: shown.saved_at.clone(),
        saved_by: String::new(),
    };
    Ok(saved.to_csv(&shown.lines))
}
