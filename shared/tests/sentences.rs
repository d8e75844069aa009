//! Every reason and step a typical business of each measure reads, in zh-CN and English,
//! pinned as JSON snapshots (`tests/snapshots/`): a changed word is a visible diff to review.
//! The parameters sent to clients are pinned too.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;
use common::{answers, merged};
use serde_json::json;
use shared::answers::*;
use shared::api::EligibilityResponse;
use shared::catalog::MeasureId;
use shared::{Lang, evaluate};

/// One typical business per measure, on a typical day.
fn typical(measure: MeasureId) -> (&'static str, Answers) {
    let shop = answers(
        json!({"entity_type": Some(EntityType::IndividualBusiness), "industry": Some(Industry::Retail), "employees": Some(4), "jurisdiction": Some(JurisdictionId::Luntai)}),
    );
    let company = answers(
        json!({"entity_type": Some(EntityType::Enterprise), "industry": Some(Industry::SoftwareIt), "employees": Some(50), "annual_revenue_fen": Some(500_000_000), "total_assets_fen": Some(800_000_000), "jurisdiction": Some(JurisdictionId::Korla)}),
    );
    let day = "2022-06-01";
    let a = match measure.as_str() {
        "utility-deferral" => merged(
            shop,
            json!({"epidemic_difficulty": Some(true), "utilities_in_arrears": Some(vec![Utility::Electricity, Utility::Water])}),
        ),
        "electricity-subsidy" => company,
        "water-gas-price-cut" => merged(
            company,
            json!({"jurisdiction": Some(JurisdictionId::Ketdz), "industry": Some(Industry::Industry), "employees": Some(15), "annual_revenue_fen": Some(200_000_000), "industrial_water_user": Some(true)}),
        ),
        "bid-guarantee" => merged(company, json!({"bids_in_public_tenders": Some(true)})),
        "rent-waiver-state" => merged(
            shop,
            json!({"premises": Some(Premises::RentCountyState), "highway_service_area": Some(false), "monthly_rent_fen": Some(300_000)}),
        ),
        "rent-waiver-private" => merged(shop, json!({"premises": Some(Premises::RentPrivate)})),
        "rent-waiver-highway" => merged(
            shop,
            json!({"industry": Some(Industry::Catering), "highway_service_area": Some(true), "monthly_rent_fen": Some(500_000), "rent_2022_paid": Some(true)}),
        ),
        "vat-exemption" => merged(
            shop,
            json!({"vat_taxpayer": Some(VatTaxpayer::SmallScale), "quarterly_sales_fen": Some(70_000_000), "quarterly_sales_at_3pct_fen": Some(60_000_000)}),
        ),
        "cit-reduction" => merged(
            company,
            json!({"tax_year": Some(2022), "taxable_income_fen": Some(150_000_000), "restricted_industry": Some(false)}),
        ),
        "six-taxes-two-fees" => merged(
            shop,
            json!({"vat_taxpayer": Some(VatTaxpayer::SmallScale), "tax_year": Some(2022), "six_taxes_two_fees_due_fen": Some(300_000)}),
        ),
        "tax-deferral" => merged(shop, json!({"tax_filing_difficulty": Some(true)})),
        "unemployment-insurance-rate" => {
            merged(company, json!({"pays_unemployment_insurance": Some(true)}))
        }
        "skills-training-base" => merged(
            company,
            json!({"training_base_level": Some(Level::National)}),
        ),
        "skill-master-studio" => merged(
            company,
            json!({"skill_master_studio_level": Some(Level::Provincial)}),
        ),
        "skill-evaluation-institution" => merged(
            company,
            json!({"entity_type": Some(EntityType::TechnicalSchool), "seeks_evaluation_institution": Some(true)}),
        ),
        other => panic!("no typical business for {other}"),
    };
    (day, a)
}

#[test]
fn every_measure_reads_the_same_for_a_typical_business_in_both_languages() {
    let c = shared::examples::shipped().unwrap();
    for measure in c.measures.iter().map(|m| m.id) {
        let (day, answers) = typical(measure);
        let evaluation = evaluate(&c, &answers, day.parse().unwrap());
        let mut pinned = serde_json::Map::new();
        pinned.insert("answers".into(), serde_json::to_value(&answers).unwrap());
        for lang in [Lang::ZhCn, Lang::En] {
            let response = EligibilityResponse::render(&c, &evaluation, lang);
            let r = response
                .results
                .iter()
                .find(|r| r.measure == measure)
                .unwrap();
            pinned.insert(lang.as_str().into(), serde_json::to_value(r).unwrap());
        }
        insta::assert_json_snapshot!(measure.as_str(), pinned);
    }
}

#[test]
fn the_parameters_sent_to_clients_are_pinned() {
    let c = shared::examples::shipped().unwrap();
    let params: Vec<_> = c
        .parameters
        .iter()
        .map(|p| json!({"id": p.id, "unit": p.unit, "source": p.source, "values": p.values}))
        .collect();
    insta::assert_json_snapshot!("parameters", params);
}
