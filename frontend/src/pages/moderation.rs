//! The lead reviewer's part of a review: every reviewer's levels side by side with disagreements
//! flagged and each reviewer's reasons, the agreed levels (proposed where the reviewers agree,
//! saved together), the lifecycle buttons (publishing after a confirmation), and the review's
//! change history.

use crate::api;
use crate::components::{ErrorSummary, error_for, invalid};
use crate::page_guard::Loads;
use leptos::prelude::*;
use wgll_shared::access::{Role, User};
use wgll_shared::assessment::{
    AgreedLevel, AgreedLevelsUpdate, MeasureAgreedLevel, disagree, proposed_level,
};
use wgll_shared::email::Email;
use wgll_shared::framework;
use wgll_shared::lifecycle::{StatusChange, Transition};
use wgll_shared::maturity::MaturityLevel;
use wgll_shared::problem::Problem;
use wgll_shared::review::{AuditEntry, Review, ReviewDetail, ReviewKind, ReviewStatus};

fn is_lead(detail: &ReviewDetail, user: &User) -> bool {
    detail.review.lead_reviewer() == Some(&user.email) && user.roles.contains(&Role::Reviewer)
}

/// What the lead is told of the reviewers' levels for a measure: the level proposed where every
/// reviewer chose the same one, else how they differ.
fn proposal_text(reviewers: &[Email], levels: &[Option<MaturityLevel>]) -> String {
    if let Some(level) = proposed_level(levels) {
        let who = match reviewers.len() {
            1 => "The reviewer".to_owned(),
            2 => "Both reviewers".to_owned(),
            count => format!("All {count} reviewers"),
        };
        return format!("{who} chose {level}, so it is proposed as the agreed level.");
    }
    let each: Vec<String> = reviewers
        .iter()
        .zip(levels)
        .map(|(reviewer, level)| match level {
            Some(level) => format!("{reviewer} chose {level}"),
            None => format!("{reviewer} has not chosen a level"),
        })
        .collect();
    format!("The reviewers differ: {}. Choose the agreed level.", each.join("; "))
}

/// One measure on the moderation page: what the lead chose for it (the recorded agreed level, else
/// the proposed one), against what is recorded.
#[derive(Clone)]
struct MeasureRow {
    number: u8,
    title: String,
    level: RwSignal<String>,
    note: RwSignal<String>,
    recorded: Option<AgreedLevel>,
}

impl MeasureRow {
    /// The save of this measure, if the lead changed it from what is recorded.
    fn change(&self) -> Option<MeasureAgreedLevel> {
        let level = self.level.get_untracked();
        let note = self.note.get_untracked();
        let unchanged = match &self.recorded {
            Some(recorded) => level == recorded.level.value().to_string() && note.trim() == recorded.note,
            None => level.is_empty() && note.trim().is_empty(),
        };
        (!unchanged).then(|| MeasureAgreedLevel {
            measure: self.number,
            level: level.parse().unwrap_or(0),
            note,
            version: self.recorded.as_ref().map_or(0, |recorded| recorded.version),
        })
    }
}

/// Every reviewer's level per measure with their reasons, the disagreements, and the agreed level
/// (proposed where the reviewers agree, and saved together by the lead while the review is
/// submitted).
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
    let levels_of = |number: u8| -> Vec<Option<MaturityLevel>> {
        reviewers
            .iter()
            .map(|reviewer| detail.assessment(number, reviewer).and_then(|assessment| assessment.level))
            .collect()
    };
    let table_rows = framework
        .measures
        .iter()
        .map(|measure| {
            let levels = levels_of(measure.number);
            let flagged = disagree(levels.iter().flatten().copied());
            let agreed = detail.agreed_level(measure.number).map_or("Not agreed yet".to_owned(), |agreed| agreed.level.to_string());
            view! {
                <tr class="nhsuk-table__row">
                    <th class="nhsuk-table__cell" scope="row">{measure.title.to_string()}</th>
                    {levels.into_iter().map(|level| view! {
                        <td class="nhsuk-table__cell">{level.map_or("–".to_owned(), |level| level.value().to_string())}</td>
                    }).collect_view()}
                    <td class="nhsuk-table__cell">
                        {flagged.then(|| view! { <strong class="nhsuk-tag nhsuk-tag--red">"Disagree by more than 1"</strong> })}
                    </td>
                    <td class="nhsuk-table__cell">{agreed}</td>
                </tr>
            }
        })
        .collect_view();
    let table = view! {
        <h2>"Reviewers’ levels"</h2>
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
                <tbody class="nhsuk-table__body">{table_rows}</tbody>
            </table>
        </div>
    };
    // While reviewers are still drafting, their reasons are their own work in progress.
    if detail.review.status == ReviewStatus::Draft {
        return table.into_any();
    }
    let rows: Vec<MeasureRow> = framework
        .measures
        .iter()
        .map(|measure| {
            let recorded = detail.agreed_level(measure.number).cloned();
            let proposed = proposed_level(&levels_of(measure.number));
            let level = recorded.as_ref().map(|agreed| agreed.level).or(proposed);
            MeasureRow {
                number: measure.number,
                title: measure.title.to_string(),
                level: RwSignal::new(level.map(|level| level.value().to_string()).unwrap_or_default()),
                note: RwSignal::new(recorded.as_ref().map(|agreed| agreed.note.clone()).unwrap_or_default()),
                recorded,
            }
        })
        .collect();
    let sections = rows
        .iter()
        .map(|row| {
            let number = row.number;
            let levels = levels_of(number);
            let differ = proposed_level(&levels).is_none();
            let flagged = disagree(levels.iter().flatten().copied());
            let proposal = proposal_text(&reviewers, &levels);
            let reasons = reviewers
                .iter()
                .zip(&levels)
                .map(|(reviewer, level)| {
                    let assessment = detail.assessment(number, reviewer);
                    let summary = match level {
                        Some(level) => format!("{reviewer}: level {level}"),
                        None => format!("{reviewer}: no level yet"),
                    };
                    let text = |pick: fn(&wgll_shared::assessment::MeasureAssessment) -> &String| {
                        assessment.map(pick).filter(|text| !text.trim().is_empty()).cloned().unwrap_or_else(|| "None given".to_owned())
                    };
                    let entries = [
                        ("Rationale", text(|a| &a.rationale)),
                        ("Strengths", text(|a| &a.strengths)),
                        ("Gaps", text(|a| &a.gaps)),
                        ("Recommendations", text(|a| &a.recommendations)),
                    ];
                    view! {
                        <details class="nhsuk-details" open=differ>
                            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">{summary}</span></summary>
                            <div class="nhsuk-details__text">
                                <dl class="nhsuk-summary-list">
                                    {entries.into_iter().map(|(key, value)| view! {
                                        <div class="nhsuk-summary-list__row">
                                            <dt class="nhsuk-summary-list__key">{key}</dt>
                                            <dd class="nhsuk-summary-list__value">{value}</dd>
                                        </div>
                                    }).collect_view()}
                                </dl>
                            </div>
                        </details>
                    }
                })
                .collect_view();
            let recorded = row.recorded.as_ref().map_or("Not agreed yet".to_owned(), |agreed| format!("Recorded: {}", agreed.level));
            let (level, note, title) = (row.level, row.note, row.title.clone());
            let level_error = move || error_for(problem.get(), &format!("agreed-{number}"));
            let note_error = move || error_for(problem.get(), &format!("agreed-note-{number}"));
            let choice = if can_agree {
                view! {
                    <div class=move || if level_error().is_some() { "nhsuk-form-group nhsuk-form-group--error" } else { "nhsuk-form-group" }>
                        <label class="nhsuk-label" for=format!("agreed-{number}")>{format!("Agreed level for {title}")}</label>
                        {move || level_error().map(error_message)}
                        <select class="nhsuk-select" id=format!("agreed-{number}") aria-describedby=format!("proposal-{number}")
                            prop:value=move || level.get() on:change=move |event| level.set(event_target_value(&event))>
                            <option value="">"Choose…"</option>
                            {MaturityLevel::all().map(|option| view! {
                                <option value=option.value().to_string()>{option.to_string()}</option>
                            }).collect_view()}
                        </select>
                    </div>
                    <div class=move || if note_error().is_some() { "nhsuk-form-group nhsuk-form-group--error" } else { "nhsuk-form-group" }>
                        <label class="nhsuk-label" for=format!("agreed-note-{number}")>"Note (why this level, especially where the reviewers differ)"</label>
                        {move || note_error().map(error_message)}
                        <input class="nhsuk-input" type="text" id=format!("agreed-note-{number}") prop:value=move || note.get()
                            on:input=move |event| note.set(event_target_value(&event)) />
                    </div>
                }
                .into_any()
            } else {
                ().into_any()
            };
            view! {
                <section id=format!("moderate-{number}") aria-labelledby=format!("moderate-{number}-title")>
                    <h3 id=format!("moderate-{number}-title")>{row.title.clone()}</h3>
                    {flagged.then(|| view! { <p><strong class="nhsuk-tag nhsuk-tag--red">"Disagree by more than 1"</strong></p> })}
                    {reasons}
                    <p id=format!("proposal-{number}")>{proposal}</p>
                    <p class="nhsuk-body-s" id=format!("recorded-{number}")>{recorded}</p>
                    {choice}
                </section>
            }
        })
        .collect_view();
    let heading = view! {
        <h2>"Reasons and agreed levels"</h2>
        <p>"Each reviewer’s rationale, strengths, gaps and recommendations, measure by measure. Where they differ, their reasons are open."</p>
    };
    if !can_agree {
        return view! { {table} {heading} {sections} }.into_any();
    }
    let rows = StoredValue::new(rows);
    // The measures the last save sent, in its order: the API names each field by its place.
    let sent = StoredValue::new(Vec::<u8>::new());
    let path = format!("/api/reviews/{}/agreed", detail.review.id);
    let save = api::sender::<AgreedLevelsUpdate, Vec<AgreedLevel>>(api::Method::Put, path);
    Effect::new(move |_| match save.answer() {
        Some(Ok(_)) => reload(),
        Some(Err(mut failure)) => {
            let sent = sent.get_value();
            for error in &mut failure.errors {
                error.field = field_of(&error.field, &sent);
            }
            set_problem.set(Some(failure));
        }
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let levels: Vec<MeasureAgreedLevel> =
            rows.with_value(|rows| rows.iter().filter_map(MeasureRow::change).collect());
        if levels.is_empty() {
            set_problem.set(Some(Problem {
                detail: "Nothing to save: choose an agreed level, or change one, first.".to_owned(),
                ..invalid(Vec::new())
            }));
            return;
        }
        set_problem.set(None);
        sent.set_value(levels.iter().map(|level| level.measure).collect());
        save.dispatch(AgreedLevelsUpdate { levels });
    };
    view! {
        {table}
        <ErrorSummary problem />
        {heading}
        <form novalidate on:submit=submit>
            {sections}
            <button class="nhsuk-button" type="submit" disabled=move || save.is_pending()>
                {move || if save.is_pending() { "Saving…" } else { "Save agreed levels" }}
            </button>
        </form>
    }
    .into_any()
}

/// A field's error message, as NHS.UK shows it above the field.
fn error_message(message: String) -> impl IntoView {
    view! { <span class="nhsuk-error-message"><span class="nhsuk-u-visually-hidden">"Error: "</span>{message}</span> }
}

/// The page's field for an error the API named by the entry's place in the save
/// (`levels[2].note`): that measure's note (`agreed-note-7`) or level (`agreed-7`).
fn field_of(field: &str, sent: &[u8]) -> String {
    let entry = field
        .strip_prefix("levels[")
        .and_then(|rest| rest.split_once(']'))
        .and_then(|(index, name)| Some((sent.get(index.parse::<usize>().ok()?)?, name)));
    match entry {
        Some((number, ".note")) => format!("agreed-note-{number}"),
        Some((number, _)) => format!("agreed-{number}"),
        None => field.to_owned(),
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
    // The region's own decision is made on its validation page, not here.
    let transitions: Vec<Transition> = Transition::from(review.status, review.kind)
        .filter(|transition| !transition.by_region())
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
    // Publishing makes the agreed levels the organisation's result: it waits for a confirmation.
    let confirming = RwSignal::new(false);
    let confirm_heading = NodeRef::<leptos::html::H3>::new();
    let publish_button = NodeRef::<leptos::html::Button>::new();
    Effect::new(move |_| {
        if let Some(heading) = confirm_heading.get() {
            let _ = heading.focus();
        }
    });
    let version = review.version;
    let publish = move || {
        set_problem.set(None);
        change.dispatch(StatusChange { transition: Transition::Publish, reason: String::new(), version });
    };
    let cancel = move || {
        confirming.set(false);
        if let Some(button) = publish_button.get_untracked() {
            let _ = button.focus();
        }
    };
    let whose = format!("{}’s result for {}", review.organisation_name, review.period);
    view! {
        <h2>"Status"</h2>
        <p>{format!("This review is {}.", review.status.label().to_lowercase())}
            {(!lead && !administrator).then_some(" The lead reviewer submits, moderates and publishes it.")}
            {(review.status == ReviewStatus::Moderated && review.kind == ReviewKind::PeerReview)
                .then_some(" Its region’s team validates it next.")}</p>
        {(review.status == ReviewStatus::Provisional).then(|| view! {
            <p><a href=format!("/reviews/{}/provisional", review.id)>"The provisional result and any factual errors flagged"</a>
                {review.provisional_until.filter(|_| review.facts_confirmed.is_none()).map(|until| {
                    format!(" (the organisation can flag errors until {})", until.in_words())
                })}</p>
        })}
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
                let class = if matches!(transition, Transition::ReturnToDraft | Transition::Reopen) { "nhsuk-button nhsuk-button--secondary" } else { "nhsuk-button" };
                let node_ref = if transition == Transition::Publish { publish_button } else { NodeRef::new() };
                view! {
                    <button class=class type="button" node_ref=node_ref disabled=move || change.is_pending()
                        on:click=move |_| {
                            set_problem.set(None);
                            if transition == Transition::Publish {
                                confirming.set(true);
                            } else {
                                change.dispatch(StatusChange { transition, reason: reason.get(), version });
                            }
                        }>
                        {transition.label()}
                    </button>
                }
            }).collect_view()}
        </div>
        {move || confirming.get().then(|| view! {
            <div class="nhsuk-warning-callout" id="confirm-publish">
                <h3 class="nhsuk-warning-callout__label" tabindex="-1" node_ref=confirm_heading>"Are you sure you want to publish this review?"</h3>
                <p>{format!("Publishing makes the agreed levels {whose}: they show on its ICS’s dashboards, trends and benchmarks. Only an administrator can reopen it.")}</p>
                <div class="nhsuk-button-group">
                    <button class="nhsuk-button" type="button" disabled=move || change.is_pending() on:click=move |_| publish()>
                        "Yes, publish the review"
                    </button>
                    <button class="nhsuk-button nhsuk-button--secondary" type="button" on:click=move |_| cancel()>"Cancel"</button>
                </div>
            </div>
        })}
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
