//! The ICS dashboard: every member organisation's agreed levels as a sortable heatmap, and per
//! measure the spread across providers beside the ICS's own assessment, with downloads.

use crate::api;
use crate::components::{DownloadButtons, DownloadFile, set_title};
use crate::page_guard::{Loads, RequireSignIn};
use crate::router::{use_params_map, use_query_map};
use leptos::prelude::*;
use wgll_shared::outcomes::{DashboardRow, IcsDashboard, format_level};

/// A heatmap cell: the level as a number on an accessible colour, or a dash.
pub fn level_cell(level: Option<u8>) -> impl IntoView {
    match level {
        Some(level) => {
            view! { <td class=format!("nhsuk-table__cell app-level app-level-{level}")>{level}</td> }
                .into_any()
        }
        None => view! {
            <td class="nhsuk-table__cell app-level">
                <span aria-hidden="true">"–"</span><span class="nhsuk-u-visually-hidden">"No level"</span>
            </td>
        }
        .into_any(),
    }
}

/// The links every outcomes page of an ICS shares.
#[component]
pub fn IcsOutcomeLinks(ics: String) -> impl IntoView {
    view! {
        <nav aria-label="ICS outcomes">
            <ul class="nhsuk-list app-inline-list">
                <li><a href=format!("/ics/{ics}/dashboard")>"Dashboard"</a></li>
                <li><a href=format!("/ics/{ics}/trends")>"Trends"</a></li>
                <li><a href=format!("/levelling-up?ics={ics}")>"Levelling up"</a></li>
                <li><a href=format!("/ics/{ics}/actions")>"Action plans"</a></li>
                <li><a href=format!("/ics/{ics}/digital-services")>"Digital services"</a></li>
            </ul>
        </nav>
    }
}

#[component]
pub fn IcsDashboardPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = move |_| {
        let ics = params.get().get("ics").unwrap_or_default();
        let period = query.get().get("period").unwrap_or_default();
        let dashboard = api::load::<IcsDashboard>({
            let (ics, period) = (ics.clone(), period.clone());
            move || {
                let path = if period.is_empty() {
                    format!("/api/ics/{ics}/dashboard")
                } else {
                    format!("/api/ics/{ics}/dashboard?period={}", period.replace('/', "%2F"))
                };
                path
            }
        });
        view! {
            <div class="nhsuk-back-link">
                <a href=format!("/organisations/{ics}") class="nhsuk-back-link__link">"Back to the ICS"</a>
            </div>
            <Loads data=dashboard what="the dashboard" heading="ICS dashboard" heading_while_loading=true let:dashboard>
                <Dashboard dashboard />
            </Loads>
        }
    };
    view! { <RequireSignIn page /> }
}

#[component]
fn Dashboard(dashboard: IcsDashboard) -> impl IntoView {
    set_title(&format!("Dashboard – {} {}", dashboard.ics_name, dashboard.period));
    let ics = dashboard.ics_code.to_string();
    let period = dashboard.period.to_string();
    let encoded = period.replace('/', "%2F");
    let file_base = format!("dashboard-{ics}-{}", period.replace('/', "-"));
    let downloads = vec![
        DownloadFile {
            label: "Download CSV",
            path: format!("/api/ics/{ics}/dashboard.csv?period={encoded}"),
            name: format!("{file_base}.csv"),
        },
        DownloadFile {
            label: "Download JSON",
            path: format!("/api/ics/{ics}/dashboard.json?period={encoded}"),
            name: format!("{file_base}.json"),
        },
    ];
    view! {
        <span class="nhsuk-caption-l">{dashboard.ics_name.clone()}</span>
        <h1>{format!("Dashboard, {period}")}</h1>
        <IcsOutcomeLinks ics=ics.clone() />
        <PeriodChooser page=format!("/ics/{ics}/dashboard") id="period" current=period.clone() periods=dashboard.periods.iter().map(ToString::to_string).collect() />
        <p id="dashboard-summary">{format!(
            "{} of {} organisations have a published peer review for {period}.",
            dashboard.reviewed,
            dashboard.organisations.len()
        )}</p>
        <h2>"The ICS and its providers, measure by measure"</h2>
        <p>"The spread across providers is shown beside the ICS’s own peer-reviewed level: an average alone would hide the organisations that most need support."</p>
        <RollUp dashboard=dashboard.clone() />
        <h2>"Every organisation"</h2>
        <Heatmap dashboard=dashboard.clone() />
        <DownloadButtons files=downloads />
    }
}

/// A period select with a Show button that opens `page` for the chosen period (`?period=…`), so
/// the choice is in the address: bookmarkable, and Back returns to the previous one.
#[component]
pub fn PeriodChooser(
    /// The page's address without its query, e.g. `/ics/QWO/dashboard`.
    page: String,
    /// The select's id (unique on the page).
    id: &'static str,
    current: String,
    /// The periods to offer, in the order to show them.
    periods: Vec<String>,
) -> impl IntoView {
    let chosen = RwSignal::new(current.clone());
    let mut options = periods;
    if !options.contains(&current) {
        options.insert(0, current);
    }
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        crate::router::navigate(&format!("{page}?period={}", chosen.get().replace('/', "%2F")));
    };
    view! {
        <form class="app-inline-form" on:submit=submit>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for=id>"Period"</label>
                <select class="nhsuk-select" id=id name="period"
                    on:change=move |event| chosen.set(event_target_value(&event))>
                    {options.into_iter().map(|period| {
                        let selected = period == chosen.get_untracked();
                        view! { <option value=period.clone() selected=selected>{period.clone()}</option> }
                    }).collect_view()}
                </select>
            </div>
            <button class="nhsuk-button nhsuk-button--secondary" type="submit">"Show"</button>
        </form>
    }
}

#[component]
fn RollUp(dashboard: IcsDashboard) -> impl IntoView {
    view! {
        <table class="nhsuk-table-responsive" id="roll-up">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Levels by measure: providers’ spread and the ICS’s own"</caption>
            <thead class="nhsuk-table__head">
                <tr>
                    <th scope="col">"Measure"</th>
                    <th scope="col">"ICS’s own level"</th>
                    <th scope="col">"Providers’ median"</th>
                    <th scope="col">"Middle half of providers"</th>
                    <th scope="col">"Lowest to highest"</th>
                    <th scope="col">"Providers with a level"</th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">
                {dashboard.roll_up.into_iter().map(|measure| {
                    let heading = |text: &'static str| view! { <span class="nhsuk-table-responsive__heading" aria-hidden="true">{text}" "</span> };
                    let (median, middle, range, count) = match &measure.providers {
                        Some(spread) => (
                            format_level(spread.median),
                            format!("{} to {}", format_level(spread.lower_quartile), format_level(spread.upper_quartile)),
                            format!("{} to {}", spread.min, spread.max),
                            spread.count.to_string(),
                        ),
                        None => ("–".to_owned(), "–".to_owned(), "–".to_owned(), "0".to_owned()),
                    };
                    view! {
                        <tr class="nhsuk-table__row">
                            <td class="nhsuk-table__cell">{heading("Measure")}{format!("{}. {}", measure.measure, measure.title)}</td>
                            <td class="nhsuk-table__cell">{heading("ICS’s own level")}{measure.ics_level.map_or("Not reviewed".to_owned(), |level| level.to_string())}</td>
                            <td class="nhsuk-table__cell">{heading("Providers’ median")}{median}</td>
                            <td class="nhsuk-table__cell">{heading("Middle half of providers")}{middle}</td>
                            <td class="nhsuk-table__cell">{heading("Lowest to highest")}{range}</td>
                            <td class="nhsuk-table__cell">{heading("Providers with a level")}{count}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

/// How the heatmap is sorted: by name, or by one measure's level.
#[derive(Clone, Copy, PartialEq)]
enum SortBy {
    Name,
    Measure(usize),
}

fn sorted(rows: &[DashboardRow], by: SortBy, descending: bool) -> Vec<DashboardRow> {
    let mut rows = rows.to_vec();
    match by {
        SortBy::Name => rows.sort_by_key(|row| row.name.to_lowercase()),
        // Organisations without a level go last either way.
        SortBy::Measure(index) => rows.sort_by(|a, b| match (a.levels[index], b.levels[index]) {
            (Some(x), Some(y)) => x.cmp(&y).then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase())),
            (Some(_), None) => std::cmp::Ordering::Less,
            (None, Some(_)) => std::cmp::Ordering::Greater,
            (None, None) => a.name.to_lowercase().cmp(&b.name.to_lowercase()),
        }),
    }
    if descending {
        let (with, without): (Vec<_>, Vec<_>) = rows.into_iter().partition(|row| match by {
            SortBy::Name => true,
            SortBy::Measure(index) => row.levels[index].is_some(),
        });
        rows = with.into_iter().rev().chain(without).collect();
    }
    rows
}

#[component]
fn Heatmap(dashboard: IcsDashboard) -> impl IntoView {
    let sort = RwSignal::new((SortBy::Name, false));
    let rows = dashboard.organisations.clone();
    let header = move |by: SortBy, label: String| {
        let aria_sort = move || {
            let (current, descending) = sort.get();
            if current != by {
                "none"
            } else if descending {
                "descending"
            } else {
                "ascending"
            }
        };
        view! {
            <th scope="col" aria-sort=aria_sort>
                <button type="button" class="app-sort-button"
                    on:click=move |_| sort.update(|(current, descending)| {
                        // A second press on the same column reverses it.
                        *descending = *current == by && !*descending;
                        *current = by;
                    })>
                    {label}
                </button>
            </th>
        }
    };
    let ics_row = dashboard.ics.clone().map(|row| {
        view! {
            <tr class="nhsuk-table__row app-ics-row">
                <th scope="row" class="nhsuk-table__cell">{format!("{} (the ICS’s own review)", row.name)}</th>
                {row.levels.iter().map(|level| level_cell(*level)).collect_view()}
            </tr>
        }
    });
    view! {
        <p class="nhsuk-body-s">"Choose a column heading to sort by it; choose it again to reverse the order. Each cell shows the agreed level, 1 to 5."</p>
        <div class="app-table-scroll" role="region" aria-labelledby="heatmap-caption" tabindex="0">
            <table class="nhsuk-table app-heatmap" id="heatmap">
                <caption class="nhsuk-table__caption" id="heatmap-caption">"Agreed levels by organisation and measure"</caption>
                <thead class="nhsuk-table__head">
                    <tr>
                        {header(SortBy::Name, "Organisation".to_owned())}
                        {dashboard.measures.iter().enumerate().map(|(index, measure)| {
                            header(SortBy::Measure(index), format!("{}. {}", measure.number, measure.title))
                        }).collect_view()}
                    </tr>
                </thead>
                <tbody class="nhsuk-table__body">
                    {ics_row}
                    {move || {
                        let (by, descending) = sort.get();
                        sorted(&rows, by, descending).into_iter().map(|row| view! {
                            <tr class="nhsuk-table__row">
                                <th scope="row" class="nhsuk-table__cell">
                                    <a href=format!("/organisations/{}/outcomes", row.ods_code)>{row.name.clone()}</a>
                                </th>
                                {row.levels.iter().map(|level| level_cell(*level)).collect_view()}
                            </tr>
                        }).collect_view()
                    }}
                </tbody>
            </table>
        </div>
    }
}
