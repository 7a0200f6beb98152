//! The peer reviews waiting for their region: an item per review in its region's partition, put
//! by the transaction that moderates it and deleted by the one that confirms or returns it, so
//! a region's list is one Query and never holds a review that is not waiting.

use super::keys::{self, PK, SK};
use super::{Item, Store, StoreError, all_items, from_document_item, string, to_document_item};
use aws_sdk_dynamodb::types::{Delete, Put, TransactWriteItem};
use wgll_shared::regional_validation::AwaitingValidation;
use wgll_shared::regions::Region;

/// What a status change does to a region's list.
#[derive(Debug, Clone, PartialEq)]
pub enum QueueChange {
    None,
    /// Moderated: the review joins its region's list.
    Join(Option<Region>, Box<AwaitingValidation>),
    /// Confirmed or returned: it leaves it.
    Leave(Option<Region>, wgll_shared::ids::ReviewId),
}

fn item(region: Option<Region>, awaiting: &AwaitingValidation) -> Result<Item, StoreError> {
    to_document_item(
        awaiting,
        1,
        &[
            (PK, keys::awaiting_validation(region.map(Region::code))),
            (SK, keys::awaiting_review(&awaiting.review_id)),
        ],
    )
}

impl Store {
    pub(crate) fn queue_write(&self, change: &QueueChange) -> Result<Option<TransactWriteItem>, StoreError> {
        let other = |error: aws_sdk_dynamodb::error::BuildError| StoreError::Other(error.to_string());
        Ok(match change {
            QueueChange::None => None,
            QueueChange::Join(region, awaiting) => {
                let put = Put::builder()
                    .table_name(&self.table)
                    .set_item(Some(item(*region, awaiting)?))
                    .build()
                    .map_err(other)?;
                Some(TransactWriteItem::builder().put(put).build())
            }
            QueueChange::Leave(region, id) => {
                let delete = Delete::builder()
                    .table_name(&self.table)
                    .key(PK, string(keys::awaiting_validation(region.map(Region::code))))
                    .key(SK, string(keys::awaiting_review(id)))
                    .build()
                    .map_err(other)?;
                Some(TransactWriteItem::builder().delete(delete).build())
            }
        })
    }

    /// The peer reviews waiting for a region (`None`: those of ICSs without one), oldest
    /// moderation first: one Query.
    pub async fn list_awaiting_validation(
        &self,
        region: Option<Region>,
    ) -> Result<Vec<AwaitingValidation>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("PK = :pk")
            .expression_attribute_values(":pk", string(keys::awaiting_validation(region.map(Region::code))));
        let mut awaiting: Vec<AwaitingValidation> =
            all_items(query).await?.iter().map(from_document_item).collect::<Result<_, _>>()?;
        awaiting.sort_by(|a, b| a.moderated_at.cmp(&b.moderated_at));
        Ok(awaiting)
    }
}
