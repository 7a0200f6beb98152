//! The funding pages as the people they are for get them from the server (`/api/views/…`, shown
//! by the app inside its layout), against DynamoDB Local: what each person sees of the year's
//! funding, and the ICS funding page's forms (an ICS lead proposing a net-neutral change, an
//! administrator approving or returning one), with bad input answered by the page again, its
//! errors by their fields and everything typed kept, and nothing written.
//!
//! The fixture (`wgll_tests::funding::set_up`): a £10.00 fund shared by fair shares between RR8
//! and RXF (weighted populations 1 and 1: £5.00 each); £10.00 of ICS envelopes between QWO and
//! QHM (1 and 1: £5.00 each); QWO's £5.00 split equally between RR8's and RXF's cyber lines
//! (£2.50 each); and a proposed change moving £1.00 from RR8's line to RXF's.

use serde_json::Value;
use wgll_tests::{ActingAs, TestApp, json};

const ICS_PAGE: &str = "/api/views/ics/QWO/funding?period=2025/26";
const PROPOSE: &str = "/api/views/ics/QWO/funding/changes?period=2025/26";

async fn page(response: reqwest::Response, status: u16) -> String {
    assert_eq!(response.status().as_u16(), status, "status of {}", response.url());
    let kind = response.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(kind.starts_with("text/html"), "a page, not {kind}");
    response.text().await.unwrap()
}

fn ics_lead(app: &TestApp) -> ActingAs<'_> {
    app.signed_in_as("Qwo Lead", "qwo@example.nhs.uk", &["ics-lead:QWO"])
}

fn admin(app: &TestApp) -> ActingAs<'_> {
    app.signed_in_as("Ada Admin", "admin@example.nhs.uk", &["administrator"])
}

/// QWO's split and changes as the JSON API has them.
async fn system(app: &TestApp) -> Value {
    json(admin(app).get("/api/funding/2025-26/ics/QWO/allocation").await, 200).await
}

fn amounts(system: &Value) -> Vec<(String, u64)> {
    system["allocation"]["value"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| (line["key"]["provider"].as_str().unwrap().to_owned(), line["amount"].as_u64().unwrap()))
        .collect()
}

fn change_with_reason<'a>(system: &'a Value, reason: &str) -> &'a Value {
    system["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|change| change["change"]["reason"] == reason)
        .unwrap_or_else(|| panic!("a change “{reason}” in {system}"))
}

async fn set_up() -> TestApp {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    wgll_tests::funding::set_up(&app).await;
    app
}

#[tokio::test]
async fn an_ics_lead_proposes_a_change_through_the_form_and_an_administrator_approves_it() {
    let app = set_up().await;
    let lead = ics_lead(&app);
    let shown = page(lead.get(ICS_PAGE).await, 200).await;
    assert!(shown.contains("£5.00 from the year’s ICS envelopes"), "{shown}");
    assert!(shown.contains("Mid Yorkshire Teaching NHS Trust (RXF)"));
    assert!(shown.contains("Total: £5.00."));
    assert!(shown.contains("£2.50"));
    assert!(shown.contains("Waiting for a decision"));
    assert!(shown.contains("Propose the change"), "the lead may propose");
    assert!(!shown.contains("Approve this change"), "only administrators decide");

    // Not net-neutral: the page again, saying why, with what was typed; nothing written.
    let refused = page(
        lead.post_form(
            PROPOSE,
            "allocationVersion=1&reason=Moving+cyber+money&move-RR8-cyber=-1.00&move-RXF-cyber=0.50",
        )
        .await,
        422,
    )
    .await;
    assert!(refused.contains("There is a problem"));
    assert!(
        refused.contains("The moves add up to −£0.50: they must add up to £0.00, so QWO’s total stays £5.00")
    );
    assert!(refused.contains(r##"href="#moves""##), "the summary links to the moves");
    assert!(
        refused.contains(r#"value="-1.00""#) && refused.contains(r#"value="0.50""#),
        "typed amounts kept"
    );
    assert!(refused.contains(">Moving cyber money</textarea>"), "the reason kept");
    // An amount that is not one is named at its own field.
    let unreadable =
        page(lead.post_form(PROPOSE, "allocationVersion=1&reason=x&move-RR8-cyber=lots").await, 422).await;
    assert!(unreadable.contains(r##"href="#move-RR8-cyber""##));
    assert!(unreadable.contains(
        "Enter an amount in pounds, like 2,500 to add or -2,500 to take away (you entered “lots”)"
    ));
    assert_eq!(system(&app).await["changes"].as_array().unwrap().len(), 1, "nothing written");

    // Net-neutral: proposed.
    let proposed = page(
        lead.post_form(
            PROPOSE,
            "allocationVersion=1&reason=Cyber+team+moved&move-RR8-cyber=-0.50&move-RXF-cyber=%C2%A30.50",
        )
        .await,
        200,
    )
    .await;
    assert!(
        proposed.contains("Your change was proposed: RR8’s cyber line −£0.50, RXF’s cyber line +£0.50"),
        "{proposed}"
    );
    let state = system(&app).await;
    assert_eq!(state["changes"].as_array().unwrap().len(), 2);
    let id = change_with_reason(&state, "Cyber team moved")["id"].as_str().unwrap().to_owned();

    // The administrator approves it: the split now includes it, to the penny.
    let approve = format!("/api/views/ics/QWO/funding/changes/{id}/approve?period=2025/26");
    assert!(!page(lead.get(ICS_PAGE).await, 200).await.contains(&approve), "no approve form for the lead");
    let approved = page(admin(&app).post_form(&approve, "version=1").await, 200).await;
    assert!(approved.contains("You approved the change"));
    assert_eq!(amounts(&system(&app).await), [("RR8".to_owned(), 200), ("RXF".to_owned(), 300)]);

    // The first change was checked against the split before: approving it now is refused, saying so.
    let state = system(&app).await;
    let first =
        change_with_reason(&state, "Agreed at the ICB digital board")["id"].as_str().unwrap().to_owned();
    let stale = page(
        admin(&app)
            .post_form(
                &format!("/api/views/ics/QWO/funding/changes/{first}/approve?period=2025/26"),
                "version=1",
            )
            .await,
        409,
    )
    .await;
    assert!(
        stale.contains("The allocation has changed since this change was checked (version 1, now 2)"),
        "{stale}"
    );
    assert_eq!(amounts(&system(&app).await), [("RR8".to_owned(), 200), ("RXF".to_owned(), 300)]);

    // Returned: a reason is needed, and is shown to the lead.
    let send_back = format!("/api/views/ics/QWO/funding/changes/{first}/return?period=2025/26");
    let no_reason = page(admin(&app).post_form(&send_back, "version=1&reason=").await, 422).await;
    assert!(no_reason.contains(&format!(r##"href="#return-reason-{first}""##)), "{no_reason}");
    let returned =
        page(admin(&app).post_form(&send_back, "version=1&reason=Propose+it+again").await, 200).await;
    assert!(returned.contains("You returned the change to the ICS with your reason."));
    let seen = page(lead.get(ICS_PAGE).await, 200).await;
    assert!(seen.contains("Returned because: Propose it again"));
    assert!(seen.contains("Total: £5.00."), "the ICS total never changes");
}

#[tokio::test]
async fn each_person_sees_their_part_of_the_funding_pages() {
    let app = set_up().await;
    let rr8 = app.signed_in_as("Rr8 Lead", "rr8@example.nhs.uk", &["organisation-lead:RR8"]);

    // An organisation's lead: its own lines, line by line, and no one else's.
    let own = page(rr8.get("/api/views/organisations/RR8/funding?period=2025/26").await, 200).await;
    assert!(own.contains("The access-fund fund"));
    assert!(own.contains(r#"id="fund-lines-total"><span class="nhsuk-table-responsive__heading" aria-hidden="true">Total from funds </span>£5.00"#), "{own}");
    assert!(own.contains(r#"id="split-lines-total"><span class="nhsuk-table-responsive__heading" aria-hidden="true">Total from the split </span>£2.50"#));
    assert_eq!(rr8.get("/api/views/organisations/RXF/funding?period=2025/26").await.status(), 403);
    let fund = page(rr8.get("/api/views/funding/access-fund?period=2025/26").await, 200).await;
    assert!(fund.contains(">RR8</a>") && !fund.contains(">RXF</a>"), "only its own line: {fund}");
    assert!(!fund.contains("Pot:"), "national figures are for administrators");
    let national = page(rr8.get("/api/views/funding?period=2025/26").await, 200).await;
    assert!(national.contains("The access-fund fund"), "every fund for anyone signed in");
    assert!(national.contains(r#"id="no-envelopes""#), "no envelope is an organisation lead's");

    // An ICS's lead: its own envelope only.
    let lead = page(ics_lead(&app).get("/api/views/funding?period=2025/26").await, 200).await;
    assert!(lead.contains(">QWO</a>") && !lead.contains(">QHM</a>"), "{lead}");
    let other_lead = app.signed_in_as("Qhm Lead", "qhm@example.nhs.uk", &["ics-lead:QHM"]);
    assert_eq!(other_lead.get(ICS_PAGE).await.status(), 403);

    // An administrator: every line and the national figures.
    let everything = page(admin(&app).get("/api/views/funding?period=2025/26").await, 200).await;
    assert!(everything.contains("A national pot of £10.00 divided between ICSs by fair shares"));
    assert!(everything.contains(">QWO</a>") && everything.contains(">QHM</a>"));
    assert!(
        everything
            .contains("0 of 0 organisations with a published peer review for 2025/26 are below level 3")
    );
    assert!(!lead.contains("below-minimum-summary"), "the national levelling-up view is for administrators");
    let csv = ics_lead(&app).get("/api/funding/2025-26/envelopes.csv").await.text().await.unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "recipient_ods,ics_ods,period,fund,principle,amount_pence,amount,explanation");
    assert!(rows[1].starts_with("QWO,QWO,2025/26,ics-envelopes,Fair shares,500,£5.00,"), "{csv}");
    assert_eq!(rows.len(), 2, "the lead's own envelope only");
    let fund = page(admin(&app).get("/api/views/funding/access-fund?period=2025/26").await, 200).await;
    assert!(fund.contains("Pot: £10.00; unallocated: £0.00."));
    assert!(fund.contains(">RR8</a>") && fund.contains(">RXF</a>"));
    assert!(fund.contains(r#"id="allocation-total"><span class="nhsuk-table-responsive__heading" aria-hidden="true">Total of these lines </span>£10.00"#));

    // The split's export: one row per line, ODS codes first, to the penny.
    let csv = ics_lead(&app).get("/api/funding/2025-26/ics/QWO/allocation.csv").await;
    assert_eq!(csv.headers()["content-disposition"], "attachment; filename=\"funding-QWO-2025-26.csv\"");
    let csv = csv.text().await.unwrap();
    let rows: Vec<&str> = csv.lines().collect();
    assert_eq!(rows[0], "provider_ods,ics_ods,period,programme,amount_pence,amount,version,how_worked_out");
    assert!(rows[1].starts_with("RR8,QWO,2025/26,cyber,250,£2.50,1,equal. "), "{csv}");
    assert!(rows[2].starts_with("RXF,QWO,2025/26,cyber,250,£2.50,1,equal. "), "{csv}");
    assert_eq!(rows.len(), 3);

    // A form with a field it does not have is refused, naming it, and nothing is written.
    let odd = ics_lead(&app)
        .post_form(PROPOSE, "allocationVersion=1&reason=x&move-RR8-cyber=-1&move-RXF-cyber=1&sneaky=1")
        .await;
    let problem = json(odd, 422).await;
    assert_eq!(problem["errors"][0]["field"], "sneaky");
    assert_eq!(system(&app).await["changes"].as_array().unwrap().len(), 1);
}
