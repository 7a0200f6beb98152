//! "My work", against DynamoDB Local: each person sees the reviews they are on or whose
//! organisation they lead, what is due by when (from the round of the review's year), and what
//! happened since they last looked, the new marked until they look again.

use serde_json::{Value, json};
use wgll_tests::{ActingAs, LEAD_REVIEWER, TestApp, json};

const RHEA: &str = "rhea@example.nhs.uk";
/// A peer reviewer from Newcastle (RTD), so independent of Leeds (RR8).
const REVIEWER: &[&str] = &["reviewer", "organisation:RTD"];
const RR8_LEAD: &[&str] = &["organisation-lead:RR8"];

use wgll_tests::date_from_today as from_today;

/// The kinds of `who`'s events, newest first, each with whether it is new.
async fn events(who: &ActingAs<'_>) -> Vec<(String, bool)> {
    let work = json(who.get("/api/my-work").await, 200).await;
    work["events"]
        .as_array()
        .unwrap()
        .iter()
        .map(|seen| (seen["event"]["kind"].as_str().unwrap().to_owned(), seen["new"].as_bool().unwrap()))
        .collect()
}

fn kinds(listed: &[(String, bool)]) -> Vec<&str> {
    listed.iter().map(|(kind, _)| kind.as_str()).collect()
}

#[tokio::test]
async fn an_assigned_reviewer_sees_the_review_what_is_due_by_when_and_the_assignment_until_they_look() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    // The 2025/26 round: phase 1 (Support people) closed yesterday, phase 2 (Well led and Smart
    // foundations) is open for 30 more days, phase 3 opens in ten days.
    let round = json!({"period": "2025/26", "phases": [
        {"name": "Phase 1", "opens": from_today(-40).to_string(), "closes": from_today(-1).to_string(), "measures": [4]},
        {"name": "Phase 2", "opens": from_today(-5).to_string(), "closes": from_today(30).to_string(), "measures": [1, 2]},
        {"name": "Phase 3", "opens": from_today(10).to_string(), "closes": from_today(60).to_string(), "measures": [3, 5, 6, 7]},
    ]});
    json(app.post("/api/rounds", &round).await, 201).await;
    let id = app.start_review("RR8", "2025/26", "peer-review", &[LEAD_REVIEWER, RHEA]).await;
    let rhea = app.signed_in_as("Rhea Reviewer", RHEA, REVIEWER);

    let work = json(rhea.get("/api/my-work").await, 200).await;
    assert_eq!(work["reviews"].as_array().unwrap().len(), 1);
    let item = &work["reviews"][0];
    assert_eq!(item["reviewId"], id.as_str());
    assert_eq!(item["organisationName"], "Leeds Teaching Hospitals NHS Trust");
    assert_eq!((item["kind"].as_str(), item["period"].as_str()), (Some("peer-review"), Some("2025/26")));
    assert_eq!(item["status"], "draft");
    assert_eq!(item["roles"], json!(["reviewer"]));
    // She accepts first; phase 1's measure was due yesterday; phase 2's are due in 30 days;
    // phase 3 has not opened.
    assert_eq!(
        item["due"],
        json!([
            {"kind": "accept", "overdue": false},
            {"kind": "assess", "phase": "Phase 1", "measures": [4], "by": from_today(-1).to_string(), "overdue": true},
            {"kind": "assess", "phase": "Phase 2", "measures": [1, 2], "by": from_today(30).to_string(), "overdue": false},
        ])
    );
    assert_eq!(work["events"].as_array().unwrap().len(), 1);
    let assigned = &work["events"][0];
    assert_eq!(assigned["new"], true);
    assert_eq!(assigned["event"]["kind"], "assigned");
    assert_eq!(assigned["event"]["reviewId"], id.as_str());
    assert_eq!(assigned["event"]["by"], "Lead Reviewer");
    assert_eq!(work.get("lastSeen"), None, "her first visit");

    // She has looked now: the page shows the same, with nothing new, the deadlines in words.
    let page = rhea.get("/api/views/my-work").await.text().await.unwrap();
    assert!(page.contains("You last looked on "), "{page}");
    assert!(!page.contains(">New</strong>"), "{page}");
    assert!(page.contains(
        "You were added as a reviewer of the peer review of Leeds Teaching Hospitals NHS Trust for 2025/26."
    ));
    assert!(page.contains("By Lead Reviewer, "), "{page}");
    assert!(page.contains(&format!(
        r#"(Phase 1) was due {} <strong class="nhsuk-tag nhsuk-tag--red">Overdue</strong>"#,
        from_today(-1).in_words()
    )));
    assert!(page.contains(&format!(
        r#"<a href="/reviews/{id}/measures/1">Well led</a> and <a href="/reviews/{id}/measures/2">Ensure smart foundations</a> (Phase 2) by {}"#,
        from_today(30).in_words()
    )));
    assert!(page.contains(&format!(r#"<a href="/reviews/{id}/acceptance">Accept the review</a>"#)));
    assert_eq!(events(&rhea).await, [("assigned".to_owned(), false)]);

    // Once she has accepted and completed Well led, only what she has not completed is hers to do.
    rhea.accept_review(&id).await;
    let saved =
        rhea.put(&format!("/api/reviews/{id}/measures/1"), &wgll_tests::completed_assessment(1, 0)).await;
    json(saved, 200).await;
    let work = json(rhea.get("/api/my-work").await, 200).await;
    assert_eq!(
        work["reviews"][0]["due"],
        json!([
            {"kind": "assess", "phase": "Phase 1", "measures": [4], "by": from_today(-1).to_string(), "overdue": true},
            {"kind": "assess", "phase": "Phase 2", "measures": [2], "by": from_today(30).to_string(), "overdue": false},
        ])
    );

    // The lead, who started it, is told nothing of their own doing, and has it to submit by the
    // round's last day.
    let lead = app.acting_as(app.token.clone());
    let work = json(lead.get("/api/my-work").await, 200).await;
    assert_eq!(work["events"], json!([]));
    assert_eq!(work["reviews"][0]["roles"], json!(["lead-reviewer"]));
    let due = work["reviews"][0]["due"].as_array().unwrap();
    assert_eq!(
        due.last().unwrap(),
        &json!({"kind": "submit", "by": from_today(60).to_string(), "overdue": false})
    );

    // The lead of the organisation reviewed owns it, with nothing to do while it is a draft.
    let owner = app.signed_in_as("Olu Owner", "olu@example.nhs.uk", RR8_LEAD);
    let work = json(owner.get("/api/my-work").await, 200).await;
    assert_eq!(work["reviews"][0]["roles"], json!(["organisation-lead"]));
    assert_eq!(work["reviews"][0]["due"], json!([]));

    // Nobody else sees it: another reviewer, another organisation's lead.
    for (email, groups) in
        [("nia@example.nhs.uk", REVIEWER), ("rtd@example.nhs.uk", &["organisation-lead:RTD"][..])]
    {
        let other = app.signed_in_as("Other", email, groups);
        let work = json(other.get("/api/my-work").await, 200).await;
        assert_eq!((&work["reviews"], &work["events"]), (&json!([]), &json!([])), "{email}");
        let page = other.get("/api/views/my-work").await.text().await.unwrap();
        assert!(page.contains("You are not on any review, and no organisation you lead has one."), "{page}");
    }
    json(app.acting_as(None).get("/api/my-work").await, 401).await;
}

#[tokio::test]
async fn a_change_of_reviewers_tells_those_added_and_takes_the_review_off_those_removed() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    let id = app.start_review("RR8", "2025/26", "peer-review", &[LEAD_REVIEWER, RHEA]).await;
    let rhea = app.signed_in_as("Rhea Reviewer", RHEA, REVIEWER);
    let sam = app.signed_in_as("Sam Second", "sam@example.nhs.uk", REVIEWER);
    assert_eq!(json(sam.get("/api/my-work").await, 200).await["reviews"], json!([]));

    let body =
        json!({"reviewers": [LEAD_REVIEWER, "sam@example.nhs.uk"], "version": app.review_version(&id).await});
    json(app.put(&format!("/api/reviews/{id}/reviewers"), &body).await, 200).await;

    let work = json(sam.get("/api/my-work").await, 200).await;
    assert_eq!(work["reviews"][0]["reviewId"], id.as_str());
    assert_eq!(work["events"][0]["event"]["kind"], "assigned");
    assert_eq!(work["events"][0]["new"], true);
    let work = json(rhea.get("/api/my-work").await, 200).await;
    assert_eq!(work["reviews"], json!([]), "no longer on it");
    assert_eq!(kinds(&events(&rhea).await), ["assigned"], "what happened before stays");
}

#[tokio::test]
async fn returns_flags_answers_and_publication_reach_the_reviewers_and_the_organisations_leads() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    let id = app.start_review("RR8", "2025/26", "peer-review", &[LEAD_REVIEWER, RHEA]).await;
    let rhea = app.signed_in_as("Rhea Reviewer", RHEA, REVIEWER);
    let owner = app.signed_in_as("Olu Owner", "olu@example.nhs.uk", RR8_LEAD);
    let lead = app.acting_as(app.token.clone());
    assert_eq!(events(&rhea).await, [("assigned".to_owned(), true)]);

    // Submitted, then returned to draft by the lead: Rhea hears of it, the lead does not.
    app.complete_every_measure(&id).await;
    app.change_status(&id, "submit").await;
    assert_eq!(
        json(lead.get("/api/my-work").await, 200).await["reviews"][0]["due"],
        json!([{"kind": "moderate", "overdue": false}])
    );
    app.change_status(&id, "return-to-draft").await;
    assert_eq!(events(&rhea).await, [("returned".to_owned(), true), ("assigned".to_owned(), false)]);

    // Moderated and confirmed by its region (the default user, an administrator): provisional,
    // for the organisation to check by its last day.
    app.change_status(&id, "submit").await;
    for measure in 1..=7 {
        let body = json!({"level": 4, "note": "Agreed at the panel", "version": 0});
        json(app.put(&format!("/api/reviews/{id}/measures/{measure}/agreed"), &body).await, 200).await;
    }
    app.change_status(&id, "moderate").await;
    let confirmed = app.change_status(&id, "confirm").await;
    let until = confirmed["provisionalUntil"].as_str().unwrap().to_owned();
    let work = json(owner.get("/api/my-work").await, 200).await;
    assert_eq!(
        work["reviews"][0]["due"],
        json!([{"kind": "check-provisional", "by": until, "overdue": false}])
    );
    assert_eq!(kinds(&events(&owner).await), ["confirmed"]);

    // The organisation flags an error: the lead hears of it and has it to answer; the answer
    // goes to the organisation's leads.
    let flag = json!({"measure": 2, "text": "We have had a shared care record since 2023", "version": confirmed["version"]});
    let flagged = json(owner.post(&format!("/api/reviews/{id}/flags"), &flag).await, 200).await;
    let work = json(lead.get("/api/my-work").await, 200).await;
    assert_eq!(work["events"][0]["event"]["kind"], "flagged");
    assert_eq!(work["events"][0]["event"]["by"], "Olu Owner");
    assert_eq!(work["reviews"][0]["due"], json!([{"kind": "answer-flags", "flags": [1], "overdue": false}]));
    let answer = json!({"answer": "Corrected in the report", "version": flagged["version"]});
    let answered = json(lead.post(&format!("/api/reviews/{id}/flags/1/answer"), &answer).await, 200).await;
    let confirm = json!({"version": answered["version"]});
    json(owner.post(&format!("/api/reviews/{id}/facts-confirmed"), &confirm).await, 200).await;
    assert_eq!(
        json(lead.get("/api/my-work").await, 200).await["reviews"][0]["due"],
        json!([{"kind": "publish", "overdue": false}])
    );

    // Published: its reviewers and the organisation's leads hear of it.
    app.change_status(&id, "publish").await;
    let rhea_heard = events(&rhea).await;
    assert_eq!(kinds(&rhea_heard), ["published", "confirmed", "returned", "assigned"]);
    assert_eq!(rhea_heard.iter().filter(|(_, new)| *new).count(), 2, "the confirmation and publication");
    assert_eq!(kinds(&events(&owner).await), ["published", "answered", "confirmed"]);
    let owners_page = owner.get("/api/views/my-work").await.text().await.unwrap();
    assert!(owners_page.contains("Nothing: it is published."), "{owners_page}");
    assert!(
        owners_page
            .contains("The peer review of Leeds Teaching Hospitals NHS Trust for 2025/26 was published.")
    );
    // Another lead of the organisation hears of it too: the leads are told as one.
    let co_owner = app.signed_in_as("Cat Co-owner", "cat@example.nhs.uk", RR8_LEAD);
    let heard: Vec<(String, bool)> = events(&co_owner).await;
    assert_eq!(
        heard.iter().map(|(kind, new)| (kind.as_str(), *new)).collect::<Vec<_>>(),
        [("published", true), ("answered", true), ("confirmed", true)]
    );
    let lead_heard: Vec<Value> =
        json(lead.get("/api/my-work").await, 200).await["events"].as_array().unwrap().clone();
    assert_eq!(lead_heard.len(), 1, "the lead did the rest themself: {lead_heard:?}");
}

#[tokio::test]
async fn an_imported_review_is_on_each_of_its_reviewers_pages_even_the_largest_import() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let id = app.start_review("RR8", "2025/26", "self-assessment", &[LEAD_REVIEWER]).await;
    json(app.put(&format!("/api/reviews/{id}/measures/1"), &json!({"level": 2, "version": 0})).await, 200)
        .await;
    let mut export = json(app.get(&format!("/api/reviews/{id}/export.json")).await, 200).await;
    // The most one import may hold: 12 reviewers, each with all 7 measures, and 7 agreed levels.
    // With the review, its agreed levels' item, its audit entry and a pointer for each reviewer,
    // that is 1 + 84 + 1 + 1 + 12 = 99 items of one transaction (DynamoDB allows 100).
    let reviewers: Vec<String> = (1..=12).map(|n| format!("reviewer{n}@example.nhs.uk")).collect();
    let saved = export["measures"][0].clone();
    let mut measures = Vec::new();
    for reviewer in &reviewers {
        for measure in 1..=7 {
            let mut assessment = saved.clone();
            assessment["measure"] = json!(measure);
            assessment["reviewer"] = json!(reviewer);
            measures.push(assessment);
        }
    }
    export["review"]["reviewers"] = json!(reviewers);
    export["measures"] = json!(measures);
    export["agreed"] = json!(
        (1..=7)
            .map(|measure| json!({
                "measure": measure, "level": 3, "agreedBy": "reviewer1@example.nhs.uk", "version": 1,
                "updatedAt": "2026-01-05T09:00:00.000Z"
            }))
            .collect::<Vec<_>>()
    );
    let imported = json(app.post("/api/reviews/import", &export).await, 201).await;
    for reviewer in [&reviewers[0], &reviewers[11]] {
        let who = app.signed_in_as("Imported Reviewer", reviewer, &["reviewer"]);
        let work = json(who.get("/api/my-work").await, 200).await;
        assert_eq!(work["reviews"][0]["reviewId"], imported["id"], "{reviewer}");
        assert_eq!(work["events"], json!([]), "an import tells nobody: {reviewer}");
    }
}
