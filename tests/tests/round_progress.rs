//! A round's progress: for the country, a region or an ICS, each organisation's peer review phase
//! by phase, the counts and percentages, who to chase, and the CSV; and who may see which.

use serde_json::{Value, json};
use wgll_tests::{LEAD_REVIEWER, TestApp, json};

const NEY_TEAM: &[&str] = &["region:north-east-and-yorkshire"];
const SECOND: &str = "second@example.nhs.uk";

/// The date `days` from today, as the API writes dates.
fn from_today(days: i64) -> String {
    wgll_tests::date_from_today(days).to_string()
}

/// 2025/26's round: phase 1 closed yesterday, phase 2 is open, phase 3 opens in ten days.
fn round() -> Value {
    json!({"period": "2025/26", "phases": [
        {"name": "Phase 1", "opens": from_today(-40), "closes": from_today(-1), "measures": [4]},
        {"name": "Phase 2", "opens": from_today(-5), "closes": from_today(30), "measures": [1, 2]},
        {"name": "Phase 3", "opens": from_today(10), "closes": from_today(60), "measures": [3, 5, 6, 7]},
    ]})
}

/// Each organisation's name with its status (and "late") in each phase.
fn rows(progress: &Value) -> Vec<(String, Vec<String>)> {
    progress["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            let phases = row["phases"]
                .as_array()
                .unwrap()
                .iter()
                .map(|phase| {
                    let late = if phase["late"] == true { " late" } else { "" };
                    format!("{}{late}", phase["status"].as_str().unwrap())
                })
                .collect();
            (row["odsCode"].as_str().unwrap().to_owned(), phases)
        })
        .collect()
}

fn row(ods: &str, phases: [&str; 3]) -> (String, Vec<String>) {
    (ods.to_owned(), phases.map(str::to_owned).to_vec())
}

/// Who to chase: organisation, phase, the measures nobody has completed, how many reviewers.
fn chase(progress: &Value) -> Vec<(String, String, Value, usize, bool)> {
    progress["chase"]
        .as_array()
        .unwrap()
        .iter()
        .map(|entry| {
            (
                entry["odsCode"].as_str().unwrap().to_owned(),
                entry["phase"].as_str().unwrap().to_owned(),
                entry["measures"].clone(),
                entry["reviewers"].as_array().unwrap().len(),
                entry["overdue"] == true,
            )
        })
        .collect()
}

fn chased(
    ods: &str,
    phase: &str,
    measures: Value,
    reviewers: usize,
    overdue: bool,
) -> (String, String, Value, usize, bool) {
    (ods.to_owned(), phase.to_owned(), measures, reviewers, overdue)
}

#[tokio::test]
async fn a_region_sees_each_organisation_phase_by_phase_with_counts_and_who_to_chase() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    app.add_organisations(&[
        json!({"odsCode": "QMJ", "name": "North Central London ICS", "kind": "ics", "region": "london"}),
        json!({"odsCode": "RAL", "name": "Royal Free London", "kind": "acute-trust", "icsCode": "QMJ"}),
    ])
    .await;
    // Newcastle's peer review was published before the round opened.
    app.publish_peer_review("RTD", wgll_shared::framework::Variant::Organisation, "2025/26", [3; 7]).await;
    json(app.post("/api/rounds", &round()).await, 201).await;
    // Leeds: measure 4 completed a day after phase 1 closed, measure 1 begun.
    let leeds = app.start_review("RR8", "2025/26", "peer-review", &[LEAD_REVIEWER, SECOND]).await;
    app.complete_measure(&leeds, 4, 0).await;
    json(app.put(&format!("/api/reviews/{leeds}/measures/1"), &json!({"level": 2, "version": 0})).await, 200)
        .await;
    // Mid Yorkshire: started, nothing saved. Leeds and York: only a self-assessment, which does not count.
    app.start_review("RXF", "2025/26", "peer-review", &[LEAD_REVIEWER]).await;
    let own = app.start_review("RGD", "2025/26", "self-assessment", &[LEAD_REVIEWER]).await;
    json(app.put(&format!("/api/reviews/{own}/measures/4"), &json!({"level": 2, "version": 0})).await, 200)
        .await;

    let team = app.signed_in_as("Nia North", "nia@example.nhs.uk", NEY_TEAM);
    let progress = json(team.get("/api/rounds/2025-26/progress").await, 200).await;
    assert_eq!(progress["scope"], "North East and Yorkshire");
    // By name; London's organisations are not in the region.
    assert_eq!(
        rows(&progress),
        [
            row("RGD", ["not-started late", "not-started", "not-started"]),
            row("RR8", ["in-progress late", "in-progress", "not-started"]),
            row("RXF", ["not-started late", "not-started", "not-started"]),
            row("RTD", ["published", "published", "published"]),
            row("QHM", ["not-started late", "not-started", "not-started"]),
            row("QWO", ["not-started late", "not-started", "not-started"]),
        ]
    );
    // Phase 1 of 6: 4 not started (67%), 1 in progress (17%), 1 published (17%); 5 late (83%).
    let phase_1 = &progress["phases"][0];
    let counts: Vec<(u64, u64)> = phase_1["counts"]
        .as_array()
        .unwrap()
        .iter()
        .map(|count| (count["count"].as_u64().unwrap(), count["percent"].as_u64().unwrap()))
        .collect();
    assert_eq!(counts, [(4, 67), (1, 17), (0, 0), (0, 0), (1, 17)]);
    assert_eq!((phase_1["late"].as_u64(), phase_1["latePercent"].as_u64()), (Some(5), Some(83)));
    // Phase 1 (closed) first, then phase 2 (open); phase 3 has not opened, so nobody is chased for it.
    // Leeds completed measure 4, so it is chased only for phase 2.
    assert_eq!(
        chase(&progress),
        [
            chased("RGD", "Phase 1", json!([4]), 0, true),
            chased("RXF", "Phase 1", json!([4]), 1, true),
            chased("QHM", "Phase 1", json!([4]), 0, true),
            chased("QWO", "Phase 1", json!([4]), 0, true),
            chased("RGD", "Phase 2", json!([1, 2]), 0, false),
            chased("RR8", "Phase 2", json!([1, 2]), 2, false),
            chased("RXF", "Phase 2", json!([1, 2]), 1, false),
            chased("QHM", "Phase 2", json!([1, 2]), 0, false),
            chased("QWO", "Phase 2", json!([1, 2]), 0, false),
        ]
    );
    assert_eq!(progress["chase"][5]["reviewers"], json!([LEAD_REVIEWER, SECOND]));

    // An ICS within the region, for its team; the country is the administrators'.
    let west = json(team.get("/api/rounds/2025-26/progress?ics=QWO").await, 200).await;
    assert_eq!(west["scope"], "West Yorkshire ICS");
    let codes: Vec<&str> =
        west["organisations"].as_array().unwrap().iter().map(|r| r["odsCode"].as_str().unwrap()).collect();
    assert_eq!(codes, ["RGD", "RR8", "RXF", "QWO"]);
    json(team.get("/api/rounds/2025-26/progress?region=england").await, 403).await;
    json(team.get("/api/rounds/2025-26/progress?region=london").await, 403).await;
    json(team.get("/api/rounds/2025-26/progress?ics=QMJ").await, 403).await;
    let england = json(app.get("/api/rounds/2025-26/progress").await, 200).await;
    assert_eq!(england["scope"], "England");
    assert_eq!(england["organisations"].as_array().unwrap().len(), 8);

    // The CSV: a row per organisation, ODS codes on each, every phase's status and lateness.
    let csv = team.get("/api/rounds/2025-26/progress.csv?ics=QWO").await;
    assert_eq!(csv.status(), 200);
    assert_eq!(
        csv.headers()["content-disposition"],
        "attachment; filename=\"round-progress-2025-26-ics-QWO.csv\""
    );
    let csv = csv.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines[0],
        "Period,Region,ICS ODS code,ODS code,Organisation,Kind,Peer review,Phase 1,Phase 1 late,Phase 2,Phase 2 late,Phase 3,Phase 3 late"
    );
    assert_eq!(
        lines[2],
        format!(
            "2025/26,North East and Yorkshire,QWO,RR8,Leeds Teaching Hospitals NHS Trust,Acute trust,{leeds},In progress,Late,In progress,,Not started,"
        )
    );
    assert_eq!(lines.len(), 5);

    // The page: the counts, who to chase with their addresses, and every organisation.
    let page = team.get("/api/views/rounds/2025-26/progress?region=north-east-and-yorkshire").await;
    assert_eq!(page.status(), 200);
    let html = page.text().await.unwrap();
    assert!(html.contains("Progress: North East and Yorkshire"), "{html}");
    assert!(html.contains("4 (67%)"), "phase 1's not started: {html}");
    assert!(html.contains(r#"<a href="mailto:second@example.nhs.uk">second@example.nhs.uk</a>"#), "{html}");
    assert!(html.contains("The organisation’s leads: no peer review has been started"), "{html}");
    assert!(html.contains(r#"href="/rounds/2025-26/progress?ics=QWO""#), "{html}");
}

#[tokio::test]
async fn who_may_see_a_round_s_progress_and_what_is_refused() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    json(app.post("/api/rounds", &round()).await, 201).await;
    // An ICS's lead sees their ICS, and nothing wider.
    let ics_lead = app.signed_in_as("Ike", "ike@example.nhs.uk", &["ics-lead:QWO"]);
    let own = json(ics_lead.get("/api/rounds/2025-26/progress").await, 200).await;
    assert_eq!(own["scope"], "West Yorkshire ICS");
    json(ics_lead.get("/api/rounds/2025-26/progress?ics=QHM").await, 403).await;
    let problem =
        json(ics_lead.get("/api/rounds/2025-26/progress?region=north-east-and-yorkshire").await, 403).await;
    assert_eq!(
        problem["detail"],
        "Only administrators see the whole country’s progress; a region’s team sees its region and its ICSs, an ICS’s lead their ICS."
    );
    // An organisation's lead and a reviewer see none.
    let trust_lead = app.signed_in_as("Olu", "olu@example.nhs.uk", &["organisation-lead:RR8"]);
    json(trust_lead.get("/api/rounds/2025-26/progress").await, 403).await;
    json(trust_lead.get("/api/rounds/2025-26/progress?ics=QWO").await, 403).await;
    // What cannot be answered says why.
    let problem = json(app.get("/api/rounds/2024-25/progress").await, 404).await;
    assert_eq!(problem["detail"], "No assessment round has been opened for 2024/25.");
    let problem = json(app.get("/api/rounds/2025-26/progress?ics=RR8").await, 404).await;
    assert_eq!(problem["detail"], "There is no ICS with ODS code RR8.");
    let problem = json(app.get("/api/rounds/2025-26/progress?region=london&ics=QWO").await, 422).await;
    assert_eq!(problem["errors"][0]["message"], "Choose a region or an ICS, not both");
    json(app.get("/api/rounds/2025-26/progress?region=atlantis").await, 422).await;
    json(app.get("/api/rounds/2025-26/progress?scope=all").await, 400).await;
}

#[tokio::test]
async fn progress_follows_a_peer_review_from_first_save_to_publication() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    // Every phase open.
    let open = json!({"period": "2025/26", "phases": [
        {"name": "Phase 1", "opens": from_today(-10), "closes": from_today(20), "measures": [4]},
        {"name": "Phase 2", "opens": from_today(-10), "closes": from_today(30), "measures": [1, 2]},
        {"name": "Phase 3", "opens": from_today(-10), "closes": from_today(40), "measures": [3, 5, 6, 7]},
    ]});
    json(app.post("/api/rounds", &open).await, 201).await;
    let id = app.start_review("RR8", "2025/26", "peer-review", &[LEAD_REVIEWER]).await;
    let progress = || async { json(app.get("/api/rounds/2025-26/progress?ics=QWO").await, 200).await };
    assert_eq!(rows(&progress().await)[0], row("RR8", ["not-started", "not-started", "not-started"]));

    app.complete_every_measure(&id).await;
    let now = progress().await;
    assert_eq!(rows(&now)[0], row("RR8", ["in-progress", "in-progress", "in-progress"]));
    assert_eq!(
        chase(&now),
        [
            chased("QWO", "Phase 1", json!([4]), 0, false),
            chased("QWO", "Phase 2", json!([1, 2]), 0, false),
            chased("QWO", "Phase 3", json!([3, 5, 6, 7]), 0, false)
        ]
    );
    // Measure 2 saved again without its answers is no longer completed: Leeds is chased for it.
    json(app.put(&format!("/api/reviews/{id}/measures/2"), &json!({"level": 5, "version": 1})).await, 200)
        .await;
    let now = progress().await;
    assert_eq!(chase(&now)[1], chased("RR8", "Phase 2", json!([2]), 1, false));
    app.complete_measure(&id, 2, 2).await;
    assert!(!chase(&progress().await).iter().any(|entry| entry.0 == "RR8"));

    app.change_status(&id, "submit").await;
    assert_eq!(rows(&progress().await)[0], row("RR8", ["submitted", "submitted", "submitted"]));
    for number in 1..=7 {
        let body = json!({"level": 3, "note": "Agreed", "version": 0});
        json(app.put(&format!("/api/reviews/{id}/measures/{number}/agreed"), &body).await, 200).await;
    }
    app.change_status(&id, "moderate").await;
    app.change_status(&id, "confirm").await;
    assert_eq!(rows(&progress().await)[0], row("RR8", ["validated", "validated", "validated"]));
    app.confirm_facts(&id, "RR8").await;
    app.change_status(&id, "publish").await;
    assert_eq!(rows(&progress().await)[0], row("RR8", ["published", "published", "published"]));
}

#[tokio::test]
async fn an_imported_review_counts_with_what_each_of_its_reviewers_recorded() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let id = app.start_review("RR8", "2025/26", "peer-review", &[LEAD_REVIEWER, SECOND]).await;
    // Both reviewers record measure 1; only the lead completes it.
    app.complete_measure(&id, 1, 0).await;
    let second = app.signed_in_as("Sam Second", SECOND, &["reviewer", "organisation:RJ1"]);
    second.accept_review(&id).await;
    json(second.put(&format!("/api/reviews/{id}/measures/1"), &json!({"level": 2, "version": 0})).await, 200)
        .await;
    let export = json(app.get(&format!("/api/reviews/{id}/export.json")).await, 200).await;
    let imported = json(app.post("/api/reviews/import", &export).await, 201).await;
    let imported = imported["id"].as_str().unwrap().to_owned();

    json(app.post("/api/rounds", &round()).await, 201).await;
    let progress = json(app.get("/api/rounds/2025-26/progress?ics=QWO").await, 200).await;
    // Two peer reviews of Leeds, each in progress in phase 2 (measure 1 completed, measure 2 not).
    assert_eq!(rows(&progress)[0], row("RR8", ["not-started late", "in-progress", "not-started"]));
    assert_eq!(
        chase(&progress),
        [
            chased("RR8", "Phase 1", json!([4]), 2, true),
            chased("QWO", "Phase 1", json!([4]), 0, true),
            chased("RR8", "Phase 2", json!([2]), 2, false),
            chased("QWO", "Phase 2", json!([1, 2]), 0, false),
        ]
    );
    let counted = progress["organisations"][0]["reviewId"].as_str().unwrap();
    assert!(counted == id || counted == imported, "{counted}");
}
