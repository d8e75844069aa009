//! Fingerprinted assets: compressed once at build time (`.br`, `.gz` beside each file),
//! served with `Content-Encoding` to browsers that accept it, and cached for good.

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};

use super::WebApp;
use crate::error::ApiError;

/// The content type of an asset, by its extension (`.wasm` as `application/wasm`, so the
/// browser compiles it while it downloads).
fn content_type(file: &str) -> &'static str {
    match file.rsplit_once('.').map(|(_, ext)| ext) {
        Some("js") => "text/javascript; charset=utf-8",
        Some("wasm") => "application/wasm",
        Some("css") => "text/css; charset=utf-8",
        Some("svg") => "image/svg+xml",
        Some("png") => "image/png",
        _ => "application/octet-stream",
    }
}

/// Which encodings the client accepts, best first, by `Accept-Encoding`.
pub(super) fn accepted(req: &HttpRequest) -> Vec<(&'static str, &'static str)> {
    let accepts = req
        .headers()
        .get(header::ACCEPT_ENCODING)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("")
        .to_ascii_lowercase();
    let has = |name: &str| {
        accepts.split(',').any(|part| {
            let mut it = part.split(';');
            let token = it.next().unwrap_or("").trim();
            let refused = it.any(|p| p.trim().replace(' ', "") == "q=0");
            token == name && !refused
        })
    };
    let mut out = Vec::new();
    if has("br") {
        out.push(("br", ".br"));
    }
    if has("gzip") {
        out.push(("gzip", ".gz"));
    }
    out
}

pub async fn get(
    req: HttpRequest,
    app: web::Data<WebApp>,
    file: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let file = file.into_inner();
    // Only the files the build named: nothing else of the directory is reachable.
    let known = |f: &&str| *f == file.as_str();
    if !app
        .manifest
        .files()
        .iter()
        .chain(app.manifest.desk_files().iter())
        .chain(app.manifest.account_files().iter())
        .any(known)
    {
        return Err(ApiError::NotFound("no such asset"));
    }
    let base = app.dir.join("assets").join(&file);
    let mut chosen = None;
    for (encoding, suffix) in accepted(&req) {
        let mut path = base.clone().into_os_string();
        path.push(suffix);
        if let Ok(bytes) = tokio::fs::read(&path).await {
            chosen = Some((Some(encoding), bytes));
            break;
        }
    }
    let (encoding, bytes) = match chosen {
        Some(found) => found,
        None => (
            None,
            tokio::fs::read(&base)
                .await
                .map_err(|_| ApiError::NotFound("no such asset"))?,
        ),
    };
    let mut res = HttpResponse::Ok();
    res.content_type(content_type(&file))
        .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
        .insert_header((header::VARY, "Accept-Encoding"));
    if let Some(encoding) = encoding {
        res.insert_header((header::CONTENT_ENCODING, encoding));
    }
    Ok(res.body(bytes))
}

#[cfg(test)]
mod tests {
    use super::*;
    use actix_web::test::TestRequest;

    #[test]
    fn brotli_is_preferred_then_gzip_and_a_refused_encoding_is_not_used() {
        let req = TestRequest::default()
            .insert_header((header::ACCEPT_ENCODING, "gzip, deflate, br"))
            .to_http_request();
        assert_eq!(accepted(&req), vec![("br", ".br"), ("gzip", ".gz")]);
        let req = TestRequest::default()
            .insert_header((header::ACCEPT_ENCODING, "br;q=0, gzip"))
            .to_http_request();
        assert_eq!(accepted(&req), vec![("gzip", ".gz")]);
        let req = TestRequest::default().to_http_request();
        assert!(accepted(&req).is_empty());
    }

    #[test]
    fn wasm_is_served_as_application_wasm() {
        assert_eq!(content_type("frontend-1a2b_bg.wasm"), "application/wasm");
        assert_eq!(content_type("boot-9f.js"), "text/javascript; charset=utf-8");
    }
}
