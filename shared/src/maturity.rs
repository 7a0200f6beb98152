//! Maturity levels 1 to 5. NHS England's digital maturity assessment scores each area in whole
//! numbers; a level counts only when all of its elements are met.

use serde::{Deserialize, Serialize};

/// (Its OpenAPI schema, in `schema.rs`, is an integer from [`MaturityLevel::MIN`] to [`MaturityLevel::MAX`].)
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(try_from = "u8", into = "u8")]
pub struct MaturityLevel(u8);

impl MaturityLevel {
    pub const MIN: u8 = 1;
    pub const MAX: u8 = 5;
    /// The level every organisation should reach, when nobody has said otherwise: levelling up
    /// counts who is below it.
    pub const MINIMUM_STANDARD: MaturityLevel = MaturityLevel(3);

    pub fn new(level: u8) -> Result<Self, String> {
        if (Self::MIN..=Self::MAX).contains(&level) {
            Ok(Self(level))
        } else {
            Err(format!("Choose a maturity level from {} to {}", Self::MIN, Self::MAX))
        }
    }

    pub fn all() -> impl Iterator<Item = MaturityLevel> {
        (Self::MIN..=Self::MAX).map(MaturityLevel)
    }

    pub fn value(self) -> u8 {
        self.0
    }

    pub fn name(self) -> &'static str {
        DESCRIPTORS[usize::from(self.0 - 1)].0
    }

    /// What a reviewer should see to award this level.
    pub fn descriptor(self) -> &'static str {
        DESCRIPTORS[usize::from(self.0 - 1)].1
    }
}

const DESCRIPTORS: [(&str, &str); 5] = [
    ("Initial", "Little is in place. Practice depends on individuals and is not planned, owned or measured."),
    (
        "Developing",
        "A plan and an owner exist and some elements are in place, but practice is inconsistent and not yet embedded.",
    ),
    (
        "Defined",
        "The essentials of every statement are in place, owned and used routinely across the organisation or system.",
    ),
    (
        "Managed",
        "Practice is embedded, measured and reviewed at board level, and the results are used to improve it with partners.",
    ),
    (
        "Leading",
        "Practice is continuously improved, its benefits to care are evidenced, and others learn from it.",
    ),
];

impl TryFrom<u8> for MaturityLevel {
    type Error = String;
    fn try_from(level: u8) -> Result<Self, Self::Error> {
        Self::new(level)
    }
}

impl From<MaturityLevel> for u8 {
    fn from(level: MaturityLevel) -> u8 {
        level.0
    }
}

impl std::fmt::Display for MaturityLevel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{} – {}", self.0, self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_whole_levels_from_one_to_five_exist() {
        assert!(MaturityLevel::new(0).is_err());
        assert!(MaturityLevel::new(6).is_err());
        let all: Vec<u8> = MaturityLevel::all().map(MaturityLevel::value).collect();
        assert_eq!(all, [1, 2, 3, 4, 5]);
        assert!(serde_json::from_str::<MaturityLevel>("7").is_err());
        assert_eq!(serde_json::from_str::<MaturityLevel>("3").unwrap().name(), "Defined");
        assert_eq!(MaturityLevel::new(5).unwrap().to_string(), "5 – Leading");
    }

    #[test]
    fn each_level_has_its_own_name_and_descriptor() {
        let one = MaturityLevel::new(1).unwrap();
        let five = MaturityLevel::new(5).unwrap();
        assert_eq!(u8::from(five), 5);
        assert_eq!(u8::from(one), 1);
        assert_eq!(one.name(), "Initial");
        assert_eq!(five.name(), "Leading");
        assert_ne!(one.descriptor(), five.descriptor());
        assert!(one.descriptor().starts_with("Little is in place."));
        assert!(!five.descriptor().is_empty());
    }
}
