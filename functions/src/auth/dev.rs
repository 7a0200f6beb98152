//! The development sign-in: for the local server and the tests only, never mounted in AWS.
//! It signs real tokens with a key made at start-up and publishes that key as a JWKS, so the local
//! app and the tests go through exactly the same verification as Cognito's tokens in AWS.

use super::tokens::Verifier;
use aws_lc_rs::rand::SystemRandom;
use aws_lc_rs::signature::{Ed25519KeyPair, KeyPair};
use base64::Engine;
use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode};
use serde::Serialize;
use wgll_shared::Validated;
use wgll_shared::access::{DevSignIn, Role, Session, User};
use wgll_shared::email::Email;
use wgll_shared::validation::{self, Errors};

pub const ISSUER: &str = "wgll-dev-sign-in";
pub const AUDIENCE: &str = "wgll-local";
/// A working day: long enough not to interrupt, short enough to expire.
const LIFETIME_SECONDS: u64 = 8 * 60 * 60;

pub struct DevIssuer {
    key_id: String,
    signing_key: EncodingKey,
    keys: JwkSet,
}

#[derive(Serialize)]
struct Claims<'a> {
    iss: &'a str,
    aud: &'a str,
    sub: &'a str,
    iat: u64,
    exp: u64,
    email: &'a str,
    name: &'a str,
    token_use: &'a str,
    #[serde(rename = "cognito:groups")]
    groups: Vec<String>,
}

impl DevIssuer {
    /// A new signing key; tokens from a previous run stop verifying, as after a key rotation.
    pub fn generate() -> Self {
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new()).expect("the system has randomness");
        Self::from_pkcs8(pkcs8.as_ref()).expect("a fresh key parses")
    }

    /// The signing key kept in `path` (PKCS #8), made there on first use, so a restarted local
    /// server still accepts the tokens it signed before: people stay signed in across restarts.
    pub fn load_or_generate(path: &std::path::Path) -> std::io::Result<Self> {
        if let Some(issuer) = std::fs::read(path).ok().and_then(|bytes| Self::from_pkcs8(&bytes)) {
            return Ok(issuer);
        }
        let pkcs8 = Ed25519KeyPair::generate_pkcs8(&SystemRandom::new())
            .map_err(|_| std::io::Error::other("no randomness for a signing key"))?;
        if let Some(folder) = path.parent() {
            std::fs::create_dir_all(folder)?;
        }
        std::fs::write(path, pkcs8.as_ref())?;
        // Only this user may read it: it can sign in as anyone.
        std::fs::set_permissions(path, std::os::unix::fs::PermissionsExt::from_mode(0o600))?;
        Self::from_pkcs8(pkcs8.as_ref())
            .ok_or_else(|| std::io::Error::other("the new signing key does not parse"))
    }

    fn from_pkcs8(pkcs8: &[u8]) -> Option<Self> {
        let pair = Ed25519KeyPair::from_pkcs8(pkcs8).ok()?;
        let x = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(pair.public_key().as_ref());
        // Derived from the key, so the same key always has the same id.
        let key_id = format!("dev-{}", &x[..12]);
        let keys = serde_json::from_value(serde_json::json!({
            "keys": [{ "kty": "OKP", "crv": "Ed25519", "x": x, "kid": key_id, "alg": "EdDSA", "use": "sig" }]
        }))
        .ok()?;
        Some(Self { key_id, signing_key: EncodingKey::from_ed_der(pkcs8), keys })
    }

    pub fn verifier(&self) -> Verifier {
        Verifier::new(ISSUER, AUDIENCE, self.keys.clone())
    }

    pub fn key_set(&self) -> &JwkSet {
        &self.keys
    }

    /// Signs a token for whoever the form says: there is no password, which is why this exists
    /// only on a developer's machine.
    pub fn sign_in(&self, form: &DevSignIn) -> Validated<Session> {
        let mut errors = Errors::default();
        let name = errors.check("name", validation::text(&form.name, "your name", true, DevSignIn::NAME_MAX));
        let email = errors.check("email", Email::parse(&form.email));
        let mut roles = Vec::new();
        for group in &form.groups {
            match Role::from_group(group) {
                Some(role) => roles.push(role),
                None => errors.add("groups", format!("“{group}” is not a role this service knows")),
            }
        }
        let (Some(name), Some(email)) = (name, email) else { return Err(errors.into_vec()) };
        if !errors.is_empty() {
            return Err(errors.into_vec());
        }
        let now = jsonwebtoken::get_current_timestamp();
        let subject = format!("dev|{email}");
        let claims = Claims {
            iss: ISSUER,
            aud: AUDIENCE,
            sub: &subject,
            iat: now,
            exp: now + LIFETIME_SECONDS,
            email: email.as_str(),
            name: &name,
            token_use: "id",
            groups: roles.iter().map(Role::group).collect(),
        };
        let mut header = Header::new(Algorithm::EdDSA);
        header.kid = Some(self.key_id.clone());
        let token = encode(&header, &claims, &self.signing_key)
            .map_err(|error| vec![wgll_shared::FieldError::new("token", error.to_string())])?;
        Ok(Session { token, expires_at: now + LIFETIME_SECONDS, user: User { subject, name, email, roles } })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn form() -> DevSignIn {
        DevSignIn { name: "Jo".into(), email: "jo@example.nhs.uk".into(), groups: vec!["reviewer".into()] }
    }

    #[test]
    fn a_kept_key_still_verifies_tokens_after_a_restart_and_a_new_one_does_not() {
        let folder = std::env::temp_dir().join(format!("wgll-dev-key-{}", uuid::Uuid::new_v4()));
        let path = folder.join("dev-signing-key.pk8");
        let before = DevIssuer::load_or_generate(&path).unwrap();
        let token = before.sign_in(&form()).unwrap().token;
        let after_restart = DevIssuer::load_or_generate(&path).unwrap();
        assert_eq!(after_restart.verifier().verify(&token).unwrap().email, "jo@example.nhs.uk");
        assert!(DevIssuer::generate().verifier().verify(&token).is_err());
        let mode = std::os::unix::fs::PermissionsExt::mode(&std::fs::metadata(&path).unwrap().permissions());
        assert_eq!(mode & 0o777, 0o600, "only its owner can read the signing key");
        std::fs::remove_dir_all(folder).unwrap();
    }

    #[test]
    fn the_sign_in_form_is_validated() {
        let issuer = DevIssuer::generate();
        let bad = DevSignIn { name: " ".into(), email: "nope".into(), groups: vec!["root".into()] };
        let fields: Vec<String> = issuer.sign_in(&bad).unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["name", "email", "groups"]);
    }

    #[test]
    fn a_development_sign_in_lasts_eight_hours_and_its_key_is_published() {
        let issuer = DevIssuer::generate();
        let now = jsonwebtoken::get_current_timestamp();
        let session = issuer.sign_in(&form()).unwrap();
        let lasts = session.expires_at - now;
        assert!((8 * 3600..=8 * 3600 + 5).contains(&lasts), "the session lasts {lasts} s");
        let payload = session.token.split('.').nth(1).unwrap();
        let claims: serde_json::Value = serde_json::from_slice(
            &base64::engine::general_purpose::URL_SAFE_NO_PAD.decode(payload).unwrap(),
        )
        .unwrap();
        assert_eq!(claims["exp"].as_u64(), Some(session.expires_at), "the token expires with the session");
        assert_eq!(claims["exp"].as_u64().unwrap() - claims["iat"].as_u64().unwrap(), 8 * 3600);
        // The published key set is the one that verifies it.
        let key_set: JwkSet =
            serde_json::from_value(serde_json::to_value(issuer.key_set()).unwrap()).unwrap();
        assert_eq!(key_set.keys.len(), 1);
        let verifier = Verifier::new(ISSUER, AUDIENCE, key_set);
        assert_eq!(verifier.verify(&session.token).unwrap().email, "jo@example.nhs.uk");
    }
}
