//! Signing in. Locally this is the development sign-in (real signed tokens, no password); in AWS
//! people sign in with their NHS account through Cognito.

use crate::api;
use crate::components::{ErrorSummary, Loading, ProblemPanel, TextField, invalid, set_title};
use crate::page_guard::Loads;
use crate::router::use_query_map;
use crate::session::remember;
use leptos::prelude::*;
use wgll_shared::access::{DevSignIn, HostedSignIn, Session, SignInConfig};
use wgll_shared::problem::Problem;

thread_local! {
    /// Which sign-in the page the app started on showed as its first view, if it was this page
    /// (`data-sign-in`: `functions/src/first_views.rs`).
    static FIRST_VIEW: std::cell::Cell<Option<bool>> = const { std::cell::Cell::new(None) };
}

/// Notes which sign-in the page's first view (in `root`) shows, if it is the sign-in page, so the
/// app starts on the same one rather than showing that it loads. Called by `main` before it
/// empties the first view.
pub fn keep_first_view(root: &web_sys::Element) {
    let shown = root
        .query_selector("[data-sign-in]")
        .ok()
        .flatten()
        .and_then(|element| element.get_attribute("data-sign-in"));
    FIRST_VIEW.set(shown.map(|way| way == "development"));
}

/// The sign-in page: Cognito's hosted sign-in where the deployment has it, else the development
/// sign-in form. Opened from another page, it first asks the API which; started on, it shows the
/// one the page's first view showed.
#[component]
pub fn SignIn() -> impl IntoView {
    set_title("Sign in");
    match FIRST_VIEW.take() {
        Some(true) => return view! { <DevelopmentSignIn /> }.into_any(),
        Some(false) => return view! { <HostedSignInButton hosted=None /> }.into_any(),
        None => {}
    }
    let config = api::load::<SignInConfig>(|| "/api/sign-in".to_owned());
    view! {
        <Loads data=config what="the sign-in" heading="Sign in" heading_while_loading=true let:config>
            {match config {
                SignInConfig::Cognito(hosted) => view! { <HostedSignInButton hosted=Some(hosted) /> }.into_any(),
                SignInConfig::Development => view! { <DevelopmentSignIn /> }.into_any(),
            }}
        </Loads>
    }
    .into_any()
}

/// The way to Cognito's hosted sign-in; `hosted`, its settings, are asked for when it is pressed
/// if the page does not have them yet.
#[component]
fn HostedSignInButton(hosted: Option<HostedSignIn>) -> impl IntoView {
    let (problem, set_problem) = signal(None::<Problem>);
    let start = Action::new_local(move |_: &()| {
        let hosted = hosted.clone();
        async move {
            let hosted = match hosted {
                Some(hosted) => hosted,
                None => match api::get::<SignInConfig>("/api/sign-in").await {
                    Ok(SignInConfig::Cognito(hosted)) => hosted,
                    Ok(SignInConfig::Development) => {
                        return Err("This service has no hosted sign-in. Reload the page.".to_owned());
                    }
                    Err(problem) => return Err(format!("{} {}", problem.title, problem.detail)),
                },
            };
            crate::hosted_sign_in::start(&hosted).await
        }
    });
    Effect::new(move |_| {
        if let Some(Err(reason)) = start.value().get() {
            set_problem.set(Some(Problem {
                kind: "/problems/sign-in".to_owned(),
                title: "Sign-in could not start".to_owned(),
                status: 0,
                detail: reason,
                errors: Vec::new(),
            }));
        }
    });
    view! {
        <ErrorSummary problem />
        <h1>"Sign in"</h1>
        <p>"Sign in with your NHS account to record and see reviews."</p>
        <button class="nhsuk-button" type="button" data-sign-in="hosted" disabled=move || start.pending().get() on:click=move |_| { start.dispatch(()); }>
            "Sign in with your NHS account"
        </button>
    }
}

/// Where the hosted sign-in sends people back: finishes the sign-in and moves on.
#[component]
pub fn SignedIn() -> impl IntoView {
    set_title("Signing in");
    let query = use_query_map();
    let (code, state) = query.with_untracked(|query| {
        (query.get("code").unwrap_or_default(), query.get("state").unwrap_or_default())
    });
    // Runs once, so a task rather than a resource (which would carry Leptos's resource machinery
    // for this one type of answer).
    let failed = RwSignal::new(None::<Problem>);
    leptos::task::spawn_local(async move {
        match crate::hosted_sign_in::finish(&code, &state).await {
            Ok(session) => {
                remember(session);
                crate::router::navigate("/organisations");
            }
            Err(problem) => failed.set(Some(problem)),
        }
    });
    move || match failed.get() {
        Some(problem) => view! {
            <h1>"Sign in"</h1>
            <ProblemPanel problem />
            <a href="/sign-in" class="nhsuk-button">"Sign in again"</a>
        }
        .into_any(),
        None => view! { <h1>"Signing in"</h1><Loading what="your account" /> }.into_any(),
    }
}

#[component]
fn DevelopmentSignIn() -> impl IntoView {
    let name = RwSignal::new(String::new());
    let email = RwSignal::new(String::new());
    let administrator = RwSignal::new(false);
    let reviewer = RwSignal::new(true);
    let ics_lead = RwSignal::new(String::new());
    let organisation_lead = RwSignal::new(String::new());
    let works_for = RwSignal::new(String::new());
    let region = RwSignal::new(String::new());
    let (problem, set_problem) = signal(None::<Problem>);
    let query = use_query_map();

    let sign_in = api::sender::<DevSignIn, Session>(api::Method::Post, "/api/dev/sign-in");
    Effect::new(move |_| match sign_in.answer() {
        Some(Ok(session)) => {
            remember(session);
            let next = query
                .get_untracked()
                .get("next")
                .filter(|next| next.starts_with('/'))
                .unwrap_or_else(|| "/organisations".to_owned());
            crate::router::navigate(&next);
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
        if !works_for.get().trim().is_empty() {
            groups.push(format!("organisation:{}", works_for.get().trim()));
        }
        if !region.get().trim().is_empty() {
            groups.push(format!("region:{}", region.get().trim()));
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
                <input class="nhsuk-checkboxes__input" id=id type="checkbox" checked=checked.get_untracked()
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
        <form novalidate data-sign-in="development" on:submit=submit>
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
            <TextField field="worksFor" label="Organisation you work for (ODS code, optional)" value=works_for problem=problem width_class="nhsuk-input--width-10"
                hint="A peer reviewer reviews organisations other than their own" />
            <TextField field="region" label="Regional team for (optional)" value=region problem=problem width_class="nhsuk-input--width-20"
                hint="One of north-east-and-yorkshire, north-west, midlands, east-of-england, london, south-east, south-west: validates that region’s peer reviews" />
            <button class="nhsuk-button" type="submit" disabled=move || sign_in.is_pending()>
                {move || if sign_in.is_pending() { "Signing in…" } else { "Sign in" }}
            </button>
        </form>
    }
}
