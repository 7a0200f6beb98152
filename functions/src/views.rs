//! The browser app's pages that only show something, rendered here as HTML fragments (maud) and
//! shown by the app inside its layout (`frontend/src/server_view.rs`), so their views are not in
//! the app's download. `api::views` serves each at `/api/views` + the page's own address, with
//! the same caller, rules and `app` functions as the JSON it replaces.
//!
//! Each view's first element carries `data-title` (the browser tab's title). What needs script
//! is asked for by markup the app handles for every view: `<form method="get">` (a period
//! chooser), `data-print`, and `data-download` with `data-name` ([`downloads`]).

pub mod framework;
pub mod report;
// An organisation's outcomes, comparison and digital offer, and an ICS's digital offer.
pub mod comparison;
pub mod ics_offer;
pub mod offer;
pub mod outcomes;

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
