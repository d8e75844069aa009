//! The supervising office's dashboard (三(二)): per department and per jurisdiction, what
//! was received and decided, on time or not, what is overdue now, the money approved and
//! the businesses helped; the weekly trend as bars beside the tables.

use leptos::prelude::*;
use shared::api::desk::{DashboardResponse, DashboardRow, DashboardTotals, WeekFigures};

use chrono::NaiveDate;
use shared::account::Role;
use shared::api::desk::{IssueNoticeRequest, NOTICE_MAX_REQUESTS, QueueFilter};
use shared::catalog::DepartmentId;

use super::{DeskPage, LANG, describe, use_desk};
use crate::api;
use crate::format::money;
use wasm_bindgen::JsCast;

fn rate(r: Option<f64>) -> String {
    r.map(|r| format!("{:.0}%", r * 100.0))
        .unwrap_or_else(|| "—".into())
}

fn days(d: Option<f64>) -> String {
    d.map(|d| format!("{d:.1}")).unwrap_or_else(|| "—".into())
}

/// A table of figures; `drill` gives the queue's filters for a row; `supervise`, where
/// given, is offered on a row with overdue requests (a 督办 notice to that department).
fn table<K: Copy + Send + Sync + 'static>(
    caption: &'static str,
    rows: Vec<DashboardRow<K>>,
    name: impl Fn(K) -> String + 'static,
    drill: fn(K) -> QueueFilter,
    supervise: Option<Callback<(K, u64)>>,
) -> impl IntoView {
    let desk = use_desk();
    let body = rows
        .into_iter()
        .map(|r| {
            let late = r.overdue_now > 0;
            let key = r.key;
            let title = name(key);
            let overdue = r.overdue_now;
            let head = view! {
                <button class="desk-link" type="button" on:click=move |_| desk.open_queue(drill(key))>{title}</button>
            };
            let overdue_cell = view! {
                <button class="desk-link" type="button" data-drill="overdue" on:click=move |_| {
                    desk.open_queue(QueueFilter { overdue: Some(true), ..drill(key) })
                }>{overdue}</button>
            };
            let action = supervise.map(|issue| {
                let cell = (overdue > 0).then(|| view! {
                    <button class="desk-button desk-button--small" type="button" data-supervise=""
                        on:click=move |_| issue.run((key, overdue))>"下达督办"</button>
                });
                view! { <td>{cell}</td> }
            });
            view! {
                <tr class:desk-row--late=late>
                    <th scope="row">{head}</th>
                    <td>{r.received}</td>
                    <td>{r.decided}</td>
                    <td>{rate(r.on_time_rate)}</td>
                    <td class="desk-num--late">{overdue_cell}</td>
                    <td>{days(r.avg_working_days_to_decide)}</td>
                    <td>{money(r.approved_fen)}</td>
                    <td>{r.businesses_helped}</td>
                    <td class:desk-num--late=r.not_received_open.gt(&0) data-field="not_received">{r.not_received_open}</td>
                    <td class:desk-num--late=r.confirmations_overdue.gt(&0) data-field="confirmations_overdue">{r.confirmations_overdue}</td>
                    {action}
                </tr>
            }
        })
        .collect_view();
    view! {
        <table class="desk-table desk-table--figures">
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">""</th><th scope="col">"受理"</th><th scope="col">"办结"</th>
                <th scope="col">"按时办结率"</th><th scope="col">"当前超期"</th>
                <th scope="col">"平均办理（工作日）"</th><th scope="col">"批准金额"</th><th scope="col">"惠及企业"</th>
                <th scope="col" title="企业反映未收到、部门尚未核实的退款或奖补">"未到账待核实"</th>
                <th scope="col" title="发给供电、供水、出租方等出资方的确认单，逾期未回复">"确认单逾期"</th>
                {supervise.is_some().then(|| view! { <th scope="col">"督办"</th> })}
            </tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}

/// A round top for the chart's axis: 1, 2 or 5 times a power of ten, at least `n`.
fn nice_top(n: u64) -> u64 {
    let mut unit = 1u64;
    loop {
        for m in [1, 2, 5] {
            let top = unit.saturating_mul(m);
            if top >= n {
                return top;
            }
        }
        unit = unit.saturating_mul(10);
    }
}

/// Received and decided per week, as paired bars with their values over them and a scale
/// on the left (SVG, no chart library).
fn trend(weeks: &[WeekFigures]) -> impl IntoView + use<> {
    let top = nice_top(
        weeks
            .iter()
            .map(|w| w.received.max(w.decided))
            .max()
            .unwrap_or(0)
            .max(1),
    );
    let (left, width, height, base, tall) = (40.0, 680.0, 220.0, 190.0, 160.0);
    let step = (width - left) / weeks.len().max(1) as f64;
    let bar = (step / 3.0).min(24.0);
    let h = move |n: u64| n as f64 / top as f64 * tall;
    let mut marks = vec![0, top / 2, top];
    marks.dedup();
    let ticks = marks
        .into_iter()
        .map(|t| {
            let y = base - h(t);
            view! {
                <g class="tick">
                    <line x1=left x2=width y1=y y2=y class="grid" />
                    <text x=left - 6.0 y=y + 4.0 text-anchor="end">{t}</text>
                </g>
            }
        })
        .collect_view();
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let x = left + i as f64 * step + step / 2.0 - bar;
            let label = w.week_start.format("%m-%d").to_string();
            let value = move |x: f64, n: u64| {
                (n > 0).then(|| view! {
                    <text class="value" x=x + bar / 2.0 y=base - h(n) - 4.0 text-anchor="middle">{n}</text>
                })
            };
            view! {
                <g data-week=w.week_start.to_string()>
                    <rect class="bar bar--received" x=x y=base - h(w.received) width=bar height=h(w.received)>
                        <title>{format!("{label} 这周受理 {}", w.received)}</title>
                    </rect>
                    {value(x, w.received)}
                    <rect class="bar bar--decided" x=x + bar y=base - h(w.decided) width=bar height=h(w.decided)>
                        <title>{format!("{label} 这周办结 {}", w.decided)}</title>
                    </rect>
                    {value(x + bar, w.decided)}
                    <text x=x + bar y=base + 18.0 text-anchor="middle">{label}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="desk-chart">
            <svg viewBox=format!("0 0 {width} {height}") role="img" aria-label="每周受理与办结（件）">
                {ticks}
                <line x1=left x2=left y1=base - tall y2=base class="axis" />
                <line x1=left x2=width y1=base y2=base class="axis" />
                {bars}
            </svg>
            <figcaption>"每周受理与办结（件，按周一所在日期）："<span class="key key--received"></span>"受理 "<span class="key key--decided"></span>"办结"</figcaption>
        </figure>
    }
}

/// The periods the dashboard offers, as (value, label).
const PERIODS: [(&str, &str); 5] = [
    ("all", "全部"),
    ("month", "本月"),
    ("last_month", "上月"),
    ("quarter", "本季度"),
    ("year", "本年"),
];

/// The days of a period as of `today` (`None`: open-ended).
fn period_days(period: &str, today: NaiveDate) -> (Option<NaiveDate>, Option<NaiveDate>) {
    use chrono::Datelike;
    let first_of = |y: i32, m: u32| NaiveDate::from_ymd_opt(y, m, 1);
    match period {
        "month" => (first_of(today.year(), today.month()), Some(today)),
        "last_month" => {
            let this = first_of(today.year(), today.month());
            let last = this.and_then(|d| d.pred_opt());
            (last.and_then(|d| first_of(d.year(), d.month())), last)
        }
        "quarter" => (
            first_of(today.year(), (today.month0() / 3) * 3 + 1),
            Some(today),
        ),
        "year" => (first_of(today.year(), 1), Some(today)),
        _ => (None, None),
    }
}

/// The totals over the period, each a figure with its denominator where it has one.
fn totals(t: &DashboardTotals) -> impl IntoView + use<> {
    let rate = match t.on_time_rate {
        Some(r) => format!("{:.1}%", r * 100.0),
        None => "—".into(),
    };
    let tile =
        |name: &'static str, label: &'static str, value: String, note: String, late: bool| {
            view! {
                <div class="desk-total" class:desk-total--late=late data-total=name>
                    <span class="desk-total__label">{label}</span>
                    <strong class="desk-total__value">{value}</strong>
                    <span class="desk-total__note">{note}</span>
                </div>
            }
        };
    view! {
        <div class="desk-totals" role="group" aria-label="合计">
            {tile("received", "受理", t.received.to_string(), "件".into(), false)}
            {tile("decided", "办结", t.decided.to_string(), format!("件，未办结 {}", t.received.saturating_sub(t.decided)), false)}
            {tile("on_time", "按时办结率", rate, format!("{} / {} 件", t.decided_on_time, t.decided), false)}
            {tile("overdue", "当前超期", t.overdue_now.to_string(), "件".into(), t.overdue_now > 0)}
            {tile("approved", "批准金额", money(t.approved_fen), format!("惠及企业 {} 户", t.businesses_helped), false)}
        </div>
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let desk = use_desk();
    let figures = RwSignal::new(None::<DashboardResponse>);
    // The period: one of PERIODS, or "custom" with its two days.
    let period = RwSignal::new("all".to_string());
    let custom_from = RwSignal::new(String::new());
    let custom_to = RwSignal::new(String::new());
    Effect::new(move |_| {
        let chosen = period.get();
        let (from, to) = if chosen == "custom" {
            (
                custom_from.get().parse::<NaiveDate>().ok(),
                custom_to.get().parse::<NaiveDate>().ok(),
            )
        } else {
            let today = figures.with_untracked(|f| f.as_ref().map(|f| f.as_of));
            today.map_or((None, None), |today| period_days(&chosen, today))
        };
        leptos::task::spawn_local(async move {
            match api::desk::dashboard(&desk, from, to).await {
                Ok(f) => figures.set(Some(f)),
                Err(e) => desk.fail(&e),
            }
        });
    });
    // The department a notice is being written to, with its overdue count.
    let issuing = RwSignal::new(None::<(DepartmentId, u64)>);
    let supervises = desk
        .me
        .with_untracked(|m| m.as_ref().is_some_and(|m| m.role == Role::Supervisor));
    let supervise =
        supervises.then(|| Callback::new(move |pick: (DepartmentId, u64)| issuing.set(Some(pick))));
    move || {
        let f = figures.get()?;
        let catalog = desk.catalog.get()?;
        let c1 = catalog.clone();
        let c2 = catalog.clone();
        let options = PERIODS
            .iter()
            .map(|(value, label)| view! { <option value=*value>{*label}</option> })
            .collect_view();
        let span = match (f.from, f.to) {
            (None, None) => "全部申请".to_string(),
            (from, to) => format!(
                "{} 至 {} 提交的申请",
                from.map_or("最早".into(), |d| d.format("%Y-%m-%d").to_string()),
                to.map_or("今天".into(), |d| d.format("%Y-%m-%d").to_string())
            ),
        };
        Some(view! {
            <section class="desk-page">
                <h1 class="desk-h1">"督办看板" <small>{format!(" 截至 {}", f.as_of.format("%Y-%m-%d"))}</small></h1>
                {super::holiday_warning(&f.unrecorded_holiday_years)}
                <div class="desk-filters desk-period" role="group" aria-label="统计期间">
                    <label class="desk-filter"><span>"统计期间"</span>
                        <select name="period" prop:value=move || period.get()
                            on:change=move |ev| period.set(event_target_value(&ev))>
                            {options}
                            <option value="custom">"自定义"</option>
                        </select>
                    </label>
                    {move || (period.get() == "custom").then(|| view! {
                        <label class="desk-filter"><span>"自"</span>
                            <input name="period_from" type="date" prop:value=move || custom_from.get()
                                on:change=move |ev| custom_from.set(event_target_value(&ev)) />
                        </label>
                        <label class="desk-filter"><span>"至"</span>
                            <input name="period_to" type="date" prop:value=move || custom_to.get()
                                on:change=move |ev| custom_to.set(event_target_value(&ev)) />
                        </label>
                    })}
                    <span class="desk-hint" data-period=format!("{}..{}", f.from.map(|d| d.to_string()).unwrap_or_default(), f.to.map(|d| d.to_string()).unwrap_or_default())>{span}</span>
                </div>
                {totals(&f.totals)}
                {move || issuing.get().map(|(department, overdue)| view! {
                    <IssueNotice department=department overdue=overdue as_of=f.as_of
                        on_close=Callback::new(move |()| issuing.set(None)) />
                })}
                {trend(&f.weeks)}
                {table("按部门", f.departments, move |d| {
                    c1.department(d).map(|d| d.name.get(LANG).to_string()).unwrap_or_default()
                }, |d: DepartmentId| QueueFilter { department: Some(d), ..QueueFilter::default() }, supervise)}
                {table("按属地", f.jurisdictions, move |j| shared::i18n::jurisdiction_name(&c2, LANG, j),
                    |j: shared::answers::JurisdictionId| QueueFilter { jurisdiction: Some(j), ..QueueFilter::default() }, None)}
                <super::assessment::Assessment />
                <super::publicity::Reach />
            </section>
        })
    }
}

/// A 督办 notice to one department about its overdue requests: the supervisor reads the
/// list, words the notice and sets the day by which the department reports.
#[component]
fn IssueNotice(
    department: DepartmentId,
    overdue: u64,
    as_of: NaiveDate,
    on_close: Callback<()>,
) -> impl IntoView {
    let desk = use_desk();
    let name = desk
        .catalog
        .with_untracked(|c| {
            c.as_ref()
                .and_then(|c| c.department(department))
                .map(|d| d.name.get(LANG).to_string())
        })
        .unwrap_or_else(|| department.as_str().to_string());
    let message = RwSignal::new(format!(
        "{name}：截至 {}，贵单位有 {overdue} 件纾困申请已超过办结时限。请抓紧办结，并于反馈期限前报告办理情况和超期原因。",
        as_of.format("%Y年%m月%d日")
    ));
    let deadline = RwSignal::new(
        shared::application::add_working_days(as_of, 5)
            .format("%Y-%m-%d")
            .to_string(),
    );
    let requests = RwSignal::new(None::<Vec<(i64, String)>>);
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    // Every overdue request of the department, page by page (at most a notice's worth).
    leptos::task::spawn_local(async move {
        let mut found = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let filter = QueueFilter {
                department: Some(department),
                overdue: Some(true),
                ..QueueFilter::default()
            };
            let limit = Some(shared::api::desk::QUEUE_MAX_LIMIT);
            match api::desk::queue(&desk, &filter, cursor.as_deref(), limit).await {
                Ok(page) => {
                    found.extend(page.items.into_iter().map(|i| (i.id, i.number)));
                    cursor = page.next_cursor;
                }
                Err(e) => {
                    problem.set(Some(describe(&e)));
                    break;
                }
            }
            if cursor.is_none() || found.len() >= NOTICE_MAX_REQUESTS {
                break;
            }
        }
        found.truncate(NOTICE_MAX_REQUESTS);
        requests.set(Some(found));
    });

    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Ok(day) = deadline.get_untracked().parse::<NaiveDate>() else {
            problem.set(Some("反馈期限：请选择日期".into()));
            return;
        };
        let ids: Vec<i64> =
            requests.with_untracked(|r| r.iter().flatten().map(|(id, _)| *id).collect());
        if ids.is_empty() {
            problem.set(Some("该部门当前没有超期申请。".into()));
            return;
        }
        let body = IssueNoticeRequest {
            department,
            requests: ids,
            deadline: day,
            message: message.get_untracked().trim().to_string(),
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let reply = api::notices::issue(&desk, &body).await;
            busy.set(false);
            match reply {
                Ok(n) => desk.navigate(DeskPage::Notice(n.id)),
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };
    let listed = move || {
        requests.get().map(|list| {
            let n = list.len();
            let numbers = list
                .into_iter()
                .map(|(_, number)| view! { <li>{number}</li> })
                .collect_view();
            view! {
                <p>{format!("涉及超期申请 {n} 件：")}</p>
                <ul class="desk-numbers">{numbers}</ul>
            }
        })
    };
    // The form opens where the supervisor clicked (the tables are below the fold): it is
    // brought into view and its text focused.
    let form = NodeRef::<leptos::html::Form>::new();
    Effect::new(move |_| {
        if let Some(form) = form.get() {
            let options = web_sys::ScrollIntoViewOptions::new();
            options.set_block(web_sys::ScrollLogicalPosition::Start);
            options.set_behavior(web_sys::ScrollBehavior::Smooth);
            form.scroll_into_view_with_scroll_into_view_options(&options);
            if let Ok(Some(text)) = form.query_selector("textarea")
                && let Ok(text) = text.dyn_into::<web_sys::HtmlElement>()
            {
                let _ = text.focus();
            }
        }
    });
    view! {
        <form class="desk-card desk-issue" node_ref=form on:submit=submit aria-label="下达督办通知">
            <h2>{format!("向{name}下达督办通知")}</h2>
            {move || requests.with(Option::is_none).then(|| view! { <p class="desk-loading" role="status">"正在读取超期申请…"</p> })}
            {listed}
            <label class="desk-field"><span>"督办事项"</span>
                <textarea name="notice_message" rows="3" prop:value=move || message.get()
                    on:input=move |ev| message.set(event_target_value(&ev))></textarea>
            </label>
            <label class="desk-field"><span>"反馈期限"</span>
                <input name="notice_deadline" type="date" prop:value=move || deadline.get()
                    on:change=move |ev| deadline.set(event_target_value(&ev)) />
            </label>
            {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            <div class="desk-actions">
                <button class="desk-button desk-button--primary" type="submit" data-notice="issue"
                    disabled=move || busy.get() || requests.with(Option::is_none)>"下达"</button>
                <button class="desk-button" type="button" on:click=move |_| on_close.run(())>"取消"</button>
            </div>
        </form>
    }
}
