//! Action plans: the list of actions (an organisation's or a whole ICS's) with filters and the
//! overdue ones flagged, a status change on each, and the form that creates an action from a gap
//! in a published review.

use crate::api;
use crate::components::{ErrorSummary, IcsOutcomeLinks, TextField, error_for, invalid, set_title, today};
use crate::date_input::DateInput;
use crate::page_guard::{Loads, RequireSignIn};
use crate::router::{use_params_map, use_query_map};
use leptos::prelude::*;
use wgll_shared::actions::{ActionStatus, ActionUpdate, NewAction, PlannedAction, default_target};
use wgll_shared::organisation::{Organisation, OrganisationKind};
use wgll_shared::outcomes::{Trend, measure_headings};
use wgll_shared::problem::Problem;
use wgll_shared::review::{Review, ReviewKind, ReviewStatus};

/// A table of actions; each row's status can be changed by those allowed (the API decides).
#[component]
pub fn ActionTable(actions: Vec<PlannedAction>, show_organisation: bool) -> impl IntoView {
    let today = today();
    let titles = measure_headings();
    if actions.is_empty() {
        return view! { <p id="actions-empty">"No actions match."</p> }.into_any();
    }
    view! {
        <table class="nhsuk-table-responsive" id="actions">
            <caption class="nhsuk-table__caption nhsuk-u-visually-hidden">"Actions"</caption>
            <thead class="nhsuk-table__head">
                <tr>
                    {show_organisation.then(|| view! { <th scope="col">"Organisation"</th> })}
                    <th scope="col">"Action"</th>
                    <th scope="col">"Measure and target"</th>
                    <th scope="col">"Owner"</th>
                    <th scope="col">"Due"</th>
                    <th scope="col">"Status"</th>
                </tr>
            </thead>
            <tbody class="nhsuk-table__body">
                {actions.into_iter().map(|action| {
                    let overdue = action.is_overdue(today);
                    let heading = |text: &'static str| view! { <span class="nhsuk-table-responsive__heading" aria-hidden="true">{text}" "</span> };
                    let measure = titles.iter().find(|m| m.number == action.measure).map_or(String::new(), |m| m.title.clone());
                    let levels = match action.current_level {
                        Some(current) => format!("{measure}: from {current} to {}", action.target_level),
                        None => format!("{measure}: to {}", action.target_level),
                    };
                    let (link, name) = (format!("/organisations/{}/outcomes", action.ods_code), action.organisation_name.clone());
                    view! {
                        <tr class="nhsuk-table__row">
                            {show_organisation.then(|| view! {
                                <td class="nhsuk-table__cell">{heading("Organisation")}<a href=link>{name}</a></td>
                            })}
                            <td class="nhsuk-table__cell">{heading("Action")}{action.description.clone()}
                                {(!action.gap.is_empty()).then(|| view! { <br /><span class="nhsuk-body-s">{format!("Gap: {}", action.gap)}</span> })}
                            </td>
                            <td class="nhsuk-table__cell">{heading("Measure and target")}{levels}</td>
                            <td class="nhsuk-table__cell">{heading("Owner")}{action.owner.clone()}</td>
                            <td class="nhsuk-table__cell">{heading("Due")}{action.due.to_string()}
                                {overdue.then(|| view! { " "<strong class="nhsuk-tag nhsuk-tag--red">"Overdue"</strong> })}
                            </td>
                            <td class="nhsuk-table__cell">{heading("Status")}<StatusChanger action /></td>
                        </tr>
                    }
                }).collect_view()}
            </tbody>
        </table>
    }
    .into_any()
}

/// The action's status as a select with a save button: the quickest update for a busy lead.
#[component]
fn StatusChanger(action: PlannedAction) -> impl IntoView {
    let saved = RwSignal::new(action.clone());
    let chosen = RwSignal::new(action.status);
    let (problem, set_problem) = signal(None::<Problem>);
    let save = api::sender::<ActionUpdate, PlannedAction>(
        api::Method::Put,
        format!("/api/organisations/{}/actions/{}", action.ods_code, action.id),
    );
    Effect::new(move |_| match save.answer() {
        Some(Ok(updated)) => {
            set_problem.set(None);
            saved.set(updated);
        }
        Some(Err(failure)) => set_problem.set(Some(failure)),
        None => {}
    });
    let id = format!("status-{}", saved.get_untracked().id);
    let submit = move |event: leptos::ev::SubmitEvent| {
        event.prevent_default();
        let current = saved.get();
        save.dispatch(ActionUpdate {
            description: current.description,
            target_level: current.target_level,
            owner: current.owner,
            due: current.due.to_string(),
            status: chosen.get(),
            version: current.version,
        });
    };
    view! {
        <form class="app-inline-form" on:submit=submit>
            <label class="nhsuk-u-visually-hidden" for=id.clone()>{format!("Status of “{}”", saved.get_untracked().description)}</label>
            <select class="nhsuk-select" id=id on:change=move |event| {
                if let Some(status) = ActionStatus::parse(&event_target_value(&event)) { chosen.set(status); }
            }>
                {ActionStatus::ALL.into_iter().map(|status| view! {
                    <option value=status.code() selected=move || saved.get().status == status>{status.label()}</option>
                }).collect_view()}
            </select>
            " "
            <button class="nhsuk-button nhsuk-button--secondary nhsuk-button--small" type="submit" disabled=move || save.is_pending()>
                {move || if save.is_pending() { "Saving…" } else { "Update" }}
            </button>
            <span role="status" class="nhsuk-body-s">
                {move || match (save.is_pending(), save.answer()) {
                    (true, _) => "Saving…".to_owned(),
                    (false, Some(Ok(updated))) => format!("Saved: {}", updated.status.label()),
                    _ => String::new(),
                }}
            </span>
            {move || problem.get().map(|problem| view! { <span class="nhsuk-error-message">{problem.detail}</span> })}
        </form>
    }
}

/// Creates an action from a measure of one of the organisation's published peer reviews.
#[component]
pub fn NewActionForm(
    ods: String,
    reviews: Vec<Review>,
    trend: Trend,
    on_created: Callback<()>,
) -> impl IntoView {
    let published: Vec<Review> = reviews
        .into_iter()
        .filter(|review| review.status == ReviewStatus::Published && review.kind == ReviewKind::PeerReview)
        .collect();
    if published.is_empty() {
        return view! { <p>"Actions start from a gap in a published peer review; this organisation has none yet."</p> }.into_any();
    }
    let review_id = RwSignal::new(published[0].id.to_string());
    let measure = RwSignal::new(1u8);
    let description = RwSignal::new(String::new());
    let owner = RwSignal::new(String::new());
    let due = RwSignal::new(String::new());
    let (problem, set_problem) = signal(None::<Problem>);
    // The agreed level of the chosen measure in the chosen review, from the trend's figures.
    let current_level = {
        let (published, trend) = (published.clone(), trend.clone());
        move || {
            let review = published.iter().find(|review| review.id.as_str() == review_id.get())?;
            let point = trend.points.iter().find(|point| point.period == review.period)?;
            point.levels.get(usize::from(measure.get()) - 1).copied().flatten()
        }
    };
    let target = RwSignal::new(String::new());
    let path = format!("/api/organisations/{ods}/actions");
    let create = api::sender::<NewAction, PlannedAction>(api::Method::Post, path);
    Effect::new(move |_| match create.answer() {
        Some(Ok(_)) => {
            set_problem.set(None);
            description.set(String::new());
            on_created.run(());
        }
        Some(Err(failure)) => set_problem.set(Some(failure)),
        None => {}
    });
    let submit = {
        let current_level = current_level.clone();
        move |event: leptos::ev::SubmitEvent| {
            event.prevent_default();
            let target_level = target.get().trim().parse::<u8>().ok();
            let form = NewAction {
                review_id: review_id.get(),
                measure: measure.get(),
                description: description.get(),
                target_level,
                owner: owner.get(),
                due: due.get(),
            };
            match form.validate(current_level()) {
                Err(errors) => set_problem.set(Some(invalid(errors))),
                Ok(_) => {
                    set_problem.set(None);
                    create.dispatch(form);
                }
            }
        }
    };
    let target_error = move || error_for(problem.get(), "targetLevel");
    let target_hint = move || {
        let current = current_level();
        match current {
            Some(level) => {
                format!("The agreed level is {level}. Leave blank for {}.", default_target(Some(level)))
            }
            None => format!("Leave blank for {}.", default_target(None)),
        }
    };
    view! {
        <ErrorSummary problem=problem />
        <form novalidate on:submit=submit id="new-action">
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="review-id">"Review"</label>
                <select class="nhsuk-select" id="review-id" on:change=move |event| review_id.set(event_target_value(&event))>
                    {published.iter().map(|review| view! {
                        <option value=review.id.to_string()>{format!("Peer review {}", review.period)}</option>
                    }).collect_view()}
                </select>
            </div>
            <div class="nhsuk-form-group">
                <label class="nhsuk-label" for="measure">"Measure with the gap"</label>
                <select class="nhsuk-select" id="measure" on:change=move |event| {
                    measure.set(event_target_value(&event).parse().unwrap_or(1));
                }>
                    {measure_headings().into_iter().map(|heading| view! {
                        <option value=heading.number.to_string()>{format!("{}. {}", heading.number, heading.title)}</option>
                    }).collect_view()}
                </select>
            </div>
            <TextField field="description" label="What will be done" value=description problem=problem />
            <div class="nhsuk-form-group" class:nhsuk-form-group--error=move || target_error().is_some()>
                <label class="nhsuk-label" for="target-level">"Target level (optional)"</label>
                <div class="nhsuk-hint" id="target-level-hint">{target_hint}</div>
                {move || target_error().map(|message| view! {
                    <span class="nhsuk-error-message" id="target-level-error"><span class="nhsuk-u-visually-hidden">"Error: "</span>{message}</span>
                })}
                <input class="nhsuk-input nhsuk-input--width-2" id="target-level" type="text" inputmode="numeric"
                    aria-describedby="target-level-hint"
                    prop:value=move || target.get() on:input=move |event| target.set(event_target_value(&event)) />
            </div>
            <TextField field="owner" label="Owner" hint="The person or role accountable for it" value=owner problem=problem />
            <DateInput field="due" legend="Due date" hint="For example, 31 3 2027" value=due problem=problem />
            <button class="nhsuk-button" type="submit" disabled=move || create.is_pending()>
                {move || if create.is_pending() { "Adding…" } else { "Add action" }}
            </button>
        </form>
    }
    .into_any()
}

#[component]
pub fn IcsActionsPage() -> impl IntoView {
    let params = use_params_map();
    let query = use_query_map();
    let page = move |_| {
        let ics = params.get().get("ics").unwrap_or_default();
        let status = query.get().get("status").unwrap_or_default();
        let overdue = query.get().get("overdue").is_some_and(|value| value == "true");
        let organisation = query.get().get("organisation").unwrap_or_default();
        set_title("Action plans");
        let actions = api::load::<Vec<PlannedAction>>({
            let (ics, status, organisation) = (ics.clone(), status.clone(), organisation.clone());
            move || {
                let mut path = format!("/api/ics/{ics}/actions?status={status}&organisation={organisation}");
                if overdue {
                    path.push_str("&overdue=true");
                }
                path
            }
        });
        let members = api::load::<Vec<Organisation>>({
            let ics = ics.clone();
            move || format!("/api/organisations?ics={ics}")
        });
        let chosen_organisation = RwSignal::new(organisation.clone());
        let chosen_status = RwSignal::new(status.clone());
        let chosen_overdue = RwSignal::new(overdue);
        let submit = {
            let ics = ics.clone();
            move |event: leptos::ev::SubmitEvent| {
                event.prevent_default();
                let overdue = if chosen_overdue.get() { "&overdue=true" } else { "" };
                crate::router::navigate(&format!(
                    "/ics/{ics}/actions?status={}&organisation={}{overdue}",
                    chosen_status.get(),
                    chosen_organisation.get()
                ));
            }
        };
        view! {
            <h1>"Action plans"</h1>
            <IcsOutcomeLinks ics=ics.clone() />
            <form class="app-inline-form" on:submit=submit id="action-filters">
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="filter-status">"Status"</label>
                    <select class="nhsuk-select" id="filter-status" on:change=move |event| chosen_status.set(event_target_value(&event))>
                        <option value="" selected=status.is_empty()>"Any"</option>
                        {ActionStatus::ALL.into_iter().map(|option| view! {
                            <option value=option.code() selected=status == option.code()>{option.label()}</option>
                        }).collect_view()}
                    </select>
                </div>
                <div class="nhsuk-form-group">
                    <label class="nhsuk-label" for="filter-organisation">"Organisation"</label>
                    <select class="nhsuk-select" id="filter-organisation"
                        on:change=move |event| chosen_organisation.set(event_target_value(&event))>
                        <option value="" selected=organisation.is_empty()>"Any"</option>
                        {move || members.get().and_then(Result::ok).unwrap_or_default().into_iter()
                            .filter(|member| member.kind != OrganisationKind::Ics)
                            .map(|member| {
                                let code = member.ods_code.to_string();
                                let selected = code == chosen_organisation.get_untracked();
                                view! { <option value=code selected=selected>{member.name}</option> }
                            }).collect_view()}
                    </select>
                </div>
                <div class="nhsuk-checkboxes__item">
                    <input class="nhsuk-checkboxes__input" id="filter-overdue" type="checkbox"
                        prop:checked=move || chosen_overdue.get()
                        on:change=move |event| chosen_overdue.set(event_target_checked(&event)) />
                    <label class="nhsuk-label nhsuk-checkboxes__label" for="filter-overdue">"Overdue only"</label>
                </div>
                <button class="nhsuk-button nhsuk-button--secondary" type="submit">"Filter"</button>
            </form>
            <Loads data=actions what="the actions" let:actions>
                <IcsActionList actions />
            </Loads>
        }
    };
    view! { <RequireSignIn page /> }
}

/// An ICS's actions as filtered, with how many are overdue.
#[component]
fn IcsActionList(actions: Vec<PlannedAction>) -> impl IntoView {
    let late = actions.iter().filter(|action| action.is_overdue(today())).count();
    view! {
        <p id="actions-summary">{format!(
            "{} {}, {late} overdue.",
            actions.len(),
            if actions.len() == 1 { "action" } else { "actions" }
        )}</p>
        <ActionTable actions show_organisation=true />
    }
}

/// An organisation's action plan and the form that adds to it, below its outcomes (the server's
/// view of `/organisations/{ods}/outcomes`).
#[component]
pub fn OrganisationActionPlan() -> impl IntoView {
    let params = use_params_map();
    let ods = params.get_untracked().get("ods").unwrap_or_default();
    let refresh = RwSignal::new(0u32);
    let actions = api::load::<Vec<PlannedAction>>({
        let ods = ods.clone();
        move || {
            refresh.track();
            format!("/api/organisations/{ods}/actions")
        }
    });
    let reviews = api::load::<Vec<Review>>({
        let ods = ods.clone();
        move || format!("/api/organisations/{ods}/reviews")
    });
    // The agreed levels, for the form's hint and its check of the target.
    let trend = api::load::<Trend>({
        let ods = ods.clone();
        move || format!("/api/organisations/{ods}/trends")
    });
    let on_created = Callback::new(move |()| refresh.update(|count| *count += 1));
    view! {
        <h2>"Action plan"</h2>
        <Loads data=actions what="the actions" let:actions>
            <ActionTable actions show_organisation=false />
        </Loads>
        <h3>"Add an action"</h3>
        <Loads data=reviews what="the reviews" let:reviews>
            <NewActionFormWith ods=ods.clone() reviews trend on_created />
        </Loads>
    }
}

#[component]
fn NewActionFormWith(
    ods: String,
    reviews: Vec<Review>,
    trend: crate::api::Loaded<Trend>,
    on_created: Callback<()>,
) -> impl IntoView {
    view! {
        <Loads data=trend what="the reviews" let:trend>
            <NewActionForm ods=ods.clone() reviews=reviews.clone() trend on_created />
        </Loads>
    }
}
