//! The API against a real DynamoDB Local: what a client of each endpoint would notice.

use serde_json::{Value, json};
use wgll_tests::{LEAD_REVIEWER, TestApp, json};

/// A peer review as the API answers its creation (the harness's `start_review` keeps only the id).
async fn start_review(app: &TestApp, ods: &str, period: &str) -> Value {
    let body =
        json!({"organisation": ods, "period": period, "kind": "peer-review", "reviewers": [LEAD_REVIEWER]});
    let review = json(app.post("/api/reviews", &body).await, 201).await;
    app.acting_as(app.token.clone()).accept_review(review["id"].as_str().unwrap()).await;
    review
}

fn field_names(problem: &Value) -> Vec<&str> {
    problem["errors"].as_array().expect("errors list").iter().map(|e| e["field"].as_str().unwrap()).collect()
}

#[tokio::test]
async fn health_says_the_database_is_reachable() {
    let app = TestApp::spawn().await;
    let health = json(app.get("/api/health").await, 200).await;
    assert_eq!(health, json!({"status": "ok", "database": "reachable"}));
}

#[tokio::test]
async fn openapi_describes_every_endpoint() {
    let app = TestApp::spawn().await;
    let doc = json(app.get("/api/openapi.json").await, 200).await;
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let mut paths: Vec<&str> = doc["paths"].as_object().unwrap().keys().map(String::as_str).collect();
    paths.sort_unstable();
    assert_eq!(
        paths,
        [
            "/api/dev/jwks.json",
            "/api/dev/sign-in",
            "/api/frameworks",
            "/api/frameworks/{id}",
            "/api/funding/{period}/autonomy-rules",
            "/api/funding/{period}/board",
            "/api/funding/{period}/board.csv",
            "/api/funding/{period}/envelopes",
            "/api/funding/{period}/envelopes.csv",
            "/api/funding/{period}/envelopes.json",
            "/api/funding/{period}/envelopes/history",
            "/api/funding/{period}/fairness",
            "/api/funding/{period}/fairness.csv",
            "/api/funding/{period}/funds",
            "/api/funding/{period}/funds/{fund}",
            "/api/funding/{period}/funds/{fund}/allocation",
            "/api/funding/{period}/funds/{fund}/allocation.csv",
            "/api/funding/{period}/funds/{fund}/allocation.json",
            "/api/funding/{period}/funds/{fund}/allocation/history",
            "/api/funding/{period}/funds/{fund}/allocation/preview",
            "/api/funding/{period}/funds/{fund}/history",
            "/api/funding/{period}/funds/{fund}/suggestion",
            "/api/funding/{period}/ics/{ics}/allocation",
            "/api/funding/{period}/ics/{ics}/allocation.csv",
            "/api/funding/{period}/ics/{ics}/allocation.json",
            "/api/funding/{period}/ics/{ics}/autonomy",
            "/api/funding/{period}/ics/{ics}/changes",
            "/api/funding/{period}/ics/{ics}/changes/{id}/approve",
            "/api/funding/{period}/ics/{ics}/changes/{id}/return",
            "/api/funding/{period}/ics/{ics}/history",
            "/api/funding/{period}/populations",
            "/api/funding/{period}/populations/{ods}",
            "/api/funding/{period}/suggestion-thresholds",
            "/api/health",
            "/api/ics/{ics}/actions",
            "/api/ics/{ics}/benefits",
            "/api/ics/{ics}/benefits.csv",
            "/api/ics/{ics}/dashboard",
            "/api/ics/{ics}/dashboard.csv",
            "/api/ics/{ics}/dashboard.json",
            "/api/ics/{ics}/offer",
            "/api/ics/{ics}/offer.csv",
            "/api/ics/{ics}/offer.json",
            "/api/ics/{ics}/reviews",
            "/api/ics/{ics}/tech-spend/{period}",
            "/api/ics/{ics}/tech-spend/{period}/export.csv",
            "/api/ics/{ics}/trends",
            "/api/levelling-up",
            "/api/me",
            "/api/my-work",
            "/api/openapi.json",
            "/api/organisations",
            "/api/organisations/{ods}",
            "/api/organisations/{ods}/actions",
            "/api/organisations/{ods}/actions/{id}",
            "/api/organisations/{ods}/benchmark",
            "/api/organisations/{ods}/benefits",
            "/api/organisations/{ods}/benefits/{id}/realised",
            "/api/organisations/{ods}/bids",
            "/api/organisations/{ods}/bids/{id}",
            "/api/organisations/{ods}/bids/{id}/decision",
            "/api/organisations/{ods}/bids/{id}/submit",
            "/api/organisations/{ods}/comparison",
            "/api/organisations/{ods}/evidence/{period}",
            "/api/organisations/{ods}/evidence/{period}/{id}",
            "/api/organisations/{ods}/offer",
            "/api/organisations/{ods}/offer/history",
            "/api/organisations/{ods}/offer/{service}",
            "/api/organisations/{ods}/reviews",
            "/api/organisations/{ods}/tech-spend/{period}",
            "/api/organisations/{ods}/trends",
            "/api/public/ics",
            "/api/public/ics/{ics}",
            "/api/public/organisations",
            "/api/public/organisations/{ods}",
            "/api/public/services",
            "/api/reviews",
            "/api/reviews/import",
            "/api/reviews/{id}",
            "/api/reviews/{id}/acceptance",
            "/api/reviews/{id}/agreed",
            "/api/reviews/{id}/export.csv",
            "/api/reviews/{id}/export.json",
            "/api/reviews/{id}/facts-confirmed",
            "/api/reviews/{id}/flags",
            "/api/reviews/{id}/flags/{number}/answer",
            "/api/reviews/{id}/history",
            "/api/reviews/{id}/measures/{number}",
            "/api/reviews/{id}/measures/{number}/agreed",
            "/api/reviews/{id}/peer",
            "/api/reviews/{id}/peers",
            "/api/reviews/{id}/reviewers",
            "/api/reviews/{id}/self-assessment",
            "/api/reviews/{id}/status",
            "/api/reviews/{id}/validation",
            "/api/rounds",
            "/api/rounds/{period}",
            "/api/rounds/{period}/plan",
            "/api/rounds/{period}/progress",
            "/api/rounds/{period}/progress.csv",
            "/api/sign-in",
            "/api/validation",
            "/api/views/framework",
            "/api/views/funding",
            "/api/views/funding-setup/envelopes",
            "/api/views/funding-setup/envelopes/preview",
            "/api/views/funding-setup/funds/{fund}",
            "/api/views/funding-setup/funds/{fund}/allocation",
            "/api/views/funding-setup/funds/{fund}/allocation/preview",
            "/api/views/funding-setup/ics/{ics}/split",
            "/api/views/funding-setup/new-fund",
            "/api/views/funding-setup/populations",
            "/api/views/funding-setup/settings",
            "/api/views/funding-setup/settings/autonomy-rules",
            "/api/views/funding-setup/settings/thresholds",
            "/api/views/funding/{fund}",
            "/api/views/ics/{ics}/actions",
            "/api/views/ics/{ics}/benefits",
            "/api/views/ics/{ics}/dashboard",
            "/api/views/ics/{ics}/digital-services",
            "/api/views/ics/{ics}/funding",
            "/api/views/ics/{ics}/funding/changes",
            "/api/views/ics/{ics}/funding/changes/{id}/approve",
            "/api/views/ics/{ics}/funding/changes/{id}/return",
            "/api/views/ics/{ics}/tech-spend",
            "/api/views/ics/{ics}/trends",
            "/api/views/levelling-up",
            "/api/views/my-work",
            "/api/views/organisations",
            "/api/views/organisations/new",
            "/api/views/organisations/{ods}",
            "/api/views/organisations/{ods}/actions",
            "/api/views/organisations/{ods}/actions/{id}",
            "/api/views/organisations/{ods}/benefits",
            "/api/views/organisations/{ods}/benefits/{id}/realised",
            "/api/views/organisations/{ods}/bids",
            "/api/views/organisations/{ods}/bids/{id}",
            "/api/views/organisations/{ods}/bids/{id}/draft",
            "/api/views/organisations/{ods}/comparison",
            "/api/views/organisations/{ods}/digital-services",
            "/api/views/organisations/{ods}/digital-services/contact",
            "/api/views/organisations/{ods}/digital-services/{service}",
            "/api/views/organisations/{ods}/evidence/{period}",
            "/api/views/organisations/{ods}/evidence/{period}/{id}/delete",
            "/api/views/organisations/{ods}/funding",
            "/api/views/organisations/{ods}/outcomes",
            "/api/views/organisations/{ods}/reviews",
            "/api/views/organisations/{ods}/tech-spend",
            "/api/views/review-board",
            "/api/views/review-board/fairness",
            "/api/views/review-board/{ods}/{id}",
            "/api/views/reviews/import",
            "/api/views/reviews/{id}",
            "/api/views/reviews/{id}/acceptance",
            "/api/views/reviews/{id}/agreed",
            "/api/views/reviews/{id}/facts-confirmed",
            "/api/views/reviews/{id}/flags",
            "/api/views/reviews/{id}/flags/{number}/answer",
            "/api/views/reviews/{id}/peers",
            "/api/views/reviews/{id}/provisional",
            "/api/views/reviews/{id}/report",
            "/api/views/reviews/{id}/reviewers",
            "/api/views/reviews/{id}/status",
            "/api/views/reviews/{id}/validation",
            "/api/views/rounds",
            "/api/views/rounds/{period}/progress",
            "/api/views/validation",
        ]
    );
    assert!(doc["components"]["schemas"]["NewOrganisation"].is_object());

    // A generated client calls the URLs the description gives: a path parameter is a segment of
    // its path, and a query string's parameters are `in: query`.
    let parameters = |path: &str, method: &str| -> Vec<(String, String)> {
        doc["paths"][path][method]["parameters"]
            .as_array()
            .map(|list| {
                list.iter()
                    .map(|p| (p["name"].as_str().unwrap().to_owned(), p["in"].as_str().unwrap().to_owned()))
                    .collect()
            })
            .unwrap_or_default()
    };
    for path in &paths {
        for method in doc["paths"][path].as_object().unwrap().keys() {
            for (name, place) in parameters(path, method) {
                assert_eq!(
                    place == "path",
                    path.contains(&format!("{{{name}}}")),
                    "{method} {path}: parameter {name} is in {place}"
                );
            }
        }
    }
    // Each operation has an id of its own, as OpenAPI requires (a generated client names its
    // functions by them, and the fuzzing run's validator refuses the document otherwise).
    let mut ids = std::collections::BTreeMap::new();
    for (path, operations) in doc["paths"].as_object().unwrap() {
        for (method, operation) in operations.as_object().unwrap() {
            let id = operation["operationId"].as_str().unwrap_or_else(|| panic!("{method} {path} has no id"));
            if let Some(other) = ids.insert(id.to_owned(), format!("{method} {path}")) {
                panic!("{method} {path} and {other} share the operation id {id}");
            }
        }
    }
    let pair = |name: &str, place: &str| (name.to_owned(), place.to_owned());
    assert_eq!(parameters("/api/ics/{ics}/dashboard", "get"), [pair("ics", "path"), pair("period", "query")]);
    assert_eq!(
        parameters("/api/levelling-up", "get"),
        [pair("period", "query"), pair("minimum", "query"), pair("ics", "query")]
    );
}

/// The constraints the API enforces, as a generated client reads them from the description
/// (following `$ref`s as it would): what it may send before it sends anything.
#[tokio::test]
async fn openapi_states_the_constraints_the_api_enforces() {
    let app = TestApp::spawn().await;
    let doc = json(app.get("/api/openapi.json").await, 200).await;
    let resolve = |schema: &Value| -> Value {
        match schema["$ref"].as_str() {
            Some(reference) => {
                let name = reference.strip_prefix("#/components/schemas/").expect("a local reference");
                doc["components"]["schemas"][name].clone()
            }
            None => schema.clone(),
        }
    };
    let parameter = |path: &str, method: &str, name: &str| -> Value {
        let parameters = doc["paths"][path][method]["parameters"].as_array().expect("parameters");
        resolve(&parameters.iter().find(|p| p["name"] == name).expect("the parameter")["schema"])
    };
    let property =
        |schema: &str, name: &str| resolve(&doc["components"]["schemas"][schema]["properties"][name]);

    // An ODS code in a path: 3 to 6 letters and digits, at least one a letter.
    let ods = parameter("/api/organisations/{ods}", "get", "ods");
    assert_eq!(
        (&ods["type"], &ods["pattern"], &ods["minLength"], &ods["maxLength"]),
        (&json!("string"), &json!("^[0-9]*[A-Za-z][A-Za-z0-9]*$"), &json!(3), &json!(6))
    );
    assert_eq!(parameter("/api/ics/{ics}/dashboard", "get", "ics"), ods);
    // A success measure: 1 to 7; a maturity level: 1 to 5.
    let measure = parameter("/api/reviews/{id}/measures/{number}", "put", "number");
    assert_eq!(
        (&measure["type"], &measure["minimum"], &measure["maximum"]),
        (&json!("integer"), &json!(1), &json!(7))
    );
    assert_eq!(property("NewAction", "measure"), measure);
    let level = property("AgreedLevelUpdate", "level");
    assert_eq!((&level["minimum"], &level["maximum"]), (&json!(1), &json!(5)));
    assert_eq!(parameter("/api/levelling-up", "get", "minimum"), level);
    // A period: every financial year from 2018/19 to 2100/01.
    let period = parameter("/api/ics/{ics}/dashboard", "get", "period");
    let years = period["enum"].as_array().expect("the financial years");
    assert_eq!(
        (years.len(), &years[0], &years[7], &years[82]),
        (83, &json!("2018/19"), &json!("2025/26"), &json!("2100/01"))
    );
    assert_eq!(property("NewReview", "period"), period);
    // Dates, and which fields must be there.
    let due = property("NewAction", "due");
    assert_eq!(
        (&due["format"], &due["pattern"]),
        (&json!("date"), &json!("^(199[0-9]|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])$"))
    );
    assert_eq!(
        doc["components"]["schemas"]["ServiceOfferUpdate"]["required"],
        json!(["status", "lastChecked", "version"])
    );
    // Enumerations: the catalogue's services, the kinds of review.
    let service = parameter("/api/organisations/{ods}/offer/{service}", "put", "service");
    assert_eq!(service["enum"].as_array().map(Vec::len), Some(17));
    assert_eq!(service["enum"][1], "nhs-app");
    assert_eq!(property("NewReview", "kind")["enum"], json!(["self-assessment", "peer-review"]));
    // A public search: 2 to 100 characters.
    let search = parameter("/api/public/organisations", "get", "search");
    assert_eq!((&search["minLength"], &search["maxLength"]), (&json!(2), &json!(100)));
    // Ids the server gives, and moments: one written form each.
    let uuid = json!("^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$");
    let review_id = parameter("/api/reviews/{id}", "get", "id");
    assert_eq!((&review_id["format"], &review_id["pattern"]), (&json!("uuid"), &uuid));
    assert_eq!(parameter("/api/organisations/{ods}/actions/{id}", "put", "id")["pattern"], uuid);
    assert_eq!(property("PlannedAction", "reviewId"), review_id);
    let updated = property("Review", "updatedAt");
    assert_eq!(
        (&updated["format"], &updated["pattern"]),
        (
            &json!("date-time"),
            &json!(
                r"^(199[0-9]|20[0-9]{2}|2100)-(0[1-9]|1[0-2])-(0[1-9]|[12][0-9]|3[01])T([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9]\.[0-9]{3}Z$"
            )
        )
    );
    // Free text: a required name of at most 200 characters; reviewers are 1 to 12 email addresses.
    let new_organisation = &doc["components"]["schemas"]["NewOrganisation"]["oneOf"];
    let name = &new_organisation[0]["properties"]["name"];
    assert_eq!((&name["minLength"], &name["maxLength"]), (&json!(1), &json!(200)));
    let reviewers = property("NewReview", "reviewers");
    assert_eq!(
        (&reviewers["minItems"], &reviewers["maxItems"], &reviewers["items"]["format"]),
        (&json!(1), &json!(12), &json!("email"))
    );
    // An ICS belongs to no ICS; any other organisation names its ICS.
    assert_eq!(new_organisation[0]["properties"]["kind"]["enum"], json!(["ics"]));
    assert!(new_organisation[0]["properties"].get("icsCode").is_none());
    assert_eq!(new_organisation[1]["required"], json!(["odsCode", "name", "kind", "icsCode"]));
}

#[tokio::test]
async fn the_framework_has_seven_measures_for_ics_and_organisation() {
    let app = TestApp::spawn().await;
    let framework = json(app.get("/api/frameworks/wgll-2021").await, 200).await;
    let measures = framework["measures"].as_array().unwrap();
    assert_eq!(measures.len(), 7);
    assert_eq!(measures[4]["title"], "Empower citizens");
    assert_eq!(measures[0]["ics"]["statements"][0]["id"], "ics.1.1");
    assert_eq!(measures[1]["organisation"]["statements"].as_array().unwrap().len(), 11);

    let list = json(app.get("/api/frameworks").await, 200).await;
    assert_eq!(list[0]["id"], "wgll-2021");
    assert_eq!(list[0]["current"], true);

    let missing = json(app.get("/api/frameworks/wgll-1999").await, 404).await;
    assert!(missing["detail"].as_str().unwrap().contains("wgll-2021"));
}

#[tokio::test]
async fn organisations_are_added_listed_and_found_by_ics() {
    let app = TestApp::spawn().await;
    let ics =
        app.add_organisation(&json!({"odsCode": "QWO", "name": "West Yorkshire ICS", "kind": "ics"})).await;
    let trust = app
        .add_organisation(&json!({"odsCode": "rr8", "name": "Leeds Teaching Hospitals NHS Trust", "kind": "acute-trust", "icsCode": "QWO", "town": "Leeds"}))
        .await;
    assert_eq!(trust["odsCode"], "RR8", "ODS codes are stored upper case");
    assert_eq!(trust["icsCode"], "QWO");
    assert_eq!(trust["version"], 1);
    assert!(ics.get("icsCode").is_none());
    app.add_organisations(&[
        json!({"odsCode": "QHM", "name": "Cumbria and North East ICS", "kind": "ics"}),
        json!({"odsCode": "RTD", "name": "Newcastle upon Tyne Hospitals", "kind": "acute-trust", "icsCode": "QHM"}),
    ])
    .await;

    let all = json(app.get("/api/organisations").await, 200).await;
    let names: Vec<&str> = all.as_array().unwrap().iter().map(|o| o["name"].as_str().unwrap()).collect();
    assert_eq!(
        names,
        [
            "Cumbria and North East ICS",
            "Leeds Teaching Hospitals NHS Trust",
            "Newcastle upon Tyne Hospitals",
            "West Yorkshire ICS"
        ],
        "sorted by name"
    );
    let members = json(app.get("/api/organisations?ics=qwo").await, 200).await;
    let codes: Vec<&str> =
        members.as_array().unwrap().iter().map(|o| o["odsCode"].as_str().unwrap()).collect();
    assert_eq!(codes, ["QWO", "RR8"]);

    let found = json(app.get("/api/organisations/rr8").await, 200).await;
    assert_eq!(found, trust);
    let missing = json(app.get("/api/organisations/ZZZ9").await, 404).await;
    assert!(missing["detail"].as_str().unwrap().contains("ZZZ9"));
}

#[tokio::test]
async fn a_bad_organisation_is_refused_with_every_field_named_and_nothing_written() {
    let app = TestApp::spawn().await;
    let problem = json(
        app.post("/api/organisations", &json!({"odsCode": "R-8", "name": " ", "kind": "hospital"})).await,
        422,
    )
    .await;
    assert_eq!(problem["status"], 422);
    assert_eq!(field_names(&problem), ["name", "odsCode", "kind", "icsCode"]);
    assert!(problem["errors"][1]["message"].as_str().unwrap().contains("3 to 6 letters and numbers"));

    // The ICS must exist: checked in the same transaction as the write.
    let orphan = json!({"odsCode": "RR8", "name": "Leeds", "kind": "acute-trust", "icsCode": "QWO"});
    let problem = json(app.post("/api/organisations", &orphan).await, 422).await;
    assert_eq!(field_names(&problem), ["icsCode"]);
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("There is no ICS with ODS code QWO"));
    assert_eq!(json(app.get("/api/organisations").await, 200).await, json!([]));

    // An ODS code is taken once.
    app.add_ics_and_trust().await;
    let again = json!({"odsCode": "RR8", "name": "Impostor", "kind": "acute-trust", "icsCode": "QWO"});
    let problem = json(app.post("/api/organisations", &again).await, 409).await;
    assert!(problem["detail"].as_str().unwrap().contains("RR8 already exists"));
    assert_eq!(
        json(app.get("/api/organisations/RR8").await, 200).await["name"],
        "Leeds Teaching Hospitals NHS Trust"
    );
}

#[tokio::test]
async fn the_add_organisation_form_keeps_what_was_typed_and_links_to_what_it_added() {
    let app = TestApp::spawn().await;
    let form = app.acting_as(Some(app.token_for(
        "Lead Reviewer",
        wgll_tests::LEAD_REVIEWER,
        wgll_tests::DEFAULT_GROUPS,
    )));
    let path = "/api/views/organisations/new";
    let bad =
        form.post_form(path, "name=Leeds&odsCode=R-8&kind=acute-trust&icsCode=&region=london&town=").await;
    assert_eq!(bad.status().as_u16(), 422);
    let page = bad.text().await.unwrap();
    assert!(page.contains(r##"<a href="#ods-code">"##), "{page}");
    assert!(
        page.contains(r##"<a href="#ics-code">Choose the ICS this organisation belongs to</a>"##),
        "{page}"
    );
    assert!(
        page.contains(r##"<a href="#region">Only an ICS has a region: an organisation is in its ICS’s</a>"##),
        "{page}"
    );
    assert!(page.contains(r#"value="R-8""#), "what was typed is kept: {page}");
    // NHS.UK's error style on the fields in error only.
    assert!(page.contains(r#"<div class="nhsuk-form-group nhsuk-form-group--error"><label class="nhsuk-label" for="ods-code">"#), "{page}");
    assert!(
        page.contains(r#"<input class="nhsuk-input nhsuk-input--width-10 nhsuk-input--error" id="ods-code""#),
        "{page}"
    );
    assert!(
        page.contains(r#"<div class="nhsuk-form-group"><label class="nhsuk-label" for="name">"#),
        "{page}"
    );
    assert_eq!(json(app.get("/api/organisations").await, 200).await, json!([]));

    let added = form
        .post_form(
            path,
            "name=West+Yorkshire+ICS&odsCode=qwo&kind=ics&icsCode=&region=north-east-and-yorkshire&town=",
        )
        .await;
    assert_eq!(added.status().as_u16(), 200);
    let page = added.text().await.unwrap();
    assert!(
        page.contains("You added West Yorkshire ICS (QWO).")
            && page.contains(r#"<a href="/organisations/QWO">Go to West Yorkshire ICS</a>"#),
        "{page}"
    );
    assert_eq!(
        json(app.get("/api/organisations/QWO").await, 200).await["region"],
        "north-east-and-yorkshire"
    );
    let again = form.post_form(path, "name=Impostor&odsCode=QWO&kind=ics").await;
    assert_eq!(again.status().as_u16(), 409);
    assert!(
        again
            .text()
            .await
            .unwrap()
            .contains(r##"<a href="#ods-code">An organisation with ODS code QWO already exists."##)
    );
    let ics_lead = app.signed_in_as("Isla ICS", "isla@example.nhs.uk", &["ics-lead:QWO"]);
    assert_eq!(
        ics_lead.post_form(path, "name=Another+ICS&odsCode=QHM&kind=ics").await.status().as_u16(),
        403
    );
    assert_eq!(form.post_form(path, "name=X&colour=blue").await.status().as_u16(), 422);
}

#[tokio::test]
async fn requests_that_cannot_be_read_get_a_problem_that_says_why() {
    let app = TestApp::spawn().await;
    let unknown_field = json!({"odsCode": "QWO", "name": "West Yorkshire", "kind": "ics", "isAdmin": true});
    let problem = json(app.post("/api/organisations", &unknown_field).await, 400).await;
    assert!(problem["detail"].as_str().unwrap().contains("unknown field `isAdmin`"));

    let signed_in = app.acting_as(app.token.clone());
    let not_json = signed_in
        .request(reqwest::Method::POST, "/api/organisations")
        .body("odsCode=QWO")
        .send()
        .await
        .unwrap();
    assert_eq!(json(not_json, 415).await["title"], "Send JSON");

    let huge = json!({"odsCode": "QWO", "name": "x".repeat(300_000), "kind": "ics"});
    json(app.post("/api/organisations", &huge).await, 413).await;

    let long_name = json!({"odsCode": "QWO", "name": "x".repeat(201), "kind": "ics"});
    assert_eq!(field_names(&json(app.post("/api/organisations", &long_name).await, 422).await), ["name"]);

    json(app.get("/api/nothing-here").await, 404).await;
    let problem = json(app.get("/api/organisations?colour=blue").await, 400).await;
    assert!(problem["detail"].as_str().unwrap().contains("unknown field `colour`"));
    let wrong_method = app.client.delete(app.url("/api/organisations")).send().await.unwrap();
    json(wrong_method, 405).await;
    assert_eq!(json(app.get("/api/organisations").await, 200).await, json!([]), "nothing was written");
}

#[tokio::test]
async fn a_review_is_started_scored_and_read_back_in_one_piece() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let review = start_review(&app, "rr8", "2025-26").await;
    assert_eq!(review["organisation"], "RR8");
    assert_eq!(review["organisationName"], "Leeds Teaching Hospitals NHS Trust");
    assert_eq!(review["icsCode"], "QWO");
    assert_eq!(review["variant"], "organisation", "a trust is scored on the organisation statements");
    assert_eq!(review["period"], "2025/26");
    assert_eq!(review["frameworkId"], "wgll-2021");
    assert_eq!(review["status"], "draft");
    let id = review["id"].as_str().unwrap();

    let ics_review = start_review(&app, "QWO", "2025/26").await;
    assert_eq!(ics_review["variant"], "ics");

    let path = format!("/api/reviews/{id}/measures/1");
    let saved = json(
        app.put(&path, &json!({"level": 3, "evidence": "Board minutes, March 2026", "version": 0})).await,
        200,
    )
    .await;
    assert_eq!(saved["level"], 3);
    assert_eq!(saved["version"], 1);

    let detail = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    assert_eq!(detail["review"]["id"], id);
    assert_eq!(detail["measures"].as_array().unwrap().len(), 1);
    assert_eq!(detail["measures"][0]["measure"], 1);
    assert_eq!(detail["measures"][0]["evidence"], "Board minutes, March 2026");

    let updated = json(
        app.put(&path, &json!({"level": 4, "evidence": "Board minutes and the strategy", "version": 1}))
            .await,
        200,
    )
    .await;
    assert_eq!(updated["version"], 2);
    let detail = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    assert_eq!(detail["measures"][0]["level"], 4);

    let reviews = json(app.get("/api/organisations/RR8/reviews").await, 200).await;
    assert_eq!(reviews.as_array().unwrap().len(), 1);
    assert_eq!(reviews[0]["id"], id);
}

#[tokio::test]
async fn a_stale_save_is_refused_and_the_newer_one_kept() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let id = app.start_review("RR8", "2025/26", "peer-review", &[LEAD_REVIEWER]).await;
    let path = format!("/api/reviews/{id}/measures/2");
    json(app.put(&path, &json!({"level": 2, "evidence": "first reviewer", "version": 0})).await, 200).await;
    // A second reviewer who loaded the measure before that save still holds version 0.
    let problem =
        json(app.put(&path, &json!({"level": 5, "evidence": "second reviewer", "version": 0})).await, 409)
            .await;
    assert!(
        problem["detail"]
            .as_str()
            .unwrap()
            .contains("Your assessment of “Ensure smart foundations” was saved elsewhere")
    );
    let detail = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    assert_eq!(detail["measures"][0]["evidence"], "first reviewer");
    assert_eq!(detail["measures"][0]["version"], 1);
}

#[tokio::test]
async fn bad_review_requests_are_refused_clearly() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let problem = json(
        app.post(
            "/api/reviews",
            &json!({"organisation": "RR9", "period": "2025/26", "kind": "peer-review", "reviewers": ["a@b.nhs.uk"]}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(field_names(&problem), ["organisation"]);
    let problem = json(
        app.post(
            "/api/reviews",
            &json!({"organisation": "RR8", "period": "2025/27", "kind": "audit", "reviewers": ["a@b.nhs.uk"]}),
        )
        .await,
        422,
    )
    .await;
    assert_eq!(field_names(&problem), ["period", "kind"]);
    assert!(problem["errors"][0]["message"].as_str().unwrap().contains("did you mean 2025/26?"));

    let id = app.start_review("RR8", "2025/26", "peer-review", &[LEAD_REVIEWER]).await;
    let problem = json(
        app.put(&format!("/api/reviews/{id}/measures/1"), &json!({"level": 6, "evidence": "", "version": 0}))
            .await,
        422,
    )
    .await;
    assert_eq!(field_names(&problem), ["level"]);
    let problem = json(
        app.put(&format!("/api/reviews/{id}/measures/8"), &json!({"level": 1, "version": 0})).await,
        404,
    )
    .await;
    assert!(problem["detail"].as_str().unwrap().contains("measures 1 to 7"));
    json(app.put("/api/reviews/no-such-review/measures/1", &json!({"level": 1, "version": 0})).await, 404)
        .await;
    let problem = json(app.get("/api/reviews/no-such-review").await, 404).await;
    assert_eq!(
        problem["detail"],
        "“no-such-review” is not a review’s id: an id is 32 hexadecimal digits in groups of 8, 4, 4, 4 and 12, separated by hyphens"
    );
    json(app.get("/api/reviews/00000000-0000-4000-8000-000000000000").await, 404).await;
    let detail = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    assert_eq!(detail["measures"], json!([]), "no refused save left anything behind");
}

#[tokio::test]
async fn records_survive_a_server_restart() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let id = app.start_review("RR8", "2025/26", "peer-review", &[LEAD_REVIEWER]).await;
    json(
        app.put(
            &format!("/api/reviews/{id}/measures/5"),
            &json!({"level": 2, "evidence": "NHS App live", "version": 0}),
        )
        .await,
        200,
    )
    .await;

    let config = app.stop().await;
    let restarted = TestApp::spawn_with(config, 0, None).await;
    let detail = json(restarted.get(&format!("/api/reviews/{id}")).await, 200).await;
    assert_eq!(detail["measures"][0]["measure"], 5);
    assert_eq!(detail["measures"][0]["level"], 2);
    assert_eq!(json(restarted.get("/api/organisations").await, 200).await.as_array().unwrap().len(), 2);
}

#[tokio::test]
async fn api_responses_carry_security_headers() {
    let app = TestApp::spawn().await;
    let response = app.get("/api/health").await;
    let headers = response.headers();
    assert_eq!(headers["x-content-type-options"], "nosniff");
    assert_eq!(headers["cache-control"], "no-store");
    assert_eq!(headers["x-frame-options"], "DENY");
    assert!(headers["content-security-policy"].to_str().unwrap().contains("default-src 'none'"));
}
