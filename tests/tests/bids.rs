//! One application for many funds: a draft bid saved as typed (what passes kept, the rest held
//! back and said why), a fund past its closing date refusing new bids and changes, and
//! submission only when the bid is complete.

use serde_json::{Value, json};
use wgll_shared::date::Date;
use wgll_tests::{TestApp, json};

const BIDS: &str = "/api/organisations/RR8/bids";

/// The date `days` from today, as the API writes dates.
fn from_today(days: i64) -> String {
    wgll_tests::date_from_today(days).to_string()
}

/// Two 2025/26 funds: one open for another month, one that closed yesterday.
async fn funds(app: &TestApp) {
    for (id, closing) in [("frontline", from_today(30)), ("cyber", from_today(-1))] {
        let mut fund = wgll_tests::funding::new_fund(id, "strategic-investment", &[2]);
        fund["closingDate"] = json!(closing);
        json(app.post("/api/funding/2025-26/funds", &fund).await, 201).await;
    }
}

fn draft(version: u64, lines: Value) -> Value {
    json!({
        "purpose": "A shared care record for community teams",
        "lines": lines,
        "measures": [4, 2],
        "benefits": "Notes no longer lost between teams",
        "version": version,
    })
}

#[tokio::test]
async fn a_draft_keeps_what_passes_a_closed_fund_refuses_it_and_a_complete_bid_is_submitted() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    funds(&app).await;
    let lead = app.signed_in_as("Olu", "olu@example.nhs.uk", &["organisation-lead:RR8"]);
    let bid = json(lead.post(BIDS, &json!({"period": "2025/26"})).await, 201).await;
    let id = bid["id"].as_str().unwrap().to_owned();
    assert_eq!((bid["status"].as_str(), bid["version"].as_u64()), (Some("draft"), Some(1)));
    let path = format!("{BIDS}/{id}");

    // Saved as typed: the open fund's amounts kept; the closed fund's line refused with why; an
    // amount typed wrongly held back.
    let lines = json!([
        {"fund": "frontline", "capital": "1,000,000", "revenue": "250,000.50"},
        {"fund": "cyber", "capital": "5,000"},
    ]);
    let saved = json(lead.put(&path, &draft(1, lines)).await, 200).await;
    assert_eq!(saved["bid"]["version"], 2);
    assert_eq!(
        saved["bid"]["lines"],
        json!([{"fund": "frontline", "capital": 100_000_000, "revenue": 25_000_050}])
    );
    assert_eq!(saved["bid"]["measures"], json!([2, 4]));
    assert_eq!(
        saved["heldBack"],
        json!([{
            "field": "amount-cyber-capital",
            "message": format!("The cyber fund closed on {}: it takes no new bids and no changes", Date::parse(&from_today(-1)).unwrap().in_words()),
        }])
    );
    let typo = json!([{"fund": "frontline", "capital": "1,000,000.123", "revenue": "250,000.50"}]);
    let saved = json(lead.put(&path, &draft(2, typo)).await, 200).await;
    assert_eq!(saved["bid"]["lines"][0]["capital"], 100_000_000, "the saved amount stays");
    assert_eq!(saved["heldBack"][0]["field"], "amount-frontline-capital");

    // Saved from another tab in between: refused, nothing lost.
    let problem = json(lead.put(&path, &draft(2, json!([]))).await, 409).await;
    assert!(problem["detail"].as_str().unwrap().starts_with("The bid was saved elsewhere"), "{problem}");
    let read = json(lead.get(&path).await, 200).await;
    assert_eq!(read["bid"]["version"], 3);
    assert_eq!(read["funds"].as_array().unwrap().len(), 2, "the year's funds, to choose from");

    // Submitted once complete; then it is the board's, and no longer changes.
    let submitted = json(lead.post(&format!("{path}/submit"), &json!({"version": 3})).await, 200).await;
    assert_eq!(submitted["status"], "submitted");
    assert!(submitted["submittedAt"].is_string());
    json(lead.put(&path, &draft(4, json!([]))).await, 409).await;
    json(lead.post(&format!("{path}/submit"), &json!({"version": 4})).await, 409).await;
    let listed = json(lead.get(BIDS).await, 200).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["status"], "submitted");
}

#[tokio::test]
async fn an_incomplete_bid_or_one_naming_a_closed_fund_is_not_submitted() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    funds(&app).await;
    let bid = json(app.post(BIDS, &json!({"period": "2025/26"})).await, 201).await;
    let path = format!("{BIDS}/{}", bid["id"].as_str().unwrap());
    let problem = json(app.post(&format!("{path}/submit"), &json!({"version": 1})).await, 422).await;
    let fields: Vec<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["purpose", "lines", "benefits"]);
    assert_eq!(json(app.get(&path).await, 200).await["bid"]["status"], "draft", "nothing changed");
    // A link to an action that is not the applicant's is held back.
    let mut body = draft(1, json!([{"fund": "frontline", "revenue": "10"}]));
    body["actions"] = json!(["00000000-0000-4000-8000-000000000000"]);
    let saved = json(app.put(&path, &body).await, 200).await;
    assert_eq!(saved["heldBack"][0]["field"], "actions");
    json(app.post(&format!("{path}/submit"), &json!({"version": 2})).await, 200).await;
}

#[tokio::test]
async fn only_the_applicant_s_leads_and_administrators_see_and_make_its_bids() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    let ics_lead = app.signed_in_as("Ike", "ike@example.nhs.uk", &["ics-lead:QWO"]);
    let bid = json(ics_lead.post(BIDS, &json!({"period": "2025/26"})).await, 201).await;
    let path = format!("{BIDS}/{}", bid["id"].as_str().unwrap());
    let other_lead = app.signed_in_as("Rita", "rita@example.nhs.uk", &["organisation-lead:RTD"]);
    let problem = json(other_lead.get(&path).await, 403).await;
    assert_eq!(
        problem["detail"],
        "Only the organisation’s lead, its ICS’s lead or an administrator can see and make its bids for funding."
    );
    json(other_lead.post(BIDS, &json!({"period": "2025/26"})).await, 403).await;
    let other_ics = app.signed_in_as("Hana", "hana@example.nhs.uk", &["ics-lead:QHM"]);
    json(other_ics.get(BIDS).await, 403).await;
    // An ICS bids for itself.
    json(ics_lead.post("/api/organisations/QWO/bids", &json!({"period": "2025/26"})).await, 201).await;
    json(app.get("/api/organisations/RR8/bids/00000000-0000-4000-8000-000000000000").await, 404).await;
    json(app.post(BIDS, &json!({"period": "2025/27"})).await, 422).await;
    json(app.post(BIDS, &json!({"period": "2025/26", "fund": "x"})).await, 400).await;
}

#[tokio::test]
async fn the_pages_start_a_bid_save_it_as_typed_and_submit_it() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    funds(&app).await;
    let lead = app.signed_in_as("Olu", "olu@example.nhs.uk", &["organisation-lead:RR8"]);
    let page = lead.get("/api/views/organisations/RR8/bids").await.text().await.unwrap();
    assert!(page.contains("There are no bids yet."), "{page}");
    let started = lead.post_form("/api/views/organisations/RR8/bids", "period=2025%2F26").await;
    assert_eq!(started.status(), 200);
    assert!(
        started.text().await.unwrap().contains("You started a bid for 2025/26: open it below to write it.")
    );
    let id = json(lead.get(BIDS).await, 200).await[0]["id"].as_str().unwrap().to_owned();
    let views = format!("/api/views/organisations/RR8/bids/{id}");
    let page = lead.get(&views).await.text().await.unwrap();
    assert!(page.contains(&format!(r#"data-autosave="/organisations/RR8/bids/{id}/draft""#)), "{page}");
    assert!(
        page.contains(&format!("Closes on {}", Date::parse(&from_today(30)).unwrap().in_words())),
        "{page}"
    );

    // The autosave answers with the status line alone: the new version, and what was not saved.
    let typed = "version=1&purpose=Shared+care+record&amount-frontline-capital=1%2C000&amount-cyber-revenue=5&measures=4&benefits=Fewer+lost+notes";
    let saved = lead.post_form(&format!("{views}/draft"), typed).await;
    assert_eq!(saved.status(), 200);
    let status = saved.text().await.unwrap();
    assert!(status.starts_with(r#"<span data-version="2">Saved at "#), "{status}");
    assert!(status.contains("Not saved: The cyber fund closed on "), "{status}");
    let bid = json(lead.get(&format!("{BIDS}/{id}")).await, 200).await["bid"].clone();
    assert_eq!(bid["lines"], json!([{"fund": "frontline", "capital": 100_000, "revenue": 0}]));
    assert_eq!(bid["measures"], json!([4]));
    json(lead.post_form(&format!("{views}/draft"), "version=2&colour=red").await, 422).await;

    // Submitting with a line the closed fund refuses shows it beside the field, and submits nothing.
    let refused = lead.post_form(&views, "version=2&purpose=Shared+care+record&amount-frontline-capital=1%2C000&amount-cyber-revenue=5&benefits=Fewer+lost+notes").await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(html.contains(r##"<a href="#amount-cyber-capital">The cyber fund closed on "##), "{html}");
    assert_eq!(json(lead.get(&format!("{BIDS}/{id}")).await, 200).await["bid"]["status"], "draft");
    let submitted = lead
        .post_form(&views, "version=3&purpose=Shared+care+record&amount-frontline-capital=1%2C000&benefits=Fewer+lost+notes&measures=2&measures=4")
        .await;
    assert_eq!(submitted.status(), 200);
    let html = submitted.text().await.unwrap();
    assert!(html.contains("You submitted the bid: £1,000.00 asked of the review board."), "{html}");
    assert!(html.contains("The frontline fund: capital £1,000.00, revenue £0.00"), "{html}");
    assert_eq!(json(lead.get(&format!("{BIDS}/{id}")).await, 200).await["bid"]["measures"], json!([2, 4]));
}
