//! The ids the server gives records: a review's and a planned action's. Each is a random UUID in
//! its canonical text form (lower-case hex, `8-4-4-4-12`), so an id from a path, a file or the
//! table is checked once, where it is read, and cannot be mistaken for the other kind.
//! (Their OpenAPI schemas, in `schema.rs`, state [`UUID_PATTERN`].)

use serde::{Deserialize, Serialize};

/// What an id's text looks like, as a JSON Schema pattern.
pub const UUID_PATTERN: &str = "^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$";

/// The canonical text of a UUID: 36 characters, hyphens at 8, 13, 18 and 23, lower-case hex
/// elsewhere. Upper case is accepted and lowered, so a copied id still works.
fn canonical_uuid(input: &str, what: &str) -> Result<String, String> {
    let text = input.trim().to_ascii_lowercase();
    let well_formed = text.len() == 36
        && text.char_indices().all(|(at, c)| match at {
            8 | 13 | 18 | 23 => c == '-',
            _ => c.is_ascii_hexdigit(),
        });
    if well_formed {
        Ok(text)
    } else {
        Err(format!(
            "“{}” is not {what}’s id: an id is 32 hexadecimal digits in groups of 8, 4, 4, 4 and 12, separated by hyphens",
            input.trim()
        ))
    }
}

/// A UUID's 16 bytes in canonical text.
fn uuid_text(bytes: [u8; 16]) -> String {
    let mut text = String::with_capacity(36);
    for (at, byte) in bytes.iter().enumerate() {
        if matches!(at, 4 | 6 | 8 | 10) {
            text.push('-');
        }
        text.push_str(&format!("{byte:02x}"));
    }
    text
}

macro_rules! uuid_id {
    ($(#[$doc:meta])* $name:ident, $what:literal) => {
        $(#[$doc])*
        #[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(try_from = "String", into = "String")]
        pub struct $name(String);

        impl $name {
            pub fn parse(input: &str) -> Result<Self, String> {
                canonical_uuid(input, $what).map(Self)
            }

            /// The id of a new record, from a random UUID's bytes (the caller draws them: this
            /// crate has no source of randomness, as it also runs in the browser).
            pub fn from_uuid_bytes(bytes: [u8; 16]) -> Self {
                Self(uuid_text(bytes))
            }

            pub fn as_str(&self) -> &str {
                &self.0
            }
        }

        impl TryFrom<String> for $name {
            type Error = String;

            fn try_from(value: String) -> Result<Self, String> {
                Self::parse(&value)
            }
        }

        impl From<$name> for String {
            fn from(id: $name) -> String {
                id.0
            }
        }

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str(&self.0)
            }
        }
    };
}

uuid_id!(
    /// A review's id.
    ReviewId,
    "a review"
);

uuid_id!(
    /// A planned action's id.
    ActionId,
    "an action"
);

uuid_id!(
    /// A proposed net-neutral change's id.
    ChangeId,
    "a proposed change"
);

uuid_id!(
    /// A document's id in an evidence pack (also the last part of its key in the bucket).
    EvidenceId,
    "a document"
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_is_a_uuid_in_canonical_text() {
        let id = ReviewId::parse(" 0F8FAD5B-D9CB-469F-A165-70867728950E ").unwrap();
        assert_eq!(id.as_str(), "0f8fad5b-d9cb-469f-a165-70867728950e");
        assert_eq!(
            ReviewId::from_uuid_bytes([
                0x0f, 0x8f, 0xad, 0x5b, 0xd9, 0xcb, 0x46, 0x9f, 0xa1, 0x65, 0x70, 0x86, 0x77, 0x28, 0x95,
                0x0e
            ]),
            id
        );
    }

    #[test]
    fn anything_else_is_refused_and_the_message_says_what_an_id_looks_like() {
        for bad in [
            "",
            "review-1",
            "0f8fad5b-d9cb-469f-a165-70867728950",   // one digit short
            "0f8fad5bd9cb-469f-a165-70867728950e-",  // hyphen misplaced
            "0f8fad5b-d9cb-469f-a165-70867728950g",  // not hex
            "0f8fad5b-d9cb-469f-a165-70867728950e0", // one digit long
        ] {
            assert!(ActionId::parse(bad).is_err(), "{bad:?} was accepted");
        }
        assert_eq!(
            ActionId::parse("review-1").unwrap_err(),
            "“review-1” is not an action’s id: an id is 32 hexadecimal digits in groups of 8, 4, 4, 4 and 12, separated by hyphens"
        );
    }

    #[test]
    fn an_id_reads_from_json_only_if_it_is_one() {
        let id: ActionId = serde_json::from_str("\"0f8fad5b-d9cb-469f-a165-70867728950e\"").unwrap();
        assert_eq!(serde_json::to_string(&id).unwrap(), "\"0f8fad5b-d9cb-469f-a165-70867728950e\"");
        assert!(serde_json::from_str::<ActionId>("\"../etc/passwd\"").is_err());
    }

    #[test]
    fn the_pattern_accepts_what_parse_keeps() {
        let pattern = crate::test_support::matches;
        assert!(pattern(UUID_PATTERN, "0f8fad5b-d9cb-469f-a165-70867728950e"));
        assert!(!pattern(UUID_PATTERN, "0f8fad5b-d9cb-469f-a165-70867728950"));
        assert!(!pattern(UUID_PATTERN, "review-1"));
    }
}

uuid_id!(
    /// A bid's id.
    BidId,
    "a bid"
);

uuid_id!(
    /// A benefit's id (a benefit of a funded item).
    BenefitId,
    "a benefit"
);
