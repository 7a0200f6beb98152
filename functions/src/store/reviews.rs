//! Review items: the review itself, one item per assessed measure, and an audit entry for every
//! change, all in the review's partition so one Query reads the whole review.

use super::keys::{self, GSI1, GSI1PK, GSI1SK, GSI2PK, GSI2SK, META, PK, SK};
use super::{Item, Store, StoreError, classify, failed_conditions, from_item, now, number, string, to_item};
use aws_sdk_dynamodb::types::{ConditionCheck, Put, TransactWriteItem};
use wgll_shared::assessment::{MeasureAssessment, ValidMeasureAssessment};
use wgll_shared::organisation::Organisation;
use wgll_shared::review::{AuditEntry, Review, ReviewDetail, ReviewStatus, ValidNewReview};

/// What became of a save of one measure's assessment.
#[derive(Debug)]
pub enum SaveMeasureOutcome {
    Saved(MeasureAssessment),
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
        let at = now();
        let review = Review {
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
            updated_at: at.clone(),
        };
        let (id, ods, period) = (&review.id, review.organisation.as_str(), review.period.as_str());
        let item = to_item(
            &review,
            &[
                (PK, keys::review(id)),
                (SK, META.to_owned()),
                (GSI1PK, keys::organisation(ods)),
                (GSI1SK, keys::review_by_period(period, id)),
                (GSI2PK, keys::ics_reviews(review.ics_code.as_str(), period)),
                (GSI2SK, keys::review_in_ics(ods, id)),
            ],
        )?;
        let summary = format!(
            "Started a {} of {} for {}",
            review.kind.label().to_lowercase(),
            review.organisation_name,
            review.period
        );
        let audit = self.audit_put(id, &at, actor, "review-created", summary)?;
        let put = Put::builder()
            .table_name(&self.table)
            .set_item(Some(item))
            .condition_expression("attribute_not_exists(PK)")
            .build()
            .map_err(|error| StoreError::Other(error.to_string()))?;
        self.client
            .transact_write_items()
            .transact_items(TransactWriteItem::builder().put(put).build())
            .transact_items(audit)
            .send()
            .await
            .map_err(classify)?;
        Ok(review)
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
        let items: Vec<Item> = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("PK = :pk AND SK BETWEEN :first AND :last")
            .expression_attribute_values(":pk", string(keys::review(id)))
            .expression_attribute_values(":first", string(keys::MEASURE_PREFIX))
            .expression_attribute_values(":last", string(META))
            .consistent_read(true)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await
            .map_err(classify)?;
        let mut review = None;
        let mut measures = Vec::new();
        for item in items {
            let sort_key = item.get(SK).and_then(|value| value.as_s().ok()).cloned().unwrap_or_default();
            if sort_key == META {
                review = Some(from_item::<Review>(item)?);
            } else {
                measures.push(from_item::<MeasureAssessment>(item)?);
            }
        }
        measures.sort_by(|a, b| (a.measure, &a.reviewer).cmp(&(b.measure, &b.reviewer)));
        Ok(review.map(|review| ReviewDetail { review, measures }))
    }

    /// An organisation's reviews, newest period first: one Query on GSI1.
    pub async fn list_reviews_for_organisation(&self, ods: &str) -> Result<Vec<Review>, StoreError> {
        let items: Vec<Item> = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(GSI1)
            .key_condition_expression("#pk = :pk AND begins_with(#sk, :review)")
            .expression_attribute_names("#pk", GSI1PK)
            .expression_attribute_names("#sk", GSI1SK)
            .expression_attribute_values(":pk", string(keys::organisation(ods)))
            .expression_attribute_values(":review", string("REVIEW#"))
            .scan_index_forward(false)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await
            .map_err(classify)?;
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
        let item =
            to_item(&saved, &[(PK, keys::review(&review.id)), (SK, keys::measure(measure, reviewer))])?;
        let mut put = Put::builder().table_name(&self.table).set_item(Some(item));
        put = if assessment.expected_version == 0 {
            put.condition_expression("attribute_not_exists(PK)")
        } else {
            put.condition_expression("version = :expected")
                .expression_attribute_values(":expected", number(assessment.expected_version))
        };
        let put = put.build().map_err(|error| StoreError::Other(error.to_string()))?;
        let still_editable = ConditionCheck::builder()
            .table_name(&self.table)
            .key(PK, string(keys::review(&review.id)))
            .key(SK, string(META))
            .condition_expression("attribute_exists(PK) AND #status <> :published")
            .expression_attribute_names("#status", "status")
            .expression_attribute_values(":published", string("published"))
            .build()
            .map_err(|error| StoreError::Other(error.to_string()))?;
        let level = saved.level.map_or_else(|| "no level".to_owned(), |level| format!("level {level}"));
        let summary = format!(
            "Saved measure {measure} as version {} ({level}, {} characters of evidence)",
            saved.version,
            saved.evidence.chars().count()
        );
        let audit = self.audit_put(&review.id, &at, actor, "measure-saved", summary)?;
        let result = self
            .client
            .transact_write_items()
            .transact_items(TransactWriteItem::builder().condition_check(still_editable).build())
            .transact_items(TransactWriteItem::builder().put(put).build())
            .transact_items(audit)
            .send()
            .await;
        match result {
            Ok(_) => Ok(SaveMeasureOutcome::Saved(saved)),
            Err(error) => match failed_conditions(&error).as_deref() {
                Some([true, ..]) => Ok(SaveMeasureOutcome::ReviewNotEditable),
                Some([false, true, ..]) => Ok(SaveMeasureOutcome::StaleVersion),
                _ => Err(classify(error)),
            },
        }
    }

    /// Every change to a review, oldest first: one Query on the review's partition.
    pub async fn list_audit(&self, review_id: &str) -> Result<Vec<AuditEntry>, StoreError> {
        let items: Vec<Item> = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("PK = :pk AND begins_with(SK, :audit)")
            .expression_attribute_values(":pk", string(keys::review(review_id)))
            .expression_attribute_values(":audit", string(keys::AUDIT_PREFIX))
            .consistent_read(true)
            .into_paginator()
            .items()
            .send()
            .collect::<Result<Vec<_>, _>>()
            .await
            .map_err(classify)?;
        items.into_iter().map(from_item).collect()
    }

    /// The audit entry for a change, as one item of the change's transaction.
    fn audit_put(
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
