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

pub mod comparison;
pub mod dashboard;
pub mod framework;
pub mod funding;
pub mod ics_offer;
pub mod levelling_up;
pub mod offer;
pub mod outcomes;
pub mod report;
pub mod trends;

use maud::{Markup, html};

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
