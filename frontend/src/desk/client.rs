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

/// Sends a call with the official's token; the body of a 2xx as `T`.
pub async fn call<T: DeserializeOwned>(
    desk: Desk,
    method: &str,
    path: &str,
    extra: &[(&str, &str)],
    body: Option<&str>,
) -> Result<T, Error> {
    let auth = bearer(desk);
    let mut headers = vec![("Authorization", auth.as_str())];
    headers.extend_from_slice(extra);
    let reply = api::send(method, path, &headers, body).await?;
    if !(200..300).contains(&reply.status) {
        return Err(api::failure(reply));
    }
    serde_json::from_str(&reply.text).map_err(|_| Error::Unexpected {
        status: reply.status,
    })
}

/// Sends a call whose 2xx answer has no body worth reading (a `204` after a deletion).
pub async fn send(desk: Desk, method: &str, path: &str, body: Option<&str>) -> Result<(), Error> {
    let auth = bearer(desk);
    let reply = api::send(method, path, &[("Authorization", auth.as_str())], body).await?;
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
    let (blob, name) = api::blob(path, &[("Authorization", auth.as_str())]).await?;
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
