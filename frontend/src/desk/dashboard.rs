//! The supervising office's dashboard (三(二)): per department and per jurisdiction, what
//! was received and decided, on time or not, what is overdue now, the money approved and
//! the businesses helped; the weekly trend as bars beside the tables.

use leptos::prelude::*;
use shared::api::desk::{DashboardResponse, DashboardRow, WeekFigures};

use super::queue::Filters;
use super::{LANG, client, use_desk};
use crate::format::money;

fn rate(r: Option<f64>) -> String {
    r.map(|r| format!("{:.0}%", r * 100.0))
        .unwrap_or_else(|| "—".into())
}

fn days(d: Option<f64>) -> String {
    d.map(|d| format!("{d:.1}")).unwrap_or_else(|| "—".into())
}

/// A table of figures; `drill` gives the queue's filters for a row, where the queue can
/// show that row's requests (it filters by jurisdiction, not by department).
fn table<K: Copy + 'static>(
    caption: &'static str,
    rows: Vec<DashboardRow<K>>,
    name: impl Fn(K) -> String + 'static,
    drill: Option<fn(K) -> Filters>,
) -> impl IntoView {
    let desk = use_desk();
    let body = rows
        .into_iter()
        .map(|r| {
            let late = r.overdue_now > 0;
            let key = r.key;
            let title = name(key);
            let overdue = r.overdue_now;
            let (head, overdue_cell) = match drill {
                Some(filters) => (
                    view! {
                        <button class="desk-link" type="button" on:click=move |_| desk.open_queue(filters(key))>{title}</button>
                    }
                    .into_any(),
                    view! {
                        <button class="desk-link" type="button" data-drill="overdue" on:click=move |_| {
                            desk.open_queue(Filters { overdue: true, ..filters(key) })
                        }>{overdue}</button>
                    }
                    .into_any(),
                ),
                None => (title.into_any(), overdue.into_any()),
            };
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
            </tr></thead>
            <tbody>{body}</tbody>
        </table>
    }
}

/// Received and decided per week, as paired bars (SVG, no chart library).
fn trend(weeks: &[WeekFigures]) -> impl IntoView + use<> {
    let top = weeks
        .iter()
        .map(|w| w.received.max(w.decided))
        .max()
        .unwrap_or(0)
        .max(1) as f64;
    let (width, height, base) = (640.0, 200.0, 170.0);
    let step = width / weeks.len().max(1) as f64;
    let bar = (step / 3.0).min(24.0);
    let bars = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| {
            let x = i as f64 * step + step / 2.0 - bar;
            let h = |n: u64| n as f64 / top * 150.0;
            let label = w.week_start.format("%m-%d").to_string();
            view! {
                <g>
                    <rect class="bar bar--received" x=x y=base - h(w.received) width=bar height=h(w.received)>
                        <title>{format!("{label} 受理 {}", w.received)}</title>
                    </rect>
                    <rect class="bar bar--decided" x=x + bar y=base - h(w.decided) width=bar height=h(w.decided)>
                        <title>{format!("{label} 办结 {}", w.decided)}</title>
                    </rect>
                    <text x=x + bar y=base + 18.0 text-anchor="middle">{label}</text>
                </g>
            }
        })
        .collect_view();
    view! {
        <figure class="desk-chart">
            <svg viewBox=format!("0 0 {width} {height}") role="img" aria-label="每周受理与办结">
                <line x1="0" x2=width y1=base y2=base class="axis" />
                {bars}
            </svg>
            <figcaption><span class="key key--received"></span>"受理 "<span class="key key--decided"></span>"办结"</figcaption>
        </figure>
    }
}

#[component]
pub fn DashboardPage() -> impl IntoView {
    let desk = use_desk();
    let figures = RwSignal::new(None::<DashboardResponse>);
    leptos::task::spawn_local(async move {
        match client::get::<DashboardResponse>(desk, "/api/v1/admin/dashboard").await {
            Ok(f) => figures.set(Some(f)),
            Err(e) => desk.fail(&e),
        }
    });
    move || {
        let f = figures.get()?;
        let catalog = desk.catalog.get()?;
        let c1 = catalog.clone();
        let c2 = catalog.clone();
        Some(view! {
            <section class="desk-page">
                <h1 class="desk-h1">"督办看板" <small>{format!(" 截至 {}", f.as_of.format("%Y-%m-%d"))}</small></h1>
                {trend(&f.weeks)}
                {table("按部门", f.departments, move |d| {
                    c1.department(d).map(|d| d.name.get(LANG).to_string()).unwrap_or_default()
                }, None)}
                {table("按属地", f.jurisdictions, move |j| shared::i18n::jurisdiction_name(&c2, LANG, j),
                    Some(|j: shared::answers::JurisdictionId| Filters { jurisdiction: j.as_str().to_string(), ..Filters::default() }))}
            </section>
        })
    }
}
