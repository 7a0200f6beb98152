//! A review as a printable report, and its downloads: everything recorded, read-only, laid out for
//! paper by the print styles in `style.css`.

use crate::api;
use crate::components::{DownloadButtons, DownloadFile, set_title};
use crate::page_guard::{Loads, RequireSignIn};
use crate::router::use_params_map;
use leptos::prelude::*;
use wgll_shared::framework;
use wgll_shared::review::{Review, ReviewDetail};

#[component]
pub fn ReportPage() -> impl IntoView {
    let params = use_params_map();
    let page = move |_| {
        let id = params.get().get("id").unwrap_or_default();
        let detail = api::load::<ReviewDetail>(move || format!("/api/reviews/{id}"));
        view! {
            <Loads data=detail what="the report" heading="Report" let:detail>
                <Report detail />
            </Loads>
        }
    };
    view! { <RequireSignIn page /> }
}

/// Buttons that download the review as CSV or JSON.
#[component]
pub fn Downloads(review: Review) -> impl IntoView {
    let base = format!(
        "review-{}-{}-{}",
        review.organisation,
        review.period.as_str().replace('/', "-"),
        review.kind.code()
    );
    let file = |label: &'static str, extension: &str| DownloadFile {
        label,
        path: format!("/api/reviews/{}/export.{extension}", review.id),
        name: format!("{base}.{extension}"),
    };
    view! { <DownloadButtons files=vec![file("Download as CSV", "csv"), file("Download as JSON", "json")] /> }
}

#[component]
fn Report(detail: ReviewDetail) -> impl IntoView {
    let review = detail.review.clone();
    set_title(&format!("Report: {} {}", review.organisation_name, review.period));
    let Some(framework) = framework::find(&review.framework_id) else { return ().into_any() };
    let print = move |_| {
        let _ = gloo_utils::window().print();
    };
    view! {
        <div class="nhsuk-back-link app-no-print"><a href=format!("/reviews/{}", review.id) class="nhsuk-back-link__link">"Back to the review"</a></div>
        <span class="nhsuk-caption-l">{format!("{} · {} · {}", review.kind.label(), review.period, review.status.label())}</span>
        <h1>{format!("{} ({})", review.organisation_name, review.organisation)}</h1>
        <p>{format!("Integrated Care System {}. Reviewers: {}.", review.ics_code, review.reviewers.iter().map(ToString::to_string).collect::<Vec<_>>().join(", "))}</p>
        <div class="nhsuk-button-group app-no-print">
            <button class="nhsuk-button" type="button" on:click=print>"Print this report"</button>
        </div>
        <Downloads review=review.clone() />
        {framework.measures.iter().map(|measure| {
            let variant = measure.variant(review.variant);
            let agreed = detail.agreed_level(measure.number).map_or("Not agreed yet".to_owned(), |agreed| {
                if agreed.note.is_empty() { agreed.level.to_string() } else { format!("{} ({})", agreed.level, agreed.note) }
            });
            view! {
                <section class="app-report-measure">
                    <h2>{format!("{}. {}", measure.number, measure.title)}</h2>
                    <p><strong>"Agreed level: "</strong>{agreed}</p>
                    {detail.assessments(measure.number).map(|assessment| {
                        let suggested = assessment.suggested_level(variant).map_or("–".to_owned(), |level| level.to_string());
                        let level = assessment.level.map_or("–".to_owned(), |level| level.to_string());
                        view! {
                            <h3>{assessment.reviewer.to_string()}</h3>
                            <dl class="nhsuk-summary-list">
                                {[("Level", level), ("Suggested by the answers", suggested), ("Rationale", assessment.rationale.clone()),
                                  ("Evidence", assessment.evidence.clone()), ("Strengths", assessment.strengths.clone()),
                                  ("Gaps", assessment.gaps.clone()), ("Recommendations", assessment.recommendations.clone())]
                                    .into_iter()
                                    .filter(|(_, value)| !value.is_empty())
                                    .map(|(key, value)| view! {
                                        <div class="nhsuk-summary-list__row">
                                            <dt class="nhsuk-summary-list__key">{key}</dt>
                                            <dd class="nhsuk-summary-list__value">{value}</dd>
                                        </div>
                                    }).collect_view()}
                            </dl>
                            <div class="app-table-scroll" role="region" aria-label="Statements" tabindex="0">
                                <table class="nhsuk-table">
                                    <caption class="nhsuk-table__caption nhsuk-table__caption--s">"Statements"</caption>
                                    <thead class="nhsuk-table__head"><tr><th scope="col">"Statement"</th><th scope="col">"Answer"</th><th scope="col">"Evidence"</th></tr></thead>
                                    <tbody class="nhsuk-table__body">
                                        {variant.statements.iter().map(|statement| {
                                            let answer = assessment.answer(&statement.id);
                                            view! {
                                                <tr class="nhsuk-table__row">
                                                    <td class="nhsuk-table__cell">{statement.text.to_string()}</td>
                                                    <td class="nhsuk-table__cell">{answer.and_then(|a| a.answer).map_or("–", |a| a.label())}</td>
                                                    <td class="nhsuk-table__cell">{answer.map(|a| [a.evidence.clone(), a.links.join(" ")].join(" ").trim().to_owned()).unwrap_or_default()}</td>
                                                </tr>
                                            }
                                        }).collect_view()}
                                    </tbody>
                                </table>
                            </div>
                        }
                    }).collect_view()}
                </section>
            }
        }).collect_view()}
    }
    .into_any()
}
