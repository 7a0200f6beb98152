//! Assessment rounds: an administrator opens a year's round in phases; a measure cannot be
//! started before its phase opens, and one saved after its phase closed is marked late.

use serde_json::json;
use wgll_tests::{LEAD_REVIEWER, TestApp, json};

/// The date `days` from today, as the API writes dates.
fn from_today(days: i64) -> String {
    wgll_tests::date_from_today(days).to_string()
}

#[tokio::test]
async fn an_administrator_opens_a_round_once_and_others_may_only_read_it() {
    let app = TestApp::spawn().await;
    // The form starts from seed 001's 2021/22 plan, moved to the year asked for.
    let plan = json(app.get("/api/rounds/2026-27/plan").await, 200).await;
    assert_eq!(plan["phases"][0]["name"], "Phase 1: Support people, with the acute EPR survey");
    assert_eq!(
        (plan["phases"][1]["opens"].as_str(), plan["phases"][1]["closes"].as_str()),
        (Some("2026-12-16"), Some("2027-01-26"))
    );
    assert_eq!(plan["phases"][2]["measures"], json!([3, 5, 6, 7]));

    let lead = app.signed_in_as("Olu", "olu@example.nhs.uk", &["organisation-lead:RR8"]);
    let problem = json(lead.post("/api/rounds", &plan).await, 403).await;
    assert_eq!(problem["detail"], "Only an administrator can open an assessment round.");
    json(app.get("/api/rounds/2026-27").await, 404).await;

    let mut wrong = plan.clone();
    wrong["phases"][2]["measures"] = json!([3, 5, 6]);
    wrong["phases"][0]["closes"] = json!("2026-09-01");
    let problem = json(app.post("/api/rounds", &wrong).await, 422).await;
    let messages: Vec<&str> =
        problem["errors"].as_array().unwrap().iter().map(|e| e["message"].as_str().unwrap()).collect();
    assert_eq!(
        messages,
        ["Phase 1 must close on or after the day it opens", "Choose a phase for “Healthy populations”"]
    );
    json(app.get("/api/rounds/2026-27").await, 404).await;

    let opened = json(app.post("/api/rounds", &plan).await, 201).await;
    assert_eq!(opened["period"], "2026/27");
    let problem = json(app.post("/api/rounds", &plan).await, 409).await;
    assert_eq!(problem["detail"], "The 2026/27 round is already open: a year has one round.");
    let seen = json(lead.get("/api/rounds").await, 200).await;
    assert_eq!(seen.as_array().unwrap().len(), 1);
    assert_eq!(seen[0]["phases"][1]["name"], "Phase 2: Ensure smart foundations and Well led");
}

#[tokio::test]
async fn a_measure_waits_for_its_phase_and_is_marked_late_after_it() {
    let app = TestApp::spawn().await;
    let id = app.add_ics_and_trust_with_a_review(&[LEAD_REVIEWER]).await;
    // The review is for 2025/26: a round for that year whose first phase closed yesterday, whose
    // second is open and whose third opens in ten days.
    let round = json!({"period": "2025/26", "phases": [
        {"name": "Phase 1", "opens": from_today(-40), "closes": from_today(-1), "measures": [4]},
        {"name": "Phase 2", "opens": from_today(-5), "closes": from_today(30), "measures": [1, 2]},
        {"name": "Phase 3", "opens": from_today(10), "closes": from_today(60), "measures": [3, 5, 6, 7]},
    ]});
    json(app.post("/api/rounds", &round).await, 201).await;
    let app = &app;
    let save = |number: u8| {
        let path = format!("/api/reviews/{id}/measures/{number}");
        async move { app.put(&path, &json!({"level": 2, "gaps": "No CNIO", "version": 0})).await }
    };
    let on_time = json(save(1).await, 200).await;
    assert_eq!(on_time.get("late"), None, "saved within its phase: not late");
    let late = json(save(4).await, 200).await;
    assert_eq!(late["late"], true);
    let refused = json(save(3).await, 409).await;
    let detail = refused["detail"].as_str().unwrap();
    assert!(detail.starts_with("“Safe practice” is assessed in Phase 3, which opens on "), "{detail}");
    assert!(detail.ends_with(": it cannot be started before then"), "{detail}");
    // Nothing was saved for it, and the review shows its round's phases.
    let review = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    let saved: Vec<i64> =
        review["measures"].as_array().unwrap().iter().map(|m| m["measure"].as_i64().unwrap()).collect();
    assert_eq!(saved, [1, 4]);
    assert_eq!(review["round"]["phases"][2]["name"], "Phase 3");
    // The organisation's self-assessment, its preparation, keeps its own time.
    let own = app.start_review("RR8", "2025/26", "self-assessment", &[LEAD_REVIEWER]).await;
    let saved = json(
        app.put(&format!("/api/reviews/{own}/measures/3"), &json!({"level": 2, "version": 0})).await,
        200,
    )
    .await;
    assert_eq!(saved.get("late"), None);
}

/// The rounds page's form, for 2026/27, with one phase for every measure: `overrides` replace
/// fields by name.
fn round_form(overrides: &[(&str, &str)]) -> String {
    let mut fields: Vec<(String, String)> = vec![
        ("period".into(), "2026/27".into()),
        ("phase-0-name".into(), "Phase 1: Support people".into()),
        ("phase-0-opens-day".into(), "10".into()),
        ("phase-0-opens-month".into(), "9".into()),
        ("phase-0-opens-year".into(), "2026".into()),
        ("phase-0-closes-day".into(), "10".into()),
        ("phase-0-closes-month".into(), "1".into()),
        ("phase-0-closes-year".into(), "2027".into()),
        ("phase-0-measures-4".into(), "yes".into()),
        ("phase-1-name".into(), "Phase 2: the rest".into()),
        ("phase-1-opens-day".into(), "16".into()),
        ("phase-1-opens-month".into(), "12".into()),
        ("phase-1-opens-year".into(), "2026".into()),
        ("phase-1-closes-day".into(), "26".into()),
        ("phase-1-closes-month".into(), "1".into()),
        ("phase-1-closes-year".into(), "2027".into()),
    ];
    for measure in [1, 2, 3, 5, 6, 7] {
        fields.push((format!("phase-1-measures-{measure}"), "yes".into()));
    }
    for (name, value) in overrides {
        match fields.iter_mut().find(|(field, _)| field == name) {
            Some(field) => field.1 = (*value).to_owned(),
            None => fields.push(((*name).to_owned(), (*value).to_owned())),
        }
    }
    let encode = |text: &str| -> String {
        text.bytes()
            .map(|byte| match byte {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' => char::from(byte).to_string(),
                b' ' => "+".to_owned(),
                other => format!("%{other:02X}"),
            })
            .collect()
    };
    fields
        .iter()
        .map(|(name, value)| format!("{}={}", encode(name), encode(value)))
        .collect::<Vec<_>>()
        .join("&")
}

#[tokio::test]
async fn the_rounds_page_opens_a_round_from_its_form_and_keeps_what_was_typed_when_it_is_wrong() {
    let app = TestApp::spawn().await;
    let admin = app.signed_in_as("Ada Admin", "admin@example.nhs.uk", &["administrator"]);
    let page = admin.get("/api/views/rounds").await.text().await.unwrap();
    assert!(page.contains("No assessment round has been opened yet."));
    assert!(page.contains("Open the round"), "an administrator is offered the form");

    // A date that does not exist: the page again, the error by its field, nothing opened.
    let wrong = admin
        .post_form(
            "/api/views/rounds",
            &round_form(&[("phase-1-closes-day", "31"), ("phase-1-closes-month", "2")]),
        )
        .await;
    assert_eq!(wrong.status().as_u16(), 422);
    let page = wrong.text().await.unwrap();
    assert!(
        page.contains(r##"<a href="#phase-1-closes">The date phase 2 closes must be a real date</a>"##),
        "{page}"
    );
    assert!(page.contains(r#"value="Phase 2: the rest""#), "what was typed is kept");
    json(app.get("/api/rounds/2026-27").await, 404).await;

    // Someone who is not an administrator is refused, and shown no form.
    let lead = app.signed_in_as("Olu", "olu@example.nhs.uk", &["organisation-lead:RR8"]);
    assert_eq!(lead.post_form("/api/views/rounds", &round_form(&[])).await.status().as_u16(), 403);
    let their_page = lead.get("/api/views/rounds").await.text().await.unwrap();
    assert!(!their_page.contains("Open the round"));

    let opened = admin.post_form("/api/views/rounds", &round_form(&[])).await;
    assert_eq!(opened.status().as_u16(), 200);
    let page = opened.text().await.unwrap();
    assert!(page.contains("The 2026/27 round is open."), "{page}");
    assert!(page.contains("16 December 2026"));
    let round = json(app.get("/api/rounds/2026-27").await, 200).await;
    assert_eq!(round["phases"][1]["measures"], json!([1, 2, 3, 5, 6, 7]));
    assert_eq!(round["phases"][1]["closes"], "2027-01-26");

    // Everyone signed in sees it.
    let their_page = lead.get("/api/views/rounds").await.text().await.unwrap();
    assert!(their_page.contains("The 2026/27 round"));
    assert!(their_page.contains("Well led, Ensure smart foundations, Safe practice, Empower citizens, Improve care, Healthy populations"));

    // A field the form does not have is refused.
    let unknown = admin.post_form("/api/views/rounds", &round_form(&[("phase-9-name", "x")])).await;
    assert_eq!(unknown.status().as_u16(), 422);
}
