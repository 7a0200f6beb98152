//! Independent peer review: reviewers from other organisations (known from their account), each
//! accepting the review with any conflict of interest declared; the reviewed organisation's own
//! people never on its peer review nor publishing it; reviewers changed only in a draft.

use serde_json::json;
use wgll_tests::{LEAD_REVIEWER, TestApp, json};

const PEER: &str = "peer@example.nhs.uk";
const INSIDER: &str = "insider@example.nhs.uk";

fn summaries(history: &serde_json::Value) -> Vec<String> {
    history.as_array().unwrap().iter().map(|entry| entry["summary"].as_str().unwrap().to_owned()).collect()
}

#[tokio::test]
async fn a_reviewer_from_the_reviewed_organisation_is_refused_and_records_nothing() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let body = json!({"organisation": "RR8", "period": "2025/26", "kind": "peer-review", "reviewers": [PEER, INSIDER]});
    let review = json(app.post("/api/reviews", &body).await, 201).await;
    let id = review["id"].as_str().unwrap();
    let insider = app.signed_in_as("Ina Insider", INSIDER, &["reviewer", "organisation:RR8"]);
    let accept = json!({"hasConflict": false, "version": 1});
    let refused = json(insider.post(&format!("/api/reviews/{id}/acceptance"), &accept).await, 403).await;
    assert_eq!(
        refused["detail"],
        "You work for Leeds Teaching Hospitals NHS Trust, so you cannot be one of its peer reviewers: peer reviewers come from other organisations."
    );
    let save = json!({"level": 3, "gaps": "No CNIO", "version": 0});
    let blocked = json(insider.put(&format!("/api/reviews/{id}/measures/1"), &save).await, 409).await;
    assert!(blocked["detail"].as_str().unwrap().starts_with("Accept this review first"));
    // A peer whose account does not say where they work cannot accept either.
    let unplaced = app.signed_in_as("Pip Peer", PEER, &["reviewer"]);
    let refused = json(unplaced.post(&format!("/api/reviews/{id}/acceptance"), &accept).await, 403).await;
    assert!(refused["detail"].as_str().unwrap().contains("does not say which organisation you work for"));
    let detail = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    assert_eq!(detail["measures"], json!([]));
    assert_eq!(detail["review"].get("acceptances"), None);
    assert_eq!(detail["review"]["version"], 1);
}

#[tokio::test]
async fn a_peer_accepts_declaring_a_conflict_and_then_records_their_assessment() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let body =
        json!({"organisation": "RR8", "period": "2025/26", "kind": "peer-review", "reviewers": [PEER]});
    let id = json(app.post("/api/reviews", &body).await, 201).await["id"].as_str().unwrap().to_owned();
    let peer = app.signed_in_as("Pip Peer", PEER, &["reviewer", "organisation:RTD"]);
    let unsaid = json(
        peer.post(&format!("/api/reviews/{id}/acceptance"), &json!({"hasConflict": true, "version": 1}))
            .await,
        422,
    )
    .await;
    assert_eq!(unsaid["errors"][0]["message"], "Enter the conflict of interest");
    let accept = json!({"hasConflict": true, "conflict": "I was its chief information officer until 2024", "version": 1});
    let accepted = json(peer.post(&format!("/api/reviews/{id}/acceptance"), &accept).await, 200).await;
    assert_eq!(accepted["acceptances"][0]["organisation"], "RTD");
    assert_eq!(accepted["acceptances"][0]["conflict"], "I was its chief information officer until 2024");
    assert_eq!(accepted["version"], 2);
    json(peer.put(&format!("/api/reviews/{id}/measures/1"), &json!({"level": 3, "version": 0})).await, 200)
        .await;
    let history = json(app.get(&format!("/api/reviews/{id}/history")).await, 200).await;
    assert!(summaries(&history).contains(
        &"Accepted the review, working for RTD; declared a conflict of interest: I was its chief information officer until 2024".to_owned()
    ));
    // A self-assessment is the organisation's own: nothing to accept.
    let own = json!({"organisation": "RR8", "period": "2025/26", "kind": "self-assessment", "reviewers": [INSIDER]});
    let own_id = json(app.post("/api/reviews", &own).await, 201).await["id"].as_str().unwrap().to_owned();
    let insider = app.signed_in_as("Ina Insider", INSIDER, &["reviewer", "organisation:RR8"]);
    json(
        insider.put(&format!("/api/reviews/{own_id}/measures/1"), &json!({"level": 2, "version": 0})).await,
        200,
    )
    .await;
    json(
        insider
            .post(&format!("/api/reviews/{own_id}/acceptance"), &json!({"hasConflict": false, "version": 1}))
            .await,
        409,
    )
    .await;
}

#[tokio::test]
async fn the_reviewed_organisations_lead_is_never_on_its_peer_review_nor_publishes_it() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let lead = app.signed_in_as("Olu Lead", "olu@example.nhs.uk", &["reviewer", "organisation-lead:RR8"]);
    let body = json!({"organisation": "RR8", "period": "2025/26", "kind": "peer-review", "reviewers": ["olu@example.nhs.uk", PEER]});
    let refused = json(lead.post("/api/reviews", &body).await, 422).await;
    assert_eq!(refused["errors"][0]["field"], "reviewers");
    assert_eq!(
        refused["errors"][0]["message"],
        "You work for or lead Leeds Teaching Hospitals NHS Trust, so you cannot be one of its peer reviewers: name reviewers from other organisations"
    );
    // Named by someone else, they still cannot accept it, so cannot move it on either.
    let id = json(app.post("/api/reviews", &body).await, 201).await["id"].as_str().unwrap().to_owned();
    let accept = json!({"hasConflict": false, "version": 1});
    json(lead.post(&format!("/api/reviews/{id}/acceptance"), &accept).await, 403).await;
    let submit = json!({"transition": "submit", "version": 1});
    let problem = json(lead.post(&format!("/api/reviews/{id}/status"), &submit).await, 403).await;
    assert!(problem["detail"].as_str().unwrap().starts_with("You lead Leeds Teaching Hospitals NHS Trust"));
}

#[tokio::test]
async fn the_lead_reviewer_changes_the_reviewers_of_a_draft_with_the_change_in_its_history() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let id = app.start_review("RR8", "2025/26", "peer-review", &[LEAD_REVIEWER, PEER]).await;
    let peer = app.signed_in_as("Pip Peer", PEER, &["reviewer", "organisation:RTD"]);
    let version = app.review_version(&id).await;
    let change = json!({"reviewers": [LEAD_REVIEWER, "sam@example.nhs.uk"], "version": version});
    let problem = json(peer.put(&format!("/api/reviews/{id}/reviewers"), &change).await, 403).await;
    assert_eq!(problem["detail"], "Only the lead reviewer or an administrator can change the reviewers.");
    let changed = json(app.put(&format!("/api/reviews/{id}/reviewers"), &change).await, 200).await;
    assert_eq!(changed["reviewers"], json!([LEAD_REVIEWER, "sam@example.nhs.uk"]));
    assert_eq!(changed["acceptances"].as_array().unwrap().len(), 1, "the lead's acceptance stays");
    // The one taken off can no longer record anything.
    json(peer.put(&format!("/api/reviews/{id}/measures/1"), &json!({"level": 2, "version": 0})).await, 403)
        .await;
    // Over a version already gone: refused, nothing changed.
    json(app.put(&format!("/api/reviews/{id}/reviewers"), &change).await, 409).await;
    let history = json(app.get(&format!("/api/reviews/{id}/history")).await, 200).await;
    assert!(summaries(&history).contains(
        &"Changed the reviewers from lead@example.nhs.uk, peer@example.nhs.uk to lead@example.nhs.uk, sam@example.nhs.uk".to_owned()
    ));
    // Once submitted, the reviewers are fixed.
    app.complete_every_measure(&id).await;
    app.change_status(&id, "submit").await;
    let version = app.review_version(&id).await;
    let late = json!({"reviewers": [LEAD_REVIEWER], "version": version});
    json(app.put(&format!("/api/reviews/{id}/reviewers"), &late).await, 409).await;
}

#[tokio::test]
async fn a_peer_reviewer_reads_the_organisations_self_assessment_beside_their_own() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let insider = app.signed_in_as("Ina Insider", INSIDER, &["reviewer", "organisation:RR8"]);
    let own = json!({"organisation": "RR8", "period": "2025/26", "kind": "self-assessment", "reviewers": [INSIDER]});
    let own_id = json(app.post("/api/reviews", &own).await, 201).await["id"].as_str().unwrap().to_owned();
    let saved = json!({"level": 4, "rationale": "Our board reviews digital quarterly", "version": 0});
    json(insider.put(&format!("/api/reviews/{own_id}/measures/1"), &saved).await, 200).await;
    // Last year's self-assessment is not the one a 2025/26 peer review is set against.
    let last_year = json!({"organisation": "RR8", "period": "2024/25", "kind": "self-assessment", "reviewers": [INSIDER]});
    json(app.post("/api/reviews", &last_year).await, 201).await;

    let body =
        json!({"organisation": "RR8", "period": "2025/26", "kind": "peer-review", "reviewers": [PEER]});
    let id = json(app.post("/api/reviews", &body).await, 201).await["id"].as_str().unwrap().to_owned();
    let peer = app.signed_in_as("Pip Peer", PEER, &["reviewer", "organisation:RTD"]);
    // The self-assessment itself is not theirs to open; beside their peer review, it is.
    json(peer.get(&format!("/api/reviews/{own_id}")).await, 403).await;
    let beside = json(peer.get(&format!("/api/reviews/{id}/self-assessment")).await, 200).await;
    assert_eq!(beside["review"]["id"], own_id.as_str());
    assert_eq!(beside["measures"][0]["level"], 4);
    assert_eq!(beside["measures"][0]["rationale"], "Our board reviews digital quarterly");
    // Someone with no part in the peer review sees neither.
    let stranger = app.signed_in_as("Sam Stranger", "sam@example.nhs.uk", &["reviewer", "organisation:RTD"]);
    json(stranger.get(&format!("/api/reviews/{id}/self-assessment")).await, 403).await;
    // A peer review of a year with no self-assessment says so.
    let body =
        json!({"organisation": "RR8", "period": "2023/24", "kind": "peer-review", "reviewers": [PEER]});
    let earlier = json(app.post("/api/reviews", &body).await, 201).await["id"].as_str().unwrap().to_owned();
    let problem = json(peer.get(&format!("/api/reviews/{earlier}/self-assessment")).await, 404).await;
    assert_eq!(problem["detail"], "Leeds Teaching Hospitals NHS Trust has no self-assessment for 2023/24.");
}

#[tokio::test]
async fn the_acceptance_and_reviewers_pages_answer_their_forms_with_the_page_again() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let body =
        json!({"organisation": "RR8", "period": "2025/26", "kind": "peer-review", "reviewers": [PEER]});
    let id = json(app.post("/api/reviews", &body).await, 201).await["id"].as_str().unwrap().to_owned();
    let peer = app.signed_in_as("Pip Peer", PEER, &["reviewer", "organisation:RTD"]);
    let path = format!("/api/views/reviews/{id}/acceptance");
    // Nothing chosen: the page again, the error by its field, what was typed kept, nothing saved.
    let unanswered = peer.post_form(&path, "version=1&conflict=Former+CIO").await;
    assert_eq!(unanswered.status().as_u16(), 422);
    let page = unanswered.text().await.unwrap();
    assert!(page.contains(r##"<a href="#has-conflict">Say whether you have a conflict of interest with this organisation</a>"##), "{page}");
    assert!(page.contains(">Former CIO</textarea>"), "{page}");
    assert_eq!(app.review_version(&id).await, 1);
    // Someone who works there is refused outright.
    let insider = app.signed_in_as("Ina Insider", INSIDER, &["reviewer", "organisation:RR8"]);
    assert_eq!(insider.post_form(&path, "version=1&hasConflict=no").await.status().as_u16(), 403);
    let accepted = peer.post_form(&path, "version=1&hasConflict=no").await;
    assert_eq!(accepted.status().as_u16(), 200);
    assert!(accepted.text().await.unwrap().contains("You accepted the review."));
    let review = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    assert_eq!(review["review"]["acceptances"][0]["organisation"], "RTD");

    // The reviewers' page: a bad address keeps what was typed; the lead reviewer's saves.
    let reviewers = format!("/api/views/reviews/{id}/reviewers");
    assert_eq!(peer.get(&reviewers).await.status().as_u16(), 200, "the lead reviewer may change them");
    let bad = peer.post_form(&reviewers, "version=2&reviewers=peer%40example.nhs.uk%2C+not-an-address").await;
    assert_eq!(bad.status().as_u16(), 422);
    assert!(bad.text().await.unwrap().contains(r#"value="peer@example.nhs.uk, not-an-address""#));
    let saved =
        peer.post_form(&reviewers, "version=2&reviewers=peer%40example.nhs.uk%2C+sam%40example.nhs.uk").await;
    assert_eq!(saved.status().as_u16(), 200);
    let review = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    assert_eq!(review["review"]["reviewers"], json!([PEER, "sam@example.nhs.uk"]));
}
