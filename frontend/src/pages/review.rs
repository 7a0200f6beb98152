//! A review as the NHS task list: each success measure with where its assessment stands.

use crate::api;
use crate::components::{DownloadButtons, DownloadFile, set_title};
use crate::page_guard::{Loads, RequireSignIn};
use crate::router::use_params_map;
use leptos::prelude::*;
use wgll_shared::access::{Session, User};
use wgll_shared::assessment::MeasureAssessment;
use wgll_shared::email::Email;
use wgll_shared::framework;
use wgll_shared::framework::MeasureVariant;
use wgll_shared::review::{Review, ReviewDetail};
use wgll_shared::scoring::MeasureProgress;

#[component]
pub fn ReviewPage() -> impl IntoView {
    let params = use_params_map();
    let page = move |signed_in: Session| {
        let id = params.get().get("id").unwrap_or_default();
        let detail = api::load::<ReviewDetail>(move || format!("/api/reviews/{id}"));
        let user = signed_in.user;
        let reload = move || detail.refetch();
        view! {
            <Loads data=detail what="the review" heading="Review" let:detail>
                <TaskList detail=detail.clone() user=user.clone() />
                <super::moderation::Moderation detail=detail.clone() user=user.clone() reload />
                <super::moderation::StatusActions detail=detail.clone() user=user.clone() reload />
                <super::moderation::History review_id=detail.review.id.to_string() />
                <h2>"Report and downloads"</h2>
                <p><a href=format!("/reviews/{}/report", detail.review.id)>"Printable report"</a></p>
                <p><a href=evidence_page(&detail.review)>{format!("{}’s evidence for {}", detail.review.organisation_name, detail.review.period)}</a></p>
                <Downloads review=detail.review.clone() />
            </Loads>
        }
    };
    view! { <RequireSignIn page /> }
}

/// The page of the evidence the reviewed organisation gives its reviewers for the review's year.
pub fn evidence_page(review: &wgll_shared::review::Review) -> String {
    format!("/organisations/{}/evidence/{}", review.organisation, review.period.as_str().replace('/', "-"))
}

/// What the task list says about the signed-in reviewer's assessment of one measure, and whether
/// it is complete.
pub fn status_text(assessment: Option<&MeasureAssessment>, variant: &MeasureVariant) -> (String, bool) {
    let Some(assessment) = assessment else { return (MeasureProgress::NotStarted.label().to_owned(), false) };
    let progress = assessment.progress(variant);
    let mut text = match assessment.level {
        Some(level) => format!("{} · Level {level}", progress.label()),
        None => progress.label().to_owned(),
    };
    if assessment.late {
        text.push_str(" · Saved late");
    }
    (text, progress == MeasureProgress::Completed)
}

#[component]
fn TaskList(detail: ReviewDetail, user: User) -> impl IntoView {
    let reviewer = user.email.clone();
    let review = detail.review.clone();
    let title = format!("{}: {} {}", review.organisation_name, review.kind.label(), review.period);
    set_title(&title);
    let Some(framework) = framework::find(&review.framework_id) else {
        return view! { <h1>{title}</h1><p>"This review uses a framework version this app does not know. Reload the page."</p> }.into_any();
    };
    let completed = framework
        .measures
        .iter()
        .filter(|measure| {
            status_text(detail.assessment(measure.number, &reviewer), measure.variant(review.variant)).1
        })
        .count();
    let total = framework.measures.len();
    let may_change_reviewers = review.status.accepts_assessments()
        && (user.is_administrator() || review.lead_reviewer() == Some(&reviewer));
    let measures = if review.reviewers.contains(&reviewer)
        && !review.has_accepted(&reviewer)
        && review.status.accepts_assessments()
    {
        view! {
            <div class="nhsuk-inset-text" id="accept-review">
                <p>{format!("Before you record your assessment, accept this peer review: peer reviewers come from organisations other than {}.", review.organisation_name)}</p>
                <a class="nhsuk-button" href=format!("/reviews/{}/acceptance", review.id)>"Accept this review"</a>
            </div>
        }
        .into_any()
    } else if review.reviewers.contains(&reviewer) {
        view! {
        <p class="nhsuk-body">{format!("You have completed {completed} of {total} measures.")}</p>
        <ul class="nhsuk-task-list">
            {framework.measures.iter().map(|measure| {
                let (status, done) = status_text(detail.assessment(measure.number, &reviewer), measure.variant(review.variant));
                let status_id = format!("task-list-{}-status", measure.number);
                let hint_id = format!("task-list-{}-hint", measure.number);
                let deadline = detail.round.as_ref().and_then(|round| round.deadline(measure.number));
                let described_by = if deadline.is_some() { format!("{hint_id} {status_id}") } else { status_id.clone() };
                view! {
                    <li class="nhsuk-task-list__item nhsuk-task-list__item--with-link">
                        <div class="nhsuk-task-list__name-and-hint">
                            <a href=format!("/reviews/{}/measures/{}", review.id, measure.number)
                                class="nhsuk-link nhsuk-task-list__link" aria-describedby=described_by>
                                {measure.title.to_string()}
                            </a>
                            {deadline.map(|deadline| view! { <div class="nhsuk-task-list__hint" id=hint_id>{deadline}</div> })}
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
    } else {
        // Not one of its reviewers: their progress to follow, not a task list of their own.
        let progress = framework
            .measures
            .iter()
            .map(|measure| {
                let done = review
                    .reviewers
                    .iter()
                    .filter(|someone| {
                        status_text(detail.assessment(measure.number, someone), measure.variant(review.variant)).1
                    })
                    .count();
                view! {
                    <li class="nhsuk-task-list__item">
                        <div class="nhsuk-task-list__name-and-hint">{measure.title.to_string()}</div>
                        <div class="nhsuk-task-list__status">{format!("Completed by {done} of {} reviewers", review.reviewers.len())}</div>
                    </li>
                }
            })
            .collect_view();
        view! {
            <p class="nhsuk-body" id="reviewers-record">"Its reviewers record their assessments here; you can follow their progress."</p>
            <ul class="nhsuk-task-list" id="reviewer-progress">{progress}</ul>
        }
        .into_any()
    };
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
                <dd class="nhsuk-summary-list__value">
                    <ul class="nhsuk-list" id="reviewers-list">
                        {review.reviewers.iter().map(|someone| view! { <li>{reviewer_line(&review, someone)}</li> }).collect_view()}
                    </ul>
                </dd>
            </div>
        </dl>
        {may_change_reviewers.then(|| view! {
            <p><a id="change-reviewers" href=format!("/reviews/{}/reviewers", review.id)>"Change the reviewers"</a></p>
        })}
        <h2>"Success measures"</h2>
        {measures}
    }
    .into_any()
}

/// A reviewer as the review lists them: whether they accepted it, from where, and any conflict.
fn reviewer_line(review: &Review, someone: &Email) -> String {
    if !review.needs_acceptance() {
        return someone.to_string();
    }
    match review.acceptance_of(someone) {
        None => format!("{someone}: not accepted yet"),
        Some(accepted) if accepted.conflict.is_empty() => {
            format!("{someone}: accepted, works for {}, no conflict of interest", accepted.organisation)
        }
        Some(accepted) => format!(
            "{someone}: accepted, works for {}, conflict of interest declared: {}",
            accepted.organisation, accepted.conflict
        ),
    }
}

/// Buttons that download the review as CSV or JSON.
#[component]
pub fn Downloads(review: Review) -> impl IntoView {
    let base = format!(
        "review-{}-{}-{}",
        review.organisation,
        review.period.as_str().replace('/', "-"),
        review.kind.code()
    );
    let file = |label: &'static str, extension: &str| DownloadFile {
        label,
        path: format!("/api/reviews/{}/export.{extension}", review.id),
        name: format!("{base}.{extension}"),
    };
    view! { <DownloadButtons files=vec![file("Download as CSV", "csv"), file("Download as JSON", "json")] /> }
}
