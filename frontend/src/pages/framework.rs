//! The WGLL framework: the 7 success measures, with what good looks like for an ICS and for an
//! organisation, fetched from the API like any other record.

use crate::api;
use crate::components::{Loading, ProblemPanel, set_title};
use leptos::prelude::*;
use wgll_shared::framework::{self, Framework, MeasureVariant, SuccessMeasure, Variant};

#[component]
pub fn FrameworkPage() -> impl IntoView {
    set_title("The framework");
    let framework = LocalResource::new(|| async {
        api::get::<Framework>(&format!("/api/frameworks/{}", framework::CURRENT)).await
    });
    view! {
        <h1>"What Good Looks Like"</h1>
        <p class="nhsuk-lede-text">"The 7 success measures, and what good looks like for an Integrated Care System and for each organisation in it."</p>
        {move || match framework.get() {
            None => view! { <Loading what="the framework" /> }.into_any(),
            Some(Err(problem)) => view! { <ProblemPanel problem /> }.into_any(),
            Some(Ok(framework)) => framework.measures.iter().cloned().map(|measure| view! { <Measure measure /> }).collect_view().into_any(),
        }}
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
