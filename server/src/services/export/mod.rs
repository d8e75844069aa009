//! The officials' 台账: the filtered queue as an Excel workbook or a CSV file.

pub mod assessment;
mod csv;
pub mod ledger;
mod xlsx;

use chrono::NaiveDate;
use shared::api::desk::QueueFilter;
use shared::application::beijing_day;
use shared::application::{DeadlineState, Grant, RequestState};
use shared::catalog::DepartmentId;
use shared::i18n::Lang;
use shared::money::Fen;

use crate::AppState;
use crate::services::Actor;
use crate::services::Error;
use crate::services::desk::{deadline, scope};
use crate::store::audit::{self, AuditEntry};
use crate::store::desk as store;

use self::csv::csv;
use self::xlsx::xlsx;

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
/// in the filter's order within each (newest filed first when it names none).
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
                catalog.department(*d).map_or_else(
                    || d.as_str().to_string(),
                    |x| x.name.get(shared::Lang::ZhCn).to_string(),
                )
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
                measure: catalog.measure(r.measure).map_or_else(
                    || r.measure.as_str().to_string(),
                    |m| m.title.get(shared::Lang::ZhCn).to_string(),
                ),
                business_name: r.business_name,
                credit_code: r.credit_code,
                jurisdiction: r
                    .jurisdiction
                    .map(|j| {
                        catalog.jurisdiction(j).map_or_else(
                            || j.as_str().to_string(),
                            |x| x.name.get(shared::Lang::ZhCn).to_string(),
                        )
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
    // The office as its staff name it: a county's government by its unit (库尔勒市人民政府)
    // when the official serves one unit, otherwise the department's own name.
    let jurisdiction = match caller.jurisdictions.as_slice() {
        [one] => Some(*one),
        _ => None,
    };
    let unit = caller.department.map_or_else(
        || "全部部门".to_string(),
        |d| shared::i18n::office_name(&catalog, shared::Lang::ZhCn, d, jurisdiction),
    );
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
    // Named as offices file it: what, whose, when (台账-库尔勒市人民政府-2026-12-07.xlsx).
    let stem = format!("台账-{unit}-{today}");
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

#[cfg(test)]
mod tests {
    use super::csv::neutral;

    #[test]
    fn cells_a_spreadsheet_would_run_get_a_leading_quote() {
        for risky in ["=1+1", "+1", "-1+cmd", "@SUM(A1)", "\t=1", "\r=1", "  =1+1"] {
            assert_eq!(neutral(risky), format!("'{risky}"), "{risky:?}");
        }
        for plain in ["库尔勒小吃店", "BZ2022-000001", "a=b", "1-2"] {
            assert_eq!(neutral(plain), plain);
        }
    }
    use super::csv::csv_field;
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
