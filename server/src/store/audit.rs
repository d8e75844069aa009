//! The audit log: sign-ins, failed sign-ins, registrations, role grants, disabling.
//! Phone numbers are stored masked only.

use chrono::{DateTime, Utc};
use sea_orm::{ActiveValue::Set, ConnectionTrait, DbErr, EntityTrait, QueryOrder, QuerySelect};

use super::entities::audit_log;

/// One thing that happened, and who did it from where.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditEntry {
    pub actor_id: Option<i32>,
    pub actor_role: Option<String>,
    pub action: String,
    pub target_id: Option<i32>,
    /// `138****1234`.
    pub phone_masked: Option<String>,
    pub client_addr: Option<String>,
    pub detail: Option<String>,
}

/// A recorded entry.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct AuditRecord {
    pub at: DateTime<Utc>,
    pub entry: AuditEntry,
}

pub async fn record(db: &impl ConnectionTrait, e: AuditEntry) -> Result<(), DbErr> {
    audit_log::Entity::insert(audit_log::ActiveModel {
        at: Set(Utc::now()),
        actor_id: Set(e.actor_id),
        actor_role: Set(e.actor_role),
        action: Set(e.action),
        target_id: Set(e.target_id),
        phone_masked: Set(e.phone_masked),
        client_addr: Set(e.client_addr),
        detail: Set(e.detail),
        ..Default::default()
    })
    .exec_without_returning(db)
    .await?;
    Ok(())
}

/// The latest entries, newest first.
pub async fn recent(db: &impl ConnectionTrait, limit: u64) -> Result<Vec<AuditRecord>, DbErr> {
    Ok(audit_log::Entity::find()
        .order_by_desc(audit_log::Column::Id)
        .limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|m| AuditRecord {
            at: m.at,
            entry: AuditEntry {
                actor_id: m.actor_id,
                actor_role: m.actor_role,
                action: m.action,
                target_id: m.target_id,
                phone_masked: m.phone_masked,
                client_addr: m.client_addr,
                detail: m.detail,
            },
        })
        .collect())
}
