//! The benefits pages (`views::benefits`) and their forms, posted by the app and answered with
//! the page again (saved, or with each error by its field and what was typed kept), read into the
//! JSON API's own `NewBenefit` and `RealisedUpdate` and through the same `app::benefits`
//! functions, and so the same rules, as `api::benefits`.

use super::benefits::BenefitsQuery;
use super::caller::SignedIn;
use super::error::ApiError;
use super::review_forms::{failed_with, page, refuse_unknown, value};
use super::tech_spend::period_or_current;
use super::{FormBody, PathParams, QueryParams};
use crate::app::benefits;
use crate::app::{App, AppError};
use crate::views::Feedback;
use crate::views::benefits as pages;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use wgll_shared::access::User;
use wgll_shared::benefits::{FundedByRequest, NewBenefit, RealisedUpdate};
use wgll_shared::date::Date;
use wgll_shared::ids::BenefitId;
use wgll_shared::organisation::OdsCode;
use wgll_shared::period::Period;
use wgll_shared::problem::Problem;

async fn organisation_page(
    app: &App,
    user: &User,
    ods: &OdsCode,
    period: &Period,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let view = benefits::view(app, user, ods, period).await?;
    Ok(page(status, pages::organisation(&view, feedback)))
}

#[utoipa::path(get, path = "/api/views/organisations/{ods}/benefits", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The organisation's ODS code"), BenefitsQuery),
    responses(
        (status = 200, description = "The organisation's funded items of the year with their benefits, the form that records a value realised for each and the one that adds a benefit: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn benefits_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
    QueryParams(query): QueryParams<BenefitsQuery>,
) -> Result<Response, ApiError> {
    let period = period_or_current(&app, query.period.as_deref())?;
    organisation_page(&app, &user, &ods, &period, StatusCode::OK, &Feedback::default()).await
}

const NEW_BENEFIT_FIELDS: [&str; 11] = [
    "period",
    "fundedBy",
    "description",
    "kind",
    "unit",
    "baseline",
    "target",
    "due-day",
    "due-month",
    "due-year",
    "actions",
];

/// The add form's fields as the JSON API's request: no action ticked leaves a bid's benefit
/// with the bid's own.
fn read_new_benefit(fields: &[(String, String)]) -> Result<NewBenefit, AppError> {
    let field = |name: &str| value(fields, name).to_owned();
    let funded_by = FundedByRequest::from_key(value(fields, "fundedBy"))
        .map_err(|message| AppError::invalid("fundedBy", message))?;
    let actions: Vec<String> =
        fields.iter().filter(|(name, _)| name == "actions").map(|(_, value)| value.clone()).collect();
    Ok(NewBenefit {
        funded_by,
        description: field("description"),
        kind: field("kind"),
        unit: field("unit"),
        baseline: field("baseline"),
        target: field("target"),
        due: Date::join_parts(&field("due-day"), &field("due-month"), &field("due-year")),
        actions: (!actions.is_empty()).then_some(actions),
    })
}

#[utoipa::path(post, path = "/api/views/organisations/{ods}/benefits", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The organisation's ODS code")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`period` (the page's year), `fundedBy` (`bid:<id>` or `allocation:<period>:<fund>`), `description`, `kind`, `unit`, `baseline`, `target`, `due-day`, `-month` and `-year`, and `actions` (repeated)"),
    responses(
        (status = 200, description = "Added: the page again with the benefit under its funded item and a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "Fields to correct: the page again with each error by its field and what was typed; nothing is added", body = String, content_type = "text/html"),
    ))]
pub async fn add_benefit_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    refuse_unknown(&fields, &NEW_BENEFIT_FIELDS)?;
    let period = period_or_current(&app, Some(value(&fields, "period")))?;
    let added = match read_new_benefit(&fields) {
        Ok(form) => benefits::add(&app, &user, &ods, form).await,
        Err(error) => Err(error),
    };
    let (status, feedback) = match added {
        Ok(benefit) => (
            StatusCode::OK,
            Feedback {
                notice: Some(format!(
                    "You added the benefit “{}” to {}.",
                    benefit.description, benefit.funded_title
                )),
                ..Feedback::default()
            },
        ),
        // The date's error is shown by its first box, whose id is the date's.
        Err(error) => failed_with(error, fields, str::to_owned)?,
    };
    organisation_page(&app, &user, &ods, &period, status, &feedback).await
}

#[utoipa::path(post, path = "/api/views/organisations/{ods}/benefits/{id}/realised", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The organisation's ODS code"), ("id" = BenefitId, Path, description = "The benefit's id")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`version` (as read), and with the prefix `realised-<id>-`: `on-day`, `on-month`, `on-year`, `value` and `note`"),
    responses(
        (status = 200, description = "Recorded: the page of the benefit's year again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or benefit", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Saved by someone else since it was read: the page again, saying so by the benefit, with what was typed", body = String, content_type = "text/html"),
        (status = 422, description = "Fields to correct: the page again with each error by its field and what was typed; nothing is recorded", body = String, content_type = "text/html"),
    ))]
pub async fn realised_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, id)): PathParams<(OdsCode, BenefitId)>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    let prefix = format!("realised-{id}");
    let names = ["on-day", "on-month", "on-year", "value", "note"].map(|name| format!("{prefix}-{name}"));
    let mut allowed: Vec<&str> = names.iter().map(String::as_str).collect();
    allowed.push("version");
    refuse_unknown(&fields, &allowed)?;
    let field = |name: &str| value(&fields, &format!("{prefix}-{name}")).to_owned();
    let version = value(&fields, "version")
        .parse()
        .map_err(|_| AppError::invalid(&prefix, "The form lost the benefit’s version: reload the page"))?;
    let update = RealisedUpdate {
        on: Date::join_parts(&field("on-day"), &field("on-month"), &field("on-year")),
        value: field("value"),
        note: field("note"),
        version,
    };
    let (status, feedback, period) = match benefits::record_realised(&app, &user, &ods, &id, update).await {
        Ok(benefit) => {
            let latest = benefit.latest().map(|latest| benefit.unit.show(latest.value)).unwrap_or_default();
            let notice = format!(
                "You recorded {latest} for “{}”: {}.",
                benefit.description,
                benefit.status(app.clock.today()).label().to_lowercase()
            );
            (StatusCode::OK, Feedback { notice: Some(notice), ..Feedback::default() }, Some(benefit.period))
        }
        // Each error by the benefit's own field; a clash by the benefit's form as a whole.
        Err(error) => {
            let (status, mut feedback) = failed_with(error, fields, |field| format!("{prefix}-{field}"))?;
            for error in &mut feedback.errors {
                if error.field == "version" {
                    error.field = prefix.clone();
                }
            }
            (status, feedback, None)
        }
    };
    let period = match period {
        Some(period) => period,
        None => app
            .store
            .get_benefit(&ods, &id)
            .await
            .map_err(AppError::from)?
            .map_or_else(|| app.clock.current_period(), |benefit| benefit.period),
    };
    organisation_page(&app, &user, &ods, &period, status, &feedback).await
}

#[utoipa::path(get, path = "/api/views/ics/{ics}/benefits", tag = "views", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "Planned against realised across the ICS's members, with the CSV and JSON downloads: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn ics_benefits_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ics): PathParams<OdsCode>,
) -> Result<Response, ApiError> {
    let view = benefits::ics_view(&app, &user, &ics).await?;
    Ok(page(StatusCode::OK, pages::ics(&view)))
}
