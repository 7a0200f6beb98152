//! What funding reads from peer reviews: the agreed levels of an organisation's (or ICS's) latest
//! *published* peer review. Drafts and self-assessments never count, so the outcomes read model
//! ([`Outcome`], written when a peer review is published) is the source.

use crate::framework::MeasureNumber;
use crate::ids::ReviewId;
use crate::maturity::MaturityLevel;
use crate::organisation::OdsCode;
use crate::outcomes::Outcome;
use crate::period::Period;
use crate::timestamp::Timestamp;
use serde::Serialize;

/// One published peer review's agreed levels, by measure.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PublishedLevels {
    ods_code: OdsCode,
    period: Period,
    review_id: ReviewId,
    /// When it was published, to pick the latest of two in one period.
    published_at: Timestamp,
    /// Measure 1 first; `None` where no level was agreed.
    levels: [Option<MaturityLevel>; 7],
}

impl PublishedLevels {
    /// Levels as given; a measure not listed has no agreed level.
    pub fn new(
        ods_code: OdsCode,
        period: Period,
        review_id: ReviewId,
        published_at: Timestamp,
        levels: &[(MeasureNumber, MaturityLevel)],
    ) -> Self {
        let mut by_measure = [None; 7];
        for (measure, level) in levels {
            by_measure[usize::from(measure.get() - 1)] = Some(*level);
        }
        Self { ods_code, period, review_id, published_at, levels: by_measure }
    }

    /// From the outcomes read model (a level outside 1 to 5 there reads as not agreed).
    pub fn from_outcome(outcome: &Outcome) -> Self {
        let mut levels = [None; 7];
        for (index, level) in levels.iter_mut().enumerate() {
            *level = outcome.level(index as u8 + 1).and_then(|value| MaturityLevel::new(value).ok());
        }
        Self {
            ods_code: outcome.ods_code.clone(),
            period: outcome.period.clone(),
            review_id: outcome.review_id.clone(),
            published_at: outcome.published_at.clone(),
            levels,
        }
    }

    /// The latest of `reviews` for `ods_code`: the newest period, then the last published.
    pub fn latest<'a>(reviews: &'a [PublishedLevels], ods_code: &OdsCode) -> Option<&'a PublishedLevels> {
        reviews.iter().filter(|review| &review.ods_code == ods_code).max_by(|a, b| {
            (&a.period, &a.published_at, &a.review_id).cmp(&(&b.period, &b.published_at, &b.review_id))
        })
    }

    pub fn ods_code(&self) -> &OdsCode {
        &self.ods_code
    }
    pub fn period(&self) -> &Period {
        &self.period
    }
    pub fn review_id(&self) -> &ReviewId {
        &self.review_id
    }
    pub fn level(&self, measure: MeasureNumber) -> Option<MaturityLevel> {
        self.levels[usize::from(measure.get() - 1)]
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::organisation::OrganisationKind;

    #[test]
    fn the_latest_is_the_newest_period_then_the_last_published() {
        let code = OdsCode::parse("RR8").unwrap();
        let review = |period: &str, id: &str, at: &str| {
            PublishedLevels::new(
                code.clone(),
                Period::parse(period).unwrap(),
                crate::test_support::review_id(id),
                crate::test_support::at(at),
                &[],
            )
        };
        let reviews = [
            review("2022/23", "b", "2023-01-01T00:00:00.000Z"),
            review("2021/22", "c", "2023-06-01T00:00:00.000Z"),
            review("2022/23", "a", "2023-02-01T00:00:00.000Z"),
        ];
        assert_eq!(
            PublishedLevels::latest(&reviews, &code).unwrap().review_id(),
            &crate::test_support::review_id("a")
        );
        assert!(PublishedLevels::latest(&reviews, &OdsCode::parse("RXX").unwrap()).is_none());
    }

    #[test]
    fn an_outcome_s_agreed_levels_are_read_by_measure() {
        let outcome = Outcome {
            ods_code: OdsCode::parse("RR8").unwrap(),
            name: "Leeds".into(),
            kind: OrganisationKind::AcuteTrust,
            ics_code: OdsCode::parse("QWO").unwrap(),
            period: Period::parse("2022/23").unwrap(),
            framework_id: "wgll-2021".into(),
            review_id: crate::test_support::review_id("r-1"),
            levels: vec![Some(2), None, Some(4), Some(9), Some(1), Some(5), Some(3)],
            published_at: crate::test_support::at("2023-01-01T00:00:00.000Z"),
        };
        let levels = PublishedLevels::from_outcome(&outcome);
        let level = |n| levels.level(MeasureNumber::new(n).unwrap()).map(MaturityLevel::value);
        assert_eq!(
            (1..=7).map(level).collect::<Vec<_>>(),
            [Some(2), None, Some(4), None, Some(1), Some(5), Some(3)]
        );
    }
}
