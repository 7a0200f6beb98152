//! A review's page (`/reviews/{id}`): the NHS task list (what the review is, its reviewers, and
//! each success measure with where the signed-in reviewer's assessment of it stands, or for anyone
//! else how many reviewers have completed it); then the moderation (every reviewer's level and
//! reasons, and for the lead the agreed levels' form, `moderation`), the lifecycle's buttons, the
//! change history, the report and the downloads. Its forms are posted to
//! `crate::api::review_page`, which answers with this page again.

pub mod moderation;

use super::{Download, Feedback, downloads};
use maud::{Markup, html};
use wgll_shared::access::{Role, User};
use wgll_shared::assessment::MeasureAssessment;
use wgll_shared::email::Email;
use wgll_shared::framework::{self, MeasureVariant};
use wgll_shared::lifecycle::Transition;
use wgll_shared::review::{AuditEntry, Review, ReviewDetail, ReviewKind, ReviewStatus};
use wgll_shared::scoring::MeasureProgress;

/// What the page shows besides the review: its history, the last form's answer, and whether the
/// lead is asked to confirm publishing.
pub struct Shown<'a> {
    pub history: &'a [AuditEntry],
    pub feedback: &'a Feedback,
    pub confirming_publish: bool,
}

/// Whether `user` leads the review as one of its reviewers.
pub fn is_lead(review: &Review, user: &User) -> bool {
    review.lead_reviewer() == Some(&user.email) && user.roles.contains(&Role::Reviewer)
}

pub fn render(detail: &ReviewDetail, user: &User, shown: &Shown) -> Markup {
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
        (shown.feedback.notice())
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
        (moderation::render(detail, framework, is_lead(review, user), shown.feedback))
        (status(review, user, shown))
        (history(shown.history))
        h2 { "Report and downloads" }
        p { a href={ "/reviews/" (review.id) "/report" } { "Printable report" } }
        p { a href=(evidence_page(review)) { (review.organisation_name) "’s evidence for " (review.period) } }
        (review_downloads(review))
    }
}

/// The page of the evidence the reviewed organisation gives its reviewers for the review's year.
fn evidence_page(review: &Review) -> String {
    format!("/organisations/{}/evidence/{}", review.organisation, review.period.as_str().replace('/', "-"))
}

/// The review's status and the lifecycle's buttons the signed-in person may use (submit, return,
/// moderate, publish after a confirmation, reopen), each a form of its own.
fn status(review: &Review, user: &User, shown: &Shown) -> Markup {
    let lead = is_lead(review, user);
    let administrator = user.roles.contains(&Role::Administrator);
    // The region's own decision is made on its validation page, not here.
    let transitions: Vec<Transition> = Transition::from(review.status, review.kind)
        .filter(|transition| !transition.by_region())
        .filter(|transition| if *transition == Transition::Reopen { administrator } else { lead })
        .collect();
    let errors = &shown.feedback.errors;
    let form = |transition: Transition, extra: Markup| {
        let class = match transition {
            Transition::ReturnToDraft | Transition::Reopen => "nhsuk-button nhsuk-button--secondary",
            _ => "nhsuk-button",
        };
        html! {
            form method="post" action={ "/reviews/" (review.id) "/status" } novalidate {
                input type="hidden" name="transition" value=(transition_code(transition));
                input type="hidden" name="version" value=(review.version);
                (extra)
                button class=(class) type="submit" { (transition.label()) }
                span class="nhsuk-body-s" role="status" data-form-status {}
            }
        }
    };
    let whose = format!("{}’s result for {}", review.organisation_name, review.period);
    html! {
        h2 id="status" { "Status" }
        p {
            "This review is " (review.status.label().to_lowercase()) "."
            @if !lead && !administrator { " The lead reviewer submits, moderates and publishes it." }
            @if review.status == ReviewStatus::Moderated && review.kind == ReviewKind::PeerReview {
                " Its region’s team validates it next."
            }
        }
        @if review.status == ReviewStatus::Provisional {
            p {
                a href={ "/reviews/" (review.id) "/provisional" } { "The provisional result and any factual errors flagged" }
                @if let (Some(until), None) = (review.provisional_until, &review.facts_confirmed) {
                    " (the organisation can flag errors until " (until.in_words()) ")"
                }
            }
        }
        @if shown.confirming_publish {
            div class="nhsuk-warning-callout" id="confirm-publish" role="status" tabindex="-1" {
                h3 class="nhsuk-warning-callout__label" { "Are you sure you want to publish this review?" }
                p { "Publishing makes the agreed levels " (whose) ": they show on its ICS’s dashboards, trends and benchmarks. Only an administrator can reopen it." }
                div class="nhsuk-button-group" {
                    form method="post" action={ "/reviews/" (review.id) "/status" } novalidate {
                        input type="hidden" name="transition" value="publish";
                        input type="hidden" name="version" value=(review.version);
                        input type="hidden" name="confirmed" value="yes";
                        button class="nhsuk-button" type="submit" { "Yes, publish the review" }
                    }
                    form method="post" action={ "/reviews/" (review.id) "/status" } novalidate {
                        input type="hidden" name="cancel" value="yes";
                        button class="nhsuk-button nhsuk-button--secondary" type="submit" { "Cancel" }
                    }
                }
            }
        } @else {
            @for transition in transitions {
                @if transition.needs_reason() {
                    (form(transition, html! {
                        div class=(super::classes("nhsuk-form-group", "nhsuk-form-group--error", super::has_error(errors, "reason"))) {
                            label class="nhsuk-label" for="reason" { "Reason (needed to " (transition.label().to_lowercase()) ")" }
                            (super::field_errors(errors, "reason"))
                            textarea class="nhsuk-textarea" id="reason" name="reason" rows="2" { (shown.feedback.typed("reason")) }
                        }
                    }))
                } @else {
                    (form(transition, html! {}))
                }
            }
        }
    }
}

/// A transition as the forms and the API name it (`return-to-draft`).
pub fn transition_code(transition: Transition) -> String {
    serde_json::to_value(transition)
        .ok()
        .and_then(|code| code.as_str().map(str::to_owned))
        .unwrap_or_default()
}

/// Every change to the review: who, when and what, newest first.
fn history(entries: &[AuditEntry]) -> Markup {
    html! {
        details class="nhsuk-details" {
            summary class="nhsuk-details__summary" { span class="nhsuk-details__summary-text" { "Change history" } }
            div class="nhsuk-details__text" {
                ol class="nhsuk-list" {
                    @for entry in entries.iter().rev() {
                        li {
                            strong { (entry.summary) } br;
                            span class="nhsuk-body-s" { (entry.actor) " · " (entry.at.to_minute()) " UTC" }
                        }
                    }
                }
            }
        }
    }
}

/// Buttons that download the review as CSV or JSON.
fn review_downloads(review: &Review) -> Markup {
    let base = format!(
        "review-{}-{}-{}",
        review.organisation,
        review.period.as_str().replace('/', "-"),
        review.kind.code()
    );
    let file = |label, extension: &str| Download {
        label,
        path: format!("/api/reviews/{}/export.{extension}", review.id),
        name: format!("{base}.{extension}"),
    };
    downloads(&[file("Download as CSV", "csv"), file("Download as JSON", "json")])
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
