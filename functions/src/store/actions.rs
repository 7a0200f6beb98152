//! Action plan items: kept with their organisation, and listed per ICS by due date (GSI1), so
//! both lists are one Query each.

use super::keys::{self, GSI1, GSI1PK, GSI1SK, PK, SK};
use super::{Store, StoreError, all_items, classify, from_item, string, to_item, version_condition};
use wgll_shared::actions::PlannedAction;
use wgll_shared::ids::ActionId;
use wgll_shared::organisation::OdsCode;

impl Store {
    /// Saves an action at its version, if nobody saved it since the version before (for a new
    /// one, version 1, if there is none): else `Refused(Stale)`.
    pub async fn save_action(&self, action: &PlannedAction) -> Result<(), StoreError> {
        let item = to_item(
            action,
            &[
                (PK, keys::organisation(action.ods_code.as_str())),
                (SK, keys::action(&action.id)),
                (GSI1PK, keys::ics_actions(action.ics_code.as_str())),
                (GSI1SK, keys::action_by_due_date(action.due, &action.id)),
            ],
        )?;
        let (condition, expected) = version_condition(action.version);
        self.client
            .put_item()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression(condition)
            .set_expression_attribute_values(expected.map(|value| [(":expected".to_owned(), value)].into()))
            .send()
            .await
            .map(|_| ())
            .map_err(classify)
    }

    pub async fn get_action(
        &self,
        ods: &OdsCode,
        id: &ActionId,
    ) -> Result<Option<PlannedAction>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, string(keys::organisation(ods.as_str())))
            .key(SK, string(keys::action(id)))
            .send()
            .await
            .map_err(classify)?;
        output.item.map(from_item).transpose()
    }

    /// An organisation's actions: one Query.
    pub async fn list_organisation_actions(&self, ods: &OdsCode) -> Result<Vec<PlannedAction>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("PK = :pk AND begins_with(SK, :action)")
            .expression_attribute_values(":pk", string(keys::organisation(ods.as_str())))
            .expression_attribute_values(":action", string(keys::ACTION_PREFIX));
        all_items(query).await?.into_iter().map(from_item).collect()
    }

    /// Every action in an ICS, soonest due first: one Query on GSI1.
    pub async fn list_ics_actions(&self, ics: &OdsCode) -> Result<Vec<PlannedAction>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(GSI1)
            .key_condition_expression("GSI1PK = :pk")
            .expression_attribute_values(":pk", string(keys::ics_actions(ics.as_str())));
        all_items(query).await?.into_iter().map(from_item).collect()
    }
}
