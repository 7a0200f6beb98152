//! The administrators' funding setup pages (`/api/views/funding-setup/…`) against DynamoDB Local:
//! a fund added through its form shows on the year's funding page in pounds; a form with an
//! amount to a fraction of a penny or a date that does not exist comes back with the errors by
//! their fields and what was typed, and nothing is written; nobody else may use them; an
//! allocation previewed is not saved until the save button is pressed; and the year's rules
//! saved through their forms change what an ICS's funding page says of its earned autonomy.
//!
//! The fixture (`wgll_tests::funding::set_up`, for 2025/26): the £10.00 `access-fund` shared by
//! fair shares between RR8 and RXF (weighted populations 1 and 1); QWO, QHM, RR8 and RXF each
//! with a weighted population of 1; QWO's members are RR8, RXF and RGD, none with a review.

use serde_json::Value;
use wgll_tests::{ActingAs, TestApp, json};

const ADD: &str = "/api/views/funding-setup/new-fund?period=2027/28";
/// A fund of £12,500.50 (£10,000.00 capital, £2,500.50 revenue) closing on 31 March 2028.
const CYBER: &str = "id=cyber-2027&name=Cyber+resilience+2027&total=12%2C500.50&capital=10000\
    &revenue=%C2%A32%2C500.50&closingDate-day=31&closingDate-month=3&closingDate-year=2028\
    &principle=levelling-up&measures=3&measures=2&category=local-cybersecurity";

async fn page(response: reqwest::Response, status: u16) -> String {
    assert_eq!(response.status().as_u16(), status, "status of {}", response.url());
    let kind = response.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(kind.starts_with("text/html"), "a page, not {kind}");
    response.text().await.unwrap()
}

fn admin(app: &TestApp) -> ActingAs<'_> {
    app.signed_in_as("Ada Admin", "admin@example.nhs.uk", &["administrator"])
}

async fn funds_of_2027(app: &TestApp) -> Vec<Value> {
    json(app.get("/api/funding/2027-28/funds").await, 200).await.as_array().unwrap().clone()
}

#[tokio::test]
async fn an_administrator_adds_a_fund_through_the_form_and_it_shows_in_pounds() {
    let app = TestApp::spawn().await;
    let form = page(admin(&app).get(ADD).await, 200).await;
    assert!(form.contains("Add a fund for 2027/28"));
    let added = page(admin(&app).post_form(ADD, CYBER).await, 200).await;
    assert!(
        added.contains(
            "You added Cyber resilience 2027 for 2027/28: £12,500.50 (£10,000.00 capital, £2,500.50 revenue)."
        ),
        "{added}"
    );
    let funds = funds_of_2027(&app).await;
    assert_eq!(funds.len(), 1);
    let fund = &funds[0]["value"];
    assert_eq!(
        (&fund["total"], &fund["capital"], &fund["revenue"]),
        (&Value::from(1_250_050), &Value::from(1_000_000), &Value::from(250_050)),
        "whole pence"
    );
    assert_eq!(fund["closingDate"], "2028-03-31");
    assert_eq!(fund["measures"], serde_json::json!([2, 3]));
    assert_eq!(funds[0]["version"], 1);

    let national = page(admin(&app).get("/api/views/funding?period=2027/28").await, 200).await;
    assert!(national.contains(">Cyber resilience 2027</a>"), "{national}");
    assert!(national.contains("£12,500.50") && national.contains("£2,500.50"));
    assert!(national.contains("2028-03-31"));
    assert!(national.contains(r#"href="/funding-setup/new-fund?period=2027%2F28""#), "the setup links");
    // The published 2021/22 catalogue's year offers no fund to add: its funds are the published ones.
    let shipped = page(admin(&app).get("/api/views/funding?period=2021/22").await, 200).await;
    assert!(!shipped.contains("/funding-setup/new-fund"), "{shipped}");
    assert!(shipped.contains(
        "The funds of 2021/22 are the published Unified Tech Fund catalogue: add funds to a later year."
    ));

    // Adding it again is a clash, said on the form; nothing changes.
    let again = page(admin(&app).post_form(ADD, CYBER).await, 409).await;
    assert!(again.contains("2027/28 already has a fund “cyber-2027”: change that one instead."), "{again}");

    // Changed through its own form at the version read; a second change from the same version
    // is refused, saying why, and keeps what was typed.
    let change = "/api/views/funding-setup/funds/cyber-2027?period=2027/28";
    let shown = page(admin(&app).get(change).await, 200).await;
    assert!(
        shown.contains(r#"value="12500.50""#) && shown.contains(r#"name="version" value="1""#),
        "{shown}"
    );
    let body = CYBER.replace("id=cyber-2027&", "version=1&").replace("Cyber+resilience+2027", "Cyber+2027");
    let changed = page(admin(&app).post_form(change, &body).await, 200).await;
    assert!(changed.contains("You saved Cyber 2027 (version 2)."), "{changed}");
    let stale =
        page(admin(&app).post_form(change, &body.replace("Cyber+2027", "Cyber+again")).await, 409).await;
    assert!(stale.contains("was changed by someone else since you opened it"), "{stale}");
    assert!(stale.contains(r#"value="Cyber again""#), "typed kept");
    assert_eq!(funds_of_2027(&app).await[0]["value"]["name"], "Cyber 2027");
}

#[tokio::test]
async fn a_wrong_form_comes_back_with_its_errors_and_nothing_is_written() {
    let app = TestApp::spawn().await;
    let wrong = CYBER.replace("total=12%2C500.50", "total=12.345").replace(
        "closingDate-day=31&closingDate-month=3&closingDate-year=2028",
        "closingDate-day=31&closingDate-month=2&closingDate-year=2027",
    );
    let refused = page(admin(&app).post_form(ADD, &wrong).await, 422).await;
    assert!(refused.contains("There is a problem"));
    assert!(refused.contains(
        "Enter the amount to the nearest penny, with at most two decimal places (you entered “12.345”)"
    ));
    assert!(refused.contains(r##"href="#total""##));
    assert!(refused.contains("The closing date must be a real date"));
    assert!(refused.contains(r##"href="#closingDate""##));
    assert!(
        refused.contains(r#"value="12.345""#) && refused.contains(r#"value="Cyber resilience 2027""#),
        "typed kept"
    );
    assert!(!refused.contains("must add up to the fund’s total"), "no sum until every amount is read");
    // Capital and revenue that do not add up to the total: said at revenue, to the penny.
    let short = CYBER.replace("capital=10000", "capital=9999.99");
    let unbalanced = page(admin(&app).post_form(ADD, &short).await, 422).await;
    assert!(unbalanced.contains(
        "Capital (£9,999.99) and revenue (£2,500.50) must add up to the fund’s total (£12,500.50): they come to £12,500.49"
    ), "{unbalanced}");
    // A field the form does not have is refused, naming it.
    let odd = admin(&app).post_form(ADD, &format!("{CYBER}&approved=yes")).await;
    assert_eq!(json(odd, 422).await["errors"][0]["field"], "approved");
    assert!(funds_of_2027(&app).await.is_empty(), "nothing written");
}

#[tokio::test]
async fn only_administrators_may_set_funding_up() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    wgll_tests::funding::set_up(&app).await;
    let lead = app.signed_in_as("Qwo Lead", "qwo@example.nhs.uk", &["ics-lead:QWO"]);
    let refused = json(lead.post_form(ADD, CYBER).await, 403).await;
    assert_eq!(refused["detail"], "Only an administrator can change funds, populations and allocations.");
    assert_eq!(lead.get(ADD).await.status(), 403);
    assert_eq!(lead.get("/api/views/funding-setup/settings?period=2025/26").await.status(), 403);
    assert!(funds_of_2027(&app).await.is_empty(), "nothing written");
    let national = page(lead.get("/api/views/funding?period=2025/26").await, 200).await;
    assert!(!national.contains("/funding-setup/"), "no setup links for an ICS lead");
    let fund = page(lead.get("/api/views/funding/access-fund?period=2025/26").await, 200).await;
    assert!(!fund.contains("/funding-setup/"));
    assert_eq!(app.acting_as(None).post_form(ADD, CYBER).await.status(), 401);
}

#[tokio::test]
async fn an_allocation_is_previewed_line_by_line_and_saved_only_when_asked() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    wgll_tests::funding::set_up(&app).await;
    let base = "/api/views/funding-setup/funds/access-fund/allocation";
    let shown = page(admin(&app).get(&format!("{base}?period=2025/26")).await, 200).await;
    assert!(shown.contains("Saved now: version 1, fair shares"), "{shown}");
    assert!(shown.contains(">RR8, RXF</textarea>"), "the saved recipients to start from");

    // Someone with no weighted population: named, and nothing worked out.
    let missing = page(
        admin(&app).post_form(&format!("{base}/preview?period=2025/26"), "recipients=RR8+RGD").await,
        422,
    )
    .await;
    assert!(missing.contains("No weighted population is recorded for RGD in 2025/26: record it first"));
    assert!(missing.contains(r##"href="#recipients""##));

    // Three recipients of weighted population 1 share £10.00: £3.33 each and the penny left over
    // to the first by ODS code (QWO), by the largest remainder.
    let preview = page(
        admin(&app).post_form(&format!("{base}/preview?period=2025/26"), "recipients=RR8%2C+RXF+QWO").await,
        200,
    )
    .await;
    assert!(preview.contains("Preview: not saved yet"));
    assert!(preview.contains("Fair shares: a pot of £10.00, unallocated £0.00."), "{preview}");
    assert!(preview.contains("£3.34") && preview.contains("£3.33"));
    assert!(preview.contains(r#"<input type="hidden" name="recipients" value="RR8, RXF QWO">"#), "{preview}");
    let saved = json(app.get("/api/funding/2025-26/funds/access-fund/allocation").await, 200).await;
    assert_eq!(saved["version"], 1, "a preview saves nothing");

    let done = page(
        admin(&app).post_form(&format!("{base}?period=2025/26"), "version=1&recipients=RR8%2C+RXF+QWO").await,
        200,
    )
    .await;
    assert!(done.contains("You saved the allocation (version 2): 3 lines, £0.00 unallocated."), "{done}");
    let saved = json(app.get("/api/funding/2025-26/funds/access-fund/allocation").await, 200).await;
    let lines: Vec<(String, u64)> = saved["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| {
            (line["line"]["recipient"].as_str().unwrap().to_owned(), line["line"]["amount"].as_u64().unwrap())
        })
        .collect();
    assert_eq!(lines, [("QWO".to_owned(), 334), ("RR8".to_owned(), 333), ("RXF".to_owned(), 333)]);
    // Saved again from the version read before: a clash, and version 2 stays.
    let stale =
        page(admin(&app).post_form(&format!("{base}?period=2025/26"), "version=1&recipients=RR8").await, 409)
            .await;
    assert!(stale.contains("This allocation was saved by someone else since you read it"));
    let saved = json(app.get("/api/funding/2025-26/funds/access-fund/allocation").await, 200).await;
    assert_eq!(saved["version"], 2);
}

#[tokio::test]
async fn the_years_rules_saved_through_their_forms_change_the_ics_page() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    wgll_tests::funding::set_up(&app).await;
    let ics_page = "/api/views/ics/QWO/funding?period=2025/26";
    let before = page(admin(&app).get(ics_page).await, 200).await;
    assert!(
        before.contains(
            "0 of 3 members have a published peer review for 2024/25 or later (0%); at least 100% needed"
        ),
        "{before}"
    );
    assert!(before.contains("Under the 2025/26 rules (version 0)."));

    let rules = "/api/views/funding-setup/settings/autonomy-rules?period=2025/26";
    // A percentage over 100 and no measure: both said, nothing saved.
    let wrong = page(
        admin(&app)
            .post_form(rules, "version=0&reviewsFrom=2023/24&governanceMeasure=1&governanceMinimum=4&digitisationMinimum=3&memberCoveragePercent=120&memberMinimum=2")
            .await,
        422,
    )
    .await;
    assert!(wrong.contains("Enter a percentage from 0 to 100"), "{wrong}");
    assert!(wrong.contains("Choose at least one measure"));
    assert!(wrong.contains(r#"value="120""#));
    let saved = page(
        admin(&app)
            .post_form(rules, "version=0&reviewsFrom=2023/24&governanceMeasure=1&governanceMinimum=4&digitisationMeasures=2&digitisationMeasures=4&digitisationMinimum=3&memberCoveragePercent=0&memberMinimum=2")
            .await,
        200,
    )
    .await;
    assert!(saved.contains("You saved the earned-autonomy rules for 2025/26 (version 1)."), "{saved}");
    let after = page(admin(&app).get(ics_page).await, 200).await;
    assert!(
        after.contains(
            "0 of 3 members have a published peer review for 2023/24 or later (0%); at least 0% needed"
        ),
        "{after}"
    );
    assert!(after.contains("None of the 0 reviewed members is below level 2"));
    assert!(after.contains("Under the 2025/26 rules (version 1)."));
    let stale = page(
        admin(&app)
            .post_form(rules, "version=0&reviewsFrom=2023/24&governanceMeasure=1&governanceMinimum=4&digitisationMeasures=2&digitisationMinimum=3&memberCoveragePercent=0&memberMinimum=2")
            .await,
        409,
    )
    .await;
    assert!(
        stale.contains(
            "The earned-autonomy rules for 2025/26 were changed by someone else since you read them"
        )
    );

    // The suggestion's minimum is the level the national page counts those below.
    let thresholds = "/api/views/funding-setup/settings/thresholds?period=2025/26";
    let done = page(
        admin(&app)
            .post_form(thresholds, "version=0&minimum=2&significantShareBelowPercent=25&wideSpreadLevels=1")
            .await,
        200,
    )
    .await;
    assert!(done.contains("You saved the thresholds for 2025/26 (version 1)."));
    let national = page(admin(&app).get("/api/views/funding?period=2025/26").await, 200).await;
    assert!(
        national.contains("0 of 0 organisations with a published peer review for 2025/26 are below level 2")
    );
    let settings = json(app.get("/api/funding/2025-26/suggestion-thresholds").await, 200).await;
    assert_eq!(settings["value"]["significantShareBelowPercent"], 25);
}

#[tokio::test]
async fn populations_envelopes_and_an_ics_split_are_set_through_their_forms() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    wgll_tests::funding::set_up(&app).await;
    let populations = "/api/views/funding-setup/populations?period=2025/26";
    let recorded = page(
        admin(&app)
            .post_form(populations, "version=0&ods=RGD&weightedPopulation=2%2C400%2C000&source=ONS+2025")
            .await,
        200,
    )
    .await;
    assert!(
        recorded.contains("You recorded RGD’s weighted population for 2025/26: 2,400,000 (version 1)."),
        "{recorded}"
    );
    let again = page(
        admin(&app).post_form(populations, "version=0&ods=RGD&weightedPopulation=1&source=x").await,
        409,
    )
    .await;
    assert!(again.contains("RGD’s weighted population for 2025/26 is recorded already"));
    let unknown = page(
        admin(&app).post_form(populations, "version=0&ods=ZZZ9&weightedPopulation=x&source=").await,
        422,
    )
    .await;
    assert!(
        unknown.contains("Enter the weighted population as a whole number, like 2,400,000 (you entered “x”)")
    );
    assert!(unknown.contains("Enter where the figure comes from"));

    // The envelopes: £30.00 by fair shares between QWO and QHM (1 and 1).
    let envelopes = "/api/views/funding-setup/envelopes";
    let preview = page(
        admin(&app)
            .post_form(
                &format!("{envelopes}/preview?period=2025/26"),
                "pot=30&principle=fair-shares&recipients=QWO+QHM&minimum=3&missing=exclude",
            )
            .await,
        200,
    )
    .await;
    assert!(preview.contains("Fair shares: a pot of £30.00, unallocated £0.00."), "{preview}");
    let saved = page(
        admin(&app)
            .post_form(
                &format!("{envelopes}?period=2025/26"),
                "version=1&pot=30&principle=fair-shares&recipients=QWO+QHM&minimum=3&missing=exclude",
            )
            .await,
        200,
    )
    .await;
    assert!(saved.contains("You saved the ICS envelopes (version 2): 2 ICSs, £0.00 unallocated."), "{saved}");

    // QWO's £15.00 split 2 : 1 between RR8's and RXF's cyber lines.
    let split = "/api/views/funding-setup/ics/QWO/split?period=2025/26";
    let form = page(admin(&app).get(split).await, 200).await;
    assert!(form.contains("The ICS’s envelope is £15.00."), "{form}");
    let done = page(
        admin(&app)
            .post_form(split, "version=1&line-1-provider=RR8&line-1-programme=cyber&line-1-weight=2&line-1-basis=bigger&line-2-provider=RXF&line-2-programme=cyber&line-2-weight=1&line-2-basis=smaller&line-3-provider=RGD&line-3-programme=&line-3-weight=&line-3-basis=")
            .await,
        200,
    )
    .await;
    assert!(done.contains("You saved QWO’s split (version 2): 2 lines, total £15.00."), "{done}");
    let system = json(app.get("/api/funding/2025-26/ics/QWO/allocation").await, 200).await;
    let amounts: Vec<u64> = system["allocation"]["value"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|line| line["amount"].as_u64().unwrap())
        .collect();
    assert_eq!(amounts, [1_000, 500]);
    let outsider = page(
        admin(&app)
            .post_form(split, "version=2&line-1-provider=RTD&line-1-programme=cyber&line-1-weight=1")
            .await,
        422,
    )
    .await;
    assert!(outsider.contains("RTD is not an organisation in QWO"), "{outsider}");
    assert!(outsider.contains(r##"href="#line-1-provider""##));
}

/// Strategic investment, through the form's ranked rows: a £10.00 pot funds rank 1 (£6.00) in
/// full and rank 3 (the next row typed; rank 2 left empty) with the £4.00 left. A row whose
/// recipient is no organisation is named at that row's own field.
#[tokio::test]
async fn strategic_investments_are_typed_in_ranked_rows() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    let fund = wgll_tests::funding::new_fund("pilots", "strategic-investment", &[5]);
    json(app.post("/api/funding/2025-26/funds", &fund).await, 201).await;
    let base = "/api/views/funding-setup/funds/pilots/allocation";
    let form = page(admin(&app).get(&format!("{base}?period=2025/26")).await, 200).await;
    assert!(form.contains(r#"id="investment-5-cost""#) && !form.contains("investment-6-"), "five rows");
    assert!(!form.contains(r#"id="recipients""#), "no recipients box for strategic investment");

    let rows = "investment-1-name=EPR+pilot&investment-1-recipient=RR8&investment-1-cost=6\
        &investment-2-name=&investment-2-recipient=&investment-2-cost=\
        &investment-3-name=App+pilot&investment-3-recipient=RXF&investment-3-cost=6.00";
    let unknown = rows.replace("investment-3-recipient=RXF", "investment-3-recipient=ZZZ9");
    let refused =
        page(admin(&app).post_form(&format!("{base}/preview?period=2025/26"), &unknown).await, 422).await;
    assert!(refused.contains("There is no organisation ZZZ9"), "{refused}");
    assert!(refused.contains(r##"href="#investment-3-recipient""##));

    let preview =
        page(admin(&app).post_form(&format!("{base}/preview?period=2025/26"), rows).await, 200).await;
    assert!(preview.contains("Strategic investment: a pot of £10.00, unallocated £0.00."), "{preview}");
    assert!(preview.contains("RR8: rank 1 “EPR pilot” costs £6.00; £10.00 left at its turn; funded in full, leaving £4.00 → £6.00"), "{preview}");
    assert!(preview.contains("RXF: rank 3 “App pilot” costs £6.00; £4.00 left at its turn; partly funded with the £4.00 left, £2.00 short; the pot is now spent → £4.00"), "{preview}");
    let saved = page(
        admin(&app).post_form(&format!("{base}?period=2025/26"), &format!("version=0&{rows}")).await,
        200,
    )
    .await;
    assert!(saved.contains("You saved the allocation (version 1): 2 lines, £0.00 unallocated."), "{saved}");
}
