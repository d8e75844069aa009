//! The phone app, served from the same port as the API: a server-rendered first page that
//! already lists the measures (so the first paint is real content, and a browser that cannot
//! run the WASM still shows them), fingerprinted assets precompressed at build time, and the
//! service worker that lets a reload work offline.

mod assets;
mod page;

use std::path::{Path, PathBuf};

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use serde::Deserialize;

use crate::AppState;

/// The fingerprinted files of a frontend build (`manifest.json`, written by
/// `scripts/build-frontend`), all under `/assets/`.
#[derive(Debug, Clone, Deserialize)]
pub struct Manifest {
    pub js: String,
    pub wasm: String,
    /// The phone app's modules fetched after its first screen (the results' code, cut out by
    /// wasm-split, and the script that loads it), beside `js` in its folder.
    #[serde(default)]
    pub lazy: Vec<String>,
    pub css: String,
    pub boot: String,
    /// The officials' desk: a WASM of its own, which phones never load.
    pub desk: EntryManifest,
    /// The owner's account, filing and tracking: loaded after the self-check's first screen.
    pub account: EntryManifest,
}

/// The files of a second WASM entry (it shares `boot`).
#[derive(Debug, Clone, Deserialize)]
pub struct EntryManifest {
    pub js: String,
    pub wasm: String,
    /// Its modules fetched when a screen first needs them (cut out by wasm-split, and the
    /// script that loads them), beside `js` in its folder.
    #[serde(default)]
    pub lazy: Vec<String>,
    pub css: String,
}

impl EntryManifest {
    /// Every file of the entry: what its page loads, and what it fetches later.
    fn files(&self) -> Vec<&str> {
        [&self.js, &self.wasm, &self.css]
            .into_iter()
            .chain(&self.lazy)
            .map(String::as_str)
            .collect()
    }
}

impl Manifest {
    /// The phone app's files: what its page loads, and what it fetches later; its service
    /// worker keeps them all.
    pub(crate) fn files(&self) -> Vec<&str> {
        [&self.boot, &self.js, &self.wasm, &self.css]
            .into_iter()
            .chain(&self.lazy)
            .map(String::as_str)
            .collect()
    }

    pub(crate) fn desk_files(&self) -> Vec<&str> {
        self.desk.files()
    }

    pub(crate) fn account_files(&self) -> Vec<&str> {
        self.account.files()
    }
}

/// A built frontend: where its files are and what they are called.
#[derive(Debug, Clone)]
pub struct WebApp {
    pub dir: PathBuf,
    pub manifest: Manifest,
    /// The stylesheet, inlined in the page: one round trip fewer before the first paint.
    pub css: String,
    /// The phone app's page per language, rendered and compressed once (see `page::get`).
    pages: std::sync::Arc<std::sync::Mutex<Vec<std::sync::Arc<page::CachedPage>>>>,
}

impl WebApp {
    /// The build in `dir`, if there is one.
    pub fn load(dir: &Path) -> Option<WebApp> {
        let text = std::fs::read_to_string(dir.join("manifest.json")).ok()?;
        let manifest: Manifest = serde_json::from_str(&text).ok()?;
        let complete = manifest
            .files()
            .iter()
            .chain(manifest.desk_files().iter())
            .chain(manifest.account_files().iter())
            .all(|f| dir.join("assets").join(f).is_file());
        if !complete {
            return None;
        }
        let css = std::fs::read_to_string(dir.join("assets").join(&manifest.css)).ok()?;
        Some(WebApp {
            dir: dir.to_path_buf(),
            manifest,
            // Nothing in a stylesheet may close the element it is inlined in.
            css: css.replace("</", "<\\/"),
            pages: Default::default(),
        })
    }

    /// The cached pages (a poisoned lock still holds whole pages: each is replaced whole).
    fn pages(&self) -> std::sync::MutexGuard<'_, Vec<std::sync::Arc<page::CachedPage>>> {
        self.pages
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }
}

/// Serves the app: `/assets/*`, `/sw.js`, and the page for every other path (client-side
/// routes). Without a built frontend, `/` says how to build one.
pub fn config(cfg: &mut web::ServiceConfig, dir: Option<&Path>) {
    match dir.and_then(WebApp::load) {
        Some(app) => {
            cfg.app_data(web::Data::new(app))
                // The phone app's files sit in a folder named by their content.
                .route("/assets/{file:.+}", web::get().to(assets::get))
                .route("/sw.js", web::get().to(service_worker))
                .route("/admin", web::get().to(page::desk))
                .route("/admin/{tail:.*}", web::get().to(page::desk))
                // The owner's account pages: their own WASM.
                .route("/me", web::get().to(page::account))
                .route("/requests", web::get().to(page::account))
                .route("/requests/{tail:.*}", web::get().to(page::account))
                .route("/messages", web::get().to(page::account))
                .route("/file/{tail:.*}", web::get().to(page::account))
                .default_service(web::get().to(page::get));
        }
        None => {
            cfg.default_service(web::to(|| async {
                HttpResponse::NotFound()
                    .content_type("text/plain; charset=utf-8")
                    .body("Shukun's API is running; the web app is not built (scripts/build-frontend).\n")
            }));
        }
    }
}

/// The service worker: keeps the page, the assets and the catalog, so a reload works
/// offline where the browser allows service workers (Android WeChat, Chromium; not iOS
/// WeChat, where the app works offline only while the page stays open).
async fn service_worker(app: web::Data<WebApp>, state: web::Data<AppState>) -> HttpResponse {
    let m = &app.manifest;
    // The cache's name changes with every build and catalog, so an update replaces it.
    let version = format!("{}-{}", state.catalog().version, m.js);
    let assets: Vec<String> = m
        .files()
        .iter()
        .map(|f| format!("\"/assets/{f}\""))
        .collect();
    let body = include_str!("sw.js")
        .replace("__VERSION__", &version)
        .replace("__ASSETS__", &assets.join(","));
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(body)
}

/// Text as HTML.
pub(crate) fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// Gzip at the best level, for what is compressed once (the catalog) or is small.
pub fn gzip_best(bytes: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut encoder = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    // Writing to memory does not fail; were it to, callers send the bytes uncompressed.
    encoder
        .write_all(bytes)
        .and_then(|()| encoder.finish())
        .unwrap_or_default()
}

/// Brotli at its best quality (the page and the catalog are compressed once, then served
/// many times); empty if it fails, and callers then send another encoding.
pub fn brotli_best(bytes: &[u8]) -> Vec<u8> {
    let params = brotli::enc::BrotliEncoderParams {
        quality: 11,
        lgwin: 22,
        ..Default::default()
    };
    let mut out = Vec::new();
    match brotli::BrotliCompress(&mut &bytes[..], &mut out, &params) {
        Ok(_) => out,
        Err(_) => Vec::new(),
    }
}

/// A body compressed once in each encoding, sent in the best the client takes: brotli, else
/// gzip, else as is (an empty compressed copy is never chosen).
pub(crate) fn send_encoded(
    req: &HttpRequest,
    mut res: actix_web::HttpResponseBuilder,
    plain: &web::Bytes,
    gzip: &web::Bytes,
    brotli: &web::Bytes,
) -> HttpResponse {
    res.insert_header((header::VARY, "Accept-Encoding"));
    for (encoding, _) in assets::accepted(req) {
        let body = match encoding {
            "br" => brotli,
            "gzip" => gzip,
            _ => continue,
        };
        if !body.is_empty() {
            return res
                .insert_header((header::CONTENT_ENCODING, encoding))
                .body(body.clone());
        }
    }
    res.body(plain.clone())
}

/// The `?lang=` of a page address, zh-CN by default (a wrong value is not an error here).
fn page_lang(req: &HttpRequest) -> shared::Lang {
    web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string())
        .ok()
        .and_then(|q| q.get("lang").and_then(|l| shared::Lang::parse(l)))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::escape;

    #[test]
    fn text_is_escaped_for_html() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
