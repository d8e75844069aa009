//! Sharing (the plan's publicity duty, 三(三)): a printable poster with a QR code that opens
//! a measure, or the self-check, in the poster's language — for county offices' shop windows.

use std::fmt::Write;

use actix_web::http::header;
use actix_web::{HttpRequest, HttpResponse, get, web};
use qrcode::{Color, QrCode};
use serde::Deserialize;
use shared::Lang;
use shared::answers::JurisdictionId;
use shared::catalog::MeasureId;

use crate::AppState;
use crate::error::{ApiError, Error};
use crate::web_app::escape;

#[derive(Debug, Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct PosterQuery {
    /// A measure id; without it, the poster invites to the self-check.
    #[param(value_type = Option<MeasureId>)]
    pub measure: Option<String>,
    /// The county-level unit whose office prints it (its name is shown).
    #[param(value_type = Option<JurisdictionId>)]
    pub county: Option<String>,
}

/// Splits text into lines of at most `width` columns (a CJK character counts two).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    let mut used = 0;
    for word in text.split_inclusive(' ') {
        for c in word.chars() {
            let w = if c.is_ascii() { 1 } else { 2 };
            if used + w > width && !line.is_empty() {
                // English breaks at the last space when there is one.
                let (keep, carry) = match line.rfind(' ') {
                    Some(i) if c.is_ascii() && c != ' ' && i > 0 => {
                        (line[..i].to_string(), line[i + 1..].to_string())
                    }
                    _ => (line.clone(), String::new()),
                };
                lines.push(keep.trim_end().to_string());
                used = carry
                    .chars()
                    .map(|c| if c.is_ascii() { 1 } else { 2 })
                    .sum();
                line = carry;
            }
            line.push(c);
            used += w;
        }
    }
    if !line.trim().is_empty() {
        lines.push(line.trim_end().to_string());
    }
    lines
}

fn invalid(parameter: &'static str, message: String) -> ApiError {
    ApiError::InvalidQuery { parameter, message }
}

/// A printable poster (SVG, A-series proportions) with the measure's title, the county,
/// a QR code of the link, the link itself and the notice.
#[utoipa::path(
    tag = "share",
    params(PosterQuery, ("lang" = Option<shared::Lang>, Query, description = "zh-CN (default) or en")),
    responses(
        (status = 200, description = "The poster", content_type = "image/svg+xml", body = String),
        (status = 400, description = "`invalid_query`: a malformed measure id, an unknown county or language", body = shared::api::ErrorBody),
        (status = 404, description = "`not_found`: a measure the catalog in force does not have", body = shared::api::ErrorBody),
    )
)]
#[get("/share/poster.svg")]
pub async fn poster(
    req: HttpRequest,
    state: web::Data<AppState>,
    query: web::Query<PosterQuery>,
) -> Result<HttpResponse, ApiError> {
    let lang = crate::extract::lang_of(&req)?;
    let catalog = state.catalog();
    let measure = match query.measure.as_deref() {
        None => None,
        Some(id) => {
            let id = MeasureId::parse(id)
                .ok_or_else(|| invalid("measure", format!("`{id}` is not a measure id")))?;
            // A well-formed id the catalog in force does not have: no such poster.
            Some(catalog.measure(id).ok_or(ApiError::NotFound(
                "no such measure in the catalog in force",
            ))?)
        }
    };
    let county = match query.county.as_deref() {
        None => None,
        Some(id) => Some(
            JurisdictionId::ALL
                .iter()
                .find(|j| j.as_str() == id)
                .and_then(|j| catalog.jurisdiction(*j))
                .ok_or_else(|| {
                    invalid(
                        "county",
                        format!("`{id}` is not a county of the prefecture"),
                    )
                })?,
        ),
    };
    // The configured public address, never the request's Host header (a forged Host would
    // print an attacker's link on a government poster).
    let origin = state.public_url.as_str();
    // The poster's source travels with its link, so its reach is counted (三(三)): the
    // county's office that prints it, where named.
    let source = shared::api::publicity::Source {
        channel: shared::api::publicity::Channel::Poster,
        county: county.map(|c| c.id),
    };
    let lang_query = match lang {
        Lang::ZhCn => "",
        Lang::En => "&lang=en",
    };
    let link = match measure {
        Some(m) => format!(
            "{origin}/measures/{}?src={}{lang_query}",
            m.id.as_str(),
            source.code()
        ),
        None => format!("{origin}/check?src={}{lang_query}", source.code()),
    };
    let code = QrCode::new(link.as_bytes())
        .map_err(|e| ApiError::App(Error::Internal(format!("QR code: {e}"))))?;
    let (heading, title, call, county_label) = match lang {
        Lang::ZhCn => (
            "纾困通 · 巴州助企纾困政策",
            "政策自查",
            "微信扫码，一分钟查看您能享受的政策",
            "发布单位",
        ),
        Lang::En => (
            "Shukun · Bayingolin relief",
            "Self-check",
            "Scan in WeChat: see in a minute which reliefs you qualify for",
            "Published by",
        ),
    };
    let title = measure.map_or(title, |m| m.title.get(lang));
    let (width, height) = (600u32, 848u32);
    let mut svg = String::new();
    let _ = write!(
        svg,
        r##"<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" width="{width}" height="{height}" font-family="Noto Sans CJK SC, PingFang SC, Microsoft YaHei, sans-serif">"##
    );
    let _ = write!(
        svg,
        r##"<rect width="{width}" height="{height}" fill="#fff"/><rect width="{width}" height="96" fill="#07c160"/>"##
    );
    let _ = write!(
        svg,
        r##"<text x="300" y="60" font-size="28" fill="#fff" text-anchor="middle">{}</text>"##,
        escape(heading)
    );
    let mut y = 160;
    for line in wrap(title, 30) {
        let _ = write!(
            svg,
            r##"<text x="300" y="{y}" font-size="34" font-weight="bold" fill="#191919" text-anchor="middle">{}</text>"##,
            escape(&line)
        );
        y += 46;
    }
    if let Some(m) = measure {
        let _ = write!(
            svg,
            r##"<text x="300" y="{y}" font-size="20" fill="#06ae56" text-anchor="middle">{}</text>"##,
            escape(&m.clause)
        );
        y += 34;
    }
    // The QR code, 10 px a module with a quiet zone, centred.
    let modules = code.width() as u32;
    let scale = (300 / (modules + 8)).max(4);
    let size = scale * (modules + 8);
    let left = (width - size) / 2;
    let top = y + 10;
    let _ = write!(
        svg,
        r##"<g transform="translate({left} {top})"><rect width="{size}" height="{size}" fill="#fff"/><path fill="#000" d=""##
    );
    for (i, color) in code.to_colors().iter().enumerate() {
        if *color == Color::Dark {
            let x = (i as u32 % modules + 4) * scale;
            let yy = (i as u32 / modules + 4) * scale;
            let _ = write!(svg, "M{x} {yy}h{scale}v{scale}h-{scale}z");
        }
    }
    svg.push_str(r#""/></g>"#);
    let mut y = top + size + 40;
    for line in wrap(call, 40) {
        let _ = write!(
            svg,
            r##"<text x="300" y="{y}" font-size="22" fill="#191919" text-anchor="middle">{}</text>"##,
            escape(&line)
        );
        y += 32;
    }
    let _ = write!(
        svg,
        r##"<text x="300" y="{y}" font-size="16" fill="#555" text-anchor="middle">{}</text>"##,
        escape(&link)
    );
    y += 40;
    if let Some(c) = county {
        let _ = write!(
            svg,
            r##"<text x="300" y="{y}" font-size="20" fill="#191919" text-anchor="middle">{}: {}</text>"##,
            county_label,
            escape(c.name.get(lang))
        );
    }
    let _ = write!(
        svg,
        r##"<text x="300" y="{}" font-size="16" fill="#8a6d00" text-anchor="middle">{}</text></svg>"##,
        height - 30,
        escape(state.catalog().notice.get(lang))
    );
    Ok(HttpResponse::Ok()
        .content_type("image/svg+xml; charset=utf-8")
        .insert_header((header::CACHE_CONTROL, "public, max-age=3600"))
        .body(svg))
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn long_titles_wrap_by_width_counting_chinese_twice() {
        assert_eq!(
            wrap("高速公路服务区租金减免", 10),
            vec!["高速公路服", "务区租金减", "免"]
        );
        assert_eq!(
            wrap("Rent waived in highway service areas", 16),
            vec!["Rent waived in", "highway service", "areas"]
        );
    }
}
