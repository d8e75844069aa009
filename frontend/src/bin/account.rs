//! The owner's account, filing and tracking (/me, /requests, /messages, /file/…): a WASM of
//! its own, so the self-check's first load does not carry it.

fn main() {
    frontend::account::start();
}
