//! 1. Download size: what a browser fetches to start the app (its wasm, JS and CSS; not the
//!    fonts and icons, which are fetched as pages use them), raw and gzip, beside the minimal
//!    Leptos counter built with the same profile and trunk settings in the same run; and what the
//!    assessment form's page fetches to start its own bundle.

use crate::report::{Report, Row, Verdict, kb};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The whole app, gzip, in bytes.
pub const BUDGET_GZIP: u64 = 350_000;

#[derive(Default, Clone, Copy)]
struct Sizes {
    raw: u64,
    gzip: u64,
}

impl std::ops::AddAssign for Sizes {
    fn add_assign(&mut self, other: Self) {
        self.raw += other.raw;
        self.gzip += other.gzip;
    }
}

/// gzip -9, as a server or CDN compressing ahead of time would.
fn gzip_size(path: &Path) -> u64 {
    let output = Command::new("gzip").args(["-9", "-c"]).arg(path).output().expect("gzip runs");
    assert!(output.status.success(), "gzip failed on {}", path.display());
    output.stdout.len() as u64
}

/// The files the app's `index.html` has the browser fetch to start (the stylesheets, the JS
/// loader and the wasm: preloaded by the counter's, named in the start-up script by the app's,
/// which fetches them after the first paint: `frontend/Trunk.toml`), by kind. Other files in `dist` (fonts and icons, fetched only
/// when a page shows them; anything copied for other pages) are not part of the download.
fn by_kind(dist: &Path, page: &str) -> [(&'static str, Sizes); 3] {
    let index = dist.join(page);
    let html = std::fs::read_to_string(&index)
        .unwrap_or_else(|error| panic!("{} is not built ({error}): run `make bench`", index.display()));
    let mut kinds = [("wasm", Sizes::default()), ("js", Sizes::default()), ("css", Sizes::default())];
    let mut seen = std::collections::BTreeSet::new();
    for (before, end) in [("href=\"", '"'), ("src=\"", '"'), ("import('", '\''), ("module_or_path: '", '\'')]
    {
        for rest in html.split(before).skip(1) {
            let Some(url) = rest.split(end).next() else { continue };
            let path = dist.join(url.trim_start_matches('/'));
            let extension = path.extension().and_then(|extension| extension.to_str()).unwrap_or_default();
            let Some((_, sizes)) = kinds.iter_mut().find(|(kind, _)| *kind == extension) else { continue };
            if seen.insert(path.clone()) {
                *sizes += Sizes {
                    raw: path.metadata().expect("a file index.html names").len(),
                    gzip: gzip_size(&path),
                };
            }
        }
    }
    kinds
}

pub fn run(report: &mut Report, app: &Path, counter: &Path) {
    println!("\n1. Download size ({} against {})", app.display(), counter.display());
    let app_kinds = by_kind(app, "index.html");
    let counter_kinds = by_kind(counter, "index.html");
    let mut app_total = Sizes::default();
    let mut counter_total = Sizes::default();
    for ((kind, app), (_, counter)) in app_kinds.iter().zip(&counter_kinds) {
        app_total += *app;
        counter_total += *counter;
        report.add(Row {
            section: "1 size",
            figure: format!("{kind}, gzip (raw)"),
            value: format!("{} ({})", kb(app.gzip), kb(app.raw)),
            reference: format!("{} ({})", kb(counter.gzip), kb(counter.raw)),
            ratio: (counter.gzip > 0).then(|| app.gzip as f64 / counter.gzip as f64),
            budget: String::new(),
            verdict: Verdict::Info,
        });
    }
    // A whole download against the counter's and the budget: the app's, and the assessment form's
    // bundle, which its page alone downloads (`frontend/assessment.html`).
    let mut whole = |figure: &str, sizes: Sizes| {
        report.add(Row {
            section: "1 size",
            figure: format!("{figure}: wasm + JS + CSS, gzip (raw)"),
            value: format!("{} ({})", kb(sizes.gzip), kb(sizes.raw)),
            reference: format!("{} ({})", kb(counter_total.gzip), kb(counter_total.raw)),
            ratio: Some(sizes.gzip as f64 / counter_total.gzip as f64),
            budget: format!("< {} gzip", kb(BUDGET_GZIP)),
            verdict: Verdict::from_check(sizes.gzip < BUDGET_GZIP),
        });
    };
    whole("whole app", app_total);
    let mut assessment = Sizes::default();
    for (_, sizes) in by_kind(app, "assessment.html") {
        assessment += sizes;
    }
    whole("the assessment form's page (its own bundle)", assessment);
}

pub fn default_counter_dist(target: &Path) -> PathBuf {
    target.join("bench/counter-dist")
}
