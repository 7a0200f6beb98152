//! The API as an AWS Lambda function (behind API Gateway's HTTP API). Same router as the local
//! server; the client is built once per cold start and reused by every invocation.

use std::sync::Arc;
use wgll_functions::api::{self, AppState};
use wgll_functions::auth::Auth;
use wgll_functions::config::Config;
use wgll_functions::store::Store;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    wgll_functions::init_tracing();
    // In AWS only Cognito's tokens are accepted: the template sets AUTH_MODE=cognito, and a
    // missing setting stops the cold start rather than running unprotected.
    let config = Config::from_env("cognito")?;
    let auth = Arc::new(Auth::from_config(&config).await?);
    let store = Store::connect(&config).await;
    lambda_http::run(api::router(AppState { store, auth })).await
}
