//! The ledger after a decision: what an approval granted, and what happened to it since.
//!
//! An approval opens entries from its grant (each month of a deferral with its settle-by
//! day, the rent waived or to be refunded, the reward owed). The deciding department then
//! records what happened in the world — a deferred bill settled, rent refunded, a reward
//! paid — each with the day it happened and a reference. Entries are never edited nor
//! deleted: a mistake is corrected by a reversal of the entry, once. What is still
//! outstanding is a sum over the entries, computed here for the server, the phone and the
//! desk alike.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use crate::answers::MAX_AMOUNT_FEN;
use crate::money::Fen;
use crate::wire::wire_enum;

use super::decision::{Grant, RentRelief};

wire_enum!(
    /// What an entry records.
    EntryKind {
        /// A month's utility bill deferred: the business settles it with the utility by the
        /// grant's settle-by day (the business owes it).
        Deferred => "deferred",
        /// Rent not charged (exempted): nothing changes hands.
        Waived => "waived",
        /// Rent already paid, to be refunded to the business.
        RefundDue => "refund_due",
        /// A reward owed to the business.
        Owed => "owed",
        /// Part or all of the deferred bills settled with the utility.
        Settled => "settled",
        /// Rent refunded to the business.
        Refunded => "refunded",
        /// A reward paid to the business.
        Paid => "paid",
        /// An earlier entry of the same request undone (a correction).
        Reversal => "reversal",
    }
);

wire_enum!(
    /// What an official records after the decision.
    RecordKind {
        Settled => "settled",
        Refunded => "refunded",
        Paid => "paid",
        Reversal => "reversal",
    }
);

wire_enum!(
    /// Which way what is outstanding goes.
    Side {
        /// The business still owes the utility the deferred bills.
        ToSettle => "to_settle",
        /// The business is still to receive a refund or a reward.
        ToReceive => "to_receive",
    }
);

wire_enum!(
    /// What is wrong with an entry an official records: a stable code (the API's error
    /// body carries it as `problem`).
    LedgerProblem {
        /// Not an amount of fen above 0 (and at most the largest accepted).
        NotPositiveAmount => "not_positive_amount",
        /// More than is outstanding of what the entry closes.
        MoreThanOutstanding => "more_than_outstanding",
        /// The grant has nothing this kind of entry closes (a refund of a deferral).
        NothingToClose => "nothing_to_close",
        /// A reversal that does not say which entry it reverses.
        ReversesRequired => "reverses_required",
        /// Only a reversal names an entry it reverses.
        ReversesOnlyForReversal => "reverses_only_for_reversal",
        /// The entry reversed is not one of this request's.
        NotThisRequest => "not_this_request",
        /// A reversal is itself never reversed: record the entry again instead.
        ReversalOfReversal => "reversal_of_reversal",
        /// An entry the decision opened stands as long as the decision does.
        OpeningNotReversible => "opening_not_reversible",
        /// The entry was reversed already.
        AlreadyReversed => "already_reversed",
        /// A reversal is of the whole entry: its amount.
        AmountDiffersFromReversed => "amount_differs_from_reversed",
        /// A day after today (Beijing).
        DateInFuture => "date_in_future",
        /// A day before the request was filed.
        DateBeforeFiling => "date_before_filing",
        /// Empty, or only spaces.
        Required => "required",
        /// Longer than allowed.
        TooLong => "too_long",
        /// The request is not approved: nothing was granted.
        NotApproved => "not_approved",
        /// Only a refund or a payment to the business is confirmed by the owner.
        NoReceiptAsked => "no_receipt_asked",
        /// The entry was reversed: nothing of it is to arrive.
        EntryReversed => "entry_reversed",
    }
);

/// The longest reference (a receipt's or a transfer's number) and note.
pub const MAX_REFERENCE: usize = 100;
pub const MAX_NOTE: usize = 500;

/// An entry as the balance needs it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Posted {
    pub id: i64,
    pub kind: EntryKind,
    pub amount_fen: Fen,
    /// For a reversal: the entry it reverses.
    pub reverses: Option<i64>,
}

/// An entry an approval opens from its grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Opening {
    pub kind: EntryKind,
    pub amount_fen: Fen,
    /// The month deferred (`YYYY-MM`).
    pub month: Option<String>,
    /// The day it is to be settled by.
    pub due_on: Option<NaiveDate>,
}

/// The entries an approval opens: one per month deferred (settled by the grant's day), the
/// rent to be refunded or the rent waived, the reward owed; none for a registration.
pub fn openings(grant: &Grant) -> Vec<Opening> {
    let single = |kind, amount_fen| Opening {
        kind,
        amount_fen,
        month: None,
        due_on: None,
    };
    match grant {
        Grant::UtilityDeferral {
            schedule,
            settle_by,
            ..
        } => schedule
            .iter()
            .map(|m| Opening {
                kind: EntryKind::Deferred,
                amount_fen: m.amount_fen,
                month: Some(m.month.clone()),
                due_on: Some(*settle_by),
            })
            .collect(),
        Grant::RentWaiver {
            amount_fen, relief, ..
        } => match relief {
            Some(RentRelief::Refund) => vec![single(EntryKind::RefundDue, *amount_fen)],
            _ => vec![single(EntryKind::Waived, *amount_fen)],
        },
        Grant::SkillsReward { amount_fen } => vec![single(EntryKind::Owed, *amount_fen)],
        Grant::EvaluationInstitution { .. } => Vec::new(),
    }
}

impl EntryKind {
    /// Whether the owner is asked if it arrived: money sent to the business.
    pub fn asks_receipt(self) -> bool {
        matches!(self, EntryKind::Refunded | EntryKind::Paid)
    }

    /// Whether it closes what an approval opened (settled, refunded, paid): recorded by hand,
    /// and the only kind a reversal undoes.
    pub fn is_closing(self) -> bool {
        matches!(
            self,
            EntryKind::Settled | EntryKind::Refunded | EntryKind::Paid
        )
    }

    /// What an official records to close an opening of this kind (none for a waiver).
    pub fn closed_by(self) -> Option<RecordKind> {
        match self {
            EntryKind::Deferred => Some(RecordKind::Settled),
            EntryKind::RefundDue => Some(RecordKind::Refunded),
            EntryKind::Owed => Some(RecordKind::Paid),
            _ => None,
        }
    }

    /// Whether an approval opens it (never recorded by hand, never reversed).
    pub fn is_opening(self) -> bool {
        matches!(
            self,
            EntryKind::Deferred | EntryKind::Waived | EntryKind::RefundDue | EntryKind::Owed
        )
    }

    /// The side an entry of this kind moves, if any.
    pub fn side(self) -> Option<Side> {
        match self {
            EntryKind::Deferred | EntryKind::Settled => Some(Side::ToSettle),
            EntryKind::RefundDue | EntryKind::Owed | EntryKind::Refunded | EntryKind::Paid => {
                Some(Side::ToReceive)
            }
            EntryKind::Waived | EntryKind::Reversal => None,
        }
    }

    /// What an entry of this kind does to what is outstanding on its side: an opening adds
    /// its amount, a closing takes it away, a waiver moves nothing. (A reversal undoes the
    /// entry it reverses: [`effect`].)
    fn sign(self) -> i64 {
        match self {
            EntryKind::Deferred | EntryKind::RefundDue | EntryKind::Owed => 1,
            EntryKind::Settled | EntryKind::Refunded | EntryKind::Paid => -1,
            EntryKind::Waived | EntryKind::Reversal => 0,
        }
    }
}

impl RecordKind {
    pub fn entry(self) -> EntryKind {
        match self {
            RecordKind::Settled => EntryKind::Settled,
            RecordKind::Refunded => EntryKind::Refunded,
            RecordKind::Paid => EntryKind::Paid,
            RecordKind::Reversal => EntryKind::Reversal,
        }
    }

    /// The opening a closing entry of this kind closes.
    fn closes(self) -> Option<EntryKind> {
        match self {
            RecordKind::Settled => Some(EntryKind::Deferred),
            RecordKind::Refunded => Some(EntryKind::RefundDue),
            RecordKind::Paid => Some(EntryKind::Owed),
            RecordKind::Reversal => None,
        }
    }
}

/// What an entry does to what is outstanding, and on which side: a reversal undoes the
/// entry it reverses (`reversed`: that entry's kind).
pub fn effect(
    kind: EntryKind,
    amount_fen: Fen,
    reversed: Option<EntryKind>,
) -> (Option<Side>, i64) {
    match kind {
        EntryKind::Reversal => match reversed {
            Some(r) => (r.side(), -r.sign().saturating_mul(amount_fen)),
            None => (None, 0),
        },
        k => (k.side(), k.sign().saturating_mul(amount_fen)),
    }
}

/// A request's ledger summed up.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Balance {
    /// What the decision granted: the sum of its openings.
    pub granted_fen: Fen,
    /// Still to be settled by the business, or still to reach it.
    pub outstanding_fen: Fen,
    /// Which way the outstanding amount goes (`None` when nothing is to move: a waiver, a
    /// registration).
    pub side: Option<Side>,
    /// The entries reversed, with the entry that reversed each.
    pub reversed_by: BTreeMap<i64, i64>,
}

/// Sums a request's entries.
pub fn balance(entries: &[Posted]) -> Balance {
    let kinds: BTreeMap<i64, EntryKind> = entries.iter().map(|e| (e.id, e.kind)).collect();
    let mut out = Balance::default();
    for e in entries {
        if e.kind.is_opening() {
            out.granted_fen = out.granted_fen.saturating_add(e.amount_fen);
            out.side = out.side.or(e.kind.side());
        }
        let reversed = e.reverses.and_then(|r| kinds.get(&r).copied());
        if let (EntryKind::Reversal, Some(r)) = (e.kind, e.reverses) {
            out.reversed_by.insert(r, e.id);
        }
        let (_, delta) = effect(e.kind, e.amount_fen, reversed);
        out.outstanding_fen = out.outstanding_fen.saturating_add(delta);
    }
    out
}

/// An entry an official records: `POST /api/v1/admin/requests/{id}/ledger`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LedgerEntryRequest {
    pub kind: RecordKind,
    /// In fen, above 0; a reversal's is the amount of the entry it reverses.
    #[cfg_attr(
        feature = "openapi",
        schema(minimum = 1, maximum = 1_000_000_000_000_000_i64)
    )]
    pub amount_fen: Fen,
    /// The day it happened (`YYYY-MM-DD`), not after today in Beijing.
    #[cfg_attr(feature = "openapi", schema(value_type = String, format = Date))]
    pub on: NaiveDate,
    /// The receipt's, transfer's or letter's number it rests on.
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 100))]
    pub reference: String,
    /// For a reversal: the id of the entry it reverses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverses: Option<i64>,
    /// Why (required for a reversal).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub note: Option<String>,
}

/// An entry refused: the field at fault, its problem's code, and the problem in English.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{field}: {message}")]
pub struct LedgerError {
    pub field: &'static str,
    pub problem: LedgerProblem,
    pub message: String,
}

fn refuse(field: &'static str, problem: LedgerProblem, message: impl Into<String>) -> LedgerError {
    LedgerError {
        field,
        problem,
        message: message.into(),
    }
}

/// The entry as it will be written: the text fields trimmed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Checked {
    pub kind: EntryKind,
    pub amount_fen: Fen,
    pub on: NaiveDate,
    pub reference: String,
    pub note: Option<String>,
    pub reverses: Option<(i64, EntryKind)>,
}

/// Checks an entry against the request's ledger so far: a positive amount no more than is
/// outstanding of what it closes, a day between the filing and today, a reference, and a
/// reversal of one of this request's entries that is neither an opening, a reversal, nor
/// reversed already, for its whole amount, with a note saying why.
pub fn check(
    entries: &[Posted],
    body: &LedgerEntryRequest,
    filed_on: NaiveDate,
    today: NaiveDate,
) -> Result<Checked, LedgerError> {
    if body.amount_fen <= 0 || body.amount_fen > MAX_AMOUNT_FEN {
        return Err(refuse(
            "amount_fen",
            LedgerProblem::NotPositiveAmount,
            "must be a positive amount of fen",
        ));
    }
    if body.on > today {
        return Err(refuse(
            "on",
            LedgerProblem::DateInFuture,
            format!("must be a day that has come (today is {today} in Beijing)"),
        ));
    }
    if body.on < filed_on {
        return Err(refuse(
            "on",
            LedgerProblem::DateBeforeFiling,
            format!("must not be before the request was filed ({filed_on})"),
        ));
    }
    let reference = body.reference.trim();
    if reference.is_empty() {
        return Err(refuse(
            "reference",
            LedgerProblem::Required,
            "say the receipt's, transfer's or letter's number",
        ));
    }
    if reference.chars().count() > MAX_REFERENCE {
        return Err(refuse(
            "reference",
            LedgerProblem::TooLong,
            format!("must be at most {MAX_REFERENCE} characters"),
        ));
    }
    let note = body
        .note
        .as_deref()
        .map(str::trim)
        .filter(|n| !n.is_empty())
        .map(str::to_string);
    if note.as_ref().is_some_and(|n| n.chars().count() > MAX_NOTE) {
        return Err(refuse(
            "note",
            LedgerProblem::TooLong,
            format!("must be at most {MAX_NOTE} characters"),
        ));
    }
    let now = balance(entries);
    let reverses = match (body.kind, body.reverses) {
        (RecordKind::Reversal, None) => {
            return Err(refuse(
                "reverses",
                LedgerProblem::ReversesRequired,
                "say the id of the entry reversed",
            ));
        }
        (RecordKind::Reversal, Some(id)) => {
            let reversed = entries.iter().find(|e| e.id == id).ok_or_else(|| {
                refuse(
                    "reverses",
                    LedgerProblem::NotThisRequest,
                    format!("entry {id} is not one of this request's"),
                )
            })?;
            if reversed.kind == EntryKind::Reversal {
                return Err(refuse(
                    "reverses",
                    LedgerProblem::ReversalOfReversal,
                    "a reversal is not reversed: record the entry again",
                ));
            }
            if reversed.kind.is_opening() {
                return Err(refuse(
                    "reverses",
                    LedgerProblem::OpeningNotReversible,
                    "what the decision granted stands as long as the decision does",
                ));
            }
            if let Some(by) = now.reversed_by.get(&id) {
                return Err(refuse(
                    "reverses",
                    LedgerProblem::AlreadyReversed,
                    format!("entry {id} was reversed by entry {by}"),
                ));
            }
            if reversed.amount_fen != body.amount_fen {
                return Err(refuse(
                    "amount_fen",
                    LedgerProblem::AmountDiffersFromReversed,
                    format!(
                        "must be {} fen, the amount of entry {id}",
                        reversed.amount_fen
                    ),
                ));
            }
            if note.is_none() {
                return Err(refuse(
                    "note",
                    LedgerProblem::Required,
                    "say why the entry is reversed",
                ));
            }
            Some((id, reversed.kind))
        }
        (_, Some(_)) => {
            return Err(refuse(
                "reverses",
                LedgerProblem::ReversesOnlyForReversal,
                "only a reversal names an entry it reverses",
            ));
        }
        (kind, None) => {
            let closes = kind.closes();
            if !entries.iter().any(|e| Some(e.kind) == closes) {
                return Err(refuse(
                    "kind",
                    LedgerProblem::NothingToClose,
                    format!("the grant has nothing that `{kind}` closes"),
                ));
            }
            if body.amount_fen > now.outstanding_fen {
                return Err(refuse(
                    "amount_fen",
                    LedgerProblem::MoreThanOutstanding,
                    format!(
                        "must be at most the {} fen outstanding",
                        now.outstanding_fen.max(0)
                    ),
                ));
            }
            None
        }
    };
    Ok(Checked {
        kind: body.kind.entry(),
        amount_fen: body.amount_fen,
        on: body.on,
        reference: reference.to_string(),
        note,
        reverses,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::application::decision::DeferredMonth;

    fn day(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn posted(id: i64, kind: EntryKind, amount_fen: Fen, reverses: Option<i64>) -> Posted {
        Posted {
            id,
            kind,
            amount_fen,
            reverses,
        }
    }

    fn body(kind: RecordKind, amount_fen: Fen, reverses: Option<i64>) -> LedgerEntryRequest {
        LedgerEntryRequest {
            kind,
            amount_fen,
            on: day("2022-06-01"),
            reference: "NO.1".into(),
            reverses,
            note: Some("wrong receipt".into()),
        }
    }

    #[test]
    fn a_deferral_opens_one_entry_a_month_settled_by_the_grants_day() {
        let grant = Grant::UtilityDeferral {
            schedule: vec![
                DeferredMonth {
                    month: "2022-04".into(),
                    amount_fen: 10_000,
                },
                DeferredMonth {
                    month: "2022-05".into(),
                    amount_fen: 12_000,
                },
            ],
            settle_by: day("2022-12-31"),
            late_fees_waived: true,
        };
        let open = openings(&grant);
        assert_eq!(open.len(), 2);
        assert!(
            open.iter()
                .all(|o| o.kind == EntryKind::Deferred && o.due_on == Some(day("2022-12-31")))
        );
        assert_eq!(open[1].month.as_deref(), Some("2022-05"));
    }

    #[test]
    fn a_refunded_rent_is_due_to_the_business_and_an_exempted_one_moves_nothing() {
        let refund = Grant::RentWaiver {
            months: 7,
            amount_fen: 70_000,
            relief: Some(RentRelief::Refund),
        };
        let exempt = Grant::RentWaiver {
            months: 7,
            amount_fen: 70_000,
            relief: Some(RentRelief::Exemption),
        };
        assert_eq!(openings(&refund)[0].kind, EntryKind::RefundDue);
        assert_eq!(openings(&exempt)[0].kind, EntryKind::Waived);
        let b = balance(&[posted(1, EntryKind::Waived, 70_000, None)]);
        assert_eq!(
            (b.granted_fen, b.outstanding_fen, b.side),
            (70_000, 0, None)
        );
    }

    #[test]
    fn settlements_and_their_reversals_move_what_is_outstanding() {
        let entries = [
            posted(1, EntryKind::Deferred, 10_000, None),
            posted(2, EntryKind::Deferred, 12_000, None),
            posted(3, EntryKind::Settled, 15_000, None),
            posted(4, EntryKind::Reversal, 15_000, Some(3)),
            posted(5, EntryKind::Settled, 5_000, None),
        ];
        let b = balance(&entries);
        assert_eq!(b.granted_fen, 22_000);
        assert_eq!(b.outstanding_fen, 17_000);
        assert_eq!(b.side, Some(Side::ToSettle));
        assert_eq!(b.reversed_by.get(&3), Some(&4));
    }

    #[test]
    fn an_entry_closes_no_more_than_is_outstanding_and_only_what_the_grant_opened() {
        let entries = [
            posted(1, EntryKind::Owed, 50_000, None),
            posted(2, EntryKind::Paid, 30_000, None),
        ];
        let (f, t) = (day("2022-01-01"), day("2022-12-31"));
        let too_much = check(&entries, &body(RecordKind::Paid, 20_001, None), f, t);
        assert_eq!(
            too_much.map_err(|e| (e.field, e.problem)),
            Err(("amount_fen", LedgerProblem::MoreThanOutstanding))
        );
        assert!(check(&entries, &body(RecordKind::Paid, 20_000, None), f, t).is_ok());
        let wrong = check(&entries, &body(RecordKind::Refunded, 1, None), f, t);
        assert_eq!(
            wrong.map_err(|e| (e.field, e.problem)),
            Err(("kind", LedgerProblem::NothingToClose))
        );
    }

    #[test]
    fn a_reversal_is_of_a_recorded_entry_of_this_request_once_and_whole() {
        let entries = [
            posted(1, EntryKind::Owed, 50_000, None),
            posted(2, EntryKind::Paid, 30_000, None),
            posted(3, EntryKind::Reversal, 30_000, Some(2)),
            posted(4, EntryKind::Paid, 30_000, None),
        ];
        let (f, t) = (day("2022-01-01"), day("2022-12-31"));
        let problem = |b: LedgerEntryRequest| check(&entries, &b, f, t).map_err(|e| e.problem);
        assert_eq!(
            problem(body(RecordKind::Reversal, 30_000, Some(3))),
            Err(LedgerProblem::ReversalOfReversal)
        );
        assert_eq!(
            problem(body(RecordKind::Reversal, 50_000, Some(1))),
            Err(LedgerProblem::OpeningNotReversible)
        );
        assert_eq!(
            problem(body(RecordKind::Reversal, 30_000, Some(2))),
            Err(LedgerProblem::AlreadyReversed)
        );
        assert_eq!(
            problem(body(RecordKind::Reversal, 30_000, Some(99))),
            Err(LedgerProblem::NotThisRequest)
        );
        assert_eq!(
            problem(body(RecordKind::Reversal, 29_999, Some(4))),
            Err(LedgerProblem::AmountDiffersFromReversed)
        );
        assert_eq!(
            problem(body(RecordKind::Reversal, 30_000, None)),
            Err(LedgerProblem::ReversesRequired)
        );
        assert_eq!(
            problem(body(RecordKind::Paid, 1, Some(4))),
            Err(LedgerProblem::ReversesOnlyForReversal)
        );
        let undone = check(&entries, &body(RecordKind::Reversal, 30_000, Some(4)), f, t);
        assert_eq!(undone.map(|c| c.reverses), Ok(Some((4, EntryKind::Paid))));
    }

    #[test]
    fn the_day_it_happened_lies_between_the_filing_and_today() {
        let entries = [posted(1, EntryKind::Owed, 50_000, None)];
        let mut b = body(RecordKind::Paid, 1_000, None);
        b.on = day("2022-06-02");
        let refused = check(&entries, &b, day("2022-01-01"), day("2022-06-01"));
        assert_eq!(
            refused.map_err(|e| e.problem),
            Err(LedgerProblem::DateInFuture)
        );
        b.on = day("2021-12-31");
        let refused = check(&entries, &b, day("2022-01-01"), day("2022-06-01"));
        assert_eq!(
            refused.map_err(|e| e.problem),
            Err(LedgerProblem::DateBeforeFiling)
        );
    }
}
