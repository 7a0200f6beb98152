//! Review items: the review itself, one item per assessed measure, its agreed levels (kept by
//! [`super::agreed_levels`]) and an audit entry for every change, all in the review's partition
//! so one Query reads the whole review.

use super::keys::{self, GSI1, GSI1PK, GSI1SK, GSI2, GSI2PK, GSI2SK, META, PK, SK};
use super::round_progress::MeasureMark;
use super::{
    Item, Refusal, Store, StoreError, all_items, classify, failed_conditions, from_document_item, from_item,
    string, to_document_item, to_item, versioned_put,
};
use aws_sdk_dynamodb::types::{ConditionCheck, Put, TransactWriteItem};
use wgll_shared::assessment::{AgreedLevel, MeasureAssessment};
use wgll_shared::ids::ReviewId;
use wgll_shared::organisation::OdsCode;
use wgll_shared::period::Period;
use wgll_shared::review::{AuditEntry, Review, ReviewDetail};

impl Store {
    /// Starts a review, with its audit entry and `work` (its reviewers' pointers to it, the
    /// events it makes) in the same transaction.
    pub async fn create_review(
        &self,
        review: &Review,
        audit: &AuditEntry,
        work: &[super::my_work::WorkWrite],
    ) -> Result<(), StoreError> {
        self.transaction_with(work)?
            .transact_items(TransactWriteItem::builder().put(self.review_put(review)?).build())
            .transact_items(self.progress_write(review, &[])?)
            .transact_items(self.audit_put(audit)?)
            .send()
            .await
            .map_err(classify)?;
        Ok(())
    }

    /// Creates an imported review with every assessment and agreed level (and its progress,
    /// `marks`), in one transaction: all of it lands, or none.
    pub async fn import_review(
        &self,
        review: &Review,
        measures: &[MeasureAssessment],
        marks: &[MeasureMark],
        agreed: &[AgreedLevel],
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let mut items = vec![
            TransactWriteItem::builder().put(self.review_put(review)?).build(),
            self.progress_write(review, marks)?,
        ];
        for assessment in measures {
            let item = assessment_item(&review.id, assessment)?;
            items.push(TransactWriteItem::builder().put(versioned_put(&self.table, item, 1)?).build());
        }
        if !agreed.is_empty() {
            let item = super::agreed_levels::item(&review.id, agreed)?;
            items.push(TransactWriteItem::builder().put(versioned_put(&self.table, item, 1)?).build());
        }
        items.push(self.audit_put(audit)?);
        // Its reviewers' pointers to it: at most 12, so with 84 assessments the most is 100 items.
        items.extend(self.work_writes(&super::my_work::WorkWrite::pointers_to(review))?);
        self.client.transact_write_items().set_transact_items(Some(items)).send().await.map_err(classify)?;
        Ok(())
    }

    /// The put that creates a review's main item, with its index keys.
    fn review_put(&self, review: &Review) -> Result<Put, StoreError> {
        versioned_put(&self.table, review_item(review)?, 1)
    }

    pub async fn get_review(&self, id: &ReviewId) -> Result<Option<Review>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, string(keys::review(id)))
            .key(SK, string(META))
            .consistent_read(true)
            .send()
            .await
            .map_err(classify)?;
        output.item.map(from_item).transpose()
    }

    /// The review and every measure assessed so far, in one Query (audit entries sort apart).
    pub async fn get_review_detail(&self, id: &ReviewId) -> Result<Option<ReviewDetail>, StoreError> {
        let items = all_items(
            self.client
                .query()
                .table_name(&self.table)
                .key_condition_expression("PK = :pk AND SK BETWEEN :first AND :last")
                .expression_attribute_values(":pk", string(keys::review(id)))
                .expression_attribute_values(":first", string(keys::AGREED_LEVELS))
                .expression_attribute_values(":last", string(META))
                .consistent_read(true),
        )
        .await?;
        let mut review = None;
        let mut measures = Vec::new();
        let mut agreed = Vec::new();
        for item in items {
            let sort_key = item.get(SK).and_then(|value| value.as_s().ok()).cloned().unwrap_or_default();
            if sort_key == META {
                review = Some(from_item::<Review>(item)?);
            } else if sort_key == keys::AGREED_LEVELS {
                agreed = super::agreed_levels::from_item(&item)?;
            } else {
                measures.push(from_document_item::<MeasureAssessment>(&item)?);
            }
        }
        measures.sort_by(|a, b| (a.measure, &a.reviewer).cmp(&(b.measure, &b.reviewer)));
        agreed.sort_by_key(|agreed| agreed.measure);
        Ok(review.map(|review| ReviewDetail { review, measures, agreed, round: None }))
    }

    /// An organisation's reviews, newest period first: one Query on GSI1.
    pub async fn list_reviews_for_organisation(&self, ods: &OdsCode) -> Result<Vec<Review>, StoreError> {
        self.query_organisation_reviews(ods.as_str(), keys::REVIEWS_BY_PERIOD_PREFIX.to_owned()).await
    }

    /// An organisation's reviews for one period: one Query on GSI1.
    pub async fn list_reviews_for_period(
        &self,
        ods: &OdsCode,
        period: &Period,
    ) -> Result<Vec<Review>, StoreError> {
        self.query_organisation_reviews(ods.as_str(), keys::reviews_in_period(period.as_str())).await
    }

    /// The reviews of an ICS and its member organisations for one period: one Query on GSI2.
    pub async fn list_reviews_for_ics(
        &self,
        ics: &OdsCode,
        period: &Period,
    ) -> Result<Vec<Review>, StoreError> {
        let (ics, period) = (ics.as_str(), period.as_str());
        let items = all_items(
            self.client
                .query()
                .table_name(&self.table)
                .index_name(GSI2)
                .key_condition_expression("#pk = :pk")
                .expression_attribute_names("#pk", GSI2PK)
                .expression_attribute_values(":pk", string(keys::ics_reviews(ics, period))),
        )
        .await?;
        items.into_iter().map(from_item).collect()
    }

    async fn query_organisation_reviews(&self, ods: &str, prefix: String) -> Result<Vec<Review>, StoreError> {
        let items = all_items(
            self.client
                .query()
                .table_name(&self.table)
                .index_name(GSI1)
                .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expression_attribute_names("#pk", GSI1PK)
                .expression_attribute_names("#sk", GSI1SK)
                .expression_attribute_values(":pk", string(keys::organisation(ods)))
                .expression_attribute_values(":prefix", string(prefix))
                .scan_index_forward(false),
        )
        .await?;
        items.into_iter().map(from_item).collect()
    }

    /// Saves a reviewer's assessment of one measure at its version, if the review is still a
    /// draft (else `Refused(Closed)`) and nobody saved it since the version before (else
    /// `Refused(Stale)`); the change and its audit entry land together or not at all.
    /// `mark` is what the save does to the round's progress (see [`super::round_progress`]).
    pub async fn save_measure(
        &self,
        review: &Review,
        saved: &MeasureAssessment,
        mark: &MeasureMark,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let item = assessment_item(&review.id, saved)?;
        let put = versioned_put(&self.table, item, saved.version)?;
        let still_editable = self.status_check(review, "draft")?;
        let put = TransactWriteItem::builder().put(put).build();
        let progress = self.progress_write(review, std::slice::from_ref(mark))?;
        self.guarded_save(still_editable, vec![put, progress], audit).await
    }

    /// The key of the item `sort_key` in a review's partition.
    pub(super) fn review_item_key(&self, review_id: &ReviewId, sort_key: String) -> Item {
        Item::from([(PK.to_owned(), string(keys::review(review_id))), (SK.to_owned(), string(sort_key))])
    }

    /// One transaction: the review is in the right status, the record's conditional writes, its
    /// audit entry. Tells which condition failed, so the caller can say whether the review or the
    /// record moved on.
    pub(super) async fn guarded_save(
        &self,
        review_status: ConditionCheck,
        writes: Vec<TransactWriteItem>,
        audit: &AuditEntry,
    ) -> Result<(), StoreError> {
        let mut items = vec![TransactWriteItem::builder().condition_check(review_status).build()];
        items.extend(writes);
        items.push(self.audit_put(audit)?);
        let result = self.client.transact_write_items().set_transact_items(Some(items)).send().await;
        match result {
            Ok(_) => Ok(()),
            Err(error) => match failed_conditions(&error).as_deref() {
                Some([true, ..]) => Err(StoreError::Refused(Refusal::Closed)),
                Some([false, writes @ ..]) if writes.contains(&true) => {
                    Err(StoreError::Refused(Refusal::Stale))
                }
                _ => Err(classify(error)),
            },
        }
    }

    /// Replaces a review's main item by `after`, its next version, if it is still at the version
    /// the person saw (else `Refused(Stale)`); with its audit entry and `work` (reviewers'
    /// pointers, events), together or not at all.
    pub async fn update_review(
        &self,
        after: &Review,
        audit: &AuditEntry,
        work: &[super::my_work::WorkWrite],
    ) -> Result<(), StoreError> {
        let put = versioned_put(&self.table, review_item(after)?, after.version)?;
        let mut items = vec![
            TransactWriteItem::builder().put(put).build(),
            self.progress_write(after, &[])?,
            self.audit_put(audit)?,
        ];
        items.extend(self.work_writes(work)?);
        self.write_over_version_seen(items).await
    }

    /// Moves a review from `before` to `after` (its next version) if it is still at the version
    /// the person saw (else `Refused(Stale)`: every change of status is a new version); the
    /// change, its audit entry, what it does to the outcomes and to its region's list of reviews
    /// to validate and `work` (the events it makes) land together.
    pub async fn change_status(
        &self,
        after: &Review,
        audit: &AuditEntry,
        outcome: super::outcomes::OutcomeChange,
        queue: super::validation::QueueChange,
        work: &[super::my_work::WorkWrite],
    ) -> Result<(), StoreError> {
        let put = versioned_put(&self.table, review_item(after)?, after.version)?;
        // Publishing records the outcome, reopening removes it: in the same transaction, so the
        // dashboards never count a review that is not published.
        let mut items = vec![
            TransactWriteItem::builder().put(put).build(),
            self.progress_write(after, &[])?,
            self.audit_put(audit)?,
        ];
        items.extend(self.outcome_write(&outcome)?);
        items.extend(self.queue_write(&queue)?);
        items.extend(self.work_writes(work)?);
        self.write_over_version_seen(items).await
    }

    /// One transaction whose first write holds the review's version as the person saw it:
    /// `Refused(Stale)` when that write's condition failed (the review moved on meanwhile).
    pub(super) async fn write_over_version_seen(
        &self,
        items: Vec<TransactWriteItem>,
    ) -> Result<(), StoreError> {
        match self.client.transact_write_items().set_transact_items(Some(items)).send().await {
            Ok(_) => Ok(()),
            Err(error)
                if failed_conditions(&error)
                    .as_deref()
                    .is_some_and(|failed| failed.first() == Some(&true)) =>
            {
                Err(StoreError::Refused(Refusal::Stale))
            }
            Err(error) => Err(classify(error)),
        }
    }

    /// A condition that the review is in `status`, for a transaction.
    pub(super) fn status_check(&self, review: &Review, status: &str) -> Result<ConditionCheck, StoreError> {
        ConditionCheck::builder()
            .table_name(&self.table)
            .key(PK, string(keys::review(&review.id)))
            .key(SK, string(META))
            .condition_expression("#status = :status")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":status", string(status))
            .build()
            .map_err(|error| StoreError::Other(error.to_string()))
    }

    /// Every change to a review, oldest first: one Query on the review's partition.
    pub async fn list_audit(&self, review_id: &ReviewId) -> Result<Vec<AuditEntry>, StoreError> {
        let items = all_items(
            self.client
                .query()
                .table_name(&self.table)
                .key_condition_expression("PK = :pk AND begins_with(SK, :audit)")
                .expression_attribute_values(":pk", string(keys::review(review_id)))
                .expression_attribute_values(":audit", string(keys::AUDIT_PREFIX))
                .consistent_read(true),
        )
        .await?;
        items.into_iter().map(from_item).collect()
    }

    /// The audit entry for a change, as one item of the change's transaction.
    pub(super) fn audit_put(&self, entry: &AuditEntry) -> Result<TransactWriteItem, StoreError> {
        let unique = uuid::Uuid::new_v4().to_string();
        let (review_id, at) = (&entry.review_id, &entry.at);
        let item = to_item(entry, &[(PK, keys::review(review_id)), (SK, keys::audit(at, &unique))])?;
        let put = Put::builder()
            .table_name(&self.table)
            .set_item(Some(item))
            .build()
            .map_err(|error| StoreError::Other(error.to_string()))?;
        Ok(TransactWriteItem::builder().put(put).build())
    }
}

/// A review's main item, with its index keys.
pub(crate) fn review_item(review: &Review) -> Result<Item, StoreError> {
    let (id, ods, period) = (&review.id, review.organisation.as_str(), review.period.as_str());
    to_item(
        review,
        &[
            (PK, keys::review(id)),
            (SK, META.to_owned()),
            (GSI1PK, keys::organisation(ods)),
            (GSI1SK, keys::review_by_period(period, id)),
            (GSI2PK, keys::ics_reviews(review.ics_code.as_str(), period)),
            (GSI2SK, keys::review_in_ics(ods, id)),
        ],
    )
}

/// One reviewer's assessment of one measure, as a document item in its review's partition.
fn assessment_item(review_id: &ReviewId, assessment: &MeasureAssessment) -> Result<Item, StoreError> {
    let sort_key = keys::measure(assessment.measure, &assessment.reviewer);
    to_document_item(assessment, assessment.version, &[(PK, keys::review(review_id)), (SK, sort_key)])
}
