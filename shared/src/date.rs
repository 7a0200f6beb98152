//! Calendar dates, `YYYY-MM-DD`, as the forms and the API write them: parsed once at the boundary
//! into [`Date`] (on the `time` crate, which builds for the browser too), then compared and shown
//! as dates, never as strings.

use serde::{Deserialize, Deserializer, Serialize, Serializer};
use std::fmt;

/// The years a date may fall in: wide enough for any record here, narrow enough to catch a typo.
pub const YEARS: std::ops::RangeInclusive<i32> = 1990..=2100;

/// What [`Date::parse`] accepts, as a JSON Schema pattern, less the days a month does not have
/// (which `format: date` says): a year in [`YEARS`].
pub const DATE_PATTERN: &str = r"^(199[0-9]|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$";
/// What [`Month::parse`] accepts: a month of a year in [`YEARS`].
pub const MONTH_PATTERN: &str = r"^(199[0-9]|20[0-9]{2}|2100)-(0[1-9]|1[0-2])$";
/// What [`optional_month`] accepts: nothing, or a month of a year in [`YEARS`].
pub const OPTIONAL_MONTH_PATTERN: &str = r"^((199[0-9]|20[0-9]{2}|2100)-(0[1-9]|1[0-2]))?$";

/// A calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date(time::Date);

impl Date {
    /// The date `year`-`month`-`day`, if there is one (and its year is in [`YEARS`]).
    pub fn from_ymd(year: i32, month: u8, day: u8) -> Option<Self> {
        let month = time::Month::try_from(month).ok()?;
        let date = time::Date::from_calendar_date(year, month, day).ok()?;
        YEARS.contains(&year).then_some(Date(date))
    }

    /// `YYYY-MM-DD`, or a message saying what to type; `label` names the field ("the due date").
    /// The app's date inputs (day, month and year boxes) join what was typed as `year-month-day`,
    /// so a part left out or a date that does not exist gets NHS.UK's wording for those boxes.
    pub fn parse_labelled(value: &str, label: &str) -> Result<Self, String> {
        let value = value.trim();
        if value.is_empty() {
            return Err(format!("Enter {label}"));
        }
        if let Some(date) = Self::parse(value) {
            return Ok(date);
        }
        if let [year, month, day] = value.split('-').collect::<Vec<_>>()[..] {
            let missing: Vec<&str> = [(day, "day"), (month, "month"), (year, "year")]
                .into_iter()
                .filter(|(part, _)| part.trim().is_empty())
                .map(|(_, name)| name)
                .collect();
            if !missing.is_empty() {
                return Err(format!("{} must include a {}", capitalised(label), missing.join(" and a ")));
            }
            if [year, month, day].iter().all(|part| part.trim().bytes().all(|byte| byte.is_ascii_digit())) {
                return Err(format!("{} must be a real date", capitalised(label)));
            }
        }
        Err(format!("Enter {label} as a real date, like 2026-11-24 (you entered “{value}”)"))
    }

    /// The date from a date input's boxes as typed: `year-month-day` with one-digit days and
    /// months given their zero, what [`Date::parse_labelled`] reads; nothing when all are empty.
    pub fn join_parts(day: &str, month: &str, year: &str) -> String {
        let (day, month, year) = (day.trim(), month.trim(), year.trim());
        if day.is_empty() && month.is_empty() && year.is_empty() {
            return String::new();
        }
        let two_digits = |part: &str| {
            if part.len() == 1 && part.bytes().all(|byte| byte.is_ascii_digit()) {
                format!("0{part}")
            } else {
                part.to_owned()
            }
        };
        format!("{year}-{}-{}", two_digits(month), two_digits(day))
    }

    /// `YYYY-MM-DD` exactly.
    pub fn parse(value: &str) -> Option<Self> {
        let mut parts = value.split('-');
        let (year, month, day) = (parts.next()?, parts.next()?, parts.next()?);
        let well_formed = parts.next().is_none()
            && year.len() == 4
            && month.len() == 2
            && day.len() == 2
            && value.bytes().all(|byte| byte == b'-' || byte.is_ascii_digit());
        if !well_formed {
            return None;
        }
        Self::from_ymd(year.parse().ok()?, month.parse().ok()?, day.parse().ok()?)
    }

    /// The date `days` whole days after 1 January 1970: what a clock's seconds since then (÷ 86,400)
    /// come to.
    pub fn days_after_1970(days: u64) -> Self {
        let epoch = time::Date::from_calendar_date(1970, time::Month::January, 1).expect("a real date");
        let days = i64::try_from(days).unwrap_or(i64::MAX);
        Date(epoch.checked_add(time::Duration::days(days)).unwrap_or(time::Date::MAX))
    }

    /// The date `days` days later (the last date there is, past it).
    pub fn plus_days(self, days: u32) -> Self {
        Date(self.0.checked_add(time::Duration::days(i64::from(days))).unwrap_or(time::Date::MAX))
    }

    pub fn year(self) -> i32 {
        self.0.year()
    }

    /// 1 to 12.
    pub fn month(self) -> u8 {
        self.0.month().into()
    }

    pub fn day(self) -> u8 {
        self.0.day()
    }

    /// As people write it: `16 December 2021`.
    pub fn in_words(self) -> String {
        const MONTHS: [&str; 12] = [
            "January",
            "February",
            "March",
            "April",
            "May",
            "June",
            "July",
            "August",
            "September",
            "October",
            "November",
            "December",
        ];
        format!("{} {} {}", self.day(), MONTHS[usize::from(self.month()) - 1], self.year())
    }
}

impl fmt::Display for Date {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{:04}-{:02}-{:02}", self.year(), self.month(), self.day())
    }
}

impl Serialize for Date {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Date {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Date::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("“{text}” is not a date written YYYY-MM-DD")))
    }
}

/// A calendar month, `YYYY-MM`: when a service started or is expected.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Month {
    year: i32,
    month: u8,
}

impl Month {
    /// The month `date` falls in.
    pub fn of(date: Date) -> Self {
        Month { year: date.year(), month: date.month() }
    }

    /// The month from a date input's month and year boxes as typed: `year-month` with a
    /// one-digit month given its zero, what [`optional_month`] reads; nothing when both are empty.
    pub fn join_parts(month: &str, year: &str) -> String {
        Date::join_parts("", month, year).trim_end_matches('-').to_owned()
    }

    pub fn year(self) -> i32 {
        self.year
    }

    pub fn month(self) -> u8 {
        self.month
    }

    /// `YYYY-MM` exactly, in a year in [`YEARS`].
    pub fn parse(value: &str) -> Option<Self> {
        let well_formed = value.len() == 7 && value.as_bytes()[4] == b'-';
        let year = value.get(..4)?.parse::<u16>().ok().map(i32::from).filter(|year| YEARS.contains(year))?;
        let month = value.get(5..)?.parse::<u8>().ok().filter(|month| (1..=12).contains(month))?;
        (well_formed && value.bytes().all(|byte| byte == b'-' || byte.is_ascii_digit()))
            .then_some(Month { year, month })
    }
}

impl fmt::Display for Month {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(formatter, "{:04}-{:02}", self.year, self.month)
    }
}

impl Serialize for Month {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> Deserialize<'de> for Month {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = String::deserialize(deserializer)?;
        Month::parse(&text)
            .ok_or_else(|| serde::de::Error::custom(format!("“{text}” is not a month written YYYY-MM")))
    }
}

/// `label` with its first letter in capitals, to start a sentence.
fn capitalised(label: &str) -> String {
    let mut characters = label.chars();
    characters.next().map_or_else(String::new, |first| first.to_uppercase().chain(characters).collect())
}

/// An optional month, `YYYY-MM`.
pub fn optional_month(value: &str) -> Result<Option<Month>, String> {
    let value = value.trim();
    if value.is_empty() {
        return Ok(None);
    }
    match value.split_once('-') {
        Some((year, "")) if !year.is_empty() => return Err("The month must include a month".to_owned()),
        Some(("", month)) if !month.is_empty() => return Err("The month must include a year".to_owned()),
        _ => {}
    }
    Month::parse(value)
        .map(Some)
        .ok_or_else(|| format!("Enter the month as a year and month, like 2024-03 (you entered “{value}”)"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_real_date_reads_back_as_it_was_written() {
        let date = Date::parse("2028-02-29").unwrap();
        assert_eq!((date.year(), date.month(), date.day()), (2028, 2, 29));
        assert_eq!(date.to_string(), "2028-02-29");
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"2028-02-29\"");
        assert_eq!(serde_json::from_str::<Date>("\"2028-02-29\"").unwrap(), date);
    }

    #[test]
    fn only_real_dates_in_the_form_yyyy_mm_dd_are_dates() {
        for wrong in [
            "2026-02-29",
            "2026-13-01",
            "2026-04-31",
            "2026-00-10",
            "26-11-24",
            "2026-1-24",
            "24/11/2026",
            "2026-11-24x",
            "+026-11-24",
            "1989-12-31",
            "2101-01-01",
            "",
        ] {
            assert_eq!(Date::parse(wrong), None, "{wrong}");
        }
        assert!(serde_json::from_str::<Date>("\"2026-02-30\"").is_err());
    }

    #[test]
    fn a_clock_s_days_since_1970_are_a_calendar_date() {
        assert_eq!(Date::days_after_1970(0).to_string(), "1970-01-01");
        assert_eq!(Date::days_after_1970(19_782).to_string(), "2024-02-29");
        assert_eq!(Date::days_after_1970(20_790).to_string(), "2026-12-03");
        assert_eq!(Date::days_after_1970(20_790).plus_days(30).to_string(), "2027-01-02");
    }

    #[test]
    fn dates_compare_as_days_and_a_bad_one_says_what_to_type() {
        assert!(Date::parse("2026-11-24").unwrap() < Date::parse("2026-12-01").unwrap());
        assert!(Date::parse("2026-12-31").unwrap() < Date::parse("2027-01-01").unwrap());
        assert_eq!(Date::parse_labelled("  ", "the due date"), Err("Enter the due date".to_owned()));
        assert_eq!(
            Date::parse_labelled("31/03/2027", "the due date"),
            Err("Enter the due date as a real date, like 2026-11-24 (you entered “31/03/2027”)".to_owned())
        );
        assert_eq!(
            Date::parse_labelled(" 2027-03-31 ", "the due date"),
            Ok(Date::from_ymd(2027, 3, 31).unwrap())
        );
    }

    #[test]
    fn a_month_typed_in_month_and_year_boxes_reads_as_year_and_month() {
        assert_eq!(Month::join_parts("3", " 2024 "), "2024-03");
        assert_eq!(Month::join_parts("11", "2024"), "2024-11");
        assert_eq!(Month::join_parts(" ", ""), "");
        assert_eq!(optional_month(&Month::join_parts("3", "2024")), Ok(Month::parse("2024-03")));
        assert!(optional_month(&Month::join_parts("", "2024")).is_err(), "a year alone is not a month");
    }

    #[test]
    fn a_date_typed_in_day_month_and_year_boxes_says_which_part_is_wrong() {
        assert_eq!(Date::join_parts(" 3 ", "9", "2027"), "2027-09-03");
        assert_eq!(Date::join_parts("31", "03", "2027"), "2027-03-31");
        assert_eq!(Date::join_parts("", " ", ""), "");
        let message = |day: &str, month: &str, year: &str| {
            Date::parse_labelled(&Date::join_parts(day, month, year), "the due date").unwrap_err()
        };
        assert_eq!(message("31", "", "2027"), "The due date must include a month");
        assert_eq!(message("", "3", ""), "The due date must include a day and a year");
        assert_eq!(message("31", "2", "2027"), "The due date must be a real date");
        assert_eq!(
            message("31", "March", "2027"),
            "Enter the due date as a real date, like 2026-11-24 (you entered “2027-March-31”)"
        );
        assert_eq!(
            Date::parse_labelled(&Date::join_parts("29", "2", "2028"), "the due date"),
            Ok(Date::from_ymd(2028, 2, 29).unwrap())
        );
        assert_eq!(optional_month("2027-"), Err("The month must include a month".to_owned()));
        assert_eq!(optional_month("-04"), Err("The month must include a year".to_owned()));
    }

    #[test]
    fn a_date_is_a_real_day_of_the_calendar_leap_years_included() {
        let real = |value: &str| Date::parse_labelled(value, "the date").is_ok();
        for good in ["2024-02-29", "2000-02-29", "2025-02-28", "2025-04-30", "2025-01-31", "2025-12-31"] {
            assert!(real(good), "{good} is a real date");
        }
        for bad in [
            "2023-02-29", // not a leap year
            "1900-02-29", // a century, not divisible by 400
            "2100-02-29",
            "2025-04-31", // April, June, September and November have 30 days
            "2025-06-31",
            "2025-09-31",
            "2025-11-31",
            "2025-13-01",
            "2025-00-10",
            "2025-01-00",
            "25-01-01",
            "2025/01/01",
            "2025-1-01",
            "2025-01-1",
            "02025-01-01",
            "",
        ] {
            assert!(!real(bad), "{bad} is not");
        }
        assert_eq!(
            optional_month("2024-03").map(|month| month.map(|month| month.to_string())),
            Ok(Some("2024-03".to_owned()))
        );
        assert_eq!(optional_month(" "), Ok(None));
        for bad in ["2024-3", "2024_03", "2024-13", "1989-12", "202403x"] {
            assert!(optional_month(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn the_date_and_month_patterns_accept_what_date_and_optional_month_accept() {
        use crate::test_support::matches;
        for year in [0u16, 999, 1989, 1990, 1999, 2000, 2024, 2099, 2100, 2101, 9999] {
            for month in 0u8..=13 {
                let written = format!("{year:04}-{month:02}");
                assert_eq!(
                    matches(OPTIONAL_MONTH_PATTERN, &written),
                    optional_month(&written).is_ok(),
                    "{written}"
                );
                assert_eq!(matches(MONTH_PATTERN, &written), Month::parse(&written).is_some(), "{written}");
                for day in 0u8..=32 {
                    let written = format!("{year:04}-{month:02}-{day:02}");
                    let accepted = Date::parse(&written).is_some();
                    let stated = matches(DATE_PATTERN, &written);
                    // The pattern leaves out only the days a month does not have: `format: date`.
                    let year_in_range = YEARS.contains(&i32::from(year));
                    let real_day =
                        !year_in_range || Date::from_ymd(i32::from(year), month.clamp(1, 12), day).is_some();
                    assert_eq!(stated && real_day, accepted, "{written}");
                }
            }
        }
        assert!(matches(OPTIONAL_MONTH_PATTERN, ""));
        assert!(!matches(MONTH_PATTERN, ""));
    }

    #[test]
    fn months_compare_in_calendar_order() {
        let month = |text: &str| Month::parse(text).unwrap();
        assert!(month("2026-12") < month("2027-01"));
        assert_eq!(Month::of(Date::parse("2026-12-03").unwrap()), month("2026-12"));
        assert_eq!(serde_json::to_string(&month("2024-03")).unwrap(), "\"2024-03\"");
        assert!(serde_json::from_str::<Month>("\"2024-3\"").is_err());
    }
}
