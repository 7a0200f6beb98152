//! Regional validation (`wgll_shared::regional_validation`): each region's team sees the
//! moderated peer reviews waiting for it and, for each, its outliers, then confirms or returns it
//! (a status change: `reviews::change_status`, with `Transition::Confirm` or `ReturnFromRegion`).

use super::reviews::{newest_self_assessment, review_not_found, target};
use super::{App, AppError};
use crate::auth::rules::{Action, Target, authorise};
use serde::Serialize;
use wgll_shared::access::User;
use wgll_shared::ids::ReviewId;
use wgll_shared::regional_validation::{AwaitingValidation, Outlier, outliers};
use wgll_shared::regions::Region;
use wgll_shared::review::{ReviewDetail, ReviewKind, ReviewStatus};

/// One region's reviews to validate (`region` none: those of ICSs without a region).
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct RegionQueue {
    pub region: Option<Region>,
    pub awaiting: Vec<AwaitingValidation>,
}

/// A moderated peer review as its region sees it: its agreed levels and what stands out.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "camelCase")]
pub struct ValidationView {
    pub detail: ReviewDetail,
    pub outliers: Vec<Outlier>,
    /// Whether the organisation had a self-assessment for the year to compare with.
    pub has_self_assessment: bool,
    /// How many similar organisations (same kind, same year) have published outcomes.
    pub similar_published: usize,
}

/// The regions whose lists the caller sees: their own teams', or every one for administrators
/// (eight Queries at most, whatever the number of reviews).
fn regions_of(user: &User) -> Vec<Option<Region>> {
    if user.is_administrator() {
        Region::ALL.into_iter().map(Some).chain([None]).collect()
    } else {
        user.regions().into_iter().map(Some).collect()
    }
}

pub async fn awaiting(app: &App, user: &User) -> Result<Vec<RegionQueue>, AppError> {
    let regions = regions_of(user);
    if regions.is_empty() {
        authorise(Some(user), Action::ValidateReview, &Target::of_region(None))?;
    }
    let mut queues = Vec::new();
    for region in regions {
        authorise(Some(user), Action::ValidateReview, &Target::of_region(region))?;
        let awaiting = app.store.list_awaiting_validation(region).await?;
        queues.push(RegionQueue { region, awaiting });
    }
    Ok(queues)
}

/// A review waiting for its region, with its outliers: the review with its measures (one Query),
/// the organisation's self-assessment for the year (a Query and one more), and similar
/// organisations' published outcomes (a GetItem for the organisation's kind and one Query).
pub async fn view(app: &App, user: &User, id: &ReviewId) -> Result<ValidationView, AppError> {
    let detail = app.store.get_review_detail(id).await?.ok_or_else(|| review_not_found(id))?;
    let review = &detail.review;
    authorise(Some(user), Action::ValidateReview, &target(review))?;
    if review.kind != ReviewKind::PeerReview || review.status != ReviewStatus::Moderated {
        return Err(AppError::Conflict(format!(
            "This review is not waiting for its region: it is {}.",
            review.status.label().to_lowercase()
        )));
    }
    let own = newest_self_assessment(app, review).await?;
    let similar = match app.store.get_organisation(&review.organisation).await? {
        Some(organisation) => app.store.list_peer_outcomes(organisation.kind, &review.period).await?,
        None => Vec::new(),
    };
    let similar_published = similar.iter().filter(|outcome| outcome.ods_code != review.organisation).count();
    Ok(ValidationView {
        outliers: outliers(&detail, own.as_ref(), &similar),
        has_self_assessment: own.is_some(),
        similar_published,
        detail,
    })
}
