use jsonwebtoken::{Algorithm, DecodingKey, EncodingKey, Header, Validation, decode, encode};
use reqwest::Method;
use serde_json::{Value, json};

use crate::helpers::{PASSWORD, TEST_SECRET, Tokens, spawn_app, spawn_app_with};

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

/// The claims of a real access token, to forge variants from.
fn claims_of(token: &str) -> Value {
    let mut v = Validation::new(Algorithm::HS256);
    v.set_audience(&["shukun-api"]);
    decode::<Value>(token, &DecodingKey::from_secret(TEST_SECRET), &v)
        .unwrap()
        .claims
}

fn sign(claims: &Value, alg: Algorithm, secret: &[u8]) -> String {
    encode(&Header::new(alg), claims, &EncodingKey::from_secret(secret)).unwrap()
}

fn b64url(bytes: &[u8]) -> String {
    const T: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut out = String::new();
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..=chunk.len() {
            out.push(char::from(T[((n >> (18 - 6 * i)) & 63) as usize]));
        }
    }
    out
}

fn with(claims: &Value, key: &str, value: Value) -> Value {
    let mut c = claims.clone();
    c[key] = value;
    c
}

fn without(claims: &Value, key: &str) -> Value {
    let mut c = claims.clone();
    c.as_object_mut().unwrap().remove(key);
    c
}

#[actix_web::test]
async fn forged_expired_and_misdirected_tokens_are_refused_with_401() {
    let app = spawn_app().await;
    let owner = app.owner("13812341234", 1).await;
    let real = claims_of(&owner.access);
    assert_eq!(app.get_as("/api/v1/me", &owner.access).await.status, 200);
    let unsigned = format!(
        "{}.{}.",
        b64url(br#"{"alg":"none","typ":"JWT"}"#),
        b64url(real.to_string().as_bytes())
    );
    let other_key = b"another-secret-of-at-least-32-bytes-xxxxxxxx";
    // (token, expected code, why it must fail)
    let cases: Vec<(String, &str, &str)> = vec![
        (unsigned, "unauthorized", "alg none: no signature at all"),
        (
            sign(&real, Algorithm::HS256, other_key),
            "unauthorized",
            "signed with another key",
        ),
        (
            sign(&real, Algorithm::HS512, TEST_SECRET),
            "unauthorized",
            "the algorithm is pinned to HS256",
        ),
        (
            sign(
                &with(
                    &with(&real, "exp", json!(now() - 60)),
                    "iat",
                    json!(now() - 1000),
                ),
                Algorithm::HS256,
                TEST_SECRET,
            ),
            "token_expired",
            "expired a minute ago",
        ),
        (
            sign(
                &with(&real, "aud", json!("another-api")),
                Algorithm::HS256,
                TEST_SECRET,
            ),
            "unauthorized",
            "wrong aud",
        ),
        (
            sign(
                &with(&real, "iss", json!("someone-else")),
                Algorithm::HS256,
                TEST_SECRET,
            ),
            "unauthorized",
            "wrong iss",
        ),
        (
            sign(
                &with(&real, "typ", json!("wechat_bind")),
                Algorithm::HS256,
                TEST_SECRET,
            ),
            "unauthorized",
            "a bind ticket's typ",
        ),
        (
            sign(&without(&real, "typ"), Algorithm::HS256, TEST_SECRET),
            "unauthorized",
            "typ missing",
        ),
        (
            sign(&without(&real, "exp"), Algorithm::HS256, TEST_SECRET),
            "unauthorized",
            "exp missing",
        ),
        (
            sign(&without(&real, "iat"), Algorithm::HS256, TEST_SECRET),
            "unauthorized",
            "iat missing",
        ),
        (
            sign(&without(&real, "sub"), Algorithm::HS256, TEST_SECRET),
            "unauthorized",
            "sub missing",
        ),
        (
            sign(
                &with(&real, "sub", json!("999")),
                Algorithm::HS256,
                TEST_SECRET,
            ),
            "unauthorized",
            "no such account",
        ),
        (
            sign(
                &with(&real, "sid", json!("0000")),
                Algorithm::HS256,
                TEST_SECRET,
            ),
            "unauthorized",
            "no such session",
        ),
        (
            owner.refresh.clone(),
            "unauthorized",
            "a refresh token used as an access token",
        ),
        (
            format!("{}x", owner.access),
            "unauthorized",
            "signature tampered with",
        ),
        ("not.a.token".into(), "unauthorized", "garbage"),
    ];
    for (token, code, why) in &cases {
        let reply = app.get_as("/api/v1/me", token).await;
        assert_eq!(reply.status, 401, "{why}");
        assert_eq!(reply.code(), *code, "{why}");
    }
}

#[actix_web::test]
async fn a_refresh_token_rotates_and_works_once() {
    let app = spawn_app().await;
    let first = app.owner("13812341234", 1).await;
    let reply = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": first.refresh}),
        )
        .await;
    assert_eq!(reply.status, 200, "{}", reply.body);
    let second = Tokens::of(&reply);
    assert_ne!(second.refresh, first.refresh);
    assert_eq!(app.get_as("/api/v1/me", &second.access).await.status, 200);
    let third = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": second.refresh}),
        )
        .await;
    assert_eq!(third.status, 200);
}

#[actix_web::test]
async fn reusing_a_rotated_refresh_token_revokes_the_whole_family() {
    let clock = server::clock::Clock::fixed(chrono::Utc::now());
    let c = clock.clone();
    let app = crate::helpers::spawn_app_with(move |config| config.clock = c).await;
    let first = app.owner("13812341234", 1).await;
    let second = Tokens::of(
        &app.post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": first.refresh}),
        )
        .await,
    );
    // Someone replays the first refresh token, past the few seconds' grace.
    clock.advance(chrono::TimeDelta::seconds(11));
    let replay = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": first.refresh}),
        )
        .await;
    assert_eq!(replay.status, 401);
    assert_eq!(replay.code(), "unauthorized");
    // Every token of the session is dead, including the legitimate newest ones.
    let newest = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": second.refresh}),
        )
        .await;
    assert_eq!(newest.status, 401);
    assert_eq!(app.get_as("/api/v1/me", &second.access).await.status, 401);
    // Another session of the same owner is untouched.
    let other = Tokens::of(&app.login("13812341234", PASSWORD).await);
    assert_eq!(app.get_as("/api/v1/me", &other.access).await.status, 200);
}

#[actix_web::test]
async fn after_logout_the_access_and_refresh_tokens_are_refused() {
    let app = spawn_app().await;
    let owner = app.owner("13812341234", 1).await;
    let out = app
        .post(
            "/api/v1/auth/logout",
            &json!({"refresh_token": owner.refresh}),
        )
        .await;
    assert_eq!(out.status, 204);
    assert_eq!(app.get_as("/api/v1/me", &owner.access).await.status, 401);
    let refreshed = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": owner.refresh}),
        )
        .await;
    assert_eq!(refreshed.status, 401);
    // Signing out again is not an error.
    let again = app
        .post(
            "/api/v1/auth/logout",
            &json!({"refresh_token": owner.refresh}),
        )
        .await;
    assert_eq!(again.status, 204);
}

#[actix_web::test]
async fn bad_refresh_requests_are_refused() {
    let app = spawn_app().await;
    let owner = app.owner("13812341234", 1).await;
    // (body, status, code, why it must fail)
    let cases: Vec<(Value, u16, &str, &str)> = vec![
        (
            json!({"refresh_token": "0".repeat(64)}),
            401,
            "unauthorized",
            "never issued",
        ),
        (
            json!({"refresh_token": owner.access}),
            401,
            "unauthorized",
            "an access token is not a refresh token",
        ),
        (json!({}), 400, "invalid_field", "missing"),
        (
            json!({"refresh_token": 5}),
            400,
            "invalid_field",
            "not a string",
        ),
    ];
    for (body, status, code, why) in &cases {
        let reply = app.post("/api/v1/auth/refresh", body).await;
        assert_eq!(reply.status, *status, "{why}");
        assert_eq!(reply.code(), *code, "{why}");
    }
}

#[actix_web::test]
async fn a_disabled_accounts_tokens_stop_working_and_it_cannot_sign_in() {
    let app = spawn_app().await;
    let official = app
        .staff(
            "13700001111",
            "official",
            &["--department", "tax", "--jurisdiction", "korla"],
        )
        .await;
    assert_eq!(app.get_as("/api/v1/me", &official.access).await.status, 200);
    let admin = app.staff("13700002222", "admin", &[]).await;
    let users = app.get_as("/api/v1/admin/users", &admin.access).await;
    let id = users.body["users"]
        .as_array()
        .unwrap()
        .iter()
        .find(|u| u["phone_masked"] == "137****1111")
        .unwrap()["id"]
        .clone();
    let disabled = app
        .send(
            Method::POST,
            &format!("/api/v1/admin/users/{id}/disable"),
            None,
            Some(&admin.access),
        )
        .await;
    assert_eq!(disabled.status, 200, "{}", disabled.body);
    assert_eq!(disabled.body["disabled"], true);
    assert_eq!(app.get_as("/api/v1/me", &official.access).await.status, 401);
    let refreshed = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": official.refresh}),
        )
        .await;
    assert_eq!(refreshed.status, 401);
    let login = app.login("13700001111", PASSWORD).await;
    assert_eq!(login.status, 403);
    assert_eq!(login.code(), "account_disabled");
}

#[actix_web::test]
async fn an_expired_refresh_token_is_refused_as_expired() {
    let app = spawn_app_with(|c| c.refresh_token_ttl = std::time::Duration::from_millis(300)).await;
    let owner = app.owner("13812341234", 1).await;
    tokio::time::sleep(std::time::Duration::from_millis(400)).await;
    let reply = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": owner.refresh}),
        )
        .await;
    assert_eq!(reply.status, 401);
    assert_eq!(reply.code(), "token_expired");
}

/// Three calls of one page find the access token expired and refresh at once with the same
/// refresh token: all get the same new pair, the session stays, and no alarm is written.
#[actix_web::test]
async fn three_refreshes_at_once_with_one_token_share_the_new_pair_and_raise_no_alarm() {
    let app = spawn_app().await;
    let first = app.owner("13812341234", 1).await;
    let body = json!({"refresh_token": first.refresh});
    let replies =
        futures_util::future::join_all((0..3).map(|_| app.post("/api/v1/auth/refresh", &body)))
            .await;
    for r in &replies {
        assert_eq!(r.status, 200, "{}", r.body);
    }
    let successors: std::collections::BTreeSet<&str> = replies
        .iter()
        .map(|r| r.body["refresh_token"].as_str().unwrap())
        .collect();
    assert_eq!(successors.len(), 1, "one successor: {successors:?}");
    let next = Tokens::of(&replies[0]);
    assert_eq!(app.get_as("/api/v1/me", &next.access).await.status, 200);
    let rotated = app
        .post(
            "/api/v1/auth/refresh",
            &json!({"refresh_token": next.refresh}),
        )
        .await;
    assert_eq!(rotated.status, 200, "the session goes on: {}", rotated.body);
    let admin = app.staff("13700002222", "admin", &[]).await;
    let alarms = app
        .get_as(
            "/api/v1/admin/audit?action=refresh_token_reused",
            &admin.access,
        )
        .await;
    assert_eq!(alarms.body["items"], json!([]), "no false alarm");
}
