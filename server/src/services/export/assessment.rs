//! The assessment table (督导考核) as a workbook: a sheet per department and per county, in
//! the 台账's conventions (title, period, frozen header, rates with their denominators).

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError};
use shared::api::assessment::{AssessmentResponse, AssessmentRow};
use shared::i18n::Lang;

use super::csv::{csv_field, neutral};
use super::{ExportFile, ExportFormat, yuan};
use crate::AppState;

const HEADERS: [&str; 17] = [
    "排名",
    "单位",
    "受理（件）",
    "办结（件）",
    "按时办结（件）",
    "按时办结率",
    "上期按时办结率",
    "当前超期（件）",
    "平均办理（工作日）",
    "评价（件）",
    "满意（件）",
    "满意率",
    "上期满意率",
    "整改未结（件）",
    "整改超期（件）",
    "批准金额（元）",
    "惠及企业（户）",
];

fn rate(r: Option<f64>) -> String {
    r.map(|r| format!("{:.1}%", r * 100.0))
        .unwrap_or_else(|| "—".into())
}

/// A row's cells as text, in the headers' order.
fn cells<K: Copy>(r: &AssessmentRow<K>, name: &str) -> [String; 17] {
    let f = &r.figures;
    [
        match (r.rank, r.inactive) {
            (Some(p), _) => p.to_string(),
            (None, true) => "无办件".into(),
            (None, false) => "办件过少不排名".into(),
        },
        name.to_string(),
        f.received.to_string(),
        f.decided.to_string(),
        f.decided_on_time.to_string(),
        rate(f.on_time_rate),
        rate(r.previous.on_time_rate),
        r.overdue_now.to_string(),
        f.avg_working_days
            .map(|d| format!("{d:.1}"))
            .unwrap_or_else(|| "—".into()),
        f.ratings.to_string(),
        f.satisfied.to_string(),
        rate(f.satisfaction_rate),
        rate(r.previous.satisfaction_rate),
        r.rectifications_open.to_string(),
        r.rectifications_overdue.to_string(),
        yuan(f.approved_fen),
        f.businesses_helped.to_string(),
    ]
}

fn sheet_of(
    sheet: &mut Worksheet,
    title: &str,
    period: &str,
    rows: &[[String; 17]],
) -> Result<(), XlsxError> {
    let last = u16::try_from(HEADERS.len() - 1).unwrap_or(0);
    let big = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let header = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_text_wrap()
        .set_background_color("#D9E1F2");
    let cell = Format::new().set_border(FormatBorder::Thin);
    sheet.merge_range(0, 0, 0, last, title, &big)?;
    sheet.merge_range(1, 0, 1, last, period, &Format::new())?;
    for (c, h) in (0u16..).zip(HEADERS) {
        sheet.write_string_with_format(2, c, h, &header)?;
    }
    sheet.set_freeze_panes(3, 2)?;
    sheet
        .set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_repeat_rows(0, 2)?;
    sheet.set_column_width(1, 28)?;
    for (r, row) in (3u32..).zip(rows) {
        for (c, text) in (0u16..).zip(row) {
            sheet.write_string_with_format(r, c, text, &cell)?;
        }
    }
    Ok(())
}

/// The table as a file: a workbook with a sheet per department and per county, or a CSV of
/// both (a column saying which).
pub fn file(
    state: &AppState,
    t: &AssessmentResponse,
    format: ExportFormat,
    today: NaiveDate,
) -> Result<ExportFile, XlsxError> {
    let catalog = state.catalog();
    let departments: Vec<[String; 17]> = t
        .departments
        .iter()
        .map(|r| {
            let name = catalog.department(r.key).map_or_else(
                || r.key.as_str().to_string(),
                |d| d.name.get(Lang::ZhCn).to_string(),
            );
            cells(r, &name)
        })
        .collect();
    let counties: Vec<[String; 17]> = t
        .counties
        .iter()
        .map(|r| {
            cells(
                r,
                &shared::i18n::jurisdiction_name(&catalog, Lang::ZhCn, r.key),
            )
        })
        .collect();
    let period = format!(
        "期间：{} 至 {}    上期：{} 至 {}    办结少于 {} 件的单位不参与排名    导出日期：{today}",
        t.from, t.to, t.previous_from, t.previous_to, t.min_decided
    );
    let stem = format!("督导考核-{}至{}", t.from, t.to);
    Ok(match format {
        ExportFormat::Xlsx => {
            let mut book = Workbook::new();
            let sheet = book.add_worksheet();
            sheet.set_name("按部门")?;
            sheet_of(
                sheet,
                "巴州纾困惠企政策督导考核表（按部门）",
                &period,
                &departments,
            )?;
            let sheet = book.add_worksheet();
            sheet.set_name("按县市")?;
            sheet_of(
                sheet,
                "巴州纾困惠企政策督导考核表（按县市）",
                &period,
                &counties,
            )?;
            ExportFile {
                content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                filename: format!("{stem}.xlsx"),
                bytes: book.save_to_buffer()?,
            }
        }
        ExportFormat::Csv => {
            let mut out = String::from("\u{feff}");
            out.push_str("分组,");
            out.push_str(&HEADERS.join(","));
            out.push_str("\r\n");
            for (group, rows) in [("部门", &departments), ("县市", &counties)] {
                for row in rows {
                    out.push_str(group);
                    for text in row {
                        out.push(',');
                        out.push_str(&csv_field(&neutral(text)));
                    }
                    out.push_str("\r\n");
                }
            }
            ExportFile {
                content_type: "text/csv; charset=utf-8",
                filename: format!("{stem}.csv"),
                bytes: out.into_bytes(),
            }
        }
    })
}
