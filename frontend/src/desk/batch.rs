//! Batch approval (批量审批): the official ticks routine requests in the queue, sees for
//! each the grant the engine proposes from its answers (or why it must be decided alone),
//! confirms once, and reads each request's outcome — every request is still checked and
//! recorded by the server one by one.

use leptos::prelude::*;
use shared::api::desk::{
    BatchApprovalItem, BatchApprovalRequest, BatchOutcome, BatchPreviewRequest, BatchProposal,
};
use shared::error_code::ErrorCode;
use shared::i18n::requests::not_routine_text;

use super::{DeskPage, LANG, describe, use_desk};
use crate::api;

#[component]
pub fn BatchPanel(ids: Vec<i64>, on_close: Callback<bool>) -> impl IntoView {
    let desk = use_desk();
    let proposals = RwSignal::new(None::<Vec<BatchProposal>>);
    let outcomes = RwSignal::new(None::<Vec<BatchOutcome>>);
    let comment = RwSignal::new(String::new());
    let phrases = RwSignal::new(Vec::<String>::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    let preview = BatchPreviewRequest { ids };
    leptos::task::spawn_local(async move {
        match api::desk::batch_preview(&desk, &preview).await {
            Ok(r) => proposals.set(Some(r.items)),
            Err(e) => problem.set(Some(describe(&e))),
        }
        if let Ok(list) = api::phrases::list(&desk).await {
            phrases.set(list.items.into_iter().map(|p| p.text).collect());
        }
    });

    let routine = move || {
        proposals.with(|p| {
            p.iter()
                .flatten()
                .filter_map(|p| {
                    p.grant.clone().map(|grant| BatchApprovalItem {
                        id: p.id,
                        version: p.version,
                        grant,
                    })
                })
                .collect::<Vec<_>>()
        })
    };
    let approved =
        move || outcomes.with(|o| o.as_ref().is_some_and(|o| o.iter().any(|r| r.approved)));

    let confirm = move |_| {
        let items = routine();
        if items.is_empty() || busy.get_untracked() {
            return;
        }
        let note = comment.get_untracked().trim().to_string();
        let body = BatchApprovalRequest {
            items,
            comment: Some(note).filter(|n| !n.is_empty()),
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let reply = api::desk::batch_approve(&desk, &body).await;
            busy.set(false);
            match reply {
                Ok(r) => {
                    problem.set(None);
                    outcomes.set(Some(r.results));
                }
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };

    let rows = move || {
        let items = proposals.get()?;
        let done = outcomes.get();
        Some(
            items
                .into_iter()
                .map(|p| {
                    let id = p.id;
                    let outcome = done
                        .as_ref()
                        .and_then(|o| o.iter().find(|r| r.id == id).cloned());
                    let proposal = match (&p.grant, p.not_routine) {
                        (Some(g), _) => view! { <span data-grant="">{super::detail::grant_text(g)}</span> }.into_any(),
                        (None, Some(n)) => view! {
                            <span class="desk-hint" data-not-routine=n.as_str()>{"逐件办理："}{not_routine_text(LANG, n)}</span>
                        }
                        .into_any(),
                        (None, None) => ().into_any(),
                    };
                    let result = outcome.map(|o| match (o.approved, o.error) {
                        (true, _) => view! { <span class="chip chip--ok" data-outcome="approved">"已批准"</span> }.into_any(),
                        (false, Some(e)) => {
                            let why = ErrorCode::ALL
                                .iter()
                                .find(|c| c.as_str() == e.code)
                                .map(|c| c.sentence(LANG))
                                // A code this build does not know: the generic sentence,
                                // never the server's English.
                                .unwrap_or(shared::error_code::ErrorCode::Internal.sentence(LANG))
                                .to_string();
                            view! {
                                <span class="chip chip--late" data-outcome=e.code>{"未批准："}{why}</span>
                            }
                            .into_any()
                        }
                        (false, None) => view! { <span class="chip chip--late" data-outcome="refused">"未批准"</span> }.into_any(),
                    });
                    view! {
                        <tr data-proposal=id.to_string() class:desk-row--off=p.grant.is_none()>
                            <td>
                                <a href=DeskPage::Request(id).path() on:click=move |ev| desk.follow(&ev, DeskPage::Request(id))>{p.number}</a>
                            </td>
                            <td>{p.business_name}</td>
                            <td>{proposal}</td>
                            <td>{result}</td>
                        </tr>
                    }
                })
                .collect_view(),
        )
    };
    let chips = move || {
        phrases
            .get()
            .into_iter()
            .map(|text| {
                let insert = text.clone();
                view! {
                    <button class="desk-phrase" type="button" on:click=move |_| {
                        comment.update(|c| {
                            if !c.is_empty() { c.push('\n') }
                            c.push_str(&insert);
                        })
                    }>{text}</button>
                }
            })
            .collect_view()
    };

    view! {
        <section class="desk-card desk-batch" role="dialog" aria-label="批量批准">
            <h2>"批量批准"</h2>
            <p class="desk-hint">
                "按申请时的回答和现行参数测算批准内容；不能按测算直接批准的申请不在本批之列，请逐件办理。确认后逐件核对版本、状态和批准内容，逐件记入办理记录。"
            </p>
            {move || proposals.with(Option::is_none).then(|| view! { <p class="desk-loading" role="status">"正在测算…"</p> })}
            <table class="desk-table">
                <thead><tr>
                    <th scope="col">"申请编号"</th><th scope="col">"企业名称"</th>
                    <th scope="col">"拟批准内容"</th><th scope="col">"结果"</th>
                </tr></thead>
                <tbody>{rows}</tbody>
            </table>
            {move || outcomes.with(Option::is_none).then(|| view! {
                <label class="desk-field"><span>"意见（可选，会发给每位申请人）"</span>
                    <textarea name="batch_comment" rows="2" prop:value=move || comment.get()
                        on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                </label>
                <div class="desk-phrases" aria-label="常用语">{chips}</div>
            })}
            {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            <div class="desk-actions">
                {move || match outcomes.with(Option::is_some) {
                    false => view! {
                        <button class="desk-button desk-button--primary" type="button" data-batch="confirm"
                            disabled=move || busy.get() || routine().is_empty()
                            on:click=confirm>{move || format!("确认批准 {} 件", routine().len())}</button>
                        <button class="desk-button" type="button" on:click=move |_| on_close.run(false)>"取消"</button>
                    }
                    .into_any(),
                    true => view! {
                        <button class="desk-button desk-button--primary" type="button" data-batch="done"
                            on:click=move |_| on_close.run(approved())>"完成"</button>
                    }
                    .into_any(),
                }}
            </div>
        </section>
    }
    .into_any()
}
