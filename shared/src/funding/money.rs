//! Money as whole pence. Allocations must add up to their pot exactly, and a finance lead must be
//! able to check every line by hand, so amounts are integers and arithmetic is checked: nothing
//! here uses floating point, and an overflow is an error rather than a wrapped or rounded number.

use serde::{Deserialize, Serialize};
use std::fmt;

/// An amount of money in whole pence, never negative (a change that moves money between lines
/// says which way with its own sign, see `changes`). Serialised as the integer number of pence,
/// so `£1.50` is `150` on the wire: every amount in this service fits a JSON number exactly
/// (below 2^53 pence, £90 trillion).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Pence(u64);

impl Pence {
    pub const ZERO: Pence = Pence(0);

    pub const fn new(pence: u64) -> Self {
        Pence(pence)
    }

    /// Whole pounds, if the number of pence fits.
    pub const fn from_pounds(pounds: u64) -> Option<Self> {
        match pounds.checked_mul(100) {
            Some(pence) => Some(Pence(pence)),
            None => None,
        }
    }

    /// Whole millions of pounds (as the fund tables state them), if the number of pence fits.
    pub const fn from_millions(millions: u64) -> Option<Self> {
        match millions.checked_mul(1_000_000) {
            Some(pounds) => Self::from_pounds(pounds),
            None => None,
        }
    }

    pub const fn get(self) -> u64 {
        self.0
    }

    pub fn checked_add(self, other: Pence) -> Option<Pence> {
        self.0.checked_add(other.0).map(Pence)
    }

    pub fn checked_sub(self, other: Pence) -> Option<Pence> {
        self.0.checked_sub(other.0).map(Pence)
    }

    pub fn checked_mul(self, times: u64) -> Option<Pence> {
        self.0.checked_mul(times).map(Pence)
    }

    /// `self` moved by a signed number of pence, if the result is neither negative nor too big.
    pub fn checked_add_signed(self, pence: i64) -> Option<Pence> {
        self.0.checked_add_signed(pence).map(Pence)
    }

    /// The sum of some amounts, or `None` if it overflows.
    pub fn sum<I: IntoIterator<Item = Pence>>(amounts: I) -> Option<Pence> {
        amounts.into_iter().try_fold(Pence::ZERO, Pence::checked_add)
    }

    /// Pounds as typed in a form: `1234.56`, `£1,234.56`, `1234.5` or `1234`. Commas must group
    /// thousands; at most two decimal places (no fractions of a penny).
    pub fn parse_pounds(input: &str) -> Result<Pence, String> {
        let typed = input.trim();
        let invalid = || format!("Enter an amount in pounds, like £1,234.56 (you entered “{typed}”)");
        let digits = typed.strip_prefix('£').unwrap_or(typed);
        let (whole, fraction) = digits.split_once('.').unwrap_or((digits, ""));
        let groups: Vec<&str> = whole.split(',').collect();
        let grouped_well = groups.len() == 1
            || (!groups[0].is_empty()
                && groups[0].len() <= 3
                && groups[1..].iter().all(|group| group.len() == 3));
        let all_digits = |text: &str| text.bytes().all(|byte| byte.is_ascii_digit());
        if whole.is_empty() || !grouped_well || !groups.iter().all(|group| all_digits(group)) {
            return Err(invalid());
        }
        if digits.contains('.') && (fraction.is_empty() || fraction.len() > 2 || !all_digits(fraction)) {
            return Err(if fraction.len() > 2 && all_digits(fraction) {
                format!(
                    "Enter the amount to the nearest penny, with at most two decimal places (you entered “{typed}”)"
                )
            } else {
                invalid()
            });
        }
        let too_big = || format!("Enter an amount below £{}", Pence(u64::MAX));
        let pounds: u64 = groups.concat().parse().map_err(|_| too_big())?;
        let pence: u64 = match fraction.len() {
            0 => 0,
            1 => u64::from(fraction.as_bytes()[0] - b'0') * 10,
            _ => fraction.parse().map_err(|_| invalid())?,
        };
        Pence::from_pounds(pounds).and_then(|whole| whole.checked_add(Pence(pence))).ok_or_else(too_big)
    }
}

/// Pounds with thousands grouped and the pence always shown: `£1,234,567.89`, `£0.05`.
impl fmt::Display for Pence {
    fn fmt(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        let grouped = group(u128::from(self.0 / 100));
        write!(formatter, "£{grouped}.{:02}", self.0 % 100)
    }
}

/// A whole number with its thousands grouped: `1,234,567`.
pub fn group(value: u128) -> String {
    let digits = value.to_string();
    let mut grouped = String::with_capacity(digits.len() + digits.len() / 3);
    for (index, digit) in digits.chars().enumerate() {
        if index > 0 && (digits.len() - index).is_multiple_of(3) {
            grouped.push(',');
        }
        grouped.push(digit);
    }
    grouped
}

/// A signed number of pence in words, for a change: `+£12.00`, `−£0.50`, `£0.00`.
pub fn signed(pence: i64) -> String {
    let size = Pence(pence.unsigned_abs());
    match pence.signum() {
        1 => format!("+{size}"),
        -1 => format!("−{size}"),
        _ => size.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn amounts_show_as_pounds_with_grouped_thousands_and_two_decimal_places() {
        let cases = [
            (0, "£0.00"),
            (5, "£0.05"),
            (99, "£0.99"),
            (100, "£1.00"),
            (123_456, "£1,234.56"),
            (100_000, "£1,000.00"),
            (99_999_999, "£999,999.99"),
            (123_456_789, "£1,234,567.89"),
            (30_800_000_000, "£308,000,000.00"),
            (u64::MAX, "£184,467,440,737,095,516.15"),
        ];
        for (pence, shown) in cases {
            assert_eq!(Pence::new(pence).to_string(), shown);
        }
        assert_eq!(
            (signed(1_200), signed(-50), signed(0)),
            ("+£12.00".into(), "−£0.50".into(), "£0.00".into())
        );
    }

    #[test]
    fn arithmetic_is_checked_never_wrapped() {
        let max = Pence::new(u64::MAX);
        assert_eq!(max.checked_add(Pence::new(1)), None);
        assert_eq!(Pence::ZERO.checked_sub(Pence::new(1)), None);
        assert_eq!(max.checked_mul(2), None);
        assert_eq!(Pence::new(5).checked_add_signed(-6), None);
        assert_eq!(Pence::new(5).checked_add_signed(-5), Some(Pence::ZERO));
        assert_eq!(Pence::sum([Pence::new(1), Pence::new(2)]), Some(Pence::new(3)));
        assert_eq!(Pence::sum([max, Pence::new(1)]), None);
        assert_eq!(Pence::from_millions(308), Some(Pence::new(30_800_000_000)));
        assert_eq!(Pence::from_pounds(u64::MAX), None);
    }

    #[test]
    fn pounds_are_read_as_typed_to_the_penny() {
        let cases = [
            ("1234.56", 123_456),
            ("£1,234.56", 123_456),
            (" 1234.5 ", 123_450),
            ("1234", 123_400),
            ("0.07", 7),
            ("£1,000,000", 100_000_000),
        ];
        for (typed, pence) in cases {
            assert_eq!(Pence::parse_pounds(typed), Ok(Pence::new(pence)), "{typed}");
        }
        for wrong in ["", "£", "12.", ".5", "1,23", "12,3456", ",123", "1.2.3", "-5", "£ 5", "5p", "1e3"] {
            assert!(Pence::parse_pounds(wrong).is_err(), "{wrong}");
        }
        assert_eq!(
            Pence::parse_pounds("1.234"),
            Err("Enter the amount to the nearest penny, with at most two decimal places (you entered “1.234”)".into())
        );
        assert!(
            Pence::parse_pounds("999999999999999999999").unwrap_err().starts_with("Enter an amount below")
        );
    }

    #[test]
    fn pence_travel_as_a_plain_integer() {
        assert_eq!(serde_json::to_string(&Pence::new(150)).unwrap(), "150");
        assert_eq!(serde_json::from_str::<Pence>("150").unwrap(), Pence::new(150));
        assert!(serde_json::from_str::<Pence>("-1").is_err());
        assert!(serde_json::from_str::<Pence>("1.5").is_err());
    }
}
