//! "My work" (`wgll_shared::my_work`): each reviewer's pointers to the reviews they are on and the
//! events people hear of, written in the transaction of the change that makes them, and each
//! person's last visit. The page is a fixed number of requests whatever the data: a Query of the
//! person's pointers and last visit, a Query of their newest events, for each organisation they
//! lead a Query of its reviews and one of its events, and BatchGetItem of the reviews pointed at
//! (100 to a request).

use super::keys::{self, META, PK, SK};
use super::{Item, Store, StoreError, all_items, classify, from_item, string, to_item};
use aws_sdk_dynamodb::operation::transact_write_items::builders::TransactWriteItemsFluentBuilder;
use aws_sdk_dynamodb::types::{Delete, KeysAndAttributes, Put, TransactWriteItem};
use wgll_shared::email::Email;
use wgll_shared::ids::ReviewId;
use wgll_shared::my_work::{Recipient, WorkEvent};
use wgll_shared::review::Review;
use wgll_shared::timestamp::Timestamp;

/// At most this many keys in one BatchGetItem (DynamoDB's limit).
const BATCH_GET_MAX: usize = 100;

/// A write to the "my work" items, for the transaction of the change that makes it.
#[derive(Debug, Clone, PartialEq)]
pub enum WorkWrite {
    /// The person is on the review.
    Point(Email, ReviewId),
    /// The person is no longer on the review.
    Unpoint(Email, ReviewId),
    /// Someone (or an organisation's leads) hears of something.
    Event(Recipient, Box<WorkEvent>),
}

impl WorkWrite {
    /// A new review's reviewers are on it.
    pub fn pointers_to(review: &Review) -> Vec<WorkWrite> {
        review
            .reviewers
            .iter()
            .map(|reviewer| WorkWrite::Point(reviewer.clone(), review.id.clone()))
            .collect()
    }

    /// The events `wgll_shared::my_work::events` says to keep.
    pub fn events(events: Vec<(Recipient, WorkEvent)>) -> Vec<WorkWrite> {
        events.into_iter().map(|(to, event)| WorkWrite::Event(to, Box::new(event))).collect()
    }
}

fn partition(recipient: &Recipient) -> String {
    match recipient {
        Recipient::Person(email) => keys::work_of_person(email),
        Recipient::OrganisationLeads(ods) => keys::work_of_leads(ods.as_str()),
    }
}

fn built<T>(result: Result<T, aws_sdk_dynamodb::error::BuildError>) -> Result<T, StoreError> {
    result.map_err(|error| StoreError::Other(error.to_string()))
}

impl Store {
    /// The transaction items of `writes` (unconditional: none of them can refuse the change).
    pub(crate) fn work_writes(&self, writes: &[WorkWrite]) -> Result<Vec<TransactWriteItem>, StoreError> {
        writes
            .iter()
            .map(|write| {
                Ok(match write {
                    WorkWrite::Point(who, review) => {
                        let item = Item::from([
                            (PK.to_owned(), string(keys::work_of_person(who))),
                            (SK.to_owned(), string(keys::work_review(review))),
                            ("reviewId".to_owned(), string(review.as_str())),
                        ]);
                        let put = built(Put::builder().table_name(&self.table).set_item(Some(item)).build())?;
                        TransactWriteItem::builder().put(put).build()
                    }
                    WorkWrite::Unpoint(who, review) => {
                        let delete = built(
                            Delete::builder()
                                .table_name(&self.table)
                                .key(PK, string(keys::work_of_person(who)))
                                .key(SK, string(keys::work_review(review)))
                                .build(),
                        )?;
                        TransactWriteItem::builder().delete(delete).build()
                    }
                    WorkWrite::Event(to, event) => {
                        let unique = uuid::Uuid::new_v4().to_string();
                        let item = to_item(
                            event.as_ref(),
                            &[(PK, partition(to)), (SK, keys::work_event(&event.at, &unique))],
                        )?;
                        let put = built(Put::builder().table_name(&self.table).set_item(Some(item)).build())?;
                        TransactWriteItem::builder().put(put).build()
                    }
                })
            })
            .collect()
    }

    /// A transaction that starts with `writes`; the change's own items are added after them.
    /// (Its items' conditions are then told apart by the error's `classify`, not their places.)
    pub(crate) fn transaction_with(
        &self,
        writes: &[WorkWrite],
    ) -> Result<TransactWriteItemsFluentBuilder, StoreError> {
        Ok(self.client.transact_write_items().set_transact_items(Some(self.work_writes(writes)?)))
    }

    /// The reviews `email` is on, and when they last looked: one Query (`REVIEW#` to `SEEN`).
    pub async fn work_of(&self, email: &Email) -> Result<(Vec<ReviewId>, Option<Timestamp>), StoreError> {
        let items = all_items(
            self.client
                .query()
                .table_name(&self.table)
                .key_condition_expression("PK = :pk AND SK >= :first")
                .expression_attribute_values(":pk", string(keys::work_of_person(email)))
                .expression_attribute_values(":first", string(keys::WORK_REVIEW_PREFIX)),
        )
        .await?;
        let mut reviews = Vec::new();
        let mut seen = None;
        for item in items {
            let text = |name: &str| item.get(name).and_then(|value| value.as_s().ok()).cloned();
            if text(SK).as_deref() == Some(keys::WORK_SEEN) {
                seen = text("at").map(|at| Timestamp::parse(&at)).transpose().map_err(StoreError::Corrupt)?;
            } else if let Some(id) = text("reviewId") {
                reviews.push(ReviewId::parse(&id).map_err(StoreError::Corrupt)?);
            }
        }
        Ok((reviews, seen))
    }

    /// The newest `limit` events `recipient` should hear of, newest first: one Query.
    pub async fn work_events(
        &self,
        recipient: &Recipient,
        limit: usize,
    ) -> Result<Vec<WorkEvent>, StoreError> {
        let output = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("PK = :pk AND begins_with(SK, :events)")
            .expression_attribute_values(":pk", string(partition(recipient)))
            .expression_attribute_values(":events", string(keys::WORK_EVENT_PREFIX))
            .scan_index_forward(false)
            .limit(i32::try_from(limit).unwrap_or(i32::MAX))
            .send()
            .await
            .map_err(classify)?;
        output.items.unwrap_or_default().into_iter().map(from_item).collect()
    }

    /// Records that `email` looked at their work at `at`, unless a later visit was recorded.
    pub async fn record_work_visit(&self, email: &Email, at: &Timestamp) -> Result<(), StoreError> {
        let result = self
            .client
            .put_item()
            .table_name(&self.table)
            .item(PK, string(keys::work_of_person(email)))
            .item(SK, string(keys::WORK_SEEN))
            .item("at", string(at.as_str()))
            .condition_expression("attribute_not_exists(#at) OR #at < :at")
            .expression_attribute_names("#at", "at")
            .expression_attribute_values(":at", string(at.as_str()))
            .send()
            .await;
        match result {
            Ok(_) => Ok(()),
            Err(error)
                if error.as_service_error().is_some_and(|e| e.is_conditional_check_failed_exception()) =>
            {
                Ok(())
            }
            Err(error) => Err(classify(error)),
        }
    }

    /// The reviews with these ids that exist: BatchGetItem, 100 to a request.
    pub async fn get_reviews(&self, ids: &[ReviewId]) -> Result<Vec<Review>, StoreError> {
        let keys = ids.iter().map(|id| (keys::review(id), META.to_owned()));
        self.batch_get(keys.collect()).await?.into_iter().map(from_item::<Review>).collect()
    }

    /// The items with these keys (partition, sort) that exist: BatchGetItem, 100 to a request,
    /// with what DynamoDB leaves unprocessed asked for again.
    pub(crate) async fn batch_get(&self, wanted: Vec<(String, String)>) -> Result<Vec<Item>, StoreError> {
        let mut items = Vec::with_capacity(wanted.len());
        for chunk in wanted.chunks(BATCH_GET_MAX) {
            let keys: Vec<Item> = chunk
                .iter()
                .map(|(pk, sk)| {
                    Item::from([(PK.to_owned(), string(pk.clone())), (SK.to_owned(), string(sk.clone()))])
                })
                .collect();
            let mut request = Some(built(KeysAndAttributes::builder().set_keys(Some(keys)).build())?);
            let mut attempt = 0;
            while let Some(asked) = request.take() {
                let output = self
                    .client
                    .batch_get_item()
                    .request_items(&self.table, asked)
                    .send()
                    .await
                    .map_err(classify)?;
                items.extend(
                    output.responses.and_then(|mut found| found.remove(&self.table)).unwrap_or_default(),
                );
                request = output
                    .unprocessed_keys
                    .and_then(|mut left| left.remove(&self.table))
                    .filter(|left| !left.keys().is_empty());
                if request.is_some() {
                    attempt += 1;
                    // Backing off: DynamoDB leaves keys unprocessed when the table is busy.
                    tokio::time::sleep(std::time::Duration::from_millis(50 * attempt.min(20))).await;
                }
            }
        }
        Ok(items)
    }
}
