//! The funding pages (Who Pays for What): the year's funds and ICS envelopes (`national`), one
//! fund's allocation line by line (`fund`), an ICS's funding with its changes and earned autonomy
//! (`ics`, with the forms an ICS lead and an administrator use) and an organisation's funding
//! (`organisation`). Amounts are whole pence, shown as pounds; each line shows its working.
//!
//! Administrators set the year up on their own pages (`/funding-setup/…`, each a form the server
//! answers, as the ICS page's): a fund added or changed (`fund_setup`), weighted populations
//! (`populations`), a fund's allocation previewed and saved (`allocation_setup`), the ICS
//! envelopes and an ICS's default split (`envelopes_setup`), and the year's rules (`settings`),
//! with the form fields they share in `fields`.

pub mod allocation_setup;
pub mod envelopes_setup;
pub mod fields;
pub mod fund;
pub mod fund_setup;
pub mod ics;
pub mod national;
pub mod organisation;
pub mod populations;
pub mod settings;

use super::period_chooser;
use maud::{Markup, html};
use wgll_shared::period::Period;

/// The years a funding page offers: from the first shipped catalogue's to the year after this one.
pub fn years(current: &Period) -> Vec<String> {
    let last = current.start_year().max(2021) + 1;
    (2021..=last).rev().map(|start| Period::starting(start).to_string()).collect()
}

/// The period chooser of a funding page at `page`.
pub fn year_chooser(page: &str, period: &Period) -> Markup {
    period_chooser(page, "period", period.as_str(), &years(period))
}

/// `period` as a query string value.
pub fn query(period: &Period) -> String {
    period.as_str().replace('/', "%2F")
}

/// A responsive table cell's heading, shown on narrow screens only.
pub fn heading(text: &str) -> Markup {
    html! { span class="nhsuk-table-responsive__heading" aria-hidden="true" { (text) " " } }
}

/// The links every funding page shares.
pub fn funding_links(period: &Period) -> Markup {
    html! {
        p { a href={ "/funding?period=" (query(period)) } { "All funds and ICS envelopes for " (period) } }
    }
}
