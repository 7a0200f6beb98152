//! `make load-synthetic`: loads the synthetic data set (42 ICSs × 40 organisations × 5 periods of
//! published peer reviews by default) into the local database, to try the dashboards at the scale
//! they must handle. Options: `--icss N`, `--organisations N` (per ICS), `--periods N`.
//! Uses `DYNAMODB_ENDPOINT` when set; otherwise starts the embedded DynamoDB Local on `.data/`,
//! the same database `make run` uses.

use std::path::PathBuf;
use wgll_functions::config::Config;
use wgll_functions::dynamodb_local::{DynamoDbLocal, Storage};
use wgll_functions::store::Store;
use wgll_functions::store::synthetic::Shape;

fn parse_args() -> Result<Shape, String> {
    let mut shape = Shape::default();
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a number"))?;
        let number: usize = value.parse().map_err(|_| format!("{flag} needs a number, not {value}"))?;
        match flag.as_str() {
            "--icss" if (1..=99).contains(&number) => shape.icss = number,
            "--organisations" if (1..=99).contains(&number) => shape.organisations_per_ics = number,
            "--periods" if (1..=8).contains(&number) => shape.periods = number,
            _ => {
                return Err(format!(
                    "unknown option or out of range: {flag} {value} (see the file's header)"
                ));
            }
        }
    }
    Ok(shape)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let shape = parse_args()?;
    let mut config = Config::from_env("dev")?;
    let embedded = match &config.dynamodb_endpoint {
        Some(_) => None,
        None => {
            let data = PathBuf::from(std::env::var("DATA_DIR").unwrap_or_else(|_| ".data".to_owned()))
                .join("dynamodb");
            let install = PathBuf::from(
                std::env::var("DYNAMODB_LOCAL_DIR").unwrap_or_else(|_| ".tools/dynamodb-local".to_owned()),
            );
            let database = DynamoDbLocal::start(&install, Storage::Directory(data))?;
            config.dynamodb_endpoint = Some(database.endpoint().to_owned());
            Some(database)
        }
    };
    let store = Store::connect(&config).await;
    store.ensure_table().await?;
    println!(
        "Loading {} ICSs × {} organisations × {} periods into {}…",
        shape.icss, shape.organisations_per_ics, shape.periods, config.table_name
    );
    let started = std::time::Instant::now();
    let loaded = store.load_synthetic(shape).await?;
    println!(
        "Loaded {} organisations and {} published reviews ({} items) in {:.1} s.",
        loaded.organisations,
        loaded.reviews,
        loaded.items,
        started.elapsed().as_secs_f64()
    );
    let funding = store.load_synthetic_funding(shape).await?;
    println!(
        "Loaded a year of funding: populations, envelopes, a fund's allocation and default allocations ({funding} items)."
    );
    let bids = store.load_synthetic_bids(shape).await?;
    println!(
        "Loaded {} bids before the review board, {} of them decided ({} capital and {} revenue approved).",
        bids.bids, bids.decided, bids.approved.capital, bids.approved.revenue
    );
    let benefits = store.load_synthetic_benefits(shape).await?;
    println!("Loaded {benefits} benefits of the fund's lines, with values realised.");
    if let Some(database) = embedded {
        database.stop();
    }
    Ok(())
}
