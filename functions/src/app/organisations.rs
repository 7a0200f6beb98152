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
    let target = Target { organisation: Some(valid.ods_code()), ics: valid.ics_code(), reviewers: &[] };
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
