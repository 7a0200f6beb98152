//! Bids (`wgll_shared::bids`): each in its applicant's partition (`BID#<id>`, so one Query lists
//! an organisation's), listed by year and status on GSI1 for the review board, written over the
//! version read with its history entry (`BIDLOG#…`, the whole bid as saved) in one transaction.
//! Once submitted a bid is also on its year's board (GSI2, by the month it was submitted in). A
//! decision adds what it approves to each fund's running total (`APPROVED#<fund>`, beside the
//! fund), in the same transaction, on condition that the total stays within the fund and the fund
//! is as it was read: a fund never approves more than it holds, however many decide at once.

use super::keys::{self, GSI1PK, GSI1SK, GSI2, GSI2PK, GSI2SK, PK, SK};
use super::{
    Item, Refusal, Store, StoreError, all_items, classify, failed_conditions, from_document_item, number,
    string, to_document_item, versioned_put,
};
use aws_sdk_dynamodb::types::AttributeValue;
use aws_sdk_dynamodb::types::{ConditionCheck, Put, TransactWriteItem, Update};
use wgll_shared::bids::{Bid, BidLine, BidStatus};
use wgll_shared::funding::{Fund, FundId, Pence};
use wgll_shared::ids::BidId;
use wgll_shared::organisation::OdsCode;
use wgll_shared::period::Period;
use wgll_shared::review_board::Approved;

fn status_code(status: BidStatus) -> &'static str {
    match status {
        BidStatus::Draft => "draft",
        BidStatus::Submitted => "submitted",
        BidStatus::Approved => "approved",
        BidStatus::PartlyApproved => "partly-approved",
        BidStatus::Declined => "declined",
    }
}

/// The month a bid came to the board: `2025-11`.
pub fn board_month(bid: &Bid) -> Option<String> {
    bid.submitted_at.as_ref().and_then(|at| at.to_string().get(..7).map(str::to_owned))
}

pub(crate) fn bid_item(bid: &Bid) -> Result<Item, StoreError> {
    let mut keys = vec![
        (PK, keys::organisation(bid.ods_code.as_str())),
        (SK, keys::bid(&bid.id)),
        (GSI1PK, keys::bids_in_period(bid.period.as_str())),
        (GSI1SK, keys::bid_by_status(status_code(bid.status), &bid.id)),
    ];
    if let Some(month) = board_month(bid) {
        keys.push((GSI2PK, keys::board(bid.period.as_str())));
        keys.push((GSI2SK, keys::bid_on_board(&month, &bid.id)));
    }
    to_document_item(bid, bid.version, &keys)
}

/// A bid's history entry: the whole bid as saved at this version.
fn bid_log_item(bid: &Bid) -> Result<Item, StoreError> {
    let unique = uuid::Uuid::new_v4().to_string();
    to_document_item(
        bid,
        bid.version,
        &[
            (PK, keys::organisation(bid.ods_code.as_str())),
            (SK, keys::bid_log(&bid.id, &bid.updated_at, &unique)),
        ],
    )
}

/// A fund's running total of approvals, as the synthetic data writes it in bulk.
pub(crate) fn fund_approvals_item(period: &Period, fund: &FundId, approved: Approved) -> Item {
    Item::from([
        (PK.to_owned(), string(keys::funding_year(period.as_str()))),
        (SK.to_owned(), string(keys::fund_approvals(fund.as_str()))),
        ("capital".to_owned(), number(approved.capital.get())),
        ("revenue".to_owned(), number(approved.revenue.get())),
    ])
}

/// One fund's part of a decision: what it gives, and the fund as read.
pub struct FundDraw<'a> {
    pub fund: &'a Fund,
    pub fund_version: u64,
    pub line: &'a BidLine,
}

impl Store {
    pub async fn get_bid(&self, ods: &OdsCode, id: &BidId) -> Result<Option<Bid>, StoreError> {
        let output = self
            .client
            .get_item()
            .table_name(&self.table)
            .key(PK, string(keys::organisation(ods.as_str())))
            .key(SK, string(keys::bid(id)))
            .consistent_read(true)
            .send()
            .await
            .map_err(classify)?;
        output.item.as_ref().map(from_document_item).transpose()
    }

    /// Saves `bid` (its version the one after the version read: 1 for a new bid) with its
    /// history entry; `Refused(Stale)` when it was saved in between.
    pub async fn save_bid(&self, bid: &Bid) -> Result<(), StoreError> {
        let put = TransactWriteItem::builder()
            .put(versioned_put(&self.table, bid_item(bid)?, bid.version)?)
            .build();
        self.write_with_entry(put, bid_log_item(bid)?, Refusal::Stale).await
    }

    /// An organisation's bids, every year's: one Query.
    pub async fn list_bids(&self, ods: &OdsCode) -> Result<Vec<Bid>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .key_condition_expression("PK = :pk AND begins_with(SK, :bid)")
            .expression_attribute_values(":pk", string(keys::organisation(ods.as_str())))
            .expression_attribute_values(":bid", string(keys::BID_PREFIX));
        all_items(query).await?.iter().map(from_document_item).collect()
    }

    /// The year's bids before the board (submitted or decided): one Query.
    pub async fn list_board(&self, period: &Period) -> Result<Vec<Bid>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .index_name(GSI2)
            .key_condition_expression("GSI2PK = :pk")
            .expression_attribute_values(":pk", string(keys::board(period.as_str())));
        all_items(query).await?.iter().map(from_document_item).collect()
    }

    /// What the board has approved from each of the year's funds so far: one Query.
    pub async fn list_fund_approvals(&self, period: &Period) -> Result<Vec<(FundId, Approved)>, StoreError> {
        let query = self
            .client
            .query()
            .table_name(&self.table)
            .consistent_read(true)
            .key_condition_expression("PK = :pk AND begins_with(SK, :approved)")
            .expression_attribute_values(":pk", string(keys::funding_year(period.as_str())))
            .expression_attribute_values(":approved", string(keys::FUND_APPROVALS_PREFIX));
        let pence = |item: &Item, name: &str| -> Result<Pence, StoreError> {
            match item.get(name) {
                None => Ok(Pence::ZERO),
                Some(AttributeValue::N(value)) => value
                    .parse()
                    .map(Pence::new)
                    .map_err(|_| StoreError::Corrupt(format!("a fund's approved {name} is not whole pence"))),
                Some(_) => Err(StoreError::Corrupt(format!("a fund's approved {name} is not a number"))),
            }
        };
        let mut approvals = Vec::new();
        for item in all_items(query).await? {
            let Some(AttributeValue::S(key)) = item.get(SK) else { continue };
            let id = key.strip_prefix(keys::FUND_APPROVALS_PREFIX).unwrap_or_default();
            let fund = FundId::parse(id).map_err(StoreError::Corrupt)?;
            approvals.push((
                fund,
                Approved { capital: pence(&item, "capital")?, revenue: pence(&item, "revenue")? },
            ));
        }
        Ok(approvals)
    }

    /// Records the board's decision on `bid` (its version the one after the version read) with
    /// its history entry, and adds each fund's part to what the fund has approved, all in one
    /// transaction. `Refused(Stale)` when the bid or a fund changed since they were read;
    /// `Refused(Closed)` when a fund's approvals would exceed what it holds. Either way nothing
    /// is written.
    pub async fn decide_bid(&self, bid: &Bid, draws: &[FundDraw<'_>]) -> Result<(), StoreError> {
        let entry = bid_log_item(bid)?;
        let build = |error: aws_sdk_dynamodb::error::BuildError| StoreError::Other(error.to_string());
        let mut items = vec![
            TransactWriteItem::builder()
                .put(versioned_put(&self.table, bid_item(bid)?, bid.version)?)
                .build(),
            TransactWriteItem::builder()
                .put(Put::builder().table_name(&self.table).set_item(Some(entry)).build().map_err(build)?)
                .build(),
        ];
        // Each fund: its running total grows only while it stays within the fund (the bound is
        // what the fund holds less this draw, so no addition can pass it), and the fund itself is
        // as read, so a fund made smaller meanwhile cannot be over-approved either.
        for draw in draws {
            let year = keys::funding_year(draw.fund.period().as_str());
            let (Some(capital_max), Some(revenue_max)) = (
                draw.fund.capital().checked_sub(draw.line.capital),
                draw.fund.revenue().checked_sub(draw.line.revenue),
            ) else {
                return Err(StoreError::Refused(Refusal::Closed));
            };
            let update = Update::builder()
                .table_name(&self.table)
                .key(PK, string(year.clone()))
                .key(SK, string(keys::fund_approvals(draw.fund.id().as_str())))
                .update_expression("ADD capital :capital, revenue :revenue")
                .condition_expression(
                    "(attribute_not_exists(capital) OR capital <= :capitalMax) AND (attribute_not_exists(revenue) OR revenue <= :revenueMax)",
                )
                .expression_attribute_values(":capital", number(draw.line.capital.get()))
                .expression_attribute_values(":revenue", number(draw.line.revenue.get()))
                .expression_attribute_values(":capitalMax", number(capital_max.get()))
                .expression_attribute_values(":revenueMax", number(revenue_max.get()))
                .build()
                .map_err(build)?;
            let fund_as_read = ConditionCheck::builder()
                .table_name(&self.table)
                .key(PK, string(year))
                .key(SK, string(keys::fund(draw.fund.id().as_str())))
                .condition_expression("version = :version")
                .expression_attribute_values(":version", number(draw.fund_version))
                .build()
                .map_err(build)?;
            items.push(TransactWriteItem::builder().update(update).build());
            items.push(TransactWriteItem::builder().condition_check(fund_as_read).build());
        }
        let sent = self.client.transact_write_items().set_transact_items(Some(items)).send().await;
        match sent {
            Ok(_) => Ok(()),
            Err(error) => match failed_conditions(&error) {
                Some(failed) => {
                    let over = failed.iter().skip(2).step_by(2).any(|failed| *failed);
                    let stale = failed.first() == Some(&true)
                        || failed.iter().skip(3).step_by(2).any(|failed| *failed);
                    match (over, stale) {
                        (true, false) => Err(StoreError::Refused(Refusal::Closed)),
                        (_, true) => Err(StoreError::Refused(Refusal::Stale)),
                        _ => Err(classify(error)),
                    }
                }
                None => Err(classify(error)),
            },
        }
    }
}
