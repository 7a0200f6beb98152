//! The ICS dashboard: every member organisation's agreed levels as a sortable heatmap, and per
//! measure the spread across providers beside the ICS's own assessment, with downloads.
//! (`/ics/{ics}/dashboard?period=…`)

use super::{Download, downloads, period_chooser};
use maud::{Markup, html};
use wgll_shared::outcomes::{DashboardRow, IcsDashboard, MeasureRollUp, format_level};

/// A heatmap cell: the level as a number on an accessible colour, or a dash.
pub fn level_cell(level: Option<u8>) -> Markup {
    cell(level, false)
}

/// A level cell, with the value the browser sorts its column by when `sortable`.
fn cell(level: Option<u8>, sortable: bool) -> Markup {
    match level {
        Some(level) => html! {
            td class={ "nhsuk-table__cell app-level app-level-" (level) } data-sort-value=[sortable.then_some(level)] { (level) }
        },
        None => html! {
            td class="nhsuk-table__cell app-level" {
                span aria-hidden="true" { "–" } span class="nhsuk-u-visually-hidden" { "No level" }
            }
        },
    }
}

/// The links every outcomes page of an ICS shares.
pub fn ics_outcome_links(ics: &str) -> Markup {
    html! {
        nav aria-label="ICS outcomes" {
            ul class="nhsuk-list app-inline-list" {
                li { a href={ "/ics/" (ics) "/dashboard" } { "Dashboard" } }
                li { a href={ "/ics/" (ics) "/trends" } { "Trends" } }
                li { a href={ "/levelling-up?ics=" (ics) } { "Levelling up" } }
                li { a href={ "/ics/" (ics) "/actions" } { "Action plans" } }
                li { a href={ "/ics/" (ics) "/digital-services" } { "Digital services" } }
                li { a href={ "/ics/" (ics) "/funding" } { "Funding" } }
                li { a href={ "/ics/" (ics) "/tech-spend" } { "Tech spend" } }
                li { a href={ "/ics/" (ics) "/benefits" } { "Benefits" } }
            }
        }
    }
}

pub fn render(dashboard: &IcsDashboard) -> Markup {
    let title = format!("Dashboard – {} {}", dashboard.ics_name, dashboard.period);
    let ics = dashboard.ics_code.as_str();
    let period = dashboard.period.as_str();
    let encoded = period.replace('/', "%2F");
    let file_base = format!("dashboard-{ics}-{}", period.replace('/', "-"));
    let file = |label, extension: &str| Download {
        label,
        path: format!("/api/ics/{ics}/dashboard.{extension}?period={encoded}"),
        name: format!("{file_base}.{extension}"),
    };
    let periods: Vec<String> = dashboard.periods.iter().map(ToString::to_string).collect();
    html! {
        div class="nhsuk-back-link" data-title=(title) {
            a href={ "/organisations/" (ics) } class="nhsuk-back-link__link" { "Back to the ICS" }
        }
        span class="nhsuk-caption-l" { (dashboard.ics_name) }
        h1 { "Dashboard, " (period) }
        (ics_outcome_links(ics))
        (period_chooser(&format!("/ics/{ics}/dashboard"), "period", period, &periods))
        p id="dashboard-summary" {
            (dashboard.reviewed) " of " (dashboard.organisations.len())
            " organisations have a published peer review for " (period) "."
        }
        h2 { "The ICS and its providers, measure by measure" }
        p { "The spread across providers is shown beside the ICS’s own peer-reviewed level: an average alone would hide the organisations that most need support." }
        (roll_up(&dashboard.roll_up))
        h2 { "Every organisation" }
        (heatmap(dashboard))
        (downloads(&[file("Download CSV", "csv"), file("Download JSON", "json")]))
    }
}

fn roll_up(measures: &[MeasureRollUp]) -> Markup {
    let heading =
        |text: &str| html! { span class="nhsuk-table-responsive__heading" aria-hidden="true" { (text) " " } };
    html! {
        table class="nhsuk-table-responsive" id="roll-up" {
            caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Levels by measure: providers’ spread and the ICS’s own" }
            thead class="nhsuk-table__head" {
                tr {
                    th scope="col" { "Measure" }
                    th scope="col" { "ICS’s own level" }
                    th scope="col" { "Providers’ median" }
                    th scope="col" { "Middle half of providers" }
                    th scope="col" { "Lowest to highest" }
                    th scope="col" { "Providers with a level" }
                }
            }
            tbody class="nhsuk-table__body" {
                @for measure in measures {
                    @let (median, middle, range, count) = match &measure.providers {
                        Some(spread) => (
                            format_level(spread.median),
                            format!("{} to {}", format_level(spread.lower_quartile), format_level(spread.upper_quartile)),
                            format!("{} to {}", spread.min, spread.max),
                            spread.count.to_string(),
                        ),
                        None => ("–".to_owned(), "–".to_owned(), "–".to_owned(), "0".to_owned()),
                    };
                    tr class="nhsuk-table__row" {
                        td class="nhsuk-table__cell" { (heading("Measure")) (measure.measure) ". " (measure.title) }
                        td class="nhsuk-table__cell" {
                            (heading("ICS’s own level"))
                            (measure.ics_level.map_or("Not reviewed".to_owned(), |level| level.to_string()))
                        }
                        td class="nhsuk-table__cell" { (heading("Providers’ median")) (median) }
                        td class="nhsuk-table__cell" { (heading("Middle half of providers")) (middle) }
                        td class="nhsuk-table__cell" { (heading("Lowest to highest")) (range) }
                        td class="nhsuk-table__cell" { (heading("Providers with a level")) (count) }
                    }
                }
            }
        }
    }
}

/// The organisations by name (as the heatmap starts), ignoring case.
fn by_name(rows: &[DashboardRow]) -> Vec<&DashboardRow> {
    let mut rows: Vec<&DashboardRow> = rows.iter().collect();
    rows.sort_by_key(|row| row.name.to_lowercase());
    rows
}

/// Every organisation's levels, sorted by name; the app sorts its `data-sort-row` rows again by
/// the column whose button is pressed (`data-sort`, by the cells' `data-sort-value`: no level goes
/// last), and the ICS's own row, not one of them, stays first.
fn heatmap(dashboard: &IcsDashboard) -> Markup {
    let header = |column: usize, label: String| {
        html! {
            th scope="col" aria-sort=(if column == 0 { "ascending" } else { "none" }) {
                button type="button" class="app-sort-button" data-sort=(column) { (label) }
            }
        }
    };
    html! {
        p class="nhsuk-body-s" { "Choose a column heading to sort by it; choose it again to reverse the order. Each cell shows the agreed level, 1 to 5." }
        div class="app-table-scroll" role="region" aria-labelledby="heatmap-caption" tabindex="0" {
            table class="nhsuk-table app-heatmap" id="heatmap" {
                caption class="nhsuk-table__caption" id="heatmap-caption" { "Agreed levels by organisation and measure" }
                thead class="nhsuk-table__head" {
                    tr {
                        (header(0, "Organisation".to_owned()))
                        @for (index, measure) in dashboard.measures.iter().enumerate() {
                            (header(index + 1, format!("{}. {}", measure.number, measure.title)))
                        }
                    }
                }
                tbody class="nhsuk-table__body" {
                    @if let Some(row) = &dashboard.ics {
                        tr class="nhsuk-table__row app-ics-row" {
                            th scope="row" class="nhsuk-table__cell" { (row.name) " (the ICS’s own review)" }
                            @for level in &row.levels { (cell(*level, false)) }
                        }
                    }
                    @for row in by_name(&dashboard.organisations) {
                        tr class="nhsuk-table__row" data-sort-row {
                            th scope="row" class="nhsuk-table__cell" data-sort-value=(row.name.to_lowercase()) {
                                a href={ "/organisations/" (row.ods_code) "/outcomes" } { (row.name) }
                            }
                            @for level in &row.levels { (cell(*level, true)) }
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
    fn a_level_shows_as_its_number_on_its_colour_and_no_level_as_a_dash_read_out_in_words() {
        assert_eq!(
            level_cell(Some(3)).into_string(),
            r#"<td class="nhsuk-table__cell app-level app-level-3">3</td>"#
        );
        assert_eq!(
            level_cell(None).into_string(),
            r#"<td class="nhsuk-table__cell app-level"><span aria-hidden="true">–</span><span class="nhsuk-u-visually-hidden">No level</span></td>"#
        );
        // In the heatmap, the browser sorts by the level itself; no level has no value (so it goes last).
        assert!(cell(Some(4), true).into_string().contains(r#"data-sort-value="4""#));
        assert!(!cell(None, true).into_string().contains("data-sort-value"));
    }

    #[test]
    fn the_period_chooser_offers_the_period_shown_even_when_it_has_no_review() {
        let html =
            period_chooser("/ics/QWO/dashboard", "period", "2023/24", &["2025/26".to_owned()]).into_string();
        assert!(html.contains(r#"<form class="app-inline-form" method="get" action="/ics/QWO/dashboard">"#));
        assert!(
            html.contains(
                r#"<option value="2023/24" selected>2023/24</option><option value="2025/26">2025/26</option>"#
            ),
            "{html}"
        );
    }
}
