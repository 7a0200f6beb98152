//! A person's "my work" page: the reviews they are on (a reviewer, or the lead: the first
//! reviewer) or own (the reviews of the organisations they lead), what is due on each and by when
//! (from the round of the review's year: `crate::rounds`), and what happened since they last
//! looked. The rules here are pure: who hears of a change ([`events`]), what is due ([`due`]) and
//! which events are new ([`is_new`]); the API keeps and reads the records.

use crate::date::Date;
use crate::email::Email;
use crate::framework;
use crate::ids::ReviewId;
use crate::lifecycle::Transition;
use crate::organisation::OdsCode;
use crate::period::Period;
use crate::review::{Review, ReviewKind, ReviewStatus};
use crate::rounds::Round;
use crate::timestamp::Timestamp;
use serde::{Deserialize, Serialize};
use std::collections::BTreeSet;

/// How many of the newest events the page shows.
pub const EVENTS_SHOWN: usize = 20;

/// Something that happened to a review that someone should hear of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum EventKind {
    /// You were added as one of its reviewers.
    Assigned,
    /// It went back for more work: to draft by its lead or an administrator, or to its lead
    /// reviewer by its region.
    Returned,
    /// Its organisation flagged a factual error in the provisional result (to its lead reviewer).
    Flagged,
    /// The lead reviewer answered a factual error the organisation flagged (to its leads).
    Answered,
    /// Its region confirmed it: the result is provisional while the organisation checks it.
    Confirmed,
    Published,
}

impl EventKind {
    /// The tag that shows it.
    pub fn label(self) -> &'static str {
        match self {
            EventKind::Assigned => "Assigned",
            EventKind::Returned => "Returned",
            EventKind::Flagged => "Flagged",
            EventKind::Answered => "Answered",
            EventKind::Confirmed => "Confirmed",
            EventKind::Published => "Published",
        }
    }
}

/// One event, as kept for the person (or the organisation's leads) who should hear of it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct WorkEvent {
    pub kind: EventKind,
    pub review_id: ReviewId,
    pub organisation_name: String,
    pub review_kind: ReviewKind,
    pub period: Period,
    pub at: Timestamp,
    /// The name of who made the change.
    pub by: String,
}

impl WorkEvent {
    /// What happened, as a sentence to the person reading it.
    pub fn sentence(&self) -> String {
        let review = format!(
            "the {} of {} for {}",
            self.review_kind.label().to_lowercase(),
            self.organisation_name,
            self.period
        );
        match self.kind {
            EventKind::Assigned => format!("You were added as a reviewer of {review}."),
            EventKind::Returned => format!("{} was returned for more work.", capitalised(&review)),
            EventKind::Flagged => {
                format!("The organisation flagged a factual error in the provisional result of {review}.")
            }
            EventKind::Answered => {
                format!("The lead reviewer answered a factual error your organisation flagged in {review}.")
            }
            EventKind::Confirmed => format!(
                "The region confirmed {review}: the result is provisional while the organisation checks it."
            ),
            EventKind::Published => format!("{} was published.", capitalised(&review)),
        }
    }
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|first| first.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// Who hears of an event: a person, by their email address, or every lead of an organisation.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Recipient {
    Person(Email),
    OrganisationLeads(OdsCode),
}

/// The change that makes events.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Cause<'a> {
    /// The review was started, with its reviewers.
    Created,
    /// Its reviewers changed from `before`.
    ReviewersChanged {
        before: &'a [Email],
    },
    StatusChanged(Transition),
    /// The organisation flagged a factual error.
    Flagged,
    /// The lead reviewer answered a flag.
    Answered,
}

/// Who hears of `cause`, which made the review `after` (at `after.updated_at`), done by the person
/// `actor` (named `actor_name`): never the actor themself, who knows. An organisation's leads are
/// told as one.
pub fn events(cause: Cause, after: &Review, actor: &Email, actor_name: &str) -> Vec<(Recipient, WorkEvent)> {
    let event = |kind| WorkEvent {
        kind,
        review_id: after.id.clone(),
        organisation_name: after.organisation_name.clone(),
        review_kind: after.kind,
        period: after.period.clone(),
        at: after.updated_at.clone(),
        by: actor_name.to_owned(),
    };
    let people = |reviewers: Vec<&Email>, kind| -> Vec<(Recipient, WorkEvent)> {
        reviewers
            .into_iter()
            .filter(|reviewer| *reviewer != actor)
            .map(|reviewer| (Recipient::Person(reviewer.clone()), event(kind)))
            .collect()
    };
    let leads = |kind| (Recipient::OrganisationLeads(after.organisation.clone()), event(kind));
    let everyone: Vec<&Email> = after.reviewers.iter().collect();
    match cause {
        Cause::Created => people(everyone, EventKind::Assigned),
        Cause::ReviewersChanged { before } => people(added(before, &after.reviewers), EventKind::Assigned),
        Cause::StatusChanged(transition) => match transition {
            Transition::ReturnToDraft | Transition::ReturnFromRegion | Transition::Reopen => {
                people(everyone, EventKind::Returned)
            }
            Transition::Confirm => {
                let mut told = people(everyone, EventKind::Confirmed);
                told.push(leads(EventKind::Confirmed));
                told
            }
            Transition::Publish => {
                let mut told = people(everyone, EventKind::Published);
                told.push(leads(EventKind::Published));
                told
            }
            Transition::Submit | Transition::Moderate => Vec::new(),
        },
        Cause::Flagged => people(after.lead_reviewer().into_iter().collect(), EventKind::Flagged),
        Cause::Answered => vec![leads(EventKind::Answered)],
    }
}

/// The reviewers in `after` who were not in `before`.
pub fn added<'a>(before: &[Email], after: &'a [Email]) -> Vec<&'a Email> {
    after.iter().filter(|reviewer| !before.contains(reviewer)).collect()
}

/// Whether an event at `at` is new to someone who last looked at `last_seen` (never: all are).
pub fn is_new(at: &Timestamp, last_seen: Option<&Timestamp>) -> bool {
    last_seen.is_none_or(|seen| at > seen)
}

/// An event as the page shows it: new since the person last looked, or not.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct EventSeen {
    pub event: WorkEvent,
    pub new: bool,
}

/// The newest [`EVENTS_SHOWN`] of `events`, newest first, each marked new or not; the same
/// event heard twice (by a reviewer who also leads the organisation) shown once.
pub fn newest(mut events: Vec<WorkEvent>, last_seen: Option<&Timestamp>) -> Vec<EventSeen> {
    events.sort_by(|a, b| b.at.cmp(&a.at));
    let mut seen = BTreeSet::new();
    events.retain(|event| seen.insert((event.at.clone(), event.review_id.clone(), event.kind.label())));
    events.truncate(EVENTS_SHOWN);
    events.into_iter().map(|event| EventSeen { new: is_new(&event.at, last_seen), event }).collect()
}

/// What a person is to a review.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum WorkRole {
    /// The first reviewer: submits, moderates and publishes it.
    LeadReviewer,
    Reviewer,
    /// Leads the organisation reviewed.
    OrganisationLead,
}

impl WorkRole {
    pub fn label(self) -> &'static str {
        match self {
            WorkRole::LeadReviewer => "Lead reviewer",
            WorkRole::Reviewer => "Reviewer",
            WorkRole::OrganisationLead => "Lead of the organisation reviewed",
        }
    }
}

/// What `email`, leading the organisations `leads`, is to `review` (none: nothing).
pub fn roles_of(review: &Review, email: &Email, leads: &[OdsCode]) -> Vec<WorkRole> {
    let mut roles = Vec::new();
    if review.lead_reviewer() == Some(email) {
        roles.push(WorkRole::LeadReviewer);
    } else if review.reviewers.contains(email) {
        roles.push(WorkRole::Reviewer);
    }
    if leads.contains(&review.organisation) {
        roles.push(WorkRole::OrganisationLead);
    }
    roles
}

/// A kind of thing to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum DueKind {
    /// A peer reviewer accepts the review, declaring any conflict of interest, before anything else.
    Accept,
    /// Assess these measures.
    Assess,
    /// The lead submits the review for moderation once every measure is completed.
    Submit,
    /// The lead records the agreed levels of a submitted review and confirms them.
    Moderate,
    /// The lead answers the factual errors the organisation flagged.
    AnswerFlags,
    /// The lead publishes the review.
    Publish,
    /// The organisation checks its provisional result, flagging any factual error, or confirms it.
    CheckProvisional,
}

/// One thing to do on a review, and by when.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Due {
    pub kind: DueKind,
    /// The round's phase the measures are assessed in.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phase: Option<String>,
    /// The measures to assess, by number.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    #[cfg_attr(feature = "openapi", schema(value_type = Vec<crate::framework::MeasureNumber>))]
    pub measures: Vec<u8>,
    /// The factual errors to answer, by number.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub flags: Vec<u32>,
    /// The last day to do it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by: Option<Date>,
    /// Its last day has passed.
    pub overdue: bool,
}

impl Due {
    fn of(kind: DueKind) -> Self {
        Due { kind, phase: None, measures: Vec::new(), flags: Vec::new(), by: None, overdue: false }
    }

    fn by(self, by: Option<Date>, today: Date) -> Self {
        Due { by, overdue: by.is_some_and(|by| today > by), ..self }
    }
}

/// The key of one reviewer's completed assessment of one measure in the set [`due`] takes:
/// `<measure>#<email>`.
pub fn completed_key(measure: u8, reviewer: &Email) -> String {
    format!("{measure}#{reviewer}")
}

/// What `email`, being `roles` to `review`, has to do on `today`, with the round of its year (if
/// one was opened). A reviewer of a draft has the measures of every phase that has opened to
/// assess, each phase by its last day; `completed` (keys as [`completed_key`]) leaves out those
/// they have completed, and when it is not known (`None`) every measure of those phases is listed.
/// A self-assessment keeps its own time: its measures have no phase and no date.
pub fn due(
    review: &Review,
    email: &Email,
    roles: &[WorkRole],
    round: Option<&Round>,
    today: Date,
    completed: Option<&BTreeSet<String>>,
) -> Vec<Due> {
    let lead = roles.contains(&WorkRole::LeadReviewer);
    let reviewer = lead || roles.contains(&WorkRole::Reviewer);
    let round = round.filter(|round| round.period == review.period && review.kind == ReviewKind::PeerReview);
    let to_do = |measure: &u8| completed.is_none_or(|done| !done.contains(&completed_key(*measure, email)));
    let mut due = Vec::new();
    match review.status {
        ReviewStatus::Draft if reviewer => {
            if !review.has_accepted(email) {
                due.push(Due::of(DueKind::Accept));
            }
            match round {
                Some(round) => {
                    for phase in round.phases.iter().filter(|phase| phase.opens <= today) {
                        let measures: Vec<u8> = phase.measures.iter().copied().filter(to_do).collect();
                        if !measures.is_empty() {
                            due.push(
                                Due { phase: Some(phase.name.clone()), measures, ..Due::of(DueKind::Assess) }
                                    .by(Some(phase.closes), today),
                            );
                        }
                    }
                }
                None => {
                    let measures: Vec<u8> = framework::find(&review.framework_id)
                        .map(|framework| framework.measures.iter().map(|measure| measure.number).collect())
                        .unwrap_or_default();
                    let measures: Vec<u8> = measures.into_iter().filter(to_do).collect();
                    if !measures.is_empty() {
                        due.push(Due { measures, ..Due::of(DueKind::Assess) });
                    }
                }
            }
            if lead {
                let last_day = round.and_then(|round| round.phases.iter().map(|phase| phase.closes).max());
                due.push(Due::of(DueKind::Submit).by(last_day, today));
            }
        }
        ReviewStatus::Submitted if lead => due.push(Due::of(DueKind::Moderate)),
        ReviewStatus::Moderated if lead && review.kind == ReviewKind::SelfAssessment => {
            due.push(Due::of(DueKind::Publish));
        }
        ReviewStatus::Provisional => {
            if lead {
                let flags: Vec<u32> = review
                    .flags
                    .iter()
                    .filter(|flag| flag.answer.is_none())
                    .map(|flag| flag.number)
                    .collect();
                if !flags.is_empty() {
                    due.push(Due { flags, ..Due::of(DueKind::AnswerFlags) });
                }
                if review.unmet_before_publishing(today).is_empty() {
                    due.push(Due::of(DueKind::Publish));
                }
            }
            if roles.contains(&WorkRole::OrganisationLead) && review.open_for_flags(today) {
                due.push(Due::of(DueKind::CheckProvisional).by(review.provisional_until, today));
            }
        }
        _ => {}
    }
    due
}

/// One review on the page: what it is, what the person is to it and what they have to do.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct WorkItem {
    pub review_id: ReviewId,
    pub organisation: OdsCode,
    pub organisation_name: String,
    pub kind: ReviewKind,
    pub period: Period,
    #[cfg_attr(feature = "openapi", schema(value_type = crate::schema::FrameworkId))]
    pub framework_id: String,
    pub status: ReviewStatus,
    /// The last day the organisation can flag factual errors in its provisional result.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub provisional_until: Option<Date>,
    pub roles: Vec<WorkRole>,
    pub due: Vec<Due>,
}

/// The whole page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct MyWork {
    /// Those with something to do first (overdue first), then the rest; published ones last.
    pub reviews: Vec<WorkItem>,
    /// The newest events, newest first.
    pub events: Vec<EventSeen>,
    /// When the person last opened the page before this time (none: never).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub last_seen: Option<Timestamp>,
}

/// What the page is made of, as read for `email`.
pub struct Reading<'a> {
    pub email: &'a Email,
    /// The organisations the person leads.
    pub leads: &'a [OdsCode],
    /// Every review they are on or own (each once).
    pub reviews: Vec<Review>,
    pub rounds: &'a [Round],
    pub events: Vec<WorkEvent>,
    pub last_seen: Option<Timestamp>,
    pub today: Date,
}

/// The page from what was read. `completed` gives a review's completed assessments, where known
/// (keys as [`completed_key`]).
pub fn my_work<'c>(
    reading: Reading,
    completed: impl Fn(&ReviewId) -> Option<&'c BTreeSet<String>>,
) -> MyWork {
    let Reading { email, leads, reviews, rounds, events, last_seen, today } = reading;
    let mut items: Vec<WorkItem> = reviews
        .into_iter()
        .filter_map(|review| {
            let roles = roles_of(&review, email, leads);
            if roles.is_empty() {
                return None;
            }
            let round = rounds.iter().find(|round| round.period == review.period);
            let due = due(&review, email, &roles, round, today, completed(&review.id));
            Some(WorkItem {
                review_id: review.id,
                organisation: review.organisation,
                organisation_name: review.organisation_name,
                kind: review.kind,
                period: review.period,
                framework_id: review.framework_id,
                status: review.status,
                provisional_until: review.provisional_until,
                roles,
                due,
            })
        })
        .collect();
    items.sort_by(|a, b| {
        let key = |item: &WorkItem| {
            (
                item.status == ReviewStatus::Published,
                !item.due.iter().any(|due| due.overdue),
                item.due.is_empty(),
                std::cmp::Reverse(item.period.clone()),
            )
        };
        key(a).cmp(&key(b)).then_with(|| a.organisation_name.cmp(&b.organisation_name))
    });
    MyWork { reviews: items, events: newest(events, last_seen.as_ref()), last_seen }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::independence::Acceptance;
    use crate::provisional::{FactsConfirmed, FactualErrorFlag, FlagAnswer};
    use crate::rounds::NewRound;
    use crate::test_support::{at, email, review};

    const LEAD: &str = "lead@example.nhs.uk";
    const SECOND: &str = "second@example.nhs.uk";

    fn day(text: &str) -> Date {
        Date::parse(text).unwrap()
    }

    /// Seed 001's plan moved to 2025/26: phase 1 (measure 4) 10 September 2025 to 10 January 2026,
    /// phase 2 (measures 2 and 1) 16 December 2025 to 26 January 2026, phase 3 (3, 5, 6, 7) 1 to
    /// 31 January 2026.
    fn round() -> Round {
        NewRound::plan_for(&Period::parse("2025/26").unwrap())
            .validate()
            .unwrap()
            .opened("Ada Admin", at("2025-09-01T09:00:00.000Z"))
    }

    fn accepted(mut review: Review, reviewer: &str) -> Review {
        review.acceptances.push(Acceptance {
            reviewer: email(reviewer),
            organisation: OdsCode::parse("RJ1").unwrap(),
            conflict: String::new(),
            at: at("2026-01-05T10:00:00.000Z"),
        });
        review
    }

    fn kinds(due: &[Due]) -> Vec<DueKind> {
        due.iter().map(|due| due.kind).collect()
    }

    #[test]
    fn a_reviewer_has_the_measures_of_every_opened_phase_to_assess_by_its_last_day() {
        let peer = accepted(review(ReviewKind::PeerReview, &[LEAD, SECOND]), SECOND);
        let round = round();
        // 20 January 2026: phase 1 closed on 10 January (overdue), phases 2 and 3 are open.
        let due = due(&peer, &email(SECOND), &[WorkRole::Reviewer], Some(&round), day("2026-01-20"), None);
        assert_eq!(
            due,
            [
                Due {
                    kind: DueKind::Assess,
                    phase: Some("Phase 1: Support people, with the acute EPR survey".to_owned()),
                    measures: vec![4],
                    flags: vec![],
                    by: Some(day("2026-01-10")),
                    overdue: true,
                },
                Due {
                    kind: DueKind::Assess,
                    phase: Some("Phase 2: Ensure smart foundations and Well led".to_owned()),
                    measures: vec![2, 1],
                    flags: vec![],
                    by: Some(day("2026-01-26")),
                    overdue: false,
                },
                Due {
                    kind: DueKind::Assess,
                    phase: Some(
                        "Phase 3: Safe practice, Empower citizens, Improve care and Healthy populations"
                            .to_owned()
                    ),
                    measures: vec![3, 5, 6, 7],
                    flags: vec![],
                    by: Some(day("2026-01-31")),
                    overdue: false,
                },
            ]
        );
        // 1 October 2025: only phase 1 has opened.
        let early =
            super::due(&peer, &email(SECOND), &[WorkRole::Reviewer], Some(&round), day("2025-10-01"), None);
        assert_eq!(early.len(), 1);
        assert_eq!(
            (early[0].measures.clone(), early[0].by, early[0].overdue),
            (vec![4], Some(day("2026-01-10")), false)
        );
    }

    #[test]
    fn completed_measures_are_left_out_and_a_phase_with_none_left_is_not_listed() {
        let peer = accepted(review(ReviewKind::PeerReview, &[LEAD, SECOND]), SECOND);
        let completed: BTreeSet<String> =
            ["4#second@example.nhs.uk", "2#second@example.nhs.uk", "1#lead@example.nhs.uk"]
                .into_iter()
                .map(str::to_owned)
                .collect();
        let due = due(
            &peer,
            &email(SECOND),
            &[WorkRole::Reviewer],
            Some(&round()),
            day("2026-01-20"),
            Some(&completed),
        );
        let listed: Vec<(Vec<u8>, Option<Date>)> =
            due.iter().map(|due| (due.measures.clone(), due.by)).collect();
        assert_eq!(
            listed,
            [(vec![1], Some(day("2026-01-26"))), (vec![3, 5, 6, 7], Some(day("2026-01-31")))],
            "phase 1's measure 4 is done; measure 1 was completed by the lead, not this reviewer"
        );
    }

    #[test]
    fn the_lead_accepts_first_and_submits_by_the_rounds_last_day() {
        let peer = review(ReviewKind::PeerReview, &[LEAD, SECOND]);
        let due =
            due(&peer, &email(LEAD), &[WorkRole::LeadReviewer], Some(&round()), day("2026-02-02"), None);
        assert_eq!(
            kinds(&due),
            [DueKind::Accept, DueKind::Assess, DueKind::Assess, DueKind::Assess, DueKind::Submit]
        );
        let submit = due.last().unwrap();
        assert_eq!((submit.by, submit.overdue), (Some(day("2026-01-31")), true));
    }

    #[test]
    fn a_self_assessment_or_a_year_without_a_round_has_every_measure_to_assess_with_no_date() {
        let own = review(ReviewKind::SelfAssessment, &[LEAD]);
        let due = due(&own, &email(LEAD), &[WorkRole::LeadReviewer], Some(&round()), day("2026-01-20"), None);
        assert_eq!(
            due,
            [
                Due {
                    kind: DueKind::Assess,
                    phase: None,
                    measures: vec![1, 2, 3, 4, 5, 6, 7],
                    flags: vec![],
                    by: None,
                    overdue: false
                },
                Due {
                    kind: DueKind::Submit,
                    phase: None,
                    measures: vec![],
                    flags: vec![],
                    by: None,
                    overdue: false
                },
            ],
            "a self-assessment needs no acceptance and keeps its own time"
        );
    }

    #[test]
    fn after_the_draft_the_lead_moderates_answers_flags_and_publishes_and_the_organisation_checks() {
        let lead = email(LEAD);
        let mut peer = review(ReviewKind::PeerReview, &[LEAD, SECOND]);
        peer.status = ReviewStatus::Submitted;
        assert_eq!(
            kinds(&due(&peer, &lead, &[WorkRole::LeadReviewer], None, day("2026-02-01"), None)),
            [DueKind::Moderate]
        );
        assert_eq!(due(&peer, &email(SECOND), &[WorkRole::Reviewer], None, day("2026-02-01"), None), []);
        peer.status = ReviewStatus::Moderated;
        assert_eq!(
            due(&peer, &lead, &[WorkRole::LeadReviewer], None, day("2026-02-01"), None),
            [],
            "with its region"
        );

        peer.status = ReviewStatus::Provisional;
        peer.provisional_until = Some(day("2026-02-10"));
        let flag = |number: u32, answered: bool| FactualErrorFlag {
            number,
            measure: Some(2),
            text: "We have had an EPR since 2023".to_owned(),
            by: "Sam Lee <sam@example.nhs.uk>".to_owned(),
            at: at("2026-02-02T09:00:00.000Z"),
            answer: answered.then(|| FlagAnswer {
                text: "Corrected".to_owned(),
                by: "Lead".to_owned(),
                at: at("2026-02-03T09:00:00.000Z"),
            }),
        };
        peer.flags = vec![flag(1, true), flag(2, false)];
        let on_the_5th = due(&peer, &lead, &[WorkRole::LeadReviewer], None, day("2026-02-05"), None);
        assert_eq!(
            on_the_5th,
            [Due {
                kind: DueKind::AnswerFlags,
                phase: None,
                measures: vec![],
                flags: vec![2],
                by: None,
                overdue: false
            }]
        );
        let owner = due(
            &peer,
            &email("sam@example.nhs.uk"),
            &[WorkRole::OrganisationLead],
            None,
            day("2026-02-05"),
            None,
        );
        assert_eq!(
            owner,
            [Due {
                kind: DueKind::CheckProvisional,
                phase: None,
                measures: vec![],
                flags: vec![],
                by: Some(day("2026-02-10")),
                overdue: false
            }]
        );
        // Once the organisation confirms and every flag is answered, the lead publishes.
        peer.flags = vec![flag(1, true)];
        peer.facts_confirmed =
            Some(FactsConfirmed { by: "Sam Lee".to_owned(), at: at("2026-02-06T09:00:00.000Z") });
        assert_eq!(
            kinds(&due(&peer, &lead, &[WorkRole::LeadReviewer], None, day("2026-02-06"), None)),
            [DueKind::Publish]
        );
        assert_eq!(
            due(
                &peer,
                &email("sam@example.nhs.uk"),
                &[WorkRole::OrganisationLead],
                None,
                day("2026-02-06"),
                None
            ),
            []
        );
        peer.status = ReviewStatus::Published;
        assert_eq!(due(&peer, &lead, &[WorkRole::LeadReviewer], None, day("2026-02-06"), None), []);
    }

    #[test]
    fn roles_come_from_the_reviewers_and_the_organisations_led() {
        let peer = review(ReviewKind::PeerReview, &[LEAD, SECOND]);
        let rr8 = [OdsCode::parse("RR8").unwrap()];
        assert_eq!(roles_of(&peer, &email(LEAD), &[]), [WorkRole::LeadReviewer]);
        assert_eq!(roles_of(&peer, &email(SECOND), &rr8), [WorkRole::Reviewer, WorkRole::OrganisationLead]);
        assert_eq!(roles_of(&peer, &email("nia@example.nhs.uk"), &[]), []);
    }

    fn told(events: &[(Recipient, WorkEvent)]) -> Vec<(String, EventKind)> {
        events
            .iter()
            .map(|(to, event)| {
                let to = match to {
                    Recipient::Person(email) => email.to_string(),
                    Recipient::OrganisationLeads(ods) => format!("leads of {ods}"),
                };
                (to, event.kind)
            })
            .collect()
    }

    #[test]
    fn each_change_tells_those_it_concerns_and_never_the_one_who_made_it() {
        let lead = email(LEAD);
        let peer = review(ReviewKind::PeerReview, &[LEAD, SECOND]);
        let as_admin = |cause| told(&events(cause, &peer, &email("ada@example.nhs.uk"), "Ada Admin"));
        let as_lead = |cause| told(&events(cause, &peer, &lead, "Lee Lead"));
        let second = |kind| (SECOND.to_owned(), kind);
        let first = |kind| (LEAD.to_owned(), kind);
        let leads = |kind| ("leads of RR8".to_owned(), kind);

        assert_eq!(as_admin(Cause::Created), [first(EventKind::Assigned), second(EventKind::Assigned)]);
        assert_eq!(as_lead(Cause::Created), [second(EventKind::Assigned)]);
        let before = [lead.clone()];
        assert_eq!(as_lead(Cause::ReviewersChanged { before: &before }), [second(EventKind::Assigned)]);
        assert_eq!(as_lead(Cause::StatusChanged(Transition::ReturnToDraft)), [second(EventKind::Returned)]);
        assert_eq!(
            as_admin(Cause::StatusChanged(Transition::ReturnFromRegion)),
            [first(EventKind::Returned), second(EventKind::Returned)]
        );
        assert_eq!(
            as_admin(Cause::StatusChanged(Transition::Confirm)),
            [first(EventKind::Confirmed), second(EventKind::Confirmed), leads(EventKind::Confirmed)]
        );
        assert_eq!(
            as_lead(Cause::StatusChanged(Transition::Publish)),
            [second(EventKind::Published), leads(EventKind::Published)]
        );
        assert_eq!(as_lead(Cause::StatusChanged(Transition::Submit)), []);
        assert_eq!(as_admin(Cause::Flagged), [first(EventKind::Flagged)]);
        assert_eq!(as_lead(Cause::Answered), [leads(EventKind::Answered)]);

        let (_, event) = &events(Cause::Created, &peer, &lead, "Lee Lead")[0];
        assert_eq!(
            event.sentence(),
            "You were added as a reviewer of the peer review of Leeds Teaching Hospitals NHS Trust for 2025/26."
        );
        assert_eq!((event.by.as_str(), event.at.as_str()), ("Lee Lead", "2026-01-05T09:00:00.000Z"));
    }

    fn event(kind: EventKind, when: &str) -> WorkEvent {
        WorkEvent {
            kind,
            review_id: review(ReviewKind::PeerReview, &[]).id,
            organisation_name: "Leeds Teaching Hospitals NHS Trust".to_owned(),
            review_kind: ReviewKind::PeerReview,
            period: Period::parse("2025/26").unwrap(),
            at: at(when),
            by: "Lee Lead".to_owned(),
        }
    }

    #[test]
    fn events_since_the_last_visit_are_new_newest_first_each_once() {
        let seen = at("2026-01-10T12:00:00.000Z");
        let shown = newest(
            vec![
                event(EventKind::Assigned, "2026-01-05T09:00:00.000Z"),
                event(EventKind::Published, "2026-02-01T09:00:00.000Z"),
                event(EventKind::Returned, "2026-01-10T12:00:00.000Z"),
                event(EventKind::Published, "2026-02-01T09:00:00.000Z"),
            ],
            Some(&seen),
        );
        let listed: Vec<(EventKind, bool)> = shown.iter().map(|seen| (seen.event.kind, seen.new)).collect();
        assert_eq!(
            listed,
            [(EventKind::Published, true), (EventKind::Returned, false), (EventKind::Assigned, false)],
            "one seen at the very moment of the visit is not new"
        );
        assert!(is_new(&seen, None), "everything is new on the first visit");
        let many =
            (0..30).map(|n| event(EventKind::Assigned, &format!("2026-01-01T09:{n:02}:00.000Z"))).collect();
        let shown = newest(many, None);
        assert_eq!(shown.len(), EVENTS_SHOWN);
        assert_eq!(shown[0].event.at.as_str(), "2026-01-01T09:29:00.000Z");
    }

    #[test]
    fn the_page_lists_what_is_overdue_first_and_what_is_published_last() {
        let round = round();
        let mut published = review(ReviewKind::PeerReview, &[LEAD]);
        published.id = ReviewId::from_uuid_bytes([2; 16]);
        published.status = ReviewStatus::Published;
        published.organisation_name = "Airedale NHS Foundation Trust".to_owned();
        let mut submitted = review(ReviewKind::PeerReview, &[LEAD]);
        submitted.id = ReviewId::from_uuid_bytes([3; 16]);
        submitted.status = ReviewStatus::Submitted;
        submitted.organisation_name = "Bradford Teaching Hospitals".to_owned();
        let draft = accepted(review(ReviewKind::PeerReview, &[LEAD]), LEAD);
        let mut not_mine = review(ReviewKind::PeerReview, &["nia@example.nhs.uk"]);
        not_mine.id = ReviewId::from_uuid_bytes([4; 16]);
        let page = my_work(
            Reading {
                email: &email(LEAD),
                leads: &[],
                reviews: vec![published, submitted, not_mine, draft],
                rounds: std::slice::from_ref(&round),
                events: vec![],
                last_seen: None,
                today: day("2026-01-20"),
            },
            |_| None,
        );
        let listed: Vec<(&str, ReviewStatus)> =
            page.reviews.iter().map(|item| (item.organisation_name.as_str(), item.status)).collect();
        assert_eq!(
            listed,
            [
                ("Leeds Teaching Hospitals NHS Trust", ReviewStatus::Draft),
                ("Bradford Teaching Hospitals", ReviewStatus::Submitted),
                ("Airedale NHS Foundation Trust", ReviewStatus::Published),
            ]
        );
        assert_eq!(page.reviews[0].roles, [WorkRole::LeadReviewer]);
    }
}
