//! An organisation's digital offer: every standard service with its status and channels, links to
//! change each one for those the rules let change it, and the history of changes
//! (`/organisations/{ods}/digital-services`).

use super::{Feedback, field_errors, has_error};
use maud::{Markup, html};
use wgll_shared::contact::ProblemReport;
use wgll_shared::offer::{OfferChange, OrganisationOffer, ServiceStatus, channels_in_words, service};
use wgll_shared::organisation::Organisation;

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

/// The page; `editable` when the caller may change this organisation's offer (the rules decide);
/// `feedback` from its contact details form.
pub fn render(
    offer: &OrganisationOffer,
    changes: &[OfferChange],
    editable: bool,
    reports: &[ProblemReport],
    feedback: &Feedback,
) -> Markup {
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
        (feedback.notice())
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
        (contact(&offer.organisation, editable, feedback))
        @if editable {
            (problem_reports(reports))
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

/// What members of the public reported wrong (the latest), for those who keep the page right.
fn problem_reports(reports: &[ProblemReport]) -> Markup {
    html! {
        h2 id="reports" { "Reports from the public" }
        @if reports.is_empty() {
            p id="no-reports" { "Nobody has reported anything wrong on the public page." }
        } @else {
            p { "The latest " (reports.len()) ", newest first. They are not shown publicly." }
            ul class="nhsuk-list" id="report-list" {
                @for report in reports {
                    li class="nhsuk-card" {
                        div class="nhsuk-card__content" {
                            p class="nhsuk-body-s" {
                                (report.at.to_minute()) " UTC"
                                @if let Some(email) = &report.reply_to {
                                    ", reply to " a href={ "mailto:" (email) } { (email) }
                                }
                            }
                            p { (report.message) }
                        }
                    }
                }
            }
        }
    }
}

/// How the public can reach the organisation, and (for those who may change it) the form.
fn contact(organisation: &Organisation, editable: bool, feedback: &Feedback) -> Markup {
    let contact = &organisation.contact;
    let shown = |value: &str| if value.is_empty() { "Not recorded".to_owned() } else { value.to_owned() };
    let errors = &feedback.errors;
    // After a refused save, what was typed; otherwise what is recorded.
    let value = |name: &str, recorded: &str| {
        if errors.is_empty() { recorded.to_owned() } else { feedback.typed(name).to_owned() }
    };
    let group = |id: &str| {
        if has_error(errors, id) { "nhsuk-form-group nhsuk-form-group--error" } else { "nhsuk-form-group" }
    };
    let action = format!("/organisations/{}/digital-services/contact", organisation.ods_code);
    html! {
        h2 id="contact" { "How the public can contact you" }
        p { "Shown on the public page, so that people who cannot or would rather not go online can still reach you." }
        dl class="nhsuk-summary-list" id="contact-details" {
            div class="nhsuk-summary-list__row" {
                dt class="nhsuk-summary-list__key" { "Website" }
                dd class="nhsuk-summary-list__value" { (shown(&contact.website)) }
            }
            div class="nhsuk-summary-list__row" {
                dt class="nhsuk-summary-list__key" { "Phone" }
                dd class="nhsuk-summary-list__value" { (shown(&contact.phone)) }
            }
            div class="nhsuk-summary-list__row" {
                dt class="nhsuk-summary-list__key" { "Address" }
                dd class="nhsuk-summary-list__value" {
                    @for (index, line) in shown(&contact.address).lines().enumerate() {
                        @if index > 0 { br; }
                        (line)
                    }
                }
            }
        }
        @if editable {
            details class="nhsuk-details" open[!errors.is_empty()] {
                summary class="nhsuk-details__summary" {
                    span class="nhsuk-details__summary-text" { "Change the contact details" }
                }
                div class="nhsuk-details__text" {
                    form method="post" action=(action) id="contact-form" novalidate {
                        input type="hidden" name="version" value=(organisation.version);
                        div class=(group("website")) {
                            label class="nhsuk-label" for="website" { "Website" }
                            div class="nhsuk-hint" id="website-hint" { "Starting with https://" }
                            (field_errors(errors, "website"))
                            input class="nhsuk-input" id="website" name="website" type="url" spellcheck="false"
                                aria-describedby="website-hint" value=(value("website", &contact.website));
                        }
                        div class=(group("phone")) {
                            label class="nhsuk-label" for="phone" { "Phone" }
                            (field_errors(errors, "phone"))
                            input class="nhsuk-input nhsuk-input--width-20" id="phone" name="phone" type="tel"
                                autocomplete="tel" value=(value("phone", &contact.phone));
                        }
                        div class=(group("address")) {
                            label class="nhsuk-label" for="address" { "Address" }
                            (field_errors(errors, "address"))
                            textarea class="nhsuk-textarea" id="address" name="address" rows="4" {
                                (value("address", &contact.address))
                            }
                        }
                        button class="nhsuk-button" type="submit" { "Save contact details" }
                        p class="nhsuk-body-s" role="status" aria-live="polite" data-form-status {}
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
        assert!(render(&offer(), &[], true, &[], &Feedback::default()).0.contains(change));
        let read_only = render(&offer(), &[], false, &[], &Feedback::default()).0;
        assert!(!read_only.contains(change) && !read_only.contains(">Change<"), "{read_only}");
        assert!(read_only.contains("0 of the 17 standard services are live"), "{read_only}");
    }
}
