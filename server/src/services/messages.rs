//! Owners' in-app messages: one per change of a request's state.

use shared::Lang;
use shared::api::requests::{MessageView, MessagesResponse};
use shared::i18n::requests::{message_text, reminder_text};

use crate::AppState;
use crate::services::Actor;
use crate::services::Error;
use crate::store::notifications;

pub async fn list(state: &AppState, caller: &Actor, lang: Lang) -> Result<MessagesResponse, Error> {
    let messages = notifications::messages(&state.db, caller.id).await?;
    Ok(MessagesResponse {
        unread: notifications::unread(&state.db, caller.id).await?,
        messages: messages
            .into_iter()
            .map(|m| MessageView {
                id: i64::from(m.id),
                request_id: i64::from(m.request_id),
                text: match &m.reminder {
                    Some(r) => reminder_text(lang, &m.number, r),
                    None => message_text(lang, &m.number, m.status),
                },
                number: m.number,
                status: m.status,
                at: m.at,
                read: m.read,
                reminder: m.reminder,
            })
            .collect(),
    })
}

/// Marks one message read; 404 when it is not the caller's.
pub async fn mark_read(state: &AppState, caller: &Actor, id: i64) -> Result<(), Error> {
    let id = i32::try_from(id).map_err(|_| Error::NotFound("no such message"))?;
    if !notifications::owns_message(&state.db, caller.id, id).await? {
        return Err(Error::NotFound("no such message"));
    }
    let now = state.now();
    crate::store::write(&state.writer, async |txn| {
        notifications::mark_read(txn, caller.id, Some(id), now).await
    })
    .await?;
    Ok(())
}

pub async fn mark_all_read(state: &AppState, caller: &Actor) -> Result<u64, Error> {
    let now = state.now();
    Ok(crate::store::write(&state.writer, async |txn| {
        notifications::mark_read(txn, caller.id, None, now).await
    })
    .await?)
}
