//! What can go wrong in the application, whichever door the request came in by. Each front door
//! shows it its own way: the JSON API as problem+json (`api::error`), the public pages as a page.

use crate::store::{Refusal, StoreError};
use wgll_shared::FieldError;

#[derive(Debug, thiserror::Error)]
pub enum AppError {
    /// The request was understood but some fields break the rules.
    #[error("invalid fields: {0:?}")]
    Invalid(Vec<FieldError>),
    /// No valid sign-in, for something that needs one.
    #[error("unauthenticated: {0}")]
    Unauthenticated(String),
    /// Signed in, but the rules do not let this user do this.
    #[error("forbidden: {0}")]
    Forbidden(String),
    #[error("not found: {0}")]
    NotFound(String),
    /// The change clashes with the record as it is now (taken, stale or read-only).
    #[error("conflict: {0}")]
    Conflict(String),
    /// The database (or Cognito's key set) is unreachable or throttling: worth retrying shortly.
    #[error("unavailable: {0}")]
    Unavailable(String),
    /// A bug or unreadable data: the details are for the log, never for the caller.
    #[error("internal error: {0}")]
    Internal(String),
}

impl AppError {
    /// One field to correct, with what to do about it.
    pub fn invalid(field: &str, message: impl Into<String>) -> Self {
        AppError::Invalid(vec![FieldError::new(field, message)])
    }
}

/// A write's result, with a refusal said the way `explain` says it for this change (which record,
/// and what to do); any other failure of the store as always.
pub(crate) fn explain_refusal<T>(
    result: Result<T, StoreError>,
    explain: impl FnOnce(Refusal) -> AppError,
) -> Result<T, AppError> {
    result.map_err(|error| match error {
        StoreError::Refused(refusal) => explain(refusal),
        other => other.into(),
    })
}

impl From<StoreError> for AppError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Unavailable(reason) => AppError::Unavailable(reason),
            StoreError::Refused(_) => AppError::Conflict(
                "The record changed while you were saving it. Reload it and try again.".to_owned(),
            ),
            other => AppError::Internal(other.to_string()),
        }
    }
}
