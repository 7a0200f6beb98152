//! A round's progress page (`/rounds/{period}/progress?region=…|ics=…`): each phase's counts and
//! percentages, who to chase (soonest deadline first), and every organisation's status phase by
//! phase, with the CSV and JSON to download.

use super::funding::heading;
use super::rounds::measure_titles;
use super::{Download, downloads};
use maud::{Markup, html};
use wgll_shared::framework;
use wgll_shared::regions::Region;
use wgll_shared::round_progress::{Chase, PhaseProgress, PhaseStatus, ProgressScope, RoundProgress};

/// The scopes the person may choose between (besides an ICS, reached from its row).
pub struct Choices {
    pub country: bool,
    pub regions: Vec<Region>,
}

fn tag(status: PhaseStatus) -> &'static str {
    match status {
        PhaseStatus::NotStarted => "nhsuk-tag nhsuk-tag--grey",
        PhaseStatus::InProgress => "nhsuk-tag nhsuk-tag--blue",
        PhaseStatus::Submitted => "nhsuk-tag nhsuk-tag--purple",
        PhaseStatus::Validated => "nhsuk-tag nhsuk-tag--aqua-green",
        PhaseStatus::Published => "nhsuk-tag nhsuk-tag--green",
    }
}

fn status(progress: PhaseProgress) -> Markup {
    html! {
        strong class=(tag(progress.status)) { (progress.status.label()) }
        @if progress.late {
            " " strong class="nhsuk-tag nhsuk-tag--red" { "Late" }
        }
    }
}

/// `region=…` or `ics=…` for the page's own links and downloads.
pub fn scope_query(scope: &ProgressScope) -> String {
    match scope {
        ProgressScope::Country => "region=england".to_owned(),
        ProgressScope::Region(region) => format!("region={}", region.code()),
        ProgressScope::Ics(ics) => format!("ics={ics}"),
    }
}

pub fn render(progress: &RoundProgress, scope: &ProgressScope, choices: &Choices) -> Markup {
    let period = progress.period.as_str();
    let in_path = period.replace('/', "-");
    let page = format!("/rounds/{in_path}/progress");
    let query = scope_query(scope);
    let file_base = format!("round-progress-{in_path}-{}", query.split('=').nth(1).unwrap_or("all"));
    let file = |label, extension: &str| Download {
        label,
        path: match extension {
            "csv" => format!("/api/rounds/{in_path}/progress.csv?{query}"),
            _ => format!("/api/rounds/{in_path}/progress?{query}"),
        },
        name: format!("{file_base}.{extension}"),
    };
    let title = format!("Progress of the {period} round – {}", progress.scope);
    html! {
        div class="nhsuk-back-link" data-title=(title) {
            a href="/rounds" class="nhsuk-back-link__link" { "Assessment rounds" }
        }
        span class="nhsuk-caption-l" { "The " (period) " round" }
        h1 { "Progress: " (progress.scope) }
        @if choices.country || choices.regions.len() > 1 {
            form class="app-inline-form" method="get" action=(page) {
                div class="nhsuk-form-group" {
                    label class="nhsuk-label" for="region" { "Show progress for" }
                    select class="nhsuk-select" id="region" name="region" {
                        @if choices.country {
                            option value="england" selected[*scope == ProgressScope::Country] { "England" }
                        }
                        @for region in &choices.regions {
                            option value=(region.code()) selected[*scope == ProgressScope::Region(*region)] { (region.label()) }
                        }
                    }
                }
                button class="nhsuk-button nhsuk-button--secondary" type="submit" { "Show" }
            }
        }
        p class="nhsuk-body" id="progress-summary" {
            (progress.organisations.len()) " organisations, as of " (progress.today.in_words()) "."
        }
        h2 { "Each phase" }
        (phases(progress))
        h2 id="chase" { "Who to chase" }
        (chase(progress))
        h2 { "Every organisation" }
        (organisations(progress, scope, &page))
        (downloads(&[file("Download CSV", "csv"), file("Download JSON", "json")]))
    }
}

fn phases(progress: &RoundProgress) -> Markup {
    html! {
        table class="nhsuk-table-responsive" id="phase-counts" {
            caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Organisations by status in each phase" }
            thead class="nhsuk-table__head" {
                tr class="nhsuk-table__row" {
                    th class="nhsuk-table__header" scope="col" { "Phase" }
                    @for status in PhaseStatus::ALL {
                        th class="nhsuk-table__header" scope="col" { (status.label()) }
                    }
                    th class="nhsuk-table__header" scope="col" { "Late" }
                }
            }
            tbody class="nhsuk-table__body" {
                @for phase in &progress.phases {
                    tr class="nhsuk-table__row" {
                        td class="nhsuk-table__cell" {
                            (heading("Phase"))
                            (phase.name)
                            br;
                            span class="nhsuk-body-s" { (phase.opens.in_words()) " to " (phase.closes.in_words()) }
                        }
                        @for count in &phase.counts {
                            td class="nhsuk-table__cell" {
                                (heading(count.status.label()))
                                (count.count) " (" (count.percent) "%)"
                            }
                        }
                        td class="nhsuk-table__cell" { (heading("Late")) (phase.late) " (" (phase.late_percent) "%)" }
                    }
                }
            }
        }
    }
}

fn chase_row(chase: &Chase) -> Markup {
    let titles = measure_titles(framework::find(framework::CURRENT), &chase.measures);
    html! {
        tr class="nhsuk-table__row" {
            td class="nhsuk-table__cell" {
                (heading("Organisation"))
                @match &chase.review_id {
                    Some(id) => a href={ "/reviews/" (id) } { (chase.name) },
                    None => a href={ "/organisations/" (chase.ods_code) } { (chase.name) },
                }
            }
            td class="nhsuk-table__cell" { (heading("Phase")) (chase.phase) }
            td class="nhsuk-table__cell" {
                (heading("Due"))
                (chase.closes.in_words())
                @if chase.overdue { " " strong class="nhsuk-tag nhsuk-tag--red" { "Overdue" } }
            }
            td class="nhsuk-table__cell" { (heading("Not completed")) (titles) }
            td class="nhsuk-table__cell" {
                (heading("Who"))
                @if chase.reviewers.is_empty() {
                    "The organisation’s leads: no peer review has been started"
                } @else {
                    ul class="nhsuk-list" {
                        @for (index, reviewer) in chase.reviewers.iter().enumerate() {
                            li {
                                a href={ "mailto:" (reviewer) } { (reviewer) }
                                @if index == 0 { " (lead)" }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn chase(progress: &RoundProgress) -> Markup {
    html! {
        @if progress.chase.is_empty() {
            p class="nhsuk-body" id="nobody-to-chase" { "Nobody to chase: every phase that has opened is completed or past its reviewers." }
        } @else {
            table class="nhsuk-table-responsive" id="chase-list" {
                caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Peer reviews behind in a phase that has opened, soonest deadline first" }
                thead class="nhsuk-table__head" {
                    tr class="nhsuk-table__row" {
                        th class="nhsuk-table__header" scope="col" { "Organisation" }
                        th class="nhsuk-table__header" scope="col" { "Phase" }
                        th class="nhsuk-table__header" scope="col" { "Due" }
                        th class="nhsuk-table__header" scope="col" { "Not completed" }
                        th class="nhsuk-table__header" scope="col" { "Who" }
                    }
                }
                tbody class="nhsuk-table__body" {
                    @for entry in &progress.chase { (chase_row(entry)) }
                }
            }
        }
    }
}

fn organisations(progress: &RoundProgress, scope: &ProgressScope, page: &str) -> Markup {
    let by_ics = !matches!(scope, ProgressScope::Ics(_));
    html! {
        table class="nhsuk-table-responsive" id="organisation-progress" {
            caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Each organisation’s peer review, phase by phase" }
            thead class="nhsuk-table__head" {
                tr class="nhsuk-table__row" {
                    th class="nhsuk-table__header" scope="col" { "Organisation" }
                    @if by_ics { th class="nhsuk-table__header" scope="col" { "ICS" } }
                    @for phase in &progress.phases {
                        th class="nhsuk-table__header" scope="col" { (phase.name) }
                    }
                }
            }
            tbody class="nhsuk-table__body" {
                @for row in &progress.organisations {
                    tr class="nhsuk-table__row" {
                        th class="nhsuk-table__header" scope="row" {
                            (heading("Organisation"))
                            a href={ "/organisations/" (row.ods_code) } { (row.name) }
                            " (" (row.ods_code) ")"
                        }
                        @if by_ics {
                            td class="nhsuk-table__cell" {
                                (heading("ICS"))
                                a href={ (page) "?ics=" (row.ics_code) } { (row.ics_code) }
                            }
                        }
                        @for (phase, progress) in progress.phases.iter().zip(&row.phases) {
                            td class="nhsuk-table__cell" { (heading(&phase.name)) (status(*progress)) }
                        }
                    }
                }
            }
        }
    }
}
