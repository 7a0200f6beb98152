//! An ICS's digital offer: how many of its organisations offer each standard service live, the
//! gaps that make the offer inconsistent, the full organisations × services matrix, and exports
//! (`/ics/{ics}/digital-services`).

use super::offer::status_tag;
use super::{Download, downloads};
use maud::{Markup, html};
use wgll_shared::offer::{IcsOffer, ServiceCoverage, ServiceStatus, service};
use wgll_shared::organisation::OdsCode;

pub fn render(offer: &IcsOffer) -> Markup {
    let ics = &offer.ics.ods_code;
    let organisations = offer.rows.len();
    let heading =
        |text: &str| html! { span class="nhsuk-table-responsive__heading" aria-hidden="true" { (text) " " } };
    let file = |label, extension: &str| Download {
        label,
        path: format!("/api/ics/{ics}/offer.{extension}"),
        name: format!("digital-offer-{ics}.{extension}"),
    };
    html! {
        div class="nhsuk-back-link" data-title={ "Digital services across " (offer.ics.name) } {
            a href={ "/organisations/" (ics) } class="nhsuk-back-link__link" { "Back to the ICS" }
        }
        span class="nhsuk-caption-l" { (offer.ics.name) }
        h1 { "Digital services across the ICS" }
        @if organisations == 0 {
            p { "This ICS has no member organisations yet." }
        } @else {
            p class="nhsuk-lede-text" id="offer-consistency" {
                (offer.consistent_services) " of " (offer.coverage.len()) " standard services are live at all "
                (organisations) " organisations."
            }
        }
        (downloads(&[file("Download CSV", "csv"), file("Download JSON", "json")]))
        h2 { "Coverage and gaps" }
        table class="nhsuk-table-responsive" id="offer-coverage" {
            caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Organisations offering each service" }
            thead class="nhsuk-table__head" {
                tr {
                    th scope="col" { "Service" }
                    th scope="col" { "Live" }
                    th scope="col" { "Pilot" }
                    th scope="col" { "Planned" }
                    th scope="col" { "Not live at" }
                }
            }
            tbody class="nhsuk-table__body" {
                @for coverage in &offer.coverage {
                    tr class="nhsuk-table__row" {
                        td class="nhsuk-table__cell" { (heading("Service")) (coverage.name) }
                        td class="nhsuk-table__cell" {
                            (heading("Live")) (coverage.live) " of " (coverage.organisations) " (" (coverage.live_percent) "%)"
                        }
                        td class="nhsuk-table__cell" { (heading("Pilot")) (coverage.pilot) }
                        td class="nhsuk-table__cell" { (heading("Planned")) (coverage.planned) }
                        td class="nhsuk-table__cell" { (heading("Not live at")) (gaps(offer, coverage)) }
                    }
                }
            }
        }
        h2 { "Every organisation and service" }
        p class="nhsuk-body-s" { "Scroll sideways to see every service." }
        div class="app-table-scroll" role="region" aria-labelledby="offer-matrix-caption" tabindex="0" {
            table class="nhsuk-table app-matrix" id="offer-matrix" {
                caption class="nhsuk-table__caption" id="offer-matrix-caption" { "Status of each service at each organisation" }
                thead class="nhsuk-table__head" {
                    tr {
                        th scope="col" { "Organisation" }
                        @for id in &offer.services {
                            th scope="col" { (service(id).map_or(id.clone(), |service| service.name.to_owned())) }
                        }
                    }
                }
                tbody class="nhsuk-table__body" {
                    @for row in &offer.rows {
                        tr class="nhsuk-table__row" {
                            th scope="row" class="nhsuk-table__cell" {
                                a href={ "/organisations/" (row.ods_code) "/digital-services" } { (row.name) }
                            }
                            @for status in &row.statuses {
                                td class="nhsuk-table__cell" {
                                    @if *status == ServiceStatus::NotOffered { "–" } @else { (status_tag(*status)) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Where a service is not live, by the organisations' names (their codes when not in the matrix).
fn gaps(offer: &IcsOffer, coverage: &ServiceCoverage) -> String {
    if coverage.gaps.is_empty() {
        return "Live everywhere".to_owned();
    }
    let name_of = |ods: &OdsCode| {
        offer.rows.iter().find(|row| &row.ods_code == ods).map_or(ods.to_string(), |row| row.name.clone())
    };
    coverage.gaps.iter().map(name_of).collect::<Vec<_>>().join("; ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_gaps_name_the_organisations_missing_a_service_or_say_it_is_live_everywhere() {
        let organisation = |ods: &str, name: &str, kind: &str, ics: Option<&str>| {
            serde_json::from_value(serde_json::json!({
                "odsCode": ods, "name": name, "kind": kind, "icsCode": ics,
                "version": 1, "createdAt": "2026-01-05T09:00:00.000Z", "updatedAt": "2026-01-05T09:00:00.000Z"
            }))
            .unwrap()
        };
        let ics = organisation("QWO", "West Yorkshire ICS", "ics", None);
        let members = vec![
            organisation("RR8", "Leeds Teaching Hospitals NHS Trust", "acute-trust", Some("QWO")),
            organisation("RXF", "Mid Yorkshire Teaching NHS Trust", "acute-trust", Some("QWO")),
        ];
        let offer = IcsOffer::new(ics, members, &[]);
        let html = render(&offer).0;
        assert!(
            html.contains("Leeds Teaching Hospitals NHS Trust; Mid Yorkshire Teaching NHS Trust"),
            "{html}"
        );
        let mut everywhere = offer.coverage[0].clone();
        everywhere.gaps.clear();
        assert_eq!(gaps(&offer, &everywhere), "Live everywhere");
    }
}
