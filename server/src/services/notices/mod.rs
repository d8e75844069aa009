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
/// Every notice's office number (`督办〔2026〕3号`), by id.
async fn numbers(state: &AppState) -> Result<std::collections::HashMap<i64, String>, Error> {
    let issued: Vec<(i64, chrono::NaiveDate)> = store::issued(&state.db)
        .await?
        .into_iter()
        .map(|(id, at)| (i64::from(id), shared::application::beijing_day(at)))
        .collect();
    Ok(shared::application::notice::notice_numbers(&issued))
}

pub async fn get(state: &AppState, caller: &Actor, id: i64) -> Result<NoticeView, NoticeError> {
    let n = visible(state, caller, id).await?;
    let number = numbers(state)
        .await?
        .remove(&i64::from(n.id))
        .unwrap_or_default();
    let requests = store::requests_of(&state.db, n.id).await?;
    let history = store::events(&state.db, n.id).await?;
    Ok(NoticeView {
        id: i64::from(n.id),
        number,
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
    let numbers = numbers(state).await?;
    Ok(store::list(&state.db, department, open)
        .await?
        .into_iter()
        .map(|(n, requests)| NoticeSummary {
            id: i64::from(n.id),
            number: numbers.get(&i64::from(n.id)).cloned().unwrap_or_default(),
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
    // A notice is not closed quietly while requests it names are still overdue: closing
    // then says why.
    let still_overdue: Vec<String> = if action == NoticeAction::Close {
        store::requests_of(&state.db, n.id)
            .await?
            .into_iter()
            .filter(|r| {
                r.status.is_open()
                    && r.status != shared::application::RequestState::NeedsInfo
                    && today > r.due_on
            })
            .map(|r| r.number)
            .collect()
    } else {
        Vec::new()
    };
    let comment = text(
        "comment",
        body.comment,
        action.needs_comment() || !still_overdue.is_empty(),
    )
    .map_err(|e| match e {
        Error::InvalidField { .. } if !still_overdue.is_empty() => Error::field(
            "comment",
            format!(
                "{} still overdue ({}): say why the notice is closed anyway",
                if still_overdue.len() == 1 {
                    "a request it names is"
                } else {
                    "requests it names are"
                },
                still_overdue.join(", ")
            ),
        ),
        other => other,
    })?;
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

/// The notice as the office prints and files it (督办通知书, A4): its number, the department,
/// what is asked and by when, each request named with its last day, and its steps so far.
pub async fn print(state: &AppState, caller: &Actor, id: i64) -> Result<String, NoticeError> {
    use crate::web_app::escape;
    let v = get(state, caller, id).await?;
    let catalog = state.catalog();
    let department = catalog.department(v.department).map_or_else(
        || v.department.as_str().to_string(),
        |d| d.name.get(shared::Lang::ZhCn).to_string(),
    );
    let today = state.today();
    let rows: String = v
        .requests
        .iter()
        .enumerate()
        .map(|(i, r)| {
            let late = r.status.is_open() && today > r.due_at;
            format!(
                "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                i + 1,
                escape(&r.number),
                shared::i18n::requests::status_text(shared::Lang::ZhCn, r.status),
                r.due_at,
                if late { "仍超期" } else { "" }
            )
        })
        .collect();
    let steps: String = v
        .history
        .iter()
        .map(|e| {
            format!(
                "<li>{} · {}{}{}</li>",
                shared::application::beijing_day(e.at),
                notice_event_words(e.kind),
                e.comment
                    .as_deref()
                    .map(|c| format!("：{}", escape(c)))
                    .unwrap_or_default(),
                e.deadline
                    .map(|d| format!("（期限 {d}）"))
                    .unwrap_or_default(),
            )
        })
        .collect();
    Ok(format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>{number}</title>\
<style>@page{{size:A4;margin:20mm 18mm}}body{{font-family:\"Noto Serif CJK SC\",\"Noto Sans CJK SC\",serif;color:#111;font-size:15px;line-height:1.8;max-width:174mm;margin:0 auto}}\
h1{{text-align:center;font-size:26px;letter-spacing:4px;margin:8px 0 0}}.no{{text-align:center;margin:4px 0 16px}}\
table{{width:100%;border-collapse:collapse;font-size:14px}}th,td{{border:1px solid #444;padding:4px 6px;text-align:center}}\
.sign{{text-align:right;margin-top:32px}}</style></head><body>\
<h1>督办通知书</h1><p class=\"no\" data-number>{number}</p>\
<p>{department}：</p><p>{message}</p><p>请于 <strong>{deadline}</strong> 前办结下列申请并报告办理情况。</p>\
<table><thead><tr><th>序号</th><th>申请编号</th><th>状态</th><th>办结时限</th><th>当前</th></tr></thead><tbody>{rows}</tbody></table>\
<h2 style=\"font-size:16px\">办理经过</h2><ol>{steps}</ol>\
<p class=\"sign\">巴州就业工作领导小组办公室<br>{issued}</p></body></html>",
        number = escape(&v.number),
        department = escape(&department),
        message = escape(&v.message),
        deadline = v.deadline,
        issued = shared::application::beijing_day(v.issued_at),
    ))
}

fn notice_event_words(kind: shared::application::NoticeEvent) -> &'static str {
    use shared::application::NoticeEvent as E;
    match kind {
        E::Issued => "下达督办",
        E::Acknowledge => "部门签收",
        E::RequestExtension => "部门申请延期",
        E::GrantExtension => "同意延期",
        E::RefuseExtension => "不同意延期",
        E::Report => "部门报告办理情况",
        E::Close => "办结销号",
    }
}
