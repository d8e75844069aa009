//! The queue: the requests routed to this official (all of them for supervisors), with
//! filters, search, counts per status, deadline colours, pages, and the 台账 exports.

use leptos::prelude::*;
use shared::account::Role;
use shared::answers::JurisdictionId;
use shared::api::desk::{QueueFilter, QueueItem, QueueResponse, QueueSort};
use shared::application::{ApplicationKind, DeadlineState, RequestState};
use shared::catalog::{DepartmentId, MeasureId};
use shared::i18n::requests::{deadline_text, kind_text, status_text};

use super::{DeskPage, LANG, client, describe, use_desk};
use crate::api;

/// The batch approval's panel, from its module; if the module cannot be fetched, a sentence
/// and a way to close it (opening the panel again fetches it again).
fn batch_panel(ids: Vec<i64>, on_close: Callback<bool>) -> AnyView {
    let desk = use_desk();
    crate::lazy::screen((desk.modules.batch)(ids, on_close), move || {
        view! {
            <div class="desk-notice" role="alert">
                {describe(&api::Error::Network)} " "
                <button class="desk-button" type="button" on:click=move |_| on_close.run(false)>
                    "关闭"
                </button>
            </div>
        }
        .into_any()
    })
}

/// The wire value a select shows for a filter (`""`: all).
fn shown<T: Copy>(value: Option<T>, name: fn(T) -> &'static str) -> &'static str {
    value.map_or("", name)
}

/// The filter a select's value stands for (`None`: all).
fn chosen<T: Copy>(all: &[T], name: fn(T) -> &'static str, value: &str) -> Option<T> {
    all.iter().copied().find(|v| name(*v) == value)
}

/// A day a date input gives (`None`: empty).
fn day(value: &str) -> Option<chrono::NaiveDate> {
    chrono::NaiveDate::parse_from_str(value, "%Y-%m-%d").ok()
}

/// A date filter as its input shows it.
fn day_shown(value: Option<chrono::NaiveDate>) -> String {
    value
        .map(|d| d.format("%Y-%m-%d").to_string())
        .unwrap_or_default()
}

/// The wire name of a deadline state, for tests and assistive tools.
fn deadline_name(d: DeadlineState) -> &'static str {
    match d {
        DeadlineState::OnTime => "on_time",
        DeadlineState::DueSoon => "due_soon",
        DeadlineState::Overdue => "overdue",
    }
}

fn deadline_class(d: DeadlineState) -> &'static str {
    match d {
        DeadlineState::OnTime => "chip chip--ok",
        DeadlineState::DueSoon => "chip chip--soon",
        DeadlineState::Overdue => "chip chip--late",
    }
}

pub fn status_class(s: RequestState) -> &'static str {
    match s {
        RequestState::Submitted => "chip chip--new",
        RequestState::InReview => "chip chip--work",
        RequestState::NeedsInfo => "chip chip--soon",
        RequestState::Approved => "chip chip--ok",
        RequestState::Rejected => "chip chip--late",
        RequestState::Withdrawn => "chip",
    }
}

#[component]
pub fn QueuePage() -> impl IntoView {
    let desk = use_desk();
    let preset = desk.queue_preset.try_update(Option::take).flatten();
    let filters = RwSignal::new(preset.unwrap_or_default());
    // The search box applies on Enter or the button, not on every key.
    let typed = RwSignal::new(filters.with_untracked(|f| f.q.clone().unwrap_or_default()));
    // Cursors of the pages before this one, for "previous".
    let cursors = RwSignal::new(Vec::<Option<String>>::new());
    let cursor = RwSignal::new(None::<String>);
    let reply = RwSignal::new(None::<QueueResponse>);
    let loading = RwSignal::new(false);
    // Bumped to read the same page again (after a batch approval).
    let reload = RwSignal::new(0u32);
    // Requests ticked for a batch approval, and the batch being confirmed.
    let selected = RwSignal::new(Vec::<i64>::new());
    let batch = RwSignal::new(None::<Vec<i64>>);
    let role = desk.me.with_untracked(|m| m.as_ref().map(|m| m.role));
    let decides = role == Some(Role::Official);

    Effect::new(move |_| {
        reload.track();
        let filter = filters.get();
        let at = cursor.get();
        loading.set(true);
        leptos::task::spawn_local(async move {
            match api::desk::queue(&desk, &filter, at.as_deref(), None).await {
                Ok(r) => {
                    // The nav's 待办 count, when the counts are the whole queue's.
                    let whole = QueueFilter {
                        status: None,
                        sort: None,
                        ..filter.clone()
                    } == QueueFilter::default();
                    if whole {
                        desk.todo.set(Some(super::to_do(&r.counts)));
                    }
                    reply.set(Some(r));
                }
                Err(e) => desk.fail(&e),
            }
            loading.set(false);
        });
    });

    let change = move |edit: &dyn Fn(&mut QueueFilter)| {
        selected.set(Vec::new());
        cursors.set(Vec::new());
        cursor.set(None);
        filters.update(|f| edit(f));
    };

    let catalog = move || desk.catalog.get();
    let status_tabs = move || {
        let counts = reply.with(|r| r.as_ref().map(|r| r.counts.clone()).unwrap_or_default());
        let total: u64 = counts.values().sum();
        let current = filters.with(|f| f.status);
        let tab = move |status: Option<RequestState>, label: String| {
            let selected = current == status;
            view! {
                <button type="button" role="tab" class="desk-tab" class:desk-tab--current=selected
                    aria-selected=selected.to_string() data-status=shown(status, RequestState::as_str)
                    on:click=move |_| change(&|f: &mut QueueFilter| f.status = status)>
                    {label}
                </button>
            }
        };
        let mut tabs = vec![tab(None, format!("全部 {total}"))];
        for &s in RequestState::ALL {
            let n = counts.get(&s).copied().unwrap_or(0);
            tabs.push(tab(Some(s), format!("{} {n}", status_text(LANG, s))));
        }
        view! { <div class="desk-tabs" role="tablist">{tabs}</div> }
    };

    let selects = move || {
        let catalog = catalog()?;
        let measures = catalog
            .measures
            .iter()
            .filter(|m| m.application_kind.is_some())
            .map(|m| {
                let id = m.id.to_string();
                view! { <option value=id>{format!("{} {}", m.clause, m.title.get(LANG))}</option> }
            })
            .collect_view();
        let places = catalog
            .jurisdictions
            .iter()
            .map(|j| view! { <option value=j.id.as_str()>{j.name.get(LANG).to_string()}</option> })
            .collect_view();
        let departments = (role == Some(Role::Supervisor)).then(|| {
            let options = catalog
                .departments
                .iter()
                .map(|d| view! { <option value=d.id.to_string()>{d.name.get(LANG).to_string()}</option> })
                .collect_view();
            view! {
                <label class="desk-filter"><span>"承办部门"</span>
                    <select name="department" prop:value=move || filters.with(|f| f.department.map_or(String::new(), |d| d.to_string())) on:change=move |ev| { let v = DepartmentId::parse(&event_target_value(&ev)); change(&|f: &mut QueueFilter| f.department = v) }>
                        <option value="">"全部"</option>{options}
                    </select>
                </label>
            }
        });
        let kinds = ApplicationKind::ALL
            .iter()
            .map(|&k| view! { <option value=k.as_str()>{kind_text(LANG, k)}</option> })
            .collect_view();
        Some(view! {
            <label class="desk-filter"><span>"事项类型"</span>
                <select name="kind" prop:value=move || filters.with(|f| shown(f.kind, ApplicationKind::as_str)) on:change=move |ev| { let v = chosen(ApplicationKind::ALL, ApplicationKind::as_str, &event_target_value(&ev)); change(&|f: &mut QueueFilter| f.kind = v) }>
                    <option value="">"全部"</option>{kinds}
                </select>
            </label>
            <label class="desk-filter"><span>"政策事项"</span>
                <select name="measure" prop:value=move || filters.with(|f| f.measure.map_or(String::new(), |m| m.to_string())) on:change=move |ev| { let v = MeasureId::parse(&event_target_value(&ev)); change(&|f: &mut QueueFilter| f.measure = v) }>
                    <option value="">"全部"</option>{measures}
                </select>
            </label>
            <label class="desk-filter"><span>"属地"</span>
                <select name="jurisdiction" prop:value=move || filters.with(|f| shown(f.jurisdiction, JurisdictionId::as_str)) on:change=move |ev| { let v = chosen(JurisdictionId::ALL, JurisdictionId::as_str, &event_target_value(&ev)); change(&|f: &mut QueueFilter| f.jurisdiction = v) }>
                    <option value="">"全部"</option>{places}
                </select>
            </label>
            {departments}
        })
    };

    let export = move |format: &'static str| {
        let filter = filters.get_untracked();
        leptos::task::spawn_local(async move {
            let saved = api::desk::export(&desk, &filter, format)
                .await
                .and_then(|file| client::deliver(file, false));
            if let Err(e) = saved {
                desk.fail(&e);
            }
        });
    };

    let rows = move || {
        let items = reply.with(|r| r.as_ref().map(|r| r.items.clone()).unwrap_or_default());
        if items.is_empty() {
            return view! { <tr><td class="desk-empty" colspan="10">"没有符合条件的申请。"</td></tr> }
                .into_any();
        }
        let catalog = catalog();
        items
            .into_iter()
            .map(|item| row(item, catalog.as_deref(), decides.then_some(selected)))
            .collect_view()
            .into_any()
    };

    // A department's open 督办 notices stay on its queue until the supervisor closes them.
    let open_notices = RwSignal::new(Vec::<shared::api::desk::NoticeSummary>::new());
    if desk.me.with_untracked(|m| {
        m.as_ref()
            .is_some_and(|m| m.role == shared::account::Role::Official)
    }) {
        leptos::task::spawn_local(async move {
            if let Ok(list) = api::notices::open(&desk).await {
                open_notices.set(list.items);
            }
        });
    }
    let banner = move || {
        let open = open_notices.get();
        let first = open.first()?;
        let id = first.id;
        let text = format!(
            "督办提醒：督办办公室就本部门超期申请下达了 {} 份督办通知，请于 {} 前反馈办理情况。",
            open.len(),
            first.deadline.format("%Y-%m-%d")
        );
        Some(view! {
            <p class="desk-notice desk-notice--supervision" role="alert" data-open-notices=open.len().to_string()>
                {text} " "
                <a href=DeskPage::Notice(id).path() on:click=move |ev| desk.follow(&ev, DeskPage::Notice(id))>"查看并办理"</a>
            </p>
        })
    };

    view! {
        <section class="desk-page">
            <h1 class="desk-h1">"待办申请"</h1>
            {banner}
            {move || reply.with(|r| r.as_ref().and_then(|r| super::holiday_warning(&r.unrecorded_holiday_years)))}
            {status_tabs}
            <form class="desk-filters" on:submit=move |ev| {
                ev.prevent_default();
                let q = typed.get_untracked();
                let q = q.trim();
                change(&|f: &mut QueueFilter| f.q = (!q.is_empty()).then(|| q.to_string()));
            }>
                <label class="desk-filter desk-filter--wide"><span>"搜索"</span>
                    <input name="q" type="search" placeholder="申请编号、企业名称或统一社会信用代码"
                        prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
                </label>
                {selects}
                <label class="desk-filter"><span>"提交日期自"</span>
                    <input name="from" type="date" prop:value=move || filters.with(|f| day_shown(f.from)) on:change=move |ev| { let v = day(&event_target_value(&ev)); change(&|f: &mut QueueFilter| f.from = v) } />
                </label>
                <label class="desk-filter"><span>"至"</span>
                    <input name="to" type="date" prop:value=move || filters.with(|f| day_shown(f.to)) on:change=move |ev| { let v = day(&event_target_value(&ev)); change(&|f: &mut QueueFilter| f.to = v) } />
                </label>
                <label class="desk-check">
                    <input name="overdue" type="checkbox" prop:checked=move || filters.with(|f| f.overdue == Some(true)) on:change=move |ev| { let on = event_target_checked(&ev); change(&|f: &mut QueueFilter| f.overdue = on.then_some(true)) } />
                    <span>"只看超期"</span>
                </label>
                <button class="desk-button desk-button--primary" type="submit">"查询"</button>
                <span class="desk-filters__end">
                    <button class="desk-button" type="button" on:click=move |_| export("xlsx")>"导出 Excel"</button>
                    <button class="desk-button" type="button" on:click=move |_| export("csv")>"导出 CSV"</button>
                </span>
            </form>
            {decides.then(|| view! {
                <div class="desk-batchbar" class:desk-batchbar--on=move || selected.with(|s| !s.is_empty())>
                    <span>{move || format!("已选 {} 件", selected.with(Vec::len))}</span>
                    <button class="desk-button desk-button--primary" type="button" data-batch="open"
                        disabled=move || selected.with(Vec::is_empty)
                        on:click=move |_| batch.set(Some(selected.get_untracked()))>"批量批准…"</button>
                    <button class="desk-button desk-button--plain" type="button"
                        disabled=move || selected.with(Vec::is_empty)
                        on:click=move |_| selected.set(Vec::new())>"清除选择"</button>
                    <span class="desk-hint">"勾选待受理或审核中的申请；每件按测算结果逐一核对、逐件记录。"</span>
                </div>
            })}
            {move || batch.get().map(|ids| batch_panel(ids, Callback::new(move |changed: bool| {
                batch.set(None);
                if changed {
                    selected.set(Vec::new());
                    reload.update(|n| *n += 1);
                }
            })))}
            <table class="desk-table" aria-busy=move || loading.get().to_string()>
                <thead>
                    <tr>
                        {decides.then(|| view! {
                            <th scope="col" class="desk-select">
                                <input type="checkbox" name="select_page" aria-label="选择本页可批准的申请"
                                    prop:checked=move || {
                                        let ids = batchable(reply);
                                        !ids.is_empty() && selected.with(|s| ids.iter().all(|i| s.contains(i)))
                                    }
                                    on:change=move |ev| {
                                        let on = event_target_checked(&ev);
                                        let ids = batchable(reply);
                                        selected.update(|s| {
                                            s.retain(|i| !ids.contains(i));
                                            if on { s.extend(ids) }
                                        });
                                    } />
                            </th>
                        })}
                        <th scope="col">"申请编号"</th>
                        <th scope="col">"企业名称"</th>
                        <th scope="col">"统一社会信用代码"</th>
                        <th scope="col">"政策事项"</th>
                        <th scope="col">"属地"</th>
                        {sort_header("提交时间", "filed", filters, change)}
                        {sort_header("办结时限", "due", filters, change)}
                        <th scope="col">"时限"</th>
                        <th scope="col">"状态"</th>
                    </tr>
                </thead>
                <tbody>{rows}</tbody>
            </table>
            <nav class="desk-pager" aria-label="翻页">
                <button class="desk-button" type="button"
                    disabled=move || cursors.with(Vec::is_empty)
                    on:click=move |_| {
                        let mut stack = cursors.get_untracked();
                        let previous = stack.pop().flatten();
                        cursors.set(stack);
                        cursor.set(previous);
                    }>"上一页"</button>
                <button class="desk-button" type="button"
                    disabled=move || reply.with(|r| r.as_ref().and_then(|r| r.next_cursor.as_ref()).is_none())
                    on:click=move |_| {
                        let next = reply.with_untracked(|r| r.as_ref().and_then(|r| r.next_cursor.clone()));
                        if next.is_some() {
                            cursors.update(|s| s.push(cursor.get_untracked()));
                            cursor.set(next);
                        }
                    }>"下一页"</button>
            </nav>
        </section>
    }
}

/// A column header that orders the queue: 办结时限 by the last day (the overdue first, the
/// desk's order), 提交时间 the latest filed first, and again the earliest first.
fn sort_header(
    label: &'static str,
    column: &'static str,
    filters: RwSignal<QueueFilter>,
    change: impl Fn(&dyn Fn(&mut QueueFilter)) + Copy + 'static,
) -> impl IntoView {
    let current = move || filters.with(|f| f.sort.unwrap_or(QueueSort::Due));
    let state = move || match (column, current()) {
        ("due", QueueSort::Due) => "ascending",
        ("filed", QueueSort::Newest) => "descending",
        ("filed", QueueSort::Oldest) => "ascending",
        _ => "none",
    };
    let next = move || match (column, current()) {
        ("due", _) => QueueSort::Due,
        (_, QueueSort::Newest) => QueueSort::Oldest,
        _ => QueueSort::Newest,
    };
    let arrow = move || match state() {
        "ascending" => " ↑",
        "descending" => " ↓",
        _ => "",
    };
    let hint = match column {
        "due" => "按办结时限排序（超期的在前）",
        _ => "按提交时间排序（再点一次倒序）",
    };
    view! {
        <th scope="col" aria-sort=state>
            <button class="desk-sort" type="button" data-sort=column title=hint
                on:click=move |_| {
                    let sort = next();
                    change(&|f: &mut QueueFilter| f.sort = Some(sort));
                }>
                {label}{arrow}
            </button>
        </th>
    }
}

/// The requests on this page a batch may approve: those not yet decided nor waiting for
/// the owner.
fn batchable(reply: RwSignal<Option<QueueResponse>>) -> Vec<i64> {
    reply.with(|r| {
        r.as_ref()
            .map(|r| {
                r.items
                    .iter()
                    .filter(|i| may_batch(i.status))
                    .map(|i| i.id)
                    .collect()
            })
            .unwrap_or_default()
    })
}

fn may_batch(s: RequestState) -> bool {
    s.awaits_department()
}

fn row(
    item: QueueItem,
    catalog: Option<&shared::Catalog>,
    selected: Option<RwSignal<Vec<i64>>>,
) -> impl IntoView + use<> {
    let desk = use_desk();
    let measure = catalog
        .and_then(|c| c.measure(item.measure))
        .map(|m| m.title.get(LANG).to_string())
        .unwrap_or_else(|| item.measure.as_str().to_string());
    let place = match (catalog, item.jurisdiction) {
        (Some(c), Some(j)) => shared::i18n::jurisdiction_name(c, LANG, j),
        _ => String::new(),
    };
    let id = item.id;
    let open = !matches!(
        item.status,
        RequestState::Approved | RequestState::Rejected | RequestState::Withdrawn
    );
    view! {
        <tr data-request=id.to_string() data-status=item.status.as_str()>
            {selected.map(|selected| view! {
                <td class="desk-select">
                    {may_batch(item.status).then(|| view! {
                        <input type="checkbox" name="select" value=id.to_string()
                            aria-label=format!("选择 {}", item.number)
                            prop:checked=move || selected.with(|s| s.contains(&id))
                            on:change=move |ev| {
                                let on = event_target_checked(&ev);
                                selected.update(|s| {
                                    s.retain(|x| *x != id);
                                    if on { s.push(id) }
                                });
                            } />
                    })}
                </td>
            })}
            <td>
                <a href=DeskPage::Request(id).path() on:click=move |ev| desk.follow(&ev, DeskPage::Request(id))>{item.number}</a>
            </td>
            <td>{item.business_name}</td>
            <td class="desk-mono">{item.credit_code}</td>
            <td>{measure}</td>
            <td>{place}</td>
            <td>{super::beijing(item.submitted_at)}</td>
            <td>{item.due_at.format("%Y-%m-%d").to_string()}</td>
            <td>
                {open.then(|| view! {
                    <span class=deadline_class(item.deadline_state) data-deadline=deadline_name(item.deadline_state)>
                        {deadline_text(LANG, item.deadline_state)}
                    </span>
                })}
            </td>
            <td>
                <span class=status_class(item.status)>{status_text(LANG, item.status)}</span>
                {item.owner_answered.then(|| view! {
                    " " <span class="chip chip--new" data-answered="" title="企业已按要求补正，等待您继续审核">"企业已补正"</span>
                })}
            </td>
        </tr>
    }
}
