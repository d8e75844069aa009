//! 消息 (Messages): what the officials did with the owner's requests. Opening one marks it
//! read and goes to its request.

use leptos::prelude::*;
use shared::api::requests::{MessageView, MessagesResponse};

use super::{AccountPage, failure_view, tr, use_account};
use crate::format::beijing;

#[component]
pub fn MessagesPage() -> impl IntoView {
    let acc = use_account();
    let list = RwSignal::new(None::<Result<MessagesResponse, crate::api::Error>>);
    let load = move || {
        leptos::task::spawn_local(async move {
            let got = crate::api::messages::list(&acc, acc.lang.get_untracked()).await;
            if let Ok(m) = &got {
                acc.unread.set(m.unread);
            }
            list.set(Some(got));
        });
    };
    load();
    // The server writes the messages in the owner's language.
    Effect::new(move |first: Option<()>| {
        acc.lang.track();
        if first.is_some() {
            load();
        }
    });
    let open = move |m: MessageView| {
        if !m.read {
            leptos::task::spawn_local(async move {
                let _ = crate::api::messages::mark_read(&acc, m.id).await;
                acc.load_unread();
            });
        }
        acc.navigate(AccountPage::Request(m.request_id));
    };
    move || {
        let l = acc.lang.get();
        match list.get() {
            None => view! { <p class="loading" role="status">{tr(l, "正在加载…", "Loading…")}</p> }.into_any(),
            Some(Err(e)) => failure_view(l, &e, Callback::new(move |_| load())).into_any(),
            Some(Ok(m)) if m.messages.is_empty() => view! {
                <div class="msg msg--info"><p class="msg__text">{tr(l, "还没有消息。部门办理您的申请时，消息会出现在这里。", "No messages yet. When a department acts on your request, it shows here.")}</p></div>
            }.into_any(),
            Some(Ok(m)) => {
                let items = m
                    .messages
                    .into_iter()
                    .map(|msg| {
                        let read = msg.read;
                        let href = super::account_href(AccountPage::Request(msg.request_id), l);
                        let text = msg.text.clone();
                        let at = beijing(msg.at);
                        let number = msg.number.clone();
                        let mid = msg.id;
                        view! {
                            <li class="cell message" class:message--unread=!read data-message=mid data-read=read.to_string()>
                                <a class="message__link" href=href on:click=move |ev| { ev.prevent_default(); open(msg.clone()); }>
                                    <span class="message__head"><span class="message__number">{number}</span><span class="message__at">{at}</span></span>
                                    <span class="message__text">{text}</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="cells messages">{items}</ul> }.into_any()
            }
        }
    }
}
