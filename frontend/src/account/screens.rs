//! The account's screens as their WASM modules show them, and what the account's binary
//! gives the shell to fetch them: the split points are in `src/bin/account.rs` (an exported
//! split function in the library would be linked into the other apps as well), so the first
//! load of 我 and of the sign-in form carries neither the other screens (the filing form with
//! the eligibility engine, the requests, the messages) nor the catalog's reader.

use leptos::prelude::*;
use shared::catalog::MeasureId;

use super::AccountPage;
use crate::lazy::{CatalogReader, Loading};

/// What the account app fetches later, each screen in a WASM module of its own (cut out by
/// wasm-split in `scripts/build-frontend`).
#[derive(Clone, Copy)]
pub struct Modules {
    /// A page's screen, once its module is here (or the failure to fetch it).
    pub screen: fn(AccountPage) -> Loading<AnyView>,
    /// Fetches what a page needs ahead of time: its screen's module, and the catalog's
    /// reader for the pages that show the catalog.
    pub fetch: fn(AccountPage) -> Loading<()>,
    /// The catalog's reader (its JSON reader for every type of the catalog).
    pub catalog: CatalogReader,
}

pub fn requests() -> AnyView {
    view! { <super::requests::RequestsPage /> }.into_any()
}

pub fn request(id: i64) -> AnyView {
    view! { <super::requests::RequestPage id=id /> }.into_any()
}

pub fn messages() -> AnyView {
    view! { <super::messages::MessagesPage /> }.into_any()
}

pub fn file(measure: MeasureId) -> AnyView {
    view! { <super::file::FilePage measure=measure /> }.into_any()
}
