//! Recording assessments: statement answers with evidence, the suggested level and its rationale
//! rule, and several reviewers each keeping their own assessment of the same measure.

use serde_json::{Value, json};
use wgll_tests::{LEAD_REVIEWER, TestApp, json};

const SECOND: &str = "second@example.nhs.uk";

/// Answers for every statement of organisation measure 1 (7 statements).
fn answers(answer: &str) -> Vec<Value> {
    (1..=7)
        .map(|n| json!({"statement": format!("org.1.{n}"), "answer": answer, "evidence": "Board minutes"}))
        .collect()
}

#[tokio::test]
async fn statement_answers_are_kept_in_framework_order_with_their_evidence() {
    let app = TestApp::spawn().await;
    let id = app.add_ics_and_trust_with_a_review(&[LEAD_REVIEWER, SECOND]).await;
    let mut statements = answers("partly-met");
    statements.reverse();
    statements[0]["links"] = json!(["https://example.nhs.uk/board-minutes.pdf"]);
    let body = json!({"statements": statements, "level": 2, "strengths": "Engaged board", "gaps": "No CNIO", "recommendations": "Appoint a CNIO", "version": 0});
    let saved = json(app.put(&format!("/api/reviews/{id}/measures/1"), &body).await, 200).await;
    assert_eq!(saved["reviewer"], LEAD_REVIEWER);
    let ids: Vec<&str> =
        saved["statements"].as_array().unwrap().iter().map(|s| s["statement"].as_str().unwrap()).collect();
    assert_eq!(ids, ["org.1.1", "org.1.2", "org.1.3", "org.1.4", "org.1.5", "org.1.6", "org.1.7"]);
    assert_eq!(saved["statements"][6]["links"], json!(["https://example.nhs.uk/board-minutes.pdf"]));
    let detail = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    assert_eq!(detail["measures"][0]["gaps"], "No CNIO");
    assert_eq!(detail["measures"][0]["statements"][0]["answer"], "partly-met");
}

#[tokio::test]
async fn a_level_that_departs_from_the_answers_is_saved_but_the_review_waits_for_its_rationale() {
    let app = TestApp::spawn().await;
    let id = app.add_ics_and_trust_with_a_review(&[LEAD_REVIEWER]).await;
    app.complete_every_measure(&id).await;
    let path = format!("/api/reviews/{id}/measures/1");
    // Every statement met with evidence suggests level 5; level 3 without a rationale is saved
    // with everything typed beside it, so nothing waits in one browser.
    let departing =
        json!({"statements": answers("met"), "level": 3, "gaps": "No CNIO in post", "version": 1});
    let saved = json(app.put(&path, &departing).await, 200).await;
    assert_eq!((saved["level"].as_i64(), saved["gaps"].as_str()), (Some(3), Some("No CNIO in post")));
    let detail = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    assert_eq!(detail["measures"][0]["gaps"], "No CNIO in post");
    // But the measure is not completed, so the review cannot be submitted.
    let refused = json(app.request_status_change(&id, "submit", "").await, 422).await;
    let messages: Vec<&str> =
        refused["errors"].as_array().unwrap().iter().map(|e| e["message"].as_str().unwrap()).collect();
    assert_eq!(messages, ["Complete the assessment of “Well led” before submitting"]);
    let explained = json!({"statements": answers("met"), "level": 3, "rationale": "The strategy is not yet funded", "gaps": "No CNIO in post", "version": 2});
    json(app.put(&path, &explained).await, 200).await;
    app.change_status(&id, "submit").await;
}

#[tokio::test]
async fn a_badly_formed_assessment_is_refused_in_words() {
    let app = TestApp::spawn().await;
    let id = app.add_ics_and_trust_with_a_review(&[LEAD_REVIEWER, SECOND]).await;
    let path = format!("/api/reviews/{id}/measures/1");
    json(app.put(&path, &json!({"statements": answers("met"), "level": 5, "version": 0})).await, 200).await;
    let bad = json!({"statements": [{"statement": "ics.1.1", "answer": "met"}], "version": 1});
    let problem = json(app.put(&path, &bad).await, 422).await;
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("not a statement of this measure"));
    let unknown_answer = json!({"statements": [{"statement": "org.1.1", "answer": "mostly"}], "version": 1});
    json(app.put(&path, &unknown_answer).await, 400).await;
}

#[tokio::test]
async fn each_reviewer_keeps_their_own_assessment_of_a_measure() {
    let app = TestApp::spawn().await;
    let id = app.add_ics_and_trust_with_a_review(&[LEAD_REVIEWER, SECOND]).await;
    let path = format!("/api/reviews/{id}/measures/4");
    let second = app.signed_in_as("Second Reviewer", SECOND, &["reviewer", "organisation:RTD"]);
    second.accept_review(&id).await;
    // Both start from nothing (version 0): neither overwrites the other.
    json(app.put(&path, &json!({"level": 2, "evidence": "lead's view", "version": 0})).await, 200).await;
    json(second.put(&path, &json!({"level": 4, "evidence": "second view", "version": 0})).await, 200).await;
    let detail = json(second.get(&format!("/api/reviews/{id}")).await, 200).await;
    let views: Vec<(&str, i64)> = detail["measures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["reviewer"].as_str().unwrap(), m["level"].as_i64().unwrap()))
        .collect();
    assert_eq!(views, [(LEAD_REVIEWER, 2), (SECOND, 4)]);
}

/// DynamoDB answers a Query at most 1 MB at a time: a review whose reviewers wrote pages of
/// evidence must still open with every assessment whole.
#[tokio::test]
async fn a_review_larger_than_one_page_of_dynamodb_opens_whole() {
    let app = TestApp::spawn().await;
    let id = app.add_ics_and_trust_with_a_review(&[LEAD_REVIEWER, SECOND]).await;
    let framework = wgll_shared::framework::find(wgll_shared::framework::CURRENT).unwrap();
    let page_of = |what: &str, chars: usize| format!("{what}. ").repeat(chars / (what.len() + 2));
    let second = app.signed_in_as("Second Reviewer", SECOND, &["reviewer", "organisation:RTD"]);
    second.accept_review(&id).await;
    for (reviewer, client) in [(LEAD_REVIEWER, app.acting_as(app.token.clone())), (SECOND, second)] {
        for measure in framework.measures.iter() {
            let statements: Vec<Value> = measure
                .organisation
                .statements
                .iter()
                .map(|statement| {
                    let links: Vec<String> = (0..7)
                        .map(|n| format!("https://example.nhs.uk/{}/{n}", "evidence/".repeat(210)))
                        .collect();
                    json!({"statement": statement.id, "answer": "met",
                           "evidence": page_of(&format!("{reviewer} saw {}", statement.id), 5_000), "links": links})
                })
                .collect();
            let body = json!({
                "statements": statements, "level": 5, "evidence": page_of("Board minutes", 10_000),
                "strengths": page_of("Strengths", 5_000), "gaps": page_of("Gaps", 5_000),
                "recommendations": page_of("Recommendations", 5_000), "version": 0
            });
            json(client.put(&format!("/api/reviews/{id}/measures/{}", measure.number), &body).await, 200)
                .await;
        }
    }

    let response = app.get(&format!("/api/reviews/{id}")).await;
    let detail = json(response, 200).await;
    let measures = detail["measures"].as_array().unwrap();
    assert!(detail.to_string().len() > 2_000_000, "the review is over 2 MB, more than one page of DynamoDB");
    assert_eq!(measures.len(), 14, "both reviewers' seven measures");
    for measure in measures {
        let statements = measure["statements"].as_array().unwrap();
        let reviewer = measure["reviewer"].as_str().unwrap();
        let first = &statements[0];
        assert!(first["evidence"].as_str().unwrap().starts_with(&format!("{reviewer} saw ")));
        assert_eq!(first["links"].as_array().unwrap().len(), 7);
        assert!(measure["recommendations"].as_str().unwrap().len() > 4_900);
    }
}
