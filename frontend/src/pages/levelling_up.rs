//! Levelling up: organisations below a chosen minimum level on any measure, and the measures most
//! often below it, for one ICS or (for administrators) every ICS: the view that funding decisions
//! need.

use crate::api;
use crate::components::{current_period, set_title};
use crate::page_guard::{Loads, RequireSignIn};
use crate::pages::dashboard::level_cell;
use crate::router::use_query_map;
use leptos::prelude::*;
use wgll_shared::outcomes::{LevellingUp, SIGNIFICANT_SHARE_PERCENT, measure_headings};

/// The financial year before this one: the latest whose reviews are usually all published.
fn last_period() -> String {
    let start = current_period().start_year() - 1;
    format!("{start}/{:02}", (start + 1) % 100)
}

#[component]
pub fn LevellingUpPage() -> impl IntoView {
    let query = use_query_map();
    let page = move |_| {
        let ics = query.get().get("ics").unwrap_or_default();
        let period =
            query.get().get("period").filter(|period| !period.is_empty()).unwrap_or_else(last_period);
        let minimum = query.get().get("minimum").and_then(|value| value.parse::<u8>().ok()).unwrap_or(3);
        set_title("Levelling up");
        let result = api::load::<LevellingUp>({
            let (ics, period) = (ics.clone(), period.clone());
            move || {
                format!("/api/levelling-up?period={}&minimum={minimum}&ics={ics}", period.replace('/', "%2F"))
            }
        });
        let (chosen_period, chosen_minimum, chosen_ics) =
            (RwSignal::new(period.clone()), RwSignal::new(minimum), RwSignal::new(ics.clone()));
        let submit = move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            crate::router::navigate(&format!(
                "/levelling-up?period={}&minimum={}&ics={}",
                chosen_period.get().trim().replace('/', "%2F"),
                chosen_minimum.get(),
                chosen_ics.get().trim()
            ));
        };
        view! {
            <h1>"Levelling up"</h1>
            <p>"Organisations below a minimum level on any success measure, and the measures most often below it. Use it to decide where support and funding will do most good."</p>
            <form class="app-inline-form" on:submit=submit id="levelling-up-form">
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="period">"Period"</label>
                    <input class="nhsuk-input nhsuk-input--width-5" id="period" type="text" prop:value=move || chosen_period.get()
                        on:input=move |event| chosen_period.set(event_target_value(&event)) />
                </div>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="minimum">"Minimum level"</label>
                    <select class="nhsuk-select" id="minimum" on:change=move |event| {
                        chosen_minimum.set(event_target_value(&event).parse().unwrap_or(3));
                    }>
                        {(1..=5u8).map(|level| view! { <option value=level.to_string() selected=level == minimum>{level}</option> }).collect_view()}
                    </select>
                </div>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="ics">"ICS ODS code (blank for every ICS)"</label>
                    <input class="nhsuk-input nhsuk-input--width-5" id="ics" type="text" prop:value=move || chosen_ics.get()
                        on:input=move |event| chosen_ics.set(event_target_value(&event)) />
                </div>
                <button class="nhsuk-button nhsuk-button--secondary" type="submit">"Show"</button>
            </form>
            <Loads data=result what="the organisations below the minimum" let:result>
                <LevellingUpResult result />
            </Loads>
        }
    };
    view! { <RequireSignIn page /> }
}

#[component]
fn LevellingUpResult(result: LevellingUp) -> impl IntoView {
    let scope = result.ics_code.as_ref().map_or("every ICS".to_owned(), |ics| format!("ICS {ics}"));
    let minimum = result.minimum;
    view! {
        <p class="nhsuk-lede-text" id="levelling-up-summary">{format!(
            "{} of {} organisations with a published peer review in {scope} for {} are below level {minimum} on at least one measure.",
            result.organisations.len(), result.assessed, result.period
        )}</p>
        <h2>"Measures most often below the minimum"</h2>
        <p>{format!(
            "NHS England’s allocation principles fund by fair shares where every provider meets the minimum, and by levelling up (more for the less mature, to catch up) where a significant number fall below it: here, {}% or more.",
            SIGNIFICANT_SHARE_PERCENT
        )}</p>
        <div class="app-table-scroll" role="region" aria-label="Measures ranked by organisations below the minimum" tabindex="0">
            <table class="nhsuk-table" id="shortfalls">
                <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Measures ranked by organisations below the minimum"</caption>
                <thead class="nhsuk-table__head">
                    <tr>
                        <th scope="col">"Measure"</th>
                        <th scope="col">"Organisations below"</th>
                        <th scope="col">"Share"</th>
                        <th scope="col">"Funding approach"</th>
                    </tr>
                </thead>
                <tbody class="nhsuk-table__body">
                    {result.measures.into_iter().map(|measure| view! {
                        <tr class="nhsuk-table__row">
                            <th scope="row" class="nhsuk-table__cell">{format!("{}. {}", measure.measure, measure.title)}</th>
                            <td class="nhsuk-table__cell">{measure.organisations_below}</td>
                            <td class="nhsuk-table__cell">{format!("{}%", measure.percent_below)}</td>
                            <td class="nhsuk-table__cell">{measure.approach.label()}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
        <h2>"Organisations below the minimum"</h2>
        {if result.organisations.is_empty() {
            view! { <p>"None."</p> }.into_any()
        } else {
            view! {
                <div class="app-table-scroll" role="region" aria-labelledby="below-caption" tabindex="0">
                    <table class="nhsuk-table app-heatmap" id="below">
                        <caption class="nhsuk-table__caption" id="below-caption">"Most measures below first"</caption>
                        <thead class="nhsuk-table__head">
                            <tr>
                                <th scope="col">"Organisation"</th>
                                <th scope="col">"ICS"</th>
                                <th scope="col">"Measures below"</th>
                                {measure_headings().into_iter().map(|m| view! { <th scope="col">{format!("{}. {}", m.number, m.title)}</th> }).collect_view()}
                            </tr>
                        </thead>
                        <tbody class="nhsuk-table__body">
                            {result.organisations.into_iter().map(|organisation| view! {
                                <tr class="nhsuk-table__row">
                                    <th scope="row" class="nhsuk-table__cell">
                                        <a href=format!("/organisations/{}/outcomes", organisation.ods_code)>{organisation.name.clone()}</a>
                                    </th>
                                    <td class="nhsuk-table__cell">{organisation.ics_code.to_string()}</td>
                                    <td class="nhsuk-table__cell">{organisation.measures_below.len()}</td>
                                    {organisation.levels.iter().map(|level| level_cell(*level)).collect_view()}
                                </tr>
                            }).collect_view()}
                        </tbody>
                    </table>
                </div>
            }.into_any()
        }}
    }
}
