//! A minimal Leptos app: one button that counts its clicks. `make bench` builds it with the
//! app's profile and trunk settings, so its size and first render are the floor the app is
//! measured against.

use leptos::prelude::*;

fn main() {
    leptos::mount::mount_to_body(|| {
        let (count, set_count) = signal(0);
        view! {
            <button id="counter" on:click=move |_| set_count.update(|count| *count += 1)>
                "Clicked " {count} " times"
            </button>
        }
    });
}
