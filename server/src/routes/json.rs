//! Reading a JSON body: bounded in size, and every error naming the field at fault.

use actix_web::http::header;
use actix_web::{HttpRequest, web};
use futures_util::StreamExt;
use serde::de::DeserializeOwned;

use crate::error::ApiError;

/// The largest JSON body accepted.
pub const MAX_BODY_BYTES: usize = 64 * 1024;

/// Reads the body (refusing more than [`MAX_BODY_BYTES`] and non-JSON content types) and
/// deserializes it, naming the field of any error.
pub async fn read<T: DeserializeOwned>(
    req: &HttpRequest,
    mut payload: web::Payload,
) -> Result<T, ApiError> {
    if let Some(ct) = req.headers().get(header::CONTENT_TYPE) {
        let is_json = ct
            .to_str()
            .map(|s| {
                let mime = s
                    .split(';')
                    .next()
                    .unwrap_or("")
                    .trim()
                    .to_ascii_lowercase();
                mime == "application/json" || mime.ends_with("+json")
            })
            .unwrap_or(false);
        if !is_json {
            return Err(ApiError::UnsupportedMediaType);
        }
    }
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY_BYTES) {
        return Err(ApiError::PayloadTooLarge {
            limit: MAX_BODY_BYTES,
        });
    }
    let mut body = web::BytesMut::new();
    while let Some(chunk) = payload.next().await {
        let chunk = chunk.map_err(|e| ApiError::MalformedJson {
            message: format!("the body could not be read: {e}"),
        })?;
        if body.len() + chunk.len() > MAX_BODY_BYTES {
            return Err(ApiError::PayloadTooLarge {
                limit: MAX_BODY_BYTES,
            });
        }
        body.extend_from_slice(&chunk);
    }
    parse(&body)
}

/// Deserializes JSON, turning serde's error into one that names the field.
pub fn parse<T: DeserializeOwned>(body: &[u8]) -> Result<T, ApiError> {
    // serde accepts an array for a struct; the API's bodies are objects.
    match body.iter().find(|b| !b.is_ascii_whitespace()) {
        Some(b'{') => {}
        None => {
            return Err(ApiError::MalformedJson {
                message: "the body is empty: send a JSON object".into(),
            });
        }
        Some(_) => {
            return Err(
                match serde_json::from_slice::<serde::de::IgnoredAny>(body) {
                    Ok(_) => ApiError::InvalidField {
                        field: "body".into(),
                        message: "must be a JSON object".into(),
                    },
                    Err(e) => ApiError::MalformedJson {
                        message: format!("the body is not valid JSON: {e}"),
                    },
                },
            );
        }
    }
    let de = &mut serde_json::Deserializer::from_slice(body);
    match serde_path_to_error::deserialize(de) {
        Ok(value) => Ok(value),
        Err(e) => match whole_floats_as_integers(body) {
            // JSON Schema counts `2.0` as the integer 2: a body spelling integers so is read
            // again with them written as integers (only after the direct read failed, so the
            // usual body costs nothing more).
            Some(normalized) => serde_path_to_error::deserialize(normalized)
                .map_err(|e| field_error(e.path(), e.inner())),
            None => Err(classify(e)),
        },
    }
}

/// The body with every whole float (`343.0`, `1e3`) written as an integer, when it has any.
fn whole_floats_as_integers(body: &[u8]) -> Option<serde_json::Value> {
    fn walk(v: &mut serde_json::Value) -> bool {
        match v {
            serde_json::Value::Number(n) if n.is_f64() => match n.as_f64() {
                Some(f) if f.fract() == 0.0 && f.abs() < 9_007_199_254_740_992.0 => {
                    // Exact: |f| < 2^53.
                    *v = serde_json::Value::from(f as i64);
                    true
                }
                _ => false,
            },
            serde_json::Value::Array(items) => items.iter_mut().fold(false, |c, i| walk(i) | c),
            serde_json::Value::Object(map) => map.values_mut().fold(false, |c, i| walk(i) | c),
            _ => false,
        }
    }
    let mut value: serde_json::Value = serde_json::from_slice(body).ok()?;
    walk(&mut value).then_some(value)
}

/// A data error (not syntax) as the field at fault.
fn field_error(path: &serde_path_to_error::Path, inner: &serde_json::Error) -> ApiError {
    let path = path.to_string();
    let message = strip_position(&inner.to_string());
    let field = if path == "." {
        "body".to_string()
    } else {
        path
    };
    ApiError::InvalidField { field, message }
}

/// A failed direct read: bad JSON, or the field at fault.
fn classify(e: serde_path_to_error::Error<serde_json::Error>) -> ApiError {
    match e.inner().classify() {
        serde_json::error::Category::Syntax | serde_json::error::Category::Eof => {
            ApiError::MalformedJson {
                message: format!("the body is not valid JSON: {}", e.inner()),
            }
        }
        _ => field_error(e.path(), e.inner()),
    }
}

fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(i) => message[..i].to_string(),
        None => message.to_string(),
    }
}
