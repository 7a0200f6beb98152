//! Serves the built browser app (`frontend/dist`) beside the API for the local server, with a
//! strict Content-Security-Policy. (In AWS, CloudFront serves the app with the same headers.)

use axum::Router;
use axum::http::{HeaderValue, header};
use base64::Engine;
use sha2::{Digest, Sha256};
use std::path::Path;
use tower_http::services::{ServeDir, ServeFile};
use tower_http::set_header::SetResponseHeaderLayer;

/// Adds the app to `api`: files from `dist`, and `index.html` for every other path so deep links
/// and reloads of client-side routes work.
pub fn with_frontend(api: Router, dist: &Path, auth: &crate::auth::Auth) -> Router {
    let index = dist.join("index.html");
    // With Cognito's hosted sign-in the app fetches its tokens from Cognito's token endpoint.
    let token_origin = auth.hosted.as_ref().and_then(|hosted| origin(&hosted.token_url));
    let csp = content_security_policy(
        &std::fs::read_to_string(&index).unwrap_or_default(),
        token_origin.as_deref(),
    );
    let csp = HeaderValue::from_str(&csp).unwrap_or_else(|_| HeaderValue::from_static("default-src 'self'"));
    let app = Router::new()
        .fallback_service(ServeDir::new(dist).fallback(ServeFile::new(index)))
        .layer(SetResponseHeaderLayer::if_not_present(header::CONTENT_SECURITY_POLICY, csp))
        .layer(crate::router::security_headers());
    api.merge(app)
}

/// The policy for the app: only our own files, plus the hashes of the inline start-up scripts
/// trunk writes into `index.html` (so no `'unsafe-inline'` is needed). `'wasm-unsafe-eval'`
/// lets the page compile its WebAssembly; the NHS fonts come from assets.nhs.uk.
pub fn content_security_policy(index_html: &str, token_origin: Option<&str>) -> String {
    let hashes: String = inline_scripts(index_html)
        .map(|script| {
            let digest = Sha256::digest(script.as_bytes());
            format!(" 'sha256-{}'", base64::engine::general_purpose::STANDARD.encode(digest))
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{hashes}; style-src 'self'; \
         img-src 'self' data:; font-src 'self' https://assets.nhs.uk; connect-src 'self'{token}; \
         object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'",
        token = token_origin.map(|origin| format!(" {origin}")).unwrap_or_default()
    )
}

/// `scheme://host[:port]` of an http(s) URL.
fn origin(url: &str) -> Option<String> {
    let (scheme, rest) = url.split_once("://")?;
    let host = rest.split('/').next()?;
    (matches!(scheme, "http" | "https") && !host.is_empty()).then(|| format!("{scheme}://{host}"))
}

/// The bodies of `<script>` elements that have content (not those with only a `src`).
fn inline_scripts(html: &str) -> impl Iterator<Item = &str> {
    html.split("<script").skip(1).filter_map(|rest| {
        let body_start = rest.find('>')? + 1;
        let body_end = rest.find("</script>")?;
        let body = &rest[body_start..body_end];
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
}
