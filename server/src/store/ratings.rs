//! 好差评: ratings and the rectifications the low ones open.

use chrono::{DateTime, NaiveDate, Utc};
use sea_orm::sea_query::Expr;
use sea_orm::{
    ActiveValue::Set, ColumnTrait, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait,
    QueryFilter, QueryOrder,
};
use shared::answers::JurisdictionId;
use shared::application::rating::{Indicators, RatingStanding, RectificationState};
use shared::catalog::DepartmentId;

use super::entities::{rating, rectification};
use super::{WriteError, parse_department, parse_wire, write_error};

/// A rating as the services see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RatingRecord {
    pub id: i32,
    pub request_id: i32,
    pub level: i64,
    pub indicators: Indicators,
    pub comment: Option<String>,
    pub rated_at: DateTime<Utc>,
    pub department: DepartmentId,
    pub standing: RatingStanding,
    pub appeal: Option<String>,
    pub review_note: Option<String>,
}

/// A rectification as the services see it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RectificationRecord {
    pub id: i32,
    pub rating_id: i32,
    pub request_id: i32,
    pub department: DepartmentId,
    pub jurisdiction: Option<JurisdictionId>,
    pub opened_on: NaiveDate,
    pub due_on: NaiveDate,
    pub state: RectificationState,
    pub resolution: Option<String>,
}

fn rating_record(m: rating::Model) -> Result<RatingRecord, DbErr> {
    Ok(RatingRecord {
        id: m.id,
        request_id: m.request_id,
        level: i64::from(m.level),
        indicators: serde_json::from_str(&m.indicators)
            .map_err(|e| DbErr::Custom(format!("stored indicators: {e}")))?,
        comment: m.comment,
        rated_at: m.rated_at,
        department: parse_department(&m.department)?,
        standing: parse_wire(RatingStanding::ALL, RatingStanding::as_str, &m.standing)?,
        appeal: m.appeal,
        review_note: m.review_note,
    })
}

fn rectification_record(m: rectification::Model) -> Result<RectificationRecord, DbErr> {
    Ok(RectificationRecord {
        id: m.id,
        rating_id: m.rating_id,
        request_id: m.request_id,
        department: parse_department(&m.department)?,
        jurisdiction: super::parse_jurisdiction(m.jurisdiction.as_deref())?,
        opened_on: m.opened_on,
        due_on: m.due_on,
        state: parse_wire(
            RectificationState::ALL,
            RectificationState::as_str,
            &m.state,
        )?,
        resolution: m.resolution,
    })
}

/// A rating to write, and the rectification it opens (its opening and last days).
pub struct NewRating {
    pub request_id: i32,
    pub owner_id: i32,
    pub level: i64,
    pub indicators: Indicators,
    pub comment: Option<String>,
    pub at: DateTime<Utc>,
    pub department: DepartmentId,
    pub jurisdiction: Option<JurisdictionId>,
    pub rectify: Option<(NaiveDate, NaiveDate)>,
}

/// Writes a rating (and its rectification); `Taken` when the request was rated already.
pub async fn insert(txn: &DatabaseTransaction, r: NewRating) -> Result<(), WriteError> {
    let indicators = serde_json::to_string(&r.indicators).unwrap_or_else(|_| "{}".into());
    let jurisdiction = r.jurisdiction.map(|j| j.as_str().to_string());
    let inserted = rating::Entity::insert(rating::ActiveModel {
        request_id: Set(r.request_id),
        owner_id: Set(r.owner_id),
        level: Set(i32::try_from(r.level).unwrap_or(0)),
        indicators: Set(indicators),
        comment: Set(r.comment),
        rated_at: Set(r.at),
        department: Set(r.department.as_str().into()),
        jurisdiction: Set(jurisdiction.clone()),
        standing: Set(RatingStanding::Counted.as_str().into()),
        ..Default::default()
    })
    .exec(txn)
    .await
    .map_err(write_error)?;
    if let Some((opened_on, due_on)) = r.rectify {
        rectification::Entity::insert(rectification::ActiveModel {
            rating_id: Set(inserted.last_insert_id),
            request_id: Set(r.request_id),
            department: Set(r.department.as_str().into()),
            jurisdiction: Set(jurisdiction),
            opened_on: Set(opened_on),
            due_on: Set(due_on),
            state: Set(RectificationState::Open.as_str().into()),
            ..Default::default()
        })
        .exec_without_returning(txn)
        .await?;
    }
    Ok(())
}

/// A request's rating and its rectification.
pub async fn for_request(
    db: &impl ConnectionTrait,
    request_id: i32,
) -> Result<Option<(RatingRecord, Option<RectificationRecord>)>, DbErr> {
    let Some(r) = rating::Entity::find()
        .filter(rating::Column::RequestId.eq(request_id))
        .one(db)
        .await?
    else {
        return Ok(None);
    };
    let rect = rectification::Entity::find()
        .filter(rectification::Column::RatingId.eq(r.id))
        .one(db)
        .await?
        .map(rectification_record)
        .transpose()?;
    Ok(Some((rating_record(r)?, rect)))
}

pub async fn rectification(
    db: &impl ConnectionTrait,
    id: i32,
) -> Result<Option<RectificationRecord>, DbErr> {
    rectification::Entity::find_by_id(id)
        .one(db)
        .await?
        .map(rectification_record)
        .transpose()
}

/// The rectifications of one department, or all, oldest first.
pub async fn rectifications(
    db: &impl ConnectionTrait,
    department: Option<DepartmentId>,
) -> Result<Vec<RectificationRecord>, DbErr> {
    let mut q = rectification::Entity::find();
    if let Some(d) = department {
        q = q.filter(rectification::Column::Department.eq(d.as_str()));
    }
    q.order_by_asc(rectification::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(rectification_record)
        .collect()
}

/// Every rating of one department, or all (for the figures).
pub async fn ratings(
    db: &impl ConnectionTrait,
    department: Option<DepartmentId>,
) -> Result<Vec<RatingRecord>, DbErr> {
    let mut q = rating::Entity::find();
    if let Some(d) = department {
        q = q.filter(rating::Column::Department.eq(d.as_str()));
    }
    q.order_by_asc(rating::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(rating_record)
        .collect()
}

/// Closes an open rectification with what was found and done; `false` when not open.
pub async fn close(
    txn: &DatabaseTransaction,
    id: i32,
    by: i32,
    resolution: &str,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let done = rectification::Entity::update_many()
        .col_expr(
            rectification::Column::State,
            Expr::value(RectificationState::Closed.as_str()),
        )
        .col_expr(rectification::Column::Resolution, Expr::value(resolution))
        .col_expr(rectification::Column::ClosedAt, Expr::value(at))
        .col_expr(rectification::Column::ClosedBy, Expr::value(by))
        .filter(rectification::Column::Id.eq(id))
        .filter(rectification::Column::State.eq(RectificationState::Open.as_str()))
        .exec(txn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// A department's appeal against a counted rating; `false` when it is not counted (under
/// review or reviewed already).
pub async fn appeal(
    txn: &DatabaseTransaction,
    rating_id: i32,
    by: i32,
    reason: &str,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let done = rating::Entity::update_many()
        .col_expr(
            rating::Column::Standing,
            Expr::value(RatingStanding::UnderReview.as_str()),
        )
        .col_expr(rating::Column::Appeal, Expr::value(reason))
        .col_expr(rating::Column::AppealedAt, Expr::value(at))
        .col_expr(rating::Column::AppealedBy, Expr::value(by))
        .filter(rating::Column::Id.eq(rating_id))
        .filter(rating::Column::Standing.eq(RatingStanding::Counted.as_str()))
        .exec(txn)
        .await?;
    Ok(done.rows_affected == 1)
}

/// The office's review of a rating under review: upheld, or voided with its rectification;
/// `false` when it is not under review.
pub async fn review(
    txn: &DatabaseTransaction,
    rating_id: i32,
    uphold: bool,
    by: i32,
    note: &str,
    at: DateTime<Utc>,
) -> Result<bool, DbErr> {
    let standing = if uphold {
        RatingStanding::Upheld
    } else {
        RatingStanding::Voided
    };
    let done = rating::Entity::update_many()
        .col_expr(rating::Column::Standing, Expr::value(standing.as_str()))
        .col_expr(rating::Column::ReviewNote, Expr::value(note))
        .col_expr(rating::Column::ReviewedAt, Expr::value(at))
        .col_expr(rating::Column::ReviewedBy, Expr::value(by))
        .filter(rating::Column::Id.eq(rating_id))
        .filter(rating::Column::Standing.eq(RatingStanding::UnderReview.as_str()))
        .exec(txn)
        .await?;
    if done.rows_affected != 1 {
        return Ok(false);
    }
    if !uphold {
        rectification::Entity::update_many()
            .col_expr(
                rectification::Column::State,
                Expr::value(RectificationState::Voided.as_str()),
            )
            .col_expr(rectification::Column::ClosedAt, Expr::value(at))
            .col_expr(rectification::Column::ClosedBy, Expr::value(by))
            .filter(rectification::Column::RatingId.eq(rating_id))
            .filter(rectification::Column::State.eq(RectificationState::Open.as_str()))
            .exec(txn)
            .await?;
    }
    Ok(true)
}
