//! The public, citizen-facing pages of the digital offer, rendered on the server as plain NHS.UK
//! HTML: no sign-in, no JavaScript, a few kilobytes each, so they are quick on a slow connection and
//! work with any browser, keyboard or screen reader. They read through the same functions as the
//! `/api/public` endpoints, which give only live and pilot services and nothing internal.
//!
//! - `/digital-services`: find an organisation by name, town or ODS code, or browse by ICS.
//! - `/digital-services/ics/{ics}`: an ICS's organisations.
//! - `/digital-services/{ods}`: what can be done online with one organisation, and where.

use crate::app::offers::{PUBLIC_CACHE, find_public_organisations, public_ics, public_offer, public_systems};
use crate::app::{App, AppError};
use axum::Router;
use axum::extract::{Path, RawQuery, State};
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use wgll_shared::offer::{PublicOrganisation, channels_in_words};

/// The stylesheet the pages use: NHS.UK frontend's, trimmed to the rules this file's markup can use
/// and copied by trunk into the app's files under a name that does not change between builds
/// (`frontend/Trunk.toml`, `frontend/index.html`).
const STYLESHEET: &str = "/nhsuk-public.css";

/// No scripts at all; styles and images only from here; fonts from the NHS font host.
const POLICY: &str = "default-src 'none'; style-src 'self'; img-src 'self' data:; \
                      font-src 'self' https://assets.nhs.uk; form-action 'self'; base-uri 'none'; \
                      frame-ancestors 'none'";

pub fn router(app: App) -> Router {
    Router::new()
        .route("/digital-services", get(find_page))
        .route("/digital-services/ics/{ics}", get(ics_page))
        .route("/digital-services/{ods}", get(organisation_page))
        .with_state(app)
}

/// Text made safe to put in HTML, as element content or a quoted attribute.
fn escape(text: &str) -> String {
    let mut escaped = String::with_capacity(text.len());
    for character in text.chars() {
        match character {
            '&' => escaped.push_str("&amp;"),
            '<' => escaped.push_str("&lt;"),
            '>' => escaped.push_str("&gt;"),
            '"' => escaped.push_str("&quot;"),
            '\'' => escaped.push_str("&#39;"),
            other => escaped.push(other),
        }
    }
    escaped
}

/// A path segment made safe for a URL (ODS codes are letters and digits already).
fn segment(text: &str) -> String {
    text.chars().filter(char::is_ascii_alphanumeric).collect()
}

/// A whole page in the NHS.UK layout. `main` is already-escaped HTML.
fn page(status: StatusCode, title: &str, main: String) -> Response {
    let html = format!(
        r##"<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>{title} – NHS digital services</title>
<link rel="stylesheet" href="{STYLESHEET}">
</head>
<body>
<a class="nhsuk-skip-link" href="#maincontent">Skip to main content</a>
<header class="nhsuk-header" role="banner">
<div class="nhsuk-header__container nhsuk-width-container">
<div class="nhsuk-header__service">
<a class="nhsuk-header__service-logo" href="/digital-services" aria-label="Find NHS digital services homepage">
<svg class="nhsuk-header__logo" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80" height="40" width="100" focusable="false" role="img" aria-label="NHS"><title>NHS</title><path fill="currentcolor" d="M200 0v80H0V0h200Zm-27.5 5.5c-14.5 0-29 5-29 22 0 10.2 7.7 13.5 14.7 16.3l.7.3c5.4 2 10.1 3.9 10.1 8.4 0 6.5-8.5 7.5-14 7.5s-12.5-1.5-16-3.5L135 70c5.5 2 13.5 3.5 20 3.5 15.5 0 32-4.5 32-22.5 0-19.5-25.5-16.5-25.5-25.5 0-5.5 5.5-6.5 12.5-6.5a35 35 0 0 1 14.5 3l4-13.5c-4.5-2-12-3-20-3Zm-131 2h-22l-14 65H22l9-45h.5l13.5 45h21.5l14-65H64l-9 45h-.5l-13-45Zm63 0h-18l-13 65h17l6-28H117l-5.5 28H129l13.5-65H125L119.5 32h-20l5-24.5Z"></path></svg>
<span class="nhsuk-header__service-name">Find NHS digital services</span>
</a>
</div>
</div>
</header>
<div class="nhsuk-width-container">
<main class="nhsuk-main-wrapper" id="maincontent" tabindex="-1">
{main}
</main>
</div>
<footer role="contentinfo">
<div class="nhsuk-footer"><div class="nhsuk-width-container">
<p class="nhsuk-body-s">What NHS organisations offer online, as they record it. Staff: <a class="nhsuk-footer__list-item-link" href="/">sign in to the peer review service</a>.</p>
</div></div>
</footer>
</body>
</html>
"##,
        title = escape(title)
    );
    let mut response = (status, html).into_response();
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    headers.insert(header::CONTENT_SECURITY_POLICY, HeaderValue::from_static(POLICY));
    let cache = if status.is_success() { PUBLIC_CACHE } else { "no-store" };
    headers.insert(header::CACHE_CONTROL, HeaderValue::from_static(cache));
    response
}

/// An error as a page: what went wrong and where to go next.
fn problem_page(error: AppError) -> Response {
    let (status, title, message) = match &error {
        AppError::NotFound(message) => (StatusCode::NOT_FOUND, "Page not found", message.clone()),
        AppError::Unavailable(_) => (
            StatusCode::SERVICE_UNAVAILABLE,
            "Sorry, there is a problem with the service",
            "Try again in a few minutes.".to_owned(),
        ),
        _ => {
            tracing::error!(%error, "a public page failed");
            (
                StatusCode::INTERNAL_SERVER_ERROR,
                "Sorry, there is a problem with the service",
                "Try again later.".to_owned(),
            )
        }
    };
    let main = format!(
        r#"<h1>{title}</h1><p>{}</p><p><a href="/digital-services">Find digital services</a></p>"#,
        escape(&message)
    );
    let mut response = page(status, title, main);
    if status == StatusCode::SERVICE_UNAVAILABLE {
        response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("2"));
    }
    response
}

fn organisation_item(organisation: &PublicOrganisation) -> String {
    let details: Vec<String> = [organisation.town.clone(), organisation.ods_code.to_string()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect();
    format!(
        r#"<li><a href="/digital-services/{}">{}</a><br><span class="nhsuk-body-s">{}</span></li>"#,
        segment(organisation.ods_code.as_str()),
        escape(&organisation.name),
        escape(&details.join(", "))
    )
}

/// The `search` parameter of a query string, decoded (`+` and `%XX`).
fn search_parameter(query: Option<&str>) -> Option<String> {
    let query = query?;
    let value = query.split('&').find_map(|pair| pair.strip_prefix("search="))?;
    let bytes = value.replace('+', " ").into_bytes();
    let mut decoded = Vec::with_capacity(bytes.len());
    let mut index = 0;
    while index < bytes.len() {
        let hex = bytes.get(index + 1..index + 3).and_then(|pair| std::str::from_utf8(pair).ok());
        match (bytes[index], hex.and_then(|hex| u8::from_str_radix(hex, 16).ok())) {
            (b'%', Some(byte)) => {
                decoded.push(byte);
                index += 3;
            }
            (byte, _) => {
                decoded.push(byte);
                index += 1;
            }
        }
    }
    Some(String::from_utf8_lossy(&decoded).into_owned())
}

async fn find_page(State(app): State<App>, RawQuery(query): RawQuery) -> Response {
    let search = search_parameter(query.as_deref());
    let mut status = StatusCode::OK;
    let mut error = None;
    let results = match search.as_deref() {
        None => String::new(),
        Some(search) => match find_public_organisations(&app, None, search).await {
            Ok(found) => {
                let count = match found.len() {
                    0 => format!(
                        "No organisations match “{}”. Check the spelling, or try a town.",
                        search.trim()
                    ),
                    1 => format!("1 organisation matches “{}”", search.trim()),
                    many => format!("{many} organisations match “{}”", search.trim()),
                };
                let items: String = found.iter().map(organisation_item).collect();
                format!(
                    r#"<h2 id="results-heading">Results</h2><p id="results-count">{}</p><ul class="nhsuk-list" aria-labelledby="results-heading">{items}</ul>"#,
                    escape(&count)
                )
            }
            Err(AppError::Invalid(errors)) => {
                status = StatusCode::UNPROCESSABLE_ENTITY;
                error = errors.into_iter().next().map(|error| error.message);
                String::new()
            }
            Err(other) => return problem_page(other),
        },
    };
    let systems = match public_systems(&app, None).await {
        Ok(systems) if systems.is_empty() => {
            "<p>No Integrated Care Systems have been added yet.</p>".to_owned()
        }
        Ok(systems) => {
            let items: String = systems
                .iter()
                .map(|system| {
                    format!(
                        r#"<li><a href="/digital-services/ics/{}">{}</a></li>"#,
                        segment(system.ods_code.as_str()),
                        escape(&system.name)
                    )
                })
                .collect();
            format!(r#"<ul class="nhsuk-list" id="systems">{items}</ul>"#)
        }
        Err(other) => return problem_page(other),
    };
    let value = escape(search.as_deref().unwrap_or_default());
    let (summary, group_class, message, described_by) = match &error {
        Some(message) => (
            format!(
                r##"<div class="nhsuk-error-summary" aria-labelledby="error-summary-title" role="alert" tabindex="-1"><h2 class="nhsuk-error-summary__title" id="error-summary-title">There is a problem</h2><div class="nhsuk-error-summary__body"><ul class="nhsuk-list nhsuk-error-summary__list"><li><a href="#search">{0}</a></li></ul></div></div>"##,
                escape(message)
            ),
            " nhsuk-form-group--error",
            format!(
                r#"<span class="nhsuk-error-message" id="search-error"><span class="nhsuk-u-visually-hidden">Error: </span>{}</span>"#,
                escape(message)
            ),
            "search-hint search-error",
        ),
        None => (String::new(), "", String::new(), "search-hint"),
    };
    let main = format!(
        r#"{summary}<h1>Find digital services from your NHS organisation</h1>
<p class="nhsuk-lede-text">See what you can do online with a hospital or other NHS organisation: book appointments, see test results, order medicines and more, and where to do it.</p>
<form action="/digital-services" method="get" role="search" novalidate>
<div class="nhsuk-form-group{group_class}">
<label class="nhsuk-label nhsuk-label--s" for="search">Organisation name, town or ODS code</label>
<div class="nhsuk-hint" id="search-hint">For example, Leeds or RR8</div>
{message}
<input class="nhsuk-input nhsuk-u-width-two-thirds" id="search" name="search" type="search" autocomplete="off" aria-describedby="{described_by}" value="{value}">
</div>
<button class="nhsuk-button" type="submit">Search</button>
</form>
{results}
<h2>Browse by Integrated Care System</h2>
{systems}"#
    );
    let title = if error.is_some() { "Error: Find digital services" } else { "Find digital services" };
    page(status, title, main)
}

async fn ics_page(State(app): State<App>, Path(ics): Path<String>) -> Response {
    let system = match public_ics(&app, None, &ics).await {
        Ok(system) => system,
        Err(error) => return problem_page(error),
    };
    let items: String = system
        .organisations
        .iter()
        .map(|member| {
            let online = match member.services_online {
                0 => "No online services recorded yet".to_owned(),
                1 => "1 service online".to_owned(),
                many => format!("{many} services online"),
            };
            format!(
                r#"<li><a href="/digital-services/{}">{}</a><br><span class="nhsuk-body-s">{online}</span></li>"#,
                segment(member.organisation.ods_code.as_str()),
                escape(&member.organisation.name)
            )
        })
        .collect();
    let main = format!(
        r#"<div class="nhsuk-back-link"><a class="nhsuk-back-link__link" href="/digital-services">Find digital services</a></div>
<h1>{name}</h1>
<p>Choose an organisation to see what you can do online there.</p>
<ul class="nhsuk-list" id="members">{items}</ul>"#,
        name = escape(&system.ics.name)
    );
    page(StatusCode::OK, &system.ics.name, main)
}

async fn organisation_page(State(app): State<App>, Path(ods): Path<String>) -> Response {
    let offer = match public_offer(&app, None, &ods).await {
        Ok(offer) => offer,
        Err(error) => return problem_page(error),
    };
    let organisation = &offer.organisation;
    let caption: Vec<&str> = [organisation.town.as_str(), organisation.kind.as_str()]
        .into_iter()
        .filter(|part| !part.is_empty())
        .collect();
    let name = escape(&organisation.name);
    let services = if offer.services.is_empty() {
        r#"<p id="no-services">This organisation has not told us about any services you can use online yet. Contact it directly to find out how to book appointments or get your results.</p>"#.to_owned()
    } else {
        let lede = match offer.services.len() {
            1 => format!("You can do 1 thing online with {name}."),
            many => format!("You can do {many} things online with {name}."),
        };
        let cards: String = offer
            .services
            .iter()
            .map(|service| {
                let pilot = if service.pilot {
                    r#"<p class="nhsuk-body-s"><strong class="nhsuk-tag nhsuk-tag--blue">Being tried out</strong> It may not be available to everyone yet.</p>"#
                } else {
                    ""
                };
                format!(
                    r#"<li class="nhsuk-card"><div class="nhsuk-card__content"><h2 class="nhsuk-card__heading nhsuk-heading-m">{}</h2><p class="nhsuk-card__description">{}</p><p class="nhsuk-body-s"><strong>Where: </strong>{}</p>{pilot}</div></li>"#,
                    escape(&service.name),
                    escape(&service.description),
                    escape(&channels_in_words(&service.channels))
                )
            })
            .collect();
        format!(r#"<p class="nhsuk-lede-text">{lede}</p><ul class="nhsuk-list" id="services">{cards}</ul>"#)
    };
    let browse = organisation
        .ics_code
        .as_ref()
        .map(|ics| {
            format!(
                r#"<p><a href="/digital-services/ics/{}">Other organisations in this area</a></p>"#,
                segment(ics.as_str())
            )
        })
        .unwrap_or_default();
    let main = format!(
        r#"<div class="nhsuk-back-link"><a class="nhsuk-back-link__link" href="/digital-services">Find digital services</a></div>
<span class="nhsuk-caption-l">{caption}</span>
<h1>{name}</h1>
{services}
{browse}
<p class="nhsuk-body-s">If you cannot or would rather not go online, you can still contact the organisation by phone, by post or in person.</p>"#,
        caption = escape(&caption.join(" · "))
    );
    page(StatusCode::OK, &organisation.name, main)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_is_escaped_and_paths_keep_only_letters_and_digits() {
        assert_eq!(
            escape(r#"<script>"a" & 'b'</script>"#),
            "&lt;script&gt;&quot;a&quot; &amp; &#39;b&#39;&lt;/script&gt;"
        );
        assert_eq!(segment("RR8\"><x"), "RR8x");
    }

    #[test]
    fn the_search_parameter_is_decoded() {
        assert_eq!(search_parameter(Some("search=St+Mary%E2%80%99s")).as_deref(), Some("St Mary’s"));
        assert_eq!(search_parameter(Some("x=1&search=rr8")).as_deref(), Some("rr8"));
        assert_eq!(search_parameter(Some("search=100%")).as_deref(), Some("100%"));
        assert_eq!(search_parameter(None), None);
    }
}
