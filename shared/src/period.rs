//! Assessment periods are NHS financial years, written `2025/26`.

use serde::{Deserialize, Serialize};

/// (Its OpenAPI schema, in `schema.rs`, lists [`Period::all`].)
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Period(String);

impl Period {
    /// The first financial year a review can be for (the framework was published in 2021).
    pub const FIRST_START: u16 = 2018;
    /// The last: a bound on typing mistakes rather than a rule of the NHS.
    pub const LAST_START: u16 = 2100;

    /// Every financial year [`Period::parse`] accepts, in its stored form, oldest first.
    pub fn all() -> impl Iterator<Item = Period> {
        (Self::FIRST_START..=Self::LAST_START).map(Self::starting)
    }

    /// The financial year that starts in April of `start`.
    pub fn starting(start: u16) -> Self {
        Self(format!("{start}/{:02}", (start + 1) % 100))
    }

    /// The NHS financial year (April to March) that a calendar month (1 to 12) falls in.
    pub fn containing(year: u16, month: u8) -> Self {
        Self::starting(if month >= 4 { year } else { year - 1 })
    }

    /// Accepts `2025/26` (and `2025-26`, written the common other way), nothing else.
    pub fn parse(input: &str) -> Result<Self, String> {
        let input = input.trim();
        let invalid =
            || format!("Enter the period as a financial year, like 2025/26 (you entered “{input}”)");
        let (start, end) = input.split_once(['/', '-']).ok_or_else(invalid)?;
        if start.len() != 4 || end.len() != 2 {
            return Err(invalid());
        }
        let start: u16 = start.parse().map_err(|_| invalid())?;
        let end: u16 = end.parse().map_err(|_| invalid())?;
        if !(Self::FIRST_START..=Self::LAST_START).contains(&start) {
            return Err(format!("Enter a financial year from {} onwards", Self::starting(Self::FIRST_START)));
        }
        if (start + 1) % 100 != end {
            return Err(format!(
                "A financial year ends the year after it starts: did you mean {start}/{:02}?",
                (start + 1) % 100
            ));
        }
        Ok(Self(format!("{start}/{end:02}")))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    pub fn start_year(&self) -> u16 {
        self.0[..4].parse().unwrap_or_default()
    }
}

impl TryFrom<String> for Period {
    type Error = String;
    fn try_from(value: String) -> Result<Self, Self::Error> {
        Self::parse(&value)
    }
}

impl From<Period> for String {
    fn from(period: Period) -> String {
        period.0
    }
}

impl std::fmt::Display for Period {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_financial_year_starts_in_april() {
        assert_eq!(Period::containing(2026, 3).as_str(), "2025/26");
        assert_eq!(Period::containing(2026, 4).as_str(), "2026/27");
        assert_eq!(Period::containing(2099, 12).as_str(), "2099/00");
    }

    #[test]
    fn financial_years_parse_in_either_common_form() {
        assert_eq!(Period::parse("2025/26").unwrap().as_str(), "2025/26");
        assert_eq!(Period::parse(" 2025-26 ").unwrap().as_str(), "2025/26");
        assert_eq!(Period::parse("2099/00").unwrap().as_str(), "2099/00");
        assert_eq!(Period::parse("2025/26").unwrap().start_year(), 2025);
    }

    #[test]
    fn every_financial_year_that_parses_is_listed_and_nothing_else() {
        let listed: Vec<String> = Period::all().map(String::from).collect();
        assert_eq!(listed.len(), 83);
        assert_eq!((listed[0].as_str(), listed[82].as_str()), ("2018/19", "2100/01"));
        for start in 1990..=2110 {
            for end in 0..100 {
                let written = format!("{start}/{end:02}");
                assert_eq!(Period::parse(&written).is_ok(), listed.contains(&written), "{written}");
            }
        }
    }

    #[test]
    fn anything_else_is_refused_with_a_hint() {
        for bad in ["", "2025", "25/26", "2025/2026", "abcd/ef", "2025/26/27"] {
            assert!(Period::parse(bad).is_err(), "{bad} should be refused");
        }
        assert_eq!(
            Period::parse("2025/27").unwrap_err(),
            "A financial year ends the year after it starts: did you mean 2025/26?"
        );
        assert!(Period::parse("1999/00").unwrap_err().contains("2018/19"));
        // A short end is a badly written period, not a wrong year.
        assert_eq!(
            Period::parse("2025/6").unwrap_err(),
            "Enter the period as a financial year, like 2025/26 (you entered “2025/6”)"
        );
        assert_eq!(String::from(Period::parse("2025-26").unwrap()), "2025/26");
    }
}
