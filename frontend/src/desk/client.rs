//! The desk's calls: the typed API client with the official's token.

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use wasm_bindgen::JsCast;

use super::Desk;
use crate::api::{self, Error};

fn bearer(desk: Desk) -> String {
    desk.session
        .with_untracked(|s| s.as_ref().map(|t| format!("Bearer {}", t.access_token)))
        .unwrap_or_default()
}

/// Trades the refresh token for a new pair, once for all the calls that need it at the same
/// time, so an official is not signed out 15 minutes after signing in; `false` when refused.
async fn refresh(desk: Desk) -> bool {
    use futures_util::FutureExt;
    crate::refresh::once(move || refresh_now(desk).boxed_local()).await
}

async fn refresh_now(desk: Desk) -> bool {
    let Some(tokens) = desk.session.get_untracked() else {
        return false;
    };
    let body = serde_json::json!({ "refresh_token": tokens.refresh_token }).to_string();
    match api::send("POST", "/api/v1/auth/refresh", &[], Some(&body)).await {
        Ok(reply) if (200..300).contains(&reply.status) => {
            match serde_json::from_str::<shared::account::api::TokenResponse>(&reply.text) {
                Ok(tokens) => {
                    desk.keep_session(tokens);
                    true
                }
                Err(_) => false,
            }
        }
        // Refused (the call then fails with its 401 and the desk signs out), or offline (it
        // fails as a network error and the session stays).
        _ => false,
    }
}

/// Sends a call with the official's token, refreshed once after a 401: the reply, whatever
/// its status.
async fn reply(
    desk: Desk,
    method: &str,
    path: &str,
    extra: &[(&str, &str)],
    body: Option<&str>,
) -> Result<api::Reply, Error> {
    let mut retried = false;
    loop {
        let auth = bearer(desk);
        let mut headers = vec![("Authorization", auth.as_str())];
        headers.extend_from_slice(extra);
        let reply = api::send(method, path, &headers, body).await?;
        if reply.status == 401 && !retried {
            retried = true;
            if refresh(desk).await {
                continue;
            }
        }
        return Ok(reply);
    }
}

/// Sends a call with the official's token; the body of a 2xx as `T`.
pub async fn call<T: DeserializeOwned>(
    desk: Desk,
    method: &str,
    path: &str,
    extra: &[(&str, &str)],
    body: Option<&str>,
) -> Result<T, Error> {
    let reply = reply(desk, method, path, extra, body).await?;
    if !(200..300).contains(&reply.status) {
        return Err(api::failure(reply));
    }
    serde_json::from_str(&reply.text).map_err(|_| Error::Unexpected {
        status: reply.status,
    })
}

/// Sends a call whose 2xx answer has no body worth reading (a `204` after a deletion).
pub async fn send(desk: Desk, method: &str, path: &str, body: Option<&str>) -> Result<(), Error> {
    let reply = reply(desk, method, path, &[], body).await?;
    if !(200..300).contains(&reply.status) {
        return Err(api::failure(reply));
    }
    Ok(())
}

pub async fn get<T: DeserializeOwned>(desk: Desk, path: &str) -> Result<T, Error> {
    call(desk, "GET", path, &[], None).await
}

/// Fetches a file with the official's token and hands it to the browser: saved under the
/// server's file name, or opened in a new tab (`open`), e.g. a photo of a lease.
pub async fn download(desk: Desk, path: &str, open: bool) -> Result<(), Error> {
    let auth = bearer(desk);
    let fetched = match api::blob(path, &[("Authorization", auth.as_str())]).await {
        Err(Error::Api { status: 401, .. }) if refresh(desk).await => {
            let auth = bearer(desk);
            api::blob(path, &[("Authorization", auth.as_str())]).await
        }
        other => other,
    };
    let (blob, name) = fetched?;
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
