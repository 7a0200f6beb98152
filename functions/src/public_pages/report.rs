//! `/digital-services/{ods}/report`: telling an organisation that something shown about it is
//! wrong, with no sign-in. The report goes to its leads and is never shown publicly.

use super::layout::back_link;
use crate::views::{error_summary, field_errors, has_error};
use maud::{Markup, html};
use wgll_shared::FieldError;
use wgll_shared::contact::{ProblemReportForm, REPORT_MAX};
use wgll_shared::organisation::Organisation;

/// The form, as typed, with what to correct.
pub fn render(organisation: &Organisation, form: &ProblemReportForm, errors: &[FieldError]) -> Markup {
    let has = |field: &str| has_error(errors, field);
    let group = |field: &str| {
        if has(field) { "nhsuk-form-group nhsuk-form-group--error" } else { "nhsuk-form-group" }
    };
    html! {
        (back_link())
        @if !errors.is_empty() {
            (error_summary(errors))
        }
        span class="nhsuk-caption-l" { (organisation.name) }
        h1 { "Report something wrong on this page" }
        p { "Tell " (organisation.name) " if a service, link or contact detail we show for them is wrong. "
            "Your report goes to the people who keep their page up to date. It is not shown to anyone else." }
        p { strong { "Do not use this form for medical advice or to contact a clinician." } " For urgent help, use NHS 111 online or call 111; in an emergency call 999." }
        form method="post" action={ "/digital-services/" (organisation.ods_code) "/report" } novalidate {
            div class=(group("message")) {
                label class="nhsuk-label nhsuk-label--s" for="message" { "What is wrong?" }
                div class="nhsuk-hint" id="message-hint" { "For example, the link does not work, or the phone number is out of date. Up to " (REPORT_MAX) " characters." }
                (field_errors(errors, "message"))
                textarea class={ "nhsuk-textarea" @if has("message") { " nhsuk-textarea--error" } } id="message" name="message" rows="5"
                    aria-describedby="message-hint" maxlength=(REPORT_MAX) { (form.message) }
            }
            div class=(group("email")) {
                label class="nhsuk-label nhsuk-label--s" for="email" { "Your email address (optional)" }
                div class="nhsuk-hint" id="email-hint" { "Only if you would like a reply." }
                (field_errors(errors, "email"))
                input class={ "nhsuk-input" @if has("email") { " nhsuk-input--error" } } id="email" name="email" type="email"
                    autocomplete="email" spellcheck="false" aria-describedby="email-hint" value=(form.email);
            }
            button class="nhsuk-button" type="submit" { "Send report" }
        }
    }
}

/// What the page says once the report is sent.
pub fn sent(organisation: &Organisation) -> Markup {
    html! {
        div class="nhsuk-panel" id="report-sent" {
            h1 class="nhsuk-panel__title" { "Report sent" }
            div class="nhsuk-panel__body" { "Thank you. " (organisation.name) " will check what you told us." }
        }
        p { a href={ "/digital-services/" (organisation.ods_code) } { "Back to " (organisation.name) } }
    }
}
