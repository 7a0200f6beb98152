//! Self-assessment and peer review side by side: where an organisation has both for a period, the
//! level each gives every measure, and the difference.

use crate::framework::Framework;
use crate::maturity::MaturityLevel;
use crate::review::{Review, ReviewDetail};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MeasureComparison {
    pub measure: u8,
    pub title: String,
    #[serde(default)]
    pub self_level: Option<u8>,
    #[serde(default)]
    pub peer_level: Option<u8>,
    /// Peer level minus self level: negative where the organisation rated itself higher.
    #[serde(default)]
    pub difference: Option<i8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Comparison {
    pub period: String,
    #[serde(default)]
    pub self_assessment: Option<Review>,
    #[serde(default)]
    pub peer_review: Option<Review>,
    pub measures: Vec<MeasureComparison>,
}

impl ReviewDetail {
    /// A review's level for a measure: the agreed level once moderated, else the lead reviewer's.
    pub fn outcome_level(&self, number: u8) -> Option<MaturityLevel> {
        self.agreed_level(number).map(|agreed| agreed.level).or_else(|| {
            let lead = self.review.lead_reviewer()?;
            self.assessment(number, lead)?.level
        })
    }
}

/// Compares the two reviews measure by measure (either may be missing).
pub fn compare(
    period: &str,
    self_assessment: Option<&ReviewDetail>,
    peer_review: Option<&ReviewDetail>,
    framework: &Framework,
) -> Comparison {
    let level = |detail: Option<&ReviewDetail>, number| {
        detail.and_then(|d| d.outcome_level(number)).map(MaturityLevel::value)
    };
    let measures = framework
        .measures
        .iter()
        .map(|measure| {
            let (self_level, peer_level) =
                (level(self_assessment, measure.number), level(peer_review, measure.number));
            let difference = match (self_level, peer_level) {
                (Some(own), Some(peer)) => Some(peer as i8 - own as i8),
                _ => None,
            };
            MeasureComparison {
                measure: measure.number,
                title: measure.title.to_string(),
                self_level,
                peer_level,
                difference,
            }
        })
        .collect();
    Comparison {
        period: period.to_owned(),
        self_assessment: self_assessment.map(|detail| detail.review.clone()),
        peer_review: peer_review.map(|detail| detail.review.clone()),
        measures,
    }
}
