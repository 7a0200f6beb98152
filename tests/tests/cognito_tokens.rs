//! The token checks AWS relies on, with Cognito-shaped ID tokens (RS256, `cognito:groups`) signed
//! by a test key whose public half is a Cognito-style JWKS (`tests/fixtures`, test-only key).

use jsonwebtoken::jwk::JwkSet;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode, get_current_timestamp};
use serde_json::{Value, json};
use wgll_functions::auth::Auth;
use wgll_functions::auth::tokens::Verifier;
use wgll_shared::access::Role;
use wgll_shared::organisation::OdsCode;
use wgll_tests::{TestApp, fresh_config, shared_dynamodb_endpoint};

const ISSUER: &str = "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_TESTPOOL";
const CLIENT_ID: &str = "test-app-client";
const KEY_ID: &str = "cognito-test-key";

fn verifier() -> Verifier {
    let keys: JwkSet = serde_json::from_str(include_str!("../fixtures/cognito-test-jwks.json")).unwrap();
    Verifier::new(ISSUER, CLIENT_ID, keys)
}

fn hosted() -> wgll_shared::access::HostedSignIn {
    wgll_shared::access::HostedSignIn {
        authorize_url: "https://wgll.auth.eu-west-2.amazoncognito.com/oauth2/authorize".into(),
        token_url: "https://wgll.auth.eu-west-2.amazoncognito.com/oauth2/token".into(),
        client_id: CLIENT_ID.into(),
    }
}

fn claims() -> Value {
    let now = get_current_timestamp();
    json!({
        "iss": ISSUER, "aud": CLIENT_ID, "sub": "0b1c2d3e", "token_use": "id",
        "iat": now, "exp": now + 3600, "email": "Jo.Reviewer@NHS.net", "name": "Jo Reviewer",
        "cognito:groups": ["reviewer", "ics-lead:QWO", "some-other-group"]
    })
}

fn sign(claims: &Value) -> String {
    let key = EncodingKey::from_rsa_pem(include_bytes!("../fixtures/cognito-test-key.pem")).unwrap();
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some(KEY_ID.to_owned());
    encode(&header, claims, &key).unwrap()
}

fn with(changes: Value) -> Value {
    let mut claims = claims();
    for (key, value) in changes.as_object().unwrap() {
        claims[key] = value.clone();
    }
    claims
}

/// A key set may leave out a key's `alg` (it is optional in a JWK): the key's own type then
/// decides, RS256 for an RSA key, and still never the token.
#[test]
fn a_key_without_an_algorithm_is_checked_by_the_algorithm_of_its_type() {
    let mut keys: Value = serde_json::from_str(include_str!("../fixtures/cognito-test-jwks.json")).unwrap();
    keys["keys"][0].as_object_mut().unwrap().remove("alg");
    let keys: JwkSet = serde_json::from_value(keys).unwrap();
    let verifier = Verifier::new(ISSUER, CLIENT_ID, keys);
    assert_eq!(verifier.verify(&sign(&claims())).expect("RS256 for an RSA key").email, "jo.reviewer@nhs.net");
}

#[tokio::test]
async fn a_development_key_without_an_algorithm_is_checked_as_eddsa() {
    let app = TestApp::spawn().await;
    let issuer = app.auth.dev.as_ref().unwrap();
    let mut keys = serde_json::to_value(issuer.key_set()).unwrap();
    keys["keys"][0].as_object_mut().unwrap().remove("alg");
    let keys: JwkSet = serde_json::from_value(keys).unwrap();
    let verifier =
        Verifier::new(wgll_functions::auth::dev::ISSUER, wgll_functions::auth::dev::AUDIENCE, keys);
    let token = app.token_for("Jo", "jo@example.nhs.uk", &["reviewer"]);
    assert_eq!(verifier.verify(&token).expect("EdDSA for an octet key pair").email, "jo@example.nhs.uk");
}

#[test]
fn a_cognito_id_token_gives_the_user_and_their_known_roles() {
    let user = verifier().verify(&sign(&claims())).expect("a good token verifies");
    assert_eq!(user.email, "jo.reviewer@nhs.net");
    assert_eq!(user.name, "Jo Reviewer");
    assert_eq!(user.roles, [Role::Reviewer, Role::IcsLead(OdsCode::parse("QWO").unwrap())]);
}

#[test]
fn tokens_for_another_audience_issuer_or_time_are_refused() {
    let now = get_current_timestamp();
    let refused = [
        ("another app client", with(json!({"aud": "someone-else"}))),
        (
            "another user pool",
            with(json!({"iss": "https://cognito-idp.eu-west-2.amazonaws.com/eu-west-2_OTHER"})),
        ),
        ("expired", with(json!({"exp": now - 120}))),
        ("an access token", with(json!({"token_use": "access"}))),
        ("no email", with(json!({"email": null}))),
    ];
    for (what, claims) in refused {
        assert!(verifier().verify(&sign(&claims)).is_err(), "{what} must be refused");
    }
}

#[test]
fn a_token_cannot_choose_a_weaker_algorithm() {
    // "alg: none", and HS256 keyed with the public key (the classic RSA/HMAC confusion).
    let payload = base64_url(&serde_json::to_vec(&claims()).unwrap());
    let none = format!("{}.{payload}.", base64_url(br#"{"alg":"none","kid":"cognito-test-key"}"#));
    assert!(verifier().verify(&none).is_err());
    let mut header = Header::new(Algorithm::HS256);
    header.kid = Some(KEY_ID.to_owned());
    let public = include_bytes!("../fixtures/cognito-test-jwks.json");
    let confused = encode(&header, &claims(), &EncodingKey::from_secret(public)).unwrap();
    assert!(verifier().verify(&confused).is_err());
    // A key id that is not in the pool's key set.
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("rotated-away".to_owned());
    let key = EncodingKey::from_rsa_pem(include_bytes!("../fixtures/cognito-test-key.pem")).unwrap();
    assert!(verifier().verify(&encode(&header, &claims(), &key).unwrap()).is_err());
}

#[tokio::test]
async fn a_token_this_instance_already_accepted_is_refused_once_it_expires() {
    // The API remembers tokens it verified, so later requests skip the signature check; that must
    // not outlive the token. This one is 29 s past its expiry, inside the 30 s allowed for clock
    // differences: accepted now, refused two seconds later.
    let auth = Auth::cognito(verifier(), hosted());
    let now = get_current_timestamp();
    let token = sign(&with(json!({"exp": now - 29})));
    let user = auth.verify(&token).await.expect("accepted within the allowance");
    assert_eq!(user.email, "jo.reviewer@nhs.net");
    assert_eq!(auth.verify(&token).await.expect("accepted again").email, "jo.reviewer@nhs.net");
    tokio::time::sleep(std::time::Duration::from_millis(2_100)).await;
    assert!(auth.verify(&token).await.is_err(), "an expired token is refused, remembered or not");
    // Another token of the same person is checked on its own: a refused one stays refused.
    let forged = format!("{}x", sign(&claims()));
    assert!(auth.verify(&forged).await.is_err());
}

/// The API configured as in AWS: Cognito's tokens, its key set fetched from `url` in the background.
async fn api_fetching_keys_from(url: String) -> TestApp {
    let auth = Auth::cognito_fetching_keys(url, ISSUER.to_owned(), hosted());
    TestApp::spawn_with_auth(fresh_config(&shared_dynamodb_endpoint()), 0, None, std::sync::Arc::new(auth))
        .await
}

fn base64_url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, byte)| n | u32::from(*byte) << (16 - 8 * i));
        for i in 0..=chunk.len() {
            out.push(ALPHABET[(n >> (18 - 6 * i) & 63) as usize] as char);
        }
    }
    out
}

#[tokio::test]
async fn the_api_configured_for_cognito_accepts_its_tokens_and_has_no_development_sign_in() {
    let config = fresh_config(&shared_dynamodb_endpoint());
    let app =
        TestApp::spawn_with_auth(config, 0, None, std::sync::Arc::new(Auth::cognito(verifier(), hosted())))
            .await;
    let signed_in = app.acting_as(Some(sign(&claims())));
    let me = signed_in.get("/api/me").await.json::<Value>().await.unwrap();
    assert_eq!(me["email"], "jo.reviewer@nhs.net");
    let sign_in = json!({"name": "Mallory", "email": "m@example.com", "groups": ["administrator"]});
    let response = app.acting_as(None).post("/api/dev/sign-in", &sign_in).await;
    assert_eq!(response.status(), 404, "no password-less sign-in outside development");
    let config = app.acting_as(None).get("/api/sign-in").await.json::<Value>().await.unwrap();
    assert_eq!(config["mode"], "cognito");
    assert_eq!(config["clientId"], CLIENT_ID);
}

/// Serves `key_set` at `/.well-known/jwks.json` on a loopback port and returns its address: a
/// stand-in for Cognito's key set address (plain HTTP: the TLS to Amazon's roots cannot be reached
/// from here).
async fn serve_key_set<H, T>(key_set: H) -> String
where
    H: axum::handler::Handler<T, ()>,
    T: 'static,
{
    let app = axum::Router::new().route("/.well-known/jwks.json", axum::routing::get(key_set));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let address = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    format!("http://{address}/.well-known/jwks.json")
}

/// A key set address that always answers `body` with `status`.
async fn key_set_stand_in(status: axum::http::StatusCode, body: &'static str) -> String {
    serve_key_set(move || async move { (status, body) }).await
}

#[tokio::test]
async fn a_key_set_fetched_over_http_verifies_cognito_tokens() {
    let url =
        key_set_stand_in(axum::http::StatusCode::OK, include_str!("../fixtures/cognito-test-jwks.json"))
            .await;
    let keys = wgll_functions::auth::tokens::fetch_key_set(&url).await.expect("the key set is fetched");
    let user = Verifier::new(ISSUER, CLIENT_ID, keys).verify(&sign(&claims())).expect("the token verifies");
    assert_eq!(user.email, "jo.reviewer@nhs.net");
}

#[tokio::test]
async fn a_key_set_that_cannot_be_fetched_is_reported_with_the_reason() {
    let missing = key_set_stand_in(axum::http::StatusCode::NOT_FOUND, "no such pool").await;
    let error = wgll_functions::auth::tokens::fetch_key_set(&missing).await.unwrap_err();
    assert!(error.contains("404"), "{error}");
    let garbled = key_set_stand_in(axum::http::StatusCode::OK, "<html>sign in</html>").await;
    let error = wgll_functions::auth::tokens::fetch_key_set(&garbled).await.unwrap_err();
    assert!(error.contains("is not what was expected"), "{error}");
    let closed = "http://127.0.0.1:9/.well-known/jwks.json";
    let error = wgll_functions::auth::tokens::fetch_key_set(closed).await.unwrap_err();
    assert!(error.contains("could not fetch"), "{error}");
}

/// A key set address that answers 503 until `available` is set.
async fn flaky_key_set_stand_in(available: std::sync::Arc<std::sync::atomic::AtomicBool>) -> String {
    use axum::http::StatusCode;
    serve_key_set(move || async move {
        if available.load(std::sync::atomic::Ordering::SeqCst) {
            (StatusCode::OK, include_str!("../fixtures/cognito-test-jwks.json"))
        } else {
            (StatusCode::SERVICE_UNAVAILABLE, "try later")
        }
    })
    .await
}

#[tokio::test]
async fn the_api_fetches_the_key_set_in_the_background_and_checks_tokens_against_it() {
    let url =
        key_set_stand_in(axum::http::StatusCode::OK, include_str!("../fixtures/cognito-test-jwks.json"))
            .await;
    let app = api_fetching_keys_from(url).await;
    let me = app.acting_as(Some(sign(&claims()))).get("/api/me").await;
    assert_eq!(me.status(), 200);
    assert_eq!(me.json::<Value>().await.unwrap()["email"], "jo.reviewer@nhs.net");
    let forged = sign(&with(json!({"iss": "https://cognito-idp.eu-west-2.amazonaws.com/another-pool"})));
    assert_eq!(app.acting_as(Some(forged)).get("/api/me").await.status(), 401);
}

#[tokio::test]
async fn until_the_key_set_can_be_fetched_signed_in_requests_answer_503_and_public_ones_work() {
    let available = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let url = flaky_key_set_stand_in(available.clone()).await;
    let app = api_fetching_keys_from(url).await;
    let signed_in = app.acting_as(Some(sign(&claims())));

    let response = signed_in.get("/api/me").await;
    assert_eq!(response.status(), 503, "not a 401: nothing is wrong with the token");
    assert!(response.headers().contains_key("retry-after"));
    let problem = response.json::<Value>().await.unwrap();
    assert_eq!(problem["detail"], "Nothing was lost. Try again in a few seconds.");
    assert_eq!(app.acting_as(None).get("/api/frameworks/wgll-2021").await.status(), 200);

    // Once Cognito answers, the next signed-in request fetches the key set: no restart needed.
    available.store(true, std::sync::atomic::Ordering::SeqCst);
    let me = signed_in.get("/api/me").await;
    assert_eq!(me.status(), 200);
    assert_eq!(me.json::<Value>().await.unwrap()["email"], "jo.reviewer@nhs.net");
}
