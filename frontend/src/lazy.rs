//! What the apps fetch later, in WASM modules of their own: the split screens and the
//! catalog's reader. The shells (`app`, `account`, `desk`), the state and the pages all name
//! these, and this module names none of them, so their dependencies go one way.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use shared::Catalog;

/// What fetching a module of the app comes to, later.
pub type Loading<T> = Pin<Box<dyn Future<Output = Result<T, SplitLoaderError>>>>;

/// Reads a catalog's text (`None`: not a catalog), from the module that holds the reader.
pub type CatalogReader = fn(String) -> Loading<Option<Catalog>>;

/// A screen in a WASM module of its own: its view once the module is here (or the failure
/// to fetch it), and a way to fetch the module ahead of time.
#[derive(Clone, Copy)]
pub struct Split {
    pub view: fn() -> Loading<AnyView>,
    pub preload: fn() -> Loading<()>,
}

impl Split {
    /// Fetches the module in the background (once: later calls find it loaded).
    pub fn preload(self) {
        leptos::task::spawn_local(async move {
            let _ = (self.preload)().await;
        });
    }
}

/// The phone app's screens that live in modules of their own, cut out by wasm-split in
/// `scripts/build-frontend` (the split points are in `src/main.rs`, so that only the phone
/// app's binary carries them): the questionnaire's first load carries neither.
#[derive(Clone, Copy)]
pub struct Lazy {
    /// The results: the sentences that explain each result and the cards that show them.
    pub results: Split,
    /// The home page: every measure in full (the server's page shows them until it comes).
    pub home: Split,
    /// The catalog's reader (its JSON reader for every type of the catalog is about a sixth
    /// of the app): the first question shows from the page's standing without it.
    pub catalog: CatalogReader,
}

/// A screen from its module, once the module is here; `failed` (a sentence and a retry) when
/// it cannot be fetched (offline before it came). A module already here shows at once.
pub fn screen(load: Loading<AnyView>, failed: impl FnOnce() -> AnyView + 'static) -> AnyView {
    Suspend::new(send_wrapper::SendWrapper::new(async move {
        match load.await {
            Ok(view) => view,
            Err(_) => failed(),
        }
    }))
    .into_any()
}
