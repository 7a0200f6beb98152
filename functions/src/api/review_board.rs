//! The review board over HTTP (`app::review_board`): a month's board as JSON and CSV, a decision
//! as JSON, the fairness view as JSON and CSV; and the pages (`views::review_board`) with the
//! decision form, posted by the app and answered with the page.

use super::bid_pages::{no_such_field, read_amount, version_read};
use super::caller::SignedIn;
use super::error::ApiError;
use super::funding_pages::{YearQuery, page, year};
use super::outcomes::parse_period;
use super::review_forms::failed_with;
use super::{FormBody, JsonBody, PathParams, QueryParams, attachment};
use crate::app::App;
use crate::app::review_board::{self, Board, parse_month};
use crate::auth::rules::{Action, Target, authorise};
use crate::views::Feedback;
use crate::views::review_board as pages;
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use wgll_shared::access::User;
use wgll_shared::bids::Bid;
use wgll_shared::ids::BidId;
use wgll_shared::organisation::OdsCode;
use wgll_shared::period::Period;
use wgll_shared::problem::Problem;
use wgll_shared::review_board::DecisionForm;
use wgll_shared::review_board::fairness::Fairness;

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct MonthQuery {
    /// The month the bids were submitted in, `YYYY-MM`; this month when left out.
    month: Option<String>,
}

#[utoipa::path(get, path = "/api/funding/{period}/board", tag = "review board", security(("bearer" = [])),
    params(("period" = Period, Path, description = "Financial year, e.g. `2025-26`"), MonthQuery),
    responses(
        (status = 200, description = "The month's bids with the applicants' maturity, and each fund's bids, what it holds and has approved", body = Board),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The month is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_board(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
    QueryParams(query): QueryParams<MonthQuery>,
) -> Result<Json<Board>, ApiError> {
    authorise(Some(&user), Action::DecideBids, &Target::NONE)?;
    let month = parse_month(&app, query.month.as_deref())?;
    Ok(Json(review_board::board(&app, &user, &period, month).await?))
}

#[utoipa::path(get, path = "/api/funding/{period}/board.csv", tag = "review board", security(("bearer" = [])),
    params(("period" = Period, Path, description = "Financial year, e.g. `2025-26`"), MonthQuery),
    responses(
        (status = 200, description = "A row per bid and fund asked of: ODS codes, amounts asked and approved in pence, status, scores, reason", body = String, content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The month is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_board_csv(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
    QueryParams(query): QueryParams<MonthQuery>,
) -> Result<Response, ApiError> {
    authorise(Some(&user), Action::DecideBids, &Target::NONE)?;
    let month = parse_month(&app, query.month.as_deref())?;
    let board = review_board::board(&app, &user, &period, month).await?;
    let name = format!("review-board-{}.csv", board.month);
    Ok((attachment(&name), [(header::CONTENT_TYPE, "text/csv; charset=utf-8")], board.to_csv())
        .into_response())
}

#[utoipa::path(post, path = "/api/organisations/{ods}/bids/{id}/decision", tag = "review board", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The applicant's ODS code"), ("id" = BidId, Path, description = "The bid's id")),
    request_body = DecisionForm,
    responses(
        (status = 200, description = "Decided: the bid with the board's decision", body = Bid),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such submitted bid", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already, changed since the version read, or a fund approved meanwhile: nothing was written", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct, or more than a fund holds: nothing was written", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn decide_bid(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, id)): PathParams<(OdsCode, BidId)>,
    JsonBody(form): JsonBody<DecisionForm>,
) -> Result<Json<Bid>, ApiError> {
    Ok(Json(review_board::decide(&app, &user, &ods, &id, form).await?))
}

#[utoipa::path(get, path = "/api/funding/{period}/fairness", tag = "review board", security(("bearer" = [])),
    params(("period" = Period, Path, description = "Financial year, e.g. `2025-26`")),
    responses(
        (status = 200, description = "The year's decided bids by ICS, region and the applicants' maturity: asked, given, shares", body = Fairness),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_fairness(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
) -> Result<Json<Fairness>, ApiError> {
    Ok(Json(review_board::fairness(&app, &user, &period).await?))
}

#[utoipa::path(get, path = "/api/funding/{period}/fairness.csv", tag = "review board", security(("bearer" = [])),
    params(("period" = Period, Path, description = "Financial year, e.g. `2025-26`")),
    responses(
        (status = 200, description = "A row per group (ICSs by ODS code, regions, maturity levels) and the total", body = String, content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_fairness_csv(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(period): PathParams<Period>,
) -> Result<Response, ApiError> {
    let fairness = review_board::fairness(&app, &user, &period).await?;
    let name = format!("approvals-{}.csv", period.as_str().replace('/', "-"));
    Ok((attachment(&name), [(header::CONTENT_TYPE, "text/csv; charset=utf-8")], fairness.to_csv())
        .into_response())
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct BoardPageQuery {
    /// Financial year, e.g. `2025/26`; the newest with funds when left out.
    #[param(value_type = Option<Period>)]
    period: Option<String>,
    /// `YYYY-MM`; this month when left out.
    month: Option<String>,
}

#[utoipa::path(get, path = "/api/views/review-board", tag = "views", security(("bearer" = [])),
    params(BoardPageQuery),
    responses(
        (status = 200, description = "The month's bids per fund: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period or month is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn board_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<BoardPageQuery>,
) -> Result<Response, ApiError> {
    authorise(Some(&user), Action::DecideBids, &Target::NONE)?;
    let period = year(&app, &user, query.period.as_deref()).await?;
    let month = parse_month(&app, query.month.as_deref())?;
    let board = review_board::board(&app, &user, &period, month).await?;
    Ok(page(StatusCode::OK, pages::board(&board)))
}

#[utoipa::path(get, path = "/api/views/review-board/fairness", tag = "views", security(("bearer" = [])),
    params(YearQuery),
    responses(
        (status = 200, description = "Where the year's approvals went: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn fairness_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<YearQuery>,
) -> Result<Response, ApiError> {
    authorise(Some(&user), Action::ReadNationalFunding, &Target::NONE)?;
    let period = match query.period.as_deref() {
        Some(typed) => parse_period(typed)?,
        None => year(&app, &user, None).await?,
    };
    Ok(page(StatusCode::OK, pages::fairness(&review_board::fairness(&app, &user, &period).await?)))
}

async fn bid_page(
    app: &App,
    user: &User,
    ods: &OdsCode,
    id: &BidId,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let view = review_board::before_board(app, user, ods, id).await?;
    Ok(page(status, pages::bid(&view, feedback)))
}

#[utoipa::path(get, path = "/api/views/review-board/{ods}/{id}", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The applicant's ODS code"), ("id" = BidId, Path, description = "The bid's id")),
    responses(
        (status = 200, description = "The bid in full with the applicant's maturity, and the form that decides it (or the decision): an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such submitted bid", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn decision_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, id)): PathParams<(OdsCode, BidId)>,
) -> Result<Response, ApiError> {
    bid_page(&app, &user, &ods, &id, StatusCode::OK, &Feedback::default()).await
}

/// The decision form's fields: `version`, `strategicFit`, `valueForMoney`, `outcome`, `reason`
/// and `amount-<fund>-capital|revenue` for each fund asked of.
fn read_decision(fields: &[(String, String)]) -> Result<DecisionForm, ApiError> {
    let mut form = DecisionForm::default();
    let mut version = None;
    for (name, typed) in fields {
        match name.as_str() {
            "version" => version = typed.parse().ok(),
            "strategicFit" => form.strategic_fit = typed.clone(),
            "valueForMoney" => form.value_for_money = typed.clone(),
            "outcome" => form.outcome = typed.clone(),
            "reason" => form.reason = typed.clone(),
            _ if read_amount(&mut form.approved, name, typed) => {}
            _ => return Err(no_such_field(name)),
        }
    }
    form.version = version_read(version)?;
    Ok(form)
}

#[utoipa::path(post, path = "/api/views/review-board/{ods}/{id}", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The applicant's ODS code"), ("id" = BidId, Path, description = "The bid's id")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`version`, `strategicFit` and `valueForMoney` (1 to 5), `outcome` (`approve`, `approve-in-part`, `decline`), `reason`, and for approval in part `amount-<fund>-capital` and `amount-<fund>-revenue` in pounds"),
    responses(
        (status = 200, description = "Decided: the page with the decision and a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such submitted bid", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already, changed since it was read, or a fund approved meanwhile: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "Fields to correct, or more than a fund holds: the page again with each error by its field and what was typed", body = String, content_type = "text/html"),
    ))]
pub async fn decide_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, id)): PathParams<(OdsCode, BidId)>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    authorise(Some(&user), Action::DecideBids, &Target::NONE)?;
    let form = read_decision(&fields)?;
    let (status, feedback) = match review_board::decide(&app, &user, &ods, &id, form).await {
        Ok(bid) => (
            StatusCode::OK,
            Feedback {
                notice: Some(format!(
                    "The decision is recorded: {}. {} will see it on the bid.",
                    bid.status.label().to_lowercase(),
                    bid.name
                )),
                ..Feedback::default()
            },
        ),
        Err(error) => failed_with(error, fields, str::to_owned)?,
    };
    bid_page(&app, &user, &ods, &id, status, &feedback).await
}
