use serde_json::Value;

use crate::helpers::spawn_app;

#[actix_web::test]
async fn the_catalog_lists_all_fifteen_measures_departments_and_jurisdictions_in_both_languages() {
    let app = spawn_app().await;
    let res = app.get("/api/v1/catalog").await;
    assert_eq!(res.status().as_u16(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["version"], "2022.4");
    let measures = body["measures"].as_array().unwrap();
    assert_eq!(measures.len(), 15);
    for m in measures {
        assert!(m["title"]["zh-CN"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(m["title"]["en"].as_str().is_some_and(|s| !s.is_empty()));
        assert!(m["original"].as_str().is_some_and(|s| !s.is_empty()));
    }
    assert_eq!(body["departments"].as_array().unwrap().len(), 14);
    assert_eq!(body["jurisdictions"].as_array().unwrap().len(), 10);
    assert_eq!(
        body["jurisdictions"][0]["medium_high_risk_2022"],
        Value::Null
    );
}

#[actix_web::test]
async fn the_catalog_served_is_the_shared_type_and_round_trips() {
    let app = spawn_app().await;
    let text = app.get("/api/v1/catalog").await.text().await.unwrap();
    let served = shared::examples::load(&text).expect("the served catalog parses and validates");
    assert_eq!(served, shared::examples::shipped().unwrap());
}

#[actix_web::test]
async fn a_client_with_the_current_catalog_gets_304_and_keeps_its_copy() {
    let app = crate::helpers::spawn_app().await;
    let first = app.get("/api/v1/catalog").await;
    let etag = first.headers()["etag"].to_str().unwrap().to_string();
    let again = app
        .client
        .get(format!("{}/api/v1/catalog", app.address))
        .header("if-none-match", &etag)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status().as_u16(), 304);
    let stale = app
        .client
        .get(format!("{}/api/v1/catalog", app.address))
        .header("if-none-match", "\"2021.9\"")
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status().as_u16(), 200);
}

#[actix_web::test]
async fn the_served_schema_of_the_catalog_format_accepts_the_catalog_in_force_and_refuses_a_misspelt_one()
 {
    let app = spawn_app().await;
    let res = app.get("/api/v1/catalog/schema").await;
    assert_eq!(res.status().as_u16(), 200);
    assert_eq!(
        res.headers()["content-type"].to_str().unwrap(),
        "application/schema+json"
    );
    let schema: Value = res.json().await.unwrap();
    assert_eq!(schema["title"], "Shukun catalog");
    let validator = jsonschema::validator_for(&schema).expect("the schema is a JSON Schema");

    let catalog: Value = app.get("/api/v1/catalog").await.json().await.unwrap();
    let problems: Vec<String> = validator
        .iter_errors(&catalog)
        .map(|e| format!("{}: {e}", e.instance_path()))
        .collect();
    assert!(problems.is_empty(), "{problems:#?}");
    // The shipped file, with its examples, too.
    let shipped: Value = serde_json::from_str(shared::catalog::SHIPPED_JSON).unwrap();
    assert!(validator.is_valid(&shipped));

    // A question of a kind the format does not have, and a misspelt field, are refused
    // where they are written.
    let mut wrong = shipped.clone();
    wrong["questions"][2]["answer"] = serde_json::json!({"headcount": {"max": 10}});
    let error = validator.iter_errors(&wrong).next().expect("refused");
    assert!(
        error
            .instance_path()
            .to_string()
            .starts_with("/questions/2/answer"),
        "{}",
        error.instance_path()
    );
    let mut misspelt = shipped;
    misspelt["measures"][0]["clauses"] = "二(一)一".into();
    assert!(!validator.is_valid(&misspelt));
}
