use crate::helpers::spawn_app;

#[actix_web::test]
async fn health_check_reports_ok_with_the_catalog_version() {
    let app = spawn_app().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status().as_u16(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["catalog_version"], "2022.4");
}

#[actix_web::test]
async fn responses_carry_security_headers() {
    let app = spawn_app().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.headers()["x-content-type-options"], "nosniff");
    assert!(
        res.headers()["content-security-policy"]
            .to_str()
            .unwrap()
            .contains("default-src 'self'")
    );
}

#[actix_web::test]
async fn unknown_api_paths_get_a_json_404() {
    let app = spawn_app().await;
    let res = app.get("/api/v1/nothing-here").await;
    assert_eq!(res.status().as_u16(), 404);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"]["code"], "not_found");
}

#[actix_web::test]
async fn without_a_built_frontend_the_root_explains_and_the_api_still_serves() {
    let app = spawn_app().await;
    let res = app.get("/").await;
    assert_eq!(res.status().as_u16(), 404);
    assert!(res.text().await.unwrap().contains("not built"));
    assert_eq!(app.get("/api/v1/catalog").await.status().as_u16(), 200);
}

#[actix_web::test]
async fn every_answer_carries_a_request_id_that_error_bodies_repeat() {
    let app = spawn_app().await;
    let res = app.get("/api/v1/nothing-here").await;
    let header = res.headers()["x-request-id"].to_str().unwrap().to_string();
    assert_eq!(header.len(), 32, "{header}");
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["error"]["request_id"], header.as_str());
    let other = app.get("/healthz").await;
    assert_ne!(other.headers()["x-request-id"], header.as_str());
}

#[actix_web::test]
async fn a_sane_request_id_from_the_client_is_kept_and_a_forged_one_replaced() {
    let app = spawn_app().await;
    let send = |id: &'static str| {
        app.client
            .get(format!("{}/api/v1/nothing-here", app.address))
            .header("x-request-id", id)
            .send()
    };
    let kept = send("proxy-7f3a:42").await.unwrap();
    assert_eq!(kept.headers()["x-request-id"], "proxy-7f3a:42");
    let body: serde_json::Value = kept.json().await.unwrap();
    assert_eq!(body["error"]["request_id"], "proxy-7f3a:42");
    let forged = send("x\" level=ERROR msg=forged").await.unwrap();
    let replaced = forged.headers()["x-request-id"].to_str().unwrap();
    assert_eq!(replaced.len(), 32);
    assert!(replaced.bytes().all(|b| b.is_ascii_hexdigit()));
}

#[actix_web::test]
async fn personal_answers_are_not_stored_by_caches_but_the_catalog_revalidates() {
    let app = spawn_app().await;
    let owner = app.owner("13800000001", 1).await;
    let me = app.get_as("/api/v1/me", &owner.access).await;
    assert_eq!(me.status, 200);
    assert_eq!(me.headers["cache-control"], "no-store");
    let requests = app.get_as("/api/v1/requests", &owner.access).await;
    assert_eq!(requests.headers["cache-control"], "no-store");
    let refused = app.get("/api/v1/me").await;
    assert_eq!(refused.headers()["cache-control"], "no-store");
    let catalog = app.get("/api/v1/catalog").await;
    assert_eq!(catalog.headers()["cache-control"], "no-cache");
    let etag = catalog.headers()["etag"].to_str().unwrap().to_string();
    let again = app
        .client
        .get(format!("{}/api/v1/catalog", app.address))
        .header("if-none-match", etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 304);
}

#[actix_web::test]
async fn hsts_is_sent_only_when_clients_come_over_https() {
    let plain = spawn_app().await;
    let res = plain.get("/healthz").await;
    assert!(res.headers().get("strict-transport-security").is_none());
    let csp = res.headers()["content-security-policy"].to_str().unwrap();
    assert!(
        csp.contains("script-src 'self' 'wasm-unsafe-eval';"),
        "{csp}"
    );
    assert!(!csp.contains("script-src 'self' 'unsafe-inline'"), "{csp}");
    assert!(csp.contains("frame-ancestors 'none'"), "{csp}");
    assert!(
        csp.contains("img-src 'self' data: blob:;"),
        "photo previews are blob: images: {csp}"
    );
    assert_eq!(res.headers()["referrer-policy"], "no-referrer");
    let tls = crate::helpers::spawn_app_with(|c| c.https = true).await;
    let res = tls.get("/healthz").await;
    assert_eq!(
        res.headers()["strict-transport-security"],
        "max-age=31536000; includeSubDomains"
    );
}

#[actix_web::test]
async fn a_method_a_documented_path_does_not_take_gets_405_with_allow() {
    let app = spawn_app().await;
    for (method, path, allow) in [
        (reqwest::Method::DELETE, "/api/v1/me", "GET, PATCH"),
        (reqwest::Method::GET, "/api/v1/eligibility", "POST"),
        (reqwest::Method::PUT, "/api/v1/requests/7", "GET"),
        (reqwest::Method::POST, "/healthz", "GET"),
    ] {
        let res = app
            .client
            .request(method.clone(), format!("{}{path}", app.address))
            .send()
            .await
            .unwrap();
        assert_eq!(res.status().as_u16(), 405, "{method} {path}");
        assert_eq!(res.headers()["allow"], allow, "{method} {path}");
        let body: serde_json::Value = res.json().await.unwrap();
        assert_eq!(body["error"]["code"], "method_not_allowed");
    }
    // A path nobody documents is still 404, and an id that is not a number names nothing.
    assert_eq!(
        app.get("/api/v1/requests/7/nothing")
            .await
            .status()
            .as_u16(),
        404
    );
    let owner = app.owner("13800000002", 2).await;
    let not_a_number = app.get_as("/api/v1/requests/abc", &owner.access).await;
    assert_eq!(not_a_number.status, 404);
    assert_eq!(not_a_number.code(), "not_found");
}
