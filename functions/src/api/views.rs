//! The app's pages that only show something (`crate::views`), as HTML fragments the app shows
//! inside its layout: each at `/api/views` + the page's own address, deciding who is calling
//! first and reading through the same `app` functions (and so the same rules) as the JSON API.

use super::caller::{Caller, SignedIn};
use super::error::ApiError;
use super::outcomes::{DashboardQuery, levelling_up_scope, parse_period};
use super::{FormBody, PathParams, QueryParams};
use crate::app::{App, reviews};
use crate::views;
use crate::views::Feedback;
use axum::extract::State;
use axum::http::StatusCode;
use axum::http::header;
use axum::response::IntoResponse;
use maud::Markup;
use wgll_shared::ids::ReviewId;
use wgll_shared::problem::Problem;
// An organisation's outcomes, comparison and digital offer, and an ICS's digital offer.
use crate::app::{offers, organisations, outcomes};
use crate::auth::rules::{Action, Target, allows};
use serde::Deserialize;
use wgll_shared::organisation::OdsCode;
use wgll_shared::period::Period;

/// A view's answer: an HTML fragment.
fn fragment(markup: Markup) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], markup.0)
}

#[utoipa::path(get, path = "/api/views/reviews/{id}/report", tag = "views", security(("bearer" = [])),
    params(("id" = ReviewId, Path, description = "Review id")),
    responses(
        (status = 200, description = "The review as a printable report: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not assigned to this review, nor its lead", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such review", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn review_report(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<ReviewId>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(fragment(views::report::render(&reviews::get_detail(&app, &user, &id).await?)))
}

#[utoipa::path(get, path = "/api/views/framework", tag = "views",
    responses(
        (status = 200, description = "The current framework's 7 success measures: an HTML fragment for the app's page (public)", body = String, content_type = "text/html"),
    ))]
pub async fn framework() -> Result<impl IntoResponse, ApiError> {
    let view = views::framework::render().map_err(crate::app::AppError::Internal)?;
    Ok(fragment(view))
}

// An organisation's outcomes, comparison and digital offer, and an ICS's digital offer.

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OutcomesQuery {
    /// The benchmark's financial year, e.g. `2025/26`; the newest with a published peer review when left out.
    #[param(value_type = Option<Period>)]
    period: Option<String>,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct ComparisonQuery {
    /// Financial year, e.g. `2025/26`.
    #[param(value_type = Period)]
    period: String,
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct OrganisationsQuery {
    /// Name, town or ODS code: words in any order, a typo forgiven. Every organisation, by ICS,
    /// when left out.
    search: Option<String>,
}

#[utoipa::path(get, path = "/api/views/organisations", tag = "views", security(("bearer" = [])),
    params(OrganisationsQuery),
    responses(
        (status = 200, description = "Every organisation grouped by ICS, or those a search finds, best first, with the actions the caller may take: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn organisations_list(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<OrganisationsQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let organisations = organisations::list(&app, Some(&user), None).await?;
    // Buttons only for what the rules let this person do somewhere.
    let anywhere = |action| {
        organisations
            .iter()
            .any(|organisation| allows(Some(&user), action, &Target::of_organisation(organisation)))
    };
    let allowed = views::organisations::Allowed {
        add_organisation: user.is_administrator() || anywhere(Action::CreateOrganisation),
        import_review: user.is_administrator() || anywhere(Action::CreateReview),
    };
    let search = query.search.unwrap_or_default();
    Ok(fragment(views::organisations::render(&organisations, &search, allowed)))
}

#[utoipa::path(get, path = "/api/views/organisations/{ods}/outcomes", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "ODS code"), OutcomesQuery),
    responses(
        (status = 200, description = "The organisation's trend, benchmark and action plan (with the form that adds an action): an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a lead of this organisation or its ICS", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn organisation_outcomes(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
    QueryParams(query): QueryParams<OutcomesQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let asked = query.period.as_deref().map(parse_period).transpose()?;
    Ok(fragment(outcomes_page(&app, &user, &ods, asked, &Feedback::default()).await?))
}

/// An organisation's outcomes page with its action plan, `feedback` the plan's last form's (the
/// page its forms answer with, `super::action_forms`).
pub(super) async fn outcomes_page(
    app: &App,
    user: &wgll_shared::access::User,
    ods: &OdsCode,
    asked: Option<Period>,
    feedback: &Feedback,
) -> Result<Markup, ApiError> {
    let organisation = organisations::get(app, Some(user), ods).await?;
    let trend = outcomes::organisation_trend(app, user, ods).await?;
    // The benchmark's period: the one asked for, else the newest reviewed.
    let period = asked.or_else(|| trend.points.last().map(|point| point.period.clone()));
    let benchmark = match period {
        Some(period) => Some(outcomes::benchmark(app, user, ods, period).await?),
        None => None,
    };
    let plan = super::action_forms::organisation_plan(app, user, &organisation, &trend, feedback).await?;
    Ok(views::outcomes::render(&organisation, &trend, benchmark.as_ref(), plan))
}

#[utoipa::path(get, path = "/api/views/organisations/{ods}/comparison", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "ODS code"), ComparisonQuery),
    responses(
        (status = 200, description = "The self-assessment and peer review for the period side by side: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn organisation_comparison(
    State(app): State<App>,
    caller: Caller,
    PathParams(ods): PathParams<OdsCode>,
    QueryParams(query): QueryParams<ComparisonQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let period = parse_period(&query.period)?;
    let comparison = reviews::compare(&app, caller.user(), &ods, &period).await?;
    Ok(fragment(views::comparison::render(&ods, &comparison)))
}

#[utoipa::path(get, path = "/api/views/organisations/{ods}/digital-services", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "ODS code")),
    responses(
        (status = 200, description = "Every service with the organisation's record of it, and the history of changes: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn organisation_offer(
    State(app): State<App>,
    caller: Caller,
    PathParams(ods): PathParams<OdsCode>,
) -> Result<impl IntoResponse, ApiError> {
    offer_page(&app, caller.user(), &ods, StatusCode::OK, &Feedback::default()).await
}

/// The organisation's digital offer page as `user` sees it, with `feedback` from its form.
async fn offer_page(
    app: &App,
    user: Option<&wgll_shared::access::User>,
    ods: &OdsCode,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<axum::response::Response, ApiError> {
    let offer = offers::organisation_offer(app, user, ods).await?;
    let changes = offers::history(app, user, ods).await?;
    // "Change" links only for those the rules let save a service (the same rule the save checks).
    let editable = allows(user, Action::EditOffer, &Target::of_organisation(&offer.organisation));
    let reports = match editable {
        true => offers::problem_reports(app, user, &offer.organisation).await?,
        false => Vec::new(),
    };
    let page = views::offer::render(&offer, &changes, editable, &reports, feedback);
    Ok((status, fragment(page)).into_response())
}

#[utoipa::path(post, path = "/api/views/organisations/{ods}/digital-services/contact", tag = "views", security(("bearer" = [])),
    params(("ods" = OdsCode, Path, description = "ODS code")),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`website` (https), `phone`, `address` and `version` (the organisation's, as read)"),
    responses(
        (status = 200, description = "Saved: the organisation's digital offer page with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not a lead of this organisation or its ICS, nor an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such organisation", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since it was read: the page again, saying so, with what was typed", body = String, content_type = "text/html"),
        (status = 422, description = "A field to correct: the page again with each error by its field and what was typed; nothing saved", body = String, content_type = "text/html"),
    ))]
pub async fn organisation_contact_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ods): PathParams<OdsCode>,
    FormBody(fields): FormBody,
) -> Result<axum::response::Response, ApiError> {
    let organisation = organisations::get(&app, Some(&user), &ods).await?;
    crate::auth::rules::authorise(Some(&user), Action::EditOffer, &Target::of_organisation(&organisation))?;
    let mut update = wgll_shared::contact::ContactUpdate::default();
    let mut version = None;
    for (name, value) in &fields {
        match name.as_str() {
            "website" => update.website.clone_from(value),
            "phone" => update.phone.clone_from(value),
            "address" => update.address.clone_from(value),
            "version" => version = value.parse::<u64>().ok(),
            other => {
                let message = format!("This form has no field “{other}”: reload the page and try again");
                return Err(crate::app::AppError::invalid(other, message).into());
            }
        }
    }
    let version = version.ok_or_else(|| {
        crate::app::AppError::invalid("version", "The form lost the organisation's version: reload the page")
    })?;
    let (status, feedback) = match organisations::save_contact(&app, &user, &ods, &update, version).await {
        Ok(_) => (
            StatusCode::OK,
            Feedback {
                notice: Some("The contact details are saved and shown on the public page.".to_owned()),
                ..Feedback::default()
            },
        ),
        Err(crate::app::AppError::Invalid(errors)) => {
            (StatusCode::UNPROCESSABLE_ENTITY, Feedback { notice: None, errors, typed: fields })
        }
        Err(crate::app::AppError::Conflict(message)) => {
            let errors = vec![wgll_shared::FieldError::new("contact-form", message)];
            (StatusCode::CONFLICT, Feedback { notice: None, errors, typed: fields })
        }
        Err(other) => return Err(other.into()),
    };
    offer_page(&app, Some(&user), &ods, status, &feedback).await
}

#[utoipa::path(get, path = "/api/views/ics/{ics}/digital-services", tag = "views", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "The ICS's organisations × services, with coverage and gaps per service: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn ics_offer(
    State(app): State<App>,
    caller: Caller,
    PathParams(ics): PathParams<OdsCode>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(fragment(views::ics_offer::render(&offers::ics_offer(&app, caller.user(), &ics).await?)))
}

// An ICS's dashboard and trends, and levelling up.

#[utoipa::path(get, path = "/api/views/ics/{ics}/dashboard", tag = "views", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code"), DashboardQuery),
    responses(
        (status = 200, description = "The ICS dashboard (heatmap, roll-up, period chooser, downloads): an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not this ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is malformed", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn ics_dashboard(
    State(app): State<App>,
    caller: Caller,
    PathParams(ics): PathParams<OdsCode>,
    QueryParams(query): QueryParams<DashboardQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let dashboard = outcomes::dashboard(&app, caller.user(), &ics, query.period()?).await?;
    Ok(fragment(views::dashboard::render(&dashboard)))
}

#[utoipa::path(get, path = "/api/views/ics/{ics}/trends", tag = "views", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code")),
    responses(
        (status = 200, description = "The ICS's and each member's levels across periods as charts with their figures: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not this ICS's lead or an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn ics_trends(
    State(app): State<App>,
    caller: Caller,
    PathParams(ics): PathParams<OdsCode>,
) -> Result<impl IntoResponse, ApiError> {
    Ok(fragment(views::trends::render(&outcomes::ics_trends(&app, caller.user(), &ics).await?)))
}

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct LevellingUpViewQuery {
    /// Financial year, e.g. `2025/26`; the one before this one when left out (the latest whose
    /// reviews are usually all published).
    #[param(value_type = Option<Period>)]
    period: Option<String>,
    /// The minimum level every organisation should reach (3 when left out).
    #[param(value_type = Option<wgll_shared::maturity::MaturityLevel>)]
    minimum: Option<u8>,
    /// Only this ICS; every ICS when left out or blank (administrators only).
    #[param(value_type = Option<OdsCode>)]
    ics: Option<String>,
}

#[utoipa::path(get, path = "/api/views/levelling-up", tag = "views", security(("bearer" = [])), params(LevellingUpViewQuery),
    responses(
        (status = 200, description = "The choice of period, minimum and ICS, the organisations below the minimum and the measures most often below it: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not allowed to see this scope", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period, minimum or ICS is malformed: the form again with each error by its field", body = String, content_type = "text/html"),
    ))]
pub async fn levelling_up(
    State(app): State<App>,
    caller: Caller,
    QueryParams(query): QueryParams<LevellingUpViewQuery>,
) -> Result<impl IntoResponse, ApiError> {
    let scope = levelling_up_scope(query.ics.as_deref(), query.minimum);
    let period = match query.period.as_deref().map(str::trim).filter(|period| !period.is_empty()) {
        Some(period) => parse_period(period),
        None => {
            let current = app.clock.current_period();
            Ok(Period::containing(current.start_year() - 1, 4))
        }
    };
    let ((ics, minimum), period) = match (scope, period) {
        (Ok(scope), Ok(period)) => (scope, period),
        // The form again, as typed, with what to correct (only a malformed choice gets here).
        (scope, period) => {
            let mut errors = Vec::new();
            for error in [scope.err(), period.err()].into_iter().flatten() {
                match error {
                    crate::app::AppError::Invalid(found) => errors.extend(found),
                    other => return Err(other.into()),
                }
            }
            let choice = views::levelling_up::Choice {
                period: query.period.as_deref().unwrap_or_default(),
                minimum: query.minimum.unwrap_or(3),
                ics: query.ics.as_deref().unwrap_or_default(),
            };
            let form = views::levelling_up::render_invalid(&choice, &errors);
            return Ok((axum::http::StatusCode::UNPROCESSABLE_ENTITY, fragment(form)).into_response());
        }
    };
    let asked_ics = ics.as_ref().map(ToString::to_string).unwrap_or_default();
    let result = outcomes::levelling_up(&app, caller.user(), ics, period, minimum).await?;
    Ok(fragment(views::levelling_up::render(&result, &asked_ics)).into_response())
}
