//! The WGLL framework: the 7 success measures, with what good looks like for an ICS and for an
//! organisation (`/framework`; public). Also the page's first view (`first_views.rs`), which the
//! app takes over as it is.

use maud::{Markup, html};
use wgll_shared::framework::{self, MeasureVariant, SuccessMeasure, Variant};

/// The framework page. The tab's title is on its heading (`data-title`), as on every view.
pub fn render() -> Result<Markup, String> {
    let framework = framework::find(framework::CURRENT).ok_or("the current framework is missing")?;
    Ok(html! {
        h1 data-title="The framework" { "What Good Looks Like" }
        p class="nhsuk-lede-text" { "The 7 success measures, and what good looks like for an Integrated Care System and for each organisation in it." }
        @for measure in framework.measures.iter() { (framework_measure(measure)) }
    })
}

fn framework_measure(measure: &SuccessMeasure) -> Markup {
    let id = format!("measure-{}", measure.number);
    html! {
        section aria-labelledby=(id) {
            h2 id=(id) { (measure.number) ". " (measure.title) }
            (variant_text(Variant::Ics, &measure.ics))
            (variant_text(Variant::Organisation, &measure.organisation))
        }
    }
}

fn variant_text(variant: Variant, text: &MeasureVariant) -> Markup {
    let heading = match variant {
        Variant::Ics => "For an Integrated Care System",
        Variant::Organisation => "For an organisation",
    };
    html! {
        h3 { (heading) }
        @for paragraph in text.summary.split("\n\n") { p { (paragraph) } }
        p { strong { (variant.label()) ":" } }
        ul class="app-statements" {
            @for statement in text.statements.iter() { li { (statement.text) } }
        }
    }
}
