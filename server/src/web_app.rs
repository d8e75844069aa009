//! The built Leptos app, served at `/` from the same port as the API.

use std::path::Path;

use actix_files::{Files, NamedFile};
use actix_web::dev::{ServiceRequest, ServiceResponse, fn_service};
use actix_web::middleware::DefaultHeaders;
use actix_web::{HttpResponse, web};

/// Headers on every response. The app loads only its own script and WASM.
pub fn security_headers() -> DefaultHeaders {
    DefaultHeaders::new()
        .add(("X-Content-Type-Options", "nosniff"))
        .add(("Referrer-Policy", "no-referrer"))
        .add(("X-Frame-Options", "DENY"))
        .add((
            "Content-Security-Policy",
            "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
        ))
}

/// Serves the files of `dir`, and `index.html` for any other path (client-side routes).
/// Without a built frontend, `/` says how to build one.
pub fn config(cfg: &mut web::ServiceConfig, dir: Option<&Path>) {
    match dir {
        Some(dir) if dir.join("index.html").is_file() => {
            let index = dir.join("index.html");
            cfg.service(
                Files::new("/", dir)
                    .index_file("index.html")
                    .prefer_utf8(true)
                    .default_handler(fn_service(move |req: ServiceRequest| {
                        let index = index.clone();
                        async move {
                            let (req, _) = req.into_parts();
                            let file = NamedFile::open(&index)?;
                            let res = file.into_response(&req);
                            Ok(ServiceResponse::new(req, res))
                        }
                    })),
            );
        }
        _ => {
            cfg.default_service(web::to(|| async {
                HttpResponse::NotFound()
                    .content_type("text/plain; charset=utf-8")
                    .body("Shukun's API is running; the web app is not built (scripts/build-frontend).\n")
            }));
        }
    }
}
