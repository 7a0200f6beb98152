//! 4. Scale: the ICS dashboard, the public offer pages and the funding reads (issue 19) at 1×,
//!    10× and 100× the data, timed and counted in DynamoDB requests, items read and read capacity
//!    consumed. The requests an answer
//!    needs must not grow with the data, and its time must grow no faster than the rows it returns.

use crate::report::{Report, Row, Verdict, median, ms};
use aws_sdk_dynamodb::config::interceptors::{
    AfterDeserializationInterceptorContextRef, BeforeTransmitInterceptorContextMut,
    BeforeTransmitInterceptorContextRef,
};
use aws_sdk_dynamodb::config::{ConfigBag, Intercept, RuntimeComponents};
use aws_sdk_dynamodb::error::BoxError;
use aws_smithy_types::body::SdkBody;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use std::time::Instant;
use wgll_functions::app::App;
use wgll_functions::auth::Auth;
use wgll_functions::store::Store;
use wgll_functions::store::synthetic::Shape;
use wgll_shared::access::DevSignIn;

/// What the store asked of DynamoDB since the tally was last taken.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Tally {
    pub requests: u64,
    /// Items DynamoDB returned (the `Count` of each Query page, or 1 for a GetItem that found one).
    pub items: u64,
    pub read_capacity: f64,
}

/// An SDK interceptor on the store's client that counts every request sent to DynamoDB (pages and
/// retries included) and sums the read capacity each one consumed. Reads are sent with
/// `ReturnConsumedCapacity: TOTAL` added, so the store needs no change to be measured.
#[derive(Debug, Default, Clone)]
pub struct RequestCounter(Arc<Mutex<Tally>>);

impl RequestCounter {
    pub fn take(&self) -> Tally {
        std::mem::take(&mut *self.0.lock().expect("not poisoned"))
    }
}

const READS: [&str; 4] = ["GetItem", "Query", "Scan", "BatchGetItem"];

fn operation(headers: &aws_smithy_runtime_api::http::Headers) -> &str {
    headers.get("x-amz-target").and_then(|target| target.rsplit('.').next()).unwrap_or("")
}

impl Intercept for RequestCounter {
    fn name(&self) -> &'static str {
        "RequestCounter"
    }

    fn modify_before_signing(
        &self,
        context: &mut BeforeTransmitInterceptorContextMut<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let request = context.request_mut();
        if !READS.contains(&operation(request.headers())) {
            return Ok(());
        }
        let Some(body) = request.body().bytes() else { return Ok(()) };
        let mut json: serde_json::Value = serde_json::from_slice(body)?;
        if json.get("ReturnConsumedCapacity").is_none() {
            json["ReturnConsumedCapacity"] = "TOTAL".into();
            let body = serde_json::to_vec(&json)?;
            request.headers_mut().insert("content-length", body.len().to_string());
            *request.body_mut() = SdkBody::from(body);
        }
        Ok(())
    }

    fn read_before_transmit(
        &self,
        _: &BeforeTransmitInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        self.0.lock().expect("not poisoned").requests += 1;
        Ok(())
    }

    fn read_after_deserialization(
        &self,
        context: &AfterDeserializationInterceptorContextRef<'_>,
        _: &RuntimeComponents,
        _: &mut ConfigBag,
    ) -> Result<(), BoxError> {
        let Some(body) = context.response().body().bytes() else { return Ok(()) };
        let Ok(json) = serde_json::from_slice::<serde_json::Value>(body) else { return Ok(()) };
        let units = |capacity: &serde_json::Value| capacity["CapacityUnits"].as_f64().unwrap_or(0.0);
        let capacity = match &json["ConsumedCapacity"] {
            serde_json::Value::Array(all) => all.iter().map(units).sum(),
            one => units(one),
        };
        let items = json["Count"].as_u64().unwrap_or(u64::from(json.get("Item").is_some()));
        let mut tally = self.0.lock().expect("not poisoned");
        tally.read_capacity += capacity;
        tally.items += items;
        Ok(())
    }
}

/// The API on a free loopback port, reading through `store`.
pub async fn serve(
    store: Store,
    auth: Arc<Auth>,
) -> (SocketAddr, tokio::task::JoinHandle<std::io::Result<()>>) {
    // The benchmark reads no evidence: a bucket client that is never called.
    let documents =
        wgll_functions::documents::Documents::connect(&wgll_tests::fresh_config("http://127.0.0.1:9"), None);
    let router = wgll_functions::router::router(App::new(store, documents, auth));
    let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .expect("a loopback port is free");
    let address = listener.local_addr().expect("the listener has an address");
    (address, tokio::spawn(async move { axum::serve(listener, router).await }))
}

/// The API on a free loopback port, reading through `store` with a [`RequestCounter`] added.
pub async fn serve_counting(
    store: &Store,
    auth: Arc<Auth>,
) -> (SocketAddr, RequestCounter, tokio::task::JoinHandle<std::io::Result<()>>) {
    let counter = RequestCounter::default();
    let (address, server) = serve(store.with_interceptor(counter.clone()), auth).await;
    (address, counter, server)
}

pub struct Scale {
    pub label: &'static str,
    pub shape: Shape,
}

/// 100× is the full synthetic set, 42 ICSs × 40 organisations × 5 periods (8,400 organisation-
/// years); 10× has 4 organisations per ICS; 1× has 4 ICSs of 4. The measured ICS, SI01, has
/// 4 members at 1× and 10× (only the rest of the table grows) and 40 at 100×.
pub fn scales(quick: bool) -> Vec<Scale> {
    let mut scales = vec![
        Scale { label: "1×", shape: Shape { icss: 4, organisations_per_ics: 4, periods: 5 } },
        Scale { label: "10×", shape: Shape { icss: 42, organisations_per_ics: 4, periods: 5 } },
        Scale { label: "100×", shape: Shape { icss: 42, organisations_per_ics: 40, periods: 5 } },
    ];
    if quick {
        scales[2].shape = Shape { icss: 8, organisations_per_ics: 40, periods: 5 };
        scales[2].label = "quick 100× of one ICS";
    }
    scales
}

#[derive(Default)]
struct Measured {
    samples: Vec<f64>,
    tally: Tally,
    rows: usize,
}

/// One request: timed (`keep`) on the plain server, or counted (with `counter`) on the counting
/// one, whose tally and rows are kept (they are the same every time).
async fn one_request(
    client: &reqwest::Client,
    url: &str,
    token: Option<&str>,
    counter: Option<&RequestCounter>,
    rows: fn(&serde_json::Value) -> usize,
    into: &mut Measured,
    keep: bool,
) {
    let mut request = client.get(url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    if let Some(counter) = counter {
        counter.take();
    }
    let started = Instant::now();
    let response = request.send().await.expect("the API answers");
    let status = response.status();
    let body = response.bytes().await.expect("the body can be read");
    let elapsed = started.elapsed().as_secs_f64() * 1000.0;
    assert!(status.is_success(), "{url} answered {status}: {}", String::from_utf8_lossy(&body));
    if let Some(counter) = counter {
        into.tally = counter.take();
        // A page (`/api/views/…`) is HTML: its rows are counted in it as a string.
        let answer = serde_json::from_slice(&body)
            .unwrap_or_else(|_| serde_json::Value::String(String::from_utf8_lossy(&body).into_owned()));
        into.rows = rows(&answer);
    }
    if keep {
        into.samples.push(elapsed);
    }
}

/// Who makes a request.
#[derive(Clone, Copy)]
enum Caller {
    Public,
    Administrator,
    /// The lead of S0101, one of SI01's providers.
    OrganisationLead,
}

type Endpoint = (&'static str, &'static str, Caller, fn(&serde_json::Value) -> usize);

fn lines(body: &serde_json::Value) -> usize {
    body["lines"].as_array().map_or(0, Vec::len)
}

/// The table rows of a page.
fn table_rows(body: &serde_json::Value) -> usize {
    body.as_str().map_or(0, |html| html.matches(r#"<tr class="nhsuk-table__row""#).count())
}

const ENDPOINTS: [Endpoint; 13] = [
    (
        "ICS dashboard, GET /api/ics/SI01/dashboard",
        "/api/ics/SI01/dashboard?period=2025/26",
        Caller::Administrator,
        |body| body["organisations"].as_array().map_or(0, Vec::len) + usize::from(body["ics"].is_object()),
    ),
    ("public ICS offer, GET /api/public/ics/SI01", "/api/public/ics/SI01", Caller::Public, |body| {
        body["organisations"].as_array().map_or(0, Vec::len)
    }),
    (
        "public offer, GET /api/public/organisations/S0101",
        "/api/public/organisations/S0101",
        Caller::Public,
        |body| body["services"].as_array().map_or(0, Vec::len),
    ),
    // Issue 19's funding reads (the synthetic year 2025/26).
    (
        "ICS funding, GET /api/funding/2025-26/ics/SI01/allocation",
        "/api/funding/2025-26/ics/SI01/allocation",
        Caller::Administrator,
        |body| {
            body["allocation"]["value"]["lines"].as_array().map_or(0, Vec::len)
                + body["changes"].as_array().map_or(0, Vec::len)
        },
    ),
    (
        "earned autonomy, GET /api/funding/2025-26/ics/SI01/autonomy",
        "/api/funding/2025-26/ics/SI01/autonomy",
        Caller::Administrator,
        |body| body["assessment"]["criteria"].as_array().map_or(0, Vec::len),
    ),
    (
        "fund allocation (administrator), GET /api/funding/2025-26/funds/…/allocation",
        "/api/funding/2025-26/funds/synthetic-shared-care-records/allocation",
        Caller::Administrator,
        lines,
    ),
    (
        "fund allocation (S0101's lead), GET /api/funding/2025-26/funds/…/allocation",
        "/api/funding/2025-26/funds/synthetic-shared-care-records/allocation",
        Caller::OrganisationLead,
        lines,
    ),
    (
        "ICS envelopes, GET /api/funding/2025-26/envelopes",
        "/api/funding/2025-26/envelopes",
        Caller::Administrator,
        lines,
    ),
    ("funds, GET /api/funding/2025-26/funds", "/api/funding/2025-26/funds", Caller::Administrator, |body| {
        body.as_array().map_or(0, Vec::len)
    }),
    // The funding pages, as their people open them.
    (
        "funding page, GET /api/views/funding",
        "/api/views/funding?period=2025/26",
        Caller::Administrator,
        table_rows,
    ),
    (
        "ICS funding page, GET /api/views/ics/SI01/funding",
        "/api/views/ics/SI01/funding?period=2025/26",
        Caller::Administrator,
        table_rows,
    ),
    (
        "organisation funding page (S0101's lead), GET /api/views/organisations/S0101/funding",
        "/api/views/organisations/S0101/funding?period=2025/26",
        Caller::OrganisationLead,
        table_rows,
    ),
    (
        "fund page (S0101's lead), GET /api/views/funding/…",
        "/api/views/funding/synthetic-shared-care-records?period=2025/26",
        Caller::OrganisationLead,
        table_rows,
    ),
];

/// How much slower than the rows' growth a figure may be before it counts as growing faster:
/// medians of a few dozen requests on a shared machine still wobble by this much.
const NOISE: f64 = 1.2;

/// Loads every scale into a table of its own, each served by its own API, then times the
/// requests round-robin across scales (after a few untimed rounds), so a slow moment on the
/// machine falls on every scale alike rather than on whichever was measured then. The timed API
/// reads through the plain store; a second API over the same table counts (the counting parses
/// every answer again, which would add to the times).
pub async fn run(report: &mut Report, endpoint: &str, runs: usize, quick: bool) {
    println!("\n4. Scale (DynamoDB Local at {endpoint}, {runs} timed requests per figure)");
    let scales = scales(quick);
    let auth = Arc::new(Auth::development());
    let sign_in = |name: &str, email: &str, group: &str| {
        auth.dev
            .as_ref()
            .expect("the development sign-in")
            .sign_in(&DevSignIn {
                name: name.to_owned(),
                email: email.to_owned(),
                groups: vec![group.to_owned()],
            })
            .expect("a valid user")
            .token
    };
    let administrator = sign_in("Bench Admin", "bench@example.nhs.uk", "administrator");
    let organisation_lead = sign_in("Bench Lead", "lead@example.nhs.uk", "organisation-lead:S0101");
    let mut servers = Vec::new();
    for scale in &scales {
        let config = wgll_tests::fresh_config(endpoint);
        let store = Store::connect(&config).await;
        let mut attempts = 0;
        while let Err(error) = store.ensure_table().await {
            attempts += 1;
            assert!(attempts < 60, "the table could not be created: {error}");
            tokio::time::sleep(std::time::Duration::from_millis(500)).await;
        }
        let started = Instant::now();
        let loaded = store.load_synthetic(scale.shape).await.expect("the synthetic set loads");
        let offers = store.load_synthetic_offers(scale.shape).await.expect("the synthetic offers load");
        let funding = store.load_synthetic_funding(scale.shape).await.expect("the synthetic funding loads");
        println!(
            "  {}: {} ICSs × {} organisations × {} periods: {} items, {offers} service records and {funding} funding items loaded in {:.0} s",
            scale.label,
            scale.shape.icss,
            scale.shape.organisations_per_ics,
            scale.shape.periods,
            loaded.items,
            started.elapsed().as_secs_f64()
        );
        servers.push((serve(store.clone(), auth.clone()).await, serve_counting(&store, auth.clone()).await));
    }
    let client = reqwest::Client::new();
    let mut results: Vec<Vec<Measured>> =
        ENDPOINTS.iter().map(|_| scales.iter().map(|_| Measured::default()).collect()).collect();
    for round in 0..=runs + 3 {
        for ((_, path, caller, rows), results) in ENDPOINTS.iter().zip(results.iter_mut()) {
            let token = match caller {
                Caller::Public => None,
                Caller::Administrator => Some(administrator.as_str()),
                Caller::OrganisationLead => Some(organisation_lead.as_str()),
            };
            // Each round starts at another scale, so none always follows the heaviest request.
            let mut order: Vec<_> = servers.iter().zip(results.iter_mut()).collect();
            order.rotate_left(round % scales.len());
            for (((timed, _), (counting, counter, _)), measured) in order {
                if round == 0 {
                    let url = format!("http://{counting}{path}");
                    one_request(&client, &url, token, Some(counter), *rows, measured, false).await;
                } else {
                    let url = format!("http://{timed}{path}");
                    one_request(&client, &url, token, None, *rows, measured, round > 3).await;
                }
            }
        }
    }
    for ((_, timed), (_, _, counting)) in &servers {
        timed.abort();
        counting.abort();
    }
    for ((label, ..), results) in ENDPOINTS.iter().zip(&results) {
        let medians: Vec<f64> =
            results.iter().map(|measured| median(&mut measured.samples.clone())).collect();
        let base = &results[0];
        for ((scale, measured), millis) in scales.iter().zip(results).zip(&medians) {
            let time_ratio = millis / medians[0];
            let rows_ratio = measured.rows as f64 / base.rows.max(1) as f64;
            let constant_requests = measured.tally.requests == base.tally.requests;
            let within = constant_requests && time_ratio <= rows_ratio.max(1.0) * NOISE;
            report.add(Row {
                section: "4 scale",
                figure: format!("{label} at {}", scale.label),
                value: format!(
                    "{} · {} req · {} items · {:.1} RCU · {} rows",
                    ms(*millis),
                    measured.tally.requests,
                    measured.tally.items,
                    measured.tally.read_capacity,
                    measured.rows
                ),
                reference: format!("{} at 1×", ms(medians[0])),
                ratio: Some(time_ratio),
                budget: format!(
                    "requests = 1×'s; time ×≤ rows ×{rows_ratio:.1} (+{:.0}%)",
                    (NOISE - 1.0) * 100.0
                ),
                verdict: Verdict::from_check(within),
            });
        }
    }
}
