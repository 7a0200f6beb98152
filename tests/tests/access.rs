//! Every endpoint × every role, checked against the rules table in `functions/src/auth/rules.rs`:
//! what the table allows answers 2xx, what it refuses answers 401 to the public and 403 to a
//! signed-in user. Tokens are real: signed by the development sign-in and verified by the same
//! code that checks Cognito's tokens in AWS.

use reqwest::Method;
use serde_json::{Value, json};
use wgll_functions::auth::rules::{Action, Target, allows};
use wgll_shared::organisation::OdsCode;
use wgll_tests::{TestApp, json};

const ASSIGNED: &str = "assigned@example.nhs.uk";

struct Persona {
    label: &'static str,
    token: Option<String>,
}

fn personas(app: &TestApp) -> Vec<Persona> {
    let signed = |label: &'static str, email: &str, groups: &[&str]| Persona {
        label,
        token: Some(app.token_for(label, email, groups)),
    };
    vec![
        Persona { label: "the public", token: None },
        signed("an administrator", "admin@example.nhs.uk", &["administrator"]),
        signed("the lead of the review's ICS", "qwo@example.nhs.uk", &["ics-lead:QWO"]),
        signed("the lead of another ICS", "qhm@example.nhs.uk", &["ics-lead:QHM"]),
        signed("the lead of the reviewed organisation", "rr8@example.nhs.uk", &["organisation-lead:RR8"]),
        signed("the lead of another organisation", "rtd@example.nhs.uk", &["organisation-lead:RTD"]),
        signed("an assigned reviewer", ASSIGNED, &["reviewer"]),
        signed("an unassigned reviewer", "other@example.nhs.uk", &["reviewer"]),
        signed("a user with no role", "nobody@example.nhs.uk", &[]),
    ]
}

struct Endpoint {
    method: Method,
    path: String,
    body: Option<Value>,
    action: Action,
}

fn code(value: &str) -> OdsCode {
    OdsCode::parse(value).unwrap()
}

#[tokio::test]
async fn every_endpoint_answers_every_role_as_the_rules_table_says() {
    let app = TestApp::spawn().await;
    for organisation in [
        json!({"odsCode": "QWO", "name": "West Yorkshire ICS", "kind": "ics"}),
        json!({"odsCode": "QHM", "name": "Cumbria and North East ICS", "kind": "ics"}),
        json!({"odsCode": "RR8", "name": "Leeds Teaching Hospitals", "kind": "acute-trust", "icsCode": "QWO"}),
        json!({"odsCode": "RTD", "name": "Newcastle Hospitals", "kind": "acute-trust", "icsCode": "QHM"}),
    ] {
        json(app.post("/api/organisations", &organisation).await, 201).await;
    }
    let review = json(
        app.post(
            "/api/reviews",
            &json!({"organisation": "RR8", "period": "2025/26", "kind": "peer-review", "reviewers": [ASSIGNED]}),
        )
        .await,
        201,
    )
    .await;
    let review_id = review["id"].as_str().unwrap().to_owned();
    let (qwo, rr8) = (code("QWO"), code("RR8"));
    let reviewers = [ASSIGNED.to_owned()];
    let the_review = Target { organisation: Some(&rr8), ics: Some(&qwo), reviewers: &reviewers };
    let in_qwo = Target { organisation: None, ics: Some(&qwo), reviewers: &[] };
    let the_trust = Target { organisation: Some(&rr8), ics: Some(&qwo), reviewers: &[] };

    let export = json(app.get(&format!("/api/reviews/{review_id}/export.json")).await, 200).await;
    let mut checked = 0;
    let mut refused = 0;
    for (index, persona) in personas(&app).into_iter().enumerate() {
        let user = match persona.token.as_deref() {
            Some(token) => Some(app.auth.verify(token).await.expect("test tokens verify")),
            None => None,
        };
        let as_persona = app.acting_as(persona.token.clone());
        // Each persona adds different codes, so one persona's success is no conflict for the next.
        let endpoints = [
            Endpoint {
                method: Method::GET,
                path: "/api/health".into(),
                body: None,
                action: Action::ReadPublicInformation,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/openapi.json".into(),
                body: None,
                action: Action::ReadPublicInformation,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/sign-in".into(),
                body: None,
                action: Action::ReadPublicInformation,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/frameworks".into(),
                body: None,
                action: Action::ReadPublicInformation,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/frameworks/wgll-2021".into(),
                body: None,
                action: Action::ReadPublicInformation,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations".into(),
                body: None,
                action: Action::ListOrganisations,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations?ics=QWO".into(),
                body: None,
                action: Action::ListOrganisations,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8".into(),
                body: None,
                action: Action::ReadOrganisation,
            },
            Endpoint {
                method: Method::POST,
                path: "/api/organisations".into(),
                body: Some(json!({"odsCode": format!("QA{index}"), "name": "A new ICS", "kind": "ics"})),
                action: Action::CreateIcs,
            },
            Endpoint {
                method: Method::POST,
                path: "/api/organisations".into(),
                body: Some(
                    json!({"odsCode": format!("RA{index}"), "name": "A new trust", "kind": "community-trust", "icsCode": "QWO"}),
                ),
                action: Action::CreateOrganisation,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/reviews".into(),
                body: None,
                action: Action::ListReviews,
            },
            Endpoint {
                method: Method::POST,
                path: "/api/reviews".into(),
                body: Some(
                    json!({"organisation": "RR8", "period": "2026/27", "kind": "self-assessment", "reviewers": [ASSIGNED]}),
                ),
                action: Action::CreateReview,
            },
            Endpoint {
                method: Method::GET,
                path: format!("/api/reviews/{review_id}"),
                body: None,
                action: Action::ReadReview,
            },
            Endpoint {
                method: Method::GET,
                path: format!("/api/reviews/{review_id}/history"),
                body: None,
                action: Action::ReadReview,
            },
            Endpoint {
                method: Method::GET,
                path: format!("/api/reviews/{review_id}/export.json"),
                body: None,
                action: Action::ReadReview,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/comparison?period=2025/26".into(),
                body: None,
                action: Action::ListReviews,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/reviews?period=2025/26".into(),
                body: None,
                action: Action::ListReviews,
            },
            Endpoint {
                method: Method::GET,
                path: format!("/api/reviews/{review_id}/export.csv"),
                body: None,
                action: Action::ReadReview,
            },
            Endpoint {
                method: Method::POST,
                path: "/api/reviews/import".into(),
                body: Some(export.clone()),
                action: Action::CreateReview,
            },
            Endpoint {
                method: Method::PUT,
                path: format!("/api/reviews/{review_id}/measures/1"),
                body: None, // filled in below with the current version
                action: Action::EditReview,
            },
            Endpoint {
                method: Method::PUT,
                path: format!("/api/reviews/{review_id}/measures/1/agreed"),
                body: Some(json!({"level": 3, "version": 0})),
                action: Action::ModerateReview,
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/reviews/{review_id}/status"),
                body: Some(json!({"transition": "submit", "version": 1})),
                action: Action::ChangeReviewStatus,
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/reviews/{review_id}/status"),
                body: Some(json!({"transition": "reopen", "reason": "new evidence", "version": 1})),
                action: Action::ReopenReview,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/offer".into(),
                body: None,
                action: Action::ReadOffer,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/offer/history".into(),
                body: None,
                action: Action::ReadOffer,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/offer".into(),
                body: None,
                action: Action::ReadOffer,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/offer.csv".into(),
                body: None,
                action: Action::ReadOffer,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/offer.json".into(),
                body: None,
                action: Action::ReadOffer,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/public/services".into(),
                body: None,
                action: Action::ReadPublicInformation,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/public/organisations?search=leeds".into(),
                body: None,
                action: Action::ReadPublicInformation,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/public/organisations/RR8".into(),
                body: None,
                action: Action::ReadPublicInformation,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/public/ics".into(),
                body: None,
                action: Action::ReadPublicInformation,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/public/ics/QWO".into(),
                body: None,
                action: Action::ReadPublicInformation,
            },
            Endpoint {
                method: Method::PUT,
                path: "/api/organisations/RR8/offer/nhs-app".into(),
                body: None, // filled in below with the current version
                action: Action::EditOffer,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/dashboard?period=2025/26".into(),
                body: None,
                action: Action::ReadIcsOutcomes,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/dashboard.csv?period=2025/26".into(),
                body: None,
                action: Action::ReadIcsOutcomes,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/dashboard.json?period=2025/26".into(),
                body: None,
                action: Action::ReadIcsOutcomes,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/trends".into(),
                body: None,
                action: Action::ReadIcsOutcomes,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/actions".into(),
                body: None,
                action: Action::ReadIcsOutcomes,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/levelling-up?period=2025/26&ics=QWO".into(),
                body: None,
                action: Action::ReadIcsOutcomes,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/levelling-up?period=2025/26".into(),
                body: None,
                action: Action::ReadNationalOutcomes,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/trends".into(),
                body: None,
                action: Action::ReadOrganisationOutcomes,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/benchmark?period=2025/26".into(),
                body: None,
                action: Action::ReadOrganisationOutcomes,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/actions".into(),
                body: None,
                action: Action::ReadOrganisationOutcomes,
            },
            Endpoint {
                method: Method::POST,
                path: "/api/organisations/RR8/actions".into(),
                // The review is a draft: allowed callers get a 422, the rest a 401 or 403.
                body: Some(
                    json!({"reviewId": review_id, "measure": 1, "description": "Appoint a CCIO", "owner": "CEO", "due": "2027-01-01"}),
                ),
                action: Action::ManageActions,
            },
            Endpoint {
                method: Method::PUT,
                path: "/api/organisations/RR8/actions/no-such-action".into(),
                body: Some(
                    json!({"description": "d", "targetLevel": 3, "owner": "o", "due": "2027-01-01", "status": "done", "version": 1}),
                ),
                action: Action::ManageActions,
            },
            Endpoint {
                method: Method::GET,
                path: "/digital-services?search=leeds".into(),
                body: None,
                action: Action::ReadPublicInformation,
            },
            Endpoint {
                method: Method::GET,
                path: "/digital-services/RR8".into(),
                body: None,
                action: Action::ReadPublicInformation,
            },
            Endpoint {
                method: Method::GET,
                path: "/digital-services/ics/QWO".into(),
                body: None,
                action: Action::ReadPublicInformation,
            },
        ];
        for endpoint in endpoints {
            let target = match endpoint.action {
                Action::CreateOrganisation => in_qwo,
                Action::EditOffer | Action::ReadOrganisationOutcomes | Action::ManageActions => the_trust,
                Action::ReadIcsOutcomes => in_qwo,
                Action::CreateReview
                | Action::ReadReview
                | Action::EditReview
                | Action::ModerateReview
                | Action::ChangeReviewStatus
                | Action::ReopenReview => the_review,
                _ => Target::NONE,
            };
            let expected = allows(user.as_ref(), endpoint.action, &target);
            let body = match endpoint.action {
                Action::EditReview => Some(
                    json!({"level": 2, "evidence": persona.label, "version": current_version(&app, &review_id).await}),
                ),
                Action::EditOffer => Some(json!({
                    "status": "planned", "lastChecked": "2026-01-05", "version": offer_version(&app, "nhs-app").await
                })),
                _ => endpoint.body,
            };
            let mut request = as_persona.request(endpoint.method.clone(), &endpoint.path);
            if let Some(body) = &body {
                request = request.json(body);
            }
            let status = request.send().await.unwrap().status().as_u16();
            let what = format!("{} {} by {}", endpoint.method, endpoint.path, persona.label);
            if expected {
                // Allowed by the rules; the request may still be refused for what it asks (a
                // review not yet ready to submit is a 422, a status change from the wrong status a
                // 409), but never as a matter of access, and never with a server error.
                assert!(
                    ![401, 403].contains(&status) && status < 500,
                    "{what} should be allowed, got {status}"
                );
            } else {
                let refusal = if user.is_some() { 403 } else { 401 };
                assert_eq!(status, refusal, "{what} should be refused");
                refused += 1;
            }
            checked += 1;
        }
        // Who am I: anyone signed in, nobody else.
        let me = as_persona.get("/api/me").await.status().as_u16();
        assert_eq!(me, if user.is_some() { 200 } else { 401 }, "/api/me for {}", persona.label);
    }
    assert_eq!(checked, 9 * 49);
    assert!(refused > 30, "the table refuses a good share of requests ({refused})");
}

async fn offer_version(app: &TestApp, service: &str) -> u64 {
    let offer = json(app.get("/api/organisations/RR8/offer").await, 200).await;
    let record =
        offer["services"].as_array().unwrap().iter().find(|record| record["service"] == service).cloned();
    record.expect("every catalogue service is listed")["version"].as_u64().unwrap()
}

async fn current_version(app: &TestApp, review_id: &str) -> u64 {
    let detail = json(app.get(&format!("/api/reviews/{review_id}")).await, 200).await;
    detail["measures"].as_array().unwrap().first().map_or(0, |measure| measure["version"].as_u64().unwrap())
}

#[tokio::test]
async fn the_table_itself_keeps_reviews_private_and_changes_to_their_reviewers() {
    let app = TestApp::spawn().await;
    let verifier = app.auth.dev.as_ref().expect("tests use the development sign-in").verifier();
    let user = |groups: &[&str], email: &str| verifier.verify(&app.token_for("Test", email, groups)).unwrap();
    let (qwo, rr8) = (code("QWO"), code("RR8"));
    let reviewers = [ASSIGNED.to_owned()];
    let review = Target { organisation: Some(&rr8), ics: Some(&qwo), reviewers: &reviewers };
    assert!(!allows(None, Action::ReadReview, &review), "the public never sees a review");
    assert!(!allows(None, Action::ListOrganisations, &Target::NONE));
    assert!(!allows(Some(&user(&["reviewer"], "x@example.nhs.uk")), Action::ReadReview, &review));
    assert!(!allows(Some(&user(&["ics-lead:QHM"], "x@example.nhs.uk")), Action::ReadReview, &review));
    assert!(!allows(Some(&user(&["administrator"], "x@example.nhs.uk")), Action::EditReview, &review));
    assert!(allows(Some(&user(&["reviewer"], ASSIGNED)), Action::EditReview, &review));
    assert!(!allows(Some(&user(&["ics-lead:QWO"], "x@example.nhs.uk")), Action::CreateIcs, &Target::NONE));
}

#[tokio::test]
async fn a_reviewer_sees_only_the_reviews_they_are_assigned_to() {
    let app = TestApp::spawn().await;
    json(
        app.post(
            "/api/organisations",
            &json!({"odsCode": "QWO", "name": "West Yorkshire ICS", "kind": "ics"}),
        )
        .await,
        201,
    )
    .await;
    json(
        app.post(
            "/api/organisations",
            &json!({"odsCode": "RR8", "name": "Leeds", "kind": "acute-trust", "icsCode": "QWO"}),
        )
        .await,
        201,
    )
    .await;
    for reviewer in [ASSIGNED, "someone.else@example.nhs.uk"] {
        let body = json!({"organisation": "RR8", "period": "2025/26", "kind": "peer-review", "reviewers": [reviewer]});
        json(app.post("/api/reviews", &body).await, 201).await;
    }
    let assigned = app.acting_as(Some(app.token_for("Assigned", ASSIGNED, &["reviewer"])));
    let listed = json(assigned.get("/api/organisations/RR8/reviews").await, 200).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["reviewers"], json!([ASSIGNED]));
    let lead = app.acting_as(Some(app.token_for("Lead", "rr8@example.nhs.uk", &["organisation-lead:RR8"])));
    assert_eq!(
        json(lead.get("/api/organisations/RR8/reviews").await, 200).await.as_array().unwrap().len(),
        2
    );
}

#[tokio::test]
async fn tokens_that_do_not_verify_are_refused_with_a_reason_to_sign_in_again() {
    let app = TestApp::spawn().await;
    let token = app.token_for("Jo", "jo@example.nhs.uk", &["administrator"]);
    // A token signed by another issuer's key (another run of the development sign-in).
    let other = TestApp::spawn().await;
    let foreign = other.token_for("Jo", "jo@example.nhs.uk", &["administrator"]);
    // The same token with a changed payload: the signature no longer matches.
    let mut parts: Vec<String> = token.split('.').map(str::to_owned).collect();
    parts[1] = parts[1].chars().rev().collect();
    let tampered = parts.join(".");
    for bad in [foreign, tampered, "not-a-token".to_owned()] {
        let response = app.acting_as(Some(bad)).get("/api/organisations").await;
        assert_eq!(response.headers()["www-authenticate"], "Bearer");
        let problem = json(response, 401).await;
        assert!(problem["detail"].as_str().unwrap().contains("sign in again"));
    }
    let basic = app
        .acting_as(None)
        .request(Method::GET, "/api/organisations")
        .header("authorization", "Basic abc")
        .send()
        .await
        .unwrap();
    json(basic, 401).await;
    json(app.acting_as(Some(token)).get("/api/organisations").await, 200).await;
}
