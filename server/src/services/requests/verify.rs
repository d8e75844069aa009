//! A department records that it checked the business's licence (核验): anyone can register
//! a business's public credit code, so the first department to see a business checks the
//! licence among the documents, and the departments after it see that it was checked.

use shared::api::requests::RequestView;

use crate::AppState;
use crate::services::{Actor, RequestError};
use crate::store::audit::{self, AuditEntry};
use crate::store::users;

use super::read::view;
use super::visible;

/// Records the check on the business of a request routed to the official (whatever the
/// request's state: a licence can be checked after a decision too). The first check stands.
pub async fn verify_business(
    state: &AppState,
    caller: &Actor,
    id: i64,
) -> Result<RequestView, RequestError> {
    let r = visible(state, caller, id).await?;
    let now = state.now();
    let recorded = crate::store::write(&state.writer, async |txn| {
        let recorded =
            users::verify_business(txn, r.owner_id, caller.id, caller.department, now).await?;
        if recorded {
            audit::record(
                txn,
                now,
                AuditEntry {
                    actor_id: Some(caller.id),
                    actor_role: Some(caller.role.as_str().into()),
                    action: "business_verified".into(),
                    target_id: Some(r.owner_id),
                    phone_masked: None,
                    client_addr: Some(caller.address.0.clone()),
                    detail: Some(format!("licence checked on request {}", r.number)),
                },
            )
            .await?;
        }
        Ok::<_, RequestError>(recorded)
    })
    .await?;
    if recorded {
        tracing::info!(request = %r.number, department = ?caller.department, "business verified");
    }
    view(state, caller, r).await
}
