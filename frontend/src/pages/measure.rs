//! Assessing one success measure: the framework's text for it, a maturity level and the evidence.

use super::framework::VariantText;
use crate::api;
use crate::components::{ErrorSummary, Loading, ProblemPanel, SignInPrompt, error_for, invalid, set_title};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map};
use wgll_shared::framework;
use wgll_shared::maturity::MaturityLevel;
use wgll_shared::problem::Problem;
use wgll_shared::review::{EVIDENCE_MAX, MeasureAssessment, MeasureAssessmentUpdate, ReviewDetail};

#[component]
pub fn MeasurePage() -> impl IntoView {
    let params = use_params_map();
    let session = use_session();
    move || {
        if session.get().is_none() {
            return view! { <SignInPrompt /> }.into_any();
        }
        let id = params.get().get("id").unwrap_or_default();
        let number: u8 = params.get().get("number").and_then(|n| n.parse().ok()).unwrap_or_default();
        let detail = LocalResource::new(move || {
            let id = id.clone();
            async move { api::get::<ReviewDetail>(&format!("/api/reviews/{id}")).await }
        });
        view! {
            {move || match detail.get() {
                None => view! { <Loading what="the assessment" /> }.into_any(),
                Some(Err(problem)) => view! { <h1>"Assessment"</h1><ProblemPanel problem /> }.into_any(),
                Some(Ok(detail)) => view! { <MeasureForm detail number /> }.into_any(),
            }}
        }
        .into_any()
    }
}

#[component]
fn MeasureForm(detail: ReviewDetail, number: u8) -> impl IntoView {
    let review = detail.review.clone();
    let back = format!("/reviews/{}", review.id);
    let Some(measure) =
        framework::find(&review.framework_id).and_then(|framework| framework.measure(number)).cloned()
    else {
        set_title("Measure not found");
        return view! {
            <h1>"Measure not found"</h1>
            <p>"This review has no success measure with that number."</p>
            <A href=back>"Back to the review"</A>
        }
        .into_any();
    };
    set_title(&format!("{} – {}", measure.title, review.organisation_name));
    let saved: Option<MeasureAssessment> = detail.measure(number).cloned();
    let level =
        RwSignal::new(saved.as_ref().and_then(|assessment| assessment.level).map(MaturityLevel::value));
    let evidence =
        RwSignal::new(saved.as_ref().map(|assessment| assessment.evidence.clone()).unwrap_or_default());
    let version = saved.as_ref().map_or(0, |assessment| assessment.version);
    let (problem, set_problem) = signal(None::<Problem>);
    let navigate = use_navigate();
    let path = format!("/api/reviews/{}/measures/{number}", review.id);
    let save = Action::new_local(move |update: &MeasureAssessmentUpdate| {
        let (update, path) = (update.clone(), path.clone());
        async move { api::put::<_, MeasureAssessment>(&path, &update).await }
    });
    let back_after_save = back.clone();
    Effect::new(move |_| match save.value().get() {
        Some(Ok(_)) => navigate(&back_after_save, Default::default()),
        Some(Err(failure)) => set_problem.set(Some(failure)),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let update = MeasureAssessmentUpdate { level: level.get(), evidence: evidence.get(), version };
        match update.validate() {
            Err(errors) => set_problem.set(Some(invalid(errors))),
            Ok(_) => {
                set_problem.set(None);
                save.dispatch(update);
            }
        }
    };
    let level_error = move || error_for(problem.get(), "level");
    let evidence_error = move || error_for(problem.get(), "evidence");
    let variant_text = measure.variant(review.variant).clone();
    view! {
        <div class="nhsuk-back-link"><A href=back.clone() attr:class="nhsuk-back-link__link">"Back to the review"</A></div>
        <ErrorSummary problem=problem />
        <span class="nhsuk-caption-l">{format!("{} · {}", review.organisation_name, review.period)}</span>
        <h1>{format!("{}. {}", measure.number, measure.title)}</h1>
        <details class="nhsuk-details" open>
            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"What does good look like?"</span></summary>
            <div class="nhsuk-details__text"><VariantText variant=review.variant text=variant_text /></div>
        </details>
        <form novalidate on:submit=submit>
            <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || level_error().is_some()>
                <fieldset class="nhsuk-fieldset" aria-describedby="level-hint">
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m">
                        <h2 class="nhsuk-fieldset__heading">"Maturity level"</h2>
                    </legend>
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
                                        prop:checked=move || level.get() == Some(value)
                                        on:change=move |_| level.set(Some(value)) />
                                    <label class="nhsuk-label nhsuk-radios__label" for=id>{format!("{value} – {}", option.name())}</label>
                                    <div class="nhsuk-hint nhsuk-radios__hint" id=hint_id>{option.descriptor()}</div>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            </div>
            <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || evidence_error().is_some()>
                <label class="nhsuk-label nhsuk-label--s" for="evidence">"Evidence"</label>
                <div class="nhsuk-hint" id="evidence-hint">"The documents, links and observations that support this level"</div>
                {move || evidence_error().map(|message| view! {
                    <span class="nhsuk-error-message" id="evidence-error"><span class="nhsuk-u-visually-hidden">"Error: "</span>{message}</span>
                })}
                <textarea class="nhsuk-textarea" class:nhsuk-textarea--error=move || evidence_error().is_some()
                    id="evidence" name="evidence" rows="8" maxlength=EVIDENCE_MAX.to_string()
                    aria-describedby=move || if evidence_error().is_some() { "evidence-hint evidence-error" } else { "evidence-hint" }
                    prop:value=move || evidence.get()
                    on:input=move |event| evidence.set(event_target_value(&event))></textarea>
            </div>
            <button class="nhsuk-button" type="submit" disabled=move || save.pending().get()>
                {move || if save.pending().get() { "Saving…" } else { "Save assessment" }}
            </button>
        </form>
    }
    .into_any()
}
