//! What organisations spend on tech: a year's spend recorded by category, as a share of budget and
//! per head beside organisations of the same kind (median and middle half) and beside maturity;
//! an ICS sees where under-investment and low maturity meet.

use serde_json::{Value, json};
use wgll_shared::framework::Variant::Organisation;
use wgll_tests::{TestApp, funding::record_population, json};

const LEEDS: &str = "/api/organisations/RR8/tech-spend/2025-26";

/// A year's spend as the form would send it: the budget and one revenue line, in pounds.
fn spend(budget: &str, revenue: &str, version: u64) -> Value {
    json!({"budget": budget, "lines": [{"category": "cloud-and-data-centres", "revenue": revenue}], "version": version})
}

/// Leeds (RR8) at 1.98% of its budget, Mid Yorkshire (RXF) at 3% and Newcastle (RTD) at 4%: the
/// three acute trusts. Leeds's published levels have a median of 2.
async fn three_acute_trusts(app: &TestApp) {
    app.add_two_icss_and_their_trusts().await;
    app.publish_peer_review("RR8", Organisation, "2025/26", [2, 2, 2, 3, 2, 2, 1]).await;
    record_population(app, "RR8", 612_345).await;
    let leeds = json!({"budget": "£245,000,000", "version": 0, "lines": [
        {"category": "applications", "capital": "1,200,000.50", "revenue": "3,400,000"},
        {"category": "local-cybersecurity", "revenue": "250,000.25"},
    ]});
    json(app.put(LEEDS, &leeds).await, 200).await;
    json(
        app.put("/api/organisations/RXF/tech-spend/2025-26", &spend("100,000,000", "3,000,000", 0)).await,
        200,
    )
    .await;
    json(
        app.put("/api/organisations/RTD/tech-spend/2025-26", &spend("200,000,000", "8,000,000", 0)).await,
        200,
    )
    .await;
}

#[tokio::test]
async fn an_organisation_sees_its_spend_beside_its_kind_and_its_maturity() {
    let app = TestApp::spawn().await;
    three_acute_trusts(&app).await;
    let lead = app.signed_in_as("Olu", "olu@example.nhs.uk", &["organisation-lead:RR8"]);
    let view = json(lead.get(LEEDS).await, 200).await;
    // £1,200,000.50 + £3,400,000 + £250,000.25, to the penny.
    assert_eq!(
        view["spend"]["lines"][0],
        json!({"category": "applications", "capital": 120_000_050, "revenue": 340_000_000})
    );
    assert_eq!(
        view["spend"]["lines"][3],
        json!({"category": "local-cybersecurity", "capital": 0, "revenue": 25_000_025})
    );
    assert_eq!(view["spend"]["budget"], 24_500_000_000_u64);
    // 485,000,075p of 24,500,000,000p is 1.9796%: 198 basis points. Per head of 612,345: 792p.
    assert_eq!(view["shareOfBudget"], 198);
    assert_eq!((view["population"].as_u64(), view["perHead"].as_u64()), (Some(612_345), Some(792)));
    // Acute trusts' shares 198, 300 and 400: the middle half is 249 to 350, the median 300.
    assert_eq!(
        view["benchmark"]["shareOfBudget"],
        json!({"count": 3, "lowerQuartile": 249, "median": 300, "upperQuartile": 350})
    );
    assert_eq!(view["benchmark"]["recorded"], 3);
    assert_eq!(view["benchmark"].get("perHead"), None, "only Leeds has a weighted population");
    assert_eq!(view["underInvested"], true);
    assert_eq!(view["medianLevel"], 2.0);
    assert_eq!(view["levels"], json!([2, 2, 2, 3, 2, 2, 1]));
    // A mental health trust has nothing to compare with yet.
    let partnership = json(app.get("/api/organisations/RGD/tech-spend/2025-26").await, 200).await;
    assert_eq!(
        (partnership["spend"].clone(), partnership["benchmark"]["recorded"].clone()),
        (Value::Null, json!(0))
    );

    // The page says the same in words, with the warning where both meet.
    let page = lead.get("/api/views/organisations/RR8/tech-spend?period=2025/26").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    for expected in [
        "£4,850,000.75 (capital £1,200,000.50, revenue £3,650,000.25)",
        "1.98%",
        "£7.92 of a weighted population of 612,345",
        "Share of budget: median 3.00%, middle half 2.49% to 3.50% (3 organisations).",
        "Under-invested and low maturity",
        "agreed a median level of 2 across the measures (2, 2, 2, 3, 2, 2, 1)",
        "Save the tech spend",
    ] {
        assert!(html.contains(expected), "{expected} in {html}");
    }
}

#[tokio::test]
async fn a_year_is_recorded_over_the_version_read_and_bad_figures_change_nothing() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    json(app.put(LEEDS, &spend("1,000", "400", 0)).await, 200).await;
    // Saved by someone else meanwhile: refused, and what they saved stays.
    let problem = json(app.put(LEEDS, &spend("1,000", "500", 0)).await, 409).await;
    assert_eq!(
        problem["detail"],
        "Leeds Teaching Hospitals NHS Trust’s 2025/26 tech spend was saved by someone else since you opened it, so this was not saved. Open it again to see theirs."
    );
    let problem = json(app.put(LEEDS, &spend("1,000", "1,000.01", 1)).await, 422).await;
    assert_eq!(problem["errors"][0]["field"], "budget");
    assert_eq!(
        problem["errors"][0]["message"],
        "The tech spend (£1,000.01) is more than the total budget (£1,000.00): check both"
    );
    let body = json!({"budget": "1,000", "version": 1, "lines": [{"category": "cloud-and-data-centres", "revenue": "1", "note": "x"}]});
    json(app.put(LEEDS, &body).await, 400).await;
    let view = json(app.get(LEEDS).await, 200).await;
    assert_eq!(
        (view["spend"]["version"].as_u64(), view["spend"]["lines"][1]["revenue"].as_u64()),
        (Some(1), Some(40_000))
    );
    json(app.put(LEEDS, &spend("1,000", "500", 1)).await, 200).await;
    let view = json(app.get(LEEDS).await, 200).await;
    let history: Vec<(u64, u64)> = view["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|change| (change["version"].as_u64().unwrap(), change["total"].as_u64().unwrap()))
        .collect();
    assert_eq!(history, [(2, 50_000), (1, 40_000)], "newest first");

    // Who may record and see it: its lead and its ICS's, never another organisation's lead.
    let ics_lead = app.signed_in_as("Ike", "ike@example.nhs.uk", &["ics-lead:QWO"]);
    json(ics_lead.put(LEEDS, &spend("1,000", "600", 2)).await, 200).await;
    let other = app.signed_in_as("Rita", "rita@example.nhs.uk", &["organisation-lead:RTD"]);
    let problem = json(other.get(LEEDS).await, 403).await;
    assert_eq!(
        problem["detail"],
        "Only the organisation’s lead, its ICS’s lead or an administrator can see its tech spend."
    );
    json(other.put(LEEDS, &spend("1,000", "700", 3)).await, 403).await;
    let reviewer = app.signed_in_as("Rev", "rev@example.nhs.uk", &["reviewer"]);
    json(reviewer.put(LEEDS, &spend("1,000", "700", 3)).await, 403).await;
    json(app.get("/api/organisations/XXX/tech-spend/2025-26").await, 404).await;
}

#[tokio::test]
async fn an_ics_sees_where_under_investment_and_low_maturity_meet() {
    let app = TestApp::spawn().await;
    three_acute_trusts(&app).await;
    let ics_lead = app.signed_in_as("Ike", "ike@example.nhs.uk", &["ics-lead:QWO"]);
    let view = json(ics_lead.get("/api/ics/QWO/tech-spend/2025-26").await, 200).await;
    let rows: Vec<(&str, Value, Value, bool, Value, bool)> = view["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            (
                row["odsCode"].as_str().unwrap(),
                row["shareOfBudget"].clone(),
                row["kindMedianShare"].clone(),
                row["underInvested"] == true,
                row["medianLevel"].clone(),
                row["lowMaturity"] == true,
            )
        })
        .collect();
    assert_eq!(
        rows,
        [
            ("QWO", Value::Null, Value::Null, false, Value::Null, false),
            ("RGD", Value::Null, Value::Null, false, Value::Null, false),
            ("RR8", json!(198), json!(300), true, json!(2.0), true),
            ("RXF", json!(300), json!(300), false, Value::Null, false),
        ]
    );
    let csv = ics_lead.get("/api/ics/QWO/tech-spend/2025-26/export.csv").await;
    assert_eq!(csv.status(), 200);
    let csv = csv.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "ICS ODS code,Period,ODS code,Organisation,Kind,Tech spend (£),Share of budget (%),Spend per head (£),Median share of its kind (%),Under-invested,Median maturity level,Low maturity"
    );
    assert_eq!(
        lines[3],
        "QWO,2025/26,RR8,Leeds Teaching Hospitals NHS Trust,Acute trust,4850000.75,1.98,7.92,3.00,Yes,2,Yes"
    );
    assert_eq!(
        lines[4],
        "QWO,2025/26,RXF,Mid Yorkshire Teaching NHS Trust,Acute trust,3000000.00,3.00,,3.00,,,"
    );
    let page = ics_lead.get("/api/views/ics/QWO/tech-spend?period=2025/26").await.text().await.unwrap();
    assert!(
        page.contains("1 of 4 spend a smaller share of their budget on tech than most of their kind"),
        "{page}"
    );
    assert!(page.contains("<li>Leeds Teaching Hospitals NHS Trust (RR8)</li>"), "{page}");

    let other_ics = app.signed_in_as("Hana", "hana@example.nhs.uk", &["ics-lead:QHM"]);
    json(other_ics.get("/api/ics/QWO/tech-spend/2025-26").await, 403).await;
    let trust_lead = app.signed_in_as("Olu", "olu@example.nhs.uk", &["organisation-lead:RR8"]);
    json(trust_lead.get("/api/ics/QWO/tech-spend/2025-26").await, 403).await;
    json(app.get("/api/ics/RR8/tech-spend/2025-26").await, 404).await;
}

#[tokio::test]
async fn the_page_s_form_keeps_what_was_typed_beside_each_error() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let form = "period=2025%2F26&version=0&budget=&cloud-and-data-centres-capital=12.345&cloud-and-data-centres-revenue=400";
    let answer =
        app.acting_as(None).request(reqwest::Method::POST, "/api/views/organisations/RR8/tech-spend");
    assert_eq!(answer.send().await.unwrap().status(), 401);
    let answer = app.signed_in_as("Admin", "admin@example.nhs.uk", &["administrator"]);
    let refused = answer.post_form("/api/views/organisations/RR8/tech-spend", form).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains(r##"<a href="#budget">Enter the organisation’s total budget for the year</a>"##),
        "{html}"
    );
    assert!(
        html.contains(r##"<a href="#cloud-and-data-centres-capital">Enter the amount to the nearest penny"##),
        "{html}"
    );
    assert!(html.contains(r#"value="12.345""#), "what was typed stays: {html}");
    assert_eq!(json(app.get(LEEDS).await, 200).await["spend"], Value::Null, "nothing saved");
    let saved = answer
        .post_form(
            "/api/views/organisations/RR8/tech-spend",
            "period=2025%2F26&version=0&budget=1%2C000&cloud-and-data-centres-revenue=400",
        )
        .await;
    assert_eq!(saved.status(), 200);
    assert!(saved.text().await.unwrap().contains("You saved the 2025/26 tech spend: £400.00."));
    let stray = answer
        .post_form("/api/views/organisations/RR8/tech-spend", "period=2025%2F26&version=1&budget=1&extra=1")
        .await;
    assert_eq!(stray.status(), 422);
}
