//! The owner's requests, and a request as anyone who may see it reads it (`/requests`).

use std::rc::Rc;

use shared::api::requests::{
    DocumentView, FileRequest, OwnerActionRequest, RequestSummary, RequestView,
};
use shared::application::{Action, DocumentPurpose};

use super::{Error, Reply, Session, V1, authed, body, download, get, json, send, upload, v1};

/// The owner's requests with an access token alone (never renewed): the results page's.
pub async fn mine_with_token(access_token: &str) -> Result<Vec<RequestSummary>, Error> {
    let bearer = format!("Bearer {access_token}");
    json(send("GET", v1!("/requests"), &[("Authorization", &bearer)], None).await?)
}

/// The owner's requests.
pub async fn list(s: &dyn Session) -> Result<Vec<RequestSummary>, Error> {
    json(get(s, v1!("/requests")).await?)
}

/// One request.
pub async fn get_one(s: &dyn Session, id: i64) -> Result<RequestView, Error> {
    json(get(s, &format!("{V1}/requests/{id}")).await?)
}

/// Files a request, once per `idempotency_key`: the reply whatever its status (a refusal's
/// body is a `RefusedBody`, with the eligibility's reasons).
pub async fn file(
    s: &dyn Session,
    idempotency_key: &str,
    request: &FileRequest,
) -> Result<Reply, Error> {
    let request = body(request)?;
    authed(
        s,
        "POST",
        v1!("/requests"),
        &[("Idempotency-Key", idempotency_key)],
        Some(&request),
    )
    .await
}

/// The owner answers a request or withdraws it.
pub async fn act(
    s: &dyn Session,
    id: i64,
    action: Action,
    request: &OwnerActionRequest,
) -> Result<RequestView, Error> {
    let request = body(request)?;
    let path = format!("{V1}/requests/{id}/{}", action.as_str());
    json(authed(s, "POST", &path, &[], Some(&request)).await?)
}

/// Uploads a document to a request, reporting progress in percent.
pub async fn upload_document(
    s: &dyn Session,
    request: i64,
    purpose: DocumentPurpose,
    file: &web_sys::File,
    on_progress: Rc<dyn Fn(u8)>,
) -> Result<DocumentView, Error> {
    let path = format!(
        "{V1}/requests/{request}/documents?purpose={}",
        purpose.as_str()
    );
    json(upload(s, &path, file, on_progress).await?)
}

/// A document of a request: its bytes and its file name.
pub async fn document(
    s: &dyn Session,
    request: i64,
    document: i64,
) -> Result<(web_sys::Blob, Option<String>), Error> {
    download(s, &format!("{V1}/requests/{request}/documents/{document}")).await
}

/// What a request's decision granted and what happened to it since (the owner's).
pub async fn ledger(s: &dyn Session, id: i64) -> Result<shared::api::ledger::LedgerView, Error> {
    json(get(s, &format!("{V1}/requests/{id}/ledger")).await?)
}

/// The owner says whether a refund or a payment arrived.
pub async fn answer_receipt(
    s: &dyn Session,
    id: i64,
    entry: i64,
    answer: &shared::api::ledger::ReceiptRequest,
) -> Result<shared::api::ledger::ReceiptView, Error> {
    let answer = body(answer)?;
    let path = format!("{V1}/requests/{id}/ledger/{entry}/receipt");
    json(authed(s, "POST", &path, &[], Some(&answer)).await?)
}

/// A request's rating; `Ok(None)` before it is rated.
pub async fn rating(
    s: &dyn Session,
    id: i64,
) -> Result<Option<shared::application::rating::RatingView>, Error> {
    match json(get(s, &format!("{V1}/requests/{id}/rating")).await?) {
        Ok(view) => Ok(Some(view)),
        Err(Error::Api { status: 404, .. }) => Ok(None),
        Err(e) => Err(e),
    }
}

/// The owner rates a decided request.
pub async fn rate(
    s: &dyn Session,
    id: i64,
    rating: &shared::application::rating::RatingRequest,
) -> Result<shared::application::rating::RatingView, Error> {
    let rating = body(rating)?;
    let path = format!("{V1}/requests/{id}/rating");
    json(authed(s, "POST", &path, &[], Some(&rating)).await?)
}
