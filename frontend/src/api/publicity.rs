//! 政策解读 and reach (`/admin/interpretations`, `/admin/reach`).

use std::rc::Rc;

use shared::MeasureId;
use shared::api::publicity::{ImageView, InterpretationRequest, InterpretationView, ReachResponse};

use super::{Error, Session, V1, body, get, json, upload, with_body};

/// Every version of a measure's interpretation, newest first.
pub async fn versions(
    s: &dyn Session,
    measure: MeasureId,
) -> Result<Vec<InterpretationView>, Error> {
    json(
        get(
            s,
            &format!("{V1}/admin/interpretations/{}", measure.as_str()),
        )
        .await?,
    )
}

/// Publishes a new version.
pub async fn publish(
    s: &dyn Session,
    measure: MeasureId,
    request: &InterpretationRequest,
) -> Result<InterpretationView, Error> {
    let request = body(request)?;
    let path = format!("{V1}/admin/interpretations/{}", measure.as_str());
    json(with_body(s, "POST", &path, &request).await?)
}

/// Uploads an image for a measure's interpretations: the path to put in the body.
pub async fn upload_image(
    s: &dyn Session,
    measure: MeasureId,
    file: &web_sys::File,
) -> Result<ImageView, Error> {
    let path = format!("{V1}/admin/interpretations/{}/images", measure.as_str());
    json(upload(s, &path, file, Rc::new(|_| {})).await?)
}

/// The reach over a period (days `YYYY-MM-DD`; empty: the last 30 days).
pub async fn reach(s: &dyn Session, from: &str, to: &str) -> Result<ReachResponse, Error> {
    let query: Vec<String> = [("from", from), ("to", to)]
        .iter()
        .filter(|(_, v)| !v.is_empty())
        .map(|(k, v)| format!("{k}={v}"))
        .collect();
    json(get(s, &format!("{V1}/admin/reach?{}", query.join("&"))).await?)
}
