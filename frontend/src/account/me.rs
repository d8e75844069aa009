//! 我 (Me): the business profile, language, care mode, sign out.

use leptos::prelude::*;
use shared::Lang;
use shared::account::code_claim::ClaimState;
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
            let claim = me.claim.clone();
            let business = me.business.map(|b| {
                let code = match (&b.credit_code, &claim) {
                    (Some(c), _) => mask_credit_code(c.as_str()),
                    (None, Some(c)) if c.status == ClaimState::Pending => {
                        tr(l, "认领审核中", "Claim being decided").to_string()
                    }
                    _ => tr(l, "未确认（请联系管理员）", "Not confirmed (contact an administrator)")
                        .to_string(),
                };
                view! {
                    <li class="cell cell--row"><span class="cell__title">{tr(l, "名称", "Name")}</span>
                        <span class="cell__value" data-field="business_name">{b.business_name}</span></li>
                    <li class="cell cell--row"><span class="cell__title">{tr(l, "主体类型", "Kind")}</span>
                        <span class="cell__value">{b.entity_type.label(l)}</span></li>
                    <li class="cell cell--row"><span class="cell__title">{tr(l, "信用代码", "Credit code")}</span>
                        <span class="cell__value" data-field="credit_code">{code}</span></li>
                }
            });
            // The claim on a code taken by another account, while it waits and once decided.
            let claim = claim.map(|c| {
                let said = match c.status {
                    ClaimState::Pending => tr(l,
                        "审核中：管理员核对营业执照后会把代码转到您的账号，在此之前不能提交申请。",
                        "Being decided: an administrator checks the licence and moves the code to you; until then you cannot file.").to_string(),
                    ClaimState::Granted => tr(l, "已通过", "Granted").to_string(),
                    ClaimState::Refused => tr(l, "未通过", "Refused").to_string(),
                };
                let reason = c.reason.map(|r| match l {
                    Lang::ZhCn => format!("：{r}"),
                    Lang::En => format!(": {r}"),
                });
                view! {
                    <li class="cell cell--row" data-claim=c.status.as_str()>
                        <span class="cell__title">{tr(l, "代码认领", "Code claim")}</span>
                        <span class="cell__value">{mask_credit_code(c.credit_code.as_str())}</span>
                        <p class="cell__note">{said}{reason}</p>
                    </li>
                }
            });
            view! {
                <h2 class="page__title">{tr(l, "企业信息", "The business")}</h2>
                <ul class="cells" data-signed-in="true">
                    {business}
                    {claim}
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
