//! The grant a routine request gets in a batch approval: exactly the engine's estimate, or
//! the reason it must be decided one by one.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;
use chrono::NaiveDate;
use common::{answers, merged};
use serde_json::{Value, json};
use shared::answers::*;
use shared::application::decision::{NotRoutine, RentRelief};
use shared::application::{ApplicationKind, Grant};
use shared::catalog::{Catalog, MeasureId};
use shared::evaluate;

fn catalog() -> Catalog {
    shared::examples::shipped().expect("the shipped catalog is valid")
}

/// A catering shop renting county state premises in Luntai at ¥3,000 a month.
fn tenant() -> Answers {
    answers(
        json!({"entity_type": Some(EntityType::IndividualBusiness), "industry": Some(Industry::Catering), "employees": Some(4), "annual_revenue_fen": Some(60_000_000), "jurisdiction": Some(JurisdictionId::Luntai), "premises": Some(Premises::RentCountyState), "highway_service_area": Some(false), "monthly_rent_fen": Some(300_000), "rent_2022_paid": Some(true)}),
    )
}

fn proposed(
    catalog: &Catalog,
    answers: &Answers,
    measure: MeasureId,
    kind: ApplicationKind,
    payload: &Value,
) -> Result<Grant, NotRoutine> {
    let day: NaiveDate = "2022-06-01".parse().unwrap();
    let evaluation = evaluate(catalog, answers, day);
    let result = evaluation
        .results
        .iter()
        .find(|r| r.measure == measure)
        .unwrap();
    Grant::proposed(kind, result, payload)
}

#[test]
fn a_listed_countys_state_rent_is_proposed_at_seven_months_and_an_unlisted_one_at_three() {
    let mut c = catalog();
    for j in &mut c.jurisdictions {
        j.medium_high_risk_2022 = Some(j.id == JurisdictionId::Luntai);
    }
    let grant = |answers: &Answers| {
        proposed(
            &c,
            answers,
            MeasureId::parse("rent-waiver-state").unwrap(),
            ApplicationKind::RentWaiver,
            &json!({}),
        )
    };
    assert_eq!(
        grant(&tenant()),
        Ok(Grant::RentWaiver {
            months: 7,
            amount_fen: 2_100_000,
            relief: None
        })
    );
    assert_eq!(
        grant(&merged(
            tenant(),
            json!({"jurisdiction": Some(JurisdictionId::Bohu)})
        )),
        Ok(Grant::RentWaiver {
            months: 3,
            amount_fen: 900_000,
            relief: None
        })
    );
}

#[test]
fn state_rent_waits_for_the_official_while_the_county_is_not_recorded() {
    assert_eq!(
        proposed(
            &catalog(),
            &tenant(),
            MeasureId::parse("rent-waiver-state").unwrap(),
            ApplicationKind::RentWaiver,
            &json!({}),
        ),
        Err(NotRoutine::RiskAreaNotSet)
    );
}

#[test]
fn a_highway_area_is_refunded_if_the_request_says_it_paid_and_exempted_if_not() {
    let area = merged(
        tenant(),
        json!({"highway_service_area": Some(true), "premises": Some(Premises::RentPrivate), "monthly_rent_fen": Some(500_000)}),
    );
    let grant = |payload: Value| {
        proposed(
            &catalog(),
            &area,
            MeasureId::parse("rent-waiver-highway").unwrap(),
            ApplicationKind::RentWaiver,
            &payload,
        )
    };
    assert_eq!(
        grant(json!({"rent_2022_paid": true})),
        Ok(Grant::RentWaiver {
            months: 7,
            amount_fen: 3_500_000,
            relief: Some(RentRelief::Refund)
        })
    );
    assert_eq!(
        grant(json!({"rent_2022_paid": false})),
        Ok(Grant::RentWaiver {
            months: 7,
            amount_fen: 3_500_000,
            relief: Some(RentRelief::Exemption)
        })
    );
    assert_eq!(grant(json!({})), Err(NotRoutine::ReliefUnknown));
}

#[test]
fn a_deferral_an_ineligible_request_and_an_unset_reward_are_decided_one_by_one() {
    let c = catalog();
    assert_eq!(
        proposed(
            &c,
            &tenant(),
            MeasureId::parse("utility-deferral").unwrap(),
            ApplicationKind::UtilityDeferral,
            &json!({}),
        ),
        Err(NotRoutine::ScheduleNeeded)
    );
    let private = merged(tenant(), json!({"premises": Some(Premises::RentPrivate)}));
    assert_eq!(
        proposed(
            &c,
            &private,
            MeasureId::parse("rent-waiver-state").unwrap(),
            ApplicationKind::RentWaiver,
            &json!({}),
        ),
        Err(NotRoutine::NotEligible)
    );
    let base = merged(
        tenant(),
        json!({"entity_type": Some(EntityType::Enterprise), "training_base_level": Some(Level::Provincial)}),
    );
    assert_eq!(
        proposed(
            &c,
            &base,
            MeasureId::parse("skills-training-base").unwrap(),
            ApplicationKind::SkillsReward,
            &json!({}),
        ),
        Err(NotRoutine::NoEstimate),
        "the department has not set the amount"
    );
}

#[test]
fn an_evaluation_institution_is_registered_without_a_number_until_the_official_gives_one() {
    let school = answers(
        json!({"entity_type": Some(EntityType::TechnicalSchool), "seeks_evaluation_institution": Some(true), "jurisdiction": Some(JurisdictionId::Hejing)}),
    );
    assert_eq!(
        proposed(
            &catalog(),
            &school,
            MeasureId::parse("skill-evaluation-institution").unwrap(),
            ApplicationKind::EvaluationInstitution,
            &json!({}),
        ),
        Ok(Grant::EvaluationInstitution {
            registration_number: None
        })
    );
}
