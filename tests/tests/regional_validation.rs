//! Regional validation and the provisional release, against DynamoDB Local: a moderated peer
//! review goes to its ICS's region, whose team sees its outliers and returns or confirms it; the
//! organisation then checks the provisional result, flags factual errors that the lead reviewer
//! answers, and the lead publishes once every flag is answered and the organisation confirmed.

use serde_json::{Value, json};
use wgll_tests::{LEAD_REVIEWER, TestApp, json};

const NEY_TEAM: &[&str] = &["region:north-east-and-yorkshire"];
const LONDON_TEAM: &[&str] = &["region:london"];

/// A 2025/26 peer review of RR8 (West Yorkshire, in North East and Yorkshire), moderated with
/// measure 1 agreed at 4 and the rest at 5, beside a self-assessment at level 2 for measure 1.
async fn moderated_peer_review(app: &TestApp) -> String {
    app.add_two_icss_and_their_trusts().await;
    let own = app.start_review("RR8", "2025/26", "self-assessment", &[LEAD_REVIEWER]).await;
    json(app.put(&format!("/api/reviews/{own}/measures/1"), &json!({"level": 2, "version": 0})).await, 200)
        .await;
    let id = app.start_review("RR8", "2025/26", "peer-review", &[LEAD_REVIEWER]).await;
    app.complete_every_measure(&id).await;
    app.change_status(&id, "submit").await;
    for measure in 1..=7 {
        let level = if measure == 1 { 4 } else { 5 };
        let body = json!({"level": level, "note": "Agreed at the panel", "version": 0});
        json(app.put(&format!("/api/reviews/{id}/measures/{measure}/agreed"), &body).await, 200).await;
    }
    app.change_status(&id, "moderate").await;
    id
}

async fn history(app: &TestApp, id: &str) -> Vec<String> {
    let entries = json(app.get(&format!("/api/reviews/{id}/history")).await, 200).await;
    entries.as_array().unwrap().iter().map(|entry| entry["summary"].as_str().unwrap().to_owned()).collect()
}

async fn status_change(
    app: &TestApp,
    groups: &[&str],
    id: &str,
    transition: &str,
    reason: &str,
) -> reqwest::Response {
    let team = app.signed_in_as("Rae Region", "rae@example.nhs.uk", groups);
    let version = app.review_version(id).await;
    let body = json!({"transition": transition, "reason": reason, "version": version});
    team.post(&format!("/api/reviews/{id}/status"), &body).await
}

#[tokio::test]
async fn a_moderated_peer_review_waits_for_its_region_which_returns_it_then_confirms_it() {
    let app = TestApp::spawn().await;
    let id = moderated_peer_review(&app).await;
    let ney = app.signed_in_as("Rae Region", "rae@example.nhs.uk", NEY_TEAM);
    let london = app.signed_in_as("Lou London", "lou@example.nhs.uk", LONDON_TEAM);

    // Its region's team has it on their list; another region's does not, and cannot open it.
    let queues = json(ney.get("/api/validation").await, 200).await;
    assert_eq!(queues.as_array().unwrap().len(), 1);
    assert_eq!(queues[0]["region"], "north-east-and-yorkshire");
    assert_eq!(queues[0]["awaiting"][0]["reviewId"], id.as_str());
    assert_eq!(queues[0]["awaiting"][0]["organisationName"], "Leeds Teaching Hospitals NHS Trust");
    assert_eq!(queues[0]["awaiting"][0]["period"], "2025/26");
    let londons = json(london.get("/api/validation").await, 200).await;
    assert_eq!(londons, json!([{"region": "london", "awaiting": []}]));
    json(london.get(&format!("/api/reviews/{id}/validation")).await, 403).await;
    json(status_change(&app, LONDON_TEAM, &id, "confirm", "").await, 403).await;
    let nobody = app.signed_in_as("Nia", "nia@example.nhs.uk", &["reviewer"]);
    json(nobody.get("/api/validation").await, 403).await;

    // The outlier: the peer level 4 against the organisation's own 2 for measure 1. Every level
    // rests on every statement evidenced, and no similar organisation has published yet.
    let view = json(ney.get(&format!("/api/reviews/{id}/validation")).await, 200).await;
    assert_eq!(
        view["outliers"],
        json!([{"kind": "farFromSelfAssessment", "measure": 1, "level": 4, "selfAssessed": 2}])
    );
    assert_eq!(view["hasSelfAssessment"], true);
    assert_eq!(view["similarPublished"], 0);

    // Returning needs a reason; returned, it is the lead reviewer's again and off the list.
    let no_reason = json(status_change(&app, NEY_TEAM, &id, "return-from-region", " ").await, 422).await;
    assert_eq!(no_reason["errors"][0]["field"], "reason");
    let reason = "Measure 1 is two levels above the trust's own view: check the board evidence";
    let returned = json(status_change(&app, NEY_TEAM, &id, "return-from-region", reason).await, 200).await;
    assert_eq!(returned["status"], "submitted");
    assert_eq!(json(ney.get("/api/validation").await, 200).await[0]["awaiting"], json!([]));
    json(ney.get(&format!("/api/reviews/{id}/validation")).await, 409).await;
    assert!(
        history(&app, &id)
            .await
            .contains(&format!("Return it to the lead reviewer: Moderated → Submitted. Reason: {reason}"))
    );

    // Moderated again, it is back; confirmed, it is provisional for ten days.
    app.change_status(&id, "moderate").await;
    assert_eq!(json(ney.get("/api/validation").await, 200).await[0]["awaiting"][0]["reviewId"], id.as_str());
    let confirmed = json(status_change(&app, NEY_TEAM, &id, "confirm", "").await, 200).await;
    assert_eq!(confirmed["status"], "provisional");
    let days_now =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).unwrap().as_secs() / 86_400;
    let in_ten_days = wgll_shared::date::Date::days_after_1970(days_now + 10).to_string();
    assert_eq!(confirmed["provisionalUntil"], in_ten_days.as_str());
    assert_eq!(json(ney.get("/api/validation").await, 200).await[0]["awaiting"], json!([]));
    assert!(history(&app, &id).await.contains(&"Confirm the result: Moderated → Provisional".to_owned()));

    // Not published until the organisation has had its days or said the result is right.
    let early = json(app.request_status_change(&id, "publish", "").await, 422).await;
    let message = early["errors"][0]["message"].as_str().unwrap();
    assert!(
        message.starts_with("Leeds Teaching Hospitals NHS Trust can flag factual errors until "),
        "{message}"
    );
    assert!(message.ends_with(": publish after that, or once they confirm the result"), "{message}");
}

#[tokio::test]
async fn the_organisation_flags_a_factual_error_the_lead_answers_it_and_publishes() {
    let app = TestApp::spawn().await;
    let id = moderated_peer_review(&app).await;
    json(status_change(&app, NEY_TEAM, &id, "confirm", "").await, 200).await;
    let trust = app.signed_in_as("Tom Trust", "tom@example.nhs.uk", &["organisation-lead:RR8"]);
    let ics_lead = app.signed_in_as("Isla ICS", "isla@example.nhs.uk", &["ics-lead:QWO"]);
    let flags = format!("/api/reviews/{id}/flags");
    let version = |review: &Value| review["version"].clone();
    let now = json(app.get(&format!("/api/reviews/{id}")).await, 200).await["review"].clone();

    // Only the organisation's lead flags; a flag says what it is about and what is wrong.
    let flag = json!({"measure": 2, "text": "We have had a shared care record since 2023", "version": version(&now)});
    json(ics_lead.post(&flags, &flag).await, 403).await;
    json(app.post(&flags, &flag).await, 403).await;
    let bad =
        json(trust.post(&flags, &json!({"measure": 9, "text": " ", "version": version(&now)})).await, 422)
            .await;
    let fields: Vec<&str> =
        bad["errors"].as_array().unwrap().iter().map(|e| e["field"].as_str().unwrap()).collect();
    assert_eq!(fields, ["measure", "text"]);
    let flagged = json(trust.post(&flags, &flag).await, 200).await;
    assert_eq!(flagged["flags"][0]["number"], 1);
    assert_eq!(flagged["flags"][0]["measure"], 2);
    assert_eq!(flagged["flags"][0]["by"], "Tom Trust <tom@example.nhs.uk>");
    json(trust.post(&flags, &flag).await, 409).await; // the version it was read at has gone

    // Publishing waits for the answer.
    let waiting = json(app.request_status_change(&id, "publish", "").await, 422).await;
    assert_eq!(waiting["errors"][0]["message"], "Answer factual error 1 flagged by the organisation");

    // Only the lead reviewer answers, once, with something to say.
    let answer = |text: &str| json!({"answer": text, "version": version(&flagged)});
    json(trust.post(&format!("/api/reviews/{id}/flags/1/answer"), &answer("Fine")).await, 403).await;
    json(app.post(&format!("/api/reviews/{id}/flags/2/answer"), &answer("Fine")).await, 404).await;
    assert_eq!(
        json(app.post(&format!("/api/reviews/{id}/flags/1/answer"), &answer("")).await, 422).await["errors"]
            [0]["field"],
        "answer"
    );
    let answered = json(
        app.post(
            &format!("/api/reviews/{id}/flags/1/answer"),
            &answer("Corrected in the report: the record went live in March 2023"),
        )
        .await,
        200,
    )
    .await;
    assert_eq!(
        answered["flags"][0]["answer"]["text"],
        "Corrected in the report: the record went live in March 2023"
    );
    let again = json!({"answer": "Again", "version": version(&answered)});
    json(app.post(&format!("/api/reviews/{id}/flags/1/answer"), &again).await, 409).await;

    // The organisation confirms the result; no more flags after that; then it is published.
    let confirm = json!({"version": version(&answered)});
    json(ics_lead.post(&format!("/api/reviews/{id}/facts-confirmed"), &confirm).await, 403).await;
    let confirmed =
        json(trust.post(&format!("/api/reviews/{id}/facts-confirmed"), &confirm).await, 200).await;
    assert_eq!(confirmed["factsConfirmed"]["by"], "Tom Trust <tom@example.nhs.uk>");
    let late = json!({"text": "One more thing", "version": version(&confirmed)});
    let closed = json(trust.post(&flags, &late).await, 409).await;
    assert_eq!(
        closed["detail"],
        "The organisation has confirmed this result, so no more errors can be flagged."
    );
    assert_eq!(json(app.request_status_change(&id, "publish", "").await, 200).await["status"], "published");

    let entries = history(&app, &id).await;
    for expected in [
        "Flagged factual error 1 about measure 2: We have had a shared care record since 2023",
        "Answered factual error 1: Corrected in the report: the record went live in March 2023",
        "Confirmed the provisional result has no factual errors",
        "Publish the review: Provisional → Published",
    ] {
        assert!(entries.contains(&expected.to_owned()), "{expected} in {entries:?}");
    }
}

#[tokio::test]
async fn a_self_assessment_is_published_from_moderation_and_never_goes_to_a_region() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let id = app.start_review("RR8", "2025/26", "self-assessment", &[LEAD_REVIEWER]).await;
    app.complete_every_measure(&id).await;
    app.change_status(&id, "submit").await;
    let body = json!({"levels": (1..=7).map(|measure| json!({"measure": measure, "level": 3, "version": 0})).collect::<Vec<_>>()});
    json(app.put(&format!("/api/reviews/{id}/agreed"), &body).await, 200).await;
    app.change_status(&id, "moderate").await;
    let refused = json(app.request_status_change(&id, "confirm", "").await, 409).await;
    assert_eq!(
        refused["detail"],
        "A self-assessment is the organisation’s own: it does not go to its region."
    );
    assert_eq!(
        json(app.get("/api/validation").await, 200)
            .await
            .as_array()
            .unwrap()
            .iter()
            .map(|queue| queue["awaiting"].as_array().unwrap().len())
            .sum::<usize>(),
        0
    );
    assert_eq!(json(app.request_status_change(&id, "publish", "").await, 200).await["status"], "published");
}

#[tokio::test]
async fn a_peer_review_of_an_ics_without_a_region_waits_for_the_administrators() {
    let app = TestApp::spawn().await;
    app.add_organisations(&[
        json!({"odsCode": "QYG", "name": "Cheshire and Merseyside ICS", "kind": "ics"}),
        json!({"odsCode": "REM", "name": "Liverpool University Hospitals", "kind": "acute-trust", "icsCode": "QYG"}),
    ])
    .await;
    let bad_region =
        json!({"odsCode": "QOP", "name": "Greater Manchester ICS", "kind": "ics", "region": "wales"});
    let refused = json(app.post("/api/organisations", &bad_region).await, 422).await;
    assert_eq!(refused["errors"][0]["message"], "Choose one of NHS England’s seven regions");
    let id = app.start_review("REM", "2025/26", "peer-review", &[LEAD_REVIEWER]).await;
    app.complete_every_measure(&id).await;
    app.change_status(&id, "submit").await;
    let body = json!({"levels": (1..=7).map(|measure| json!({"measure": measure, "level": 3, "version": 0})).collect::<Vec<_>>()});
    json(app.put(&format!("/api/reviews/{id}/agreed"), &body).await, 200).await;
    app.change_status(&id, "moderate").await;
    let queues = json(app.get("/api/validation").await, 200).await;
    assert_eq!(queues.as_array().unwrap().len(), 8, "the seven regions and the ICSs without one");
    assert_eq!(queues[7]["region"], Value::Null);
    assert_eq!(queues[7]["awaiting"][0]["reviewId"], id.as_str());
    json(status_change(&app, NEY_TEAM, &id, "confirm", "").await, 403).await;
    assert_eq!(
        json(status_change(&app, &["administrator"], &id, "confirm", "").await, 200).await["status"],
        "provisional"
    );
}

#[tokio::test]
async fn the_validation_and_provisional_pages_answer_their_forms() {
    let app = TestApp::spawn().await;
    let id = moderated_peer_review(&app).await;
    let ney = app.signed_in_as("Rae Region", "rae@example.nhs.uk", NEY_TEAM);

    let list = ney.get("/api/views/validation").await;
    assert_eq!(list.status().as_u16(), 200);
    let list = list.text().await.unwrap();
    assert!(
        list.contains(&format!(
            r#"<a href="/reviews/{id}/validation">Leeds Teaching Hospitals NHS Trust</a>"#
        )),
        "{list}"
    );

    let page = ney.get(&format!("/api/views/reviews/{id}/validation")).await.text().await.unwrap();
    assert!(
        page.contains("The peer reviewers agreed level 4; the organisation assessed itself at level 2."),
        "{page}"
    );
    let path = format!("/api/views/reviews/{id}/validation");
    let undecided = ney.post_form(&path, "version=2&reason=").await;
    assert_eq!(undecided.status().as_u16(), 422);
    assert!(
        undecided
            .text()
            .await
            .unwrap()
            .contains(r##"<a href="#decision">Choose whether to confirm the result or return it</a>"##)
    );
    let version = app.review_version(&id).await;
    let no_reason = ney.post_form(&path, &format!("version={version}&decision=return&reason=")).await;
    assert_eq!(no_reason.status().as_u16(), 422);
    assert!(no_reason.text().await.unwrap().contains(r##"<a href="#reason">Enter the reason</a>"##));
    let confirmed = ney.post_form(&path, &format!("version={version}&decision=confirm")).await;
    assert_eq!(confirmed.status().as_u16(), 200);
    assert!(confirmed.text().await.unwrap().contains(
        "You confirmed the result. Leeds Teaching Hospitals NHS Trust can check it for factual errors until "
    ));

    // The organisation's lead flags an error on the provisional page; the lead reviewer answers.
    let trust = app.signed_in_as("Tom Trust", "tom@example.nhs.uk", &["organisation-lead:RR8"]);
    let provisional = format!("/api/views/reviews/{id}/provisional");
    let page = trust.get(&provisional).await.text().await.unwrap();
    assert!(
        page.contains("Flag this error") && page.contains("Confirm the result has no factual errors"),
        "{page}"
    );
    assert!(
        !app.get(&provisional).await.text().await.unwrap().contains("Flag this error"),
        "not for the lead reviewer"
    );
    let version = app.review_version(&id).await;
    let flagged = trust
        .post_form(
            &format!("/api/views/reviews/{id}/flags"),
            &format!("version={version}&measure=3&text=Our+e-prescribing+went+live+in+May"),
        )
        .await;
    assert_eq!(flagged.status().as_u16(), 200);
    let flagged = flagged.text().await.unwrap();
    assert!(
        flagged.contains("You flagged the error.") && flagged.contains("Our e-prescribing went live in May"),
        "{flagged}"
    );
    let version = app.review_version(&id).await;
    let lead = app.acting_as(Some(app.token_for("Lead Reviewer", LEAD_REVIEWER, wgll_tests::DEFAULT_GROUPS)));
    let answer_path = format!("/api/views/reviews/{id}/flags/1/answer");
    let blank = lead.post_form(&answer_path, &format!("version={version}&flag=1&answer=")).await;
    assert_eq!(blank.status().as_u16(), 422);
    assert!(blank.text().await.unwrap().contains(r##"<a href="#answer-1">Enter your answer</a>"##));
    let answered =
        lead.post_form(&answer_path, &format!("version={version}&flag=1&answer=Agreed%3A+corrected")).await;
    assert_eq!(answered.status().as_u16(), 200);
    assert!(answered.text().await.unwrap().contains("You answered factual error 1."));
    let version = app.review_version(&id).await;
    let confirmed = trust
        .post_form(&format!("/api/views/reviews/{id}/facts-confirmed"), &format!("version={version}"))
        .await;
    assert_eq!(confirmed.status().as_u16(), 200);
    assert!(confirmed.text().await.unwrap().contains("You confirmed the result has no factual errors."));
}
