//! Action plans: actions created from a gap in a published review, listed and filtered per
//! organisation and per ICS, with overdue ones flagged.

use super::organisations;
use super::{App, AppError, explain_refusal};
use crate::auth::rules::{Action, Target, authorise};
use wgll_shared::access::User;
use wgll_shared::actions::{ActionStatus, ActionUpdate, NewAction, PlannedAction};
use wgll_shared::ids::{ActionId, ReviewId};
use wgll_shared::organisation::OdsCode;
use wgll_shared::review::ReviewStatus;

/// Which actions a list shows, in due-date order.
#[derive(Debug, Default)]
pub struct ActionFilter {
    pub status: Option<ActionStatus>,
    /// Only open actions past their due date.
    pub overdue: bool,
    /// Only this organisation's (in an ICS's list).
    pub organisation: Option<OdsCode>,
}

impl ActionFilter {
    fn apply(&self, mut actions: Vec<PlannedAction>, today: wgll_shared::date::Date) -> Vec<PlannedAction> {
        if let Some(status) = self.status {
            actions.retain(|action| action.status == status);
        }
        if self.overdue {
            actions.retain(|action| action.is_overdue(today));
        }
        if let Some(code) = &self.organisation {
            actions.retain(|action| &action.ods_code == code);
        }
        actions.sort_by(|a, b| (&a.due, &a.organisation_name).cmp(&(&b.due, &b.organisation_name)));
        actions
    }
}

/// Starts an action from a measure of one of the organisation's published reviews.
pub async fn create(
    app: &App,
    user: &User,
    ods: &OdsCode,
    form: NewAction,
) -> Result<PlannedAction, AppError> {
    let organisation = organisations::find(app, ods).await?;
    authorise(Some(user), Action::ManageActions, &Target::of_organisation(&organisation))?;
    let wrong_review = |message: String| AppError::invalid("reviewId", message);
    let choose_a_review = || wrong_review(format!("Choose one of {}’s reviews", organisation.name));
    let review_id = ReviewId::parse(&form.review_id).map_err(|_| choose_a_review())?;
    let detail = app
        .store
        .get_review_detail(&review_id)
        .await?
        .filter(|detail| detail.review.organisation == organisation.ods_code)
        .ok_or_else(choose_a_review)?;
    if detail.review.status != ReviewStatus::Published {
        return Err(wrong_review(
            "Actions come from a published review: publish this review first".to_owned(),
        ));
    }
    let current = detail.agreed_level(form.measure).map(|agreed| agreed.level.value());
    let valid = form.validate(current).map_err(AppError::Invalid)?;
    let action = PlannedAction::new(
        crate::random::action_id(),
        &organisation,
        &detail,
        form.measure,
        valid,
        app.clock.now(),
    );
    explain_refusal(app.store.save_action(&action).await, |_| {
        AppError::Conflict("An action with this id already exists: try again.".to_owned())
    })?;
    Ok(action)
}

/// Changes an action, if nobody changed it since it was read.
pub async fn update(
    app: &App,
    user: &User,
    ods: &OdsCode,
    id: &ActionId,
    form: ActionUpdate,
) -> Result<PlannedAction, AppError> {
    let organisation = organisations::find(app, ods).await?;
    authorise(Some(user), Action::ManageActions, &Target::of_organisation(&organisation))?;
    let action = app
        .store
        .get_action(&organisation.ods_code, id)
        .await?
        .ok_or_else(|| AppError::NotFound(format!("{} has no action “{id}”.", organisation.name)))?;
    let valid = form.validate(action.current_level).map_err(AppError::Invalid)?;
    let stale = || {
        AppError::Conflict(
            "This action was changed by someone else since you opened it. Reload it to see their change, then make yours again."
                .to_owned(),
        )
    };
    if action.version != form.version {
        return Err(stale());
    }
    let updated = action.updated(valid, form.status, app.clock.now());
    explain_refusal(app.store.save_action(&updated).await, |_| stale())?;
    Ok(updated)
}

/// An organisation's actions, for those who may see its outcomes.
pub async fn list_for_organisation(
    app: &App,
    user: &User,
    ods: &OdsCode,
    filter: &ActionFilter,
) -> Result<Vec<PlannedAction>, AppError> {
    let organisation = organisations::find(app, ods).await?;
    authorise(Some(user), Action::ReadOrganisationOutcomes, &Target::of_organisation(&organisation))?;
    let actions = app.store.list_organisation_actions(&organisation.ods_code).await?;
    Ok(filter.apply(actions, app.clock.today()))
}

/// An ICS's actions across its organisations, for those who may see its outcomes.
pub async fn list_for_ics(
    app: &App,
    caller: Option<&User>,
    ics: &OdsCode,
    filter: &ActionFilter,
) -> Result<Vec<PlannedAction>, AppError> {
    authorise(caller, Action::ReadIcsOutcomes, &Target::of_ics(Some(ics)))?;
    let actions = app.store.list_ics_actions(ics).await?;
    Ok(filter.apply(actions, app.clock.today()))
}
