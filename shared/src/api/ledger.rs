//! Bodies of the ledger: `/api/v1/requests/{id}/ledger` (the owner),
//! `/api/v1/admin/requests/{id}/ledger` (officials) and `/api/v1/admin/ledger/summary`
//! (supervisors).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::account::Role;
use crate::answers::JurisdictionId;
use crate::application::ledger::{EntryKind, Side};
use crate::catalog::DepartmentId;
use crate::money::Fen;

/// One entry, as it was written.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerEntryView {
    pub id: i64,
    pub kind: EntryKind,
    /// Always above 0: the kind says which way it goes.
    pub amount_fen: Fen,
    /// The day it happened (the decision's day for what the decision opened).
    pub on: NaiveDate,
    /// The month deferred (`YYYY-MM`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub month: Option<String>,
    /// The day a deferred bill is to be settled by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_on: Option<NaiveDate>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// For a reversal: the entry it reverses.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reverses: Option<i64>,
    /// The reversal that undid this entry, if one did.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reversed_by: Option<i64>,
    /// When it was written.
    pub recorded_at: DateTime<Utc>,
    /// Who wrote it: the role, and their department.
    pub by: Role,
    pub department: DepartmentId,
    /// The official who wrote it: shown to officials and supervisors, not to owners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub by_id: Option<i32>,
    /// For a refund or a payment: whether the owner says it arrived (once answered).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub receipt: Option<ReceiptView>,
}

/// The owner's answer to "did you receive it?" for a refund or a payment, and, for a "no",
/// what the department found.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReceiptView {
    pub received: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub answered_at: DateTime<Utc>,
    /// When the department closed the "not received" it was told (`null` while open).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolved_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub resolution: Option<String>,
}

/// `POST /api/v1/requests/{id}/ledger/{entry}/receipt`: the owner says whether a refund or a
/// payment arrived (once).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ReceiptRequest {
    pub received: bool,
    /// What the owner adds (the account it should have reached, what arrived).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    #[cfg_attr(feature = "openapi", schema(max_length = 500))]
    pub note: Option<String>,
}

/// `POST /api/v1/admin/requests/{id}/ledger/{entry}/resolution`: what the department found
/// about money the owner did not receive, closing the work item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ResolutionRequest {
    #[cfg_attr(feature = "openapi", schema(min_length = 1, max_length = 500))]
    pub resolution: String,
}

/// A "not received" the department has not closed yet: its work item.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MissingReceipt {
    pub request_id: i64,
    pub number: String,
    pub entry_id: i64,
    pub kind: EntryKind,
    pub amount_fen: Fen,
    pub department: DepartmentId,
    pub jurisdiction: Option<JurisdictionId>,
    pub answered_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
}

/// A request's ledger: its entries in the order written, and what they sum to.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerView {
    pub entries: Vec<LedgerEntryView>,
    /// What the decision granted (0 before an approval, and for a registration).
    pub granted_fen: Fen,
    /// Still to be settled by the business (`to_settle`) or still to reach it
    /// (`to_receive`).
    pub outstanding_fen: Fen,
    /// Which way the outstanding amount goes; `null` when nothing is to move.
    pub side: Option<Side>,
    /// The last day the deferred bills are to be settled by.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub settle_by: Option<NaiveDate>,
}

/// The ledger's sums over one group of requests.
#[derive(Debug, Clone, PartialEq, Eq, Default, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerTotals {
    /// Requests with entries.
    pub requests: u64,
    pub granted_fen: Fen,
    /// Deferred bills the businesses still owe.
    pub to_settle_fen: Fen,
    /// Refunds and rewards still to reach the businesses.
    pub to_receive_fen: Fen,
    /// Settled, refunded and paid, net of reversals.
    pub closed_fen: Fen,
    /// Refunds and payments the owners say did not arrive, not yet closed by the department.
    pub not_received_open: u64,
}

impl LedgerTotals {
    /// Adds an entry (`reversed`: for a reversal, the kind of the entry it undoes): what the
    /// approvals granted, what is still to settle or to receive, and what closing entries
    /// moved, net of their reversals. Requests are counted apart.
    pub fn add(&mut self, kind: EntryKind, amount: Fen, reversed: Option<EntryKind>) {
        if kind.is_opening() {
            self.granted_fen = self.granted_fen.saturating_add(amount);
        }
        match crate::application::ledger::effect(kind, amount, reversed) {
            (Some(Side::ToSettle), d) => self.to_settle_fen = self.to_settle_fen.saturating_add(d),
            (Some(Side::ToReceive), d) => {
                self.to_receive_fen = self.to_receive_fen.saturating_add(d)
            }
            (None, _) => {}
        }
        if kind.is_closing() {
            self.closed_fen = self.closed_fen.saturating_add(amount);
        } else if kind == EntryKind::Reversal && reversed.is_some_and(EntryKind::is_closing) {
            self.closed_fen = self.closed_fen.saturating_sub(amount);
        }
    }
}

/// One department's sums (the department that decided the requests).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DepartmentLedger {
    pub department: DepartmentId,
    #[serde(flatten)]
    pub totals: LedgerTotals,
}

/// One county's sums (where the businesses are; `null`: not said).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CountyLedger {
    pub jurisdiction: Option<JurisdictionId>,
    #[serde(flatten)]
    pub totals: LedgerTotals,
}

/// `GET /api/v1/admin/ledger/summary`: the ledger's sums by department and county.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LedgerSummary {
    pub departments: Vec<DepartmentLedger>,
    pub counties: Vec<CountyLedger>,
    pub totals: LedgerTotals,
}
