//! What stands before a page's content, the same on every page: the sign-in prompt for someone
//! not signed in ([`RequireSignIn`]), and for each thing a page loads, the progress while it
//! loads and the problem if it fails ([`Loads`]).

use crate::api::Loaded;
use crate::components::{Loading, ProblemPanel};
use crate::session::use_session;
use leptos::prelude::*;
use serde::de::DeserializeOwned;
use wgll_shared::access::Session;
use wgll_shared::problem::Problem;

/// A page for signed-in people: `page` for the signed-in session, else the sign-in prompt.
///
/// `page` runs again when someone signs in or out, and when any signal it reads changes (the
/// address's parameters, say), so it is where the page reads them and starts loading.
#[component]
pub fn RequireSignIn<F, V>(page: F) -> impl IntoView
where
    F: Fn(Session) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    let session = use_session();
    // A closure in `view!` is rendered by one shared copy of Leptos's code for every closure
    // that gives a view (see `erase_components` in .cargo/config.toml); a closure returned as it
    // is would get a copy of its own.
    view! {
        {move || match session.get() {
            Some(signed_in) => page(signed_in).into_any(),
            None => view! { <SignInPrompt /> }.into_any(),
        }}
    }
}

/// Shown on pages that need a signed-in user, in place of their content.
#[component]
fn SignInPrompt() -> impl IntoView {
    view! {
        <h1>"Sign in to continue"</h1>
        <p>"You need to sign in to see and record reviews."</p>
        <a href="/sign-in" class="nhsuk-button">"Sign in"</a>
    }
}

/// Something a page loads: "Loading {what}…" while it loads, the problem if it could not be
/// loaded, and once it is there, the children's view of it (`let:name` names it).
#[component]
pub fn Loads<T, F, V>(
    data: Loaded<T>,
    /// What is loading, as in "Loading the review…".
    what: &'static str,
    /// The page's heading, above the problem, for a page whose heading comes with its data.
    #[prop(optional)]
    heading: Option<&'static str>,
    /// Whether the heading is shown above the progress too.
    #[prop(optional)]
    heading_while_loading: bool,
    children: F,
) -> impl IntoView
where
    T: DeserializeOwned + 'static,
    F: Fn(T) -> V + Send + Sync + 'static,
    V: IntoView + 'static,
{
    // In `view!` for one shared copy of the rendering code, as in `RequireSignIn`.
    view! {
        {move || match data.get() {
            Some(Ok(answer)) => children(answer).into_any(),
            Some(Err(problem)) => failed(heading, problem),
            None => loading(what, heading.filter(|_| heading_while_loading)),
        }}
    }
}

// The two views below are not generic, so every page shares one copy of them.

fn loading(what: &'static str, heading: Option<&'static str>) -> AnyView {
    view! { {heading.map(|heading| view! { <h1>{heading}</h1> })}<Loading what /> }.into_any()
}

fn failed(heading: Option<&'static str>, problem: Problem) -> AnyView {
    view! { {heading.map(|heading| view! { <h1>{heading}</h1> })}<ProblemPanel problem /> }.into_any()
}
