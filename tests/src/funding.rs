//! Funding records for tests that need some in place: a fund shared between two of QWO's trusts
//! by fair shares, the year's ICS envelopes for QWO and QHM, QWO's default allocation and a
//! proposed change to it. Needs `TestApp::add_two_icss_and_their_trusts` first.

use crate::{TestApp, json};
use serde_json::{Value, json};

pub const YEAR: &str = "2025-26";

/// A fund of £10.00 for 2025/26.
pub fn new_fund(id: &str, principle: &str, measures: &[u8]) -> Value {
    json!({
        "id": id, "name": format!("The {id} fund"), "period": "2025/26",
        "total": 1_000, "capital": 600, "revenue": 400, "closingDate": "2026-03-31",
        "principle": principle, "measures": measures, "category": "local-cybersecurity",
    })
}

pub async fn record_population(app: &TestApp, ods: &str, weighted_population: u64) -> Value {
    let body =
        json!({"weightedPopulation": weighted_population, "source": "ONS mid-year, weighted", "version": 0});
    json(app.put(&format!("/api/funding/{YEAR}/populations/{ods}"), &body).await, 200).await
}

/// What the fixture made: the id of the proposed change.
pub struct Funding {
    pub change_id: String,
}

pub async fn set_up(app: &TestApp) -> Funding {
    json(
        app.post(&format!("/api/funding/{YEAR}/funds"), &new_fund("access-fund", "fair-shares", &[3])).await,
        201,
    )
    .await;
    for ods in ["RR8", "RXF", "QWO", "QHM"] {
        record_population(app, ods, 1).await;
    }
    let request = json!({"recipients": ["RR8", "RXF"], "version": 0});
    json(app.put(&format!("/api/funding/{YEAR}/funds/access-fund/allocation"), &request).await, 200).await;
    let envelopes =
        json!({"pot": 1_000, "principle": "fair-shares", "recipients": ["QWO", "QHM"], "version": 0});
    json(app.put(&format!("/api/funding/{YEAR}/envelopes"), &envelopes).await, 200).await;
    let weights = json!({"weights": [
        {"provider": "RR8", "programme": "cyber", "weight": 1, "basis": "equal"},
        {"provider": "RXF", "programme": "cyber", "weight": 1, "basis": "equal"},
    ], "version": 0});
    json(app.put(&format!("/api/funding/{YEAR}/ics/QWO/allocation"), &weights).await, 200).await;
    let change = json!({"moves": [
        {"provider": "RR8", "programme": "cyber", "pence": -100},
        {"provider": "RXF", "programme": "cyber", "pence": 100},
    ], "reason": "Agreed at the ICB digital board", "allocationVersion": 1});
    let proposed = json(app.post(&format!("/api/funding/{YEAR}/ics/QWO/changes"), &change).await, 201).await;
    Funding { change_id: proposed["id"].as_str().expect("a change has an id").to_owned() }
}
