//! A peer reviewer's acceptance of a review (independent of the organisation, any conflict of
//! interest declared), and the lead reviewer's change of a draft's reviewers. The rules are
//! `wgll_shared::independence`; the API checks them again.

use crate::api;
use crate::components::{ErrorSummary, error_for};
use leptos::prelude::*;
use wgll_shared::independence::{ReviewAcceptance, ReviewersChange};
use wgll_shared::problem::Problem;
use wgll_shared::review::Review;

/// The form a peer reviewer accepts the review with, before their task list.
#[component]
pub fn AcceptReview(review: Review, reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let (problem, set_problem) = signal(None::<Problem>);
    let has_conflict = RwSignal::new(None::<bool>);
    let conflict = RwSignal::new(String::new());
    let accept = api::sender::<ReviewAcceptance, Review>(
        api::Method::Post,
        format!("/api/reviews/{}/acceptance", review.id),
    );
    Effect::new(move |_| match accept.answer() {
        Some(Ok(_)) => reload(),
        Some(Err(failure)) => set_problem.set(Some(failure)),
        None => {}
    });
    let version = review.version;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        set_problem.set(None);
        accept.dispatch(ReviewAcceptance {
            has_conflict: has_conflict.get(),
            conflict: conflict.get(),
            version,
        });
    };
    let choice_error = move || error_for(problem.get(), "hasConflict");
    let conflict_error = move || error_for(problem.get(), "conflict");
    let organisation = review.organisation_name.clone();
    view! {
        <div id="accept-review">
            <p class="nhsuk-body">
                {format!("Before you record your assessment, accept this peer review. Peer reviewers come from organisations other than {organisation}; your account says where you work.")}
            </p>
            <ErrorSummary problem />
            <form novalidate on:submit=submit>
                <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || choice_error().is_some()>
                    <fieldset class="nhsuk-fieldset" id="has-conflict" aria-describedby="has-conflict-hint">
                        <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">
                            {format!("Do you have a conflict of interest with {organisation}?")}
                        </legend>
                        <div class="nhsuk-hint" id="has-conflict-hint">"For example, you worked there recently, or you supply it."</div>
                        {move || choice_error().map(|message| view! {
                            <span class="nhsuk-error-message" id="has-conflict-error"><span class="nhsuk-u-visually-hidden">"Error: "</span>{message}</span>
                        })}
                        <div class="nhsuk-radios">
                            <div class="nhsuk-radios__item">
                                <input class="nhsuk-radios__input" id="has-conflict-no" name="has-conflict" type="radio"
                                    on:change=move |_| has_conflict.set(Some(false)) />
                                <label class="nhsuk-label nhsuk-radios__label" for="has-conflict-no">"No"</label>
                            </div>
                            <div class="nhsuk-radios__item">
                                <input class="nhsuk-radios__input" id="has-conflict-yes" name="has-conflict" type="radio"
                                    on:change=move |_| has_conflict.set(Some(true)) />
                                <label class="nhsuk-label nhsuk-radios__label" for="has-conflict-yes">"Yes"</label>
                            </div>
                        </div>
                    </fieldset>
                </div>
                {move || (has_conflict.get() == Some(true)).then(|| view! {
                    <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || conflict_error().is_some()>
                        <label class="nhsuk-label" for="conflict">"Describe the conflict of interest"</label>
                        {move || conflict_error().map(|message| view! {
                            <span class="nhsuk-error-message" id="conflict-error"><span class="nhsuk-u-visually-hidden">"Error: "</span>{message}</span>
                        })}
                        <textarea class="nhsuk-textarea" id="conflict" rows="3" prop:value=move || conflict.get()
                            on:input=move |event| conflict.set(event_target_value(&event))></textarea>
                    </div>
                })}
                <button class="nhsuk-button" type="submit" disabled=move || accept.is_pending()>
                    {move || if accept.is_pending() { "Accepting…" } else { "Accept this review" }}
                </button>
            </form>
        </div>
    }
}

/// The lead reviewer's (or an administrator's) form to change a draft's reviewers.
#[component]
pub fn ChangeReviewers(review: Review, reload: impl Fn() + Copy + Send + Sync + 'static) -> impl IntoView {
    let (problem, set_problem) = signal(None::<Problem>);
    let typed =
        RwSignal::new(review.reviewers.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "));
    let change = api::sender::<ReviewersChange, Review>(
        api::Method::Put,
        format!("/api/reviews/{}/reviewers", review.id),
    );
    Effect::new(move |_| match change.answer() {
        Some(Ok(_)) => reload(),
        Some(Err(failure)) => set_problem.set(Some(failure)),
        None => {}
    });
    let version = review.version;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        set_problem.set(None);
        let reviewers = typed.get().split([',', ';', '\n']).map(|part| part.trim().to_owned()).collect();
        change.dispatch(ReviewersChange { reviewers, version });
    };
    let error = move || error_for(problem.get(), "reviewers");
    view! {
        <details class="nhsuk-details" id="change-reviewers">
            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">"Change the reviewers"</span></summary>
            <div class="nhsuk-details__text">
                <ErrorSummary problem />
                <form novalidate on:submit=submit>
                    <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || error().is_some()>
                        <label class="nhsuk-label" for="reviewers">"Reviewers’ email addresses"</label>
                        <div class="nhsuk-hint" id="reviewers-hint">"Separated by commas. The first leads the review. Each peer reviewer accepts it before recording anything."</div>
                        {move || error().map(|message| view! {
                            <span class="nhsuk-error-message" id="reviewers-error"><span class="nhsuk-u-visually-hidden">"Error: "</span>{message}</span>
                        })}
                        <input class="nhsuk-input" id="reviewers" type="text" aria-describedby="reviewers-hint"
                            prop:value=move || typed.get() on:input=move |event| typed.set(event_target_value(&event)) />
                    </div>
                    <button class="nhsuk-button nhsuk-button--secondary" type="submit" disabled=move || change.is_pending()>
                        "Save the reviewers"
                    </button>
                </form>
            </div>
        </details>
    }
}
