//! The language a call asks for: `?lang=`, zh-CN by default.

use actix_web::{HttpRequest, web};
use serde::Deserialize;
use shared::Lang;

use crate::error::ApiError;

#[derive(Deserialize)]
struct LangQuery {
    lang: Option<String>,
}

/// The language asked for in `?lang=`, zh-CN by default.
pub fn lang_of(req: &HttpRequest) -> Result<Lang, ApiError> {
    let query = web::Query::<LangQuery>::from_query(req.query_string()).map_err(|e| {
        ApiError::InvalidQuery {
            parameter: "lang",
            message: e.to_string(),
        }
    })?;
    // Exactly the values the OpenAPI document lists (pages are more lenient).
    match query.lang.as_deref() {
        None => Ok(Lang::ZhCn),
        Some("zh-CN") => Ok(Lang::ZhCn),
        Some("en") => Ok(Lang::En),
        Some(s) => Err(ApiError::InvalidQuery {
            parameter: "lang",
            message: format!("`{s}` is not a supported language: use zh-CN or en"),
        }),
    }
}
