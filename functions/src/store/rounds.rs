//! Assessment rounds: one item per financial year in one partition, so a round is one GetItem and
//! every round one Query.

use super::keys::{self, PK, SK};
use super::{Store, StoreError, all_items, classify, from_document_item, string, to_document_item};
use wgll_shared::period::Period;
use wgll_shared::rounds::Round;

impl Store {
    /// Opens a round: `Refused(Stale)` when its year has one already (never two, never replaced).
    pub async fn open_round(&self, round: &Round) -> Result<(), StoreError> {
        let item = to_document_item(
            round,
            1,
            &[(PK, keys::ROUNDS.to_owned()), (SK, keys::round(round.period.as_str()))],
        )?;
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(PK)")
            .send()
            .await
            .map_err(classify)?;
        Ok(())
    }

    /// The round of a financial year, if one was opened: one GetItem.
    pub async fn get_round(&self, period: &Period) -> Result<Option<Round>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, string(keys::ROUNDS))
            .key(SK, string(keys::round(period.as_str())))
            .send()
            .await
            .map_err(classify)?;
        output.item.as_ref().map(from_document_item).transpose()
    }

    /// Every round, oldest year first: one Query.
    pub async fn list_rounds(&self) -> Result<Vec<Round>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("PK = :pk")
            .expression_attribute_values(":pk", string(keys::ROUNDS));
        all_items(query).await?.iter().map(from_document_item).collect()
    }
}
