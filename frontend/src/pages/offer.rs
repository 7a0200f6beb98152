//! An organisation's digital offer: every standard service with its status and channels, links to
//! change each one (for the organisation's and its ICS's leads), and the history of changes.

use crate::api;
use crate::components::set_title;
use crate::page_guard::{Loads, RequireSignIn};
use crate::router::use_params_map;
use leptos::prelude::*;
use wgll_shared::access::{Session, User};
use wgll_shared::offer::{OfferChange, OrganisationOffer, ServiceStatus, channels_in_words, service};
use wgll_shared::organisation::Organisation;

/// True when `user` may change `organisation`'s offer (the API checks the same rule).
pub fn may_edit(user: &User, organisation: &Organisation) -> bool {
    user.is_administrator()
        || user.leads_organisation(&organisation.ods_code)
        || user.leads_ics(organisation.ics())
}

/// An NHS tag for a status, coloured and worded.
pub fn status_tag(status: ServiceStatus) -> impl IntoView {
    let colour = match status {
        ServiceStatus::Live => "nhsuk-tag--green",
        ServiceStatus::Pilot => "nhsuk-tag--blue",
        ServiceStatus::Planned => "nhsuk-tag--yellow",
        ServiceStatus::NotOffered => "nhsuk-tag--grey",
    };
    view! { <strong class=format!("nhsuk-tag {colour}")>{status.label()}</strong> }
}

#[component]
pub fn OfferPage() -> impl IntoView {
    let params = use_params_map();
    let page = move |signed_in: Session| {
        let ods = params.get().get("ods").unwrap_or_default();
        let offer = api::load::<OrganisationOffer>({
            let ods = ods.clone();
            move || format!("/api/organisations/{ods}/offer")
        });
        let history = api::load::<Vec<OfferChange>>({
            let ods = ods.clone();
            move || format!("/api/organisations/{ods}/offer/history")
        });
        let user = signed_in.user;
        view! {
            <div class="nhsuk-back-link">
                <a href=format!("/organisations/{ods}") class="nhsuk-back-link__link">"Back to the organisation"</a>
            </div>
            <Loads data=offer what="the digital services" heading="Digital services" heading_while_loading=true let:offer>
                <OfferTable offer user=user.clone() />
            </Loads>
            <h2>"History"</h2>
            <Loads data=history what="the history" let:changes>
                <History changes />
            </Loads>
        }
    };
    view! { <RequireSignIn page /> }
}

#[component]
fn OfferTable(offer: OrganisationOffer, user: User) -> impl IntoView {
    set_title(&format!("Digital services – {}", offer.organisation.name));
    let editable = may_edit(&user, &offer.organisation);
    let ods = offer.organisation.ods_code.to_string();
    let live = offer.services.iter().filter(|record| record.status == ServiceStatus::Live).count();
    view! {
        <span class="nhsuk-caption-l">{offer.organisation.name.clone()}</span>
        <h1>"Digital services for patients"</h1>
        <p>{format!(
            "{live} of the {} standard services are live. Patients see live and pilot services on the public page.",
            offer.services.len()
        )}</p>
        <p><a href=format!("/digital-services/{ods}") rel="external">"See the public page"</a></p>
        <table class="nhsuk-table-responsive">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Services and their status"</caption>
            <thead class="nhsuk-table__head">
                <tr>
                    <th scope="col">"Service"</th>
                    <th scope="col">"Status"</th>
                    <th scope="col">"Channels"</th>
                    <th scope="col">"Last checked"</th>
                    {editable.then(|| view! { <th scope="col"><span class="nhsuk-u-visually-hidden">"Action"</span></th> })}
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">
                {offer.services.into_iter().map(|record| {
                    let name = service(record.service.as_str()).map_or(record.service.to_string(), |service| service.name.to_owned());
                    let change = format!("/organisations/{ods}/digital-services/{}", record.service);
                    let channels = channels_in_words(&record.channels);
                    view! {
                        <tr class="nhsuk-table__row">
                            <td class="nhsuk-table__cell" role="cell">
                                <span class="nhsuk-table-responsive__heading" aria-hidden="true">"Service "</span>{name.clone()}
                            </td>
                            <td class="nhsuk-table__cell" role="cell">
                                <span class="nhsuk-table-responsive__heading" aria-hidden="true">"Status "</span>{status_tag(record.status)}
                            </td>
                            <td class="nhsuk-table__cell" role="cell">
                                <span class="nhsuk-table-responsive__heading" aria-hidden="true">"Channels "</span>
                                {if channels.is_empty() { "–".to_owned() } else { channels }}
                            </td>
                            <td class="nhsuk-table__cell" role="cell">
                                <span class="nhsuk-table-responsive__heading" aria-hidden="true">"Last checked "</span>
                                {record.last_checked.map(|date| date.to_string()).unwrap_or_else(|| "Not recorded".to_owned())}
                            </td>
                            {editable.then(|| view! {
                                <td class="nhsuk-table__cell" role="cell">
                                    <a href=change>"Change"<span class="nhsuk-u-visually-hidden">{format!(" {name}")}</span></a>
                                </td>
                            })}
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn History(changes: Vec<OfferChange>) -> impl IntoView {
    if changes.is_empty() {
        return view! { <p>"No changes recorded yet."</p> }.into_any();
    }
    view! {
        <ul class="nhsuk-list nhsuk-list--bullet" id="offer-history">
            {changes.into_iter().map(|change| {
                let name = service(change.service.as_str()).map_or(change.service.to_string(), |service| service.name.to_owned());
                view! {
                    <li>
                        <strong>{name}</strong>": "{change.summary}
                        <br /><span class="nhsuk-body-s">{format!("{} UTC by {}", change.at.to_minute(), change.actor)}</span>
                    </li>
                }
            }).collect_view()}
        </ul>
    }
    .into_any()
}
