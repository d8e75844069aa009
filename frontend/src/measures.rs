//! The measures, grouped by how a business obtains them.

use leptos::prelude::*;
use shared::Lang;
use shared::catalog::{Catalog, How, Measure, PeriodBasis};
use shared::i18n::Label;

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
    let linked = hash.strip_prefix('#').unwrap_or_default();
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
            <p>{format!("{}：{}", t.source, catalog.source)}</p>
            <p>{format!("{}：{}", t.version, catalog.version)}</p>
        </footer>
    }
}

fn measure_cell(catalog: &Catalog, m: &Measure, lang: Lang, open: bool) -> impl IntoView + use<> {
    let t = text(lang);
    let departments = m
        .departments
        .iter()
        .filter_map(|d| catalog.department(*d))
        .map(|d| d.name.get(lang).to_string())
        .collect::<Vec<_>>()
        .join(if lang == Lang::ZhCn { "、" } else { "; " });
    let period = match m.period.to {
        Some(to) => format!("{} – {}", m.period.from, to),
        None => format!("{} {}", m.period.from, t.period_open),
    };
    let reading = (m.period.basis == PeriodBasis::OurReading).then(|| {
        view! { <span class="cell__note">{format!(" ({})", t.our_reading)}</span> }
    });
    view! {
        <li class="cell" id=m.id.as_str()>
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
                    <dd>{period}{reading}</dd>
                    <dt>{t.departments}</dt>
                    <dd>{departments}</dd>
                    <dt>{format!("{} {} {}", t.original, t.clause, m.clause)}</dt>
                    <dd><blockquote class="cell__quote" lang="zh-CN">{m.original.clone()}</blockquote></dd>
                </dl>
            </details>
        </li>
    }
}
