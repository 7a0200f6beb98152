//! DynamoDB storage: one table, items keyed as in [`keys`]. Nothing outside this module knows a
//! key format, and no request path ever Scans: every read is a GetItem or a Query.

pub mod actions;
mod agreed_levels;
mod batch;
mod benefits;
pub mod bids;
mod evidence;
pub mod funding;
mod keys;
pub mod my_work;
pub mod offers;
pub mod organisations;
pub mod outcomes;
mod peer_pairs;
mod reports;
pub mod reviews;
pub mod round_progress;
mod rounds;
pub mod synthetic;
pub mod table;
mod tech_spend;
pub mod validation;

use crate::config::Config;
use aws_sdk_dynamodb::Client;
use aws_sdk_dynamodb::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_dynamodb::types::AttributeValue;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::collections::HashMap;

pub type Item = HashMap<String, AttributeValue>;

/// The SDK's own HTTPS client (hyper, rustls on AWS-LC) trusting Amazon's roots only
/// ([`crate::aws_tls::AWS_ROOT_CERTIFICATES`]),
/// instead of the operating system's certificate store. That store is a few hundred certificates
/// of which DynamoDB needs one, and reading it was most of the cold start (docs/performance.md):
/// Debian's scans the `/etc/ssl/certs` folder file by file as well as parsing its bundle.
pub(crate) fn https_client() -> aws_sdk_dynamodb::config::SharedHttpClient {
    use aws_smithy_http_client::tls::{Provider, TlsContext, TrustStore, rustls_provider::CryptoMode};
    let roots = TrustStore::empty().with_pem_certificate(crate::aws_tls::AWS_ROOT_CERTIFICATES);
    let context =
        TlsContext::builder().with_trust_store(roots).build().expect("a TLS context with a trust store");
    aws_smithy_http_client::Builder::new()
        .tls_provider(Provider::Rustls(CryptoMode::AwsLc))
        .tls_context(context)
        .build_https()
}

/// The credentials Lambda gives the function (its role's) in `AWS_ACCESS_KEY_ID`,
/// `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`, for DynamoDB and S3 alike.
pub(crate) fn environment_credentials() -> Option<aws_sdk_dynamodb::config::Credentials> {
    let variable = |name: &str| std::env::var(name).ok().filter(|value| !value.trim().is_empty());
    let (key_id, secret) = (variable("AWS_ACCESS_KEY_ID")?, variable("AWS_SECRET_ACCESS_KEY")?);
    let mut credentials = aws_sdk_dynamodb::config::Credentials::builder()
        .access_key_id(key_id)
        .secret_access_key(secret)
        .provider_name("environment");
    credentials.set_session_token(variable("AWS_SESSION_TOKEN"));
    credentials.set_account_id(variable("AWS_ACCOUNT_ID").map(Into::into));
    Some(credentials.build())
}

/// The table and the client that reaches it. Cheap to clone: the client is shared.
#[derive(Clone, Debug)]
pub struct Store {
    client: Client,
    table: String,
}

#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// A conditional write was refused, and nothing of it was written: the one way every save
    /// says it lost a race or found things not as the caller saw them.
    #[error("the write was refused: {0:?}")]
    Refused(Refusal),
    /// DynamoDB could not be reached, timed out or is throttling: worth retrying later.
    #[error("the database is unavailable: {0}")]
    Unavailable(String),
    /// An item in the table does not match the model: a bug or a bad migration, never user input.
    #[error("an item in the table is not readable: {0}")]
    Corrupt(String),
    #[error("database error: {0}")]
    Other(String),
}

/// Why a conditional write was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Refusal {
    /// The record is not at the version the change started from: someone saved it meanwhile.
    Stale,
    /// What the record belongs to no longer takes this change (a review that left the status
    /// the change needs).
    Closed,
    /// A record with this key exists already.
    Taken,
    /// A record this one needs does not exist (the ICS of a new organisation).
    Missing,
}

impl Store {
    /// Builds the client once at start-up; handlers share it through the router's state.
    ///
    /// The client is configured here in full rather than by aws-config's
    /// `defaults(..).load()`, whose chains a Lambda function does not need (credentials from the
    /// environment, profile files, web identity, containers or instance metadata; settings from
    /// profile files). Lambda gives the function its role's credentials in `AWS_ACCESS_KEY_ID`,
    /// `AWS_SECRET_ACCESS_KEY` and `AWS_SESSION_TOKEN`: the first place that chain looked, so
    /// the credentials are the same. Building the chain cost time at every cold start, and
    /// aws-config (with the STS client it brings) made the binary larger (docs/performance.md).
    pub async fn connect(config: &Config) -> Self {
        use aws_sdk_dynamodb::config::{BehaviorVersion, Credentials, Region, retry, timeout};
        // A database that hangs must not hang the API: give up quickly and answer 503, so the
        // caller retries (the SDK itself retries throttling and transient failures first).
        let timeouts = timeout::TimeoutConfig::builder()
            .connect_timeout(std::time::Duration::from_secs(2))
            .operation_attempt_timeout(std::time::Duration::from_secs(3))
            .operation_timeout(std::time::Duration::from_secs(8))
            .build();
        let mut builder = aws_sdk_dynamodb::Config::builder()
            .behavior_version(BehaviorVersion::latest())
            .region(Region::new(config.region.clone()))
            .timeout_config(timeouts)
            // What aws-config's defaults gave: the standard mode, 3 attempts.
            .retry_config(retry::RetryConfig::standard())
            .http_client(https_client());
        let variable = |name: &str| std::env::var(name).ok().filter(|value| !value.trim().is_empty());
        if let Some(endpoint) = &config.dynamodb_endpoint {
            // DynamoDB Local accepts any credentials; static ones avoid probing for real ones.
            builder = builder
                .endpoint_url(endpoint)
                .credentials_provider(Credentials::new("local", "local", None, None, "static"));
        } else {
            // The SDK's standard endpoint variables, which aws-config read.
            if let Some(endpoint) =
                variable("AWS_ENDPOINT_URL_DYNAMODB").or_else(|| variable("AWS_ENDPOINT_URL"))
            {
                builder = builder.endpoint_url(endpoint);
            }
            match environment_credentials() {
                Some(credentials) => builder = builder.credentials_provider(credentials),
                None => tracing::error!(
                    "no AWS credentials in AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY: DynamoDB will refuse \
                     every request (set DYNAMODB_ENDPOINT to use DynamoDB Local)"
                ),
            }
        }
        Self { client: Client::from_conf(builder.build()), table: config.table_name.clone() }
    }

    /// The same table through a client that also runs `interceptor` on every request (the
    /// benchmark counts requests and read capacity this way); `self` is unchanged.
    #[cfg(feature = "bench")]
    pub fn with_interceptor(&self, interceptor: impl aws_sdk_dynamodb::config::Intercept + 'static) -> Self {
        let config = self.client.config().to_builder().interceptor(interceptor).build();
        Self { client: Client::from_conf(config), table: self.table.clone() }
    }

    /// The DynamoDB client, for measuring a raw request beside the store's own (the benchmark).
    #[cfg(any(test, feature = "bench"))]
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
                "ConditionalCheckFailedException" => StoreError::Refused(Refusal::Stale),
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
    // A loop over `send`, not the SDK's paginator: the paginator hands each item through a channel,
    // work that a one-page answer (nearly every read here) does not need.
    let mut items = Vec::new();
    let mut start = None;
    loop {
        let page = query.clone().set_exclusive_start_key(start).send().await.map_err(classify)?;
        items.extend(page.items.unwrap_or_default());
        match page.last_evaluated_key {
            Some(key) if !key.is_empty() => start = Some(key),
            _ => return Ok(items),
        }
    }
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

/// An item back into the model. Its key attributes are not the record's fields, so they are left
/// out first: a record may then refuse fields it does not know, as the API's types do.
pub(crate) fn from_item<T: DeserializeOwned>(mut item: Item) -> Result<T, StoreError> {
    for key in [keys::PK, keys::SK, keys::GSI1PK, keys::GSI1SK, keys::GSI2PK, keys::GSI2SK] {
        item.remove(key);
    }
    serde_dynamo::from_item(item).map_err(|error| StoreError::Corrupt(error.to_string()))
}

/// The attribute that holds a document item's record, as JSON.
const BODY: &str = "body";

/// A record kept as a *document item*: the whole record as one JSON string attribute, `body`, with
/// its `version` beside it for conditional writes, and the item's keys. A review's assessments are
/// kept so (and its agreed levels the same way, a body and a version per measure in one item). As
/// plain attributes, every statement's answer became a nested map of its own, and reading a review
/// spent most of its time on them (docs/performance.md has the figures), and the SDK no longer walks hundreds
/// of attribute values to parse it. Nothing filters, projects or updates these records field by
/// field, which is all the plain form would allow.
pub(crate) fn to_document_item<T: Serialize>(
    value: &T,
    version: u64,
    keys: &[(&str, String)],
) -> Result<Item, StoreError> {
    let mut item = Item::with_capacity(keys.len() + 2);
    item.insert(BODY.to_owned(), document_body(value)?);
    item.insert("version".to_owned(), number(version));
    for (name, key) in keys {
        item.insert((*name).to_owned(), AttributeValue::S(key.clone()));
    }
    Ok(item)
}

/// A document item back into its record.
pub(crate) fn from_document_item<T: DeserializeOwned>(item: &Item) -> Result<T, StoreError> {
    match item.get(BODY) {
        Some(body) => from_document_body(body),
        None => Err(StoreError::Corrupt("a document item has no body".to_owned())),
    }
}

/// A record as a document body: its JSON, as a string attribute.
pub(crate) fn document_body<T: Serialize>(value: &T) -> Result<AttributeValue, StoreError> {
    serde_json::to_string(value).map(AttributeValue::S).map_err(|error| StoreError::Other(error.to_string()))
}

/// A document body back into its record.
pub(crate) fn from_document_body<T: DeserializeOwned>(body: &AttributeValue) -> Result<T, StoreError> {
    let AttributeValue::S(json) = body else {
        return Err(StoreError::Corrupt("a document body is not a string".to_owned()));
    };
    serde_json::from_str(json).map_err(|error| StoreError::Corrupt(error.to_string()))
}

pub(crate) fn string(value: impl Into<String>) -> AttributeValue {
    AttributeValue::S(value.into())
}

pub(crate) fn number(value: u64) -> AttributeValue {
    AttributeValue::N(value.to_string())
}

impl Store {
    /// One conditional write and its history entry (any item, put unconditionally), in one
    /// transaction: both land or neither; `Refused(refusal)` when the write's condition failed.
    pub(crate) async fn write_with_entry(
        &self,
        write: aws_sdk_dynamodb::types::TransactWriteItem,
        entry: Item,
        refusal: Refusal,
    ) -> Result<(), StoreError> {
        use aws_sdk_dynamodb::types::{Put, TransactWriteItem};
        let entry = Put::builder()
            .table_name(&self.table)
            .set_item(Some(entry))
            .build()
            .map_err(|error| StoreError::Other(error.to_string()))?;
        let sent = self
            .client
            .transact_write_items()
            .transact_items(write)
            .transact_items(TransactWriteItem::builder().put(entry).build());
        match sent.send().await {
            Ok(_) => Ok(()),
            Err(error) => match failed_conditions(&error).as_deref() {
                Some([true, ..]) => Err(StoreError::Refused(refusal)),
                _ => Err(classify(error)),
            },
        }
    }
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

/// The condition of a versioned write: the record is at the version before `version` (for a new
/// record, version 1, that there is none), with the value it names.
pub(crate) fn version_condition(version: u64) -> (&'static str, Option<AttributeValue>) {
    match version.saturating_sub(1) {
        0 => ("attribute_not_exists(PK)", None),
        expected => ("version = :expected", Some(number(expected))),
    }
}

/// A put of a record at `version` that succeeds only over the version before it (see
/// [`version_condition`]), for a transaction.
pub(crate) fn versioned_put(
    table: &str,
    item: Item,
    version: u64,
) -> Result<aws_sdk_dynamodb::types::Put, StoreError> {
    let (condition, expected) = version_condition(version);
    aws_sdk_dynamodb::types::Put::builder()
        .table_name(table)
        .set_item(Some(item))
        .condition_expression(condition)
        .set_expression_attribute_values(
            expected.map(|value| HashMap::from([(":expected".to_owned(), value)])),
        )
        .build()
        .map_err(|error| StoreError::Other(error.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn the_client_builds_with_them() {
        // Building the client builds its TLS configuration, which parses the trusted roots (and
        // would panic on one it cannot use).
        let config = Config {
            table_name: "wgll".to_owned(),
            dynamodb_endpoint: Some("http://127.0.0.1:9".to_owned()),
            region: "eu-west-2".to_owned(),
            auth: crate::config::AuthMode::Development,
            evidence_bucket: "wgll-evidence".to_owned(),
            s3_endpoint: None,
        };
        let store = Store::connect(&config).await;
        assert_eq!(store.table_name(), "wgll");
        assert_eq!(store.client().config().region().map(|region| region.as_ref()), Some("eu-west-2"));
    }
}
