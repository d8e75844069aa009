//! The phone app's WASM keeps the linker's relocations: `wasm-split` (run by
//! `scripts/build-frontend`) needs them to move the code only a later screen uses (the
//! results) into a module of its own, fetched when that screen first opens.

fn main() {
    if std::env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32")) {
        println!("cargo::rustc-link-arg-bin=frontend=--emit-relocs");
    }
    println!("cargo::rerun-if-changed=build.rs");
}
