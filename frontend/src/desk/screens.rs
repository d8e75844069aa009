//! The desk's screens as their WASM modules show them, and what the desk's binary gives the
//! shell to fetch them: the split points are in `src/bin/desk.rs` (an exported split function
//! in the library would be linked into the other apps as well), so the sign-in form's first
//! load carries neither the screens nor the catalog's reader.

use leptos::prelude::*;

use super::DeskPage;
use crate::lazy::{CatalogReader, Loading};

/// What the desk fetches later, each screen in a WASM module of its own (cut out by
/// wasm-split in `scripts/build-frontend`).
#[derive(Clone, Copy)]
pub struct Modules {
    /// A page's screen, once its module is here (or the failure to fetch it).
    pub screen: fn(DeskPage) -> Loading<AnyView>,
    /// Fetches what a page needs ahead of time: its screen's module and the catalog's reader.
    pub fetch: fn(DeskPage) -> Loading<()>,
    /// The batch approval's panel over the queue (its ticked requests, and what to do when
    /// it closes: `true` when something was approved).
    pub batch: fn(Vec<i64>, Callback<bool>) -> Loading<AnyView>,
    /// The catalog's reader (its JSON reader for every type of the catalog).
    pub catalog: CatalogReader,
}

pub fn queue() -> AnyView {
    view! { <super::queue::QueuePage /> }.into_any()
}

pub fn request(id: i64) -> AnyView {
    view! { <super::detail::RequestPage id=id /> }.into_any()
}

pub fn dashboard() -> AnyView {
    view! { <super::dashboard::DashboardPage /> }.into_any()
}

pub fn users() -> AnyView {
    view! { <super::users::UsersPage /> }.into_any()
}

pub fn notices() -> AnyView {
    view! { <super::notices::NoticesPage /> }.into_any()
}

pub fn notice(id: i64) -> AnyView {
    view! { <super::notices::NoticePage id=id /> }.into_any()
}

pub fn audit() -> AnyView {
    view! { <super::audit::AuditLogPage /> }.into_any()
}

pub fn settings() -> AnyView {
    view! { <super::settings::SettingsPage /> }.into_any()
}

pub fn phrases() -> AnyView {
    view! { <super::phrases::PhrasesPage /> }.into_any()
}

pub fn batch(ids: Vec<i64>, on_close: Callback<bool>) -> AnyView {
    view! { <super::batch::BatchPanel ids=ids on_close=on_close /> }.into_any()
}

pub fn interpretations() -> AnyView {
    view! { <super::publicity::InterpretationsPage /> }.into_any()
}

pub fn confirmations() -> AnyView {
    view! { <super::confirmations::ConfirmationsPage /> }.into_any()
}
