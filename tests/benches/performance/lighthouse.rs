//! 6. Lighthouse (mobile, simulated throttling: its defaults; performance category only) on the
//!    app's pages, signed in where they need it, and on the server-rendered public pages, beside
//!    the minimal counter app measured in the same run. Each page is measured `runs` times, the
//!    pages interleaved; each figure is the median of its runs. Budgets: a performance score of at
//!    least 0.95 on every page, and a Largest Contentful Paint within 1.2× the counter's.
//!
//! The measuring is Lighthouse's own Node module, driven by `lighthouse.mjs` beside this file
//! (through puppeteer-core, on Debian's Chromium): this module serves the pages, writes the
//! session a signed-in page needs, runs the script and turns its answer into rows.

use crate::report::{Report, Row, Verdict, median, ms};
use serde::Deserialize;
use std::io::Write as _;
use std::path::Path;
use std::process::Stdio;
use wgll_shared::access::DevSignIn;
use wgll_tests::{TestApp, repo_root};

/// The lowest performance score within budget, on every page.
pub const SCORE_BUDGET: f64 = 0.95;
/// A page's LCP may be at most this many times the counter's.
pub const LCP_RATIO_BUDGET: f64 = 1.2;

const SECTION: &str = "6 lighthouse";

/// One Lighthouse run of one page, as `lighthouse.mjs` reports it (times in milliseconds).
#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Run {
    score: f64,
    fcp: f64,
    lcp: f64,
    tbt: f64,
    cls: f64,
    benchmark_index: f64,
    /// The text of the page's check element after the run (`None`: there was none).
    shown: Option<String>,
    lcp_element: Option<String>,
    warnings: Vec<String>,
}

#[derive(Deserialize)]
struct Measured {
    name: String,
    runs: Vec<Run>,
}

/// A page to measure: its label, address, whether it needs the session, and an element that
/// must show `expect` once it is loaded (so that a sign-in prompt or an error page is never
/// measured in its place).
struct Page {
    label: &'static str,
    url: String,
    signed_in: bool,
    check: &'static str,
    expect: String,
}

/// A little more of the offer than the shared fixture's (RR8's five live services in QWO), so the
/// public pages list more than one organisation: two more trusts in QWO with a few services.
async fn more_public_data(app: &TestApp) {
    app.add_organisations(&[
        serde_json::json!({"odsCode": "RXF", "name": "Mid Yorkshire Teaching NHS Trust", "kind": "acute-trust", "icsCode": "QWO", "town": "Wakefield"}),
        serde_json::json!({"odsCode": "RGD", "name": "Leeds and York Partnership NHS Foundation Trust", "kind": "mental-health-trust", "icsCode": "QWO", "town": "Leeds"}),
    ])
    .await;
    for (ods, status, services) in [
        ("RXF", "live", &["nhs-login", "appointments", "test-results"][..]),
        ("RGD", "pilot", &["nhs-login", "correspondence"][..]),
    ] {
        for service in services {
            let body = serde_json::json!({
                "status": status, "channels": ["nhs-app"], "lastChecked": "2026-11-01", "version": 0
            });
            let response = app.put(&format!("/api/organisations/{ods}/offer/{service}"), &body).await;
            assert!(
                response.status().is_success(),
                "{ods}'s offer of {service} is saved: {}",
                response.status()
            );
        }
    }
}

/// The session the app keeps in the tab's sessionStorage, as JSON: the default test user (an
/// administrator and reviewer, who may see every page measured).
fn session(app: &TestApp) -> String {
    let issuer = app.auth.dev.as_ref().expect("the bench's app has the development sign-in");
    let form = DevSignIn {
        name: "Lead Reviewer".to_owned(),
        email: wgll_tests::LEAD_REVIEWER.to_owned(),
        groups: vec!["administrator".to_owned(), "reviewer".to_owned()],
    };
    let session = issuer.sign_in(&form).expect("a valid test user");
    serde_json::to_string(&session).expect("a session serialises")
}

/// Runs `lighthouse.mjs` over `pages`, `runs` times each.
async fn lighthouse(pages: &[Page], session: &str, runs: usize) -> Vec<Measured> {
    let script = repo_root().join("tests/benches/performance/lighthouse.mjs");
    let input = serde_json::json!({
        "runs": runs,
        "pages": pages.iter().map(|page| serde_json::json!({
            "name": page.label,
            "url": page.url,
            "session": page.signed_in.then_some(session),
            "check": page.check,
        })).collect::<Vec<_>>(),
    });
    // Node's own process, waited for on a blocking thread: the servers it measures run on this
    // runtime's workers meanwhile.
    let output = tokio::task::spawn_blocking(move || {
        let mut child = std::process::Command::new("node")
            .arg(&script)
            .current_dir(repo_root())
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("node runs (make tools installs it, and lighthouse with npm ci)");
        let mut stdin = child.stdin.take().expect("a pipe to node");
        stdin.write_all(input.to_string().as_bytes()).expect("node reads the pages");
        drop(stdin);
        child.wait_with_output().expect("node finishes")
    })
    .await
    .expect("the thread waiting for node finishes");
    assert!(output.status.success(), "lighthouse.mjs failed ({}): see its messages above", output.status);
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|error| panic!("lighthouse.mjs answered something else than its results ({error})"))
}

/// The median of one figure over a page's runs.
fn median_of(runs: &[Run], figure: impl Fn(&Run) -> f64) -> f64 {
    median(&mut runs.iter().map(figure).collect::<Vec<_>>())
}

/// The median figures of a page.
struct Figures {
    score: f64,
    fcp: f64,
    lcp: f64,
    tbt: f64,
    cls: f64,
}

impl Figures {
    fn of(runs: &[Run]) -> Self {
        Figures {
            score: median_of(runs, |run| run.score),
            fcp: median_of(runs, |run| run.fcp),
            lcp: median_of(runs, |run| run.lcp),
            tbt: median_of(runs, |run| run.tbt),
            cls: median_of(runs, |run| run.cls),
        }
    }
}

fn ratio(value: f64, reference: f64) -> Option<f64> {
    (reference > 0.0).then(|| value / reference)
}

/// The five rows of one page: its score, then its metrics as sub-rows; with `counter`, each
/// beside the counter's, and the score and LCP against their budgets.
fn add_rows(report: &mut Report, label: &str, runs: usize, page: &Figures, counter: Option<&Figures>) {
    let reference = |value: fn(&Figures) -> String| counter.map(value).unwrap_or_default();
    let info = |figure: String, value: String, reference: String, ratio: Option<f64>| Row {
        section: SECTION,
        figure,
        value,
        reference,
        ratio,
        budget: String::new(),
        verdict: Verdict::Info,
    };
    let mut score = info(
        format!("{label}: performance score, median of {runs}"),
        format!("{:.2}", page.score),
        reference(|counter| format!("{:.2}", counter.score)),
        None,
    );
    if counter.is_some() {
        score.budget = format!("≥ {SCORE_BUDGET:.2}");
        score.verdict = Verdict::from_check(page.score >= SCORE_BUDGET);
    }
    report.add(score);
    report.add(info(
        "  First Contentful Paint".to_owned(),
        ms(page.fcp),
        reference(|counter| ms(counter.fcp)),
        counter.and_then(|counter| ratio(page.fcp, counter.fcp)),
    ));
    let mut lcp = info(
        "  Largest Contentful Paint".to_owned(),
        ms(page.lcp),
        reference(|counter| ms(counter.lcp)),
        counter.and_then(|counter| ratio(page.lcp, counter.lcp)),
    );
    if let Some(counter) = counter {
        lcp.budget = format!("≤ {LCP_RATIO_BUDGET:.1}× counter");
        lcp.verdict = Verdict::from_check(page.lcp <= LCP_RATIO_BUDGET * counter.lcp);
    }
    report.add(lcp);
    report.add(info(
        "  Total Blocking Time".to_owned(),
        ms(page.tbt),
        reference(|counter| ms(counter.tbt)),
        counter.and_then(|counter| ratio(page.tbt, counter.tbt)),
    ));
    report.add(info(
        "  Cumulative Layout Shift".to_owned(),
        format!("{:.3}", page.cls),
        reference(|counter| format!("{:.3}", counter.cls)),
        None,
    ));
}

pub async fn run(report: &mut Report, app: &TestApp, review_id: &str, counter: &Path, runs: usize) {
    println!("\n6. Lighthouse (mobile, simulated throttling, performance only; {runs} runs a page)");
    // The counter, served by the same static-file service as the app (as in interaction.rs).
    let auth = std::sync::Arc::new(wgll_functions::auth::Auth::development());
    let counter_site = wgll_functions::web::with_frontend(axum::Router::new(), counter, &auth);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a loopback port is free");
    let counter_url = format!("http://{}/", listener.local_addr().expect("an address"));
    let server = tokio::spawn(async move { axum::serve(listener, counter_site).await });
    more_public_data(app).await;

    let page = |label, path: &str, signed_in, check, expect: &str| Page {
        label,
        url: app.url(path),
        signed_in,
        check,
        expect: expect.to_owned(),
    };
    // The shared fixture (latency::fixture): West Yorkshire ICS (QWO) and Leeds Teaching
    // Hospitals (RR8) with a published 2025/26 peer review, whose outcome the dashboard shows.
    let trust = "Leeds Teaching Hospitals NHS Trust";
    let pages = [
        Page {
            label: "minimal counter app",
            url: counter_url,
            signed_in: false,
            check: "#counter",
            expect: String::new(),
        },
        page("home, /", "/", false, "h1", "Peer review of digital maturity"),
        page("framework, /framework", "/framework", false, "h1", "What Good Looks Like"),
        page("sign-in, /sign-in", "/sign-in", false, "h1", "Sign in"),
        page("review page, signed in", &format!("/reviews/{review_id}"), true, "h1", trust),
        page("ICS dashboard, signed in", "/ics/QWO/dashboard", true, "h1", "Dashboard, 2025/26"),
        page(
            "public search, /digital-services",
            "/digital-services",
            false,
            "h1",
            "Find digital services from your NHS organisation",
        ),
        page("public organisation page", "/digital-services/RR8", false, "h1", trust),
        page("public ICS page", "/digital-services/ics/QWO", false, "h1", "West Yorkshire ICS"),
    ];
    let measured = lighthouse(&pages, &session(app), runs).await;
    server.abort();

    assert_eq!(measured.len(), pages.len(), "lighthouse.mjs measured every page");
    let mut benchmark_indexes = Vec::new();
    let mut warnings = std::collections::BTreeSet::new();
    for (page, measured) in pages.iter().zip(&measured) {
        assert_eq!(page.label, measured.name);
        for run in &measured.runs {
            let shown = run.shown.as_deref().unwrap_or_else(|| {
                panic!("{}: Lighthouse measured a page without `{}`", page.label, page.check)
            });
            assert!(
                shown.contains(&page.expect),
                "{}: Lighthouse measured a page showing “{shown}”, not “{}”",
                page.label,
                page.expect
            );
            benchmark_indexes.push(run.benchmark_index);
            warnings.extend(run.warnings.iter().map(|warning| format!("{}: {warning}", page.label)));
        }
        println!(
            "  {}: the largest contentful paint is {}",
            page.label,
            measured.runs[0].lcp_element.as_deref().unwrap_or("not named")
        );
    }
    let counter = Figures::of(&measured[0].runs);
    add_rows(report, "floor: minimal counter app", runs, &counter, None);
    for (page, measured) in pages.iter().zip(&measured).skip(1) {
        add_rows(report, page.label, runs, &Figures::of(&measured.runs), Some(&counter));
    }
    report.note(format!(
        "Lighthouse's benchmark index of this machine (its measure of CPU speed; it scales the simulated \
         CPU work) was {:.0}, median of its {} runs.",
        median(&mut benchmark_indexes),
        benchmark_indexes.len()
    ));
    for warning in warnings {
        report.note(format!("Lighthouse warned: {warning}"));
    }
}
