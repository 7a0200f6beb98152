//! Reports from the public that something shown about an organisation is wrong: kept in the
//! organisation's partition, newest read first, and counted per day so that an organisation takes
//! at most `REPORTS_PER_DAY` (the count and the report are written in one transaction).

use super::keys::{self, PK, SK};
use super::{
    Refusal, Store, StoreError, classify, failed_conditions, from_document_item, number, string,
    to_document_item,
};
use aws_sdk_dynamodb::types::{Put, TransactWriteItem, Update};
use wgll_shared::contact::ProblemReport;
use wgll_shared::organisation::OdsCode;

impl Store {
    /// Keeps a report, unless the organisation has taken `limit` today (`Refused(Closed)`).
    pub async fn save_problem_report(
        &self,
        ods: &OdsCode,
        report: &ProblemReport,
        limit: u64,
    ) -> Result<(), StoreError> {
        let partition = keys::organisation(ods.as_str());
        let day = report.at.date().to_string();
        let count = Update::builder()
            .table_name(&self.table)
            .key(PK, string(partition.clone()))
            .key(SK, string(keys::problem_report_count(&day)))
            .update_expression("ADD #taken :one")
            .condition_expression("attribute_not_exists(#taken) OR #taken < :limit")
            .expression_attribute_names("#taken", "taken")
            .expression_attribute_values(":one", number(1))
            .expression_attribute_values(":limit", number(limit))
            .build()
            .map_err(|error| StoreError::Other(error.to_string()))?;
        let id = uuid::Uuid::new_v4().to_string();
        let item = to_document_item(
            report,
            1,
            &[(PK, partition), (SK, keys::problem_report(report.at.as_str(), &id))],
        )?;
        let put = Put::builder()
            .table_name(&self.table)
            .set_item(Some(item))
            .build()
            .map_err(|error| StoreError::Other(error.to_string()))?;
        let sent = self
            .client
            .transact_write_items()
            .transact_items(TransactWriteItem::builder().update(count).build())
            .transact_items(TransactWriteItem::builder().put(put).build());
        match sent.send().await {
            Ok(_) => Ok(()),
            Err(error) => match failed_conditions(&error).as_deref() {
                Some([true, ..]) => Err(StoreError::Refused(Refusal::Closed)),
                _ => Err(classify(error)),
            },
        }
    }

    /// The organisation's latest `count` reports, newest first: one Query.
    pub async fn list_problem_reports(
        &self,
        ods: &OdsCode,
        count: i32,
    ) -> Result<Vec<ProblemReport>, StoreError> {
        let output = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("PK = :pk AND begins_with(SK, :prefix)")
            .expression_attribute_values(":pk", string(keys::organisation(ods.as_str())))
            .expression_attribute_values(":prefix", string(keys::PROBLEM_REPORT_PREFIX))
            .scan_index_forward(false)
            .limit(count)
            .send()
            .await
            .map_err(classify)?;
        output.items.unwrap_or_default().iter().map(from_document_item).collect()
    }
}
