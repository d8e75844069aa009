//! What wraps every request: a request id (in every log line of the request, in every
//! error body and in the `X-Request-Id` response header), the access log line, the security
//! headers, and `Cache-Control: no-store` on API answers that set no caching of their own.

use std::time::Instant;

use actix_web::body::MessageBody;
use actix_web::dev::{ServiceRequest, ServiceResponse};
use actix_web::http::header::{self, HeaderName, HeaderValue};
use actix_web::middleware::{DefaultHeaders, Next};
use tracing::Instrument;

/// The request id header, taken from the client (or the reverse proxy) when sane.
pub const REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// The longest request id taken from a client.
const MAX_ID_LEN: usize = 64;

tokio::task_local! {
    static CURRENT: String;
}

/// The id of the request being handled (on the task serving it), for error bodies.
pub fn current_request_id() -> Option<String> {
    CURRENT.try_with(Clone::clone).ok()
}

/// An incoming id is kept when it is 1–64 characters of letters, digits and `-_.:`; anything
/// else (which could forge log lines) is replaced by a fresh one.
fn sane(value: &HeaderValue) -> Option<String> {
    let s = value.to_str().ok()?;
    let ok = !s.is_empty()
        && s.len() <= MAX_ID_LEN
        && s.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b'.' | b':'));
    ok.then(|| s.to_string())
}

/// 16 random bytes as hex (a clock-and-counter id if the system has no randomness).
fn generate() -> String {
    use std::fmt::Write;
    use std::sync::atomic::{AtomicU64, Ordering};
    static FALLBACK: AtomicU64 = AtomicU64::new(0);
    let mut bytes = [0u8; 16];
    if getrandom::fill(&mut bytes).is_err() {
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos());
        bytes[..8].copy_from_slice(&(nanos as u64).to_be_bytes());
        bytes[8..].copy_from_slice(&FALLBACK.fetch_add(1, Ordering::Relaxed).to_be_bytes());
    }
    bytes.iter().fold(String::with_capacity(32), |mut out, b| {
        let _ = write!(out, "{b:02x}");
        out
    })
}

/// Gives the request its id and a log span carrying it, logs one line when the answer is
/// ready (method, path without the query — queries may carry search terms —, status,
/// duration), and marks API answers `no-store` unless the handler chose their caching.
pub async fn request_context(
    req: ServiceRequest,
    next: Next<impl MessageBody + 'static>,
) -> Result<ServiceResponse<impl MessageBody + 'static>, actix_web::Error> {
    let id = req
        .headers()
        .get(&REQUEST_ID)
        .and_then(sane)
        .unwrap_or_else(generate);
    let span = tracing::info_span!("request", id = %id);
    let method = req.method().clone();
    let path = req.path().to_string();
    let started = Instant::now();
    let result = CURRENT
        .scope(id.clone(), next.call(req))
        .instrument(span.clone())
        .await;
    // Handlers' errors are answers by now; only a middleware's could be left, and the ones
    // inside this one (compression, default headers) have none.
    let mut res = result?;
    let headers = res.headers_mut();
    if let Ok(value) = HeaderValue::from_str(&id) {
        headers.insert(REQUEST_ID, value);
    }
    if path.starts_with("/api/") && !headers.contains_key(header::CACHE_CONTROL) {
        headers.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    // The policy and the framing rule govern documents (and the service worker); a built
    // script, module or stylesheet goes without them: three hundred bytes fewer each on a
    // phone's first load.
    if path.starts_with("/assets/") {
        headers.remove(header::CONTENT_SECURITY_POLICY);
        headers.remove(header::X_FRAME_OPTIONS);
    }
    span.in_scope(|| {
        tracing::info!(
            target: "shukun::http",
            method = %method,
            path = %path,
            status = res.status().as_u16(),
            ms = started.elapsed().as_secs_f64() * 1000.0,
            "served"
        );
    });
    Ok(res)
}

/// The content security policy: the app's own scripts and WASM only (no inline script, no
/// `eval`; `'wasm-unsafe-eval'` lets the page compile its WASM), styles inlined in the page,
/// images of its own, `data:` or `blob:` (the previews of photos an owner picks to upload),
/// never framed.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'";

/// HSTS for a year, when clients come over HTTPS.
pub const STRICT_TRANSPORT_SECURITY: &str = "max-age=31536000; includeSubDomains";

/// Headers on every response.
pub fn security_headers(https: bool) -> DefaultHeaders {
    let headers = DefaultHeaders::new()
        .add((header::X_CONTENT_TYPE_OPTIONS, "nosniff"))
        .add((header::REFERRER_POLICY, "no-referrer"))
        .add((header::X_FRAME_OPTIONS, "DENY"))
        .add((header::CONTENT_SECURITY_POLICY, CONTENT_SECURITY_POLICY));
    if https {
        headers.add((header::STRICT_TRANSPORT_SECURITY, STRICT_TRANSPORT_SECURITY))
    } else {
        headers
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_client_request_id_is_kept_only_when_it_is_short_and_plain() {
        let ok = HeaderValue::from_static("3f2a-b9:c.1_x");
        assert_eq!(sane(&ok).as_deref(), Some("3f2a-b9:c.1_x"));
        for bad in ["", "has space", "new\tline", "quote\"", &"x".repeat(65)] {
            let value = HeaderValue::from_str(bad).unwrap();
            assert_eq!(sane(&value), None, "{bad:?}");
        }
    }

    #[test]
    fn generated_request_ids_are_32_hex_digits_and_differ() {
        let a = generate();
        let b = generate();
        assert_eq!(a.len(), 32);
        assert!(a.bytes().all(|c| c.is_ascii_hexdigit()));
        assert_ne!(a, b);
    }
}
