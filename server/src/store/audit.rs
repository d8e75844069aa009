//! The audit log: sign-ins, failed sign-ins, registrations, role grants, disabling.
//! Phone numbers are stored masked only.

use chrono::{DateTime, Utc};
use sea_orm::{
    ActiveValue::Set, ConnectionTrait, DatabaseTransaction, DbErr, EntityTrait, QueryOrder,
    QuerySelect,
};

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

/// Records `e` as done at `at` (the server's clock).
pub async fn record(
    db: &DatabaseTransaction,
    at: DateTime<Utc>,
    e: AuditEntry,
) -> Result<(), DbErr> {
    audit_log::Entity::insert(audit_log::ActiveModel {
        at: Set(at),
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

/// What the audit log is filtered by (each absent: any).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct AuditFilter {
    pub actor_id: Option<i32>,
    pub action: Option<String>,
    pub from: Option<DateTime<Utc>>,
    /// Before this instant.
    pub until: Option<DateTime<Utc>>,
    /// Entries older than this id (the keyset cursor).
    pub before_id: Option<i32>,
}

/// A page of the audit log, newest first, with each entry's id.
pub async fn page(
    db: &impl ConnectionTrait,
    f: &AuditFilter,
    limit: u64,
) -> Result<Vec<(i32, AuditRecord)>, DbErr> {
    use sea_orm::{ColumnTrait, QueryFilter};
    let mut q = audit_log::Entity::find().order_by_desc(audit_log::Column::Id);
    if let Some(a) = f.actor_id {
        q = q.filter(audit_log::Column::ActorId.eq(a));
    }
    if let Some(a) = &f.action {
        q = q.filter(audit_log::Column::Action.eq(a.as_str()));
    }
    if let Some(t) = f.from {
        q = q.filter(audit_log::Column::At.gte(t));
    }
    if let Some(t) = f.until {
        q = q.filter(audit_log::Column::At.lt(t));
    }
    if let Some(id) = f.before_id {
        q = q.filter(audit_log::Column::Id.lt(id));
    }
    Ok(q.limit(limit)
        .all(db)
        .await?
        .into_iter()
        .map(|m| {
            (
                m.id,
                AuditRecord {
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
                },
            )
        })
        .collect())
}
