//! How the public can reach an organisation without going online: its website, phone number and
//! address, recorded by its leads and shown on the public pages beside what it offers online.

use crate::Validated;
use crate::validation::{self, Errors};
use serde::{Deserialize, Serialize};

pub const WEBSITE_MAX: usize = 500;
pub const ADDRESS_MAX: usize = 300;

/// An organisation's contact details for the public; each may be left empty.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Contact {
    /// An `https://` address.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub website: String,
    /// As the public would dial it: `0113 243 3144`, `+44 113 243 3144`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub phone: String,
    /// A postal address, one line of it per line.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub address: String,
}

impl Contact {
    pub fn is_empty(&self) -> bool {
        self.website.is_empty() && self.phone.is_empty() && self.address.is_empty()
    }

    /// The phone number for a `tel:` link: its digits, with a leading `+` kept.
    pub fn phone_link(&self) -> String {
        let plus = if self.phone.trim_start().starts_with('+') { "+" } else { "" };
        let digits: String = self.phone.chars().filter(char::is_ascii_digit).collect();
        format!("tel:{plus}{digits}")
    }
}

/// A change to the contact details, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ContactUpdate {
    #[serde(default)]
    pub website: String,
    #[serde(default)]
    pub phone: String,
    #[serde(default)]
    pub address: String,
}

impl ContactUpdate {
    pub fn validate(&self) -> Validated<Contact> {
        let mut errors = Errors::default();
        let website = errors.check("website", website(&self.website));
        let phone = errors.check("phone", phone(&self.phone));
        let address =
            errors.check("address", validation::text(&self.address, "the address", false, ADDRESS_MAX));
        match (errors.is_empty(), website, phone, address) {
            (true, Some(website), Some(phone), Some(address)) => {
                // One line of the address per line, without blank ones.
                let address: Vec<&str> =
                    address.lines().map(str::trim).filter(|line| !line.is_empty()).collect();
                Ok(Contact { website, phone, address: address.join("\n") })
            }
            _ => Err(errors.into_vec()),
        }
    }
}

fn website(value: &str) -> Result<String, String> {
    let value = validation::text(value, "the website", false, WEBSITE_MAX)?;
    let well_formed = value.strip_prefix("https://").is_some_and(|rest| {
        rest.split('/').next().is_some_and(|host| host.contains('.')) && !value.contains(char::is_whitespace)
    });
    if value.is_empty() || well_formed {
        Ok(value)
    } else {
        Err(format!(
            "Enter the website as a web address starting with https://, like https://www.leedsth.nhs.uk/ (you entered “{value}”)"
        ))
    }
}

/// A UK phone number as people write it: digits, spaces, brackets, hyphens and a leading `+`;
/// 10 to 13 digits.
fn phone(value: &str) -> Result<String, String> {
    let value = validation::text(value, "the phone number", false, 30)?;
    if value.is_empty() {
        return Ok(value);
    }
    let allowed = value.chars().enumerate().all(|(index, character)| {
        character.is_ascii_digit()
            || matches!(character, ' ' | '(' | ')' | '-')
            || (index == 0 && character == '+')
    });
    let digits = value.chars().filter(char::is_ascii_digit).count();
    if allowed && (10..=13).contains(&digits) {
        Ok(value)
    } else {
        Err(format!("Enter a phone number, like 0113 243 3144 (you entered “{value}”)"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn update(website: &str, phone: &str, address: &str) -> ContactUpdate {
        ContactUpdate { website: website.into(), phone: phone.into(), address: address.into() }
    }

    #[test]
    fn contact_details_are_checked_and_tidied() {
        let contact = update(
            "https://www.leedsth.nhs.uk/",
            "0113 243 3144",
            " St James's University Hospital\n\n Beckett Street\nLeeds LS9 7TF ",
        )
        .validate()
        .unwrap();
        assert_eq!(contact.address, "St James's University Hospital\nBeckett Street\nLeeds LS9 7TF");
        assert_eq!(contact.phone_link(), "tel:01132433144");
        assert_eq!(
            update("", "+44 (113) 243-3144", "").validate().unwrap().phone_link(),
            "tel:+441132433144"
        );
        assert!(update("", "", "").validate().unwrap().is_empty());
        let errors = update("www.leedsth.nhs.uk", "call us", &"x".repeat(301)).validate().unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
        assert_eq!(fields, ["website", "phone", "address"]);
        assert_eq!(errors[1].message, "Enter a phone number, like 0113 243 3144 (you entered “call us”)");
        assert!(update("", "0113 243", "").validate().is_err(), "too few digits");
        assert!(update("http://www.leedsth.nhs.uk/", "", "").validate().is_err(), "https only");
    }
}

/// The longest report a member of the public may send, in characters.
pub const REPORT_MAX: usize = 1_000;
/// How many reports an organisation takes in a day: enough for real ones, a bound on abuse.
pub const REPORTS_PER_DAY: u64 = 20;

/// A report from a member of the public that something shown about an organisation is wrong,
/// as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProblemReportForm {
    pub message: String,
    /// Where to reply, if they want a reply.
    #[serde(default)]
    pub email: String,
}

/// A report as the organisation's leads see it. Never shown publicly.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ProblemReport {
    pub message: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reply_to: Option<crate::email::Email>,
    pub at: crate::timestamp::Timestamp,
}

impl ProblemReportForm {
    /// The report, sent at `at`, or what to correct.
    pub fn validate(&self, at: crate::timestamp::Timestamp) -> Validated<ProblemReport> {
        let mut errors = Errors::default();
        let message =
            errors.check("message", validation::text(&self.message, "what is wrong", true, REPORT_MAX));
        let email = self.email.trim();
        let reply_to = match email.is_empty() {
            true => Some(None),
            false => errors.check("email", crate::email::Email::parse(email)).map(Some),
        };
        match (errors.is_empty(), message, reply_to) {
            (true, Some(message), Some(reply_to)) => Ok(ProblemReport { message, reply_to, at }),
            _ => Err(errors.into_vec()),
        }
    }
}

#[cfg(test)]
mod report_tests {
    use super::*;

    #[test]
    fn a_report_needs_what_is_wrong_and_a_reply_address_only_if_given() {
        let at = crate::test_support::moment();
        let form =
            |message: &str, email: &str| ProblemReportForm { message: message.into(), email: email.into() };
        let report = form(" The phone number is wrong ", "").validate(at.clone()).unwrap();
        assert_eq!((report.message.as_str(), report.reply_to), ("The phone number is wrong", None));
        let errors = form("", "not an email").validate(at.clone()).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|error| error.field.as_str()).collect();
        assert_eq!(fields, ["message", "email"]);
        assert_eq!(errors[0].message, "Enter what is wrong");
        assert!(form(&"x".repeat(1_001), "").validate(at).is_err(), "at most 1,000 characters");
    }
}
