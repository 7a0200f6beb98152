//! The browser app's pages that only show something, rendered here as HTML fragments (maud) and
//! shown by the app inside its layout (`frontend/src/server_view.rs`), so their views are not in
//! the app's download. `api::views` serves each at `/api/views` + the page's own address, with
//! the same caller, rules and `app` functions as the JSON it replaces.
//!
//! Each view's first element carries `data-title` (the browser tab's title). What needs script
//! is asked for by markup the app handles for every view: `<form method="get">` (a period
//! chooser: [`period_chooser`]), `data-print`, `data-download` with `data-name` ([`downloads`]),
//! and `data-sort` on a table's column buttons (its `data-sort-row` rows sorted in the browser by
//! each cell's `data-sort-value`, as `dashboard`'s heatmap).

pub mod actions;
pub mod benefits;
pub mod bids;
pub mod comparison;
pub mod dashboard;
pub mod evidence;
pub mod framework;
pub mod funding;
pub mod ics_offer;
pub mod levelling_up;
pub mod my_work;
pub mod offer;
pub mod offer_service;
pub mod organisation;
pub mod organisation_form;
pub mod organisations;
pub mod outcomes;
pub mod peer_pairs;
pub mod report;
pub mod review;
pub mod review_board;
pub mod review_import;
pub mod review_people;
pub mod round_progress;
pub mod rounds;
pub mod tech_spend;
pub mod trends;
pub mod validation;

use maud::{Markup, html};
use wgll_shared::FieldError;

/// A file the person can download, through the app (which sends their token).
pub struct Download {
    pub label: &'static str,
    /// The API's address for it.
    pub path: String,
    /// The name to save it as.
    pub name: String,
}

/// Buttons that download `files`, and where the app says how the download is going.
pub fn downloads(files: &[Download]) -> Markup {
    html! {
        div class="nhsuk-button-group app-no-print" {
            @for file in files {
                button class="nhsuk-button nhsuk-button--secondary" type="button"
                    data-download=(file.path) data-name=(file.name) { (file.label) }
            }
        }
        p class="nhsuk-body-s" role="status" aria-live="polite" data-download-status {}
    }
}

/// A period select with a Show button that opens `page` for the chosen period (`?period=…`), so
/// the choice is in the address: bookmarkable, and Back returns to the previous one. `current` is
/// offered first when it is not among `periods`.
pub fn period_chooser(page: &str, id: &str, current: &str, periods: &[String]) -> Markup {
    let current_missing = !periods.iter().any(|period| period == current);
    html! {
        form class="app-inline-form" method="get" action=(page) {
            div class="nhsuk-form-group" {
                label class="nhsuk-label" for=(id) { "Period" }
                select class="nhsuk-select" id=(id) name="period" {
                    @if current_missing {
                        option value=(current) selected { (current) }
                    }
                    @for period in periods {
                        option value=(period) selected[period == current] { (period) }
                    }
                }
            }
            button class="nhsuk-button nhsuk-button--secondary" type="submit" { "Show" }
        }
    }
}

/// What the person last sent from a form on a page, as the server answered it: the page's forms
/// are posted by the app to `/api/views` + their action, and answered with the page again.
#[derive(Debug, Default)]
pub struct Feedback {
    /// Said at the top once a form was saved.
    pub notice: Option<String>,
    /// Errors by the id of their field (the form's own id for the form as a whole).
    pub errors: Vec<FieldError>,
    /// What was typed, by field name, shown again after an error so nothing is lost.
    pub typed: Vec<(String, String)>,
}

impl Feedback {
    /// What was typed in the field `name`, or nothing.
    pub fn typed(&self, name: &str) -> &str {
        self.typed.iter().find(|(field, _)| field == name).map_or("", |(_, value)| value.as_str())
    }

    /// The notice, if a form was saved, as NHS.UK inset text the app moves focus to.
    pub fn notice(&self) -> Markup {
        html! {
            @if let Some(notice) = &self.notice {
                div class="nhsuk-inset-text" id="form-notice" role="status" tabindex="-1" {
                    span class="nhsuk-u-visually-hidden" { "Information: " }
                    p { (notice) }
                }
            }
            @if !self.errors.is_empty() {
                (error_summary(&self.errors))
            }
        }
    }
}

/// A form's answer when what it made or saved is on another page: the app goes to `path`
/// (`data-navigate`, `frontend/src/server_view.rs`); `said` and a link to it are there for anyone
/// whose app does not.
pub fn taken_to(path: &str, said: &str, link: &str) -> Markup {
    html! {
        div class="nhsuk-inset-text" id="form-notice" role="status" tabindex="-1" data-navigate=(path) {
            p { (said) " " a href=(path) { (link) } }
        }
    }
}

/// NHS.UK's error summary for a form the server checked: each error links to its field (`id`).
pub fn error_summary(errors: &[FieldError]) -> Markup {
    html! {
        div class="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1" {
            h2 class="nhsuk-error-summary__title" id="error-summary-title" { "There is a problem" }
            div class="nhsuk-error-summary__body" {
                ul class="nhsuk-list nhsuk-error-summary__list" {
                    @for error in errors {
                        li { a href={ "#" (error.field) } { (error.message) } }
                    }
                }
            }
        }
    }
}

/// The error messages for the field `id`, in NHS.UK's inline style.
pub fn field_errors(errors: &[FieldError], id: &str) -> Markup {
    html! {
        @for error in errors.iter().filter(|error| error.field == id) {
            span class="nhsuk-error-message" id={ (id) "-error" } {
                span class="nhsuk-u-visually-hidden" { "Error:" } " " (error.message)
            }
        }
    }
}

/// `base`, with `modifier` added when `on`: an element's classes with its error style. (maud's
/// `.modifier[on]` shorthand cannot be used beside a `class` attribute: it empties it.)
pub fn classes(base: &str, modifier: &str, on: bool) -> String {
    if on { format!("{base} {modifier}") } else { base.to_owned() }
}

/// Whether `id` has an error (for the group's and input's error classes).
pub fn has_error(errors: &[FieldError], id: &str) -> bool {
    errors.iter().any(|error| error.field == id)
}
