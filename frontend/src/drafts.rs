//! Unsaved assessment changes, kept in the browser's local storage the moment they are made, so
//! closing the tab, losing the network or a server restart loses nothing: the draft is saved to the
//! API when it can be, and removed only once the API has it.

use gloo_storage::{LocalStorage, Storage};
use wgll_shared::assessment::MeasureAssessmentUpdate;

fn key(review: &str, measure: u8, reviewer: &str) -> String {
    format!("wgll.draft.{review}.{measure}.{reviewer}")
}

pub fn load(review: &str, measure: u8, reviewer: &str) -> Option<MeasureAssessmentUpdate> {
    LocalStorage::get(key(review, measure, reviewer)).ok()
}

pub fn store(review: &str, measure: u8, reviewer: &str, draft: &MeasureAssessmentUpdate) {
    let _ = LocalStorage::set(key(review, measure, reviewer), draft);
}

pub fn clear(review: &str, measure: u8, reviewer: &str) {
    LocalStorage::delete(key(review, measure, reviewer));
}
