//! Which of the browser app's pages are the server's view of their own address (`/api/views` + the
//! address, rendered by `functions/src/views/`). The app's router shows them (`frontend/src/lib.rs`),
//! and the page the server sends for them starts fetching that view at once, before the app's
//! WebAssembly has arrived (`functions/src/first_views.rs`), so they paint without waiting for it.

/// The pages that are a server view for someone signed in, by the pattern of their path (`:name`
/// segments match any one segment). The router tries these before the app's own pages, so a fixed
/// path here (`/organisations/new`) wins over an app page's pattern (`/organisations/:ods`).
pub const SIGNED_IN: &[&str] = &[
    "/organisations",
    "/organisations/new",
    "/organisations/:ods",
    "/organisations/:ods/comparison",
    "/organisations/:ods/digital-services",
    "/organisations/:ods/outcomes",
    "/organisations/:ods/funding",
    "/organisations/:ods/evidence/:period",
    "/organisations/:ods/tech-spend",
    "/organisations/:ods/bids",
    "/organisations/:ods/bids/:id",
    "/organisations/:ods/benefits",
    "/ics/:ics/digital-services",
    "/ics/:ics/dashboard",
    "/ics/:ics/trends",
    "/ics/:ics/actions",
    "/ics/:ics/funding",
    "/ics/:ics/tech-spend",
    "/ics/:ics/benefits",
    "/levelling-up",
    "/rounds",
    "/rounds/:period/progress",
    "/validation",
    "/my-work",
    "/funding",
    "/funding/:fund",
    "/review-board",
    "/review-board/fairness",
    "/review-board/:ods/:id",
    // The administrators' funding setup pages.
    "/funding-setup/new-fund",
    "/funding-setup/funds/:fund",
    "/funding-setup/funds/:fund/allocation",
    "/funding-setup/populations",
    "/funding-setup/envelopes",
    "/funding-setup/ics/:ics/split",
    "/funding-setup/settings",
    "/reviews/:id/report",
    "/reviews/:id/acceptance",
    "/reviews/:id/reviewers",
    "/reviews/:id/validation",
    "/reviews/:id/provisional",
    "/reviews/:id/peers",
];

/// Server views the router tries after the app's own pages, as one of those matches a pattern
/// here and comes first ([`APP_PAGES_FIRST`]).
pub const AFTER_APP_PAGES: &[&str] = &["/reviews/:id"];

/// The app's own pages that a pattern of [`AFTER_APP_PAGES`] would match, which come before it.
pub const APP_PAGES_FIRST: &[&str] = &["/reviews/import"];

/// Whether the page at `path` (without its query) shows the server's view of its address, for
/// someone signed in: what the page the server sends fetches at once.
pub fn shows_view(path: &str) -> bool {
    let matching = |patterns: &[&str]| patterns.iter().any(|pattern| matches(pattern, path));
    matching(SIGNED_IN) || (matching(AFTER_APP_PAGES) && !matching(APP_PAGES_FIRST))
}

/// Whether `path` (without its query) is one of the [`SIGNED_IN`] pages.
pub fn is_signed_in_view(path: &str) -> bool {
    SIGNED_IN.iter().any(|pattern| matches(pattern, path))
}

/// Whether `path` matches `pattern`: the same segments, each `:name` one matching any non-empty
/// segment. (A trailing slash is ignored, as the app's router ignores it.)
pub fn matches(pattern: &str, path: &str) -> bool {
    let path = if path.len() > 1 { path.trim_end_matches('/') } else { path };
    let (mut wanted, mut given) = (pattern.split('/'), path.split('/'));
    loop {
        match (wanted.next(), given.next()) {
            (None, None) => return true,
            (Some(want), Some(give)) if want == give || (want.starts_with(':') && !give.is_empty()) => {}
            _ => return false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_path_matches_a_pattern_segment_by_segment() {
        assert!(matches("/ics/:ics/dashboard", "/ics/QWO/dashboard"));
        assert!(matches("/ics/:ics/dashboard", "/ics/QWO/dashboard/"));
        assert!(!matches("/ics/:ics/dashboard", "/ics//dashboard"));
        assert!(!matches("/ics/:ics/dashboard", "/ics/QWO/trends"));
        assert!(!matches("/ics/:ics/dashboard", "/ics/QWO/dashboard/more"));
        assert!(!matches("/ics/:ics/dashboard", "/ics/QWO"));
        assert!(matches("/organisations", "/organisations"));
    }

    #[test]
    fn the_pages_the_app_draws_itself_are_not_server_views() {
        assert!(is_signed_in_view("/organisations/new"));
        assert!(is_signed_in_view("/organisations/RJ1"));
        assert!(is_signed_in_view("/reviews/0a1b/report"));
        assert!(shows_view("/reviews/0a1b"));
        assert!(shows_view("/ics/QWO/dashboard"));
        assert!(!shows_view("/reviews/import"));
        assert!(!shows_view("/reviews/0a1b/measures/1"));
        for page in [
            "/",
            "/sign-in",
            "/framework",
            "/reviews/0a1b",
            "/reviews/import",
            "/reviews/0a1b/measures/1",
            "/organisations/RJ1/digital-services/nhs-app",
        ] {
            assert!(!is_signed_in_view(page), "{page}");
        }
    }
}
