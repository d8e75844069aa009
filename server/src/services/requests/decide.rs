//! The officials' decisions, and the one step function every change of state goes through
//! (compare-and-swap on the version, the time limit paused and resumed).

use shared::api::requests::{DecisionRequest, RequestView};
use shared::application::{Action, Grant, RequestState, transition};

use crate::AppState;
use crate::services::Actor;
use crate::services::{Error, RequestError};
use crate::store::requests::{self as store, EventRecord, RequestRecord};

use super::read::view;
use super::{assists, comment, conflict, events, invalid, transition_error, visible};

/// Parses `If-Match: <version>` (quotes allowed); 400 otherwise.
/// `3`, `"3"` or `W/"3"` (what the OpenAPI document's pattern says: 1 to 9 digits).
pub fn parse_version(header: Option<&str>) -> Result<Option<i32>, RequestError> {
    header
        .map(|h| {
            let h = h.trim();
            let h = h.strip_prefix("W/").unwrap_or(h);
            let digits = match h.strip_prefix('"') {
                Some(rest) => rest.strip_suffix('"').unwrap_or("x"),
                None => h,
            };
            let well_formed =
                (1..=9).contains(&digits.len()) && digits.bytes().all(|b| b.is_ascii_digit());
            well_formed
                .then(|| digits.parse::<i32>().ok())
                .flatten()
                .ok_or_else(|| invalid("If-Match", "must be the request's version, e.g. `3`"))
        })
        .transpose()
}

/// One step asked of a request.
pub(super) struct Step<'a> {
    pub(super) action: Action,
    /// The version it was asked on.
    pub(super) version: i32,
    pub(super) note: Option<String>,
    pub(super) documents: Vec<i64>,
    pub(super) grant: Option<&'a Grant>,
}

/// Moves a request by a step, compare-and-swap on its version.
pub(super) async fn act(
    state: &AppState,
    caller: &Actor,
    r: RequestRecord,
    step: Step<'_>,
) -> Result<RequestView, RequestError> {
    let Step {
        action,
        version,
        note,
        documents,
        grant,
    } = step;
    if r.version != version {
        return Err(conflict());
    }
    let to = transition(r.status, action, caller.role).map_err(transition_error)?;
    let grant_json = grant
        .map(serde_json::to_string)
        .transpose()
        .map_err(|e| Error::internal(&e))?;
    let now = state.now();
    let (timing, paused_working_days) = timing(state, &r, to);
    let event = EventRecord {
        at: now,
        actor_id: caller.id,
        actor_role: caller.role,
        kind: action.into(),
        from: Some(r.status),
        to,
        comment: note,
        documents,
        rules_revision: i32::try_from(state.active().revision).ok(),
        due_on: paused_working_days.and(timing.map(|t| t.due_on)),
        paused_working_days,
    };
    let moved = crate::store::write(&state.writer, async |txn| {
        if !store::change_status(txn, r.id, version, r.status, to, grant_json, timing, now).await? {
            return Ok(false);
        }
        events::record(txn, &r, &event).await?;
        if let (RequestState::Approved, Some(grant)) = (to, grant) {
            super::ledger::open(txn, state, caller, &r, grant).await?;
        }
        Ok::<_, sea_orm::DbErr>(true)
    })
    .await?;
    if !moved {
        return Err(conflict());
    }
    tracing::info!(request = %r.number, %action, from = %r.status, %to, "request moved");
    let r = store::find(&state.db, r.id)
        .await?
        .ok_or(Error::NotFound("no such request"))?;
    view(state, caller, r).await
}

/// How a step moves the time limit (补正): asking the owner for more stops it on today's
/// date (Beijing's); the owner's answer (or a withdrawal) starts it again, the due date moved
/// by the working days spent waiting. Other steps leave it.
fn timing(
    state: &AppState,
    r: &RequestRecord,
    to: RequestState,
) -> (Option<store::Timing>, Option<u32>) {
    let today = state.today();
    match (r.status, to) {
        (RequestState::NeedsInfo, RequestState::NeedsInfo) => (None, None),
        (_, RequestState::NeedsInfo) => (
            Some(store::Timing {
                due_on: r.due_on,
                paused_on: Some(today),
            }),
            None,
        ),
        (RequestState::NeedsInfo, _) => {
            let calendar = &state.active().calendar;
            let since = r.paused_on.unwrap_or(today);
            let waited = calendar.working_days_between(since, today);
            (
                Some(store::Timing {
                    due_on: calendar.add_working_days(r.due_on, waited),
                    paused_on: None,
                }),
                Some(waited),
            )
        }
        _ => (None, None),
    }
}

/// An official's decision: review, ask, approve (with what it grants) or reject.
pub async fn decide(
    state: &AppState,
    caller: &Actor,
    id: i64,
    version: Option<i32>,
    body: DecisionRequest,
) -> Result<RequestView, RequestError> {
    let r = visible(state, caller, id).await?;
    if assists(caller, r.lead) {
        return Err(Error::Forbidden(
            "another department leads this request (牵头) and decides it; yours assists",
        )
        .into());
    }
    let version = version.ok_or_else(|| {
        invalid(
            "If-Match",
            "send `If-Match: <version>` with the version the decision was made on",
        )
    })?;
    if !matches!(
        body.action,
        Action::Review | Action::Ask | Action::Approve | Action::Reject
    ) {
        return Err(invalid(
            "action",
            "officials review, ask, approve or reject",
        ));
    }
    let note = comment(body.comment)?;
    if matches!(body.action, Action::Ask | Action::Reject) && note.is_none() {
        return Err(invalid("comment", "say what is needed, or why not"));
    }
    match (&body.action, &body.grant) {
        (Action::Approve, None) => {
            return Err(invalid("grant", "an approval says what it grants"));
        }
        (Action::Approve, Some(g)) => check_grant(&r, g)?,
        (_, Some(_)) => return Err(invalid("grant", "only an approval grants")),
        (_, None) => {}
    }
    let step = Step {
        action: body.action,
        version,
        note,
        documents: Vec::new(),
        grant: body.grant.as_ref(),
    };
    act(state, caller, r, step).await
}

pub(super) fn check_grant(r: &RequestRecord, g: &Grant) -> Result<(), RequestError> {
    let filed: serde_json::Value =
        serde_json::from_str(&r.payload).map_err(|e| Error::internal(&e))?;
    g.validate(r.kind, r.measure)
        .and_then(|()| g.agrees_with(&filed))
        .map_err(RequestError::payload)
}
