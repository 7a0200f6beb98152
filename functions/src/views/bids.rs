//! Bid pages: an organisation's bids with the form that starts one
//! (`/organisations/{ods}/bids`), and a bid (`/organisations/{ods}/bids/{id}`): while a draft, its
//! form, saved as it is typed (`data-autosave`), with each fund's closing date; once submitted,
//! what it asks.

use super::funding::fields::{choices, pounds, select, shown, submit, textarea};
use super::{Feedback, field_errors};
use crate::app::bids::BidView;
use maud::{Markup, html};
use wgll_shared::bids::{Bid, BidStatus, amount_field, open_for_bids};
use wgll_shared::date::Date;
use wgll_shared::framework;
use wgll_shared::funding::{Fund, Pence};
use wgll_shared::timestamp::Timestamp;

fn purpose_or_untitled(bid: &Bid) -> String {
    let purpose = bid.purpose.lines().next().unwrap_or_default();
    if purpose.is_empty() { "A bid not yet described".to_owned() } else { purpose.to_owned() }
}

pub fn list(ods: &str, name: &str, bids: &[Bid], periods: &[String], feedback: &Feedback) -> Markup {
    html! {
        div class="nhsuk-back-link" data-title={ "Bids for funding – " (name) } {
            a href={ "/organisations/" (ods) } class="nhsuk-back-link__link" { "Back to " (name) }
        }
        span class="nhsuk-caption-l" { (name) }
        h1 { "Bids for funding" }
        p class="nhsuk-lede-text" { "One application for any of the year’s funds: say what it is for, what you ask of each fund, and what it will achieve." }
        (feedback.notice())
        @if bids.is_empty() {
            p class="nhsuk-body" id="no-bids" { "There are no bids yet." }
        } @else {
            table class="nhsuk-table-responsive" id="bids" {
                caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Bids, newest first" }
                thead class="nhsuk-table__head" {
                    tr class="nhsuk-table__row" {
                        th class="nhsuk-table__header" scope="col" { "Bid" }
                        th class="nhsuk-table__header" scope="col" { "Year" }
                        th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" { "Asked" }
                        th class="nhsuk-table__header" scope="col" { "Status" }
                    }
                }
                tbody class="nhsuk-table__body" {
                    @for bid in bids {
                        tr class="nhsuk-table__row" {
                            th class="nhsuk-table__header" scope="row" {
                                a href={ "/organisations/" (ods) "/bids/" (bid.id) } { (purpose_or_untitled(bid)) }
                            }
                            td class="nhsuk-table__cell" { (super::funding::heading("Year")) (bid.period) }
                            td class="nhsuk-table__cell nhsuk-table__cell--numeric" { (super::funding::heading("Asked")) (bid.total()) }
                            td class="nhsuk-table__cell" { (super::funding::heading("Status")) strong class="nhsuk-tag nhsuk-tag--grey" { (bid.status.label()) } }
                        }
                    }
                }
            }
        }
        h2 { "Start a bid" }
        form method="post" action={ "/organisations/" (ods) "/bids" } novalidate {
            @let options: Vec<(String, String)> = periods.iter().map(|period| (period.clone(), period.clone())).collect();
            (select(feedback, "period", "The year the money is for", &options, shown(feedback, "period", periods.first().map_or("", String::as_str))))
            (submit("Start a bid", false))
        }
    }
}

fn closing(fund: &Fund, today: Date) -> String {
    match (fund.closing_date(), open_for_bids(fund, today)) {
        (Some(closes), Ok(())) => format!("Closes on {}", closes.in_words()),
        (_, Err(why)) => why,
        (None, Ok(())) => String::new(),
    }
}

fn pounds_of(amount: Pence) -> String {
    if amount == Pence::ZERO { String::new() } else { amount.to_string().trim_start_matches('£').to_owned() }
}

/// What the autosave says once a draft is saved: when, what was held back, and its new version
/// (`data-version`, which the app puts in the form for the next save).
pub fn saved_status(bid: &Bid, held_back: &[wgll_shared::FieldError]) -> Markup {
    html! {
        span data-version=(bid.version) {
            "Saved at " (time(&bid.updated_at)) "."
            @for error in held_back { " Not saved: " (error.message) "." }
        }
    }
}

fn time(at: &Timestamp) -> String {
    at.to_string().get(11..16).unwrap_or_default().to_owned()
}

pub fn bid(view: &BidView, today: Date, feedback: &Feedback) -> Markup {
    let bid = &view.bid;
    let ods = bid.ods_code.as_str();
    html! {
        div class="nhsuk-back-link" data-title={ "Bid for " (bid.period) " – " (bid.name) } {
            a href={ "/organisations/" (ods) "/bids" } class="nhsuk-back-link__link" { "Bids for funding" }
        }
        span class="nhsuk-caption-l" { (bid.name) ", " (bid.period) }
        h1 { (purpose_or_untitled(bid)) }
        (feedback.notice())
        dl class="nhsuk-summary-list" id="bid-summary" {
            div class="nhsuk-summary-list__row" {
                dt class="nhsuk-summary-list__key" { "Status" }
                dd class="nhsuk-summary-list__value" { (bid.status.label()) @if let Some(at) = &bid.submitted_at { ", on " (at.date().in_words()) } }
            }
            div class="nhsuk-summary-list__row" {
                dt class="nhsuk-summary-list__key" { "Asked in all" }
                dd class="nhsuk-summary-list__value" { (bid.total()) }
            }
        }
        @match bid.status {
            BidStatus::Draft => (form(view, today, feedback)),
            _ => (submitted(view)),
        }
    }
}

fn submitted(view: &BidView) -> Markup {
    let bid = &view.bid;
    let fund_name = |line: &wgll_shared::bids::BidLine| {
        view.funds
            .iter()
            .find(|fund| fund.id() == &line.fund)
            .map_or_else(|| line.fund.to_string(), |fund| fund.name().to_owned())
    };
    html! {
        h2 { "What it is for" }
        p class="nhsuk-body" { (bid.purpose) }
        h2 { "What it asks" }
        ul class="nhsuk-list" id="bid-lines" {
            @for line in &bid.lines { li { (fund_name(line)) ": capital " (line.capital) ", revenue " (line.revenue) } }
        }
        h2 { "The benefits expected" }
        p class="nhsuk-body" { (bid.benefits) }
        @match &bid.decision {
            None => p class="nhsuk-inset-text" { "The review board has not decided it yet." },
            Some(decision) => {
                h2 id="decision" { "The review board’s decision" }
                dl class="nhsuk-summary-list" id="board-decision" {
                    div class="nhsuk-summary-list__row" {
                        dt class="nhsuk-summary-list__key" { "Decision" }
                        dd class="nhsuk-summary-list__value" { (bid.status.label()) " on " (decision.decided_at.date().in_words()) }
                    }
                    @if !decision.approved.is_empty() {
                        div class="nhsuk-summary-list__row" {
                            dt class="nhsuk-summary-list__key" { "Approved" }
                            dd class="nhsuk-summary-list__value" {
                                ul class="nhsuk-list" {
                                    @for line in &decision.approved { li { (fund_name(line)) ": capital " (line.capital) ", revenue " (line.revenue) } }
                                }
                                "In all " (decision.total_approved()) "."
                            }
                        }
                    }
                    @if !decision.reason.is_empty() {
                        div class="nhsuk-summary-list__row" {
                            dt class="nhsuk-summary-list__key" { "Why" }
                            dd class="nhsuk-summary-list__value" { (decision.reason) }
                        }
                    }
                    div class="nhsuk-summary-list__row" {
                        dt class="nhsuk-summary-list__key" { "Scores" }
                        dd class="nhsuk-summary-list__value" {
                            (decision.scores.strategic_fit) " of 5 for strategic fit, " (decision.scores.value_for_money) " of 5 for value for money, "
                            (decision.scores.maturity_need().unwrap_or(wgll_shared::review_board::UNKNOWN_NEED)) " of 5 for maturity need"
                        }
                    }
                }
                @if !decision.approved.is_empty() {
                    p class="nhsuk-body" {
                        a href={ "/organisations/" (bid.ods_code) "/benefits?period=" (bid.period.as_str().replace('/', "%2F")) } { "Record the benefits this funding is to bring, and what it achieves" }
                    }
                }
            }
        }
    }
}

fn form(view: &BidView, today: Date, feedback: &Feedback) -> Markup {
    let bid = &view.bid;
    let ods = bid.ods_code.as_str();
    let action = format!("/organisations/{ods}/bids/{}", bid.id);
    let measures: Vec<(String, String)> = framework::find(framework::CURRENT)
        .map(|framework| {
            framework
                .measures
                .iter()
                .map(|measure| (measure.number.to_string(), measure.title.to_string()))
                .collect()
        })
        .unwrap_or_default();
    let chosen_measures: Vec<String> = bid.measures.iter().map(ToString::to_string).collect();
    let actions: Vec<(String, String)> = view
        .actions
        .iter()
        .map(|action| {
            (
                action.id.to_string(),
                format!("{} (measure {}, {})", action.description, action.measure, action.period),
            )
        })
        .collect();
    let chosen_actions: Vec<String> = bid.actions.iter().map(ToString::to_string).collect();
    html! {
        form method="post" action=(action) data-autosave={ (action) "/draft" } novalidate {
            input type="hidden" name="version" value=(bid.version);
            (textarea(feedback, "purpose", "What is the bid for?", "What you will buy or do, and for whom", shown(feedback, "purpose", &bid.purpose)))
            h2 id="lines" { "What you ask of each fund" }
            (field_errors(&feedback.errors, "lines"))
            @if view.funds.is_empty() {
                p class="nhsuk-body" { "No fund has been opened for " (bid.period) " yet." }
            }
            @for fund in &view.funds {
                @let line = bid.lines.iter().find(|line| &line.fund == fund.id());
                fieldset class="nhsuk-fieldset" {
                    legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s" { (fund.name()) }
                    p class="nhsuk-body-s" { (closing(fund, today)) ". It holds " (fund.total()) "." }
                    div class="app-inline-form" {
                        @for (side, label) in [("capital", "Capital"), ("revenue", "Revenue")] {
                            @let id = amount_field(fund.id().as_str(), side);
                            @let saved = line.map_or_else(String::new, |line| pounds_of(if side == "capital" { line.capital } else { line.revenue }));
                            (pounds(feedback, &id, label, "", shown(feedback, &id, &saved)))
                        }
                    }
                }
            }
            (choices(feedback, "measures", "The success measures it addresses", &measures, &chosen_measures, true))
            @if !actions.is_empty() {
                (choices(feedback, "actions", "The actions from your reviews it addresses", &actions, &chosen_actions, true))
            }
            (textarea(feedback, "benefits", "What benefits do you expect?", "Cash-releasing or not, and how you will know", shown(feedback, "benefits", &bid.benefits)))
            p class="nhsuk-body" { "When it is complete, submit it to the review board: it can no longer be changed after that." }
            // In view while scrolling, as the assessment form's: what was saved, and the button.
            div class="app-form-footer" {
                p class="nhsuk-body-s" role="status" aria-live="polite" data-autosave-status {
                    "Your changes are saved as you type."
                }
                (submit("Submit the bid", false))
            }
        }
    }
}
