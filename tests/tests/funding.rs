//! Funding (Who Pays for What) through the API against DynamoDB Local: each allocation principle
//! worked by hand, the ICS envelopes, default allocations and net-neutral changes, who sees which
//! lines, and requests refused with nothing written.

use serde_json::{Value, json};
use wgll_shared::framework::Variant;
use wgll_tests::funding::{YEAR, new_fund, record_population};
use wgll_tests::{TestApp, json};

fn amounts(lines: &Value) -> Vec<(String, u64)> {
    lines
        .as_array()
        .unwrap()
        .iter()
        .map(|saved| {
            let line = if saved["line"].is_object() { &saved["line"] } else { saved };
            (line["recipient"].as_str().unwrap().to_owned(), line["amount"].as_u64().unwrap())
        })
        .collect()
}

fn pairs(expected: &[(&str, u64)]) -> Vec<(String, u64)> {
    expected.iter().map(|(ods, pence)| ((*ods).to_owned(), *pence)).collect()
}

fn fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| error["field"].as_str().unwrap().to_owned())
        .collect()
}

async fn add_fund(app: &TestApp, id: &str, principle: &str, measures: &[u8]) {
    json(app.post(&format!("/api/funding/{YEAR}/funds"), &new_fund(id, principle, measures)).await, 201)
        .await;
}

#[tokio::test]
async fn fair_shares_splits_a_fund_by_weighted_population_to_the_penny() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    add_fund(&app, "cyber", "fair-shares", &[3]).await;
    // Weighted populations RGD 6, RR8 2, RXF 3: 11 in all.
    for (ods, population) in [("RGD", 6), ("RR8", 2), ("RXF", 3)] {
        record_population(&app, ods, population).await;
    }
    let populations = json(app.get(&format!("/api/funding/{YEAR}/populations")).await, 200).await;
    assert_eq!(populations.as_array().unwrap().len(), 3);
    let request = json!({"recipients": ["RR8", "RXF", "RGD"], "version": 0});
    let saved =
        json(app.put(&format!("/api/funding/{YEAR}/funds/cyber/allocation"), &request).await, 200).await;
    // £10.00 = 1,000p. RGD 6,000/11 = 545 r 5; RR8 2,000/11 = 181 r 9; RXF 3,000/11 = 272 r 8.
    // Floors 998: the 2 leftover pennies go to the largest remainders, RR8 (9) and RXF (8).
    // RGD 545p, RR8 182p, RXF 273p: 1,000p.
    assert_eq!(amounts(&saved["lines"]), pairs(&[("RGD", 545), ("RR8", 182), ("RXF", 273)]));
    assert_eq!((saved["version"].as_u64(), saved["unallocated"].as_u64()), (Some(1), Some(0)));

    let read = json(app.get(&format!("/api/funding/{YEAR}/funds/cyber/allocation")).await, 200).await;
    assert_eq!(amounts(&read["lines"]), pairs(&[("RGD", 545), ("RR8", 182), ("RXF", 273)]));
    assert_eq!(read["pot"], 1_000, "administrators see the national figures");
    assert_eq!(read["lines"][1]["ics"], "QWO");

    let csv_response = app.get(&format!("/api/funding/{YEAR}/funds/cyber/allocation.csv")).await;
    assert_eq!(csv_response.status(), 200);
    assert!(
        csv_response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("allocation-cyber-2025-26.csv")
    );
    let csv = csv_response.text().await.unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "recipient_ods,ics_ods,period,fund,principle,amount_pence,amount,explanation");
    assert!(rows[2].starts_with("RR8,QWO,2025/26,cyber,Fair shares,182,£1.82,"), "{}", rows[2]);
    assert_eq!(rows.len(), 4);
    let export = app.get(&format!("/api/funding/{YEAR}/funds/cyber/allocation.json")).await;
    assert!(export.headers()["content-disposition"].to_str().unwrap().contains("attachment"));
    let export: Value = export.json().await.unwrap();
    assert!(export["lines"].as_array().unwrap().iter().all(|line| line["line"]["recipient"].is_string()));

    // A stale save (the version read was 0; it is 1 now) is refused.
    let stale = app.put(&format!("/api/funding/{YEAR}/funds/cyber/allocation"), &request).await;
    assert_eq!(stale.status(), 409);
}

#[tokio::test]
async fn an_organisation_lead_sees_only_their_own_lines_and_no_national_figures() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    add_fund(&app, "cyber", "fair-shares", &[3]).await;
    for ods in ["RR8", "RXF", "RTD"] {
        record_population(&app, ods, 1).await;
    }
    let request = json!({"recipients": ["RR8", "RXF", "RTD"], "version": 0});
    json(app.put(&format!("/api/funding/{YEAR}/funds/cyber/allocation"), &request).await, 200).await;
    let path = format!("/api/funding/{YEAR}/funds/cyber/allocation");

    let rr8 = app.signed_in_as("Leeds", "rr8@example.nhs.uk", &["organisation-lead:RR8"]);
    let own = json(rr8.get(&path).await, 200).await;
    // 1,000p in thirds: 333 r 1 each; the leftover penny to the first ODS code, RR8: 334p.
    assert_eq!(amounts(&own["lines"]), pairs(&[("RR8", 334)]));
    assert!(own.get("pot").is_none() && own.get("excluded").is_none());
    let csv = rr8.get(&format!("{path}.csv")).await.text().await.unwrap();
    assert_eq!(csv.lines().count(), 2, "the header and RR8's own row: {csv}");

    let qwo = app.signed_in_as("West Yorkshire", "qwo@example.nhs.uk", &["ics-lead:QWO"]);
    let ics = json(qwo.get(&path).await, 200).await;
    assert_eq!(amounts(&ics["lines"]), pairs(&[("RR8", 334), ("RXF", 333)]), "the ICS's members' lines");

    let elsewhere = app.signed_in_as("Elsewhere", "rgd@example.nhs.uk", &["organisation-lead:RGD"]);
    assert_eq!(elsewhere.get(&path).await.status(), 403, "no line of theirs: nothing to see");
    let reviewer = app.signed_in_as("Reviewer", "r@example.nhs.uk", &["reviewer"]);
    assert_eq!(reviewer.get(&path).await.status(), 403);
}

#[tokio::test]
async fn levelling_up_shares_a_fund_by_shortfall_below_the_minimum_from_published_reviews() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    add_fund(&app, "ehr", "levelling-up", &[1, 2]).await;
    app.publish_peer_review("RR8", Variant::Organisation, "2025/26", [1, 2, 3, 3, 3, 3, 3]).await;
    app.publish_peer_review("RXF", Variant::Organisation, "2025/26", [2, 3, 4, 4, 4, 4, 4]).await;
    let request = json!({"recipients": ["RR8", "RXF", "RGD"]});
    let preview =
        json(app.post(&format!("/api/funding/{YEAR}/funds/ehr/allocation/preview"), &request).await, 200)
            .await;
    // Minimum level 3 on measures 1 and 2. RR8 at 1 and 2: shortfall 2 + 1 = 3. RXF at 2 and 3:
    // 1 + 0 = 1. RGD has no published peer review: excluded (the default missing-review rule).
    // 1,000p × 3/4 = 750p to RR8, × 1/4 = 250p to RXF, exactly.
    assert_eq!(amounts(&preview["lines"]), pairs(&[("RR8", 750), ("RXF", 250)]));
    assert_eq!(preview["excluded"][0]["recipient"], "RGD");
    assert!(preview["excluded"][0]["reason"].as_str().unwrap().starts_with("No published peer review"));
    // A preview writes nothing.
    let path = format!("/api/funding/{YEAR}/funds/ehr/allocation");
    assert_eq!(app.get(&path).await.status(), 404);

    // Treating a missing review as level 1 instead: RGD's shortfall is 2 + 2 = 4, of 8 in all.
    // RR8 1,000 × 3/8 = 375p, RXF 125p, RGD 500p.
    let treat = json!({"recipients": ["RR8", "RXF", "RGD"], "policy": {"minimum": 3, "missing": {"treat-as": 1}}, "version": 0});
    let saved = json(app.put(&path, &treat).await, 200).await;
    assert_eq!(amounts(&saved["lines"]), pairs(&[("RGD", 500), ("RR8", 375), ("RXF", 125)]));

    let suggestion =
        json(app.get(&format!("/api/funding/{YEAR}/funds/ehr/suggestion?recipients=RR8,RXF")).await, 200)
            .await;
    // Lowest levels on measures 1–2: RR8 1, RXF 2; both below 3 (100%), but a spread of 1 is
    // not wide (2 or more): fair shares.
    assert_eq!(suggestion["suggestion"]["principle"], "fair-shares");
    assert_eq!(suggestion["suggestion"]["figures"]["belowMinimum"], 2);
    assert_eq!(suggestion["thresholdsVersion"], 0);
    let thresholds = json!({"thresholds": {"minimum": 3, "significantShareBelowPercent": 25, "wideSpreadLevels": 1}, "version": 0});
    json(app.put(&format!("/api/funding/{YEAR}/suggestion-thresholds"), &thresholds).await, 200).await;
    let suggestion =
        json(app.get(&format!("/api/funding/{YEAR}/funds/ehr/suggestion?recipients=RR8,RXF")).await, 200)
            .await;
    assert_eq!(suggestion["suggestion"]["principle"], "levelling-up", "a spread of 1 is wide now");
    assert_eq!(suggestion["thresholdsVersion"], 1);
}

#[tokio::test]
async fn strategic_investment_funds_a_ranked_list_until_the_pot_runs_out() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    add_fund(&app, "scr", "strategic-investment", &[5]).await;
    let request = json!({"investments": [
        {"rank": 2, "name": "Cyber uplift", "recipient": "RXF", "cost": 500},
        {"rank": 1, "name": "EPR go-live", "recipient": "RR8", "cost": 600},
        {"rank": 3, "name": "Ward wifi", "recipient": "RGD", "cost": 100},
    ], "version": 0});
    let saved =
        json(app.put(&format!("/api/funding/{YEAR}/funds/scr/allocation"), &request).await, 200).await;
    // Rank 1 RR8 600p of 1,000p: in full, 400p left. Rank 2 RXF costs 500p: partly, 400p, pot
    // spent. Rank 3 RGD: not funded, 0p.
    assert_eq!(amounts(&saved["lines"]), pairs(&[("RR8", 600), ("RXF", 400), ("RGD", 0)]));
    assert_eq!(saved["lines"][1]["line"]["basis"]["funded"], "partly");
    let unknown = json!({"investments": [{"rank": 1, "name": "X", "recipient": "RR8", "cost": 1, "roi": 3}], "version": 1});
    assert_eq!(app.put(&format!("/api/funding/{YEAR}/funds/scr/allocation"), &unknown).await.status(), 400);
}

#[tokio::test]
async fn funds_are_read_by_year_and_changed_with_versions_and_history() {
    let app = TestApp::spawn().await;
    let shipped = json(app.get("/api/funding/2021-22/funds").await, 200).await;
    assert_eq!(shipped.as_array().unwrap().len(), 9, "the 2021/22 Unified Tech Fund catalogue");
    assert_eq!(shipped[0]["version"], 0);
    let mut old = new_fund("extra", "fair-shares", &[1]);
    old["period"] = "2021/22".into();
    assert_eq!(app.post("/api/funding/2021-22/funds", &old).await.status(), 409);

    add_fund(&app, "cyber", "fair-shares", &[3]).await;
    let mut changed = new_fund("cyber", "levelling-up", &[3]);
    changed["total"] = 2_000.into();
    changed["capital"] = 1_600.into();
    let update = json!({"fund": changed, "version": 1});
    let saved = json(app.put(&format!("/api/funding/{YEAR}/funds/cyber"), &update).await, 200).await;
    assert_eq!((saved["version"].as_u64(), saved["value"]["total"].as_u64()), (Some(2), Some(2_000)));
    assert_eq!(app.put(&format!("/api/funding/{YEAR}/funds/cyber"), &update).await.status(), 409, "stale");
    let funds = json(app.get(&format!("/api/funding/{YEAR}/funds")).await, 200).await;
    assert_eq!(funds[0]["value"]["principle"], "levelling-up");
    let history = json(app.get(&format!("/api/funding/{YEAR}/funds/cyber/history")).await, 200).await;
    assert_eq!(history.as_array().unwrap().len(), 2);
    assert!(history[0]["what"].as_str().unwrap().starts_with("Changed cyber"));

    // Capital and revenue that do not add up: a field error, nothing written.
    let mut wrong = new_fund("wrong", "fair-shares", &[1]);
    wrong["revenue"] = 1.into();
    let problem = json(app.post(&format!("/api/funding/{YEAR}/funds"), &wrong).await, 422).await;
    assert_eq!(fields(&problem), ["revenue"]);
    let mut extra = new_fund("extra", "fair-shares", &[1]);
    extra["approved"] = true.into();
    assert_eq!(app.post(&format!("/api/funding/{YEAR}/funds"), &extra).await.status(), 400);
    let funds = json(app.get(&format!("/api/funding/{YEAR}/funds")).await, 200).await;
    assert_eq!(funds.as_array().unwrap().len(), 1);
}

async fn system(app: &TestApp) -> Value {
    json(app.get(&format!("/api/funding/{YEAR}/ics/QWO/allocation")).await, 200).await
}

#[tokio::test]
async fn envelopes_default_allocations_and_net_neutral_changes_approved_or_returned() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    record_population(&app, "QWO", 3).await;
    record_population(&app, "QHM", 1).await;
    let envelopes =
        json!({"pot": 100_000, "principle": "fair-shares", "recipients": ["QWO", "QHM"], "version": 0});
    let saved = json(app.put(&format!("/api/funding/{YEAR}/envelopes"), &envelopes).await, 200).await;
    // £1,000.00 = 100,000p by weighted population 3 : 1 → QHM 25,000p, QWO 75,000p exactly.
    assert_eq!(amounts(&saved["lines"]), pairs(&[("QHM", 25_000), ("QWO", 75_000)]));
    let trust = json!({"pot": 100, "principle": "fair-shares", "recipients": ["RR8"], "version": 1});
    let problem = json(app.put(&format!("/api/funding/{YEAR}/envelopes"), &trust).await, 422).await;
    assert_eq!(fields(&problem), ["recipients[0]"], "envelopes go to ICSs");

    let lead = app.signed_in_as("West Yorkshire", "qwo@example.nhs.uk", &["ics-lead:QWO"]);
    let own = json(lead.get(&format!("/api/funding/{YEAR}/envelopes")).await, 200).await;
    assert_eq!(amounts(&own["lines"]), pairs(&[("QWO", 75_000)]), "an ICS lead sees their own envelope");

    let weights = json!({"weights": [
        {"provider": "RR8", "programme": "cyber", "weight": 1, "basis": "equal"},
        {"provider": "RXF", "programme": "cyber", "weight": 1, "basis": "equal"},
        {"provider": "RGD", "programme": "cyber", "weight": 1, "basis": "equal"},
    ], "version": 0});
    let set = json(app.put(&format!("/api/funding/{YEAR}/ics/QWO/allocation"), &weights).await, 200).await;
    // 75,000p in thirds: 25,000p each, exactly.
    let line_amounts = |allocation: &Value| -> Vec<u64> {
        allocation["value"]["lines"]
            .as_array()
            .unwrap()
            .iter()
            .map(|line| line["amount"].as_u64().unwrap())
            .collect()
    };
    assert_eq!(line_amounts(&set), [25_000, 25_000, 25_000]);
    assert_eq!(set["version"], 1);

    let changes = format!("/api/funding/{YEAR}/ics/QWO/changes");
    let mv = |provider: &str, pence: i64| json!({"provider": provider, "programme": "cyber", "pence": pence});
    // Not net-neutral (−£10.00 + £5.00): refused, nothing written.
    let uneven =
        json!({"moves": [mv("RR8", -1_000), mv("RXF", 500)], "reason": "Rebalance", "allocationVersion": 1});
    let problem = json(lead.post(&changes, &uneven).await, 422).await;
    assert_eq!(fields(&problem), ["moves"]);
    assert!(problem["errors"][0]["message"].as_str().unwrap().starts_with("The moves add up to −£5.00"));
    // Below zero (RR8 25,000p − 30,000p): refused, nothing written.
    let below = json!({"moves": [mv("RR8", -30_000), mv("RXF", 30_000)], "reason": "Rebalance", "allocationVersion": 1});
    assert_eq!(fields(&json(lead.post(&changes, &below).await, 422).await), ["moves[0].pence"]);
    let after = system(&app).await;
    assert_eq!(after["changes"].as_array().unwrap().len(), 0, "no change was recorded");
    assert_eq!(
        (after["allocation"]["version"].as_u64(), line_amounts(&after["allocation"])),
        (Some(1), vec![25_000; 3])
    );
    let history = json(app.get(&format!("/api/funding/{YEAR}/ics/QWO/history")).await, 200).await;
    assert_eq!(history.as_array().unwrap().len(), 1, "only the default was set");

    // Two net-neutral changes, both checked on version 1.
    let first = json!({"moves": [mv("RR8", -1_000), mv("RXF", 1_000)], "reason": "EPR go-live", "allocationVersion": 1});
    let first = json(lead.post(&changes, &first).await, 201).await;
    let second =
        json!({"moves": [mv("RGD", -500), mv("RR8", 500)], "reason": "Wifi", "allocationVersion": 1});
    let second = json(lead.post(&changes, &second).await, 201).await;
    let id = |change: &Value| change["id"].as_str().unwrap().to_owned();
    assert_eq!(
        lead.post(&format!("{changes}/{}/approve", id(&first)), &json!({"version": 1})).await.status(),
        403,
        "an ICS lead proposes; an administrator approves"
    );
    let approved =
        json(app.post(&format!("{changes}/{}/approve", id(&first)), &json!({"version": 1})).await, 200).await;
    assert_eq!(approved["status"], "approved");
    // RR8 25,000 − 1,000 = 24,000p; RXF 25,000 + 1,000 = 26,000p; RGD unchanged; total 75,000p.
    let now = system(&app).await;
    assert_eq!(
        (now["allocation"]["version"].as_u64(), line_amounts(&now["allocation"])),
        (Some(2), vec![25_000, 24_000, 26_000])
    );
    // The second was checked on version 1; the allocation has moved on to 2: refused, unchanged.
    let stale =
        json(app.post(&format!("{changes}/{}/approve", id(&second)), &json!({"version": 1})).await, 409)
            .await;
    assert!(stale["detail"].as_str().unwrap().contains("changed since this change was checked"), "{stale}");
    let still = system(&app).await;
    assert_eq!(
        (still["allocation"]["version"].as_u64(), line_amounts(&still["allocation"])),
        (Some(2), vec![25_000, 24_000, 26_000])
    );
    let returned = json!({"reason": "Propose it again against the new allocation", "version": 1});
    let returned = json(app.post(&format!("{changes}/{}/return", id(&second)), &returned).await, 200).await;
    assert_eq!(returned["status"], "returned");

    let history = json(lead.get(&format!("/api/funding/{YEAR}/ics/QWO/history")).await, 200).await;
    let what: Vec<&str> =
        history.as_array().unwrap().iter().map(|entry| entry["what"].as_str().unwrap()).collect();
    assert_eq!(what.len(), 5, "{what:?}");
    assert!(
        what[0].starts_with("Returned")
            && what[1].starts_with("Approved")
            && what[4].starts_with("Set the default")
    );

    let other = app.signed_in_as("North East", "qhm@example.nhs.uk", &["ics-lead:QHM"]);
    assert_eq!(other.get(&format!("/api/funding/{YEAR}/ics/QWO/allocation")).await.status(), 403);
    assert_eq!(
        other.post(&changes, &json!({"moves": [], "reason": "x", "allocationVersion": 2})).await.status(),
        403
    );
    let unknown = json!({"moves": [{"provider": "RR8", "programme": "cyber", "pence": 1, "note": "x"}], "reason": "x", "allocationVersion": 2});
    assert_eq!(
        lead.post(&changes, &unknown).await.status(),
        400,
        "unknown fields are refused at every depth"
    );
}

#[tokio::test]
async fn earned_autonomy_is_assessed_under_the_year_s_editable_rules() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    let lead = app.signed_in_as("West Yorkshire", "qwo@example.nhs.uk", &["ics-lead:QWO"]);
    let path = format!("/api/funding/{YEAR}/ics/QWO/autonomy");
    let view = json(lead.get(&path).await, 200).await;
    assert_eq!(view["assessment"]["earned"], false);
    assert_eq!(view["assessment"]["criteria"].as_array().unwrap().len(), 4);
    assert_eq!(
        view["assessment"]["criteria"][0]["figures"],
        "QWO has no published peer review for 2024/25 or later"
    );
    let mut rules = view["rules"]["value"].clone();
    rules["memberCoveragePercent"] = 50.into();
    let update = json!({"rules": rules, "version": 0});
    assert_eq!(lead.put(&format!("/api/funding/{YEAR}/autonomy-rules"), &update).await.status(), 403);
    let saved = json(app.put(&format!("/api/funding/{YEAR}/autonomy-rules"), &update).await, 200).await;
    assert_eq!(saved["version"], 1);
    let view = json(lead.get(&path).await, 200).await;
    assert_eq!(
        (view["rules"]["version"].as_u64(), view["rules"]["value"]["memberCoveragePercent"].as_u64()),
        (Some(1), Some(50))
    );
}

#[tokio::test]
async fn the_synthetic_data_set_has_a_year_of_funding() {
    let app = TestApp::spawn().await;
    let store = wgll_functions::store::Store::connect(&app.config).await;
    let shape = wgll_functions::store::synthetic::Shape { icss: 2, organisations_per_ics: 3, periods: 2 };
    store.load_synthetic(shape).await.unwrap();
    // 8 populations, the fund, its allocation between the 6 providers (header, history entry and
    // its 6 lines in one item), the envelopes between the 2 ICSs (header, history entry and its 2
    // lines in one item) and 2 ICS allocations.
    assert_eq!(store.load_synthetic_funding(shape).await.unwrap(), 8 + 1 + 3 + 3 + 2);
    let populations = json(app.get(&format!("/api/funding/{YEAR}/populations")).await, 200).await;
    assert_eq!(populations.as_array().unwrap().len(), 8);
    let envelopes = json(app.get(&format!("/api/funding/{YEAR}/envelopes")).await, 200).await;
    let total: u64 = amounts(&envelopes["lines"]).iter().map(|(_, pence)| pence).sum();
    assert_eq!(total, 10_000_000_000, "£100m to the penny");
    let allocation = json(
        app.get(&format!("/api/funding/{YEAR}/funds/synthetic-shared-care-records/allocation")).await,
        200,
    )
    .await;
    assert_eq!(allocation["lines"].as_array().unwrap().len(), 6, "a line per provider");
    let system = json(app.get(&format!("/api/funding/{YEAR}/ics/SI01/allocation")).await, 200).await;
    assert_eq!(system["allocation"]["value"]["lines"].as_array().unwrap().len(), 3);
    let autonomy = json(app.get(&format!("/api/funding/{YEAR}/ics/SI01/autonomy")).await, 200).await;
    assert_eq!(autonomy["assessment"]["criteria"].as_array().unwrap().len(), 4);
}
