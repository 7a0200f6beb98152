//! The fairness view: where the board's approvals went, by ICS, by region and by the applicants'
//! maturity when they were decided, so that "fair and equitable" can be checked, not asserted.
//! Only decided bids count; every amount is whole pence and every column adds up to the total.

use crate::bids::{Bid, BidStatus};
use crate::export::csv_row;
use crate::funding::Pence;
use crate::organisation::OdsCode;
use crate::period::Period;
use crate::regions::Region;
use serde::Serialize;

/// One group's decided bids.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct FairnessRow {
    /// An ICS's ODS code, a region's code or a level (`level-2`, `none`).
    pub code: String,
    pub label: String,
    pub decided: u32,
    /// Approved in full or in part.
    pub approved: u32,
    pub declined: u32,
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub asked: Pence,
    #[cfg_attr(feature = "openapi", schema(value_type = u64))]
    pub given: Pence,
    /// Of everything the board gave, this group's share, in basis points (rounded half up).
    pub share_of_given: u32,
    /// Of what this group asked, the part given, in basis points (rounded half up).
    pub given_of_asked: u32,
}

impl FairnessRow {
    fn new(code: String, label: String) -> Self {
        FairnessRow {
            code,
            label,
            decided: 0,
            approved: 0,
            declined: 0,
            asked: Pence::ZERO,
            given: Pence::ZERO,
            share_of_given: 0,
            given_of_asked: 0,
        }
    }

    fn add(&mut self, bid: &Bid) {
        let given = bid.decision.as_ref().map_or(Pence::ZERO, |decision| decision.total_approved());
        self.decided += 1;
        if bid.status == BidStatus::Declined {
            self.declined += 1;
        } else {
            self.approved += 1;
        }
        self.asked = Pence::new(self.asked.get().saturating_add(bid.total().get()));
        self.given = Pence::new(self.given.get().saturating_add(given.get()));
    }
}

/// `part` of `whole` in basis points, rounded half up; 0 of nothing.
fn basis_points(part: Pence, whole: Pence) -> u32 {
    if whole == Pence::ZERO {
        return 0;
    }
    let scaled = u128::from(part.get()) * 10_000;
    let whole = u128::from(whole.get());
    u32::try_from((scaled * 2 + whole) / (whole * 2)).unwrap_or(u32::MAX)
}

/// A year's fairness view.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "camelCase")]
pub struct Fairness {
    pub period: Period,
    /// By ICS, in the order of their names.
    pub by_ics: Vec<FairnessRow>,
    /// By NHS England region, in the regions' order; bids whose ICS has no region last.
    pub by_region: Vec<FairnessRow>,
    /// By the applicant's maturity when decided: level 1 to 5, then no published review.
    pub by_maturity: Vec<FairnessRow>,
    pub total: FairnessRow,
}

fn group<K: Ord + Clone>(
    bids: &[&Bid],
    key: impl Fn(&Bid) -> K,
    named: impl Fn(&K) -> (String, String),
    total: Pence,
) -> Vec<FairnessRow> {
    let mut groups: std::collections::BTreeMap<K, FairnessRow> = std::collections::BTreeMap::new();
    for bid in bids {
        let key = key(bid);
        groups
            .entry(key.clone())
            .or_insert_with(|| {
                let (code, label) = named(&key);
                FairnessRow::new(code, label)
            })
            .add(bid);
    }
    groups
        .into_values()
        .map(|mut row| {
            row.share_of_given = basis_points(row.given, total);
            row.given_of_asked = basis_points(row.given, row.asked);
            row
        })
        .collect()
}

impl Fairness {
    /// From the year's bids (those not decided are left out) and the ICSs' names.
    pub fn build(period: Period, bids: &[Bid], ics_names: &[(OdsCode, String)]) -> Self {
        let decided: Vec<&Bid> = bids.iter().filter(|bid| bid.status.decided()).collect();
        let mut total = FairnessRow::new("total".to_owned(), "All decided bids".to_owned());
        for bid in &decided {
            total.add(bid);
        }
        total.share_of_given = if total.decided == 0 { 0 } else { 10_000 };
        total.given_of_asked = basis_points(total.given, total.asked);
        let name_of = |code: &OdsCode| {
            ics_names
                .iter()
                .find(|(ics, _)| ics == code)
                .map_or_else(|| code.to_string(), |(_, name)| name.clone())
        };
        let by_ics = group(
            &decided,
            |bid| (name_of(&bid.ics_code), bid.ics_code.clone()),
            |(name, code)| (code.to_string(), name.clone()),
            total.given,
        );
        let region_order = |region: &Option<Region>| match region {
            Some(region) => Region::ALL.iter().position(|each| each == region).unwrap_or(Region::ALL.len()),
            None => Region::ALL.len(),
        };
        let by_region = group(
            &decided,
            |bid| (region_order(&bid.region), bid.region),
            |(_, region)| match region {
                Some(region) => (region.code().to_owned(), region.label().to_owned()),
                None => ("none".to_owned(), "No region recorded".to_owned()),
            },
            total.given,
        );
        let by_maturity = group(
            &decided,
            // Unknown last: level 6 sorts after 5.
            |bid| bid.decision.as_ref().and_then(|decision| decision.scores.maturity).unwrap_or(6),
            |level| match level {
                1..=5 => (format!("level-{level}"), format!("Level {level}")),
                _ => ("none".to_owned(), "No published review".to_owned()),
            },
            total.given,
        );
        Fairness { period, by_ics, by_region, by_maturity, total }
    }

    /// One CSV: a row per group, the grouping named in its first column.
    pub fn to_csv(&self) -> String {
        let mut out = csv_row(
            [
                "Grouped by",
                "Code",
                "Group",
                "Bids decided",
                "Approved",
                "Declined",
                "Asked (pence)",
                "Given (pence)",
                "Share of all given (basis points)",
                "Given of asked (basis points)",
            ]
            .map(str::to_owned),
        );
        let sections = [("ICS", &self.by_ics), ("Region", &self.by_region), ("Maturity", &self.by_maturity)];
        let rows = sections
            .iter()
            .flat_map(|(by, rows)| rows.iter().map(move |row| (*by, row)))
            .chain(std::iter::once(("Total", &self.total)));
        for (by, row) in rows {
            out.push_str(&csv_row([
                by.to_owned(),
                row.code.clone(),
                row.label.clone(),
                row.decided.to_string(),
                row.approved.to_string(),
                row.declined.to_string(),
                row.asked.get().to_string(),
                row.given.get().to_string(),
                row.share_of_given.to_string(),
                row.given_of_asked.to_string(),
            ]));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::bids::BidLine;
    use crate::funding::FundId;
    use crate::ids::BidId;
    use crate::organisation::OrganisationKind;
    use crate::review_board::{Decision, Outcome, Scores};

    fn bid(
        n: u8,
        ics: &str,
        region: Option<Region>,
        asked: u64,
        outcome: Option<(Outcome, u64)>,
        maturity: Option<u8>,
    ) -> Bid {
        let at = crate::test_support::moment();
        let line = |amount| BidLine {
            fund: FundId::parse("cyber").unwrap(),
            capital: Pence::new(amount),
            revenue: Pence::ZERO,
        };
        Bid {
            id: BidId::from_uuid_bytes([n; 16]),
            ods_code: OdsCode::parse("RR8").unwrap(),
            name: "Leeds".to_owned(),
            kind: OrganisationKind::AcuteTrust,
            ics_code: OdsCode::parse(ics).unwrap(),
            region,
            period: Period::parse("2025/26").unwrap(),
            purpose: "x".to_owned(),
            lines: vec![line(asked)],
            measures: vec![],
            actions: vec![],
            benefits: "y".to_owned(),
            status: match outcome {
                None => BidStatus::Submitted,
                Some((Outcome::Approve, _)) => BidStatus::Approved,
                Some((Outcome::ApproveInPart, _)) => BidStatus::PartlyApproved,
                Some((Outcome::Decline, _)) => BidStatus::Declined,
            },
            version: 3,
            created_by: "a".to_owned(),
            updated_by: "a".to_owned(),
            created_at: at.clone(),
            updated_at: at.clone(),
            submitted_at: Some(at.clone()),
            decision: outcome.map(|(outcome, given)| Decision {
                outcome,
                scores: Scores { strategic_fit: 3, value_for_money: 3, maturity },
                approved: if given == 0 { vec![] } else { vec![line(given)] },
                reason: String::new(),
                decided_by: "b".to_owned(),
                decided_at: at,
            }),
        }
    }

    #[test]
    fn approvals_are_grouped_by_ics_region_and_maturity_and_add_up() {
        let bids = [
            bid(
                1,
                "QWO",
                Some(Region::NorthEastAndYorkshire),
                1_000,
                Some((Outcome::Approve, 1_000)),
                Some(2),
            ),
            bid(
                2,
                "QWO",
                Some(Region::NorthEastAndYorkshire),
                3_000,
                Some((Outcome::ApproveInPart, 1_000)),
                Some(4),
            ),
            bid(3, "QKK", Some(Region::London), 500, Some((Outcome::Decline, 0)), None),
            bid(4, "QKK", Some(Region::London), 700, Some((Outcome::Approve, 700)), None),
            bid(5, "QKK", Some(Region::London), 9_000, None, None),
        ];
        let names = [
            (OdsCode::parse("QWO").unwrap(), "West Yorkshire".to_owned()),
            (OdsCode::parse("QKK").unwrap(), "South East London".to_owned()),
        ];
        let fairness = Fairness::build(Period::parse("2025/26").unwrap(), &bids, &names);
        type Summary = (String, u32, u32, u32, u64, u64, u32, u32);
        let summary = |rows: &[FairnessRow]| -> Vec<Summary> {
            rows.iter()
                .map(|r| {
                    (
                        r.label.clone(),
                        r.decided,
                        r.approved,
                        r.declined,
                        r.asked.get(),
                        r.given.get(),
                        r.share_of_given,
                        r.given_of_asked,
                    )
                })
                .collect()
        };
        assert_eq!(
            summary(&fairness.by_ics),
            [
                ("South East London".to_owned(), 2, 1, 1, 1_200, 700, 2_593, 5_833),
                ("West Yorkshire".to_owned(), 2, 2, 0, 4_000, 2_000, 7_407, 5_000),
            ]
        );
        assert_eq!(
            summary(&fairness.by_region),
            [
                ("North East and Yorkshire".to_owned(), 2, 2, 0, 4_000, 2_000, 7_407, 5_000),
                ("London".to_owned(), 2, 1, 1, 1_200, 700, 2_593, 5_833),
            ]
        );
        assert_eq!(
            summary(&fairness.by_maturity),
            [
                ("Level 2".to_owned(), 1, 1, 0, 1_000, 1_000, 3_704, 10_000),
                ("Level 4".to_owned(), 1, 1, 0, 3_000, 1_000, 3_704, 3_333),
                ("No published review".to_owned(), 2, 1, 1, 1_200, 700, 2_593, 5_833),
            ]
        );
        assert_eq!(
            summary(std::slice::from_ref(&fairness.total)),
            [("All decided bids".to_owned(), 4, 3, 1, 5_200, 2_700, 10_000, 5_192)]
        );
        let csv = fairness.to_csv();
        assert!(csv.contains("\r\nICS,QKK,South East London,2,1,1,1200,700,2593,5833\r\n"), "{csv}");
    }

    #[test]
    fn nothing_decided_is_all_zero() {
        let fairness = Fairness::build(Period::parse("2025/26").unwrap(), &[], &[]);
        assert_eq!((fairness.by_ics.len(), fairness.total.decided, fairness.total.share_of_given), (0, 0, 0));
    }
}
