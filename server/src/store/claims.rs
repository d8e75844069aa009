//! Claims on credit codes: an owner who found their business's code held by another account
//! asks for it, and an administrator grants or refuses.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder, QuerySelect,
};
use shared::account::code_claim::ClaimState;
use shared::answers::EntityType;

use super::entities::{credit_code_claim as claim, request};
use super::parse_wire;

/// A claim as the services see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ClaimRecord {
    pub id: i32,
    pub credit_code: String,
    pub claimant_id: i32,
    pub business_name: String,
    pub entity_type: EntityType,
    pub statement: String,
    pub status: ClaimState,
    pub filed_at: DateTime<Utc>,
    pub decided_at: Option<DateTime<Utc>>,
    pub decided_by: Option<i32>,
    pub reason: Option<String>,
}

fn record(m: claim::Model) -> Result<ClaimRecord, DbErr> {
    Ok(ClaimRecord {
        id: m.id,
        entity_type: parse_wire(EntityType::ALL, EntityType::as_str, &m.entity_type)?,
        status: parse_wire(ClaimState::ALL, ClaimState::as_str, &m.status)?,
        credit_code: m.credit_code,
        claimant_id: m.claimant_id,
        business_name: m.business_name,
        statement: m.statement,
        filed_at: m.filed_at,
        decided_at: m.decided_at,
        decided_by: m.decided_by,
        reason: m.reason,
    })
}

/// A new claim, pending.
pub struct NewClaim<'a> {
    pub credit_code: &'a str,
    pub claimant_id: i32,
    pub business_name: &'a str,
    pub entity_type: EntityType,
    pub statement: &'a str,
    pub at: DateTime<Utc>,
}

pub async fn insert(db: &DatabaseTransaction, c: NewClaim<'_>) -> Result<i32, DbErr> {
    let inserted = claim::Entity::insert(claim::ActiveModel {
        credit_code: Set(c.credit_code.to_owned()),
        claimant_id: Set(c.claimant_id),
        business_name: Set(c.business_name.to_owned()),
        entity_type: Set(c.entity_type.as_str().to_owned()),
        statement: Set(c.statement.to_owned()),
        status: Set(ClaimState::Pending.as_str().to_owned()),
        filed_at: Set(c.at),
        decided_at: Set(None),
        decided_by: Set(None),
        reason: Set(None),
        ..Default::default()
    })
    .exec(db)
    .await?;
    Ok(inserted.last_insert_id)
}

pub async fn find(db: &impl ConnectionTrait, id: i32) -> Result<Option<ClaimRecord>, DbErr> {
    claim::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(record)
        .transpose()
}

/// The account's latest claim.
pub async fn latest_of(
    db: &impl ConnectionTrait,
    claimant_id: i32,
) -> Result<Option<ClaimRecord>, DbErr> {
    claim::Entity::find()
        .filter(claim::Column::ClaimantId.eq(claimant_id))
        .order_by_desc(claim::Column::Id)
        .one(db)
        .await?
        .map(record)
        .transpose()
}

/// The claims in `status` (all when `None`), oldest pending first, at most `limit`.
pub async fn list(
    db: &impl ConnectionTrait,
    status: Option<ClaimState>,
    limit: u64,
) -> Result<Vec<ClaimRecord>, DbErr> {
    let mut select = claim::Entity::find();
    if let Some(s) = status {
        select = select.filter(claim::Column::Status.eq(s.as_str()));
    }
    select
        .order_by_asc(claim::Column::FiledAt)
        .order_by_asc(claim::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(record)
        .collect()
}

/// Decides a pending claim (compare-and-swap on its state): `false` when it was decided
/// already.
pub async fn decide(
    db: &DatabaseTransaction,
    id: i32,
    to: ClaimState,
    by: i32,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let done = claim::Entity::update_many()
        .col_expr(claim::Column::Status, Expr::value(to.as_str()))
        .col_expr(claim::Column::DecidedAt, Expr::value(at))
        .col_expr(claim::Column::DecidedBy, Expr::value(by))
        .col_expr(claim::Column::Reason, Expr::value(reason))
        .filter(claim::Column::Id.eq(id))
        .filter(claim::Column::Status.eq(ClaimState::Pending.as_str()))
        .exec(db)
        .await?;
    Ok(done.rows_affected == 1)
}

/// The requests an account has filed.
pub async fn requests_filed(db: &impl ConnectionTrait, owner_id: i32) -> Result<u64, DbErr> {
    request::Entity::find()
        .filter(request::Column::OwnerId.eq(owner_id))
        .count(db)
        .await
}
