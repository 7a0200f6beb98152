//! Assessment rounds over HTTP (`app::rounds`): the JSON API, and the rounds page
//! (`views::rounds`) with its form to open a round, posted by the app and answered with the page.

use super::caller::SignedIn;
use super::error::ApiError;
use super::{FormBody, JsonBody, PathParams};
use crate::app::{App, AppError, rounds};
use crate::auth::rules::{Action, Target, allows, authorise};
use crate::views::Feedback;
use crate::views::rounds::{self as pages, PHASE_SLOTS, RoundsPage, phase_field};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use wgll_shared::FieldError;
use wgll_shared::access::User;
use wgll_shared::date::Date;
use wgll_shared::period::Period;
use wgll_shared::problem::Problem;
use wgll_shared::rounds::{NewPhase, NewRound, Round};

#[utoipa::path(get, path = "/api/rounds", tag = "rounds", security(("bearer" = [])),
    responses(
        (status = 200, description = "Every assessment round with its phases, oldest year first", body = [Round]),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn list_rounds(
    State(app): State<App>,
    SignedIn(user): SignedIn,
) -> Result<Json<Vec<Round>>, ApiError> {
    Ok(Json(rounds::list(&app, &user).await?))
}

#[utoipa::path(post, path = "/api/rounds", tag = "rounds", security(("bearer" = [])),
    request_body = NewRound,
    responses(
        (status = 201, description = "Opened", body = Round),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The year's round is already open", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn open_round(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    JsonBody(form): JsonBody<NewRound>,
) -> Result<(StatusCode, Json<Round>), ApiError> {
    Ok((StatusCode::CREATED, Json(rounds::open(&app, &user, form).await?)))
}

#[utoipa::path(get, path = "/api/rounds/{period}", tag = "rounds", security(("bearer" = [])),
    params(("period" = Period, Path, description = "Financial year, e.g. `2025-26`")),
    responses(
        (status = 200, description = "The year's round and its phases", body = Round),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No round for that year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_round(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
) -> Result<Json<Round>, ApiError> {
    Ok(Json(rounds::get(&app, &user, &period).await?))
}

#[utoipa::path(get, path = "/api/rounds/{period}/plan", tag = "rounds", security(("bearer" = [])),
    params(("period" = Period, Path, description = "Financial year, e.g. `2025-26`")),
    responses(
        (status = 200, description = "Seed 001's 2021/22 phases moved to that year: what the form to open a round starts from", body = NewRound),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_round_plan(
    SignedIn(_user): SignedIn,
    PathParams(period): PathParams<Period>,
) -> Result<Json<NewRound>, ApiError> {
    Ok(Json(NewRound::plan_for(&period)))
}

/// The rounds page with `feedback` from its form, answered with `status`.
async fn rounds_page(
    app: &App,
    user: &User,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let rounds = rounds::list(app, user).await?;
    let form = allows(Some(user), Action::OpenRound, &Target::NONE).then(|| {
        // The first year from this one that has no round yet.
        let start = app.clock.current_period().start_year();
        let next = (start..)
            .map(Period::starting)
            .find(|period| !rounds.iter().any(|round| &round.period == period))
            .unwrap_or_else(|| Period::starting(start));
        NewRound::plan_for(&next)
    });
    let progress = crate::app::round_progress::may_see_some(user);
    let markup = pages::render(&RoundsPage { rounds: &rounds, form, progress }, feedback);
    Ok((status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], markup.0).into_response())
}

#[utoipa::path(get, path = "/api/views/rounds", tag = "views", security(("bearer" = [])),
    responses(
        (status = 200, description = "Every round's phases, and for administrators the form to open one: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn rounds_view(State(app): State<App>, SignedIn(user): SignedIn) -> Result<Response, ApiError> {
    rounds_page(&app, &user, StatusCode::OK, &Feedback::default()).await
}

#[utoipa::path(post, path = "/api/views/rounds", tag = "views", security(("bearer" = [])),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`period`; for each phase slot n from 0: `phase-n-name`, `phase-n-opens-day|month|year`, `phase-n-closes-day|month|year` and `phase-n-measures-m` for each measure m in it"),
    responses(
        (status = 200, description = "Opened: the rounds page with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The year's round is open already: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "Fields to correct: the page again with each error by its field", body = String, content_type = "text/html"),
    ))]
pub async fn open_round_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    authorise(Some(&user), Action::OpenRound, &Target::NONE)?;
    let (form, slots) = read_round_form(&fields)?;
    let field_of = |field: &str| -> String {
        let Some(rest) = field.strip_prefix("phases[") else {
            return if field == "framework" { "period".to_owned() } else { field.to_owned() };
        };
        let Some((index, name)) = rest.split_once("].") else { return "phases".to_owned() };
        match index.parse::<usize>().ok().and_then(|index| slots.get(index)) {
            Some(slot) => phase_field(*slot, name),
            None => "phases".to_owned(),
        }
    };
    let (status, feedback) = match rounds::open(&app, &user, form).await {
        Ok(round) => {
            let notice = format!(
                "The {} round is open. Its reviews’ measures can be assessed in their phases from the dates below.",
                round.period
            );
            (StatusCode::OK, Feedback { notice: Some(notice), ..Feedback::default() })
        }
        Err(AppError::Invalid(errors)) => {
            let errors = errors
                .into_iter()
                .map(|error| FieldError::new(&field_of(&error.field), error.message))
                .collect();
            (StatusCode::UNPROCESSABLE_ENTITY, Feedback { notice: None, errors, typed: fields })
        }
        Err(AppError::Conflict(message)) => (
            StatusCode::CONFLICT,
            Feedback { notice: None, errors: vec![FieldError::new("period", message)], typed: fields },
        ),
        Err(other) => return Err(other.into()),
    };
    rounds_page(&app, &user, status, &feedback).await
}

/// The form's fields as a round, and which form slot each of its phases came from (blank slots
/// are left out). A field the form does not have is refused.
fn read_round_form(fields: &[(String, String)]) -> Result<(NewRound, Vec<usize>), ApiError> {
    let value =
        |name: &str| fields.iter().find(|(field, _)| field == name).map_or("", |(_, value)| value.as_str());
    let known = |name: &str| {
        name == "period"
            || (0..PHASE_SLOTS).any(|slot| {
                let prefix = format!("phase-{slot}-");
                name.strip_prefix(&prefix).is_some_and(|rest| {
                    matches!(
                        rest,
                        "name"
                            | "opens-day"
                            | "opens-month"
                            | "opens-year"
                            | "closes-day"
                            | "closes-month"
                            | "closes-year"
                    ) || rest.strip_prefix("measures-").is_some_and(|number| number.parse::<u8>().is_ok())
                })
            })
    };
    if let Some((name, _)) = fields.iter().find(|(name, _)| !known(name)) {
        return Err(AppError::invalid(
            name,
            format!("This form has no field “{name}”: reload the page and try again"),
        )
        .into());
    }
    let mut phases = Vec::new();
    let mut slots = Vec::new();
    for slot in 0..PHASE_SLOTS {
        let field = |name: &str| value(&phase_field(slot, name)).to_owned();
        let date = |name: &str| {
            Date::join_parts(
                &field(&format!("{name}-day")),
                &field(&format!("{name}-month")),
                &field(&format!("{name}-year")),
            )
        };
        let prefix = format!("{}-", phase_field(slot, "measures"));
        let measures: Vec<u8> = fields
            .iter()
            .filter_map(|(name, _)| name.strip_prefix(&prefix).and_then(|number| number.parse().ok()))
            .collect();
        let (name, opens, closes) = (field("name"), date("opens"), date("closes"));
        if name.trim().is_empty() && opens.is_empty() && closes.is_empty() && measures.is_empty() {
            continue;
        }
        phases.push(NewPhase { name, opens, closes, measures });
        slots.push(slot);
    }
    Ok((NewRound { period: value("period").to_owned(), framework: None, phases }, slots))
}
