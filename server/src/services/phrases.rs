//! Saved comment phrases (常用语): each department's officials keep their own.

use shared::api::desk::{
    PHRASE_MAX_CHARS, PHRASES_PER_DEPARTMENT, PhraseList, PhraseRequest, PhraseView,
};
use shared::catalog::DepartmentId;

use crate::AppState;
use crate::services::Actor;
use crate::services::Error;
use crate::store::phrases::{self as store, PhraseRecord};

fn department(caller: &Actor) -> Result<DepartmentId, Error> {
    caller
        .department
        .ok_or(Error::Forbidden("an official without a department"))
}

fn text(body: PhraseRequest) -> Result<String, Error> {
    let t = body.text.trim().to_string();
    if t.is_empty() || t.chars().count() > PHRASE_MAX_CHARS {
        return Err(Error::field(
            "text",
            format!("1 to {PHRASE_MAX_CHARS} characters"),
        ));
    }
    Ok(t)
}

fn view(p: PhraseRecord) -> PhraseView {
    PhraseView {
        id: i64::from(p.id),
        department: p.department,
        text: p.text,
        updated_at: p.updated_at,
    }
}

fn id_of(id: i64) -> Result<i32, Error> {
    i32::try_from(id).map_err(|_| Error::NotFound("no such phrase"))
}

pub async fn list(state: &AppState, caller: &Actor) -> Result<PhraseList, Error> {
    Ok(PhraseList {
        items: store::list(&state.db, department(caller)?)
            .await?
            .into_iter()
            .map(view)
            .collect(),
    })
}

pub async fn create(
    state: &AppState,
    caller: &Actor,
    body: PhraseRequest,
) -> Result<PhraseView, Error> {
    let d = department(caller)?;
    let t = text(body)?;
    let now = state.now();
    crate::store::write(&state.writer, async |txn| {
        if store::count(txn, d).await? >= PHRASES_PER_DEPARTMENT as u64 {
            return Err(Error::field(
                "text",
                format!("a department keeps at most {PHRASES_PER_DEPARTMENT} phrases"),
            ));
        }
        Ok(view(store::insert(txn, d, &t, caller.id, now).await?))
    })
    .await
}

/// Changes a phrase of the caller's department; 404 for any other.
pub async fn update(
    state: &AppState,
    caller: &Actor,
    id: i64,
    body: PhraseRequest,
) -> Result<PhraseView, Error> {
    let d = department(caller)?;
    let t = text(body)?;
    let id = id_of(id)?;
    let now = state.now();
    let updated = crate::store::write(&state.writer, async |txn| {
        store::update(txn, id, d, &t, now).await
    })
    .await?;
    if !updated {
        return Err(Error::NotFound("no such phrase"));
    }
    Ok(PhraseView {
        id: i64::from(id),
        department: d,
        text: t,
        updated_at: now,
    })
}

/// Deletes a phrase of the caller's department; 404 for any other.
pub async fn delete(state: &AppState, caller: &Actor, id: i64) -> Result<(), Error> {
    let d = department(caller)?;
    let id = id_of(id)?;
    let deleted =
        crate::store::write(&state.writer, async |txn| store::delete(txn, id, d).await).await?;
    if !deleted {
        return Err(Error::NotFound("no such phrase"));
    }
    Ok(())
}
