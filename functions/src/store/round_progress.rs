//! What a round's progress page knows of each review (`wgll_shared::round_progress`): an item
//! beside the review, `REVIEW#<id>`/`PROGRESS`, changed by an UpdateItem in the transaction of
//! every save of a measure and every change of the review. It holds the review's summary (a JSON
//! `body`, rewritten at each change, so a review from before the item existed gets it at its next
//! change) and three string sets: the measures `started`, the `<measure>#<reviewer>` pairs
//! `completed`, the measures saved `late`. Sets, so that two reviewers saving at once both land
//! (each ADD or DELETE touches only its own element). The country's progress in a year is one
//! Query on GSI1, a region's the same Query from its prefix, an ICS's one Query on GSI2.

use super::keys::{self, GSI1, GSI1PK, GSI1SK, GSI2, GSI2PK, GSI2SK, PK, SK};
use super::{Item, Store, StoreError, all_items, document_body, from_document_body, string};
use aws_sdk_dynamodb::types::{AttributeValue, TransactWriteItem, Update};
use std::collections::BTreeSet;
use wgll_shared::email::Email;
use wgll_shared::period::Period;
use wgll_shared::regions::Region;
use wgll_shared::review::Review;
use wgll_shared::round_progress::{ProgressScope, ProgressSummary, ReviewProgress};
use wgll_shared::scoring::MeasureProgress;

/// One reviewer's assessment of one measure, as the progress item records it.
#[derive(Debug, Clone, PartialEq)]
pub struct MeasureMark {
    pub measure: u8,
    pub reviewer: Email,
    pub progress: MeasureProgress,
    pub late: bool,
}

const STARTED: &str = "started";
const COMPLETED: &str = "completed";
const LATE: &str = "late";
const BODY: &str = "body";

fn completed_element(measure: u8, reviewer: &Email) -> String {
    format!("{measure}#{reviewer}")
}

/// A string set of `values` (DynamoDB refuses an empty set, and one given twice the same value:
/// two reviewers' marks of one measure are one `started` element).
fn string_set(values: impl IntoIterator<Item = String>) -> Option<AttributeValue> {
    let values: BTreeSet<String> = values.into_iter().collect();
    (!values.is_empty()).then(|| AttributeValue::Ss(values.into_iter().collect()))
}

/// A progress item's index keys: by region and ICS in the year's round (GSI1), and in its ICS's
/// (GSI2).
fn index_keys(review: &Review) -> [(&'static str, String); 4] {
    let (id, ods, ics, period) =
        (&review.id, review.organisation.as_str(), review.ics_code.as_str(), review.period.as_str());
    [
        (GSI1PK, keys::round_progress(period)),
        (GSI1SK, keys::progress_in_round(review.region.map(Region::code), ics, ods, id)),
        (GSI2PK, keys::ics_round_progress(period, ics)),
        (GSI2SK, keys::progress_in_ics(ods, id)),
    ]
}

/// A whole progress item, for the synthetic data's published reviews (every measure started).
pub(crate) fn published_item(review: &Review, measures: u8) -> Result<Item, StoreError> {
    let mut item = Item::from([
        (PK.to_owned(), string(keys::review(&review.id))),
        (SK.to_owned(), string(keys::REVIEW_PROGRESS)),
        (BODY.to_owned(), document_body(&ProgressSummary::of(review))?),
        (STARTED.to_owned(), AttributeValue::Ss((1..=measures).map(|measure| measure.to_string()).collect())),
    ]);
    for (name, key) in index_keys(review) {
        item.insert(name.to_owned(), string(key));
    }
    Ok(item)
}

impl Store {
    /// The write that brings a review's progress item up to `review`, with `marks` (the
    /// assessments just saved) added. A completed assessment is added to `completed`; one no
    /// longer complete is taken out, when it is the only mark (a save marks one measure; an
    /// import starts the item afresh, with nothing in it to take out).
    pub(crate) fn progress_write(
        &self,
        review: &Review,
        marks: &[MeasureMark],
    ) -> Result<TransactWriteItem, StoreError> {
        let mut update = Update::builder()
            .table_name(&self.table)
            .key(PK, string(keys::review(&review.id)))
            .key(SK, string(keys::REVIEW_PROGRESS))
            .expression_attribute_names("#body", BODY)
            .expression_attribute_values(":body", document_body(&ProgressSummary::of(review))?);
        let mut set = vec!["#body = :body".to_owned()];
        for (index, (name, key)) in index_keys(review).into_iter().enumerate() {
            set.push(format!("#key{index} = :key{index}"));
            update = update
                .expression_attribute_names(format!("#key{index}"), name)
                .expression_attribute_values(format!(":key{index}"), string(key));
        }
        let started = string_set(
            marks
                .iter()
                .filter(|mark| mark.progress != MeasureProgress::NotStarted)
                .map(|mark| mark.measure.to_string()),
        );
        let late = string_set(marks.iter().filter(|mark| mark.late).map(|mark| mark.measure.to_string()));
        let completed = string_set(
            marks
                .iter()
                .filter(|mark| mark.progress == MeasureProgress::Completed)
                .map(|mark| completed_element(mark.measure, &mark.reviewer)),
        );
        let undone = match marks {
            [mark] if mark.progress != MeasureProgress::Completed => {
                string_set([completed_element(mark.measure, &mark.reviewer)])
            }
            _ => None,
        };
        let mut add = Vec::new();
        for (attribute, value) in [(STARTED, started), (LATE, late), (COMPLETED, completed)] {
            if let Some(value) = value {
                add.push(format!("#{attribute} :{attribute}"));
                update = update
                    .expression_attribute_names(format!("#{attribute}"), attribute)
                    .expression_attribute_values(format!(":{attribute}"), value);
            }
        }
        let mut expression = format!("SET {}", set.join(", "));
        if !add.is_empty() {
            expression.push_str(&format!(" ADD {}", add.join(", ")));
        }
        if let Some(undone) = undone {
            expression.push_str(&format!(" DELETE #{COMPLETED} :undone"));
            update = update
                .expression_attribute_names(format!("#{COMPLETED}"), COMPLETED)
                .expression_attribute_values(":undone", undone);
        }
        let update = update
            .update_expression(expression)
            .build()
            .map_err(|error| StoreError::Other(error.to_string()))?;
        Ok(TransactWriteItem::builder().update(update).build())
    }

    /// Every review's progress in `period`'s round within `scope`: one Query.
    pub async fn list_round_progress(
        &self,
        period: &Period,
        scope: &ProgressScope,
    ) -> Result<Vec<ReviewProgress>, StoreError> {
        let period = period.as_str();
        let query = self.client.query().table_name(&self.table);
        let query = match scope {
            ProgressScope::Ics(ics) => query
                .index_name(GSI2)
                .key_condition_expression("#pk = :pk")
                .expression_attribute_names("#pk", GSI2PK)
                .expression_attribute_values(":pk", string(keys::ics_round_progress(period, ics.as_str()))),
            ProgressScope::Region(region) => query
                .index_name(GSI1)
                .key_condition_expression("#pk = :pk AND begins_with(#sk, :prefix)")
                .expression_attribute_names("#pk", GSI1PK)
                .expression_attribute_names("#sk", GSI1SK)
                .expression_attribute_values(":pk", string(keys::round_progress(period)))
                .expression_attribute_values(
                    ":prefix",
                    string(keys::progress_in_region(Some(region.code()))),
                ),
            ProgressScope::Country => query
                .index_name(GSI1)
                .key_condition_expression("#pk = :pk")
                .expression_attribute_names("#pk", GSI1PK)
                .expression_attribute_values(":pk", string(keys::round_progress(period))),
        };
        all_items(query).await?.iter().map(progress_from_item).collect()
    }
}

impl Store {
    /// The progress items of these reviews (a review from before they existed has none):
    /// BatchGetItem, 100 to a request.
    pub async fn get_review_progress(
        &self,
        ids: &[wgll_shared::ids::ReviewId],
    ) -> Result<Vec<ReviewProgress>, StoreError> {
        let wanted = ids.iter().map(|id| (keys::review(id), keys::REVIEW_PROGRESS.to_owned())).collect();
        self.batch_get(wanted).await?.iter().map(progress_from_item).collect()
    }
}

fn progress_from_item(item: &Item) -> Result<ReviewProgress, StoreError> {
    let summary: ProgressSummary = match item.get(BODY) {
        Some(body) => from_document_body(body)?,
        None => return Err(StoreError::Corrupt("a progress item has no body".to_owned())),
    };
    let set = |attribute: &str| -> Vec<String> {
        item.get(attribute).and_then(|value| value.as_ss().ok()).cloned().unwrap_or_default()
    };
    let corrupt = |what: &str| StoreError::Corrupt(format!("a progress item's {what} is malformed"));
    let measures = |attribute: &str| -> Result<BTreeSet<u8>, StoreError> {
        set(attribute).iter().map(|measure| measure.parse().map_err(|_| corrupt(attribute))).collect()
    };
    let completed = set(COMPLETED)
        .iter()
        .map(|element| {
            let (measure, reviewer) = element.split_once('#').ok_or_else(|| corrupt(COMPLETED))?;
            let measure: u8 = measure.parse().map_err(|_| corrupt(COMPLETED))?;
            Ok((measure, Email::parse(reviewer).map_err(|_| corrupt(COMPLETED))?))
        })
        .collect::<Result<_, StoreError>>()?;
    Ok(ReviewProgress { summary, started: measures(STARTED)?, completed, late: measures(LATE)? })
}
