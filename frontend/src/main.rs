//! The owner's phone app. Components take data and callbacks; only `api` talks to the server.

fn main() {
    frontend::app::start();
}
