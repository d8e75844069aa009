//! 台账 on a request's page: what the approval granted and what happened since, and, for
//! an official of the deciding department, the form that records a settlement, a refund or a
//! payment, or corrects an entry by reversing it.

use leptos::prelude::*;
use shared::api::ledger::{LedgerEntryView, LedgerView, ResolutionRequest};
use shared::application::ledger::{LedgerEntryRequest, RecordKind, Side};
use shared::i18n::ledger::{entry_text, outstanding_text};

use super::{LANG, describe, use_desk};
use crate::api;
use crate::format::{AmountError, money, parse_yuan};

/// The kind of entry that closes what the grant opened: settled for a deferral, refunded
/// for rent paid, paid for a reward; none for a waiver or a registration.
fn closing(view: &LedgerView) -> Option<RecordKind> {
    view.entries.iter().find_map(|e| e.kind.closed_by())
}

/// The entries an official may still reverse: closings not reversed already.
fn reversible(e: &LedgerEntryView) -> bool {
    e.kind.is_closing() && e.reversed_by.is_none()
}

fn entry_row(
    e: &LedgerEntryView,
    resolve: Option<Callback<(i64, String)>>,
) -> impl IntoView + use<> {
    let what = match (&e.month, e.reverses) {
        (Some(month), _) => format!("{} {month}", entry_text(LANG, e.kind)),
        (None, Some(r)) => format!("{} #{r}", entry_text(LANG, e.kind)),
        _ => entry_text(LANG, e.kind).to_string(),
    };
    let entry = e.id;
    let receipt = e.receipt.clone().map(|r| match (r.received, r.resolution) {
        (true, _) => view! { <span data-receipt="received">"企业确认收到"</span> }.into_any(),
        (false, Some(found)) => view! { <span data-receipt="resolved">{format!("企业反映未收到；已核实：{found}")}</span> }.into_any(),
        (false, None) => {
            let found = RwSignal::new(String::new());
            view! {
                <span class="desk-ledger__missing" data-receipt="missing">"企业反映未收到"</span>
                {r.note.map(|n| view! { <span>{format!("（{n}）")}</span> })}
                {resolve.map(|done| view! {
                    <span class="desk-ledger__resolve">
                        <input name="ledger_resolution" type="text" maxlength="500" placeholder="核实情况及处理"
                            prop:value=move || found.get() on:input=move |ev| found.set(event_target_value(&ev)) />
                        <button class="desk-button" type="button" data-action="resolve"
                            on:click=move |_| done.run((entry, found.get_untracked()))>"核实处理"</button>
                    </span>
                })}
            }
            .into_any()
        }
    });
    view! {
        <tr data-entry=e.id.to_string() data-kind=e.kind.as_str() class:desk-ledger__reversed=e.reversed_by.is_some()>
            <td>{format!("#{}", e.id)}</td>
            <td>{what}</td>
            <td class="desk-num">{money(e.amount_fen)}</td>
            <td>{e.on.format("%Y-%m-%d").to_string()}</td>
            <td>{e.reference.clone().unwrap_or_default()}{e.note.clone().map(|n| format!("（{n}）"))}</td>
            <td>{e.reversed_by.map(|r| format!("已被 #{r} 更正"))}{receipt}</td>
        </tr>
    }
}

#[component]
pub fn Ledger(id: i64, official: bool) -> impl IntoView {
    let desk = use_desk();
    let ledger = RwSignal::new(None::<LedgerView>);
    let load = move || {
        leptos::task::spawn_local(async move {
            match api::desk::ledger(&desk, id).await {
                Ok(v) => ledger.set(Some(v)),
                Err(e) => desk.fail(&e),
            }
        });
    };
    load();
    // The form: what it records (a closing, or the reversal of one entry), and as typed.
    let reverses = RwSignal::new(String::new());
    let amount = RwSignal::new(String::new());
    let on = RwSignal::new(String::new());
    let reference = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // One key per entry meant: a retry after a lost answer writes it once.
    let key = StoredValue::new(api::new_key());

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Some(view) = ledger.get_untracked() else {
            return;
        };
        let reversed = reverses.get_untracked().parse::<i64>().ok();
        let kind = match (
            reversed,
            closing(&view).filter(|_| view.outstanding_fen > 0),
        ) {
            (Some(_), _) => RecordKind::Reversal,
            (None, Some(k)) => k,
            (None, None) => {
                problem.set(Some("登记：请选择要更正的记录".into()));
                return;
            }
        };
        let amount_fen = match reversed.and_then(|r| view.entries.iter().find(|e| e.id == r)) {
            Some(e) => e.amount_fen,
            None => match parse_yuan(&amount.get_untracked()) {
                Ok(f) => f,
                Err(e) => {
                    let why = match e {
                        AmountError::NotAnAmount => "不是金额",
                        AmountError::TooManyDecimals => "最多两位小数",
                        AmountError::TooLarge => "金额过大",
                    };
                    problem.set(Some(format!("金额（元）：{why}")));
                    return;
                }
            },
        };
        let Ok(day) = on.get_untracked().parse::<chrono::NaiveDate>() else {
            problem.set(Some("日期：请选择实际发生的日期".into()));
            return;
        };
        let text = note.get_untracked().trim().to_string();
        let body = LedgerEntryRequest {
            kind,
            amount_fen,
            on: day,
            reference: reference.get_untracked(),
            reverses: reversed,
            note: (!text.is_empty()).then_some(text),
        };
        busy.set(true);
        problem.set(None);
        leptos::task::spawn_local(async move {
            let written = api::desk::record_entry(&desk, id, &key.get_value(), &body).await;
            busy.set(false);
            match written {
                Ok(_) => {
                    key.set_value(api::new_key());
                    for field in [reverses, amount, reference, note] {
                        field.set(String::new());
                    }
                    load();
                }
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };

    // The department closes an owner's "not received" with what it found.
    let resolve = Callback::new(move |(entry, found): (i64, String)| {
        let body = ResolutionRequest { resolution: found };
        leptos::task::spawn_local(async move {
            match api::desk::resolve_receipt(&desk, id, entry, &body).await {
                Ok(view) => ledger.set(Some(view)),
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    });

    move || {
        let view = ledger.get()?;
        if view.entries.is_empty() {
            return None;
        }
        let resolve = official.then_some(resolve);
        let rows = view
            .entries
            .iter()
            .map(|e| entry_row(e, resolve))
            .collect_view();
        let summary = outstanding_text(LANG, view.side, view.outstanding_fen, view.settle_by);
        // A closing is offered while something is outstanding; a correction while an entry
        // recorded by hand stands.
        let closes = closing(&view).filter(|_| view.outstanding_fen > 0);
        let can_record = official && (closes.is_some() || view.entries.iter().any(reversible));
        let choices = view
            .entries
            .iter()
            .filter(|e| reversible(e))
            .map(|e| {
                view! {
                    <option value=e.id.to_string()>
                        {format!("更正 #{} {} {}", e.id, entry_text(LANG, e.kind), money(e.amount_fen))}
                    </option>
                }
            })
            .collect_view();
        let open = view.side.is_some() && view.outstanding_fen > 0;
        Some(view! {
            <section class="desk-card desk-ledger" data-ledger="" data-outstanding=view.outstanding_fen.to_string()>
                <h2>"台账"</h2>
                <p>
                    "批准金额 " <strong data-field="granted">{money(view.granted_fen)}</strong>
                    " · " <span data-field="outstanding" class:chip=open class:chip--soon=open>{summary}</span>
                </p>
                <table class="desk-table desk-ledger__entries">
                    <thead><tr><th>"编号"</th><th>"事项"</th><th>"金额"</th><th>"发生日期"</th><th>"凭证号 / 说明"</th><th>"更正 / 到账确认"</th></tr></thead>
                    <tbody>{rows}</tbody>
                </table>
                {can_record.then(|| view! {
                    <form class="desk-ledger__form" on:submit=submit>
                        <label class="desk-field"><span>"登记"</span>
                            <select name="ledger_reverses" prop:value=move || reverses.get()
                                on:change=move |ev| reverses.set(event_target_value(&ev))>
                                <option value="">{match closes {
                                    Some(k) => format!("{}（实际发生）", entry_text(LANG, k.entry())),
                                    None => "请选择要更正的记录".to_string(),
                                }}</option>
                                {choices}
                            </select>
                        </label>
                        {move || (closes.is_some() && reverses.with(String::is_empty)).then(|| view! {
                            <label class="desk-field"><span>"金额（元）"</span>
                                <input name="ledger_amount" type="text" inputmode="decimal" prop:value=move || amount.get()
                                    on:input=move |ev| amount.set(event_target_value(&ev)) />
                            </label>
                        })}
                        <label class="desk-field"><span>"发生日期"</span>
                            <input name="ledger_on" type="date" prop:value=move || on.get()
                                on:change=move |ev| on.set(event_target_value(&ev)) />
                        </label>
                        <label class="desk-field"><span>"凭证号"</span>
                            <input name="ledger_reference" type="text" maxlength="100" prop:value=move || reference.get()
                                on:input=move |ev| reference.set(event_target_value(&ev)) />
                        </label>
                        <label class="desk-field"><span>{move || if reverses.with(String::is_empty) { "说明（可选）" } else { "更正原因" }}</span>
                            <input name="ledger_note" type="text" maxlength="500" prop:value=move || note.get()
                                on:input=move |ev| note.set(event_target_value(&ev)) />
                        </label>
                        <button class="desk-button" type="submit" data-action="ledger" disabled=move || busy.get()>"登记"</button>
                    </form>
                })}
                {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
                {(view.side == Some(Side::ToSettle)).then(|| view! {
                    <p class="desk-hint">"缓缴款项由企业向缴费单位结清；请按缴费单位的结算单登记。"</p>
                })}
            </section>
        })
    }
}
