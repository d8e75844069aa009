//! 督办: the supervising office's notices to departments about their overdue requests, and
//! each step of them — acknowledged, an extension asked and granted or refused, what was
//! done reported, closed. The steps shown are those the `shared` state machine allows.

use leptos::prelude::*;
use shared::api::desk::{NoticeActionRequest, NoticeList, NoticeView};
use shared::application::notice::{NoticeAction, NoticeEvent, NoticeState};
use shared::i18n::requests::status_text;

use super::queue::status_class;
use super::{DeskPage, LANG, beijing, describe, use_desk};
use crate::api;

pub fn state_text(s: NoticeState) -> &'static str {
    match s {
        NoticeState::Issued => "已下达",
        NoticeState::Acknowledged => "已签收",
        NoticeState::ExtensionRequested => "申请延期",
        NoticeState::Reported => "已反馈",
        NoticeState::Closed => "已办结",
    }
}

fn action_text(a: NoticeAction) -> &'static str {
    match a {
        NoticeAction::Acknowledge => "签收",
        NoticeAction::RequestExtension => "申请延期",
        NoticeAction::GrantExtension => "同意延期",
        NoticeAction::RefuseExtension => "不同意延期",
        NoticeAction::Report => "反馈办理情况",
        NoticeAction::Close => "办结",
    }
}

fn event_text(e: NoticeEvent) -> &'static str {
    match e {
        NoticeEvent::Issued => "下达督办通知",
        NoticeEvent::Acknowledge => "签收",
        NoticeEvent::RequestExtension => "申请延期",
        NoticeEvent::GrantExtension => "同意延期",
        NoticeEvent::RefuseExtension => "不同意延期",
        NoticeEvent::Report => "反馈办理情况",
        NoticeEvent::Close => "办结",
    }
}

fn department_name(desk: super::Desk, id: shared::catalog::DepartmentId) -> String {
    desk.catalog
        .with(|c| {
            c.as_ref()
                .and_then(|c| c.department(id))
                .map(|d| d.name.get(LANG).to_string())
        })
        .unwrap_or_else(|| id.as_str().to_string())
}

/// The notices the caller is party to; `open_only` for the banner on a department's queue.
#[component]
pub fn NoticesPage() -> impl IntoView {
    let desk = use_desk();
    let list = RwSignal::new(None::<NoticeList>);
    leptos::task::spawn_local(async move {
        match api::notices::list(&desk).await {
            Ok(l) => list.set(Some(l)),
            Err(e) => desk.fail(&e),
        }
    });
    let rows = move || {
        let items = list.get()?.items;
        if items.is_empty() {
            return Some(
                view! { <tr><td class="desk-empty" colspan="5">"暂无督办通知。"</td></tr> }
                    .into_any(),
            );
        }
        Some(
            items
                .into_iter()
                .map(|n| {
                    let id = n.id;
                    view! {
                        <tr data-notice=id.to_string() data-state=n.status.as_str()>
                            <td><a href=DeskPage::Notice(id).path() on:click=move |ev| desk.follow(&ev, DeskPage::Notice(id))>{n.number.clone()}</a></td>
                            <td>{department_name(desk, n.department)}</td>
                            <td>{n.message}</td>
                            <td>{format!("{} 件", n.requests)}</td>
                            <td>{n.deadline.format("%Y-%m-%d").to_string()}</td>
                            <td><span class="chip">{state_text(n.status)}</span></td>
                        </tr>
                    }
                })
                .collect_view()
                .into_any(),
        )
    };
    view! {
        <section class="desk-page">
            <h1 class="desk-h1">"督办通知"</h1>
            <table class="desk-table">
                <thead><tr>
                    <th scope="col">"编号"</th><th scope="col">"责任部门"</th><th scope="col">"督办事项"</th>
                    <th scope="col">"涉及申请"</th><th scope="col">"反馈期限"</th><th scope="col">"状态"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
        </section>
    }
}

#[component]
pub fn NoticePage(id: i64) -> impl IntoView {
    let desk = use_desk();
    let notice = RwSignal::new(None::<NoticeView>);
    let comment = RwSignal::new(String::new());
    let deadline = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        match api::notices::get_one(&desk, id).await {
            Ok(n) => notice.set(Some(n)),
            Err(e) => desk.fail(&e),
        }
    });
    let act = move |action: NoticeAction| {
        if busy.get_untracked() {
            return;
        }
        let note = comment.get_untracked().trim().to_string();
        let day = deadline.get_untracked().parse().ok();
        let body = NoticeActionRequest {
            action,
            comment: Some(note).filter(|n| !n.is_empty()),
            deadline: day,
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let reply = api::notices::act(&desk, id, &body).await;
            busy.set(false);
            match reply {
                Ok(n) => {
                    problem.set(None);
                    comment.set(String::new());
                    notice.set(Some(n));
                }
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };
    move || {
        let n = notice.get()?;
        let requests = n
            .requests
            .iter()
            .map(|r| {
                let rid = r.id;
                view! {
                    <li>
                        <a href=DeskPage::Request(rid).path() on:click=move |ev| desk.follow(&ev, DeskPage::Request(rid))>{r.number.clone()}</a>
                        " " <span class=status_class(r.status)>{status_text(LANG, r.status)}</span>
                        {format!(" 办结时限 {}", r.due_at.format("%Y-%m-%d"))}
                    </li>
                }
            })
            .collect_view();
        let history = n
            .history
            .iter()
            .rev()
            .map(|e| {
                view! {
                    <li class="timeline__item" data-event=e.kind.as_str()>
                        <time>{beijing(e.at)}</time>
                        <strong>{event_text(e.kind)}</strong>
                        {e.deadline.map(|d| format!("期限 {}", d.format("%Y-%m-%d")))}
                        {e.comment.clone().map(|c| view! { <p class="timeline__comment">{c}</p> })}
                    </li>
                }
            })
            .collect_view();
        let asks_deadline = n.allowed_actions.iter().any(|a| {
            matches!(
                a,
                NoticeAction::RequestExtension | NoticeAction::GrantExtension
            )
        });
        let buttons = n
            .allowed_actions
            .iter()
            .map(|&a| {
                view! {
                    <button class="desk-button" class:desk-button--primary=matches!(a, NoticeAction::Acknowledge | NoticeAction::Report | NoticeAction::Close)
                        type="button" data-action=a.as_str() disabled=move || busy.get()
                        on:click=move |_| act(a)>{action_text(a)}</button>
                }
            })
            .collect_view();
        let actionable = !n.allowed_actions.is_empty();
        Some(view! {
            <section class="desk-page" data-notice=n.id.to_string() data-state=n.status.as_str()>
                <h1 class="desk-h1">{n.number.clone()} <span class="chip chip--soon">{state_text(n.status)}</span>
                    <button class="desk-button desk-button--small" type="button" data-action="print-notice" on:click=move |_| {
                        leptos::task::spawn_local(async move {
                            let opened = api::notices::print(&desk, id)
                                .await
                                .and_then(|file| super::client::deliver(file, true));
                            if let Err(e) = opened {
                                desk.fail(&e);
                            }
                        });
                    }>"打印督办通知书"</button>
                </h1>
                <dl class="desk-fields desk-fields--summary">
                    <dt>"责任部门"</dt><dd>{department_name(desk, n.department)}</dd>
                    <dt>"反馈期限"</dt><dd>{n.deadline.format("%Y-%m-%d").to_string()}</dd>
                    <dt>"下达时间"</dt><dd>{beijing(n.issued_at)}</dd>
                    <dt>"申请延至"</dt><dd>{n.requested_deadline.map(|d| d.format("%Y-%m-%d").to_string()).unwrap_or_else(|| "—".into())}</dd>
                </dl>
                <div class="desk-columns">
                    <div>
                        <section class="desk-card"><h2>"督办事项"</h2><p>{n.message.clone()}</p>
                            <h2>"涉及的超期申请"</h2><ul class="desk-docs">{requests}</ul></section>
                        {actionable.then(|| view! {
                            <section class="desk-card desk-decide">
                                <h2>"办理"</h2>
                                <label class="desk-field"><span>"说明（申请延期、不同意延期、反馈时必填）"</span>
                                    <textarea name="comment" rows="3" prop:value=move || comment.get()
                                        on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                                </label>
                                {asks_deadline.then(|| view! {
                                    <label class="desk-field"><span>"延期至"</span>
                                        <input name="deadline" type="date" on:change=move |ev| deadline.set(event_target_value(&ev)) />
                                    </label>
                                })}
                                {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
                                <div class="desk-actions">{buttons}</div>
                            </section>
                        })}
                    </div>
                    <section class="desk-card"><h2>"办理记录"</h2><ol class="timeline">{history}</ol></section>
                </div>
            </section>
        })
    }
}
