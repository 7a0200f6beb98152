//! An organisation's self-assessment and peer review for one period, side by side.

use crate::api;
use crate::components::set_title;
use crate::page_guard::{Loads, RequireSignIn};
use crate::router::{use_params_map, use_query_map};
use leptos::prelude::*;
use wgll_shared::comparison::Comparison;

#[component]
pub fn ComparisonPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = move |_| {
        let ods = params.get().get("ods").unwrap_or_default();
        let period = query.get().get("period").unwrap_or_default();
        set_title(&format!("Self-assessment and peer review compared, {period}"));
        let comparison = api::load::<Comparison>({
            let (ods, period) = (ods.clone(), period.clone());
            move || format!("/api/organisations/{ods}/comparison?period={}", period.replace('/', "%2F"))
        });
        view! {
            <div class="nhsuk-back-link"><a href=format!("/organisations/{ods}") class="nhsuk-back-link__link">"Back to the organisation"</a></div>
            <span class="nhsuk-caption-l">{period.clone()}</span>
            <h1>"Self-assessment and peer review compared"</h1>
            <Loads data=comparison what="the comparison" let:comparison>
                <ComparisonTable comparison />
            </Loads>
        }
    };
    view! { <RequireSignIn page /> }
}

#[component]
fn ComparisonTable(comparison: Comparison) -> impl IntoView {
    let level = |level: Option<u8>| level.map_or("–".to_owned(), |level| level.to_string());
    view! {
        <p>"Each review’s level is its agreed level once moderated, otherwise its lead reviewer’s. A negative difference means the organisation rated itself higher than its peers did."</p>
        <div class="app-table-scroll" role="region" aria-label="Levels by success measure" tabindex="0">
            <table class="nhsuk-table">
                <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Levels by success measure"</caption>
                <thead class="nhsuk-table__head">
                    <tr><th scope="col">"Measure"</th><th scope="col">"Self-assessment"</th><th scope="col">"Peer review"</th><th scope="col">"Difference"</th></tr>
                </thead>
                <tbody class="nhsuk-table__body">
                    {comparison.measures.into_iter().map(|row| view! {
                        <tr class="nhsuk-table__row">
                            <th class="nhsuk-table__cell" scope="row">{row.title}</th>
                            <td class="nhsuk-table__cell">{level(row.self_level)}</td>
                            <td class="nhsuk-table__cell">{level(row.peer_level)}</td>
                            <td class="nhsuk-table__cell">{match row.difference {
                                None => view! { "–" }.into_any(),
                                Some(0) => view! { "Same" }.into_any(),
                                Some(difference) => view! {
                                    <strong class={if difference.abs() > 1 { "nhsuk-tag nhsuk-tag--red" } else { "nhsuk-tag nhsuk-tag--grey" }}>
                                        {format!("{difference:+}")}
                                    </strong>
                                }.into_any(),
                            }}</td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
}
