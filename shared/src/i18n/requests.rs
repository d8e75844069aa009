//! Sentences about requests: their statuses and the owner's messages.

use crate::application::RequestState;

use super::Lang;

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
