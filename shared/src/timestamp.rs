//! Moments, as every record keeps them: when it was created, changed, published or exported.
//! One fixed-width text form, RFC 3339 in UTC to the millisecond (`2026-12-03T10:15:00.000Z`), so
//! that text order is time order and a timestamp can lead a sort key. (Its OpenAPI schema, in
//! `schema.rs`, states [`TIMESTAMP_PATTERN`].)

use crate::date::Date;
use serde::{Deserialize, Serialize};
use std::fmt;

/// What [`Timestamp::parse`] accepts, as a JSON Schema pattern (less the days a month lacks): a
/// date as `date::DATE_PATTERN` states it, then the time. (As tight as the rule, so a client
/// generating timestamps from the description seldom makes one the API refuses.)
pub const TIMESTAMP_PATTERN: &str = r"^(199[0-9]|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{3}Z$";

const MILLIS_PER_DAY: u64 = 86_400_000;

/// A moment in UTC, to the millisecond.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "String", into = "String")]
pub struct Timestamp(String);

impl Timestamp {
    /// The moment `millis` milliseconds after the start of 1970 (UTC): what a clock reads.
    pub fn from_unix_millis(millis: u64) -> Self {
        let date = Date::days_after_1970(millis / MILLIS_PER_DAY);
        let in_day = millis % MILLIS_PER_DAY;
        let (hours, minutes) = (in_day / 3_600_000, in_day / 60_000 % 60);
        let (seconds, millis) = (in_day / 1_000 % 60, in_day % 1_000);
        Self(format!("{date}T{hours:02}:{minutes:02}:{seconds:02}.{millis:03}Z"))
    }

    /// `YYYY-MM-DDTHH:MM:SS.mmmZ` exactly, with a real date and time.
    pub fn parse(input: &str) -> Result<Self, String> {
        let refuse = || format!("“{input}” is not a timestamp written like 2026-12-03T10:15:00.000Z");
        if input.len() != 24 || !input.is_ascii() {
            return Err(refuse());
        }
        let date = Date::parse(&input[..10]);
        let number = |range: std::ops::Range<usize>, most: u16| {
            let digits = &input[range];
            digits.bytes().all(|byte| byte.is_ascii_digit())
                && digits.parse::<u16>().is_ok_and(|value| value <= most)
        };
        let well_formed = date.is_some()
            && &input[10..11] == "T"
            && number(11..13, 23)
            && &input[13..14] == ":"
            && number(14..16, 59)
            && &input[16..17] == ":"
            && number(17..19, 59)
            && &input[19..20] == "."
            && number(20..23, 999)
            && &input[23..] == "Z";
        if well_formed { Ok(Self(input.to_owned())) } else { Err(refuse()) }
    }

    /// The day it falls on, in UTC.
    pub fn date(&self) -> Date {
        Date::parse(&self.0[..10]).expect("a timestamp starts with its date")
    }

    /// To the minute, as people read it: `2026-12-03 10:15`.
    pub fn to_minute(&self) -> String {
        format!("{} {}", &self.0[..10], self.time_of_day())
    }

    /// The time of day, to the minute: `10:15`.
    pub fn time_of_day(&self) -> &str {
        &self.0[11..16]
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl TryFrom<String> for Timestamp {
    type Error = String;

    fn try_from(value: String) -> Result<Self, String> {
        Self::parse(&value)
    }
}

impl From<Timestamp> for String {
    fn from(timestamp: Timestamp) -> String {
        timestamp.0
    }
}

impl fmt::Display for Timestamp {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str(&self.0)
    }
}

impl PartialEq<&str> for Timestamp {
    fn eq(&self, other: &&str) -> bool {
        self.0 == *other
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_clock_reading_becomes_a_fixed_width_utc_timestamp() {
        assert_eq!(Timestamp::from_unix_millis(0), "1970-01-01T00:00:00.000Z");
        // 2026-12-03 is 20,790 days after 1970-01-01; 10:15:07.042 is 36,907,042 ms into it.
        assert_eq!(Timestamp::from_unix_millis(20_790 * 86_400_000 + 36_907_042), "2026-12-03T10:15:07.042Z");
        assert_eq!(Timestamp::from_unix_millis(20_790 * 86_400_000 + 86_399_999), "2026-12-03T23:59:59.999Z");
    }

    #[test]
    fn people_read_it_to_the_minute() {
        let moment = Timestamp::parse("2026-12-03T09:05:59.999Z").unwrap();
        assert_eq!((moment.to_minute().as_str(), moment.time_of_day()), ("2026-12-03 09:05", "09:05"));
    }

    #[test]
    fn text_order_is_time_order() {
        let earlier = Timestamp::from_unix_millis(20_790 * 86_400_000 + 999);
        let later = Timestamp::from_unix_millis(20_790 * 86_400_000 + 1_000);
        assert!(earlier.as_str() < later.as_str());
        assert!(earlier < later);
    }

    #[test]
    fn only_a_real_moment_in_the_one_form_parses() {
        assert_eq!(Timestamp::parse("2026-12-03T10:15:00.000Z").unwrap().date().to_string(), "2026-12-03");
        for bad in [
            "",
            "2026-12-03",
            "2026-12-03T10:15:00Z",    // no milliseconds: another width
            "2026-12-03T10:15:00.000", // no zone
            "2026-12-03T10:15:00.000+01:00",
            "2026-02-30T10:15:00.000Z", // no such day
            "2026-12-03T24:00:00.000Z",
            "2026-12-03T10:60:00.000Z",
            "2026-12-03 10:15:00.000Z",
            "2026-12-03T10:15:00.0a0Z",
        ] {
            assert!(Timestamp::parse(bad).is_err(), "{bad:?} was accepted");
        }
    }

    #[test]
    fn the_pattern_accepts_what_parse_keeps() {
        let pattern = crate::test_support::matches;
        assert!(pattern(TIMESTAMP_PATTERN, "2026-12-03T10:15:00.000Z"));
        assert!(!pattern(TIMESTAMP_PATTERN, "2026-12-03T10:15:00Z"));
        assert!(!pattern(TIMESTAMP_PATTERN, "2026-12-03T24:15:00.000Z"));
        assert!(!pattern(TIMESTAMP_PATTERN, "2026-13-03T10:15:00.000Z"));
        assert!(!pattern(TIMESTAMP_PATTERN, "1989-12-03T10:15:00.000Z"));
        // The pattern and the rule agree on every month and day of a year, less the days a month lacks.
        for month in 0..=13 {
            for day in 0..=32 {
                let written = format!("2028-{month:02}-{day:02}T23:59:59.999Z");
                let real_day = crate::date::Date::from_ymd(2028, month.clamp(1, 12), day).is_some();
                assert_eq!(
                    pattern(TIMESTAMP_PATTERN, &written) && real_day,
                    Timestamp::parse(&written).is_ok(),
                    "{written}"
                );
            }
        }
    }
}
