//! Who is calling: the bearer token, verified by `auth`, decided before anything else in the
//! request is read.

use super::error::ApiError;
use crate::app::{App, AppError};
use crate::auth::VerifyError;
use axum::extract::FromRequestParts;
use axum::http::header;
use axum::http::request::Parts;
use wgll_shared::access::User;

/// The caller of a request: a verified user, or `None` for the anonymous public. A request with
/// a token that does not verify is refused outright rather than treated as anonymous, so an expired
/// sign-in says so instead of silently showing less.
pub struct Caller(pub Option<User>);

impl Caller {
    pub fn user(&self) -> Option<&User> {
        self.0.as_ref()
    }
}

impl FromRequestParts<App> for Caller {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &App) -> Result<Self, Self::Rejection> {
        let Some(value) = parts.headers.get(header::AUTHORIZATION) else {
            return Ok(Caller(None));
        };
        let token = value
            .to_str()
            .ok()
            .and_then(|value| value.strip_prefix("Bearer "))
            .map(str::trim)
            .filter(|token| !token.is_empty())
            .ok_or_else(|| {
                ApiError::from(AppError::Unauthenticated(
                    "Send the sign-in token as `Authorization: Bearer <token>`.".to_owned(),
                ))
            })?;
        match state.auth.verify(token).await {
            Ok(user) => Ok(Caller(Some(user))),
            Err(VerifyError::KeysUnavailable(reason)) => Err(AppError::Unavailable(reason).into()),
            Err(VerifyError::Token(reason)) => {
                // The reason is for the log; the token itself never is.
                tracing::info!(%reason, "refused a token");
                Err(AppError::Unauthenticated(
                    "Your sign-in has expired or is not valid: sign in again.".to_owned(),
                )
                .into())
            }
        }
    }
}

/// A caller who must be signed in: for the endpoints that change records, and those that read
/// what only some signed-in people may see. As an extractor it runs
/// before the body's, so the public is refused with 401 before its body is read: it learns nothing
/// from validation errors, and costs nothing to parse.
pub struct SignedIn(pub User);

impl FromRequestParts<App> for SignedIn {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &App) -> Result<Self, Self::Rejection> {
        match Caller::from_request_parts(parts, state).await? {
            Caller(Some(user)) => Ok(SignedIn(user)),
            Caller(None) => Err(AppError::Unauthenticated("Sign in to do this.".to_owned()).into()),
        }
    }
}
