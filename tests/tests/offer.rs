//! The citizen-facing digital offer through the API: recording services, an ICS's coverage and
//! gaps (checked by hand on a small data set), the exports, and the public view, which must show
//! only live and pilot services and nothing internal.

use serde_json::{Value, json};
use wgll_tests::{TestApp, json};

/// Today, as the API sees it (the tests and the server share a clock).
fn today() -> String {
    let now = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs();
    let days = (now / 86_400) as i64;
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!("{year:04}-{month:02}-{day:02}")
}

fn record(status: &str, channels: &[&str], version: u64) -> Value {
    json!({
        "status": status,
        "channels": channels,
        "since": "2024-03",
        "source": "https://intranet.example.nhs.uk/digital/evidence-17",
        "lastChecked": today(),
        "version": version,
    })
}

async fn save(app: &TestApp, ods: &str, service: &str, body: &Value) -> Value {
    json(app.put(&format!("/api/organisations/{ods}/offer/{service}"), body).await, 200).await
}

#[tokio::test]
async fn a_lead_records_a_service_and_every_change_is_kept_with_its_history() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let offer = json(app.get("/api/organisations/RR8/offer").await, 200).await;
    let services = offer["services"].as_array().unwrap();
    assert_eq!(services.len(), 17, "every catalogue service, recorded or not");
    assert!(services.iter().all(|service| service["status"] == "not-offered" && service["version"] == 0));

    // The organisation's own lead records a pilot, then the ICS lead makes it live.
    let trust_lead = app.signed_in_as("Tess Lead", "tess@example.nhs.uk", &["organisation-lead:RR8"]);
    let saved = json(
        trust_lead
            .put("/api/organisations/RR8/offer/test-results", &record("pilot", &["patient-portal"], 0))
            .await,
        200,
    )
    .await;
    assert_eq!((saved["version"].as_u64(), saved["updatedBy"].as_str()), (Some(1), Some("Tess Lead")));
    let ics_lead = app.signed_in_as("Ian Lead", "ian@example.nhs.uk", &["ics-lead:QWO"]);
    json(
        ics_lead
            .put(
                "/api/organisations/RR8/offer/test-results",
                &record("live", &["nhs-app", "patient-portal"], 1),
            )
            .await,
        200,
    )
    .await;

    let offer = json(app.get("/api/organisations/RR8/offer").await, 200).await;
    let results =
        offer["services"].as_array().unwrap().iter().find(|s| s["service"] == "test-results").unwrap();
    assert_eq!(results["status"], "live");
    assert_eq!(results["channels"], json!(["nhs-app", "patient-portal"]));
    assert_eq!(results["version"], 2);
    assert_eq!(results["lastChecked"], today());

    let history = json(app.get("/api/organisations/RR8/offer/history").await, 200).await;
    let history = history.as_array().unwrap();
    assert_eq!(history.len(), 2);
    assert_eq!(history[0]["actor"], "Ian Lead <ian@example.nhs.uk>", "newest first");
    assert!(
        history[0]["summary"]
            .as_str()
            .unwrap()
            .starts_with("Pilot → Live; channels: NHS App and Patient portal")
    );
    assert!(history[1]["summary"].as_str().unwrap().starts_with("Recorded as Pilot"));

    // Another organisation's lead may read but not change it.
    let other = app.signed_in_as("Olive", "olive@example.nhs.uk", &["organisation-lead:RTD"]);
    json(other.get("/api/organisations/RR8/offer").await, 200).await;
    json(other.put("/api/organisations/RR8/offer/test-results", &record("not-offered", &[], 2)).await, 403)
        .await;
}

#[tokio::test]
async fn a_stale_or_invalid_change_is_refused_and_leaves_nothing_behind() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    save(&app, "RR8", "appointments", &record("live", &["nhs-app"], 0)).await;

    // Someone saved version 1 since this editor read version 0.
    let stale =
        json(app.put("/api/organisations/RR8/offer/appointments", &record("planned", &[], 0)).await, 409)
            .await;
    assert!(stale["detail"].as_str().unwrap().contains("changed by someone else"));

    let mut bad = record("live", &[], 1);
    bad["lastChecked"] = json!("2999-01-01");
    bad["source"] = json!("not a link");
    let invalid = json(app.put("/api/organisations/RR8/offer/appointments", &bad).await, 422).await;
    let fields: Vec<&str> =
        invalid["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["channels", "source", "lastChecked"]);

    let unknown = json(
        app.put("/api/organisations/RR8/offer/teleportation", &record("live", &["other"], 0)).await,
        404,
    )
    .await;
    assert!(unknown["detail"].as_str().unwrap().contains("teleportation"));
    json(app.put("/api/organisations/XX9/offer/appointments", &record("live", &["other"], 0)).await, 404)
        .await;
    let mut unknown_field = record("live", &["other"], 1);
    unknown_field["secret"] = json!(true);
    json(app.put("/api/organisations/RR8/offer/appointments", &unknown_field).await, 400).await;

    let offer = json(app.get("/api/organisations/RR8/offer").await, 200).await;
    let appointments =
        offer["services"].as_array().unwrap().iter().find(|s| s["service"] == "appointments").unwrap();
    assert_eq!((appointments["status"].as_str(), appointments["version"].as_u64()), (Some("live"), Some(1)));
    let history = json(app.get("/api/organisations/RR8/offer/history").await, 200).await;
    assert_eq!(history.as_array().unwrap().len(), 1, "refused changes write no history");
}

#[tokio::test]
async fn an_ics_sees_coverage_per_service_and_the_gaps_that_make_its_offer_inconsistent() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    // Hand-checked: NHS login live at all three QWO trusts; test results live at RR8, pilot at
    // RXF, planned at RGD; appointments live only at RTD, which is in the other ICS.
    for ods in ["RR8", "RXF", "RGD"] {
        save(&app, ods, "nhs-login", &record("live", &["nhs-app"], 0)).await;
    }
    save(&app, "RR8", "test-results", &record("live", &["nhs-app"], 0)).await;
    save(&app, "RXF", "test-results", &record("pilot", &["patient-portal"], 0)).await;
    save(&app, "RGD", "test-results", &record("planned", &[], 0)).await;
    save(&app, "RTD", "appointments", &record("live", &["own-website-or-app"], 0)).await;

    let matrix = json(app.get("/api/ics/QWO/offer").await, 200).await;
    let names: Vec<&str> =
        matrix["rows"].as_array().unwrap().iter().map(|row| row["odsCode"].as_str().unwrap()).collect();
    assert_eq!(names, ["RGD", "RR8", "RXF"], "the ICS's three trusts by name, not the ICS, not QHM's");
    let coverage = |service: &str| {
        matrix["coverage"].as_array().unwrap().iter().find(|row| row["service"] == service).unwrap().clone()
    };
    let login = coverage("nhs-login");
    assert_eq!(
        (login["live"].as_u64(), login["organisations"].as_u64(), login["livePercent"].as_u64()),
        (Some(3), Some(3), Some(100))
    );
    assert_eq!(login["gaps"], json!([]));
    let results = coverage("test-results");
    assert_eq!(
        [
            &results["live"],
            &results["pilot"],
            &results["planned"],
            &results["notOffered"],
            &results["livePercent"]
        ],
        [&json!(1), &json!(1), &json!(1), &json!(0), &json!(33)]
    );
    assert_eq!(results["gaps"], json!(["RGD", "RXF"]));
    let appointments = coverage("appointments");
    assert_eq!((appointments["live"].as_u64(), appointments["gaps"].as_array().unwrap().len()), (Some(0), 3));
    assert_eq!(matrix["consistentServices"], 1, "only NHS login is live everywhere");
    let rgd = matrix["rows"].as_array().unwrap().iter().find(|row| row["odsCode"] == "RGD").unwrap();
    assert_eq!(rgd["statuses"][0], "live");
    assert_eq!(rgd["statuses"][4], "planned", "statuses follow the catalogue's order: test results is fifth");

    json(app.get("/api/ics/RR8/offer").await, 404).await;
    json(app.get("/api/ics/ZZZ9/offer").await, 404).await;
}

#[tokio::test]
async fn the_mapping_exports_as_csv_and_json_with_ods_codes_on_every_row() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    save(&app, "RXF", "test-results", &record("pilot", &["patient-portal", "nhs-app"], 0)).await;

    let response = app.get("/api/ics/QWO/offer.csv").await;
    assert_eq!(response.status(), 200);
    assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
    assert!(response.headers()["content-disposition"].to_str().unwrap().contains("digital-offer-QWO.csv"));
    let csv = response.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(lines.len(), 1 + 3 * 17, "a header and a row per trust and service");
    assert!(lines[0].starts_with("ICS ODS code,Organisation ODS code,"));
    assert!(lines[1..].iter().all(|line| line.starts_with("QWO,R")), "ODS codes on every row");
    let expected = format!(
        "QWO,RXF,Mid Yorkshire Teaching NHS Trust,test-results,Test results,pilot,nhs-app;patient-portal,\
         2024-03,https://intranet.example.nhs.uk/digital/evidence-17,,{},2026.1",
        today()
    );
    assert!(lines.contains(&expected.as_str()), "{csv}");

    let export = json(app.get("/api/ics/QWO/offer.json").await, 200).await;
    assert_eq!(export["format"], "wgll-offer-export/1");
    assert_eq!(export["icsCode"], "QWO");
    let organisations = export["organisations"].as_array().unwrap();
    assert_eq!(organisations.len(), 3);
    for organisation in organisations {
        let ods = organisation["organisation"]["odsCode"].as_str().unwrap();
        assert!(organisation["services"].as_array().unwrap().iter().all(|service| service["odsCode"] == ods));
    }
}

#[tokio::test]
async fn the_public_sees_only_live_and_pilot_services_without_signing_in_and_nothing_internal() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    save(&app, "RR8", "nhs-login", &record("live", &["nhs-app"], 0)).await;
    save(&app, "RR8", "test-results", &record("pilot", &["patient-portal"], 0)).await;
    save(&app, "RR8", "appointments", &record("planned", &[], 0)).await;
    save(&app, "RR8", "care-plans", &record("not-offered", &[], 0)).await;
    let public = app.acting_as(None);

    let response = public.get("/api/public/organisations/RR8").await;
    assert!(response.headers()["cache-control"].to_str().unwrap().starts_with("public"));
    let offer = json(response, 200).await;
    assert_eq!(offer["organisation"]["name"], "Leeds Teaching Hospitals NHS Trust");
    let shown: Vec<(&str, bool)> = offer["services"]
        .as_array()
        .unwrap()
        .iter()
        .map(|service| (service["service"].as_str().unwrap(), service["pilot"].as_bool().unwrap()))
        .collect();
    assert_eq!(shown, [("nhs-login", false), ("test-results", true)]);
    let text = offer.to_string();
    for internal in [
        "intranet.example",
        "planned",
        "appointments",
        "care-plans",
        "Lead Reviewer",
        "lead@example",
        "version",
        "lastChecked",
    ] {
        assert!(!text.contains(internal), "the public view leaks {internal}: {text}");
    }

    // Search by name, by town and by ODS code; ICSs are browsed, not searched.
    let search = |query: &'static str| {
        let public = &public;
        async move {
            let found =
                json(public.get(&format!("/api/public/organisations?search={query}")).await, 200).await;
            found
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["odsCode"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    assert_eq!(search("teaching").await, ["RR8", "RXF"]);
    assert_eq!(search("Leeds").await, ["RGD", "RR8"]);
    assert_eq!(search("rtd").await, ["RTD"]);
    assert!(search("ICS").await.is_empty());
    json(public.get("/api/public/organisations?search=a").await, 422).await;
    json(public.get("/api/public/organisations").await, 400).await;

    let systems = json(public.get("/api/public/ics").await, 200).await;
    let systems: Vec<&str> =
        systems.as_array().unwrap().iter().map(|s| s["odsCode"].as_str().unwrap()).collect();
    assert_eq!(systems, ["QHM", "QWO"], "by name: North East…, West Yorkshire…");
    let ics = json(public.get("/api/public/ics/QWO").await, 200).await;
    let members: Vec<(&str, u64)> = ics["organisations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| (m["organisation"]["odsCode"].as_str().unwrap(), m["servicesOnline"].as_u64().unwrap()))
        .collect();
    assert_eq!(members, [("RGD", 0), ("RR8", 2), ("RXF", 0)]);
    json(public.get("/api/public/organisations/NOPE1").await, 404).await;

    // The full record, history and matrix stay behind sign-in.
    json(public.get("/api/organisations/RR8/offer").await, 401).await;
    json(public.get("/api/organisations/RR8/offer/history").await, 401).await;
    json(public.get("/api/ics/QWO/offer").await, 401).await;
    json(public.put("/api/organisations/RR8/offer/nhs-login", &record("live", &["nhs-app"], 1)).await, 401)
        .await;
}

/// The issue's six searches, and word order, a typo, the ranking and nothing found, end to end on
/// a few Liverpool organisations (the rule, worked by hand, is `wgll_shared::offer::search`'s).
#[tokio::test]
async fn the_public_search_takes_words_in_any_order_forgives_a_typo_and_ranks_what_it_finds() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    app.add_organisations(&[
        json!({"odsCode": "QYG", "name": "Cheshire and Merseyside ICS", "kind": "ics", "town": "Liverpool"}),
        json!({"odsCode": "REM", "name": "Liverpool University Hospitals NHS Foundation Trust", "kind": "acute-trust", "icsCode": "QYG", "town": "Liverpool"}),
        json!({"odsCode": "RBQ", "name": "Liverpool Heart and Chest Hospital NHS Foundation Trust", "kind": "acute-trust", "icsCode": "QYG", "town": "Liverpool"}),
        json!({"odsCode": "REP", "name": "Liverpool Women's NHS Foundation Trust", "kind": "acute-trust", "icsCode": "QYG", "town": "Liverpool"}),
        json!({"odsCode": "RBS", "name": "Alder Hey Children's NHS Foundation Trust", "kind": "acute-trust", "icsCode": "QYG", "town": "Liverpool"}),
        json!({"odsCode": "RBL", "name": "Wirral University Teaching Hospital NHS Foundation Trust", "kind": "acute-trust", "icsCode": "QYG", "town": "Birkenhead"}),
    ])
    .await;
    let public = app.acting_as(None);
    let search = |query: &'static str| {
        let public = &public;
        async move {
            let query = query.replace(' ', "%20");
            let found =
                json(public.get(&format!("/api/public/organisations?search={query}")).await, 200).await;
            found
                .as_array()
                .unwrap()
                .iter()
                .map(|o| o["odsCode"].as_str().unwrap().to_owned())
                .collect::<Vec<_>>()
        }
    };
    // The issue's examples: the three that worked still do; the three that found nothing now
    // find Liverpool University Hospitals first.
    assert_eq!(search("Liverpool University").await, ["REM"]);
    assert_eq!(search("liverpool").await, ["RBQ", "REM", "REP", "RBS"], "names by name, then the town");
    assert_eq!(search("REM").await, ["REM"]);
    assert_eq!(search("Liverpool hospital").await, ["REM", "RBQ"], "Hospitals is third in REM's name");
    assert_eq!(search("Royal Liverpool Hospital").await, ["REM", "RBQ"], "Royal tolerated beside two");
    assert_eq!(search("Liverpol").await, ["RBQ", "REM", "REP", "RBS"]);
    // Any order, a typo, more words matched first, and nothing found.
    assert_eq!(search("hospitals university liverpool").await, ["REM", "RBQ", "RBL"]);
    assert_eq!(search("Liverpool Univercity").await, ["REM"]);
    assert_eq!(search("Teaching Leeds").await, ["RR8"]);
    assert!(search("Liverpool Leeds").await.is_empty());
    assert!(search("Cheshire Merseyside").await.is_empty(), "an ICS is browsed, not searched");

    // The page shows the same, in the same order.
    let page = public.get("/digital-services?search=Royal+Liverpool+Hospital").await.text().await.unwrap();
    assert!(page.contains("2 organisations match “Royal Liverpool Hospital”"), "{page}");
    let first = page.find("/digital-services/REM").unwrap();
    assert!(first < page.find("/digital-services/RBQ").unwrap(), "{page}");
}

#[tokio::test]
async fn the_public_pages_are_plain_html_with_no_script_and_nothing_internal() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    let odd_name = json!({"odsCode": "RAE", "name": "Bradford <b>Teaching</b> & Co", "kind": "acute-trust", "icsCode": "QWO", "town": "Bradford"});
    app.add_organisation(&odd_name).await;
    save(&app, "RR8", "test-results", &record("pilot", &["patient-portal", "nhs-app"], 0)).await;
    save(&app, "RR8", "appointments", &record("planned", &[], 0)).await;
    let public = app.acting_as(None);

    let response = public.get("/digital-services/RR8").await;
    assert_eq!(response.status(), 200);
    let headers = response.headers().clone();
    assert_eq!(headers["content-type"], "text/html; charset=utf-8");
    let policy = headers["content-security-policy"].to_str().unwrap();
    assert!(
        policy.starts_with("default-src 'none'") && !policy.contains("script-src"),
        "no script at all: {policy}"
    );
    assert!(headers["cache-control"].to_str().unwrap().starts_with("public"));
    let html = response.text().await.unwrap();
    assert!(html.contains("<h1>Leeds Teaching Hospitals NHS Trust</h1>"));
    assert!(html.contains("Test results") && html.contains("Being tried out"));
    assert!(html.contains("<strong>Where: </strong>NHS App and Patient portal"));
    for internal in ["intranet.example", "Appointments", "lastChecked", "Lead Reviewer"] {
        assert!(!html.contains(internal), "the public page leaks {internal}");
    }
    assert!(html.len() < 8 * 1024, "a few kilobytes, quick on a slow connection ({} bytes)", html.len());

    let found = public.get("/digital-services?search=bradford").await.text().await.unwrap();
    assert!(found.contains("Bradford &lt;b&gt;Teaching&lt;/b&gt; &amp; Co"), "names are escaped");
    assert!(!found.contains("<b>Teaching"));
    assert!(found.contains(r#"href="/digital-services/ics/QHM""#), "every ICS to browse");
    let refused = public.get("/digital-services?search=a").await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.unwrap();
    assert!(refused.contains("nhsuk-error-summary") && refused.contains("Enter at least 2 letters"));
    let browse = public.get("/digital-services/ics/QWO").await.text().await.unwrap();
    assert!(browse.contains("1 service online") && browse.contains("No online services recorded yet"));
    let missing = public.get("/digital-services/NOPE1").await;
    assert_eq!(missing.status(), 404);
    assert!(missing.text().await.unwrap().contains("There is no organisation with ODS code"));
}

/// A name is shown as the text it is, wherever a public page puts it: in the title, the heading,
/// a sentence, a link and a form field's value, so a name cannot add markup or script to a page.
#[tokio::test]
async fn a_name_with_markup_in_it_is_shown_as_text_on_the_public_pages() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let hostile = json!({"odsCode": "RAE", "name": r#"Bradford <script>alert(1)</script> & "quotes""#, "kind": "acute-trust", "icsCode": "QWO", "town": "Bradford"});
    app.add_organisation(&hostile).await;
    save(&app, "RAE", "nhs-login", &record("live", &["nhs-app"], 0)).await;
    let public = app.acting_as(None);
    let shown = "Bradford &lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;quotes&quot;";

    let page = public.get("/digital-services/RAE").await.text().await.unwrap();
    assert!(page.contains(&format!("<title>{shown} – NHS digital services</title>")), "{page}");
    assert!(page.contains(&format!("<h1>{shown}</h1>")), "{page}");
    assert!(
        page.contains(&format!(r#"<p class="nhsuk-lede-text">You can do 1 thing online with {shown}.</p>"#))
    );
    assert!(!page.contains("<script"), "no script element: {page}");

    // Searched for by the quoted word: the results list it, and the search box keeps what was typed.
    let found = public.get("/digital-services?search=%22quotes%22").await.text().await.unwrap();
    assert!(
        found.contains(r#"<p id="results-count">1 organisation matches “&quot;quotes&quot;”</p>"#),
        "{found}"
    );
    assert!(
        found.contains(&format!(
            r#"<li><a href="/digital-services/RAE">{shown}</a><br><span class="nhsuk-body-s">Bradford · Hospital trust</span></li>"#
        )),
        "{found}"
    );
    assert!(found.contains(r#"value="&quot;quotes&quot;""#), "{found}");
    assert!(!found.contains("<script"), "no script element: {found}");

    let browse = public.get("/digital-services/ics/QWO").await.text().await.unwrap();
    assert!(browse.contains(&format!(r#"<a href="/digital-services/RAE">{shown}</a>"#)), "{browse}");
    assert!(!browse.contains("<script"), "no script element: {browse}");
}

/// How the public can reach an organisation: its leads record it on the digital services page (a
/// form the server answers with the page), and the public page shows it, the phone as a link to
/// call. A wrong phone number is refused by its field, with what was typed kept and nothing saved.
#[tokio::test]
async fn a_lead_records_contact_details_and_the_public_page_shows_them() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let lead = app.signed_in_as("Rr8 Lead", "rr8@example.nhs.uk", &["organisation-lead:RR8"]);
    let form = "/api/views/organisations/RR8/digital-services/contact";
    let public = app.acting_as(None);
    let before = public.get("/digital-services/RR8").await.text().await.unwrap();
    assert!(before.contains(r#"id="no-contact""#), "{before}");

    let refused = lead
        .post_form(
            form,
            "version=1&website=https%3A%2F%2Fwww.leedsth.nhs.uk%2F&phone=call+us&address=Beckett+Street",
        )
        .await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.unwrap();
    assert!(
        refused.contains(
            r##"<a href="#phone">Enter a phone number, like 0113 243 3144 (you entered “call us”)</a>"##
        ),
        "{refused}"
    );
    assert!(
        refused.contains(r#"value="call us""#) && refused.contains("Beckett Street</textarea>"),
        "typed kept"
    );
    assert!(public.get("/digital-services/RR8").await.text().await.unwrap().contains(r#"id="no-contact""#));

    let address = "St+James%27s+University+Hospital%0D%0ABeckett+Street%0D%0ALeeds+LS9+7TF";
    let saved = lead
        .post_form(
            form,
            &format!(
                "version=1&website=https%3A%2F%2Fwww.leedsth.nhs.uk%2F&phone=0113+243+3144&address={address}"
            ),
        )
        .await;
    assert_eq!(saved.status(), 200);
    assert!(
        saved.text().await.unwrap().contains("The contact details are saved and shown on the public page.")
    );
    let page = public.get("/digital-services/RR8").await.text().await.unwrap();
    assert!(page.contains(r#"<a href="tel:01132433144">0113 243 3144</a>"#), "{page}");
    assert!(
        page.contains(
            r#"<a href="https://www.leedsth.nhs.uk/" rel="external">https://www.leedsth.nhs.uk/</a>"#
        )
    );
    assert!(page.contains("St James's University Hospital<br>Beckett Street<br>Leeds LS9 7TF"), "{page}");

    // Saved over a version someone else replaced: refused, saying so.
    let stale = lead.post_form(form, "version=1&phone=0113+243+3144").await;
    assert_eq!(stale.status(), 409);
    assert!(stale.text().await.unwrap().contains("were changed by someone else since you opened them"));
    // Reviewers may not change them.
    let reviewer = app.signed_in_as("Rev", "rev@example.nhs.uk", &["reviewer"]);
    assert_eq!(reviewer.post_form(form, "version=2&phone=0113+243+3144").await.status(), 403);
}

/// A member of the public reports that something shown is wrong, with no sign-in: the report
/// reaches the organisation's leads on their digital services page and is never shown publicly;
/// what is wrong is required, a reply address only if given, and an organisation takes at most 20
/// reports a day.
#[tokio::test]
async fn a_citizen_reports_a_mistake_and_only_the_organisations_leads_see_it() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let public = app.acting_as(None);
    let form = public.get("/digital-services/RR8/report").await;
    assert_eq!(form.status(), 200);
    assert!(form.text().await.unwrap().contains("Report something wrong on this page"));

    let refused = public.post_form("/digital-services/RR8/report", "message=&email=jo%40example.com").await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.unwrap();
    assert!(refused.contains(r##"<a href="#message">Enter what is wrong</a>"##), "{refused}");
    assert!(refused.contains(r#"value="jo@example.com""#), "what was typed is kept");
    let odd = public.post_form("/digital-services/RR8/report", "message=hi&sneaky=1").await;
    assert_eq!(odd.status(), 400, "a field the form does not have");

    let sent = public
        .post_form(
            "/digital-services/RR8/report",
            "message=The+phone+number+is+out+of+date&email=jo%40example.com",
        )
        .await;
    assert_eq!(sent.status(), 200);
    assert!(sent.text().await.unwrap().contains("Report sent"));

    let lead = app.signed_in_as("Rr8 Lead", "rr8@example.nhs.uk", &["organisation-lead:RR8"]);
    let page = lead.get("/api/views/organisations/RR8/digital-services").await.text().await.unwrap();
    assert!(page.contains("<p>The phone number is out of date</p>"), "{page}");
    assert!(page.contains(r#"<a href="mailto:jo@example.com">jo@example.com</a>"#));
    let reviewer = app.signed_in_as("Rev", "rev@example.nhs.uk", &["reviewer"]);
    let seen = reviewer.get("/api/views/organisations/RR8/digital-services").await.text().await.unwrap();
    assert!(!seen.contains("out of date") && !seen.contains("Reports from the public"), "leads only");
    let shown = public.get("/digital-services/RR8").await.text().await.unwrap();
    assert!(!shown.contains("out of date"), "never public");

    // 20 a day: the 21st is refused, saying why, and not kept.
    for n in 2..=20 {
        let status =
            public.post_form("/digital-services/RR8/report", &format!("message=Report+{n}")).await.status();
        assert_eq!(status, 200, "report {n}");
    }
    let too_many = public.post_form("/digital-services/RR8/report", "message=One+more").await;
    assert_eq!(too_many.status(), 429);
    assert!(too_many.text().await.unwrap().contains("has had many reports today. Try again tomorrow"));
    let page = lead.get("/api/views/organisations/RR8/digital-services").await.text().await.unwrap();
    assert!(page.contains("The latest 20, newest first") && !page.contains("One more"), "{page}");
}

/// The service's page (`/organisations/{ods}/digital-services/{service}`) is the server's, with
/// its form: errors come back by their fields with what was typed kept, and a saved change takes
/// the person back to the offer.
#[tokio::test]
async fn the_service_page_saves_a_change_or_says_what_to_correct_by_its_field() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let page_path = "/api/views/organisations/RR8/digital-services/test-results";
    let trust_lead = app.signed_in_as("Tess Lead", "tess@example.nhs.uk", &["organisation-lead:RR8"]);
    let page = trust_lead.get(page_path).await.text().await.unwrap();
    assert!(page.contains("<h1>Test results</h1>") && page.contains(r#"name="version" value="0""#), "{page}");
    // Not offered yet: that status chosen; today's date offered as last checked.
    assert!(page.contains(r#"id="status" name="status" type="radio" value="not-offered" checked"#), "{page}");

    let (year, rest) = today().split_once('-').map(|(y, r)| (y.to_owned(), r.to_owned())).unwrap();
    let (month, day) = rest.split_once('-').unwrap();
    let (month, day) = (month.trim_start_matches('0'), day.trim_start_matches('0'));
    let dated = format!("last-checked-day={day}&last-checked-month={month}&last-checked-year={year}");
    let refused = trust_lead
        .post_form(
            page_path,
            &format!("version=0&status=live&public-link=http%3A%2F%2Fportal.example.nhs.uk&since-month=3&since-year=2024&{dated}"),
        )
        .await;
    assert_eq!(refused.status(), 422);
    let refused = refused.text().await.unwrap();
    for link in [r##"<a href="#channels">Choose at least one channel"##, r##"<a href="#public-link">"##] {
        assert!(refused.contains(link), "{link}: {refused}");
    }
    assert!(refused.contains(r#"value="http://portal.example.nhs.uk""#), "what was typed is kept: {refused}");
    assert!(refused.contains(r#"value="live" checked"#), "{refused}");
    let offer = json(app.get("/api/organisations/RR8/offer").await, 200).await;
    assert!(offer["services"].as_array().unwrap().iter().all(|s| s["version"] == 0), "nothing saved");

    let saved = trust_lead
        .post_form(
            page_path,
            &format!("version=0&status=live&channels=nhs-app&channels=patient-portal&public-link=https%3A%2F%2Fportal.example.nhs.uk&since-month=3&since-year=2024&source=&{dated}"),
        )
        .await;
    assert_eq!(saved.status(), 200);
    let saved = saved.text().await.unwrap();
    assert!(saved.contains(r#"data-navigate="/organisations/RR8/digital-services""#), "{saved}");
    let offer = json(app.get("/api/organisations/RR8/offer").await, 200).await;
    let record =
        offer["services"].as_array().unwrap().iter().find(|s| s["service"] == "test-results").unwrap();
    assert_eq!(record["status"], "live");
    assert_eq!(record["channels"], json!(["nhs-app", "patient-portal"]));
    assert_eq!(record["since"], "2024-03");
    assert_eq!(record["publicLink"], "https://portal.example.nhs.uk");
    assert_eq!(record["lastChecked"], today());
    assert_eq!(record["updatedBy"], "Tess Lead");

    // The page again shows what is saved; for someone who may not change it, no form.
    let page = trust_lead.get(page_path).await.text().await.unwrap();
    for shown in [
        r#"name="version" value="1""#,
        r#"id="status-live" name="status" type="radio" value="live" checked"#,
        r#"id="channels" name="channels" type="checkbox" value="nhs-app" checked"#,
        r#"id="since" name="since-month" type="text" inputmode="numeric" autocomplete="off" value="3""#,
        r#"name="since-year" type="text" inputmode="numeric" autocomplete="off" value="2024""#,
    ] {
        assert!(page.contains(shown), "{shown}: {page}");
    }
    let reader = app.signed_in_as("Rita Reader", "rita@example.nhs.uk", &["reviewer"]);
    let page = reader.get(page_path).await.text().await.unwrap();
    assert!(page.contains("Only the organisation’s lead, its ICS’s lead or an administrator"), "{page}");
    assert!(!page.contains("<form"), "{page}");
}
