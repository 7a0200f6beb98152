//! The server side of the WGLL peer-review system: one axum [`Router`](router::router) served both
//! by AWS Lambda (`src/bin/api.rs`) and by the local server (`src/bin/local.rs`).
//!
//! - [`app`]: what the system does, one module per feature: who may, the rules, the records.
//! - [`api`]: the JSON API, a thin adapter over `app`: read the request, call `app`, answer.
//! - [`public_pages`]: the citizen-facing digital offer as server-rendered HTML (no sign-in, no
//!   script), the other adapter over `app`.
//! - [`views`]: the app's pages that only show something, as HTML the app shows (served by
//!   `api::views`), so their views are not in the app's download.
//! - [`router`]: both of them, and the headers every response carries.
//! - [`store`]: DynamoDB items and queries; nothing else knows a key format.
//! - [`auth`]: token verification, the development sign-in and the access rules table.
//! - [`aws_tls`]: TLS to AWS's endpoints, trusting Amazon's roots only.
//! - [`clock`]: the time, read in one place.
//! - [`config`]: settings from environment variables, the same names locally and in AWS.
//! - [`web`]: serves the built browser app with its security headers (local server only).
//! - [`first_views`]: what each of the app's pages shows before its WebAssembly starts, written
//!   into the app's HTML at build time.
//! - [`dynamodb_local`]: starts AWS's DynamoDB Local, the embedded database for `make run` and tests.

pub mod api;
pub mod app;
pub mod auth;
pub mod aws_tls;
pub mod clock;
pub mod config;
pub mod documents;
pub mod dynamodb_local;
pub mod first_views;
pub mod public_pages;
pub mod random;
pub mod router;
pub mod s3_local;
pub mod store;
pub mod views;
pub mod web;

/// Installs the log formatter once; `RUST_LOG` picks the level (default `info`). Release builds
/// have no debug or trace events to show (see `tracing` in Cargo.toml).
pub fn init_tracing() {
    let filter = tracing_subscriber::EnvFilter::try_from_default_env()
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new("info"));
    let _ = tracing_subscriber::fmt().with_env_filter(filter).without_time().try_init();
}
