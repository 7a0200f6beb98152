//! Trends: levels per measure across periods, drawn by the app as SVG line charts (one per
//! organisation), each with its figures in a table for screen readers and for copying.

use crate::api;
use crate::components::set_title;
use crate::page_guard::{Loads, RequireSignIn};
use crate::pages::dashboard::IcsOutcomeLinks;
use crate::router::use_params_map;
use leptos::prelude::*;
use wgll_shared::outcomes::{IcsTrends, MeasureHeading, Trend, measure_headings};

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
    TOP + (5 - level) as f32 * (HEIGHT - TOP - BOTTOM) / 4.0
}

/// A trend as an SVG chart, a legend, a note where the framework changed, and the figures.
#[component]
pub fn TrendChart(trend: Trend, #[prop(optional)] id: Option<String>) -> impl IntoView {
    let measures: Vec<MeasureHeading> = measure_headings();
    let count = trend.points.len();
    let chart_id = id.unwrap_or_else(|| format!("trend-{}", trend.ods_code));
    let title_id = format!("{chart_id}-title");
    if count == 0 {
        return view! { <p>"No published peer reviews yet."</p> }.into_any();
    }
    let description = format!(
        "Levels from 1 to 5 for each of the 7 measures, {} to {}. The figures are in the table below the chart.",
        trend.points[0].period,
        trend.points[count - 1].period
    );
    let changes: Vec<String> = trend
        .points
        .iter()
        .filter(|point| point.framework_changed)
        .map(|point| format!("From {} the reviews used a different framework version ({}), so levels either side are not strictly comparable.", point.period, point.framework_id))
        .collect();
    let grid = (1..=5u8).map(|level| {
        view! {
            <line x1=LEFT y1=y(level) x2=WIDTH - RIGHT y2=y(level) stroke="#d8dde0" stroke-width="1" />
            <text x=LEFT - 12.0 y=y(level) + 5.0 font-size="14" text-anchor="end" fill="#212b32">{level}</text>
        }
    }).collect_view();
    let axis = trend.points.iter().enumerate().map(|(index, point)| {
        let change = point.framework_changed.then(|| view! {
            <line x1=x(index, count) - 8.0 y1=TOP x2=x(index, count) - 8.0 y2=HEIGHT - BOTTOM stroke="#4c6272" stroke-dasharray="4 4" />
        });
        view! {
            {change}
            <text x=x(index, count) y=HEIGHT - 10.0 font-size="14" text-anchor="middle" fill="#212b32">{point.period.to_string()}</text>
        }
    }).collect_view();
    let lines = (0..7usize)
        .map(|measure| {
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
            let path = points
                .iter()
                .map(|(px, py)| format!("{},{}", px + offset, py + offset))
                .collect::<Vec<_>>()
                .join(" ");
            let colour = COLOURS[measure];
            view! {
                <polyline points=path fill="none" stroke=colour stroke-width="2.5" />
                {points.into_iter().map(|(px, py)| view! {
                    <circle cx=px + offset cy=py + offset r="4" fill=colour />
                }).collect_view()}
            }
        })
        .collect_view();
    view! {
        <figure class="app-chart">
            <svg viewBox=format!("0 0 {WIDTH} {HEIGHT}") role="img" aria-labelledby=title_id.clone() id=chart_id.clone()
                preserveAspectRatio="xMidYMid meet" class="app-chart__svg">
                <title id=title_id.clone()>{format!("{}: levels by measure over time. {description}", trend.name)}</title>
                {grid}
                {axis}
                {lines}
            </svg>
            <figcaption>
                <ul class="app-legend">
                    {measures.iter().enumerate().map(|(index, measure)| view! {
                        // An SVG swatch, not a style attribute: the CSP allows no inline styles.
                        <li><svg class="app-legend__swatch" viewBox="0 0 14 14" aria-hidden="true" focusable="false">
                                <rect width="14" height="14" fill=COLOURS[index] />
                            </svg>
                            {format!("{}. {}", measure.number, measure.title)}</li>
                    }).collect_view()}
                </ul>
                {changes.into_iter().map(|change| view! { <p class="nhsuk-body-s app-framework-change">{change}</p> }).collect_view()}
            </figcaption>
        </figure>
        <details class="nhsuk-details">
            <summary class="nhsuk-details__summary"><span class="nhsuk-details__summary-text">{format!("The figures for {}", trend.name)}</span></summary>
            <div class="nhsuk-details__text app-table-scroll" role="region" aria-label=format!("Figures for {}", trend.name) tabindex="0">
                <table class="nhsuk-table">
                    <thead class="nhsuk-table__head">
                        <tr>
                            <th scope="col">"Measure"</th>
                            {trend.points.iter().map(|point| view! { <th scope="col">{point.period.to_string()}</th> }).collect_view()}
                        </tr>
                    </thead>
                    <tbody class="nhsuk-table__body">
                        {measures.iter().enumerate().map(|(index, measure)| view! {
                            <tr class="nhsuk-table__row">
                                <th scope="row" class="nhsuk-table__cell">{format!("{}. {}", measure.number, measure.title)}</th>
                                {trend.points.iter().map(|point| view! {
                                    <td class="nhsuk-table__cell">{point.levels.get(index).copied().flatten().map_or("–".to_owned(), |level| level.to_string())}</td>
                                }).collect_view()}
                            </tr>
                        }).collect_view()}
                    </tbody>
                </table>
            </div>
        </details>
    }
    .into_any()
}

#[component]
pub fn IcsTrendsPage() -> impl IntoView {
    let params = use_params_map();
    let page = move |_| {
        let ics = params.get().get("ics").unwrap_or_default();
        let trends = api::load::<IcsTrends>({
            let ics = ics.clone();
            move || format!("/api/ics/{ics}/trends")
        });
        view! {
            <div class="nhsuk-back-link">
                <a href=format!("/ics/{ics}/dashboard") class="nhsuk-back-link__link">"Back to the dashboard"</a>
            </div>
            <Loads data=trends what="the trends" heading="Trends" heading_while_loading=true let:trends>
                <IcsTrendsView trends />
            </Loads>
        }
    };
    view! { <RequireSignIn page /> }
}

#[component]
fn IcsTrendsView(trends: IcsTrends) -> impl IntoView {
    set_title(&format!("Trends – {}", trends.ics.name));
    let ics = trends.ics.ods_code.to_string();
    view! {
        <span class="nhsuk-caption-l">{trends.ics.name.clone()}</span>
        <h1>"Trends"</h1>
        <IcsOutcomeLinks ics />
        <h2>"The ICS’s own reviews"</h2>
        <TrendChart trend=trends.ics.clone() id="trend-ics".to_owned() />
        <h2>"Organisations"</h2>
        {if trends.organisations.is_empty() {
            view! { <p>"No organisation in this ICS has a published peer review yet."</p> }.into_any()
        } else {
            trends.organisations.into_iter().map(|trend| {
                let (link, name) = (format!("/organisations/{}/outcomes", trend.ods_code), trend.name.clone());
                view! {
                    <h3><a href=link>{name}</a></h3>
                    <TrendChart trend />
                }
            }).collect_view().into_any()
        }}
    }
}
