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
            let may_claim = me.business.as_ref().is_some_and(|b| b.credit_code.is_none())
                && claim.as_ref().is_none_or(|c| c.status != ClaimState::Pending);
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
                    {may_claim.then(|| view! { <ClaimAgain /> })}
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

/// A business without a code (its claim refused, or the code released from the account)
/// claims one again, with what the administrator should know.
#[component]
fn ClaimAgain() -> impl IntoView {
    let acc = use_account();
    let code = RwSignal::new(String::new());
    let statement = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let l = acc.lang.get_untracked();
        let typed = code.get_untracked().trim().to_uppercase();
        let Ok(credit_code) = shared::credit_code::CreditCode::parse(&typed) else {
            problem.set(super::sign_in::credit_code_problem(l, &typed));
            return;
        };
        let said = statement.get_untracked();
        if let Some(p) = super::sign_in::statement_problem(l, &said) {
            problem.set(Some(p));
            return;
        }
        let body = shared::account::code_claim::ClaimAgainRequest {
            credit_code,
            statement: said,
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let reply = crate::api::auth::claim_again(&acc, &body).await;
            busy.set(false);
            match reply {
                Ok(me) => {
                    problem.set(None);
                    acc.me.set(Some(me));
                }
                Err(e) => problem.set(Some(super::explain(acc.lang.get_untracked(), &e))),
            }
        });
    };
    move || {
        let l = acc.lang.get();
        view! {
            <li class="cell">
                <form class="form" data-claim-again="" on:submit=submit novalidate>
                    <p class="field__hint">{tr(l,
                        "您的账号还没有信用代码，不能提交申请。如果代码属于您的企业，可以（再次）申请认领。",
                        "Your account holds no credit code, so it cannot file. If the code is your business's, claim it (again).")}</p>
                    <label class="field">
                        <span class="field__label">{tr(l, "统一社会信用代码", "Unified social credit code")}</span>
                        <input class="field__input" name="claim_code" prop:value=move || code.get()
                            on:input=move |ev| code.set(event_target_value(&ev)) />
                    </label>
                    <label class="field">
                        <span class="field__label">{tr(l, "认领说明", "Your claim")}</span>
                        <textarea class="field__input" name="claim_statement" rows="3" prop:value=move || statement.get()
                            on:input=move |ev| statement.set(event_target_value(&ev))></textarea>
                    </label>
                    {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
                    <button class="button button--default" type="submit" disabled=move || busy.get()>
                        {tr(l, "申请认领", "Claim the code")}</button>
                </form>
            </li>
        }
    }
}
