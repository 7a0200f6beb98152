//! Changing one service in an organisation's digital offer: its status, channels, since when,
//! the source and when it was last checked. Checked here with the API's own rules before sending.

use crate::api;
use crate::components::{ErrorSummary, TextField, error_for, invalid, may_edit, set_title, today};
use crate::date_input::DateInput;
use crate::page_guard::{Loads, RequireSignIn};
use crate::router::use_params_map;
use leptos::prelude::*;
use wgll_shared::access::{Session, User};
use wgll_shared::offer::{
    Channel, OrganisationOffer, Service, ServiceOffer, ServiceOfferUpdate, ServiceStatus, service,
};
use wgll_shared::problem::Problem;

#[component]
pub fn ServiceOfferPage() -> impl IntoView {
    let params = use_params_map();
    let page = move |signed_in: Session| {
        let ods = params.get().get("ods").unwrap_or_default();
        let id = params.get().get("service").unwrap_or_default();
        let offer = api::load::<OrganisationOffer>({
            let ods = ods.clone();
            move || format!("/api/organisations/{ods}/offer")
        });
        let back = format!("/organisations/{ods}/digital-services");
        let Some(service) = service(&id) else {
            return view! {
                <h1>"Service not found"</h1>
                <p>"There is no such service in the catalogue."</p>
                <p><a href=back>"Back to the digital services"</a></p>
            }
            .into_any();
        };
        set_title(&format!("Change {}", service.name));
        let user = signed_in.user;
        view! {
            <div class="nhsuk-back-link">
                <a href=back.clone() class="nhsuk-back-link__link">"Back to the digital services"</a>
            </div>
            <Loads data=offer what="the service" let:offer>
                <ServiceChange offer service user=user.clone() back=back.clone() />
            </Loads>
        }
        .into_any()
    };
    view! { <RequireSignIn page /> }
}

/// The service's form, for those who may change it.
#[component]
fn ServiceChange(
    offer: OrganisationOffer,
    service: &'static Service,
    user: User,
    back: String,
) -> impl IntoView {
    if !may_edit(&user, &offer.organisation) {
        return view! {
            <h1>{service.name}</h1>
            <p>"Only the organisation’s lead, its ICS’s lead or an administrator can change its digital services."</p>
        }
        .into_any();
    }
    let record = offer
        .offer(service.id)
        .cloned()
        .unwrap_or_else(|| ServiceOffer::unrecorded(&offer.organisation.ods_code, &service.service_id()));
    view! {
        <span class="nhsuk-caption-l">{offer.organisation.name.clone()}</span>
        <h1>{service.name}</h1>
        <p>{service.description}</p>
        <ServiceForm record back />
    }
    .into_any()
}

#[component]
fn ServiceForm(record: ServiceOffer, back: String) -> impl IntoView {
    let status = RwSignal::new(record.status);
    let channels = RwSignal::new(record.channels.clone());
    let since = RwSignal::new(record.since.map(|month| month.to_string()).unwrap_or_default());
    let source = RwSignal::new(record.source.clone());
    let public_link = RwSignal::new(record.public_link.clone());
    let last_checked = RwSignal::new(today().to_string());
    let (problem, set_problem) = signal(None::<Problem>);
    let path = format!("/api/organisations/{}/offer/{}", record.ods_code, record.service);
    let save = api::sender::<ServiceOfferUpdate, ServiceOffer>(api::Method::Put, path);
    Effect::new(move |_| match save.answer() {
        Some(Ok(_)) => crate::router::navigate(&back),
        Some(Err(failure)) => set_problem.set(Some(failure)),
        None => {}
    });
    let version = record.version;
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = ServiceOfferUpdate {
            status: status.get(),
            channels: channels.get(),
            since: since.get(),
            source: source.get(),
            public_link: public_link.get(),
            last_checked: last_checked.get(),
            version,
        };
        match form.validate(today()) {
            Err(errors) => set_problem.set(Some(invalid(errors))),
            Ok(_) => {
                set_problem.set(None);
                save.dispatch(form);
            }
        }
    };
    let channels_error = move || error_for(problem.get(), "channels");
    view! {
        <ErrorSummary problem=problem />
        <form novalidate on:submit=submit>
            <div class="nhsuk-form-group">
                <fieldset class="nhsuk-fieldset">
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">"Status"</legend>
                    <div class="nhsuk-radios">
                        {ServiceStatus::ALL.into_iter().map(|option| {
                            let id = format!("status-{}", option.code());
                            view! {
                                <div class="nhsuk-radios__item">
                                    <input class="nhsuk-radios__input" id=id.clone() name="status" type="radio" value=option.code()
                                        prop:checked=move || status.get() == option
                                        on:change=move |_| {
                                            status.set(option);
                                            // Nothing is offered on a channel for a service that is not offered.
                                            if option == ServiceStatus::NotOffered { channels.set(Vec::new()); }
                                        } />
                                    <label class="nhsuk-label nhsuk-radios__label" for=id>{option.label()}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            </div>
            <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || channels_error().is_some()>
                <fieldset class="nhsuk-fieldset" aria-describedby="channels-hint">
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">"Where patients can use it"</legend>
                    <div class="nhsuk-hint" id="channels-hint">"Select all that apply"</div>
                    {move || channels_error().map(|message| view! {
                        <span class="nhsuk-error-message" id="channels-error"><span class="nhsuk-u-visually-hidden">"Error: "</span>{message}</span>
                    })}
                    <div class="nhsuk-checkboxes" id="channels">
                        {Channel::ALL.into_iter().map(|option| {
                            let id = format!("channel-{}", option.code());
                            view! {
                                <div class="nhsuk-checkboxes__item">
                                    <input class="nhsuk-checkboxes__input" id=id.clone() name="channels" type="checkbox" value=option.code()
                                        prop:checked=move || channels.get().contains(&option)
                                        on:change=move |event| {
                                            let checked = event_target_checked(&event);
                                            channels.update(|list| {
                                                list.retain(|channel| *channel != option);
                                                if checked { list.push(option); }
                                            });
                                        } />
                                    <label class="nhsuk-label nhsuk-checkboxes__label" for=id>{option.label()}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            </div>
            <DateInput field="since" legend="Since when (optional)"
                hint="The month it started, or for a planned service when it is expected. For example, 3 2024"
                value=since problem=problem with_day=false />
            <TextField field="publicLink" label="Link for patients (optional)"
                hint="Where patients use the service online, starting with https://. Shown to the public while it is live or in pilot"
                value=public_link problem=problem />
            <TextField field="source" label="Source or evidence link (optional)"
                hint="A web address where the service is described, starting with https://. Not shown to the public"
                value=source problem=problem />
            <DateInput field="lastChecked" legend="Date last checked" hint="For example, 24 11 2026"
                value=last_checked problem=problem />
            <button class="nhsuk-button" type="submit" disabled=move || save.is_pending()>
                {move || if save.is_pending() { "Saving…" } else { "Save" }}
            </button>
            <p role="status" aria-live="polite" class="nhsuk-body-s">
                {move || save.is_pending().then_some("Saving your change…")}
            </p>
        </form>
    }
}
