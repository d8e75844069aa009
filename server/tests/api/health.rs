use crate::helpers::spawn_app;

#[actix_web::test]
async fn health_check_reports_ok_with_the_catalog_version() {
    let app = spawn_app().await;
    let res = app.get("/healthz").await;
    assert_eq!(res.status().as_u16(), 200);
    let body: serde_json::Value = res.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    assert_eq!(body["catalog_version"], "2022.1");
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
