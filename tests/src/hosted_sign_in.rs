//! A stand-in for Amazon Cognito's hosted sign-in, for browser tests of the authorisation code
//! flow with PKCE: it approves every sign-in at once, but checks what Cognito checks (client id,
//! redirect address, the PKCE verifier against the challenge, single-use codes) and signs real
//! RS256 ID tokens with the test key whose public half is `tests/fixtures/cognito-test-jwks.json`.

use axum::extract::{Form, Query, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use base64::Engine;
use jsonwebtoken::{Algorithm, EncodingKey, Header, encode, get_current_timestamp};
use sha2::{Digest, Sha256};
use std::collections::HashMap;
use std::net::{Ipv4Addr, SocketAddr};
use std::sync::{Arc, Mutex};
use wgll_functions::auth::tokens::Verifier;
use wgll_shared::access::HostedSignIn;

pub const CLIENT_ID: &str = "stand-in-client";

/// Who the stand-in signs in.
#[derive(Clone)]
pub struct Person {
    pub name: String,
    pub email: String,
    pub groups: Vec<String>,
}

#[derive(Clone)]
struct StandInState {
    issuer: String,
    person: Person,
    /// code → (challenge, redirect address)
    codes: Arc<Mutex<HashMap<String, (String, String)>>>,
}

pub struct StandIn {
    pub base: String,
    issuer: String,
    server: tokio::task::JoinHandle<()>,
}

impl StandIn {
    pub async fn start(person: Person) -> Self {
        let listener =
            tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, 0))).await.unwrap();
        let base = format!("http://{}", listener.local_addr().unwrap());
        let issuer = format!("{base}/pool");
        let state = StandInState { issuer: issuer.clone(), person, codes: Arc::default() };
        let app = Router::new()
            .route("/oauth2/authorize", get(authorize))
            .route("/oauth2/token", post(token))
            .with_state(state);
        let server = tokio::spawn(async move {
            axum::serve(listener, app).await.unwrap();
        });
        Self { base, issuer, server }
    }

    /// What the API is configured with: the hosted sign-in's addresses and client.
    pub fn hosted(&self) -> HostedSignIn {
        HostedSignIn {
            authorize_url: format!("{}/oauth2/authorize", self.base),
            token_url: format!("{}/oauth2/token", self.base),
            client_id: CLIENT_ID.to_owned(),
        }
    }

    /// The API's token check for this issuer (the test key set, as Cognito publishes its own).
    pub fn verifier(&self) -> Verifier {
        let keys = serde_json::from_str(include_str!("../fixtures/cognito-test-jwks.json")).unwrap();
        Verifier::new(self.issuer.clone(), CLIENT_ID, keys)
    }
}

impl Drop for StandIn {
    fn drop(&mut self) {
        self.server.abort();
    }
}

fn refuse(reason: &str) -> Response {
    (
        StatusCode::BAD_REQUEST,
        Json(serde_json::json!({"error": "invalid_request", "error_description": reason})),
    )
        .into_response()
}

async fn authorize(
    State(state): State<StandInState>,
    Query(query): Query<HashMap<String, String>>,
) -> Response {
    let field = |name: &str| query.get(name).cloned().unwrap_or_default();
    if field("response_type") != "code"
        || field("client_id") != CLIENT_ID
        || field("code_challenge_method") != "S256"
    {
        return refuse("expected response_type=code, our client id and S256");
    }
    if field("code_challenge").len() < 43 || field("state").is_empty() {
        return refuse("a challenge and a state are required");
    }
    let code = uuid::Uuid::new_v4().to_string();
    state.codes.lock().unwrap().insert(code.clone(), (field("code_challenge"), field("redirect_uri")));
    let back = format!("{}?code={code}&state={}", field("redirect_uri"), field("state"));
    Redirect::to(&back).into_response()
}

async fn token(State(state): State<StandInState>, Form(form): Form<HashMap<String, String>>) -> Response {
    let field = |name: &str| form.get(name).cloned().unwrap_or_default();
    // A code works once.
    let Some((challenge, redirect)) = state.codes.lock().unwrap().remove(&field("code")) else {
        return refuse("unknown or used code");
    };
    let verified = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .encode(Sha256::digest(field("code_verifier").as_bytes()));
    if field("grant_type") != "authorization_code"
        || field("client_id") != CLIENT_ID
        || field("redirect_uri") != redirect
        || verified != challenge
    {
        return refuse("the grant does not match the authorisation");
    }
    let now = get_current_timestamp();
    let claims = serde_json::json!({
        "iss": state.issuer, "aud": CLIENT_ID, "sub": format!("stand-in|{}", state.person.email), "token_use": "id",
        "iat": now, "exp": now + 3600, "email": state.person.email, "name": state.person.name,
        "cognito:groups": state.person.groups,
    });
    let mut header = Header::new(Algorithm::RS256);
    header.kid = Some("cognito-test-key".to_owned());
    let key = EncodingKey::from_rsa_pem(include_bytes!("../fixtures/cognito-test-key.pem")).unwrap();
    let id_token = encode(&header, &claims, &key).unwrap();
    let mut response =
        Json(serde_json::json!({"id_token": id_token, "access_token": "unused", "expires_in": 3600, "token_type": "Bearer"}))
            .into_response();
    // The app calls the token endpoint from the browser, as with Cognito.
    response.headers_mut().insert(header::ACCESS_CONTROL_ALLOW_ORIGIN, HeaderValue::from_static("*"));
    response
}
