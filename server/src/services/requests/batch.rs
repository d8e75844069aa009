//! Approving many requests at once, each as if alone, and the grants the engine proposes.

use shared::api::requests::{DecisionRequest, RequestView};
use shared::application::{Action, Grant, RequestState};
use shared::evaluate;

use crate::AppState;
use crate::services::Actor;
use crate::services::{Error, Refusal, RequestError};
use crate::store::users;

use super::decide::{check_grant, decide};
use super::{comment, invalid, visible};

/// Approves each request of a batch as if it were approved alone: visibility, version,
/// state machine and grant checked, one transaction and one history event per step; a
/// submitted request is taken into review first. A refusal of one does not stop the others.
pub async fn approve_batch(
    state: &AppState,
    caller: &Actor,
    body: shared::api::desk::BatchApprovalRequest,
) -> Result<shared::api::desk::BatchApprovalResponse, RequestError> {
    use shared::api::desk::{BATCH_MAX, BatchOutcome};
    if body.items.is_empty() || body.items.len() > BATCH_MAX {
        return Err(invalid("items", format!("1 to {BATCH_MAX} requests")));
    }
    let mut seen = std::collections::BTreeSet::new();
    if let Some(twice) = body.items.iter().find(|i| !seen.insert(i.id)) {
        return Err(invalid(
            "items",
            format!("request {} is listed twice", twice.id),
        ));
    }
    let note = comment(body.comment)?;
    let mut results = Vec::with_capacity(body.items.len());
    for item in body.items {
        let outcome = approve_one(state, caller, &item, note.clone()).await;
        results.push(match outcome {
            Ok(view) => BatchOutcome {
                id: item.id,
                approved: true,
                status: Some(view.status),
                version: Some(view.version),
                error: None,
            },
            Err(e) => {
                if let RequestError::Other(Error::Internal(cause)) = &e {
                    tracing::error!(request = item.id, %cause, "batch approval failed");
                }
                let now = match visible(state, caller, item.id).await {
                    Ok(r) => Some((r.status, r.version)),
                    Err(_) => None,
                };
                BatchOutcome {
                    id: item.id,
                    approved: false,
                    status: now.map(|(s, _)| s),
                    version: now.map(|(_, v)| v),
                    error: Some(e.detail()),
                }
            }
        });
    }
    tracing::info!(
        approved = results.iter().filter(|r| r.approved).count(),
        refused = results.iter().filter(|r| !r.approved).count(),
        "batch approval"
    );
    Ok(shared::api::desk::BatchApprovalResponse { results })
}

async fn approve_one(
    state: &AppState,
    caller: &Actor,
    item: &shared::api::desk::BatchApprovalItem,
    note: Option<String>,
) -> Result<RequestView, RequestError> {
    let r = visible(state, caller, item.id).await?;
    let mut version = item.version;
    if r.status == RequestState::Submitted && r.version == version {
        // Checked before anything is recorded: a grant that does not fit leaves it submitted.
        check_grant(&r, &item.grant)?;
        let reviewed = decide(
            state,
            caller,
            item.id,
            Some(version),
            DecisionRequest {
                action: Action::Review,
                comment: None,
                grant: None,
            },
        )
        .await?;
        version = reviewed.version;
    }
    decide(
        state,
        caller,
        item.id,
        Some(version),
        DecisionRequest {
            action: Action::Approve,
            comment: note,
            grant: Some(item.grant.clone()),
        },
    )
    .await
}

/// The grant the engine proposes for each selected request (its answers evaluated as a
/// filing is, in the rules in force), or why it is decided one by one; nothing is recorded.
pub async fn preview_batch(
    state: &AppState,
    caller: &Actor,
    body: shared::api::desk::BatchPreviewRequest,
) -> Result<shared::api::desk::BatchPreviewResponse, RequestError> {
    use shared::api::desk::{BATCH_MAX, BatchProposal};
    use shared::application::decision::NotRoutine;
    if body.ids.is_empty() || body.ids.len() > BATCH_MAX {
        return Err(invalid("ids", format!("1 to {BATCH_MAX} requests")));
    }
    let mut seen = std::collections::BTreeSet::new();
    if let Some(twice) = body.ids.iter().find(|id| !seen.insert(**id)) {
        return Err(invalid("ids", format!("request {twice} is listed twice")));
    }
    let active = state.active();
    let as_of = state.as_of();
    let mut items = Vec::with_capacity(body.ids.len());
    for id in body.ids {
        let r = match visible(state, caller, id).await {
            Ok(r) => r,
            Err(RequestError::Other(Error::NotFound(_))) => continue,
            Err(e) => return Err(e),
        };
        let answers: shared::answers::Answers =
            serde_json::from_str(&r.answers).map_err(|e| Error::internal(&e))?;
        let payload: serde_json::Value =
            serde_json::from_str(&r.payload).map_err(|e| Error::internal(&e))?;
        let proposal = if r.status == RequestState::NeedsInfo {
            Err(NotRoutine::AwaitingOwner)
        } else if r.status.is_open() {
            let evaluation = evaluate(&active.catalog, &answers, as_of);
            evaluation
                .results
                .iter()
                .find(|m| m.measure == r.measure)
                .ok_or(NotRoutine::NotEligible)
                .and_then(|result| Grant::proposed(r.kind, result, &payload))
        } else {
            Err(NotRoutine::NotOpen)
        };
        let business_name = users::business(&state.db, r.owner_id)
            .await?
            .map(|b| b.business_name)
            .unwrap_or_default();
        let (grant, not_routine) = match proposal {
            Ok(g) => (Some(g), None),
            Err(n) => (None, Some(n)),
        };
        items.push(BatchProposal {
            id: i64::from(r.id),
            number: r.number,
            business_name,
            measure: r.measure,
            status: r.status,
            version: r.version,
            grant,
            not_routine,
        });
    }
    Ok(shared::api::desk::BatchPreviewResponse { items })
}
