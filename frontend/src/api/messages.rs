//! The owner's messages (`/messages`).

use shared::Lang;
use shared::api::requests::MessagesResponse;

use super::{Error, Session, V1, authed, get, json, ok};

/// The owner's messages, written in `lang`, with the unread count.
pub async fn list(s: &dyn Session, lang: Lang) -> Result<MessagesResponse, Error> {
    json(get(s, &format!("{V1}/messages?lang={}", lang.as_str())).await?)
}

/// Marks a message read.
pub async fn mark_read(s: &dyn Session, id: i64) -> Result<(), Error> {
    ok(authed(s, "POST", &format!("{V1}/messages/{id}/read"), &[], None).await?).map(|_| ())
}
