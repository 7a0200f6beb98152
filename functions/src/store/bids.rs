//! Bids (`wgll_shared::bids`): each in its applicant's partition (`BID#<id>`, so one Query lists
//! an organisation's), listed by year and status on GSI1 for the review board, written over the
//! version read with its history entry (`BIDLOG#…`, the whole bid as saved) in one transaction.

use super::keys::{self, GSI1PK, GSI1SK, PK, SK};
use super::{
    Item, Refusal, Store, StoreError, all_items, classify, from_document_item, string, to_document_item,
    versioned_put,
};
use aws_sdk_dynamodb::types::TransactWriteItem;
use wgll_shared::bids::{Bid, BidStatus};
use wgll_shared::ids::BidId;
use wgll_shared::organisation::OdsCode;

fn status_code(status: BidStatus) -> &'static str {
    match status {
        BidStatus::Draft => "draft",
        BidStatus::Submitted => "submitted",
    }
}

fn bid_item(bid: &Bid) -> Result<Item, StoreError> {
    to_document_item(
        bid,
        bid.version,
        &[
            (PK, keys::organisation(bid.ods_code.as_str())),
            (SK, keys::bid(&bid.id)),
            (GSI1PK, keys::bids_in_period(bid.period.as_str())),
            (GSI1SK, keys::bid_by_status(status_code(bid.status), &bid.id)),
        ],
    )
}

impl Store {
    pub async fn get_bid(&self, ods: &OdsCode, id: &BidId) -> Result<Option<Bid>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, string(keys::organisation(ods.as_str())))
            .key(SK, string(keys::bid(id)))
            .consistent_read(true)
            .send()
            .await
            .map_err(classify)?;
        output.item.as_ref().map(from_document_item).transpose()
    }

    /// Saves `bid` (its version the one after the version read: 1 for a new bid) with its
    /// history entry; `Refused(Stale)` when it was saved in between.
    pub async fn save_bid(&self, bid: &Bid) -> Result<(), StoreError> {
        let put = TransactWriteItem::builder()
            .put(versioned_put(&self.table, bid_item(bid)?, bid.version)?)
            .build();
        let unique = uuid::Uuid::new_v4().to_string();
        let entry = to_document_item(
            bid,
            bid.version,
            &[
                (PK, keys::organisation(bid.ods_code.as_str())),
                (SK, keys::bid_log(&bid.id, &bid.updated_at, &unique)),
            ],
        )?;
        self.write_with_entry(put, entry, Refusal::Stale).await
    }

    /// An organisation's bids, every year's: one Query.
    pub async fn list_bids(&self, ods: &OdsCode) -> Result<Vec<Bid>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("PK = :pk AND begins_with(SK, :bid)")
            .expression_attribute_values(":pk", string(keys::organisation(ods.as_str())))
            .expression_attribute_values(":bid", string(keys::BID_PREFIX));
        all_items(query).await?.iter().map(from_document_item).collect()
    }
}
