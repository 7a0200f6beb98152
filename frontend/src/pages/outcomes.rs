//! One organisation's outcomes: its trend across periods, its benchmark against every organisation
//! of its kind, and its action plan.

use crate::api;
use crate::api::Loaded;
use crate::components::{PeriodChooser, TrendChart, set_title};
use crate::page_guard::{Loads, RequireSignIn};
use crate::pages::actions::{ActionTable, NewActionForm};
use crate::router::{use_params_map, use_query_map};
use leptos::prelude::*;
use wgll_shared::actions::PlannedAction;
use wgll_shared::organisation::Organisation;
use wgll_shared::outcomes::{Benchmark, Trend, format_level};
use wgll_shared::review::Review;

#[component]
pub fn OrganisationOutcomesPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = move |_| {
        let ods = params.get().get("ods").unwrap_or_default();
        let asked_period = query.get().get("period").unwrap_or_default();
        let organisation = api::load::<Organisation>({
            let ods = ods.clone();
            move || format!("/api/organisations/{ods}")
        });
        let trend = api::load::<Trend>({
            let ods = ods.clone();
            move || format!("/api/organisations/{ods}/trends")
        });
        view! {
            <div class="nhsuk-back-link">
                <a href=format!("/organisations/{ods}") class="nhsuk-back-link__link">"Back to the organisation"</a>
            </div>
            // Both are needed: the organisation first, then its trend, each with the same progress.
            <Loads data=organisation what="the outcomes" heading="Outcomes" heading_while_loading=true let:organisation>
                <OutcomesOf organisation trend asked_period=asked_period.clone() />
            </Loads>
        }
    };
    view! { <RequireSignIn page /> }
}

#[component]
fn OutcomesOf(organisation: Organisation, trend: Loaded<Trend>, asked_period: String) -> impl IntoView {
    view! {
        <Loads data=trend what="the outcomes" heading="Outcomes" heading_while_loading=true let:trend>
            <Outcomes organisation=organisation.clone() trend asked_period=asked_period.clone() />
        </Loads>
    }
}

#[component]
fn Outcomes(organisation: Organisation, trend: Trend, asked_period: String) -> impl IntoView {
    set_title(&format!("Outcomes – {}", organisation.name));
    // The benchmark's period: the one asked for, else the newest reviewed.
    let period = if asked_period.is_empty() {
        trend.points.last().map(|point| point.period.to_string()).unwrap_or_default()
    } else {
        asked_period
    };
    view! {
        <span class="nhsuk-caption-l">{organisation.name.clone()}</span>
        <h1>"Outcomes and action plan"</h1>
        <h2>"Trend"</h2>
        <TrendChart trend=trend.clone() />
        <BenchmarkSection organisation=organisation.clone() periods=trend.points.iter().map(|p| p.period.to_string()).collect() period />
        <ActionPlan ods=organisation.ods_code.to_string() trend />
    }
}

#[component]
fn BenchmarkSection(organisation: Organisation, periods: Vec<String>, period: String) -> impl IntoView {
    let ods = organisation.ods_code.to_string();
    if period.is_empty() {
        return view! {
            <h2>"Benchmark"</h2>
            <p>"A benchmark needs a published peer review."</p>
        }
        .into_any();
    }
    let benchmark = api::load::<Benchmark>({
        let (ods, period) = (ods.clone(), period.clone());
        move || format!("/api/organisations/{ods}/benchmark?period={}", period.replace('/', "%2F"))
    });
    view! {
        <h2>{format!("Benchmark against every {}, {period}", organisation.kind.label().to_lowercase())}</h2>
        <PeriodChooser page=format!("/organisations/{ods}/outcomes") id="benchmark-period" current=period.clone()
            periods=periods.into_iter().rev().collect() />
        <Loads data=benchmark what="the benchmark" let:benchmark>
            <BenchmarkTable benchmark />
        </Loads>
    }
    .into_any()
}

#[component]
fn BenchmarkTable(benchmark: Benchmark) -> impl IntoView {
    view! {
        <p id="benchmark-peers">{format!(
            "Compared with {} other {} of the same kind, in every ICS, with a published peer review for {}.",
            benchmark.peer_count,
            if benchmark.peer_count == 1 { "organisation" } else { "organisations" },
            benchmark.period
        )}</p>
        <table class="nhsuk-table-responsive" id="benchmark">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Levels against peers"</caption>
            <thead class="nhsuk-table__head">
                <tr>
                    <th scope="col">"Measure"</th>
                    <th scope="col">"Level"</th>
                    <th scope="col">"Peers’ median (middle half)"</th>
                    <th scope="col">"Peers at levels 1 to 5"</th>
                    <th scope="col">"Peers below, level, above"</th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">
                {benchmark.measures.into_iter().map(|measure| {
                    let heading = |text: &'static str| view! { <span class="nhsuk-table-responsive__heading" aria-hidden="true">{text}" "</span> };
                    let spread = measure.peers.as_ref().map_or("–".to_owned(), |spread| {
                        format!("{} ({} to {})", format_level(spread.median), format_level(spread.lower_quartile), format_level(spread.upper_quartile))
                    });
                    let distribution = measure.distribution.iter().enumerate()
                        .map(|(index, count)| format!("{}: {count}", index + 1))
                        .collect::<Vec<_>>()
                        .join(", ");
                    let position = if measure.level.is_some() {
                        format!("{} below, {} level, {} above", measure.below, measure.same, measure.above)
                    } else {
                        "–".to_owned()
                    };
                    view! {
                        <tr class="nhsuk-table__row">
                            <td class="nhsuk-table__cell">{heading("Measure")}{format!("{}. {}", measure.measure, measure.title)}</td>
                            <td class="nhsuk-table__cell">{heading("Level")}{measure.level.map_or("–".to_owned(), |level| level.to_string())}</td>
                            <td class="nhsuk-table__cell">{heading("Peers’ median (middle half)")}{spread}</td>
                            <td class="nhsuk-table__cell">{heading("Peers at levels 1 to 5")}{distribution}</td>
                            <td class="nhsuk-table__cell">{heading("Peers below, level, above")}{position}</td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
}

#[component]
fn ActionPlan(ods: String, trend: Trend) -> impl IntoView {
    let refresh = RwSignal::new(0u32);
    let actions = api::load::<Vec<PlannedAction>>({
        let ods = ods.clone();
        move || {
            refresh.track();
            format!("/api/organisations/{ods}/actions")
        }
    });
    let reviews = api::load::<Vec<Review>>({
        let ods = ods.clone();
        move || format!("/api/organisations/{ods}/reviews")
    });
    let on_created = Callback::new(move |()| refresh.update(|count| *count += 1));
    view! {
        <h2>"Action plan"</h2>
        <Loads data=actions what="the actions" let:actions>
            <ActionTable actions show_organisation=false />
        </Loads>
        <h3>"Add an action"</h3>
        <Loads data=reviews what="the reviews" let:reviews>
            <NewActionForm ods=ods.clone() reviews trend=trend.clone() on_created />
        </Loads>
    }
}
