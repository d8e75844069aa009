//! The supervising office's 督办 notices (`/admin/notices`).

use shared::api::desk::{IssueNoticeRequest, NoticeActionRequest, NoticeList, NoticeView};

use super::{Error, Session, V1, body, download, get, json, v1, with_body};

/// The notices the caller is party to.
pub async fn list(s: &dyn Session) -> Result<NoticeList, Error> {
    json(get(s, v1!("/admin/notices")).await?)
}

/// The notices to the caller's department not yet closed.
pub async fn open(s: &dyn Session) -> Result<NoticeList, Error> {
    json(get(s, v1!("/admin/notices?open=true")).await?)
}

/// One notice.
pub async fn get_one(s: &dyn Session, id: i64) -> Result<NoticeView, Error> {
    json(get(s, &format!("{V1}/admin/notices/{id}")).await?)
}

/// Issues a notice to a department.
pub async fn issue(s: &dyn Session, request: &IssueNoticeRequest) -> Result<NoticeView, Error> {
    let request = body(request)?;
    json(with_body(s, "POST", v1!("/admin/notices"), &request).await?)
}

/// One step of a notice.
pub async fn act(
    s: &dyn Session,
    id: i64,
    request: &NoticeActionRequest,
) -> Result<NoticeView, Error> {
    let request = body(request)?;
    json(
        with_body(
            s,
            "POST",
            &format!("{V1}/admin/notices/{id}/actions"),
            &request,
        )
        .await?,
    )
}

/// The notice as printed (督办通知书), to open in a tab.
pub async fn print(s: &dyn Session, id: i64) -> Result<(web_sys::Blob, Option<String>), Error> {
    download(s, &format!("{V1}/admin/notices/{id}/print")).await
}
