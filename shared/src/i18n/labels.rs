//! Labels for the values of answers and catalog enums, in zh-CN and English.

use super::Lang;
use crate::account::PasswordError;
use crate::answers::{
    AnswerKey, EntityType, FlagAnswer, Industry, Level, LevelAnswer, NumberAnswer, Premises,
    Utility, VatTaxpayer,
};
use crate::application::DocumentPurpose;
use crate::application::payload::{InstitutionType, LandlordType, Recognition};
use crate::catalog::{How, SizeClass};

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
    EntityType::Enterprise => "公司（有限责任公司、股份有限公司）", "company (limited liability or joint-stock)";
    EntityType::SoleProprietorship => "个人独资企业", "sole proprietorship";
    EntityType::Partnership => "合伙企业", "partnership";
    EntityType::IndividualBusiness => "个体工商户", "individual business";
    EntityType::TechnicalSchool => "技工院校", "technical school";
    EntityType::OtherOrg => "其他组织（含第三方评价机构）", "other organisation (incl. third-party evaluators)";
});

labels!(Industry {
    Industry::Agriculture => "农、林、牧、渔业", "agriculture, forestry, animal husbandry, fishery";
    Industry::Industry => "工业（采矿业，制造业，电力、热力、燃气及水生产和供应业）", "industry (mining; manufacturing; production and supply of electricity, heat, gas and water)";
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
    Premises::RentOtherState => "租用中央、自治区国有企业或兵团单位房屋", "renting from a central or autonomous-region state-owned enterprise or an XPCC (Bingtuan) unit";
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

labels!(LandlordType {
    LandlordType::PrefectureSoe => "州属国有企业", "a prefecture state-owned enterprise";
    LandlordType::PrefectureAgency => "州直行政事业单位", "a prefecture agency or public institution";
    LandlordType::CountyState => "县市国有企业或行政事业单位", "a county's state-owned enterprise or agency";
    LandlordType::HighwayOperator => "高速公路服务区经营单位", "the highway service area's operator";
});

labels!(Recognition {
    Recognition::TrainingBase => "高技能人才培训基地", "high-skill training base";
    Recognition::SkillMasterStudio => "技能大师工作室", "skill master studio";
});

labels!(InstitutionType {
    InstitutionType::Enterprise => "企业", "enterprise";
    InstitutionType::TechnicalSchool => "技工院校", "technical school";
    InstitutionType::SocialOrganization => "社会组织", "social organisation";
});

labels!(DocumentPurpose {
    DocumentPurpose::Lease => "租赁合同", "lease";
    DocumentPurpose::UtilityBill => "水电气缴费单", "utility bill";
    DocumentPurpose::ProofOfDifficulty => "经营困难证明", "proof of difficulty";
    DocumentPurpose::ApprovalDocument => "认定批复文件", "approval document";
    DocumentPurpose::Other => "其他材料", "other document";
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
    AnswerKey::QuarterlySalesFen => "季度销售额（不含税，全部）", "quarterly sales (tax-exclusive, all)";
    AnswerKey::QuarterlySalesAt3pctFen => "其中适用3%征收率的季度销售额", "quarterly sales at the 3% rate";
    AnswerKey::TaxYear => "纳税年度", "tax year";
    AnswerKey::TaxableIncomeFen => "年应纳税所得额", "annual taxable income";
    AnswerKey::RestrictedIndustry => "是否从事国家限制或禁止行业", "in a restricted or prohibited industry";
    AnswerKey::PriorYearSmallLowProfit => "上年度汇算清缴是否为小型微利企业", "a small low-profit enterprise in last year's annual settlement";
    AnswerKey::SixTaxesTwoFeesDueFen => "全年应缴“六税两费”（减征前）", "six taxes and two fees due for the year (before the reduction)";
    AnswerKey::Premises => "经营场所来源", "premises";
    AnswerKey::HighwayServiceArea => "是否在高速公路服务区经营", "rents in a highway service area";
    AnswerKey::MonthlyRentFen => "月租金", "monthly rent";
    AnswerKey::Rent2022Paid => "是否已交2022年租金", "2022 rent already paid";
    AnswerKey::EpidemicDifficulty => "是否受疫情影响暂时出现生产经营困难", "temporarily in difficulty because of the epidemic";
    AnswerKey::UtilitiesInArrears => "欠费或有欠费风险的水电气", "utilities in arrears or at risk";
    AnswerKey::TaxFilingDifficulty => "是否因疫情不能按期申报或缴纳税款", "cannot file or pay tax on time because of the epidemic";
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

/// Why a password is refused, as the owner or the administrator typing it is told.
pub fn password_problem(lang: Lang, e: PasswordError) -> &'static str {
    let (zh, en) = match e {
        PasswordError::TooShort => ("密码至少 8 位", "At least 8 characters"),
        PasswordError::TooLong => ("密码最多 128 位", "At most 128 characters"),
        PasswordError::Common => (
            "这是最常见的密码之一，请换一个",
            "One of the most common passwords: choose another",
        ),
        PasswordError::Repeated => ("不能是同一个字符重复", "Not one character repeated"),
        PasswordError::ContainsPhone => (
            "密码不能包含手机号",
            "The password must not contain the phone number",
        ),
    };
    lang.pick(zh, en)
}
