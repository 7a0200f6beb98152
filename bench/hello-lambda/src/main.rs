//! A minimal `lambda_http` function that answers every request with "Hello". `make bench` builds
//! it with the same profile as the API's Lambda (`functions/src/bin/api.rs`) and starts both
//! under the same stand-in for the Lambda runtime API, so its cold start is the floor.

use lambda_http::{Body, Error, Request, Response, service_fn};

#[tokio::main]
async fn main() -> Result<(), Error> {
    lambda_http::run(service_fn(|_request: Request| async {
        Ok::<_, Error>(Response::builder().header("content-type", "text/plain").body(Body::from("Hello"))?)
    }))
    .await
}
