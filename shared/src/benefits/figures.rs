//! A benefit's figures (its baseline, target and the values realised) in their unit, as whole
//! numbers of the unit's smallest step: pence for money, thousandths for a per cent or a count.
//! So "the chance of a catastrophic failure from 1% to 0.1%" is 1,000 to 100, exactly, and every
//! sum and difference is an integer: nothing here uses floating point.

use crate::funding::Pence;
use crate::funding::money::group;
use serde::{Deserialize, Serialize};

/// A figure in its unit's smallest step (see [`Unit`]).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Figure(u64);

impl Figure {
    pub const fn new(steps: u64) -> Self {
        Figure(steps)
    }

    pub const fn get(self) -> u64 {
        self.0
    }
}

/// What a benefit is measured in.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Unit {
    /// Money, in pence.
    Pounds,
    /// A share or a chance, in thousandths of a per cent (0% to 100%).
    Percent,
    /// A number of things (hours, incidents, patients…), in thousandths.
    Count,
}

/// The largest amount of money a benefit names: £10bn, far above any NHS digital benefit, so a
/// typo of a few extra digits is caught, and any number of them sum within an `i64`.
pub const POUNDS_MAX: Pence = Pence::new(1_000_000_000_000);
/// The largest count: a thousand million, in thousandths.
pub const COUNT_MAX: u64 = 1_000_000_000_000;
/// 100%, in thousandths of a per cent.
pub const PERCENT_MAX: u64 = 100_000;

impl Unit {
    pub const ALL: [Unit; 3] = [Unit::Pounds, Unit::Percent, Unit::Count];

    pub fn code(self) -> &'static str {
        match self {
            Unit::Pounds => "pounds",
            Unit::Percent => "percent",
            Unit::Count => "count",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Unit::Pounds => "Pounds",
            Unit::Percent => "Per cent",
            Unit::Count => "A number (hours, incidents, patients…)",
        }
    }

    pub fn parse(code: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|unit| unit.code() == code.trim())
    }

    /// A figure as typed: pounds as the funding forms read them (`£1,234.56`), a per cent with
    /// up to three decimal places (`0.1%`, `0.1`), a number likewise (`1,250.5`).
    pub fn read(self, typed: &str) -> Result<Figure, String> {
        let typed = typed.trim();
        match self {
            Unit::Pounds => {
                let amount = Pence::parse_pounds(typed)?;
                if amount > POUNDS_MAX {
                    return Err(format!("Enter an amount up to {POUNDS_MAX} (you entered “{typed}”)"));
                }
                Ok(Figure(amount.get()))
            }
            Unit::Percent => {
                let number = typed.strip_suffix('%').unwrap_or(typed).trim_end();
                match thousandths(number) {
                    Some(value) if value <= PERCENT_MAX => Ok(Figure(value)),
                    _ => Err(format!(
                        "Enter a percentage from 0 to 100, with at most three decimal places, like 0.1% (you entered “{typed}”)"
                    )),
                }
            }
            Unit::Count => match thousandths(typed) {
                Some(value) if value <= COUNT_MAX => Ok(Figure(value)),
                _ => Err(format!(
                    "Enter a number up to 1,000,000,000, with at most three decimal places, like 1,250 (you entered “{typed}”)"
                )),
            },
        }
    }

    /// A figure as people write it: `£1,234.56`, `0.1%`, `1,250.5`.
    pub fn show(self, figure: Figure) -> String {
        match self {
            Unit::Pounds => Pence::new(figure.0).to_string(),
            Unit::Percent => format!("{}%", show_thousandths(u128::from(figure.0))),
            Unit::Count => show_thousandths(u128::from(figure.0)),
        }
    }

    /// What a form shows to be typed again: [`Unit::show`] without the pound sign.
    pub fn typed(self, figure: Figure) -> String {
        self.show(figure).trim_start_matches('£').to_owned()
    }

    /// A signed difference in this unit, for a movement: `+£12.00`, `−0.9%`, `0`.
    pub fn show_signed(self, steps: i64) -> String {
        let size = self.show(Figure(steps.unsigned_abs()));
        match steps.signum() {
            1 => format!("+{size}"),
            -1 => format!("−{size}"),
            _ => size,
        }
    }
}

/// A non-negative number with at most three decimal places, commas grouping its thousands or
/// none, in thousandths: `1,250.5` is 1,250,500. `None` for anything else, or one too big.
fn thousandths(typed: &str) -> Option<u64> {
    let (whole, fraction) = typed.split_once('.').unwrap_or((typed, ""));
    let groups: Vec<&str> = whole.split(',').collect();
    let grouped_well = groups.len() == 1
        || (!groups[0].is_empty()
            && groups[0].len() <= 3
            && groups[1..].iter().all(|group| group.len() == 3));
    let digits = |text: &str| text.bytes().all(|byte| byte.is_ascii_digit());
    let well_formed = !whole.is_empty()
        && grouped_well
        && groups.iter().all(|group| digits(group))
        && (!typed.contains('.') || (1..=3).contains(&fraction.len()))
        && digits(fraction);
    if !well_formed {
        return None;
    }
    let whole: u64 = groups.concat().parse().ok()?;
    let fraction: u64 = format!("{fraction:0<3}").parse().ok()?;
    whole.checked_mul(1_000)?.checked_add(fraction)
}

/// Thousandths as a number with its thousands grouped and no trailing zeros: `1,250.5`, `0.1`, `3`.
fn show_thousandths(value: u128) -> String {
    let whole = group(value / 1_000);
    let fraction = format!("{:03}", value % 1_000);
    match fraction.trim_end_matches('0') {
        "" => whole,
        fraction => format!("{whole}.{fraction}"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_chance_from_one_per_cent_to_a_tenth_is_exact() {
        assert_eq!(Unit::Percent.read("1%"), Ok(Figure::new(1_000)));
        assert_eq!(Unit::Percent.read(" 0.1 % "), Ok(Figure::new(100)));
        assert_eq!(Unit::Percent.read("0.001"), Ok(Figure::new(1)));
        assert_eq!(Unit::Percent.read("100"), Ok(Figure::new(100_000)));
        assert_eq!(Unit::Percent.show(Figure::new(100)), "0.1%");
        assert_eq!(Unit::Percent.show(Figure::new(1_000)), "1%");
        assert_eq!(Unit::Percent.show(Figure::new(12_345)), "12.345%");
        assert_eq!(Unit::Percent.show_signed(-900), "−0.9%");
        for wrong in ["", "100.001", "0.0001", "-1", "1e3", "a%", ".5", "5."] {
            assert!(Unit::Percent.read(wrong).is_err(), "{wrong}");
        }
        assert_eq!(
            Unit::Percent.read("101%"),
            Err("Enter a percentage from 0 to 100, with at most three decimal places, like 0.1% (you entered “101%”)"
                .to_owned())
        );
    }

    #[test]
    fn money_is_pence_and_counts_are_thousandths() {
        assert_eq!(Unit::Pounds.read("£250,000.50"), Ok(Figure::new(25_000_050)));
        assert_eq!(Unit::Pounds.show(Figure::new(25_000_050)), "£250,000.50");
        assert_eq!(Unit::Pounds.typed(Figure::new(25_000_050)), "250,000.50");
        assert_eq!(Unit::Pounds.show_signed(1_200), "+£12.00");
        assert_eq!(
            Unit::Pounds.read("10,000,000,000.01"),
            Err("Enter an amount up to £10,000,000,000.00 (you entered “10,000,000,000.01”)".to_owned())
        );
        assert_eq!(Unit::Count.read("1,250.5"), Ok(Figure::new(1_250_500)));
        assert_eq!(Unit::Count.read("12"), Ok(Figure::new(12_000)));
        assert_eq!(Unit::Count.show(Figure::new(1_250_500)), "1,250.5");
        assert_eq!(Unit::Count.show(Figure::new(0)), "0");
        assert_eq!(Unit::Count.show_signed(0), "0");
        for wrong in ["1,25", "12,3456", "1.2345", "lots", "1 000"] {
            assert!(Unit::Count.read(wrong).is_err(), "{wrong}");
        }
        assert!(Unit::Count.read("1,000,000,000.001").is_err(), "above a thousand million");
        assert!(Unit::Count.read("99999999999999999999").is_err(), "too big for the integer");
    }

    #[test]
    fn a_figure_reads_back_from_what_a_form_shows_of_it() {
        for typed in ["0", "0.1", "1%", "12.345", "1,250.5", "£250,000.50", "100", "999,999,999.999"] {
            for unit in Unit::ALL {
                if let Ok(figure) = unit.read(typed) {
                    assert_eq!(unit.read(&unit.typed(figure)), Ok(figure), "{typed} in {unit:?}");
                    assert_eq!(unit.read(&unit.show(figure)), Ok(figure), "{typed} in {unit:?}");
                }
            }
        }
    }

    #[test]
    fn units_travel_by_their_codes() {
        for unit in Unit::ALL {
            assert_eq!(Unit::parse(unit.code()), Some(unit));
            assert_eq!(serde_json::to_string(&unit).unwrap(), format!("\"{}\"", unit.code()));
        }
        assert_eq!(Unit::parse("furlongs"), None);
        assert_eq!(serde_json::to_string(&Figure::new(100)).unwrap(), "100");
    }
}
