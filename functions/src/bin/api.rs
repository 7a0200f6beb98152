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
    // missing setting stops the cold start rather than running unprotected. (A key set that cannot
    // be fetched does not: public pages keep working, and signed-in requests answer 503.)
    let config = Config::from_env("cognito")?;
    // The token keys and the DynamoDB client do not depend on each other: the keys are made ready
    // on a worker thread (locally, a development key is made; in AWS, Cognito's key set starts
    // being fetched, in the background) while this thread builds the client.
    let auth = tokio::spawn({
        let config = config.clone();
        async move { Auth::from_config(&config) }
    });
    let store = Store::connect(&config).await;
    let auth = Arc::new(auth.await?);
    lambda_http::run(api::router(AppState { store, auth })).await
}
