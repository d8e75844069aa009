//! The second plan (`shared/tests/fixtures/second_plan.json`, a later year's job-keeping
//! measures with questions, parameters and formulas of its own) served by the real server
//! from its catalog file: no code knows it.

use serde_json::json;

use crate::helpers::{fresh_database, start, test_config};

const SECOND_PLAN: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../shared/tests/fixtures/second_plan.json"
);

async fn serving_the_second_plan() -> crate::helpers::TestApp {
    let (url, file) = fresh_database().await;
    let mut config = test_config(url);
    config.catalog_file = Some(SECOND_PLAN.into());
    start(config, file)
        .await
        .expect("the server starts on the second plan")
}

#[actix_web::test]
async fn the_second_plan_is_served_evaluated_and_explained_through_the_api() {
    let app = serving_the_second_plan().await;
    let catalog: serde_json::Value = app.get("/api/v1/catalog").await.json().await.unwrap();
    assert_eq!(catalog["version"], "2023.1");
    let (status, body) = app
        .eligibility(
            "?lang=en",
            &json!({
                "as_of": "2023-03-01",
                "answers": {"jurisdiction": "korla", "pays_unemployment_insurance": true, "insured_employees": 12}
            }),
        )
        .await;
    assert_eq!(status, 200, "{body}");
    let results = body["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    assert_eq!(results[0]["measure"], "job-keeping-2023");
    assert_eq!(results[0]["status"], "eligible");
    assert_eq!(results[0]["estimate_fen"], 600_000);
    assert_eq!(results[0]["clause"], "示例一");
    // The reward waits for the number of graduates, and says so.
    assert_eq!(results[1]["status"], "eligible");
    assert_eq!(results[1]["estimate_fen"], serde_json::Value::Null);
    assert_eq!(body["next_question"], "graduates_hired");
}

#[actix_web::test]
async fn the_second_plan_refuses_answers_to_questions_it_does_not_ask_by_their_key() {
    let app = serving_the_second_plan().await;
    let (status, body) = app
        .eligibility("", &json!({"answers": {"monthly_rent_fen": 300_000}}))
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["code"], "invalid_field");
    assert_eq!(body["error"]["field"], "answers.monthly_rent_fen");
    let (status, body) = app
        .eligibility("", &json!({"answers": {"graduates_hired": -1}}))
        .await;
    assert_eq!(status, 400, "{body}");
    assert_eq!(body["error"]["field"], "answers.graduates_hired");
    // The API's document describes the answers the second plan takes.
    let doc: serde_json::Value = app.get("/api/v1/openapi.json").await.json().await.unwrap();
    let answers = &doc["components"]["schemas"]["Answers"]["properties"];
    assert_eq!(answers["graduates_hired"]["maximum"], 10_000);
    assert!(answers.get("monthly_rent_fen").is_none());
}
