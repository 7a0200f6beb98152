//! One application for many funds (seed 001's Unified Tech Fund: "a single entry point for
//! applications"; "each fund has a closing date that applicants must be aware of"). An
//! organisation or ICS writes one bid: what it is for, the amount it asks of each fund (capital
//! and revenue), the success measures and the actions from its reviews it addresses (linked, not
//! retyped), and the benefits it expects. A draft is saved as it is typed, each field that passes
//! its check replacing the saved one and each that does not held back and said why, as an
//! assessment is; a fund past its closing date takes no new bid and no change to its amounts.

use crate::date::Date;
use crate::funding::{Fund, FundId, Pence};
use crate::ids::{ActionId, BidId};
use crate::organisation::{OdsCode, OrganisationKind};
use crate::period::Period;
use crate::timestamp::Timestamp;
use crate::validation::{self, Errors, FieldError};
use serde::{Deserialize, Serialize};

/// The longest purpose or statement of benefits, in characters.
pub const TEXT_MAX: usize = 5_000;
/// The most funds one bid asks of. The board's decision writes two items per fund in one
/// transaction (at most 100), so this bound keeps every decision within it.
pub const MAX_LINES: usize = 20;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum BidStatus {
    Draft,
    /// With the review board.
    Submitted,
    Approved,
    PartlyApproved,
    Declined,
}

impl BidStatus {
    pub fn label(self) -> &'static str {
        match self {
            BidStatus::Draft => "Draft",
            BidStatus::Submitted => "Submitted",
            BidStatus::Approved => "Approved",
            BidStatus::PartlyApproved => "Approved in part",
            BidStatus::Declined => "Declined",
        }
    }

    /// Whether the board has decided it.
    pub fn decided(self) -> bool {
        matches!(self, BidStatus::Approved | BidStatus::PartlyApproved | BidStatus::Declined)
    }
}

/// What a bid asks of one fund.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BidLine {
    pub fund: FundId,
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub capital: Pence,
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub revenue: Pence,
}

/// A bid, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Bid {
    pub id: BidId,
    /// The organisation or ICS applying.
    pub ods_code: OdsCode,
    pub name: String,
    pub kind: OrganisationKind,
    pub ics_code: OdsCode,
    /// The applicant's NHS England region (its ICS's), for the board's fairness view.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<crate::regions::Region>,
    pub period: Period,
    pub purpose: String,
    /// One per fund applied to, in the order chosen.
    pub lines: Vec<BidLine>,
    /// The success measures it addresses.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::framework::MeasureNumber>))]
    pub measures: Vec<u8>,
    /// The applicant's actions (each a review's gap) it addresses.
    pub actions: Vec<ActionId>,
    pub benefits: String,
    pub status: BidStatus,
    pub version: u64,
    pub created_by: String,
    pub updated_by: String,
    pub created_at: Timestamp,
    pub updated_at: Timestamp,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub submitted_at: Option<Timestamp>,
    /// The review board's decision, once made.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decision: Option<crate::review_board::Decision>,
}

impl Bid {
    /// Everything asked, capital and revenue, of every fund.
    pub fn total(&self) -> Pence {
        lines_total(&self.lines)
    }
}

/// Capital and revenue of every line (amounts are checked on entry, so the sum cannot overflow
/// in practice; it saturates rather than wraps if it ever did).
pub fn lines_total(lines: &[BidLine]) -> Pence {
    Pence::new(
        lines.iter().fold(0u64, |sum, line| {
            sum.saturating_add(line.capital.get()).saturating_add(line.revenue.get())
        }),
    )
}

/// A bid's line as typed.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BidLineUpdate {
    #[cfg_attr(feature = "openapi", schema(value_type = FundId))]
    pub fund: String,
    /// Pounds; blank for none.
    #[serde(default)]
    pub capital: String,
    /// Pounds; blank for none.
    #[serde(default)]
    pub revenue: String,
}

/// A save of a draft bid, as typed (the form's fields, or JSON).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct BidUpdate {
    #[serde(default)]
    pub purpose: String,
    /// A line per fund applied to; one with both amounts blank is left out.
    #[serde(default)]
    pub lines: Vec<BidLineUpdate>,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::framework::MeasureNumber>))]
    pub measures: Vec<u8>,
    /// Ids of the applicant's actions.
    #[serde(default)]
    pub actions: Vec<String>,
    #[serde(default)]
    pub benefits: String,
    /// The version read.
    pub version: u64,
}

/// What a save of a draft needs to know besides what was typed.
pub struct Context<'a> {
    /// The year's funds.
    pub funds: &'a [Fund],
    /// The applicant's actions.
    pub actions: &'a [ActionId],
    pub today: Date,
}

/// Whether `fund` takes bids on `today`, or why not.
pub fn open_for_bids(fund: &Fund, today: Date) -> Result<(), String> {
    match fund.closing_date() {
        None => Err(format!("{} is allocated to ICSs, not bid for", fund.name())),
        Some(closes) if today > closes => Err(format!(
            "{} closed on {}: it takes no new bids and no changes",
            fund.name(),
            closes.in_words()
        )),
        Some(_) => Ok(()),
    }
}

/// The form's field for one side of a fund's line: `amount-frontline-digitisation-capital`.
pub fn amount_field(fund: &str, side: &str) -> String {
    format!("amount-{fund}-{side}")
}

fn amount(typed: &str) -> Result<Pence, String> {
    if typed.trim().is_empty() { Ok(Pence::ZERO) } else { Pence::parse_pounds(typed) }
}

impl BidUpdate {
    /// `saved` with every field of this update that passes its check, and the errors of those
    /// that do not (each keeps its saved value). Lines are checked one by one: a line of a
    /// closed fund cannot be added or changed, only taken out.
    pub fn apply(&self, saved: &Bid, context: &Context) -> (Bid, Vec<FieldError>) {
        let mut errors = Errors::default();
        let mut bid = saved.clone();
        if let Some(purpose) =
            errors.check("purpose", validation::text(&self.purpose, "what the bid is for", false, TEXT_MAX))
        {
            bid.purpose = purpose;
        }
        if let Some(benefits) =
            errors.check("benefits", validation::text(&self.benefits, "the benefits", false, TEXT_MAX))
        {
            bid.benefits = benefits;
        }
        match self.measures.iter().find(|measure| !(1..=7).contains(*measure)) {
            Some(measure) => errors.add("measures", format!("There is no success measure {measure}")),
            None => {
                let mut measures = self.measures.clone();
                measures.sort_unstable();
                measures.dedup();
                bid.measures = measures;
            }
        }
        let actions: Result<Vec<ActionId>, String> = self
            .actions
            .iter()
            .map(|typed| match ActionId::parse(typed) {
                Ok(id) if context.actions.contains(&id) => Ok(id),
                _ => Err(format!("“{typed}” is not one of {}’s actions", saved.name)),
            })
            .collect();
        match actions {
            Ok(actions) => bid.actions = actions,
            Err(message) => errors.add("actions", message),
        }
        bid.lines = self.lines(saved, context, &mut errors);
        (bid, errors.into_vec())
    }

    fn lines(&self, saved: &Bid, context: &Context, errors: &mut Errors) -> Vec<BidLine> {
        let saved_line = |fund: &FundId| saved.lines.iter().find(|line| &line.fund == fund);
        let mut lines: Vec<BidLine> = Vec::new();
        for typed in &self.lines {
            let Some(fund) = context.funds.iter().find(|fund| fund.id().as_str() == typed.fund.trim()) else {
                errors.add("lines", format!("There is no fund “{}” for {}", typed.fund, saved.period));
                continue;
            };
            if lines.iter().any(|line| &line.fund == fund.id()) {
                errors.add("lines", format!("{} is named twice", fund.name()));
                continue;
            }
            if lines.len() == MAX_LINES {
                errors.add(
                    "lines",
                    format!("A bid asks of at most {MAX_LINES} funds: make another bid for the rest"),
                );
                break;
            }
            let (capital_field, revenue_field) =
                (amount_field(fund.id().as_str(), "capital"), amount_field(fund.id().as_str(), "revenue"));
            let before = saved_line(fund.id());
            let capital = errors.check(&capital_field, amount(&typed.capital));
            let revenue = errors.check(&revenue_field, amount(&typed.revenue));
            let line = BidLine {
                fund: fund.id().clone(),
                capital: capital.unwrap_or_else(|| before.map_or(Pence::ZERO, |line| line.capital)),
                revenue: revenue.unwrap_or_else(|| before.map_or(Pence::ZERO, |line| line.revenue)),
            };
            let unchanged = before == Some(&line);
            let empty = line.capital == Pence::ZERO && line.revenue == Pence::ZERO;
            match open_for_bids(fund, context.today) {
                Err(message) if !unchanged && !empty => {
                    errors.add(&capital_field, message);
                    // Held back: the line as it was, if it was there.
                    lines.extend(before.cloned());
                }
                _ if empty => {}
                _ => lines.push(line),
            }
        }
        lines
    }
}

/// What submitting needs: what it is for, at least one amount, every fund still open, the
/// benefits expected. Every gap at once.
pub fn ready_to_submit(bid: &Bid, funds: &[Fund], today: Date) -> Result<(), Vec<FieldError>> {
    let mut errors = Errors::default();
    if bid.purpose.trim().is_empty() {
        errors.add("purpose", "Say what the bid is for");
    }
    if bid.lines.is_empty() {
        errors.add("lines", "Choose at least one fund and the amount you ask of it");
    }
    for line in &bid.lines {
        let open = funds.iter().find(|fund| fund.id() == &line.fund).map_or_else(
            || Err(format!("There is no fund “{}” any more", line.fund)),
            |fund| open_for_bids(fund, today),
        );
        if let Err(message) = open {
            errors.add(
                &amount_field(line.fund.as_str(), "capital"),
                format!("{message}: take it out of the bid to submit the rest"),
            );
        }
    }
    if bid.benefits.trim().is_empty() {
        errors.add("benefits", "Say what benefits you expect");
    }
    if errors.is_empty() { Ok(()) } else { Err(errors.into_vec()) }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funding::NewFund;

    fn fund(id: &str, name: &str, closing: &str) -> Fund {
        NewFund {
            id: id.to_owned(),
            name: name.to_owned(),
            period: "2025/26".to_owned(),
            total: Pence::new(1_000_000),
            capital: Pence::new(600_000),
            revenue: Pence::new(400_000),
            closing_date: closing.to_owned(),
            principle: crate::funding::Principle::StrategicInvestment,
            measures: vec![2],
            category: crate::funding::SpendingCategory::LocalCybersecurity,
        }
        .validate()
        .expect("a fund")
    }

    fn funds() -> Vec<Fund> {
        vec![
            fund("frontline", "Frontline digitisation", "2026-01-31"),
            fund("cyber", "Cyber security infrastructure", "2025-12-23"),
            fund("envelopes", "ICS envelopes", ""),
        ]
    }

    fn draft() -> Bid {
        let at = crate::test_support::moment();
        Bid {
            id: BidId::from_uuid_bytes([7; 16]),
            ods_code: OdsCode::parse("RR8").unwrap(),
            name: "Leeds".to_owned(),
            kind: OrganisationKind::AcuteTrust,
            ics_code: OdsCode::parse("QWO").unwrap(),
            region: None,
            period: Period::parse("2025/26").unwrap(),
            purpose: String::new(),
            lines: Vec::new(),
            measures: Vec::new(),
            actions: Vec::new(),
            benefits: String::new(),
            status: BidStatus::Draft,
            version: 1,
            created_by: "Olu".to_owned(),
            updated_by: "Olu".to_owned(),
            created_at: at.clone(),
            updated_at: at,
            submitted_at: None,
            decision: None,
        }
    }

    fn line(fund: &str, capital: &str, revenue: &str) -> BidLineUpdate {
        BidLineUpdate { fund: fund.to_owned(), capital: capital.to_owned(), revenue: revenue.to_owned() }
    }

    fn date(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    #[test]
    fn a_draft_keeps_what_passes_and_holds_back_what_does_not() {
        let funds = funds();
        let context = Context { funds: &funds, actions: &[], today: date("2026-01-05") };
        let update = BidUpdate {
            purpose: "An EPR for the community services".to_owned(),
            lines: vec![
                line("frontline", "1,000,000", "250,000.50"),
                line("cyber", "5", ""),
                line("nope", "1", ""),
            ],
            measures: vec![4, 2, 4],
            actions: vec!["not-an-id".to_owned()],
            benefits: "Fewer lost notes".to_owned(),
            version: 1,
        };
        let (bid, errors) = update.apply(&draft(), &context);
        assert_eq!(bid.purpose, "An EPR for the community services");
        assert_eq!(bid.measures, [2, 4]);
        assert_eq!(
            bid.lines,
            [BidLine {
                fund: FundId::parse("frontline").unwrap(),
                capital: Pence::new(100_000_000),
                revenue: Pence::new(25_000_050)
            }]
        );
        assert_eq!(bid.total(), Pence::new(125_000_050));
        let errors: Vec<(&str, &str)> =
            errors.iter().map(|e| (e.field.as_str(), e.message.as_str())).collect();
        assert_eq!(
            errors,
            [
                ("actions", "“not-an-id” is not one of Leeds’s actions"),
                (
                    "amount-cyber-capital",
                    "Cyber security infrastructure closed on 23 December 2025: it takes no new bids and no changes"
                ),
                ("lines", "There is no fund “nope” for 2025/26"),
            ]
        );
    }

    #[test]
    fn a_closed_fund_s_line_stays_as_it_was_and_can_only_be_taken_out() {
        let funds = funds();
        let mut saved = draft();
        saved.lines = vec![BidLine {
            fund: FundId::parse("cyber").unwrap(),
            capital: Pence::new(500),
            revenue: Pence::ZERO,
        }];
        let context = Context { funds: &funds, actions: &[], today: date("2026-01-05") };
        let same = BidUpdate { lines: vec![line("cyber", "5", "")], version: 1, ..BidUpdate::default() };
        assert_eq!(same.apply(&saved, &context), (saved.clone(), vec![]), "unchanged: no error");
        let more = BidUpdate { lines: vec![line("cyber", "6", "")], version: 1, ..BidUpdate::default() };
        let (bid, errors) = more.apply(&saved, &context);
        assert_eq!((bid.lines, errors.len()), (saved.lines.clone(), 1));
        let out = BidUpdate { lines: vec![], version: 1, ..BidUpdate::default() };
        assert_eq!(out.apply(&saved, &context).0.lines, []);
        // And an amount typed wrongly keeps the saved one.
        let context = Context { funds: &funds, actions: &[], today: date("2025-12-01") };
        let wrong =
            BidUpdate { lines: vec![line("cyber", "12.345", "3")], version: 1, ..BidUpdate::default() };
        let (bid, errors) = wrong.apply(&saved, &context);
        assert_eq!(bid.lines[0].capital, Pence::new(500));
        assert_eq!(bid.lines[0].revenue, Pence::new(300));
        assert_eq!(errors[0].field, "amount-cyber-capital");
    }

    #[test]
    fn submitting_needs_a_purpose_an_amount_open_funds_and_benefits() {
        let funds = funds();
        let errors = ready_to_submit(&draft(), &funds, date("2026-01-05")).unwrap_err();
        let fields: Vec<&str> = errors.iter().map(|e| e.field.as_str()).collect();
        assert_eq!(fields, ["purpose", "lines", "benefits"]);
        let mut bid = draft();
        bid.purpose = "An EPR".to_owned();
        bid.benefits = "Fewer lost notes".to_owned();
        bid.lines = vec![BidLine {
            fund: FundId::parse("cyber").unwrap(),
            capital: Pence::new(500),
            revenue: Pence::ZERO,
        }];
        assert_eq!(ready_to_submit(&bid, &funds, date("2025-12-23")), Ok(()), "open on its closing day");
        let errors = ready_to_submit(&bid, &funds, date("2025-12-24")).unwrap_err();
        assert_eq!(
            errors[0].message,
            "Cyber security infrastructure closed on 23 December 2025: it takes no new bids and no changes: take it out of the bid to submit the rest"
        );
        assert_eq!(
            open_for_bids(&funds[2], date("2025-06-01")),
            Err("ICS envelopes is allocated to ICSs, not bid for".to_owned())
        );
    }
}
