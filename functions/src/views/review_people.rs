//! Who reviews a review, as two pages with a form each: a peer reviewer accepting the review
//! (`/reviews/{id}/acceptance`: any conflict of interest declared) and the lead reviewer or an
//! administrator changing a draft's reviewers (`/reviews/{id}/reviewers`). The rules are
//! `wgll_shared::independence`; the forms are answered by `api::review_forms`.

use super::{Feedback, field_errors, has_error};
use maud::{Markup, html};
use wgll_shared::review::Review;

fn back_link(review: &Review) -> Markup {
    html! {
        div class="nhsuk-back-link" {
            a class="nhsuk-back-link__link" href={ "/reviews/" (review.id) } { "Back to the review" }
        }
    }
}

/// The acceptance form; once accepted (`accepted`), the notice and the way on to the assessments.
pub fn acceptance(review: &Review, accepted: bool, feedback: &Feedback) -> Markup {
    let errors = &feedback.errors;
    let organisation = &review.organisation_name;
    let chosen = feedback.typed("hasConflict");
    html! {
        div data-title={ "Accept the peer review of " (organisation) } {
            (back_link(review))
            span class="nhsuk-caption-l" { (review.kind.label()) " · " (review.period) }
            h1 { "Accept the peer review of " (organisation) }
            (feedback.notice())
            @if accepted {
                p { a class="nhsuk-button" href={ "/reviews/" (review.id) } { "Go to your assessments" } }
            } @else {
                p class="nhsuk-body" {
                    "Peer reviewers come from organisations other than " (organisation)
                    ": your account says where you work. Accept the review before you record your assessment."
                }
                form method="post" action={ "/reviews/" (review.id) "/acceptance" } novalidate {
                    input type="hidden" name="version" value=(review.version);
                    div class=(super::classes("nhsuk-form-group", "nhsuk-form-group--error", has_error(errors, "has-conflict"))) {
                        fieldset class="nhsuk-fieldset" id="has-conflict" aria-describedby="has-conflict-hint" {
                            legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s" {
                                "Do you have a conflict of interest with " (organisation) "?"
                            }
                            div class="nhsuk-hint" id="has-conflict-hint" {
                                "For example, you worked there recently, or you supply it."
                            }
                            (field_errors(errors, "has-conflict"))
                            div class="nhsuk-radios" {
                                @for (value, label) in [("no", "No"), ("yes", "Yes")] {
                                    div class="nhsuk-radios__item" {
                                        input class="nhsuk-radios__input" id={ "has-conflict-" (value) } name="hasConflict"
                                            type="radio" value=(value) checked[chosen == value];
                                        label class="nhsuk-label nhsuk-radios__label" for={ "has-conflict-" (value) } { (label) }
                                    }
                                }
                            }
                        }
                    }
                    div class=(super::classes("nhsuk-form-group", "nhsuk-form-group--error", has_error(errors, "conflict"))) {
                        label class="nhsuk-label" for="conflict" { "If yes, describe the conflict of interest" }
                        (field_errors(errors, "conflict"))
                        textarea class="nhsuk-textarea" id="conflict" name="conflict" rows="3" { (feedback.typed("conflict")) }
                    }
                    button class="nhsuk-button" type="submit" { "Accept this review" }
                    p class="nhsuk-body-s" role="status" aria-live="polite" data-form-status {}
                }
            }
        }
    }
}

/// The form that changes a draft's reviewers, filled in with them; `peers`: whether to link to
/// the peer organisation page (administrators', for a peer review).
pub fn reviewers(review: &Review, peers: bool, feedback: &Feedback) -> Markup {
    let errors = &feedback.errors;
    let listed = review.reviewers.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    let typed = if feedback.typed.is_empty() { listed } else { feedback.typed("reviewers").to_owned() };
    html! {
        div data-title={ "The reviewers of the " (review.kind.label().to_lowercase()) " of " (review.organisation_name) } {
            (back_link(review))
            span class="nhsuk-caption-l" { (review.organisation_name) " · " (review.period) }
            h1 { "Change the reviewers" }
            (feedback.notice())
            @if peers {
                p class="nhsuk-body" {
                    a href={ "/reviews/" (review.id) "/peers" } { "The peer organisation: suggested and confirmed" }
                }
            }
            form method="post" action={ "/reviews/" (review.id) "/reviewers" } novalidate {
                input type="hidden" name="version" value=(review.version);
                div class=(super::classes("nhsuk-form-group", "nhsuk-form-group--error", has_error(errors, "reviewers"))) {
                    label class="nhsuk-label" for="reviewers" { "Reviewers’ email addresses" }
                    div class="nhsuk-hint" id="reviewers-hint" {
                        "Separated by commas. The first leads the review. Each peer reviewer accepts it before recording anything."
                    }
                    (field_errors(errors, "reviewers"))
                    input class="nhsuk-input" id="reviewers" name="reviewers" type="text" aria-describedby="reviewers-hint" value=(typed);
                }
                button class="nhsuk-button" type="submit" { "Save the reviewers" }
                p class="nhsuk-body-s" role="status" aria-live="polite" data-form-status {}
            }
        }
    }
}
