//! One organisation's outcomes: its trend across periods and its benchmark against every
//! organisation of its kind (`/organisations/{ods}/outcomes`), with its action plan below them
//! (`super::actions::organisation_plan`, whose forms `api::action_forms` answers).

use super::period_chooser;
use super::trends::trend_chart;
use maud::{Markup, html};
use wgll_shared::organisation::Organisation;
use wgll_shared::outcomes::{Benchmark, Trend, format_level};

/// The page: `benchmark` is the one for `period` (`None` when no peer review is published yet);
/// `plan` the action plan shown below.
pub fn render(
    organisation: &Organisation,
    trend: &Trend,
    benchmark: Option<&Benchmark>,
    plan: Markup,
) -> Markup {
    let ods = &organisation.ods_code;
    html! {
        div class="nhsuk-back-link" data-title={ "Outcomes – " (organisation.name) } {
            a href={ "/organisations/" (ods) } class="nhsuk-back-link__link" { "Back to the organisation" }
        }
        span class="nhsuk-caption-l" { (organisation.name) }
        h1 { "Outcomes and action plan" }
        h2 { "Trend" }
        (trend_chart(trend, None))
        @match benchmark {
            None => {
                h2 { "Benchmark" }
                p { "A benchmark needs a published peer review." }
            }
            Some(benchmark) => {
                h2 { "Benchmark against every " (organisation.kind.label().to_lowercase()) ", " (benchmark.period) }
                (period_chooser(
                    &format!("/organisations/{ods}/outcomes"),
                    "benchmark-period",
                    benchmark.period.as_str(),
                    &trend.points.iter().rev().map(|point| point.period.to_string()).collect::<Vec<_>>(),
                ))
                (benchmark_table(benchmark))
            }
        }
        (plan)
    }
}

fn benchmark_table(benchmark: &Benchmark) -> Markup {
    let heading =
        |text: &str| html! { span class="nhsuk-table-responsive__heading" aria-hidden="true" { (text) " " } };
    html! {
        p id="benchmark-peers" {
            "Compared with " (benchmark.peer_count) " other "
            (if benchmark.peer_count == 1 { "organisation" } else { "organisations" })
            " of the same kind, in every ICS, with a published peer review for " (benchmark.period) "."
        }
        table class="nhsuk-table-responsive" id="benchmark" {
            caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Levels against peers" }
            thead class="nhsuk-table__head" {
                tr {
                    th scope="col" { "Measure" }
                    th scope="col" { "Level" }
                    th scope="col" { "Peers’ median (middle half)" }
                    th scope="col" { "Peers at levels 1 to 5" }
                    th scope="col" { "Peers below, level, above" }
                }
            }
            tbody class="nhsuk-table__body" {
                @for measure in &benchmark.measures {
                    @let spread = measure.peers.as_ref().map_or("–".to_owned(), |spread| {
                        format!("{} ({} to {})", format_level(spread.median), format_level(spread.lower_quartile), format_level(spread.upper_quartile))
                    });
                    @let distribution = measure.distribution.iter().enumerate()
                        .map(|(index, count)| format!("{}: {count}", index + 1))
                        .collect::<Vec<_>>()
                        .join(", ");
                    @let position = if measure.level.is_some() {
                        format!("{} below, {} level, {} above", measure.below, measure.same, measure.above)
                    } else {
                        "–".to_owned()
                    };
                    tr class="nhsuk-table__row" {
                        td class="nhsuk-table__cell" { (heading("Measure")) (measure.measure) ". " (measure.title) }
                        td class="nhsuk-table__cell" { (heading("Level")) (measure.level.map_or("–".to_owned(), |level| level.to_string())) }
                        td class="nhsuk-table__cell" { (heading("Peers’ median (middle half)")) (spread) }
                        td class="nhsuk-table__cell" { (heading("Peers at levels 1 to 5")) (distribution) }
                        td class="nhsuk-table__cell" { (heading("Peers below, level, above")) (position) }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_chooser_keeps_a_period_asked_for_that_has_no_review_and_selects_it() {
        let html =
            period_chooser("/organisations/RR8/outcomes", "benchmark-period", "2023/24", &["2025/26".into()])
                .0;
        let first = html.find(r#"<option value="2023/24" selected>"#).expect("the asked period, selected");
        assert!(first < html.find(r#"<option value="2025/26">"#).unwrap(), "it comes first: {html}");
        assert!(html.contains(r#"method="get" action="/organisations/RR8/outcomes""#), "{html}");
    }
}
