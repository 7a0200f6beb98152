//! Outcomes: where organisations and ICSs stand, from their published peer reviews.
//!
//! Publishing a peer review records its agreed levels as an [`Outcome`] (one per organisation and
//! period: a later published peer review for the same period replaces it). Everything ICS leads
//! track is worked out here from outcomes, with no I/O: the ICS dashboard (a heatmap and a
//! roll-up that shows the spread across providers beside the ICS's own assessment, never a bare
//! average), trends across periods, benchmarks against organisations of the same kind, and the
//! levelling-up view of who is below a chosen minimum.

use crate::framework::{self, MeasureNumber};
use crate::funding::principles::suggestion::{Suggestion, SuggestionThresholds, suggest};
use crate::funding::published::PublishedLevels;
use crate::ids::ReviewId;
use crate::organisation::{OdsCode, Organisation, OrganisationKind};
use crate::period::Period;
use crate::review::ReviewDetail;
use crate::timestamp::Timestamp;
use serde::{Deserialize, Serialize};

/// The number of success measures; levels are kept in measure order, measure 1 first.
pub const MEASURES: usize = 7;

/// One published peer review's agreed levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Outcome {
    pub ods_code: OdsCode,
    pub name: String,
    pub kind: OrganisationKind,
    /// The ICS it counts towards (its own code for an ICS).
    pub ics_code: OdsCode,
    pub period: Period,
    /// The framework version the review used: trends note where it changes.
    pub framework_id: String,
    pub review_id: ReviewId,
    /// The agreed level of each measure, measure 1 first.
    pub levels: Vec<Option<u8>>,
    pub published_at: Timestamp,
}

impl Outcome {
    /// The outcome of publishing `detail`, a review of an organisation of this `kind`.
    pub fn of_review(detail: &ReviewDetail, kind: OrganisationKind, published_at: &Timestamp) -> Self {
        let review = &detail.review;
        Self {
            ods_code: review.organisation.clone(),
            name: review.organisation_name.clone(),
            kind,
            ics_code: review.ics_code.clone(),
            period: review.period.clone(),
            framework_id: review.framework_id.clone(),
            review_id: review.id.clone(),
            levels: (1..=MEASURES as u8)
                .map(|number| detail.agreed_level(number).map(|agreed| agreed.level.value()))
                .collect(),
            published_at: published_at.clone(),
        }
    }

    pub fn level(&self, measure: u8) -> Option<u8> {
        self.levels.get(usize::from(measure).wrapping_sub(1)).copied().flatten()
    }
}

/// A measure's number and title, for headings.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MeasureHeading {
    pub number: u8,
    pub title: String,
}

pub fn measure_headings() -> Vec<MeasureHeading> {
    framework::find(framework::CURRENT)
        .map(|framework| {
            framework
                .measures
                .iter()
                .map(|measure| MeasureHeading { number: measure.number, title: measure.title.to_string() })
                .collect()
        })
        .unwrap_or_default()
}

/// The spread of a set of levels. Quartiles interpolate between ranks (as spreadsheets'
/// `QUARTILE.INC` does), so with few organisations they can fall between whole levels.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Spread {
    pub count: usize,
    pub min: u8,
    pub lower_quartile: f32,
    pub median: f32,
    pub upper_quartile: f32,
    pub max: u8,
}

impl Spread {
    pub fn of(levels: impl IntoIterator<Item = u8>) -> Option<Self> {
        let mut sorted: Vec<u8> = levels.into_iter().collect();
        sorted.sort_unstable();
        let quantile = |q: f32| {
            let position = q * (sorted.len() - 1) as f32;
            let (below, above) = (position.floor() as usize, position.ceil() as usize);
            let fraction = position - below as f32;
            f32::from(sorted[below]) + fraction * (f32::from(sorted[above]) - f32::from(sorted[below]))
        };
        Some(Self {
            count: sorted.len(),
            min: *sorted.first()?,
            lower_quartile: quantile(0.25),
            median: quantile(0.5),
            upper_quartile: quantile(0.75),
            max: *sorted.last()?,
        })
    }
}

/// Formats a quartile or median: whole numbers without decimals, otherwise one decimal place.
pub fn format_level(value: f32) -> String {
    if (value - value.round()).abs() < 0.05 { format!("{}", value.round()) } else { format!("{value:.1}") }
}

// ---------------------------------------------------------------------------------------------
// The ICS dashboard
// ---------------------------------------------------------------------------------------------

/// One organisation in the heatmap: its levels in the period, if it has a published peer review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct DashboardRow {
    pub ods_code: OdsCode,
    pub name: String,
    pub kind: OrganisationKind,
    /// Measure 1 first; all `None` when there is no published peer review for the period.
    pub levels: Vec<Option<u8>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub review_id: Option<ReviewId>,
}

/// One measure across the ICS: the providers' spread and the ICS's own assessment, side by side.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MeasureRollUp {
    pub measure: u8,
    pub title: String,
    /// Across the member organisations with a level for this measure.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub providers: Option<Spread>,
    /// The ICS's own published peer review.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ics_level: Option<u8>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct IcsDashboard {
    pub ics_code: OdsCode,
    pub ics_name: String,
    pub period: Period,
    /// Every period with a published peer review in the ICS, newest first: what can be chosen.
    pub periods: Vec<Period>,
    pub measures: Vec<MeasureHeading>,
    /// The ICS's own published peer review for the period, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ics: Option<DashboardRow>,
    /// Every member organisation, by name, reviewed or not.
    pub organisations: Vec<DashboardRow>,
    /// How many organisations have a published peer review for the period.
    pub reviewed: usize,
    pub roll_up: Vec<MeasureRollUp>,
}

fn row(organisation: &Organisation, outcome: Option<&Outcome>) -> DashboardRow {
    DashboardRow {
        ods_code: organisation.ods_code.clone(),
        name: organisation.name.clone(),
        kind: organisation.kind,
        levels: outcome.map_or_else(|| vec![None; MEASURES], |outcome| outcome.levels.clone()),
        review_id: outcome.map(|outcome| outcome.review_id.clone()),
    }
}

impl IcsDashboard {
    /// The period to show when none is asked for: the newest with a published peer review.
    pub fn latest_period(outcomes: &[Outcome]) -> Option<Period> {
        outcomes.iter().map(|outcome| outcome.period.clone()).max()
    }

    /// From the ICS, its members (the ICS itself may be among them) and its outcomes (any periods).
    pub fn new(ics: &Organisation, members: &[Organisation], period: Period, outcomes: &[Outcome]) -> Self {
        let outcome_of = |ods: &OdsCode| {
            outcomes.iter().find(|outcome| &outcome.ods_code == ods && outcome.period == period)
        };
        let mut organisations: Vec<DashboardRow> = members
            .iter()
            .filter(|member| member.kind != OrganisationKind::Ics)
            .map(|member| row(member, outcome_of(&member.ods_code)))
            .collect();
        organisations.sort_by_key(|row| row.name.to_lowercase());
        let ics_row = outcome_of(&ics.ods_code).map(|outcome| row(ics, Some(outcome)));
        let mut periods: Vec<Period> = outcomes.iter().map(|outcome| outcome.period.clone()).collect();
        periods.sort_by(|a, b| b.cmp(a));
        periods.dedup();
        let roll_up = measure_headings()
            .into_iter()
            .map(|heading| {
                let index = usize::from(heading.number - 1);
                MeasureRollUp {
                    measure: heading.number,
                    title: heading.title,
                    providers: Spread::of(organisations.iter().filter_map(|row| row.levels[index])),
                    ics_level: ics_row.as_ref().and_then(|row| row.levels[index]),
                }
            })
            .collect();
        Self {
            ics_code: ics.ods_code.clone(),
            ics_name: ics.name.clone(),
            period,
            periods,
            measures: measure_headings(),
            reviewed: organisations.iter().filter(|row| row.review_id.is_some()).count(),
            ics: ics_row,
            organisations,
            roll_up,
        }
    }

    /// The heatmap as CSV: a row per organisation (the ICS's own first), ODS codes on every row.
    pub fn to_csv(&self) -> String {
        let mut header = vec!["ICS ODS code".to_owned(), "Period".to_owned(), "ODS code".to_owned()];
        header.extend(["Organisation", "Kind", "Published review"].map(str::to_owned));
        header.extend(self.measures.iter().map(|measure| format!("{}. {}", measure.number, measure.title)));
        let mut csv = crate::export::csv_row(header);
        for row in self.ics.iter().chain(&self.organisations) {
            let mut cells = vec![
                self.ics_code.to_string(),
                self.period.to_string(),
                row.ods_code.to_string(),
                row.name.clone(),
                row.kind.label().to_owned(),
                row.review_id.as_ref().map_or(String::new(), ToString::to_string),
            ];
            cells.extend(
                row.levels.iter().map(|level| level.map_or(String::new(), |level| level.to_string())),
            );
            csv.push_str(&crate::export::csv_row(cells));
        }
        csv
    }
}

// ---------------------------------------------------------------------------------------------
// Trends
// ---------------------------------------------------------------------------------------------

/// One period of a trend.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct TrendPoint {
    pub period: Period,
    pub framework_id: String,
    pub levels: Vec<Option<u8>>,
    /// True when this period's review used a different framework version from the one before,
    /// so levels on either side are not strictly comparable.
    pub framework_changed: bool,
}

/// An organisation's (or ICS's) levels per measure across periods, oldest first.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Trend {
    pub ods_code: OdsCode,
    pub name: String,
    pub points: Vec<TrendPoint>,
}

impl Trend {
    /// From one organisation's outcomes, in any order.
    pub fn new(ods_code: OdsCode, name: String, outcomes: &[&Outcome]) -> Self {
        let mut sorted: Vec<&&Outcome> = outcomes.iter().collect();
        sorted.sort_by(|a, b| a.period.cmp(&b.period));
        let mut points: Vec<TrendPoint> = Vec::new();
        for outcome in sorted {
            let framework_changed =
                points.last().is_some_and(|previous| previous.framework_id != outcome.framework_id);
            points.push(TrendPoint {
                period: outcome.period.clone(),
                framework_id: outcome.framework_id.clone(),
                levels: outcome.levels.clone(),
                framework_changed,
            });
        }
        Self { ods_code, name, points }
    }
}

/// An ICS's trends: its own, and each member organisation's, from all its outcomes.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct IcsTrends {
    pub ics: Trend,
    pub measures: Vec<MeasureHeading>,
    /// Members with at least one published peer review, by name.
    pub organisations: Vec<Trend>,
}

impl IcsTrends {
    pub fn new(ics: &Organisation, outcomes: &[Outcome]) -> Self {
        let own: Vec<&Outcome> = outcomes.iter().filter(|outcome| outcome.ods_code == ics.ods_code).collect();
        let mut codes: Vec<(&str, &OdsCode)> = outcomes
            .iter()
            .filter(|outcome| outcome.ods_code != ics.ods_code)
            .map(|outcome| (outcome.name.as_str(), &outcome.ods_code))
            .collect();
        codes.sort_by_key(|(name, code)| (name.to_lowercase(), (*code).clone()));
        codes.dedup_by(|a, b| a.1 == b.1);
        let organisations = codes
            .into_iter()
            .map(|(name, code)| {
                let theirs: Vec<&Outcome> =
                    outcomes.iter().filter(|outcome| &outcome.ods_code == code).collect();
                Trend::new(code.clone(), name.to_owned(), &theirs)
            })
            .collect();
        Self {
            ics: Trend::new(ics.ods_code.clone(), ics.name.clone(), &own),
            measures: measure_headings(),
            organisations,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Benchmarks
// ---------------------------------------------------------------------------------------------

/// One measure of an organisation against its peers (same kind, every ICS, same period).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BenchmarkMeasure {
    pub measure: u8,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    /// How many peers are at each level, level 1 first.
    pub distribution: Vec<usize>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub peers: Option<Spread>,
    /// Peers below, at and above the organisation's level.
    pub below: usize,
    pub same: usize,
    pub above: usize,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Benchmark {
    pub ods_code: OdsCode,
    pub name: String,
    pub kind: OrganisationKind,
    pub period: Period,
    /// Organisations of the same kind with a published peer review for the period, this one
    /// excluded.
    pub peer_count: usize,
    pub measures: Vec<BenchmarkMeasure>,
}

impl Benchmark {
    /// `peers`: the period's outcomes for organisations of the same kind (this one may be among
    /// them and is left out of the comparison).
    pub fn new(organisation: &Organisation, period: Period, peers: &[Outcome]) -> Self {
        let own = peers.iter().find(|outcome| outcome.ods_code == organisation.ods_code);
        let others: Vec<&Outcome> = peers
            .iter()
            .filter(|outcome| outcome.ods_code != organisation.ods_code && outcome.kind == organisation.kind)
            .collect();
        let measures = measure_headings()
            .into_iter()
            .map(|heading| {
                let levels: Vec<u8> =
                    others.iter().filter_map(|outcome| outcome.level(heading.number)).collect();
                let level = own.and_then(|outcome| outcome.level(heading.number));
                let mut distribution = vec![0; 5];
                for peer in &levels {
                    distribution[usize::from(peer - 1)] += 1;
                }
                let count = |keep: fn(u8, u8) -> bool| {
                    level.map_or(0, |level| levels.iter().filter(|peer| keep(**peer, level)).count())
                };
                BenchmarkMeasure {
                    measure: heading.number,
                    title: heading.title,
                    level,
                    distribution,
                    peers: Spread::of(levels.iter().copied()),
                    below: count(|peer, level| peer < level),
                    same: count(|peer, level| peer == level),
                    above: count(|peer, level| peer > level),
                }
            })
            .collect();
        Self {
            ods_code: organisation.ods_code.clone(),
            name: organisation.name.clone(),
            kind: organisation.kind,
            period,
            peer_count: others.len(),
            measures,
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Levelling up
// ---------------------------------------------------------------------------------------------

/// An organisation with at least one measure below the minimum.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct BelowMinimum {
    pub ods_code: OdsCode,
    pub name: String,
    pub kind: OrganisationKind,
    pub ics_code: OdsCode,
    pub levels: Vec<Option<u8>>,
    /// The measures below the minimum, by number.
    pub measures_below: Vec<u8>,
}

/// "A significant number below the minimum": this share of the organisations with a level, or more.
pub const SIGNIFICANT_SHARE_PERCENT: u8 = 10;

/// A measure and how many organisations are below the minimum on it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MeasureShortfall {
    pub measure: u8,
    pub title: String,
    pub organisations_below: usize,
    /// Of the organisations with a level for this measure, the percentage below, rounded down.
    pub percent_below: u8,
    /// The funding principle the organisations' maturity on this measure suggests
    /// (`funding::principles::suggestion`: levelling up where a significant share is below the
    /// minimum and maturity varies widely), with its reason and figures.
    pub suggestion: Suggestion,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct LevellingUp {
    pub period: Period,
    pub minimum: u8,
    /// The ICS looked at, or none for every ICS.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub ics_code: Option<OdsCode>,
    /// Organisations with a published peer review for the period (ICSs' own reviews excluded).
    pub assessed: usize,
    /// Most measures below first, then by name.
    pub organisations: Vec<BelowMinimum>,
    /// Measures most often below the minimum first.
    pub measures: Vec<MeasureShortfall>,
}

impl LevellingUp {
    /// `thresholds` are the year's for the principle suggestion; `minimum` replaces theirs, so
    /// that "below" means the same in the suggestion as on the rest of the page.
    pub fn new(
        period: Period,
        minimum: u8,
        ics_code: Option<OdsCode>,
        outcomes: &[Outcome],
        thresholds: &SuggestionThresholds,
    ) -> Self {
        let assessed: Vec<&Outcome> = outcomes
            .iter()
            .filter(|outcome| outcome.kind != OrganisationKind::Ics && outcome.period == period)
            .filter(|outcome| ics_code.as_ref().is_none_or(|ics| &outcome.ics_code == ics))
            .collect();
        let below = |level: Option<u8>| level.is_some_and(|level| level < minimum);
        let mut organisations: Vec<BelowMinimum> = assessed
            .iter()
            .filter_map(|outcome| {
                let measures_below: Vec<u8> =
                    (1..=MEASURES as u8).filter(|number| below(outcome.level(*number))).collect();
                (!measures_below.is_empty()).then(|| BelowMinimum {
                    ods_code: outcome.ods_code.clone(),
                    name: outcome.name.clone(),
                    kind: outcome.kind,
                    ics_code: outcome.ics_code.clone(),
                    levels: outcome.levels.clone(),
                    measures_below,
                })
            })
            .collect();
        organisations.sort_by(|a, b| {
            b.measures_below
                .len()
                .cmp(&a.measures_below.len())
                .then_with(|| a.name.to_lowercase().cmp(&b.name.to_lowercase()))
        });
        let thresholds = SuggestionThresholds {
            minimum: crate::maturity::MaturityLevel::new(minimum).unwrap_or(thresholds.minimum),
            ..*thresholds
        };
        let recipients: Vec<OdsCode> = assessed.iter().map(|outcome| outcome.ods_code.clone()).collect();
        let reviews: Vec<PublishedLevels> =
            assessed.iter().map(|outcome| PublishedLevels::from_outcome(outcome)).collect();
        let mut measures: Vec<MeasureShortfall> = measure_headings()
            .into_iter()
            .map(|heading| {
                let with_level =
                    assessed.iter().filter(|outcome| outcome.level(heading.number).is_some()).count();
                let organisations_below =
                    assessed.iter().filter(|outcome| below(outcome.level(heading.number))).count();
                let percent_below = (organisations_below * 100).checked_div(with_level).unwrap_or(0) as u8;
                let measure: Vec<MeasureNumber> = MeasureNumber::new(heading.number).into_iter().collect();
                MeasureShortfall {
                    measure: heading.number,
                    title: heading.title,
                    organisations_below,
                    percent_below,
                    suggestion: suggest(&measure, &recipients, &reviews, &thresholds),
                }
            })
            .collect();
        measures.sort_by(|a, b| {
            b.organisations_below.cmp(&a.organisations_below).then(a.measure.cmp(&b.measure))
        });
        Self { period, minimum, ics_code, assessed: assessed.len(), organisations, measures }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::funding::Principle;

    fn code(value: &str) -> OdsCode {
        OdsCode::parse(value).unwrap()
    }

    fn outcome(ods: &str, kind: OrganisationKind, ics: &str, period: &str, levels: [u8; 7]) -> Outcome {
        Outcome {
            ods_code: code(ods),
            name: format!("Org {ods}"),
            kind,
            ics_code: code(ics),
            period: Period::parse(period).unwrap(),
            framework_id: framework::CURRENT.to_owned(),
            review_id: {
                let mut bytes = [0; 16];
                for (at, byte) in format!("{ods}{period}").bytes().take(16).enumerate() {
                    bytes[at] = byte;
                }
                ReviewId::from_uuid_bytes(bytes)
            },
            levels: levels.iter().map(|level| (*level > 0).then_some(*level)).collect(),
            published_at: crate::test_support::moment(),
        }
    }

    fn organisation(ods: &str, name: &str, kind: OrganisationKind) -> Organisation {
        Organisation {
            ods_code: code(ods),
            name: name.to_owned(),
            kind,
            ics_code: (kind != OrganisationKind::Ics).then(|| code("QWO")),
            town: String::new(),
            region: None,
            contact: Default::default(),
            version: 1,
            created_at: crate::test_support::moment(),
            updated_at: crate::test_support::moment(),
        }
    }

    #[test]
    fn the_spread_interpolates_quartiles_like_a_spreadsheet() {
        let spread = Spread::of([3, 1, 4, 2]).unwrap();
        assert_eq!((spread.count, spread.min, spread.max), (4, 1, 4));
        assert_eq!((spread.lower_quartile, spread.median, spread.upper_quartile), (1.75, 2.5, 3.25));
        let one = Spread::of([3]).unwrap();
        assert_eq!((one.lower_quartile, one.median, one.upper_quartile), (3.0, 3.0, 3.0));
        assert!(Spread::of([]).is_none());
        assert_eq!(format_level(2.5), "2.5");
        assert_eq!(format_level(3.0), "3");
    }

    #[test]
    fn the_dashboard_shows_every_member_and_the_ics_own_level_beside_the_providers_spread() {
        let ics = organisation("QWO", "West Yorkshire ICS", OrganisationKind::Ics);
        let members = vec![
            ics.clone(),
            organisation("RR8", "Leeds", OrganisationKind::AcuteTrust),
            organisation("RXF", "Mid Yorkshire", OrganisationKind::AcuteTrust),
            organisation("RGD", "Airedale", OrganisationKind::MentalHealthTrust),
        ];
        let period = Period::parse("2025/26").unwrap();
        let outcomes = vec![
            outcome("QWO", OrganisationKind::Ics, "QWO", "2025/26", [4, 4, 4, 4, 4, 4, 4]),
            outcome("RR8", OrganisationKind::AcuteTrust, "QWO", "2025/26", [2, 3, 3, 3, 3, 3, 3]),
            outcome("RXF", OrganisationKind::AcuteTrust, "QWO", "2025/26", [4, 1, 3, 3, 3, 3, 3]),
            outcome("RXF", OrganisationKind::AcuteTrust, "QWO", "2024/25", [1, 1, 1, 1, 1, 1, 1]),
        ];
        let dashboard = IcsDashboard::new(&ics, &members, period, &outcomes);
        let names: Vec<&str> = dashboard.organisations.iter().map(|row| row.name.as_str()).collect();
        assert_eq!(names, ["Airedale", "Leeds", "Mid Yorkshire"]);
        assert_eq!(dashboard.organisations[0].levels, vec![None; 7], "not reviewed, still listed");
        assert_eq!(dashboard.reviewed, 2);
        let well_led = &dashboard.roll_up[0];
        let spread = well_led.providers.as_ref().unwrap();
        assert_eq!((spread.count, spread.min, spread.median, spread.max), (2, 2, 3.0, 4));
        assert_eq!(well_led.ics_level, Some(4));
        let csv = dashboard.to_csv();
        let lines: Vec<&str> = csv.lines().collect();
        assert_eq!(lines.len(), 5);
        assert!(lines[1].starts_with("QWO,2025/26,QWO,West Yorkshire ICS,"), "the ICS's own row first");
        assert!(lines[2].starts_with("QWO,2025/26,RGD,Airedale,Mental health trust,,,"), "{}", lines[2]);
        assert!(lines[4].ends_with(",4,1,3,3,3,3,3"));
    }

    #[test]
    fn trends_run_oldest_first_and_note_a_framework_change() {
        let mut later = outcome("RR8", OrganisationKind::AcuteTrust, "QWO", "2026/27", [3; 7]);
        later.framework_id = "wgll-2026".to_owned();
        let earlier = outcome("RR8", OrganisationKind::AcuteTrust, "QWO", "2024/25", [2; 7]);
        let middle = outcome("RR8", OrganisationKind::AcuteTrust, "QWO", "2025/26", [2; 7]);
        let trend = Trend::new(code("RR8"), "Leeds".to_owned(), &[&later, &earlier, &middle]);
        let periods: Vec<(&str, bool)> =
            trend.points.iter().map(|point| (point.period.as_str(), point.framework_changed)).collect();
        assert_eq!(periods, [("2024/25", false), ("2025/26", false), ("2026/27", true)]);
    }

    #[test]
    fn a_benchmark_compares_with_peers_of_the_same_kind_only() {
        let leeds = organisation("RR8", "Leeds", OrganisationKind::AcuteTrust);
        let period = Period::parse("2025/26").unwrap();
        let peers = vec![
            outcome("RR8", OrganisationKind::AcuteTrust, "QWO", "2025/26", [3; 7]),
            outcome("RTD", OrganisationKind::AcuteTrust, "QHM", "2025/26", [1; 7]),
            outcome("RXF", OrganisationKind::AcuteTrust, "QWO", "2025/26", [3; 7]),
            outcome("RX1", OrganisationKind::AcuteTrust, "QHM", "2025/26", [5; 7]),
            outcome("RGD", OrganisationKind::MentalHealthTrust, "QWO", "2025/26", [5; 7]),
        ];
        let benchmark = Benchmark::new(&leeds, period, &peers);
        assert_eq!(benchmark.peer_count, 3);
        let first = &benchmark.measures[0];
        assert_eq!(first.level, Some(3));
        assert_eq!(first.distribution, vec![1, 0, 1, 0, 1]);
        assert_eq!((first.below, first.same, first.above), (1, 1, 1));
        assert_eq!(first.peers.as_ref().unwrap().median, 3.0);
    }

    #[test]
    fn levelling_up_ranks_organisations_and_measures_below_the_minimum() {
        let period = Period::parse("2025/26").unwrap();
        let outcomes = vec![
            outcome("RR8", OrganisationKind::AcuteTrust, "QWO", "2025/26", [2, 2, 3, 3, 3, 3, 3]),
            outcome("RXF", OrganisationKind::AcuteTrust, "QWO", "2025/26", [2, 3, 3, 3, 3, 3, 3]),
            outcome("RGD", OrganisationKind::MentalHealthTrust, "QWO", "2025/26", [3; 7]),
            outcome("RTD", OrganisationKind::AcuteTrust, "QHM", "2025/26", [1, 1, 1, 0, 3, 3, 3]),
            outcome("QWO", OrganisationKind::Ics, "QWO", "2025/26", [1; 7]),
            outcome("RGD", OrganisationKind::MentalHealthTrust, "QWO", "2024/25", [1; 7]),
        ];
        let thresholds = SuggestionThresholds::default();
        let national = LevellingUp::new(period.clone(), 3, None, &outcomes, &thresholds);
        assert_eq!(national.assessed, 4, "ICSs' own reviews and other periods are left out");
        let order: Vec<(&str, usize)> =
            national.organisations.iter().map(|o| (o.ods_code.as_str(), o.measures_below.len())).collect();
        assert_eq!(order, [("RTD", 3), ("RR8", 2), ("RXF", 1)]);
        assert_eq!((national.measures[0].measure, national.measures[0].organisations_below), (1, 3));
        assert_eq!(national.measures[0].percent_below, 75);
        assert_eq!((national.measures[1].measure, national.measures[1].organisations_below), (2, 2));
        let fourth = national.measures.iter().find(|m| m.measure == 4).unwrap();
        assert_eq!((fourth.organisations_below, fourth.percent_below), (0, 0), "RTD has no level for 4");
        assert_eq!(
            national.measures[0].suggestion.principle,
            Principle::LevellingUp,
            "3 in 4 below, levels 1 to 3: catch up first"
        );
        assert_eq!(
            fourth.suggestion.principle,
            Principle::FairShares,
            "everyone at the minimum: fair shares"
        );

        let west_yorkshire = LevellingUp::new(period.clone(), 3, Some(code("QWO")), &outcomes, &thresholds);
        assert_eq!(west_yorkshire.assessed, 3);
        assert_eq!(west_yorkshire.organisations.len(), 2);
        // Measure 1 in West Yorkshire: 2 of 3 below 3, but at levels 2, 2 and 3 maturity hardly varies.
        let well_led = west_yorkshire.measures.iter().find(|m| m.measure == 1).unwrap();
        assert_eq!(well_led.suggestion.principle, Principle::FairShares);
        assert_eq!(
            well_led.suggestion.reason,
            "2 of 3 assessed recipients (66%) are below the minimum level 3, but their lowest levels on measures 1 range from 2 to 3 (a spread of 1; 2 or more is wide), so maturity does not vary widely: fair shares"
        );
        // The page's minimum is the suggestion's: below 2, nobody in West Yorkshire is.
        let at_two = LevellingUp::new(period, 2, Some(code("QWO")), &outcomes, &thresholds);
        let well_led = at_two.measures.iter().find(|m| m.measure == 1).unwrap();
        assert!(
            well_led
                .suggestion
                .reason
                .starts_with("All 3 assessed recipients are at or above the minimum level 2")
        );
    }

    #[test]
    fn a_level_shows_whole_when_it_is_within_a_twentieth_of_a_whole_number() {
        assert_eq!(format_level(3.0), "3");
        assert_eq!(format_level(2.96), "3");
        assert_eq!(format_level(3.04), "3");
        assert_eq!(format_level(3.06), "3.1", "more than a twentieth away is not whole");
        assert_eq!(format_level(2.5), "2.5");
        assert_eq!(format_level(2.25), "2.2");
    }
}
