//! Administrators read the audit log, filtered and a page at a time.

use chrono::{Duration, NaiveDate};
use shared::api::desk::{AUDIT_DEFAULT_LIMIT, AUDIT_MAX_LIMIT, AuditEntryView, AuditPage};
use shared::application::beijing_day_start;

use crate::AppState;
use crate::services::Error;
use crate::store::audit::{self as store, AuditFilter};

/// What the audit log is asked for.
#[derive(Debug, Clone, Default)]
pub struct AuditQuery {
    pub actor: Option<i64>,
    pub action: Option<String>,
    /// On or after this day (Beijing's).
    pub from: Option<NaiveDate>,
    /// On or before this day (Beijing's).
    pub to: Option<NaiveDate>,
    pub cursor: Option<String>,
    pub limit: Option<u64>,
}

/// One page of the audit log, newest first.
pub async fn page(state: &AppState, q: AuditQuery) -> Result<AuditPage, Error> {
    let limit = q.limit.unwrap_or(AUDIT_DEFAULT_LIMIT);
    if !(1..=AUDIT_MAX_LIMIT).contains(&limit) {
        return Err(Error::field(
            "limit",
            format!("from 1 to {AUDIT_MAX_LIMIT}"),
        ));
    }
    let before_id = q
        .cursor
        .as_deref()
        .filter(|c| !c.is_empty())
        .map(|c| {
            c.parse::<i32>().map_err(|_| {
                Error::field("cursor", "send back the `next_cursor` of the previous page")
            })
        })
        .transpose()?;
    let actor_id = q
        .actor
        .map(|a| i32::try_from(a).map_err(|_| Error::field("actor", "an account id")))
        .transpose()?;
    let action = q
        .action
        .map(|a| a.trim().to_string())
        .filter(|a| !a.is_empty());
    let filter = AuditFilter {
        actor_id,
        action,
        from: q.from.map(beijing_day_start),
        until: q.to.map(|d| beijing_day_start(d + Duration::days(1))),
        before_id,
    };
    let mut rows = store::page(&state.db, &filter, limit + 1).await?;
    let more = rows.len() as u64 > limit;
    rows.truncate(usize::try_from(limit).unwrap_or(usize::MAX));
    let next_cursor = if more {
        rows.last().map(|(id, _)| id.to_string())
    } else {
        None
    };
    Ok(AuditPage {
        items: rows
            .into_iter()
            .map(|(id, r)| AuditEntryView {
                id: i64::from(id),
                at: r.at,
                actor_id: r.entry.actor_id.map(i64::from),
                actor_role: r.entry.actor_role,
                action: r.entry.action,
                target_id: r.entry.target_id.map(i64::from),
                phone_masked: r.entry.phone_masked,
                client_addr: r.entry.client_addr,
                detail: r.entry.detail,
            })
            .collect(),
        next_cursor,
    })
}
