//! The moderation part of a review's page: every reviewer's level per measure side by side, with
//! disagreements flagged; once submitted, each reviewer's reasons; and for the lead reviewer, while
//! the review is submitted, the agreed levels' form (proposed where the reviewers agree, saved
//! together: `crate::api::review_page::agreed_form`).

use crate::views::{Feedback, classes, field_errors, has_error};
use maud::{Markup, html};
use wgll_shared::assessment::{disagree, proposed_level};
use wgll_shared::email::Email;
use wgll_shared::framework::Framework;
use wgll_shared::maturity::MaturityLevel;
use wgll_shared::review::{ReviewDetail, ReviewStatus};

/// The agreed levels' form's id (its errors as a whole are named by it).
pub const FORM: &str = "agreed-levels";

/// The form's fields for measure `number`: its level, its note and the version it replaces.
pub fn fields(number: u8) -> [String; 3] {
    [format!("agreed-{number}"), format!("agreed-note-{number}"), format!("agreed-version-{number}")]
}

/// What the lead is told of the reviewers' levels for a measure: the level proposed where every
/// reviewer chose the same one, else how they differ.
fn proposal_text(reviewers: &[Email], levels: &[Option<MaturityLevel>]) -> String {
    if let Some(level) = proposed_level(levels) {
        let who = match reviewers.len() {
            1 => "The reviewer".to_owned(),
            2 => "Both reviewers".to_owned(),
            count => format!("All {count} reviewers"),
        };
        return format!("{who} chose {level}, so it is proposed as the agreed level.");
    }
    let each: Vec<String> = reviewers
        .iter()
        .zip(levels)
        .map(|(reviewer, level)| match level {
            Some(level) => format!("{reviewer} chose {level}"),
            None => format!("{reviewer} has not chosen a level"),
        })
        .collect();
    format!("The reviewers differ: {}. Choose the agreed level.", each.join("; "))
}

pub fn render(detail: &ReviewDetail, framework: &Framework, lead: bool, feedback: &Feedback) -> Markup {
    let review = &detail.review;
    let reviewers = &review.reviewers;
    let levels_of = |number: u8| -> Vec<Option<MaturityLevel>> {
        reviewers
            .iter()
            .map(|reviewer| detail.assessment(number, reviewer).and_then(|assessment| assessment.level))
            .collect()
    };
    let table = html! {
        h2 { "Reviewers’ levels" }
        p { "Levels more than one apart are flagged for discussion. The lead reviewer records the agreed level once the review is submitted." }
        // Scrolls sideways on a phone, so it must be reachable and named for keyboard users.
        div class="nhsuk-table-container" tabindex="0" role="region" aria-label="Reviewers’ levels by measure" {
            table class="nhsuk-table" {
                caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Each reviewer’s level and the agreed level, by success measure" }
                thead class="nhsuk-table__head" {
                    tr {
                        th scope="col" { "Measure" }
                        @for reviewer in reviewers { th scope="col" { (reviewer) } }
                        th scope="col" { "Flag" }
                        th scope="col" { "Agreed level" }
                    }
                }
                tbody class="nhsuk-table__body" {
                    @for measure in framework.measures.iter() {
                        @let levels = levels_of(measure.number);
                        tr class="nhsuk-table__row" {
                            th class="nhsuk-table__cell" scope="row" { (measure.title) }
                            @for level in &levels {
                                td class="nhsuk-table__cell" { (level.map_or("–".to_owned(), |level| level.value().to_string())) }
                            }
                            td class="nhsuk-table__cell" {
                                @if disagree(levels.iter().flatten().copied()) {
                                    strong class="nhsuk-tag nhsuk-tag--red" { "Disagree by more than 1" }
                                }
                            }
                            td class="nhsuk-table__cell" {
                                (detail.agreed_level(measure.number).map_or("Not agreed yet".to_owned(), |agreed| agreed.level.to_string()))
                            }
                        }
                    }
                }
            }
        }
    };
    // While reviewers are still drafting, their reasons are their own work in progress.
    if review.status == ReviewStatus::Draft {
        return table;
    }
    let can_agree = lead && review.status == ReviewStatus::Submitted;
    let errors = &feedback.errors;
    let sections = html! {
        @for measure in framework.measures.iter() {
            @let number = measure.number;
            @let levels = levels_of(number);
            @let differ = proposed_level(&levels).is_none();
            @let recorded = detail.agreed_level(number);
            section id={ "moderate-" (number) } aria-labelledby={ "moderate-" (number) "-title" } {
                h3 id={ "moderate-" (number) "-title" } { (measure.title) }
                @if disagree(levels.iter().flatten().copied()) {
                    p { strong class="nhsuk-tag nhsuk-tag--red" { "Disagree by more than 1" } }
                }
                @for (reviewer, level) in reviewers.iter().zip(&levels) {
                    @let assessment = detail.assessment(number, reviewer);
                    @let text = |pick: fn(&wgll_shared::assessment::MeasureAssessment) -> &String| {
                        assessment.map(pick).filter(|text| !text.trim().is_empty()).cloned().unwrap_or_else(|| "None given".to_owned())
                    };
                    details class="nhsuk-details" open[differ] {
                        summary class="nhsuk-details__summary" {
                            span class="nhsuk-details__summary-text" {
                                @match level {
                                    Some(level) => { (reviewer) ": level " (level) }
                                    None => { (reviewer) ": no level yet" }
                                }
                            }
                        }
                        div class="nhsuk-details__text" {
                            dl class="nhsuk-summary-list" {
                                @for (key, value) in [("Rationale", text(|a| &a.rationale)), ("Strengths", text(|a| &a.strengths)),
                                    ("Gaps", text(|a| &a.gaps)), ("Recommendations", text(|a| &a.recommendations))] {
                                    div class="nhsuk-summary-list__row" {
                                        dt class="nhsuk-summary-list__key" { (key) }
                                        dd class="nhsuk-summary-list__value" { (value) }
                                    }
                                }
                            }
                        }
                    }
                }
                p id={ "proposal-" (number) } { (proposal_text(reviewers, &levels)) }
                p class="nhsuk-body-s" id={ "recorded-" (number) } {
                    (recorded.map_or("Not agreed yet".to_owned(), |agreed| format!("Recorded: {}", agreed.level)))
                }
                @if can_agree {
                    @let [level_id, note_id, version_id] = fields(number);
                    // What was typed, after an error; else the recorded level, else the proposed one.
                    @let chosen = if feedback.typed.is_empty() {
                        recorded.map(|agreed| agreed.level).or(proposed_level(&levels)).map(|level| level.value().to_string()).unwrap_or_default()
                    } else {
                        feedback.typed(&level_id).to_owned()
                    };
                    @let note = if feedback.typed.is_empty() {
                        recorded.map(|agreed| agreed.note.clone()).unwrap_or_default()
                    } else {
                        feedback.typed(&note_id).to_owned()
                    };
                    input type="hidden" name=(version_id) value=(recorded.map_or(0, |agreed| agreed.version));
                    div class=(classes("nhsuk-form-group", "nhsuk-form-group--error", has_error(errors, &level_id))) {
                        label class="nhsuk-label" for=(level_id) { "Agreed level for " (measure.title) }
                        (field_errors(errors, &level_id))
                        select class="nhsuk-select" id=(level_id) name=(level_id) aria-describedby={ "proposal-" (number) } {
                            option value="" selected[chosen.is_empty()] { "Choose…" }
                            @for option in MaturityLevel::all() {
                                @let value = option.value().to_string();
                                option value=(value) selected[value == chosen] { (option) }
                            }
                        }
                    }
                    div class=(classes("nhsuk-form-group", "nhsuk-form-group--error", has_error(errors, &note_id))) {
                        label class="nhsuk-label" for=(note_id) { "Note (why this level, especially where the reviewers differ)" }
                        (field_errors(errors, &note_id))
                        input class=(classes("nhsuk-input", "nhsuk-input--error", has_error(errors, &note_id))) type="text"
                            id=(note_id) name=(note_id) value=(note);
                    }
                }
            }
        }
    };
    html! {
        (table)
        h2 { "Reasons and agreed levels" }
        p { "Each reviewer’s rationale, strengths, gaps and recommendations, measure by measure. Where they differ, their reasons are open." }
        @if can_agree {
            form id=(FORM) method="post" action={ "/reviews/" (review.id) "/agreed" } novalidate {
                (sections)
                p class="nhsuk-body-s" role="status" data-form-status {}
                button class="nhsuk-button" type="submit" { "Save agreed levels" }
            }
        } @else {
            (sections)
        }
    }
}
