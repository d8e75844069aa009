//! The officials' desk: the queue and its exports, a request's official actions, the batch
//! approval, the dashboard and the audit log (`/admin/...`).

use shared::api::desk::{
    AuditPage, BatchApprovalRequest, BatchApprovalResponse, BatchPreviewRequest,
    BatchPreviewResponse, ColleagueList, CommentRequest, ContactView, DashboardResponse,
    HandoverRequest, QueueFilter, QueueResponse,
};
use shared::api::requests::{DecisionRequest, RequestView};

use super::{Error, Session, V1, authed, body, download, get, json, v1, with_body};

/// The query string of the queue's filters, then `cursor` and `limit` when given (no `?`):
/// what the queue and its exports take. Each filter set goes as its wire name; the search,
/// trimmed, only when it says something.
pub fn queue_query(filter: &QueueFilter, cursor: Option<&str>, limit: Option<u64>) -> String {
    let date = |d: Option<chrono::NaiveDate>| d.map(|d| d.format("%Y-%m-%d").to_string());
    let q = filter.q.as_deref().map(str::trim).filter(|q| !q.is_empty());
    let params: [(&str, Option<String>); 12] = [
        ("status", filter.status.map(|s| s.as_str().into())),
        ("kind", filter.kind.map(|k| k.as_str().into())),
        ("measure", filter.measure.map(|m| m.as_str().into())),
        (
            "jurisdiction",
            filter.jurisdiction.map(|j| j.as_str().into()),
        ),
        ("department", filter.department.map(|d| d.as_str().into())),
        ("from", date(filter.from)),
        ("to", date(filter.to)),
        ("q", q.map(str::to_string)),
        ("overdue", filter.overdue.map(|o| o.to_string())),
        ("sort", filter.sort.map(|s| s.as_str().into())),
        ("cursor", cursor.map(str::to_string)),
        ("limit", limit.map(|l| l.to_string())),
    ];
    let mut out = String::new();
    for (name, value) in params {
        let Some(value) = value else { continue };
        if !out.is_empty() {
            out.push('&');
        }
        out.push_str(name);
        out.push('=');
        form_encode(&mut out, &value);
    }
    out
}

/// `application/x-www-form-urlencoded`, as the browser's `URLSearchParams` writes it.
fn form_encode(out: &mut String, value: &str) {
    const HEX: &[u8; 16] = b"0123456789ABCDEF";
    for b in value.bytes() {
        match b {
            b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'*' | b'-' | b'.' | b'_' => {
                out.push(char::from(b))
            }
            b' ' => out.push('+'),
            _ => {
                out.push('%');
                out.push(char::from(HEX[usize::from(b >> 4)]));
                out.push(char::from(HEX[usize::from(b & 0xf)]));
            }
        }
    }
}

/// One page of the queue.
pub async fn queue(
    s: &dyn Session,
    filter: &QueueFilter,
    cursor: Option<&str>,
    limit: Option<u64>,
) -> Result<QueueResponse, Error> {
    let query = queue_query(filter, cursor, limit);
    json(get(s, &format!("{V1}/admin/requests?{query}")).await?)
}

/// The queue as a 台账 file (`format`: `xlsx` or `csv`): its bytes and its file name.
pub async fn export(
    s: &dyn Session,
    filter: &QueueFilter,
    format: &str,
) -> Result<(web_sys::Blob, Option<String>), Error> {
    let query = queue_query(filter, None, None);
    let sep = if query.is_empty() { "" } else { "&" };
    download(
        s,
        &format!("{V1}/admin/requests/export?format={format}{sep}{query}"),
    )
    .await
}

/// The owner's phone number and credit code, unmasked (the reading is audited).
pub async fn contact(s: &dyn Session, id: i64) -> Result<ContactView, Error> {
    json(get(s, &format!("{V1}/admin/requests/{id}/contact")).await?)
}

/// The colleagues a request may be handed to.
pub async fn colleagues(s: &dyn Session, id: i64) -> Result<ColleagueList, Error> {
    json(get(s, &format!("{V1}/admin/requests/{id}/colleagues")).await?)
}

pub async fn hand_over(
    s: &dyn Session,
    id: i64,
    request: &HandoverRequest,
) -> Result<RequestView, Error> {
    let request = body(request)?;
    json(
        with_body(
            s,
            "POST",
            &format!("{V1}/admin/requests/{id}/handover"),
            &request,
        )
        .await?,
    )
}

/// A note between the departments a request is routed to.
pub async fn comment(
    s: &dyn Session,
    id: i64,
    request: &CommentRequest,
) -> Result<RequestView, Error> {
    let request = body(request)?;
    json(
        with_body(
            s,
            "POST",
            &format!("{V1}/admin/requests/{id}/comments"),
            &request,
        )
        .await?,
    )
}

/// A decision on the request as read at `version` (`If-Match`).
pub async fn decide(
    s: &dyn Session,
    id: i64,
    version: i32,
    decision: &DecisionRequest,
) -> Result<RequestView, Error> {
    let decision = body(decision)?;
    let version = format!("\"{version}\"");
    let path = format!("{V1}/admin/requests/{id}/decision");
    json(
        authed(
            s,
            "POST",
            &path,
            &[("If-Match", version.as_str())],
            Some(&decision),
        )
        .await?,
    )
}

/// What a batch approval of these requests would grant each.
pub async fn batch_preview(
    s: &dyn Session,
    request: &BatchPreviewRequest,
) -> Result<BatchPreviewResponse, Error> {
    let request = body(request)?;
    let path = v1!("/admin/requests/batch-approval/preview");
    json(with_body(s, "POST", path, &request).await?)
}

/// Approves a batch, each request on its own.
pub async fn batch_approve(
    s: &dyn Session,
    request: &BatchApprovalRequest,
) -> Result<BatchApprovalResponse, Error> {
    let request = body(request)?;
    let path = v1!("/admin/requests/batch-approval");
    json(with_body(s, "POST", path, &request).await?)
}

/// The dashboard's figures of the requests filed in the period (`None`: open-ended).
pub async fn dashboard(
    s: &dyn Session,
    from: Option<chrono::NaiveDate>,
    to: Option<chrono::NaiveDate>,
) -> Result<DashboardResponse, Error> {
    let mut query = String::new();
    for (name, day) in [("from", from), ("to", to)] {
        if let Some(day) = day {
            query.push(if query.is_empty() { '?' } else { '&' });
            query.push_str(&format!("{name}={}", day.format("%Y-%m-%d")));
        }
    }
    json(get(s, &format!("{V1}/admin/dashboard{query}")).await?)
}

/// The audit log's filters as typed: an action's name and days `YYYY-MM-DD` (empty: any).
pub struct AuditFilter<'a> {
    pub action: &'a str,
    pub from: &'a str,
    pub to: &'a str,
}

/// One page of the audit log.
pub async fn audit(
    s: &dyn Session,
    filter: &AuditFilter<'_>,
    cursor: Option<&str>,
) -> Result<AuditPage, Error> {
    let mut query = String::new();
    for (name, value) in [
        ("action", filter.action.trim()),
        ("from", filter.from.trim()),
        ("to", filter.to.trim()),
        ("cursor", cursor.unwrap_or_default()),
    ] {
        if !value.is_empty() {
            if !query.is_empty() {
                query.push('&');
            }
            query.push_str(name);
            query.push('=');
            form_encode(&mut query, value);
        }
    }
    json(get(s, &format!("{V1}/admin/audit?{query}")).await?)
}

/// Records that the business's licence, among the request's documents, matches the account
/// (核验): the next department sees it was checked.
pub async fn verify_business(s: &dyn Session, id: i64) -> Result<RequestView, Error> {
    json(
        authed(
            s,
            "POST",
            &format!("{V1}/admin/requests/{id}/business-verification"),
            &[],
            None,
        )
        .await?,
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::application::RequestState;
    use shared::catalog::DepartmentId;

    #[test]
    fn an_empty_filter_sends_no_parameters() {
        assert_eq!(queue_query(&QueueFilter::default(), None, None), "");
    }

    #[test]
    fn the_filters_go_by_their_wire_names_then_the_cursor_and_the_limit() {
        let filter = QueueFilter {
            status: Some(RequestState::InReview),
            department: DepartmentId::parse("housing"),
            from: chrono::NaiveDate::from_ymd_opt(2022, 6, 1),
            overdue: Some(true),
            q: Some("  库尔勒 A&B ".into()),
            ..QueueFilter::default()
        };
        let department = "housing";
        assert_eq!(
            queue_query(&filter, Some("c/1"), Some(200)),
            format!(
                "status=in_review&department={department}&from=2022-06-01\
                 &q=%E5%BA%93%E5%B0%94%E5%8B%92+A%26B&overdue=true&cursor=c%2F1&limit=200"
            )
        );
    }

    #[test]
    fn a_blank_search_is_not_sent() {
        let filter = QueueFilter {
            q: Some("   ".into()),
            ..QueueFilter::default()
        };
        assert_eq!(queue_query(&filter, None, None), "");
    }
}

/// A request's ledger with who wrote each entry.
pub async fn ledger(s: &dyn Session, id: i64) -> Result<shared::api::ledger::LedgerView, Error> {
    json(get(s, &format!("{V1}/admin/requests/{id}/ledger")).await?)
}

/// Records an entry on a request's ledger, once per `idempotency_key`.
pub async fn record_entry(
    s: &dyn Session,
    id: i64,
    idempotency_key: &str,
    entry: &shared::application::ledger::LedgerEntryRequest,
) -> Result<shared::api::ledger::LedgerEntryView, Error> {
    let entry = body(entry)?;
    json(
        authed(
            s,
            "POST",
            &format!("{V1}/admin/requests/{id}/ledger"),
            &[("Idempotency-Key", idempotency_key)],
            Some(&entry),
        )
        .await?,
    )
}

/// Closes a "not received" with what the department found.
pub async fn resolve_receipt(
    s: &dyn Session,
    id: i64,
    entry: i64,
    resolution: &shared::api::ledger::ResolutionRequest,
) -> Result<shared::api::ledger::LedgerView, Error> {
    let resolution = body(resolution)?;
    let path = format!("{V1}/admin/requests/{id}/ledger/{entry}/resolution");
    json(authed(s, "POST", &path, &[], Some(&resolution)).await?)
}

/// The department closes a rectification (`close`) or appeals its rating (`appeal`).
pub async fn rectification_step(
    s: &dyn Session,
    id: i64,
    step: &str,
    text: &shared::application::rating::RectificationText,
) -> Result<shared::application::rating::RectificationView, Error> {
    let text = body(text)?;
    let path = format!("{V1}/admin/rectifications/{id}/{step}");
    json(authed(s, "POST", &path, &[], Some(&text)).await?)
}

/// The supervising office upholds or voids an appealed rating.
pub async fn review_rating(
    s: &dyn Session,
    id: i64,
    review: &shared::application::rating::ReviewRequest,
) -> Result<shared::application::rating::RectificationView, Error> {
    let review = body(review)?;
    let path = format!("{V1}/admin/rectifications/{id}/review");
    json(authed(s, "POST", &path, &[], Some(&review)).await?)
}

/// The assessment table (督导考核) for a period; days `YYYY-MM-DD` (empty: the server's
/// default).
pub async fn assessment(
    s: &dyn Session,
    from: &str,
    to: &str,
    min_decided: u64,
) -> Result<shared::api::assessment::AssessmentResponse, Error> {
    let mut query = format!("?min_decided={min_decided}");
    for (k, v) in [("from", from), ("to", to)] {
        if !v.is_empty() {
            query.push_str(&format!("&{k}={v}"));
        }
    }
    json(get(s, &format!("{V1}/admin/assessment{query}")).await?)
}

/// The monthly 通报 (`YYYY-MM`) as a page to open and print.
pub async fn monthly_report(
    s: &dyn Session,
    month: &str,
) -> Result<(web_sys::Blob, Option<String>), Error> {
    download(s, &format!("{V1}/admin/assessment/report?month={month}")).await
}
