//! Outcome items: the read model behind the ICS dashboard, trends, benchmarks and levelling up.
//! One per organisation and period, written in the same transaction that publishes a peer review
//! (see [`Store::change_status`]) and removed in the one that reopens it, so the figures never
//! disagree with the reviews.

use super::keys::{self, GSI1, GSI1PK, GSI1SK, GSI2, GSI2PK, GSI2SK, PK, SK};
use super::{Item, Store, StoreError, all_items, classify, from_item, string, to_item};
use aws_sdk_dynamodb::types::{Delete, Put, TransactWriteItem};
use wgll_shared::organisation::{OdsCode, OrganisationKind};
use wgll_shared::outcomes::Outcome;
use wgll_shared::period::Period;

/// What publishing or reopening a review does to the outcomes.
#[derive(Debug, Clone)]
pub enum OutcomeChange {
    None,
    /// Record (or replace) the organisation's outcome for the period.
    Record(Box<Outcome>),
    /// Remove the organisation's outcome for the period.
    Remove {
        ods: OdsCode,
        period: Period,
    },
}

pub(crate) fn outcome_item(outcome: &Outcome) -> Result<Item, StoreError> {
    let ods = outcome.ods_code.as_str();
    let period = outcome.period.as_str();
    to_item(
        outcome,
        &[
            (PK, keys::organisation(ods)),
            (SK, keys::outcome(period)),
            (GSI1PK, keys::ics_outcomes(outcome.ics_code.as_str())),
            (GSI1SK, keys::outcome_in_ics(period, ods)),
            (GSI2PK, keys::peer_outcomes(outcome.kind.code(), period)),
            (GSI2SK, ods.to_owned()),
        ],
    )
}

impl Store {
    /// The change as an item of a transaction, if it is one.
    pub(crate) fn outcome_write(
        &self,
        change: &OutcomeChange,
    ) -> Result<Option<TransactWriteItem>, StoreError> {
        let other = |error: aws_sdk_dynamodb::error::BuildError| StoreError::Other(error.to_string());
        Ok(match change {
            OutcomeChange::None => None,
            OutcomeChange::Record(outcome) => {
                let put = Put::builder()
                    .table_name(&self.table)
                    .set_item(Some(outcome_item(outcome)?))
                    .build()
                    .map_err(other)?;
                Some(TransactWriteItem::builder().put(put).build())
            }
            OutcomeChange::Remove { ods, period } => {
                let delete = Delete::builder()
                    .table_name(&self.table)
                    .key(PK, string(keys::organisation(ods.as_str())))
                    .key(SK, string(keys::outcome(period.as_str())))
                    .build()
                    .map_err(other)?;
                Some(TransactWriteItem::builder().delete(delete).build())
            }
        })
    }

    pub async fn get_outcome(&self, ods: &OdsCode, period: &Period) -> Result<Option<Outcome>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, string(keys::organisation(ods.as_str())))
            .key(SK, string(keys::outcome(period.as_str())))
            .send()
            .await
            .map_err(classify)?;
        output.item.map(from_item).transpose()
    }

    /// An ICS's outcomes (its own and its members'), for one period or all: one Query on GSI1.
    pub async fn list_ics_outcomes(
        &self,
        ics: &OdsCode,
        period: Option<&Period>,
    ) -> Result<Vec<Outcome>, StoreError> {
        let mut query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(GSI1)
            .expression_attribute_values(":pk", string(keys::ics_outcomes(ics.as_str())));
        query = match period {
            None => query.key_condition_expression("GSI1PK = :pk"),
            Some(period) => query
                .key_condition_expression("GSI1PK = :pk AND begins_with(GSI1SK, :period)")
                .expression_attribute_values(":period", string(keys::outcomes_in_period(period.as_str()))),
        };
        all_items(query).await?.into_iter().map(from_item).collect()
    }

    /// One organisation's outcomes across periods: one Query.
    pub async fn list_organisation_outcomes(&self, ods: &OdsCode) -> Result<Vec<Outcome>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("PK = :pk AND begins_with(SK, :outcome)")
            .expression_attribute_values(":pk", string(keys::organisation(ods.as_str())))
            .expression_attribute_values(":outcome", string(keys::OUTCOME_PREFIX));
        all_items(query).await?.into_iter().map(from_item).collect()
    }

    /// Every outcome of one kind of organisation in a period, across all ICSs: one Query on GSI2.
    pub async fn list_peer_outcomes(
        &self,
        kind: OrganisationKind,
        period: &Period,
    ) -> Result<Vec<Outcome>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(GSI2)
            .key_condition_expression("GSI2PK = :pk")
            .expression_attribute_values(":pk", string(keys::peer_outcomes(kind.code(), period.as_str())));
        all_items(query).await?.into_iter().map(from_item).collect()
    }
}
