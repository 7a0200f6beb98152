//! The lead reviewer's part of a review: every reviewer's levels side by side with disagreements
//! flagged, the agreed levels, the lifecycle buttons, and the review's change history.

use crate::api;
use crate::components::ErrorSummary;
use crate::page_guard::Loads;
use leptos::prelude::*;
use wgll_shared::access::{Role, User};
use wgll_shared::assessment::{AgreedLevel, AgreedLevelUpdate, disagree};
use wgll_shared::framework;
use wgll_shared::lifecycle::{StatusChange, Transition};
use wgll_shared::maturity::MaturityLevel;
use wgll_shared::problem::Problem;
use wgll_shared::review::{AuditEntry, Review, ReviewDetail, ReviewStatus};

fn is_lead(detail: &ReviewDetail, user: &User) -> bool {
    detail.review.lead_reviewer() == Some(&user.email) && user.roles.contains(&Role::Reviewer)
}

/// Every reviewer's level per measure, the disagreements, and the agreed level (editable by the
/// lead while the review is submitted).
#[component]
pub fn Moderation(
    detail: ReviewDetail,
    user: User,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let Some(framework) = framework::find(&detail.review.framework_id) else { return ().into_any() };
    let reviewers = detail.review.reviewers.clone();
    let can_agree = is_lead(&detail, &user) && detail.review.status == ReviewStatus::Submitted;
    let (problem, set_problem) = signal(None::<Problem>);
    let rows = framework
        .measures
        .iter()
        .map(|measure| {
            let levels: Vec<Option<MaturityLevel>> = reviewers
                .iter()
                .map(|reviewer| detail.assessment(measure.number, reviewer).and_then(|assessment| assessment.level))
                .collect();
            let flagged = disagree(levels.iter().flatten().copied());
            let agreed = detail.agreed_level(measure.number).cloned();
            let review_id = detail.review.id.to_string();
            view! {
                <tr class="nhsuk-table__row">
                    <th class="nhsuk-table__cell" scope="row">{measure.title.to_string()}</th>
                    {levels.into_iter().map(|level| view! {
                        <td class="nhsuk-table__cell">{level.map_or("–".to_owned(), |level| level.value().to_string())}</td>
                    }).collect_view()}
                    <td class="nhsuk-table__cell">
                        {flagged.then(|| view! { <strong class="nhsuk-tag nhsuk-tag--red">"Disagree by more than 1"</strong> })}
                    </td>
                    <td class="nhsuk-table__cell">
                        {if can_agree {
                            view! { <AgreedLevelForm review_id number=measure.number title=measure.title.to_string() agreed set_problem reload /> }.into_any()
                        } else {
                            agreed.map_or("Not agreed yet".to_owned(), |agreed| format!("{} – {}", agreed.level.value(), agreed.level.name())).into_any()
                        }}
                    </td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <h2>"Reviewers’ levels"</h2>
        <ErrorSummary problem />
        <p>"Levels more than one apart are flagged for discussion. The lead reviewer records the agreed level once the review is submitted."</p>
        // Scrolls sideways on a phone, so it must be reachable and named for keyboard users.
        <div class="nhsuk-table-container" tabindex="0" role="region" aria-label="Reviewers’ levels by measure">
            <table class="nhsuk-table">
                <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Each reviewer’s level and the agreed level, by success measure"</caption>
                <thead class="nhsuk-table__head">
                    <tr>
                        <th scope="col">"Measure"</th>
                        {reviewers.iter().map(|reviewer| view! { <th scope="col">{reviewer.to_string()}</th> }).collect_view()}
                        <th scope="col">"Flag"</th>
                        <th scope="col">"Agreed level"</th>
                    </tr>
                </thead>
                <tbody class="nhsuk-table__body">{rows}</tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn AgreedLevelForm(
    review_id: String,
    number: u8,
    title: String,
    agreed: Option<AgreedLevel>,
    set_problem: WriteSignal<Option<Problem>>,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let level =
        RwSignal::new(agreed.as_ref().map(|agreed| agreed.level.value().to_string()).unwrap_or_default());
    let note = RwSignal::new(agreed.as_ref().map(|agreed| agreed.note.clone()).unwrap_or_default());
    let version = agreed.as_ref().map_or(0, |agreed| agreed.version);
    let path = format!("/api/reviews/{review_id}/measures/{number}/agreed");
    let save = api::sender::<AgreedLevelUpdate, AgreedLevel>(api::Method::Put, path);
    Effect::new(move |_| match save.answer() {
        Some(Ok(_)) => reload(),
        Some(Err(failure)) => set_problem.set(Some(failure)),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        set_problem.set(None);
        save.dispatch(AgreedLevelUpdate {
            level: level.get().parse().unwrap_or(0),
            note: note.get(),
            version,
        });
    };
    let recorded = agreed.as_ref().map(|agreed| format!("Recorded: {}", agreed.level));
    view! {
        <form novalidate on:submit=submit>
            <p class="nhsuk-body-s">{recorded.unwrap_or_else(|| "Not agreed yet".to_owned())}</p>
            <label class="nhsuk-label" for=format!("agreed-{number}")>{format!("Agreed level for {title}")}</label>
            <select class="nhsuk-select" id=format!("agreed-{number}") prop:value=move || level.get()
                on:change=move |event| level.set(event_target_value(&event))>
                <option value="">"Choose…"</option>
                {MaturityLevel::all().map(|option| view! {
                    <option value=option.value().to_string()>{option.to_string()}</option>
                }).collect_view()}
            </select>
            <label class="nhsuk-label" for=format!("agreed-note-{number}")>"Note"</label>
            <input class="nhsuk-input" type="text" id=format!("agreed-note-{number}") prop:value=move || note.get()
                on:input=move |event| note.set(event_target_value(&event)) />
            <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit" disabled=move || save.is_pending()>
                {move || if save.is_pending() { "Saving…" } else { "Save agreed level" }}
            </button>
        </form>
    }
}

/// The lifecycle buttons the signed-in user may use: submit, return, moderate, publish, reopen.
#[component]
pub fn StatusActions(
    detail: ReviewDetail,
    user: User,
    reload: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let lead = is_lead(&detail, &user);
    let administrator = user.roles.contains(&Role::Administrator);
    let review = detail.review.clone();
    let transitions: Vec<Transition> = Transition::from(review.status)
        .filter(|transition| if *transition == Transition::Reopen { administrator } else { lead })
        .collect();
    let (problem, set_problem) = signal(None::<Problem>);
    let reason = RwSignal::new(String::new());
    let path = format!("/api/reviews/{}/status", review.id);
    let change = api::sender::<StatusChange, Review>(api::Method::Post, path);
    Effect::new(move |_| match change.answer() {
        Some(Ok(_)) => reload(),
        Some(Err(failure)) => set_problem.set(Some(failure)),
        None => {}
    });
    let needs_reason = transitions.iter().any(|transition| transition.needs_reason());
    view! {
        <h2>"Status"</h2>
        <p>{format!("This review is {}.", review.status.label().to_lowercase())}
            {(!lead && !administrator).then_some(" The lead reviewer submits, moderates and publishes it.")}</p>
        <ErrorSummary problem />
        {needs_reason.then(|| view! {
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="reason">"Reason (needed to return or reopen the review)"</label>
                <textarea class="nhsuk-textarea" id="reason" rows="2" prop:value=move || reason.get()
                    on:input=move |event| reason.set(event_target_value(&event))></textarea>
            </div>
        })}
        <div class="nhsuk-button-group">
            {transitions.into_iter().map(|transition| {
                let version = review.version;
                let class = if matches!(transition, Transition::ReturnToDraft | Transition::Reopen) { "nhsuk-button nhsuk-button--secondary" } else { "nhsuk-button" };
                view! {
                    <button class=class type="button" disabled=move || change.is_pending()
                        on:click=move |_| {
                            set_problem.set(None);
                            change.dispatch(StatusChange { transition, reason: reason.get(), version });
                        }>
                        {transition.label()}
                    </button>
                }
            }).collect_view()}
        </div>
    }
}

/// Every change to the review: who, when and what.
#[component]
pub fn History(review_id: String) -> impl IntoView {
    let history = api::load::<Vec<AuditEntry>>(move || format!("/api/reviews/{review_id}/history"));
    view! {
        <details class="nhsuk-details">
            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"Change history"</span></summary>
            <div class="nhsuk-details__text">
                <Loads data=history what="the history" let:entries>
                    <ol class="nhsuk-list">
                        {entries.into_iter().rev().map(|entry| view! {
                            <li>
                                <strong>{entry.summary}</strong><br />
                                <span class="nhsuk-body-s">{format!("{} · {} UTC", entry.actor, entry.at.to_minute())}</span>
                            </li>
                        }).collect_view()}
                    </ol>
                </Loads>
            </div>
        </details>
    }
}
