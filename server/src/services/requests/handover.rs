//! What passes between officials: handing a request to a colleague, and notes between the
//! departments sharing it.

use shared::account::Role;
use shared::api::requests::RequestView;
use shared::application::EventKind;

use crate::AppState;
use crate::services::Actor;
use crate::services::{Error, RequestError};
use crate::store::requests::{self as store};
use crate::store::users;

use super::read::view;
use super::{comment, events, invalid, open_for, visible};

/// The officials who may take a request over from the caller: active, of the caller's
/// department, covering the request's jurisdiction.
pub async fn colleagues(
    state: &AppState,
    caller: &Actor,
    id: i64,
) -> Result<shared::api::desk::ColleagueList, RequestError> {
    let r = visible(state, caller, id).await?;
    let Some(department) = caller.department else {
        return Err(Error::Forbidden("an official without a department").into());
    };
    let items = users::officials_of(&state.db, department)
        .await?
        .into_iter()
        .filter(|u| {
            u.id != caller.id && r.jurisdiction.is_some_and(|j| u.jurisdictions.contains(&j))
        })
        .map(|u| shared::api::desk::ColleagueView {
            id: i64::from(u.id),
            phone_masked: shared::account::phone::mask(&u.phone),
            name: u.name,
            jurisdictions: u.jurisdictions,
        })
        .collect();
    Ok(shared::api::desk::ColleagueList { items })
}

/// A note between the departments a request is routed to (an official of any of them, the
/// request open): appended to the history, the state unchanged, the owner neither told nor
/// shown it.
pub async fn add_comment(
    state: &AppState,
    caller: &Actor,
    id: i64,
    body: shared::api::desk::CommentRequest,
) -> Result<RequestView, RequestError> {
    let r = visible(state, caller, id).await?;
    open_for(&r, |s| {
        format!("a request that is {s} takes no more comments")
    })?;
    let note = comment(Some(body.comment))?.ok_or_else(|| invalid("comment", "say something"))?;
    let event = events::beside(
        state,
        state.now(),
        &r,
        caller,
        EventKind::Comment,
        Some(note),
        Vec::new(),
    );
    crate::store::write(&state.writer, async |txn| {
        events::record(txn, &r, &event).await
    })
    .await?;
    tracing::info!(request = %r.number, department = ?caller.department, "department comment");
    view(state, caller, r).await
}

/// Hands an open request to a colleague: an official of the caller's department, to which
/// the request is routed, covering its jurisdiction. The state is unchanged; the history
/// records who handed it to whom.
pub async fn handover(
    state: &AppState,
    caller: &Actor,
    id: i64,
    body: shared::api::desk::HandoverRequest,
) -> Result<RequestView, RequestError> {
    let r = visible(state, caller, id).await?;
    open_for(&r, |s| format!("a request that is {s} is not handed over"))?;
    let note = comment(body.comment)?;
    let not_colleague = || {
        invalid(
            "to",
            "not an active official of your department covering the request's jurisdiction",
        )
    };
    let to = i32::try_from(body.to).map_err(|_| not_colleague())?;
    if to == caller.id {
        return Err(invalid("to", "hand it to someone else"));
    }
    let colleague = users::find(&state.db, to)
        .await?
        .ok_or_else(not_colleague)?;
    let fits = colleague.role == Role::Official
        && !colleague.disabled
        && colleague.department.is_some()
        && colleague.department == caller.department
        && r.jurisdiction
            .is_some_and(|j| colleague.jurisdictions.contains(&j));
    if !fits {
        return Err(not_colleague());
    }
    let now = state.now();
    let handed = match note {
        Some(n) => format!("→ #{to}: {n}"),
        None => format!("→ #{to}"),
    };
    let event = events::beside(
        state,
        now,
        &r,
        caller,
        EventKind::Handover,
        Some(handed),
        Vec::new(),
    );
    crate::store::write(&state.writer, async |txn| {
        store::set_assignee(txn, r.id, to).await?;
        events::record(txn, &r, &event).await?;
        Ok::<_, RequestError>(())
    })
    .await?;
    tracing::info!(request = %r.number, to, "request handed over");
    let r = store::find(&state.db, r.id)
        .await?
        .ok_or(Error::NotFound("no such request"))?;
    view(state, caller, r).await
}
