//! An organisation's funding for a year: what it gets from which pot and why, line by line, and
//! its lines in its ICS's split by provider and programme. (`/organisations/{ods}/funding?period=…`)

use super::{heading, query, year_chooser};
use crate::app::funding::statements::OrganisationFunding;
use maud::{Markup, html};
use wgll_shared::funding::Pence;

pub fn render(page: &OrganisationFunding) -> Markup {
    let organisation = &page.organisation;
    let ods = &organisation.ods_code;
    let period = &page.period;
    let from_funds = Pence::sum(page.from_funds.iter().map(|from| from.line.line.amount()));
    let from_split = Pence::sum(page.system_lines.iter().map(|line| line.amount()));
    let amount =
        |total: Option<Pence>| total.map_or("More than can be shown".to_owned(), |total| total.to_string());
    html! {
        div class="nhsuk-back-link" data-title={ "Funding – " (organisation.name) " " (period) } {
            a href={ "/organisations/" (ods) } class="nhsuk-back-link__link" { "Back to " (organisation.name) }
        }
        span class="nhsuk-caption-l" { (organisation.name) }
        h1 { "Funding, " (period) }
        (year_chooser(&format!("/organisations/{ods}/funding"), period))
        @if let Some(line) = &page.envelope {
            h2 { "ICS envelope" }
            p id="envelope" {
                (line.line.amount()) " from the year’s ICS envelopes. " (line.line.explanation()) " "
                a href={ "/ics/" (ods) "/funding?period=" (query(period)) } { "How the envelope is split" }
            }
        }
        h2 { "From the year’s funds" }
        @if page.from_funds.is_empty() {
            p id="no-fund-lines" { "Nothing from any fund’s saved allocation for " (period) "." }
        } @else {
            table class="nhsuk-table-responsive" id="fund-lines" {
                caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "What the organisation gets from each fund" }
                thead class="nhsuk-table__head" {
                    tr {
                        th scope="col" { "Fund" }
                        th scope="col" { "Shared by" }
                        th scope="col" { "Amount" }
                        th scope="col" { "Why" }
                    }
                }
                tbody class="nhsuk-table__body" {
                    @for from in &page.from_funds {
                        tr class="nhsuk-table__row" {
                            td class="nhsuk-table__cell" {
                                (heading("Fund"))
                                a href={ "/funding/" (from.fund.id()) "?period=" (query(period)) } { (from.fund.name()) }
                            }
                            td class="nhsuk-table__cell" { (heading("Shared by")) (from.fund.principle().label()) }
                            td class="nhsuk-table__cell" { (heading("Amount")) (from.line.line.amount()) }
                            td class="nhsuk-table__cell" { (heading("Why")) (from.line.line.explanation()) }
                        }
                    }
                }
                tfoot {
                    tr class="nhsuk-table__row" {
                        th scope="row" colspan="2" { "Total from funds" }
                        td class="nhsuk-table__cell" id="fund-lines-total" { (heading("Total from funds")) (amount(from_funds)) }
                        td class="nhsuk-table__cell" {}
                    }
                }
            }
        }
        h2 { "Approved by the review board" }
        @if page.approved_bids.is_empty() {
            p id="no-approved-bids" { "No bid of " (organisation.name) " for " (period) " has been approved." }
        } @else {
            table class="nhsuk-table-responsive" id="approved-bids" {
                caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "What the review board approved, by bid and fund" }
                thead class="nhsuk-table__head" {
                    tr {
                        th scope="col" { "Bid" }
                        th scope="col" { "Fund" }
                        th scope="col" { "Capital" }
                        th scope="col" { "Revenue" }
                    }
                }
                tbody class="nhsuk-table__body" {
                    @for approved in &page.approved_bids {
                        tr class="nhsuk-table__row" {
                            td class="nhsuk-table__cell" {
                                (heading("Bid"))
                                a href={ "/organisations/" (ods) "/bids/" (approved.bid.id) } { (approved.bid.purpose.lines().next().unwrap_or_default()) }
                            }
                            td class="nhsuk-table__cell" { (heading("Fund")) (approved.fund_name) }
                            td class="nhsuk-table__cell" { (heading("Capital")) (approved.line.capital) }
                            td class="nhsuk-table__cell" { (heading("Revenue")) (approved.line.revenue) }
                        }
                    }
                }
                tfoot {
                    tr class="nhsuk-table__row" {
                        th scope="row" colspan="2" { "Total approved" }
                        td class="nhsuk-table__cell" id="approved-bids-total" colspan="2" {
                            (heading("Total approved"))
                            (amount(Pence::sum(page.approved_bids.iter().flat_map(|approved| [approved.line.capital, approved.line.revenue]))))
                        }
                    }
                }
            }
        }
        h2 { "From the ICS’s split of its envelope" }
        @match page.system_version {
            None => p id="no-split-lines" { "The ICS has not split its envelope for " (period) " yet." },
            Some(_) if page.system_lines.is_empty() => p id="no-split-lines" { "The ICS’s split gives nothing to " (organisation.name) " for " (period) "." },
            Some(version) => {
                table class="nhsuk-table-responsive" id="split-lines" {
                    caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "The organisation’s lines in the ICS’s split" }
                    thead class="nhsuk-table__head" {
                        tr {
                            th scope="col" { "Programme" }
                            th scope="col" { "Amount" }
                            th scope="col" { "How it was worked out" }
                        }
                    }
                    tbody class="nhsuk-table__body" {
                        @for line in &page.system_lines {
                            tr class="nhsuk-table__row" {
                                td class="nhsuk-table__cell" { (heading("Programme")) (line.key().programme) }
                                td class="nhsuk-table__cell" { (heading("Amount")) (line.amount()) }
                                td class="nhsuk-table__cell" {
                                    (heading("How it was worked out"))
                                    @match line.default_working() {
                                        Some((basis, _)) => (basis),
                                        None => "Changed from the default by an approved change.",
                                    }
                                }
                            }
                        }
                    }
                    tfoot {
                        tr class="nhsuk-table__row" {
                            th scope="row" { "Total from the split" }
                            td class="nhsuk-table__cell" id="split-lines-total" { (heading("Total from the split")) (amount(from_split)) }
                            td class="nhsuk-table__cell" {}
                        }
                    }
                }
                p class="nhsuk-body-s" { "The ICS’s split, version " (version) "." }
            }
        }
    }
}
