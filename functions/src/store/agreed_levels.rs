//! A review's agreed levels: the level the lead reviewer records for each measure after
//! comparing the reviewers' assessments, all of a review's in one item (see [`keys::AGREED_LEVELS`]),
//! each measure's with a version of its own for conditional saves.

use super::keys::{self, PK, SK};
use super::{Item, Store, StoreError, document_body, from_document_body, number, string};
use aws_sdk_dynamodb::types::{TransactWriteItem, Update};
use wgll_shared::assessment::AgreedLevel;
use wgll_shared::ids::ReviewId;
use wgll_shared::review::{AuditEntry, Review};

impl Store {
    /// Records the agreed level for one measure at its version, if the review is still awaiting
    /// moderation (else `Refused(Closed)`) and nobody saved the agreed level since the version
    /// before (else `Refused(Stale)`); with its audit entry, all or nothing.
    pub async fn save_agreed_level(
        &self,
        review: &Review,
        agreed: &AgreedLevel,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let expected = Some(agreed.version.saturating_sub(1)).filter(|expected| *expected > 0);
        let writes = vec![self.agreed_level_update(&review.id, agreed, expected)?];
        let awaiting_moderation = self.status_check(review, "submitted")?;
        self.guarded_save(awaiting_moderation, writes, audit).await
    }

    /// Sets one measure's agreed level in the review's shared item (creating the item with the
    /// first), if that measure's version there is `expected`, or for `None` if it has none there.
    fn agreed_level_update(
        &self,
        review_id: &ReviewId,
        agreed: &AgreedLevel,
        expected: Option<u64>,
    ) -> Result<TransactWriteItem, StoreError> {
        let update = Update::builder()
            .table_name(&self.table)
            .set_key(Some(self.review_item_key(review_id, keys::AGREED_LEVELS.to_owned())))
            .update_expression("SET #level = :level, #version = :next")
            .expression_attribute_names("#level", keys::agreed_level(agreed.measure))
            .expression_attribute_names("#version", keys::agreed_version(agreed.measure))
            .expression_attribute_values(":level", document_body(agreed)?)
            .expression_attribute_values(":next", number(agreed.version));
        let update = match expected {
            None => update.condition_expression("attribute_not_exists(#version)"),
            Some(expected) => update
                .condition_expression("#version = :expected")
                .expression_attribute_values(":expected", number(expected)),
        };
        let update = update.build().map_err(|error| StoreError::Other(error.to_string()))?;
        Ok(TransactWriteItem::builder().update(update).build())
    }
}

/// A review's agreed levels as its one item of them, for a put.
pub(crate) fn item(review_id: &ReviewId, levels: &[AgreedLevel]) -> Result<Item, StoreError> {
    let mut item = Item::with_capacity(2 + 2 * levels.len());
    item.insert(PK.to_owned(), string(keys::review(review_id)));
    item.insert(SK.to_owned(), string(keys::AGREED_LEVELS));
    for agreed in levels {
        item.insert(keys::agreed_level(agreed.measure), document_body(agreed)?);
        item.insert(keys::agreed_version(agreed.measure), number(agreed.version));
    }
    Ok(item)
}

/// Every agreed level in a review's item of them.
pub(super) fn from_item(item: &Item) -> Result<Vec<AgreedLevel>, StoreError> {
    let mut levels = Vec::new();
    for (name, value) in item {
        if keys::agreed_level_measure(name).is_some() {
            levels.push(from_document_body(value)?);
        }
    }
    Ok(levels)
}
