//! Who is signed in. The session (token, expiry, user) is kept in the tab's session storage: it
//! survives a reload but not the tab, and is never put in a URL.

use gloo_storage::{SessionStorage, Storage};
use leptos::prelude::*;
use wgll_shared::access::Session;

const KEY: &str = "wgll.session";

thread_local! {
    /// The signed-in session as a signal, made once by the app's root (whose owner lives as long
    /// as the page) and kept here so code outside any component, like the API client, can update it.
    static SESSION: std::cell::Cell<Option<RwSignal<Option<Session>>>> = const { std::cell::Cell::new(None) };
}

/// Called once by the app's root component.
pub fn provide_session() {
    let signal = RwSignal::new(stored());
    SESSION.with(|cell| cell.set(Some(signal)));
}

/// The signed-in session, reactive: pages re-render when someone signs in or out.
pub fn use_session() -> RwSignal<Option<Session>> {
    SESSION.with(|cell| cell.get()).expect("provide_session runs before any page")
}

fn update(session: Option<Session>) {
    if let Some(signal) = SESSION.with(|cell| cell.get()) {
        signal.set(session);
    }
}

fn now_seconds() -> u64 {
    (js_sys::Date::now() / 1000.0) as u64
}

/// The stored session, unless it has expired.
fn stored() -> Option<Session> {
    SessionStorage::get::<Session>(KEY).ok().filter(|session| session.expires_at > now_seconds())
}

/// The token for API calls, read fresh so every call sees the latest sign-in.
pub fn token() -> Option<String> {
    stored().map(|session| session.token)
}

pub fn remember(session: Session) {
    let _ = SessionStorage::set(KEY, &session);
    update(Some(session));
}

pub fn forget() {
    SessionStorage::delete(KEY);
    update(None);
}
