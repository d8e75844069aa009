//! Requests: filing, reading, deciding, the owner's steps, documents, batches and handovers,
//! one file per action. Each change of a request is written through [`crate::store::write`]
//! and recorded in its history through [`events::record`], which tells the owner and queues
//! the webhook by the event's kind.

mod batch;
pub mod confirmations;
mod decide;
mod documents;
mod error;
mod events;
mod file;
mod handover;
mod idempotency;
pub mod ledger;
mod owner;
pub mod rating;
mod read;
pub mod reminders;
mod verify;

pub use batch::{approve_batch, preview_batch};
pub use decide::{decide, parse_version};
pub use documents::{UploadSlot, download, may_upload, upload};
pub use error::RequestError;
pub use file::file;
pub use handover::{add_comment, colleagues, handover};
pub use idempotency::{Filed, check_key};
pub use owner::owner_act;
pub use read::{contact, get, mine};
pub use verify::verify_business;

use shared::account::Role;
use shared::application::{RequestState, TransitionError};

use crate::AppState;
use crate::services::Actor;
use crate::services::Error;
use crate::store::requests::{self as store, RequestRecord};

/// The longest idempotency key and comment accepted.
pub const MAX_KEY: usize = 128;
pub const MAX_COMMENT: usize = 2000;

fn invalid(field: impl Into<String>, message: impl Into<String>) -> RequestError {
    Error::field(field, message).into()
}

fn comment(c: Option<String>) -> Result<Option<String>, RequestError> {
    match c.map(|c| c.trim().to_string()).filter(|c| !c.is_empty()) {
        Some(c) if c.chars().count() > MAX_COMMENT => Err(invalid(
            "comment",
            format!("must be at most {MAX_COMMENT} characters"),
        )),
        c => Ok(c),
    }
}

fn transition_error(e: TransitionError) -> RequestError {
    RequestError::transition(e)
}

/// The request is open (not decided nor withdrawn), or 409 `invalid_transition` saying
/// what cannot be done to it (`refused`: the sentence, given its state).
fn open_for(
    r: &RequestRecord,
    refused: impl FnOnce(RequestState) -> String,
) -> Result<(), RequestError> {
    if r.status.is_open() {
        return Ok(());
    }
    Err(RequestError::NotNow {
        message: refused(r.status),
        action: false,
    })
}

fn conflict() -> RequestError {
    RequestError::Stale
}

/// Whether the caller may see a request: its owner, an official of a department it is routed
/// to in its jurisdiction, or a supervisor.
fn may_see(caller: &Actor, r: &RequestRecord) -> bool {
    match caller.role {
        Role::Applicant => r.owner_id == caller.id,
        Role::Official => {
            caller
                .department
                .is_some_and(|d| r.departments.contains(&d))
                && r.jurisdiction
                    .is_some_and(|j| caller.jurisdictions.contains(&j))
        }
        Role::Supervisor => true,
        Role::Admin => false,
    }
}

/// Whether the caller is an official of a department that assists on a request another
/// department leads (牵头): they see it, and do not decide it.
fn assists(caller: &Actor, lead: Option<shared::catalog::DepartmentId>) -> bool {
    caller.role == Role::Official && lead.is_some() && caller.department != lead
}

/// A request the caller may see; 404 for any other (its existence is not told).
async fn visible(state: &AppState, caller: &Actor, id: i64) -> Result<RequestRecord, RequestError> {
    let id = i32::try_from(id).map_err(|_| RequestError::not_found())?;
    match store::find(&state.db, id).await? {
        Some(r) if may_see(caller, &r) => Ok(r),
        _ => Err(RequestError::not_found()),
    }
}
