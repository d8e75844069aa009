//! Evaluating all 15 measures for one business. Target: ≤ 20 µs per profile.

#![allow(clippy::expect_used)]
use serde_json::json;
use std::hint::black_box;

use chrono::NaiveDate;
use criterion::{Criterion, criterion_group, criterion_main};
use shared::answers::*;
use shared::api::EligibilityResponse;
use shared::{Lang, evaluate};

fn profile() -> Answers {
    answers(
        json!({"entity_type": Some(EntityType::Enterprise), "industry": Some(Industry::Catering), "employees": Some(25), "annual_revenue_fen": Some(300_000_000), "total_assets_fen": Some(200_000_000), "jurisdiction": Some(JurisdictionId::Ketdz), "vat_taxpayer": Some(VatTaxpayer::SmallScale), "quarterly_sales_fen": Some(70_000_000), "quarterly_sales_at_3pct_fen": Some(60_000_000), "tax_year": Some(2022), "taxable_income_fen": Some(150_000_000), "restricted_industry": Some(false), "prior_year_small_low_profit": Some(true), "six_taxes_two_fees_due_fen": Some(1_200_000), "premises": Some(Premises::RentPrefectureSoe), "highway_service_area": Some(false), "monthly_rent_fen": Some(800_000), "rent_2022_paid": Some(true), "epidemic_difficulty": Some(true), "utilities_in_arrears": Some(vec![Utility::Electricity, Utility::Gas]), "tax_filing_difficulty": Some(false), "industrial_water_user": Some(false), "commercial_gas_user": Some(true), "bids_in_public_tenders": Some(true), "pays_unemployment_insurance": Some(true), "training_base_level": Some(Level::Provincial), "skill_master_studio_level": Some(Level::None), "seeks_evaluation_institution": Some(false)}),
    )
}

fn bench(c: &mut Criterion) {
    let catalog = shared::examples::shipped().expect("the shipped catalog is valid");
    let date = NaiveDate::from_ymd_opt(2022, 6, 1).expect("a date");
    let full = profile();
    let empty = Answers::default();
    c.bench_function("evaluate 15 measures, full profile", |b| {
        b.iter(|| evaluate(black_box(&catalog), black_box(&full), date))
    });
    c.bench_function("evaluate 15 measures, no answers", |b| {
        b.iter(|| evaluate(black_box(&catalog), black_box(&empty), date))
    });
    c.bench_function(
        "evaluate and render 15 measures (zh-CN), full profile",
        |b| {
            b.iter(|| {
                let evaluation = evaluate(black_box(&catalog), black_box(&full), date);
                EligibilityResponse::render(&catalog, &evaluation, Lang::ZhCn)
            })
        },
    );
    c.bench_function("parse and validate the shipped catalog", |b| {
        b.iter(|| shared::examples::load(black_box(shared::catalog::SHIPPED_JSON)))
    });
}

criterion_group!(benches, bench);
criterion_main!(benches);

/// Answers as a request body writes them.
fn answers(v: serde_json::Value) -> shared::Answers {
    shared::Answers::from_json(v).expect("answers")
}
