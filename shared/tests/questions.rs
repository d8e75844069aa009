//! No needless questions (issue: "an answer is listed in `missing` only if some value of it
//! changes the status"), proved over the whole catalog: for many businesses, every missing
//! answer is tried with every value that matters (each enum value, and each number at and
//! around every limit the catalog holds), alone.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;
use chrono::NaiveDate;
use common::{answers, merged};
use serde_json::json;
use shared::answers::*;
use shared::catalog::{Catalog, MeasureId};
use shared::money::FEN_PER_WAN;
use shared::{Status, evaluate};

fn catalog() -> Catalog {
    shared::examples::shipped().expect("the shipped catalog is valid")
}

/// Numbers around every limit the rules compare with: the size table's lower limits and
/// the parameters, one below, at, and one above; plus nothing and the most allowed.
fn money_values(
    c: &Catalog,
    size_field: fn(&shared::catalog::SizeLimits) -> Option<i64>,
) -> Vec<i64> {
    let mut v = vec![0, 1, MAX_AMOUNT_FEN];
    for row in &c.size_standard.rows {
        for limits in [&row.large, &row.medium, &row.small] {
            if let Some(w) = size_field(limits) {
                let fen = w * FEN_PER_WAN;
                v.extend([fen - 1, fen]);
            }
        }
    }
    for p in &c.parameters {
        if p.unit == shared::catalog::Unit::Fen {
            for d in &p.values {
                v.extend([
                    d.value - 1,
                    d.value,
                    d.value + 1,
                    d.value / 4,
                    d.value / 4 + 1,
                ]);
            }
        }
    }
    v.retain(|x| *x >= 0);
    v.sort_unstable();
    v.dedup();
    v
}

fn employee_values(c: &Catalog) -> Vec<u32> {
    let mut v = vec![0, 1, MAX_EMPLOYEES];
    for row in &c.size_standard.rows {
        for limits in [&row.large, &row.medium, &row.small] {
            if let Some(e) = limits.employees {
                v.extend([e - 1, e]);
            }
        }
    }
    v.extend([300, 301]);
    v.sort_unstable();
    v.dedup();
    v
}

/// Every way of giving one answer that matters to the rules, by the kind its question
/// declares: each value of a list (each set of values, for several), each unit and outside
/// for the jurisdiction, both answers to yes/no, and numbers at and around every limit.
fn variants(c: &Catalog, key: &str, base: &Answers) -> Vec<Answers> {
    use shared::catalog::QuestionKind;
    let with = |v: serde_json::Value| base.with(key, Some(v)).unwrap();
    let q = c.question(key).unwrap();
    let values: Vec<serde_json::Value> = match &q.answer {
        QuestionKind::YesNo => vec![json!(true), json!(false)],
        QuestionKind::OneOf { values } => values.iter().map(|v| json!(v.value)).collect(),
        QuestionKind::SeveralOf { values } => (0u32..1 << values.len())
            .map(|mask| {
                let list: Vec<&str> = values
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, v)| v.value.as_str())
                    .collect();
                json!(list)
            })
            .collect(),
        QuestionKind::Jurisdiction { .. } => JurisdictionId::ALL.iter().map(|j| json!(j)).collect(),
        QuestionKind::Count { .. } => employee_values(c).into_iter().map(|v| json!(v)).collect(),
        QuestionKind::Money { .. } => {
            let values = match key {
                "annual_revenue_fen" => money_values(c, |l| l.revenue_wan),
                "total_assets_fen" => money_values(c, |l| l.assets_wan),
                _ => money_values(c, |_| None),
            };
            values.into_iter().map(|v| json!(v)).collect()
        }
        QuestionKind::Year { .. } => (2018..=2026).map(|y| json!(y)).collect(),
    };
    values.into_iter().map(with).collect()
}

fn is_missing(a: &Answers, key: &str) -> bool {
    !a.has(key)
}

/// Every question's key, in the questionnaire's order.
fn keys(c: &Catalog) -> Vec<String> {
    c.questions.iter().map(|q| q.key.clone()).collect()
}

/// A small deterministic generator: the same businesses on every run.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<T: Clone>(&mut self, items: &[T]) -> T {
        items[(self.next() % items.len() as u64) as usize].clone()
    }
}

/// A business with about half of its answers given, each with a value that matters.
fn random_business(c: &Catalog, rng: &mut Rng) -> Answers {
    let mut a = Answers::default();
    for key in keys(c) {
        if rng.next().is_multiple_of(2) {
            let options = variants(c, &key, &a);
            a = rng.pick(&options);
        }
    }
    a
}

fn statuses(c: &Catalog, a: &Answers, on: NaiveDate) -> Vec<(MeasureId, Status)> {
    evaluate(c, a, on)
        .results
        .iter()
        .map(|r| (r.measure, r.status))
        .collect()
}

#[test]
fn every_missing_answer_can_change_its_result_and_no_other_answer_can() {
    let c = catalog();
    let mut rng = Rng(0x5eed_1234_abcd_0001);
    let days: [NaiveDate; 2] = ["2022-06-01".parse().unwrap(), "2023-01-15".parse().unwrap()];
    let mut checked = 0;
    let mut profiles: Vec<Answers> = vec![Answers::default()];
    for _ in 0..120 {
        profiles.push(random_business(&c, &mut rng));
    }
    for a in &profiles {
        for day in days {
            let evaluation = evaluate(&c, a, day);
            let before = statuses(&c, a, day);
            // For each answer not given: which measures' status some value of it changes.
            for key in keys(&c).iter().filter(|k| is_missing(a, k)) {
                let changes: Vec<MeasureId> = variants(&c, key, a)
                    .iter()
                    .flat_map(|v| {
                        statuses(&c, v, day)
                            .into_iter()
                            .zip(&before)
                            .filter(|(after, before)| after.1 != before.1)
                            .map(|(after, _)| after.0)
                            .collect::<Vec<_>>()
                    })
                    .collect();
                for r in &evaluation.results {
                    let listed = r.missing.contains(&key.as_str());
                    let changes_it = changes.contains(&r.measure);
                    assert_eq!(
                        listed,
                        changes_it && r.status == Status::NeedsInfo,
                        "{} on {day}: `{key}` is {} in missing, but {} of its values changes the status; answers {}",
                        r.measure,
                        if listed { "listed" } else { "not listed" },
                        if changes_it { "some" } else { "none" },
                        serde_json::to_string(a).unwrap()
                    );
                    checked += 1;
                }
            }
        }
    }
    assert!(checked > 10_000, "only {checked} pairs checked");
}

#[test]
fn the_evaluation_institution_measure_does_not_ask_the_type_every_type_qualifies_for() {
    // 二(五): enterprises, technical schools and third-party bodies may all apply.
    let a = answers(
        json!({"seeks_evaluation_institution": Some(true), "jurisdiction": Some(JurisdictionId::Korla)}),
    );
    let c = catalog();
    let e = evaluate(&c, &a, "2022-06-01".parse().unwrap());
    let r = e
        .results
        .iter()
        .find(|r| r.measure == MeasureId::parse("skill-evaluation-institution").unwrap())
        .unwrap();
    assert_eq!(r.status, Status::Eligible);
    assert!(r.missing.is_empty());
}

// ---------- the question that settles most ----------

use shared::eligibility::{ChangeOp, next_question, standing, would_qualify_if};

/// Six typical businesses, every answer true to them.
fn typical_businesses() -> Vec<(&'static str, Answers)> {
    let base = answers(
        json!({"restricted_industry": Some(false), "prior_year_small_low_profit": Some(false), "highway_service_area": Some(false), "rent_2022_paid": Some(false), "epidemic_difficulty": Some(false), "utilities_in_arrears": [], "tax_filing_difficulty": Some(false), "industrial_water_user": Some(false), "commercial_gas_user": Some(false), "bids_in_public_tenders": Some(false), "pays_unemployment_insurance": Some(false), "training_base_level": Some(Level::None), "skill_master_studio_level": Some(Level::None), "seeks_evaluation_institution": Some(false), "tax_year": Some(2022)}),
    );
    vec![
        (
            "highway-service-area snack bar",
            merged(
                base.clone(),
                json!({"entity_type": Some(EntityType::IndividualBusiness), "industry": Some(Industry::Catering), "employees": Some(3), "annual_revenue_fen": Some(80_000_000), "total_assets_fen": Some(10_000_000), "jurisdiction": Some(JurisdictionId::Luntai), "vat_taxpayer": Some(VatTaxpayer::SmallScale), "quarterly_sales_fen": Some(20_000_000), "quarterly_sales_at_3pct_fen": Some(20_000_000), "taxable_income_fen": Some(5_000_000), "six_taxes_two_fees_due_fen": Some(100_000), "premises": Some(Premises::RentCountyState), "highway_service_area": Some(true), "monthly_rent_fen": Some(500_000), "epidemic_difficulty": Some(true), "utilities_in_arrears": Some(vec![Utility::Electricity])}),
            ),
        ),
        (
            "micro retail shop renting county premises",
            merged(
                base.clone(),
                json!({"entity_type": Some(EntityType::IndividualBusiness), "industry": Some(Industry::Retail), "employees": Some(2), "annual_revenue_fen": Some(50_000_000), "total_assets_fen": Some(5_000_000), "jurisdiction": Some(JurisdictionId::Yanqi), "vat_taxpayer": Some(VatTaxpayer::SmallScale), "quarterly_sales_fen": Some(12_000_000), "quarterly_sales_at_3pct_fen": Some(12_000_000), "taxable_income_fen": Some(3_000_000), "six_taxes_two_fees_due_fen": Some(50_000), "premises": Some(Premises::RentCountyState), "monthly_rent_fen": Some(200_000)}),
            ),
        ),
        (
            "software SME",
            merged(
                base.clone(),
                json!({"entity_type": Some(EntityType::Enterprise), "industry": Some(Industry::SoftwareIt), "employees": Some(60), "annual_revenue_fen": Some(800_000_000), "total_assets_fen": Some(1_200_000_000), "jurisdiction": Some(JurisdictionId::Korla), "vat_taxpayer": Some(VatTaxpayer::General), "quarterly_sales_fen": Some(200_000_000), "quarterly_sales_at_3pct_fen": Some(0), "taxable_income_fen": Some(120_000_000), "prior_year_small_low_profit": Some(true), "six_taxes_two_fees_due_fen": Some(2_000_000), "premises": Some(Premises::RentPrivate), "monthly_rent_fen": Some(3_000_000), "pays_unemployment_insurance": Some(true), "bids_in_public_tenders": Some(true)}),
            ),
        ),
        (
            "technical school",
            merged(
                base.clone(),
                json!({"entity_type": Some(EntityType::TechnicalSchool), "industry": Some(Industry::Other), "employees": Some(120), "jurisdiction": Some(JurisdictionId::Hejing), "vat_taxpayer": Some(VatTaxpayer::None), "premises": Some(Premises::Own), "pays_unemployment_insurance": Some(true), "seeks_evaluation_institution": Some(true)}),
            ),
        ),
        (
            "large factory",
            merged(
                base.clone(),
                json!({"entity_type": Some(EntityType::Enterprise), "industry": Some(Industry::Industry), "employees": Some(1_500), "annual_revenue_fen": Some(60_000_000_000_i64), "total_assets_fen": Some(90_000_000_000_i64), "jurisdiction": Some(JurisdictionId::Ketdz), "vat_taxpayer": Some(VatTaxpayer::General), "taxable_income_fen": Some(5_000_000_000_i64), "premises": Some(Premises::Own), "industrial_water_user": Some(true), "pays_unemployment_insurance": Some(true), "bids_in_public_tenders": Some(true), "training_base_level": Some(Level::Provincial)}),
            ),
        ),
        (
            "small-scale taxpayer with no premises",
            merged(
                base,
                json!({"entity_type": Some(EntityType::SoleProprietorship), "industry": Some(Industry::LeasingBusinessServices), "employees": Some(1), "annual_revenue_fen": Some(30_000_000), "total_assets_fen": Some(2_000_000), "jurisdiction": Some(JurisdictionId::Bohu), "vat_taxpayer": Some(VatTaxpayer::SmallScale), "quarterly_sales_fen": Some(7_500_000), "quarterly_sales_at_3pct_fen": Some(7_500_000), "taxable_income_fen": Some(1_000_000), "six_taxes_two_fees_due_fen": Some(20_000), "premises": Some(Premises::None)}),
            ),
        ),
    ]
}

/// Copies one answer from the truth.
fn reveal(truth: &Answers, key: &str, into: &mut Answers) {
    if let Some(v) = truth.value(key) {
        into.set(key, v.clone());
    }
}

/// Whether some open result still has a question the owner can answer.
fn something_to_ask(c: &Catalog, a: &Answers, day: NaiveDate) -> bool {
    evaluate(c, a, day)
        .results
        .iter()
        .any(|r| r.status == Status::NeedsInfo && !r.missing.is_empty())
}

#[test]
fn the_next_question_never_asks_more_than_the_fixed_order_for_six_typical_businesses() {
    let c = catalog();
    let day: NaiveDate = "2022-06-01".parse().unwrap();
    println!("{:<45} {:>8} {:>12}", "business", "adaptive", "fixed order");
    for (name, truth) in typical_businesses() {
        // Adaptive: ask what settles most, until nothing is left to ask.
        let mut known = Answers::default();
        let mut adaptive = 0;
        while let Some(key) = next_question(&evaluate(&c, &known, day), &[]) {
            adaptive += 1;
            reveal(&truth, &key, &mut known);
            assert!(adaptive <= c.questions.len(), "{name}: asked {key} again");
        }
        assert!(!something_to_ask(&c, &known, day), "{name}: stopped early");
        // The results are those of the whole truth.
        let all = evaluate(&c, &truth, day);
        let adaptive_result = evaluate(&c, &known, day);
        for (a, b) in all.results.iter().zip(&adaptive_result.results) {
            assert_eq!(a.status, b.status, "{name}: {}", a.measure);
        }
        // Fixed: every question in the questionnaire's order, until nothing is left to ask.
        let mut known = Answers::default();
        let mut fixed = 0;
        for key in keys(&c) {
            if !something_to_ask(&c, &known, day) {
                break;
            }
            fixed += 1;
            reveal(&truth, &key, &mut known);
        }
        println!("{name:<45} {adaptive:>8} {fixed:>12}");
        assert!(
            adaptive <= fixed,
            "{name}: {adaptive} questions against {fixed}"
        );
    }
}

#[test]
fn the_standing_of_an_empty_questionnaire_asks_the_entity_type_first_with_every_result_open() {
    let c = catalog();
    let day: NaiveDate = "2022-06-01".parse().unwrap();
    let empty = Answers::default();
    let evaluation = evaluate(&c, &empty, day);
    let start = standing(&evaluation, &[]);
    assert_eq!(start.next.as_deref(), Some("entity_type"));
    assert_eq!(start.next, next_question(&evaluation, &[]));
    assert_eq!((start.eligible, start.open), (0, 15));
    // Skipping the first question leaves it out of the count and asks another.
    let skipped = standing(&evaluation, &["entity_type".into()]);
    assert_eq!(skipped.left + 1, start.left);
    assert_ne!(skipped.next.as_deref(), Some("entity_type"));
    // A business known in full has nothing left to ask.
    let (_, truth) = typical_businesses().remove(0);
    let mut known = Answers::default();
    while let Some(key) = next_question(&evaluate(&c, &known, day), &[]) {
        reveal(&truth, &key, &mut known);
    }
    let finished = evaluate(&c, &known, day);
    assert_eq!(standing(&finished, &[]).next, None);
}

#[test]
fn a_question_no_open_result_depends_on_is_never_asked_and_skipped_ones_are_not_repeated() {
    let c = catalog();
    let day: NaiveDate = "2022-06-01".parse().unwrap();
    let nothing = Answers::default();
    let start = evaluate(&c, &nothing, day);
    let first = next_question(&start, &[]).unwrap();
    // The type of business decides the most measures at the start.
    assert_eq!(first, "entity_type");
    let second = next_question(&start, std::slice::from_ref(&first)).unwrap();
    assert_ne!(second, first);
    // Everything answered: nothing left to ask.
    let (_, truth) = typical_businesses().remove(0);
    assert_eq!(next_question(&evaluate(&c, &truth, day), &[]), None);
}

// ---------- why not, and the nearest change ----------

fn changes_for(a: &Answers, m: MeasureId) -> Vec<shared::eligibility::Change> {
    let c = catalog();
    let day: NaiveDate = "2022-06-01".parse().unwrap();
    let e = evaluate(&c, a, day);
    let r = e.results.iter().find(|r| r.measure == m).unwrap();
    would_qualify_if(&c, a, day, r)
}

#[test]
fn a_company_over_the_income_limit_would_qualify_with_at_most_3_000_000_yuan() {
    // 财税〔2019〕13号: taxable income ≤ 3,000,000 yuan.
    let (_, mut firm) = typical_businesses().remove(2);
    firm.set("taxable_income_fen", 350_000_000);
    let changes = changes_for(&firm, MeasureId::parse("cit-reduction").unwrap());
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].answer, "taxable_income_fen");
    assert_eq!(changes[0].op, ChangeOp::Le);
    assert_eq!(changes[0].value, serde_json::json!(300_000_000));
}

#[test]
fn a_medium_shop_would_qualify_below_the_small_class_limits() {
    // Retail: medium from 50 employees and 5,000,000 yuan revenue (工信部联企业〔2011〕300号).
    let shop = answers(
        json!({"entity_type": Some(EntityType::Enterprise), "industry": Some(Industry::Retail), "employees": Some(60), "annual_revenue_fen": Some(600_000_000), "jurisdiction": Some(JurisdictionId::Luntai), "epidemic_difficulty": Some(true), "utilities_in_arrears": Some(vec![Utility::Water])}),
    );
    let changes = changes_for(&shop, MeasureId::parse("utility-deferral").unwrap());
    let keys: Vec<&str> = changes.iter().map(|c| c.answer.as_str()).collect();
    assert_eq!(keys, vec!["employees", "annual_revenue_fen"]);
    assert_eq!(changes[0].value, serde_json::json!(49));
    assert_eq!(changes[1].value, serde_json::json!(499_999_999));
}

#[test]
fn facts_a_business_cannot_change_are_never_proposed() {
    // Its county (the gas price cut is for Korla, Yuli, Ruoqiang) and its declarations.
    let shop = answers(
        json!({"entity_type": Some(EntityType::IndividualBusiness), "jurisdiction": Some(JurisdictionId::Luntai), "commercial_gas_user": Some(true), "industrial_water_user": Some(false), "epidemic_difficulty": Some(false), "utilities_in_arrears": Some(vec![Utility::Gas])}),
    );
    assert!(changes_for(&shop, MeasureId::parse("water-gas-price-cut").unwrap()).is_empty());
    assert!(changes_for(&shop, MeasureId::parse("utility-deferral").unwrap()).is_empty());
    // But starting to pay unemployment insurance is a change it can make.
    let employer = merged(shop, json!({"pays_unemployment_insurance": Some(false)}));
    let changes = changes_for(
        &employer,
        MeasureId::parse("unemployment-insurance-rate").unwrap(),
    );
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].value, serde_json::json!(true));
}
