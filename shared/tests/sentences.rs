//! Every reason and step a typical business of each measure reads, in zh-CN and English,
//! pinned as JSON snapshots (`tests/snapshots/`): a changed word is a visible diff to review.
//! The parameters sent to clients are pinned too.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use serde_json::json;
use shared::answers::*;
use shared::api::EligibilityResponse;
use shared::catalog::MeasureId;
use shared::{Lang, evaluate};

/// One typical business per measure, on a typical day.
fn typical(measure: MeasureId) -> (&'static str, Answers) {
    let shop = Answers {
        entity_type: Some(EntityType::IndividualBusiness),
        industry: Some(Industry::Retail),
        employees: Some(4),
        jurisdiction: Some(JurisdictionId::Luntai),
        ..Answers::default()
    };
    let company = Answers {
        entity_type: Some(EntityType::Enterprise),
        industry: Some(Industry::SoftwareIt),
        employees: Some(50),
        annual_revenue_fen: Some(500_000_000),
        total_assets_fen: Some(800_000_000),
        jurisdiction: Some(JurisdictionId::Korla),
        ..Answers::default()
    };
    let day = "2022-06-01";
    let a = match measure {
        MeasureId::UtilityDeferral => Answers {
            epidemic_difficulty: Some(true),
            utilities_in_arrears: Some(vec![Utility::Electricity, Utility::Water]),
            ..shop
        },
        MeasureId::ElectricitySubsidy => company,
        MeasureId::WaterGasPriceCut => Answers {
            jurisdiction: Some(JurisdictionId::Ketdz),
            industry: Some(Industry::Industry),
            employees: Some(15),
            annual_revenue_fen: Some(200_000_000),
            industrial_water_user: Some(true),
            ..company
        },
        MeasureId::BidGuarantee => Answers {
            bids_in_public_tenders: Some(true),
            ..company
        },
        MeasureId::RentWaiverState => Answers {
            premises: Some(Premises::RentCountyState),
            highway_service_area: Some(false),
            monthly_rent_fen: Some(300_000),
            ..shop
        },
        MeasureId::RentWaiverPrivate => Answers {
            premises: Some(Premises::RentPrivate),
            ..shop
        },
        MeasureId::RentWaiverHighway => Answers {
            industry: Some(Industry::Catering),
            highway_service_area: Some(true),
            monthly_rent_fen: Some(500_000),
            rent_2022_paid: Some(true),
            ..shop
        },
        MeasureId::VatExemption => Answers {
            vat_taxpayer: Some(VatTaxpayer::SmallScale),
            quarterly_sales_fen: Some(70_000_000),
            quarterly_sales_at_3pct_fen: Some(60_000_000),
            ..shop
        },
        MeasureId::CitReduction => Answers {
            tax_year: Some(2022),
            taxable_income_fen: Some(150_000_000),
            restricted_industry: Some(false),
            ..company
        },
        MeasureId::SixTaxesTwoFees => Answers {
            vat_taxpayer: Some(VatTaxpayer::SmallScale),
            tax_year: Some(2022),
            six_taxes_two_fees_due_fen: Some(300_000),
            ..shop
        },
        MeasureId::TaxDeferral => Answers {
            tax_filing_difficulty: Some(true),
            ..shop
        },
        MeasureId::UnemploymentInsuranceRate => Answers {
            pays_unemployment_insurance: Some(true),
            ..company
        },
        MeasureId::SkillsTrainingBase => Answers {
            training_base_level: Some(Level::National),
            ..company
        },
        MeasureId::SkillMasterStudio => Answers {
            skill_master_studio_level: Some(Level::Provincial),
            ..company
        },
        MeasureId::SkillEvaluationInstitution => Answers {
            entity_type: Some(EntityType::TechnicalSchool),
            seeks_evaluation_institution: Some(true),
            ..company
        },
    };
    (day, a)
}

#[test]
fn every_measure_reads_the_same_for_a_typical_business_in_both_languages() {
    let c = shared::examples::shipped().unwrap();
    for &measure in MeasureId::ALL {
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
