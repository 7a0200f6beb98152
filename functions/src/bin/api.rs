//! The API as an AWS Lambda function (behind API Gateway's HTTP API). Same router as the local
//! server; the client is built once per cold start and reused by every invocation.

use wgll_functions::api::{self, AppState};
use wgll_functions::config::Config;
use wgll_functions::store::Store;

#[tokio::main]
async fn main() -> Result<(), lambda_http::Error> {
    wgll_functions::init_tracing();
    let store = Store::connect(&Config::from_env()).await;
    lambda_http::run(api::router(AppState { store })).await
}
