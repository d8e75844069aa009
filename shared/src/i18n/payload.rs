//! A request's payload in words: each field's label (the filing form's and the desk's) and
//! each problem of a field.

use super::Lang;
use crate::application::payload::{MAX_TEXT, Problem};

/// The label of a payload field, by its wire name (`lease_end`); the form's
/// `occupation_name` and `occupation_levels` are the fields of an `occupations` entry.
pub fn field_label(lang: Lang, key: &str) -> Option<&'static str> {
    let (zh, en) = match key {
        "premises_address" => ("经营场所地址", "Address of the premises"),
        "landlord_type" => ("出租方类型", "Who lets the premises"),
        "landlord_name" => ("出租方名称", "The landlord's name"),
        "lease_start" => ("租期开始", "Lease starts"),
        "lease_end" => ("租期结束", "Lease ends"),
        "monthly_rent_fen" => ("月租金（元）", "Monthly rent (yuan)"),
        "rent_2022_paid" => ("2022 年租金已交", "2022 rent already paid"),
        "utilities" => ("缓缴的费用", "Bills to defer"),
        "account_number" => ("户号", "Account number"),
        "months" => ("缓缴月份（2022 年）", "Months to defer (2022)"),
        "amount_per_month_fen" => ("每月金额（元）", "Amount a month (yuan)"),
        "recognition" => ("认定类型", "Recognised as"),
        "level" => ("级别", "Level"),
        "approval_document_number" => ("批复文号", "Approval document number"),
        "approval_date" => ("批复日期", "Approval date"),
        "institution_type" => ("机构类型", "Kind of institution"),
        "occupations" => ("拟评价职业及等级", "Occupations and levels"),
        "occupation_name" => ("拟评价职业（工种）", "Occupation to evaluate"),
        "occupation_levels" => ("评价等级", "Levels"),
        "contact_name" => ("联系人", "Contact person"),
        "contact_phone" => ("联系电话", "Contact phone"),
        _ => return None,
    };
    Some(lang.pick(zh, en))
}

/// What is wrong with a field, as the owner or the official is told.
pub fn problem_text(lang: Lang, problem: Problem) -> &'static str {
    // The sentence of `TooLong` names the limit.
    const _: () = assert!(MAX_TEXT == 200);
    let (zh, en) = match problem {
        Problem::Required => ("请填写此项", "Fill this in"),
        Problem::TooLong => ("最多 200 个字", "At most 200 characters"),
        Problem::NotPositiveAmount => ("请填写大于 0 的金额", "Enter an amount above 0"),
        Problem::NotAnObject | Problem::Unreadable => ("请检查此项", "Check this field"),
        Problem::DateFormat => ("日期格式应为 年-月-日", "A date is written year-month-day"),
        Problem::MonthFormat => ("月份格式应为 年-月", "A month is written year-month"),
        Problem::NoneChosen => ("请至少选择一项", "Choose at least one"),
        Problem::MonthCount => ("请选择 1 至 12 个月", "Choose one to twelve months"),
        Problem::LevelsOutOfRange => ("请选择评价等级", "Choose the levels"),
        Problem::PhoneFormat => ("请填写 11 位手机号", "Enter an 11-digit mobile number"),
        Problem::EndsBeforeStart => ("租期结束应晚于开始", "The lease must end after it starts"),
        Problem::LandlordNotForMeasure => (
            "这项政策不适用此出租方",
            "This measure is not for that landlord",
        ),
        Problem::RecognitionNotForMeasure => (
            "这项政策不适用此认定类型",
            "This measure is not for that recognition",
        ),
        Problem::LevelNotRewarded => ("请选择国家级或省级", "Choose national or provincial"),
        Problem::NotAmongArrears => (
            "自查时没有回答这项欠费",
            "Not among the arrears you gave in the self-check",
        ),
        Problem::PremisesDiffer => (
            "与自查时回答的出租方不一致",
            "Does not match the landlord you gave in the self-check",
        ),
        Problem::DiffersFromAnswers => (
            "与自查时的回答不一致，请改正其中之一",
            "Differs from your answer in the self-check: correct one so they agree",
        ),
        Problem::MonthTwice => ("同一月份只能选一次", "Each month only once"),
        Problem::MonthBeforePeriod => ("月份早于政策执行期", "A month before the relief period"),
        Problem::MonthAfterPeriod => ("月份晚于政策执行期", "A month after the relief period"),
        Problem::MonthsOfTwoYears => (
            "一次申请只能选同一年的月份（按月缓缴，年底结清）",
            "Months of one year per request (deferred months are settled by the end of their year)",
        ),
        Problem::WrongKind => ("与申请事项类型不符", "Not this request's kind"),
        Problem::ReliefNotForPayment => (
            "2022 年租金已交的应退还，未交的应免收",
            "A paid 2022 rent is refunded, an unpaid one waived",
        ),
        Problem::ReliefOnlyForHighway => (
            "退还或免收只适用于高速公路服务区",
            "Refund or exemption is for highway service areas only",
        ),
    };
    lang.pick(zh, en)
}

/// A problem by its code (`ErrorDetail::problem`), when this build knows it.
pub fn problem_of(code: &str) -> Option<Problem> {
    Problem::ALL.iter().copied().find(|p| p.as_str() == code)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_problem_has_a_sentence_in_each_language() {
        for &p in Problem::ALL {
            for lang in [Lang::ZhCn, Lang::En] {
                assert!(!problem_text(lang, p).is_empty(), "{p} in {lang:?}");
            }
            assert_eq!(problem_of(p.as_str()), Some(p));
        }
    }

    #[test]
    fn every_field_of_every_payload_has_a_label_in_each_language() {
        use crate::answers::{Level, Utility};
        use crate::application::payload::*;
        let day = chrono::NaiveDate::default();
        let payloads = [
            serde_json::to_value(UtilityDeferralPayload {
                utilities: vec![Utility::Gas],
                account_number: String::new(),
                months: Vec::new(),
                amount_per_month_fen: 0,
            }),
            serde_json::to_value(RentWaiverPayload {
                premises_address: String::new(),
                landlord_type: LandlordType::CountyState,
                landlord_name: String::new(),
                lease_start: day,
                lease_end: day,
                monthly_rent_fen: 0,
                rent_2022_paid: false,
            }),
            serde_json::to_value(SkillsRewardPayload {
                recognition: Recognition::TrainingBase,
                level: Level::National,
                approval_document_number: String::new(),
                approval_date: day,
            }),
            serde_json::to_value(EvaluationInstitutionPayload {
                institution_type: InstitutionType::Enterprise,
                occupations: Vec::new(),
                contact_name: String::new(),
                contact_phone: String::new(),
            }),
        ];
        for payload in payloads {
            let payload = payload.unwrap_or_default();
            let keys = payload
                .as_object()
                .map(|o| o.keys().cloned().collect::<Vec<_>>());
            for key in keys.unwrap_or_default() {
                for lang in [Lang::ZhCn, Lang::En] {
                    assert!(field_label(lang, &key).is_some(), "{key} in {lang:?}");
                }
            }
        }
    }
}
