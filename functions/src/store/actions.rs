//! Action plan items: kept with their organisation, and listed per ICS by due date (GSI1), so
//! both lists are one Query each.

use super::keys::{self, GSI1, GSI1PK, GSI1SK, PK, SK};
use super::{Store, StoreError, all_items, classify, from_item, number, string, to_item};
use wgll_shared::actions::PlannedAction;
use wgll_shared::organisation::OdsCode;

impl Store {
    /// Saves an action if nobody saved it since `expected_version` (0: a new action).
    /// `false` when the version moved on.
    pub async fn save_action(
        &self,
        action: &PlannedAction,
        expected_version: u64,
    ) -> Result<bool, StoreError> {
        let item = to_item(
            action,
            &[
                (PK, keys::organisation(action.ods_code.as_str())),
                (SK, keys::action(&action.id)),
                (GSI1PK, keys::ics_actions(action.ics_code.as_str())),
                (GSI1SK, keys::action_by_due_date(&action.due, &action.id)),
            ],
        )?;
        let request = self.client.put_item().table_name(&self.table).set_item(Some(item));
        let request = if expected_version == 0 {
            request.condition_expression("attribute_not_exists(PK)")
        } else {
            request
                .condition_expression("version = :expected")
                .expression_attribute_values(":expected", number(expected_version))
        };
        let result = request.send().await;
        match result {
            Ok(_) => Ok(true),
            Err(error)
                if error
                    .as_service_error()
                    .is_some_and(|service| service.is_conditional_check_failed_exception()) =>
            {
                Ok(false)
            }
            Err(error) => Err(classify(error)),
        }
    }

    pub async fn get_action(&self, ods: &OdsCode, id: &str) -> Result<Option<PlannedAction>, StoreError> {
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
