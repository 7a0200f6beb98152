//! Unsaved changes, kept in the browser's local storage the moment they are made, so closing the
//! tab, losing the network or a server restart loses nothing: a draft is removed only once the
//! API has it. Each is stored under `wgll.draft.<name>`, the name saying whose draft of what.

use gloo_storage::{LocalStorage, Storage};
use serde::Serialize;
use serde::de::DeserializeOwned;

fn key(name: &str) -> String {
    format!("wgll.draft.{name}")
}

/// The draft kept under `name`, if there is one this version of the app can read.
pub fn load<D: DeserializeOwned>(name: &str) -> Option<D> {
    LocalStorage::get(key(name)).ok()
}

pub fn store<D: Serialize>(name: &str, draft: &D) {
    // A full or disabled storage loses only the copy on this device; the save to the API goes on.
    let _ = LocalStorage::set(key(name), draft);
}

pub fn clear(name: &str) {
    LocalStorage::delete(key(name));
}
