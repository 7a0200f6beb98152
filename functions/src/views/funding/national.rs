//! The year's funding, nationally: every fund with who pays for it and how its pot is shared,
//! and the ICS envelopes (every ICS's for administrators, an ICS lead's own).
//! (`/funding?period=…`)

use super::{heading, query, year_chooser};
use crate::app::funding::statements::National;
use crate::views::{Download, downloads};
use maud::{Markup, html};
use wgll_shared::funding::Fund;
use wgll_shared::funding::records::AllocationView;
use wgll_shared::outcomes::measure_headings;
use wgll_shared::period::Period;

/// The page; `manage` (an administrator's) adds the links to the year's setup pages.
pub fn render(page: &National, manage: bool) -> Markup {
    let period = &page.period;
    html! {
        span class="nhsuk-caption-l" { "Who Pays for What" }
        h1 data-title={ "Funding – " (period) } { "Funding, " (period) }
        p class="nhsuk-lede-text" { "How digital funding reaches ICSs and organisations in " (period) ": the year’s funds, who pays for what, and how each pot is shared." }
        (year_chooser("/funding", period))
        @if manage {
            (setup_links(period))
            // Administrators sit on the review board too (the rules table's DecideBids).
            ul class="nhsuk-list" id="board-links" {
                li { a href={ "/review-board?period=" (query(period)) } { "Review board: the month’s bids to decide" } }
                li { a href={ "/review-board/fairness?period=" (query(period)) } { "Where the year’s approvals went" } }
            }
        }
        h2 { "Funds" }
        @if page.funds.is_empty() {
            p id="no-funds" { "No funds are recorded for " (period) "." }
        } @else {
            (funds_table(page))
        }
        h2 { "ICS envelopes" }
        (envelopes(page))
        @if let Some(below) = &page.below_minimum {
            h2 { "Who is below the minimum" }
            p id="below-minimum-summary" {
                (below.organisations.len()) " of " (below.assessed) " organisations with a published peer review for "
                (period) " are below level " (below.minimum) " on at least one measure. "
                a href={ "/levelling-up?period=" (query(period)) "&minimum=" (below.minimum) } { "Which organisations, on which measures" }
            }
            (crate::views::levelling_up::shortfalls(below))
        }
    }
}

fn setup_links(period: &Period) -> Markup {
    let year = query(period);
    html! {
        nav aria-labelledby="setup-heading" id="setup-links" {
            h2 id="setup-heading" { "Set up " (period) }
            ul class="nhsuk-list" {
                @if wgll_shared::funding::catalogue::shipped_for(period).is_some() {
                    // The published catalogue's year: its funds are not changed here.
                    li id="shipped-funds" { "The funds of " (period) " are the published Unified Tech Fund catalogue: add funds to a later year." }
                } @else {
                    li { a href={ "/funding-setup/new-fund?period=" (year) } { "Add a fund" } }
                }
                li { a href={ "/funding-setup/populations?period=" (year) } { "Weighted populations" } }
                li { a href={ "/funding-setup/envelopes?period=" (year) } { "ICS envelopes" } }
                li { a href={ "/funding-setup/settings?period=" (year) } { "Funding rules: principle suggestion and earned autonomy" } }
            }
        }
    }
}

fn measures_in_words(fund: &Fund) -> String {
    let headings = measure_headings();
    let named: Vec<String> = fund
        .measures()
        .iter()
        .map(|measure| {
            let title = headings.iter().find(|heading| heading.number == measure.get());
            title.map_or_else(|| measure.to_string(), |heading| format!("{measure}. {}", heading.title))
        })
        .collect();
    if named.is_empty() { "None named".to_owned() } else { named.join("; ") }
}

fn funds_table(page: &National) -> Markup {
    let period = query(&page.period);
    html! {
        table class="nhsuk-table-responsive" id="funds" {
            caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Funds for " (page.period) }
            thead class="nhsuk-table__head" {
                tr {
                    th scope="col" { "Fund" }
                    th scope="col" { "Who pays" }
                    th scope="col" { "Total" }
                    th scope="col" { "Capital" }
                    th scope="col" { "Revenue" }
                    th scope="col" { "Closes" }
                    th scope="col" { "Shared by" }
                    th scope="col" { "Measures it improves" }
                }
            }
            tbody class="nhsuk-table__body" {
                @for fund in &page.funds {
                    @let fund = &fund.value;
                    tr class="nhsuk-table__row" {
                        td class="nhsuk-table__cell" {
                            (heading("Fund"))
                            a href={ "/funding/" (fund.id()) "?period=" (period) } { (fund.name()) }
                        }
                        td class="nhsuk-table__cell" {
                            (heading("Who pays")) (fund.category().payer().label()) ": " (fund.category().label())
                        }
                        td class="nhsuk-table__cell" { (heading("Total")) (fund.total()) }
                        td class="nhsuk-table__cell" { (heading("Capital")) (fund.capital()) }
                        td class="nhsuk-table__cell" { (heading("Revenue")) (fund.revenue()) }
                        td class="nhsuk-table__cell" {
                            (heading("Closes"))
                            (fund.closing_date().map_or("No closing date".to_owned(), |date| date.to_string()))
                        }
                        td class="nhsuk-table__cell" { (heading("Shared by")) (fund.principle().label()) }
                        td class="nhsuk-table__cell" { (heading("Measures it improves")) (measures_in_words(fund)) }
                    }
                }
            }
        }
    }
}

fn envelopes(page: &National) -> Markup {
    let period = &page.period;
    let Some(envelopes) = &page.envelopes else {
        return html! { p id="no-envelopes" { "No ICS envelopes are saved for " (period) " yet, or none is yours to see." } };
    };
    html! {
        @if let (Some(pot), Some(unallocated)) = (envelopes.pot, envelopes.unallocated) {
            p id="envelopes-summary" {
                "A national pot of " (pot) " divided between ICSs by " (envelopes.principle.label().to_lowercase())
                " (version " (envelopes.version) ", saved " (envelopes.saved_at.to_minute()) "). Unallocated: " (unallocated) "."
            }
        }
        (envelope_table(envelopes, period))
        (envelope_downloads(period))
    }
}

fn envelope_downloads(period: &Period) -> Markup {
    let year = period.as_str().replace('/', "-");
    let file = |label, extension: &str| Download {
        label,
        path: format!("/api/funding/{year}/envelopes.{extension}"),
        name: format!("envelopes-{year}.{extension}"),
    };
    downloads(&[file("Download CSV", "csv"), file("Download JSON", "json")])
}

fn envelope_table(envelopes: &AllocationView, period: &Period) -> Markup {
    html! {
        table class="nhsuk-table-responsive" id="envelopes" {
            caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "ICS envelopes for " (period) }
            thead class="nhsuk-table__head" {
                tr {
                    th scope="col" { "ICS" }
                    th scope="col" { "Envelope" }
                    th scope="col" { "How it was worked out" }
                }
            }
            tbody class="nhsuk-table__body" {
                @for line in &envelopes.lines {
                    @let ics = line.line.recipient();
                    tr class="nhsuk-table__row" {
                        td class="nhsuk-table__cell" {
                            (heading("ICS"))
                            a href={ "/ics/" (ics) "/funding?period=" (query(period)) } { (ics) }
                        }
                        td class="nhsuk-table__cell" { (heading("Envelope")) (line.line.amount()) }
                        td class="nhsuk-table__cell" { (heading("How it was worked out")) (line.line.explanation()) }
                    }
                }
            }
        }
    }
}
