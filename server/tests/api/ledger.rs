//! The ledger after a decision: opened by the approval's grant, added to by the deciding
//! department, read by the owner, summed for the supervisors.

use serde_json::{Value, json};

use crate::helpers::*;

/// An owner's electricity deferral in `county`, for two months of `per_month` fen.
fn deferral(county: &str, per_month: i64) -> Value {
    json!({
        "measure": "utility-deferral",
        "kind": "utility_deferral",
        "answers": {
            "entity_type": "individual_business", "industry": "catering", "employees": 8,
            "annual_revenue_fen": 150_000_000, "jurisdiction": county,
            "epidemic_difficulty": true, "utilities_in_arrears": ["electricity"]
        },
        "payload": {
            "utilities": ["electricity"], "account_number": "6500123456",
            "months": ["2022-04", "2022-05"], "amount_per_month_fen": per_month
        }
    })
}

fn deferral_grant(per_month: i64) -> Value {
    json!({
        "action": "approve",
        "grant": {
            "kind": "utility_deferral",
            "schedule": [
                {"month": "2022-04", "amount_fen": per_month},
                {"month": "2022-05", "amount_fen": per_month}
            ],
            "settle_by": "2022-12-31",
            "late_fees_waived": true
        }
    })
}

/// Files a deferral for owner `n` and has `official` approve it: the request's id, and the
/// owner.
async fn approved_deferral(
    app: &TestApp,
    n: u32,
    county: &str,
    per_month: i64,
    official: &Tokens,
) -> (Value, Tokens) {
    let owner = app.owner(&phone(n), n).await;
    let filed = app
        .file(
            &owner.access,
            &format!("k-{n}"),
            &deferral(county, per_month),
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
    assert_eq!(reviewed.status, 200, "{}", reviewed.body);
    let approved = app
        .decide(
            &official.access,
            &id,
            &reviewed.body["version"],
            &deferral_grant(per_month),
        )
        .await;
    assert_eq!(approved.status, 200, "{}", approved.body);
    (id, owner)
}

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
