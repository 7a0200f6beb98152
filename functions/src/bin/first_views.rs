//! Writes the browser app's first views (`wgll_functions::first_views`) into a trunk build:
//! `first_views <dist>` reads `<dist>/index.html` (and the assessment form's bundle's
//! `<dist>/assessment.html`) and writes `<dist>/pages/<name>.html`, each with its stylesheets
//! inline. Run by `make frontend` after trunk.

use std::path::PathBuf;
use wgll_functions::first_views;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dist = PathBuf::from(std::env::args().nth(1).ok_or("usage: first_views <trunk's dist folder>")?);
    let template = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|error| format!("{}: {error}", dist.join("index.html").display()))?;
    let folder = dist.join(first_views::FOLDER);
    std::fs::create_dir_all(&folder)?;
    // Each page carries its stylesheets inline, read from the build (trunk's links are absolute).
    let read = |href: &str| {
        let path = dist.join(href.trim_start_matches('/'));
        std::fs::read_to_string(&path).map_err(|error| format!("{}: {error}", path.display()))
    };
    for (name, html) in first_views::render_all(&template)? {
        let html = first_views::inline_stylesheets(&html, read)?;
        std::fs::write(folder.join(format!("{name}.html")), html)?;
    }
    // The assessment form's bundle, built beside the app (`make frontend`).
    let assessment = dist.join("assessment.html");
    let template =
        std::fs::read_to_string(&assessment).map_err(|error| format!("{}: {error}", assessment.display()))?;
    let html = first_views::inline_stylesheets(&first_views::render_assessment(&template)?, read)?;
    std::fs::write(folder.join(format!("{}.html", first_views::ASSESSMENT)), html)?;
    Ok(())
}
