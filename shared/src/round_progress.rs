//! The progress of an assessment round, for a region, an ICS or the country: each organisation's
//! peer review, phase by phase (not started, in progress, submitted, validated, published; late),
//! the counts and percentages, and who to chase.
//!
//! What the page knows of a review is a [`ReviewProgress`], kept beside the review and changed in
//! the same transaction as it (each save of a measure, each change of status or reviewers), so a
//! round's progress is read without reading a single assessment. Self-assessments are the
//! organisation's preparation, not the round's work: only peer reviews count here.

use crate::date::Date;
use crate::email::Email;
use crate::ids::ReviewId;
use crate::organisation::{OdsCode, Organisation, OrganisationKind};
use crate::period::Period;
use crate::regions::Region;
use crate::review::{Review, ReviewKind, ReviewStatus};
use crate::rounds::{Phase, Round};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, BTreeSet};

/// What the progress of a round needs from a review itself, copied from it at every change.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ProgressSummary {
    pub review_id: ReviewId,
    pub organisation: OdsCode,
    pub organisation_name: String,
    pub ics_code: OdsCode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    pub kind: ReviewKind,
    pub period: Period,
    pub status: ReviewStatus,
    /// The lead first.
    pub reviewers: Vec<Email>,
}

impl ProgressSummary {
    pub fn of(review: &Review) -> Self {
        ProgressSummary {
            review_id: review.id.clone(),
            organisation: review.organisation.clone(),
            organisation_name: review.organisation_name.clone(),
            ics_code: review.ics_code.clone(),
            region: review.region,
            kind: review.kind,
            period: review.period.clone(),
            status: review.status,
            reviewers: review.reviewers.clone(),
        }
    }
}

/// A review as the round's progress sees it: its summary and, measure by measure, whether
/// anything is recorded, who has completed it and whether it was saved late.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewProgress {
    pub summary: ProgressSummary,
    /// Measures with anything recorded by any reviewer.
    pub started: BTreeSet<u8>,
    /// (measure, reviewer) for each reviewer's completed assessment.
    pub completed: BTreeSet<(u8, Email)>,
    /// Measures saved after their phase closed.
    pub late: BTreeSet<u8>,
}

impl ReviewProgress {
    /// Whether some reviewer has completed `measure` (what submitting the review needs).
    pub fn is_completed(&self, measure: u8) -> bool {
        self.completed.iter().any(|(completed, _)| *completed == measure)
    }

    /// Where this review stands in `phase` on `today`.
    pub fn phase(&self, phase: &Phase, today: Date) -> PhaseProgress {
        let status = match self.summary.status {
            ReviewStatus::Draft if phase.measures.iter().any(|measure| self.started.contains(measure)) => {
                PhaseStatus::InProgress
            }
            ReviewStatus::Draft => PhaseStatus::NotStarted,
            ReviewStatus::Submitted | ReviewStatus::Moderated => PhaseStatus::Submitted,
            ReviewStatus::Provisional => PhaseStatus::Validated,
            ReviewStatus::Published => PhaseStatus::Published,
        };
        let saved_late = phase.measures.iter().any(|measure| self.late.contains(measure));
        let overdue = status.is_open() && today > phase.closes && !self.outstanding(phase).is_empty();
        PhaseProgress { status, late: saved_late || overdue }
    }

    /// The measures of `phase` that no reviewer has completed yet, while the review is a draft.
    pub fn outstanding(&self, phase: &Phase) -> Vec<u8> {
        if self.summary.status != ReviewStatus::Draft {
            return Vec::new();
        }
        phase.measures.iter().copied().filter(|measure| !self.is_completed(*measure)).collect()
    }
}

/// An organisation's peer review in one phase of the round.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum PhaseStatus {
    NotStarted,
    InProgress,
    /// Submitted or moderated: with its lead, then its region.
    Submitted,
    /// Confirmed by its region: the provisional release.
    Validated,
    Published,
}

impl PhaseStatus {
    pub const ALL: [PhaseStatus; 5] = [
        PhaseStatus::NotStarted,
        PhaseStatus::InProgress,
        PhaseStatus::Submitted,
        PhaseStatus::Validated,
        PhaseStatus::Published,
    ];

    pub fn label(self) -> &'static str {
        match self {
            PhaseStatus::NotStarted => "Not started",
            PhaseStatus::InProgress => "In progress",
            PhaseStatus::Submitted => "Submitted",
            PhaseStatus::Validated => "Validated",
            PhaseStatus::Published => "Published",
        }
    }

    /// Still the reviewers' work: what can be late, and who can be chased.
    pub fn is_open(self) -> bool {
        matches!(self, PhaseStatus::NotStarted | PhaseStatus::InProgress)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PhaseProgress {
    pub status: PhaseStatus,
    /// A measure of the phase saved after it closed, or the phase closed with work outstanding.
    pub late: bool,
}

/// Whose progress a page shows.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ProgressScope {
    Country,
    Region(Region),
    Ics(OdsCode),
}

/// One organisation's row: its peer review's status in each phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct OrganisationProgress {
    pub ods_code: OdsCode,
    pub name: String,
    pub kind: OrganisationKind,
    pub ics_code: OdsCode,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub region: Option<Region>,
    /// Its peer review for the year, if one was started.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_id: Option<ReviewId>,
    /// In the round's phase order.
    pub phases: Vec<PhaseProgress>,
}

/// How many organisations stand where in one phase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PhaseCount {
    pub status: PhaseStatus,
    pub count: usize,
    /// Of all the organisations, rounded to the nearest whole per cent (a half up).
    pub percent: u32,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PhaseSummary {
    pub name: String,
    pub opens: Date,
    pub closes: Date,
    /// One per status, in [`PhaseStatus::ALL`]'s order.
    pub counts: Vec<PhaseCount>,
    pub late: usize,
    pub late_percent: u32,
}

/// Someone to chase: an organisation's peer review behind in a phase that has opened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Chase {
    pub ods_code: OdsCode,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_id: Option<ReviewId>,
    pub phase: String,
    pub closes: Date,
    /// Its phase has closed.
    pub overdue: bool,
    /// The phase's measures nobody has completed (all of them when no review was started).
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::framework::MeasureNumber>))]
    pub measures: Vec<u8>,
    /// The review's reviewers, the lead first; none when no review was started (the
    /// organisation's leads start it).
    pub reviewers: Vec<Email>,
}

/// A round's progress for one scope on one day.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct RoundProgress {
    pub period: Period,
    /// "England", a region's name or an ICS's.
    pub scope: String,
    pub today: Date,
    pub phases: Vec<PhaseSummary>,
    /// By name.
    pub organisations: Vec<OrganisationProgress>,
    /// Soonest deadline first.
    pub chase: Vec<Chase>,
}

/// `count` of `total` as a whole per cent, a half rounded up; 0 of nothing is 0.
pub fn percent(count: usize, total: usize) -> u32 {
    if total == 0 {
        return 0;
    }
    ((200 * count + total) / (2 * total)) as u32
}

/// Where a review stands: the further on, the more it says about the organisation's round.
fn rank(review: &ReviewProgress) -> (u8, usize) {
    let status = match review.summary.status {
        ReviewStatus::Draft => 0,
        ReviewStatus::Submitted => 1,
        ReviewStatus::Moderated => 2,
        ReviewStatus::Provisional => 3,
        ReviewStatus::Published => 4,
    };
    (status, review.started.len())
}

impl RoundProgress {
    /// The progress of `round` for `organisations` (those in the scope, each ICS among them
    /// with its region), from `reviews` (any kind; only peer reviews of those organisations
    /// count, and an organisation's furthest on when it has more than one).
    pub fn build(
        round: &Round,
        scope: String,
        organisations: &[Organisation],
        reviews: &[ReviewProgress],
        today: Date,
    ) -> Self {
        let regions: BTreeMap<&OdsCode, Region> = organisations
            .iter()
            .filter_map(|organisation| Some((&organisation.ods_code, organisation.region?)))
            .collect();
        let mut furthest: BTreeMap<&OdsCode, &ReviewProgress> = BTreeMap::new();
        for review in reviews.iter().filter(|review| review.summary.kind == ReviewKind::PeerReview) {
            let entry = furthest.entry(&review.summary.organisation).or_insert(review);
            if rank(review) > rank(entry) {
                *entry = review;
            }
        }
        let mut sorted: Vec<&Organisation> = organisations.iter().collect();
        sorted
            .sort_by(|a, b| (a.name.to_lowercase(), &a.ods_code).cmp(&(b.name.to_lowercase(), &b.ods_code)));
        let mut rows = Vec::with_capacity(sorted.len());
        let mut chase = Vec::new();
        for organisation in sorted {
            let review = furthest.get(&organisation.ods_code).copied();
            let phases: Vec<PhaseProgress> = round
                .phases
                .iter()
                .map(|phase| match review {
                    Some(review) => review.phase(phase, today),
                    None => PhaseProgress { status: PhaseStatus::NotStarted, late: today > phase.closes },
                })
                .collect();
            for phase in round.phases.iter().filter(|phase| phase.opens <= today) {
                let (measures, reviewers) = match review {
                    Some(review) => (review.outstanding(phase), review.summary.reviewers.clone()),
                    None => (phase.measures.clone(), Vec::new()),
                };
                if !measures.is_empty() {
                    chase.push(Chase {
                        ods_code: organisation.ods_code.clone(),
                        name: organisation.name.clone(),
                        review_id: review.map(|review| review.summary.review_id.clone()),
                        phase: phase.name.clone(),
                        closes: phase.closes,
                        overdue: today > phase.closes,
                        measures,
                        reviewers,
                    });
                }
            }
            rows.push(OrganisationProgress {
                ods_code: organisation.ods_code.clone(),
                name: organisation.name.clone(),
                kind: organisation.kind,
                ics_code: organisation.ics().clone(),
                region: regions.get(organisation.ics()).copied(),
                review_id: review.map(|review| review.summary.review_id.clone()),
                phases,
            });
        }
        chase.sort_by_key(|chase| (chase.closes, chase.name.to_lowercase()));
        let total = rows.len();
        let phases = round
            .phases
            .iter()
            .enumerate()
            .map(|(index, phase)| {
                let in_phase = || rows.iter().map(|row| row.phases[index]);
                let counts = PhaseStatus::ALL
                    .into_iter()
                    .map(|status| {
                        let count = in_phase().filter(|progress| progress.status == status).count();
                        PhaseCount { status, count, percent: percent(count, total) }
                    })
                    .collect();
                let late = in_phase().filter(|progress| progress.late).count();
                PhaseSummary {
                    name: phase.name.clone(),
                    opens: phase.opens,
                    closes: phase.closes,
                    counts,
                    late,
                    late_percent: percent(late, total),
                }
            })
            .collect();
        RoundProgress { period: round.period.clone(), scope, today, phases, organisations: rows, chase }
    }

    /// A row per organisation, ODS codes on every row, each phase's status and whether it is late.
    pub fn to_csv(&self) -> String {
        let mut header =
            ["Period", "Region", "ICS ODS code", "ODS code", "Organisation", "Kind", "Peer review"]
                .map(str::to_owned)
                .to_vec();
        for phase in &self.phases {
            header.push(phase.name.clone());
            header.push(format!("{} late", phase.name));
        }
        let mut csv = crate::export::csv_row(header);
        for row in &self.organisations {
            let mut cells = vec![
                self.period.to_string(),
                row.region.map_or("", Region::label).to_owned(),
                row.ics_code.to_string(),
                row.ods_code.to_string(),
                row.name.clone(),
                row.kind.label().to_owned(),
                row.review_id.as_ref().map_or(String::new(), ToString::to_string),
            ];
            for phase in &row.phases {
                cells.push(phase.status.label().to_owned());
                cells.push(if phase.late { "Late" } else { "" }.to_owned());
            }
            csv.push_str(&crate::export::csv_row(cells));
        }
        csv
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::test_support::{email, review_id};

    fn date(text: &str) -> Date {
        Date::parse(text).expect("a date")
    }

    fn round() -> Round {
        let phase = |name: &str, opens: &str, closes: &str, measures: &[u8]| Phase {
            name: name.to_owned(),
            opens: date(opens),
            closes: date(closes),
            measures: measures.to_vec(),
        };
        Round {
            period: Period::parse("2025/26").expect("a period"),
            framework_id: crate::framework::CURRENT.to_owned(),
            phases: vec![
                phase("Phase 1", "2025-09-10", "2026-01-10", &[4]),
                phase("Phase 2", "2025-12-16", "2026-01-26", &[1, 2]),
                phase("Phase 3", "2026-01-01", "2026-01-31", &[3, 5, 6, 7]),
            ],
            opened_by: "Ada".to_owned(),
            opened_at: crate::test_support::moment(),
        }
    }

    fn organisation(code: &str, name: &str, ics: Option<&str>, region: Option<Region>) -> Organisation {
        Organisation {
            ods_code: OdsCode::parse(code).expect("a code"),
            name: name.to_owned(),
            kind: if ics.is_some() { OrganisationKind::AcuteTrust } else { OrganisationKind::Ics },
            ics_code: ics.map(|ics| OdsCode::parse(ics).expect("a code")),
            town: String::new(),
            region,
            contact: Default::default(),
            version: 1,
            created_at: crate::test_support::moment(),
            updated_at: crate::test_support::moment(),
        }
    }

    fn progress(
        ods: &str,
        id: &str,
        kind: ReviewKind,
        status: ReviewStatus,
        started: &[u8],
        completed: &[(u8, &str)],
        late: &[u8],
    ) -> ReviewProgress {
        ReviewProgress {
            summary: ProgressSummary {
                review_id: review_id(id),
                organisation: OdsCode::parse(ods).expect("a code"),
                organisation_name: ods.to_owned(),
                ics_code: OdsCode::parse("QWO").expect("a code"),
                region: None,
                kind,
                period: Period::parse("2025/26").expect("a period"),
                status,
                reviewers: vec![email("lead@example.nhs.uk"), email("second@example.nhs.uk")],
            },
            started: started.iter().copied().collect(),
            completed: completed.iter().map(|(measure, who)| (*measure, email(who))).collect(),
            late: late.iter().copied().collect(),
        }
    }

    const A: &str = "11111111-1111-4111-8111-111111111111";
    const B: &str = "22222222-2222-4222-8222-222222222222";
    const C: &str = "33333333-3333-4333-8333-333333333333";

    fn statuses(row: &OrganisationProgress) -> Vec<(&'static str, bool)> {
        row.phases.iter().map(|phase| (phase.status.label(), phase.late)).collect()
    }

    #[test]
    fn each_phase_has_its_own_status_and_lateness() {
        let round = round();
        // 20 January 2026: phase 1 has closed, phases 2 and 3 are open.
        let today = date("2026-01-20");
        let organisations = [
            organisation("QWO", "West Yorkshire ICS", None, Some(Region::NorthEastAndYorkshire)),
            organisation("RR8", "Leeds Teaching Hospitals", Some("QWO"), None),
            organisation("RAE", "Bradford Teaching Hospitals", Some("QWO"), None),
            organisation("RCF", "Airedale", Some("QWO"), None),
        ];
        let reviews = [
            // Leeds: measure 4 completed late by the second reviewer, measure 1 started.
            progress(
                "RR8",
                A,
                ReviewKind::PeerReview,
                ReviewStatus::Draft,
                &[4, 1],
                &[(4, "second@example.nhs.uk")],
                &[4],
            ),
            // Bradford: submitted; a self-assessment beside it does not count.
            progress(
                "RAE",
                B,
                ReviewKind::PeerReview,
                ReviewStatus::Submitted,
                &[1, 2, 3, 4, 5, 6, 7],
                &[],
                &[],
            ),
            progress("RAE", C, ReviewKind::SelfAssessment, ReviewStatus::Draft, &[], &[], &[]),
        ];
        let progress =
            RoundProgress::build(&round, "West Yorkshire ICS".to_owned(), &organisations, &reviews, today);
        let names: Vec<&str> = progress.organisations.iter().map(|row| row.name.as_str()).collect();
        assert_eq!(
            names,
            ["Airedale", "Bradford Teaching Hospitals", "Leeds Teaching Hospitals", "West Yorkshire ICS"]
        );
        // Airedale has no peer review: not started everywhere, late only where the phase closed.
        assert_eq!(
            statuses(&progress.organisations[0]),
            [("Not started", true), ("Not started", false), ("Not started", false)]
        );
        assert_eq!(
            statuses(&progress.organisations[1]),
            [("Submitted", false), ("Submitted", false), ("Submitted", false)]
        );
        assert_eq!(progress.organisations[1].review_id, Some(review_id(B)));
        // Leeds: phase 1 done but saved late; phase 2 in progress; phase 3 untouched.
        assert_eq!(
            statuses(&progress.organisations[2]),
            [("In progress", true), ("In progress", false), ("Not started", false)]
        );
        assert_eq!(progress.organisations[3].region, Some(Region::NorthEastAndYorkshire));
        assert_eq!(progress.organisations[2].region, Some(Region::NorthEastAndYorkshire));

        // Phase 1 of 4 organisations: 2 not started (50%), 1 in progress (25%), 1 submitted (25%).
        let phase_1: Vec<(usize, u32)> =
            progress.phases[0].counts.iter().map(|count| (count.count, count.percent)).collect();
        assert_eq!(phase_1, [(2, 50), (1, 25), (1, 25), (0, 0), (0, 0)]);
        // Late in phase 1: Airedale and the ICS (nothing started), Leeds (saved late): 3 of 4.
        assert_eq!((progress.phases[0].late, progress.phases[0].late_percent), (3, 75));
        assert_eq!((progress.phases[1].late, progress.phases[2].late), (0, 0));
    }

    type Chased<'a> = (&'a str, &'a str, &'a str, Vec<u8>, bool, usize);

    #[test]
    fn who_to_chase_is_every_opened_phase_with_work_nobody_completed_soonest_deadline_first() {
        let round = round();
        let today = date("2026-01-20");
        let organisations = [
            organisation("QWO", "West Yorkshire ICS", None, None),
            organisation("RR8", "Leeds Teaching Hospitals", Some("QWO"), None),
        ];
        let reviews = [progress(
            "RR8",
            A,
            ReviewKind::PeerReview,
            ReviewStatus::Draft,
            &[4, 1, 2],
            &[(4, "second@example.nhs.uk"), (1, "lead@example.nhs.uk")],
            &[],
        )];
        let progress = RoundProgress::build(&round, "ICS".to_owned(), &organisations, &reviews, today);
        let chase: Vec<Chased> = progress
            .chase
            .iter()
            .map(|chase| {
                let closes = if chase.closes == date("2026-01-10") { "10 Jan" } else { "later" };
                (
                    chase.name.as_str(),
                    chase.phase.as_str(),
                    closes,
                    chase.measures.clone(),
                    chase.overdue,
                    chase.reviewers.len(),
                )
            })
            .collect();
        assert_eq!(
            chase,
            [
                // The ICS never started: its overdue phase 1 first.
                ("West Yorkshire ICS", "Phase 1", "10 Jan", vec![4], true, 0),
                // Leeds: measure 2 of phase 2 is nobody's completed work yet.
                ("Leeds Teaching Hospitals", "Phase 2", "later", vec![2], false, 2),
                ("West Yorkshire ICS", "Phase 2", "later", vec![1, 2], false, 0),
                ("Leeds Teaching Hospitals", "Phase 3", "later", vec![3, 5, 6, 7], false, 2),
                ("West Yorkshire ICS", "Phase 3", "later", vec![3, 5, 6, 7], false, 0),
            ]
        );
        // Before phase 3 opens (31 December), nobody is chased for it.
        let early =
            RoundProgress::build(&round, "ICS".to_owned(), &organisations, &reviews, date("2025-12-31"));
        assert!(early.chase.iter().all(|chase| chase.phase != "Phase 3"));
        assert_eq!(early.chase.len(), 3);
    }

    #[test]
    fn a_phase_closed_with_its_measures_completed_is_not_late_and_a_review_past_drafting_owes_nothing() {
        let round = round();
        let today = date("2026-02-01");
        let organisations = [organisation("RR8", "Leeds", Some("QWO"), None)];
        let done = progress(
            "RR8",
            A,
            ReviewKind::PeerReview,
            ReviewStatus::Draft,
            &[4],
            &[(4, "lead@example.nhs.uk")],
            &[],
        );
        let progress = RoundProgress::build(&round, "x".to_owned(), &organisations, &[done], today);
        assert_eq!(
            statuses(&progress.organisations[0]),
            [("In progress", false), ("Not started", true), ("Not started", true)]
        );
        let published = progress_of(ReviewStatus::Published);
        let progress = RoundProgress::build(&round, "x".to_owned(), &organisations, &[published], today);
        assert_eq!(statuses(&progress.organisations[0])[0], ("Published", false));
        assert!(progress.chase.is_empty());
        let validated = progress_of(ReviewStatus::Provisional);
        let progress = RoundProgress::build(&round, "x".to_owned(), &organisations, &[validated], today);
        assert_eq!(statuses(&progress.organisations[0])[2], ("Validated", false));
    }

    fn progress_of(status: ReviewStatus) -> ReviewProgress {
        progress("RR8", A, ReviewKind::PeerReview, status, &[1, 2, 3, 4, 5, 6, 7], &[], &[])
    }

    #[test]
    fn the_furthest_peer_review_counts_when_there_are_two() {
        let round = round();
        let organisations = [organisation("RR8", "Leeds", Some("QWO"), None)];
        let reviews = [
            progress("RR8", A, ReviewKind::PeerReview, ReviewStatus::Draft, &[4], &[], &[]),
            progress_of(ReviewStatus::Moderated),
        ];
        let mut second = reviews[1].clone();
        second.summary.review_id = review_id(B);
        let progress = RoundProgress::build(
            &round,
            "x".to_owned(),
            &organisations,
            &[reviews[0].clone(), second],
            date("2026-01-20"),
        );
        assert_eq!(progress.organisations[0].review_id, Some(review_id(B)));
        assert_eq!(statuses(&progress.organisations[0])[0], ("Submitted", false));
    }

    #[test]
    fn percentages_round_a_half_up() {
        assert_eq!(percent(1, 3), 33);
        assert_eq!(percent(2, 3), 67);
        assert_eq!(percent(1, 8), 13); // 12.5
        assert_eq!(percent(0, 0), 0);
        assert_eq!(percent(5, 5), 100);
    }

    #[test]
    fn the_csv_has_a_row_per_organisation_with_each_phase_and_whether_it_is_late() {
        let round = round();
        let organisations = [
            organisation("QWO", "West Yorkshire ICS", None, Some(Region::NorthEastAndYorkshire)),
            organisation("RR8", "Leeds, \"Teaching\"", Some("QWO"), None),
        ];
        let reviews = [progress("RR8", A, ReviewKind::PeerReview, ReviewStatus::Draft, &[4], &[], &[4])];
        let progress =
            RoundProgress::build(&round, "x".to_owned(), &organisations, &reviews, date("2026-01-20"));
        let csv = progress.to_csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(
            lines,
            [
                "Period,Region,ICS ODS code,ODS code,Organisation,Kind,Peer review,Phase 1,Phase 1 late,Phase 2,Phase 2 late,Phase 3,Phase 3 late",
                format!(
                    "2025/26,North East and Yorkshire,QWO,RR8,\"Leeds, \"\"Teaching\"\"\",Acute trust,{},In progress,Late,Not started,,Not started,",
                    review_id(A)
                )
                .as_str(),
                "2025/26,North East and Yorkshire,QWO,QWO,West Yorkshire ICS,Integrated Care System (ICS),,Not started,Late,Not started,,Not started,",
            ]
        );
    }
}
