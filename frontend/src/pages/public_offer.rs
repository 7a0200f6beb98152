//! The public, citizen-facing pages: no sign-in. Find an organisation by name, town or ODS code,
//! or browse by ICS, and see in plain English what can be done online there and where. They read
//! only the `/api/public` endpoints, which give live and pilot services and nothing internal.

use crate::api;
use crate::components::{Loading, ProblemPanel, set_title};
use leptos::prelude::*;
use leptos_router::components::A;
use leptos_router::hooks::{use_navigate, use_params_map, use_query_map};
use wgll_shared::offer::{PublicIcs, PublicOffer, PublicOrganisation, channels_in_words};

/// The search's address, so results can be bookmarked, shared and reached with Back.
fn search_path(search: &str) -> String {
    let encoded: String = js_sys::encode_uri_component(search.trim()).into();
    format!("/digital-services?search={encoded}")
}

#[component]
pub fn FindServices() -> impl IntoView {
    set_title("Find digital services");
    let query = use_query_map();
    let search = move || query.get().get("search").unwrap_or_default();
    let typed = RwSignal::new(search());
    let navigate = use_navigate();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        navigate(&search_path(&typed.get()), Default::default());
    };
    let results = LocalResource::new(move || {
        let search = search();
        async move {
            if search.trim().is_empty() {
                return None;
            }
            let encoded: String = js_sys::encode_uri_component(search.trim()).into();
            Some(
                api::get::<Vec<PublicOrganisation>>(&format!("/api/public/organisations?search={encoded}"))
                    .await,
            )
        }
    });
    let systems =
        LocalResource::new(|| async { api::get::<Vec<PublicOrganisation>>("/api/public/ics").await });
    view! {
        <h1>"Find digital services from your NHS organisation"</h1>
        <p class="nhsuk-lede-text">"See what you can do online with a hospital or other NHS organisation: book appointments, see test results, order medicines and more, and where to do it."</p>
        <form novalidate on:submit=submit role="search">
            <div class="nhsuk-form-group">
                <label class="nhsuk-label nhsuk-label--s" for="search">"Organisation name, town or ODS code"</label>
                <div class="nhsuk-hint" id="search-hint">"For example, Leeds or RR8"</div>
                <input class="nhsuk-input nhsuk-u-width-two-thirds" id="search" name="search" type="search"
                    aria-describedby="search-hint" autocomplete="off"
                    prop:value=move || typed.get()
                    on:input=move |event| typed.set(event_target_value(&event)) />
            </div>
            <button class="nhsuk-button" type="submit">"Search"</button>
        </form>
        <div aria-live="polite">
            {move || match results.get() {
                None => view! { <Loading what="results" /> }.into_any(),
                Some(None) => ().into_any(),
                Some(Some(Err(problem))) => view! { <ProblemPanel problem /> }.into_any(),
                Some(Some(Ok(found))) => view! { <SearchResults search=search() found /> }.into_any(),
            }}
        </div>
        <h2>"Browse by Integrated Care System"</h2>
        {move || match systems.get() {
            None => view! { <Loading what="the Integrated Care Systems" /> }.into_any(),
            Some(Err(problem)) => view! { <ProblemPanel problem /> }.into_any(),
            Some(Ok(systems)) if systems.is_empty() => view! { <p>"No Integrated Care Systems have been added yet."</p> }.into_any(),
            Some(Ok(systems)) => view! {
                <ul class="nhsuk-list" id="systems">
                    {systems.into_iter().map(|system| view! {
                        <li><A href=format!("/digital-services/ics/{}", system.ods_code)>{system.name}</A></li>
                    }).collect_view()}
                </ul>
            }.into_any(),
        }}
    }
}

#[component]
fn SearchResults(search: String, found: Vec<PublicOrganisation>) -> impl IntoView {
    let count = match found.len() {
        0 => format!("No organisations match “{}”. Check the spelling, or try a town.", search.trim()),
        1 => format!("1 organisation matches “{}”", search.trim()),
        many => format!("{many} organisations match “{}”", search.trim()),
    };
    view! {
        <h2 id="results-heading">"Results"</h2>
        <p id="results-count">{count}</p>
        <ul class="nhsuk-list" aria-labelledby="results-heading">
            {found.into_iter().map(|organisation| view! {
                <li><OrganisationLink organisation /></li>
            }).collect_view()}
        </ul>
    }
}

#[component]
fn OrganisationLink(organisation: PublicOrganisation) -> impl IntoView {
    let details = [organisation.town.clone(), organisation.ods_code.to_string()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(", ");
    view! {
        <A href=format!("/digital-services/{}", organisation.ods_code)>{organisation.name}</A>
        <br /><span class="nhsuk-body-s">{details}</span>
    }
}

#[component]
pub fn PublicIcsPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let ics = params.get().get("ics").unwrap_or_default();
        let found = LocalResource::new(move || {
            let path = format!("/api/public/ics/{ics}");
            async move { api::get::<PublicIcs>(&path).await }
        });
        view! {
            <div class="nhsuk-back-link">
                <A href="/digital-services" attr:class="nhsuk-back-link__link">"Find digital services"</A>
            </div>
            {move || match found.get() {
                None => view! { <Loading what="the organisations" /> }.into_any(),
                Some(Err(problem)) => view! { <h1>"Integrated Care System"</h1><ProblemPanel problem /> }.into_any(),
                Some(Ok(system)) => {
                    set_title(&system.ics.name);
                    view! {
                        <h1>{system.ics.name.clone()}</h1>
                        <p>"Choose an organisation to see what you can do online there."</p>
                        <ul class="nhsuk-list" id="members">
                            {system.organisations.into_iter().map(|member| {
                                let online = match member.services_online {
                                    0 => "No online services recorded yet".to_owned(),
                                    1 => "1 service online".to_owned(),
                                    many => format!("{many} services online"),
                                };
                                view! {
                                    <li>
                                        <A href=format!("/digital-services/{}", member.organisation.ods_code)>{member.organisation.name}</A>
                                        <br /><span class="nhsuk-body-s">{online}</span>
                                    </li>
                                }
                            }).collect_view()}
                        </ul>
                    }.into_any()
                }
            }}
        }
    }
}

#[component]
pub fn PublicOrganisationPage() -> impl IntoView {
    let params = use_params_map();
    move || {
        let ods = params.get().get("ods").unwrap_or_default();
        let found = LocalResource::new(move || {
            let path = format!("/api/public/organisations/{ods}");
            async move { api::get::<PublicOffer>(&path).await }
        });
        view! {
            <div class="nhsuk-back-link">
                <A href="/digital-services" attr:class="nhsuk-back-link__link">"Find digital services"</A>
            </div>
            {move || match found.get() {
                None => view! { <Loading what="the organisation’s services" /> }.into_any(),
                Some(Err(problem)) => view! { <h1>"Digital services"</h1><ProblemPanel problem /> }.into_any(),
                Some(Ok(offer)) => view! { <PublicOfferView offer /> }.into_any(),
            }}
        }
    }
}

#[component]
fn PublicOfferView(offer: PublicOffer) -> impl IntoView {
    let organisation = offer.organisation;
    set_title(&format!("Digital services – {}", organisation.name));
    let caption = [organisation.town.clone(), organisation.kind.clone()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect::<Vec<_>>()
        .join(" · ");
    let browse = organisation.ics_code.as_ref().map(|ics| {
        view! { <p><A href=format!("/digital-services/ics/{ics}")>"Other organisations in this area"</A></p> }
    });
    view! {
        <span class="nhsuk-caption-l">{caption}</span>
        <h1>{organisation.name.clone()}</h1>
        {if offer.services.is_empty() {
            view! {
                <p id="no-services">"This organisation has not told us about any services you can use online yet. Contact it directly to find out how to book appointments or get your results."</p>
            }.into_any()
        } else {
            view! {
                <p class="nhsuk-lede-text">{match offer.services.len() {
                    1 => format!("You can do 1 thing online with {}.", organisation.name),
                    many => format!("You can do {many} things online with {}.", organisation.name),
                }}</p>
                <ul class="nhsuk-list" id="services">
                    {offer.services.into_iter().map(|service| view! {
                        <li class="nhsuk-card">
                            <div class="nhsuk-card__content">
                                <h2 class="nhsuk-card__heading nhsuk-heading-m">{service.name}</h2>
                                <p class="nhsuk-card__description">{service.description}</p>
                                <p class="nhsuk-body-s"><strong>"Where: "</strong>{channels_in_words(&service.channels)}</p>
                                {service.pilot.then(|| view! {
                                    <p class="nhsuk-body-s"><strong class="nhsuk-tag nhsuk-tag--blue">"Being tried out"</strong>" It may not be available to everyone yet."</p>
                                })}
                            </div>
                        </li>
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {browse}
        <p class="nhsuk-body-s">"If you cannot or would rather not go online, you can still contact the organisation by phone, by post or in person."</p>
    }
}
