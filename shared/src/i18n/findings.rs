//! The sentence of each finding (a reason of a result), in zh-CN and English.

use super::{
    Label, Lang, amount_of, and_list, answer_label, jurisdiction_name, not_answered, sentence,
    value_label, yes_no, your,
};
use crate::answers::{AnswerValue, JurisdictionId, keys};
use crate::catalog::{Catalog, JurisdictionFact, PeriodBasis};

/// How a period's basis is said after its span.
fn basis_note(lang: Lang, basis: PeriodBasis, source: Option<&str>) -> String {
    match (basis, lang, source) {
        (PeriodBasis::OurReading, Lang::ZhCn, _) => {
            "（原文未写明截止时间，此为本系统的理解）".to_string()
        }
        (PeriodBasis::OurReading, Lang::En, _) => {
            " (the plan gives no end; this is our reading)".to_string()
        }
        (PeriodBasis::National, Lang::ZhCn, Some(doc)) => {
            format!("（期限依据国家文件：{doc}，非本方案）")
        }
        (PeriodBasis::National, Lang::En, Some(doc)) => {
            format!(" (the period is set by the national document {doc}, not by the plan)")
        }
        (PeriodBasis::Recorded, Lang::ZhCn, _) => "（由管理员登记）".to_string(),
        (PeriodBasis::Recorded, Lang::En, _) => " (recorded by an administrator)".to_string(),
        _ => String::new(),
    }
}
use crate::eligibility::Finding;

/// A unit's name; when what is said of it was recorded for the area it lies within, that
/// area is named too ("库尔勒经济技术开发区（随库尔勒市）").
fn unit_name(
    catalog: &Catalog,
    lang: Lang,
    j: JurisdictionId,
    recorded_for: Option<JurisdictionId>,
) -> String {
    let name = jurisdiction_name(catalog, lang, j);
    match recorded_for {
        Some(outer) => {
            let outer = jurisdiction_name(catalog, lang, outer);
            match lang {
                Lang::ZhCn => format!("{name}（位于{outer}县级行政区域内，随{outer}）"),
                Lang::En => format!("{name} (as {outer}, the county-level area it lies within)"),
            }
        }
        None => name,
    }
}

/// A value of a list answer in the catalog's words: a unit's name for the jurisdiction, a
/// value's label otherwise.
fn choice_text(catalog: &Catalog, lang: Lang, key: &str, value: &str) -> String {
    let question = catalog.question(key);
    match question.map(|q| &q.answer) {
        Some(crate::catalog::QuestionKind::Jurisdiction { .. }) => {
            match <JurisdictionId as crate::wire::WireName>::from_wire(value) {
                Some(j) => jurisdiction_name(catalog, lang, j),
                None => value.to_string(),
            }
        }
        _ => value_label(catalog, lang, key, value).to_string(),
    }
}

/// Values of a list answer in the catalog's words, as a list (`水、电`).
fn choices_text<'v>(
    catalog: &Catalog,
    lang: Lang,
    key: &str,
    values: impl IntoIterator<Item = &'v str>,
) -> String {
    values
        .into_iter()
        .map(|v| choice_text(catalog, lang, key, v))
        .collect::<Vec<_>>()
        .join(lang.pick("、", ", "))
}

/// A list answer against the values a condition allows: the requirement (the condition's
/// words, the question's, or "label须为：…"), then the answer given.
fn answer_in_text(
    catalog: &Catalog,
    lang: Lang,
    key: &str,
    allowed: &[String],
    actual: Option<&AnswerValue>,
    says: Option<&crate::catalog::L10n>,
) -> String {
    let label = answer_label(catalog, lang, key);
    let values = choices_text(catalog, lang, key, allowed.iter().map(String::as_str));
    let words = says.or_else(|| catalog.question(key).and_then(|q| q.requirement.as_ref()));
    let requirement = match (words, lang) {
        (Some(w), _) => w.get(lang).replace("{values}", &values),
        (None, Lang::ZhCn) => format!("{label}须为：{values}"),
        (None, Lang::En) => format!("{label} must be: {values}"),
    };
    let given = match actual {
        Some(AnswerValue::Values(list)) if list.is_empty() => {
            lang.pick("您未选择任何一项", "you named none").to_string()
        }
        Some(AnswerValue::Values(list)) => your(
            lang,
            label,
            Some(choices_text(
                catalog,
                lang,
                key,
                list.iter().map(String::as_str),
            )),
        ),
        Some(AnswerValue::Value(v)) => your(lang, label, Some(choice_text(catalog, lang, key, v))),
        Some(other) => your(lang, label, Some(other.to_json().to_string())),
        // A list of several is said unanswered as such; a single answer by its name.
        None if catalog.question(key).is_some_and(|q| {
            matches!(q.answer, crate::catalog::QuestionKind::SeveralOf { .. })
        }) =>
        {
            not_answered(lang).to_string()
        }
        None => your(lang, label, None),
    };
    sentence(lang, requirement, given)
}

/// The sentence of a reason, in one language.
pub fn finding_text(
    catalog: &Catalog,
    lang: Lang,
    finding: &Finding<'_>,
    met: Option<bool>,
) -> String {
    use Lang::{En, ZhCn};
    match finding {
        Finding::Period {
            from,
            to,
            basis,
            source,
            as_of,
        } => {
            let span = match (lang, to) {
                (ZhCn, Some(to)) => format!("{from} 至 {to}"),
                (ZhCn, None) => format!("自 {from} 起"),
                (En, Some(to)) => format!("{from} to {to}"),
                (En, None) => format!("from {from}"),
            };
            let ours = basis_note(lang, *basis, *source);
            let verdict = match (met, lang) {
                (Some(true), ZhCn) => format!("按 {as_of} 计算，正在执行期内"),
                (Some(true), En) => format!("on {as_of} it is in effect"),
                (_, ZhCn) => format!("按 {as_of} 计算，不在执行期内"),
                (_, En) => format!("on {as_of} it is not in effect"),
            };
            sentence(
                lang,
                match lang {
                    ZhCn => format!("执行期：{span}{ours}"),
                    En => format!("In effect {span}{ours}"),
                },
                verdict,
            )
        }
        Finding::TaxYear {
            tax_year,
            from_year,
            to_year,
            basis,
            source,
        } => {
            let span = match (lang, to_year) {
                (ZhCn, Some(t)) => format!(" {from_year}—{t} 纳税年度"),
                (ZhCn, None) => format!(" {from_year} 纳税年度起"),
                (En, Some(t)) => format!("tax years {from_year}–{t}"),
                (En, None) => format!("tax years from {from_year}"),
            };
            let answer = match (tax_year, met, lang) {
                (None, _, _) => your(lang, answer_label(catalog, lang, keys::TAX_YEAR), None),
                (Some(y), Some(false), ZhCn) => format!("所问 {y} 年度不在其中，对此未作规定"),
                (Some(y), Some(false), En) => {
                    format!("{y} is outside them, and nothing is set for it")
                }
                (Some(y), _, ZhCn) => format!("所问纳税年度：{y}"),
                (Some(y), _, En) => format!("the tax year asked about: {y}"),
            };
            sentence(
                lang,
                match lang {
                    ZhCn => format!("按纳税年度判断，适用于{span}{}", basis_note(lang, *basis, *source)),
                    En => format!("Judged by tax year; applies to {span}{}", basis_note(lang, *basis, *source)),
                },
                answer,
            )
        }
        Finding::ReliefPeriod {
            from,
            to,
            basis,
            source,
        } => {
            let span = match (lang, to) {
                (ZhCn, Some(to)) => format!("{from} 至 {to}"),
                (ZhCn, None) => format!("自 {from} 起"),
                (En, Some(to)) => format!("{from} to {to}"),
                (En, None) => format!("from {from}"),
            };
            let ours = basis_note(lang, *basis, *source);
            match lang {
                ZhCn => format!("本项按 {span} 这段时间计算{ours}，不看您哪天查询"),
                En => format!("This relief concerns {span}{ours}; it is judged by that period, whatever the day you ask"),
            }
        }
        Finding::LandlordDecides { says } => match says {
            Some(words) => words.get(lang).to_string(),
            None => lang
                .pick(
                    "由出租方自行办理，本系统不受理此类申请",
                    "The landlord itself decides; such requests are not filed here",
                )
                .to_string(),
        },
        Finding::NationalRule { tax_year } => match lang {
            ZhCn => format!("{tax_year} 纳税年度的部分计算依据国家后续出台的政策（非本方案），见所引文件"),
            En => format!("For tax year {tax_year}, part of the calculation rests on a later national rule (not this plan), cited here"),
        },
        Finding::SmallScaleLimit {
            annual_sales,
            limit,
        } => match lang {
            ZhCn => format!(
                "按所填季度销售额，全年约 {}，超过小规模纳税人年应税销售额标准 {}：通常应登记为一般纳税人，请核实登记类型，本项不作估算",
                super::yuan(lang, *annual_sales),
                super::yuan(lang, *limit)
            ),
            En => format!(
                "Your quarterly sales come to about {} a year, above the small-scale limit of {}: such a business normally registers as a general taxpayer, so check your registration (no estimate)",
                super::yuan(lang, *annual_sales),
                super::yuan(lang, *limit)
            ),
        },
        Finding::Informative { note, inner } => {
            let inner = finding_text(catalog, lang, inner, met);
            match lang {
                ZhCn => format!("{}：{inner}", note.get(lang)),
                En => format!("{}: {inner}", note.get(lang)),
            }
        }
        Finding::AnswerIn {
            answer,
            allowed,
            actual,
            says,
        } => answer_in_text(catalog, lang, answer, allowed, *actual, *says),
        Finding::Business {
            sizes,
            individual_business,
            entity_type,
            size_class,
        } => {
            let sizes = and_list(lang, sizes);
            let requirement = match (lang, individual_business) {
                (ZhCn, true) => format!("适用对象：{sizes}企业和个体工商户（个体工商户不论规模）"),
                (ZhCn, false) => format!("适用对象：{sizes}企业"),
                (En, true) => format!(
                    "For {sizes} enterprises, and individual businesses of any size"
                ),
                (En, false) => format!("For {sizes} enterprises"),
            };
            let answer = match (entity_type, size_class, lang) {
                (None, _, _) => your(lang, answer_label(catalog, lang, keys::ENTITY_TYPE), None),
                (Some(e), Some(c), ZhCn) if e.is_enterprise() => {
                    format!("按划型标准，您的企业为{}企业", c.label(lang))
                }
                (Some(e), Some(c), En) if e.is_enterprise() => {
                    format!("by the size standard yours is a {} enterprise", c.label(lang))
                }
                (Some(e), None, ZhCn) if e.is_enterprise() => {
                    "企业规模尚不能确定：请填写行业、从业人数、营业收入或资产总额".to_string()
                }
                (Some(e), None, En) if e.is_enterprise() => {
                    "the enterprise's size cannot be told yet: give its industry, employees, revenue or assets"
                        .to_string()
                }
                (Some(e), _, _) => your(lang, answer_label(catalog, lang, keys::ENTITY_TYPE), Some(value_label(catalog, lang, keys::ENTITY_TYPE, e.as_str()).to_string())),
            };
            sentence(lang, requirement, answer)
        }
        Finding::ServiceSector { industry } => sentence(
            lang,
            lang.pick(
                "适用于服务业（第三产业：农林牧渔业、工业、建筑业以外的行业）",
                "For the service sector (every industry but agriculture, industry and construction)",
            )
            .to_string(),
            your(lang, answer_label(catalog, lang, keys::INDUSTRY), industry.map(|i| value_label(catalog, lang, keys::INDUSTRY, i.as_str()).to_string())),
        ),
        Finding::Answer {
            answer: keys::HIGHWAY_SERVICE_AREA,
            expected: false,
            actual,
        } => sentence(
            lang,
            lang.pick(
                "高速公路服务区的租户按二(二)三减免租金，同一租约不重复享受本项",
                "Tenants in a highway service area are covered by 二(二)三 instead; the same lease is not waived twice",
            )
            .to_string(),
            match (actual, lang) {
                (Some(v), ZhCn) => format!("是否在高速公路服务区经营：{}", yes_no(lang, *v)),
                (Some(v), En) => format!("in a highway service area: {}", yes_no(lang, *v)),
                (None, _) => not_answered(lang).to_string(),
            },
        ),
        Finding::Answer {
            answer,
            expected,
            actual,
        } => sentence(
            lang,
            match lang {
                ZhCn => format!("条件：{}——{}", answer_label(catalog, lang, answer), yes_no(lang, *expected)),
                En => format!("Requires “{}”: {}", answer_label(catalog, lang, answer), yes_no(lang, *expected)),
            },
            match (actual, lang) {
                (Some(v), ZhCn) => format!("您的回答：{}", yes_no(lang, *v)),
                (Some(v), En) => format!("you answered {}", yes_no(lang, *v)),
                (None, _) => not_answered(lang).to_string(),
            },
        ),
        Finding::JurisdictionFact {
            fact,
            jurisdiction,
            value,
            recorded_for,
        } => {
            let what = match fact {
                JurisdictionFact::ElectricitySubsidy => lang.pick(
                    "所在县市须已出台中小微企业用电阶段性财政补贴",
                    "The county must have adopted the SME electricity subsidy",
                ),
                JurisdictionFact::MediumHighRisk2022 => lang.pick(
                    "所在县市2022年被列为疫情中高风险地区",
                    "The county was listed as a medium/high-risk area in 2022",
                ),
            };
            let answer = match (jurisdiction, value, lang) {
                (None, _, _) => your(lang, answer_label(catalog, lang, keys::JURISDICTION), None),
                (Some(JurisdictionId::Other), _, ZhCn) => "您在巴州以外经营".to_string(),
                (Some(JurisdictionId::Other), _, En) => "you operate outside the prefecture".to_string(),
                (Some(j), None, ZhCn) => format!(
                    "主管部门尚未录入{}的情况",
                    jurisdiction_name(catalog, lang, *j)
                ),
                (Some(j), None, En) => format!(
                    "not yet recorded by an administrator for {}",
                    jurisdiction_name(catalog, lang, *j)
                ),
                (Some(j), Some(v), ZhCn) => format!(
                    "据主管部门录入，{}：{}",
                    unit_name(catalog, lang, *j, *recorded_for),
                    yes_no(lang, *v)
                ),
                (Some(j), Some(v), En) => format!(
                    "recorded for {}: {}",
                    unit_name(catalog, lang, *j, *recorded_for),
                    yes_no(lang, *v)
                ),
            };
            sentence(lang, what.to_string(), answer)
        }
        Finding::AtMost {
            answer,
            limit,
            actual,
        } => {
            let requirement = match (limit, lang) {
                (Some(l), ZhCn) => format!("{}不超过 {}", answer_label(catalog, lang, answer), amount_of(catalog, lang, answer, *l)),
                (Some(l), En) => format!("{} at most {}", answer_label(catalog, lang, answer), amount_of(catalog, lang, answer, *l)),
                (None, ZhCn) => format!("{}的上限：原文对该日期未作规定", answer_label(catalog, lang, answer)),
                (None, En) => format!("{}: the plan sets no limit for this date", answer_label(catalog, lang, answer)),
            };
            sentence(
                lang,
                requirement,
                your(lang, answer_label(catalog, lang, answer), actual.map(|v| amount_of(catalog, lang, answer, v))),
            )
        }
        Finding::InEffectFrom { from, as_of } => match (met, lang) {
            (Some(true), ZhCn) => format!("该项自 {from} 起执行；按 {as_of} 计算，已经执行"),
            (Some(true), En) => format!("This part applies from {from}; in force on {as_of}"),
            (_, ZhCn) => format!("该项自 {from} 起执行；按 {as_of} 计算，尚未执行"),
            (_, En) => format!("This part applies from {from}; not yet in force on {as_of}"),
        },
        Finding::RiskAreaListed {
            jurisdiction,
            listed,
            recorded_for,
        } => {
            let name = unit_name(catalog, lang, *jurisdiction, *recorded_for);
            match (listed, lang) {
                (Some(true), ZhCn) => format!("{name}2022年被列为疫情中高风险地区：在原减免6个月基础上再减免1个月"),
                (Some(true), En) => format!("{name} was listed as a medium/high-risk area in 2022: one month more on top of six"),
                (Some(false), ZhCn) => format!("{name}2022年未被列为疫情中高风险地区：按国家基本政策减免"),
                (Some(false), En) => format!("{name} was not listed as a medium/high-risk area in 2022: the national base rule applies"),
                (None, ZhCn) => format!("{name}2022年是否被列为疫情中高风险地区，主管部门尚未录入：暂按国家基本政策估算"),
                (None, En) => format!("Whether {name} was listed as a medium/high-risk area in 2022 is not yet recorded: estimated under the national base rule for now"),
            }
        }
    }
}

/// What a finding requires, without what was answered: its sentence up to the answer (for
/// pages that explain a measure to everyone, before anyone answers).
pub fn requirement_text(catalog: &Catalog, lang: Lang, finding: &Finding<'_>) -> String {
    let whole = finding_text(catalog, lang, finding, None);
    match whole.rsplit_once(lang.pick("；", "; ")) {
        Some((requirement, _)) => requirement.to_string(),
        None => whole,
    }
}
