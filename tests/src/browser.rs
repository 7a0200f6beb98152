//! Drives the real browser app in headless Chromium through chromedriver (WebDriver), and checks
//! pages with axe-core for WCAG 2.2 AA violations.

use fantoccini::{Client, ClientBuilder, Locator};
use std::net::{Ipv4Addr, TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

/// How long to wait for something to appear before calling it broken.
const PATIENCE: Duration = Duration::from_secs(20);

/// A headless Chromium session, closed (with its chromedriver) when dropped or on [`Browser::close`].
pub struct Browser {
    pub client: Client,
    driver: Child,
    _profile: tempfile::TempDir,
}

impl Browser {
    pub async fn start() -> Self {
        let port = TcpListener::bind((Ipv4Addr::LOCALHOST, 0)).unwrap().local_addr().unwrap().port();
        let driver = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver runs (make test installs it)");
        let deadline = Instant::now() + PATIENCE;
        while TcpStream::connect((Ipv4Addr::LOCALHOST, port)).is_err() {
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(50));
        }
        let profile = tempfile::tempdir().unwrap();
        // The flags Chromium needs on a machine with no network and no display.
        let capabilities = serde_json::json!({
            "goog:chromeOptions": {
                "binary": "/usr/bin/chromium",
                "args": [
                    "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                    "--disable-background-networking", "--disable-component-update", "--disable-sync",
                    "--disable-dev-shm-usage", "--window-size=1280,900",
                    format!("--user-data-dir={}", profile.path().display()),
                ]
            }
        });
        let client = ClientBuilder::new(hyper_util::client::legacy::connect::HttpConnector::new())
            .capabilities(capabilities.as_object().unwrap().clone())
            .connect(&format!("http://127.0.0.1:{port}"))
            .await
            .expect("a Chromium session starts");
        Self { client, driver, _profile: profile }
    }

    /// Opens `url` and, if it is one of the app's pages, waits until the app has started.
    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("the page opens");
        self.wait_for_app().await;
    }

    /// Waits until the browser app has started, on a page of the app's. The server sends each of
    /// its pages with a first view in `<div id="app">`, which the app replaces when it starts
    /// (`functions/src/first_views.rs`); trunk's start-up script sets `window.wasmBindings` once
    /// the app's `main` has run. Pages that are not the app's (the public pages) have no `#app`.
    pub async fn wait_for_app(&self) {
        let script = "return !document.getElementById('app') || window.wasmBindings !== undefined;";
        let deadline = Instant::now() + PATIENCE;
        while self.client.execute(script, vec![]).await.ok().and_then(|started| started.as_bool())
            != Some(true)
        {
            assert!(Instant::now() < deadline, "the app did not start");
            tokio::time::sleep(Duration::from_millis(50)).await;
        }
    }

    /// Waits for an element matching `css` whose text contains `text`, and returns it.
    pub async fn find_text(&self, css: &str, text: &str) -> fantoccini::elements::Element {
        let deadline = Instant::now() + PATIENCE;
        loop {
            if let Ok(elements) = self.client.find_all(Locator::Css(css)).await {
                for element in elements {
                    if element.text().await.is_ok_and(|found| found.contains(text)) {
                        return element;
                    }
                }
            }
            if Instant::now() > deadline {
                let body = self.client.source().await.unwrap_or_default();
                panic!("no `{css}` containing “{text}” appeared; the page was:\n{body}");
            }
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Waits for an element matching `css`.
    pub async fn find(&self, css: &str) -> fantoccini::elements::Element {
        self.client
            .wait()
            .at_most(PATIENCE)
            .for_element(Locator::Css(css))
            .await
            .unwrap_or_else(|error| panic!("no `{css}` appeared: {error}"))
    }

    /// Waits until the address bar's path matches `predicate`, and returns the path.
    pub async fn wait_for_path(&self, predicate: impl Fn(&str) -> bool) -> String {
        let deadline = Instant::now() + PATIENCE;
        loop {
            let url = self.client.current_url().await.expect("the browser has a URL");
            if predicate(url.path()) {
                return url.path().to_owned();
            }
            assert!(Instant::now() < deadline, "the app stayed at {url}");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Clears a field and types into it, as a person would.
    pub async fn fill(&self, css: &str, text: &str) {
        let field = self.find(css).await;
        field.clear().await.expect("the field can be cleared");
        field.send_keys(text).await.expect("the field takes typing");
    }

    pub async fn click_button(&self, text: &str) {
        self.find_text("button", text).await.click().await.expect("the button can be clicked");
    }

    pub async fn select(&self, css: &str, value: &str) {
        let option = format!("{css} option[value='{value}']");
        self.find(&option).await.click().await.expect("the option can be chosen");
    }

    /// Runs axe-core on the page and returns WCAG 2.2 A/AA violations, one line each.
    pub async fn accessibility_violations(&self) -> Vec<String> {
        let axe = std::fs::read_to_string(crate::repo_root().join("node_modules/axe-core/axe.min.js"))
            .expect("axe-core is installed (make test installs it)");
        self.client.execute(&axe, vec![]).await.expect("axe-core loads into the page");
        let script = r#"
            const done = arguments[arguments.length - 1];
            axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } })
              .then(result => done(result.violations.map(v =>
                  `${v.id}: ${v.help} at ${v.nodes.map(n => n.target.join(' ')).join(', ')}`)))
              .catch(error => done([`axe-core failed: ${error}`]));
        "#;
        let result = self.client.execute_async(script, vec![]).await.expect("axe-core runs");
        serde_json::from_value(result).expect("axe-core returns a list")
    }

    /// Fails the test if the page has any WCAG 2.2 AA violation.
    pub async fn assert_accessible(&self, page: &str) {
        let violations = self.accessibility_violations().await;
        assert!(violations.is_empty(), "{page} has accessibility violations:\n{}", violations.join("\n"));
    }

    /// Fails the test if, 320 CSS pixels wide (a small phone, and WCAG's reflow width), the page
    /// scrolls sideways or a table cell of one word that is shown is broken across lines
    /// ("Dev/elo/ping"); then goes back to the desktop width.
    pub async fn assert_usable_on_a_phone(&self, page: &str) {
        self.client.set_window_size(320, 800).await.expect("the window can be narrowed");
        let script = r#"
            const problems = [];
            if (window.innerWidth !== 320) problems.push(`the window is ${window.innerWidth} px wide, not 320`);
            const root = document.documentElement;
            if (root.scrollWidth > root.clientWidth) {
                // Name the innermost elements that stick out, to say where to look.
                const wide = [...document.querySelectorAll('body *')]
                    .filter(e => e.getBoundingClientRect().right > root.clientWidth + 1)
                    .filter(e => ![...e.children].some(child => child.getBoundingClientRect().right > root.clientWidth + 1))
                    .slice(0, 3)
                    .map(e => `${e.tagName.toLowerCase()}${e.id ? '#' + e.id : ''}${e.className ? '.' + String(e.className).split(' ').join('.') : ''}`);
                problems.push(`the page scrolls sideways: ${root.scrollWidth} px wide, at ${wide.join(', ')}`);
            }
            // Not shown (a collapsed section, or headings NHS.UK hides visually on a phone): not read.
            const hidden = element => {
                for (let e = element; e && e !== document.body; e = e.parentElement) {
                    const box = e.getBoundingClientRect();
                    if (box.width <= 1 || box.height <= 1) return true;
                }
                return false;
            };
            for (const cell of document.querySelectorAll('main th, main td')) {
                const text = cell.textContent.trim();
                // One word, with no hyphen (a line may break after one, as in "Self-/assessment").
                if (!/^[^\s-]+$/.test(text) || hidden(cell)) continue;
                // The word's own text: one box per line it is on (an element's box, such as a tag's
                // padding, is not the word).
                const words = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
                for (let node = words.nextNode(); node; node = words.nextNode()) {
                    const range = document.createRange();
                    range.selectNodeContents(node);
                    const lines = new Set([...range.getClientRects()].filter(rect => rect.width > 0).map(rect => Math.round(rect.top)));
                    if (lines.size > 1) problems.push(`“${text}” is broken across ${lines.size} lines`);
                }
            }
            return problems;
        "#;
        let result = self.client.execute(script, vec![]).await.expect("the check runs");
        self.client.set_window_size(1280, 900).await.expect("the window can be widened again");
        let problems: Vec<String> = serde_json::from_value(result).expect("a list");
        assert!(problems.is_empty(), "{page} at 320 px:\n{}", problems.join("\n"));
    }

    /// Saves a screenshot as `<name>.png` in the folder named by `WGLL_SCREENSHOTS`, if set: a way
    /// to look at what the test saw.
    pub async fn screenshot(&self, name: &str) {
        if let Ok(folder) = std::env::var("WGLL_SCREENSHOTS") {
            let png = self.client.screenshot().await.expect("Chromium takes screenshots");
            std::fs::create_dir_all(&folder).unwrap();
            std::fs::write(std::path::Path::new(&folder).join(format!("{name}.png")), png).unwrap();
        }
    }

    pub async fn close(mut self) {
        let _ = self.client.clone().close().await;
        let _ = self.driver.kill();
        let _ = self.driver.wait();
    }
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = self.driver.kill();
    }
}
