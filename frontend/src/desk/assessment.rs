//! 督导考核 on the dashboard: each department's and county's figures over a chosen period,
//! with their denominators, the place among units with enough decided requests ("too few to
//! rank" otherwise), idle units named, and the period before beside each rate.

use leptos::prelude::*;
use shared::api::assessment::{AssessmentResponse, AssessmentRow, MIN_DECIDED_DEFAULT};

use super::{LANG, describe, use_desk};
use crate::api;
use crate::format::money;

fn percent(r: Option<f64>) -> String {
    r.map(|r| format!("{:.1}%", r * 100.0))
        .unwrap_or_else(|| "—".into())
}

/// A rate with its denominator and the change since the period before: `75.0%（3/4，+5.0）`.
fn rate_cell(now: Option<f64>, n: u64, of: u64, before: Option<f64>) -> String {
    let change = match (now, before) {
        (Some(a), Some(b)) => format!("，{:+.1}", (a - b) * 100.0),
        _ => String::new(),
    };
    format!("{}（{n}/{of}{change}）", percent(now))
}

fn rows<K: Copy + 'static>(
    rows: Vec<AssessmentRow<K>>,
    name: impl Fn(K) -> String,
) -> impl IntoView {
    rows.into_iter()
        .map(|r| {
            let f = r.figures;
            let p = r.previous;
            view! {
                <tr class:desk-row--idle=r.inactive data-rank=r.rank.map(|x| x.to_string()).unwrap_or_default()>
                    <td>{match (r.rank, r.inactive) {
                        (Some(place), _) => place.to_string(),
                        (None, true) => "无办件".into(),
                        (None, false) => "办件过少不排名".into(),
                    }}</td>
                    <th scope="row">{name(r.key)}</th>
                    <td>{f.received}</td>
                    <td>{f.decided}</td>
                    <td>{rate_cell(f.on_time_rate, f.decided_on_time, f.decided, p.on_time_rate)}</td>
                    <td class:desk-num--late=r.overdue_now.gt(&0)>{r.overdue_now}</td>
                    <td>{f.avg_working_days.map(|d| format!("{d:.1}")).unwrap_or_else(|| "—".into())}</td>
                    <td>{rate_cell(f.satisfaction_rate, f.satisfied, f.ratings, p.satisfaction_rate)}</td>
                    <td class:desk-num--late=r.rectifications_overdue.gt(&0)>{format!("{} / {}", r.rectifications_open, r.rectifications_overdue)}</td>
                    <td>{money(f.approved_fen)}</td>
                    <td>{f.businesses_helped}</td>
                </tr>
            }
        })
        .collect_view()
}

fn table<K: Copy + 'static>(
    caption: &'static str,
    body: Vec<AssessmentRow<K>>,
    name: impl Fn(K) -> String,
) -> impl IntoView {
    view! {
        <table class="desk-table desk-table--figures desk-assessment__table">
            <caption>{caption}</caption>
            <thead><tr>
                <th scope="col">"排名"</th><th scope="col">"单位"</th><th scope="col">"受理"</th>
                <th scope="col">"办结"</th><th scope="col">"按时办结率（件，较上期）"</th>
                <th scope="col">"当前超期"</th><th scope="col">"平均办理（工作日）"</th>
                <th scope="col">"满意率（件，较上期）"</th><th scope="col">"整改未结 / 超期"</th>
                <th scope="col">"批准金额"</th><th scope="col">"惠及企业"</th>
            </tr></thead>
            <tbody>{rows(body, name)}</tbody>
        </table>
    }
}

#[component]
pub fn Assessment() -> impl IntoView {
    let desk = use_desk();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let min_decided = RwSignal::new(MIN_DECIDED_DEFAULT.to_string());
    let figures = RwSignal::new(None::<AssessmentResponse>);
    let problem = RwSignal::new(None::<String>);
    let load = move || {
        let least = min_decided
            .get_untracked()
            .trim()
            .parse::<u64>()
            .unwrap_or(0);
        if least == 0 {
            problem.set(Some("参与排名的最少办结件数：请填 1 以上的整数".into()));
            return;
        }
        leptos::task::spawn_local(async move {
            match api::desk::assessment(&desk, &from.get_untracked(), &to.get_untracked(), least)
                .await
            {
                Ok(t) => {
                    from.set(t.from.format("%Y-%m-%d").to_string());
                    to.set(t.to.format("%Y-%m-%d").to_string());
                    problem.set(None);
                    figures.set(Some(t));
                }
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };
    load();
    // The month of the 通报: the month the period ends in.
    let print = move |_| {
        let month = to.get_untracked().get(..7).unwrap_or_default().to_string();
        leptos::task::spawn_local(async move {
            let opened = api::desk::monthly_report(&desk, &month)
                .await
                .and_then(|file| super::client::deliver(file, true));
            if let Err(e) = opened {
                problem.set(Some(describe(&e)));
            }
        });
    };
    let body = move || {
        let t = figures.get()?;
        let catalog = desk.catalog.get()?;
        let c2 = catalog.clone();
        Some(view! {
            <p class="desk-hint" data-assessment-period="">{format!(
                "期间 {} 至 {}，较上期 {} 至 {}；办结少于 {} 件的单位不参与排名。",
                t.from, t.to, t.previous_from, t.previous_to, t.min_decided
            )}</p>
            {table("按部门", t.departments, move |d| catalog.department(d).map(|d| d.name.get(LANG).to_string()).unwrap_or_default())}
            {table("按县市", t.counties, move |j| shared::i18n::jurisdiction_name(&c2, LANG, j))}
        })
    };
    view! {
        <section class="desk-card desk-assessment" data-assessment="">
            <h2>"督导考核"</h2>
            <form class="desk-filters" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); load(); }>
                <label class="desk-field"><span>"自"</span>
                    <input name="assessment_from" type="date" prop:value=move || from.get()
                        on:change=move |ev| from.set(event_target_value(&ev)) /></label>
                <label class="desk-field"><span>"至"</span>
                    <input name="assessment_to" type="date" prop:value=move || to.get()
                        on:change=move |ev| to.set(event_target_value(&ev)) /></label>
                <label class="desk-field"><span>"参与排名的最少办结件数"</span>
                    <input name="assessment_min" type="number" min="1" max="1000" prop:value=move || min_decided.get()
                        on:input=move |ev| min_decided.set(event_target_value(&ev)) /></label>
                <button class="desk-button desk-button--primary" type="submit" data-action="assess">"统计"</button>
                <button class="desk-button" type="button" data-action="monthly-report" on:click=print>"月度通报（打印）"</button>
            </form>
            {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            {body}
        </section>
    }
}
