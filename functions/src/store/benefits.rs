//! Benefits of funded items (`wgll_shared::benefits`): each in its organisation's partition
//! (`BENEFIT#<id>`, so one Query lists an organisation's), listed by ICS on GSI1 (`BENEFITS#<ics>`
//! by `<ods>#<id>`, so one Query gives an ICS's members'), written over the version read with its
//! history entry (`BENEFITLOG#…`, the whole benefit as saved) in one transaction.

use super::keys::{self, GSI1, GSI1PK, GSI1SK, PK, SK};
use super::{
    Item, Refusal, Store, StoreError, all_items, classify, from_document_item, string, to_document_item,
    versioned_put,
};
use aws_sdk_dynamodb::types::TransactWriteItem;
use wgll_shared::benefits::Benefit;
use wgll_shared::ids::BenefitId;
use wgll_shared::organisation::OdsCode;

/// A benefit as its document item, listed in its ICS.
pub(crate) fn benefit_item(benefit: &Benefit) -> Result<Item, StoreError> {
    let ods = benefit.ods_code.as_str();
    to_document_item(
        benefit,
        benefit.version,
        &[
            (PK, keys::organisation(ods)),
            (SK, keys::benefit(&benefit.id)),
            (GSI1PK, keys::ics_benefits(benefit.ics_code.as_str())),
            (GSI1SK, keys::benefit_in_ics(ods, &benefit.id)),
        ],
    )
}

impl Store {
    pub async fn get_benefit(&self, ods: &OdsCode, id: &BenefitId) -> Result<Option<Benefit>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, string(keys::organisation(ods.as_str())))
            .key(SK, string(keys::benefit(id)))
            .consistent_read(true)
            .send()
            .await
            .map_err(classify)?;
        output.item.as_ref().map(from_document_item).transpose()
    }

    /// Saves `benefit` (its version the one after the version read: 1 for a new benefit) with
    /// its history entry; `Refused(Stale)` when it was saved in between, and nothing is written.
    pub async fn save_benefit(&self, benefit: &Benefit) -> Result<(), StoreError> {
        let put = TransactWriteItem::builder()
            .put(versioned_put(&self.table, benefit_item(benefit)?, benefit.version)?)
            .build();
        let unique = uuid::Uuid::new_v4().to_string();
        let entry = to_document_item(
            benefit,
            benefit.version,
            &[
                (PK, keys::organisation(benefit.ods_code.as_str())),
                (SK, keys::benefit_log(&benefit.id, &benefit.updated_at, &unique)),
            ],
        )?;
        self.write_with_entry(put, entry, Refusal::Stale).await
    }

    /// An organisation's benefits, every year's: one Query.
    pub async fn list_benefits(&self, ods: &OdsCode) -> Result<Vec<Benefit>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("PK = :pk AND begins_with(SK, :benefit)")
            .expression_attribute_values(":pk", string(keys::organisation(ods.as_str())))
            .expression_attribute_values(":benefit", string(keys::BENEFIT_PREFIX));
        all_items(query).await?.iter().map(from_document_item).collect()
    }

    /// Every benefit of an ICS's members (the ICS's own among them), by organisation: one Query
    /// on GSI1.
    pub async fn list_ics_benefits(&self, ics: &OdsCode) -> Result<Vec<Benefit>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(GSI1)
            .key_condition_expression("#pk = :pk")
            .expression_attribute_names("#pk", GSI1PK)
            .expression_attribute_values(":pk", string(keys::ics_benefits(ics.as_str())));
        all_items(query).await?.iter().map(from_document_item).collect()
    }
}
