//! Assessment rounds: the year's peer reviews scheduled in phases, each a window (opens, closes)
//! and the success measures assessed in it. A review belongs to the round of its financial year;
//! a measure cannot be started before its phase opens, and one saved after its phase closed is
//! marked late. Seed 001's 2021/22 plan ships as the example ([`NewRound::plan_for`]).

use crate::Validated;
use crate::date::Date;
use crate::framework::{self, Framework};
use crate::period::Period;
use crate::timestamp::Timestamp;
use crate::validation::{self, Errors};
use serde::{Deserialize, Serialize};

/// The longest phase name, in characters.
pub const PHASE_NAME_MAX: usize = 100;

/// One phase of a round: a window and the measures assessed in it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Phase {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::required_text::<PHASE_NAME_MAX>))]
    pub name: String,
    pub opens: Date,
    /// The last day a measure of this phase can be saved on time.
    pub closes: Date,
    /// The success measures assessed in this phase, by number.
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::framework::MeasureNumber>))]
    pub measures: Vec<u8>,
}

/// A financial year's assessment round, as stored.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct Round {
    pub period: Period,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::schema::FrameworkId))]
    pub framework_id: String,
    /// In order; every measure of the framework is in exactly one.
    pub phases: Vec<Phase>,
    pub opened_by: String,
    pub opened_at: Timestamp,
}

/// Where a measure stands against its phase's window on a given day.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Window<'a> {
    /// The round does not schedule this measure: it can be saved any time.
    Unscheduled,
    NotOpenYet(&'a Phase),
    Open(&'a Phase),
    /// Saved now, it is late.
    Closed(&'a Phase),
}

impl Round {
    /// The phase a measure is assessed in, numbered from 1.
    pub fn phase_of(&self, measure: u8) -> Option<(usize, &Phase)> {
        self.phases
            .iter()
            .enumerate()
            .find(|(_, phase)| phase.measures.contains(&measure))
            .map(|(i, p)| (i + 1, p))
    }

    /// When `measure` is assessed, in words, for the pages where someone has it to do:
    /// "Phase 2: Ensure smart foundations and Well led, 16 December 2021 to 26 January 2022".
    pub fn deadline(&self, measure: u8) -> Option<String> {
        self.phase_of(measure).map(|(_, phase)| {
            format!("{}, {} to {}", phase.name, phase.opens.in_words(), phase.closes.in_words())
        })
    }

    /// Where `measure` stands on `today`.
    pub fn window(&self, measure: u8, today: Date) -> Window<'_> {
        match self.phase_of(measure) {
            None => Window::Unscheduled,
            Some((_, phase)) if today < phase.opens => Window::NotOpenYet(phase),
            Some((_, phase)) if today > phase.closes => Window::Closed(phase),
            Some((_, phase)) => Window::Open(phase),
        }
    }

    /// Whether `measure` may be saved on `today`: `Ok(true)` when it may but is late, or why not,
    /// naming the measure as `title`.
    pub fn check_save(&self, measure: u8, title: &str, today: Date) -> Result<bool, String> {
        match self.window(measure, today) {
            Window::Unscheduled | Window::Open(_) => Ok(false),
            Window::Closed(_) => Ok(true),
            Window::NotOpenYet(phase) => Err(format!(
                "“{title}” is assessed in {}, which opens on {}: it cannot be started before then",
                phase.name,
                phase.opens.in_words()
            )),
        }
    }
}

/// A phase as the form sends it: dates as typed (`YYYY-MM-DD`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewPhase {
    #[cfg_attr(feature = "openapi", schema(schema_with = crate::schema::required_text::<PHASE_NAME_MAX>))]
    pub name: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Date))]
    pub opens: String,
    #[cfg_attr(feature = "openapi", schema(value_type = Date))]
    pub closes: String,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::framework::MeasureNumber>))]
    pub measures: Vec<u8>,
}

/// Opening a round, as the form sends it.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct NewRound {
    #[cfg_attr(feature = "openapi", schema(value_type = Period))]
    pub period: String,
    /// The framework version assessed; the current one when left out.
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(value_type = Option<crate::schema::FrameworkId>))]
    pub framework: Option<String>,
    pub phases: Vec<NewPhase>,
}

/// A round that passed every rule, ready to be opened by someone at some time.
#[derive(Debug, Clone, PartialEq)]
pub struct ValidRound {
    period: Period,
    framework_id: String,
    phases: Vec<Phase>,
}

impl ValidRound {
    pub fn period(&self) -> &Period {
        &self.period
    }

    pub fn opened(self, by: &str, at: Timestamp) -> Round {
        Round {
            period: self.period,
            framework_id: self.framework_id,
            phases: self.phases,
            opened_by: by.to_owned(),
            opened_at: at,
        }
    }
}

impl NewRound {
    /// Seed 001's plan for 2021/22, moved to `period`'s year: phase 1 (10 September to 10 January)
    /// Support people, with the acute EPR survey; phase 2 (16 December to 26 January) Ensure
    /// smart foundations and Well led; phase 3 (January) the other four.
    pub fn plan_for(period: &Period) -> Self {
        let start = i32::from(period.start_year());
        let day = |year: i32, month: u8, day: u8| {
            Date::from_ymd(year, month, day).map_or_else(String::new, |date| date.to_string())
        };
        let phase = |name: &str, opens: String, closes: String, measures: &[u8]| NewPhase {
            name: name.to_owned(),
            opens,
            closes,
            measures: measures.to_vec(),
        };
        NewRound {
            period: period.to_string(),
            framework: Some(framework::CURRENT.to_owned()),
            phases: vec![
                phase(
                    "Phase 1: Support people, with the acute EPR survey",
                    day(start, 9, 10),
                    day(start + 1, 1, 10),
                    &[4],
                ),
                phase(
                    "Phase 2: Ensure smart foundations and Well led",
                    day(start, 12, 16),
                    day(start + 1, 1, 26),
                    &[2, 1],
                ),
                phase(
                    "Phase 3: Safe practice, Empower citizens, Improve care and Healthy populations",
                    day(start + 1, 1, 1),
                    day(start + 1, 1, 31),
                    &[3, 5, 6, 7],
                ),
            ],
        }
    }

    /// Every phase well formed, and every measure of the framework in exactly one phase.
    pub fn validate(&self) -> Validated<ValidRound> {
        let mut errors = Errors::default();
        let period = errors.check("period", Period::parse(&self.period));
        let framework_id = self.framework.clone().unwrap_or_else(|| framework::CURRENT.to_owned());
        let framework: Option<&Framework> = framework::find(&framework_id);
        if framework.is_none() {
            errors.add("framework", format!("There is no framework “{framework_id}”"));
        }
        if self.phases.is_empty() {
            errors.add("phases", "Add at least one phase");
        }
        let most = framework.map_or(7, |framework| framework.measures.len());
        if self.phases.len() > most {
            errors.add("phases", format!("A round has at most {most} phases, one per measure"));
        }
        let mut phases = Vec::new();
        for (index, phase) in self.phases.iter().enumerate() {
            let number = index + 1;
            let field = |name: &str| format!("phases[{index}].{name}");
            let name = errors.check(
                &field("name"),
                validation::text(&phase.name, &format!("the name of phase {number}"), true, PHASE_NAME_MAX),
            );
            let opens = errors.check(
                &field("opens"),
                Date::parse_labelled(&phase.opens, &format!("the date phase {number} opens")),
            );
            let closes = errors.check(
                &field("closes"),
                Date::parse_labelled(&phase.closes, &format!("the date phase {number} closes")),
            );
            if let (Some(opens), Some(closes)) = (opens, closes)
                && closes < opens
            {
                errors
                    .add(&field("closes"), format!("Phase {number} must close on or after the day it opens"));
            }
            if phase.measures.is_empty() {
                errors.add(&field("measures"), format!("Choose the measures assessed in phase {number}"));
            }
            for measure in &phase.measures {
                if framework.is_some_and(|framework| framework.measure(*measure).is_none()) {
                    errors.add(&field("measures"), format!("There is no measure {measure}"));
                }
            }
            if let (Some(name), Some(opens), Some(closes)) = (name, opens, closes) {
                phases.push(Phase { name, opens, closes, measures: phase.measures.clone() });
            }
        }
        if let Some(framework) = framework {
            for measure in framework.measures.iter() {
                let phases_with: Vec<usize> = self
                    .phases
                    .iter()
                    .enumerate()
                    .filter(|(_, phase)| phase.measures.contains(&measure.number))
                    .map(|(index, _)| index + 1)
                    .collect();
                match phases_with[..] {
                    [_] => {}
                    [] => errors.add("phases", format!("Choose a phase for “{}”", measure.title)),
                    _ => errors.add(
                        "phases",
                        format!(
                            "“{}” is in more than one phase ({}): choose one",
                            measure.title,
                            phases_with.iter().map(ToString::to_string).collect::<Vec<_>>().join(" and ")
                        ),
                    ),
                }
            }
        }
        match period {
            Some(period) if errors.is_empty() => Ok(ValidRound { period, framework_id, phases }),
            _ => Err(errors.into_vec()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    fn round_2021() -> Round {
        let period = Period::parse("2021/22").unwrap();
        NewRound::plan_for(&period)
            .validate()
            .unwrap()
            .opened("Ada Admin", Timestamp::parse("2021-09-01T09:00:00.000Z").unwrap())
    }

    #[test]
    fn the_2021_22_plan_is_seed_001s_phases() {
        let round = round_2021();
        let windows: Vec<(&str, String, String, Vec<u8>)> = round
            .phases
            .iter()
            .map(|phase| {
                (&phase.name[..7], phase.opens.to_string(), phase.closes.to_string(), phase.measures.clone())
            })
            .collect();
        assert_eq!(
            windows,
            [
                ("Phase 1", "2021-09-10".to_owned(), "2022-01-10".to_owned(), vec![4]),
                ("Phase 2", "2021-12-16".to_owned(), "2022-01-26".to_owned(), vec![2, 1]),
                ("Phase 3", "2022-01-01".to_owned(), "2022-01-31".to_owned(), vec![3, 5, 6, 7]),
            ]
        );
        let later = NewRound::plan_for(&Period::parse("2026/27").unwrap());
        assert_eq!(
            (later.phases[1].opens.as_str(), later.phases[1].closes.as_str()),
            ("2026-12-16", "2027-01-26")
        );
    }

    #[test]
    fn a_measure_can_be_saved_only_from_the_day_its_phase_opens_and_is_late_after_it_closes() {
        let round = round_2021();
        // Well led is in phase 2: 16 December 2021 to 26 January 2022.
        assert_eq!(
            round.check_save(1, "Well led", day("2021-12-15")),
            Err("“Well led” is assessed in Phase 2: Ensure smart foundations and Well led, which opens on 16 December 2021: it cannot be started before then".to_owned())
        );
        assert_eq!(round.check_save(1, "Well led", day("2021-12-16")), Ok(false), "open on its first day");
        assert_eq!(round.check_save(1, "Well led", day("2022-01-26")), Ok(false), "and on its last");
        assert_eq!(round.check_save(1, "Well led", day("2022-01-27")), Ok(true), "late the day after");
        assert_eq!(round.check_save(4, "Support people", day("2021-09-10")), Ok(false));
        assert_eq!(
            round.deadline(1).as_deref(),
            Some("Phase 2: Ensure smart foundations and Well led, 16 December 2021 to 26 January 2022")
        );
    }

    #[test]
    fn every_measure_is_in_exactly_one_phase_and_each_phase_is_a_real_window() {
        let mut plan = NewRound::plan_for(&Period::parse("2021/22").unwrap());
        plan.phases[0].measures = vec![4, 1];
        plan.phases[2].measures = vec![3, 5, 6];
        plan.phases[1].closes = "2021-12-01".into();
        plan.phases[2].opens = "2022-02-30".into();
        plan.phases[2].name = " ".into();
        let errors = plan.validate().unwrap_err();
        let found: Vec<(&str, &str)> =
            errors.iter().map(|e| (e.field.as_str(), e.message.as_str())).collect();
        assert_eq!(
            found,
            [
                ("phases[1].closes", "Phase 2 must close on or after the day it opens"),
                ("phases[2].name", "Enter the name of phase 3"),
                ("phases[2].opens", "The date phase 3 opens must be a real date"),
                ("phases", "“Well led” is in more than one phase (1 and 2): choose one"),
                ("phases", "Choose a phase for “Healthy populations”"),
            ]
        );
        let none = NewRound { period: "2021/22".into(), framework: None, phases: vec![] };
        assert_eq!(none.validate().unwrap_err()[0].message, "Add at least one phase");
    }
}
