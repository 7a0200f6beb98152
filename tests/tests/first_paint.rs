//! The app paints at once: the server sends each page with its first view in the HTML, the app's
//! files compressed and cached, and the app takes over a first view without changing it.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use wgll_tests::browser::Browser;
use wgll_tests::{TestApp, fresh_config, repo_root, shared_dynamodb_endpoint};

fn built_app() -> PathBuf {
    let dist = repo_root().join("frontend/dist");
    assert!(dist.join("pages/home.html").is_file(), "build the app first: make frontend (make test does)");
    dist
}

async fn app() -> TestApp {
    TestApp::spawn_with(fresh_config(&shared_dynamodb_endpoint()), 0, Some(built_app())).await
}

async fn get(app: &TestApp, path: &str, accept_encoding: Option<&str>) -> reqwest::Response {
    let mut request = app.client.get(app.url(path));
    if let Some(encodings) = accept_encoding {
        request = request.header("accept-encoding", encodings);
    }
    request.send().await.expect("the server answers")
}

fn header(response: &reqwest::Response, name: &str) -> String {
    response.headers().get(name).map(|value| value.to_str().unwrap().to_owned()).unwrap_or_default()
}

/// `bytes` decoded by the system's `gzip` or `brotli` (as a browser would decode them).
fn decode(tool: &str, bytes: &[u8]) -> Vec<u8> {
    let mut child = Command::new(tool)
        .args(["-d", "-c"])
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .spawn()
        .unwrap_or_else(|error| panic!("{tool} runs (make tools installs it): {error}"));
    // Written from another thread, so that neither side waits on a full pipe.
    let mut input = child.stdin.take().unwrap();
    let bytes = bytes.to_vec();
    let writer = std::thread::spawn(move || input.write_all(&bytes).unwrap());
    let output = child.wait_with_output().unwrap();
    writer.join().unwrap();
    assert!(output.status.success(), "{tool} could not decode the body");
    output.stdout
}

/// The name of the app's WebAssembly file, as the page names it.
fn wasm_path(page: &str) -> String {
    let end = page.find("_bg.wasm").expect("the page names the app's WebAssembly") + "_bg.wasm".len();
    let start = page[..end].rfind('/').unwrap();
    page[start..end].to_owned()
}

#[tokio::test]
async fn each_page_arrives_with_its_first_view_and_the_app_files_compressed_and_cached() {
    let app = app().await;

    // The pages anyone can open are in the HTML, in full.
    let framework = get(&app, "/framework", None).await;
    assert_eq!(framework.status(), 200);
    assert_eq!(header(&framework, "content-type"), "text/html");
    assert_eq!(header(&framework, "cache-control"), "no-cache");
    let framework = framework.text().await.unwrap();
    assert!(framework.contains("<title>The framework – WGLL peer review</title>"), "{framework}");
    assert!(framework.contains(">What Good Looks Like</h1>"));
    assert!(framework.contains("<h2 id=\"measure-1\">1. Well led</h2>"));
    assert!(framework.contains("<h2 id=\"measure-7\">7. Healthy populations</h2>"));
    let home = get(&app, "/", None).await.text().await.unwrap();
    assert!(home.contains("<h1>Peer review of digital maturity</h1>"), "{home}");
    assert!(home.contains("<a href=\"/sign-in\" class=\"nhsuk-button\">Sign in</a>"));
    // The sign-in page as people sign in here: the development sign-in's form (this server has
    // no hosted sign-in), not the live service's button.
    let sign_in = get(&app, "/sign-in", None).await.text().await.unwrap();
    assert!(sign_in.contains("<h1>Sign in</h1>"), "{sign_in}");
    assert!(sign_in.contains("<h2 class=\"nhsuk-warning-callout__label\">Development sign-in</h2>"));
    assert!(sign_in.contains("<label class=\"nhsuk-label\" for=\"email\">Email address</label>"));
    assert!(!sign_in.contains("Sign in with your NHS account"));

    // A page behind sign-in: the header and a loading state, at once.
    let review = get(&app, "/reviews/6f1c1c43-6a7e-4a8e-9a47-1f1d2b7e4c10", None).await;
    assert_eq!(review.status(), 200);
    assert_eq!(header(&review, "cache-control"), "no-cache");
    let review = review.text().await.unwrap();
    assert!(review.contains("<span class=\"nhsuk-header__service-name\">WGLL peer review</span>"));
    assert!(review.contains("role=\"status\" aria-live=\"polite\">Loading the page…</p>"), "{review}");

    // Every page carries its stylesheets inline (no second request before it paints), each
    // allowed by its SHA-256 in the Content-Security-Policy, and links none.
    for path in ["/", "/framework", "/sign-in", "/reviews/6f1c1c43-6a7e-4a8e-9a47-1f1d2b7e4c10"] {
        let page = get(&app, path, None).await;
        let policy = header(&page, "content-security-policy");
        let html = page.text().await.unwrap();
        assert!(!html.contains(r#"rel="stylesheet""#), "{path} links a stylesheet");
        let styles: Vec<&str> =
            html.split("<style>").skip(1).map(|rest| rest.split("</style>").next().unwrap()).collect();
        assert_eq!(styles.len(), 2, "{path}: NHS.UK frontend's and the app's own");
        assert!(
            !html.contains("@font-face"),
            "{path}: no web font to wait for (Arial, the NHS's other typeface)"
        );
        assert!(styles[0].contains(".nhsuk-header{"), "{path}: NHS.UK frontend's stylesheet first");
        for style in styles {
            use base64::Engine;
            use sha2::Digest;
            let hash =
                base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(style.as_bytes()));
            assert!(policy.contains(&format!("'sha256-{hash}'")), "{path}: {policy}");
        }
    }

    // The WebAssembly: brotli or gzip as the browser accepts, the same bytes once decoded, kept
    // for a year (its name changes when it does).
    let wasm = wasm_path(&framework);
    let plain = get(&app, &wasm, None).await;
    assert_eq!(header(&plain, "content-type"), "application/wasm");
    assert_eq!(header(&plain, "content-encoding"), "");
    assert_eq!(header(&plain, "cache-control"), "public, max-age=31536000, immutable");
    let plain = plain.bytes().await.unwrap();
    assert!(plain.starts_with(b"\0asm"));
    let brotli = get(&app, &wasm, Some("gzip, deflate, br")).await;
    assert_eq!(header(&brotli, "content-encoding"), "br");
    assert_eq!(header(&brotli, "content-type"), "application/wasm");
    assert!(header(&brotli, "vary").to_lowercase().contains("accept-encoding"));
    assert_eq!(header(&brotli, "cache-control"), "public, max-age=31536000, immutable");
    let brotli = brotli.bytes().await.unwrap();
    assert!(brotli.len() * 3 < plain.len(), "brotli sends {} of {} bytes", brotli.len(), plain.len());
    assert!(decode("brotli", &brotli) == plain, "the brotli copy decodes to the WebAssembly");
    let gzip = get(&app, &wasm, Some("gzip")).await;
    assert_eq!(header(&gzip, "content-encoding"), "gzip");
    assert!(
        decode("gzip", &gzip.bytes().await.unwrap()) == plain,
        "the gzip copy decodes to the WebAssembly"
    );

    // The page itself compressed too; the public pages' stylesheet (a name that never changes) a day.
    let page = get(&app, "/framework", Some("br")).await;
    assert_eq!(header(&page, "content-encoding"), "br");
    assert_eq!(String::from_utf8(decode("brotli", &page.bytes().await.unwrap())).unwrap(), framework);
    let stylesheet = get(&app, "/nhsuk-public.css", Some("gzip")).await;
    assert_eq!(header(&stylesheet, "content-encoding"), "gzip");
    assert_eq!(header(&stylesheet, "cache-control"), "public, max-age=86400");
    let missing = get(&app, "/no-such-file.js", None).await;
    assert_eq!(missing.status(), 404);
}

/// `#app` as a tree of tags, attributes and text, without comments or blank text (which Leptos
/// and the server write differently, and which show nothing).
const SHAPE: &str = r#"
    const shape = (node) => {
        if (node.nodeType === Node.TEXT_NODE) return node.textContent.trim() ? node.textContent : null;
        if (node.nodeType !== Node.ELEMENT_NODE) return null;
        const attributes = [...node.attributes].map((a) => `${a.name}=${a.value}`).sort().join(' ');
        const children = [...node.childNodes].map(shape).filter((child) => child !== null);
        return `<${node.localName} ${attributes}>${children.join('')}</${node.localName}>`;
    };
"#;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_app_takes_over_each_first_view_without_changing_what_it_shows() {
    let app = app().await;
    let browser = Browser::start().await;
    for path in ["/", "/framework", "/sign-in"] {
        let sent = get(&app, path, None).await.text().await.unwrap();
        browser.goto(&app.url(path)).await;
        let script = format!(
            "{SHAPE} const sent = new DOMParser().parseFromString(arguments[0], 'text/html');
             return [shape(sent.getElementById('app')), shape(document.getElementById('app')),
                     document.querySelectorAll('main').length, document.title, sent.title];"
        );
        let result = browser.client.execute(&script, vec![serde_json::json!(sent)]).await.unwrap();
        let [first_view, app_view, mains, title, sent_title] = result.as_array().unwrap().as_slice() else {
            panic!("{result}")
        };
        assert_eq!(first_view, app_view, "{path}: the app's view differs from the first view");
        assert_eq!(mains, 1, "{path}: one page, not the first view and the app's");
        assert_eq!(title, sent_title, "{path}: the same title");
        // Styled, so the policy let the inline stylesheets apply: the header is NHS blue.
        let colour = browser
            .client
            .execute(
                "return getComputedStyle(document.querySelector('.nhsuk-header')).backgroundColor;",
                vec![],
            )
            .await
            .unwrap();
        assert_eq!(colour, "rgb(0, 94, 184)", "{path}: the NHS.UK header's colour");
    }
    // The development sign-in, as the app shows it once started, signs in.
    browser.fill("#name", "Ada Admin").await;
    browser.fill("#email", "ada@example.nhs.uk").await;
    browser.click_button("Sign in").await;
    browser.wait_for_path(|path| path == "/organisations").await;
    browser.close().await;
}

/// A copy of the built app without its WebAssembly, so the app never starts: what shows is what
/// the page the server sent does on its own.
fn built_app_without_its_webassembly() -> tempfile::TempDir {
    let copy = tempfile::tempdir().unwrap();
    let status = Command::new("cp").arg("-r").arg(built_app().join(".")).arg(copy.path()).status().unwrap();
    assert!(status.success(), "the built app can be copied");
    for entry in std::fs::read_dir(copy.path()).unwrap() {
        let path = entry.unwrap().path();
        if path.to_string_lossy().contains("_bg.wasm") {
            std::fs::remove_file(path).unwrap();
        }
    }
    copy
}

/// Signs `browser` in as an administrator through the development sign-in's API, keeping the
/// session where the app keeps it (the tab's session storage).
async fn sign_in(browser: &Browser, app: &TestApp) {
    let session = app
        .client
        .post(app.url("/api/dev/sign-in"))
        .json(&serde_json::json!({"name": "Ada Admin", "email": "ada@example.nhs.uk", "groups": ["administrator"]}))
        .send()
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    browser.client.goto(&app.url("/sign-in")).await.unwrap();
    browser
        .client
        .execute("sessionStorage.setItem('wgll.session', arguments[0]);", vec![serde_json::json!(session)])
        .await
        .unwrap();
}

/// How many times the page fetched `/api/views` + `address`.
async fn view_fetches(browser: &Browser, address: &str) -> u64 {
    let script = "return performance.getEntriesByType('resource')
        .filter((entry) => new URL(entry.name).pathname + new URL(entry.name).search === '/api/views' + arguments[0])
        .length;";
    browser.client.execute(script, vec![serde_json::json!(address)]).await.unwrap().as_u64().unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_signed_in_page_of_the_server_s_shows_before_the_app_starts_and_is_fetched_once() {
    let app = app().await;
    app.add_ics_and_trust().await;
    let dashboard = "/ics/QWO/dashboard?period=2025%2F26";

    // Without the app's WebAssembly, the page the server sent fetches the view and shows it.
    let without = built_app_without_its_webassembly();
    let bare =
        TestApp::spawn_with_auth(app.config.clone(), 0, Some(without.path().to_owned()), app.auth.clone())
            .await;
    let browser = Browser::start().await;
    sign_in(&browser, &bare).await;
    browser.client.goto(&bare.url(dashboard)).await.unwrap();
    let heading = browser.find_text("main h1", "Dashboard, 2025/26").await;
    assert_eq!(heading.text().await.unwrap(), "Dashboard, 2025/26");
    browser
        .find_text("#dashboard-summary", "0 of 1 organisations have a published peer review for 2025/26.")
        .await;
    let title = browser.client.title().await.unwrap();
    assert_eq!(title, "Dashboard – West Yorkshire ICS 2025/26 – WGLL peer review");
    let started = browser.client.execute("return window.wasmBindings === undefined;", vec![]).await.unwrap();
    assert_eq!(started, true, "the app did not start: the page showed the view on its own");
    browser.assert_accessible("the dashboard before the app starts").await;

    // Signed out, the page does not ask for it: the loading state stays for the app's sign-in prompt.
    browser.client.execute("sessionStorage.clear();", vec![]).await.unwrap();
    browser.client.goto(&bare.url(dashboard)).await.unwrap();
    browser.find_text("main", "Loading the page…").await;
    assert_eq!(view_fetches(&browser, dashboard).await, 0, "no view is fetched without a session");

    // With the app, the view is fetched once, by the page, and the app shows it as it is.
    sign_in(&browser, &app).await;
    browser.goto(&app.url(dashboard)).await;
    browser.find_text("main h1", "Dashboard, 2025/26").await;
    assert_eq!(view_fetches(&browser, dashboard).await, 1, "the app took over the page's fetch");
    let mains =
        browser.client.execute("return document.querySelectorAll('main').length;", vec![]).await.unwrap();
    assert_eq!(mains, 1);
    // Its links are the app's: following one changes the page without loading another.
    browser.client.execute("window.stillTheSamePage = true;", vec![]).await.unwrap();
    browser.find_text("a", "Trends").await.click().await.unwrap();
    browser.wait_for_path(|path| path == "/ics/QWO/trends").await;
    let same = browser.client.execute("return window.stillTheSamePage === true;", vec![]).await.unwrap();
    assert_eq!(same, true, "the link was followed by the app");
    browser.close().await;
}

/// Someone who starts typing into a signed-in page's form before the app has started (its
/// WebAssembly still on its way) keeps what they typed, and their place, when the app takes over.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn what_is_typed_before_the_app_starts_stays_when_it_takes_over() {
    let app = app().await;
    // The app's files, its WebAssembly held back until the test lets it arrive.
    let late = built_app_without_its_webassembly();
    let served =
        TestApp::spawn_with_auth(app.config.clone(), 0, Some(late.path().to_owned()), app.auth.clone()).await;
    let browser = Browser::start().await;
    sign_in(&browser, &served).await;
    browser.client.goto(&served.url("/organisations/new")).await.unwrap();
    browser.find_text("main h1", "Add an organisation").await;
    let name = browser.find("#name").await;
    name.send_keys("Leeds Teaching Hospitals").await.unwrap();
    let started = browser.client.execute("return window.wasmBindings === undefined;", vec![]).await.unwrap();
    assert_eq!(started, true, "typed before the app started");

    // The WebAssembly arrives, and the app starts as the page's loader starts it.
    let page = std::fs::read_to_string(late.path().join("pages/loading.html")).unwrap();
    let wasm = wasm_path(&page);
    std::fs::copy(
        built_app().join(wasm.trim_start_matches('/')),
        late.path().join(wasm.trim_start_matches('/')),
    )
    .unwrap();
    let start = "const [script, wasm] = arguments;
        const bindings = await import(script.replace('_bg.wasm', '.js'));
        await bindings.default({ module_or_path: wasm });
        window.wasmBindings = bindings;";
    let script = format!("return (async () => {{ {start} }})();");
    browser.client.execute(&script, vec![serde_json::json!(wasm), serde_json::json!(wasm)]).await.unwrap();
    let started = browser.client.execute("return window.wasmBindings !== undefined;", vec![]).await.unwrap();
    assert_eq!(started, true, "the app started");
    let mains =
        browser.client.execute("return document.querySelectorAll('main').length;", vec![]).await.unwrap();
    assert_eq!(mains, 1, "the app's own page, not the one the server sent beside it");

    // The same field, with what was typed, still focused: typing goes on where it was.
    let typed = name.prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(typed, "Leeds Teaching Hospitals");
    name.send_keys(" NHS Trust").await.unwrap();
    let typed = browser.find("#name").await.prop("value").await.unwrap().unwrap_or_default();
    assert_eq!(typed, "Leeds Teaching Hospitals NHS Trust");
    let focused = browser.client.execute("return document.activeElement.id;", vec![]).await.unwrap();
    assert_eq!(focused, "name");
    browser.close().await;
}
