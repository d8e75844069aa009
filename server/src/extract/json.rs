//! Reading a JSON body: bounded in size, and every error naming the field at fault.

use actix_web::http::header;
use actix_web::{HttpRequest, web};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// The largest JSON body accepted.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Reads the body (refusing more than [`MAX_BODY_BYTES`] and non-JSON content types) and
/// deserializes it, naming the field of any error.
pub async fn read<T: DeserializeOwned>(
    req: &HttpRequest,
    mut payload: web::Payload,
) -> Result<T, ApiError> {
    if let Some(ct) = req.headers().get(header::CONTENT_TYPE) {
        let is_json = ct
            .to_str()
            .map(|s| {
                let mime = s
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                mime == "application/json" || mime.ends_with("+json")
            })
            .unwrap_or(false);
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Err(ApiError::PayloadTooLarge {
            limit: MAX_BODY_BYTES,
        });
    }
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::MalformedJson {
            message: format!("the body could not be read: {e}"),
        })?;
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(ApiError::PayloadTooLarge {
                limit: MAX_BODY_BYTES,
            });
        }
        body.extend_from_slice(&chunk);
    }
    parse(&body)
}

/// Deserializes JSON, turning serde's error into one that names the field.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    // serde accepts an array for a struct; the API's bodies are objects.
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => {}
        None => {
            return Err(ApiError::MalformedJson {
                message: "the body is empty: send a JSON object".into(),
            });
        }
        Some(_) => {
            return Err(
                match serde_json::from_slice::<serde::de::IgnoredAny>(body) {
                    Ok(_) => ApiError::InvalidField {
                        field: "body".into(),
                        message: "must be a JSON object".into(),
                    },
                    Err(e) => ApiError::MalformedJson {
                        message: format!("the body is not valid JSON: {e}"),
                    },
                },
            );
        }
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize(de) {
        Ok(value) => Ok(value),
        Err(e) => match whole_floats_as_integers(body) {
            // JSON Schema counts `2.0` as the integer 2: a body spelling integers so is read
            // again with them written as integers (only after the direct read failed, so the
            // usual body costs nothing more).
            Some(normalized) => serde_path_to_error::deserialize(normalized)
                .map_err(|e| field_error(e.path(), e.inner())),
            None => Err(classify(e, body)),
        },
    }
}

/// The body with every whole float (`343.0`, `1e3`) written as an integer, when it has any.
fn whole_floats_as_integers(body: &[u8]) -> Option<serde_json::Value> {
    fn walk(v: &mut serde_json::Value) -> bool {
        match v {
            serde_json::Value::Number(n) if n.is_f64() => match n.as_f64() {
                Some(f) if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 => {
                    // Exact: |f| < 2^53.
                    *v = serde_json::Value::from(f as i64);
                    true
                }
                _ => false,
            },
            serde_json::Value::Array(items) => items.iter_mut().fold(false, |c, i| walk(i) | c),
            serde_json::Value::Object(map) => map.values_mut().fold(false, |c, i| walk(i) | c),
            _ => false,
        }
    }
    let mut value: serde_json::Value = serde_json::from_slice(body).ok()?;
    walk(&mut value).then_some(value)
}

/// A data error (not syntax) as the field at fault.
fn field_error(path: &serde_path_to_error::Path, inner: &serde_json::Error) -> ApiError {
    let path = path.to_string();
    let message = strip_position(&inner.to_string());
    let field = if path == "." {
        "body".to_string()
    } else {
        path
    };
    ApiError::InvalidField { field, message }
}

/// A failed direct read: bad JSON, or the field at fault.
fn classify(e: serde_path_to_error::Error<serde_json::Error>, body: &[u8]) -> ApiError {
    let path = e.path().to_string();
    let syntax = matches!(
        e.inner().classify(),
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof
    );
    // serde_json reports a value of the wrong type where a name (an enum) is expected as a
    // syntax error ("expected value"): the body is valid JSON, the field is at fault.
    if syntax && path != "." && serde_json::from_slice::<serde::de::IgnoredAny>(body).is_ok() {
        return ApiError::InvalidField {
            field: path,
            message: "invalid type: expected one of the allowed names, as a string".into(),
        };
    }
    match e.inner().classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            ApiError::MalformedJson {
                message: format!("the body is not valid JSON: {}", e.inner()),
            }
        }
        _ => field_error(e.path(), e.inner()),
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}

/// Fuzzing the answers parser (the body every eligibility check and filing carries):
/// arbitrary bytes and arbitrary values in each answer never panic, and every refusal names
/// the field at fault. `SHUKUN_FUZZ_CASES` (256 by default) bounds each property.
#[cfg(test)]
mod fuzz {
    use proptest::prelude::*;
    use serde_json::{Map, Value, json};
    use shared::Answers;

    use super::parse;
    use crate::error::ApiError;

    /// Every answer the questionnaire has.
    const FIELDS: [&str; 28] = [
        "entity_type",
        "industry",
        "employees",
        "annual_revenue_fen",
        "total_assets_fen",
        "jurisdiction",
        "vat_taxpayer",
        "quarterly_sales_fen",
        "quarterly_sales_at_3pct_fen",
        "tax_year",
        "taxable_income_fen",
        "restricted_industry",
        "prior_year_small_low_profit",
        "six_taxes_two_fees_due_fen",
        "premises",
        "highway_service_area",
        "monthly_rent_fen",
        "rent_2022_paid",
        "epidemic_difficulty",
        "tax_filing_difficulty",
        "utilities_in_arrears",
        "industrial_water_user",
        "commercial_gas_user",
        "bids_in_public_tenders",
        "pays_unemployment_insurance",
        "training_base_level",
        "skill_master_studio_level",
        "seeks_evaluation_institution",
    ];

    fn config() -> ProptestConfig {
        ProptestConfig::with_cases(
            std::env::var("SHUKUN_FUZZ_CASES")
                .ok()
                .and_then(|s| s.parse().ok())
                .unwrap_or(256),
        )
    }

    /// A rent waiver's answers, as the questionnaire sends them.
    fn valid() -> Map<String, Value> {
        let Value::Object(m) = json!({
            "entity_type": "individual_business", "industry": "catering", "employees": 8,
            "annual_revenue_fen": 150_000_000, "jurisdiction": "korla",
            "premises": "rent_prefecture_soe", "highway_service_area": false,
            "monthly_rent_fen": 300_000, "rent_2022_paid": false,
            "utilities_in_arrears": ["water"]
        }) else {
            unreachable!()
        };
        m
    }

    fn json_value() -> impl Strategy<Value = Value> {
        let leaf = prop_oneof![
            Just(Value::Null),
            any::<bool>().prop_map(Value::Bool),
            any::<i64>().prop_map(Value::from),
            any::<u64>().prop_map(Value::from),
            any::<f64>().prop_map(Value::from),
            ".{0,12}".prop_map(Value::String),
        ];
        leaf.prop_recursive(2, 12, 4, |inner| {
            prop_oneof![
                prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                prop::collection::btree_map("[a-z_]{0,8}", inner, 0..4)
                    .prop_map(|m| Value::Object(m.into_iter().collect())),
            ]
        })
    }

    #[test]
    fn the_valid_answers_used_below_parse() {
        let body = Value::Object(valid()).to_string();
        assert!(parse::<Answers>(body.as_bytes()).is_ok());
    }

    #[test]
    fn a_value_no_answer_can_be_is_refused_naming_the_field_not_as_broken_json() {
        for body in [
            &br#"{"industry": "catering", "employees": 2.5}"#[..],
            br#"{"industry": "catering", "employees": {"n": 2}}"#,
            br#"{"industry": "catering", "employees": [1, 2]}"#,
        ] {
            match parse::<Answers>(body) {
                Err(ApiError::InvalidField { field, message }) => {
                    assert_eq!(field, "employees");
                    assert!(!message.is_empty());
                }
                other => panic!("{other:?}"),
            }
        }
    }

    #[test]
    fn a_boolean_where_a_name_is_expected_is_read_and_refused_by_the_catalog_naming_the_answer() {
        let body = br#"{"industry": "catering", "entity_type": false}"#;
        let answers = parse::<Answers>(body).expect("an answer of some kind");
        let catalog = shared::examples::shipped().expect("the shipped catalog");
        let error = catalog.check_answers(&answers, "answers.").unwrap_err();
        assert_eq!(error.field, "answers.entity_type");
        assert!(
            error.problem.contains("must be one of"),
            "{}",
            error.problem
        );
    }

    proptest! {
        #![proptest_config(config())]

        #[test]
        fn the_answers_parser_never_panics_on_arbitrary_bytes(
            bytes in prop::collection::vec(any::<u8>(), 0..256),
        ) {
            let _ = parse::<Answers>(&bytes);
        }

        #[test]
        fn the_answers_parser_never_panics_on_valid_answers_cut_short(cut in 0..200usize) {
            let body = Value::Object(valid()).to_string();
            let cut = cut.min(body.len());
            let result = parse::<Answers>(&body.as_bytes()[..cut]);
            prop_assert!(result.is_err() || cut == body.len());
        }

        #[test]
        fn a_refused_answer_is_named_in_the_error(
            field in prop::sample::select(&FIELDS[..]),
            value in json_value(),
        ) {
            let mut answers = valid();
            answers.insert(field.to_string(), value.clone());
            let body = Value::Object(answers).to_string();
            match parse::<Answers>(body.as_bytes()) {
                Ok(_) => {}
                Err(ApiError::InvalidField { field: named, message }) => {
                    prop_assert!(
                        named == field || named.starts_with(&format!("{field}[")),
                        "{value} in {field} was refused as {named}: {message}"
                    );
                    prop_assert!(!message.is_empty());
                }
                Err(other) => prop_assert!(false, "{value} in {field}: {other:?}"),
            }
        }

        #[test]
        fn an_unknown_answer_is_refused_by_its_name(
            name in "[a-z][a-z_0-9]{0,15}",
            value in json_value(),
        ) {
            prop_assume!(!FIELDS.contains(&name.as_str()));
            let mut answers = valid();
            answers.insert(name.clone(), value);
            let body = Value::Object(answers).to_string();
            let catalog = shared::examples::shipped().expect("the shipped catalog");
            match parse::<Answers>(body.as_bytes()) {
                // A value no answer can be is refused as it is read, by its name.
                Err(ApiError::InvalidField { field, .. }) => {
                    prop_assert!(field == name || field.starts_with(&format!("{name}[")), "{field}");
                }
                // Any other is refused by the catalog in force, by its name.
                Ok(read) => match catalog.check_answers(&read, "answers.") {
                    Err(e) => prop_assert_eq!(e.field, format!("answers.{name}")),
                    // `null` is no answer.
                    Ok(()) => prop_assert!(!read.has(&name)),
                },
                other => prop_assert!(false, "{name}: {other:?}"),
            }
        }
    }
}
