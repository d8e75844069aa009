//! The ledger's words: each kind of entry, which way an amount is outstanding, and what is
//! wrong with an entry, in each language.

use super::{Lang, yuan};
use crate::application::ledger::{EntryKind, LedgerProblem, MAX_NOTE, MAX_REFERENCE, Side};
use crate::money::Fen;

/// What an entry records, as owners and officials read it.
pub fn entry_text(lang: Lang, kind: EntryKind) -> &'static str {
    let (zh, en) = match kind {
        EntryKind::Deferred => ("缓缴", "Deferred"),
        EntryKind::Waived => ("免收", "Not charged"),
        EntryKind::RefundDue => ("应退还", "To be refunded"),
        EntryKind::Owed => ("应发放", "To be paid"),
        EntryKind::Settled => ("已结清", "Settled"),
        EntryKind::Refunded => ("已退还", "Refunded"),
        EntryKind::Paid => ("已发放", "Paid"),
        EntryKind::Reversal => ("更正（冲销）", "Corrected (reversed)"),
    };
    lang.pick(zh, en)
}

/// What is still outstanding, in a sentence: "尚需结清 1,200.00 元（2022-12-31 前）".
pub fn outstanding_text(
    lang: Lang,
    side: Option<Side>,
    outstanding: Fen,
    settle_by: Option<chrono::NaiveDate>,
) -> String {
    let amount = yuan(lang, outstanding.max(0));
    match (side, outstanding > 0, lang) {
        (None, _, Lang::ZhCn) => "无需再收付款项".into(),
        (None, _, Lang::En) => "Nothing is to be paid or received".into(),
        (Some(Side::ToSettle), true, Lang::ZhCn) => match settle_by {
            Some(d) => format!("尚需向缴费单位结清 {amount}（{d} 前）"),
            None => format!("尚需向缴费单位结清 {amount}"),
        },
        (Some(Side::ToSettle), true, Lang::En) => match settle_by {
            Some(d) => format!("Still to settle with the utility: {amount} (by {d})"),
            None => format!("Still to settle with the utility: {amount}"),
        },
        (Some(Side::ToSettle), false, Lang::ZhCn) => "缓缴款项已全部结清".into(),
        (Some(Side::ToSettle), false, Lang::En) => "The deferred bills are all settled".into(),
        (Some(Side::ToReceive), true, Lang::ZhCn) => format!("尚待到账 {amount}"),
        (Some(Side::ToReceive), true, Lang::En) => format!("Still to reach you: {amount}"),
        (Some(Side::ToReceive), false, Lang::ZhCn) => "款项已全部退还或发放".into(),
        (Some(Side::ToReceive), false, Lang::En) => "All of it has been refunded or paid".into(),
    }
}

/// What is wrong with an entry an official records.
pub fn problem_text(lang: Lang, problem: LedgerProblem) -> &'static str {
    // The sentences of `TooLong` name the limits.
    const _: () = assert!(MAX_REFERENCE == 100 && MAX_NOTE == 500);
    let (zh, en) = match problem {
        LedgerProblem::NotPositiveAmount => ("金额须大于 0", "The amount must be above 0"),
        LedgerProblem::MoreThanOutstanding => (
            "金额超过了尚未结清的部分",
            "The amount is more than is outstanding",
        ),
        LedgerProblem::NothingToClose => (
            "批准的内容中没有可以这样登记的款项",
            "The grant has nothing this kind of entry closes",
        ),
        LedgerProblem::ReversesRequired => ("请选择要更正的记录", "Choose the entry to correct"),
        LedgerProblem::ReversesOnlyForReversal => (
            "只有更正（冲销）才指向一条记录",
            "Only a correction names an entry",
        ),
        LedgerProblem::NotThisRequest => (
            "要更正的记录不属于这项申请",
            "The entry is not one of this request's",
        ),
        LedgerProblem::ReversalOfReversal => (
            "更正记录不能再被更正，请重新登记",
            "A correction is not corrected: record the entry again",
        ),
        LedgerProblem::OpeningNotReversible => (
            "批准时生成的记录不能更正",
            "What the approval granted cannot be corrected here",
        ),
        LedgerProblem::AlreadyReversed => {
            ("这条记录已经更正过", "This entry was corrected already")
        }
        LedgerProblem::AmountDiffersFromReversed => (
            "更正金额须与原记录相同",
            "A correction is for the whole amount of the entry",
        ),
        LedgerProblem::DateInFuture => ("日期不能晚于今天", "The day cannot be after today"),
        LedgerProblem::DateBeforeFiling => (
            "日期不能早于提交申请的日期",
            "The day cannot be before the request was filed",
        ),
        LedgerProblem::Required => ("请填写此项", "Fill this in"),
        LedgerProblem::TooLong => (
            "凭证号最多 100 个字，说明最多 500 个字",
            "A reference is at most 100 characters, a note at most 500",
        ),
        LedgerProblem::NoReceiptAsked => (
            "只有退款或发放的款项需要确认是否收到",
            "Only a refund or a payment is confirmed as received",
        ),
        LedgerProblem::EntryReversed => (
            "这笔款项已被更正，无需确认",
            "This entry was reversed: there is nothing to confirm",
        ),
        LedgerProblem::NotApproved => (
            "申请尚未批准，没有可登记的款项",
            "The request is not approved: nothing was granted",
        ),
    };
    lang.pick(zh, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_and_problem_is_said_in_both_languages() {
        for &kind in EntryKind::ALL {
            for &lang in Lang::ALL {
                assert!(!entry_text(lang, kind).is_empty(), "{kind}");
            }
        }
        for &p in LedgerProblem::ALL {
            assert_ne!(
                problem_text(Lang::ZhCn, p),
                problem_text(Lang::En, p),
                "{p}"
            );
        }
    }

    #[test]
    fn what_is_outstanding_reads_by_its_side() {
        let by = "2022-12-31".parse().ok();
        assert_eq!(
            outstanding_text(Lang::ZhCn, Some(Side::ToSettle), 120_000, by),
            "尚需向缴费单位结清 1,200.00 元（2022-12-31 前）"
        );
        assert_eq!(
            outstanding_text(Lang::En, Some(Side::ToReceive), 0, None),
            "All of it has been refunded or paid"
        );
    }
}
