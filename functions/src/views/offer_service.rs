//! Changing one service in an organisation's digital offer
//! (`/organisations/{ods}/digital-services/{service}`): its status, the channels patients use it
//! on, since when, the link for patients, the source and when it was last checked. Posted to
//! `crate::api::offer_service_page`, which saves it through the JSON API's own function and
//! takes the person back to the offer, or answers with this page again saying what to correct.

use super::Feedback;
use super::funding::fields;
use maud::{Markup, html};
use wgll_shared::date::Date;
use wgll_shared::offer::{Channel, OrganisationOffer, Service, ServiceOffer, ServiceStatus};

/// The page: the form for those who may change the offer (`editable`, as the rules say), else
/// who can. `today` is the date the form offers as last checked.
pub fn render(
    offer: &OrganisationOffer,
    service: &Service,
    editable: bool,
    today: Date,
    feedback: &Feedback,
) -> Markup {
    let organisation = &offer.organisation;
    let back = format!("/organisations/{}/digital-services", organisation.ods_code);
    html! {
        div class="nhsuk-back-link" data-title={ "Change " (service.name) } {
            a href=(back) class="nhsuk-back-link__link" { "Back to the digital services" }
        }
        span class="nhsuk-caption-l" { (organisation.name) }
        h1 { (service.name) }
        @if editable {
            p { (service.description) }
            (feedback.notice())
            (form(offer, service, today, feedback, &back))
        } @else {
            p { "Only the organisation’s lead, its ICS’s lead or an administrator can change its digital services." }
        }
    }
}

fn form(
    offer: &OrganisationOffer,
    service: &Service,
    today: Date,
    feedback: &Feedback,
    back: &str,
) -> Markup {
    let ods = &offer.organisation.ods_code;
    let record = offer
        .offer(service.id)
        .cloned()
        .unwrap_or_else(|| ServiceOffer::unrecorded(ods, &service.service_id()));
    // What each field shows: what was typed when the form came back with an error, else what is saved.
    let shown = |name: &str, saved: String| fields::shown(feedback, name, &saved).to_owned();
    let status = shown("status", record.status.code().to_owned());
    let channels: Vec<String> = match feedback.typed.is_empty() {
        false => feedback
            .typed
            .iter()
            .filter(|(name, _)| name == "channels")
            .map(|(_, value)| value.clone())
            .collect(),
        true => record.channels.iter().map(|channel| channel.code().to_owned()).collect(),
    };
    let (since_month, since_year) = record.since.map_or((String::new(), String::new()), |since| {
        (since.month().to_string(), since.year().to_string())
    });
    let (since_month, since_year) = (shown("since-month", since_month), shown("since-year", since_year));
    let day = shown("last-checked-day", today.day().to_string());
    let month = shown("last-checked-month", today.month().to_string());
    let year = shown("last-checked-year", today.year().to_string());
    let statuses: Vec<(String, String)> = ServiceStatus::ALL
        .iter()
        .map(|status| (status.code().to_owned(), status.label().to_owned()))
        .collect();
    let channel_options: Vec<(String, String)> =
        Channel::ALL.iter().map(|channel| (channel.code().to_owned(), channel.label().to_owned())).collect();
    let conflict = feedback.errors.iter().any(|error| error.field == "version");
    html! {
        form method="post" action={ (back) "/" (service.id) } novalidate {
            input type="hidden" name="version" value=(record.version);
            (fields::choices(feedback, "status", "Status", &statuses, std::slice::from_ref(&status), false))
            (fields::choices(feedback, "channels", "Where patients can use it (select all that apply)",
                &channel_options, &channels, true))
            (fields::month(feedback, "since", "Since when (optional)",
                "The month it started, or for a planned service when it is expected. For example, 3 2024",
                (&since_month, &since_year)))
            (fields::text(feedback, "public-link", "Link for patients (optional)",
                "Where patients use the service online, starting with https://. Shown to the public while it is live or in pilot",
                &shown("public-link", record.public_link.clone()), ""))
            (fields::text(feedback, "source", "Source or evidence link (optional)",
                "A web address where the service is described, starting with https://. Not shown to the public",
                &shown("source", record.source.clone()), ""))
            (fields::date(feedback, "last-checked", "Date last checked", "For example, 24 11 2026", (&day, &month, &year)))
            @if conflict {
                p { a href={ (back) "/" (service.id) } { "Reload the service to see the change" } }
            }
            (fields::submit("Save", false))
        }
    }
}
