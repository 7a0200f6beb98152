//! The browser app: a Leptos single-page app styled with NHS.UK frontend.
//!
//! - [`api`]: the one HTTP client; returns the shared types, turns every failure into a `Problem`.
//! - [`drafts`]: unsaved changes kept in local storage until the API has them.
//! - [`session`]: who is signed in (the token lives in the tab's session storage).
//! - [`components`]: NHS.UK layout pieces: header, footer, error summary, form fields.
//! - [`pages`]: one module per feature, named like the API's.

pub mod api;
pub mod components;
pub mod drafts;
pub mod hosted_sign_in;
pub mod pages;
pub mod session;

use leptos::prelude::*;
use leptos_router::components::{Route, Router, Routes};
use leptos_router::path;

#[component]
pub fn App() -> impl IntoView {
    session::provide_session();
    view! {
        <Router>
            <components::Layout>
                <Routes fallback=pages::not_found::NotFound>
                    <Route path=path!("/") view=pages::home::Home />
                    <Route path=path!("/sign-in") view=pages::sign_in::SignIn />
                    <Route path=path!("/signed-in") view=pages::sign_in::SignedIn />
                    <Route path=path!("/framework") view=pages::framework::FrameworkPage />
                    <Route path=path!("/organisations") view=pages::organisations::Organisations />
                    <Route path=path!("/organisations/new") view=pages::organisations::NewOrganisationPage />
                    <Route path=path!("/organisations/:ods") view=pages::organisation::OrganisationPage />
                    <Route path=path!("/organisations/:ods/comparison") view=pages::comparison::ComparisonPage />
                    <Route path=path!("/organisations/:ods/digital-services") view=pages::offer::OfferPage />
                    <Route path=path!("/organisations/:ods/digital-services/:service") view=pages::offer_edit::ServiceOfferPage />
                    <Route path=path!("/ics/:ics/digital-services") view=pages::ics_offer::IcsOfferPage />
                    <Route path=path!("/ics/:ics/dashboard") view=pages::dashboard::IcsDashboardPage />
                    <Route path=path!("/ics/:ics/trends") view=pages::trends::IcsTrendsPage />
                    <Route path=path!("/ics/:ics/actions") view=pages::actions::IcsActionsPage />
                    <Route path=path!("/organisations/:ods/outcomes") view=pages::outcomes::OrganisationOutcomesPage />
                    <Route path=path!("/levelling-up") view=pages::levelling_up::LevellingUpPage />
                    <Route path=path!("/reviews/import") view=pages::import::ImportPage />
                    <Route path=path!("/reviews/:id") view=pages::review::ReviewPage />
                    <Route path=path!("/reviews/:id/report") view=pages::report::ReportPage />
                    <Route path=path!("/reviews/:id/measures/:number") view=pages::measure::MeasurePage />
                </Routes>
            </components::Layout>
        </Router>
    }
}
