use crate::components::set_title;
use crate::session::use_session;
use leptos::prelude::*;

#[component]
pub fn Home() -> impl IntoView {
    set_title("Home");
    let session = use_session();
    view! {
        <h1>"Peer review of digital maturity"</h1>
        <p class="nhsuk-lede-text">
            "Record and agree peer reviews of NHS organisations and Integrated Care Systems against NHS England’s "
            "What Good Looks Like framework."
        </p>
        <p>
            "The framework sets out what good digital practice looks like under 7 success measures: well led, "
            "smart foundations, safe practice, support people, empower citizens, improve care and healthy populations. "
            "Reviewers score each measure from 1 to 5, with the evidence for it, year on year."
        </p>
        <ul class="nhsuk-list">
            <li><a href="/framework">"Read the framework"</a></li>
            <li><a href="/organisations">"Organisations and their reviews"</a></li>
            <li><a href="/digital-services" rel="external">"Find the digital services an NHS organisation offers"</a>" (no sign-in needed)"</li>
            {move || session.get().is_some().then(|| view! {
                <li><a href="/my-work">"Your work: your reviews, what is due and what happened since you last looked"</a></li>
                <li><a href="/rounds">"Assessment rounds: each year’s phases and deadlines"</a></li>
                <li><a href="/funding">"Funding: the year’s funds, ICS envelopes and allocations"</a></li>
            })}
            {move || session.get().filter(|session| session.user.is_administrator() || !session.user.regions().is_empty()).map(|_| view! {
                <li><a href="/validation">"Reviews to validate: moderated peer reviews waiting for your region"</a></li>
            })}
        </ul>
        {move || session.get().is_none().then(|| view! {
            <a href="/sign-in" class="nhsuk-button">"Sign in"</a>
        })}
    }
}
