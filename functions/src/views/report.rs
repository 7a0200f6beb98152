//! A review as a printable report: everything recorded, read-only, laid out for paper by the
//! print styles in `frontend/style.css`. (`/reviews/{id}/report`)

use super::{Download, downloads};
use maud::{Markup, html};
use wgll_shared::framework;
use wgll_shared::review::ReviewDetail;

pub fn render(detail: &ReviewDetail) -> Markup {
    let review = &detail.review;
    let title = format!("Report: {} {}", review.organisation_name, review.period);
    let base = format!(
        "review-{}-{}-{}",
        review.organisation,
        review.period.as_str().replace('/', "-"),
        review.kind.code()
    );
    let file = |label, extension: &str| Download {
        label,
        path: format!("/api/reviews/{}/export.{extension}", review.id),
        name: format!("{base}.{extension}"),
    };
    let reviewers = review.reviewers.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ");
    let measures = framework::find(&review.framework_id)
        .map(|framework| framework.measures.iter())
        .into_iter()
        .flatten();
    html! {
        div class="nhsuk-back-link app-no-print" data-title=(title) {
            a href={ "/reviews/" (review.id) } class="nhsuk-back-link__link" { "Back to the review" }
        }
        span class="nhsuk-caption-l" { (review.kind.label()) " · " (review.period) " · " (review.status.label()) }
        h1 { (review.organisation_name) " (" (review.organisation) ")" }
        p { "Integrated Care System " (review.ics_code) ". Reviewers: " (reviewers) "." }
        div class="nhsuk-button-group app-no-print" {
            button class="nhsuk-button" type="button" data-print { "Print this report" }
        }
        (downloads(&[file("Download as CSV", "csv"), file("Download as JSON", "json")]))
        @for measure in measures {
            @let variant = measure.variant(review.variant);
            @let agreed = detail.agreed_level(measure.number).map_or("Not agreed yet".to_owned(), |agreed| {
                if agreed.note.is_empty() { agreed.level.to_string() } else { format!("{} ({})", agreed.level, agreed.note) }
            });
            section class="app-report-measure" {
                h2 { (measure.number) ". " (measure.title) }
                p { strong { "Agreed level: " } (agreed) }
                @for assessment in detail.assessments(measure.number) {
                    @let suggested = assessment.suggested_level(variant).map_or("–".to_owned(), |level| level.to_string());
                    @let level = assessment.level.map_or("–".to_owned(), |level| level.to_string());
                    h3 { (assessment.reviewer) }
                    dl class="nhsuk-summary-list" {
                        @for (key, value) in [("Level", level.as_str()), ("Suggested by the answers", suggested.as_str()),
                            ("Rationale", assessment.rationale.as_str()), ("Evidence", assessment.evidence.as_str()),
                            ("Strengths", assessment.strengths.as_str()), ("Gaps", assessment.gaps.as_str()),
                            ("Recommendations", assessment.recommendations.as_str())] {
                            @if !value.is_empty() {
                                div class="nhsuk-summary-list__row" {
                                    dt class="nhsuk-summary-list__key" { (key) }
                                    dd class="nhsuk-summary-list__value" { (value) }
                                }
                            }
                        }
                    }
                    div class="app-table-scroll" role="region" aria-label="Statements" tabindex="0" {
                        table class="nhsuk-table" {
                            caption class="nhsuk-table__caption nhsuk-table__caption--s" { "Statements" }
                            thead class="nhsuk-table__head" {
                                tr { th scope="col" { "Statement" } th scope="col" { "Answer" } th scope="col" { "Evidence" } }
                            }
                            tbody class="nhsuk-table__body" {
                                @for statement in variant.statements.iter() {
                                    @let answer = assessment.answer(&statement.id);
                                    tr class="nhsuk-table__row" {
                                        td class="nhsuk-table__cell" { (statement.text) }
                                        td class="nhsuk-table__cell" { (answer.and_then(|a| a.answer).map_or("–", |a| a.label())) }
                                        td class="nhsuk-table__cell" {
                                            (answer.map(|a| [a.evidence.clone(), a.links.join(" ")].join(" ").trim().to_owned()).unwrap_or_default())
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
}
