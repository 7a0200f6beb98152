//! NHS.UK form fields for the administrators' funding setup pages, each with its label, hint,
//! error (from the page's [`Feedback`]) and value: what was typed when the form comes back with
//! an error, otherwise what is saved. A field's `id` is also its `name` (the date input's boxes
//! are `<id>-day`, `-month` and `-year`, the first box taking the id, as the app's own).

use crate::views::{Feedback, field_errors, has_error};
use maud::{Markup, html};

/// What a field shows: what was typed if the form came back, else `saved`.
pub fn shown<'a>(feedback: &'a Feedback, id: &str, saved: &'a str) -> &'a str {
    if feedback.typed.is_empty() { saved } else { feedback.typed(id) }
}

fn group_class(feedback: &Feedback, id: &str) -> &'static str {
    if has_error(&feedback.errors, id) {
        "nhsuk-form-group nhsuk-form-group--error"
    } else {
        "nhsuk-form-group"
    }
}

/// What describes a field: its hint, and its error when it has one.
fn described_by(feedback: &Feedback, id: &str, hint: &str) -> Option<String> {
    let hint = (!hint.is_empty()).then(|| format!("{id}-hint"));
    let error = has_error(&feedback.errors, id).then(|| format!("{id}-error"));
    match (hint, error) {
        (Some(hint), Some(error)) => Some(format!("{hint} {error}")),
        (hint, error) => hint.or(error),
    }
}

fn input_class(feedback: &Feedback, id: &str, width: &str) -> String {
    let error = if has_error(&feedback.errors, id) { " nhsuk-input--error" } else { "" };
    format!("nhsuk-input {width}{error}")
}

/// A text box.
pub fn text(feedback: &Feedback, id: &str, label: &str, hint: &str, value: &str, width: &str) -> Markup {
    html! {
        div class=(group_class(feedback, id)) {
            label class="nhsuk-label" for=(id) { (label) }
            @if !hint.is_empty() { div class="nhsuk-hint" id={ (id) "-hint" } { (hint) } }
            (field_errors(&feedback.errors, id))
            input class=(input_class(feedback, id, width)) id=(id) name=(id) type="text" spellcheck="false"
                aria-describedby=[described_by(feedback, id, hint)] value=(value);
        }
    }
}

/// An amount in pounds, with a £ before the box.
pub fn pounds(feedback: &Feedback, id: &str, label: &str, hint: &str, value: &str) -> Markup {
    html! {
        div class=(group_class(feedback, id)) {
            label class="nhsuk-label" for=(id) { (label) }
            @if !hint.is_empty() { div class="nhsuk-hint" id={ (id) "-hint" } { (hint) } }
            (field_errors(&feedback.errors, id))
            div class="nhsuk-input-wrapper" {
                div class="nhsuk-input__prefix" aria-hidden="true" { "£" }
                input class=(input_class(feedback, id, "nhsuk-input--width-10")) id=(id) name=(id) type="text"
                    inputmode="decimal" spellcheck="false"
                    aria-describedby=[described_by(feedback, id, hint)] value=(value);
            }
        }
    }
}

/// A box for several lines of text.
pub fn textarea(feedback: &Feedback, id: &str, label: &str, hint: &str, value: &str) -> Markup {
    html! {
        div class=(group_class(feedback, id)) {
            label class="nhsuk-label" for=(id) { (label) }
            @if !hint.is_empty() { div class="nhsuk-hint" id={ (id) "-hint" } { (hint) } }
            (field_errors(&feedback.errors, id))
            textarea class="nhsuk-textarea" id=(id) name=(id) rows="3"
                aria-describedby=[described_by(feedback, id, hint)] { (value) }
        }
    }
}

/// A select of `(value, label)` options.
pub fn select(
    feedback: &Feedback,
    id: &str,
    label: &str,
    options: &[(String, String)],
    value: &str,
) -> Markup {
    html! {
        div class=(group_class(feedback, id)) {
            label class="nhsuk-label" for=(id) { (label) }
            (field_errors(&feedback.errors, id))
            select class="nhsuk-select" id=(id) name=(id) aria-describedby=[described_by(feedback, id, "")] {
                @for (option, text) in options {
                    option value=(option) selected[option == value] { (text) }
                }
            }
        }
    }
}

/// Radios (one choice) or checkboxes (any number, `chosen`) in a fieldset; the first one takes
/// the id, so an error's link lands on it.
pub fn choices(
    feedback: &Feedback,
    id: &str,
    legend: &str,
    options: &[(String, String)],
    chosen: &[String],
    many: bool,
) -> Markup {
    let (kind, class) = if many { ("checkbox", "nhsuk-checkboxes") } else { ("radio", "nhsuk-radios") };
    html! {
        div class=(group_class(feedback, id)) {
            fieldset class="nhsuk-fieldset" {
                legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s" { (legend) }
                (field_errors(&feedback.errors, id))
                div class=(class) {
                    @for (index, (option, text)) in options.iter().enumerate() {
                        @let box_id = if index == 0 { id.to_owned() } else { format!("{id}-{option}") };
                        div class={ (class) "__item" } {
                            input class={ (class) "__input" } id=(box_id) name=(id) type=(kind) value=(option)
                                checked[chosen.contains(option)];
                            label class={ "nhsuk-label " (class) "__label" } for=(box_id) { (text) }
                        }
                    }
                }
            }
        }
    }
}

/// NHS.UK's date input: day, month and year boxes (`<id>-day`, `-month`, `-year`).
pub fn date(
    feedback: &Feedback,
    id: &str,
    legend: &str,
    hint: &str,
    (day, month, year): (&str, &str, &str),
) -> Markup {
    date_boxes(feedback, id, legend, hint, &[("day", day), ("month", month), ("year", year)])
}

/// NHS.UK's date input for a month: month and year boxes (`<id>-month`, `-year`).
pub fn month(feedback: &Feedback, id: &str, legend: &str, hint: &str, (month, year): (&str, &str)) -> Markup {
    date_boxes(feedback, id, legend, hint, &[("month", month), ("year", year)])
}

/// A date input's boxes, each `(part, value)`: the first box takes the id, so an error's link
/// lands in it.
fn date_boxes(feedback: &Feedback, id: &str, legend: &str, hint: &str, boxes: &[(&str, &str)]) -> Markup {
    let error = has_error(&feedback.errors, id);
    let part = |index: usize, name: &str, value: &str| {
        let box_id = if index == 0 { id.to_owned() } else { format!("{id}-{name}") };
        let (label, width) = match name {
            "day" => ("Day", "nhsuk-input--width-2"),
            "month" => ("Month", "nhsuk-input--width-2"),
            _ => ("Year", "nhsuk-input--width-4"),
        };
        let class = format!(
            "nhsuk-input nhsuk-date-input__input {width}{}",
            if error { " nhsuk-input--error" } else { "" }
        );
        html! {
            div class="nhsuk-date-input__item" {
                div class="nhsuk-form-group" {
                    label class="nhsuk-label nhsuk-date-input__label" for=(box_id) { (label) }
                    input class=(class) id=(box_id) name={ (id) "-" (name) } type="text" inputmode="numeric"
                        autocomplete="off" value=(value);
                }
            }
        }
    };
    html! {
        div class=(group_class(feedback, id)) {
            fieldset class="nhsuk-fieldset" role="group" aria-describedby=(described_by(feedback, id, hint).unwrap_or_default()) {
                legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s" { (legend) }
                div class="nhsuk-hint" id={ (id) "-hint" } { (hint) }
                (field_errors(&feedback.errors, id))
                div class="nhsuk-date-input" {
                    @for (index, (name, value)) in boxes.iter().enumerate() {
                        (part(index, name, value))
                    }
                }
            }
        }
    }
}

/// A form's submit button and where the app says it is sending.
pub fn submit(label: &str, secondary: bool) -> Markup {
    html! {
        button class={ "nhsuk-button" @if secondary { " nhsuk-button--secondary" } } type="submit" { (label) }
        p class="nhsuk-body-s" role="status" aria-live="polite" data-form-status {}
    }
}

/// Maturity levels 1 to 5 as select options.
pub fn levels() -> Vec<(String, String)> {
    wgll_shared::maturity::MaturityLevel::all()
        .map(|level| (level.value().to_string(), format!("{} {}", level.value(), level.name())))
        .collect()
}

/// The success measures as options.
pub fn measures() -> Vec<(String, String)> {
    wgll_shared::outcomes::measure_headings()
        .into_iter()
        .map(|heading| (heading.number.to_string(), format!("{}. {}", heading.number, heading.title)))
        .collect()
}
