//! `GET /api/health`: is the service up, and can it reach its database?

use super::error::ApiError;
use crate::app::{App, AppError};
use axum::Json;
use axum::extract::State;
use serde::Serialize;
use wgll_shared::problem::Problem;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    /// `ok`: the API answers and reaches its database.
    status: &'static str,
    /// `reachable`.
    database: &'static str,
}

/// 200 only when the database answers too, so that monitoring (and a load balancer's health
/// check) sees an outage as one: a 503 problem with `Retry-After` otherwise.
#[utoipa::path(get, path = "/api/health", tag = "service",
    responses(
        (status = 200, description = "The service and its database answer", body = Health),
        (status = 503, description = "The database cannot be reached", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn health(State(app): State<App>) -> Result<Json<Health>, ApiError> {
    if app.store.is_reachable().await {
        Ok(Json(Health { status: "ok", database: "reachable" }))
    } else {
        Err(AppError::Unavailable("the health check could not reach the database".to_owned()).into())
    }
}
