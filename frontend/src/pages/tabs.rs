//! The tabs of later issues, saying what they will hold; and "Me" with the language and
//! care mode. Each re-renders whole when the language changes (one reactive closure a page
//! keeps the WASM small).

use leptos::prelude::*;
use shared::Lang;

use crate::state::use_app;
use crate::text::{Text, text};

/// A tab that says what it will hold.
fn coming(title: fn(&Text) -> &'static str, intro: fn(&Text) -> &'static str) -> impl IntoView {
    let lang = use_app().lang;
    move || {
        let t = text(lang.get());
        view! {
            <section class="page-tab">
                <h2 class="page__title">{title(t)}</h2>
                <div class="msg msg--info">
                    <p class="msg__text">{intro(t)}</p>
                    <p class="msg__note">{t.sign_in_soon}</p>
                </div>
            </section>
        }
    }
}

#[component]
pub fn RequestsPage() -> impl IntoView {
    coming(|t| t.tab_requests, |t| t.requests_intro)
}

#[component]
pub fn MessagesPage() -> impl IntoView {
    coming(|t| t.tab_messages, |t| t.messages_intro)
}

#[component]
pub fn MePage() -> impl IntoView {
    let app = use_app();
    move || {
        let lang = app.lang.get();
        let t = text(lang);
        view! {
            <section class="page-tab">
                <h2 class="page__title">{t.tab_me}</h2>
                <div class="msg msg--info">
                    <p class="msg__text">{t.me_intro}</p>
                    <p class="msg__note">{t.sign_in_soon}</p>
                </div>
                <ul class="cells">
                    <li class="cell cell--row">
                        <span class="cell__title">{t.language}</span>
                        <span class="segmented">
                            <button type="button" name="lang" value="zh-CN" aria-pressed=(lang == Lang::ZhCn).to_string()
                                on:click=move |_| app.set_lang(Lang::ZhCn)>"中文"</button>
                            <button type="button" name="lang" value="en" aria-pressed=(lang == Lang::En).to_string()
                                on:click=move |_| app.set_lang(Lang::En)>"English"</button>
                        </span>
                    </li>
                    <li class="cell cell--row">
                        <label class="switch">
                            <span class="cell__title">{t.care_mode}</span>
                            <input type="checkbox" role="switch" name="care_mode"
                                prop:checked=move || app.care.get()
                                on:change=move |ev| app.care.set(event_target_checked(&ev)) />
                        </label>
                    </li>
                </ul>
            </section>
        }
    }
}
