//! Action plans: actions created from a gap in a published review, listed and filtered per
//! organisation and per ICS, with overdue ones flagged.

use super::organisations::find_organisation;
use super::{AppState, JsonBody, QueryParams};
use crate::auth::rules::{Action, Target, authorise};
use crate::auth::{Caller, SignedIn};
use crate::error::ApiError;
use axum::Json;
use axum::extract::{Path, State};
use axum::http::StatusCode;
use serde::Deserialize;
use wgll_shared::FieldError;
use wgll_shared::actions::{ActionStatus, ActionUpdate, NewAction, PlannedAction};
use wgll_shared::organisation::OdsCode;
use wgll_shared::problem::Problem;
use wgll_shared::review::ReviewStatus;

fn today() -> String {
    crate::store::now()[..10].to_owned()
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ActionFilter {
    /// Only actions with this status.
    #[param(value_type = Option<ActionStatus>)]
    status: Option<String>,
    /// Only open actions past their due date.
    overdue: Option<bool>,
    /// Only this organisation's actions (ICS lists only).
    #[param(value_type = Option<wgll_shared::organisation::OdsCode>)]
    organisation: Option<String>,
}

impl ActionFilter {
    fn apply(&self, mut actions: Vec<PlannedAction>) -> Result<Vec<PlannedAction>, ApiError> {
        if let Some(status) = self.status.as_deref().filter(|status| !status.is_empty()) {
            let status = ActionStatus::parse(status).ok_or_else(|| {
                ApiError::Invalid(vec![FieldError::new(
                    "status",
                    "Choose a status: not-started, in-progress, done or cancelled",
                )])
            })?;
            actions.retain(|action| action.status == status);
        }
        if self.overdue == Some(true) {
            let today = today();
            actions.retain(|action| action.is_overdue(&today));
        }
        if let Some(organisation) = self.organisation.as_deref().filter(|code| !code.is_empty()) {
            let code = OdsCode::parse(organisation)
                .map_err(|message| ApiError::Invalid(vec![FieldError::new("organisation", message)]))?;
            actions.retain(|action| action.ods_code == code);
        }
        actions.sort_by(|a, b| (&a.due, &a.organisation_name).cmp(&(&b.due, &b.organisation_name)));
        Ok(actions)
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
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path(ods): Path<String>,
    JsonBody(form): JsonBody<NewAction>,
) -> Result<(StatusCode, Json<PlannedAction>), ApiError> {
    let organisation = find_organisation(&state, &ods).await?;
    authorise(Some(&user), Action::ManageActions, &Target::of_organisation(&organisation))?;
    let wrong_review = |message: String| ApiError::Invalid(vec![FieldError::new("reviewId", message)]);
    let detail = state
        .store
        .get_review_detail(form.review_id.trim())
        .await?
        .filter(|detail| detail.review.organisation == organisation.ods_code)
        .ok_or_else(|| wrong_review(format!("Choose one of {}’s reviews", organisation.name)))?;
    if detail.review.status != ReviewStatus::Published {
        return Err(wrong_review(
            "Actions come from a published review: publish this review first".to_owned(),
        ));
    }
    let current = detail.agreed_level(form.measure).map(|agreed| agreed.level.value());
    let valid = form.validate(current).map_err(ApiError::Invalid)?;
    let gap = detail
        .review
        .lead_reviewer()
        .and_then(|lead| detail.assessment(form.measure, lead))
        .map(|assessment| assessment.gaps.clone())
        .unwrap_or_default();
    let at = crate::store::now();
    let action = PlannedAction {
        id: uuid::Uuid::new_v4().to_string(),
        ods_code: organisation.ods_code.clone(),
        organisation_name: organisation.name.clone(),
        ics_code: organisation.ics().clone(),
        review_id: detail.review.id.clone(),
        period: detail.review.period.to_string(),
        measure: form.measure,
        gap,
        description: valid.description,
        current_level: current,
        target_level: valid.target_level,
        owner: valid.owner,
        due: valid.due,
        status: ActionStatus::NotStarted,
        version: 1,
        created_at: at.clone(),
        updated_at: at,
    };
    if !state.store.save_action(&action, 0).await? {
        return Err(ApiError::Conflict("An action with this id already exists: try again.".to_owned()));
    }
    Ok((StatusCode::CREATED, Json(action)))
}

#[utoipa::path(put, path = "/api/organisations/{ods}/actions/{id}", tag = "actions", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code"), ("id" = String, Path, description = "Action id")),
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
    State(state): State<AppState>,
    SignedIn(user): SignedIn,
    Path((ods, id)): Path<(String, String)>,
    JsonBody(form): JsonBody<ActionUpdate>,
) -> Result<Json<PlannedAction>, ApiError> {
    let organisation = find_organisation(&state, &ods).await?;
    authorise(Some(&user), Action::ManageActions, &Target::of_organisation(&organisation))?;
    let action = state
        .store
        .get_action(&organisation.ods_code, &id)
        .await?
        .ok_or_else(|| ApiError::NotFound(format!("{} has no action “{id}”.", organisation.name)))?;
    let valid = form.validate(action.current_level).map_err(ApiError::Invalid)?;
    let stale = || {
        ApiError::Conflict(
            "This action was changed by someone else since you opened it. Reload it to see their change, then make yours again."
                .to_owned(),
        )
    };
    if action.version != form.version {
        return Err(stale());
    }
    let updated = PlannedAction {
        description: valid.description,
        target_level: valid.target_level,
        owner: valid.owner,
        due: valid.due,
        status: form.status,
        version: action.version + 1,
        updated_at: crate::store::now(),
        ..action
    };
    if !state.store.save_action(&updated, form.version).await? {
        return Err(stale());
    }
    Ok(Json(updated))
}

#[utoipa::path(get, path = "/api/organisations/{ods}/actions", tag = "actions", security(("bearer" = [])),
    params(("ods" = wgll_shared::organisation::OdsCode, Path, description = "ODS code"), ActionFilter),
    responses(
        (status = 200, description = "The organisation's actions, soonest due first", body = Vec<PlannedAction>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a lead of this organisation or its ICS", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_organisation_actions(
    State(state): State<AppState>,
    caller: Caller,
    Path(ods): Path<String>,
    QueryParams(filter): QueryParams<ActionFilter>,
) -> Result<Json<Vec<PlannedAction>>, ApiError> {
    caller.require()?;
    let organisation = find_organisation(&state, &ods).await?;
    authorise(caller.user(), Action::ReadOrganisationOutcomes, &Target::of_organisation(&organisation))?;
    Ok(Json(filter.apply(state.store.list_organisation_actions(&organisation.ods_code).await?)?))
}

#[utoipa::path(get, path = "/api/ics/{ics}/actions", tag = "actions", security(("bearer" = [])),
    params(("ics" = wgll_shared::organisation::OdsCode, Path, description = "The ICS's ODS code"), ActionFilter),
    responses(
        (status = 200, description = "Every action in the ICS, soonest due first", body = Vec<PlannedAction>),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not this ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The ICS code or a filter is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_ics_actions(
    State(state): State<AppState>,
    caller: Caller,
    Path(ics): Path<String>,
    QueryParams(filter): QueryParams<ActionFilter>,
) -> Result<Json<Vec<PlannedAction>>, ApiError> {
    let code =
        OdsCode::parse(&ics).map_err(|message| ApiError::Invalid(vec![FieldError::new("ics", message)]));
    let target_code = code.as_ref().ok();
    authorise(caller.user(), Action::ReadIcsOutcomes, &Target::of_ics(target_code))?;
    let code = code?;
    Ok(Json(filter.apply(state.store.list_ics_actions(&code).await?)?))
}
