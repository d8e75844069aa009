//! The owner's phone app. Components take data and callbacks; only `api` talks to the server.
//!
//! The split points of its WASM are here, in the phone app's binary alone: an exported split
//! function in the library would be linked into the account app and the desk as well.

use frontend::app::{Lazy, results_view, start};
use leptos::prelude::AnyView;
use leptos::wasm_split::SplitLoaderError;

/// The results page, from a WASM module of its own: a failed fetch (offline before it came)
/// is an error the page shows with a retry, never a crash.
#[leptos::wasm_split::wasm_split(
    results,
    wasm_split_path = ::leptos::wasm_split,
    fallible,
    preload(fetch_results)
)]
fn results_page() -> Result<AnyView, SplitLoaderError> {
    Ok(results_view())
}

fn main() {
    start(Lazy {
        results: || Box::pin(results_page()),
        preload_results: || {
            Box::pin(async {
                let _ = fetch_results().await;
            })
        },
    });
}
