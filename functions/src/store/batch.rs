//! Writing many items at once with BatchWriteItem: 25 at a time, retrying what DynamoDB leaves
//! unprocessed (under load it may leave some, with no error). A batch is not a transaction: it
//! is used for loading data sets, and for writes nothing reads until a transaction names them
//! (an allocation's lines, see `funding.rs`).

use super::keys::{PK, SK};
use super::{Item, Store, StoreError, classify};
use aws_sdk_dynamodb::types::{DeleteRequest, PutRequest, WriteRequest};

/// At most this many requests in one BatchWriteItem (DynamoDB's limit).
const BATCH_MAX: usize = 25;

fn build<T, E: std::fmt::Display>(result: Result<T, E>) -> Result<T, StoreError> {
    result.map_err(|error| StoreError::Other(error.to_string()))
}

impl Store {
    /// Puts every item.
    pub async fn put_many(&self, items: Vec<Item>) -> Result<(), StoreError> {
        let requests = items
            .into_iter()
            .map(|item| {
                let put = build(PutRequest::builder().set_item(Some(item)).build())?;
                Ok(WriteRequest::builder().put_request(put).build())
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        self.write_in_batches(requests).await
    }

    /// Deletes every item, by its keys.
    pub(crate) async fn delete_many(&self, items: &[Item]) -> Result<(), StoreError> {
        let requests = items
            .iter()
            .map(|item| {
                let key = [PK, SK]
                    .into_iter()
                    .filter_map(|name| Some((name.to_owned(), item.get(name)?.clone())))
                    .collect();
                let delete = build(DeleteRequest::builder().set_key(Some(key)).build())?;
                Ok(WriteRequest::builder().delete_request(delete).build())
            })
            .collect::<Result<Vec<_>, StoreError>>()?;
        self.write_in_batches(requests).await
    }

    async fn write_in_batches(&self, requests: Vec<WriteRequest>) -> Result<(), StoreError> {
        for chunk in requests.chunks(BATCH_MAX) {
            let mut left = chunk.to_vec();
            let mut attempt = 0;
            while !left.is_empty() {
                let output = self
                    .client
                    .batch_write_item()
                    .request_items(&self.table, left)
                    .send()
                    .await
                    .map_err(classify)?;
                left = output
                    .unprocessed_items
                    .and_then(|mut left| left.remove(&self.table))
                    .unwrap_or_default();
                attempt += 1;
                if !left.is_empty() {
                    // Backing off: DynamoDB leaves items unprocessed when the table is busy.
                    tokio::time::sleep(std::time::Duration::from_millis(50 * attempt.min(20))).await;
                }
            }
        }
        Ok(())
    }
}
