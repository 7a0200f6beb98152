//! Importing a review exported (as JSON) from another instance of the service.

use crate::api;
use crate::components::{ErrorSummary, set_title};
use crate::page_guard::RequireSignIn;
use leptos::prelude::*;

use wgll_shared::export::ReviewExport;
use wgll_shared::problem::Problem;
use wgll_shared::review::Review;

#[component]
pub fn ImportPage() -> impl IntoView {
    set_title("Import a review");
    let (problem, set_problem) = signal(None::<Problem>);
    // The file goes to the API as it is: the API checks it (and says what is wrong), so the app
    // need not carry the code to read and rewrite a whole review export.
    let import = api::sender::<ReviewExport, Review>(api::Method::Post, "/api/reviews/import");
    Effect::new(move |_| {
        match import.answer() {
        Some(Ok(review)) => crate::router::navigate(&format!("/reviews/{}", review.id)),
        Some(Err(failure)) if failure.status == 400 => set_problem.set(Some(Problem {
            title: "This file is not a review export".to_owned(),
            detail: format!(
                "This file is not a review export: choose a .json file downloaded from a review’s “Download as JSON” button. ({})",
                failure.detail
            ),
            ..failure
        })),
        Some(Err(failure)) => set_problem.set(Some(failure)),
        None => {}
    }
    });
    let file_input = NodeRef::<leptos::html::Input>::new();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        // web-sys, not gloo-file: gloo-file reads a file through a FileReader and event listeners,
        // which made the download 2.2 KB (0.7%) larger than the browser's own `File.text()`.
        let file = file_input.get().and_then(|input| input.files()).and_then(|files| files.get(0));
        match file {
            Some(file) => {
                set_problem.set(None);
                leptos::task::spawn_local(async move {
                    // An unreadable file is sent empty: the API's refusal says what to choose.
                    let text = wasm_bindgen_futures::JsFuture::from(file.text()).await;
                    import.dispatch_text(text.ok().and_then(|text| text.as_string()).unwrap_or_default());
                });
            }
            None => set_problem.set(Some(crate::components::invalid(vec![wgll_shared::FieldError::new(
                "file",
                "Choose a review export file",
            )]))),
        }
    };
    let page = move |_| {
        view! {
            <ErrorSummary problem />
            <h1>"Import a review"</h1>
            <p>"Import a review exported as JSON from another instance of this service. It becomes a new draft review here; the organisation must already exist here."</p>
            <form novalidate on:submit=submit>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="file">"Review export (.json)"</label>
                    <input class="nhsuk-file-upload" id="file" name="file" type="file" accept="application/json,.json" node_ref=file_input />
                </div>
                <button class="nhsuk-button" type="submit" disabled=move || import.is_pending()>
                    {move || if import.is_pending() { "Importing…" } else { "Import review" }}
                </button>
            </form>
        }
    };
    view! { <RequireSignIn page /> }
}
