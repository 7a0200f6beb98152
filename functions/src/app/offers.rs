//! The citizen-facing digital offer: each organisation's record of the standard services
//! (signed-in users read it, the organisation's and its ICS's leads change it), an ICS's
//! consistency matrix with its exports, and the public view that anyone can read, which the JSON
//! API and the public pages both show.

use super::{App, AppError, explain_refusal};
use crate::auth::rules::{Action, Target, authorise};
use crate::store::offers::IcsRecords;
use serde::{Deserialize, Serialize};
use wgll_shared::access::User;
use wgll_shared::offer::{
    IcsOffer, OfferChange, OrganisationOffer, PublicIcs, PublicOffer, PublicOrganisation, SEARCH_CHARS,
    Service, ServiceId, ServiceOffer, ServiceOfferUpdate, catalogue, search,
};
use wgll_shared::organisation::{OdsCode, Organisation, OrganisationKind};
use wgll_shared::timestamp::Timestamp;

/// Public answers change rarely and are the same for everyone: browsers and CloudFront may keep
/// them for a few minutes, which matters on a slow connection.
pub const PUBLIC_CACHE: &str = "public, max-age=300";

/// The most organisations a search answers with: enough to choose from, small on a phone.
pub const SEARCH_RESULTS_MAX: usize = 20;

/// An organisation and its records, or "not found" naming the code.
async fn organisation_records(
    app: &App,
    ods: &OdsCode,
) -> Result<(Organisation, Vec<ServiceOffer>), AppError> {
    let missing = || AppError::NotFound(format!("There is no organisation with ODS code “{ods}”."));
    app.store.get_organisation_offer(ods).await?.ok_or_else(missing)
}

/// An ICS with its organisations and their records, or "not found" naming the code.
async fn ics_records(app: &App, ics: &OdsCode) -> Result<IcsRecords, AppError> {
    let missing = || AppError::NotFound(format!("There is no ICS with ODS code “{ics}”."));
    app.store
        .get_ics_records(ics)
        .await?
        .filter(|found| found.ics.kind == OrganisationKind::Ics)
        .ok_or_else(missing)
}

/// Every service in the catalogue with the organisation's record of it.
pub async fn organisation_offer(
    app: &App,
    caller: Option<&User>,
    ods: &OdsCode,
) -> Result<OrganisationOffer, AppError> {
    authorise(caller, Action::ReadOffer, &Target::NONE)?;
    let (organisation, records) = organisation_records(app, ods).await?;
    Ok(OrganisationOffer::new(organisation, records))
}

/// Saves an organisation's record of one service, if nobody saved it since it was read.
pub async fn save_service(
    app: &App,
    user: &User,
    ods: &OdsCode,
    service: &ServiceId,
    form: ServiceOfferUpdate,
) -> Result<ServiceOffer, AppError> {
    let (organisation, records) = organisation_records(app, ods).await?;
    authorise(Some(user), Action::EditOffer, &Target::of_organisation(&organisation))?;
    let service = wgll_shared::offer::service(service.as_str()).ok_or_else(|| {
        AppError::NotFound(format!(
            "There is no service “{service}” in the catalogue (version {}).",
            catalogue::VERSION
        ))
    })?;
    let valid = form.validate(app.clock.today()).map_err(AppError::Invalid)?;
    let before = records
        .into_iter()
        .find(|record| record.service == service.id)
        .unwrap_or_else(|| ServiceOffer::unrecorded(&organisation.ods_code, &service.service_id()));
    let stale = || {
        AppError::Conflict(format!(
            "{} was changed by someone else since you opened it. Reload the page to see their change, then make yours again.",
            service.name
        ))
    };
    if before.version != valid.expected_version() {
        return Err(stale());
    }
    let at = app.clock.now();
    let change = OfferChange::new(&before, &valid, &user.audit_name(), &at);
    let saved = ServiceOffer::saved(&before, valid, &user.name, at);
    explain_refusal(app.store.save_service_offer(&organisation, &saved, &change).await, |_| stale())?;
    Ok(saved)
}

/// Every change to the organisation's offer, newest first.
pub async fn history(app: &App, caller: Option<&User>, ods: &OdsCode) -> Result<Vec<OfferChange>, AppError> {
    authorise(caller, Action::ReadOffer, &Target::NONE)?;
    let (organisation, _) = organisation_records(app, ods).await?;
    Ok(app.store.list_offer_changes(&organisation.ods_code).await?)
}

/// The ICS's organisations × services, with coverage and gaps per service.
pub async fn ics_offer(app: &App, caller: Option<&User>, ics: &OdsCode) -> Result<IcsOffer, AppError> {
    authorise(caller, Action::ReadOffer, &Target::NONE)?;
    let found = ics_records(app, ics).await?;
    Ok(IcsOffer::new(found.ics, found.members, &found.records))
}

/// The JSON export of an ICS's mapping: every organisation with a record for every service.
#[derive(Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct OfferExport {
    /// `wgll-offer-export/1`.
    pub format: String,
    pub exported_at: Timestamp,
    pub catalogue_version: String,
    pub ics_code: OdsCode,
    pub organisations: Vec<OrganisationOffer>,
}

pub async fn export_ics_offer(
    app: &App,
    caller: Option<&User>,
    ics: &OdsCode,
) -> Result<OfferExport, AppError> {
    authorise(caller, Action::ReadOffer, &Target::NONE)?;
    let found = ics_records(app, ics).await?;
    let organisations = found
        .members
        .iter()
        .filter(|member| member.kind != OrganisationKind::Ics)
        .map(|member| {
            let own =
                found.records.iter().filter(|record| record.ods_code == member.ods_code).cloned().collect();
            OrganisationOffer::new(member.clone(), own)
        })
        .collect();
    Ok(OfferExport {
        format: "wgll-offer-export/1".to_owned(),
        exported_at: app.clock.now(),
        catalogue_version: catalogue::VERSION.to_owned(),
        ics_code: found.ics.ods_code.clone(),
        organisations,
    })
}

/// The mapping as CSV (one row per organisation and service, ODS codes first), with the ICS's code.
pub async fn ics_offer_csv(
    app: &App,
    caller: Option<&User>,
    ics: &OdsCode,
) -> Result<(OdsCode, String), AppError> {
    authorise(caller, Action::ReadOffer, &Target::NONE)?;
    let found = ics_records(app, ics).await?;
    let csv = wgll_shared::offer::to_csv(&found.ics, &found.members, &found.records);
    Ok((found.ics.ods_code, csv))
}

// Public: no sign-in, only live and pilot services, nothing internal.

/// The catalogue of standard digital services.
pub fn services(caller: Option<&User>) -> Result<&'static [Service], AppError> {
    authorise(caller, Action::ReadPublicInformation, &Target::NONE)?;
    Ok(catalogue::SERVICES)
}

/// Organisations (not ICSs) that `search` finds by the words of their name or town, or their ODS
/// code, best first (the rule is [`search`]'s): one Query for every organisation, then a pass
/// over them, whatever the number of organisations.
pub async fn find_public_organisations(
    app: &App,
    caller: Option<&User>,
    search: &str,
) -> Result<Vec<PublicOrganisation>, AppError> {
    authorise(caller, Action::ReadPublicInformation, &Target::NONE)?;
    let search = search.trim();
    if !SEARCH_CHARS.contains(&search.chars().count()) {
        return Err(AppError::invalid(
            "search",
            format!(
                "Enter at least {} letters of the organisation’s name or town, or its ODS code (at most {} characters)",
                SEARCH_CHARS.start(),
                SEARCH_CHARS.end()
            ),
        ));
    }
    let organisations = app.store.list_organisations().await?;
    Ok(search::rank(&organisations, search, SEARCH_RESULTS_MAX)
        .into_iter()
        .map(PublicOrganisation::from)
        .collect())
}

/// The services citizens can use at an organisation, live or in pilot, and their channels.
pub async fn public_offer(app: &App, caller: Option<&User>, ods: &OdsCode) -> Result<PublicOffer, AppError> {
    authorise(caller, Action::ReadPublicInformation, &Target::NONE)?;
    let (organisation, records) = organisation_records(app, ods).await?;
    Ok(PublicOffer::new(&organisation, &records))
}

/// Every ICS, by name.
pub async fn public_systems(app: &App, caller: Option<&User>) -> Result<Vec<PublicOrganisation>, AppError> {
    authorise(caller, Action::ReadPublicInformation, &Target::NONE)?;
    let organisations = app.store.list_organisations().await?;
    Ok(organisations
        .iter()
        .filter(|organisation| organisation.kind == OrganisationKind::Ics)
        .map(PublicOrganisation::from)
        .collect())
}

/// An ICS's organisations, each with how many services citizens can use there.
pub async fn public_ics(app: &App, caller: Option<&User>, ics: &OdsCode) -> Result<PublicIcs, AppError> {
    authorise(caller, Action::ReadPublicInformation, &Target::NONE)?;
    let found = ics_records(app, ics).await?;
    Ok(PublicIcs::new(&found.ics, &found.members, &found.records))
}

/// Takes a report from a member of the public (no sign-in) that something shown about an
/// organisation is wrong, for its leads: at most `REPORTS_PER_DAY` an organisation a day.
pub async fn report_problem(
    app: &App,
    ods: &OdsCode,
    form: &wgll_shared::contact::ProblemReportForm,
) -> Result<(), AppError> {
    use wgll_shared::contact::REPORTS_PER_DAY;
    let organisation = super::organisations::find(app, ods).await?;
    let report = form.validate(app.clock.now()).map_err(AppError::Invalid)?;
    super::explain_refusal(app.store.save_problem_report(ods, &report, REPORTS_PER_DAY).await, |_| {
        AppError::Conflict(format!(
            "{} has had many reports today. Try again tomorrow, or contact them directly.",
            organisation.name
        ))
    })
}

/// How many reports a lead sees: the latest.
pub const REPORTS_SHOWN: i32 = 20;

/// The latest reports from the public about an organisation, for those who may change what it
/// shows (its leads and administrators).
pub async fn problem_reports(
    app: &App,
    user: Option<&User>,
    organisation: &wgll_shared::organisation::Organisation,
) -> Result<Vec<wgll_shared::contact::ProblemReport>, AppError> {
    authorise(user, Action::EditOffer, &Target::of_organisation(organisation))?;
    Ok(app.store.list_problem_reports(&organisation.ods_code, REPORTS_SHOWN).await?)
}
