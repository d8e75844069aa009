//! The shell: header, notice, and the home page listing the measures.

use leptos::prelude::*;
use shared::Lang;

use crate::api;
use crate::measures::MeasureGroups;
use crate::text::text;

#[component]
pub fn App() -> impl IntoView {
    let (lang, set_lang) = signal(Lang::ZhCn);
    let catalog = LocalResource::new(api::catalog);
    Effect::new(move |_| {
        let html = leptos::prelude::document().document_element();
        if let Some(html) = html {
            let _ = html.set_attribute("lang", lang.get().as_str());
        }
    });
    let t = move || text(lang.get());
    view! {
        <header class="navbar">
            <h1 class="navbar__title">{move || t().app_name}</h1>
            <button
                class="navbar__lang"
                type="button"
                on:click=move |_| set_lang.update(|l| *l = if *l == Lang::ZhCn { Lang::En } else { Lang::ZhCn })
            >
                {move || t().switch_language}
            </button>
        </header>
        <main class="page">
            <section class="intro">
                <p class="intro__tagline">{move || t().tagline}</p>
            </section>
            {move || match catalog.get() {
                None => view! { <p class="loading" role="status">{t().loading}</p> }.into_any(),
                Some(Err(error)) => {
                    let message = match error {
                        api::Error::Network => t().offline,
                        _ => t().server_error,
                    };
                    view! {
                        <div class="error" role="alert">
                            <p>{message}</p>
                            <button class="button button--default" type="button" on:click=move |_| catalog.refetch()>
                                {t().retry}
                            </button>
                        </div>
                    }
                    .into_any()
                }
                Some(Ok(catalog)) => {
                    let lang = lang.get();
                    view! {
                        <p class="notice" role="note">{catalog.notice.get(lang).to_string()}</p>
                        <MeasureGroups catalog=catalog lang=lang />
                    }
                    .into_any()
                }
            }}
        </main>
    }
}
