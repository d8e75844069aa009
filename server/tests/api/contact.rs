//! Privacy at the desk: contacts masked in lists, shown unmasked one request at a time as a
//! recorded action; administrators read and filter the audit log.

use serde_json::{Value, json};

use crate::helpers::{TestApp, credit_code, phone, rent_request, spawn_app};

async fn filed(app: &TestApp, n: u32) -> Value {
    let owner = app.owner(&phone(n), n).await;
    let mut body = rent_request();
    body["answers"]["jurisdiction"] = json!("korla");
    let reply = app.file(&owner.access, &format!("k-{n}"), &body).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    reply.body
}

#[actix_web::test]
async fn showing_a_contact_unmasked_is_recorded_in_the_audit_log_and_only_for_those_who_see_the_request()
 {
    let app = spawn_app().await;
    let request = filed(&app, 7).await;
    let official = app.official(1, "sasac", "korla").await;
    let elsewhere = app.official(2, "sasac", "luntai").await;
    let admin = app.staff("13700002222", "admin", &[]).await;

    let queue = app.get_as("/api/v1/admin/requests", &official.access).await;
    let masked = &queue.body["items"][0];
    assert_eq!(masked["phone"], "138****0007");
    assert_ne!(masked["credit_code"], credit_code(7));

    let path = format!("/api/v1/admin/requests/{}/contact", request["id"]);
    let shown = app.get_as(&path, &official.access).await;
    assert_eq!(shown.status, 200, "{}", shown.body);
    assert_eq!(shown.body["phone"], phone(7));
    assert_eq!(shown.body["credit_code"], credit_code(7));
    assert_eq!(shown.headers["cache-control"].to_str().unwrap(), "no-store");
    assert_eq!(app.get_as(&path, &elsewhere.access).await.status, 404);
    assert_eq!(app.get_as(&path, &admin.access).await.status, 404);

    let log = app
        .get_as("/api/v1/admin/audit?action=contact_revealed", &admin.access)
        .await;
    assert_eq!(log.status, 200, "{}", log.body);
    let items = log.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "only the reading that was allowed");
    assert_eq!(items[0]["target_id"], request["id"]);
    assert_eq!(items[0]["actor_role"], "official");
    let text = log.body.to_string();
    assert!(!text.contains(&phone(7)), "the log keeps the phone masked");
}

#[actix_web::test]
async fn administrators_filter_the_audit_log_by_actor_action_and_day_a_page_at_a_time() {
    let app = spawn_app().await;
    let admin = app.staff("13700002222", "admin", &[]).await;
    for n in 1..=3 {
        app.owner(&phone(n), n).await;
    }
    let official = app.official(1, "sasac", "korla").await;

    let registrations = app
        .get_as("/api/v1/admin/audit?action=register&limit=2", &admin.access)
        .await;
    assert_eq!(registrations.status, 200, "{}", registrations.body);
    let first = registrations.body["items"].as_array().unwrap().clone();
    assert_eq!(first.len(), 2);
    let cursor = registrations.body["next_cursor"].as_str().unwrap();
    let rest = app
        .get_as(
            &format!("/api/v1/admin/audit?action=register&limit=2&cursor={cursor}"),
            &admin.access,
        )
        .await;
    let rest = rest.body["items"].as_array().unwrap().clone();
    assert_eq!(rest.len(), 1);
    assert!(first[1]["id"].as_i64().unwrap() > rest[0]["id"].as_i64().unwrap());

    let me = app.get_as("/api/v1/me", &official.access).await;
    let official_id = me.body["id"].clone();
    let by_actor = app
        .get_as(
            &format!("/api/v1/admin/audit?actor={official_id}"),
            &admin.access,
        )
        .await;
    let actions: Vec<&str> = by_actor.body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["action"].as_str().unwrap())
        .collect();
    assert_eq!(actions, ["login"], "{}", by_actor.body);

    let today = shared::application::beijing_day(chrono::Utc::now());
    let yesterday = today - chrono::Duration::days(1);
    let old = app
        .get_as(
            &format!("/api/v1/admin/audit?to={yesterday}"),
            &admin.access,
        )
        .await;
    assert_eq!(old.body["items"], json!([]));
    let todays = app
        .get_as(
            &format!("/api/v1/admin/audit?from={today}&to={today}"),
            &admin.access,
        )
        .await;
    assert!(todays.body["items"].as_array().unwrap().len() >= 5);

    assert_eq!(
        app.get_as("/api/v1/admin/audit", &official.access)
            .await
            .status,
        403
    );
    let bad = app
        .get_as("/api/v1/admin/audit?cursor=abc", &admin.access)
        .await;
    assert_eq!(bad.status, 400);
    assert_eq!(bad.body["error"]["field"], "cursor");
    let bad = app
        .get_as("/api/v1/admin/audit?from=yesterday", &admin.access)
        .await;
    assert_eq!(bad.code(), "invalid_query");
}
