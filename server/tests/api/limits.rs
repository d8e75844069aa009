use std::time::Duration;

use reqwest::Method;
use serde_json::json;

use crate::helpers::{PASSWORD, credit_code, spawn_app, spawn_app_with};

#[actix_web::test]
async fn a_burst_of_failed_sign_ins_for_one_phone_gets_429_with_retry_after() {
    let app = spawn_app().await;
    app.owner("13812341234", 1).await;
    for attempt in 1..=5 {
        let reply = app.login("13812341234", "wrong-password-1").await;
        assert_eq!(reply.status, 401, "attempt {attempt} is only refused");
    }
    // The sixth is limited, even with the right password.
    for password in ["wrong-password-1", PASSWORD] {
        let reply = app.login("13812341234", password).await;
        assert_eq!(reply.status, 429);
        assert_eq!(reply.code(), "rate_limited");
        let retry: u64 = reply.headers["retry-after"]
            .to_str()
            .unwrap()
            .parse()
            .unwrap();
        assert!((1..=15 * 60).contains(&retry), "Retry-After {retry}");
        // The body says it too, for the apps to tell the minutes to wait.
        assert_eq!(reply.body["error"]["retry_after"], retry);
    }
    // Another phone from the same address is not limited yet.
    app.owner("13912341234", 2).await;
    assert_eq!(app.login("13912341234", PASSWORD).await.status, 200);
}

#[actix_web::test]
async fn failed_sign_ins_across_many_phones_from_one_address_get_429() {
    let app = spawn_app_with(|c| c.limits.login_per_address.max = 3).await;
    for n in 0..3 {
        let reply = app
            .login(&format!("1380000000{n}"), "wrong-password-1")
            .await;
        assert_eq!(reply.status, 401);
    }
    let reply = app.login("13800000009", "wrong-password-1").await;
    assert_eq!(reply.status, 429);
    assert!(reply.headers.contains_key("retry-after"));
}

#[actix_web::test]
async fn registrations_from_one_address_are_limited() {
    let app = spawn_app_with(|c| c.limits.register_per_address.max = 2).await;
    assert_eq!(
        app.register("13800000001", &credit_code(1)).await.status,
        201
    );
    assert_eq!(
        app.register("13800000002", &credit_code(2)).await.status,
        201
    );
    let third = app.register("13800000003", &credit_code(3)).await;
    assert_eq!(third.status, 429);
    assert_eq!(third.code(), "rate_limited");
}

#[actix_web::test]
async fn a_limited_phone_may_try_again_once_the_window_has_passed() {
    let app = spawn_app_with(|c| {
        c.limits.login_per_phone.max = 1;
        c.limits.login_per_phone.window = Duration::from_millis(1500);
    })
    .await;
    app.owner("13812341234", 1).await;
    assert_eq!(
        app.login("13812341234", "wrong-password-1").await.status,
        401
    );
    assert_eq!(app.login("13812341234", PASSWORD).await.status, 429);
    tokio::time::sleep(Duration::from_millis(1600)).await;
    assert_eq!(app.login("13812341234", PASSWORD).await.status, 200);
}

#[actix_web::test]
async fn a_body_over_64_kib_is_refused_on_sign_in_too() {
    let app = spawn_app().await;
    let body = json!({"phone": "13812341234", "password": "x".repeat(70 * 1024)});
    let reply = app.post("/api/v1/auth/login", &body).await;
    assert_eq!(reply.status, 413);
    assert_eq!(reply.code(), "payload_too_large");
}

#[actix_web::test]
async fn guessing_the_current_password_with_a_stolen_token_is_limited_too() {
    let app = spawn_app().await;
    let owner = app.owner("13812341234", 1).await;
    let guess = |n: u32| json!({"current_password": format!("guess-number-{n}"), "new_password": "Bosten-lake-2022"});
    for n in 0..5 {
        let reply = app
            .send(
                Method::POST,
                "/api/v1/me/password",
                Some(&guess(n)),
                Some(&owner.access),
            )
            .await;
        assert_eq!(reply.status, 401, "guess {n}");
    }
    let reply = app
        .send(
            Method::POST,
            "/api/v1/me/password",
            Some(&guess(5)),
            Some(&owner.access),
        )
        .await;
    assert_eq!(reply.status, 429);
    // Sign-in with the phone is limited as well: the failures share one counter.
    assert_eq!(app.login("13812341234", PASSWORD).await.status, 429);
}

/// Attempts are reserved before the password is verified: of 40 wrong guesses for one phone
/// sent at once, exactly 5 are verified and 35 refused, and then the right password is refused
/// too (the probe had 24 verified, and the right one among them signed in).
#[actix_web::test]
async fn forty_guesses_at_once_for_one_phone_are_counted_exactly() {
    let app = spawn_app().await;
    app.owner("13812341234", 1).await;
    let replies = futures_util::future::join_all((0..40).map(|i| {
        let app = &app;
        async move {
            app.login("13812341234", &format!("wrong-password-{i}"))
                .await
        }
    }))
    .await;
    let verified = replies.iter().filter(|r| r.status == 401).count();
    let refused = replies.iter().filter(|r| r.status == 429).count();
    assert_eq!((verified, refused), (5, 35));
    assert_eq!(app.login("13812341234", PASSWORD).await.status, 429);
}

/// 30 registrations from one address at once make exactly 10 accounts (the probe made 13).
#[actix_web::test]
async fn thirty_registrations_at_once_from_one_address_make_exactly_ten_accounts() {
    let app = spawn_app().await;
    let replies = futures_util::future::join_all((0..30u32).map(|n| {
        let app = &app;
        async move {
            app.register(&format!("138{:08}", 100 + n), &credit_code(100 + n))
                .await
        }
    }))
    .await;
    let made = replies.iter().filter(|r| r.status == 201).count();
    let refused = replies.iter().filter(|r| r.status == 429).count();
    assert_eq!(
        (made, refused),
        (10, 20),
        "{:?}",
        replies.iter().map(|r| r.status).collect::<Vec<_>>()
    );
}

/// A correct password frees the attempt it reserved: signing in does not use up the limit.
#[actix_web::test]
async fn signing_in_with_the_right_password_does_not_count_as_an_attempt() {
    let app = spawn_app_with(|c| c.limits.login_per_address.max = 3).await;
    app.owner("13812341234", 1).await;
    for _ in 0..6 {
        assert_eq!(app.login("13812341234", PASSWORD).await.status, 200);
    }
}
