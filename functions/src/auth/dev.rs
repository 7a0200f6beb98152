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
        let pair = Ed25519KeyPair::from_pkcs8(pkcs8.as_ref()).expect("a fresh key parses");
        let x = base64::engine::general_purpose::URL_SAFE_NO_PAD.encode(pair.public_key().as_ref());
        let key_id = format!("dev-{}", &uuid::Uuid::new_v4().simple().to_string()[..12]);
        let keys = serde_json::from_value(serde_json::json!({
            "keys": [{ "kty": "OKP", "crv": "Ed25519", "x": x, "kid": key_id, "alg": "EdDSA", "use": "sig" }]
        }))
        .expect("an Ed25519 JWK is well formed");
        Self { key_id, signing_key: EncodingKey::from_ed_der(pkcs8.as_ref()), keys }
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
        let name = errors.check("name", validation::text(&form.name, "your name", true, 100));
        let email = errors.check("email", validation::email(&form.email));
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
            email: &email,
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
