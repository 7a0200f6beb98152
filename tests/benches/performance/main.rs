//! `make bench`: the performance figures, each beside a reference measured in the same run (the
//! machines are noisy, so ratios are what is compared with the budgets). Prints a table and writes
//! it as Markdown to `target/bench/results.md`; an over-budget figure is reported, not a failure.
//!
//! 1. download size of the app against a minimal Leptos counter (`bench/counter`);
//! 2. cold start of the API's Lambda binary against a minimal `lambda_http` function
//!    (`bench/hello-lambda`), under a stand-in for the Lambda runtime API;
//! 3. latency of the main read endpoints under load against one raw DynamoDB GetItem;
//! 4. the ICS dashboard and public offer pages at 1×, 10× and 100× the data: time, DynamoDB
//!    requests, items and read capacity;
//! 5. render and keystroke times in headless Chromium against the counter's first render;
//! 6. Lighthouse (mobile, simulated throttling) on the app's pages and the public pages: the
//!    performance score, and the Largest Contentful Paint against the counter's in the same run.
//!
//! `make bench` builds what this needs first (the app and the counter with trunk, the two Lambda
//! binaries with `cargo build --release`). Options, after `--`: `--only size,cold-start,latency,
//! scale,interaction,lighthouse` runs some sections; `--quick` takes fewer samples and a smaller
//! 100× (to try the runner, not for the record). See docs/performance.md.

mod cold_start;
mod interaction;
mod jit;
mod latency;
mod lighthouse;
mod report;
mod scale;
mod size;

use report::Report;
use std::path::PathBuf;
use wgll_tests::{TestApp, fresh_config, repo_root, shared_dynamodb_endpoint};

const SECTIONS: [&str; 6] = ["size", "cold-start", "latency", "scale", "interaction", "lighthouse"];

struct Options {
    sections: Vec<String>,
    quick: bool,
}

impl Options {
    fn from_args() -> Self {
        let mut options = Options { sections: SECTIONS.map(str::to_owned).to_vec(), quick: false };
        let mut args = std::env::args().skip(1);
        while let Some(arg) = args.next() {
            match arg.as_str() {
                // `cargo bench` passes this to every benchmark.
                "--bench" => {}
                "--quick" => options.quick = true,
                "--only" => {
                    let list = args.next().unwrap_or_default();
                    options.sections = list.split(',').map(str::trim).map(str::to_owned).collect();
                    for section in &options.sections {
                        assert!(SECTIONS.contains(&section.as_str()), "--only takes {}", SECTIONS.join(","));
                    }
                }
                other => panic!("unknown option {other}: use --only {} and --quick", SECTIONS.join(",")),
            }
        }
        options
    }

    fn wants(&self, section: &str) -> bool {
        self.sections.iter().any(|wanted| wanted == section)
    }
}

fn target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR").map(PathBuf::from).unwrap_or_else(|| repo_root().join("target"))
}

/// The first line of `command`'s output, or of a file.
fn first_line(text: &str, prefix: &str) -> String {
    text.lines()
        .find_map(|line| line.strip_prefix(prefix))
        .map(|rest| rest.trim_start_matches([' ', '\t', ':', '=']).trim_matches('"').to_owned())
        .unwrap_or_else(|| "unknown".to_owned())
}

/// Where the figures were measured.
fn machine() -> String {
    let read = |path: &str| std::fs::read_to_string(path).unwrap_or_default();
    let cores = std::thread::available_parallelism().map(usize::from).unwrap_or(0);
    let memory_kb: u64 = first_line(&read("/proc/meminfo"), "MemTotal")
        .split_whitespace()
        .next()
        .and_then(|kb| kb.parse().ok())
        .unwrap_or(0);
    format!(
        "{cores} cores ({}), {:.1} GiB memory, {}",
        first_line(&read("/proc/cpuinfo"), "model name"),
        memory_kb as f64 / 1024.0 / 1024.0,
        first_line(&read("/etc/os-release"), "PRETTY_NAME"),
    )
}

#[tokio::main]
async fn main() {
    let options = Options::from_args();
    let root = repo_root();
    let target = target_dir();
    let counter = std::env::var_os("BENCH_COUNTER_DIST")
        .map(PathBuf::from)
        .unwrap_or_else(|| size::default_counter_dist(&target));
    let dist = root.join("frontend/dist");
    let started = std::time::Instant::now();
    let machine = machine();
    println!("Performance figures on {machine}");
    let mut report = Report::default();
    let runs = if options.quick { 3 } else { 30 };

    if options.wants("size") {
        size::run(&mut report, &dist, &counter);
    }
    let needs_app =
        ["cold-start", "latency", "interaction", "lighthouse"].iter().any(|section| options.wants(section));
    // DynamoDB Local (in memory) for every section that reads: started once, on first use.
    let endpoint =
        if needs_app || options.wants("scale") { shared_dynamodb_endpoint() } else { String::new() };
    let fixture = if needs_app {
        let app = TestApp::spawn_with(fresh_config(&endpoint), 0, Some(dist.clone())).await;
        let review = latency::fixture(&app).await;
        Some((app, review))
    } else {
        None
    };
    if let (true, Some((app, _))) = (options.wants("cold-start"), &fixture) {
        let env = vec![
            // As deployed: the Lambda build has no development sign-in and refuses AUTH_MODE=dev.
            ("AUTH_MODE", "cognito".to_owned()),
            ("COGNITO_USER_POOL_ID", "eu-west-2_bench".to_owned()),
            ("COGNITO_CLIENT_ID", "bench".to_owned()),
            ("COGNITO_DOMAIN", "https://bench.auth.eu-west-2.amazoncognito.com".to_owned()),
            ("TABLE_NAME", app.config.table_name.clone()),
            ("DYNAMODB_ENDPOINT", endpoint.clone()),
        ];
        let binaries = cold_start::Binaries {
            api: &target.join("release/api"),
            hello: &target.join("release/bench-hello-lambda"),
        };
        cold_start::run(&mut report, binaries, runs, env, "/api/public/organisations/RR8").await;
        report.note(
            "Cold starts run the API as deployed (AUTH_MODE=cognito, with a made-up user pool): the start \
             begins fetching Cognito's key set in the background, which fails here (no network) as it \
             would not in AWS; the answers measured are public ones, which never wait for it.",
        );
    }
    if let (true, Some((app, review))) = (options.wants("latency"), &fixture) {
        let load = if options.quick {
            latency::Load { concurrency: 4, requests: 200 }
        } else {
            latency::Load { concurrency: 4, requests: 2000 }
        };
        latency::run(&mut report, app, review, load).await;
    }
    if options.wants("scale") {
        scale::run(&mut report, &endpoint, if options.quick { 5 } else { 30 }, options.quick).await;
    }
    if let (true, Some((app, _))) = (options.wants("interaction"), &fixture) {
        interaction::run(&mut report, app, &counter, if options.quick { 2 } else { 10 }).await;
    }
    if let (true, Some((app, review))) = (options.wants("lighthouse"), &fixture) {
        lighthouse::run(&mut report, app, review, &counter, if options.quick { 1 } else { 3 }).await;
    }

    let table = report.text();
    println!("\n{table}");
    for note in &report.notes {
        println!("note: {note}");
    }
    let over = report.rows.iter().filter(|row| row.verdict == report::Verdict::Over).count();
    println!(
        "\n{over} figure(s) over budget; {:.0} s. Markdown in {}.",
        started.elapsed().as_secs_f64(),
        target.join("bench/results.md").display()
    );
    let markdown = format!(
        "Measured {} on {machine}{}.\n\n{}\n",
        wgll_functions::clock::Clock.now(),
        if options.quick { " (--quick: fewer samples, not for the record)" } else { "" },
        report.markdown()
    );
    std::fs::create_dir_all(target.join("bench")).expect("target/bench can be made");
    std::fs::write(target.join("bench/results.md"), markdown).expect("the results can be written");
}
