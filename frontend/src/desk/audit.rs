//! Administrators read the audit log: every sign-in, account change, setting, decision and
//! unmasked contact, newest first, filtered by action and date.

use leptos::prelude::*;
use shared::api::desk::AuditEntryView;

use super::{beijing, use_desk};
use crate::api;

#[component]
pub fn AuditLogPage() -> impl IntoView {
    let desk = use_desk();
    let action = RwSignal::new(String::new());
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let entries = RwSignal::new(Vec::<AuditEntryView>::new());
    let next = RwSignal::new(None::<String>);

    let load = move |more: bool| {
        let (action, from, to) = (
            action.get_untracked(),
            from.get_untracked(),
            to.get_untracked(),
        );
        let cursor = if more { next.get_untracked() } else { None };
        leptos::task::spawn_local(async move {
            let filter = api::desk::AuditFilter {
                action: &action,
                from: &from,
                to: &to,
            };
            match api::desk::audit(&desk, &filter, cursor.as_deref()).await {
                Ok(page) => {
                    next.set(page.next_cursor);
                    if more {
                        entries.update(|e| e.extend(page.items));
                    } else {
                        entries.set(page.items);
                    }
                }
                Err(e) => desk.fail(&e),
            }
        });
    };
    load(false);

    let rows = move || {
        entries
            .get()
            .into_iter()
            .map(|e| {
                let action = e.action.clone();
                view! {
                    <tr data-audit=action>
                        <td>{beijing(e.at)}</td>
                        <td>{e.action}</td>
                        <td>{e.actor_role.unwrap_or_default()} {e.actor_id.map(|a| format!(" #{a}"))}</td>
                        <td>{e.target_id.map(|t| format!("#{t}"))}</td>
                        <td class="desk-mono">{e.phone_masked}</td>
                        <td>{e.client_addr}</td>
                        <td class="desk-wrap">{e.detail}</td>
                    </tr>
                }
            })
            .collect_view()
    };
    view! {
        <section class="desk-page">
            <h1 class="desk-h1">"审计日志"</h1>
            <form class="desk-filters" on:submit=move |ev| { ev.prevent_default(); load(false); }>
                <label class="desk-filter"><span>"操作"</span>
                    <input name="action" type="text" placeholder="如 contact_revealed、login"
                        prop:value=move || action.get() on:input=move |ev| action.set(event_target_value(&ev)) />
                </label>
                <label class="desk-filter"><span>"自"</span>
                    <input name="from" type="date" on:change=move |ev| from.set(event_target_value(&ev)) />
                </label>
                <label class="desk-filter"><span>"至"</span>
                    <input name="to" type="date" on:change=move |ev| to.set(event_target_value(&ev)) />
                </label>
                <button class="desk-button desk-button--primary" type="submit">"查询"</button>
            </form>
            <table class="desk-table">
                <thead><tr>
                    <th scope="col">"时间"</th><th scope="col">"操作"</th><th scope="col">"操作人"</th>
                    <th scope="col">"对象"</th><th scope="col">"手机号"</th><th scope="col">"来源地址"</th><th scope="col">"详情"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            <nav class="desk-pager">
                <button class="desk-button" type="button" disabled=move || next.with(Option::is_none)
                    on:click=move |_| load(true)>"加载更多"</button>
            </nav>
        </section>
    }
}
