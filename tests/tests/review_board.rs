//! The review board: administrators score each submitted bid and approve it in full or in part
//! or decline it with a reason the applicant sees; a fund never approves more than it holds, even
//! when two decisions race; the fairness view adds the year's decisions up by ICS, region and
//! maturity; approvals join the applicant's funding page.

use serde_json::{Value, json};
use wgll_shared::framework::Variant;
use wgll_tests::{TestApp, json};

const BOARD: &str = "/api/funding/2025-26/board";

/// A 2025/26 fund open for another month, holding £6.00 capital and £4.00 revenue.
async fn fund(app: &TestApp) {
    let mut fund = wgll_tests::funding::new_fund("frontline", "strategic-investment", &[2]);
    fund["closingDate"] = json!(wgll_tests::date_from_today(30).to_string());
    json(app.post("/api/funding/2025-26/funds", &fund).await, 201).await;
}

/// A submitted bid of `ods` asking the fund for these pounds; its path.
async fn submitted_bid(app: &TestApp, ods: &str, capital: &str, revenue: &str) -> String {
    let bids = format!("/api/organisations/{ods}/bids");
    let bid = json(app.post(&bids, &json!({"period": "2025/26"})).await, 201).await;
    let path = format!("{bids}/{}", bid["id"].as_str().unwrap());
    let draft = json!({
        "purpose": format!("A shared care record for {ods}"),
        "lines": [{"fund": "frontline", "capital": capital, "revenue": revenue}],
        "measures": [2, 4],
        "benefits": "Notes no longer lost between teams",
        "version": 1,
    });
    json(app.put(&path, &draft).await, 200).await;
    json(app.post(&format!("{path}/submit"), &json!({"version": 2})).await, 200).await;
    path
}

fn decision(outcome: &str, version: u64, approved: Value, reason: &str) -> Value {
    json!({
        "strategicFit": "4", "valueForMoney": "3", "outcome": outcome,
        "approved": approved, "reason": reason, "version": version,
    })
}

async fn approvals(app: &TestApp) -> Value {
    let board = json(app.get(BOARD).await, 200).await;
    board["funds"][0]["approved"].clone()
}

#[tokio::test]
async fn the_board_scores_and_decides_bids_and_a_fund_never_approves_more_than_it_holds() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    fund(&app).await;
    // Leeds's published review: measures 2 and 4 at levels 1 and 2, so its need is 5 of 5.
    app.publish_peer_review("RR8", Variant::Organisation, "2025/26", [3, 1, 3, 2, 4, 5, 2]).await;
    let leeds = submitted_bid(&app, "RR8", "5", "3").await;
    let newcastle = submitted_bid(&app, "RTD", "2", "1").await;

    let board = json(app.get(BOARD).await, 200).await;
    let summary: Vec<(String, Value)> = board["bids"]
        .as_array()
        .unwrap()
        .iter()
        .map(|each| (each["bid"]["odsCode"].as_str().unwrap().to_owned(), each["maturity"].clone()))
        .collect();
    assert_eq!(summary, [("RR8".to_owned(), json!(1)), ("RTD".to_owned(), Value::Null)]);
    assert_eq!(board["funds"][0]["bids"].as_array().unwrap().len(), 2);
    assert_eq!(board["funds"][0]["approved"], json!({"capital": 0, "revenue": 0}));

    // Approved in full: everything asked, scored 4 + 3 + need 5.
    let decided =
        json(app.post(&format!("{leeds}/decision"), &decision("approve", 3, json!([]), "")).await, 200).await;
    assert_eq!(decided["status"], "approved");
    assert_eq!(
        decided["decision"]["approved"],
        json!([{"fund": "frontline", "capital": 500, "revenue": 300}])
    );
    assert_eq!(decided["decision"]["scores"], json!({"strategicFit": 4, "valueForMoney": 3, "maturity": 1}));
    assert_eq!(approvals(&app).await, json!({"capital": 500, "revenue": 300}));

    // Newcastle asks £2 capital of the £1 left: refused with what is left, and nothing written.
    let problem =
        json(app.post(&format!("{newcastle}/decision"), &decision("approve", 3, json!([]), "")).await, 422)
            .await;
    assert_eq!(
        problem["errors"],
        json!([{
            "field": "amount-frontline-capital",
            "message": "The frontline fund has £1.00 capital and £1.00 revenue left to approve: this would take it over what it holds",
        }])
    );
    assert_eq!(json(app.get(&newcastle).await, 200).await["bid"]["status"], "submitted");
    assert_eq!(approvals(&app).await, json!({"capital": 500, "revenue": 300}));

    // Approved in part, exactly what is left, with a reason the applicant sees.
    let part = json!([{"fund": "frontline", "capital": "1", "revenue": "1"}]);
    let decided = json(
        app.post(
            &format!("{newcastle}/decision"),
            &decision("approve-in-part", 3, part, "What the fund had left"),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(decided["status"], "partly-approved");
    assert_eq!(approvals(&app).await, json!({"capital": 600, "revenue": 400}));
    let problem =
        json(app.post(&format!("{newcastle}/decision"), &decision("decline", 4, json!([]), "No")).await, 409)
            .await;
    assert_eq!(problem["detail"], "The board has decided this bid already (approved in part).");

    // The applicant's lead sees the decision and why; its funding page shows what was approved.
    let lead = app.signed_in_as("Nia", "nia@example.nhs.uk", &["organisation-lead:RTD"]);
    let bid = json(lead.get(&newcastle).await, 200).await;
    assert_eq!(bid["bid"]["decision"]["reason"], "What the fund had left");
    let page = lead.get(&newcastle.replace("/api/", "/api/views/")).await.text().await.unwrap();
    assert!(page.contains("Approved in part on "), "{page}");
    assert!(page.contains("What the fund had left"), "{page}");
    let funding =
        lead.get("/api/views/organisations/RTD/funding?period=2025%2F26").await.text().await.unwrap();
    assert!(funding.contains("Approved by the review board"), "{funding}");
    assert!(funding.contains(r#"id="approved-bids-total" colspan="2"><span class="nhsuk-table-responsive__heading" aria-hidden="true">Total approved </span>£2.00"#), "{funding}");

    // The approved bid is a funded item of the year, for what the board gave, and carries benefits.
    let benefits = json(lead.get("/api/organisations/RTD/benefits?period=2025/26").await, 200).await;
    assert_eq!(benefits["funded"][0]["title"], "A shared care record for RTD");
    assert_eq!(benefits["funded"][0]["amount"], 200, "£1 capital and £1 revenue, not the £3 asked");
    let benefit = json!({
        "fundedBy": {"source": "bid", "bid": newcastle.rsplit('/').next().unwrap()},
        "description": "Repeated tests avoided", "kind": "cash-releasing", "unit": "pounds",
        "baseline": "0", "target": "£1,500", "due": wgll_tests::date_from_today(180).to_string(),
    });
    let added = json(lead.post("/api/organisations/RTD/benefits", &benefit).await, 201).await;
    assert_eq!(added["target"], 150_000);

    // Where the money went, to the penny.
    let fairness = json(app.get("/api/funding/2025-26/fairness").await, 200).await;
    let rows = |key: &str| -> Vec<(String, u64, u64, u64, u64)> {
        fairness[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|row| {
                (
                    row["label"].as_str().unwrap().to_owned(),
                    row["asked"].as_u64().unwrap(),
                    row["given"].as_u64().unwrap(),
                    row["shareOfGiven"].as_u64().unwrap(),
                    row["givenOfAsked"].as_u64().unwrap(),
                )
            })
            .collect()
    };
    assert_eq!(
        rows("byIcs"),
        [
            ("North East and North Cumbria ICS".to_owned(), 300, 200, 2_000, 6_667),
            ("West Yorkshire ICS".to_owned(), 800, 800, 8_000, 10_000),
        ]
    );
    assert_eq!(rows("byRegion"), [("North East and Yorkshire".to_owned(), 1_100, 1_000, 10_000, 9_091)]);
    assert_eq!(
        rows("byMaturity"),
        [
            ("Level 1".to_owned(), 800, 800, 8_000, 10_000),
            ("No published review".to_owned(), 300, 200, 2_000, 6_667)
        ]
    );
    let csv = app.get("/api/funding/2025-26/fairness.csv").await.text().await.unwrap();
    assert!(
        csv.contains("\r\nICS,QHM,North East and North Cumbria ICS,1,1,0,300,200,2000,6667\r\n"),
        "{csv}"
    );
    let csv = app.get(BOARD.replace("board", "board.csv").as_str()).await.text().await.unwrap();
    assert!(csv.contains(",RR8,Leeds Teaching Hospitals NHS Trust,QWO,North East and Yorkshire,"), "{csv}");
    assert!(csv.contains(",frontline,500,300,Approved,500,300,1,4,3,12,\r\n"), "{csv}");
}

#[tokio::test]
async fn two_decisions_racing_for_the_last_of_a_fund_approve_one_and_write_nothing_of_the_other() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    fund(&app).await;
    // Each asks £4 capital of the £6 the fund holds: each fits alone, not both.
    let first = submitted_bid(&app, "RR8", "4", "").await;
    let second = submitted_bid(&app, "RTD", "4", "").await;
    let approve = decision("approve", 3, json!([]), "");
    let (first_decision, second_decision) = (format!("{first}/decision"), format!("{second}/decision"));
    let (a, b) = tokio::join!(app.post(&first_decision, &approve), app.post(&second_decision, &approve));
    let mut statuses = [a.status().as_u16(), b.status().as_u16()];
    statuses.sort_unstable();
    // The loser is refused by the transaction (409) or, if it read after the winner, by the
    // check before it (422): never both approved.
    assert!(statuses == [200, 409] || statuses == [200, 422], "{statuses:?}");
    assert_eq!(approvals(&app).await, json!({"capital": 400, "revenue": 0}));
    let mut decided = Vec::new();
    for path in [&first, &second] {
        decided.push(json(app.get(path).await, 200).await["bid"]["status"].as_str().unwrap().to_owned());
    }
    decided.sort();
    assert_eq!(decided, ["approved", "submitted"]);
}

#[tokio::test]
async fn bad_decisions_are_refused_with_what_to_fix_and_only_administrators_decide() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    fund(&app).await;
    let bid = submitted_bid(&app, "RR8", "5", "3").await;
    let problem =
        json(app.post(&format!("{bid}/decision"), &decision("decline", 3, json!([]), " ")).await, 422).await;
    assert_eq!(
        problem["errors"],
        json!([{"field": "reason", "message": "Say why, for the applicant: they will see it"}])
    );
    let too_much = json!([{"fund": "frontline", "capital": "5.01", "revenue": ""}]);
    let problem = json(
        app.post(&format!("{bid}/decision"), &decision("approve-in-part", 3, too_much, "Less")).await,
        422,
    )
    .await;
    assert_eq!(problem["errors"][0]["message"], "No more than the £5.00 capital asked of this fund");
    json(app.post(&format!("{bid}/decision"), &decision("approve", 2, json!([]), "")).await, 409).await;
    let mut unknown = decision("approve", 3, json!([]), "");
    unknown["approvedBy"] = json!("me");
    json(app.post(&format!("{bid}/decision"), &unknown).await, 400).await;
    let nested =
        decision("approve-in-part", 3, json!([{"fund": "frontline", "capital": "1", "pence": 1}]), "x");
    json(app.post(&format!("{bid}/decision"), &nested).await, 400).await;

    let ics_lead = app.signed_in_as("Ike", "ike@example.nhs.uk", &["ics-lead:QWO"]);
    let problem =
        json(ics_lead.post(&format!("{bid}/decision"), &decision("approve", 3, json!([]), "")).await, 403)
            .await;
    assert_eq!(problem["detail"], "Only administrators sit on the review board that decides bids.");
    json(ics_lead.get(BOARD).await, 403).await;
    json(ics_lead.get("/api/funding/2025-26/fairness").await, 403).await;
    json(app.get(&format!("{BOARD}?month=2025-13")).await, 422).await;
    // Nothing was decided by any of that.
    assert_eq!(json(app.get(&bid).await, 200).await["bid"]["status"], "submitted");
    assert_eq!(approvals(&app).await, json!({"capital": 0, "revenue": 0}));
    // A draft is not before the board.
    let draft = json(app.post("/api/organisations/RTD/bids", &json!({"period": "2025/26"})).await, 201).await;
    let path = format!("/api/organisations/RTD/bids/{}/decision", draft["id"].as_str().unwrap());
    json(app.post(&path, &decision("approve", 1, json!([]), "")).await, 404).await;
}

#[tokio::test]
async fn the_board_s_pages_list_the_month_s_bids_and_record_a_decision() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    fund(&app).await;
    let bid = submitted_bid(&app, "RR8", "5", "3").await;
    let id = bid.rsplit('/').next().unwrap().to_owned();
    let admin = app.acting_as(Some(app.token_for("Ade", "lead@example.nhs.uk", &["administrator"])));
    let board = admin.get("/api/views/review-board?period=2025%2F26").await.text().await.unwrap();
    assert!(board.contains("The frontline fund"), "{board}");
    assert!(
        board.contains(
            "Holds £6.00 capital and £4.00 revenue: £6.00 capital and £4.00 revenue left of £10.00."
        ),
        "{board}"
    );
    assert!(board.contains(&format!(r#"href="/review-board/RR8/{id}""#)), "{board}");
    assert!(board.contains("No published review (need counts as 3)"), "{board}");

    let page = format!("/api/views/review-board/RR8/{id}");
    let refused =
        admin.post_form(&page, "version=3&strategicFit=9&valueForMoney=3&outcome=decline&reason=").await;
    assert_eq!(refused.status(), 422);
    let body = refused.text().await.unwrap();
    assert!(body.contains("Score strategic fit from 1 to 5"), "{body}");
    assert!(body.contains("Say why, for the applicant: they will see it"), "{body}");
    let decided = admin
        .post_form(&page, "version=3&strategicFit=2&valueForMoney=2&outcome=decline&reason=Not+this+year")
        .await;
    assert_eq!(decided.status(), 200);
    let body = decided.text().await.unwrap();
    assert!(body.contains("The decision is recorded: declined."), "{body}");
    assert!(body.contains("Not this year"), "{body}");
    let unknown = admin.post_form(&page, "version=4&strategicFit=2&sneaky=1").await;
    assert_eq!(unknown.status(), 422);
    let fairness = admin.get("/api/views/review-board/fairness?period=2025%2F26").await.text().await.unwrap();
    assert!(fairness.contains("West Yorkshire ICS"), "{fairness}");
}

/// The storage's own guarantee, without the check before it: a decision that would take a fund
/// over what it holds, or that read the fund before it changed, is refused by the transaction and
/// writes nothing.
#[tokio::test]
async fn the_decision_s_transaction_refuses_an_over_approval_or_a_changed_fund_and_writes_nothing() {
    use wgll_functions::store::bids::FundDraw;
    use wgll_functions::store::{Refusal, Store, StoreError};
    use wgll_shared::bids::{Bid, BidLine, BidStatus};
    use wgll_shared::funding::Pence;

    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    fund(&app).await;
    let leeds = submitted_bid(&app, "RR8", "5", "3").await;
    let newcastle = submitted_bid(&app, "RTD", "2", "").await;
    json(app.post(&format!("{leeds}/decision"), &decision("approve", 3, json!([]), "")).await, 200).await;

    let store = Store::connect(&app.config).await;
    let period = wgll_shared::period::Period::parse("2025/26").unwrap();
    let funds = store.list_funds(&period).await.unwrap();
    let fund = &funds[0];
    let ods = wgll_shared::organisation::OdsCode::parse("RTD").unwrap();
    let id = wgll_shared::ids::BidId::parse(newcastle.rsplit('/').next().unwrap()).unwrap();
    let saved = store.get_bid(&ods, &id).await.unwrap().unwrap();
    let line = BidLine { fund: fund.value.id().clone(), capital: Pence::new(200), revenue: Pence::ZERO };
    let approved = Bid { status: BidStatus::Approved, version: saved.version + 1, ..saved.clone() };

    // £2.00 capital when £1.00 is left.
    let over = [FundDraw { fund: &fund.value, fund_version: fund.version, line: &line }];
    assert!(matches!(store.decide_bid(&approved, &over).await, Err(StoreError::Refused(Refusal::Closed))));
    // Within what is left, but over a fund read at an older version.
    let small = BidLine { capital: Pence::new(100), ..line.clone() };
    let stale = [FundDraw { fund: &fund.value, fund_version: fund.version - 1, line: &small }];
    assert!(matches!(store.decide_bid(&approved, &stale).await, Err(StoreError::Refused(Refusal::Stale))));

    assert_eq!(store.get_bid(&ods, &id).await.unwrap().unwrap(), saved, "the bid as it was");
    assert_eq!(
        approvals(&app).await,
        json!({"capital": 500, "revenue": 300}),
        "the fund's approvals as they were"
    );
    // And exactly what is left goes through.
    let exact = [FundDraw { fund: &fund.value, fund_version: fund.version, line: &small }];
    store.decide_bid(&approved, &exact).await.unwrap();
    assert_eq!(approvals(&app).await, json!({"capital": 600, "revenue": 300}));
}

#[tokio::test]
async fn the_synthetic_data_set_has_bids_before_the_board_within_what_the_fund_holds() {
    use wgll_functions::store::synthetic::{Shape, SyntheticBids};
    use wgll_shared::funding::Pence;
    use wgll_shared::review_board::Approved;
    let app = TestApp::spawn().await;
    let store = wgll_functions::store::Store::connect(&app.config).await;
    let shape = Shape { icss: 2, organisations_per_ics: 3, periods: 2 };
    store.load_synthetic(shape).await.unwrap();
    // Six providers; every fourth bids (S0101 in October, S0202 in November); every other bid is
    // decided, the first approved in full: £100,000 capital and £20,000 revenue.
    assert_eq!(
        store.load_synthetic_bids(shape).await.unwrap(),
        SyntheticBids {
            bids: 2,
            decided: 1,
            approved: Approved { capital: Pence::new(10_000_000), revenue: Pence::new(2_000_000) },
        }
    );
    let october = json(app.get(&format!("{BOARD}?month=2025-10")).await, 200).await;
    assert_eq!(october["months"], json!(["2025-11", "2025-10"]), "the months with bids, newest first");
    assert_eq!(october["bids"][0]["bid"]["odsCode"], "S0101");
    assert_eq!(october["bids"][0]["bid"]["status"], "approved");
    assert_eq!(
        october["funds"]
            .as_array()
            .unwrap()
            .iter()
            .find(|fund| fund["fund"]["id"] == "synthetic-frontline-digitisation")
            .unwrap()["approved"],
        json!({"capital": 10_000_000, "revenue": 2_000_000})
    );
    let december = json(app.get(&format!("{BOARD}?month=2025-12")).await, 200).await;
    assert_eq!(december["waitingEarlier"], json!([["2025-11", 1]]));
    let fairness = json(app.get("/api/funding/2025-26/fairness").await, 200).await;
    assert_eq!(
        (fairness["total"]["decided"].as_u64(), fairness["total"]["given"].as_u64()),
        (Some(1), Some(12_000_000))
    );
    assert_eq!(fairness["byRegion"][0]["label"], "North East and Yorkshire");
}
