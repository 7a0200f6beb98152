//! NHS.UK frontend components as Leptos components: the markup follows NHS.UK frontend 10's
//! templates so its styles (and its accessibility work) apply unchanged.

use crate::router::use_pathname;
use crate::session::{forget, use_session};
use leptos::html;
use leptos::prelude::*;
use wgll_shared::FieldError;
use wgll_shared::problem::Problem;

/// The page frame: skip link, header with navigation, main content area, footer.
#[component]
pub fn Layout(children: Children) -> impl IntoView {
    view! {
        <a class="nhsuk-skip-link" href="#maincontent">"Skip to main content"</a>
        <Header />
        <div class="nhsuk-width-container">
            <main class="nhsuk-main-wrapper app-wrap" id="maincontent" tabindex="-1">
                {children()}
            </main>
        </div>
        <footer role="contentinfo">
            <div class="nhsuk-footer">
                <div class="nhsuk-width-container">
                    <p class="nhsuk-body-s">
                        "Assessments against NHS England’s What Good Looks Like framework (2021). "
                        <a class="nhsuk-footer__list-item-link" href="/api/openapi.json">"API description"</a>
                    </p>
                </div>
            </div>
        </footer>
    }
}

#[component]
fn Header() -> impl IntoView {
    let session = use_session();
    let pathname = use_pathname();
    let current = move |prefix: &'static str| {
        let path = pathname.get();
        if prefix == "/" { path == "/" } else { path.starts_with(prefix) }
    };
    let item = move |href: &'static str, text: &'static str| {
        view! {
            <li class="nhsuk-header__navigation-item"
                class:nhsuk-header__navigation-item--current=move || current(href)>
                <a href=href class="nhsuk-header__navigation-link"
                    aria-current=move || current(href).then_some("page")>
                    {text}
                </a>
            </li>
        }
    };
    let account = move || match session.get() {
        Some(signed_in) => view! {
            <li class="nhsuk-header__navigation-item">
                <span class="nhsuk-header__navigation-text">{signed_in.user.name}</span>
            </li>
            <li class="nhsuk-header__navigation-item">
                <a class="nhsuk-header__navigation-link" href="/" on:click=move |_| forget()>"Sign out"</a>
            </li>
        }
        .into_any(),
        None => item("/sign-in", "Sign in").into_any(),
    };
    view! {
        <header class="nhsuk-header" role="banner">
            <div class="nhsuk-header__container nhsuk-width-container">
                <div class="nhsuk-header__service">
                    <a href="/" class="nhsuk-header__service-logo" aria-label="NHS WGLL peer review homepage">
                        <svg class="nhsuk-header__logo" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80" height="40" width="100" focusable="false" role="img" aria-label="NHS">
                            <title>"NHS"</title>
                            <path fill="currentcolor" d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"></path>
                        </svg>
                        <span class="nhsuk-header__service-name">"WGLL peer review"</span>
                    </a>
                </div>
            </div>
            <nav class="nhsuk-header__navigation" aria-label="Menu">
                <div class="nhsuk-header__navigation-container nhsuk-width-container">
                    <ul class="nhsuk-header__navigation-list">
                        {item("/", "Home")}
                        {item("/framework", "Framework")}
                        {item("/organisations", "Organisations")}
                        // The public pages are rendered by the server, not this app: a full page load.
                        <li class="nhsuk-header__navigation-item">
                            <a class="nhsuk-header__navigation-link" href="/digital-services" rel="external">"Digital services"</a>
                        </li>
                        {account}
                    </ul>
                </div>
            </nav>
        </header>
    }
}

/// Sets the browser tab's title, which screen readers announce on navigation.
pub fn set_title(title: &str) {
    gloo_utils::document().set_title(&format!("{title} – WGLL peer review"));
}

/// Shown while something loads: visible, and announced by screen readers.
#[component]
pub fn Loading(#[prop(into)] what: String) -> impl IntoView {
    view! { <p class="nhsuk-body" role="status" aria-live="polite">{format!("Loading {what}…")}</p> }
}

/// A problem that stops the page from showing what was asked for.
#[component]
pub fn ProblemPanel(problem: Problem) -> impl IntoView {
    let needs_sign_in = problem.status == 401;
    view! {
        <div class="nhsuk-error-summary" role="alert" tabindex="-1">
            <h2 class="nhsuk-error-summary__title">{problem.title.clone()}</h2>
            <div class="nhsuk-error-summary__body">
                <p>{problem.detail.clone()}</p>
                {needs_sign_in.then(|| view! { <p><a href="/sign-in">"Sign in"</a></p> })}
            </div>
        </div>
    }
}

/// The NHS error summary for a form: every field error, each linking to its field. It takes
/// focus when it appears, so keyboard and screen reader users land on it.
#[component]
pub fn ErrorSummary(problem: ReadSignal<Option<Problem>>) -> impl IntoView {
    let summary = NodeRef::<html::Div>::new();
    Effect::new(move |_| {
        if problem.get().is_some() {
            if let Some(element) = summary.get() {
                let _ = element.focus();
            }
        }
    });
    move || {
        problem.get().map(|problem| {
            let items = if problem.errors.is_empty() {
                vec![view! { <li>{problem.detail.clone()}</li> }.into_any()]
            } else {
                problem
                    .errors
                    .iter()
                    .map(|error| {
                        let href = format!("#{}", field_id(&error.field));
                        view! { <li><a href=href>{error.message.clone()}</a></li> }.into_any()
                    })
                    .collect()
            };
            view! {
                <div class="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1" node_ref=summary>
                    <h2 class="nhsuk-error-summary__title" id="error-summary-title">"There is a problem"</h2>
                    <div class="nhsuk-error-summary__body">
                        <ul class="nhsuk-list nhsuk-error-summary__list">{items}</ul>
                    </div>
                </div>
            }
        })
    }
}

/// The element id for a JSON field name: `odsCode` → `ods-code`.
pub fn field_id(field: &str) -> String {
    let mut id = String::new();
    for character in field.chars() {
        if character.is_ascii_uppercase() {
            id.push('-');
            id.push(character.to_ascii_lowercase());
        } else {
            id.push(character);
        }
    }
    id
}

/// The first error for a JSON field in a problem, if any.
pub fn error_for(problem: Option<Problem>, field: &str) -> Option<String> {
    problem?.errors.into_iter().find(|error| error.field == field).map(|error| error.message)
}

/// A client-side validation failure, shaped like the API's 422 so the page shows both alike.
pub fn invalid(errors: Vec<FieldError>) -> Problem {
    Problem {
        kind: "/problems/validation".to_owned(),
        title: "Some answers need correcting".to_owned(),
        status: 422,
        detail: "Correct the fields listed.".to_owned(),
        errors,
    }
}

/// An NHS text input with its label, hint and error message.
#[component]
pub fn TextField(
    /// The JSON field name; the element id is derived from it.
    field: &'static str,
    label: &'static str,
    #[prop(optional)] hint: Option<&'static str>,
    value: RwSignal<String>,
    problem: ReadSignal<Option<Problem>>,
    #[prop(optional)] width_class: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
) -> impl IntoView {
    let id = field_id(field);
    let hint_id = format!("{id}-hint");
    let error_id = format!("{id}-error");
    let error = move || error_for(problem.get(), field);
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || {
            let mut ids: Vec<&str> = Vec::new();
            if hint.is_some() {
                ids.push(&hint_id);
            }
            if error().is_some() {
                ids.push(&error_id);
            }
            (!ids.is_empty()).then(|| ids.join(" "))
        }
    };
    let input_class = format!("nhsuk-input {}", width_class.unwrap_or(""));
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || error().is_some()>
            <label class="nhsuk-label" for=id.clone()>{label}</label>
            {hint.map(|hint| view! { <div class="nhsuk-hint" id=hint_id.clone()>{hint}</div> })}
            {move || error().map(|message| view! {
                <span class="nhsuk-error-message" id=error_id.clone()>
                    <span class="nhsuk-u-visually-hidden">"Error: "</span>{message}
                </span>
            })}
            <input class=input_class class:nhsuk-input--error=move || error().is_some()
                id=id.clone() name=id.clone() type="text" spellcheck="false"
                autocomplete=autocomplete
                aria-describedby=described_by
                prop:value=move || value.get()
                on:input=move |event| value.set(event_target_value(&event)) />
        </div>
    }
}
