//! 督办: a supervisor's notice to a department about its overdue requests, acknowledged,
//! extended, reported and closed, each step recorded; shown to the department until closed.

use reqwest::Method;
use sea_orm::ConnectionTrait;
use serde_json::{Value, json};

use crate::helpers::{Reply, TestApp, Tokens, phone, rent_request, spawn_app};

/// An owner files the state-premises rent waiver in Korla (routed to sasac there).
async fn filed(app: &TestApp, n: u32) -> Value {
    let owner = app.owner(&phone(n), n).await;
    let mut body = rent_request();
    body["answers"]["jurisdiction"] = json!("korla");
    let reply = app.file(&owner.access, &format!("k-{n}"), &body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.body
}

async fn db(app: &TestApp) -> sea_orm::DatabaseConnection {
    sea_orm::Database::connect(app.database_url.as_str())
        .await
        .unwrap()
}

/// Makes a request overdue: its last day was in 2022.
async fn make_overdue(app: &TestApp, request: &Value) {
    db(app)
        .await
        .execute_unprepared(&format!(
            "UPDATE requests SET due_on = '2022-06-01' WHERE id = {}",
            request["id"]
        ))
        .await
        .unwrap();
}

fn in_days(n: i64) -> String {
    (shared::application::beijing_day(chrono::Utc::now()) + chrono::Duration::days(n)).to_string()
}

async fn issue(app: &TestApp, supervisor: &Tokens, requests: &[&Value]) -> Reply {
    let ids: Vec<Value> = requests.iter().map(|r| r["id"].clone()).collect();
    app.post_as(
        "/api/v1/admin/notices",
        Some(&json!({
            "department": "sasac",
            "requests": ids,
            "deadline": in_days(5),
            "message": "请于期限内办结逾期申请并报告。"
        })),
        &supervisor.access,
    )
    .await
}

async fn step(app: &TestApp, token: &str, id: &Value, body: Value) -> Reply {
    app.post_as(
        &format!("/api/v1/admin/notices/{id}/actions"),
        Some(&body),
        token,
    )
    .await
}

#[actix_web::test]
async fn a_notice_goes_from_issued_to_closed_with_every_step_in_its_history_and_the_audit_log() {
    let app = spawn_app().await;
    let late = filed(&app, 1).await;
    make_overdue(&app, &late).await;
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    let official = app.official(1, "sasac", "korla").await;

    let issued = issue(&app, &supervisor, &[&late]).await;
    assert_eq!(issued.status, 201, "{}", issued.body);
    let id = issued.body["id"].clone();
    assert_eq!(issued.body["status"], "issued");
    assert_eq!(issued.body["requests"][0]["number"], late["number"]);
    assert_eq!(
        issued.body["allowed_actions"],
        json!([]),
        "the supervisor waits"
    );

    let seen = app
        .get_as(&format!("/api/v1/admin/notices/{id}"), &official.access)
        .await;
    assert_eq!(seen.body["allowed_actions"], json!(["acknowledge"]));

    let acked = step(
        &app,
        &official.access,
        &id,
        json!({"action": "acknowledge"}),
    )
    .await;
    assert_eq!(acked.status, 200, "{}", acked.body);
    assert_eq!(acked.body["status"], "acknowledged");

    let asked = step(
        &app,
        &official.access,
        &id,
        json!({"action": "request_extension", "comment": "材料待补", "deadline": in_days(10)}),
    )
    .await;
    assert_eq!(asked.status, 200, "{}", asked.body);
    assert_eq!(asked.body["status"], "extension_requested");
    assert_eq!(asked.body["requested_deadline"], in_days(10));

    let granted = step(
        &app,
        &supervisor.access,
        &id,
        json!({"action": "grant_extension"}),
    )
    .await;
    assert_eq!(granted.status, 200, "{}", granted.body);
    assert_eq!(granted.body["status"], "acknowledged");
    assert_eq!(granted.body["deadline"], in_days(10), "the day asked");
    assert_eq!(granted.body["requested_deadline"], Value::Null);

    let reported = step(
        &app,
        &official.access,
        &id,
        json!({"action": "report", "comment": "已全部办结"}),
    )
    .await;
    assert_eq!(reported.body["status"], "reported", "{}", reported.body);
    // The request it names is still overdue: closing quietly is refused, naming it.
    let quiet = step(&app, &supervisor.access, &id, json!({"action": "close"})).await;
    assert_eq!(
        (quiet.status, quiet.body["error"]["field"].as_str()),
        (400, Some("comment")),
        "{}",
        quiet.body
    );
    assert!(
        quiet.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains(late["number"].as_str().unwrap()),
        "{}",
        quiet.body
    );
    let closed = step(
        &app,
        &supervisor.access,
        &id,
        json!({"action": "close", "comment": "企业已撤回材料，转入常规办理"}),
    )
    .await;
    assert_eq!(closed.body["status"], "closed", "{}", closed.body);
    assert_eq!(
        closed.body["history"][5]["comment"],
        "企业已撤回材料，转入常规办理"
    );

    let kinds: Vec<&str> = closed.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "issued",
            "acknowledge",
            "request_extension",
            "grant_extension",
            "report",
            "close"
        ]
    );
    assert_eq!(closed.body["history"][4]["comment"], "已全部办结");

    let log = server::store::audit::recent(&db(&app).await, 50)
        .await
        .unwrap();
    let actions: Vec<&str> = log
        .iter()
        .rev()
        .map(|r| r.entry.action.as_str())
        .filter(|a| a.starts_with("notice_"))
        .collect();
    assert_eq!(
        actions,
        [
            "notice_issued",
            "notice_acknowledge",
            "notice_request_extension",
            "notice_grant_extension",
            "notice_report",
            "notice_close"
        ]
    );
}

#[actix_web::test]
async fn the_open_notice_is_shown_to_the_departments_officials_until_it_is_closed() {
    let app = spawn_app().await;
    let late = filed(&app, 1).await;
    make_overdue(&app, &late).await;
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    let sasac = app.official(1, "sasac", "korla").await;
    let finance = app.official(2, "finance", "korla").await;
    let id = issue(&app, &supervisor, &[&late]).await.body["id"].clone();

    let polled = app
        .get_as("/api/v1/admin/notices?open=true", &sasac.access)
        .await;
    assert_eq!(polled.status, 200, "{}", polled.body);
    assert_eq!(polled.body["items"][0]["id"], id);
    assert_eq!(polled.body["items"][0]["requests"], 1);
    let queue = app.get_as("/api/v1/admin/requests", &sasac.access).await;
    assert_eq!(queue.body["notices"][0]["id"], id, "{}", queue.body);
    let other = app
        .get_as("/api/v1/admin/notices?open=true", &finance.access)
        .await;
    assert_eq!(other.body["items"], json!([]));
    let other_queue = app.get_as("/api/v1/admin/requests", &finance.access).await;
    assert_eq!(other_queue.body["notices"], json!([]));

    for (token, action, comment) in [
        (&sasac.access, "acknowledge", None),
        (&sasac.access, "report", Some("已办结")),
        // The request is still overdue: closing says why.
        (&supervisor.access, "close", Some("转常规督促")),
    ] {
        let r = step(
            &app,
            token,
            &id,
            json!({"action": action, "comment": comment}),
        )
        .await;
        assert_eq!(r.status, 200, "{action}: {}", r.body);
    }
    let polled = app
        .get_as("/api/v1/admin/notices?open=true", &sasac.access)
        .await;
    assert_eq!(polled.body["items"], json!([]));
    let all = app.get_as("/api/v1/admin/notices", &sasac.access).await;
    assert_eq!(all.body["items"][0]["status"], "closed");
}

#[actix_web::test]
async fn anyone_not_party_to_a_notice_gets_404() {
    let app = spawn_app().await;
    let late = filed(&app, 1).await;
    make_overdue(&app, &late).await;
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    let finance = app.official(2, "finance", "korla").await;
    let admin = app.staff("13700002222", "admin", &[]).await;
    let owner = app.owner(&phone(9), 9).await;
    let id = issue(&app, &supervisor, &[&late]).await.body["id"].clone();

    for token in [&finance.access, &admin.access, &owner.access] {
        let read = app
            .get_as(&format!("/api/v1/admin/notices/{id}"), token)
            .await;
        assert_eq!(read.status, 404, "{}", read.body);
        let acted = step(&app, token, &id, json!({"action": "acknowledge"})).await;
        assert_eq!(acted.status, 404, "{}", acted.body);
    }
    let missing = app
        .get_as("/api/v1/admin/notices/99999", &supervisor.access)
        .await;
    assert_eq!(missing.status, 404);
}

#[actix_web::test]
async fn a_notice_lists_only_overdue_requests_of_that_department_and_only_supervisors_issue_it() {
    let app = spawn_app().await;
    let late = filed(&app, 1).await;
    let fresh = filed(&app, 2).await;
    make_overdue(&app, &late).await;
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    let official = app.official(1, "sasac", "korla").await;

    let refused = issue(&app, &supervisor, &[&late, &fresh]).await;
    assert_eq!(refused.status, 422, "{}", refused.body);
    assert_eq!(refused.code(), "not_overdue");
    assert!(
        refused.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains(&fresh["id"].to_string())
    );
    let by_official = issue(&app, &official, &[&late]).await;
    assert_eq!(by_official.status, 403);

    for (body, field) in [
        (
            json!({"department": "sasac", "requests": [], "deadline": in_days(3), "message": "m"}),
            "requests",
        ),
        (
            json!({"department": "sasac", "requests": [late["id"]], "deadline": in_days(-1), "message": "m"}),
            "deadline",
        ),
        (
            json!({"department": "sasac", "requests": [late["id"]], "deadline": in_days(3), "message": "  "}),
            "message",
        ),
    ] {
        let r = app
            .post_as("/api/v1/admin/notices", Some(&body), &supervisor.access)
            .await;
        assert_eq!(r.status, 400, "{body}: {}", r.body);
        assert_eq!(r.body["error"]["field"], field, "{}", r.body);
    }
}

#[actix_web::test]
async fn an_extension_is_refused_after_the_deadline_and_steps_out_of_turn_are_refused() {
    let app = spawn_app().await;
    let late = filed(&app, 1).await;
    make_overdue(&app, &late).await;
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    let official = app.official(1, "sasac", "korla").await;
    let id = issue(&app, &supervisor, &[&late]).await.body["id"].clone();

    let early = step(
        &app,
        &official.access,
        &id,
        json!({"action": "report", "comment": "x"}),
    )
    .await;
    assert_eq!(early.status, 409, "{}", early.body);
    assert_eq!(early.code(), "invalid_transition");
    let not_theirs = step(&app, &official.access, &id, json!({"action": "close"})).await;
    assert_eq!(not_theirs.status, 403);
    step(
        &app,
        &official.access,
        &id,
        json!({"action": "acknowledge"}),
    )
    .await;
    let no_reason = step(
        &app,
        &official.access,
        &id,
        json!({"action": "request_extension", "deadline": in_days(9)}),
    )
    .await;
    assert_eq!(no_reason.body["error"]["field"], "comment");

    db(&app)
        .await
        .execute_unprepared(&format!(
            "UPDATE supervision_notices SET deadline = '2022-06-01' WHERE id = {id}"
        ))
        .await
        .unwrap();
    let late_ask = step(
        &app,
        &official.access,
        &id,
        json!({"action": "request_extension", "comment": "晚了", "deadline": in_days(9)}),
    )
    .await;
    assert_eq!(late_ask.status, 409, "{}", late_ask.body);
    assert_eq!(late_ask.code(), "extension_too_late");
    let view = app
        .send(
            Method::GET,
            &format!("/api/v1/admin/notices/{id}"),
            None,
            Some(&official.access),
        )
        .await;
    assert_eq!(view.body["allowed_actions"], json!(["report"]));
}

#[actix_web::test]
async fn notices_are_numbered_in_their_year_and_print_as_the_offices_notice() {
    let app = spawn_app().await;
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    let official = app.official(1, "sasac", "korla").await;
    let late = filed(&app, 1).await;
    make_overdue(&app, &late).await;
    let first = issue(&app, &supervisor, &[&late]).await;
    let second = issue(&app, &supervisor, &[&late]).await;
    let year = shared::application::beijing_day(chrono::Utc::now()).format("%Y");
    assert_eq!(first.body["number"], format!("督办〔{year}〕1号"));
    assert_eq!(second.body["number"], format!("督办〔{year}〕2号"));
    let listed = app.get_as("/api/v1/admin/notices", &official.access).await;
    let numbers: Vec<&str> = listed.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|n| n["number"].as_str().unwrap())
        .collect();
    assert_eq!(numbers.len(), 2);
    assert!(numbers.contains(&format!("督办〔{year}〕1号").as_str()));

    let id = &first.body["id"];
    let page = app
        .client
        .get(format!("{}/api/v1/admin/notices/{id}/print", app.address))
        .bearer_auth(&official.access)
        .send()
        .await
        .unwrap();
    assert_eq!(page.status().as_u16(), 200);
    let html = page.text().await.unwrap();
    assert!(
        html.contains("督办通知书") && html.contains(&format!("督办〔{year}〕1号")),
        "{html}"
    );
    assert!(html.contains("州国有资产监督管理委员会"), "{html}");
    assert!(
        html.contains(late["number"].as_str().unwrap()) && html.contains("仍超期"),
        "{html}"
    );
    // Not party to it: 404.
    let other = app.official(2, "tax", "korla").await;
    let hidden = app
        .get_as(&format!("/api/v1/admin/notices/{id}/print"), &other.access)
        .await;
    assert_eq!(hidden.status, 404);
}
