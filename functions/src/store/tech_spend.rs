//! Organisations' tech spend (`wgll_shared::tech_spend`): a year's record in the organisation's
//! partition (`SPEND#<period>`), listed by ICS (GSI1) and by kind and year (GSI2, so a kind's
//! benchmark is one Query), written over the version read with its history entry
//! (`SPENDLOG#…`) in one transaction.

use super::keys::{self, GSI1, GSI1PK, GSI1SK, GSI2, GSI2PK, GSI2SK, PK, SK};
use super::{
    Item, Refusal, Store, StoreError, all_items, classify, from_document_item, string, to_document_item,
    versioned_put,
};
use aws_sdk_dynamodb::types::TransactWriteItem;
use wgll_shared::organisation::{OdsCode, OrganisationKind};
use wgll_shared::period::Period;
use wgll_shared::tech_spend::{TechSpend, TechSpendChange};

/// A year's spend as its document item, listed in its ICS and beside its kind.
pub(crate) fn tech_spend_item(spend: &TechSpend) -> Result<Item, StoreError> {
    let (ods, period) = (spend.ods_code.as_str(), spend.period.as_str());
    to_document_item(
        spend,
        spend.version,
        &[
            (PK, keys::organisation(ods)),
            (SK, keys::tech_spend(period)),
            (GSI1PK, keys::ics_tech_spend(spend.ics_code.as_str())),
            (GSI1SK, keys::tech_spend_in_ics(period, ods)),
            (GSI2PK, keys::tech_spend_benchmark(spend.kind.code(), period)),
            (GSI2SK, ods.to_owned()),
        ],
    )
}

/// How many saved versions the history shows, newest first.
pub const HISTORY_SHOWN: i32 = 20;

impl Store {
    pub async fn get_tech_spend(
        &self,
        ods: &OdsCode,
        period: &Period,
    ) -> Result<Option<TechSpend>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, string(keys::organisation(ods.as_str())))
            .key(SK, string(keys::tech_spend(period.as_str())))
            .consistent_read(true)
            .send()
            .await
            .map_err(classify)?;
        output.item.as_ref().map(from_document_item).transpose()
    }

    /// Saves `spend` (its version the one after the version read: 1 for a first record) with its
    /// history entry; `Refused(Stale)` when someone saved it in between.
    pub async fn save_tech_spend(&self, spend: &TechSpend) -> Result<(), StoreError> {
        let ods = spend.ods_code.as_str();
        let put = versioned_put(&self.table, tech_spend_item(spend)?, spend.version)?;
        let unique = uuid::Uuid::new_v4().to_string();
        let change = TechSpendChange::of(spend);
        let entry = to_document_item(
            &change,
            1,
            &[(PK, keys::organisation(ods)), (SK, keys::tech_spend_log(&change.at, &unique))],
        )?;
        let put = TransactWriteItem::builder().put(put).build();
        self.write_with_entry(put, entry, Refusal::Stale).await
    }

    /// Every organisation of `kind`'s spend in `period`: one Query on GSI2.
    pub async fn list_tech_spend_of_kind(
        &self,
        kind: OrganisationKind,
        period: &Period,
    ) -> Result<Vec<TechSpend>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(GSI2)
            .key_condition_expression("#pk = :pk")
            .expression_attribute_names("#pk", GSI2PK)
            .expression_attribute_values(
                ":pk",
                string(keys::tech_spend_benchmark(kind.code(), period.as_str())),
            );
        all_items(query).await?.iter().map(from_document_item).collect()
    }

    /// An ICS's members' spend in `period` (the ICS's own among them): one Query on GSI1.
    pub async fn list_ics_tech_spend(
        &self,
        ics: &OdsCode,
        period: &Period,
    ) -> Result<Vec<TechSpend>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(GSI1)
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :period)")
            .expression_attribute_names("#pk", GSI1PK)
            .expression_attribute_names("#sk", GSI1SK)
            .expression_attribute_values(":pk", string(keys::ics_tech_spend(ics.as_str())))
            .expression_attribute_values(":period", string(keys::tech_spend_in_ics(period.as_str(), "")));
        all_items(query).await?.iter().map(from_document_item).collect()
    }

    /// The organisation's saved versions of its spend, every year's, newest first: one Query.
    pub async fn list_tech_spend_history(&self, ods: &OdsCode) -> Result<Vec<TechSpendChange>, StoreError> {
        let page = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("PK = :pk AND begins_with(SK, :log)")
            .expression_attribute_values(":pk", string(keys::organisation(ods.as_str())))
            .expression_attribute_values(":log", string(keys::TECH_SPEND_LOG_PREFIX))
            .scan_index_forward(false)
            .limit(HISTORY_SHOWN)
            .send()
            .await
            .map_err(classify)?;
        page.items.unwrap_or_default().iter().map(from_document_item).collect()
    }
}
