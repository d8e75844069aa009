//! The 台账 as CSV: UTF-8 with a byte-order mark for spreadsheets, every text cell that a
//! spreadsheet would run as a formula neutralised.

use shared::i18n::Lang;
use shared::i18n::requests::status_text;

use super::{HEADERS, Line, deadline_text, yuan};

/// A text cell a spreadsheet will not run: one starting with `=`, `+`, `-`, `@`, a tab or
/// a carriage return (also after leading spaces) gets a leading `'` (OWASP, CSV injection).
pub(super) fn neutral(s: &str) -> String {
    let risky = s
        .trim_start_matches(' ')
        .starts_with(['=', '+', '-', '@', '\t', '\r']);
    if risky {
        format!("'{s}")
    } else {
        s.to_string()
    }
}

pub(super) fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

/// UTF-8 with a byte-order mark, so Excel opens the Chinese right; one line per request.
pub(super) fn csv(lines: &[Line]) -> Vec<u8> {
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
