//! One fund of a year and its allocation, line by line with each line's working, so a finance
//! lead can check it by hand; administrators also see the pot, what is left and who was left out.
//! (`/funding/{fund}?period=…`)

use super::{heading, query};
use crate::app::funding::statements::FundStatement;
use crate::views::{Download, downloads};
use maud::{Markup, html};
use wgll_shared::funding::Pence;
use wgll_shared::funding::records::AllocationView;

/// The page; `manage` (an administrator's) adds the links that change the fund and allocate it.
pub fn render(page: &FundStatement, manage: bool) -> Markup {
    let fund = &page.fund.value;
    let period = fund.period();
    html! {
        div class="nhsuk-back-link" data-title={ (fund.name()) " – " (period) } {
            a href={ "/funding?period=" (query(period)) } class="nhsuk-back-link__link" { "All funds for " (period) }
        }
        span class="nhsuk-caption-l" { "Fund, " (period) }
        h1 { (fund.name()) }
        dl class="nhsuk-summary-list" id="fund-summary" {
            (row("Total", fund.total().to_string()))
            (row("Capital", fund.capital().to_string()))
            (row("Revenue", fund.revenue().to_string()))
            (row("Closes", fund.closing_date().map_or("No closing date".to_owned(), |date| date.to_string())))
            (row("Who pays", format!("{}: {}", fund.category().payer().label(), fund.category().label())))
            (row("Shared by", format!("{}: {}", fund.principle().label(), fund.principle().meaning())))
        }
        @if manage {
            ul class="nhsuk-list" id="setup-links" {
                li { a href={ "/funding-setup/funds/" (fund.id()) "?period=" (query(period)) } { "Change this fund" } }
                li { a href={ "/funding-setup/funds/" (fund.id()) "/allocation?period=" (query(period)) } { "Work out and save its allocation" } }
            }
        }
        h2 { "Allocation" }
        @match &page.allocation {
            None => p id="no-allocation" { "This fund has no saved allocation that you can see yet." },
            Some(allocation) => (lines(allocation, fund.id().as_str())),
        }
    }
}

fn row(key: &str, value: String) -> Markup {
    html! {
        div class="nhsuk-summary-list__row" {
            dt class="nhsuk-summary-list__key" { (key) }
            dd class="nhsuk-summary-list__value" { (value) }
        }
    }
}

fn lines(allocation: &AllocationView, fund: &str) -> Markup {
    let period = &allocation.period;
    let total = Pence::sum(allocation.lines.iter().map(|line| line.line.amount()));
    let file = |label, extension: &str| Download {
        label,
        path: format!(
            "/api/funding/{}/funds/{fund}/allocation.{extension}",
            period.as_str().replace('/', "-")
        ),
        name: format!("allocation-{fund}-{}.{extension}", period.as_str().replace('/', "-")),
    };
    html! {
        p id="allocation-summary" {
            "Shared by " (allocation.principle.label().to_lowercase()) ", version " (allocation.version)
            ", saved " (allocation.saved_at.to_minute()) "."
            @if let (Some(pot), Some(unallocated)) = (allocation.pot, allocation.unallocated) {
                " Pot: " (pot) "; unallocated: " (unallocated) "."
            }
        }
        table class="nhsuk-table-responsive" id="allocation" {
            caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Allocation lines" }
            thead class="nhsuk-table__head" {
                tr {
                    th scope="col" { "Recipient" }
                    th scope="col" { "ICS" }
                    th scope="col" { "Amount" }
                    th scope="col" { "How it was worked out" }
                }
            }
            tbody class="nhsuk-table__body" {
                @for line in &allocation.lines {
                    @let recipient = line.line.recipient();
                    tr class="nhsuk-table__row" {
                        td class="nhsuk-table__cell" {
                            (heading("Recipient"))
                            a href={ "/organisations/" (recipient) "/funding?period=" (query(period)) } { (recipient) }
                        }
                        td class="nhsuk-table__cell" { (heading("ICS")) (line.ics) }
                        td class="nhsuk-table__cell" { (heading("Amount")) (line.line.amount()) }
                        td class="nhsuk-table__cell" { (heading("How it was worked out")) (line.line.explanation()) }
                    }
                }
            }
            tfoot {
                tr class="nhsuk-table__row" {
                    th scope="row" colspan="2" { "Total of these lines" }
                    td class="nhsuk-table__cell" id="allocation-total" {
                        (heading("Total of these lines"))
                        (total.map_or("More than can be shown".to_owned(), |total| total.to_string()))
                    }
                    td class="nhsuk-table__cell" {}
                }
            }
        }
        @if let Some(excluded) = &allocation.excluded {
            @if !excluded.is_empty() {
                h3 { "Given nothing from this pot" }
                ul class="nhsuk-list nhsuk-list--bullet" id="excluded" {
                    @for exclusion in excluded {
                        li { (exclusion.recipient) ": " (exclusion.reason) }
                    }
                }
            }
        }
        (downloads(&[file("Download CSV", "csv"), file("Download JSON", "json")]))
    }
}
