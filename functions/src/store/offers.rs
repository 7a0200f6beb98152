//! Citizen service offers: one item per organisation and service, kept beside the organisation
//! (so one Query reads an organisation with its whole offer) and indexed in the organisation's ICS
//! partition of GSI2 (so one Query reads an ICS's organisations with all their records). Every
//! change writes a log entry in the same transaction.

use super::keys::{self, GSI2, GSI2PK, GSI2SK, META, PK, SK};
use super::{
    Item, Refusal, Store, StoreError, all_items, classify, failed_conditions, from_item, string, to_item,
    versioned_put,
};
use aws_sdk_dynamodb::types::{Put, TransactWriteItem};
use wgll_shared::offer::{OfferChange, ServiceOffer};
use wgll_shared::organisation::{OdsCode, Organisation};

/// An ICS with its member organisations and every service record they hold.
pub struct IcsRecords {
    pub ics: Organisation,
    pub members: Vec<Organisation>,
    pub records: Vec<ServiceOffer>,
}

impl Store {
    /// An organisation and its service records, in one Query (`META` up to `OFFER$`: the log,
    /// which sorts after, is left out).
    pub async fn get_organisation_offer(
        &self,
        ods: &OdsCode,
    ) -> Result<Option<(Organisation, Vec<ServiceOffer>)>, StoreError> {
        let items = all_items(
            self.client
                .query()
                .table_name(&self.table)
                .key_condition_expression("PK = :pk AND SK BETWEEN :meta AND :end")
                .expression_attribute_values(":pk", string(keys::organisation(ods.as_str())))
                .expression_attribute_values(":meta", string(META))
                .expression_attribute_values(":end", string(keys::OFFER_END)),
        )
        .await?;
        let mut organisation = None;
        let mut records = Vec::new();
        for item in items {
            if sort_key(&item, SK) == Some(META) {
                organisation = Some(from_item(item)?);
            } else {
                records.push(from_item(item)?);
            }
        }
        Ok(organisation.map(|organisation| (organisation, records)))
    }

    /// An ICS, its organisations and all their service records, in one Query on GSI2 whatever
    /// the number of organisations. `None` when there is no such ICS.
    pub async fn get_ics_records(&self, ics: &OdsCode) -> Result<Option<IcsRecords>, StoreError> {
        let items = all_items(
            self.client
                .query()
                .table_name(&self.table)
                .index_name(GSI2)
                .key_condition_expression("#pk = :pk")
                .expression_attribute_names("#pk", GSI2PK)
                .expression_attribute_values(":pk", string(keys::ics_members(ics.as_str()))),
        )
        .await?;
        let mut members: Vec<Organisation> = Vec::new();
        let mut records = Vec::new();
        for item in items {
            match sort_key(&item, GSI2SK) {
                Some(key) if key.starts_with(keys::OFFER_PREFIX) => records.push(from_item(item)?),
                Some(key) if key.starts_with(&keys::organisation("")) => members.push(from_item(item)?),
                // Reviews live in their own `ICS#<ics>#<period>` partitions; nothing else is here.
                _ => {}
            }
        }
        let Some(position) = members.iter().position(|member| &member.ods_code == ics) else {
            return Ok(None);
        };
        let ics = members.remove(position);
        Ok(Some(IcsRecords { ics, members, records }))
    }

    /// Saves one service record at its version if nobody saved it since the version before, with
    /// its log entry in the same transaction: else `Refused(Stale)`.
    pub async fn save_service_offer(
        &self,
        organisation: &Organisation,
        saved: &ServiceOffer,
        change: &OfferChange,
    ) -> Result<(), StoreError> {
        let ods = organisation.ods_code.as_str();
        let item = offer_item(organisation, saved)?;
        let put = versioned_put(&self.table, item, saved.version)?;
        let unique = uuid::Uuid::new_v4().to_string();
        let log = Put::builder()
            .table_name(&self.table)
            .set_item(Some(to_item(
                change,
                &[(PK, keys::organisation(ods)), (SK, keys::offer_log(&change.at, &unique))],
            )?))
            .build()
            .map_err(|error| StoreError::Other(error.to_string()))?;
        let result = self
            .client
            .transact_write_items()
            .transact_items(TransactWriteItem::builder().put(put).build())
            .transact_items(TransactWriteItem::builder().put(log).build())
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(error) => match failed_conditions(&error).as_deref() {
                Some([true, ..]) => Err(StoreError::Refused(Refusal::Stale)),
                _ => Err(classify(error)),
            },
        }
    }

    /// Every change to an organisation's offer, newest first: one Query.
    pub async fn list_offer_changes(&self, ods: &OdsCode) -> Result<Vec<OfferChange>, StoreError> {
        let items = all_items(
            self.client
                .query()
                .table_name(&self.table)
                .key_condition_expression("PK = :pk AND begins_with(SK, :log)")
                .expression_attribute_values(":pk", string(keys::organisation(ods.as_str())))
                .expression_attribute_values(":log", string(keys::OFFER_LOG_PREFIX))
                .scan_index_forward(false),
        )
        .await?;
        items.into_iter().map(from_item).collect()
    }
}

/// One organisation's record of one service, beside the organisation and in its ICS's partition.
pub(crate) fn offer_item(organisation: &Organisation, offer: &ServiceOffer) -> Result<Item, StoreError> {
    let ods = organisation.ods_code.as_str();
    to_item(
        offer,
        &[
            (PK, keys::organisation(ods)),
            (SK, keys::offer(offer.service.as_str())),
            (GSI2PK, keys::ics_members(organisation.ics().as_str())),
            (GSI2SK, keys::offer_in_ics(ods, offer.service.as_str())),
        ],
    )
}

fn sort_key<'a>(item: &'a Item, attribute: &str) -> Option<&'a str> {
    item.get(attribute).and_then(|value| value.as_s().ok()).map(String::as_str)
}
