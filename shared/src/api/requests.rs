//! Bodies of `/api/v1/requests` (owners) and `/api/v1/admin/requests` (officials).

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};

use crate::account::Role;
use crate::answers::{Answers, JurisdictionId};
use crate::application::decision::Grant;
use crate::application::{Action, DocumentPurpose, DocumentType, EventKind, RequestState};
use crate::catalog::{ApplicationKind, DepartmentId, MeasureId};

use super::{ErrorDetail, ReasonView};

/// `POST /api/v1/requests`, with an `Idempotency-Key` header.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FileRequest {
    pub measure: MeasureId,
    pub kind: ApplicationKind,
    /// The questionnaire answers, as for `POST /api/v1/eligibility`: stored with the request.
    #[serde(default, deserialize_with = "crate::wire::object")]
    pub answers: Answers,
    /// The kind's fields (`RentWaiverPayload`, ...).
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub payload: serde_json::Value,
    /// The `src` of the link the owner arrived by (`poster-korla`): approvals are counted per
    /// source. A code no channel names is kept as `other`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<String>,
}

/// One request as its owner, its officials and the supervisors see it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestView {
    pub id: i64,
    /// `BZ2022-000123`.
    pub number: String,
    pub measure: MeasureId,
    pub kind: ApplicationKind,
    pub status: RequestState,
    /// Send it back as `If-Match` with a decision.
    pub version: i32,
    pub business_name: String,
    pub departments: Vec<DepartmentId>,
    /// The department that leads and decides (牵头单位) where several share it; the others
    /// assist. `null` for requests filed before leads were kept.
    #[serde(default)]
    pub lead_department: Option<DepartmentId>,
    /// Where the business is (officials of that jurisdiction see it).
    pub jurisdiction: Option<JurisdictionId>,
    pub catalog_version: String,
    pub filed_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
    /// The last day to decide it; while the department waits on the owner (`needs_info`) the
    /// time limit stands still and this moves on when the owner answers.
    pub due_on: NaiveDate,
    /// The day the department asked the owner for more, while it waits.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused_on: Option<NaiveDate>,
    pub answers: Answers,
    #[cfg_attr(feature = "openapi", schema(value_type = Object))]
    pub payload: serde_json::Value,
    /// What the approval granted.
    pub grant: Option<Grant>,
    /// The actions the caller may take now.
    pub allowed_actions: Vec<Action>,
    /// The official it was handed over to last (staff see it; `null` for owners).
    #[serde(default)]
    pub assignee_id: Option<i64>,
    pub history: Vec<EventView>,
    pub documents: Vec<DocumentView>,
    /// For staff: whether a department has checked the owner's business licence (核验).
    /// Until one has, anyone could have registered the business's public code: check the
    /// licence among the documents, and record it. `null` for owners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub business_check: Option<BusinessCheck>,
}

/// Whether the business a request is filed for was checked against its licence.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct BusinessCheck {
    /// When a department recorded that the licence matches the account's business.
    pub verified_at: Option<DateTime<Utc>>,
    /// The department that did.
    pub verified_by: Option<DepartmentId>,
    /// This is the first request the account filed.
    pub first_request: bool,
}

/// A line of a list of requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RequestSummary {
    pub id: i64,
    pub number: String,
    pub measure: MeasureId,
    pub kind: ApplicationKind,
    pub status: RequestState,
    pub version: i32,
    pub jurisdiction: Option<JurisdictionId>,
    pub filed_at: DateTime<Utc>,
    pub due_on: NaiveDate,
}

/// One event of a request's history (appended, never changed).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct EventView {
    pub at: DateTime<Utc>,
    pub kind: EventKind,
    pub actor_role: Role,
    /// Who did it: shown to officials and supervisors, not to owners.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<i32>,
    /// The staff member's name, where recorded: shown to officials and supervisors only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_name: Option<String>,
    pub from: Option<RequestState>,
    pub to: RequestState,
    pub comment: Option<String>,
    /// Documents attached with it.
    pub documents: Vec<i64>,
    /// The revision of administrators' facts and settings in force when it happened
    /// (`GET /api/v1/admin/settings` lists them in order); `null` before revisions were kept.
    #[serde(default)]
    pub rules_revision: Option<i64>,
    /// The due date this step set: at filing, and when the owner's answer moved it on.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due_on: Option<NaiveDate>,
    /// The working days the time limit stood still while the department waited on the
    /// owner, on the step that ended the wait.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paused_working_days: Option<u32>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct DocumentView {
    pub id: i64,
    pub purpose: DocumentPurpose,
    #[serde(rename = "type")]
    pub doc_type: DocumentType,
    pub size: i64,
    pub uploaded_at: DateTime<Utc>,
}

/// `POST /api/v1/admin/requests/{id}/decision`, with `If-Match: <version>`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DecisionRequest {
    /// `review`, `ask`, `approve` or `reject`.
    pub action: Action,
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub comment: Option<String>,
    /// What an approval grants (required with `approve`).
    #[serde(default, deserialize_with = "crate::wire::optional_object")]
    pub grant: Option<Grant>,
}

/// `POST /api/v1/requests/{id}/answer` (to `needs_info`) and `/withdraw`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct OwnerActionRequest {
    #[serde(default)]
    #[cfg_attr(feature = "openapi", schema(max_length = 2000))]
    pub comment: Option<String>,
    /// Documents already uploaded to the request, attached to this step.
    #[serde(default)]
    pub documents: Vec<i64>,
}

/// The 422 of a refused filing: the reasons it is not eligible, or the window.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct RefusedBody {
    pub error: ErrorDetail,
    pub reasons: Vec<ReasonView>,
}

/// An in-app message to an owner.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessageView {
    pub id: i64,
    pub request_id: i64,
    pub number: String,
    pub status: RequestState,
    pub text: String,
    pub at: DateTime<Utc>,
    pub read: bool,
    /// A reminder that a deferral's settle-by day is near, instead of a change of state.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reminder: Option<ReminderView>,
}

/// A reminder of a settle-by day: the day, what is still to settle, the days left.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderView {
    pub due_on: NaiveDate,
    pub outstanding_fen: i64,
    pub days_left: u32,
    /// For a reminder on a utility's monthly cycle (before its meter reading): which.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub utility: Option<crate::answers::Utility>,
}

/// The webhook's body for a reminder (`event`: `settle_reminder`), signed as the others.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ReminderWebhook {
    pub delivery_id: i64,
    pub request_id: i64,
    pub number: String,
    /// Always `settle_reminder`.
    pub event: String,
    pub owner_id: i32,
    pub at: DateTime<Utc>,
    #[serde(flatten)]
    pub reminder: ReminderView,
}

/// `GET /api/v1/messages`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct MessagesResponse {
    pub unread: u64,
    pub messages: Vec<MessageView>,
}

/// The body the webhook receives (signed: `X-Shukun-Signature: sha256=<hex HMAC of the body>`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct WebhookEvent {
    /// The outbox row: the same delivery may arrive twice; deduplicate on it.
    pub delivery_id: i64,
    pub request_id: i64,
    pub number: String,
    pub event: EventKind,
    pub status: RequestState,
    /// The owner's user id (the gateway looks up their WeChat or phone).
    pub owner_id: i32,
    pub at: DateTime<Utc>,
}
