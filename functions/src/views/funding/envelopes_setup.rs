//! The year's ICS envelopes, for administrators (`/funding-setup/envelopes?period=…`): a national
//! pot, the principle that divides it between ICSs and what that principle needs, previewed line
//! by line and then saved; and an ICS's default split of its envelope by provider and programme
//! (`/funding-setup/ics/{ics}/split?period=…`), by weights.

use super::allocation_setup::{current, inputs, preview, save_form};
use super::fields::{self, shown};
use super::fund_setup::key;
use super::{query, year_chooser};
use crate::views::{Feedback, field_errors, has_error};
use maud::{Markup, html};
use wgll_shared::funding::envelopes::SystemAllocation;
use wgll_shared::funding::records::{AllocationView, Versioned};
use wgll_shared::funding::{Allocation, Principle};
use wgll_shared::organisation::Organisation;
use wgll_shared::period::Period;

pub fn render(
    period: &Period,
    saved: Option<&AllocationView>,
    previewed: Option<&Allocation>,
    feedback: &Feedback,
    every_ics: &str,
) -> Markup {
    let base = "/funding-setup/envelopes";
    let principles: Vec<(String, String)> = Principle::ALL
        .into_iter()
        .map(|principle| (key(principle), format!("{}: {}", principle.label(), principle.meaning())))
        .collect();
    let saved_principle = saved.map_or_else(|| key(Principle::FairShares), |saved| key(saved.principle));
    let chosen = vec![shown(feedback, "principle", &saved_principle).to_owned()];
    let saved_pot =
        saved.and_then(|saved| saved.pot).map(super::fund_setup::pounds_typed).unwrap_or_default();
    html! {
        div class="nhsuk-back-link" data-title={ "ICS envelopes – " (period) } {
            a href={ "/funding?period=" (query(period)) } class="nhsuk-back-link__link" { "All funds and ICS envelopes for " (period) }
        }
        span class="nhsuk-caption-l" { "Funding setup" }
        h1 { "ICS envelopes, " (period) }
        (feedback.notice())
        (year_chooser(base, period))
        p { "A national pot divided between ICSs before the year starts. Each ICS’s lead sees their envelope on the ICS’s funding page." }
        (current(saved))
        form method="post" action={ (base) "/preview?period=" (query(period)) } id="inputs" novalidate {
            (fields::pounds(feedback, "pot", "The national pot", "In pounds, like 30,000,000", shown(feedback, "pot", &saved_pot)))
            (fields::choices(feedback, "principle", "How it is divided", &principles, &chosen, false))
            (inputs(None, feedback, every_ics))
            (fields::submit("Preview the envelopes", true))
        }
        @if let Some(allocation) = previewed {
            (preview(allocation, "their ICS’s funding page"))
            (save_form(&format!("{base}?period={}", query(period)), saved.map_or(0, |saved| saved.version), feedback, "Save these envelopes"))
        }
    }
}

/// The rows the split form offers: one a member (its code filled in) and two more, or as many
/// as were typed.
pub fn split_rows(providers: usize, feedback: &Feedback) -> usize {
    let typed = feedback
        .typed
        .iter()
        .filter_map(|(name, _)| name.strip_prefix("line-")?.split('-').next()?.parse::<usize>().ok())
        .max()
        .unwrap_or(0);
    typed.max(providers + 2)
}

pub fn render_split(
    ics: &Organisation,
    period: &Period,
    members: &[Organisation],
    envelope: Option<&str>,
    saved: Option<&Versioned<SystemAllocation>>,
    feedback: &Feedback,
) -> Markup {
    let errors = &feedback.errors;
    let action = format!("/funding-setup/ics/{}/split?period={}", ics.ods_code, query(period));
    let providers: Vec<&Organisation> =
        members.iter().filter(|member| member.ods_code != ics.ods_code).collect();
    html! {
        div class="nhsuk-back-link" data-title={ "Default split – " (ics.name) " " (period) } {
            a href={ "/ics/" (ics.ods_code) "/funding?period=" (query(period)) } class="nhsuk-back-link__link" { "Back to the ICS’s funding" }
        }
        span class="nhsuk-caption-l" { (ics.name) }
        h1 { "Default split, " (period) }
        (feedback.notice())
        p id="envelope" {
            @match envelope {
                Some(amount) => { "The ICS’s envelope is " (amount) ". Split it between providers and programmes by weight: each line gets the envelope times its weight over the sum of the weights, to the penny." }
                None => "The ICS has no envelope for this year yet: save the year’s ICS envelopes first.",
            }
        }
        p id="current" {
            @match saved {
                Some(saved) => { "Saved now: version " (saved.version) ", " (saved.value.lines().len()) " lines, total " (saved.value.total()) ". Saving again replaces it." }
                None => "No split is saved yet.",
            }
        }
        form method="post" action=(action) id="split-form" novalidate {
            input type="hidden" name="version" value=(saved.map_or(0, |saved| saved.version));
            div class={ "nhsuk-form-group" @if has_error(errors, "lines") { " nhsuk-form-group--error" } } {
                fieldset class="nhsuk-fieldset" id="lines" aria-describedby="lines-hint" {
                    legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m" { h2 class="nhsuk-fieldset__heading" { "Lines" } }
                    div class="nhsuk-hint" id="lines-hint" { "A programme is a fund’s id, like cyber. Leave a line’s programme and weight empty to leave it out." }
                    (field_errors(errors, "lines"))
                    @for row in 1..=split_rows(providers.len(), feedback) {
                        @let id = |part: &str| format!("line-{row}-{part}");
                        @let provider = providers.get(row - 1).map(|member| member.ods_code.to_string()).unwrap_or_default();
                        h3 class="nhsuk-heading-xs" { "Line " (row) }
                        (fields::text(feedback, &id("provider"), "Provider’s ODS code", "", shown(feedback, &id("provider"), &provider), "nhsuk-input--width-10"))
                        (fields::text(feedback, &id("programme"), "Programme", "", feedback.typed(&id("programme")), "nhsuk-input--width-20"))
                        (fields::text(feedback, &id("weight"), "Weight", "", feedback.typed(&id("weight")), "nhsuk-input--width-5"))
                        (fields::text(feedback, &id("basis"), "What the weight is based on", "", feedback.typed(&id("basis")), ""))
                    }
                }
            }
            (fields::submit("Save the split", false))
        }
    }
}
