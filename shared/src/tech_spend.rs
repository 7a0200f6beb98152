//! What organisations spend on tech (seed 001: organisations "do not know how much they are
//! spending on tech, how much they should be spending or the cumulative impact of
//! under-investment"). Each organisation records a year's spend, capital and revenue, by the
//! categories seed 001 says ICSs fund, and its total budget; it sees its spend as a share of its
//! budget and per head of its weighted population beside organisations of the same kind (the
//! median and middle half, never a bare average) and beside its maturity, and an ICS sees where
//! under-investment and low maturity meet.
//!
//! Money is whole pence; shares are basis points (hundredths of a per cent) and every division
//! rounds a half up, in integers.

use crate::Validated;
use crate::funding::Pence;
pub use crate::funding::SpendingCategory;
use crate::organisation::{OdsCode, OrganisationKind};
use crate::period::Period;
use crate::timestamp::Timestamp;
use crate::validation::Errors;
use serde::{Deserialize, Serialize};

/// The form's field for one side of a category: `applications-capital`.
pub fn field(category: SpendingCategory, side: &str) -> String {
    format!("{}-{side}", category.code())
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SpendLine {
    pub category: SpendingCategory,
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub capital: Pence,
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub revenue: Pence,
}

/// An organisation's tech spend for a year, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TechSpend {
    pub ods_code: OdsCode,
    pub name: String,
    pub kind: OrganisationKind,
    /// The ICS it is in (its own code for an ICS).
    pub ics_code: OdsCode,
    pub period: Period,
    /// Every category, in [`SpendingCategory::ICS_FUNDED`]'s order.
    pub lines: Vec<SpendLine>,
    /// The organisation's total budget for the year.
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub budget: Pence,
    pub recorded_by: String,
    pub version: u64,
    pub updated_at: Timestamp,
}

/// One saved version of a year's spend, for the organisation's history of its records.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TechSpendChange {
    pub period: Period,
    pub version: u64,
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub total: Pence,
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub budget: Pence,
    pub by: String,
    pub at: Timestamp,
}

impl TechSpendChange {
    pub fn of(spend: &TechSpend) -> Self {
        TechSpendChange {
            period: spend.period.clone(),
            version: spend.version,
            total: spend.total(),
            budget: spend.budget,
            by: spend.recorded_by.clone(),
            at: spend.updated_at.clone(),
        }
    }
}

/// `numerator / denominator` rounded to the nearest whole number, a half up.
fn divide_rounding(numerator: u128, denominator: u128) -> u64 {
    u64::try_from((2 * numerator + denominator) / (2 * denominator)).unwrap_or(u64::MAX)
}

impl TechSpend {
    pub fn capital(&self) -> Pence {
        Pence::new(self.lines.iter().map(|line| line.capital.get()).sum())
    }

    pub fn revenue(&self) -> Pence {
        Pence::new(self.lines.iter().map(|line| line.revenue.get()).sum())
    }

    /// Capital and revenue together (validation keeps it within the budget, so it cannot overflow).
    pub fn total(&self) -> Pence {
        Pence::new(self.capital().get() + self.revenue().get())
    }

    /// The spend as a share of the budget, in basis points (425 is 4.25%).
    pub fn share_of_budget(&self) -> Option<u64> {
        (self.budget.get() > 0)
            .then(|| divide_rounding(u128::from(self.total().get()) * 10_000, u128::from(self.budget.get())))
    }

    /// The spend per head of `population`, in pence.
    pub fn per_head(&self, population: u64) -> Option<u64> {
        (population > 0).then(|| divide_rounding(u128::from(self.total().get()), u128::from(population)))
    }
}

/// Basis points as a percentage with two decimals: `4.25%`.
pub fn format_share(basis_points: u64) -> String {
    format!("{}.{:02}%", basis_points / 100, basis_points % 100)
}

/// What a person types to record a year's spend: pounds as text, like the funding forms.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct TechSpendUpdate {
    /// The organisation's total budget for the year, in pounds (`£245,000,000`).
    pub budget: String,
    /// A line per category spent on; a category left out spent nothing.
    #[serde(default)]
    pub lines: Vec<SpendLineUpdate>,
    /// The version read (0 for a first record).
    pub version: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct SpendLineUpdate {
    #[cfg_attr(feature = "openapi", schema(value_type = SpendingCategory))]
    pub category: String,
    /// Pounds; blank for none.
    #[serde(default)]
    pub capital: String,
    /// Pounds; blank for none.
    #[serde(default)]
    pub revenue: String,
}

/// A year's spend that passed every rule.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidTechSpend {
    pub lines: Vec<SpendLine>,
    pub budget: Pence,
    pub expected_version: u64,
}

fn pounds_or_nothing(typed: &str) -> Result<Pence, String> {
    if typed.trim().is_empty() { Ok(Pence::ZERO) } else { Pence::parse_pounds(typed) }
}

impl TechSpendUpdate {
    pub fn validate(&self) -> Validated<ValidTechSpend> {
        let mut errors = Errors::default();
        let budget = match Pence::parse_pounds(&self.budget) {
            _ if self.budget.trim().is_empty() => {
                errors.add("budget", "Enter the organisation’s total budget for the year");
                None
            }
            Ok(budget) if budget == Pence::ZERO => {
                errors.add("budget", "Enter a total budget above £0");
                None
            }
            Ok(budget) => Some(budget),
            Err(message) => {
                errors.add("budget", message);
                None
            }
        };
        let mut lines: Vec<SpendLine> = SpendingCategory::ICS_FUNDED
            .into_iter()
            .map(|category| SpendLine { category, capital: Pence::ZERO, revenue: Pence::ZERO })
            .collect();
        let mut seen = Vec::new();
        for (index, line) in self.lines.iter().enumerate() {
            let Some(category) = SpendingCategory::parse(line.category.trim())
                .filter(|category| SpendingCategory::ICS_FUNDED.contains(category))
            else {
                errors.add(
                    &format!("lines[{index}].category"),
                    format!("“{}” is not a category of tech spend an ICS funds", line.category),
                );
                continue;
            };
            if seen.contains(&category) {
                errors
                    .add(&format!("lines[{index}].category"), format!("{} is given twice", category.label()));
                continue;
            }
            seen.push(category);
            let slot =
                lines.iter_mut().find(|slot| slot.category == category).expect("every category has a slot");
            for (side, typed) in [("capital", &line.capital), ("revenue", &line.revenue)] {
                match pounds_or_nothing(typed) {
                    Ok(amount) if side == "capital" => slot.capital = amount,
                    Ok(amount) => slot.revenue = amount,
                    Err(message) => errors.add(&field(category, side), message),
                }
            }
        }
        let total = Pence::sum(lines.iter().flat_map(|line| [line.capital, line.revenue]));
        match (total, budget) {
            (None, _) => {
                errors.add("budget", "The amounts add up to more than this service can hold: check them")
            }
            (Some(total), Some(budget)) if total > budget => errors.add(
                "budget",
                format!("The tech spend ({total}) is more than the total budget ({budget}): check both"),
            ),
            _ => {}
        }
        match budget {
            Some(budget) if errors.is_empty() => {
                Ok(ValidTechSpend { lines, budget, expected_version: self.version })
            }
            _ => Err(errors.into_vec()),
        }
    }
}

/// The quartiles of a set of whole numbers, interpolated between ranks as spreadsheets'
/// `QUARTILE.INC` does, each rounded to a whole number (a half up).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Quartiles {
    pub count: usize,
    pub lower_quartile: u64,
    pub median: u64,
    pub upper_quartile: u64,
}

impl Quartiles {
    pub fn of(values: impl IntoIterator<Item = u64>) -> Option<Self> {
        let mut sorted: Vec<u64> = values.into_iter().collect();
        sorted.sort_unstable();
        if sorted.is_empty() {
            return None;
        }
        // The quarter-th rank is (n - 1) × quarter / 4: a whole rank and a remainder in quarters.
        let at = |quarter: usize| {
            let position = (sorted.len() - 1) * quarter;
            let (below, remainder) = (position / 4, (position % 4) as u128);
            let above = (below + 1).min(sorted.len() - 1);
            let low = u128::from(sorted[below]);
            let high = u128::from(sorted[above]);
            divide_rounding(low * (4 - remainder) + high * remainder, 4)
        };
        Some(Quartiles { count: sorted.len(), lower_quartile: at(1), median: at(2), upper_quartile: at(3) })
    }
}

/// Fewer organisations than this and no spread is shown: with one or two, the "median" would be
/// another organisation's own figure.
pub const BENCHMARK_MINIMUM: usize = 3;

/// Organisations of one kind in one year: the spread of their shares of budget and spend per head.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SpendBenchmark {
    pub kind: OrganisationKind,
    pub period: Period,
    /// How many of them recorded their spend.
    pub recorded: usize,
    /// Basis points, once [`BENCHMARK_MINIMUM`] have recorded.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub share_of_budget: Option<Quartiles>,
    /// Pence a head, once [`BENCHMARK_MINIMUM`] have recorded a spend and have a weighted population.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub per_head: Option<Quartiles>,
}

impl SpendBenchmark {
    /// From every spend of the kind and year, with the weighted population of each that has one.
    pub fn of(kind: OrganisationKind, period: &Period, spends: &[(&TechSpend, Option<u64>)]) -> Self {
        let enough = |quartiles: Option<Quartiles>| quartiles.filter(|q| q.count >= BENCHMARK_MINIMUM);
        SpendBenchmark {
            kind,
            period: period.clone(),
            recorded: spends.len(),
            share_of_budget: enough(Quartiles::of(
                spends.iter().filter_map(|(spend, _)| spend.share_of_budget()),
            )),
            per_head: enough(Quartiles::of(
                spends.iter().filter_map(|(spend, population)| spend.per_head((*population)?)),
            )),
        }
    }
}

/// Below the middle of its kind: less than the median share of budget.
pub fn under_invested(share: Option<u64>, benchmark: &SpendBenchmark) -> bool {
    matches!((share, benchmark.share_of_budget), (Some(share), Some(spread)) if share < spread.median)
}

/// A published median level below 3 (Defined): the maturity where under-investment matters most.
pub const LOW_MATURITY_BELOW: f32 = 3.0;

#[cfg(test)]
mod tests {
    use super::*;

    fn line(category: &str, capital: &str, revenue: &str) -> SpendLineUpdate {
        SpendLineUpdate {
            category: category.to_owned(),
            capital: capital.to_owned(),
            revenue: revenue.to_owned(),
        }
    }

    fn spend(total_pence: u64, budget_pence: u64) -> TechSpend {
        let mut lines: Vec<SpendLine> = SpendingCategory::ICS_FUNDED
            .into_iter()
            .map(|category| SpendLine { category, capital: Pence::ZERO, revenue: Pence::ZERO })
            .collect();
        lines[0].revenue = Pence::new(total_pence);
        TechSpend {
            ods_code: OdsCode::parse("RR8").unwrap(),
            name: "Leeds".to_owned(),
            kind: OrganisationKind::AcuteTrust,
            ics_code: OdsCode::parse("QWO").unwrap(),
            period: Period::parse("2025/26").unwrap(),
            lines,
            budget: Pence::new(budget_pence),
            recorded_by: "Olu".to_owned(),
            version: 1,
            updated_at: crate::test_support::moment(),
        }
    }

    #[test]
    fn a_year_s_spend_adds_up_to_the_penny_and_is_a_share_of_the_budget() {
        let update = TechSpendUpdate {
            budget: "£245,000,000".to_owned(),
            lines: vec![
                line("applications", "1,200,000.50", "3,400,000"),
                line("local-cybersecurity", "", "250,000.25"),
                line("training", "0", ""),
            ],
            version: 0,
        };
        let valid = update.validate().expect("valid");
        assert_eq!(valid.lines.len(), 8, "every category, those left out at nothing");
        let mut recorded = spend(0, 0);
        recorded.lines = valid.lines;
        recorded.budget = valid.budget;
        // £1,200,000.50 capital; £3,400,000 + £250,000.25 revenue.
        assert_eq!(recorded.capital(), Pence::new(120_000_050));
        assert_eq!(recorded.revenue(), Pence::new(365_000_025));
        assert_eq!(recorded.total().to_string(), "£4,850,000.75");
        // 4,850,000.75 / 245,000,000 = 1.9796%: 197.96 basis points, 198 rounded.
        assert_eq!(recorded.share_of_budget(), Some(198));
        assert_eq!(format_share(198), "1.98%");
        // Per head of 612,345 people: 485,000,075p / 612,345 = 792.04p, 792.
        assert_eq!(recorded.per_head(612_345), Some(792));
        assert_eq!(recorded.per_head(0), None);
    }

    #[test]
    fn every_mistake_is_named_by_its_field() {
        let update = TechSpendUpdate {
            budget: "".to_owned(),
            lines: vec![
                line("applications", "12.345", "lots"),
                line("printers", "1", ""),
                line("applications", "1", ""),
            ],
            version: 0,
        };
        let errors = update.validate().unwrap_err();
        let named: Vec<(&str, &str)> =
            errors.iter().map(|error| (error.field.as_str(), error.message.as_str())).collect();
        assert_eq!(
            named,
            [
                ("budget", "Enter the organisation’s total budget for the year"),
                (
                    "applications-capital",
                    "Enter the amount to the nearest penny, with at most two decimal places (you entered “12.345”)"
                ),
                ("applications-revenue", "Enter an amount in pounds, like £1,234.56 (you entered “lots”)"),
                ("lines[1].category", "“printers” is not a category of tech spend an ICS funds"),
                ("lines[2].category", "Applications such as EPRs is given twice"),
            ]
        );
        let over = TechSpendUpdate {
            budget: "1,000".to_owned(),
            lines: vec![line("cloud-and-data-centres", "600", "400.01")],
            version: 0,
        };
        let errors = over.validate().unwrap_err();
        assert_eq!(
            errors[0].message,
            "The tech spend (£1,000.01) is more than the total budget (£1,000.00): check both"
        );
        let zero = TechSpendUpdate { budget: "0".to_owned(), lines: vec![], version: 0 };
        assert_eq!(zero.validate().unwrap_err()[0].message, "Enter a total budget above £0");
    }

    #[test]
    fn quartiles_interpolate_between_ranks_in_whole_numbers() {
        // 4 values: ranks 0.75, 1.5 and 2.25.
        let quartiles = Quartiles::of([100, 200, 400, 800]).unwrap();
        assert_eq!((quartiles.lower_quartile, quartiles.median, quartiles.upper_quartile), (175, 300, 500));
        // 5 values: ranks 1, 2 and 3 exactly, whatever order they come in.
        let quartiles = Quartiles::of([9, 1, 5, 3, 7]).unwrap();
        assert_eq!(
            (quartiles.count, quartiles.lower_quartile, quartiles.median, quartiles.upper_quartile),
            (5, 3, 5, 7)
        );
        // A half rounds up: 1 and 2 have the median 1.5, so 2.
        assert_eq!(Quartiles::of([1, 2]).unwrap().median, 2);
        assert_eq!(Quartiles::of([]), None);
    }

    #[test]
    fn a_benchmark_needs_three_organisations_and_under_investment_is_below_its_median() {
        let period = Period::parse("2025/26").unwrap();
        // Shares 1%, 2% and 4% of budget; per head only for two.
        let (a, b, c) = (spend(1_000, 100_000), spend(2_000, 100_000), spend(4_000, 100_000));
        let two = SpendBenchmark::of(OrganisationKind::AcuteTrust, &period, &[(&a, Some(10)), (&b, None)]);
        assert_eq!((two.recorded, two.share_of_budget, two.per_head), (2, None, None));
        let three = SpendBenchmark::of(
            OrganisationKind::AcuteTrust,
            &period,
            &[(&a, Some(10)), (&b, None), (&c, Some(20))],
        );
        let share = three.share_of_budget.unwrap();
        assert_eq!((share.lower_quartile, share.median, share.upper_quartile), (150, 200, 300));
        assert_eq!(three.per_head, None, "two with a population are not enough");
        assert!(under_invested(Some(199), &three));
        assert!(!under_invested(Some(200), &three));
        assert!(!under_invested(Some(100), &two), "no spread, no verdict");
    }
}
