//! The apps' WASM keeps the linker's relocations: `wasm-split` (run by
//! `scripts/build-frontend`) needs them to move the code only a later screen uses (the
//! phone's results, the account's filing form, the desk's screens) into modules of their
//! own, fetched when that screen first opens.

fn main() {
    if std::env::var("TARGET").is_ok_and(|t| t.starts_with("wasm32")) {
        for bin in ["frontend", "account", "desk"] {
            println!("cargo::rustc-link-arg-bin={bin}=--emit-relocs");
        }
    }
    println!("cargo::rerun-if-changed=build.rs");
}
