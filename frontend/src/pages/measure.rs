//! Assessing one success measure: an answer and evidence for each statement, the suggested level,
//! the reviewer's level (with a rationale where it departs), strengths, gaps and recommendations.
//!
//! Saved as the reviewer types: every change goes to local storage at once ([`crate::drafts`]) and
//! to the API shortly after; the status line says what is saved and what is waiting.

use super::framework::VariantText;
use crate::api;
use crate::components::{ErrorSummary, error_for, set_title};
use crate::drafts;
use crate::page_guard::{Loads, RequireSignIn};
use crate::router::use_params_map;
use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use wgll_shared::access::Session;
use wgll_shared::assessment::{
    EVIDENCE_MAX, MeasureAssessment, MeasureAssessmentUpdate, NOTE_MAX, StatementAnswer,
};
use wgll_shared::framework::{self, MeasureVariant, Statement};
use wgll_shared::maturity::MaturityLevel;
use wgll_shared::problem::Problem;
use wgll_shared::review::ReviewDetail;
use wgll_shared::scoring::{self, Answer, AnswerFacts};

/// How long typing must pause before a save is sent.
const SAVE_DELAY_MS: u32 = 800;
/// How often a save that could not reach the API is tried again.
const RETRY_MS: u32 = 3_000;

#[component]
pub fn MeasurePage() -> impl IntoView {
    let params = use_params_map();
    let page = move |signed_in: Session| {
        let id = params.get().get("id").unwrap_or_default();
        let number: u8 = params.get().get("number").and_then(|n| n.parse().ok()).unwrap_or_default();
        let detail = api::load::<ReviewDetail>(move || format!("/api/reviews/{id}"));
        let reviewer = signed_in.user.email;
        view! {
            <Loads data=detail what="the assessment" heading="Assessment" let:detail>
                <MeasureForm detail number reviewer=reviewer.clone() />
            </Loads>
        }
    };
    view! { <RequireSignIn page /> }
}

/// Where the reviewer's changes are.
#[derive(Clone, Debug, PartialEq)]
enum SaveState {
    /// Nothing changed since the page opened or the last save.
    Saved(Option<String>),
    /// Changed, kept on this device, a save is coming.
    Pending,
    Saving,
    /// Kept on this device; the API could not be reached, so saving will be retried.
    Offline,
    /// Kept on this device; the API refused it (the problem says why).
    Refused,
    /// The reviewer's assessment was saved elsewhere meanwhile: both versions are shown.
    Conflict(Box<MeasureAssessment>),
}

fn update_from(assessment: &MeasureAssessment) -> MeasureAssessmentUpdate {
    MeasureAssessmentUpdate {
        statements: assessment.statements.clone(),
        level: assessment.level.map(MaturityLevel::value),
        evidence: assessment.evidence.clone(),
        rationale: assessment.rationale.clone(),
        strengths: assessment.strengths.clone(),
        gaps: assessment.gaps.clone(),
        recommendations: assessment.recommendations.clone(),
        version: assessment.version,
    }
}

fn dom_id(statement: &str) -> String {
    statement.replace('.', "-")
}

#[component]
fn MeasureForm(detail: ReviewDetail, number: u8, reviewer: String) -> impl IntoView {
    let review = detail.review.clone();
    let back = format!("/reviews/{}", review.id);
    let Some(measure) =
        framework::find(&review.framework_id).and_then(|framework| framework.measure(number)).cloned()
    else {
        set_title("Measure not found");
        return view! {
            <h1>"Measure not found"</h1>
            <p>"This review has no success measure with that number."</p>
            <a href=back>"Back to the review"</a>
        }
        .into_any();
    };
    set_title(&format!("{} – {}", measure.title, review.organisation_name));
    let variant: MeasureVariant = measure.variant(review.variant).clone();
    let saved = detail.assessment(number, &reviewer).cloned();
    let server_version = saved.as_ref().map_or(0, |assessment| assessment.version);
    // A draft left on this device (tab closed, offline, server down) wins over the saved version
    // it was based on; one based on an older version is a conflict, resolved below like any other.
    let restored = drafts::load(&review.id, number, &reviewer);
    let initial = restored.clone().unwrap_or_else(|| saved.as_ref().map(update_from).unwrap_or_default());
    let form = RwSignal::new(initial);
    let state = RwSignal::new(if restored.is_some() { SaveState::Pending } else { SaveState::Saved(None) });
    let (problem, set_problem) = signal(None::<Problem>);
    let generation = StoredValue::new(0u64);
    let keys = StoredValue::new((review.id.clone(), reviewer.clone()));
    let path = StoredValue::new(format!("/api/reviews/{}/measures/{number}", review.id));
    let review_path = StoredValue::new(format!("/api/reviews/{}", review.id));

    // Sends the current draft; called after a pause in typing, on retry, and on "Save".
    let sync = move || {
        if state.get_untracked() == SaveState::Saving {
            return;
        }
        let sent = form.get_untracked();
        state.set(SaveState::Saving);
        spawn_local(async move {
            let result = api::put::<_, MeasureAssessment>(&path.get_value(), &sent).await;
            let (review_id, reviewer) = keys.get_value();
            match result {
                Ok(assessment) => {
                    set_problem.set(None);
                    let unchanged = form.get_untracked() == sent;
                    form.update(|draft| draft.version = assessment.version);
                    if unchanged {
                        drafts::clear(&review_id, number, &reviewer);
                        let time = assessment.updated_at.get(11..16).map(|time| format!("{time} UTC"));
                        state.set(SaveState::Saved(time));
                    } else {
                        // Typed more while saving: keep the newer draft and save again.
                        drafts::store(&review_id, number, &reviewer, &form.get_untracked());
                        state.set(SaveState::Pending);
                    }
                }
                Err(failure) if failure.status == 409 => {
                    let current = api::get::<ReviewDetail>(&review_path.get_value())
                        .await
                        .ok()
                        .and_then(|detail| detail.assessment(number, &reviewer).cloned());
                    match current {
                        Some(theirs) => state.set(SaveState::Conflict(Box::new(theirs))),
                        None => {
                            set_problem.set(Some(failure));
                            state.set(SaveState::Refused);
                        }
                    }
                }
                Err(failure) if failure.status == 0 || failure.status >= 500 => state.set(SaveState::Offline),
                Err(failure) => {
                    set_problem.set(Some(failure));
                    state.set(SaveState::Refused);
                }
            }
        });
    };
    let editable = review.status.accepts_assessments();
    // Every change: kept on this device at once, sent after a short pause.
    let change = move |edit: &dyn Fn(&mut MeasureAssessmentUpdate)| {
        if !editable {
            return;
        }
        form.update(|draft| edit(draft));
        let (review_id, reviewer) = keys.get_value();
        drafts::store(&review_id, number, &reviewer, &form.get_untracked());
        if !matches!(state.get_untracked(), SaveState::Conflict(_)) {
            state.set(SaveState::Pending);
        }
        generation.update_value(|n| *n += 1);
        let mine = generation.get_value();
        spawn_local(async move {
            TimeoutFuture::new(SAVE_DELAY_MS).await;
            if generation.get_value() == mine && state.get_untracked() == SaveState::Pending {
                sync();
            }
        });
    };
    // While offline, keep trying: the draft is safe on this device meanwhile.
    Effect::new(move |_| {
        if state.get() == SaveState::Offline {
            spawn_local(async move {
                TimeoutFuture::new(RETRY_MS).await;
                if state.get_untracked() == SaveState::Offline {
                    state.set(SaveState::Pending);
                    sync();
                }
            });
        }
    });
    if restored.as_ref().is_some_and(|draft| draft.version <= server_version) {
        // Changes left on this device by an earlier visit: save them now (a draft based on an
        // older version than the server's comes back as a conflict, shown with both versions).
        sync();
    }
    let back_for_done = back.clone();
    let done = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match state.get_untracked() {
            SaveState::Saved(_) => crate::router::navigate(&back_for_done),
            SaveState::Conflict(_) => {}
            _ => sync(),
        }
    };

    let variant_store = StoredValue::new(variant.clone());
    let suggested = move || {
        let draft = form.get();
        let facts: Vec<AnswerFacts> =
            variant_store.with_value(|variant| variant_facts(&draft.statements, variant));
        scoring::suggested_level(&facts)
    };

    let text_area = move |field: &'static str,
                          label: &'static str,
                          hint: &'static str,
                          max: usize,
                          get: fn(&MeasureAssessmentUpdate) -> String,
                          set: fn(&mut MeasureAssessmentUpdate, String)| {
        let id = crate::components::field_id(field);
        let error = move || error_for(problem.get(), field);
        view! {
            <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || error().is_some()>
                <label class="nhsuk-label nhsuk-label--s" for=id.clone()>{label}</label>
                <div class="nhsuk-hint" id=format!("{id}-hint")>{hint}</div>
                {move || error().map(|message| view! {
                    <span class="nhsuk-error-message" id=format!("{field}-error")><span class="nhsuk-u-visually-hidden">"Error: "</span>{message}</span>
                })}
                <textarea class="nhsuk-textarea" id=id.clone() name=id.clone() rows="4" maxlength=max.to_string()
                    aria-describedby=format!("{id}-hint")
                    prop:value=move || get(&form.get())
                    on:input=move |event| { let value = event_target_value(&event); change(&move |draft| set(draft, value.clone())) }></textarea>
            </div>
        }
    };

    view! {
        <div class="nhsuk-back-link"><a href=back.clone() class="nhsuk-back-link__link">"Back to the review"</a></div>
        <ErrorSummary problem=problem />
        <span class="nhsuk-caption-l">{format!("{} · {}", review.organisation_name, review.period)}</span>
        <h1>{format!("{}. {}", measure.number, measure.title)}</h1>
        {if editable {
            view! { <SaveStatus state form keys number sync /> }.into_any()
        } else {
            view! {
                <div class="nhsuk-inset-text" id="save-status">
                    <p>{format!("This review is {}, so assessments can no longer be changed.", review.status.label().to_lowercase())}</p>
                </div>
            }.into_any()
        }}
        <details class="nhsuk-details">
            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"What does good look like?"</span></summary>
            <div class="nhsuk-details__text"><VariantText variant=review.variant text=variant.clone() /></div>
        </details>
        <form novalidate on:submit=done>
            <fieldset class="nhsuk-fieldset" disabled=!editable>
            <legend class="nhsuk-u-visually-hidden">"Your assessment"</legend>
            <h2>"Statements"</h2>
            {variant.statements.iter().cloned().map(|statement| view! { <StatementQuestion statement form change /> }).collect_view()}
            <h2>"Maturity level"</h2>
            <div class="nhsuk-inset-text">
                <p id="suggested-level">{move || match suggested() {
                    Some(level) => format!("Suggested level from your answers: {level}"),
                    None => "Answer every statement to see the suggested level.".to_owned(),
                }}</p>
            </div>
            <LevelQuestion form change problem />
            {text_area("rationale", "Rationale", "Required when your level differs from the suggested level: why?", NOTE_MAX, |d| d.rationale.clone(), |d, v| d.rationale = v)}
            {text_area("evidence", "Overall evidence", "The documents, links and observations that support this level", EVIDENCE_MAX, |d| d.evidence.clone(), |d, v| d.evidence = v)}
            {text_area("strengths", "Strengths", "What is working well", NOTE_MAX, |d| d.strengths.clone(), |d, v| d.strengths = v)}
            {text_area("gaps", "Gaps", "What is missing against the statements", NOTE_MAX, |d| d.gaps.clone(), |d, v| d.gaps = v)}
            {text_area("recommendations", "Recommendations", "What the organisation should do next", NOTE_MAX, |d| d.recommendations.clone(), |d, v| d.recommendations = v)}
            </fieldset>
            // The full status is at the top (and announced); this repeats it where the form ends.
            {editable.then(|| view! {
                <p class="nhsuk-body-s" id="save-status-short">{move || match state.get() {
                    SaveState::Saved(_) => "All changes saved.",
                    SaveState::Pending | SaveState::Saving => "Saving…",
                    SaveState::Offline => "Not saved yet: kept on this device until the service can be reached.",
                    SaveState::Refused => "Not saved: see the problem at the top of the page.",
                    SaveState::Conflict(_) => "Not saved: choose a version at the top of the page.",
                }}</p>
            })}
            <button class="nhsuk-button" type="submit" disabled=move || state.get() == SaveState::Saving>
                {move || match state.get() {
                    SaveState::Saved(_) => "Return to the review",
                    SaveState::Saving => "Saving…",
                    _ => "Save assessment",
                }}
            </button>
        </form>
    }
    .into_any()
}

fn variant_facts(statements: &[StatementAnswer], variant: &MeasureVariant) -> Vec<AnswerFacts> {
    variant
        .statements
        .iter()
        .map(|statement| {
            let answer = statements.iter().find(|answer| answer.statement == statement.id);
            AnswerFacts {
                answer: answer.and_then(|answer| answer.answer),
                has_evidence: answer
                    .is_some_and(|answer| !answer.evidence.trim().is_empty() || !answer.links.is_empty()),
            }
        })
        .collect()
}

/// The status line: what is saved, what is waiting, and any clash to resolve.
#[component]
fn SaveStatus(
    state: RwSignal<SaveState>,
    form: RwSignal<MeasureAssessmentUpdate>,
    keys: StoredValue<(String, String)>,
    number: u8,
    sync: impl Fn() + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let keep_mine = move |_| {
        if let SaveState::Conflict(theirs) = state.get_untracked() {
            form.update(|draft| draft.version = theirs.version);
            state.set(SaveState::Pending);
            sync();
        }
    };
    let use_theirs = move |_| {
        if let SaveState::Conflict(theirs) = state.get_untracked() {
            form.set(update_from(&theirs));
            let (review_id, reviewer) = keys.get_value();
            drafts::clear(&review_id, number, &reviewer);
            state.set(SaveState::Saved(None));
        }
    };
    view! {
        <div class="nhsuk-inset-text" id="save-status" role="status" aria-live="polite">
            {move || match state.get() {
                SaveState::Saved(Some(time)) => view! { <p>{format!("All changes saved at {time}.")}</p> }.into_any(),
                SaveState::Saved(None) => view! { <p>"Changes save automatically as you type."</p> }.into_any(),
                SaveState::Pending => view! { <p>"Changes kept on this device; saving shortly…"</p> }.into_any(),
                SaveState::Saving => view! { <p>"Saving…"</p> }.into_any(),
                SaveState::Offline => view! {
                    <p>"Not saved yet: the service cannot be reached. Your changes are kept on this device and will be saved when the connection returns."</p>
                }.into_any(),
                SaveState::Refused => view! { <p>"Not saved: correct the problem shown above. Your changes are kept on this device."</p> }.into_any(),
                SaveState::Conflict(theirs) => {
                    let level = |level: Option<u8>| level.map_or("no level".to_owned(), |level| format!("level {level}"));
                    let mine = form.get_untracked();
                    view! {
                        <h2 class="nhsuk-heading-s">"Your assessment was also changed elsewhere"</h2>
                        <p>"It was saved from another tab or device after you opened this page. Nothing has been overwritten: choose which version to keep."</p>
                        <dl class="nhsuk-summary-list">
                            <div class="nhsuk-summary-list__row">
                                <dt class="nhsuk-summary-list__key">"This page"</dt>
                                <dd class="nhsuk-summary-list__value">{format!("{}; evidence: {}", level(mine.level), mine.evidence)}</dd>
                            </div>
                            <div class="nhsuk-summary-list__row">
                                <dt class="nhsuk-summary-list__key">"Saved elsewhere"</dt>
                                <dd class="nhsuk-summary-list__value">{format!("{}; evidence: {}", level(theirs.level.map(MaturityLevel::value)), theirs.evidence)}</dd>
                            </div>
                        </dl>
                        <button class="nhsuk-button nhsuk-button--secondary" type="button" on:click=keep_mine>"Keep this page’s version"</button>
                        " "
                        <button class="nhsuk-button nhsuk-button--secondary" type="button" on:click=use_theirs>"Use the saved version"</button>
                    }.into_any()
                }
            }}
        </div>
    }
}

/// One statement: the answer radios, evidence and links.
#[component]
fn StatementQuestion(
    statement: Statement,
    form: RwSignal<MeasureAssessmentUpdate>,
    change: impl Fn(&dyn Fn(&mut MeasureAssessmentUpdate)) + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let statement_id = StoredValue::new(statement.id.to_string());
    let base = dom_id(&statement.id);
    let edit = move |apply: &dyn Fn(&mut StatementAnswer)| {
        let id = statement_id.get_value();
        change(&move |draft: &mut MeasureAssessmentUpdate| {
            if !draft.statements.iter().any(|answer| answer.statement == id) {
                draft.statements.push(StatementAnswer { statement: id.clone(), ..Default::default() });
            }
            if let Some(answer) = draft.statements.iter_mut().find(|answer| answer.statement == id) {
                apply(answer);
            }
        });
    };
    let current =
        move || form.get().statements.into_iter().find(|answer| answer.statement == statement_id.get_value());
    let legend_id = format!("{base}-legend");
    view! {
        <div class="nhsuk-form-group">
            <fieldset class="nhsuk-fieldset" aria-labelledby=legend_id.clone()>
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s" id=legend_id.clone()>{statement.text.to_string()}</legend>
                <div class="nhsuk-radios nhsuk-radios--inline">
                    {Answer::ALL.into_iter().map(|option| {
                        let id = format!("answer-{base}-{}", option.code());
                        view! {
                            <div class="nhsuk-radios__item">
                                <input class="nhsuk-radios__input" id=id.clone() name=format!("answer-{base}") type="radio" value=option.code()
                                    prop:checked=move || current().and_then(|answer| answer.answer) == Some(option)
                                    on:change=move |_| edit(&move |answer: &mut StatementAnswer| answer.answer = Some(option)) />
                                <label class="nhsuk-label nhsuk-radios__label" for=id>{option.label()}</label>
                            </div>
                        }
                    }).collect_view()}
                </div>
                <div class="nhsuk-form-group nhsuk-u-margin-top-3 nhsuk-u-margin-bottom-0">
                    <label class="nhsuk-label" for=format!("evidence-{base}")>"Evidence for this statement"</label>
                    <textarea class="nhsuk-textarea" id=format!("evidence-{base}") rows="2" maxlength=NOTE_MAX.to_string()
                        prop:value=move || current().map(|answer| answer.evidence).unwrap_or_default()
                        on:input=move |event| { let value = event_target_value(&event); edit(&move |answer: &mut StatementAnswer| answer.evidence = value.clone()) }></textarea>
                    <label class="nhsuk-label" for=format!("links-{base}")>"Links (one web address per line)"</label>
                    <textarea class="nhsuk-textarea" id=format!("links-{base}") rows="1"
                        prop:value=move || current().map(|answer| answer.links.join("\n")).unwrap_or_default()
                        on:input=move |event| {
                            let value = event_target_value(&event);
                            edit(&move |answer: &mut StatementAnswer| answer.links = value.lines().map(str::trim).filter(|line| !line.is_empty()).map(str::to_owned).collect())
                        }></textarea>
                </div>
            </fieldset>
        </div>
    }
}

/// The reviewer's maturity level, with each level's descriptor.
#[component]
fn LevelQuestion(
    form: RwSignal<MeasureAssessmentUpdate>,
    change: impl Fn(&dyn Fn(&mut MeasureAssessmentUpdate)) + Copy + Send + Sync + 'static,
    problem: ReadSignal<Option<Problem>>,
) -> impl IntoView {
    let level_error = move || error_for(problem.get(), "level");
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || level_error().is_some()>
            <fieldset class="nhsuk-fieldset" aria-describedby="level-hint">
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">"Your level for this measure"</legend>
                <div class="nhsuk-hint" id="level-hint">"A level counts only when all of its elements are met."</div>
                {move || level_error().map(|message| view! {
                    <span class="nhsuk-error-message" id="level-error"><span class="nhsuk-u-visually-hidden">"Error: "</span>{message}</span>
                })}
                <div class="nhsuk-radios">
                    {MaturityLevel::all().map(|option| {
                        let value = option.value();
                        let id = format!("level-{value}");
                        let hint_id = format!("{id}-hint");
                        view! {
                            <div class="nhsuk-radios__item">
                                <input class="nhsuk-radios__input" id=id.clone() name="level" type="radio" value=value.to_string()
                                    aria-describedby=hint_id.clone()
                                    prop:checked=move || form.get().level == Some(value)
                                    on:change=move |_| change(&move |draft: &mut MeasureAssessmentUpdate| draft.level = Some(value)) />
                                <label class="nhsuk-label nhsuk-radios__label" for=id>{format!("{value} – {}", option.name())}</label>
                                <div class="nhsuk-hint nhsuk-radios__hint" id=hint_id>{option.descriptor()}</div>
                            </div>
                        }
                    }).collect_view()}
                </div>
            </fieldset>
        </div>
    }
}
