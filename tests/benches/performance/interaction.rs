//! 5. Interaction, in headless Chromium with the Performance API: how long the review page (all
//!    seven measures) and a measure's page take from navigation to their content painted, and how
//!    long the measure page takes from a keystroke in an evidence box to the next paint; beside
//!    the minimal counter app's first render. Every page load starts with the browser's cache
//!    off, as a first visit: the app is fetched and compiled each time.

use crate::report::{Report, Row, Verdict, median, ms};
use fantoccini::wd::WebDriverCompatibleCommand;
use std::path::Path;
use std::time::{Duration, Instant};
use wgll_shared::framework::{self, Variant};
use wgll_tests::TestApp;
use wgll_tests::browser::Browser;

/// A Chrome DevTools Protocol command, sent through chromedriver.
#[derive(Debug)]
struct Cdp {
    command: &'static str,
    params: serde_json::Value,
}

impl WebDriverCompatibleCommand for Cdp {
    fn endpoint(&self, base: &url::Url, session: Option<&str>) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/goog/cdp/execute", session.unwrap_or_default()))
    }

    fn method_and_body(&self, _: &url::Url) -> (http::Method, Option<String>) {
        let body = serde_json::json!({"cmd": self.command, "params": self.params});
        (http::Method::POST, Some(body.to_string()))
    }
}

async fn cdp(browser: &Browser, command: &'static str, params: serde_json::Value) -> serde_json::Value {
    browser
        .client
        .issue_cmd(Cdp { command, params })
        .await
        .unwrap_or_else(|error| panic!("chromedriver runs {command}: {error}"))
}

/// A script Chromium runs in every new document before the page's own: it notes (in
/// `performance.now()` time, from the start of navigation) when `count` elements match `selector`,
/// and when the frame showing them has been painted (the first task after the next frame).
fn probe(selector: &str, count: usize) -> String {
    format!(
        r#"(() => {{
            const result = window.__bench = {{ ready: null, painted: null }};
            const check = () => {{
                if (result.ready !== null || document.querySelectorAll({selector:?}).length < {count}) return;
                result.ready = performance.now();
                observer.disconnect();
                requestAnimationFrame(() => setTimeout(() => {{ result.painted = performance.now(); }}, 0));
            }};
            const observer = new MutationObserver(check);
            observer.observe(document, {{ childList: true, subtree: true }});
        }})();"#
    )
}

/// Loads `url` `runs` times (plus one untimed load) and returns the median time from navigation
/// to `count` elements matching `selector` painted, in milliseconds.
async fn render_time(browser: &Browser, url: &str, selector: &str, count: usize, runs: usize) -> f64 {
    let added = cdp(
        browser,
        "Page.addScriptToEvaluateOnNewDocument",
        serde_json::json!({"source": probe(selector, count)}),
    )
    .await;
    let mut samples = Vec::with_capacity(runs);
    for run in 0..=runs {
        browser.goto(url).await;
        let deadline = Instant::now() + Duration::from_secs(30);
        let painted = loop {
            let value = browser
                .client
                .execute("return window.__bench ? window.__bench.painted : null", vec![])
                .await
                .expect("the page runs scripts");
            if let Some(painted) = value.as_f64() {
                break painted;
            }
            assert!(Instant::now() < deadline, "{url} never showed {count} × `{selector}`");
            tokio::time::sleep(Duration::from_millis(20)).await;
        };
        if run > 0 {
            samples.push(painted);
        }
    }
    cdp(
        browser,
        "Page.removeScriptToEvaluateOnNewDocument",
        serde_json::json!({"identifier": added["identifier"]}),
    )
    .await;
    median(&mut samples)
}

/// Types `keys` one at a time into the field matching `css` and returns the median time from
/// each keydown to the first task after the next frame, in milliseconds.
async fn keystroke_time(browser: &Browser, css: &str, keys: &str) -> f64 {
    let field = browser.find(css).await;
    field.click().await.expect("the field can be focused");
    let arm = r#"
        const field = document.querySelector(arguments[0]);
        window.__key = null;
        let start = null;
        field.addEventListener('keydown', (event) => { start = event.timeStamp; }, { capture: true, once: true });
        field.addEventListener('input', () => {
            requestAnimationFrame(() => setTimeout(() => { window.__key = performance.now() - start; }, 0));
        }, { once: true });
    "#;
    let mut samples = Vec::new();
    for key in keys.chars() {
        browser.client.execute(arm, vec![serde_json::json!(css)]).await.expect("the listeners are set");
        field.send_keys(&key.to_string()).await.expect("the field takes typing");
        let deadline = Instant::now() + Duration::from_secs(10);
        loop {
            let value =
                browser.client.execute("return window.__key", vec![]).await.expect("the page runs scripts");
            if let Some(millis) = value.as_f64() {
                samples.push(millis);
                break;
            }
            assert!(Instant::now() < deadline, "the keystroke never painted");
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
    }
    median(&mut samples)
}

/// A draft peer review of the trust with every measure assessed (the measure page stays
/// editable), signed in as its lead reviewer. Returns its id.
async fn draft_review(app: &TestApp) -> String {
    let id = app.start_review("RR8", "2024/25", "peer-review", &[wgll_tests::LEAD_REVIEWER]).await;
    let framework = framework::find(framework::CURRENT).expect("the current framework");
    for measure in framework.measures.iter() {
        let statements: Vec<serde_json::Value> = measure
            .variant(Variant::Organisation)
            .statements
            .iter()
            .map(|s| serde_json::json!({"statement": s.id, "answer": "met", "evidence": "Seen on the visit"}))
            .collect();
        let body = serde_json::json!({"statements": statements, "level": 5, "version": 0});
        let response = app.put(&format!("/api/reviews/{id}/measures/{}", measure.number), &body).await;
        assert!(response.status().is_success(), "measure {} is saved: {}", measure.number, response.status());
    }
    id
}

pub async fn run(report: &mut Report, app: &TestApp, counter: &Path, runs: usize) {
    println!("\n5. Interaction (headless Chromium, {runs} loads per figure, cache off)");
    // The counter, served by the same static-file service as the app.
    let auth = std::sync::Arc::new(wgll_functions::auth::Auth::development());
    let counter_site = wgll_functions::web::with_frontend(axum::Router::new(), counter, &auth);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.expect("a loopback port is free");
    let counter_url = format!("http://{}/", listener.local_addr().expect("an address"));
    let server = tokio::spawn(async move { axum::serve(listener, counter_site).await });

    let id = draft_review(app).await;
    let browser = Browser::start().await;
    cdp(&browser, "Network.enable", serde_json::json!({})).await;
    cdp(&browser, "Network.setCacheDisabled", serde_json::json!({"cacheDisabled": true})).await;

    let counter_render = render_time(&browser, &counter_url, "#counter", 1, runs).await;
    report.add(Row {
        section: "5 interaction",
        figure: "floor: minimal counter app, navigation → painted".to_owned(),
        value: ms(counter_render),
        reference: String::new(),
        ratio: None,
        budget: String::new(),
        verdict: Verdict::Info,
    });

    browser.goto(&app.url("/sign-in")).await;
    browser.fill("#name", "Lead Reviewer").await;
    browser.fill("#email", wgll_tests::LEAD_REVIEWER).await;
    browser.find("#role-administrator").await.click().await.expect("the role can be ticked");
    browser.click_button("Sign in").await;
    browser.wait_for_path(|path| path == "/organisations").await;

    let statements = framework::find(framework::CURRENT).expect("the current framework").measures[0]
        .variant(Variant::Organisation)
        .statements
        .len();
    let pages = [
        (
            "review page, all 7 measures: navigation → painted",
            format!("/reviews/{id}"),
            ".nhsuk-task-list__item",
            7,
        ),
        (
            "measure page, measure 1 with its statements: navigation → painted",
            format!("/reviews/{id}/measures/1"),
            "textarea[id^='evidence-']",
            statements,
        ),
    ];
    for (label, path, selector, count) in pages {
        let millis = render_time(&browser, &app.url(&path), selector, count, runs).await;
        report.add(Row {
            section: "5 interaction",
            figure: label.to_owned(),
            value: ms(millis),
            reference: ms(counter_render),
            ratio: Some(millis / counter_render),
            budget: String::new(),
            verdict: Verdict::Info,
        });
    }
    // The measure page is open from the last load: type into its first evidence box.
    let keystroke = keystroke_time(&browser, "textarea[id^='evidence-']", " checked again").await;
    report.add(Row {
        section: "5 interaction",
        figure: "measure page: keystroke in evidence → next paint, median".to_owned(),
        value: ms(keystroke),
        reference: ms(counter_render),
        ratio: Some(keystroke / counter_render),
        budget: String::new(),
        verdict: Verdict::Info,
    });
    browser.close().await;
    server.abort();
}
