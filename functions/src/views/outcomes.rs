//! One organisation's outcomes: its trend across periods and its benchmark against every
//! organisation of its kind (`/organisations/{ods}/outcomes`). The action plan below them is the
//! app's own (it is a form), shown by the app after this view.

use maud::{Markup, html};
use wgll_shared::organisation::Organisation;
use wgll_shared::outcomes::{Benchmark, MeasureHeading, Trend, format_level, measure_headings};

/// The page: `benchmark` is the one for `period` (`None` when no peer review is published yet).
pub fn render(organisation: &Organisation, trend: &Trend, benchmark: Option<&Benchmark>) -> Markup {
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
                    trend.points.iter().rev().map(|point| point.period.to_string()).collect(),
                ))
                (benchmark_table(benchmark))
            }
        }
    }
}

/// A period select with a Show button that opens `page` for the chosen period (`?period=…`, by
/// the app's handling of `<form method="get">`), so the choice is in the address.
pub fn period_chooser(page: &str, id: &str, current: &str, periods: Vec<String>) -> Markup {
    let mut options = periods;
    if !options.iter().any(|period| period == current) {
        options.insert(0, current.to_owned());
    }
    html! {
        form class="app-inline-form" method="get" action=(page) {
            div class="nhsuk-form-group" {
                label class="nhsuk-label" for=(id) { "Period" }
                select class="nhsuk-select" id=(id) name="period" {
                    @for period in &options {
                        option value=(period) selected[period == current] { (period) }
                    }
                }
            }
            button class="nhsuk-button nhsuk-button--secondary" type="submit" { "Show" }
        }
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

/// One colour per measure, from the NHS palette, distinct for common colour blindness when
/// combined with each line's offset and the legend's numbers.
const COLOURS: [&str; 7] = ["#005eb8", "#007f3b", "#d5281b", "#330072", "#ed8b00", "#00a499", "#7c2855"];

const WIDTH: f32 = 640.0;
const HEIGHT: f32 = 240.0;
const LEFT: f32 = 40.0;
const RIGHT: f32 = 20.0;
const TOP: f32 = 16.0;
const BOTTOM: f32 = 36.0;

fn x(index: usize, count: usize) -> f32 {
    if count <= 1 {
        (LEFT + WIDTH - RIGHT) / 2.0
    } else {
        LEFT + index as f32 * (WIDTH - LEFT - RIGHT) / (count - 1) as f32
    }
}

fn y(level: u8) -> f32 {
    TOP + f32::from(5 - level.min(5)) * (HEIGHT - TOP - BOTTOM) / 4.0
}

/// A trend as an SVG chart, a legend, a note where the framework changed, and the figures in a
/// table for screen readers and for copying. `id` is the chart's (`trend-{ods}` by default).
pub fn trend_chart(trend: &Trend, id: Option<&str>) -> Markup {
    let measures: Vec<MeasureHeading> = measure_headings();
    let count = trend.points.len();
    let (Some(first), Some(last)) = (trend.points.first(), trend.points.last()) else {
        return html! { p { "No published peer reviews yet." } };
    };
    let chart_id = id.map_or_else(|| format!("trend-{}", trend.ods_code), str::to_owned);
    let title_id = format!("{chart_id}-title");
    let description = format!(
        "Levels from 1 to 5 for each of the 7 measures, {} to {}. The figures are in the table below the chart.",
        first.period, last.period
    );
    let lines = (0..7usize).map(|measure| {
        let points: Vec<(f32, f32)> = trend
            .points
            .iter()
            .enumerate()
            .filter_map(|(index, point)| {
                point.levels.get(measure).copied().flatten().map(|level| (x(index, count), y(level)))
            })
            .collect();
        // A small offset per measure keeps equal levels visible as separate markers.
        let offset = (measure as f32 - 3.0) * 2.0;
        (points, offset, COLOURS[measure])
    });
    html! {
        figure class="app-chart" {
            svg viewBox={ "0 0 " (WIDTH) " " (HEIGHT) } role="img" aria-labelledby=(title_id) id=(chart_id)
                preserveAspectRatio="xMidYMid meet" class="app-chart__svg" {
                title id=(title_id) { (trend.name) ": levels by measure over time. " (description) }
                @for level in 1..=5u8 {
                    line x1=(LEFT) y1=(y(level)) x2=(WIDTH - RIGHT) y2=(y(level)) stroke="#d8dde0" stroke-width="1" {}
                    text x=(LEFT - 12.0) y=(y(level) + 5.0) font-size="14" text-anchor="end" fill="#212b32" { (level) }
                }
                @for (index, point) in trend.points.iter().enumerate() {
                    @if point.framework_changed {
                        line x1=(x(index, count) - 8.0) y1=(TOP) x2=(x(index, count) - 8.0) y2=(HEIGHT - BOTTOM)
                            stroke="#4c6272" stroke-dasharray="4 4" {}
                    }
                    text x=(x(index, count)) y=(HEIGHT - 10.0) font-size="14" text-anchor="middle" fill="#212b32" { (point.period) }
                }
                @for (points, offset, colour) in lines {
                    polyline points=(points.iter().map(|(px, py)| format!("{},{}", px + offset, py + offset)).collect::<Vec<_>>().join(" "))
                        fill="none" stroke=(colour) stroke-width="2.5" {}
                    @for (px, py) in &points {
                        circle cx=(px + offset) cy=(py + offset) r="4" fill=(colour) {}
                    }
                }
            }
            figcaption {
                ul class="app-legend" {
                    @for (index, measure) in measures.iter().enumerate() {
                        // An SVG swatch, not a style attribute: the CSP allows no inline styles.
                        li {
                            svg class="app-legend__swatch" viewBox="0 0 14 14" aria-hidden="true" focusable="false" {
                                rect width="14" height="14" fill=(COLOURS[index]) {}
                            }
                            (measure.number) ". " (measure.title)
                        }
                    }
                }
                @for point in trend.points.iter().filter(|point| point.framework_changed) {
                    p class="nhsuk-body-s app-framework-change" {
                        "From " (point.period) " the reviews used a different framework version (" (point.framework_id)
                        "), so levels either side are not strictly comparable."
                    }
                }
            }
        }
        details class="nhsuk-details" {
            summary class="nhsuk-details__summary" { span class="nhsuk-details__summary-text" { "The figures for " (trend.name) } }
            div class="nhsuk-details__text app-table-scroll" role="region" aria-label={ "Figures for " (trend.name) } tabindex="0" {
                table class="nhsuk-table" {
                    thead class="nhsuk-table__head" {
                        tr {
                            th scope="col" { "Measure" }
                            @for point in &trend.points { th scope="col" { (point.period) } }
                        }
                    }
                    tbody class="nhsuk-table__body" {
                        @for (index, measure) in measures.iter().enumerate() {
                            tr class="nhsuk-table__row" {
                                th scope="row" class="nhsuk-table__cell" { (measure.number) ". " (measure.title) }
                                @for point in &trend.points {
                                    td class="nhsuk-table__cell" {
                                        (point.levels.get(index).copied().flatten().map_or("–".to_owned(), |level| level.to_string()))
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_period_chooser_keeps_a_period_asked_for_that_has_no_review_and_selects_it() {
        let html = period_chooser(
            "/organisations/RR8/outcomes",
            "benchmark-period",
            "2023/24",
            vec!["2025/26".into()],
        )
        .0;
        let first = html.find(r#"<option value="2023/24" selected>"#).expect("the asked period, selected");
        assert!(first < html.find(r#"<option value="2025/26">"#).unwrap(), "it comes first: {html}");
        assert!(html.contains(r#"method="get" action="/organisations/RR8/outcomes""#), "{html}");
    }
}
