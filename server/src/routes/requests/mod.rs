//! `/api/v1/requests` (owners file and follow), `/api/v1/admin/requests` (officials decide),
//! and `/api/v1/messages` (owners' in-app messages). One file per action.

pub mod confirmations;
pub mod decide;
pub mod desk_actions;
pub mod documents;
pub mod export;
pub mod file;
pub mod ledger;
pub mod messages;
pub mod owner;
pub mod rating;
pub mod read;

use actix_web::HttpRequest;
use actix_web::http::header;

use crate::error::ApiError;
use crate::services::requests::parse_version;

/// The `If-Match` version, when sent.
pub(crate) fn if_match(req: &HttpRequest) -> Result<Option<i32>, ApiError> {
    let value = req
        .headers()
        .get(header::IF_MATCH)
        .map(|v| {
            v.to_str()
                .map_err(|_| ApiError::field("If-Match", "must be the request's version"))
        })
        .transpose()?;
    Ok(parse_version(value)?)
}

/// Requests answers carry their version as an `ETag` too.
pub(crate) fn etag(version: i32) -> (header::HeaderName, String) {
    (header::ETAG, format!("\"{version}\""))
}
