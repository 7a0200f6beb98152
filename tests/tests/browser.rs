//! The first slice in a real browser: a user adds an ICS and a trust, starts a peer review, scores
//! one success measure, and still sees it after a reload and after the server and its database
//! restart. Every page is checked with axe-core for WCAG 2.2 AA violations.

use std::path::PathBuf;
use wgll_functions::dynamodb_local::{DynamoDbLocal, Storage};
use wgll_tests::browser::Browser;
use wgll_tests::{TestApp, dynamodb_local_dir, fresh_config, repo_root};

fn built_app() -> PathBuf {
    let dist = repo_root().join("frontend/dist");
    assert!(dist.join("index.html").is_file(), "build the app first: make frontend (make test does)");
    dist
}

fn start_database(data: &std::path::Path) -> DynamoDbLocal {
    DynamoDbLocal::start(&dynamodb_local_dir(), Storage::Directory(data.to_owned()))
        .expect("DynamoDB Local starts")
}

use wgll_tests::date_from_today;

async fn wait_for_value(browser: &Browser, css: &str, text: &str) {
    let field = browser.find(css).await;
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !field.prop("value").await.unwrap().unwrap_or_default().contains(text) {
        assert!(std::time::Instant::now() < deadline, "{css} never showed “{text}”");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Waits until nothing on the page matches `css`.
async fn wait_until_gone(browser: &Browser, css: &str) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    while !browser.client.find_all(fantoccini::Locator::Css(css)).await.unwrap().is_empty() {
        assert!(std::time::Instant::now() < deadline, "{css} stayed on the page");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// How far the page scrolls sideways (0 or less: it fits the window).
async fn sideways_overflow(browser: &Browser) -> i64 {
    let overflow = browser
        .client
        .execute("return document.documentElement.scrollWidth - window.innerWidth;", vec![])
        .await
        .unwrap();
    overflow.as_i64().unwrap()
}

async fn sign_in(browser: &Browser, app: &TestApp) {
    browser.goto(&app.url("/sign-in")).await;
    browser.fill("#name", "Lead Reviewer").await;
    browser.fill("#email", "lead@example.nhs.uk").await;
    browser.find("#role-administrator").await.click().await.unwrap();
    browser.fill("#works-for", "RJ1").await;
    browser.click_button("Sign in").await;
    browser.wait_for_path(|path| path == "/organisations").await;
    browser.find_text("header", "Lead Reviewer").await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reviewer_scores_a_measure_and_it_survives_reload_and_restart() {
    let data = tempfile::tempdir().unwrap();
    let database = start_database(data.path());
    let config = fresh_config(database.endpoint());
    let app = TestApp::spawn_with(config, 0, Some(built_app())).await;
    let port: u16 = app.address.rsplit(':').next().unwrap().parse().unwrap();
    let browser = Browser::start().await;

    // The framework: all 7 measures, for both an ICS and an organisation.
    browser.goto(&app.url("/framework")).await;
    browser.find_text("h2", "Healthy populations").await;
    browser.find_text("main", "Your ICS would").await;
    browser.find_text("main", "Your organisation would").await;
    browser.find_text("li", "remove fax machines and non-emergency pagers").await;
    browser.assert_accessible("The framework page").await;
    browser.screenshot("framework").await;

    // Records need a sign-in: the development sign-in signs a real token for an administrator who
    // is also a reviewer.
    browser.goto(&app.url("/organisations")).await;
    browser.find_text("h1", "Sign in to continue").await;
    sign_in(&browser, &app).await;

    // An empty form is refused with an error summary that names each field.
    browser.goto(&app.url("/organisations/new")).await;
    browser.find("#name").await;
    browser.assert_accessible("The new organisation form").await;
    browser.click_button("Add organisation").await;
    browser.find_text(".nhsuk-error-summary", "ODS code").await;
    browser.assert_accessible("The new organisation form with errors").await;
    browser.screenshot("organisation-errors").await;

    // The ICS, then a trust in it.
    browser.fill("#name", "West Yorkshire ICS").await;
    browser.fill("#ods-code", "QWO").await;
    browser.select("#kind", "ics").await;
    browser.select("#region", "north-east-and-yorkshire").await;
    browser.click_button("Add organisation").await;
    browser.find_text("#form-notice", "You added West Yorkshire ICS (QWO).").await;
    browser.find_text("a", "Go to West Yorkshire ICS").await.click().await.unwrap();
    browser.wait_for_path(|path| path == "/organisations/QWO").await;
    browser.find_text("h1", "West Yorkshire ICS").await;

    browser.goto(&app.url("/organisations/new")).await;
    browser.fill("#name", "Leeds Teaching Hospitals NHS Trust").await;
    browser.fill("#ods-code", "rr8").await;
    browser.select("#kind", "acute-trust").await;
    browser.select("#ics-code", "QWO").await;
    browser.fill("#town", "Leeds").await;
    browser.click_button("Add organisation").await;
    browser.find_text("#form-notice", "You added Leeds Teaching Hospitals NHS Trust (RR8).").await;
    browser.assert_accessible("The organisation added").await;
    browser.find_text("a", "Go to Leeds Teaching Hospitals NHS Trust").await.click().await.unwrap();
    browser.wait_for_path(|path| path == "/organisations/RR8").await;
    browser.find_text("h1", "Leeds Teaching Hospitals NHS Trust").await;
    // Its ICS by name, a link; the ICS lists it.
    browser.find_text("#its-ics a", "West Yorkshire ICS").await.click().await.unwrap();
    browser.wait_for_path(|path| path == "/organisations/QWO").await;
    browser.find_text("#members a", "Leeds Teaching Hospitals NHS Trust").await;
    // The list: grouped by ICS, and searched by words in any order with a typo forgiven.
    browser.goto(&app.url("/organisations")).await;
    browser.find_text("summary", "West Yorkshire ICS (1 organisation)").await.click().await.unwrap();
    browser.find_text("details a", "Leeds Teaching Hospitals NHS Trust").await;
    browser.assert_accessible("The organisations, by ICS").await;
    browser.fill("#search", "hospitels leeds").await;
    browser.click_button("Search").await;
    browser.find_text("#results-count", "1 organisation matches “hospitels leeds”.").await;
    browser.find_text("#results a", "Leeds Teaching Hospitals NHS Trust").await;
    browser.assert_accessible("The organisations found").await;
    browser.assert_usable_on_a_phone("The organisations found").await;
    browser.goto(&app.url("/organisations/RR8")).await;
    browser.find_text("h1", "Leeds Teaching Hospitals NHS Trust").await;
    // Its leads reach its evidence pack for this year from here.
    browser.find_text("a", "Evidence for its reviewers, ").await;
    browser.assert_accessible("The organisation page").await;
    browser.assert_usable_on_a_phone("The organisation page").await;

    // The 2025/26 assessment round is opened, every phase open today (the form's own checks are
    // in the rounds test below).
    browser.goto(&app.url("/rounds")).await;
    wait_for_value(&browser, "#phase-1-name", "Phase 2: Ensure smart foundations and Well led").await;
    browser.fill("#period", "2025/26").await;
    for (slot, opens, closes) in [(0, -30, 20), (1, -10, 30), (2, -5, 40)] {
        for (field, days) in [("opens", opens), ("closes", closes)] {
            let date = date_from_today(days);
            browser.fill(&format!("#phase-{slot}-{field}-day"), &date.day().to_string()).await;
            browser.fill(&format!("#phase-{slot}-{field}-month"), &date.month().to_string()).await;
            browser.fill(&format!("#phase-{slot}-{field}-year"), &date.year().to_string()).await;
        }
    }
    browser.click_button("Open the round").await;
    browser.find_text("#form-notice", "The 2025/26 round is open.").await;
    browser.goto(&app.url("/organisations/RR8")).await;
    browser.find_text("h1", "Leeds Teaching Hospitals NHS Trust").await;

    // A bad period is refused in words; a good one starts the review.
    browser.fill("#period", "2025/27").await;
    browser.click_button("Start review").await;
    browser.find_text(".nhsuk-error-summary", "did you mean 2025/26?").await;
    browser.fill("#period", "2025/26").await;
    browser.fill("#reviewers", "lead@example.nhs.uk, second@example.nhs.uk").await;
    browser.click_button("Start review").await;
    let review_path = browser.wait_for_path(|path| path.starts_with("/reviews/")).await;
    // A peer reviewer accepts the review first, saying whether they have a conflict of interest.
    browser.find_text("#reviewers-list", "lead@example.nhs.uk: not accepted yet").await;
    browser.find_text("#accept-review a", "Accept this review").await.click().await.unwrap();
    browser.find_text("h1", "Accept the peer review of Leeds Teaching Hospitals NHS Trust").await;
    browser.click_button("Accept this review").await;
    browser.find_text(".nhsuk-error-summary", "Say whether you have a conflict of interest").await;
    browser.find("#has-conflict-yes").await.click().await.unwrap();
    browser.fill("#conflict", "I chaired its digital board in 2023").await;
    browser.assert_accessible("The review's acceptance").await;
    browser.assert_usable_on_a_phone("The review's acceptance").await;
    browser.click_button("Accept this review").await;
    browser.find_text("#form-notice", "You accepted the review.").await;
    browser.find_text("main a", "Go to your assessments").await.click().await.unwrap();
    browser
        .find_text(
            "#reviewers-list",
            "lead@example.nhs.uk: accepted, works for RJ1, conflict of interest declared: I chaired its digital board in 2023",
        )
        .await;
    browser.find_text(".nhsuk-task-list", "Not started").await;
    browser.assert_accessible("The review page").await;
    browser.screenshot("review").await;

    // Assess "Well led": answer every statement, then choose a level.
    browser.find_text(".nhsuk-task-list a", "Well led").await.click().await.unwrap();
    browser.find_text("h1", "Well led").await;
    browser.find_text("main", "invest in a multidisciplinary CCIO and CNIO function").await;
    browser.assert_accessible("The measure page").await;
    browser.screenshot("measure").await;
    for statement in 1..=7 {
        browser.find(&format!("#answer-org-1-{statement}-partly-met")).await.click().await.unwrap();
    }
    browser.find_text("#suggested-level", "Suggested level from your answers: 2 – Developing").await;
    // Departing from the suggestion: saved, with everything typed after it, but marked as still
    // needing its rationale.
    browser.find("#level-3").await.click().await.unwrap();
    browser.find_text("#still-to-do", "Explain why you chose level 3 when the answers suggest level 2").await;
    browser.find_text("#rationale-error", "Explain why you chose level 3").await;
    browser.fill("#evidence", "Board minutes, March 2026; digital strategy signed off").await;
    browser.find_text("#save-status", "All changes saved").await;
    let review_id = review_path.trim_start_matches("/reviews/").to_owned();
    let saved = first_measure_on_server(&app, &review_id).await;
    assert_eq!(saved["level"], 3);
    assert_eq!(saved["evidence"], "Board minutes, March 2026; digital strategy signed off");
    // A link that is not a web address is held back and marked; what else is typed is saved.
    browser.fill("#links-org-1-1", "intranet/minutes").await;
    browser.fill("#recommendations", "Appoint a CNIO").await;
    browser.find_text("#save-status", "Everything else saved at").await;
    browser.find_text("#save-status", "Enter links as web addresses starting https://").await;
    browser.find_text("#statements-error", "“intranet/minutes” is not one").await;
    // The status at the foot of the form stays in view and leads to what is held back.
    browser.find_text("#save-status-short a", "Enter links as web addresses").await.click().await.unwrap();
    browser.screenshot("measure-held-back").await;
    let status_in_view = browser
        .client
        .execute(
            "const box = document.getElementById('save-status-short').getBoundingClientRect();
             return window.scrollY > 0 && box.top >= 0 && box.bottom <= window.innerHeight;",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(status_in_view, serde_json::json!(true), "the save status stays in view up at the statements");
    browser.assert_accessible("The measure page with a field held back").await;
    let saved = first_measure_on_server(&app, &review_id).await;
    assert_eq!(saved["recommendations"], "Appoint a CNIO");
    assert_eq!(saved["statements"][0]["links"], serde_json::Value::Null, "the bad link is not saved");
    browser.fill("#links-org-1-1", "https://intranet.example.nhs.uk/minutes").await;
    browser.fill("#rationale", "A funded plan is agreed and starts in April").await;
    browser.find_text("#save-status", "All changes saved").await;
    let saved = first_measure_on_server(&app, &review_id).await;
    assert_eq!(
        saved["statements"][0]["links"],
        serde_json::json!(["https://intranet.example.nhs.uk/minutes"])
    );
    assert_eq!(saved["rationale"], "A funded plan is agreed and starts in April");
    assert!(browser.client.find_all(fantoccini::Locator::Css("#still-to-do")).await.unwrap().is_empty());
    browser.assert_accessible("The measure page, saved").await;

    // The network goes: changes are kept on this device and saved when it is back.
    let (config, auth) = app.stop_keeping_sign_in().await;
    browser.fill("#gaps", "No CNIO in post yet").await;
    browser.find_text("#save-status", "cannot be reached").await;
    browser.screenshot("measure-offline").await;
    let app = TestApp::spawn_with_auth(config, port, Some(built_app()), auth).await;
    browser.find_text("#save-status", "All changes saved").await;
    browser.client.refresh().await.unwrap();
    wait_for_value(&browser, "#gaps", "No CNIO in post yet").await;

    // Meanwhile the same reviewer saves this measure from another tab: the next save here is
    // refused, and the page shows both versions to choose from; nothing is overwritten silently.
    let current = wgll_tests::json(app.get(&format!("/api/reviews/{review_id}")).await, 200).await;
    let other_tab = current["measures"][0].clone();
    // (An empty text is left out of the answer.)
    let text = |field: &str| other_tab[field].as_str().unwrap_or_default().to_owned();
    let from_other_tab = serde_json::json!({
        "statements": other_tab["statements"], "level": 3, "rationale": text("rationale"),
        "evidence": "Saved from the other tab", "gaps": text("gaps"), "version": other_tab["version"]
    });
    wgll_tests::json(app.put(&format!("/api/reviews/{review_id}/measures/1"), &from_other_tab).await, 200)
        .await;
    browser.fill("#strengths", "Engaged board").await;
    browser.find_text("#save-status", "Your assessment was also changed elsewhere").await;
    browser.find_text("#save-status", "Saved from the other tab").await;
    browser.assert_accessible("The measure page showing both versions").await;
    browser.click_button("Keep this page’s version").await;
    browser.find_text("#save-status", "All changes saved").await;
    let kept = wgll_tests::json(app.get(&format!("/api/reviews/{review_id}")).await, 200).await;
    assert_eq!(kept["measures"][0]["strengths"], "Engaged board");
    assert!(kept["measures"][0]["evidence"].as_str().unwrap().contains("Board minutes"));

    browser.click_button("Return to the review").await;
    browser.wait_for_path(|path| path == review_path).await;
    browser.find_text(".nhsuk-task-list", "Completed · Level 3 – Defined").await;

    // Complete the other six measures: every statement met, level 4 as the answers suggest.
    let framework = wgll_shared::framework::find(wgll_shared::framework::CURRENT).unwrap();
    for measure in framework.measures.iter().skip(1) {
        browser.goto(&app.url(&format!("{review_path}/measures/{}", measure.number))).await;
        browser.find_text("h1", &measure.title).await;
        for statement in measure.organisation.statements.iter() {
            browser
                .find(&format!("#answer-{}-met", statement.id.replace('.', "-")))
                .await
                .click()
                .await
                .unwrap();
        }
        browser.find_text("#suggested-level", "4 – Managed").await;
        browser.find("#level-4").await.click().await.unwrap();
        browser.find_text("#save-status", "All changes saved").await;
    }
    browser.goto(&app.url(&review_path)).await;
    browser.find_text("main", "You have completed 7 of 7 measures.").await;

    // The second reviewer's assessments (through the API): level 3 for "Well led" as the lead
    // chose, 4 for the next five as the lead chose, and 2 for "Healthy populations" against the
    // lead's 4.
    let second =
        app.signed_in_as("Second Reviewer", "second@example.nhs.uk", &["reviewer", "organisation:RTD"]);
    second.accept_review(&review_id).await;
    for measure in 1..=7 {
        let body = match measure {
            1 => serde_json::json!({
                "level": 3, "rationale": "The strategy is signed off but not yet funded",
                "strengths": "A board that asks for digital updates", "gaps": "No CNIO", "version": 0,
            }),
            7 => serde_json::json!({
                "level": 2, "rationale": "Population health data is not yet shared across the ICS",
                "version": 0,
            }),
            _ => serde_json::json!({"level": 4, "version": 0}),
        };
        wgll_tests::json(
            second.put(&format!("/api/reviews/{review_id}/measures/{measure}"), &body).await,
            200,
        )
        .await;
    }
    // The page, read again, has the review as the second reviewer's acceptance left it.
    browser.client.refresh().await.unwrap();
    browser
        .find_text(
            "#reviewers-list",
            "second@example.nhs.uk: accepted, works for RTD, no conflict of interest",
        )
        .await;

    // Submit; in moderation the lead sees each reviewer's reasons beside their level.
    browser.click_button("Submit for moderation").await;
    browser.find_text("main", "This review is submitted.").await;
    browser
        .find_text("#moderate-1 summary", "lead@example.nhs.uk: level 3 – Defined")
        .await
        .click()
        .await
        .unwrap();
    browser
        .find_text("#moderate-1 .nhsuk-details__text", "A funded plan is agreed and starts in April")
        .await;
    browser
        .find_text("#moderate-1 summary", "second@example.nhs.uk: level 3 – Defined")
        .await
        .click()
        .await
        .unwrap();
    browser
        .find_text("#moderate-1 .nhsuk-details__text", "The strategy is signed off but not yet funded")
        .await;
    browser.find_text("#moderate-1 .nhsuk-details__text", "A board that asks for digital updates").await;
    // Where both chose the same level, it is proposed and already chosen.
    browser
        .find_text("#proposal-1", "Both reviewers chose 3 – Defined, so it is proposed as the agreed level.")
        .await;
    wait_for_value(&browser, "#agreed-1", "3").await;
    wait_for_value(&browser, "#agreed-6", "4").await;
    // Where they differ, nothing is chosen, the difference is said, and their reasons are open.
    browser
        .find_text(
            "#proposal-7",
            "The reviewers differ: lead@example.nhs.uk chose 4 – Managed; second@example.nhs.uk chose 2 – Developing. Choose the agreed level.",
        )
        .await;
    assert_eq!(browser.find("#agreed-7").await.prop("value").await.unwrap().as_deref(), Some(""));
    browser.find_text("#moderate-7", "Disagree by more than 1").await;
    browser
        .find_text(
            "#moderate-7 .nhsuk-details__text",
            "Population health data is not yet shared across the ICS",
        )
        .await;
    browser.assert_accessible("The review page in moderation").await;
    browser.assert_usable_on_a_phone("The review page in moderation").await;
    browser.screenshot("moderation").await;

    // A note without a level refuses the whole save, naming the measure: nothing is recorded.
    browser.fill("#agreed-note-7", "Agreed at the panel: data sharing starts in June").await;
    browser.click_button("Save agreed levels").await;
    browser
        .find_text(".nhsuk-error-summary", "Choose the agreed level for “Healthy populations”, from 1 to 5")
        .await;
    browser.find_text("#moderate-7 .nhsuk-error-message", "Choose the agreed level").await;
    browser.assert_accessible("The review page in moderation, with an error").await;
    let detail = wgll_tests::json(app.get(&format!("/api/reviews/{review_id}")).await, 200).await;
    assert_eq!(detail["agreed"], serde_json::json!([]), "nothing saved");

    // One button saves every level together.
    browser.select("#agreed-7", "3").await;
    browser.click_button("Save agreed levels").await;
    browser.find_text("#recorded-7", "Recorded: 3 – Defined").await;
    browser.find_text("#recorded-1", "Recorded: 3 – Defined").await;
    for measure in 2..=6 {
        browser.find_text(&format!("#recorded-{measure}"), "Recorded: 4 – Managed").await;
    }
    let detail = wgll_tests::json(app.get(&format!("/api/reviews/{review_id}")).await, 200).await;
    let agreed: Vec<(u64, u64)> = detail["agreed"]
        .as_array()
        .unwrap()
        .iter()
        .map(|level| (level["measure"].as_u64().unwrap(), level["level"].as_u64().unwrap()))
        .collect();
    assert_eq!(agreed, [(1, 3), (2, 4), (3, 4), (4, 4), (5, 4), (6, 4), (7, 3)]);
    assert_eq!(detail["agreed"][6]["note"], "Agreed at the panel: data sharing starts in June");
    browser.click_button("Confirm the agreed levels").await;
    browser.find_text("main", "This review is moderated. Its region’s team validates it next.").await;

    // Its region validates it: on the list, with its outliers, confirmed (the signed-in
    // administrator stands in for North East and Yorkshire's team here).
    browser.goto(&app.url("/validation")).await;
    browser.find_text("h2", "North East and Yorkshire").await;
    browser.find_text("a", "Leeds Teaching Hospitals NHS Trust").await.click().await.unwrap();
    browser.find_text("h1", "Validate the peer review of Leeds Teaching Hospitals NHS Trust").await;
    browser.find_text("td", "Nothing stands out").await;
    browser.assert_accessible("The validation page").await;
    browser.assert_usable_on_a_phone("The validation page").await;
    browser.click_button("Save the decision").await;
    browser.find_text(".nhsuk-error-summary", "Choose whether to confirm the result or return it").await;
    // Returned with a reason, it is the lead reviewer's again; moderated again, it comes back.
    browser.find("#decision-return").await.click().await.unwrap();
    browser.fill("#reason", "Check measure 7's level against the data sharing evidence").await;
    browser.click_button("Save the decision").await;
    browser.find_text("#form-notice", "You returned the review to its lead reviewer").await;
    browser.goto(&app.url(&format!("/reviews/{review_id}"))).await;
    browser.find_text("main", "This review is submitted.").await;
    browser.find_text("summary", "Change history").await.click().await.unwrap();
    browser
        .find_text(
            "ol",
            "Return it to the lead reviewer: Moderated → Submitted. Reason: Check measure 7's level against the data sharing evidence",
        )
        .await;
    browser.click_button("Confirm the agreed levels").await;
    browser.find_text("main", "This review is moderated. Its region’s team validates it next.").await;
    browser.goto(&app.url("/validation")).await;
    browser.find_text("a", "Leeds Teaching Hospitals NHS Trust").await.click().await.unwrap();
    browser.find("#decision-confirm").await.click().await.unwrap();
    browser.click_button("Save the decision").await;
    browser.find_text("#form-notice", "You confirmed the result.").await;
    browser.screenshot("review-validated").await;

    // The trust's lead flags a factual error; the lead reviewer answers it on the provisional page.
    let trust = app.signed_in_as("Tom Trust", "tom@example.nhs.uk", &["organisation-lead:RR8"]);
    let version = wgll_tests::json(app.get(&format!("/api/reviews/{review_id}")).await, 200).await["review"]
        ["version"]
        .clone();
    let flag = serde_json::json!({"measure": 7, "text": "Our data sharing started in May, not June", "version": version});
    wgll_tests::json(trust.post(&format!("/api/reviews/{review_id}/flags"), &flag).await, 200).await;
    browser.goto(&app.url(&format!("/reviews/{review_id}"))).await;
    // The deadline is on the review page as well as the provisional page.
    browser.find_text("main p", "(the organisation can flag errors until ").await;
    browser
        .find_text("a", "The provisional result and any factual errors flagged")
        .await
        .click()
        .await
        .unwrap();
    browser.find_text("#flag-1", "Our data sharing started in May, not June").await;
    browser.assert_accessible("The provisional result").await;
    browser.assert_usable_on_a_phone("The provisional result").await;
    browser.fill("#answer-1", "Corrected: the note now says May").await;
    browser.click_button("Answer factual error 1").await;
    browser.find_text("#form-notice", "You answered factual error 1.").await;
    browser.find_text("#flag-1", "Corrected: the note now says May").await;
    browser.screenshot("review-provisional").await;
    wgll_tests::json(
        trust
            .post(
                &format!("/api/reviews/{review_id}/facts-confirmed"),
                &serde_json::json!({"version": wgll_tests::json(app.get(&format!("/api/reviews/{review_id}")).await, 200).await["review"]["version"]}),
            )
            .await,
        200,
    )
    .await;
    browser.goto(&app.url(&format!("/reviews/{review_id}"))).await;
    browser.find_text("main", "This review is provisional.").await;

    // Publishing asks first; cancelling leaves the review unpublished.
    browser.click_button("Publish the review").await;
    browser.find_text("#confirm-publish h3", "Are you sure you want to publish this review?").await;
    browser
        .find_text(
            "#confirm-publish",
            "Publishing makes the agreed levels Leeds Teaching Hospitals NHS Trust’s result for 2025/26",
        )
        .await;
    browser.assert_accessible("The publish confirmation").await;
    browser.assert_usable_on_a_phone("The publish confirmation").await;
    browser.find_text("#confirm-publish button", "Cancel").await.click().await.unwrap();
    wait_until_gone(&browser, "#confirm-publish").await;
    browser.find_text("main", "This review is provisional.").await;
    let detail = wgll_tests::json(app.get(&format!("/api/reviews/{review_id}")).await, 200).await;
    assert_eq!(detail["review"]["status"], "provisional");
    browser.click_button("Publish the review").await;
    browser.click_button("Yes, publish the review").await;
    browser.find_text("main", "This review is published.").await;
    browser.find_text("summary", "Change history").await.click().await.unwrap();
    browser.find_text("ol", "Publish the review: Provisional → Published").await;
    browser.screenshot("review-published").await;

    // The round's progress: Leeds published in every phase; the ICS's own review not started,
    // so it is the one to chase.
    browser.goto(&app.url("/rounds")).await;
    browser.find_text("a", "See the progress of the 2025/26 round").await.click().await.unwrap();
    browser.find_text("h1", "Progress: England").await;
    browser.find_text("#phase-counts", "1 (50%)").await;
    assert_eq!(
        row_names(&browser, "#organisation-progress").await,
        ["Leeds Teaching Hospitals NHS Trust (RR8)", "West Yorkshire ICS (QWO)"]
    );
    browser.find_text("#organisation-progress tbody tr:first-child", "Published").await;
    browser.find_text("#chase-list", "West Yorkshire ICS").await;
    browser.find_text("#chase-list", "The organisation’s leads: no peer review has been started").await;
    browser.assert_accessible("The round's progress").await;
    browser.assert_usable_on_a_phone("The round's progress").await;
    browser.screenshot("round-progress").await;
    // Narrowed to the region, from the same page.
    browser.select("#region", "north-east-and-yorkshire").await;
    browser.click_button("Show").await;
    browser.find_text("h1", "Progress: North East and Yorkshire").await;
    browser.goto(&app.url(&format!("/reviews/{review_id}"))).await;
    browser.find_text("main", "This review is published.").await;

    // The printable report shows everything recorded, read-only.
    browser.find_text("a", "Printable report").await.click().await.unwrap();
    browser.find_text("h1", "Leeds Teaching Hospitals NHS Trust (RR8)").await;
    assert_eq!(
        browser.client.title().await.unwrap(),
        "Report: Leeds Teaching Hospitals NHS Trust 2025/26 – WGLL peer review"
    );
    browser.find_text("main", "Agreed level: 3 – Defined").await;
    browser.find_text("td", "Partly met").await;
    browser.assert_accessible("The printable report").await;
    browser.assert_usable_on_a_phone("The printable report").await;
    browser.goto(&app.url("/reviews/import")).await;
    browser.find_text("h1", "Import a review").await;
    browser.assert_accessible("The import page").await;
    // A file that is not an export is refused with what to choose instead; a real export (this
    // review's own) becomes a new draft review.
    let files = tempfile::tempdir().unwrap();
    let not_an_export = files.path().join("notes.json");
    std::fs::write(&not_an_export, r#"{"notes": "not a review"}"#).unwrap();
    browser.find("#file").await.send_keys(not_an_export.to_str().unwrap()).await.unwrap();
    browser.click_button("Import review").await;
    browser.find_text(".nhsuk-error-summary", "This file is not a review export").await;
    browser.assert_accessible("The import page with an error").await;
    browser.screenshot("import-error").await;
    let export = app.get(&format!("/api{review_path}/export.json")).await.text().await.unwrap();
    let export_file = files.path().join("export.json");
    std::fs::write(&export_file, export).unwrap();
    browser.find("#file").await.send_keys(export_file.to_str().unwrap()).await.unwrap();
    browser.click_button("Import review").await;
    let imported =
        browser.wait_for_path(|path| path.starts_with("/reviews/") && path != "/reviews/import").await;
    assert_ne!(imported, review_path, "the import is a review of its own");
    browser.find_text(".nhsuk-summary-list", "Draft").await;
    browser.goto(&app.url(&review_path)).await;

    // A reload keeps it.
    browser.client.refresh().await.unwrap();
    browser.find_text(".nhsuk-task-list", "Level 3 – Defined").await;

    // So does a restart of the whole stack: the server and DynamoDB Local, on the same data folder.
    let config = app.stop().await;
    database.stop();
    let database = start_database(data.path());
    let config =
        wgll_functions::config::Config { dynamodb_endpoint: Some(database.endpoint().to_owned()), ..config };
    let app = TestApp::spawn_with(config, port, Some(built_app())).await;
    // The restarted server signs with a new key, so the old sign-in no longer verifies.
    browser.client.refresh().await.unwrap();
    browser.find_text("h1", "Sign in to continue").await;
    sign_in(&browser, &app).await;
    browser.goto(&app.url(&review_path)).await;
    browser.find_text(".nhsuk-task-list", "Level 3 – Defined").await;
    browser.find_text(".nhsuk-task-list a", "Well led").await.click().await.unwrap();
    wait_for_value(&browser, "#evidence", "Board minutes").await;

    // A self-assessment for the same period can be compared with the peer review.
    browser.goto(&app.url("/organisations/RR8")).await;
    browser.fill("#period", "2025/26").await;
    browser.find("#review-kind-self-assessment").await.click().await.unwrap();
    browser.click_button("Start review").await;
    browser.wait_for_path(|path| path.starts_with("/reviews/") && path != review_path).await;
    browser.goto(&app.url("/organisations/RR8")).await;
    browser
        .find_text("a", "Compare the self-assessment and peer review for 2025/26")
        .await
        .click()
        .await
        .unwrap();
    let well_led = browser.find_text("tbody tr", "Well led").await;
    assert_eq!(
        well_led.text().await.unwrap().split_whitespace().collect::<Vec<_>>(),
        ["Well", "led", "–", "3", "–"]
    );
    browser.assert_accessible("The comparison page").await;
    browser.assert_usable_on_a_phone("The comparison page").await;

    // At phone width nothing scrolls sideways.
    browser.client.set_window_size(375, 800).await.unwrap();
    browser.goto(&app.url(&review_path)).await;
    browser.find_text(".nhsuk-task-list", "Level 3 – Defined").await;
    let overflow = sideways_overflow(&browser).await;
    assert!(overflow <= 0, "the review page scrolls sideways at 375px: {overflow}");
    let pages = [
        (format!("{review_path}/measures/2"), "Ensure smart foundations"),
        (format!("{review_path}/report"), "Empower citizens"),
        ("/framework".to_owned(), "Healthy populations"),
    ];
    for (page, text) in pages {
        browser.goto(&app.url(&page)).await;
        browser.find_text("main", text).await;
        let overflow = sideways_overflow(&browser).await;
        assert!(overflow <= 0, "{page} scrolls sideways at 375px: {overflow}");
    }
    browser.screenshot("review-phone").await;

    browser.close().await;
    database.stop();
}

/// The accessibility check itself works: a page with a known WCAG failure is reported.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_accessibility_check_finds_a_known_violation() {
    let app = TestApp::spawn_serving(built_app()).await;
    let browser = Browser::start().await;
    browser.goto(&app.url("/")).await;
    browser.find_text("h1", "Peer review of digital maturity").await;
    browser.assert_accessible("The home page").await;
    // An input with no label is a WCAG 2 A failure (label / 1.3.1, 4.1.2).
    browser
        .client
        .execute("const input = document.createElement('input'); input.type = 'text'; document.querySelector('main').append(input);", vec![])
        .await
        .unwrap();
    let violations = browser.accessibility_violations().await;
    assert!(violations.iter().any(|violation| violation.starts_with("label")), "{violations:?}");
    browser.close().await;
}

/// In AWS people sign in through Cognito's hosted sign-in (here a stand-in that checks PKCE and
/// signs RS256 ID tokens): the app starts the flow, finishes it, and the API accepts the token.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn people_sign_in_through_the_hosted_sign_in_with_pkce() {
    use wgll_tests::hosted_sign_in::{Person, StandIn};
    let person = Person {
        name: "Jo Reviewer".into(),
        email: "jo@example.nhs.uk".into(),
        groups: vec!["administrator".into(), "reviewer".into()],
    };
    let stand_in = StandIn::start(person).await;
    let auth =
        std::sync::Arc::new(wgll_functions::auth::Auth::cognito(stand_in.verifier(), stand_in.hosted()));
    let config = fresh_config(&wgll_tests::shared_dynamodb_endpoint());
    let app = TestApp::spawn_with_auth(config, 0, Some(built_app()), auth).await;
    let browser = Browser::start().await;

    // The page arrives with the way to sign in in it, before the app has started.
    let sent = app.client.get(app.url("/sign-in")).send().await.unwrap().text().await.unwrap();
    assert!(sent.contains(r#"data-sign-in="hosted">Sign in with your NHS account</button>"#), "{sent}");
    browser.goto(&app.url("/sign-in")).await;
    browser.find_text("h1", "Sign in").await;
    browser.assert_accessible("The hosted sign-in page").await;
    browser.click_button("Sign in with your NHS account").await;
    browser.wait_for_path(|path| path == "/organisations").await;
    browser.find_text("header", "Jo Reviewer").await;
    // The API answered with the ID token: an empty list, not a sign-in prompt.
    browser.find_text("main", "There are no organisations yet").await;
    let url = browser.client.current_url().await.unwrap();
    assert_eq!(url.query(), None, "no code or token is left in the address");
    browser.close().await;
}

/// A trust's lead records a service in the browser, the ICS lead sees the coverage and gaps,
/// and a citizen with no sign-in finds the trust by keyboard at phone width and sees only what
/// is public.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_maps_a_service_and_a_citizen_finds_it_on_the_public_page() {
    let app = TestApp::spawn_serving(built_app()).await;
    app.add_ics_and_trust().await;
    let rxf = serde_json::json!({"odsCode": "RXF", "name": "Mid Yorkshire Teaching NHS Trust", "kind": "acute-trust", "icsCode": "QWO", "town": "Wakefield"});
    app.add_organisation(&rxf).await;
    let planned = serde_json::json!({"status": "planned", "channels": [], "since": "2027-04", "source": "https://intranet.example.nhs.uk/plan", "lastChecked": "2026-01-05", "version": 0});
    wgll_tests::json(app.put("/api/organisations/RXF/offer/test-results", &planned).await, 200).await;
    let browser = Browser::start().await;
    sign_in(&browser, &app).await;

    browser.goto(&app.url("/organisations/RR8")).await;
    browser.find_text("a", "Digital services for patients").await.click().await.unwrap();
    browser.find_text("h1", "Digital services for patients").await;
    browser.find_text("main", "0 of the 17 standard services are live").await;
    assert_eq!(
        browser.client.title().await.unwrap(),
        "Digital services – Leeds Teaching Hospitals NHS Trust – WGLL peer review"
    );
    browser.assert_accessible("The organisation's digital services").await;
    browser.assert_usable_on_a_phone("The organisation's digital services").await;
    // "Change" links name their service to screen readers; the href is what is unique to find.
    browser.find("a[href='/organisations/RR8/digital-services/test-results']").await.click().await.unwrap();
    browser.find_text("h1", "Test results").await;
    browser.assert_accessible("The service form").await;

    // Live needs a channel: refused in words, with the field linked from the summary.
    browser.find("#status-live").await.click().await.unwrap();
    browser.fill("#source", "https://www.leedsth.nhs.uk/patients/results").await;
    browser.click_button("Save").await;
    browser.find_text(".nhsuk-error-summary", "Choose at least one channel").await;
    browser.assert_accessible("The service form with errors").await;
    browser.screenshot("offer-service-errors").await;
    browser.find("#channels").await.click().await.unwrap();
    browser.find("#channels-patient-portal").await.click().await.unwrap();
    // Where patients use it: shown to them, so https only.
    browser.fill("#public-link", "http://myportal.example.nhs.uk/test-results").await;
    browser.click_button("Save").await;
    browser.find_text(".nhsuk-error-summary a[href='#public-link']", "starting with https://").await;
    browser.fill("#public-link", "https://myportal.example.nhs.uk/test-results").await;
    browser.click_button("Save").await;
    browser.wait_for_path(|path| path == "/organisations/RR8/digital-services").await;
    let row = browser.find_text("tbody tr", "Test results").await;
    let row = row.text().await.unwrap();
    assert!(row.contains("Live") && row.contains("NHS App and Patient portal"), "{row}");
    browser.find_text("#offer-history", "Recorded as Live").await;
    browser.screenshot("offer").await;
    // How the public can reach the trust, recorded on the same page.
    browser.find_text("summary", "Change the contact details").await.click().await.unwrap();
    browser.fill("#phone", "0113 243").await;
    browser.click_button("Save contact details").await;
    browser.find_text(".nhsuk-error-summary a[href='#phone']", "Enter a phone number").await;
    browser.assert_accessible("The contact details form with an error").await;
    browser.fill("#phone", "0113 243 3144").await;
    browser.fill("#website", "https://www.leedsth.nhs.uk/").await;
    browser.click_button("Save contact details").await;
    browser.find_text("#form-notice", "The contact details are saved").await;
    browser.find_text("#contact-details", "0113 243 3144").await;

    // The ICS: coverage per service and who is missing it.
    browser.goto(&app.url("/ics/QWO/digital-services")).await;
    let results = browser.find_text("#offer-coverage tbody tr", "Test results").await;
    let results = results.text().await.unwrap();
    assert!(
        results.contains("1 of 2 (50%)") && results.contains("Mid Yorkshire Teaching NHS Trust"),
        "{results}"
    );
    browser
        .find_text("#offer-consistency", "0 of 17 standard services are live at all 2 organisations")
        .await;
    browser.assert_accessible("The ICS's digital services").await;
    browser.assert_usable_on_a_phone("The ICS's digital services").await;
    browser.screenshot("ics-offer").await;

    // A citizen, signed out, at phone width, by keyboard.
    browser.find_text("a", "Sign out").await.click().await.unwrap();
    browser.client.set_window_size(375, 800).await.unwrap();
    browser.goto(&app.url("/digital-services")).await;
    browser.find_text("#systems", "West Yorkshire ICS").await;
    browser.assert_accessible("The public search page").await;
    let search = browser.find("#search").await;
    search.send_keys("leeds\u{E007}").await.unwrap(); // typed, then Enter
    browser.find_text("#results-count", "1 organisation matches “leeds”").await;
    // Described in the public's words, not by the NHS's codes.
    let found =
        browser.find_text("#results li", "Leeds Teaching Hospitals NHS Trust").await.text().await.unwrap();
    assert!(
        found.contains("Hospital trust") && !found.contains("RR8") && !found.contains("Acute"),
        "{found}"
    );
    browser.find_text("main a", "Leeds Teaching Hospitals NHS Trust").await.click().await.unwrap();
    browser.wait_for_path(|path| path == "/digital-services/RR8").await;
    let card = browser.find_text("#services li", "Test results").await;
    assert!(card.text().await.unwrap().contains("Where: NHS App and Patient portal"));
    let use_it = browser.find_text("#services li a", "Use it online").await;
    assert_eq!(
        use_it.attr("href").await.unwrap().as_deref(),
        Some("https://myportal.example.nhs.uk/test-results"),
        "a citizen can go where the service is"
    );
    let call = browser.find_text("#contact-details a", "0113 243 3144").await;
    assert_eq!(call.attr("href").await.unwrap().as_deref(), Some("tel:01132433144"), "a citizen can call");
    let page = browser.find("main").await.text().await.unwrap();
    assert!(
        !page.contains("/patients/results") && !page.contains("Last checked"),
        "nothing internal: {page}"
    );
    assert!(sideways_overflow(&browser).await <= 0, "the public page fits a phone");
    browser.assert_accessible("The public organisation page").await;
    browser.screenshot("public-offer-phone").await;
    // Something shown is wrong: the citizen says so, with no sign-in.
    browser.find_text("main a", "Report something wrong on this page").await.click().await.unwrap();
    browser.click_button("Send report").await;
    browser.find_text(".nhsuk-error-summary a[href='#message']", "Enter what is wrong").await;
    browser.assert_accessible("The report form with an error").await;
    browser.fill("#message", "The portal link asks me to log in twice").await;
    browser.click_button("Send report").await;
    browser.find_text("#report-sent", "Report sent").await;
    browser.assert_accessible("The report sent").await;
    assert!(sideways_overflow(&browser).await <= 0, "the report page fits a phone");
    browser.screenshot("public-report-sent").await;
    browser.find_text("main a", "Back to Leeds Teaching Hospitals NHS Trust").await.click().await.unwrap();
    browser.wait_for_path(|path| path == "/digital-services/RR8").await;

    // Browsing by ICS: the planned service at RXF is not offered to the public.
    browser.find_text("a", "Other organisations in this area").await.click().await.unwrap();
    let rxf = browser.find_text("#members li", "Mid Yorkshire").await;
    assert!(rxf.text().await.unwrap().contains("No online services recorded yet"));
    browser.find_text("#members li", "1 service online").await;
    assert!(sideways_overflow(&browser).await <= 0);
    browser.assert_accessible("The public ICS page").await;
    browser.close().await;
}

/// The text of each body row's heading cell in a table, in order.
/// Types `date` into the NHS.UK date input whose day box is `#<id>`.
async fn fill_date(browser: &Browser, id: &str, date: wgll_shared::date::Date) {
    browser.fill(&format!("#{id}"), &date.day().to_string()).await;
    browser.fill(&format!("#{id}-month"), &date.month().to_string()).await;
    browser.fill(&format!("#{id}-year"), &date.year().to_string()).await;
}

/// Opens the first benefit's "Record a value realised" and records `value` as of today.
async fn record_value_realised(browser: &Browser, value: &str, note: Option<&str>) {
    let details = browser.find("details.nhsuk-details").await;
    let prefix = details.attr("id").await.unwrap().expect("the form's details have an id");
    browser.find("details.nhsuk-details summary").await.click().await.unwrap();
    fill_date(browser, &format!("{prefix}-on"), date_from_today(0)).await;
    browser.fill(&format!("#{prefix}-value"), value).await;
    if let Some(note) = note {
        browser.fill(&format!("#{prefix}-note"), note).await;
    }
    browser.click_button("Record the value").await;
}

async fn row_names(browser: &Browser, table: &str) -> Vec<String> {
    let mut names = Vec::new();
    for cell in browser.client.find_all(fantoccini::Locator::Css(&format!("{table} tbody th"))).await.unwrap()
    {
        names.push(cell.text().await.unwrap());
    }
    names
}

/// An ICS lead's week: the dashboard (sorted by keyboard), trends, an organisation's benchmark,
/// an action from a review's gap that is overdue and then done, and levelling up.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ics_lead_follows_outcomes_from_the_dashboard_to_an_action() {
    use wgll_shared::framework::Variant::{Ics, Organisation};
    let app = TestApp::spawn_serving(built_app()).await;
    app.add_ics_and_trust().await;
    app.add_organisations(&[
        serde_json::json!({"odsCode": "RXF", "name": "Mid Yorkshire Teaching NHS Trust", "kind": "acute-trust", "icsCode": "QWO"}),
        serde_json::json!({"odsCode": "RGD", "name": "Leeds and York Partnership NHS Foundation Trust", "kind": "mental-health-trust", "icsCode": "QWO"}),
    ])
    .await;
    app.publish_peer_review("QWO", Ics, "2025/26", [4, 4, 4, 4, 4, 4, 4]).await;
    app.publish_peer_review("RR8", Organisation, "2025/26", [2, 3, 3, 3, 3, 3, 3]).await;
    app.publish_peer_review("RXF", Organisation, "2025/26", [4, 1, 3, 3, 3, 3, 3]).await;
    app.publish_peer_review("RR8", Organisation, "2024/25", [1, 2, 2, 2, 2, 2, 2]).await;
    let browser = Browser::start().await;
    sign_in(&browser, &app).await;

    browser.goto(&app.url("/organisations/QWO")).await;
    browser.find_text("a", "Dashboard of outcomes across this ICS").await.click().await.unwrap();
    browser.find_text("h1", "Dashboard, 2025/26").await;
    browser.find_text("#dashboard-summary", "2 of 3 organisations have a published peer review").await;
    assert_eq!(
        browser.client.title().await.unwrap(),
        "Dashboard – West Yorkshire ICS 2025/26 – WGLL peer review"
    );
    let well_led = browser.find_text("#roll-up tbody tr", "Well led").await.text().await.unwrap();
    for figure in ["4", "3", "2.5 to 3.5", "2 to 4"] {
        assert!(well_led.contains(figure), "the roll-up shows {figure}: {well_led}");
    }
    assert_eq!(
        row_names(&browser, "#heatmap").await,
        [
            "West Yorkshire ICS (the ICS’s own review)",
            "Leeds and York Partnership NHS Foundation Trust",
            "Leeds Teaching Hospitals NHS Trust",
            "Mid Yorkshire Teaching NHS Trust"
        ]
    );
    browser.assert_accessible("The ICS dashboard").await;
    browser.assert_usable_on_a_phone("The ICS dashboard").await;
    // Sorting by "Well led" with the keyboard: lowest first, then reversed; no level goes last.
    let sort = browser.find_text("#heatmap th button", "1. Well led").await;
    sort.send_keys("\u{E007}").await.unwrap();
    browser.find("#heatmap th[aria-sort='ascending']").await;
    assert_eq!(
        row_names(&browser, "#heatmap").await[1..],
        [
            "Leeds Teaching Hospitals NHS Trust",
            "Mid Yorkshire Teaching NHS Trust",
            "Leeds and York Partnership NHS Foundation Trust"
        ]
    );
    sort.send_keys("\u{E007}").await.unwrap();
    browser.find("#heatmap th[aria-sort='descending']").await;
    assert_eq!(row_names(&browser, "#heatmap").await[1], "Mid Yorkshire Teaching NHS Trust");
    browser.screenshot("dashboard").await;

    // Another period through the chooser: the address says which (so it can be shared), and the
    // browser's back button returns to the period before.
    browser.select("#period", "2024/25").await;
    browser.click_button("Show").await;
    browser.find_text("h1", "Dashboard, 2024/25").await;
    browser.wait_for_path(|path| path == "/ics/QWO/dashboard").await;
    let query: String =
        browser.client.execute("return location.search", vec![]).await.unwrap().as_str().unwrap().into();
    assert_eq!(query, "?period=2024%2F25");
    browser.client.back().await.unwrap();
    browser.find_text("h1", "Dashboard, 2025/26").await;
    browser.client.forward().await.unwrap();
    browser.find_text("h1", "Dashboard, 2024/25").await;
    browser.client.back().await.unwrap();
    browser.find_text("h1", "Dashboard, 2025/26").await;

    browser.find_text("nav a", "Trends").await.click().await.unwrap();
    browser.find("#trend-ics").await;
    browser.find("#trend-RR8 polyline").await;
    browser.find_text("main summary", "The figures for Leeds Teaching Hospitals NHS Trust").await;
    browser.assert_accessible("The ICS trends").await;
    browser.assert_usable_on_a_phone("The ICS trends").await;
    browser.screenshot("trends").await;

    // Leeds: its benchmark against the other acute trust, and an action from its gap.
    browser.find_text("h3 a", "Leeds Teaching Hospitals NHS Trust").await.click().await.unwrap();
    browser.find_text("#benchmark-peers", "Compared with 1 other organisation of the same kind").await;
    browser.find_text("#targetLevel-hint", "Leave blank for one level above the level agreed").await;
    browser.find_text("#measure option", "1. Well led (agreed level 2 in 2025/26)").await;
    browser.assert_accessible("An organisation's outcomes").await;
    browser.assert_usable_on_a_phone("An organisation's outcomes").await;
    browser.fill("#description", "Appoint a chief clinical information officer").await;
    browser.fill("#owner", "Chief Executive").await;
    // NHS.UK's date input: a part left out is named, and the summary's link leads to the first box.
    browser.fill("#due", "31").await;
    browser.fill("#due-year", "2020").await;
    browser.click_button("Add action").await;
    browser.find_text(".nhsuk-error-summary a[href='#due']", "The due date must include a month").await;
    browser.fill("#due-month", "1").await;
    browser.click_button("Add action").await;
    browser.find_text("#form-notice", "You added the action").await;
    let row = browser.find_text("#actions tbody tr", "Appoint a chief clinical").await.text().await.unwrap();
    assert!(row.contains("from 2 to 3") && row.contains("Overdue"), "{row}");

    browser.goto(&app.url("/ics/QWO/actions?overdue=true")).await;
    browser.find_text("#actions-summary", "1 action, 1 overdue.").await;
    browser.assert_accessible("The ICS's action plans").await;
    browser.assert_usable_on_a_phone("The ICS's action plans").await;
    browser.select("#actions select", "done").await;
    browser.click_button("Update").await;
    // The list again, with the same filter: saved, so no longer overdue.
    browser.find_text("#form-notice", "is done.").await;
    browser.find_text("#actions-summary", "0 actions, 0 overdue.").await;
    browser.goto(&app.url("/ics/QWO/actions?overdue=true")).await;
    browser.find_text("#actions-summary", "0 actions, 0 overdue.").await;
    browser.goto(&app.url("/ics/QWO/actions")).await;
    browser.select("#filter-organisation", "RXF").await;
    browser.click_button("Filter").await;
    browser.find_text("#actions-summary", "0 actions").await;
    browser.select("#filter-organisation", "RR8").await;
    browser.click_button("Filter").await;
    browser.find_text("#actions-summary", "1 action, 0 overdue.").await;

    browser.goto(&app.url("/levelling-up?ics=QWO&period=2025/26&minimum=3")).await;
    browser.find_text("#levelling-up-summary", "2 of 2 organisations").await;
    let well_led = browser.find_text("#shortfalls tbody tr", "Well led").await.text().await.unwrap();
    assert!(well_led.contains("50%") && well_led.contains("Levelling up"), "{well_led}");
    browser.assert_accessible("Levelling up").await;
    browser.assert_usable_on_a_phone("Levelling up").await;
    // A period that is not a financial year: the form again, saying what to type, and correctable.
    browser.fill("#period", "2025").await;
    browser.click_button("Show").await;
    browser
        .find_text(
            ".nhsuk-error-summary a[href='#period']",
            "Enter the period as a financial year, like 2025/26",
        )
        .await;
    browser.assert_accessible("Levelling up with an error").await;
    browser.fill("#period", "2025/26").await;
    browser.click_button("Show").await;
    browser.find_text("#levelling-up-summary", "2 of 2 organisations").await;

    browser.client.set_window_size(375, 800).await.unwrap();
    browser.goto(&app.url("/ics/QWO/dashboard")).await;
    browser.find("#heatmap").await;
    assert!(
        sideways_overflow(&browser).await <= 0,
        "the dashboard fits a phone; the heatmap scrolls in its own region"
    );
    browser.screenshot("dashboard-phone").await;
    browser.close().await;
}

/// What the measure page keeps on the device: changes made while the service is down and the tab
/// then closed are saved on the next visit; and in a clash with another tab, taking the saved
/// version drops this page's changes for good (they do not come back on a reload). Then the
/// report's CSV download hands the browser the file with what was saved.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_closed_tabs_changes_are_saved_on_the_next_visit_and_a_clash_can_take_the_saved_version() {
    let app =
        TestApp::spawn_with(fresh_config(&wgll_tests::shared_dynamodb_endpoint()), 0, Some(built_app()))
            .await;
    let port: u16 = app.address.rsplit(':').next().unwrap().parse().unwrap();
    app.add_ics_and_trust().await;
    let review = app.start_review("RR8", "2025/26", "peer-review", &[wgll_tests::LEAD_REVIEWER]).await;
    let measure_page = format!("/reviews/{review}/measures/1");
    let browser = Browser::start().await;
    sign_in(&browser, &app).await;
    browser.goto(&app.url(&measure_page)).await;
    browser.find_text("h1", "Well led").await;
    browser.fill("#evidence", "Board minutes").await;
    browser.find_text("#save-status", "All changes saved").await;

    // The service goes down, the reviewer types on, sees that it is not saved, and closes the tab.
    let (config, auth) = app.stop_keeping_sign_in().await;
    browser.fill("#gaps", "No CNIO in post yet").await;
    browser.find_text("#save-status", "cannot be reached").await;
    browser.goto("about:blank").await;
    // Back later, once the service is up again: the changes are there and saved.
    let app = TestApp::spawn_with_auth(config, port, Some(built_app()), auth).await;
    browser.goto(&app.url(&measure_page)).await;
    wait_for_value(&browser, "#gaps", "No CNIO in post yet").await;
    browser.find_text("#save-status", "All changes saved").await;
    let saved = wgll_tests::json(app.get(&format!("/api/reviews/{review}")).await, 200).await;
    assert_eq!(saved["measures"][0]["gaps"], "No CNIO in post yet");
    assert_eq!(saved["measures"][0]["evidence"], "Board minutes");

    // Another tab saves this measure; the next change here clashes, and the reviewer takes the
    // other tab's version.
    let other_tab = serde_json::json!({
        "evidence": "Saved from the other tab", "version": saved["measures"][0]["version"]
    });
    wgll_tests::json(app.put(&format!("/api/reviews/{review}/measures/1"), &other_tab).await, 200).await;
    browser.fill("#strengths", "Engaged board").await;
    browser.find_text("#save-status", "Your assessment was also changed elsewhere").await;
    browser.click_button("Use the saved version").await;
    browser.find_text("#save-status", "Changes save automatically as you type.").await;
    wait_for_value(&browser, "#evidence", "Saved from the other tab").await;
    let strengths = browser.find("#strengths").await.prop("value").await.unwrap();
    assert_eq!(strengths.as_deref(), Some(""), "this page's change is dropped");
    browser.client.refresh().await.unwrap();
    wait_for_value(&browser, "#evidence", "Saved from the other tab").await;
    let strengths = browser.find("#strengths").await.prop("value").await.unwrap();
    assert_eq!(strengths.as_deref(), Some(""), "and does not come back from the device");
    browser.find_text("#save-status", "Changes save automatically as you type.").await;

    // Changes from there on save over the version taken, with no clash.
    browser.fill("#strengths", "Engaged board").await;
    browser.find_text("#save-status", "All changes saved").await;
    let kept = wgll_tests::json(app.get(&format!("/api/reviews/{review}")).await, 200).await;
    assert_eq!(kept["measures"][0]["evidence"], "Saved from the other tab");
    assert_eq!(kept["measures"][0]["strengths"], "Engaged board");
    assert_eq!(kept["measures"][0]["gaps"], serde_json::Value::Null, "the other tab's version had none");

    // The report's CSV download: the file the browser is handed, under the name it is saved as.
    browser.goto(&app.url(&format!("/reviews/{review}/report"))).await;
    browser.find_text("h1", "Leeds Teaching Hospitals NHS Trust (RR8)").await;
    browser.client.execute(CATCH_DOWNLOADS, vec![]).await.unwrap();
    browser.click_button("Download as CSV").await;
    let (name, text) = saved_file(&browser).await;
    assert_eq!(name, "review-RR8-2025-26-peer-review.csv");
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("ods_code,organisation,ics_code,period"), "{text}");
    assert_eq!(
        lines[1..],
        [
            "RR8,Leeds Teaching Hospitals NHS Trust,QWO,2025/26,peer-review,draft,wgll-2021,1,Well led,lead@example.nhs.uk,,,,Engaged board,,,"
        ]
    );
    browser.close().await;
}

/// Makes the links the app clicks to hand the browser a file put the file's name and text in
/// `window.savedFiles` instead, for the test to look at. (The file is read from the object it is
/// made from: the page's content security policy lets nothing fetch its address.)
const CATCH_DOWNLOADS: &str = r#"
    window.savedFiles = [];
    const files = new Map();
    const createObjectURL = URL.createObjectURL;
    URL.createObjectURL = function (file) {
        const address = createObjectURL.call(URL, file);
        files.set(address, file);
        return address;
    };
    HTMLAnchorElement.prototype.click = function () {
        const name = this.download;
        files.get(this.href).text().then(text => window.savedFiles.push([name, text]));
    };
"#;

/// The first file the app handed the browser since [`CATCH_DOWNLOADS`] ran, waiting for it.
async fn saved_file(browser: &Browser) -> (String, String) {
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(20);
    loop {
        let file = browser.client.execute("return window.savedFiles[0] || null", vec![]).await.unwrap();
        if let (Some(name), Some(text)) = (file[0].as_str(), file[1].as_str()) {
            return (name.to_owned(), text.to_owned());
        }
        assert!(std::time::Instant::now() < deadline, "no file was handed to the browser");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
}

/// Who pays for what, in the browser: an ICS lead opens the ICS's funding from its page, proposes
/// a net-neutral change (a sum that does not come to £0.00 is refused, saying so, with what was
/// typed kept), and an administrator approves it; the split then shows it to the penny. The
/// fixture (`wgll_tests::funding::set_up`) splits QWO's £5.00 envelope equally between RR8's and
/// RXF's cyber lines (£2.50 each).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_ics_lead_proposes_a_funding_change_and_an_administrator_approves_it() {
    let app = TestApp::spawn_serving(built_app()).await;
    app.add_two_icss_and_their_trusts().await;
    wgll_tests::funding::set_up(&app).await;
    let browser = Browser::start().await;
    browser.goto(&app.url("/sign-in")).await;
    browser.fill("#name", "Qwo Lead").await;
    browser.fill("#email", "qwo@example.nhs.uk").await;
    browser.fill("#ics-lead", "QWO").await;
    browser.click_button("Sign in").await;
    browser.wait_for_path(|path| path == "/organisations").await;

    browser.goto(&app.url("/organisations/QWO")).await;
    browser.find_text("main a", "Funding").await.click().await.unwrap();
    browser.find_text("h1", "Funding, 2025/26").await;
    browser.find_text("#envelope", "£5.00 from the year’s ICS envelopes").await;
    browser.find_text("#split", "Leeds Teaching Hospitals NHS Trust (RR8)").await;
    browser.assert_accessible("An ICS's funding").await;
    browser.assert_usable_on_a_phone("An ICS's funding").await;
    browser.screenshot("ics-funding").await;

    browser.fill("#move-RR8-cyber", "-0.50").await;
    browser.fill("#move-RXF-cyber", "0.40").await;
    browser.fill("#reason", "Cyber team moved to Mid Yorkshire").await;
    browser.client.execute("document.getElementById('propose').scrollIntoView()", vec![]).await.unwrap();
    browser.screenshot("ics-funding-form").await;
    browser.click_button("Propose the change").await;
    browser.find_text(".nhsuk-error-summary a[href='#moves']", "The moves add up to −£0.10").await;
    wait_for_value(&browser, "#move-RR8-cyber", "-0.50").await;
    browser.assert_accessible("An ICS's funding with an error").await;
    browser.screenshot("ics-funding-error").await;
    browser.fill("#move-RXF-cyber", "0.50").await;
    browser.click_button("Propose the change").await;
    browser
        .find_text(
            "#form-notice",
            "Your change was proposed: RR8’s cyber line −£0.50, RXF’s cyber line +£0.50",
        )
        .await;

    // The administrator approves it.
    sign_in(&browser, &app).await;
    let system = wgll_tests::json(app.get("/api/funding/2025-26/ics/QWO/allocation").await, 200).await;
    let id = system["changes"]
        .as_array()
        .unwrap()
        .iter()
        .find(|change| change["change"]["reason"] == "Cyber team moved to Mid Yorkshire")
        .expect("the lead's change")["id"]
        .as_str()
        .unwrap()
        .to_owned();
    browser.goto(&app.url("/ics/QWO/funding?period=2025/26")).await;
    browser.find(&format!("#approve-{id} button")).await.click().await.unwrap();
    browser.find_text("#form-notice", "You approved the change").await;
    let split = browser.find("#split").await.text().await.unwrap();
    assert!(split.contains("£2.00") && split.contains("£3.00"), "{split}");
    browser.find_text("#split-summary", "Total: £5.00.").await;
    browser.assert_accessible("An ICS's funding, approved").await;
    browser.screenshot("ics-funding-approved").await;

    // The trust's own page: what it gets from which pot, and why.
    browser.goto(&app.url("/organisations/RR8/funding?period=2025/26")).await;
    browser.find_text("#fund-lines-total", "£5.00").await;
    browser.find_text("#split-lines-total", "£2.00").await;
    browser.assert_accessible("An organisation's funding").await;
    browser.assert_usable_on_a_phone("An organisation's funding").await;
    browser.goto(&app.url("/funding?period=2025/26")).await;
    browser.find_text("#funds", "The access-fund fund").await;
    browser.assert_accessible("The year's funding").await;
    browser.assert_usable_on_a_phone("The year's funding").await;
    browser.screenshot("national-funding").await;
    browser.find_text("#funds a", "The access-fund fund").await.click().await.unwrap();
    browser.find_text("#allocation-total", "£10.00").await;
    browser.assert_accessible("A fund's allocation").await;
    browser.assert_usable_on_a_phone("A fund's allocation").await;
    browser.close().await;
}

/// An administrator sets a year's funding up in the browser: adds a fund from the year's funding
/// page (an amount to a fraction of a penny is refused at its field, with what was typed kept),
/// then works out its allocation by fair shares, previews it line by line and saves it; the
/// fund's page then shows the allocation to the penny. RR8 and RXF have weighted populations of
/// 1 each for 2027/28, so £12,500.50 is £6,250.25 each.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_adds_a_fund_and_saves_its_allocation() {
    let app = TestApp::spawn_serving(built_app()).await;
    app.add_two_icss_and_their_trusts().await;
    for ods in ["RR8", "RXF"] {
        let population =
            serde_json::json!({"weightedPopulation": 1, "source": "ONS mid-year, weighted", "version": 0});
        wgll_tests::json(app.put(&format!("/api/funding/2027-28/populations/{ods}"), &population).await, 200)
            .await;
    }
    let browser = Browser::start().await;
    sign_in(&browser, &app).await;

    browser.goto(&app.url("/funding?period=2027/28")).await;
    browser.find_text("#setup-links a", "Add a fund").await.click().await.unwrap();
    browser.find_text("h1", "Add a fund for 2027/28").await;
    browser.fill("#id", "cyber-2027").await;
    browser.fill("#name", "Cyber resilience 2027").await;
    browser.fill("#total", "12.345").await;
    browser.fill("#capital", "10,000").await;
    browser.fill("#revenue", "2,500.50").await;
    browser.fill("#closingDate", "31").await;
    browser.fill("#closingDate-month", "3").await;
    browser.fill("#closingDate-year", "2028").await;
    browser.find("#principle").await.click().await.unwrap();
    browser.find("#measures-2").await.click().await.unwrap();
    browser.select("#category", "local-cybersecurity").await;
    browser.assert_accessible("Adding a fund").await;
    browser.assert_usable_on_a_phone("Adding a fund").await;
    browser.click_button("Add the fund").await;
    browser.find_text(".nhsuk-error-summary a[href='#total']", "Enter the amount to the nearest penny").await;
    wait_for_value(&browser, "#total", "12.345").await;
    wait_for_value(&browser, "#name", "Cyber resilience 2027").await;
    browser.assert_accessible("Adding a fund, with an error").await;
    browser.screenshot("fund-setup-error").await;
    browser.fill("#total", "12,500.50").await;
    browser.click_button("Add the fund").await;
    browser
        .find_text(
            "#form-notice",
            "You added Cyber resilience 2027 for 2027/28: £12,500.50 (£10,000.00 capital, £2,500.50 revenue).",
        )
        .await;

    browser.goto(&app.url("/funding?period=2027/28")).await;
    browser.find_text("#funds", "£12,500.50").await;
    browser.find_text("#funds a", "Cyber resilience 2027").await.click().await.unwrap();
    browser.find_text("#setup-links a", "Work out and save its allocation").await.click().await.unwrap();
    browser.find_text("h1", "Allocate Cyber resilience 2027").await;
    browser.find_text("#current", "Nothing is saved yet.").await;
    browser.fill("#recipients", "RR8, RXF").await;
    browser.click_button("Preview the allocation").await;
    browser.find_text("#preview-summary", "Fair shares: a pot of £12,500.50, unallocated £0.00.").await;
    let preview = browser.find("#preview").await.text().await.unwrap();
    assert!(preview.contains("RR8") && preview.contains("RXF") && preview.contains("£6,250.25"), "{preview}");
    browser.assert_accessible("A fund's allocation, previewed").await;
    browser.assert_usable_on_a_phone("A fund's allocation, previewed").await;
    browser.screenshot("allocation-preview").await;
    browser.click_button("Save this allocation").await;
    browser
        .find_text("#form-notice", "You saved the allocation (version 1): 2 lines, £0.00 unallocated.")
        .await;
    browser.find_text("#current", "Saved now: version 1, fair shares").await;

    browser.goto(&app.url("/funding/cyber-2027?period=2027/28")).await;
    browser.find_text("#allocation-total", "£12,500.50").await;
    let lines = browser.find("#allocation").await.text().await.unwrap();
    assert!(lines.contains("£6,250.25"), "{lines}");

    // The year's other setup pages, each reached from the year's funding page.
    for (link, heading, shot) in [
        ("Weighted populations", "Weighted populations, 2027/28", "populations"),
        ("ICS envelopes", "ICS envelopes, 2027/28", "envelopes-setup"),
        (
            "Funding rules: principle suggestion and earned autonomy",
            "Funding rules, 2027/28",
            "funding-rules",
        ),
    ] {
        browser.goto(&app.url("/funding?period=2027/28")).await;
        browser.find_text("#setup-links a", link).await.click().await.unwrap();
        browser.find_text("h1", heading).await;
        browser.assert_accessible(heading).await;
        browser.assert_usable_on_a_phone(heading).await;
        browser.screenshot(shot).await;
    }
    browser.goto(&app.url("/funding-setup/populations?period=2027/28")).await;
    browser.find_text("#populations", "ONS mid-year, weighted").await;
    browser.goto(&app.url("/funding-setup/ics/QWO/split?period=2027/28")).await;
    browser.find_text("#envelope", "The ICS has no envelope for this year yet").await;
    browser.assert_accessible("An ICS's default split").await;
    browser.close().await;
}

/// Each person is shown their part: a reviewer is not offered a review form the service would
/// refuse them; an organisation's lead opening one of its review's measures is told they have no
/// assessment to record there, not shown an empty form they cannot use.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn each_person_is_offered_only_what_they_can_do() {
    let app = TestApp::spawn_serving(built_app()).await;
    app.add_ics_and_trust().await;
    let review = app.start_review("RR8", "2025/26", "peer-review", &["assigned@example.nhs.uk"]).await;
    let browser = Browser::start().await;
    let sign_in_as = |name: &'static str, email: &'static str, organisation_lead: &'static str| {
        let browser = &browser;
        let app = &app;
        async move {
            browser.goto(&app.url("/sign-in")).await;
            browser.fill("#name", name).await;
            browser.fill("#email", email).await;
            if !organisation_lead.is_empty() {
                browser.find("#role-reviewer").await.click().await.unwrap();
                browser.fill("#organisation-lead", organisation_lead).await;
            }
            browser.click_button("Sign in").await;
            browser.wait_for_path(|path| path == "/organisations").await;
        }
    };
    let offers_to_start = |browser: &Browser| {
        let client = browser.client.clone();
        async move {
            let script = "return [...document.querySelectorAll('button')].some(b => b.textContent.includes('Start review'))";
            client.execute(script, vec![]).await.unwrap().as_bool().unwrap()
        }
    };

    sign_in_as("Rita Reviewer", "rita@example.nhs.uk", "").await;
    browser.goto(&app.url("/organisations/RR8")).await;
    browser.find_text("#who-starts", "started by its lead, its ICS’s lead or an administrator").await;
    assert!(!offers_to_start(&browser).await, "no review form for a reviewer");
    let buttons =
        browser.client.execute("return document.querySelector('main').textContent", vec![]).await.unwrap();
    assert!(!buttons.as_str().unwrap().contains("Add an organisation"), "nor a way to add one");

    sign_in_as("Olu Lead", "olu@example.nhs.uk", "RR8").await;
    browser.goto(&app.url("/organisations/RR8")).await;
    browser.find_text("h2", "Start a review").await;
    browser.find_text("#reviewers-hint", "The first becomes the lead reviewer").await;
    assert!(offers_to_start(&browser).await, "the organisation's lead may start one");
    browser.goto(&app.url(&format!("/reviews/{review}"))).await;
    browser.find_text("#reviewers-record", "Its reviewers record their assessments here").await;
    browser.find_text("#reviewer-progress li", "Completed by 0 of 1 reviewers").await;
    browser.assert_accessible("A review, to someone who is not its reviewer").await;
    browser.goto(&app.url(&format!("/reviews/{review}/measures/1"))).await;
    browser.find_text("#not-a-reviewer", "Only this review’s reviewers record assessments here").await;
    let forms =
        browser.client.execute("return document.querySelectorAll('main form').length", vec![]).await.unwrap();
    assert_eq!(forms.as_i64(), Some(0), "no empty, disabled assessment form");
    browser.assert_accessible("A measure, to someone who is not its reviewer").await;

    // A region's team is offered its list of reviews to validate, and sees its own region's.
    browser.goto(&app.url("/sign-in")).await;
    browser.fill("#name", "Rae Region").await;
    browser.fill("#email", "rae@example.nhs.uk").await;
    browser.find("#role-reviewer").await.click().await.unwrap();
    browser.fill("#region", "north-east-and-yorkshire").await;
    browser.click_button("Sign in").await;
    browser.wait_for_path(|path| path == "/organisations").await;
    browser.goto(&app.url("/")).await;
    browser.find_text("a", "Reviews to validate").await.click().await.unwrap();
    browser.find_text("h1", "Reviews to validate").await;
    browser.find_text("h2", "North East and Yorkshire").await;
    browser.find_text("main", "Nothing is waiting.").await;
    browser.assert_accessible("A region's reviews to validate").await;
    browser.close().await;
}

/// The first assessment saved on the review, as the API has it.
async fn first_measure_on_server(app: &TestApp, review_id: &str) -> serde_json::Value {
    let detail = wgll_tests::json(app.get(&format!("/api/reviews/{review_id}")).await, 200).await;
    detail["measures"][0].clone()
}

/// An administrator opens the year's round from seed 001's plan, correcting a date on the way;
/// a reviewer then sees on the review when each measure is assessed.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_administrator_opens_a_round_and_reviewers_see_when_each_measure_is_due() {
    let app = TestApp::spawn_serving(built_app()).await;
    app.add_ics_and_trust().await;
    let browser = Browser::start().await;
    sign_in(&browser, &app).await;
    browser.goto(&app.url("/")).await;
    browser.find_text("main a", "Assessment rounds").await.click().await.unwrap();
    browser.find_text("h1", "Assessment rounds").await;
    browser.find_text("#no-rounds", "No assessment round has been opened yet.").await;
    // The form starts from seed 001's plan for this year: its phase 2 is Smart foundations and
    // Well led. Open the 2030/31 round, with a date typed wrong first.
    wait_for_value(&browser, "#phase-1-name", "Phase 2: Ensure smart foundations and Well led").await;
    browser.fill("#period", "2030/31").await;
    for (slot, opens, closes) in [(0, "2030", "2031"), (1, "2030", "2031"), (2, "2031", "2031")] {
        browser.fill(&format!("#phase-{slot}-opens-year"), opens).await;
        browser.fill(&format!("#phase-{slot}-closes-year"), closes).await;
    }
    browser.fill("#phase-1-closes-month", "13").await;
    browser.assert_accessible("The rounds page").await;
    browser.assert_usable_on_a_phone("The rounds page").await;
    browser.click_button("Open the round").await;
    browser.find_text(".nhsuk-error-summary", "The date phase 2 closes must be a real date").await;
    browser.assert_accessible("The rounds page with an error").await;
    wait_for_value(&browser, "#period", "2030/31").await;
    browser.fill("#phase-1-closes-month", "1").await;
    browser.click_button("Open the round").await;
    browser.find_text("#form-notice", "The 2030/31 round is open.").await;
    browser.find_text("main table", "16 December 2030").await;
    browser.find_text("main table", "26 January 2031").await;
    browser.screenshot("rounds").await;

    // The reviewer of a 2030/31 review sees each measure's phase and dates in the task list.
    let review = app.start_review("RR8", "2030/31", "peer-review", &["lead@example.nhs.uk"]).await;
    browser.goto(&app.url(&format!("/reviews/{review}"))).await;
    browser
        .find_text(
            "#task-list-1-hint",
            "Phase 2: Ensure smart foundations and Well led, 16 December 2030 to 26 January 2031",
        )
        .await;
    browser
        .find_text(
            "#task-list-4-hint",
            "Phase 1: Support people, with the acute EPR survey, 10 September 2030",
        )
        .await;
    browser.assert_accessible("The review with its round's dates").await;

    // The organisation's own self-assessment for the year is beside the peer reviewer's form.
    let insider = app.signed_in_as("Ina Insider", "ina@example.nhs.uk", &["reviewer", "organisation:RR8"]);
    let own = serde_json::json!({"organisation": "RR8", "period": "2030/31", "kind": "self-assessment", "reviewers": ["ina@example.nhs.uk"]});
    let own_id =
        wgll_tests::json(app.post("/api/reviews", &own).await, 201).await["id"].as_str().unwrap().to_owned();
    let saved =
        serde_json::json!({"level": 4, "rationale": "The board reviews digital every quarter", "version": 0});
    wgll_tests::json(insider.put(&format!("/api/reviews/{own_id}/measures/1"), &saved).await, 200).await;
    browser.goto(&app.url(&format!("/reviews/{review}/measures/1"))).await;
    browser.find_text("#deadline", "16 December 2030 to 26 January 2031").await;
    browser.find("#self-assessment summary").await.click().await.unwrap();
    browser.find_text("#self-assessment", "Level 4 – Managed, recorded by ina@example.nhs.uk").await;
    browser.find_text("#self-assessment", "The board reviews digital every quarter").await;
    browser.assert_accessible("The measure with the organisation's self-assessment beside it").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organisation_uploads_its_evidence_and_its_reviewer_opens_it() {
    let app = TestApp::spawn_serving(built_app()).await;
    // A 2025/26 peer review of RR8, with the default user (an administrator) as its reviewer.
    app.add_ics_and_trust_with_a_review(&[wgll_tests::LEAD_REVIEWER]).await;
    let browser = Browser::start().await;
    browser.goto(&app.url("/organisations")).await;
    sign_in(&browser, &app).await;

    let files = tempfile::tempdir().unwrap();
    let png = files.path().join("Ward dashboard.png");
    std::fs::write(&png, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82").unwrap();
    let program = files.path().join("setup.pdf");
    std::fs::write(&program, b"MZ\x90\x00 not a PDF").unwrap();

    browser.goto(&app.url("/organisations/RR8/evidence/2025-26")).await;
    browser.find_text("main", "No documents have been uploaded for 2025/26 yet.").await;
    browser.assert_accessible("The evidence page").await;

    // A file that is not what its name says: the error summary and the field say so.
    browser.find("#file").await.send_keys(&program.display().to_string()).await.unwrap();
    browser.click_button("Upload").await;
    browser.find_text(".nhsuk-error-summary", "its contents are not what its name says").await;
    browser.find_text("#file-error", "setup.pdf").await;
    browser.assert_accessible("The evidence page with an error").await;

    browser.find("#file").await.send_keys(&png.display().to_string()).await.unwrap();
    browser.click_button("Upload").await;
    browser.find_text("#form-notice", "“Ward dashboard.png” was uploaded.").await;
    browser.find_text("td", "PNG image").await;
    browser.screenshot("evidence").await;

    // From the review, its reviewer follows the link to the evidence and opens the document:
    // the app fetches a signed link with the token and follows it to the bucket.
    let review = app.get("/api/organisations/RR8/reviews").await.json::<serde_json::Value>().await.unwrap();
    let id = review[0]["id"].as_str().unwrap().to_owned();
    browser.goto(&app.url(&format!("/reviews/{id}"))).await;
    browser.find_text("a", "evidence for 2025/26").await.click().await.unwrap();
    browser.wait_for_path(|path| path == "/organisations/RR8/evidence/2025-26").await;
    browser.click_button("Open").await;
    let opened = browser
        .wait_for_path(|path| path.starts_with(&format!("/{}/RR8/2025-26/", app.config.evidence_bucket)))
        .await;
    let url = browser.client.current_url().await.unwrap();
    assert!(url.query().unwrap_or_default().contains("X-Amz-Signature="), "{opened}: {url}");
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_person_sees_their_work_and_what_is_new_until_they_have_looked() {
    let app = TestApp::spawn_serving(built_app()).await;
    app.add_ics_and_trust().await;
    let browser = Browser::start().await;
    sign_in(&browser, &app).await;
    // On no review yet: the page says what to do.
    browser.goto(&app.url("/")).await;
    browser.find_text("main a", "Your work").await.click().await.unwrap();
    browser.find_text("h1", "Your work").await;
    browser.find_text("#no-reviews", "You are not on any review").await;
    browser.assert_accessible("Your work, with nothing on it").await;

    // Another administrator makes them the lead reviewer of a peer review of Leeds.
    let ada = app.signed_in_as("Ada Admin", "ada@example.nhs.uk", &["administrator"]);
    let body = serde_json::json!({"organisation": "RR8", "period": "2025/26", "kind": "peer-review", "reviewers": ["lead@example.nhs.uk"]});
    let id =
        wgll_tests::json(ada.post("/api/reviews", &body).await, 201).await["id"].as_str().unwrap().to_owned();
    browser.goto(&app.url("/my-work")).await;
    let added =
        "You were added as a reviewer of the peer review of Leeds Teaching Hospitals NHS Trust for 2025/26.";
    browser.find_text("#events li[data-new]", added).await;
    browser.find_text("#events li[data-new]", "By Ada Admin").await;
    browser.find_text(&format!("#review-{id}"), "Lead reviewer").await;
    browser.assert_accessible("Your work").await;
    browser.assert_usable_on_a_phone("Your work").await;
    browser.screenshot("my-work").await;

    // Looked at once, it is no longer new; its links lead to the work.
    browser.goto(&app.url("/")).await;
    browser.find_text("main a", "Your work").await.click().await.unwrap();
    browser.find_text("#events li", added).await;
    wait_until_gone(&browser, "#events li[data-new]").await;
    browser.find_text(&format!("#review-{id} a"), "Accept the review").await.click().await.unwrap();
    browser.wait_for_path(|path| path == format!("/reviews/{id}/acceptance")).await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_organisation_records_its_tech_spend_and_its_ics_sees_where_it_stands() {
    use wgll_shared::framework::Variant::Organisation;
    let app = TestApp::spawn_serving(built_app()).await;
    app.add_two_icss_and_their_trusts().await;
    app.publish_peer_review("RR8", Organisation, "2025/26", [2, 2, 2, 3, 2, 2, 1]).await;
    wgll_tests::funding::record_population(&app, "RR8", 612_345).await;
    for (ods, budget, revenue) in [("RXF", "100,000,000", "3,000,000"), ("RTD", "200,000,000", "8,000,000")] {
        let body = serde_json::json!({"budget": budget, "lines": [{"category": "cloud-and-data-centres", "revenue": revenue}], "version": 0});
        wgll_tests::json(app.put(&format!("/api/organisations/{ods}/tech-spend/2025-26"), &body).await, 200)
            .await;
    }
    let browser = Browser::start().await;
    sign_in(&browser, &app).await;
    browser.goto(&app.url("/organisations/RR8")).await;
    browser.find_text("main a", "Tech spend").await.click().await.unwrap();
    browser.wait_for_path(|path| path == "/organisations/RR8/tech-spend").await;
    browser.find_text("#no-spend", "No tech spend has been recorded for").await;
    browser.select("#period", "2025/26").await;
    browser.click_button("Show").await;
    browser.find_text("h1", "Tech spend, 2025/26").await;
    // Without a budget the form says what to fix, keeping what was typed.
    browser.fill("#applications-capital", "1,200,000.50").await;
    browser.click_button("Save the tech spend").await;
    browser.find_text(".nhsuk-error-summary", "Enter the organisation’s total budget for the year").await;
    browser.assert_accessible("The tech spend form with an error").await;
    wait_for_value(&browser, "#applications-capital", "1,200,000.50").await;
    browser.fill("#budget", "245,000,000").await;
    browser.fill("#applications-revenue", "3,400,000").await;
    browser.fill("#local-cybersecurity-revenue", "250,000.25").await;
    browser.click_button("Save the tech spend").await;
    browser.find_text("#form-notice", "You saved the 2025/26 tech spend: £4,850,000.75.").await;
    browser.find_text("#spend-summary", "1.98%").await;
    browser.find_text("#spend-totals", "£3,650,000.25").await;
    browser.find_text("#benchmark", "median 3.00%, middle half 2.49% to 3.50%").await;
    browser.find_text("#under-invested-and-low", "Under-invested and low maturity").await;
    browser.assert_accessible("An organisation's tech spend").await;
    browser.assert_usable_on_a_phone("An organisation's tech spend").await;
    browser.screenshot("tech-spend").await;

    // Its ICS sees where under-investment and low maturity meet.
    browser.goto(&app.url("/ics/QWO/tech-spend?period=2025/26")).await;
    browser.find_text("#both-list", "Leeds Teaching Hospitals NHS Trust (RR8)").await;
    browser.find_text("#ics-spend", "Under-invested").await;
    browser.assert_accessible("An ICS's tech spend").await;
    browser.assert_usable_on_a_phone("An ICS's tech spend").await;
    browser.screenshot("ics-tech-spend").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_s_bid_goes_from_application_to_the_review_board_to_the_benefits_it_brings() {
    let app = TestApp::spawn_serving(built_app()).await;
    app.add_ics_and_trust().await;
    // A fund of this financial year, open for another month.
    let today = date_from_today(0);
    let year = wgll_shared::period::Period::containing(today.year() as u16, today.month()).to_string();
    let mut fund = wgll_tests::funding::new_fund("frontline", "strategic-investment", &[2]);
    fund["closingDate"] = serde_json::json!(date_from_today(30).to_string());
    fund["period"] = serde_json::json!(year);
    // £1m: £800,000 capital and £200,000 revenue.
    (fund["total"], fund["capital"], fund["revenue"]) =
        (100_000_000.into(), 80_000_000.into(), 20_000_000.into());
    let path = format!("/api/funding/{}/funds", year.replace('/', "-"));
    wgll_tests::json(app.post(&path, &fund).await, 201).await;
    let browser = Browser::start().await;
    sign_in(&browser, &app).await;
    browser.goto(&app.url("/organisations/RR8")).await;
    browser.find_text("main a", "Bids for funding").await.click().await.unwrap();
    browser.find_text("#no-bids", "There are no bids yet.").await;
    browser.select("#period", &year).await;
    browser.click_button("Start a bid").await;
    browser.find_text("#form-notice", &format!("You started a bid for {year}")).await;
    browser.find_text("#bids a", "A bid not yet described").await.click().await.unwrap();
    browser.find_text("h1", "A bid not yet described").await;
    // Typed, then saved a moment later without pressing anything.
    browser.fill("#purpose", "A shared care record for community teams").await;
    browser.fill("#amount-frontline-capital", "250,000").await;
    browser.fill("#benefits", "Notes no longer lost between teams").await;
    browser.find_text("[data-autosave-status]", "Saved at").await;
    browser.assert_accessible("A draft bid").await;
    browser.assert_usable_on_a_phone("A draft bid").await;
    browser.screenshot("bid-draft").await;
    browser.client.refresh().await.unwrap();
    wait_for_value(&browser, "#amount-frontline-capital", "250,000.00").await;
    browser.find_text("h1", "A shared care record for community teams").await;
    // Saved from elsewhere meanwhile: the next autosave says so rather than overwrite it.
    let bids = wgll_tests::json(app.get("/api/organisations/RR8/bids").await, 200).await;
    let path = format!("/api/organisations/RR8/bids/{}", bids[0]["id"].as_str().unwrap());
    let elsewhere = serde_json::json!({
        "purpose": "A shared care record for community teams", "version": bids[0]["version"],
        "lines": [{"fund": "frontline", "capital": "250,000"}], "benefits": "Saved from another tab",
    });
    wgll_tests::json(app.put(&path, &elsewhere).await, 200).await;
    browser.fill("#benefits", "Notes no longer lost between teams, and fewer repeated tests").await;
    browser.find_text("[data-autosave-status]", "Not saved. ").await;
    browser.find_text("[data-autosave-status]", "saved elsewhere").await;
    browser.client.refresh().await.unwrap();
    wait_for_value(&browser, "#benefits", "Saved from another tab").await;
    browser.click_button("Submit the bid").await;
    browser.find_text("#form-notice", "You submitted the bid: £250,000.00 asked of the review board.").await;
    browser.find_text("#bid-lines", "The frontline fund: capital £250,000.00").await;
    browser.find_text(".nhsuk-inset-text", "The review board has not decided it yet.").await;
    browser.assert_accessible("A submitted bid").await;

    // The review board (the same person is an administrator) finds it from the funding page.
    browser.goto(&app.url(&format!("/funding?period={year}"))).await;
    browser.find_text("#board-links a", "Review board").await.click().await.unwrap();
    browser.wait_for_path(|path| path == "/review-board").await;
    browser.find_text("[data-fund=frontline]", "No published review (need counts as 3)").await;
    browser.assert_accessible("The review board").await;
    browser.assert_usable_on_a_phone("The review board").await;
    browser.screenshot("review-board").await;
    browser
        .find_text("[data-fund=frontline] a", "A shared care record for community teams")
        .await
        .click()
        .await
        .unwrap();
    browser.find_text("#asked", "The frontline fund: £250,000.00 capital, £0.00 revenue").await;
    // Declining without a reason says what to fix; then approved in part, with a reason.
    browser.find("#strategicFit-4").await.click().await.unwrap();
    browser.find("#valueForMoney-3").await.click().await.unwrap();
    browser.find("#outcome-decline").await.click().await.unwrap();
    browser.click_button("Record the decision").await;
    browser.find_text(".nhsuk-error-summary", "Say why, for the applicant: they will see it").await;
    browser.assert_accessible("A decision with an error").await;
    browser.find("#outcome-approve-in-part").await.click().await.unwrap();
    browser.fill("#amount-frontline-capital", "200,000").await;
    browser.fill("#reason", "The first phase now: bid again for the rest").await;
    browser.click_button("Record the decision").await;
    browser.find_text("#form-notice", "The decision is recorded: approved in part.").await;
    browser.find_text("#decision", "Approve in part, £200,000.00").await;
    browser
        .find_text("#decision", "4 for strategic fit, 3 for value for money, 3 for maturity need: 10 of 15")
        .await;
    browser.assert_accessible("A decided bid, for the board").await;
    browser.assert_usable_on_a_phone("A decided bid, for the board").await;
    browser.screenshot("review-board-decision").await;
    browser.goto(&app.url(&format!("/review-board/fairness?period={year}"))).await;
    browser.find_text("#by-ics", "West Yorkshire ICS").await;
    browser.find_text("#by-ics", "80.00%").await;
    browser.assert_accessible("Where the approvals went").await;
    browser.assert_usable_on_a_phone("Where the approvals went").await;
    browser.screenshot("review-board-fairness").await;

    // The applicant sees the decision and why, and the money on its funding page.
    browser.goto(&app.url(&format!("/organisations/RR8/bids/{}", bids[0]["id"].as_str().unwrap()))).await;
    browser.find_text("#board-decision", "Approved in part on").await;
    browser.find_text("#board-decision", "The first phase now: bid again for the rest").await;
    browser.goto(&app.url(&format!("/organisations/RR8/funding?period={year}"))).await;
    browser.find_text("#approved-bids", "The frontline fund").await;
    browser.find_text("#approved-bids-total", "£200,000.00").await;
    browser.assert_accessible("An organisation's funding with an approved bid").await;

    // From the decided bid to the benefits it is to bring, and what was realised.
    browser.goto(&app.url(&format!("/organisations/RR8/bids/{}", bids[0]["id"].as_str().unwrap()))).await;
    browser.find_text("#board-decision + p a", "Record the benefits").await.click().await.unwrap();
    browser.wait_for_path(|path| path == "/organisations/RR8/benefits").await;
    browser.find_text("h2", "A shared care record for community teams").await;
    let due = date_from_today(90);
    browser.fill("#description", "Agency staff no longer needed to chase notes").await;
    browser.find("#kind").await.click().await.unwrap(); // cash-releasing, the first
    browser.find("#unit").await.click().await.unwrap(); // pounds, the first
    browser.fill("#baseline", "0").await;
    browser.fill("#target", "60,000").await;
    fill_date(&browser, "due", due).await;
    browser.click_button("Add the benefit").await;
    browser
        .find_text("#form-notice", "You added the benefit “Agency staff no longer needed to chase notes”")
        .await;
    record_value_realised(&browser, "25,000", None).await;
    browser.find_text(".nhsuk-tag", "On track").await;
    browser.assert_accessible("The benefits of an approved bid").await;
    browser.assert_usable_on_a_phone("The benefits of an approved bid").await;
    browser.screenshot("bid-benefits").await;
    browser.close().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_lead_adds_a_benefit_to_a_funded_line_records_what_was_realised_and_its_ics_sees_it() {
    let app = TestApp::spawn_serving(built_app()).await;
    app.add_two_icss_and_their_trusts().await;
    // The access fund's 2025/26 allocation: £5.00 to Leeds (RR8).
    wgll_tests::funding::set_up(&app).await;
    let browser = Browser::start().await;
    sign_in(&browser, &app).await;
    browser.goto(&app.url("/organisations/RR8")).await;
    browser.find_text("main a", "Benefits, planned and realised").await.click().await.unwrap();
    browser.wait_for_path(|path| path == "/organisations/RR8/benefits").await;
    browser.select("#period", "2025/26").await;
    browser.click_button("Show").await;
    browser.find_text("h2", "The access-fund fund").await;
    browser.find_text("#benefits-summary", "2025/26: 0 benefits").await;

    // A reduced risk measured as a count: the form says what to fix, keeping what was typed.
    let due = date_from_today(60);
    browser.fill("#description", "The chance of a catastrophic EPR failure").await;
    browser.find("#kind-risk-reduction").await.click().await.unwrap();
    browser.find("#unit-count").await.click().await.unwrap();
    browser.fill("#baseline", "1").await;
    browser.fill("#target", "0.1").await;
    fill_date(&browser, "due", due).await;
    browser.click_button("Add the benefit").await;
    browser.find_text(".nhsuk-error-summary", "A reduced risk is a chance: measure it in per cent").await;
    browser.assert_accessible("The add-a-benefit form with an error").await;
    wait_for_value(&browser, "#target", "0.1").await;
    browser.find("#unit-percent").await.click().await.unwrap();
    browser.click_button("Add the benefit").await;
    browser
        .find_text("#form-notice", "You added the benefit “The chance of a catastrophic EPR failure”")
        .await;
    browser.find_text("main dl", &format!("From 1% to 0.1% by {}", due.in_words())).await;
    browser.find_text(".nhsuk-tag", "Not yet").await;

    // Half-way there today: on track.
    record_value_realised(&browser, "0.55%", Some("From the resilience test")).await;
    browser
        .find_text(
            "#form-notice",
            "You recorded 0.55% for “The chance of a catastrophic EPR failure”: on track.",
        )
        .await;
    browser.find_text(".nhsuk-tag", "On track").await;
    browser.find_text("main dl", "0.55% on").await;
    browser.assert_accessible("An organisation's benefits").await;
    browser.assert_usable_on_a_phone("An organisation's benefits").await;
    browser.screenshot("benefits").await;

    // Its ICS sees it among its members'.
    browser.goto(&app.url("/ics/QWO/benefits")).await;
    browser.find_text("#ics-benefits-summary", "1 benefit: 0 met, 1 on track, 0 not yet, 0 overdue.").await;
    browser.find_text("#ics-benefits", "Leeds Teaching Hospitals NHS Trust (RR8)").await;
    browser.assert_accessible("An ICS's benefits").await;
    browser.assert_usable_on_a_phone("An ICS's benefits").await;
    browser.screenshot("ics-benefits").await;
    browser.close().await;
}
