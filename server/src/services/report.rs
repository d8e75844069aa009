//! The monthly 通报 of the supervising office (part 三(二)): printable HTML (A4), the month's
//! figures per department with a bar chart the server draws as SVG, the units praised (the
//! best ranked) and the units behind (overdue requests or rectifications, or the lowest
//! ranked), each with its numbers.

use chrono::{Datelike, NaiveDate};
use shared::Lang;
use shared::api::assessment::{AssessmentResponse, AssessmentRow};
use shared::catalog::DepartmentId;

use crate::AppState;
use crate::services::Error;
use crate::web_app::escape;

/// How many units are praised, at most.
pub const PRAISED: usize = 3;

fn percent(r: Option<f64>) -> String {
    r.map(|r| format!("{:.1}%", r * 100.0))
        .unwrap_or_else(|| "—".into())
}

/// The first and last day of a month written `YYYY-MM`.
pub fn month_span(month: &str) -> Option<(NaiveDate, NaiveDate)> {
    let first = NaiveDate::parse_from_str(&format!("{month}-01"), "%Y-%m-%d").ok()?;
    let next = if first.month() == 12 {
        NaiveDate::from_ymd_opt(first.year() + 1, 1, 1)?
    } else {
        NaiveDate::from_ymd_opt(first.year(), first.month() + 1, 1)?
    };
    Some((first, next.pred_opt()?))
}

/// Horizontal bars of each active department's on-time rate, with its denominator.
fn chart(rows: &[(String, &AssessmentRow<DepartmentId>)]) -> String {
    let shown: Vec<&(String, &AssessmentRow<DepartmentId>)> =
        rows.iter().filter(|(_, r)| r.figures.decided > 0).collect();
    if shown.is_empty() {
        return "<p class=\"none\">本月无办结申请。</p>".into();
    }
    let (label_w, bar_w, row_h) = (190.0, 420.0, 26.0);
    let height = row_h * shown.len() as f64 + 30.0;
    let mut svg = format!(
        "<svg class=\"chart\" viewBox=\"0 0 {w} {height}\" role=\"img\" aria-label=\"各部门按时办结率\" xmlns=\"http://www.w3.org/2000/svg\">",
        // Room after a full bar for its rate and denominator: `100.0%（130/130）`.
        w = label_w + bar_w + 160.0
    );
    for (i, (name, r)) in shown.iter().enumerate() {
        let y = 10.0 + row_h * i as f64;
        let rate = r.figures.on_time_rate.unwrap_or(0.0);
        let class = if rate < 0.8 { "bar bar--low" } else { "bar" };
        svg.push_str(&format!(
            "<text x=\"{x}\" y=\"{ty}\" text-anchor=\"end\">{name}</text>\
<rect class=\"{class}\" x=\"{bx}\" y=\"{y}\" width=\"{w:.1}\" height=\"18\"/>\
<text x=\"{vx:.1}\" y=\"{ty}\">{p}（{n}/{of}）</text>",
            x = label_w - 8.0,
            ty = y + 14.0,
            name = escape(name),
            bx = label_w,
            w = bar_w * rate,
            vx = label_w + bar_w * rate + 6.0,
            p = percent(r.figures.on_time_rate),
            n = r.figures.decided_on_time,
            of = r.figures.decided,
        ));
    }
    svg.push_str("</svg>");
    svg
}

/// The month's 通报 as a printable page.
pub async fn monthly(state: &AppState, month: &str) -> Result<String, Error> {
    let (from, to) =
        month_span(month).ok_or_else(|| Error::field("month", "a month written YYYY-MM"))?;
    let table = crate::services::assessment::assessment(
        state,
        from,
        to,
        shared::api::assessment::MIN_DECIDED_DEFAULT,
    )
    .await?;
    Ok(render(state, &table, from))
}

fn render(state: &AppState, t: &AssessmentResponse, first: NaiveDate) -> String {
    let catalog = state.catalog();
    let named: Vec<(String, &AssessmentRow<DepartmentId>)> = t
        .departments
        .iter()
        .map(|r| {
            let name = catalog.department(r.key).map_or_else(
                || r.key.as_str().to_string(),
                |d| d.name.get(Lang::ZhCn).to_string(),
            );
            (name, r)
        })
        .collect();
    let received: u64 = named.iter().map(|(_, r)| r.figures.received).sum();
    let decided: u64 = named.iter().map(|(_, r)| r.figures.decided).sum();
    let on_time: u64 = named.iter().map(|(_, r)| r.figures.decided_on_time).sum();
    let approved: i64 = named.iter().map(|(_, r)| r.figures.approved_fen).sum();
    let mut ranked: Vec<&(String, &AssessmentRow<DepartmentId>)> =
        named.iter().filter(|(_, r)| r.rank.is_some()).collect();
    ranked.sort_by_key(|(_, r)| r.rank);
    let praised: Vec<String> = ranked
        .iter()
        .take(PRAISED)
        .filter(|(_, r)| r.figures.on_time_rate.unwrap_or(0.0) >= 0.9 && r.overdue_now == 0)
        .map(|(name, r)| {
            format!(
                "<li>{}：办结 {} 件，按时办结率 {}，满意率 {}</li>",
                escape(name),
                r.figures.decided,
                percent(r.figures.on_time_rate),
                percent(r.figures.satisfaction_rate)
            )
        })
        .collect();
    let behind: Vec<String> = named
        .iter()
        .filter(|(_, r)| r.overdue_now > 0 || r.rectifications_overdue > 0)
        .map(|(name, r)| {
            let mut why = Vec::new();
            if r.overdue_now > 0 {
                why.push(format!("超期未办结 {} 件", r.overdue_now));
            }
            if r.rectifications_overdue > 0 {
                why.push(format!("差评整改超期 {} 件", r.rectifications_overdue));
            }
            format!("<li>{}：{}</li>", escape(name), why.join("，"))
        })
        .collect();
    let idle: Vec<String> = named
        .iter()
        .filter(|(_, r)| r.inactive)
        .map(|(name, _)| escape(name))
        .collect();
    let rows: String = named
        .iter()
        .map(|(name, r)| {
            let f = &r.figures;
            format!(
                "<tr><td>{}</td><th scope=\"row\">{}</th><td>{}</td><td>{}</td><td>{}（{}/{}）</td><td>{}</td><td>{}（{}/{}）</td><td>{}</td></tr>",
                r.rank.map_or_else(|| if r.inactive { "无办件".into() } else { "不排名".into() }, |p| p.to_string()),
                escape(name),
                f.received,
                f.decided,
                percent(f.on_time_rate),
                f.decided_on_time,
                f.decided,
                r.overdue_now,
                percent(f.satisfaction_rate),
                f.satisfied,
                f.ratings,
                crate::services::export::yuan(f.approved_fen),
            )
        })
        .collect();
    let list = |items: &[String], none: &str| {
        if items.is_empty() {
            format!("<p class=\"none\">{none}</p>")
        } else {
            format!("<ol>{}</ol>", items.concat())
        }
    };
    format!(
        "<!doctype html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>纾困惠企政策落实情况通报（{y}年{m}月）</title>\
<style>@page{{size:A4;margin:18mm 16mm}}body{{font-family:\"Noto Serif CJK SC\",\"Noto Sans CJK SC\",serif;color:#111;font-size:14px;line-height:1.7;max-width:178mm;margin:0 auto}}\
h1{{text-align:center;font-size:22px;margin:8px 0}}.meta{{text-align:center;color:#555}}h2{{font-size:16px;border-left:4px solid #b22;padding-left:8px}}\
table{{width:100%;border-collapse:collapse;font-size:12px}}th,td{{border:1px solid #999;padding:4px 6px;text-align:center}}thead th{{background:#eee;white-space:nowrap}}\
.chart{{width:100%;height:auto;font-size:12px}}.bar{{fill:#2f6fb3}}.bar--low{{fill:#c0392b}}.none{{color:#666}}</style></head><body>\
<h1>纾困惠企政策落实情况通报</h1><p class=\"meta\">{y}年{m}月（{from} 至 {to}） · 巴州就业工作领导小组办公室</p>\
<h2>一、总体情况</h2><p>本月各部门受理申请 {received} 件，办结 {decided} 件，其中按时办结 {on_time} 件；批准金额 {approved} 元。办结少于 {min} 件的部门不参与排名。</p>\
<h2>二、各部门按时办结率</h2>{chart}\
<h2>三、予以表扬</h2>{praised}\
<h2>四、予以通报</h2>{behind}\
<p>本月无办件的部门：{idle}。</p>\
<h2>五、各部门情况</h2><table><thead><tr><th>排名</th><th>部门</th><th>受理</th><th>办结</th><th>按时办结率</th><th>当前超期</th><th>满意率</th><th>批准金额（元）</th></tr></thead><tbody>{rows}</tbody></table>\
</body></html>",
        y = first.year(),
        m = first.month(),
        from = t.from,
        to = t.to,
        min = t.min_decided,
        approved = crate::services::export::yuan(approved),
        chart = chart(&named),
        praised = list(
            &praised,
            "本月无符合表扬条件的部门（参与排名、按时办结率 90% 以上且无超期）。"
        ),
        behind = list(&behind, "本月无超期未办结或整改超期的部门。"),
        idle = if idle.is_empty() {
            "无".to_string()
        } else {
            idle.join("、")
        },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_month_spans_its_first_to_its_last_day() {
        let d = |s: &str| s.parse::<NaiveDate>().ok();
        assert_eq!(month_span("2026-02").map(|m| m.1), d("2026-02-28"));
        assert_eq!(month_span("2026-12").map(|m| m.1), d("2026-12-31"));
        assert_eq!(month_span("2026-13"), None);
        assert_eq!(month_span("x"), None);
    }
}
