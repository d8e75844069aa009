//! The evaluation indicators published to all (公开评价指标值, 国办发〔2019〕51号): `GET
//! /api/v1/public/results` as JSON, and `/evaluation` as a page anyone can open and share
//! (server-rendered: it loads at once on any phone, no app code).

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use shared::Lang;
use shared::api::ErrorBody;
use shared::api::assessment::PublicResults;

use crate::AppState;
use crate::error::ApiError;
use crate::services::assessment;
use crate::web_app::escape;

/// Each department's on-time rate and satisfaction rate over the plan's period, with their
/// denominators. No account needed.
#[utoipa::path(
    tag = "public",
    responses(
        (status = 200, description = "The published figures", body = PublicResults),
        (status = 503, description = "`unavailable`", body = ErrorBody),
    )
)]
#[get("/public/results")]
pub async fn json(state: web::Data<AppState>) -> Result<HttpResponse, ApiError> {
    Ok(HttpResponse::Ok()
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .json(assessment::public(&state).await?))
}

fn rate(lang: Lang, r: Option<f64>, n: u64, of: u64) -> String {
    match r {
        Some(r) => format!("{:.1}%<small>（{n}/{of}）</small>", r * 100.0),
        None => match lang {
            Lang::ZhCn => "暂无".into(),
            Lang::En => "none yet".into(),
        },
    }
}

/// The page: a title, the period, a row per department.
pub fn render(state: &AppState, r: &PublicResults, lang: Lang) -> String {
    let catalog = state.catalog();
    let (title, period, department, on_time, satisfaction, note) = match lang {
        Lang::ZhCn => (
            "纾困惠企政策办理评价公开",
            format!("统计期间：{} 至 {}", r.from, r.to),
            "部门",
            "按时办结率（按时/办结）",
            "满意率（满意/评价）",
            "满意含“非常满意”“满意”“基本满意”；经复核撤销的评价不计入。依据国办发〔2019〕51号公开。",
        ),
        Lang::En => (
            "Relief requests: how departments did",
            format!("Period: {} to {}", r.from, r.to),
            "Department",
            "Decided on time (on time/decided)",
            "Satisfaction (satisfied/ratings)",
            "Satisfied counts very satisfied, satisfied and fairly satisfied; ratings voided on review are left out. Published as State Council Document 2019 No. 51 asks.",
        ),
    };
    let row = |key: &str, name: &str, f: &shared::api::assessment::PublicFigures| {
        format!(
            "<tr data-unit=\"{key}\"><th scope=\"row\">{}</th><td>{}</td><td>{}</td></tr>",
            escape(name),
            rate(lang, f.on_time_rate, f.decided_on_time, f.decided),
            rate(lang, f.satisfaction_rate, f.satisfied, f.ratings)
        )
    };
    let rows: String = r
        .departments
        .iter()
        .map(|d| {
            let name = catalog.department(d.department).map_or_else(
                || d.department.as_str().to_string(),
                |x| x.name.get(lang).to_string(),
            );
            row(d.department.as_str(), &name, &d.figures)
        })
        .collect();
    let county_rows: String = r
        .counties
        .iter()
        .map(|c| {
            row(
                c.county.as_str(),
                &shared::i18n::jurisdiction_name(&catalog, lang, c.county),
                &c.figures,
            )
        })
        .collect();
    let county = match lang {
        Lang::ZhCn => "县市（按企业经营所在地）",
        Lang::En => "County (where the business operates)",
    };
    format!(
        "<!doctype html><html lang=\"{lang}\"><head><meta charset=\"utf-8\">\
<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\"><title>{title}</title>\
<style>body{{margin:0;font-family:system-ui,\"Noto Sans CJK SC\",sans-serif;color:#1a1a1a;background:#f5f5f5}}\
main{{max-width:720px;margin:0 auto;padding:16px}}h1{{font-size:20px}}p{{color:#555;font-size:14px}}\
table{{width:100%;border-collapse:collapse;background:#fff;font-size:15px;margin:0 0 16px}}th,td{{padding:10px 8px;border-bottom:1px solid #eee;text-align:left}}\
td{{white-space:nowrap}}small{{color:#888}}thead th{{font-size:13px;color:#666}}</style></head>\
<body><main><h1>{title}</h1><p>{period}</p><table><thead><tr><th>{department}</th><th>{on_time}</th><th>{satisfaction}</th></tr></thead>\
<tbody>{rows}</tbody></table>\
<table data-table=\"counties\"><thead><tr><th>{county}</th><th>{on_time}</th><th>{satisfaction}</th></tr></thead>\
<tbody>{county_rows}</tbody></table><p>{note}</p></main></body></html>",
        lang = lang.as_str(),
    )
}

/// `/evaluation[?lang=en]` (not `/results`: that is the phone app's results page).
pub async fn page(state: web::Data<AppState>, req: HttpRequest) -> Result<HttpResponse, ApiError> {
    let lang =
        web::Query::<std::collections::HashMap<String, String>>::from_query(req.query_string())
            .ok()
            .and_then(|q| q.get("lang").and_then(|l| Lang::parse(l)))
            .unwrap_or_default();
    let results = assessment::public(&state).await?;
    Ok(HttpResponse::Ok()
        .content_type("text/html; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=300"))
        .body(render(&state, &results, lang)))
}
