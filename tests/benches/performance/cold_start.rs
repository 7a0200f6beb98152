//! 2. Cold start: the time from starting a function's binary to its first answered request, under
//!    a local stand-in for the Lambda runtime API (the HTTP interface Lambda's bootstrap talks to),
//!    beside a minimal `lambda_http` hello function built with the same profile in the same run.
//!    Both are native x86_64 release builds started from a warm file cache: the figure is the
//!    binary's own start-up (loading, runtime and clients set up, first request), not Lambda's
//!    download of the code, which grows with the zip's size (the binary sizes are shown for that).

use crate::report::{Report, Row, Verdict, kb, median, ms};
use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path as UrlPath, State};
use axum::http::{HeaderMap, StatusCode};
use axum::response::IntoResponse;
use axum::routing::{get, post};
use std::net::{Ipv4Addr, SocketAddr};
use std::path::Path;
use std::process::Stdio;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};
use tokio::sync::mpsc;

/// The API's cold start may take at most this many times the minimal function's.
pub const BUDGET_RATIO: f64 = 1.5;

/// What the stand-in learned from one start.
enum Outcome {
    Answered { at: Instant, status: u16 },
    Failed(String),
}

#[derive(Clone)]
struct RuntimeApi {
    /// The one invocation to hand out; later polls wait until the process is stopped.
    event: Arc<Mutex<Option<String>>>,
    outcomes: mpsc::UnboundedSender<Outcome>,
}

const REQUEST_ID: &str = "8476a536-e9f4-11e8-9739-2dfe598c3fcd";

async fn next_invocation(State(api): State<RuntimeApi>) -> impl IntoResponse {
    let event = api.event.lock().expect("not poisoned").take();
    let Some(event) = event else {
        std::future::pending::<()>().await;
        unreachable!("a pending future never finishes");
    };
    let deadline = std::time::SystemTime::now() + Duration::from_secs(30);
    let deadline_ms = deadline.duration_since(std::time::UNIX_EPOCH).expect("after 1970").as_millis();
    let mut headers = HeaderMap::new();
    let mut set = |name: &'static str, value: String| {
        headers.insert(name, value.parse().expect("a valid header value"));
    };
    set("lambda-runtime-aws-request-id", REQUEST_ID.to_owned());
    set("lambda-runtime-deadline-ms", deadline_ms.to_string());
    set(
        "lambda-runtime-invoked-function-arn",
        "arn:aws:lambda:eu-west-2:123456789012:function:bench".to_owned(),
    );
    set(
        "lambda-runtime-trace-id",
        "Root=1-5bef4de7-ad49b0e87f6ef6c87fc2e700;Parent=9a9197af755a6419;Sampled=1".to_owned(),
    );
    set("content-type", "application/json".to_owned());
    (headers, event)
}

async fn invocation_response(
    State(api): State<RuntimeApi>,
    UrlPath(_id): UrlPath<String>,
    body: Bytes,
) -> StatusCode {
    let at = Instant::now();
    let status = serde_json::from_slice::<serde_json::Value>(&body)
        .ok()
        .and_then(|response| response["statusCode"].as_u64())
        .unwrap_or(0) as u16;
    let _ = api.outcomes.send(Outcome::Answered { at, status });
    StatusCode::ACCEPTED
}

async fn invocation_error(State(api): State<RuntimeApi>, body: Bytes) -> StatusCode {
    let _ = api.outcomes.send(Outcome::Failed(String::from_utf8_lossy(&body).into_owned()));
    StatusCode::ACCEPTED
}

async fn invocation_error_for(
    State(api): State<RuntimeApi>,
    UrlPath(_id): UrlPath<String>,
    body: Bytes,
) -> StatusCode {
    invocation_error(State(api), body).await
}

/// An API Gateway HTTP API (payload 2.0) GET request for `path`, as Lambda hands it over.
fn http_api_event(path: &str) -> String {
    serde_json::json!({
        "version": "2.0",
        "routeKey": "$default",
        "rawPath": path,
        "rawQueryString": "",
        "headers": {"host": "bench.example.nhs.uk", "accept": "application/json", "user-agent": "bench"},
        "requestContext": {
            "accountId": "123456789012", "apiId": "bench", "domainName": "bench.example.nhs.uk",
            "domainPrefix": "bench",
            "http": {"method": "GET", "path": path, "protocol": "HTTP/1.1", "sourceIp": "127.0.0.1", "userAgent": "bench"},
            "requestId": "bench", "routeKey": "$default", "stage": "$default",
            "time": "24/Nov/2026:10:00:00 +0000", "timeEpoch": 1_795_514_400_000u64
        },
        "isBase64Encoded": false
    })
    .to_string()
}

/// Starts `binary` under a fresh runtime API stand-in that hands it one GET of `path`, and returns
/// the time from the start to its answer.
async fn one_cold_start(binary: &Path, path: &str, env: &[(&str, String)]) -> Result<Duration, String> {
    let (outcomes, mut received) = mpsc::unbounded_channel();
    let api = RuntimeApi { event: Arc::new(Mutex::new(Some(http_api_event(path)))), outcomes };
    let app = Router::new()
        .route("/2018-06-01/runtime/invocation/next", get(next_invocation))
        .route("/2018-06-01/runtime/invocation/{id}/response", post(invocation_response))
        .route("/2018-06-01/runtime/invocation/{id}/error", post(invocation_error_for))
        .route("/2018-06-01/runtime/init/error", post(invocation_error))
        .with_state(api);
    let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0)))
        .await
        .expect("a loopback port is free");
    let address = listener.local_addr().expect("the listener has an address");
    let server = tokio::spawn(async move { axum::serve(listener, app).await });

    // Lambda's environment for a function, and nothing from this shell.
    let mut command = tokio::process::Command::new(binary);
    command
        .env_clear()
        .env("AWS_LAMBDA_RUNTIME_API", address.to_string())
        .env("AWS_LAMBDA_FUNCTION_NAME", "bench")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("AWS_LAMBDA_LOG_STREAM_NAME", "bench")
        .env("AWS_LAMBDA_LOG_GROUP_NAME", "/aws/lambda/bench")
        .env("AWS_REGION", "eu-west-2")
        .env("LAMBDA_TASK_ROOT", "/var/task")
        .envs(env.iter().map(|(name, value)| (*name, value.as_str())))
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true);
    let started = Instant::now();
    let mut child = command
        .spawn()
        .map_err(|error| format!("{} did not start ({error}): `make bench` builds it", binary.display()))?;
    let outcome = tokio::time::timeout(Duration::from_secs(20), received.recv()).await;
    let _ = child.start_kill();
    let _ = child.wait().await;
    server.abort();
    match outcome {
        Ok(Some(Outcome::Answered { at, status: 200 })) => Ok(at - started),
        Ok(Some(Outcome::Answered { status, .. })) => Err(format!("answered {status}")),
        Ok(Some(Outcome::Failed(error))) => Err(format!("reported an error: {error}")),
        Ok(None) | Err(_) => {
            let mut stderr = String::new();
            if let Some(mut pipe) = child.stderr.take() {
                use tokio::io::AsyncReadExt;
                let _ = pipe.read_to_string(&mut stderr).await;
            }
            Err(format!("no answer within 20 s; its stderr: {stderr}"))
        }
    }
}

pub struct Binaries<'a> {
    pub api: &'a Path,
    pub hello: &'a Path,
}

/// `runs` cold starts of each, interleaved so that a noisy moment hurts all alike; medians.
pub async fn run(
    report: &mut Report,
    binaries: Binaries<'_>,
    runs: usize,
    api_env: Vec<(&str, String)>,
    read_path: &str,
) {
    println!(
        "\n2. Cold start ({} against {}, {runs} starts each)",
        binaries.api.display(),
        binaries.hello.display()
    );
    type Case<'a> = (&'a str, &'a Path, &'a str, &'a [(&'a str, String)]);
    let cases: [Case; 3] = [
        ("hello", binaries.hello, "/", &[]),
        ("api", binaries.api, "/api/frameworks/wgll-2021", &api_env),
        ("api-read", binaries.api, read_path, &api_env),
    ];
    let mut samples: [Vec<f64>; 3] = Default::default();
    // One start each first, not counted: it pages the binaries into the file cache.
    for round in 0..=runs {
        for ((name, binary, path, env), samples) in cases.iter().zip(samples.iter_mut()) {
            match one_cold_start(binary, path, env).await {
                Ok(duration) if round > 0 => samples.push(duration.as_secs_f64() * 1000.0),
                Ok(_) => {}
                Err(error) => panic!("the {name} function's cold start failed: {error}"),
            }
        }
    }
    let [hello, api, api_read] = samples.map(|mut samples| median(&mut samples));
    let rows = [
        ("API function: start → first answer (GET /api/frameworks/{id}), median", api, true),
        ("API function: first answer reading DynamoDB (one Query), median", api_read, false),
    ];
    for (figure, millis, budgeted) in rows {
        report.add(Row {
            section: "2 cold start",
            figure: figure.to_owned(),
            value: ms(millis),
            reference: ms(hello),
            ratio: Some(millis / hello),
            budget: if budgeted { format!("≤ {BUDGET_RATIO}× hello") } else { String::new() },
            verdict: if budgeted {
                Verdict::from_check(millis <= BUDGET_RATIO * hello)
            } else {
                Verdict::Info
            },
        });
    }
    let size = |path: &Path| path.metadata().map(|metadata| metadata.len()).unwrap_or(0);
    let (api_size, hello_size) = (size(binaries.api), size(binaries.hello));
    report.add(Row {
        section: "2 cold start",
        figure: "binary size (release, stripped, x86_64)".to_owned(),
        value: kb(api_size),
        reference: kb(hello_size),
        ratio: Some(api_size as f64 / hello_size as f64),
        budget: String::new(),
        verdict: Verdict::Info,
    });
}
