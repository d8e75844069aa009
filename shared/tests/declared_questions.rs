//! The questionnaire is the catalog's: every question is declared there with its kind of
//! answer, its words in each language and its checks; answers are checked against those
//! declarations; and a catalog that declares a question wrongly is refused, saying where.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use serde_json::{Value, json};
use shared::catalog::{Catalog, CatalogError, QuestionKind};

fn catalog() -> Catalog {
    shared::examples::shipped().expect("the shipped catalog is valid")
}

/// The shipped catalog as JSON, changed by `edit`, then parsed.
fn parsed_after(edit: impl FnOnce(&mut Value)) -> Result<Catalog, CatalogError> {
    let mut json: Value = serde_json::from_str(shared::catalog::SHIPPED_JSON).unwrap();
    edit(&mut json);
    Catalog::parse(&json.to_string())
}

/// The settings of a question's kind of answer (`{"one_of": {…}}` → `{…}`).
fn settings(json: &mut Value, i: usize) -> &mut Value {
    json["questions"][i]["answer"]
        .as_object_mut()
        .and_then(|kind| kind.values_mut().next())
        .expect("a kind with settings")
}

fn question_index(json: &Value, key: &str) -> usize {
    json["questions"]
        .as_array()
        .unwrap()
        .iter()
        .position(|q| q["key"] == key)
        .unwrap()
}

#[test]
fn every_question_is_asked_in_both_languages_without_full_width_marks_in_english() {
    let c = catalog();
    assert_eq!(c.questions.len(), 28);
    for q in &c.questions {
        assert!(
            q.text.get(shared::Lang::ZhCn).ends_with('？'),
            "{}: {}",
            q.key,
            q.text.get(shared::Lang::ZhCn)
        );
        assert!(
            q.text.get(shared::Lang::En).ends_with('?'),
            "{}: {}",
            q.key,
            q.text.get(shared::Lang::En)
        );
        for s in [
            &q.text.get(shared::Lang::En),
            &q.why.get(shared::Lang::En),
            &q.hint.get(shared::Lang::En),
            &q.label.get(shared::Lang::En),
        ] {
            assert!(
                !s.chars().any(|c| "：，；（）。？".contains(c)),
                "{}: {s}",
                q.key
            );
        }
    }
}

#[test]
fn answers_are_checked_against_their_declarations_naming_the_key() {
    let c = catalog();
    let check = |answers: Value| {
        c.check_answer_map(answers.as_object().unwrap(), "answers.")
            .map_err(|e| (e.field, e.problem))
    };
    assert_eq!(
        check(json!({"employees": 12, "premises": "rent_private", "tax_year": 2022})),
        Ok(())
    );
    assert_eq!(
        check(json!({"shoe_size": 42})),
        Err((
            "answers.shoe_size".into(),
            "is not a question of the catalog in force".into()
        ))
    );
    assert_eq!(
        check(json!({"premises": "castle"})).unwrap_err().0,
        "answers.premises"
    );
    assert!(
        check(json!({"premises": "castle"}))
            .unwrap_err()
            .1
            .contains("rent_private")
    );
    assert_eq!(
        check(json!({"employees": 10_000_001})).unwrap_err(),
        (
            "answers.employees".into(),
            "must be from 0 to 10000000".into()
        )
    );
    assert_eq!(
        check(json!({"employees": "many"})).unwrap_err().1,
        "must be a whole number"
    );
    assert_eq!(
        check(json!({"tax_year": 1999})).unwrap_err().1,
        "must be a year from 2000 to 2100"
    );
    assert_eq!(
        check(json!({"highway_service_area": "yes"})).unwrap_err().1,
        "must be true or false"
    );
    assert_eq!(
        check(json!({"utilities_in_arrears": ["gas", "gas"]}))
            .unwrap_err()
            .1,
        "lists gas twice"
    );
    assert_eq!(
        check(json!({"jurisdiction": "kashgar"})).unwrap_err().0,
        "answers.jurisdiction"
    );
    assert_eq!(
        check(json!({"jurisdiction": "other", "employees": null})),
        Ok(())
    );
    assert_eq!(
        check(json!({"quarterly_sales_fen": 100, "quarterly_sales_at_3pct_fen": 101})).unwrap_err(),
        (
            "answers.quarterly_sales_at_3pct_fen".into(),
            "is part of quarterly_sales_fen and cannot be larger".into()
        )
    );
}

#[test]
fn a_range_is_the_catalogs_so_a_narrower_declaration_refuses_more() {
    let narrower = parsed_after(|json| {
        let i = question_index(json, "employees");
        settings(json, i)["max"] = json!(500);
    })
    .unwrap();
    let answers = json!({"employees": 501});
    let err = narrower
        .check_answer_map(answers.as_object().unwrap(), "")
        .unwrap_err();
    assert_eq!(
        (err.field.as_str(), err.problem.as_str()),
        ("employees", "must be from 0 to 500")
    );
    assert!(
        catalog()
            .check_answer_map(answers.as_object().unwrap(), "")
            .is_ok()
    );
}

#[test]
fn a_catalog_declaring_a_question_wrongly_is_refused_with_the_path_and_the_problem() {
    type Edit = fn(&mut Value, usize);
    let cases: [(&str, &str, Edit, &str, &str); 9] = [
        (
            "a key declared twice",
            "industry",
            |json, i| json["questions"][i]["key"] = json!("entity_type"),
            "questions[1].key",
            "`entity_type` is declared twice",
        ),
        (
            "a key that is no name",
            "industry",
            |json, i| json["questions"][i]["key"] = json!("Industry!"),
            "questions[1].key",
            "must be 1 to 64 lower-case letters, digits or _",
        ),
        (
            "a text missing in English",
            "employees",
            |json, i| json["questions"][i]["hint"]["en"] = json!(" "),
            "questions[2].hint.en",
            "must not be empty",
        ),
        (
            "a value listed twice",
            "premises",
            |json, i| settings(json, i)["values"][1]["value"] = json!("own"),
            "answer.one_of.values[1].value",
            "must be a value not empty and not listed before",
        ),
        (
            "a value without a label",
            "premises",
            |json, i| settings(json, i)["values"][2]["label"]["zh-CN"] = json!(""),
            "answer.one_of.values[2].label.zh-CN",
            "must not be empty",
        ),
        (
            "a part of no other money question",
            "quarterly_sales_at_3pct_fen",
            |json, i| settings(json, i)["part_of"] = json!("quarterly_sales_at_3pct_fen"),
            "answer.money.part_of",
            "is not another money question",
        ),
        (
            "a year range backwards",
            "tax_year",
            |json, i| settings(json, i)["min"] = json!(2200),
            "answer.year.min",
            "is after max (2100)",
        ),
        (
            "an answer the engine reads as money declared as yes or no",
            "monthly_rent_fen",
            |json, i| json["questions"][i]["answer"] = json!("yes_no"),
            "questions[16].answer:",
            "is yes_no but the engine reads `monthly_rent_fen` as money",
        ),
        (
            "a value the engine does not know",
            "premises",
            |json, i| settings(json, i)["values"][0]["value"] = json!("tiny"),
            "answer.one_of.values",
            "must be exactly the values the engine reads for `premises`",
        ),
    ];
    for (case, key, edit, path, problem) in cases {
        let err = parsed_after(|json| {
            let i = question_index(json, key);
            edit(json, i);
        })
        .unwrap_err();
        let said = err.to_string();
        assert!(
            matches!(err, CatalogError::Question { .. }),
            "{case}: {said}"
        );
        assert!(said.contains(path), "{case}: {said}");
        assert!(said.contains(problem), "{case}: {said}");
    }
}

#[test]
fn a_catalog_without_a_question_the_engine_reads_is_refused() {
    let err = parsed_after(|json| {
        let i = question_index(json, "rent_2022_paid");
        json["questions"].as_array_mut().unwrap().remove(i);
    })
    .unwrap_err();
    assert_eq!(
        err.to_string(),
        "questions: the engine reads the answer `rent_2022_paid`, which no question declares"
    );
}

#[test]
fn a_kind_of_answer_the_catalog_format_does_not_have_is_refused_where_it_is_written() {
    let err = parsed_after(|json| {
        let i = question_index(json, "employees");
        json["questions"][i]["answer"] = json!({"headcount": {"max": 10}});
    })
    .unwrap_err();
    assert!(err.to_string().contains("questions[2].answer"), "{err}");
}

#[test]
fn each_kind_of_answer_reads_its_values_from_the_declaration() {
    let c = catalog();
    let premises = c.question("premises").unwrap();
    assert_eq!(premises.answer.name(), "one_of");
    assert_eq!(
        premises
            .choice("rent_private")
            .unwrap()
            .label
            .get(shared::Lang::ZhCn),
        "租用非国有房屋"
    );
    assert!(matches!(
        c.question("jurisdiction").unwrap().answer,
        QuestionKind::Jurisdiction { .. }
    ));
    assert_eq!(
        shared::i18n::jurisdiction_name(
            &c,
            shared::Lang::En,
            shared::answers::JurisdictionId::Other
        ),
        "outside the prefecture"
    );
}
