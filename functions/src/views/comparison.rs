//! An organisation's self-assessment and peer review for one period, side by side
//! (`/organisations/{ods}/comparison?period=…`).

use maud::{Markup, html};
use wgll_shared::comparison::Comparison;
use wgll_shared::organisation::OdsCode;

pub fn render(ods: &OdsCode, comparison: &Comparison) -> Markup {
    let period = &comparison.period;
    let level = |level: Option<u8>| level.map_or("–".to_owned(), |level| level.to_string());
    html! {
        div class="nhsuk-back-link" data-title={ "Self-assessment and peer review compared, " (period) } {
            a href={ "/organisations/" (ods) } class="nhsuk-back-link__link" { "Back to the organisation" }
        }
        span class="nhsuk-caption-l" { (period) }
        h1 { "Self-assessment and peer review compared" }
        p { "Each review’s level is its agreed level once moderated, otherwise its lead reviewer’s. A negative difference means the organisation rated itself higher than its peers did." }
        div class="app-table-scroll" role="region" aria-label="Levels by success measure" tabindex="0" {
            table class="nhsuk-table" {
                caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Levels by success measure" }
                thead class="nhsuk-table__head" {
                    tr { th scope="col" { "Measure" } th scope="col" { "Self-assessment" } th scope="col" { "Peer review" } th scope="col" { "Difference" } }
                }
                tbody class="nhsuk-table__body" {
                    @for row in &comparison.measures {
                        tr class="nhsuk-table__row" {
                            th class="nhsuk-table__cell" scope="row" { (row.title) }
                            td class="nhsuk-table__cell" { (level(row.self_level)) }
                            td class="nhsuk-table__cell" { (level(row.peer_level)) }
                            td class="nhsuk-table__cell" { (difference(row.difference)) }
                        }
                    }
                }
            }
        }
    }
}

/// A difference of levels: a dash, "Same", or signed and tagged, red when more than one level.
fn difference(difference: Option<i8>) -> Markup {
    html! {
        @match difference {
            None => "–",
            Some(0) => "Same",
            Some(difference) => {
                strong class=(if difference.abs() > 1 { "nhsuk-tag nhsuk-tag--red" } else { "nhsuk-tag nhsuk-tag--grey" }) {
                    (format!("{difference:+}"))
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::difference;

    #[test]
    fn a_difference_of_more_than_one_level_is_flagged_red_and_signed() {
        assert_eq!(difference(Some(-2)).0, r#"<strong class="nhsuk-tag nhsuk-tag--red">-2</strong>"#);
        assert_eq!(difference(Some(1)).0, r#"<strong class="nhsuk-tag nhsuk-tag--grey">+1</strong>"#);
        assert_eq!(difference(Some(0)).0, "Same");
        assert_eq!(difference(None).0, "–");
    }
}
