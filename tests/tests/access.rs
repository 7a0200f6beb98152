//! Every endpoint × every role, against the rules written out here by hand, one row per endpoint:
//! what a row allows answers 2xx (or a refusal about the request itself, never about access),
//! what it leaves out answers 401 to the public and 403 to a signed-in user. The rows are read off
//! docs/access.md, not computed from the rules table in `functions/src/auth/rules.rs`, so a rule
//! changed there (made too permissive or too strict) fails this test. Tokens are real: signed by
//! the development sign-in and verified by the same code that checks Cognito's tokens in AWS.
//! The rows are checked against the API's own description (`/api/openapi.json`): an operation it
//! describes without a row here fails the test, so a new endpoint cannot go unchecked.

use reqwest::Method;
use serde_json::{Value, json};
use std::collections::BTreeSet;
use wgll_functions::auth::rules::{Action, Target, allows};
use wgll_shared::organisation::OdsCode;
use wgll_tests::{TestApp, json};

const ASSIGNED: &str = "assigned@example.nhs.uk";

/// Who is calling, with the one letter that stands for them in the rows below.
struct Persona {
    key: char,
    label: &'static str,
    token: Option<String>,
}

fn personas(app: &TestApp) -> Vec<Persona> {
    let signed = |key: char, label: &'static str, email: &str, groups: &[&str]| Persona {
        key,
        label,
        token: Some(app.token_for(label, email, groups)),
    };
    vec![
        Persona { key: 'P', label: "the public", token: None },
        signed('A', "an administrator", "admin@example.nhs.uk", &["administrator"]),
        signed('I', "the lead of the review's ICS", "qwo@example.nhs.uk", &["ics-lead:QWO"]),
        signed('i', "the lead of another ICS", "qhm@example.nhs.uk", &["ics-lead:QHM"]),
        signed(
            'O',
            "the lead of the reviewed organisation",
            "rr8@example.nhs.uk",
            &["organisation-lead:RR8"],
        ),
        signed('o', "the lead of another organisation", "rtd@example.nhs.uk", &["organisation-lead:RTD"]),
        signed(
            'R',
            "an assigned reviewer (the review's lead reviewer)",
            ASSIGNED,
            &["reviewer", "organisation:RJ1"],
        ),
        signed('r', "an unassigned reviewer", "other@example.nhs.uk", &["reviewer"]),
        signed('n', "a user with no role", "nobody@example.nhs.uk", &[]),
        signed(
            'G',
            "the team of the review's region",
            "ney@example.nhs.uk",
            &["region:north-east-and-yorkshire"],
        ),
        signed('g', "another region's team", "london@example.nhs.uk", &["region:london"]),
    ]
}

/// Every persona above.
const EVERYONE: &str = "PAIiOoRrnGg";
/// Everyone signed in, whatever their role.
const SIGNED_IN: &str = "AIiOoRrnGg";

/// A request to make as each persona. The review is RR8's (in the ICS QWO), with the one
/// reviewer `ASSIGNED`; `allowed` holds the keys of the personas the rules admit.
struct Endpoint {
    method: Method,
    path: String,
    body: Body,
    allowed: &'static str,
}

enum Body {
    Empty,
    Json(Value),
    /// A save of the assigned reviewer's measure 1 over its current version.
    MeasureAtCurrentVersion,
    /// A save of RR8's NHS App service over its current version.
    OfferAtCurrentVersion,
    /// A form, URL-encoded, as the app posts a server-rendered page's form.
    Form(&'static str),
}

fn code(value: &str) -> OdsCode {
    OdsCode::parse(value).unwrap()
}

#[tokio::test]
async fn every_endpoint_answers_every_role_as_the_written_rules_say() {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    let review_id = app.start_review("RR8", "2025/26", "peer-review", &[ASSIGNED]).await;
    let export = json(app.get(&format!("/api/reviews/{review_id}/export.json")).await, 200).await;
    let funding = wgll_tests::funding::set_up(&app).await;
    let change = &funding.change_id;
    let year = "/api/funding/2025-26";
    let fund = wgll_tests::funding::new_fund("access-fund", "fair-shares", &[3]);
    let rules = json!({
        "period": "2025/26", "reviewsFrom": "2024/25", "governanceMeasure": 1, "governanceMinimum": 4,
        "digitisationMeasures": [2, 4], "digitisationMinimum": 3, "memberCoveragePercent": 100, "memberMinimum": 3,
    });
    let bid = json(app.post("/api/organisations/RR8/bids", &json!({"period": "2025/26"})).await, 201).await;
    let bid = format!("/api/organisations/RR8/bids/{}", bid["id"].as_str().unwrap());
    let benefit = json!({
        "fundedBy": {"source": "allocation", "period": "2025/26", "fund": "access-fund"},
        "description": "Agency hours saved", "kind": "non-cash-releasing", "unit": "count",
        "baseline": "0", "target": "1,200", "due": "2027-03-31",
    });
    let added = json(app.post("/api/organisations/RR8/benefits", &benefit).await, 201).await;
    let realised = format!("/api/organisations/RR8/benefits/{}/realised", added["id"].as_str().unwrap());
    let described = described_operations(&app).await;
    let mut covered = BTreeSet::new();
    let mut checked = 0;
    let mut refused = 0;
    for (index, persona) in personas(&app).into_iter().enumerate() {
        let signed_in = persona.token.is_some();
        let as_persona = app.acting_as(persona.token.clone());
        // Each persona adds different codes, so one persona's success is no conflict for the next.
        let endpoints = [
            Endpoint {
                method: Method::GET,
                path: "/api/health".into(),
                body: Body::Empty,
                allowed: EVERYONE,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/openapi.json".into(),
                body: Body::Empty,
                allowed: EVERYONE,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/sign-in".into(),
                body: Body::Empty,
                allowed: EVERYONE,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/framework".into(),
                body: Body::Empty,
                allowed: EVERYONE,
            },
            // The development sign-in: built into the local server and these tests, not the Lambda.
            Endpoint {
                method: Method::POST,
                path: "/api/dev/sign-in".into(),
                body: Body::Json(json!({"name": "Jo", "email": "jo@example.nhs.uk", "groups": ["reviewer"]})),
                allowed: EVERYONE,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/dev/jwks.json".into(),
                body: Body::Empty,
                allowed: EVERYONE,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/frameworks".into(),
                body: Body::Empty,
                allowed: EVERYONE,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/frameworks/wgll-2021".into(),
                body: Body::Empty,
                allowed: EVERYONE,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations?ics=QWO".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::POST,
                path: "/api/organisations".into(),
                body: Body::Json(
                    json!({"odsCode": format!("QA{index}"), "name": "A new ICS", "kind": "ics"}),
                ),
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/organisations".into(),
                body: Body::Json(
                    json!({"odsCode": format!("RA{index}"), "name": "A new trust", "kind": "community-trust", "icsCode": "QWO"}),
                ),
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/reviews".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::POST,
                path: "/api/reviews".into(),
                body: Body::Json(
                    json!({"organisation": "RR8", "period": "2026/27", "kind": "self-assessment", "reviewers": [ASSIGNED]}),
                ),
                allowed: "AIO",
            },
            Endpoint {
                method: Method::GET,
                path: format!("/api/reviews/{review_id}"),
                body: Body::Empty,
                allowed: "AIOR",
            },
            Endpoint {
                method: Method::GET,
                path: format!("/api/reviews/{review_id}/history"),
                body: Body::Empty,
                allowed: "AIOR",
            },
            Endpoint {
                method: Method::GET,
                path: format!("/api/reviews/{review_id}/export.json"),
                body: Body::Empty,
                allowed: "AIOR",
            },
            Endpoint {
                method: Method::GET,
                path: format!("/api/views/reviews/{review_id}"),
                body: Body::Empty,
                allowed: "AIOR",
            },
            // The page that imports a review, and its form (a file that is not an export: allowed,
            // then refused, nothing written).
            Endpoint {
                method: Method::GET,
                path: "/api/views/reviews/import".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/reviews/import?name=notes.json".into(),
                body: Body::Json(json!({"notes": "not a review"})),
                allowed: SIGNED_IN,
            },
            // The review page's forms: the lead's agreed levels (a draft: allowed, then refused
            // as not yet submitted), the lifecycle's steps.
            Endpoint {
                method: Method::POST,
                path: format!("/api/views/reviews/{review_id}/agreed"),
                body: Body::Form("agreed-1=3&agreed-note-1=&agreed-version-1=0"),
                allowed: "R",
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/views/reviews/{review_id}/status"),
                body: Body::Form("transition=submit&version=1"),
                allowed: "R",
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/views/reviews/{review_id}/status"),
                body: Body::Form("transition=reopen&reason=new+evidence&version=1"),
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: format!("/api/views/reviews/{review_id}/report"),
                body: Body::Empty,
                allowed: "AIOR",
            },
            // An organisation's page, and its form that starts a review (a year that is not one:
            // allowed, then refused as invalid, nothing written).
            Endpoint {
                method: Method::GET,
                path: "/api/views/organisations/RR8".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/organisations/RR8/reviews".into(),
                body: Body::Form("period=2025%2F27&review-kind=peer-review&reviewers=x%40example.nhs.uk"),
                allowed: "AIO",
            },
            // An organisation's outcomes, comparison and digital offer, and an ICS's digital offer.
            Endpoint {
                method: Method::GET,
                path: "/api/views/organisations?search=leeds".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/organisations/RR8/outcomes".into(),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/organisations/RR8/outcomes?period=2025/26".into(),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/organisations/RR8/comparison?period=2025/26".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/organisations/RR8/digital-services".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/ics/QWO/digital-services".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/comparison?period=2025/26".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/reviews?period=2025/26".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: format!("/api/reviews/{review_id}/export.csv"),
                body: Body::Empty,
                allowed: "AIOR",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/reviews/import".into(),
                body: Body::Json(export.clone()),
                allowed: "AIO",
            },
            Endpoint {
                method: Method::PUT,
                path: format!("/api/reviews/{review_id}/measures/1"),
                body: Body::MeasureAtCurrentVersion,
                allowed: "R",
            },
            Endpoint {
                method: Method::PUT,
                path: format!("/api/reviews/{review_id}/measures/1/agreed"),
                body: Body::Json(json!({"level": 3, "version": 0})),
                allowed: "R",
            },
            Endpoint {
                method: Method::PUT,
                path: format!("/api/reviews/{review_id}/agreed"),
                body: Body::Json(json!({"levels": [{"measure": 1, "level": 3, "version": 0}]})),
                allowed: "R",
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/reviews/{review_id}/status"),
                body: Body::Json(json!({"transition": "submit", "version": 1})),
                allowed: "R",
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/reviews/{review_id}/status"),
                body: Body::Json(json!({"transition": "reopen", "reason": "new evidence", "version": 1})),
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                // Whoever may read the peer review may read the self-assessment it is set against.
                path: format!("/api/reviews/{review_id}/self-assessment"),
                body: Body::Empty,
                allowed: "AIOR",
            },
            // The form that adds an organisation: an organisation in QWO, so its ICS's lead too.
            Endpoint {
                method: Method::GET,
                path: "/api/views/organisations/new".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/organisations/new".into(),
                // Added by the first allowed; a clash for the next, allowed all the same.
                body: Body::Form(
                    "name=Airedale+NHS+Foundation+Trust&odsCode=RCF&kind=acute-trust&icsCode=QWO",
                ),
                allowed: "AI",
            },
            // Peer pairs: administrators see the suggestions and confirm one (RTD: an acute trust in
            // another ICS); the form after it is over a version gone, so a clash.
            Endpoint {
                method: Method::GET,
                path: format!("/api/reviews/{review_id}/peers"),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::PUT,
                path: format!("/api/reviews/{review_id}/peer"),
                body: Body::Json(json!({"organisation": "RTD", "version": 0})),
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: format!("/api/views/reviews/{review_id}/peers"),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/views/reviews/{review_id}/peers"),
                body: Body::Form("version=0&organisation=RTD"),
                allowed: "A",
            },
            // Regional validation: the review is a draft, so those allowed are refused as a clash.
            Endpoint {
                method: Method::GET,
                path: "/api/validation".into(),
                body: Body::Empty,
                allowed: "AGg",
            },
            Endpoint {
                method: Method::GET,
                path: format!("/api/reviews/{review_id}/validation"),
                body: Body::Empty,
                allowed: "AG",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/validation".into(),
                body: Body::Empty,
                allowed: "AGg",
            },
            Endpoint {
                method: Method::GET,
                path: format!("/api/views/reviews/{review_id}/validation"),
                body: Body::Empty,
                allowed: "AG",
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/views/reviews/{review_id}/validation"),
                body: Body::Form("version=0&decision=confirm"),
                allowed: "AG",
            },
            // The provisional release: the organisation's lead flags and confirms, the lead
            // reviewer answers, whoever may read the review sees it.
            Endpoint {
                method: Method::POST,
                path: format!("/api/reviews/{review_id}/flags"),
                body: Body::Json(json!({"text": "A wrong date", "version": 0})),
                allowed: "O",
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/reviews/{review_id}/flags/1/answer"),
                body: Body::Json(json!({"answer": "Corrected", "version": 0})),
                allowed: "R",
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/reviews/{review_id}/facts-confirmed"),
                body: Body::Json(json!({"version": 0})),
                allowed: "O",
            },
            Endpoint {
                method: Method::GET,
                path: format!("/api/views/reviews/{review_id}/provisional"),
                body: Body::Empty,
                allowed: "AIOR",
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/views/reviews/{review_id}/flags"),
                body: Body::Form("version=0&measure=1&text=A+wrong+date"),
                allowed: "O",
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/views/reviews/{review_id}/flags/1/answer"),
                body: Body::Form("version=0&flag=1&answer=Corrected"),
                allowed: "R",
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/views/reviews/{review_id}/facts-confirmed"),
                body: Body::Form("version=0"),
                allowed: "O",
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/reviews/{review_id}/acceptance"),
                body: Body::Json(json!({"hasConflict": false, "version": 1})),
                allowed: "R",
            },
            Endpoint {
                method: Method::GET,
                path: format!("/api/views/reviews/{review_id}/acceptance"),
                body: Body::Empty,
                allowed: "R",
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/views/reviews/{review_id}/acceptance"),
                // Over a version long gone: allowed, then refused as a clash.
                body: Body::Form("version=0&hasConflict=no"),
                allowed: "R",
            },
            Endpoint {
                method: Method::GET,
                path: format!("/api/views/reviews/{review_id}/reviewers"),
                body: Body::Empty,
                allowed: "AR",
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/views/reviews/{review_id}/reviewers"),
                body: Body::Form("version=0&reviewers=assigned%40example.nhs.uk"),
                allowed: "AR",
            },
            Endpoint {
                method: Method::PUT,
                path: format!("/api/reviews/{review_id}/reviewers"),
                // Over a version long gone: allowed, then refused as a clash, so nothing changes.
                body: Body::Json(json!({"reviewers": [ASSIGNED], "version": 0})),
                allowed: "AR",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/offer".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/offer/history".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/offer".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/offer.csv".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/offer.json".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/public/services".into(),
                body: Body::Empty,
                allowed: EVERYONE,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/public/organisations?search=leeds".into(),
                body: Body::Empty,
                allowed: EVERYONE,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/public/organisations/RR8".into(),
                body: Body::Empty,
                allowed: EVERYONE,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/public/ics".into(),
                body: Body::Empty,
                allowed: EVERYONE,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/public/ics/QWO".into(),
                body: Body::Empty,
                allowed: EVERYONE,
            },
            Endpoint {
                method: Method::PUT,
                path: "/api/organisations/RR8/offer/nhs-app".into(),
                body: Body::OfferAtCurrentVersion,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/dashboard?period=2025/26".into(),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/dashboard.csv?period=2025/26".into(),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/dashboard.json?period=2025/26".into(),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/trends".into(),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/actions".into(),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/levelling-up?period=2025/26&ics=QWO".into(),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/levelling-up?period=2025/26".into(),
                body: Body::Empty,
                allowed: "A",
            },
            // The same three pages as the app shows them, rendered by the server: the same rules.
            Endpoint {
                method: Method::GET,
                path: "/api/views/ics/QWO/dashboard?period=2025/26".into(),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/ics/QWO/trends".into(),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/levelling-up?period=2025/26&ics=QWO".into(),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/levelling-up?period=2025/26".into(),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/trends".into(),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/benchmark?period=2025/26".into(),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/actions".into(),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/organisations/RR8/actions".into(),
                // The review is a draft: allowed callers get a 422, the rest a 401 or 403.
                body: Body::Json(
                    json!({"reviewId": review_id, "measure": 1, "description": "Appoint a CCIO", "owner": "CEO", "due": "2027-01-01"}),
                ),
                allowed: "AIO",
            },
            Endpoint {
                method: Method::PUT,
                // A well-formed id that names no action: the caller is refused before anyone looks.
                path: "/api/organisations/RR8/actions/00000000-0000-4000-8000-000000000000".into(),
                body: Body::Json(
                    json!({"description": "d", "targetLevel": 3, "owner": "o", "due": "2027-01-01", "status": "done", "version": 1}),
                ),
                allowed: "AIO",
            },
            // The action plans as pages with forms: the same rules as their JSON. The review named
            // is none, so those allowed to add get a 422; the action is none, so a 404.
            Endpoint {
                method: Method::GET,
                path: "/api/views/ics/QWO/actions?overdue=true".into(),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/organisations/RR8/actions".into(),
                body: Body::Form(
                    "reviewId=none&measure=1&description=d&owner=o&due-day=1&due-month=1&due-year=2027",
                ),
                allowed: "AIO",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/organisations/RR8/actions/00000000-0000-4000-8000-000000000000?ics=QWO".into(),
                body: Body::Form("version=1&status=done"),
                allowed: "AIO",
            },
            // The evidence pack: its organisation's people upload and delete; they and the
            // reviewers of its reviews that year list and open. An empty upload is a 422 for those
            // allowed, and a well-formed id that names no document a 404: nothing is stored.
            Endpoint {
                method: Method::POST,
                path: "/api/organisations/RR8/evidence/2025-26?name=access.pdf".into(),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/evidence/2025-26".into(),
                body: Body::Empty,
                allowed: "AIOR",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/evidence/2025-26/00000000-0000-4000-8000-000000000000".into(),
                body: Body::Empty,
                allowed: "AIOR",
            },
            Endpoint {
                method: Method::DELETE,
                path: "/api/organisations/RR8/evidence/2025-26/00000000-0000-4000-8000-000000000000".into(),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/organisations/RR8/evidence/2025-26".into(),
                body: Body::Empty,
                allowed: "AIOR",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/organisations/RR8/evidence/2025-26?name=access.pdf".into(),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/organisations/RR8/evidence/2025-26/00000000-0000-4000-8000-000000000000/delete"
                    .into(),
                body: Body::Form(""),
                allowed: "AIO",
            },
            // Assessment rounds: everyone signed in sees them; administrators open them (a year
            // far off, so no review here is in it).
            Endpoint {
                method: Method::GET,
                path: "/api/rounds".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::POST,
                path: "/api/rounds".into(),
                body: Body::Json(json!({"period": "2030/31", "phases": [
                    {"name": "All measures", "opens": "2030-09-01", "closes": "2031-01-31", "measures": [1, 2, 3, 4, 5, 6, 7]}
                ]})),
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/rounds/2030-31".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/rounds/2030-31/plan".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/rounds".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            // Bids: an organisation's leads, its ICS's and administrators start, read, save and
            // submit them (the save and submission over version 0 are 409s: allowed).
            Endpoint {
                method: Method::POST,
                path: "/api/organisations/RR8/bids".into(),
                body: Body::Json(json!({"period": "2025/26"})),
                allowed: "AIO",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/bids".into(),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint { method: Method::GET, path: bid.clone(), body: Body::Empty, allowed: "AIO" },
            Endpoint { method: Method::PUT, path: bid.clone(), body: Body::Json(json!({"version": 0})), allowed: "AIO" },
            Endpoint {
                method: Method::POST,
                path: format!("{bid}/submit"),
                body: Body::Json(json!({"version": 0})),
                allowed: "AIO",
            },
            // The bid pages and forms (the autosave and the submission over version 0 are 409s).
            Endpoint {
                method: Method::GET,
                path: "/api/views/organisations/RR8/bids".into(),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/organisations/RR8/bids".into(),
                body: Body::Form("period=2025%2F26"),
                allowed: "AIO",
            },
            Endpoint {
                method: Method::GET,
                path: bid.replacen("/api/", "/api/views/", 1),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::POST,
                path: format!("{}/draft", bid.replacen("/api/", "/api/views/", 1)),
                body: Body::Form("version=0&purpose=x"),
                allowed: "AIO",
            },
            Endpoint {
                method: Method::POST,
                path: bid.replacen("/api/", "/api/views/", 1),
                body: Body::Form("version=0&purpose=x"),
                allowed: "AIO",
            },
            // The review board: administrators only (deciding a draft is a 404: allowed).
            Endpoint { method: Method::GET, path: format!("{year}/board"), body: Body::Empty, allowed: "A" },
            Endpoint { method: Method::GET, path: format!("{year}/board.csv"), body: Body::Empty, allowed: "A" },
            Endpoint {
                method: Method::POST,
                path: format!("{bid}/decision"),
                body: Body::Json(json!({"version": 0})),
                allowed: "A",
            },
            Endpoint { method: Method::GET, path: format!("{year}/fairness"), body: Body::Empty, allowed: "A" },
            Endpoint { method: Method::GET, path: format!("{year}/fairness.csv"), body: Body::Empty, allowed: "A" },
            Endpoint {
                method: Method::GET,
                path: "/api/views/review-board?period=2025%2F26".into(),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/review-board/fairness?period=2025%2F26".into(),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: bid.replacen("/api/organisations/", "/api/views/review-board/", 1).replacen("/bids/", "/", 1),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: bid.replacen("/api/organisations/", "/api/views/review-board/", 1).replacen("/bids/", "/", 1),
                body: Body::Form("version=0"),
                allowed: "A",
            },
            // Tech spend: an organisation's for its lead, its ICS's lead and administrators (a
            // second save over version 0 is a 409, still allowed); an ICS's members' for its lead
            // and administrators.
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/tech-spend/2025-26".into(),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::PUT,
                path: "/api/organisations/RR8/tech-spend/2025-26".into(),
                body: Body::Json(json!({"budget": "1,000", "lines": [{"category": "cloud-and-data-centres", "revenue": "400"}], "version": 0})),
                allowed: "AIO",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/tech-spend/2025-26".into(),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/tech-spend/2025-26/export.csv".into(),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/organisations/RR8/tech-spend?period=2025/26".into(),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/organisations/RR8/tech-spend".into(),
                body: Body::Form("period=2025%2F26&version=0&budget=1%2C000&cloud-and-data-centres-revenue=400"),
                allowed: "AIO",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/ics/QWO/tech-spend".into(),
                body: Body::Empty,
                allowed: "AI",
            },
            // Benefits: an organisation's for its lead, its ICS's lead and administrators (each
            // adds one; a value realised over version 0 is a 409, still allowed); an ICS's
            // members' for its lead and administrators.
            Endpoint {
                method: Method::GET,
                path: "/api/organisations/RR8/benefits?period=2025/26".into(),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/organisations/RR8/benefits".into(),
                body: Body::Json(benefit.clone()),
                allowed: "AIO",
            },
            Endpoint {
                method: Method::POST,
                path: realised.clone(),
                body: Body::Json(json!({"on": "2026-01-05", "value": "300", "version": 0})),
                allowed: "AIO",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/benefits".into(),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/ics/QWO/benefits.csv".into(),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/organisations/RR8/benefits?period=2025/26".into(),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/organisations/RR8/benefits".into(),
                body: Body::Form(
                    "period=2025%2F26&fundedBy=allocation%3A2025%2F26%3Aaccess-fund&description=Fewer+lost+notes&kind=non-cash-releasing&unit=count&baseline=40&target=10&due-day=31&due-month=3&due-year=2027",
                ),
                allowed: "AIO",
            },
            Endpoint {
                method: Method::POST,
                path: realised.replacen("/api/", "/api/views/", 1),
                body: Body::Form("version=0"),
                allowed: "AIO",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/ics/QWO/benefits".into(),
                body: Body::Empty,
                allowed: "AI",
            },
            // A round's progress (2030/31's, opened by the row above): an ICS's for its lead and
            // its region's team, a region's for its team, the country's for administrators.
            Endpoint {
                method: Method::GET,
                path: "/api/rounds/2030-31/progress?ics=QWO".into(),
                body: Body::Empty,
                allowed: "AIG",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/rounds/2030-31/progress.csv?region=north-east-and-yorkshire".into(),
                body: Body::Empty,
                allowed: "AG",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/rounds/2030-31/progress?region=england".into(),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/rounds".into(),
                // A year with a round already (from the row above): allowed, then refused as a clash.
                body: Body::Form(
                    "period=2030%2F31&phase-0-name=All&phase-0-opens-day=1&phase-0-opens-month=9&phase-0-opens-year=2030&phase-0-closes-day=31&phase-0-closes-month=1&phase-0-closes-year=2031&phase-0-measures-1=yes&phase-0-measures-2=yes&phase-0-measures-3=yes&phase-0-measures-4=yes&phase-0-measures-5=yes&phase-0-measures-6=yes&phase-0-measures-7=yes",
                ),
                allowed: "A",
            },
            // One's own work, as JSON and as the page: anyone signed in, each their own.
            Endpoint {
                method: Method::GET,
                path: "/api/my-work".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/my-work".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            // Funding: allowed callers are refused only for what they ask (stale versions: 409).
            Endpoint {
                method: Method::GET,
                path: format!("{year}/funds"),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::POST,
                path: format!("{year}/funds"),
                body: Body::Json(json!(wgll_tests::funding::new_fund("another", "fair-shares", &[1]))),
                allowed: "A",
            },
            Endpoint {
                method: Method::PUT,
                path: format!("{year}/funds/access-fund"),
                body: Body::Json(json!({"fund": fund.clone(), "version": 99})),
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/funds/access-fund/history"),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/populations"),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::PUT,
                path: format!("{year}/populations/RR8"),
                body: Body::Json(json!({"weightedPopulation": 2, "source": "ONS", "version": 99})),
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/suggestion-thresholds"),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::PUT,
                path: format!("{year}/suggestion-thresholds"),
                body: Body::Json(
                    json!({"thresholds": {"minimum": 3, "significantShareBelowPercent": 25, "wideSpreadLevels": 2}, "version": 99}),
                ),
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/funds/access-fund/suggestion?recipients=RR8,RXF"),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: format!("{year}/funds/access-fund/allocation/preview"),
                body: Body::Json(json!({"recipients": ["RR8", "RXF"]})),
                allowed: "A",
            },
            Endpoint {
                method: Method::PUT,
                path: format!("{year}/funds/access-fund/allocation"),
                body: Body::Json(json!({"recipients": ["RR8", "RXF"], "version": 99})),
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/funds/access-fund/allocation"),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/funds/access-fund/allocation.csv"),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/funds/access-fund/allocation.json"),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::PUT,
                path: format!("{year}/envelopes"),
                body: Body::Json(
                    json!({"pot": 1000, "principle": "fair-shares", "recipients": ["QWO", "QHM"], "version": 99}),
                ),
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/envelopes"),
                body: Body::Empty,
                allowed: "AIi",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/envelopes/history"),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/funds/access-fund/allocation/history"),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/envelopes.csv"),
                body: Body::Empty,
                allowed: "AIi",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/envelopes.json"),
                body: Body::Empty,
                allowed: "AIi",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/ics/QWO/allocation"),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/ics/QWO/allocation.csv"),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/ics/QWO/allocation.json"),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::PUT,
                path: format!("{year}/ics/QWO/allocation"),
                body: Body::Json(
                    json!({"weights": [{"provider": "RR8", "programme": "cyber", "weight": 1, "basis": "equal"}], "version": 99}),
                ),
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: format!("{year}/ics/QWO/changes"),
                body: Body::Json(
                    json!({"moves": [{"provider": "RR8", "programme": "cyber", "pence": 1}], "reason": "r", "allocationVersion": 1}),
                ),
                allowed: "AI",
            },
            Endpoint {
                method: Method::POST,
                path: format!("{year}/ics/QWO/changes/{change}/approve"),
                body: Body::Json(json!({"version": 99})),
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: format!("{year}/ics/QWO/changes/{change}/return"),
                body: Body::Json(json!({"reason": "r", "version": 99})),
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/ics/QWO/history"),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/ics/QWO/autonomy"),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::GET,
                path: format!("{year}/autonomy-rules"),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::PUT,
                path: format!("{year}/autonomy-rules"),
                body: Body::Json(json!({"rules": rules.clone(), "version": 99})),
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/organisations/RR8/digital-services/contact".into(),
                body: Body::Form("version=99&phone=0113+243+3144"),
                allowed: "AIO",
            },
            // A service of the offer: its page, and its form (a stale version: allowed, then
            // refused as a clash, nothing saved).
            Endpoint {
                method: Method::GET,
                path: "/api/views/organisations/RR8/digital-services/test-results".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/organisations/RR8/digital-services/test-results".into(),
                body: Body::Form("version=99&status=planned&last-checked-day=1&last-checked-month=4&last-checked-year=2025"),
                allowed: "AIO",
            },
            // The funding pages and the ICS funding page's forms.
            Endpoint {
                method: Method::GET,
                path: "/api/views/funding?period=2025/26".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/funding/access-fund?period=2025/26".into(),
                body: Body::Empty,
                allowed: SIGNED_IN,
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/organisations/RR8/funding?period=2025/26".into(),
                body: Body::Empty,
                allowed: "AIO",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/ics/QWO/funding?period=2025/26".into(),
                body: Body::Empty,
                allowed: "AI",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/ics/QWO/funding/changes?period=2025/26".into(),
                body: Body::Form("allocationVersion=1&reason=r&move-RR8-cyber=0.01"),
                allowed: "AI",
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/views/ics/QWO/funding/changes/{change}/approve?period=2025/26"),
                body: Body::Form("version=99"),
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: format!("/api/views/ics/QWO/funding/changes/{change}/return?period=2025/26"),
                body: Body::Form("version=99&reason=r"),
                allowed: "A",
            },
            // The administrators' funding setup pages and their forms.
            Endpoint {
                method: Method::GET,
                path: "/api/views/funding-setup/new-fund?period=2027/28".into(),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/funding-setup/new-fund?period=2027/28".into(),
                body: Body::Form(
                    "id=access-2027&name=x&total=1&capital=1&revenue=0&principle=fair-shares&measures=1&category=training",
                ),
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/funding-setup/funds/access-fund?period=2025/26".into(),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/funding-setup/funds/access-fund?period=2025/26".into(),
                body: Body::Form(
                    "version=99&name=x&total=1&capital=1&revenue=0&principle=fair-shares&measures=1&category=training",
                ),
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/funding-setup/populations?period=2025/26".into(),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/funding-setup/populations?period=2025/26".into(),
                body: Body::Form("version=99&ods=RR8&weightedPopulation=1&source=s"),
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/funding-setup/funds/access-fund/allocation?period=2025/26".into(),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/funding-setup/funds/access-fund/allocation/preview?period=2025/26".into(),
                body: Body::Form("recipients=RR8"),
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/funding-setup/funds/access-fund/allocation?period=2025/26".into(),
                body: Body::Form("version=99&recipients=RR8"),
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/funding-setup/envelopes?period=2025/26".into(),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/funding-setup/envelopes/preview?period=2025/26".into(),
                body: Body::Form("pot=1&principle=fair-shares&recipients=QWO"),
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/funding-setup/envelopes?period=2025/26".into(),
                body: Body::Form("version=99&pot=1&principle=fair-shares&recipients=QWO"),
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/funding-setup/ics/QWO/split?period=2025/26".into(),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/funding-setup/ics/QWO/split?period=2025/26".into(),
                body: Body::Form("version=99&line-1-provider=RR8&line-1-programme=cyber&line-1-weight=1"),
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: "/api/views/funding-setup/settings?period=2025/26".into(),
                body: Body::Empty,
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/funding-setup/settings/thresholds?period=2025/26".into(),
                body: Body::Form("version=99&minimum=3&significantShareBelowPercent=10&wideSpreadLevels=2"),
                allowed: "A",
            },
            Endpoint {
                method: Method::POST,
                path: "/api/views/funding-setup/settings/autonomy-rules?period=2025/26".into(),
                body: Body::Form(
                    "version=99&reviewsFrom=2024/25&governanceMeasure=1&governanceMinimum=4&digitisationMeasures=2&digitisationMinimum=3&memberCoveragePercent=100&memberMinimum=3",
                ),
                allowed: "A",
            },
            Endpoint {
                method: Method::GET,
                path: "/digital-services?search=leeds".into(),
                body: Body::Empty,
                allowed: EVERYONE,
            },
            Endpoint {
                method: Method::GET,
                path: "/digital-services/RR8".into(),
                body: Body::Empty,
                allowed: EVERYONE,
            },
            Endpoint {
                method: Method::GET,
                path: "/digital-services/RR8/report".into(),
                body: Body::Empty,
                allowed: EVERYONE,
            },
            Endpoint {
                method: Method::POST,
                path: "/digital-services/RR8/report".into(),
                body: Body::Form("message=From+the+access+test"),
                allowed: EVERYONE,
            },
            Endpoint {
                method: Method::GET,
                path: "/digital-services/ics/QWO".into(),
                body: Body::Empty,
                allowed: EVERYONE,
            },
        ];
        for endpoint in endpoints {
            if endpoint.path.starts_with("/api/") {
                covered.insert(operation(&described, &endpoint.method, &endpoint.path));
            }
            let expected = endpoint.allowed.contains(persona.key);
            let mut form = None;
            let body = match endpoint.body {
                Body::Empty => None,
                Body::Form(fields) => {
                    form = Some(fields);
                    None
                }
                Body::Json(body) => Some(body),
                Body::MeasureAtCurrentVersion => Some(
                    json!({"level": 2, "evidence": persona.label, "version": current_version(&app, &review_id).await}),
                ),
                Body::OfferAtCurrentVersion => Some(json!({
                    "status": "planned", "lastChecked": "2026-01-05", "version": offer_version(&app, "nhs-app").await
                })),
            };
            let mut request = as_persona.request(endpoint.method.clone(), &endpoint.path);
            if let Some(body) = &body {
                request = request.json(body);
            }
            if let Some(fields) = form {
                request = request.header("content-type", "application/x-www-form-urlencoded").body(fields);
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
                let refusal = if signed_in { 403 } else { 401 };
                assert_eq!(status, refusal, "{what} should be refused");
                refused += 1;
            }
            checked += 1;
        }
        // Who am I: anyone signed in, nobody else.
        let me = as_persona.get("/api/me").await.status().as_u16();
        assert_eq!(me, if signed_in { 200 } else { 401 }, "/api/me for {}", persona.label);
        covered.insert(("GET".to_owned(), "/api/me".to_owned()));
    }
    // Every row reaches a described operation (`operation` refuses one that does not), and every
    // described operation has a row.
    let unchecked: Vec<_> = described.difference(&covered).collect();
    assert!(
        unchecked.is_empty(),
        "operations described in /api/openapi.json without a row here: {unchecked:?}"
    );
    assert_eq!(checked, 11 * 213);
    // The refusals, counted from the rows: 9 personas less those allowed, for 18 rows open to
    // everyone (0), 15 to anyone signed in (1 each), 10 "AIO" (6), 10 "AI" (7), 5 "AIOR" (5),
    // 4 "A" (8) and 4 "R" (8): 15 + 60 + 70 + 25 + 32 + 32; and funding's 31: 3 to anyone signed
    // in (1), 16 "A" (8), 3 "AIO" (6), 3 "AIi" (6) and 6 "AI" (7): 3 + 128 + 18 + 18 + 42; and
    // the funding pages' 7: 2 to anyone signed in (1), 1 "AIO" (6), 2 "AI" (7) and 2 "A" (8):
    // 2 + 6 + 14 + 16; and the contact details form, "AIO" (6); and the rounds' 6: 4 to anyone
    // signed in (1) and 2 "A" (8); and a reviewer's acceptance, "R" (8), and a change of
    // reviewers, "AR" (7), with their pages and forms (2 "R", 2 "AR": 30); and the
    // self-assessment beside a peer review, "AIOR" (5); and the funding setup pages and forms'
    // 17, each "A" (8): 136. That is 693 with the nine personas before the regions' teams; their
    // two more are refused by each of the 93 rows open to neither everyone nor anyone signed in:
    // 186. Then regional validation's 5 rows: 2 "AGg" (8) and 3 "AG" (9): 43; and the
    // provisional release's 7: 4 "O" (10), 2 "R" (10) and 1 "AIOR" (7): 67; and the form that
    // adds an organisation, open to anyone signed in (1), posted "AI" (9): 10; and the evidence
    // pack's 7 with its page and forms: 4 "AIO" (8) and 3 "AIOR" (7): 53; and peer pairs' 4, each
    // "A" (10): 40; and a round's progress: "AIG" (8), "AG" (9) and "A" (10): 27; and one's own
    // work, as JSON and as the page, each open to anyone signed in (1): 2; and tech spend's 7:
    // 4 "AIO" (8) and 3 "AI" (9): 59; and bids' 5, each "AIO" (8): 40, and their pages and
    // forms' 5, each "AIO" (8): 40; and the action plans' pages and forms: the ICS's list "AI"
    // (9), the form that adds an action and a status change "AIO" (8 each): 25; and the review
    // board's 9 with its pages and form, each "A" (10): 90; and benefits' 9 with their pages and
    // forms: 6 "AIO" (8) and 3 "AI" (9): 75; and the review's own page, "AIOR" (7), with its
    // forms: the agreed levels and a step "R" (10 each), a reopening "A" (10): 37; and an
    // organisation's page, open to anyone signed in (1), with its form that starts a review, "AIO"
    // (8): 9; and the import page and its form, each open to anyone signed in (1): 2; and a
    // service of the offer's page, open to anyone signed in (1), with its form, "AIO" (8): 9.
    assert_eq!(
        refused,
        693 + 186 + 43 + 67 + 10 + 53 + 40 + 27 + 2 + 59 + 40 + 40 + 25 + 90 + 75 + 37 + 9 + 2 + 9
    );
}

/// Every (method, path template) that `/api/openapi.json` describes, e.g. `("GET", "/api/reviews/{id}")`.
async fn described_operations(app: &TestApp) -> BTreeSet<(String, String)> {
    let doc = json(app.get("/api/openapi.json").await, 200).await;
    let mut operations = BTreeSet::new();
    for (path, item) in doc["paths"].as_object().expect("the description has paths") {
        for method in item.as_object().unwrap().keys() {
            operations.insert((method.to_ascii_uppercase(), path.clone()));
        }
    }
    operations
}

/// The described operation a request reaches: the template of its method whose fixed segments
/// all match, preferring a fixed segment to a parameter as the router does (so
/// `/offer/history` is not `/offer/{service}`).
fn operation(described: &BTreeSet<(String, String)>, method: &Method, path: &str) -> (String, String) {
    let path = path.split('?').next().unwrap();
    let segments: Vec<&str> = path.split('/').collect();
    let fits = |template: &str| {
        let parts: Vec<&str> = template.split('/').collect();
        let matches = parts.len() == segments.len()
            && parts.iter().zip(&segments).all(|(part, segment)| part.starts_with('{') || part == segment);
        matches.then(|| parts.iter().filter(|part| !part.starts_with('{')).count())
    };
    described
        .iter()
        .filter(|(described_method, _)| described_method == method.as_str())
        .filter_map(|(_, template)| fits(template).map(|fixed| (fixed, template)))
        .max_by_key(|(fixed, _)| *fixed)
        .map(|(_, template)| (method.as_str().to_owned(), template.clone()))
        .unwrap_or_else(|| panic!("{method} {path} is not described in /api/openapi.json"))
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
    let reviewers = [wgll_shared::email::Email::parse(ASSIGNED).unwrap()];
    let review = Target { organisation: Some(&rr8), ics: Some(&qwo), reviewers: &reviewers, region: None };
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
    app.add_ics_and_trust().await;
    for reviewer in [ASSIGNED, "someone.else@example.nhs.uk"] {
        app.start_review("RR8", "2025/26", "peer-review", &[reviewer]).await;
    }
    let assigned = app.signed_in_as("Assigned", ASSIGNED, &["reviewer"]);
    let listed = json(assigned.get("/api/organisations/RR8/reviews").await, 200).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["reviewers"], json!([ASSIGNED]));
    let lead = app.signed_in_as("Lead", "rr8@example.nhs.uk", &["organisation-lead:RR8"]);
    assert_eq!(
        json(lead.get("/api/organisations/RR8/reviews").await, 200).await.as_array().unwrap().len(),
        2
    );
}

#[tokio::test]
async fn an_anonymous_write_is_refused_before_its_body_is_read() {
    let app = TestApp::spawn().await;
    let review = app.add_ics_and_trust_with_a_review(&[ASSIGNED]).await;
    let public = app.acting_as(None);
    let writes = [
        (Method::POST, "/api/organisations".to_owned()),
        (Method::POST, "/api/reviews".to_owned()),
        (Method::POST, "/api/reviews/import".to_owned()),
        (Method::PUT, format!("/api/reviews/{review}/measures/1")),
        (Method::PUT, format!("/api/reviews/{review}/measures/1/agreed")),
        (Method::PUT, format!("/api/reviews/{review}/agreed")),
        (Method::POST, format!("/api/reviews/{review}/status")),
        (Method::PUT, "/api/organisations/RR8/offer/nhs-app".to_owned()),
        (Method::POST, "/api/organisations/RR8/actions".to_owned()),
        (Method::PUT, "/api/organisations/RR8/actions/an-action".to_owned()),
        (Method::POST, "/api/organisations/RR8/evidence/2025-26?name=a.pdf".to_owned()),
        (Method::POST, "/api/organisations/RR8/benefits".to_owned()),
    ];
    for (method, path) in writes {
        // An empty body, one that is not JSON, and one with the wrong fields: each would be a 400
        // or a 422 naming a field from a signed-in user. The public is told to sign in, nothing else.
        for body in ["", "not json", r#"{"unknown": true}"#] {
            let response = public
                .request(method.clone(), &path)
                .header("content-type", "application/json")
                .body(body)
                .send()
                .await
                .unwrap();
            assert_eq!(response.headers()["www-authenticate"], "Bearer", "{method} {path}");
            let problem = json(response, 401).await;
            assert_eq!(problem["detail"], "Sign in to do this.", "{method} {path} with {body:?}");
            assert!(problem.get("errors").is_none_or(|errors| errors.as_array().unwrap().is_empty()));
        }
    }
}

#[tokio::test]
async fn a_refusal_says_who_may_do_it() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let reviewer = app.signed_in_as("Rae", "rae@example.nhs.uk", &["reviewer"]);
    let ics = json!({"odsCode": "QHM", "name": "Cumbria and North East ICS", "kind": "ics"});
    let problem = json(reviewer.post("/api/organisations", &ics).await, 403).await;
    assert_eq!(problem["detail"], "Only an administrator can add an ICS.");
    let problem = json(reviewer.get("/api/ics/QWO/dashboard").await, 403).await;
    assert_eq!(problem["detail"], "Only the ICS’s lead or an administrator can see the ICS’s outcomes.");
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
