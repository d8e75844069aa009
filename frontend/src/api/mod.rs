//! The typed API client: the one place that talks HTTP and turns failures into [`Error`].
//! It uses the browser's `fetch` directly: an HTTP client crate would bring URL and IDNA
//! tables the browser already has (about a fifth of the WASM).

use shared::api::ErrorBody;
use shared::error_code::ErrorCode;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

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

/// The catalog: `Ok(None)` when the copy whose ETag was given is still current.
pub async fn catalog(etag: Option<&str>) -> Result<Option<Reply>, Error> {
    let headers: Vec<(&str, &str)> = etag.map(|e| ("If-None-Match", e)).into_iter().collect();
    let reply = send("GET", "/api/v1/catalog", &headers, None).await?;
    match reply.status {
        304 => Ok(None),
        200..=299 => Ok(Some(reply)),
        _ => Err(failure(reply)),
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
        .and_then(|d| file_name(&d));
    let promise = response.blob().map_err(|_| Error::Unexpected { status })?;
    let blob: web_sys::Blob = JsFuture::from(promise)
        .await
        .map_err(|_| Error::Network)?
        .dyn_into()
        .map_err(|_| Error::Unexpected { status })?;
    Ok((blob, name))
}

/// The plain `filename="…"` of a `Content-Disposition` header.
pub fn file_name(disposition: &str) -> Option<String> {
    let start = disposition.find("filename=\"")? + "filename=\"".len();
    let rest = &disposition[start..];
    let end = rest.find('"')?;
    Some(rest[..end].to_string()).filter(|n| !n.is_empty())
}
