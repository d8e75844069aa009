//! Counters behind the abuse limits: one row per attempt, so they hold across processes.
//! Keys (phone numbers, addresses) are stored as SHA-256 hashes.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};

use super::entities::auth_attempt;

/// How many attempts since `since`, and when the oldest of them was.
pub async fn since(
    db: &impl ConnectionTrait,
    scope: &str,
    key_hash: &str,
    since: DateTime<Utc>,
) -> Result<(u64, Option<DateTime<Utc>>), DbErr> {
    let query = auth_attempt::Entity::find()
        .filter(auth_attempt::Column::Scope.eq(scope))
        .filter(auth_attempt::Column::KeyHash.eq(key_hash))
        .filter(auth_attempt::Column::At.gt(since));
    let count = query.clone().count(db).await?;
    if count == 0 {
        return Ok((0, None));
    }
    let oldest = query
        .order_by_asc(auth_attempt::Column::At)
        .one(db)
        .await?
        .map(|m| m.at);
    Ok((count, oldest))
}

/// Takes the key's lock until the transaction ends, so counting and recording an attempt is
/// one step across server processes (PostgreSQL; SQLite's write transaction already holds the
/// database). The key is a SHA-256 in hex: its first seven digits pick the lock.
pub async fn lock_key(db: &impl ConnectionTrait, key_hash: &str) -> Result<(), DbErr> {
    let id = i32::from_str_radix(key_hash.get(..7).unwrap_or("0"), 16).unwrap_or(0);
    super::advisory_lock(db, super::LockKind::Attempts, id).await
}

/// Records an attempt and returns its id, dropping the scope's attempts older than
/// `forget_before` (so the table holds one window of attempts).
pub async fn record(
    db: &DatabaseTransaction,
    scope: &str,
    key_hash: &str,
    forget_before: DateTime<Utc>,
    at: DateTime<Utc>,
) -> Result<i32, DbErr> {
    auth_attempt::Entity::delete_many()
        .filter(auth_attempt::Column::Scope.eq(scope))
        .filter(auth_attempt::Column::At.lte(forget_before))
        .exec(db)
        .await?;
    Ok(auth_attempt::Entity::insert(auth_attempt::ActiveModel {
        scope: Set(scope.to_owned()),
        key_hash: Set(key_hash.to_owned()),
        at: Set(at),
        ..Default::default()
    })
    .exec(db)
    .await?
    .last_insert_id)
}

/// Forgets attempts by id (a reservation released after a success).
pub async fn forget(db: &DatabaseTransaction, ids: &[i32]) -> Result<(), DbErr> {
    if ids.is_empty() {
        return Ok(());
    }
    auth_attempt::Entity::delete_many()
        .filter(auth_attempt::Column::Id.is_in(ids.iter().copied()))
        .exec(db)
        .await?;
    Ok(())
}

/// Forgets every attempt of a key (after a successful sign-in).
pub async fn clear(db: &DatabaseTransaction, scope: &str, key_hash: &str) -> Result<(), DbErr> {
    auth_attempt::Entity::delete_many()
        .filter(auth_attempt::Column::Scope.eq(scope))
        .filter(auth_attempt::Column::KeyHash.eq(key_hash))
        .exec(db)
        .await?;
    Ok(())
}
