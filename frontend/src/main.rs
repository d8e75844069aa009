//! Shukun's web app. Components take data and callbacks; only `api` talks to the server.

mod api;
mod app;
mod components;
mod format;
mod pages;
mod routes;
mod state;
mod storage;
mod text;

fn main() {
    // The server-rendered page (the measures, for the first paint) gives way to the app.
    for id in ["boot", "ssr"] {
        if let Some(node) = leptos::prelude::document().get_element_by_id(id) {
            node.remove();
        }
    }
    leptos::mount::mount_to_body(app::App);
}
