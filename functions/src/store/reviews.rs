//! Review items: the review itself, one item per assessed measure, its agreed levels (kept by
//! [`super::agreed_levels`]) and an audit entry for every change, all in the review's partition
//! so one Query reads the whole review.

use super::keys::{self, GSI1, GSI1PK, GSI1SK, GSI2, GSI2PK, GSI2SK, META, PK, SK};
use super::{
    Item, Store, StoreError, all_items, classify, failed_conditions, from_document_item, from_item, now,
    number, string, to_document_item, to_item, versioned_put,
};
use aws_sdk_dynamodb::types::{ConditionCheck, Put, TransactWriteItem, Update};
use wgll_shared::assessment::{AgreedLevel, MeasureAssessment, ValidMeasureAssessment};
use wgll_shared::export::ValidImport;
use wgll_shared::lifecycle::Transition;
use wgll_shared::organisation::Organisation;
use wgll_shared::review::{AuditEntry, Review, ReviewDetail, ReviewStatus, ValidNewReview};

/// What became of a save of one measure's assessment (or agreed level).
#[derive(Debug)]
pub enum SaveMeasureOutcome<T = MeasureAssessment> {
    Saved(T),
    /// Someone saved this measure since the reviewer loaded it; nothing was written.
    StaleVersion,
    /// The review was published (or removed) meanwhile; nothing was written.
    ReviewNotEditable,
}

impl Store {
    /// Starts a review of `organisation`, with its audit entry in the same transaction.
    pub async fn create_review(
        &self,
        organisation: &Organisation,
        new: ValidNewReview,
        actor: &str,
    ) -> Result<Review, StoreError> {
        let review = new_review(organisation, new);
        let summary = format!(
            "Started a {} of {} for {}",
            review.kind.label().to_lowercase(),
            review.organisation_name,
            review.period
        );
        let audit = self.audit_put(&review.id, &review.created_at, actor, "review-created", summary)?;
        self.client
            .transact_write_items()
            .transact_items(TransactWriteItem::builder().put(self.review_put(&review)?).build())
            .transact_items(audit)
            .send()
            .await
            .map_err(classify)?;
        Ok(review)
    }

    /// Creates a draft review from another instance's export, with every assessment and agreed
    /// level, in one transaction: all of it lands, or none. `importer` (an email address) is
    /// recorded as having agreed the imported levels here; who the file says agreed them is kept
    /// beside, as the file's claim.
    pub async fn import_review(
        &self,
        organisation: &Organisation,
        import: ValidImport,
        actor: &str,
        importer: &str,
    ) -> Result<Review, StoreError> {
        let review = new_review(organisation, import.new_review);
        let at = review.created_at.clone();
        let mut items = vec![TransactWriteItem::builder().put(self.review_put(&review)?).build()];
        for (measure, reviewer, assessment) in import.measures {
            let saved = MeasureAssessment {
                measure,
                reviewer: reviewer.clone(),
                statements: assessment.statements,
                level: assessment.level,
                evidence: assessment.evidence,
                rationale: assessment.rationale,
                strengths: assessment.strengths,
                gaps: assessment.gaps,
                recommendations: assessment.recommendations,
                version: 1,
                updated_at: at.clone(),
            };
            let item = assessment_item(&review.id, &saved)?;
            items.push(TransactWriteItem::builder().put(versioned_put(&self.table, item, 0)?).build());
        }
        let agreed: Vec<AgreedLevel> = import
            .agreed
            .into_iter()
            .map(|(measure, level, note, claimed_by)| AgreedLevel {
                measure,
                level,
                note,
                agreed_by: importer.to_owned(),
                agreed_by_according_to_file: claimed_by,
                version: 1,
                updated_at: at.clone(),
            })
            .collect();
        if !agreed.is_empty() {
            let item = super::agreed_levels::item(&review.id, &agreed)?;
            items.push(TransactWriteItem::builder().put(versioned_put(&self.table, item, 0)?).build());
        }
        let summary = format!("Imported from {} exported by another instance", import.origin);
        items.push(self.audit_put(&review.id, &at, actor, "review-imported", summary)?);
        self.client.transact_write_items().set_transact_items(Some(items)).send().await.map_err(classify)?;
        Ok(review)
    }

    /// The put that creates a review's main item, with its index keys.
    fn review_put(&self, review: &Review) -> Result<Put, StoreError> {
        versioned_put(&self.table, review_item(review)?, 0)
    }

    pub async fn get_review(&self, id: &str) -> Result<Option<Review>, StoreError> {
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
    pub async fn get_review_detail(&self, id: &str) -> Result<Option<ReviewDetail>, StoreError> {
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
        Ok(review.map(|review| ReviewDetail { review, measures, agreed }))
    }

    /// An organisation's reviews, newest period first: one Query on GSI1.
    pub async fn list_reviews_for_organisation(&self, ods: &str) -> Result<Vec<Review>, StoreError> {
        self.query_organisation_reviews(ods, keys::REVIEWS_BY_PERIOD_PREFIX.to_owned()).await
    }

    /// An organisation's reviews for one period: one Query on GSI1.
    pub async fn list_reviews_for_period(&self, ods: &str, period: &str) -> Result<Vec<Review>, StoreError> {
        self.query_organisation_reviews(ods, keys::reviews_in_period(period)).await
    }

    /// The reviews of an ICS and its member organisations for one period: one Query on GSI2.
    pub async fn list_reviews_for_ics(&self, ics: &str, period: &str) -> Result<Vec<Review>, StoreError> {
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

    /// Saves `reviewer`'s assessment of one measure if it was not saved elsewhere since
    /// `expected_version` and the review is still editable; the change and its audit entry land
    /// together or not at all.
    pub async fn save_measure(
        &self,
        review: &Review,
        measure: u8,
        reviewer: &str,
        assessment: ValidMeasureAssessment,
        actor: &str,
    ) -> Result<SaveMeasureOutcome, StoreError> {
        let at = now();
        let saved = MeasureAssessment {
            measure,
            reviewer: reviewer.to_owned(),
            statements: assessment.statements,
            level: assessment.level,
            evidence: assessment.evidence,
            rationale: assessment.rationale,
            strengths: assessment.strengths,
            gaps: assessment.gaps,
            recommendations: assessment.recommendations,
            version: assessment.expected_version + 1,
            updated_at: at.clone(),
        };
        let item = assessment_item(&review.id, &saved)?;
        let put = versioned_put(&self.table, item, assessment.expected_version)?;
        let still_editable = self.status_check(review, "draft")?;
        let level = saved.level.map_or_else(|| "no level".to_owned(), |level| format!("level {level}"));
        let summary = format!(
            "Saved measure {measure} as version {} ({level}, {} characters of evidence)",
            saved.version,
            saved.evidence.chars().count()
        );
        let audit = self.audit_put(&review.id, &at, actor, "measure-saved", summary)?;
        let put = TransactWriteItem::builder().put(put).build();
        self.guarded_save(still_editable, vec![put], audit, saved).await
    }

    /// The key of the item `sort_key` in a review's partition.
    pub(super) fn review_item_key(&self, review_id: &str, sort_key: String) -> Item {
        Item::from([(PK.to_owned(), string(keys::review(review_id))), (SK.to_owned(), string(sort_key))])
    }

    /// One transaction: the review is in the right status, the record's conditional writes, its
    /// audit entry. Tells which condition failed, so the caller can say whether the review or the
    /// record moved on.
    pub(super) async fn guarded_save<T>(
        &self,
        review_status: ConditionCheck,
        writes: Vec<TransactWriteItem>,
        audit: TransactWriteItem,
        saved: T,
    ) -> Result<SaveMeasureOutcome<T>, StoreError> {
        let mut items = vec![TransactWriteItem::builder().condition_check(review_status).build()];
        items.extend(writes);
        items.push(audit);
        let result = self.client.transact_write_items().set_transact_items(Some(items)).send().await;
        match result {
            Ok(_) => Ok(SaveMeasureOutcome::Saved(saved)),
            Err(error) => match failed_conditions(&error).as_deref() {
                Some([true, ..]) => Ok(SaveMeasureOutcome::ReviewNotEditable),
                Some([false, writes @ ..]) if writes.contains(&true) => Ok(SaveMeasureOutcome::StaleVersion),
                _ => Err(classify(error)),
            },
        }
    }

    /// Moves a review along its lifecycle if it is still at the version and status the person saw;
    /// the change and its audit entry land together.
    pub async fn change_status(
        &self,
        review: &Review,
        transition: Transition,
        reason: &str,
        actor: &str,
        outcome: super::outcomes::OutcomeChange,
    ) -> Result<Option<Review>, StoreError> {
        let at = now();
        let update = Update::builder()
            .table_name(&self.table)
            .key(PK, string(keys::review(&review.id)))
            .key(SK, string(META))
            .update_expression("SET #status = :to, version = :next, updatedAt = :at")
            .condition_expression("version = :seen AND #status = :from")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":to", string(transition.to_status().code()))
            .expression_attribute_values(":from", string(transition.from_status().code()))
            .expression_attribute_values(":seen", number(review.version))
            .expression_attribute_values(":next", number(review.version + 1))
            .expression_attribute_values(":at", string(at.clone()))
            .build()
            .map_err(|error| StoreError::Other(error.to_string()))?;
        let mut summary = format!(
            "{}: {} → {}",
            transition.label(),
            transition.from_status().label(),
            transition.to_status().label()
        );
        if !reason.is_empty() {
            summary.push_str(&format!(". Reason: {reason}"));
        }
        let audit = self.audit_put(&review.id, &at, actor, "status-changed", summary)?;
        // Publishing records the outcome, reopening removes it: in the same transaction, so the
        // dashboards never count a review that is not published.
        let mut items = vec![TransactWriteItem::builder().update(update).build(), audit];
        items.extend(self.outcome_write(&outcome)?);
        let result = self.client.transact_write_items().set_transact_items(Some(items)).send().await;
        match result {
            Ok(_) => Ok(Some(Review {
                status: transition.to_status(),
                version: review.version + 1,
                updated_at: at,
                ..review.clone()
            })),
            Err(error)
                if failed_conditions(&error)
                    .as_deref()
                    .is_some_and(|failed| failed.first() == Some(&true)) =>
            {
                Ok(None)
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
    pub async fn list_audit(&self, review_id: &str) -> Result<Vec<AuditEntry>, StoreError> {
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
    pub(super) fn audit_put(
        &self,
        review_id: &str,
        at: &str,
        actor: &str,
        action: &str,
        summary: String,
    ) -> Result<TransactWriteItem, StoreError> {
        let entry = AuditEntry {
            review_id: review_id.to_owned(),
            at: at.to_owned(),
            actor: actor.to_owned(),
            action: action.to_owned(),
            summary,
        };
        let unique = uuid::Uuid::new_v4().to_string();
        let item = to_item(&entry, &[(PK, keys::review(review_id)), (SK, keys::audit(at, &unique))])?;
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
fn assessment_item(review_id: &str, assessment: &MeasureAssessment) -> Result<Item, StoreError> {
    let sort_key = keys::measure(assessment.measure, &assessment.reviewer);
    to_document_item(assessment, assessment.version, &[(PK, keys::review(review_id)), (SK, sort_key)])
}

/// A new draft review of `organisation`.
fn new_review(organisation: &Organisation, new: ValidNewReview) -> Review {
    let at = now();
    Review {
        id: uuid::Uuid::new_v4().to_string(),
        organisation: organisation.ods_code.clone(),
        organisation_name: organisation.name.clone(),
        ics_code: organisation.ics().clone(),
        variant: organisation.kind.variant(),
        period: new.period,
        framework_id: new.framework_id,
        kind: new.kind,
        status: ReviewStatus::Draft,
        reviewers: new.reviewers,
        version: 1,
        created_at: at.clone(),
        updated_at: at,
    }
}
