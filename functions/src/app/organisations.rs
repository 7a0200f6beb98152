//! Organisations: ICSs and the trusts and other bodies in them.

use super::{App, AppError, explain_refusal};
use crate::auth::rules::{Action, Target, authorise};
use crate::store::Refusal;
use wgll_shared::access::User;
use wgll_shared::organisation::{NewOrganisation, OdsCode, Organisation, OrganisationKind};

/// Every organisation by name, or only an ICS and its members.
pub async fn list(
    app: &App,
    caller: Option<&User>,
    ics: Option<&OdsCode>,
) -> Result<Vec<Organisation>, AppError> {
    authorise(caller, Action::ListOrganisations, &Target::NONE)?;
    Ok(match ics {
        None => app.store.list_organisations().await?,
        Some(ics) => app.store.list_ics_members(ics).await?,
    })
}

pub async fn create(app: &App, user: &User, form: NewOrganisation) -> Result<Organisation, AppError> {
    let valid = form.validate().map_err(AppError::Invalid)?;
    let action =
        if valid.kind() == OrganisationKind::Ics { Action::CreateIcs } else { Action::CreateOrganisation };
    let target =
        Target { organisation: Some(valid.ods_code()), ics: valid.ics_code(), reviewers: &[], region: None };
    authorise(Some(user), action, &target)?;
    let organisation = Organisation::new(valid, app.clock.now());
    explain_refusal(app.store.create_organisation(&organisation).await, |refusal| match refusal {
        Refusal::Missing => AppError::invalid(
            "icsCode",
            format!(
                "There is no ICS with ODS code {}: add the ICS first, or choose one from the list",
                organisation.ics()
            ),
        ),
        _ => AppError::Conflict(format!(
            "An organisation with ODS code {} already exists. Open it from the list of organisations instead.",
            organisation.ods_code
        )),
    })?;
    Ok(organisation)
}

pub async fn get(app: &App, caller: Option<&User>, ods: &OdsCode) -> Result<Organisation, AppError> {
    authorise(caller, Action::ReadOrganisation, &Target::NONE)?;
    find(app, ods).await
}

/// The organisation with this ODS code, or "not found" naming the code. Callers authorise first.
pub(crate) async fn find(app: &App, ods: &OdsCode) -> Result<Organisation, AppError> {
    let missing = || AppError::NotFound(format!("There is no organisation with ODS code “{ods}”."));
    app.store.get_organisation(ods).await?.ok_or_else(missing)
}

/// Records how the public can reach an organisation (its website, phone and address), over the
/// version the editor saw: those who may change its digital offer may change these.
pub async fn save_contact(
    app: &App,
    user: &User,
    ods: &OdsCode,
    update: &wgll_shared::contact::ContactUpdate,
    version: u64,
) -> Result<Organisation, AppError> {
    let organisation = find(app, ods).await?;
    authorise(Some(user), Action::EditOffer, &Target::of_organisation(&organisation))?;
    let contact = update.validate().map_err(AppError::Invalid)?;
    let stale = || {
        AppError::Conflict(format!(
            "{}’s details were changed by someone else since you opened them: check them and save again.",
            organisation.name
        ))
    };
    if organisation.version != version {
        return Err(stale());
    }
    let saved = organisation.with_contact(contact, app.clock.now());
    explain_refusal(app.store.update_organisation(&saved).await, |_| stale())?;
    Ok(saved)
}
