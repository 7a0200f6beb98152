//! The one HTTP client of the app. Every call returns the shared model's types, and every way a
//! call can fail (no network, an error answer, an unreadable body) becomes a [`Problem`] the page
//! can show, so no failure is ever silent.

use crate::session;
use gloo_net::http::{Request, RequestBuilder};
use leptos::prelude::*;
use serde::Serialize;
use serde::de::DeserializeOwned;
use std::marker::PhantomData;
use wasm_bindgen::JsCast;
use wgll_shared::problem::Problem;

// Only `decode` and `encode` are generic: the request itself is one function, `fetch`, shared by
// every call, rather than a copy of it for every type of answer (which made the app much larger).
// Likewise every page's data is one kind of resource, the answer's text (see `load`).

/// What a page shows: the answer to a GET, fetched again whenever a signal read by `path`
/// changes. `None` while it loads.
///
/// Every page's resource is the same type underneath, a `LocalResource` of the answer's text,
/// so Leptos's resource machinery is compiled once for the app instead of once per page (a large
/// part of the wasm when each page had its own: docs/performance.md); the text is read as `T` when shown.
pub struct Loaded<T> {
    body: LocalResource<Result<String, Problem>>,
    answer: PhantomData<fn() -> T>,
}

impl<T> Clone for Loaded<T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<T> Copy for Loaded<T> {}

impl<T: DeserializeOwned> Loaded<T> {
    /// The answer, tracked: a view or effect that calls this runs again when it arrives.
    pub fn get(&self) -> Option<Result<T, Problem>> {
        self.body.with(|body| body.as_ref().map(read))
    }

    pub fn refetch(&self) {
        self.body.refetch();
    }
}

/// Starts loading `path` (see [`Loaded`]).
pub fn load<T: DeserializeOwned>(path: impl Fn() -> String + 'static) -> Loaded<T> {
    Loaded { body: load_text(Box::new(path)), answer: PhantomData }
}

/// Starts loading a server view (for [`crate::server_view`]): its HTML, including a page the server
/// answers a choice it could not read with (the form again, with what to correct).
pub fn load_html(path: impl Fn() -> String + 'static) -> LocalResource<Result<String, Problem>> {
    LocalResource::new(move || {
        let path = path();
        async move {
            // The page may have asked for this view already, before the app arrived.
            if let Some(answer) = crate::server_view::fetched_first(&path) {
                let answer = wasm_bindgen_futures::JsFuture::from(answer).await;
                let response = answer.ok().and_then(|response| response.dyn_into::<web_sys::Response>().ok());
                let sent = response.map(gloo_net::http::Response::from);
                return view_answer(sent.ok_or(gloo_net::Error::GlooError("no answer".to_owned()))).await;
            }
            let request = with_token(Request::get(&path))
                .build()
                .map_err(|error| problem(0, "The request could not be prepared", &error.to_string()))?;
            view_answer(request.send().await).await
        }
    })
}

fn with_token(request: RequestBuilder) -> RequestBuilder {
    match session::token() {
        Some(token) => request.header("Authorization", &format!("Bearer {token}")),
        None => request,
    }
}

/// A server view's answer: its HTML whatever the status (a page, or the page again with its
/// errors), or the problem when the answer is not a page.
async fn view_answer(sent: Result<gloo_net::http::Response, gloo_net::Error>) -> Result<String, Problem> {
    let unreachable =
        || problem(0, "The service could not be reached", "Check your connection and try again.");
    let response = sent.map_err(|_| unreachable())?;
    let is_html = response.headers().get("content-type").is_some_and(|kind| kind.starts_with("text/html"));
    if is_html {
        return response.text().await.map_err(|_| unreachable());
    }
    let status = response.status();
    if status == 401 {
        session::forget();
    }
    Err(response.json::<Problem>().await.unwrap_or_else(|_| {
        problem(status, "Something went wrong", "The service did not say why. Try again in a moment.")
    }))
}

fn load_text(path: Box<dyn Fn() -> String>) -> LocalResource<Result<String, Problem>> {
    LocalResource::new(move || {
        let path = path();
        async move { fetch(Request::get(&path), None, session::token()).await.map(|(_, text)| text) }
    })
}

/// A form's sending to the API: a POST or PUT of `B` to one path, answered with `T`.
///
/// Like [`Loaded`], every form's sending is the same Leptos action underneath (of a request and
/// the answer's text), compiled once for the app; the answer is read as `T` when shown.
pub struct Sender<B, T> {
    action: Action<Outgoing, Result<String, Problem>>,
    method: Method,
    path: StoredValue<String>,
    types: PhantomData<fn(B) -> T>,
}

impl<B, T> Clone for Sender<B, T> {
    fn clone(&self) -> Self {
        *self
    }
}

impl<B, T> Copy for Sender<B, T> {}

#[derive(Clone, Copy)]
pub enum Method {
    Post,
    Put,
}

/// A request as an action's input: the JSON body is already written (or could not be).
pub struct Outgoing {
    method: Method,
    path: String,
    body: Result<String, Problem>,
}

pub fn sender<B: Serialize, T: DeserializeOwned>(method: Method, path: impl Into<String>) -> Sender<B, T> {
    Sender {
        action: Action::new_local(send_outgoing),
        method,
        path: StoredValue::new(path.into()),
        types: PhantomData,
    }
}

fn send_outgoing(outgoing: &Outgoing) -> impl Future<Output = Result<String, Problem>> + use<> {
    let request = match outgoing.method {
        Method::Post => Request::post(&outgoing.path),
        Method::Put => Request::put(&outgoing.path),
    };
    let body = outgoing.body.clone();
    async move { fetch(request, Some(body?), session::token()).await.map(|(_, text)| text) }
}

impl<B: Serialize, T: DeserializeOwned> Sender<B, T> {
    pub fn dispatch(&self, body: B) {
        self.send(encode(&body));
    }

    /// Sends `json`, a body already written as JSON (a file the user chose, say).
    pub fn dispatch_text(&self, json: String) {
        self.send(Ok(json));
    }

    fn send(&self, body: Result<String, Problem>) {
        self.action.dispatch(Outgoing { method: self.method, path: self.path.get_value(), body });
    }

    /// The answer to the latest sending, tracked; `None` before the first.
    pub fn answer(&self) -> Option<Result<T, Problem>> {
        self.action.value().with(|answer| answer.as_ref().map(read))
    }

    /// Whether a sending is under way, tracked.
    pub fn is_pending(&self) -> bool {
        self.action.pending().get()
    }
}

pub async fn get<T: DeserializeOwned>(path: &str) -> Result<T, Problem> {
    fetch(Request::get(path), None, session::token()).await.and_then(|(status, text)| decode(status, &text))
}

/// A GET with a token not yet kept as the session (just after signing in).
pub async fn get_with_token<T: DeserializeOwned>(path: &str, token: &str) -> Result<T, Problem> {
    fetch(Request::get(path), None, Some(token.to_owned()))
        .await
        .and_then(|(status, text)| decode(status, &text))
}

pub async fn put<B: Serialize, T: DeserializeOwned>(path: &str, body: &B) -> Result<T, Problem> {
    fetch(Request::put(path), Some(encode(body)?), session::token())
        .await
        .and_then(|(status, text)| decode(status, &text))
}

fn encode<B: Serialize>(body: &B) -> Result<String, Problem> {
    serde_json::to_string(body)
        .map_err(|error| problem(0, "The request could not be prepared", &error.to_string()))
}

/// An answer's text as `T`, or the problem that stopped it.
fn read<T: DeserializeOwned>(answer: &Result<String, Problem>) -> Result<T, Problem> {
    match answer {
        Ok(text) => decode(200, text),
        Err(problem) => Err(problem.clone()),
    }
}

/// A successful answer's body as `T`.
fn decode<T: DeserializeOwned>(status: u16, text: &str) -> Result<T, Problem> {
    serde_json::from_str(text).map_err(|error| {
        problem(status, "The service sent an answer this page cannot read", &error.to_string())
    })
}

/// Sends a request (with a JSON body, if any) and returns a successful answer's status and body.
async fn fetch(
    request: RequestBuilder,
    body: Option<String>,
    token: Option<String>,
) -> Result<(u16, String), Problem> {
    // The token goes in a header, never in the URL, so it is not kept in history or server logs.
    let request = match token {
        Some(token) => request.header("Authorization", &format!("Bearer {token}")),
        None => request,
    };
    let request = match body {
        Some(body) => request.header("Content-Type", "application/json").body(body),
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
        let text = response.text().await.map_err(|error| {
            problem(status, "The service sent an answer this page cannot read", &error.to_string())
        })?;
        return Ok((status, text));
    }
    if status == 401 {
        // The sign-in expired or was never there: forget it, so the page offers to sign in.
        session::forget();
    }
    Err(response.json::<Problem>().await.unwrap_or_else(|_| {
        problem(status, "Something went wrong", "The service did not say why. Try again in a moment.")
    }))
}

/// Posts a form (`body`, URL-encoded) to a server view and returns the page it answers with:
/// the page saved, or the page again with the errors beside their fields (a 409 or 422 answered
/// in HTML). Any other failure is a problem.
pub async fn post_form(path: &str, body: String) -> Result<String, Problem> {
    let request = with_token(Request::post(path))
        .header("Content-Type", "application/x-www-form-urlencoded")
        .body(body)
        .map_err(|error| problem(0, "The request could not be prepared", &error.to_string()))?;
    view_answer(request.send().await).await
}

/// Posts the file a person chose (or nothing, if they chose none) as the request's whole body,
/// with its own type, to a server view, and returns the page it answers with, as [`post_form`].
pub async fn post_file(path: &str, file: Option<web_sys::File>) -> Result<String, Problem> {
    let kind = file.as_ref().map(|file| file.type_()).filter(|kind| !kind.is_empty());
    let request = with_token(Request::post(path))
        .header("Content-Type", kind.as_deref().unwrap_or("application/octet-stream"));
    let request = match file {
        Some(file) => request.body(file),
        None => request.build(),
    }
    .map_err(|error| problem(0, "The request could not be prepared", &error.to_string()))?;
    view_answer(request.send().await).await
}

/// The link an evidence document opens through for a few minutes, signed by the API for the
/// signed-in person (so it is fetched with their token, which the link itself never carries).
pub async fn signed_link(path: &str) -> Result<String, Problem> {
    let (status, text) = fetch(Request::get(path), None, session::token()).await?;
    // One field, read with the browser's own JSON parser: a decoder of its own would add to the
    // app's download for nothing.
    js_sys::JSON::parse(&text)
        .ok()
        .and_then(|answer| js_sys::Reflect::get(&answer, &"url".into()).ok())
        .and_then(|url| url.as_string())
        .ok_or_else(|| {
            problem(
                status,
                "The service sent an answer this page cannot read",
                "It gave no link to the document.",
            )
        })
}

/// Fetches a file from the API (with the sign-in token, which a plain link cannot send) and hands
/// it to the browser as a download.
pub async fn download(path: &str, file_name: &str) -> Result<(), Problem> {
    let request = with_token(Request::get(path));
    let unreachable =
        || problem(0, "The file could not be downloaded", "Check your connection and try again.");
    let response = request.send().await.map_err(|_| unreachable())?;
    if !response.ok() {
        let status = response.status();
        return Err(response.json::<Problem>().await.unwrap_or_else(|_| {
            problem(status, "The file could not be downloaded", "Try again in a moment.")
        }));
    }
    let text = response.text().await.map_err(|_| unreachable())?;
    save_file(
        &text,
        file_name,
        response.headers().get("content-type").as_deref().unwrap_or("application/octet-stream"),
    )
    .map_err(|_| problem(0, "The browser would not save the file", "Try again, or use another browser."))
}

/// Saves `text` as a file through a link to it that is clicked at once (no gloo crate makes the
/// link, so that is web-sys's).
fn save_file(text: &str, file_name: &str, content_type: &str) -> Result<(), wasm_bindgen::JsValue> {
    use wasm_bindgen::JsCast;
    // The address lives until the end of this function, long enough for the click to start the
    // download; dropping it frees the file's memory.
    let url = gloo_file::ObjectUrl::from(gloo_file::Blob::new_with_options(text, Some(content_type)));
    let link: web_sys::HtmlAnchorElement = gloo_utils::document().create_element("a")?.dyn_into()?;
    link.set_href(&url);
    link.set_download(file_name);
    link.click();
    Ok(())
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
