//! Saving a form as the person types, for any form whose record the API keeps with a version
//! (ARCHITECTURE.md, "Data flow: saving an assessment as the reviewer types"):
//!
//! - every change is kept on this device at once ([`drafts`]), and sent after [`SAVE_DELAY_MS`]
//!   without typing;
//! - while the API cannot be reached (no answer, or a 5xx) the draft stays on the device and is
//!   sent again every [`RETRY_MS`]; a draft left by a closed tab is sent on the next visit;
//! - the draft is forgotten once the API has it (unless more was typed meanwhile);
//! - when the record was saved elsewhere meanwhile (409), both versions are shown ([`SaveStatus`])
//!   and the person keeps one; nothing is overwritten silently;
//! - any other refusal (a 422, say) is kept as the problem for the form to show by its fields;
//! - a form whose endpoint saves what is valid and holds back what is not ([`Saved::held_back`])
//!   keeps the whole draft on this device, and marks the fields held back, until they are
//!   corrected and saved too.
//!
//! A form makes one [`Autosave`] with its [`Endpoint`], reads and shows [`Autosave::form`], and
//! changes it only through [`Autosave::change`].

pub mod drafts;
mod status;

pub use status::{SaveStatus, SaveStatusShort};

use gloo_timers::future::TimeoutFuture;
use leptos::prelude::*;
use leptos::task::spawn_local;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::future::Future;
use std::pin::Pin;
use wgll_shared::FieldError;
use wgll_shared::problem::Problem;
use wgll_shared::timestamp::Timestamp;

/// How long typing must pause before a save is sent.
pub const SAVE_DELAY_MS: u32 = 800;
/// How often a save that could not reach the API is tried again.
pub const RETRY_MS: u32 = 3_000;

/// What a form sends: everything typed, and the version of the record it replaces (0 for none).
/// `Default` is the empty form: what a record nobody has saved yet starts as.
pub trait Draft: Clone + Default + PartialEq + Serialize + DeserializeOwned + Send + Sync + 'static {
    fn version(&self) -> u64;
    fn set_version(&mut self, version: u64);
}

impl Draft for wgll_shared::assessment::MeasureAssessmentUpdate {
    fn version(&self) -> u64 {
        self.version
    }

    fn set_version(&mut self, version: u64) {
        self.version = version;
    }
}

/// What the API answered to a save.
pub struct Saved {
    /// The record's version now.
    pub version: u64,
    /// When it was saved.
    pub updated_at: Timestamp,
    /// What was not saved, because it is not valid yet, each by its field: the rest was.
    pub held_back: Vec<FieldError>,
}

type Answer<T> = Pin<Box<dyn Future<Output = T>>>;

/// Where a form's drafts go.
pub struct Endpoint<D> {
    /// Sends a draft to the API.
    pub save: Box<dyn Fn(D) -> Answer<Result<Saved, Problem>> + Send + Sync>,
    /// After a save was refused as a conflict: the version saved elsewhere, as a draft, if the
    /// API can say.
    pub saved_elsewhere: Box<dyn Fn() -> Answer<Option<D>> + Send + Sync>,
}

/// Where the person's changes are.
#[derive(Clone, Debug, PartialEq)]
pub enum SaveState<D> {
    /// Nothing changed since the page opened (`None`) or since the save at this time.
    Saved(Option<String>),
    /// Saved at this time, except the fields held back (kept on this device until corrected).
    SavedExcept(String),
    /// Changed, kept on this device, a save is coming.
    Pending,
    Saving,
    /// Kept on this device; the API could not be reached, so saving will be retried.
    Offline,
    /// Kept on this device; the API refused it (the problem says why).
    Refused,
    /// The record was saved elsewhere meanwhile: this is that version, shown beside this page's.
    Conflict(Box<D>),
}

/// A form's content and where it stands with the API. Cheap to copy into every event handler.
pub struct Autosave<D: Send + Sync + 'static> {
    form: RwSignal<D>,
    state: RwSignal<SaveState<D>>,
    problem: RwSignal<Option<Problem>>,
    held_back: RwSignal<Vec<FieldError>>,
    /// Counts changes, so only the last change of a burst of typing sends a save.
    generation: StoredValue<u64>,
    draft_name: StoredValue<String>,
    endpoint: StoredValue<Endpoint<D>>,
}

impl<D: Send + Sync + 'static> Clone for Autosave<D> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<D: Send + Sync + 'static> Copy for Autosave<D> {}

impl<D: Draft> Autosave<D> {
    /// Starts from a draft left on this device under `draft_name` if there is one, else from
    /// `saved` (the record as the API has it, as a draft), else from an empty form. A draft left
    /// on this device by an earlier visit is sent at once; one based on an older version than
    /// `saved` comes back as a conflict, shown with both versions like any other.
    pub fn new(draft_name: String, saved: Option<D>, endpoint: Endpoint<D>) -> Self {
        let saved_version = saved.as_ref().map_or(0, Draft::version);
        let restored = drafts::load::<D>(&draft_name);
        let resend = restored.as_ref().is_some_and(|draft| draft.version() <= saved_version);
        let state = if restored.is_some() { SaveState::Pending } else { SaveState::Saved(None) };
        let autosave = Autosave {
            form: RwSignal::new(restored.or(saved).unwrap_or_default()),
            state: RwSignal::new(state),
            problem: RwSignal::new(None),
            held_back: RwSignal::new(Vec::new()),
            generation: StoredValue::new(0),
            draft_name: StoredValue::new(draft_name),
            endpoint: StoredValue::new(endpoint),
        };
        // While offline, keep trying: the draft is safe on this device meanwhile.
        Effect::new(move |_| {
            if autosave.state.with(|state| *state == SaveState::Offline) {
                spawn_local(async move {
                    TimeoutFuture::new(RETRY_MS).await;
                    if autosave.state.with_untracked(|state| *state == SaveState::Offline) {
                        autosave.state.set(SaveState::Pending);
                        autosave.save_now();
                    }
                });
            }
        });
        if resend {
            autosave.save_now();
        }
        autosave
    }

    /// The form's content, tracked.
    pub fn form(&self) -> ReadSignal<D> {
        self.form.read_only()
    }

    /// Where the changes are, tracked.
    pub fn state(&self) -> ReadSignal<SaveState<D>> {
        self.state.read_only()
    }

    /// Why the API refused the last save, if it did (field errors for the form to show).
    pub fn problem(&self) -> ReadSignal<Option<Problem>> {
        self.problem.read_only()
    }

    /// What the last save could not save yet, each by its field, tracked.
    pub fn held_back(&self) -> ReadSignal<Vec<FieldError>> {
        self.held_back.read_only()
    }

    /// A change by the person: kept on this device at once, sent after a pause in typing.
    pub fn change(&self, edit: impl FnOnce(&mut D)) {
        self.form.update(edit);
        self.keep_on_device();
        if !matches!(self.state.get_untracked(), SaveState::Conflict(_)) {
            self.state.set(SaveState::Pending);
        }
        self.generation.update_value(|n| *n += 1);
        let mine = self.generation.get_value();
        let autosave = *self;
        spawn_local(async move {
            TimeoutFuture::new(SAVE_DELAY_MS).await;
            if autosave.generation.get_value() == mine
                && autosave.state.with_untracked(|state| *state == SaveState::Pending)
            {
                autosave.save_now();
            }
        });
    }

    /// Sends the form now (unless a save is under way): after a pause in typing, on retry, and
    /// when the person asks to save.
    pub fn save_now(&self) {
        if self.state.with_untracked(|state| *state == SaveState::Saving) {
            return;
        }
        let sent = self.form.get_untracked();
        self.state.set(SaveState::Saving);
        let answer = self.endpoint.with_value(|endpoint| (endpoint.save)(sent.clone()));
        let autosave = *self;
        spawn_local(async move {
            match answer.await {
                Ok(saved) => autosave.saved(&sent, saved),
                Err(failure) if failure.status == 409 => {
                    let theirs = autosave.endpoint.with_value(|endpoint| (endpoint.saved_elsewhere)()).await;
                    match theirs {
                        Some(theirs) => autosave.state.set(SaveState::Conflict(Box::new(theirs))),
                        None => autosave.refused(failure),
                    }
                }
                Err(failure) if failure.status == 0 || failure.status >= 500 => {
                    autosave.state.set(SaveState::Offline);
                }
                Err(failure) => autosave.refused(failure),
            }
        });
    }

    /// After a conflict: keep this page's version, saved over the one saved elsewhere.
    pub fn keep_mine(&self) {
        if let SaveState::Conflict(theirs) = self.state.get_untracked() {
            self.form.update(|draft| draft.set_version(theirs.version()));
            self.state.set(SaveState::Pending);
            self.save_now();
        }
    }

    /// After a conflict: take the version saved elsewhere, and forget this page's.
    pub fn keep_theirs(&self) {
        if let SaveState::Conflict(theirs) = self.state.get_untracked() {
            self.form.set(*theirs);
            self.draft_name.with_value(|name| drafts::clear(name));
            self.state.set(SaveState::Saved(None));
        }
    }

    fn saved(&self, sent: &D, saved: Saved) {
        self.problem.set(None);
        let unchanged = self.form.with_untracked(|form| form == sent);
        self.form.update(|draft| draft.set_version(saved.version));
        let time = format!("{} UTC", saved.updated_at.time_of_day());
        let complete = saved.held_back.is_empty();
        self.held_back.set(saved.held_back);
        if unchanged && complete {
            self.draft_name.with_value(|name| drafts::clear(name));
            self.state.set(SaveState::Saved(Some(time)));
        } else if unchanged {
            // What was held back exists only here: keep it on this device until it is corrected.
            self.keep_on_device();
            self.state.set(SaveState::SavedExcept(time));
        } else {
            // Typed more while saving: keep the newer draft (now based on the new version); the
            // change that typing made sends it after its pause.
            self.keep_on_device();
            self.state.set(SaveState::Pending);
        }
    }

    fn refused(&self, failure: Problem) {
        self.problem.set(Some(failure));
        self.state.set(SaveState::Refused);
    }

    fn keep_on_device(&self) {
        self.form.with_untracked(|form| self.draft_name.with_value(|name| drafts::store(name, form)));
    }
}
