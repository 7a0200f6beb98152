//! Regional validation and the provisional release, as pages with forms (answered by
//! `api::validation_forms`): a region's list of peer reviews to validate (`/validation`), one
//! review's agreed levels and outliers with the decision (`/reviews/{id}/validation`), and the
//! provisional result the organisation checks, with its factual-error flags and the lead
//! reviewer's answers (`/reviews/{id}/provisional`).

use super::{Feedback, field_errors, has_error};
use crate::app::validation::{RegionQueue, ValidationView};
use maud::{Markup, html};
use wgll_shared::date::Date;
use wgll_shared::framework;
use wgll_shared::provisional::FactualErrorFlag;
use wgll_shared::review::{Review, ReviewDetail, ReviewStatus};

fn back_link(href: &str, text: &str) -> Markup {
    html! {
        div class="nhsuk-back-link" {
            a class="nhsuk-back-link__link" href=(href) { (text) }
        }
    }
}

fn measure_title(review: &Review, number: u8) -> String {
    framework::find(&review.framework_id)
        .and_then(|framework| framework.measure(number))
        .map_or_else(|| format!("Measure {number}"), |measure| format!("{number}. {}", measure.title))
}

/// The list of peer reviews waiting for each of the caller's regions.
pub fn queues(queues: &[RegionQueue]) -> Markup {
    html! {
        div data-title="Reviews to validate" {
            h1 { "Reviews to validate" }
            p class="nhsuk-body" {
                "Moderated peer reviews come here before they are published. Look at each one’s outliers, then confirm it or return it to its lead reviewer with a reason."
            }
            @for queue in queues {
                h2 { (queue.region.map_or("ICSs without a region", |region| region.label())) }
                @if queue.awaiting.is_empty() {
                    p class="nhsuk-body" { "Nothing is waiting." }
                } @else {
                    table class="nhsuk-table-responsive" {
                        caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Waiting for validation" }
                        thead class="nhsuk-table__head" {
                            tr class="nhsuk-table__row" {
                                th class="nhsuk-table__header" scope="col" { "Organisation" }
                                th class="nhsuk-table__header" scope="col" { "ICS" }
                                th class="nhsuk-table__header" scope="col" { "Year" }
                                th class="nhsuk-table__header" scope="col" { "Moderated" }
                            }
                        }
                        tbody class="nhsuk-table__body" {
                            @for awaiting in &queue.awaiting {
                                tr class="nhsuk-table__row" {
                                    td class="nhsuk-table__cell" {
                                        span class="nhsuk-table-responsive__heading" aria-hidden="true" { "Organisation " }
                                        a href={ "/reviews/" (awaiting.review_id) "/validation" } { (awaiting.organisation_name) }
                                    }
                                    td class="nhsuk-table__cell" {
                                        span class="nhsuk-table-responsive__heading" aria-hidden="true" { "ICS " }
                                        (awaiting.ics_code)
                                    }
                                    td class="nhsuk-table__cell" {
                                        span class="nhsuk-table-responsive__heading" aria-hidden="true" { "Year " }
                                        (awaiting.period)
                                    }
                                    td class="nhsuk-table__cell" {
                                        span class="nhsuk-table-responsive__heading" aria-hidden="true" { "Moderated " }
                                        (awaiting.moderated_at.date().in_words())
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// The agreed levels, measure by measure, with the outliers' sentences beside them (`remarks`),
/// or with the lead reviewer's note (none).
fn levels_table(detail: &ReviewDetail, remarks: Option<&dyn Fn(u8) -> Vec<String>>) -> Markup {
    html! {
        table class="nhsuk-table-responsive" {
            caption class="nhsuk-table__caption" { "Agreed levels" }
            thead class="nhsuk-table__head" {
                tr class="nhsuk-table__row" {
                    th class="nhsuk-table__header" scope="col" { "Success measure" }
                    th class="nhsuk-table__header" scope="col" { "Level" }
                    th class="nhsuk-table__header" scope="col" { @if remarks.is_some() { "To look at" } @else { "Why" } }
                }
            }
            tbody class="nhsuk-table__body" {
                @for agreed in &detail.agreed {
                    tr class="nhsuk-table__row" {
                        td class="nhsuk-table__cell" {
                            span class="nhsuk-table-responsive__heading" aria-hidden="true" { "Success measure " }
                            (measure_title(&detail.review, agreed.measure))
                        }
                        td class="nhsuk-table__cell" {
                            span class="nhsuk-table-responsive__heading" aria-hidden="true" { "Level " }
                            (agreed.level.value())
                        }
                        @if let Some(remarks) = remarks {
                            @let remarks = remarks(agreed.measure);
                            td class="nhsuk-table__cell" {
                                span class="nhsuk-table-responsive__heading" aria-hidden="true" { "To look at " }
                                @if remarks.is_empty() {
                                    "Nothing stands out"
                                } @else {
                                    ul class="nhsuk-list" {
                                        @for remark in &remarks { li { strong { (remark) } } }
                                    }
                                }
                            }
                        } @else {
                            td class="nhsuk-table__cell" {
                                span class="nhsuk-table-responsive__heading" aria-hidden="true" { "Why " }
                                (agreed.note)
                            }
                        }
                    }
                }
            }
        }
    }
}

/// One review for its region: the agreed levels and outliers, and the decision form (or, once
/// decided, `decided`'s notice and the way back to the list).
pub fn review(view: &ValidationView, decided: bool, feedback: &Feedback) -> Markup {
    let review = &view.detail.review;
    let errors = &feedback.errors;
    let chosen = feedback.typed("decision");
    html! {
        div data-title={ "Validate the peer review of " (review.organisation_name) } {
            (back_link("/validation", "Back to the reviews to validate"))
            span class="nhsuk-caption-l" { "Peer review · " (review.period) }
            h1 { "Validate the peer review of " (review.organisation_name) }
            (feedback.notice())
            @if !decided {
                @if view.outliers.is_empty() {
                    p class="nhsuk-body" { "No level stands out." }
                } @else {
                    div class="nhsuk-warning-callout" {
                        h2 class="nhsuk-warning-callout__label" {
                            span role="text" { span class="nhsuk-u-visually-hidden" { "Important: " } "Outliers" }
                        }
                        p { (view.outliers.len()) " thing" @if view.outliers.len() != 1 { "s" } " to look at before you confirm it." }
                    }
                }
                p class="nhsuk-body-s" {
                    @if view.has_self_assessment { "Compared with the organisation’s self-assessment for the year" }
                    @else { "The organisation has no self-assessment for the year to compare with" }
                    "; " (view.similar_published) " similar organisation"
                    @if view.similar_published != 1 { "s" } " published this year."
                }
                (levels_table(&view.detail, Some(&|measure| {
                    view.outliers.iter().filter(|outlier| outlier.measure() == measure).map(|outlier| outlier.explain()).collect()
                })))
                form method="post" action={ "/reviews/" (review.id) "/validation" } novalidate {
                    input type="hidden" name="version" value=(review.version);
                    div class=(super::classes("nhsuk-form-group", "nhsuk-form-group--error", has_error(errors, "decision"))) {
                        fieldset class="nhsuk-fieldset" id="decision" {
                            legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m" { "Your decision" }
                            (field_errors(errors, "decision"))
                            div class="nhsuk-radios" {
                                @for (value, label, hint) in [
                                    ("confirm", "Confirm the result", "The organisation then checks it for factual errors before it is published."),
                                    ("return", "Return it to the lead reviewer", "Say what they should look at again."),
                                ] {
                                    div class="nhsuk-radios__item" {
                                        input class="nhsuk-radios__input" id={ "decision-" (value) } name="decision"
                                            type="radio" value=(value) checked[chosen == value]
                                            aria-describedby={ "decision-" (value) "-hint" };
                                        label class="nhsuk-label nhsuk-radios__label" for={ "decision-" (value) } { (label) }
                                        div class="nhsuk-hint nhsuk-radios__hint" id={ "decision-" (value) "-hint" } { (hint) }
                                    }
                                }
                            }
                        }
                    }
                    div class=(super::classes("nhsuk-form-group", "nhsuk-form-group--error", has_error(errors, "reason"))) {
                        label class="nhsuk-label" for="reason" { "Reason (needed to return it)" }
                        (field_errors(errors, "reason"))
                        textarea class="nhsuk-textarea" id="reason" name="reason" rows="3" { (feedback.typed("reason")) }
                    }
                    button class="nhsuk-button" type="submit" { "Save the decision" }
                    p class="nhsuk-body-s" role="status" aria-live="polite" data-form-status {}
                }
            } @else {
                p { a href="/validation" { "Go back to the reviews to validate" } }
            }
        }
    }
}

/// What the caller may do on the provisional page.
pub struct ProvisionalRights {
    /// The organisation's lead: flag errors, confirm the result.
    pub respond: bool,
    /// The lead reviewer: answer the flags.
    pub answer: bool,
}

fn flag_item(
    review: &Review,
    flag: &FactualErrorFlag,
    rights: &ProvisionalRights,
    feedback: &Feedback,
) -> Markup {
    let errors = &feedback.errors;
    let field = format!("answer-{}", flag.number);
    html! {
        div class="nhsuk-card" id={ "flag-" (flag.number) } {
            div class="nhsuk-card__content" {
                h3 class="nhsuk-card__heading" {
                    "Factual error " (flag.number) ": "
                    (flag.measure.map_or_else(|| "the review as a whole".to_owned(), |measure| measure_title(review, measure)))
                }
                p { (flag.text) }
                p class="nhsuk-body-s" { "Flagged by " (flag.by) " on " (flag.at.date().in_words()) }
                @if let Some(answer) = &flag.answer {
                    div class="nhsuk-inset-text" {
                        p { strong { "Answer: " } (answer.text) }
                        p class="nhsuk-body-s" { (answer.by) ", " (answer.at.date().in_words()) }
                    }
                } @else if rights.answer {
                    form method="post" action={ "/reviews/" (review.id) "/flags/" (flag.number) "/answer" } novalidate {
                        input type="hidden" name="version" value=(review.version);
                        div class=(super::classes("nhsuk-form-group", "nhsuk-form-group--error", has_error(errors, &field))) {
                            label class="nhsuk-label" for=(field) { "Your answer" }
                            div class="nhsuk-hint" id={ (field) "-hint" } {
                                "What you corrected, or why the result stands. To change an agreed level, return the review to draft first."
                            }
                            (field_errors(errors, &field))
                            textarea class="nhsuk-textarea" id=(field) name="answer" rows="3" aria-describedby={ (field) "-hint" } {
                                @if feedback.typed("flag") == flag.number.to_string() { (feedback.typed("answer")) }
                            }
                        }
                        input type="hidden" name="flag" value=(flag.number);
                        button class="nhsuk-button nhsuk-button--secondary" type="submit" { "Answer factual error " (flag.number) }
                    }
                } @else {
                    p class="nhsuk-body-s" { strong class="nhsuk-tag nhsuk-tag--yellow" { "Not answered yet" } }
                }
            }
        }
    }
}

/// The provisional result, its flags and what the caller may do about them, on `today`.
pub fn provisional(
    detail: &ReviewDetail,
    rights: &ProvisionalRights,
    today: Date,
    feedback: &Feedback,
) -> Markup {
    let review = &detail.review;
    let errors = &feedback.errors;
    let open = review.open_for_flags(today);
    html! {
        div data-title={ "Provisional result: " (review.organisation_name) } {
            (back_link(&format!("/reviews/{}", review.id), "Back to the review"))
            span class="nhsuk-caption-l" { "Peer review · " (review.period) }
            h1 { "Provisional result for " (review.organisation_name) }
            (feedback.notice())
            @if review.status != ReviewStatus::Provisional {
                p class="nhsuk-body" {
                    "This review is " (review.status.label().to_lowercase()) ". Its region confirms a moderated peer review before the organisation checks it here."
                }
            } @else {
                @match (&review.facts_confirmed, review.provisional_until) {
                    (Some(confirmed), _) => p class="nhsuk-body" {
                        (confirmed.by) " confirmed on " (confirmed.at.date().in_words()) " that the result has no factual errors."
                    },
                    (None, Some(until)) if open => p class="nhsuk-body" {
                        strong { (review.organisation_name) " can flag factual errors until " (until.in_words()) "." }
                        " The lead reviewer answers each one before publishing."
                    },
                    (None, Some(until)) => p class="nhsuk-body" { "Factual errors could be flagged until " (until.in_words()) "." },
                    (None, None) => {},
                }
                (levels_table(detail, None))
                h2 { "Factual errors flagged" }
                @if review.flags.is_empty() {
                    p class="nhsuk-body" { "None so far." }
                }
                @for flag in &review.flags {
                    (flag_item(review, flag, rights, feedback))
                }
                @if rights.respond && open {
                    h2 { "Flag a factual error" }
                    form method="post" action={ "/reviews/" (review.id) "/flags" } novalidate {
                        input type="hidden" name="version" value=(review.version);
                        div class=(super::classes("nhsuk-form-group", "nhsuk-form-group--error", has_error(errors, "measure"))) {
                            label class="nhsuk-label" for="measure" { "What it is about" }
                            (field_errors(errors, "measure"))
                            select class="nhsuk-select" id="measure" name="measure" {
                                option value="" { "The review as a whole" }
                                @for agreed in &detail.agreed {
                                    option value=(agreed.measure) selected[feedback.typed("measure") == agreed.measure.to_string()] {
                                        (measure_title(review, agreed.measure))
                                    }
                                }
                            }
                        }
                        div class=(super::classes("nhsuk-form-group", "nhsuk-form-group--error", has_error(errors, "text"))) {
                            label class="nhsuk-label" for="text" { "What is wrong, and what is right" }
                            div class="nhsuk-hint" id="text-hint" { "A fact, such as a system you have or a date, not a disagreement with a level." }
                            (field_errors(errors, "text"))
                            textarea class="nhsuk-textarea" id="text" name="text" rows="4" aria-describedby="text-hint" { (feedback.typed("text")) }
                        }
                        button class="nhsuk-button" type="submit" { "Flag this error" }
                    }
                    h2 { "No factual errors?" }
                    form method="post" action={ "/reviews/" (review.id) "/facts-confirmed" } novalidate {
                        input type="hidden" name="version" value=(review.version);
                        p class="nhsuk-body" { "Once you confirm, the lead reviewer can publish the result without waiting for the last day." }
                        button class="nhsuk-button nhsuk-button--secondary" type="submit" { "Confirm the result has no factual errors" }
                    }
                }
                p class="nhsuk-body-s" role="status" aria-live="polite" data-form-status {}
            }
        }
    }
}
