// The owner's first load, measured in headless Chromium at 390×844 under Chromium's
// "Fast 3G" (562.5 ms latency, 1.44 Mbit/s down, 675 kbit/s up): the bytes on the wire
// per file requested before the first question can be answered (HTML with the catalog, JS,
// WASM, CSS), the first contentful paint, and the time until the first question can be
// answered; then what the page fetches in the background once it is usable; then the officials' desk (/admin at 1366×768,
// same network) and the owner's account (/me, signed out): their bytes and the time until their sign-in form can be used. Run by
// scripts/measure-first-load.
import { chromium } from "playwright-core";

const base = process.argv[2];
const browser = await chromium.launch({
  executablePath: "/usr/bin/chromium",
  args: ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync"],
});

const PHONE = { viewport: { width: 390, height: 844 }, deviceScaleFactor: 3, isMobile: true, hasTouch: true };
const DESK = { viewport: { width: 1366, height: 768 } };

async function load(path, ready = "fieldset.question input", device = PHONE) {
  const context = await browser.newContext(device);
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send("Network.enable");
  await cdp.send("Network.setCacheDisabled", { cacheDisabled: true });
  await cdp.send("Network.emulateNetworkConditions", {
    offline: false,
    latency: 562.5,
    downloadThroughput: (1.6 * 1024 * 1024 / 8) * 0.9,
    uploadThroughput: (750 * 1024 / 8) * 0.9,
  });
  const urls = new Map();
  const sizes = new Map();
  const started = new Map();
  cdp.on("Network.requestWillBeSent", (e) => {
    urls.set(e.requestId, new URL(e.request.url).pathname);
    started.set(e.requestId, Date.now());
  });
  cdp.on("Network.loadingFinished", (e) => sizes.set(e.requestId, e.encodedDataLength));
  const start = Date.now();
  await page.goto(base + path, { waitUntil: "commit" });
  await page.waitForSelector(ready, { state: "visible", timeout: 60000 });
  const usableAt = Date.now();
  const usable = usableAt - start;
  const fcp = await page.evaluate(() => performance.getEntriesByName("first-contentful-paint")[0]?.startTime ?? null);
  // Let late requests finish: what the page fetches in the background once it is usable
  // (the modules of the other screens, for offline use) is counted apart.
  await page.waitForTimeout(2000);
  await page.waitForLoadState("networkidle");
  const files = [];
  const later = [];
  for (const [id, size] of sizes) {
    (started.get(id) <= usableAt ? files : later).push([urls.get(id) ?? id, size]);
  }
  await context.close();
  return { files, later, fcp, usable };
}

const { files, later, fcp, usable } = await load("/check");
let total = 0;
console.log(`first load of ${base}/check at 390×844, Fast 3G, no cache (requested before the first question is usable):`);
for (const [path, size] of files.sort((a, b) => b[1] - a[1])) {
  total += size;
  console.log(`  ${String(size).padStart(8)} B  ${path}`);
}
console.log(`  ${String(total).padStart(8)} B  in all (budget 153,600 B = 150 KB)`);
let background = 0;
console.log("then in the background, once it is usable (the other screens' modules):");
for (const [path, size] of later.sort((a, b) => b[1] - a[1])) {
  background += size;
  console.log(`  ${String(size).padStart(8)} B  ${path}`);
}
console.log(`  ${String(background).padStart(8)} B  in all`);
console.log(`first contentful paint: ${Math.round(fcp)} ms (target < 1,200 ms)`);
console.log(`first question usable:  ${usable} ms (target < 3,000 ms)`);

const desk = await load("/admin", "input[name=phone]", DESK);
desk.files.push(...desk.later);
let deskTotal = 0;
console.log(`first load of ${base}/admin (the officials' desk) at 1366×768, Fast 3G, no cache:`);
for (const [path, size] of desk.files.sort((a, b) => b[1] - a[1])) {
  deskTotal += size;
  console.log(`  ${String(size).padStart(8)} B  ${path}`);
}
console.log(`  ${String(deskTotal).padStart(8)} B  in all (budget 256,000 B = 250 KB)`);
console.log(`desk sign-in usable: ${desk.usable} ms`);

const account = await load("/me", "input[name=phone]");
let accountTotal = 0;
console.log(`first load of ${base}/me (the owner's account, signed out) at 390×844, Fast 3G, no cache:`);
for (const [path, size] of account.files.sort((a, b) => b[1] - a[1])) {
  accountTotal += size;
  console.log(`  ${String(size).padStart(8)} B  ${path}`);
}
console.log(`  ${String(accountTotal).padStart(8)} B  in all (budget 204,800 B = 200 KB)`);
let accountLater = 0;
for (const [path, size] of account.later) {
  accountLater += size;
  console.log(`  then ${String(size).padStart(8)} B  ${path}`);
}
console.log(`account sign-in usable: ${account.usable} ms (then ${accountLater} B in the background)`);
await browser.close();
