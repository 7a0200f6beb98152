//! A review leaves as JSON (to import into another instance) and CSV (for spreadsheets), and an
//! export is validated like typed input when it comes back in.

use serde_json::{Value, json};
use wgll_shared::framework::Variant::Organisation;
use wgll_tests::{LEAD_REVIEWER, TestApp, json};

/// West Yorkshire ICS and a trust whose name has a comma in it, which the CSV must quote.
async fn organisations(app: &TestApp) {
    app.add_organisations(&[
        json!({"odsCode": "QWO", "name": "West Yorkshire ICS", "kind": "ics"}),
        json!({"odsCode": "RR8", "name": "Leeds, Teaching", "kind": "acute-trust", "icsCode": "QWO"}),
    ])
    .await;
}

async fn scored_review(app: &TestApp) -> String {
    organisations(app).await;
    let id = app.start_review("RR8", "2025/26", "self-assessment", &[LEAD_REVIEWER]).await;
    let statements = json!([{"statement": "org.1.1", "answer": "met", "evidence": "Board papers", "links": ["https://example.nhs.uk/a"]}]);
    let first = json!({"statements": statements, "level": 2, "gaps": "=cmd|' /C calc'!A0", "version": 0});
    json(app.put(&format!("/api/reviews/{id}/measures/1"), &first).await, 200).await;
    json(
        app.put(
            &format!("/api/reviews/{id}/measures/5"),
            &json!({"level": 4, "strengths": "NHS App, live", "version": 0}),
        )
        .await,
        200,
    )
    .await;
    id
}

#[tokio::test]
async fn a_review_exports_as_csv_with_ods_codes_and_no_live_formulas() {
    let app = TestApp::spawn().await;
    let id = scored_review(&app).await;
    let response = app.get(&format!("/api/reviews/{id}/export.csv")).await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(
        response.headers()["content-disposition"]
            .to_str()
            .unwrap()
            .contains("review-RR8-2025-26-self-assessment.csv")
    );
    let csv = response.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 3, "a header and one row per assessment: {csv}");
    assert!(lines[0].starts_with("ods_code,organisation,ics_code,period"));
    assert!(lines[1].starts_with("RR8,\"Leeds, Teaching\",QWO,2025/26,self-assessment,draft,wgll-2021,1,Well led,lead@example.nhs.uk,2,"));
    assert!(lines[1].contains("'=cmd"), "a formula is defused: {}", lines[1]);
    assert!(lines[2].contains(",5,Empower citizens,") && lines[2].contains("\"NHS App, live\""));
}

#[tokio::test]
async fn a_json_export_imports_into_another_instance_as_a_new_draft() {
    let source = TestApp::spawn().await;
    let id = scored_review(&source).await;
    let export = json(source.get(&format!("/api/reviews/{id}/export.json")).await, 200).await;
    assert_eq!(export["format"], "wgll-review-export/1");
    assert_eq!(export["measures"].as_array().unwrap().len(), 2);

    let target = TestApp::spawn().await;
    let problem = json(target.post("/api/reviews/import", &export).await, 422).await;
    assert!(
        problem["errors"][0]["message"].as_str().unwrap().contains("no organisation with ODS code RR8 here")
    );
    organisations(&target).await;
    let imported = json(target.post("/api/reviews/import", &export).await, 201).await;
    assert_ne!(imported["id"], export["review"]["id"]);
    assert_eq!(imported["status"], "draft");
    let detail =
        json(target.get(&format!("/api/reviews/{}", imported["id"].as_str().unwrap())).await, 200).await;
    assert_eq!(detail["measures"][0]["statements"][0]["links"], json!(["https://example.nhs.uk/a"]));
    assert_eq!(detail["measures"][1]["strengths"], "NHS App, live");
    let history =
        json(target.get(&format!("/api/reviews/{}/history", imported["id"].as_str().unwrap())).await, 200)
            .await;
    assert!(history[0]["summary"].as_str().unwrap().contains(&format!("Imported from review {id} (draft)")));
}

#[tokio::test]
async fn a_tampered_export_is_refused_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let id = scored_review(&app).await;
    let export = json(app.get(&format!("/api/reviews/{id}/export.json")).await, 200).await;
    let tamper = |change: &dyn Fn(&mut Value)| {
        let mut copy = export.clone();
        change(&mut copy);
        copy
    };
    let cases = [
        tamper(&|e| e["format"] = json!("something-else")),
        tamper(&|e| e["measures"][0]["statements"][0]["statement"] = json!("ics.9.9")),
        tamper(&|e| e["measures"][0]["reviewer"] = json!("intruder@example.com")),
        tamper(&|e| e["measures"][0]["statements"][0]["links"] = json!(["javascript:alert(1)"])),
    ];
    for bad in cases {
        json(app.post("/api/reviews/import", &bad).await, 422).await;
    }
    let level_out_of_range = tamper(&|e| e["measures"][1]["level"] = json!(9));
    json(app.post("/api/reviews/import", &level_out_of_range).await, 400).await;
    // A field the format does not have is refused wherever it is, not silently dropped.
    let unknown = [
        (tamper(&|e| e["review"]["approvedBy"] = json!("Chief Executive")), "approvedBy"),
        (tamper(&|e| e["measures"][0]["verified"] = json!(true)), "verified"),
        (tamper(&|e| e["measures"][0]["statements"][0]["score"] = json!(5)), "score"),
        (tamper(&|e| e["extra"] = json!(1)), "extra"),
    ];
    for (bad, field) in unknown {
        let problem = json(app.post("/api/reviews/import", &bad).await, 400).await;
        let detail = problem["detail"].as_str().unwrap();
        assert!(detail.contains(&format!("unknown field `{field}`")), "{detail}");
    }
    let reviews = json(app.get("/api/organisations/RR8/reviews").await, 200).await;
    assert_eq!(reviews.as_array().unwrap().len(), 1, "only the original review exists");
}

#[tokio::test]
async fn a_published_review_imports_with_its_agreed_levels() {
    let source = TestApp::spawn().await;
    source.add_ics_and_trust().await;
    let id = source.publish_peer_review("RR8", Organisation, "2025/26", [3, 2, 4, 3, 2, 3, 1]).await;
    let export = json(source.get(&format!("/api/reviews/{id}/export.json")).await, 200).await;

    let target = TestApp::spawn().await;
    organisations(&target).await;
    let imported = json(target.post("/api/reviews/import", &export).await, 201).await;
    let detail =
        json(target.get(&format!("/api/reviews/{}", imported["id"].as_str().unwrap())).await, 200).await;
    let agreed: Vec<(u64, u64, u64)> = detail["agreed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|level| {
            (
                level["measure"].as_u64().unwrap(),
                level["level"].as_u64().unwrap(),
                level["version"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(agreed, [(1, 3, 1), (2, 2, 1), (3, 4, 1), (4, 3, 1), (5, 2, 1), (6, 3, 1), (7, 1, 1)]);
    // The importer recorded them here; who the file says agreed them is kept as the file's claim.
    assert_eq!(detail["agreed"][0]["agreedBy"], LEAD_REVIEWER);
    assert_eq!(detail["agreed"][0]["agreedByAccordingToFile"], LEAD_REVIEWER);
    // Once submitted, each imported level saves over its version like any other.
    let imported_id = imported["id"].as_str().unwrap();
    // An imported peer review is a draft here: its reviewers accept it here before moving it on.
    target.acting_as(target.token.clone()).accept_review(imported_id).await;
    assert_eq!(target.change_status(imported_id, "submit").await["status"], "submitted");
    let agreed_path = format!("/api/reviews/{imported_id}/measures/7/agreed");
    json(target.put(&agreed_path, &json!({"level": 2, "version": 0})).await, 409).await;
    assert_eq!(
        json(target.put(&agreed_path, &json!({"level": 2, "version": 1})).await, 200).await["version"],
        2
    );
}

#[tokio::test]
async fn an_imported_file_cannot_make_someone_else_the_one_who_agreed_a_level() {
    let source = TestApp::spawn().await;
    source.add_ics_and_trust().await;
    let id = source.publish_peer_review("RR8", Organisation, "2025/26", [3, 2, 4, 3, 2, 3, 1]).await;
    let mut export = json(source.get(&format!("/api/reviews/{id}/export.json")).await, 200).await;
    export["agreed"][0]["agreedBy"] = json!("chief.executive@example.nhs.uk");
    export["agreed"][0]["agreedByAccordingToFile"] = json!("regional.director@example.nhs.uk");

    let target = TestApp::spawn().await;
    organisations(&target).await;
    let importer = "ida.importer@example.nhs.uk";
    let as_importer = target.signed_in_as("Ida Importer", importer, &["administrator"]);
    let imported = json(as_importer.post("/api/reviews/import", &export).await, 201).await;
    let detail =
        json(target.get(&format!("/api/reviews/{}", imported["id"].as_str().unwrap())).await, 200).await;
    assert_eq!(detail["agreed"][0]["agreedBy"], importer, "recorded here by the importer");
    assert_eq!(
        detail["agreed"][0]["agreedByAccordingToFile"], "chief.executive@example.nhs.uk",
        "the file's claim is its agreedBy, kept as a claim"
    );
    let history =
        json(target.get(&format!("/api/reviews/{}/history", imported["id"].as_str().unwrap())).await, 200)
            .await;
    assert_eq!(history[0]["actor"], format!("Ida Importer <{importer}>"));
}

/// The import page (`/reviews/import`) sends the chosen file as it is: the page answers with what
/// is wrong with it, in the page's error summary, or takes the person to the new draft.
#[tokio::test]
async fn the_import_page_says_what_is_wrong_with_a_file_or_opens_the_new_draft() {
    let source = TestApp::spawn().await;
    let id = scored_review(&source).await;
    let export = source.get(&format!("/api/reviews/{id}/export.json")).await.text().await.unwrap();

    let target = TestApp::spawn().await;
    let send = |body: Vec<u8>| {
        target
            .acting_as(target.token.clone())
            .request(reqwest::Method::POST, "/api/views/reviews/import?name=export.json")
            .header("content-type", "application/json")
            .body(body)
            .send()
    };
    let refusals = [
        (Vec::new(), "Choose the review export (.json) to import"),
        (br#"{"notes": "not a review"}"#.to_vec(), "This file is not a review export"),
        (export.clone().into_bytes(), "no organisation with ODS code RR8 here"),
    ];
    for (body, message) in refusals {
        let response = send(body).await.unwrap();
        assert_eq!(response.status(), 422, "{message}");
        let page = response.text().await.unwrap();
        assert!(page.contains("nhsuk-error-summary") && page.contains(message), "{message}: {page}");
        assert!(page.contains(r##"href="#file""##), "the summary links to the file input: {page}");
    }
    let reviews = json(target.get("/api/organisations/RR8/reviews").await, 404).await;
    assert_eq!(reviews["title"], "Not found", "nothing was written");

    organisations(&target).await;
    let response = send(export.into_bytes()).await.unwrap();
    assert_eq!(response.status(), 200);
    let page = response.text().await.unwrap();
    let reviews = json(target.get("/api/organisations/RR8/reviews").await, 200).await;
    let new_id = reviews[0]["id"].as_str().unwrap();
    assert_ne!(new_id, id);
    assert!(page.contains(&format!(r#"data-navigate="/reviews/{new_id}""#)), "{page}");
}
