//! NHS.UK's date input: a day, a month and a year box in one fieldset, so nobody has to know the
//! API's `YYYY-MM-DD`. The boxes are joined by `Date::join_parts` into the text the form sends,
//! and `Date::parse_labelled` (the same rule the API runs) says which part is missing or wrong.
//! Without `with_day` it asks for a month and a year (`YYYY-MM`).

use crate::components::{error_for, field_id};
use leptos::prelude::*;
use wgll_shared::date::Date;
use wgll_shared::problem::Problem;

/// The parts of `value` (`YYYY-MM-DD` or `YYYY-MM`) as the boxes show them: `(day, month, year)`.
fn parts(value: &str) -> (String, String, String) {
    let mut pieces = value.split('-');
    let (year, month, day) = (pieces.next(), pieces.next(), pieces.next());
    let shown = |piece: Option<&str>| piece.unwrap_or_default().trim_start_matches('0').to_owned();
    (shown(day), shown(month), year.unwrap_or_default().to_owned())
}

#[component]
pub fn DateInput(
    /// The JSON field name: the day box (or the month box, without a day) takes its element id,
    /// so the error summary's link lands in the first box.
    field: &'static str,
    legend: &'static str,
    hint: &'static str,
    /// The date as the form sends it; empty while every box is.
    value: RwSignal<String>,
    problem: ReadSignal<Option<Problem>>,
    #[prop(optional)] with_day: Option<bool>,
) -> impl IntoView {
    let with_day = with_day.unwrap_or(true);
    let id = field_id(field);
    let (hint_id, error_id) = (format!("{id}-hint"), format!("{id}-error"));
    let (day, month, year) = parts(&value.get_untracked());
    let (day, month, year) = (RwSignal::new(day), RwSignal::new(month), RwSignal::new(year));
    let join = move || {
        let joined = if with_day {
            Date::join_parts(&day.get_untracked(), &month.get_untracked(), &year.get_untracked())
        } else {
            let (month, year) = (month.get_untracked(), year.get_untracked());
            let month = month.trim();
            let month = if month.len() == 1 { format!("0{month}") } else { month.to_owned() };
            if month.is_empty() && year.trim().is_empty() {
                String::new()
            } else {
                format!("{}-{month}", year.trim())
            }
        };
        value.set(joined);
    };
    let error = move || error_for(problem.get(), field);
    let described_by = {
        let (hint_id, error_id) = (hint_id.clone(), error_id.clone());
        move || if error().is_some() { format!("{hint_id} {error_id}") } else { hint_id.clone() }
    };
    let input_class = move |width: &str| {
        format!(
            "nhsuk-input nhsuk-date-input__input {width}{}",
            if error().is_some() { " nhsuk-input--error" } else { "" }
        )
    };
    let first_box = |part: &'static str| {
        if part == "day" || (part == "month" && !with_day) { id.clone() } else { format!("{id}-{part}") }
    };
    let item =
        move |part: &'static str, label: &'static str, width: &'static str, signal: RwSignal<String>| {
            let box_id = first_box(part);
            view! {
                <div class="nhsuk-date-input__item">
                    <div class="nhsuk-form-group">
                        <label class="nhsuk-label nhsuk-date-input__label" for=box_id.clone()>{label}</label>
                        <input class=move || input_class(width) id=box_id.clone() name=box_id type="text"
                            inputmode="numeric" autocomplete="off"
                            prop:value=move || signal.get()
                            on:input=move |event| {
                                signal.set(event_target_value(&event));
                                join();
                            } />
                    </div>
                </div>
            }
        };
    view! {
        <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || error().is_some()>
            <fieldset class="nhsuk-fieldset" role="group" aria-describedby=described_by>
                <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">{legend}</legend>
                <div class="nhsuk-hint" id=hint_id>{hint}</div>
                {move || error().map(|message| view! {
                    <span class="nhsuk-error-message" id=error_id.clone()>
                        <span class="nhsuk-u-visually-hidden">"Error: "</span>{message}
                    </span>
                })}
                <div class="nhsuk-date-input">
                    {with_day.then(|| item("day", "Day", "nhsuk-input--width-2", day))}
                    {item("month", "Month", "nhsuk-input--width-2", month)}
                    {item("year", "Year", "nhsuk-input--width-4", year)}
                </div>
            </fieldset>
        </div>
    }
}
