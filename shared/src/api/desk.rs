//! Bodies of the officials' desk and the supervising office (`/api/v1/admin/...`).

use std::collections::BTreeMap;

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::answers::JurisdictionId;
use crate::application::{DeadlineState, RequestState};
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
}

/// `GET /api/v1/admin/requests`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct QueueResponse {
    /// Newest filed first.
    pub items: Vec<QueueItem>,
    /// Send it back as `cursor` for the next page; `null` on the last page.
    pub next_cursor: Option<String>,
    /// Requests per status for the same filters, the status filter aside (the tabs' numbers).
    pub counts: BTreeMap<RequestState, u64>,
}

/// The queue's filters, as the export takes them too.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct QueueFilter {
    pub status: Option<RequestState>,
    pub kind: Option<ApplicationKind>,
    pub measure: Option<MeasureId>,
    pub jurisdiction: Option<JurisdictionId>,
    /// Filed on or after this day.
    pub from: Option<NaiveDate>,
    /// Filed on or before this day.
    pub to: Option<NaiveDate>,
    /// `true`: only open requests past their last day; `false`: all but those.
    pub overdue: Option<bool>,
    /// Part of the request number, business name or credit code.
    pub q: Option<String>,
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
    pub departments: Vec<DashboardRow<DepartmentId>>,
    pub jurisdictions: Vec<DashboardRow<JurisdictionId>>,
    pub weeks: Vec<WeekFigures>,
}
