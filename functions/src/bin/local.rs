//! The local server behind `make run`: the same API router as Lambda, plus the built browser app,
//! on http://127.0.0.1:8080 (`PORT` overrides). Unless `DYNAMODB_ENDPOINT` names a database, it
//! starts the embedded DynamoDB Local with its data in `.data/dynamodb`, so records survive a
//! restart, and stops it cleanly on Ctrl-C; unless `S3_ENDPOINT` names one, it starts s3s-fs for
//! the evidence bucket with its objects in `.data/s3`.

use std::net::{Ipv4Addr, SocketAddr};
use std::path::PathBuf;
use std::sync::Arc;
use wgll_functions::app::App;
use wgll_functions::auth::Auth;
use wgll_functions::config::Config;
use wgll_functions::documents::Documents;
use wgll_functions::dynamodb_local::{DynamoDbLocal, Storage};
use wgll_functions::s3_local::S3Local;
use wgll_functions::store::Store;

fn env_or(name: &str, default: &str) -> String {
    std::env::var(name).ok().filter(|value| !value.is_empty()).unwrap_or_else(|| default.to_owned())
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    wgll_functions::init_tracing();
    // Locally people sign in through the development sign-in unless AUTH_MODE says otherwise.
    let mut config = Config::from_env("dev")?;
    let port: u16 = env_or("PORT", "8080").parse().map_err(|_| "PORT must be a port number")?;
    let dist = PathBuf::from(env_or("FRONTEND_DIST", "frontend/dist"));
    if !dist.join("index.html").is_file() {
        tracing::warn!("{} has no index.html: build the app with `make frontend`", dist.display());
    }

    let embedded = match &config.dynamodb_endpoint {
        Some(endpoint) => {
            tracing::info!(%endpoint, "using the DynamoDB at DYNAMODB_ENDPOINT");
            None
        }
        None => {
            let data = PathBuf::from(env_or("DATA_DIR", ".data")).join("dynamodb");
            println!("Starting DynamoDB Local (data in {})…", data.display());
            let install = PathBuf::from(env_or("DYNAMODB_LOCAL_DIR", ".tools/dynamodb-local"));
            let database = DynamoDbLocal::start(&install, Storage::Directory(data))?;
            config.dynamodb_endpoint = Some(database.endpoint().to_owned());
            Some(database)
        }
    };

    // The evidence bucket: s3s-fs (a real S3 implementation) with its objects in `.data/s3`,
    // unless S3_ENDPOINT names another S3-compatible server (reached with the AWS_* credentials).
    let (embedded_s3, s3_credentials) = match &config.s3_endpoint {
        Some(endpoint) => {
            tracing::info!(%endpoint, "using the S3 server at S3_ENDPOINT");
            (None, None)
        }
        None => {
            let data = PathBuf::from(env_or("DATA_DIR", ".data")).join("s3");
            println!("Starting s3s-fs for the evidence bucket (data in {})…", data.display());
            let server = S3Local::start(&data)?;
            config.s3_endpoint = Some(server.endpoint().to_owned());
            let credentials = server.credentials();
            (Some(server), Some(credentials))
        }
    };

    let store = Store::connect(&config).await;
    store.ensure_table().await?;
    let documents = Documents::connect(&config, s3_credentials);
    documents.ensure_bucket().await?;
    let auth = match config.auth {
        // The development signing key lives with the data, so sign-ins survive a restart.
        wgll_functions::config::AuthMode::Development => {
            let key = PathBuf::from(env_or("DATA_DIR", ".data")).join("dev-signing-key.pk8");
            Arc::new(Auth::with_issuer(wgll_functions::auth::dev::DevIssuer::load_or_generate(&key)?))
        }
        _ => Arc::new(Auth::from_config(&config)),
    };
    let app = wgll_functions::web::with_frontend(
        wgll_functions::router::router(App::new(store, documents, auth.clone())),
        &dist,
        &auth,
    );
    let listener = tokio::net::TcpListener::bind(SocketAddr::from((Ipv4Addr::LOCALHOST, port))).await?;
    println!("WGLL peer review is running at http://127.0.0.1:{port}/ (Ctrl-C stops it)");
    axum::serve(listener, app).with_graceful_shutdown(shutdown_signal()).await?;

    println!("Stopping…");
    if let Some(database) = embedded {
        database.stop();
    }
    drop(embedded_s3);
    Ok(())
}

async fn shutdown_signal() {
    let interrupt = tokio::signal::ctrl_c();
    let mut terminate = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
        .expect("a SIGTERM handler can be installed");
    tokio::select! {
        _ = interrupt => {},
        _ = terminate.recv() => {},
    }
}
