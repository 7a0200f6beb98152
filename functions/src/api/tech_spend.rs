//! Tech spend over HTTP (`app::tech_spend`): an organisation's year as JSON (read and record),
//! an ICS's members as JSON and CSV, and the pages (`views::tech_spend`) with the form that
//! records a year, posted by the app and answered with the page.

use super::caller::SignedIn;
use super::error::ApiError;
use super::review_forms::{failed_with, page, refuse_unknown, value};
use super::{FormBody, JsonBody, PathParams, QueryParams, attachment};
use crate::app::tech_spend::{self, IcsTechSpend, TechSpendView};
use crate::app::{App, AppError};
use crate::auth::rules::{Action, Target, allows};
use crate::views::Feedback;
use crate::views::tech_spend::{self as pages, recent_periods};
use axum::Json;
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;
use wgll_shared::access::User;
use wgll_shared::organisation::OdsCode;
use wgll_shared::period::Period;
use wgll_shared::problem::Problem;
use wgll_shared::tech_spend::{SpendLineUpdate, SpendingCategory, TechSpend, TechSpendUpdate, field};

#[utoipa::path(get, path = "/api/organisations/{ods}/tech-spend/{period}", tag = "tech spend", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The organisation's ODS code"), ("period" = Period, Path, description = "Financial year, e.g. `2025-26`")),
    responses(
        (status = 200, description = "The year's spend (if recorded) as a share of budget and per head, beside organisations of its kind (median and middle half) and its published maturity", body = TechSpendView),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_tech_spend(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, period)): PathParams<(OdsCode, Period)>,
) -> Result<Json<TechSpendView>, ApiError> {
    Ok(Json(tech_spend::view(&app, &user, &ods, &period).await?))
}

#[utoipa::path(put, path = "/api/organisations/{ods}/tech-spend/{period}", tag = "tech spend", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The organisation's ODS code"), ("period" = Period, Path, description = "Financial year, e.g. `2025-26`")),
    request_body = TechSpendUpdate,
    responses(
        (status = 200, description = "Saved: every category's capital and revenue, in pence", body = TechSpend),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Saved by someone else since the version read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn record_tech_spend(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, period)): PathParams<(OdsCode, Period)>,
    JsonBody(update): JsonBody<TechSpendUpdate>,
) -> Result<Json<TechSpend>, ApiError> {
    Ok(Json(tech_spend::record(&app, &user, &ods, &period, update).await?))
}

#[utoipa::path(get, path = "/api/ics/{ics}/tech-spend/{period}", tag = "tech spend", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code"), ("period" = Period, Path, description = "Financial year, e.g. `2025-26`")),
    responses(
        (status = 200, description = "Each member's spend beside its kind's median share and its maturity, flagging where under-investment and low maturity meet", body = IcsTechSpend),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn get_ics_tech_spend(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ics, period)): PathParams<(OdsCode, Period)>,
) -> Result<Json<IcsTechSpend>, ApiError> {
    Ok(Json(tech_spend::ics_view(&app, &user, &ics, &period).await?))
}

#[utoipa::path(get, path = "/api/ics/{ics}/tech-spend/{period}/export.csv", tag = "tech spend", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code"), ("period" = Period, Path, description = "Financial year, e.g. `2025-26`")),
    responses(
        (status = 200, description = "A row per organisation, ODS codes on every row", body = String, content_type = "text/csv"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn export_ics_tech_spend_csv(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ics, period)): PathParams<(OdsCode, Period)>,
) -> Result<Response, ApiError> {
    let view = tech_spend::ics_view(&app, &user, &ics, &period).await?;
    let name = format!("tech-spend-{ics}-{}.csv", period.as_str().replace('/', "-"));
    Ok((attachment(&name), [(header::CONTENT_TYPE, "text/csv; charset=utf-8")], view.to_csv())
        .into_response())
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct SpendPageQuery {
    /// Financial year, e.g. `2025/26`; this one when left out.
    #[param(value_type = Option<Period>)]
    period: Option<String>,
}

pub(super) fn period_or_current(app: &App, typed: Option<&str>) -> Result<Period, ApiError> {
    match typed.map(str::trim).filter(|typed| !typed.is_empty()) {
        None => Ok(app.clock.current_period()),
        Some(typed) => Ok(Period::parse(typed).map_err(|message| AppError::invalid("period", message))?),
    }
}

async fn organisation_page(
    app: &App,
    user: &User,
    ods: &OdsCode,
    period: &Period,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let view = tech_spend::view(app, user, ods, period).await?;
    let may_record =
        allows(Some(user), Action::RecordTechSpend, &Target::of_organisation(&view.organisation));
    let periods = recent_periods(&app.clock.current_period());
    Ok(page(status, pages::organisation(&view, may_record, &periods, feedback)))
}

#[utoipa::path(get, path = "/api/views/organisations/{ods}/tech-spend", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The organisation's ODS code"), SpendPageQuery),
    responses(
        (status = 200, description = "The organisation's tech spend page, with the form for those who may record it: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn tech_spend_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
    QueryParams(query): QueryParams<SpendPageQuery>,
) -> Result<Response, ApiError> {
    let period = period_or_current(&app, query.period.as_deref())?;
    organisation_page(&app, &user, &ods, &period, StatusCode::OK, &Feedback::default()).await
}

/// The form's fields: the year, the version read, the budget and each category's two amounts.
fn form_fields() -> Vec<String> {
    let mut fields = vec!["period".to_owned(), "version".to_owned(), "budget".to_owned()];
    for category in SpendingCategory::ICS_FUNDED {
        fields.push(field(category, "capital"));
        fields.push(field(category, "revenue"));
    }
    fields
}

#[utoipa::path(post, path = "/api/views/organisations/{ods}/tech-spend", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The organisation's ODS code")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`period`, `version` (as read), `budget` and for each category `<category>-capital` and `<category>-revenue`, in pounds"),
    responses(
        (status = 200, description = "Saved: the page with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Saved by someone else since it was read: the page again, saying so, with what was typed", body = String, content_type = "text/html"),
        (status = 422, description = "Fields to correct: the page again with each error by its field", body = String, content_type = "text/html"),
    ))]
pub async fn tech_spend_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    let allowed = form_fields();
    refuse_unknown(&fields, &allowed.iter().map(String::as_str).collect::<Vec<_>>())?;
    let period = period_or_current(&app, Some(value(&fields, "period")))?;
    let version = value(&fields, "version").parse().map_err(|_| {
        AppError::invalid("version", "The form lost the version it was read at: reload the page")
    })?;
    let update = TechSpendUpdate {
        budget: value(&fields, "budget").to_owned(),
        lines: SpendingCategory::ICS_FUNDED
            .into_iter()
            .map(|category| SpendLineUpdate {
                category: category.code().to_owned(),
                capital: value(&fields, &field(category, "capital")).to_owned(),
                revenue: value(&fields, &field(category, "revenue")).to_owned(),
            })
            .collect(),
        version,
    };
    let (status, feedback) = match tech_spend::record(&app, &user, &ods, &period, update).await {
        Ok(saved) => (
            StatusCode::OK,
            Feedback {
                notice: Some(format!("You saved the {period} tech spend: {}.", saved.total())),
                ..Feedback::default()
            },
        ),
        Err(error) => failed_with(error, fields, str::to_owned)?,
    };
    organisation_page(&app, &user, &ods, &period, status, &feedback).await
}

#[utoipa::path(get, path = "/api/views/ics/{ics}/tech-spend", tag = "views", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code"), SpendPageQuery),
    responses(
        (status = 200, description = "The ICS's members' tech spend beside their maturity: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn ics_tech_spend_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ics): PathParams<OdsCode>,
    QueryParams(query): QueryParams<SpendPageQuery>,
) -> Result<Response, ApiError> {
    let period = period_or_current(&app, query.period.as_deref())?;
    let view = tech_spend::ics_view(&app, &user, &ics, &period).await?;
    Ok(page(StatusCode::OK, pages::ics(&view, &recent_periods(&app.clock.current_period()))))
}
