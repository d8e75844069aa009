//! The owner's steps: answering officials' question, withdrawing.

use shared::api::requests::{OwnerActionRequest, RequestView};
use shared::application::Action;

use crate::AppState;
use crate::services::Actor;
use crate::services::RequestError;
use crate::store::requests::{self as store};

use super::decide::{Step, act};
use super::{comment, invalid, visible};

/// The owner answers officials' question, or withdraws the request.
pub async fn owner_act(
    state: &AppState,
    caller: &Actor,
    id: i64,
    action: Action,
    version: Option<i32>,
    body: OwnerActionRequest,
) -> Result<RequestView, RequestError> {
    let r = visible(state, caller, id).await?;
    let note = comment(body.comment)?;
    if action == Action::Answer && note.is_none() && body.documents.is_empty() {
        return Err(invalid("comment", "answer with a comment or documents"));
    }
    let known = store::documents(&state.db, r.id).await?;
    if let Some(d) = body
        .documents
        .iter()
        .find(|d| !known.iter().any(|k| i64::from(k.id) == **d))
    {
        return Err(invalid(
            "documents",
            format!("document {d} is not on this request"),
        ));
    }
    let version = version.unwrap_or(r.version);
    let step = Step {
        action,
        version,
        note,
        documents: body.documents,
        grant: None,
    };
    act(state, caller, r, step).await
}
