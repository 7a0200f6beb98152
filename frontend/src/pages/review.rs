//! A review's page. Its top, the task list (what the review is, its reviewers, and each success
//! measure with where the signed-in reviewer's assessment stands), is the server's view
//! (`functions/src/views/review.rs`), so it paints before the app has started; below it the app
//! adds the lead reviewer's moderation, the lifecycle buttons, the history and the downloads.

use crate::api;
use crate::components::{DownloadButtons, DownloadFile};
use crate::page_guard::{Loads, RequireSignIn};
use crate::router::use_params_map;
use crate::server_view::ServerView;
use leptos::prelude::*;
use wgll_shared::access::Session;
use wgll_shared::review::{Review, ReviewDetail};

#[component]
pub fn ReviewPage() -> impl IntoView {
    let params = use_params_map();
    // Counts the changes made on the page, so the server's part shows them too.
    let changes = RwSignal::new(0_u32);
    let page = move |signed_in: Session| {
        let id = params.get().get("id").unwrap_or_default();
        let detail = api::load::<ReviewDetail>(move || format!("/api/reviews/{id}"));
        let user = signed_in.user;
        let reload = move || {
            detail.refetch();
            changes.update(|count| *count += 1);
        };
        let user = StoredValue::new(user);
        view! {
            <ServerView refresh=changes>
                <Loads data=detail what="the review’s moderation and status" let:detail>
                    <super::moderation::Moderation detail=detail.clone() user=user.get_value() reload />
                    <super::moderation::StatusActions detail=detail.clone() user=user.get_value() reload />
                    <super::moderation::History review_id=detail.review.id.to_string() />
                    <h2>"Report and downloads"</h2>
                    <p><a href=format!("/reviews/{}/report", detail.review.id)>"Printable report"</a></p>
                    <p><a href=evidence_page(&detail.review)>{format!("{}’s evidence for {}", detail.review.organisation_name, detail.review.period)}</a></p>
                    <Downloads review=detail.review.clone() />
                </Loads>
            </ServerView>
        }
    };
    view! { <RequireSignIn page /> }
}

/// The page of the evidence the reviewed organisation gives its reviewers for the review's year.
pub fn evidence_page(review: &wgll_shared::review::Review) -> String {
    format!("/organisations/{}/evidence/{}", review.organisation, review.period.as_str().replace('/', "-"))
}

/// Buttons that download the review as CSV or JSON.
#[component]
pub fn Downloads(review: Review) -> impl IntoView {
    let base = format!(
        "review-{}-{}-{}",
        review.organisation,
        review.period.as_str().replace('/', "-"),
        review.kind.code()
    );
    let file = |label: &'static str, extension: &str| DownloadFile {
        label,
        path: format!("/api/reviews/{}/export.{extension}", review.id),
        name: format!("{base}.{extension}"),
    };
    view! { <DownloadButtons files=vec![file("Download as CSV", "csv"), file("Download as JSON", "json")] /> }
}
