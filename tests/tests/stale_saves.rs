//! Every record that is saved over a version refuses a save from anyone who did not see the
//! version it replaces: not only on the first save (version 0: "must not exist yet"), but on every
//! later one, whether the version sent is older than the stored one or newer. The refused save
//! changes nothing. (Organisations are only ever created, never saved over: a second creation of
//! the same ODS code is refused in `api.rs`.)

use serde_json::{Value, json};
use wgll_shared::framework::Variant;
use wgll_tests::{LEAD_REVIEWER, TestApp, json};

/// The action every action test saves over: from measure 1 of `review`, a published review of RR8.
async fn add_action(app: &TestApp, review: &str) -> Value {
    let body = json!({"reviewId": review, "measure": 1, "description": "Appoint a CCIO", "owner": "Chief Executive", "due": "2027-03-31"});
    json(app.post("/api/organisations/RR8/actions", &body).await, 201).await
}

/// A save at `version` over a record now at a different version: 409, and the record unchanged.
async fn refused_as_stale(app: &TestApp, path: &str, body: Value) {
    let problem = json(app.put(path, &body).await, 409).await;
    assert!(
        problem["detail"].as_str().unwrap().contains("else"),
        "the problem says someone else saved it: {problem}"
    );
}

#[tokio::test]
async fn a_measure_assessment_refuses_an_old_or_unknown_version_after_its_first_save() {
    let app = TestApp::spawn().await;
    let id = app.add_ics_and_trust_with_a_review(&[LEAD_REVIEWER]).await;
    let path = format!("/api/reviews/{id}/measures/2");
    let save = |evidence: &str, version: u64| json!({"evidence": evidence, "version": version});

    assert_eq!(json(app.put(&path, &save("first", 0)).await, 200).await["version"], 1);
    assert_eq!(json(app.put(&path, &save("second", 1)).await, 200).await["version"], 2);
    // A tab that last saw version 1, and a client claiming a version that was never saved.
    refused_as_stale(&app, &path, save("from an old tab", 1)).await;
    refused_as_stale(&app, &path, save("from the future", 3)).await;
    refused_as_stale(&app, &path, save("as if new", 0)).await;

    let detail = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    assert_eq!(detail["measures"][0]["evidence"], "second");
    assert_eq!(detail["measures"][0]["version"], 2);
    assert_eq!(json(app.put(&path, &save("third", 2)).await, 200).await["version"], 3);
}

#[tokio::test]
async fn an_agreed_level_refuses_an_old_or_unknown_version_after_its_first_save() {
    let app = TestApp::spawn().await;
    let id = app.add_ics_and_trust_with_a_review(&[LEAD_REVIEWER]).await;
    app.complete_every_measure(&id).await;
    app.change_status(&id, "submit").await;
    let path = format!("/api/reviews/{id}/measures/3/agreed");
    let save = |level: u8, version: u64| json!({"level": level, "version": version});

    assert_eq!(json(app.put(&path, &save(2, 0)).await, 200).await["version"], 1);
    assert_eq!(json(app.put(&path, &save(3, 1)).await, 200).await["version"], 2);
    refused_as_stale(&app, &path, save(5, 1)).await;
    refused_as_stale(&app, &path, save(5, 3)).await;
    refused_as_stale(&app, &path, save(5, 0)).await;

    let detail = json(app.get(&format!("/api/reviews/{id}")).await, 200).await;
    let agreed = detail["agreed"].as_array().unwrap();
    assert_eq!(agreed.len(), 1);
    assert_eq!((agreed[0]["measure"].as_u64(), agreed[0]["level"].as_u64()), (Some(3), Some(3)));
    assert_eq!(agreed[0]["version"], 2);
}

#[tokio::test]
async fn a_service_offer_refuses_an_old_or_unknown_version_after_its_first_save() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let path = "/api/organisations/RR8/offer/appointments";
    let save = |status: &str, version: u64| {
        json!({
            "status": status, "channels": ["nhs-app"], "since": "2024-03",
            "source": "https://intranet.example.nhs.uk/digital", "lastChecked": "2026-01-05",
            "version": version,
        })
    };

    assert_eq!(json(app.put(path, &save("planned", 0)).await, 200).await["version"], 1);
    assert_eq!(json(app.put(path, &save("pilot", 1)).await, 200).await["version"], 2);
    refused_as_stale(&app, path, save("live", 1)).await;
    refused_as_stale(&app, path, save("live", 3)).await;
    refused_as_stale(&app, path, save("live", 0)).await;

    let offer = json(app.get("/api/organisations/RR8/offer").await, 200).await;
    let appointments = offer["services"]
        .as_array()
        .unwrap()
        .iter()
        .find(|record| record["service"] == "appointments")
        .unwrap();
    assert_eq!((appointments["status"].as_str(), appointments["version"].as_u64()), (Some("pilot"), Some(2)));
    let history = json(app.get("/api/organisations/RR8/offer/history").await, 200).await;
    assert_eq!(history.as_array().unwrap().len(), 2, "no history entry for a refused save");
}

#[tokio::test]
async fn an_action_refuses_an_old_or_unknown_version_after_its_first_save() {
    let app = TestApp::spawn().await;
    app.add_ics_and_trust().await;
    let review =
        app.publish_peer_review("RR8", Variant::Organisation, "2025/26", [2, 2, 3, 3, 3, 3, 3]).await;
    let created = add_action(&app, &review).await;
    assert_eq!(created["version"], 1);
    let path = format!("/api/organisations/RR8/actions/{}", created["id"].as_str().unwrap());
    let save = |owner: &str, status: &str, version: u64| json!({"description": "Appoint a CCIO", "targetLevel": 3, "owner": owner, "due": "2027-03-31", "status": status, "version": version});

    assert_eq!(
        json(app.put(&path, &save("Medical Director", "in-progress", 1)).await, 200).await["version"],
        2
    );
    refused_as_stale(&app, &path, save("Someone else", "done", 1)).await;
    refused_as_stale(&app, &path, save("Someone else", "done", 3)).await;

    let actions = json(app.get("/api/organisations/RR8/actions").await, 200).await;
    assert_eq!(actions[0]["owner"], "Medical Director");
    assert_eq!(
        (actions[0]["status"].as_str(), actions[0]["version"].as_u64()),
        (Some("in-progress"), Some(2))
    );
    assert_eq!(json(app.put(&path, &save("Medical Director", "done", 2)).await, 200).await["version"], 3);
}

/// The API compares versions before it writes, so a save that loses a race (its version checked,
/// then someone else's save lands first) is refused only by the store's conditional write. These
/// call the store as the handlers do, at the moment after such a check: the record has moved on.
mod lost_races {
    use super::*;
    use wgll_functions::store::{Refusal, Store, StoreError};
    use wgll_shared::offer::{OfferChange, ServiceOffer, ServiceOfferUpdate};

    fn refused_as_stale(result: Result<(), StoreError>) -> bool {
        matches!(result, Err(StoreError::Refused(Refusal::Stale)))
    }
    use wgll_shared::organisation::OdsCode;

    #[tokio::test]
    async fn a_service_offer_saved_over_a_version_that_moved_on_is_not_written() {
        let app = TestApp::spawn().await;
        app.add_ics_and_trust().await;
        let path = "/api/organisations/RR8/offer/appointments";
        let record = |status: &str, version: u64| {
            json!({"status": status, "channels": ["nhs-app"], "source": "https://intranet.example.nhs.uk/digital",
                   "lastChecked": "2026-01-05", "version": version})
        };
        json(app.put(path, &record("planned", 0)).await, 200).await;
        let store = Store::connect(&app.config).await;
        let rr8 = OdsCode::parse("RR8").unwrap();
        let (organisation, records) = store.get_organisation_offer(&rr8).await.unwrap().unwrap();
        let seen: ServiceOffer = records.into_iter().find(|r| r.service == "appointments").unwrap();
        assert_eq!(seen.version, 1);
        // Someone else's save lands after this editor's version was checked...
        json(app.put(path, &record("pilot", 1)).await, 200).await;
        // ...and this editor's, over version 1, must not overwrite version 2.
        let update: ServiceOfferUpdate = serde_json::from_value(record("live", 1)).unwrap();
        let valid = update.validate(wgll_shared::date::Date::parse("2026-12-02").unwrap()).unwrap();
        let at = &wgll_shared::timestamp::Timestamp::parse("2026-12-02T10:00:00.000Z").unwrap();
        let change = OfferChange::new(&seen, &valid, "Late <late@example.nhs.uk>", at);
        let late = ServiceOffer::saved(&seen, valid, "Late", at.clone());
        assert_eq!(late.version, 2, "the next version after the one this editor saw");
        let saved = store.save_service_offer(&organisation, &late, &change).await;
        assert!(refused_as_stale(saved), "the store refuses the lost race");

        let offer = json(app.get("/api/organisations/RR8/offer").await, 200).await;
        let appointments =
            offer["services"].as_array().unwrap().iter().find(|r| r["service"] == "appointments").unwrap();
        assert_eq!(
            (appointments["status"].as_str(), appointments["version"].as_u64()),
            (Some("pilot"), Some(2))
        );
        let history = json(app.get("/api/organisations/RR8/offer/history").await, 200).await;
        assert_eq!(history.as_array().unwrap().len(), 2, "nor its history entry");
    }

    #[tokio::test]
    async fn an_action_saved_over_a_version_that_moved_on_is_not_written() {
        let app = TestApp::spawn().await;
        app.add_ics_and_trust().await;
        let review =
            app.publish_peer_review("RR8", Variant::Organisation, "2025/26", [2, 2, 3, 3, 3, 3, 3]).await;
        let created = add_action(&app, &review).await;
        let id = wgll_shared::ids::ActionId::parse(created["id"].as_str().unwrap()).unwrap();
        let store = Store::connect(&app.config).await;
        let rr8 = OdsCode::parse("RR8").unwrap();
        let mut seen = store.get_action(&rr8, &id).await.unwrap().unwrap();
        assert_eq!(seen.version, 1);
        let update = json!({"description": "Appoint a CCIO", "targetLevel": 3, "owner": "Medical Director", "due": "2027-03-31", "status": "in-progress", "version": 1});
        json(app.put(&format!("/api/organisations/RR8/actions/{id}"), &update).await, 200).await;

        seen.owner = "Someone late".to_owned();
        seen.version = 2;
        assert!(refused_as_stale(store.save_action(&seen).await), "a save over version 1 when it is at 2");
        seen.version = 4;
        assert!(refused_as_stale(store.save_action(&seen).await), "a save over a version never written");
        seen.version = 1;
        assert!(
            refused_as_stale(store.save_action(&seen).await),
            "a new action with the id of one that exists"
        );

        let actions = json(app.get("/api/organisations/RR8/actions").await, 200).await;
        assert_eq!(
            (actions[0]["owner"].as_str(), actions[0]["version"].as_u64()),
            (Some("Medical Director"), Some(2))
        );
    }
}
