//! The evidence pack against DynamoDB Local and a real S3 implementation (s3s-fs, which checks
//! signatures as S3 does): documents uploaded, listed and opened through signed links; refused
//! uploads (too large, a refused type, bytes that are not what the name says) keep nothing, in
//! the bucket or the table; a name is only ever a name; and a document is unreachable for anyone
//! the rules do not admit, with a signed link or without one.

use std::time::{Duration, SystemTime};
use wgll_shared::evidence::{EvidenceDocument, MAX_DOCUMENT_BYTES};
use wgll_tests::{TestApp, json};

const PDF: &[u8] = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n";
const EVIDENCE: &str = "/api/organisations/RR8/evidence/2025-26";
const REVIEWER: &str = "peer@example.nhs.uk";

/// RR8 (in QWO) with a 2025/26 peer review by `REVIEWER`.
async fn set_up() -> TestApp {
    let app = TestApp::spawn().await;
    app.add_two_icss_and_their_trusts().await;
    app.start_review("RR8", "2025/26", "peer-review", &[REVIEWER]).await;
    app
}

async fn upload(
    app: &TestApp,
    token: Option<String>,
    name: &str,
    content_type: &str,
    bytes: Vec<u8>,
) -> reqwest::Response {
    let query = serde_urlencoded_name(name);
    app.acting_as(token)
        .request(reqwest::Method::POST, &format!("{EVIDENCE}?name={query}"))
        .header("content-type", content_type)
        .body(bytes)
        .send()
        .await
        .expect("the API answers")
}

/// A file name as a query parameter's value.
fn serde_urlencoded_name(name: &str) -> String {
    name.bytes()
        .map(|byte| {
            if byte.is_ascii_alphanumeric() || b"-._~".contains(&byte) {
                (byte as char).to_string()
            } else {
                format!("%{byte:02X}")
            }
        })
        .collect()
}

/// Every object in the test's bucket, and every document record of RR8's 2025/26 pack.
async fn stored(app: &TestApp) -> (Vec<String>, usize) {
    let objects = app.documents.keys("").await.expect("the bucket can be listed");
    let listed = json(app.get(EVIDENCE).await, 200).await;
    (objects, listed.as_array().unwrap().len())
}

fn lead_of_rr8(app: &TestApp) -> Option<String> {
    Some(app.token_for("Rae Lead", "rr8@example.nhs.uk", &["organisation-lead:RR8"]))
}

#[tokio::test]
async fn a_document_uploaded_by_the_organisation_is_opened_by_its_reviewer_through_a_signed_link() {
    let app = set_up().await;
    let document = json(
        upload(&app, lead_of_rr8(&app), "Digital strategy.pdf", "application/pdf", PDF.to_vec()).await,
        201,
    )
    .await;
    assert_eq!(document["name"], "Digital strategy.pdf");
    assert_eq!(document["kind"], "pdf");
    assert_eq!(document["size"], PDF.len());
    assert_eq!(document["uploadedBy"], "Rae Lead");
    let id = document["id"].as_str().unwrap();
    // The object is under the server's key: the organisation, the year and the document's id.
    assert_eq!(app.documents.keys("").await.unwrap(), vec![format!("RR8/2025-26/{id}")]);

    let reviewer = app.signed_in_as("Pat Peer", REVIEWER, &["reviewer", "organisation:RJ1"]);
    let listed = json(reviewer.get(EVIDENCE).await, 200).await;
    assert_eq!(listed.as_array().unwrap().len(), 1);
    assert_eq!(listed[0]["id"], id);
    let link = json(reviewer.get(&format!("{EVIDENCE}/{id}")).await, 200).await;
    assert_eq!(link["expiresIn"], 300);
    let url = link["url"].as_str().unwrap();
    assert!(url.contains("X-Amz-Signature="), "{url}");
    let opened = reqwest::get(url).await.unwrap();
    assert_eq!(opened.status(), 200);
    assert_eq!(opened.headers()["content-type"], "application/pdf");
    let disposition = opened.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.contains("Digital%20strategy.pdf"), "{disposition}");
    assert_eq!(opened.bytes().await.unwrap().as_ref(), PDF);

    // Deleted by the organisation's lead: the record and the bytes both go.
    let lead = app.acting_as(lead_of_rr8(&app));
    let deleted = lead.request(reqwest::Method::DELETE, &format!("{EVIDENCE}/{id}")).send().await.unwrap();
    assert_eq!(deleted.status(), 204);
    assert_eq!(stored(&app).await, (vec![], 0));
    json(reviewer.get(&format!("{EVIDENCE}/{id}")).await, 404).await;
}

#[tokio::test]
async fn an_upload_over_the_limit_is_refused_and_nothing_is_kept() {
    let app = set_up().await;
    let mut too_large = PDF.to_vec();
    too_large.resize(MAX_DOCUMENT_BYTES + 1, b' ');
    let problem =
        json(upload(&app, app.token.clone(), "big.pdf", "application/pdf", too_large).await, 413).await;
    assert!(problem["detail"].as_str().unwrap().contains("4.0 MB"), "{problem}");
    assert_eq!(problem["errors"][0]["field"], "file");
    assert_eq!(stored(&app).await, (vec![], 0));
    // Exactly at the limit is taken.
    let mut at_limit = PDF.to_vec();
    at_limit.resize(MAX_DOCUMENT_BYTES, b' ');
    json(upload(&app, app.token.clone(), "just.pdf", "application/pdf", at_limit).await, 201).await;
}

#[tokio::test]
async fn a_refused_type_or_bytes_that_are_not_what_the_name_says_keep_nothing() {
    let app = set_up().await;
    let program = b"MZ\x90\x00\x03\x00\x00\x00".to_vec();
    let cases = [
        ("setup.exe", "application/octet-stream", program.clone(), "is not a kind of document"),
        ("setup.pdf", "application/pdf", program.clone(), "its contents are not what its name says"),
        ("page.pdf", "text/html", PDF.to_vec(), "was sent as text/html"),
        ("notes.txt", "text/plain", b"hello".to_vec(), "is not a kind of document"),
    ];
    for (name, content_type, bytes, says) in cases {
        let problem = json(upload(&app, app.token.clone(), name, content_type, bytes).await, 422).await;
        assert_eq!(problem["errors"][0]["field"], "file", "{name}");
        assert!(problem["errors"][0]["message"].as_str().unwrap().contains(says), "{name}: {problem}");
    }
    let problem =
        json(upload(&app, app.token.clone(), "a\u{7}b.pdf", "application/pdf", PDF.to_vec()).await, 422)
            .await;
    assert_eq!(problem["errors"][0]["field"], "name");
    assert_eq!(stored(&app).await, (vec![], 0));
}

#[tokio::test]
async fn a_name_like_a_path_is_kept_only_as_a_name() {
    let app = set_up().await;
    let document: EvidenceDocument = serde_json::from_value(
        json(
            upload(&app, app.token.clone(), "../../etc/passwd.pdf", "application/pdf", PDF.to_vec()).await,
            201,
        )
        .await,
    )
    .unwrap();
    assert_eq!(document.name, "../../etc/passwd.pdf");
    assert_eq!(app.documents.keys("").await.unwrap(), vec![format!("RR8/2025-26/{}", document.id)]);
    let link = json(app.get(&format!("{EVIDENCE}/{}", document.id)).await, 200).await;
    let opened = reqwest::get(link["url"].as_str().unwrap()).await.unwrap();
    assert_eq!(opened.status(), 200);
    let disposition = opened.headers()["content-disposition"].to_str().unwrap().to_owned();
    assert!(disposition.contains("filename*=UTF-8''..%2F..%2Fetc%2Fpasswd.pdf"), "{disposition}");
}

#[tokio::test]
async fn only_those_the_rules_admit_list_or_open_a_document() {
    let app = set_up().await;
    let id = json(upload(&app, lead_of_rr8(&app), "plan.pdf", "application/pdf", PDF.to_vec()).await, 201)
        .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let refused = [
        ("an unassigned reviewer", app.token_for("Una", "una@example.nhs.uk", &["reviewer"])),
        (
            "another organisation's lead",
            app.token_for("Rob", "rtd@example.nhs.uk", &["organisation-lead:RTD"]),
        ),
        ("another ICS's lead", app.token_for("Ian", "qhm@example.nhs.uk", &["ics-lead:QHM"])),
        // Assigned to RR8's review, but with no reviewer role: the rules admit reviewers.
        ("someone named on the review without the reviewer role", app.token_for("Pat", REVIEWER, &[])),
    ];
    for (who, token) in refused {
        let as_them = app.acting_as(Some(token.clone()));
        assert_eq!(as_them.get(EVIDENCE).await.status(), 403, "{who} listed");
        let problem = json(as_them.get(&format!("{EVIDENCE}/{id}")).await, 403).await;
        assert!(problem["detail"].as_str().unwrap().contains("reviewers of its reviews"), "{problem}");
        let uploaded = upload(&app, Some(token), "x.pdf", "application/pdf", PDF.to_vec()).await;
        assert_eq!(uploaded.status(), 403, "{who} uploaded");
    }
    // The public: told to sign in.
    json(app.acting_as(None).get(&format!("{EVIDENCE}/{id}")).await, 401).await;
    // A reviewer of another organisation's review of the same year reads only that one's pack.
    app.start_review("RTD", "2025/26", "peer-review", &["rtd.peer@example.nhs.uk"]).await;
    let elsewhere = app.signed_in_as("Rita", "rtd.peer@example.nhs.uk", &["reviewer"]);
    assert_eq!(elsewhere.get(EVIDENCE).await.status(), 403);
    assert_eq!(elsewhere.get("/api/organisations/RTD/evidence/2025-26").await.status(), 200);
    // RR8's reviewer for 2025/26 does not read its 2024/25 pack.
    let reviewer = app.signed_in_as("Pat Peer", REVIEWER, &["reviewer"]);
    assert_eq!(reviewer.get("/api/organisations/RR8/evidence/2024-25").await.status(), 403);
    assert_eq!(app.documents.keys("").await.unwrap().len(), 1, "the refused uploads kept nothing");
}

#[tokio::test]
async fn the_bucket_refuses_a_link_without_a_signature_or_with_a_tampered_or_expired_one() {
    let app = set_up().await;
    let document: EvidenceDocument = serde_json::from_value(
        json(upload(&app, app.token.clone(), "plan.pdf", "application/pdf", PDF.to_vec()).await, 201).await,
    )
    .unwrap();
    let link = json(app.get(&format!("{EVIDENCE}/{}", document.id)).await, 200).await;
    let url = link["url"].as_str().unwrap().to_owned();
    assert_eq!(reqwest::get(&url).await.unwrap().status(), 200, "the signed link itself opens it");

    // The object's address with no signature at all.
    let bare = url.split('?').next().unwrap();
    assert_refused(bare).await;
    // The signature changed by one character.
    let signature_at = url.find("X-Amz-Signature=").unwrap() + "X-Amz-Signature=".len();
    let mut tampered = url.clone().into_bytes();
    tampered[signature_at] = if tampered[signature_at] == b'0' { b'1' } else { b'0' };
    assert_refused(&String::from_utf8(tampered).unwrap()).await;
    // A signed link for another object of the same organisation (the key changed, the signature kept).
    assert_refused(&url.replace(document.id.as_str(), "00000000-0000-4000-8000-000000000000")).await;
    // Longer validity claimed than was signed.
    assert_refused(&url.replace("X-Amz-Expires=300", "X-Amz-Expires=86400")).await;
    // A link signed an hour ago for five minutes: past its expiry.
    let expired =
        app.documents.signed_link(&document, SystemTime::now() - Duration::from_secs(3600)).await.unwrap();
    assert_refused(&expired).await;
    // Signed by someone without the bucket's secret (the right access key, a wrong secret).
    let forged = wgll_functions::documents::Documents::connect(
        &wgll_functions::config::Config {
            s3_endpoint: Some(wgll_tests::shared_s3().0),
            ..app.config.clone()
        },
        Some(wgll_tests::Credentials::new("wgll-local", "not-the-secret", None, None, "test")),
    )
    .signed_link(&document, SystemTime::now())
    .await
    .unwrap();
    assert_refused(&forged).await;
}

async fn assert_refused(url: &str) {
    let response = reqwest::get(url).await.unwrap();
    let status = response.status().as_u16();
    let body = response.bytes().await.unwrap();
    assert!([400, 403].contains(&status), "{url} answered {status}");
    assert!(!body.windows(4).any(|window| window == b"%PDF"), "{url} gave the document away");
}

#[tokio::test]
async fn when_the_record_cannot_be_written_the_uploaded_bytes_are_deleted_again() {
    let app = set_up().await;
    let verifier = app.auth.dev.as_ref().expect("tests use the development sign-in").verifier();
    let user = verifier.verify(app.token.as_deref().unwrap()).unwrap();
    let (endpoint, credentials) = wgll_tests::shared_s3();
    let documents = wgll_functions::documents::Documents::connect(
        &wgll_functions::config::Config { s3_endpoint: Some(endpoint), ..app.config.clone() },
        Some(credentials),
    );
    let store = wgll_functions::store::Store::connect(&app.config).await;
    let core = wgll_functions::app::App::new(store, documents, app.auth.clone());
    let ods = wgll_shared::organisation::OdsCode::parse("RR8").unwrap();
    let allowed = wgll_functions::app::evidence::may_change(&core, &user, &ods).await.unwrap();
    // The table goes away between the check and the write: the bytes are put, the record is not.
    let dynamodb = aws_sdk_dynamodb::Client::from_conf(
        aws_sdk_dynamodb::Config::builder()
            .behavior_version_latest()
            .region(aws_sdk_dynamodb::config::Region::new("eu-west-2"))
            .endpoint_url(app.config.dynamodb_endpoint.clone().unwrap())
            .credentials_provider(aws_sdk_dynamodb::config::Credentials::new(
                "local", "local", None, None, "test",
            ))
            .build(),
    );
    dynamodb.delete_table().table_name(&app.config.table_name).send().await.unwrap();
    let upload = wgll_functions::app::evidence::Upload {
        name: "plan.pdf".to_owned(),
        content_type: "application/pdf".to_owned(),
        bytes: PDF.to_vec(),
    };
    let period = wgll_shared::period::Period::parse("2025/26").unwrap();
    let refused = wgll_functions::app::evidence::upload(&core, &user, allowed, &period, upload).await;
    assert!(refused.is_err(), "the record could not be written");
    assert_eq!(app.documents.keys("").await.unwrap(), Vec::<String>::new(), "nothing half-kept");
}
