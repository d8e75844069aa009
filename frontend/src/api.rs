//! The typed API client: the one place that talks HTTP and turns failures into [`Error`].
//! It uses the browser's `fetch` directly: an HTTP client crate would bring URL and IDNA
//! tables the browser already has (about a fifth of the WASM).

use serde::de::DeserializeOwned;
use shared::Catalog;
use shared::api::ErrorBody;
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

/// The status and text of a response to `GET path` (same origin).
async fn fetch_text(path: &str) -> Result<(u16, String), Error> {
    let init = web_sys::RequestInit::new();
    init.set_method("GET");
    let request =
        web_sys::Request::new_with_str_and_init(path, &init).map_err(|_| Error::Network)?;
    request
        .headers()
        .set("Accept", "application/json")
        .map_err(|_| Error::Network)?;
    let response: web_sys::Response =
        JsFuture::from(leptos::prelude::window().fetch_with_request(&request))
            .await
            .map_err(|_| Error::Network)?
            .dyn_into()
            .map_err(|_| Error::Network)?;
    let status = response.status();
    let text = match response.text() {
        Ok(promise) => JsFuture::from(promise)
            .await
            .ok()
            .and_then(|v| v.as_string()),
        Err(_) => None,
    };
    text.map(|t| (status, t))
        .ok_or(Error::Unexpected { status })
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, Error> {
    let (status, text) = fetch_text(path).await?;
    if (200..300).contains(&status) {
        serde_json::from_str(&text).map_err(|_| Error::Unexpected { status })
    } else {
        match serde_json::from_str::<ErrorBody>(&text) {
            Ok(body) => Err(Error::Api { status, body }),
            Err(_) => Err(Error::Unexpected { status }),
        }
    }
}

/// The active catalog.
pub async fn catalog() -> Result<Catalog, Error> {
    get("/api/v1/catalog").await
}
