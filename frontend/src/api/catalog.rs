//! The catalog of measures (`GET /catalog`).

use super::{Error, Reply, failure, send, v1};

/// The catalog: `Ok(None)` when the copy whose ETag was given is still current.
pub async fn get(etag: Option<&str>) -> Result<Option<Reply>, Error> {
    let headers: Vec<(&str, &str)> = etag.map(|e| ("If-None-Match", e)).into_iter().collect();
    let reply = send("GET", v1!("/catalog"), &headers, None).await?;
    match reply.status {
        304 => Ok(None),
        200..=299 => Ok(Some(reply)),
        _ => Err(failure(reply)),
    }
}
