//! Every key format in the table, in one place.
//!
//! | item         | PK               | SK                    | GSI1PK / GSI1SK               | GSI2PK / GSI2SK                       |
//! |--------------|------------------|-----------------------|-------------------------------|---------------------------------------|
//! | organisation | `ORG#<ods>`      | `META`                | `ORGS` / `<name>#<ods>`       | `ICS#<ics>` / `ORG#<ods>`             |
//! | review       | `REVIEW#<id>`    | `META`                | `ORG#<ods>` / `REVIEW#<period>#<id>` | `ICS#<ics>#<period>` / `REVIEW#<ods>#<id>` |
//! | assessment   | `REVIEW#<id>`    | `MEASURE#<n>#<reviewer email>` |                               |                                       |
//! | agreed levels| `REVIEW#<id>`    | `LEVELS`              |                               |                                       |
//! | audit entry  | `REVIEW#<id>`    | `AUDIT#<time>#<uuid>` |                               |                                       |
//! | confirmed peer organisation | `REVIEW#<id>` | `PEER` (after `META`: not read with the review) |  |                            |
//! | review's round progress | `REVIEW#<id>` | `PROGRESS` (after `META`) | `PROGRESS#<period>` / `<region or none>#<ics>#<ods>#<id>` | `PROGRESS#<period>#<ics>` / `<ods>#<id>` |
//! | service offer| `ORG#<ods>`      | `OFFER#<service>`     |                               | `ICS#<ics>` / `OFFER#<ods>#<service>` |
//! | offer change | `ORG#<ods>`      | `OFFERLOG#<time>#<uuid>` |                            |                                       |
//! | outcome      | `ORG#<ods>`      | `OUTCOME#<period>`    | `OUTCOMES#<ics>` / `<period>#<ods>` | `BENCHMARK#<kind>#<period>` / `<ods>` |
//! | action       | `ORG#<ods>`      | `ACTION#<id>`         | `ACTIONS#<ics>` / `<due>#<id>` |                                      |
//! | evidence document | `ORG#<ods>` | `EVIDENCE#<period>#<id>` |                          |                                       |
//! | tech spend   | `ORG#<ods>`      | `SPEND#<period>`      | `SPENDS#<ics>` / `<period>#<ods>` | `SPENDBENCH#<kind>#<period>` / `<ods>` |
//! | bid (one application for many funds) | `ORG#<ods>` | `BID#<id>` | `BIDS#<period>` / `<status>#<id>` |            |
//! | bid change   | `ORG#<ods>`      | `BIDLOG#<id>#<time>#<uuid>` |                         |                                       |
//! | tech spend change | `ORG#<ods>` | `SPENDLOG#<time>#<uuid>` |                           |                                       |
//! | benefit of a funded item | `ORG#<ods>` | `BENEFIT#<id>` | `BENEFITS#<ics>` / `<ods>#<id>` |                                  |
//! | benefit change | `ORG#<ods>`    | `BENEFITLOG#<id>#<time>#<uuid>` |                     |                                       |
//! | evidence change (upload, deletion) | `ORG#<ods>` | `EVIDENCELOG#<time>#<uuid>` |          |                                       |
//! | problem report (from the public) | `ORG#<ods>` | `REPORT#<time>#<uuid>` |            |                                       |
//! | reports taken in a day | `ORG#<ods>` | `REPORTCOUNT#<date>` |                       |                                       |
//! | assessment round | `ROUNDS`     | `ROUND#<period>`      |                               |                                       |
//! | peer review awaiting its region | `VALIDATION#<region>` (`…#none`: administrators') | `REVIEW#<id>` |   |                                       |
//! | a review someone is on (for "my work") | `WORK#<email>` | `REVIEW#<id>` |                  |                                       |
//! | what happened, for someone (or an organisation's leads) | `WORK#<email>` (`WORK#organisation:<ods>`) | `EVENT#<time>#<uuid>` | |                 |
//! | when someone last looked at their work | `WORK#<email>` | `SEEN`     |                               |                                       |
//! | fund         | `FUNDING#<period>` | `FUND#<fund>`       |                               |                                       |
//! | fund change  | `FUNDING#<period>` | `FUNDLOG#<fund>#<time>#<uuid>` |                      |                                       |
//! | weighted population | `FUNDING#<period>` | `POPULATION#<ods>` |                         |                                       |
//! | suggestion thresholds | `FUNDING#<period>` | `THRESHOLDS` |                              |                                       |
//! | autonomy rules | `FUNDING#<period>` | `AUTONOMY`        |                               |                                       |
//! | allocation (its current version) | `ALLOCATION#<period>#<fund>` (`…#ENVELOPES` for ICS envelopes) | `META` | |                      |
//! | allocation version (its history) | `ALLOCATION#<period>#<fund>` | `VERSION#<version, 10 digits>` |  |                          |
//! | allocation lines | `ALLOCATION#<period>#<fund>` | `LINES#<version, 10 digits>#<save id>#<nnnnnn>` (a chunk of lines, gzip JSON, by its place) | |     |
//! | ICS allocation by provider and programme | `SYSTEM#<ics>#<period>` | `META` |            |                                       |
//! | proposed change | `SYSTEM#<ics>#<period>` | `PROPOSAL#<id>` |                         |                                       |
//! | ICS allocation history | `SYSTEM#<ics>#<period>` | `HISTORY#<time>#<uuid>` |          |                                       |
//!
//! Funding: one Query on `FUNDING#<period>` reads a year's funds (`FUND#`) or its weighted
//! populations (`POPULATION#`); one Query from `META` on reads an ICS's allocation with its
//! proposed changes (its `HISTORY#` sorts before). Funding records are document items.
//!
//! An allocation can have any number of lines, more than one transaction can hold (100 items), so
//! each save writes its lines first under keys of their own (its version and a save id drawn for
//! it), in batches, where no reader looks; then one transaction puts `META` over the version the
//! saver read (conditional, so a save in between refuses it) with the version's `VERSION#` entry.
//! `META` names the save id, so a reader reads `META` (GetItem) and then that save's lines (one
//! Query): two requests whatever the size, never a half-written allocation. Lines of a save whose
//! `META` lost the race are deleted at once (and if that fails, nothing names them). Earlier
//! versions' lines stay: with the `VERSION#` entries (one Query, newest first) they are the history.
//!
//! "My work": a reviewer's `WORK#<email>` partition points at the reviews they are on (put for
//! each reviewer by the transaction that creates or imports a review, put and deleted by the one
//! that changes its reviewers) and keeps the events they should hear of, each written in the
//! transaction of the change that makes it; an organisation's leads' events are kept in
//! `WORK#organisation:<ods>` (its reviews they find on GSI1). One Query from `REVIEW#` reads the
//! pointers and `SEEN`; one Query of `EVENT#`, newest first with a limit, the latest events.
//!
//! One Query on `REVIEW#<id>` reads a review with all its measures; one Query on GSI1 lists an
//! organisation's reviews newest period first; one on GSI2 lists an ICS's reviews for a period.
//! One Query on `ORG#<ods>` from `META` to `OFFER$` reads an organisation with its whole digital
//! offer; one on GSI2 `ICS#<ics>` reads an ICS's organisations and all their service records.
//! Outcomes (the agreed levels of published peer reviews, written when a review is published)
//! are read by organisation (trends), by ICS and period (the dashboard, one Query on GSI1) and by
//! kind and period (benchmarks, one Query on GSI2), so no figure ever needs a Scan.
//!
//! Assessments are *document items* (`to_document_item` in the store): the record as JSON in one
//! `body` attribute, with its `version` beside it for conditional writes. A review's agreed levels
//! share one item the same way, a pair of attributes per measure (see [`AGREED_LEVELS`]). Every
//! other item keeps its fields as attributes.

pub const PK: &str = "PK";
pub const SK: &str = "SK";
pub const GSI1PK: &str = "GSI1PK";
pub const GSI1SK: &str = "GSI1SK";
pub const GSI2PK: &str = "GSI2PK";
pub const GSI2SK: &str = "GSI2SK";
pub const GSI1: &str = "GSI1";
pub const GSI2: &str = "GSI2";

use wgll_shared::email::Email;
use wgll_shared::ids::{ActionId, EvidenceId, ReviewId};
use wgll_shared::timestamp::Timestamp;

pub const META: &str = "META";
/// Every organisation sits in this one GSI1 partition, sorted by name (about 1,000 items).
pub const ALL_ORGANISATIONS: &str = "ORGS";

pub fn organisation(ods: &str) -> String {
    format!("ORG#{ods}")
}

pub const PROBLEM_REPORT_PREFIX: &str = "REPORT#";

/// A report from the public, by when it came (text order is time order).
pub fn problem_report(at: &str, id: &str) -> String {
    format!("{PROBLEM_REPORT_PREFIX}{at}#{id}")
}

/// How many reports an organisation took on a day (`YYYY-MM-DD`).
pub fn problem_report_count(day: &str) -> String {
    format!("REPORTCOUNT#{day}")
}

pub fn organisation_by_name(name: &str, ods: &str) -> String {
    format!("{}#{ods}", name.to_lowercase())
}

pub fn ics_members(ics: &str) -> String {
    format!("ICS#{ics}")
}

pub fn review(id: &ReviewId) -> String {
    format!("REVIEW#{id}")
}

pub fn review_by_period(period: &str, id: &ReviewId) -> String {
    format!("{}{id}", reviews_in_period(period))
}

/// The start of every [`review_by_period`] key: an organisation's reviews on GSI1.
pub const REVIEWS_BY_PERIOD_PREFIX: &str = "REVIEW#";

/// The start of the [`review_by_period`] keys of one period.
pub fn reviews_in_period(period: &str) -> String {
    format!("{REVIEWS_BY_PERIOD_PREFIX}{period}#")
}

pub fn ics_reviews(ics: &str, period: &str) -> String {
    format!("ICS#{ics}#{period}")
}

pub fn review_in_ics(ods: &str, id: &ReviewId) -> String {
    format!("REVIEW#{ods}#{id}")
}

pub const MEASURE_PREFIX: &str = "MEASURE#";

/// One reviewer's assessment of one measure.
pub fn measure(number: u8, reviewer: &Email) -> String {
    format!("{MEASURE_PREFIX}{number}#{reviewer}")
}

/// A review's agreed (moderated) levels, all of them in one item: measure n's record as JSON in
/// [`agreed_level`]`(n)` and its version in [`agreed_version`]`(n)`. One item rather than one per
/// measure: 6 fewer items for DynamoDB to return with every read of a review, and for the store to
/// parse. A level and its note are small (a note is at most 5,000 characters), so seven always fit
/// in an item's 400 KB. Sorts after `AUDIT#` and before `MEASURE#`, so one range from here to `META`
/// reads the review, its assessments and agreed levels, and no audit entry.
pub const AGREED_LEVELS: &str = "LEVELS";

pub fn agreed_level(number: u8) -> String {
    format!("level{number}")
}

/// The measure whose agreed level an attribute of the [`AGREED_LEVELS`] item holds, if it holds one.
pub fn agreed_level_measure(attribute: &str) -> Option<u8> {
    attribute.strip_prefix("level")?.parse().ok()
}

pub fn agreed_version(number: u8) -> String {
    format!("version{number}")
}

pub const AUDIT_PREFIX: &str = "AUDIT#";

pub fn audit(at: &Timestamp, id: &str) -> String {
    format!("{AUDIT_PREFIX}{at}#{id}")
}

pub const OFFER_PREFIX: &str = "OFFER#";
/// Sorts just after every `OFFER#…` key (and before `OFFERLOG#`), closing the organisation-and-offer range.
pub const OFFER_END: &str = "OFFER$";

/// One organisation's record of one citizen service.
pub fn offer(service: &str) -> String {
    format!("{OFFER_PREFIX}{service}")
}

/// The same record in its ICS's GSI2 partition, beside the organisation items.
pub fn offer_in_ics(ods: &str, service: &str) -> String {
    format!("{OFFER_PREFIX}{ods}#{service}")
}

pub const OFFER_LOG_PREFIX: &str = "OFFERLOG#";

pub fn offer_log(at: &Timestamp, id: &str) -> String {
    format!("{OFFER_LOG_PREFIX}{at}#{id}")
}

pub const OUTCOME_PREFIX: &str = "OUTCOME#";

/// An organisation's outcome for a period: the agreed levels of its published peer review.
pub fn outcome(period: &str) -> String {
    format!("{OUTCOME_PREFIX}{period}")
}

pub fn ics_outcomes(ics: &str) -> String {
    format!("OUTCOMES#{ics}")
}

pub fn outcome_in_ics(period: &str, ods: &str) -> String {
    format!("{}{ods}", outcomes_in_period(period))
}

/// The start of the [`outcome_in_ics`] keys of one period.
pub fn outcomes_in_period(period: &str) -> String {
    format!("{period}#")
}

pub fn peer_outcomes(kind: &str, period: &str) -> String {
    format!("BENCHMARK#{kind}#{period}")
}

pub const ACTION_PREFIX: &str = "ACTION#";

pub fn action(id: &ActionId) -> String {
    format!("{ACTION_PREFIX}{id}")
}

pub fn ics_actions(ics: &str) -> String {
    format!("ACTIONS#{ics}")
}

pub fn action_by_due_date(due: wgll_shared::date::Date, id: &ActionId) -> String {
    format!("{due}#{id}")
}

/// An organisation's evidence documents for a year: one Query (`begins_with`) lists them. (The
/// bytes are in the bucket, under a key of their own: `documents::object_key`.)
pub fn evidence_in_period(period: &str) -> String {
    format!("EVIDENCE#{period}#")
}

pub fn evidence(period: &str, id: &EvidenceId) -> String {
    format!("{}{id}", evidence_in_period(period))
}

/// An upload or deletion in the organisation's evidence history (text order is time order).
pub fn evidence_log(at: &Timestamp, id: &str) -> String {
    format!("EVIDENCELOG#{at}#{id}")
}

/// A financial year's funds, their changes, weighted populations and settings.
/// Every assessment round, one per financial year.
pub const ROUNDS: &str = "ROUNDS";

/// A review's confirmed peer organisation (`PEER` sorts after `META`, so the review's own Query,
/// `LEVELS` to `META`, does not read it).
pub const PEER_PAIR: &str = "PEER";

/// What a round's progress page knows of a review (`PROGRESS` sorts after `META`: the review's
/// own Query does not read it). Changed in the transaction of every save of a measure and every
/// change of the review, so the country's, a region's or an ICS's progress is one Query.
pub const REVIEW_PROGRESS: &str = "PROGRESS";

/// Every review's progress in a year's round (GSI1), sorted by region then ICS.
pub fn round_progress(period: &str) -> String {
    format!("PROGRESS#{period}")
}

pub fn progress_in_round(region: Option<&str>, ics: &str, ods: &str, id: &ReviewId) -> String {
    format!("{}{ics}#{ods}#{id}", progress_in_region(region))
}

/// The start of the [`progress_in_round`] keys of one region (`none`: ICSs without one).
pub fn progress_in_region(region: Option<&str>) -> String {
    format!("{}#", region.unwrap_or("none"))
}

/// An ICS's reviews' progress in a year's round (GSI2).
pub fn ics_round_progress(period: &str, ics: &str) -> String {
    format!("PROGRESS#{period}#{ics}")
}

pub fn progress_in_ics(ods: &str, id: &ReviewId) -> String {
    format!("{ods}#{id}")
}

/// An organisation's tech spend for a year.
pub fn tech_spend(period: &str) -> String {
    format!("SPEND#{period}")
}

/// An ICS's members' tech spend (GSI1), by year.
pub fn ics_tech_spend(ics: &str) -> String {
    format!("SPENDS#{ics}")
}

pub fn tech_spend_in_ics(period: &str, ods: &str) -> String {
    format!("{period}#{ods}")
}

/// Every organisation of a kind's tech spend in a year (GSI2): their benchmark is one Query.
pub fn tech_spend_benchmark(kind: &str, period: &str) -> String {
    format!("SPENDBENCH#{kind}#{period}")
}

pub const TECH_SPEND_LOG_PREFIX: &str = "SPENDLOG#";

pub fn tech_spend_log(at: &Timestamp, id: &str) -> String {
    format!("{TECH_SPEND_LOG_PREFIX}{at}#{id}")
}

pub const BID_PREFIX: &str = "BID#";

/// A bid, in its applicant's partition.
pub fn bid(id: &wgll_shared::ids::BidId) -> String {
    format!("{BID_PREFIX}{id}")
}

/// A year's bids (GSI1), by status: the review board's list is one Query.
pub fn bids_in_period(period: &str) -> String {
    format!("BIDS#{period}")
}

pub fn bid_by_status(status: &str, id: &wgll_shared::ids::BidId) -> String {
    format!("{status}#{id}")
}

/// A year's bids before the review board (GSI2), sorted by the month each was submitted in: the
/// board and the fairness view are one Query each.
pub fn board(period: &str) -> String {
    format!("BOARD#{period}")
}

pub fn bid_on_board(month: &str, id: &wgll_shared::ids::BidId) -> String {
    format!("{month}#{id}")
}

pub const FUND_APPROVALS_PREFIX: &str = "APPROVED#";

/// What the board has approved from a fund so far, beside the fund in its year's partition.
pub fn fund_approvals(fund: &str) -> String {
    format!("{FUND_APPROVALS_PREFIX}{fund}")
}

pub fn bid_log(id: &wgll_shared::ids::BidId, at: &Timestamp, unique: &str) -> String {
    format!("BIDLOG#{id}#{at}#{unique}")
}

pub const BENEFIT_PREFIX: &str = "BENEFIT#";

/// A benefit of a funded item, in its organisation's partition (`BENEFITLOG#` does not begin
/// with [`BENEFIT_PREFIX`], so one Query lists the benefits without their history).
pub fn benefit(id: &wgll_shared::ids::BenefitId) -> String {
    format!("{BENEFIT_PREFIX}{id}")
}

/// An ICS's members' benefits (GSI1), by organisation: one Query reads them all.
pub fn ics_benefits(ics: &str) -> String {
    format!("BENEFITS#{ics}")
}

pub fn benefit_in_ics(ods: &str, id: &wgll_shared::ids::BenefitId) -> String {
    format!("{ods}#{id}")
}

/// A saved version of a benefit, in its organisation's history (text order is time order).
pub fn benefit_log(id: &wgll_shared::ids::BenefitId, at: &Timestamp, unique: &str) -> String {
    format!("BENEFITLOG#{id}#{at}#{unique}")
}

pub fn round(period: &str) -> String {
    format!("ROUND#{period}")
}

/// A region's list of moderated peer reviews to validate: one Query. Written in the same
/// transaction as moderation, removed in the one that confirms or returns the review.
pub fn awaiting_validation(region: Option<&str>) -> String {
    format!("VALIDATION#{}", region.unwrap_or("none"))
}

pub fn awaiting_review(review_id: &ReviewId) -> String {
    format!("REVIEW#{review_id}")
}

pub fn funding_year(period: &str) -> String {
    format!("FUNDING#{period}")
}

pub const FUND_PREFIX: &str = "FUND#";

pub fn fund(id: &str) -> String {
    format!("{FUND_PREFIX}{id}")
}

/// The start of one fund's [`fund_log`] keys.
pub fn fund_log_prefix(id: &str) -> String {
    format!("FUNDLOG#{id}#")
}

pub fn fund_log(id: &str, at: &Timestamp, unique: &str) -> String {
    format!("{}{at}#{unique}", fund_log_prefix(id))
}

pub const POPULATION_PREFIX: &str = "POPULATION#";

pub fn population(ods: &str) -> String {
    format!("{POPULATION_PREFIX}{ods}")
}

pub const SUGGESTION_THRESHOLDS: &str = "THRESHOLDS";
pub const AUTONOMY_RULES: &str = "AUTONOMY";

/// A saved allocation of a fund's pot (`of` is the fund's id, or `ENVELOPES`).
pub fn allocation(period: &str, of: &str) -> String {
    format!("ALLOCATION#{period}#{of}")
}

pub const ENVELOPES: &str = "ENVELOPES";

pub const ALLOCATION_VERSION_PREFIX: &str = "VERSION#";

/// One saved version's history entry. Ten digits, so text order is version order.
pub fn allocation_version(version: u64) -> String {
    format!("{ALLOCATION_VERSION_PREFIX}{version:010}")
}

/// The start of every line key of one save: its version and the id drawn for that save (two
/// people saving the same version at once write apart; only one of them becomes `META`).
pub fn allocation_lines(version: u64, save: &str) -> String {
    format!("LINES#{version:010}#{save}#")
}

/// A chunk of one save's lines (a few hundred lines, compressed), by its place. Six digits, so
/// text order is line order.
pub fn allocation_line_chunk(version: u64, save: &str, chunk: usize) -> String {
    format!("{}{chunk:06}", allocation_lines(version, save))
}

/// An ICS's allocation by provider and programme for a year, its proposed changes and history.
pub fn system(ics: &str, period: &str) -> String {
    format!("SYSTEM#{ics}#{period}")
}

pub const PROPOSAL_PREFIX: &str = "PROPOSAL#";

pub fn proposal(id: &str) -> String {
    format!("{PROPOSAL_PREFIX}{id}")
}

pub const HISTORY_PREFIX: &str = "HISTORY#";

pub fn history(at: &Timestamp, unique: &str) -> String {
    format!("{HISTORY_PREFIX}{at}#{unique}")
}

/// A person's "my work" partition: the reviews they are on, their events, their last visit.
pub fn work_of_person(email: &Email) -> String {
    format!("WORK#{email}")
}

/// The events an organisation's leads hear of (an email address has an `@`, so never this).
pub fn work_of_leads(ods: &str) -> String {
    format!("WORK#organisation:{ods}")
}

/// The start of every [`work_review`] key; `SEEN` sorts after them, `EVENT#` before.
pub const WORK_REVIEW_PREFIX: &str = "REVIEW#";

/// A review someone is on, in their [`work_of_person`] partition.
pub fn work_review(id: &ReviewId) -> String {
    format!("{WORK_REVIEW_PREFIX}{id}")
}

pub const WORK_EVENT_PREFIX: &str = "EVENT#";

/// An event in a [`work_of_person`] or [`work_of_leads`] partition (text order is time order).
pub fn work_event(at: &Timestamp, unique: &str) -> String {
    format!("{WORK_EVENT_PREFIX}{at}#{unique}")
}

/// When the person last opened their work page.
pub const WORK_SEEN: &str = "SEEN";
