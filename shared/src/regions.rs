//! NHS England's seven regions. Each covers a set of ICSs (an ICS's record names its region), and
//! its team validates the peer reviews of their organisations before they are published
//! (`crate::regional_validation`).

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum Region {
    NorthEastAndYorkshire,
    NorthWest,
    Midlands,
    EastOfEngland,
    London,
    SouthEast,
    SouthWest,
}

impl Region {
    pub const ALL: [Region; 7] = [
        Region::NorthEastAndYorkshire,
        Region::NorthWest,
        Region::Midlands,
        Region::EastOfEngland,
        Region::London,
        Region::SouthEast,
        Region::SouthWest,
    ];

    /// The JSON name, also used in group names (`region:london`), addresses and form values.
    pub fn code(self) -> &'static str {
        match self {
            Region::NorthEastAndYorkshire => "north-east-and-yorkshire",
            Region::NorthWest => "north-west",
            Region::Midlands => "midlands",
            Region::EastOfEngland => "east-of-england",
            Region::London => "london",
            Region::SouthEast => "south-east",
            Region::SouthWest => "south-west",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Region::NorthEastAndYorkshire => "North East and Yorkshire",
            Region::NorthWest => "North West",
            Region::Midlands => "Midlands",
            Region::EastOfEngland => "East of England",
            Region::London => "London",
            Region::SouthEast => "South East",
            Region::SouthWest => "South West",
        }
    }

    pub fn parse(code: &str) -> Result<Self, String> {
        Self::ALL
            .into_iter()
            .find(|region| region.code() == code.trim())
            .ok_or_else(|| "Choose one of NHS England’s seven regions".to_owned())
    }

    /// What [`Region::parse`] accepts, as a JSON Schema pattern (without anchors).
    pub fn pattern() -> String {
        Self::ALL.map(Region::code).join("|")
    }
}

impl std::fmt::Display for Region {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_seven_regions_read_back_from_their_codes() {
        assert_eq!(Region::parse(" london ").unwrap(), Region::London);
        assert_eq!(Region::parse("north-east-and-yorkshire").unwrap().label(), "North East and Yorkshire");
        assert_eq!(Region::parse("Wales").unwrap_err(), "Choose one of NHS England’s seven regions");
        assert_eq!(Region::ALL.len(), 7);
        for region in Region::ALL {
            assert!(crate::test_support::matches(&format!("^({})$", Region::pattern()), region.code()));
        }
    }
}
