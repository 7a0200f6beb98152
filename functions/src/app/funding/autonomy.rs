//! Earned autonomy: an ICS's assessment under the year's rules, which administrators may change.

use super::super::{App, AppError, explain_refusal};
use crate::auth::rules::{Action, Target, authorise};
use wgll_shared::access::User;
use wgll_shared::funding::autonomy::{self, AutonomyRules};
use wgll_shared::funding::published::PublishedLevels;
use wgll_shared::funding::records::{AutonomyRulesUpdate, AutonomyView, Versioned};
use wgll_shared::organisation::{OdsCode, OrganisationKind};
use wgll_shared::period::Period;

/// The year's rules: saved, or the defaults at version 0.
pub(super) async fn rules(app: &App, period: &Period) -> Result<Versioned<AutonomyRules>, AppError> {
    Ok(app
        .store
        .get_autonomy_rules(period)
        .await?
        .unwrap_or_else(|| Versioned::unsaved(AutonomyRules::for_year(period.clone()))))
}

/// Whether the ICS has earned autonomy for the year, criterion by criterion with the figures.
pub async fn assessment(
    app: &App,
    user: &User,
    period: &Period,
    ics: &OdsCode,
) -> Result<AutonomyView, AppError> {
    authorise(Some(user), Action::ReadSystemFunding, &Target::of_ics(Some(ics)))?;
    let (ics, members) = super::ics_and_members(app, ics).await?;
    let rules = rules(app, period).await?;
    let outcomes = app.store.list_ics_outcomes(&ics.ods_code, None).await?;
    let reviews: Vec<PublishedLevels> = outcomes
        .iter()
        .filter(|outcome| &outcome.period <= period)
        .map(PublishedLevels::from_outcome)
        .collect();
    let members: Vec<OdsCode> = members
        .into_iter()
        .filter(|member| member.kind != OrganisationKind::Ics)
        .map(|member| member.ods_code)
        .collect();
    let assessment = autonomy::assess(&ics.ods_code, &members, &reviews, &rules.value);
    Ok(AutonomyView { rules, assessment })
}

pub async fn save_rules(
    app: &App,
    user: &User,
    period: &Period,
    form: AutonomyRulesUpdate,
) -> Result<Versioned<AutonomyRules>, AppError> {
    authorise(Some(user), Action::ManageFunding, &Target::NONE)?;
    if &form.rules.period != period {
        return Err(AppError::invalid("rules.period", format!("These are the rules for {period}")));
    }
    if form.rules.member_coverage_percent > 100 {
        return Err(AppError::invalid("rules.memberCoveragePercent", "Enter a percentage from 0 to 100"));
    }
    if form.rules.digitisation_measures.is_empty() {
        return Err(AppError::invalid("rules.digitisationMeasures", "Choose at least one measure"));
    }
    let saved = Versioned::saved(form.rules, form.version, &user.audit_name(), app.clock.now());
    explain_refusal(app.store.save_autonomy_rules(&saved).await, |_| {
        AppError::Conflict(format!(
            "The earned-autonomy rules for {period} were changed by someone else since you read them: reload them."
        ))
    })?;
    Ok(saved)
}
