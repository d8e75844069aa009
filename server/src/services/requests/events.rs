//! The one way a request's history grows. Every change of a request (its filing, each step,
//! a document added, a handover, a note between departments) is recorded here, in the
//! transaction that makes the change; by the event's kind ([`EventKind::is_announced`]) the
//! owner is told (a message) and the webhook's outbox row is queued in the same transaction.

use sea_orm::{DatabaseTransaction, DbErr};
use shared::api::requests::WebhookEvent;
use shared::application::EventKind;

use crate::AppState;
use crate::services::Actor;
use crate::store::notifications;
use crate::store::requests::{self as store, EventRecord, RequestRecord};

/// Appends `event` to the request's history and, when its kind is announced, tells the
/// owner and queues the webhook.
pub(super) async fn record(
    txn: &DatabaseTransaction,
    request: &RequestRecord,
    event: &EventRecord,
) -> Result<(), DbErr> {
    store::append_event(txn, request.id, event).await?;
    if !event.kind.is_announced() {
        return Ok(());
    }
    notifications::insert_message(txn, request.owner_id, request.id, event.to, event.at).await?;
    let (request_id, owner_id) = (request.id, request.owner_id);
    let (kind, status, at) = (event.kind, event.to, event.at);
    notifications::enqueue(txn, request.id, kind.as_str(), at, |id| {
        serde_json::to_string(&WebhookEvent {
            delivery_id: i64::from(id),
            request_id: i64::from(request_id),
            number: request.number.clone(),
            event: kind,
            status,
            owner_id,
            at,
        })
        .unwrap_or_default()
    })
    .await
}

/// An event at `at` that leaves the state as it is: a document added, a handover, a note
/// between departments.
pub(super) fn beside(
    state: &AppState,
    at: chrono::DateTime<chrono::Utc>,
    request: &RequestRecord,
    caller: &Actor,
    kind: EventKind,
    comment: Option<String>,
    documents: Vec<i64>,
) -> EventRecord {
    EventRecord {
        at,
        actor_id: caller.id,
        actor_role: caller.role,
        kind,
        from: Some(request.status),
        to: request.status,
        comment,
        documents,
        rules_revision: i32::try_from(state.active().revision).ok(),
        due_on: None,
        paused_working_days: None,
    }
}
