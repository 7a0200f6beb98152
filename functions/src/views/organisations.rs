//! Every organisation, found by a search (name, town or ODS code: words in any order, a typo
//! forgiven, best match first) or grouped by ICS, with the actions the person may take.
//! (`/organisations?search=…`)

use maud::{Markup, html};
use wgll_shared::organisation::{Organisation, OrganisationKind};

/// At most this many search results are shown: the best ones.
pub const RESULTS_MAX: usize = 50;

/// What the person may do from the list, decided by the rules table.
#[derive(Debug, Clone, Copy)]
pub struct Allowed {
    pub add_organisation: bool,
    pub import_review: bool,
}

pub fn render(organisations: &[Organisation], search: &str, allowed: Allowed) -> Markup {
    let search = search.trim();
    html! {
        h1 data-title="Organisations" { "Organisations" }
        @if allowed.add_organisation || allowed.import_review {
            div class="nhsuk-button-group" {
                @if allowed.add_organisation {
                    a href="/organisations/new" class="nhsuk-button nhsuk-button--secondary" { "Add an organisation" }
                }
                @if allowed.import_review {
                    a href="/reviews/import" class="nhsuk-button nhsuk-button--secondary" { "Import a review" }
                }
            }
        }
        form class="app-inline-form" method="get" action="/organisations" role="search" {
            div class="nhsuk-form-group" {
                label class="nhsuk-label" for="search" { "Find an organisation" }
                div class="nhsuk-hint" id="search-hint" { "By name, town or ODS code, for example Leeds or RR8" }
                input class="nhsuk-input nhsuk-input--width-20" id="search" name="search" type="search"
                    autocomplete="off" aria-describedby="search-hint" value=(search);
            }
            button class="nhsuk-button nhsuk-button--secondary" type="submit" { "Search" }
        }
        @if organisations.is_empty() {
            p id="no-organisations" { "There are no organisations yet. Add an Integrated Care System first, then the organisations in it." }
        } @else if search.is_empty() {
            (by_ics(organisations))
        } @else {
            (results(organisations, search))
        }
    }
}

fn item(organisation: &Organisation) -> Markup {
    let details: Vec<&str> =
        [organisation.kind.label(), organisation.town.as_str(), organisation.ods_code.as_str()]
            .into_iter()
            .filter(|part| !part.is_empty())
            .collect();
    html! {
        li {
            a href={ "/organisations/" (organisation.ods_code) } { (organisation.name) }
            " " span class="nhsuk-body-s" { "(" (details.join(", ")) ")" }
        }
    }
}

fn results(organisations: &[Organisation], search: &str) -> Markup {
    // The ranked search finds organisations (it leaves ICSs out: the public search's rule); ICSs
    // whose name or code has every word searched for come first.
    let words: Vec<String> = search.split_whitespace().map(str::to_lowercase).collect();
    let icss = organisations.iter().filter(|organisation| {
        let text = format!("{} {}", organisation.name, organisation.ods_code).to_lowercase();
        organisation.kind == OrganisationKind::Ics && words.iter().all(|word| text.contains(word.as_str()))
    });
    let found: Vec<&Organisation> =
        icss.chain(wgll_shared::offer::search::rank(organisations, search, RESULTS_MAX)).collect();
    html! {
        h2 id="results-heading" { "Results" }
        p id="results-count" {
            @match found.len() {
                0 => { "No organisation matches “" (search) "”. Check the spelling, or try a town or an ODS code." }
                1 => { "1 organisation matches “" (search) "”." }
                many => { (many) " organisations match “" (search) "”, best first." }
            }
        }
        ul class="nhsuk-list" id="results" aria-labelledby="results-heading" {
            @for organisation in found { (item(organisation)) }
        }
        p { a href="/organisations" { "Every organisation, by ICS" } }
    }
}

/// Each ICS, by name, with its members (by name) under it; organisations whose ICS is missing last.
fn by_ics(organisations: &[Organisation]) -> Markup {
    let mut icss: Vec<&Organisation> =
        organisations.iter().filter(|organisation| organisation.kind == OrganisationKind::Ics).collect();
    icss.sort_by_key(|ics| ics.name.to_lowercase());
    let members_of = |ics: &Organisation| {
        let mut members: Vec<&Organisation> =
            organisations.iter().filter(|member| member.ics_code.as_ref() == Some(&ics.ods_code)).collect();
        members.sort_by_key(|member| member.name.to_lowercase());
        members
    };
    html! {
        p id="ics-count" { (icss.len()) " Integrated Care Systems and " (organisations.len() - icss.len()) " organisations in them." }
        @for ics in icss {
            @let members = members_of(ics);
            details class="nhsuk-details nhsuk-u-margin-bottom-3" {
                summary class="nhsuk-details__summary" {
                    span class="nhsuk-details__summary-text" {
                        (ics.name) " (" (members.len()) @if members.len() == 1 { " organisation)" } @else { " organisations)" }
                    }
                }
                div class="nhsuk-details__text" {
                    p { a href={ "/organisations/" (ics.ods_code) } { "The ICS itself: " (ics.name) } }
                    @if members.is_empty() {
                        p { "No organisations have been added to it yet." }
                    } @else {
                        ul class="nhsuk-list" { @for member in members { (item(member)) } }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn organisation(ods: &str, name: &str, kind: OrganisationKind, ics: Option<&str>) -> Organisation {
        serde_json::from_value(serde_json::json!({
            "odsCode": ods, "name": name, "kind": kind, "icsCode": ics, "town": "Leeds",
            "version": 1, "createdAt": "2026-01-05T09:00:00.000Z", "updatedAt": "2026-01-05T09:00:00.000Z"
        }))
        .unwrap()
    }

    fn some() -> Vec<Organisation> {
        vec![
            organisation(
                "RR8",
                "Leeds Teaching Hospitals NHS Trust",
                OrganisationKind::AcuteTrust,
                Some("QWO"),
            ),
            organisation("QWO", "West Yorkshire ICS", OrganisationKind::Ics, None),
            organisation("QHM", "North East and North Cumbria ICS", OrganisationKind::Ics, None),
            organisation(
                "RXF",
                "Mid Yorkshire Teaching NHS Trust",
                OrganisationKind::AcuteTrust,
                Some("QWO"),
            ),
        ]
    }

    #[test]
    fn the_list_is_grouped_by_ics_and_offers_only_what_the_person_may_do() {
        let none = Allowed { add_organisation: false, import_review: false };
        let html = render(&some(), "", none).into_string();
        let north = html.find("North East and North Cumbria ICS (0 organisations)").unwrap();
        let west = html.find("West Yorkshire ICS (2 organisations)").unwrap();
        assert!(north < west, "ICSs by name: {html}");
        let leeds = html.find("Leeds Teaching Hospitals").unwrap();
        let mid = html.find("Mid Yorkshire Teaching").unwrap();
        assert!(west < leeds && leeds < mid, "members by name, under their ICS");
        assert!(!html.contains("Add an organisation") && !html.contains("Import a review"));
        let lead = Allowed { add_organisation: true, import_review: true };
        assert!(render(&some(), "", lead).into_string().contains(r#"href="/organisations/new""#));
    }

    #[test]
    fn a_search_finds_words_in_any_order_and_forgives_a_typo() {
        let none = Allowed { add_organisation: false, import_review: false };
        let html = render(&some(), "hospitals leeds", none).into_string();
        assert!(html.contains("1 organisation matches “hospitals leeds”."), "{html}");
        let html = render(&some(), "Yorksire", none).into_string();
        assert!(html.contains("1 organisation matches “Yorksire”."), "{html}");
        assert!(html.contains("Mid Yorkshire Teaching NHS Trust"), "a typo forgiven");
        let html = render(&some(), "west yorkshire", none).into_string();
        assert!(
            html.contains(r#"<a href="/organisations/QWO">West Yorkshire ICS</a>"#),
            "an ICS by its name: {html}"
        );
    }
}
