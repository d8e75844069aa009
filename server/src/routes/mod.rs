//! The HTTP API under `/api/v1`, and health. Handlers parse, call the domain, map errors.

mod catalog;
mod eligibility;
mod health;
pub mod json;
mod openapi;

pub use openapi::ApiDoc;

use actix_web::web;

use crate::error::ApiError;

/// Registers every route.
pub fn config(cfg: &mut web::ServiceConfig) {
    cfg.service(health::healthz).service(
        web::scope("/api/v1")
            .service(catalog::get)
            .service(eligibility::post)
            .service(openapi::get)
            .default_service(web::to(|| async { Err::<String, _>(ApiError::NotFound) })),
    );
}
