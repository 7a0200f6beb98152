//! A review as the NHS task list: what it is, its reviewers, and each success measure with where
//! the signed-in reviewer's assessment of it stands (or, for anyone else, how many reviewers have
//! completed it). (`/reviews/{id}`: the top of the review's page; the app adds the lead reviewer's
//! moderation and the lifecycle buttons below it, `frontend/src/pages/review.rs`.)

use maud::{Markup, html};
use wgll_shared::access::User;
use wgll_shared::assessment::MeasureAssessment;
use wgll_shared::email::Email;
use wgll_shared::framework::{self, MeasureVariant};
use wgll_shared::review::{Review, ReviewDetail};
use wgll_shared::scoring::MeasureProgress;

pub fn render(detail: &ReviewDetail, user: &User) -> Markup {
    let review = &detail.review;
    let title = format!("{}: {} {}", review.organisation_name, review.kind.label(), review.period);
    let Some(framework) = framework::find(&review.framework_id) else {
        return html! {
            h1 data-title=(title) { (title) }
            p { "This review uses a framework version this service does not know." }
        };
    };
    let reviewer = &user.email;
    let may_change_reviewers = review.status.accepts_assessments()
        && (user.is_administrator() || review.lead_reviewer() == Some(reviewer));
    let variant = match review.variant {
        framework::Variant::Ics => "an Integrated Care System",
        framework::Variant::Organisation => "an organisation",
    };
    html! {
        span class="nhsuk-caption-l" data-title=(title) { (review.kind.label()) " · " (review.period) }
        h1 { (review.organisation_name) }
        dl class="nhsuk-summary-list" {
            div class="nhsuk-summary-list__row" {
                dt class="nhsuk-summary-list__key" { "Status" }
                dd class="nhsuk-summary-list__value" { strong class="nhsuk-tag nhsuk-tag--grey" { (review.status.label()) } }
            }
            div class="nhsuk-summary-list__row" {
                dt class="nhsuk-summary-list__key" { "Framework" }
                dd class="nhsuk-summary-list__value" {
                    (framework.title) " (" (framework.published) "), statements for " (variant)
                }
            }
            div class="nhsuk-summary-list__row" {
                dt class="nhsuk-summary-list__key" { "Reviewers" }
                dd class="nhsuk-summary-list__value" {
                    ul class="nhsuk-list" id="reviewers-list" {
                        @for someone in &review.reviewers { li { (reviewer_line(review, someone)) } }
                    }
                }
            }
        }
        @if may_change_reviewers {
            p { a id="change-reviewers" href={ "/reviews/" (review.id) "/reviewers" } { "Change the reviewers" } }
        }
        h2 { "Success measures" }
        @if review.reviewers.contains(reviewer) && !review.has_accepted(reviewer) && review.status.accepts_assessments() {
            div class="nhsuk-inset-text" id="accept-review" {
                p { "Before you record your assessment, accept this peer review: peer reviewers come from organisations other than " (review.organisation_name) "." }
                a class="nhsuk-button" href={ "/reviews/" (review.id) "/acceptance" } { "Accept this review" }
            }
        } @else if review.reviewers.contains(reviewer) {
            (task_list(detail, framework, reviewer))
        } @else {
            // Not one of its reviewers: their progress to follow, not a task list of their own.
            p class="nhsuk-body" id="reviewers-record" { "Its reviewers record their assessments here; you can follow their progress." }
            ul class="nhsuk-task-list" id="reviewer-progress" {
                @for measure in framework.measures.iter() {
                    @let done = review.reviewers.iter()
                        .filter(|someone| status_text(detail.assessment(measure.number, someone), measure.variant(review.variant)).1)
                        .count();
                    li class="nhsuk-task-list__item" {
                        div class="nhsuk-task-list__name-and-hint" { (measure.title) }
                        div class="nhsuk-task-list__status" { "Completed by " (done) " of " (review.reviewers.len()) " reviewers" }
                    }
                }
            }
        }
    }
}

/// The reviewer's own task list: a link to each measure with the state of their assessment of it.
fn task_list(detail: &ReviewDetail, framework: &framework::Framework, reviewer: &Email) -> Markup {
    let review = &detail.review;
    let statuses: Vec<(String, bool)> = framework
        .measures
        .iter()
        .map(|measure| {
            status_text(detail.assessment(measure.number, reviewer), measure.variant(review.variant))
        })
        .collect();
    let completed = statuses.iter().filter(|(_, done)| *done).count();
    html! {
        p class="nhsuk-body" { "You have completed " (completed) " of " (framework.measures.len()) " measures." }
        ul class="nhsuk-task-list" {
            @for (measure, (status, done)) in framework.measures.iter().zip(statuses) {
                @let status_id = format!("task-list-{}-status", measure.number);
                @let hint_id = format!("task-list-{}-hint", measure.number);
                @let deadline = detail.round.as_ref().and_then(|round| round.deadline(measure.number));
                @let described_by = if deadline.is_some() { format!("{hint_id} {status_id}") } else { status_id.clone() };
                li class="nhsuk-task-list__item nhsuk-task-list__item--with-link" {
                    div class="nhsuk-task-list__name-and-hint" {
                        a href={ "/reviews/" (review.id) "/measures/" (measure.number) }
                            class="nhsuk-link nhsuk-task-list__link" aria-describedby=(described_by) { (measure.title) }
                        @if let Some(deadline) = deadline {
                            div class="nhsuk-task-list__hint" id=(hint_id) { (deadline) }
                        }
                    }
                    div class={ "nhsuk-task-list__status" @if done { " nhsuk-task-list__status--completed" } } id=(status_id) {
                        @if done { span { (status) } } @else { strong class="nhsuk-tag nhsuk-tag--blue" { (status) } }
                    }
                }
            }
        }
    }
}

/// What the task list says about an assessment of one measure, and whether it is complete.
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
