//! The assessment rounds page (`/rounds`): every year's round with its phases, when each opens
//! and closes and what is assessed in it; for administrators, the form that opens a round,
//! filled in from seed 001's plan for the next year without one.

use super::{Feedback, field_errors, has_error};
use maud::{Markup, html};
use wgll_shared::framework::{self, Framework};
use wgll_shared::rounds::{NewRound, Round};

/// How many phases the form offers; a phase left blank is left out.
pub const PHASE_SLOTS: usize = 4;

/// What the page shows: the rounds, newest year first, and the form when the caller may open one.
pub struct RoundsPage<'a> {
    pub rounds: &'a [Round],
    /// The form's starting point, for administrators only.
    pub form: Option<NewRound>,
    /// Whether the person may see a round's progress (administrators, regions' teams, ICS leads).
    pub progress: bool,
}

pub fn measure_titles(framework: Option<&Framework>, measures: &[u8]) -> String {
    measures
        .iter()
        .map(|number| {
            framework
                .and_then(|framework| framework.measure(*number))
                .map_or_else(|| format!("Measure {number}"), |measure| measure.title.to_string())
        })
        .collect::<Vec<_>>()
        .join(", ")
}

pub fn render(page: &RoundsPage, feedback: &Feedback) -> Markup {
    html! {
        div data-title="Assessment rounds" {
            h1 { "Assessment rounds" }
            p class="nhsuk-lede-text" {
                "Each year’s peer reviews run in phases: a measure can be assessed from the day its phase opens, and one saved after its phase closes is marked late."
            }
            (feedback.notice())
            @if page.rounds.is_empty() {
                p class="nhsuk-body" id="no-rounds" { "No assessment round has been opened yet." }
            }
            @for round in page.rounds.iter().rev() {
                (round_table(round))
                @if page.progress {
                    p class="nhsuk-body" {
                        a href={ "/rounds/" (round.period.as_str().replace('/', "-")) "/progress" } {
                            "See the progress of the " (round.period) " round"
                        }
                    }
                }
            }
            @if let Some(form) = &page.form {
                (open_form(form, feedback))
            }
        }
    }
}

fn round_table(round: &Round) -> Markup {
    let framework = framework::find(&round.framework_id);
    let id = format!("round-{}", round.period.as_str().replace('/', "-"));
    html! {
        h2 id=(id) { "The " (round.period) " round" }
        table class="nhsuk-table-responsive" {
            caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Phases of the " (round.period) " round" }
            thead class="nhsuk-table__head" {
                tr class="nhsuk-table__row" {
                    th class="nhsuk-table__header" scope="col" { "Phase" }
                    th class="nhsuk-table__header" scope="col" { "Opens" }
                    th class="nhsuk-table__header" scope="col" { "Closes" }
                    th class="nhsuk-table__header" scope="col" { "Measures" }
                }
            }
            tbody class="nhsuk-table__body" {
                @for phase in &round.phases {
                    tr class="nhsuk-table__row" {
                        td class="nhsuk-table__cell" { span class="nhsuk-table-responsive__heading" { "Phase " } (phase.name) }
                        td class="nhsuk-table__cell" { span class="nhsuk-table-responsive__heading" { "Opens " } (phase.opens.in_words()) }
                        td class="nhsuk-table__cell" { span class="nhsuk-table-responsive__heading" { "Closes " } (phase.closes.in_words()) }
                        td class="nhsuk-table__cell" {
                            span class="nhsuk-table-responsive__heading" { "Measures " }
                            (measure_titles(framework, &phase.measures))
                        }
                    }
                }
            }
        }
        p class="nhsuk-body-s" { "Opened by " (round.opened_by) " on " (round.opened_at.date().in_words()) "." }
    }
}

/// The form's field id for a field of a phase: `phase-2-closes`.
pub fn phase_field(index: usize, name: &str) -> String {
    format!("phase-{index}-{name}")
}

fn open_form(plan: &NewRound, feedback: &Feedback) -> Markup {
    let errors = &feedback.errors;
    // After an error, what was typed; otherwise the plan.
    let typed_or = |name: &str, planned: &str| -> String {
        if feedback.typed.is_empty() { planned.to_owned() } else { feedback.typed(name).to_owned() }
    };
    let framework = framework::find(plan.framework.as_deref().unwrap_or(framework::CURRENT))
        .or_else(|| framework::find(framework::CURRENT));
    html! {
        h2 id="open-a-round" { "Open a round" }
        p class="nhsuk-body" {
            "The phases below are seed 001’s 2021/22 plan moved to this year: change them as needed. Put every measure in one phase. Leave a phase’s name empty to leave it out."
        }
        form method="post" action="/rounds" novalidate {
            div class=(super::classes("nhsuk-form-group", "nhsuk-form-group--error", has_error(errors, "period"))) {
                label class="nhsuk-label nhsuk-label--s" for="period" { "Financial year" }
                div class="nhsuk-hint" id="period-hint" { "For example, 2026/27" }
                (field_errors(errors, "period"))
                input class="nhsuk-input nhsuk-input--width-10" id="period" name="period" type="text"
                    aria-describedby="period-hint" value=(typed_or("period", &plan.period));
            }
            div id="phases" {
                (field_errors(errors, "phases"))
            }
            @for index in 0..PHASE_SLOTS {
                @let planned = plan.phases.get(index).cloned().unwrap_or_default();
                (phase_fieldset(index, &planned, framework, feedback, &typed_or))
            }
            button class="nhsuk-button" type="submit" { "Open the round" }
        }
    }
}

fn phase_fieldset(
    index: usize,
    planned: &wgll_shared::rounds::NewPhase,
    framework: Option<&Framework>,
    feedback: &Feedback,
    typed_or: &dyn Fn(&str, &str) -> String,
) -> Markup {
    let errors = &feedback.errors;
    let number = index + 1;
    let name_id = phase_field(index, "name");
    let measures_id = phase_field(index, "measures");
    html! {
        fieldset class="nhsuk-fieldset nhsuk-u-margin-bottom-5" {
            legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--m" { "Phase " (number) }
            div class=(super::classes("nhsuk-form-group", "nhsuk-form-group--error", has_error(errors, &name_id))) {
                label class="nhsuk-label" for=(name_id) { "Name" }
                (field_errors(errors, &name_id))
                input class="nhsuk-input" id=(name_id) name=(name_id) type="text" value=(typed_or(&name_id, &planned.name));
            }
            (date_input(&phase_field(index, "opens"), "Opens", &planned.opens, feedback, typed_or))
            (date_input(&phase_field(index, "closes"), "Closes (the last day to save on time)", &planned.closes, feedback, typed_or))
            div class=(super::classes("nhsuk-form-group", "nhsuk-form-group--error", has_error(errors, &measures_id))) {
                fieldset class="nhsuk-fieldset" id=(measures_id) {
                    legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s" { "Measures assessed in phase " (number) }
                    (field_errors(errors, &measures_id))
                    div class="nhsuk-checkboxes" {
                        @for measure in framework.map(|framework| framework.measures.iter()).into_iter().flatten() {
                            @let id = format!("{measures_id}-{}", measure.number);
                            @let checked = if feedback.typed.is_empty() {
                                planned.measures.contains(&measure.number)
                            } else {
                                !feedback.typed(&id).is_empty()
                            };
                            div class="nhsuk-checkboxes__item" {
                                input class="nhsuk-checkboxes__input" id=(id) name=(id) type="checkbox" value="yes" checked[checked];
                                label class="nhsuk-label nhsuk-checkboxes__label" for=(id) { (measure.title) }
                            }
                        }
                    }
                }
            }
        }
    }
}

/// NHS.UK's date input for the field `id` (`id-day`, `id-month`, `id-year`), starting from
/// `planned` (`YYYY-MM-DD`) or what was typed.
fn date_input(
    id: &str,
    legend: &str,
    planned: &str,
    feedback: &Feedback,
    typed_or: &dyn Fn(&str, &str) -> String,
) -> Markup {
    let errors = &feedback.errors;
    let mut parts = planned.split('-');
    let (year, month, day) =
        (parts.next().unwrap_or(""), parts.next().unwrap_or(""), parts.next().unwrap_or(""));
    let error = has_error(errors, id);
    let boxes = [("day", "Day", day, 2), ("month", "Month", month, 2), ("year", "Year", year, 4)];
    html! {
        div class=(super::classes("nhsuk-form-group", "nhsuk-form-group--error", error)) {
            fieldset class="nhsuk-fieldset" role="group" id=(id) {
                legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s" { (legend) }
                (field_errors(errors, id))
                div class="nhsuk-date-input" {
                    @for (part, label, planned_part, width) in boxes {
                        @let box_id = format!("{id}-{part}");
                        div class="nhsuk-date-input__item" {
                            div class="nhsuk-form-group" {
                                label class="nhsuk-label nhsuk-date-input__label" for=(box_id) { (label) }
                                input class={ "nhsuk-input nhsuk-date-input__input nhsuk-input--width-" (width) @if error { " nhsuk-input--error" } }
                                    id=(box_id) name=(box_id) type="text" inputmode="numeric"
                                    value=(typed_or(&box_id, planned_part.trim_start_matches('0')));
                            }
                        }
                    }
                }
            }
        }
    }
}
