//! The records of evidence packs' documents (the bytes are in the bucket: `crate::documents`):
//! each in its organisation's partition, so one Query lists a year's documents, and each
//! written or deleted in one transaction with its entry in the organisation's evidence history.

use super::keys::{self, PK, SK};
use super::{Refusal, Store, StoreError, all_items, classify, from_document_item, string, to_document_item};
use aws_sdk_dynamodb::types::{Delete, Put, TransactWriteItem};
use wgll_shared::evidence::{EvidenceChange, EvidenceDocument};
use wgll_shared::ids::EvidenceId;
use wgll_shared::organisation::OdsCode;
use wgll_shared::period::Period;

impl Store {
    /// Records a new document with its history entry: both or neither.
    pub async fn add_evidence(
        &self,
        document: &EvidenceDocument,
        change: &EvidenceChange,
    ) -> Result<(), StoreError> {
        let partition = keys::organisation(document.organisation.as_str());
        let key = keys::evidence(document.period.as_str(), &document.id);
        let item = to_document_item(document, 1, &[(PK, partition.clone()), (SK, key)])?;
        let put = Put::builder()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(PK)")
            .build()
            .map_err(|error| StoreError::Other(error.to_string()))?;
        self.write_with_history(TransactWriteItem::builder().put(put).build(), &partition, change).await
    }

    /// Removes a document's record with its history entry, if it is still there (`Missing` if not).
    pub async fn delete_evidence(
        &self,
        document: &EvidenceDocument,
        change: &EvidenceChange,
    ) -> Result<(), StoreError> {
        let partition = keys::organisation(document.organisation.as_str());
        let delete = Delete::builder()
            .table_name(&self.table)
            .key(PK, string(partition.clone()))
            .key(SK, string(keys::evidence(document.period.as_str(), &document.id)))
            .condition_expression("attribute_exists(PK)")
            .build()
            .map_err(|error| StoreError::Other(error.to_string()))?;
        self.write_with_history(TransactWriteItem::builder().delete(delete).build(), &partition, change).await
    }

    async fn write_with_history(
        &self,
        write: TransactWriteItem,
        partition: &str,
        change: &EvidenceChange,
    ) -> Result<(), StoreError> {
        let unique = uuid::Uuid::new_v4().to_string();
        let entry = to_document_item(
            change,
            1,
            &[(PK, partition.to_owned()), (SK, keys::evidence_log(&change.at, &unique))],
        )?;
        self.write_with_entry(write, entry, Refusal::Missing).await
    }

    /// An organisation's documents for a year, oldest first: one Query.
    pub async fn list_evidence(
        &self,
        ods: &OdsCode,
        period: &Period,
    ) -> Result<Vec<EvidenceDocument>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("PK = :pk AND begins_with(SK, :prefix)")
            .expression_attribute_values(":pk", string(keys::organisation(ods.as_str())))
            .expression_attribute_values(":prefix", string(keys::evidence_in_period(period.as_str())));
        let mut documents: Vec<EvidenceDocument> =
            all_items(query).await?.iter().map(from_document_item).collect::<Result<_, _>>()?;
        documents.sort_by(|a, b| a.uploaded_at.cmp(&b.uploaded_at));
        Ok(documents)
    }

    pub async fn get_evidence(
        &self,
        ods: &OdsCode,
        period: &Period,
        id: &EvidenceId,
    ) -> Result<Option<EvidenceDocument>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, string(keys::organisation(ods.as_str())))
            .key(SK, string(keys::evidence(period.as_str(), id)))
            .send()
            .await
            .map_err(classify)?;
        output.item.as_ref().map(from_document_item).transpose()
    }
}
