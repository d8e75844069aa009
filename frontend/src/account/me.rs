//! 我 (Me): the business profile, language, care mode, sign out.

use leptos::prelude::*;
use shared::Lang;
use shared::account::phone::mask;
use shared::credit_code::mask_credit_code;
use shared::i18n::Label;

use super::{AccountPage, tr, use_account};

#[component]
pub fn MePage() -> impl IntoView {
    let acc = use_account();
    move || {
        let l = acc.lang.get();
        let profile = acc.me.get().map(|me| {
            let business = me.business.map(|b| {
                view! {
                    <li class="cell cell--row"><span class="cell__title">{tr(l, "名称", "Name")}</span>
                        <span class="cell__value" data-field="business_name">{b.business_name}</span></li>
                    <li class="cell cell--row"><span class="cell__title">{tr(l, "主体类型", "Kind")}</span>
                        <span class="cell__value">{b.entity_type.label(l)}</span></li>
                    <li class="cell cell--row"><span class="cell__title">{tr(l, "信用代码", "Credit code")}</span>
                        <span class="cell__value">{mask_credit_code(b.credit_code.as_str())}</span></li>
                }
            });
            view! {
                <h2 class="page__title">{tr(l, "企业信息", "The business")}</h2>
                <ul class="cells" data-signed-in="true">
                    {business}
                    <li class="cell cell--row"><span class="cell__title">{tr(l, "手机号", "Mobile")}</span>
                        <span class="cell__value">{mask(me.phone.as_str())}</span></li>
                </ul>
            }
        });
        view! {
            <section class="page-tab page-me">
                {profile}
                <ul class="cells">
                    <li class="cell cell--row">
                        <a class="cell__link" href=super::account_href(AccountPage::Requests, l)
                            on:click=move |ev| { ev.prevent_default(); acc.navigate(AccountPage::Requests); }>
                            {tr(l, "我的申请", "My requests")}</a>
                    </li>
                </ul>
                <Prefs />
                <button class="button button--default" type="button" name="sign_out"
                    on:click=move |_| acc.sign_out()>{tr(l, "退出登录", "Sign out")}</button>
            </section>
        }
    }
}

/// Language and care mode: on Me whether signed in or not.
#[component]
pub fn Prefs() -> impl IntoView {
    let acc = use_account();
    move || {
        let l = acc.lang.get();
        view! {
            <ul class="cells">
                <li class="cell cell--row">
                    <span class="cell__title">{tr(l, "语言", "Language")}</span>
                    <span class="segmented">
                        <button type="button" name="lang" value="zh-CN" aria-pressed=(l == Lang::ZhCn).to_string()
                        on:click=move |_| acc.set_lang(Lang::ZhCn)>"中文"</button>
                        <button type="button" name="lang" value="en" aria-pressed=(l == Lang::En).to_string()
                        on:click=move |_| acc.set_lang(Lang::En)>"English"</button>
                    </span>
                </li>
                <li class="cell cell--row">
                    <label class="switch">
                        <span class="cell__title">{tr(l, "关怀模式（大字）", "Care mode (larger text)")}</span>
                        <input type="checkbox" role="switch" name="care_mode"
                        prop:checked=move || acc.care.get()
                        on:change=move |ev| acc.care.set(event_target_checked(&ev)) />
                    </label>
                </li>
            </ul>
        }
    }
}
