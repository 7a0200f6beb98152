//! The Lambda function itself (`bin/api.rs`, the binary AWS runs), started as Lambda starts it:
//! under a stand-in for the Lambda runtime API on loopback, configured as the template configures
//! it (Cognito sign-in). Everything else tests the router; this tests the entry point around it.

use axum::Router;
use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::HeaderMap;
use axum::routing::{get, post};
use serde_json::{Value, json};
use std::collections::VecDeque;
use std::sync::{Arc, Mutex};
use std::time::Duration;
use tokio::sync::mpsc;

/// The runtime API's side: invocations to hand out, in order, and what the function answers.
#[derive(Clone)]
struct RuntimeApi {
    events: Arc<Mutex<VecDeque<(String, Value)>>>,
    answers: mpsc::UnboundedSender<(String, Value)>,
}

async fn next_invocation(State(api): State<RuntimeApi>) -> (HeaderMap, String) {
    let next = api.events.lock().unwrap().pop_front();
    let Some((id, event)) = next else {
        // No more work: the function waits here, as it would for Lambda's next event.
        std::future::pending::<()>().await;
        unreachable!();
    };
    let mut headers = HeaderMap::new();
    headers.insert("lambda-runtime-aws-request-id", id.parse().unwrap());
    let deadline = std::time::SystemTime::now() + Duration::from_secs(30);
    let deadline = deadline.duration_since(std::time::UNIX_EPOCH).unwrap().as_millis();
    headers.insert("lambda-runtime-deadline-ms", deadline.to_string().parse().unwrap());
    headers.insert(
        "lambda-runtime-invoked-function-arn",
        "arn:aws:lambda:eu-west-2:123456789012:function:wgll-api".parse().unwrap(),
    );
    (headers, event.to_string())
}

async fn invocation_response(State(api): State<RuntimeApi>, Path(id): Path<String>, body: Bytes) {
    let answer = serde_json::from_slice(&body).unwrap_or_else(|_| json!({"unreadable": true}));
    api.answers.send((id, answer)).unwrap();
}

async fn invocation_error(State(api): State<RuntimeApi>, Path(id): Path<String>, body: Bytes) {
    let error = json!({"error": String::from_utf8_lossy(&body)});
    api.answers.send((id, error)).unwrap();
}

/// An API Gateway HTTP API (payload 2.0) GET of `path`, as Lambda hands it to the function.
fn get_event(path: &str, headers: Value) -> Value {
    json!({
        "version": "2.0", "routeKey": "$default", "rawPath": path, "rawQueryString": "",
        "headers": headers,
        "requestContext": {
            "accountId": "123456789012", "apiId": "api", "domainName": "wgll.example.nhs.uk",
            "domainPrefix": "wgll",
            "http": {"method": "GET", "path": path, "protocol": "HTTP/1.1", "sourceIp": "192.0.2.1", "userAgent": "test"},
            "requestId": "request", "routeKey": "$default", "stage": "$default",
            "time": "02/Dec/2026:10:00:00 +0000", "timeEpoch": 1_796_205_600_000u64
        },
        "isBase64Encoded": false
    })
}

#[tokio::test]
async fn public_requests_are_answered_without_cognitos_keys_and_signed_in_ones_say_to_retry() {
    let events = VecDeque::from([
        ("public".to_owned(), get_event("/api/frameworks/wgll-2021", json!({"accept": "application/json"}))),
        (
            "signed-in".to_owned(),
            get_event("/api/reviews/any", json!({"authorization": "Bearer some.signed.token"})),
        ),
    ]);
    let (answers, mut answered) = mpsc::unbounded_channel();
    let api = RuntimeApi { events: Arc::new(Mutex::new(events)), answers };
    let runtime_api = Router::new()
        .route("/2018-06-01/runtime/invocation/next", get(next_invocation))
        .route("/2018-06-01/runtime/invocation/{id}/response", post(invocation_response))
        .route("/2018-06-01/runtime/invocation/{id}/error", post(invocation_error))
        .with_state(api);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, runtime_api).await.unwrap() });

    // As the template configures it; this machine may have no way to Cognito, and the user pool
    // does not exist, so its key set cannot be fetched.
    let mut function = tokio::process::Command::new(env!("CARGO_BIN_EXE_api"))
        .env_clear()
        .env("AWS_LAMBDA_RUNTIME_API", address.to_string())
        .env("AWS_LAMBDA_FUNCTION_NAME", "wgll-api")
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
        .env("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST")
        .env("AWS_REGION", "eu-west-2")
        .env("AUTH_MODE", "cognito")
        .env("COGNITO_USER_POOL_ID", "eu-west-2_NOSUCHPOOL")
        .env("COGNITO_CLIENT_ID", "test-client")
        .env("COGNITO_DOMAIN", "https://wgll-test.auth.eu-west-2.amazoncognito.com")
        .env("TABLE_NAME", "wgll")
        .env("DYNAMODB_ENDPOINT", "http://127.0.0.1:9")
        .kill_on_drop(true)
        .spawn()
        .expect("the function starts");

    let mut next = async || {
        tokio::time::timeout(Duration::from_secs(20), answered.recv())
            .await
            .expect("the function answers within 20 s")
            .expect("the stand-in is running")
    };
    // The public page does not wait for the key set.
    let (id, answer) = next().await;
    assert_eq!(id, "public");
    assert_eq!(answer["statusCode"], 200, "{answer}");
    let framework: Value = serde_json::from_str(answer["body"].as_str().unwrap()).unwrap();
    assert_eq!(framework["measures"].as_array().map(Vec::len), Some(7));
    // A signed-in request waits for it and, as it cannot be fetched, says to retry.
    let (id, answer) = next().await;
    assert_eq!(id, "signed-in");
    assert_eq!(answer["statusCode"], 503, "{answer}");
    assert!(answer["headers"]["retry-after"].is_string(), "{answer}");
    function.kill().await.unwrap();
}

/// One setting must not open the deployment: told `AUTH_MODE=dev`, the Lambda function refuses to
/// start instead of signing anyone in as anyone. (The artefacts deployed to AWS are built without
/// the development sign-in at all: scripts/build-lambdas.sh checks that too.)
#[test]
fn the_lambda_function_refuses_to_start_the_development_sign_in() {
    let output = std::process::Command::new(env!("CARGO_BIN_EXE_api"))
        .env("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9")
        .env("AWS_LAMBDA_FUNCTION_NAME", "wgll-api")
        .env("AWS_REGION", "eu-west-2")
        .env("AUTH_MODE", "dev")
        .env("TABLE_NAME", "wgll")
        .env("DYNAMODB_ENDPOINT", "http://127.0.0.1:9")
        .output()
        .expect("the function's binary runs");
    assert!(!output.status.success(), "it must not start");
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("only accepts Cognito"), "it says why: {stderr}");
}
