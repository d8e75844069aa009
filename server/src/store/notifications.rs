//! Owners' in-app messages and the webhook outbox.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::{Expr, ExprTrait};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use shared::application::RequestState;

use super::entities::{message, outbox, request};
use super::parse_wire;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct MessageRecord {
    pub id: i32,
    pub request_id: i32,
    pub number: String,
    pub status: RequestState,
    pub at: DateTime<Utc>,
    pub read: bool,
    /// A reminder of a settle-by day, instead of a change of state.
    pub reminder: Option<shared::api::requests::ReminderView>,
}

/// Tells an owner a deferral's settle-by day is near (the request stays as it is).
pub async fn insert_reminder_message(
    db: &DatabaseTransaction,
    user_id: i32,
    request_id: i32,
    status: RequestState,
    at: DateTime<Utc>,
    reminder: &shared::api::requests::ReminderView,
) -> Result<(), DbErr> {
    message::Entity::insert(message::ActiveModel {
        user_id: Set(user_id),
        request_id: Set(request_id),
        status: Set(status.as_str().into()),
        at: Set(at),
        read_at: Set(None),
        reminder_due_on: Set(Some(reminder.due_on)),
        reminder_fen: Set(Some(reminder.outstanding_fen)),
        reminder_days: Set(Some(i32::try_from(reminder.days_left).unwrap_or(i32::MAX))),
        reminder_utility: Set(reminder.utility.map(|u| u.as_str().to_string())),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub async fn insert_message(
    db: &DatabaseTransaction,
    user_id: i32,
    request_id: i32,
    status: RequestState,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    message::Entity::insert(message::ActiveModel {
        user_id: Set(user_id),
        request_id: Set(request_id),
        status: Set(status.as_str().into()),
        at: Set(at),
        read_at: Set(None),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// An owner's messages, newest first, with the requests' numbers.
pub async fn messages(
    db: &impl ConnectionTrait,
    user_id: i32,
) -> Result<Vec<MessageRecord>, DbErr> {
    let rows = message::Entity::find()
        .filter(message::Column::UserId.eq(user_id))
        .order_by_desc(message::Column::Id)
        .limit(200)
        .all(db)
        .await?;
    let ids: Vec<i32> = rows.iter().map(|m| m.request_id).collect();
    let numbers: Vec<(i32, Option<String>)> = request::Entity::find()
        .select_only()
        .column(request::Column::Id)
        .column(request::Column::Number)
        .filter(request::Column::Id.is_in(ids))
        .into_tuple()
        .all(db)
        .await?;
    rows.into_iter()
        .map(|m| {
            Ok(MessageRecord {
                id: m.id,
                request_id: m.request_id,
                number: numbers
                    .iter()
                    .find(|(id, _)| *id == m.request_id)
                    .and_then(|(_, n)| n.clone())
                    .unwrap_or_default(),
                status: parse_wire(RequestState::ALL, RequestState::as_str, &m.status)?,
                at: m.at,
                read: m.read_at.is_some(),
                reminder: match (m.reminder_due_on, m.reminder_fen, m.reminder_days) {
                    (Some(due_on), Some(outstanding_fen), Some(days)) => {
                        Some(shared::api::requests::ReminderView {
                            due_on,
                            outstanding_fen,
                            days_left: u32::try_from(days).unwrap_or(0),
                            utility: m.reminder_utility.as_deref().and_then(
                                <shared::answers::Utility as shared::wire::WireName>::from_wire,
                            ),
                        })
                    }
                    _ => None,
                },
            })
        })
        .collect()
}

pub async fn unread(db: &impl ConnectionTrait, user_id: i32) -> Result<u64, DbErr> {
    message::Entity::find()
        .filter(message::Column::UserId.eq(user_id))
        .filter(message::Column::ReadAt.is_null())
        .count(db)
        .await
}

/// Marks one message (or all with `None`) of a user read; the number marked.
pub async fn mark_read(
    db: &DatabaseTransaction,
    user_id: i32,
    id: Option<i32>,
    at: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let mut update = message::Entity::update_many()
        .col_expr(message::Column::ReadAt, Expr::value(at))
        .filter(message::Column::UserId.eq(user_id))
        .filter(message::Column::ReadAt.is_null());
    if let Some(id) = id {
        update = update.filter(message::Column::Id.eq(id));
    }
    Ok(update.exec(db).await?.rows_affected)
}

/// Whether a message is the user's.
pub async fn owns_message(db: &impl ConnectionTrait, user_id: i32, id: i32) -> Result<bool, DbErr> {
    Ok(message::Entity::find_by_id(id)
        .filter(message::Column::UserId.eq(user_id))
        .one(db)
        .await?
        .is_some())
}

/// An outbox row waiting to be delivered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutboxRecord {
    pub id: i32,
    pub body: String,
    pub attempts: i32,
}

/// Queues an event; its body is built by `body(id)` once the row has its id.
pub async fn enqueue(
    db: &DatabaseTransaction,
    request_id: i32,
    event: &str,
    at: DateTime<Utc>,
    body: impl FnOnce(i32) -> String,
) -> Result<(), DbErr> {
    let r = outbox::Entity::insert(outbox::ActiveModel {
        request_id: Set(request_id),
        event: Set(event.into()),
        body: Set(String::new()),
        attempts: Set(0),
        next_attempt_at: Set(at),
        delivered_at: Set(None),
        last_error: Set(None),
        created_at: Set(at),
        ..Default::default()
    })
    .exec(db)
    .await?;
    let id = r.last_insert_id;
    outbox::Entity::update_many()
        .col_expr(outbox::Column::Body, Expr::value(body(id)))
        .filter(outbox::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Rows due for (re)delivery, oldest first.
pub async fn due(
    db: &impl ConnectionTrait,
    now: DateTime<Utc>,
    limit: u64,
) -> Result<Vec<OutboxRecord>, DbErr> {
    Ok(outbox::Entity::find()
        .filter(outbox::Column::DeliveredAt.is_null())
        .filter(outbox::Column::NextAttemptAt.lte(now))
        .order_by_asc(outbox::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|m| OutboxRecord {
            id: m.id,
            body: m.body,
            attempts: m.attempts,
        })
        .collect())
}

pub async fn delivered(db: &DatabaseTransaction, id: i32, at: DateTime<Utc>) -> Result<(), DbErr> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::DeliveredAt, Expr::value(at))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .filter(outbox::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

pub async fn failed(
    db: &DatabaseTransaction,
    id: i32,
    next: DateTime<Utc>,
    error: &str,
) -> Result<(), DbErr> {
    outbox::Entity::update_many()
        .col_expr(outbox::Column::NextAttemptAt, Expr::value(next))
        .col_expr(
            outbox::Column::Attempts,
            Expr::col(outbox::Column::Attempts).add(1),
        )
        .col_expr(outbox::Column::LastError, Expr::value(error))
        .filter(outbox::Column::Id.eq(id))
        .exec(db)
        .await?;
    Ok(())
}

/// Rows not delivered yet (for tests and the load script's report).
pub async fn pending(db: &impl ConnectionTrait) -> Result<u64, DbErr> {
    outbox::Entity::find()
        .filter(outbox::Column::DeliveredAt.is_null())
        .count(db)
        .await
}
