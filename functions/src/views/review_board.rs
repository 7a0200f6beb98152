//! The review board's pages, for administrators: a month's bids per fund
//! (`/review-board?period=…&month=…`), one bid with the form that scores and decides it
//! (`/review-board/{ods}/{id}`), and where the year's approvals went (`/review-board/fairness`).

use super::funding::fields::{choices, pounds, shown, submit, textarea};
use super::funding::{heading, query, year_chooser};
use super::{Download, Feedback, downloads, field_errors};
use crate::app::review_board::{BidBeforeBoard, Board, BoardBid};
use maud::{Markup, html};
use wgll_shared::bids::{Bid, BidLine, BidStatus, amount_field};
use wgll_shared::funding::{Fund, Pence};
use wgll_shared::period::Period;
use wgll_shared::review_board::fairness::{Fairness, FairnessRow};
use wgll_shared::review_board::{Approved, Outcome, SCORE_MAX, Scores, UNKNOWN_NEED};

fn tag(status: BidStatus) -> Markup {
    let colour = match status {
        BidStatus::Approved => "green",
        BidStatus::PartlyApproved => "aqua-green",
        BidStatus::Declined => "red",
        BidStatus::Submitted => "blue",
        BidStatus::Draft => "grey",
    };
    html! { strong class={ "nhsuk-tag nhsuk-tag--" (colour) } { (status.label()) } }
}

fn title(bid: &Bid) -> String {
    let first = bid.purpose.lines().next().unwrap_or_default();
    if first.is_empty() { "A bid not described".to_owned() } else { first.to_owned() }
}

fn decision_link(bid: &Bid) -> String {
    format!("/review-board/{}/{}", bid.ods_code, bid.id)
}

/// The applicant's maturity in words, and the need it scores.
fn maturity(level: Option<u8>) -> String {
    match level {
        Some(level) => format!("Level {level} (need {} of {SCORE_MAX})", SCORE_MAX + 1 - level),
        None => format!("No published review (need counts as {UNKNOWN_NEED})"),
    }
}

fn left(fund: &Fund, approved: Approved) -> String {
    let capital = fund.capital().checked_sub(approved.capital).unwrap_or(Pence::ZERO);
    let revenue = fund.revenue().checked_sub(approved.revenue).unwrap_or(Pence::ZERO);
    format!("{capital} capital and {revenue} revenue left of {}", fund.total())
}

fn month_in_words(month: &str) -> String {
    wgll_shared::date::Date::parse(&format!("{month}-01"))
        .map(|date| date.in_words().split_once(' ').map_or(month.to_owned(), |(_, rest)| rest.to_owned()))
        .unwrap_or_else(|| month.to_owned())
}

pub fn board(board: &Board) -> Markup {
    let period = &board.period;
    let base = format!("/review-board?period={}", query(period));
    let by_id = |id: &wgll_shared::ids::BidId| board.bids.iter().find(|each| &each.bid.id == id);
    html! {
        div class="nhsuk-back-link" data-title={ "Review board, " (month_in_words(&board.month)) " – " (period) } {
            a href={ "/funding?period=" (query(period)) } class="nhsuk-back-link__link" { "Funding for " (period) }
        }
        span class="nhsuk-caption-l" { "Review board, " (period) }
        h1 { "Bids submitted in " (month_in_words(&board.month)) }
        p class="nhsuk-lede-text" {
            "Score each bid for strategic fit and value for money, 1 to " (SCORE_MAX) "; the applicant’s maturity need comes from its published peer review. Approve it in full or in part, or decline it with a reason the applicant will see."
        }
        (year_chooser("/review-board", period))
        nav class="app-month-chooser" aria-labelledby="months-heading" {
            h2 class="nhsuk-heading-s" id="months-heading" { "Months with bids" }
            ul class="nhsuk-list app-inline-list" {
                @for month in &board.months {
                    li {
                        @if month == &board.month { strong aria-current="page" { (month_in_words(month)) } }
                        @else { a href={ (base) "&month=" (month) } { (month_in_words(month)) } }
                    }
                }
            }
        }
        @for (month, count) in &board.waiting_earlier {
            div class="nhsuk-inset-text" {
                p { (count) @if *count == 1 { " bid" } @else { " bids" } " from " a href={ (base) "&month=" (month) } { (month_in_words(month)) } " still waiting for a decision." }
            }
        }
        @let path = period.as_str().replace('/', "-");
        (downloads(&[
            Download { label: "Download as CSV", path: format!("/api/funding/{path}/board.csv?month={}", board.month), name: format!("review-board-{}.csv", board.month) },
            Download { label: "Download as JSON", path: format!("/api/funding/{path}/board?month={}", board.month), name: format!("review-board-{}.json", board.month) },
        ]))
        p { a href={ "/review-board/fairness?period=" (query(period)) } { "Where the year’s approvals went: by ICS, region and maturity" } }
        @if board.bids.is_empty() {
            p class="nhsuk-body" id="no-board-bids" { "No bids were submitted in " (month_in_words(&board.month)) "." }
        }
        @for fund in board.funds.iter().filter(|fund| !fund.bids.is_empty()) {
            h2 { (fund.fund.name()) }
            p class="nhsuk-body-s" { "Holds " (fund.fund.capital()) " capital and " (fund.fund.revenue()) " revenue: " (left(&fund.fund, fund.approved)) "." }
            table class="nhsuk-table-responsive" data-fund=(fund.fund.id()) {
                caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Bids asking of " (fund.fund.name()) }
                thead class="nhsuk-table__head" {
                    tr class="nhsuk-table__row" {
                        th class="nhsuk-table__header" scope="col" { "Applicant and bid" }
                        th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" { "Asked of this fund" }
                        th class="nhsuk-table__header" scope="col" { "Maturity" }
                        th class="nhsuk-table__header" scope="col" { "Status" }
                    }
                }
                tbody class="nhsuk-table__body" {
                    @for each in fund.bids.iter().filter_map(&by_id) {
                        @let line = each.bid.lines.iter().find(|line| &line.fund == fund.fund.id());
                        (board_row(each, line))
                    }
                }
            }
        }
    }
}

fn board_row(each: &BoardBid, line: Option<&BidLine>) -> Markup {
    let bid = &each.bid;
    html! {
        tr class="nhsuk-table__row" {
            th class="nhsuk-table__header" scope="row" {
                (heading("Applicant and bid"))
                (bid.name) " (" (bid.ods_code) "): " a href=(decision_link(bid)) { (title(bid)) }
            }
            td class="nhsuk-table__cell nhsuk-table__cell--numeric" {
                (heading("Asked of this fund"))
                @if let Some(line) = line { (line.capital) " capital, " (line.revenue) " revenue" }
            }
            td class="nhsuk-table__cell" { (heading("Maturity")) (maturity(each.maturity)) }
            td class="nhsuk-table__cell" {
                (heading("Status")) (tag(bid.status))
                @if let Some(decision) = &bid.decision { " scored " (decision.scores.total()) " of 15" }
            }
        }
    }
}

fn fund_name(funds: &[(Fund, Approved)], line: &BidLine) -> String {
    funds
        .iter()
        .find(|(fund, _)| fund.id() == &line.fund)
        .map_or_else(|| line.fund.to_string(), |(fund, _)| fund.name().to_owned())
}

fn pounds_of(amount: Pence) -> String {
    if amount == Pence::ZERO { String::new() } else { amount.to_string().trim_start_matches('£').to_owned() }
}

fn scores(scores: &Scores) -> Markup {
    html! {
        (scores.strategic_fit) " for strategic fit, " (scores.value_for_money) " for value for money, "
        (scores.maturity_need().unwrap_or(UNKNOWN_NEED)) " for maturity need: " (scores.total()) " of 15"
    }
}

pub fn bid(view: &BidBeforeBoard, feedback: &Feedback) -> Markup {
    let bid = &view.bid.bid;
    let period = &bid.period;
    html! {
        div class="nhsuk-back-link" data-title={ "Decide a bid – " (bid.name) } {
            a href={ "/review-board?period=" (query(period)) "&month=" (crate::store::bids::board_month(bid).unwrap_or_default()) } class="nhsuk-back-link__link" { "Review board" }
        }
        span class="nhsuk-caption-l" { (bid.name) " (" (bid.ods_code) "), " (period) }
        h1 { (title(bid)) }
        (feedback.notice())
        dl class="nhsuk-summary-list" id="bid-summary" {
            div class="nhsuk-summary-list__row" {
                dt class="nhsuk-summary-list__key" { "Status" }
                dd class="nhsuk-summary-list__value" { (tag(bid.status)) }
            }
            div class="nhsuk-summary-list__row" {
                dt class="nhsuk-summary-list__key" { "Submitted" }
                dd class="nhsuk-summary-list__value" { @if let Some(at) = &bid.submitted_at { (at.date().in_words()) } }
            }
            div class="nhsuk-summary-list__row" {
                dt class="nhsuk-summary-list__key" { "Maturity where it aims" }
                dd class="nhsuk-summary-list__value" { (maturity(view.bid.maturity)) }
            }
            div class="nhsuk-summary-list__row" {
                dt class="nhsuk-summary-list__key" { "Success measures" }
                dd class="nhsuk-summary-list__value" {
                    @if bid.measures.is_empty() { "None named" }
                    @else { (bid.measures.iter().map(ToString::to_string).collect::<Vec<_>>().join(", ")) }
                }
            }
        }
        h2 { "What it is for" }
        p class="nhsuk-body" { (bid.purpose) }
        h2 { "The benefits expected" }
        p class="nhsuk-body" { (bid.benefits) }
        h2 { "What it asks" }
        ul class="nhsuk-list" id="asked" {
            @for line in &bid.lines { li { (fund_name(&view.funds, line)) ": " (line.capital) " capital, " (line.revenue) " revenue" } }
        }
        p class="nhsuk-body" { "In all " (bid.total()) "." }
        @match &bid.decision {
            Some(decision) => {
                h2 { "The board’s decision" }
                dl class="nhsuk-summary-list" id="decision" {
                    div class="nhsuk-summary-list__row" { dt class="nhsuk-summary-list__key" { "Decision" } dd class="nhsuk-summary-list__value" { (decision.outcome.label()) ", " (decision.total_approved()) } }
                    div class="nhsuk-summary-list__row" { dt class="nhsuk-summary-list__key" { "Scores" } dd class="nhsuk-summary-list__value" { (scores(&decision.scores)) } }
                    @if !decision.reason.is_empty() {
                        div class="nhsuk-summary-list__row" { dt class="nhsuk-summary-list__key" { "Reason" } dd class="nhsuk-summary-list__value" { (decision.reason) } }
                    }
                    div class="nhsuk-summary-list__row" { dt class="nhsuk-summary-list__key" { "Decided" } dd class="nhsuk-summary-list__value" { "By " (decision.decided_by) " on " (decision.decided_at.date().in_words()) } }
                }
            }
            None => (decision_form(view, feedback)),
        }
    }
}

fn decision_form(view: &BidBeforeBoard, feedback: &Feedback) -> Markup {
    let bid = &view.bid.bid;
    let score_options: Vec<(String, String)> =
        (1..=SCORE_MAX).map(|score| (score.to_string(), score.to_string())).collect();
    let outcomes: Vec<(String, String)> =
        Outcome::ALL.iter().map(|outcome| (outcome.code().to_owned(), outcome.label().to_owned())).collect();
    let typed = |name: &str| -> Vec<String> {
        let value = feedback.typed(name);
        if value.is_empty() { Vec::new() } else { vec![value.to_owned()] }
    };
    html! {
        h2 id="decide" { "Decide" }
        form method="post" action=(decision_link(bid)) novalidate {
            input type="hidden" name="version" value=(bid.version);
            (choices(feedback, "strategicFit", "Strategic fit: how well it serves the WGLL success measures and the system’s plan", &score_options, &typed("strategicFit"), false))
            (choices(feedback, "valueForMoney", "Value for money: the benefits for what it costs", &score_options, &typed("valueForMoney"), false))
            (choices(feedback, "outcome", "Decision", &outcomes, &typed("outcome"), false))
            h3 id="approved" { "If approving in part: what each fund gives" }
            (field_errors(&feedback.errors, "approved"))
            @for line in &bid.lines {
                @let (fund, approved) = view.funds.iter().find(|(fund, _)| fund.id() == &line.fund).map_or((None, Approved::default()), |(fund, approved)| (Some(fund), *approved));
                fieldset class="nhsuk-fieldset" {
                    legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s" { (fund_name(&view.funds, line)) }
                    p class="nhsuk-body-s" {
                        "Asked " (line.capital) " capital and " (line.revenue) " revenue."
                        @if let Some(fund) = fund { " " (left(fund, approved)) "." }
                    }
                    div class="app-inline-form" {
                        @for (side, label, asked) in [("capital", "Capital", line.capital), ("revenue", "Revenue", line.revenue)] {
                            @let id = amount_field(line.fund.as_str(), side);
                            (pounds(feedback, &id, label, "", shown(feedback, &id, &pounds_of(asked))))
                        }
                    }
                }
            }
            (textarea(feedback, "reason", "Reason", "Needed when approving in part or declining: the applicant sees it", shown(feedback, "reason", "")))
            (submit("Record the decision", false))
        }
    }
}

fn fairness_table(id: &str, caption: &str, rows: &[FairnessRow], total: &FairnessRow) -> Markup {
    let percent = |basis_points: u32| format!("{}.{:02}%", basis_points / 100, basis_points % 100);
    html! {
        table class="nhsuk-table-responsive" id=(id) {
            caption class="nhsuk-table__caption" { (caption) }
            thead class="nhsuk-table__head" {
                tr class="nhsuk-table__row" {
                    th class="nhsuk-table__header" scope="col" { "Group" }
                    th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" { "Decided" }
                    th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" { "Approved" }
                    th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" { "Asked" }
                    th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" { "Given" }
                    th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" { "Share of all given" }
                    th class="nhsuk-table__header nhsuk-table__header--numeric" scope="col" { "Given of asked" }
                }
            }
            tbody class="nhsuk-table__body" {
                @for row in rows.iter().chain(std::iter::once(total)) {
                    tr class="nhsuk-table__row" {
                        th class="nhsuk-table__header" scope="row" { (heading("Group")) (row.label) }
                        td class="nhsuk-table__cell nhsuk-table__cell--numeric" { (heading("Decided")) (row.decided) }
                        td class="nhsuk-table__cell nhsuk-table__cell--numeric" { (heading("Approved")) (row.approved) }
                        td class="nhsuk-table__cell nhsuk-table__cell--numeric" { (heading("Asked")) (row.asked) }
                        td class="nhsuk-table__cell nhsuk-table__cell--numeric" { (heading("Given")) (row.given) }
                        td class="nhsuk-table__cell nhsuk-table__cell--numeric" { (heading("Share of all given")) (percent(row.share_of_given)) }
                        td class="nhsuk-table__cell nhsuk-table__cell--numeric" { (heading("Given of asked")) (percent(row.given_of_asked)) }
                    }
                }
            }
        }
    }
}

pub fn fairness(fairness: &Fairness) -> Markup {
    let period: &Period = &fairness.period;
    let path = period.as_str().replace('/', "-");
    html! {
        div class="nhsuk-back-link" data-title={ "Where approvals went – " (period) } {
            a href={ "/review-board?period=" (query(period)) } class="nhsuk-back-link__link" { "Review board" }
        }
        span class="nhsuk-caption-l" { "Review board, " (period) }
        h1 { "Where the year’s approvals went" }
        p class="nhsuk-lede-text" { "Every decided bid of " (period) ", by ICS, by region and by the applicant’s maturity when it was decided, so that fairness can be checked." }
        (year_chooser("/review-board/fairness", period))
        (downloads(&[
            Download { label: "Download as CSV", path: format!("/api/funding/{path}/fairness.csv"), name: format!("approvals-{path}.csv") },
            Download { label: "Download as JSON", path: format!("/api/funding/{path}/fairness"), name: format!("approvals-{path}.json") },
        ]))
        @if fairness.total.decided == 0 {
            p class="nhsuk-body" id="nothing-decided" { "The board has decided no bids for " (period) " yet." }
        } @else {
            (fairness_table("by-ics", "By ICS", &fairness.by_ics, &fairness.total))
            (fairness_table("by-region", "By region", &fairness.by_region, &fairness.total))
            (fairness_table("by-maturity", "By the applicant’s maturity", &fairness.by_maturity, &fairness.total))
        }
    }
}
