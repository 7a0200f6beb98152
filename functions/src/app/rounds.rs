//! Assessment rounds: an administrator opens a financial year's round with its phases; everyone
//! signed in can see them (deadlines are shown wherever someone has work to do), and saving a
//! measure is checked against its phase's window (`reviews::save_measure`).

use super::{App, AppError, explain_refusal};
use crate::auth::rules::{Action, Target, authorise};
use wgll_shared::access::User;
use wgll_shared::period::Period;
use wgll_shared::rounds::{NewRound, Round};

/// Opens the round of a financial year; a year has one round, never replaced.
pub async fn open(app: &App, user: &User, form: NewRound) -> Result<Round, AppError> {
    authorise(Some(user), Action::OpenRound, &Target::NONE)?;
    let valid = form.validate().map_err(AppError::Invalid)?;
    let period = valid.period().clone();
    let round = valid.opened(&user.audit_name(), app.clock.now());
    explain_refusal(app.store.open_round(&round).await, |_| {
        AppError::Conflict(format!("The {period} round is already open: a year has one round."))
    })?;
    Ok(round)
}

/// The round of a financial year.
pub async fn get(app: &App, user: &User, period: &Period) -> Result<Round, AppError> {
    authorise(Some(user), Action::ReadRounds, &Target::NONE)?;
    app.store
        .get_round(period)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("No assessment round has been opened for {period}.")))
}

/// Every round, oldest year first.
pub async fn list(app: &App, user: &User) -> Result<Vec<Round>, AppError> {
    authorise(Some(user), Action::ReadRounds, &Target::NONE)?;
    Ok(app.store.list_rounds().await?)
}
