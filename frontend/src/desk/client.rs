//! The official's session for the typed API client: the official's token on every call,
//! refreshed once after a 401; and the files the desk hands to the browser.

use futures_util::FutureExt;
use futures_util::future::LocalBoxFuture;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use super::Desk;
use crate::api::{self, Error};

impl api::Session for Desk {
    fn authorization(&self) -> String {
        self.session
            .with_untracked(|s| s.as_ref().map(|t| format!("Bearer {}", t.access_token)))
            .unwrap_or_default()
    }

    /// Once for all the calls that need it at the same time, so an official is not signed
    /// out 15 minutes after signing in; `false` when refused.
    fn renew(&self) -> LocalBoxFuture<'static, bool> {
        let desk = *self;
        crate::refresh::once(move || refresh_now(desk).boxed_local()).boxed_local()
    }

    /// The call fails with its 401 and the desk signs out where it says so (`Desk::fail`).
    fn refused(&self) {}

    fn renews_downloads(&self) -> bool {
        true
    }
}

async fn refresh_now(desk: Desk) -> bool {
    let Some(tokens) = desk.session.get_untracked() else {
        return false;
    };
    match api::auth::refresh(&tokens.refresh_token).await {
        Ok(tokens) => {
            desk.keep_session(tokens);
            true
        }
        // Refused (the call then fails with its 401 and the desk signs out), or offline (it
        // fails as a network error and the session stays).
        Err(_) => false,
    }
}

/// Hands a file fetched with the official's token to the browser: saved under the server's
/// file name, or opened in a new tab (`open`), e.g. a photo of a lease.
pub fn deliver(file: (web_sys::Blob, Option<String>), open: bool) -> Result<(), Error> {
    let (blob, name) = file;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| Error::Network)?;
    let document = document();
    let anchor = document
        .create_element("a")
        .ok()
        .and_then(|a| a.dyn_into::<web_sys::HtmlAnchorElement>().ok())
        .ok_or(Error::Network)?;
    anchor.set_href(&url);
    if open {
        anchor.set_target("_blank");
        anchor.set_rel("noopener");
    } else {
        anchor.set_download(name.as_deref().unwrap_or("download"));
    }
    anchor.click();
    // The tab or the download holds its own reference once started.
    let revoke = wasm_bindgen::closure::Closure::once_into_js(move || {
        let _ = web_sys::Url::revoke_object_url(&url);
    });
    let _ = window()
        .set_timeout_with_callback_and_timeout_and_arguments_0(revoke.unchecked_ref(), 60_000);
    Ok(())
}
