//! The eligibility of a set of answers (`POST /eligibility`), as the desk re-evaluates a
//! request.

use shared::api::{EligibilityRequest, EligibilityResponse};

use super::{Error, Session, body, json, v1, with_body};

pub async fn evaluate(
    s: &dyn Session,
    request: &EligibilityRequest,
) -> Result<EligibilityResponse, Error> {
    let request = body(request)?;
    json(with_body(s, "POST", v1!("/eligibility"), &request).await?)
}
