//! 督办: the supervising office issues a notice to a department about its overdue requests;
//! the department's officials acknowledge it, may ask for an extension by the deadline and
//! report what they did; the supervisor grants or refuses the extension and closes it. Each
//! step is a history row and an audit entry, written in one transaction with the change.

use shared::account::Role;
use shared::api::desk::{
    IssueNoticeRequest, NOTICE_MAX_REQUESTS, NOTICE_MAX_TEXT, NoticeActionRequest, NoticeEventView,
    NoticeList, NoticeRequestRef, NoticeSummary, NoticeView,
};
use shared::application::{NoticeAction, NoticeEvent, NoticeState, notice_transition};
use shared::catalog::DepartmentId;

use crate::AppState;
use crate::services::Actor;
use crate::services::Error;
use crate::store::audit::{self, AuditEntry};
use crate::store::notices::{self as store, NoticeEventRecord, NoticeRecord};

mod error;

pub use error::NoticeError;
use error::refused;

fn text(field: &'static str, t: Option<String>, required: bool) -> Result<Option<String>, Error> {
    match t.map(|t| t.trim().to_string()).filter(|t| !t.is_empty()) {
        Some(t) if t.chars().count() > NOTICE_MAX_TEXT => Err(Error::field(
            field,
            format!("must be at most {NOTICE_MAX_TEXT} characters"),
        )),
        None if required => Err(Error::field(field, "must not be empty")),
        t => Ok(t),
    }
}

/// Whether the caller is party to a notice: the supervising office, or an official of the
/// department it was sent to.
fn party(caller: &Actor, n: &NoticeRecord) -> bool {
    match caller.role {
        Role::Supervisor => true,
        Role::Official => caller.department == Some(n.department),
        Role::Applicant | Role::Admin => false,
    }
}

/// A notice the caller is party to; 404 for any other (its existence is not told).
async fn visible(state: &AppState, caller: &Actor, id: i64) -> Result<NoticeRecord, NoticeError> {
    let id = i32::try_from(id).map_err(|_| Error::NotFound("no such notice"))?;
    match store::find(&state.db, id).await? {
        Some(n) if party(caller, &n) => Ok(n),
        _ => Err(Error::NotFound("no such notice").into()),
    }
}

fn audit_entry(caller: &Actor, action: &str, n: i32, detail: String) -> AuditEntry {
    AuditEntry {
        actor_id: Some(caller.id),
        actor_role: Some(caller.role.as_str().into()),
        action: action.into(),
        target_id: Some(n),
        detail: Some(detail),
        ..Default::default()
    }
}

/// Issues a notice (supervisors): every request listed must be open, past its last day
/// and routed to the department.
pub async fn issue(
    state: &AppState,
    caller: &Actor,
    body: IssueNoticeRequest,
) -> Result<NoticeView, NoticeError> {
    let message = text("message", Some(body.message), true)?.unwrap_or_default();
    let today = state.today();
    if body.deadline < today {
        return Err(Error::field("deadline", "must be today or later").into());
    }
    let mut ids = body
        .requests
        .iter()
        .map(|&id| {
            i32::try_from(id).map_err(|_| Error::field("requests", format!("no request {id}")))
        })
        .collect::<Result<Vec<i32>, _>>()?;
    ids.sort_unstable();
    ids.dedup();
    if ids.is_empty() || ids.len() > NOTICE_MAX_REQUESTS {
        return Err(Error::field(
            "requests",
            format!("list 1 to {NOTICE_MAX_REQUESTS} overdue requests"),
        )
        .into());
    }
    let overdue = store::overdue_of_department(&state.db, body.department, &ids, today).await?;
    let others: Vec<String> = ids
        .iter()
        .filter(|id| !overdue.contains(id))
        .map(|id| id.to_string())
        .collect();
    if !others.is_empty() {
        return Err(NoticeError::NotOverdue {
            department: body.department,
            requests: others.join(", "),
        });
    }
    let now = state.now();
    let id = crate::store::write(&state.writer, async |txn| {
        let id = store::insert(
            txn,
            body.department,
            &message,
            body.deadline,
            caller.id,
            &ids,
            now,
        )
        .await?;
        store::append_event(
            txn,
            id,
            &NoticeEventRecord {
                at: now,
                actor_id: caller.id,
                actor_role: caller.role,
                kind: NoticeEvent::Issued,
                from: None,
                to: NoticeState::Issued,
                comment: Some(message.clone()),
                deadline: Some(body.deadline),
            },
        )
        .await?;
        audit::record(
            txn,
            state.now(),
            audit_entry(
                caller,
                "notice_issued",
                id,
                format!(
                    "to {} about {} requests, due {}",
                    body.department,
                    ids.len(),
                    body.deadline
                ),
            ),
        )
        .await?;
        Ok::<_, sea_orm::DbErr>(id)
    })
    .await?;
    tracing::info!(notice = id, department = %body.department, "supervision notice issued");
    get(state, caller, i64::from(id)).await
}

/// A notice the caller is party to, with its requests and history.
pub async fn get(state: &AppState, caller: &Actor, id: i64) -> Result<NoticeView, NoticeError> {
    let n = visible(state, caller, id).await?;
    let requests = store::requests_of(&state.db, n.id).await?;
    let history = store::events(&state.db, n.id).await?;
    Ok(NoticeView {
        id: i64::from(n.id),
        department: n.department,
        status: n.status,
        allowed_actions: n.status.allowed(caller.role, state.today(), n.deadline),
        message: n.message,
        deadline: n.deadline,
        requested_deadline: n.requested_deadline,
        issued_by: i64::from(n.issued_by),
        issued_at: n.issued_at,
        updated_at: n.updated_at,
        // An official sees the requests of their own jurisdictions only, as `GET
        // /requests/{id}` would show them; the supervising office sees all.
        requests: requests
            .into_iter()
            .filter(|r| {
                caller.role != shared::account::Role::Official
                    || r.jurisdiction
                        .is_some_and(|j| caller.jurisdictions.contains(&j))
            })
            .map(|r| NoticeRequestRef {
                id: i64::from(r.id),
                number: r.number,
                status: r.status,
                due_at: r.due_on,
            })
            .collect(),
        history: history
            .into_iter()
            .map(|e| NoticeEventView {
                at: e.at,
                kind: e.kind,
                actor_id: i64::from(e.actor_id),
                actor_role: e.actor_role,
                from: e.from,
                to: e.to,
                comment: e.comment,
                deadline: e.deadline,
            })
            .collect(),
    })
}

/// Notices newest first: an official's department's, or (supervisors) every department's
/// or one's. `open`: only those not yet closed.
pub async fn list(
    state: &AppState,
    caller: &Actor,
    department: Option<DepartmentId>,
    open: bool,
) -> Result<NoticeList, NoticeError> {
    let department = match caller.role {
        Role::Supervisor => department,
        Role::Official => Some(
            caller
                .department
                .ok_or(Error::Forbidden("an official without a department"))?,
        ),
        Role::Applicant | Role::Admin => {
            return Err(Error::Forbidden("your role does not allow this").into());
        }
    };
    Ok(NoticeList {
        items: summaries(state, department, open).await?,
    })
}

/// The open notices to an official's department (shown with their queue); none for others.
pub async fn open_for(state: &AppState, caller: &Actor) -> Result<Vec<NoticeSummary>, Error> {
    match (caller.role, caller.department) {
        (Role::Official, Some(d)) => summaries(state, Some(d), true).await,
        _ => Ok(Vec::new()),
    }
}

async fn summaries(
    state: &AppState,
    department: Option<DepartmentId>,
    open: bool,
) -> Result<Vec<NoticeSummary>, Error> {
    Ok(store::list(&state.db, department, open)
        .await?
        .into_iter()
        .map(|(n, requests)| NoticeSummary {
            id: i64::from(n.id),
            department: n.department,
            status: n.status,
            message: n.message,
            deadline: n.deadline,
            issued_at: n.issued_at,
            requests,
        })
        .collect())
}

/// One step of a notice by a party to it.
pub async fn act(
    state: &AppState,
    caller: &Actor,
    id: i64,
    body: NoticeActionRequest,
) -> Result<NoticeView, NoticeError> {
    let n = visible(state, caller, id).await?;
    let action = body.action;
    let today = state.today();
    let to =
        notice_transition(n.status, action, caller.role, today, n.deadline).map_err(refused)?;
    let comment = text("comment", body.comment, action.needs_comment())?;
    // The deadline after the step, and the one asked for while the supervisor decides.
    let (deadline, requested) = match action {
        NoticeAction::RequestExtension => {
            let asked = body
                .deadline
                .ok_or_else(|| Error::field("deadline", "say the day the department asks for"))?;
            if asked <= n.deadline {
                return Err(Error::field(
                    "deadline",
                    format!("must be after the present deadline, {}", n.deadline),
                )
                .into());
            }
            (n.deadline, Some(asked))
        }
        NoticeAction::GrantExtension => {
            let granted = body
                .deadline
                .or(n.requested_deadline)
                .ok_or_else(|| Error::field("deadline", "say the day granted"))?;
            if granted <= n.deadline {
                return Err(Error::field(
                    "deadline",
                    format!("must be after the present deadline, {}", n.deadline),
                )
                .into());
            }
            (granted, None)
        }
        _ if body.deadline.is_some() => {
            return Err(Error::field(
                "deadline",
                "only asking for or granting an extension carries a deadline",
            )
            .into());
        }
        NoticeAction::RefuseExtension => (n.deadline, None),
        _ => (n.deadline, n.requested_deadline),
    };
    let step_deadline = match action {
        NoticeAction::RequestExtension => requested,
        NoticeAction::GrantExtension => Some(deadline),
        _ => None,
    };
    let now = state.now();
    crate::store::write(&state.writer, async |txn| {
        if !store::change(txn, n.id, n.status, to, deadline, requested, now).await? {
            return Err(NoticeError::Stale);
        }
        store::append_event(
            txn,
            n.id,
            &NoticeEventRecord {
                at: now,
                actor_id: caller.id,
                actor_role: caller.role,
                kind: action.into(),
                from: Some(n.status),
                to,
                comment,
                deadline: step_deadline,
            },
        )
        .await?;
        let mut detail = format!("{} → {to}", n.status);
        if let Some(d) = step_deadline {
            detail.push_str(&format!(", deadline {d}"));
        }
        audit::record(
            txn,
            state.now(),
            audit_entry(caller, &format!("notice_{action}"), n.id, detail),
        )
        .await?;
        Ok(())
    })
    .await?;
    tracing::info!(notice = n.id, %action, from = %n.status, %to, "supervision notice moved");
    get(state, caller, id).await
}
