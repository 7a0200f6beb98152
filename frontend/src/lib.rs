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
pub mod date_input;
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
            <router::Routes routes=ROUTES fallback=|| view! { <pages::not_found::NotFound /> }.into_any() />
        </components::Layout>
    }
}

/// Every page of the app by its path (first match wins, so fixed paths come before `:name` ones).
static ROUTES: &[router::Route] = &[
    page("/", || view! { <pages::home::Home /> }.into_any()),
    page("/sign-in", || view! { <pages::sign_in::SignIn /> }.into_any()),
    page("/signed-in", || view! { <pages::sign_in::SignedIn /> }.into_any()),
    page("/framework", || view! { <server_view::ServerView public=true /> }.into_any()),
    page("/organisations", || view! { <server_view::ServerView /> }.into_any()),
    page("/organisations/new", server_view),
    page("/organisations/:ods", || view! { <pages::organisation::OrganisationPage /> }.into_any()),
    page("/organisations/:ods/comparison", || view! { <server_view::ServerView /> }.into_any()),
    page("/organisations/:ods/digital-services", || view! { <server_view::ServerView /> }.into_any()),
    page("/organisations/:ods/digital-services/:service", || {
        view! { <pages::offer_edit::ServiceOfferPage /> }.into_any()
    }),
    page("/ics/:ics/digital-services", || view! { <server_view::ServerView /> }.into_any()),
    page("/ics/:ics/dashboard", || view! { <server_view::ServerView /> }.into_any()),
    page("/ics/:ics/trends", || view! { <server_view::ServerView /> }.into_any()),
    page("/ics/:ics/actions", server_view),
    page("/organisations/:ods/outcomes", server_view),
    page("/levelling-up", || view! { <server_view::ServerView /> }.into_any()),
    page("/rounds", || view! { <server_view::ServerView /> }.into_any()),
    page("/rounds/:period/progress", server_view),
    page("/validation", server_view),
    page("/my-work", server_view),
    page("/funding", || view! { <server_view::ServerView /> }.into_any()),
    page("/funding/:fund", || view! { <server_view::ServerView /> }.into_any()),
    page("/ics/:ics/funding", || view! { <server_view::ServerView /> }.into_any()),
    page("/organisations/:ods/funding", || view! { <server_view::ServerView /> }.into_any()),
    page("/organisations/:ods/evidence/:period", server_view),
    page("/organisations/:ods/tech-spend", server_view),
    page("/organisations/:ods/bids", server_view),
    page("/organisations/:ods/bids/:id", server_view),
    page("/ics/:ics/tech-spend", server_view),
    page("/review-board", server_view),
    page("/review-board/fairness", server_view),
    page("/review-board/:ods/:id", server_view),
    page("/organisations/:ods/benefits", server_view),
    page("/ics/:ics/benefits", server_view),
    // The administrators' funding setup pages: server views with forms, one component for all.
    page("/funding-setup/new-fund", server_view),
    page("/funding-setup/funds/:fund", server_view),
    page("/funding-setup/funds/:fund/allocation", server_view),
    page("/funding-setup/populations", server_view),
    page("/funding-setup/envelopes", server_view),
    page("/funding-setup/ics/:ics/split", server_view),
    page("/funding-setup/settings", server_view),
    page("/reviews/import", || view! { <pages::import::ImportPage /> }.into_any()),
    page("/reviews/:id", || view! { <pages::review::ReviewPage /> }.into_any()),
    page("/reviews/:id/report", || view! { <server_view::ServerView /> }.into_any()),
    page("/reviews/:id/acceptance", || view! { <server_view::ServerView /> }.into_any()),
    page("/reviews/:id/reviewers", || view! { <server_view::ServerView /> }.into_any()),
    page("/reviews/:id/validation", server_view),
    page("/reviews/:id/provisional", server_view),
    page("/reviews/:id/peers", server_view),
    page("/reviews/:id/measures/:number", || view! { <pages::measure::MeasurePage /> }.into_any()),
];

/// A page the server renders, for someone signed in.
fn server_view() -> AnyView {
    view! { <server_view::ServerView /> }.into_any()
}

const fn page(path: &'static str, view: fn() -> AnyView) -> router::Route {
    router::Route { path, view }
}
