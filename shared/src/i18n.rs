//! Every sentence Shukun shows, in zh-CN and English: the server and the frontend render
//! reasons and steps with these same functions.

use serde::{Deserialize, Serialize};

use crate::answers::{
    AnswerKey, EntityType, FlagAnswer, Industry, JurisdictionId, Level, LevelAnswer, NumberAnswer,
    Premises, Utility, VatTaxpayer,
};
use crate::calc::{RentBasis, Step};
use crate::catalog::{Catalog, How, JurisdictionFact, PeriodBasis, SizeClass};
use crate::eval::Finding;
use crate::money::{Fen, format_yuan};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    #[serde(rename = "zh-CN")]
    ZhCn,
    #[serde(rename = "en")]
    En,
}

impl Lang {
    /// `zh-CN` (also `zh`, any case) or `en`.
    pub fn parse(s: &str) -> Option<Lang> {
        match s.to_ascii_lowercase().as_str() {
            "zh-cn" | "zh" => Some(Lang::ZhCn),
            "en" => Some(Lang::En),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Lang::ZhCn => "zh-CN",
            Lang::En => "en",
        }
    }

    fn pick(self, zh: &'static str, en: &'static str) -> &'static str {
        match self {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }
}

/// Money for people: `12,345.67 元` / `¥12,345.67`.
pub fn yuan(lang: Lang, fen: Fen) -> String {
    match lang {
        Lang::ZhCn => format!("{} 元", format_yuan(fen)),
        Lang::En => format!("¥{}", format_yuan(fen)),
    }
}

/// A label for a value of an answer or catalog enum.
pub trait Label {
    fn label(&self, lang: Lang) -> &'static str;
}

macro_rules! labels {
    ($ty:ty { $($variant:path => $zh:literal, $en:literal;)+ }) => {
        impl Label for $ty {
            fn label(&self, lang: Lang) -> &'static str {
                match self { $($variant => lang.pick($zh, $en)),+ }
            }
        }
    };
}

labels!(EntityType {
    EntityType::Enterprise => "企业", "enterprise";
    EntityType::IndividualBusiness => "个体工商户", "individual business";
    EntityType::TechnicalSchool => "技工院校", "technical school";
    EntityType::OtherOrg => "其他组织（含第三方评价机构）", "other organisation (incl. third-party evaluators)";
});

labels!(Industry {
    Industry::Agriculture => "农、林、牧、渔业", "agriculture, forestry, animal husbandry, fishery";
    Industry::Industry => "工业（采矿、制造、电力燃气水）", "industry (mining, manufacturing, utilities)";
    Industry::Construction => "建筑业", "construction";
    Industry::Wholesale => "批发业", "wholesale";
    Industry::Retail => "零售业", "retail";
    Industry::Transport => "交通运输业", "transport";
    Industry::Warehousing => "仓储业", "warehousing";
    Industry::Postal => "邮政业", "postal services";
    Industry::Accommodation => "住宿业", "accommodation";
    Industry::Catering => "餐饮业", "catering";
    Industry::InformationTransmission => "信息传输业", "information transmission";
    Industry::SoftwareIt => "软件和信息技术服务业", "software and IT services";
    Industry::RealEstateDevelopment => "房地产开发经营", "real estate development";
    Industry::PropertyManagement => "物业管理", "property management";
    Industry::LeasingBusinessServices => "租赁和商务服务业", "leasing and business services";
    Industry::Other => "其他未列明行业", "other industries";
});

labels!(Premises {
    Premises::Own => "自有房屋", "own premises";
    Premises::RentPrefectureSoe => "租用州本级国有企业房屋", "renting from a prefecture state-owned enterprise";
    Premises::RentPrefectureAgency => "租用州本级机关事业单位经营性房屋", "renting from a prefecture agency or institution";
    Premises::RentCountyState => "租用县市（开发区）国有房屋", "renting county-level state-owned premises";
    Premises::RentPrivate => "租用非国有房屋", "renting non-state premises";
    Premises::None => "无经营场所", "no premises";
});

labels!(VatTaxpayer {
    VatTaxpayer::SmallScale => "增值税小规模纳税人", "small-scale VAT taxpayer";
    VatTaxpayer::General => "增值税一般纳税人", "general VAT taxpayer";
    VatTaxpayer::None => "非增值税纳税人", "not a VAT taxpayer";
});

labels!(Utility {
    Utility::Electricity => "电", "electricity";
    Utility::Water => "水", "water";
    Utility::Gas => "气", "gas";
});

labels!(Level {
    Level::National => "国家级", "national";
    Level::Provincial => "省级", "provincial";
    Level::None => "无", "none";
});

labels!(SizeClass {
    SizeClass::Micro => "微型", "micro";
    SizeClass::Small => "小型", "small";
    SizeClass::Medium => "中型", "medium";
    SizeClass::Large => "大型", "large";
});

labels!(How {
    How::Apply => "在线申请", "apply online";
    How::SelfDeclare => "申报纳税时自行享受", "claim when filing taxes";
    How::Automatic => "免申即享", "automatic";
    How::Guidance => "政策指引", "guidance";
});

labels!(AnswerKey {
    AnswerKey::EntityType => "主体类型", "type of business";
    AnswerKey::Industry => "所属行业", "industry";
    AnswerKey::Employees => "从业人数（季度平均）", "employees (quarterly average)";
    AnswerKey::AnnualRevenueFen => "年营业收入", "annual revenue";
    AnswerKey::TotalAssetsFen => "资产总额（季度平均）", "total assets (quarterly average)";
    AnswerKey::Jurisdiction => "经营所在地", "where the business operates";
    AnswerKey::VatTaxpayer => "增值税纳税人类型", "VAT taxpayer type";
    AnswerKey::QuarterlySalesAt3pctFen => "适用3%征收率的季度销售额", "quarterly sales at the 3% rate";
    AnswerKey::TaxYear => "纳税年度", "tax year";
    AnswerKey::TaxableIncomeFen => "年应纳税所得额", "annual taxable income";
    AnswerKey::RestrictedIndustry => "是否从事国家限制或禁止行业", "in a restricted or prohibited industry";
    AnswerKey::SixTaxesTwoFeesDueFen => "全年应缴“六税两费”", "six taxes and two fees due for the year";
    AnswerKey::Premises => "经营场所来源", "premises";
    AnswerKey::HighwayServiceArea => "是否在高速公路服务区经营", "rents in a highway service area";
    AnswerKey::MonthlyRentFen => "月租金", "monthly rent";
    AnswerKey::Rent2022Paid => "是否已交2022年租金", "2022 rent already paid";
    AnswerKey::EpidemicDifficulty => "是否受疫情影响暂时困难", "temporarily in difficulty because of the epidemic";
    AnswerKey::UtilitiesInArrears => "欠费或有欠费风险的水电气", "utilities in arrears or at risk";
    AnswerKey::IndustrialWaterUser => "是否使用工业用水", "uses industrial water";
    AnswerKey::CommercialGasUser => "是否使用商业用气", "uses commercial gas";
    AnswerKey::BidsInPublicTenders => "是否参加招投标", "bids in public tenders";
    AnswerKey::PaysUnemploymentInsurance => "是否缴纳失业保险", "pays unemployment insurance";
    AnswerKey::TrainingBaseLevel => "高技能人才培训基地级别", "high-skill training base level";
    AnswerKey::SkillMasterStudioLevel => "技能大师工作室级别", "skill master studio level";
    AnswerKey::SeeksEvaluationInstitution => "是否申报等级认定机构", "seeks to become an evaluation institution";
});

impl Label for FlagAnswer {
    fn label(&self, lang: Lang) -> &'static str {
        self.key().label(lang)
    }
}

impl Label for NumberAnswer {
    fn label(&self, lang: Lang) -> &'static str {
        self.key().label(lang)
    }
}

impl Label for LevelAnswer {
    fn label(&self, lang: Lang) -> &'static str {
        self.key().label(lang)
    }
}

fn list<T: Label>(lang: Lang, items: &[T]) -> String {
    let sep = lang.pick("、", ", ");
    items
        .iter()
        .map(|i| i.label(lang))
        .collect::<Vec<_>>()
        .join(sep)
}

fn jurisdiction_name(catalog: &Catalog, lang: Lang, id: JurisdictionId) -> String {
    match catalog.jurisdiction(id) {
        Some(j) => j.name.get(lang).to_string(),
        None => lang.pick("巴州以外", "outside the prefecture").to_string(),
    }
}

fn not_answered(lang: Lang) -> &'static str {
    lang.pick("尚未回答", "not answered yet")
}

fn yes_no(lang: Lang, v: bool) -> &'static str {
    if v {
        lang.pick("是", "yes")
    } else {
        lang.pick("否", "no")
    }
}

/// `requirement；answer` in Chinese, `requirement; answer` in English.
fn sentence(lang: Lang, requirement: String, answer: String) -> String {
    match lang {
        Lang::ZhCn => format!("{requirement}；{answer}"),
        Lang::En => format!("{requirement}; {answer}"),
    }
}

fn your(lang: Lang, what: &str, value: Option<String>) -> String {
    match (lang, value) {
        (Lang::ZhCn, Some(v)) => format!("您的{what}：{v}"),
        (Lang::ZhCn, None) => format!("{what}：{}", not_answered(lang)),
        (Lang::En, Some(v)) => format!("{what}: {v}"),
        (Lang::En, None) => format!("{what}: {}", not_answered(lang)),
    }
}

fn amount_of(lang: Lang, answer: NumberAnswer, v: i64) -> String {
    if answer.is_money() {
        yuan(lang, v)
    } else {
        match lang {
            Lang::ZhCn => format!("{v} 人"),
            Lang::En => format!("{v} people"),
        }
    }
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
            as_of,
        } => {
            let span = match (lang, to) {
                (ZhCn, Some(to)) => format!("{from} 至 {to}"),
                (ZhCn, None) => format!("自 {from} 起"),
                (En, Some(to)) => format!("{from} to {to}"),
                (En, None) => format!("from {from}"),
            };
            let ours = match (basis, lang) {
                (PeriodBasis::OurReading, ZhCn) => "（原文未写明截止时间，此为本系统的理解）",
                (PeriodBasis::OurReading, En) => " (the plan gives no end; this is our reading)",
                _ => "",
            };
            let verdict = match (met, lang) {
                (Some(true), ZhCn) => format!("评估日期 {as_of} 在执行期内"),
                (Some(true), En) => format!("the evaluation date {as_of} falls within it"),
                (_, ZhCn) => format!("评估日期 {as_of} 不在执行期内"),
                (_, En) => format!("the evaluation date {as_of} falls outside it"),
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
        } => {
            let span = match (lang, to_year) {
                (ZhCn, Some(t)) => format!("{from_year}—{t} 纳税年度"),
                (ZhCn, None) => format!("{from_year} 纳税年度起"),
                (En, Some(t)) => format!("tax years {from_year}–{t}"),
                (En, None) => format!("tax years from {from_year}"),
            };
            let answer = match (tax_year, met, lang) {
                (None, _, _) => your(lang, AnswerKey::TaxYear.label(lang), None),
                (Some(y), Some(false), ZhCn) => format!("所问 {y} 年度不在其中，原文对此未作规定"),
                (Some(y), Some(false), En) => {
                    format!("{y} is outside them, and the plan says nothing for it")
                }
                (Some(y), _, ZhCn) => format!("所问纳税年度：{y}"),
                (Some(y), _, En) => format!("the tax year asked about: {y}"),
            };
            sentence(
                lang,
                match lang {
                    ZhCn => format!("按纳税年度判断，适用于{span}"),
                    En => format!("Judged by tax year; applies to {span}"),
                },
                answer,
            )
        }
        Finding::EntityType { allowed, actual } => sentence(
            lang,
            match lang {
                ZhCn => format!("适用对象：{}", list(lang, allowed)),
                En => format!("For: {}", list(lang, allowed)),
            },
            your(lang, AnswerKey::EntityType.label(lang), actual.map(|a| a.label(lang).to_string())),
        ),
        Finding::Business {
            sizes,
            individual_business,
            entity_type,
            size_class,
        } => {
            let sizes = list(lang, sizes);
            let requirement = match (lang, individual_business) {
                (ZhCn, true) => format!("适用对象：{sizes}企业和个体工商户（个体工商户不论规模）"),
                (ZhCn, false) => format!("适用对象：{sizes}企业"),
                (En, true) => format!(
                    "For {sizes} enterprises and individual businesses (of any size)"
                ),
                (En, false) => format!("For {sizes} enterprises"),
            };
            let answer = match (entity_type, size_class, lang) {
                (None, _, _) => your(lang, AnswerKey::EntityType.label(lang), None),
                (Some(EntityType::Enterprise), Some(c), ZhCn) => {
                    format!("按划型标准，您的企业为{}企业", c.label(lang))
                }
                (Some(EntityType::Enterprise), Some(c), En) => {
                    format!("by the size standard yours is a {} enterprise", c.label(lang))
                }
                (Some(EntityType::Enterprise), None, ZhCn) => {
                    "企业规模尚不能确定：请填写行业、从业人数、营业收入或资产总额".to_string()
                }
                (Some(EntityType::Enterprise), None, En) => {
                    "the enterprise's size cannot be told yet: give its industry, employees, revenue or assets"
                        .to_string()
                }
                (Some(e), _, _) => your(lang, AnswerKey::EntityType.label(lang), Some(e.label(lang).to_string())),
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
            your(lang, AnswerKey::Industry.label(lang), industry.map(|i| i.label(lang).to_string())),
        ),
        Finding::Premises { allowed, actual } => sentence(
            lang,
            match lang {
                ZhCn => format!("经营场所须为：{}", list(lang, allowed)),
                En => format!("Premises must be: {}", list(lang, allowed)),
            },
            your(lang, AnswerKey::Premises.label(lang), actual.map(|p| p.label(lang).to_string())),
        ),
        Finding::Answer {
            answer,
            expected,
            actual,
        } => sentence(
            lang,
            match lang {
                ZhCn => format!("要求“{}”为“{}”", answer.label(lang), yes_no(lang, *expected)),
                En => format!("Requires “{}”: {}", answer.label(lang), yes_no(lang, *expected)),
            },
            match (actual, lang) {
                (Some(v), ZhCn) => format!("您的回答：{}", yes_no(lang, *v)),
                (Some(v), En) => format!("you answered {}", yes_no(lang, *v)),
                (None, _) => not_answered(lang).to_string(),
            },
        ),
        Finding::UtilitiesInArrears { actual } => sentence(
            lang,
            lang.pick(
                "须有水、电、气至少一项欠费或有欠费风险",
                "At least one of water, electricity or gas must be in arrears or at risk",
            )
            .to_string(),
            match actual {
                None => not_answered(lang).to_string(),
                Some([]) => lang.pick("您未选择任何一项", "you named none").to_string(),
                Some(list_) => your(lang, AnswerKey::UtilitiesInArrears.label(lang), Some(list(lang, list_))),
            },
        ),
        Finding::Jurisdiction { allowed, actual } => {
            let names: Vec<String> = allowed
                .iter()
                .map(|j| jurisdiction_name(catalog, lang, *j))
                .collect();
            sentence(
                lang,
                match lang {
                    ZhCn => format!("适用地区：{}", names.join("、")),
                    En => format!("Applies in: {}", names.join(", ")),
                },
                your(
                    lang,
                    AnswerKey::Jurisdiction.label(lang),
                    actual.map(|j| jurisdiction_name(catalog, lang, j)),
                ),
            )
        }
        Finding::InPrefecture { actual } => sentence(
            lang,
            lang.pick(
                "适用于在巴州（含库尔勒经济技术开发区）经营的市场主体",
                "For businesses operating in the prefecture (KETDZ included)",
            )
            .to_string(),
            your(
                lang,
                AnswerKey::Jurisdiction.label(lang),
                actual.map(|j| jurisdiction_name(catalog, lang, j)),
            ),
        ),
        Finding::JurisdictionFact {
            fact,
            jurisdiction,
            value,
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
                (None, _, _) => your(lang, AnswerKey::Jurisdiction.label(lang), None),
                (Some(JurisdictionId::Other), _, ZhCn) => "您在巴州以外经营".to_string(),
                (Some(JurisdictionId::Other), _, En) => "you operate outside the prefecture".to_string(),
                (Some(j), None, ZhCn) => format!(
                    "{}的情况主管部门尚未录入",
                    jurisdiction_name(catalog, lang, *j)
                ),
                (Some(j), None, En) => format!(
                    "not yet recorded by an administrator for {}",
                    jurisdiction_name(catalog, lang, *j)
                ),
                (Some(j), Some(v), ZhCn) => format!(
                    "据主管部门录入，{}：{}",
                    jurisdiction_name(catalog, lang, *j),
                    yes_no(lang, *v)
                ),
                (Some(j), Some(v), En) => format!(
                    "recorded for {}: {}",
                    jurisdiction_name(catalog, lang, *j),
                    yes_no(lang, *v)
                ),
            };
            sentence(lang, what.to_string(), answer)
        }
        Finding::VatTaxpayer { allowed, actual } => sentence(
            lang,
            match lang {
                ZhCn => format!("适用于：{}", list(lang, allowed)),
                En => format!("For: {}", list(lang, allowed)),
            },
            your(lang, AnswerKey::VatTaxpayer.label(lang), actual.map(|v| v.label(lang).to_string())),
        ),
        Finding::AtMost {
            answer,
            limit,
            actual,
        } => {
            let requirement = match (limit, lang) {
                (Some(l), ZhCn) => format!("{}不超过 {}", answer.label(lang), amount_of(lang, *answer, *l)),
                (Some(l), En) => format!("{} at most {}", answer.label(lang), amount_of(lang, *answer, *l)),
                (None, ZhCn) => format!("{}的上限：原文对该日期未作规定", answer.label(lang)),
                (None, En) => format!("{}: the plan sets no limit for this date", answer.label(lang)),
            };
            sentence(
                lang,
                requirement,
                your(lang, answer.label(lang), actual.map(|v| amount_of(lang, *answer, v))),
            )
        }
        Finding::Level {
            answer,
            allowed,
            actual,
        } => sentence(
            lang,
            match lang {
                ZhCn => format!("{}须为：{}", answer.label(lang), list(lang, allowed)),
                En => format!("{} must be: {}", answer.label(lang), list(lang, allowed)),
            },
            your(lang, answer.label(lang), actual.map(|l| l.label(lang).to_string())),
        ),
        Finding::InEffectFrom { from, as_of } => match (met, lang) {
            (Some(true), ZhCn) => format!("该项自 {from} 起执行；评估日期 {as_of} 已执行"),
            (Some(true), En) => format!("This part applies from {from}; in force on {as_of}"),
            (_, ZhCn) => format!("该项自 {from} 起执行；评估日期 {as_of} 尚未执行"),
            (_, En) => format!("This part applies from {from}; not yet in force on {as_of}"),
        },
        Finding::RiskAreaListed {
            jurisdiction,
            listed,
        } => {
            let name = jurisdiction_name(catalog, lang, *jurisdiction);
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

fn band_span(lang: Lang, lower: Fen, upper: Fen) -> String {
    match (lower, lang) {
        (0, Lang::ZhCn) => format!("不超过 {} 的部分", yuan(lang, upper)),
        (0, Lang::En) => format!("the part up to {}", yuan(lang, upper)),
        (_, Lang::ZhCn) => format!(
            "超过 {} 但不超过 {} 的部分",
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

/// The sentence of a calculation step, in one language.
pub fn step_text(lang: Lang, step: &Step) -> String {
    use Lang::{En, ZhCn};
    match step {
        Step::NeedAnswer { answer } => match lang {
            ZhCn => format!("填写“{}”后可估算金额", answer.label(lang)),
            En => format!("Answer “{}” for an estimate", answer.label(lang)),
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
                "{}：原文对 {tax_year} 纳税年度未作规定，不作估算",
                band_span(lang, *lower, *upper)
            ),
            En => format!(
                "For {}, the plan says nothing for tax year {tax_year}: not estimated",
                band_span(lang, *lower, *upper)
            ),
        },
        Step::Saving => lang.pick("合计少缴", "Saved in all").to_string(),
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
                "季度销售额 {} × {}% = 每季度免征增值税",
                yuan(lang, *sales),
                rate.percent()
            ),
            En => format!(
                "Quarterly sales of {} × {}% = VAT exempted per quarter",
                yuan(lang, *sales),
                rate.percent()
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
        Step::SixTaxes { due, rate } => match lang {
            ZhCn => format!(
                "全年应缴“六税两费” {} × 减征 {}%",
                yuan(lang, *due),
                rate.percent()
            ),
            En => format!(
                "Six taxes and two fees due of {} × {}% reduction",
                yuan(lang, *due),
                rate.percent()
            ),
        },
        Step::AmountSetByDepartment { level } => match lang {
            ZhCn => format!("{}奖补金额由主管部门确定", level.label(lang)),
            En => format!("The {} amount is set by the department", level.label(lang)),
        },
        Step::Reward { level } => match lang {
            ZhCn => format!("{}奖补金额", level.label(lang)),
            En => format!("The {} amount", level.label(lang)),
        },
    }
}
