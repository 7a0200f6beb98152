//! Peer pairs against DynamoDB Local: the organisations suggested as a peer review's peers (the
//! same kind, in another ICS, closest in weighted population first) and the one an administrator
//! confirms, kept beside the review with the confirmation in its history.

use serde_json::json;
use wgll_tests::funding::record_population;
use wgll_tests::{LEAD_REVIEWER, TestApp, json};

/// RR8's peer review for 2025/26, with Hull (RWA, an acute trust in a third ICS) beside the
/// fixture's trusts, and weighted populations: RR8 1,000,000, RTD 1,250,000, RWA 900,000.
async fn peer_review(app: &TestApp) -> String {
    app.add_two_icss_and_their_trusts().await;
    app.add_organisations(&[
        json!({"odsCode": "QOQ", "name": "Humber and North Yorkshire ICS", "kind": "ics", "region": "north-east-and-yorkshire"}),
        json!({"odsCode": "RWA", "name": "Hull University Teaching Hospitals", "kind": "acute-trust", "icsCode": "QOQ"}),
    ])
    .await;
    for (ods, population) in [("RR8", 1_000_000), ("RTD", 1_250_000), ("RWA", 900_000)] {
        record_population(app, ods, population).await;
    }
    app.start_review("RR8", "2025/26", "peer-review", &[LEAD_REVIEWER]).await
}

#[tokio::test]
async fn an_administrator_confirms_one_of_the_suggested_peers() {
    let app = TestApp::spawn().await;
    let id = peer_review(&app).await;

    // Acute trusts in other ICSs, closest in size first; not Mid Yorkshire (the same ICS) nor
    // Leeds and York Partnership (a mental health trust).
    let peers = json(app.get(&format!("/api/reviews/{id}/peers")).await, 200).await;
    assert_eq!(peers["confirmed"], serde_json::Value::Null);
    assert_eq!(
        peers["suggestions"],
        json!([
            {"odsCode": "RWA", "name": "Hull University Teaching Hospitals", "icsCode": "QOQ", "weightedPopulation": 900_000},
            {"odsCode": "RTD", "name": "Newcastle upon Tyne Hospitals", "icsCode": "QHM", "weightedPopulation": 1_250_000},
        ])
    );
    let lead = app.signed_in_as("Lead", LEAD_REVIEWER, &["reviewer", "organisation:RJ1"]);
    json(lead.get(&format!("/api/reviews/{id}/peers")).await, 403).await;

    // Only a peer can be confirmed, over the version read.
    let confirm =
        |organisation: &str, version: u64| json!({"organisation": organisation, "version": version});
    let path = format!("/api/reviews/{id}/peer");
    let same_ics = json(app.put(&path, &confirm("RXF", 0)).await, 422).await;
    assert_eq!(
        same_ics["errors"][0]["message"],
        "A peer is in another ICS: Mid Yorkshire Teaching NHS Trust is in Leeds Teaching Hospitals NHS Trust’s own"
    );
    let other_kind = json(app.put(&path, &confirm("RGD", 0)).await, 422).await;
    assert_eq!(
        other_kind["errors"][0]["message"],
        "A peer is the same kind of organisation: Leeds and York Partnership NHS Foundation Trust is of another kind (Mental health trust)"
    );
    let unknown = json(app.put(&path, &confirm("ZZZ9", 0)).await, 422).await;
    assert_eq!(unknown["errors"][0]["message"], "There is no organisation with ODS code ZZZ9");
    json(lead.put(&path, &confirm("RWA", 0)).await, 403).await;
    let confirmed = json(app.put(&path, &confirm("RWA", 0)).await, 200).await;
    assert_eq!(confirmed["odsCode"], "RWA");
    assert_eq!(confirmed["version"], 1);
    json(app.put(&path, &confirm("RTD", 0)).await, 409).await;
    assert_eq!(
        json(app.get(&format!("/api/reviews/{id}/peers")).await, 200).await["confirmed"]["name"],
        "Hull University Teaching Hospitals"
    );
    let history = json(app.get(&format!("/api/reviews/{id}/history")).await, 200).await;
    assert!(history.as_array().unwrap().iter().any(|entry| entry["summary"]
        == "Confirmed Hull University Teaching Hospitals (RWA) as the peer organisation"));

    // The page's form changes it, and a self-assessment has no peers.
    let admin =
        app.acting_as(Some(app.token_for("Lead Reviewer", LEAD_REVIEWER, wgll_tests::DEFAULT_GROUPS)));
    let page = admin.get(&format!("/api/views/reviews/{id}/peers")).await.text().await.unwrap();
    assert!(page.contains(r#"value="RWA" checked"#), "{page}");
    let changed =
        admin.post_form(&format!("/api/views/reviews/{id}/peers"), "version=1&organisation=RTD").await;
    assert_eq!(changed.status().as_u16(), 200);
    assert!(
        changed
            .text()
            .await
            .unwrap()
            .contains("You confirmed Newcastle upon Tyne Hospitals (RTD) as the peer organisation.")
    );
    let unchosen =
        admin.post_form(&format!("/api/views/reviews/{id}/peers"), "version=2&organisation=").await;
    assert_eq!(unchosen.status().as_u16(), 422);
    assert!(
        unchosen
            .text()
            .await
            .unwrap()
            .contains(r##"<a href="#organisation">Choose the peer organisation</a>"##)
    );
    let own = app.start_review("RR8", "2025/26", "self-assessment", &[LEAD_REVIEWER]).await;
    json(app.get(&format!("/api/reviews/{own}/peers")).await, 409).await;
}
