//! Organisation items: one per ODS code, listed by name (GSI1) and by ICS (GSI2).

use super::keys::{self, GSI1, GSI1PK, GSI1SK, GSI2, GSI2PK, GSI2SK, META, PK, SK};
use super::{
    Item, Refusal, Store, StoreError, all_items, classify, failed_conditions, from_item, string, to_item,
};
use aws_sdk_dynamodb::types::{ConditionCheck, Put, TransactWriteItem};
use wgll_shared::organisation::{OdsCode, Organisation};

impl Store {
    /// Adds an organisation, checking in the same transaction that its ICS exists, so an
    /// organisation never points at a missing ICS and an ODS code is never taken twice.
    /// `Refused(Taken)` when the ODS code is, `Refused(Missing)` when the ICS is not there (or
    /// is not an ICS).
    pub async fn create_organisation(&self, organisation: &Organisation) -> Result<(), StoreError> {
        let item = organisation_item(organisation)?;
        let put = Put::builder()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(PK)")
            .build()
            .map_err(|error| StoreError::Other(error.to_string()))?;
        let mut transaction =
            self.client.transact_write_items().transact_items(TransactWriteItem::builder().put(put).build());
        if let Some(ics_code) = &organisation.ics_code {
            let check = ConditionCheck::builder()
                .table_name(&self.table)
                .key(PK, string(keys::organisation(ics_code.as_str())))
                .key(SK, string(META))
                .condition_expression("attribute_exists(PK) AND #kind = :ics")
                .expression_attribute_names("#kind", "kind")
                .expression_attribute_values(":ics", string("ics"))
                .build()
                .map_err(|error| StoreError::Other(error.to_string()))?;
            transaction =
                transaction.transact_items(TransactWriteItem::builder().condition_check(check).build());
        }
        match transaction.send().await {
            Ok(_) => Ok(()),
            Err(error) => match failed_conditions(&error).as_deref() {
                Some([true, ..]) => Err(StoreError::Refused(Refusal::Taken)),
                Some([false, true]) => Err(StoreError::Refused(Refusal::Missing)),
                _ => Err(classify(error)),
            },
        }
    }

    /// Saves an organisation's next version over the one before: `Refused(Stale)` if someone
    /// saved it in between.
    pub async fn update_organisation(&self, organisation: &Organisation) -> Result<(), StoreError> {
        let put = super::versioned_put(&self.table, organisation_item(organisation)?, organisation.version)?;
        let sent =
            self.client.transact_write_items().transact_items(TransactWriteItem::builder().put(put).build());
        match sent.send().await {
            Ok(_) => Ok(()),
            Err(error) => match failed_conditions(&error).as_deref() {
                Some([true]) => Err(StoreError::Refused(Refusal::Stale)),
                _ => Err(classify(error)),
            },
        }
    }

    pub async fn get_organisation(&self, code: &OdsCode) -> Result<Option<Organisation>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, string(keys::organisation(code.as_str())))
            .key(SK, string(META))
            .send()
            .await
            .map_err(classify)?;
        output.item.map(from_item).transpose()
    }

    /// Every organisation, sorted by name: one Query on GSI1 (paged past 1 MB).
    pub async fn list_organisations(&self) -> Result<Vec<Organisation>, StoreError> {
        self.query_organisations(GSI1, (GSI1PK, keys::ALL_ORGANISATIONS.to_owned()), None).await
    }

    /// The ICS itself and the organisations in it, by ODS code: one Query on GSI2.
    pub async fn list_ics_members(&self, ics: &OdsCode) -> Result<Vec<Organisation>, StoreError> {
        let partition = (GSI2PK, keys::ics_members(ics.as_str()));
        self.query_organisations(GSI2, partition, Some((GSI2SK, keys::organisation("")))).await
    }

    async fn query_organisations(
        &self,
        index: &str,
        (partition_attribute, partition): (&str, String),
        sort_prefix: Option<(&str, String)>,
    ) -> Result<Vec<Organisation>, StoreError> {
        let mut query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(index)
            .expression_attribute_names("#pk", partition_attribute)
            .expression_attribute_values(":pk", string(partition));
        query = match sort_prefix {
            None => query.key_condition_expression("#pk = :pk"),
            Some((sort_attribute, prefix)) => query
                .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expression_attribute_names("#sk", sort_attribute)
                .expression_attribute_values(":prefix", string(prefix)),
        };
        all_items(query).await?.into_iter().map(from_item).collect()
    }
}

/// An organisation's item, listed by name (GSI1) and in its ICS (GSI2).
pub(crate) fn organisation_item(organisation: &Organisation) -> Result<Item, StoreError> {
    let code = organisation.ods_code.as_str();
    to_item(
        organisation,
        &[
            (PK, keys::organisation(code)),
            (SK, META.to_owned()),
            (GSI1PK, keys::ALL_ORGANISATIONS.to_owned()),
            (GSI1SK, keys::organisation_by_name(&organisation.name, code)),
            (GSI2PK, keys::ics_members(organisation.ics().as_str())),
            (GSI2SK, keys::organisation(code)),
        ],
    )
}
