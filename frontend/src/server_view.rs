//! Pages that only show something: the server renders them as HTML (`functions/src/views/`, at
//! `/api/views` + the page's own address) and the app shows that HTML inside its layout. Their
//! views are not in the app's download, which is what keeps it small (docs/performance.md).
//!
//! The HTML is the server's own, escaped as it is written (maud), fetched with the signed-in
//! person's token like any API answer, so the rules table decides what it shows. Its links are
//! followed by the router like any other. What would need script in it is done here, for every
//! such page, by what the markup asks for:
//! - `data-title` on the view's first element: the browser tab's title;
//! - a view that is also a page's first view (the framework), or that the page the server sent
//!   fetched and painted before the app arrived (`functions/src/first_views.rs`), is taken over
//!   from it as it is when the app starts on that page ([`keep_first_view`]), not fetched again:
//!   its very nodes, so what was typed in them meanwhile stays ([`adopted`]); one still on its
//!   way then is awaited rather than asked for again;
//! - a `<form method="get">`: opens its `action` with the form's fields as the query string;
//! - a `<form method="post">`: posts its fields (as a form, with the token) to `/api/views` +
//!   its `action`, saying so in the form's `[data-form-status]`, and shows the page the server
//!   answers with in place of this one (saved, or with the errors beside their fields), moving
//!   focus to its error summary or notice ([`post_form`]); or, when the answer says
//!   `data-navigate` (an address: what the form made, such as a new review), goes there;
//! - a `<form method="post">` with `data-upload`: sends the file chosen in it as the request's
//!   body (with its type, and its name as `?name=`) instead, saying it is uploading;
//! - a button with `data-open` (an API path answering a signed link): follows the link, saying
//!   so in the view's `[data-open-status]` (an evidence document: [`open_document`]);
//! - a button with `data-print`: prints the page;
//! - a button with `data-download` (an API path) and `data-name` (a file name): downloads it
//!   with the token, as the other pages' download buttons do, saying so in the view's
//!   `[data-download-status]`;
//! - a `<form data-autosave="…">` (an action): saved as it is typed, a second after the last
//!   change, by posting its fields there; the answer replaces its `[data-autosave-status]`, and
//!   its `data-version` becomes the form's `version` for the next save ([`autosave`]);
//! - a button with `data-sort` (a column's index) in a table's heading cell: sorts the table's
//!   marked rows by that column, lowest first, then reversed when pressed again ([`sort_table`]).

use crate::api;
use crate::components::{Loading, ProblemPanel, set_title};
use crate::page_guard::RequireSignIn;
use crate::router::{navigate, use_address};
use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use web_sys::{Element, HtmlFormElement};
use wgll_shared::access::Session;

/// The server's view of the current address: for a signed-in person, or for anyone if `public`;
/// `children` (the app's own part of a page, such as a form) are shown below it once it is there.
/// When `refresh` changes, the view is fetched again (after the page's own part changed what it
/// shows), the one before staying on screen until the new one is there.
#[component]
pub fn ServerView(
    #[prop(optional)] public: bool,
    #[prop(optional, into)] refresh: Option<Signal<u32>>,
    #[prop(optional)] children: Option<ChildrenFn>,
) -> impl IntoView {
    let address = use_address();
    // The page the app started on arrived with this view in it, or fetched it before the app
    // started (`first_views.rs`): shown as it is the first time.
    let first = StoredValue::new(adopt(&address.get_untracked()));
    // What was shown last, and for which address: kept on screen while that address's view is
    // fetched again (a new address shows that it is loading).
    let last = StoredValue::new(None::<(String, String)>);
    // Runs again for a new address (a link, or a form's query) and when `refresh` changes.
    let page = move || {
        address.track();
        if let Some(refresh) = refresh {
            refresh.track();
        }
        let children = children.clone();
        if let Some(html) = first.try_update_value(Option::take).flatten() {
            if let Some(title) = title_of(&html) {
                set_title(&title);
            }
            last.set_value(Some((address.get_untracked(), html.clone())));
            return adopted(html, children);
        }
        let html = api::load_html(move || format!("/api/views{}", address.get_untracked()));
        view! {
            {move || match html.get() {
                None => match last.get_value() {
                    Some((shown_at, before)) if shown_at == address.get_untracked() => shown(before, children.clone()),
                    _ => view! { <Loading what="the page" /> }.into_any(),
                },
                Some(Err(problem)) => view! { <ProblemPanel problem /> }.into_any(),
                Some(Ok(html)) => {
                    if let Some(title) = title_of(&html) {
                        set_title(&title);
                    }
                    last.set_value(Some((address.get_untracked(), html.clone())));
                    shown(html, children.clone())
                }
            }}
        }
        .into_any()
    };
    match public {
        true => view! { {move || page()} }.into_any(),
        false => view! { <RequireSignIn page=move |_: Session| page() /> }.into_any(),
    }
}

fn shown(html: String, children: Option<ChildrenFn>) -> AnyView {
    view! {
        <div class="app-server-view" inner_html=html on:click=follow_click on:submit=open_form on:input=autosave></div>
        {children.map(|children| children())}
    }
    .into_any()
}

/// The view the page the app started on painted, as `shown` would show `html`, but with the
/// painted nodes themselves moved in rather than made again from `html`: what someone typed into
/// them before the app started stays, and so does the focus.
fn adopted(html: String, children: Option<ChildrenFn>) -> AnyView {
    let Some((painted, focused)) = PAINTED.take() else { return shown(html, children) };
    let node = NodeRef::<leptos::html::Div>::new();
    node.on_load(move |view| {
        while let Some(child) = painted.first_child() {
            let _ = view.append_child(&child);
        }
        if let Some(focused) = focused {
            let _ = focused.focus();
        }
    });
    view! {
        <div class="app-server-view" node_ref=node on:click=follow_click on:submit=open_form on:input=autosave></div>
        {children.map(|children| children())}
    }
    .into_any()
}

thread_local! {
    /// The server view in the page the app started on, and its address (see [`keep_first_view`]).
    static FIRST_VIEW: std::cell::RefCell<Option<(String, String)>> = const { std::cell::RefCell::new(None) };
    /// That view's element, and the element in it that had the focus ([`adopted`]).
    static PAINTED: std::cell::RefCell<Option<(Element, Option<web_sys::HtmlElement>)>> =
        const { std::cell::RefCell::new(None) };
    /// The server view the page the app started on was still fetching, and its address: the
    /// promise of `fetch`'s answer.
    static FETCHING: std::cell::RefCell<Option<(String, js_sys::Promise)>> = const { std::cell::RefCell::new(None) };
}

/// Keeps the server view in the page's first view (`.app-server-view` in `root`), for the
/// `ServerView` of the same address to show without fetching it again; or, if the page was still
/// fetching it (`window.wgllFirstView`, from the script in `functions/src/first_views.rs`), that
/// answer for the `ServerView` to await. Called by `main` before it empties the first view.
pub fn keep_first_view(root: &Element) {
    let window = gloo_utils::window();
    let fetching =
        js_sys::Reflect::get(&window, &"wgllFirstView".into()).ok().filter(|value| value.is_object());
    let _ = js_sys::Reflect::delete_property(&window, &"wgllFirstView".into());
    let location = window.location();
    let address =
        format!("{}{}", location.pathname().unwrap_or_default(), location.search().unwrap_or_default());
    if let Ok(Some(view)) = root.query_selector(".app-server-view") {
        FIRST_VIEW.with(|kept| *kept.borrow_mut() = Some((address, view.inner_html())));
        let focused = gloo_utils::document()
            .active_element()
            .filter(|focused| view.contains(Some(focused)))
            .and_then(|focused| focused.dyn_into::<web_sys::HtmlElement>().ok());
        PAINTED.with(|kept| *kept.borrow_mut() = Some((view, focused)));
    } else if let Some(fetching) = fetching {
        let answer =
            js_sys::Reflect::get(&fetching, &"answer".into()).ok().and_then(|answer| answer.dyn_into().ok());
        let fetched =
            js_sys::Reflect::get(&fetching, &"address".into()).ok().and_then(|address| address.as_string());
        if let (Some(answer), Some(fetched)) = (answer, fetched) {
            FETCHING.with(|kept| *kept.borrow_mut() = Some((fetched, answer)));
        }
    }
}

/// The kept first view, if it is `address`'s; it is used once.
fn adopt(address: &str) -> Option<String> {
    FIRST_VIEW.with(|kept| {
        let mut kept = kept.borrow_mut();
        match kept.as_ref() {
            Some((kept_address, _)) if kept_address == address => kept.take().map(|(_, html)| html),
            _ => {
                *kept = None;
                None
            }
        }
    })
}

/// The answer the page started fetching for `path` (`/api/views` + an address) before the app
/// arrived, if it is that address's; it is used once.
pub fn fetched_first(path: &str) -> Option<js_sys::Promise> {
    let address = path.strip_prefix("/api/views")?;
    FETCHING.with(|kept| {
        let fetching = kept.borrow_mut().take()?;
        (fetching.0 == address).then_some(fetching.1)
    })
}

/// The first `data-title` in `html`, unescaped (maud escapes `&`, `<`, `>` and `"`).
fn title_of(html: &str) -> Option<String> {
    let (_, rest) = html.split_once(r#"data-title=""#)?;
    let title = rest.split('"').next().unwrap_or_default();
    Some(title.replace("&quot;", "\"").replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&"))
}

/// The element that was clicked, or its nearest ancestor matching `selector`.
fn closest(event: &ev::Event, selector: &str) -> Option<Element> {
    event.target()?.dyn_into::<Element>().ok()?.closest(selector).ok().flatten()
}

fn follow_click(event: ev::MouseEvent) {
    if let Some(button) = closest(&event, "[data-sort]") {
        sort_table(&button);
    } else if let Some(button) = closest(&event, "[data-open]") {
        open_document(button.get_attribute("data-open").unwrap_or_default());
    } else if closest(&event, "[data-print]").is_some() {
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

/// Opens an evidence document: asks the API, with the person's token, for a link signed for a
/// few minutes, then follows it (the bucket is private: nothing opens without a signature).
fn open_document(path: String) {
    let status = gloo_utils::document().query_selector(".app-server-view [data-open-status]").ok().flatten();
    let say = move |text: &str| {
        if let Some(status) = &status {
            status.set_text_content(Some(text));
        }
    };
    say("Opening the document…");
    leptos::task::spawn_local(async move {
        match api::signed_link(&path).await {
            Ok(url) => {
                say("");
                let _ = gloo_utils::window().location().assign(&url);
            }
            Err(problem) => say(&format!("{} {}", problem.title, problem.detail)),
        }
    });
}

fn open_form(event: ev::SubmitEvent) {
    let Some(form) = event.target().and_then(|target| target.dyn_into::<HtmlFormElement>().ok()) else {
        return;
    };
    if form.method().eq_ignore_ascii_case("post") {
        event.prevent_default();
        post_form(form);
        return;
    }
    if !form.method().eq_ignore_ascii_case("get") {
        return;
    }
    event.prevent_default();
    let Ok(fields) = web_sys::FormData::new_with_form(&form) else { return };
    let Ok(query) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&fields) else { return };
    let action = form.get_attribute("action").unwrap_or_default();
    navigate(&format!("{action}?{}", String::from(query.to_string())));
}

/// Posts `form` to the server's view of its action (an upload form's chosen file, or its fields)
/// and shows the page it answers with.
fn post_form(form: HtmlFormElement) {
    let action = format!("/api/views{}", form.get_attribute("action").unwrap_or_default());
    if form.has_attribute("data-upload") {
        let file = form
            .query_selector("input[type=file]")
            .ok()
            .flatten()
            .and_then(|input| input.dyn_into::<web_sys::HtmlInputElement>().ok()?.files()?.get(0));
        let Ok(query) = web_sys::UrlSearchParams::new() else { return };
        query.append("name", &file.as_ref().map(web_sys::File::name).unwrap_or_default());
        let path = format!("{action}?{}", String::from(query.to_string()));
        send(form, "Uploading the file… This can take a minute on a slow connection.", async move {
            api::post_file(&path, file).await
        });
        return;
    }
    let Ok(fields) = web_sys::FormData::new_with_form(&form) else { return };
    let Ok(body) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&fields) else { return };
    let body = String::from(body.to_string());
    send(form, "Saving…", async move { api::post_form(&action, body).await });
}

/// Shows the page `answer` gives in place of the view `form` is in, saying `saying` until then.
fn send(
    form: HtmlFormElement,
    saying: &'static str,
    answer: impl std::future::Future<Output = Result<String, wgll_shared::problem::Problem>> + 'static,
) {
    let Some(view) = form.closest(".app-server-view").ok().flatten() else { return };
    let status = form.query_selector("[data-form-status]").ok().flatten();
    let say = move |text: &str| {
        if let Some(status) = &status {
            status.set_text_content(Some(text));
        }
    };
    // One sending at a time: the button stays pressed until the answer is shown.
    let buttons = elements(form.query_selector_all("button"));
    let buttons: Vec<Element> = buttons.collect();
    for button in &buttons {
        let _ = button.set_attribute("disabled", "");
    }
    say(saying);
    leptos::task::spawn_local(async move {
        match answer.await {
            Ok(html) => {
                view.set_inner_html(&html);
                let next = view.query_selector("[data-navigate]").ok().flatten();
                if let Some(next) = next.and_then(|next| next.get_attribute("data-navigate")) {
                    return navigate(&next);
                }
                let focus = view
                    .query_selector(".nhsuk-error-summary, [role=status][tabindex]")
                    .ok()
                    .flatten()
                    .and_then(|element| element.dyn_into::<web_sys::HtmlElement>().ok());
                if let Some(focus) = focus {
                    let _ = focus.focus();
                    focus.scroll_into_view();
                }
            }
            Err(problem) => {
                for button in &buttons {
                    let _ = button.remove_attribute("disabled");
                }
                say(&format!("Not saved. {} {}", problem.title, problem.detail));
            }
        }
    });
}

thread_local! {
    /// The autosave waiting for typing to pause: replacing it cancels the one before.
    static PENDING_SAVE: std::cell::RefCell<Option<gloo_timers::callback::Timeout>> =
        const { std::cell::RefCell::new(None) };
}

/// Saves a `data-autosave` form a second after its last change.
fn autosave(event: ev::Event) {
    let Some(form) =
        closest(&event, "form[data-autosave]").and_then(|form| form.dyn_into::<HtmlFormElement>().ok())
    else {
        return;
    };
    save_later(form, 1_000);
}

/// Saves `form` in `delay` milliseconds, instead of any save waiting already.
fn save_later(form: HtmlFormElement, delay: u32) {
    let save = gloo_timers::callback::Timeout::new(delay, move || save_draft(form));
    PENDING_SAVE.with(|pending| *pending.borrow_mut() = Some(save));
}

thread_local! {
    /// Whether a save is on its way: the next waits for its answer (and the version it gives).
    static SAVING: std::cell::Cell<bool> = const { std::cell::Cell::new(false) };
}

fn save_draft(form: HtmlFormElement) {
    // This save is the one that was waiting: from here, only new typing makes another wait.
    // (Dropping the timeout whose callback this is, is safe: wasm-bindgen frees a closure only
    // once its call has returned.)
    PENDING_SAVE.with(|pending| pending.borrow_mut().take());
    if SAVING.get() {
        return save_later(form, 500);
    }
    let path = format!("/api/views{}", form.get_attribute("data-autosave").unwrap_or_default());
    let status = form.query_selector("[data-autosave-status]").ok().flatten();
    let Ok(fields) = web_sys::FormData::new_with_form(&form) else { return };
    let Ok(body) = web_sys::UrlSearchParams::new_with_str_sequence_sequence(&fields) else { return };
    let body = String::from(body.to_string());
    let say = move |text: &str| {
        if let Some(status) = &status {
            status.set_inner_html(text);
        }
        status
    };
    let status = say("Saving…");
    SAVING.set(true);
    leptos::task::spawn_local(async move {
        let answer = api::post_form(&path, body).await;
        SAVING.set(false);
        let Some(status) = status else { return };
        match answer {
            Ok(html) => {
                status.set_inner_html(&html);
                let version = status
                    .query_selector("[data-version]")
                    .ok()
                    .flatten()
                    .and_then(|saved| saved.get_attribute("data-version"));
                let input = form.query_selector("input[name=version]").ok().flatten();
                if let (Some(version), Some(input)) = (version, input) {
                    let _ = input.set_attribute("value", &version);
                }
            }
            // No answer, or the service busy: tried again in 3 seconds (unless more typing
            // asks for a save first); what was typed stays on the page meanwhile.
            Err(problem) if problem.status == 0 || problem.status == 503 => {
                status.set_text_content(Some("Not saved yet: no connection. Trying again…"));
                if PENDING_SAVE.with(|pending| pending.borrow().is_none()) {
                    save_later(form, 3_000);
                }
            }
            Err(problem) => {
                status.set_text_content(Some(&format!("Not saved. {} {}", problem.title, problem.detail)))
            }
        }
    });
}

/// Sorts the rows marked `data-sort-row` of the table that `button` heads a column of (its
/// `data-sort` is the column's index) by that column's cells' `data-sort-value`: numbers as
/// numbers, ties by the first column's value; ascending, or descending when it already is. Rows
/// with no value in the column go last either way; unmarked rows (an ICS's own) stay first. The
/// heading cells' `aria-sort` says which. The rows are moved, not made again, so focus stays put.
fn sort_table(button: &Element) {
    let (Some(heading), Some(table)) =
        (button.closest("th").ok().flatten(), button.closest("table").ok().flatten())
    else {
        return;
    };
    let Some(column) = button.get_attribute("data-sort").and_then(|column| column.parse::<u32>().ok()) else {
        return;
    };
    let descending = heading.get_attribute("aria-sort").as_deref() == Some("ascending");
    for other in elements(table.query_selector_all("thead th[aria-sort]")) {
        let _ = other.set_attribute("aria-sort", "none");
    }
    let _ = heading.set_attribute("aria-sort", if descending { "descending" } else { "ascending" });
    let Some(body) = table.query_selector("tbody").ok().flatten() else { return };
    let value = |row: &Element, column: u32| {
        row.children().item(column).and_then(|cell| cell.get_attribute("data-sort-value"))
    };
    let rows: Vec<Element> = elements(body.query_selector_all(":scope > tr[data-sort-row]")).collect();
    let (mut with, mut without): (Vec<_>, Vec<_>) =
        rows.into_iter().partition(|row| value(row, column).is_some());
    let order = |a: &Option<String>, b: &Option<String>| match (a, b) {
        (Some(a), Some(b)) => match (a.parse::<f64>(), b.parse::<f64>()) {
            (Ok(x), Ok(y)) => x.total_cmp(&y),
            _ => a.cmp(b),
        },
        (a, b) => a.cmp(b),
    };
    let by = |column: u32| move |a: &Element, b: &Element| order(&value(a, column), &value(b, column));
    with.sort_by(|a, b| by(column)(a, b).then_with(|| by(0)(a, b)));
    without.sort_by(by(0));
    if descending {
        with.reverse();
    }
    for row in with.into_iter().chain(without) {
        let _ = body.append_child(&row);
    }
}

/// The elements of a `querySelectorAll` answer.
fn elements(list: Result<web_sys::NodeList, wasm_bindgen::JsValue>) -> impl Iterator<Item = Element> {
    let list = list.ok();
    let length = list.as_ref().map_or(0, web_sys::NodeList::length);
    (0..length).filter_map(move |index| list.as_ref()?.item(index)?.dyn_into::<Element>().ok())
}
