//! Assessing one success measure: an answer and evidence for each statement, the suggested level,
//! the reviewer's level (with a rationale where it departs), strengths, gaps and recommendations.
//!
//! Saved as the reviewer types by [`crate::autosave`]: this module is only the form.

use crate::api;
use crate::autosave::{Autosave, Endpoint, SaveState, SaveStatus, SaveStatusShort, Saved};
use crate::components::{ErrorSummary, error_for, set_title};
use crate::page_guard::{Loads, RequireSignIn};
use crate::router::use_params_map;
use leptos::prelude::*;
use wgll_shared::FieldError;
use wgll_shared::access::Session;
use wgll_shared::assessment::{
    EVIDENCE_MAX, MeasureAssessment, MeasureAssessmentUpdate, NOTE_MAX, StatementAnswer,
};
use wgll_shared::email::Email;
use wgll_shared::framework::{self, MeasureVariant, Statement, Variant};
use wgll_shared::maturity::MaturityLevel;
use wgll_shared::review::ReviewDetail;
use wgll_shared::scoring::Answer;

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

fn message_in(errors: &[FieldError], field: &str) -> Option<String> {
    errors.iter().find(|error| error.field == field).map(|error| error.message.clone())
}

fn dom_id(statement: &str) -> String {
    statement.replace('.', "-")
}

/// Where the reviewer's assessment of one measure is saved, as they type: everything valid,
/// with any field not valid yet held back at its saved value (`last_saved`), so one field being
/// corrected never keeps the rest of the work in this browser.
fn endpoint(
    review_id: &str,
    number: u8,
    reviewer: &Email,
    variant: MeasureVariant,
    last_saved: Option<MeasureAssessmentUpdate>,
) -> Endpoint<MeasureAssessmentUpdate> {
    let path = format!("/api/reviews/{review_id}/measures/{number}");
    let review_path = format!("/api/reviews/{review_id}");
    let reviewer = reviewer.clone();
    let variant = StoredValue::new(variant);
    let last_saved = StoredValue::new(last_saved.unwrap_or_default());
    Endpoint {
        save: Box::new(move |draft| {
            let path = path.clone();
            let (sendable, held_back) =
                variant.with_value(|variant| last_saved.with_value(|saved| draft.savable(variant, saved)));
            Box::pin(async move {
                let assessment = api::put::<_, MeasureAssessment>(&path, &sendable).await?;
                last_saved.set_value(MeasureAssessmentUpdate::from(&assessment));
                Ok(Saved { version: assessment.version, updated_at: assessment.updated_at, held_back })
            })
        }),
        saved_elsewhere: Box::new(move || {
            let (review_path, reviewer) = (review_path.clone(), reviewer.clone());
            Box::pin(async move {
                let detail = api::get::<ReviewDetail>(&review_path).await.ok()?;
                let theirs = detail.assessment(number, &reviewer).map(MeasureAssessmentUpdate::from)?;
                last_saved.set_value(theirs.clone());
                Some(theirs)
            })
        }),
    }
}

/// One version of an assessment in a line, to tell two apart.
fn describe(assessment: &MeasureAssessmentUpdate) -> String {
    let level = assessment.level.map_or("no level".to_owned(), |level| format!("level {level}"));
    format!("{level}; evidence: {}", assessment.evidence)
}

#[component]
fn MeasureForm(detail: ReviewDetail, number: u8, reviewer: Email) -> impl IntoView {
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
    if !review.reviewers.contains(&reviewer) {
        // Someone who may read the review but is not one of its reviewers has no assessment to
        // record: say so, rather than show them an empty form they cannot use.
        return view! {
            <div class="nhsuk-back-link"><a href=back.clone() class="nhsuk-back-link__link">"Back to the review"</a></div>
            <span class="nhsuk-caption-l">{format!("{} · {}", review.organisation_name, review.period)}</span>
            <h1>{format!("{}. {}", measure.number, measure.title)}</h1>
            <div class="nhsuk-inset-text" id="not-a-reviewer">
                <p>"Only this review’s reviewers record assessments here, and you are not one of them. "
                   "Their assessments and the agreed levels are in the review, and in its printable report."</p>
            </div>
            <p><a href=format!("/reviews/{}/report", review.id)>"The printable report"</a></p>
        }
        .into_any();
    }
    let variant: MeasureVariant = measure.variant(review.variant).clone();
    let saved = detail.assessment(number, &reviewer).map(MeasureAssessmentUpdate::from);
    // A draft per review, measure and reviewer, under the name drafts have always had, so one
    // left by an earlier version of the app is still found.
    let autosave = Autosave::new(
        format!("{}.{number}.{reviewer}", review.id),
        saved.clone(),
        endpoint(review.id.as_str(), number, &reviewer, variant.clone(), saved),
    );
    let held_back = autosave.held_back();
    let form = autosave.form();
    let problem = autosave.problem();
    let state = autosave.state();
    let editable = review.status.accepts_assessments();
    let change = move |edit: &dyn Fn(&mut MeasureAssessmentUpdate)| {
        if editable {
            autosave.change(|draft| edit(draft));
        }
    };
    let back_for_done = back.clone();
    let done = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        match state.get_untracked() {
            SaveState::Saved(_) => crate::router::navigate(&back_for_done),
            SaveState::Conflict(_) => {}
            _ => autosave.save_now(),
        }
    };

    let variant_store = StoredValue::new(variant.clone());
    let suggested =
        move || form.with(|draft| variant_store.with_value(|variant| draft.suggested_level(variant)));
    let still_to_do =
        move || form.with(|draft| variant_store.with_value(|variant| draft.still_to_do(variant)));
    // A field's message: why the API refused it, else why it is held back, else what it still needs.
    let message_for = move |field: &str| {
        error_for(problem.get(), field)
            .or_else(|| held_back.with(|errors| message_in(errors, field)))
            .or_else(|| message_in(&still_to_do(), field))
    };

    let text_area = move |field: &'static str,
                          label: &'static str,
                          hint: &'static str,
                          max: usize,
                          get: fn(&MeasureAssessmentUpdate) -> String,
                          set: fn(&mut MeasureAssessmentUpdate, String)| {
        let id = crate::components::field_id(field);
        let error = move || message_for(field);
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

    let deadline = detail.round.as_ref().and_then(|round| round.deadline(number));
    view! {
        <div class="nhsuk-back-link"><a href=back.clone() class="nhsuk-back-link__link">"Back to the review"</a></div>
        <ErrorSummary problem=problem />
        <span class="nhsuk-caption-l">{format!("{} · {}", review.organisation_name, review.period)}</span>
        <h1>{format!("{}. {}", measure.number, measure.title)}</h1>
        {deadline.map(|deadline| view! { <p class="nhsuk-body" id="deadline"><strong>"When: "</strong>{deadline}</p> })}
        {if editable {
            view! { <SaveStatus autosave record="assessment" describe /> }.into_any()
        } else {
            view! {
                <div class="nhsuk-inset-text" id="save-status">
                    <p>{format!("This review is {}, so assessments can no longer be changed.", review.status.label().to_lowercase())}</p>
                </div>
            }.into_any()
        }}
        {move || {
            let to_do = still_to_do();
            (editable && !to_do.is_empty()).then(|| view! {
                <div class="nhsuk-warning-callout" id="still-to-do">
                    <h2 class="nhsuk-warning-callout__label"><span role="text"><span class="nhsuk-u-visually-hidden">"Important: "</span>"Still to do"</span></h2>
                    <ul class="nhsuk-list">
                        {to_do.into_iter().map(|item| view! {
                            <li><a href=format!("#{}", crate::components::field_id(&item.field))>{item.message}</a></li>
                        }).collect_view()}
                    </ul>
                </div>
            })
        }}
        {(review.kind == wgll_shared::review::ReviewKind::PeerReview).then(|| view! {
            <SelfAssessmentBeside review_id=review.id.to_string() number variant=variant.clone() />
        })}
        <p class="nhsuk-body"><a href=evidence_page(&review)>{format!("{}’s evidence for {}", review.organisation_name, review.period)}</a></p>
        <details class="nhsuk-details">
            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"What does good look like?"</span></summary>
            <div class="nhsuk-details__text"><VariantText variant=review.variant text=variant.clone() /></div>
        </details>
        <form novalidate on:submit=done>
            <fieldset class="nhsuk-fieldset" disabled=!editable>
            <legend class="nhsuk-u-visually-hidden">"Your assessment"</legend>
            <h2 id="statements">"Statements"</h2>
            {move || message_for("statements").map(|message| view! {
                <span class="nhsuk-error-message" id="statements-error"><span class="nhsuk-u-visually-hidden">"Error: "</span>{message}</span>
            })}
            {variant.statements.iter().cloned().map(|statement| view! { <StatementQuestion statement form change /> }).collect_view()}
            <h2>"Maturity level"</h2>
            <div class="nhsuk-inset-text">
                <p id="suggested-level">{move || match suggested() {
                    Some(level) => format!("Suggested level from your answers: {level}"),
                    None => "Answer every statement to see the suggested level.".to_owned(),
                }}</p>
            </div>
            <LevelQuestion form change message_for />
            {text_area("rationale", "Rationale", "Required when your level differs from the suggested level: why?", NOTE_MAX, |d| d.rationale.clone(), |d, v| d.rationale = v)}
            {text_area("evidence", "Overall evidence", "The documents, links and observations that support this level", EVIDENCE_MAX, |d| d.evidence.clone(), |d, v| d.evidence = v)}
            {text_area("strengths", "Strengths", "What is working well", NOTE_MAX, |d| d.strengths.clone(), |d, v| d.strengths = v)}
            {text_area("gaps", "Gaps", "What is missing against the statements", NOTE_MAX, |d| d.gaps.clone(), |d, v| d.gaps = v)}
            {text_area("recommendations", "Recommendations", "What the organisation should do next", NOTE_MAX, |d| d.recommendations.clone(), |d, v| d.recommendations = v)}
            </fieldset>
            // Kept in view while scrolling a long measure.
            <div class="app-form-footer">
                {editable.then(|| view! { <SaveStatusShort autosave /> })}
                <button class="nhsuk-button" type="submit" disabled=move || state.get() == SaveState::Saving>
                    {move || match state.get() {
                        SaveState::Saved(_) => "Return to the review",
                        SaveState::Saving => "Saving…",
                        _ => "Save assessment",
                    }}
                </button>
            </div>
        </form>
    }
    .into_any()
}

/// One statement: the answer radios, evidence and links.
#[component]
fn StatementQuestion(
    statement: Statement,
    form: ReadSignal<MeasureAssessmentUpdate>,
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
    form: ReadSignal<MeasureAssessmentUpdate>,
    change: impl Fn(&dyn Fn(&mut MeasureAssessmentUpdate)) + Copy + Send + Sync + 'static,
    message_for: impl Fn(&str) -> Option<String> + Copy + Send + Sync + 'static,
) -> impl IntoView {
    let level_error = move || message_for("level");
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

/// "What does good look like?" and the statements, for one variant of a measure.
#[component]
fn VariantText(variant: Variant, text: MeasureVariant) -> impl IntoView {
    let heading = match variant {
        Variant::Ics => "For an Integrated Care System",
        Variant::Organisation => "For an organisation",
    };
    view! {
        <h3>{heading}</h3>
        {text.summary.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_owned()}</p> }).collect_view()}
        <p><strong>{format!("{}:", variant.label())}</strong></p>
        <ul class="app-statements">
            {text.statements.iter().map(|statement| view! { <li>{statement.text.to_string()}</li> }).collect_view()}
        </ul>
    }
}

/// The organisation's own self-assessment of this measure for the same year, read-only, for the
/// peer reviewer to set their assessment against.
#[component]
fn SelfAssessmentBeside(review_id: String, number: u8, variant: MeasureVariant) -> impl IntoView {
    let own = api::load::<ReviewDetail>(move || format!("/api/reviews/{review_id}/self-assessment"));
    let variant = StoredValue::new(variant);
    let shown = move || match own.get() {
        None => view! { <p>"Loading the organisation’s self-assessment…"</p> }.into_any(),
        Some(Err(problem)) if problem.status == 404 => {
            view! { <p>"The organisation has not recorded a self-assessment for this year."</p> }.into_any()
        }
        Some(Err(problem)) => {
            view! { <p>{format!("The self-assessment could not be loaded: {}", problem.detail)}</p> }
                .into_any()
        }
        Some(Ok(detail)) => {
            let assessments: Vec<MeasureAssessment> = detail.assessments(number).cloned().collect();
            if assessments.is_empty() {
                return view! { <p>"The organisation’s self-assessment has nothing recorded for this measure yet."</p> }.into_any();
            }
            assessments
                .into_iter()
                .map(|own| {
                    let level = own.level.map_or("No level recorded".to_owned(), |level| format!("Level {level}"));
                    let answers = variant.with_value(|variant| {
                        variant
                            .statements
                            .iter()
                            .map(|statement| {
                                let answer = own
                                    .answer(&statement.id)
                                    .and_then(|answer| answer.answer)
                                    .map_or("Not answered", |answer| answer.label());
                                view! { <li>{format!("{answer}: {}", statement.text)}</li> }
                            })
                            .collect_view()
                    });
                    let texts = [
                        ("Rationale", own.rationale.clone()),
                        ("Evidence", own.evidence.clone()),
                        ("Strengths", own.strengths.clone()),
                        ("Gaps", own.gaps.clone()),
                    ];
                    view! {
                        <h3 class="nhsuk-heading-s">{format!("{level}, recorded by {}", own.reviewer)}</h3>
                        <ul class="nhsuk-list nhsuk-list--bullet">{answers}</ul>
                        {texts.into_iter().filter(|(_, text)| !text.trim().is_empty()).map(|(label, text)| view! {
                            <p><strong>{format!("{label}: ")}</strong>{text}</p>
                        }).collect_view()}
                    }
                })
                .collect_view()
                .into_any()
        }
    };
    view! {
        <details class="nhsuk-details" id="self-assessment">
            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"The organisation’s self-assessment of this measure"</span></summary>
            <div class="nhsuk-details__text">{shown}</div>
        </details>
    }
}

/// The page of the evidence the reviewed organisation gives its reviewers for the review's year.
fn evidence_page(review: &wgll_shared::review::Review) -> String {
    format!("/organisations/{}/evidence/{}", review.organisation, review.period.as_str().replace('/', "-"))
}
