//! Saved comment phrases (常用语), kept per department.

use chrono::{DateTime, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    PaginatorTrait, QueryFilter, QueryOrder,
};
use shared::catalog::DepartmentId;

use super::entities::comment_phrase as phrase;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct PhraseRecord {
    pub id: i32,
    pub department: DepartmentId,
    pub text: String,
    pub updated_at: DateTime<Utc>,
}

fn record(m: phrase::Model) -> Result<PhraseRecord, DbErr> {
    Ok(PhraseRecord {
        id: m.id,
        department: super::parse_department(&m.department)?,
        text: m.text,
        updated_at: m.updated_at,
    })
}

/// A department's phrases, oldest first.
pub async fn list(
    db: &impl ConnectionTrait,
    department: DepartmentId,
) -> Result<Vec<PhraseRecord>, DbErr> {
    phrase::Entity::find()
        .filter(phrase::Column::Department.eq(department.as_str()))
        .order_by_asc(phrase::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(record)
        .collect()
}

pub async fn count(db: &impl ConnectionTrait, department: DepartmentId) -> Result<u64, DbErr> {
    phrase::Entity::find()
        .filter(phrase::Column::Department.eq(department.as_str()))
        .count(db)
        .await
}

pub async fn insert(
    db: &DatabaseTransaction,
    department: DepartmentId,
    text: &str,
    by: i32,
    at: DateTime<Utc>,
) -> Result<PhraseRecord, DbErr> {
    let id = phrase::Entity::insert(phrase::ActiveModel {
        department: Set(department.as_str().into()),
        text: Set(text.into()),
        created_by: Set(by),
        created_at: Set(at),
        updated_at: Set(at),
        ..Default::default()
    })
    .exec(db)
    .await?
    .last_insert_id;
    Ok(PhraseRecord {
        id,
        department,
        text: text.into(),
        updated_at: at,
    })
}

/// Changes a phrase of the department; `false` when it has no such phrase.
pub async fn update(
    db: &DatabaseTransaction,
    id: i32,
    department: DepartmentId,
    text: &str,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let res = phrase::Entity::update_many()
        .col_expr(phrase::Column::Text, Expr::value(text))
        .col_expr(phrase::Column::UpdatedAt, Expr::value(at))
        .filter(phrase::Column::Id.eq(id))
        .filter(phrase::Column::Department.eq(department.as_str()))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}

/// Deletes a phrase of the department; `false` when it has no such phrase.
pub async fn delete(
    db: &DatabaseTransaction,
    id: i32,
    department: DepartmentId,
) -> Result<bool, DbErr> {
    let res = phrase::Entity::delete_many()
        .filter(phrase::Column::Id.eq(id))
        .filter(phrase::Column::Department.eq(department.as_str()))
        .exec(db)
        .await?;
    Ok(res.rows_affected == 1)
}
