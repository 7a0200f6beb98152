//! Creating the table locally. In AWS the template (`infra/template.yaml`) creates it with the
//! same keys and indexes; keep the two in step.

use super::keys::{GSI1, GSI1PK, GSI1SK, GSI2, GSI2PK, GSI2SK, PK, SK};
use super::{Store, StoreError, classify};
use aws_sdk_dynamodb::types::{
    AttributeDefinition, BillingMode, GlobalSecondaryIndex, KeySchemaElement, KeyType, Projection,
    ProjectionType, ScalarAttributeType, TableStatus,
};
use std::time::Duration;

impl Store {
    /// Creates the table and its indexes unless it exists, then waits until it is active.
    pub async fn ensure_table(&self) -> Result<(), StoreError> {
        match self.client.describe_table().table_name(&self.table).send().await {
            Ok(_) => return self.wait_until_active().await,
            Err(error) => {
                let not_found =
                    error.as_service_error().is_some_and(|service| service.is_resource_not_found_exception());
                if !not_found {
                    return Err(classify(error));
                }
            }
        }
        tracing::info!(table = %self.table, "creating the table");
        let result = self
            .client
            .create_table()
            .table_name(&self.table)
            .billing_mode(BillingMode::PayPerRequest)
            .set_attribute_definitions(Some(
                [PK, SK, GSI1PK, GSI1SK, GSI2PK, GSI2SK].map(string_attribute).to_vec(),
            ))
            .set_key_schema(Some(key_schema(PK, SK)))
            .global_secondary_indexes(index(GSI1, GSI1PK, GSI1SK))
            .global_secondary_indexes(index(GSI2, GSI2PK, GSI2SK))
            .send()
            .await;
        if let Err(error) = result {
            // Two processes starting at once may both try; the loser finds it in use.
            let in_use =
                error.as_service_error().is_some_and(|service| service.is_resource_in_use_exception());
            if !in_use {
                return Err(classify(error));
            }
        }
        self.wait_until_active().await
    }

    async fn wait_until_active(&self) -> Result<(), StoreError> {
        for _ in 0..120 {
            let table = self.client.describe_table().table_name(&self.table).send().await;
            let status = table.map_err(classify)?.table.and_then(|table| table.table_status);
            if status == Some(TableStatus::Active) {
                return Ok(());
            }
            tokio::time::sleep(Duration::from_millis(250)).await;
        }
        Err(StoreError::Unavailable(format!("table {} did not become active", self.table)))
    }
}

fn string_attribute(name: &str) -> AttributeDefinition {
    AttributeDefinition::builder()
        .attribute_name(name)
        .attribute_type(ScalarAttributeType::S)
        .build()
        .expect("name and type are set")
}

fn key_schema(partition: &str, sort: &str) -> Vec<KeySchemaElement> {
    [(partition, KeyType::Hash), (sort, KeyType::Range)]
        .map(|(name, key_type)| {
            KeySchemaElement::builder()
                .attribute_name(name)
                .key_type(key_type)
                .build()
                .expect("name and key type are set")
        })
        .to_vec()
}

fn index(name: &str, partition: &str, sort: &str) -> GlobalSecondaryIndex {
    GlobalSecondaryIndex::builder()
        .index_name(name)
        .set_key_schema(Some(key_schema(partition, sort)))
        .projection(Projection::builder().projection_type(ProjectionType::All).build())
        .build()
        .expect("name, keys and projection are set")
}
