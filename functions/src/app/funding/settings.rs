//! The year's rules that decide funding, read on their own: the thresholds of the principle
//! suggestion and the earned-autonomy rules. Anyone signed in may read them (they decide who gets
//! what, so they are no secret); administrators change them (`funds::save_thresholds`,
//! `autonomy::save_rules`).

use super::super::{App, AppError};
use super::{autonomy, funds};
use crate::auth::rules::{Action, Target, authorise};
use wgll_shared::access::User;
use wgll_shared::funding::autonomy::AutonomyRules;
use wgll_shared::funding::principles::suggestion::SuggestionThresholds;
use wgll_shared::funding::records::Versioned;
use wgll_shared::period::Period;

/// The year's suggestion thresholds: saved, or the defaults at version 0.
pub async fn suggestion_thresholds(
    app: &App,
    user: &User,
    period: &Period,
) -> Result<Versioned<SuggestionThresholds>, AppError> {
    authorise(Some(user), Action::ReadFunds, &Target::NONE)?;
    funds::thresholds(app, period).await
}

/// The year's earned-autonomy rules: saved, or the year's defaults at version 0.
pub async fn autonomy_rules(
    app: &App,
    user: &User,
    period: &Period,
) -> Result<Versioned<AutonomyRules>, AppError> {
    authorise(Some(user), Action::ReadFunds, &Target::NONE)?;
    autonomy::rules(app, period).await
}
