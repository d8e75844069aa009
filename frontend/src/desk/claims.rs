//! Credit codes on the administrators' page: the owners' claims on codes another account
//! registered (granted or refused, with the reason the claimant reads), and a code taken back
//! from the account holding it. The server records each step in the audit log.

use leptos::prelude::*;
use shared::account::code_claim::{
    ClaimDecision, ClaimParty, ClaimReview, MergeRequest, ReleaseCodeRequest,
};
use shared::credit_code::CreditCode;
use shared::i18n::Label;

use super::{LANG, beijing, describe, use_desk};
use crate::api;

/// An account on one side of a claim, as the administrator weighs it.
fn party(p: &ClaimParty) -> String {
    format!(
        "#{} · {} · {} · 注册于 {} · 申请 {} 件{}{}",
        p.user_id,
        p.phone_masked,
        p.business_name,
        beijing(p.registered_at),
        p.requests,
        if p.verified {
            " · 营业执照已核验"
        } else {
            ""
        },
        if p.disabled { " · 已停用" } else { "" },
    )
}

#[component]
pub fn CodeClaims() -> impl IntoView {
    let desk = use_desk();
    let claims = RwSignal::new(None::<Vec<ClaimReview>>);
    let reload = move || {
        leptos::task::spawn_local(async move {
            match api::users::claims(&desk, None).await {
                Ok(list) => claims.set(Some(list.claims)),
                Err(e) => desk.fail(&e),
            }
        });
    };
    reload();
    let rows = move || {
        let list = claims.get()?;
        if list.is_empty() {
            return Some(
                view! { <p class="desk-hint" data-claims="none">"没有待审核的认领。"</p> }
                    .into_any(),
            );
        }
        Some(
            list.into_iter()
                .map(|c| view! { <Claim claim=c on_done=Callback::new(move |()| reload()) /> })
                .collect_view()
                .into_any(),
        )
    };
    view! {
        <section class="desk-card" data-claims="">
            <h2>"信用代码认领"</h2>
            <p class="desk-hint">"企业的信用代码被他人抢先注册时，真正的经营者可以申请认领。核对营业执照和认领说明后决定；通过后代码从原账号转到认领人账号，原账号不能再以该代码提交申请。"</p>
            {rows}
        </section>
        <Release />
        <Merge />
    }
}

/// One pending claim: both accounts, the statement, and the decision with its reason.
#[component]
fn Claim(claim: ClaimReview, on_done: Callback<()>) -> impl IntoView {
    let desk = use_desk();
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let id = claim.id;
    let decide = move |grant: bool| {
        if busy.get_untracked() {
            return;
        }
        let body = ClaimDecision {
            grant,
            reason: reason.get_untracked().trim().to_string(),
        };
        if body.reason.chars().count() < 2 {
            problem.set(Some("理由：请写明决定的依据（认领人可见）".into()));
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let reply = api::users::decide_claim(&desk, id, &body).await;
            busy.set(false);
            match reply {
                Ok(_) => on_done.run(()),
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };
    view! {
        <div class="desk-claim" data-claim=claim.id.to_string()>
            <p><strong class="desk-mono">{claim.credit_code.as_str().to_string()}</strong>
                " · " {claim.entity_type.label(LANG)} " · 申请于 " {beijing(claim.filed_at)}</p>
            <dl class="desk-fields">
                <dt>"认领人"</dt><dd data-party="claimant">{party(&claim.claimant)}</dd>
                <dt>"现持有账号"</dt><dd data-party="holder">{claim.holder.as_ref().map(party).unwrap_or_else(|| "无（代码已收回）".into())}</dd>
                <dt>"认领说明"</dt><dd>{claim.statement.clone()}</dd>
            </dl>
            <label class="desk-field"><span>"理由（认领人可见）"</span>
                <textarea name="reason" rows="2" prop:value=move || reason.get()
                    on:input=move |ev| reason.set(event_target_value(&ev))></textarea>
            </label>
            {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            <div class="desk-actions">
                <button class="desk-button desk-button--primary" type="button" data-decide="grant"
                    disabled=move || busy.get() on:click=move |_| decide(true)>"通过：把代码转给认领人"</button>
                <button class="desk-button desk-button--warn" type="button" data-decide="refuse"
                    disabled=move || busy.get() on:click=move |_| decide(false)>"不通过"</button>
            </div>
        </div>
    }
}

/// Takes a code back from the account holding it (a registration in a business's name by
/// someone else): that account keeps its requests, without the code.
#[component]
fn Release() -> impl IntoView {
    let desk = use_desk();
    let code = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Ok(credit_code) = CreditCode::parse(code.get_untracked().trim()) else {
            problem.set(Some("信用代码：请输入 18 位有效代码".into()));
            return;
        };
        let body = ReleaseCodeRequest {
            credit_code,
            reason: reason.get_untracked().trim().to_string(),
        };
        if body.reason.chars().count() < 2 {
            problem.set(Some("理由：请写明收回的依据（记入审计日志）".into()));
            return;
        }
        let question = format!(
            "从持有账号收回信用代码 {}？该账号将不能再以此代码提交申请。",
            body.credit_code.as_str()
        );
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let reply = api::users::release_code(&desk, &body).await;
            busy.set(false);
            match reply {
                Ok(outcome) => {
                    problem.set(None);
                    done.set(Some(format!(
                        "已从 {} 收回。",
                        party(&outcome.released_from)
                    )));
                    code.set(String::new());
                    reason.set(String::new());
                }
                Err(e) => {
                    done.set(None);
                    problem.set(Some(describe(&e)));
                }
            }
        });
    };
    view! {
        <form class="desk-card" data-release="" on:submit=submit>
            <h2>"收回信用代码"</h2>
            <div class="desk-filters">
                <label class="desk-filter"><span>"信用代码"</span>
                    <input name="release_code" class="desk-mono" prop:value=move || code.get()
                        on:input=move |ev| code.set(event_target_value(&ev)) />
                </label>
                <label class="desk-filter desk-filter--wide"><span>"理由（记入审计日志）"</span>
                    <input name="release_reason" prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev)) />
                </label>
            </div>
            {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            {move || done.get().map(|d| view! { <p class="desk-hint" role="status" data-released="">{d}</p> })}
            <button class="desk-button desk-button--warn" type="submit" disabled=move || busy.get()>"收回"</button>
        </form>
    }
}

/// Merges an owner's account into another's (the same business registered twice, or the
/// code claimed from a new phone): the requests move, the old account is signed out.
#[component]
fn Merge() -> impl IntoView {
    let desk = use_desk();
    let from = RwSignal::new(String::new());
    let into = RwSignal::new(String::new());
    let reason = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let (Ok(from_id), Ok(into_id)) = (
            from.get_untracked()
                .trim()
                .trim_start_matches('#')
                .parse::<i64>(),
            into.get_untracked()
                .trim()
                .trim_start_matches('#')
                .parse::<i64>(),
        ) else {
            problem.set(Some("账号：请填写两个账号的编号（认领记录中的 #）".into()));
            return;
        };
        let body = MergeRequest {
            into: into_id,
            reason: reason.get_untracked().trim().to_string(),
        };
        if body.reason.chars().count() < 2 {
            problem.set(Some("理由：请写明合并的依据（记入审计日志）".into()));
            return;
        }
        let question = format!(
            "把账号 #{from_id} 的申请合并到账号 #{into_id}？#{from_id} 将被停用并退出登录。"
        );
        if !window().confirm_with_message(&question).unwrap_or(false) {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let reply = api::users::merge(&desk, from_id, &body).await;
            busy.set(false);
            match reply {
                Ok(outcome) => {
                    problem.set(None);
                    done.set(Some(format!(
                        "已合并：{} 件申请转到 {}。",
                        outcome.requests_moved,
                        party(&outcome.into)
                    )));
                }
                Err(e) => {
                    done.set(None);
                    problem.set(Some(describe(&e)));
                }
            }
        });
    };
    view! {
        <form class="desk-card" data-merge="" on:submit=submit>
            <h2>"合并经营者账号"</h2>
            <div class="desk-filters">
                <label class="desk-filter"><span>"并入的账号 #"</span>
                    <input name="merge_from" inputmode="numeric" prop:value=move || from.get()
                        on:input=move |ev| from.set(event_target_value(&ev)) />
                </label>
                <label class="desk-filter"><span>"保留的账号 #"</span>
                    <input name="merge_into" inputmode="numeric" prop:value=move || into.get()
                        on:input=move |ev| into.set(event_target_value(&ev)) />
                </label>
                <label class="desk-filter desk-filter--wide"><span>"理由（记入审计日志）"</span>
                    <input name="merge_reason" prop:value=move || reason.get()
                        on:input=move |ev| reason.set(event_target_value(&ev)) />
                </label>
            </div>
            {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            {move || done.get().map(|d| view! { <p class="desk-hint" role="status" data-merged="">{d}</p> })}
            <button class="desk-button desk-button--warn" type="submit" disabled=move || busy.get()>"合并"</button>
        </form>
    }
}
