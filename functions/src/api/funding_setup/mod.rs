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

/// A posted setup form, read in the order every handler needs: the caller first (administrators
/// only, before anything else is read), then the year, then the fields (each one this form has).
fn admin_form(
    user: &User,
    query: &FormYearQuery,
    fields: Vec<(String, String)>,
    known: impl Fn(&str) -> bool,
) -> Result<(Period, Form), ApiError> {
    administrators_only(user)?;
    Ok((parse_period(&query.period)?, Form::read(fields, known)?))
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

/// A saved allocation, or none yet.
fn saved_view(result: Result<AllocationView, AppError>) -> Result<Option<AllocationView>, AppError> {
    match result {
        Ok(view) => Ok(Some(view)),
        Err(AppError::NotFound(_)) => Ok(None),
        Err(other) => Err(other),
    }
}

mod allocations_forms;
mod funds_forms;
mod populations_forms;
mod rules_forms;
mod split_forms;

pub use allocations_forms::*;
pub use funds_forms::*;
pub use populations_forms::*;
pub use rules_forms::*;
pub use split_forms::*;
