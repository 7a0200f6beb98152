//! Starts the assessment form's bundle (`wgll_frontend::AssessmentApp`): the page of one measure
//! of a review (`frontend/assessment.html`), downloaded only when it is opened. As `main.rs`, it
//! empties the page's first view (its loading state) and renders itself there in the same task.
use wasm_bindgen::JsCast;

fn main() {
    let root = gloo_utils::document()
        .get_element_by_id("app")
        .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok())
        .unwrap_or_else(gloo_utils::body);
    root.set_inner_html("");
    leptos::mount::mount_to(root, wgll_frontend::AssessmentApp).forget();
}
