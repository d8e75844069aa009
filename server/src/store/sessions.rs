//! Sign-in sessions (refresh-token families) and their refresh tokens, stored hashed.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter,
};

use super::entities::{refresh_token, session};

/// A refresh token found by its hash, with its session.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RefreshRecord {
    pub session_id: String,
    pub user_id: i32,
    pub expires_at: DateTime<Utc>,
    /// When it was exchanged: presenting it again is reuse, but for a few seconds after
    /// (calls of one page refreshing at once).
    pub used_at: Option<DateTime<Utc>>,
    pub session_revoked: bool,
}

pub async fn create(
    db: &DatabaseTransaction,
    id: &str,
    user_id: i32,
    at: DateTime<Utc>,
) -> Result<(), DbErr> {
    session::Entity::insert(session::ActiveModel {
        id: Set(id.to_owned()),
        user_id: Set(user_id),
        created_at: Set(at),
        revoked_at: Set(None),
        revoked_reason: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub async fn insert_refresh(
    db: &DatabaseTransaction,
    token_hash: &str,
    session_id: &str,
    at: DateTime<Utc>,
    expires_at: DateTime<Utc>,
) -> Result<(), DbErr> {
    refresh_token::Entity::insert(refresh_token::ActiveModel {
        token_hash: Set(token_hash.to_owned()),
        session_id: Set(session_id.to_owned()),
        created_at: Set(at),
        expires_at: Set(expires_at),
        used_at: Set(None),
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

pub async fn find_refresh(
    db: &impl ConnectionTrait,
    token_hash: &str,
) -> Result<Option<RefreshRecord>, DbErr> {
    let Some(token) = refresh_token::Entity::find_by_id(token_hash.to_owned())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let Some(s) = session::Entity::find_by_id(token.session_id.clone())
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    Ok(Some(RefreshRecord {
        session_id: token.session_id,
        user_id: s.user_id,
        expires_at: token.expires_at,
        used_at: token.used_at,
        session_revoked: s.revoked_at.is_some(),
    }))
}

/// Marks a refresh token used; false when it already was (a concurrent or repeated use).
pub async fn mark_used(
    db: &DatabaseTransaction,
    token_hash: &str,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = refresh_token::Entity::update_many()
        .col_expr(refresh_token::Column::UsedAt, Expr::value(at))
        .filter(refresh_token::Column::TokenHash.eq(token_hash))
        .filter(refresh_token::Column::UsedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Revokes one session: its access and refresh tokens stop working.
pub async fn revoke(
    db: &DatabaseTransaction,
    id: &str,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(at))
        .col_expr(session::Column::RevokedReason, Expr::value(reason))
        .filter(session::Column::Id.eq(id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected > 0)
}

/// Revokes every session of an account.
pub async fn revoke_all(
    db: &DatabaseTransaction,
    user_id: i32,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let res = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(at))
        .col_expr(session::Column::RevokedReason, Expr::value(reason))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Revokes every other session of an account than `keep` (the one making the change).
pub async fn revoke_others(
    db: &DatabaseTransaction,
    user_id: i32,
    keep: &str,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<u64, DbErr> {
    let res = session::Entity::update_many()
        .col_expr(session::Column::RevokedAt, Expr::value(at))
        .col_expr(session::Column::RevokedReason, Expr::value(reason))
        .filter(session::Column::UserId.eq(user_id))
        .filter(session::Column::Id.ne(keep))
        .filter(session::Column::RevokedAt.is_null())
        .exec(db)
        .await?;
    Ok(res.rows_affected)
}

/// Whether a session of this account is still signed in.
pub async fn is_active(db: &impl ConnectionTrait, id: &str, user_id: i32) -> Result<bool, DbErr> {
    Ok(session::Entity::find_by_id(id.to_owned())
        .one(db)
        .await?
        .is_some_and(|s| s.user_id == user_id && s.revoked_at.is_none()))
}
