//! The test harness: starts the real stack (DynamoDB Local and the API router on a free loopback
//! port) so tests talk HTTP to it exactly as the browser app does.
//!
//! One DynamoDB Local (in memory) serves a whole test binary; each test gets a table of its own,
//! so tests run in parallel without seeing each other's records. Set `DYNAMODB_ENDPOINT` to use a
//! DynamoDB that is already running instead.

pub mod browser;
pub mod funding;
pub mod hosted_sign_in;

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::{Arc, OnceLock};
use wgll_functions::app::App;
use wgll_functions::auth::Auth;
use wgll_functions::config::{AuthMode, Config};
use wgll_functions::documents::Documents;
use wgll_functions::dynamodb_local::{DynamoDbLocal, Storage};
/// The credentials a local S3 server checks signatures against.
pub use wgll_functions::s3_local::Credentials;
use wgll_functions::s3_local::S3Local;
use wgll_functions::store::Store;
use wgll_shared::access::DevSignIn;

/// The repository's root folder.
pub fn repo_root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ is inside the repository").to_owned()
}

pub fn dynamodb_local_dir() -> PathBuf {
    repo_root().join(".tools/dynamodb-local")
}

/// The endpoint of the DynamoDB Local shared by this test binary, started on first use.
pub fn shared_dynamodb_endpoint() -> String {
    static ENDPOINT: OnceLock<String> = OnceLock::new();
    ENDPOINT
        .get_or_init(|| {
            if let Ok(endpoint) = std::env::var(wgll_functions::config::DYNAMODB_ENDPOINT) {
                return endpoint;
            }
            // DynamoDB Local is stopped by the kernel when the thread that started it ends, so it
            // is started from a thread that lives as long as the test binary.
            let (sender, receiver) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                match DynamoDbLocal::start(&dynamodb_local_dir(), Storage::InMemory) {
                    Ok(database) => {
                        let _ = sender.send(Ok(database.endpoint().to_owned()));
                        let _keep_running = database;
                        loop {
                            std::thread::park();
                        }
                    }
                    Err(error) => {
                        let _ = sender.send(Err(error.to_string()));
                    }
                }
            });
            receiver.recv().expect("the DynamoDB Local thread answers").unwrap_or_else(|error| {
                panic!("DynamoDB Local did not start: {error} (run `make test`, which installs it)")
            })
        })
        .clone()
}

/// The s3s-fs shared by this test binary (its objects in `target/test-s3/<binary>`), started on first
/// use: its endpoint and the credentials it checks signatures against.
pub fn shared_s3() -> (String, Credentials) {
    static SERVER: OnceLock<(String, Credentials)> = OnceLock::new();
    SERVER
        .get_or_init(|| {
            // Started from a thread that lives as long as the test binary, as DynamoDB Local is.
            let (sender, receiver) = std::sync::mpsc::channel();
            std::thread::spawn(move || {
                // One folder per test binary under target/, emptied when it starts: a static is
                // never dropped, so a temporary folder would outlive every run.
                let binary = std::env::current_exe()
                    .ok()
                    .and_then(|path| path.file_stem().map(|stem| stem.to_string_lossy().into_owned()))
                    .unwrap_or_else(|| "tests".to_owned());
                let root = repo_root().join("target").join("test-s3").join(binary);
                let _ = std::fs::remove_dir_all(&root);
                match S3Local::start(&root) {
                    Ok(server) => {
                        let _ = sender.send(Ok((server.endpoint().to_owned(), server.credentials())));
                        let _keep_running = server;
                        loop {
                            std::thread::park();
                        }
                    }
                    Err(error) => {
                        let _ = sender.send(Err(error.to_string()));
                    }
                }
            });
            receiver.recv().expect("the s3s-fs thread answers").unwrap_or_else(|error| {
                panic!("s3s-fs did not start: {error} (run `make test`, which installs it)")
            })
        })
        .clone()
}

/// Settings for a table and a bucket no other test uses (the bucket on [`shared_s3`] unless
/// `s3_endpoint` is set).
pub fn fresh_config(endpoint: &str) -> Config {
    Config {
        table_name: format!("test-{}", uuid::Uuid::new_v4()),
        dynamodb_endpoint: Some(endpoint.to_owned()),
        region: "eu-west-2".to_owned(),
        auth: AuthMode::Development,
        evidence_bucket: format!("test-{}", uuid::Uuid::new_v4()),
        s3_endpoint: None,
    }
}

/// A running API server.
pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    pub config: Config,
    pub auth: Arc<Auth>,
    /// The evidence bucket, as the API reaches it (for tests to look inside).
    pub documents: Documents,
    /// The token requests carry unless a test says otherwise: an administrator who is also a
    /// reviewer, [`LEAD_REVIEWER`].
    pub token: Option<String>,
    server: tokio::task::JoinHandle<()>,
}

/// The email address of the default signed-in test user.
pub const LEAD_REVIEWER: &str = "lead@example.nhs.uk";
/// The default user's groups: an administrator and a reviewer, working for an organisation
/// (`RJ1`) that no test reviews, so they can peer review any other.
pub const DEFAULT_GROUPS: &[&str] = &["administrator", "reviewer", "organisation:RJ1"];

impl TestApp {
    /// Starts the API on a fresh table of the shared DynamoDB Local.
    pub async fn spawn() -> Self {
        Self::spawn_with(fresh_config(&shared_dynamodb_endpoint()), 0, None).await
    }

    /// Starts the API and the built app from `frontend` on a fresh table of the shared DynamoDB Local.
    pub async fn spawn_serving(frontend: PathBuf) -> Self {
        Self::spawn_with(fresh_config(&shared_dynamodb_endpoint()), 0, Some(frontend)).await
    }

    /// Starts the API (and the built app from `frontend`, if given) for `config` on `port` (0: any
    /// free port), creating the table if needed.
    pub async fn spawn_with(config: Config, port: u16, frontend: Option<PathBuf>) -> Self {
        Self::spawn_with_auth(config, port, frontend, Arc::new(Auth::development())).await
    }

    /// As [`TestApp::spawn_with`], checking tokens with `auth` (a Cognito-style verifier, or the
    /// sign-in of a server this one replaces, so existing tokens still verify).
    pub async fn spawn_with_auth(
        config: Config,
        port: u16,
        frontend: Option<PathBuf>,
        auth: Arc<Auth>,
    ) -> Self {
        let store = Store::connect(&config).await;
        // DynamoDB Local's first requests after start can be slow while the JVM warms up.
        let mut attempts = 0;
        while let Err(error) = store.ensure_table().await {
            attempts += 1;
            assert!(attempts < 60, "the test table could not be created: {error}");
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        }
        let (s3_endpoint, credentials) = shared_s3();
        let documents = Documents::connect(
            &Config { s3_endpoint: Some(s3_endpoint), ..config.clone() },
            Some(credentials),
        );
        documents.ensure_bucket().await.expect("the test bucket can be created");
        let mut app = wgll_functions::router::router(App::new(store, documents.clone(), auth.clone()));
        if let Some(dist) = frontend {
            app = wgll_functions::web::with_frontend(app, &dist, &auth);
        }
        let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port)))
            .await
            .expect("a loopback port is free");
        let address = format!("http://{}", listener.local_addr().expect("the listener has an address"));
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.expect("the test server runs");
        });
        let mut app =
            Self { address, client: reqwest::Client::new(), config, auth, documents, token: None, server };
        if app.auth.dev.is_some() {
            app.token = Some(app.token_for("Lead Reviewer", LEAD_REVIEWER, DEFAULT_GROUPS));
        }
        app
    }

    /// Adds an organisation as the default user (an administrator) and returns it as the API
    /// answered.
    pub async fn add_organisation(&self, organisation: &serde_json::Value) -> serde_json::Value {
        json(self.post("/api/organisations", organisation).await, 201).await
    }

    /// Adds each organisation in turn: an ICS before its members.
    pub async fn add_organisations(&self, organisations: &[serde_json::Value]) {
        for organisation in organisations {
            self.add_organisation(organisation).await;
        }
    }

    /// The organisations most tests need: West Yorkshire ICS (QWO) and Leeds Teaching Hospitals
    /// NHS Trust (RR8) in it.
    pub async fn add_ics_and_trust(&self) {
        self.add_organisations(&[
            serde_json::json!({"odsCode": "QWO", "name": "West Yorkshire ICS", "kind": "ics", "region": "north-east-and-yorkshire"}),
            serde_json::json!({
                "odsCode": "RR8", "name": "Leeds Teaching Hospitals NHS Trust", "kind": "acute-trust",
                "icsCode": "QWO", "town": "Leeds"
            }),
        ])
        .await;
    }

    /// Two ICSs, so that nothing of one shows in the other's: West Yorkshire (QWO) with three
    /// trusts, Leeds Teaching Hospitals (RR8, as in [`TestApp::add_ics_and_trust`]), Mid Yorkshire
    /// (RXF, an acute trust) and Leeds and York Partnership (RGD, a mental health trust); and North
    /// East and North Cumbria (QHM) with Newcastle upon Tyne Hospitals (RTD, an acute trust).
    pub async fn add_two_icss_and_their_trusts(&self) {
        self.add_ics_and_trust().await;
        self.add_organisations(&[
            serde_json::json!({"odsCode": "RXF", "name": "Mid Yorkshire Teaching NHS Trust", "kind": "acute-trust", "icsCode": "QWO", "town": "Wakefield"}),
            serde_json::json!({"odsCode": "RGD", "name": "Leeds and York Partnership NHS Foundation Trust", "kind": "mental-health-trust", "icsCode": "QWO", "town": "Leeds"}),
            serde_json::json!({"odsCode": "QHM", "name": "North East and North Cumbria ICS", "kind": "ics", "region": "north-east-and-yorkshire"}),
            serde_json::json!({"odsCode": "RTD", "name": "Newcastle upon Tyne Hospitals", "kind": "acute-trust", "icsCode": "QHM", "town": "Newcastle"}),
        ])
        .await;
    }

    /// The organisations of [`TestApp::add_ics_and_trust`] and a 2025/26 peer review of the trust
    /// (RR8) by `reviewers`, the first leading it; returns the review's id.
    pub async fn add_ics_and_trust_with_a_review(&self, reviewers: &[&str]) -> String {
        self.add_ics_and_trust().await;
        self.start_review("RR8", "2025/26", "peer-review", reviewers).await
    }

    /// Starts a review (the first reviewer leads it) and returns its id.
    pub async fn start_review(&self, ods: &str, period: &str, kind: &str, reviewers: &[&str]) -> String {
        let body =
            serde_json::json!({"organisation": ods, "period": period, "kind": kind, "reviewers": reviewers});
        let review = json(self.post("/api/reviews", &body).await, 201).await;
        let id = review["id"].as_str().expect("a review has an id").to_owned();
        // The default user, when one of its peer reviewers, accepts it: declaring no conflict.
        if kind == "peer-review" && reviewers.contains(&LEAD_REVIEWER) {
            self.acting_as(self.token.clone()).accept_review(&id).await;
        }
        id
    }

    /// Completes the default user's assessment of every measure of an organisation's review: every
    /// statement met with evidence, level 5.
    pub async fn complete_every_measure(&self, id: &str) {
        for number in 1..=7 {
            self.complete_measure(id, number, 0).await;
        }
    }

    /// Completes the default user's assessment of one measure of an organisation's review, over
    /// `version` (0 for a first save): every statement met with evidence, level 5.
    pub async fn complete_measure(&self, id: &str, number: u8, version: u64) {
        let body = completed_assessment(number, version);
        json(self.put(&format!("/api/reviews/{id}/measures/{number}"), &body).await, 200).await;
    }

    /// Takes a peer review of `ods` all the way to published through the API, with these agreed
    /// levels (measure 1 first), and returns its id. The lead's assessment of measure 2 records
    /// the gap "No shared care record yet". `variant`: `Ics` for an ICS's own review.
    pub async fn publish_peer_review(
        &self,
        ods: &str,
        variant: wgll_shared::framework::Variant,
        period: &str,
        levels: [u8; 7],
    ) -> String {
        let id = self.start_review(ods, period, "peer-review", &[LEAD_REVIEWER]).await;
        let framework = wgll_shared::framework::find(wgll_shared::framework::CURRENT).expect("a framework");
        for measure in framework.measures.iter() {
            let statements = every_statement_met(measure, variant);
            let gaps = if measure.number == 2 { "No shared care record yet" } else { "" };
            let body = serde_json::json!({
                "statements": statements, "level": 5, "gaps": gaps, "version": 0,
            });
            json(self.put(&format!("/api/reviews/{id}/measures/{}", measure.number), &body).await, 200).await;
        }
        self.change_status(&id, "submit").await;
        for (number, level) in (1..=7).zip(levels) {
            let body = serde_json::json!({"level": level, "note": "Agreed at moderation", "version": 0});
            json(self.put(&format!("/api/reviews/{id}/measures/{number}/agreed"), &body).await, 200).await;
        }
        self.change_status(&id, "moderate").await;
        self.release_and_publish(&id, ods).await;
        id
    }

    /// Takes a moderated peer review of `ods` to published: its region confirms it (the default
    /// user, an administrator), the organisation's lead confirms the provisional result has no
    /// factual errors, and the lead reviewer publishes it.
    pub async fn release_and_publish(&self, id: &str, ods: &str) {
        self.change_status(id, "confirm").await;
        self.confirm_facts(id, ods).await;
        self.change_status(id, "publish").await;
    }

    /// The lead of `ods` confirms a provisional result has no factual errors.
    pub async fn confirm_facts(&self, id: &str, ods: &str) {
        let lead = format!("lead.{}@example.nhs.uk", ods.to_lowercase());
        let organisation_lead =
            self.signed_in_as("Organisation Lead", &lead, &[&format!("organisation-lead:{ods}")]);
        let version = self.review_version(id).await;
        let body = serde_json::json!({"version": version});
        json(organisation_lead.post(&format!("/api/reviews/{id}/facts-confirmed"), &body).await, 200).await;
    }

    /// Moves a review on (or back, with a reason where one is needed) as the default user.
    pub async fn change_status(&self, id: &str, transition: &str) -> serde_json::Value {
        json(self.request_status_change(id, transition, "Needed for the test").await, 200).await
    }

    /// Asks, as the default user, to move a review on (or back, giving `reason`) over the version
    /// it has now, and returns the answer whatever it is.
    pub async fn request_status_change(&self, id: &str, transition: &str, reason: &str) -> reqwest::Response {
        let body = serde_json::json!({
            "transition": transition, "reason": reason, "version": self.review_version(id).await,
        });
        self.post(&format!("/api/reviews/{id}/status"), &body).await
    }

    /// The version a review is at now, which a change of its status must send.
    pub async fn review_version(&self, id: &str) -> serde_json::Value {
        json(self.get(&format!("/api/reviews/{id}")).await, 200).await["review"]["version"].clone()
    }

    pub fn token_for(&self, name: &str, email: &str, groups: &[&str]) -> String {
        let issuer = self.auth.dev.as_ref().expect("tests use the development sign-in");
        let form = DevSignIn {
            name: name.to_owned(),
            email: email.to_owned(),
            groups: groups.iter().map(|group| (*group).to_owned()).collect(),
        };
        issuer.sign_in(&form).expect("a valid test user").token
    }

    /// The same server, with requests signed as this person, with these groups (`administrator`,
    /// `reviewer`, `ics-lead:QWO`, `organisation-lead:RR8`).
    pub fn signed_in_as(&self, name: &str, email: &str, groups: &[&str]) -> ActingAs<'_> {
        self.acting_as(Some(self.token_for(name, email, groups)))
    }

    /// The same server, with requests signed as someone else (or, with `None`, as the public).
    pub fn acting_as(&self, token: Option<String>) -> ActingAs<'_> {
        ActingAs { app: self, token }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.acting_as(self.token.clone()).get(path).await
    }

    pub async fn post(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.acting_as(self.token.clone()).post(path, body).await
    }

    pub async fn put(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.acting_as(self.token.clone()).put(path, body).await
    }

    /// Stops the server (as a restart would), keeping the database.
    pub async fn stop(self) -> Config {
        self.stop_keeping_sign_in().await.0
    }

    /// Stops the server, keeping the database and the sign-in (a network outage, not a restart).
    pub async fn stop_keeping_sign_in(self) -> (Config, Arc<Auth>) {
        self.server.abort();
        let _ = self.server.await;
        (self.config, self.auth)
    }
}

/// An answer for every statement of `measure` in `variant`: met, with evidence.
/// A completed assessment of an organisation's measure `number`, saved over `version`: every
/// statement met with evidence, level 5.
pub fn completed_assessment(number: u8, version: u64) -> serde_json::Value {
    let framework = wgll_shared::framework::find(wgll_shared::framework::CURRENT).expect("a framework");
    let measure = framework.measure(number).expect("a measure of the framework");
    let statements = every_statement_met(measure, wgll_shared::framework::Variant::Organisation);
    serde_json::json!({"statements": statements, "level": 5, "version": version})
}

fn every_statement_met(
    measure: &wgll_shared::framework::SuccessMeasure,
    variant: wgll_shared::framework::Variant,
) -> Vec<serde_json::Value> {
    measure
        .variant(variant)
        .statements
        .iter()
        .map(|s| serde_json::json!({"statement": s.id, "answer": "met", "evidence": "Seen on the visit"}))
        .collect()
}

/// Requests to a [`TestApp`] signed with a given token.
pub struct ActingAs<'a> {
    app: &'a TestApp,
    token: Option<String>,
}

impl ActingAs<'_> {
    pub fn request(&self, method: reqwest::Method, path: &str) -> reqwest::RequestBuilder {
        let request = self.app.client.request(method, self.app.url(path));
        match &self.token {
            Some(token) => request.bearer_auth(token),
            None => request,
        }
    }

    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.request(reqwest::Method::GET, path).send().await.expect("the API answers")
    }

    pub async fn post(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.request(reqwest::Method::POST, path).json(body).send().await.expect("the API answers")
    }

    pub async fn put(&self, path: &str, body: &serde_json::Value) -> reqwest::Response {
        self.request(reqwest::Method::PUT, path).json(body).send().await.expect("the API answers")
    }

    /// Accepts a peer review as this user, declaring no conflict of interest.
    pub async fn accept_review(&self, id: &str) -> serde_json::Value {
        let version =
            json(self.get(&format!("/api/reviews/{id}")).await, 200).await["review"]["version"].clone();
        let body = serde_json::json!({"hasConflict": false, "version": version});
        json(self.post(&format!("/api/reviews/{id}/acceptance"), &body).await, 200).await
    }

    /// Posts a server-rendered page's form, as the app does: `fields` URL-encoded.
    pub async fn post_form(&self, path: &str, fields: &str) -> reqwest::Response {
        self.request(reqwest::Method::POST, path)
            .header("content-type", "application/x-www-form-urlencoded")
            .body(fields.to_owned())
            .send()
            .await
            .expect("the API answers")
    }
}

/// The body of a response, checked to be JSON of the given status.
pub async fn json(response: reqwest::Response, status: u16) -> serde_json::Value {
    let actual = response.status().as_u16();
    let content_type = response
        .headers()
        .get("content-type")
        .and_then(|value| value.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    let text = response.text().await.expect("the body can be read");
    assert_eq!(actual, status, "unexpected status; body: {text}");
    let expected_type = if status >= 400 { "application/problem+json" } else { "application/json" };
    assert!(
        content_type.starts_with(expected_type),
        "content type {content_type} for status {status}: {text}"
    );
    serde_json::from_str(&text).unwrap_or_else(|error| panic!("not JSON ({error}): {text}"))
}

/// The date `days` from today (negative: before), for rounds, funds and deadlines set around now.
pub fn date_from_today(days: i64) -> wgll_shared::date::Date {
    let now =
        std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).expect("after 1970").as_secs();
    let today = i64::try_from(now / 86_400).expect("days since 1970 fit");
    wgll_shared::date::Date::days_after_1970(u64::try_from(today + days).expect("a day after 1970"))
}
