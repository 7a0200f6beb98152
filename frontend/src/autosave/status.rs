//! What an autosaved form tells the person: what is saved, what is waiting or held back, and any
//! clash with a version saved elsewhere to resolve.

use super::{Autosave, Draft, SaveState};
use leptos::prelude::*;

/// The status at the top of the form, announced as it changes; for a conflict, both versions and
/// the choice between them.
#[component]
pub fn SaveStatus<D: Draft>(
    autosave: Autosave<D>,
    /// What the form records, for "Your … was also changed elsewhere".
    record: &'static str,
    /// One version in a line, for telling the two apart in a conflict.
    describe: fn(&D) -> String,
) -> impl IntoView {
    view! {
        <div class="nhsuk-inset-text" id="save-status" role="status" aria-live="polite">
            {move || match autosave.state().get() {
                SaveState::Saved(Some(time)) => view! { <p>{format!("All changes saved at {time}.")}</p> }.into_any(),
                SaveState::Saved(None) => view! { <p>"Changes save automatically as you type."</p> }.into_any(),
                SaveState::SavedExcept(time) => view! {
                    <p>{format!("Everything else saved at {time}, but not these, which are kept on this device until you correct them:")}</p>
                    <ul class="nhsuk-list nhsuk-list--bullet">
                        {autosave.held_back().get().into_iter().map(|error| view! {
                            <li><a href=format!("#{}", crate::components::field_id(&error.field))>{error.message}</a></li>
                        }).collect_view()}
                    </ul>
                }.into_any(),
                SaveState::Pending => view! { <p>"Changes kept on this device; saving shortly…"</p> }.into_any(),
                SaveState::Saving => view! { <p>"Saving…"</p> }.into_any(),
                SaveState::Offline => view! {
                    <p>"Not saved yet: the service cannot be reached. Your changes are kept on this device and will be saved when the connection returns."</p>
                }.into_any(),
                SaveState::Refused => view! { <p>"Not saved: correct the problem shown above. Your changes are kept on this device."</p> }.into_any(),
                SaveState::Conflict(theirs) => view! {
                    <h2 class="nhsuk-heading-s">{format!("Your {record} was also changed elsewhere")}</h2>
                    <p>"It was saved from another tab or device after you opened this page. Nothing has been overwritten: choose which version to keep."</p>
                    <dl class="nhsuk-summary-list">
                        <div class="nhsuk-summary-list__row">
                            <dt class="nhsuk-summary-list__key">"This page"</dt>
                            <dd class="nhsuk-summary-list__value">{autosave.form().with_untracked(describe)}</dd>
                        </div>
                        <div class="nhsuk-summary-list__row">
                            <dt class="nhsuk-summary-list__key">"Saved elsewhere"</dt>
                            <dd class="nhsuk-summary-list__value">{describe(&theirs)}</dd>
                        </div>
                    </dl>
                    <button class="nhsuk-button nhsuk-button--secondary" type="button" on:click=move |_| autosave.keep_mine()>"Keep this page’s version"</button>
                    " "
                    <button class="nhsuk-button nhsuk-button--secondary" type="button" on:click=move |_| autosave.keep_theirs()>"Use the saved version"</button>
                }.into_any(),
            }}
        </div>
    }
}

/// The status in a line, for where the form ends (the full status is at the top, and announced).
#[component]
pub fn SaveStatusShort<D: Draft>(autosave: Autosave<D>) -> impl IntoView {
    view! {
        <p class="nhsuk-body-s" id="save-status-short">{move || match autosave.state().get() {
            SaveState::Saved(_) => "All changes saved.".into_any(),
            SaveState::SavedExcept(_) => view! {
                "Saved, except: "
                {autosave.held_back().get().into_iter().map(|error| view! {
                    <a href=format!("#{}", crate::components::field_id(&error.field))>{error.message}</a>" "
                }).collect_view()}
            }.into_any(),
            SaveState::Pending | SaveState::Saving => "Saving…".into_any(),
            SaveState::Offline => "Not saved yet: kept on this device until the service can be reached.".into_any(),
            SaveState::Refused => "Not saved: see the problem at the top of the page.".into_any(),
            SaveState::Conflict(_) => "Not saved: choose a version at the top of the page.".into_any(),
        }}</p>
    }
}
