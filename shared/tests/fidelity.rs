//! Policy fidelity: each test cites the clause or rule it checks.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

mod common;
use common::{answers, merged};
use serde_json::json;
use shared::answers::*;
use shared::api::{EligibilityResponse, MeasureResultView};
use shared::catalog::{Catalog, How, MeasureId, ParamId};
use shared::{Lang, Status, evaluate};

fn catalog() -> Catalog {
    shared::examples::shipped().expect("the shipped catalog is valid")
}

fn result_in(c: &Catalog, lang: Lang, as_of: &str, a: &Answers, m: MeasureId) -> MeasureResultView {
    let e = evaluate(c, a, as_of.parse().unwrap());
    EligibilityResponse::render(c, &e, lang)
        .results
        .into_iter()
        .find(|r| r.measure == m)
        .unwrap()
}

fn result(a: &Answers, m: MeasureId) -> MeasureResultView {
    result_in(&catalog(), Lang::En, "2022-06-01", a, m)
}

/// A micro catering business renting state-owned premises in Luntai.
fn tenant(premises: Premises) -> Answers {
    answers(
        json!({"entity_type": Some(EntityType::IndividualBusiness), "industry": Some(Industry::Catering), "jurisdiction": Some(JurisdictionId::Luntai), "premises": Some(premises), "highway_service_area": Some(false), "monthly_rent_fen": Some(200_000)}),
    )
}

fn company(taxable_income_fen: i64, tax_year: i32) -> Answers {
    answers(
        json!({"entity_type": Some(EntityType::Enterprise), "industry": Some(Industry::SoftwareIt), "employees": Some(20), "annual_revenue_fen": Some(300_000_000), "total_assets_fen": Some(500_000_000), "restricted_industry": Some(false), "tax_year": Some(tax_year), "taxable_income_fen": Some(taxable_income_fen)}),
    )
}

// ---------- 1. CIT outside the seed's bands (二(三)二; 财税〔2019〕13号; 2023年第6号) ----------

#[test]
fn a_2023_company_with_800_000_yuan_is_estimated_fully_under_the_national_rule_and_cites_it() {
    // 800,000 × 25% × 20% = 40,000 against 800,000 × 25% = 200,000: 160,000 saved.
    let r = result(
        &company(80_000_000, 2023),
        MeasureId::parse("cit-reduction").unwrap(),
    );
    assert_eq!(r.status, Status::Eligible);
    assert_eq!(r.estimate_fen, Some(16_000_000));
    let rule = r
        .reasons
        .iter()
        .find(|x| x.code == "national_rule")
        .unwrap();
    assert_eq!(rule.clause, "财政部 税务总局公告2023年第6号");
    assert!(
        r.estimate_steps[0].text.contains("not the plan"),
        "{}",
        r.estimate_steps[0].text
    );
}

#[test]
fn a_band_nobody_sets_gives_no_total_only_a_subtotal_labelled_partial() {
    // Take the national 2023 value away: the plan alone is silent on band 1 for 2023.
    let mut c = catalog();
    let p = c
        .parameters
        .iter_mut()
        .find(|p| p.id == "cit_band1_inclusion_bp")
        .unwrap();
    p.values.retain(|v| v.source.is_none());
    let r = result_in(
        &c,
        Lang::En,
        "2023-06-01",
        &company(150_000_000, 2023),
        MeasureId::parse("cit-reduction").unwrap(),
    );
    assert_eq!(r.status, Status::Eligible);
    assert_eq!(
        r.estimate_fen, None,
        "never a partial sum presented as the whole"
    );
    let last = r.estimate_steps.last().unwrap();
    assert!(last.text.contains("not the whole saving"), "{}", last.text);
    // Band 2 alone: 500,000 × 25% = 125,000 at the standard rate, against 500,000 × 25% × 20%.
    assert_eq!(last.amount_fen, Some(10_000_000));
    assert!(
        r.estimate_steps
            .iter()
            .any(|s| s.text.contains("not estimated"))
    );
}

// ---------- 2. No double rent waiver (二(二)一, 二(二)三; 发改财金〔2022〕271号) ----------

#[test]
fn a_highway_tenant_of_state_premises_gets_the_highway_waiver_only() {
    let a = merged(
        tenant(Premises::RentCountyState),
        json!({"highway_service_area": Some(true)}),
    );
    assert_eq!(
        result(&a, MeasureId::parse("rent-waiver-highway").unwrap()).status,
        Status::Eligible
    );
    let state = result(&a, MeasureId::parse("rent-waiver-state").unwrap());
    assert_eq!(state.status, Status::NotEligible);
    assert_eq!(state.estimate_fen, None);
    assert!(
        state
            .reasons
            .iter()
            .any(|r| r.met == Some(false) && r.text.contains("not waived twice"))
    );
}

// ---------- 3. Departments by this business (the seed's 职责权属) ----------

#[test]
fn state_rent_goes_to_the_landlords_department() {
    let cases = [
        (Premises::RentPrefectureSoe, vec!["sasac"], None),
        (
            Premises::RentPrefectureAgency,
            vec!["finance", "offices_admin"],
            None,
        ),
        (
            Premises::RentCountyState,
            vec!["county_government"],
            Some(JurisdictionId::Luntai),
        ),
    ];
    for (premises, departments, jurisdiction) in cases {
        let r = result(
            &tenant(premises),
            MeasureId::parse("rent-waiver-state").unwrap(),
        );
        assert_eq!(r.departments, departments, "{premises}");
        assert_eq!(r.routing.jurisdiction, jurisdiction, "{premises}");
        assert!(r.routing.narrowed_by.is_empty());
    }
    let zone = merged(
        tenant(Premises::RentCountyState),
        json!({"jurisdiction": Some(JurisdictionId::Ketdz)}),
    );
    let r = result_in(
        &catalog(),
        Lang::ZhCn,
        "2022-06-01",
        &zone,
        MeasureId::parse("rent-waiver-state").unwrap(),
    );
    assert_eq!(r.routing.jurisdiction, Some(JurisdictionId::Ketdz));
    // The zone's office as the catalog names it, the same words the request's page uses
    // (the result used to shorten it to 管委会 by a sentence of its own in the code).
    assert_eq!(r.routing.text, "库尔勒经济技术开发区管理委员会");
}

#[test]
fn while_the_landlord_is_unknown_every_candidate_is_listed_and_the_premises_answer_narrows_it() {
    let a = merged(tenant(Premises::RentCountyState), json!({"premises": null}));
    let r = result(&a, MeasureId::parse("rent-waiver-state").unwrap());
    assert_eq!(
        r.departments,
        vec!["sasac", "finance", "offices_admin", "county_government"]
    );
    assert_eq!(r.routing.narrowed_by, vec!["premises"]);
    assert!(
        r.routing.text.contains("possible deciders"),
        "{}",
        r.routing.text
    );
}

#[test]
fn utility_deferral_goes_to_the_departments_of_the_utilities_in_arrears_with_the_county() {
    let with = |list: Option<Vec<Utility>>| {
        let a = merged(
            tenant(Premises::Own),
            json!({"utilities_in_arrears": list, "epidemic_difficulty": Some(true)}),
        );
        result(&a, MeasureId::parse("utility-deferral").unwrap())
    };
    let e = with(Some(vec![Utility::Electricity]));
    assert_eq!(
        e.departments,
        vec!["ndrc", "state_grid", "county_government"]
    );
    assert_eq!(e.routing.jurisdiction, Some(JurisdictionId::Luntai));
    let wg = with(Some(vec![Utility::Water, Utility::Gas]));
    assert_eq!(
        wg.departments,
        vec!["housing", "water", "county_government"]
    );
    let unknown = with(None);
    assert_eq!(
        unknown.departments,
        vec![
            "housing",
            "ndrc",
            "water",
            "state_grid",
            "county_government"
        ]
    );
    assert_eq!(unknown.routing.narrowed_by, vec!["utilities_in_arrears"]);
}

// ---------- 4. Central, autonomous-region and 兵团 landlords ----------

#[test]
fn a_central_soe_landlord_applies_the_national_waiver_itself_and_nothing_is_filed_here() {
    let r = result(
        &tenant(Premises::RentOtherState),
        MeasureId::parse("rent-waiver-state").unwrap(),
    );
    assert_eq!(r.status, Status::Eligible);
    assert_eq!(r.how, How::Guidance);
    assert_eq!(r.application_kind, None);
    assert!(r.routing.by_landlord && r.departments.is_empty());
    assert!(r.reasons.iter().any(|x| x.code == "landlord_decides"));
    // 发改财金〔2022〕271号: 3 months outside listed counties (Luntai not yet recorded).
    assert_eq!(r.estimate_fen, Some(600_000));
}

// ---------- 5. Judged by the period the relief concerns ----------

#[test]
fn a_small_scale_taxpayer_asking_in_january_2023_about_the_fourth_quarter_is_eligible() {
    let a = answers(
        json!({"vat_taxpayer": Some(VatTaxpayer::SmallScale), "quarterly_sales_fen": Some(50_000_000), "quarterly_sales_at_3pct_fen": Some(50_000_000)}),
    );
    let r = result_in(
        &catalog(),
        Lang::En,
        "2023-01-15",
        &a,
        MeasureId::parse("vat-exemption").unwrap(),
    );
    assert_eq!(r.status, Status::Eligible);
    assert_eq!(r.reasons[0].code, "relief_period");
}

#[test]
fn the_day_of_asking_decides_only_whether_requests_are_accepted() {
    let a = tenant(Premises::RentCountyState);
    let c = catalog();
    let open = result_in(
        &c,
        Lang::En,
        "2022-12-31",
        &a,
        MeasureId::parse("rent-waiver-state").unwrap(),
    );
    let closed = result_in(
        &c,
        Lang::En,
        "2023-01-01",
        &a,
        MeasureId::parse("rent-waiver-state").unwrap(),
    );
    assert_eq!(
        (open.status, closed.status),
        (Status::Eligible, Status::Eligible)
    );
    assert!(open.application_window.as_ref().unwrap().open);
    let w = closed.application_window.unwrap();
    assert!(!w.open);
    assert!(w.text.contains("closed"), "{}", w.text);
    // Self-declared measures have no window: nothing is filed here.
    assert!(
        result(&a, MeasureId::parse("vat-exemption").unwrap())
            .application_window
            .is_none()
    );
}

// ---------- 6. Sources cited right ----------

#[test]
fn the_six_taxes_and_unemployment_periods_cite_their_national_documents() {
    let a = answers(
        json!({"vat_taxpayer": Some(VatTaxpayer::SmallScale), "tax_year": Some(2022), "pays_unemployment_insurance": Some(true)}),
    );
    let six = result(&a, MeasureId::parse("six-taxes-two-fees").unwrap());
    assert_eq!(six.reasons[0].clause, "财政部 税务总局公告2022年第10号");
    assert!(
        six.reasons[0].text.contains("national document"),
        "{}",
        six.reasons[0].text
    );
    let ui = result(&a, MeasureId::parse("unemployment-insurance-rate").unwrap());
    assert_eq!(ui.reasons[0].clause, "人社部发〔2022〕23号");
}

// ---------- 7. Six taxes and two fees: last year's settlement (2022年第10号) ----------

#[test]
fn a_company_qualifies_for_the_six_taxes_by_last_years_settlement_not_this_years_figures() {
    let this_year_small = merged(
        company(10_000_000, 2022),
        json!({"vat_taxpayer": Some(VatTaxpayer::General), "prior_year_small_low_profit": Some(false)}),
    );
    assert_eq!(
        result(
            &this_year_small,
            MeasureId::parse("six-taxes-two-fees").unwrap()
        )
        .status,
        Status::NotEligible
    );
    let settled = merged(
        this_year_small,
        json!({"prior_year_small_low_profit": Some(true)}),
    );
    assert_eq!(
        result(&settled, MeasureId::parse("six-taxes-two-fees").unwrap()).status,
        Status::Eligible
    );
    // Small-scale taxpayers and individual businesses qualify regardless.
    let ib = answers(
        json!({"entity_type": Some(EntityType::IndividualBusiness), "vat_taxpayer": Some(VatTaxpayer::General), "tax_year": Some(2022)}),
    );
    assert_eq!(
        result(&ib, MeasureId::parse("six-taxes-two-fees").unwrap()).status,
        Status::Eligible
    );
}

// ---------- 8. VAT: all of the quarter's sales count for the threshold (2021年第11号) ----------

#[test]
fn sales_at_5_percent_count_towards_the_threshold_and_sales_above_the_small_scale_limit_are_not_estimated()
 {
    let sales = |all: i64, at_3pct: i64| {
        let a = answers(
            json!({"vat_taxpayer": Some(VatTaxpayer::SmallScale), "quarterly_sales_fen": Some(all), "quarterly_sales_at_3pct_fen": Some(at_3pct)}),
        );
        result(&a, MeasureId::parse("vat-exemption").unwrap())
    };
    assert_eq!(
        sales(50_000_000, 40_000_000).estimate_fen,
        Some(3 * 1_200_000)
    );
    assert_eq!(sales(45_000_000, 40_000_000).estimate_fen, Some(0));
    // 1,250,000.01 yuan a quarter is above 5,000,000 a year (财税〔2018〕33号).
    let big = sales(125_000_001, 40_000_000);
    assert_eq!(big.status, Status::Eligible);
    assert_eq!(big.estimate_fen, None);
    assert!(
        big.reasons
            .iter()
            .any(|r| r.code == "small_scale_limit" && r.clause == "财税〔2018〕33号")
    );
    assert_eq!(
        sales(125_000_000, 40_000_000).estimate_fen,
        Some(3 * 1_200_000)
    );
}

#[test]
fn sales_at_3_percent_larger_than_all_sales_are_refused_naming_the_field() {
    let a = answers(
        json!({"quarterly_sales_fen": Some(100), "quarterly_sales_at_3pct_fen": Some(101)}),
    );
    let err = catalog().check_answers(&a, "answers.").unwrap_err();
    assert_eq!(err.field, "answers.quarterly_sales_at_3pct_fen");
}

// ---------- 11. Who pays enterprise income tax (企业所得税法 art. 1) ----------

#[test]
fn sole_proprietorships_and_partnerships_are_enterprises_for_size_but_save_no_enterprise_income_tax()
 {
    for entity in [EntityType::SoleProprietorship, EntityType::Partnership] {
        let a = merged(
            company(80_000_000, 2022),
            json!({"entity_type": Some(entity), "epidemic_difficulty": Some(true), "utilities_in_arrears": Some(vec![Utility::Water]), "jurisdiction": Some(JurisdictionId::Korla)}),
        );
        let cit = result(&a, MeasureId::parse("cit-reduction").unwrap());
        assert_eq!(
            (cit.status, cit.estimate_fen),
            (Status::NotEligible, None),
            "{entity}"
        );
        assert_eq!(
            result(&a, MeasureId::parse("utility-deferral").unwrap()).status,
            Status::Eligible,
            "{entity}"
        );
    }
    // The existing wire value keeps working and now means a company.
    assert_eq!(
        result(
            &company(80_000_000, 2022),
            MeasureId::parse("cit-reduction").unwrap()
        )
        .status,
        Status::Eligible
    );
}

// ---------- 13. Words owners read ----------

#[test]
fn english_text_has_no_full_width_punctuation_and_chinese_reads_as_asked() {
    let c = catalog();
    for m in &c.measures {
        for text in [
            &m.title.get(shared::Lang::En),
            &m.summary.get(shared::Lang::En),
            &m.steps.get(shared::Lang::En),
        ] {
            assert!(
                !text.chars().any(|ch| "：，；（）“”、。".contains(ch)),
                "{}: {text}",
                m.id
            );
        }
    }
    let summary = &c
        .measure(MeasureId::parse("electricity-subsidy").unwrap())
        .unwrap()
        .summary
        .get(shared::Lang::En);
    assert!(summary.starts_with("Counties that can afford it may subsidise SMEs' electricity"));
    use shared::i18n::{answer_label, value_label};
    assert_eq!(
        answer_label(&c, Lang::ZhCn, "epidemic_difficulty"),
        "是否受疫情影响暂时出现生产经营困难"
    );
    assert_eq!(
        value_label(&c, Lang::ZhCn, "industry", Industry::Industry.as_str()),
        "工业（采矿业，制造业，电力、热力、燃气及水生产和供应业）"
    );
    assert_eq!(
        answer_label(&c, Lang::ZhCn, "six_taxes_two_fees_due_fen"),
        "全年应缴“六税两费”（减征前）"
    );
    let bohu = answers(
        json!({"entity_type": Some(EntityType::Enterprise), "industry": Some(Industry::Retail), "employees": Some(5), "annual_revenue_fen": Some(100_000_000), "jurisdiction": Some(JurisdictionId::Bohu)}),
    );
    let zh = result_in(
        &c,
        Lang::ZhCn,
        "2022-06-01",
        &bohu,
        MeasureId::parse("electricity-subsidy").unwrap(),
    );
    assert!(
        zh.reasons
            .iter()
            .any(|r| r.text.contains("主管部门尚未录入博湖县的情况"))
    );
    let en = result(&bohu, MeasureId::parse("utility-deferral").unwrap());
    assert!(
        en.reasons
            .iter()
            .any(|r| r.text.starts_with("For micro and small enterprises")),
        "{:?}",
        en.reasons
    );
}

#[test]
fn the_vat_step_reads_quarterly_exemption_first() {
    let a = answers(
        json!({"vat_taxpayer": Some(VatTaxpayer::SmallScale), "quarterly_sales_fen": Some(60_000_000), "quarterly_sales_at_3pct_fen": Some(60_000_000)}),
    );
    let r = result_in(
        &catalog(),
        Lang::ZhCn,
        "2022-06-01",
        &a,
        MeasureId::parse("vat-exemption").unwrap(),
    );
    assert_eq!(
        r.estimate_steps[0].text,
        "每季度免征增值税：适用3%征收率的季度销售额 600,000.00 元 × 3%"
    );
}

// ---------- 15. The size standard, every row (工信部联企业〔2011〕300号) ----------

#[test]
fn every_row_of_the_size_standard_classes_at_each_lower_limit_and_one_either_side() {
    use shared::catalog::SizeClass;
    use shared::eligibility::size::size_class;
    use shared::money::FEN_PER_WAN;
    let c = catalog();
    let mut checked = 0;
    for row in &c.size_standard.rows {
        let industry = row.industries[0];
        for (class, limits, below) in [
            (SizeClass::Large, row.large, SizeClass::Medium),
            (SizeClass::Medium, row.medium, SizeClass::Small),
            (SizeClass::Small, row.small, SizeClass::Micro),
        ] {
            // Exactly at every lower limit of the class, and nothing else holding it back.
            let at = answers(
                json!({"industry": Some(industry), "employees": Some(limits.employees.unwrap_or(0)), "annual_revenue_fen": Some(limits.revenue_wan.unwrap_or(0) * FEN_PER_WAN), "total_assets_fen": Some(limits.assets_wan.unwrap_or(0) * FEN_PER_WAN)}),
            );
            // The larger classes' limits are above these, so exactly this class.
            assert_eq!(
                size_class(&c.size_standard, &at),
                Some(class),
                "{industry} at {class}"
            );
            if let Some(e) = limits.employees {
                let fewer = merged(at.clone(), json!({"employees": Some(e - 1)}));
                let more = merged(at.clone(), json!({"employees": Some(e + 1)}));
                assert_eq!(
                    size_class(&c.size_standard, &fewer),
                    Some(below),
                    "{industry}: one person below {class}"
                );
                assert_eq!(
                    size_class(&c.size_standard, &more),
                    Some(class),
                    "{industry}: one person above {class}"
                );
                checked += 1;
            }
            if let Some(w) = limits.revenue_wan {
                let less = merged(
                    at.clone(),
                    json!({"annual_revenue_fen": Some(w * FEN_PER_WAN - 1)}),
                );
                let more = merged(
                    at.clone(),
                    json!({"annual_revenue_fen": Some(w * FEN_PER_WAN + 1)}),
                );
                assert_eq!(
                    size_class(&c.size_standard, &less),
                    Some(below),
                    "{industry}: one fen of revenue below {class}"
                );
                assert_eq!(
                    size_class(&c.size_standard, &more),
                    Some(class),
                    "{industry}: one fen above {class}"
                );
                checked += 1;
            }
            if let Some(w) = limits.assets_wan {
                let less = merged(
                    at.clone(),
                    json!({"total_assets_fen": Some(w * FEN_PER_WAN - 1)}),
                );
                assert_eq!(
                    size_class(&c.size_standard, &less),
                    Some(below),
                    "{industry}: one fen of assets below {class}"
                );
                checked += 1;
            }
        }
    }
    // 15 rows × 3 classes, every limit given: at least one limit each.
    assert!(checked >= 45, "{checked}");
}

// ---------- every parameter is read ----------

#[test]
fn every_catalog_parameter_changes_some_result_when_its_value_changes() {
    // Luntai recorded as listed, so the risk-area months are read too.
    let mut base = catalog();
    for j in &mut base.jurisdictions {
        if j.id == JurisdictionId::Luntai {
            j.medium_high_risk_2022 = Some(true);
        }
    }
    let businesses = businesses();
    let render = |c: &Catalog| -> Vec<String> {
        businesses
            .iter()
            .map(|(day, a)| {
                let e = evaluate(c, a, day.parse().unwrap());
                serde_json::to_string(&EligibilityResponse::render(c, &e, Lang::En)).unwrap()
            })
            .collect()
    };
    let before = render(&base);
    let ids: Vec<ParamId> = base.parameters.iter().map(|p| p.id.clone()).collect();
    for id in ids {
        let mut c = base.clone();
        let p = c.parameters.iter_mut().find(|p| p.id == id).unwrap();
        if p.values.is_empty() {
            // A redacted amount: recording one must show.
            p.values.push(shared::catalog::Dated {
                from: "2022-01-01".parse().unwrap(),
                to: None,
                value: 100_000,
                source: None,
            });
        } else {
            for v in &mut p.values {
                v.value = if v.value > 1 {
                    v.value - 1
                } else {
                    v.value + 1
                };
            }
        }
        assert!(render(&c) != before, "parameter {id} is read by nothing");
    }
}

/// A business for every measure, with what each calculator needs.
fn businesses() -> Vec<(&'static str, Answers)> {
    let base = answers(
        json!({"entity_type": Some(EntityType::Enterprise), "industry": Some(Industry::Retail), "employees": Some(300), "annual_revenue_fen": Some(100_000_000), "total_assets_fen": Some(5_000_000_000_i64), "jurisdiction": Some(JurisdictionId::Luntai), "vat_taxpayer": Some(VatTaxpayer::SmallScale), "quarterly_sales_fen": Some(125_000_000), "quarterly_sales_at_3pct_fen": Some(45_000_000), "tax_year": Some(2022), "taxable_income_fen": Some(300_000_000), "restricted_industry": Some(false), "six_taxes_two_fees_due_fen": Some(300_001), "premises": Some(Premises::RentOtherState), "highway_service_area": Some(false), "monthly_rent_fen": Some(300_000), "tax_filing_difficulty": Some(true), "training_base_level": Some(Level::National), "skill_master_studio_level": Some(Level::Provincial)}),
    );
    let listed_highway = merged(
        base.clone(),
        json!({"highway_service_area": Some(true), "premises": Some(Premises::RentCountyState), "training_base_level": Some(Level::Provincial)}),
    );
    vec![
        ("2022-06-01", base.clone()),
        ("2022-06-01", listed_highway),
        (
            "2021-06-01",
            merged(base.clone(), json!({"tax_year": Some(2021)})),
        ),
        (
            "2022-06-01",
            merged(
                base.clone(),
                json!({"quarterly_sales_fen": Some(45_000_000)}),
            ),
        ),
        (
            "2022-06-01",
            merged(base.clone(), json!({"employees": Some(301)})),
        ),
        (
            "2022-06-01",
            merged(
                base.clone(),
                json!({"premises": Some(Premises::RentCountyState)}),
            ),
        ),
        (
            "2022-06-01",
            merged(base, json!({"jurisdiction": Some(JurisdictionId::Yuli)})),
        ),
    ]
}
