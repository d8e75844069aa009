//! The eligibility endpoint through the whole app (routing, body parsing, evaluation,
//! rendering, JSON), without the network.
#![allow(clippy::expect_used)]

use actix_web::{App, test, web};
use criterion::{Criterion, criterion_group, criterion_main};
use server::config::Config;

const BODY: &str = r#"{"as_of":"2022-06-01","answers":{"entity_type":"enterprise","industry":"catering","employees":25,"annual_revenue_fen":300000000,"total_assets_fen":200000000,"jurisdiction":"ketdz","vat_taxpayer":"small_scale","quarterly_sales_at_3pct_fen":60000000,"tax_year":2022,"taxable_income_fen":150000000,"restricted_industry":false,"six_taxes_two_fees_due_fen":1200000,"premises":"rent_prefecture_soe","monthly_rent_fen":800000,"epidemic_difficulty":true,"utilities_in_arrears":["electricity","gas"],"commercial_gas_user":true,"bids_in_public_tenders":true,"pays_unemployment_insurance":true,"training_base_level":"provincial"}}"#;

fn bench(c: &mut Criterion) {
    let dir = std::env::temp_dir().join(format!("shukun-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("scratch directory");
    let config = Config::for_tests(
        format!("sqlite://{}/bench.db?mode=rwc", dir.display()),
        dir.clone(),
        &[7u8; 32],
    )
    .expect("defaults");
    let system = actix_web::rt::System::new();
    let app = system.block_on(async {
        let state = web::Data::new(server::state(&config).await.expect("state"));
        test::init_service(App::new().configure(server::configure(state, None))).await
    });
    c.bench_function("POST /api/v1/eligibility (full profile, zh-CN)", |b| {
        b.iter(|| {
            system.block_on(async {
                let req = test::TestRequest::post()
                    .uri("/api/v1/eligibility")
                    .insert_header(("content-type", "application/json"))
                    .set_payload(BODY)
                    .to_request();
                let res = test::call_service(&app, req).await;
                assert!(res.status().is_success());
                test::read_body(res).await
            })
        })
    });
    let _ = std::fs::remove_dir_all(dir);
}

criterion_group!(benches, bench);
criterion_main!(benches);
