// Loads the WASM app (kept out of index.html so the page needs no inline script).
import init from "/pkg/frontend.js";
init({ module_or_path: "/pkg/frontend_bg.wasm" });
