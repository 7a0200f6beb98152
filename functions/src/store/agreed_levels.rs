//! A review's agreed levels: the level the lead reviewer records for each measure after
//! comparing the reviewers' assessments, all of a review's in one item (see [`keys::AGREED_LEVELS`]),
//! each measure's with a version of its own for conditional saves.

use super::keys::{self, PK, SK};
use super::reviews::SaveMeasureOutcome;
use super::{Item, Store, StoreError, document_body, from_document_body, now, number, string};
use aws_sdk_dynamodb::types::{TransactWriteItem, Update};
use wgll_shared::assessment::AgreedLevel;
use wgll_shared::maturity::MaturityLevel;
use wgll_shared::review::Review;

impl Store {
    /// Records the agreed level for one measure, if the review is still awaiting moderation and
    /// nobody saved the agreed level since `expected_version`.
    pub async fn save_agreed_level(
        &self,
        review: &Review,
        measure: u8,
        (level, note): (MaturityLevel, String),
        expected_version: u64,
        actor: &str,
        agreed_by: &str,
    ) -> Result<SaveMeasureOutcome<AgreedLevel>, StoreError> {
        let at = now();
        let agreed = AgreedLevel {
            measure,
            level,
            note,
            agreed_by: agreed_by.to_owned(),
            agreed_by_according_to_file: String::new(),
            version: expected_version + 1,
            updated_at: at.clone(),
        };
        let summary = format!("Agreed level {level} for measure {measure} (version {})", agreed.version);
        let expected = (expected_version > 0).then_some(expected_version);
        let writes = vec![self.agreed_level_update(&review.id, &agreed, expected)?];
        let audit = self.audit_put(&review.id, &at, actor, "level-agreed", summary)?;
        let awaiting_moderation = self.status_check(review, "submitted")?;
        self.guarded_save(awaiting_moderation, writes, audit, agreed).await
    }

    /// Sets one measure's agreed level in the review's shared item (creating the item with the
    /// first), if that measure's version there is `expected`, or for `None` if it has none there.
    fn agreed_level_update(
        &self,
        review_id: &str,
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
pub(crate) fn item(review_id: &str, levels: &[AgreedLevel]) -> Result<Item, StoreError> {
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
