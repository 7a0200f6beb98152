//! DynamoDB storage: one table, items keyed as in [`keys`]. Nothing outside this module knows a
//! key format, and no request path ever Scans: every read is a GetItem or a Query.

pub mod actions;
mod keys;
pub mod offers;
pub mod organisations;
pub mod outcomes;
pub mod reviews;
pub mod synthetic;
pub mod table;

use crate::config::Config;
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::types::AttributeValue;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

pub type Item = HashMap<String, AttributeValue>;

/// The table and the client that reaches it. Cheap to clone: the client is shared.
#[derive(Clone, Debug)]
pub struct Store {
    client: Client,
    table: String,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A conditional write found the record changed (or present, or absent) since it was read.
    #[error("the record changed since it was read")]
    Conflict,
    /// DynamoDB could not be reached, timed out or is throttling: worth retrying later.
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    /// An item in the table does not match the model: a bug or a bad migration, never user input.
    #[error("an item in the table is not readable: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Other(String),
}

impl Store {
    /// Builds the client once at start-up; handlers share it through the router's state.
    pub async fn connect(config: &Config) -> Self {
        // A database that hangs must not hang the API: give up quickly and answer 503, so the
        // caller retries (the SDK itself retries throttling and transient failures first).
        let timeouts = aws_config::timeout::TimeoutConfig::builder()
            .connect_timeout(std::time::Duration::from_secs(2))
            .operation_attempt_timeout(std::time::Duration::from_secs(3))
            .operation_timeout(std::time::Duration::from_secs(8))
            .build();
        let mut loader = aws_config::defaults(aws_config::BehaviorVersion::latest())
            .region(aws_config::Region::new(config.region.clone()))
            .timeout_config(timeouts);
        if let Some(endpoint) = &config.dynamodb_endpoint {
            // DynamoDB Local accepts any credentials; static ones avoid probing for real ones.
            loader = loader.endpoint_url(endpoint).credentials_provider(
                aws_sdk_dynamodb::config::Credentials::new("local", "local", None, None, "static"),
            );
        }
        let sdk_config = loader.load().await;
        Self { client: Client::new(&sdk_config), table: config.table_name.clone() }
    }

    /// The same table through a client that also runs `interceptor` on every request (the
    /// benchmark counts requests and read capacity this way); `self` is unchanged.
    pub fn with_interceptor(&self, interceptor: impl aws_sdk_dynamodb::config::Intercept + 'static) -> Self {
        let config = self.client.config().to_builder().interceptor(interceptor).build();
        Self { client: Client::from_conf(config), table: self.table.clone() }
    }

    /// The DynamoDB client, for measuring a raw request beside the store's own.
    pub fn client(&self) -> &Client {
        &self.client
    }

    pub fn table_name(&self) -> &str {
        &self.table
    }

    /// True when the table answers: what `/api/health` reports.
    pub async fn is_reachable(&self) -> bool {
        self.client.describe_table().table_name(&self.table).send().await.is_ok()
    }
}

/// Sorts an SDK failure into what the API can say about it.
pub(crate) fn classify<E, R>(error: SdkError<E, R>) -> StoreError
where
    E: ProvideErrorMetadata + std::fmt::Debug,
    R: std::fmt::Debug,
{
    match &error {
        SdkError::DispatchFailure(_) | SdkError::TimeoutError(_) | SdkError::ResponseError(_) => {
            StoreError::Unavailable(format!("{error:?}"))
        }
        SdkError::ServiceError(service) => {
            let code = service.err().code().unwrap_or("Unknown");
            let message = service.err().message().unwrap_or_default();
            match code {
                "ConditionalCheckFailedException" => StoreError::Conflict,
                "ThrottlingException"
                | "ProvisionedThroughputExceededException"
                | "RequestLimitExceeded"
                | "ServiceUnavailable"
                | "InternalServerError" => StoreError::Unavailable(format!("{code}: {message}")),
                _ => StoreError::Other(format!("{code}: {message}")),
            }
        }
        _ => StoreError::Other(format!("{error:?}")),
    }
}

/// Runs a Query to its end, following pages past DynamoDB's 1 MB limit, and returns every item.
pub(crate) async fn all_items(
    query: aws_sdk_dynamodb::operation::query::builders::QueryFluentBuilder,
) -> Result<Vec<Item>, StoreError> {
    query.into_paginator().items().send().collect::<Result<Vec<_>, _>>().await.map_err(classify)
}

/// The model's fields as DynamoDB attributes, with the item's keys added.
pub(crate) fn to_item<T: Serialize>(value: &T, keys: &[(&str, String)]) -> Result<Item, StoreError> {
    let mut item: Item =
        serde_dynamo::to_item(value).map_err(|error| StoreError::Other(error.to_string()))?;
    for (name, key) in keys {
        item.insert((*name).to_owned(), AttributeValue::S(key.clone()));
    }
    Ok(item)
}

/// An item back into the model; key attributes are ignored.
pub(crate) fn from_item<T: DeserializeOwned>(item: Item) -> Result<T, StoreError> {
    serde_dynamo::from_item(item).map_err(|error| StoreError::Corrupt(error.to_string()))
}

pub(crate) fn string(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

pub(crate) fn number(value: u64) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

/// Now, as RFC 3339 in UTC: what every record's timestamps use.
pub fn now() -> String {
    aws_smithy_types::DateTime::from(std::time::SystemTime::now())
        .fmt(aws_smithy_types::date_time::Format::DateTime)
        .unwrap_or_default()
}

/// For a cancelled transaction, which of its items (in order) failed their condition; `None` when
/// the transaction failed for another reason.
pub(crate) fn failed_conditions<R>(
    error: &SdkError<aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError, R>,
) -> Option<Vec<bool>> {
    use aws_sdk_dynamodb::operation::transact_write_items::TransactWriteItemsError;
    match error.as_service_error()? {
        TransactWriteItemsError::TransactionCanceledException(cancelled) => Some(
            cancelled
                .cancellation_reasons()
                .iter()
                .map(|reason| reason.code() == Some("ConditionalCheckFailed"))
                .collect(),
        ),
        _ => None,
    }
}

/// A put that succeeds only over the version the writer saw (or, for version 0, over nothing).
pub(crate) fn versioned_put(
    table: &str,
    item: Item,
    expected_version: u64,
) -> Result<aws_sdk_dynamodb::types::Put, StoreError> {
    let put = aws_sdk_dynamodb::types::Put::builder().table_name(table).set_item(Some(item));
    let put = if expected_version == 0 {
        put.condition_expression("attribute_not_exists(PK)")
    } else {
        put.condition_expression("version = :expected")
            .expression_attribute_values(":expected", number(expected_version))
    };
    put.build().map_err(|error| StoreError::Other(error.to_string()))
}
