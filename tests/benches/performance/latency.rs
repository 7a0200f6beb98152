//! 3. API latency: p50 and p99 of the main read endpoints under a concurrent load on loopback
//!    (the router in this process, DynamoDB Local beside it), beside the latency of one raw
//!    GetItem on the same DynamoDB Local under the same load: the floor of one database round trip.
//!    Every request is first sent at full load, round after round until DynamoDB Local's JVM has
//!    stopped compiling the code that answers them (on the same 2 cores; see jit.rs), then each
//!    endpoint and the floor take turns, so each ratio compares figures taken in the same stretch
//!    of time. A raw one-item Query is
//!    timed the same way, to show what a Query costs DynamoDB Local beyond a GetItem.

use crate::jit;
use crate::report::{Report, Row, Verdict, ms, percentile};
use aws_sdk_dynamodb::types::AttributeValue;
use std::future::Future;
use std::pin::Pin;
use std::sync::Arc;
use std::time::Instant;
use wgll_functions::store::Store;
use wgll_shared::framework::Variant::Organisation;
use wgll_tests::TestApp;

/// A single-record read's p50 may be at most this many times the GetItem floor's.
pub const BUDGET_RATIO: f64 = 2.0;

/// Warm-up rounds: at least the first, at most the last; in between, until the JIT compilers use
/// at most [`JIT_IDLE`] of a core over a round.
const WARM_UP_ROUNDS: std::ops::RangeInclusive<usize> = 1..=9;
const JIT_IDLE: f64 = 0.05;

pub struct Load {
    pub concurrency: usize,
    pub requests: usize,
}

/// One request to time: a boxed closure, so the floor and each endpoint can take turns.
type Request = Arc<dyn Fn() -> Pin<Box<dyn Future<Output = ()> + Send>> + Send + Sync>;

/// Part of an endpoint's work, timed alone to show where its ratio goes: (label, request).
type Part = (&'static str, Request);

fn request<F, Fut>(send: F) -> Request
where
    F: Fn() -> Fut + Send + Sync + 'static,
    Fut: Future<Output = ()> + Send + 'static,
{
    Arc::new(move || Box::pin(send()))
}

/// Sends `count` requests from `concurrency` workers at once and returns each one's latency in
/// milliseconds.
async fn load_with(concurrency: usize, count: usize, request: &Request) -> Vec<f64> {
    let per_worker = count.div_ceil(concurrency);
    let mut workers = tokio::task::JoinSet::new();
    for _ in 0..concurrency {
        let request = request.clone();
        workers.spawn(async move {
            let mut samples = Vec::with_capacity(per_worker);
            for _ in 0..per_worker {
                let started = Instant::now();
                request().await;
                samples.push(started.elapsed().as_secs_f64() * 1000.0);
            }
            samples
        });
    }
    let mut all = Vec::with_capacity(count);
    while let Some(samples) = workers.join_next().await {
        all.extend(samples.expect("a worker finishes"));
    }
    all
}

/// How many turns the floor and an endpoint take: each gets `load.requests / TURNS` requests a turn.
const TURNS: usize = 10;

/// `load.requests` requests to `endpoint` and as many GetItems (the floor), in alternating turns
/// under the same load, so that both meet the same moments of a shared machine and of DynamoDB
/// Local's JVM (whose JIT compiler can take a core for seconds); both sorted.
async fn measure_beside_floor(load: &Load, floor: &Request, endpoint: &Request) -> (Vec<f64>, Vec<f64>) {
    let (mut floor_samples, mut samples) = (Vec::new(), Vec::new());
    for _ in 0..TURNS {
        floor_samples.extend(load_with(load.concurrency, load.requests / TURNS, floor).await);
        samples.extend(load_with(load.concurrency, load.requests / TURNS, endpoint).await);
    }
    floor_samples.sort_by(f64::total_cmp);
    samples.sort_by(f64::total_cmp);
    (floor_samples, samples)
}

/// A GET that must answer 200; the whole body is read, as a browser would, and returned.
async fn get_ok(client: &reqwest::Client, url: &str, token: Option<&str>) -> axum::body::Bytes {
    let mut request = client.get(url);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let response = request.send().await.expect("the API answers");
    let status = response.status();
    let body = response.bytes().await.expect("the body can be read");
    assert!(status.is_success(), "{url} answered {status}: {}", String::from_utf8_lossy(&body));
    body
}

/// The figures' fixture: West Yorkshire ICS and a trust with a published peer review of all seven
/// measures (an outcome on the ICS dashboard) and a few live services. Returns the review's id.
pub async fn fixture(app: &TestApp) -> String {
    app.add_ics_and_trust().await;
    let id = app.publish_peer_review("RR8", Organisation, "2025/26", [3, 2, 4, 3, 2, 3, 1]).await;
    for service in ["nhs-login", "appointments", "test-results", "medications", "correspondence"] {
        let body = serde_json::json!({
            "status": "live", "channels": ["nhs-app"], "lastChecked": "2026-11-01", "version": 0
        });
        let response = app.put(&format!("/api/organisations/RR8/offer/{service}"), &body).await;
        assert!(response.status().is_success(), "the offer of {service} is saved: {}", response.status());
    }
    id
}

pub async fn run(report: &mut Report, app: &TestApp, review_id: &str, load: Load) {
    println!("\n3. API latency ({} workers, {} requests per figure)", load.concurrency, load.requests);
    let store = Store::connect(&app.config).await;
    let table = store.table_name().to_owned();
    let floor_store = store.clone();
    let floor = request(move || {
        let request = floor_store
            .client()
            .get_item()
            .table_name(&table)
            .key("PK", AttributeValue::S("ORG#RR8".to_owned()))
            .key("SK", AttributeValue::S("META".to_owned()));
        async move {
            let output = request.send().await.expect("DynamoDB Local answers");
            assert!(output.item.is_some(), "the organisation is there");
        }
    });
    let token = app.token.clone().expect("the test app signs in an administrator");
    // What each endpoint asks of DynamoDB, counted once on a second server over the same table
    // (the counting itself would slow the timed one).
    let (address, counter, counting_server) = crate::scale::serve_counting(&store, app.auth.clone()).await;
    let review_store = store.clone();
    let review = wgll_shared::ids::ReviewId::parse(review_id).expect("the fixture's review id");
    let offer_store = store.clone();
    let trust = wgll_shared::organisation::OdsCode::parse("RR8").expect("a valid code");
    let raw_review_store = store.clone();
    let review_partition = format!("REVIEW#{review_id}");
    // (label, path, signed in, budgeted as a single-record read, its parts timed alone)
    let endpoints: [(&str, String, bool, bool, Vec<Part>); 5] = [
        ("GET /api/frameworks/wgll-2021", "/api/frameworks/wgll-2021".to_owned(), false, false, vec![]),
        (
            "GET /api/reviews/{id}",
            format!("/api/reviews/{review_id}"),
            true,
            true,
            vec![
                (
                    "the store's read for it alone, no HTTP",
                    request(move || {
                        let (store, review) = (review_store.clone(), review.clone());
                        async move {
                            let detail =
                                store.get_review_detail(&review).await.expect("DynamoDB Local answers");
                            assert!(detail.is_some(), "the review is there");
                        }
                    }),
                ),
                (
                    "its Query alone, raw: the same items, not parsed",
                    request(move || {
                        // The store's own Query (`get_review_detail`), as the SDK answers it.
                        let query = raw_review_store
                            .client()
                            .query()
                            .table_name(raw_review_store.table_name())
                            .key_condition_expression("PK = :pk AND SK BETWEEN :first AND :last")
                            .expression_attribute_values(":pk", AttributeValue::S(review_partition.clone()))
                            .expression_attribute_values(":first", AttributeValue::S("LEVELS".to_owned()))
                            .expression_attribute_values(":last", AttributeValue::S("META".to_owned()))
                            .consistent_read(true);
                        async move {
                            let output = query.send().await.expect("DynamoDB Local answers");
                            assert_eq!(
                                output.count, 9,
                                "the review, its 7 assessments and its agreed levels"
                            );
                        }
                    }),
                ),
            ],
        ),
        (
            "GET /api/public/organisations/{ods}",
            "/api/public/organisations/RR8".to_owned(),
            false,
            true,
            vec![(
                "the store's read for it alone, no HTTP",
                request(move || {
                    let (store, trust) = (offer_store.clone(), trust.clone());
                    async move {
                        let offer =
                            store.get_organisation_offer(&trust).await.expect("DynamoDB Local answers");
                        assert!(offer.is_some(), "the organisation is there");
                    }
                }),
            )],
        ),
        ("GET /api/public/ics/{ics}", "/api/public/ics/QWO".to_owned(), false, false, vec![]),
        (
            "GET /api/ics/{ics}/dashboard",
            "/api/ics/QWO/dashboard?period=2025/26".to_owned(),
            true,
            false,
            vec![],
        ),
    ];
    let mut timed = Vec::new();
    for (label, path, signed_in, budgeted, parts) in endpoints {
        let client = app.client.clone();
        let token = signed_in.then(|| token.clone());
        counter.take();
        let body = get_ok(&client, &format!("http://{address}{path}"), token.as_deref()).await;
        let requests = match counter.take().requests {
            0 => "no DynamoDB request".to_owned(),
            1 => "1 DynamoDB request".to_owned(),
            many => format!("{many} DynamoDB requests"),
        };
        let figure = format!("{label} ({requests}, {})", crate::report::kb(body.len() as u64));
        let url = app.url(&path);
        let http = request(move || {
            let (client, url, token) = (client.clone(), url.clone(), token.clone());
            async move {
                get_ok(&client, &url, token.as_deref()).await;
            }
        });
        timed.push((figure, budgeted, http, parts));
    }
    counting_server.abort();

    // How much of an endpoint's ratio a Query costs in itself: DynamoDB Local parses the key
    // condition expression of every Query (a GetItem has none), about as much work as returning
    // a few items.
    let query_store = store.clone();
    let review_key = format!("REVIEW#{review_id}");
    let one_item_query = request(move || {
        let query = query_store
            .client()
            .query()
            .table_name(query_store.table_name())
            .key_condition_expression("PK = :pk AND SK = :sk")
            .expression_attribute_values(":pk", AttributeValue::S(review_key.clone()))
            .expression_attribute_values(":sk", AttributeValue::S("META".to_owned()))
            .consistent_read(true);
        async move {
            let output = query.send().await.expect("DynamoDB Local answers");
            assert_eq!(output.count, 1, "the review is there");
        }
    });
    // Warm up first: DynamoDB Local's JVM compiles each kind of request as it meets it, and the
    // compiling competes for the same 2 cores. Rounds of every request at full load, until its
    // compilers are idle (see jit.rs).
    let mut warm_up = vec![&floor, &one_item_query];
    for (_, _, http, parts) in &timed {
        warm_up.push(http);
        warm_up.extend(parts.iter().map(|(_, part)| part));
    }
    let (mut rounds, mut compiling) = (0, 0.0);
    let mut compiled = jit::compile_time();
    while rounds < *WARM_UP_ROUNDS.start() || (compiling > JIT_IDLE && rounds < *WARM_UP_ROUNDS.end()) {
        let started = Instant::now();
        for request in &warm_up {
            load_with(load.concurrency, load.requests / 2, request).await;
        }
        rounds += 1;
        let now = jit::compile_time();
        compiling = match (compiled, now) {
            (Some(before), Some(after)) => (after - before).as_secs_f64() / started.elapsed().as_secs_f64(),
            _ => 0.0,
        };
        compiled = now;
    }
    let compilers = match compiled {
        None => "DynamoDB Local's JIT compilers not measurable here: the minimum".to_owned(),
        Some(_) if compiling > JIT_IDLE => format!(
            "the most it takes, with DynamoDB Local's JIT compilers still busy ({:.0}% of a core in \
             the last, from /proc)",
            compiling * 100.0
        ),
        Some(_) => format!(
            "until DynamoDB Local's JIT compilers took {:.0}% of a core in the last (from /proc)",
            compiling * 100.0
        ),
    };
    report.note(format!(
        "Latency warm-up: {rounds} round(s) of every request ({} each), {compilers}.",
        load.requests / 2
    ));

    let mut rows = Vec::new();
    let mut all_floor = Vec::new();
    let mut add = |figure: String, floor_samples: Vec<f64>, samples: Vec<f64>, budgeted: bool| {
        let (floor_p50, floor_p99) = (percentile(&floor_samples, 0.5), percentile(&floor_samples, 0.99));
        let (p50, p99) = (percentile(&samples, 0.5), percentile(&samples, 0.99));
        let ratio = p50 / floor_p50;
        rows.push(Row {
            section: "3 latency",
            figure,
            value: format!("{} ({})", ms(p50), ms(p99)),
            reference: format!("{} ({})", ms(floor_p50), ms(floor_p99)),
            ratio: Some(ratio),
            budget: if budgeted { format!("p50 ≤ {BUDGET_RATIO}× floor") } else { String::new() },
            verdict: if budgeted { Verdict::from_check(ratio <= BUDGET_RATIO) } else { Verdict::Info },
        });
        all_floor.extend(floor_samples);
    };
    let (floor_samples, samples) = measure_beside_floor(&load, &floor, &one_item_query).await;
    add(
        "a raw Query returning one item (a review's own), no HTTP, p50 (p99)".to_owned(),
        floor_samples,
        samples,
        false,
    );
    for (figure, budgeted, http, parts) in timed {
        let (floor_samples, samples) = measure_beside_floor(&load, &floor, &http).await;
        add(format!("{figure}, p50 (p99)"), floor_samples, samples, budgeted);
        for (label, part) in parts {
            let (floor_samples, samples) = measure_beside_floor(&load, &floor, &part).await;
            add(format!("  {label}, p50 (p99)"), floor_samples, samples, false);
        }
    }
    all_floor.sort_by(f64::total_cmp);
    report.add(Row {
        section: "3 latency",
        figure: "floor: one raw GetItem on DynamoDB Local, all its turns, p50 (p99)".to_owned(),
        value: format!("{} ({})", ms(percentile(&all_floor, 0.5)), ms(percentile(&all_floor, 0.99))),
        reference: String::new(),
        ratio: None,
        budget: String::new(),
        verdict: Verdict::Info,
    });
    for row in rows {
        report.add(row);
    }
}
