//! The form that adds an organisation (`/organisations/new`), answered by
//! `api::organisation_forms`: an ICS (with its NHS England region) or an organisation in an ICS.
//! Once added, the notice links to the new organisation and the form is empty for the next.

use super::{Feedback, field_errors, has_error};
use maud::{Markup, html};
use wgll_shared::organisation::{Organisation, OrganisationKind};
use wgll_shared::regions::Region;

/// A text input with its label, optional hint and errors; `id` is the field's id on the page.
fn text_input(
    feedback: &Feedback,
    id: &str,
    name: &str,
    label: &str,
    hint: Option<&str>,
    class: &str,
) -> Markup {
    let errors = &feedback.errors;
    html! {
        div class=(super::classes("nhsuk-form-group", "nhsuk-form-group--error", has_error(errors, id))) {
            label class="nhsuk-label" for=(id) { (label) }
            @if let Some(hint) = hint {
                div class="nhsuk-hint" id={ (id) "-hint" } { (hint) }
            }
            (field_errors(errors, id))
            input class=(super::classes(&format!("nhsuk-input {class}"), "nhsuk-input--error", has_error(errors, id))) id=(id) name=(name)
                type="text" value=(feedback.typed(name))
                aria-describedby=[hint.map(|_| format!("{id}-hint"))];
        }
    }
}

/// A select of `options` (value, text) after a "Choose…" option, keeping what was chosen.
fn select(
    feedback: &Feedback,
    id: &str,
    name: &str,
    label: &str,
    hint: &str,
    options: &[(String, String)],
) -> Markup {
    let errors = &feedback.errors;
    let chosen = feedback.typed(name);
    html! {
        div class=(super::classes("nhsuk-form-group", "nhsuk-form-group--error", has_error(errors, id))) {
            label class="nhsuk-label" for=(id) { (label) }
            @if !hint.is_empty() {
                div class="nhsuk-hint" id={ (id) "-hint" } { (hint) }
            }
            (field_errors(errors, id))
            select class=(super::classes("nhsuk-select", "nhsuk-select--error", has_error(errors, id))) id=(id) name=(name)
                aria-describedby=[(!hint.is_empty()).then(|| format!("{id}-hint"))] {
                option value="" { "Choose…" }
                @for (value, text) in options {
                    option value=(value) selected[chosen == value] { (text) }
                }
            }
        }
    }
}

/// The form, with the ICSs there are to choose from; `added` is the organisation just added.
pub fn render(systems: &[Organisation], added: Option<&Organisation>, feedback: &Feedback) -> Markup {
    let kinds: Vec<(String, String)> = OrganisationKind::ALL
        .into_iter()
        .map(|kind| (kind.code().to_owned(), kind.label().to_owned()))
        .collect();
    let icss: Vec<(String, String)> = systems
        .iter()
        .filter(|system| system.kind == OrganisationKind::Ics)
        .map(|system| (system.ods_code.to_string(), format!("{} ({})", system.name, system.ods_code)))
        .collect();
    let regions: Vec<(String, String)> =
        Region::ALL.into_iter().map(|region| (region.code().to_owned(), region.label().to_owned())).collect();
    html! {
        div data-title="Add an organisation" {
            div class="nhsuk-back-link" {
                a class="nhsuk-back-link__link" href="/organisations" { "Back to the organisations" }
            }
            h1 { "Add an organisation" }
            (feedback.notice())
            @if let Some(added) = added {
                p { a href={ "/organisations/" (added.ods_code) } { "Go to " (added.name) } }
                h2 { "Add another" }
            }
            form method="post" action="/organisations/new" novalidate {
                (text_input(feedback, "name", "name", "Organisation name", None, ""))
                (text_input(feedback, "ods-code", "odsCode", "ODS code",
                    Some("The Organisation Data Service code, for example RR8 or QWO"), "nhsuk-input--width-10"))
                (select(feedback, "kind", "kind", "Kind of organisation", "", &kinds))
                (select(feedback, "ics-code", "icsCode", "Integrated Care System",
                    "For an organisation in an ICS; leave it for an ICS itself", &icss))
                (select(feedback, "region", "region", "NHS England region",
                    "For an ICS: its team validates the peer reviews of the ICS’s organisations", &regions))
                (text_input(feedback, "town", "town", "Town or city (optional)", None, ""))
                button class="nhsuk-button" type="submit" { "Add organisation" }
                p class="nhsuk-body-s" role="status" aria-live="polite" data-form-status {}
            }
        }
    }
}
