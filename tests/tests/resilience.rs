//! Nothing is lost: concurrent edits are each either kept (and audited) or refused with a
//! conflict, and a database outage answers 503 with a retry hint and heals by itself.

use serde_json::{Value, json};
use std::collections::BTreeSet;
use wgll_functions::config::Config;
use wgll_functions::dynamodb_local::{DynamoDbLocal, Storage};
use wgll_tests::{LEAD_REVIEWER, TestApp, dynamodb_local_dir, fresh_config, json};

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn concurrent_edits_are_each_kept_and_audited_or_refused_never_lost() {
    let app = TestApp::spawn().await;
    let id = app.add_ics_and_trust_with_a_review(&[LEAD_REVIEWER]).await;
    let review_url = app.url(&format!("/api/reviews/{id}"));
    let measure_url = app.url(&format!("/api/reviews/{id}/measures/3"));
    let token = app.token.clone().unwrap();

    const EDITORS: usize = 24;
    let mut editors = Vec::new();
    for editor in 0..EDITORS {
        let (client, token) = (app.client.clone(), token.clone());
        let (review_url, measure_url) = (review_url.clone(), measure_url.clone());
        editors.push(tokio::spawn(async move {
            // Each editor reads the measure, then saves its own change on top of what it read.
            let detail: Value = client.get(&review_url).bearer_auth(&token).send().await.unwrap().json().await.unwrap();
            let version = detail["measures"].as_array().unwrap().first().map_or(0, |m| m["version"].as_u64().unwrap());
            let body = json!({"level": editor % 5 + 1, "evidence": format!("edit by editor {editor}"), "version": version});
            let response = client.put(&measure_url).bearer_auth(&token).json(&body).send().await.unwrap();
            let status = response.status().as_u16();
            (editor, status, response.json::<Value>().await.unwrap())
        }));
    }
    let mut accepted = Vec::new();
    let mut refused = 0;
    for editor in editors {
        let (editor, status, body) = editor.await.unwrap();
        match status {
            200 => accepted.push((body["version"].as_u64().unwrap(), format!("edit by editor {editor}"))),
            409 => {
                assert!(body["detail"].as_str().unwrap().contains("was saved elsewhere"));
                refused += 1;
            }
            other => panic!("editor {editor} got {other}: {body}"),
        }
    }
    assert!(!accepted.is_empty());
    assert_eq!(accepted.len() + refused, EDITORS);
    accepted.sort();
    let versions: Vec<u64> = accepted.iter().map(|(version, _)| *version).collect();
    assert_eq!(
        versions,
        (1..=accepted.len() as u64).collect::<Vec<_>>(),
        "each accepted save got its own version"
    );

    let detail = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    let last = accepted.last().unwrap();
    assert_eq!(detail["measures"][0]["version"], last.0);
    assert_eq!(detail["measures"][0]["evidence"], last.1.as_str(), "the record holds the last accepted save");

    let history = json(app.get(&format!("/api/reviews/{id}/history")).await, 200).await;
    let audited: BTreeSet<u64> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["action"] == "measure-saved")
        .map(|entry| {
            assert_eq!(entry["actor"], "Lead Reviewer <lead@example.nhs.uk>");
            let summary = entry["summary"].as_str().unwrap();
            let version = summary.split("as version ").nth(1).unwrap().split(' ').next().unwrap();
            version.parse().unwrap()
        })
        .collect();
    assert_eq!(
        audited,
        versions.iter().copied().collect(),
        "every accepted save, and only those, is in the history"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_database_outage_answers_503_with_a_retry_hint_and_heals_by_itself() {
    let data = tempfile::tempdir().unwrap();
    let start = |port: Option<u16>| {
        let storage = Storage::Directory(data.path().to_owned());
        match port {
            None => DynamoDbLocal::start(&dynamodb_local_dir(), storage),
            Some(port) => DynamoDbLocal::start_on(&dynamodb_local_dir(), storage, port),
        }
        .expect("DynamoDB Local starts")
    };
    let database = start(None);
    let port: u16 = database.endpoint().rsplit(':').next().unwrap().parse().unwrap();
    let config: Config = fresh_config(database.endpoint());
    let app = TestApp::spawn_with(config, 0, None).await;
    app.add_organisation(&json!({"odsCode": "QWO", "name": "West Yorkshire ICS", "kind": "ics"})).await;

    database.stop();
    let response = app.get("/api/organisations").await;
    assert_eq!(response.headers()["retry-after"], "2");
    let problem = json(response, 503).await;
    assert!(problem["detail"].as_str().unwrap().contains("Nothing was lost"));
    assert!(!problem.to_string().contains("dispatch"), "no internals leak: {problem}");
    let refused = json!({"odsCode": "QHM", "name": "Cumbria and North East ICS", "kind": "ics"});
    json(app.post("/api/organisations", &refused).await, 503).await;
    // Monitoring sees the outage: the health check itself answers 503, not 200 with a note inside.
    let health = app.acting_as(None).get("/api/health").await;
    assert_eq!(health.headers()["retry-after"], "2");
    json(health, 503).await;

    let database = start(Some(port));
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(30);
    let organisations = loop {
        let response = app.get("/api/organisations").await;
        if response.status() == 200 {
            break json(response, 200).await;
        }
        assert!(std::time::Instant::now() < deadline, "the API did not recover");
        tokio::time::sleep(std::time::Duration::from_millis(250)).await;
    };
    let codes: Vec<&str> =
        organisations.as_array().unwrap().iter().map(|o| o["odsCode"].as_str().unwrap()).collect();
    assert_eq!(codes, ["QWO"], "what was saved survived; what was refused was not half-written");
    assert_eq!(json(app.get("/api/health").await, 200).await["database"], "reachable");
    database.stop();
}
