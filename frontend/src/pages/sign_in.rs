//! Signing in. Locally this is the development sign-in (real signed tokens, no password); in AWS
//! people sign in with their NHS account through Cognito.

use crate::api;
use crate::components::{ErrorSummary, TextField, invalid, set_title};
use crate::session::remember;
use leptos::prelude::*;
use leptos_router::hooks::{use_navigate, use_query_map};
use wgll_shared::access::{DevSignIn, Session};
use wgll_shared::problem::Problem;

#[component]
pub fn SignIn() -> impl IntoView {
    set_title("Sign in");
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let administrator = RwSignal::new(false);
    let reviewer = RwSignal::new(true);
    let ics_lead = RwSignal::new(String::new());
    let organisation_lead = RwSignal::new(String::new());
    let (problem, set_problem) = signal(None::<Problem>);
    let query = use_query_map();
    let navigate = use_navigate();

    let sign_in = Action::new_local(move |form: &DevSignIn| {
        let form = form.clone();
        async move { api::post::<_, Session>("/api/dev/sign-in", &form).await }
    });
    Effect::new(move |_| match sign_in.value().get() {
        Some(Ok(session)) => {
            remember(session);
            let next = query
                .get_untracked()
                .get("next")
                .filter(|next| next.starts_with('/'))
                .unwrap_or_else(|| "/organisations".to_owned());
            navigate(&next, Default::default());
        }
        Some(Err(failure)) => set_problem.set(Some(failure)),
        None => {}
    });
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let mut groups = Vec::new();
        if administrator.get() {
            groups.push("administrator".to_owned());
        }
        if reviewer.get() {
            groups.push("reviewer".to_owned());
        }
        if !ics_lead.get().trim().is_empty() {
            groups.push(format!("ics-lead:{}", ics_lead.get().trim()));
        }
        if !organisation_lead.get().trim().is_empty() {
            groups.push(format!("organisation-lead:{}", organisation_lead.get().trim()));
        }
        let form = DevSignIn { name: name.get(), email: email.get(), groups };
        if form.name.trim().is_empty() || form.email.trim().is_empty() {
            let mut errors = Vec::new();
            if form.name.trim().is_empty() {
                errors.push(wgll_shared::FieldError::new("name", "Enter your name"));
            }
            if form.email.trim().is_empty() {
                errors.push(wgll_shared::FieldError::new("email", "Enter your email address"));
            }
            set_problem.set(Some(invalid(errors)));
            return;
        }
        set_problem.set(None);
        sign_in.dispatch(form);
    };
    let checkbox = move |id: &'static str, label: &'static str, checked: RwSignal<bool>| {
        view! {
            <div class="nhsuk-checkboxes__item">
                <input class="nhsuk-checkboxes__input" id=id type="checkbox"
                    prop:checked=move || checked.get()
                    on:change=move |event| checked.set(event_target_checked(&event)) />
                <label class="nhsuk-label nhsuk-checkboxes__label" for=id>{label}</label>
            </div>
        }
    };
    view! {
        <ErrorSummary problem=problem />
        <h1>"Sign in"</h1>
        <div class="nhsuk-warning-callout">
            <h2 class="nhsuk-warning-callout__label">"Development sign-in"</h2>
            <p>"This sign-in exists only on a developer’s machine: it asks for no password. In the live service you sign in with your NHS account."</p>
        </div>
        <form novalidate on:submit=submit>
            <TextField field="name" label="Your name" value=name problem=problem autocomplete="name" />
            <TextField field="email" label="Email address" value=email problem=problem autocomplete="email"
                hint="Reviewers are assigned to reviews by email address" />
            <fieldset class="nhsuk-fieldset">
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">"Roles"</legend>
                <div class="nhsuk-checkboxes">
                    {checkbox("role-reviewer", "Reviewer", reviewer)}
                    {checkbox("role-administrator", "Administrator", administrator)}
                </div>
            </fieldset>
            <TextField field="icsLead" label="ICS lead for (ICS ODS code, optional)" value=ics_lead problem=problem width_class="nhsuk-input--width-10" />
            <TextField field="organisationLead" label="Organisation lead for (ODS code, optional)" value=organisation_lead problem=problem width_class="nhsuk-input--width-10" />
            <button class="nhsuk-button" type="submit" disabled=move || sign_in.pending().get()>
                {move || if sign_in.pending().get() { "Signing in…" } else { "Sign in" }}
            </button>
        </form>
    }
}
