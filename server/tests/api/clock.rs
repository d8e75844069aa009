//! Request integrity and the clock: the day is Beijing's, the calendar does not run out, the
//! time limit stands still while the department waits on the owner (补正), and the zone takes
//! Korla's risk listing. The server's clock is set, never the rows.

use chrono::{DateTime, Utc};
use serde_json::{Value, json};
use server::clock::Clock;
use server::config::EvalDate;

use crate::helpers::{TestApp, Tokens, phone, rent_request, result_for, spawn_app_with};

fn at(s: &str) -> DateTime<Utc> {
    s.parse().expect("an RFC 3339 instant")
}

/// An app on a settable clock, rent waivers due in 5 working days (as utility deferrals are).
async fn app_at(instant: &str) -> (TestApp, Clock) {
    let clock = Clock::fixed(at(instant));
    let c = clock.clone();
    let app = spawn_app_with(move |config| {
        config.clock = c;
        config.requests.time_limits.rent_waiver = 5;
    })
    .await;
    (app, clock)
}

async fn file(app: &TestApp, owner: &Tokens) -> Value {
    let reply = app
        .file(
            &owner.access,
            &format!("k-{}", owner.access.len()),
            &rent_request(),
        )
        .await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.body
}

/// 5-working-day requests filed at 04:00 and 23:30 Beijing time around the Dragon Boat
/// Festival (Friday 2022-06-03) and the weekend after it: each counts from its Beijing day.
#[actix_web::test]
async fn a_filing_counts_from_its_day_in_beijing_at_0400_and_at_2330() {
    let (app, clock) = app_at("2022-06-01T00:00:00Z").await;
    let cases = [
        // Thursday 23:30 in Beijing (15:30 UTC): Friday is the festival.
        ("2022-06-02T15:30:00Z", "2022-06-10", "Thursday 23:30"),
        // Friday 04:00 in Beijing is Thursday in UTC; the festival itself counts from itself.
        ("2022-06-02T20:00:00Z", "2022-06-10", "the festival, 04:00"),
        // Monday 04:00 in Beijing is Sunday 20:00 UTC: due the next Monday, not Friday.
        ("2022-06-05T20:00:00Z", "2022-06-13", "Monday 04:00"),
        ("2022-06-06T15:30:00Z", "2022-06-13", "Monday 23:30"),
        // Friday 23:30 and Saturday 04:00: the weekend is skipped either way.
        ("2022-06-10T15:30:00Z", "2022-06-17", "Friday 23:30"),
        ("2022-06-10T20:00:00Z", "2022-06-17", "Saturday 04:00"),
    ];
    for (n, (instant, due, when)) in cases.into_iter().enumerate() {
        clock.set(at(instant));
        let owner = app.owner(&phone(n as u32 + 1), n as u32 + 1).await;
        let filed = file(&app, &owner).await;
        assert_eq!(filed["due_on"], due, "{when}");
        assert_eq!(
            filed["filed_at"],
            json!(at(instant)),
            "{when}: the instant itself is kept"
        );
        assert_eq!(
            filed["history"][0]["due_on"], due,
            "{when}: the filing says its due day"
        );
    }
}

/// 补正: asked on Tuesday 2022-06-07, answered on Monday 2022-06-13, four working days later
/// (8, 9, 10, 13 June): the request filed on Monday 2022-06-06 and due on the 13th is due on
/// the 17th.
#[actix_web::test]
async fn a_pause_of_four_working_days_moves_the_due_date_by_four() {
    let (app, clock) = app_at("2022-06-06T02:00:00Z").await;
    let owner = app.owner(&phone(1), 1).await;
    let official = app.official(1, "sasac", "korla").await;
    let filed = file(&app, &owner).await;
    assert_eq!(filed["due_on"], "2022-06-13");
    let id = &filed["id"];

    clock.set(at("2022-06-07T02:00:00Z"));
    let reviewed = app
        .decide(
            &official.access,
            id,
            &json!(1),
            &json!({"action": "review"}),
        )
        .await;
    let asked = app
        .decide(
            &official.access,
            id,
            &reviewed.body["version"],
            &json!({"action": "ask", "comment": "请上传租赁合同"}),
        )
        .await;
    assert_eq!(asked.body["status"], "needs_info", "{}", asked.body);
    assert_eq!(asked.body["paused_on"], "2022-06-07");

    // Wednesday 15 June: past the original due day, but the clock stands still, and the
    // request is not counted overdue; the desk shows the day it would be due if answered now.
    clock.set(at("2022-06-15T02:00:00Z"));
    let overdue = app
        .get_as("/api/v1/admin/requests?overdue=true", &official.access)
        .await;
    assert_eq!(overdue.status, 200, "{}", overdue.body);
    assert_eq!(
        overdue.body["items"],
        json!([]),
        "waiting on the owner is not overdue"
    );
    let queue = app.get_as("/api/v1/admin/requests", &official.access).await;
    assert_eq!(queue.body["items"][0]["deadline_state"], "on_time");
    assert_eq!(queue.body["items"][0]["due_at"], "2022-06-21");

    clock.set(at("2022-06-13T02:00:00Z"));
    let answered = app
        .post_as(
            &format!("/api/v1/requests/{id}/answer"),
            Some(&json!({"comment": "合同已上传"})),
            &owner.access,
        )
        .await;
    assert_eq!(answered.status, 200, "{}", answered.body);
    assert_eq!(
        answered.body["due_on"], "2022-06-17",
        "13 June + 4 working days"
    );
    assert_eq!(answered.body["paused_on"], Value::Null);
    let answer = answered.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["kind"] == "answer")
        .unwrap();
    assert_eq!(
        answer["paused_working_days"], 4,
        "the timeline shows the pause"
    );
    assert_eq!(answer["due_on"], "2022-06-17");
}

/// A request asked after its last day stays overdue while it waits.
#[actix_web::test]
async fn a_request_already_late_when_the_department_asks_stays_overdue() {
    let (app, clock) = app_at("2022-06-06T02:00:00Z").await;
    let owner = app.owner(&phone(1), 1).await;
    let official = app.official(1, "sasac", "korla").await;
    let filed = file(&app, &owner).await;
    let id = &filed["id"];
    clock.set(at("2022-06-15T02:00:00Z"));
    let reviewed = app
        .decide(
            &official.access,
            id,
            &json!(1),
            &json!({"action": "review"}),
        )
        .await;
    app.decide(
        &official.access,
        id,
        &reviewed.body["version"],
        &json!({"action": "ask", "comment": "请上传租赁合同"}),
    )
    .await;
    let overdue = app
        .get_as("/api/v1/admin/requests?overdue=true", &official.access)
        .await;
    assert_eq!(overdue.body["items"][0]["id"], *id);
    assert_eq!(overdue.body["items"][0]["deadline_state"], "overdue");
}

/// 元旦 is a fixed date (全国年节及纪念日放假办法): Friday 2027-01-01 is not a working day on
/// a fresh database though no 2027 notice is shipped, and the desk and the dashboard warn
/// that 2027's holidays are not recorded until an administrator records a day of them.
#[actix_web::test]
async fn new_year_2027_is_not_a_working_day_and_the_unrecorded_year_is_flagged_until_recorded() {
    let (app, _clock) = app_at("2026-12-28T02:00:00Z").await;
    let owner = app.owner(&phone(1), 1).await;
    let official = app.official(1, "sasac", "korla").await;
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    let admin = app.staff("13900000002", "admin", &[]).await;
    let filed = file(&app, &owner).await;
    // Monday 28 December + 5: 29, 30, 31 December, (1 January), 4 and 5 January.
    assert_eq!(filed["due_on"], "2027-01-05");

    let queue = app.get_as("/api/v1/admin/requests", &official.access).await;
    assert_eq!(queue.body["unrecorded_holiday_years"], json!([2027]));
    let dashboard = app
        .get_as("/api/v1/admin/dashboard", &supervisor.access)
        .await;
    assert_eq!(dashboard.body["unrecorded_holiday_years"], json!([2027]));
    let settings = app.get_as("/api/v1/admin/settings", &admin.access).await;
    assert_eq!(settings.body["unrecorded_holiday_years"], json!([2027]));

    // The administrator records the 2027 notice (its first day here: a 调休 Saturday).
    let recorded = app
        .post_as(
            "/api/v1/admin/settings",
            Some(&json!({"setting": "calendar_day", "date": "2027-02-20", "day": "workday"})),
            &admin.access,
        )
        .await;
    assert_eq!(recorded.status, 201, "{}", recorded.body);
    assert_eq!(recorded.body["unrecorded_holiday_years"], json!([]));
    let queue = app.get_as("/api/v1/admin/requests", &official.access).await;
    assert_eq!(queue.body["unrecorded_holiday_years"], json!([]));

    // In 2026 itself nothing is flagged: the notice of 2025-11-04 is shipped.
    let fresh = spawn_app_with(|c| c.clock = Clock::fixed(at("2026-06-01T02:00:00Z"))).await;
    let official = fresh.official(1, "sasac", "korla").await;
    let queue = fresh
        .get_as("/api/v1/admin/requests", &official.access)
        .await;
    assert_eq!(queue.body["unrecorded_holiday_years"], json!([]));
}

/// The eligibility date follows the clock's Beijing day when none is configured.
#[actix_web::test]
async fn results_are_evaluated_on_the_day_in_beijing() {
    let clock = Clock::fixed(at("2022-12-31T17:00:00Z"));
    let c = clock.clone();
    let app = spawn_app_with(move |config| {
        config.clock = c;
        config.eval_date = EvalDate::Today;
    })
    .await;
    let (status, body) = app
        .eligibility("", &json!({"answers": {"jurisdiction": "korla"}}))
        .await;
    assert_eq!(status, 200, "{body}");
    assert_eq!(
        body["as_of"], "2023-01-01",
        "01:00 on New Year's Day in Beijing"
    );
}

/// 二(二)一 speaks of the county-level area; KETDZ lies within Korla's. With nothing recorded
/// for the zone it takes Korla's listing; a listing recorded for the zone wins.
#[actix_web::test]
async fn the_zone_follows_korlas_listing_and_then_its_own() {
    let (app, _) = app_at("2022-06-01T02:00:00Z").await;
    let admin = app.staff("13900000002", "admin", &[]).await;
    let tenant = json!({ "as_of": "2022-06-01", "answers": {
        "entity_type": "individual_business", "industry": "catering", "jurisdiction": "ketdz",
        "premises": "rent_county_state", "highway_service_area": false, "monthly_rent_fen": 200000
    }});
    let months = |body: &Value| result_for(body, "rent-waiver-state")["estimate_fen"].clone();
    let put = |place: &'static str, listed: bool| {
        let app = &app;
        let token = admin.access.clone();
        async move {
            let r = app
                .send(
                    reqwest::Method::PUT,
                    &format!("/api/v1/admin/jurisdictions/{place}/facts"),
                    Some(&json!({"medium_high_risk_2022": listed})),
                    Some(&token),
                )
                .await;
            assert_eq!(r.status, 200, "{}", r.body);
        }
    };
    let (_, before) = app.eligibility("", &tenant).await;
    assert_eq!(
        months(&before),
        600_000,
        "nothing recorded: the national 3 months"
    );

    put("korla", true).await;
    let (_, follows) = app.eligibility("", &tenant).await;
    assert_eq!(
        months(&follows),
        1_400_000,
        "Korla listed: the zone gets 7 months"
    );
    let reason = result_for(&follows, "rent-waiver-state")["reasons"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["code"] == "risk_area_listed")
        .unwrap()
        .clone();
    assert_eq!(reason["params"]["recorded_for"], "korla", "{reason}");

    put("ketdz", false).await;
    let (_, own) = app.eligibility("", &tenant).await;
    assert_eq!(months(&own), 600_000, "the zone's own listing wins");
}
