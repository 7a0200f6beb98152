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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::review::ReviewKind;
    use crate::scoring::Answer::Met;
    use crate::test_support::{agreed, assessment, detail, review};

    #[test]
    fn each_measure_compares_the_agreed_or_else_the_lead_reviewers_level() {
        let framework = crate::framework::find(crate::framework::CURRENT).unwrap();
        let lead = "lead@example.nhs.uk";
        let own = detail(
            review(ReviewKind::SelfAssessment, &[lead]),
            vec![assessment(1, lead, Some(Met), Some(4)), assessment(2, lead, Some(Met), Some(2))],
            vec![],
        );
        // The peer review: measure 1 agreed at 2 (the lead said 3), measure 2 only the lead's 5,
        // measure 3 only a second reviewer's (not the lead's, so no level).
        let peer = detail(
            review(ReviewKind::PeerReview, &[lead, "second@example.nhs.uk"]),
            vec![
                assessment(1, lead, Some(Met), Some(3)),
                assessment(2, lead, Some(Met), Some(5)),
                assessment(3, "second@example.nhs.uk", Some(Met), Some(4)),
            ],
            vec![agreed(1, 2)],
        );
        let comparison = compare("2025/26", Some(&own), Some(&peer), framework);
        type Row = (u8, Option<u8>, Option<u8>, Option<i8>);
        let rows: Vec<Row> = comparison
            .measures
            .iter()
            .map(|row| (row.measure, row.self_level, row.peer_level, row.difference))
            .collect();
        assert_eq!(
            rows,
            [
                (1, Some(4), Some(2), Some(-2)),
                (2, Some(2), Some(5), Some(3)),
                (3, None, None, None),
                (4, None, None, None),
                (5, None, None, None),
                (6, None, None, None),
                (7, None, None, None),
            ]
        );
        assert_eq!(comparison.measures[0].title, "Well led");
        let alone = compare("2025/26", None, Some(&peer), framework);
        assert_eq!(
            (alone.measures[0].self_level, alone.measures[0].peer_level, alone.measures[0].difference),
            (None, Some(2), None)
        );
    }
}
