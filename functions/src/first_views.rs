//! The browser app's first views: what each of its pages shows before the app's WebAssembly has
//! downloaded and started, written into the app's HTML at build time (`bin/first_views.rs`, run
//! by `make frontend`), so a page paints at once.
//!
//! The pages anyone can open without signing in (home, framework, sign-in) are here in full, in
//! the markup the app itself renders for them (`frontend/src/pages/`, and for the framework the
//! server's own view of it, `views::framework`, which the app adopts), signed out. The sign-in
//! page has two: the hosted sign-in's button (the live service) and the development sign-in's
//! form (a developer's machine). Every other page gets the NHS.UK header and a loading state, and
//! a page that is the server's view of its address fetches that view at once ([`VIEW_FETCH`]).
//! When the app starts it replaces the first view
//! with its own rendering in the same task (`frontend/src/main.rs`), so nothing paints in between:
//! no flash and no layout shift. The browser tests check that the two renderings are the same.
//!
//! The server sends `pages/<name>.html` for each client-side route (`web.rs` locally, the
//! CloudFront function in `infra/template.yaml` in AWS): [`FIRST_VIEWS`] lists them; the
//! assessment form's page, a bundle of its own, is sent [`ASSESSMENT`].

use maud::{Markup, html};

/// The folder of `frontend/dist` the first views are written to.
pub const FOLDER: &str = "pages";

/// The page every client-side route not in [`FIRST_VIEWS`] is sent as: the header and a
/// loading state.
pub const LOADING: &str = "loading";

/// The routes with a first view of their own, and the file (in [`FOLDER`], `.html`) each is in.
pub const FIRST_VIEWS: [(&str, &str); 3] =
    [("/", "home"), ("/framework", "framework"), ("/sign-in", "sign-in")];

/// The sign-in page's first view on a developer's machine (the server has no hosted sign-in, so
/// it offers the development sign-in): sent instead of `sign-in` by the local server (`web.rs`),
/// never uploaded to AWS (`scripts/deploy.sh`).
pub const DEVELOPMENT_SIGN_IN: &str = "sign-in-development";

/// The page the assessment form's route (`wgll_shared::server_views::ASSESSMENT_FORM`) is sent
/// as: the header and a loading state, starting the assessment form's own bundle (made from its
/// start-up page, `assessment.html` in the build: [`render_assessment`]).
pub const ASSESSMENT: &str = "assessment";

/// The file name (in [`FOLDER`]) the server sends for the client-side route `path`.
pub fn file_for(path: &str) -> &'static str {
    if wgll_shared::server_views::is_assessment_form(path) {
        return ASSESSMENT;
    }
    FIRST_VIEWS.iter().find(|(route, _)| *route == path).map_or(LOADING, |(_, file)| file)
}

/// The assessment form's first view, made from its bundle's start-up page (`template`): the
/// header and a loading state.
pub fn render_assessment(template: &str) -> Result<String, String> {
    fill(template, "Loading", &layout("", loading("the assessment")))
}

/// Every first view: (file name without `.html`, the whole page), made from trunk's `index.html`
/// (`template`), whose head names the app's files and whose `<div id="app">` the view goes into.
pub fn render_all(template: &str) -> Result<Vec<(&'static str, String)>, String> {
    let mut pages = Vec::new();
    for (path, file) in FIRST_VIEWS {
        let (title, main) = match file {
            "home" => ("Home", home()),
            "framework" => ("The framework", server_view(crate::views::framework::render()?)),
            _ => ("Sign in", sign_in_hosted()),
        };
        pages.push((file, fill(template, title, &layout(path, main))?));
    }
    pages.push((DEVELOPMENT_SIGN_IN, fill(template, "Sign in", &layout("/sign-in", sign_in_development()))?));
    let loading_page = fill(template, "Loading", &layout("", loading("the page")))?;
    pages.push((LOADING, with_view_fetch(&loading_page)?));
    Ok(pages)
}

/// The script the loading page starts with (first in its head, so it runs before trunk's, which
/// starts the app once `shown` has settled: the app's download never competes with the view's; the
/// server's Content-Security-Policy allows it by hash, as it does trunk's). On a page that is the
/// server's view of its address
/// (`wgll_shared::server_views::SIGNED_IN`), for someone signed in, it fetches that view with
/// their token at once and paints it in place of the loading state, so the page shows while the
/// app's WebAssembly is still on its way. It leaves the answer in `window.wgllFirstView` for the
/// app, which takes over the painted view, or awaits the answer if it starts first
/// (`frontend/src/server_view.rs`): the view is fetched once either way.
const VIEW_FETCH: &str = r#"<script type="module">
const views = VIEWS;
const path = location.pathname.length > 1 ? location.pathname.replace(/\/+$/, '') : location.pathname;
const matches = (pattern) => {
  const wanted = pattern.split('/'), given = path.split('/');
  return wanted.length === given.length
    && wanted.every((want, i) => want === given[i] || (want[0] === ':' && given[i] !== ''));
};
let session = null;
try { session = JSON.parse(sessionStorage.getItem('wgll.session')); } catch (e) {}
if (session && session.expiresAt > Date.now() / 1000 && views.some(matches)) {
  const address = location.pathname + location.search;
  const main = document.getElementById('maincontent');
  const answer = fetch('/api/views' + address, { headers: { Authorization: 'Bearer ' + session.token } });
  const shown = answer.then((response) => {
    const page = (response.headers.get('content-type') || '').startsWith('text/html');
    return response.ok && page ? response.clone().text() : null;
  }).then((html) => {
    if (html === null || !main || !main.isConnected) return;
    main.innerHTML = '<div class="app-server-view">' + html + '</div>';
    const titled = main.querySelector('[data-title]');
    if (titled) document.title = titled.getAttribute('data-title') + ' – WGLL peer review';
  }).catch(() => {});
  window.wgllFirstView = { address, answer, shown };
}
</script>"#;

/// `page` with [`VIEW_FETCH`] first in its head.
fn with_view_fetch(page: &str) -> Result<String, String> {
    let views =
        serde_json::to_string(wgll_shared::server_views::SIGNED_IN).map_err(|error| error.to_string())?;
    let script = VIEW_FETCH.replace("VIEWS", &views);
    let (before, after) = page.split_once("<head>").ok_or("the template has no <head>")?;
    Ok(format!("{before}<head>{script}{after}"))
}

/// `html` with each stylesheet it links (`<link rel="stylesheet" href="…">`, as trunk writes them)
/// in a `<style>` element instead, its text from `read(href)`: the page then paints without
/// waiting for another request (the server's Content-Security-Policy allows them by hash, as it
/// does the start-up script).
pub fn inline_stylesheets(
    html: &str,
    read: impl Fn(&str) -> Result<String, String>,
) -> Result<String, String> {
    const LINK: &str = r#"<link rel="stylesheet" href=""#;
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(start) = rest.find(LINK) {
        let after = &rest[start + LINK.len()..];
        let href = after.split('"').next().unwrap_or_default();
        let end = after.find('>').ok_or("a stylesheet link is not closed")?;
        let css = read(href)?;
        if css.contains("</style") {
            return Err(format!("{href} contains </style and cannot go inline"));
        }
        out.push_str(&rest[..start]);
        out.push_str("<style>");
        out.push_str(&css);
        out.push_str("</style>");
        rest = &after[end + 1..];
    }
    out.push_str(rest);
    Ok(out)
}

/// `template` with `title` in its `<title>` (as `components::set_title` writes it) and `body` in
/// its `<div id="app">`.
fn fill(template: &str, title: &str, body: &Markup) -> Result<String, String> {
    const APP: &str = r#"<div id="app">"#;
    let (head, rest) = template.split_once("<title>").ok_or("the template has no <title>")?;
    let (_, rest) = rest.split_once("</title>").ok_or("the template's <title> is not closed")?;
    let (before_app, after_app) = rest.split_once(APP).ok_or("the template has no <div id=\"app\">")?;
    let title = html! { (title) " – WGLL peer review" };
    Ok(format!("{head}<title>{}</title>{before_app}{APP}{}{after_app}", title.0, body.0))
}

/// `components::Layout` and its header, signed out, with `path`'s navigation item current.
fn layout(path: &str, main: Markup) -> Markup {
    let item = |href: &str, text: &str| {
        let current = if href == "/" { path == "/" } else { !path.is_empty() && path.starts_with(href) };
        html! {
            li class={ "nhsuk-header__navigation-item" @if current { " nhsuk-header__navigation-item--current" } } {
                a href=(href) class="nhsuk-header__navigation-link" aria-current=[current.then_some("page")] { (text) }
            }
        }
    };
    html! {
        a class="nhsuk-skip-link" href="#maincontent" { "Skip to main content" }
        header class="nhsuk-header" role="banner" {
            div class="nhsuk-header__container nhsuk-width-container" {
                div class="nhsuk-header__service" {
                    a href="/" class="nhsuk-header__service-logo" aria-label="NHS WGLL peer review homepage" {
                        svg class="nhsuk-header__logo" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 200 80" height="40" width="100" focusable="false" role="img" aria-label="NHS" {
                            title { "NHS" }
                            path fill="currentcolor" d=(crate::public_pages::layout::NHS_LOGO) {}
                        }
                        span class="nhsuk-header__service-name" { "WGLL peer review" }
                    }
                }
            }
            nav class="nhsuk-header__navigation" aria-label="Menu" {
                div class="nhsuk-header__navigation-container nhsuk-width-container" {
                    ul class="nhsuk-header__navigation-list" {
                        (item("/", "Home"))
                        (item("/framework", "Framework"))
                        (item("/organisations", "Organisations"))
                        li class="nhsuk-header__navigation-item" {
                            a class="nhsuk-header__navigation-link" href="/digital-services" rel="external" { "Digital services" }
                        }
                        (item("/sign-in", "Sign in"))
                    }
                }
            }
        }
        div class="nhsuk-width-container" {
            main class="nhsuk-main-wrapper app-wrap" id="maincontent" tabindex="-1" { (main) }
        }
        footer role="contentinfo" {
            div class="nhsuk-footer" {
                div class="nhsuk-width-container" {
                    p class="nhsuk-body-s" {
                        "Assessments against NHS England’s What Good Looks Like framework (2021). "
                        a class="nhsuk-footer__list-item-link" href="/api/openapi.json" { "API description" }
                    }
                }
            }
        }
    }
}

/// A page the server renders (`crate::views`) as the app shows it (`frontend/src/server_view.rs`),
/// which takes it over as it is when it starts, rather than fetching it again.
fn server_view(view: Markup) -> Markup {
    html! { div class="app-server-view" { (view) } }
}

/// `components::Loading`.
fn loading(what: &str) -> Markup {
    html! { p class="nhsuk-body" role="status" aria-live="polite" { "Loading " (what) "…" } }
}

/// `pages::home::Home`, signed out.
fn home() -> Markup {
    html! {
        h1 { "Peer review of digital maturity" }
        p class="nhsuk-lede-text" {
            "Record and agree peer reviews of NHS organisations and Integrated Care Systems against NHS England’s "
            "What Good Looks Like framework."
        }
        p {
            "The framework sets out what good digital practice looks like under 7 success measures: well led, "
            "smart foundations, safe practice, support people, empower citizens, improve care and healthy populations. "
            "Reviewers score each measure from 1 to 5, with the evidence for it, year on year."
        }
        ul class="nhsuk-list" {
            li { a href="/framework" { "Read the framework" } }
            li { a href="/organisations" { "Organisations and their reviews" } }
            li { a href="/digital-services" rel="external" { "Find the digital services an NHS organisation offers" } " (no sign-in needed)" }
        }
        a href="/sign-in" class="nhsuk-button" { "Sign in" }
    }
}

/// `pages::sign_in::SignIn` as it starts, before the app has started: the development sign-in's
/// form (on a developer's machine, where the server has no hosted sign-in), as
/// `DevelopmentSignIn` renders it with nothing typed yet.
fn sign_in_development() -> Markup {
    let field = |id: &str, label: &str, hint: Option<&str>, width: &str, autocomplete: Option<&str>| {
        let hint_id = format!("{id}-hint");
        html! {
            div class="nhsuk-form-group" {
                label class="nhsuk-label" for=(id) { (label) }
                @if let Some(hint) = hint { div class="nhsuk-hint" id=(hint_id) { (hint) } }
                input class={ "nhsuk-input " (width) } id=(id) name=(id) type="text" spellcheck="false"
                    autocomplete=[autocomplete] aria-describedby=[hint.map(|_| hint_id.as_str())];
            }
        }
    };
    let checkbox = |id: &str, label: &str, checked: bool| {
        html! {
            div class="nhsuk-checkboxes__item" {
                input class="nhsuk-checkboxes__input" id=(id) type="checkbox" checked[checked];
                label class="nhsuk-label nhsuk-checkboxes__label" for=(id) { (label) }
            }
        }
    };
    html! {
        h1 { "Sign in" }
        div class="nhsuk-warning-callout" {
            h2 class="nhsuk-warning-callout__label" { "Development sign-in" }
            p { "This sign-in exists only on a developer’s machine: it asks for no password. In the live service you sign in with your NHS account." }
        }
        form novalidate data-sign-in="development" {
            (field("name", "Your name", None, "", Some("name")))
            (field("email", "Email address", Some("Reviewers are assigned to reviews by email address"), "", Some("email")))
            fieldset class="nhsuk-fieldset" {
                legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s" { "Roles" }
                div class="nhsuk-checkboxes" {
                    (checkbox("role-reviewer", "Reviewer", true))
                    (checkbox("role-administrator", "Administrator", false))
                }
            }
            (field("ics-lead", "ICS lead for (ICS ODS code, optional)", None, "nhsuk-input--width-10", None))
            (field("organisation-lead", "Organisation lead for (ODS code, optional)", None, "nhsuk-input--width-10", None))
            (field("works-for", "Organisation you work for (ODS code, optional)", Some("A peer reviewer reviews organisations other than their own"), "nhsuk-input--width-10", None))
            (field("region", "Regional team for (optional)", Some("One of north-east-and-yorkshire, north-west, midlands, east-of-england, london, south-east, south-west: validates that region’s peer reviews"), "nhsuk-input--width-20", None))
            button class="nhsuk-button" type="submit" { "Sign in" }
        }
    }
}

/// `pages::sign_in::SignIn` as it starts in the live service: the way to Cognito's hosted sign-in.
fn sign_in_hosted() -> Markup {
    html! {
        h1 { "Sign in" }
        p { "Sign in with your NHS account to record and see reviews." }
        button class="nhsuk-button" type="button" data-sign-in="hosted" { "Sign in with your NHS account" }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEMPLATE: &str = "<!DOCTYPE html><html><head><title>WGLL peer review</title><script type=\"module\">init()</script></head>\
        <body><div id=\"app\"></div><noscript>JavaScript</noscript></body></html>";

    #[test]
    fn each_route_is_sent_its_own_first_view_and_every_other_route_the_loading_one() {
        assert_eq!(file_for("/"), "home");
        assert_eq!(file_for("/framework"), "framework");
        assert_eq!(file_for("/sign-in"), "sign-in");
        assert_eq!(file_for("/organisations"), "loading");
        assert_eq!(file_for("/framework/extra"), "loading");
        assert_eq!(file_for("/reviews/0a1b"), "loading");
        assert_eq!(file_for("/reviews/0a1b/measures/3"), "assessment");
    }

    #[test]
    fn the_assessment_forms_first_view_starts_its_own_bundle() {
        let template = TEMPLATE.replace("init()", "start_assessment()");
        let page = render_assessment(&template).expect("the template has the places to fill");
        assert!(page.contains("<script type=\"module\">start_assessment()</script>"), "{page}");
        assert!(
            page.contains("Loading the assessment…")
                && page.contains("<title>Loading – WGLL peer review</title>")
        );
        assert!(!page.contains("wgllFirstView"), "not a server view: nothing fetched early");
    }

    #[test]
    fn a_first_view_keeps_the_template_head_and_fills_the_app_element() {
        let pages = render_all(TEMPLATE).expect("the template has the places to fill");
        let names: Vec<&str> = pages.iter().map(|(name, _)| *name).collect();
        assert_eq!(names, ["home", "framework", "sign-in", "sign-in-development", "loading"]);
        let framework = &pages[1].1;
        assert!(
            framework
                .starts_with("<!DOCTYPE html><html><head><title>The framework – WGLL peer review</title>")
        );
        assert!(framework.contains("<script type=\"module\">init()</script>"));
        assert!(framework.contains("<div id=\"app\"><a class=\"nhsuk-skip-link\""));
        assert!(framework.contains("<h2 id=\"measure-7\">7. Healthy populations</h2>"), "{framework}");
        assert!(framework.ends_with("</footer></div><noscript>JavaScript</noscript></body></html>"));
        assert!(framework.contains(
            "<li class=\"nhsuk-header__navigation-item nhsuk-header__navigation-item--current\">\
             <a href=\"/framework\" class=\"nhsuk-header__navigation-link\" aria-current=\"page\">Framework</a>"
        ));
        let loading = &pages[4].1;
        assert!(
            loading.contains(
                "<p class=\"nhsuk-body\" role=\"status\" aria-live=\"polite\">Loading the page…</p>"
            )
        );
        assert!(!loading.contains("aria-current"), "no navigation item is current while loading");
        // The loading page fetches the server's view of a page that shows one; the others do not.
        assert!(
            loading
                .contains(r#"const views = ["/organisations","/organisations/new","/organisations/:ods","#),
            "{loading}"
        );
        assert!(loading.contains(r#""/reviews/import","/reviews/:id","/reviews/:id/report","#), "{loading}");
        assert!(loading.contains("<head><script type=\"module\">\nconst views = "), "first in the head");
        assert!(!framework.contains("wgllFirstView"));
    }

    #[test]
    fn stylesheets_go_inline_and_nothing_else_changes() {
        let html = r#"<head><link rel="stylesheet" href="/a.css" integrity="sha384-x"/><link rel="icon" href="/i.png"><link rel="stylesheet" href="/b.css"></head>"#;
        let read = |href: &str| match href {
            "/a.css" => Ok("a{color:red}".to_owned()),
            "/b.css" => Ok("b{}".to_owned()),
            other => Err(format!("no {other}")),
        };
        assert_eq!(
            inline_stylesheets(html, read).unwrap(),
            r#"<head><style>a{color:red}</style><link rel="icon" href="/i.png"><style>b{}</style></head>"#
        );
        assert_eq!(
            inline_stylesheets(r#"<link rel="stylesheet" href="/c.css">"#, read),
            Err("no /c.css".to_owned())
        );
        let closing = |_: &str| Ok("a{}</style><script>".to_owned());
        assert!(inline_stylesheets(r#"<link rel="stylesheet" href="/a.css">"#, closing).is_err());
    }

    #[test]
    fn a_template_without_the_app_element_is_refused() {
        let error = render_all("<html><head><title>x</title></head><body></body></html>").unwrap_err();
        assert_eq!(error, "the template has no <div id=\"app\">");
    }
}
