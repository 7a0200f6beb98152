//! Draft → Submitted → Moderated → Published, with the conditions and the people each step needs,
//! and every change in the review's history.

use serde_json::json;
use wgll_tests::{LEAD_REVIEWER, TestApp, json};

const SECOND: &str = "second@example.nhs.uk";

#[tokio::test]
async fn a_review_is_submitted_moderated_published_and_reopened_by_the_right_people() {
    let app = TestApp::spawn().await;
    let id = app.add_ics_and_trust_with_a_review(&[LEAD_REVIEWER, SECOND]).await;

    // Submission needs every measure completed.
    let problem = json(app.request_status_change(&id, "submit", "").await, 422).await;
    assert_eq!(problem["errors"].as_array().unwrap().len(), 7);
    assert!(
        problem["errors"][0]["message"].as_str().unwrap().contains("Complete the assessment of “Well led”")
    );
    app.complete_every_measure(&id).await;
    let second = app.signed_in_as("Second", SECOND, &["reviewer"]);
    let version = app.review_version(&id).await;
    let by_second = second
        .post(&format!("/api/reviews/{id}/status"), &json!({"transition": "submit", "version": version}))
        .await;
    json(by_second, 403).await;
    let submitted = json(app.request_status_change(&id, "submit", "").await, 200).await;
    assert_eq!(submitted["status"], "submitted");

    // Submitted assessments are frozen; the lead records agreed levels.
    let frozen = app.put(&format!("/api/reviews/{id}/measures/1"), &json!({"level": 1, "version": 1})).await;
    assert!(json(frozen, 409).await["detail"].as_str().unwrap().contains("submitted"));
    json(app.request_status_change(&id, "moderate", "").await, 422).await;
    json(
        second.put(&format!("/api/reviews/{id}/measures/1/agreed"), &json!({"level": 4, "version": 0})).await,
        403,
    )
    .await;
    for measure in 1..=7 {
        let body = json!({"level": 5, "note": "Agreed at the moderation meeting", "version": 0});
        json(app.put(&format!("/api/reviews/{id}/measures/{measure}/agreed"), &body).await, 200).await;
    }
    let stale = json!({"level": 4, "version": 0});
    json(app.put(&format!("/api/reviews/{id}/measures/1/agreed"), &stale).await, 409).await;
    let detail = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    assert_eq!(detail["agreed"].as_array().unwrap().len(), 7);
    assert_eq!(detail["agreed"][0]["agreedBy"], LEAD_REVIEWER);

    assert_eq!(json(app.request_status_change(&id, "moderate", "").await, 200).await["status"], "moderated");
    assert_eq!(json(app.request_status_change(&id, "publish", "").await, 200).await["status"], "published");
    json(
        app.put(&format!("/api/reviews/{id}/measures/1/agreed"), &json!({"level": 3, "version": 1})).await,
        409,
    )
    .await;

    // Only an administrator reopens, and says why.
    let lead_only = app.signed_in_as("Lead", LEAD_REVIEWER, &["reviewer"]);
    let version = app.review_version(&id).await;
    json(
        lead_only
            .post(
                &format!("/api/reviews/{id}/status"),
                &json!({"transition": "reopen", "reason": "x", "version": version}),
            )
            .await,
        403,
    )
    .await;
    assert_eq!(
        json(app.request_status_change(&id, "reopen", " ").await, 422).await["errors"][0]["field"],
        "reason"
    );
    let reopened =
        json(app.request_status_change(&id, "reopen", "The trust supplied new evidence").await, 200).await;
    assert_eq!(reopened["status"], "draft");

    // A stale version is refused.
    let stale = json!({"transition": "submit", "version": 1});
    json(app.post(&format!("/api/reviews/{id}/status"), &stale).await, 409).await;

    let history = json(app.get(&format!("/api/reviews/{id}/history")).await, 200).await;
    let summaries: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["action"] == "status-changed")
        .map(|entry| entry["summary"].as_str().unwrap())
        .collect();
    assert_eq!(summaries.len(), 4);
    assert!(
        summaries[3].contains("Published → Draft. Reason: The trust supplied new evidence"),
        "{summaries:?}"
    );
}
