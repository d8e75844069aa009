//! The questionnaire's words: each answer's question, why it is asked, and a hint against the
//! usual mistake (after `QUESTIONS.md`), in zh-CN and English.

use super::Lang;
use crate::answers::AnswerKey;

/// One question as a person reads it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Question {
    pub text: &'static str,
    /// Why we ask: what it decides.
    pub why: &'static str,
    /// Against the usual mistake.
    pub hint: &'static str,
}

macro_rules! q {
    ($lang:expr, [$zt:literal, $zw:literal, $zh:literal], [$et:literal, $ew:literal, $eh:literal]) => {
        match $lang {
            Lang::ZhCn => Question {
                text: $zt,
                why: $zw,
                hint: $zh,
            },
            Lang::En => Question {
                text: $et,
                why: $ew,
                hint: $eh,
            },
        }
    };
}

/// The question for an answer, in one language.
pub fn question(key: AnswerKey, lang: Lang) -> Question {
    use AnswerKey::*;
    match key {
        EntityType => q!(
            lang,
            [
                "营业执照上的主体类型是？",
                "几乎每项政策都按主体类型区分对象。",
                "个人独资企业、合伙企业属于企业，但不缴纳企业所得税；个体工商户不是企业。以营业执照上的“类型”为准。"
            ],
            [
                "What type of business is on your business licence?",
                "Almost every measure depends on it.",
                "Sole proprietorships and partnerships are enterprises but pay no enterprise income tax; an individual business (个体工商户) is not an enterprise. Go by the “type” on the licence."
            ]
        ),
        Industry => q!(
            lang,
            [
                "主营业务属于哪个行业？",
                "决定企业规模的划型标准和是否属于服务业。",
                "按主营业务判断，而不是卖什么：自产自销面包的作坊属于工业，只卖面包的店属于零售业。"
            ],
            [
                "Which industry is your main business in?",
                "It decides the size standard that applies and whether you are in the service sector.",
                "Go by what you mainly do, not what you sell: a workshop baking bread is industry, a shop selling it is retail."
            ]
        ),
        Employees => q!(
            lang,
            [
                "从业人员有多少人？",
                "用于企业规模划型和小型微利企业判断。",
                "包括劳务派遣人员，按全年季度平均数；小微企业这两个数通常相同，填一个即可。家庭帮工也算在内。"
            ],
            [
                "How many people work for the business?",
                "It decides the size class and small low-profit status.",
                "Count dispatched workers too, as the year's quarterly average; for a small business that is usually the same number. Family helpers count."
            ]
        ),
        AnnualRevenueFen => q!(
            lang,
            [
                "上一个完整年度的营业收入（元，不含增值税）是多少？",
                "用于企业规模划型。",
                "填不含税的营业收入，不是含税流水，也不是今年至今的金额。"
            ],
            [
                "What was your operating revenue in the last full year (yuan, excluding VAT)?",
                "It decides the size class.",
                "Give revenue without VAT, not turnover including VAT, and not this year's figure so far."
            ]
        ),
        TotalAssetsFen => q!(
            lang,
            [
                "资产总额（元）是多少？",
                "用于企业规模划型和小型微利企业判断。",
                "看资产负债表的“资产总计”（按季度平均），不是注册资本。"
            ],
            [
                "What are your total assets (yuan)?",
                "They decide the size class and small low-profit status.",
                "Take “total assets” from the balance sheet (quarterly average), not the registered capital."
            ]
        ),
        Jurisdiction => q!(
            lang,
            [
                "经营场所在哪个县市？",
                "部分政策只在某些县市实行，也决定由哪个县市受理。",
                "按实际经营地址选择；开发区内的选“库尔勒经济技术开发区”。"
            ],
            [
                "In which county or city is the business?",
                "Some measures apply only in some counties, and it decides which county handles your case.",
                "Choose where you actually operate; inside the development zone choose the KETDZ."
            ]
        ),
        VatTaxpayer => q!(
            lang,
            [
                "增值税纳税人类型是？",
                "决定增值税免征和“六税两费”减半。",
                "个体工商户大多是小规模纳税人；不确定可查电子税务局或问税务局。"
            ],
            [
                "Which kind of VAT taxpayer are you registered as?",
                "It decides the VAT exemption and the halved six taxes and two fees.",
                "Most individual businesses are small-scale taxpayers; if unsure, check the tax bureau's online hall."
            ]
        ),
        QuarterlySalesFen => q!(
            lang,
            [
                "2022年4—12月平均每季度的销售额（元，不含税）是多少？",
                "判断是否超过此前每季度45万元的免税标准。",
                "填全部销售额（各征收率合计），不含税，按季度而非按月。"
            ],
            [
                "What were your sales in an average quarter of April–December 2022 (yuan, excluding tax)?",
                "It tells whether you were above the earlier 450,000-yuan quarterly exemption.",
                "Give all sales at every rate, excluding tax, per quarter rather than per month."
            ]
        ),
        QuarterlySalesAt3pctFen => q!(
            lang,
            [
                "其中适用3%征收率的销售额每季度是多少（元）？",
                "免征的是这部分销售额的增值税，用于估算金额。",
                "不含税；5%征收率（如不动产租赁）的部分不计入。"
            ],
            [
                "How much of those quarterly sales is at the 3% rate (yuan)?",
                "The exemption is of the VAT on this part; it gives the estimate.",
                "Excluding tax; sales at 5% (such as property rental) are not included."
            ]
        ),
        TaxYear => q!(
            lang,
            [
                "想了解哪个纳税年度？",
                "所得税和“六税两费”按纳税年度执行。",
                "一般填2022。"
            ],
            [
                "Which tax year do you want to check?",
                "Income tax and the six taxes and two fees follow the tax year.",
                "Usually 2022."
            ]
        ),
        TaxableIncomeFen => q!(
            lang,
            [
                "该年度的应纳税所得额（元）是多少？",
                "判断小型微利企业并估算少缴的企业所得税。",
                "是纳税调整、弥补亏损后的应纳税所得额，不是利润总额，也不是收入。"
            ],
            [
                "What is the year's taxable income (yuan)?",
                "It decides small low-profit status and estimates the tax saved.",
                "Taxable income after tax adjustments and losses carried forward, not accounting profit and not revenue."
            ]
        ),
        RestrictedIndustry => q!(
            lang,
            [
                "是否从事国家限制或禁止的行业？",
                "小型微利企业优惠不适用于限制和禁止行业。",
                "绝大多数企业为“否”；不确定可选“不知道”。"
            ],
            [
                "Is the business in an industry the state restricts or prohibits?",
                "The small low-profit relief excludes restricted and prohibited industries.",
                "Almost every business answers no; if unsure, choose “I don't know”."
            ]
        ),
        PriorYearSmallLowProfit => q!(
            lang,
            [
                "上一年度企业所得税汇算清缴时，是否为小型微利企业？",
                "“六税两费”减半对企业按上年度汇算清缴结果判断。",
                "看上年度企业所得税年度申报表，不是今年的情况。"
            ],
            [
                "In last year's annual income tax settlement, was the business a small low-profit enterprise?",
                "For enterprises, the halved six taxes and two fees follow last year's settlement.",
                "Look at last year's annual income tax return, not this year's figures."
            ]
        ),
        SixTaxesTwoFeesDueFen => q!(
            lang,
            [
                "全年应缴“六税两费”（减征前）大约多少元？",
                "用于估算减半可少缴的金额。",
                "资源税、城建税、房产税、城镇土地使用税、印花税、耕地占用税、教育费附加和地方教育附加合计，填减征前的金额。"
            ],
            [
                "About how much are the year's six taxes and two fees before the reduction (yuan)?",
                "It gives the estimate of what halving saves.",
                "Resource tax, city construction tax, property tax, land use tax, stamp duty, farmland occupation tax and the two education surcharges together, before the reduction."
            ]
        ),
        Premises => q!(
            lang,
            [
                "经营场所是谁出租的？",
                "国有房屋租金减免按出租方类型确定，也决定由哪个部门办理。",
                "看租赁合同上的出租方，而不是谁在管理大楼：国有楼里由私营公司经营的市场属于非国有。"
            ],
            [
                "Who is the landlord of your premises?",
                "State-owned premises' rent waivers depend on the landlord, who also decides which office handles it.",
                "Look at the landlord on the lease, not who manages the building: a market run by a private company in a state-owned building is private."
            ]
        ),
        HighwayServiceArea => q!(
            lang,
            [
                "是否在高速公路服务区内经营，并向服务区经营方租房？",
                "高速公路服务区的租金减免单独规定。",
                "普通路边店铺不算服务区。"
            ],
            [
                "Do you rent in an expressway service area from its operator?",
                "Rent in highway service areas has its own waiver.",
                "An ordinary roadside shop is not a service area."
            ]
        ),
        MonthlyRentFen => q!(
            lang,
            [
                "2022年的月租金（元）是多少？",
                "用于估算可减免的租金。",
                "只填租金，不含物业费、水电费。"
            ],
            [
                "What was the monthly rent in 2022 (yuan)?",
                "It gives the estimate of the rent waived.",
                "Rent only, without property fees or utilities."
            ]
        ),
        Rent2022Paid => q!(
            lang,
            [
                "2022年的租金是否已经预先交了？",
                "已交的退还，未交的免交。",
                "按合同实际交付情况填写。"
            ],
            [
                "Was the 2022 rent already paid in advance?",
                "Rent paid is refunded; rent not paid need not be paid.",
                "As actually paid under the lease."
            ]
        ),
        EpidemicDifficulty => q!(
            lang,
            [
                "是否受疫情影响暂时出现生产经营困难？",
                "水电气欠费不停供、缓缴适用于暂时困难的市场主体。",
                "这是您本人的申报，办理时由主管部门认定；不会自动与税务数据比对。"
            ],
            [
                "Is the business temporarily in difficulty because of the epidemic?",
                "Utilities without cut-off and deferred payment are for businesses in temporary difficulty.",
                "This is your own declaration; the department certifies it when deciding, and it is not matched against tax data automatically."
            ]
        ),
        UtilitiesInArrears => q!(
            lang,
            [
                "哪些费用已欠费或可能欠费？",
                "决定缓缴哪些费用，以及由哪个单位办理。",
                "可多选；都没有就都不选。"
            ],
            [
                "Which utilities are in arrears or at risk of it?",
                "It decides what is deferred and who handles it.",
                "Choose any; choose none if none."
            ]
        ),
        TaxFilingDifficulty => q!(
            lang,
            [
                "是否因疫情不能按期申报或缴纳税款？",
                "可申请延期申报或延期缴纳税款。",
                "这与经营困难是两回事：只在确实无法按期办理时选“是”。"
            ],
            [
                "Because of the epidemic, can you not file or pay tax on time?",
                "You can apply for an extension of filing or payment.",
                "This is not the same as business hardship: answer yes only if you really cannot file or pay on time."
            ]
        ),
        IndustrialWaterUser => q!(
            lang,
            [
                "是否使用工业用水？",
                "库尔勒经济技术开发区工业用水降价。",
                "按水费单上的用水类别。"
            ],
            [
                "Do you use water billed as industrial?",
                "Industrial water in the KETDZ is cheaper.",
                "See the category on your water bill."
            ]
        ),
        CommercialGasUser => q!(
            lang,
            [
                "是否使用商业用气？",
                "库尔勒市、尉犁县、若羌县商业用气降价。",
                "按燃气费单上的用气类别。"
            ],
            [
                "Do you use gas billed as commercial?",
                "Commercial gas in Korla, Yuli and Ruoqiang is cheaper.",
                "See the category on your gas bill."
            ]
        ),
        BidsInPublicTenders => q!(
            lang,
            [
                "是否参加政府或国有资金项目的招投标？",
                "可用保函代替现金缴纳保证金。",
                "只在确实投标时选“是”。"
            ],
            [
                "Do you bid in public tenders?",
                "Guarantee letters can replace cash deposits.",
                "Answer yes only if you do bid."
            ]
        ),
        PaysUnemploymentInsurance => q!(
            lang,
            [
                "是否为员工缴纳失业保险？",
                "失业保险费率阶段性降低。",
                "没有雇员的个体工商户一般不缴纳。"
            ],
            [
                "Do you pay unemployment insurance for your staff?",
                "Its rate stays reduced for a period.",
                "Individual businesses without employees usually do not."
            ]
        ),
        TrainingBaseLevel => q!(
            lang,
            [
                "是否已获批高技能人才培训基地？什么级别？",
                "获批后可申请奖补。",
                "以批准文件为准；没有就选“无”。"
            ],
            [
                "Has the business been approved as a high-skill talent training base, and at what level?",
                "An approval can bring a reward.",
                "Go by the approval document; choose “none” if there is none."
            ]
        ),
        SkillMasterStudioLevel => q!(
            lang,
            [
                "是否已获评技能大师工作室？什么级别？",
                "获评后可申请一次性资助。",
                "以命名文件为准；没有就选“无”。"
            ],
            [
                "Does the business hold a skill master studio title, and at what level?",
                "A title can bring one-time support.",
                "Go by the naming document; choose “none” if there is none."
            ]
        ),
        SeeksEvaluationInstitution => q!(
            lang,
            [
                "是否想申请成为职业技能等级认定机构？",
                "企业、技工院校和第三方机构均可随时申请。",
                "只在有意开展技能等级认定时选“是”。"
            ],
            [
                "Do you want to register as a skill-level evaluation institution?",
                "Enterprises, technical schools and third-party bodies can apply at any time.",
                "Answer yes only if you mean to evaluate skill levels."
            ]
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_question_is_asked_in_both_languages_without_full_width_marks_in_english() {
        for &key in AnswerKey::ALL {
            let zh = question(key, Lang::ZhCn);
            let en = question(key, Lang::En);
            assert!(zh.text.ends_with('？'), "{key}: {}", zh.text);
            assert!(en.text.ends_with('?'), "{key}: {}", en.text);
            for s in [en.text, en.why, en.hint] {
                assert!(
                    !s.chars().any(|c| "：，；（）。？".contains(c)),
                    "{key}: {s}"
                );
            }
        }
    }
}
