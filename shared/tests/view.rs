//! The server writes eligibility responses straight from borrowed views; clients build the
//! owned `EligibilityResponse`. Both must be the same bytes.
#![allow(clippy::unwrap_used)]

use serde_json::{Value, json};
use shared::Lang;
use shared::answers::{AnswerValue, Answers, Industry, JurisdictionId};
use shared::api::{EligibilityResponse, EligibilityView, Params};
use shared::catalog::{JurisdictionFact, L10n, PeriodBasis, SizeClass};
use shared::eligibility::Finding;

/// The derived serialization of a finding through a `serde_json::Value` (keys sorted) without
/// its code: what the owned response carried before the view existed.
fn through_value(finding: &Finding<'_>) -> String {
    let mut value = serde_json::to_value(finding).unwrap();
    value.as_object_mut().unwrap().remove("code");
    serde_json::to_string(&value).unwrap()
}

#[test]
fn every_kind_of_finding_writes_its_parameters_as_the_sorted_derived_map_without_the_code() {
    let date = |s: &str| s.parse().unwrap();
    let own = AnswerValue::from("own");
    let two = AnswerValue::Values(vec!["electricity".into(), "gas".into()]);
    let note = L10n::of([("zh-CN", "说明"), ("en", "note")]);
    let allowed = [
        "rent_prefecture_soe".to_string(),
        "rent_private".to_string(),
    ];
    let findings = vec![
        Finding::Period {
            from: date("2022-01-01"),
            to: Some(date("2022-12-31")),
            basis: PeriodBasis::Seed,
            source: Some("national"),
            as_of: date("2022-06-01"),
        },
        Finding::TaxYear {
            tax_year: Some(2022),
            from_year: 2022,
            to_year: None,
            basis: PeriodBasis::National,
            source: None,
        },
        Finding::ReliefPeriod {
            from: date("2022-04-01"),
            to: None,
            basis: PeriodBasis::OurReading,
            source: None,
        },
        Finding::AnswerIn {
            answer: "premises",
            allowed: &allowed,
            actual: Some(&own),
            says: Some(&note),
        },
        Finding::AnswerIn {
            answer: "utilities_in_arrears",
            allowed: &allowed,
            actual: Some(&two),
            says: None,
        },
        Finding::Business {
            sizes: &[SizeClass::Micro, SizeClass::Small],
            individual_business: true,
            entity_type: None,
            size_class: Some(SizeClass::Medium),
        },
        Finding::ServiceSector {
            industry: Some(Industry::ALL[0]),
        },
        Finding::Answer {
            answer: "highway_service_area",
            expected: true,
            actual: None,
        },
        Finding::JurisdictionFact {
            fact: JurisdictionFact::MediumHighRisk2022,
            jurisdiction: Some(JurisdictionId::Korla),
            value: Some(true),
            recorded_for: None,
        },
        Finding::AtMost {
            answer: "employees",
            limit: Some(100),
            actual: Some(120),
        },
        Finding::InEffectFrom {
            from: date("2022-03-01"),
            as_of: date("2022-06-01"),
        },
        Finding::RiskAreaListed {
            jurisdiction: JurisdictionId::Ketdz,
            listed: Some(true),
            recorded_for: Some(JurisdictionId::Korla),
        },
        Finding::LandlordDecides { says: Some(&note) },
        Finding::NationalRule { tax_year: 2022 },
        Finding::SmallScaleLimit {
            annual_sales: 600_000_000,
            limit: 500_000_000,
        },
    ];
    let nested: Vec<Finding<'_>> = findings
        .iter()
        .map(|inner| Finding::Informative {
            note: &note,
            inner: Box::new(inner.clone()),
        })
        .collect();
    let mut codes = std::collections::BTreeSet::new();
    for finding in findings.iter().chain(&nested) {
        codes.insert(finding.code());
        assert_eq!(
            serde_json::to_string(&Params(finding)).unwrap(),
            through_value(finding),
            "{}",
            finding.code()
        );
    }
    assert_eq!(codes.len(), 15, "every kind of finding is compared");
}

/// Answer sets that reach many findings: none, the catalog's own examples, a full profile.
fn answer_sets() -> Vec<(chrono::NaiveDate, Answers)> {
    let catalog = shared::examples::shipped().unwrap();
    let mut sets: Vec<_> = catalog
        .examples
        .iter()
        .map(|e| (e.as_of, e.answers.clone()))
        .collect();
    let day = "2022-06-01".parse().unwrap();
    sets.push((day, Answers::default()));
    let full: Answers = serde_json::from_value(json!({
        "entity_type": "enterprise", "industry": "catering", "employees": 25,
        "annual_revenue_fen": 300_000_000, "total_assets_fen": 200_000_000, "jurisdiction": "ketdz",
        "vat_taxpayer": "small_scale", "quarterly_sales_at_3pct_fen": 60_000_000, "tax_year": 2022,
        "taxable_income_fen": 150_000_000, "restricted_industry": false,
        "six_taxes_two_fees_due_fen": 1_200_000, "premises": "rent_prefecture_soe",
        "monthly_rent_fen": 800_000, "epidemic_difficulty": true,
        "utilities_in_arrears": ["electricity", "gas"], "commercial_gas_user": true,
        "bids_in_public_tenders": true, "pays_unemployment_insurance": true,
        "training_base_level": "provincial"
    }))
    .unwrap();
    sets.push((day, full.clone()));
    sets.push(("2023-03-01".parse().unwrap(), full));
    sets
}

#[test]
fn the_view_the_server_writes_is_byte_for_byte_the_rendered_response() {
    let catalog = shared::examples::shipped().unwrap();
    for (as_of, answers) in answer_sets() {
        let evaluation = shared::evaluate(&catalog, &answers, as_of);
        for lang in [Lang::ZhCn, Lang::En] {
            let owned = EligibilityResponse::render(&catalog, &evaluation, lang);
            let view = EligibilityView::new(&catalog, &evaluation, lang, true);
            let owned_bytes = serde_json::to_string(&owned).unwrap();
            assert_eq!(serde_json::to_string(&view).unwrap(), owned_bytes);
            // And what a client reads back is what was rendered.
            let back: EligibilityResponse = serde_json::from_str(&owned_bytes).unwrap();
            assert_eq!(back, owned);
        }
    }
}

#[test]
fn the_page_s_rendering_leaves_the_parameters_out() {
    let catalog = shared::examples::shipped().unwrap();
    let answers = Answers::default();
    let evaluation = shared::evaluate(&catalog, &answers, "2022-06-01".parse().unwrap());
    let text = EligibilityResponse::render_text(&catalog, &evaluation, Lang::En);
    let reasons = text.results.iter().flat_map(|r| &r.reasons);
    assert!(reasons.clone().count() > 0);
    assert!(reasons.clone().all(|r| r.params == Value::Null));
    let full = EligibilityResponse::render(&catalog, &evaluation, Lang::En);
    assert!(
        full.results
            .iter()
            .flat_map(|r| &r.reasons)
            .any(|r| r.params.is_object())
    );
}
