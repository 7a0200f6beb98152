//! Serves the built browser app (`frontend/dist`) beside the API for the local server, with a
//! strict Content-Security-Policy. (In AWS, CloudFront serves the app from S3 with the same
//! headers, the same caching and the same first views: `infra/template.yaml`, `scripts/deploy.sh`.)
//!
//! - Each client-side route gets its first view (`first_views.rs`: `pages/<name>.html`), so the
//!   page paints before the app's WebAssembly has arrived (the sign-in page the development
//!   sign-in's, where that is how people sign in); a build without them (the benchmark's counter
//!   app) gets its `index.html`.
//! - Files are sent as the brotli or gzip copy written beside them at build time
//!   (`scripts/precompress.sh`), whichever the browser accepts.
//! - Files whose names carry trunk's content hash never change, so browsers keep them for a year;
//!   the pages are checked on every visit, since they name the current files; the rest (NHS.UK
//!   icons and fonts, the public pages' stylesheet) for a day.

use crate::first_views;
use axum::Router;
use axum::body::Body;
use axum::extract::Request;
use axum::http::{HeaderValue, header};
use axum::response::Response;
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use tower::ServiceExt;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;
use wgll_shared::access::SignInConfig;

/// Adds the app to `api`: files from `dist`, and for every other path (a client-side route, so
/// deep links and reloads work) the page to start the app on.
pub fn with_frontend(api: Router, dist: &Path, auth: &crate::auth::Auth) -> Router {
    // The page every route is sent as (with the first views, their loading page: each has the
    // same head, so the same inline script and stylesheets), and the assessment form's, which
    // starts its own bundle with a script of its own.
    let page = [
        dist.join(first_views::FOLDER).join(format!("{}.html", first_views::LOADING)),
        dist.join("index.html"),
    ]
    .iter()
    .find_map(|path| std::fs::read_to_string(path).ok())
    .unwrap_or_default();
    let assessment = dist.join(first_views::FOLDER).join(format!("{}.html", first_views::ASSESSMENT));
    let page = page + &std::fs::read_to_string(assessment).unwrap_or_default();
    // With Cognito's hosted sign-in the app fetches its tokens from Cognito's token endpoint.
    let token_origin = auth.hosted.as_ref().and_then(|hosted| origin(&hosted.token_url));
    let csp = content_security_policy(&page, token_origin.as_deref());
    let csp = HeaderValue::from_str(&csp).unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    let site = Site {
        dist: dist.to_owned(),
        first_views: dist.join(first_views::FOLDER).is_dir(),
        development_sign_in: matches!(auth.sign_in_config(), SignInConfig::Development),
    };
    let app = Router::new()
        .fallback(move |request: Request| {
            let site = site.clone();
            async move { site.serve(request).await }
        })
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, csp))
        .layer(crate::router::security_headers());
    api.merge(app)
}

#[derive(Clone)]
struct Site {
    dist: PathBuf,
    /// Whether the build has first views (`make frontend` writes them).
    first_views: bool,
    /// Whether people sign in with the development sign-in (its first view, not the hosted one's),
    /// as the API tells the app (`Auth::sign_in_config`).
    development_sign_in: bool,
}

impl Site {
    async fn serve(&self, request: Request) -> Response {
        let path = request.uri().path().to_owned();
        let route = is_route(&path);
        let mut response = if route {
            let page = match self.first_views {
                true => {
                    let file = match first_views::file_for(&path) {
                        "sign-in" if self.development_sign_in => first_views::DEVELOPMENT_SIGN_IN,
                        file => file,
                    };
                    self.dist.join(first_views::FOLDER).join(format!("{file}.html"))
                }
                false if wgll_shared::server_views::is_assessment_form(&path) => {
                    self.dist.join("assessment.html")
                }
                false => self.dist.join("index.html"),
            };
            let serve = ServeFile::new(page).precompressed_br().precompressed_gzip();
            serve.oneshot(request).await.map(|response| response.map(Body::new))
        } else {
            let serve = ServeDir::new(&self.dist).precompressed_br().precompressed_gzip();
            serve.oneshot(request).await.map(|response| response.map(Body::new))
        }
        .unwrap_or_else(|never| match never {});
        if response.status().is_success() || response.status() == axum::http::StatusCode::NOT_MODIFIED {
            let policy = cache_policy(&path, route);
            response.headers_mut().insert(header::CACHE_CONTROL, HeaderValue::from_static(policy));
            // The same address answers brotli, gzip or neither: caches must keep them apart.
            response.headers_mut().insert(header::VARY, HeaderValue::from_static("accept-encoding"));
        }
        response
    }
}

/// A client-side route rather than a file: its last segment has no extension (the CloudFront
/// function in `infra/template.yaml` decides the same way).
fn is_route(path: &str) -> bool {
    !path.rsplit('/').next().unwrap_or_default().contains('.')
}

/// How long a browser may keep what `path` answered with.
fn cache_policy(path: &str, route: bool) -> &'static str {
    if route || path.ends_with(".html") {
        "no-cache"
    } else if is_hashed(path) {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=86400"
    }
}

/// Whether `path` names a file trunk built with its content's hash in its name:
/// `wgll-frontend-<hex>.js`, its `_bg.wasm`, `style-<hex>.css`. The hash is a 64-bit number in hex
/// without leading zeros: 16 digits, or fewer (15 about one time in 16).
fn is_hashed(path: &str) -> bool {
    let name = path.rsplit('/').next().unwrap_or_default();
    let stem = name.split('.').next().unwrap_or_default();
    let stem = stem.strip_suffix("_bg").unwrap_or(stem);
    stem.rsplit_once('-').is_some_and(|(_, hash)| {
        (12..=16).contains(&hash.len()) && hash.bytes().all(|byte| byte.is_ascii_hexdigit())
    })
}

/// The policy for the app: only our own files, plus the hashes of the inline start-up scripts
/// trunk writes into `index.html` (and the assessment form's bundle's) and of the stylesheets the first views carry inline
/// (`first_views::inline_stylesheets`), so no `'unsafe-inline'` is needed. `'wasm-unsafe-eval'`
/// lets the page compile its WebAssembly.
pub fn content_security_policy(page_html: &str, token_origin: Option<&str>) -> String {
    // Each once, though pages share them (their stylesheets).
    let hashes = |tag: &str| -> String {
        let mut hashes: Vec<String> = Vec::new();
        for body in inline_bodies(page_html, tag) {
            let digest = Sha256::digest(body.as_bytes());
            let hash = format!(" 'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest));
            if !hashes.contains(&hash) {
                hashes.push(hash);
            }
        }
        hashes.concat()
    };
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{scripts}; style-src 'self'{styles}; \
         img-src 'self' data:; font-src 'self'; connect-src 'self'{token}; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        scripts = hashes("script"),
        styles = hashes("style"),
        token = token_origin.map(|origin| format!(" {origin}")).unwrap_or_default()
    )
}

/// `scheme://host[:port]` of an http(s) URL.
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split('/').next()?;
    (matches!(scheme, "http" | "https") && !host.is_empty()).then(|| format!("{scheme}://{host}"))
}

/// The bodies of `<tag>` elements (`script`, `style`) that have content (not a script with only a
/// `src`).
fn inline_bodies<'a>(html: &'a str, tag: &str) -> impl Iterator<Item = &'a str> {
    let close = format!("</{tag}>");
    let open = format!("<{tag}");
    let parts: Vec<&'a str> = html.split(open.as_str()).skip(1).collect();
    parts.into_iter().filter_map(move |rest| {
        let body_start = rest.find('>')? + 1;
        let body_end = rest.find(close.as_str())?;
        let body = rest.get(body_start..body_end)?;
        (!body.trim().is_empty()).then_some(body)
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inline_scripts_are_allowed_by_hash_and_nothing_else_inline() {
        let html = r#"<script src="/a.js"></script><script type="module">import init from '/app.js';init();</script>"#;
        let policy = content_security_policy(html, None);
        let digest = Sha256::digest(b"import init from '/app.js';init();");
        let expected = base64::engine::general_purpose::STANDARD.encode(digest);
        assert!(policy.contains(&format!("'sha256-{expected}'")), "{policy}");
        assert_eq!(policy.matches("sha256-").count(), 1);
        assert!(!policy.contains("unsafe-inline"));
        assert!(
            content_security_policy(html, Some("https://wgll.auth.eu-west-2.amazoncognito.com"))
                .contains("connect-src 'self' https://wgll.auth.eu-west-2.amazoncognito.com;")
        );
        assert_eq!(origin("https://a.example/oauth2/token").as_deref(), Some("https://a.example"));
        assert_eq!(origin("javascript:alert(1)"), None);
    }

    #[test]
    fn inline_stylesheets_are_allowed_by_hash() {
        let html = "<style>body{margin:0}</style><script>start()</script><style></style>";
        let policy = content_security_policy(html, None);
        let style = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"body{margin:0}"));
        let script = base64::engine::general_purpose::STANDARD.encode(Sha256::digest(b"start()"));
        assert!(policy.contains(&format!("style-src 'self' 'sha256-{style}';")), "{policy}");
        assert!(policy.contains(&format!("'wasm-unsafe-eval' 'sha256-{script}';")), "{policy}");
        assert_eq!(policy.matches("sha256-").count(), 2, "an empty element needs no hash");
        // Two pages (the loading page and the assessment form's) with the same stylesheet and
        // start-up scripts of their own: each hash once.
        let two_pages = format!("{html}<style>body{{margin:0}}</style><script>start_assessment()</script>");
        let policy = content_security_policy(&two_pages, None);
        assert_eq!(policy.matches(&format!("'sha256-{style}'")).count(), 1, "{policy}");
        assert_eq!(policy.matches("sha256-").count(), 3, "{policy}");
    }

    #[test]
    fn hashed_files_are_kept_for_a_year_pages_checked_every_time_and_the_rest_a_day() {
        let year = "public, max-age=31536000, immutable";
        assert_eq!(cache_policy("/wgll-frontend-fcb7ad552fabbab0_bg.wasm", false), year);
        assert_eq!(cache_policy("/wgll-frontend-fcb7ad552fabbab0.js", false), year);
        assert_eq!(cache_policy("/style-cb80addcdba1043c.css", false), year);
        assert_eq!(cache_policy("/reviews/3f2a", true), "no-cache");
        assert_eq!(cache_policy("/", true), "no-cache");
        assert_eq!(cache_policy("/index.html", false), "no-cache");
        assert_eq!(cache_policy("/nhsuk-public.css", false), "public, max-age=86400");
        assert_eq!(cache_policy("/assets/favicons/favicon.ico", false), "public, max-age=86400");
        // A hash with a leading zero dropped.
        assert_eq!(cache_policy("/style-6d366a783ca6b33.css", false), year);
        // Not a hash.
        assert_eq!(cache_policy("/style-cb80addc.css", false), "public, max-age=86400");
        assert_eq!(cache_policy("/style-cb80addcdba1043g.css", false), "public, max-age=86400");
    }

    #[test]
    fn a_path_whose_last_segment_has_no_extension_is_a_route() {
        assert!(is_route("/"));
        assert!(is_route("/reviews/3f2a/measures/1"));
        assert!(is_route("/sign-in"));
        assert!(!is_route("/wgll-frontend-fcb7ad552fabbab0.js"));
        assert!(!is_route("/assets/logos/logo.svg"));
    }
}
