//! The page every app address gets: rendered here from the catalog, so the first paint is
//! the measures themselves, before the WASM arrives; and a browser that cannot run the app
//! (an old WeChat webview) still shows them, with a sentence asking to update WeChat.

use std::fmt::Write;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, web};
use shared::Lang;
use shared::catalog::{Catalog, How};
use shared::i18n::Label;

use super::{WebApp, escape, page_lang};
use crate::AppState;

struct Words {
    title: &'static str,
    tagline: &'static str,
    start: &'static str,
    loading: &'static str,
    update: &'static str,
    noscript: &'static str,
    steps: &'static str,
    original: &'static str,
    count: &'static str,
}

fn words(lang: Lang) -> Words {
    match lang {
        Lang::ZhCn => Words {
            title: "纾困通 · 巴州助企纾困政策",
            tagline: "巴州2022年助企纾困政策，一站查看：适用对象、怎么享受、找哪个部门。",
            start: "开始自查",
            loading: "自查功能正在加载…",
            update: "您的微信版本过旧，无法运行自查。请将微信更新到最新版本后再打开；下面的政策清单仍可查看。",
            noscript: "自查需要启用 JavaScript；下面的政策清单仍可查看。",
            steps: "怎么办",
            original: "原文",
            count: " 项",
        },
        Lang::En => Words {
            title: "Shukun · Bayingolin relief for small businesses",
            tagline: "Bayingolin's 2022 relief for small businesses in one place: who qualifies, how to get it, whom to ask.",
            start: "Start the self-check",
            loading: "Loading the self-check…",
            update: "Your WeChat is too old to run the self-check. Please update WeChat and open this page again; the measures below can still be read.",
            noscript: "The self-check needs JavaScript; the measures below can still be read.",
            steps: "What to do",
            original: "Original text",
            count: "",
        },
    }
}

/// The measures grouped by how they are obtained, as the app's home page shows them.
fn measures(catalog: &Catalog, lang: Lang, w: &Words) -> String {
    let mut html = String::new();
    for &how in How::ALL {
        let list: Vec<_> = catalog.measures.iter().filter(|m| m.how == how).collect();
        let _ = write!(
            html,
            "<section class=\"group\" data-how=\"{}\"><h2 class=\"group__title\">{} <span class=\"group__count\">{}{}</span></h2><ul class=\"cells\">",
            how.as_str(),
            escape(how.label(lang)),
            list.len(),
            w.count
        );
        for m in list {
            let _ = write!(
                html,
                "<li class=\"cell\" id=\"{id}\"><details><summary class=\"cell__summary\"><span class=\"cell__title\">{title}</span><span class=\"cell__tag\">{clause}</span><span class=\"cell__desc\">{summary}</span></summary><dl class=\"cell__body\"><dt>{steps_label}</dt><dd>{steps}</dd><dt>{original_label}</dt><dd><blockquote class=\"cell__quote\" lang=\"zh-CN\">{original}</blockquote></dd></dl></details></li>",
                id = m.id.as_str(),
                title = escape(m.title.get(lang)),
                clause = escape(&m.clause),
                summary = escape(m.summary.get(lang)),
                steps_label = w.steps,
                steps = escape(m.steps.get(lang)),
                original_label = w.original,
                original = escape(&m.original),
            );
        }
        html.push_str("</ul></section>");
    }
    html
}

/// The catalog as the page carries it for the app, so the self-check needs no second round
/// trip (and the compressor finds the measures' words already in the list above it): the
/// catalog in force without its examples (they check the catalog; a phone never runs them),
/// with every `<` escaped so nothing in it can close the element. Empty if it cannot be
/// written: the app then fetches `/api/v1/catalog`.
fn embedded_catalog(catalog: &Catalog) -> String {
    let mut served = catalog.clone();
    served.examples.clear();
    serde_json::to_string(&served)
        .map(|json| json.replace('<', "\\u003c"))
        .unwrap_or_default()
}

/// The declaration of the question an empty questionnaire asks first, as the page carries it
/// beside the catalog so the phone draws it before reading the catalog: an element whose
/// attributes the app reads without a JSON parser (which would weigh on the first load).
/// The root holds the key and the kind with its numbers; each child one text in one language
/// (`label`, `text`, `why`, `hint`, `unit`, `outside`, or a listed `value`'s label).
/// Empty when there is none.
fn first_question(catalog: &Catalog, next: Option<&shared::answers::AnswerKey>) -> String {
    use shared::catalog::{L10n, QuestionKind};
    let Some(q) = next.and_then(|k| catalog.question(k)) else {
        return String::new();
    };
    // One child per text and language, the language in `lang` as HTML has it.
    let words = |name: &str, value: Option<&str>, l: &L10n| {
        let value = value.map_or(String::new(), |v| format!(" data-v=\"{}\"", escape(v)));
        l.entries()
            .map(|(tag, text)| {
                format!(
                    "<i data-n=\"{name}\"{value} lang=\"{}\">{}</i>",
                    escape(tag),
                    escape(text)
                )
            })
            .collect::<String>()
    };
    let mut numbers = String::new();
    let mut parts = vec![
        words("label", None, &q.label),
        words("text", None, &q.text),
        words("why", None, &q.why),
        words("hint", None, &q.hint),
    ];
    match &q.answer {
        QuestionKind::OneOf { values } | QuestionKind::SeveralOf { values } => {
            parts.extend(
                values
                    .iter()
                    .map(|c| words("value", Some(&c.value), &c.label)),
            );
        }
        QuestionKind::Jurisdiction { outside } => parts.push(words("outside", None, outside)),
        QuestionKind::Count { unit, max } => {
            numbers = format!(" data-max=\"{max}\"");
            parts.push(words("unit", None, unit));
        }
        QuestionKind::Money { max_fen, part_of } => {
            numbers = format!(" data-max=\"{max_fen}\"");
            if let Some(whole) = part_of {
                numbers.push_str(&format!(" data-part-of=\"{}\"", escape(whole)));
            }
        }
        QuestionKind::Year { min, max } => {
            numbers = format!(" data-min=\"{min}\" data-max=\"{max}\"");
        }
        QuestionKind::YesNo => {}
    }
    format!(
        "<div id=\"shukun-first\" hidden data-key=\"{}\" data-kind=\"{}\"{numbers}{}>{}</div>",
        escape(&q.key),
        q.answer.name(),
        if q.unknown_allowed {
            ""
        } else {
            " data-required"
        },
        parts.concat()
    )
}

/// Renders the page for a language, with the catalog in force (`etag` names it).
pub fn render(
    app: &WebApp,
    catalog: &Catalog,
    etag: &str,
    eval_date: chrono::NaiveDate,
    lang: Lang,
) -> String {
    let w = words(lang);
    let json = embedded_catalog(catalog);
    // Where an empty questionnaire stands: the phone shows the first question from this
    // before it reads the catalog (which it does once the owner starts answering).
    let empty = shared::Answers::default();
    let evaluation = shared::evaluate_statuses(catalog, &empty, eval_date);
    let start = shared::eligibility::standing(&evaluation, &[]);
    let first = first_question(catalog, start.next.as_ref());
    let embedded = if json.is_empty() {
        String::new()
    } else {
        format!(
            "<script type=\"application/json\" id=\"shukun-catalog\" data-etag=\"{}\" data-next=\"{}\" data-left=\"{}\" data-eligible=\"{}\" data-open=\"{}\">{json}</script>{first}",
            escape(etag),
            start.next.as_ref().map_or("", |k| k.as_str()),
            start.left,
            start.eligible,
            start.open,
        )
    };
    let m = &app.manifest;
    let start_href = match lang {
        Lang::ZhCn => "/check",
        Lang::En => "/check?lang=en",
    };
    format!(
        r##"<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#ededed">
<meta name="shukun-eval-date" content="{eval_date}">
<meta name="shukun-js" content="/assets/{js}">
<meta name="shukun-wasm" content="/assets/{wasm}">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>{css}</style>
<link rel="modulepreload" href="/assets/{js}">
<link rel="preload" href="/assets/{wasm}" as="fetch" type="application/wasm" crossorigin>
<script type="module" src="/assets/{boot}"></script>
</head>
<body>
<div id="ssr">
<header class="navbar"><h1 class="navbar__title">{app_name}</h1></header>
<main class="page">
<section class="intro"><p class="intro__tagline">{tagline}</p><a class="button button--primary" href="{start_href}">{start}</a>
<p id="boot" class="notice" role="status" data-update="{update}">{loading}</p>
<noscript><p class="notice">{noscript}</p></noscript></section>
<p class="notice" role="note">{notice}</p>
{measures}
<footer class="footer"><p>{source}</p></footer>
</main>
</div>
{embedded}
</body>
</html>
"##,
        lang = lang.as_str(),
        js = m.js,
        wasm = m.wasm,
        css = app.css,
        boot = m.boot,
        title = w.title,
        app_name = match lang {
            Lang::ZhCn => "纾困通",
            Lang::En => "Shukun",
        },
        tagline = w.tagline,
        start = w.start,
        update = escape(w.update),
        loading = w.loading,
        noscript = w.noscript,
        notice = escape(catalog.notice.get(lang)),
        measures = measures(catalog, lang, &w),
        source = escape(&catalog.source),
    )
}

/// What a rendered page depends on: the catalog in force, the evaluation date, the language.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct PageKey {
    etag: String,
    date: chrono::NaiveDate,
    lang: Lang,
}

/// A page rendered and compressed once, served until what it depends on changes.
#[derive(Debug)]
pub(crate) struct CachedPage {
    key: PageKey,
    html: web::Bytes,
    gzip: web::Bytes,
    brotli: web::Bytes,
}

impl CachedPage {
    fn new(key: PageKey, html: web::Bytes) -> CachedPage {
        CachedPage {
            key,
            gzip: web::Bytes::from(super::gzip_best(&html)),
            brotli: web::Bytes::from(super::brotli_best(&html)),
            html,
        }
    }
}

/// The page of a language, from the cache when its catalog and date are still those in
/// force; else rendered and compressed (off the async workers: brotli at its best level
/// takes a few tens of milliseconds) and kept.
async fn cached_page(
    app: &web::Data<WebApp>,
    state: &web::Data<AppState>,
    lang: Lang,
) -> std::sync::Arc<CachedPage> {
    let active = state.active();
    let key = PageKey {
        etag: active.etag.clone(),
        date: state.as_of(),
        lang,
    };
    if let Some(hit) = app.pages().iter().find(|p| p.key == key) {
        return hit.clone();
    }
    let html = web::Bytes::from(render(app, &active.catalog, &key.etag, key.date, lang));
    let make = {
        let (key, html) = (key.clone(), html.clone());
        move || CachedPage::new(key, html)
    };
    let Ok(page) = web::block(make).await else {
        // The blocking pool is gone (shutting down): send the page as rendered, uncached.
        return std::sync::Arc::new(CachedPage {
            key,
            html,
            gzip: web::Bytes::new(),
            brotli: web::Bytes::new(),
        });
    };
    let page = std::sync::Arc::new(page);
    let mut pages = app.pages();
    pages.retain(|p| p.key.lang != lang);
    pages.push(page.clone());
    page
}

pub async fn get(
    req: HttpRequest,
    app: web::Data<WebApp>,
    state: web::Data<AppState>,
) -> HttpResponse {
    count_open(&req, &state);
    let page = cached_page(&app, &state, page_lang(&req)).await;
    let mut res = HttpResponse::Ok();
    res.content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-cache"));
    super::send_encoded(&req, res, &page.html, &page.gzip, &page.brotli)
}

/// Counts an owner opening the app's front page or the self-check (part 三(三)'s reach),
/// under the link's `src`: a page the browser navigates to, not the service worker's copy.
fn count_open(req: &HttpRequest, state: &AppState) {
    let navigated = req
        .headers()
        .get("sec-fetch-dest")
        .and_then(|v| v.to_str().ok())
        .is_none_or(|dest| dest == "document");
    if !navigated || !matches!(req.path(), "/" | "/check") {
        return;
    }
    let src =
        web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string())
            .ok()
            .and_then(|q| q.get("src").cloned());
    crate::services::publicity::count(
        state,
        shared::api::publicity::ReachEvent::Open,
        shared::api::publicity::Source::parse(src.as_deref()),
        None,
        None,
    );
}

/// The officials' desk: a shell that loads the desk's own WASM (never the phone app's),
/// with a sentence for browsers that cannot run it.
pub fn render_desk(app: &WebApp) -> String {
    let m = &app.manifest;
    format!(
        r##"<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<meta name="shukun-js" content="/assets/{js}">
<meta name="shukun-wasm" content="/assets/{wasm}">
<title>纾困通 · 工作台</title>
<link rel="icon" href="data:,">
<link rel="stylesheet" href="/assets/{css}">
<link rel="modulepreload" href="/assets/{js}">
<link rel="preload" href="/assets/{wasm}" as="fetch" type="application/wasm" crossorigin>
<script type="module" src="/assets/{boot}"></script>
</head>
<body>
<p id="boot" class="desk-loading" role="status" data-update="此浏览器无法运行工作台，请使用新版 Chrome、Edge 或 360 极速浏览器。">工作台正在加载…</p>
<noscript><p>工作台需要启用 JavaScript。</p></noscript>
</body>
</html>
"##,
        js = m.desk.js,
        wasm = m.desk.wasm,
        css = m.desk.css,
        boot = m.boot,
    )
}

/// The owner's account pages (sign in, file, follow): the phone's look (its stylesheet
/// inlined, the account's own beside it) and the account's WASM.
pub fn render_account(app: &WebApp, eval_date: chrono::NaiveDate, lang: Lang) -> String {
    let m = &app.manifest;
    let (title, loading, update) = match lang {
        Lang::ZhCn => (
            "纾困通 · 我的申请",
            "正在加载…",
            "您的微信版本过旧，无法在线申请。请将微信更新到最新版本后再打开。",
        ),
        Lang::En => (
            "Shukun · My requests",
            "Loading…",
            "Your WeChat is too old to file online. Please update WeChat and open this page again.",
        ),
    };
    format!(
        r##"<!doctype html>
<html lang="{lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1, viewport-fit=cover">
<meta name="theme-color" content="#ededed">
<meta name="robots" content="noindex">
<meta name="shukun-eval-date" content="{eval_date}">
<meta name="shukun-js" content="/assets/{js}">
<meta name="shukun-wasm" content="/assets/{wasm}">
<title>{title}</title>
<link rel="icon" href="data:,">
<style>{css}</style>
<link rel="stylesheet" href="/assets/{account_css}">
<link rel="modulepreload" href="/assets/{js}">
<link rel="preload" href="/assets/{wasm}" as="fetch" type="application/wasm" crossorigin>
<script type="module" src="/assets/{boot}"></script>
</head>
<body>
<div id="ssr">
<header class="navbar"><h1 class="navbar__title">{app_name}</h1></header>
<main class="page"><p id="boot" class="loading" role="status" data-update="{update}">{loading}</p>
<noscript><p class="notice">{noscript}</p></noscript></main>
</div>
</body>
</html>
"##,
        lang = lang.as_str(),
        js = m.account.js,
        wasm = m.account.wasm,
        account_css = m.account.css,
        css = app.css,
        boot = m.boot,
        app_name = match lang {
            Lang::ZhCn => "纾困通",
            Lang::En => "Shukun",
        },
        update = escape(update),
        noscript = match lang {
            Lang::ZhCn => "在线申请需要启用 JavaScript。",
            Lang::En => "Filing online needs JavaScript.",
        },
    )
}

/// `/me`, `/requests…`, `/messages`, `/file/…`.
pub async fn account(
    req: HttpRequest,
    app: web::Data<WebApp>,
    state: web::Data<AppState>,
) -> HttpResponse {
    let body = render_account(&app, state.as_of(), page_lang(&req));
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(body)
}

/// `/admin` and everything under it.
pub async fn desk(app: web::Data<WebApp>) -> HttpResponse {
    HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "no-cache"))
        .body(render_desk(&app))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_catalog_cannot_close_its_script_element_and_reads_back_whole() {
        let mut catalog = shared::examples::shipped().unwrap();
        catalog.measures[0]
            .title
            .set("en", "Rent </script><script>alert(1)</script>");
        let json = embedded_catalog(&catalog);
        assert!(!json.contains('<'), "no `<` is left to close the element");
        let back = Catalog::parse_served(&json).unwrap();
        assert!(
            back.examples.is_empty(),
            "the phone does not run the examples"
        );
        catalog.examples.clear();
        assert_eq!(back, catalog);
    }

    #[test]
    fn the_first_question_is_carried_in_every_language_with_its_values_and_escaped() {
        let mut catalog = shared::examples::shipped().unwrap();
        let empty = shared::Answers::default();
        let start = shared::eligibility::standing(
            &shared::evaluate(
                &catalog,
                &empty,
                chrono::NaiveDate::from_ymd_opt(2022, 6, 1).unwrap(),
            ),
            &[],
        );
        let key = start
            .next
            .clone()
            .expect("an empty questionnaire asks something");
        let index = catalog
            .questions
            .iter()
            .position(|q| q.key == key.as_str())
            .unwrap();
        catalog.questions[index]
            .hint
            .set("zh-CN", "</div><script>alert(1)</script>");
        let html = first_question(&catalog, start.next.as_ref());
        let q = &catalog.questions[index];
        assert!(html.starts_with(&format!(
            "<div id=\"shukun-first\" hidden data-key=\"{}\" data-kind=\"{}\"",
            q.key,
            q.answer.name()
        )));
        assert!(!html.contains("<script"), "{html}");
        assert!(html.contains("&lt;/div&gt;&lt;script&gt;"));
        for words in [&q.text, &q.why, &q.hint, &q.label] {
            for (tag, text) in words.entries() {
                let child = format!("lang=\"{tag}\">{}</i>", escape(text));
                assert!(html.contains(&child), "{child}");
            }
        }
        for choice in q.answer.choices() {
            let child = format!(
                "data-v=\"{}\" lang=\"zh-CN\">{}</i>",
                choice.value,
                escape(choice.label.get(shared::Lang::ZhCn))
            );
            assert!(html.contains(&child), "{child}");
        }
        assert_eq!(first_question(&catalog, None), "");
    }

    #[test]
    fn text_is_escaped_for_html() {
        assert_eq!(
            escape("<a href=\"x\">&'"),
            "&lt;a href=&quot;x&quot;&gt;&amp;&#39;"
        );
    }
}
