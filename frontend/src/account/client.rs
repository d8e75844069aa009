//! The owner's session for the typed API client: the owner's token on every call. A refused
//! access token is refreshed once with the refresh token; when that fails too, the session
//! is dropped and the page asks to sign in where it is (what was typed stays: the forms keep
//! their drafts).

use futures_util::FutureExt;
use futures_util::future::LocalBoxFuture;
use leptos::prelude::*;

use super::Account;
use crate::api::{self, Error};

impl api::Session for Account {
    fn authorization(&self) -> String {
        self.session
            .with_untracked(|s| s.as_ref().map(|t| format!("Bearer {}", t.access_token)))
            .unwrap_or_default()
    }

    /// Once for all the calls that need it at the same time; `false` when it is refused or
    /// missing.
    fn renew(&self) -> LocalBoxFuture<'static, bool> {
        let acc = *self;
        crate::refresh::once(move || refresh_now(acc).boxed_local()).boxed_local()
    }

    fn refused(&self) {
        self.forget();
    }

    /// An owner's document opens with the token at hand: a refused one is said as such.
    fn renews_downloads(&self) -> bool {
        false
    }
}

async fn refresh_now(acc: Account) -> bool {
    let Some(tokens) = acc.session.get_untracked() else {
        return false;
    };
    match api::auth::refresh(&tokens.refresh_token).await {
        Ok(tokens) => {
            acc.keep_session(tokens);
            true
        }
        // Offline: keep the session, the call fails as a network error. A 2xx that could not
        // be read: keep it too.
        Err(Error::Network) => false,
        Err(Error::Unexpected { status }) if (200..300).contains(&status) => false,
        Err(_) => {
            acc.forget();
            false
        }
    }
}

/// A document of a request fetched with the owner's token, to show in the page: a photo's
/// address (a `blob:` the page shows over itself and revokes when closed), or `None` when the
/// browser shows it instead (a PDF, in this tab: WeChat's browser blocks new `blob:` tabs).
pub async fn open_document(
    acc: Account,
    request: i64,
    document: i64,
) -> Result<Option<String>, Error> {
    let (blob, _) = api::requests::document(&acc, request, document).await?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| Error::Network)?;
    if blob.type_().starts_with("image/") {
        return Ok(Some(url));
    }
    let _ = window().location().set_href(&url);
    Ok(None)
}
