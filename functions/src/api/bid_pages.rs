//! The bid pages (`views::bids`) and their forms, posted by the app and answered with the page
//! again, through the same `app::bids` functions (and so the same rules) as the JSON API; and a
//! draft's autosave, answered with the status line alone so the page stays as it is typed.

use super::caller::SignedIn;
use super::error::ApiError;
use super::review_forms::{failed_with, page, value};
use super::{FormBody, PathParams};
use crate::app::bids::{self, BidSubmission, NewBid};
use crate::app::{App, AppError};
use crate::views::Feedback;
use crate::views::bids as pages;
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use wgll_shared::access::User;
use wgll_shared::bids::{BidLineUpdate, BidUpdate};
use wgll_shared::ids::BidId;
use wgll_shared::organisation::OdsCode;
use wgll_shared::problem::Problem;

async fn list_page(
    app: &App,
    user: &User,
    ods: &OdsCode,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let bids = bids::list(app, user, ods).await?;
    let organisation = crate::app::organisations::find(app, ods).await?;
    let current = app.clock.current_period();
    let periods = vec![
        current.to_string(),
        wgll_shared::period::Period::starting(current.start_year() + 1).to_string(),
    ];
    Ok(page(status, pages::list(ods.as_str(), &organisation.name, &bids, &periods, feedback)))
}

#[utoipa::path(get, path = "/api/views/organisations/{ods}/bids", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The applicant's ODS code")),
    responses(
        (status = 200, description = "The organisation's bids and the form that starts one: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn bids_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
) -> Result<Response, ApiError> {
    list_page(&app, &user, &ods, StatusCode::OK, &Feedback::default()).await
}

#[utoipa::path(post, path = "/api/views/organisations/{ods}/bids", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The applicant's ODS code")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "`period`: the year the money is for"),
    responses(
        (status = 200, description = "Started: the list with a link to the new draft", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The year to correct: the page again with the error by its field", body = String, content_type = "text/html"),
    ))]
pub async fn start_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    super::review_forms::refuse_unknown(&fields, &["period"])?;
    let (status, feedback) =
        match bids::start(&app, &user, &ods, NewBid { period: value(&fields, "period").to_owned() }).await {
            Ok(bid) => (
                StatusCode::OK,
                Feedback {
                    notice: Some(format!("You started a bid for {}: open it below to write it.", bid.period)),
                    ..Feedback::default()
                },
            ),
            Err(error) => failed_with(error, fields, str::to_owned)?,
        };
    list_page(&app, &user, &ods, status, &feedback).await
}

async fn bid_page(
    app: &App,
    user: &User,
    ods: &OdsCode,
    id: &BidId,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let view = bids::view(app, user, ods, id).await?;
    Ok(page(status, pages::bid(&view, app.clock.today(), feedback)))
}

#[utoipa::path(get, path = "/api/views/organisations/{ods}/bids/{id}", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The applicant's ODS code"), ("id" = BidId, Path, description = "The bid's id")),
    responses(
        (status = 200, description = "The bid: its form while a draft (saved as typed), what it asks once submitted: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or bid", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn bid_view(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, id)): PathParams<(OdsCode, BidId)>,
) -> Result<Response, ApiError> {
    bid_page(&app, &user, &ods, &id, StatusCode::OK, &Feedback::default()).await
}

/// A fund's amount field (`amount-<fund>-capital|revenue`) into its line of `lines`; false when
/// `name` is not one. The bid's form and the board's decision share these fields.
pub(super) fn read_amount(lines: &mut Vec<BidLineUpdate>, name: &str, typed: &str) -> bool {
    let amount = name.strip_prefix("amount-").and_then(|rest| {
        rest.strip_suffix("-capital")
            .map(|fund| (fund, true))
            .or_else(|| rest.strip_suffix("-revenue").map(|fund| (fund, false)))
    });
    let Some((fund, capital)) = amount else {
        return false;
    };
    let index = match lines.iter().position(|line| line.fund == fund) {
        Some(index) => index,
        None => {
            lines.push(BidLineUpdate { fund: fund.to_owned(), ..BidLineUpdate::default() });
            lines.len() - 1
        }
    };
    let line = &mut lines[index];
    if capital {
        line.capital = typed.to_owned()
    } else {
        line.revenue = typed.to_owned()
    }
    true
}

/// A field the form does not have (an old page, or a forged post).
pub(super) fn no_such_field(name: &str) -> ApiError {
    AppError::invalid(name, format!("This form has no field “{name}”: reload the page and try again")).into()
}

/// The version a form was read at, which every save of it must carry.
pub(super) fn version_read(version: Option<u64>) -> Result<u64, ApiError> {
    version.ok_or_else(|| {
        AppError::invalid("version", "The form lost the version it was read at: reload the page").into()
    })
}

/// The form's fields as a save of the draft: `version`, `purpose`, `benefits`, `measures` and
/// `actions` (repeated), and `amount-<fund>-capital|revenue` for each fund.
fn read_draft(fields: &[(String, String)]) -> Result<BidUpdate, ApiError> {
    let mut update = BidUpdate::default();
    let mut version = None;
    for (name, typed) in fields {
        match name.as_str() {
            "version" => version = typed.parse().ok(),
            "purpose" => update.purpose = typed.clone(),
            "benefits" => update.benefits = typed.clone(),
            "measures" => match typed.parse() {
                Ok(measure) => update.measures.push(measure),
                Err(_) => {
                    return Err(AppError::invalid(
                        "measures",
                        format!("There is no success measure “{typed}”"),
                    )
                    .into());
                }
            },
            "actions" => update.actions.push(typed.clone()),
            _ if read_amount(&mut update.lines, name, typed) => {}
            _ => return Err(no_such_field(name)),
        }
    }
    update.version = version_read(version)?;
    Ok(update)
}

#[utoipa::path(post, path = "/api/views/organisations/{ods}/bids/{id}/draft", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The applicant's ODS code"), ("id" = BidId, Path, description = "The bid's id")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "The bid form's fields: `version`, `purpose`, `benefits`, `measures` and `actions` (repeated), `amount-<fund>-capital` and `amount-<fund>-revenue`"),
    responses(
        (status = 200, description = "Saved as typed: the status line (when, what was held back and why, the new version in `data-version`)", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or bid", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Submitted, or saved elsewhere since the version read", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field this form does not have", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn autosave_draft(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, id)): PathParams<(OdsCode, BidId)>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    let update = read_draft(&fields)?;
    let saved = bids::save_draft(&app, &user, &ods, &id, update).await?;
    Ok(page(StatusCode::OK, pages::saved_status(&saved.bid, &saved.held_back)))
}

#[utoipa::path(post, path = "/api/views/organisations/{ods}/bids/{id}", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "The applicant's ODS code"), ("id" = BidId, Path, description = "The bid's id")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded", description = "The bid form's fields, as the autosave's: saved, then submitted to the review board"),
    responses(
        (status = 200, description = "Submitted: the page with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not its lead, its ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation or bid", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Submitted already, or saved elsewhere since it was read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "Not ready, or fields to correct: the page again with each error by its field and what was typed", body = String, content_type = "text/html"),
    ))]
pub async fn submit_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams((ods, id)): PathParams<(OdsCode, BidId)>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    let update = read_draft(&fields)?;
    let outcome = match bids::save_draft(&app, &user, &ods, &id, update).await {
        Ok(saved) if !saved.held_back.is_empty() => Err(AppError::Invalid(saved.held_back)),
        Ok(saved) => bids::submit(&app, &user, &ods, &id, BidSubmission { version: saved.bid.version }).await,
        Err(error) => Err(error),
    };
    let (status, feedback) = match outcome {
        Ok(bid) => (
            StatusCode::OK,
            Feedback {
                notice: Some(format!("You submitted the bid: {} asked of the review board.", bid.total())),
                ..Feedback::default()
            },
        ),
        // What passed is saved already; the page shows what was typed, each error beside its field.
        Err(error) => failed_with(error, fields, str::to_owned)?,
    };
    bid_page(&app, &user, &ods, &id, status, &feedback).await
}
