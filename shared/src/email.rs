//! Email addresses: who a person is to the product (reviewers are assigned by address).
//! (Its OpenAPI schema, in `schema.rs`, states [`EMAIL_MAX`] and [`EMAIL_PATTERN`].)

use serde::{Deserialize, Serialize};

/// The longest email address, in bytes (SMTP's limit).
pub const EMAIL_MAX: usize = 254;

/// What [`Email::parse`] accepts, as a JSON Schema pattern: no spaces or control characters, one `@`
/// with something before it, and a domain with a dot that neither starts nor ends it.
pub const EMAIL_PATTERN: &str = r"^[^@\s\u0000-\u001F\u007F-\u009F]+@[^@.\s\u0000-\u001F\u007F-\u009F][^@\s\u0000-\u001F\u007F-\u009F]*\.[^@\s\u0000-\u001F\u007F-\u009F]*[^@.\s\u0000-\u001F\u007F-\u009F]$";

/// An email address: trimmed, lower case, one `@` with something either side, at most 254
/// characters. (Deliverability is the identity provider's business, not ours.) Reviewers are
/// assigned to reviews by it, so two spellings of one address must be one value.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Email(String);

impl Email {
    pub fn parse(value: &str) -> Result<Self, String> {
        parse(value).map(Self)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Email {
    type Error = String;

    fn try_from(value: String) -> Result<Self, String> {
        Self::parse(&value)
    }
}

impl From<Email> for String {
    fn from(email: Email) -> String {
        email.0
    }
}

impl std::fmt::Display for Email {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl PartialEq<str> for Email {
    fn eq(&self, other: &str) -> bool {
        self.0 == other
    }
}

impl PartialEq<&str> for Email {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

fn parse(value: &str) -> Result<String, String> {
    let email = value.trim().to_lowercase();
    if email.is_empty() {
        return Err("Enter an email address".to_owned());
    }
    let well_formed = email.len() <= EMAIL_MAX
        && !email.chars().any(|c| c.is_whitespace() || c.is_control())
        && matches!(email.split_once('@'), Some((local, domain)) if !local.is_empty() && domain.contains('.') && !domain.contains('@') && !domain.starts_with('.') && !domain.ends_with('.'));
    if well_formed {
        Ok(email)
    } else {
        Err(format!("Enter an email address like name@example.nhs.uk (you entered “{}”)", value.trim()))
    }
}

#[cfg(test)]
mod tests {
    use super::{EMAIL_PATTERN, Email};

    fn email(value: &str) -> Result<String, String> {
        Email::parse(value).map(String::from)
    }

    #[test]
    fn the_email_pattern_accepts_what_email_accepts() {
        let samples = [
            "jo@nhs.net",
            "Jo.Bloggs@NHS.net",
            "a@b.c",
            "a+b@x.y.z",
            "jo@nhs..net",
            "",
            "jo",
            "jo@",
            "@nhs.net",
            "jo@nhs",
            "jo@@nhs.net",
            "jo@a@b.c",
            "jo bloggs@nhs.net",
            "jo@nhs.net.",
            "jo@.nhs.net",
            "jo\u{7}@nhs.net",
            "jo@nhs.net\u{85}x",
        ];
        for value in samples {
            let pattern = crate::test_support::matches(EMAIL_PATTERN, value);
            assert_eq!(pattern, email(value).is_ok(), "{value:?}");
        }
    }

    #[test]
    fn email_addresses_are_normalised_or_refused() {
        assert_eq!(email(" Jo.Bloggs@NHS.net ").unwrap(), "jo.bloggs@nhs.net");
        for bad in ["", "jo", "jo@", "@nhs.net", "jo@nhs", "jo@@nhs.net", "jo bloggs@nhs.net", "jo@nhs.net."]
        {
            assert!(email(bad).is_err(), "{bad} should be refused");
        }
    }
}
