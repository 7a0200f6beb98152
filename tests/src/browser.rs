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

    pub async fn goto(&self, url: &str) {
        self.client.goto(url).await.expect("the page opens");
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
