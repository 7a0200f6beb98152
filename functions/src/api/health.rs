//! `GET /api/health`: is the service up, and can it reach its database?

use super::AppState;
use axum::Json;
use axum::extract::State;
use serde::Serialize;

#[derive(Serialize, utoipa::ToSchema)]
pub struct Health {
    /// Always `ok` when the API answers at all.
    status: &'static str,
    /// `reachable` or `unreachable`.
    database: &'static str,
}

#[utoipa::path(get, path = "/api/health", tag = "service",
    responses((status = 200, description = "The service answers; says whether the database does", body = Health)))]
pub async fn health(State(state): State<AppState>) -> Json<Health> {
    let reachable = state.store.is_reachable().await;
    Json(Health { status: "ok", database: if reachable { "reachable" } else { "unreachable" } })
}
