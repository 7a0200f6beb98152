//! The year's funding rules over HTTP (`app::funding::settings`): the suggestion thresholds and
//! the earned-autonomy rules, each with its version (0: the defaults, none saved), to anyone
//! signed in. Their PUTs are in `funding.rs`.

use super::PathParams;
use super::caller::SignedIn;
use super::error::ApiError;
use crate::app::App;
use crate::app::funding::settings;
use axum::Json;
use axum::extract::State;
use wgll_shared::funding::autonomy::AutonomyRules;
use wgll_shared::funding::principles::suggestion::SuggestionThresholds;
use wgll_shared::funding::records::Versioned;
use wgll_shared::period::Period;
use wgll_shared::problem::Problem;

#[utoipa::path(get, path = "/api/funding/{period}/suggestion-thresholds", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`")),
    responses(
        (status = 200, description = "The year's thresholds for the principle suggestion with their version (0: the defaults, none saved yet)", body = Versioned<SuggestionThresholds>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_suggestion_thresholds(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
) -> Result<Json<Versioned<SuggestionThresholds>>, ApiError> {
    Ok(Json(settings::suggestion_thresholds(&app, &user, &period).await?))
}

#[utoipa::path(get, path = "/api/funding/{period}/autonomy-rules", tag = "funding", security(("bearer" = [])),
    params(("period" = wgll_shared::period::Period, Path, description = "Financial year, e.g. `2025-26`")),
    responses(
        (status = 200, description = "The year's earned-autonomy rules with their version (0: the year's defaults, none saved yet)", body = Versioned<AutonomyRules>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed: see docs/access.md", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such year, fund, organisation or record", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_autonomy_rules(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
) -> Result<Json<Versioned<AutonomyRules>>, ApiError> {
    Ok(Json(settings::autonomy_rules(&app, &user, &period).await?))
}
