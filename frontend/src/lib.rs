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

#[component]
pub fn App() -> impl IntoView {
    session::provide_session();
    router::provide_router();
    view! {
        <components::Layout>
            <router::Routes server_views=wgll_shared::server_views::SIGNED_IN server_view routes=ROUTES fallback=|| view! { <pages::not_found::NotFound /> }.into_any() />
        </components::Layout>
    }
}

/// The app's own pages by their path (first match wins, so fixed paths come before `:name` ones).
/// The pages that are the server's view of their address are listed apart, in
/// `wgll_shared::server_views::SIGNED_IN`, and tried first.
static ROUTES: &[router::Route] = &[
    page("/", || view! { <pages::home::Home /> }.into_any()),
    page("/sign-in", || view! { <pages::sign_in::SignIn /> }.into_any()),
    page("/signed-in", || view! { <pages::sign_in::SignedIn /> }.into_any()),
    page("/framework", || view! { <server_view::ServerView public=true /> }.into_any()),
    page("/reviews/:id/measures/:number", || view! { <pages::measure::MeasurePage /> }.into_any()),
];

/// A page the server renders, for someone signed in.
fn server_view() -> AnyView {
    view! { <server_view::ServerView /> }.into_any()
}

const fn page(path: &'static str, view: fn() -> AnyView) -> router::Route {
    router::Route { path, view }
}
