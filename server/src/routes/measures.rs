//! 政策解读 for everyone (part 三(三)): `/measures/{measure}` — the interpretation in force in
//! the reader's language, the clause quoted, who qualifies, how to obtain it, and "有用 /
//! 没用". Server-rendered, no app code: it opens at once on any phone and can be shared.
//! Each open is counted under the link's `src`, and nothing else is kept.

use std::collections::HashMap;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use shared::Lang;
use shared::answers::Answers;
use shared::api::publicity::{InterpretationView, ReachEvent, Source};
use shared::catalog::{Measure, MeasureId};
use shared::i18n::Label;

use crate::AppState;
use crate::error::ApiError;
use crate::services::publicity;
use crate::web_app::escape;

fn query(req: &HttpRequest) -> HashMap<String, String> {
    web::Query::<HashMap<String, String>>::from_query(req.query_string())
        .map(web::Query::into_inner)
        .unwrap_or_default()
}

/// The query a page passes on to its links: the language and the source.
fn carried(lang: Lang, source: Source) -> String {
    let mut parts = Vec::new();
    if lang == Lang::En {
        parts.push("lang=en".to_string());
    }
    if source != Source::DIRECT {
        parts.push(format!("src={}", source.code()));
    }
    if parts.is_empty() {
        String::new()
    } else {
        format!("?{}", parts.join("&"))
    }
}

fn not_found(lang: Lang) -> HttpResponse {
    let (title, back) = match lang {
        Lang::ZhCn => ("没有这项政策", "查看全部政策"),
        Lang::En => ("No such measure", "See every measure"),
    };
    HttpResponse::NotFound()
        .content_type("text/html; charset=utf-8")
        .body(format!(
            "<!doctype html><html lang=\"{}\"><head><meta charset=\"utf-8\"><meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title></head><body><main><h1>{title}</h1><p><a href=\"/\">{back}</a></p></main></body></html>",
            lang.as_str()
        ))
}

/// What the measure asks of a business, one line per condition, read from the engine's own
/// reasons before anything is answered.
fn requirements(state: &AppState, measure: &Measure, lang: Lang) -> Vec<String> {
    let catalog = state.catalog();
    let answers = Answers::default();
    // A day within the measure's period, so every condition is read (outside it, only the
    // period would be).
    let today = state.today();
    let within = today
        .max(measure.period.from)
        .min(measure.period.to.unwrap_or(today));
    let evaluation = shared::eligibility::evaluate_statuses(&catalog, &answers, within);
    let mut lines: Vec<String> = evaluation
        .results
        .iter()
        .filter(|r| r.measure == measure.id)
        .flat_map(|r| r.reasons.iter())
        .map(|r| shared::i18n::requirement_text(&catalog, lang, &r.finding))
        .filter(|l| !l.is_empty())
        .collect();
    lines.dedup();
    lines
}

/// The page.
pub fn render(
    state: &AppState,
    measure: &Measure,
    interpretation: Option<&InterpretationView>,
    lang: Lang,
    source: Source,
    thanks: bool,
) -> String {
    let catalog = state.catalog();
    let carry = carried(lang, source);
    let t = |zh: &'static str, en: &'static str| match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    };
    let title = measure.title.get(lang);
    let body = match interpretation {
        Some(i) => format!(
            "<h2>{}</h2><div class=\"body\">{}</div><p class=\"meta\">{}</p>",
            escape(&i.title),
            publicity::render_body(&i.body),
            match lang {
                Lang::ZhCn => format!(
                    "第 {} 版 · 发布于 {}",
                    i.version,
                    shared::application::beijing_day(i.published_at)
                ),
                Lang::En => format!(
                    "Version {} · published {}",
                    i.version,
                    shared::application::beijing_day(i.published_at)
                ),
            }
        ),
        None => format!(
            "<p class=\"meta\" data-interpretation=\"none\">{}</p>",
            t(
                "这项政策的解读尚未发布，以下为政策原文与要点。",
                "No interpretation has been published for this measure yet: below are its clause and its points."
            )
        ),
    };
    let who: String = requirements(state, measure, lang)
        .iter()
        .map(|l| format!("<li>{}</li>", escape(l)))
        .collect();
    let departments = shared::i18n::offices_text(&catalog, lang, &measure.departments, None, None);
    let window = measure.application_window.as_ref().map(|w| {
        let today = state.today();
        let open = w.from <= today && w.to.is_none_or(|to| today <= to);
        format!(
            "<p>{}</p>",
            escape(&shared::i18n::window_text(lang, w.from, w.to, open))
        )
    });
    let feedback = if thanks {
        format!(
            "<p class=\"thanks\" role=\"status\">{}</p>",
            t("谢谢您的反馈。", "Thank you for telling us.")
        )
    } else {
        format!(
            "<form method=\"post\" action=\"/measures/{id}/feedback{carry}\" class=\"feedback\">\
<span>{q}</span><button name=\"useful\" value=\"yes\" type=\"submit\">{yes}</button>\
<button name=\"useful\" value=\"no\" type=\"submit\">{no}</button></form>",
            id = measure.id.as_str(),
            q = t("这篇解读有用吗？", "Was this useful?"),
            yes = t("有用", "Useful"),
            no = t("没用", "Not useful"),
        )
    };
    let other_lang = match lang {
        Lang::ZhCn => format!(
            "<a href=\"/measures/{}{}\" lang=\"en\">English</a>",
            measure.id.as_str(),
            carried(Lang::En, source)
        ),
        Lang::En => format!(
            "<a href=\"/measures/{}{}\" lang=\"zh-CN\">中文</a>",
            measure.id.as_str(),
            carried(Lang::ZhCn, source)
        ),
    };
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\
<meta name=\"description\" content=\"{summary}\"><title>{title_e} · {site}</title>\
<style>body{{margin:0;font-family:system-ui,\"Noto Sans CJK SC\",sans-serif;color:#1a1a1a;background:#f5f5f5;line-height:1.6}}\
main{{max-width:720px;margin:0 auto;padding:12px 16px 32px}}header{{display:flex;justify-content:space-between;align-items:center;font-size:14px}}\
header a{{color:#b8292f;text-decoration:none}}h1{{font-size:22px;margin:12px 0 4px}}h2{{font-size:18px;margin:20px 0 8px}}\
section{{background:#fff;border-radius:8px;padding:4px 16px 12px;margin:12px 0}}.clause{{color:#666;font-size:14px}}\
blockquote{{margin:8px 0;padding:8px 12px;background:#faf7f2;border-left:3px solid #c9a86a;font-size:15px}}\
.meta{{color:#666;font-size:13px}}.body img{{max-width:100%;height:auto}}ul{{padding-left:20px}}li{{margin:4px 0}}\
.cta{{display:block;text-align:center;background:#b8292f;color:#fff;text-decoration:none;padding:12px;border-radius:8px;font-size:17px;margin:16px 0}}\
.feedback{{display:flex;gap:8px;align-items:center;flex-wrap:wrap}}.feedback button{{min-height:44px;min-width:88px;font-size:16px;border:1px solid #ccc;border-radius:8px;background:#fff}}\
.thanks{{color:#2e7d32}}</style></head>\
<body><main><header><a href=\"/{carry}\">{site}</a>{other_lang}</header>\
<h1>{title_e}</h1><p class=\"clause\">{clause_label} {clause} · {how}</p>\
<section data-section=\"interpretation\">{body}</section>\
<section data-section=\"who\"><h2>{who_h}</h2><p>{summary}</p><ul>{who}</ul></section>\
<section data-section=\"how\"><h2>{how_h}</h2><p>{steps}</p>{window}<p>{dept_label}{departments}</p></section>\
<section data-section=\"original\"><h2>{original_h}</h2><blockquote lang=\"zh-CN\">{original}</blockquote></section>\
<a class=\"cta\" href=\"/check{carry}\">{check}</a>\
<section data-section=\"feedback\">{feedback}</section>\
<p class=\"meta\">{notice}</p></main></body></html>",
        lang = lang.as_str(),
        site = t("纾困通", "Shukun"),
        title_e = escape(title),
        summary = escape(measure.summary.get(lang)),
        clause_label = t("条款", "Clause"),
        clause = escape(&measure.clause),
        how = measure.how.label(lang),
        who_h = t("谁可以享受", "Who qualifies"),
        how_h = t("怎么办理", "How to obtain it"),
        steps = escape(measure.steps.get(lang)),
        window = window.unwrap_or_default(),
        dept_label = t("负责部门：", "Responsible: "),
        departments = escape(&departments),
        original_h = t("政策原文", "The plan's words"),
        original = escape(&measure.original),
        check = t(
            "开始自查：我能享受哪些政策",
            "Check what my business qualifies for"
        ),
        notice = escape(catalog.notice.get(lang)),
    )
}

fn page_lang(q: &HashMap<String, String>) -> Lang {
    q.get("lang")
        .and_then(|l| Lang::parse(l))
        .unwrap_or_default()
}

/// `GET /measures/{measure}[?lang=en][&src=poster-korla]`.
pub async fn page(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
) -> Result<HttpResponse, ApiError> {
    let q = query(&req);
    let lang = page_lang(&q);
    let catalog = state.catalog();
    let Some(measure) = MeasureId::parse(&path).and_then(|id| catalog.measure(id)) else {
        return Ok(not_found(lang));
    };
    let source = Source::parse(q.get("src").map(String::as_str));
    let thanks = q.contains_key("thanks");
    if !thanks {
        publicity::count(&state, ReachEvent::Open, source, Some(measure.id), None);
    }
    let interpretation = publicity::latest(&state, measure.id, lang).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        // Counted when opened: not kept by shared caches.
        .insert_header((header::CACHE_CONTROL, "private, no-cache"))
        .body(render(
            &state,
            measure,
            interpretation.as_ref(),
            lang,
            source,
            thanks,
        )))
}

/// `POST /measures/{measure}/feedback` (a form: `useful=yes|no`): counted, then back to the
/// page with thanks.
pub async fn feedback(
    state: web::Data<AppState>,
    req: HttpRequest,
    path: web::Path<String>,
    form: Option<web::Form<HashMap<String, String>>>,
) -> Result<HttpResponse, ApiError> {
    let q = query(&req);
    let lang = page_lang(&q);
    let catalog = state.catalog();
    let Some(measure) = MeasureId::parse(&path).and_then(|id| catalog.measure(id)) else {
        return Ok(not_found(lang));
    };
    let event = match form
        .as_ref()
        .and_then(|f| f.get("useful"))
        .map(String::as_str)
    {
        Some("yes") => ReachEvent::Useful,
        Some("no") => ReachEvent::NotUseful,
        _ => {
            return Err(ApiError::InvalidQuery {
                parameter: "useful",
                message: "send the form field `useful` as `yes` or `no`".into(),
            });
        }
    };
    let source = Source::parse(q.get("src").map(String::as_str));
    let address = crate::extract::ClientAddr::of(&req, state.trust_proxy);
    if state.reach.allows(&address.0) {
        publicity::count(&state, event, source, Some(measure.id), None);
    }
    let mut back = format!("/measures/{}{}", measure.id.as_str(), carried(lang, source));
    back.push(if back.contains('?') { '&' } else { '?' });
    back.push_str("thanks=1");
    Ok(HttpResponse::SeeOther()
        .insert_header((header::LOCATION, back))
        .finish())
}

/// `GET /measures/{measure}/images/{name}`: an image an interpretation shows.
pub async fn image(
    state: web::Data<AppState>,
    path: web::Path<(String, String)>,
) -> Result<HttpResponse, ApiError> {
    let (measure, name) = path.into_inner();
    match publicity::image(&state, &measure, &name).await? {
        Some((content_type, bytes)) => Ok(HttpResponse::Ok()
            .content_type(content_type)
            // Named by its content: it never changes.
            .insert_header((header::CACHE_CONTROL, "public, max-age=31536000, immutable"))
            .body(bytes)),
        None => Err(ApiError::NotFound("no such image")),
    }
}
