//! `/digital-services/ics/{ics}`: an ICS's organisations, each with how many services are online.

use super::layout::{back_link, organisation_address};
use maud::{Markup, html};
use wgll_shared::offer::PublicIcs;

pub fn render(system: &PublicIcs) -> Markup {
    html! {
        (back_link())
        h1 { (system.ics.name) }
        p { "Choose an organisation to see what you can do online there." }
        ul class="nhsuk-list" id="members" {
            @for member in &system.organisations {
                li {
                    a href=(organisation_address(&member.organisation.ods_code)) { (member.organisation.name) }
                    br;
                    span class="nhsuk-body-s" { (services_online(member.services_online)) }
                }
            }
        }
    }
}

fn services_online(count: usize) -> String {
    match count {
        0 => "No online services recorded yet".to_owned(),
        1 => "1 service online".to_owned(),
        many => format!("{many} services online"),
    }
}
