//! Benefits, planned and realised: a benefit added to an organisation's line of a fund's
//! allocation, values realised over time moving its status, a stale save refused, bad input
//! named by its fields with nothing written, a bid funding benefits only once approved, an ICS's
//! planned against realised to the penny, and the action plans showing what addresses them.

use serde_json::{Value, json};
use wgll_shared::framework::Variant::Organisation;
use wgll_tests::{TestApp, date_from_today, json};

const LEEDS: &str = "/api/organisations/RR8/benefits";
const MID_YORKSHIRE: &str = "/api/organisations/RXF/benefits";

/// The date `days` from today, as the API writes dates.
fn from_today(days: i64) -> String {
    date_from_today(days).to_string()
}

/// A benefit of the organisation's line of the 2025/26 access fund (in `wgll_tests::funding`'s
/// allocation, £5.00 each to Leeds and Mid Yorkshire).
fn benefit(description: &str, kind: &str, unit: &str, baseline: &str, target: &str, due: &str) -> Value {
    json!({
        "fundedBy": {"source": "allocation", "period": "2025/26", "fund": "access-fund"},
        "description": description, "kind": kind, "unit": unit,
        "baseline": baseline, "target": target, "due": due,
    })
}

fn realised(on: &str, value: &str, version: u64) -> Value {
    json!({"on": on, "value": value, "note": "From the incident log", "version": version})
}

/// The organisations, and the access fund's 2025/26 allocation between Leeds and Mid Yorkshire.
async fn funded(app: &TestApp) {
    app.add_two_icss_and_their_trusts().await;
    wgll_tests::funding::set_up(app).await;
}

fn admin(app: &TestApp) -> wgll_tests::ActingAs<'_> {
    app.signed_in_as("Ade", "ade@example.nhs.uk", &["administrator"])
}

/// An organisation's 2025/26 funded items and their benefits, as `app` sees them.
async fn year(app: &wgll_tests::ActingAs<'_>, path: &str) -> Value {
    json(app.get(&format!("{path}?period=2025/26")).await, 200).await
}

#[tokio::test]
async fn a_funded_line_s_benefit_moves_from_not_yet_to_met_as_values_are_realised() {
    let app = TestApp::spawn().await;
    funded(&app).await;
    let lead = app.signed_in_as("Olu", "olu@example.nhs.uk", &["organisation-lead:RR8"]);
    let page = year(&lead, LEEDS).await;
    assert_eq!(
        page["funded"],
        json!([{
            "fundedBy": {"source": "allocation", "period": "2025/26", "fund": "access-fund"},
            "title": "The access-fund fund", "amount": 500, "benefits": [],
        }])
    );

    // The chance of a catastrophic failure of the EPR, from 1% to 0.1%: thousandths, exactly.
    let due = from_today(60);
    let risk =
        benefit("The chance of a catastrophic EPR failure", "risk-reduction", "percent", "1%", "0.1%", &due);
    let added = json(lead.post(LEEDS, &risk).await, 201).await;
    assert_eq!((added["baseline"].as_u64(), added["target"].as_u64()), (Some(1_000), Some(100)));
    assert_eq!(
        (added["fundedTitle"].as_str(), added["period"].as_str(), added["version"].as_u64()),
        (Some("The access-fund fund"), Some("2025/26"), Some(1))
    );
    assert_eq!(added["due"], due);
    let path = format!("{LEEDS}/{}/realised", added["id"].as_str().unwrap());
    let status = |page: &Value| page["funded"][0]["benefits"][0]["status"].as_str().unwrap().to_owned();
    assert_eq!(status(&year(&lead, LEEDS).await), "not-yet");

    // Half-way a month ago: on track. At the target today: met.
    let saved = json(lead.post(&path, &realised(&from_today(-30), "0.55%", 1)).await, 200).await;
    assert_eq!((saved["version"].as_u64(), saved["realised"][0]["value"].as_u64()), (Some(2), Some(550)));
    assert_eq!(saved["realised"][0]["note"], "From the incident log");
    assert_eq!(status(&year(&lead, LEEDS).await), "on-track");
    json(lead.post(&path, &realised(&from_today(0), "0.1", 2)).await, 200).await;
    assert_eq!(status(&year(&lead, LEEDS).await), "met");
    // A measurement from before, recorded late, does not displace the newest.
    let late = json(lead.post(&path, &realised(&from_today(-60), "0.9%", 3)).await, 200).await;
    let values: Vec<u64> =
        late["realised"].as_array().unwrap().iter().map(|r| r["value"].as_u64().unwrap()).collect();
    assert_eq!(values, [900, 550, 100], "oldest measurement first");
    let page = year(&lead, LEEDS).await;
    assert_eq!(status(&page), "met");
    assert_eq!(
        page["tally"],
        json!({"benefits": 1, "met": 1, "onTrack": 0, "notYet": 0, "overdue": 0, "cashPlanned": 0, "cashRealised": 0})
    );
    // Another year's page has none of it.
    let other_year = json(lead.get(&format!("{LEEDS}?period=2024/25")).await, 200).await;
    assert_eq!(
        (other_year["funded"].clone(), other_year["tally"]["benefits"].clone()),
        (json!([]), json!(0))
    );
}

#[tokio::test]
async fn a_stale_save_is_refused_and_bad_input_is_named_by_its_fields_with_nothing_written() {
    let app = TestApp::spawn().await;
    funded(&app).await;
    let added = json(
        app.post(
            LEEDS,
            &benefit("Agency hours saved", "non-cash-releasing", "count", "0", "1,200", &from_today(90)),
        )
        .await,
        201,
    )
    .await;
    assert_eq!(added["target"], 1_200_000, "a count in thousandths");
    let path = format!("{LEEDS}/{}/realised", added["id"].as_str().unwrap());
    json(app.post(&path, &realised(&from_today(-1), "300", 1)).await, 200).await;
    // Saved from another tab over version 1 in between: refused, nothing recorded.
    let problem = json(app.post(&path, &realised(&from_today(0), "600", 1)).await, 409).await;
    assert_eq!(
        problem["detail"],
        "“Agency hours saved” was saved by someone else since version 1 was read, so this was not saved. Open it again to see theirs."
    );
    let values =
        |page: &Value| page["funded"][0]["benefits"][0]["benefit"]["realised"].as_array().unwrap().len();
    assert_eq!(values(&year(&admin(&app), LEEDS).await), 1);

    // Every mistake at once, each by its field, saying what to fix; nothing added.
    let wrong = benefit("", "cash-releasing", "percent", "", "lots", "2026-02-30");
    let problem = json(app.post(LEEDS, &wrong).await, 422).await;
    let errors: Vec<(String, String)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| (e["field"].as_str().unwrap().to_owned(), e["message"].as_str().unwrap().to_owned()))
        .collect();
    assert_eq!(
        errors,
        [
            ("description".to_owned(), "Enter what the benefit is".to_owned()),
            ("unit".to_owned(), "A cash-releasing benefit is money: measure it in pounds".to_owned()),
            ("baseline".to_owned(), "Enter the baseline: where it is now".to_owned()),
            ("due".to_owned(), "The date the target is due must be a real date".to_owned()),
        ]
    );
    let same = benefit("Fewer failures", "risk-reduction", "percent", "1%", "1.000", &from_today(30));
    let problem = json(app.post(LEEDS, &same).await, 422).await;
    assert_eq!(
        problem["errors"],
        json!([{"field": "target", "message": "Enter a target different from the baseline: where should it move to?"}])
    );
    let not_funded = json!({
        "fundedBy": {"source": "allocation", "period": "2025/26", "fund": "access-fund"},
        "description": "x", "kind": "non-cash-releasing", "unit": "count", "baseline": "1", "target": "2", "due": from_today(30),
    });
    let problem = json(app.post("/api/organisations/RGD/benefits", &not_funded).await, 422).await;
    assert_eq!(
        problem["errors"],
        json!([{"field": "fundedBy", "message": "The access-fund fund’s allocation for 2025/26 gives this organisation nothing"}])
    );
    let problem = json(app.post(&path, &realised(&from_today(1), "", 2)).await, 422).await;
    assert_eq!(
        problem["errors"],
        json!([
            {"field": "on", "message": "The date it was measured must be today or in the past"},
            {"field": "value", "message": "Enter the value measured"},
        ])
    );
    // Unknown fields are refused at every depth.
    let mut extra = benefit("x", "non-cash-releasing", "count", "1", "2", &from_today(30));
    extra["colour"] = json!("red");
    json(app.post(LEEDS, &extra).await, 400).await;
    let mut nested = benefit("x", "non-cash-releasing", "count", "1", "2", &from_today(30));
    nested["fundedBy"]["line"] = json!(1);
    json(app.post(LEEDS, &nested).await, 400).await;
    let mut stray = realised(&from_today(0), "1", 2);
    stray["by"] = json!("someone");
    json(app.post(&path, &stray).await, 400).await;
    let page = year(&admin(&app), LEEDS).await;
    assert_eq!(page["tally"]["benefits"], 1, "only the first benefit was added");
    assert_eq!(values(&page), 1, "and only its first value recorded");
    json(
        app.post(
            &format!("{LEEDS}/00000000-0000-4000-8000-000000000000/realised"),
            &realised(&from_today(0), "1", 1),
        )
        .await,
        404,
    )
    .await;
}

#[tokio::test]
async fn a_bid_funds_benefits_only_once_the_review_board_has_approved_it() {
    let app = TestApp::spawn().await;
    funded(&app).await;
    let bid = json(app.post("/api/organisations/RR8/bids", &json!({"period": "2025/26"})).await, 201).await;
    let id = bid["id"].as_str().unwrap();
    let mut of_bid =
        benefit("Notes no longer lost", "non-cash-releasing", "count", "120", "10", &from_today(90));
    of_bid["fundedBy"] = json!({"source": "bid", "bid": id});
    let problem = json(app.post(LEEDS, &of_bid).await, 422).await;
    assert_eq!(
        problem["errors"],
        json!([{"field": "fundedBy", "message": "“A bid not yet described” is a draft: benefits are recorded for what was funded, so once the review board has approved it"}])
    );
    of_bid["fundedBy"] = json!({"source": "bid", "bid": "00000000-0000-4000-8000-000000000000"});
    let problem = json(app.post(LEEDS, &of_bid).await, 422).await;
    assert_eq!(
        problem["errors"][0]["message"],
        "There is no bid “00000000-0000-4000-8000-000000000000” of this organisation’s"
    );
    // A draft bid is not a funded item of the year.
    let page = year(&admin(&app), LEEDS).await;
    assert_eq!(page["funded"].as_array().unwrap().len(), 1, "the allocation line alone");
}

#[tokio::test]
async fn an_ics_sees_planned_against_realised_across_its_members_to_the_penny() {
    let app = TestApp::spawn().await;
    funded(&app).await;
    // Leeds: a saving counted up from nothing, £250,000.50 planned, £100,000.25 realised.
    let saving = json(
        app.post(
            LEEDS,
            &benefit("Printing stopped", "cash-releasing", "pounds", "0", "£250,000.50", &from_today(90)),
        )
        .await,
        201,
    )
    .await;
    let path = format!("{LEEDS}/{}/realised", saving["id"].as_str().unwrap());
    json(app.post(&path, &realised(&from_today(-2), "100,000.25", 1)).await, 200).await;
    // Mid Yorkshire: a cost brought down from £1,000,000 to £750,000; now £739,999.99, so
    // £260,000.01 released, beyond the target.
    let cost = json(
        app.post(
            MID_YORKSHIRE,
            &benefit(
                "Data centre costs",
                "cash-releasing",
                "pounds",
                "1,000,000",
                "750,000",
                &from_today(90),
            ),
        )
        .await,
        201,
    )
    .await;
    let path = format!("{MID_YORKSHIRE}/{}/realised", cost["id"].as_str().unwrap());
    json(app.post(&path, &realised(&from_today(-2), "739,999.99", 1)).await, 200).await;
    // And one past its date with nothing realised: overdue.
    json(
        app.post(
            MID_YORKSHIRE,
            &benefit("Fewer lost referrals", "non-cash-releasing", "count", "40", "10", &from_today(-1)),
        )
        .await,
        201,
    )
    .await;

    let ics_lead = app.signed_in_as("Ike", "ike@example.nhs.uk", &["ics-lead:QWO"]);
    let view = json(ics_lead.get("/api/ics/QWO/benefits").await, 200).await;
    let rows: Vec<(&str, Value)> = view["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| (row["odsCode"].as_str().unwrap(), row["tally"].clone()))
        .collect();
    let tally = |benefits: u64, met: u64, on_track: u64, overdue: u64, planned: i64, realised: i64| json!({"benefits": benefits, "met": met, "onTrack": on_track, "notYet": 0, "overdue": overdue, "cashPlanned": planned, "cashRealised": realised});
    assert_eq!(
        rows,
        [
            ("QWO", tally(0, 0, 0, 0, 0, 0)),
            ("RGD", tally(0, 0, 0, 0, 0, 0)),
            ("RR8", tally(1, 0, 1, 0, 25_000_050, 10_000_025)),
            ("RXF", tally(2, 1, 0, 1, 25_000_000, 26_000_001)),
        ]
    );
    // £500,000.50 planned, £360,000.26 realised.
    assert_eq!(view["totals"], tally(3, 1, 1, 1, 50_000_050, 36_000_026));
    assert_eq!(view["benefits"].as_array().unwrap().len(), 3);
    assert_eq!(view["benefits"][0]["benefit"]["odsCode"], "RR8");

    let csv = ics_lead.get("/api/ics/QWO/benefits.csv").await;
    assert_eq!(csv.status(), 200);
    assert_eq!(csv.headers()["content-disposition"], "attachment; filename=\"benefits-QWO.csv\"");
    let csv = csv.text().await.unwrap();
    let lines: Vec<&str> = csv.lines().collect();
    assert_eq!(
        lines,
        [
            "ICS ODS code,ODS code,Organisation,Kind,Benefits,Met,On track,Not yet,Overdue,Cash-releasing planned (£),Cash-releasing realised (£)",
            "QWO,QWO,West Yorkshire ICS,Integrated Care System (ICS),0,0,0,0,0,0.00,0.00",
            "QWO,RGD,Leeds and York Partnership NHS Foundation Trust,Mental health trust,0,0,0,0,0,0.00,0.00",
            "QWO,RR8,Leeds Teaching Hospitals NHS Trust,Acute trust,1,0,1,0,0,250000.50,100000.25",
            "QWO,RXF,Mid Yorkshire Teaching NHS Trust,Acute trust,2,1,0,0,1,250000.00,260000.01",
        ]
    );
    let page = ics_lead.get("/api/views/ics/QWO/benefits").await.text().await.unwrap();
    for expected in [
        "Across its members, 3 benefits: 1 met, 1 on track, 0 not yet, 1 overdue. Cash-releasing: £500,000.50 planned, +£360,000.26 realised so far.",
        "Fewer lost referrals, Mid Yorkshire Teaching NHS Trust (RXF): due ",
        r#"data-download="/api/ics/QWO/benefits.csv""#,
    ] {
        assert!(page.contains(expected), "{expected} in {page}");
    }

    // Nothing of one ICS's shows to another's lead, nor to a member's lead.
    let other_ics = app.signed_in_as("Hana", "hana@example.nhs.uk", &["ics-lead:QHM"]);
    let problem = json(other_ics.get("/api/ics/QWO/benefits").await, 403).await;
    assert_eq!(problem["detail"], "Only the ICS’s lead or an administrator can see its members’ benefits.");
    json(
        app.signed_in_as("Olu", "olu@example.nhs.uk", &["organisation-lead:RR8"])
            .get("/api/ics/QWO/benefits")
            .await,
        403,
    )
    .await;
    json(app.get("/api/ics/RR8/benefits").await, 404).await;
}

#[tokio::test]
async fn another_organisation_s_lead_neither_sees_nor_records_its_benefits() {
    let app = TestApp::spawn().await;
    funded(&app).await;
    let added = json(
        app.post(
            LEEDS,
            &benefit("Agency hours saved", "non-cash-releasing", "count", "0", "10", &from_today(90)),
        )
        .await,
        201,
    )
    .await;
    let path = format!("{LEEDS}/{}/realised", added["id"].as_str().unwrap());
    let other = app.signed_in_as("Rita", "rita@example.nhs.uk", &["organisation-lead:RTD"]);
    let problem = json(other.get(LEEDS).await, 403).await;
    assert_eq!(
        problem["detail"],
        "Only the organisation’s lead, its ICS’s lead or an administrator can see and record the benefits of its funding."
    );
    json(
        other.post(LEEDS, &benefit("x", "non-cash-releasing", "count", "0", "1", &from_today(9))).await,
        403,
    )
    .await;
    json(other.post(&path, &realised(&from_today(0), "5", 1)).await, 403).await;
    let ics_lead = app.signed_in_as("Ike", "ike@example.nhs.uk", &["ics-lead:QWO"]);
    json(ics_lead.post(&path, &realised(&from_today(0), "5", 1)).await, 200).await;
    json(app.get("/api/organisations/XXX/benefits").await, 404).await;
}

#[tokio::test]
async fn the_pages_add_a_benefit_record_a_value_and_show_it_beside_the_action_it_addresses() {
    let app = TestApp::spawn().await;
    funded(&app).await;
    let review = app.publish_peer_review("RR8", Organisation, "2025/26", [2, 2, 2, 3, 2, 2, 1]).await;
    let action = json!({"reviewId": review, "measure": 2, "description": "Join the shared care record", "owner": "CCIO", "due": "2027-03-31"});
    let action = json(app.post("/api/organisations/RR8/actions", &action).await, 201).await;
    let action_id = action["id"].as_str().unwrap();
    let lead = app.signed_in_as("Olu", "olu@example.nhs.uk", &["organisation-lead:RR8"]);
    let views = "/api/views/organisations/RR8/benefits";
    let page = lead.get(&format!("{views}?period=2025/26")).await.text().await.unwrap();
    for expected in [
        "Benefits, planned and realised",
        "<h2>The access-fund fund</h2>",
        "Its part of this fund’s allocation: £5.00.",
        r#"<option value="allocation:2025/26:access-fund" selected>The access-fund fund (£5.00)</option>"#,
        "Join the shared care record (measure 2, 2025/26)",
    ] {
        assert!(page.contains(expected), "{expected} in {page}");
    }

    // A mistake comes back beside its field with what was typed; nothing is added.
    let typed = format!(
        "period=2025%2F26&fundedBy=allocation%3A2025%2F26%3Aaccess-fund&description=Fewer+failed+logins&kind=risk-reduction&unit=count&baseline=5&target=1&due-day=31&due-month=3&due-year=2027&actions={action_id}"
    );
    let refused = lead.post_form(views, &typed).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains(
            r##"<a href="#unit">A reduced risk is a chance: measure it in per cent, like 1% to 0.1%</a>"##
        ),
        "{html}"
    );
    assert!(
        html.contains(r#"value="Fewer failed logins""#) || html.contains(">Fewer failed logins</textarea>"),
        "{html}"
    );
    assert_eq!(year(&lead, LEEDS).await["tally"]["benefits"], 0);
    let added = lead.post_form(views, &typed.replace("unit=count", "unit=percent")).await;
    assert_eq!(added.status(), 200);
    let html = added.text().await.unwrap();
    assert!(html.contains("You added the benefit “Fewer failed logins” to The access-fund fund."), "{html}");
    assert!(html.contains("From 5% to 1% by 31 March 2027"), "{html}");
    let benefit = year(&lead, LEEDS).await["funded"][0]["benefits"][0]["benefit"].clone();
    assert_eq!(benefit["actions"], json!([action_id]));
    let id = benefit["id"].as_str().unwrap();

    // Recording a value realised: the page again, saying where it now stands.
    let form = format!("{views}/{id}/realised");
    let prefix = format!("realised-{id}");
    let today = date_from_today(0);
    let fields = |value: &str, version: u64| {
        format!(
            "version={version}&{prefix}-on-day={}&{prefix}-on-month={}&{prefix}-on-year={}&{prefix}-value={value}&{prefix}-note=",
            today.day(),
            today.month(),
            today.year()
        )
    };
    let refused = lead.post_form(&form, &fields("lots", 1)).await;
    assert_eq!(refused.status(), 422);
    let html = refused.text().await.unwrap();
    assert!(
        html.contains(&format!(r##"<a href="#{prefix}-value">Enter a percentage from 0 to 100"##)),
        "{html}"
    );
    assert!(html.contains(r#"value="lots""#), "what was typed stays: {html}");
    let recorded = lead.post_form(&form, &fields("3%25", 1)).await;
    assert_eq!(recorded.status(), 200);
    let html = recorded.text().await.unwrap();
    assert!(html.contains("You recorded 3% for “Fewer failed logins”: on track."), "{html}");
    assert!(html.contains(&format!("3% on {} (+2% towards the target)", today.in_words())), "{html}");
    let stale = lead.post_form(&form, &fields("1", 1)).await;
    assert_eq!(stale.status(), 409);
    let html = stale.text().await.unwrap();
    assert!(
        html.contains(&format!(r##"<a href="#{prefix}">“Fewer failed logins” was saved by someone else"##)),
        "{html}"
    );
    assert_eq!(lead.post_form(&form, &format!("{}&colour=red", fields("1", 2))).await.status(), 422);
    assert_eq!(lead.post_form(views, &format!("{typed}&colour=red")).await.status(), 422);

    // The action plan shows the benefit that addresses its action.
    let outcomes = lead.get("/api/views/organisations/RR8/outcomes").await.text().await.unwrap();
    assert!(
        outcomes.contains(&format!(
            r##"Funded: <a href="/organisations/RR8/benefits?period=2025%2F26#benefit-{id}">Fewer failed logins</a> (The access-fund fund)"##
        )),
        "{outcomes}"
    );
    let ics_lead = app.signed_in_as("Ike", "ike@example.nhs.uk", &["ics-lead:QWO"]);
    let actions = ics_lead.get("/api/views/ics/QWO/actions").await.text().await.unwrap();
    assert!(actions.contains("Funded: "), "{actions}");
}

#[tokio::test]
async fn the_synthetic_data_set_has_benefits_of_the_fund_s_lines_with_values_realised() {
    let app = TestApp::spawn().await;
    let store = wgll_functions::store::Store::connect(&app.config).await;
    let shape = wgll_functions::store::synthetic::Shape { icss: 2, organisations_per_ics: 3, periods: 2 };
    store.load_synthetic(shape).await.unwrap();
    store.load_synthetic_funding(shape).await.unwrap();
    // Every third provider (S0101 and S0201 here), two benefits each.
    assert_eq!(store.load_synthetic_benefits(shape).await.unwrap(), 4);
    let page = year(&admin(&app), "/api/organisations/S0101/benefits").await;
    let funded = page["funded"].as_array().unwrap();
    assert_eq!(funded.len(), 1, "its line of the synthetic fund");
    assert_eq!(funded[0]["title"], "Synthetic shared care records fund");
    let kinds: Vec<&str> = funded[0]["benefits"]
        .as_array()
        .unwrap()
        .iter()
        .map(|b| b["benefit"]["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["risk-reduction", "cash-releasing"], "soonest due first");
    let ics = json(admin(&app).get("/api/ics/SI01/benefits").await, 200).await;
    assert_eq!(ics["totals"]["benefits"], 2);
    assert!(ics["totals"]["cashPlanned"].as_i64().unwrap() >= 5_000_000, "at least £50,000 planned");
    assert!(ics["totals"]["cashRealised"].as_i64().unwrap() > 0, "some realised");
    // Loading again replaces them.
    assert_eq!(store.load_synthetic_benefits(shape).await.unwrap(), 4);
    assert_eq!(json(admin(&app).get("/api/ics/SI01/benefits").await, 200).await["totals"]["benefits"], 2);
}
