use serde_json::{Value, json};

use crate::helpers::{result_for, spawn_app, spawn_app_with};

#[actix_web::test]
async fn no_answers_get_one_result_per_measure_in_the_contract_shape() {
    let app = spawn_app().await;
    let (status, body) = app.eligibility("", &json!({})).await;
    assert_eq!(status, 200);
    assert_eq!(body["as_of"], "2022-06-01");
    assert_eq!(body["catalog_version"], "2022.4");
    assert_eq!(body["size_class"], Value::Null);
    assert!(
        body["notice"]
            .as_str()
            .unwrap()
            .contains("仅供参考，以主管部门认定为准")
    );
    let results = body["results"].as_array().unwrap();
    assert_eq!(results.len(), 15);
    for r in results {
        for key in [
            "measure",
            "status",
            "how",
            "clause",
            "reasons",
            "missing",
            "estimate_fen",
            "estimate_steps",
            "application_kind",
            "departments",
        ] {
            assert!(r.get(key).is_some(), "{key} missing from {}", r["measure"]);
        }
        assert!(
            ["eligible", "not_eligible", "needs_info", "not_in_effect"]
                .contains(&r["status"].as_str().unwrap())
        );
        assert!(
            ["apply", "self_declare", "automatic", "guidance"]
                .contains(&r["how"].as_str().unwrap())
        );
        let reasons = r["reasons"].as_array().unwrap();
        assert!(!reasons.is_empty());
        for reason in reasons {
            for key in ["code", "met", "text", "clause"] {
                assert!(
                    reason.get(key).is_some(),
                    "{key} missing in a reason of {}",
                    r["measure"]
                );
            }
        }
    }
}

#[actix_web::test]
async fn the_worked_corporate_income_tax_example_is_estimated_through_the_api() {
    let app = spawn_app().await;
    let answers = json!({
        "entity_type": "enterprise", "industry": "retail", "employees": 50,
        "annual_revenue_fen": 800_000_000, "total_assets_fen": 1_000_000_000,
        "tax_year": 2022, "taxable_income_fen": 150_000_000, "restricted_industry": false
    });
    let (status, body) = app
        .eligibility("?lang=en", &json!({ "answers": answers }))
        .await;
    assert_eq!(status, 200);
    let cit = result_for(&body, "cit-reduction");
    assert_eq!(cit["status"], "eligible");
    assert_eq!(cit["estimate_fen"], 32_500_000);
    assert_eq!(cit["clause"], "二(三)二");
    // 50 staff and 8,000,000 yuan of retail revenue is a medium enterprise, yet small low-profit.
    assert_eq!(body["size_class"], "medium");
}

#[actix_web::test]
async fn english_is_rendered_when_asked_and_chinese_by_default() {
    let app = spawn_app().await;
    let (_, zh) = app.eligibility("", &json!({})).await;
    let (_, en) = app.eligibility("?lang=en", &json!({})).await;
    let (_, zh2) = app.eligibility("?lang=zh-CN", &json!({})).await;
    assert_eq!(zh, zh2);
    assert!(
        en["notice"]
            .as_str()
            .unwrap()
            .contains("for reference only")
    );
    assert_eq!(
        result_for(&en, "vat-exemption")["title"],
        "VAT exemption for small-scale taxpayers"
    );
    assert_eq!(
        result_for(&zh, "vat-exemption")["title"],
        "小规模纳税人免征增值税"
    );
}

#[actix_web::test]
async fn without_as_of_the_configured_evaluation_date_is_used() {
    let app = spawn_app_with(|c| {
        c.eval_date = server::config::EvalDate::Fixed("2023-06-01".parse().unwrap());
    })
    .await;
    let (_, body) = app.eligibility("", &json!({})).await;
    assert_eq!(body["as_of"], "2023-06-01");
    assert_eq!(
        result_for(&body, "utility-deferral")["status"],
        "not_in_effect"
    );
    let (_, asked) = app.eligibility("", &json!({ "as_of": "2022-06-01" })).await;
    assert_eq!(
        result_for(&asked, "utility-deferral")["status"],
        "needs_info"
    );
}

#[actix_web::test]
async fn bad_inputs_are_refused_with_400_and_a_stable_code_naming_the_field() {
    let app = spawn_app().await;
    // (body, code, field, why it must fail)
    let cases: &[(&str, &str, Option<&str>, &str)] = &[
        (
            r#"{"answers":{"colour":"red"}}"#,
            "invalid_field",
            Some("answers.colour"),
            "unknown answer",
        ),
        (
            r#"{"answer":{}}"#,
            "invalid_field",
            Some("answer"),
            "unknown top-level field",
        ),
        (
            r#"{"answers":{"industry":"mining"}}"#,
            "invalid_field",
            Some("answers.industry"),
            "unknown enum value",
        ),
        (
            r#"{"answers":{"employees":-1}}"#,
            "invalid_field",
            Some("answers.employees"),
            "negative head count",
        ),
        (
            r#"{"answers":{"monthly_rent_fen":-100}}"#,
            "invalid_field",
            Some("answers.monthly_rent_fen"),
            "negative money",
        ),
        (
            r#"{"answers":{"annual_revenue_fen":1.5}}"#,
            "invalid_field",
            Some("answers.annual_revenue_fen"),
            "money is whole fen",
        ),
        (
            r#"{"answers":{"taxable_income_fen":10000000000000000000}}"#,
            "invalid_field",
            Some("answers.taxable_income_fen"),
            "absurd amount",
        ),
        (
            r#"{"answers":{"tax_year":1900}}"#,
            "invalid_field",
            Some("answers.tax_year"),
            "implausible tax year",
        ),
        (
            r#"{"as_of":"2022-13-01"}"#,
            "invalid_field",
            Some("as_of"),
            "malformed date",
        ),
        (
            r#"{"as_of":"01/06/2022"}"#,
            "invalid_field",
            Some("as_of"),
            "not ISO date",
        ),
        (
            r#"{"answers":{"employees":"3"}}"#,
            "invalid_field",
            Some("answers.employees"),
            "wrong type",
        ),
        (
            r#"{"answers":{"utilities_in_arrears":["water","water"]}}"#,
            "invalid_field",
            Some("answers.utilities_in_arrears"),
            "duplicate",
        ),
        (
            r#"{"answers":{"utilities_in_arrears":["steam"]}}"#,
            "invalid_field",
            Some("answers.utilities_in_arrears"),
            "unknown utility",
        ),
        (r#"{"answers":"#, "malformed_json", None, "truncated JSON"),
        ("not json", "malformed_json", None, "not JSON"),
        ("", "malformed_json", None, "empty body"),
        (
            "[]",
            "invalid_field",
            Some("body"),
            "an array is not a request",
        ),
        (
            r#"{"answers":[null,null]}"#,
            "invalid_field",
            Some("answers"),
            "the answers are an object, not a list of them",
        ),
    ];
    for (body, code, field, why) in cases {
        let res = app.post_eligibility_raw("", body.to_string()).await;
        assert_eq!(res.status().as_u16(), 400, "{why}: {body}");
        let err: Value = res.json().await.unwrap();
        assert_eq!(err["error"]["code"], *code, "{why}");
        assert!(
            !err["error"]["message"].as_str().unwrap().is_empty(),
            "{why}"
        );
        if let Some(field) = field {
            assert_eq!(err["error"]["field"], *field, "{why}");
            assert!(
                err["error"]["message"].as_str().unwrap().contains(field),
                "{why}: message names the field"
            );
        }
    }
}

#[actix_web::test]
async fn a_body_over_64_kib_is_refused_with_413() {
    let app = spawn_app().await;
    let big = format!(r#"{{"answers":{{}},"pad":"{}"}}"#, "x".repeat(70 * 1024));
    let res = app.post_eligibility_raw("", big).await;
    assert_eq!(res.status().as_u16(), 413);
    let err: Value = res.json().await.unwrap();
    assert_eq!(err["error"]["code"], "payload_too_large");
}

#[actix_web::test]
async fn a_non_json_content_type_is_refused_with_415() {
    let app = spawn_app().await;
    let res = app
        .client
        .post(format!("{}/api/v1/eligibility", app.address))
        .header("content-type", "text/plain")
        .body("{}")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status().as_u16(), 415);
}

#[actix_web::test]
async fn an_unknown_language_is_refused_naming_lang() {
    let app = spawn_app().await;
    let (status, body) = app.eligibility("?lang=fr", &json!({})).await;
    assert_eq!(status, 400);
    assert_eq!(body["error"]["code"], "invalid_query");
    assert_eq!(body["error"]["field"], "lang");
}

#[actix_web::test]
async fn a_county_premises_tenant_sees_its_county_decide_and_the_window_open() {
    let app = spawn_app().await;
    let body = json!({ "as_of": "2022-06-01", "answers": {
        "entity_type": "individual_business", "industry": "catering", "jurisdiction": "ketdz",
        "premises": "rent_county_state", "highway_service_area": false, "monthly_rent_fen": 200000
    }});
    let (status, response) = app.eligibility("?lang=en", &body).await;
    assert_eq!(status, 200);
    let r = result_for(&response, "rent-waiver-state");
    assert_eq!(r["status"], "eligible");
    assert_eq!(r["departments"], json!(["county_government"]));
    assert_eq!(r["routing"]["jurisdiction"], "ketdz");
    assert_eq!(r["routing"]["text"], "KETDZ Management Committee");
    assert_eq!(r["application_window"]["open"], true);
    assert_eq!(r["estimate_fen"], 600_000);
}

#[actix_web::test]
async fn a_2023_corporate_income_tax_estimate_is_whole_and_cites_the_national_rule() {
    let app = spawn_app().await;
    let body = json!({ "as_of": "2023-06-01", "answers": {
        "entity_type": "enterprise", "industry": "software_it", "employees": 20,
        "annual_revenue_fen": 300000000, "total_assets_fen": 500000000, "restricted_industry": false,
        "tax_year": 2023, "taxable_income_fen": 80000000
    }});
    let (status, response) = app.eligibility("", &body).await;
    assert_eq!(status, 200);
    let r = result_for(&response, "cit-reduction");
    assert_eq!(r["estimate_fen"], 16_000_000);
    let reasons = r["reasons"].as_array().unwrap();
    assert!(
        reasons.iter().any(
            |x| x["code"] == "national_rule" && x["clause"] == "财政部 税务总局公告2023年第6号"
        )
    );
}

#[actix_web::test]
async fn a_partnership_is_not_told_it_saves_enterprise_income_tax() {
    let app = spawn_app().await;
    let body = json!({ "answers": {
        "entity_type": "partnership", "industry": "retail", "employees": 5,
        "annual_revenue_fen": 100000000, "total_assets_fen": 10000000, "restricted_industry": false,
        "tax_year": 2022, "taxable_income_fen": 50000000
    }});
    let (_, response) = app.eligibility("", &body).await;
    let r = result_for(&response, "cit-reduction");
    assert_eq!(r["status"], "not_eligible");
    assert_eq!(r["estimate_fen"], Value::Null);
}

#[actix_web::test]
async fn the_response_names_the_next_question_and_skips_what_the_owner_does_not_know() {
    let app = spawn_app().await;
    let (_, first) = app.eligibility("", &json!({})).await;
    assert_eq!(first["next_question"], "entity_type");
    let (status, skipped) = app
        .eligibility("", &json!({"skipped": ["entity_type"]}))
        .await;
    assert_eq!(status, 200);
    assert!(skipped["next_question"].is_string());
    assert_ne!(skipped["next_question"], "entity_type");
}

#[actix_web::test]
async fn a_not_eligible_result_says_what_change_would_qualify() {
    let app = spawn_app().await;
    let body = json!({ "answers": {
        "entity_type": "enterprise", "industry": "software_it", "employees": 20,
        "annual_revenue_fen": 300000000, "total_assets_fen": 500000000, "restricted_industry": false,
        "tax_year": 2022, "taxable_income_fen": 350000000
    }});
    let (_, response) = app.eligibility("?lang=en", &body).await;
    let r = result_for(&response, "cit-reduction");
    assert_eq!(r["status"], "not_eligible");
    assert_eq!(
        r["would_qualify_if"],
        json!([{"answer": "taxable_income_fen", "op": "le", "value": 300000000,
                "text": "If your annual taxable income were at most ¥3,000,000.00"}])
    );
}

#[actix_web::test]
async fn integers_written_as_whole_floats_are_read_as_the_integers_json_schema_says_they_are() {
    let app = spawn_app().await;
    let plain = json!({ "as_of": "2022-06-01", "answers": {"entity_type": "enterprise", "employees": 25, "annual_revenue_fen": 300000000}});
    let (status, expected) = app.eligibility("", &plain).await;
    assert_eq!(status, 200);
    let floats = r#"{"as_of":"2022-06-01","answers":{"entity_type":"enterprise","employees":25.0,"annual_revenue_fen":3e8}}"#;
    let res = app.post_eligibility_raw("", floats).await;
    assert_eq!(res.status().as_u16(), 200);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body, expected);
    // A fraction is still refused, naming the field.
    let res = app
        .post_eligibility_raw("", r#"{"answers":{"employees":2.5}}"#)
        .await;
    assert_eq!(res.status().as_u16(), 400);
    let err: Value = res.json().await.unwrap();
    assert_eq!(err["error"]["field"], "answers.employees");
}
