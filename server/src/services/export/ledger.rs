//! The ledger after the decisions as departments send it up: every entry that happened in a
//! period, by department and county, as an Excel workbook or a CSV file, in the 台账's
//! conventions (title, unit and period, frozen header, 序号, yuan with two decimals; each
//! department's sums under its lines and the whole's at the end).

use chrono::NaiveDate;
use rust_xlsxwriter::{Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use shared::account::Role;
use shared::api::ledger::LedgerTotals;
use shared::application::ledger::EntryKind;
use shared::i18n::Lang;
use shared::i18n::ledger::entry_text;
use shared::money::Fen;

use super::csv::{csv_field, neutral};
use super::{ExportFile, ExportFormat, MAX_ROWS, yuan};
use crate::AppState;
use crate::services::{Actor, Error};
use crate::store::audit::{self, AuditEntry};
use crate::store::ledger::{self as store, ExportRow};

const HEADERS: [&str; 12] = [
    "序号",
    "申请编号",
    "企业名称",
    "属地",
    "承办部门",
    "月份",
    "事项",
    "金额（元）",
    "发生日期",
    "结清期限",
    "凭证号",
    "说明",
];

/// What a group of entries sums to, said in the sheet's words.
fn sentence(t: &LedgerTotals) -> String {
    format!(
        "批准 {} 元；已结清、退还、发放 {} 元；尚待结清 {} 元；尚待到账 {} 元",
        yuan(t.granted_fen),
        yuan(t.closed_fen),
        yuan(t.to_settle_fen),
        yuan(t.to_receive_fen)
    )
}

/// One line of the sheet.
struct Line {
    number: String,
    business_name: String,
    jurisdiction: String,
    department: String,
    kind: EntryKind,
    reversed: Option<EntryKind>,
    amount_fen: Fen,
    on: NaiveDate,
    due_on: Option<NaiveDate>,
    reference: String,
    note: String,
}

/// The ledger's lines the caller may see, by department and county (the catalog's order),
/// then by the day they happened.
async fn lines(
    state: &AppState,
    caller: &Actor,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
) -> Result<Vec<Line>, Error> {
    let scope = match caller.role {
        Role::Official => Some((
            caller
                .department
                .ok_or(Error::Forbidden("an official without a department"))?,
            caller.jurisdictions.as_slice(),
        )),
        Role::Supervisor => None,
        _ => return Err(Error::Forbidden("for officials and supervisors")),
    };
    let rows = store::for_export(&state.db, from, to, scope, MAX_ROWS).await?;
    let catalog = state.catalog();
    let mut keyed: Vec<((usize, usize, NaiveDate, i32), Line)> = rows
        .into_iter()
        .map(
            |ExportRow {
                 entry: e,
                 number,
                 business_name,
             }| {
                let d_order = catalog
                    .departments
                    .iter()
                    .position(|x| x.id == e.department)
                    .unwrap_or(usize::MAX);
                let j_order = e
                    .jurisdiction
                    .and_then(|j| catalog.jurisdictions.iter().position(|x| x.id == j))
                    .unwrap_or(usize::MAX);
                let line = Line {
                    number,
                    business_name,
                    jurisdiction: e
                        .jurisdiction
                        .map(|j| shared::i18n::jurisdiction_name(&catalog, Lang::ZhCn, j))
                        .unwrap_or_default(),
                    department: catalog.department(e.department).map_or_else(
                        || e.department.as_str().to_string(),
                        |d| d.name.get(Lang::ZhCn).to_string(),
                    ),
                    kind: e.kind,
                    reversed: e.reverses_kind,
                    amount_fen: e.amount_fen,
                    on: e.on,
                    due_on: e.due_on,
                    reference: e.reference.unwrap_or_default(),
                    note: e.note.unwrap_or_default(),
                };
                ((d_order, j_order, e.on, e.id), line)
            },
        )
        .collect();
    keyed.sort_by_key(|(k, _)| *k);
    Ok(keyed.into_iter().map(|(_, l)| l).collect())
}

fn what(l: &Line) -> String {
    match (l.kind, l.reversed) {
        (EntryKind::Reversal, Some(r)) => {
            format!(
                "{}：{}",
                entry_text(Lang::ZhCn, l.kind),
                entry_text(Lang::ZhCn, r)
            )
        }
        (k, _) => entry_text(Lang::ZhCn, k).to_string(),
    }
}

fn csv(lines: &[Line]) -> Vec<u8> {
    let mut out = String::from("\u{feff}");
    out.push_str(&HEADERS.join(","));
    out.push_str("\r\n");
    for (i, l) in lines.iter().enumerate() {
        let fields = [
            (i + 1).to_string(),
            neutral(&l.number),
            neutral(&l.business_name),
            neutral(&l.jurisdiction),
            neutral(&l.department),
            l.on.format("%Y-%m").to_string(),
            what(l),
            yuan(l.amount_fen),
            l.on.to_string(),
            l.due_on.map(|d| d.to_string()).unwrap_or_default(),
            neutral(&l.reference),
            neutral(&l.note),
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

#[allow(clippy::cast_precision_loss)]
fn yuan_number(fen: Fen) -> f64 {
    fen as f64 / 100.0
}

fn xlsx(lines: &[Line], unit: &str, period: &str, today: NaiveDate) -> Result<Vec<u8>, XlsxError> {
    const LAST_COL: u16 = 11;
    let mut book = Workbook::new();
    let sheet = book.add_worksheet();
    sheet.set_name("资金台账")?;
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
    let money = cell.clone().set_num_format("#,##0.00");
    let total = cell.clone().set_bold();
    sheet.merge_range(
        0,
        0,
        0,
        LAST_COL,
        "巴州纾困惠企政策资金台账（批准后）",
        &title,
    )?;
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
    sheet
        .set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        .set_footer("&C第 &P 页，共 &N 页");
    sheet.set_repeat_rows(0, 2)?;
    for (c, width) in (0u16..).zip([6, 16, 24, 12, 20, 9, 18, 14, 12, 12, 20, 24]) {
        sheet.set_column_width(c, width)?;
    }
    let mut row: u32 = 3;
    let mut all = LedgerTotals::default();
    let mut i = 0usize;
    while i < lines.len() {
        let department = lines[i].department.clone();
        let start = i;
        let mut sums = LedgerTotals::default();
        while i < lines.len() && lines[i].department == department {
            let l = &lines[i];
            sheet.write_number_with_format(row, 0, u32::try_from(i + 1).unwrap_or(0), &cell)?;
            sheet.write_string_with_format(row, 1, &l.number, &text)?;
            sheet.write_string_with_format(row, 2, &l.business_name, &cell)?;
            sheet.write_string_with_format(row, 3, &l.jurisdiction, &cell)?;
            sheet.write_string_with_format(row, 4, &l.department, &cell)?;
            sheet.write_string_with_format(row, 5, l.on.format("%Y-%m").to_string(), &text)?;
            sheet.write_string_with_format(row, 6, what(l), &cell)?;
            sheet.write_number_with_format(row, 7, yuan_number(l.amount_fen), &money)?;
            sheet.write_string_with_format(row, 8, l.on.to_string(), &text)?;
            sheet.write_string_with_format(
                row,
                9,
                l.due_on.map(|d| d.to_string()).unwrap_or_default(),
                &text,
            )?;
            sheet.write_string_with_format(row, 10, &l.reference, &text)?;
            sheet.write_string_with_format(row, 11, &l.note, &cell)?;
            sums.add(l.kind, l.amount_fen, l.reversed);
            all.add(l.kind, l.amount_fen, l.reversed);
            row += 1;
            i += 1;
        }
        sheet.merge_range(
            row,
            0,
            row,
            LAST_COL,
            &format!("{department} 小计（{} 笔）：{}", i - start, sentence(&sums)),
            &total,
        )?;
        row += 1;
    }
    sheet.merge_range(
        row,
        0,
        row,
        LAST_COL,
        &format!("合计（{} 笔）：{}", lines.len(), sentence(&all)),
        &total,
    )?;
    book.save_to_buffer()
}

/// The ledger of a period as a file; the export is recorded in the audit log.
pub async fn export_ledger(
    state: &AppState,
    caller: &Actor,
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
    format: ExportFormat,
) -> Result<ExportFile, Error> {
    let lines = lines(state, caller, from, to).await?;
    let today = state.today();
    let catalog = state.catalog();
    let jurisdiction = match caller.jurisdictions.as_slice() {
        [one] => Some(*one),
        _ => None,
    };
    let unit = caller.department.map_or_else(
        || "全部部门".to_string(),
        |d| shared::i18n::office_name(&catalog, Lang::ZhCn, d, jurisdiction),
    );
    let period = match (from, to) {
        (Some(f), Some(t)) => format!("{f} 至 {t}"),
        (Some(f), None) => format!("{f} 起"),
        (None, Some(t)) => format!("截至 {t}"),
        (None, None) => "全部".to_string(),
    };
    let stem = format!("资金台账-{unit}-{today}");
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
        action: "ledger_exported".into(),
        detail: Some(format!(
            "{} rows as {format:?}; period {period}",
            lines.len()
        )),
        ..Default::default()
    };
    crate::store::write(&state.writer, async |txn| {
        audit::record(txn, state.now(), entry).await
    })
    .await?;
    Ok(file)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_reversed_settlement_adds_back_to_what_is_still_to_settle() {
        let mut s = LedgerTotals::default();
        s.add(EntryKind::Deferred, 10_000, None);
        s.add(EntryKind::Settled, 4_000, None);
        s.add(EntryKind::Reversal, 4_000, Some(EntryKind::Settled));
        s.add(EntryKind::Settled, 6_000, None);
        assert_eq!(
            (
                s.granted_fen,
                s.closed_fen,
                s.to_settle_fen,
                s.to_receive_fen
            ),
            (10_000, 6_000, 4_000, 0)
        );
        assert_eq!(
            sentence(&s),
            "批准 100.00 元；已结清、退还、发放 60.00 元；尚待结清 40.00 元；尚待到账 0.00 元"
        );
    }
}
