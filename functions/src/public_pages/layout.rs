//! What every public page shares: the NHS.UK header and footer around the page's own content.

use maud::{DOCTYPE, Markup, html};
use wgll_shared::organisation::OdsCode;

/// The stylesheet the pages use: NHS.UK frontend's, trimmed to the rules these pages' markup can
/// use and copied by trunk into the app's files under a name that does not change between builds
/// (`frontend/Trunk.toml`, `frontend/index.html`).
const STYLESHEET: &str = "/nhsuk-public.css";

/// The NHS logo's outline, from NHS.UK frontend's header.
pub const NHS_LOGO: &str = "M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z";

/// A whole page: `title` (before the service's name) and `main`, the page's own content.
pub fn page(title: &str, main: Markup) -> Markup {
    html! {
        (DOCTYPE)
        html lang="en" {
            head {
                meta charset="utf-8";
                meta name="viewport" content="width=device-width, initial-scale=1";
                title { (title) " – NHS digital services" }
                link rel="stylesheet" href=(STYLESHEET);
            }
            body {
                a class="nhsuk-skip-link" href="#maincontent" { "Skip to main content" }
                header class="nhsuk-header" role="banner" {
                    div class="nhsuk-header__container nhsuk-width-container" {
                        div class="nhsuk-header__service" {
                            a class="nhsuk-header__service-logo" href="/digital-services" aria-label="Find NHS digital services homepage" {
                                svg class="nhsuk-header__logo" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80" height="40" width="100" focusable="false" role="img" aria-label="NHS" {
                                    title { "NHS" }
                                    path fill="currentcolor" d=(NHS_LOGO) {}
                                }
                                span class="nhsuk-header__service-name" { "Find NHS digital services" }
                            }
                        }
                    }
                }
                div class="nhsuk-width-container" {
                    main class="nhsuk-main-wrapper" id="maincontent" tabindex="-1" { (main) }
                }
                footer role="contentinfo" {
                    div class="nhsuk-footer" {
                        div class="nhsuk-width-container" {
                            p class="nhsuk-body-s" {
                                "What NHS organisations offer online, as they record it. Staff: "
                                a class="nhsuk-footer__list-item-link" href="/" { "sign in to the peer review service" }
                                "."
                            }
                        }
                    }
                }
            }
        }
    }
}

/// Back to the search, at the top of every page but the search itself.
pub fn back_link() -> Markup {
    html! {
        div class="nhsuk-back-link" {
            a class="nhsuk-back-link__link" href="/digital-services" { "Find digital services" }
        }
    }
}

// An ODS code is letters and digits (`OdsCode::parse` refuses anything else), so it goes into a
// path as it is, with nothing to encode.

/// The address of an organisation's page.
pub fn organisation_address(ods: &OdsCode) -> String {
    format!("/digital-services/{ods}")
}

/// The address of an ICS's page.
pub fn ics_address(ods: &OdsCode) -> String {
    format!("/digital-services/ics/{ods}")
}
