//! What the app keeps on the device (`localStorage`): the answers and where the owner was,
//! the language and care mode, the catalog and its ETag. Nothing here leaves the phone.

use serde::Serialize;
use serde::de::DeserializeOwned;

fn store() -> Option<web_sys::Storage> {
    leptos::prelude::window().local_storage().ok().flatten()
}

/// Reads a JSON value; a missing or unreadable one is `None` (a fresh start).
pub fn load<T: DeserializeOwned>(key: &str) -> Option<T> {
    let text = store()?.get_item(key).ok().flatten()?;
    serde_json::from_str(&text).ok()
}

/// Writes a JSON value; a full or unavailable storage (private mode) is not an error.
pub fn save<T: Serialize>(key: &str, value: &T) {
    if let (Some(store), Ok(text)) = (store(), serde_json::to_string(value)) {
        let _ = store.set_item(key, &text);
    }
}

pub fn load_text(key: &str) -> Option<String> {
    store()?.get_item(key).ok().flatten()
}

pub fn save_text(key: &str, value: &str) {
    if let Some(store) = store() {
        let _ = store.set_item(key, value);
    }
}

pub fn remove(key: &str) {
    if let Some(store) = store() {
        let _ = store.remove_item(key);
    }
}

fn tab() -> Option<web_sys::Storage> {
    leptos::prelude::window().session_storage().ok().flatten()
}

/// The `src` of the link this tab arrived by (kept by `boot.js` for the tab only).
pub fn source() -> Option<String> {
    tab()?.get_item("shukun.src").ok().flatten()
}

/// `true` the first time this tab asks for `key`, `false` after (or without storage).
pub fn first_in_tab(key: &str) -> bool {
    let Some(tab) = tab() else {
        return false;
    };
    match tab.get_item(key) {
        Ok(None) => tab.set_item(key, "1").is_ok(),
        _ => false,
    }
}
