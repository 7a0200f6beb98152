//! Tech spend pages: an organisation's year (`/organisations/{ods}/tech-spend?period=…`), beside
//! organisations of its kind and its maturity, with the form that records it; and an ICS's
//! members (`/ics/{ics}/tech-spend?period=…`), where under-investment and low maturity meet.

use super::funding::fields::{pounds, shown};
use super::funding::heading;
use super::{Download, Feedback, downloads, period_chooser};
use crate::app::tech_spend::{IcsSpendRow, IcsTechSpend, TechSpendView};
use maud::{Markup, html};
use wgll_shared::funding::Pence;
use wgll_shared::outcomes::format_level;
use wgll_shared::period::Period;
use wgll_shared::tech_spend::{BENCHMARK_MINIMUM, Quartiles, SpendingCategory, field, format_share};

/// The years a page offers: the five up to this one.
pub fn recent_periods(current: &Period) -> Vec<String> {
    let start = current.start_year();
    (start.saturating_sub(4)..=start).rev().map(|year| Period::starting(year).to_string()).collect()
}

fn per_head(pence: u64) -> String {
    Pence::new(pence).to_string()
}

fn spread(quartiles: &Quartiles, show: fn(u64) -> String) -> String {
    format!(
        "median {}, middle half {} to {} ({} organisations)",
        show(quartiles.median),
        show(quartiles.lower_quartile),
        show(quartiles.upper_quartile),
        quartiles.count
    )
}

fn row(key: &str, value: Markup) -> Markup {
    html! {
        div class="nhsuk-summary-list__row" {
            dt class="nhsuk-summary-list__key" { (key) }
            dd class="nhsuk-summary-list__value" { (value) }
        }
    }
}

pub fn organisation(
    view: &TechSpendView,
    may_record: bool,
    periods: &[String],
    feedback: &Feedback,
) -> Markup {
    let ods = view.organisation.ods_code.as_str();
    let period = view.period.as_str();
    let title = format!("Tech spend {period} – {}", view.organisation.name);
    let kind = view.organisation.kind.label();
    html! {
        div class="nhsuk-back-link" data-title=(title) {
            a href={ "/organisations/" (ods) } class="nhsuk-back-link__link" { "Back to " (view.organisation.name) }
        }
        span class="nhsuk-caption-l" { (view.organisation.name) }
        h1 { "Tech spend, " (period) }
        (period_chooser(&format!("/organisations/{ods}/tech-spend"), "period", period, periods))
        (feedback.notice())
        @match &view.spend {
            None => p class="nhsuk-body" id="no-spend" { "No tech spend has been recorded for " (period) " yet." },
            Some(spend) => {
                dl class="nhsuk-summary-list" id="spend-summary" {
                    (row("Tech spend", html! { (spend.total()) " (capital " (spend.capital()) ", revenue " (spend.revenue()) ")" }))
                    (row("Total budget", html! { (spend.budget) }))
                    (row("Share of budget", html! { (view.share_of_budget.map_or_else(String::new, format_share)) }))
                    (row("Spend per head", match (view.per_head, view.population) {
                        (Some(pence), Some(people)) => html! { (per_head(pence)) " of a weighted population of " (wgll_shared::funding::money::group(u128::from(people))) },
                        _ => html! { "No weighted population is recorded for " (period) },
                    }))
                    (row("Recorded by", html! { (spend.recorded_by) " on " (spend.updated_at.date().in_words()) }))
                }
                table class="nhsuk-table-responsive" id="spend-by-category" {
                    caption class="nhsuk-table__caption" { "By category" }
                    thead class="nhsuk-table__head" {
                        tr class="nhsuk-table__row" {
                            th class="nhsuk-table__header" scope="col" { "Category" }
                            th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" { "Capital" }
                            th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" { "Revenue" }
                        }
                    }
                    tbody class="nhsuk-table__body" {
                        @for line in &spend.lines {
                            tr class="nhsuk-table__row" {
                                th class="nhsuk-table__header" scope="row" { (line.category.label()) }
                                td class="nhsuk-table__cell nhsuk-table__cell--numeric" {
                                    (heading("Capital")) (line.capital)
                                }
                                td class="nhsuk-table__cell nhsuk-table__cell--numeric" {
                                    (heading("Revenue")) (line.revenue)
                                }
                            }
                        }
                        tr class="nhsuk-table__row" id="spend-totals" {
                            th class="nhsuk-table__header" scope="row" { "Total" }
                            td class="nhsuk-table__cell nhsuk-table__cell--numeric" {
                                (heading("Capital")) strong { (spend.capital()) }
                            }
                            td class="nhsuk-table__cell nhsuk-table__cell--numeric" {
                                (heading("Revenue")) strong { (spend.revenue()) }
                            }
                        }
                    }
                }
            }
        }
        h2 { "Beside other " (kind.to_lowercase()) " organisations" }
        @match (&view.benchmark.share_of_budget, &view.benchmark.per_head) {
            (None, _) => p class="nhsuk-body" id="no-benchmark" {
                "Fewer than " (BENCHMARK_MINIMUM) " organisations of this kind have recorded their " (period)
                " tech spend (" (view.benchmark.recorded) " so far), so there is nothing to compare with yet."
            },
            (Some(share), per_head_spread) => ul class="nhsuk-list nhsuk-list--bullet" id="benchmark" {
                li { "Share of budget: " (spread(share, format_share)) "." }
                @if let Some(people) = per_head_spread { li { "Spend per head: " (spread(people, per_head)) "." } }
            },
        }
        @if view.under_invested {
            p class="nhsuk-body" { strong class="nhsuk-tag nhsuk-tag--orange" { "Below the median of its kind" } }
        }
        h2 { "Beside its maturity" }
        @match (view.median_level, &view.levels) {
            (Some(median), Some(levels)) => {
                p class="nhsuk-body" id="maturity" {
                    "Its published peer review for " (period) " agreed a median level of " (format_level(median))
                    " across the measures (" (levels.iter().map(|level| level.map_or("–".to_owned(), |level| level.to_string())).collect::<Vec<_>>().join(", ")) ")."
                }
                @if view.under_invested && median < wgll_shared::tech_spend::LOW_MATURITY_BELOW {
                    div class="nhsuk-warning-callout" id="under-invested-and-low" {
                        h3 class="nhsuk-warning-callout__label" { span role="text" { span class="nhsuk-u-visually-hidden" { "Important: " } "Under-invested and low maturity" } }
                        p { "It spends a smaller share of its budget on tech than most " (kind.to_lowercase()) " organisations, and its maturity is below level 3." }
                    }
                }
            }
            _ => p class="nhsuk-body" id="maturity" { "There is no published peer review for " (period) " to compare with." },
        }
        @if may_record { (form(view, feedback)) }
        @if !view.history.is_empty() {
            h2 { "Saved versions" }
            ul class="nhsuk-list" id="spend-history" {
                @for change in &view.history {
                    li { (change.period) ", version " (change.version) ": " (change.total) " of " (change.budget) ", by " (change.by) " on " (change.at.date().in_words()) }
                }
            }
        }
    }
}

fn form(view: &TechSpendView, feedback: &Feedback) -> Markup {
    let saved = |category: SpendingCategory, side: &str| -> String {
        view.spend
            .as_ref()
            .and_then(|spend| spend.lines.iter().find(|line| line.category == category))
            .map(|line| if side == "capital" { line.capital } else { line.revenue })
            .filter(|amount| *amount != Pence::ZERO)
            .map_or_else(String::new, |amount| amount.to_string().trim_start_matches('£').to_owned())
    };
    let budget = view
        .spend
        .as_ref()
        .map_or_else(String::new, |spend| spend.budget.to_string().trim_start_matches('£').to_owned());
    let version = view.spend.as_ref().map_or(0, |spend| spend.version);
    let ods = view.organisation.ods_code.as_str();
    html! {
        h2 id="record" { "Record the " (view.period) " tech spend" }
        form method="post" action={ "/organisations/" (ods) "/tech-spend" } novalidate {
            input type="hidden" name="period" value=(view.period);
            input type="hidden" name="version" value=(version);
            (pounds(feedback, "budget", "Total budget for the year", "The organisation’s whole budget, not only tech", shown(feedback, "budget", &budget)))
            @for category in SpendingCategory::ICS_FUNDED {
                fieldset class="nhsuk-fieldset" {
                    legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s" { (category.label()) }
                    div class="app-inline-form" {
                        @for (side, label) in [("capital", "Capital"), ("revenue", "Revenue")] {
                            @let id = field(category, side);
                            @let value = saved(category, side);
                            (pounds(feedback, &id, label, "", shown(feedback, &id, &value)))
                        }
                    }
                }
            }
            p class="nhsuk-body-s" role="status" aria-live="polite" data-form-status {}
            button class="nhsuk-button" type="submit" { "Save the tech spend" }
        }
    }
}

fn ics_row(row: &IcsSpendRow) -> Markup {
    let heading =
        |text: &str| html! { span class="nhsuk-table-responsive__heading" aria-hidden="true" { (text) " " } };
    html! {
        tr class="nhsuk-table__row" {
            th class="nhsuk-table__header" scope="row" {
                (heading("Organisation"))
                a href={ "/organisations/" (row.ods_code) "/tech-spend" } { (row.name) } " (" (row.ods_code) ")"
            }
            td class="nhsuk-table__cell nhsuk-table__cell--numeric" { (heading("Tech spend")) (row.total.map_or_else(|| "Not recorded".to_owned(), |total| total.to_string())) }
            td class="nhsuk-table__cell nhsuk-table__cell--numeric" { (heading("Share of budget")) (row.share_of_budget.map_or_else(String::new, format_share)) }
            td class="nhsuk-table__cell nhsuk-table__cell--numeric" { (heading("Median of its kind")) (row.kind_median_share.map_or_else(|| "Too few to compare".to_owned(), format_share)) }
            td class="nhsuk-table__cell nhsuk-table__cell--numeric" { (heading("Per head")) (row.per_head.map_or_else(String::new, per_head)) }
            td class="nhsuk-table__cell nhsuk-table__cell--numeric" { (heading("Median level")) (row.median_level.map_or_else(|| "No published review".to_owned(), format_level)) }
            td class="nhsuk-table__cell" {
                (heading("Where"))
                @if row.under_invested { strong class="nhsuk-tag nhsuk-tag--orange" { "Under-invested" } " " }
                @if row.low_maturity { strong class="nhsuk-tag nhsuk-tag--red" { "Low maturity" } }
            }
        }
    }
}

pub fn ics(view: &IcsTechSpend, periods: &[String]) -> Markup {
    let ics = view.ics_code.as_str();
    let period = view.period.as_str();
    let both: Vec<&IcsSpendRow> = view.rows.iter().filter(|row| row.both()).collect();
    let in_path = period.replace('/', "-");
    let file = |label, path: String, extension: &str| Download {
        label,
        path,
        name: format!("tech-spend-{ics}-{in_path}.{extension}"),
    };
    html! {
        div class="nhsuk-back-link" data-title={ "Tech spend " (period) " – " (view.ics_name) } {
            a href={ "/organisations/" (ics) } class="nhsuk-back-link__link" { "Back to the ICS" }
        }
        span class="nhsuk-caption-l" { (view.ics_name) }
        h1 { "Tech spend, " (period) }
        (super::dashboard::ics_outcome_links(ics))
        (period_chooser(&format!("/ics/{ics}/tech-spend"), "period", period, periods))
        h2 { "Where under-investment and low maturity meet" }
        @if both.is_empty() {
            p class="nhsuk-body" id="both-summary" { "No organisation is both below the median share of budget of its kind and below level 3." }
        } @else {
            p class="nhsuk-body" id="both-summary" {
                (both.len()) " of " (view.rows.len()) " spend a smaller share of their budget on tech than most of their kind and have a median level below 3:"
            }
            ul class="nhsuk-list nhsuk-list--bullet" id="both-list" {
                @for row in &both { li { (row.name) " (" (row.ods_code) ")" } }
            }
        }
        h2 { "Every organisation" }
        table class="nhsuk-table-responsive" id="ics-spend" {
            caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Each organisation’s tech spend beside its kind’s and its maturity" }
            thead class="nhsuk-table__head" {
                tr class="nhsuk-table__row" {
                    th class="nhsuk-table__header" scope="col" { "Organisation" }
                    th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" { "Tech spend" }
                    th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" { "Share of budget" }
                    th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" { "Median of its kind" }
                    th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" { "Per head" }
                    th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" { "Median level" }
                    th class="nhsuk-table__header" scope="col" { "Where" }
                }
            }
            tbody class="nhsuk-table__body" {
                @for row in &view.rows { (ics_row(row)) }
            }
        }
        (downloads(&[
            file("Download CSV", format!("/api/ics/{ics}/tech-spend/{in_path}/export.csv"), "csv"),
            file("Download JSON", format!("/api/ics/{ics}/tech-spend/{in_path}"), "json"),
        ]))
    }
}
