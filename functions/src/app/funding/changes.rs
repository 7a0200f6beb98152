//! An ICS's envelope split by provider and programme (the default allocation an administrator
//! sets), the net-neutral changes its lead proposes and an administrator approves or returns, and
//! its history.

use super::super::{App, AppError, explain_refusal};
use crate::auth::rules::{Action, Target, authorise};
use crate::random;
use crate::store::Refusal;
use wgll_shared::FieldError;
use wgll_shared::access::User;
use wgll_shared::funding::envelopes::SystemAllocation;
use wgll_shared::funding::records::{
    AllocationOf, ApproveChange, ChangeProposal, ChangeRecord, ChangeStatus, DefaultAllocationRequest,
    FundingLogEntry, ReturnChange, SystemView, Versioned,
};
use wgll_shared::funding::{Pence, changes::REASON_MAX};
use wgll_shared::ids::ChangeId;
use wgll_shared::organisation::OdsCode;
use wgll_shared::period::Period;

/// The ICS's allocation and its changes, as its lead and administrators see them.
pub async fn view(app: &App, user: &User, period: &Period, ics: &OdsCode) -> Result<SystemView, AppError> {
    authorise(Some(user), Action::ReadSystemFunding, &Target::of_ics(Some(ics)))?;
    let (ics, _) = super::ics_and_members(app, ics).await?;
    let records = app.store.get_system_records(&ics.ods_code, period).await?;
    Ok(SystemView {
        ics: ics.ods_code,
        period: period.clone(),
        allocation: records.allocation,
        changes: records.changes,
    })
}

/// Splits the ICS's saved envelope between its providers and programmes by the weights given.
pub async fn set_default(
    app: &App,
    user: &User,
    period: &Period,
    ics: &OdsCode,
    form: DefaultAllocationRequest,
) -> Result<Versioned<SystemAllocation>, AppError> {
    authorise(Some(user), Action::ManageFunding, &Target::of_ics(Some(ics)))?;
    let (ics, members) = super::ics_and_members(app, ics).await?;
    let mut errors = Vec::new();
    for (index, weight) in form.weights.iter().enumerate() {
        if !members.iter().any(|member| member.ods_code == weight.provider) {
            errors.push(FieldError::new(
                &format!("weights[{index}].provider"),
                format!("{} is not an organisation in {}", weight.provider, ics.ods_code),
            ));
        }
    }
    if !errors.is_empty() {
        return Err(AppError::Invalid(errors));
    }
    let envelopes = app.store.get_allocation(period, &AllocationOf::Envelopes).await?;
    let envelope = envelopes
        .map(|saved| {
            Pence::sum(
                saved
                    .lines
                    .iter()
                    .filter(|line| line.line.recipient() == &ics.ods_code)
                    .map(|line| line.line.amount()),
            )
            .unwrap_or_default()
        })
        .filter(|amount| *amount > Pence::ZERO)
        .ok_or_else(|| {
            AppError::Conflict(format!(
                "{} has no envelope for {period} yet: save the year's ICS envelopes first.",
                ics.ods_code
            ))
        })?;
    let allocation =
        SystemAllocation::default_for(ics.ods_code.clone(), period.clone(), envelope, &form.weights)
            .map_err(|error| AppError::invalid("weights", error.to_string()))?;
    let records = app.store.get_system_records(&ics.ods_code, period).await?;
    let current = records.allocation.map_or(0, |record| record.version);
    let stale = || {
        AppError::Conflict(format!(
            "{}’s allocation for {period} was changed since you read it: reload it.",
            ics.ods_code
        ))
    };
    if current != form.version {
        return Err(stale());
    }
    let at = app.clock.now();
    let record = Versioned::saved(allocation, current, &user.audit_name(), at.clone());
    let entry = FundingLogEntry::new(
        &user.audit_name(),
        &at,
        format!(
            "Set the default allocation of {envelope} across {} lines (version {})",
            record.value.lines().len(),
            record.version
        ),
    );
    explain_refusal(app.store.save_system_allocation(&record, &entry).await, |_| stale())?;
    Ok(record)
}

/// Records a net-neutral change to the ICS's allocation for an administrator to decide on;
/// refused field by field, with nothing written, unless it adds up to £0.00 and leaves no line
/// below zero.
pub async fn propose(
    app: &App,
    user: &User,
    period: &Period,
    ics: &OdsCode,
    form: ChangeProposal,
) -> Result<ChangeRecord, AppError> {
    authorise(Some(user), Action::ProposeFundingChange, &Target::of_ics(Some(ics)))?;
    let records = app.store.get_system_records(ics, period).await?;
    let current = records
        .allocation
        .ok_or_else(|| AppError::NotFound(format!("{ics} has no allocation for {period} to change yet.")))?;
    let moved_on = || {
        AppError::Conflict(format!(
            "{ics}’s allocation has changed since you read it (now version {}): reload it and propose the change again.",
            current.version
        ))
    };
    if current.version != form.allocation_version {
        return Err(moved_on());
    }
    let change = form.change().validate(&current.value, current.version).map_err(AppError::Invalid)?;
    let at = app.clock.now();
    let record =
        ChangeRecord::proposed(random::change_id(), period.clone(), change, &user.audit_name(), at.clone());
    let entry = FundingLogEntry::new(&user.audit_name(), &at, format!("Proposed {}", record.in_words()));
    explain_refusal(app.store.save_proposal(&record, &entry).await, |_| moved_on())?;
    Ok(record)
}

/// A proposed change at the version read, still waiting for a decision.
async fn pending(
    app: &App,
    period: &Period,
    ics: &OdsCode,
    id: &ChangeId,
    version: u64,
) -> Result<ChangeRecord, AppError> {
    let change = app
        .store
        .get_change(ics, period, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("{ics} has no proposed change {id} for {period}.")))?;
    if change.status != ChangeStatus::Proposed {
        return Err(AppError::Conflict("This change has been decided already.".to_owned()));
    }
    if change.version != version {
        return Err(AppError::Conflict("This change was updated since you read it: reload it.".to_owned()));
    }
    Ok(change)
}

/// Applies a proposed change: the new allocation version, the change approved and the history
/// entry in one transaction; refused if the allocation moved on since the change was checked.
pub async fn approve(
    app: &App,
    user: &User,
    period: &Period,
    ics: &OdsCode,
    id: &ChangeId,
    form: ApproveChange,
) -> Result<ChangeRecord, AppError> {
    authorise(Some(user), Action::ManageFunding, &Target::of_ics(Some(ics)))?;
    let change = pending(app, period, ics, id, form.version).await?;
    let records = app.store.get_system_records(ics, period).await?;
    let current = records
        .allocation
        .ok_or_else(|| AppError::Internal(format!("{ics} {period}: a change without an allocation")))?;
    let applied = change
        .change
        .clone()
        .apply(current.version)
        .map_err(|moved| AppError::Conflict(moved.to_string()))?;
    let at = app.clock.now();
    let allocation = Versioned::saved(applied, current.version, &user.audit_name(), at.clone());
    let decided = change.decided(ChangeStatus::Approved, "", &user.audit_name(), at.clone());
    let entry = FundingLogEntry::new(
        &user.audit_name(),
        &at,
        format!("Approved {} (allocation version {})", decided.in_words(), allocation.version),
    );
    explain_refusal(app.store.decide_change(&decided, Some(&allocation), &entry).await, |refusal| {
        AppError::Conflict(match refusal {
            Refusal::Stale => "This change was decided by someone else meanwhile: reload it.".to_owned(),
            _ => "The allocation changed while this change was being approved: reload it; the change must be proposed again.".to_owned(),
        })
    })?;
    Ok(decided)
}

/// Returns a proposed change to the ICS lead with a reason; the allocation is unchanged.
pub async fn send_back(
    app: &App,
    user: &User,
    period: &Period,
    ics: &OdsCode,
    id: &ChangeId,
    form: ReturnChange,
) -> Result<ChangeRecord, AppError> {
    authorise(Some(user), Action::ManageFunding, &Target::of_ics(Some(ics)))?;
    let reason = wgll_shared::validation::text(&form.reason, "why the change is returned", true, REASON_MAX)
        .map_err(|message| AppError::invalid("reason", message))?;
    let change = pending(app, period, ics, id, form.version).await?;
    let at = app.clock.now();
    let decided = change.decided(ChangeStatus::Returned, &reason, &user.audit_name(), at.clone());
    let entry =
        FundingLogEntry::new(&user.audit_name(), &at, format!("Returned {}: {reason}", decided.in_words()));
    explain_refusal(app.store.decide_change(&decided, None, &entry).await, |_| {
        AppError::Conflict("This change was decided by someone else meanwhile: reload it.".to_owned())
    })?;
    Ok(decided)
}

/// Everything that happened to the ICS's allocation for the year, newest first.
pub async fn history(
    app: &App,
    user: &User,
    period: &Period,
    ics: &OdsCode,
) -> Result<Vec<FundingLogEntry>, AppError> {
    authorise(Some(user), Action::ReadSystemFunding, &Target::of_ics(Some(ics)))?;
    let (ics, _) = super::ics_and_members(app, ics).await?;
    Ok(app.store.list_system_history(&ics.ods_code, period).await?)
}
