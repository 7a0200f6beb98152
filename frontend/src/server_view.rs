//! Pages that only show something: the server renders them as HTML (`functions/src/views/`, at
//! `/api/views` + the page's own address) and the app shows that HTML inside its layout. Their
//! views are not in the app's download, which is what keeps it small (docs/performance.md).
//!
//! The HTML is the server's own, escaped as it is written (maud), fetched with the signed-in
//! person's token like any API answer, so the rules table decides what it shows. Its links are
//! followed by the router like any other. What would need script in it is done here, for every
//! such page, by what the markup asks for:
//! - `data-title` on the view's first element: the browser tab's title;
//! - a `<form method="get">`: opens its `action` with the form's fields as the query string;
//! - a button with `data-print`: prints the page;
//! - a button with `data-download` (an API path) and `data-name` (a file name): downloads it
//!   with the token, as the other pages' download buttons do, saying so in the view's
//!   `[data-download-status]`.

use crate::api;
use crate::components::{Loading, ProblemPanel, set_title};
use crate::page_guard::RequireSignIn;
use crate::router::{navigate, use_address};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlFormElement};

/// The server's view of the current address, for a signed-in person; `children` (the app's own
/// part of a page, such as a form) are shown below it once it has arrived.
#[component]
pub fn ServerView(#[prop(optional)] children: Option<ChildrenFn>) -> impl IntoView {
    let address = use_address();
    let page = move |_| {
        let children = children.clone();
        let html = api::load_html(move || format!("/api/views{}", address.get()));
        view! {
            {move || match html.get() {
                None => view! { <Loading what="the page" /> }.into_any(),
                Some(Err(problem)) => view! { <ProblemPanel problem /> }.into_any(),
                Some(Ok(html)) => {
                    set_title(&title_of(&html));
                    view! {
                        <div class="app-server-view" inner_html=html on:click=follow_click on:submit=open_form></div>
                        {children.clone().map(|children| children())}
                    }
                    .into_any()
                }
            }}
        }
        .into_any()
    };
    view! { <RequireSignIn page /> }
}

/// The first `data-title` in `html`, unescaped (maud escapes `&`, `<`, `>` and `"`).
fn title_of(html: &str) -> String {
    let Some((_, rest)) = html.split_once(r#"data-title=""#) else { return String::new() };
    let title = rest.split('"').next().unwrap_or_default();
    title.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")
}

/// The element that was clicked, or its nearest ancestor matching `selector`.
fn closest(event: &ev::Event, selector: &str) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()?.closest(selector).ok().flatten()
}

fn follow_click(event: ev::MouseEvent) {
    if closest(&event, "[data-print]").is_some() {
        let _ = gloo_utils::window().print();
    } else if let Some(button) = closest(&event, "[data-download]") {
        let path = button.get_attribute("data-download").unwrap_or_default();
        let name = button.get_attribute("data-name").unwrap_or_default();
        let status =
            gloo_utils::document().query_selector(".app-server-view [data-download-status]").ok().flatten();
        let say = move |text: &str| {
            if let Some(status) = &status {
                status.set_text_content(Some(text));
            }
        };
        say("Preparing the download…");
        leptos::task::spawn_local(async move {
            match api::download(&path, &name).await {
                Ok(()) => say(""),
                Err(problem) => say(&format!("{} {}", problem.title, problem.detail)),
            }
        });
    }
}

fn open_form(event: ev::SubmitEvent) {
    let Some(form) = event.target().and_then(|target| target.dyn_into::<HtmlFormElement>().ok()) else {
        return;
    };
    if !form.method().eq_ignore_ascii_case("get") {
        return;
    }
    event.prevent_default();
    let Ok(fields) = web_sys::FormData::new_with_form(&form) else { return };
    let Ok(query) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&fields) else { return };
    let action = form.get_attribute("action").unwrap_or_default();
    navigate(&format!("{action}?{}", String::from(query.to_string())));
}
