//! Action plans as pages with forms (`crate::views::actions`): an ICS's list with its filters,
//! and an organisation's plan below its outcomes with the form that adds an action; each
//! action's status is a form of its own. The app posts them as forms and the server answers with
//! the page again: with a notice once saved, with each error by its field and what was typed kept
//! (422, nothing saved), or with the clash explained by the action (409). They are read into the
//! JSON API's own `NewAction` and `ActionUpdate` and go through the same `app::actions`
//! functions, and so the same rules, as `api::actions`.

use super::actions::ActionFilterQuery;
use super::caller::SignedIn;
use super::error::ApiError;
use super::review_forms::{failed_with, page, refuse_unknown, value};
use super::{FormBody, PathParams, QueryParams};
use crate::app::actions::{self, ActionFilter};
use crate::app::{App, AppError, organisations, reviews};
use crate::views::{self, Feedback};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use maud::Markup;
use serde::Deserialize;
use wgll_shared::FieldError;
use wgll_shared::access::User;
use wgll_shared::actions::{ActionStatus, ActionUpdate, NewAction, PlannedAction};
use wgll_shared::date::Date;
use wgll_shared::ids::ActionId;
use wgll_shared::organisation::{OdsCode, Organisation};
use wgll_shared::outcomes::Trend;
use wgll_shared::problem::Problem;

/// An organisation's action plan and its form, below its outcomes (`super::views::outcomes_page`).
pub(super) async fn organisation_plan(
    app: &App,
    user: &User,
    organisation: &Organisation,
    trend: &Trend,
    feedback: &Feedback,
) -> Result<Markup, ApiError> {
    let ods = &organisation.ods_code;
    let planned = actions::list_for_organisation(app, user, ods, &ActionFilter::default()).await?;
    let reviews = reviews::list_for_organisation(app, Some(user), ods).await?;
    // The benefits of funded items that address its actions: one Query.
    let benefits = crate::app::benefits::of_organisation_for_actions(app, user, organisation).await?;
    Ok(views::actions::organisation_plan(
        organisation,
        &planned,
        &benefits,
        &reviews,
        trend,
        app.clock.today(),
        feedback,
    ))
}

/// An ICS's action plans as filtered by `query`.
async fn ics_page(
    app: &App,
    user: &User,
    ics: &OdsCode,
    query: &ActionFilterQuery,
    feedback: &Feedback,
) -> Result<Markup, ApiError> {
    let filter = query.parse()?;
    let planned = actions::list_for_ics(app, Some(user), ics, &filter).await?;
    let members = organisations::list(app, Some(user), Some(ics)).await?;
    let filters = views::actions::Filters {
        status: query.status.clone().unwrap_or_default(),
        organisation: query.organisation.clone().unwrap_or_default(),
        overdue: query.overdue == Some(true),
    };
    let benefits = crate::app::benefits::of_ics_for_actions(app, user, ics).await?;
    Ok(views::actions::ics_page(
        &ics.to_string(),
        &members,
        &filters,
        &planned,
        &benefits,
        app.clock.today(),
        feedback,
    ))
}

#[utoipa::path(get, path = "/api/views/ics/{ics}/actions", tag = "views", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code"), ActionFilterQuery),
    responses(
        (status = 200, description = "Every action in the ICS as filtered, soonest due first, each with its status form: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not this ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A filter is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn ics_actions_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ics): PathParams<OdsCode>,
    QueryParams(query): QueryParams<ActionFilterQuery>,
) -> Result<Response, ApiError> {
    Ok(page(StatusCode::OK, ics_page(&app, &user, &ics, &query, &Feedback::default()).await?))
}

const NEW_ACTION_FIELDS: [&str; 8] =
    ["reviewId", "measure", "description", "targetLevel", "owner", "due-day", "due-month", "due-year"];

#[utoipa::path(post, path = "/api/views/organisations/{ods}/actions", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "ODS code")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`reviewId` (a published peer review of the organisation), `measure`, `description`, `targetLevel` (blank for the default), `owner`, `due-day`, `-month` and `-year`"),
    responses(
        (status = 200, description = "Added: the outcomes page again with the action in its plan and a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a lead of this organisation or its ICS", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct (or the review is not this organisation's published peer review): the page again with each error by its field and what was typed; nothing is added", body = String, content_type = "text/html"),
    ))]
pub async fn new_action_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    refuse_unknown(&fields, &NEW_ACTION_FIELDS)?;
    let field = |name: &str| value(&fields, name).to_owned();
    // A target that is not a level is refused by the same rule as one out of range.
    let target = field("targetLevel");
    let target_level = match target.trim() {
        "" => None,
        typed => Some(typed.parse::<u8>().unwrap_or(0)),
    };
    let form = NewAction {
        review_id: field("reviewId"),
        measure: field("measure").trim().parse().unwrap_or(0),
        description: field("description"),
        target_level,
        owner: field("owner"),
        due: Date::join_parts(&field("due-day"), &field("due-month"), &field("due-year")),
    };
    let (status, feedback) = match actions::create(&app, &user, &ods, form).await {
        Ok(added) => {
            let notice = format!("You added the action “{}”.", added.description);
            (StatusCode::OK, Feedback { notice: Some(notice), ..Feedback::default() })
        }
        Err(error) => failed_with(error, fields, str::to_owned)?,
    };
    Ok(page(status, super::views::outcomes_page(&app, &user, &ods, None, &feedback).await?))
}

/// Which page a status form answers with: its ICS's list with the same filters, or (with no
/// `ics`) the organisation's outcomes page.
#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct StatusFormQuery {
    /// Answer with this ICS's list of actions (the page the form was on).
    #[param(value_type = Option<OdsCode>)]
    ics: Option<String>,
    /// The ICS list's filters, kept.
    #[param(value_type = Option<ActionStatus>)]
    status: Option<String>,
    overdue: Option<bool>,
    #[param(value_type = Option<OdsCode>)]
    organisation: Option<String>,
}

/// A status change, as the JSON API's update: the action's other fields as they are.
async fn change_status(
    app: &App,
    user: &User,
    ods: &OdsCode,
    id: &ActionId,
    fields: &[(String, String)],
    row: &str,
) -> Result<PlannedAction, AppError> {
    let planned = actions::list_for_organisation(app, user, ods, &ActionFilter::default()).await?;
    let current = planned
        .into_iter()
        .find(|action| &action.id == id)
        .ok_or_else(|| AppError::NotFound(format!("There is no action “{id}” here.")))?;
    let status = ActionStatus::parse(value(fields, "status")).ok_or_else(|| {
        AppError::invalid(row, "Choose a status: not started, in progress, done or cancelled")
    })?;
    let version = value(fields, "version")
        .parse()
        .map_err(|_| AppError::invalid(row, "The form lost the action’s version: reload the page"))?;
    let change = ActionUpdate {
        description: current.description,
        target_level: current.target_level,
        owner: current.owner,
        due: current.due.to_string(),
        status,
        version,
    };
    actions::update(app, user, ods, id, change).await
}

#[utoipa::path(post, path = "/api/views/organisations/{ods}/actions/{id}", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "ODS code"), ("id" = ActionId, Path, description = "Action id"), StatusFormQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`status` and `version` (as read)"),
    responses(
        (status = 200, description = "Saved: the page the form was on again, with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a lead of this organisation or its ICS", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or action", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Someone else saved the action since it was read: the page again, saying so by the action", body = String, content_type = "text/html"),
        (status = 422, description = "The status is not one there is: the page again, saying so by the action", body = String, content_type = "text/html"),
    ))]
pub async fn action_status_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, id)): PathParams<(OdsCode, ActionId)>,
    QueryParams(query): QueryParams<StatusFormQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    refuse_unknown(&fields, &["status", "version"])?;
    let row = format!("status-{id}");
    let typed = vec![(row.clone(), value(&fields, "status").to_owned())];
    let (status, feedback) = match change_status(&app, &user, &ods, &id, &fields, &row).await {
        Ok(saved) => {
            let notice =
                format!("Saved: “{}” is {}.", saved.description, saved.status.label().to_lowercase());
            (StatusCode::OK, Feedback { notice: Some(notice), ..Feedback::default() })
        }
        // Every error is the row's: its status is the one field the form has.
        Err(AppError::Invalid(errors)) => {
            let errors = errors.into_iter().map(|error| FieldError::new(&row, error.message)).collect();
            (StatusCode::UNPROCESSABLE_ENTITY, Feedback { notice: None, errors, typed })
        }
        Err(AppError::Conflict(message)) => {
            let errors = vec![FieldError::new(&row, message)];
            (StatusCode::CONFLICT, Feedback { notice: None, errors, typed })
        }
        Err(other) => return Err(other.into()),
    };
    let answer = match query.ics.as_deref().filter(|ics| !ics.is_empty()) {
        Some(ics) => {
            let ics = OdsCode::parse(ics).map_err(|message| AppError::invalid("ics", message))?;
            let filters = ActionFilterQuery {
                status: query.status,
                overdue: query.overdue,
                organisation: query.organisation,
            };
            ics_page(&app, &user, &ics, &filters, &feedback).await?
        }
        None => super::views::outcomes_page(&app, &user, &ods, None, &feedback).await?,
    };
    Ok(page(status, answer))
}
