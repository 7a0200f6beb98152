//! ICS outcome tracking through the API, on a small data set whose every figure was worked out by
//! hand: the dashboard's heatmap and roll-up, its exports, trends, benchmarks, levelling up, and
//! action plans. The reviews are published through the real lifecycle, so these tests also show
//! that publishing (and reopening) keeps the outcomes current.

use serde_json::{Value, json};
use wgll_shared::framework::Variant::{Ics, Organisation};
use wgll_tests::{TestApp, json};

/// The organisations of `add_two_icss_and_their_trusts`. West Yorkshire (QWO): its own review,
/// Leeds (RR8) and Mid Yorkshire (RXF) reviewed, Leeds and York Partnership (RGD) not. North East
/// (QHM): Newcastle (RTD), an acute trust like RR8 and RXF.
///
/// | 2025/26 | kind   | levels        |
/// |---------|--------|---------------|
/// | QWO     | ICS    | 4 4 4 4 4 4 4 |
/// | RR8     | acute  | 2 3 3 3 3 3 3 |
/// | RXF     | acute  | 4 1 3 3 3 3 3 |
/// | RTD     | acute  | 1 2 3 4 5 3 3 |
///
/// and RR8 in 2024/25: 1 2 2 2 2 2 2. Returns the id of RXF's review.
async fn hand_checked_data(app: &TestApp) -> String {
    app.add_two_icss_and_their_trusts().await;
    app.publish_peer_review("QWO", Ics, "2025/26", [4, 4, 4, 4, 4, 4, 4]).await;
    app.publish_peer_review("RR8", Organisation, "2025/26", [2, 3, 3, 3, 3, 3, 3]).await;
    let rxf = app.publish_peer_review("RXF", Organisation, "2025/26", [4, 1, 3, 3, 3, 3, 3]).await;
    app.publish_peer_review("RTD", Organisation, "2025/26", [1, 2, 3, 4, 5, 3, 3]).await;
    app.publish_peer_review("RR8", Organisation, "2024/25", [1, 2, 2, 2, 2, 2, 2]).await;
    // A review still in draft counts for nothing.
    app.start_review("RGD", "2025/26", "peer-review", &[wgll_tests::LEAD_REVIEWER]).await;
    rxf
}

fn codes(rows: &Value) -> Vec<&str> {
    rows.as_array().unwrap().iter().map(|row| row["odsCode"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn the_dashboard_shows_every_organisation_and_the_spread_beside_the_ics_own_level() {
    let app = TestApp::spawn().await;
    let rxf_review = hand_checked_data(&app).await;

    let dashboard = json(app.get("/api/ics/QWO/dashboard?period=2025/26").await, 200).await;
    assert_eq!(
        codes(&dashboard["organisations"]),
        ["RGD", "RR8", "RXF"],
        "every member by name, reviewed or not"
    );
    assert_eq!(dashboard["organisations"][0]["levels"], json!([null, null, null, null, null, null, null]));
    assert_eq!(dashboard["organisations"][1]["levels"], json!([2, 3, 3, 3, 3, 3, 3]));
    assert_eq!(dashboard["reviewed"], 2);
    assert_eq!(
        dashboard["periods"],
        json!(["2025/26", "2024/25"]),
        "the periods to choose from, newest first"
    );
    let latest = json(app.get("/api/ics/QWO/dashboard").await, 200).await;
    assert_eq!(
        (latest["period"].as_str(), &latest["reviewed"]),
        (Some("2025/26"), &json!(2)),
        "the newest by default"
    );
    assert_eq!(dashboard["ics"]["levels"], json!([4, 4, 4, 4, 4, 4, 4]));
    let well_led = &dashboard["rollUp"][0];
    assert_eq!(well_led["title"], "Well led");
    assert_eq!(well_led["icsLevel"], 4, "the ICS's own assessment, beside…");
    assert_eq!(
        well_led["providers"],
        json!({"count": 2, "min": 2, "lowerQuartile": 2.5, "median": 3.0, "upperQuartile": 3.5, "max": 4}),
        "…the spread across its providers (2 and 4), not a bare average"
    );
    assert_eq!(dashboard["rollUp"][1]["providers"]["min"], 1);
    assert_eq!(dashboard["rollUp"][1]["providers"]["median"], 2.0);

    // Reopening a review takes it out of the figures in the same transaction.
    app.change_status(&rxf_review, "reopen").await;
    let dashboard = json(app.get("/api/ics/QWO/dashboard?period=2025/26").await, 200).await;
    assert_eq!(dashboard["reviewed"], 1);
    assert_eq!(dashboard["rollUp"][0]["providers"]["count"], 1);
    assert_eq!(dashboard["organisations"][2]["levels"][0], Value::Null);

    // The other ICS's dashboard has none of this one's organisations.
    let north_east = json(app.get("/api/ics/QHM/dashboard?period=2025/26").await, 200).await;
    assert_eq!(codes(&north_east["organisations"]), ["RTD"]);
    assert!(north_east["ics"].is_null(), "QHM has no review of its own");
    json(app.get("/api/ics/QWO/dashboard?period=2025-27").await, 422).await;
    json(app.get("/api/ics/RR8/dashboard?period=2025/26").await, 404).await;
}

#[tokio::test]
async fn the_dashboard_exports_with_ods_codes_on_every_row() {
    let app = TestApp::spawn().await;
    hand_checked_data(&app).await;
    let response = app.get("/api/ics/QWO/dashboard.csv?period=2025/26").await;
    assert_eq!(response.status(), 200);
    assert!(
        response.headers()["content-disposition"].to_str().unwrap().contains("dashboard-QWO-2025-26.csv")
    );
    let csv = response.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 5, "a header, the ICS's own row and a row per member: {csv}");
    assert!(
        lines[0].starts_with("ICS ODS code,Period,ODS code,Organisation,Kind,Published review,1. Well led,")
    );
    assert!(lines[1].starts_with("QWO,2025/26,QWO,West Yorkshire ICS,"));
    assert!(lines[1].ends_with(",4,4,4,4,4,4,4"));
    assert!(lines[2].starts_with("QWO,2025/26,RGD,") && lines[2].ends_with(",,,,,,,"));
    assert!(lines[3].starts_with("QWO,2025/26,RR8,") && lines[3].ends_with(",2,3,3,3,3,3,3"));

    let export = json(app.get("/api/ics/QWO/dashboard.json?period=2025/26").await, 200).await;
    assert_eq!(codes(&export["organisations"]), ["RGD", "RR8", "RXF"]);
    assert_eq!(export["icsCode"], "QWO");
}

#[tokio::test]
async fn trends_run_across_periods_for_the_ics_and_each_organisation() {
    let app = TestApp::spawn().await;
    hand_checked_data(&app).await;
    let trends = json(app.get("/api/ics/QWO/trends").await, 200).await;
    assert_eq!(trends["ics"]["points"].as_array().unwrap().len(), 1);
    assert_eq!(codes(&trends["organisations"]), ["RR8", "RXF"], "members with a published peer review");
    let leeds = &trends["organisations"][0]["points"];
    assert_eq!(leeds[0]["period"], "2024/25", "oldest first");
    assert_eq!(leeds[0]["levels"], json!([1, 2, 2, 2, 2, 2, 2]));
    assert_eq!(leeds[1]["levels"], json!([2, 3, 3, 3, 3, 3, 3]));
    assert_eq!(leeds[1]["frameworkChanged"], false, "both periods used wgll-2021");

    let own = json(app.get("/api/organisations/RR8/trends").await, 200).await;
    assert_eq!(own["points"].as_array().unwrap().len(), 2);
    assert_eq!(own["points"][1]["frameworkId"], "wgll-2021");
}

#[tokio::test]
async fn a_benchmark_sets_an_organisation_against_every_organisation_of_its_kind() {
    let app = TestApp::spawn().await;
    hand_checked_data(&app).await;
    let benchmark = json(app.get("/api/organisations/RR8/benchmark?period=2025/26").await, 200).await;
    assert_eq!(benchmark["peerCount"], 2, "RXF and RTD, in two ICSs; not RGD, a mental health trust");
    let first = &benchmark["measures"][0];
    assert_eq!(first["level"], 2);
    assert_eq!(first["distribution"], json!([1, 0, 0, 1, 0]), "RTD at 1, RXF at 4");
    assert_eq!([&first["below"], &first["same"], &first["above"]], [&json!(1), &json!(0), &json!(1)]);
    let fifth = &benchmark["measures"][4];
    assert_eq!((fifth["level"].as_u64(), fifth["peers"]["median"].as_f64()), (Some(3), Some(4.0)));
    assert_eq!([&fifth["below"], &fifth["same"], &fifth["above"]], [&json!(0), &json!(1), &json!(1)]);
}

#[tokio::test]
async fn levelling_up_ranks_who_is_below_the_minimum_and_on_which_measures() {
    let app = TestApp::spawn().await;
    hand_checked_data(&app).await;
    let national = json(app.get("/api/levelling-up?period=2025/26&minimum=3").await, 200).await;
    assert_eq!(national["assessed"], 3, "RR8, RXF and RTD; ICSs' own reviews are not organisations");
    assert_eq!(codes(&national["organisations"]), ["RTD", "RR8", "RXF"], "most measures below first");
    assert_eq!(national["organisations"][0]["measuresBelow"], json!([1, 2]));
    let top: Vec<(u64, u64, u64)> = national["measures"]
        .as_array()
        .unwrap()
        .iter()
        .take(3)
        .map(|m| {
            (
                m["measure"].as_u64().unwrap(),
                m["organisationsBelow"].as_u64().unwrap(),
                m["percentBelow"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(top, [(1, 2, 66), (2, 2, 66), (3, 0, 0)]);
    assert_eq!(national["measures"][0]["suggestion"]["principle"], "levelling-up");
    assert_eq!(national["measures"][2]["suggestion"]["principle"], "fair-shares");

    let west_yorkshire = json(app.get("/api/levelling-up?period=2025/26&minimum=3&ics=QWO").await, 200).await;
    assert_eq!(west_yorkshire["assessed"], 2);
    assert_eq!(codes(&west_yorkshire["organisations"]), ["RR8", "RXF"]);
    let stricter = json(app.get("/api/levelling-up?period=2025/26&minimum=4&ics=QWO").await, 200).await;
    assert_eq!(stricter["organisations"][0]["measuresBelow"].as_array().unwrap().len(), 7);
    json(app.get("/api/levelling-up?period=2025/26&minimum=6").await, 422).await;

    // The national view is for administrators; an ICS lead sees their own ICS only.
    let lead = app.signed_in_as("Ian", "ian@example.nhs.uk", &["ics-lead:QWO"]);
    json(lead.get("/api/levelling-up?period=2025/26").await, 403).await;
    json(lead.get("/api/levelling-up?period=2025/26&ics=QWO").await, 200).await;
    json(lead.get("/api/levelling-up?period=2025/26&ics=QHM").await, 403).await;
    json(lead.get("/api/ics/QHM/dashboard?period=2025/26").await, 403).await;
}

fn action(review: &str, due: &str) -> Value {
    json!({"reviewId": review, "measure": 1, "description": "Appoint a CCIO", "owner": "Chief Executive", "due": due})
}

#[tokio::test]
async fn actions_close_gaps_from_published_reviews_and_overdue_ones_stand_out() {
    let app = TestApp::spawn().await;
    hand_checked_data(&app).await;
    let reviews = json(app.get("/api/organisations/RR8/reviews").await, 200).await;
    let current = reviews.as_array().unwrap().iter().find(|r| r["period"] == "2025/26").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();

    let lead = app.signed_in_as("Tess", "tess@example.nhs.uk", &["organisation-lead:RR8"]);
    let overdue =
        json(lead.post("/api/organisations/RR8/actions", &action(&current, "2020-01-31")).await, 201).await;
    assert_eq!(
        (overdue["currentLevel"].as_u64(), overdue["targetLevel"].as_u64()),
        (Some(2), Some(3)),
        "current + 1"
    );
    assert_eq!(overdue["status"], "not-started");
    let mut second = action(&current, "2099-03-31");
    second["measure"] = json!(2);
    second["targetLevel"] = json!(5);
    let later = json(lead.post("/api/organisations/RR8/actions", &second).await, 201).await;
    assert_eq!(later["gap"], "No shared care record yet", "the gap comes from the review");

    let all = json(app.get("/api/organisations/RR8/actions").await, 200).await;
    assert_eq!(all.as_array().unwrap().len(), 2);
    let late = json(app.get("/api/organisations/RR8/actions?overdue=true").await, 200).await;
    assert_eq!(late.as_array().unwrap().len(), 1);
    let in_ics = json(app.get("/api/ics/QWO/actions?overdue=true").await, 200).await;
    assert_eq!(in_ics[0]["id"], overdue["id"]);
    assert!(
        json(app.get("/api/ics/QWO/actions?organisation=RXF").await, 200)
            .await
            .as_array()
            .unwrap()
            .is_empty()
    );
    assert!(json(app.get("/api/ics/QHM/actions").await, 200).await.as_array().unwrap().is_empty());

    // Done: no longer overdue. A stale edit is refused.
    let path = format!("/api/organisations/RR8/actions/{}", overdue["id"].as_str().unwrap());
    let done = json!({"description": "Appoint a CCIO", "targetLevel": 3, "owner": "Chief Executive", "due": "2020-01-31", "status": "done", "version": 1});
    assert_eq!(json(lead.put(&path, &done).await, 200).await["version"], 2);
    json(lead.put(&path, &done).await, 409).await;
    assert!(
        json(app.get("/api/ics/QWO/actions?overdue=true").await, 200).await.as_array().unwrap().is_empty()
    );
    assert_eq!(
        json(app.get("/api/ics/QWO/actions?status=done").await, 200).await.as_array().unwrap().len(),
        1
    );

    // Targets must rise; drafts and other organisations' reviews are not a source of actions.
    let mut flat = action(&current, "2027-01-01");
    flat["targetLevel"] = json!(2);
    assert_eq!(
        json(lead.post("/api/organisations/RR8/actions", &flat).await, 422).await["errors"][0]["field"],
        "targetLevel"
    );
    let draft = app.start_review("RR8", "2026/27", "peer-review", &[wgll_tests::LEAD_REVIEWER]).await;
    json(lead.post("/api/organisations/RR8/actions", &action(&draft, "2027-01-01")).await, 422).await;
    json(app.post("/api/organisations/RXF/actions", &action(&current, "2027-01-01")).await, 422).await;
    let other = app.signed_in_as("Olive", "olive@example.nhs.uk", &["organisation-lead:RTD"]);
    json(other.post("/api/organisations/RR8/actions", &action(&current, "2027-01-01")).await, 403).await;
    json(other.get("/api/organisations/RR8/actions").await, 403).await;
}

/// The action plan pages the server renders: an action added by the outcomes page's form (errors
/// by their fields, what was typed kept, nothing added), its status changed from the ICS's list
/// (answered with the same filters), a stale change refused by the action, and those not allowed
/// refused as by the JSON API.
#[tokio::test]
async fn the_action_plan_forms_keep_what_was_typed_and_refuse_a_stale_change() {
    let app = TestApp::spawn().await;
    hand_checked_data(&app).await;
    let reviews = json(app.get("/api/organisations/RR8/reviews").await, 200).await;
    let current = reviews.as_array().unwrap().iter().find(|r| r["period"] == "2025/26").unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let lead = app.signed_in_as("Tess", "tess@example.nhs.uk", &["organisation-lead:RR8"]);
    let page = lead.get("/api/views/organisations/RR8/outcomes").await;
    assert_eq!(page.status().as_u16(), 200);
    let page = page.text().await.unwrap();
    assert!(page.contains(r#"<p id="actions-empty">No actions match.</p>"#), "{page}");
    assert!(page.contains(&format!(r#"<option value="{current}">Peer review 2025/26</option>"#)), "{page}");
    // Each measure says the level agreed in the newest published peer review: the target's start.
    assert!(page.contains(r#"<option value="1">1. Well led (agreed level 2 in 2025/26)</option>"#), "{page}");
    assert!(
        page.contains(
            r#"<form method="post" action="/organisations/RR8/actions" novalidate id="new-action">"#
        )
    );

    let path = "/api/views/organisations/RR8/actions";
    let bad = lead
        .post_form(
            path,
            &format!(
                "reviewId={current}&measure=1&description=Appoint+a+CCIO&targetLevel=2&owner=&due-day=31&due-month=&due-year=2020"
            ),
        )
        .await;
    assert_eq!(bad.status().as_u16(), 422);
    let page = bad.text().await.unwrap();
    assert!(
        page.contains(r##"<a href="#targetLevel">Choose a target above the current level, 2</a>"##),
        "{page}"
    );
    assert!(
        page.contains(r##"<a href="#owner">"##)
            && page.contains(r##"<a href="#due">The due date must include a month"##),
        "{page}"
    );
    assert!(page.contains(r#"<div class="nhsuk-form-group nhsuk-form-group--error"><label class="nhsuk-label" for="targetLevel">"#), "{page}");
    assert!(
        page.contains(r#"value="Appoint a CCIO""#) && page.contains(r#"value="2020""#),
        "what was typed is kept: {page}"
    );
    assert!(json(app.get("/api/organisations/RR8/actions").await, 200).await.as_array().unwrap().is_empty());
    assert_eq!(lead.post_form(path, "colour=blue").await.status().as_u16(), 422);

    let added = lead
        .post_form(
            path,
            &format!(
                "reviewId={current}&measure=1&description=Appoint+a+CCIO&targetLevel=&owner=Chief+Executive&due-day=31&due-month=1&due-year=2020"
            ),
        )
        .await;
    assert_eq!(added.status().as_u16(), 200);
    let page = added.text().await.unwrap();
    assert!(page.contains("You added the action “Appoint a CCIO”."), "{page}");
    assert!(page.contains(": from 2 to 3") && page.contains("Overdue"), "{page}");
    let all = json(app.get("/api/organisations/RR8/actions").await, 200).await;
    let id = all[0]["id"].as_str().unwrap().to_owned();
    assert_eq!(all[0]["due"], "2020-01-31");

    // From the ICS's list of overdue actions: done, and the list answered with the same filter.
    let ics_lead = app.signed_in_as("Ian", "ian@example.nhs.uk", &["ics-lead:QWO"]);
    let list = ics_lead.get("/api/views/ics/QWO/actions?overdue=true&status=&organisation=").await;
    assert_eq!(list.status().as_u16(), 200);
    let list = list.text().await.unwrap();
    assert!(list.contains(r#"<p id="actions-summary">1 action, 1 overdue.</p>"#), "{list}");
    let status =
        format!("/api/views/organisations/RR8/actions/{id}?ics=QWO&status=&organisation=&overdue=true");
    let done = ics_lead.post_form(&status, "version=1&status=done").await;
    assert_eq!(done.status().as_u16(), 200);
    let list = done.text().await.unwrap();
    assert!(list.contains("Saved: “Appoint a CCIO” is done."), "{list}");
    assert!(list.contains(r#"<p id="actions-summary">0 actions, 0 overdue.</p>"#), "{list}");
    assert_eq!(json(app.get("/api/organisations/RR8/actions").await, 200).await[0]["status"], "done");

    // The same version again: someone changed it since; said by the action, with the choice kept.
    let stale = lead
        .post_form(&format!("/api/views/organisations/RR8/actions/{id}"), "version=1&status=in-progress")
        .await;
    assert_eq!(stale.status().as_u16(), 409);
    let page = stale.text().await.unwrap();
    assert!(
        page.contains(&format!(r##"<a href="#status-{id}">This action was changed by someone else"##)),
        "{page}"
    );
    assert!(page.contains(r#"<option value="in-progress" selected>"#), "{page}");
    assert!(page.contains(r#"name="version" value="2""#), "the version now saved: {page}");
    assert_eq!(json(app.get("/api/organisations/RR8/actions").await, 200).await[0]["status"], "done");
    let unknown = lead
        .post_form(&format!("/api/views/organisations/RR8/actions/{id}"), "version=2&status=finished")
        .await;
    assert_eq!(unknown.status().as_u16(), 422);

    // Those not allowed: refused before anything is read or written.
    let other = app.signed_in_as("Olive", "olive@example.nhs.uk", &["organisation-lead:RTD"]);
    assert_eq!(other.get("/api/views/organisations/RR8/outcomes").await.status().as_u16(), 403);
    assert_eq!(other.get("/api/views/ics/QWO/actions").await.status().as_u16(), 403);
    let refused = other
        .post_form(
            path,
            &format!(
                "reviewId={current}&measure=2&description=X&owner=Y&due-day=1&due-month=1&due-year=2030"
            ),
        )
        .await;
    assert_eq!(refused.status().as_u16(), 403);
    let refused = other
        .post_form(&format!("/api/views/organisations/RR8/actions/{id}"), "version=2&status=cancelled")
        .await;
    assert_eq!(refused.status().as_u16(), 403);
    assert_eq!(json(app.get("/api/organisations/RR8/actions").await, 200).await.as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn the_synthetic_data_set_fills_every_dashboard() {
    let app = TestApp::spawn().await;
    let store = wgll_functions::store::Store::connect(&app.config).await;
    let shape = wgll_functions::store::synthetic::Shape { icss: 2, organisations_per_ics: 3, periods: 2 };
    let loaded = store.load_synthetic(shape).await.unwrap();
    assert_eq!((loaded.organisations, loaded.reviews), (8, 16), "2 ICSs and 6 organisations, 2 periods each");

    let dashboard = json(app.get("/api/ics/SI01/dashboard?period=2025/26").await, 200).await;
    assert_eq!(codes(&dashboard["organisations"]).len(), 3);
    assert_eq!(dashboard["reviewed"], 3);
    assert!(
        dashboard["ics"]["levels"]
            .as_array()
            .unwrap()
            .iter()
            .all(|level| (1..=5).contains(&level.as_u64().unwrap()))
    );
    let trends = json(app.get("/api/ics/SI02/trends").await, 200).await;
    assert_eq!(trends["organisations"][0]["points"].as_array().unwrap().len(), 2);
    let national = json(app.get("/api/levelling-up?period=2024/25&minimum=5").await, 200).await;
    assert_eq!(national["assessed"], 6);
}
