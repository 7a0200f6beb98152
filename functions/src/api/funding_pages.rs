//! The funding pages (`crate::views::funding`) at `/api/views` + each page's address, and the
//! forms on an ICS's funding page: each posted by the app as a form and answered with the page
//! again, with a notice once saved, or with the errors beside their fields and everything typed
//! kept (422), or the clash explained (409). Who is calling is decided first; every read and write
//! goes through `app::funding`, and so the rules table, like the JSON API's.

use super::caller::SignedIn;
use super::error::ApiError;
use super::outcomes::parse_period;
use super::{FormBody, PathParams, QueryParams};
use crate::app::funding::{changes, statements};
use crate::app::{App, AppError};
use crate::auth::rules::{Action, Target, allows, authorise};
use crate::views::funding::{self as pages, ics::Allowed, ics::Feedback};
use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use maud::Markup;
use serde::Deserialize;
use wgll_shared::FieldError;
use wgll_shared::access::User;
use wgll_shared::funding::changes::LineMove;
use wgll_shared::funding::records::{ApproveChange, ChangeProposal, ReturnChange};
use wgll_shared::funding::{FundId, Pence};
use wgll_shared::ids::ChangeId;
use wgll_shared::organisation::OdsCode;
use wgll_shared::period::Period;
use wgll_shared::problem::Problem;

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct YearQuery {
    /// Financial year, e.g. `2025/26`; the newest with funds when left out.
    #[param(value_type = Option<Period>)]
    pub(super) period: Option<String>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct FormYearQuery {
    /// Financial year, e.g. `2025/26`.
    #[param(value_type = Period)]
    pub(super) period: String,
}

pub(super) async fn year(app: &App, user: &User, asked: Option<&str>) -> Result<Period, AppError> {
    match asked {
        Some(period) => parse_period(period),
        None => statements::newest_year(app, user).await,
    }
}

/// A page as an HTML fragment with `status`.
pub(super) fn page(status: StatusCode, markup: Markup) -> Response {
    (status, [(header::CONTENT_TYPE, "text/html; charset=utf-8")], markup.0).into_response()
}

#[utoipa::path(get, path = "/api/views/funding", tag = "views", security(("bearer" = [])),
    params(YearQuery),
    responses(
        (status = 200, description = "The year's funds and the ICS envelopes the caller may see: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn national_funding(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<YearQuery>,
) -> Result<Response, ApiError> {
    let period = year(&app, &user, query.period.as_deref()).await?;
    let national = statements::national(&app, &user, &period).await?;
    let manage = allows(Some(&user), Action::ManageFunding, &Target::NONE);
    Ok(page(StatusCode::OK, pages::national::render(&national, manage)))
}

#[utoipa::path(get, path = "/api/views/funding/{fund}", tag = "views", security(("bearer" = [])),
    params(("fund" = FundId, Path, description = "The fund's id"), YearQuery),
    responses(
        (status = 200, description = "The fund and its allocation, line by line with each line's working, as far as the caller may see it: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such fund that year", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn fund_funding(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(fund): PathParams<FundId>,
    QueryParams(query): QueryParams<YearQuery>,
) -> Result<Response, ApiError> {
    let period = year(&app, &user, query.period.as_deref()).await?;
    let statement = statements::fund(&app, &user, &period, &fund).await?;
    let manage = allows(Some(&user), Action::ManageFunding, &Target::NONE);
    Ok(page(StatusCode::OK, pages::fund::render(&statement, manage)))
}

#[utoipa::path(get, path = "/api/views/organisations/{ods}/funding", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "ODS code"), YearQuery),
    responses(
        (status = 200, description = "What the organisation gets from which pot and why, and its lines in its ICS's split: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a lead of this organisation or its ICS, nor an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn organisation_funding(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
    QueryParams(query): QueryParams<YearQuery>,
) -> Result<Response, ApiError> {
    let period = year(&app, &user, query.period.as_deref()).await?;
    let funding = statements::organisation(&app, &user, &period, &ods).await?;
    Ok(page(StatusCode::OK, pages::organisation::render(&funding)))
}

#[utoipa::path(get, path = "/api/views/ics/{ics}/funding", tag = "views", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code"), YearQuery),
    responses(
        (status = 200, description = "The ICS's envelope, its split by provider and programme, changes, earned autonomy and history, with the forms the caller may use: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the ICS's lead nor an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn ics_funding(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ics): PathParams<OdsCode>,
    QueryParams(query): QueryParams<YearQuery>,
) -> Result<Response, ApiError> {
    let period = year(&app, &user, query.period.as_deref()).await?;
    IcsPage { app: &app, user: &user, period: &period, ics: &ics }
        .render(StatusCode::OK, &Feedback::default())
        .await
}

/// An ICS's funding page for a year, as one person sees it.
struct IcsPage<'a> {
    app: &'a App,
    user: &'a User,
    period: &'a Period,
    ics: &'a OdsCode,
}

impl IcsPage<'_> {
    /// The page with `feedback` from a form, answered with `status`.
    async fn render(&self, status: StatusCode, feedback: &Feedback) -> Result<Response, ApiError> {
        let funding = statements::ics(self.app, self.user, self.period, self.ics).await?;
        let target = Target::of_ics(Some(self.ics));
        let allowed = Allowed {
            propose: allows(Some(self.user), Action::ProposeFundingChange, &target),
            decide: allows(Some(self.user), Action::ManageFunding, &target),
        };
        Ok(page(status, pages::ics::render(&funding, allowed, feedback)))
    }

    /// The form's answer once `result` is known: the page with `notice`, or with the errors
    /// mapped to the form's fields by `field_of` and what was `typed` kept; other failures as
    /// problems.
    async fn answer<T>(
        &self,
        result: Result<T, AppError>,
        notice: impl FnOnce(T) -> String,
        field_of: impl Fn(&str) -> String,
        typed: Vec<(String, String)>,
    ) -> Result<Response, ApiError> {
        let (status, feedback) = match result {
            Ok(value) => (StatusCode::OK, Feedback { notice: Some(notice(value)), ..Feedback::default() }),
            Err(AppError::Invalid(errors)) => {
                let errors = errors
                    .into_iter()
                    .map(|error| FieldError { field: field_of(&error.field), message: error.message })
                    .collect();
                (StatusCode::UNPROCESSABLE_ENTITY, Feedback { notice: None, errors, typed })
            }
            Err(AppError::Conflict(message)) => {
                let errors = vec![FieldError { field: field_of(""), message }];
                (StatusCode::CONFLICT, Feedback { notice: None, errors, typed })
            }
            Err(other) => return Err(other.into()),
        };
        self.render(status, &feedback).await
    }
}

/// A field the form does not have: the page that posted it is not this service's.
pub(super) fn unknown_field(name: &str) -> ApiError {
    AppError::invalid(name, format!("This form has no field “{name}”: reload the page and try again")).into()
}

/// A signed amount of pounds as typed (`2,500`, `-2,500.50`, `−£12`), in pence.
fn signed_pence(typed: &str) -> Result<i64, String> {
    let trimmed = typed.trim();
    let (negative, rest) = match trimmed.strip_prefix(['-', '−']) {
        Some(rest) => (true, rest),
        None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
    };
    let size = Pence::parse_pounds(rest).map_err(|_| {
        format!(
            "Enter an amount in pounds, like 2,500 to add or -2,500 to take away (you entered “{trimmed}”)"
        )
    })?;
    let size = i64::try_from(size.get()).map_err(|_| "Enter a smaller amount".to_owned())?;
    Ok(if negative { -size } else { size })
}

#[utoipa::path(post, path = "/api/views/ics/{ics}/funding/changes", tag = "views", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code"), FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`allocationVersion`, `reason`, and `move-<provider>-<programme>` = pounds to add (or, with a minus, take away) for each line moved"),
    responses(
        (status = 200, description = "Proposed: the ICS's funding page with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not the ICS's lead nor an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS, or no allocation to change", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The allocation changed since it was read: the page again, saying so, with what was typed", body = String, content_type = "text/html"),
        (status = 422, description = "Not net-neutral, or a field is wrong: the page again with each error by its field and what was typed; nothing is saved", body = String, content_type = "text/html"),
    ))]
pub async fn propose_change_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ics): PathParams<OdsCode>,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    authorise(Some(&user), Action::ProposeFundingChange, &Target::of_ics(Some(&ics)))?;
    let period = parse_period(&query.period)?;
    let mut errors = Vec::new();
    let mut moves = Vec::new();
    let mut move_fields = Vec::new();
    let (mut reason, mut version) = (String::new(), None);
    for (name, value) in &fields {
        match name.as_str() {
            "reason" => reason.clone_from(value),
            "allocationVersion" => version = value.parse::<u64>().ok(),
            other => {
                let Some((provider, programme)) =
                    other.strip_prefix("move-").and_then(|key| key.split_once('-'))
                else {
                    return Err(unknown_field(other));
                };
                if value.trim().is_empty() {
                    continue;
                }
                match signed_pence(value) {
                    Ok(pence) => {
                        moves.push(LineMove {
                            provider: provider.to_owned(),
                            programme: programme.to_owned(),
                            pence,
                        });
                        move_fields.push(name.clone());
                    }
                    Err(message) => errors.push(FieldError::new(name, message)),
                }
            }
        }
    }
    let Some(allocation_version) = version else {
        return Err(AppError::invalid(
            "allocationVersion",
            "The form lost the allocation's version: reload the page",
        )
        .into());
    };
    let result = match errors.is_empty() {
        true => {
            changes::propose(&app, &user, &period, &ics, ChangeProposal { moves, reason, allocation_version })
                .await
        }
        false => Err(AppError::Invalid(errors)),
    };
    // `moves[2].pence` and `moves[2]` are the third line moved; `moves` is the form's moves as a whole.
    let field_of = |field: &str| -> String {
        if field.is_empty() || field == "moves" {
            return "moves".to_owned();
        }
        let index = field
            .strip_prefix("moves[")
            .and_then(|rest| rest.split(']').next())
            .and_then(|index| index.parse::<usize>().ok());
        match index.and_then(|index| move_fields.get(index)) {
            Some(name) => name.clone(),
            None => field.to_owned(),
        }
    };
    let notice = |change: wgll_shared::funding::records::ChangeRecord| {
        format!(
            "Your change was proposed: {}. An administrator will approve it or return it with a reason.",
            change.in_words()
        )
    };
    IcsPage { app: &app, user: &user, period: &period, ics: &ics }
        .answer(result, notice, field_of, fields)
        .await
}

/// A decision form's version (its only field besides a return's reason).
fn decision_version(fields: &[(String, String)], allowed: &[&str]) -> Result<u64, ApiError> {
    if let Some((name, _)) = fields.iter().find(|(name, _)| !allowed.contains(&name.as_str())) {
        return Err(unknown_field(name));
    }
    fields.iter().find(|(name, _)| name == "version").and_then(|(_, value)| value.parse().ok()).ok_or_else(
        || AppError::invalid("version", "The form lost the change's version: reload the page").into(),
    )
}

#[utoipa::path(post, path = "/api/views/ics/{ics}/funding/changes/{id}/approve", tag = "views", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code"), ("id" = ChangeId, Path, description = "The change's id"), FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`version`: the change's version as read"),
    responses(
        (status = 200, description = "Approved and applied: the ICS's funding page with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS or change", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already, or the allocation moved on: the page again, saying so", body = String, content_type = "text/html"),
    ))]
pub async fn approve_change_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ics, id)): PathParams<(OdsCode, ChangeId)>,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    authorise(Some(&user), Action::ManageFunding, &Target::of_ics(Some(&ics)))?;
    let period = parse_period(&query.period)?;
    let version = decision_version(&fields, &["version"])?;
    let result = changes::approve(&app, &user, &period, &ics, &id, ApproveChange { version }).await;
    let notice = |change: wgll_shared::funding::records::ChangeRecord| {
        format!("You approved the change: {}. The split below now includes it.", change.in_words())
    };
    let field_of = |_: &str| format!("change-{id}");
    IcsPage { app: &app, user: &user, period: &period, ics: &ics }
        .answer(result, notice, field_of, Vec::new())
        .await
}

#[utoipa::path(post, path = "/api/views/ics/{ics}/funding/changes/{id}/return", tag = "views", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code"), ("id" = ChangeId, Path, description = "The change's id"), FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`version`: the change's version as read; `reason`: why it is returned"),
    responses(
        (status = 200, description = "Returned: the ICS's funding page with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS or change", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Decided already: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "No reason given: the page again with the error by the field", body = String, content_type = "text/html"),
    ))]
pub async fn return_change_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ics, id)): PathParams<(OdsCode, ChangeId)>,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    authorise(Some(&user), Action::ManageFunding, &Target::of_ics(Some(&ics)))?;
    let period = parse_period(&query.period)?;
    let version = decision_version(&fields, &["version", "reason"])?;
    let reason =
        fields.iter().find(|(name, _)| name == "reason").map(|(_, value)| value.clone()).unwrap_or_default();
    let reason_field = format!("return-reason-{id}");
    let typed = vec![(reason_field.clone(), reason.clone())];
    let result = changes::send_back(&app, &user, &period, &ics, &id, ReturnChange { reason, version }).await;
    let notice = |_| "You returned the change to the ICS with your reason.".to_owned();
    let field_of =
        |field: &str| if field == "reason" { reason_field.clone() } else { format!("change-{id}") };
    IcsPage { app: &app, user: &user, period: &period, ics: &ics }
        .answer(result, notice, field_of, typed)
        .await
}
