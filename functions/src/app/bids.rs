//! Bids (`wgll_shared::bids`): an organisation's or ICS's leads (and its ICS's, and
//! administrators) start a bid for a year, save it as they type, and submit it to the review
//! board. A fund past its closing date takes no new bid and no change to what is asked of it.

use super::organisations::find;
use super::{App, AppError, explain_refusal};
use crate::auth::rules::{Action, Target, authorise};
use serde::{Deserialize, Serialize};
use wgll_shared::FieldError;
use wgll_shared::access::User;
use wgll_shared::bids::{Bid, BidStatus, BidUpdate, Context, ready_to_submit};
use wgll_shared::funding::Fund;
use wgll_shared::ids::{ActionId, BidId};
use wgll_shared::organisation::{OdsCode, Organisation};
use wgll_shared::period::Period;

/// Starting a bid: the year it is for.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewBid {
    #[schema(value_type = Period)]
    pub period: String,
}

/// A draft saved as typed: the bid as it now is, and what was held back and why.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct SavedDraft {
    pub bid: Bid,
    pub held_back: Vec<FieldError>,
}

/// Submitting: the version read.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BidSubmission {
    pub version: u64,
}

/// A bid with what its page needs: the year's funds and the applicant's actions to link.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct BidView {
    pub bid: Bid,
    #[schema(value_type = Vec<Object>)]
    pub funds: Vec<Fund>,
    pub actions: Vec<wgll_shared::actions::PlannedAction>,
}

async fn applicant(app: &App, user: &User, ods: &OdsCode) -> Result<Organisation, AppError> {
    let organisation = find(app, ods).await?;
    authorise(Some(user), Action::ApplyForFunding, &Target::of_organisation(&organisation))?;
    Ok(organisation)
}

fn not_found(ods: &OdsCode, id: &BidId) -> AppError {
    AppError::NotFound(format!("{ods} has no bid with id “{id}”."))
}

async fn funds(app: &App, period: &Period) -> Result<Vec<Fund>, AppError> {
    Ok(app.store.list_funds(period).await?.into_iter().map(|record| record.value).collect())
}

fn stale(bid: &Bid) -> AppError {
    AppError::Conflict(format!(
        "The bid was saved elsewhere (another tab or person) since version {} was read, so this was not saved. Open it again to see the newer one.",
        bid.version
    ))
}

/// Starts a draft bid for a year.
pub async fn start(app: &App, user: &User, ods: &OdsCode, form: NewBid) -> Result<Bid, AppError> {
    let organisation = applicant(app, user, ods).await?;
    let period = Period::parse(&form.period).map_err(|message| AppError::invalid("period", message))?;
    let region = match organisation.region {
        Some(region) => Some(region),
        None => app.store.get_organisation(organisation.ics()).await?.and_then(|ics| ics.region),
    };
    let now = app.clock.now();
    let bid = Bid {
        id: crate::random::bid_id(),
        ods_code: organisation.ods_code.clone(),
        name: organisation.name.clone(),
        kind: organisation.kind,
        ics_code: organisation.ics().clone(),
        region,
        period,
        purpose: String::new(),
        lines: Vec::new(),
        measures: Vec::new(),
        actions: Vec::new(),
        benefits: String::new(),
        status: BidStatus::Draft,
        version: 1,
        created_by: user.audit_name(),
        updated_by: user.audit_name(),
        created_at: now.clone(),
        updated_at: now,
        submitted_at: None,
        decision: None,
    };
    app.store.save_bid(&bid).await?;
    Ok(bid)
}

/// An organisation's bids, newest first.
pub async fn list(app: &App, user: &User, ods: &OdsCode) -> Result<Vec<Bid>, AppError> {
    applicant(app, user, ods).await?;
    let mut bids = app.store.list_bids(ods).await?;
    bids.sort_by(|a, b| b.created_at.cmp(&a.created_at));
    Ok(bids)
}

/// A bid with the year's funds and the applicant's actions: 4 reads.
pub async fn view(app: &App, user: &User, ods: &OdsCode, id: &BidId) -> Result<BidView, AppError> {
    applicant(app, user, ods).await?;
    let bid = app.store.get_bid(ods, id).await?.ok_or_else(|| not_found(ods, id))?;
    let funds = funds(app, &bid.period).await?;
    let actions = app.store.list_organisation_actions(ods).await?;
    Ok(BidView { bid, funds, actions })
}

/// Saves a draft as typed: what passes its check replaces what was saved; the rest is held
/// back and said why, and the bid is saved all the same (nothing typed that is valid is lost).
pub async fn save_draft(
    app: &App,
    user: &User,
    ods: &OdsCode,
    id: &BidId,
    update: BidUpdate,
) -> Result<SavedDraft, AppError> {
    applicant(app, user, ods).await?;
    let saved = app.store.get_bid(ods, id).await?.ok_or_else(|| not_found(ods, id))?;
    if saved.status != BidStatus::Draft {
        return Err(AppError::Conflict(
            "This bid has been submitted: it can no longer be changed.".to_owned(),
        ));
    }
    if update.version != saved.version {
        return Err(stale(&saved));
    }
    let funds = funds(app, &saved.period).await?;
    let actions: Vec<ActionId> =
        app.store.list_organisation_actions(ods).await?.into_iter().map(|action| action.id).collect();
    let context = Context { funds: &funds, actions: &actions, today: app.clock.today() };
    let (mut bid, held_back) = update.apply(&saved, &context);
    bid.version = saved.version + 1;
    bid.updated_by = user.audit_name();
    bid.updated_at = app.clock.now();
    explain_refusal(app.store.save_bid(&bid).await, |_| stale(&saved))?;
    Ok(SavedDraft { bid, held_back })
}

/// Sends a complete draft to the review board.
pub async fn submit(
    app: &App,
    user: &User,
    ods: &OdsCode,
    id: &BidId,
    submission: BidSubmission,
) -> Result<Bid, AppError> {
    applicant(app, user, ods).await?;
    let saved = app.store.get_bid(ods, id).await?.ok_or_else(|| not_found(ods, id))?;
    if saved.status != BidStatus::Draft {
        return Err(AppError::Conflict("This bid has already been submitted.".to_owned()));
    }
    if submission.version != saved.version {
        return Err(stale(&saved));
    }
    ready_to_submit(&saved, &funds(app, &saved.period).await?, app.clock.today())
        .map_err(AppError::Invalid)?;
    let now = app.clock.now();
    let bid = Bid {
        status: BidStatus::Submitted,
        version: saved.version + 1,
        updated_by: user.audit_name(),
        updated_at: now.clone(),
        submitted_at: Some(now),
        ..saved.clone()
    };
    explain_refusal(app.store.save_bid(&bid).await, |_| stale(&saved))?;
    Ok(bid)
}
