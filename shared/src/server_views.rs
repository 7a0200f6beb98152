//! Which of the browser app's pages are the server's view of their own address (`/api/views` + the
//! address, rendered by `functions/src/views/`). The app's router shows them (`frontend/src/lib.rs`),
//! and the page the server sends for them starts fetching that view at once, before the app's
//! WebAssembly has arrived (`functions/src/first_views.rs`), so they paint without waiting for it.

/// The pages that are a server view for someone signed in, by the pattern of their path (`:name`
/// segments match any one segment), a fixed path before a pattern that would match it
/// (`/organisations/new` before `/organisations/:ods`). The router tries these before the app's
/// own pages.
pub const SIGNED_IN: &[&str] = &[
    "/organisations",
    "/organisations/new",
    "/organisations/:ods",
    "/organisations/:ods/comparison",
    "/organisations/:ods/digital-services",
    "/organisations/:ods/digital-services/:service",
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
    "/reviews/import",
    "/reviews/:id",
    "/reviews/:id/report",
    "/reviews/:id/acceptance",
    "/reviews/:id/reviewers",
    "/reviews/:id/validation",
    "/reviews/:id/provisional",
    "/reviews/:id/peers",
];

/// Whether `path` (without its query) is one of the [`SIGNED_IN`] pages.
pub fn is_signed_in_view(path: &str) -> bool {
    SIGNED_IN.iter().any(|pattern| matches(pattern, path))
}

/// The assessment form's page: the one page that is a bundle of its own (`frontend/assessment.html`,
/// `frontend/src/bin/assessment.rs`), downloaded only when it is opened, so the rest of the app's
/// download does not carry it. The server sends it its own loading page
/// (`functions/src/first_views.rs`), and each app leaves the other's links to the browser.
pub const ASSESSMENT_FORM: &str = "/reviews/:id/measures/:number";

/// Whether `path` (without its query) is the assessment form's page.
pub fn is_assessment_form(path: &str) -> bool {
    matches(ASSESSMENT_FORM, path)
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
    fn only_a_measure_of_a_review_is_the_assessment_forms_page() {
        for page in ["/reviews/0a1b/measures/1", "/reviews/0a1b/measures/7/"] {
            assert!(is_assessment_form(page), "{page}");
        }
        for page in [
            "/reviews/0a1b",
            "/reviews/0a1b/measures",
            "/reviews/0a1b/measures/1/more",
            "/reviews//measures/1",
        ] {
            assert!(!is_assessment_form(page), "{page}");
        }
    }

    #[test]
    fn the_server_views_are_the_pages_listed_and_no_others() {
        for page in [
            "/organisations/new",
            "/organisations/RJ1",
            "/organisations/RJ1/digital-services/nhs-app",
            "/reviews/import",
            "/reviews/0a1b",
            "/reviews/0a1b/report",
        ] {
            assert!(is_signed_in_view(page), "{page}");
        }
        for page in ["/", "/sign-in", "/framework", "/reviews/0a1b/measures/1"] {
            assert!(!is_signed_in_view(page), "{page}");
        }
    }
}
