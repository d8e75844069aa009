//! The eligibility of a set of answers (`POST /eligibility`), as the desk re-evaluates a
//! request.

use shared::api::{EligibilityRequest, EligibilityResponse};

use super::{Error, Session, V1, body, json, with_body};

pub async fn evaluate(
    s: &dyn Session,
    request: &EligibilityRequest,
) -> Result<EligibilityResponse, Error> {
    let request = body(request)?;
    json(with_body(s, "POST", &format!("{V1}/eligibility"), &request).await?)
}
