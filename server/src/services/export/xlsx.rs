//! The 台账 as an Excel workbook: titled, dated, amounts as numbers in yuan.

use chrono::{Datelike, NaiveDate};
use rust_xlsxwriter::{ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, XlsxError};
use shared::i18n::Lang;
use shared::i18n::requests::status_text;
use shared::money::Fen;

use super::{HEADERS, Line, deadline_text};

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
pub(super) fn xlsx(
    lines: &[Line],
    unit: &str,
    period: &str,
    today: NaiveDate,
) -> Result<Vec<u8>, XlsxError> {
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
    // Printed as it is filed: A4 landscape, every column on one page's width, the title and
    // header on every page, the page numbers in the footer.
    sheet
        .set_paper_size(9)
        .set_landscape()
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true)
        .set_footer("&C第 &P 页，共 &N 页");
    sheet.set_repeat_rows(0, 2)?;
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
