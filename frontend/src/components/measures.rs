//! The measures, grouped by how a business obtains them.

use leptos::prelude::*;
use shared::Lang;
use shared::catalog::{Catalog, How, Measure};
use shared::i18n::Label;

use crate::format::{labelled, linked_measure, period_text};
use crate::text::text;

/// Every measure of the catalog, in groups: apply, claim when filing taxes, automatic, guidance.
#[component]
pub fn MeasureGroups(catalog: Catalog, lang: Lang) -> impl IntoView {
    let t = text(lang);
    // A link to `#measure-id` opens that measure.
    let hash = leptos::prelude::window()
        .location()
        .hash()
        .unwrap_or_default();
    let linked = linked_measure(&hash);
    let groups = How::ALL
        .iter()
        .map(|&how| {
            let measures: Vec<&Measure> =
                catalog.measures.iter().filter(|m| m.how == how).collect();
            let count = measures.len();
            let cells = measures
                .into_iter()
                .map(|m| measure_cell(&catalog, m, lang, m.id.as_str() == linked))
                .collect_view();
            view! {
                <section class="group" data-how=how.as_str()>
                    <h2 class="group__title">
                        {how.label(lang)}
                        <span class="group__count">{format!(" {count} {}", t.count_suffix)}</span>
                    </h2>
                    <ul class="cells">{cells}</ul>
                </section>
            }
        })
        .collect_view();
    view! {
        <h2 class="visually-hidden">{t.measures_heading}</h2>
        {groups}
        <footer class="footer">
            <p>{labelled(lang, t.source, &catalog.source)}</p>
            <p>{labelled(lang, t.version, &catalog.version)}</p>
        </footer>
    }
}

fn measure_cell(catalog: &Catalog, m: &Measure, lang: Lang, open: bool) -> impl IntoView + use<> {
    let t = text(lang);
    let departments = shared::i18n::offices_text(catalog, lang, &m.departments, None, None);
    let period = period_text(lang, &m.period);
    let share_link = crate::format::measure_link(m.id, lang);
    let poster = crate::api::share::measure_poster(m.id, lang);
    view! {
        <li class="cell" id=m.id.to_string()>
            <details open=open>
                <summary class="cell__summary">
                    <span class="cell__title">{m.title.get(lang).to_string()}</span>
                    <span class="cell__tag">{m.clause.clone()}</span>
                    <span class="cell__desc">{m.summary.get(lang).to_string()}</span>
                </summary>
                <dl class="cell__body">
                    <dt>{t.steps}</dt>
                    <dd>{m.steps.get(lang).to_string()}</dd>
                    <dt>{t.period}</dt>
                    <dd>{period}</dd>
                    <dt>{t.departments}</dt>
                    <dd>{departments}</dd>
                    <dt>{format!("{} {} {}", t.original, t.clause, m.clause)}</dt>
                    <dd><blockquote class="cell__quote" lang="zh-CN">{m.original.clone()}</blockquote></dd>
                    <dt>{t.share}</dt>
                    <dd class="cell__links">
                        <a href=share_link.clone()>{t.share_link}</a>
                        <a href=poster target="_blank" rel="noopener">{t.poster}</a>
                    </dd>
                </dl>
            </details>
        </li>
    }
}
