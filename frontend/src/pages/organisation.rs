//! One organisation: its details, its reviews, and the form to start a review.

use crate::api::{self, Loaded};
use crate::components::{ErrorSummary, TextField, current_period, error_for, invalid, set_title};
use crate::page_guard::{Loads, RequireSignIn};
use crate::router::use_params_map;
use crate::session::use_session;
use leptos::prelude::*;
use wgll_shared::organisation::Organisation;
use wgll_shared::problem::Problem;
use wgll_shared::review::{NewReview, Review, ReviewKind};

#[component]
pub fn OrganisationPage() -> impl IntoView {
    let params = use_params_map();
    let page = move |_| {
        let code = params.get().get("ods").unwrap_or_default();
        let organisation = api::load::<Organisation>({
            let code = code.clone();
            move || format!("/api/organisations/{code}")
        });
        let reviews = api::load::<Vec<Review>>(move || format!("/api/organisations/{code}/reviews"));
        view! {
            <Loads data=organisation what="the organisation" heading="Organisation" let:organisation>
                <OrganisationOverview organisation reviews />
            </Loads>
        }
    };
    view! { <RequireSignIn page /> }
}

#[component]
fn OrganisationOverview(organisation: Organisation, reviews: Loaded<Vec<Review>>) -> impl IntoView {
    set_title(&organisation.name);
    let ics = organisation.ics().to_string();
    let members = api::load::<Vec<Organisation>>(move || format!("/api/organisations?ics={ics}"));
    let in_ics = organisation.clone();
    view! {
        <OrganisationDetails organisation=organisation.clone() />
        <Loads data=members what="the ICS's organisations" let:list>
            <IcsMembership organisation=in_ics.clone() members=list />
        </Loads>
        <OfferLinks organisation=organisation.clone() />
        <h2>"Reviews"</h2>
        <Loads data=reviews what="reviews" let:list>
            <ReviewTable reviews=list />
        </Loads>
        <StartReview organisation=organisation />
    }
}

#[component]
fn OrganisationDetails(organisation: Organisation) -> impl IntoView {
    let row = |key: &'static str, value: String| {
        view! {
            <div class="nhsuk-summary-list__row">
                <dt class="nhsuk-summary-list__key">{key}</dt>
                <dd class="nhsuk-summary-list__value">{value}</dd>
            </div>
        }
    };
    view! {
        <span class="nhsuk-caption-l">{organisation.kind.label()}</span>
        <h1>{organisation.name.clone()}</h1>
        <dl class="nhsuk-summary-list">
            {row("ODS code", organisation.ods_code.to_string())}
            {row("Kind", organisation.kind.label().to_owned())}
            {(!organisation.town.is_empty()).then(|| row("Town or city", organisation.town.clone()))}
        </dl>
    }
}

/// For an organisation, its ICS by name; for an ICS, the organisations in it (and, for those who
/// may, a way to add one). `members` are the ICS and its organisations.
#[component]
fn IcsMembership(organisation: Organisation, members: Vec<Organisation>) -> impl IntoView {
    use wgll_shared::organisation::OrganisationKind;
    if organisation.kind != OrganisationKind::Ics {
        let ics = members.iter().find(|member| member.kind == OrganisationKind::Ics);
        return ics
            .map(|ics| {
                let href = format!("/organisations/{}", ics.ods_code);
                view! { <p id="its-ics">"Part of " <a href=href>{ics.name.clone()}</a></p> }
            })
            .into_any();
    }
    let may_add = use_session().get_untracked().is_some_and(|session| {
        session.user.is_administrator() || session.user.leads_ics(&organisation.ods_code)
    });
    let mut members: Vec<Organisation> =
        members.into_iter().filter(|member| member.kind != OrganisationKind::Ics).collect();
    members.sort_by_key(|member| member.name.to_lowercase());
    view! {
        <h2>"Organisations in this ICS"</h2>
        {if members.is_empty() {
            view! { <p id="members">"None yet."</p> }.into_any()
        } else {
            view! {
                <ul class="nhsuk-list" id="members">
                    {members.into_iter().map(|member| {
                        let href = format!("/organisations/{}", member.ods_code);
                        view! { <li><a href=href>{member.name}</a>" (" {member.kind.label()} ")"</li> }
                    }).collect_view()}
                </ul>
            }.into_any()
        }}
        {may_add.then(|| view! {
            <p><a href="/organisations/new" class="nhsuk-button nhsuk-button--secondary">"Add an organisation"</a></p>
        })}
    }
    .into_any()
}

/// Where to follow the organisation's outcomes and see (and, for its leads, change) what it offers
/// citizens online.
#[component]
fn OfferLinks(organisation: Organisation) -> impl IntoView {
    let ods = organisation.ods_code.to_string();
    let is_ics = organisation.kind == wgll_shared::organisation::OrganisationKind::Ics;
    // Funding only for those the rules let see it: administrators, the ICS's lead, and (for an
    // organisation) its own lead.
    let sees_funding = use_session().get_untracked().is_some_and(|session| {
        let user = &session.user;
        user.is_administrator()
            || user.leads_ics(organisation.ics())
            || (!is_ics && user.leads_organisation(&organisation.ods_code))
    });
    let funding = match is_ics {
        true => format!("/ics/{ods}/funding"),
        false => format!("/organisations/{ods}/funding"),
    };
    view! {
        <ul class="nhsuk-list">
            {if is_ics {
                view! {
                    <li><a href=format!("/ics/{ods}/dashboard")>"Dashboard of outcomes across this ICS"</a></li>
                    <li><a href=format!("/ics/{ods}/digital-services")>"Digital services across this ICS"</a></li>
                }.into_any()
            } else {
                view! {
                    <li><a href=format!("/organisations/{ods}/outcomes")>"Outcomes and action plan"</a></li>
                    <li><a href=format!("/organisations/{ods}/digital-services")>"Digital services for patients"</a></li>
                }.into_any()
            }}
            {sees_funding.then(|| view! { <li><a href=funding>"Funding"</a></li> })}
            // The same people record and see its tech spend (and an ICS's lead, its members').
            {sees_funding.then(|| {
                let spend = if is_ics { format!("/ics/{ods}/tech-spend") } else { format!("/organisations/{ods}/tech-spend") };
                let benefits = if is_ics { format!("/ics/{ods}/benefits") } else { format!("/organisations/{ods}/benefits") };
                view! {
                    <li><a href=spend>"Tech spend"</a></li>
                    <li><a href=format!("/organisations/{ods}/bids")>"Bids for funding"</a></li>
                    <li><a href=benefits>"Benefits, planned and realised"</a></li>
                }
            })}
            // Those who may see its funding are those who may upload its evidence.
            {sees_funding.then(|| {
                let period = current_period();
                let href = format!("/organisations/{ods}/evidence/{}", period.as_str().replace('/', "-"));
                view! { <li><a href=href>{format!("Evidence for its reviewers, {period}")}</a></li> }
            })}
        </ul>
    }
}

#[component]
fn ReviewTable(reviews: Vec<Review>) -> impl IntoView {
    if reviews.is_empty() {
        return view! { <p>"No reviews you can see yet."</p> }.into_any();
    }
    // Periods with both a self-assessment and a peer review can be compared.
    let mut comparable: Vec<(String, String)> = reviews
        .iter()
        .filter(|review| review.kind == ReviewKind::SelfAssessment)
        .filter(|own| {
            reviews.iter().any(|peer| peer.kind == ReviewKind::PeerReview && peer.period == own.period)
        })
        .map(|review| (review.organisation.to_string(), review.period.to_string()))
        .collect();
    comparable.dedup();
    view! {
        {comparable.into_iter().map(|(ods, period)| view! {
            <p><a href=format!("/organisations/{ods}/comparison?period={}", period.replace('/', "%2F"))>
                {format!("Compare the self-assessment and peer review for {period}")}
            </a></p>
        }).collect_view()}
        <div class="app-table-scroll" role="region" aria-label="Reviews" tabindex="0">
            <table class="nhsuk-table">
                <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Reviews"</caption>
                <thead class="nhsuk-table__head">
                    <tr><th scope="col">"Period"</th><th scope="col">"Kind"</th><th scope="col">"Status"</th></tr>
                </thead>
                <tbody class="nhsuk-table__body">
                    {reviews.into_iter().map(|review| view! {
                        <tr class="nhsuk-table__row">
                            <td class="nhsuk-table__cell"><a href=format!("/reviews/{}", review.id)>{review.period.to_string()}</a></td>
                            <td class="nhsuk-table__cell">{review.kind.label()}</td>
                            <td class="nhsuk-table__cell"><strong class="nhsuk-tag nhsuk-tag--grey">{review.status.label()}</strong></td>
                        </tr>
                    }).collect_view()}
                </tbody>
            </table>
        </div>
    }
    .into_any()
}

#[component]
fn StartReview(organisation: Organisation) -> impl IntoView {
    let session = use_session();
    // Only for those the rules let start one (administrators, the ICS's lead, the organisation's
    // lead): others are not offered a form the service would refuse.
    let may_start = session.get_untracked().is_some_and(|session| {
        let user = &session.user;
        user.is_administrator()
            || user.leads_ics(organisation.ics())
            || user.leads_organisation(&organisation.ods_code)
    });
    if !may_start {
        return view! {
            <p class="nhsuk-body-s" id="who-starts">
                "Reviews of this organisation are started by its lead, its ICS’s lead or an administrator."
            </p>
        }
        .into_any();
    }
    let period = RwSignal::new(current_period().to_string());
    let kind = RwSignal::new(ReviewKind::PeerReview.code().to_owned());
    let own_email = session.get_untracked().map(|session| session.user.email.to_string()).unwrap_or_default();
    let reviewers = RwSignal::new(own_email);
    let (problem, set_problem) = signal(None::<Problem>);
    let start = api::sender::<NewReview, Review>(api::Method::Post, "/api/reviews");
    Effect::new(move |_| match start.answer() {
        Some(Ok(review)) => crate::router::navigate(&format!("/reviews/{}", review.id)),
        Some(Err(failure)) => set_problem.set(Some(failure)),
        None => {}
    });
    let code = organisation.ods_code.to_string();
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let form = NewReview {
            organisation: code.clone(),
            period: period.get(),
            kind: kind.get(),
            framework_id: None,
            reviewers: reviewers.get().split([',', ';', '\n', ' ']).map(str::to_owned).collect(),
        };
        match form.validate() {
            Err(errors) => set_problem.set(Some(invalid(errors))),
            Ok(_) => {
                set_problem.set(None);
                start.dispatch(form);
            }
        }
    };
    let kind_error = move || error_for(problem.get(), "kind");
    view! {
        <h2>"Start a review"</h2>
        <ErrorSummary problem=problem />
        <form novalidate on:submit=submit>
            <TextField field="period" label="Period (financial year)" hint="For example, 2025/26"
                value=period problem=problem width_class="nhsuk-input--width-5" />
            <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || kind_error().is_some()>
                <fieldset class="nhsuk-fieldset">
                    <legend class="nhsuk-fieldset__legend nhsuk-fieldset__legend--s">"Kind of review"</legend>
                    {move || kind_error().map(|message| view! {
                        <span class="nhsuk-error-message" id="kind-error"><span class="nhsuk-u-visually-hidden">"Error: "</span>{message}</span>
                    })}
                    <div class="nhsuk-radios">
                        {ReviewKind::ALL.into_iter().map(|option| {
                            let id = format!("review-kind-{}", option.code());
                            view! {
                                <div class="nhsuk-radios__item">
                                    <input class="nhsuk-radios__input" id=id.clone() name="review-kind" type="radio" value=option.code()
                                        prop:checked=move || kind.get() == option.code()
                                        on:change=move |_| kind.set(option.code().to_owned()) />
                                    <label class="nhsuk-label nhsuk-radios__label" for=id>{option.label()}</label>
                                </div>
                            }
                        }).collect_view()}
                    </div>
                </fieldset>
            </div>
            <TextField field="reviewers" label="Reviewers’ email addresses"
                hint="The reviewers who will record the assessment, separated by commas. The first becomes the lead reviewer, who agrees the levels with the others and takes the review to publication"
                value=reviewers problem=problem />
            <button class="nhsuk-button" type="submit" disabled=move || start.is_pending()>
                {move || if start.is_pending() { "Starting…" } else { "Start review" }}
            </button>
        </form>
    }
    .into_any()
}
