//! The home page: what this is, the button that starts the self-check, and every measure.

use leptos::prelude::*;

use crate::components::measures::MeasureGroups;
use crate::routes::Page;
use crate::state::{href, use_app};
use crate::text::text;

#[component]
pub fn HomePage() -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    let started = move || app.progress.with(|p| !p.trail.is_empty());
    view! {
        <section class="intro">
            <p class="intro__tagline">{move || text(lang.get()).tagline}</p>
            <p class="intro__text">{move || text(lang.get()).check_intro}</p>
            <button class="button button--primary" type="button" on:click=move |_| app.navigate(Page::Check)>
                {move || {
                    let t = text(lang.get());
                    if started() { t.continue_check } else { t.start_check }
                }}
            </button>
            {move || {
                let lang = lang.get();
                let t = text(lang);
                view! {
                    <p class="cell__links intro__share">
                        <a href=href(Page::Check, lang)>{t.share_link}</a>
                        <a href=crate::api::share::poster(lang) target="_blank" rel="noopener">{t.poster}</a>
                    </p>
                }
            }}
        </section>
        {move || app.catalog.get().map(|catalog| view! {
            <p class="notice" role="note">{catalog.notice.get(lang.get()).to_string()}</p>
            <MeasureGroups catalog=(*catalog).clone() lang=lang.get() />
        })}
    }
}
