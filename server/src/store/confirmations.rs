//! Confirmations sent to providers, and their lines.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use shared::api::confirmations::LineState;
use shared::catalog::DepartmentId;

use super::entities::{confirmation, confirmation_line as line};
use super::{parse_department, parse_wire};

/// A confirmation as the services see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfirmationRecord {
    pub id: i32,
    pub department: DepartmentId,
    pub provider: String,
    pub month: String,
    pub created_at: DateTime<Utc>,
    pub created_by: i32,
    pub answer_by: NaiveDate,
    pub expires_at: DateTime<Utc>,
    pub answered_at: Option<DateTime<Utc>>,
    pub answered_by: Option<String>,
}

/// A line as the services see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LineRecord {
    pub id: i32,
    pub confirmation_id: i32,
    pub request_id: i32,
    pub opening_id: i32,
    pub expected_fen: i64,
    pub state: LineState,
    pub confirmed_fen: Option<i64>,
    pub confirmed_on: Option<NaiveDate>,
    pub reason: Option<String>,
    pub entry_id: Option<i32>,
}

fn record(m: confirmation::Model) -> Result<ConfirmationRecord, DbErr> {
    Ok(ConfirmationRecord {
        id: m.id,
        department: parse_department(&m.department)?,
        provider: m.provider,
        month: m.month,
        created_at: m.created_at,
        created_by: m.created_by,
        answer_by: m.answer_by,
        expires_at: m.expires_at,
        answered_at: m.answered_at,
        answered_by: m.answered_by,
    })
}

fn line_record(m: line::Model) -> Result<LineRecord, DbErr> {
    Ok(LineRecord {
        id: m.id,
        confirmation_id: m.confirmation_id,
        request_id: m.request_id,
        opening_id: m.opening_id,
        expected_fen: m.expected_fen,
        state: parse_wire(LineState::ALL, LineState::as_str, &m.state)?,
        confirmed_fen: m.confirmed_fen,
        confirmed_on: m.confirmed_on,
        reason: m.reason,
        entry_id: m.entry_id,
    })
}

/// A confirmation to write, with its lines (request, opening, amount).
pub struct NewConfirmation<'a> {
    pub department: DepartmentId,
    pub provider: &'a str,
    pub month: &'a str,
    pub token_hash: &'a str,
    pub at: DateTime<Utc>,
    pub by: i32,
    pub answer_by: NaiveDate,
    pub expires_at: DateTime<Utc>,
    pub lines: &'a [(i32, i32, i64)],
}

pub async fn insert(txn: &DatabaseTransaction, new: NewConfirmation<'_>) -> Result<i32, DbErr> {
    let id = confirmation::Entity::insert(confirmation::ActiveModel {
        department: Set(new.department.as_str().into()),
        provider: Set(new.provider.into()),
        month: Set(new.month.into()),
        token_hash: Set(new.token_hash.into()),
        created_at: Set(new.at),
        created_by: Set(new.by),
        answer_by: Set(new.answer_by),
        expires_at: Set(new.expires_at),
        answered_at: Set(None),
        answered_by: Set(None),
        ..Default::default()
    })
    .exec(txn)
    .await?
    .last_insert_id;
    line::Entity::insert_many(
        new.lines
            .iter()
            .map(|(request, opening, fen)| line::ActiveModel {
                confirmation_id: Set(id),
                request_id: Set(*request),
                opening_id: Set(*opening),
                expected_fen: Set(*fen),
                state: Set(LineState::Pending.as_str().into()),
                ..Default::default()
            }),
    )
    .exec_without_returning(txn)
    .await?;
    Ok(id)
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<ConfirmationRecord>, DbErr> {
    confirmation::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(record)
        .transpose()
}

pub async fn by_token(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<ConfirmationRecord>, DbErr> {
    confirmation::Entity::find()
        .filter(confirmation::Column::TokenHash.eq(token_hash))
        .one(db)
        .await?
        .map(record)
        .transpose()
}

/// Confirmations, newest first: one department's, or all.
pub async fn list(
    db: &impl ConnectionTrait,
    department: Option<DepartmentId>,
) -> Result<Vec<ConfirmationRecord>, DbErr> {
    let mut q = confirmation::Entity::find().order_by_desc(confirmation::Column::Id);
    if let Some(d) = department {
        q = q.filter(confirmation::Column::Department.eq(d.as_str()));
    }
    q.all(db).await?.into_iter().map(record).collect()
}

pub async fn lines(
    db: &impl ConnectionTrait,
    confirmation_id: i32,
) -> Result<Vec<LineRecord>, DbErr> {
    line::Entity::find()
        .filter(line::Column::ConfirmationId.eq(confirmation_id))
        .order_by_asc(line::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(line_record)
        .collect()
}

/// The lines that list any of these openings (to keep one opening on one open confirmation).
pub async fn lines_of_openings(
    db: &impl ConnectionTrait,
    openings: &[i32],
) -> Result<Vec<LineRecord>, DbErr> {
    if openings.is_empty() {
        return Ok(Vec::new());
    }
    line::Entity::find()
        .filter(line::Column::OpeningId.is_in(openings.iter().copied()))
        .all(db)
        .await?
        .into_iter()
        .map(line_record)
        .collect()
}

/// Records a line's answer.
pub async fn answer_line(
    txn: &DatabaseTransaction,
    id: i32,
    state: LineState,
    confirmed_fen: Option<i64>,
    confirmed_on: Option<NaiveDate>,
    reason: Option<String>,
    entry_id: Option<i32>,
) -> Result<(), DbErr> {
    line::Entity::update_many()
        .col_expr(line::Column::State, Expr::value(state.as_str()))
        .col_expr(line::Column::ConfirmedFen, Expr::value(confirmed_fen))
        .col_expr(line::Column::ConfirmedOn, Expr::value(confirmed_on))
        .col_expr(line::Column::Reason, Expr::value(reason))
        .col_expr(line::Column::EntryId, Expr::value(entry_id))
        .filter(line::Column::Id.eq(id))
        .exec(txn)
        .await?;
    Ok(())
}

/// Marks a confirmation answered, once: `false` when it was answered already (another
/// answer won the race).
pub async fn mark_answered(
    txn: &DatabaseTransaction,
    id: i32,
    at: DateTime<Utc>,
    how: &str,
) -> Result<bool, DbErr> {
    let done = confirmation::Entity::update_many()
        .col_expr(confirmation::Column::AnsweredAt, Expr::value(Some(at)))
        .col_expr(
            confirmation::Column::AnsweredBy,
            Expr::value(Some(how.to_string())),
        )
        .filter(confirmation::Column::Id.eq(id))
        .filter(confirmation::Column::AnsweredAt.is_null())
        .exec(txn)
        .await?;
    Ok(done.rows_affected == 1)
}
