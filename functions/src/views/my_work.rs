//! A person's own work (`/my-work`, from `app::my_work`): what happened since they last looked,
//! newest first with the new marked, and each review they are on or own with its status, their
//! role and what is due by when.

use maud::{Markup, html};
use wgll_shared::framework;
use wgll_shared::my_work::{Due, DueKind, EventSeen, MyWork, WorkItem};
use wgll_shared::review::ReviewStatus;
use wgll_shared::timestamp::Timestamp;

fn status_tag(status: ReviewStatus) -> Markup {
    let colour = match status {
        ReviewStatus::Draft => "nhsuk-tag--grey",
        ReviewStatus::Submitted => "nhsuk-tag--blue",
        ReviewStatus::Moderated => "nhsuk-tag--purple",
        ReviewStatus::Provisional => "nhsuk-tag--yellow",
        ReviewStatus::Published => "nhsuk-tag--green",
    };
    html! { strong class={ "nhsuk-tag " (colour) } { (status.label()) } }
}

/// `5 January 2026 at 09:00` (UTC, as every time here).
fn when(at: &Timestamp) -> String {
    format!("{} at {}", at.date().in_words(), at.time_of_day())
}

/// Items joined as people write them: `a`, `a and b`, `a, b and c`.
fn listed(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [only] => only.clone(),
        [rest @ .., last] => format!("{} and {last}", rest.join(", ")),
    }
}

pub fn render(work: &MyWork) -> Markup {
    html! {
        div data-title="Your work" {
            h1 { "Your work" }
            p class="nhsuk-lede-text" {
                "The reviews you are on or your organisation’s, what is due on each and when, and what happened since you last looked."
            }
            h2 id="since" { "What happened since you last looked" }
            @match &work.last_seen {
                Some(seen) => p class="nhsuk-body-s" { "You last looked on " (when(seen)) "." },
                None => p class="nhsuk-body-s" { "This is your first visit, so everything here is new." },
            }
            @if work.events.is_empty() {
                p class="nhsuk-body" id="no-events" {
                    "Nothing has happened yet. You will see here when you are added to a review, when one is returned for more work, when a factual error is flagged or answered, and when one is published."
                }
            } @else {
                ul class="nhsuk-list nhsuk-list--border" id="events" {
                    @for seen in &work.events { (event(seen)) }
                }
            }
            h2 id="reviews" { "Your reviews" }
            @if work.reviews.is_empty() {
                div class="nhsuk-inset-text" id="no-reviews" {
                    span class="nhsuk-u-visually-hidden" { "Information: " }
                    p { "You are not on any review, and no organisation you lead has one." }
                    p {
                        "When a lead reviewer or an administrator adds you to a review, it appears here with what is due and when. To start a review, find the organisation in "
                        a href="/organisations" { "organisations and their reviews" } "."
                    }
                    p { "Each year’s phases and deadlines are on " a href="/rounds" { "the assessment rounds page" } "." }
                }
            } @else {
                @for item in &work.reviews { (review(item)) }
            }
        }
    }
}

fn event(seen: &EventSeen) -> Markup {
    let event = &seen.event;
    html! {
        li data-event=(event.kind.label().to_lowercase()) data-new[seen.new] {
            @if seen.new {
                strong class="nhsuk-tag nhsuk-tag--blue" { "New" } " "
            }
            strong class="nhsuk-tag nhsuk-tag--white" { (event.kind.label()) } " "
            (event.sentence()) " "
            a href={ "/reviews/" (event.review_id) } { "Open the review" span class="nhsuk-u-visually-hidden" { " of " (event.organisation_name) } }
            br;
            span class="nhsuk-body-s" { "By " (event.by) ", " (when(&event.at)) "." }
        }
    }
}

fn review(item: &WorkItem) -> Markup {
    let id = &item.review_id;
    let roles: Vec<String> = item.roles.iter().map(|role| role.label().to_owned()).collect();
    html! {
        div class="nhsuk-card" id={ "review-" (id) } {
            div class="nhsuk-card__content" {
                h3 class="nhsuk-card__heading" {
                    a href={ "/reviews/" (id) } { (item.organisation_name) }
                }
                p class="nhsuk-body-s" { (item.kind.label()) " · " (item.period) }
                dl class="nhsuk-summary-list" {
                    div class="nhsuk-summary-list__row" {
                        dt class="nhsuk-summary-list__key" { "Status" }
                        dd class="nhsuk-summary-list__value" { (status_tag(item.status)) }
                    }
                    div class="nhsuk-summary-list__row" {
                        dt class="nhsuk-summary-list__key" { "Your role" }
                        dd class="nhsuk-summary-list__value" { (listed(&roles)) }
                    }
                    div class="nhsuk-summary-list__row" {
                        dt class="nhsuk-summary-list__key" { "What is due" }
                        dd class="nhsuk-summary-list__value" {
                            @if item.due.is_empty() {
                                (nothing_due(item))
                            } @else {
                                ul class="nhsuk-list" {
                                    @for due in &item.due { li data-due=(format!("{:?}", due.kind).to_lowercase()) { (due_line(item, due)) } }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn nothing_due(item: &WorkItem) -> &'static str {
    match item.status {
        ReviewStatus::Published => "Nothing: it is published.",
        ReviewStatus::Moderated => "Nothing for you now: it is with its region for validation.",
        _ => "Nothing for you now.",
    }
}

/// `by` as a deadline: `by 26 January 2026`, or once it has passed, `was due 10 January 2026`
/// with an Overdue tag.
fn deadline(due: &Due, open: &str, passed: &str) -> Markup {
    html! {
        @if let Some(by) = due.by {
            @if due.overdue {
                " " (passed) " " (by.in_words()) " " strong class="nhsuk-tag nhsuk-tag--red" { "Overdue" }
            } @else {
                " " (open) " " (by.in_words())
            }
        }
    }
}

fn due_line(item: &WorkItem, due: &Due) -> Markup {
    let id = &item.review_id;
    let framework = framework::find(&item.framework_id);
    let title = |number: u8| {
        framework
            .and_then(|framework| framework.measure(number))
            .map_or_else(|| format!("Measure {number}"), |measure| measure.title.to_string())
    };
    html! {
        @match due.kind {
            DueKind::Accept => {
                a href={ "/reviews/" (id) "/acceptance" } { "Accept the review" }
                ", declaring any conflict of interest, before you record anything"
            }
            DueKind::Assess => {
                "Assess "
                @for (index, number) in due.measures.iter().enumerate() {
                    @if index > 0 { @if index + 1 == due.measures.len() { " and " } @else { ", " } }
                    a href={ "/reviews/" (id) "/measures/" (number) } { (title(*number)) }
                }
                @if let Some(phase) = &due.phase { " (" (phase) ")" }
                (deadline(due, "by", "was due"))
            }
            DueKind::Submit => {
                a href={ "/reviews/" (id) } { "Submit it for moderation" }
                " once every measure is completed"
                (deadline(due, "by", "was due"))
            }
            DueKind::Moderate => {
                a href={ "/reviews/" (id) } { "Moderate it" }
                ": record the agreed level of each measure, then confirm them"
            }
            DueKind::AnswerFlags => {
                a href={ "/reviews/" (id) "/provisional" } {
                    "Answer factual error" @if due.flags.len() > 1 { "s" } " "
                    (listed(&due.flags.iter().map(ToString::to_string).collect::<Vec<_>>()))
                }
                " flagged by the organisation"
            }
            DueKind::Publish => {
                a href={ "/reviews/" (id) } { "Publish it" }
            }
            DueKind::CheckProvisional => {
                a href={ "/reviews/" (id) "/provisional" } { "Check the provisional result" }
                " for factual errors: flag any, or confirm it is right,"
                (deadline(due, "by", "by"))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_are_written_as_people_write_them() {
        let words = |items: &[&str]| listed(&items.iter().map(|item| (*item).to_owned()).collect::<Vec<_>>());
        assert_eq!(words(&[]), "");
        assert_eq!(words(&["1"]), "1");
        assert_eq!(words(&["1", "2"]), "1 and 2");
        assert_eq!(words(&["1", "2", "3"]), "1, 2 and 3");
    }

    #[test]
    fn a_past_deadline_is_overdue() {
        let date = wgll_shared::date::Date::parse("2026-01-10");
        let due = |overdue| Due {
            kind: DueKind::Submit,
            phase: None,
            measures: vec![],
            flags: vec![],
            by: date,
            overdue,
        };
        assert_eq!(deadline(&due(false), "by", "was due").0, " by 10 January 2026");
        assert_eq!(
            deadline(&due(true), "by", "was due").0,
            r#" was due 10 January 2026 <strong class="nhsuk-tag nhsuk-tag--red">Overdue</strong>"#
        );
    }
}
