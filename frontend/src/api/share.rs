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
