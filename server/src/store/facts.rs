//! Facts administrators record about jurisdictions: appended, the latest in force.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait, QueryOrder,
};
use shared::answers::JurisdictionId;
use shared::catalog::JurisdictionFact;

use super::entities::jurisdiction_fact;
use super::parse_wire;

/// One recorded fact.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FactRecord {
    pub jurisdiction: JurisdictionId,
    pub fact: JurisdictionFact,
    pub value: bool,
    pub recorded_at: DateTime<Utc>,
    pub recorded_by: i32,
}

pub async fn insert(db: &DatabaseTransaction, f: &FactRecord) -> Result<(), DbErr> {
    jurisdiction_fact::Entity::insert(jurisdiction_fact::ActiveModel {
        jurisdiction: Set(f.jurisdiction.as_str().into()),
        fact: Set(f.fact.as_str().into()),
        value: Set(f.value),
        recorded_at: Set(f.recorded_at),
        recorded_by: Set(f.recorded_by),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// Every recorded fact, oldest first (so applying them in order leaves the latest).
pub async fn all(db: &impl ConnectionTrait) -> Result<Vec<FactRecord>, DbErr> {
    jurisdiction_fact::Entity::find()
        .order_by_asc(jurisdiction_fact::Column::Id)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            Ok(FactRecord {
                jurisdiction: parse_wire(
                    JurisdictionId::ALL,
                    JurisdictionId::as_str,
                    &m.jurisdiction,
                )?,
                fact: parse_wire(JurisdictionFact::ALL, JurisdictionFact::as_str, &m.fact)?,
                value: m.value,
                recorded_at: m.recorded_at,
                recorded_by: m.recorded_by,
            })
        })
        .collect()
}
