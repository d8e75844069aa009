//! Shukun's web apps, three WASM entries of one crate: the owner's self-check (`src/main.rs`),
//! the owner's account, filing and tracking (`src/bin/account.rs`, loaded after the
//! self-check's first screen) and the officials' desk (`src/bin/desk.rs`). They share the API client, storage and
//! formatting; each binary carries only the code it reaches (LTO drops the rest), so an
//! owner's phone never downloads the desk.

pub mod account;
pub mod api;
pub mod app;
pub mod components;
pub mod desk;
pub mod format;
pub mod lazy;
pub mod pages;
pub mod refresh;
pub mod routes;
pub mod state;
pub mod storage;
pub mod text;
