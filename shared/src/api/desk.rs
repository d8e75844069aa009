//! Bodies of the officials' desk and the supervising office (`/api/v1/admin/...`).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::account::Role;
use crate::answers::JurisdictionId;
use crate::application::decision::NotRoutine;
use crate::application::{
    DeadlineState, Grant, NoticeAction, NoticeEvent, NoticeState, RequestState,
};
use crate::catalog::{ApplicationKind, DepartmentId, MeasureId};

/// The most items one page of the queue holds, and the default.
pub const QUEUE_MAX_LIMIT: u64 = 200;
pub const QUEUE_DEFAULT_LIMIT: u64 = 50;

/// One line of the queue. Phone numbers and credit codes are masked.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueItem {
    pub id: i64,
    /// `BZ2022-000123`.
    pub number: String,
    pub status: RequestState,
    pub version: i32,
    pub measure: MeasureId,
    pub kind: ApplicationKind,
    pub business_name: String,
    /// `916528**********2A`.
    pub credit_code: String,
    /// `138****1234`.
    pub phone: String,
    pub jurisdiction: Option<JurisdictionId>,
    pub submitted_at: DateTime<Utc>,
    /// The last working day to decide it.
    pub due_at: NaiveDate,
    /// Counted in working days; for a closed request, against the day it was closed.
    pub deadline_state: DeadlineState,
    /// The owner answered what the department asked, and nobody has acted on the request
    /// since (it is back in review, waiting for the official).
    #[serde(default)]
    pub owner_answered: bool,
}

/// `GET /api/v1/admin/requests`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueResponse {
    /// In the order `sort` asked for (by 办结时限 when not given).
    pub items: Vec<QueueItem>,
    /// Send it back as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
    /// Requests per status for the same filters, the status filter aside (the tabs' numbers).
    pub counts: BTreeMap<RequestState, u64>,
    /// For an official: the supervision notices to their department not yet closed.
    #[serde(default)]
    pub notices: Vec<NoticeSummary>,
    /// Years whose holidays nobody has recorded (the shipped national lists end, and no
    /// administrator recorded that year's notice) though a due date falls there: due dates
    /// in them count only weekends and the fixed-date holidays. Administrators record them in
    /// the settings.
    #[serde(default)]
    pub unrecorded_holiday_years: Vec<i32>,
}

/// The queue's filters, as the export takes them too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    pub status: Option<RequestState>,
    pub kind: Option<ApplicationKind>,
    pub measure: Option<MeasureId>,
    pub jurisdiction: Option<JurisdictionId>,
    /// Only requests routed to this department (a supervisor's view of one department; an
    /// official's queue is their own department's already).
    pub department: Option<DepartmentId>,
    /// Filed on or after this day.
    pub from: Option<NaiveDate>,
    /// Filed on or before this day.
    pub to: Option<NaiveDate>,
    /// `true`: only open requests past their last day; `false`: all but those.
    pub overdue: Option<bool>,
    /// Part of the request number, business name or credit code.
    pub q: Option<String>,
    /// The order of the queue; [`QueueSort::Due`] when not given.
    #[serde(default)]
    pub sort: Option<QueueSort>,
}

crate::wire::wire_enum!(
    /// How the queue is ordered.
    QueueSort {
        /// As offices work it: the requests waiting for the department by their last day
        /// (the overdue first), then those waiting for the owner by their last day, then the
        /// closed ones, the latest closed first.
        Due => "due",
        /// The latest filed first.
        Newest => "newest",
        /// The earliest filed first.
        Oldest => "oldest",
    }
);

/// The dashboard's totals: what the office received and decided, on time or not, and what
/// is overdue now.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DashboardTotals {
    pub received: u64,
    pub decided: u64,
    pub decided_on_time: u64,
    /// `decided_on_time / decided`, 0 to 1; `null` before any decision.
    pub on_time_rate: Option<f64>,
    pub overdue_now: u64,
    /// Sum of the approved amounts, in fen.
    pub approved_fen: i64,
    /// Distinct businesses with at least one approved request.
    pub businesses_helped: u64,
}

/// One department's or one jurisdiction's figures on the dashboard.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DashboardRow<K> {
    pub key: K,
    pub received: u64,
    pub decided: u64,
    pub decided_on_time: u64,
    /// `decided_on_time / decided`, 0 to 1; `null` before any decision.
    pub on_time_rate: Option<f64>,
    pub overdue_now: u64,
    /// Mean working days from filing to decision; `null` before any decision.
    pub avg_working_days_to_decide: Option<f64>,
    /// Sum of the approved amounts, in fen.
    pub approved_fen: i64,
    /// Distinct businesses with at least one approved request.
    pub businesses_helped: u64,
    /// Refunds and payments the owners say did not arrive, not yet closed by the department.
    #[serde(default)]
    pub not_received_open: u64,
    /// Confirmations sent to providers, unanswered past their day (departments only).
    #[serde(default)]
    pub confirmations_overdue: u64,
}

/// Requests filed and decided in one week (weeks start on Monday).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WeekFigures {
    pub week_start: NaiveDate,
    pub received: u64,
    pub decided: u64,
}

/// `GET /api/v1/admin/dashboard`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DashboardResponse {
    pub as_of: NaiveDate,
    /// The period asked for (requests filed from `from` to `to`, Beijing days); both `null`:
    /// every request.
    #[serde(default)]
    pub from: Option<NaiveDate>,
    #[serde(default)]
    pub to: Option<NaiveDate>,
    /// The whole office's figures over the period, each request counted once (a request
    /// routed to two departments is in both their rows).
    #[serde(default)]
    pub totals: DashboardTotals,
    pub departments: Vec<DashboardRow<DepartmentId>>,
    pub jurisdictions: Vec<DashboardRow<JurisdictionId>>,
    pub weeks: Vec<WeekFigures>,
    /// Years whose holidays nobody has recorded (the shipped national lists end, and no
    /// administrator recorded that year's notice) though a due date falls there: due dates
    /// in them count only weekends and the fixed-date holidays. Administrators record them in
    /// the settings.
    #[serde(default)]
    pub unrecorded_holiday_years: Vec<i32>,
}

/// `POST /api/v1/admin/notices`: a supervisor's 督办 notice to a department.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct IssueNoticeRequest {
    pub department: DepartmentId,
    /// The department's overdue requests the notice is about (ids, 1 to
    /// [`NOTICE_MAX_REQUESTS`]).
    pub requests: Vec<i64>,
    /// The day by which the department reports what it did.
    pub deadline: NaiveDate,
    /// What the supervising office asks (1 to [`NOTICE_MAX_TEXT`] characters).
    pub message: String,
}

/// The most requests one notice lists, and the longest message or comment.
pub const NOTICE_MAX_REQUESTS: usize = 500;
pub const NOTICE_MAX_TEXT: usize = 2000;

/// `POST /api/v1/admin/notices/{id}/actions`: one step of a notice.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct NoticeActionRequest {
    pub action: NoticeAction,
    /// Required to ask for an extension (why), refuse one (why not) and report (what was done).
    #[serde(default)]
    pub comment: Option<String>,
    /// The deadline asked for (`request_extension`, required) or granted
    /// (`grant_extension`: absent grants the day asked).
    #[serde(default)]
    pub deadline: Option<NaiveDate>,
}

/// A request a notice is about, as it stands now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeRequestRef {
    pub id: i64,
    pub number: String,
    pub status: RequestState,
    pub due_at: NaiveDate,
}

/// One step in a notice's history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeEventView {
    pub at: DateTime<Utc>,
    pub kind: NoticeEvent,
    pub actor_id: i64,
    pub actor_role: Role,
    pub from: Option<NoticeState>,
    pub to: NoticeState,
    pub comment: Option<String>,
    /// The deadline asked for or granted by this step.
    pub deadline: Option<NaiveDate>,
}

/// A notice with the requests it lists and its history.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeView {
    pub id: i64,
    /// `督办〔2026〕3号`: the office's number, counted in each year of issue.
    #[serde(default)]
    pub number: String,
    pub department: DepartmentId,
    pub status: NoticeState,
    pub message: String,
    pub deadline: NaiveDate,
    /// The later deadline the department asked for, while the supervisor decides.
    pub requested_deadline: Option<NaiveDate>,
    pub issued_by: i64,
    pub issued_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    pub requests: Vec<NoticeRequestRef>,
    pub history: Vec<NoticeEventView>,
    /// What the caller may do now.
    pub allowed_actions: Vec<NoticeAction>,
}

/// A line of the notices list, and of the open notices shown on a department's queue.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeSummary {
    pub id: i64,
    /// `督办〔2026〕3号`.
    #[serde(default)]
    pub number: String,
    pub department: DepartmentId,
    pub status: NoticeState,
    pub message: String,
    pub deadline: NaiveDate,
    pub issued_at: DateTime<Utc>,
    /// How many requests it lists.
    pub requests: u64,
}

/// `GET /api/v1/admin/notices`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct NoticeList {
    /// Newest issued first.
    pub items: Vec<NoticeSummary>,
}

/// `GET /api/v1/admin/requests/{id}/contact`: one request's owner contact, unmasked. Each
/// read is written to the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ContactView {
    pub request_id: i64,
    pub phone: String,
    /// `null` when the account's business holds no code now (an administrator released it).
    pub credit_code: Option<String>,
}

/// One entry of the audit log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditEntryView {
    pub id: i64,
    pub at: DateTime<Utc>,
    pub actor_id: Option<i64>,
    pub actor_role: Option<String>,
    /// `login`, `user_created`, `contact_revealed`, `notice_issued`, …
    pub action: String,
    pub target_id: Option<i64>,
    /// `138****1234`.
    pub phone_masked: Option<String>,
    pub client_addr: Option<String>,
    pub detail: Option<String>,
}

/// The most entries one page of the audit log holds, and the default.
pub const AUDIT_MAX_LIMIT: u64 = 500;
pub const AUDIT_DEFAULT_LIMIT: u64 = 100;

/// `GET /api/v1/admin/audit?actor=&action=&from=&to=&cursor=&limit=`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AuditPage {
    /// Newest first.
    pub items: Vec<AuditEntryView>,
    /// Send it back as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
}

/// The longest saved comment phrase (常用语), and how many a department keeps.
pub const PHRASE_MAX_CHARS: usize = 200;
pub const PHRASES_PER_DEPARTMENT: usize = 100;

/// `POST /api/v1/admin/phrases`, `PUT /api/v1/admin/phrases/{id}`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PhraseRequest {
    /// 1 to [`PHRASE_MAX_CHARS`] characters.
    pub text: String,
}

/// A department's saved comment phrase.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhraseView {
    pub id: i64,
    pub department: DepartmentId,
    pub text: String,
    pub updated_at: DateTime<Utc>,
}

/// `GET /api/v1/admin/phrases`: the caller's department's phrases, oldest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PhraseList {
    pub items: Vec<PhraseView>,
}

/// The most requests one batch approval takes.
pub const BATCH_MAX: usize = 100;

/// One request of a batch approval: its id, the version read and what it grants.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BatchApprovalItem {
    pub id: i64,
    pub version: i32,
    pub grant: Grant,
}

/// `POST /api/v1/admin/requests/batch-approval`: approves routine requests one by one, each
/// checked (visibility, version, state machine, grant) and recorded as if approved alone; a
/// submitted request is taken into review first (two events).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BatchApprovalRequest {
    /// 1 to [`BATCH_MAX`] requests, each once.
    pub items: Vec<BatchApprovalItem>,
    #[serde(default)]
    pub comment: Option<String>,
}

/// What became of one request of a batch.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchOutcome {
    pub id: i64,
    pub approved: bool,
    /// The request's state and version after the batch (absent when it could not be read).
    pub status: Option<RequestState>,
    pub version: Option<i32>,
    /// Why it was not approved.
    pub error: Option<crate::api::ErrorDetail>,
}

/// The outcome of each request, in the order sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchApprovalResponse {
    pub results: Vec<BatchOutcome>,
}

/// `POST /api/v1/admin/requests/{id}/handover`: gives an open request to a colleague of the
/// same department who covers its jurisdiction.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HandoverRequest {
    /// The colleague's account id.
    pub to: i64,
    #[serde(default)]
    pub comment: Option<String>,
}

/// `POST /api/v1/admin/requests/{id}/comments`: a note between the departments sharing a
/// request (an assisting department's opinion to the one that leads).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CommentRequest {
    /// 1 to 2,000 characters, not all blank.
    #[cfg_attr(
        feature = "openapi",
        schema(min_length = 1, max_length = 2000, pattern = r"\S")
    )]
    pub comment: String,
}

/// `POST /api/v1/admin/requests/batch-approval/preview`: the requests an official selected.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct BatchPreviewRequest {
    /// 1 to [`BATCH_MAX`] request ids, each once.
    pub ids: Vec<i64>,
}

/// One selected request with the grant the engine proposes for it, or why it is decided
/// one by one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchProposal {
    pub id: i64,
    pub number: String,
    pub business_name: String,
    pub measure: MeasureId,
    pub status: RequestState,
    /// Send it back with the batch: a request changed meanwhile is refused.
    pub version: i32,
    pub grant: Option<Grant>,
    pub not_routine: Option<NotRoutine>,
}

/// The selected requests the caller may see, in the order sent (any other id is left out,
/// its existence not told).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BatchPreviewResponse {
    pub items: Vec<BatchProposal>,
}

/// An official who may take a request over.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ColleagueView {
    pub id: i64,
    /// `138****1234`.
    pub phone_masked: String,
    /// Their name, where recorded.
    #[serde(default)]
    pub name: Option<String>,
    pub jurisdictions: Vec<JurisdictionId>,
}

/// `GET /api/v1/admin/requests/{id}/colleagues`: the active officials of the caller's
/// department covering the request's jurisdiction, the caller aside.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ColleagueList {
    pub items: Vec<ColleagueView>,
}
