//! Draft → Submitted → Moderated → Published, with the conditions and the people each step needs,
//! and every change in the review's history.

use serde_json::json;
use wgll_tests::{LEAD_REVIEWER, TestApp, json};

const SECOND: &str = "second@example.nhs.uk";

#[tokio::test]
async fn a_review_is_submitted_moderated_published_and_reopened_by_the_right_people() {
    let app = TestApp::spawn().await;
    let id = app.add_ics_and_trust_with_a_review(&[LEAD_REVIEWER, SECOND]).await;

    // Submission needs every measure completed.
    let problem = json(app.request_status_change(&id, "submit", "").await, 422).await;
    assert_eq!(problem["errors"].as_array().unwrap().len(), 7);
    assert!(
        problem["errors"][0]["message"].as_str().unwrap().contains("Complete the assessment of “Well led”")
    );
    app.complete_every_measure(&id).await;
    let second = app.signed_in_as("Second", SECOND, &["reviewer"]);
    let version = app.review_version(&id).await;
    let by_second = second
        .post(&format!("/api/reviews/{id}/status"), &json!({"transition": "submit", "version": version}))
        .await;
    json(by_second, 403).await;
    let submitted = json(app.request_status_change(&id, "submit", "").await, 200).await;
    assert_eq!(submitted["status"], "submitted");

    // Submitted assessments are frozen; the lead records agreed levels.
    let frozen = app.put(&format!("/api/reviews/{id}/measures/1"), &json!({"level": 1, "version": 1})).await;
    assert!(json(frozen, 409).await["detail"].as_str().unwrap().contains("submitted"));
    json(app.request_status_change(&id, "moderate", "").await, 422).await;
    json(
        second.put(&format!("/api/reviews/{id}/measures/1/agreed"), &json!({"level": 4, "version": 0})).await,
        403,
    )
    .await;
    for measure in 1..=7 {
        let body = json!({"level": 5, "note": "Agreed at the moderation meeting", "version": 0});
        json(app.put(&format!("/api/reviews/{id}/measures/{measure}/agreed"), &body).await, 200).await;
    }
    let stale = json!({"level": 4, "version": 0});
    json(app.put(&format!("/api/reviews/{id}/measures/1/agreed"), &stale).await, 409).await;
    let detail = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    assert_eq!(detail["agreed"].as_array().unwrap().len(), 7);
    assert_eq!(detail["agreed"][0]["agreedBy"], LEAD_REVIEWER);

    assert_eq!(json(app.request_status_change(&id, "moderate", "").await, 200).await["status"], "moderated");
    // A peer review goes to its region before it is published.
    let early = json(app.request_status_change(&id, "publish", "").await, 409).await;
    assert!(early["detail"].as_str().unwrap().contains("This review is now moderated"), "{early}");
    assert_eq!(json(app.request_status_change(&id, "confirm", "").await, 200).await["status"], "provisional");
    app.confirm_facts(&id, "RR8").await;
    assert_eq!(json(app.request_status_change(&id, "publish", "").await, 200).await["status"], "published");
    json(
        app.put(&format!("/api/reviews/{id}/measures/1/agreed"), &json!({"level": 3, "version": 1})).await,
        409,
    )
    .await;

    // Only an administrator reopens, and says why.
    let lead_only = app.signed_in_as("Lead", LEAD_REVIEWER, &["reviewer"]);
    let version = app.review_version(&id).await;
    json(
        lead_only
            .post(
                &format!("/api/reviews/{id}/status"),
                &json!({"transition": "reopen", "reason": "x", "version": version}),
            )
            .await,
        403,
    )
    .await;
    assert_eq!(
        json(app.request_status_change(&id, "reopen", " ").await, 422).await["errors"][0]["field"],
        "reason"
    );
    let reopened =
        json(app.request_status_change(&id, "reopen", "The trust supplied new evidence").await, 200).await;
    assert_eq!(reopened["status"], "draft");

    // A stale version is refused.
    let stale = json!({"transition": "submit", "version": 1});
    json(app.post(&format!("/api/reviews/{id}/status"), &stale).await, 409).await;

    let history = json(app.get(&format!("/api/reviews/{id}/history")).await, 200).await;
    let summaries: Vec<&str> = history
        .as_array()
        .unwrap()
        .iter()
        .filter(|entry| entry["action"] == "status-changed")
        .map(|entry| entry["summary"].as_str().unwrap())
        .collect();
    // Submit, moderate, confirm (its region), publish, reopen.
    assert_eq!(summaries.len(), 5);
    assert!(
        summaries[4].contains("Published → Draft. Reason: The trust supplied new evidence"),
        "{summaries:?}"
    );
}

#[tokio::test]
async fn the_lead_saves_every_agreed_level_together_or_none_of_them() {
    let app = TestApp::spawn().await;
    let id = app.add_ics_and_trust_with_a_review(&[LEAD_REVIEWER, SECOND]).await;
    let path = format!("/api/reviews/{id}/agreed");
    let every = |level: u64| {
        json!({"levels": (1..=7).map(|measure| json!({
            "measure": measure, "level": level, "note": "Agreed at the panel", "version": 0,
        })).collect::<Vec<_>>()})
    };
    let agreed_now = |detail: &serde_json::Value| -> Vec<(u64, u64, u64)> {
        detail["agreed"]
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
            .collect()
    };
    let levels_agreed_entries = || async {
        let history = json(app.get(&format!("/api/reviews/{id}/history")).await, 200).await;
        history
            .as_array()
            .unwrap()
            .iter()
            .filter(|entry| entry["action"] == "levels-agreed")
            .map(|entry| entry["summary"].as_str().unwrap().to_owned())
            .collect::<Vec<_>>()
    };

    // Only while the review is submitted, and only by its lead.
    let draft = json(app.put(&path, &every(3)).await, 409).await;
    assert!(draft["detail"].as_str().unwrap().contains("it is draft"), "{draft}");
    app.complete_every_measure(&id).await;
    app.change_status(&id, "submit").await;
    let second = app.signed_in_as("Second", SECOND, &["reviewer"]);
    json(second.put(&path, &every(3)).await, 403).await;

    // One invalid entry refuses the whole save, naming each field; nothing is written.
    let mut invalid = every(3);
    invalid["levels"][1]["level"] = json!(0);
    invalid["levels"][4]["note"] = json!("x".repeat(5_001));
    let problem = json(app.put(&path, &invalid).await, 422).await;
    let errors: Vec<(&str, &str)> = problem["errors"]
        .as_array()
        .unwrap()
        .iter()
        .map(|error| (error["field"].as_str().unwrap(), error["message"].as_str().unwrap()))
        .collect();
    assert_eq!(
        errors,
        [
            ("levels[1].level", "Choose the agreed level for “Ensure smart foundations”, from 1 to 5"),
            (
                "levels[4].note",
                "The note for “Empower citizens” must be 5000 characters or fewer (it is 5001)"
            ),
        ]
    );
    let mut unknown = every(3);
    unknown["levels"][0]["agreedBy"] = json!("someone.else@example.nhs.uk");
    let problem = json(app.put(&path, &unknown).await, 400).await;
    assert!(problem["detail"].as_str().unwrap().contains("unknown field `agreedBy`"), "{problem}");
    let detail = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    assert_eq!(agreed_now(&detail), []);
    assert_eq!(levels_agreed_entries().await, Vec::<String>::new());

    // All seven together: one transaction, one history entry.
    let saved = json(app.put(&path, &every(4)).await, 200).await;
    assert_eq!(saved.as_array().unwrap().len(), 7);
    assert_eq!(saved[6]["agreedBy"], LEAD_REVIEWER);
    let detail = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    assert_eq!(
        agreed_now(&detail),
        [(1, 4, 1), (2, 4, 1), (3, 4, 1), (4, 4, 1), (5, 4, 1), (6, 4, 1), (7, 4, 1)]
    );
    assert_eq!(detail["agreed"][0]["note"], "Agreed at the panel");
    assert_eq!(
        levels_agreed_entries().await,
        [
            "Agreed levels for 7 measures: measure 1 level 4 – Managed (version 1); measure 2 level 4 – Managed (version 1); measure 3 level 4 – Managed (version 1); measure 4 level 4 – Managed (version 1); measure 5 level 4 – Managed (version 1); measure 6 level 4 – Managed (version 1); measure 7 level 4 – Managed (version 1)"
        ]
    );

    // Changing some later names each one's version; one stale version refuses them all.
    let stale = json!({"levels": [
        {"measure": 1, "level": 3, "version": 1},
        {"measure": 2, "level": 2, "version": 0},
    ]});
    let problem = json(app.put(&path, &stale).await, 409).await;
    assert!(problem["detail"].as_str().unwrap().contains("none of these were saved"), "{problem}");
    let far_future = json!({"levels": [{"measure": 4, "level": 3, "version": u64::MAX}]});
    json(app.put(&path, &far_future).await, 409).await;
    let detail = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    assert_eq!(agreed_now(&detail)[..2], [(1, 4, 1), (2, 4, 1)], "measure 1 kept its level too");
    let fresh = json!({"levels": [
        {"measure": 1, "level": 3, "version": 1},
        {"measure": 2, "level": 2, "version": 1},
    ]});
    json(app.put(&path, &fresh).await, 200).await;
    let detail = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    assert_eq!(agreed_now(&detail)[..3], [(1, 3, 2), (2, 2, 2), (3, 4, 1)]);
    // The single-measure save still works beside it, on the same versions.
    json(
        app.put(&format!("/api/reviews/{id}/measures/3/agreed"), &json!({"level": 5, "version": 1})).await,
        200,
    )
    .await;
    assert_eq!(levels_agreed_entries().await.len(), 2);

    // Once moderated, they are fixed.
    assert_eq!(json(app.request_status_change(&id, "moderate", "").await, 200).await["status"], "moderated");
    json(app.put(&path, &every(2)).await, 409).await;
}

/// The review page's forms, as the app posts them: the lead's agreed levels (only what changed is
/// saved, the errors named by the page's fields, nothing written on a refusal) and the lifecycle's
/// steps (publishing only once confirmed).
#[tokio::test]
async fn the_review_page_s_forms_save_the_agreed_levels_and_take_the_steps() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    // A self-assessment: its lead publishes it once moderated.
    let id = app.start_review("RR8", "2025/26", "self-assessment", &[LEAD_REVIEWER]).await;
    app.complete_every_measure(&id).await;
    let lead = app.acting_as(app.token.clone());
    let page = format!("/api/views/reviews/{id}");
    let steps = format!("{page}/status");
    let agreed = format!("{page}/agreed");
    let text = |response: reqwest::Response| async move {
        (response.status().as_u16(), response.text().await.unwrap())
    };
    let detail = || async { json(app.get(&format!("/api/reviews/{id}")).await, 200).await };
    let version = || async { detail().await["review"]["version"].as_u64().unwrap() };

    let v = version().await;
    let (status, html) = text(lead.post_form(&steps, &format!("transition=submit&version={v}")).await).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("The review is now submitted."), "{html}");
    assert!(html.contains("This review is submitted."));

    // What the reviewer chose (5) is proposed; the lead agrees 3 for every measure.
    let (_, html) = text(app.get(&page).await).await;
    assert!(html.contains(r#"<option value="5" selected>5 – Leading</option>"#), "{html}");
    let every: String =
        (1..=7).map(|n| format!("agreed-{n}=3&agreed-note-{n}=&agreed-version-{n}=0&")).collect();
    // A field the form does not have is refused, and nothing is saved.
    let (status, html) = text(lead.post_form(&agreed, &format!("{every}agreedBy=x")).await).await;
    assert_eq!(status, 422, "{html}");
    assert!(html.contains("This form has no field “agreedBy”"), "{html}");
    // A level left out is named by its field, what was typed kept, and nothing is saved.
    let missing =
        every.replacen("agreed-7=3", "agreed-7=", 1).replacen("agreed-note-7=", "agreed-note-7=Panel", 1);
    let (status, html) = text(lead.post_form(&agreed, &missing).await).await;
    assert_eq!(status, 422);
    assert!(
        html.contains(
            r##"<a href="#agreed-7">Choose the agreed level for “Healthy populations”, from 1 to 5</a>"##
        ),
        "{html}"
    );
    assert!(html.contains(r#"id="agreed-note-7" name="agreed-note-7" value="Panel""#), "{html}");
    assert_eq!(detail().await["agreed"], json!([]), "nothing saved");
    // The page as it is: all seven saved together.
    let (status, html) = text(lead.post_form(&agreed, &every).await).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("The agreed levels are saved."));
    assert!(html.contains(r#"<p class="nhsuk-body-s" id="recorded-7">Recorded: 3 – Defined</p>"#), "{html}");
    assert_eq!(detail().await["agreed"].as_array().unwrap().len(), 7);
    // The same again changes nothing, and says so.
    let (status, html) = text(lead.post_form(&agreed, &every).await).await;
    assert_eq!(status, 422);
    assert!(html.contains("Nothing to save: choose an agreed level, or change one, first"), "{html}");

    let v = version().await;
    let (_, html) = text(lead.post_form(&steps, &format!("transition=moderate&version={v}")).await).await;
    assert!(html.contains("The review is now moderated."), "{html}");
    let (status, html) = text(lead.post_form(&steps, "transition=no-such-step&version=1").await).await;
    assert_eq!(status, 422);
    assert!(html.contains("There is no step “no-such-step”"), "{html}");

    // Publishing asks first; cancelling leaves it moderated; confirming publishes it.
    let v = version().await;
    let (status, html) = text(lead.post_form(&steps, &format!("transition=publish&version={v}")).await).await;
    assert_eq!(status, 200);
    assert!(html.contains("Are you sure you want to publish this review?"), "{html}");
    assert_eq!(detail().await["review"]["status"], "moderated");
    let (_, html) = text(lead.post_form(&steps, "cancel=yes").await).await;
    assert!(!html.contains("Are you sure"), "{html}");
    assert!(html.contains("This review is moderated."));
    let confirmed = format!("transition=publish&version={v}&confirmed=yes");
    let (status, html) = text(lead.post_form(&steps, &confirmed).await).await;
    assert_eq!(status, 200, "{html}");
    assert!(html.contains("The review is now published."), "{html}");
    assert_eq!(detail().await["review"]["status"], "published");
}
