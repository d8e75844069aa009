//! The officials' 台账: the filtered queue as an Excel workbook or a CSV file.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use shared::api::desk::QueueFilter;
use shared::application::beijing_day;
use shared::application::{DeadlineState, Grant, RequestState};
use shared::catalog::DepartmentId;
use shared::i18n::Lang;
use shared::i18n::requests::status_text;
use shared::money::Fen;

use crate::AppState;
use crate::services::Actor;
use crate::services::Error;
use crate::services::desk::{deadline, scope};
use crate::store::audit::{self, AuditEntry};
use crate::store::desk as store;

/// The most rows one export holds.
pub const MAX_ROWS: u64 = 100_000;

/// The formats offered.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ExportFormat {
    Xlsx,
    Csv,
}

/// A file to download.
pub struct ExportFile {
    pub content_type: &'static str,
    pub filename: String,
    pub bytes: Vec<u8>,
}

/// One line of the ledger, in the words of the sheet.
struct Line {
    number: String,
    status: RequestState,
    measure: String,
    business_name: String,
    credit_code: String,
    jurisdiction: String,
    department: String,
    submitted_on: NaiveDate,
    due_on: NaiveDate,
    deadline: DeadlineState,
    approved_fen: Fen,
}

const HEADERS: [&str; 13] = [
    "序号",
    "申请编号",
    "状态",
    "政策事项",
    "企业名称",
    "统一社会信用代码",
    "属地",
    "承办部门",
    "提交日期",
    "办结时限",
    "时限状态",
    "批准金额（元）",
    "备注",
];

fn deadline_text(d: DeadlineState) -> &'static str {
    shared::i18n::requests::deadline_text(Lang::ZhCn, d)
}

/// Fen as yuan with two decimals, exactly (`123456` → `1234.56`).
pub fn yuan(fen: Fen) -> String {
    let sign = if fen < 0 { "-" } else { "" };
    let abs = fen.unsigned_abs();
    format!("{sign}{}.{:02}", abs / 100, abs % 100)
}

fn approved_fen(status: RequestState, grant: Option<&str>) -> Fen {
    if status != RequestState::Approved {
        return 0;
    }
    grant
        .and_then(|g| serde_json::from_str::<Grant>(g).ok())
        .map(|g| g.amount_fen())
        .unwrap_or(0)
}

/// The filtered requests the caller may see, grouped by department (the catalog's order),
/// newest filed first within each.
async fn lines(state: &AppState, caller: &Actor, filter: &QueueFilter) -> Result<Vec<Line>, Error> {
    let scope = scope(caller)?;
    let today = state.today();
    let active = state.active();
    let selection = store::Selection::new(&state.db, &scope, filter, today).await?;
    let rows = store::page(&state.db, &selection, None, Some(MAX_ROWS)).await?;
    let ids: Vec<i32> = rows.iter().map(|r| r.id).collect();
    let departments = store::departments_of(&state.db, &ids).await?;
    let catalog = &state.catalog();
    let department_name = |ds: &[DepartmentId]| -> String {
        ds.iter()
            .map(|d| {
                catalog
                    .department(*d)
                    .map_or_else(|| d.as_str().to_string(), |x| x.name.zh.clone())
            })
            .collect::<Vec<_>>()
            .join("、")
    };
    let order = |ds: &[DepartmentId]| {
        ds.first()
            .and_then(|d| catalog.departments.iter().position(|x| x.id == *d))
            .unwrap_or(usize::MAX)
    };
    let mut keyed: Vec<(usize, Line)> = rows
        .into_iter()
        .map(|r| {
            let ds = departments.get(&r.id).map(Vec::as_slice).unwrap_or(&[]);
            let due_on = crate::services::desk::due_as_of(&active.calendar, &r, today);
            let line = Line {
                deadline: deadline(&active.calendar, &r, today),
                approved_fen: approved_fen(r.status, r.grant.as_deref()),
                number: r.number,
                status: r.status,
                measure: catalog
                    .measure(r.measure)
                    .map_or_else(|| r.measure.as_str().to_string(), |m| m.title.zh.clone()),
                business_name: r.business_name,
                credit_code: r.credit_code,
                jurisdiction: r
                    .jurisdiction
                    .map(|j| {
                        catalog
                            .jurisdiction(j)
                            .map_or_else(|| j.as_str().to_string(), |x| x.name.zh.clone())
                    })
                    .unwrap_or_default(),
                department: department_name(ds),
                submitted_on: beijing_day(r.created_at),
                due_on,
            };
            (order(ds), line)
        })
        .collect();
    // Stable: newest first stays within a department.
    keyed.sort_by(|a, b| {
        a.0.cmp(&b.0)
            .then_with(|| a.1.department.cmp(&b.1.department))
    });
    Ok(keyed.into_iter().map(|(_, l)| l).collect())
}

/// `unit`: whose ledger it is; `period`: the dates filed.
fn heading(state: &AppState, caller: &Actor, filter: &QueueFilter) -> (String, String) {
    let catalog = state.catalog();
    let unit = caller
        .department
        .and_then(|d| catalog.department(d))
        .map_or_else(|| "全部部门".to_string(), |d| d.name.zh.clone());
    let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
    let period = match (day(filter.from), day(filter.to)) {
        (Some(f), Some(t)) => format!("{f} 至 {t}"),
        (Some(f), None) => format!("{f} 起"),
        (None, Some(t)) => format!("截至 {t}"),
        (None, None) => "全部".to_string(),
    };
    (unit, period)
}

/// The ledger as a file; the export is recorded in the audit log.
pub async fn export(
    state: &AppState,
    caller: &Actor,
    filter: &QueueFilter,
    format: ExportFormat,
) -> Result<ExportFile, Error> {
    let lines = lines(state, caller, filter).await?;
    let today = state.today();
    let (unit, period) = heading(state, caller, filter);
    let stem = format!("纾困申请台账-{today}");
    let file = match format {
        ExportFormat::Csv => ExportFile {
            content_type: "text/csv; charset=utf-8",
            filename: format!("{stem}.csv"),
            bytes: csv(&lines),
        },
        ExportFormat::Xlsx => ExportFile {
            content_type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            filename: format!("{stem}.xlsx"),
            bytes: xlsx(&lines, &unit, &period, today).map_err(|e| Error::internal(&e))?,
        },
    };
    let entry = AuditEntry {
        actor_id: Some(caller.id),
        actor_role: Some(caller.role.as_str().into()),
        action: "requests_exported".into(),
        detail: Some(format!(
            "{} rows as {format:?}; filters {}",
            lines.len(),
            serde_json::to_string(&masked(filter)).unwrap_or_default()
        )),
        ..Default::default()
    };
    crate::store::write(&state.writer, async |txn| {
        audit::record(txn, state.now(), entry).await
    })
    .await?;
    Ok(file)
}

/// The filter as the audit log keeps it: a searched credit code masked, as everywhere else.
fn masked(filter: &QueueFilter) -> QueueFilter {
    let mut f = filter.clone();
    f.q = f.q.map(|q| {
        let t = q.trim();
        if t.len() >= 10 && t.bytes().all(|b| b.is_ascii_alphanumeric()) {
            shared::credit_code::mask_credit_code(t)
        } else {
            q
        }
    });
    f
}

/// A text cell a spreadsheet will not run: one starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return (also after leading spaces) gets a leading `'` (OWASP, CSV injection).
fn neutral(s: &str) -> String {
    let risky = s
        .trim_start_matches(' ')
        .starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// UTF-8 with a byte-order mark, so Excel opens the Chinese right; one line per request.
fn csv(lines: &[Line]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    out.push_str(&HEADERS[..12].join(","));
    out.push_str("\r\n");
    for (i, l) in lines.iter().enumerate() {
        let fields = [
            (i + 1).to_string(),
            neutral(&l.number),
            status_text(Lang::ZhCn, l.status).to_string(),
            neutral(&l.measure),
            neutral(&l.business_name),
            // A leading tab keeps Excel from reading an all-digit code as a number.
            format!("\t{}", l.credit_code),
            neutral(&l.jurisdiction),
            neutral(&l.department),
            l.submitted_on.to_string(),
            l.due_on.to_string(),
            deadline_text(l.deadline).to_string(),
            yuan(l.approved_fen),
        ];
        out.push_str(
            &fields
                .iter()
                .map(|f| csv_field(f))
                .collect::<Vec<_>>()
                .join(","),
        );
        out.push_str("\r\n");
    }
    out.into_bytes()
}

fn excel_date(d: NaiveDate) -> Result<ExcelDateTime, XlsxError> {
    ExcelDateTime::from_ymd(
        u16::try_from(d.year()).unwrap_or(1900),
        u8::try_from(d.month()).unwrap_or(1),
        u8::try_from(d.day()).unwrap_or(1),
    )
}

/// Yuan as a spreadsheet number: the two decimals are exact in fen, the float only shows them.
#[allow(clippy::cast_precision_loss)]
fn yuan_number(fen: Fen) -> f64 {
    fen as f64 / 100.0
}

/// The workbook: a title row, a line with the unit, period and money unit, the frozen
/// header, one row per request with 序号, a subtotal per department and a 合计 row.
fn xlsx(lines: &[Line], unit: &str, period: &str, today: NaiveDate) -> Result<Vec<u8>, XlsxError> {
    const LAST_COL: u16 = 12;
    const MONEY_COL: u16 = 11;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("台账")?;
    let title = Format::new()
        .set_bold()
        .set_font_size(16)
        .set_align(FormatAlign::Center);
    let header = Format::new()
        .set_bold()
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_background_color("#D9E1F2");
    let cell = Format::new().set_border(FormatBorder::Thin);
    let text = cell.clone().set_num_format("@");
    let date = cell.clone().set_num_format("yyyy-mm-dd");
    let money = cell.clone().set_num_format("#,##0.00");
    let total_label = cell.clone().set_bold();
    let total_money = money.clone().set_bold();

    sheet.merge_range(0, 0, 0, LAST_COL, "巴州稳经济纾困惠企政策申请台账", &title)?;
    sheet.merge_range(
        1,
        0,
        1,
        LAST_COL,
        &format!("单位：{unit}    期间：{period}    金额单位：元    导出日期：{today}"),
        &Format::new(),
    )?;
    for (c, h) in (0u16..).zip(HEADERS) {
        sheet.write_string_with_format(2, c, h, &header)?;
    }
    sheet.set_freeze_panes(3, 0)?;
    for (c, width) in (0u16..).zip([6, 16, 12, 30, 24, 22, 12, 20, 12, 12, 10, 16, 16]) {
        sheet.set_column_width(c, width)?;
    }

    let mut row: u32 = 3;
    let mut total: Fen = 0;
    let mut i = 0usize;
    while i < lines.len() {
        let dept = lines[i].department.clone();
        let mut subtotal: Fen = 0;
        let start = i;
        while i < lines.len() && lines[i].department == dept {
            let l = &lines[i];
            sheet.write_number_with_format(row, 0, u32::try_from(i + 1).unwrap_or(0), &cell)?;
            sheet.write_string_with_format(row, 1, &l.number, &text)?;
            sheet.write_string_with_format(row, 2, status_text(Lang::ZhCn, l.status), &cell)?;
            sheet.write_string_with_format(row, 3, &l.measure, &cell)?;
            sheet.write_string_with_format(row, 4, &l.business_name, &cell)?;
            sheet.write_string_with_format(row, 5, &l.credit_code, &text)?;
            sheet.write_string_with_format(row, 6, &l.jurisdiction, &cell)?;
            sheet.write_string_with_format(row, 7, &l.department, &cell)?;
            sheet.write_datetime_with_format(row, 8, excel_date(l.submitted_on)?, &date)?;
            sheet.write_datetime_with_format(row, 9, excel_date(l.due_on)?, &date)?;
            sheet.write_string_with_format(row, 10, deadline_text(l.deadline), &cell)?;
            sheet.write_number_with_format(row, MONEY_COL, yuan_number(l.approved_fen), &money)?;
            sheet.write_blank(row, 12, &cell)?;
            subtotal += l.approved_fen;
            row += 1;
            i += 1;
        }
        let label = if dept.is_empty() {
            "（未分派）"
        } else {
            dept.as_str()
        };
        sheet.merge_range(
            row,
            0,
            row,
            MONEY_COL - 1,
            &format!("{label} 小计（{} 件）", i - start),
            &total_label,
        )?;
        sheet.write_number_with_format(row, MONEY_COL, yuan_number(subtotal), &total_money)?;
        sheet.write_blank(row, 12, &cell)?;
        row += 1;
        total += subtotal;
    }
    sheet.merge_range(
        row,
        0,
        row,
        MONEY_COL - 1,
        &format!("合计（{} 件）", lines.len()),
        &total_label,
    )?;
    sheet.write_number_with_format(row, MONEY_COL, yuan_number(total), &total_money)?;
    sheet.write_blank(row, 12, &cell)?;
    book.save_to_buffer()
}

#[cfg(test)]
mod tests {
    use super::neutral;

    #[test]
    fn cells_a_spreadsheet_would_run_get_a_leading_quote() {
        for risky in ["=1+1", "+1", "-1+cmd", "@SUM(A1)", "\t=1", "\r=1", "  =1+1"] {
            assert_eq!(neutral(risky), format!("'{risky}"), "{risky:?}");
        }
        for plain in ["库尔勒小吃店", "BZ2022-000001", "a=b", "1-2"] {
            assert_eq!(neutral(plain), plain);
        }
    }
    use super::*;

    #[test]
    fn yuan_shows_fen_exactly_with_two_decimals() {
        assert_eq!(yuan(0), "0.00");
        assert_eq!(yuan(5), "0.05");
        assert_eq!(yuan(900_000), "9000.00");
        assert_eq!(yuan(123_456), "1234.56");
        assert_eq!(yuan(-150), "-1.50");
    }

    #[test]
    fn csv_fields_with_commas_or_quotes_are_quoted() {
        assert_eq!(csv_field("a,b"), "\"a,b\"");
        assert_eq!(csv_field("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(csv_field("plain"), "plain");
    }
}
