//! The typed API client: the one place that talks HTTP and turns failures into [`Error`].

use serde::de::DeserializeOwned;
use shared::Catalog;
use shared::api::ErrorBody;

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

fn origin() -> String {
    leptos::prelude::window()
        .location()
        .origin()
        .unwrap_or_default()
}

async fn get<T: DeserializeOwned>(path: &str) -> Result<T, Error> {
    let res = reqwest::Client::new()
        .get(format!("{}{path}", origin()))
        .send()
        .await
        .map_err(|_| Error::Network)?;
    let status = res.status().as_u16();
    if res.status().is_success() {
        res.json::<T>()
            .await
            .map_err(|_| Error::Unexpected { status })
    } else {
        match res.json::<ErrorBody>().await {
            Ok(body) => Err(Error::Api { status, body }),
            Err(_) => Err(Error::Unexpected { status }),
        }
    }
}

/// The active catalog.
pub async fn catalog() -> Result<Catalog, Error> {
    get("/api/v1/catalog").await
}
