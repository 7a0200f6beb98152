//! An organisation's digital offer: every standard service with its status and channels, links to
//! change each one for those the rules let change it, and the history of changes
//! (`/organisations/{ods}/digital-services`).

use maud::{Markup, html};
use wgll_shared::offer::{OfferChange, OrganisationOffer, ServiceStatus, channels_in_words, service};

/// An NHS tag for a status, coloured and worded.
pub fn status_tag(status: ServiceStatus) -> Markup {
    let colour = match status {
        ServiceStatus::Live => "nhsuk-tag--green",
        ServiceStatus::Pilot => "nhsuk-tag--blue",
        ServiceStatus::Planned => "nhsuk-tag--yellow",
        ServiceStatus::NotOffered => "nhsuk-tag--grey",
    };
    html! { strong class={ "nhsuk-tag " (colour) } { (status.label()) } }
}

/// The page; `editable` when the caller may change this organisation's offer (the rules decide).
pub fn render(offer: &OrganisationOffer, changes: &[OfferChange], editable: bool) -> Markup {
    let organisation = &offer.organisation;
    let ods = &organisation.ods_code;
    let live = offer.services.iter().filter(|record| record.status == ServiceStatus::Live).count();
    let heading =
        |text: &str| html! { span class="nhsuk-table-responsive__heading" aria-hidden="true" { (text) " " } };
    html! {
        div class="nhsuk-back-link" data-title={ "Digital services – " (organisation.name) } {
            a href={ "/organisations/" (ods) } class="nhsuk-back-link__link" { "Back to the organisation" }
        }
        span class="nhsuk-caption-l" { (organisation.name) }
        h1 { "Digital services for patients" }
        p {
            (live) " of the " (offer.services.len())
            " standard services are live. Patients see live and pilot services on the public page."
        }
        p { a href={ "/digital-services/" (ods) } rel="external" { "See the public page" } }
        table class="nhsuk-table-responsive" {
            caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Services and their status" }
            thead class="nhsuk-table__head" {
                tr {
                    th scope="col" { "Service" }
                    th scope="col" { "Status" }
                    th scope="col" { "Channels" }
                    th scope="col" { "Last checked" }
                    @if editable { th scope="col" { span class="nhsuk-u-visually-hidden" { "Action" } } }
                }
            }
            tbody class="nhsuk-table__body" {
                @for record in &offer.services {
                    @let name = service(record.service.as_str()).map_or(record.service.to_string(), |service| service.name.to_owned());
                    @let channels = channels_in_words(&record.channels);
                    tr class="nhsuk-table__row" {
                        td class="nhsuk-table__cell" role="cell" { (heading("Service")) (name) }
                        td class="nhsuk-table__cell" role="cell" { (heading("Status")) (status_tag(record.status)) }
                        td class="nhsuk-table__cell" role="cell" {
                            (heading("Channels")) (if channels.is_empty() { "–".to_owned() } else { channels })
                        }
                        td class="nhsuk-table__cell" role="cell" {
                            (heading("Last checked"))
                            (record.last_checked.map(|date| date.to_string()).unwrap_or_else(|| "Not recorded".to_owned()))
                        }
                        @if editable {
                            td class="nhsuk-table__cell" role="cell" {
                                a href={ "/organisations/" (ods) "/digital-services/" (record.service) } {
                                    "Change" span class="nhsuk-u-visually-hidden" { " " (name) }
                                }
                            }
                        }
                    }
                }
            }
        }
        h2 { "History" }
        @if changes.is_empty() {
            p { "No changes recorded yet." }
        } @else {
            ul class="nhsuk-list nhsuk-list--bullet" id="offer-history" {
                @for change in changes {
                    li {
                        strong { (service(change.service.as_str()).map_or(change.service.to_string(), |service| service.name.to_owned())) }
                        ": " (change.summary)
                        br;
                        span class="nhsuk-body-s" { (change.at.to_minute()) " UTC by " (change.actor) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn offer() -> OrganisationOffer {
        let organisation = serde_json::from_value(serde_json::json!({
            "odsCode": "RR8", "name": "Leeds Teaching Hospitals NHS Trust", "kind": "acute-trust", "icsCode": "QWO",
            "version": 1, "createdAt": "2026-01-05T09:00:00.000Z", "updatedAt": "2026-01-05T09:00:00.000Z"
        }))
        .unwrap();
        OrganisationOffer::new(organisation, Vec::new())
    }

    #[test]
    fn only_those_who_may_change_the_offer_see_change_links() {
        let change = r#"href="/organisations/RR8/digital-services/test-results""#;
        assert!(render(&offer(), &[], true).0.contains(change));
        let read_only = render(&offer(), &[], false).0;
        assert!(!read_only.contains(change) && !read_only.contains(">Change<"), "{read_only}");
        assert!(read_only.contains("0 of the 17 standard services are live"), "{read_only}");
    }
}
