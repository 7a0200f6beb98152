//! `/digital-services`: find an organisation by name, town or ODS code, or browse by ICS.

use super::layout::{ics_address, organisation_address};
use maud::{Markup, html};
use wgll_shared::offer::PublicOrganisation;

/// What the search in the query string, if any, came to.
pub enum Outcome {
    /// No search yet: the page as first opened.
    NotSearched,
    Found(Vec<PublicOrganisation>),
    /// The search was refused, with this message for the person who typed it.
    Refused(String),
}

/// The page for `search` (as typed, or empty), what it found and every ICS to browse.
pub fn render(search: &str, outcome: &Outcome, systems: &[PublicOrganisation]) -> Markup {
    let refused = match outcome {
        Outcome::Refused(message) => Some(message.as_str()),
        Outcome::NotSearched | Outcome::Found(_) => None,
    };
    let (group_class, described_by) = match refused {
        Some(_) => ("nhsuk-form-group nhsuk-form-group--error", "search-hint search-error"),
        None => ("nhsuk-form-group", "search-hint"),
    };
    html! {
        @if let Some(message) = refused {
            div class="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1" {
                h2 class="nhsuk-error-summary__title" id="error-summary-title" { "There is a problem" }
                div class="nhsuk-error-summary__body" {
                    ul class="nhsuk-list nhsuk-error-summary__list" {
                        li { a href="#search" { (message) } }
                    }
                }
            }
        }
        h1 { "Find digital services from your NHS organisation" }
        p class="nhsuk-lede-text" {
            "See what you can do online with a hospital or other NHS organisation: book appointments, see test results, order medicines and more, and where to do it."
        }
        form action="/digital-services" method="get" role="search" novalidate {
            div class=(group_class) {
                label class="nhsuk-label nhsuk-label--s" for="search" { "Organisation name, town or ODS code" }
                div class="nhsuk-hint" id="search-hint" { "For example, Leeds or RR8" }
                @if let Some(message) = refused {
                    span class="nhsuk-error-message" id="search-error" {
                        span class="nhsuk-u-visually-hidden" { "Error: " }
                        (message)
                    }
                }
                input class="nhsuk-input nhsuk-u-width-two-thirds" id="search" name="search" type="search"
                    autocomplete="off" aria-describedby=(described_by) value=(search);
            }
            button class="nhsuk-button" type="submit" { "Search" }
        }
        @if let Outcome::Found(organisations) = outcome {
            h2 id="results-heading" { "Results" }
            p id="results-count" { (count(search.trim(), organisations.len())) }
            ul class="nhsuk-list" id="results" aria-labelledby="results-heading" {
                @for organisation in organisations { (result(organisation)) }
            }
        }
        h2 { "Browse by Integrated Care System" }
        @if systems.is_empty() {
            p { "No Integrated Care Systems have been added yet." }
        } @else {
            ul class="nhsuk-list" id="systems" {
                @for system in systems {
                    li { a href=(ics_address(&system.ods_code)) { (system.name) } }
                }
            }
        }
    }
}

fn count(search: &str, found: usize) -> String {
    match found {
        0 => format!("No organisations match “{search}”. Check the spelling, or try a town."),
        1 => format!("1 organisation matches “{search}”"),
        many => format!("{many} organisations match “{search}”"),
    }
}

fn result(organisation: &PublicOrganisation) -> Markup {
    // Where it is and what it is, in the public's words: the ODS code is the NHS's, not theirs.
    let details: Vec<&str> = [organisation.town.as_str(), organisation.kind.as_str()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect();
    html! {
        li {
            a href=(organisation_address(&organisation.ods_code)) { (organisation.name) }
            br;
            span class="nhsuk-body-s" { (details.join(" · ")) }
        }
    }
}

/// The `search` parameter of a query string, decoded (`+` and `%XX`).
pub fn search_parameter(query: Option<&str>) -> Option<String> {
    let query = query?;
    let value = query.split('&').find_map(|pair| pair.strip_prefix("search="))?;
    let bytes = value.replace('+', " ").into_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes.get(index + 1..index + 3).and_then(|pair| std::str::from_utf8(pair).ok());
        match (bytes[index], hex.and_then(|hex| u8::from_str_radix(hex, 16).ok())) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                index += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    Some(String::from_utf8_lossy(&decoded).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_search_parameter_is_decoded() {
        assert_eq!(search_parameter(Some("search=St+Mary%E2%80%99s")).as_deref(), Some("St Mary’s"));
        assert_eq!(search_parameter(Some("x=1&search=rr8")).as_deref(), Some("rr8"));
        assert_eq!(search_parameter(Some("search=100%")).as_deref(), Some("100%"));
        assert_eq!(search_parameter(None), None);
    }
}
