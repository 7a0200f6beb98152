//! Trends: levels per measure across periods as SVG line charts (one per organisation), each
//! with its figures in a table for screen readers and for copying. (`/ics/{ics}/trends`)

use super::dashboard::ics_outcome_links;
use maud::{Markup, html};
use wgll_shared::outcomes::{IcsTrends, Trend, measure_headings};

/// One colour per measure, from the NHS palette, distinct for common colour blindness when
/// combined with each line's marker shape and the legend's numbers.
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
    TOP + f32::from(5 - level) * (HEIGHT - TOP - BOTTOM) / 4.0
}

/// A trend as an SVG chart, a legend, a note where the framework changed, and the figures; `id`
/// names the chart (`trend-<ODS code>` when not given).
pub fn trend_chart(trend: &Trend, id: Option<&str>) -> Markup {
    let count = trend.points.len();
    if count == 0 {
        return html! { p { "No published peer reviews yet." } };
    }
    let measures = measure_headings();
    let chart_id = id.map_or_else(|| format!("trend-{}", trend.ods_code), ToOwned::to_owned);
    let title_id = format!("{chart_id}-title");
    let description = format!(
        "Levels from 1 to 5 for each of the 7 measures, {} to {}. The figures are in the table below the chart.",
        trend.points[0].period,
        trend.points[count - 1].period
    );
    // Every SVG element is closed (`{}`): in HTML, an SVG element left open holds what follows.
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
                @for (measure, colour) in COLOURS.iter().enumerate() {
                    @let points: Vec<(f32, f32)> = trend.points.iter().enumerate()
                        .filter_map(|(index, point)| point.levels.get(measure).copied().flatten().map(|level| (x(index, count), y(level))))
                        .collect();
                    // A small offset per measure keeps equal levels visible as separate markers.
                    @let offset = (measure as f32 - 3.0) * 2.0;
                    @let path = points.iter().map(|(px, py)| format!("{},{}", px + offset, py + offset)).collect::<Vec<_>>().join(" ");
                    polyline points=(path) fill="none" stroke=(colour) stroke-width="2.5" {}
                    @for (px, py) in &points {
                        circle cx=(px + offset) cy=(py + offset) r="4" fill=(colour) {}
                    }
                }
            }
            figcaption {
                ul class="app-legend" {
                    @for (measure, colour) in measures.iter().zip(COLOURS) {
                        // An SVG swatch, not a style attribute: the CSP allows no inline styles.
                        li {
                            svg class="app-legend__swatch" viewBox="0 0 14 14" aria-hidden="true" focusable="false" {
                                rect width="14" height="14" fill=(colour) {}
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
            summary class="nhsuk-details__summary" {
                span class="nhsuk-details__summary-text" { "The figures for " (trend.name) }
            }
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

pub fn render(trends: &IcsTrends) -> Markup {
    let ics = trends.ics.ods_code.as_str();
    html! {
        div class="nhsuk-back-link" data-title={ "Trends – " (trends.ics.name) } {
            a href={ "/ics/" (ics) "/dashboard" } class="nhsuk-back-link__link" { "Back to the dashboard" }
        }
        span class="nhsuk-caption-l" { (trends.ics.name) }
        h1 { "Trends" }
        (ics_outcome_links(ics))
        h2 { "The ICS’s own reviews" }
        (trend_chart(&trends.ics, Some("trend-ics")))
        h2 { "Organisations" }
        @if trends.organisations.is_empty() {
            p { "No organisation in this ICS has a published peer review yet." }
        }
        @for trend in &trends.organisations {
            h3 { a href={ "/organisations/" (trend.ods_code) "/outcomes" } { (trend.name) } }
            (trend_chart(trend, None))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use wgll_shared::organisation::OdsCode;
    use wgll_shared::outcomes::TrendPoint;
    use wgll_shared::period::Period;

    fn point(period: &str, framework_id: &str, framework_changed: bool) -> TrendPoint {
        TrendPoint {
            period: Period::parse(period).unwrap(),
            framework_id: framework_id.to_owned(),
            levels: vec![Some(2), Some(3), None, None, None, None, None],
            framework_changed,
        }
    }

    #[test]
    fn a_change_of_framework_is_said_in_words_and_a_missing_level_is_a_dash() {
        let trend = Trend {
            ods_code: OdsCode::parse("RR8").unwrap(),
            name: "Leeds".to_owned(),
            points: vec![point("2024/25", "wgll-2021", false), point("2025/26", "wgll-2026", true)],
        };
        let html = trend_chart(&trend, None).into_string();
        assert!(html.contains(r#"id="trend-RR8""#), "{html}");
        assert!(html.contains("From 2025/26 the reviews used a different framework version (wgll-2026), so levels either side are not strictly comparable."));
        assert!(html.contains(r#"<td class="nhsuk-table__cell">–</td>"#));
        // Every SVG element is closed, so none holds the next.
        assert_eq!(html.matches("<line").count(), html.matches("</line>").count());
        assert_eq!(html.matches("<circle").count(), html.matches("</circle>").count());
    }

    #[test]
    fn an_organisation_with_no_published_review_has_no_chart() {
        let trend =
            Trend { ods_code: OdsCode::parse("RR8").unwrap(), name: "Leeds".to_owned(), points: vec![] };
        assert_eq!(trend_chart(&trend, None).into_string(), "<p>No published peer reviews yet.</p>");
    }
}
