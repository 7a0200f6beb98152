//! A peer review's peer organisation (`/reviews/{id}/peers`): the one an administrator confirmed,
//! and those suggested (the same kind, in another ICS, closest in size first), with the form that
//! confirms one. Answered by `api::peer_pairs`.

use super::{Feedback, classes, field_errors, has_error};
use crate::app::peer_pairs::PeerPairs;
use maud::{Markup, html};

pub fn render(peers: &PeerPairs, feedback: &Feedback) -> Markup {
    let review = &peers.review;
    let errors = &feedback.errors;
    let chosen = match feedback.typed("organisation") {
        "" => peers.confirmed.as_ref().map(|pair| pair.ods_code.to_string()).unwrap_or_default(),
        typed => typed.to_owned(),
    };
    html! {
        div data-title={ "Peer organisation for " (review.organisation_name) } {
            div class="nhsuk-back-link" {
                a class="nhsuk-back-link__link" href={ "/reviews/" (review.id) "/reviewers" } { "Back to the reviewers" }
            }
            span class="nhsuk-caption-l" { (review.organisation_name) " · " (review.period) }
            h1 { "Peer organisation" }
            (feedback.notice())
            @if let Some(pair) = &peers.confirmed {
                p class="nhsuk-body" {
                    strong { (pair.name) " (" (pair.ods_code) ")" } " is the confirmed peer, by " (pair.confirmed_by)
                    " on " (pair.at.date().in_words()) ". Its people are the first to ask to review."
                }
            }
            p class="nhsuk-body" {
                "Peers are organisations of the same kind in another ICS, closest in weighted population first (where funding has recorded one for " (review.period) ")."
            }
            @if peers.suggestions.is_empty() {
                p class="nhsuk-body" { "No organisation of the same kind is in another ICS yet." }
            } @else {
                form method="post" action={ "/reviews/" (review.id) "/peers" } novalidate {
                    input type="hidden" name="version" value=(peers.confirmed.as_ref().map_or(0, |pair| pair.version));
                    div class=(classes("nhsuk-form-group", "nhsuk-form-group--error", has_error(errors, "organisation"))) {
                        fieldset class="nhsuk-fieldset" id="organisation" {
                            legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m" { "Suggested peers" }
                            (field_errors(errors, "organisation"))
                            div class="nhsuk-radios" {
                                @for peer in &peers.suggestions {
                                    @let id = format!("organisation-{}", peer.ods_code);
                                    div class="nhsuk-radios__item" {
                                        input class="nhsuk-radios__input" id=(id) name="organisation" type="radio"
                                            value=(peer.ods_code) checked[chosen == peer.ods_code.as_str()]
                                            aria-describedby={ (id) "-hint" };
                                        label class="nhsuk-label nhsuk-radios__label" for=(id) { (peer.name) " (" (peer.ods_code) ")" }
                                        div class="nhsuk-hint nhsuk-radios__hint" id={ (id) "-hint" } {
                                            "In " (peer.ics_code) "; "
                                            @match peer.weighted_population {
                                                Some(population) => { "weighted population " (population) }
                                                None => { "no weighted population recorded" }
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                    button class="nhsuk-button" type="submit" { "Confirm the peer organisation" }
                    p class="nhsuk-body-s" role="status" aria-live="polite" data-form-status {}
                }
            }
        }
    }
}
