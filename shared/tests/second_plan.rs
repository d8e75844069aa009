//! A second plan proves the rules are data: an invented catalog of a later year, with two
//! measures of its own (a one-off job-keeping subsidy per insured employee in listed
//! counties, and a capped reward per graduate hired), new questions, new parameters and new
//! formulas. It is read, checked, evaluated, asked for, explained and routed by the same
//! engine, with no line of code for it.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;
use common::answers;
use serde_json::{Value, json};
use shared::api::EligibilityResponse;
use shared::catalog::Catalog;
use shared::eligibility::{next_question, standing};
use shared::{Answers, Lang, MeasureId, Status, evaluate};

/// The 2023 plan's catalog, as a department's IT staff would write it
/// (`tests/fixtures/second_plan.json`): the prefecture's departments, units and size
/// standard as in the shipped catalog, and everything else its own.
pub fn catalog_json() -> Value {
    serde_json::from_str(include_str!("fixtures/second_plan.json")).unwrap()
}

fn catalog() -> Catalog {
    Catalog::parse(&catalog_json().to_string()).expect("the second plan is a valid catalog")
}

fn measure(id: &str) -> MeasureId {
    MeasureId::parse(id).unwrap()
}

#[test]
fn the_second_plan_is_read_and_checked_with_no_code_for_it() {
    let c = catalog();
    assert_eq!(c.version, "2023.1");
    let ids: Vec<&str> = c.measures.iter().map(|m| m.id.as_str()).collect();
    assert_eq!(ids, ["job-keeping-2023", "graduate-reward-2023"]);
    // Its examples are its own, and pass.
    assert_eq!(c.examples.len(), 1);
}

#[test]
fn a_listed_insured_firm_gets_both_amounts_worked_out_from_the_new_formulas() {
    let c = catalog();
    let a = answers(
        json!({"jurisdiction": "luntai", "pays_unemployment_insurance": true, "insured_employees": 3, "graduates_hired": 2}),
    );
    let e = evaluate(&c, &a, "2023-03-01".parse().unwrap());
    let r = EligibilityResponse::render(&c, &e, Lang::ZhCn);
    let keeping = &r.results[0];
    assert_eq!(keeping.status, Status::Eligible);
    assert_eq!(keeping.estimate_fen, Some(150_000));
    assert_eq!(keeping.estimate_steps[0].text, "每人500.00 元，共3人");
    let reward = &r.results[1];
    assert_eq!(
        reward.estimate_fen,
        Some(200_000),
        "2 × 1,000 yuan, under the cap"
    );
    // The cap holds above five graduates.
    let many = answers(
        json!({"jurisdiction": "luntai", "pays_unemployment_insurance": true, "graduates_hired": 9}),
    );
    let e = evaluate(&c, &many, "2023-03-01".parse().unwrap());
    assert_eq!(e.results[1].estimate.amount, Some(500_000));
}

#[test]
fn the_new_questions_are_asked_in_the_catalogs_order_and_only_while_they_matter() {
    let c = catalog();
    let day = "2023-03-01".parse().unwrap();
    let none = Answers::default();
    let e = evaluate(&c, &none, day);
    assert!(e.results.iter().all(|r| r.status == Status::NeedsInfo));
    assert_eq!(next_question(&e, &[]).as_deref(), Some("jurisdiction"));
    // Listed and insured: the amounts ask for the head counts, one after the other.
    let insured = answers(json!({"jurisdiction": "korla", "pays_unemployment_insurance": true}));
    let e = evaluate(&c, &insured, day);
    assert_eq!(next_question(&e, &[]).as_deref(), Some("insured_employees"));
    let counted = insured.with("insured_employees", Some(json!(5))).unwrap();
    let e = evaluate(&c, &counted, day);
    assert_eq!(next_question(&e, &[]).as_deref(), Some("graduates_hired"));
    // Outside the listed counties nothing else is asked.
    let elsewhere = answers(json!({"jurisdiction": "yuli"}));
    let e = evaluate(&c, &elsewhere, day);
    assert!(e.results.iter().all(|r| r.status == Status::NotEligible));
    assert_eq!(standing(&e, &[]).next, None);
}

#[test]
fn a_result_not_met_says_why_quoting_the_new_clause_and_what_would_change_it() {
    let c = catalog();
    let a = answers(
        json!({"jurisdiction": "korla", "pays_unemployment_insurance": false, "insured_employees": 4}),
    );
    let e = evaluate(&c, &a, "2023-03-01".parse().unwrap());
    let r = EligibilityResponse::render(&c, &e, Lang::En);
    let keeping = &r.results[0];
    assert_eq!(keeping.status, Status::NotEligible);
    assert_eq!(keeping.clause, "示例一");
    let unmet: Vec<&str> = keeping
        .reasons
        .iter()
        .filter(|reason| reason.met == Some(false))
        .map(|reason| reason.text.as_str())
        .collect();
    assert_eq!(unmet.len(), 1, "{unmet:?}");
    assert!(
        unmet[0].contains("pays unemployment insurance"),
        "{}",
        unmet[0]
    );
    // Insuring its staff is a change the business can make.
    assert_eq!(keeping.would_qualify_if.len(), 1);
    assert_eq!(
        keeping.would_qualify_if[0].answer,
        "pays_unemployment_insurance"
    );
}

#[test]
fn the_new_measures_route_to_the_departments_they_name_and_the_countys_government() {
    let c = catalog();
    let a = answers(
        json!({"jurisdiction": "luntai", "pays_unemployment_insurance": true, "insured_employees": 3}),
    );
    let e = evaluate(&c, &a, "2023-03-01".parse().unwrap());
    let r = EligibilityResponse::render(&c, &e, Lang::ZhCn);
    let routing = &r.results[0].routing;
    assert_eq!(
        routing
            .departments
            .iter()
            .map(|d| d.as_str())
            .collect::<Vec<_>>(),
        ["hrss", "county_government"]
    );
    assert!(routing.text.contains("轮台县人民政府"), "{}", routing.text);
    assert_eq!(r.results[0].measure, measure("job-keeping-2023"));
}

#[test]
fn answers_to_questions_the_second_plan_does_not_ask_are_refused_by_their_key() {
    let c = catalog();
    let a = answers(json!({"jurisdiction": "korla", "monthly_rent_fen": 300_000}));
    let error = c.check_answers(&a, "answers.").unwrap_err();
    assert_eq!(error.field, "answers.monthly_rent_fen");
    let a = answers(json!({"graduates_hired": 10_001}));
    assert_eq!(
        c.check_answers(&a, "answers.").unwrap_err().field,
        "answers.graduates_hired"
    );
}
