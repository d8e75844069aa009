//! The owner's phone app. Components take data and callbacks; only `api` talks to the server.
//!
//! The split points of its WASM are here, in the phone app's binary alone: an exported split
//! function in the library would be linked into the account app and the desk as well. Each
//! is `fallible`: a module that cannot be fetched (offline before it came) is an error the
//! page shows with a retry, never a crash.

use frontend::app::{home_view, results_view, start};
use frontend::lazy::{Lazy, Split};
use leptos::prelude::AnyView;
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use shared::Catalog;

/// The results page, from a WASM module of its own.
#[wasm_split(results, wasm_split_path = ::leptos::wasm_split, fallible, preload(fetch_results))]
fn results_page() -> Result<AnyView, SplitLoaderError> {
    Ok(results_view())
}

/// The home page, from a WASM module of its own.
#[wasm_split(home, wasm_split_path = ::leptos::wasm_split, fallible, preload(fetch_home))]
fn home_page() -> Result<AnyView, SplitLoaderError> {
    Ok(home_view())
}

/// Reads a catalog the server serves, from a WASM module of its own.
#[wasm_split(catalog, wasm_split_path = ::leptos::wasm_split, fallible)]
fn read_catalog(text: String) -> Result<Option<Catalog>, SplitLoaderError> {
    Ok(Catalog::parse_served(&text).ok())
}

fn main() {
    start(Lazy {
        results: Split {
            view: || Box::pin(results_page()),
            preload: || Box::pin(fetch_results()),
        },
        home: Split {
            view: || Box::pin(home_page()),
            preload: || Box::pin(fetch_home()),
        },
        catalog: |text| Box::pin(read_catalog(text)),
    });
}
