//! The typed API client: the one place that talks HTTP, names the API's paths and turns
//! failures into [`Error`]. One function per endpoint, by resource, each taking and giving
//! the `shared` types; the calls with a token take the caller's [`Session`] (the owner's
//! account or the desk), which presents the token and renews it on a 401.
//! It uses the browser's `fetch` directly: an HTTP client crate would bring URL and IDNA
//! tables the browser already has (about a fifth of the WASM). The functions are plain (a
//! session is a trait object), so each is compiled once whoever calls it.

pub mod auth;
pub mod catalog;
pub mod confirmations;
pub mod desk;
pub mod eligibility;
pub mod messages;
pub mod notices;
pub mod phrases;
pub mod publicity;
pub mod requests;
pub mod settings;
pub mod share;
pub mod users;

use std::rc::Rc;

use futures_util::future::LocalBoxFuture;
use serde::Serialize;
use serde::de::DeserializeOwned;
use shared::api::ErrorBody;
use shared::error_code::ErrorCode;
use wasm_bindgen::JsCast;
use wasm_bindgen::prelude::Closure;
use wasm_bindgen_futures::JsFuture;

/// The API's paths start here.
const V1: &str = "/api/v1";

/// A fixed path of the API, whole at compile time (no formatting code for it).
macro_rules! v1 {
    ($path:literal) => {
        concat!("/api/v1", $path)
    };
}
use v1;

/// Why a call failed, in a form the pages can explain.
#[derive(Debug, Clone, PartialEq)]
pub enum Error {
    /// The server could not be reached (offline, or it is down).
    Network,
    /// The server answered with an error body (`code`, `message`).
    Api { status: u16, body: ErrorBody },
    /// The server answered with something unexpected.
    Unexpected { status: u16 },
}

impl Error {
    /// The error's stable code, when the server sent one this build knows.
    pub fn code(&self) -> Option<ErrorCode> {
        match self {
            Error::Api { body, .. } => ErrorCode::ALL
                .iter()
                .copied()
                .find(|c| c.as_str() == body.error.code),
            _ => None,
        }
    }
}

/// A response: status, body text, and its `ETag`.
pub struct Reply {
    pub status: u16,
    pub text: String,
    pub etag: Option<String>,
}

/// Sends a request to the same origin.
pub async fn send(
    method: &str,
    path: &str,
    headers: &[(&str, &str)],
    body: Option<&str>,
) -> Result<Reply, Error> {
    let init = web_sys::RequestInit::new();
    init.set_method(method);
    if let Some(body) = body {
        init.set_body(&wasm_bindgen::JsValue::from_str(body));
    }
    let request =
        web_sys::Request::new_with_str_and_init(path, &init).map_err(|_| Error::Network)?;
    let h = request.headers();
    h.set("Accept", "application/json")
        .map_err(|_| Error::Network)?;
    if body.is_some() {
        h.set("Content-Type", "application/json")
            .map_err(|_| Error::Network)?;
    }
    for (name, value) in headers {
        h.set(name, value).map_err(|_| Error::Network)?;
    }
    let response: web_sys::Response =
        JsFuture::from(leptos::prelude::window().fetch_with_request(&request))
            .await
            .map_err(|_| Error::Network)?
            .dyn_into()
            .map_err(|_| Error::Network)?;
    let status = response.status();
    let etag = response.headers().get("ETag").ok().flatten();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string()),
        Err(_) => None,
    };
    let text = text.ok_or(Error::Unexpected { status })?;
    Ok(Reply { status, text, etag })
}

/// A non-2xx reply as an [`Error`].
pub fn failure(reply: Reply) -> Error {
    match serde_json::from_str::<ErrorBody>(&reply.text) {
        Ok(body) => Error::Api {
            status: reply.status,
            body,
        },
        Err(_) => Error::Unexpected {
            status: reply.status,
        },
    }
}

/// A file the server sends (an export, a document): its bytes as a `Blob`, and its
/// `Content-Disposition` file name when it gives one.
pub async fn blob(
    path: &str,
    headers: &[(&str, &str)],
) -> Result<(web_sys::Blob, Option<String>), Error> {
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    let request =
        web_sys::Request::new_with_str_and_init(path, &init).map_err(|_| Error::Network)?;
    for (name, value) in headers {
        request
            .headers()
            .set(name, value)
            .map_err(|_| Error::Network)?;
    }
    let response: web_sys::Response =
        JsFuture::from(leptos::prelude::window().fetch_with_request(&request))
            .await
            .map_err(|_| Error::Network)?
            .dyn_into()
            .map_err(|_| Error::Network)?;
    let status = response.status();
    if !(200..300).contains(&status) {
        let text = match response.text() {
            Ok(promise) => JsFuture::from(promise)
                .await
                .ok()
                .and_then(|v| v.as_string()),
            Err(_) => None,
        };
        return Err(failure(Reply {
            status,
            text: text.unwrap_or_default(),
            etag: None,
        }));
    }
    let name = response
        .headers()
        .get("Content-Disposition")
        .ok()
        .flatten()
        .and_then(|d| shared::api::file_name(&d));
    let promise = response.blob().map_err(|_| Error::Unexpected { status })?;
    let blob: web_sys::Blob = JsFuture::from(promise)
        .await
        .map_err(|_| Error::Network)?
        .dyn_into()
        .map_err(|_| Error::Unexpected { status })?;
    Ok((blob, name))
}

/// Who calls with a token: the owner's account or an official's desk.
pub trait Session {
    /// The `Authorization` header's value (`Bearer …`), empty when signed out.
    fn authorization(&self) -> String;
    /// Trades the refresh token for new tokens, once for all the calls that need it at the
    /// same time ([`crate::refresh::once`]); `false` when refused or offline.
    fn renew(&self) -> LocalBoxFuture<'static, bool>;
    /// A 401 that renewing did not cure.
    fn refused(&self);
    /// Whether a file fetched with the token (a document, an export) is fetched again after
    /// renewing the token on a 401.
    fn renews_downloads(&self) -> bool;
}

/// Sends a call with the session's token: the reply whatever its status (`Err` only when
/// the server could not be reached). A 401 is retried once after renewing the token; if that
/// fails, the session hears it ([`Session::refused`]).
pub async fn authed(
    s: &dyn Session,
    method: &str,
    path: &str,
    extra: &[(&str, &str)],
    body: Option<&str>,
) -> Result<Reply, Error> {
    let mut retried = false;
    loop {
        let auth = s.authorization();
        let mut headers = vec![("Authorization", auth.as_str())];
        headers.extend_from_slice(extra);
        let reply = send(method, path, &headers, body).await?;
        if reply.status == 401 && !retried {
            retried = true;
            if s.renew().await {
                continue;
            }
            s.refused();
        }
        return Ok(reply);
    }
}

/// A 2xx reply, or the failure it stands for.
pub fn ok(reply: Reply) -> Result<Reply, Error> {
    if (200..300).contains(&reply.status) {
        Ok(reply)
    } else {
        Err(failure(reply))
    }
}

/// A 2xx reply's body as `T`.
pub fn json<T: DeserializeOwned>(reply: Reply) -> Result<T, Error> {
    let reply = ok(reply)?;
    serde_json::from_str(&reply.text).map_err(|_| Error::Unexpected {
        status: reply.status,
    })
}

/// A body as JSON text (the `shared` types always serialise; `Unexpected` for form's sake).
fn body<T: Serialize>(value: &T) -> Result<String, Error> {
    serde_json::to_string(value).map_err(|_| Error::Unexpected { status: 0 })
}

/// `GET` with the session's token.
async fn get(s: &dyn Session, path: &str) -> Result<Reply, Error> {
    authed(s, "GET", path, &[], None).await
}

/// `method` with the session's token and a JSON body.
async fn with_body(s: &dyn Session, method: &str, path: &str, body: &str) -> Result<Reply, Error> {
    authed(s, method, path, &[], Some(body)).await
}

/// A file fetched with the session's token: its bytes and the server's file name. A 401 is
/// retried once after renewing the token when the session [renews
/// downloads](Session::renews_downloads).
async fn download(s: &dyn Session, path: &str) -> Result<(web_sys::Blob, Option<String>), Error> {
    let auth = s.authorization();
    match blob(path, &[("Authorization", auth.as_str())]).await {
        Err(Error::Api { status: 401, .. }) if s.renews_downloads() && s.renew().await => {
            let auth = s.authorization();
            blob(path, &[("Authorization", auth.as_str())]).await
        }
        other => other,
    }
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

/// Uploads a file with the session's token, reporting progress in percent: the reply
/// whatever its status. A 401 is retried once after renewing the token; if that fails, the
/// session hears it.
async fn upload(
    s: &dyn Session,
    path: &str,
    file: &web_sys::File,
    on_progress: Rc<dyn Fn(u8)>,
) -> Result<Reply, Error> {
    let reply = upload_once(path, &s.authorization(), file, on_progress.clone()).await?;
    if reply.status != 401 {
        return Ok(reply);
    }
    if s.renew().await {
        upload_once(path, &s.authorization(), file, on_progress).await
    } else {
        s.refused();
        Ok(reply)
    }
}

/// A random UUID (v4) for the Idempotency-Key.
pub fn new_key() -> String {
    if let Some(uuid) = leptos::prelude::window()
        .crypto()
        .ok()
        .map(|c| c.random_uuid())
    {
        return uuid;
    }
    let hex: String = (0..32)
        .map(|_| {
            let n = (js_sys::Math::random() * 16.0) as u32;
            char::from_digit(n.min(15), 16).unwrap_or('0')
        })
        .collect();
    format!(
        "{}-{}-4{}-a{}-{}",
        &hex[..8],
        &hex[8..12],
        &hex[13..16],
        &hex[17..20],
        &hex[20..32]
    )
}
