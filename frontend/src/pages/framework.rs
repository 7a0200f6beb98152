//! The WGLL framework: the 7 success measures, with what good looks like for an ICS and for an
//! organisation. The framework is compiled into the app (the same data the API serves at
//! `/api/frameworks/{id}`), so the page needs no request and shows at once.

use crate::components::set_title;
use leptos::prelude::*;
use wgll_shared::framework::{self, MeasureVariant, SuccessMeasure, Variant};

#[component]
pub fn FrameworkPage() -> impl IntoView {
    set_title("The framework");
    let measures =
        framework::find(framework::CURRENT).map(|framework| framework.measures.to_vec()).unwrap_or_default();
    view! {
        <h1>"What Good Looks Like"</h1>
        <p class="nhsuk-lede-text">"The 7 success measures, and what good looks like for an Integrated Care System and for each organisation in it."</p>
        {measures.into_iter().map(|measure| view! { <Measure measure /> }).collect_view()}
    }
}

#[component]
fn Measure(measure: SuccessMeasure) -> impl IntoView {
    view! {
        <section aria-labelledby=format!("measure-{}", measure.number)>
            <h2 id=format!("measure-{}", measure.number)>{format!("{}. {}", measure.number, measure.title)}</h2>
            <VariantText variant=Variant::Ics text=measure.ics.clone() />
            <VariantText variant=Variant::Organisation text=measure.organisation.clone() />
        </section>
    }
}

/// "What does good look like?" and the statements, for one variant of a measure.
#[component]
pub fn VariantText(variant: Variant, text: MeasureVariant) -> impl IntoView {
    let heading = match variant {
        Variant::Ics => "For an Integrated Care System",
        Variant::Organisation => "For an organisation",
    };
    view! {
        <h3>{heading}</h3>
        {text.summary.split("\n\n").map(|paragraph| view! { <p>{paragraph.to_owned()}</p> }).collect_view()}
        <p><strong>{format!("{}:", variant.label())}</strong></p>
        <ul class="app-statements">
            {text.statements.iter().map(|statement| view! { <li>{statement.text.to_string()}</li> }).collect_view()}
        </ul>
    }
}
