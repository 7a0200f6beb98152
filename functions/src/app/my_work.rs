//! A person's own work (`wgll_shared::my_work`): the reviews they are on or own, what is due on
//! each, and what happened since they last looked. Opening it records the visit.

use super::reviews::target;
use super::{App, AppError};
use crate::auth::rules::{Action, Target, allows, authorise};
use std::collections::{BTreeMap, BTreeSet};
use wgll_shared::access::{Role, User};
use wgll_shared::ids::ReviewId;
use wgll_shared::my_work::{self, EVENTS_SHOWN, MyWork, Reading, Recipient};
use wgll_shared::organisation::OdsCode;

/// The organisations `user` leads.
fn leads(user: &User) -> Vec<OdsCode> {
    user.roles
        .iter()
        .filter_map(|role| match role {
            Role::OrganisationLead(ods) => Some(ods.clone()),
            _ => None,
        })
        .collect()
}

/// The caller's work, as of now, and the visit recorded (after reading, as of when the reading
/// began: whatever happened while it was read is new next time). A fixed number of requests:
/// the pointers and last visit (a Query), the newest events (a Query), each organisation led (its
/// reviews and its events, a Query each), the reviews pointed at (BatchGetItem, 100 to a request)
/// the rounds (a Query) and the reviews' progress items (BatchGetItem, 100 to a request), which
/// say which measures each reviewer has completed: those are not listed as to do.
pub async fn open(app: &App, user: &User) -> Result<MyWork, AppError> {
    authorise(Some(user), Action::ReadMyWork, &Target::NONE)?;
    let started = app.clock.now();
    let today = started.date();
    let leads = leads(user);
    let (pointed, last_seen) = app.store.work_of(&user.email).await?;
    let mut events = app.store.work_events(&Recipient::Person(user.email.clone()), EVENTS_SHOWN).await?;
    let mut reviews = Vec::new();
    for ods in &leads {
        reviews.extend(app.store.list_reviews_for_organisation(ods).await?);
        events.extend(app.store.work_events(&Recipient::OrganisationLeads(ods.clone()), EVENTS_SHOWN).await?);
    }
    let known: BTreeSet<ReviewId> = reviews.iter().map(|review| review.id.clone()).collect();
    let to_read: Vec<ReviewId> = pointed.into_iter().filter(|id| !known.contains(id)).collect();
    reviews.extend(app.store.get_reviews(&to_read).await?);
    // Only what the rules let them open (a reviewer's account without the reviewer role opens none).
    reviews.retain(|review| allows(Some(user), Action::ReadReview, &target(review)));
    let rounds = app.store.list_rounds().await?;
    let ids: Vec<ReviewId> = reviews.iter().map(|review| review.id.clone()).collect();
    let completed: BTreeMap<ReviewId, BTreeSet<String>> = app
        .store
        .get_review_progress(&ids)
        .await?
        .into_iter()
        .map(|progress| {
            let keys = progress
                .completed
                .iter()
                .map(|(measure, reviewer)| my_work::completed_key(*measure, reviewer));
            (progress.summary.review_id, keys.collect())
        })
        .collect();
    let reading =
        Reading { email: &user.email, leads: &leads, reviews, rounds: &rounds, events, last_seen, today };
    let work = my_work::my_work(reading, |id| completed.get(id));
    app.store.record_work_visit(&user.email, &started).await?;
    Ok(work)
}
