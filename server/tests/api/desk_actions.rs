//! The desk's other actions: batch approval (each request checked and recorded alone),
//! handing a request to a colleague, and each department's saved comment phrases.

use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{TestApp, phone, rent_request, spawn_app};

fn grant() -> Value {
    json!({"kind": "rent_waiver", "months": 3, "amount_fen": 900_000})
}

async fn filed(app: &TestApp, n: u32, jurisdiction: &str) -> Value {
    let owner = app.owner(&phone(n), n).await;
    let mut body = rent_request();
    body["answers"]["jurisdiction"] = json!(jurisdiction);
    let reply = app.file(&owner.access, &format!("k-{n}"), &body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.body
}

#[actix_web::test]
async fn a_batch_approval_approves_each_request_alone_and_reports_every_outcome() {
    let app = spawn_app().await;
    let submitted = filed(&app, 1, "korla").await;
    let in_review = filed(&app, 2, "korla").await;
    let stale = filed(&app, 3, "korla").await;
    let elsewhere = filed(&app, 4, "luntai").await;
    let bad_grant = filed(&app, 5, "korla").await;
    let official = app.official(1, "sasac", "korla").await;
    let reviewed = app
        .decide(
            &official.access,
            &in_review["id"],
            &json!(1),
            &json!({"action": "review"}),
        )
        .await;
    assert_eq!(reviewed.status, 200, "{}", reviewed.body);

    let reply = app
        .post_as(
            "/api/v1/admin/requests/batch-approval",
            Some(&json!({
                "comment": "符合条件，批量同意",
                "items": [
                    {"id": submitted["id"], "version": 1, "grant": grant()},
                    {"id": in_review["id"], "version": 2, "grant": grant()},
                    {"id": stale["id"], "version": 7, "grant": grant()},
                    {"id": elsewhere["id"], "version": 1, "grant": grant()},
                    {"id": bad_grant["id"], "version": 1,
                     "grant": {"kind": "rent_waiver", "months": 13, "amount_fen": 1}},
                ]
            })),
            &official.access,
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let results = reply.body["results"].as_array().unwrap();
    let outcome = |i: usize| {
        (
            results[i]["approved"].as_bool().unwrap(),
            results[i]["error"]["code"]
                .as_str()
                .unwrap_or("")
                .to_string(),
        )
    };
    assert_eq!(outcome(0), (true, String::new()));
    assert_eq!(results[0]["status"], "approved");
    assert_eq!(results[0]["version"], 3, "review, then approval");
    assert_eq!(outcome(1), (true, String::new()));
    assert_eq!(outcome(2), (false, "version_conflict".into()));
    assert_eq!(results[2]["status"], "submitted");
    assert_eq!(outcome(3), (false, "not_found".into()));
    assert_eq!(
        results[3]["status"],
        Value::Null,
        "its existence is not told"
    );
    assert_eq!(outcome(4), (false, "invalid_field".into()));
    assert_eq!(results[4]["status"], "submitted", "nothing recorded for it");

    let view = app
        .get_as(
            &format!("/api/v1/requests/{}", submitted["id"]),
            &official.access,
        )
        .await;
    let kinds: Vec<&str> = view.body["history"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(kinds, ["filed", "review", "approve"]);
    assert_eq!(view.body["history"][2]["comment"], "符合条件，批量同意");
    assert_eq!(view.body["grant"]["months"], 3);
}

#[actix_web::test]
async fn a_batch_is_refused_whole_when_it_is_empty_repeats_a_request_or_comes_from_a_supervisor() {
    let app = spawn_app().await;
    let r = filed(&app, 1, "korla").await;
    let official = app.official(1, "sasac", "korla").await;
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    let item = json!({"id": r["id"], "version": 1, "grant": grant()});
    for (body, why) in [
        (json!({"items": []}), "empty"),
        (json!({"items": [item, item]}), "twice"),
    ] {
        let reply = app
            .post_as(
                "/api/v1/admin/requests/batch-approval",
                Some(&body),
                &official.access,
            )
            .await;
        assert_eq!(reply.status, 400, "{why}: {}", reply.body);
        assert_eq!(reply.body["error"]["field"], "items", "{why}");
    }
    let reply = app
        .post_as(
            "/api/v1/admin/requests/batch-approval",
            Some(&json!({"items": [item]})),
            &supervisor.access,
        )
        .await;
    assert_eq!(reply.status, 403);
}

async fn id_of(app: &TestApp, token: &str) -> Value {
    app.get_as("/api/v1/me", token).await.body["id"].clone()
}

#[actix_web::test]
async fn a_batch_preview_proposes_the_estimate_once_the_county_is_recorded_and_records_nothing() {
    let app = spawn_app().await;
    let korla = filed(&app, 1, "korla").await;
    let asked = filed(&app, 2, "korla").await;
    let elsewhere = filed(&app, 3, "luntai").await;
    let official = app.official(1, "sasac", "korla").await;
    for action in [
        json!({"action": "review"}),
        json!({"action": "ask", "comment": "请补充租赁合同"}),
    ] {
        let version = app
            .get_as(
                &format!("/api/v1/requests/{}", asked["id"]),
                &official.access,
            )
            .await
            .body["version"]
            .clone();
        let reply = app
            .decide(&official.access, &asked["id"], &version, &action)
            .await;
        assert_eq!(reply.status, 200, "{}", reply.body);
    }
    let preview = |ids: Value| {
        let app = &app;
        let token = official.access.clone();
        async move {
            app.post_as(
                "/api/v1/admin/requests/batch-approval/preview",
                Some(&json!({"ids": ids})),
                &token,
            )
            .await
        }
    };

    let before = preview(json!([korla["id"], asked["id"], elsewhere["id"]])).await;
    assert_eq!(before.status, 200, "{}", before.body);
    let items = before.body["items"].as_array().unwrap();
    assert_eq!(
        items.len(),
        2,
        "Luntai's request is not this official's: left out"
    );
    assert_eq!(
        items[0]["not_routine"], "risk_area_not_set",
        "3 or 7 months is not known yet"
    );
    assert_eq!(items[0]["grant"], Value::Null);
    assert_eq!(items[1]["not_routine"], "awaiting_owner");

    let admin = app.staff("13900000002", "admin", &[]).await;
    let recorded = app
        .send(
            Method::PUT,
            "/api/v1/admin/jurisdictions/korla/facts",
            Some(&json!({"medium_high_risk_2022": true})),
            Some(&admin.access),
        )
        .await;
    assert_eq!(recorded.status, 200, "{}", recorded.body);
    let after = preview(json!([korla["id"]])).await;
    let item = &after.body["items"][0];
    assert_eq!(
        item["grant"],
        json!({"kind": "rent_waiver", "months": 7, "amount_fen": 2_100_000}),
        "7 months of ¥3,000 in a listed county"
    );
    assert_eq!(item["not_routine"], Value::Null);
    assert_eq!(item["version"], 1);
    assert_eq!(item["status"], "submitted", "nothing recorded");
    assert!(
        item["business_name"]
            .as_str()
            .is_some_and(|n| !n.is_empty())
    );

    // What the preview proposes is what the batch then approves.
    let approved = app
        .post_as(
            "/api/v1/admin/requests/batch-approval",
            Some(&json!({"items": [{"id": item["id"], "version": item["version"], "grant": item["grant"]}]})),
            &official.access,
        )
        .await;
    assert_eq!(
        approved.body["results"][0]["approved"], true,
        "{}",
        approved.body
    );
    let decided = preview(json!([korla["id"]])).await;
    assert_eq!(decided.body["items"][0]["not_routine"], "not_open");

    let twice = preview(json!([korla["id"], korla["id"]])).await;
    assert_eq!(
        (twice.status, twice.body["error"]["field"].clone()),
        (400, json!("ids"))
    );
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    let refused = app
        .post_as(
            "/api/v1/admin/requests/batch-approval/preview",
            Some(&json!({"ids": [korla["id"]]})),
            &supervisor.access,
        )
        .await;
    assert_eq!(refused.status, 403);
}

#[actix_web::test]
async fn the_colleagues_offered_for_a_handover_are_those_the_handover_accepts() {
    let app = spawn_app().await;
    let r = filed(&app, 1, "korla").await;
    let me = app.official(1, "sasac", "korla").await;
    let colleague = app.official(2, "sasac", "korla").await;
    let _other_county = app.official(3, "sasac", "luntai").await;
    let other_department = app.official(4, "finance", "korla").await;
    let path = format!("/api/v1/admin/requests/{}/colleagues", r["id"]);

    let offered = app.get_as(&path, &me.access).await;
    assert_eq!(offered.status, 200, "{}", offered.body);
    let ids: Vec<Value> = offered.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["id"].clone())
        .collect();
    assert_eq!(
        ids,
        [id_of(&app, &colleague.access).await],
        "not oneself, nor Luntai's"
    );
    let masked = offered.body["items"][0]["phone_masked"].as_str().unwrap();
    assert!(masked.contains("****"), "{masked}");
    assert_eq!(offered.body["items"][0]["jurisdictions"], json!(["korla"]));

    assert_eq!(
        app.get_as(&path, &other_department.access).await.status,
        404
    );
    let owner = app.login(&phone(1), crate::helpers::PASSWORD).await;
    let owner = owner.body["access_token"].as_str().unwrap().to_string();
    assert_eq!(app.get_as(&path, &owner).await.status, 403);
}

#[actix_web::test]
async fn an_official_hands_a_request_to_a_colleague_of_the_same_department_only() {
    let app = spawn_app().await;
    let r = filed(&app, 1, "korla").await;
    let me = app.official(1, "sasac", "korla").await;
    let colleague = app.official(2, "sasac", "korla").await;
    let other_county = app.official(3, "sasac", "luntai").await;
    let other_department = app.official(4, "finance", "korla").await;
    let colleague_id = id_of(&app, &colleague.access).await;
    let path = format!("/api/v1/admin/requests/{}/handover", r["id"]);

    for (to, why) in [
        (
            id_of(&app, &other_county.access).await,
            "does not cover Korla",
        ),
        (
            id_of(&app, &other_department.access).await,
            "another department",
        ),
        (id_of(&app, &me.access).await, "oneself"),
        (json!(99999), "nobody"),
    ] {
        let reply = app
            .post_as(&path, Some(&json!({"to": to})), &me.access)
            .await;
        assert_eq!(reply.status, 400, "{why}: {}", reply.body);
        assert_eq!(reply.body["error"]["field"], "to", "{why}");
    }
    let handed = app
        .post_as(
            &path,
            Some(&json!({"to": colleague_id, "comment": "请接办"})),
            &me.access,
        )
        .await;
    assert_eq!(handed.status, 200, "{}", handed.body);
    assert_eq!(handed.body["assignee_id"], colleague_id);
    assert_eq!(handed.body["status"], "submitted", "the state is unchanged");
    assert_eq!(handed.body["version"], 1);
    let last = handed.body["history"]
        .as_array()
        .unwrap()
        .last()
        .unwrap()
        .clone();
    assert_eq!(last["kind"], "handover");
    assert!(last["comment"].as_str().unwrap().contains("请接办"));

    let by_stranger = app
        .post_as(
            &path,
            Some(&json!({"to": colleague_id})),
            &other_department.access,
        )
        .await;
    assert_eq!(by_stranger.status, 404);
    let owner_view = app.login(&phone(1), crate::helpers::PASSWORD).await;
    let owner_view = app
        .get_as(
            &format!("/api/v1/requests/{}", r["id"]),
            owner_view.body["access_token"].as_str().unwrap(),
        )
        .await;
    assert_eq!(
        owner_view.body["assignee_id"],
        Value::Null,
        "owners are not told"
    );
}

#[actix_web::test]
async fn each_department_keeps_its_own_comment_phrases() {
    let app = spawn_app().await;
    let sasac = app.official(1, "sasac", "korla").await;
    let sasac_luntai = app.official(2, "sasac", "luntai").await;
    let finance = app.official(3, "finance", "korla").await;

    let created = app
        .post_as(
            "/api/v1/admin/phrases",
            Some(&json!({"text": " 材料齐全，同意。 "})),
            &sasac.access,
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["text"], "材料齐全，同意。");
    let id = created.body["id"].clone();

    let shared = app
        .get_as("/api/v1/admin/phrases", &sasac_luntai.access)
        .await;
    assert_eq!(shared.body["items"][0]["id"], id, "the whole department's");
    let theirs = app.get_as("/api/v1/admin/phrases", &finance.access).await;
    assert_eq!(theirs.body["items"], json!([]));

    let path = format!("/api/v1/admin/phrases/{id}");
    let body = json!({"text": "请补充租赁合同。"});
    let stranger = app
        .send(Method::PUT, &path, Some(&body), Some(&finance.access))
        .await;
    assert_eq!(stranger.status, 404);
    assert_eq!(
        app.send(Method::DELETE, &path, None, Some(&finance.access))
            .await
            .status,
        404
    );
    let changed = app
        .send(Method::PUT, &path, Some(&body), Some(&sasac_luntai.access))
        .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(changed.body["text"], "请补充租赁合同。");
    let empty = app
        .send(
            Method::PUT,
            &path,
            Some(&json!({"text": "  "})),
            Some(&sasac.access),
        )
        .await;
    assert_eq!(empty.body["error"]["field"], "text");
    let deleted = app
        .send(Method::DELETE, &path, None, Some(&sasac.access))
        .await;
    assert_eq!(deleted.status, 204);
    let after = app.get_as("/api/v1/admin/phrases", &sasac.access).await;
    assert_eq!(after.body["items"], json!([]));
    let supervisor = app.staff("13900000001", "supervisor", &[]).await;
    assert_eq!(
        app.get_as("/api/v1/admin/phrases", &supervisor.access)
            .await
            .status,
        403
    );
}

#[actix_web::test]
async fn a_caller_of_the_wrong_role_is_told_403_whatever_body_it_sends() {
    let app = spawn_app().await;
    let owner = app.owner(&phone(1), 1).await;
    for body in [
        json!({"ids": [4021758244116921.5]}),
        json!({"ids": "not a list"}),
        json!({"unknown": true}),
    ] {
        let reply = app
            .post_as(
                "/api/v1/admin/requests/batch-approval/preview",
                Some(&body),
                &owner.access,
            )
            .await;
        assert_eq!(reply.status, 403, "{body}: {}", reply.body);
        assert_eq!(reply.body["error"]["code"], "forbidden");
    }
}
