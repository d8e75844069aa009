//! Reading requests: one as its caller may see it, the owner's list, and the owner's contact
//! for the officials (audited).

use shared::api::requests::{BusinessCheck, DocumentView, EventView, RequestSummary, RequestView};
use shared::application::{EventKind, Grant};

use crate::AppState;
use crate::services::Actor;
use crate::services::{Error, RequestError};
use crate::store::requests::{self as store, EventRecord, RequestRecord};
use crate::store::users;

use super::{assists, visible};

pub(super) async fn view(
    state: &AppState,
    caller: &Actor,
    r: RequestRecord,
) -> Result<RequestView, RequestError> {
    let history = store::events(&state.db, r.id).await?;
    let documents = store::documents(&state.db, r.id).await?;
    view_of(state, caller, r, history, documents).await
}

pub(super) async fn view_of(
    state: &AppState,
    caller: &Actor,
    r: RequestRecord,
    history: Vec<EventRecord>,
    documents: Vec<store::DocumentRecord>,
) -> Result<RequestView, RequestError> {
    let business = users::business(&state.db, r.owner_id).await?;
    // Staff see whether the business was checked against its licence (核验): anyone could
    // have registered its public code.
    let business_check = match &business {
        Some(b) if caller.role.is_staff() => Some(BusinessCheck {
            verified_at: b.verified.as_ref().map(|v| v.at),
            verified_by: b.verified.as_ref().and_then(|v| v.department),
            first_request: !store::filed_before(&state.db, r.owner_id, r.id).await?,
        }),
        _ => None,
    };
    let business_name = business.map(|b| b.business_name).unwrap_or_default();
    let parse = |s: &str| serde_json::from_str::<serde_json::Value>(s);
    let answers = serde_json::from_str(&r.answers).map_err(|e| Error::internal(&e))?;
    let payload = parse(&r.payload).map_err(|e| Error::internal(&e))?;
    let grant: Option<Grant> = r
        .grant
        .as_deref()
        .map(serde_json::from_str)
        .transpose()
        .map_err(|e| Error::internal(&e))?;
    let mut departments = r.departments;
    state.catalog().in_department_order(&mut departments);
    // Staff read who did each step by name (where recorded); owners see roles only.
    let names = if caller.role.is_staff() {
        let mut actors: Vec<i32> = history.iter().map(|e| e.actor_id).collect();
        actors.sort_unstable();
        actors.dedup();
        users::names_of(&state.db, &actors).await?
    } else {
        std::collections::HashMap::new()
    };
    Ok(RequestView {
        id: i64::from(r.id),
        number: r.number,
        measure: r.measure,
        kind: r.kind,
        status: r.status,
        version: r.version,
        business_name,
        departments,
        lead_department: r.lead,
        jurisdiction: r.jurisdiction,
        catalog_version: r.catalog_version,
        filed_at: r.created_at,
        updated_at: r.updated_at,
        due_on: r.due_on,
        paused_on: r.paused_on,
        answers,
        payload,
        grant,
        allowed_actions: if assists(caller, r.lead) {
            Vec::new()
        } else {
            r.status.allowed(caller.role)
        },
        assignee_id: r
            .assignee_id
            .filter(|_| caller.role.is_staff())
            .map(i64::from),
        history: history
            .into_iter()
            // Notes between departments are theirs: owners see that a request changed hands,
            // not the note or to whom.
            .filter(|e| caller.role.is_staff() || e.kind != EventKind::Comment)
            .map(|e| EventView {
                at: e.at,
                kind: e.kind,
                actor_role: e.actor_role,
                actor_id: caller.role.is_staff().then_some(e.actor_id),
                actor_name: names.get(&e.actor_id).cloned(),
                from: e.from,
                to: e.to,
                comment: e
                    .comment
                    .filter(|_| caller.role.is_staff() || e.kind != EventKind::Handover),
                documents: e.documents,
                rules_revision: e.rules_revision.map(i64::from),
                due_on: e.due_on,
                paused_working_days: e.paused_working_days,
            })
            .collect(),
        documents: documents
            .into_iter()
            .map(|d| DocumentView {
                id: i64::from(d.id),
                purpose: d.purpose,
                doc_type: d.doc_type,
                size: d.size,
                uploaded_at: d.created_at,
            })
            .collect(),
        business_check,
    })
}

pub(super) fn summary(r: RequestRecord) -> RequestSummary {
    RequestSummary {
        id: i64::from(r.id),
        number: r.number,
        measure: r.measure,
        kind: r.kind,
        status: r.status,
        version: r.version,
        jurisdiction: r.jurisdiction,
        filed_at: r.created_at,
        due_on: r.due_on,
    }
}

pub async fn get(state: &AppState, caller: &Actor, id: i64) -> Result<RequestView, RequestError> {
    let r = visible(state, caller, id).await?;
    view(state, caller, r).await
}

/// The caller's own requests, newest first.
pub async fn mine(state: &AppState, caller: &Actor) -> Result<Vec<RequestSummary>, RequestError> {
    Ok(store::list_of_owner(&state.db, caller.id)
        .await?
        .into_iter()
        .map(summary)
        .collect())
}

/// The owner's phone number and credit code, unmasked, for an official the request is
/// routed to or a supervisor; each reading is written to the audit log (masked there).
pub async fn contact(
    state: &AppState,
    caller: &Actor,
    id: i64,
) -> Result<shared::api::desk::ContactView, RequestError> {
    let client = &caller.address;
    let r = visible(state, caller, id).await?;
    let owner = users::find(&state.db, r.owner_id)
        .await?
        .ok_or(Error::NotFound("no such request"))?;
    let credit_code = users::business(&state.db, r.owner_id)
        .await?
        .and_then(|b| b.credit_code);
    let entry = crate::store::audit::AuditEntry {
        actor_id: Some(caller.id),
        actor_role: Some(caller.role.as_str().into()),
        action: "contact_revealed".into(),
        target_id: Some(r.id),
        phone_masked: Some(shared::account::phone::mask(&owner.phone)),
        client_addr: Some(client.0.clone()),
        detail: Some(format!("request {}", r.number)),
    };
    crate::store::write(&state.writer, async |txn| {
        crate::store::audit::record(txn, state.now(), entry).await
    })
    .await?;
    Ok(shared::api::desk::ContactView {
        request_id: i64::from(r.id),
        phone: owner.phone,
        credit_code,
    })
}
