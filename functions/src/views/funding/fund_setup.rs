//! Adding a fund to a year, or changing one, for administrators (`/funding-setup/new-fund` and
//! `/funding-setup/funds/{fund}`, `?period=…`): its name, total and its capital and revenue
//! split in pounds, closing date, how it is shared, the measures it improves and who pays.
//! A change carries the version it was read at, so two people never overwrite each other.

use super::fields::{self, shown};
use super::query;
use crate::views::Feedback;
use maud::{Markup, html};
use wgll_shared::funding::records::Versioned;
use wgll_shared::funding::who_pays::SpendingCategory;
use wgll_shared::funding::{Fund, Principle};
use wgll_shared::period::Period;

/// A value as its form field's option is written (its name on the wire: `fair-shares`).
pub fn key<T: serde::Serialize>(value: T) -> String {
    serde_json::to_value(value).ok().and_then(|value| value.as_str().map(str::to_owned)).unwrap_or_default()
}

/// Pounds as typed in a form: `1234.56`, without the `£` and the grouping commas.
pub fn pounds_typed(pence: wgll_shared::funding::Pence) -> String {
    format!("{}.{:02}", pence.get() / 100, pence.get() % 100)
}

/// The form: empty to add a fund to `period`, or `existing`'s to change it.
pub fn render(period: &Period, existing: Option<&Versioned<Fund>>, feedback: &Feedback) -> Markup {
    let fund = existing.map(|record| &record.value);
    let saved = |get: fn(&Fund) -> String| fund.map(get).unwrap_or_default();
    let (heading, action) = match fund {
        None => {
            (format!("Add a fund for {period}"), format!("/funding-setup/new-fund?period={}", query(period)))
        }
        Some(fund) => (
            format!("Change {}", fund.name()),
            format!("/funding-setup/funds/{}?period={}", fund.id(), query(period)),
        ),
    };
    let date = fund.and_then(Fund::closing_date);
    let (day, month, year) = date.map_or((String::new(), String::new(), String::new()), |date| {
        (date.day().to_string(), date.month().to_string(), date.year().to_string())
    });
    let typed_or = |id: &str, saved: &str| shown(feedback, id, saved).to_owned();
    let principles: Vec<(String, String)> = Principle::ALL
        .into_iter()
        .map(|principle| (key(principle), format!("{}: {}", principle.label(), principle.meaning())))
        .collect();
    let categories: Vec<(String, String)> =
        std::iter::once((String::new(), "Choose one".to_owned()))
            .chain(SpendingCategory::ALL.into_iter().map(|category| {
                (key(category), format!("{}: {}", category.payer().label(), category.label()))
            }))
            .collect();
    let chosen = |name: &str, saved: Vec<String>| -> Vec<String> {
        if feedback.typed.is_empty() {
            saved
        } else {
            feedback.typed.iter().filter(|(field, _)| field == name).map(|(_, value)| value.clone()).collect()
        }
    };
    let principle = chosen("principle", fund.map(|fund| vec![key(fund.principle())]).unwrap_or_default());
    let measures = chosen(
        "measures",
        fund.map(|fund| fund.measures().iter().map(|measure| measure.to_string()).collect())
            .unwrap_or_default(),
    );
    html! {
        div class="nhsuk-back-link" data-title={ (heading) } {
            a href={ "/funding?period=" (query(period)) } class="nhsuk-back-link__link" { "All funds for " (period) }
        }
        span class="nhsuk-caption-l" { "Funding setup" }
        h1 { (heading) }
        (feedback.notice())
        form method="post" action=(action) id="fund" novalidate {
            @if let Some(record) = existing {
                input type="hidden" name="version" value=(record.version);
                p { "Its id is " strong { (record.value.id()) } " (it cannot change)." }
            } @else {
                (fields::text(feedback, "id", "Its id", "Lower-case letters and numbers joined by hyphens, like shared-care-records: it names the fund in addresses and exports", &typed_or("id", ""), "nhsuk-input--width-20"))
            }
            (fields::text(feedback, "name", "Name", "", &typed_or("name", &saved(|fund| fund.name().to_owned())), ""))
            (fields::pounds(feedback, "total", "Total", "In pounds, like 2,500,000 or 2500000.00", &typed_or("total", &saved(|fund| pounds_typed(fund.total())))))
            (fields::pounds(feedback, "capital", "Capital", "The capital part of the total", &typed_or("capital", &saved(|fund| pounds_typed(fund.capital())))))
            (fields::pounds(feedback, "revenue", "Revenue", "The revenue part: capital and revenue must add up to the total", &typed_or("revenue", &saved(|fund| pounds_typed(fund.revenue())))))
            (fields::date(feedback, "closingDate", "Closing date", "The last day bids are accepted, for example 31 3 2027. Leave it empty if the fund is allocated without bids.",
                (&typed_or("closingDate-day", &day), &typed_or("closingDate-month", &month), &typed_or("closingDate-year", &year))))
            (fields::choices(feedback, "principle", "How the pot is shared", &principles, &principle, false))
            (fields::choices(feedback, "measures", "The success measures it improves", &fields::measures(), &measures, true))
            (fields::select(feedback, "category", "What it pays for, and so who pays from 2022/23", &categories,
                &typed_or("category", &saved(|fund| key(fund.category())))))
            (fields::submit(if existing.is_some() { "Save the changes" } else { "Add the fund" }, false))
        }
    }
}
