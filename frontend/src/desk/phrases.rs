//! The department's saved comment phrases (常用语): what its officials write again and
//! again, one click into a decision's comment. Shared by the whole department.

use leptos::prelude::*;
use shared::api::desk::{PHRASE_MAX_CHARS, PHRASES_PER_DEPARTMENT, PhraseRequest, PhraseView};

use super::{describe, use_desk};
use crate::api;

/// A phrase as sent: its text trimmed.
fn phrase(text: &str) -> PhraseRequest {
    PhraseRequest {
        text: text.trim().to_string(),
    }
}

/// A change to the department's phrases.
#[derive(Clone)]
enum Change {
    Add(PhraseRequest),
    Update(i64, PhraseRequest),
    Remove(i64),
}

#[component]
pub fn PhrasesPage() -> impl IntoView {
    let desk = use_desk();
    let phrases = RwSignal::new(None::<Vec<PhraseView>>);
    let fresh = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let reload = move || {
        leptos::task::spawn_local(async move {
            match api::phrases::list(&desk).await {
                Ok(list) => phrases.set(Some(list.items)),
                Err(e) => desk.fail(&e),
            }
        });
    };
    reload();

    // One call at a time; the list is read again after each.
    let run = move |change: Change| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let reply = match &change {
                Change::Add(p) => api::phrases::add(&desk, p).await,
                Change::Update(id, p) => api::phrases::update(&desk, *id, p).await,
                Change::Remove(id) => api::phrases::remove(&desk, *id).await,
            };
            busy.set(false);
            match reply {
                Ok(()) => {
                    problem.set(None);
                    if matches!(change, Change::Add(_)) {
                        fresh.set(String::new());
                    }
                    reload();
                }
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };
    let add = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = fresh.get_untracked();
        if text.trim().is_empty() {
            problem.set(Some("常用语：请填写内容".into()));
            return;
        }
        run(Change::Add(phrase(&text)));
    };

    let rows = move || {
        let list = phrases.get()?;
        if list.is_empty() {
            return Some(view! { <li class="desk-hint">"本部门还没有常用语。"</li> }.into_any());
        }
        Some(
            list.into_iter()
                .map(|p| {
                    let text = RwSignal::new(p.text.clone());
                    let id = p.id;
                    view! {
                        <li class="desk-phrase-row" data-phrase=p.id.to_string()>
                            <input name="phrase" type="text" maxlength=PHRASE_MAX_CHARS.to_string()
                                aria-label="常用语" prop:value=move || text.get()
                                on:input=move |ev| text.set(event_target_value(&ev)) />
                            <button class="desk-button" type="button" data-phrase-action="save"
                                disabled=move || busy.get()
                                on:click=move |_| run(Change::Update(id, phrase(&text.get_untracked())))>"保存"</button>
                            <button class="desk-button desk-button--warn" type="button" data-phrase-action="delete"
                                disabled=move || busy.get()
                                on:click=move |_| run(Change::Remove(id))>"删除"</button>
                        </li>
                    }
                })
                .collect_view()
                .into_any(),
        )
    };

    view! {
        <section class="desk-page">
            <h1 class="desk-h1">"常用语"</h1>
            <p class="desk-hint">{format!(
                "本部门工作人员共用，办理时一键填入意见栏。每条不超过 {PHRASE_MAX_CHARS} 字，每个部门最多 {PHRASES_PER_DEPARTMENT} 条。"
            )}</p>
            <form class="desk-card desk-filters" on:submit=add>
                <label class="desk-filter desk-filter--wide"><span>"新增常用语"</span>
                    <input name="new_phrase" type="text" maxlength=PHRASE_MAX_CHARS.to_string()
                        placeholder="例如：租赁合同核实无误，同意减免。"
                        prop:value=move || fresh.get() on:input=move |ev| fresh.set(event_target_value(&ev)) />
                </label>
                <button class="desk-button desk-button--primary" type="submit" disabled=move || busy.get()>"添加"</button>
            </form>
            {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            <ul class="desk-card desk-phrase-list">{rows}</ul>
        </section>
    }
}
