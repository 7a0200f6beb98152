//! The app's router: which page the address shows, links that change the page without reloading
//! the app, and the browser's back and forward buttons.
//!
//! It is this app's own, not `leptos_router`: the app needs only a table of paths with `:name`
//! segments, plain links and query strings, and `leptos_router`'s general machinery (nested
//! routes, typed route tuples, compiled once per route) made a sizeable part of the download (docs/performance.md).
//!
//! - [`Routes`] shows the page whose pattern matches the path, or the fallback.
//! - Every same-origin `<a href>` is followed in the app, except links to the API, links with a
//!   `target`, `download` or `rel="external"` (the server-rendered public pages), links within
//!   the page (`#…`), links to the other bundle's pages (the assessment form's, or from it the
//!   rest of the app's), and clicks with a modifier key or another button (a new tab, say).
//! - [`navigate`] goes to an address from code (after saving, say).
//!
//! The window, its location and history are `gloo-utils`'s. `gloo-history` is not used: its
//! `BrowserHistory` keeps listeners and typed state of its own, which this router (one signal fed
//! by `popstate` and [`navigate`]) does not need. Which link was clicked is read through web-sys,
//! as no gloo crate covers DOM elements.

use leptos::ev;
use leptos::prelude::*;
use std::sync::OnceLock;
use wasm_bindgen::JsCast;

/// A page of the app: the pattern of its path (`/reviews/:id`) and what it shows.
pub struct Route {
    pub path: &'static str,
    pub view: fn() -> AnyView,
}

/// The address the app shows: the path, and the query string without its `?`.
#[derive(Clone, Debug, Default, PartialEq)]
struct Location {
    path: String,
    query: String,
}

/// One location for the whole app, outside any component: links and [`navigate`] can change it
/// from event handlers, which run outside the components that made them.
fn location() -> ArcRwSignal<Location> {
    // A wasm app has one thread; `OnceLock` only needs `Sync` to be declared `static`.
    static LOCATION: OnceLock<send_wrapper::SendWrapper<ArcRwSignal<Location>>> = OnceLock::new();
    let signal =
        LOCATION.get_or_init(|| send_wrapper::SendWrapper::new(ArcRwSignal::new(browser_location())));
    (**signal).clone()
}

fn browser_location() -> Location {
    let location = gloo_utils::window().location();
    Location {
        path: location.pathname().unwrap_or_else(|_| "/".to_owned()),
        query: location.search().unwrap_or_default().trim_start_matches('?').to_owned(),
    }
}

thread_local! {
    /// Whether a path is one of this app's pages ([`provide_router`]): the main app's or the
    /// assessment form's bundle (`wgll_shared::server_views::ASSESSMENT_FORM`). A path of the other
    /// is left to the browser, which loads that bundle's page.
    static OWNS: std::cell::Cell<fn(&str) -> bool> = const { std::cell::Cell::new(|_| true) };
}

/// Goes to `url` (a path, optionally with a query and fragment) as a link would: a new history
/// entry, the new page at the top.
pub fn navigate(url: &str) {
    let window = gloo_utils::window();
    let path = url.split(['?', '#']).next().unwrap_or_default();
    if !OWNS.get()(path) {
        // The other bundle's page: the browser loads it.
        let _ = window.location().set_href(url);
        return;
    }
    if gloo_utils::history().push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(url)).is_err() {
        // Not an address of this app (another origin): let the browser go there.
        let _ = window.location().set_href(url);
        return;
    }
    location().set(browser_location());
    window.scroll_to_with_x_and_y(0.0, 0.0);
}

/// Follows the back and forward buttons, and catches clicks on the app's own links: those to the
/// paths `owns` says are its pages. Called once, by the app.
pub fn provide_router(owns: fn(&str) -> bool) {
    OWNS.set(owns);
    let _ = window_event_listener(ev::popstate, |_| location().set(browser_location()));
    let _ = window_event_listener(ev::click, follow_link);
}

fn follow_link(event: ev::MouseEvent) {
    if event.default_prevented()
        || event.button() != 0
        || event.meta_key()
        || event.ctrl_key()
        || event.shift_key()
        || event.alt_key()
    {
        return;
    }
    let Some(link) = event
        .target()
        .and_then(|target| target.dyn_into::<web_sys::Element>().ok())
        .and_then(|element| element.closest("a[href]").ok().flatten())
        .and_then(|element| element.dyn_into::<web_sys::HtmlAnchorElement>().ok())
    else {
        return;
    };
    let here = gloo_utils::window().location();
    let elsewhere = link.origin() != here.origin().unwrap_or_default();
    let opens_elsewhere = !matches!(link.target().as_str(), "" | "_self") || link.has_attribute("download");
    let external = link.rel().split_ascii_whitespace().any(|rel| rel == "external");
    let path = link.pathname();
    let to_the_api = path == "/api" || path.starts_with("/api/");
    let within_the_page = path == here.pathname().unwrap_or_default()
        && link.search() == here.search().unwrap_or_default()
        && !link.hash().is_empty();
    let other_bundle = !OWNS.get()(&path);
    if elsewhere || opens_elsewhere || external || to_the_api || within_the_page || other_bundle {
        return;
    }
    event.prevent_default();
    navigate(&format!("{path}{}{}", link.search(), link.hash()));
}

/// The current path, tracked.
pub fn use_pathname() -> Memo<String> {
    let location = location();
    Memo::new(move |_| location.with(|location| location.path.clone()))
}

/// The current path with its query string (`/ics/QWO/dashboard?period=2025%2F26`), tracked.
pub fn use_address() -> Memo<String> {
    let location = location();
    Memo::new(move |_| {
        location.with(|location| match location.query.is_empty() {
            true => location.path.clone(),
            false => format!("{}?{}", location.path, location.query),
        })
    })
}

/// The values of the route's `:name` segments, e.g. `id` for `/reviews/:id`.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Params(Vec<(&'static str, String)>);

impl Params {
    pub fn get(&self, name: &str) -> Option<String> {
        self.0.iter().find(|(key, _)| *key == name).map(|(_, value)| value.clone())
    }
}

/// The current route's parameters, tracked (a page stays when only they change).
pub fn use_params_map() -> Memo<Params> {
    expect_context::<Memo<Params>>()
}

/// The query string's values, decoded.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Query(Vec<(String, String)>);

impl Query {
    fn parse(query: &str) -> Self {
        Self(
            query
                .split('&')
                .filter(|pair| !pair.is_empty())
                .map(|pair| {
                    let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
                    (decode(name), decode(value))
                })
                .collect(),
        )
    }

    pub fn get(&self, name: &str) -> Option<String> {
        self.0.iter().find(|(key, _)| key == name).map(|(_, value)| value.clone())
    }
}

/// The current query string, tracked.
pub fn use_query_map() -> Memo<Query> {
    let location = location();
    Memo::new(move |_| location.with(|location| Query::parse(&location.query)))
}

fn decode(text: &str) -> String {
    let text = text.replace('+', " ");
    js_sys::decode_uri_component(&text).map(String::from).unwrap_or(text)
}

/// The values of `pattern`'s `:name` segments if `path` matches it.
fn matches(pattern: &'static str, path: &str) -> Option<Params> {
    let path = if path.len() > 1 { path.trim_end_matches('/') } else { path };
    let mut wanted = pattern.split('/');
    let mut given = path.split('/');
    let mut params = Vec::new();
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return Some(Params(params)),
            (Some(want), Some(give)) => match want.strip_prefix(':') {
                Some(name) if !give.is_empty() => params.push((name, decode(give))),
                None if want == give => {}
                _ => return None,
            },
            _ => return None,
        }
    }
}

/// Shows the page of the first pattern that matches the path: a server view (`server_views`,
/// shown by `server_view`), else the first of `routes`, else `fallback`.
#[component]
pub fn Routes(
    server_views: &'static [&'static str],
    server_view: fn() -> AnyView,
    routes: &'static [Route],
    fallback: fn() -> AnyView,
) -> impl IntoView {
    let path = use_pathname();
    let patterns = move || server_views.iter().copied().map(move |pattern| (pattern, server_view));
    let patterns = move || patterns().chain(routes.iter().map(|route| (route.path, route.view)));
    let matched = Memo::new(move |_| {
        path.with(|path| {
            patterns().enumerate().find_map(|(index, (pattern, _))| Some((index, matches(pattern, path)?)))
        })
    });
    let page = Memo::new(move |_| matched.with(|matched| matched.as_ref().map(|(index, _)| *index)));
    let params = Memo::new(move |_| {
        matched.with(|matched| matched.as_ref().map(|(_, params)| params.clone())).unwrap_or_default()
    });
    provide_context(params);
    move || match page.get().and_then(|index| patterns().nth(index)) {
        Some((_, view)) => view(),
        None => fallback(),
    }
}
