//! The provider's one-time link, `/confirm/{token}`: the lines its confirmation lists, each
//! to mark done (amount and day) or not done (why), sent at once; or the Excel template to
//! download, fill and upload. Server-rendered (a utility's clerk opens it on any browser,
//! with no account); nothing but its own lines is shown, and no owner's phone.

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{HttpResponse, web};
use shared::api::confirmations::{
    ConfirmationView, LineAnswer, LineAnswerRequest, LineState, ProblemItem, ProviderAnswer,
};
use shared::application::ledger::EntryKind;

use crate::AppState;
use crate::error::ApiError;
use crate::services::RequestError;
use crate::services::export::yuan;
use crate::services::requests::confirmations::{self as service, LinkRefused};
use crate::web_app::escape;

const STYLE: &str = "body{margin:0;font-family:system-ui,\"Noto Sans CJK SC\",sans-serif;color:#1a1a1a;background:#f5f5f5;line-height:1.5}\
main{max-width:760px;margin:0 auto;padding:12px 16px 32px}h1{font-size:20px;margin:8px 0}p{margin:6px 0}.meta{color:#555;font-size:14px}\
.line{background:#fff;border-radius:8px;padding:12px;margin:12px 0}.line h2{font-size:16px;margin:0 0 4px}\
.line--bad{outline:2px solid #d4380d}.problems{background:#fff1f0;border:1px solid #ffa39e;border-radius:8px;padding:8px 16px;color:#a8071a}\
label{display:block;margin:8px 0 0;font-size:14px;color:#333}input[type=text],input[type=date]{box-sizing:border-box;width:100%;min-height:44px;font-size:16px;padding:6px 8px;border:1px solid #ccc;border-radius:6px}\
.choice{display:flex;gap:16px;margin-top:8px}.choice label{display:flex;align-items:center;gap:6px;min-height:44px;margin:0}\
button,.button{display:inline-block;box-sizing:border-box;min-height:44px;line-height:24px;padding:10px 20px;font-size:16px;border-radius:8px;border:0;background:#07c160;color:#fff;text-decoration:none}\
.button--plain{background:#fff;color:#07c160;border:1px solid #07c160}.done{color:#2e7d32}.total{font-weight:600}.upload{background:#fff;border-radius:8px;padding:12px;margin:16px 0}";

fn document(title: &str, body: &str) -> String {
    format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><meta name=\"robots\" content=\"noindex\">\
<meta name=\"referrer\" content=\"no-referrer\"><title>{}</title><style>{STYLE}</style></head><body><main>{body}</main></body></html>",
        escape(title)
    )
}

fn refused_page(r: &LinkRefused) -> HttpResponse {
    let (status, text) = match r {
        LinkRefused::Unknown => (404, "没有这个确认链接，请核对链接是否完整。"),
        LinkRefused::Answered => (
            410,
            "此确认单已经回复，无需再次提交。如需更正，请联系发出确认单的部门。",
        ),
        LinkRefused::Expired => (410, "此确认链接已过期，请联系发出确认单的部门重新发送。"),
    };
    let status = actix_web::http::StatusCode::from_u16(status)
        .unwrap_or(actix_web::http::StatusCode::NOT_FOUND);
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(document(
            "出资方确认单",
            &format!("<h1>出资方确认单</h1><p>{text}</p>"),
        ))
}

fn kind_words(kind: EntryKind) -> &'static str {
    match kind {
        EntryKind::Deferred => "缓缴的费用已结清",
        EntryKind::RefundDue => "已退还租金",
        EntryKind::Owed => "资金已发放",
        _ => "已办理",
    }
}

/// What the provider typed, to show again beside the problems.
type Typed = HashMap<String, String>;

fn form(
    state: &AppState,
    v: &ConfirmationView,
    token: &str,
    typed: &Typed,
    problems: &[ProblemItem],
) -> String {
    let department = state.catalog().department(v.department).map_or_else(
        || v.department.as_str().to_string(),
        |d| d.name.get(shared::Lang::ZhCn).to_string(),
    );
    let today = state.today().to_string();
    let listed: String = if problems.is_empty() {
        String::new()
    } else {
        let items = problem_items(problems);
        format!(
            "<div class=\"problems\" role=\"alert\"><p>未作任何登记，请修改以下 {} 处后重新提交：</p><ul>{items}</ul></div>",
            problems.len()
        )
    };
    let lines: String = v
        .lines
        .iter()
        .map(|l| {
            let key = |f: &str| format!("l{}_{f}", l.line);
            let get = |f: &str| typed.get(&key(f)).cloned();
            let answer = get("answer").unwrap_or_else(|| "done".into());
            let bad = problems.iter().any(|p| p.line == Some(l.line));
            let amount = get("amount").unwrap_or_else(|| yuan(l.expected_fen));
            let on = get("on").unwrap_or_else(|| today.clone());
            let reason = get("reason").unwrap_or_default();
            let checked = |value: &str| if answer == value { " checked" } else { "" };
            format!(
                "<section class=\"line{bad}\" data-line=\"{id}\"><h2>行号 {id} · {number}</h2>\
<p>{name} · {what}{month}</p><p>应办金额 <strong>¥{expected}</strong>{due}</p>\
<div class=\"choice\" role=\"radiogroup\"><label><input type=\"radio\" name=\"{k_answer}\" value=\"done\"{c_done}>{done_words}</label>\
<label><input type=\"radio\" name=\"{k_answer}\" value=\"not_done\"{c_not}>未办</label></div>\
<label>确认金额（元）<input type=\"text\" inputmode=\"decimal\" name=\"{k_amount}\" value=\"{amount}\"></label>\
<label>实际办理日期<input type=\"date\" name=\"{k_on}\" value=\"{on}\" max=\"{today}\"></label>\
<label>原因（金额不同或未办时必填）<input type=\"text\" name=\"{k_reason}\" maxlength=\"200\" value=\"{reason}\"></label></section>",
                bad = if bad { " line--bad" } else { "" },
                id = l.line,
                number = escape(&l.number),
                name = escape(&l.business_name),
                what = match l.kind {
                    EntryKind::Deferred => "缓缴水电气费",
                    EntryKind::RefundDue => "退还租金",
                    EntryKind::Owed => "发放资金",
                    _ => "",
                },
                month = l.month.as_ref().map(|m| format!("（{m}）")).unwrap_or_default(),
                expected = shared::money::format_yuan(l.expected_fen),
                due = l.due_on.map(|d| format!("，期限 {d}")).unwrap_or_default(),
                k_answer = key("answer"),
                k_amount = key("amount"),
                k_on = key("on"),
                k_reason = key("reason"),
                c_done = checked("done"),
                c_not = checked("not_done"),
                done_words = kind_words(l.kind),
                amount = escape(&amount),
                on = escape(&on),
                reason = escape(&reason),
            )
        })
        .collect();
    let body = format!(
        "<h1>出资方确认单 第{id}号</h1><p class=\"meta\">{provider} · {month} · 发出部门：{department}</p>\
<p class=\"meta\">请于 {answer_by} 前逐行确认，一次提交。无需注册登录；此链接只能使用一次。</p>{listed}\
<form method=\"post\" action=\"/confirm/{token}\">{lines}<p class=\"total\">共 {n} 行，应办合计 ¥{total}</p>\
<button type=\"submit\" name=\"send\" value=\"1\">提交确认</button></form>\
<section class=\"upload\"><p>也可以下载 Excel 模板，逐行填好后上传（整份检查：有一处问题即整份不登记，并列出所有问题）：</p>\
<p><a class=\"button button--plain\" href=\"/api/v1/confirmations/{token}/template\">下载 Excel 模板</a></p>\
<form class=\"upload-form\" method=\"post\" action=\"/confirm/{token}/upload\"><label>填好的模板（.xlsx）<input type=\"file\" name=\"template\" accept=\".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet\"></label>\
<p><button type=\"submit\">上传模板</button></p><div class=\"upload-result\" role=\"status\"></div></form></section>\
<script type=\"module\" src=\"/confirm.js\"></script>",
        id = v.id,
        provider = escape(&v.provider),
        month = escape(&v.month),
        department = escape(&department),
        answer_by = v.answer_by,
        n = v.lines.len(),
        total = shared::money::format_yuan(v.total_expected_fen),
    );
    document(&format!("出资方确认单 第{}号", v.id), &body)
}

/// Each problem as a list item, where it is (the row, or the line) and what, in the
/// provider's words.
fn problem_items(problems: &[ProblemItem]) -> String {
    problems
        .iter()
        .map(|p| {
            let at = match (p.row, p.line) {
                (Some(r), _) => format!("第 {r} 行："),
                (None, Some(l)) => format!("行号 {l}："),
                _ => String::new(),
            };
            format!("<li>{}{}</li>", escape(&at), escape(&problem_words(p)))
        })
        .collect()
}

fn problem_words(p: &ProblemItem) -> String {
    use shared::api::confirmations::ConfirmationProblem as P;
    match p.problem {
        P::NotTheirs => "这一行不是本确认单的。".into(),
        P::Duplicate => "这一行重复了。".into(),
        P::Missing => "这一行没有填写。".into(),
        P::AmountRequired => "已办的请填写确认金额。".into(),
        P::ChangedWithoutReason => "确认金额与应办金额不同，请写明原因。".into(),
        P::MoreThanListed => format!("确认金额超过应办金额（{}）。", p.message),
        P::DateRequired => "已办的请填写实际办理日期。".into(),
        P::DateOutOfRange => "办理日期须在申请提交之后、今天或之前。".into(),
        P::ReasonRequired => "未办的请写明原因。".into(),
        P::TooLong => "原因最多 200 个字。".into(),
        P::WrongTotal => "合计与各行确认金额之和不符。".into(),
        P::Unreadable => "金额或日期无法识别（金额如 1234.50，日期如 2022-12-20）。".into(),
        P::NotTheTemplate => "文件不是下载的确认单模板。".into(),
    }
}

fn html(status: actix_web::http::StatusCode, body: String) -> HttpResponse {
    HttpResponse::build(status)
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-store"))
        .body(body)
}

/// `GET /confirm/{token}`.
pub async fn page(
    state: web::Data<AppState>,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    match service::by_token(&state, &path).await? {
        Ok(v) => Ok(html(
            actix_web::http::StatusCode::OK,
            form(&state, &v, &path, &Typed::new(), &[]),
        )),
        Err(r) => Ok(refused_page(&r)),
    }
}

/// `POST /confirm/{token}` (the form): recorded whole, or the form again with every problem.
pub async fn submit(
    state: web::Data<AppState>,
    path: web::Path<String>,
    body: web::Bytes,
) -> Result<HttpResponse, ApiError> {
    let typed: Typed = serde_urlencoded_pairs(&body);
    let view = match service::by_token(&state, &path).await? {
        Ok(v) => v,
        Err(r) => return Ok(refused_page(&r)),
    };
    let mut lines = Vec::new();
    let mut unreadable = Vec::new();
    for l in &view.lines {
        let get = |f: &str| {
            typed
                .get(&format!("l{}_{f}", l.line))
                .map(|s| s.trim().to_string())
        };
        let answer = match get("answer").as_deref() {
            Some("not_done") => LineAnswer::NotDone,
            _ => LineAnswer::Done,
        };
        let amount_fen = match get("amount").as_deref().and_then(service::yuan_text_to_fen) {
            Some(Ok(f)) => Some(f),
            Some(Err(())) if answer == LineAnswer::Done => {
                unreadable.push(l.line);
                None
            }
            _ => None,
        };
        let on = get("on").and_then(|d| d.parse().ok());
        lines.push(LineAnswerRequest {
            line: l.line,
            answer,
            amount_fen,
            on,
            reason: get("reason").filter(|r| !r.is_empty()),
        });
    }
    if !unreadable.is_empty() {
        let problems: Vec<ProblemItem> = unreadable
            .into_iter()
            .map(|line| ProblemItem {
                row: None,
                line: Some(line),
                field: "amount_fen".into(),
                problem: shared::api::confirmations::ConfirmationProblem::Unreadable,
                message: "not an amount in yuan".into(),
            })
            .collect();
        return Ok(html(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            form(&state, &view, &path, &typed, &problems),
        ));
    }
    match service::answer(&state, &path, ProviderAnswer { lines }).await {
        Ok(Ok(answered)) => {
            let rows: String = answered
                .lines
                .iter()
                .map(|l| match l.state {
                    LineState::Done => format!(
                        "<li>行号 {} · {}：已确认 ¥{}（{}）</li>",
                        l.line,
                        escape(&l.number),
                        shared::money::format_yuan(l.confirmed_fen.unwrap_or(0)),
                        l.confirmed_on.map(|d| d.to_string()).unwrap_or_default()
                    ),
                    _ => format!(
                        "<li>行号 {} · {}：未办（{}）</li>",
                        l.line,
                        escape(&l.number),
                        escape(l.reason.as_deref().unwrap_or(""))
                    ),
                })
                .collect();
            Ok(html(
                actix_web::http::StatusCode::OK,
                document(
                    "确认已提交",
                    &format!(
                        "<h1 class=\"done\" data-answered=\"\">确认已提交，谢谢！</h1><p class=\"meta\">出资方确认单 第{}号 · {}</p><ul>{rows}</ul>",
                        answered.id,
                        escape(&answered.provider)
                    ),
                ),
            ))
        }
        Ok(Err(r)) => Ok(refused_page(&r)),
        Err(RequestError::Confirmation(problems)) => Ok(html(
            actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
            form(&state, &view, &path, &typed, &problems),
        )),
        Err(e) => Err(e.into()),
    }
}

/// The pairs of a form body (`application/x-www-form-urlencoded`).
fn serde_urlencoded_pairs(body: &[u8]) -> Typed {
    web::Query::<Typed>::from_query(std::str::from_utf8(body).unwrap_or(""))
        .map(web::Query::into_inner)
        .unwrap_or_default()
}

/// The script that uploads a filled template as the request's body (a plain form cannot
/// send a file as it is) and shows the server's answer.
pub async fn script() -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/javascript; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(include_str!("confirm.js"))
}

/// `POST /confirm/{token}/upload` (the file as the body, from `confirm.js`): what to show
/// under the upload form, as HTML.
pub async fn upload(
    state: web::Data<AppState>,
    path: web::Path<String>,
    req: actix_web::HttpRequest,
    payload: web::Payload,
) -> Result<HttpResponse, ApiError> {
    let bytes = match super::requests::confirmations::read_template(&req, payload).await {
        Ok(b) => b,
        Err(_) => {
            return Ok(html(
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                "<p class=\"problems\">请选择填好的模板文件（不超过 2 MB）。</p>".into(),
            ));
        }
    };
    let (status, fragment) = match service::upload(&state, &path, &bytes).await {
        Ok(Ok(v)) => (
            actix_web::http::StatusCode::OK,
            format!(
                "<p class=\"done\" data-answered=\"\">已提交，谢谢！确认单第{}号的 {} 行已登记。</p>",
                v.id,
                v.lines.len()
            ),
        ),
        Ok(Err(r)) => (
            actix_web::http::StatusCode::GONE,
            format!(
                "<p class=\"problems\">{}</p>",
                match r {
                    LinkRefused::Unknown => "没有这个确认链接。",
                    LinkRefused::Answered => "此确认单已经回复，无需再次提交。",
                    LinkRefused::Expired => "此确认链接已过期，请联系发出确认单的部门。",
                }
            ),
        ),
        Err(RequestError::Confirmation(problems)) => {
            let items = problem_items(&problems);
            (
                actix_web::http::StatusCode::UNPROCESSABLE_ENTITY,
                format!(
                    "<div class=\"problems\" data-problems=\"{n}\"><p>文件未作任何登记，请修改以下 {n} 处后重新上传：</p><ul>{items}</ul></div>",
                    n = problems.len()
                ),
            )
        }
        Err(e) => return Err(e.into()),
    };
    Ok(html(status, fragment))
}
