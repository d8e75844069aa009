//! 我的申请 (My requests): the list with status and due date; a request with its timeline,
//! the officials' questions, a reply with documents, and withdrawal — exactly the actions
//! the `shared` state machine allows the owner.

use std::rc::Rc;

use leptos::prelude::*;
use shared::Lang;
use shared::api::requests::{DocumentView, OwnerActionRequest, RequestSummary, RequestView};
use shared::application::{Action, DocumentPurpose, EventKind, RequestState};
use shared::i18n::requests::{event_text, kind_text, status_text};

use super::file::{Attachments, purpose_text};
use super::{AccountPage, client, explain, failure_view, tr, use_account};
use crate::api;
use crate::format::beijing;

/// The offices handling a request (库尔勒市人民政府, the leading one first).
fn offices(lang: Lang, r: &RequestView) -> String {
    use_account().catalog.with(|c| {
        c.as_ref()
            .map(|c| {
                shared::i18n::offices_text(
                    c,
                    lang,
                    &r.departments,
                    r.jurisdiction,
                    r.lead_department,
                )
            })
            .unwrap_or_default()
    })
}

fn measure_title(lang: Lang, m: shared::MeasureId) -> String {
    use_account()
        .catalog
        .with(|c| {
            c.as_ref()
                .and_then(|c| c.measures.iter().find(|x| x.id == m))
                .map(|x| x.title.get(lang).to_string())
        })
        .unwrap_or_else(|| m.as_str().to_string())
}

/// A status as a label: capitalised as English labels are (the sentences keep it lower case).
fn chip(lang: Lang, s: RequestState) -> impl IntoView {
    let label = shared::i18n::capitalized(status_text(lang, s));
    view! { <span class=format!("chip chip--{}", s.as_str()) data-status=s.as_str()>{label}</span> }
}

#[component]
pub fn RequestsPage() -> impl IntoView {
    let acc = use_account();
    let list = RwSignal::new(None::<Result<Vec<RequestSummary>, api::Error>>);
    let load = move || {
        leptos::task::spawn_local(async move {
            list.set(Some(api::requests::list(&acc).await));
        });
    };
    load();
    move || {
        let l = acc.lang.get();
        match list.get() {
            None => view! { <p class="loading" role="status">{tr(l, "正在加载…", "Loading…")}</p> }.into_any(),
            Some(Err(e)) => failure_view(l, &e, Callback::new(move |_| load())).into_any(),
            Some(Ok(items)) if items.is_empty() => view! {
                <div class="msg msg--info">
                    <p class="msg__text">{tr(l, "还没有申请。先做一次自查，看看能享受哪些政策。", "No requests yet. Start with the self-check to see what you qualify for.")}</p>
                    <a class="button button--primary" href=crate::state::href(crate::routes::Page::Check, l)>{tr(l, "开始自查", "Start the self-check")}</a>
                </div>
            }.into_any(),
            Some(Ok(items)) => {
                let rows = items
                    .into_iter()
                    .map(|r| {
                        let page = AccountPage::Request(r.id);
                        view! {
                            <li class="cell request-row" data-request=r.id data-status=r.status.as_str()>
                                <a class="request-row__link" href=super::account_href(page, l)
                                    on:click=move |ev| { ev.prevent_default(); acc.navigate(page); }>
                                    <span class="request-row__head">
                                        <span class="cell__title">{measure_title(l, r.measure)}</span>
                                        {chip(l, r.status)}
                                    </span>
                                    <span class="cell__desc">{format!("{} · {}", r.number, kind_text(l, r.kind))}</span>
                                    <span class="cell__desc">{
                                        if r.status.is_open() {
                                            format!("{}{}", tr(l, "办结期限 ", "Due "), r.due_on)
                                        } else {
                                            format!("{}{}", tr(l, "提交于 ", "Filed "), beijing(r.filed_at))
                                        }
                                    }</span>
                                </a>
                            </li>
                        }
                    })
                    .collect_view();
                view! { <ul class="cells requests">{rows}</ul> }.into_any()
            }
        }
    }
}

fn timeline(lang: Lang, r: &RequestView) -> impl IntoView + use<> {
    let docs = r.documents.clone();
    r.history
        .iter()
        .rev()
        .map(|e| {
            let asked = e.kind == EventKind::Ask;
            let attached: Vec<String> = e
                .documents
                .iter()
                .filter_map(|id| docs.iter().find(|d| d.id == *id))
                .map(|d| purpose_text(lang, d.purpose).to_string())
                .collect();
            view! {
                <li class="timeline__item" class:timeline__item--ask=asked data-event=e.kind.as_str()>
                    <span class="timeline__what">{event_text(lang, e.kind)}</span>
                    <span class="timeline__at">{beijing(e.at)}</span>
                    {e.comment.clone().map(|c| view! { <p class="timeline__comment">{c}</p> })}
                    {crate::format::pause_text(lang, e).map(|t| view! { <p class="timeline__pause" data-pause="">{t}</p> })}
                    {(!attached.is_empty()).then(|| view! { <p class="timeline__docs">{format!("{}{}", tr(lang, "附件：", "Attached: "), attached.join(", "))}</p> })}
                </li>
            }
        })
        .collect_view()
}

fn documents(lang: Lang, id: i64, docs: &[DocumentView]) -> impl IntoView + use<> {
    let acc = use_account();
    // The photo on screen, shown over the page (closing it frees it).
    let viewing = RwSignal::new(None::<String>);
    let close = move || {
        if let Some(url) = viewing.get_untracked() {
            let _ = web_sys::Url::revoke_object_url(&url);
        }
        viewing.set(None);
    };
    let items = docs
        .iter()
        .map(|d| {
            let document = d.id;
            let label = format!(
                "{} · {} KB",
                purpose_text(lang, d.purpose),
                (d.size + 1023) / 1024
            );
            view! {
                <li class="cell cell--row"><button class="button--text" type="button"
                    on:click=move |_| {
                        leptos::task::spawn_local(async move {
                            match client::open_document(acc, id, document).await {
                                Ok(Some(url)) => viewing.set(Some(url)),
                                Ok(None) => {}
                                Err(e) => acc.say(explain(acc.lang.get_untracked(), &e)),
                            }
                        });
                    }>{label}</button></li>
            }
        })
        .collect_view();
    (!docs.is_empty()).then(|| {
        view! {
            <h3 class="page__subtitle">{tr(lang, "材料", "Documents")}</h3>
            <ul class="cells">{items}</ul>
            {move || viewing.get().map(|url| view! {
                <div class="viewer" role="dialog" aria-modal="true" aria-label=tr(lang, "查看材料", "Document") data-viewer="">
                    <img class="viewer__image" src=url alt=tr(lang, "材料照片", "A photo of the document") />
                    <button class="button button--primary viewer__close" type="button" name="close_viewer"
                        on:click=move |_| close()>{tr(lang, "关闭", "Close")}</button>
                </div>
            })}
        }
    })
}

#[component]
pub fn RequestPage(id: i64) -> impl IntoView {
    let acc = use_account();
    let request = RwSignal::new(None::<Result<RequestView, api::Error>>);
    let load = move || {
        leptos::task::spawn_local(async move {
            request.set(Some(api::requests::get_one(&acc, id).await));
        });
    };
    load();
    let reply = RwSignal::new(String::new());
    let attachments = Attachments::new();
    let busy = RwSignal::new(false);
    let problem = RwSignal::new(None::<String>);
    let confirming = RwSignal::new(false);

    let act = move |action: Action| {
        if busy.get_untracked() {
            return;
        }
        let l = acc.lang.get_untracked();
        let comment = reply.get_untracked().trim().to_string();
        if action == Action::Answer && comment.is_empty() && attachments.is_empty() {
            problem.set(Some(
                tr(
                    l,
                    "请写下补充的说明或附上材料",
                    "Write an answer or attach a document",
                )
                .into(),
            ));
            return;
        }
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            // Documents first: the answer names them.
            let documents = if action == Action::Answer {
                match attachments.upload_all(acc, id).await {
                    Ok(ids) => ids,
                    Err(e) => {
                        problem.set(Some(explain(l, &e)));
                        busy.set(false);
                        return;
                    }
                }
            } else {
                Vec::new()
            };
            let body = OwnerActionRequest {
                comment: (!comment.is_empty()).then_some(comment),
                documents,
            };
            match api::requests::act(&acc, id, action, &body).await {
                Ok(view) => {
                    reply.set(String::new());
                    attachments.clear();
                    confirming.set(false);
                    request.set(Some(Ok(view)));
                    acc.say(match action {
                        Action::Withdraw => tr(l, "已撤回", "Withdrawn"),
                        _ => tr(l, "已提交补充材料", "Answer sent"),
                    });
                }
                Err(e) => problem.set(Some(explain(l, &e))),
            }
            busy.set(false);
        });
    };

    let answer_box = move |l: Lang| {
        view! {
            <section class="reply" data-action="answer">
                <h3 class="page__subtitle">{tr(l, "补充材料", "Answer the department")}</h3>
                <label class="field">
                    <span class="field__label">{tr(l, "说明", "Your answer")}</span>
                    <textarea class="field__input" name="comment" rows="3" maxlength="2000"
                        prop:value=move || reply.get() on:input=move |ev| reply.set(event_target_value(&ev))></textarea>
                </label>
                {attachments.picker(l, DocumentPurpose::Other)}
                <button class="button button--primary" type="button" name="answer" disabled=move || busy.get()
                    on:click=move |_| act(Action::Answer)>{tr(l, "提交补充材料", "Send the answer")}</button>
            </section>
        }
    };
    let withdraw_box = move |l: Lang| {
        view! {
            <button class="button button--default" type="button" name="withdraw"
                on:click=move |_| confirming.set(true)>{tr(l, "撤回申请", "Withdraw the request")}</button>
            {move || confirming.get().then(|| view! {
                <div class="dialog" role="dialog" aria-modal="true">
                    <div class="dialog__box">
                        <p class="dialog__title">{tr(l, "确定撤回这项申请？", "Withdraw this request?")}</p>
                        <p class="dialog__text">{tr(l, "撤回后部门不再办理；如仍需要，可重新申请。", "The department stops working on it; you can file again later.")}</p>
                        <div class="dialog__buttons">
                            <button type="button" class="dialog__button" on:click=move |_| confirming.set(false)>{tr(l, "取消", "Cancel")}</button>
                            <button type="button" class="dialog__button dialog__button--primary" name="confirm_withdraw"
                                disabled=move || busy.get() on:click=move |_| act(Action::Withdraw)>{tr(l, "撤回", "Withdraw")}</button>
                        </div>
                    </div>
                </div>
            })}
        }
    };

    move || {
        let l = acc.lang.get();
        match request.get() {
            None => view! { <p class="loading" role="status">{tr(l, "正在加载…", "Loading…")}</p> }
                .into_any(),
            Some(Err(e)) => failure_view(l, &e, Callback::new(move |_| load())).into_any(),
            Some(Ok(r)) => {
                let allowed = Rc::new(r.allowed_actions.clone());
                let asked = r
                    .history
                    .iter()
                    .rev()
                    .find(|e| e.kind == EventKind::Ask)
                    .and_then(|e| e.comment.clone())
                    .filter(|_| r.status == RequestState::NeedsInfo);
                view! {
                    <section class="request" data-request=r.id data-status=r.status.as_str()>
                        <header class="request__head">
                            <h2 class="page__title">{measure_title(l, r.measure)}</h2>
                            {chip(l, r.status)}
                        </header>
                        <ul class="cells">
                            <li class="cell cell--row"><span class="cell__title">{tr(l, "申请编号", "Number")}</span><span class="cell__value" data-field="number">{r.number.clone()}</span></li>
                            <li class="cell cell--row"><span class="cell__title">{tr(l, "类型", "Kind")}</span><span class="cell__value">{kind_text(l, r.kind)}</span></li>
                            <li class="cell cell--row"><span class="cell__title">{tr(l, "受理部门", "Handled by")}</span><span class="cell__value" data-field="offices">{offices(l, &r)}</span></li>
                            <li class="cell cell--row"><span class="cell__title">{tr(l, "办结期限", "Due")}</span><span class="cell__value">{r.due_on.to_string()}</span></li>
                        </ul>
                        {asked.map(|q| view! {
                            <div class="msg msg--warn" role="note">
                                <p class="msg__title">{format!("{}{}", offices(l, &r), tr(l, "请您补充：", " asks:"))}</p>
                                <p class="msg__text" data-field="question">{q}</p>
                            </div>
                        })}
                        {decision(l, &r, &offices(l, &r), &measure_title(l, r.measure))}
                        {(r.status == RequestState::Approved).then(|| view! { <Granted id=r.id /> })}
                        {matches!(r.status, RequestState::Approved | RequestState::Rejected).then(|| view! { <Rate id=r.id /> })}
                        {allowed.contains(&Action::Answer).then(|| answer_box(l))}
                        {move || problem.get().map(|p| view! { <p class="error" role="alert">{p}</p> })}
                        <h3 class="page__subtitle">{tr(l, "办理进度", "Progress")}</h3>
                        <ol class="timeline">{timeline(l, &r)}</ol>
                        {documents(l, r.id, &r.documents)}
                        {allowed.contains(&Action::Withdraw).then(|| withdraw_box(l))}
                    </section>
                }
                .into_any()
            }
        }
    }
}

/// The decision as a 告知书 (办理结果告知书): the request's number, what was decided and
/// granted in plain words or why not, by which department and on which day, with the
/// department's words; printable (the rest of the page is not printed) or kept as a
/// screenshot inside WeChat.
fn decision(
    l: Lang,
    r: &RequestView,
    offices: &str,
    measure: &str,
) -> Option<impl IntoView + use<>> {
    let step = r
        .history
        .iter()
        .rev()
        .find(|e| matches!(e.kind, EventKind::Approve | EventKind::Reject))?;
    let approved = step.kind == EventKind::Approve;
    let outcome = match (approved, &r.grant) {
        (true, Some(grant)) => format!(
            "{}{}",
            tr(l, "批准：", "Approved: "),
            shared::i18n::requests::grant_text(l, grant)
        ),
        (true, None) => tr(l, "批准", "Approved").to_string(),
        (false, _) => tr(l, "不予批准", "Not approved").to_string(),
    };
    let day = shared::application::beijing_day(step.at).to_string();
    let words = step.comment.clone();
    Some(view! {
        <section class="decision" data-decision=step.kind.as_str()>
            <h3 class="decision__title">{tr(l, "办理结果告知书", "Notice of the decision")}</h3>
            <p class="decision__to">{format!("{}{}", tr(l, "申请人：", "To: "), r.business_name)}</p>
            <p class="decision__to">{format!("{}{}", tr(l, "申请编号：", "Request "), r.number)}</p>
            <p class="decision__measure">{measure.to_string()}</p>
            <p class="decision__outcome" class:decision__outcome--no=!approved data-grant="">{outcome}</p>
            {words.map(|w| view! {
                <p class="decision__words">{format!("{}{w}", if approved { tr(l, "部门意见：", "The department says: ") } else { tr(l, "理由：", "Why: ") })}</p>
            })}
            <p class="decision__by">{format!("{}{offices}", tr(l, "决定部门：", "Decided by: "))}</p>
            <p class="decision__on" data-field="decided_on">{format!("{}{day}", tr(l, "决定日期：", "Decided on: "))}</p>
            {(!approved).then(|| view! {
                <p class="decision__help">{tr(l, "如有异议，可向决定部门说明情况，或在本页对办理情况作出评价。", "If you disagree, tell the department that decided, or rate the handling on this page.")}</p>
            })}
            <button class="button button--default button--mini decision__print" type="button" name="print_notice"
                on:click=move |_| { let _ = window().print(); }>{tr(l, "打印告知书", "Print the notice")}</button>
        </section>
    })
}

/// What the approval granted and what has happened to it since (the ledger): how much, what
/// is still to settle or still to reach the owner, and each entry; for a refund or a payment,
/// "did you receive it?", answered once.
#[component]
fn Granted(id: i64) -> impl IntoView {
    use shared::api::ledger::ReceiptRequest;
    use shared::i18n::ledger::{entry_text, outstanding_text};
    let acc = use_account();
    let ledger = RwSignal::new(None::<shared::api::ledger::LedgerView>);
    let load = move || {
        leptos::task::spawn_local(async move {
            // The request's page stands without it: an error leaves the section out.
            if let Ok(view) = api::requests::ledger(&acc, id).await {
                ledger.set(Some(view));
            }
        });
    };
    load();
    // The entry the owner is saying did not arrive, and what they add.
    let missing = RwSignal::new(None::<i64>);
    let note = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let answer = move |entry: i64, received: bool| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let text = note.get_untracked().trim().to_string();
        let body = ReceiptRequest {
            received,
            note: (!received && !text.is_empty()).then_some(text),
        };
        leptos::task::spawn_local(async move {
            let l = acc.lang.get_untracked();
            match api::requests::answer_receipt(&acc, id, entry, &body).await {
                Ok(_) => {
                    missing.set(None);
                    note.set(String::new());
                    acc.say(if received {
                        tr(l, "已确认收到", "Marked as received")
                    } else {
                        tr(
                            l,
                            "已告知部门，部门会核实处理",
                            "The department is told and will look into it",
                        )
                    });
                    load();
                }
                Err(e) => acc.say(explain(l, &e)),
            }
            busy.set(false);
        });
    };
    move || {
        let l = acc.lang.get();
        let view = ledger.get().filter(|v| !v.entries.is_empty())?;
        let entries = view
            .entries
            .iter()
            .rev()
            .map(|e| {
                let what = match &e.month {
                    Some(month) => format!("{} {month}", entry_text(l, e.kind)),
                    None => entry_text(l, e.kind).to_string(),
                };
                let entry = e.id;
                let asks = e.kind.asks_receipt() && e.receipt.is_none() && e.reversed_by.is_none();
                let said = e.receipt.as_ref().map(|r| match (r.received, &r.resolution) {
                    (true, _) => tr(l, "您已确认收到", "You confirmed it arrived").to_string(),
                    (false, None) => tr(l, "您反映未收到，部门正在核实", "You said it did not arrive; the department is looking into it").to_string(),
                    (false, Some(found)) => format!("{}{found}", tr(l, "部门核实：", "The department found: ")),
                });
                view! {
                    <li class="timeline__item" data-entry=e.kind.as_str() class:ledger__reversed=e.reversed_by.is_some()>
                        <span class="timeline__what">{what}" "{shared::i18n::yuan(l, e.amount_fen)}</span>
                        <span class="timeline__at">{e.on.to_string()}</span>
                        {e.reference.clone().map(|r| view! { <p class="timeline__comment">{format!("{}{r}", tr(l, "凭证号：", "Reference: "))}</p> })}
                        {e.note.clone().map(|n| view! { <p class="timeline__comment">{n}</p> })}
                        {said.map(|t| view! { <p class="timeline__comment" data-receipt="">{t}</p> })}
                        {asks.then(|| view! {
                            <div class="receipt" data-asks-receipt=entry>
                                <p class="timeline__comment">{tr(l, "这笔款项您收到了吗？", "Did this money reach you?")}</p>
                                {move || (missing.get() == Some(entry)).then(|| view! {
                                    <label class="field">
                                        <span class="field__label">{tr(l, "补充说明（可选）", "Anything to add (optional)")}</span>
                                        <textarea class="field__input" name="receipt_note" rows="2" maxlength="500"
                                            prop:value=move || note.get() on:input=move |ev| note.set(event_target_value(&ev))></textarea>
                                    </label>
                                })}
                                <div class="receipt__buttons">
                                    <button class="button button--primary button--mini" type="button" name="received"
                                        disabled=move || busy.get() on:click=move |_| answer(entry, true)>{tr(l, "已收到", "Yes, it arrived")}</button>
                                    <button class="button button--default button--mini" type="button" name="not_received"
                                        disabled=move || busy.get() on:click=move |_| {
                                            if missing.get_untracked() == Some(entry) { answer(entry, false) } else { missing.set(Some(entry)) }
                                        }>{move || if missing.get() == Some(entry) { tr(l, "确认未收到", "Confirm: not received") } else { tr(l, "未收到", "No") }}</button>
                                </div>
                            </div>
                        })}
                    </li>
                }
            })
            .collect_view();
        Some(view! {
            <section class="ledger" data-ledger="" data-outstanding=view.outstanding_fen>
                <h3 class="page__subtitle">{tr(l, "批准与到账", "Granted and paid")}</h3>
                <ul class="cells">
                    <li class="cell cell--row"><span class="cell__title">{tr(l, "批准金额", "Granted")}</span>
                        <span class="cell__value" data-field="granted">{shared::i18n::yuan(l, view.granted_fen)}</span></li>
                    <li class="cell cell--row"><span class="cell__title" data-field="outstanding">
                        {outstanding_text(l, view.side, view.outstanding_fen, view.settle_by)}</span></li>
                </ul>
                <ol class="timeline">{entries}</ol>
            </section>
        })
    }
}

/// 好差评: once decided, the owner rates the handling once, on five levels with an optional
/// comment; afterwards the page shows the rating given.
#[component]
fn Rate(id: i64) -> impl IntoView {
    use shared::application::rating::Indicator;
    use shared::application::rating::{Indicators, RatingRequest, RatingView};
    use shared::i18n::requests::{indicator_text, rating_level_text};
    let acc = use_account();
    // `None` while loading; `Some(None)` when not rated yet.
    let rating = RwSignal::new(None::<Option<RatingView>>);
    leptos::task::spawn_local(async move {
        if let Ok(r) = api::requests::rating(&acc, id).await {
            rating.set(Some(r));
        }
    });
    let level = RwSignal::new(None::<i64>);
    let indicators = RwSignal::new(Indicators::default());
    let comment = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let send = move |_| {
        let Some(chosen) = level.get_untracked() else {
            return;
        };
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let text = comment.get_untracked().trim().to_string();
        let body = RatingRequest {
            level: chosen,
            indicators: indicators.get_untracked(),
            comment: (!text.is_empty()).then_some(text),
        };
        leptos::task::spawn_local(async move {
            let l = acc.lang.get_untracked();
            match api::requests::rate(&acc, id, &body).await {
                Ok(view) => {
                    rating.set(Some(Some(view)));
                    acc.say(tr(l, "感谢您的评价", "Thank you for rating"));
                }
                Err(e) => acc.say(explain(l, &e)),
            }
            busy.set(false);
        });
    };
    move || {
        let l = acc.lang.get();
        match rating.get()? {
            Some(given) => Some(view! {
                <section class="rating" data-rating=given.level>
                    <h3 class="page__subtitle">{tr(l, "我的评价", "My rating")}</h3>
                    <ul class="cells">
                        <li class="cell cell--row"><span class="cell__title">{rating_level_text(l, given.level)}</span>
                            <span class="cell__value">{beijing(given.rated_at)}</span></li>
                        {Indicator::ALL.iter().filter_map(|&which| given.indicators.get(which).map(|n| view! {
                            <li class="cell cell--row" data-indicator=which.as_str()><span class="cell__title">{indicator_text(l, which)}</span>
                                <span class="cell__value" aria-label=rating_level_text(l, n)>{"★".repeat(usize::try_from(n).unwrap_or(0))}</span></li>
                        })).collect_view()}
                        {given.comment.map(|c| view! { <li class="cell"><span class="cell__desc">{c}</span></li> })}
                        {given.rectification.map(|_| view! { <li class="cell"><span class="cell__desc" data-rectifying="">
                            {tr(l, "部门将与您核实情况并整改", "The department will check with you and put it right")}</span></li> })}
                    </ul>
                </section>
            }
            .into_any()),
            None => Some(view! {
                <section class="rating" data-rating="">
                    <h3 class="page__subtitle">{tr(l, "评价办理情况", "Rate how it was handled")}</h3>
                    <div class="rating__levels" role="radiogroup">
                        {(1..=5).rev().map(|n| view! {
                            <button type="button" class="rating__level" name="rating_level" value=n
                                class:rating__level--chosen=move || level.get() == Some(n)
                                aria-pressed=move || (level.get() == Some(n)).to_string()
                                on:click=move |_| level.set(Some(n))>{rating_level_text(l, n)}</button>
                        }).collect_view()}
                    </div>
                    // The four online indicators, each optional: a row of five stars.
                    <p class="rating__hint">{tr(l, "分项评价（可选，5 星为最满意）", "In detail (optional; 5 stars is best)")}</p>
                    <ul class="rating__indicators">
                        {Indicator::ALL.iter().map(|&which| view! {
                            <li class="rating__indicator" data-indicator=which.as_str()>
                                <span class="rating__indicator-name">{indicator_text(l, which)}</span>
                                <span class="rating__stars" role="radiogroup" aria-label=indicator_text(l, which)>
                                    {(1..=5).map(|n| view! {
                                        <button type="button" class="rating__star" name=format!("indicator_{}", which.as_str()) value=n
                                            aria-label=rating_level_text(l, n)
                                            aria-pressed=move || (indicators.with(|i| i.get(which)) == Some(n)).to_string()
                                            class:rating__star--on=move || indicators.with(|i| i.get(which)).is_some_and(|v| v >= n)
                                            on:click=move |_| indicators.update(|i| {
                                                // A second tap on the chosen star takes it back.
                                                let again = i.get(which) == Some(n);
                                                i.set(which, (!again).then_some(n));
                                            })>"★"</button>
                                    }).collect_view()}
                                </span>
                            </li>
                        }).collect_view()}
                    </ul>
                    <label class="field">
                        <span class="field__label">{tr(l, "意见（可选）", "Comment (optional)")}</span>
                        <textarea class="field__input" name="rating_comment" rows="2" maxlength="500"
                            prop:value=move || comment.get() on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
                    </label>
                    <button class="button button--primary" type="button" name="rate"
                        disabled=move || busy.get() || level.get().is_none() on:click=send>{tr(l, "提交评价", "Send the rating")}</button>
                </section>
            }
            .into_any()),
        }
    }
}
