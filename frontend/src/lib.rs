//! The browser app: a Leptos single-page app styled with NHS.UK frontend.
//!
//! - [`api`]: the one HTTP client; returns the shared types, turns every failure into a `Problem`.
//! - [`autosave`]: saving a form as the person types (drafts on the device, retries, conflicts).
//! - [`page_guard`]: the sign-in prompt, and the progress and problem of what a page loads.
//! - [`session`]: who is signed in (the token lives in the tab's session storage).
//! - [`components`]: NHS.UK layout pieces: header, footer, error summary, form fields.
//! - [`pages`]: one module per feature, named like the API's.
//! - [`router`]: which page each address shows.
//! - [`server_view`]: the pages that only show something, rendered by the server as HTML.

pub mod api;
pub mod autosave;
pub mod components;
pub mod hosted_sign_in;
pub mod page_guard;
pub mod pages;
pub mod router;
pub mod server_view;
pub mod session;

use leptos::prelude::*;

use wgll_shared::server_views::{SIGNED_IN, is_assessment_form};

/// The app: every page but the assessment form's ([`AssessmentApp`]).
#[component]
pub fn App() -> impl IntoView {
    session::provide_session();
    router::provide_router(|path| !is_assessment_form(path));
    view! {
        <components::Layout>
            <router::Routes server_views=SIGNED_IN server_view routes=ROUTES fallback=not_found />
        </components::Layout>
    }
}

/// The assessment form's page, a bundle of its own (`src/bin/assessment.rs`,
/// `wgll_shared::server_views::ASSESSMENT_FORM`): the form, saved as it is typed, is most of what
/// the app's code weighs, and only reviewers recording an assessment need it.
#[component]
pub fn AssessmentApp() -> impl IntoView {
    session::provide_session();
    router::provide_router(is_assessment_form);
    view! {
        <components::Layout>
            <router::Routes server_views=&[] server_view routes=ASSESSMENT_ROUTES fallback=not_found />
        </components::Layout>
    }
}

fn not_found() -> AnyView {
    view! { <pages::not_found::NotFound /> }.into_any()
}

/// The app's own pages by their path (first match wins, so fixed paths come before `:name` ones).
/// The pages that are the server's view of their address are listed apart, in
/// `wgll_shared::server_views::SIGNED_IN`, and tried first; the assessment form is in
/// [`ASSESSMENT_ROUTES`].
static ROUTES: &[router::Route] = &[
    page("/", || view! { <pages::home::Home /> }.into_any()),
    page("/sign-in", || view! { <pages::sign_in::SignIn /> }.into_any()),
    page("/signed-in", || view! { <pages::sign_in::SignedIn /> }.into_any()),
    page("/framework", || view! { <server_view::ServerView public=true /> }.into_any()),
];

static ASSESSMENT_ROUTES: &[router::Route] = &[page(wgll_shared::server_views::ASSESSMENT_FORM, || {
    view! { <pages::measure::MeasurePage /> }.into_any()
})];

/// A page the server renders, for someone signed in.
fn server_view() -> AnyView {
    view! { <server_view::ServerView /> }.into_any()
}

const fn page(path: &'static str, view: fn() -> AnyView) -> router::Route {
    router::Route { path, view }
}
