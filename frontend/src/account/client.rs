//! The owner's calls: the typed API client with the owner's token. A refused access token is
//! refreshed once with the refresh token; when that fails too, the session is dropped and the
//! page asks to sign in where it is (what was typed stays: the forms keep their drafts).

use std::rc::Rc;

use leptos::prelude::*;
use serde::de::DeserializeOwned;
use shared::account::api::TokenResponse;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen_futures::JsFuture;

use super::Account;
use crate::api::{self, Error, Reply};

fn bearer(token: &str) -> String {
    format!("Bearer {token}")
}

/// Trades the refresh token for a new pair, once for all the calls that need it at the same
/// time; `false` when it is refused or missing.
async fn refresh(acc: Account) -> bool {
    use futures_util::FutureExt;
    crate::refresh::once(move || refresh_now(acc).boxed_local()).await
}

async fn refresh_now(acc: Account) -> bool {
    let Some(tokens) = acc.session.get_untracked() else {
        return false;
    };
    let body = serde_json::json!({ "refresh_token": tokens.refresh_token }).to_string();
    match api::send("POST", "/api/v1/auth/refresh", &[], Some(&body)).await {
        Ok(reply) if (200..300).contains(&reply.status) => {
            match serde_json::from_str::<TokenResponse>(&reply.text) {
                Ok(tokens) => {
                    acc.keep_session(tokens);
                    true
                }
                Err(_) => false,
            }
        }
        // Offline: keep the session, the call fails as a network error.
        Err(Error::Network) => false,
        Ok(_) | Err(_) => {
            acc.forget();
            false
        }
    }
}

fn access(acc: Account) -> String {
    acc.session
        .with_untracked(|s| s.as_ref().map(|t| bearer(&t.access_token)))
        .unwrap_or_default()
}

/// Sends a call with the owner's token: the reply whatever its status (`Err` only when the
/// server could not be reached). A 401 is retried once after a refresh; if that fails the
/// session is dropped.
pub async fn reply(
    acc: Account,
    method: &str,
    path: &str,
    extra: &[(&str, &str)],
    body: Option<&str>,
) -> Result<Reply, Error> {
    let mut retried = false;
    loop {
        let auth = access(acc);
        let mut headers = vec![("Authorization", auth.as_str())];
        headers.extend_from_slice(extra);
        let reply = api::send(method, path, &headers, body).await?;
        if reply.status == 401 && !retried {
            retried = true;
            if refresh(acc).await {
                continue;
            }
            acc.forget();
        }
        return Ok(reply);
    }
}

/// A call's 2xx reply, or the error.
pub async fn raw(
    acc: Account,
    method: &str,
    path: &str,
    extra: &[(&str, &str)],
    body: Option<&str>,
) -> Result<Reply, Error> {
    let reply = reply(acc, method, path, extra, body).await?;
    if !(200..300).contains(&reply.status) {
        return Err(api::failure(reply));
    }
    Ok(reply)
}

/// A call whose 2xx body is `T`.
pub async fn call<T: DeserializeOwned>(
    acc: Account,
    method: &str,
    path: &str,
    extra: &[(&str, &str)],
    body: Option<&str>,
) -> Result<T, Error> {
    body_of(reply(acc, method, path, extra, body).await?)
}

/// A reply's body as `T`, when it is a 2xx.
fn body_of<T: DeserializeOwned>(reply: Reply) -> Result<T, Error> {
    if !(200..300).contains(&reply.status) {
        return Err(api::failure(reply));
    }
    serde_json::from_str(&reply.text).map_err(|_| Error::Unexpected {
        status: reply.status,
    })
}

pub async fn get<T: DeserializeOwned>(acc: Account, path: &str) -> Result<T, Error> {
    call(acc, "GET", path, &[], None).await
}

/// One upload attempt with `XMLHttpRequest` (fetch reports no upload progress).
async fn upload_once(
    path: &str,
    auth: &str,
    file: &web_sys::File,
    on_progress: Rc<dyn Fn(u8)>,
) -> Result<Reply, Error> {
    let xhr = web_sys::XmlHttpRequest::new().map_err(|_| Error::Network)?;
    xhr.open("POST", path).map_err(|_| Error::Network)?;
    xhr.set_request_header("Authorization", auth)
        .map_err(|_| Error::Network)?;
    xhr.set_request_header("Accept", "application/json")
        .map_err(|_| Error::Network)?;
    let type_ = file.type_();
    xhr.set_request_header(
        "Content-Type",
        if type_.is_empty() {
            "application/octet-stream"
        } else {
            &type_
        },
    )
    .map_err(|_| Error::Network)?;
    let progress =
        Closure::<dyn FnMut(web_sys::ProgressEvent)>::new(move |e: web_sys::ProgressEvent| {
            if e.length_computable() && e.total() > 0.0 {
                let pct = (e.loaded() / e.total() * 100.0).clamp(0.0, 100.0);
                on_progress(pct as u8);
            }
        });
    if let Ok(upload) = xhr.upload() {
        upload.set_onprogress(Some(progress.as_ref().unchecked_ref()));
    }
    let finished = js_sys::Promise::new(&mut |resolve, reject| {
        // Each frees itself once called; the one never called is a few bytes per upload.
        let ok = Closure::once_into_js(move || {
            let _ = resolve.call0(&wasm_bindgen::JsValue::NULL);
        });
        let fail = Closure::once_into_js(move || {
            let _ = reject.call0(&wasm_bindgen::JsValue::NULL);
        });
        xhr.set_onload(Some(ok.unchecked_ref()));
        xhr.set_onerror(Some(fail.unchecked_ref()));
        xhr.set_onabort(Some(fail.unchecked_ref()));
    });
    xhr.send_with_opt_blob(Some(file))
        .map_err(|_| Error::Network)?;
    let sent = JsFuture::from(finished).await;
    drop(progress);
    sent.map_err(|_| Error::Network)?;
    let status = xhr.status().map_err(|_| Error::Network)?;
    let text = xhr.response_text().ok().flatten().unwrap_or_default();
    Ok(Reply {
        status,
        text,
        etag: None,
    })
}

/// Uploads a document, reporting progress in percent; refreshes the token once on a 401.
pub async fn upload<T: DeserializeOwned>(
    acc: Account,
    path: &str,
    file: &web_sys::File,
    on_progress: Rc<dyn Fn(u8)>,
) -> Result<T, Error> {
    let mut reply = upload_once(path, &access(acc), file, on_progress.clone()).await?;
    if reply.status == 401 {
        if refresh(acc).await {
            reply = upload_once(path, &access(acc), file, on_progress).await?;
        } else {
            acc.forget();
        }
    }
    body_of(reply)
}

/// Opens a document of a request in a new tab (fetched with the owner's token).
pub async fn open_document(acc: Account, path: &str) -> Result<(), Error> {
    let (blob, _) = api::blob(path, &[("Authorization", access(acc).as_str())]).await?;
    let url = web_sys::Url::create_object_url_with_blob(&blob).map_err(|_| Error::Network)?;
    let _ = window().open_with_url_and_target(&url, "_blank");
    Ok(())
}
