//! The owner's account, filing and tracking (/me, /requests, /messages, /file/…): a WASM of
//! its own, so the self-check's first load does not carry it.
//!
//! The split points of its WASM are here, in the account's binary alone (an exported split
//! function in the library would be linked into the other apps as well): the first load of 我
//! and of the sign-in form carries the shell, and the filing form (with the eligibility
//! engine), the requests, the messages and the catalog's reader come in modules of their own
//! when first needed (while the owner signs in, for the page asked for). Each is `fallible`:
//! a module that cannot be fetched is an error the page shows with a retry, never a crash.

use frontend::account::{AccountPage, Modules, screens, start};
use frontend::lazy::Loading;
use futures_util::future::join;
use leptos::prelude::{AnyView, IntoAny};
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use shared::Catalog;
use shared::catalog::MeasureId;

#[wasm_split(requests, wasm_split_path = ::leptos::wasm_split, fallible, preload(fetch_requests))]
fn requests_page() -> Result<AnyView, SplitLoaderError> {
    Ok(screens::requests())
}

#[wasm_split(requests, wasm_split_path = ::leptos::wasm_split, fallible)]
fn request_page(id: i64) -> Result<AnyView, SplitLoaderError> {
    Ok(screens::request(id))
}

#[wasm_split(messages, wasm_split_path = ::leptos::wasm_split, fallible, preload(fetch_messages))]
fn messages_page() -> Result<AnyView, SplitLoaderError> {
    Ok(screens::messages())
}

#[wasm_split(file, wasm_split_path = ::leptos::wasm_split, fallible, preload(fetch_file))]
fn file_page(measure: MeasureId) -> Result<AnyView, SplitLoaderError> {
    Ok(screens::file(measure))
}

/// Reads a catalog the server serves, from a WASM module of its own.
#[wasm_split(catalog, wasm_split_path = ::leptos::wasm_split, fallible, preload(fetch_catalog))]
fn read_catalog(text: String) -> Result<Option<Catalog>, SplitLoaderError> {
    Ok(Catalog::parse_served(&text).ok())
}

fn screen(page: AccountPage) -> Loading<AnyView> {
    match page {
        // 我 is the shell's own screen.
        AccountPage::Me => Box::pin(async { Ok::<_, SplitLoaderError>(().into_any()) }),
        AccountPage::Requests => Box::pin(requests_page()),
        AccountPage::Request(id) => Box::pin(request_page(id)),
        AccountPage::Messages => Box::pin(messages_page()),
        AccountPage::File(measure) => Box::pin(file_page(measure)),
    }
}

/// A page's module, with the catalog's reader for the pages that show the catalog.
fn fetch(page: AccountPage) -> Loading<()> {
    match page {
        AccountPage::Me => Box::pin(async { Ok::<_, SplitLoaderError>(()) }),
        AccountPage::Messages => Box::pin(fetch_messages()),
        AccountPage::Requests | AccountPage::Request(_) => Box::pin(async {
            let (catalog, screen) = join(fetch_catalog(), fetch_requests()).await;
            catalog.and(screen)
        }),
        AccountPage::File(_) => Box::pin(async {
            let (catalog, screen) = join(fetch_catalog(), fetch_file()).await;
            catalog.and(screen)
        }),
    }
}

fn main() {
    start(Modules {
        screen,
        fetch,
        catalog: |text| Box::pin(read_catalog(text)),
    });
}
