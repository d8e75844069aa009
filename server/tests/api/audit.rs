use reqwest::Method;
use server::store::audit;

use crate::helpers::{PASSWORD, spawn_app};

#[actix_web::test]
async fn sign_ins_failures_role_grants_and_disabling_are_audited_with_masked_phones() {
    let app = spawn_app().await;
    app.owner("13812341234", 1).await;
    assert_eq!(
        app.login("13812341234", "wrong-password-1").await.status,
        401
    );
    assert_eq!(app.login("13812341234", PASSWORD).await.status, 200);
    let admin = app.staff("13700002222", "admin", &[]).await;
    let me = app.get_as("/api/v1/me", &admin.access).await;
    let users = app.get_as("/api/v1/admin/users", &admin.access).await;
    let owner_id = users.body["users"][0]["id"].clone();
    let disabled = app
        .send(
            Method::POST,
            &format!("/api/v1/admin/users/{owner_id}/disable"),
            None,
            Some(&admin.access),
        )
        .await;
    assert_eq!(disabled.status, 200);

    let db = sea_orm::Database::connect(app.database_url.as_str())
        .await
        .unwrap();
    let log = audit::recent(&db, 50).await.unwrap();
    let actions: Vec<&str> = log.iter().rev().map(|r| r.entry.action.as_str()).collect();
    assert_eq!(
        actions,
        [
            "register",
            "login_failed",
            "login",
            "user_created",
            "login",
            "account_disabled"
        ]
    );
    let failed = log
        .iter()
        .find(|r| r.entry.action == "login_failed")
        .unwrap();
    assert_eq!(failed.entry.phone_masked.as_deref(), Some("138****1234"));
    assert_eq!(failed.entry.client_addr.as_deref(), Some("127.0.0.1"));
    let grant = log
        .iter()
        .find(|r| r.entry.action == "user_created")
        .unwrap();
    assert!(
        grant
            .entry
            .detail
            .as_deref()
            .unwrap()
            .contains("granted role admin")
    );
    assert!(grant.entry.detail.as_deref().unwrap().contains("cli"));
    let disabling = log
        .iter()
        .find(|r| r.entry.action == "account_disabled")
        .unwrap();
    assert_eq!(
        disabling.entry.actor_id,
        me.body["id"].as_i64().map(|i| i as i32)
    );
    assert_eq!(disabling.entry.actor_role.as_deref(), Some("admin"));
    assert_eq!(
        disabling.entry.target_id,
        owner_id.as_i64().map(|i| i as i32)
    );
    for r in &log {
        let text = format!("{:?}", r.entry);
        assert!(
            !text.contains("13812341234") && !text.contains("13700002222"),
            "{text}"
        );
    }
}
