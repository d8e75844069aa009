//! 出资方确认 on the desk: an official lists, for a provider (the power company's branch, a
//! landlord, a service-area operator) and a month, the lines of the department's approved
//! requests it is to deliver, and sends the one-time link or the Excel template; the list
//! shows each confirmation's answer, overdue ones marked. Supervisors see every department's.

use leptos::prelude::*;
use shared::account::Role;
use shared::api::confirmations::{
    ConfirmationState, ConfirmationView, CreatedConfirmation, LineState, NewConfirmation,
};
use shared::api::desk::{QueueFilter, QueueItem};
use shared::application::RequestState;
use shared::i18n::ledger::entry_text;

use super::{LANG, beijing, describe, use_desk};
use crate::api;
use crate::format::money;

fn state_text(v: &ConfirmationView) -> &'static str {
    match (v.state, v.overdue) {
        (ConfirmationState::Answered, _) => "已回复",
        (_, true) => "逾期未回复",
        (ConfirmationState::Expired, false) => "链接已过期",
        (ConfirmationState::Open, false) => "待回复",
    }
}

fn lines(v: &ConfirmationView) -> impl IntoView + use<> {
    let rows = v
        .lines
        .iter()
        .map(|l| {
            let answer = match l.state {
                LineState::Pending => "—".to_string(),
                LineState::Done => format!(
                    "已办 {}（{}）",
                    money(l.confirmed_fen.unwrap_or(0)),
                    l.confirmed_on.map(|d| d.to_string()).unwrap_or_default()
                ),
                LineState::NotDone => format!("未办：{}", l.reason.clone().unwrap_or_default()),
            };
            view! {
                <tr data-line=l.line>
                    <td>{l.line}</td><td>{l.number.clone()}</td><td>{l.business_name.clone()}</td>
                    <td>{entry_text(LANG, l.kind)}{l.month.clone().map(|m| format!("（{m}）"))}</td>
                    <td>{money(l.expected_fen)}</td><td data-answer="">{answer}</td>
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="desk-table">
            <thead><tr><th scope="col">"行号"</th><th scope="col">"申请编号"</th><th scope="col">"经营者"</th>
                <th scope="col">"事项"</th><th scope="col">"应办金额"</th><th scope="col">"出资方回复"</th></tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}

#[component]
pub fn ConfirmationsPage() -> impl IntoView {
    let desk = use_desk();
    let official = desk
        .me
        .get_untracked()
        .is_some_and(|m| m.role == Role::Official);
    let list = RwSignal::new(None::<Vec<ConfirmationView>>);
    let approved = RwSignal::new(Vec::<QueueItem>::new());
    let chosen = RwSignal::new(Vec::<i64>::new());
    let provider = RwSignal::new(String::new());
    let month = RwSignal::new(String::new());
    let created = RwSignal::new(None::<CreatedConfirmation>);
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let reload = move || {
        leptos::task::spawn_local(async move {
            match api::confirmations::list(&desk).await {
                Ok(l) => list.set(Some(l)),
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };
    reload();
    if official {
        leptos::task::spawn_local(async move {
            let filter = QueueFilter {
                status: Some(RequestState::Approved),
                ..QueueFilter::default()
            };
            if let Ok(q) = api::desk::queue(&desk, &filter, None, Some(200)).await {
                approved.set(q.items);
            }
        });
    }
    let send = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let new = NewConfirmation {
            provider: provider.get_untracked(),
            month: month.get_untracked(),
            requests: chosen.get_untracked(),
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::confirmations::create(&desk, &new).await {
                Ok(c) => {
                    problem.set(None);
                    created.set(Some(c));
                    chosen.set(Vec::new());
                    reload();
                }
                Err(e) => problem.set(Some(describe(&e))),
            }
            busy.set(false);
        });
    };
    let template = move |id: i64| {
        leptos::task::spawn_local(async move {
            let got = api::confirmations::template(&desk, id)
                .await
                .and_then(|f| super::client::deliver(f, false));
            if let Err(e) = got {
                problem.set(Some(describe(&e)));
            }
        });
    };
    let picker = move || {
        approved
            .get()
            .into_iter()
            .map(|r| {
                let id = r.id;
                view! {
                    <li><label class="desk-check">
                        <input type="checkbox" name="confirm_request" value=id
                            prop:checked=move || chosen.with(|c| c.contains(&id))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                chosen.update(|c| {
                                    c.retain(|x| *x != id);
                                    if on {
                                        c.push(id);
                                    }
                                });
                            } />
                        {format!("{} · {}", r.number, r.business_name)}
                    </label></li>
                }
            })
            .collect_view()
    };
    let new_one = move || {
        created.get().map(|c| {
            let id = c.confirmation.id;
            view! {
                <section class="desk-card desk-confirmation-sent" data-sent=id>
                    <h2>{format!("确认单第{}号已生成：{} · {}", id, c.confirmation.provider, c.confirmation.month)}</h2>
                    <p>"把下面的链接发给出资方（只能使用一次，"{c.confirmation.expires_at.format("%Y-%m-%d").to_string()}" 前有效；无需账号，只能看到本确认单的各行）："</p>
                    <p><input class="desk-link-box" type="text" readonly name="confirmation_link" prop:value=c.link.clone() /></p>
                    <p><button class="desk-button" type="button" data-action="template" on:click=move |_| template(id)>"下载 Excel 模板"</button></p>
                    {lines(&c.confirmation)}
                </section>
            }
        })
    };
    let history = move || {
        list.get().map(|l| {
            if l.is_empty() {
                return view! { <p class="desk-hint">"还没有发出确认单。"</p> }.into_any();
            }
            l.into_iter()
                .map(|v| {
                    let id = v.id;
                    view! {
                        <details class="desk-card desk-confirmation" data-confirmation=id data-state=v.state.as_str() data-overdue=v.overdue.to_string()>
                            <summary>{format!(
                                "第{}号 · {} · {} · {} 行，应办 {} · {} · 请于 {} 前回复",
                                v.id, v.provider, v.month, v.lines.len(), money(v.total_expected_fen), state_text(&v), v.answer_by
                            )}</summary>
                            <p class="desk-hint">{format!("发出于 {}", beijing(v.created_at))}
                                {v.answered_at.map(|a| format!("；{} 回复于 {}", if v.answered_by.as_deref() == Some("upload") { "上传模板" } else { "在线" }, beijing(a)))}</p>
                            <p><button class="desk-button" type="button" on:click=move |_| template(id)>"下载 Excel 模板"</button></p>
                            {lines(&v)}
                        </details>
                    }
                })
                .collect_view()
                .into_any()
        })
    };
    view! {
        <section class="desk-page">
            <h1 class="desk-h1">"出资方确认"</h1>
            <p class="desk-hint">"缓缴的水电气费由供电、供水、供气企业结清，租金由出租方或服务区经营方退还：请出资方逐行确认金额和日期，或说明未办原因。确认的各行自动记入台账，注明来源。"</p>
            {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            {new_one}
            {official.then(|| view! {
                <form class="desk-card" on:submit=send data-form="confirmation">
                    <h2>"发出确认单"</h2>
                    <div class="desk-filters">
                        <label class="desk-filter"><span>"出资方"</span>
                            <input name="confirmation_provider" type="text" maxlength="100" placeholder="国网巴州供电公司库尔勒供电分公司"
                                on:input=move |ev| provider.set(event_target_value(&ev)) /></label>
                        <label class="desk-filter"><span>"月份"</span>
                            <input name="confirmation_month" type="month"
                                on:change=move |ev| month.set(event_target_value(&ev)) /></label>
                    </div>
                    <p class="desk-hint">"勾选本部门已批准的申请（列出其中该月缓缴的费用、待退还的租金和待发放的资金）："</p>
                    <ul class="desk-checklist">{picker}</ul>
                    <button class="desk-button desk-button--primary" type="submit" data-action="send-confirmation"
                        disabled=move || busy.get() || chosen.with(Vec::is_empty)>"生成确认单"</button>
                </form>
            })}
            <h2 class="desk-h2">"已发出的确认单"</h2>
            {history}
        </section>
    }
}
