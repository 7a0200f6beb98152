//! The three allocation principles of "Who Pays for What?" (NHSX, 2021), each a pure function from
//! a pot and its inputs to an [`Allocation`](crate::funding::allocation::Allocation):
//!
//! | principle | what it means | when the slide applies it | the slide's examples |
//! |---|---|---|---|
//! | [fair shares](fair_shares) | pro rata to population need (as CCG allocations) | new tech, or maintaining and improving existing tech, where all are already at the minimum standard | social care, innovation scaling, primary care, digital productivity |
//! | [levelling up](levelling_up) | more to the less digitally mature, to help them catch up | maintaining or improving existing tech where maturity varies significantly and a significant number fall below the minimum standard | shared care records, cyber security |
//! | [strategic investment](strategic) | by alignment with strategic priorities and return on investment | significant investments, or pilots, where there is not enough to pursue fair shares or levelling up in a year | frontline digitisation, innovation and productivity pilots (pre-scaling) |
//!
//! [`suggestion`] applies the "when" column to the agreed levels of published peer reviews.

pub mod fair_shares;
pub mod levelling_up;
pub mod strategic;
pub mod suggestion;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Principle {
    FairShares,
    LevellingUp,
    StrategicInvestment,
}

impl Principle {
    pub const ALL: [Principle; 3] =
        [Principle::FairShares, Principle::LevellingUp, Principle::StrategicInvestment];

    pub fn label(self) -> &'static str {
        match self {
            Principle::FairShares => "Fair shares",
            Principle::LevellingUp => "Levelling up",
            Principle::StrategicInvestment => "Strategic investment",
        }
    }

    /// The slide's "what we mean by this approach".
    pub fn meaning(self) -> &'static str {
        match self {
            Principle::FairShares => "Pro rata according to population needs, as CCG allocations are",
            Principle::LevellingUp => {
                "More resources to those that are less digitally mature, to help them catch up"
            }
            Principle::StrategicInvestment => {
                "Funds allocated by alignment with strategic priorities and return on investment or value for money"
            }
        }
    }
}
