//! `/digital-services/{ods}`: what can be done online with one organisation, and where.

use super::layout::{back_link, ics_address};
use maud::{Markup, html};
use wgll_shared::offer::{PublicOffer, PublicOrganisation, PublicService, channels_in_words};

pub fn render(offer: &PublicOffer) -> Markup {
    let organisation = &offer.organisation;
    let caption: Vec<&str> = [organisation.town.as_str(), organisation.kind.as_str()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect();
    html! {
        (back_link())
        span class="nhsuk-caption-l" { (caption.join(" · ")) }
        h1 { (organisation.name) }
        @if offer.services.is_empty() {
            p id="no-services" {
                "This organisation has not told us about any services you can use online yet. Contact it directly to find out how to book appointments or get your results."
            }
        } @else {
            p class="nhsuk-lede-text" {
                "You can do "
                @match offer.services.len() {
                    1 => { "1 thing" }
                    many => { (many) " things" }
                }
                " online with " (organisation.name) "."
            }
            ul class="nhsuk-list" id="services" {
                @for service in &offer.services { (card(service)) }
            }
        }
        @if let Some(ics) = &organisation.ics_code {
            p { a href=(ics_address(ics)) { "Other organisations in this area" } }
        }
        (contact(organisation))
        p class="nhsuk-body-s" {
            a href={ "/digital-services/" (organisation.ods_code) "/report" } { "Report something wrong on this page" }
        }
    }
}

/// How to reach the organisation without going online, as far as it has said.
fn contact(organisation: &PublicOrganisation) -> Markup {
    let contact = &organisation.contact;
    html! {
        h2 class="nhsuk-heading-m" id="contact" { "Contact " (organisation.name) }
        p { "If you cannot or would rather not go online, you can still contact them." }
        @if contact.is_empty() {
            p id="no-contact" { "They have not given us their contact details yet. Your GP practice or NHS 111 can tell you how to reach them." }
        } @else {
            dl class="nhsuk-summary-list" id="contact-details" {
                @if !contact.phone.is_empty() {
                    div class="nhsuk-summary-list__row" {
                        dt class="nhsuk-summary-list__key" { "Phone" }
                        dd class="nhsuk-summary-list__value" { a href=(contact.phone_link()) { (contact.phone) } }
                    }
                }
                @if !contact.website.is_empty() {
                    div class="nhsuk-summary-list__row" {
                        dt class="nhsuk-summary-list__key" { "Website" }
                        dd class="nhsuk-summary-list__value" { a href=(contact.website) rel="external" { (contact.website) } }
                    }
                }
                @if !contact.address.is_empty() {
                    div class="nhsuk-summary-list__row" {
                        dt class="nhsuk-summary-list__key" { "Address" }
                        dd class="nhsuk-summary-list__value" {
                            @for (index, line) in contact.address.lines().enumerate() {
                                @if index > 0 { br; }
                                (line)
                            }
                        }
                    }
                }
            }
        }
    }
}

fn card(service: &PublicService) -> Markup {
    html! {
        li class="nhsuk-card" {
            div class="nhsuk-card__content" {
                h2 class="nhsuk-card__heading nhsuk-heading-m" { (service.name) }
                p class="nhsuk-card__description" { (service.description) }
                p class="nhsuk-body-s" { strong { "Where: " } (channels_in_words(&service.channels)) }
                @if let Some(link) = &service.link {
                    div class="nhsuk-action-link" {
                        a class="nhsuk-action-link__link" href=(link) rel="external" {
                            svg class="nhsuk-icon nhsuk-icon__arrow-right-circle" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 24 24" aria-hidden="true" width="36" height="36" {
                                path d="M0 0h24v24H0z" fill="none" {}
                                path d="M12 2a10 10 0 0 0-9.95 9h11.64L9.74 7.05a1 1 0 0 1 1.41-1.41l5.66 5.65a1 1 0 0 1 0 1.42l-5.66 5.65a1 1 0 0 1-1.41 0 1 1 0 0 1 0-1.41L13.69 13H2.05A10 10 0 1 0 12 2z" {}
                            }
                            span class="nhsuk-action-link__text" {
                                "Use it online" span class="nhsuk-u-visually-hidden" { ": " (service.name) }
                            }
                        }
                    }
                }
                @if service.pilot {
                    p class="nhsuk-body-s" {
                        strong class="nhsuk-tag nhsuk-tag--blue" { "Being tried out" }
                        " It may not be available to everyone yet."
                    }
                }
            }
        }
    }
}
