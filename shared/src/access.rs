//! Who is calling: a signed-in user and their roles. Roles come from the identity provider's
//! groups (Amazon Cognito in AWS, the development sign-in locally), written as in [`Role::group`].
//! What each role may do is decided by the API's rules table (`functions/src/auth/rules.rs`).

use crate::email::Email;
use crate::organisation::OdsCode;
use crate::regions::Region;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case", tag = "role", content = "odsCode")]
pub enum Role {
    /// Manages users, organisations and reviews everywhere; reopens published reviews.
    Administrator,
    /// Leads one ICS: its organisations, reviews and outcomes.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    IcsLead(OdsCode),
    /// Leads one organisation: its reviews and digital offer.
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    OrganisationLead(OdsCode),
    /// Records assessments, in the reviews they are assigned to.
    Reviewer,
    /// Works for one organisation: not a permission, but what makes a peer reviewer independent
    /// of the organisation reviewed (`crate::independence`).
    #[cfg_attr(feature = "openapi", schema(value_type = String))]
    WorksFor(OdsCode),
    /// NHS England's team for one region: validates the peer reviews of its ICSs' organisations
    /// before they are published.
    RegionalLead(Region),
}

impl Role {
    /// The group name in the identity provider: `administrator`, `ics-lead:QWO`,
    /// `organisation-lead:RR8`, `reviewer`, `organisation:RTD`.
    pub fn group(&self) -> String {
        match self {
            Role::Administrator => "administrator".to_owned(),
            Role::IcsLead(code) => format!("ics-lead:{code}"),
            Role::OrganisationLead(code) => format!("organisation-lead:{code}"),
            Role::Reviewer => "reviewer".to_owned(),
            Role::WorksFor(code) => format!("organisation:{code}"),
            Role::RegionalLead(region) => format!("region:{}", region.code()),
        }
    }

    /// A group name back into a role; groups this service does not know are ignored (`None`).
    /// What [`Role::from_group`] accepts, as a JSON Schema pattern.
    pub fn group_pattern() -> String {
        format!(
            "^(administrator|reviewer|(ics-lead|organisation-lead|organisation):{}|region:({}))$",
            OdsCode::bounded_pattern(),
            Region::pattern()
        )
    }

    pub fn from_group(group: &str) -> Option<Role> {
        match group.split_once(':') {
            None if group == "administrator" => Some(Role::Administrator),
            None if group == "reviewer" => Some(Role::Reviewer),
            Some(("ics-lead", code)) => OdsCode::parse(code).ok().map(Role::IcsLead),
            Some(("organisation-lead", code)) => OdsCode::parse(code).ok().map(Role::OrganisationLead),
            Some(("organisation", code)) => OdsCode::parse(code).ok().map(Role::WorksFor),
            Some(("region", code)) => Region::parse(code).ok().map(Role::RegionalLead),
            _ => None,
        }
    }

    pub fn label(&self) -> String {
        match self {
            Role::Administrator => "Administrator".to_owned(),
            Role::IcsLead(code) => format!("ICS lead for {code}"),
            Role::OrganisationLead(code) => format!("Organisation lead for {code}"),
            Role::Reviewer => "Reviewer".to_owned(),
            Role::WorksFor(code) => format!("Works for {code}"),
            Role::RegionalLead(region) => format!("Regional team for {region}"),
        }
    }
}

/// A signed-in user, as established from a verified token.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct User {
    /// The identity provider's stable id for the user.
    pub subject: String,
    pub name: String,
    /// Reviewers are assigned to reviews by email address.
    pub email: Email,
    pub roles: Vec<Role>,
}

impl User {
    pub fn is_administrator(&self) -> bool {
        self.roles.contains(&Role::Administrator)
    }

    pub fn leads_ics(&self, ics: &OdsCode) -> bool {
        self.roles.iter().any(|role| matches!(role, Role::IcsLead(code) if code == ics))
    }

    pub fn leads_organisation(&self, ods: &OdsCode) -> bool {
        self.roles.iter().any(|role| matches!(role, Role::OrganisationLead(code) if code == ods))
    }

    pub fn leads_region(&self, region: Region) -> bool {
        self.roles.contains(&Role::RegionalLead(region))
    }

    /// The regions whose teams the user is on.
    pub fn regions(&self) -> Vec<Region> {
        self.roles
            .iter()
            .filter_map(|role| match role {
                Role::RegionalLead(region) => Some(*region),
                _ => None,
            })
            .collect()
    }

    /// The organisation the user works for: the one their account names, else the one they lead.
    pub fn works_for(&self) -> Option<&OdsCode> {
        let named = self.roles.iter().find_map(|role| match role {
            Role::WorksFor(code) => Some(code),
            _ => None,
        });
        named.or_else(|| {
            self.roles.iter().find_map(|role| match role {
                Role::OrganisationLead(code) => Some(code),
                _ => None,
            })
        })
    }

    pub fn is_reviewer(&self) -> bool {
        self.roles.contains(&Role::Reviewer)
    }

    /// How the audit history names this user.
    pub fn audit_name(&self) -> String {
        format!("{} <{}>", self.name, self.email)
    }
}

/// The development sign-in form (local only; in AWS people sign in with Cognito).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DevSignIn {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::required_text::<{ DevSignIn::NAME_MAX }>))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::email::Email))]
    pub email: String,
    /// Group names, as in [`Role::group`].
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::groups))]
    pub groups: Vec<String>,
}

impl DevSignIn {
    /// The longest name, in characters.
    pub const NAME_MAX: usize = 100;
}

/// A signed token and who it is for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Session {
    pub token: String,
    /// Seconds since the Unix epoch.
    pub expires_at: u64,
    pub user: User,
}

/// How people sign in to this deployment: what the app needs to start a sign-in.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", tag = "mode")]
pub enum SignInConfig {
    /// The development sign-in form (`POST /api/dev/sign-in`): local only.
    Development,
    /// Amazon Cognito's hosted sign-in, with the authorisation code flow and PKCE.
    Cognito(HostedSignIn),
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct HostedSignIn {
    /// e.g. `https://wgll.auth.eu-west-2.amazoncognito.com/oauth2/authorize`
    pub authorize_url: String,
    /// e.g. `https://wgll.auth.eu-west-2.amazoncognito.com/oauth2/token`
    pub token_url: String,
    pub client_id: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_group_pattern_accepts_the_groups_from_group_accepts() {
        let groups = [
            "administrator",
            "reviewer",
            "ics-lead:QWO",
            "ics-lead:qwo",
            "organisation-lead:B86001",
            "ics-lead:12345A",
            "region:london",
            "region:north-east-and-yorkshire",
        ];
        let not_groups = [
            "root",
            "ics-lead:",
            "ics-lead:Q",
            "ics-lead:QW",
            "ics-lead:123",
            "ics-lead:ABCDEFG",
            "ics-lead:123456A",
            "organisation-lead",
            "admin:QWO",
            "",
            "Reviewer",
            "reviewer:QWO",
            "region:wales",
            "region:",
            "region:London",
        ];
        for group in groups.into_iter().chain(not_groups) {
            let stated = crate::test_support::matches(&Role::group_pattern(), group);
            assert_eq!(stated, Role::from_group(group).is_some(), "{group}");
        }
    }

    #[test]
    fn groups_and_roles_convert_both_ways() {
        let roles = [
            Role::Administrator,
            Role::IcsLead(OdsCode::parse("QWO").unwrap()),
            Role::OrganisationLead(OdsCode::parse("RR8").unwrap()),
            Role::Reviewer,
            Role::RegionalLead(Region::SouthWest),
        ];
        assert_eq!(Role::RegionalLead(Region::SouthWest).group(), "region:south-west");
        for role in roles {
            assert_eq!(Role::from_group(&role.group()), Some(role));
        }
        assert_eq!(Role::from_group("ics-lead:qwo"), Some(Role::IcsLead(OdsCode::parse("QWO").unwrap())));
        for unknown in ["root", "ics-lead:", "ics-lead:Q", "organisation-lead", "admin:QWO", ""] {
            assert_eq!(Role::from_group(unknown), None, "{unknown}");
        }
    }

    #[test]
    fn each_role_admits_only_what_it_names() {
        let (qwo, qhm, rr8) =
            (OdsCode::parse("QWO").unwrap(), OdsCode::parse("QHM").unwrap(), OdsCode::parse("RR8").unwrap());
        let user = |roles: Vec<Role>| User {
            subject: "s-1".into(),
            name: "Jo Bloggs".into(),
            email: crate::test_support::email("jo@example.nhs.uk"),
            roles,
        };
        let admin = user(vec![Role::Administrator]);
        let ics_lead = user(vec![Role::IcsLead(qwo.clone())]);
        let org_lead = user(vec![Role::OrganisationLead(rr8.clone())]);
        let reviewer = user(vec![Role::Reviewer]);
        let nobody = user(vec![]);
        // (is administrator, leads QWO, leads QHM, leads organisation RR8, leads organisation QWO, is reviewer)
        let facts = |u: &User| {
            (
                u.is_administrator(),
                u.leads_ics(&qwo),
                u.leads_ics(&qhm),
                u.leads_organisation(&rr8),
                u.leads_organisation(&qwo),
                u.is_reviewer(),
            )
        };
        assert_eq!(
            facts(&admin),
            (true, false, false, false, false, false),
            "no lead or reviewer role implied"
        );
        assert_eq!(facts(&ics_lead), (false, true, false, false, false, false));
        assert_eq!(facts(&org_lead), (false, false, false, true, false, false));
        assert_eq!(facts(&reviewer), (false, false, false, false, false, true));
        assert_eq!(facts(&nobody), (false, false, false, false, false, false));
        assert_eq!(admin.audit_name(), "Jo Bloggs <jo@example.nhs.uk>");
        assert_eq!(Role::IcsLead(qwo).label(), "ICS lead for QWO");
        assert_eq!(Role::OrganisationLead(rr8).label(), "Organisation lead for RR8");
        assert_eq!(Role::Administrator.label(), "Administrator");
        assert_eq!(Role::Reviewer.label(), "Reviewer");
        let regional = user(vec![Role::RegionalLead(Region::London)]);
        assert!(regional.leads_region(Region::London));
        assert!(!regional.leads_region(Region::SouthEast));
        assert!(!admin.leads_region(Region::London), "an administrator is not on a regional team");
        assert_eq!(regional.regions(), [Region::London]);
        assert_eq!(Role::RegionalLead(Region::London).label(), "Regional team for London");
    }
}
