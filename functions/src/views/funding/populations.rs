//! Weighted populations for a year, for administrators (`/funding-setup/populations?period=…`):
//! every one recorded, with its source and version, and the form that records one (or, opened
//! from a row's "Change" link, changes it at the version shown). Fair shares divides a pot in
//! proportion to these.

use super::fields::{self, shown};
use super::{heading, query, year_chooser};
use crate::views::Feedback;
use maud::{Markup, html};
use wgll_shared::funding::money::group;
use wgll_shared::funding::records::{PopulationRecord, Versioned};
use wgll_shared::period::Period;

pub fn render(
    period: &Period,
    recorded: &[Versioned<PopulationRecord>],
    editing: Option<&Versioned<PopulationRecord>>,
    feedback: &Feedback,
) -> Markup {
    let action = format!("/funding-setup/populations?period={}", query(period));
    let saved_ods = editing.map(|record| record.value.population.recipient.to_string()).unwrap_or_default();
    let saved_figure =
        editing.map(|record| record.value.population.weighted_population.to_string()).unwrap_or_default();
    let saved_source = editing.map(|record| record.value.population.source.clone()).unwrap_or_default();
    html! {
        div class="nhsuk-back-link" data-title={ "Weighted populations – " (period) } {
            a href={ "/funding?period=" (query(period)) } class="nhsuk-back-link__link" { "All funds for " (period) }
        }
        span class="nhsuk-caption-l" { "Funding setup" }
        h1 { "Weighted populations, " (period) }
        (feedback.notice())
        (year_chooser("/funding-setup/populations", period))
        p { "Fair shares divides a pot in proportion to each recipient’s weighted population for the year." }
        @if recorded.is_empty() {
            p id="no-populations" { "No weighted population is recorded for " (period) " yet." }
        } @else {
            table class="nhsuk-table-responsive" id="populations" {
                caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Weighted populations for " (period) }
                thead class="nhsuk-table__head" {
                    tr {
                        th scope="col" { "ODS code" }
                        th scope="col" { "ICS" }
                        th scope="col" { "Weighted population" }
                        th scope="col" { "Source" }
                        th scope="col" { "Version" }
                        th scope="col" { span class="nhsuk-u-visually-hidden" { "Change" } }
                    }
                }
                tbody class="nhsuk-table__body" {
                    @for record in recorded {
                        @let population = &record.value.population;
                        tr class="nhsuk-table__row" {
                            td class="nhsuk-table__cell" { (heading("ODS code")) (population.recipient) }
                            td class="nhsuk-table__cell" { (heading("ICS")) (record.value.ics) }
                            td class="nhsuk-table__cell" { (heading("Weighted population")) (group(u128::from(population.weighted_population))) }
                            td class="nhsuk-table__cell" { (heading("Source")) (population.source) }
                            td class="nhsuk-table__cell" { (heading("Version")) (record.version) }
                            td class="nhsuk-table__cell" {
                                a href={ "/funding-setup/populations?period=" (query(period)) "&ods=" (population.recipient) } {
                                    "Change" span class="nhsuk-u-visually-hidden" { " " (population.recipient) "’s" }
                                }
                            }
                        }
                    }
                }
            }
        }
        form method="post" action=(action) id="population" novalidate {
            h2 { @if editing.is_some() { "Change " (saved_ods) "’s weighted population" } @else { "Record a weighted population" } }
            input type="hidden" name="version" value=(editing.map_or(0, |record| record.version));
            @if editing.is_some() {
                input type="hidden" name="ods" value=(saved_ods);
            } @else {
                (fields::text(feedback, "ods", "ODS code of the ICS or organisation", "Like QWO or RR8", shown(feedback, "ods", ""), "nhsuk-input--width-10"))
            }
            (fields::text(feedback, "weightedPopulation", "Weighted population", "A whole number, like 2,400,000", shown(feedback, "weightedPopulation", &saved_figure), "nhsuk-input--width-10"))
            (fields::text(feedback, "source", "Where the figure comes from", "For example: CCG allocations 2021/22, weighted", shown(feedback, "source", &saved_source), ""))
            (fields::submit("Record it", false))
        }
    }
}
