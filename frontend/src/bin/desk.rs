//! The officials' desk and the supervising office, under `/admin`: a WASM of its own, so
//! owners' phones never download it.

fn main() {
    frontend::desk::start();
}
