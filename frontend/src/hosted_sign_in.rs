//! Signing in with Amazon Cognito's hosted sign-in: the OAuth 2.0 authorisation code flow with
//! PKCE, as a public client (no secret in the browser). The code verifier and state live in the
//! tab's session storage only for the round trip; the ID token is then kept like any session.
//!
//! Web Crypto (random values, SHA-256) is web-sys's: no gloo crate covers it.

use crate::api;
use gloo_net::http::Request;
use gloo_storage::{SessionStorage, Storage};
use serde::{Deserialize, Serialize};
use wasm_bindgen::JsCast;
use wgll_shared::access::{HostedSignIn, Session, User};
use wgll_shared::problem::Problem;

const PENDING: &str = "wgll.sign-in";

/// What the sign-in round trip must remember.
#[derive(Serialize, Deserialize)]
struct Pending {
    verifier: String,
    state: String,
    token_url: String,
    client_id: String,
    redirect_uri: String,
}

fn base64_url(bytes: &[u8]) -> String {
    const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let n = chunk.iter().enumerate().fold(0u32, |n, (i, byte)| n | (u32::from(*byte) << (16 - 8 * i)));
        for i in 0..=chunk.len() {
            out.push(char::from(ALPHABET[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

fn random(length: usize) -> Result<String, String> {
    let crypto = gloo_utils::window().crypto().map_err(|_| "no crypto")?;
    let mut bytes = vec![0u8; length];
    crypto.get_random_values_with_u8_array(&mut bytes).map_err(|_| "no randomness")?;
    Ok(base64_url(&bytes))
}

async fn sha256(text: &str) -> Result<Vec<u8>, String> {
    let crypto = gloo_utils::window().crypto().map_err(|_| "no crypto")?;
    let mut bytes = text.as_bytes().to_vec();
    let promise =
        crypto.subtle().digest_with_str_and_u8_array("SHA-256", &mut bytes).map_err(|_| "no digest")?;
    let digest = wasm_bindgen_futures::JsFuture::from(promise).await.map_err(|_| "digest failed")?;
    Ok(js_sys::Uint8Array::new(&digest.unchecked_into::<js_sys::ArrayBuffer>()).to_vec())
}

fn origin() -> String {
    gloo_utils::window().location().origin().unwrap_or_default()
}

fn encode(value: &str) -> String {
    js_sys::encode_uri_component(value).as_string().unwrap_or_default()
}

/// Sends the browser to the hosted sign-in page.
pub async fn start(hosted: &HostedSignIn) -> Result<(), String> {
    let verifier = random(48)?;
    let state = random(24)?;
    let challenge = base64_url(&sha256(&verifier).await?);
    let redirect_uri = format!("{}/signed-in", origin());
    let url = format!(
        "{}?response_type=code&client_id={}&redirect_uri={}&scope={}&state={}&code_challenge={}&code_challenge_method=S256",
        hosted.authorize_url,
        encode(&hosted.client_id),
        encode(&redirect_uri),
        encode("openid email profile"),
        encode(&state),
        challenge
    );
    let pending = Pending {
        verifier,
        state,
        token_url: hosted.token_url.clone(),
        client_id: hosted.client_id.clone(),
        redirect_uri,
    };
    SessionStorage::set(PENDING, &pending).map_err(|_| "session storage is unavailable")?;
    gloo_utils::window().location().set_href(&url).map_err(|_| "could not leave the page".to_owned())
}

#[derive(Deserialize)]
struct Tokens {
    id_token: String,
    expires_in: u64,
}

fn failure(detail: &str) -> Problem {
    Problem {
        kind: "/problems/sign-in".to_owned(),
        title: "You could not be signed in".to_owned(),
        status: 401,
        detail: detail.to_owned(),
        errors: Vec::new(),
    }
}

/// Finishes the round trip on return from the hosted sign-in: checks the state, exchanges the
/// code (with the verifier) for tokens, and asks the API who the token stands for.
pub async fn finish(code: &str, state: &str) -> Result<Session, Problem> {
    let pending: Pending = SessionStorage::get(PENDING)
        .map_err(|_| failure("The sign-in was not started from this tab. Sign in again."))?;
    SessionStorage::delete(PENDING);
    if pending.state != state {
        return Err(failure("The sign-in answer did not match this tab’s request. Sign in again."));
    }
    let body = format!(
        "grant_type=authorization_code&client_id={}&code={}&redirect_uri={}&code_verifier={}",
        encode(&pending.client_id),
        encode(code),
        encode(&pending.redirect_uri),
        encode(&pending.verifier)
    );
    let response = Request::post(&pending.token_url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .map_err(|_| failure("The sign-in could not be completed. Sign in again."))?
        .send()
        .await
        .map_err(|_| {
            failure("The sign-in service could not be reached. Check your connection and sign in again.")
        })?;
    if !response.ok() {
        return Err(failure("The sign-in service refused the sign-in. Sign in again."));
    }
    let tokens: Tokens = response
        .json()
        .await
        .map_err(|_| failure("The sign-in service answered in a way this page cannot read."))?;
    let user: User = api::get_with_token("/api/me", &tokens.id_token).await?;
    let now = (js_sys::Date::now() / 1000.0) as u64;
    Ok(Session { token: tokens.id_token, expires_at: now + tokens.expires_in, user })
}
