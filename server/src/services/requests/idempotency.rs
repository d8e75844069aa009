//! The `Idempotency-Key` of a filing: a repeat answers with the request the first filing made.

use shared::api::requests::RequestView;

use crate::AppState;
use crate::services::Actor;
use crate::services::{Error, RequestError};
use crate::store::requests::{self as store};

use super::MAX_KEY;
use super::read::view;

/// Checks an `Idempotency-Key` header value.
pub fn check_key(key: Option<&str>) -> Result<String, RequestError> {
    let key = key.map(str::trim).unwrap_or_default();
    if key.is_empty() {
        return Err(RequestError::KeyRequired(
            "send an `Idempotency-Key: <uuid>` header, the same for retries of one filing".into(),
        ));
    }
    if key.len() > MAX_KEY || !key.bytes().all(|b| b.is_ascii_graphic()) {
        return Err(RequestError::KeyRequired(format!(
            "the key must be at most {MAX_KEY} visible ASCII characters"
        )));
    }
    Ok(key.to_string())
}

pub(super) fn reused() -> RequestError {
    RequestError::KeyReused
}

/// The request an earlier filing with this key made, or 422 for another body.
pub(super) async fn repeat(
    state: &AppState,
    caller: &Actor,
    key: &str,
    hash: &str,
) -> Result<Option<Filed>, RequestError> {
    match store::find_key(&state.db, caller.id, key).await? {
        None => Ok(None),
        Some((stored, _)) if stored != hash => Err(reused()),
        Some((_, id)) => {
            let record = store::find(&state.db, id)
                .await?
                .ok_or(Error::NotFound("no such request"))?;
            Ok(Some(Filed {
                view: view(state, caller, record).await?,
                created: false,
            }))
        }
    }
}

/// A filed request, and whether this call filed it (`false`: an idempotent repeat).
pub struct Filed {
    pub view: RequestView,
    pub created: bool,
}
