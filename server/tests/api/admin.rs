use reqwest::Method;
use serde_json::json;

use crate::helpers::{PASSWORD, spawn_app};

#[actix_web::test]
async fn only_administrators_manage_users() {
    let app = spawn_app().await;
    let owner = app.owner("13812341234", 1).await;
    let supervisor = app.staff("13700003333", "supervisor", &[]).await;
    for token in [&owner.access, &supervisor.access] {
        let reply = app.get_as("/api/v1/admin/users", token).await;
        assert_eq!(reply.status, 403);
        assert_eq!(reply.code(), "forbidden");
    }
    let anonymous = app
        .send(Method::GET, "/api/v1/admin/users", None, None)
        .await;
    assert_eq!(anonymous.status, 401);
}

#[actix_web::test]
async fn an_administrator_creates_an_official_who_signs_in_with_the_assignment() {
    let app = spawn_app().await;
    let admin = app.staff("13700002222", "admin", &[]).await;
    let created = app
        .send(
            Method::POST,
            "/api/v1/admin/users",
            Some(&json!({
                "phone": "13600001111", "password": PASSWORD, "role": "official",
                "department": "sasac", "jurisdictions": ["luntai", "korla"]
            })),
            Some(&admin.access),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["phone_masked"], "136****1111");
    assert_eq!(created.body["jurisdictions"], json!(["korla", "luntai"]));
    let login = app.login("13600001111", PASSWORD).await;
    let me = app
        .get_as("/api/v1/me", login.body["access_token"].as_str().unwrap())
        .await;
    assert_eq!(me.body["role"], "official");
    assert_eq!(me.body["department"], "sasac");
    assert_eq!(me.body["business"], serde_json::Value::Null);

    let list = app.get_as("/api/v1/admin/users", &admin.access).await;
    let text = list.body.to_string();
    assert!(
        !text.contains("13600001111") && !text.contains("13700002222"),
        "phones are masked: {text}"
    );
}

#[actix_web::test]
async fn bad_staff_accounts_are_refused_naming_the_field() {
    let app = spawn_app().await;
    let admin = app.staff("13700002222", "admin", &[]).await;
    // (body, status, field, why it must fail)
    let cases = [
        (
            json!({"phone": "13600000001", "password": PASSWORD, "role": "official", "jurisdictions": ["korla"]}),
            400,
            "department",
            "an official needs a department",
        ),
        (
            json!({"phone": "13600000002", "password": PASSWORD, "role": "official", "department": "tax"}),
            400,
            "jurisdictions",
            "an official needs a jurisdiction",
        ),
        (
            json!({"phone": "13600000003", "password": PASSWORD, "role": "official", "department": "tax", "jurisdictions": ["other"]}),
            400,
            "jurisdictions",
            "outside the prefecture",
        ),
        (
            json!({"phone": "13600000004", "password": PASSWORD, "role": "official", "department": "police", "jurisdictions": ["korla"]}),
            400,
            "department",
            "not a department of the plan",
        ),
        (
            json!({"phone": "13600000005", "password": PASSWORD, "role": "supervisor", "department": "tax"}),
            400,
            "department",
            "supervisors have no department",
        ),
        (
            json!({"phone": "13600000006", "password": PASSWORD, "role": "applicant"}),
            400,
            "role",
            "owners register themselves",
        ),
        (
            json!({"phone": "13600000007", "password": PASSWORD, "role": "root"}),
            400,
            "role",
            "no such role",
        ),
        (
            json!({"phone": "13600000008", "password": "11111111", "role": "admin"}),
            400,
            "password",
            "a common password",
        ),
        (
            json!({"phone": "13700002222", "password": PASSWORD, "role": "admin"}),
            409,
            "phone",
            "the phone has an account",
        ),
    ];
    for (body, status, field, why) in &cases {
        let reply = app
            .send(
                Method::POST,
                "/api/v1/admin/users",
                Some(body),
                Some(&admin.access),
            )
            .await;
        assert_eq!(reply.status, *status, "{why}: {}", reply.body);
        assert_eq!(reply.body["error"]["field"], *field, "{why}");
    }
}

#[actix_web::test]
async fn disabling_an_unknown_user_is_404() {
    let app = spawn_app().await;
    let admin = app.staff("13700002222", "admin", &[]).await;
    for id in ["9999", "abc"] {
        let reply = app
            .send(
                Method::POST,
                &format!("/api/v1/admin/users/{id}/disable"),
                None,
                Some(&admin.access),
            )
            .await;
        assert_eq!(reply.status, 404, "{id}");
        assert_eq!(reply.code(), "not_found");
    }
}

#[actix_web::test]
async fn reassigning_an_official_changes_what_their_queue_shows_at_once_and_is_audited() {
    let app = spawn_app().await;
    let admin = app.staff("13700002222", "admin", &[]).await;
    let owner = app.owner(&crate::helpers::phone(1), 1).await;
    let mut body = crate::helpers::rent_request();
    body["answers"]["jurisdiction"] = json!("luntai");
    let filed = app.file(&owner.access, "k-1", &body).await;
    assert_eq!(filed.status, 201, "{}", filed.body);
    let official = app.official(1, "finance", "korla").await;
    let me = app.get_as("/api/v1/me", &official.access).await;
    let id = me.body["id"].clone();
    let queue = app.get_as("/api/v1/admin/requests", &official.access).await;
    assert_eq!(queue.body["items"], json!([]));

    let path = format!("/api/v1/admin/users/{id}/assignment");
    let assigned = app
        .send(
            Method::PUT,
            &path,
            Some(&json!({"department": "sasac", "jurisdictions": ["luntai", "korla"]})),
            Some(&admin.access),
        )
        .await;
    assert_eq!(assigned.status, 200, "{}", assigned.body);
    assert_eq!(assigned.body["department"], "sasac");
    assert_eq!(assigned.body["jurisdictions"], json!(["korla", "luntai"]));
    let queue = app.get_as("/api/v1/admin/requests", &official.access).await;
    assert_eq!(queue.body["items"][0]["number"], filed.body["number"]);

    let log = app
        .get_as("/api/v1/admin/audit?action=user_assigned", &admin.access)
        .await;
    let detail = log.body["items"][0]["detail"].as_str().unwrap();
    assert!(
        detail.contains("department finance, jurisdictions korla")
            && detail.contains("department sasac, jurisdictions korla,luntai"),
        "{detail}"
    );

    // (body, field, why it must fail)
    for (body, field, why) in [
        (
            json!({"department": "sasac", "jurisdictions": []}),
            "jurisdictions",
            "none",
        ),
        (
            json!({"department": "sasac", "jurisdictions": ["other"]}),
            "jurisdictions",
            "not a county",
        ),
        (
            json!({"department": "sasac", "jurisdictions": ["korla", "korla"]}),
            "jurisdictions",
            "twice",
        ),
        (
            json!({"department": "nowhere", "jurisdictions": ["korla"]}),
            "department",
            "unknown",
        ),
    ] {
        let r = app
            .send(Method::PUT, &path, Some(&body), Some(&admin.access))
            .await;
        assert_eq!(r.status, 400, "{why}: {}", r.body);
        assert_eq!(r.body["error"]["field"], field, "{why}: {}", r.body);
    }
    let admin_id = app.get_as("/api/v1/me", &admin.access).await.body["id"].clone();
    let not_official = app
        .send(
            Method::PUT,
            &format!("/api/v1/admin/users/{admin_id}/assignment"),
            Some(&json!({"department": "sasac", "jurisdictions": ["korla"]})),
            Some(&admin.access),
        )
        .await;
    assert_eq!(not_official.status, 400);
    let missing = app
        .send(
            Method::PUT,
            "/api/v1/admin/users/99999/assignment",
            Some(&json!({"department": "sasac", "jurisdictions": ["korla"]})),
            Some(&admin.access),
        )
        .await;
    assert_eq!(missing.status, 404);
    let by_official = app
        .send(
            Method::PUT,
            &path,
            Some(&json!({"department": "sasac", "jurisdictions": ["korla"]})),
            Some(&official.access),
        )
        .await;
    assert_eq!(by_official.status, 403);
}

#[actix_web::test]
async fn staff_have_names_shown_on_the_desk_the_handover_and_the_history_but_not_to_owners() {
    let app = spawn_app().await;
    let admin = app.staff("13700002222", "admin", &[]).await;
    let zhang = app
        .staff(
            "13700000001",
            "official",
            &[
                "--department",
                "sasac",
                "--jurisdiction",
                "korla",
                "--name",
                "张三",
            ],
        )
        .await;
    let created = app
        .send(
            Method::POST,
            "/api/v1/admin/users",
            Some(&json!({
                "phone": "13600001111", "password": PASSWORD, "role": "official",
                "department": "sasac", "jurisdictions": ["korla"], "name": "  李四 "
            })),
            Some(&admin.access),
        )
        .await;
    assert_eq!(created.status, 201, "{}", created.body);
    assert_eq!(created.body["name"], "李四", "trimmed");
    let me = app.get_as("/api/v1/me", &zhang.access).await;
    assert_eq!(me.body["name"], "张三");

    let owner = app.owner(&crate::helpers::phone(1), 1).await;
    let filed = app.file_rent(&owner.access).await;
    let id = filed["id"].clone();
    let colleagues = app
        .get_as(
            &format!("/api/v1/admin/requests/{id}/colleagues"),
            &zhang.access,
        )
        .await;
    assert_eq!(colleagues.status, 200, "{}", colleagues.body);
    assert_eq!(colleagues.body["items"][0]["name"], "李四");
    let reviewed = app
        .decide(&zhang.access, &id, &json!(1), &json!({"action": "review"}))
        .await;
    assert_eq!(reviewed.status, 200, "{}", reviewed.body);
    let review = |view: &serde_json::Value| {
        view["history"]
            .as_array()
            .unwrap()
            .iter()
            .find(|e| e["kind"] == "review")
            .cloned()
            .unwrap()
    };
    assert_eq!(review(&reviewed.body)["actor_name"], "张三");
    let seen_by_owner = app
        .get_as(&format!("/api/v1/requests/{id}"), &owner.access)
        .await;
    let step = review(&seen_by_owner.body);
    assert!(
        step.get("actor_name").is_none() && step.get("actor_id").is_none(),
        "owners see the department's step, not who: {step}"
    );

    // Renamed by an administrator, audited; an owner's account has no name; nobody else renames.
    let zhang_id = me.body["id"].clone();
    let renamed = app
        .send(
            Method::PUT,
            &format!("/api/v1/admin/users/{zhang_id}/name"),
            Some(&json!({"name": "张三丰"})),
            Some(&admin.access),
        )
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    assert_eq!(renamed.body["name"], "张三丰");
    let log = app
        .get_as("/api/v1/admin/audit?action=user_renamed", &admin.access)
        .await;
    assert!(
        log.body["items"][0]["detail"]
            .as_str()
            .unwrap()
            .contains("张三 → 张三丰"),
        "{}",
        log.body
    );
    let owner_id = app.get_as("/api/v1/me", &owner.access).await.body["id"].clone();
    for (who, body, token, status, field) in [
        (
            owner_id.clone(),
            json!({"name": "王五"}),
            &admin.access,
            400,
            Some("name"),
        ),
        (
            zhang_id.clone(),
            json!({"name": "   "}),
            &admin.access,
            400,
            Some("name"),
        ),
        (
            zhang_id.clone(),
            json!({"name": "张".repeat(33)}),
            &admin.access,
            400,
            Some("name"),
        ),
        (
            zhang_id.clone(),
            json!({"name": "a\u{200B}b"}),
            &admin.access,
            400,
            Some("name"),
        ),
        (
            json!(999_999),
            json!({"name": "王五"}),
            &admin.access,
            404,
            None,
        ),
        (
            zhang_id.clone(),
            json!({"name": "王五"}),
            &zhang.access,
            403,
            None,
        ),
    ] {
        let reply = app
            .send(
                Method::PUT,
                &format!("/api/v1/admin/users/{who}/name"),
                Some(&body),
                Some(token),
            )
            .await;
        assert_eq!(reply.status, status, "{body}: {}", reply.body);
        if let Some(field) = field {
            assert_eq!(reply.body["error"]["field"], field, "{body}");
        }
    }
}

#[actix_web::test]
async fn an_administrator_resets_a_forgotten_password_and_every_session_of_the_account_ends() {
    let app = spawn_app().await;
    let admin = app.staff("13700002222", "admin", &[]).await;
    let owner = app.owner("13812341234", 1).await;
    let owner_id = app.get_as("/api/v1/me", &owner.access).await.body["id"].clone();
    let new_password = "Tarim-river-2026";
    let reset = app
        .send(
            Method::PUT,
            &format!("/api/v1/admin/users/{owner_id}/password"),
            Some(&json!({"password": new_password})),
            Some(&admin.access),
        )
        .await;
    assert_eq!(reset.status, 200, "{}", reset.body);
    assert!(
        !reset.body.to_string().contains(new_password),
        "the password is not echoed"
    );
    assert_eq!(app.login("13812341234", PASSWORD).await.status, 401);
    let signed_in = app.login("13812341234", new_password).await;
    assert_eq!(signed_in.status, 200);
    let owner_now = crate::helpers::Tokens::of(&signed_in);
    let refreshed = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": owner.refresh}),
        )
        .await;
    assert_eq!(refreshed.status, 401, "the old session is signed out");
    let log = app
        .get_as("/api/v1/admin/audit?action=password_reset", &admin.access)
        .await;
    assert_eq!(
        log.body["items"].as_array().unwrap().len(),
        1,
        "{}",
        log.body
    );

    for (body, token, status) in [
        (json!({"password": "short"}), &admin.access, 400),
        (json!({"password": "13812341234"}), &admin.access, 400),
        (
            json!({"password": new_password, "extra": 1}),
            &admin.access,
            400,
        ),
        (
            json!({"password": "Another-pass-2026"}),
            &owner_now.access,
            403,
        ),
    ] {
        let reply = app
            .send(
                Method::PUT,
                &format!("/api/v1/admin/users/{owner_id}/password"),
                Some(&body),
                Some(token),
            )
            .await;
        assert_eq!(reply.status, status, "{body}: {}", reply.body);
    }
    let unknown = app
        .send(
            Method::PUT,
            "/api/v1/admin/users/999999/password",
            Some(&json!({"password": new_password})),
            Some(&admin.access),
        )
        .await;
    assert_eq!(unknown.status, 404);
}
