//! A review's confirmed peer organisation: a document item beside the review (`REVIEW#<id>` /
//! `PEER`), outside the range the review's own Query reads, written over the version read with
//! its history entry in one transaction.

use super::keys::{self, PK, SK};
use super::{Store, StoreError, classify, from_document_item, string, to_document_item, versioned_put};
use aws_sdk_dynamodb::types::TransactWriteItem;
use wgll_shared::ids::ReviewId;
use wgll_shared::peer_pairs::PeerPair;
use wgll_shared::review::AuditEntry;

impl Store {
    /// The peer organisation confirmed for a review, if one was: one GetItem.
    pub async fn get_peer_pair(&self, review_id: &ReviewId) -> Result<Option<PeerPair>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, string(keys::review(review_id)))
            .key(SK, string(keys::PEER_PAIR))
            .send()
            .await
            .map_err(classify)?;
        output.item.as_ref().map(from_document_item).transpose()
    }

    /// Confirms `pair` (its next version) over the one read; `Refused(Stale)` when another was
    /// confirmed meanwhile.
    pub async fn confirm_peer_pair(
        &self,
        review_id: &ReviewId,
        pair: &PeerPair,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let item = to_document_item(
            pair,
            pair.version,
            &[(PK, keys::review(review_id)), (SK, keys::PEER_PAIR.to_owned())],
        )?;
        let put = versioned_put(&self.table, item, pair.version)?;
        let items = vec![TransactWriteItem::builder().put(put).build(), self.audit_put(audit)?];
        self.write_over_version_seen(items).await
    }
}
