use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{CREDIT_CODE, PASSWORD, credit_code, registration, spawn_app};

#[actix_web::test]
async fn an_owner_registers_signs_in_and_sees_the_business_profile() {
    let app = spawn_app().await;
    let reply = app.register("13812341234", CREDIT_CODE).await;
    assert_eq!(reply.status, 201, "{}", reply.body);
    assert_eq!(reply.body["token_type"], "Bearer");
    assert_eq!(reply.body["expires_in"], 900);
    assert!(reply.body["refresh_token"].as_str().unwrap().len() >= 64);

    let login = app.login("138 1234 1234", PASSWORD).await;
    assert_eq!(login.status, 200, "{}", login.body);
    let token = login.body["access_token"].as_str().unwrap();
    let me = app.get_as("/api/v1/me", token).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.body["phone"], "13812341234");
    assert_eq!(me.body["role"], "applicant");
    assert_eq!(me.body["business"]["business_name"], "库尔勒小吃店");
    assert_eq!(me.body["business"]["entity_type"], "individual_business");
    assert_eq!(me.body["business"]["credit_code"], CREDIT_CODE);
    assert_eq!(me.body["wechat_bound"], false);
    assert!(me.headers.get("etag").is_some());
}

#[actix_web::test]
async fn a_second_registration_of_a_credit_code_or_a_phone_gets_409() {
    let app = spawn_app().await;
    assert_eq!(app.register("13812341234", CREDIT_CODE).await.status, 201);
    let same_code = app.register("13912341234", " 91350100m000100y43 ").await;
    assert_eq!(same_code.status, 409);
    assert_eq!(same_code.code(), "credit_code_taken");
    assert_eq!(same_code.body["error"]["field"], "credit_code");
    let same_phone = app.register("13812341234", &credit_code(2)).await;
    assert_eq!(same_phone.status, 409);
    assert_eq!(same_phone.code(), "phone_taken");
    // The refused registrations left nothing behind: the second phone can still register.
    assert_eq!(
        app.register("13912341234", &credit_code(3)).await.status,
        201
    );
}

#[actix_web::test]
async fn bad_registrations_are_refused_with_400_naming_the_field() {
    let app = spawn_app().await;
    // (field to change, value, field named, why it must fail)
    let cases: &[(&str, Value, &str, &str)] = &[
        (
            "credit_code",
            json!("91350100M000100Y44"),
            "credit_code",
            "wrong check character",
        ),
        (
            "credit_code",
            json!("91350100M000100I43"),
            "credit_code",
            "forbidden letter I",
        ),
        (
            "credit_code",
            json!("91350100M000100O43"),
            "credit_code",
            "forbidden letter O",
        ),
        (
            "credit_code",
            json!("91350100M000100S43"),
            "credit_code",
            "forbidden letter S",
        ),
        (
            "credit_code",
            json!("91350100M000100V43"),
            "credit_code",
            "forbidden letter V",
        ),
        (
            "credit_code",
            json!("91350100M000100Z43"),
            "credit_code",
            "forbidden letter Z",
        ),
        (
            "credit_code",
            json!("91350100M000100Y4"),
            "credit_code",
            "17 characters",
        ),
        (
            "credit_code",
            json!("91350100M000100Y433"),
            "credit_code",
            "19 characters",
        ),
        ("phone", json!("1381234123"), "phone", "10 digits"),
        (
            "phone",
            json!("12812341234"),
            "phone",
            "no mobile number starts 12",
        ),
        (
            "phone",
            json!(13812341234u64),
            "phone",
            "a number, not a string",
        ),
        (
            "password",
            json!("short1"),
            "password",
            "under 8 characters",
        ),
        (
            "password",
            json!("12345678"),
            "password",
            "the most common password",
        ),
        (
            "password",
            json!("password1"),
            "password",
            "a common password",
        ),
        (
            "password",
            json!("qwertyuiop"),
            "password",
            "a keyboard row",
        ),
        (
            "password",
            json!("aaaaaaaaaaa"),
            "password",
            "one repeated character",
        ),
        ("business_name", json!("   "), "business_name", "blank"),
        (
            "business_name",
            json!("店".repeat(101)),
            "business_name",
            "over 100 characters",
        ),
        (
            "entity_type",
            json!("cooperative_farm"),
            "entity_type",
            "unknown entity type",
        ),
        ("colour", json!("red"), "colour", "unknown field"),
    ];
    for (n, (key, value, field, why)) in cases.iter().enumerate() {
        let mut body = registration(&format!("1390000{:04}", n), &credit_code(100 + n as u32));
        body[*key] = value.clone();
        let reply = app.post("/api/v1/auth/register", &body).await;
        assert_eq!(reply.status, 400, "{why}: {}", reply.body);
        assert_eq!(reply.code(), "invalid_field", "{why}");
        assert_eq!(reply.body["error"]["field"], *field, "{why}");
        assert!(
            reply.body["error"]["message"]
                .as_str()
                .unwrap()
                .contains(field),
            "{why}: the message names the field"
        );
    }
    let missing = app
        .post("/api/v1/auth/register", &json!({"phone": "13812341234"}))
        .await;
    assert_eq!(missing.status, 400);
    assert_eq!(missing.code(), "invalid_field");
}

#[actix_web::test]
async fn wrong_credentials_get_401_without_saying_which_was_wrong() {
    let app = spawn_app().await;
    app.owner("13812341234", 1).await;
    let wrong_password = app.login("13812341234", "Korla-oasis-2023").await;
    let no_account = app.login("13912341234", PASSWORD).await;
    for reply in [&wrong_password, &no_account] {
        assert_eq!(reply.status, 401);
        assert_eq!(reply.code(), "invalid_credentials");
    }
    assert_eq!(
        wrong_password.body["error"]["message"],
        no_account.body["error"]["message"]
    );
}

#[actix_web::test]
async fn me_without_a_token_or_with_a_malformed_header_is_401() {
    let app = spawn_app().await;
    let none = app.send(Method::GET, "/api/v1/me", None, None).await;
    assert_eq!(none.status, 401);
    assert_eq!(none.code(), "unauthorized");
    assert_eq!(none.headers["www-authenticate"], "Bearer");
    let basic = app
        .client
        .get(format!("{}/api/v1/me", app.address))
        .header("authorization", "Basic dXNlcjpwYXNz")
        .send()
        .await
        .unwrap();
    assert_eq!(basic.status().as_u16(), 401);
}

#[actix_web::test]
async fn an_owner_edits_the_profile_and_a_new_phone_needs_the_password() {
    let app = spawn_app().await;
    let owner = app.owner("13812341234", 1).await;
    let me = app.get_as("/api/v1/me", &owner.access).await;
    let etag = me.headers["etag"].to_str().unwrap().to_string();

    let renamed = app
        .send(
            Method::PATCH,
            "/api/v1/me",
            Some(&json!({"business_name": "  库尔勒拌面馆 ", "entity_type": "enterprise"})),
            Some(&owner.access),
        )
        .await;
    assert_eq!(renamed.status, 200, "{}", renamed.body);
    assert_eq!(renamed.body["business"]["business_name"], "库尔勒拌面馆");
    assert_eq!(renamed.body["business"]["entity_type"], "enterprise");

    // The profile changed since `etag` was read.
    let stale = app
        .client
        .patch(format!("{}/api/v1/me", app.address))
        .bearer_auth(&owner.access)
        .header("if-match", &etag)
        .json(&json!({"business_name": "别的名字"}))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status().as_u16(), 412);
    let body: Value = stale.json().await.unwrap();
    assert_eq!(body["error"]["code"], "precondition_failed");

    let new_phone = json!({"phone": "13912341234"});
    let without = app
        .send(
            Method::PATCH,
            "/api/v1/me",
            Some(&new_phone),
            Some(&owner.access),
        )
        .await;
    assert_eq!(without.status, 400);
    assert_eq!(without.body["error"]["field"], "password");
    let wrong = app
        .send(
            Method::PATCH,
            "/api/v1/me",
            Some(&json!({"phone": "13912341234", "password": "not-the-password"})),
            Some(&owner.access),
        )
        .await;
    assert_eq!(wrong.status, 401);
    assert_eq!(wrong.code(), "invalid_credentials");
    let changed = app
        .send(
            Method::PATCH,
            "/api/v1/me",
            Some(&json!({"phone": "13912341234", "password": PASSWORD})),
            Some(&owner.access),
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    assert_eq!(changed.body["phone"], "13912341234");
    assert_eq!(app.login("13912341234", PASSWORD).await.status, 200);
    assert_eq!(app.login("13812341234", PASSWORD).await.status, 401);
}

#[actix_web::test]
async fn changing_the_password_signs_out_every_other_session() {
    let app = spawn_app().await;
    let first = app.owner("13812341234", 1).await;
    let second = Tokens::of(&app.login("13812341234", PASSWORD).await);
    let changed = app
        .send(
            Method::POST,
            "/api/v1/me/password",
            Some(&json!({"current_password": PASSWORD, "new_password": "Bosten-lake-2022"})),
            Some(&first.access),
        )
        .await;
    assert_eq!(changed.status, 200, "{}", changed.body);
    let fresh = Tokens::of(&changed);
    for old in [&first, &second] {
        assert_eq!(app.get_as("/api/v1/me", &old.access).await.status, 401);
        let refreshed = app
            .post(
                "/api/v1/auth/refresh",
                &json!({"refresh_token": old.refresh}),
            )
            .await;
        assert_eq!(refreshed.status, 401);
    }
    assert_eq!(app.get_as("/api/v1/me", &fresh.access).await.status, 200);
    assert_eq!(app.login("13812341234", PASSWORD).await.status, 401);
    assert_eq!(
        app.login("13812341234", "Bosten-lake-2022").await.status,
        200
    );
}

use crate::helpers::Tokens;
