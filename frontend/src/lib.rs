//! The browser app: a Leptos single-page app styled with NHS.UK frontend.
//!
//! - [`api`]: the one HTTP client; returns the shared types, turns every failure into a `Problem`.
//! - [`drafts`]: unsaved changes kept in local storage until the API has them.
//! - [`session`]: who is signed in (the token lives in the tab's session storage).
//! - [`components`]: NHS.UK layout pieces: header, footer, error summary, form fields.
//! - [`pages`]: one module per feature, named like the API's.
//! - [`router`]: which page each address shows.

pub mod api;
pub mod components;
pub mod drafts;
pub mod hosted_sign_in;
pub mod pages;
pub mod router;
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
    router::Route { path: "/", view: || view! { <pages::home::Home /> }.into_any() },
    router::Route { path: "/sign-in", view: || view! { <pages::sign_in::SignIn /> }.into_any() },
    router::Route { path: "/signed-in", view: || view! { <pages::sign_in::SignedIn /> }.into_any() },
    router::Route { path: "/framework", view: || view! { <pages::framework::FrameworkPage /> }.into_any() },
    router::Route {
        path: "/organisations",
        view: || view! { <pages::organisations::Organisations /> }.into_any(),
    },
    router::Route {
        path: "/organisations/new",
        view: || view! { <pages::organisations::NewOrganisationPage /> }.into_any(),
    },
    router::Route {
        path: "/organisations/:ods",
        view: || view! { <pages::organisation::OrganisationPage /> }.into_any(),
    },
    router::Route {
        path: "/organisations/:ods/comparison",
        view: || view! { <pages::comparison::ComparisonPage /> }.into_any(),
    },
    router::Route {
        path: "/organisations/:ods/digital-services",
        view: || view! { <pages::offer::OfferPage /> }.into_any(),
    },
    router::Route {
        path: "/organisations/:ods/digital-services/:service",
        view: || view! { <pages::offer_edit::ServiceOfferPage /> }.into_any(),
    },
    router::Route {
        path: "/ics/:ics/digital-services",
        view: || view! { <pages::ics_offer::IcsOfferPage /> }.into_any(),
    },
    router::Route {
        path: "/ics/:ics/dashboard",
        view: || view! { <pages::dashboard::IcsDashboardPage /> }.into_any(),
    },
    router::Route {
        path: "/ics/:ics/trends",
        view: || view! { <pages::trends::IcsTrendsPage /> }.into_any(),
    },
    router::Route {
        path: "/ics/:ics/actions",
        view: || view! { <pages::actions::IcsActionsPage /> }.into_any(),
    },
    router::Route {
        path: "/organisations/:ods/outcomes",
        view: || view! { <pages::outcomes::OrganisationOutcomesPage /> }.into_any(),
    },
    router::Route {
        path: "/levelling-up",
        view: || view! { <pages::levelling_up::LevellingUpPage /> }.into_any(),
    },
    router::Route { path: "/reviews/import", view: || view! { <pages::import::ImportPage /> }.into_any() },
    router::Route { path: "/reviews/:id", view: || view! { <pages::review::ReviewPage /> }.into_any() },
    router::Route {
        path: "/reviews/:id/report",
        view: || view! { <pages::report::ReportPage /> }.into_any(),
    },
    router::Route {
        path: "/reviews/:id/measures/:number",
        view: || view! { <pages::measure::MeasurePage /> }.into_any(),
    },
];
