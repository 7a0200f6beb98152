//! Levelling up: organisations below a chosen minimum level on any measure, and the measures most
//! often below it, for one ICS or (for administrators) every ICS: the view that funding decisions
//! need. (`/levelling-up?period=…&minimum=…&ics=…`)

use super::dashboard::level_cell;
use super::{error_summary, field_errors, has_error};
use maud::{Markup, html};
use wgll_shared::FieldError;
use wgll_shared::outcomes::{LevellingUp, measure_headings};

/// The choice as the person made it (typed, so a wrong one can be shown again and corrected).
pub struct Choice<'a> {
    pub period: &'a str,
    pub minimum: u8,
    /// Blank for every ICS.
    pub ics: &'a str,
}

/// The page: the choice of period, minimum and ICS, and what it finds.
pub fn render(result: &LevellingUp, ics: &str) -> Markup {
    let choice = Choice { period: result.period.as_str(), minimum: result.minimum, ics };
    html! {
        (form(&choice, &[]))
        (found(result))
    }
}

/// The page for a choice that could not be read: the form again, each error by its field.
pub fn render_invalid(choice: &Choice, errors: &[FieldError]) -> Markup {
    form(choice, errors)
}

fn form(choice: &Choice, errors: &[FieldError]) -> Markup {
    let group = |id: &str| {
        if has_error(errors, id) { "nhsuk-form-group nhsuk-form-group--error" } else { "nhsuk-form-group" }
    };
    let input = |id: &str| {
        if has_error(errors, id) {
            "nhsuk-input nhsuk-input--width-5 nhsuk-input--error"
        } else {
            "nhsuk-input nhsuk-input--width-5"
        }
    };
    html! {
        h1 data-title="Levelling up" { "Levelling up" }
        @if !errors.is_empty() {
            (error_summary(errors))
        }
        p { "Organisations below a minimum level on any success measure, and the measures most often below it. Use it to decide where support and funding will do most good." }
        form class="app-inline-form" method="get" action="/levelling-up" id="levelling-up-form" {
            div class=(group("period")) {
                label class="nhsuk-label" for="period" { "Period" }
                (field_errors(errors, "period"))
                input class=(input("period")) id="period" name="period" type="text" value=(choice.period);
            }
            div class=(group("minimum")) {
                label class="nhsuk-label" for="minimum" { "Minimum level" }
                (field_errors(errors, "minimum"))
                select class="nhsuk-select" id="minimum" name="minimum" {
                    @for level in 1..=5u8 {
                        option value=(level) selected[level == choice.minimum] { (level) }
                    }
                }
            }
            div class=(group("ics")) {
                label class="nhsuk-label" for="ics" { "ICS ODS code (blank for every ICS)" }
                (field_errors(errors, "ics"))
                input class=(input("ics")) id="ics" name="ics" type="text" value=(choice.ics);
            }
            button class="nhsuk-button nhsuk-button--secondary" type="submit" { "Show" }
        }
    }
}

/// The measures most often below the minimum, with the funding principle each suggests and why:
/// also the national funding page's "who is below the minimum on what".
pub fn shortfalls(result: &LevellingUp) -> Markup {
    html! {
        p {
            "NHS England’s allocation principles fund by fair shares where every provider meets the minimum, and by levelling up (more for the less mature, to catch up) where maturity varies widely and a significant number fall below it. "
            @if let Some(first) = result.measures.first() {
                "For " (result.period) ": " (first.suggestion.thresholds.significant_share_below_percent) "% or more below is significant, and levels "
                (first.suggestion.thresholds.wide_spread_levels) " or more apart vary widely."
            }
        }
        div class="app-table-scroll" role="region" aria-label="Measures ranked by organisations below the minimum" tabindex="0" {
            table class="nhsuk-table" id="shortfalls" {
                caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Measures ranked by organisations below the minimum" }
                thead class="nhsuk-table__head" {
                    tr {
                        th scope="col" { "Measure" }
                        th scope="col" { "Organisations below" }
                        th scope="col" { "Share" }
                        th scope="col" { "Suggested funding principle" }
                    }
                }
                tbody class="nhsuk-table__body" {
                    @for measure in &result.measures {
                        tr class="nhsuk-table__row" {
                            th scope="row" class="nhsuk-table__cell" { (measure.measure) ". " (measure.title) }
                            td class="nhsuk-table__cell" { (measure.organisations_below) }
                            td class="nhsuk-table__cell" { (measure.percent_below) "%" }
                            td class="nhsuk-table__cell" {
                                (measure.suggestion.principle.label())
                                details class="nhsuk-details nhsuk-u-margin-bottom-0" {
                                    summary class="nhsuk-details__summary" {
                                        span class="nhsuk-details__summary-text" { "Why" }
                                    }
                                    div class="nhsuk-details__text" { (measure.suggestion.reason) }
                                }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn found(result: &LevellingUp) -> Markup {
    let scope = result.ics_code.as_ref().map_or("every ICS".to_owned(), |ics| format!("ICS {ics}"));
    let minimum = result.minimum;
    html! {
        p class="nhsuk-lede-text" id="levelling-up-summary" {
            (result.organisations.len()) " of " (result.assessed) " organisations with a published peer review in "
            (scope) " for " (result.period) " are below level " (minimum) " on at least one measure."
        }
        h2 { "Measures most often below the minimum" }
        (shortfalls(result))
        h2 { "Organisations below the minimum" }
        @if result.organisations.is_empty() {
            p { "None." }
        } @else {
            div class="app-table-scroll" role="region" aria-labelledby="below-caption" tabindex="0" {
                table class="nhsuk-table app-heatmap" id="below" {
                    caption class="nhsuk-table__caption" id="below-caption" { "Most measures below first" }
                    thead class="nhsuk-table__head" {
                        tr {
                            th scope="col" { "Organisation" }
                            th scope="col" { "ICS" }
                            th scope="col" { "Measures below" }
                            @for measure in measure_headings() {
                                th scope="col" { (measure.number) ". " (measure.title) }
                            }
                        }
                    }
                    tbody class="nhsuk-table__body" {
                        @for organisation in &result.organisations {
                            tr class="nhsuk-table__row" {
                                th scope="row" class="nhsuk-table__cell" {
                                    a href={ "/organisations/" (organisation.ods_code) "/outcomes" } { (organisation.name) }
                                }
                                td class="nhsuk-table__cell" { (organisation.ics_code) }
                                td class="nhsuk-table__cell" { (organisation.measures_below.len()) }
                                @for level in &organisation.levels { (level_cell(*level)) }
                            }
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wgll_shared::period::Period;

    #[test]
    fn with_no_one_below_the_minimum_it_says_none_and_keeps_the_choice_made() {
        let result = LevellingUp::new(Period::parse("2025/26").unwrap(), 4, None, &[], &Default::default());
        let html = render(&result, "").into_string();
        assert!(
            html.contains(
                "0 of 0 organisations with a published peer review in every ICS for 2025/26 are below level 4"
            ),
            "{html}"
        );
        assert!(html.contains("<h2>Organisations below the minimum</h2><p>None.</p>"), "{html}");
        assert!(html.contains(r#"<option value="4" selected>4</option>"#), "{html}");
        assert!(html.contains(r#"id="period" name="period" type="text" value="2025/26""#), "{html}");
    }

    #[test]
    fn a_choice_that_cannot_be_read_is_shown_again_with_its_error() {
        let choice = Choice { period: "2025", minimum: 3, ics: "QWO" };
        let errors = [FieldError::new("period", "Enter the period as a financial year, like 2025/26")];
        let html = render_invalid(&choice, &errors).into_string();
        assert!(
            html.contains(r##"<a href="#period">Enter the period as a financial year, like 2025/26</a>"##),
            "{html}"
        );
        assert!(html.contains(r#"class="nhsuk-input nhsuk-input--width-5 nhsuk-input--error" id="period" name="period" type="text" value="2025""#), "{html}");
        assert!(html.contains(r#"id="ics" name="ics" type="text" value="QWO""#), "{html}");
        assert!(!html.contains("Organisations below the minimum"), "no result for a choice not made");
    }
}
