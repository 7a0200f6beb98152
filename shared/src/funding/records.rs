//! The funding records the service keeps, built here (never by the store): a year's funds and
//! settings, weighted populations, saved allocations with their lines, an ICS's allocation by
//! provider and programme, proposed changes to it and the history of all of them. Each editable
//! record carries a `version`; a new record is version 1 and each save adds one.

use super::allocation::{Allocation, AllocationLine, Exclusion};
use super::changes::{NetNeutralChange, ProposedChange};
use super::envelopes::SystemAllocation;
use super::fund::{Fund, FundId};
use super::money::Pence;
use super::principles::Principle;
use super::principles::fair_shares::WeightedPopulation;
use crate::FieldError;
use crate::ids::ChangeId;
use crate::organisation::{OdsCode, Organisation, OrganisationKind};
use crate::period::Period;
use crate::timestamp::Timestamp;
use serde::{Deserialize, Serialize};

/// Who last saved a record and when, beside its version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Versioned<T> {
    pub value: T,
    pub version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub updated_by: String,
}

impl<T> Versioned<T> {
    /// A value nobody has saved yet (the shipped defaults): version 0.
    pub fn unsaved(value: T) -> Self {
        Self { value, version: 0, updated_at: None, updated_by: String::new() }
    }

    /// `value` saved over the record at `version` (0 for none yet): the next version.
    pub fn saved(value: T, version: u64, by: &str, at: Timestamp) -> Self {
        Self { value, version: version + 1, updated_at: Some(at), updated_by: by.to_owned() }
    }
}

/// One entry of a funding history: what changed, who changed it and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct FundingLogEntry {
    pub at: Timestamp,
    pub by: String,
    pub what: String,
}

impl FundingLogEntry {
    pub fn new(by: &str, at: &Timestamp, what: String) -> Self {
        Self { at: at.clone(), by: by.to_owned(), what }
    }

    /// A fund added or changed: its figures as they now are.
    pub fn fund_saved(fund: &Fund, version: u64, by: &str, at: &Timestamp) -> Self {
        let verb = if version == 1 { "Added" } else { "Changed" };
        Self::new(
            by,
            at,
            format!(
                "{verb} {} “{}” for {} (version {version}): {} ({} capital, {} revenue), {}",
                fund.id(),
                fund.name(),
                fund.period(),
                fund.total(),
                fund.capital(),
                fund.revenue(),
                fund.principle().label().to_lowercase()
            ),
        )
    }
}

/// A recipient's weighted population for a year, with what kind of organisation it is.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct PopulationRecord {
    pub population: WeightedPopulation,
    pub kind: OrganisationKind,
    /// The ICS it is in (its own code for an ICS).
    pub ics: OdsCode,
}

/// What a person types to record a weighted population.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct PopulationUpdate {
    pub weighted_population: u64,
    /// Where the figure comes from, e.g. "CCG allocations 2021/22, weighted".
    pub source: String,
    /// The version it was read at (0 when there is none yet).
    pub version: u64,
}

pub const SOURCE_MAX: usize = 500;

impl PopulationUpdate {
    pub fn validate(
        &self,
        organisation: &Organisation,
        year: &Period,
    ) -> Result<PopulationRecord, Vec<FieldError>> {
        let source = crate::validation::text(&self.source, "where the figure comes from", true, SOURCE_MAX)
            .map_err(|message| vec![FieldError::new("source", message)])?;
        Ok(PopulationRecord {
            population: WeightedPopulation {
                recipient: organisation.ods_code.clone(),
                weighted_population: self.weighted_population,
                source,
                year: year.clone(),
            },
            kind: organisation.kind,
            ics: organisation.ics().clone(),
        })
    }
}

/// One saved line: an allocation line with the ICS of its recipient, so who may see it is known
/// from the line itself.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SavedLine {
    pub ics: OdsCode,
    pub line: AllocationLine,
}

/// What a pot's allocation is for: a fund, or the year's ICS envelopes.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum AllocationOf {
    Fund(FundId),
    Envelopes,
}

/// An allocation as saved: its header and every line, at a version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SavedAllocation {
    pub period: Period,
    pub of: AllocationOf,
    pub principle: Principle,
    pub pot: Pence,
    pub unallocated: Pence,
    pub excluded: Vec<Exclusion>,
    pub lines: Vec<SavedLine>,
    pub version: u64,
    pub saved_at: Timestamp,
    pub saved_by: String,
}

impl SavedAllocation {
    /// `allocation` saved over `version` (0 for the first), each line with its recipient's ICS
    /// (from `organisations`; an unknown recipient is its own).
    pub fn new(
        period: Period,
        of: AllocationOf,
        allocation: &Allocation,
        organisations: &[Organisation],
        version: u64,
        by: &str,
        at: Timestamp,
    ) -> Self {
        let lines = allocation
            .lines()
            .iter()
            .map(|line| {
                let ics = organisations
                    .iter()
                    .find(|organisation| &organisation.ods_code == line.recipient())
                    .map_or_else(|| line.recipient().clone(), |organisation| organisation.ics().clone());
                SavedLine { ics, line: line.clone() }
            })
            .collect();
        Self {
            period,
            of,
            principle: allocation.principle(),
            pot: allocation.pot(),
            unallocated: allocation.unallocated(),
            excluded: allocation.excluded().to_vec(),
            lines,
            version: version + 1,
            saved_at: at,
            saved_by: by.to_owned(),
        }
    }

    /// The CSV export: one row per line, ODS codes first, amounts in pence and in pounds.
    pub fn to_csv(&self, lines: &[SavedLine]) -> String {
        let of = match &self.of {
            AllocationOf::Fund(id) => id.to_string(),
            AllocationOf::Envelopes => "ics-envelopes".to_owned(),
        };
        let header = [
            "recipient_ods",
            "ics_ods",
            "period",
            "fund",
            "principle",
            "amount_pence",
            "amount",
            "explanation",
        ];
        let mut csv = crate::export::csv_row(header.map(str::to_owned));
        for saved in lines {
            csv.push_str(&crate::export::csv_row([
                saved.line.recipient().to_string(),
                saved.ics.to_string(),
                self.period.to_string(),
                of.clone(),
                self.principle.label().to_owned(),
                saved.line.amount().get().to_string(),
                saved.line.amount().to_string(),
                saved.line.explanation().to_owned(),
            ]));
        }
        csv
    }
}

/// One saved version of an allocation, as its history lists it: who saved it when, and its
/// figures (the lines themselves stay stored under that version).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AllocationVersion {
    pub version: u64,
    pub saved_at: Timestamp,
    pub saved_by: String,
    pub principle: Principle,
    pub pot: Pence,
    pub unallocated: Pence,
    /// How many lines it has.
    pub lines: u64,
}

impl AllocationVersion {
    pub fn of(saved: &SavedAllocation) -> Self {
        Self {
            version: saved.version,
            saved_at: saved.saved_at.clone(),
            saved_by: saved.saved_by.clone(),
            principle: saved.principle,
            pot: saved.pot,
            unallocated: saved.unallocated,
            lines: saved.lines.len() as u64,
        }
    }
}

/// Where a proposed change stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "kebab-case")]
pub enum ChangeStatus {
    Proposed,
    Approved,
    Returned,
}

/// A net-neutral change an ICS lead proposed, checked against one version of the ICS's
/// allocation, waiting for (or given) an administrator's decision.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct ChangeRecord {
    pub id: ChangeId,
    pub ics: OdsCode,
    pub period: Period,
    pub change: NetNeutralChange,
    pub status: ChangeStatus,
    pub proposed_by: String,
    pub proposed_at: Timestamp,
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub decided_by: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decided_at: Option<Timestamp>,
    /// Why it was returned.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub returned_because: String,
    pub version: u64,
}

impl ChangeRecord {
    pub fn proposed(id: ChangeId, period: Period, change: NetNeutralChange, by: &str, at: Timestamp) -> Self {
        Self {
            id,
            ics: change.preview().ics().clone(),
            period,
            change,
            status: ChangeStatus::Proposed,
            proposed_by: by.to_owned(),
            proposed_at: at,
            decided_by: String::new(),
            decided_at: None,
            returned_because: String::new(),
            version: 1,
        }
    }

    /// The same change decided: approved, or returned with a reason.
    pub fn decided(&self, status: ChangeStatus, reason: &str, by: &str, at: Timestamp) -> Self {
        Self {
            status,
            decided_by: by.to_owned(),
            decided_at: Some(at),
            returned_because: reason.trim().to_owned(),
            version: self.version + 1,
            ..self.clone()
        }
    }

    /// The moves in words, for the history.
    pub fn in_words(&self) -> String {
        let moves: Vec<String> = self
            .change
            .moves()
            .iter()
            .map(|(key, pence)| format!("{key} {}", super::money::signed(*pence)))
            .collect();
        format!("{} (“{}”)", moves.join(", "), self.change.reason())
    }
}

/// Why a change is returned.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ReturnChange {
    pub reason: String,
    /// The change's version as read.
    pub version: u64,
}

/// An approval of a change at the version read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ApproveChange {
    pub version: u64,
}

/// A proposal, with the version of the allocation the ICS lead saw.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ChangeProposal {
    pub moves: Vec<super::changes::LineMove>,
    /// Why the system agreed it.
    pub reason: String,
    pub allocation_version: u64,
}

impl ChangeProposal {
    pub fn change(&self) -> ProposedChange {
        ProposedChange { moves: self.moves.clone(), reason: self.reason.clone() }
    }
}

/// A change to a fund: the fund as it should be, and the version it was read at.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct FundUpdate {
    pub fund: super::fund::NewFund,
    pub version: u64,
}

/// A year's thresholds for the principle suggestion, at the version read (0: the defaults).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct ThresholdsUpdate {
    pub thresholds: super::principles::suggestion::SuggestionThresholds,
    pub version: u64,
}

/// A year's earned-autonomy rules, at the version read (0: the defaults).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AutonomyRulesUpdate {
    pub rules: super::autonomy::AutonomyRules,
    pub version: u64,
}

/// What a fund's allocation is worked out from, beside what is stored: who shares it (fair
/// shares and levelling up, by ODS code), the ranked investments (strategic investment) and, for
/// levelling up, the minimum level and what to do about a recipient without a published review.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct AllocationRequest {
    #[serde(default)]
    pub recipients: Vec<String>,
    #[serde(default)]
    pub investments: Vec<super::principles::strategic::Investment>,
    #[serde(default)]
    pub policy: Option<super::principles::levelling_up::LevellingUpPolicy>,
    /// The saved allocation's version as read (0: none yet). A preview ignores it.
    #[serde(default)]
    pub version: u64,
}

/// The year's ICS envelopes: a national pot shared between ICSs by a principle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct EnvelopesRequest {
    pub pot: Pence,
    pub principle: Principle,
    #[serde(default)]
    pub recipients: Vec<String>,
    #[serde(default)]
    pub investments: Vec<super::principles::strategic::Investment>,
    #[serde(default)]
    pub policy: Option<super::principles::levelling_up::LevellingUpPolicy>,
    pub version: u64,
}

/// The default split of an ICS's envelope by provider and programme.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase", deny_unknown_fields)]
pub struct DefaultAllocationRequest {
    pub weights: Vec<super::envelopes::DefaultWeight>,
    pub version: u64,
}

/// An allocation as one caller may see it: the lines they may see, and the national figures
/// (the pot, what is left and who was left out) for administrators only.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AllocationView {
    pub period: Period,
    pub of: AllocationOf,
    pub principle: Principle,
    pub version: u64,
    pub saved_at: Timestamp,
    pub lines: Vec<SavedLine>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pot: Option<Pence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unallocated: Option<Pence>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub excluded: Option<Vec<Exclusion>>,
}

impl AllocationView {
    /// The lines `visible` admits; the national figures when `national`.
    pub fn of(saved: &SavedAllocation, visible: impl Fn(&SavedLine) -> bool, national: bool) -> Self {
        Self {
            period: saved.period.clone(),
            of: saved.of.clone(),
            principle: saved.principle,
            version: saved.version,
            saved_at: saved.saved_at.clone(),
            lines: saved.lines.iter().filter(|line| visible(line)).cloned().collect(),
            pot: national.then_some(saved.pot),
            unallocated: national.then_some(saved.unallocated),
            excluded: national.then(|| saved.excluded.clone()),
        }
    }
}

/// An ICS's allocation by provider and programme, if set, with the changes proposed to it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct SystemView {
    pub ics: OdsCode,
    pub period: Period,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub allocation: Option<Versioned<SystemAllocation>>,
    pub changes: Vec<ChangeRecord>,
}

/// A fund's suggested principle with the year's thresholds at their version.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct FundSuggestion {
    pub fund: FundId,
    pub suggestion: super::principles::suggestion::Suggestion,
    pub thresholds_version: u64,
}

/// An ICS's earned-autonomy assessment under the year's rules (at their version).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct AutonomyView {
    pub rules: Versioned<super::autonomy::AutonomyRules>,
    pub assessment: super::autonomy::AutonomyAssessment,
}
