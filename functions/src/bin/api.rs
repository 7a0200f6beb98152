//! The API as an AWS Lambda function (behind API Gateway's HTTP API). Same router as the local
//! server; the client is built once per cold start and reused by every invocation.

use std::sync::Arc;
use wgll_functions::app::App;
use wgll_functions::auth::Auth;
use wgll_functions::config::Config;
use wgll_functions::store::Store;

/// One thread: Lambda hands an instance one event at a time, so worker threads would have nothing
/// to do in parallel, and starting them was a sizeable part of the cold start (docs/performance.md) (the background fetch
/// of Cognito's key set and the requests to DynamoDB still overlap, as tasks on this thread).
#[tokio::main(flavor = "current_thread")]
async fn main() -> Result<(), lambda_http::Error> {
    wgll_functions::init_tracing();
    // In AWS only Cognito's tokens are accepted: the template sets AUTH_MODE=cognito, and a
    // missing setting stops the cold start rather than running unprotected. (A key set that cannot
    // be fetched does not: public pages keep working, and signed-in requests answer 503.)
    let config = Config::from_env("cognito")?;
    // Built for AWS without the development sign-in, AUTH_MODE=dev is already refused above; a
    // build that has it (the tests') refuses it here, so this binary never starts it.
    #[cfg(feature = "dev-sign-in")]
    if config.auth == wgll_functions::config::AuthMode::Development {
        return Err("AUTH_MODE=dev: the Lambda function only accepts Cognito's tokens".into());
    }
    // In AWS this starts fetching Cognito's key set, in the background: the fetch goes on while
    // the client is built and the first event is awaited.
    let auth = Arc::new(Auth::from_config(&config));
    let store = Store::connect(&config).await;
    let documents = wgll_functions::documents::Documents::connect(&config, None);
    lambda_http::run(wgll_functions::router::router(App::new(store, documents, auth))).await
}
