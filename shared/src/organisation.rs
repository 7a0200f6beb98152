//! Organisations: Integrated Care Systems and the trusts and other bodies in them, identified by
//! their Organisation Data Service (ODS) code.

use crate::Validated;
use crate::framework::Variant;
use crate::regions::Region;
use crate::timestamp::Timestamp;
use crate::validation::{self, Errors};
use serde::{Deserialize, Serialize};

/// An ODS code: 3 to 6 letters and digits with at least one letter, e.g. `RR8` (a trust),
/// `QWO` (an ICB) or `B86001` (a GP practice). Stored upper case.
/// (Its OpenAPI schema, in `schema.rs`, states these rules from the constants below.)
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct OdsCode(String);

impl OdsCode {
    pub const MIN_LEN: usize = 3;
    pub const MAX_LEN: usize = 6;
    /// What [`OdsCode::parse`] accepts, as a JSON Schema pattern (the length is
    /// `MIN_LEN..=MAX_LEN`): letters and digits, at least one a letter, in either case.
    pub const PATTERN: &str = "^[0-9]*[A-Za-z][A-Za-z0-9]*$";

    /// [`OdsCode::PATTERN`] with the length written into it, unanchored, for a code inside a
    /// longer string (a group name), where `minLength` and `maxLength` cannot bound it: one
    /// alternative per number of digits before the first letter.
    pub fn bounded_pattern() -> String {
        let alternatives: Vec<String> = (0..Self::MAX_LEN)
            .map(|digits| {
                let fewest = Self::MIN_LEN.saturating_sub(digits + 1);
                let most = Self::MAX_LEN - digits - 1;
                format!("[0-9]{{{digits}}}[A-Za-z][A-Za-z0-9]{{{fewest},{most}}}")
            })
            .collect();
        format!("({})", alternatives.join("|"))
    }

    pub fn parse(input: &str) -> Result<Self, String> {
        let code = input.trim().to_ascii_uppercase();
        if code.is_empty() {
            return Err("Enter the organisation’s ODS code".to_owned());
        }
        let well_formed = (Self::MIN_LEN..=Self::MAX_LEN).contains(&code.len())
            && code.chars().all(|c| c.is_ascii_alphanumeric())
            && code.chars().any(|c| c.is_ascii_alphabetic());
        if !well_formed {
            return Err(format!(
                "An ODS code is 3 to 6 letters and numbers, like RR8 or QWO (you entered “{}”)",
                input.trim()
            ));
        }
        Ok(Self(code))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for OdsCode {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<OdsCode> for String {
    fn from(code: OdsCode) -> String {
        code.0
    }
}

impl std::fmt::Display for OdsCode {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// What sort of body an organisation is. Benchmarks compare organisations of the same kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum OrganisationKind {
    /// An Integrated Care System, represented by its Integrated Care Board.
    Ics,
    AcuteTrust,
    MentalHealthTrust,
    CommunityTrust,
    AmbulanceTrust,
    PrimaryCare,
    SocialCare,
    Other,
}

impl OrganisationKind {
    pub const ALL: [OrganisationKind; 8] = [
        OrganisationKind::Ics,
        OrganisationKind::AcuteTrust,
        OrganisationKind::MentalHealthTrust,
        OrganisationKind::CommunityTrust,
        OrganisationKind::AmbulanceTrust,
        OrganisationKind::PrimaryCare,
        OrganisationKind::SocialCare,
        OrganisationKind::Other,
    ];

    /// The JSON name, also used in form values.
    pub fn code(self) -> &'static str {
        match self {
            OrganisationKind::Ics => "ics",
            OrganisationKind::AcuteTrust => "acute-trust",
            OrganisationKind::MentalHealthTrust => "mental-health-trust",
            OrganisationKind::CommunityTrust => "community-trust",
            OrganisationKind::AmbulanceTrust => "ambulance-trust",
            OrganisationKind::PrimaryCare => "primary-care",
            OrganisationKind::SocialCare => "social-care",
            OrganisationKind::Other => "other",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            OrganisationKind::Ics => "Integrated Care System (ICS)",
            OrganisationKind::AcuteTrust => "Acute trust",
            OrganisationKind::MentalHealthTrust => "Mental health trust",
            OrganisationKind::CommunityTrust => "Community trust",
            OrganisationKind::AmbulanceTrust => "Ambulance trust",
            OrganisationKind::PrimaryCare => "Primary care",
            OrganisationKind::SocialCare => "Social care",
            OrganisationKind::Other => "Other organisation",
        }
    }

    /// The kind as a member of the public would say it ("Hospital trust", not "Acute trust").
    pub fn public_label(self) -> &'static str {
        match self {
            OrganisationKind::Ics => "Integrated care system",
            OrganisationKind::AcuteTrust => "Hospital trust",
            OrganisationKind::MentalHealthTrust => "Mental health trust",
            OrganisationKind::CommunityTrust => "Community health services",
            OrganisationKind::AmbulanceTrust => "Ambulance service",
            OrganisationKind::PrimaryCare => "GP and primary care",
            OrganisationKind::SocialCare => "Social care",
            OrganisationKind::Other => "NHS organisation",
        }
    }

    pub fn parse(code: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|kind| kind.code() == code.trim())
            .ok_or_else(|| "Choose what kind of organisation this is".to_owned())
    }

    /// The framework statements a review of this kind of organisation is scored against.
    pub fn variant(self) -> Variant {
        match self {
            OrganisationKind::Ics => Variant::Ics,
            _ => Variant::Organisation,
        }
    }
}

pub const NAME_MAX: usize = 200;
pub const TOWN_MAX: usize = 100;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Organisation {
    pub ods_code: OdsCode,
    pub name: String,
    pub kind: OrganisationKind,
    /// The ICS the organisation belongs to; absent for an ICS itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ics_code: Option<OdsCode>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub town: String,
    /// An ICS's NHS England region, whose team validates its organisations' peer reviews; absent
    /// for other organisations (their ICS's region is theirs) and for an ICS added without one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    /// How the public can reach it (its leads record this).
    #[serde(default, skip_serializing_if = "crate::contact::Contact::is_empty")]
    pub contact: crate::contact::Contact,
    pub version: u64,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
}

impl Organisation {
    /// A new organisation, added at `at`.
    pub fn new(new: ValidNewOrganisation, at: Timestamp) -> Self {
        Organisation {
            ods_code: new.ods_code,
            name: new.name,
            kind: new.kind,
            ics_code: new.ics_code,
            town: new.town,
            region: new.region,
            contact: crate::contact::Contact::default(),
            version: 1,
            created_at: at.clone(),
            updated_at: at,
        }
    }

    /// The organisation with new contact details, saved at `at`: the next version.
    pub fn with_contact(&self, contact: crate::contact::Contact, at: Timestamp) -> Self {
        Organisation { contact, version: self.version + 1, updated_at: at, ..self.clone() }
    }

    /// The ICS whose outcomes include this organisation: its own code for an ICS.
    pub fn ics(&self) -> &OdsCode {
        self.ics_code.as_ref().unwrap_or(&self.ods_code)
    }
}

/// The form for adding an organisation, as the person typed it. (Its OpenAPI schema is written
/// out in `schema.rs`: an ICS, or an organisation in one, which utoipa cannot derive.)
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewOrganisation {
    pub ods_code: String,
    pub name: String,
    /// One of `ics`, `acute-trust`, `mental-health-trust`, `community-trust`, `ambulance-trust`,
    /// `primary-care`, `social-care`, `other`.
    pub kind: String,
    /// The ODS code of the ICS it belongs to; required unless `kind` is `ics`.
    #[serde(default)]
    pub ics_code: String,
    #[serde(default)]
    pub town: String,
    /// An ICS's NHS England region (`london`, `north-west`…): its team validates the peer reviews
    /// of the ICS's organisations. Only for an ICS.
    #[serde(default)]
    pub region: String,
}

/// A new organisation that passed every rule that needs no database.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidNewOrganisation {
    pub(crate) ods_code: OdsCode,
    pub(crate) name: String,
    pub(crate) kind: OrganisationKind,
    pub(crate) ics_code: Option<OdsCode>,
    pub(crate) town: String,
    pub(crate) region: Option<Region>,
}

impl ValidNewOrganisation {
    pub fn ods_code(&self) -> &OdsCode {
        &self.ods_code
    }

    pub fn kind(&self) -> OrganisationKind {
        self.kind
    }

    /// The ICS it is in; none for an ICS.
    pub fn ics_code(&self) -> Option<&OdsCode> {
        self.ics_code.as_ref()
    }
}

impl NewOrganisation {
    pub fn validate(&self) -> Validated<ValidNewOrganisation> {
        let mut errors = Errors::default();
        // In the order of the form, so the error summary reads top to bottom like the page.
        let name =
            errors.check("name", validation::text(&self.name, "the organisation’s name", true, NAME_MAX));
        let ods_code = errors.check("odsCode", OdsCode::parse(&self.ods_code));
        let kind = errors.check("kind", OrganisationKind::parse(&self.kind));
        let town = errors.check("town", validation::text(&self.town, "the town", false, TOWN_MAX));
        let ics_code = match kind {
            Some(OrganisationKind::Ics) => {
                if !self.ics_code.trim().is_empty() {
                    errors.add("icsCode", "An ICS does not belong to another ICS: leave this empty");
                }
                None
            }
            _ if self.ics_code.trim().is_empty() => {
                errors.add("icsCode", "Choose the ICS this organisation belongs to");
                None
            }
            _ => errors.check("icsCode", OdsCode::parse(&self.ics_code)),
        };
        let region = match (kind, self.region.trim()) {
            (_, "") => None,
            (Some(OrganisationKind::Ics), typed) => errors.check("region", Region::parse(typed)),
            _ => {
                errors.add("region", "Only an ICS has a region: an organisation is in its ICS’s");
                None
            }
        };
        match (ods_code, name, kind, town) {
            (Some(ods_code), Some(name), Some(kind), Some(town)) if errors.is_empty() => {
                Ok(ValidNewOrganisation { ods_code, name, kind, ics_code, town, region })
            }
            _ => Err(errors.into_vec()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn trust() -> NewOrganisation {
        NewOrganisation {
            ods_code: "rr8".into(),
            name: "Leeds Teaching Hospitals NHS Trust".into(),
            kind: "acute-trust".into(),
            ics_code: "QWO".into(),
            town: "Leeds".into(),
            region: String::new(),
        }
    }

    #[test]
    fn ods_codes_are_normalised_to_upper_case() {
        assert_eq!(OdsCode::parse(" rr8 ").unwrap().as_str(), "RR8");
        assert_eq!(OdsCode::parse("B86001").unwrap().as_str(), "B86001");
        for bad in ["", "R8", "RR8-1", "1234567", "123", "R R8", "ÄB1"] {
            assert!(OdsCode::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn the_pattern_accepts_what_parse_accepts() {
        let samples = [
            "RR8", "rr8", "QWO", "B86001", "8RR", "123A", "12345A", "R8", "RR8-1", "1234567", "123", "ÄB1",
            "ABCDEFG",
        ];
        for code in samples {
            let stated = crate::test_support::matches(OdsCode::PATTERN, code)
                && (OdsCode::MIN_LEN..=OdsCode::MAX_LEN).contains(&code.chars().count());
            assert_eq!(stated, OdsCode::parse(code).is_ok(), "{code}");
            let bounded = format!("^{}$", OdsCode::bounded_pattern());
            assert_eq!(crate::test_support::matches(&bounded, code), OdsCode::parse(code).is_ok(), "{code}");
        }
    }

    #[test]
    fn a_valid_trust_passes() {
        let valid = trust().validate().unwrap();
        assert_eq!(valid.ods_code.as_str(), "RR8");
        assert_eq!(valid.ics_code.unwrap().as_str(), "QWO");
        assert_eq!(valid.kind.variant(), Variant::Organisation);
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let form = NewOrganisation {
            ods_code: "x".into(),
            name: " ".into(),
            kind: "hospital".into(),
            ..Default::default()
        };
        let fields: Vec<String> = form.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "odsCode", "kind", "icsCode"]);
    }

    #[test]
    fn an_organisation_needs_an_ics_and_an_ics_must_not_have_one() {
        let orphan = NewOrganisation { ics_code: " ".into(), ..trust() };
        let error = &orphan.validate().unwrap_err()[0];
        assert_eq!(
            (error.field.as_str(), error.message.as_str()),
            ("icsCode", "Choose the ICS this organisation belongs to")
        );
        let ics = NewOrganisation { kind: "ics".into(), ..trust() };
        assert_eq!(ics.validate().unwrap_err()[0].field, "icsCode");
        let ics = NewOrganisation { kind: "ics".into(), ics_code: String::new(), ..trust() };
        assert_eq!(ics.validate().unwrap().kind.variant(), Variant::Ics);
    }

    #[test]
    fn unknown_fields_are_refused() {
        let json = r#"{"odsCode":"RR8","name":"x","kind":"ics","admin":true}"#;
        assert!(serde_json::from_str::<NewOrganisation>(json).is_err());
    }
}
