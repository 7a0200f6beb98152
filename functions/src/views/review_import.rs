//! Importing a review exported (as JSON) from another instance of the service
//! (`/reviews/import`): the form sends the chosen file as it is (`data-upload`) to
//! `crate::api::review_import`, which checks it and answers by taking the person to the new draft,
//! or with this page again saying what is wrong.

use super::{Feedback, field_errors, has_error};
use maud::{Markup, html};

pub fn render(feedback: &Feedback) -> Markup {
    let error = has_error(&feedback.errors, "file");
    html! {
        h1 data-title="Import a review" { "Import a review" }
        (feedback.notice())
        p { "Import a review exported as JSON from another instance of this service. It becomes a new draft review here; the organisation must already exist here." }
        form method="post" action="/reviews/import" data-upload novalidate {
            // NHS.UK's file upload markup (without its script, which the CSP would not run).
            div class=(super::classes("nhsuk-form-group nhsuk-file-upload", "nhsuk-form-group--error", error)) {
                label class="nhsuk-label" for="file" { "Review export (.json)" }
                div class="nhsuk-hint" id="file-hint" { "The file a review’s “Download as JSON” button saves." }
                (field_errors(&feedback.errors, "file"))
                input class="nhsuk-file-upload__input" id="file" name="file" type="file" accept="application/json,.json"
                    aria-describedby=(if error { "file-hint file-error" } else { "file-hint" });
            }
            p class="nhsuk-body-s" role="status" data-form-status {}
            button class="nhsuk-button" type="submit" { "Import review" }
        }
    }
}
