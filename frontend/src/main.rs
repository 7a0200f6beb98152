//! Starts the browser app; everything else is in the library.
//!
//! No panic hook: the app is built with `panic=immediate-abort` (frontend/.cargo/config.toml), so a
//! panic stops it at once without running one.
fn main() {
    leptos::mount::mount_to_body(wgll_frontend::App);
}
