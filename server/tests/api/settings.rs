//! Settings that change results: recorded by administrators as dated, audited rows apart
//! from the catalog version, in force at once; results and filings say which were in force.

use chrono::{Datelike, Duration, NaiveDate, Utc, Weekday};
use serde_json::{Value, json};

use crate::helpers::{TestApp, Tokens, phone, rent_request, result_for, spawn_app};

async fn record(app: &TestApp, admin: &Tokens, setting: Value) -> crate::helpers::Reply {
    app.post_as("/api/v1/admin/settings", Some(&setting), &admin.access)
        .await
}

/// The first Monday-to-Friday day after `d`.
fn next_weekday(d: NaiveDate) -> NaiveDate {
    let mut d = d + Duration::days(1);
    while matches!(d.weekday(), Weekday::Sat | Weekday::Sun) {
        d += Duration::days(1);
    }
    d
}

fn studio_owner() -> Value {
    json!({ "as_of": "2022-06-01", "answers": {
        "annual_revenue_fen": 500000000, "employees": 50, "entity_type": "enterprise",
        "industry": "software_it", "jurisdiction": "korla",
        "skill_master_studio_level": "provincial", "total_assets_fen": 800000000
    }})
}

#[actix_web::test]
async fn a_recorded_festival_and_time_limit_set_the_due_day_of_the_next_filing_at_once() {
    let app = spawn_app().await;
    let admin = app.staff("13700002222", "admin", &[]).await;
    let today = shared::application::beijing_day(Utc::now());
    let festival = next_weekday(today);

    let limit = record(
        &app,
        &admin,
        json!({"setting": "time_limit", "kind": "rent_waiver", "working_days": 1}),
    )
    .await;
    assert_eq!(limit.status, 201, "{}", limit.body);
    assert_eq!(limit.body["time_limits"]["rent_waiver"], 1);
    assert_eq!(limit.body["revision"], 1);
    let day = record(
        &app,
        &admin,
        json!({"setting": "calendar_day", "date": festival, "day": "holiday", "name": "古尔邦节"}),
    )
    .await;
    assert_eq!(day.status, 201, "{}", day.body);
    assert_eq!(
        day.body["calendar"],
        json!([{"date": festival, "day": "holiday", "name": "古尔邦节"}])
    );
    assert_eq!(day.body["revision"], 2);

    let owner = app.owner(&phone(1), 1).await;
    let filed = app.file(&owner.access, "k-1", &rent_request()).await;
    assert_eq!(filed.status, 201, "{}", filed.body);
    assert_eq!(
        filed.body["due_on"],
        next_weekday(festival).to_string(),
        "one working day, the festival skipped"
    );
    assert_eq!(filed.body["history"][0]["rules_revision"], 2);

    let log = app
        .get_as("/api/v1/admin/audit?action=setting_recorded", &admin.access)
        .await;
    let details: Vec<&str> = log.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["detail"].as_str().unwrap())
        .collect();
    assert_eq!(details.len(), 2);
    assert!(details[0].contains("古尔邦节"), "{details:?}");
    assert!(details[1].contains("rent_waiver = 1"), "{details:?}");

    let listed = app.get_as("/api/v1/admin/settings", &admin.access).await;
    assert_eq!(listed.body["recorded"][0]["setting"], "time_limit");
    assert_eq!(listed.body["recorded"][1]["name"], "古尔邦节");
    assert_eq!(
        listed.body["catalog_version"], "2022.4",
        "the version is unchanged"
    );

    let back = record(
        &app,
        &admin,
        json!({"setting": "calendar_day", "date": festival, "day": null}),
    )
    .await;
    assert_eq!(back.body["calendar"], json!([]), "back to the weekday rule");
    assert_eq!(back.body["revision"], 3);
}

#[actix_web::test]
async fn a_redacted_amount_recorded_by_an_administrator_gives_an_estimate_at_once() {
    let app = spawn_app().await;
    let admin = app.staff("13700002222", "admin", &[]).await;
    let (_, before) = app.eligibility("", &studio_owner()).await;
    assert_eq!(before["rules_revision"], 0);
    assert_eq!(
        result_for(&before, "skill-master-studio")["estimate_fen"],
        Value::Null,
        "the seed redacts the amount"
    );
    let set = record(
        &app,
        &admin,
        json!({"setting": "amount", "param": "reward_skill_master_studio_fen",
               "value_fen": 10_000_000, "from": "2022-01-01"}),
    )
    .await;
    assert_eq!(set.status, 201, "{}", set.body);
    let (_, after) = app.eligibility("", &studio_owner()).await;
    assert_eq!(
        result_for(&after, "skill-master-studio")["estimate_fen"],
        10_000_000
    );
    assert_eq!(after["rules_revision"], 1);
    assert_eq!(after["catalog_version"], "2022.4");
    let catalog: Value = app.get("/api/v1/catalog").await.json().await.unwrap();
    let param = catalog["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["id"] == "reward_skill_master_studio_fen")
        .unwrap();
    assert_eq!(
        param["values"][0]["value"], 10_000_000,
        "the phones' copy agrees"
    );
}

#[actix_web::test]
async fn closing_a_measures_application_window_refuses_new_filings_at_once() {
    let app = spawn_app().await;
    let admin = app.staff("13700002222", "admin", &[]).await;
    let set = record(
        &app,
        &admin,
        json!({"setting": "application_window", "measure": "rent-waiver-state",
               "from": "2022-01-01", "to": "2022-05-31"}),
    )
    .await;
    assert_eq!(set.status, 201, "{}", set.body);
    let owner = app.owner(&phone(1), 1).await;
    let refused = app.file(&owner.access, "k-1", &rent_request()).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(refused.code(), "application_window_closed");
}

#[actix_web::test]
async fn bad_settings_are_refused_naming_the_field_and_only_administrators_record_them() {
    let app = spawn_app().await;
    let admin = app.staff("13700002222", "admin", &[]).await;
    // (setting, field, why it must fail)
    let cases = [
        (
            json!({"setting": "time_limit", "kind": "rent_waiver", "working_days": 0}),
            "working_days",
            "no time at all",
        ),
        (
            json!({"setting": "amount", "param": "rent_state_months_base", "value_fen": 1, "from": "2022-01-01"}),
            "param",
            "not redacted: published values change with a catalog version",
        ),
        (
            json!({"setting": "amount", "param": "reward_skill_master_studio_fen", "value_fen": -1, "from": "2022-01-01"}),
            "value_fen",
            "negative",
        ),
        (
            json!({"setting": "application_window", "measure": "vat-exemption", "from": "2022-01-01"}),
            "measure",
            "nothing is filed for it here",
        ),
        (
            json!({"setting": "application_window", "measure": "rent-waiver-state", "from": "2022-06-01", "to": "2022-05-01"}),
            "to",
            "ends before it starts",
        ),
    ];
    for (setting, field, why) in cases {
        let r = record(&app, &admin, setting).await;
        assert_eq!(r.status, 400, "{why}: {}", r.body);
        assert_eq!(r.body["error"]["field"], field, "{why}: {}", r.body);
    }
    let unknown = record(&app, &admin, json!({"setting": "tax_rate", "value": 1})).await;
    assert_eq!(unknown.status, 400, "{}", unknown.body);
    let official = app.official(1, "sasac", "korla").await;
    let by_official = record(
        &app,
        &official,
        json!({"setting": "time_limit", "kind": "rent_waiver", "working_days": 3}),
    )
    .await;
    assert_eq!(by_official.status, 403);
    let read = app.get_as("/api/v1/admin/settings", &official.access).await;
    assert_eq!(read.status, 200);
    assert_eq!(
        read.body["recorded"],
        json!([]),
        "nothing refused was recorded"
    );
}
