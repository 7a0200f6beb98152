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
        self.save_agreed_levels(review, std::slice::from_ref(agreed), audit).await
    }

    /// Records the agreed levels of several measures, each at its version, in one transaction
    /// with one audit entry: all of them or none. Refused as [`Self::save_agreed_level`] is, if
    /// the review is not awaiting moderation or any one of them was saved meanwhile.
    pub async fn save_agreed_levels(
        &self,
        review: &Review,
        agreed: &[AgreedLevel],
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let writes = vec![self.agreed_levels_update(&review.id, agreed)?];
        let awaiting_moderation = self.status_check(review, "submitted")?;
        self.guarded_save(awaiting_moderation, writes, audit).await
    }

    /// Sets measures' agreed levels in the review's shared item (creating the item with the
    /// first), as one update (a transaction may touch an item once), if each measure's version
    /// there is the one before the new one, or absent for a first version.
    fn agreed_levels_update(
        &self,
        review_id: &ReviewId,
        levels: &[AgreedLevel],
    ) -> Result<TransactWriteItem, StoreError> {
        let mut sets = Vec::with_capacity(levels.len());
        let mut conditions = Vec::with_capacity(levels.len());
        let mut update = Update::builder()
            .table_name(&self.table)
            .set_key(Some(self.review_item_key(review_id, keys::AGREED_LEVELS.to_owned())));
        for agreed in levels {
            let n = agreed.measure;
            sets.push(format!("#level{n} = :level{n}, #version{n} = :next{n}"));
            update = update
                .expression_attribute_names(format!("#level{n}"), keys::agreed_level(n))
                .expression_attribute_names(format!("#version{n}"), keys::agreed_version(n))
                .expression_attribute_values(format!(":level{n}"), document_body(agreed)?)
                .expression_attribute_values(format!(":next{n}"), number(agreed.version));
            match agreed.version.saturating_sub(1) {
                0 => conditions.push(format!("attribute_not_exists(#version{n})")),
                expected => {
                    conditions.push(format!("#version{n} = :expected{n}"));
                    update = update.expression_attribute_values(format!(":expected{n}"), number(expected));
                }
            }
        }
        let update = update
            .update_expression(format!("SET {}", sets.join(", ")))
            .condition_expression(conditions.join(" AND "))
            .build()
            .map_err(|error| StoreError::Other(error.to_string()))?;
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
