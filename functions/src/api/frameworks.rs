//! `GET /api/frameworks[/{id}]`: the WGLL framework versions, compiled in (no database read).

use super::error::ApiError;
use crate::app::AppError;
use axum::Json;
use axum::extract::Path;
use serde::Serialize;
use wgll_shared::framework::{self, Framework};

#[derive(Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct FrameworkSummary {
    id: String,
    title: String,
    published: String,
    current: bool,
}

#[utoipa::path(get, path = "/api/frameworks", tag = "frameworks",
    responses((status = 200, description = "Every framework version, newest first", body = Vec<FrameworkSummary>)))]
pub async fn list_frameworks() -> Json<Vec<FrameworkSummary>> {
    Json(
        framework::all()
            .into_iter()
            .map(|framework| FrameworkSummary {
                id: framework.id.to_string(),
                title: framework.title.to_string(),
                published: framework.published.to_string(),
                current: framework.id == framework::CURRENT,
            })
            .collect(),
    )
}

#[utoipa::path(get, path = "/api/frameworks/{id}", tag = "frameworks",
    params(("id" = wgll_shared::schema::FrameworkId, Path, description = "Framework version, e.g. wgll-2021")),
    responses(
        (status = 200, description = "The 7 success measures with their statements", body = Framework),
        (status = 404, description = "No such version", body = wgll_shared::problem::Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_framework(Path(id): Path<String>) -> Result<Json<&'static Framework>, ApiError> {
    let framework = framework::find(&id).ok_or_else(|| {
        AppError::NotFound(format!(
            "There is no framework version “{id}”. The current one is {}.",
            framework::CURRENT
        ))
    })?;
    Ok(Json(framework))
}
