//! Self-assessment and peer review for the same period, side by side per measure.

use serde_json::json;
use wgll_tests::{LEAD_REVIEWER, TestApp, json};

#[tokio::test]
async fn self_assessment_and_peer_review_are_compared_measure_by_measure() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let own = app.start_review("RR8", "2025/26", "self-assessment", &[LEAD_REVIEWER]).await;
    let peer = app.start_review("RR8", "2025/26", "peer-review", &[LEAD_REVIEWER]).await;
    let other_year = app.start_review("RR8", "2024/25", "peer-review", &[LEAD_REVIEWER]).await;
    let score = |review: &str, measure: u8, level: u8| {
        (format!("/api/reviews/{review}/measures/{measure}"), json!({"level": level, "version": 0}))
    };
    for (path, body) in [score(&own, 1, 4), score(&own, 2, 3), score(&peer, 1, 2), score(&other_year, 2, 1)] {
        json(app.put(&path, &body).await, 200).await;
    }

    let comparison = json(app.get("/api/organisations/RR8/comparison?period=2025/26").await, 200).await;
    assert_eq!(comparison["selfAssessment"]["id"], own);
    assert_eq!(comparison["peerReview"]["id"], peer);
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
    app.add_two_icss_and_their_trusts().await;
    for (ods, period) in [("QWO", "2025/26"), ("RR8", "2025/26"), ("RXF", "2024/25"), ("RTD", "2025/26")] {
        app.start_review(ods, period, "peer-review", &[LEAD_REVIEWER]).await;
    }
    let reviews = json(app.get("/api/ics/qwo/reviews?period=2025/26").await, 200).await;
    let codes: Vec<&str> =
        reviews.as_array().unwrap().iter().map(|r| r["organisation"].as_str().unwrap()).collect();
    assert_eq!(codes, ["RR8", "QWO"], "sorted by name; other periods and other ICSs left out");
    let lead_elsewhere = app.signed_in_as("Lead", "qhm@example.nhs.uk", &["ics-lead:QHM"]);
    assert_eq!(json(lead_elsewhere.get("/api/ics/QWO/reviews?period=2025/26").await, 200).await, json!([]));
    // An address that names no ICS is nothing at all; a period that is not one is a field to correct.
    let problem = json(app.get("/api/ics/Q!/reviews?period=2025/26").await, 404).await;
    assert_eq!(
        problem["detail"],
        "An ODS code is 3 to 6 letters and numbers, like RR8 or QWO (you entered “Q!”)"
    );
    let problem = json(app.get("/api/ics/QWO/reviews?period=2025").await, 422).await;
    assert_eq!(problem["errors"][0]["field"], "period");
}
