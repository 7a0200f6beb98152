//! The form to add an organisation (the list is the server's: `functions/src/views/organisations.rs`).

use crate::api;
use crate::components::{ErrorSummary, TextField, error_for, invalid, set_title};
use crate::page_guard::RequireSignIn;
use leptos::prelude::*;

use wgll_shared::organisation::{NewOrganisation, Organisation, OrganisationKind};
use wgll_shared::problem::Problem;
use wgll_shared::regions::Region;

#[component]
pub fn NewOrganisationPage() -> impl IntoView {
    set_title("Add an organisation");
    view! { <RequireSignIn page=|_| view! { <NewOrganisationForm /> } /> }
}

#[component]
fn NewOrganisationForm() -> impl IntoView {
    let name = RwSignal::new(String::new());
    let ods_code = RwSignal::new(String::new());
    let kind = RwSignal::new(String::new());
    let ics_code = RwSignal::new(String::new());
    let town = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let (problem, set_problem) = signal(None::<Problem>);
    let systems = api::load::<Vec<Organisation>>(|| "/api/organisations".to_owned());

    let save = api::sender::<NewOrganisation, Organisation>(api::Method::Post, "/api/organisations");
    Effect::new(move |_| match save.answer() {
        Some(Ok(organisation)) => {
            crate::router::navigate(&format!("/organisations/{}", organisation.ods_code))
        }
        Some(Err(failure)) => set_problem.set(Some(failure)),
        None => {}
    });
    let is_ics = move || kind.get() == OrganisationKind::Ics.code();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = NewOrganisation {
            ods_code: ods_code.get(),
            name: name.get(),
            kind: kind.get(),
            ics_code: if is_ics() { String::new() } else { ics_code.get() },
            town: town.get(),
            region: if is_ics() { region.get() } else { String::new() },
        };
        // The same rules as the API, checked here first so mistakes show at once.
        match form.validate() {
            Err(errors) => set_problem.set(Some(invalid(errors))),
            Ok(_) => {
                set_problem.set(None);
                save.dispatch(form);
            }
        }
    };
    let kind_error = move || error_for(problem.get(), "kind");
    let ics_error = move || error_for(problem.get(), "icsCode");
    let region_error = move || error_for(problem.get(), "region");
    view! {
        <ErrorSummary problem=problem />
        <h1>"Add an organisation"</h1>
        <form novalidate on:submit=submit>
            <TextField field="name" label="Organisation name" value=name problem=problem autocomplete="organization" />
            <TextField field="odsCode" label="ODS code" hint="The Organisation Data Service code, for example RR8 or QWO"
                value=ods_code problem=problem width_class="nhsuk-input--width-10" />
            <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || kind_error().is_some()>
                <label class="nhsuk-label" for="kind">"Kind of organisation"</label>
                {move || kind_error().map(|message| view! {
                    <span class="nhsuk-error-message" id="kind-error"><span class="nhsuk-u-visually-hidden">"Error: "</span>{message}</span>
                })}
                <select class="nhsuk-select" class:nhsuk-select--error=move || kind_error().is_some() id="kind" name="kind"
                    aria-describedby=move || kind_error().map(|_| "kind-error")
                    on:change=move |event| kind.set(event_target_value(&event)) prop:value=move || kind.get()>
                    <option value="">"Choose…"</option>
                    {OrganisationKind::ALL.into_iter().map(|option| view! {
                        <option value=option.code()>{option.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || ics_error().is_some() hidden=is_ics>
                <label class="nhsuk-label" for="ics-code">"Integrated Care System"</label>
                {move || ics_error().map(|message| view! {
                    <span class="nhsuk-error-message" id="ics-code-error"><span class="nhsuk-u-visually-hidden">"Error: "</span>{message}</span>
                })}
                <select class="nhsuk-select" class:nhsuk-select--error=move || ics_error().is_some() id="ics-code" name="ics-code"
                    aria-describedby=move || ics_error().map(|_| "ics-code-error")
                    on:change=move |event| ics_code.set(event_target_value(&event)) prop:value=move || ics_code.get()>
                    <option value="">"Choose…"</option>
                    {move || systems.get().and_then(Result::ok).unwrap_or_default().into_iter()
                        .filter(|organisation| organisation.kind == OrganisationKind::Ics)
                        .map(|system| {
                            let code = system.ods_code.to_string();
                            view! { <option value=code.clone()>{format!("{} ({code})", system.name)}</option> }
                        })
                        .collect_view()}
                </select>
            </div>
            <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || region_error().is_some() hidden=move || !is_ics()>
                <label class="nhsuk-label" for="region">"NHS England region"</label>
                <div class="nhsuk-hint" id="region-hint">"Its team validates the peer reviews of the ICS’s organisations."</div>
                {move || region_error().map(|message| view! {
                    <span class="nhsuk-error-message" id="region-error"><span class="nhsuk-u-visually-hidden">"Error: "</span>{message}</span>
                })}
                <select class="nhsuk-select" id="region" name="region" aria-describedby="region-hint"
                    on:change=move |event| region.set(event_target_value(&event)) prop:value=move || region.get()>
                    <option value="">"Choose…"</option>
                    {Region::ALL.into_iter().map(|option| view! {
                        <option value=option.code()>{option.label()}</option>
                    }).collect_view()}
                </select>
            </div>
            <TextField field="town" label="Town or city (optional)" value=town problem=problem autocomplete="address-level2" />
            <button class="nhsuk-button" type="submit" disabled=move || save.is_pending()>
                {move || if save.is_pending() { "Saving…" } else { "Add organisation" }}
            </button>
        </form>
    }
}
