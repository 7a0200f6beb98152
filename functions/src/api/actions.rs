//! Action plans over HTTP (`app::actions`).

use super::caller::{Caller, SignedIn};
use super::error::ApiError;
use super::{JsonBody, PathParams, QueryParams};
use crate::app::actions::{self, ActionFilter};
use crate::app::{App, AppError};
use axum::Json;
use axum::extract::State;
use axum::http::StatusCode;
use serde::Deserialize;
use wgll_shared::actions::{ActionStatus, ActionUpdate, NewAction, PlannedAction};
use wgll_shared::ids::ActionId;
use wgll_shared::organisation::OdsCode;
use wgll_shared::problem::Problem;

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ActionFilterQuery {
    /// Only actions with this status.
    #[param(value_type = Option<ActionStatus>)]
    pub(super) status: Option<String>,
    /// Only open actions past their due date.
    pub(super) overdue: Option<bool>,
    /// Only this organisation's actions (ICS lists only).
    #[param(value_type = Option<wgll_shared::organisation::OdsCode>)]
    pub(super) organisation: Option<String>,
}

impl ActionFilterQuery {
    pub(super) fn parse(&self) -> Result<ActionFilter, AppError> {
        let given = |value: &Option<String>| value.clone().filter(|value| !value.is_empty());
        let status = given(&self.status)
            .map(|status| {
                ActionStatus::parse(&status).ok_or_else(|| {
                    AppError::invalid(
                        "status",
                        "Choose a status: not-started, in-progress, done or cancelled",
                    )
                })
            })
            .transpose()?;
        let organisation = given(&self.organisation)
            .map(|code| OdsCode::parse(&code).map_err(|message| AppError::invalid("organisation", message)))
            .transpose()?;
        Ok(ActionFilter { status, overdue: self.overdue == Some(true), organisation })
    }
}

#[utoipa::path(post, path = "/api/organisations/{ods}/actions", tag = "actions", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code")), request_body = NewAction,
    responses(
        (status = 201, description = "Created", body = PlannedAction),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a lead of this organisation or its ICS", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct, or the review is not this organisation's published review", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn create_action(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
    JsonBody(form): JsonBody<NewAction>,
) -> Result<(StatusCode, Json<PlannedAction>), ApiError> {
    Ok((StatusCode::CREATED, Json(actions::create(&app, &user, &ods, form).await?)))
}

#[utoipa::path(put, path = "/api/organisations/{ods}/actions/{id}", tag = "actions", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code"), ("id" = ActionId, Path, description = "Action id")),
    request_body = ActionUpdate,
    responses(
        (status = 200, description = "Saved, with its new version", body = PlannedAction),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a lead of this organisation or its ICS", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or action", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Someone else saved the action since it was read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn update_action(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, id)): PathParams<(OdsCode, ActionId)>,
    JsonBody(form): JsonBody<ActionUpdate>,
) -> Result<Json<PlannedAction>, ApiError> {
    Ok(Json(actions::update(&app, &user, &ods, &id, form).await?))
}

#[utoipa::path(get, path = "/api/organisations/{ods}/actions", tag = "actions", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code"), ActionFilterQuery),
    responses(
        (status = 200, description = "The organisation's actions, soonest due first", body = Vec<PlannedAction>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a lead of this organisation or its ICS", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_organisation_actions(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
    QueryParams(query): QueryParams<ActionFilterQuery>,
) -> Result<Json<Vec<PlannedAction>>, ApiError> {
    let filter = query.parse()?;
    Ok(Json(actions::list_for_organisation(&app, &user, &ods, &filter).await?))
}

#[utoipa::path(get, path = "/api/ics/{ics}/actions", tag = "actions", security(("bearer" = [])),
    params(("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code"), ActionFilterQuery),
    responses(
        (status = 200, description = "Every action in the ICS, soonest due first", body = Vec<PlannedAction>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not this ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "The ICS code is malformed", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_ics_actions(
    State(app): State<App>,
    caller: Caller,
    PathParams(ics): PathParams<OdsCode>,
    QueryParams(query): QueryParams<ActionFilterQuery>,
) -> Result<Json<Vec<PlannedAction>>, ApiError> {
    let filter = query.parse()?;
    Ok(Json(actions::list_for_ics(&app, caller.user(), &ics, &filter).await?))
}
