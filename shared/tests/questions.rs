//! No needless questions (issue: "an answer is listed in `missing` only if some value of it
//! changes the status"), proved over the whole catalog: for many businesses, every missing
//! answer is tried with every value that matters (each enum value, and each number at and
//! around every limit the catalog holds), alone.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use chrono::NaiveDate;
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

/// Every way of giving one answer that matters to the rules.
fn variants(c: &Catalog, key: AnswerKey, base: &Answers) -> Vec<Answers> {
    let b = || base.clone();
    let flags = |set: fn(&mut Answers, bool)| {
        [true, false]
            .into_iter()
            .map(|v| {
                let mut a = b();
                set(&mut a, v);
                a
            })
            .collect::<Vec<_>>()
    };
    let revenue = money_values(c, |l| l.revenue_wan);
    let assets = money_values(c, |l| l.assets_wan);
    let money = money_values(c, |_| None);
    let with_money = |vals: &[i64], set: fn(&mut Answers, i64)| {
        vals.iter()
            .map(|&v| {
                let mut a = b();
                set(&mut a, v);
                a
            })
            .collect::<Vec<_>>()
    };
    match key {
        AnswerKey::EntityType => EntityType::ALL
            .iter()
            .map(|&v| Answers {
                entity_type: Some(v),
                ..b()
            })
            .collect(),
        AnswerKey::Industry => Industry::ALL
            .iter()
            .map(|&v| Answers {
                industry: Some(v),
                ..b()
            })
            .collect(),
        AnswerKey::Employees => employee_values(c)
            .into_iter()
            .map(|v| Answers {
                employees: Some(v),
                ..b()
            })
            .collect(),
        AnswerKey::AnnualRevenueFen => with_money(&revenue, |a, v| a.annual_revenue_fen = Some(v)),
        AnswerKey::TotalAssetsFen => with_money(&assets, |a, v| a.total_assets_fen = Some(v)),
        AnswerKey::Jurisdiction => JurisdictionId::ALL
            .iter()
            .map(|&v| Answers {
                jurisdiction: Some(v),
                ..b()
            })
            .collect(),
        AnswerKey::VatTaxpayer => VatTaxpayer::ALL
            .iter()
            .map(|&v| Answers {
                vat_taxpayer: Some(v),
                ..b()
            })
            .collect(),
        AnswerKey::QuarterlySalesFen => with_money(&money, |a, v| a.quarterly_sales_fen = Some(v)),
        AnswerKey::QuarterlySalesAt3pctFen => {
            with_money(&money, |a, v| a.quarterly_sales_at_3pct_fen = Some(v))
        }
        AnswerKey::TaxYear => (2018..=2026)
            .map(|y| Answers {
                tax_year: Some(y),
                ..b()
            })
            .collect(),
        AnswerKey::TaxableIncomeFen => with_money(&money, |a, v| a.taxable_income_fen = Some(v)),
        AnswerKey::RestrictedIndustry => flags(|a, v| a.restricted_industry = Some(v)),
        AnswerKey::PriorYearSmallLowProfit => flags(|a, v| a.prior_year_small_low_profit = Some(v)),
        AnswerKey::SixTaxesTwoFeesDueFen => {
            with_money(&money, |a, v| a.six_taxes_two_fees_due_fen = Some(v))
        }
        AnswerKey::Premises => Premises::ALL
            .iter()
            .map(|&v| Answers {
                premises: Some(v),
                ..b()
            })
            .collect(),
        AnswerKey::HighwayServiceArea => flags(|a, v| a.highway_service_area = Some(v)),
        AnswerKey::MonthlyRentFen => with_money(&money, |a, v| a.monthly_rent_fen = Some(v)),
        AnswerKey::Rent2022Paid => flags(|a, v| a.rent_2022_paid = Some(v)),
        AnswerKey::EpidemicDifficulty => flags(|a, v| a.epidemic_difficulty = Some(v)),
        AnswerKey::UtilitiesInArrears => (0u8..8)
            .map(|mask| {
                let list = Utility::ALL
                    .iter()
                    .enumerate()
                    .filter(|(i, _)| mask & (1 << i) != 0)
                    .map(|(_, u)| *u)
                    .collect();
                Answers {
                    utilities_in_arrears: Some(list),
                    ..b()
                }
            })
            .collect(),
        AnswerKey::TaxFilingDifficulty => flags(|a, v| a.tax_filing_difficulty = Some(v)),
        AnswerKey::IndustrialWaterUser => flags(|a, v| a.industrial_water_user = Some(v)),
        AnswerKey::CommercialGasUser => flags(|a, v| a.commercial_gas_user = Some(v)),
        AnswerKey::BidsInPublicTenders => flags(|a, v| a.bids_in_public_tenders = Some(v)),
        AnswerKey::PaysUnemploymentInsurance => {
            flags(|a, v| a.pays_unemployment_insurance = Some(v))
        }
        AnswerKey::TrainingBaseLevel => Level::ALL
            .iter()
            .map(|&v| Answers {
                training_base_level: Some(v),
                ..b()
            })
            .collect(),
        AnswerKey::SkillMasterStudioLevel => Level::ALL
            .iter()
            .map(|&v| Answers {
                skill_master_studio_level: Some(v),
                ..b()
            })
            .collect(),
        AnswerKey::SeeksEvaluationInstitution => {
            flags(|a, v| a.seeks_evaluation_institution = Some(v))
        }
    }
}

fn is_missing(a: &Answers, key: AnswerKey) -> bool {
    let v = serde_json::to_value(a).unwrap();
    v.get(key.as_str()).is_none()
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
    for &key in AnswerKey::ALL {
        if rng.next().is_multiple_of(2) {
            let options = variants(c, key, &a);
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
            for &key in AnswerKey::ALL.iter().filter(|k| is_missing(a, **k)) {
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
                    let listed = r.missing.contains(&key);
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
    let a = Answers {
        seeks_evaluation_institution: Some(true),
        jurisdiction: Some(JurisdictionId::Korla),
        ..Answers::default()
    };
    let c = catalog();
    let e = evaluate(&c, &a, "2022-06-01".parse().unwrap());
    let r = e
        .results
        .iter()
        .find(|r| r.measure == MeasureId::SkillEvaluationInstitution)
        .unwrap();
    assert_eq!(r.status, Status::Eligible);
    assert!(r.missing.is_empty());
}
