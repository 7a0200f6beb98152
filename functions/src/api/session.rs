//! Who am I, and the development sign-in (local server and tests only: not compiled into the
//! Lambda, so its paths are a 404 in AWS).

#[cfg(feature = "dev-sign-in")]
use super::JsonBody;
use super::caller::Caller;
use super::error::ApiError;
use crate::app::{App, AppError};
use axum::Json;
use axum::extract::State;
#[cfg(feature = "dev-sign-in")]
use jsonwebtoken::jwk::JwkSet;
#[cfg(feature = "dev-sign-in")]
use wgll_shared::access::{DevSignIn, Session};
use wgll_shared::access::{SignInConfig, User};
use wgll_shared::problem::Problem;

#[utoipa::path(get, path = "/api/me", tag = "session", security(("bearer" = [])),
    responses(
        (status = 200, description = "The signed-in user and their roles", body = User),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn me(caller: Caller) -> Result<Json<User>, ApiError> {
    Ok(Json(caller.0.ok_or_else(|| AppError::Unauthenticated("Sign in to see your account.".to_owned()))?))
}

#[utoipa::path(get, path = "/api/sign-in", tag = "session",
    responses((status = 200, description = "How to sign in here: the development form, or Cognito's hosted sign-in", body = SignInConfig)))]
pub async fn sign_in_config(State(app): State<App>) -> Json<SignInConfig> {
    Json(app.auth.sign_in_config())
}

#[cfg(feature = "dev-sign-in")]
#[utoipa::path(post, path = "/api/dev/sign-in", tag = "session", request_body = DevSignIn,
    description = "Development only: signs a token for the name, email and roles given. Absent in AWS, where Cognito signs people in.",
    responses(
        (status = 200, description = "A signed token", body = Session),
        (status = 404, description = "This deployment has no development sign-in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn dev_sign_in(
    State(app): State<App>,
    JsonBody(form): JsonBody<DevSignIn>,
) -> Result<Json<Session>, ApiError> {
    let issuer = app.auth.dev.as_ref().ok_or_else(no_dev_sign_in)?;
    Ok(Json(issuer.sign_in(&form).map_err(AppError::Invalid)?))
}

/// The development issuer's public keys, as Cognito publishes its own.
#[cfg(feature = "dev-sign-in")]
#[utoipa::path(get, path = "/api/dev/jwks.json", tag = "session",
    description = "Development only: the public keys that verify development sign-in tokens.",
    responses(
        (status = 200, description = "A JSON Web Key Set", body = Object),
        (status = 404, description = "This deployment has no development sign-in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn dev_key_set(State(app): State<App>) -> Result<Json<JwkSet>, ApiError> {
    let issuer = app.auth.dev.as_ref().ok_or_else(no_dev_sign_in)?;
    Ok(Json(issuer.key_set().clone()))
}

#[cfg(feature = "dev-sign-in")]
fn no_dev_sign_in() -> AppError {
    AppError::NotFound(
        "This deployment has no development sign-in: sign in with your NHS account.".to_owned(),
    )
}
