use serde_json::Value;
use shared::answers::Industry;
use shared::error_code::ErrorCode;

use crate::helpers::spawn_app;

#[actix_web::test]
async fn the_openapi_document_describes_every_endpoint_and_the_shared_bodies() {
    let app = spawn_app().await;
    let res = app.get("/api/v1/openapi.json").await;
    assert_eq!(res.status().as_u16(), 200);
    let doc: Value = res.json().await.unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    for path in [
        "/healthz",
        "/api/v1/catalog",
        "/api/v1/eligibility",
        "/api/v1/openapi.json",
        "/api/v1/auth/register",
        "/api/v1/auth/login",
        "/api/v1/auth/refresh",
        "/api/v1/auth/logout",
        "/api/v1/auth/wechat",
        "/api/v1/auth/wechat/bind",
        "/api/v1/me",
        "/api/v1/me/password",
        "/api/v1/admin/users",
        "/api/v1/admin/users/{id}/disable",
    ] {
        assert!(doc["paths"].get(path).is_some(), "{path} is documented");
    }
    let post = &doc["paths"]["/api/v1/eligibility"]["post"];
    for status in ["200", "400", "413", "415"] {
        assert!(
            post["responses"].get(status).is_some(),
            "{status} is documented"
        );
    }
    let schemas = &doc["components"]["schemas"];
    let answers = &schemas["Answers"]["properties"];
    assert!(answers.get("monthly_rent_fen").is_some());
    assert!(answers.get("utilities_in_arrears").is_some());
    // The answers are the catalog's questions, each value as the catalog lists it (and
    // `null`, not answered), and no other key.
    assert_eq!(schemas["Answers"]["additionalProperties"], false);
    let industries: Vec<&str> = answers["industry"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|v| v.as_str())
        .collect();
    let expected: Vec<&str> = Industry::ALL.iter().map(|i| i.as_str()).collect();
    assert_eq!(industries, expected);
    assert!(schemas.get("EligibilityResponse").is_some());
    let codes: Vec<&str> = schemas["ErrorCode"]["enum"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap())
        .collect();
    let expected: Vec<&str> = ErrorCode::ALL.iter().map(|c| c.as_str()).collect();
    assert_eq!(codes, expected);
    for schema in [
        "RegisterRequest",
        "TokenResponse",
        "Me",
        "WechatLoginResponse",
    ] {
        assert!(schemas.get(schema).is_some(), "{schema}");
    }
    assert!(doc["components"]["securitySchemes"].get("bearer").is_some());
    assert!(schemas.get("ErrorBody").is_some());
}

#[actix_web::test]
async fn the_document_states_the_limits_the_server_checks() {
    use shared::account::password::{MAX_PASSWORD_CHARS, MIN_PASSWORD_CHARS};
    use shared::answers::{MAX_AMOUNT_FEN, MAX_EMPLOYEES, TAX_YEARS};
    let app = spawn_app().await;
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    let schemas = &doc["components"]["schemas"];
    let answers = &schemas["Answers"]["properties"];
    assert_eq!(answers["tax_year"]["minimum"], *TAX_YEARS.start());
    assert_eq!(answers["tax_year"]["maximum"], *TAX_YEARS.end());
    assert_eq!(answers["employees"]["maximum"], MAX_EMPLOYEES);
    assert_eq!(answers["monthly_rent_fen"]["maximum"], MAX_AMOUNT_FEN);
    assert_eq!(answers["monthly_rent_fen"]["minimum"], 0);
    assert_eq!(answers["utilities_in_arrears"]["uniqueItems"], true);
    let password = &schemas["RegisterRequest"]["properties"]["password"];
    assert_eq!(password["minLength"], MIN_PASSWORD_CHARS);
    assert_eq!(password["maxLength"], MAX_PASSWORD_CHARS);
    // The languages the API takes, exactly.
    let params = doc["paths"]["/api/v1/eligibility"]["post"]["parameters"]
        .as_array()
        .unwrap();
    let lang = params.iter().find(|p| p["name"] == "lang").unwrap();
    let reference = lang["schema"]["$ref"].as_str().unwrap();
    let name = reference.rsplit('/').next().unwrap();
    assert_eq!(schemas[name]["enum"], serde_json::json!(["zh-CN", "en"]));
    // Every error body may carry the request id, and a field's problem as a code.
    for property in ["request_id", "problem"] {
        assert!(
            schemas["ErrorDetail"]["properties"].get(property).is_some(),
            "{property}"
        );
    }
    // Operations with a bearer token document 401; with a JSON body, 400, 413 and 415.
    let file = &doc["paths"]["/api/v1/requests"]["post"]["responses"];
    for status in ["400", "401", "413", "415", "422"] {
        assert!(file.get(status).is_some(), "POST /api/v1/requests {status}");
    }
}

#[actix_web::test]
async fn every_documented_operation_is_served_and_nothing_undocumented_is() {
    let app = spawn_app().await;
    let doc: Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    let paths = doc["paths"].as_object().expect("paths");
    let mut operations = 0;
    for (path, item) in paths {
        // Ids that parse, so a served route answers for itself (401, 404 for no such record…).
        let concrete = path.replace("{id}", "1").replace("{doc_id}", "1");
        for method in ["get", "post", "patch", "put", "delete"] {
            if item.get(method).is_none() {
                continue;
            }
            operations += 1;
            let res = app
                .client
                .request(
                    method.to_uppercase().parse().expect("method"),
                    format!("{}{concrete}", app.address),
                )
                .send()
                .await
                .expect("response");
            let status = res.status().as_u16();
            let body: Value = res.json().await.unwrap_or(Value::Null);
            let unmatched = matches!(status, 404 | 405)
                && body["error"]["message"] == "no such endpoint"
                || status == 405;
            assert!(!unmatched, "{method} {path} is documented but not served");
        }
    }
    assert!(operations >= 50, "{operations} operations documented");
    // And a route nobody registered is not served, whatever its shape.
    let res = app.get("/api/v1/requests/1/undocumented").await;
    assert_eq!(res.status().as_u16(), 404);
}
