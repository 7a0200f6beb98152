//! The 2021/22 Unified Tech Fund (UTF), version `utf-2021/22.1`: the nine funds of NHSX's slide
//! "UTF – summary of funds", with each closing date and the available funding exactly as that slide
//! gives them (seed 001). The funds' names are the slide's, written out ("PODAC" in full as it does).
//!
//! # What the slide does not say: assumptions for an administrator to correct
//!
//! The slide gives a name, a closing date and an amount for each fund, and nothing else. These
//! are **assumptions**, chosen so the catalogue is usable, to be corrected in a new version:
//!
//! - **Capital and revenue**: every fund is taken as all capital (revenue £0). The slides list the
//!   "wrong mix of capital and revenue" among the problems with national tech funds, which were
//!   mostly capital; no per-fund split is published in the seeds.
//! - **Allocation principle**: the slide's table of principles names frontline digitisation
//!   (strategic investment), shared care records and cyber security (levelling up), and social
//!   care and digital productivity (fair shares) as examples; those five follow it. The other four
//!   are assumed: PODAC fair shares (the slide's "primary care" example), diagnostics and elective
//!   recovery strategic investment (significant investments), digital maternity levelling up.
//! - **Measures improved** and **kind of spending** (who would pay from 2022/23): chosen from each
//!   fund's name; shared care records is the slide's own example of ICS-funded system
//!   transformation, the rest are assumptions.
//!
//! # The total
//!
//! The nine amounts add up to £938 million. The slide states no total; the NHS Providers briefing
//! (seed 000) calls the UTF "a single pot worth £680m" but lists a different set of eight areas
//! (digital child health in, digitising social care and elective recovery out), so its figure is not
//! the sum of this table and is not used here.

use super::{Catalogue, Entry};
use crate::funding::principles::Principle::{FairShares, LevellingUp, StrategicInvestment};
use crate::funding::who_pays::SpendingCategory::{Applications, LocalCybersecurity, SystemTransformation};

pub const VERSION: &str = "utf-2021/22.1";
pub const PERIOD: &str = "2021/22";

/// Measures: 1 Well led, 2 Ensure smart foundations, 3 Safe practice, 4 Support people,
/// 5 Empower citizens, 6 Improve care, 7 Healthy populations.
pub const ENTRIES: [Entry; 9] = [
    Entry {
        id: "frontline-digitisation",
        name: "Frontline digitisation",
        closing_date: "2021-10-15",
        pounds: 308_000_000,
        capital_pounds: 308_000_000,
        principle: StrategicInvestment,
        measures: &[2, 4],
        category: Applications,
    },
    Entry {
        id: "shared-care-records",
        name: "Shared care records",
        closing_date: "2022-03-22",
        pounds: 50_000_000,
        capital_pounds: 50_000_000,
        principle: LevellingUp,
        measures: &[6, 7],
        category: SystemTransformation,
    },
    Entry {
        id: "cyber-security-infrastructure",
        name: "Cyber security infrastructure fund",
        closing_date: "2021-12-23",
        pounds: 27_000_000,
        capital_pounds: 27_000_000,
        principle: LevellingUp,
        measures: &[2, 3],
        category: LocalCybersecurity,
    },
    Entry {
        id: "digital-productivity",
        name: "Digital productivity",
        closing_date: "2021-11-30",
        pounds: 4_000_000,
        capital_pounds: 4_000_000,
        principle: FairShares,
        measures: &[4, 6],
        category: SystemTransformation,
    },
    Entry {
        id: "digital-podac",
        name: "Digital pharmacy, optometry, dental, ambulance and community (PODAC)",
        closing_date: "2021-10-07",
        pounds: 6_000_000,
        capital_pounds: 6_000_000,
        principle: FairShares,
        measures: &[2, 6],
        category: Applications,
    },
    Entry {
        id: "diagnostics",
        name: "Diagnostics",
        closing_date: "2021-12-23",
        pounds: 235_000_000,
        capital_pounds: 235_000_000,
        principle: StrategicInvestment,
        measures: &[2, 6],
        category: Applications,
    },
    Entry {
        id: "digital-maternity",
        name: "Digital maternity",
        closing_date: "2021-11-15",
        pounds: 50_000_000,
        capital_pounds: 50_000_000,
        principle: LevellingUp,
        measures: &[5, 6],
        category: Applications,
    },
    Entry {
        id: "digitising-social-care",
        name: "Digitising Social Care",
        closing_date: "2021-10-29",
        pounds: 8_000_000,
        capital_pounds: 8_000_000,
        principle: FairShares,
        measures: &[2, 6],
        category: Applications,
    },
    Entry {
        id: "elective-recovery-technology",
        name: "Elective recovery technology fund",
        closing_date: "2021-10-29",
        pounds: 250_000_000,
        capital_pounds: 250_000_000,
        principle: StrategicInvestment,
        measures: &[6],
        category: SystemTransformation,
    },
];

/// The catalogue, every fund checked by [`NewFund::validate`](crate::funding::fund::NewFund::validate).
pub fn catalogue() -> Catalogue {
    Catalogue::from_entries(VERSION, PERIOD, &ENTRIES)
        .expect("the compiled-in UTF 2021/22 catalogue is valid")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funding::money::Pence;
    use crate::funding::who_pays::Payer;

    #[test]
    fn the_nine_funds_have_the_slides_closing_dates_and_amounts() {
        // Written out by hand from seed 001, "UTF - summary of funds".
        let expected = [
            ("Frontline digitisation", "2021-10-15", 30_800_000_000),
            ("Shared care records", "2022-03-22", 5_000_000_000),
            ("Cyber security infrastructure fund", "2021-12-23", 2_700_000_000),
            ("Digital productivity", "2021-11-30", 400_000_000),
            (
                "Digital pharmacy, optometry, dental, ambulance and community (PODAC)",
                "2021-10-07",
                600_000_000,
            ),
            ("Diagnostics", "2021-12-23", 23_500_000_000),
            ("Digital maternity", "2021-11-15", 5_000_000_000),
            ("Digitising Social Care", "2021-10-29", 800_000_000),
            ("Elective recovery technology fund", "2021-10-29", 25_000_000_000),
        ];
        let catalogue = catalogue();
        assert_eq!(catalogue.version, "utf-2021/22.1");
        assert_eq!(catalogue.funds.len(), 9);
        for (fund, (name, closing, pence)) in catalogue.funds.iter().zip(expected) {
            assert_eq!(fund.name(), name);
            assert_eq!(fund.closing_date().map(|date| date.to_string()).as_deref(), Some(closing), "{name}");
            assert_eq!(fund.total(), Pence::new(pence), "{name}");
            assert_eq!(fund.period().as_str(), "2021/22");
        }
        assert_eq!(catalogue.fund("shared-care-records").unwrap().total().to_string(), "£50,000,000.00");
    }

    #[test]
    fn the_nine_funds_add_up_to_938_million_pounds() {
        // 308 + 50 + 27 + 4 + 6 + 235 + 50 + 8 + 250 = 938 (millions): the slide states no total.
        assert_eq!(catalogue().total(), Some(Pence::new(93_800_000_000)));
        assert_eq!(catalogue().total().unwrap().to_string(), "£938,000,000.00");
    }

    #[test]
    fn the_slides_examples_set_the_principles_they_name() {
        let catalogue = catalogue();
        let principle = |id: &str| catalogue.fund(id).unwrap().principle();
        assert_eq!(principle("frontline-digitisation"), StrategicInvestment);
        assert_eq!(principle("shared-care-records"), LevellingUp);
        assert_eq!(principle("cyber-security-infrastructure"), LevellingUp);
        assert_eq!(principle("digital-productivity"), FairShares);
        assert_eq!(principle("digitising-social-care"), FairShares);
        assert_eq!(catalogue.fund("shared-care-records").unwrap().category().payer(), Payer::Ics);
    }

    #[test]
    fn every_version_is_found_by_its_id_and_its_ids_are_unique() {
        for version in crate::funding::catalogue::VERSIONS {
            let catalogue = crate::funding::catalogue::find(version).unwrap();
            let mut ids: Vec<&str> = catalogue.funds.iter().map(|fund| fund.id().as_str()).collect();
            ids.sort_unstable();
            ids.dedup();
            assert_eq!(ids.len(), catalogue.funds.len());
            for fund in &catalogue.funds {
                assert_eq!(Pence::sum([fund.capital(), fund.revenue()]), Some(fund.total()));
            }
        }
        assert!(crate::funding::catalogue::find("utf-1999/00.1").is_none());
    }
}
