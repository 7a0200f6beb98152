//! Bearer token verification against a JSON Web Key Set.

use jsonwebtoken::jwk::{AlgorithmParameters, JwkSet};
use jsonwebtoken::{Algorithm, DecodingKey, Validation, decode, decode_header};
use serde::Deserialize;
use wgll_shared::access::{Role, User};
use wgll_shared::email::Email;

/// Checks tokens from one issuer for one audience.
#[derive(Clone)]
pub struct Verifier {
    issuer: String,
    audience: String,
    keys: JwkSet,
}

/// The claims this service reads. Cognito ID tokens carry the user's groups in `cognito:groups`.
#[derive(Deserialize)]
struct Claims {
    sub: String,
    #[serde(default)]
    email: Option<String>,
    #[serde(default)]
    name: Option<String>,
    #[serde(default, rename = "cognito:groups")]
    groups: Vec<String>,
    /// Cognito marks ID tokens `id`; access tokens (`access`) carry no audience or email.
    #[serde(default)]
    token_use: Option<String>,
    /// When the token expires (Unix seconds); required by the validation.
    exp: u64,
}

/// How many seconds past its expiry a token is still accepted, for clocks that disagree a little.
pub const LEEWAY_SECONDS: u64 = 30;

#[derive(Debug, thiserror::Error)]
pub enum TokenError {
    #[error("the token names no key id")]
    NoKeyId,
    #[error("the token's key {0} is not in the key set")]
    UnknownKey(String),
    #[error("the token's algorithm does not match its key")]
    WrongAlgorithm,
    #[error("the token is not an ID token")]
    NotAnIdToken,
    #[error("the token has no email address, or one that is not an email address")]
    NoEmail,
    #[error("{0}")]
    Invalid(#[from] jsonwebtoken::errors::Error),
}

impl Verifier {
    pub fn new(issuer: impl Into<String>, audience: impl Into<String>, keys: JwkSet) -> Self {
        Self { issuer: issuer.into(), audience: audience.into(), keys }
    }

    /// The user a token stands for, if its signature, issuer, audience and expiry all check out.
    pub fn verify(&self, token: &str) -> Result<User, TokenError> {
        self.verify_until(token).map(|(user, _)| user)
    }

    /// As [`Verifier::verify`], with the last second (Unix time) at which the token is accepted.
    pub fn verify_until(&self, token: &str) -> Result<(User, u64), TokenError> {
        let header = decode_header(token)?;
        let key_id = header.kid.ok_or(TokenError::NoKeyId)?;
        let jwk = self.keys.find(&key_id).ok_or_else(|| TokenError::UnknownKey(key_id.clone()))?;
        // The algorithm comes from our key set, never from the token, so a token cannot choose a
        // weaker check (the classic "alg: none" and RSA/HMAC confusion attacks).
        let algorithm = match (&jwk.algorithm, jwk.common.key_algorithm) {
            (_, Some(algorithm)) => Algorithm::try_from(algorithm).map_err(|_| TokenError::WrongAlgorithm)?,
            (AlgorithmParameters::RSA(_), None) => Algorithm::RS256,
            (AlgorithmParameters::OctetKeyPair(_), None) => Algorithm::EdDSA,
            _ => return Err(TokenError::WrongAlgorithm),
        };
        if header.alg != algorithm {
            return Err(TokenError::WrongAlgorithm);
        }
        let mut validation = Validation::new(algorithm);
        validation.set_issuer(&[&self.issuer]);
        validation.set_audience(&[&self.audience]);
        validation.set_required_spec_claims(&["exp", "iss", "aud", "sub"]);
        validation.leeway = LEEWAY_SECONDS;
        let claims = decode::<Claims>(token, &DecodingKey::from_jwk(jwk)?, &validation)?.claims;
        if claims.token_use.as_deref().is_some_and(|token_use| token_use != "id") {
            return Err(TokenError::NotAnIdToken);
        }
        let email = claims.email.and_then(|email| Email::parse(&email).ok()).ok_or(TokenError::NoEmail)?;
        let user = User {
            subject: claims.sub,
            name: claims.name.filter(|name| !name.trim().is_empty()).unwrap_or_else(|| email.to_string()),
            email,
            roles: claims.groups.iter().filter_map(|group| Role::from_group(group)).collect(),
        };
        Ok((user, claims.exp.saturating_add(LEEWAY_SECONDS)))
    }
}

/// The issuer of a Cognito user pool's tokens; its key set is at `<issuer>/.well-known/jwks.json`.
pub fn cognito_issuer(region: &str, user_pool_id: &str) -> String {
    format!("https://cognito-idp.{region}.amazonaws.com/{user_pool_id}")
}

/// A JSON Web Key Set from `url`, over TLS trusting Amazon's roots only (see [`crate::aws_tls`]).
pub async fn fetch_key_set(url: &str) -> Result<JwkSet, String> {
    crate::aws_tls::get_json(url).await
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_user_pools_issuer_is_its_regional_cognito_address() {
        assert_eq!(
            super::cognito_issuer("eu-west-2", "eu-west-2_AbC123"),
            "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_AbC123"
        );
    }
}
