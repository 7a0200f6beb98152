//! Action plans: an ICS's actions with their filters (`/ics/{ics}/actions`), and an
//! organisation's action plan with the form that adds to it, below its outcomes
//! (`/organisations/{ods}/outcomes`). Each action's status is a small form of its own; all of them
//! are posted by the app and answered by `api::action_forms` with the page again.

use super::dashboard::ics_outcome_links;
use super::funding::fields;
use super::{Feedback, classes, field_errors, has_error};
use maud::{Markup, html};
use wgll_shared::actions::{ActionStatus, PlannedAction};
use wgll_shared::benefits::Benefit;
use wgll_shared::date::Date;
use wgll_shared::organisation::{Organisation, OrganisationKind};
use wgll_shared::outcomes::{Trend, measure_headings};
use wgll_shared::review::{Review, ReviewKind, ReviewStatus};

/// The filters an ICS's list was asked with, as typed (kept in its links and forms).
#[derive(Debug, Default, Clone)]
pub struct Filters {
    pub status: String,
    pub organisation: String,
    pub overdue: bool,
}

impl Filters {
    /// The filters as a query string (after `?`), for a status form to answer with the same list.
    pub fn query(&self) -> String {
        let encode = |value: &str| {
            value
                .bytes()
                .map(|byte| match byte {
                    b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => {
                        (byte as char).to_string()
                    }
                    other => format!("%{other:02X}"),
                })
                .collect::<String>()
        };
        let mut query =
            format!("status={}&organisation={}", encode(&self.status), encode(&self.organisation));
        if self.overdue {
            query.push_str("&overdue=true");
        }
        query
    }
}

/// Where each row's status form sends the person back to: the ICS's list (with its filters) or
/// the organisation's outcomes page.
pub enum Back<'a> {
    Ics(&'a str, &'a Filters),
    Organisation,
}

/// A responsive table of actions, each with its status form and the benefits of funded items
/// that address it (from `benefits`); `feedback` is the last post's.
pub fn action_table(
    actions: &[PlannedAction],
    benefits: &[Benefit],
    show_organisation: bool,
    today: Date,
    back: &Back,
    feedback: &Feedback,
) -> Markup {
    let titles = measure_headings();
    let heading =
        |text: &str| html! { span class="nhsuk-table-responsive__heading" aria-hidden="true" { (text) " " } };
    html! {
        @if actions.is_empty() {
            p id="actions-empty" { "No actions match." }
        } @else {
            table class="nhsuk-table-responsive" id="actions" {
                caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Actions" }
                thead class="nhsuk-table__head" {
                    tr {
                        @if show_organisation { th scope="col" { "Organisation" } }
                        th scope="col" { "Action" }
                        th scope="col" { "Measure and target" }
                        th scope="col" { "Owner" }
                        th scope="col" { "Due" }
                        th scope="col" { "Status" }
                    }
                }
                tbody class="nhsuk-table__body" {
                    @for action in actions {
                        @let measure = titles.iter().find(|m| m.number == action.measure).map_or(String::new(), |m| m.title.clone());
                        tr class="nhsuk-table__row" {
                            @if show_organisation {
                                td class="nhsuk-table__cell" {
                                    (heading("Organisation"))
                                    a href={ "/organisations/" (action.ods_code) "/outcomes" } { (action.organisation_name) }
                                }
                            }
                            td class="nhsuk-table__cell" {
                                (heading("Action")) (action.description)
                                @if !action.gap.is_empty() {
                                    br; span class="nhsuk-body-s" { "Gap: " (action.gap) }
                                }
                                (super::benefits::addressing(action, benefits))
                            }
                            td class="nhsuk-table__cell" {
                                (heading("Measure and target"))
                                @match action.current_level {
                                    Some(current) => { (measure) ": from " (current) " to " (action.target_level) }
                                    None => { (measure) ": to " (action.target_level) }
                                }
                            }
                            td class="nhsuk-table__cell" { (heading("Owner")) (action.owner) }
                            td class="nhsuk-table__cell" {
                                (heading("Due")) (action.due)
                                @if action.is_overdue(today) {
                                    " " strong class="nhsuk-tag nhsuk-tag--red" { "Overdue" }
                                }
                            }
                            td class="nhsuk-table__cell" { (heading("Status")) (status_form(action, back, feedback)) }
                        }
                    }
                }
            }
        }
    }
}

/// The action's status as a select with an Update button: the quickest change for a busy lead.
fn status_form(action: &PlannedAction, back: &Back, feedback: &Feedback) -> Markup {
    let id = format!("status-{}", action.id);
    let chosen = match feedback.typed(&id) {
        "" => action.status.code(),
        typed => typed,
    };
    let target = match back {
        Back::Ics(ics, filters) => {
            format!("/organisations/{}/actions/{}?ics={ics}&{}", action.ods_code, action.id, filters.query())
        }
        Back::Organisation => format!("/organisations/{}/actions/{}", action.ods_code, action.id),
    };
    let error = has_error(&feedback.errors, &id);
    html! {
        form class="app-inline-form" method="post" action=(target) novalidate {
            input type="hidden" name="version" value=(action.version);
            div class=(classes("nhsuk-form-group", "nhsuk-form-group--error", error)) {
                label class="nhsuk-label nhsuk-u-visually-hidden" for=(id) { "Status of “" (action.description) "”" }
                (field_errors(&feedback.errors, &id))
                select class=(classes("nhsuk-select", "nhsuk-select--error", error)) id=(id) name="status"
                    aria-describedby=[error.then(|| format!("{id}-error"))] {
                    @for status in ActionStatus::ALL {
                        option value=(status.code()) selected[status.code() == chosen] { (status.label()) }
                    }
                }
            }
            " "
            button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit" { "Update" }
            span class="nhsuk-body-s" role="status" aria-live="polite" data-form-status {}
        }
    }
}

/// An ICS's action plans: the filters (a GET form, so they are in the address) and the list.
pub fn ics_page(
    ics: &str,
    members: &[Organisation],
    filters: &Filters,
    actions: &[PlannedAction],
    benefits: &[Benefit],
    today: Date,
    feedback: &Feedback,
) -> Markup {
    let late = actions.iter().filter(|action| action.is_overdue(today)).count();
    html! {
        div data-title="Action plans" {
            h1 { "Action plans" }
            (ics_outcome_links(ics))
            (feedback.notice())
            form class="app-inline-form" method="get" action={ "/ics/" (ics) "/actions" } id="action-filters" {
                div class="nhsuk-form-group" {
                    label class="nhsuk-label" for="filter-status" { "Status" }
                    select class="nhsuk-select" id="filter-status" name="status" {
                        option value="" selected[filters.status.is_empty()] { "Any" }
                        @for status in ActionStatus::ALL {
                            option value=(status.code()) selected[filters.status == status.code()] { (status.label()) }
                        }
                    }
                }
                div class="nhsuk-form-group" {
                    label class="nhsuk-label" for="filter-organisation" { "Organisation" }
                    select class="nhsuk-select" id="filter-organisation" name="organisation" {
                        option value="" selected[filters.organisation.is_empty()] { "Any" }
                        @for member in members.iter().filter(|member| member.kind != OrganisationKind::Ics) {
                            @let code = member.ods_code.to_string();
                            option value=(code) selected[filters.organisation == code] { (member.name) }
                        }
                    }
                }
                div class="nhsuk-checkboxes__item" {
                    input class="nhsuk-checkboxes__input" id="filter-overdue" name="overdue" type="checkbox"
                        value="true" checked[filters.overdue];
                    label class="nhsuk-label nhsuk-checkboxes__label" for="filter-overdue" { "Overdue only" }
                }
                button class="nhsuk-button nhsuk-button--secondary" type="submit" { "Filter" }
            }
            p id="actions-summary" {
                (actions.len()) " " (if actions.len() == 1 { "action" } else { "actions" }) ", " (late) " overdue."
            }
            (action_table(actions, benefits, true, today, &Back::Ics(ics, filters), feedback))
        }
    }
}

/// An organisation's action plan and the form that adds to it (below its outcomes).
pub fn organisation_plan(
    organisation: &Organisation,
    actions: &[PlannedAction],
    benefits: &[Benefit],
    reviews: &[Review],
    trend: &Trend,
    today: Date,
    feedback: &Feedback,
) -> Markup {
    let ods = &organisation.ods_code;
    let published: Vec<&Review> = reviews
        .iter()
        .filter(|review| review.status == ReviewStatus::Published && review.kind == ReviewKind::PeerReview)
        .collect();
    let reviews: Vec<(String, String)> = published
        .iter()
        .map(|review| (review.id.to_string(), format!("Peer review {}", review.period)))
        .collect();
    // Each measure with the level agreed in the newest published peer review, for the target.
    let newest = published.first().and_then(|review| {
        let point = trend.points.iter().find(|point| point.period == review.period)?;
        Some((review.period.to_string(), &point.levels))
    });
    let measures: Vec<(String, String)> = measure_headings()
        .into_iter()
        .map(|heading| {
            let agreed = newest.as_ref().and_then(|(period, levels)| {
                let level = levels.get(usize::from(heading.number).checked_sub(1)?).copied().flatten()?;
                Some(format!(" (agreed level {level} in {period})"))
            });
            let text = format!("{}. {}{}", heading.number, heading.title, agreed.unwrap_or_default());
            (heading.number.to_string(), text)
        })
        .collect();
    let typed = |id: &str| feedback.typed(id);
    html! {
        h2 id="action-plan" { "Action plan" }
        (feedback.notice())
        (action_table(actions, benefits, false, today, &Back::Organisation, feedback))
        h3 { "Add an action" }
        @if published.is_empty() {
            p { "Actions start from a gap in a published peer review; this organisation has none yet." }
        } @else {
            form method="post" action={ "/organisations/" (ods) "/actions" } novalidate id="new-action" {
                (fields::select(feedback, "reviewId", "Review", &reviews, typed("reviewId")))
                (fields::select(feedback, "measure", "Measure with the gap", &measures, typed("measure")))
                (fields::text(feedback, "description", "What will be done", "", typed("description"), ""))
                (fields::text(feedback, "targetLevel", "Target level (optional)",
                    "Leave blank for one level above the level agreed in the review (3 if it agreed none).",
                    typed("targetLevel"), "nhsuk-input--width-2"))
                (fields::text(feedback, "owner", "Owner", "The person or role accountable for it", typed("owner"), ""))
                (fields::date(feedback, "due", "Due date", "For example, 31 3 2027",
                    (typed("due-day"), typed("due-month"), typed("due-year"))))
                (fields::submit("Add action", false))
            }
        }
    }
}
