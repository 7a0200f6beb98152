//! A review as the NHS task list: each success measure with where its assessment stands.

use crate::api;
use crate::components::{Loading, ProblemPanel, SignInPrompt, set_title};
use crate::session::use_session;
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::use_params_map;
use wgll_shared::framework;
use wgll_shared::review::{MeasureAssessment, ReviewDetail};

#[component]
pub fn ReviewPage() -> impl IntoView {
    let params = use_params_map();
    let session = use_session();
    move || {
        if session.get().is_none() {
            return view! { <SignInPrompt /> }.into_any();
        }
        let id = params.get().get("id").unwrap_or_default();
        let detail = LocalResource::new(move || {
            let id = id.clone();
            async move { api::get::<ReviewDetail>(&format!("/api/reviews/{id}")).await }
        });
        view! {
            {move || match detail.get() {
                None => view! { <Loading what="the review" /> }.into_any(),
                Some(Err(problem)) => view! { <h1>"Review"</h1><ProblemPanel problem /> }.into_any(),
                Some(Ok(detail)) => view! { <TaskList detail /> }.into_any(),
            }}
        }
        .into_any()
    }
}

/// What the task list says about one measure's assessment.
pub fn status_text(assessment: Option<&MeasureAssessment>) -> (String, bool) {
    match assessment {
        Some(MeasureAssessment { level: Some(level), .. }) => (format!("Level {level}"), true),
        Some(assessment) if !assessment.evidence.is_empty() => ("In progress".to_owned(), false),
        _ => ("Not started".to_owned(), false),
    }
}

#[component]
fn TaskList(detail: ReviewDetail) -> impl IntoView {
    let review = detail.review.clone();
    let title = format!("{}: {} {}", review.organisation_name, review.kind.label(), review.period);
    set_title(&title);
    let Some(framework) = framework::find(&review.framework_id) else {
        return view! { <h1>{title}</h1><p>"This review uses a framework version this app does not know. Reload the page."</p> }.into_any();
    };
    let assessed = framework
        .measures
        .iter()
        .filter(|measure| detail.measure(measure.number).is_some_and(|m| m.level.is_some()))
        .count();
    let total = framework.measures.len();
    view! {
        <span class="nhsuk-caption-l">{format!("{} · {}", review.kind.label(), review.period)}</span>
        <h1>{review.organisation_name.clone()}</h1>
        <dl class="nhsuk-summary-list">
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Status"</dt>
                <dd class="nhsuk-summary-list__value"><strong class="nhsuk-tag nhsuk-tag--grey">{review.status.label()}</strong></dd>
            </div>
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Framework"</dt>
                <dd class="nhsuk-summary-list__value">{format!("{} ({}), statements for {}", framework.title, framework.published, match review.variant {
                    framework::Variant::Ics => "an Integrated Care System",
                    framework::Variant::Organisation => "an organisation",
                })}</dd>
            </div>
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">"Reviewers"</dt>
                <dd class="nhsuk-summary-list__value">{review.reviewers.join(", ")}</dd>
            </div>
        </dl>
        <h2>"Success measures"</h2>
        <p class="nhsuk-body">{format!("{assessed} of {total} measures assessed")}</p>
        <ul class="nhsuk-task-list">
            {framework.measures.iter().map(|measure| {
                let (status, done) = status_text(detail.measure(measure.number));
                let status_id = format!("task-list-{}-status", measure.number);
                view! {
                    <li class="nhsuk-task-list__item nhsuk-task-list__item--with-link">
                        <div class="nhsuk-task-list__name-and-hint">
                            <A href=format!("/reviews/{}/measures/{}", review.id, measure.number)
                                attr:class="nhsuk-link nhsuk-task-list__link" attr:aria-describedby=status_id.clone()>
                                {measure.title.to_string()}
                            </A>
                        </div>
                        <div class="nhsuk-task-list__status" class:nhsuk-task-list__status--completed=done id=status_id>
                            {if done { view! { <span>{status}</span> }.into_any() } else {
                                view! { <strong class="nhsuk-tag nhsuk-tag--blue">{status}</strong> }.into_any()
                            }}
                        </div>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
