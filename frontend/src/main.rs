//! Starts the browser app; everything else is in the library.
//!
//! The server sends every page with a first view already in `<div id="app">`
//! (`functions/src/first_views.rs`): the app empties it and renders itself there in the same task,
//! so the browser never paints in between (no flash), and the app renders the same markup for the
//! pages whose first view is complete (no layout shift).
//!
//! No panic hook: the app is built with `panic=immediate-abort` (frontend/.cargo/config.toml), so a
//! panic stops it at once without running one.
use wasm_bindgen::JsCast;

fn main() {
    let root = gloo_utils::document()
        .get_element_by_id("app")
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        .unwrap_or_else(gloo_utils::body);
    wgll_frontend::server_view::keep_first_view(&root);
    wgll_frontend::pages::sign_in::keep_first_view(&root);
    root.set_inner_html("");
    leptos::mount::mount_to(root, wgll_frontend::App).forget();
}
