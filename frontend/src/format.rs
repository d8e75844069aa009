//! The page's words and figures, as pure functions: no browser in them, so they are tested
//! natively (`cargo test -p frontend`).

use shared::Lang;
use shared::catalog::{Catalog, DepartmentId, Period, PeriodBasis};

use crate::api;
use crate::text::text;

/// What to tell a person when a call failed.
pub fn error_message(lang: Lang, error: &api::Error) -> &'static str {
    let t = text(lang);
    match error {
        api::Error::Network => t.offline,
        api::Error::Api { .. } | api::Error::Unexpected { .. } => t.server_error,
    }
}

/// `label：value` in Chinese, `label: value` in English.
pub fn labelled(lang: Lang, label: &str, value: &str) -> String {
    match lang {
        Lang::ZhCn => format!("{label}：{value}"),
        Lang::En => format!("{label}: {value}"),
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

/// The departments, named in the page's language.
pub fn departments_text(catalog: &Catalog, lang: Lang, ids: &[DepartmentId]) -> String {
    ids.iter()
        .filter_map(|d| catalog.department(*d))
        .map(|d| d.name.get(lang))
        .collect::<Vec<_>>()
        .join(if lang == Lang::ZhCn { "、" } else { "; " })
}

/// The measure an address's `#measure-id` points at ("" for none).
pub fn linked_measure(hash: &str) -> &str {
    hash.strip_prefix('#').unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;
    use shared::api::{ErrorBody, ErrorDetail};

    fn catalog() -> Catalog {
        shared::examples::shipped().unwrap()
    }

    #[test]
    fn a_lost_network_asks_to_retry_and_a_server_error_says_so() {
        assert!(error_message(Lang::ZhCn, &api::Error::Network).contains("网络"));
        let body = ErrorBody {
            error: ErrorDetail {
                code: "internal".into(),
                message: "internal error".into(),
                field: None,
            },
        };
        let failed = api::Error::Api { status: 500, body };
        assert_ne!(
            error_message(Lang::En, &failed),
            error_message(Lang::En, &api::Error::Network)
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
        let period = |id| c.measure(id).unwrap().period.clone();
        use shared::MeasureId::*;
        assert_eq!(
            period_text(Lang::En, &period(VatExemption)),
            "2022-04-01 – 2022-12-31"
        );
        assert_eq!(
            period_text(Lang::En, &period(TaxDeferral)),
            "2022-01-01 – 2022-12-31 (the plan gives no end; this is our reading)"
        );
        assert_eq!(
            period_text(Lang::ZhCn, &period(UnemploymentInsuranceRate)),
            "2022-05-01 – 2023-04-30 (国家文件：人社部发〔2022〕23号)"
        );
        assert_eq!(
            period_text(Lang::En, &period(BidGuarantee)),
            "2022-01-01 onwards (the plan gives no end; this is our reading)"
        );
    }

    #[test]
    fn departments_are_named_in_the_page_language() {
        let c = catalog();
        let ids = [DepartmentId::Finance, DepartmentId::Hrss];
        assert_eq!(
            departments_text(&c, Lang::ZhCn, &ids),
            "州财政局、人力资源和社会保障局"
        );
        assert_eq!(
            departments_text(&c, Lang::En, &ids),
            "Prefecture Finance Bureau; Human Resources and Social Security Bureau"
        );
    }

    #[test]
    fn a_hash_names_the_measure_to_open() {
        assert_eq!(linked_measure("#vat-exemption"), "vat-exemption");
        assert_eq!(linked_measure(""), "");
    }
}
