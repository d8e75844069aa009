//! The sentence of each calculation step, in zh-CN and English.

use super::{Lang, yuan};
use crate::eligibility::calc::{RentBasis, Shown, Step, StepLine};
use crate::money::Fen;

fn band_span(lang: Lang, lower: Fen, upper: Fen) -> String {
    match (lower, lang) {
        (0, Lang::ZhCn) => format!("不超过 {}的部分", yuan(lang, upper)),
        (0, Lang::En) => format!("the part up to {}", yuan(lang, upper)),
        (_, Lang::ZhCn) => format!(
            "超过 {}但不超过 {}的部分",
            yuan(lang, lower),
            yuan(lang, upper)
        ),
        (_, Lang::En) => format!(
            "the part over {} up to {}",
            yuan(lang, lower),
            yuan(lang, upper)
        ),
    }
}

/// A line of a measure's formula: its sentence (or its `silent` words) in the catalog, each
/// `{name}` replaced by the value `name` as its unit shows it.
fn line_text(
    catalog: &crate::catalog::Catalog,
    lang: Lang,
    measure: crate::catalog::MeasureId,
    line: usize,
    silent: bool,
    values: &[(String, Shown)],
) -> String {
    let Some(l) = catalog
        .measure(measure)
        .and_then(|m| m.estimate.as_ref())
        .and_then(|f| f.lines.get(line))
    else {
        return String::new();
    };
    let words = match (&l.silent, silent) {
        (Some(w), true) => w,
        _ => &l.says,
    };
    let mut text = words.get(lang).to_string();
    for (name, value) in values {
        let shown = match value {
            Shown::Fen(v) => yuan(lang, *v),
            Shown::Rate(v) => format!(
                "{}%",
                crate::money::Bp(u32::try_from(*v).unwrap_or(0)).percent()
            ),
            Shown::Number(v) => v.to_string(),
            Shown::Choice { answer, value } => {
                super::value_label(catalog, lang, answer, value).to_string()
            }
        };
        text = text.replace(&format!("{{{name}}}"), &shown);
    }
    text
}

/// The sentence of a calculation step, in one language.
pub fn step_text(catalog: &crate::catalog::Catalog, lang: Lang, step: &Step) -> String {
    use Lang::{En, ZhCn};
    match step {
        Step::NeedAnswer { answer } => match lang {
            ZhCn => format!("填写“{}”后可估算金额", super::answer_label(catalog, lang, answer)),
            En => format!("Answer “{}” for an estimate", super::answer_label(catalog, lang, answer)),
        },
        Step::CitCounted {
            part,
            lower,
            upper,
            inclusion,
            ..
        } => match lang {
            ZhCn => format!(
                "应纳税所得额{}为 {}，减按 {}% 计入",
                band_span(lang, *lower, *upper),
                yuan(lang, *part),
                inclusion.percent()
            ),
            En => format!(
                "Of taxable income, {} is {}, counted at {}%",
                band_span(lang, *lower, *upper),
                yuan(lang, *part),
                inclusion.percent()
            ),
        },
        Step::CitTaxed { rate, .. } => match lang {
            ZhCn => format!("按 {}% 税率缴纳企业所得税", rate.percent()),
            En => format!("taxed at {}%", rate.percent()),
        },
        Step::CitStandard { rate, .. } => match lang {
            ZhCn => format!("同一部分按标准税率 {}% 应缴", rate.percent()),
            En => format!(
                "the same part at the standard {}% would owe",
                rate.percent()
            ),
        },
        Step::CitBandSilent {
            lower,
            upper,
            tax_year,
            ..
        } => match lang {
            ZhCn => format!(
                "{}：本方案及已录入的国家政策均未对 {tax_year} 纳税年度作出规定，不作估算",
                band_span(lang, *lower, *upper)
            ),
            En => format!(
                "For {}, neither the plan nor a national rule recorded here sets a share for tax year {tax_year}: not estimated",
                band_span(lang, *lower, *upper)
            ),
        },
        Step::Saving => lang.pick("合计少缴", "Saved in all").to_string(),
        Step::PartialSaving => lang
            .pick(
                "以上仅为可估算部分的小计，并非全部减免，不作合计",
                "Subtotal of the parts that can be estimated only: not the whole saving, so no total is given",
            )
            .to_string(),
        Step::VatBelowThreshold { sales, threshold } => match lang {
            ZhCn => format!(
                "季度销售额 {} 未超过 {}，此前已按财政部 税务总局公告2021年第11号免征，本项不再增加减免",
                yuan(lang, *sales),
                yuan(lang, *threshold)
            ),
            En => format!(
                "Quarterly sales of {} do not exceed {}: already exempt under MOF/STA Announcement 2021 No. 11, so this measure adds nothing",
                yuan(lang, *sales),
                yuan(lang, *threshold)
            ),
        },
        Step::VatPerQuarter { sales, rate } => match lang {
            ZhCn => format!(
                "每季度免征增值税：适用3%征收率的季度销售额 {} × {}%",
                yuan(lang, *sales),
                rate.percent()
            ),
            En => format!(
                "VAT exempted per quarter: quarterly sales at the 3% rate of {} × {}%",
                yuan(lang, *sales),
                rate.percent()
            ),
        },
        Step::VatAboveSmallScaleLimit {
            annual_sales,
            limit,
        } => match lang {
            ZhCn => format!(
                "全年销售额约 {}，超过小规模纳税人标准 {}：不作估算",
                yuan(lang, *annual_sales),
                yuan(lang, *limit)
            ),
            En => format!(
                "Sales of about {} a year exceed the small-scale limit of {}: not estimated",
                yuan(lang, *annual_sales),
                yuan(lang, *limit)
            ),
        },
        Step::VatQuarters { quarters } => match lang {
            ZhCn => format!("× 执行期内 {quarters} 个季度"),
            En => format!("× {quarters} quarters in the period"),
        },
        Step::RentMonths {
            rent,
            months,
            basis,
        } => {
            let r = yuan(lang, *rent);
            match (basis, lang) {
                (RentBasis::RiskArea, ZhCn) => {
                    format!("月租金 {r} × {months} 个月（原6个月再加1个月）")
                }
                (RentBasis::RiskArea, En) => {
                    format!("Monthly rent {r} × {months} months (six plus one)")
                }
                (RentBasis::NationalBase, ZhCn) => {
                    format!("月租金 {r} × {months} 个月（国家基本政策）")
                }
                (RentBasis::NationalBase, En) => {
                    format!("Monthly rent {r} × {months} months (national base rule)")
                }
                (RentBasis::NationalBaseUntilListed, ZhCn) => {
                    format!("暂按国家基本政策：月租金 {r} × {months} 个月")
                }
                (RentBasis::NationalBaseUntilListed, En) => format!(
                    "For now, under the national base rule: monthly rent {r} × {months} months"
                ),
                (RentBasis::NationalRiskArea, ZhCn) => {
                    format!("所在县市被列为中高风险地区，按国家政策：月租金 {r} × {months} 个月")
                }
                (RentBasis::NationalRiskArea, En) => format!(
                    "The county was listed as a medium/high-risk area; under the national rule: monthly rent {r} × {months} months"
                ),
                (RentBasis::IfListed, ZhCn) => {
                    format!("若所在县市被列为中高风险地区：月租金 {r} × {months} 个月")
                }
                (RentBasis::IfListed, En) => format!(
                    "If the county was listed as a medium/high-risk area: monthly rent {r} × {months} months"
                ),
                (RentBasis::HighwayRefund, ZhCn) => {
                    format!("已交2022年租金，退还 {months} 个月：月租金 {r} × {months}")
                }
                (RentBasis::HighwayRefund, En) => format!(
                    "2022 rent already paid, {months} months refunded: monthly rent {r} × {months}"
                ),
                (RentBasis::HighwayNotDue, ZhCn) => {
                    format!("未交2022年租金，1至7月租金不再交纳：月租金 {r} × {months}")
                }
                (RentBasis::HighwayNotDue, En) => format!(
                    "2022 rent not yet paid, January–July need not be paid: monthly rent {r} × {months}"
                ),
                (RentBasis::HighwayEither, ZhCn) => {
                    format!("月租金 {r} × {months} 个月（已交则退还，未交则1至7月不再交纳）")
                }
                (RentBasis::HighwayEither, En) => format!(
                    "Monthly rent {r} × {months} months (refunded if paid, otherwise January–July not due)"
                ),
            }
        }
        Step::Line {
            measure,
            line,
            silent,
            values,
        } => line_text(catalog, lang, *measure, *line, *silent, values),
    }
}

/// A step with the national rule its numbers come from, when that is not the plan.
pub fn step_line_text(catalog: &crate::catalog::Catalog, lang: Lang, line: &StepLine) -> String {
    let text = match lang {
        Lang::ZhCn => step_text(catalog, lang, &line.step),
        Lang::En => super::capitalized(&step_text(catalog, lang, &line.step)),
    };
    match (&line.source, lang) {
        (None, _) => text,
        (Some(doc), Lang::ZhCn) => format!("{text}（依据国家政策{doc}，非本方案）"),
        (Some(doc), Lang::En) => format!("{text} (under the national rule {doc}, not the plan)"),
    }
}
