//! Tokens this instance has already verified, kept until they expire.
//!
//! A signed-in person sends the same token with every request until it expires (an hour for
//! Cognito's), and checking it means decoding it and verifying its signature: RSA for Cognito,
//! Ed25519 for the development sign-in, a measurable share of the API's CPU when it is busy (docs/performance.md). A token that
//! verified once verifies the same way until its expiry, because the checks (signature, issuer,
//! audience, claims) depend only on its exact bytes and this instance's key set, which never
//! changes while it runs. So a token is looked up by its exact text, and a hit is accepted only
//! until the moment the full check would start refusing it.

use std::collections::HashMap;
use std::sync::Mutex;
use wgll_shared::access::User;

/// At most this many tokens are kept (about 1 KB each): far more people than one instance serves
/// in an hour. When full, expired tokens go first, and if none has expired all of them go: a
/// forgotten token only costs its next request a full check.
const CAPACITY: usize = 1_000;

#[derive(Default)]
pub struct VerifiedTokens {
    /// Each token's user, and the last second (Unix time) at which it is still accepted.
    entries: Mutex<HashMap<Box<str>, (User, u64)>>,
}

impl VerifiedTokens {
    /// The user of a token verified before, if it is still accepted at `now` (Unix seconds).
    pub fn get(&self, token: &str, now: u64) -> Option<User> {
        let entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        entries.get(token).filter(|(_, accepted_until)| now <= *accepted_until).map(|(user, _)| user.clone())
    }

    /// Remembers that `token`, just verified, stands for `user` until `accepted_until`.
    pub fn insert(&self, token: &str, user: User, accepted_until: u64, now: u64) {
        let mut entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if entries.len() >= CAPACITY {
            entries.retain(|_, (_, until)| now <= *until);
            if entries.len() >= CAPACITY {
                entries.clear();
            }
        }
        entries.insert(token.into(), (user, accepted_until));
    }

    #[cfg(test)]
    fn len(&self) -> usize {
        self.entries.lock().unwrap().len()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn user(email: &str) -> User {
        User {
            subject: email.to_owned(),
            name: email.to_owned(),
            email: wgll_shared::email::Email::parse(email).unwrap(),
            roles: Vec::new(),
        }
    }

    #[test]
    fn a_token_is_accepted_until_its_time_and_not_after() {
        let tokens = VerifiedTokens::default();
        tokens.insert("header.jo.signature", user("jo@example.nhs.uk"), 1_000, 900);
        assert_eq!(
            tokens.get("header.jo.signature", 1_000).map(|user| user.email.to_string()),
            Some("jo@example.nhs.uk".into())
        );
        assert!(tokens.get("header.jo.signature", 1_001).is_none(), "expired");
        assert!(tokens.get("header.jo.signaturE", 950).is_none(), "another token, however close");
    }

    #[test]
    fn it_never_holds_more_than_its_capacity() {
        let tokens = VerifiedTokens::default();
        for n in 0..CAPACITY + 10 {
            tokens.insert(&format!("token-{n}"), user("jo@example.nhs.uk"), 2_000, 1_000);
        }
        assert!(tokens.len() <= CAPACITY);
        assert!(tokens.get(&format!("token-{}", CAPACITY + 9), 1_000).is_some(), "the newest is kept");
        // Expired tokens make room before live ones are forgotten.
        let tokens = VerifiedTokens::default();
        tokens.insert("live", user("jo@example.nhs.uk"), 5_000, 1_000);
        for n in 1..CAPACITY {
            tokens.insert(&format!("expiring-{n}"), user("al@example.nhs.uk"), 1_500, 1_000);
        }
        tokens.insert("newest", user("al@example.nhs.uk"), 5_000, 2_000);
        assert!(tokens.get("live", 2_000).is_some());
        assert_eq!(tokens.len(), 2);
    }
}
