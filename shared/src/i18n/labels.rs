//! Labels for the values of the account's, the forms' and the catalog's own enums, in zh-CN
//! and English. The questionnaire's words (each question, its values) are the catalog's.

use super::Lang;
use crate::account::PasswordError;
use crate::answers::{EntityType, Level, Utility};
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
