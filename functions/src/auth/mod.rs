//! Who is calling and what they may do.
//!
//! - [`tokens`]: verifies a bearer token (issuer, audience, expiry, signature against a JWKS) into a
//!   [`User`]. The same code checks Cognito's tokens in AWS and the development sign-in's locally.
//! - [`dev`]: the development sign-in (local server and tests only): real signed tokens, its own JWKS.
//! - [`rules`]: the one table of who may do what, and [`authorise`](rules::authorise).
//! - [`verified_tokens`]: tokens already verified, so a person's next requests skip the check.

#[cfg(feature = "dev-sign-in")]
pub mod dev;
pub mod rules;
pub mod tokens;
mod verified_tokens;

use std::sync::Arc;
use wgll_shared::access::User;

/// Why a token was not accepted.
#[derive(Debug)]
pub enum VerifyError {
    /// The token itself: bad signature, wrong issuer or audience, expired… (a 401).
    Token(tokens::TokenError),
    /// Cognito's key set could not be fetched yet: nothing is wrong with the token (a 503).
    KeysUnavailable(String),
}

/// The keys tokens are checked against.
enum TokenKeys {
    /// Known at start: the development sign-in's, or a key set given directly (tests).
    Ready(tokens::Verifier),
    /// Cognito's key set, fetched over the network in the background from the start, so that a
    /// cold start does not wait for it and requests without a token (the public pages) never do.
    /// A token check waits for the fetch; if it failed, the next token check tries again.
    Fetched { verifier: Arc<tokio::sync::OnceCell<tokens::Verifier>>, source: Arc<KeySetSource> },
}

/// Where a Cognito user pool's key set is, and what its tokens must say.
struct KeySetSource {
    url: String,
    issuer: String,
    audience: String,
}

impl KeySetSource {
    async fn fetch(&self) -> Result<tokens::Verifier, String> {
        let keys = tokens::fetch_key_set(&self.url).await?;
        Ok(tokens::Verifier::new(self.issuer.clone(), self.audience.clone(), keys))
    }
}

/// How this deployment checks tokens, built once at start-up.
pub struct Auth {
    keys: TokenKeys,
    /// Present only for the local server and tests: the development sign-in.
    #[cfg(feature = "dev-sign-in")]
    pub dev: Option<dev::DevIssuer>,
    /// Where the app sends people to sign in, when that is Cognito's hosted sign-in.
    pub hosted: Option<wgll_shared::access::HostedSignIn>,
    verified: verified_tokens::VerifiedTokens,
}

impl Auth {
    /// Local: a fresh development issuer, whose tokens the verifier accepts.
    #[cfg(feature = "dev-sign-in")]
    pub fn development() -> Self {
        Self::with_issuer(dev::DevIssuer::generate())
    }

    /// Local: the development sign-in with a given issuer (e.g. one whose key is kept on disk).
    #[cfg(feature = "dev-sign-in")]
    pub fn with_issuer(issuer: dev::DevIssuer) -> Self {
        Self {
            keys: TokenKeys::Ready(issuer.verifier()),
            dev: Some(issuer),
            hosted: None,
            verified: Default::default(),
        }
    }

    /// Cognito's tokens only, checked against a key set already at hand; there is no development
    /// sign-in.
    pub fn cognito(verifier: tokens::Verifier, hosted: wgll_shared::access::HostedSignIn) -> Self {
        Self {
            keys: TokenKeys::Ready(verifier),
            #[cfg(feature = "dev-sign-in")]
            dev: None,
            hosted: Some(hosted),
            verified: Default::default(),
        }
    }

    /// AWS: Cognito's tokens only, checked against the user pool's key set at `key_set_url`, which
    /// starts being fetched now, in the background (it must be called within the Tokio runtime).
    pub fn cognito_fetching_keys(
        key_set_url: String,
        issuer: String,
        hosted: wgll_shared::access::HostedSignIn,
    ) -> Self {
        let source = Arc::new(KeySetSource { url: key_set_url, issuer, audience: hosted.client_id.clone() });
        let verifier = Arc::new(tokio::sync::OnceCell::new());
        tokio::spawn({
            let (verifier, source) = (verifier.clone(), source.clone());
            async move {
                if let Err(reason) = verifier.get_or_try_init(|| source.fetch()).await {
                    tracing::error!(%reason, "Cognito's key set could not be fetched; the next token check tries again");
                }
            }
        });
        Self {
            keys: TokenKeys::Fetched { verifier, source },
            #[cfg(feature = "dev-sign-in")]
            dev: None,
            hosted: Some(hosted),
            verified: Default::default(),
        }
    }

    /// What the app needs to sign people in here.
    pub fn sign_in_config(&self) -> wgll_shared::access::SignInConfig {
        match &self.hosted {
            Some(hosted) => wgll_shared::access::SignInConfig::Cognito(hosted.clone()),
            None => wgll_shared::access::SignInConfig::Development,
        }
    }

    /// The user `token` stands for: at once if this instance verified it before and it has not
    /// expired, else after the full check, which waits for Cognito's key set if it is still being
    /// fetched.
    pub async fn verify(&self, token: &str) -> Result<User, VerifyError> {
        // The clock the full check reads a token's expiry against.
        let now = jsonwebtoken::get_current_timestamp();
        if let Some(user) = self.verified.get(token, now) {
            return Ok(user);
        }
        let verifier = match &self.keys {
            TokenKeys::Ready(verifier) => verifier,
            TokenKeys::Fetched { verifier, source } => {
                verifier.get_or_try_init(|| source.fetch()).await.map_err(VerifyError::KeysUnavailable)?
            }
        };
        let (user, accepted_until) = verifier.verify_until(token).map_err(VerifyError::Token)?;
        self.verified.insert(token, user.clone(), accepted_until, now);
        Ok(user)
    }

    /// From the environment: `AUTH_MODE=dev` (the local server's default) or `cognito`, which needs
    /// `COGNITO_USER_POOL_ID` and `COGNITO_CLIENT_ID` (the Lambda's, set by the template).
    pub fn from_config(config: &crate::config::Config) -> Self {
        match &config.auth {
            #[cfg(feature = "dev-sign-in")]
            crate::config::AuthMode::Development => Self::development(),
            crate::config::AuthMode::Cognito { user_pool_id, client_id, domain } => {
                let domain = domain.trim_end_matches('/');
                let hosted = wgll_shared::access::HostedSignIn {
                    authorize_url: format!("{domain}/oauth2/authorize"),
                    token_url: format!("{domain}/oauth2/token"),
                    client_id: client_id.clone(),
                };
                let issuer = tokens::cognito_issuer(&config.region, user_pool_id);
                Self::cognito_fetching_keys(format!("{issuer}/.well-known/jwks.json"), issuer, hosted)
            }
        }
    }
}
