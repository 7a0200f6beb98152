//! The administrators' funding setup pages (`crate::views::funding::{fund_setup, populations,
//! allocation_setup, envelopes_setup, settings}`) at `/api/views/funding-setup/…`, and their
//! forms, answered as the ICS funding page's are (`funding_pages`): the page again with a notice
//! once saved, with each error by its field and everything typed kept (422, nothing saved), or
//! the clash explained (409). Every handler checks the caller may manage funding first, before
//! the form is read; then reads the form into the same request types the JSON API takes
//! (amounts typed in pounds become whole pence), refusing a field the form does not have, and
//! calls the same `app::funding` functions.

use super::caller::SignedIn;
use super::error::ApiError;
use super::funding_pages::{FormYearQuery, YearQuery, page, unknown_field, year};
use super::outcomes::parse_period;
use super::{FormBody, PathParams, QueryParams};
use crate::app::funding::{allocations, autonomy, changes, funds, settings};
use crate::app::{App, AppError, organisations};
use crate::auth::rules::{Action, Target, authorise};
use crate::views::Feedback;
use crate::views::funding::fund_setup::key;
use crate::views::funding::{
    allocation_setup, envelopes_setup, fund_setup, populations, settings as rules_page,
};
use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use serde::Deserialize;
use wgll_shared::FieldError;
use wgll_shared::access::User;
use wgll_shared::date::Date;
use wgll_shared::framework::MeasureNumber;
use wgll_shared::funding::autonomy::AutonomyRules;
use wgll_shared::funding::envelopes::{DefaultWeight, SystemAllocation};
use wgll_shared::funding::principles::levelling_up::{LevellingUpPolicy, MissingLevels};
use wgll_shared::funding::principles::strategic::Investment;
use wgll_shared::funding::principles::suggestion::SuggestionThresholds;
use wgll_shared::funding::records::{
    AllocationOf, AllocationRequest, AllocationView, AutonomyRulesUpdate, DefaultAllocationRequest,
    EnvelopesRequest, FundUpdate, PopulationRecord, PopulationUpdate, SavedAllocation, ThresholdsUpdate,
    Versioned,
};
use wgll_shared::funding::who_pays::SpendingCategory;
use wgll_shared::funding::{Allocation, Fund, FundId, NewFund, Pence, Principle};
use wgll_shared::maturity::MaturityLevel;
use wgll_shared::organisation::{OdsCode, OrganisationKind};
use wgll_shared::period::Period;
use wgll_shared::problem::Problem;

/// Only administrators set funding up: checked before anything is read.
fn administrators_only(user: &User) -> Result<(), ApiError> {
    Ok(authorise(Some(user), Action::ManageFunding, &Target::NONE)?)
}

/// A posted form's fields, every one of them a field this form has.
struct Form(Vec<(String, String)>);

impl Form {
    fn read(fields: Vec<(String, String)>, known: impl Fn(&str) -> bool) -> Result<Self, ApiError> {
        match fields.iter().find(|(name, _)| !known(name)) {
            Some((name, _)) => Err(unknown_field(name)),
            None => Ok(Self(fields)),
        }
    }

    fn get(&self, name: &str) -> &str {
        self.0.iter().find(|(field, _)| field == name).map_or("", |(_, value)| value.as_str())
    }

    fn all(&self, name: &str) -> Vec<&str> {
        self.0.iter().filter(|(field, _)| field == name).map(|(_, value)| value.as_str()).collect()
    }

    /// The version the form was read at (a hidden field).
    fn version(&self) -> Result<u64, ApiError> {
        self.get("version").trim().parse().map_err(|_| {
            AppError::invalid("version", "The form lost the version it was read at: reload the page").into()
        })
    }
}

/// Field errors found while reading a form, by the id of the field on the page.
#[derive(Default)]
struct Errors(Vec<FieldError>);

impl Errors {
    fn add(&mut self, field: &str, message: impl Into<String>) {
        self.0.push(FieldError::new(field, message.into()));
    }

    fn check<T>(&mut self, field: &str, result: Result<T, String>) -> Option<T> {
        result.map_err(|message| self.add(field, message)).ok()
    }

    fn has(&self, field: &str) -> bool {
        self.0.iter().any(|error| error.field == field)
    }
}

/// An amount typed in pounds, in whole pence; `what` names it when nothing was typed.
fn pounds(typed: &str, what: &str) -> Result<Pence, String> {
    if typed.trim().is_empty() {
        return Err(format!("Enter {what} in pounds"));
    }
    Pence::parse_pounds(typed)
}

/// A whole number typed with or without thousands commas.
fn whole(typed: &str, what: &str) -> Result<u64, String> {
    let digits = typed.trim().replace(',', "");
    if digits.is_empty() {
        return Err(format!("Enter {what}"));
    }
    digits.parse().map_err(|_| {
        format!("Enter {what} as a whole number, like 2,400,000 (you entered “{}”)", typed.trim())
    })
}

fn small(typed: &str, what: &str, most: u8) -> Result<u8, String> {
    let number = whole(typed, what)?;
    u8::try_from(number)
        .ok()
        .filter(|number| *number <= most)
        .ok_or_else(|| format!("Enter {what} from 0 to {most}"))
}

fn level(typed: &str) -> Result<MaturityLevel, String> {
    typed
        .trim()
        .parse::<u8>()
        .map_err(|_| "Choose a maturity level from 1 to 5".to_owned())
        .and_then(MaturityLevel::new)
}

fn measure(typed: &str) -> Result<MeasureNumber, String> {
    typed
        .trim()
        .parse::<u8>()
        .ok()
        .and_then(MeasureNumber::new)
        .ok_or_else(|| "Choose a success measure from 1 to 7".to_owned())
}

/// The option whose form value is `typed`.
fn chosen<T: Copy + serde::Serialize>(options: &[T], typed: &str, otherwise: &str) -> Result<T, String> {
    options.iter().copied().find(|option| key(*option) == typed.trim()).ok_or_else(|| otherwise.to_owned())
}

/// The answer to a form once `result` is known: with `notice` (if any), or the errors by their
/// fields on the page (`field_of` maps the request's field names to the page's ids; a clash goes
/// to `form`) and what was `typed`.
fn feedback<T>(
    result: Result<T, AppError>,
    notice: impl FnOnce(&T) -> Option<String>,
    field_of: impl Fn(&str) -> String,
    form: &str,
    typed: Vec<(String, String)>,
) -> Result<(StatusCode, Feedback, Option<T>), ApiError> {
    match result {
        Ok(value) => {
            let notice = notice(&value);
            Ok((StatusCode::OK, Feedback { notice, ..Feedback::default() }, Some(value)))
        }
        Err(AppError::Invalid(errors)) => {
            let mut mapped: Vec<FieldError> = Vec::new();
            for error in errors {
                let field = field_of(&error.field);
                if !mapped.iter().any(|seen| seen.field == field && seen.message == error.message) {
                    mapped.push(FieldError { field, message: error.message });
                }
            }
            Ok((StatusCode::UNPROCESSABLE_ENTITY, Feedback { notice: None, errors: mapped, typed }, None))
        }
        Err(AppError::Conflict(message)) => {
            let errors = vec![FieldError { field: form.to_owned(), message }];
            Ok((StatusCode::CONFLICT, Feedback { notice: None, errors, typed }, None))
        }
        Err(other) => Err(other.into()),
    }
}

/// `measures[2]` is the measures' field; `fund.name` is `name`.
fn plain_field(field: &str) -> String {
    let field = field.strip_prefix("fund.").unwrap_or(field);
    field.split('[').next().unwrap_or(field).to_owned()
}

// ----- Funds -----

/// A fund form's fields as the request the JSON API takes, or every error at once.
fn new_fund(form: &Form, period: &Period, id: &str) -> Result<NewFund, AppError> {
    let mut errors = Errors::default();
    let total = errors.check("total", pounds(form.get("total"), "the total"));
    let capital = errors.check("capital", pounds(form.get("capital"), "the capital part"));
    let revenue = errors.check("revenue", pounds(form.get("revenue"), "the revenue part"));
    let principle = errors
        .check("principle", chosen(&Principle::ALL, form.get("principle"), "Choose how the pot is shared"));
    let category = errors.check(
        "category",
        chosen(&SpendingCategory::ALL, form.get("category"), "Choose what the fund pays for"),
    );
    let mut measures = Vec::new();
    for typed in form.all("measures") {
        if let Some(number) = errors.check("measures", measure(typed)) {
            measures.push(number.get());
        }
    }
    let closing_date = Date::join_parts(
        form.get("closingDate-day"),
        form.get("closingDate-month"),
        form.get("closingDate-year"),
    );
    let amounts_read = total.is_some() && capital.is_some() && revenue.is_some();
    let fund = NewFund {
        id: id.to_owned(),
        name: form.get("name").to_owned(),
        period: period.to_string(),
        total: total.unwrap_or_default(),
        capital: capital.unwrap_or_default(),
        revenue: revenue.unwrap_or_default(),
        closing_date,
        principle: principle.unwrap_or(Principle::FairShares),
        measures,
        category: category.unwrap_or(SpendingCategory::Applications),
    };
    if let Err(found) = fund.validate() {
        for error in found {
            let field = plain_field(&error.field);
            // The sum of the amounts is checked only once each of them could be read.
            if (field == "revenue" && !amounts_read) || errors.has(&field) {
                continue;
            }
            errors.add(&field, error.message);
        }
    }
    if errors.0.is_empty() { Ok(fund) } else { Err(AppError::Invalid(errors.0)) }
}

const FUND_FIELDS: &[&str] = &[
    "version",
    "id",
    "name",
    "total",
    "capital",
    "revenue",
    "closingDate-day",
    "closingDate-month",
    "closingDate-year",
    "principle",
    "measures",
    "category",
];

#[utoipa::path(get, path = "/api/views/funding-setup/new-fund", tag = "views", security(("bearer" = [])),
    params(YearQuery),
    responses(
        (status = 200, description = "The form that adds a fund to the year: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn new_fund_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<YearQuery>,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = year(&app, &user, query.period.as_deref()).await?;
    Ok(page(StatusCode::OK, fund_setup::render(&period, None, &Feedback::default())))
}

#[utoipa::path(post, path = "/api/views/funding-setup/new-fund", tag = "views", security(("bearer" = [])),
    params(FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`id`, `name`, `total`, `capital` and `revenue` (pounds), `closingDate-day`, `-month` and `-year`, `principle`, `measures` (one for each), `category`"),
    responses(
        (status = 200, description = "Added: the form again, empty, with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "The year has a fund with that id, or is the shipped catalogue's: the form again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "A field is wrong: the form again with each error by its field and what was typed; nothing is saved", body = String, content_type = "text/html"),
    ))]
pub async fn add_fund_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = parse_period(&query.period)?;
    let form = Form::read(fields, |name| FUND_FIELDS.contains(&name) && name != "version")?;
    let result = match new_fund(&form, &period, form.get("id")) {
        Ok(fund) => funds::create(&app, &user, &period, fund).await,
        Err(error) => Err(error),
    };
    let notice = |fund: &Versioned<Fund>| {
        Some(format!(
            "You added {} for {period}: {} ({} capital, {} revenue). It is listed with the year’s funds.",
            fund.value.name(),
            fund.value.total(),
            fund.value.capital(),
            fund.value.revenue()
        ))
    };
    let (status, feedback, _) = feedback(result, notice, plain_field, "fund", form.0)?;
    Ok(page(status, fund_setup::render(&period, None, &feedback)))
}

#[utoipa::path(get, path = "/api/views/funding-setup/funds/{fund}", tag = "views", security(("bearer" = [])),
    params(("fund" = FundId, Path, description = "The fund's id"), YearQuery),
    responses(
        (status = 200, description = "The form that changes the fund, filled in with it as saved: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such fund that year", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn fund_page(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(fund): PathParams<FundId>,
    QueryParams(query): QueryParams<YearQuery>,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = year(&app, &user, query.period.as_deref()).await?;
    let found = find_fund(&app, &user, &period, &fund).await?;
    Ok(page(StatusCode::OK, fund_setup::render(&period, Some(&found), &Feedback::default())))
}

async fn find_fund(
    app: &App,
    user: &User,
    period: &Period,
    id: &FundId,
) -> Result<Versioned<Fund>, AppError> {
    funds::list(app, user, period)
        .await?
        .into_iter()
        .find(|fund| fund.value.id() == id)
        .ok_or_else(|| AppError::NotFound(format!("There is no fund “{id}” in {period}.")))
}

#[utoipa::path(post, path = "/api/views/funding-setup/funds/{fund}", tag = "views", security(("bearer" = [])),
    params(("fund" = FundId, Path, description = "The fund's id"), FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`version` (as read), `name`, `total`, `capital` and `revenue` (pounds), `closingDate-day`, `-month` and `-year`, `principle`, `measures` (one for each), `category`"),
    responses(
        (status = 200, description = "Changed: the form again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such fund that year", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since it was read, or a shipped fund: the form again, saying so, with what was typed", body = String, content_type = "text/html"),
        (status = 422, description = "A field is wrong: the form again with each error by its field and what was typed; nothing is saved", body = String, content_type = "text/html"),
    ))]
pub async fn change_fund_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<FundId>,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = parse_period(&query.period)?;
    let form = Form::read(fields, |name| FUND_FIELDS.contains(&name) && name != "id")?;
    let version = form.version()?;
    let before = find_fund(&app, &user, &period, &id).await?;
    let result = match new_fund(&form, &period, id.as_str()) {
        Ok(fund) => funds::update(&app, &user, &period, &id, FundUpdate { fund, version }).await,
        Err(error) => Err(error),
    };
    let notice =
        |fund: &Versioned<Fund>| Some(format!("You saved {} (version {}).", fund.value.name(), fund.version));
    let (status, feedback, saved) = feedback(result, notice, plain_field, "fund", form.0)?;
    let shown = saved.unwrap_or(before);
    Ok(page(status, fund_setup::render(&period, Some(&shown), &feedback)))
}

// ----- Weighted populations -----

#[derive(Deserialize, utoipa::IntoParams)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct PopulationsQuery {
    /// Financial year, e.g. `2025/26`; the newest with funds when left out.
    #[param(value_type = Option<Period>)]
    period: Option<String>,
    /// The recipient whose figure to change in the form.
    #[param(value_type = Option<OdsCode>)]
    ods: Option<String>,
}

async fn populations_page(
    app: &App,
    user: &User,
    period: &Period,
    editing: Option<&str>,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let recorded = funds::populations(app, user, period).await?;
    let editing = editing.and_then(|ods| {
        recorded
            .iter()
            .find(|record| record.value.population.recipient.as_str().eq_ignore_ascii_case(ods.trim()))
    });
    Ok(page(status, populations::render(period, &recorded, editing, feedback)))
}

#[utoipa::path(get, path = "/api/views/funding-setup/populations", tag = "views", security(("bearer" = [])),
    params(PopulationsQuery),
    responses(
        (status = 200, description = "Every weighted population recorded for the year, and the form that records one: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn populations_view(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<PopulationsQuery>,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = year(&app, &user, query.period.as_deref()).await?;
    populations_page(&app, &user, &period, query.ods.as_deref(), StatusCode::OK, &Feedback::default()).await
}

#[utoipa::path(post, path = "/api/views/funding-setup/populations", tag = "views", security(("bearer" = [])),
    params(FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`ods`, `weightedPopulation` (a whole number), `source`, `version` (as read, 0 for a new one)"),
    responses(
        (status = 200, description = "Recorded: the page again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Recorded already, or changed by someone else since it was read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "A field is wrong: the page again with each error by its field and what was typed; nothing is saved", body = String, content_type = "text/html"),
    ))]
pub async fn record_population_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = parse_period(&query.period)?;
    let form = Form::read(fields, |name| ["version", "ods", "weightedPopulation", "source"].contains(&name))?;
    let version = form.version()?;
    let mut errors = Errors::default();
    let ods = errors.check("ods", OdsCode::parse(form.get("ods")));
    let figure =
        errors.check("weightedPopulation", whole(form.get("weightedPopulation"), "the weighted population"));
    let source = form.get("source").to_owned();
    if source.trim().is_empty() {
        errors.add("source", "Enter where the figure comes from");
    }
    let result = match (ods.as_ref(), figure, errors.0.is_empty()) {
        (Some(ods), Some(weighted_population), true) => {
            let update = PopulationUpdate { weighted_population, source, version };
            match funds::save_population(&app, &user, &period, ods, update).await {
                Err(AppError::NotFound(message)) => Err(AppError::invalid("ods", message)),
                other => other,
            }
        }
        _ => Err(AppError::Invalid(errors.0)),
    };
    let notice = |saved: &Versioned<PopulationRecord>| {
        Some(format!(
            "You recorded {}’s weighted population for {period}: {} (version {}).",
            saved.value.population.recipient,
            wgll_shared::funding::money::group(u128::from(saved.value.population.weighted_population)),
            saved.version
        ))
    };
    let (status, feedback, saved) = feedback(result, notice, plain_field, "population", form.0.clone())?;
    // Saved: the form is empty again. Not saved: it keeps the recipient it was changing.
    let editing = if saved.is_some() { None } else { Some(form.get("ods")) };
    let editing = editing.filter(|_| version > 0);
    populations_page(&app, &user, &period, editing, status, &feedback).await
}

// ----- Allocations and envelopes -----

fn is_investment_field(name: &str) -> bool {
    name.strip_prefix("investment-").and_then(|rest| rest.split_once('-')).is_some_and(|(row, part)| {
        row.parse::<usize>().is_ok() && ["name", "recipient", "cost"].contains(&part)
    })
}

fn is_allocation_field(name: &str) -> bool {
    ["version", "recipients", "minimum", "missing"].contains(&name) || is_investment_field(name)
}

/// What an allocation is worked out from, as the JSON API takes it, with each investment's row.
struct AllocationInputs {
    recipients: Vec<String>,
    investments: Vec<Investment>,
    rows: Vec<usize>,
    policy: Option<LevellingUpPolicy>,
}

fn allocation_inputs(form: &Form, errors: &mut Errors) -> AllocationInputs {
    let recipients = form
        .get("recipients")
        .split(|c: char| c == ',' || c.is_whitespace())
        .filter(|code| !code.is_empty())
        .map(str::to_owned)
        .collect();
    let policy = (!form.get("minimum").is_empty()).then(|| {
        let minimum = errors.check("minimum", level(form.get("minimum")));
        let missing = match form.get("missing").trim() {
            "exclude" | "" => Some(MissingLevels::Exclude),
            other => {
                let level = other
                    .strip_prefix("treat-as-")
                    .map(level)
                    .unwrap_or_else(|| Err("Choose what to do".to_owned()));
                errors.check("missing", level).map(MissingLevels::TreatAs)
            }
        };
        LevellingUpPolicy {
            minimum: minimum.unwrap_or(MaturityLevel::MINIMUM_STANDARD),
            missing: missing.unwrap_or(MissingLevels::Exclude),
        }
    });
    let mut rows: Vec<usize> = form
        .0
        .iter()
        .filter(|(name, _)| is_investment_field(name))
        .filter_map(|(name, _)| name.strip_prefix("investment-")?.split('-').next()?.parse().ok())
        .collect();
    rows.sort_unstable();
    rows.dedup();
    let mut investments = Vec::new();
    let mut kept = Vec::new();
    for row in rows {
        let field = |part: &str| format!("investment-{row}-{part}");
        let (name, recipient, cost) =
            (form.get(&field("name")), form.get(&field("recipient")), form.get(&field("cost")));
        if [name, recipient, cost].iter().all(|typed| typed.trim().is_empty()) {
            continue;
        }
        if name.trim().is_empty() {
            errors.add(&field("name"), "Enter the investment’s name");
        }
        let recipient = errors.check(&field("recipient"), OdsCode::parse(recipient));
        let cost = errors.check(&field("cost"), pounds(cost, "what it costs"));
        if let (Some(recipient), Some(cost)) = (recipient, cost) {
            let rank = u32::try_from(row).unwrap_or(u32::MAX);
            investments.push(Investment { rank, name: name.trim().to_owned(), recipient, cost });
            kept.push(row);
        }
    }
    AllocationInputs { recipients, investments, rows: kept, policy }
}

/// The page's id of a field the allocation request names: `investments[1].cost` is the second
/// investment's row's cost; `recipients[3]` is the recipients' box.
fn allocation_field(rows: &[usize]) -> impl Fn(&str) -> String + '_ {
    move |field: &str| {
        if let Some(rest) = field.strip_prefix("investments[") {
            let (index, part) = rest.split_once(']').unwrap_or((rest, ""));
            let row = index.parse::<usize>().ok().and_then(|index| rows.get(index));
            return match (row, part.strip_prefix('.')) {
                (Some(row), Some(part)) => format!("investment-{row}-{part}"),
                _ => "investments".to_owned(),
            };
        }
        match plain_field(field).as_str() {
            "investments" => "investments".to_owned(),
            "version" => "inputs".to_owned(),
            "pot" | "principle" | "minimum" | "missing" => plain_field(field),
            _ => "recipients".to_owned(),
        }
    }
}

/// The fund's allocation page as saved now, with a preview when one was worked out.
async fn allocation_page(
    app: &App,
    user: &User,
    period: &Period,
    id: &FundId,
    previewed: Option<&Allocation>,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let fund = find_fund(app, user, period, id).await?;
    let saved = saved_view(allocations::view(app, user, period, &AllocationOf::Fund(id.clone())).await)?;
    let recipients = saved.as_ref().map(recipients_of).unwrap_or_default();
    Ok(page(status, allocation_setup::render(&fund.value, saved.as_ref(), previewed, feedback, &recipients)))
}

/// A saved allocation, or none yet.
fn saved_view(result: Result<AllocationView, AppError>) -> Result<Option<AllocationView>, AppError> {
    match result {
        Ok(view) => Ok(Some(view)),
        Err(AppError::NotFound(_)) => Ok(None),
        Err(other) => Err(other),
    }
}

/// Who shared a saved allocation (its lines and those left out), as the recipients' box shows them.
fn recipients_of(saved: &AllocationView) -> String {
    let mut codes: Vec<String> = saved.lines.iter().map(|line| line.line.recipient().to_string()).collect();
    codes.extend(saved.excluded.iter().flatten().map(|exclusion| exclusion.recipient.to_string()));
    codes.join(", ")
}

#[utoipa::path(get, path = "/api/views/funding-setup/funds/{fund}/allocation", tag = "views", security(("bearer" = [])),
    params(("fund" = FundId, Path, description = "The fund's id"), YearQuery),
    responses(
        (status = 200, description = "What the fund's allocation is worked out from, as a form to preview it: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such fund that year", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn allocation_view(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<FundId>,
    QueryParams(query): QueryParams<YearQuery>,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = year(&app, &user, query.period.as_deref()).await?;
    allocation_page(&app, &user, &period, &id, None, StatusCode::OK, &Feedback::default()).await
}

#[utoipa::path(post, path = "/api/views/funding-setup/funds/{fund}/allocation/preview", tag = "views", security(("bearer" = [])),
    params(("fund" = FundId, Path, description = "The fund's id"), FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`recipients` (ODS codes separated by commas or spaces), `minimum` and `missing` (levelling up), `investment-<rank>-name`, `-recipient` and `-cost` (pounds; strategic investment)"),
    responses(
        (status = 200, description = "The allocation worked out, every line with its working, not saved, and a button to save it", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such fund that year", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong: the page again with each error by its field and what was typed", body = String, content_type = "text/html"),
    ))]
pub async fn preview_allocation_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<FundId>,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = parse_period(&query.period)?;
    let form = Form::read(fields, is_allocation_field)?;
    let mut errors = Errors::default();
    let inputs = allocation_inputs(&form, &mut errors);
    let request = AllocationRequest {
        recipients: inputs.recipients,
        investments: inputs.investments,
        policy: inputs.policy,
        version: 0,
    };
    let result = match errors.0.is_empty() {
        true => allocations::preview(&app, &user, &period, &id, request).await,
        false => Err(AppError::Invalid(errors.0)),
    };
    let (status, mut feedback, previewed) =
        feedback(result, |_| None, allocation_field(&inputs.rows), "inputs", Vec::new())?;
    // A preview keeps what was typed: in the form, and in the button that saves it.
    feedback.typed = form.0;
    allocation_page(&app, &user, &period, &id, previewed.as_ref(), status, &feedback).await
}

#[utoipa::path(post, path = "/api/views/funding-setup/funds/{fund}/allocation", tag = "views", security(("bearer" = [])),
    params(("fund" = FundId, Path, description = "The fund's id"), FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "What was previewed (as the preview's fields) and `version`: the saved allocation's version as read (0 for none)"),
    responses(
        (status = 200, description = "Worked out again and saved: the page with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such fund that year", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Saved by someone else since it was read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "A field is wrong: the page again with each error by its field and what was typed; nothing is saved", body = String, content_type = "text/html"),
    ))]
pub async fn save_allocation_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(id): PathParams<FundId>,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = parse_period(&query.period)?;
    let form = Form::read(fields, is_allocation_field)?;
    let version = form.version()?;
    let mut errors = Errors::default();
    let inputs = allocation_inputs(&form, &mut errors);
    let request = AllocationRequest {
        recipients: inputs.recipients,
        investments: inputs.investments,
        policy: inputs.policy,
        version,
    };
    let result = match errors.0.is_empty() {
        true => allocations::save_fund_allocation(&app, &user, &period, &id, request).await,
        false => Err(AppError::Invalid(errors.0)),
    };
    let notice = |saved: &SavedAllocation| {
        Some(format!(
            "You saved the allocation (version {}): {} lines, {} unallocated. Each recipient’s lead can see their line now.",
            saved.version,
            saved.lines.len(),
            saved.unallocated
        ))
    };
    let (status, feedback, _) = feedback(result, notice, allocation_field(&inputs.rows), "inputs", form.0)?;
    allocation_page(&app, &user, &period, &id, None, status, &feedback).await
}

fn is_envelopes_field(name: &str) -> bool {
    ["pot", "principle"].contains(&name) || is_allocation_field(name)
}

/// Every ICS's code, as the envelopes' recipients box starts.
async fn every_ics(app: &App, user: &User) -> Result<String, AppError> {
    let organisations = organisations::list(app, Some(user), None).await?;
    let codes: Vec<String> = organisations
        .iter()
        .filter(|organisation| organisation.kind == OrganisationKind::Ics)
        .map(|organisation| organisation.ods_code.to_string())
        .collect();
    Ok(codes.join(", "))
}

async fn envelopes_page(
    app: &App,
    user: &User,
    period: &Period,
    previewed: Option<&Allocation>,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let saved = saved_view(allocations::view(app, user, period, &AllocationOf::Envelopes).await)?;
    let recipients = match &saved {
        Some(saved) => recipients_of(saved),
        None => every_ics(app, user).await?,
    };
    Ok(page(status, envelopes_setup::render(period, saved.as_ref(), previewed, feedback, &recipients)))
}

/// The envelopes form as the JSON API's request, or every error at once.
fn envelopes_request(form: &Form, version: u64) -> (Result<EnvelopesRequest, AppError>, Vec<usize>) {
    let mut errors = Errors::default();
    let pot = errors.check("pot", pounds(form.get("pot"), "the national pot"));
    let principle =
        errors.check("principle", chosen(&Principle::ALL, form.get("principle"), "Choose how it is divided"));
    let inputs = allocation_inputs(form, &mut errors);
    let request = match (pot, principle, errors.0.is_empty()) {
        (Some(pot), Some(principle), true) => Ok(EnvelopesRequest {
            pot,
            principle,
            recipients: inputs.recipients,
            investments: inputs.investments,
            policy: inputs.policy,
            version,
        }),
        _ => Err(AppError::Invalid(errors.0)),
    };
    (request, inputs.rows)
}

#[utoipa::path(get, path = "/api/views/funding-setup/envelopes", tag = "views", security(("bearer" = [])),
    params(YearQuery),
    responses(
        (status = 200, description = "The year's ICS envelopes as saved, and the form to work them out: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn envelopes_view(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<YearQuery>,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = year(&app, &user, query.period.as_deref()).await?;
    envelopes_page(&app, &user, &period, None, StatusCode::OK, &Feedback::default()).await
}

#[utoipa::path(post, path = "/api/views/funding-setup/envelopes/preview", tag = "views", security(("bearer" = [])),
    params(FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`pot` (pounds), `principle`, and what it needs: `recipients`, `minimum` and `missing`, or `investment-<rank>-name`, `-recipient` and `-cost`"),
    responses(
        (status = 200, description = "The envelopes worked out, every line with its working, not saved, and a button to save them", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "A field is wrong: the page again with each error by its field and what was typed", body = String, content_type = "text/html"),
    ))]
pub async fn preview_envelopes_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = parse_period(&query.period)?;
    let form = Form::read(fields, is_envelopes_field)?;
    let (request, rows) = envelopes_request(&form, 0);
    let result = match request {
        Ok(request) => allocations::preview_envelopes(&app, &user, &period, &request).await,
        Err(error) => Err(error),
    };
    let (status, mut feedback, previewed) =
        feedback(result, |_| None, allocation_field(&rows), "inputs", Vec::new())?;
    // A preview keeps what was typed: in the form, and in the button that saves it.
    feedback.typed = form.0;
    envelopes_page(&app, &user, &period, previewed.as_ref(), status, &feedback).await
}

#[utoipa::path(post, path = "/api/views/funding-setup/envelopes", tag = "views", security(("bearer" = [])),
    params(FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "What was previewed (as the preview's fields) and `version`: the saved envelopes' version as read (0 for none)"),
    responses(
        (status = 200, description = "Worked out again and saved: the page with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Saved by someone else since they were read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "A field is wrong: the page again with each error by its field and what was typed; nothing is saved", body = String, content_type = "text/html"),
    ))]
pub async fn save_envelopes_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = parse_period(&query.period)?;
    let form = Form::read(fields, is_envelopes_field)?;
    let version = form.version()?;
    let (request, rows) = envelopes_request(&form, version);
    let result = match request {
        Ok(request) => allocations::save_envelopes(&app, &user, &period, request).await,
        Err(error) => Err(error),
    };
    let notice = |saved: &SavedAllocation| {
        Some(format!(
            "You saved the ICS envelopes (version {}): {} ICSs, {} unallocated. Each ICS’s lead can see their envelope now.",
            saved.version,
            saved.lines.len(),
            saved.unallocated
        ))
    };
    let (status, feedback, _) = feedback(result, notice, allocation_field(&rows), "inputs", form.0)?;
    envelopes_page(&app, &user, &period, None, status, &feedback).await
}

// ----- An ICS's default split -----

fn is_split_field(name: &str) -> bool {
    name == "version"
        || name.strip_prefix("line-").and_then(|rest| rest.split_once('-')).is_some_and(|(row, part)| {
            row.parse::<usize>().is_ok() && ["provider", "programme", "weight", "basis"].contains(&part)
        })
}

async fn split_page(
    app: &App,
    user: &User,
    period: &Period,
    ics: &OdsCode,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let system = changes::view(app, user, period, ics).await?;
    let members = organisations::list(app, Some(user), Some(ics)).await?;
    let found = members
        .iter()
        .find(|member| &member.ods_code == ics)
        .cloned()
        .ok_or_else(|| AppError::NotFound(format!("There is no ICS with ODS code “{ics}”.")))?;
    let envelope = saved_view(allocations::view(app, user, period, &AllocationOf::Envelopes).await)?
        .and_then(|view| view.lines.into_iter().find(|line| line.line.recipient() == ics))
        .map(|line| line.line.amount().to_string());
    let split = system.allocation.as_ref();
    Ok(page(
        status,
        envelopes_setup::render_split(&found, period, &members, envelope.as_deref(), split, feedback),
    ))
}

#[utoipa::path(get, path = "/api/views/funding-setup/ics/{ics}/split", tag = "views", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code"), YearQuery),
    responses(
        (status = 200, description = "The ICS's envelope and the form that splits it by provider and programme: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn split_view(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ics): PathParams<OdsCode>,
    QueryParams(query): QueryParams<YearQuery>,
) -> Result<Response, ApiError> {
    authorise(Some(&user), Action::ManageFunding, &Target::of_ics(Some(&ics)))?;
    let period = year(&app, &user, query.period.as_deref()).await?;
    split_page(&app, &user, &period, &ics, StatusCode::OK, &Feedback::default()).await
}

#[utoipa::path(post, path = "/api/views/funding-setup/ics/{ics}/split", tag = "views", security(("bearer" = [])),
    params(("ics" = OdsCode, Path, description = "The ICS's ODS code"), FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`version` (the split's as read, 0 for none) and, for each line, `line-<n>-provider`, `-programme` (a fund's id), `-weight` (a whole number) and `-basis`"),
    responses(
        (status = 200, description = "Split and saved: the page again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 404, description = "No such ICS", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "No envelope yet, or changed by someone else since it was read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "A field is wrong: the page again with each error by its field and what was typed; nothing is saved", body = String, content_type = "text/html"),
    ))]
pub async fn split_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    PathParams(ics): PathParams<OdsCode>,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    authorise(Some(&user), Action::ManageFunding, &Target::of_ics(Some(&ics)))?;
    let period = parse_period(&query.period)?;
    let form = Form::read(fields, is_split_field)?;
    let version = form.version()?;
    let mut errors = Errors::default();
    let mut rows: Vec<usize> = form
        .0
        .iter()
        .filter_map(|(name, _)| name.strip_prefix("line-")?.split('-').next()?.parse().ok())
        .collect();
    rows.sort_unstable();
    rows.dedup();
    let (mut weights, mut kept) = (Vec::new(), Vec::new());
    for row in rows {
        let field = |part: &str| format!("line-{row}-{part}");
        let (programme, weight) = (form.get(&field("programme")), form.get(&field("weight")));
        if programme.trim().is_empty() && weight.trim().is_empty() {
            continue;
        }
        let provider = errors.check(&field("provider"), OdsCode::parse(form.get(&field("provider"))));
        let programme = errors.check(&field("programme"), FundId::parse(programme));
        let weight = errors.check(&field("weight"), whole(weight, "the weight"));
        if let (Some(provider), Some(programme), Some(weight)) = (provider, programme, weight) {
            let basis = form.get(&field("basis")).trim().to_owned();
            weights.push(DefaultWeight { provider, programme, weight, basis });
            kept.push(row);
        }
    }
    if weights.is_empty() && errors.0.is_empty() {
        errors.add("lines", "Enter at least one line: a provider, a programme and a weight");
    }
    let result = match errors.0.is_empty() {
        true => {
            changes::set_default(&app, &user, &period, &ics, DefaultAllocationRequest { weights, version })
                .await
        }
        false => Err(AppError::Invalid(errors.0)),
    };
    let field_of = |field: &str| -> String {
        let Some(rest) = field.strip_prefix("weights[") else {
            return if field.starts_with("line-") { field.to_owned() } else { "lines".to_owned() };
        };
        let (index, part) = rest.split_once(']').unwrap_or((rest, ""));
        match (index.parse::<usize>().ok().and_then(|index| kept.get(index)), part.strip_prefix('.')) {
            (Some(row), Some(part)) => format!("line-{row}-{part}"),
            _ => "lines".to_owned(),
        }
    };
    let notice = |saved: &Versioned<SystemAllocation>| {
        Some(format!(
            "You saved {ics}’s split (version {}): {} lines, total {}. The ICS’s lead sees it on the ICS’s funding page.",
            saved.version,
            saved.value.lines().len(),
            saved.value.total()
        ))
    };
    let (status, feedback, _) = feedback(result, notice, field_of, "split-form", form.0)?;
    split_page(&app, &user, &period, &ics, status, &feedback).await
}

// ----- The year's rules -----

async fn settings_page(
    app: &App,
    user: &User,
    period: &Period,
    status: StatusCode,
    feedback: &Feedback,
) -> Result<Response, ApiError> {
    let thresholds = settings::suggestion_thresholds(app, user, period).await?;
    let rules = settings::autonomy_rules(app, user, period).await?;
    Ok(page(status, rules_page::render(period, &thresholds, &rules, feedback)))
}

#[utoipa::path(get, path = "/api/views/funding-setup/settings", tag = "views", security(("bearer" = [])),
    params(YearQuery),
    responses(
        (status = 200, description = "The year's suggestion thresholds and earned-autonomy rules as forms: an HTML fragment for the app's page", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 422, description = "The period is not a financial year", body = Problem, content_type = "application/problem+json"),
    ))]
pub async fn settings_view(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<YearQuery>,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = year(&app, &user, query.period.as_deref()).await?;
    settings_page(&app, &user, &period, StatusCode::OK, &Feedback::default()).await
}

#[utoipa::path(post, path = "/api/views/funding-setup/settings/thresholds", tag = "views", security(("bearer" = [])),
    params(FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`version` (as read), `minimum` (a level), `significantShareBelowPercent` (0 to 100), `wideSpreadLevels` (0 to 4)"),
    responses(
        (status = 200, description = "Saved: the page again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since they were read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "A field is wrong: the page again with each error by its field and what was typed; nothing is saved", body = String, content_type = "text/html"),
    ))]
pub async fn thresholds_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = parse_period(&query.period)?;
    let form = Form::read(fields, |name| {
        ["version", "minimum", "significantShareBelowPercent", "wideSpreadLevels"].contains(&name)
    })?;
    let version = form.version()?;
    let mut errors = Errors::default();
    let minimum = errors.check("minimum", level(form.get("minimum")));
    let share = errors.check(
        "significantShareBelowPercent",
        small(form.get("significantShareBelowPercent"), "a percentage", 100),
    );
    let spread =
        errors.check("wideSpreadLevels", small(form.get("wideSpreadLevels"), "a number of levels", 4));
    let result = match (minimum, share, spread) {
        (Some(minimum), Some(significant_share_below_percent), Some(wide_spread_levels)) => {
            let thresholds =
                SuggestionThresholds { minimum, significant_share_below_percent, wide_spread_levels };
            funds::save_thresholds(&app, &user, &period, ThresholdsUpdate { thresholds, version }).await
        }
        _ => Err(AppError::Invalid(errors.0)),
    };
    let notice = |saved: &Versioned<SuggestionThresholds>| {
        Some(format!("You saved the thresholds for {period} (version {}).", saved.version))
    };
    let field_of = |field: &str| field.strip_prefix("thresholds.").unwrap_or(field).to_owned();
    let (status, feedback, _) = feedback(result, notice, field_of, "thresholds", form.0)?;
    settings_page(&app, &user, &period, status, &feedback).await
}

#[utoipa::path(post, path = "/api/views/funding-setup/settings/autonomy-rules", tag = "views", security(("bearer" = [])),
    params(FormYearQuery),
    request_body(content = std::collections::HashMap<String, String>, content_type = "application/x-www-form-urlencoded",
        description = "`version` (as read), `reviewsFrom` (a financial year), `governanceMeasure`, `governanceMinimum`, `digitisationMeasures` (one for each), `digitisationMinimum`, `memberCoveragePercent` (0 to 100), `memberMinimum`"),
    responses(
        (status = 200, description = "Saved: the page again with a notice", body = String, content_type = "text/html"),
        (status = 401, description = "Not signed in", body = Problem, content_type = "application/problem+json"),
        (status = 403, description = "Not an administrator", body = Problem, content_type = "application/problem+json"),
        (status = 409, description = "Changed by someone else since they were read: the page again, saying so", body = String, content_type = "text/html"),
        (status = 422, description = "A field is wrong: the page again with each error by its field and what was typed; nothing is saved", body = String, content_type = "text/html"),
    ))]
pub async fn autonomy_rules_form(
    State(app): State<App>,
    SignedIn(user): SignedIn,
    QueryParams(query): QueryParams<FormYearQuery>,
    FormBody(fields): FormBody,
) -> Result<Response, ApiError> {
    administrators_only(&user)?;
    let period = parse_period(&query.period)?;
    let form = Form::read(fields, |name| {
        [
            "version",
            "reviewsFrom",
            "governanceMeasure",
            "governanceMinimum",
            "digitisationMeasures",
            "digitisationMinimum",
            "memberCoveragePercent",
            "memberMinimum",
        ]
        .contains(&name)
    })?;
    let version = form.version()?;
    let mut errors = Errors::default();
    let reviews_from = errors.check("reviewsFrom", Period::parse(form.get("reviewsFrom")));
    let governance_measure = errors.check("governanceMeasure", measure(form.get("governanceMeasure")));
    let governance_minimum = errors.check("governanceMinimum", level(form.get("governanceMinimum")));
    let mut digitisation_measures = Vec::new();
    for typed in form.all("digitisationMeasures") {
        digitisation_measures.extend(errors.check("digitisationMeasures", measure(typed)));
    }
    digitisation_measures.sort_unstable();
    digitisation_measures.dedup();
    if digitisation_measures.is_empty() && !errors.has("digitisationMeasures") {
        errors.add("digitisationMeasures", "Choose at least one measure");
    }
    let digitisation_minimum = errors.check("digitisationMinimum", level(form.get("digitisationMinimum")));
    let coverage =
        errors.check("memberCoveragePercent", small(form.get("memberCoveragePercent"), "a percentage", 100));
    let member_minimum = errors.check("memberMinimum", level(form.get("memberMinimum")));
    let result = match (
        reviews_from,
        governance_measure,
        governance_minimum,
        digitisation_minimum,
        coverage,
        member_minimum,
        errors.0.is_empty(),
    ) {
        (
            Some(reviews_from),
            Some(governance_measure),
            Some(governance_minimum),
            Some(digitisation_minimum),
            Some(member_coverage_percent),
            Some(member_minimum),
            true,
        ) => {
            let rules = AutonomyRules {
                period: period.clone(),
                reviews_from,
                governance_measure,
                governance_minimum,
                digitisation_measures,
                digitisation_minimum,
                member_coverage_percent,
                member_minimum,
            };
            autonomy::save_rules(&app, &user, &period, AutonomyRulesUpdate { rules, version }).await
        }
        _ => Err(AppError::Invalid(errors.0)),
    };
    let notice = |saved: &Versioned<AutonomyRules>| {
        Some(format!(
            "You saved the earned-autonomy rules for {period} (version {}). Each ICS’s funding page assesses it under them now.",
            saved.version
        ))
    };
    let field_of = |field: &str| field.strip_prefix("rules.").unwrap_or(field).to_owned();
    let (status, feedback, _) = feedback(result, notice, field_of, "autonomy-rules", form.0)?;
    settings_page(&app, &user, &period, status, &feedback).await
}
