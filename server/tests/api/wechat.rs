use std::time::{Duration, Instant};

use actix_web::{App, HttpResponse, HttpServer, web};
use reqwest::Method;
use serde::Deserialize;
use serde_json::json;
use server::config::{Secret, WechatConfig};

use crate::helpers::{TestApp, spawn_app, spawn_app_with};

#[derive(Deserialize)]
struct Query {
    appid: String,
    secret: String,
    js_code: String,
    grant_type: String,
}

/// A stand-in for `api.weixin.qq.com` speaking the documented JSON (as text/plain, like
/// WeChat). The code decides the answer.
async fn jscode2session(q: web::Query<Query>) -> HttpResponse {
    if q.appid != "wx-test-app"
        || q.secret != "wx-test-secret"
        || q.grant_type != "authorization_code"
    {
        return HttpResponse::Ok().body(r#"{"errcode":40013,"errmsg":"invalid appid"}"#);
    }
    let body = match q.js_code.as_str() {
        "code-owner" => r#"{"openid":"o-owner-1","session_key":"sk=="}"#,
        "code-other" => r#"{"openid":"o-other-2","session_key":"sk==","unionid":"u2"}"#,
        "code-invalid" => r#"{"errcode":40029,"errmsg":"invalid code"}"#,
        "code-limited" => r#"{"errcode":45011,"errmsg":"api minute-quota reach limit"}"#,
        "code-busy" => r#"{"errcode":-1,"errmsg":"system error"}"#,
        "code-risky" => r#"{"errcode":40226,"errmsg":"high risk user"}"#,
        "code-garbled" => "<html>gateway error</html>",
        "code-slow" => {
            actix_web::rt::time::sleep(Duration::from_secs(3)).await;
            r#"{"openid":"o-slow","session_key":"sk=="}"#
        }
        _ => r#"{"errcode":40029,"errmsg":"invalid code"}"#,
    };
    HttpResponse::Ok().content_type("text/plain").body(body)
}

fn stub_wechat() -> String {
    let server =
        HttpServer::new(|| App::new().route("/sns/jscode2session", web::get().to(jscode2session)))
            .workers(1)
            .bind("127.0.0.1:0")
            .unwrap();
    let port = server.addrs()[0].port();
    actix_web::rt::spawn(server.run());
    format!("http://127.0.0.1:{port}")
}

async fn app_with_wechat() -> TestApp {
    let base_url = stub_wechat();
    spawn_app_with(move |c| {
        c.wechat = Some(WechatConfig {
            base_url,
            app_id: "wx-test-app".into(),
            secret: Secret::new("wx-test-secret"),
            timeout: Duration::from_millis(500),
        });
    })
    .await
}

async fn wechat(app: &TestApp, code: &str) -> crate::helpers::Reply {
    app.post("/api/v1/auth/wechat", &json!({ "code": code }))
        .await
}

#[actix_web::test]
async fn an_unbound_wechat_user_binds_after_registering_then_signs_in_with_wechat() {
    let app = app_with_wechat().await;
    let first = wechat(&app, "code-owner").await;
    assert_eq!(first.status, 200, "{}", first.body);
    assert_eq!(first.body["status"], "bind_required");
    let ticket = first.body["bind_ticket"].as_str().unwrap().to_string();

    let owner = app.owner("13812341234", 1).await;
    let bind = json!({ "bind_ticket": ticket });
    let bound = app
        .send(
            Method::POST,
            "/api/v1/auth/wechat/bind",
            Some(&bind),
            Some(&owner.access),
        )
        .await;
    assert_eq!(bound.status, 204, "{}", bound.body);

    let again = wechat(&app, "code-owner").await;
    assert_eq!(again.status, 200);
    assert_eq!(again.body["status"], "signed_in");
    let me = app
        .get_as("/api/v1/me", again.body["access_token"].as_str().unwrap())
        .await;
    assert_eq!(me.body["phone"], "13812341234");
    assert_eq!(me.body["wechat_bound"], true);

    // The same WeChat account cannot be bound to a second owner.
    let other = app.owner("13912341234", 2).await;
    let taken = app
        .send(
            Method::POST,
            "/api/v1/auth/wechat/bind",
            Some(&bind),
            Some(&other.access),
        )
        .await;
    assert_eq!(taken.status, 409);
    assert_eq!(taken.code(), "wechat_taken");
}

#[actix_web::test]
async fn wechat_errors_become_clear_client_errors() {
    let app = app_with_wechat().await;
    // (code, status, error code, why)
    let cases = [
        (
            "code-invalid",
            401,
            "invalid_credentials",
            "40029: the code is wrong or used",
        ),
        (
            "code-limited",
            429,
            "rate_limited",
            "45011: WeChat's own rate limit",
        ),
        (
            "code-risky",
            403,
            "forbidden",
            "40226: WeChat flagged the user",
        ),
        ("code-busy", 502, "wechat_unavailable", "-1: WeChat is busy"),
        (
            "code-garbled",
            502,
            "wechat_unavailable",
            "not the documented JSON",
        ),
        ("", 400, "invalid_field", "an empty code"),
        (
            "code with spaces",
            400,
            "invalid_field",
            "not a wx.login() code",
        ),
    ];
    for (code, status, error, why) in cases {
        let reply = wechat(&app, code).await;
        assert_eq!(reply.status, status, "{why}: {}", reply.body);
        assert_eq!(reply.code(), error, "{why}");
    }
    let limited = wechat(&app, "code-limited").await;
    assert!(limited.headers.contains_key("retry-after"));
}

#[actix_web::test]
async fn a_slow_wechat_is_given_up_on_after_the_configured_timeout() {
    let app = app_with_wechat().await;
    let started = Instant::now();
    let reply = wechat(&app, "code-slow").await;
    assert_eq!(reply.status, 502);
    assert_eq!(reply.code(), "wechat_unavailable");
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "{:?}",
        started.elapsed()
    );
}

#[actix_web::test]
async fn bind_tickets_that_are_forged_or_for_staff_are_refused() {
    let app = app_with_wechat().await;
    let owner = app.owner("13812341234", 1).await;
    let forged = app
        .send(
            Method::POST,
            "/api/v1/auth/wechat/bind",
            Some(&json!({"bind_ticket": owner.access})),
            Some(&owner.access),
        )
        .await;
    assert_eq!(forged.status, 422, "an access token is not a bind ticket");
    assert_eq!(forged.code(), "unprocessable");
    let ticket = wechat(&app, "code-other").await.body["bind_ticket"].clone();
    let anonymous = app
        .post("/api/v1/auth/wechat/bind", &json!({"bind_ticket": ticket}))
        .await;
    assert_eq!(anonymous.status, 401);
}

#[actix_web::test]
async fn without_wechat_configuration_wechat_sign_in_is_404() {
    let app = spawn_app().await;
    let reply = wechat(&app, "code-owner").await;
    assert_eq!(reply.status, 404);
    assert_eq!(reply.code(), "not_found");
    assert!(
        reply.body["error"]["message"]
            .as_str()
            .unwrap()
            .contains("WeChat")
    );
}
