// Starts the WASM app, if this browser can run it. Kept out of the page so the page needs
// no inline script (CSP). The file names come from the page's meta tags (fingerprinted).
const meta = (name) => document.querySelector(`meta[name="${name}"]`)?.content;
const status = document.getElementById("boot");

// The WebAssembly features rustc emits by default: bulk memory, reference types,
// non-trapping float-to-int, sign extension, multi-value, mutable globals. Old Android
// WeChat webviews (Chrome 86) lack some of them: they keep the server's page instead.
const modules = [
  [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 5, 3, 1, 0, 1, 10, 14, 1, 12, 0, 65, 0, 65, 0, 65, 0, 252, 10, 0, 0, 11],
  [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 7, 1, 5, 0, 208, 112, 26, 11],
  [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 12, 1, 10, 0, 67, 0, 0, 0, 0, 252, 0, 26, 11],
  [0, 97, 115, 109, 1, 0, 0, 0, 1, 4, 1, 96, 0, 0, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 192, 26, 11],
  [0, 97, 115, 109, 1, 0, 0, 0, 1, 6, 1, 96, 0, 2, 127, 127, 3, 2, 1, 0, 10, 8, 1, 6, 0, 65, 0, 65, 0, 11],
];
const capable = (() => {
  try {
    return typeof WebAssembly === "object" &&
      modules.every((bytes) => WebAssembly.validate(new Uint8Array(bytes)));
  } catch (_) {
    return false;
  }
})();

// The link's source (?src=poster-korla), kept for this tab only (not a cookie, never sent
// but with a completed self-check's count and a request filed from it).
try {
  const src = new URLSearchParams(location.search).get("src");
  if (src) sessionStorage.setItem("shukun.src", src.slice(0, 40));
} catch (_) {}

if (!capable) {
  if (status) status.textContent = status.dataset.update;
} else {
  import(meta("shukun-js"))
    .then((app) => app.default({ module_or_path: meta("shukun-wasm") }))
    .catch(() => { if (status) status.textContent = status.dataset.update; });
}

// A reload works offline where service workers are allowed (not in iOS WeChat: nothing
// depends on it).
// The officials' desk (/admin) loads through this file too, but works online only.
const desk = location.pathname === "/admin" || location.pathname.startsWith("/admin/");
if ("serviceWorker" in navigator && !desk) {
  // Once the worker controls the page, a reload works offline: say so on the page.
  const ready = () => { document.documentElement.dataset.offlineReady = "true"; };
  navigator.serviceWorker.register("/sw.js").catch(() => {});
  if (navigator.serviceWorker.controller) ready();
  navigator.serviceWorker.addEventListener("controllerchange", ready);
}
