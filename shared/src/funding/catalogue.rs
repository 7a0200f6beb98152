//! The fund catalogue as versioned, compiled-in data (like the offer's service catalogue): a
//! catalogue version is never edited once shipped; a correction is a new version beside it, so an
//! allocation made from one version can always be explained from that version.

pub mod utf_2021_22;

use super::fund::{Fund, NewFund};
use super::money::Pence;
use super::principles::Principle;
use super::who_pays::SpendingCategory;
use crate::period::Period;

/// One fund as written in a catalogue module: the figures as the source gives them.
#[derive(Debug, Clone, Copy)]
pub struct Entry {
    pub id: &'static str,
    pub name: &'static str,
    /// `YYYY-MM-DD`.
    pub closing_date: &'static str,
    /// The available funding in whole pounds.
    pub pounds: u64,
    /// Of `pounds`, how much is capital; the rest is revenue.
    pub capital_pounds: u64,
    pub principle: Principle,
    pub measures: &'static [u8],
    pub category: SpendingCategory,
}

/// A version of the catalogue: its funds, checked by the same rules as a fund an administrator adds.
#[derive(Debug, Clone, PartialEq)]
pub struct Catalogue {
    pub version: &'static str,
    pub period: Period,
    pub funds: Vec<Fund>,
}

impl Catalogue {
    fn from_entries(version: &'static str, period: &str, entries: &[Entry]) -> Result<Self, String> {
        let period = Period::parse(period)?;
        let funds = entries
            .iter()
            .map(|entry| {
                let pence =
                    |pounds| Pence::from_pounds(pounds).ok_or_else(|| format!("{}: too much", entry.id));
                let total = pence(entry.pounds)?;
                let capital = pence(entry.capital_pounds)?;
                let revenue = total
                    .checked_sub(capital)
                    .ok_or_else(|| format!("{}: capital exceeds total", entry.id))?;
                NewFund {
                    id: entry.id.into(),
                    name: entry.name.into(),
                    period: period.to_string(),
                    total,
                    capital,
                    revenue,
                    closing_date: entry.closing_date.into(),
                    principle: entry.principle,
                    measures: entry.measures.to_vec(),
                    category: entry.category,
                }
                .validate()
                .map_err(|errors| format!("{}: {errors:?}", entry.id))
            })
            .collect::<Result<Vec<Fund>, String>>()?;
        Ok(Self { version, period, funds })
    }

    /// The sum of every fund's total, or `None` if it overflows.
    pub fn total(&self) -> Option<Pence> {
        Pence::sum(self.funds.iter().map(Fund::total))
    }

    pub fn fund(&self, id: &str) -> Option<&Fund> {
        self.funds.iter().find(|fund| fund.id().as_str() == id)
    }
}

/// Every catalogue version's id, newest first.
pub const VERSIONS: [&str; 1] = [utf_2021_22::VERSION];

/// The shipped catalogue whose year `period` is, if one is: its funds are the published ones,
/// never changed or added to in the service.
pub fn shipped_for(period: &crate::period::Period) -> Option<Catalogue> {
    VERSIONS.iter().filter_map(|version| find(version)).find(|found| &found.period == period)
}

/// A catalogue version by its id.
pub fn find(version: &str) -> Option<Catalogue> {
    match version {
        utf_2021_22::VERSION => Some(utf_2021_22::catalogue()),
        _ => None,
    }
}
