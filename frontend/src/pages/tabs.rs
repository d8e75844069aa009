//! The tabs of later issues, saying what they will hold; and "Me" with the language and
//! care mode.

use leptos::prelude::*;
use shared::Lang;

use crate::state::use_app;
use crate::text::text;

#[component]
pub fn RequestsPage() -> impl IntoView {
    let lang = use_app().lang;
    view! {
        <section class="page-tab">
            <h2 class="page__title">{move || text(lang.get()).tab_requests}</h2>
            <div class="msg msg--info">
                <p class="msg__text">{move || text(lang.get()).requests_intro}</p>
                <p class="msg__note">{move || text(lang.get()).sign_in_soon}</p>
            </div>
        </section>
    }
}

#[component]
pub fn MessagesPage() -> impl IntoView {
    let lang = use_app().lang;
    view! {
        <section class="page-tab">
            <h2 class="page__title">{move || text(lang.get()).tab_messages}</h2>
            <div class="msg msg--info">
                <p class="msg__text">{move || text(lang.get()).messages_intro}</p>
                <p class="msg__note">{move || text(lang.get()).sign_in_soon}</p>
            </div>
        </section>
    }
}

#[component]
pub fn MePage() -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    view! {
        <section class="page-tab">
            <h2 class="page__title">{move || text(lang.get()).tab_me}</h2>
            <div class="msg msg--info">
                <p class="msg__text">{move || text(lang.get()).me_intro}</p>
                <p class="msg__note">{move || text(lang.get()).sign_in_soon}</p>
            </div>
            <ul class="cells">
                <li class="cell cell--row">
                    <span class="cell__title">{move || text(lang.get()).language}</span>
                    <span class="segmented">
                        <button type="button" name="lang" value="zh-CN" aria-pressed=move || (lang.get() == Lang::ZhCn).to_string()
                            on:click=move |_| app.set_lang(Lang::ZhCn)>"中文"</button>
                        <button type="button" name="lang" value="en" aria-pressed=move || (lang.get() == Lang::En).to_string()
                            on:click=move |_| app.set_lang(Lang::En)>"English"</button>
                    </span>
                </li>
                <li class="cell cell--row">
                    <label class="switch">
                        <span class="cell__title">{move || text(lang.get()).care_mode}</span>
                        <input type="checkbox" role="switch" name="care_mode"
                            prop:checked=move || app.care.get()
                            on:change=move |ev| app.care.set(event_target_checked(&ev)) />
                    </label>
                </li>
            </ul>
        </section>
    }
}
