//! An organisation's evidence pack for a year (`/organisations/{ods}/evidence/{period}`): its
//! documents, each with a button that opens it (the app fetches a signed link with the person's
//! token and follows it), and, for those who may change the pack, the upload form and a delete
//! button per document. Served and answered by `api::evidence_pages`.

use super::{Feedback, field_errors, has_error};
use maud::{Markup, html};
use wgll_shared::evidence::{ACCEPTED, EvidenceDocument, size_label};
use wgll_shared::organisation::Organisation;
use wgll_shared::period::Period;

/// The year as it is written in an address: `2025-26`.
fn year(period: &Period) -> String {
    period.as_str().replace('/', "-")
}

pub fn page(
    organisation: &Organisation,
    period: &Period,
    documents: &[EvidenceDocument],
    may_change: bool,
    feedback: &Feedback,
) -> Markup {
    let base = format!("/organisations/{}/evidence/{}", organisation.ods_code, year(period));
    let errors = &feedback.errors;
    html! {
        div data-title={ "Evidence for " (organisation.name) " " (period) } {
            span class="nhsuk-caption-l" { (organisation.name) " · " (period) }
            h1 { "Evidence" }
            (feedback.notice())
            p class="nhsuk-body" {
                "Documents " (organisation.name) " gives its reviewers for " (period)
                ". Only its leads, administrators and the reviewers of its reviews for the year can open them."
            }
            p class="nhsuk-body" role="status" data-open-status {}
            @if documents.is_empty() {
                p class="nhsuk-body" { "No documents have been uploaded for " (period) " yet." }
            } @else {
                table class="nhsuk-table" {
                    caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Documents for " (period) }
                    thead class="nhsuk-table__head" {
                        tr {
                            th scope="col" class="nhsuk-table__header" { "Document" }
                            th scope="col" class="nhsuk-table__header" { "Type and size" }
                            th scope="col" class="nhsuk-table__header" { "Uploaded" }
                            th scope="col" class="nhsuk-table__header" { span class="nhsuk-u-visually-hidden" { "Actions" } }
                        }
                    }
                    tbody class="nhsuk-table__body" {
                        @for document in documents {
                            tr class="nhsuk-table__row" {
                                td class="nhsuk-table__cell" { (document.name) }
                                td class="nhsuk-table__cell" { (document.kind.label()) ", " (size_label(document.size)) }
                                td class="nhsuk-table__cell" {
                                    (document.uploaded_by) ", " (document.uploaded_at.to_minute())
                                }
                                td class="nhsuk-table__cell" {
                                    button class="nhsuk-button nhsuk-button--secondary nhsuk-u-margin-bottom-2" type="button"
                                        data-open={ "/api/organisations/" (organisation.ods_code) "/evidence/" (year(period)) "/" (document.id) } {
                                        "Open" span class="nhsuk-u-visually-hidden" { " " (document.name) }
                                    }
                                    @if may_change {
                                        form method="post" action={ (base) "/" (document.id) "/delete" } {
                                            button class="nhsuk-button nhsuk-button--warning nhsuk-u-margin-bottom-0" type="submit" {
                                                "Delete" span class="nhsuk-u-visually-hidden" { " " (document.name) }
                                            }
                                            span class="nhsuk-u-visually-hidden" role="status" data-form-status {}
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
            @if may_change {
                h2 { "Upload a document" }
                form method="post" action=(base) data-upload novalidate {
                    // NHS.UK's file upload markup (without its script, which the CSP would not run).
                    div class="nhsuk-form-group nhsuk-file-upload" .nhsuk-form-group--error[has_error(errors, "file")] {
                        label class="nhsuk-label" for="file" { "Choose a document" }
                        div class="nhsuk-hint" id="file-hint" {
                            "Upload " (ACCEPTED) ", at most 4 MB. Its name is shown to reviewers."
                        }
                        (field_errors(errors, "file"))
                        input class="nhsuk-file-upload__input" id="file" name="file" type="file"
                            aria-describedby=(if has_error(errors, "file") { "file-hint file-error" } else { "file-hint" })
                            accept=".pdf,.doc,.docx,.xls,.xlsx,.png,.jpg,.jpeg";
                    }
                    button class="nhsuk-button" type="submit" { "Upload" }
                    p class="nhsuk-body" role="status" data-form-status {}
                }
            }
        }
    }
}
