//! Self-assessment and peer review for the same period, side by side per measure.

use serde_json::json;
use wgll_tests::{LEAD_REVIEWER, TestApp, json};

#[tokio::test]
async fn self_assessment_and_peer_review_are_compared_measure_by_measure() {
    let app = TestApp::spawn().await;
    json(
        app.post(
            "/api/organisations",
            &json!({"odsCode": "QWO", "name": "West Yorkshire ICS", "kind": "ics"}),
        )
        .await,
        201,
    )
    .await;
    json(
        app.post(
            "/api/organisations",
            &json!({"odsCode": "RR8", "name": "Leeds", "kind": "acute-trust", "icsCode": "QWO"}),
        )
        .await,
        201,
    )
    .await;
    let start = |kind: &str, period: &str| json!({"organisation": "RR8", "period": period, "kind": kind, "reviewers": [LEAD_REVIEWER]});
    let own = json(app.post("/api/reviews", &start("self-assessment", "2025/26")).await, 201).await;
    let peer = json(app.post("/api/reviews", &start("peer-review", "2025/26")).await, 201).await;
    let other_year = json(app.post("/api/reviews", &start("peer-review", "2024/25")).await, 201).await;
    let score = |review: &serde_json::Value, measure: u8, level: u8| {
        (
            format!("/api/reviews/{}/measures/{measure}", review["id"].as_str().unwrap()),
            json!({"level": level, "version": 0}),
        )
    };
    for (path, body) in [score(&own, 1, 4), score(&own, 2, 3), score(&peer, 1, 2), score(&other_year, 2, 1)] {
        json(app.put(&path, &body).await, 200).await;
    }

    let comparison = json(app.get("/api/organisations/RR8/comparison?period=2025/26").await, 200).await;
    assert_eq!(comparison["selfAssessment"]["id"], own["id"]);
    assert_eq!(comparison["peerReview"]["id"], peer["id"]);
    let measures = comparison["measures"].as_array().unwrap();
    assert_eq!(measures.len(), 7);
    assert_eq!(
        measures[0],
        json!({"measure": 1, "title": "Well led", "selfLevel": 4, "peerLevel": 2, "difference": -2})
    );
    assert_eq!(measures[1]["selfLevel"], 3);
    assert_eq!(measures[1]["peerLevel"], json!(null), "the other year's peer review is not mixed in");
    assert_eq!(measures[1]["difference"], json!(null));

    json(app.get("/api/organisations/RR8/comparison?period=2025").await, 422).await;
    json(app.get("/api/organisations/RR8/comparison").await, 400).await;
}

#[tokio::test]
async fn an_ics_lists_its_own_and_its_organisations_reviews_for_a_period_in_one_query() {
    let app = TestApp::spawn().await;
    for organisation in [
        json!({"odsCode": "QWO", "name": "West Yorkshire ICS", "kind": "ics"}),
        json!({"odsCode": "QHM", "name": "Cumbria and North East ICS", "kind": "ics"}),
        json!({"odsCode": "RR8", "name": "Leeds", "kind": "acute-trust", "icsCode": "QWO"}),
        json!({"odsCode": "RXF", "name": "Mid Yorkshire", "kind": "acute-trust", "icsCode": "QWO"}),
        json!({"odsCode": "RTD", "name": "Newcastle", "kind": "acute-trust", "icsCode": "QHM"}),
    ] {
        json(app.post("/api/organisations", &organisation).await, 201).await;
    }
    for (ods, period) in [("QWO", "2025/26"), ("RR8", "2025/26"), ("RXF", "2024/25"), ("RTD", "2025/26")] {
        let body = json!({"organisation": ods, "period": period, "kind": "peer-review", "reviewers": [LEAD_REVIEWER]});
        json(app.post("/api/reviews", &body).await, 201).await;
    }
    let reviews = json(app.get("/api/ics/qwo/reviews?period=2025/26").await, 200).await;
    let codes: Vec<&str> =
        reviews.as_array().unwrap().iter().map(|r| r["organisation"].as_str().unwrap()).collect();
    assert_eq!(codes, ["RR8", "QWO"], "sorted by name; other periods and other ICSs left out");
    let lead_elsewhere = app.acting_as(Some(app.token_for("Lead", "qhm@example.nhs.uk", &["ics-lead:QHM"])));
    assert_eq!(json(lead_elsewhere.get("/api/ics/QWO/reviews?period=2025/26").await, 200).await, json!([]));
    let problem = json(app.get("/api/ics/Q!/reviews?period=2025").await, 422).await;
    assert_eq!(problem["errors"].as_array().unwrap().len(), 2);
}
