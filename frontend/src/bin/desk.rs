//! The officials' desk and the supervising office, under `/admin`: a WASM of its own, so
//! owners' phones never download it.
//!
//! The split points of its WASM are here, in the desk's binary alone (an exported split
//! function in the library would be linked into the other apps as well): the sign-in form's
//! first load carries the shell and the queue; the catalog's reader and the other screens come
//! in modules of their own when first needed (while the official signs in, for the page asked
//! for), grouped by who uses them (few modules, so few chunks of code they share). Each is `fallible`: a module that cannot be fetched is an error the desk shows
//! with a retry, never a crash.

use frontend::desk::{DeskPage, Modules, screens, start};
use frontend::lazy::Loading;
use futures_util::future::join;
use leptos::prelude::{AnyView, Callback};
use leptos::wasm_split::{SplitLoaderError, wasm_split};
use shared::Catalog;

// The official's work beyond the queue: a request, the batch approval, the saved phrases.
#[wasm_split(request, wasm_split_path = ::leptos::wasm_split, fallible, preload(fetch_request))]
fn request_page(id: i64) -> Result<AnyView, SplitLoaderError> {
    Ok(screens::request(id))
}

#[wasm_split(request, wasm_split_path = ::leptos::wasm_split, fallible)]
fn batch_panel(ids: Vec<i64>, on_close: Callback<bool>) -> Result<AnyView, SplitLoaderError> {
    Ok(screens::batch(ids, on_close))
}

#[wasm_split(request, wasm_split_path = ::leptos::wasm_split, fallible)]
fn confirmations_page() -> Result<AnyView, SplitLoaderError> {
    Ok(screens::confirmations())
}

#[wasm_split(request, wasm_split_path = ::leptos::wasm_split, fallible)]
fn phrases_page() -> Result<AnyView, SplitLoaderError> {
    Ok(screens::phrases())
}

// Supervision: the dashboard and the 督办 notices.
#[wasm_split(supervision, wasm_split_path = ::leptos::wasm_split, fallible, preload(fetch_supervision))]
fn dashboard_page() -> Result<AnyView, SplitLoaderError> {
    Ok(screens::dashboard())
}

#[wasm_split(supervision, wasm_split_path = ::leptos::wasm_split, fallible)]
fn notices_page() -> Result<AnyView, SplitLoaderError> {
    Ok(screens::notices())
}

#[wasm_split(supervision, wasm_split_path = ::leptos::wasm_split, fallible)]
fn notice_page(id: i64) -> Result<AnyView, SplitLoaderError> {
    Ok(screens::notice(id))
}

// Administration: the accounts, the settings, the audit log.
#[wasm_split(admin, wasm_split_path = ::leptos::wasm_split, fallible, preload(fetch_admin))]
fn users_page() -> Result<AnyView, SplitLoaderError> {
    Ok(screens::users())
}

#[wasm_split(admin, wasm_split_path = ::leptos::wasm_split, fallible)]
fn settings_page() -> Result<AnyView, SplitLoaderError> {
    Ok(screens::settings())
}

#[wasm_split(admin, wasm_split_path = ::leptos::wasm_split, fallible)]
fn interpretations_page() -> Result<AnyView, SplitLoaderError> {
    Ok(screens::interpretations())
}

#[wasm_split(admin, wasm_split_path = ::leptos::wasm_split, fallible)]
fn audit_page() -> Result<AnyView, SplitLoaderError> {
    Ok(screens::audit())
}

/// Reads a catalog the server serves, from a WASM module of its own.
#[wasm_split(catalog, wasm_split_path = ::leptos::wasm_split, fallible, preload(fetch_catalog))]
fn read_catalog(text: String) -> Result<Option<Catalog>, SplitLoaderError> {
    Ok(Catalog::parse_served(&text).ok())
}

fn screen(page: DeskPage) -> Loading<AnyView> {
    match page {
        // The queue, where every official starts, is the shell's own.
        DeskPage::Queue => Box::pin(async { Ok::<_, SplitLoaderError>(screens::queue()) }),
        DeskPage::Request(id) => Box::pin(request_page(id)),
        DeskPage::Phrases => Box::pin(phrases_page()),
        DeskPage::Confirmations => Box::pin(confirmations_page()),
        DeskPage::Dashboard => Box::pin(dashboard_page()),
        DeskPage::Notices => Box::pin(notices_page()),
        DeskPage::Notice(id) => Box::pin(notice_page(id)),
        DeskPage::Users => Box::pin(users_page()),
        DeskPage::Settings => Box::pin(settings_page()),
        DeskPage::Audit => Box::pin(audit_page()),
        DeskPage::Interpretations => Box::pin(interpretations_page()),
    }
}

/// A page's module and the catalog's reader, fetched together.
fn fetch(page: DeskPage) -> Loading<()> {
    let screen: Loading<()> = match page {
        DeskPage::Queue => Box::pin(async { Ok::<_, SplitLoaderError>(()) }),
        DeskPage::Request(_) | DeskPage::Phrases | DeskPage::Confirmations => {
            Box::pin(fetch_request())
        }
        DeskPage::Dashboard | DeskPage::Notices | DeskPage::Notice(_) => {
            Box::pin(fetch_supervision())
        }
        DeskPage::Users | DeskPage::Settings | DeskPage::Audit | DeskPage::Interpretations => {
            Box::pin(fetch_admin())
        }
    };
    Box::pin(async move {
        let (catalog, screen) = join(fetch_catalog(), screen).await;
        catalog.and(screen)
    })
}

fn main() {
    start(Modules {
        screen,
        fetch,
        batch: |ids, on_close| Box::pin(batch_panel(ids, on_close)),
        catalog: |text| Box::pin(read_catalog(text)),
    });
}
