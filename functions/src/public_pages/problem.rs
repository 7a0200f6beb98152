//! A page that says what went wrong and where to go next.

use maud::{Markup, html};

pub fn render(title: &str, message: &str) -> Markup {
    html! {
        h1 { (title) }
        p { (message) }
        p { a href="/digital-services" { "Find digital services" } }
    }
}
