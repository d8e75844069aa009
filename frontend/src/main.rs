//! Shukun's web app. Components take data and callbacks; only `api` talks to the server.

mod api;
mod app;
mod format;
mod measures;
mod text;

fn main() {
    // The static "loading" note in index.html gives way to the app.
    if let Some(boot) = leptos::prelude::document().get_element_by_id("boot") {
        boot.remove();
    }
    leptos::mount::mount_to_body(app::App);
}
