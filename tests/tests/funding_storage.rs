//! How funding is stored, through the API against DynamoDB Local: an allocation of any size
//! (more lines than one DynamoDB transaction can hold) saved and read back whole, a stale save
//! refused with nothing of it visible, and every saved version kept in the history.

use serde_json::{Value, json};
use wgll_functions::store::{Refusal, Store, StoreError};
use wgll_shared::funding::Pence;
use wgll_shared::funding::records::{AllocationOf, SavedAllocation};
use wgll_shared::organisation::OdsCode;
use wgll_shared::period::Period;
use wgll_shared::timestamp::Timestamp;
use wgll_tests::funding::{YEAR, new_fund};
use wgll_tests::{TestApp, json};

/// A fund of £10,000.00 (1,000,000p) shared by strategic investment.
async fn add_big_fund(app: &TestApp) {
    let mut fund = new_fund("big", "strategic-investment", &[1]);
    fund["total"] = 1_000_000.into();
    fund["capital"] = 600_000.into();
    fund["revenue"] = 400_000.into();
    json(app.post(&format!("/api/funding/{YEAR}/funds"), &fund).await, 201).await;
}

/// `count` investments ranked 1 to `count`, the one ranked n costing `cost(n)` pence, to RR8, RXF
/// and RGD in turn.
fn investments(count: u64, cost: impl Fn(u64) -> u64, version: u64) -> Value {
    let recipients = ["RR8", "RXF", "RGD"];
    let investments: Vec<Value> = (1..=count)
        .map(|rank| {
            json!({"rank": rank, "name": format!("Investment {rank}"),
                   "recipient": recipients[(rank as usize - 1) % 3], "cost": cost(rank)})
        })
        .collect();
    json!({"investments": investments, "version": version})
}

fn line_amounts(allocation: &Value) -> Vec<u64> {
    allocation["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| line["line"]["amount"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn an_allocation_of_1_500_lines_is_saved_and_read_whole_and_a_stale_save_leaves_no_trace() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    add_big_fund(&app).await;
    let path = format!("/api/funding/{YEAR}/funds/big/allocation");

    // 1,500 investments, the one ranked n costing n pence, from a pot of 1,000,000p. Ranks 1 to
    // 1,413 cost 1 + 2 + … + 1,413 = 1,413 × 1,414 / 2 = 998,991p: funded in full, 1,009p left.
    // Rank 1,414 costs 1,414p: partly funded, 1,009p; the pot is spent. Ranks 1,415 to 1,500
    // (86 lines) get 0p. In all 998,991 + 1,009 = 1,000,000p, nothing unallocated.
    let saved = json(app.put(&path, &investments(1_500, |rank| rank, 0)).await, 200).await;
    assert_eq!(saved["version"], 1);
    let read = json(app.get(&path).await, 200).await;
    let amounts = line_amounts(&read);
    assert_eq!(amounts.len(), 1_500);
    assert_eq!(amounts.iter().sum::<u64>(), 1_000_000, "the pot to the penny");
    assert_eq!((read["pot"].as_u64(), read["unallocated"].as_u64()), (Some(1_000_000), Some(0)));
    assert_eq!((amounts[0], amounts[999], amounts[1_412]), (1, 1_000, 1_413), "in full, in rank order");
    assert_eq!(amounts[1_413], 1_009);
    assert_eq!(read["lines"][1_413]["line"]["basis"]["funded"], "partly");
    assert!(amounts[1_414..].iter().all(|&amount| amount == 0));
    assert_eq!(amounts[1_414..].len(), 86);
    assert_eq!(read["lines"][1_499]["line"]["basis"]["investment"], "Investment 1500");
    assert_eq!(read["lines"][1_499]["line"]["recipient"], "RGD", "1,500 = 3 × 500: the third recipient");

    // A second save over version 0 (someone saved version 1 since): refused, and nothing of it
    // is visible. It would have funded 1,200 investments of 1,000p each.
    let stale = app.put(&path, &investments(1_200, |_| 1_000, 0)).await;
    assert_eq!(stale.status(), 409);
    let after = json(app.get(&path).await, 200).await;
    assert_eq!(after["version"], 1);
    assert_eq!(line_amounts(&after), amounts, "version 1, every line as it was");

    // Saved over version 1 instead: 1,200 investments of 1,000p each. Ranks 1 to 1,000 take
    // 1,000 × 1,000p = 1,000,000p, the whole pot; ranks 1,001 to 1,200 (200 lines) get 0p. Only
    // version 2's 1,200 lines are read, none of version 1's.
    let saved = json(app.put(&path, &investments(1_200, |_| 1_000, 1)).await, 200).await;
    assert_eq!(saved["version"], 2);
    let read = json(app.get(&path).await, 200).await;
    let amounts = line_amounts(&read);
    assert_eq!(amounts.len(), 1_200);
    assert_eq!(amounts.iter().sum::<u64>(), 1_000_000);
    assert_eq!((amounts[999], amounts[1_000], amounts[1_199]), (1_000, 0, 0));
}

#[tokio::test]
async fn envelopes_are_saved_over_the_version_read_and_a_stale_save_is_refused() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    let path = format!("/api/funding/{YEAR}/envelopes");
    let request = |pot: u64, version: u64| {
        json!({"pot": pot, "principle": "strategic-investment", "version": version, "investments": [
            {"rank": 1, "name": "Shared care record", "recipient": "QWO", "cost": 700},
            {"rank": 2, "name": "Shared care record", "recipient": "QHM", "cost": 700},
        ]})
    };
    // 1,000p: QWO's 700p in full, QHM partly with the 300p left.
    let saved = json(app.put(&path, &request(1_000, 0)).await, 200).await;
    assert_eq!((saved["version"].as_u64(), line_amounts(&saved)), (Some(1), vec![700, 300]));
    assert_eq!(app.put(&path, &request(2_000, 0)).await.status(), 409);
    // 2,000p: both in full, 1,400p; 600p unallocated.
    let saved = json(app.put(&path, &request(2_000, 1)).await, 200).await;
    assert_eq!((saved["version"].as_u64(), saved["unallocated"].as_u64()), (Some(2), Some(600)));
    let read = json(app.get(&path).await, 200).await;
    assert_eq!((read["version"].as_u64(), line_amounts(&read)), (Some(2), vec![700, 700]));
}

/// 1,200 investments to RR8, RXF and RGD in turn, each costing `cost` pence, as an allocation of
/// a 1,000,000p pot.
fn strategic_allocation(cost: u64) -> wgll_shared::funding::Allocation {
    use wgll_shared::funding::principles::strategic::{Investment, allocate};
    let recipients = ["RR8", "RXF", "RGD"].map(|code| OdsCode::parse(code).unwrap());
    let investments: Vec<Investment> = (1..=1_200_u32)
        .map(|rank| Investment {
            rank,
            name: format!("Investment {rank}"),
            recipient: recipients[(rank as usize - 1) % 3].clone(),
            cost: Pence::new(cost),
        })
        .collect();
    allocate(Pence::new(1_000_000), &investments).unwrap()
}

#[tokio::test]
async fn the_store_refuses_a_save_that_lost_the_race_after_writing_its_lines_and_shows_none_of_them() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    let store = Store::connect(&app.config).await;
    let organisations = store.list_organisations().await.unwrap();
    let period = Period::parse("2025/26").unwrap();
    let saved = |cost: u64, by: &str| {
        SavedAllocation::new(
            period.clone(),
            AllocationOf::Envelopes,
            &strategic_allocation(cost),
            &organisations,
            0,
            by,
            Timestamp::parse("2026-01-05T09:00:00.000Z").unwrap(),
        )
    };
    // Both read version 0 and save version 1: the first wins. The second writes all its lines
    // before its header is refused.
    store.save_allocation(&saved(1_000, "first@example.nhs.uk")).await.unwrap();
    let second = store.save_allocation(&saved(500, "second@example.nhs.uk")).await;
    assert!(matches!(second, Err(StoreError::Refused(Refusal::Stale))), "{second:?}");

    let read = store.get_allocation(&period, &AllocationOf::Envelopes).await.unwrap().unwrap();
    assert_eq!((read.version, read.saved_by.as_str()), (1, "first@example.nhs.uk"));
    // The first's: ranks 1 to 1,000 at 1,000p take the whole 1,000,000p; 200 lines of 0p. (The
    // second's would have been 1,200 lines of 500p = 600,000p, 400,000p unallocated.)
    assert_eq!(read.lines.len(), 1_200);
    let amounts: Vec<u64> = read.lines.iter().map(|line| line.line.amount().get()).collect();
    assert_eq!((amounts[0], amounts[999], amounts[1_000]), (1_000, 1_000, 0));
    assert_eq!(amounts.iter().sum::<u64>(), 1_000_000);
    let versions = store.list_allocation_versions(&period, &AllocationOf::Envelopes).await.unwrap();
    assert_eq!(versions.len(), 1, "only the save that won is in the history");
}

#[tokio::test]
async fn two_administrators_saving_at_once_get_one_save_and_one_conflict() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    add_big_fund(&app).await;
    let path = format!("/api/funding/{YEAR}/funds/big/allocation");
    // Both over version 0, at the same moment: whichever makes its header current first wins,
    // whether the other is refused before writing its lines or after.
    let other = app.signed_in_as("Other admin", "other.admin@example.nhs.uk", &["administrator"]);
    let (larger, smaller) = (investments(1_500, |rank| rank, 0), investments(1_200, |_| 1_000, 0));
    let (first, second) = tokio::join!(app.put(&path, &larger), other.put(&path, &smaller));
    let mut statuses = [first.status().as_u16(), second.status().as_u16()];
    statuses.sort_unstable();
    assert_eq!(statuses, [200, 409]);
    let read = json(app.get(&path).await, 200).await;
    let lines = if first.status() == 200 { 1_500 } else { 1_200 };
    assert_eq!(line_amounts(&read).len(), lines, "the winner's lines, all of them, and only them");
    assert_eq!(line_amounts(&read).iter().sum::<u64>(), 1_000_000);
}

#[tokio::test]
async fn the_history_lists_every_saved_version_newest_first_for_administrators_only() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    add_big_fund(&app).await;
    let path = format!("/api/funding/{YEAR}/funds/big/allocation");
    let history = format!("{path}/history");
    assert_eq!(json(app.get(&history).await, 200).await, json!([]), "nothing saved yet");
    json(app.put(&path, &investments(1_500, |rank| rank, 0)).await, 200).await;
    // Refused (stale): not in the history.
    assert_eq!(app.put(&path, &investments(3, |_| 1, 0)).await.status(), 409);
    let other = app.signed_in_as("Other admin", "other.admin@example.nhs.uk", &["administrator"]);
    // 3 investments of 1p: 3p allocated, 999,997p left.
    json(other.put(&path, &investments(3, |_| 1, 1)).await, 200).await;

    let versions = json(app.get(&history).await, 200).await;
    let versions = versions.as_array().unwrap();
    assert_eq!(versions.len(), 2);
    let figures = |entry: &Value| {
        (
            entry["version"].as_u64().unwrap(),
            entry["savedBy"].as_str().unwrap().to_owned(),
            entry["principle"].as_str().unwrap().to_owned(),
            entry["pot"].as_u64().unwrap(),
            entry["unallocated"].as_u64().unwrap(),
            entry["lines"].as_u64().unwrap(),
        )
    };
    assert_eq!(
        figures(&versions[0]),
        (
            2,
            "Other admin <other.admin@example.nhs.uk>".to_owned(),
            "strategic-investment".to_owned(),
            1_000_000,
            999_997,
            3
        )
    );
    assert_eq!(figures(&versions[1]).0, 1);
    assert_eq!(
        (figures(&versions[1]).3, figures(&versions[1]).4, figures(&versions[1]).5),
        (1_000_000, 0, 1_500)
    );
    assert!(versions[0]["savedAt"].as_str().unwrap() >= versions[1]["savedAt"].as_str().unwrap());

    let lead = app.signed_in_as("Leeds", "rr8@example.nhs.uk", &["organisation-lead:RR8"]);
    assert_eq!(lead.get(&history).await.status(), 403, "national figures: administrators only");
    assert_eq!(app.get(&format!("/api/funding/{YEAR}/funds/nothing/allocation/history")).await.status(), 404);

    // The envelopes' history, the same way.
    let envelopes = format!("/api/funding/{YEAR}/envelopes");
    let request = json!({"pot": 1_000, "principle": "strategic-investment", "version": 0, "investments": [
        {"rank": 1, "name": "Shared care record", "recipient": "QWO", "cost": 700},
    ]});
    json(app.put(&envelopes, &request).await, 200).await;
    let versions = json(app.get(&format!("{envelopes}/history")).await, 200).await;
    // 700p of 1,000p to QWO: 300p unallocated, 1 line.
    assert_eq!(
        (versions[0]["version"].as_u64(), versions[0]["unallocated"].as_u64(), versions[0]["lines"].as_u64()),
        (Some(1), Some(300), Some(1))
    );
    assert_eq!(versions.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_year_s_thresholds_and_autonomy_rules_are_read_by_anyone_signed_in_defaults_at_version_0() {
    let app = TestApp::spawn().await;
    let reviewer = app.signed_in_as("Reviewer", "reviewer@example.nhs.uk", &["reviewer"]);
    let thresholds = format!("/api/funding/{YEAR}/suggestion-thresholds");
    let rules = format!("/api/funding/{YEAR}/autonomy-rules");

    // Nothing saved: the defaults (minimum level 3 Defined, a significant share 10%, a wide spread
    // 2 levels; autonomy for 2025/26 from reviews of 2024/25 on, Well led (1) at 4, measures 2 and
    // 4 at 3, every member reviewed, none below 3), at version 0.
    let read = json(reviewer.get(&thresholds).await, 200).await;
    assert_eq!(
        read,
        json!({"value": {"minimum": 3, "significantShareBelowPercent": 10, "wideSpreadLevels": 2}, "version": 0})
    );
    let read = json(reviewer.get(&rules).await, 200).await;
    assert_eq!(
        read,
        json!({"value": {"period": "2025/26", "reviewsFrom": "2024/25", "governanceMeasure": 1,
            "governanceMinimum": 4, "digitisationMeasures": [2, 4], "digitisationMinimum": 3,
            "memberCoveragePercent": 100, "memberMinimum": 3}, "version": 0})
    );

    // Saved by an administrator: read back with its version.
    let changed = json!({"thresholds": {"minimum": 2, "significantShareBelowPercent": 25, "wideSpreadLevels": 1}, "version": 0});
    json(app.put(&thresholds, &changed).await, 200).await;
    let read = json(reviewer.get(&thresholds).await, 200).await;
    assert_eq!(
        (read["version"].as_u64(), &read["value"]),
        (Some(1), &json!({"minimum": 2, "significantShareBelowPercent": 25, "wideSpreadLevels": 1}))
    );
    let mut value = json(reviewer.get(&rules).await, 200).await["value"].clone();
    value["memberCoveragePercent"] = 80.into();
    json(app.put(&rules, &json!({"rules": value, "version": 0})).await, 200).await;
    let read = json(reviewer.get(&rules).await, 200).await;
    assert_eq!(
        (read["version"].as_u64(), read["value"]["memberCoveragePercent"].as_u64()),
        (Some(1), Some(80))
    );

    assert_eq!(app.acting_as(None).get(&rules).await.status(), 401, "signed in only");
    assert_eq!(app.get("/api/funding/2025-27/autonomy-rules").await.status(), 404, "not a financial year");
}
