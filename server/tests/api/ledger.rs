//! The ledger after a decision: opened by the approval's grant, added to by the deciding
//! department, read by the owner, summed for the supervisors.

use serde_json::{Value, json};

use crate::helpers::*;

impl TestApp {
    async fn record(&self, token: &str, id: &Value, key: &str, body: &Value) -> Reply {
        self.send_with(
            reqwest::Method::POST,
            &format!("/api/v1/admin/requests/{id}/ledger"),
            &[
                ("content-type", "application/json".into()),
                ("Idempotency-Key", key.into()),
            ],
            Some(body.to_string().into_bytes()),
            Some(token),
        )
        .await
    }
}

/// Today in Beijing, as the server counts days.
fn today() -> String {
    shared::application::beijing_day(chrono::Utc::now()).to_string()
}

fn settled(amount: i64) -> Value {
    json!({"kind": "settled", "amount_fen": amount, "on": today(), "reference": "国网结算单 0001"})
}

#[actix_web::test]
async fn an_approval_opens_the_ledger_and_a_settlement_lowers_what_the_owner_still_owes() {
    let app = spawn_app().await;
    let ndrc = app.official(1, "ndrc", "luntai").await;
    let (id, owner) = approved_deferral(&app, 1, "luntai", 120_000, &ndrc).await;

    let opened = app
        .get_as(&format!("/api/v1/requests/{id}/ledger"), &owner.access)
        .await;
    assert_eq!(opened.status, 200, "{}", opened.body);
    let entries = opened.body["entries"].as_array().unwrap();
    assert_eq!(entries.len(), 2, "one entry a month deferred");
    assert!(
        entries
            .iter()
            .all(|e| e["kind"] == "deferred" && e["due_on"] == "2022-12-31")
    );
    assert_eq!(entries[1]["month"], "2022-05");
    assert_eq!(opened.body["granted_fen"], 240_000);
    assert_eq!(opened.body["outstanding_fen"], 240_000);
    assert_eq!(opened.body["side"], "to_settle");
    assert_eq!(opened.body["settle_by"], "2022-12-31");
    assert!(
        entries[0].get("by_id").is_none(),
        "owners see the department, not the official"
    );
    assert_eq!(entries[0]["department"], "ndrc");

    let written = app
        .record(&ndrc.access, &id, "s-1", &settled(100_000))
        .await;
    assert_eq!(written.status, 201, "{}", written.body);
    assert_eq!(written.body["kind"], "settled");
    assert_eq!(written.body["reference"], "国网结算单 0001");
    assert!(written.body["by_id"].is_number());

    let after = app
        .get_as(&format!("/api/v1/requests/{id}/ledger"), &owner.access)
        .await;
    assert_eq!(after.body["outstanding_fen"], 140_000);
    let staff_view = app
        .get_as(&format!("/api/v1/admin/requests/{id}/ledger"), &ndrc.access)
        .await;
    assert_eq!(staff_view.status, 200);
    assert_eq!(staff_view.body["entries"].as_array().unwrap().len(), 3);
}

#[actix_web::test]
async fn a_repeated_key_writes_once_and_a_key_reused_for_another_entry_is_refused() {
    let app = spawn_app().await;
    let ndrc = app.official(1, "ndrc", "luntai").await;
    let (id, _) = approved_deferral(&app, 1, "luntai", 120_000, &ndrc).await;
    let first = app
        .record(&ndrc.access, &id, "same", &settled(50_000))
        .await;
    assert_eq!(first.status, 201, "{}", first.body);
    let again = app
        .record(&ndrc.access, &id, "same", &settled(50_000))
        .await;
    assert_eq!(again.status, 200, "{}", again.body);
    assert_eq!(again.body["id"], first.body["id"]);
    let other = app
        .record(&ndrc.access, &id, "same", &settled(60_000))
        .await;
    assert_eq!(
        (other.status, other.code()),
        (422, "idempotency_key_reused")
    );
    let missing = app
        .send(
            reqwest::Method::POST,
            &format!("/api/v1/admin/requests/{id}/ledger"),
            Some(&settled(1)),
            Some(&ndrc.access),
        )
        .await;
    assert_eq!(
        (missing.status, missing.code()),
        (400, "idempotency_key_required")
    );
    let ledger = app
        .get_as(&format!("/api/v1/admin/requests/{id}/ledger"), &ndrc.access)
        .await;
    assert_eq!(ledger.body["outstanding_fen"], 190_000, "written once");
}

#[actix_web::test]
async fn an_entry_that_does_not_fit_the_ledger_is_refused_naming_its_field_and_nothing_is_written()
{
    let app = spawn_app().await;
    let ndrc = app.official(1, "ndrc", "luntai").await;
    let (id, _) = approved_deferral(&app, 1, "luntai", 120_000, &ndrc).await;
    let (other, _) = approved_deferral(&app, 2, "luntai", 10_000, &ndrc).await;
    let paid = app.record(&ndrc.access, &id, "s-1", &settled(40_000)).await;
    assert_eq!(paid.status, 201, "{}", paid.body);
    let paid_id = paid.body["id"].clone();
    let reversal = json!({"kind": "reversal", "amount_fen": 40_000, "on": today(),
                          "reference": "更正 1", "reverses": paid_id, "note": "结算单号录错"});
    let undone = app.record(&ndrc.access, &id, "r-1", &reversal).await;
    assert_eq!(undone.status, 201, "{}", undone.body);
    let entries = app
        .get_as(&format!("/api/v1/admin/requests/{id}/ledger"), &ndrc.access)
        .await
        .body["entries"]
        .clone();
    let opening = entries[0]["id"].clone();
    let reversal_id = undone.body["id"].clone();
    let other_entry = app
        .get_as(
            &format!("/api/v1/admin/requests/{other}/ledger"),
            &ndrc.access,
        )
        .await
        .body["entries"][0]["id"]
        .clone();
    let other_settled = app
        .record(&ndrc.access, &other, "o-1", &settled(5_000))
        .await;
    assert_eq!(other_settled.status, 201, "{}", other_settled.body);

    let with = |change: Value| {
        let mut body = settled(10_000);
        for (k, v) in change.as_object().unwrap() {
            body[k] = v.clone();
        }
        body
    };
    let cases = [
        (
            with(json!({"amount_fen": 0})),
            "amount_fen",
            "not_positive_amount",
        ),
        (
            with(json!({"amount_fen": -5})),
            "amount_fen",
            "not_positive_amount",
        ),
        (
            with(json!({"amount_fen": 240_001})),
            "amount_fen",
            "more_than_outstanding",
        ),
        (
            with(json!({"kind": "refunded"})),
            "kind",
            "nothing_to_close",
        ),
        (with(json!({"on": "2099-01-01"})), "on", "date_in_future"),
        (
            with(json!({"on": "2022-01-01"})),
            "on",
            "date_before_filing",
        ),
        (with(json!({"reference": "  "})), "reference", "required"),
        (
            with(json!({"reverses": opening})),
            "reverses",
            "reverses_only_for_reversal",
        ),
        (
            with(
                json!({"kind": "reversal", "amount_fen": 240_000, "reverses": opening, "note": "x"}),
            ),
            "reverses",
            "opening_not_reversible",
        ),
        (
            with(
                json!({"kind": "reversal", "amount_fen": 40_000, "reverses": reversal_id, "note": "x"}),
            ),
            "reverses",
            "reversal_of_reversal",
        ),
        (
            with(
                json!({"kind": "reversal", "amount_fen": 40_000, "reverses": paid_id, "note": "x"}),
            ),
            "reverses",
            "already_reversed",
        ),
        (
            with(
                json!({"kind": "reversal", "amount_fen": 5_000, "reverses": other_settled.body["id"], "note": "x"}),
            ),
            "reverses",
            "not_this_request",
        ),
        (
            with(
                json!({"kind": "reversal", "amount_fen": 10_000, "reverses": other_entry, "note": "x"}),
            ),
            "reverses",
            "not_this_request",
        ),
    ];
    for (n, (body, field, problem)) in cases.iter().enumerate() {
        let refused = app
            .record(&ndrc.access, &id, &format!("bad-{n}"), body)
            .await;
        assert_eq!(
            (
                refused.status,
                refused.code(),
                refused.body["error"]["field"].as_str(),
                refused.body["error"]["problem"].as_str()
            ),
            (422, "invalid_entry", Some(*field), Some(*problem)),
            "{body}: {}",
            refused.body
        );
    }
    // Before an approval nothing was granted.
    let owner = app.owner(&phone(3), 3).await;
    let filed = app
        .file(&owner.access, "k-open", &deferral("luntai", 1_000))
        .await;
    let open = app
        .record(&ndrc.access, &filed.body["id"], "open-1", &settled(1_000))
        .await;
    assert_eq!(
        (
            open.status,
            open.code(),
            open.body["error"]["field"].as_str()
        ),
        (422, "invalid_entry", Some("request"))
    );
    let ledger = app
        .get_as(&format!("/api/v1/admin/requests/{id}/ledger"), &ndrc.access)
        .await;
    assert_eq!(
        ledger.body["entries"].as_array().unwrap().len(),
        4,
        "nothing refused was written"
    );
    assert_eq!(ledger.body["outstanding_fen"], 240_000);
}

#[actix_web::test]
async fn only_those_who_may_see_the_request_read_its_ledger_and_only_the_deciding_department_writes()
 {
    let app = spawn_app().await;
    let ndrc = app.official(1, "ndrc", "luntai").await;
    let (id, _) = approved_deferral(&app, 1, "luntai", 120_000, &ndrc).await;
    let stranger = app.owner(&phone(2), 2).await;
    let elsewhere = app.official(2, "ndrc", "korla").await;
    let grid = app.official(3, "state_grid", "luntai").await;
    let supervisor = app.staff("13600000001", "supervisor", &[]).await;
    let admin = app.staff("13600000002", "admin", &[]).await;
    let owner_path = format!("/api/v1/requests/{id}/ledger");
    let desk_path = format!("/api/v1/admin/requests/{id}/ledger");

    assert_eq!(app.get_as(&owner_path, &stranger.access).await.status, 404);
    assert_eq!(app.get_as(&desk_path, &elsewhere.access).await.status, 404);
    assert_eq!(app.get_as(&desk_path, &admin.access).await.status, 404);
    assert_eq!(
        app.get_as(&desk_path, &grid.access).await.status,
        200,
        "State Grid assists and sees"
    );
    assert_eq!(app.get_as(&desk_path, &supervisor.access).await.status, 200);
    assert_eq!(app.get_as(&desk_path, &stranger.access).await.status, 403);
    assert_eq!(
        app.get_as("/api/v1/requests/999999/ledger", &stranger.access)
            .await
            .status,
        404
    );

    assert_eq!(
        app.record(&elsewhere.access, &id, "e-1", &settled(1))
            .await
            .status,
        404
    );
    assert_eq!(
        app.record(&grid.access, &id, "g-1", &settled(1))
            .await
            .status,
        403
    );
    assert_eq!(
        app.record(&supervisor.access, &id, "s-1", &settled(1))
            .await
            .status,
        403
    );
    assert_eq!(
        app.get_as("/api/v1/admin/ledger/summary", &ndrc.access)
            .await
            .status,
        403
    );
}

/// A small deterministic generator.
struct Dice(u64);

impl Dice {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n
    }
}

#[derive(Default, Debug, PartialEq, Eq, Clone, Copy)]
struct Sums {
    requests: i64,
    granted: i64,
    to_settle: i64,
    closed: i64,
}

#[actix_web::test]
async fn the_summary_equals_sums_computed_apart_after_approvals_settlements_and_reversals() {
    let app = spawn_app().await;
    let counties = ["luntai", "korla"];
    let officials = [
        app.official(1, "ndrc", "luntai").await,
        app.official(2, "ndrc", "korla").await,
    ];
    let mut dice = Dice(0x1ed6_e5ee_d022);
    let mut expected = [Sums::default(); 2];
    let mut n = 0u32;
    for (c, county) in counties.iter().enumerate() {
        for _ in 0..4 {
            n += 1;
            let per_month = 10_000 + 1_000 * i64::try_from(dice.below(50)).unwrap();
            let (id, _) = approved_deferral(&app, n, county, per_month, &officials[c]).await;
            let mut outstanding = 2 * per_month;
            let sums = &mut expected[c];
            sums.requests += 1;
            sums.granted += 2 * per_month;
            for step in 0..3 {
                let amount =
                    1 + i64::try_from(dice.below(u64::try_from(outstanding).unwrap())).unwrap();
                let written = app
                    .record(
                        &officials[c].access,
                        &id,
                        &format!("{n}-{step}"),
                        &settled(amount),
                    )
                    .await;
                assert_eq!(written.status, 201, "{}", written.body);
                outstanding -= amount;
                sums.closed += amount;
                if dice.below(3) == 0 {
                    let reversal = json!({"kind": "reversal", "amount_fen": amount, "on": today(),
                                          "reference": "更正", "reverses": written.body["id"], "note": "录错"});
                    let undone = app
                        .record(
                            &officials[c].access,
                            &id,
                            &format!("{n}-{step}-r"),
                            &reversal,
                        )
                        .await;
                    assert_eq!(undone.status, 201, "{}", undone.body);
                    outstanding += amount;
                    sums.closed -= amount;
                }
            }
            sums.to_settle += outstanding;
            let ledger = app
                .get_as(
                    &format!("/api/v1/admin/requests/{id}/ledger"),
                    &officials[c].access,
                )
                .await;
            assert_eq!(ledger.body["outstanding_fen"], outstanding);
        }
    }
    let supervisor = app.staff("13600000001", "supervisor", &[]).await;
    let summary = app
        .get_as("/api/v1/admin/ledger/summary", &supervisor.access)
        .await;
    assert_eq!(summary.status, 200, "{}", summary.body);
    let read = |row: &Value| Sums {
        requests: row["requests"].as_i64().unwrap(),
        granted: row["granted_fen"].as_i64().unwrap(),
        to_settle: row["to_settle_fen"].as_i64().unwrap(),
        closed: row["closed_fen"].as_i64().unwrap(),
    };
    for (c, county) in counties.iter().enumerate() {
        let row = summary.body["counties"]
            .as_array()
            .unwrap()
            .iter()
            .find(|r| r["jurisdiction"] == *county)
            .unwrap();
        assert_eq!(read(row), expected[c], "{county}");
        assert_eq!(row["to_receive_fen"], 0);
    }
    let all = Sums {
        requests: expected[0].requests + expected[1].requests,
        granted: expected[0].granted + expected[1].granted,
        to_settle: expected[0].to_settle + expected[1].to_settle,
        closed: expected[0].closed + expected[1].closed,
    };
    assert_eq!(read(&summary.body["totals"]), all);
    let departments = summary.body["departments"].as_array().unwrap();
    assert_eq!(departments.len(), 1);
    assert_eq!(departments[0]["department"], "ndrc");
    assert_eq!(read(&departments[0]), all);
}

/// A highway service area's rent, paid for 2022, refunded: filed by owner `n` in Korla and
/// approved by `official` of the Transport Bureau; the request's id and the owner.
async fn approved_refund(app: &TestApp, n: u32, official: &Tokens) -> (Value, Tokens) {
    let owner = app.owner(&phone(n), n).await;
    let filed = app
        .file(
            &owner.access,
            &format!("h-{n}"),
            &json!({
                "measure": "rent-waiver-highway",
                "kind": "rent_waiver",
                "answers": {
                    "entity_type": "individual_business", "industry": "catering", "employees": 6,
                    "annual_revenue_fen": 90_000_000, "jurisdiction": "korla",
                    "highway_service_area": true, "monthly_rent_fen": 300_000, "rent_2022_paid": true
                },
                "payload": {
                    "premises_address": "G3012 库尔勒服务区 3 号铺",
                    "landlord_type": "highway_operator",
                    "landlord_name": "新疆交投巴州服务区运营公司",
                    "lease_start": "2021-01-01", "lease_end": "2023-12-31",
                    "monthly_rent_fen": 300_000, "rent_2022_paid": true
                }
            }),
        )
        .await;
    assert_eq!(filed.status, 201, "{}", filed.body);
    let id = filed.body["id"].clone();
    let reviewed = app
        .decide(
            &official.access,
            &id,
            &json!(1),
            &json!({"action": "review"}),
        )
        .await;
    let grant = json!({"action": "approve", "grant": {"kind": "rent_waiver", "months": 7,
                       "amount_fen": 2_100_000, "relief": "refund"}});
    let approved = app
        .decide(&official.access, &id, &reviewed.body["version"], &grant)
        .await;
    assert_eq!(approved.status, 200, "{}", approved.body);
    (id, owner)
}

fn refunded(amount: i64) -> Value {
    json!({"kind": "refunded", "amount_fen": amount, "on": today(), "reference": "交投退款 0815"})
}

#[actix_web::test]
async fn an_owner_who_did_not_receive_a_refund_opens_one_work_item_until_the_department_closes_it()
{
    let app = spawn_app().await;
    let transport = app.official(1, "transport", "korla").await;
    let sasac = app.official(2, "sasac", "korla").await;
    let supervisor = app.staff("13600000001", "supervisor", &[]).await;
    let (id, owner) = approved_refund(&app, 1, &transport).await;
    let stranger = app.owner(&phone(2), 2).await;
    let sent = app
        .record(&transport.access, &id, "ref-1", &refunded(2_100_000))
        .await;
    assert_eq!(sent.status, 201, "{}", sent.body);
    let entry = sent.body["id"].clone();
    let opening = app
        .get_as(&format!("/api/v1/requests/{id}/ledger"), &owner.access)
        .await
        .body["entries"][0]["id"]
        .clone();
    let answer = |entry: &Value| format!("/api/v1/requests/{id}/ledger/{entry}/receipt");
    let no = json!({"received": false, "note": "银行卡没有到账记录"});

    // Only the refund itself is asked about, and only by its owner.
    let opening_answer = app
        .post_as(&answer(&opening), Some(&no), &owner.access)
        .await;
    assert_eq!(
        (
            opening_answer.status,
            opening_answer.body["error"]["problem"].as_str()
        ),
        (422, Some("no_receipt_asked"))
    );
    assert_eq!(
        app.post_as(&answer(&entry), Some(&no), &stranger.access)
            .await
            .status,
        404
    );
    assert_eq!(
        app.post_as(&answer(&json!(99_999)), Some(&no), &owner.access)
            .await
            .status,
        404
    );

    let said = app.post_as(&answer(&entry), Some(&no), &owner.access).await;
    assert_eq!(said.status, 201, "{}", said.body);
    assert_eq!(said.body["received"], false);
    let again = app
        .post_as(
            &answer(&entry),
            Some(&json!({"received": true})),
            &owner.access,
        )
        .await;
    assert_eq!(
        (again.status, again.code()),
        (409, "invalid_transition"),
        "answered once"
    );

    // One work item: the department's list, the supervisors', the summary and the dashboard.
    let items = app
        .get_as("/api/v1/admin/ledger/not-received", &transport.access)
        .await;
    assert_eq!(items.body.as_array().unwrap().len(), 1, "{}", items.body);
    assert_eq!(items.body[0]["entry_id"], entry);
    assert_eq!(items.body[0]["note"], "银行卡没有到账记录");
    let all = app
        .get_as("/api/v1/admin/ledger/not-received", &supervisor.access)
        .await;
    assert_eq!(all.body.as_array().unwrap().len(), 1);
    let others = app
        .get_as("/api/v1/admin/ledger/not-received", &sasac.access)
        .await;
    assert_eq!(others.body, json!([]));
    let summary = app
        .get_as("/api/v1/admin/ledger/summary", &supervisor.access)
        .await;
    assert_eq!(summary.body["totals"]["not_received_open"], 1);
    let dashboard = app
        .get_as("/api/v1/admin/dashboard", &supervisor.access)
        .await;
    let row = dashboard.body["departments"]
        .as_array()
        .unwrap()
        .iter()
        .find(|r| r["key"] == "transport")
        .unwrap()
        .clone();
    assert_eq!(row["not_received_open"], 1);

    // The department closes it with what it found; only it may, once.
    let resolve = format!("/api/v1/admin/requests/{id}/ledger/{entry}/resolution");
    let found = json!({"resolution": "运营公司 8 月 15 日已转账，账号尾号 1234，已告知企业查询"});
    assert_eq!(
        app.post_as(&resolve, Some(&found), &sasac.access)
            .await
            .status,
        404
    );
    let empty = app
        .post_as(
            &resolve,
            Some(&json!({"resolution": " "})),
            &transport.access,
        )
        .await;
    assert_eq!(
        (empty.status, empty.body["error"]["field"].as_str()),
        (422, Some("resolution"))
    );
    let closed = app.post_as(&resolve, Some(&found), &transport.access).await;
    assert_eq!(closed.status, 200, "{}", closed.body);
    let closed_entry = closed.body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == entry)
        .unwrap()
        .clone();
    assert!(closed_entry["receipt"]["resolved_at"].is_string());
    let twice = app.post_as(&resolve, Some(&found), &transport.access).await;
    assert_eq!(twice.status, 409);
    let items = app
        .get_as("/api/v1/admin/ledger/not-received", &transport.access)
        .await;
    assert_eq!(items.body, json!([]));
    let summary = app
        .get_as("/api/v1/admin/ledger/summary", &supervisor.access)
        .await;
    assert_eq!(summary.body["totals"]["not_received_open"], 0);
    // The owner reads what the department found.
    let seen = app
        .get_as(&format!("/api/v1/requests/{id}/ledger"), &owner.access)
        .await;
    let seen_entry = seen.body["entries"]
        .as_array()
        .unwrap()
        .iter()
        .find(|e| e["id"] == entry)
        .unwrap()
        .clone();
    assert_eq!(seen_entry["receipt"]["resolution"], found["resolution"]);
}

#[actix_web::test]
async fn a_reversed_refund_is_not_asked_about() {
    let app = spawn_app().await;
    let transport = app.official(1, "transport", "korla").await;
    let (id, owner) = approved_refund(&app, 1, &transport).await;
    let sent = app
        .record(&transport.access, &id, "ref-1", &refunded(1_000_000))
        .await;
    let entry = sent.body["id"].clone();
    let reversal = json!({"kind": "reversal", "amount_fen": 1_000_000, "on": today(),
                          "reference": "更正", "reverses": entry, "note": "退款被银行退回"});
    assert_eq!(
        app.record(&transport.access, &id, "rev-1", &reversal)
            .await
            .status,
        201
    );
    let answered = app
        .post_as(
            &format!("/api/v1/requests/{id}/ledger/{entry}/receipt"),
            Some(&json!({"received": true})),
            &owner.access,
        )
        .await;
    assert_eq!(
        (answered.status, answered.body["error"]["problem"].as_str()),
        (422, Some("entry_reversed"))
    );
}

/// A day `days` from today in Beijing.
fn in_days(days: i64) -> String {
    (shared::application::beijing_day(chrono::Utc::now()) + chrono::Duration::days(days))
        .to_string()
}

/// The reminders an owner has among their messages.
async fn reminders(app: &TestApp, owner: &Tokens) -> Vec<Value> {
    let messages = app.get_as("/api/v1/messages", &owner.access).await;
    messages.body["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["reminder"].is_object())
        .cloned()
        .collect()
}

#[actix_web::test]
async fn a_settle_reminder_is_sent_once_across_a_restart_and_a_second_process() {
    let (database_url, file) = fresh_database().await;
    // The first run sends no reminders: the businesses below are set up first.
    let mut config = test_config(database_url.clone());
    config.reminder_poll = None;
    let app = start(config, file).await.unwrap();
    let ndrc = app.official(1, "ndrc", "luntai").await;
    let approve = |settle_by: String| {
        let mut grant = deferral_grant(50_000);
        grant["grant"]["settle_by"] = json!(settle_by);
        grant
    };
    // Due in five days, 1,000 yuan still to settle of 1,000 yuan deferred.
    let (soon, owner) = {
        let owner = app.owner(&phone(1), 1).await;
        let filed = app
            .file(&owner.access, "k-1", &deferral("luntai", 50_000))
            .await;
        let id = filed.body["id"].clone();
        let reviewed = app
            .decide(&ndrc.access, &id, &json!(1), &json!({"action": "review"}))
            .await;
        let approved = app
            .decide(
                &ndrc.access,
                &id,
                &reviewed.body["version"],
                &approve(in_days(5)),
            )
            .await;
        assert_eq!(approved.status, 200, "{}", approved.body);
        (id, owner)
    };
    // Due in sixty days: too far to remind; due in three days but settled: nothing owed.
    let far_owner = app.owner(&phone(2), 2).await;
    let far = app
        .file(&far_owner.access, "k-2", &deferral("luntai", 50_000))
        .await;
    let far_id = far.body["id"].clone();
    let r = app
        .decide(
            &ndrc.access,
            &far_id,
            &json!(1),
            &json!({"action": "review"}),
        )
        .await;
    app.decide(
        &ndrc.access,
        &far_id,
        &r.body["version"],
        &approve(in_days(60)),
    )
    .await;
    let paid_owner = app.owner(&phone(3), 3).await;
    let paid = app
        .file(&paid_owner.access, "k-3", &deferral("luntai", 50_000))
        .await;
    let paid_id = paid.body["id"].clone();
    let r = app
        .decide(
            &ndrc.access,
            &paid_id,
            &json!(1),
            &json!({"action": "review"}),
        )
        .await;
    app.decide(
        &ndrc.access,
        &paid_id,
        &r.body["version"],
        &approve(in_days(3)),
    )
    .await;
    let all = app
        .record(&ndrc.access, &paid_id, "all", &settled(100_000))
        .await;
    assert_eq!(all.status, 201, "{}", all.body);

    // A restart with reminders on: the one due is sent.
    let mut restarted = test_config(database_url.clone());
    restarted.reminder_poll = Some(std::time::Duration::from_millis(50));
    let _restarted = start(restarted, None).await.unwrap();
    let mut sent = Vec::new();
    for _ in 0..200 {
        sent = reminders(&app, &owner).await;
        if !sent.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    assert_eq!(sent.len(), 1, "{sent:?}");
    assert_eq!(sent[0]["request_id"], soon);
    assert_eq!(sent[0]["reminder"]["days_left"], 5);
    assert_eq!(sent[0]["reminder"]["outstanding_fen"], 100_000);
    let text = sent[0]["text"].as_str().unwrap();
    assert!(
        text.contains("1,000.00 元") && text.contains("还剩 5 天"),
        "{text}"
    );

    // A second process on the same database, the restarted one polling on: nothing twice.
    let mut again = test_config(database_url);
    again.reminder_poll = Some(std::time::Duration::from_millis(50));
    let _second = start(again, None).await.unwrap();
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    assert_eq!(reminders(&app, &owner).await.len(), 1, "sent once");
    assert!(
        reminders(&app, &far_owner).await.is_empty(),
        "sixty days away"
    );
    assert!(
        reminders(&app, &paid_owner).await.is_empty(),
        "nothing left to settle"
    );
}

#[actix_web::test]
async fn a_reminder_on_the_utilitys_cycle_is_sent_once_a_month_across_a_restart_and_a_second_process()
 {
    let (database_url, file) = fresh_database().await;
    let mut config = test_config(database_url.clone());
    config.reminder_poll = None;
    let app = start(config, file).await.unwrap();
    let admin = app.staff("13900000001", "admin", &[]).await;
    let ndrc = app.official(1, "ndrc", "luntai").await;
    let yuli = app.official(2, "ndrc", "yuli").await;
    // Luntai's power company reads meters late in the month: owners are told from the 1st.
    let cycle = app
        .post_as(
            "/api/v1/admin/settings",
            Some(&json!({"setting": "utility_cycle", "utility": "electricity", "county": "luntai", "day": 1})),
            &admin.access,
        )
        .await;
    assert_eq!(cycle.status, 201, "{}", cycle.body);
    let bad = app
        .post_as(
            "/api/v1/admin/settings",
            Some(&json!({"setting": "utility_cycle", "utility": "electricity", "county": "luntai", "day": 31})),
            &admin.access,
        )
        .await;
    assert_eq!(
        (bad.status, bad.body["error"]["field"].as_str()),
        (400, Some("day"))
    );
    // Settle-by ninety days away: no settle-by reminder is due, only the cycle's.
    let approve = |official: &Tokens, id: Value| {
        let official = official.clone();
        let app = &app;
        async move {
            let reviewed = app
                .decide(
                    &official.access,
                    &id,
                    &json!(1),
                    &json!({"action": "review"}),
                )
                .await;
            let mut grant = deferral_grant(50_000);
            grant["grant"]["settle_by"] = json!(in_days(90));
            let approved = app
                .decide(&official.access, &id, &reviewed.body["version"], &grant)
                .await;
            assert_eq!(approved.status, 200, "{}", approved.body);
        }
    };
    let owner = app.owner(&phone(1), 1).await;
    let filed = app
        .file(&owner.access, "k-1", &deferral("luntai", 50_000))
        .await;
    approve(&ndrc, filed.body["id"].clone()).await;
    let elsewhere = app.owner(&phone(2), 2).await;
    let other = app
        .file(&elsewhere.access, "k-2", &deferral("yuli", 50_000))
        .await;
    approve(&yuli, other.body["id"].clone()).await;

    let mut restarted = test_config(database_url.clone());
    restarted.reminder_poll = Some(std::time::Duration::from_millis(50));
    let _restarted = start(restarted, None).await.unwrap();
    let mut again = test_config(database_url);
    again.reminder_poll = Some(std::time::Duration::from_millis(50));
    let _second = start(again, None).await.unwrap();
    for _ in 0..200 {
        if !reminders(&app, &owner).await.is_empty() {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    // Both processes poll on: still one.
    tokio::time::sleep(std::time::Duration::from_millis(600)).await;
    let sent = reminders(&app, &owner).await;
    assert_eq!(sent.len(), 1, "once this month: {sent:?}");
    assert_eq!(sent[0]["reminder"]["utility"], "electricity");
    assert_eq!(sent[0]["reminder"]["outstanding_fen"], 100_000);
    let text = sent[0]["text"].as_str().unwrap();
    assert!(
        text.contains("本月电费抄表前提醒") && text.contains("1,000.00 元"),
        "{text}"
    );
    assert!(
        reminders(&app, &elsewhere).await.is_empty(),
        "no cycle recorded for Yuli"
    );
}

/// A downloaded ledger: status and bytes.
async fn ledger_file(app: &TestApp, token: &str, query: &str) -> (u16, Vec<u8>) {
    let res = app
        .client
        .get(format!("{}/api/v1/admin/ledger/export{query}", app.address))
        .bearer_auth(token)
        .send()
        .await
        .unwrap();
    (res.status().as_u16(), res.bytes().await.unwrap().to_vec())
}

#[actix_web::test]
async fn the_ledger_exports_as_csv_and_excel_with_each_departments_sums_and_the_whole() {
    let app = spawn_app().await;
    let luntai = app.official(1, "ndrc", "luntai").await;
    let korla = app.official(2, "ndrc", "korla").await;
    let supervisor = app.staff("13600000001", "supervisor", &[]).await;
    let (first, _) = approved_deferral(&app, 1, "luntai", 120_000, &luntai).await;
    let (_, _) = approved_deferral(&app, 2, "korla", 10_000, &korla).await;
    let paid = app
        .record(&luntai.access, &first, "s-1", &settled(100_000))
        .await;
    let undo = json!({"kind": "reversal", "amount_fen": 100_000, "on": today(), "reference": "=HYPERLINK(1)",
                      "reverses": paid.body["id"], "note": "结算单号录错"});
    assert_eq!(
        app.record(&luntai.access, &first, "r-1", &undo)
            .await
            .status,
        201
    );
    assert_eq!(
        app.record(&luntai.access, &first, "s-2", &settled(30_000))
            .await
            .status,
        201
    );

    let (status, csv) = ledger_file(&app, &luntai.access, "?format=csv").await;
    assert_eq!(status, 200);
    let csv = String::from_utf8(csv).unwrap();
    let lines: Vec<&str> = csv.trim_start_matches('\u{feff}').lines().collect();
    assert_eq!(
        lines.len(),
        1 + 5,
        "the header and Luntai's five entries only: {csv}"
    );
    assert!(lines[0].starts_with("序号,申请编号,企业名称,属地,承办部门,月份,事项,金额（元）"));
    assert!(lines[1].contains(",缓缴,1200.00,"), "{}", lines[1]);
    assert!(
        lines[4].contains(",更正（冲销）：已结清,1000.00,"),
        "{}",
        lines[4]
    );
    assert!(
        lines[4].contains(",'=HYPERLINK(1),"),
        "a formula is neutralised: {}",
        lines[4]
    );

    let (status, xlsx) = ledger_file(&app, &supervisor.access, "?format=xlsx").await;
    assert_eq!(status, 200);
    let strings = {
        use std::io::Read;
        let mut zip = zip::ZipArchive::new(std::io::Cursor::new(xlsx)).expect("an xlsx is a zip");
        let mut s = String::new();
        zip.by_name("xl/sharedStrings.xml")
            .unwrap()
            .read_to_string(&mut s)
            .unwrap();
        s
    };
    // Both counties: 2,400 + 200 yuan granted, 300 settled (1,000 reversed), 2,300 to settle.
    assert!(
        strings.contains("合计（7 笔）：批准 2600.00 元；已结清、退还、发放 300.00 元；尚待结清 2300.00 元；尚待到账 0.00 元"),
        "{strings}"
    );
    assert!(strings.contains("巴州纾困惠企政策资金台账（批准后）"));

    let (status, _) = ledger_file(&app, &luntai.access, "?format=pdf").await;
    assert_eq!(status, 400);
    let owner = app.owner(&phone(9), 9).await;
    let (status, _) = ledger_file(&app, &owner.access, "?format=csv").await;
    assert_eq!(status, 403);
    let (_, none) = ledger_file(&app, &luntai.access, "?format=csv&to=2022-01-01").await;
    assert_eq!(
        String::from_utf8(none).unwrap().lines().count(),
        1,
        "nothing happened then"
    );
}
