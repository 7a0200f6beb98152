//! A fund: one pot of tech money for one financial year, what it is for, how it is shared out and
//! who will pay for that kind of thing once funding moves to systems.

use super::money::Pence;
use super::principles::Principle;
use super::who_pays::SpendingCategory;
use crate::Validated;
use crate::date::Date;
use crate::framework::MeasureNumber;
use crate::period::Period;
use crate::validation::{self, Errors};
use serde::{Deserialize, Serialize};

pub const NAME_MAX: usize = 200;
pub const ID_MAX: usize = 60;
/// What [`FundId::parse`] accepts, as the OpenAPI description states it (with [`ID_MAX`]).
pub const ID_PATTERN: &str = "^[a-z0-9]+(-[a-z0-9]+)*$";

/// A fund's stable id, e.g. `shared-care-records`: lower-case letters, digits and single hyphens,
/// as the catalogue's ids are, so records can refer to a fund across catalogue versions.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct FundId(String);

impl FundId {
    pub fn parse(input: &str) -> Result<Self, String> {
        let id = input.trim();
        let well_formed = !id.is_empty()
            && id.len() <= ID_MAX
            && id.bytes().all(|byte| byte.is_ascii_lowercase() || byte.is_ascii_digit() || byte == b'-')
            && !id.starts_with('-')
            && !id.ends_with('-')
            && !id.contains("--");
        if well_formed {
            Ok(Self(id.to_owned()))
        } else {
            Err(format!(
                "A fund’s id is up to {ID_MAX} lower-case letters and numbers joined by single hyphens, like shared-care-records (you entered “{id}”)"
            ))
        }
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for FundId {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<FundId> for String {
    fn from(id: FundId) -> String {
        id.0
    }
}

impl std::fmt::Display for FundId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

/// A fund. Built only by [`NewFund::validate`], so every fund keeps the rule
/// **capital + revenue = total, exactly to the penny** (the slides complain of the "wrong mix of
/// capital and revenue": the mix is part of the fund, not an afterthought), names at least one
/// success measure it improves (levelling up measures maturity on those), and lists each measure
/// once, in order.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Fund {
    id: FundId,
    name: String,
    period: Period,
    total: Pence,
    capital: Pence,
    revenue: Pence,
    #[serde(skip_serializing_if = "Option::is_none")]
    closing_date: Option<Date>,
    principle: Principle,
    measures: Vec<MeasureNumber>,
    category: SpendingCategory,
}

impl Fund {
    pub fn id(&self) -> &FundId {
        &self.id
    }
    pub fn name(&self) -> &str {
        &self.name
    }
    /// The financial year the money is for.
    pub fn period(&self) -> &Period {
        &self.period
    }
    pub fn total(&self) -> Pence {
        self.total
    }
    pub fn capital(&self) -> Pence {
        self.capital
    }
    pub fn revenue(&self) -> Pence {
        self.revenue
    }
    /// The last day applications are accepted; none where the fund is allocated without bids.
    pub fn closing_date(&self) -> Option<Date> {
        self.closing_date
    }
    /// How the pot is shared out.
    pub fn principle(&self) -> Principle {
        self.principle
    }
    /// The WGLL success measures the fund improves, in order.
    pub fn measures(&self) -> &[MeasureNumber] {
        &self.measures
    }
    /// The kind of spending, which says who pays for it from 2022/23 ([`SpendingCategory::payer`]).
    pub fn category(&self) -> SpendingCategory {
        self.category
    }
}

/// A fund as an administrator enters it. Amounts are whole pence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewFund {
    pub id: String,
    pub name: String,
    /// A financial year, `2021/22`.
    pub period: String,
    pub total: Pence,
    pub capital: Pence,
    pub revenue: Pence,
    /// `YYYY-MM-DD`, or empty for none.
    #[serde(default)]
    pub closing_date: String,
    pub principle: Principle,
    pub measures: Vec<u8>,
    pub category: SpendingCategory,
}

impl NewFund {
    pub fn validate(&self) -> Validated<Fund> {
        let mut errors = Errors::default();
        let id = errors.check("id", FundId::parse(&self.id));
        let name = errors.check("name", validation::text(&self.name, "the fund’s name", true, NAME_MAX));
        let period = errors.check("period", Period::parse(&self.period));
        if Pence::sum([self.capital, self.revenue]) != Some(self.total) {
            let added = Pence::sum([self.capital, self.revenue])
                .map_or_else(|| "more than can be held".to_owned(), |sum| sum.to_string());
            errors.add(
                "revenue",
                format!(
                    "Capital ({}) and revenue ({}) must add up to the fund’s total ({}): they come to {added}",
                    self.capital, self.revenue, self.total
                ),
            );
        }
        let closing_date = if self.closing_date.trim().is_empty() {
            Some(None)
        } else {
            errors
                .check("closingDate", Date::parse_labelled(&self.closing_date, "the closing date").map(Some))
        };
        let mut measures = Vec::with_capacity(self.measures.len());
        for (index, number) in self.measures.iter().enumerate() {
            match MeasureNumber::new(*number) {
                Some(measure) if measures.contains(&measure) => {
                    errors.add(&format!("measures[{index}]"), format!("Measure {number} is listed twice"))
                }
                Some(measure) => measures.push(measure),
                None => errors.add(
                    &format!("measures[{index}]"),
                    format!("There is no success measure {number}: choose from 1 to 7"),
                ),
            }
        }
        if self.measures.is_empty() {
            errors.add("measures", "Choose at least one success measure the fund improves");
        }
        measures.sort_unstable();
        match (id, name, period, closing_date) {
            (Some(id), Some(name), Some(period), Some(closing_date)) if errors.is_empty() => Ok(Fund {
                id,
                name,
                period,
                total: self.total,
                capital: self.capital,
                revenue: self.revenue,
                closing_date,
                principle: self.principle,
                measures,
                category: self.category,
            }),
            _ => Err(errors.into_vec()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cyber() -> NewFund {
        NewFund {
            id: "cyber-security".into(),
            name: "Cyber security infrastructure fund".into(),
            period: "2021/22".into(),
            total: Pence::new(1_000),
            capital: Pence::new(600),
            revenue: Pence::new(400),
            closing_date: "2021-12-23".into(),
            principle: Principle::LevellingUp,
            measures: vec![3, 2],
            category: SpendingCategory::LocalCybersecurity,
        }
    }

    #[test]
    fn a_valid_fund_keeps_its_figures_and_orders_its_measures() {
        let fund = cyber().validate().unwrap();
        assert_eq!(
            (fund.total(), fund.capital(), fund.revenue()),
            (Pence::new(1_000), Pence::new(600), Pence::new(400))
        );
        assert_eq!(fund.measures().iter().map(|m| m.get()).collect::<Vec<_>>(), [2, 3]);
        assert_eq!(fund.closing_date().unwrap().to_string(), "2021-12-23");
        assert_eq!(NewFund { closing_date: " ".into(), ..cyber() }.validate().unwrap().closing_date(), None);
    }

    #[test]
    fn capital_and_revenue_must_add_up_to_the_total_to_the_penny() {
        let off_by_a_penny = NewFund { revenue: Pence::new(399), ..cyber() };
        let errors = off_by_a_penny.validate().unwrap_err();
        assert_eq!(errors.len(), 1);
        assert_eq!(errors[0].field, "revenue");
        assert_eq!(
            errors[0].message,
            "Capital (£6.00) and revenue (£3.99) must add up to the fund’s total (£10.00): they come to £9.99"
        );
        let overflowing = NewFund { capital: Pence::new(u64::MAX), ..cyber() };
        assert!(overflowing.validate().unwrap_err()[0].message.ends_with("more than can be held"));
    }

    #[test]
    fn every_bad_field_is_reported_at_once() {
        let form = NewFund {
            id: "Cyber Security".into(),
            name: " ".into(),
            period: "2021".into(),
            closing_date: "23/12/2021".into(),
            measures: vec![2, 8, 2],
            ..cyber()
        };
        let fields: Vec<String> = form.validate().unwrap_err().into_iter().map(|e| e.field).collect();
        assert_eq!(fields, ["id", "name", "period", "closingDate", "measures[1]", "measures[2]"]);
        let none = NewFund { measures: vec![], ..cyber() };
        assert_eq!(none.validate().unwrap_err()[0].field, "measures");
    }

    #[test]
    fn the_described_id_pattern_accepts_what_the_rule_accepts() {
        for id in ["cyber", "shared-care-records", "utf-2021", "a1-b2-c3"] {
            assert!(FundId::parse(id).is_ok() && crate::test_support::matches(ID_PATTERN, id), "{id}");
        }
        for id in ["", "-a", "a-", "a--b", "Cyber", "a b", "a_b"] {
            assert!(FundId::parse(id).is_err(), "{id}");
            if !id.is_empty() {
                assert!(!crate::test_support::matches(ID_PATTERN, id), "{id}");
            }
        }
    }

    #[test]
    fn unknown_fields_are_refused() {
        let mut json = serde_json::to_value(cyber()).unwrap();
        assert!(serde_json::from_value::<NewFund>(json.clone()).is_ok());
        json["approved"] = true.into();
        assert!(serde_json::from_value::<NewFund>(json).is_err());
    }
}
