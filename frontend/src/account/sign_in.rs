//! Sign in or register, in place of the page that needs it. Each field is checked as it is
//! typed, with the validators the server uses (`shared`).

use leptos::prelude::*;
use shared::Lang;
use shared::account::password::check_password;
use shared::account::phone::{Phone, PhoneError};
use shared::answers::EntityType;
use shared::credit_code::{CreditCode, CreditCodeError};
use shared::i18n::Label;

use super::{Account, explain, tr, use_account};
use crate::api;

pub fn phone_problem(lang: Lang, typed: &str) -> Option<String> {
    match Phone::parse(typed) {
        Ok(_) => None,
        Err(PhoneError::Length(n)) => Some(match lang {
            Lang::ZhCn => format!("手机号应为 11 位数字，现在是 {n} 位"),
            Lang::En => format!("A mobile number has 11 digits, not {n}"),
        }),
        Err(PhoneError::NotDigit { .. }) => Some(
            tr(
                lang,
                "手机号只能包含数字",
                "A mobile number has digits only",
            )
            .into(),
        ),
        Err(PhoneError::Prefix) => Some(
            tr(
                lang,
                "手机号应以 13 至 19 开头",
                "A mainland mobile number starts with 13 to 19",
            )
            .into(),
        ),
    }
}

pub fn credit_code_problem(lang: Lang, typed: &str) -> Option<String> {
    match CreditCode::parse(typed) {
        Ok(_) => None,
        Err(CreditCodeError::Length(n)) => Some(match lang {
            Lang::ZhCn => format!("统一社会信用代码为 18 位，现在是 {n} 位"),
            Lang::En => format!("A unified social credit code has 18 characters, not {n}"),
        }),
        Err(CreditCodeError::Character { position, ch }) => Some(match lang {
            Lang::ZhCn => {
                format!("第 {position} 位“{ch}”不能出现在统一社会信用代码中（不用 I、O、Z、S、V）")
            }
            Lang::En => format!(
                "Character {position} (“{ch}”) cannot appear in a credit code (no I, O, Z, S, V)"
            ),
        }),
        Err(CreditCodeError::Check { .. }) => Some(
            tr(
                lang,
                "校验位不对：请对照营业执照逐位核对",
                "The check character does not match: compare it with the business licence",
            )
            .into(),
        ),
    }
}

/// What is wrong with a claim's statement, checked as the server checks it.
pub fn statement_problem(lang: Lang, typed: &str) -> Option<String> {
    shared::account::code_claim::statement("statement", typed, 10)
        .err()
        .map(|_| {
            tr(
                lang,
                "请写明您与该企业的关系和联系方式（10 至 1000 字）",
                "Say who you are to the business and how to reach you (10 to 1000 characters)",
            )
            .into()
        })
}

fn password_problem(lang: Lang, typed: &str, phone: &str) -> Option<String> {
    let e = check_password(typed, Some(phone.trim())).err()?;
    Some(shared::i18n::password_problem(lang, e).into())
}

/// A labelled input whose problem shows once it has been typed in (or a submit was tried).
#[component]
pub fn Field(
    label: &'static str,
    name: &'static str,
    #[prop(default = "text")] kind: &'static str,
    #[prop(optional)] inputmode: Option<&'static str>,
    #[prop(optional)] autocomplete: Option<&'static str>,
    value: RwSignal<String>,
    problem: Signal<Option<String>>,
    shown: RwSignal<bool>,
) -> impl IntoView {
    let touched = RwSignal::new(false);
    let visible = move || {
        (touched.get() || shown.get())
            .then(|| problem.get())
            .flatten()
    };
    view! {
        <label class="field" class:field--bad=move || visible().is_some()>
            <span class="field__label">{label}</span>
            <input class="field__input" type=kind name=name inputmode=inputmode autocomplete=autocomplete
                prop:value=move || value.get()
                aria-invalid=move || visible().is_some().to_string()
                on:input=move |ev| value.set(event_target_value(&ev))
                on:blur=move |_| touched.set(true) />
            {move || visible().map(|p| view! { <span class="field__error" role="alert">{p}</span> })}
        </label>
    }
}

#[derive(Clone, Copy, PartialEq)]
enum Mode {
    SignIn,
    Register,
}

#[component]
pub fn SignIn() -> impl IntoView {
    let acc: Account = use_account();
    let lang = acc.lang;
    // Filing on a phone no account has used: most likely a first-time owner, so the form
    // opens on 注册 (登录 is one tap away); and the kind of business the self-check was told.
    let filing = acc
        .page
        .with_untracked(|p| matches!(p, super::AccountPage::File(_)));
    let first_time = crate::storage::load_text(super::KNOWN_KEY).is_none();
    let mode = RwSignal::new(if filing && first_time {
        Mode::Register
    } else {
        Mode::SignIn
    });
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let business = RwSignal::new(String::new());
    let told = crate::state::progress_kept()
        .answers
        .choice::<EntityType>(shared::answers::keys::ENTITY_TYPE)
        .map(|e| e.as_str().to_string());
    let entity = RwSignal::new(told.unwrap_or_default());
    let code = RwSignal::new(String::new());
    let shown = RwSignal::new(false);
    let busy = RwSignal::new(false);
    let failed = RwSignal::new(None::<String>);
    // The code typed is held by another account: the owner may claim it instead.
    let claiming = RwSignal::new(false);
    let statement = RwSignal::new(String::new());
    // The statement's problem shows once a claim was tried, not when the panel opens.
    let claim_tried = RwSignal::new(false);

    let phone_p = Signal::derive(move || phone_problem(lang.get(), &phone.get()));
    let password_p = Signal::derive(move || {
        let p = password.get();
        match mode.get() {
            Mode::SignIn => p
                .is_empty()
                .then(|| tr(lang.get(), "请输入密码", "Enter the password").into()),
            Mode::Register => password_problem(lang.get(), &p, &phone.get()),
        }
    });
    let business_p = Signal::derive(move || {
        shared::account::api::business_name(&business.get())
            .err()
            .map(|_| {
                tr(
                    lang.get(),
                    "请填写营业执照上的名称（最多 100 字）",
                    "The name on the licence (at most 100 characters)",
                )
                .into()
            })
    });
    let entity_p = Signal::derive(move || {
        entity
            .get()
            .is_empty()
            .then(|| tr(lang.get(), "请选择主体类型", "Choose the kind of business").into())
    });
    let code_p = Signal::derive(move || credit_code_problem(lang.get(), &code.get()));
    let statement_p = Signal::derive(move || statement_problem(lang.get(), &statement.get()));

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        shown.set(true);
        let register = mode.get_untracked() == Mode::Register;
        let mut problems = vec![phone_p.get_untracked(), password_p.get_untracked()];
        let claim = register && claiming.get_untracked();
        if register {
            problems.extend([
                business_p.get_untracked(),
                entity_p.get_untracked(),
                code_p.get_untracked(),
            ]);
        }
        if claim {
            claim_tried.set(true);
            problems.push(statement_p.get_untracked());
        }
        if problems.iter().any(Option::is_some) {
            return;
        }
        let phone = phone.get_untracked().trim().to_string();
        let password = password.get_untracked();
        let business = business.get_untracked().trim().to_string();
        let entity = entity.get_untracked();
        let code = code.get_untracked().trim().to_uppercase();
        let said = statement.get_untracked();
        busy.set(true);
        failed.set(None);
        leptos::task::spawn_local(async move {
            let registration = api::auth::Registration {
                phone: &phone,
                password: &password,
                business_name: &business,
                entity_type: &entity,
                credit_code: &code,
            };
            let tokens = if claim {
                api::auth::claim(&registration, &said).await
            } else if register {
                api::auth::register(&registration).await
            } else {
                api::auth::login(&phone, &password).await
            };
            match tokens {
                Ok(tokens) => acc.signed_in(tokens),
                Err(e) => {
                    if e.code() == Some(shared::error_code::ErrorCode::CreditCodeTaken) {
                        claiming.set(true);
                    }
                    failed.set(Some(explain(lang.get_untracked(), &e)))
                }
            }
            busy.set(false);
        });
    };

    move || {
        let l = lang.get();
        let m = mode.get();
        let register = m == Mode::Register;
        let entity_options = EntityType::ALL
            .iter()
            .map(|e| view! { <option value=e.as_str()>{e.label(l)}</option> })
            .collect_view();
        view! {
            <section class="sign-in" data-mode=if register { "register" } else { "sign_in" }>
                <div class="segmented segmented--wide" role="tablist">
                    <button type="button" role="tab" aria-pressed=(!register).to_string()
                        on:click=move |_| { mode.set(Mode::SignIn); shown.set(false); failed.set(None); }>{tr(l, "登录", "Sign in")}</button>
                    <button type="button" role="tab" aria-pressed=register.to_string()
                        on:click=move |_| { mode.set(Mode::Register); shown.set(false); failed.set(None); }>{tr(l, "注册", "Register")}</button>
                </div>
                <p class="sign-in__why">{tr(l, "登录后即可在线申请、上传材料、查看办理进度。", "Sign in to file requests, upload documents and follow them.")}</p>
                <form class="form" on:submit=submit on:focusin=move |_| acc.fetch_ahead() novalidate>
                    <Field label=tr(l, "手机号", "Mobile number") name="phone" kind="tel" inputmode="numeric" autocomplete="tel"
                        value=phone problem=phone_p shown=shown />
                    <Field label=tr(l, "密码", "Password") name="password" kind="password"
                        autocomplete=if register { "new-password" } else { "current-password" }
                        value=password problem=password_p shown=shown />
                    {register.then(|| view! {
                        <Field label=tr(l, "企业（个体户）名称", "Business name") name="business_name" autocomplete="organization"
                            value=business problem=business_p shown=shown />
                        <label class="field" class:field--bad=move || shown.get() && entity_p.get().is_some()>
                            <span class="field__label">{tr(l, "主体类型", "Kind of business")}</span>
                            <select class="field__input" name="entity_type" prop:value=move || entity.get()
                                on:change=move |ev| entity.set(event_target_value(&ev))>
                                <option value="">{tr(l, "请选择", "Choose")}</option>
                                {entity_options}
                            </select>
                            {move || shown.get().then(|| entity_p.get()).flatten().map(|p| view! { <span class="field__error" role="alert">{p}</span> })}
                        </label>
                        <Field label=tr(l, "统一社会信用代码", "Unified social credit code") name="credit_code"
                            value=code problem=code_p shown=shown />
                        <p class="field__hint">{move || {
                            let typed = code.get();
                            if typed.trim().is_empty() {
                                tr(l, "营业执照左上方的 18 位代码", "The 18 characters at the top left of the licence")
                            } else if code_p.get().is_none() {
                                tr(l, "✓ 代码有效", "✓ The code is valid")
                            } else {
                                ""
                            }
                        }}</p>
                    })}
                    {move || failed.get().map(|f| view! { <p class="error" role="alert">{f}</p> })}
                    {move || (register && claiming.get()).then(|| view! {
                        <div class="claim" data-claim="">
                            <p class="field__hint">{tr(l,
                                "如果这个代码属于您的企业却被别人注册了：写明您与企业的关系，先开通您的账号；管理员核对营业执照后把代码转到您的账号，在此之前不能提交申请。",
                                "If this code is your business's and someone else registered it: say who you are to the business and open your account now; an administrator checks the licence and moves the code to you. Until then you cannot file.")}</p>
                            <label class="field" class:field--bad=move || claim_tried.get() && statement_p.get().is_some()>
                                <span class="field__label">{tr(l, "认领说明", "Your claim")}</span>
                                <textarea class="field__input" name="statement" rows="3"
                                    prop:value=move || statement.get()
                                    on:input=move |ev| statement.set(event_target_value(&ev))></textarea>
                                {move || claim_tried.get().then(|| statement_p.get()).flatten().map(|p| view! { <span class="field__error" role="alert">{p}</span> })}
                            </label>
                        </div>
                    })}
                    <button class="button button--primary" type="submit" name="submit" disabled=move || busy.get()>
                        {move || if register && claiming.get() {
                            tr(l, "申请认领并注册", "Claim the code and register")
                        } else if register {
                            tr(l, "注册并登录", "Register and sign in")
                        } else {
                            tr(l, "登录", "Sign in")
                        }}
                    </button>
                    {(!register).then(|| view! {
                        <details class="forgot" data-forgot="">
                            <summary>{tr(l, "忘记密码？", "Forgot your password?")}</summary>
                            <p class="field__hint">{tr(l,
                                "请带上营业执照，到所在县市的政务服务大厅纾困政策窗口，或拨打窗口电话；工作人员核实您的身份后为您重置密码。重置后您在所有设备上需要重新登录。",
                                "Take your business licence to the relief desk of your county's government service hall, or call it: once the staff have checked who you are, they set a new password. You then sign in again on every device.")}</p>
                        </details>
                    })}
                </form>
            </section>
        }
    }
}
