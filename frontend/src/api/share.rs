//! What an owner shares: the printable QR posters (`/share/poster.svg`), as links.

use shared::{Lang, MeasureId};

use super::v1;

/// The poster of the self-check, in a language: a link.
pub fn poster(lang: Lang) -> String {
    format!(v1!("/share/poster.svg?lang={}"), lang.as_str())
}

/// The poster of one measure, in a language, for a county office's shop window: a link.
pub fn measure_poster(measure: MeasureId, lang: Lang) -> String {
    format!(
        v1!("/share/poster.svg?measure={}&lang={}"),
        measure.as_str(),
        lang.as_str()
    )
}

/// Counts a completed self-check (the plan's reach): the link's source, the county, the
/// measures found eligible. Nothing else is sent, and a failure changes nothing.
pub async fn count_check(beacon: &shared::api::publicity::ReachBeacon) {
    if let Ok(body) = serde_json::to_string(beacon) {
        let _ = super::send("POST", v1!("/reach"), &[], Some(&body)).await;
    }
}

/// A measure's interpretation page (政策解读), in a language.
pub fn interpretation(measure: MeasureId, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => format!("/measures/{}", measure.as_str()),
        Lang::En => format!("/measures/{}?lang=en", measure.as_str()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_poster_link_names_its_measure_and_language() {
        assert_eq!(
            measure_poster(MeasureId::parse("rent-waiver-highway").unwrap(), Lang::En),
            "/api/v1/share/poster.svg?measure=rent-waiver-highway&lang=en"
        );
        assert_eq!(poster(Lang::ZhCn), "/api/v1/share/poster.svg?lang=zh-CN");
    }
}
