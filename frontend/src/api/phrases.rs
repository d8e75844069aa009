//! The department's saved comment phrases (`/admin/phrases`).

use shared::api::desk::{PhraseList, PhraseRequest};

use super::{Error, Session, V1, authed, body, get, json, ok, v1, with_body};

pub async fn list(s: &dyn Session) -> Result<PhraseList, Error> {
    json(get(s, v1!("/admin/phrases")).await?)
}

pub async fn add(s: &dyn Session, phrase: &PhraseRequest) -> Result<(), Error> {
    let phrase = body(phrase)?;
    ok(with_body(s, "POST", v1!("/admin/phrases"), &phrase).await?).map(|_| ())
}

pub async fn update(s: &dyn Session, id: i64, phrase: &PhraseRequest) -> Result<(), Error> {
    let phrase = body(phrase)?;
    ok(with_body(s, "PUT", &format!("{V1}/admin/phrases/{id}"), &phrase).await?).map(|_| ())
}

pub async fn remove(s: &dyn Session, id: i64) -> Result<(), Error> {
    ok(authed(s, "DELETE", &format!("{V1}/admin/phrases/{id}"), &[], None).await?).map(|_| ())
}
