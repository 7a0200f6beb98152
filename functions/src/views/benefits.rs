//! Benefits pages: an organisation's funded items of a year with their benefits
//! (`/organisations/{ods}/benefits?period=…`), each benefit with the form that records a value
//! realised, and the form that adds a benefit to a funded item; and an ICS's members, planned
//! against realised (`/ics/{ics}/benefits`). Their forms are posted by the app and answered by
//! `api::benefit_pages` with the page again.

use super::funding::fields::{self, shown};
use super::funding::{heading, year_chooser};
use super::{Download, Feedback, downloads, field_errors};
use crate::app::benefits::{BenefitView, FundedBenefits, IcsBenefits, OrganisationBenefits};
use maud::{Markup, html};
use wgll_shared::actions::PlannedAction;
use wgll_shared::benefits::{Benefit, BenefitKind, BenefitStatus, FundedBy, Tally, Unit};
use wgll_shared::funding::Pence;
use wgll_shared::funding::money::signed;

/// The prefix of a benefit's realised-value form's fields (names and ids, unique on the page).
pub fn realised_prefix(benefit: &Benefit) -> String {
    format!("realised-{}", benefit.id)
}

fn money(pence: i64) -> String {
    Pence::new(u64::try_from(pence).unwrap_or(0)).to_string()
}

/// The tally in words: "3 benefits: 1 met, 1 on track, 1 not yet, 0 overdue."
fn tally_in_words(tally: &Tally) -> String {
    let benefits = if tally.benefits == 1 { "benefit" } else { "benefits" };
    format!(
        "{} {benefits}: {} met, {} on track, {} not yet, {} overdue.",
        tally.benefits, tally.met, tally.on_track, tally.not_yet, tally.overdue
    )
}

fn cash_in_words(tally: &Tally) -> String {
    format!(
        "Cash-releasing: {} planned, {} realised so far.",
        money(tally.cash_planned),
        signed(tally.cash_realised)
    )
}

fn row(key: &str, value: Markup) -> Markup {
    html! {
        div class="nhsuk-summary-list__row" {
            dt class="nhsuk-summary-list__key" { (key) }
            dd class="nhsuk-summary-list__value" { (value) }
        }
    }
}

/// NHS.UK's tag colour for a status (each class written out, so the app's trimmed stylesheet
/// keeps it).
fn tag_colour(status: BenefitStatus) -> &'static str {
    match status {
        BenefitStatus::Met => "nhsuk-tag--green",
        BenefitStatus::OnTrack => "nhsuk-tag--blue",
        BenefitStatus::NotYet => "nhsuk-tag--grey",
        BenefitStatus::Overdue => "nhsuk-tag--red",
    }
}

fn status_tag(view: &BenefitView) -> Markup {
    html! { strong class={ "nhsuk-tag " (tag_colour(view.status)) } { (view.status.label()) } }
}

pub fn organisation(view: &OrganisationBenefits, feedback: &Feedback) -> Markup {
    let ods = view.organisation.ods_code.as_str();
    let period = &view.period;
    html! {
        div class="nhsuk-back-link" data-title={ "Benefits " (period) " – " (view.organisation.name) } {
            a href={ "/organisations/" (ods) } class="nhsuk-back-link__link" { "Back to " (view.organisation.name) }
        }
        span class="nhsuk-caption-l" { (view.organisation.name) }
        h1 { "Benefits, planned and realised" }
        p class="nhsuk-lede-text" { "What each funded item is expected to achieve, and what it has so far." }
        (year_chooser(&format!("/organisations/{ods}/benefits"), period))
        (feedback.notice())
        p class="nhsuk-body" id="benefits-summary" {
            (period) ": " (tally_in_words(&view.tally))
            @if view.tally.cash_planned > 0 { " " (cash_in_words(&view.tally)) }
        }
        @if view.funded.is_empty() {
            p class="nhsuk-body" id="no-funded" {
                "Nothing was funded for " (period) " yet. A bid the review board approves, or a line of one of the year’s funds’ allocations, appears here."
            }
        }
        @for item in &view.funded { (funded_item(item, &view.actions, feedback)) }
        (add_form(view, feedback))
    }
}

fn funded_item(item: &FundedBenefits, actions: &[PlannedAction], feedback: &Feedback) -> Markup {
    let what = match (&item.funded_by, item.amount) {
        (FundedBy::Bid { .. }, Some(amount)) => format!("A bid the review board approved: {amount}."),
        (FundedBy::Allocation { .. }, Some(amount)) => {
            format!("Its part of this fund’s allocation: {amount}.")
        }
        (_, None) => {
            "No longer funded: the allocation was saved again without it. Its benefits stay.".to_owned()
        }
    };
    html! {
        h2 { (item.title) }
        p class="nhsuk-body-s" { (what) }
        @if item.benefits.is_empty() {
            p class="nhsuk-body" { "No benefits recorded yet: add one below." }
        }
        @for benefit in &item.benefits { (benefit_card(benefit, actions, feedback)) }
    }
}

fn benefit_card(view: &BenefitView, actions: &[PlannedAction], feedback: &Feedback) -> Markup {
    let benefit = &view.benefit;
    let unit = benefit.unit;
    let addressed: Vec<&PlannedAction> =
        actions.iter().filter(|action| benefit.actions.contains(&action.id)).collect();
    html! {
        h3 id={ "benefit-" (benefit.id) } { (benefit.description) }
        dl class="nhsuk-summary-list" {
            (row("Kind", html! { (benefit.kind.label()) }))
            (row("Planned", html! {
                "From " (unit.show(benefit.baseline)) " to " (unit.show(benefit.target)) " by " (benefit.due.in_words())
            }))
            (row("Latest realised", match benefit.latest() {
                Some(latest) => html! {
                    (unit.show(latest.value)) " on " (latest.on.in_words())
                    " (" (unit.show_signed(benefit.movement(latest.value))) " towards the target)"
                },
                None => html! { "Nothing recorded yet" },
            }))
            (row("Status", status_tag(view)))
            @if !addressed.is_empty() {
                (row("Actions it addresses", html! {
                    ul class="nhsuk-list" {
                        @for action in &addressed { li { (action.description) " (measure " (action.measure) ")" } }
                    }
                }))
            }
        }
        @if benefit.realised.len() > 1 {
            p class="nhsuk-body-s" { "Recorded: "
                (benefit.realised.iter().map(|value| format!("{} on {}", unit.show(value.value), value.on.in_words())).collect::<Vec<_>>().join("; "))
                "."
            }
        }
        (realised_form(benefit, feedback))
    }
}

fn unit_hint(unit: Unit) -> &'static str {
    match unit {
        Unit::Pounds => "In pounds, like £250,000",
        Unit::Percent => "In per cent, like 0.5%",
        Unit::Count => "A number, like 1,250",
    }
}

fn realised_form(benefit: &Benefit, feedback: &Feedback) -> Markup {
    let prefix = realised_prefix(benefit);
    let id = |field: &str| format!("{prefix}-{field}");
    let open = feedback.errors.iter().any(|error| error.field.starts_with(&prefix));
    let typed = |field: &str| feedback.typed(&id(field)).to_owned();
    html! {
        details class="nhsuk-details" id=(prefix) open[open] {
            summary class="nhsuk-details__summary" {
                span class="nhsuk-details__summary-text" { "Record a value realised" }
            }
            div class="nhsuk-details__text" {
                (field_errors(&feedback.errors, &prefix))
                form method="post" action={ "/organisations/" (benefit.ods_code) "/benefits/" (benefit.id) "/realised" } novalidate {
                    input type="hidden" name="version" value=(benefit.version);
                    (fields::date(feedback, &id("on"), "When it was measured", "For example, 31 3 2026",
                        (&typed("on-day"), &typed("on-month"), &typed("on-year"))))
                    (fields::text(feedback, &id("value"), "The value measured", unit_hint(benefit.unit), &typed("value"), "nhsuk-input--width-10"))
                    (fields::text(feedback, &id("note"), "Note (optional)", "Where the figure comes from", &typed("note"), ""))
                    (fields::submit("Record the value", false))
                }
            }
        }
    }
}

fn add_form(view: &OrganisationBenefits, feedback: &Feedback) -> Markup {
    let ods = view.organisation.ods_code.as_str();
    let items: Vec<(String, String)> = view
        .funded
        .iter()
        .filter_map(|item| Some((item.funded_by.key(), format!("{} ({})", item.title, item.amount?))))
        .collect();
    let kinds: Vec<(String, String)> =
        BenefitKind::ALL.iter().map(|kind| (kind.code().to_owned(), kind.label().to_owned())).collect();
    let units: Vec<(String, String)> =
        Unit::ALL.iter().map(|unit| (unit.code().to_owned(), unit.label().to_owned())).collect();
    let actions: Vec<(String, String)> = view
        .actions
        .iter()
        .map(|action| {
            (
                action.id.to_string(),
                format!("{} (measure {}, {})", action.description, action.measure, action.period),
            )
        })
        .collect();
    let chosen_actions: Vec<String> =
        feedback.typed.iter().filter(|(name, _)| name == "actions").map(|(_, value)| value.clone()).collect();
    let typed = |id: &str| feedback.typed(id);
    html! {
        h2 id="add" { "Add a benefit" }
        @if items.is_empty() {
            p class="nhsuk-body" { "There is nothing funded for " (view.period) " to add a benefit to." }
        } @else {
            form method="post" action={ "/organisations/" (ods) "/benefits" } novalidate id="new-benefit" {
                input type="hidden" name="period" value=(view.period);
                (fields::select(feedback, "fundedBy", "The funded item", &items, shown(feedback, "fundedBy", &items[0].0)))
                (fields::textarea(feedback, "description", "What will be better?", "In a sentence, like “The chance of a catastrophic failure of the EPR”", typed("description")))
                (fields::choices(feedback, "kind", "Kind of benefit", &kinds, &[typed("kind").to_owned()], false))
                (fields::choices(feedback, "unit", "What it is measured in", &units, &[typed("unit").to_owned()], false))
                (fields::text(feedback, "baseline", "Baseline: where it is now", "In its unit: £1,000,000, 1% or 1,250", typed("baseline"), "nhsuk-input--width-10"))
                (fields::text(feedback, "target", "Target: where it should get to", "Below the baseline when lower is better, like 1% to 0.1%", typed("target"), "nhsuk-input--width-10"))
                (fields::date(feedback, "due", "When the target is due", "For example, 31 3 2027",
                    (typed("due-day"), typed("due-month"), typed("due-year"))))
                @if !actions.is_empty() {
                    p class="nhsuk-body-s" { "A bid’s benefit addresses the bid’s own actions unless you tick others." }
                    (fields::choices(feedback, "actions", "The actions from its reviews it addresses", &actions, &chosen_actions, true))
                }
                (fields::submit("Add the benefit", false))
            }
        }
    }
}

fn ics_row(ods: &str, name: &str, tally: &Tally, total: bool) -> Markup {
    let cell = |label: &str, value: String| {
        html! {
            td class="nhsuk-table__cell nhsuk-table__cell--numeric" {
                (heading(label)) @if total { strong { (value) } } @else { (value) }
            }
        }
    };
    html! {
        tr class="nhsuk-table__row" id=[total.then_some("benefits-totals")] {
            th class="nhsuk-table__header" scope="row" {
                (heading("Organisation"))
                @if total { "Total" } @else {
                    a href={ "/organisations/" (ods) "/benefits" } { (name) } " (" (ods) ")"
                }
            }
            (cell("Benefits", tally.benefits.to_string()))
            (cell("Met", tally.met.to_string()))
            (cell("On track", tally.on_track.to_string()))
            (cell("Not yet", tally.not_yet.to_string()))
            (cell("Overdue", tally.overdue.to_string()))
            (cell("Cash planned", money(tally.cash_planned)))
            (cell("Cash realised", signed(tally.cash_realised)))
        }
    }
}

pub fn ics(view: &IcsBenefits) -> Markup {
    let ics = view.ics_code.as_str();
    let file = |label, path: String, extension: &str| Download {
        label,
        path,
        name: format!("benefits-{ics}.{extension}"),
    };
    let overdue: Vec<&BenefitView> = view
        .benefits
        .iter()
        .filter(|benefit| benefit.status == wgll_shared::benefits::BenefitStatus::Overdue)
        .collect();
    html! {
        div class="nhsuk-back-link" data-title={ "Benefits – " (view.ics_name) } {
            a href={ "/organisations/" (ics) } class="nhsuk-back-link__link" { "Back to the ICS" }
        }
        span class="nhsuk-caption-l" { (view.ics_name) }
        h1 { "Benefits, planned and realised" }
        (super::dashboard::ics_outcome_links(ics))
        p class="nhsuk-body" id="ics-benefits-summary" {
            "Across its members, " (tally_in_words(&view.totals)) " " (cash_in_words(&view.totals))
        }
        table class="nhsuk-table-responsive" id="ics-benefits" {
            caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Each organisation’s benefits, planned against realised" }
            thead class="nhsuk-table__head" {
                tr class="nhsuk-table__row" {
                    th class="nhsuk-table__header" scope="col" { "Organisation" }
                    @for label in ["Benefits", "Met", "On track", "Not yet", "Overdue", "Cash planned", "Cash realised"] {
                        th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" { (label) }
                    }
                }
            }
            tbody class="nhsuk-table__body" {
                @for row in &view.rows { (ics_row(row.ods_code.as_str(), &row.name, &row.tally, false)) }
                (ics_row("", "", &view.totals, true))
            }
        }
        (downloads(&[
            file("Download CSV", format!("/api/ics/{ics}/benefits.csv"), "csv"),
            file("Download JSON", format!("/api/ics/{ics}/benefits"), "json"),
        ]))
        @if !overdue.is_empty() {
            h2 { "Overdue" }
            ul class="nhsuk-list nhsuk-list--bullet" id="overdue-benefits" {
                @for view in overdue {
                    @let benefit = &view.benefit;
                    li {
                        (benefit.description) ", " (benefit.name) " (" (benefit.ods_code) "): due " (benefit.due.in_words()) ", "
                        (match benefit.latest() {
                            Some(latest) => format!("{} against a target of {}", benefit.unit.show(latest.value), benefit.unit.show(benefit.target)),
                            None => "nothing recorded yet".to_owned(),
                        })
                    }
                }
            }
        }
    }
}

/// What the action plans show beside an action: the benefits of funded items that address it.
pub fn addressing(action: &PlannedAction, benefits: &[Benefit]) -> Markup {
    let addressing: Vec<&Benefit> =
        benefits.iter().filter(|benefit| benefit.actions.contains(&action.id)).collect();
    html! {
        @if !addressing.is_empty() {
            br;
            span class="nhsuk-body-s" {
                "Funded: "
                @for (index, benefit) in addressing.iter().enumerate() {
                    @if index > 0 { "; " }
                    a href={ "/organisations/" (benefit.ods_code) "/benefits?period=" (benefit.period.as_str().replace('/', "%2F")) "#benefit-" (benefit.id) } {
                        (benefit.description)
                    }
                    " (" (benefit.funded_title) ")"
                }
            }
        }
    }
}
