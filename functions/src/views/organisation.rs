//! One organisation's page (`/organisations/{ods}`): what it is, its ICS (or, for an ICS, the
//! organisations in it), where to follow its outcomes, digital services and funding (for those who
//! may), the reviews the signed-in person may open, and, for those who may start one, the form
//! that starts a review (posted to `crate::api::organisation_page`).

use super::funding::fields;
use super::{Feedback, field_errors};
use maud::{Markup, html};
use wgll_shared::access::User;
use wgll_shared::organisation::{Organisation, OrganisationKind};
use wgll_shared::period::Period;
use wgll_shared::review::{Review, ReviewKind};

/// What the page shows besides the organisation.
pub struct Shown<'a> {
    /// The ICS and its organisations (the organisation's own ICS, or the ICS itself).
    pub members: &'a [Organisation],
    /// The organisation's reviews the person may open.
    pub reviews: &'a [Review],
    /// This financial year, the start form's and the evidence link's.
    pub period: &'a Period,
    /// The start form's last answer.
    pub feedback: &'a Feedback,
}

/// Whether `user` may start a review of `organisation` (the rules' `CreateReview`: an
/// administrator, its ICS's lead or its own lead): others are not offered a form the service would
/// refuse.
pub fn may_start_review(user: &User, organisation: &Organisation) -> bool {
    user.is_administrator()
        || user.leads_ics(organisation.ics())
        || user.leads_organisation(&organisation.ods_code)
}

pub fn render(organisation: &Organisation, user: &User, shown: &Shown) -> Markup {
    html! {
        span class="nhsuk-caption-l" data-title=(organisation.name) { (organisation.kind.label()) }
        h1 { (organisation.name) }
        dl class="nhsuk-summary-list" {
            (row("ODS code", organisation.ods_code.as_str()))
            (row("Kind", organisation.kind.label()))
            @if !organisation.town.is_empty() { (row("Town or city", &organisation.town)) }
        }
        (membership(organisation, user, shown.members))
        (links(organisation, user, shown.period))
        h2 { "Reviews" }
        (reviews(shown.reviews))
        (start_review(organisation, user, shown))
    }
}

fn row(key: &str, value: &str) -> Markup {
    html! {
        div class="nhsuk-summary-list__row" {
            dt class="nhsuk-summary-list__key" { (key) }
            dd class="nhsuk-summary-list__value" { (value) }
        }
    }
}

/// For an organisation, its ICS by name; for an ICS, the organisations in it (and, for those who
/// may, a way to add one).
fn membership(organisation: &Organisation, user: &User, members: &[Organisation]) -> Markup {
    if organisation.kind != OrganisationKind::Ics {
        return html! {
            @if let Some(ics) = members.iter().find(|member| member.kind == OrganisationKind::Ics) {
                p id="its-ics" { "Part of " a href={ "/organisations/" (ics.ods_code) } { (ics.name) } }
            }
        };
    }
    let mut members: Vec<&Organisation> =
        members.iter().filter(|member| member.kind != OrganisationKind::Ics).collect();
    members.sort_by_key(|member| member.name.to_lowercase());
    let may_add = user.is_administrator() || user.leads_ics(&organisation.ods_code);
    html! {
        h2 { "Organisations in this ICS" }
        @if members.is_empty() {
            p id="members" { "None yet." }
        } @else {
            ul class="nhsuk-list" id="members" {
                @for member in members {
                    li { a href={ "/organisations/" (member.ods_code) } { (member.name) } " (" (member.kind.label()) ")" }
                }
            }
        }
        @if may_add {
            p { a href="/organisations/new" class="nhsuk-button nhsuk-button--secondary" { "Add an organisation" } }
        }
    }
}

/// Where to follow the organisation's outcomes and see what it offers citizens online; its
/// funding, tech spend, bids, benefits and evidence for those the rules let see them
/// (administrators, the ICS's lead, and for an organisation its own lead).
fn links(organisation: &Organisation, user: &User, period: &Period) -> Markup {
    let ods = organisation.ods_code.as_str();
    let is_ics = organisation.kind == OrganisationKind::Ics;
    let sees_funding = user.is_administrator()
        || user.leads_ics(organisation.ics())
        || (!is_ics && user.leads_organisation(&organisation.ods_code));
    let own = if is_ics { "ics" } else { "organisations" };
    html! {
        ul class="nhsuk-list" {
            @if is_ics {
                li { a href={ "/ics/" (ods) "/dashboard" } { "Dashboard of outcomes across this ICS" } }
                li { a href={ "/ics/" (ods) "/digital-services" } { "Digital services across this ICS" } }
            } @else {
                li { a href={ "/organisations/" (ods) "/outcomes" } { "Outcomes and action plan" } }
                li { a href={ "/organisations/" (ods) "/digital-services" } { "Digital services for patients" } }
            }
            @if sees_funding {
                li { a href={ "/" (own) "/" (ods) "/funding" } { "Funding" } }
                // The same people record and see its tech spend (and an ICS's lead, its members').
                li { a href={ "/" (own) "/" (ods) "/tech-spend" } { "Tech spend" } }
                li { a href={ "/organisations/" (ods) "/bids" } { "Bids for funding" } }
                li { a href={ "/" (own) "/" (ods) "/benefits" } { "Benefits, planned and realised" } }
                // Those who may see its funding are those who may upload its evidence.
                li {
                    a href={ "/organisations/" (ods) "/evidence/" (period.as_str().replace('/', "-")) } {
                        "Evidence for its reviewers, " (period)
                    }
                }
            }
        }
    }
}

/// The reviews, and a link to compare each period with both a self-assessment and a peer review.
fn reviews(reviews: &[Review]) -> Markup {
    if reviews.is_empty() {
        return html! { p { "No reviews you can see yet." } };
    }
    let mut comparable: Vec<(String, String)> = reviews
        .iter()
        .filter(|review| review.kind == ReviewKind::SelfAssessment)
        .filter(|own| {
            reviews.iter().any(|peer| peer.kind == ReviewKind::PeerReview && peer.period == own.period)
        })
        .map(|review| (review.organisation.to_string(), review.period.to_string()))
        .collect();
    comparable.dedup();
    html! {
        @for (ods, period) in comparable {
            p {
                a href={ "/organisations/" (ods) "/comparison?period=" (period.replace('/', "%2F")) } {
                    "Compare the self-assessment and peer review for " (period)
                }
            }
        }
        div class="app-table-scroll" role="region" aria-label="Reviews" tabindex="0" {
            table class="nhsuk-table" {
                caption class="nhsuk-table__caption nhsuk-u-visually-hidden" { "Reviews" }
                thead class="nhsuk-table__head" {
                    tr { th scope="col" { "Period" } th scope="col" { "Kind" } th scope="col" { "Status" } }
                }
                tbody class="nhsuk-table__body" {
                    @for review in reviews {
                        tr class="nhsuk-table__row" {
                            td class="nhsuk-table__cell" { a href={ "/reviews/" (review.id) } { (review.period) } }
                            td class="nhsuk-table__cell" { (review.kind.label()) }
                            td class="nhsuk-table__cell" { strong class="nhsuk-tag nhsuk-tag--grey" { (review.status.label()) } }
                        }
                    }
                }
            }
        }
    }
}

/// The form that starts a review, for those who may; a line saying who may, for the others.
fn start_review(organisation: &Organisation, user: &User, shown: &Shown) -> Markup {
    if !may_start_review(user, organisation) {
        return html! {
            p class="nhsuk-body-s" id="who-starts" {
                "Reviews of this organisation are started by its lead, its ICS’s lead or an administrator."
            }
        };
    }
    let feedback = shown.feedback;
    let period = shown.period.to_string();
    let email = user.email.to_string();
    let kinds: Vec<(String, String)> =
        ReviewKind::ALL.iter().map(|kind| (kind.code().to_owned(), kind.label().to_owned())).collect();
    let kind = fields::shown(feedback, "review-kind", ReviewKind::PeerReview.code()).to_owned();
    html! {
        h2 { "Start a review" }
        (feedback.notice())
        form method="post" action={ "/organisations/" (organisation.ods_code) "/reviews" } novalidate {
            (fields::text(feedback, "period", "Period (financial year)", "For example, 2025/26",
                fields::shown(feedback, "period", &period), "nhsuk-input--width-5"))
            (fields::choices(feedback, "review-kind", "Kind of review", &kinds, &[kind], false))
            (fields::text(feedback, "reviewers", "Reviewers’ email addresses",
                "The reviewers who will record the assessment, separated by commas. The first becomes the lead reviewer, who agrees the levels with the others and takes the review to publication",
                fields::shown(feedback, "reviewers", &email), ""))
            (field_errors(&feedback.errors, "organisation"))
            p class="nhsuk-body-s" role="status" data-form-status {}
            button class="nhsuk-button" type="submit" { "Start review" }
        }
    }
}
