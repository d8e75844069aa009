//! Confirmations sent to providers (`/admin/confirmations`).

use shared::api::confirmations::{ConfirmationView, CreatedConfirmation, NewConfirmation};

use super::{Error, Session, V1, body, download, get, json, v1, with_body};

pub async fn list(s: &dyn Session) -> Result<Vec<ConfirmationView>, Error> {
    json(get(s, v1!("/admin/confirmations")).await?)
}

/// Sends one: the link (shown once) and its lines.
pub async fn create(s: &dyn Session, new: &NewConfirmation) -> Result<CreatedConfirmation, Error> {
    let new = body(new)?;
    json(with_body(s, "POST", v1!("/admin/confirmations"), &new).await?)
}

/// Its Excel template, to send the provider: the bytes and the file name.
pub async fn template(s: &dyn Session, id: i64) -> Result<(web_sys::Blob, Option<String>), Error> {
    download(s, &format!("{V1}/admin/confirmations/{id}/template")).await
}
