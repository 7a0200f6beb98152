//! An ICS's funding for a year: its envelope, the split of it by provider and programme with each
//! line's working, the net-neutral changes proposed to it (with the form an ICS lead proposes one
//! with, and the forms an administrator approves or returns one with), whether it has earned
//! autonomy and what is missing for it, and the history. (`/ics/{ics}/funding?period=…`)
//!
//! The forms are posted by the app to `/api/views` + their action and answered with this page
//! again: with a notice once saved, or with the errors and what was typed when not.

use super::{heading, query, year_chooser};
use crate::app::funding::statements::IcsFunding;
pub use crate::views::Feedback;
use crate::views::{Download, downloads};
use crate::views::{field_errors, has_error};
use maud::{Markup, html};
use wgll_shared::funding::envelopes::{LineKey, SystemAllocation};
use wgll_shared::funding::records::{ChangeRecord, ChangeStatus};
use wgll_shared::organisation::Organisation;

/// What the person may do here, decided by the rules table.
#[derive(Debug, Clone, Copy)]
pub struct Allowed {
    pub propose: bool,
    pub decide: bool,
}

/// The name of a line's field in the proposal form: `move-<provider>-<programme>` (ODS codes
/// have no hyphen, so the first one ends the provider).
pub fn move_field(key: &LineKey) -> String {
    format!("move-{}-{}", key.provider, key.programme)
}

pub fn render(page: &IcsFunding, allowed: Allowed, feedback: &Feedback) -> Markup {
    let ics = &page.ics.ods_code;
    let period = &page.period;
    html! {
        div class="nhsuk-back-link" data-title={ "Funding – " (page.ics.name) " " (period) } {
            a href={ "/organisations/" (ics) } class="nhsuk-back-link__link" { "Back to the ICS" }
        }
        span class="nhsuk-caption-l" { (page.ics.name) }
        h1 { "Funding, " (period) }
        (feedback.notice())
        (year_chooser(&format!("/ics/{ics}/funding"), period))
        p { a href={ "/funding?period=" (query(period)) } { "All funds and ICS envelopes for " (period) } }
        h2 { "Envelope" }
        @match &page.envelope {
            Some(line) => p id="envelope" { (line.line.amount()) " from the year’s ICS envelopes. " (line.line.explanation()) },
            None => p id="envelope" { "No envelope is saved for " (ics) " in " (period) " yet." },
        }
        (autonomy(page))
        h2 { "Split by provider and programme" }
        @if allowed.decide {
            p { a href={ "/funding-setup/ics/" (ics) "/split?period=" (query(period)) } id="set-split" { "Set the default split" } }
        }
        @match &page.system.allocation {
            None => p id="no-split" { "The envelope has not been split between providers and programmes yet." },
            Some(allocation) => {
                p id="split-summary" {
                    "Version " (allocation.version) ", saved " (allocation.updated_at.as_ref().map_or(String::new(), |at| at.to_minute())) " by " (allocation.updated_by)
                    ". Total: " (allocation.value.total()) "."
                }
                (split(&allocation.value, &page.members))
                (split_downloads(page))
            }
        }
        (changes(page, allowed, feedback))
        @if let (true, Some(allocation)) = (allowed.propose, &page.system.allocation) {
            (proposal_form(page, &allocation.value, allocation.version, feedback))
        }
        h2 { "History" }
        @if page.history.is_empty() {
            p { "Nothing has happened to this ICS’s allocation for " (period) " yet." }
        } @else {
            ul class="nhsuk-list" id="history" {
                @for entry in &page.history {
                    li { (entry.at.to_minute()) ", " (entry.by) ": " (entry.what) }
                }
            }
        }
    }
}

fn name_of<'a>(members: &'a [Organisation], key: &LineKey) -> &'a str {
    members.iter().find(|member| member.ods_code == key.provider).map_or("", |member| member.name.as_str())
}

fn autonomy(page: &IcsFunding) -> Markup {
    let assessment = &page.autonomy.assessment;
    html! {
        h2 { "Earned autonomy" }
        p id="autonomy-verdict" {
            @if assessment.earned {
                "Earned: the ICS can receive its funding directly, with no ringfence."
            } @else {
                "Not earned yet: funding stays ringfenced until every criterion below is met."
            }
        }
        table class="nhsuk-table-responsive" id="autonomy" {
            caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Earned autonomy criteria" }
            thead class="nhsuk-table__head" {
                tr {
                    th scope="col" { "Criterion" }
                    th scope="col" { "Met" }
                    th scope="col" { "Figures" }
                }
            }
            tbody class="nhsuk-table__body" {
                @for criterion in &assessment.criteria {
                    tr class="nhsuk-table__row" {
                        td class="nhsuk-table__cell" { (heading("Criterion")) (criterion.criterion.label()) }
                        td class="nhsuk-table__cell" {
                            (heading("Met"))
                            @if criterion.met {
                                strong class="nhsuk-tag nhsuk-tag--green" { "Met" }
                            } @else {
                                strong class="nhsuk-tag nhsuk-tag--red" { "Not met" }
                            }
                        }
                        td class="nhsuk-table__cell" { (heading("Figures")) (criterion.figures) }
                    }
                }
            }
        }
        p class="nhsuk-body-s" {
            "Under the " (page.autonomy.rules.value.period) " rules (version " (page.autonomy.rules.version) ")."
        }
    }
}

fn split(allocation: &SystemAllocation, members: &[Organisation]) -> Markup {
    let period = query(allocation.period());
    html! {
        table class="nhsuk-table-responsive" id="split" {
            caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "The envelope by provider and programme" }
            thead class="nhsuk-table__head" {
                tr {
                    th scope="col" { "Provider" }
                    th scope="col" { "Programme" }
                    th scope="col" { "Amount" }
                    th scope="col" { "How it was worked out" }
                }
            }
            tbody class="nhsuk-table__body" {
                @for line in allocation.lines() {
                    @let key = line.key();
                    tr class="nhsuk-table__row" {
                        td class="nhsuk-table__cell" {
                            (heading("Provider"))
                            a href={ "/organisations/" (key.provider) "/funding?period=" (period) } {
                                (name_of(members, key)) " (" (key.provider) ")"
                            }
                        }
                        td class="nhsuk-table__cell" { (heading("Programme")) (key.programme) }
                        td class="nhsuk-table__cell" { (heading("Amount")) (line.amount()) }
                        td class="nhsuk-table__cell" {
                            (heading("How it was worked out"))
                            @match line.default_working() {
                                Some((basis, working)) => { (basis) ". " (working.in_words(allocation.total())) }
                                None => "Changed from the default by an approved change (see the history).",
                            }
                        }
                    }
                }
            }
        }
    }
}

fn split_downloads(page: &IcsFunding) -> Markup {
    let ics = &page.ics.ods_code;
    let file_base = format!("funding-{ics}-{}", page.period.as_str().replace('/', "-"));
    let file = |label, extension: &str| Download {
        label,
        path: format!(
            "/api/funding/{}/ics/{ics}/allocation.{extension}",
            page.period.as_str().replace('/', "-")
        ),
        name: format!("{file_base}.{extension}"),
    };
    downloads(&[file("Download CSV", "csv"), file("Download JSON", "json")])
}

fn status_tag(status: ChangeStatus) -> Markup {
    match status {
        ChangeStatus::Proposed => {
            html! { strong class="nhsuk-tag nhsuk-tag--yellow" { "Waiting for a decision" } }
        }
        ChangeStatus::Approved => html! { strong class="nhsuk-tag nhsuk-tag--green" { "Approved" } },
        ChangeStatus::Returned => html! { strong class="nhsuk-tag nhsuk-tag--red" { "Returned" } },
    }
}

fn changes(page: &IcsFunding, allowed: Allowed, feedback: &Feedback) -> Markup {
    html! {
        h2 { "Changes" }
        @if page.system.changes.is_empty() {
            p id="no-changes" { "No change has been proposed." }
        }
        @for change in &page.system.changes {
            (change_card(page, change, allowed, feedback))
        }
    }
}

fn change_card(page: &IcsFunding, change: &ChangeRecord, allowed: Allowed, feedback: &Feedback) -> Markup {
    let id = change.id.to_string();
    let action = |what: &str| {
        format!("/ics/{}/funding/changes/{id}/{what}?period={}", page.ics.ods_code, query(&page.period))
    };
    let reason_id = format!("return-reason-{id}");
    html! {
        div class="nhsuk-card" id={ "change-" (id) } {
            div class="nhsuk-card__content" {
                h3 class="nhsuk-card__heading" {
                    "Proposed " (change.proposed_at.to_minute()) " by " (change.proposed_by)
                }
                p { (status_tag(change.status)) }
                ul class="nhsuk-list" {
                    @for (key, pence) in change.change.moves() {
                        li { (name_of(&page.members, key)) " (" (key.provider) "), " (key.programme) ": "
                            (wgll_shared::funding::money::signed(*pence)) }
                    }
                }
                p { "Why: " (change.change.reason()) }
                @if let Some(at) = &change.decided_at {
                    p { "Decided " (at.to_minute()) " by " (change.decided_by) "." }
                }
                @if !change.returned_because.is_empty() {
                    p { "Returned because: " (change.returned_because) }
                }
                @if allowed.decide && change.status == ChangeStatus::Proposed {
                    form method="post" action=(action("approve")) id={ "approve-" (id) } novalidate {
                        input type="hidden" name="version" value=(change.version);
                        button class="nhsuk-button" type="submit" { "Approve this change" }
                        p class="nhsuk-body-s" role="status" aria-live="polite" data-form-status {}
                    }
                    form method="post" action=(action("return")) id={ "return-" (id) } novalidate {
                        input type="hidden" name="version" value=(change.version);
                        div class={ "nhsuk-form-group" @if has_error(&feedback.errors, &reason_id) { " nhsuk-form-group--error" } } {
                            label class="nhsuk-label" for=(reason_id) { "Why you are returning it (if you are)" }
                            (field_errors(&feedback.errors, &reason_id))
                            textarea class="nhsuk-textarea" id=(reason_id) name="reason" rows="3" { (feedback.typed(&reason_id)) }
                        }
                        button class="nhsuk-button nhsuk-button--secondary" type="submit" { "Return it to the ICS" }
                        p class="nhsuk-body-s" role="status" aria-live="polite" data-form-status {}
                    }
                }
            }
        }
    }
}

fn proposal_form(
    page: &IcsFunding,
    allocation: &SystemAllocation,
    version: u64,
    feedback: &Feedback,
) -> Markup {
    let action = format!("/ics/{}/funding/changes?period={}", page.ics.ods_code, query(&page.period));
    let errors = &feedback.errors;
    html! {
        form method="post" action=(action) id="propose" novalidate {
            input type="hidden" name="allocationVersion" value=(version);
            div class={ "nhsuk-form-group" @if has_error(errors, "moves") { " nhsuk-form-group--error" } } {
                fieldset class="nhsuk-fieldset" aria-describedby="propose-hint" id="moves" {
                    legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m" {
                        h2 class="nhsuk-fieldset__heading" { "Propose a change" }
                    }
                    div class="nhsuk-hint" id="propose-hint" {
                        "Move money between lines: an amount adds to a line, a minus amount (like -2,500) takes from it. "
                        "The amounts must add up to £0.00, so the ICS’s total stays the same. Leave a line blank to leave it as it is. "
                        "An administrator approves the change or returns it with a reason."
                    }
                    (field_errors(errors, "moves"))
                    @for line in allocation.lines() {
                        @let field = move_field(line.key());
                        div class={ "nhsuk-form-group" @if has_error(errors, &field) { " nhsuk-form-group--error" } } {
                            label class="nhsuk-label" for=(field) {
                                (name_of(&page.members, line.key())) " (" (line.key().provider) "), "
                                (line.key().programme) ": now " (line.amount())
                            }
                            (field_errors(errors, &field))
                            div class="nhsuk-input-wrapper" {
                                div class="nhsuk-input__prefix" aria-hidden="true" { "£" }
                                input class={ "nhsuk-input nhsuk-input--width-10" @if has_error(errors, &field) { " nhsuk-input--error" } }
                                    id=(field) name=(field) type="text" inputmode="decimal" spellcheck="false"
                                    value=(feedback.typed(&field));
                            }
                        }
                    }
                }
            }
            div class={ "nhsuk-form-group" @if has_error(errors, "reason") { " nhsuk-form-group--error" } } {
                label class="nhsuk-label" for="reason" { "Why the system agreed this change" }
                (field_errors(errors, "reason"))
                textarea class="nhsuk-textarea" id="reason" name="reason" rows="3" { (feedback.typed("reason")) }
            }
            button class="nhsuk-button" type="submit" { "Propose the change" }
            p class="nhsuk-body-s" role="status" aria-live="polite" data-form-status {}
        }
    }
}
