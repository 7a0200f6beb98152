//! The review board (seed 001: "a monthly review board" for the Unified Tech Fund). Administrators
//! score each submitted bid against stated criteria and approve it, in full or in part, or decline
//! it with a reason the applicant sees. A fund never approves more than it holds; the fairness
//! view shows where approvals went, by ICS, by region and by the applicants' maturity, so that
//! "fair and equitable" can be checked rather than asserted.

pub mod fairness;

use crate::bids::{Bid, BidLine, BidLineUpdate, amount_field};
use crate::framework::MeasureNumber;
use crate::funding::published::PublishedLevels;
use crate::funding::{Fund, FundId, Pence};
use crate::timestamp::Timestamp;
use crate::validation::{self, Errors, FieldError};
use serde::{Deserialize, Serialize};

/// The longest reason, in characters.
pub const REASON_MAX: usize = 2_000;
/// Each scored criterion runs from 1 (poor) to 5 (strong).
pub const SCORE_MAX: u8 = 5;
/// What the maturity need counts for in the total when the applicant has no published review:
/// the middle, neither favoured nor held back.
pub const UNKNOWN_NEED: u8 = 3;

/// What the board decided.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Outcome {
    Approve,
    ApproveInPart,
    Decline,
}

impl Outcome {
    pub const ALL: [Outcome; 3] = [Outcome::Approve, Outcome::ApproveInPart, Outcome::Decline];

    pub fn code(self) -> &'static str {
        match self {
            Outcome::Approve => "approve",
            Outcome::ApproveInPart => "approve-in-part",
            Outcome::Decline => "decline",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Outcome::Approve => "Approve in full",
            Outcome::ApproveInPart => "Approve in part",
            Outcome::Decline => "Decline",
        }
    }

    pub fn parse(input: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|outcome| outcome.code() == input.trim())
            .ok_or_else(|| "Choose whether to approve the bid in full, in part, or decline it".to_owned())
    }
}

/// The scores a bid was given. The maturity need comes from the applicant's published review,
/// not from the board: 6 minus its median agreed level on the measures the bid addresses.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Scores {
    pub strategic_fit: u8,
    pub value_for_money: u8,
    /// The applicant's median agreed level on the bid's measures; none without a published review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub maturity: Option<u8>,
}

impl Scores {
    /// 5 for an applicant at level 1, 1 at level 5.
    pub fn maturity_need(&self) -> Option<u8> {
        self.maturity.map(|level| (SCORE_MAX + 1).saturating_sub(level))
    }

    /// Out of 15: each criterion counts the same; an unknown need counts as the middle.
    pub fn total(&self) -> u8 {
        self.strategic_fit + self.value_for_money + self.maturity_need().unwrap_or(UNKNOWN_NEED)
    }
}

/// The applicant's maturity where the bid aims: the lower median of its latest published review's
/// agreed levels on the measures the bid names (every measure when it names none).
pub fn applicant_maturity(bid: &Bid, published: &[PublishedLevels]) -> Option<u8> {
    let review = PublishedLevels::latest(published, &bid.ods_code)?;
    let measures: Vec<u8> = if bid.measures.is_empty() { (1..=7).collect() } else { bid.measures.clone() };
    let mut levels: Vec<u8> = measures
        .iter()
        .filter_map(|number| MeasureNumber::new(*number))
        .filter_map(|measure| review.level(measure))
        .map(|level| level.value())
        .collect();
    levels.sort_unstable();
    levels.get(levels.len().checked_sub(1)? / 2).copied()
}

/// A decision as recorded on the bid.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Decision {
    pub outcome: Outcome,
    pub scores: Scores,
    /// What each fund gives; empty when declined.
    pub approved: Vec<BidLine>,
    /// Why, for the applicant: required unless approved in full.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub reason: String,
    pub decided_by: String,
    pub decided_at: Timestamp,
}

impl Decision {
    pub fn total_approved(&self) -> Pence {
        crate::bids::lines_total(&self.approved)
    }
}

/// A decision as the board member types it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DecisionForm {
    /// 1 to 5.
    #[serde(default)]
    pub strategic_fit: String,
    /// 1 to 5.
    #[serde(default)]
    pub value_for_money: String,
    /// `approve`, `approve-in-part` or `decline`.
    #[serde(default)]
    pub outcome: String,
    /// For approval in part: what each fund gives, in pounds (a fund left out gives nothing).
    #[serde(default)]
    pub approved: Vec<BidLineUpdate>,
    #[serde(default)]
    pub reason: String,
    /// The bid's version read.
    pub version: u64,
}

fn score(typed: &str, label: &str) -> Result<u8, String> {
    match typed.trim().parse::<u8>() {
        Ok(value) if (1..=SCORE_MAX).contains(&value) => Ok(value),
        _ => Err(format!("Score {label} from 1 to {SCORE_MAX}")),
    }
}

fn pounds(typed: &str) -> Result<Pence, String> {
    if typed.trim().is_empty() { Ok(Pence::ZERO) } else { Pence::parse_pounds(typed) }
}

impl DecisionForm {
    /// The decision this form makes on `bid`, or every error at once. Approval in part gives each
    /// fund no more than was asked of it, capital and revenue apart, and less than the whole.
    pub fn validate(
        &self,
        bid: &Bid,
        maturity: Option<u8>,
        decided_by: String,
        decided_at: Timestamp,
    ) -> Result<Decision, Vec<FieldError>> {
        let mut errors = Errors::default();
        let strategic_fit = errors.check("strategicFit", score(&self.strategic_fit, "strategic fit"));
        let value_for_money = errors.check("valueForMoney", score(&self.value_for_money, "value for money"));
        let outcome = errors.check("outcome", Outcome::parse(&self.outcome));
        let reason = errors
            .check("reason", validation::text(&self.reason, "the reason", false, REASON_MAX))
            .unwrap_or_default();
        let approved = match outcome {
            Some(Outcome::Approve) => bid.lines.clone(),
            Some(Outcome::ApproveInPart) => self.part(bid, &mut errors),
            _ => Vec::new(),
        };
        if matches!(outcome, Some(Outcome::ApproveInPart | Outcome::Decline)) && reason.is_empty() {
            errors.add("reason", "Say why, for the applicant: they will see it");
        }
        match (strategic_fit, value_for_money, outcome) {
            (Some(strategic_fit), Some(value_for_money), Some(outcome)) if errors.is_empty() => {
                Ok(Decision {
                    outcome,
                    scores: Scores { strategic_fit, value_for_money, maturity },
                    approved,
                    reason,
                    decided_by,
                    decided_at,
                })
            }
            _ => Err(errors.into_vec()),
        }
    }

    fn part(&self, bid: &Bid, errors: &mut Errors) -> Vec<BidLine> {
        let mut approved = Vec::new();
        for typed in &self.approved {
            let Some(asked) = bid.lines.iter().find(|line| line.fund.as_str() == typed.fund.trim()) else {
                errors.add("approved", format!("The bid asks nothing of “{}”", typed.fund));
                continue;
            };
            let fund = asked.fund.as_str();
            let mut side = |side: &str, typed: &str, asked: Pence| {
                let field = amount_field(fund, side);
                let amount = errors.check(&field, pounds(typed))?;
                if amount > asked {
                    errors.add(&field, format!("No more than the {asked} {side} asked of this fund"));
                    return None;
                }
                Some(amount)
            };
            let capital = side("capital", &typed.capital, asked.capital);
            let revenue = side("revenue", &typed.revenue, asked.revenue);
            if let (Some(capital), Some(revenue)) = (capital, revenue)
                && (capital, revenue) != (Pence::ZERO, Pence::ZERO)
            {
                approved.push(BidLine { fund: asked.fund.clone(), capital, revenue });
            }
        }
        let whole = approved.len() == bid.lines.len()
            && approved.iter().zip(&bid.lines).all(|(given, asked)| given == asked);
        if approved.is_empty() && errors.is_empty() {
            errors.add("approved", "Give an amount from at least one fund, or decline the bid");
        } else if whole {
            errors.add("approved", "That is everything asked: approve it in full instead");
        }
        approved
    }
}

/// What one fund holds for the board and has approved so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Approved {
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub capital: Pence,
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub revenue: Pence,
}

/// Whether `fund`, having approved `so_far`, can give `line` as well; why not, with what is left.
pub fn within_fund(fund: &Fund, so_far: Approved, line: &BidLine) -> Result<(), String> {
    let left_capital = fund.capital().checked_sub(so_far.capital).unwrap_or(Pence::ZERO);
    let left_revenue = fund.revenue().checked_sub(so_far.revenue).unwrap_or(Pence::ZERO);
    if line.capital > left_capital || line.revenue > left_revenue {
        Err(format!(
            "{} has {left_capital} capital and {left_revenue} revenue left to approve: this would take it over what it holds",
            fund.name()
        ))
    } else {
        Ok(())
    }
}

/// The fund of `id` among `funds`.
pub fn fund<'a>(funds: &'a [Fund], id: &FundId) -> Option<&'a Fund> {
    funds.iter().find(|fund| fund.id() == id)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bids::BidStatus;
    use crate::funding::NewFund;
    use crate::ids::BidId;
    use crate::maturity::MaturityLevel;
    use crate::organisation::{OdsCode, OrganisationKind};
    use crate::period::Period;

    fn line(fund: &str, capital: u64, revenue: u64) -> BidLine {
        BidLine {
            fund: FundId::parse(fund).unwrap(),
            capital: Pence::new(capital),
            revenue: Pence::new(revenue),
        }
    }

    fn bid(measures: &[u8]) -> Bid {
        let at = crate::test_support::moment();
        Bid {
            id: BidId::from_uuid_bytes([7; 16]),
            ods_code: OdsCode::parse("RR8").unwrap(),
            name: "Leeds".to_owned(),
            kind: OrganisationKind::AcuteTrust,
            ics_code: OdsCode::parse("QWO").unwrap(),
            region: None,
            period: Period::parse("2025/26").unwrap(),
            purpose: "An EPR".to_owned(),
            lines: vec![line("frontline", 100_000, 50_000), line("cyber", 20_000, 0)],
            measures: measures.to_vec(),
            actions: Vec::new(),
            benefits: "Fewer lost notes".to_owned(),
            status: BidStatus::Submitted,
            version: 3,
            created_by: "Olu".to_owned(),
            updated_by: "Olu".to_owned(),
            created_at: at.clone(),
            updated_at: at.clone(),
            submitted_at: Some(at),
            decision: None,
        }
    }

    fn form(outcome: &str, approved: &[(&str, &str, &str)], reason: &str) -> DecisionForm {
        DecisionForm {
            strategic_fit: "4".to_owned(),
            value_for_money: "2".to_owned(),
            outcome: outcome.to_owned(),
            approved: approved
                .iter()
                .map(|(fund, capital, revenue)| BidLineUpdate {
                    fund: (*fund).to_owned(),
                    capital: (*capital).to_owned(),
                    revenue: (*revenue).to_owned(),
                })
                .collect(),
            reason: reason.to_owned(),
            version: 3,
        }
    }

    fn decide(form: &DecisionForm) -> Result<Decision, Vec<(String, String)>> {
        form.validate(&bid(&[]), Some(2), "Ade".to_owned(), crate::test_support::moment())
            .map_err(|errors| errors.into_iter().map(|e| (e.field, e.message)).collect())
    }

    #[test]
    fn approval_in_full_gives_every_line_asked() {
        let decision = decide(&form("approve", &[], "")).unwrap();
        assert_eq!(decision.approved, [line("frontline", 100_000, 50_000), line("cyber", 20_000, 0)]);
        assert_eq!(decision.total_approved(), Pence::new(170_000));
        assert_eq!(decision.scores.maturity_need(), Some(4));
        assert_eq!(decision.scores.total(), 10);
    }

    #[test]
    fn approval_in_part_gives_no_more_than_asked_and_needs_a_reason() {
        let decision = decide(&form(
            "approve-in-part",
            &[("frontline", "600", ""), ("cyber", "", "")],
            "Phase one only",
        ))
        .unwrap();
        assert_eq!(decision.approved, [line("frontline", 60_000, 0)]);
        assert_eq!(decision.reason, "Phase one only");
        assert_eq!(
            decide(&form("approve-in-part", &[("frontline", "1,000.01", "")], "")).unwrap_err(),
            [
                (
                    "amount-frontline-capital".to_owned(),
                    "No more than the £1,000.00 capital asked of this fund".to_owned()
                ),
                ("reason".to_owned(), "Say why, for the applicant: they will see it".to_owned()),
            ]
        );
        assert_eq!(
            decide(&form("approve-in-part", &[("frontline", "1000", "500"), ("cyber", "200", "")], "All"))
                .unwrap_err(),
            [("approved".to_owned(), "That is everything asked: approve it in full instead".to_owned())]
        );
        assert_eq!(
            decide(&form("approve-in-part", &[("nope", "1", "")], "x")).unwrap_err()[0],
            ("approved".to_owned(), "The bid asks nothing of “nope”".to_owned())
        );
    }

    #[test]
    fn declining_needs_a_reason_and_scores_are_one_to_five() {
        assert_eq!(
            decide(&form("decline", &[], " ")).unwrap_err(),
            [("reason".to_owned(), "Say why, for the applicant: they will see it".to_owned())]
        );
        let declined = decide(&form("decline", &[], "Not this year")).unwrap();
        assert_eq!((declined.approved.len(), declined.total_approved()), (0, Pence::ZERO));
        let mut wrong = form("maybe", &[], "");
        wrong.strategic_fit = "6".to_owned();
        wrong.value_for_money = String::new();
        let fields: Vec<String> = decide(&wrong).unwrap_err().into_iter().map(|(field, _)| field).collect();
        assert_eq!(fields, ["strategicFit", "valueForMoney", "outcome"]);
    }

    #[test]
    fn the_maturity_need_is_the_lower_median_of_the_bid_s_measures() {
        let level = |n| MaturityLevel::new(n).unwrap();
        let measure = |n| MeasureNumber::new(n).unwrap();
        let published = [PublishedLevels::new(
            OdsCode::parse("RR8").unwrap(),
            Period::parse("2024/25").unwrap(),
            crate::test_support::review_id("r"),
            crate::test_support::moment(),
            &[(measure(1), level(1)), (measure(2), level(4)), (measure(3), level(2)), (measure(5), level(5))],
        )];
        assert_eq!(applicant_maturity(&bid(&[2, 3]), &published), Some(2), "lower median of 2 and 4");
        assert_eq!(applicant_maturity(&bid(&[]), &published), Some(2), "all measures: 1, 2, 4, 5");
        assert_eq!(applicant_maturity(&bid(&[4]), &published), None, "no level agreed on measure 4");
        assert_eq!(applicant_maturity(&bid(&[1]), &[]), None);
        let unknown = Scores { strategic_fit: 5, value_for_money: 5, maturity: None };
        assert_eq!((unknown.maturity_need(), unknown.total()), (None, 13));
        let mature = Scores { strategic_fit: 1, value_for_money: 1, maturity: Some(5) };
        assert_eq!((mature.maturity_need(), mature.total()), (Some(1), 3));
    }

    #[test]
    fn a_fund_never_approves_more_than_it_holds() {
        let fund = NewFund {
            id: "cyber".to_owned(),
            name: "Cyber".to_owned(),
            period: "2025/26".to_owned(),
            total: Pence::new(1_000),
            capital: Pence::new(600),
            revenue: Pence::new(400),
            closing_date: "2026-01-31".to_owned(),
            principle: crate::funding::Principle::StrategicInvestment,
            measures: vec![2],
            category: crate::funding::SpendingCategory::LocalCybersecurity,
        }
        .validate()
        .unwrap();
        let so_far = Approved { capital: Pence::new(500), revenue: Pence::new(400) };
        assert_eq!(within_fund(&fund, so_far, &line("cyber", 100, 0)), Ok(()), "exactly what is left");
        assert_eq!(
            within_fund(&fund, so_far, &line("cyber", 101, 0)),
            Err("Cyber has £1.00 capital and £0.00 revenue left to approve: this would take it over what it holds".to_owned())
        );
        assert!(within_fund(&fund, so_far, &line("cyber", 0, 1)).is_err());
    }
}
