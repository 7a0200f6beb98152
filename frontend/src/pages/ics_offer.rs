//! An ICS's digital offer: how many of its organisations offer each standard service live, the
//! gaps that make the offer inconsistent, the full organisations × services matrix, and exports.

use crate::api;
use crate::components::{DownloadButtons, DownloadFile, set_title};
use crate::page_guard::{Loads, RequireSignIn};
use crate::pages::offer::status_tag;
use crate::router::use_params_map;
use leptos::prelude::*;
use wgll_shared::offer::{IcsOffer, ServiceStatus, service};

#[component]
pub fn IcsOfferPage() -> impl IntoView {
    let params = use_params_map();
    let page = move |_| {
        let ics = params.get().get("ics").unwrap_or_default();
        let offer = api::load::<IcsOffer>({
            let ics = ics.clone();
            move || format!("/api/ics/{ics}/offer")
        });
        view! {
            <div class="nhsuk-back-link">
                <a href=format!("/organisations/{ics}") class="nhsuk-back-link__link">"Back to the ICS"</a>
            </div>
            <Loads data=offer what="the ICS’s digital services" heading="Digital services across the ICS" heading_while_loading=true let:offer>
                <IcsOfferView offer />
            </Loads>
        }
    };
    view! { <RequireSignIn page /> }
}

#[component]
fn IcsOfferView(offer: IcsOffer) -> impl IntoView {
    set_title(&format!("Digital services across {}", offer.ics.name));
    let ics = offer.ics.ods_code.to_string();
    let organisations = offer.rows.len();
    let name_of = {
        let rows = offer.rows.clone();
        move |ods: &wgll_shared::organisation::OdsCode| {
            rows.iter().find(|row| &row.ods_code == ods).map_or(ods.to_string(), |row| row.name.clone())
        }
    };
    view! {
        <span class="nhsuk-caption-l">{offer.ics.name.clone()}</span>
        <h1>"Digital services across the ICS"</h1>
        {if organisations == 0 {
            view! { <p>"This ICS has no member organisations yet."</p> }.into_any()
        } else {
            view! {
                <p class="nhsuk-lede-text" id="offer-consistency">{format!(
                    "{} of {} standard services are live at all {organisations} organisations.",
                    offer.consistent_services, offer.coverage.len()
                )}</p>
            }.into_any()
        }}
        <DownloadButtons files=vec![
            DownloadFile { label: "Download CSV", path: format!("/api/ics/{ics}/offer.csv"), name: format!("digital-offer-{ics}.csv") },
            DownloadFile { label: "Download JSON", path: format!("/api/ics/{ics}/offer.json"), name: format!("digital-offer-{ics}.json") },
        ] />
        <h2>"Coverage and gaps"</h2>
        <table class="nhsuk-table-responsive" id="offer-coverage">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Organisations offering each service"</caption>
            <thead class="nhsuk-table__head">
                <tr>
                    <th scope="col">"Service"</th>
                    <th scope="col">"Live"</th>
                    <th scope="col">"Pilot"</th>
                    <th scope="col">"Planned"</th>
                    <th scope="col">"Not live at"</th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">
                {offer.coverage.iter().map(|coverage| {
                    let gaps = if coverage.gaps.is_empty() {
                        "Live everywhere".to_owned()
                    } else {
                        coverage.gaps.iter().map(&name_of).collect::<Vec<_>>().join("; ")
                    };
                    view! {
                        <tr class="nhsuk-table__row">
                            <td class="nhsuk-table__cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">"Service "</span>{coverage.name.clone()}</td>
                            <td class="nhsuk-table__cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">"Live "</span>
                                {format!("{} of {} ({}%)", coverage.live, coverage.organisations, coverage.live_percent)}</td>
                            <td class="nhsuk-table__cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">"Pilot "</span>{coverage.pilot}</td>
                            <td class="nhsuk-table__cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">"Planned "</span>{coverage.planned}</td>
                            <td class="nhsuk-table__cell"><span class="nhsuk-table-responsive__heading" aria-hidden="true">"Not live at "</span>{gaps}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
        <h2>"Every organisation and service"</h2>
        <p class="nhsuk-body-s">"Scroll sideways to see every service."</p>
        <div class="app-table-scroll" role="region" aria-labelledby="offer-matrix-caption" tabindex="0">
            <table class="nhsuk-table app-matrix" id="offer-matrix">
                <caption class="nhsuk-table__caption" id="offer-matrix-caption">"Status of each service at each organisation"</caption>
                <thead class="nhsuk-table__head">
                    <tr>
                        <th scope="col">"Organisation"</th>
                        {offer.services.iter().map(|id| view! {
                            <th scope="col">{service(id).map_or(id.clone(), |service| service.name.to_owned())}</th>
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody class="nhsuk-table__body">
                    {offer.rows.into_iter().map(|row| view! {
                        <tr class="nhsuk-table__row">
                            <th scope="row" class="nhsuk-table__cell">
                                <a href=format!("/organisations/{}/digital-services", row.ods_code)>{row.name}</a>
                            </th>
                            {row.statuses.into_iter().map(|status| view! {
                                <td class="nhsuk-table__cell">
                                    {if status == ServiceStatus::NotOffered { view! { "–" }.into_any() } else { status_tag(status).into_any() }}
                                </td>
                            }).collect_view()}
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
