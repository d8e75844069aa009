//! Sentences about requests: their statuses and the owner's messages.

use crate::application::{Action, ApplicationKind, DeadlineState, EventKind, RequestState};

use super::Lang;

/// What an approval grants, in plain words (the owner's request page, the 告知书, the desk).
pub fn grant_text(lang: Lang, grant: &crate::application::Grant) -> String {
    use crate::application::Grant;
    use crate::application::decision::RentRelief;
    let money = |fen| super::yuan(lang, fen);
    match grant {
        Grant::RentWaiver {
            months,
            amount_fen,
            relief,
        } => {
            let how = match relief {
                Some(RentRelief::Refund) => {
                    lang.pick("，已缴的租金予以退还", ", the rent already paid refunded")
                }
                Some(RentRelief::Exemption) => lang.pick(
                    "，未缴的租金予以免收",
                    ", the rent not yet paid not charged",
                ),
                None => "",
            };
            match lang {
                Lang::ZhCn => format!("减免 {months} 个月租金，共 {}{how}", money(*amount_fen)),
                Lang::En => format!(
                    "{months} months of rent waived, {} in all{how}",
                    money(*amount_fen)
                ),
            }
        }
        Grant::SkillsReward { amount_fen } => match lang {
            Lang::ZhCn => format!("奖补 {}", money(*amount_fen)),
            Lang::En => format!("a reward of {}", money(*amount_fen)),
        },
        Grant::EvaluationInstitution {
            registration_number,
        } => match (lang, registration_number) {
            (Lang::ZhCn, Some(n)) => format!("予以备案，编号 {n}"),
            (Lang::ZhCn, None) => "予以备案".into(),
            (Lang::En, Some(n)) => format!("registered, number {n}"),
            (Lang::En, None) => "registered".into(),
        },
        Grant::UtilityDeferral {
            schedule,
            settle_by,
            late_fees_waived,
        } => {
            let total = money(grant.amount_fen());
            let by = settle_by.format("%Y-%m-%d");
            let fees = if *late_fees_waived {
                lang.pick("，免收滞纳金", ", late fees waived")
            } else {
                ""
            };
            match lang {
                Lang::ZhCn => format!("缓缴 {} 个月共 {total}，{by} 前缴清{fees}", schedule.len()),
                Lang::En => format!(
                    "{} months ({total}) deferred, to settle by {by}{fees}",
                    schedule.len()
                ),
            }
        }
    }
}

/// A status in words.
pub fn status_text(lang: Lang, s: RequestState) -> &'static str {
    let (zh, en) = match s {
        RequestState::Submitted => ("已提交", "submitted"),
        RequestState::InReview => ("审核中", "in review"),
        RequestState::NeedsInfo => ("待补充材料", "more information needed"),
        RequestState::Approved => ("已批准", "approved"),
        RequestState::Rejected => ("未批准", "rejected"),
        RequestState::Withdrawn => ("已撤回", "withdrawn"),
    };
    lang.pick(zh, en)
}

/// An action in words, as a button names it.
pub fn action_text(lang: Lang, a: Action) -> &'static str {
    let (zh, en) = match a {
        Action::Review => ("受理审核", "take into review"),
        Action::Ask => ("要求补充材料", "ask for more information"),
        Action::Answer => ("补充材料", "answer"),
        Action::Approve => ("批准", "approve"),
        Action::Reject => ("不予批准", "reject"),
        Action::Withdraw => ("撤回申请", "withdraw"),
    };
    lang.pick(zh, en)
}

/// A history event in words, as a timeline shows it.
pub fn event_text(lang: Lang, e: EventKind) -> &'static str {
    let (zh, en) = match e {
        EventKind::Filed => ("提交申请", "filed"),
        EventKind::Review => ("受理审核", "taken into review"),
        EventKind::Ask => ("要求补充材料", "more information asked"),
        EventKind::Answer => ("补充材料", "answered"),
        EventKind::Approve => ("批准", "approved"),
        EventKind::Reject => ("不予批准", "rejected"),
        EventKind::Withdraw => ("撤回申请", "withdrawn"),
        EventKind::Attach => ("上传材料", "document added"),
        EventKind::Handover => ("转交同事办理", "handed over"),
        EventKind::Comment => ("部门意见", "a department's comment"),
    };
    lang.pick(zh, en)
}

/// A kind of request in words.
pub fn kind_text(lang: Lang, k: ApplicationKind) -> &'static str {
    let (zh, en) = match k {
        ApplicationKind::UtilityDeferral => ("水电气欠费缓缴", "utility deferral"),
        ApplicationKind::RentWaiver => ("房租减免", "rent waiver"),
        ApplicationKind::SkillsReward => ("技能奖补", "skills reward"),
        ApplicationKind::EvaluationInstitution => ("评价机构备案", "evaluation institution"),
    };
    lang.pick(zh, en)
}

/// Where a request stands against its time limit, as government systems say it.
pub fn deadline_text(lang: Lang, d: DeadlineState) -> &'static str {
    let (zh, en) = match d {
        DeadlineState::OnTime => ("正常", "on time"),
        DeadlineState::DueSoon => ("即将到期", "due soon"),
        DeadlineState::Overdue => ("超期", "overdue"),
    };
    lang.pick(zh, en)
}

/// The owner's message when a request reaches `status`.
pub fn message_text(lang: Lang, number: &str, s: RequestState) -> String {
    match (lang, s) {
        (Lang::ZhCn, RequestState::NeedsInfo) => {
            format!("您的申请 {number} 需要补充材料，请查看审核意见。")
        }
        (Lang::ZhCn, _) => format!("您的申请 {number} 状态更新为：{}。", status_text(lang, s)),
        (Lang::En, RequestState::NeedsInfo) => {
            format!("Your request {number} needs more information: see the official's note.")
        }
        (Lang::En, _) => format!("Your request {number} is now {}.", status_text(lang, s)),
    }
}

/// The owner's reminder that a deferral's settle-by day is near.
pub fn reminder_text(lang: Lang, number: &str, r: &crate::api::requests::ReminderView) -> String {
    let amount = super::yuan(lang, r.outstanding_fen);
    let (due, days) = (r.due_on, r.days_left);
    if let Some(u) = r.utility {
        let what = super::Label::label(&u, lang);
        return match lang {
            Lang::ZhCn => format!(
                "本月{what}费抄表前提醒：您的申请 {number} 缓缴的费用还有 {amount} 未结清，须在 {due} 前结清（还剩 {days} 天）。"
            ),
            Lang::En => format!(
                "Before this month's {what} meter reading: your request {number} still has {amount} of deferred bills to settle, by {due} ({days} days left)."
            ),
        };
    }
    match lang {
        Lang::ZhCn => format!(
            "您的申请 {number} 缓缴的费用还有 {amount} 未结清，须在 {due} 前结清（还剩 {days} 天）。"
        ),
        Lang::En => format!(
            "Your request {number}: {amount} of the deferred bills is still to settle, by {due} ({days} days left)."
        ),
    }
}

/// Why a request is decided one by one, not in a batch.
pub fn not_routine_text(lang: Lang, n: crate::application::decision::NotRoutine) -> &'static str {
    use crate::application::decision::NotRoutine;
    let (zh, en) = match n {
        NotRoutine::NotOpen => ("已办结或已撤回", "decided or withdrawn already"),
        NotRoutine::AwaitingOwner => ("等待申请人补充材料", "waiting for the owner's answer"),
        NotRoutine::NotEligible => (
            "按申请时的回答不符合条件，请逐件审核",
            "not eligible on the answers filed: review it alone",
        ),
        NotRoutine::NoEstimate => (
            "无法测算金额，请逐件核定",
            "no estimate to grant: set the amount alone",
        ),
        NotRoutine::ScheduleNeeded => (
            "缓缴计划须逐件核定",
            "a deferral schedule is set one by one",
        ),
        NotRoutine::RiskAreaNotSet => (
            "属地是否列为中高风险地区尚未设置（影响减免 3 个月或 7 个月），请先在参数设置中登记或逐件核定",
            "whether the county was a listed risk area (3 months or 7) is not recorded: record it in the settings or decide alone",
        ),
        NotRoutine::ReliefUnknown => (
            "申请未说明 2022 年租金是否已缴，无法确定退还或免收",
            "the request does not say whether the 2022 rent was paid: refund or exemption unknown",
        ),
    };
    lang.pick(zh, en)
}

/// A rating's level in words (GB/T 39734: 非常满意 … 非常不满意).
pub fn rating_level_text(lang: Lang, level: i64) -> &'static str {
    let (zh, en) = match level {
        5 => ("非常满意", "Very satisfied"),
        4 => ("满意", "Satisfied"),
        3 => ("基本满意", "Fairly satisfied"),
        2 => ("不满意", "Dissatisfied"),
        _ => ("非常不满意", "Very dissatisfied"),
    };
    lang.pick(zh, en)
}

/// An online indicator of a rating, as the owner reads it (国办发〔2019〕51号).
pub fn indicator_text(lang: Lang, i: crate::application::rating::Indicator) -> &'static str {
    use crate::application::rating::Indicator as I;
    let (zh, en) = match i {
        I::Efficiency => ("办事效率", "How quickly it was handled"),
        I::ClearRequirements => ("材料要求是否清楚", "Were the documents asked for clear"),
        I::Convenience => ("办理便捷", "How easy it was"),
        I::Platform => ("平台好用", "How easy the service is to use"),
    };
    lang.pick(zh, en)
}
