//! Every measure from its clause: met, not met, missing answer, out of period, borders;
//! and the worked examples of POLICIES.md.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;
use chrono::NaiveDate;
use common::{answers, merged};
use serde_json::json;
use shared::answers::*;
use shared::api::{EligibilityResponse, MeasureResultView};
use shared::catalog::{Catalog, JudgedBy, MeasureId, SizeClass};
use shared::{Lang, Status, evaluate};

fn catalog() -> Catalog {
    shared::examples::shipped().expect("the shipped catalog is valid")
}

fn date(s: &str) -> NaiveDate {
    s.parse().expect("a date")
}

fn run_in(lang: Lang, as_of: &str, answers: &Answers) -> EligibilityResponse {
    let catalog = catalog();
    let evaluation = evaluate(&catalog, answers, date(as_of));
    EligibilityResponse::render(&catalog, &evaluation, lang)
}

fn result_on(as_of: &str, answers: &Answers, measure: MeasureId) -> MeasureResultView {
    run_in(Lang::En, as_of, answers)
        .results
        .into_iter()
        .find(|r| r.measure == measure)
        .expect("a result for every measure")
}

fn result(answers: &Answers, measure: MeasureId) -> MeasureResultView {
    result_on("2022-06-01", answers, measure)
}

fn codes(r: &MeasureResultView) -> Vec<&str> {
    r.reasons.iter().map(|x| x.code.as_str()).collect()
}

/// A micro retail shop run as an individual business in Luntai, every answer given.
fn shop() -> Answers {
    answers(
        json!({"entity_type": Some(EntityType::IndividualBusiness), "industry": Some(Industry::Retail), "employees": Some(4), "annual_revenue_fen": Some(60_000_000), "total_assets_fen": Some(20_000_000), "jurisdiction": Some(JurisdictionId::Luntai), "vat_taxpayer": Some(VatTaxpayer::SmallScale), "quarterly_sales_fen": Some(15_000_000), "quarterly_sales_at_3pct_fen": Some(15_000_000), "tax_year": Some(2022), "taxable_income_fen": Some(10_000_000), "restricted_industry": Some(false), "prior_year_small_low_profit": Some(false), "six_taxes_two_fees_due_fen": Some(300_000), "premises": Some(Premises::RentCountyState), "highway_service_area": Some(false), "monthly_rent_fen": Some(300_000), "rent_2022_paid": Some(true), "epidemic_difficulty": Some(true), "utilities_in_arrears": Some(vec![Utility::Electricity]), "tax_filing_difficulty": Some(true), "industrial_water_user": Some(false), "commercial_gas_user": Some(false), "bids_in_public_tenders": Some(false), "pays_unemployment_insurance": Some(true), "training_base_level": Some(Level::None), "skill_master_studio_level": Some(Level::None), "seeks_evaluation_institution": Some(false)}),
    )
}

/// A small software enterprise in Korla, 50 staff.
fn firm() -> Answers {
    merged(
        shop(),
        json!({"entity_type": Some(EntityType::Enterprise), "industry": Some(Industry::SoftwareIt), "employees": Some(50), "annual_revenue_fen": Some(500_000_000), "total_assets_fen": Some(800_000_000), "jurisdiction": Some(JurisdictionId::Korla), "vat_taxpayer": Some(VatTaxpayer::General)}),
    )
}

// ---------- the catalog ----------

#[test]
fn the_shipped_catalog_holds_all_fifteen_measures_and_passes_its_own_examples() {
    let c = catalog();
    assert_eq!(c.measures.len(), 15);
    assert!(c.examples.len() >= 4);
    for m in &c.measures {
        assert!(!m.original.is_empty() && !m.clause.is_empty(), "{}", m.id);
    }
}

#[test]
fn a_catalog_whose_example_is_wrong_is_refused() {
    let broken = shared::catalog::SHIPPED_JSON.replacen(
        "\"estimate_fen\": 32500000",
        "\"estimate_fen\": 1",
        1,
    );
    assert_ne!(broken, shared::catalog::SHIPPED_JSON);
    let err = shared::examples::load(&broken).unwrap_err();
    assert!(err.to_string().contains("1,500,000"), "{err}");
}

#[test]
fn a_catalog_with_a_malformed_repeated_or_no_measure_is_refused_naming_where() {
    let err = shared::examples::load(&shared::catalog::SHIPPED_JSON.replacen(
        "\"bid-guarantee\"",
        "\"Bid Guarantee\"",
        1,
    ))
    .unwrap_err();
    assert!(err.to_string().contains("measures[3].id"), "{err}");
    let mut c = catalog();
    let again = c.measures[10].clone();
    c.measures.push(again);
    assert_eq!(
        c.validate().unwrap_err().to_string(),
        "measure tax-deferral appears more than once"
    );
    let mut c = catalog();
    c.measures.clear();
    assert_eq!(
        c.validate().unwrap_err().to_string(),
        "the catalog declares no measure"
    );
}

#[test]
fn a_catalog_with_a_rate_over_100_percent_or_a_wrong_unit_is_refused() {
    let mut c = catalog();
    let rate = c
        .parameters
        .iter_mut()
        .find(|p| p.id == "cit_reduced_rate_bp")
        .unwrap();
    rate.values[0].value = 10_001;
    assert!(
        c.validate()
            .unwrap_err()
            .to_string()
            .contains("out of range")
    );
    let mut c = catalog();
    let months = c
        .parameters
        .iter_mut()
        .find(|p| p.id == "rent_highway_months")
        .unwrap();
    months.unit = shared::catalog::Unit::Fen;
    assert!(
        c.validate()
            .unwrap_err()
            .to_string()
            .contains("is read in Months")
    );
}

/// Each measure's period from its clause: (measure, first day, last day).
const PERIODS: [(&str, &str, Option<&str>); 15] = [
    ("utility-deferral", "2022-01-01", Some("2022-12-31")),
    ("electricity-subsidy", "2022-01-01", Some("2022-12-31")),
    ("water-gas-price-cut", "2022-01-01", None),
    ("bid-guarantee", "2022-01-01", None),
    ("rent-waiver-state", "2022-01-01", Some("2022-12-31")),
    ("rent-waiver-private", "2022-01-01", Some("2022-12-31")),
    ("rent-waiver-highway", "2022-01-01", Some("2022-12-31")),
    ("vat-exemption", "2022-04-01", Some("2022-12-31")),
    ("cit-reduction", "2021-01-01", Some("2024-12-31")),
    ("six-taxes-two-fees", "2022-01-01", Some("2024-12-31")),
    ("tax-deferral", "2022-01-01", Some("2022-12-31")),
    (
        "unemployment-insurance-rate",
        "2022-05-01",
        Some("2023-04-30"),
    ),
    ("skills-training-base", "2022-01-01", None),
    ("skill-master-studio", "2022-01-01", None),
    ("skill-evaluation-institution", "2022-01-01", None),
];

#[test]
fn every_measure_is_in_effect_exactly_on_the_days_of_its_period() {
    let c = catalog();
    for (id, from, to) in PERIODS {
        let id = MeasureId::parse(id).unwrap();
        let m = c.measure(id).unwrap();
        assert_eq!(m.period.from, date(from), "{id} starts");
        assert_eq!(m.period.to, to.map(date), "{id} ends");
        let none = Answers::default();
        let status_on = |d: NaiveDate| {
            let e = evaluate(&c, &none, d);
            e.results.iter().find(|r| r.measure == id).unwrap().status
        };
        let first = date(from);
        match m.judged_by {
            // Judged by the tax year asked about: see the cit and six-taxes tests.
            JudgedBy::TaxYear => continue,
            // Judged by the period the relief concerns: the day of asking never puts it out.
            JudgedBy::ReliefPeriod => {
                for d in [first.pred_opt().unwrap(), date("2023-06-30")] {
                    assert_ne!(status_on(d), Status::NotInEffect, "{id} asked on {d}");
                }
                continue;
            }
            JudgedBy::EvaluationDate => {}
        }
        assert_eq!(
            status_on(first.pred_opt().unwrap()),
            Status::NotInEffect,
            "{id} the day before"
        );
        assert_ne!(
            status_on(first),
            Status::NotInEffect,
            "{id} on its first day"
        );
        match to.map(date) {
            Some(last) => {
                assert_ne!(status_on(last), Status::NotInEffect, "{id} on its last day");
                assert_eq!(
                    status_on(last.succ_opt().unwrap()),
                    Status::NotInEffect,
                    "{id} the day after"
                );
            }
            None => assert_ne!(
                status_on(date("2030-01-01")),
                Status::NotInEffect,
                "{id} stays open"
            ),
        }
    }
}

#[test]
fn every_measure_has_a_result_with_at_least_one_reason_even_with_no_answers() {
    let r = run_in(Lang::ZhCn, "2022-06-01", &Answers::default());
    assert_eq!(r.results.len(), 15);
    for m in &r.results {
        assert!(!m.reasons.is_empty(), "{}", m.measure);
        assert!(
            m.reasons
                .iter()
                .all(|x| !x.text.is_empty() && !x.clause.is_empty())
        );
        assert_ne!(
            m.status,
            Status::Eligible,
            "{} cannot be eligible knowing nothing",
            m.measure
        );
    }
    assert!(r.notice.contains("仅供参考，以主管部门认定为准"));
}

#[test]
fn reasons_read_the_same_facts_in_both_languages() {
    let zh = run_in(Lang::ZhCn, "2022-06-01", &shop());
    let en = run_in(Lang::En, "2022-06-01", &shop());
    for (a, b) in zh.results.iter().zip(en.results.iter()) {
        assert_eq!(codes(a), codes(b));
        assert_eq!(a.estimate_fen, b.estimate_fen);
        for (x, y) in a.reasons.iter().zip(b.reasons.iter()) {
            assert_eq!(x.params, y.params);
            assert_ne!(x.text, y.text);
        }
    }
}

// ---------- size class ----------

#[test]
fn size_class_needs_both_lower_limits_of_a_row() {
    let c = catalog();
    let size = |industry, employees, revenue_wan: i64| {
        shared::eligibility::size::size_class(
            &c.size_standard,
            &answers(
                json!({"industry": Some(industry), "employees": Some(employees), "annual_revenue_fen": Some(revenue_wan * 1_000_000)}),
            ),
        )
    };
    assert_eq!(size(Industry::Retail, 10, 100), Some(SizeClass::Small));
    assert_eq!(size(Industry::Retail, 9, 100), Some(SizeClass::Micro));
    assert_eq!(size(Industry::Retail, 10, 99), Some(SizeClass::Micro));
    assert_eq!(size(Industry::Retail, 300, 20000), Some(SizeClass::Large));
    assert_eq!(size(Industry::Retail, 300, 19999), Some(SizeClass::Medium));
    assert_eq!(
        size(Industry::Industry, 1000, 40000),
        Some(SizeClass::Large)
    );
    assert_eq!(size(Industry::Other, 9, 0), Some(SizeClass::Micro));
    assert_eq!(size(Industry::Other, 100, 0), Some(SizeClass::Medium));
}

#[test]
fn size_class_is_unknown_only_while_missing_answers_could_change_it() {
    let c = catalog();
    // Retail with 5 employees is micro whatever its revenue.
    let few = answers(json!({"industry": Some(Industry::Retail), "employees": Some(5)}));
    assert_eq!(
        shared::eligibility::size::size_class(&c.size_standard, &few),
        Some(SizeClass::Micro)
    );
    let many = merged(few.clone(), json!({"employees": Some(60)}));
    let range = shared::eligibility::size::SizeRange::of(&c.size_standard, &many);
    assert_eq!(range.exact(), None);
    assert_eq!(range.missing(), vec!["annual_revenue_fen"]);
}

// ---------- utility-deferral 二(一)一 ----------

#[test]
fn utility_deferral_is_for_a_small_business_in_difficulty_with_a_utility_in_arrears() {
    let r = result(&shop(), MeasureId::parse("utility-deferral").unwrap());
    assert_eq!(r.status, Status::Eligible);
    assert_eq!(r.clause, "二(一)一");
    assert_eq!(
        r.application_kind.map(|k| k.as_str()),
        Some("utility_deferral")
    );
}

#[test]
fn utility_deferral_needs_a_utility_in_arrears_and_a_declared_difficulty() {
    let none = merged(shop(), json!({"utilities_in_arrears": []}));
    assert_eq!(
        result(&none, MeasureId::parse("utility-deferral").unwrap()).status,
        Status::NotEligible
    );
    let fine = merged(shop(), json!({"epidemic_difficulty": Some(false)}));
    assert_eq!(
        result(&fine, MeasureId::parse("utility-deferral").unwrap()).status,
        Status::NotEligible
    );
}

#[test]
fn utility_deferral_asks_for_the_difficulty_when_it_is_not_declared() {
    let r = result(
        &merged(shop(), json!({"epidemic_difficulty": null})),
        MeasureId::parse("utility-deferral").unwrap(),
    );
    assert_eq!(r.status, Status::NeedsInfo);
    assert_eq!(r.missing, vec!["epidemic_difficulty"]);
}

#[test]
fn utility_deferral_excludes_medium_enterprises_but_not_large_individual_businesses() {
    let medium = merged(
        firm(),
        json!({"employees": Some(150), "annual_revenue_fen": Some(2_000_000_000)}),
    );
    assert_eq!(
        result(&medium, MeasureId::parse("utility-deferral").unwrap()).status,
        Status::NotEligible
    );
    let big_shop = merged(
        shop(),
        json!({"employees": Some(400), "annual_revenue_fen": Some(30_000_000_000_i64)}),
    );
    assert_eq!(
        result(&big_shop, MeasureId::parse("utility-deferral").unwrap()).status,
        Status::Eligible
    );
}

#[test]
fn utility_deferral_is_not_in_effect_after_2022() {
    let r = result_on(
        "2023-01-01",
        &shop(),
        MeasureId::parse("utility-deferral").unwrap(),
    );
    assert_eq!(r.status, Status::NotInEffect);
    assert_eq!(codes(&r), vec!["period"]);
    assert_eq!(r.reasons[0].met, Some(false));
    assert_eq!(
        result_on(
            "2022-12-31",
            &shop(),
            MeasureId::parse("utility-deferral").unwrap()
        )
        .status,
        Status::Eligible
    );
}

// ---------- electricity-subsidy 二(一)二 ----------

#[test]
fn electricity_subsidy_waits_for_the_county_to_be_recorded_without_asking_the_owner() {
    let r = result(&firm(), MeasureId::parse("electricity-subsidy").unwrap());
    assert_eq!(r.status, Status::NeedsInfo);
    assert!(
        r.missing.is_empty(),
        "administrator data is never a missing answer"
    );
    let fact = r
        .reasons
        .iter()
        .find(|x| x.code == "jurisdiction_fact")
        .unwrap();
    assert_eq!(fact.met, None);
    assert!(fact.text.contains("not yet recorded"));
}

#[test]
fn electricity_subsidy_follows_the_recorded_county_decision() {
    let mut c = catalog();
    for j in &mut c.jurisdictions {
        j.electricity_subsidy = Some(j.id == JurisdictionId::Korla);
    }
    let eval = |answers: &Answers| {
        let e = evaluate(&c, answers, date("2022-06-01"));
        e.results
            .iter()
            .find(|r| r.measure == MeasureId::parse("electricity-subsidy").unwrap())
            .unwrap()
            .status
    };
    assert_eq!(eval(&firm()), Status::Eligible);
    // KETDZ has its own record: Korla's decision does not carry over.
    let ketdz = merged(firm(), json!({"jurisdiction": Some(JurisdictionId::Ketdz)}));
    assert_eq!(eval(&ketdz), Status::NotEligible);
    // Individual businesses are not named by this clause.
    assert_eq!(
        eval(&merged(
            shop(),
            json!({"jurisdiction": Some(JurisdictionId::Korla)})
        )),
        Status::NotEligible
    );
}

// ---------- water-gas-price-cut 二(一)三 ----------

#[test]
fn industrial_water_is_cheaper_only_in_ketdz() {
    let user = merged(
        shop(),
        json!({"jurisdiction": Some(JurisdictionId::Ketdz), "industrial_water_user": Some(true)}),
    );
    assert_eq!(
        result(&user, MeasureId::parse("water-gas-price-cut").unwrap()).status,
        Status::Eligible
    );
    let elsewhere = merged(user, json!({"jurisdiction": Some(JurisdictionId::Luntai)}));
    assert_eq!(
        result(&elsewhere, MeasureId::parse("water-gas-price-cut").unwrap()).status,
        Status::NotEligible
    );
}

#[test]
fn commercial_gas_is_cheaper_in_korla_and_ketdz_from_may_2022() {
    let user = merged(
        shop(),
        json!({"jurisdiction": Some(JurisdictionId::Ketdz), "commercial_gas_user": Some(true)}),
    );
    assert_eq!(
        result_on(
            "2022-05-01",
            &user,
            MeasureId::parse("water-gas-price-cut").unwrap()
        )
        .status,
        Status::Eligible
    );
    let april = result_on(
        "2022-04-30",
        &user,
        MeasureId::parse("water-gas-price-cut").unwrap(),
    );
    assert_eq!(april.status, Status::NotEligible);
    assert!(codes(&april).contains(&"in_effect_from"));
}

#[test]
fn water_gas_price_cut_asks_whether_gas_is_used_in_a_gas_county() {
    let r = result(
        &merged(
            shop(),
            json!({"jurisdiction": Some(JurisdictionId::Yuli), "commercial_gas_user": null}),
        ),
        MeasureId::parse("water-gas-price-cut").unwrap(),
    );
    assert_eq!(r.status, Status::NeedsInfo);
    assert_eq!(r.missing, vec!["commercial_gas_user"]);
}

// ---------- bid-guarantee 二(一)四 ----------

#[test]
fn bid_guarantee_letters_are_for_every_bidder_and_the_waiver_for_smes() {
    // 二(一)四: guarantee letters or insurance instead of cash apply to every bidder; only the
    // encouraged waiver of bid guarantees is for SMEs, and it is said, not decided.
    let bidder = merged(firm(), json!({"bids_in_public_tenders": Some(true)}));
    let sme = result(&bidder, MeasureId::parse("bid-guarantee").unwrap());
    assert_eq!(sme.status, Status::Eligible);
    let waiver = sme
        .reasons
        .iter()
        .find(|r| r.code == "informative")
        .unwrap();
    assert_eq!(waiver.met, Some(true));
    assert!(
        waiver.text.contains("waive bid guarantees for SMEs"),
        "{}",
        waiver.text
    );
    assert_eq!(
        result(&firm(), MeasureId::parse("bid-guarantee").unwrap()).status,
        Status::NotEligible
    );
    let large = merged(
        bidder.clone(),
        json!({"employees": Some(300), "annual_revenue_fen": Some(10_000_000_000_i64)}),
    );
    let r = result(&large, MeasureId::parse("bid-guarantee").unwrap());
    assert_eq!(
        r.status,
        Status::Eligible,
        "a large bidder may use guarantee letters too"
    );
    let waiver = r.reasons.iter().find(|r| r.code == "informative").unwrap();
    assert_eq!(waiver.met, Some(false), "but the waiver is for SMEs");
    let unknown_size = merged(
        bidder,
        json!({"annual_revenue_fen": null, "employees": Some(350)}),
    );
    let r = result(&unknown_size, MeasureId::parse("bid-guarantee").unwrap());
    assert_eq!(r.status, Status::Eligible);
    assert!(r.missing.is_empty(), "the size decides nothing here");
}

// ---------- rent-waiver-state 二(二)一 ----------

#[test]
fn state_rent_is_waived_three_months_under_the_national_rule_until_the_county_is_recorded() {
    let r = result(&shop(), MeasureId::parse("rent-waiver-state").unwrap());
    assert_eq!(r.status, Status::Eligible);
    assert_eq!(r.estimate_fen, Some(900_000));
    let listed = r
        .reasons
        .iter()
        .find(|x| x.code == "risk_area_listed")
        .unwrap();
    assert_eq!(listed.met, None);
    assert_eq!(listed.clause, "发改财金〔2022〕271号");
    // What a listed county would give is shown too.
    assert!(
        r.estimate_steps
            .iter()
            .any(|s| s.amount_fen == Some(2_100_000))
    );
}

#[test]
fn state_rent_is_waived_seven_months_in_a_listed_county_and_three_elsewhere() {
    let mut c = catalog();
    for j in &mut c.jurisdictions {
        j.medium_high_risk_2022 = Some(j.id == JurisdictionId::Luntai);
    }
    let estimate = |answers: &Answers| {
        let e = evaluate(&c, answers, date("2022-06-01"));
        e.results
            .iter()
            .find(|r| r.measure == MeasureId::parse("rent-waiver-state").unwrap())
            .unwrap()
            .estimate
            .amount
    };
    assert_eq!(estimate(&shop()), Some(2_100_000));
    assert_eq!(
        estimate(&merged(
            shop(),
            json!({"jurisdiction": Some(JurisdictionId::Bohu)})
        )),
        Some(900_000)
    );
}

/// 二(二)一 speaks of the county-level area that had a medium- or high-risk area; KETDZ lies
/// within Korla's (POLICIES.md, Jurisdictions).
#[test]
fn the_development_zone_follows_korlas_risk_listing_until_one_is_recorded_for_it() {
    let in_zone = merged(shop(), json!({"jurisdiction": Some(JurisdictionId::Ketdz)}));
    let rent = |c: &Catalog| {
        let e = evaluate(c, &in_zone, date("2022-06-01"));
        let r = e
            .results
            .iter()
            .find(|r| r.measure == MeasureId::parse("rent-waiver-state").unwrap())
            .unwrap()
            .clone();
        let listed = r
            .reasons
            .iter()
            .find_map(|x| match x.finding {
                shared::eligibility::Finding::RiskAreaListed {
                    listed,
                    recorded_for,
                    ..
                } => Some((listed, recorded_for)),
                _ => None,
            })
            .unwrap();
        (r.estimate.amount, listed)
    };
    let mut c = catalog();
    assert_eq!(
        rent(&c),
        (Some(900_000), (None, None)),
        "nothing recorded anywhere"
    );
    let set = |c: &mut Catalog, id: JurisdictionId, listed: bool| {
        for j in &mut c.jurisdictions {
            if j.id == id {
                j.medium_high_risk_2022 = Some(listed);
            }
        }
    };
    set(&mut c, JurisdictionId::Korla, true);
    assert_eq!(
        rent(&c),
        (Some(2_100_000), (Some(true), Some(JurisdictionId::Korla))),
        "the zone takes Korla's listing: seven months"
    );
    set(&mut c, JurisdictionId::Ketdz, false);
    assert_eq!(
        rent(&c),
        (Some(900_000), (Some(false), None)),
        "a listing recorded for the zone itself wins"
    );
    // Another county does not follow Korla.
    let shop = shop();
    let luntai = evaluate(&c, &shop, date("2022-06-01"));
    assert_eq!(
        luntai
            .results
            .iter()
            .find(|r| r.measure == MeasureId::parse("rent-waiver-state").unwrap())
            .unwrap()
            .estimate
            .amount,
        Some(900_000)
    );
}

#[test]
fn the_zones_reason_names_the_area_whose_listing_it_takes() {
    let mut c = catalog();
    for j in &mut c.jurisdictions {
        if j.id == JurisdictionId::Korla {
            j.medium_high_risk_2022 = Some(true);
        }
    }
    let in_zone = merged(shop(), json!({"jurisdiction": Some(JurisdictionId::Ketdz)}));
    let e = evaluate(&c, &in_zone, date("2022-06-01"));
    let view = EligibilityResponse::render(&c, &e, Lang::ZhCn);
    let rent = view
        .results
        .iter()
        .find(|r| r.measure == MeasureId::parse("rent-waiver-state").unwrap())
        .unwrap();
    let listed = rent
        .reasons
        .iter()
        .find(|x| x.code == "risk_area_listed")
        .unwrap();
    assert_eq!(listed.met, Some(true));
    assert!(
        listed.text.contains("随库尔勒市"),
        "the reason says whose listing it is: {}",
        listed.text
    );
}

#[test]
fn state_rent_waiver_is_for_the_service_sector_on_state_premises_only() {
    let factory = merged(shop(), json!({"industry": Some(Industry::Industry)}));
    assert_eq!(
        result(&factory, MeasureId::parse("rent-waiver-state").unwrap()).status,
        Status::NotEligible
    );
    let private = merged(shop(), json!({"premises": Some(Premises::RentPrivate)}));
    assert_eq!(
        result(&private, MeasureId::parse("rent-waiver-state").unwrap()).status,
        Status::NotEligible
    );
    let unknown = merged(shop(), json!({"premises": null}));
    let r = result(&unknown, MeasureId::parse("rent-waiver-state").unwrap());
    assert_eq!(
        (r.status, r.missing),
        (Status::NeedsInfo, vec!["premises".into()])
    );
}

#[test]
fn state_rent_waiver_without_a_rent_asks_for_it_for_the_estimate() {
    let r = result(
        &merged(shop(), json!({"monthly_rent_fen": null})),
        MeasureId::parse("rent-waiver-state").unwrap(),
    );
    assert_eq!(r.status, Status::Eligible);
    assert_eq!(r.estimate_fen, None);
    assert!(r.estimate_steps[0].text.contains("monthly rent"));
}

// ---------- rent-waiver-private 二(二)二 ----------

#[test]
fn private_rent_guidance_is_for_final_tenants_of_non_state_premises() {
    let tenant = merged(shop(), json!({"premises": Some(Premises::RentPrivate)}));
    let r = result(&tenant, MeasureId::parse("rent-waiver-private").unwrap());
    assert_eq!(r.status, Status::Eligible);
    assert_eq!(r.how.as_str(), "guidance");
    assert_eq!(
        result(&shop(), MeasureId::parse("rent-waiver-private").unwrap()).status,
        Status::NotEligible
    );
    let outside = merged(tenant, json!({"jurisdiction": Some(JurisdictionId::Other)}));
    assert_eq!(
        result(&outside, MeasureId::parse("rent-waiver-private").unwrap()).status,
        Status::NotEligible
    );
}

// ---------- rent-waiver-highway 二(二)三 ----------

#[test]
fn highway_rent_paid_is_refunded_for_seven_months_whatever_the_premises_answer() {
    let tenant = merged(
        shop(),
        json!({"highway_service_area": Some(true), "premises": Some(Premises::RentPrivate), "monthly_rent_fen": Some(500_000)}),
    );
    let r = result(&tenant, MeasureId::parse("rent-waiver-highway").unwrap());
    assert_eq!(r.status, Status::Eligible);
    assert_eq!(r.estimate_fen, Some(3_500_000));
    assert!(r.estimate_steps[0].text.contains("refunded"));
    let unpaid = result(
        &merged(tenant, json!({"rent_2022_paid": Some(false)})),
        MeasureId::parse("rent-waiver-highway").unwrap(),
    );
    assert_eq!(unpaid.estimate_fen, Some(3_500_000));
    assert!(unpaid.estimate_steps[0].text.contains("January–July"));
}

#[test]
fn highway_rent_waiver_needs_a_service_area_tenant() {
    assert_eq!(
        result(&shop(), MeasureId::parse("rent-waiver-highway").unwrap()).status,
        Status::NotEligible
    );
    let r = result(
        &merged(shop(), json!({"highway_service_area": null})),
        MeasureId::parse("rent-waiver-highway").unwrap(),
    );
    assert_eq!(r.missing, vec!["highway_service_area"]);
    // Judged by the 2022 rent it concerns: asked in 2023 still eligible, but requests closed.
    let tenant = merged(shop(), json!({"highway_service_area": Some(true)}));
    let late = result_on(
        "2023-01-15",
        &tenant,
        MeasureId::parse("rent-waiver-highway").unwrap(),
    );
    assert_eq!(late.status, Status::Eligible);
    assert_eq!(
        late.application_window.as_ref().map(|w| w.open),
        Some(false)
    );
    let now = result_on(
        "2022-06-01",
        &tenant,
        MeasureId::parse("rent-waiver-highway").unwrap(),
    );
    assert_eq!(now.application_window.as_ref().map(|w| w.open), Some(true));
}

// ---------- vat-exemption 二(三)一 ----------

#[test]
fn vat_exemption_adds_relief_only_above_450000_yuan_a_quarter() {
    let at = |sales| {
        result(
            &merged(
                shop(),
                json!({"quarterly_sales_fen": Some(sales), "quarterly_sales_at_3pct_fen": Some(sales)}),
            ),
            MeasureId::parse("vat-exemption").unwrap(),
        )
    };
    assert_eq!(at(45_000_000).estimate_fen, Some(0));
    assert!(
        at(45_000_000).estimate_steps[0]
            .text
            .contains("already exempt")
    );
    // One fen above: 3% of 450,000.01 yuan = 13,500.0003 → 13,500.00 per quarter.
    assert_eq!(at(45_000_001).estimate_fen, Some(3 * 1_350_000));
    assert_eq!(at(60_000_000).estimate_fen, Some(5_400_000));
}

#[test]
fn vat_exemption_is_for_small_scale_taxpayers_from_april_to_december_2022() {
    assert_eq!(
        result(&firm(), MeasureId::parse("vat-exemption").unwrap()).status,
        Status::NotEligible
    );
    // Judged by the quarters of April–December 2022, whatever the day of asking.
    for day in ["2022-03-31", "2022-04-01", "2023-01-01"] {
        assert_eq!(
            result_on(day, &shop(), MeasureId::parse("vat-exemption").unwrap()).status,
            Status::Eligible,
            "asked on {day}"
        );
    }
    let r = result(
        &merged(shop(), json!({"vat_taxpayer": null})),
        MeasureId::parse("vat-exemption").unwrap(),
    );
    assert_eq!(r.missing, vec!["vat_taxpayer"]);
}

// ---------- cit-reduction 二(三)二 ----------

fn cit(income: i64, year: i32) -> MeasureResultView {
    result(
        &merged(
            firm(),
            json!({"taxable_income_fen": Some(income), "tax_year": Some(year)}),
        ),
        MeasureId::parse("cit-reduction").unwrap(),
    )
}

#[test]
fn cit_worked_example_1_500_000_yuan_in_2022_pays_50_000_instead_of_375_000() {
    let r = cit(150_000_000, 2022);
    assert_eq!(r.status, Status::Eligible);
    let amounts: Vec<Option<i64>> = r.estimate_steps.iter().map(|s| s.amount_fen).collect();
    // Band 1: 1,000,000 counted 125,000, tax 25,000, standard 250,000;
    // band 2: 500,000 counted 125,000, tax 25,000, standard 125,000; saved 325,000.
    assert_eq!(
        amounts,
        vec![
            Some(12_500_000),
            Some(2_500_000),
            Some(25_000_000),
            Some(12_500_000),
            Some(2_500_000),
            Some(12_500_000),
            Some(32_500_000)
        ]
    );
    assert_eq!(r.estimate_fen, Some(32_500_000));
}

#[test]
fn cit_bands_meet_at_1_000_000_and_end_at_3_000_000_yuan() {
    assert_eq!(cit(100_000_000, 2022).estimate_fen, Some(22_500_000));
    assert_eq!(
        cit(300_000_000, 2022).estimate_fen,
        Some(22_500_000 + 40_000_000)
    );
    assert_eq!(cit(300_000_001, 2022).status, Status::NotEligible);
}

#[test]
fn cit_rounds_each_step_half_up_to_the_fen() {
    // 1 fen: counted 0.125 → 0; tax 0; standard 0.25 → 0. 4 fen: counted 0.5 → 1, tax 0.2 → 0, standard 1.
    assert_eq!(cit(1, 2022).estimate_fen, Some(0));
    assert_eq!(cit(4, 2022).estimate_fen, Some(1));
}

#[test]
fn cit_is_judged_by_the_tax_year_and_bands_outside_the_seed_cite_national_rules() {
    // 2021: the seed sets only the first band; the part over 1,000,000 follows 财税〔2019〕13号
    // (counted at 50%, taxed at 20%): 25,000 + 500,000 × 50% × 20% = 75,000 against 375,000.
    let r = cit(150_000_000, 2021);
    assert_eq!(r.status, Status::Eligible);
    assert_eq!(r.estimate_fen, Some(37_500_000 - 2_500_000 - 5_000_000));
    assert!(
        r.reasons
            .iter()
            .any(|x| x.code == "national_rule" && x.clause == "财税〔2019〕13号")
    );
    assert!(
        r.estimate_steps
            .iter()
            .any(|s| s.source.as_deref() == Some("财税〔2019〕13号"))
    );
    // 2023: the seed sets only the second band; the first follows 2023年第6号 (25%).
    let r = cit(150_000_000, 2023);
    assert_eq!(r.estimate_fen, Some(37_500_000 - 5_000_000 - 2_500_000));
    assert!(
        r.reasons
            .iter()
            .any(|x| x.clause == "财政部 税务总局公告2023年第6号")
    );
    let before = cit(150_000_000, 2020);
    assert_eq!(before.status, Status::NotInEffect);
    assert_eq!(cit(150_000_000, 2025).status, Status::NotInEffect);
    // Judged by tax year, not by the evaluation date.
    let later = result_on(
        "2026-01-01",
        &merged(firm(), json!({"tax_year": Some(2022)})),
        MeasureId::parse("cit-reduction").unwrap(),
    );
    assert_eq!(later.status, Status::Eligible);
}

#[test]
fn cit_without_a_tax_year_needs_it() {
    let r = result(
        &merged(firm(), json!({"tax_year": null})),
        MeasureId::parse("cit-reduction").unwrap(),
    );
    assert_eq!(r.status, Status::NeedsInfo);
    assert_eq!(r.missing, vec!["tax_year"]);
}

#[test]
fn cit_excludes_individual_businesses_restricted_industries_and_the_large() {
    assert_eq!(
        result(&shop(), MeasureId::parse("cit-reduction").unwrap()).status,
        Status::NotEligible
    );
    let restricted = merged(firm(), json!({"restricted_industry": Some(true)}));
    assert_eq!(
        result(&restricted, MeasureId::parse("cit-reduction").unwrap()).status,
        Status::NotEligible
    );
    assert_eq!(
        result(
            &merged(firm(), json!({"employees": Some(301)})),
            MeasureId::parse("cit-reduction").unwrap()
        )
        .status,
        Status::NotEligible
    );
    assert_eq!(
        result(
            &merged(firm(), json!({"employees": Some(300)})),
            MeasureId::parse("cit-reduction").unwrap()
        )
        .status,
        Status::Eligible
    );
    let assets = |fen: i64| {
        result(
            &merged(firm(), json!({"total_assets_fen": Some(fen)})),
            MeasureId::parse("cit-reduction").unwrap(),
        )
        .status
    };
    assert_eq!(assets(5_000_000_000), Status::Eligible);
    assert_eq!(assets(5_000_000_001), Status::NotEligible);
}

// ---------- six-taxes-two-fees 二(三)三 ----------

#[test]
fn six_taxes_and_two_fees_are_halved_for_each_of_the_three_groups() {
    let r = result(&shop(), MeasureId::parse("six-taxes-two-fees").unwrap());
    assert_eq!(r.status, Status::Eligible);
    assert_eq!(r.estimate_fen, Some(150_000));
    // A general-taxpayer company qualifies by last year's settlement as small low-profit
    // (财政部 税务总局公告2022年第10号), not by this year's figures.
    let settled = merged(firm(), json!({"prior_year_small_low_profit": Some(true)}));
    assert_eq!(
        result(&settled, MeasureId::parse("six-taxes-two-fees").unwrap()).status,
        Status::Eligible
    );
    assert_eq!(
        result(&firm(), MeasureId::parse("six-taxes-two-fees").unwrap()).status,
        Status::NotEligible
    );
    let year = |y| {
        result(
            &merged(shop(), json!({"tax_year": Some(y)})),
            MeasureId::parse("six-taxes-two-fees").unwrap(),
        )
        .status
    };
    assert_eq!(year(2025), Status::NotInEffect);
    assert_eq!(year(2024), Status::Eligible);
    assert_eq!(year(2021), Status::NotInEffect);
}

#[test]
fn six_taxes_rounds_half_a_fen_up() {
    let r = result(
        &merged(shop(), json!({"six_taxes_two_fees_due_fen": Some(3)})),
        MeasureId::parse("six-taxes-two-fees").unwrap(),
    );
    assert_eq!(r.estimate_fen, Some(2));
}

// ---------- tax-deferral 二(三)四 ----------

#[test]
fn tax_deferral_is_guidance_for_taxpayers_in_difficulty() {
    let r = result(&shop(), MeasureId::parse("tax-deferral").unwrap());
    assert_eq!(
        (r.status, r.how.as_str(), r.application_kind),
        (Status::Eligible, "guidance", None)
    );
    let fine = merged(shop(), json!({"tax_filing_difficulty": Some(false)}));
    assert_eq!(
        result(&fine, MeasureId::parse("tax-deferral").unwrap()).status,
        Status::NotEligible
    );
    // Its own question: business hardship alone does not decide it.
    let hardship_only = merged(
        shop(),
        json!({"epidemic_difficulty": Some(true), "tax_filing_difficulty": null}),
    );
    assert_eq!(
        result(&hardship_only, MeasureId::parse("tax-deferral").unwrap()).missing,
        vec!["tax_filing_difficulty"]
    );
}

// ---------- unemployment-insurance-rate 二(三)-2 ----------

#[test]
fn unemployment_insurance_rate_runs_from_may_2022_to_april_2023() {
    assert_eq!(
        result(
            &shop(),
            MeasureId::parse("unemployment-insurance-rate").unwrap()
        )
        .status,
        Status::Eligible
    );
    assert_eq!(
        result_on(
            "2022-04-30",
            &shop(),
            MeasureId::parse("unemployment-insurance-rate").unwrap()
        )
        .status,
        Status::NotInEffect
    );
    assert_eq!(
        result_on(
            "2023-04-30",
            &shop(),
            MeasureId::parse("unemployment-insurance-rate").unwrap()
        )
        .status,
        Status::Eligible
    );
    assert_eq!(
        result_on(
            "2023-05-01",
            &shop(),
            MeasureId::parse("unemployment-insurance-rate").unwrap()
        )
        .status,
        Status::NotInEffect
    );
    let r = result(
        &merged(shop(), json!({"pays_unemployment_insurance": null})),
        MeasureId::parse("unemployment-insurance-rate").unwrap(),
    );
    assert_eq!(r.missing, vec!["pays_unemployment_insurance"]);
}

// ---------- skills 二(四), 二(五) ----------

#[test]
fn a_training_base_reward_is_set_by_the_department_until_an_amount_is_recorded() {
    let base = merged(
        firm(),
        json!({"training_base_level": Some(Level::Provincial)}),
    );
    let r = result(&base, MeasureId::parse("skills-training-base").unwrap());
    assert_eq!(r.status, Status::Eligible);
    assert_eq!(r.estimate_fen, None);
    assert!(r.estimate_steps[0].text.contains("set by the department"));
    assert_eq!(
        result(&firm(), MeasureId::parse("skills-training-base").unwrap()).status,
        Status::NotEligible
    );
    // An individual business is not an enterprise here.
    let shop_base = merged(
        shop(),
        json!({"training_base_level": Some(Level::National)}),
    );
    assert_eq!(
        result(
            &shop_base,
            MeasureId::parse("skills-training-base").unwrap()
        )
        .status,
        Status::NotEligible
    );
}

#[test]
fn a_recorded_reward_amount_becomes_the_estimate() {
    let mut c = catalog();
    for p in &mut c.parameters {
        if p.id == "reward_skill_master_studio_fen" {
            p.values.push(shared::catalog::Dated {
                from: date("2022-01-01"),
                to: None,
                value: 10_000_000,
                source: None,
            });
        }
    }
    let studio = merged(
        firm(),
        json!({"skill_master_studio_level": Some(Level::National)}),
    );
    let e = evaluate(&c, &studio, date("2022-06-01"));
    let r = e
        .results
        .iter()
        .find(|r| r.measure == MeasureId::parse("skill-master-studio").unwrap())
        .unwrap();
    assert_eq!(
        (r.status, r.estimate.amount),
        (Status::Eligible, Some(10_000_000))
    );
}

#[test]
fn evaluation_institutions_may_be_schools_and_third_parties_too() {
    let school = answers(
        json!({"entity_type": Some(EntityType::TechnicalSchool), "seeks_evaluation_institution": Some(true)}),
    );
    let r = result(
        &merged(
            school.clone(),
            json!({"jurisdiction": Some(JurisdictionId::Hejing)}),
        ),
        MeasureId::parse("skill-evaluation-institution").unwrap(),
    );
    assert_eq!(r.status, Status::Eligible);
    let r = result(
        &school,
        MeasureId::parse("skill-evaluation-institution").unwrap(),
    );
    assert_eq!(
        (r.status, r.missing),
        (Status::NeedsInfo, vec!["jurisdiction".into()])
    );
}

// ---------- the whole response ----------

#[test]
fn the_response_carries_version_size_class_and_one_result_per_measure_in_order() {
    let r = run_in(Lang::ZhCn, "2022-06-01", &shop());
    assert_eq!(r.catalog_version, "2022.4");
    assert_eq!(r.size_class, Some(SizeClass::Micro));
    let ids: Vec<MeasureId> = r.results.iter().map(|x| x.measure).collect();
    let declared: Vec<MeasureId> = catalog().measures.iter().map(|m| m.id).collect();
    assert_eq!(ids, declared);
    assert_eq!(ids.len(), 15);
}

#[test]
fn missing_lists_only_answers_that_could_change_the_status() {
    let r = result(
        &Answers::default(),
        MeasureId::parse("rent-waiver-state").unwrap(),
    );
    assert_eq!(r.status, Status::NeedsInfo);
    assert_eq!(
        r.missing,
        vec![
            "entity_type",
            "industry",
            "jurisdiction",
            "premises",
            "highway_service_area"
        ]
    );
    // Once not eligible, nothing else matters.
    let owner = answers(json!({"premises": Some(Premises::Own)}));
    let r = result(&owner, MeasureId::parse("rent-waiver-state").unwrap());
    assert_eq!((r.status, r.missing.len()), (Status::NotEligible, 0));
}

#[test]
fn answers_out_of_range_are_refused_naming_the_field() {
    let c = catalog();
    let bad = answers(json!({"monthly_rent_fen": Some(-1)}));
    assert_eq!(
        c.check_answers(&bad, "answers.").unwrap_err().field,
        "answers.monthly_rent_fen"
    );
    let year = answers(json!({"tax_year": Some(1999)}));
    assert_eq!(c.check_answers(&year, "").unwrap_err().field, "tax_year");
    let twice = answers(json!({"utilities_in_arrears": Some(vec![Utility::Gas, Utility::Gas])}));
    assert!(c.check_answers(&twice, "").is_err());
    assert!(c.check_answers(&shop(), "").is_ok());
}

// ---------- routing of filed requests (POLICIES.md, "decided by") ----------

#[test]
fn a_request_names_the_county_office_itself_and_the_leading_office_first() {
    use shared::catalog::DepartmentId as D;
    let c = catalog();
    let departments = [
        D::parse("ndrc").unwrap(),
        D::parse("state_grid").unwrap(),
        D::parse("county_government").unwrap(),
    ];
    assert_eq!(
        shared::i18n::offices_text(
            &c,
            Lang::ZhCn,
            &departments,
            Some(JurisdictionId::Korla),
            Some(D::parse("ndrc").unwrap())
        ),
        "州发展和改革委员会（牵头）、国网巴州供电公司、库尔勒市人民政府"
    );
    assert_eq!(
        shared::i18n::office_name(
            &c,
            Lang::ZhCn,
            D::parse("county_government").unwrap(),
            Some(JurisdictionId::Ketdz)
        ),
        "库尔勒经济技术开发区管理委员会"
    );
}

#[test]
fn a_filed_deferral_is_routed_by_the_utilities_it_names_with_one_office_leading() {
    use shared::application::{ApplicationKind, Payload};
    use shared::catalog::DepartmentId as D;
    let c = catalog();
    let measure = c
        .measure(MeasureId::parse("utility-deferral").unwrap())
        .unwrap();
    let answers = merged(
        shop(),
        json!({"utilities_in_arrears": Some(vec![Utility::Electricity, Utility::Gas, Utility::Water])}),
    );
    let payload = |utilities: serde_json::Value| {
        Payload::parse(
            ApplicationKind::UtilityDeferral,
            MeasureId::parse("utility-deferral").unwrap(),
            &answers,
            &serde_json::json!({
                "utilities": utilities, "account_number": "1", "months": ["2022-05"],
                "amount_per_month_fen": 100
            }),
        )
        .unwrap()
    };
    let gas = shared::eligibility::routing::route_filed(
        &c,
        measure,
        &answers,
        &payload(serde_json::json!(["gas"])),
    );
    assert_eq!(
        gas.departments,
        vec![
            D::parse("housing").unwrap(),
            D::parse("county_government").unwrap()
        ]
    );
    assert_eq!(gas.lead, Some(D::parse("housing").unwrap()));
    let both = shared::eligibility::routing::route_filed(
        &c,
        measure,
        &answers,
        &payload(serde_json::json!(["electricity", "gas"])),
    );
    assert_eq!(
        both.lead,
        Some(D::parse("ndrc").unwrap()),
        "electricity's commission leads"
    );
    let water = shared::eligibility::routing::route_filed(
        &c,
        measure,
        &answers,
        &payload(serde_json::json!(["water"])),
    );
    assert_eq!(
        water.departments,
        vec![
            D::parse("housing").unwrap(),
            D::parse("water").unwrap(),
            D::parse("county_government").unwrap()
        ]
    );
    assert_eq!(water.lead, Some(D::parse("water").unwrap()));
}
