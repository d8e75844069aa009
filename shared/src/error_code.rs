//! Every error code the server sends, once, with a sentence for owners in each language.
//! The wire carries the code as a string (`shared::api::ErrorDetail::code`); clients match
//! it against [`ErrorCode`] and show [`ErrorCode::sentence`].

use crate::i18n::Lang;
use crate::wire::wire_enum;

wire_enum!(
    /// A stable machine code for an error response.
    ErrorCode {
        MalformedJson => "malformed_json",
        InvalidField => "invalid_field",
        InvalidQuery => "invalid_query",
        PayloadTooLarge => "payload_too_large",
        UnsupportedMediaType => "unsupported_media_type",
        Unauthorized => "unauthorized",
        TokenExpired => "token_expired",
        InvalidCredentials => "invalid_credentials",
        AccountDisabled => "account_disabled",
        Forbidden => "forbidden",
        NotFound => "not_found",
        CreditCodeTaken => "credit_code_taken",
        CreditCodeUnconfirmed => "credit_code_unconfirmed",
        PhoneTaken => "phone_taken",
        WechatTaken => "wechat_taken",
        PreconditionFailed => "precondition_failed",
        Unprocessable => "unprocessable",
        RateLimited => "rate_limited",
        WechatUnavailable => "wechat_unavailable",
        Unavailable => "unavailable",
        Internal => "internal",
        IdempotencyKeyRequired => "idempotency_key_required",
        IdempotencyKeyReused => "idempotency_key_reused",
        NotEligible => "not_eligible",
        ApplicationWindowClosed => "application_window_closed",
        InvalidTransition => "invalid_transition",
        VersionConflict => "version_conflict",
        OpenRequestExists => "open_request_exists",
        ReliefAlreadyGranted => "relief_already_granted",
        Contradicts => "contradicts",
        LastAdministrator => "last_administrator",
        DocumentQuota => "document_quota",
        UnsupportedDocumentType => "unsupported_document_type",
        DocumentTooLarge => "document_too_large",
        ExtensionTooLate => "extension_too_late",
        NotOverdue => "not_overdue",
        MethodNotAllowed => "method_not_allowed",
        /// An entry of the ledger that does not fit the request's ledger (`problem` says how).
        InvalidEntry => "invalid_entry",
        /// A rating off the five levels, or a text too long (the field says which).
        InvalidRating => "invalid_rating",
        /// A provider's confirmation refused whole: `problems` lists every line at fault.
        InvalidConfirmation => "invalid_confirmation",
        /// A one-time link that was used already or has expired.
        LinkExpired => "link_expired",
    }
);

impl ErrorCode {
    /// What to tell the person in front of the screen, with how long to wait when the server
    /// said (`retry_after` seconds): "尝试次数过多，请 15 分钟后再试。".
    pub fn sentence_waiting(self, lang: Lang, retry_after: Option<u64>) -> String {
        let Some(seconds) = retry_after.filter(|_| self == ErrorCode::RateLimited) else {
            return self.sentence(lang).to_string();
        };
        let minutes = seconds.div_ceil(60).max(1);
        match (lang, minutes) {
            (Lang::ZhCn, m) => format!("尝试次数过多，请 {m} 分钟后再试。"),
            (Lang::En, 1) => "Too many attempts. Please try again in a minute.".to_string(),
            (Lang::En, m) => format!("Too many attempts. Please try again in {m} minutes."),
        }
    }

    /// What to tell the person in front of the screen.
    pub fn sentence(self, lang: Lang) -> &'static str {
        let (zh, en) = match self {
            ErrorCode::MalformedJson => (
                "请求格式有误，请刷新页面后重试。",
                "The request was malformed. Reload the page and try again.",
            ),
            ErrorCode::InvalidField => (
                "有一项填写不正确，请检查后重试。",
                "One of the fields is not valid. Check it and try again.",
            ),
            ErrorCode::InvalidQuery => (
                "链接参数有误，请检查后重试。",
                "The link has a wrong parameter. Check it and try again.",
            ),
            ErrorCode::PayloadTooLarge => ("提交的内容太大。", "What you sent is too large."),
            ErrorCode::UnsupportedMediaType => (
                "提交的内容格式不受支持。",
                "The format of what you sent is not supported.",
            ),
            ErrorCode::Unauthorized => ("请先登录。", "Please sign in."),
            ErrorCode::TokenExpired => (
                "登录已过期，请重新登录。",
                "Your session has expired. Please sign in again.",
            ),
            ErrorCode::InvalidCredentials => (
                "手机号或密码不正确。",
                "The phone number or password is not correct.",
            ),
            ErrorCode::AccountDisabled => (
                "该账号已停用，请联系管理员。",
                "This account has been disabled. Contact an administrator.",
            ),
            ErrorCode::Forbidden => ("您没有权限进行此操作。", "You are not allowed to do this."),
            ErrorCode::NotFound => ("未找到相关内容。", "Nothing was found here."),
            ErrorCode::CreditCodeTaken => (
                "该统一社会信用代码已有账号。如果是您的账号，请直接登录；如果不是，可以申请认领，由管理员核实后转给您。",
                "This credit code already has an account. If it is yours, sign in; if not, claim the code and an administrator will check and move it to you.",
            ),
            ErrorCode::CreditCodeUnconfirmed => (
                "您账号的统一社会信用代码尚未确认（认领正在审核，或已被管理员收回），暂时不能提交申请。",
                "Your account's credit code is not confirmed (a claim is being decided, or an administrator released it): you cannot file a request yet.",
            ),
            ErrorCode::PhoneTaken => (
                "该手机号已注册，请直接登录。",
                "This phone number is already registered. Please sign in.",
            ),
            ErrorCode::WechatTaken => (
                "该微信已绑定其他账号。",
                "This WeChat account is already bound to another account.",
            ),
            ErrorCode::PreconditionFailed => (
                "内容已更新，请刷新后重试。",
                "This has changed since you loaded it. Reload and try again.",
            ),
            ErrorCode::Unprocessable => (
                "请求无法处理，请检查后重试。",
                "The request cannot be carried out. Check it and try again.",
            ),
            ErrorCode::RateLimited => (
                "尝试次数过多，请稍后再试。",
                "Too many attempts. Please wait a while and try again.",
            ),
            ErrorCode::WechatUnavailable => (
                "微信登录暂时不可用，请使用手机号登录。",
                "WeChat sign-in is not available right now. Sign in with your phone number.",
            ),
            ErrorCode::Unavailable => (
                "服务暂时不可用，请稍后再试。",
                "The service is unavailable for a moment. Please try again later.",
            ),
            ErrorCode::Internal => (
                "系统出错了，请稍后再试。",
                "Something went wrong on our side. Please try again later.",
            ),
            ErrorCode::IdempotencyKeyRequired => (
                "请求缺少防重复提交标识，请刷新页面后重试。",
                "The request lacks its Idempotency-Key. Reload the page and try again.",
            ),
            ErrorCode::IdempotencyKeyReused => (
                "同一次提交的内容不一致，请刷新页面后重新提交。",
                "This submission was already sent with other content. Reload and file again.",
            ),
            ErrorCode::NotEligible => (
                "根据您的回答，暂不符合该项政策的条件。",
                "From your answers, you do not qualify for this measure.",
            ),
            ErrorCode::ApplicationWindowClosed => (
                "该项政策当前不在受理期内。",
                "Requests for this measure are not accepted at this time.",
            ),
            ErrorCode::InvalidTransition => (
                "申请当前状态下不能进行此操作。",
                "This cannot be done to the request in its current state.",
            ),
            ErrorCode::VersionConflict => (
                "申请已被他人更新，请刷新后重试。",
                "Someone else changed this request. Reload and try again.",
            ),
            ErrorCode::OpenRequestExists => (
                "您已有一份该项政策的申请正在办理中。",
                "You already have a request for this measure in progress.",
            ),
            ErrorCode::DocumentQuota => (
                "材料数量或总大小已达上限，请删减后再上传，或联系受理部门。",
                "The request holds as many documents, or you store as many bytes, as allowed.",
            ),
            ErrorCode::LastAdministrator => (
                "这是最后一个可用的管理员账号，不能停用。",
                "This is the last enabled administrator account; it cannot be disabled.",
            ),
            ErrorCode::Contradicts => (
                "填写的内容与自测回答、账户登记或政策条款不一致，请核对后修改。",
                "What was filled in contradicts your answers, your account or the clause. Check and correct it.",
            ),
            ErrorCode::ReliefAlreadyGranted => (
                "这项减免已经批准过（同一租约、同一期间或同一月份只能享受一次）。",
                "This relief was already granted (once per lease and period, or per month).",
            ),
            ErrorCode::UnsupportedDocumentType => (
                "只能上传照片（JPG、PNG、HEIC、WebP）或 PDF 文件。",
                "Only photos (JPG, PNG, HEIC, WebP) or PDF files can be uploaded.",
            ),
            ErrorCode::DocumentTooLarge => (
                "文件太大，请压缩后重试。",
                "The file is too large. Make it smaller and try again.",
            ),
            ErrorCode::ExtensionTooLate => (
                "督办期限已过，不能再申请延期。",
                "The deadline of this notice has passed: an extension can no longer be asked for.",
            ),
            ErrorCode::NotOverdue => (
                "所选申请中有未超期或不属于该部门的申请。",
                "Some of the requests chosen are not overdue or not routed to that department.",
            ),
            ErrorCode::MethodNotAllowed => (
                "请求方式有误，请刷新页面后重试。",
                "The request was sent the wrong way. Reload the page and try again.",
            ),
            ErrorCode::InvalidConfirmation => (
                "确认单有问题，未作任何登记：请按列出的每一处修改后重新提交。",
                "The confirmation was not recorded at all: correct each problem listed and send it again.",
            ),
            ErrorCode::LinkExpired => (
                "此链接已使用或已过期，请联系发出确认单的部门。",
                "This link was used already or has expired. Contact the department that sent it.",
            ),
            ErrorCode::InvalidRating => (
                "评价须在“非常不满意”到“非常满意”五个等级之间，说明最多 500 个字。",
                "A rating is one of the five levels, from very dissatisfied to very satisfied, with at most 500 characters of comment.",
            ),
            ErrorCode::InvalidEntry => (
                "这笔记录与该申请的台账不符（金额、日期、类型或冲正的记录有误），请核对后重试。",
                "This entry does not fit the request's ledger (its amount, day, kind or the entry reversed). Check it and try again.",
            ),
        };
        match lang {
            Lang::ZhCn => zh,
            Lang::En => en,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_code_has_a_sentence_in_both_languages_and_a_distinct_wire_name() {
        let mut names = std::collections::BTreeSet::new();
        for &code in ErrorCode::ALL {
            assert!(names.insert(code.as_str()), "{code} is listed twice");
            assert!(!code.sentence(Lang::ZhCn).is_empty());
            assert!(code.sentence(Lang::En).ends_with('.'), "{code}");
            let json = serde_json::to_string(&code).unwrap_or_default();
            assert_eq!(json, format!("\"{}\"", code.as_str()));
        }
    }
}
