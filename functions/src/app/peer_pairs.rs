//! Peer pairs (`wgll_shared::peer_pairs`): the organisations suggested as a peer review's peers,
//! and the one an administrator confirms, with the confirmation in the review's history.

use super::reviews::{review_not_found, target};
use super::{App, AppError, explain_refusal};
use crate::auth::rules::{Action, authorise};
use serde::Serialize;
use std::collections::HashMap;
use wgll_shared::access::User;
use wgll_shared::ids::ReviewId;
use wgll_shared::organisation::Organisation;
use wgll_shared::peer_pairs::{
    PeerPair, PeerPairChoice, PeerSuggestion, suggest, why_not_a_peer_organisation,
};
use wgll_shared::review::{AuditEntry, Review, ReviewKind};

/// A peer review's confirmed peer organisation, if any, and the suggestions.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct PeerPairs {
    pub review: Review,
    pub confirmed: Option<PeerPair>,
    pub suggestions: Vec<PeerSuggestion>,
}

/// The peer review, once the caller may confirm its peers (checked before anything else is read).
async fn peer_review(app: &App, user: &User, id: &ReviewId) -> Result<Review, AppError> {
    let review = app.store.get_review(id).await?.ok_or_else(|| review_not_found(id))?;
    authorise(Some(user), Action::ConfirmPeerPair, &target(&review))?;
    if review.kind != ReviewKind::PeerReview {
        return Err(AppError::Conflict(
            "A self-assessment is the organisation’s own: it has no peers.".to_owned(),
        ));
    }
    Ok(review)
}

async fn reviewed_organisation(app: &App, review: &Review) -> Result<Organisation, AppError> {
    app.store
        .get_organisation(&review.organisation)
        .await?
        .ok_or_else(|| AppError::Internal(format!("review {} names a missing organisation", review.id)))
}

/// The confirmed peer and the suggestions: the review (a GetItem), its organisation (a GetItem),
/// every organisation (one Query), the year's weighted populations (one Query) and the
/// confirmed pair (a GetItem), whatever the number of organisations.
pub async fn view(app: &App, user: &User, id: &ReviewId) -> Result<PeerPairs, AppError> {
    let review = peer_review(app, user, id).await?;
    let reviewed = reviewed_organisation(app, &review).await?;
    let candidates = app.store.list_organisations().await?;
    let populations: HashMap<_, _> = app
        .store
        .list_populations(&review.period)
        .await?
        .into_iter()
        .map(|record| (record.value.population.recipient, record.value.population.weighted_population))
        .collect();
    let confirmed = app.store.get_peer_pair(id).await?;
    Ok(PeerPairs { suggestions: suggest(&reviewed, &candidates, &populations), confirmed, review })
}

/// An administrator confirms the peer organisation.
pub async fn confirm(
    app: &App,
    user: &User,
    id: &ReviewId,
    choice: PeerPairChoice,
) -> Result<PeerPair, AppError> {
    let review = peer_review(app, user, id).await?;
    let code = choice.validate().map_err(AppError::Invalid)?;
    let peer = app.store.get_organisation(&code).await?.ok_or_else(|| {
        AppError::invalid("organisation", format!("There is no organisation with ODS code {code}"))
    })?;
    let reviewed = reviewed_organisation(app, &review).await?;
    if let Some(why) = why_not_a_peer_organisation(&reviewed, &peer) {
        return Err(AppError::invalid("organisation", why));
    }
    let stale = || {
        AppError::Conflict(
            "Another peer organisation was confirmed since you opened this page: reload it.".to_owned(),
        )
    };
    let current = app.store.get_peer_pair(id).await?.map_or(0, |pair| pair.version);
    if current != choice.version {
        return Err(stale());
    }
    let pair = PeerPair {
        ods_code: peer.ods_code.clone(),
        name: peer.name.clone(),
        confirmed_by: user.audit_name(),
        at: app.clock.now(),
        version: choice.version + 1,
    };
    let audit = AuditEntry::peer_confirmed(&review, &pair, &user.audit_name());
    explain_refusal(app.store.confirm_peer_pair(id, &pair, &audit).await, |_| stale())?;
    Ok(pair)
}
