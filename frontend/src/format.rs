//! The page's words and figures, as pure functions: no browser in them, so they are tested
//! natively (`cargo test -p frontend`).

use shared::Lang;
use shared::catalog::{Period, PeriodBasis};

use crate::api;
use crate::text::text;

/// What to tell a person when a call failed (with the minutes to wait when refused for too
/// many attempts).
pub fn error_message(lang: Lang, error: &api::Error) -> String {
    let t = text(lang);
    match (error, error.code()) {
        (api::Error::Network, _) => t.offline.to_string(),
        (api::Error::Api { body, .. }, Some(code)) => {
            code.sentence_waiting(lang, body.error.retry_after)
        }
        _ => t.server_error.to_string(),
    }
}

/// What to tell an owner when the catalog could not be had: whether it was the network or the
/// service. The catalog's one request has no error an owner could act on otherwise, and the
/// phone's first load does not carry every error code's sentence for it.
pub fn catalog_problem(lang: Lang, error: &api::Error) -> &'static str {
    let t = text(lang);
    match error {
        api::Error::Network => t.offline,
        _ => t.server_error,
    }
}

/// `label：value` in Chinese, `label: value` in English.
pub fn labelled(lang: Lang, label: &str, value: &str) -> String {
    match lang {
        Lang::ZhCn => format!("{label}：{value}"),
        Lang::En => format!("{label}: {value}"),
    }
}

/// Money as the results show it, in both languages: `¥1,234.50`.
pub fn money(fen: shared::money::Fen) -> String {
    format!("¥{}", shared::money::format_yuan(fen))
}

/// Why a typed amount is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum AmountError {
    NotAnAmount,
    TooManyDecimals,
    TooLarge,
}

/// Yuan as typed (`1234.5`, `1,234.50`, `¥80`) into fen; never floating point.
pub fn parse_yuan(typed: &str) -> Result<shared::money::Fen, AmountError> {
    let cleaned: String = typed
        .trim()
        .trim_start_matches(['¥', '￥'])
        .chars()
        .filter(|c| !matches!(c, ',' | '，' | ' '))
        .collect();
    let (whole, cents) = cleaned.split_once('.').unwrap_or((&cleaned, ""));
    if whole.is_empty() && cents.is_empty()
        || !whole.chars().all(|c| c.is_ascii_digit())
        || !cents.chars().all(|c| c.is_ascii_digit())
    {
        return Err(AmountError::NotAnAmount);
    }
    if cents.len() > 2 {
        return Err(AmountError::TooManyDecimals);
    }
    let whole: i64 = if whole.is_empty() {
        0
    } else {
        whole.parse().map_err(|_| AmountError::TooLarge)?
    };
    let cents: i64 = format!("{cents:0<2}")
        .parse()
        .map_err(|_| AmountError::NotAnAmount)?;
    let fen = whole
        .checked_mul(100)
        .and_then(|f| f.checked_add(cents))
        .ok_or(AmountError::TooLarge)?;
    if fen > shared::answers::MAX_AMOUNT_FEN {
        return Err(AmountError::TooLarge);
    }
    Ok(fen)
}

/// Fen as an owner would type it back: `1234.5` → `1234.50`, whole yuan without decimals.
pub fn yuan_input(fen: shared::money::Fen) -> String {
    if fen % 100 == 0 {
        format!("{}", fen / 100)
    } else {
        format!("{}.{:02}", fen / 100, fen % 100)
    }
}

/// The status of a result in words.
pub fn status_label(lang: Lang, status: shared::Status) -> &'static str {
    let t = text(lang);
    match status {
        shared::Status::Eligible => t.eligible,
        shared::Status::NeedsInfo => t.needs_info,
        shared::Status::NotEligible => t.not_eligible,
        shared::Status::NotInEffect => t.not_in_effect,
    }
}

/// Where the owner is: `第 3 题 · 还有约 5 题`. With none known to be left it does not say
/// "the last": an answer may still open a question (a tenant is asked the rent).
pub fn progress_text(lang: Lang, number: usize, left: usize) -> String {
    match (lang, left) {
        (Lang::ZhCn, 0) => format!("第 {number} 题 · 快完成了"),
        (Lang::ZhCn, _) => format!("第 {number} 题 · 还有约 {left} 题"),
        (Lang::En, 0) => format!("Question {number} · nearly done"),
        (Lang::En, 1) => format!("Question {number} · about 1 more"),
        (Lang::En, _) => format!("Question {number} · about {left} more"),
    }
}

/// How the results stand: `符合 3 项 · 待确认 5 项`.
pub fn summary_text(lang: Lang, eligible: usize, open: usize) -> String {
    match lang {
        Lang::ZhCn => format!("符合 {eligible} 项 · 待确认 {open} 项"),
        Lang::En => format!("{eligible} eligible · {open} need an answer"),
    }
}

/// A measure's period as a person reads it, with where its end comes from.
pub fn period_text(lang: Lang, period: &Period) -> String {
    let t = text(lang);
    let span = match period.to {
        Some(to) => format!("{} – {to}", period.from),
        None => format!("{} {}", period.from, t.period_open),
    };
    match (period.basis, period.source.as_deref()) {
        (PeriodBasis::OurReading, _) => format!("{span} ({})", t.our_reading),
        (PeriodBasis::National, Some(doc)) => {
            format!("{span} ({})", labelled(lang, t.national_document, doc))
        }
        _ => span,
    }
}

/// What a history event did to the time limit (补正): asking the owner stops it; the answer
/// starts it again with the due date moved by the working days waited.
pub fn pause_text(lang: Lang, e: &shared::api::requests::EventView) -> Option<String> {
    use shared::application::EventKind;
    match (e.kind, e.paused_working_days, e.due_on) {
        (EventKind::Ask, _, _) => Some(
            match lang {
                Lang::ZhCn => "计时暂停：等待补充材料期间不计入办理时限",
                Lang::En => "The time limit stands still while the department waits for the answer",
            }
            .to_string(),
        ),
        (_, Some(0), Some(due)) => Some(match lang {
            Lang::ZhCn => format!("计时恢复：当日补正，办结期限不变（{due}）"),
            Lang::En => {
                format!("Time limit running again: answered within the day, still due {due}")
            }
        }),
        (_, Some(n), Some(due)) => Some(match lang {
            Lang::ZhCn => format!("计时恢复：等待补正 {n} 个工作日，办结期限顺延至 {due}"),
            Lang::En => format!("Time limit running again: {n} working days waited, now due {due}"),
        }),
        _ => None,
    }
}

/// The address that opens a measure, in a language: what an owner shares.
pub fn measure_link(measure: shared::MeasureId, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => format!("/#{}", measure.as_str()),
        Lang::En => format!("/?lang=en#{}", measure.as_str()),
    }
}

/// The measure an address's `#measure-id` points at ("" for none).
pub fn linked_measure(hash: &str) -> &str {
    hash.strip_prefix('#').unwrap_or_default()
}

/// A moment as the prefecture reads it: Beijing time, to the minute.
pub fn beijing(at: chrono::DateTime<chrono::Utc>) -> String {
    match chrono::FixedOffset::east_opt(8 * 3600) {
        Some(offset) => at
            .with_timezone(&offset)
            .format("%Y-%m-%d %H:%M")
            .to_string(),
        None => at.format("%Y-%m-%d %H:%M UTC").to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::{ErrorBody, ErrorDetail};
    use shared::catalog::{Catalog, DepartmentId};

    fn catalog() -> Catalog {
        shared::examples::shipped().unwrap()
    }

    #[test]
    fn a_catalog_that_could_not_be_had_is_the_network_or_the_service() {
        assert!(catalog_problem(Lang::ZhCn, &api::Error::Network).contains("网络"));
        let refused = api::Error::Unexpected { status: 503 };
        assert_eq!(
            catalog_problem(Lang::En, &refused),
            "The service is unavailable. Please try again later."
        );
    }

    #[test]
    fn a_lost_network_asks_to_retry_and_a_server_error_says_so() {
        assert!(error_message(Lang::ZhCn, &api::Error::Network).contains("网络"));
        let body = ErrorBody {
            error: ErrorDetail {
                code: "internal".into(),
                message: "internal error".into(),
                field: None,
                problem: None,
                request_id: None,
                retry_after: None,
            },
        };
        let failed = api::Error::Api { status: 500, body };
        assert_ne!(
            error_message(Lang::En, &failed),
            error_message(Lang::En, &api::Error::Network)
        );
    }

    #[test]
    fn too_many_attempts_says_how_many_minutes_to_wait() {
        let locked = |retry_after| api::Error::Api {
            status: 429,
            body: ErrorBody {
                error: ErrorDetail {
                    code: "rate_limited".into(),
                    message: "too many attempts".into(),
                    field: None,
                    problem: None,
                    request_id: None,
                    retry_after,
                },
            },
        };
        assert_eq!(
            error_message(Lang::ZhCn, &locked(Some(841))),
            "尝试次数过多，请 15 分钟后再试。"
        );
        assert_eq!(
            error_message(Lang::En, &locked(Some(30))),
            "Too many attempts. Please try again in a minute."
        );
        // A server that did not say keeps the sentence without a figure.
        assert_eq!(
            error_message(Lang::ZhCn, &locked(None)),
            "尝试次数过多，请稍后再试。"
        );
    }

    #[test]
    fn english_labels_take_a_plain_colon_and_chinese_a_full_width_one() {
        assert_eq!(labelled(Lang::En, "Source", "the plan"), "Source: the plan");
        assert_eq!(labelled(Lang::ZhCn, "依据", "方案"), "依据：方案");
    }

    #[test]
    fn periods_say_where_their_end_comes_from() {
        let c = catalog();
        let period = |id: &str| {
            c.measure(shared::MeasureId::parse(id).unwrap())
                .unwrap()
                .period
                .clone()
        };
        assert_eq!(
            period_text(Lang::En, &period("vat-exemption")),
            "2022-04-01 – 2022-12-31"
        );
        assert_eq!(
            period_text(Lang::En, &period("tax-deferral")),
            "2022-01-01 – 2022-12-31 (the plan gives no end; this is our reading)"
        );
        assert_eq!(
            period_text(Lang::ZhCn, &period("unemployment-insurance-rate")),
            "2022-05-01 – 2023-04-30 (国家文件：人社部发〔2022〕23号)"
        );
        assert_eq!(
            period_text(Lang::En, &period("bid-guarantee")),
            "2022-01-01 onwards (the plan gives no end; this is our reading)"
        );
    }

    #[test]
    fn departments_are_named_in_the_page_language() {
        let c = catalog();
        let ids = [
            DepartmentId::parse("finance").unwrap(),
            DepartmentId::parse("hrss").unwrap(),
        ];
        assert_eq!(
            shared::i18n::offices_text(&c, Lang::ZhCn, &ids, None, None),
            "州财政局、人力资源和社会保障局"
        );
        assert_eq!(
            shared::i18n::offices_text(&c, Lang::En, &ids, None, None),
            "Prefecture Finance Bureau; Human Resources and Social Security Bureau"
        );
    }

    #[test]
    fn yuan_typed_by_an_owner_become_exact_fen() {
        assert_eq!(parse_yuan("1234.5"), Ok(123_450));
        assert_eq!(parse_yuan("1,234.50"), Ok(123_450));
        assert_eq!(parse_yuan("¥80"), Ok(8_000));
        assert_eq!(parse_yuan("0.01"), Ok(1));
        assert_eq!(parse_yuan(".5"), Ok(50));
        assert_eq!(parse_yuan("12.345"), Err(AmountError::TooManyDecimals));
        assert_eq!(parse_yuan("-5"), Err(AmountError::NotAnAmount));
        assert_eq!(parse_yuan("abc"), Err(AmountError::NotAnAmount));
        assert_eq!(parse_yuan(""), Err(AmountError::NotAnAmount));
        assert_eq!(
            parse_yuan("99999999999999999999"),
            Err(AmountError::TooLarge)
        );
        assert_eq!(yuan_input(123_450), "1234.50");
        assert_eq!(yuan_input(8_000), "80");
        assert_eq!(parse_yuan(&yuan_input(123_405)), Ok(123_405));
    }

    #[test]
    fn money_shows_yuan_with_two_decimals() {
        assert_eq!(money(123_450), "¥1,234.50");
        assert_eq!(money(0), "¥0.00");
    }

    #[test]
    fn progress_and_summary_read_in_both_languages() {
        assert_eq!(progress_text(Lang::ZhCn, 3, 5), "第 3 题 · 还有约 5 题");
        assert_eq!(progress_text(Lang::En, 3, 1), "Question 3 · about 1 more");
        assert_eq!(
            progress_text(Lang::ZhCn, 9, 0),
            "第 9 题 · 快完成了",
            "never 最后一题: an answer may open another question"
        );
        assert_eq!(
            summary_text(Lang::En, 2, 4),
            "2 eligible · 4 need an answer"
        );
    }

    #[test]
    fn a_shared_link_opens_the_measure_in_the_sharers_language() {
        let id = shared::MeasureId::parse("rent-waiver-highway").unwrap();
        assert_eq!(measure_link(id, Lang::ZhCn), "/#rent-waiver-highway");
        assert_eq!(measure_link(id, Lang::En), "/?lang=en#rent-waiver-highway");
    }

    #[test]
    fn a_hash_names_the_measure_to_open() {
        assert_eq!(linked_measure("#vat-exemption"), "vat-exemption");
        assert_eq!(linked_measure(""), "");
    }
}
