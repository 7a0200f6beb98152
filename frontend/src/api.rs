//! The one HTTP client of the app. Every call returns the shared model's types, and every way a
//! call can fail (no network, an error answer, an unreadable body) becomes a [`Problem`] the page
//! can show, so no failure is ever silent.

use crate::session;
use gloo_net::http::{Request, RequestBuilder};
use serde::Serialize;
use serde::de::DeserializeOwned;
use wgll_shared::problem::Problem;

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, Problem> {
    send(Request::get(path), None::<&()>).await
}

pub async fn post<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Problem> {
    send(Request::post(path), Some(body)).await
}

pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Problem> {
    send(Request::put(path), Some(body)).await
}

async fn send<B: Serialize, T: DeserializeOwned>(
    request: RequestBuilder,
    body: Option<&B>,
) -> Result<T, Problem> {
    // The token goes in a header, never in the URL, so it is not kept in history or server logs.
    let request = match session::token() {
        Some(token) => request.header("Authorization", &format!("Bearer {token}")),
        None => request,
    };
    let request = match body {
        Some(body) => request.json(body),
        None => request.build(),
    }
    .map_err(|error| problem(0, "The request could not be prepared", &error.to_string()))?;
    let response = request.send().await.map_err(|_| {
        problem(
            0,
            "The service could not be reached",
            "Check your connection and try again. Nothing you saved before has been lost.",
        )
    })?;
    let status = response.status();
    if response.ok() {
        return response.json::<T>().await.map_err(|error| {
            problem(status, "The service sent an answer this page cannot read", &error.to_string())
        });
    }
    if status == 401 {
        // The sign-in expired or was never there: forget it, so the page offers to sign in.
        session::forget();
    }
    Err(response.json::<Problem>().await.unwrap_or_else(|_| {
        problem(status, "Something went wrong", "The service did not say why. Try again in a moment.")
    }))
}

fn problem(status: u16, title: &str, detail: &str) -> Problem {
    Problem {
        kind: "/problems/client".to_owned(),
        title: title.to_owned(),
        status,
        detail: detail.to_owned(),
        errors: Vec::new(),
    }
}
