//! The shell: header, notice, and the home page listing the measures.

use leptos::prelude::*;
use shared::Lang;

use crate::api;
use crate::measures::MeasureGroups;
use crate::text::text;

/// The language in the address (`?lang=en`), so a shared link opens in it.
fn lang_from_address() -> Lang {
    let search = window().location().search().unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| p.get("lang"))
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default()
}

/// Records the language in the address without reloading.
fn set_lang_in_address(lang: Lang) {
    let url = match lang {
        Lang::ZhCn => "?".to_string(),
        Lang::En => "?lang=en".to_string(),
    };
    if let Ok(history) = window().history() {
        let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
    }
}

#[component]
pub fn App() -> impl IntoView {
    let (lang, set_lang) = signal(lang_from_address());
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
                on:click=move |_| {
                    let next = if lang.get_untracked() == Lang::ZhCn { Lang::En } else { Lang::ZhCn };
                    set_lang_in_address(next);
                    set_lang.set(next);
                }
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
                    let message = crate::format::error_message(lang.get(), &error);
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
