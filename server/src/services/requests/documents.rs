//! The owner's documents: checked before the body is read, counted against the quotas as
//! they are recorded, and served to those who may see the request.

use chrono::{DateTime, Utc};
use sha2::{Digest, Sha256};
use shared::api::requests::DocumentView;
use shared::application::{DocumentPurpose, DocumentType, EventKind};

use crate::AppState;
use crate::infra::documents::DocumentStorage;
use crate::services::Actor;
use crate::services::tokens::{hex, random_hex};
use crate::services::{Error, RequestError};
use crate::store::requests::{self as store, NewDocument, RequestRecord};

use super::{events, open_for, visible};

/// A request an upload may go to, and the most bytes the document may have.
pub struct UploadSlot {
    request: RequestRecord,
    pub max_bytes: usize,
    /// Whether `max_bytes` is the owner's remaining quota rather than the document limit.
    pub quota_bound: bool,
}

fn quota(message: String) -> RequestError {
    RequestError::DocumentQuota(message)
}

/// Whether one more document of `size` bytes fits: the request holds `held`, the owner
/// stores `stored` bytes.
fn room_for(state: &AppState, held: u64, stored: u64, size: u64) -> Result<(), RequestError> {
    if held >= u64::from(state.documents_per_request) {
        return Err(quota(format!(
            "the request holds {held} documents, the most allowed"
        )));
    }
    if stored.saturating_add(size) > state.document_bytes_per_owner {
        return Err(quota(format!(
            "your documents take {stored} bytes; {size} more would pass the {} one business may store",
            state.document_bytes_per_owner
        )));
    }
    Ok(())
}

/// Checks an upload before its body is read: the caller's own open request, with room for
/// one more document, and bytes left in the owner's quota. Nothing of the body is read for a
/// request the caller may not add to (an attacker's 10 MiB bodies to other requests cost
/// nothing).
pub async fn may_upload(
    state: &AppState,
    caller: &Actor,
    id: i64,
) -> Result<UploadSlot, RequestError> {
    let r = visible(state, caller, id).await?;
    open_for(&r, |s| {
        format!("documents cannot be added to a request that is {s}")
    })?;
    let (held, stored) = store::document_usage(&state.db, r.id, caller.id).await?;
    // Room for at least one byte more.
    room_for(state, held, stored, 1)?;
    let left = state.document_bytes_per_owner.saturating_sub(stored);
    let left = usize::try_from(left).unwrap_or(usize::MAX);
    Ok(UploadSlot {
        request: r,
        max_bytes: state.document_max_bytes.min(left),
        quota_bound: left < state.document_max_bytes,
    })
}

/// Stores a document for an open request of the caller's (owners only), in the slot
/// [`may_upload`] gave; the quotas are counted again as it is recorded.
pub async fn upload(
    state: &AppState,
    caller: &Actor,
    slot: UploadSlot,
    purpose: DocumentPurpose,
    bytes: &[u8],
) -> Result<DocumentView, RequestError> {
    let r = slot.request;
    let doc_type = DocumentType::sniff(bytes).ok_or(RequestError::UnsupportedDocument)?;
    let name = format!("{}.{}", random_hex(16)?, doc_type.extension());
    let sha = hex(&Sha256::digest(bytes));
    state
        .documents
        .put(&name, bytes)
        .await
        .map_err(|e| Error::internal(&e))?;
    let now: DateTime<Utc> = state.now();
    let event = |doc_id: i32| {
        let added = vec![i64::from(doc_id)];
        events::beside(state, now, &r, caller, EventKind::Attach, None, added)
    };
    let stored = crate::store::write(&state.writer, async |txn| {
        // Counted again under the owner's lock: uploads sent at once stay within the quotas.
        crate::store::advisory_lock(txn, crate::store::LockKind::Documents, caller.id).await?;
        let (held, stored) = store::document_usage(txn, r.id, caller.id).await?;
        let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        room_for(state, held, stored, size)?;
        let doc_id = store::insert_document(
            txn,
            NewDocument {
                request_id: r.id,
                uploader_id: caller.id,
                purpose,
                doc_type,
                size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
                storage_name: &name,
                sha256: &sha,
                at: now,
            },
        )
        .await?;
        events::record(txn, &r, &event(doc_id)).await?;
        Ok::<_, RequestError>(doc_id)
    })
    .await;
    let doc_id = match stored {
        Ok(id) => id,
        Err(refused) => {
            // Not recorded: the file goes too.
            let _ = state.documents.delete(&name).await;
            return Err(refused);
        }
    };
    Ok(DocumentView {
        id: i64::from(doc_id),
        purpose,
        doc_type,
        size: i64::try_from(bytes.len()).unwrap_or(i64::MAX),
        uploaded_at: now,
    })
}

/// A document of a request the caller may see: its type, a download name and its bytes.
pub async fn download(
    state: &AppState,
    caller: &Actor,
    id: i64,
    doc_id: i64,
) -> Result<(DocumentType, String, Vec<u8>), RequestError> {
    let r = visible(state, caller, id).await?;
    let doc_id = i32::try_from(doc_id).map_err(|_| Error::NotFound("no such document"))?;
    let d = store::find_document(&state.db, r.id, doc_id)
        .await?
        .ok_or(Error::NotFound("no such document"))?;
    let bytes = state
        .documents
        .get(&d.storage_name)
        .await
        .map_err(|e| Error::internal(&e))?;
    let filename = format!(
        "{}-{}-{}.{}",
        r.number,
        d.purpose,
        d.id,
        d.doc_type.extension()
    );
    Ok((d.doc_type, filename, bytes))
}
