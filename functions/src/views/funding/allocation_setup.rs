//! Working out a fund's allocation, for administrators (`/funding-setup/funds/{fund}/allocation`):
//! what it is worked out from (who shares the pot, for fair shares and levelling up; levelling
//! up's minimum and what to do without a published review; the ranked investments, for strategic
//! investment), a preview of every line with its working, not saved, and the button that saves
//! exactly what was previewed. The inputs and the preview serve the ICS envelopes too
//! (`envelopes_setup`).

use super::fields::{self, shown};
use super::{heading, query};
use crate::views::Feedback;
use maud::{Markup, html};
use wgll_shared::funding::records::AllocationView;
use wgll_shared::funding::{Allocation, Fund, Principle};

/// The investment rows a form offers: five, or two more than the last one typed in.
pub fn investment_rows(feedback: &Feedback) -> usize {
    let last = feedback
        .typed
        .iter()
        .filter(|(_, value)| !value.trim().is_empty())
        .filter_map(|(name, _)| name.strip_prefix("investment-")?.split('-').next()?.parse::<usize>().ok())
        .max()
        .unwrap_or(0);
    (last + 2).max(5)
}

/// The inputs of `principle` (all three kinds when `None`: the envelopes, whose principle is chosen).
pub fn inputs(principle: Option<Principle>, feedback: &Feedback, saved_recipients: &str) -> Markup {
    let shows = |kind: Principle| principle.is_none_or(|principle| principle == kind);
    let missing: Vec<(String, String)> =
        std::iter::once(("exclude".to_owned(), "Leave them out, listed with the reason".to_owned()))
            .chain(wgll_shared::maturity::MaturityLevel::all().map(|level| {
                (
                    format!("treat-as-{}", level.value()),
                    format!("Count each missing level as {} {}", level.value(), level.name()),
                )
            }))
            .collect();
    html! {
        @if shows(Principle::FairShares) || shows(Principle::LevellingUp) {
            (fields::textarea(feedback, "recipients", "Who shares the pot",
                if principle.is_none() { "For fair shares and levelling up: the ICSs’ ODS codes, separated by commas or spaces" } else { "ODS codes, separated by commas or spaces, like RR8, RXF" },
                shown(feedback, "recipients", saved_recipients)))
        }
        @if shows(Principle::LevellingUp) {
            (fields::select(feedback, "minimum", "Levelling up: the minimum standard", &fields::levels(), shown(feedback, "minimum", "3")))
            (fields::select(feedback, "missing", "Levelling up: those with no published peer review, or no agreed level on a measure", &missing, shown(feedback, "missing", "exclude")))
        }
        @if shows(Principle::StrategicInvestment) {
            (investments(feedback))
        }
    }
}

fn investments(feedback: &Feedback) -> Markup {
    let errors = &feedback.errors;
    html! {
        div class={ "nhsuk-form-group" @if crate::views::has_error(errors, "investments") { " nhsuk-form-group--error" } } {
            fieldset class="nhsuk-fieldset" id="investments" aria-describedby="investments-hint" {
                legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s" { "Strategic investment: the investments, in the order they are funded" }
                div class="nhsuk-hint" id="investments-hint" { "Each is funded in full, in this order, until the pot runs out. Leave a row empty to leave it out." }
                (crate::views::field_errors(errors, "investments"))
                @for row in 1..=investment_rows(feedback) {
                    @let id = |part: &str| format!("investment-{row}-{part}");
                    h3 class="nhsuk-heading-xs" { "Rank " (row) }
                    (fields::text(feedback, &id("name"), "Investment", "", feedback.typed(&id("name")), ""))
                    (fields::text(feedback, &id("recipient"), "ODS code of who receives it", "", feedback.typed(&id("recipient")), "nhsuk-input--width-10"))
                    (fields::pounds(feedback, &id("cost"), "What it costs", "", feedback.typed(&id("cost"))))
                }
            }
        }
    }
}

/// A worked-out allocation, every line with its working: what the save button would save.
pub fn preview(allocation: &Allocation, recipient_page: &str) -> Markup {
    html! {
        h2 id="preview-heading" { "Preview: not saved yet" }
        // A status the app moves focus to once the preview is shown (`server_view::post_form`).
        p id="preview-summary" role="status" tabindex="-1" {
            (allocation.principle().label()) ": a pot of " (allocation.pot()) ", unallocated " (allocation.unallocated()) "."
        }
        table class="nhsuk-table-responsive" id="preview" {
            caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "The allocation worked out, not saved" }
            thead class="nhsuk-table__head" {
                tr {
                    th scope="col" { "Recipient" }
                    th scope="col" { "Amount" }
                    th scope="col" { "How it was worked out" }
                }
            }
            tbody class="nhsuk-table__body" {
                @for line in allocation.lines() {
                    tr class="nhsuk-table__row" {
                        td class="nhsuk-table__cell" { (heading("Recipient")) (line.recipient()) }
                        td class="nhsuk-table__cell" { (heading("Amount")) (line.amount()) }
                        td class="nhsuk-table__cell" { (heading("How it was worked out")) (line.explanation()) }
                    }
                }
            }
        }
        @if !allocation.excluded().is_empty() {
            h3 { "Given nothing from this pot" }
            ul class="nhsuk-list nhsuk-list--bullet" id="preview-excluded" {
                @for exclusion in allocation.excluded() {
                    li { (exclusion.recipient) ": " (exclusion.reason) }
                }
            }
        }
        p class="nhsuk-body-s" { "Once saved, each recipient’s lead sees their line on " (recipient_page) "." }
    }
}

/// The button that saves what was previewed: the same inputs, sent again to `action`.
pub fn save_form(action: &str, version: u64, feedback: &Feedback, label: &str) -> Markup {
    html! {
        form method="post" action=(action) id="save" novalidate {
            input type="hidden" name="version" value=(version);
            @for (name, value) in feedback.typed.iter().filter(|(name, _)| name != "version") {
                input type="hidden" name=(name) value=(value);
            }
            (fields::submit(label, false))
        }
    }
}

/// What is saved now, in a sentence.
pub fn current(saved: Option<&AllocationView>) -> Markup {
    html! {
        p id="current" {
            @match saved {
                Some(saved) => {
                    "Saved now: version " (saved.version) ", " (saved.principle.label().to_lowercase()) ", saved " (saved.saved_at.to_minute())
                    @if let Some(pot) = saved.pot { ", a pot of " (pot) }
                    @if let Some(unallocated) = saved.unallocated { ", unallocated " (unallocated) }
                    "."
                }
                None => "Nothing is saved yet.",
            }
        }
    }
}

/// The fund's allocation page: its inputs, the preview when one was asked for, and the save.
pub fn render(
    fund: &Fund,
    saved: Option<&AllocationView>,
    previewed: Option<&Allocation>,
    feedback: &Feedback,
    saved_recipients: &str,
) -> Markup {
    let period = fund.period();
    let base = format!("/funding-setup/funds/{}/allocation", fund.id());
    let version = saved.map_or(0, |saved| saved.version);
    html! {
        div class="nhsuk-back-link" data-title={ "Allocation of " (fund.name()) " – " (period) } {
            a href={ "/funding/" (fund.id()) "?period=" (query(period)) } class="nhsuk-back-link__link" { "Back to " (fund.name()) }
        }
        span class="nhsuk-caption-l" { "Funding setup, " (period) }
        h1 { "Allocate " (fund.name()) }
        (feedback.notice())
        p { "A pot of " (fund.total()) ", shared by " (fund.principle().label().to_lowercase()) ": " (fund.principle().meaning()) "." }
        (current(saved))
        form method="post" action={ (base) "/preview?period=" (query(period)) } id="inputs" novalidate {
            (inputs(Some(fund.principle()), feedback, saved_recipients))
            (fields::submit("Preview the allocation", true))
        }
        @if let Some(allocation) = previewed {
            (preview(allocation, "their organisation’s funding page"))
            (save_form(&format!("{base}?period={}", query(period)), version, feedback, "Save this allocation"))
        }
    }
}
