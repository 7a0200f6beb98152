//! Regional validation, as NHS England's own digital maturity assessment does it: a moderated peer
//! review goes to its ICS's region (`crate::regions`), whose team looks at its outliers and
//! confirms it (it becomes provisional: `crate::provisional`) or returns it to the lead reviewer
//! with a reason. Outliers are what an outsider should look at twice: a peer level two or more
//! from the organisation's own self-assessment, a level two or more from the median of similar
//! organisations (the same kind, the same year), and a high level with little evidence.

use crate::outcomes::{Outcome, Spread, format_level};
use crate::review::{ReviewDetail, ReviewStatus};
use crate::timestamp::Timestamp;
use serde::{Deserialize, Serialize};

/// Levels this far apart (or further) make an outlier.
pub const FAR: u8 = 2;
/// A level this high or higher needs evidence behind it.
pub const HIGH_LEVEL: u8 = 4;
/// Fewer statements with evidence than this, across the reviewers, is little for a high level.
pub const LITTLE_EVIDENCE: usize = 3;
/// Similar organisations' median counts once this many have a published level.
pub const SIMILAR_AT_LEAST: usize = 3;

/// Something about a measure's agreed level that the region should look at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", tag = "kind")]
pub enum Outlier {
    /// The peer level is `FAR` or more from the organisation's self-assessment.
    FarFromSelfAssessment {
        measure: u8,
        level: u8,
        #[serde(rename = "selfAssessed")]
        self_assessed: u8,
    },
    /// The level is `FAR` or more from the median of similar organisations' published levels.
    FarFromSimilar { measure: u8, level: u8, median: f32, count: usize },
    /// A level of `HIGH_LEVEL` or more with fewer than `LITTLE_EVIDENCE` statements evidenced.
    HighWithLittleEvidence { measure: u8, level: u8, evidenced: usize },
}

impl Outlier {
    pub fn measure(&self) -> u8 {
        match self {
            Outlier::FarFromSelfAssessment { measure, .. }
            | Outlier::FarFromSimilar { measure, .. }
            | Outlier::HighWithLittleEvidence { measure, .. } => *measure,
        }
    }

    /// What the region should look at, as a sentence.
    pub fn explain(&self) -> String {
        match self {
            Outlier::FarFromSelfAssessment { level, self_assessed, .. } => format!(
                "The peer reviewers agreed level {level}; the organisation assessed itself at level {self_assessed}."
            ),
            Outlier::FarFromSimilar { level, median, count, .. } => format!(
                "Level {level} is far from similar organisations: their median is {} ({count} published this year).",
                format_level(*median)
            ),
            Outlier::HighWithLittleEvidence { level, evidenced, .. } => format!(
                "Level {level} rests on {evidenced} evidenced statement{}: a high level needs at least {LITTLE_EVIDENCE}.",
                if *evidenced == 1 { "" } else { "s" }
            ),
        }
    }
}

/// The outliers of a peer review's agreed levels, measure by measure: against the
/// organisation's self-assessment for the year (its agreed levels, else its reviewers' own), and
/// against `similar`, the published outcomes of organisations of the same kind that year (the
/// organisation's own left out).
pub fn outliers(
    detail: &ReviewDetail,
    self_assessment: Option<&ReviewDetail>,
    similar: &[Outcome],
) -> Vec<Outlier> {
    let mut found = Vec::new();
    for agreed in &detail.agreed {
        let (measure, level) = (agreed.measure, agreed.level.value());
        if let Some(own) = self_assessment.and_then(|own| self_assessed_level(own, measure))
            && level.abs_diff(own) >= FAR
        {
            found.push(Outlier::FarFromSelfAssessment { measure, level, self_assessed: own });
        }
        let levels = similar
            .iter()
            .filter(|outcome| outcome.ods_code != detail.review.organisation)
            .filter_map(|outcome| outcome.levels.get(usize::from(measure) - 1).copied().flatten());
        if let Some(spread) = Spread::of(levels).filter(|spread| spread.count >= SIMILAR_AT_LEAST)
            && (f32::from(level) - spread.median).abs() >= f32::from(FAR)
        {
            found.push(Outlier::FarFromSimilar {
                measure,
                level,
                median: spread.median,
                count: spread.count,
            });
        }
        let evidenced = evidenced_statements(detail, measure);
        if level >= HIGH_LEVEL && evidenced < LITTLE_EVIDENCE {
            found.push(Outlier::HighWithLittleEvidence { measure, level, evidenced });
        }
    }
    found
}

/// The self-assessment's level for a measure: its agreed level, else the lowest its reviewers gave.
fn self_assessed_level(own: &ReviewDetail, measure: u8) -> Option<u8> {
    own.agreed_level(measure).map(|agreed| agreed.level.value()).or_else(|| {
        own.assessments(measure).filter_map(|assessment| assessment.level).map(|level| level.value()).min()
    })
}

/// How many statements of a measure have evidence (a note or a link) from any reviewer.
fn evidenced_statements(detail: &ReviewDetail, measure: u8) -> usize {
    let mut statements: Vec<&str> = detail
        .assessments(measure)
        .flat_map(|assessment| assessment.statements.iter())
        .filter(|answer| !answer.evidence.trim().is_empty() || !answer.links.is_empty())
        .map(|answer| answer.statement.as_str())
        .collect();
    statements.sort_unstable();
    statements.dedup();
    statements.len()
}

/// A moderated peer review waiting for its region: what the region's list shows, kept beside the
/// region (one Query lists them) from moderation until the region decides.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AwaitingValidation {
    pub review_id: crate::ids::ReviewId,
    pub organisation: crate::organisation::OdsCode,
    pub organisation_name: String,
    pub ics_code: crate::organisation::OdsCode,
    pub period: crate::period::Period,
    pub moderated_at: Timestamp,
}

impl AwaitingValidation {
    pub fn of(detail: &ReviewDetail) -> Option<Self> {
        let review = &detail.review;
        (review.status == ReviewStatus::Moderated && review.needs_acceptance()).then(|| AwaitingValidation {
            review_id: review.id.clone(),
            organisation: review.organisation.clone(),
            organisation_name: review.organisation_name.clone(),
            ics_code: review.ics_code.clone(),
            period: review.period.clone(),
            moderated_at: review.updated_at.clone(),
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::assessment::StatementAnswer;
    use crate::review::ReviewKind;
    use crate::test_support::{agreed, assessment, review};

    fn peer_review(levels: &[(u8, u8)]) -> ReviewDetail {
        let review = review(ReviewKind::PeerReview, &["lead@example.nhs.uk"]);
        let agreed = levels.iter().map(|(measure, level)| agreed(*measure, *level)).collect();
        ReviewDetail { review, measures: Vec::new(), agreed, round: None }
    }

    fn outcome(ods: &str, levels: [Option<u8>; 7]) -> Outcome {
        Outcome {
            ods_code: crate::organisation::OdsCode::parse(ods).unwrap(),
            name: ods.to_owned(),
            kind: crate::organisation::OrganisationKind::AcuteTrust,
            ics_code: crate::organisation::OdsCode::parse("QWO").unwrap(),
            period: crate::period::Period::parse("2025/26").unwrap(),
            framework_id: "wgll-2021".to_owned(),
            review_id: crate::ids::ReviewId::parse("0b6f3a52-3c55-4a1e-9a57-8f0d1d6b2a11").unwrap(),
            levels: levels.to_vec(),
            published_at: Timestamp::parse("2026-01-05T10:00:00.000Z").unwrap(),
        }
    }

    #[test]
    fn a_peer_level_two_from_the_self_assessment_is_an_outlier_and_one_is_not() {
        let peer = peer_review(&[(1, 4), (2, 3)]);
        let own = peer_review(&[(1, 2), (2, 2)]);
        assert_eq!(
            outliers(&peer, Some(&own), &[]),
            [
                Outlier::FarFromSelfAssessment { measure: 1, level: 4, self_assessed: 2 },
                Outlier::HighWithLittleEvidence { measure: 1, level: 4, evidenced: 0 },
            ]
        );
        assert_eq!(
            outliers(&peer, Some(&own), &[])[0].explain(),
            "The peer reviewers agreed level 4; the organisation assessed itself at level 2."
        );
    }

    #[test]
    fn a_level_two_from_similar_organisations_median_is_an_outlier_once_three_have_published() {
        let peer = peer_review(&[(3, 1)]);
        let similar = [
            outcome("RAA", [None, None, Some(3), None, None, None, None]),
            outcome("RBB", [None, None, Some(3), None, None, None, None]),
            outcome("RCC", [None, None, Some(4), None, None, None, None]),
        ];
        assert_eq!(
            outliers(&peer, None, &similar),
            [Outlier::FarFromSimilar { measure: 3, level: 1, median: 3.0, count: 3 }]
        );
        assert_eq!(
            outliers(&peer, None, &similar)[0].explain(),
            "Level 1 is far from similar organisations: their median is 3 (3 published this year)."
        );
        assert_eq!(outliers(&peer, None, &similar[..2]), [], "two published are too few to compare");
        let near = peer_review(&[(3, 2)]);
        assert_eq!(outliers(&near, None, &similar), []);
    }

    #[test]
    fn a_high_level_needs_three_evidenced_statements_counted_once_across_reviewers() {
        let mut peer = peer_review(&[(1, 5)]);
        let answer = |statement: &str, evidence: &str, links: &[&str]| StatementAnswer {
            statement: statement.to_owned(),
            answer: None,
            evidence: evidence.to_owned(),
            links: links.iter().map(|link| (*link).to_owned()).collect(),
        };
        let mut first = assessment(1, "lead@example.nhs.uk", None, Some(5));
        first.statements = vec![answer("org.1.1", "Board minutes", &[]), answer("org.1.2", " ", &[])];
        let mut second = assessment(1, "second@example.nhs.uk", None, Some(5));
        second.statements = vec![
            answer("org.1.1", "Also the minutes", &[]),
            answer("org.1.3", "", &["https://example.nhs.uk/a"]),
        ];
        peer.measures = vec![first, second];
        assert_eq!(
            outliers(&peer, None, &[]),
            [Outlier::HighWithLittleEvidence { measure: 1, level: 5, evidenced: 2 }]
        );
        peer.measures[0].statements[1].evidence = "Strategy".to_owned();
        assert_eq!(outliers(&peer, None, &[]), []);
        let low = peer_review(&[(1, 3)]);
        assert_eq!(outliers(&low, None, &[]), [], "a middling level needs no such check");
    }
}
