//! The citizen-facing digital offer: which of the standard digital services (the [`catalogue`])
//! each organisation offers, at what stage, and on which channels; an ICS's consistency across
//! its organisations; and the public view, which shows only what citizens can use today.

pub mod catalogue;
pub mod search;

use crate::Validated;
use crate::date::{Date, Month, optional_month};
use crate::organisation::{OdsCode, Organisation, OrganisationKind};
use crate::timestamp::Timestamp;
use crate::validation::{self, Errors};
use serde::{Deserialize, Serialize};

/// One standard digital service, in plain English.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Service {
    /// Stable id, e.g. `test-results`.
    pub id: &'static str,
    pub name: &'static str,
    pub description: &'static str,
}

impl Service {
    /// Its id as records name it. (A test checks every catalogue id is a well-formed one.)
    pub fn service_id(&self) -> ServiceId {
        ServiceId(self.id.to_owned())
    }
}

/// The service with this id in the current catalogue.
pub fn service(id: &str) -> Option<&'static Service> {
    catalogue::SERVICES.iter().find(|service| service.id == id)
}

/// A service's id as a record or an address names it: lower-case letters and digits in words
/// joined by hyphens, e.g. `test-results`. Whether the catalogue has it is [`service`]'s answer,
/// not this type's, so a record of a service a later catalogue drops still reads.
/// (Its OpenAPI schema, in `schema.rs`, lists the catalogue's ids.)
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct ServiceId(String);

impl ServiceId {
    /// The longest id, in characters.
    pub const MAX_LEN: usize = 60;

    pub fn parse(input: &str) -> Result<Self, String> {
        let words_of_letters_and_digits = !input.is_empty()
            && input.len() <= Self::MAX_LEN
            && input.split('-').all(|word| {
                !word.is_empty() && word.chars().all(|c| c.is_ascii_lowercase() || c.is_ascii_digit())
            });
        if words_of_letters_and_digits {
            Ok(Self(input.to_owned()))
        } else {
            Err(format!(
                "“{input}” is not a service’s id: an id is lower-case words joined by hyphens, like test-results"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for ServiceId {
    type Error = String;

    fn try_from(value: String) -> Result<Self, String> {
        Self::parse(&value)
    }
}

impl From<ServiceId> for String {
    fn from(id: ServiceId) -> String {
        id.0
    }
}

impl std::fmt::Display for ServiceId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<&str> for ServiceId {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

impl PartialEq<str> for ServiceId {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

/// How far an organisation has got with a service.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ServiceStatus {
    #[default]
    NotOffered,
    Planned,
    /// Offered to some patients while it is tried out.
    Pilot,
    Live,
}

impl ServiceStatus {
    pub const ALL: [ServiceStatus; 4] =
        [ServiceStatus::NotOffered, ServiceStatus::Planned, ServiceStatus::Pilot, ServiceStatus::Live];

    pub fn code(self) -> &'static str {
        match self {
            ServiceStatus::NotOffered => "not-offered",
            ServiceStatus::Planned => "planned",
            ServiceStatus::Pilot => "pilot",
            ServiceStatus::Live => "live",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            ServiceStatus::NotOffered => "Not offered",
            ServiceStatus::Planned => "Planned",
            ServiceStatus::Pilot => "Pilot",
            ServiceStatus::Live => "Live",
        }
    }

    /// Citizens can use the service today, so the public page shows it.
    pub fn is_public(self) -> bool {
        matches!(self, ServiceStatus::Pilot | ServiceStatus::Live)
    }
}

/// Where a citizen reaches a service.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    NhsApp,
    PatientPortal,
    NhsWebsite,
    OwnWebsiteOrApp,
    Other,
}

impl Channel {
    pub const ALL: [Channel; 5] = [
        Channel::NhsApp,
        Channel::PatientPortal,
        Channel::NhsWebsite,
        Channel::OwnWebsiteOrApp,
        Channel::Other,
    ];

    pub fn code(self) -> &'static str {
        match self {
            Channel::NhsApp => "nhs-app",
            Channel::PatientPortal => "patient-portal",
            Channel::NhsWebsite => "nhs-website",
            Channel::OwnWebsiteOrApp => "own-website-or-app",
            Channel::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::NhsApp => "NHS App",
            Channel::PatientPortal => "Patient portal",
            Channel::NhsWebsite => "NHS website",
            Channel::OwnWebsiteOrApp => "The organisation’s own website or app",
            Channel::Other => "Another way",
        }
    }
}

/// The channels in words: "NHS App and patient portal".
pub fn channels_in_words(channels: &[Channel]) -> String {
    let labels: Vec<&str> = channels.iter().map(|channel| channel.label()).collect();
    match labels.as_slice() {
        [] => String::new(),
        [only] => (*only).to_owned(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

/// One organisation's record of one service. An organisation with no record for a service has
/// not mapped it yet, which reads as not offered (version 0).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ServiceOffer {
    pub ods_code: OdsCode,
    /// The service's id in the catalogue.
    pub service: ServiceId,
    pub status: ServiceStatus,
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Since when (a month, `YYYY-MM`): for a planned service, when it is expected.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub since: Option<Month>,
    /// A link to where the service is described or to the evidence for it (internal).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub source: String,
    /// Where patients use the service (an https address), shown to the public while it is live or
    /// in pilot.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub public_link: String,
    /// When someone last checked this record; none until first recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_checked: Option<Date>,
    pub version: u64,
    /// When it was last saved; none until first recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<Timestamp>,
    /// Who last changed it.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub updated_by: String,
}

impl ServiceOffer {
    /// What an organisation that has not mapped a service yet shows for it.
    pub fn unrecorded(ods_code: &OdsCode, service: &ServiceId) -> Self {
        Self {
            ods_code: ods_code.clone(),
            service: service.clone(),
            status: ServiceStatus::NotOffered,
            channels: Vec::new(),
            since: None,
            source: String::new(),
            public_link: String::new(),
            last_checked: None,
            version: 0,
            updated_at: None,
            updated_by: String::new(),
        }
    }
}

pub const SOURCE_MAX: usize = 500;

/// A change to one service record, as the form sends it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ServiceOfferUpdate {
    pub status: ServiceStatus,
    /// At least one for a pilot or live service; none for one not offered.
    #[serde(default)]
    pub channels: Vec<Channel>,
    /// Since when (a month, `YYYY-MM`); not in the future unless the service is planned.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::optional_month))]
    pub since: String,
    /// A link to where the service is described, or to the evidence for it.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::source_link))]
    pub source: String,
    /// Where patients use the service: an `https://` address, shown to the public.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::public_link))]
    pub public_link: String,
    /// When someone last checked this record; not in the future.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = crate::date::Date, required = true))]
    pub last_checked: String,
    /// The version the editor saw (0 for a service not recorded before).
    pub version: u64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct ValidServiceOfferUpdate {
    pub(crate) status: ServiceStatus,
    pub(crate) channels: Vec<Channel>,
    pub(crate) since: Option<Month>,
    pub(crate) source: String,
    pub(crate) public_link: String,
    pub(crate) last_checked: Date,
    pub(crate) expected_version: u64,
}

impl ValidServiceOfferUpdate {
    /// The version the editor saw (0 for a service not recorded before).
    pub fn expected_version(&self) -> u64 {
        self.expected_version
    }
}

impl ServiceOfferUpdate {
    /// Checks the update against the rules, given today's date, so that nothing is said to have
    /// been checked, or to have started, in the future.
    pub fn validate(&self, today: Date) -> Validated<ValidServiceOfferUpdate> {
        let mut errors = Errors::default();
        let mut channels = self.channels.clone();
        channels.sort();
        channels.dedup();
        match self.status {
            ServiceStatus::Pilot | ServiceStatus::Live if channels.is_empty() => errors.add(
                "channels",
                "Choose at least one channel where patients can use the service, or change its status",
            ),
            ServiceStatus::NotOffered if !channels.is_empty() => errors.add(
                "channels",
                "A service that is not offered has no channels: untick them, or change its status",
            ),
            _ => {}
        }
        let since = errors.check("since", optional_month(&self.since)).flatten();
        if since.is_some_and(|month| month > Month::of(today)) && self.status != ServiceStatus::Planned {
            errors.add(
                "since",
                "The month it started cannot be in the future: for a service still to come, choose Planned",
            );
        }
        let source = errors.check("source", source_link(&self.source));
        let public_link = errors.check("publicLink", public_link(&self.public_link));
        let last_checked = errors
            .check("lastChecked", Date::parse_labelled(&self.last_checked, "the date it was last checked"));
        if let Some(checked) = last_checked
            && checked > today
        {
            errors.add("lastChecked", "The date it was last checked cannot be in the future");
        }
        match (errors.is_empty(), source, public_link, last_checked) {
            (true, Some(source), Some(public_link), Some(last_checked)) => Ok(ValidServiceOfferUpdate {
                status: self.status,
                channels,
                since,
                source,
                public_link,
                last_checked,
                expected_version: self.version,
            }),
            _ => Err(errors.into_vec()),
        }
    }
}

/// What [`public_link`] accepts: nothing, or an https address whose host has a dot.
pub const PUBLIC_LINK_PATTERN: &str =
    r"^(https://[^/\s\u0000-\u001F\u007F-\u009F]*\.[^\s\u0000-\u001F\u007F-\u009F]*)?$";

/// Where patients use a service: nothing, or an `https://` address with a host (a citizen follows
/// it, so never plain http).
fn public_link(value: &str) -> Result<String, String> {
    let value = validation::text(value, "the link for patients", false, SOURCE_MAX)?;
    if value.is_empty() {
        return Ok(value);
    }
    match value.strip_prefix("https://") {
        Some(rest)
            if rest.split('/').next().is_some_and(|host| host.contains('.'))
                && !value.contains(char::is_whitespace) =>
        {
            Ok(value)
        }
        _ => Err(format!(
            "Enter the link for patients as a web address starting with https://, like https://www.nhs.uk/nhs-app/ (you entered “{value}”)"
        )),
    }
}

/// What [`source_link`] accepts: nothing, or an http(s) address whose host has a dot.
pub const SOURCE_PATTERN: &str =
    r"^(https?://[^/\s\u0000-\u001F\u007F-\u009F]*\.[^\s\u0000-\u001F\u007F-\u009F]*)?$";

/// An optional web link: `https://` (or `http://`) with a host, no spaces.
fn source_link(value: &str) -> Result<String, String> {
    let value = validation::text(value, "the source link", false, SOURCE_MAX)?;
    if value.is_empty() {
        return Ok(value);
    }
    let host = value.strip_prefix("https://").or_else(|| value.strip_prefix("http://"));
    match host {
        Some(rest)
            if rest.split('/').next().is_some_and(|host| host.contains('.'))
                && !value.contains(char::is_whitespace) =>
        {
            Ok(value)
        }
        _ => Err(format!(
            "Enter the source as a web address starting with https://, like https://www.nhs.uk/ (you entered “{value}”)"
        )),
    }
}

/// An organisation with a record for every service in the catalogue, in catalogue order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OrganisationOffer {
    pub organisation: Organisation,
    pub catalogue_version: String,
    pub services: Vec<ServiceOffer>,
}

impl OrganisationOffer {
    /// Fills in the services an organisation has not recorded, and drops records of services no
    /// longer in the catalogue.
    pub fn new(organisation: Organisation, recorded: Vec<ServiceOffer>) -> Self {
        let services = catalogue::SERVICES
            .iter()
            .map(|service| {
                recorded.iter().find(|offer| offer.service == service.id).cloned().unwrap_or_else(|| {
                    ServiceOffer::unrecorded(&organisation.ods_code, &service.service_id())
                })
            })
            .collect();
        Self { organisation, catalogue_version: catalogue::VERSION.to_owned(), services }
    }

    pub fn offer(&self, service: &str) -> Option<&ServiceOffer> {
        self.services.iter().find(|offer| offer.service == service)
    }
}

/// A change to an organisation's offer, kept for its history.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OfferChange {
    pub ods_code: OdsCode,
    pub service: ServiceId,
    pub at: Timestamp,
    /// Who changed it: name and email address.
    pub actor: String,
    /// The change in words, e.g. "Planned → Live; channels: NHS App".
    pub summary: String,
}

impl ServiceOffer {
    /// The record after `update`, saved by `editor` (a name) at `at`: the next version.
    pub fn saved(
        before: &ServiceOffer,
        update: ValidServiceOfferUpdate,
        editor: &str,
        at: Timestamp,
    ) -> Self {
        ServiceOffer {
            ods_code: before.ods_code.clone(),
            service: before.service.clone(),
            status: update.status,
            channels: update.channels,
            since: update.since,
            source: update.source,
            public_link: update.public_link,
            last_checked: Some(update.last_checked),
            version: update.expected_version + 1,
            updated_at: Some(at),
            updated_by: editor.to_owned(),
        }
    }
}

impl OfferChange {
    /// The log entry for a change from `before` to `after`, made by `actor` (name and email).
    pub fn new(before: &ServiceOffer, after: &ValidServiceOfferUpdate, actor: &str, at: &Timestamp) -> Self {
        OfferChange {
            ods_code: before.ods_code.clone(),
            service: before.service.clone(),
            at: at.clone(),
            actor: actor.to_owned(),
            summary: describe_change(before, after),
        }
    }
}

/// What changed between two records of a service, in words.
pub fn describe_change(before: &ServiceOffer, after: &ValidServiceOfferUpdate) -> String {
    let mut parts = Vec::new();
    if before.version == 0 || before.status != after.status {
        parts.push(if before.version == 0 {
            format!("Recorded as {}", after.status.label())
        } else {
            format!("{} → {}", before.status.label(), after.status.label())
        });
    }
    if before.channels != after.channels {
        let channels = channels_in_words(&after.channels);
        parts.push(format!("channels: {}", if channels.is_empty() { "none".to_owned() } else { channels }));
    }
    if before.since != after.since {
        parts.push(format!(
            "since: {}",
            after.since.map_or_else(|| "not given".to_owned(), |month| month.to_string())
        ));
    }
    if before.source != after.source {
        parts.push(format!("source: {}", if after.source.is_empty() { "removed" } else { &after.source }));
    }
    if before.public_link != after.public_link {
        let link = if after.public_link.is_empty() { "removed" } else { &after.public_link };
        parts.push(format!("link for patients: {link}"));
    }
    if parts.is_empty() {
        parts.push("Checked, no change".to_owned());
    }
    format!("{}; last checked {}", parts.join("; "), after.last_checked)
}

// ---------------------------------------------------------------------------------------------
// An ICS's consistency
// ---------------------------------------------------------------------------------------------

/// One organisation's row in the ICS matrix: a status per service, in catalogue order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OfferRow {
    pub ods_code: OdsCode,
    pub name: String,
    pub kind: OrganisationKind,
    pub statuses: Vec<ServiceStatus>,
}

/// How consistently one service is offered across an ICS's organisations.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ServiceCoverage {
    pub service: String,
    pub name: String,
    pub live: usize,
    pub pilot: usize,
    pub planned: usize,
    pub not_offered: usize,
    /// Organisations in the ICS (the denominator).
    pub organisations: usize,
    /// Percentage of the organisations with the service live, rounded down.
    pub live_percent: u8,
    /// The organisations without the service live: the gaps that make the offer inconsistent.
    pub gaps: Vec<OdsCode>,
}

/// An ICS's organisations × the catalogue, with coverage per service.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct IcsOffer {
    pub ics: Organisation,
    pub catalogue_version: String,
    /// Service ids, in the order of every row's statuses.
    pub services: Vec<String>,
    pub rows: Vec<OfferRow>,
    pub coverage: Vec<ServiceCoverage>,
    /// Services live at every organisation in the ICS (the consistent part of the offer).
    pub consistent_services: usize,
}

impl IcsOffer {
    /// Builds the matrix from the ICS's members (the ICS itself is left out: the offer is what its
    /// organisations give citizens) and every service record held for them.
    pub fn new(ics: Organisation, members: Vec<Organisation>, records: &[ServiceOffer]) -> Self {
        let mut organisations: Vec<Organisation> =
            members.into_iter().filter(|member| member.kind != OrganisationKind::Ics).collect();
        organisations.sort_by_key(|a| a.name.to_lowercase());
        let status = |ods: &OdsCode, service: &str| {
            records
                .iter()
                .find(|record| &record.ods_code == ods && record.service == service)
                .map_or(ServiceStatus::NotOffered, |record| record.status)
        };
        let rows: Vec<OfferRow> = organisations
            .iter()
            .map(|organisation| OfferRow {
                ods_code: organisation.ods_code.clone(),
                name: organisation.name.clone(),
                kind: organisation.kind,
                statuses: catalogue::SERVICES
                    .iter()
                    .map(|service| status(&organisation.ods_code, service.id))
                    .collect(),
            })
            .collect();
        let coverage: Vec<ServiceCoverage> = catalogue::SERVICES
            .iter()
            .enumerate()
            .map(|(index, service)| {
                let count =
                    |wanted: ServiceStatus| rows.iter().filter(|row| row.statuses[index] == wanted).count();
                let live = count(ServiceStatus::Live);
                ServiceCoverage {
                    service: service.id.to_owned(),
                    name: service.name.to_owned(),
                    live,
                    pilot: count(ServiceStatus::Pilot),
                    planned: count(ServiceStatus::Planned),
                    not_offered: count(ServiceStatus::NotOffered),
                    organisations: rows.len(),
                    live_percent: if rows.is_empty() { 0 } else { (live * 100 / rows.len()) as u8 },
                    gaps: rows
                        .iter()
                        .filter(|row| row.statuses[index] != ServiceStatus::Live)
                        .map(|row| row.ods_code.clone())
                        .collect(),
                }
            })
            .collect();
        let consistent_services =
            coverage.iter().filter(|coverage| coverage.organisations > 0 && coverage.gaps.is_empty()).count();
        Self {
            ics,
            catalogue_version: catalogue::VERSION.to_owned(),
            services: catalogue::SERVICES.iter().map(|service| service.id.to_owned()).collect(),
            rows,
            coverage,
            consistent_services,
        }
    }
}

/// Every service record of an ICS as CSV, one row per organisation and service, ODS codes first.
pub fn to_csv(ics: &Organisation, members: &[Organisation], records: &[ServiceOffer]) -> String {
    let mut csv = crate::export::csv_row(
        [
            "ICS ODS code",
            "Organisation ODS code",
            "Organisation",
            "Service id",
            "Service",
            "Status",
            "Channels",
            "Since",
            "Source",
            "Link for patients",
            "Last checked",
            "Catalogue version",
        ]
        .map(str::to_owned),
    );
    for member in members.iter().filter(|member| member.kind != OrganisationKind::Ics) {
        let offer = OrganisationOffer::new(
            member.clone(),
            records.iter().filter(|r| r.ods_code == member.ods_code).cloned().collect(),
        );
        for (record, service) in offer.services.iter().zip(catalogue::SERVICES) {
            csv.push_str(&crate::export::csv_row([
                ics.ods_code.to_string(),
                member.ods_code.to_string(),
                member.name.clone(),
                service.id.to_owned(),
                service.name.to_owned(),
                record.status.code().to_owned(),
                record.channels.iter().map(|channel| channel.code()).collect::<Vec<_>>().join(";"),
                record.since.map(|month| month.to_string()).unwrap_or_default(),
                record.source.clone(),
                record.public_link.clone(),
                record.last_checked.map(|date| date.to_string()).unwrap_or_default(),
                catalogue::VERSION.to_owned(),
            ]));
        }
    }
    csv
}

// ---------------------------------------------------------------------------------------------
// The public view: only what citizens can use, nothing internal
// ---------------------------------------------------------------------------------------------

/// An organisation as the public sees it in a list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PublicOrganisation {
    pub ods_code: OdsCode,
    pub name: String,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub town: String,
    /// How to reach it without going online.
    #[serde(default, skip_serializing_if = "crate::contact::Contact::is_empty")]
    pub contact: crate::contact::Contact,
    /// What kind of organisation, in words.
    pub kind: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ics_code: Option<OdsCode>,
}

impl From<&Organisation> for PublicOrganisation {
    fn from(organisation: &Organisation) -> Self {
        Self {
            ods_code: organisation.ods_code.clone(),
            name: organisation.name.clone(),
            town: organisation.town.clone(),
            contact: organisation.contact.clone(),
            kind: organisation.kind.public_label().to_owned(),
            ics_code: organisation.ics_code.clone(),
        }
    }
}

/// One service citizens can use at an organisation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PublicService {
    pub service: String,
    pub name: String,
    pub description: String,
    /// True while the service is being tried out with some patients.
    pub pilot: bool,
    pub channels: Vec<Channel>,
    /// Where to use it online, if the organisation has said.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub link: Option<String>,
}

/// What citizens can do online with one organisation. Planned and not-offered services, sources,
/// who recorded what and when are internal and never appear here.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PublicOffer {
    pub organisation: PublicOrganisation,
    pub services: Vec<PublicService>,
}

impl PublicOffer {
    pub fn new(organisation: &Organisation, recorded: &[ServiceOffer]) -> Self {
        let services = catalogue::SERVICES
            .iter()
            .filter_map(|service| {
                let record = recorded.iter().find(|record| record.service == service.id)?;
                record.status.is_public().then(|| PublicService {
                    service: service.id.to_owned(),
                    name: service.name.to_owned(),
                    description: service.description.to_owned(),
                    pilot: record.status == ServiceStatus::Pilot,
                    channels: record.channels.clone(),
                    link: (!record.public_link.is_empty()).then(|| record.public_link.clone()),
                })
            })
            .collect();
        Self { organisation: organisation.into(), services }
    }
}

/// An ICS and its organisations, each with how many services citizens can use there.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PublicIcs {
    pub ics: PublicOrganisation,
    pub organisations: Vec<PublicIcsMember>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PublicIcsMember {
    pub organisation: PublicOrganisation,
    /// Services live or in pilot there.
    pub services_online: usize,
}

impl PublicIcs {
    pub fn new(ics: &Organisation, members: &[Organisation], records: &[ServiceOffer]) -> Self {
        let mut organisations: Vec<PublicIcsMember> = members
            .iter()
            .filter(|member| member.kind != OrganisationKind::Ics)
            .map(|member| PublicIcsMember {
                organisation: member.into(),
                services_online: records
                    .iter()
                    .filter(|record| record.ods_code == member.ods_code && record.status.is_public())
                    .filter(|record| service(record.service.as_str()).is_some())
                    .count(),
            })
            .collect();
        organisations.sort_by_key(|a| a.organisation.name.to_lowercase());
        Self { ics: ics.into(), organisations }
    }
}

/// How long a public search may be, in characters, after trimming spaces: long enough to mean
/// something, short enough to read.
pub const SEARCH_CHARS: std::ops::RangeInclusive<usize> = 2..=100;

#[cfg(test)]
mod tests {
    use super::*;

    fn organisation(ods: &str, name: &str, kind: OrganisationKind) -> Organisation {
        Organisation {
            ods_code: OdsCode::parse(ods).unwrap(),
            name: name.to_owned(),
            kind,
            ics_code: (kind != OrganisationKind::Ics).then(|| OdsCode::parse("QWO").unwrap()),
            town: "Leeds".to_owned(),
            region: None,
            contact: Default::default(),
            version: 1,
            created_at: crate::test_support::moment(),
            updated_at: crate::test_support::moment(),
        }
    }

    fn record(ods: &str, service: &str, status: ServiceStatus) -> ServiceOffer {
        ServiceOffer {
            status,
            channels: if status.is_public() { vec![Channel::NhsApp] } else { Vec::new() },
            source: "https://internal.example.nhs.uk/evidence".to_owned(),
            ..ServiceOffer::unrecorded(&OdsCode::parse(ods).unwrap(), &ServiceId::parse(service).unwrap())
        }
    }

    fn update(status: ServiceStatus, channels: Vec<Channel>) -> ServiceOfferUpdate {
        ServiceOfferUpdate {
            status,
            channels,
            since: String::new(),
            source: String::new(),
            public_link: String::new(),
            last_checked: "2026-11-20".to_owned(),
            version: 0,
        }
    }

    #[test]
    fn the_catalogue_has_every_service_the_framework_and_nhs_app_name_with_unique_ids() {
        assert!(catalogue::SERVICES.len() >= 17);
        for id in
            ["nhs-login", "nhs-app", "appointments", "test-results", "digital-inclusion", "self-referral"]
        {
            assert!(service(id).is_some(), "{id}");
        }
        let mut ids: Vec<&str> = catalogue::SERVICES.iter().map(|service| service.id).collect();
        ids.sort();
        ids.dedup();
        assert_eq!(ids.len(), catalogue::SERVICES.len(), "ids are unique");
        assert!(catalogue::SERVICES.iter().all(|service| !service.description.is_empty()));
        for service in catalogue::SERVICES {
            assert_eq!(ServiceId::parse(service.id), Ok(service.service_id()), "{}", service.id);
        }
    }

    #[test]
    fn a_service_id_is_lower_case_words_joined_by_hyphens() {
        assert_eq!(ServiceId::parse("test-results").map(String::from), Ok("test-results".to_owned()));
        assert_eq!(ServiceId::parse("111-online").map(String::from), Ok("111-online".to_owned()));
        for bad in
            ["", "Test-Results", "test--results", "-test", "test-", "test results", "../x", &"a".repeat(61)]
        {
            assert!(ServiceId::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn a_live_service_needs_a_channel_and_a_not_offered_one_has_none() {
        let today = Date::parse("2026-11-24").unwrap();
        let errors = update(ServiceStatus::Live, vec![]).validate(today).unwrap_err();
        assert_eq!(errors[0].field, "channels");
        assert!(update(ServiceStatus::NotOffered, vec![Channel::NhsApp]).validate(today).is_err());
        let valid = update(ServiceStatus::Live, vec![Channel::Other, Channel::NhsApp, Channel::NhsApp])
            .validate(today)
            .unwrap();
        assert_eq!(valid.channels, vec![Channel::NhsApp, Channel::Other], "sorted, duplicates dropped");
        assert!(update(ServiceStatus::NotOffered, vec![]).validate(today).is_ok());
        assert!(update(ServiceStatus::Planned, vec![]).validate(today).is_ok());
        // It may have started this month, but not next month unless it is still planned.
        let mut started = update(ServiceStatus::Live, vec![Channel::NhsApp]);
        started.since = "2026-11".into();
        assert!(started.validate(today).is_ok());
        started.since = "2026-12".into();
        assert_eq!(started.validate(today).unwrap_err()[0].field, "since");
    }

    #[test]
    fn a_source_is_a_web_address_with_a_host() {
        for link in [
            "",
            "https://www.leedsth.nhs.uk/patients",
            "http://intranet.example.nhs.uk",
            "https://intranet/page",
            "https://www.nhs.uk/a page",
            "www.nhs.uk",
            "ftp://www.nhs.uk/",
            "https://a.b/c\u{7}",
        ] {
            assert_eq!(
                crate::test_support::matches(SOURCE_PATTERN, link),
                source_link(link).is_ok(),
                "{link}"
            );
        }
        assert_eq!(source_link(""), Ok(String::new()));
        assert!(source_link("https://www.leedsth.nhs.uk/patients").is_ok());
        assert!(source_link("http://intranet.example.nhs.uk").is_ok());
        for bad in ["https://intranet/page", "https://www.nhs.uk/a page", "www.nhs.uk", "ftp://www.nhs.uk/"] {
            assert!(source_link(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn a_link_for_patients_is_an_https_address_with_a_host() {
        for link in [
            "",
            "https://www.nhs.uk/nhs-app/",
            "http://www.leedsth.nhs.uk/portal",
            "https://portal/login",
            "https://www.nhs.uk/a page",
            "javascript:alert(1)",
        ] {
            assert_eq!(
                crate::test_support::matches(PUBLIC_LINK_PATTERN, link),
                public_link(link).is_ok(),
                "{link}"
            );
        }
        assert_eq!(public_link("https://www.nhs.uk/nhs-app/"), Ok("https://www.nhs.uk/nhs-app/".to_owned()));
        assert_eq!(
            public_link("http://www.leedsth.nhs.uk/portal"),
            Err("Enter the link for patients as a web address starting with https://, like https://www.nhs.uk/nhs-app/ (you entered “http://www.leedsth.nhs.uk/portal”)".to_owned())
        );
        let mut form = update(ServiceStatus::Live, vec![Channel::PatientPortal]);
        form.public_link = "https://portal.leedsth.nhs.uk/results".to_owned();
        let valid = form.validate(Date::parse("2026-11-24").unwrap()).unwrap();
        let before = record("RR8", "test-results", ServiceStatus::NotOffered);
        let after = ServiceOffer::saved(&before, valid.clone(), "Jo", crate::test_support::moment());
        let public = PublicOffer::new(&organisation("RR8", "Leeds", OrganisationKind::AcuteTrust), &[after]);
        assert_eq!(public.services[0].link.as_deref(), Some("https://portal.leedsth.nhs.uk/results"));
        assert!(
            describe_change(&before, &valid)
                .contains("link for patients: https://portal.leedsth.nhs.uk/results")
        );
    }

    #[test]
    fn dates_and_links_are_checked() {
        let today = Date::parse("2026-11-24").unwrap();
        let mut form = update(ServiceStatus::Live, vec![Channel::NhsApp]);
        form.last_checked = "2026-11-25".to_owned();
        form.since = "2027-01".to_owned();
        form.source = "javascript:alert(1)".to_owned();
        let errors = form.validate(today).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
        assert_eq!(fields, ["since", "source", "lastChecked"]);

        form.status = ServiceStatus::Planned;
        form.channels.clear();
        form.last_checked = "2026-02-30".to_owned();
        form.source = "https://www.leedsth.nhs.uk/patients".to_owned();
        let errors = form.validate(today).unwrap_err();
        assert_eq!(errors.len(), 1, "a planned service may start in the future: {errors:?}");
        assert!(errors[0].message.contains("real date"));

        form.last_checked = "2026-11-24".to_owned();
        let valid = form.validate(today).unwrap();
        assert_eq!(valid.since.map(|month| month.to_string()), Some("2027-01".to_owned()));
    }

    #[test]
    fn an_ics_matrix_counts_coverage_and_names_the_gaps() {
        let ics = organisation("QWO", "West Yorkshire ICS", OrganisationKind::Ics);
        let members = vec![
            ics.clone(),
            organisation("RR8", "Leeds Teaching Hospitals", OrganisationKind::AcuteTrust),
            organisation("RXF", "Mid Yorkshire Hospitals", OrganisationKind::AcuteTrust),
            organisation("RGD", "Leeds and York Partnership", OrganisationKind::MentalHealthTrust),
        ];
        let records = vec![
            record("RR8", "nhs-login", ServiceStatus::Live),
            record("RXF", "nhs-login", ServiceStatus::Live),
            record("RGD", "nhs-login", ServiceStatus::Live),
            record("RR8", "test-results", ServiceStatus::Live),
            record("RXF", "test-results", ServiceStatus::Pilot),
            record("QWO", "appointments", ServiceStatus::Live),
        ];
        let matrix = IcsOffer::new(ics, members, &records);
        assert_eq!(matrix.rows.len(), 3, "the ICS itself is not one of its providers");
        assert_eq!(matrix.rows[0].name, "Leeds and York Partnership", "sorted by name");
        let login = &matrix.coverage[0];
        assert_eq!((login.live, login.organisations, login.live_percent), (3, 3, 100));
        assert!(login.gaps.is_empty());
        let results = matrix.coverage.iter().find(|c| c.service == "test-results").unwrap();
        assert_eq!((results.live, results.pilot, results.not_offered, results.live_percent), (1, 1, 1, 33));
        let gaps: Vec<&str> = results.gaps.iter().map(OdsCode::as_str).collect();
        assert_eq!(gaps, ["RGD", "RXF"]);
        let appointments = matrix.coverage.iter().find(|c| c.service == "appointments").unwrap();
        assert_eq!(appointments.live, 0, "the ICS's own record does not count");
        assert_eq!(matrix.consistent_services, 1);
    }

    #[test]
    fn the_public_offer_shows_only_live_and_pilot_services_and_no_sources() {
        let trust = organisation("RR8", "Leeds Teaching Hospitals", OrganisationKind::AcuteTrust);
        let records = vec![
            record("RR8", "nhs-login", ServiceStatus::Live),
            record("RR8", "test-results", ServiceStatus::Pilot),
            record("RR8", "appointments", ServiceStatus::Planned),
            record("RR8", "care-plans", ServiceStatus::NotOffered),
        ];
        let public = PublicOffer::new(&trust, &records);
        let names: Vec<(&str, bool)> =
            public.services.iter().map(|s| (s.service.as_str(), s.pilot)).collect();
        assert_eq!(names, [("nhs-login", false), ("test-results", true)]);
        let json = serde_json::to_string(&public).unwrap();
        assert!(!json.contains("internal.example"), "sources stay internal: {json}");
        assert!(!json.contains("planned") && !json.contains("appointments"));
    }

    #[test]
    fn a_change_is_described_in_words() {
        let before = record("RR8", "test-results", ServiceStatus::Planned);
        let after = update(ServiceStatus::Live, vec![Channel::NhsApp, Channel::PatientPortal])
            .validate(Date::parse("2026-11-24").unwrap())
            .unwrap();
        let before = ServiceOffer { version: 2, ..before };
        assert_eq!(
            describe_change(&before, &after),
            "Planned → Live; channels: NHS App and Patient portal; source: removed; last checked 2026-11-20"
        );
        // The same status is not a change of status.
        let still_planned =
            update(ServiceStatus::Planned, vec![]).validate(Date::parse("2026-11-24").unwrap()).unwrap();
        assert!(
            !describe_change(&before, &still_planned).contains('→'),
            "{}",
            describe_change(&before, &still_planned)
        );
        let first = ServiceOffer { version: 0, ..before.clone() };
        assert!(describe_change(&first, &still_planned).starts_with("Recorded as Planned"));
    }

    #[test]
    fn services_are_found_by_their_own_id() {
        assert_eq!(service("nhs-app").map(|service| service.id), Some("nhs-app"));
        assert_eq!(service("test-results").map(|service| service.id), Some("test-results"));
        assert!(service("no-such-service").is_none());
    }
}
