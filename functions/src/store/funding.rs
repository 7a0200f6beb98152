//! Funding: a year's funds, weighted populations and settings in one `FUNDING#<period>`
//! partition; each saved allocation in a partition of its own (its current header, a history entry
//! per version and every version's lines: any number of lines, read by a GetItem and one Query, see
//! `keys.rs`); each ICS's allocation by provider and programme with its proposed changes and history
//! in `SYSTEM#<ics>#<period>`. Every record is a document item with its version beside it; a change
//! and its history entry are written in one transaction.

use super::keys::{self, PK, SK};
use super::{
    Item, Refusal, Store, StoreError, all_items, classify, failed_conditions, from_document_item, number,
    string, to_document_item, versioned_put,
};
use aws_sdk_dynamodb::types::{AttributeValue, ConditionCheck, Put, TransactWriteItem};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wgll_shared::funding::autonomy::AutonomyRules;
use wgll_shared::funding::envelopes::SystemAllocation;
use wgll_shared::funding::principles::suggestion::SuggestionThresholds;
use wgll_shared::funding::records::{
    AllocationOf, AllocationVersion, ChangeRecord, FundingLogEntry, PopulationRecord, SavedAllocation,
    SavedLine, Versioned,
};
use wgll_shared::funding::{Fund, FundId};
use wgll_shared::ids::ChangeId;
use wgll_shared::organisation::OdsCode;
use wgll_shared::period::Period;

/// An ICS's allocation by provider and programme (if set) and every change proposed to it.
pub struct SystemRecords {
    pub allocation: Option<Versioned<SystemAllocation>>,
    pub changes: Vec<ChangeRecord>,
}

fn build<T, E: std::fmt::Display>(result: Result<T, E>) -> Result<T, StoreError> {
    result.map_err(|error| StoreError::Other(error.to_string()))
}

fn sort_key(item: &Item) -> &str {
    item.get(SK).and_then(|value| value.as_s().ok()).map_or("", String::as_str)
}

fn allocation_key(period: &Period, of: &AllocationOf) -> String {
    match of {
        AllocationOf::Fund(id) => keys::allocation(period.as_str(), id.as_str()),
        AllocationOf::Envelopes => keys::allocation(period.as_str(), keys::ENVELOPES),
    }
}

/// A weighted population's item.
pub(crate) fn population_item(record: &Versioned<PopulationRecord>) -> Result<Item, StoreError> {
    let population = &record.value.population;
    to_document_item(
        record,
        record.version,
        &[
            (PK, keys::funding_year(population.year.as_str())),
            (SK, keys::population(population.recipient.as_str())),
        ],
    )
}

/// A fund's item.
pub(crate) fn fund_item(record: &Versioned<Fund>) -> Result<Item, StoreError> {
    let fund = &record.value;
    to_document_item(
        record,
        record.version,
        &[(PK, keys::funding_year(fund.period().as_str())), (SK, keys::fund(fund.id().as_str()))],
    )
}

/// The attribute of an allocation's `META` and `VERSION#` items that names the save whose lines
/// they are (see `keys.rs`).
const SAVE: &str = "save";

/// How many lines one item holds. Lines carry their working in words (some 800 bytes each), so a
/// national allocation's thousands of lines would outgrow a Query's 1 MB page one line to an item;
/// a few hundred compressed together keep an allocation in one page into the tens of thousands of
/// lines, and well under DynamoDB's 400 KB item limit (docs/performance.md, issue 19).
const LINES_PER_CHUNK: usize = 250;

/// The attribute of a lines item holding its lines: gzip of their JSON array.
const LINES: &str = "lines";

/// A save's lines, in chunks of [`LINES_PER_CHUNK`] under keys of their own
/// (see [`keys::allocation_line_chunk`]).
fn allocation_line_items(saved: &SavedAllocation, save: &str) -> Result<Vec<Item>, StoreError> {
    use std::io::Write;
    let pk = allocation_key(&saved.period, &saved.of);
    saved
        .lines
        .chunks(LINES_PER_CHUNK)
        .enumerate()
        .map(|(index, lines)| {
            let json = build(serde_json::to_vec(lines))?;
            let mut gzip = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
            build(gzip.write_all(&json))?;
            let compressed = build(gzip.finish())?;
            Ok(Item::from([
                (PK.to_owned(), string(pk.clone())),
                (SK.to_owned(), string(keys::allocation_line_chunk(saved.version, save, index))),
                (LINES.to_owned(), AttributeValue::B(compressed.into())),
            ]))
        })
        .collect()
}

/// The lines of a lines item.
fn lines_of(item: &Item) -> Result<Vec<SavedLine>, StoreError> {
    use std::io::Read;
    let Some(AttributeValue::B(compressed)) = item.get(LINES) else {
        return Err(StoreError::Corrupt("an allocation's lines item has no lines".to_owned()));
    };
    let mut json = Vec::new();
    flate2::read::GzDecoder::new(compressed.as_ref())
        .read_to_end(&mut json)
        .map_err(|error| StoreError::Corrupt(format!("an allocation's lines do not decompress: {error}")))?;
    serde_json::from_slice(&json)
        .map_err(|error| StoreError::Corrupt(format!("an allocation's lines cannot be read: {error}")))
}

/// The items that make a save current: `META` (the header, without its lines) and the version's
/// history entry, both naming the save.
fn allocation_header_items(saved: &SavedAllocation, save: &str) -> Result<(Item, Item), StoreError> {
    let pk = allocation_key(&saved.period, &saved.of);
    let header = SavedAllocation { lines: Vec::new(), ..saved.clone() };
    let mut meta =
        to_document_item(&header, saved.version, &[(PK, pk.clone()), (SK, keys::META.to_owned())])?;
    let mut entry = to_document_item(
        &AllocationVersion::of(saved),
        saved.version,
        &[(PK, pk), (SK, keys::allocation_version(saved.version))],
    )?;
    for item in [&mut meta, &mut entry] {
        item.insert(SAVE.to_owned(), string(save));
    }
    Ok((meta, entry))
}

/// A saved allocation's items, for loading a data set in bulk: its header, its history entry,
/// then each line.
pub(crate) fn allocation_items(saved: &SavedAllocation) -> Result<Vec<Item>, StoreError> {
    let save = uuid::Uuid::new_v4().to_string();
    let (meta, entry) = allocation_header_items(saved, &save)?;
    let mut items = vec![meta, entry];
    items.extend(allocation_line_items(saved, &save)?);
    Ok(items)
}

/// An ICS's allocation by provider and programme, as its item.
pub(crate) fn system_item(record: &Versioned<SystemAllocation>) -> Result<Item, StoreError> {
    let pk = keys::system(record.value.ics().as_str(), record.value.period().as_str());
    to_document_item(record, record.version, &[(PK, pk), (SK, keys::META.to_owned())])
}

impl Store {
    fn put(&self, item: Item) -> Result<TransactWriteItem, StoreError> {
        let put = build(Put::builder().table_name(&self.table).set_item(Some(item)).build())?;
        Ok(TransactWriteItem::builder().put(put).build())
    }

    fn log_put(
        &self,
        pk: String,
        sk: String,
        entry: &FundingLogEntry,
    ) -> Result<TransactWriteItem, StoreError> {
        self.put(to_document_item(entry, 0, &[(PK, pk), (SK, sk)])?)
    }

    /// Runs a transaction whose first item is the versioned record: a failed condition there is
    /// `Stale`, on any later item `Closed` (what the change needs has moved on).
    async fn transact(&self, items: Vec<TransactWriteItem>) -> Result<(), StoreError> {
        let result = self.client.transact_write_items().set_transact_items(Some(items)).send().await;
        match result {
            Ok(_) => Ok(()),
            Err(error) => match failed_conditions(&error).as_deref() {
                Some([true, ..]) => Err(StoreError::Refused(Refusal::Stale)),
                Some(conditions) if conditions.contains(&true) => Err(StoreError::Refused(Refusal::Closed)),
                _ => Err(classify(error)),
            },
        }
    }

    async fn query_prefix<T: DeserializeOwned>(
        &self,
        pk: String,
        prefix: &str,
        newest_first: bool,
    ) -> Result<Vec<T>, StoreError> {
        let items = all_items(
            self.client
                .query()
                .table_name(&self.table)
                .key_condition_expression("PK = :pk AND begins_with(SK, :prefix)")
                .expression_attribute_values(":pk", string(pk))
                .expression_attribute_values(":prefix", string(prefix))
                .scan_index_forward(!newest_first),
        )
        .await?;
        items.iter().map(from_document_item).collect()
    }

    async fn get_document<T: DeserializeOwned>(
        &self,
        pk: String,
        sk: String,
    ) -> Result<Option<T>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, string(pk))
            .key(SK, string(sk))
            .send()
            .await
            .map_err(classify)?;
        output.item.as_ref().map(from_document_item).transpose()
    }

    async fn put_versioned<T: Serialize>(
        &self,
        record: &Versioned<T>,
        pk: String,
        sk: String,
    ) -> Result<(), StoreError> {
        let item = to_document_item(record, record.version, &[(PK, pk), (SK, sk)])?;
        let put = versioned_put(&self.table, item, record.version)?;
        self.transact(vec![TransactWriteItem::builder().put(put).build()]).await
    }

    /// A year's funds: one Query.
    pub async fn list_funds(&self, period: &Period) -> Result<Vec<Versioned<Fund>>, StoreError> {
        self.query_prefix(keys::funding_year(period.as_str()), keys::FUND_PREFIX, false).await
    }

    pub async fn get_fund(
        &self,
        period: &Period,
        id: &FundId,
    ) -> Result<Option<Versioned<Fund>>, StoreError> {
        self.get_document(keys::funding_year(period.as_str()), keys::fund(id.as_str())).await
    }

    /// Saves a fund at its version over the one before (version 1: that there is none, else
    /// `Refused(Stale)`), with its history entry, in one transaction.
    pub async fn save_fund(
        &self,
        record: &Versioned<Fund>,
        entry: &FundingLogEntry,
    ) -> Result<(), StoreError> {
        let fund = &record.value;
        let pk = keys::funding_year(fund.period().as_str());
        let item = fund_item(record)?;
        let put = TransactWriteItem::builder().put(versioned_put(&self.table, item, record.version)?).build();
        let unique = uuid::Uuid::new_v4().to_string();
        let log = self.log_put(pk, keys::fund_log(fund.id().as_str(), &entry.at, &unique), entry)?;
        self.transact(vec![put, log]).await
    }

    /// A fund's changes, newest first: one Query.
    pub async fn list_fund_history(
        &self,
        period: &Period,
        id: &FundId,
    ) -> Result<Vec<FundingLogEntry>, StoreError> {
        self.query_prefix(keys::funding_year(period.as_str()), &keys::fund_log_prefix(id.as_str()), true)
            .await
    }

    /// Every weighted population recorded for a year: one Query.
    pub async fn list_populations(
        &self,
        period: &Period,
    ) -> Result<Vec<Versioned<PopulationRecord>>, StoreError> {
        self.query_prefix(keys::funding_year(period.as_str()), keys::POPULATION_PREFIX, false).await
    }

    pub async fn save_population(&self, record: &Versioned<PopulationRecord>) -> Result<(), StoreError> {
        let population = &record.value.population;
        let (pk, sk) =
            (keys::funding_year(population.year.as_str()), keys::population(population.recipient.as_str()));
        self.put_versioned(record, pk, sk).await
    }

    pub async fn get_suggestion_thresholds(
        &self,
        period: &Period,
    ) -> Result<Option<Versioned<SuggestionThresholds>>, StoreError> {
        self.get_document(keys::funding_year(period.as_str()), keys::SUGGESTION_THRESHOLDS.to_owned()).await
    }

    pub async fn save_suggestion_thresholds(
        &self,
        period: &Period,
        record: &Versioned<SuggestionThresholds>,
    ) -> Result<(), StoreError> {
        self.put_versioned(
            record,
            keys::funding_year(period.as_str()),
            keys::SUGGESTION_THRESHOLDS.to_owned(),
        )
        .await
    }

    pub async fn get_autonomy_rules(
        &self,
        period: &Period,
    ) -> Result<Option<Versioned<AutonomyRules>>, StoreError> {
        self.get_document(keys::funding_year(period.as_str()), keys::AUTONOMY_RULES.to_owned()).await
    }

    pub async fn save_autonomy_rules(&self, record: &Versioned<AutonomyRules>) -> Result<(), StoreError> {
        let pk = keys::funding_year(record.value.period.as_str());
        self.put_versioned(record, pk, keys::AUTONOMY_RULES.to_owned()).await
    }

    /// An allocation's `META` item: its current version's header, naming the save whose lines it has.
    async fn allocation_meta(&self, period: &Period, of: &AllocationOf) -> Result<Option<Item>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, string(allocation_key(period, of)))
            .key(SK, string(keys::META))
            .send()
            .await
            .map_err(classify)?;
        Ok(output.item)
    }

    /// The version of the saved allocation (0 when there is none), without its lines: one GetItem.
    pub async fn allocation_version(&self, period: &Period, of: &AllocationOf) -> Result<u64, StoreError> {
        match self.allocation_meta(period, of).await? {
            Some(item) => Ok(from_document_item::<SavedAllocation>(&item)?.version),
            None => Ok(0),
        }
    }

    /// A saved allocation's current version with all its lines, in their order: a GetItem of its
    /// header, then one Query of the lines it names, whatever their number.
    pub async fn get_allocation(
        &self,
        period: &Period,
        of: &AllocationOf,
    ) -> Result<Option<SavedAllocation>, StoreError> {
        let Some(meta) = self.allocation_meta(period, of).await? else {
            return Ok(None);
        };
        let header: SavedAllocation = from_document_item(&meta)?;
        let Some(AttributeValue::S(save)) = meta.get(SAVE) else {
            return Err(StoreError::Corrupt("an allocation's header names no save".to_owned()));
        };
        // A strongly consistent read: the lines were written just before the header that names
        // them, and an eventually consistent read could still miss some.
        let items = all_items(
            self.client
                .query()
                .table_name(&self.table)
                .consistent_read(true)
                .key_condition_expression("PK = :pk AND begins_with(SK, :lines)")
                .expression_attribute_values(":pk", string(allocation_key(period, of)))
                .expression_attribute_values(":lines", string(keys::allocation_lines(header.version, save))),
        )
        .await?;
        let mut lines = Vec::new();
        for item in &items {
            lines.extend(lines_of(item)?);
        }
        Ok(Some(SavedAllocation { lines, ..header }))
    }

    /// Every saved version of an allocation, newest first: one Query.
    pub async fn list_allocation_versions(
        &self,
        period: &Period,
        of: &AllocationOf,
    ) -> Result<Vec<AllocationVersion>, StoreError> {
        self.query_prefix(allocation_key(period, of), keys::ALLOCATION_VERSION_PREFIX, true).await
    }

    /// Saves an allocation of any number of lines over the version before (`Refused(Stale)` if it
    /// moved on). Its lines go first, in batches, under keys of this save's own that nothing reads
    /// yet; then one transaction makes it current: its header over the version before, with its
    /// history entry. A refused save's lines are deleted again; until the header names them no
    /// reader sees them, so a save that fails part way leaves nothing visible.
    pub async fn save_allocation(&self, saved: &SavedAllocation) -> Result<(), StoreError> {
        let save = uuid::Uuid::new_v4().to_string();
        let lines = allocation_line_items(saved, &save)?;
        self.put_many(lines.clone()).await?;
        let (meta, entry) = allocation_header_items(saved, &save)?;
        let flip = vec![
            TransactWriteItem::builder().put(versioned_put(&self.table, meta, saved.version)?).build(),
            self.put(entry)?,
        ];
        let result = self.transact(flip).await;
        if let Err(StoreError::Refused(_)) = &result {
            // Unseen either way; deleting them only saves the space. A failure here is logged, not
            // the caller's: their answer is the refusal.
            if let Err(error) = self.delete_many(&lines).await {
                tracing::warn!("could not delete the lines of a refused allocation save: {error}");
            }
        }
        result
    }

    /// An ICS's allocation by provider and programme for a year with every proposed change, in one
    /// Query (from `META` on: the history sorts before it).
    pub async fn get_system_records(
        &self,
        ics: &OdsCode,
        period: &Period,
    ) -> Result<SystemRecords, StoreError> {
        let items = all_items(
            self.client
                .query()
                .table_name(&self.table)
                .key_condition_expression("PK = :pk AND SK >= :meta")
                .expression_attribute_values(":pk", string(keys::system(ics.as_str(), period.as_str())))
                .expression_attribute_values(":meta", string(keys::META)),
        )
        .await?;
        let mut records = SystemRecords { allocation: None, changes: Vec::new() };
        for item in &items {
            if sort_key(item) == keys::META {
                records.allocation = Some(from_document_item(item)?);
            } else if sort_key(item).starts_with(keys::PROPOSAL_PREFIX) {
                records.changes.push(from_document_item(item)?);
            }
        }
        records.changes.sort_by(|a, b| b.proposed_at.cmp(&a.proposed_at));
        Ok(records)
    }

    fn system_put(&self, record: &Versioned<SystemAllocation>) -> Result<TransactWriteItem, StoreError> {
        let pk = keys::system(record.value.ics().as_str(), record.value.period().as_str());
        let item = to_document_item(record, record.version, &[(PK, pk), (SK, keys::META.to_owned())])?;
        Ok(TransactWriteItem::builder().put(versioned_put(&self.table, item, record.version)?).build())
    }

    fn change_put(&self, change: &ChangeRecord) -> Result<TransactWriteItem, StoreError> {
        let pk = keys::system(change.ics.as_str(), change.period.as_str());
        let item =
            to_document_item(change, change.version, &[(PK, pk), (SK, keys::proposal(change.id.as_str()))])?;
        Ok(TransactWriteItem::builder().put(versioned_put(&self.table, item, change.version)?).build())
    }

    fn history_put(
        &self,
        ics: &OdsCode,
        period: &Period,
        entry: &FundingLogEntry,
    ) -> Result<TransactWriteItem, StoreError> {
        let unique = uuid::Uuid::new_v4().to_string();
        self.log_put(keys::system(ics.as_str(), period.as_str()), keys::history(&entry.at, &unique), entry)
    }

    /// Sets an ICS's allocation at its version over the one before, with its history entry.
    pub async fn save_system_allocation(
        &self,
        record: &Versioned<SystemAllocation>,
        entry: &FundingLogEntry,
    ) -> Result<(), StoreError> {
        let history = self.history_put(record.value.ics(), record.value.period(), entry)?;
        self.transact(vec![self.system_put(record)?, history]).await
    }

    /// Records a proposed change, if the allocation is still at the version it was checked on
    /// (else `Refused(Closed)`), with its history entry.
    pub async fn save_proposal(
        &self,
        change: &ChangeRecord,
        entry: &FundingLogEntry,
    ) -> Result<(), StoreError> {
        let check = build(
            ConditionCheck::builder()
                .table_name(&self.table)
                .key(PK, string(keys::system(change.ics.as_str(), change.period.as_str())))
                .key(SK, string(keys::META))
                .condition_expression("version = :checked")
                .expression_attribute_values(":checked", number(change.change.checked_on()))
                .build(),
        )?;
        let history = self.history_put(&change.ics, &change.period, entry)?;
        self.transact(vec![
            self.change_put(change)?,
            TransactWriteItem::builder().condition_check(check).build(),
            history,
        ])
        .await
    }

    /// A decision on a change: the change at its new version and, when approved, the allocation
    /// it makes (over the version the change was checked on: `Refused(Closed)` if it moved on),
    /// with the history entry, all in one transaction.
    pub async fn decide_change(
        &self,
        change: &ChangeRecord,
        applied: Option<&Versioned<SystemAllocation>>,
        entry: &FundingLogEntry,
    ) -> Result<(), StoreError> {
        let mut items = vec![self.change_put(change)?];
        if let Some(allocation) = applied {
            items.push(self.system_put(allocation)?);
        }
        items.push(self.history_put(&change.ics, &change.period, entry)?);
        self.transact(items).await
    }

    /// An ICS's allocation history for a year, newest first: one Query.
    pub async fn list_system_history(
        &self,
        ics: &OdsCode,
        period: &Period,
    ) -> Result<Vec<FundingLogEntry>, StoreError> {
        self.query_prefix(keys::system(ics.as_str(), period.as_str()), keys::HISTORY_PREFIX, true).await
    }

    /// One proposed change, by id.
    pub async fn get_change(
        &self,
        ics: &OdsCode,
        period: &Period,
        id: &ChangeId,
    ) -> Result<Option<ChangeRecord>, StoreError> {
        self.get_document(keys::system(ics.as_str(), period.as_str()), keys::proposal(id.as_str())).await
    }
}
