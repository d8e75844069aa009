//! Settings that change results, for administrators: each county's 2022 facts, the amounts
//! the seed redacts, time limits, application windows and the working-day calendar. Each is
//! recorded as a dated row (audited) and in force at once; the catalog version is untouched.

use leptos::prelude::*;
use shared::answers::{JurisdictionId, Utility};
use shared::api::settings::{Setting, SettingsView};
use shared::application::{ApplicationKind, DayKind};
use shared::catalog::{MeasureId, ParamId, Unit};
use shared::i18n::Label;
use shared::i18n::requests::kind_text;

use super::{LANG, beijing, describe, use_desk};
use crate::api;
use crate::format::{money, parse_yuan};

fn setting_text(s: &Setting) -> String {
    match s {
        Setting::CalendarDay { date, day, name } => format!(
            "工作日历：{} {}{}",
            date.format("%Y-%m-%d"),
            match day {
                Some(DayKind::Holiday) => "放假",
                Some(DayKind::Workday) => "调休上班",
                None => "恢复按周计",
            },
            name.as_deref()
                .map(|n| format!("（{n}）"))
                .unwrap_or_default()
        ),
        Setting::TimeLimit { kind, working_days } => {
            format!(
                "办结时限：{} {working_days} 个工作日",
                kind_text(LANG, *kind)
            )
        }
        Setting::RectificationLimit { working_days } => {
            format!("差评整改时限：{working_days} 个工作日")
        }
        Setting::ApplicationWindow { measure, from, to } => format!(
            "申请期限：{} 自 {} 至 {}",
            measure.as_str(),
            from.format("%Y-%m-%d"),
            to.map(|t| t.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "长期".into())
        ),
        Setting::UtilityCycle {
            utility,
            county,
            day,
        } => format!(
            "抄表周期提醒：{} {} 每月 {day} 日",
            county.as_str(),
            Label::label(utility, LANG)
        ),
        Setting::RegisteredBusinesses { county, count, on } => format!(
            "小微企业和个体工商户户数：{} {count} 户（{} 统计）",
            county.as_str(),
            on.format("%Y-%m-%d")
        ),
        Setting::Amount {
            param,
            value_fen,
            from,
            to,
        } => format!(
            "金额：{} {}，{} 至 {}",
            param.as_str(),
            money(*value_fen),
            from.format("%Y-%m-%d"),
            to.map(|t| t.format("%Y-%m-%d").to_string())
                .unwrap_or_else(|| "长期".into())
        ),
    }
}

fn tri(v: Option<bool>) -> &'static str {
    match v {
        Some(true) => "true",
        Some(false) => "false",
        None => "",
    }
}

#[component]
pub fn SettingsPage() -> impl IntoView {
    let desk = use_desk();
    let view_ = RwSignal::new(None::<SettingsView>);
    let problem = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    let reload = move || {
        leptos::task::spawn_local(async move {
            match api::settings::get_all(&desk).await {
                Ok(v) => view_.set(Some(v)),
                Err(e) => desk.fail(&e),
            }
        });
    };
    reload();
    let done = move |what: String| {
        problem.set(None);
        saved.set(Some(what));
        reload();
        // Results change at once: the catalog in force is read again.
        desk.refresh_catalog();
    };
    let record = move |setting: Setting| {
        leptos::task::spawn_local(async move {
            match api::settings::record(&desk, &setting).await {
                Ok(v) => {
                    view_.set(Some(v));
                    done(format!("已登记：{}", setting_text(&setting)));
                }
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };

    // Each county's 2022 facts.
    let facts = move || {
        let catalog = desk.catalog.get()?;
        Some(
            catalog
                .jurisdictions
                .iter()
                .map(|j| {
                    let id = j.id;
                    let put = move |field: &'static str, value: String| {
                        let value = match value.as_str() {
                            "true" => true,
                            "false" => false,
                            _ => return,
                        };
                        leptos::task::spawn_local(async move {
                            match api::settings::set_fact(&desk, id, field, value).await {
                                Ok(_) => done(format!("已登记 {} 的情况", id.as_str())),
                                Err(e) => problem.set(Some(describe(&e))),
                            }
                        });
                    };
                    let choice = move |field: &'static str, current: Option<bool>| {
                        view! {
                            <select name=format!("{}_{field}", id.as_str()) prop:value=tri(current)
                                on:change=move |ev| put(field, event_target_value(&ev))>
                                <option value="">"未登记"</option>
                                <option value="true">"是"</option>
                                <option value="false">"否"</option>
                            </select>
                        }
                    };
                    view! {
                        <tr data-jurisdiction=id.as_str()>
                            <th scope="row">{j.name.get(LANG).to_string()}</th>
                            <td>{choice("medium_high_risk_2022", j.medium_high_risk_2022)}</td>
                            <td>{choice("electricity_subsidy", j.electricity_subsidy)}</td>
                        </tr>
                    }
                })
                .collect_view(),
        )
    };

    // Time limits per kind.
    let limits = move || {
        let v = view_.get()?;
        Some(
            ApplicationKind::ALL
                .iter()
                .map(|&kind| {
                    let current = v.time_limits.get(&kind).copied().unwrap_or(0);
                    let typed = RwSignal::new(current.to_string());
                    view! {
                        <label class="desk-filter"><span>{kind_text(LANG, kind)}</span>
                            <span class="desk-inline">
                                <input name=format!("limit_{}", kind.as_str()) type="number" min="1" max="120"
                                    prop:value=move || typed.get() on:input=move |ev| typed.set(event_target_value(&ev)) />
                                <button class="desk-button" type="button" on:click=move |_| {
                                    match typed.get_untracked().trim().parse() {
                                        Ok(working_days) => record(Setting::TimeLimit { kind, working_days }),
                                        Err(_) => problem.set(Some("办结时限：请填写工作日数".into())),
                                    }
                                }>"保存"</button>
                            </span>
                        </label>
                    }
                })
                .collect_view(),
        )
    };

    // A calendar day, a window, an amount: one small form each.
    let day_date = RwSignal::new(String::new());
    let day_kind = RwSignal::new("holiday".to_string());
    let day_name = RwSignal::new(String::new());
    let add_day = move |_| {
        let Ok(date) = day_date.get_untracked().parse() else {
            problem.set(Some("工作日历：请选择日期".into()));
            return;
        };
        let day = DayKind::ALL
            .iter()
            .copied()
            .find(|d| d.as_str() == day_kind.get_untracked());
        let name = Some(day_name.get_untracked().trim().to_string()).filter(|n| !n.is_empty());
        record(Setting::CalendarDay { date, day, name });
    };

    let window_measure = RwSignal::new(String::new());
    let window_from = RwSignal::new(String::new());
    let window_to = RwSignal::new(String::new());
    let set_window = move |_| {
        let measure = MeasureId::parse(&window_measure.get_untracked());
        let (Some(measure), Ok(from)) = (measure, window_from.get_untracked().parse()) else {
            problem.set(Some("申请期限：请选择政策事项和开始日期".into()));
            return;
        };
        let to = window_to.get_untracked().parse().ok();
        record(Setting::ApplicationWindow { measure, from, to });
    };

    let amount_param = RwSignal::new(String::new());
    let amount_value = RwSignal::new(String::new());
    let amount_from = RwSignal::new(String::new());
    let amount_to = RwSignal::new(String::new());
    let set_amount = move |_| {
        let chosen = amount_param.get_untracked();
        let param = (!chosen.is_empty()).then(|| ParamId::from(chosen.as_str()));
        let value = parse_yuan(&amount_value.get_untracked());
        let (Some(param), Ok(value_fen), Ok(from)) =
            (param, value, amount_from.get_untracked().parse())
        else {
            problem.set(Some("金额：请选择参数，填写金额（元）和开始日期".into()));
            return;
        };
        let to = amount_to.get_untracked().parse().ok();
        record(Setting::Amount {
            param,
            value_fen,
            from,
            to,
        });
    };

    let registered_county = RwSignal::new(String::new());
    let registered_count = RwSignal::new(String::new());
    let registered_on = RwSignal::new(String::new());
    let set_registered = move |_| {
        let county = JurisdictionId::ALL
            .iter()
            .copied()
            .find(|j| j.as_str() == registered_county.get_untracked());
        let (Some(county), Ok(count), Ok(on)) = (
            county,
            registered_count.get_untracked().trim().parse(),
            registered_on.get_untracked().parse(),
        ) else {
            problem.set(Some("户数：请选择县市，填写户数和统计日期".into()));
            return;
        };
        record(Setting::RegisteredBusinesses { county, count, on });
    };
    let cycle_utility = RwSignal::new("electricity".to_string());
    let cycle_county = RwSignal::new(String::new());
    let cycle_day = RwSignal::new(String::new());
    let set_cycle = move |_| {
        let utility = Utility::ALL
            .iter()
            .copied()
            .find(|u| u.as_str() == cycle_utility.get_untracked());
        let county = JurisdictionId::ALL
            .iter()
            .copied()
            .find(|j| j.as_str() == cycle_county.get_untracked());
        let (Some(utility), Some(county), Ok(day)) =
            (utility, county, cycle_day.get_untracked().trim().parse())
        else {
            problem.set(Some(
                "抄表周期：请选择费用种类、县市，填写每月几日（1–28）".into(),
            ));
            return;
        };
        record(Setting::UtilityCycle {
            utility,
            county,
            day,
        });
    };
    let county_options = move || {
        desk.catalog.get().map(|c| {
            c.jurisdictions
                .iter()
                .map(|j| view! { <option value=j.id.as_str()>{j.name.get(LANG).to_string()}</option> })
                .collect_view()
        })
    };

    let measure_options = move || {
        desk.catalog.get().map(|c| {
            c.measures
                .iter()
                .filter(|m| m.application_kind.is_some())
                .map(|m| view! { <option value=m.id.to_string()>{format!("{} {}", m.clause, m.title.get(LANG))}</option> })
                .collect_view()
        })
    };
    let amount_options = move || {
        desk.catalog.get().map(|c| {
            c.parameters
                .iter()
                .filter(|p| p.unit == Unit::Fen)
                .map(|p| {
                    let state = if p.values.is_empty() { "（原文未公开）" } else { "" };
                    view! { <option value=p.id.to_string()>{format!("{}{state}", p.name.get(LANG))}</option> }
                })
                .collect_view()
        })
    };
    let recorded = move || {
        let v = view_.get()?;
        Some(
            v.recorded
                .iter()
                .rev()
                .map(|r| view! { <li><time>{beijing(r.recorded_at)}</time> " " {setting_text(&r.setting)}</li> })
                .collect_view(),
        )
    };

    view! {
        <section class="desk-page">
            <h1 class="desk-h1">"政策参数设置"
                <small>{move || view_.get().map(|v| format!("目录版本 {} · 第 {} 次登记", v.catalog_version, v.revision))}</small>
            </h1>
            {move || view_.with(|v| v.as_ref().and_then(|v| super::holiday_warning(&v.unrecorded_holiday_years)))}
            {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            {move || saved.get().map(|s| view! { <p class="desk-saved" role="status">{s}</p> })}
            <div class="desk-columns">
                <div>
                    <section class="desk-card"><h2>"各县市 2022 年情况（影响租金减免月数、电费补贴）"</h2>
                        <table class="desk-table">
                            <thead><tr><th scope="col">"属地"</th><th scope="col">"2022 年曾列为中高风险地区"</th><th scope="col">"已执行用电补贴"</th></tr></thead>
                            <tbody>{facts}</tbody>
                        </table>
                    </section>
                    <section class="desk-card"><h2>"办结时限（工作日，对此后提交的申请生效）"</h2>
                        <div class="desk-filters">{limits}</div>
                    </section>
                    <section class="desk-card"><h2>"原文未公开的金额（*万元）"</h2>
                        <div class="desk-filters">
                            <label class="desk-filter"><span>"参数"</span>
                                <select name="amount_param" on:change=move |ev| amount_param.set(event_target_value(&ev))>
                                    <option value="">"请选择"</option>{amount_options}
                                </select>
                            </label>
                            <label class="desk-filter"><span>"金额（元）"</span>
                                <input name="amount_value" type="text" inputmode="decimal" on:input=move |ev| amount_value.set(event_target_value(&ev)) />
                            </label>
                            <label class="desk-filter"><span>"自"</span><input name="amount_from" type="date" on:change=move |ev| amount_from.set(event_target_value(&ev)) /></label>
                            <label class="desk-filter"><span>"至（可空）"</span><input name="amount_to" type="date" on:change=move |ev| amount_to.set(event_target_value(&ev)) /></label>
                            <button class="desk-button desk-button--primary" type="button" on:click=set_amount>"登记"</button>
                        </div>
                    </section>
                </div>
                <div>
                    <section class="desk-card"><h2>"工作日历（节假日、调休，含古尔邦节、肉孜节）"</h2>
                        <div class="desk-filters">
                            <label class="desk-filter"><span>"日期"</span><input name="day_date" type="date" on:change=move |ev| day_date.set(event_target_value(&ev)) /></label>
                            <label class="desk-filter"><span>"类型"</span>
                                <select name="day_kind" on:change=move |ev| day_kind.set(event_target_value(&ev))>
                                    <option value="holiday">"放假"</option>
                                    <option value="workday">"调休上班"</option>
                                    <option value="">"恢复按周计"</option>
                                </select>
                            </label>
                            <label class="desk-filter"><span>"名称"</span><input name="day_name" type="text" placeholder="古尔邦节" on:input=move |ev| day_name.set(event_target_value(&ev)) /></label>
                            <button class="desk-button desk-button--primary" type="button" on:click=add_day>"登记"</button>
                        </div>
                        <ul class="desk-docs">
                            {move || view_.get().map(|v| v.calendar.into_iter().map(|d| view! {
                                <li>{d.date.format("%Y-%m-%d").to_string()} " " {if d.day == DayKind::Holiday { "放假" } else { "调休上班" }} " " {d.name}</li>
                            }).collect_view())}
                        </ul>
                    </section>
                    <section class="desk-card"><h2>"申请期限"</h2>
                        <div class="desk-filters">
                            <label class="desk-filter"><span>"政策事项"</span>
                                <select name="window_measure" on:change=move |ev| window_measure.set(event_target_value(&ev))>
                                    <option value="">"请选择"</option>{measure_options}
                                </select>
                            </label>
                            <label class="desk-filter"><span>"自"</span><input name="window_from" type="date" on:change=move |ev| window_from.set(event_target_value(&ev)) /></label>
                            <label class="desk-filter"><span>"至（可空）"</span><input name="window_to" type="date" on:change=move |ev| window_to.set(event_target_value(&ev)) /></label>
                            <button class="desk-button desk-button--primary" type="button" on:click=set_window>"登记"</button>
                        </div>
                    </section>
                    <section class="desk-card" data-registered=""><h2>"各县市小微企业和个体工商户户数（知晓率、覆盖面的分母）"</h2>
                        <div class="desk-filters">
                            <label class="desk-filter"><span>"县市"</span>
                                <select name="registered_county" on:change=move |ev| registered_county.set(event_target_value(&ev))>
                                    <option value="">"请选择"</option>{county_options}
                                </select>
                            </label>
                            <label class="desk-filter"><span>"户数"</span>
                                <input name="registered_count" type="number" min="1" inputmode="numeric" on:input=move |ev| registered_count.set(event_target_value(&ev)) />
                            </label>
                            <label class="desk-filter"><span>"统计日期"</span><input name="registered_on" type="date" on:change=move |ev| registered_on.set(event_target_value(&ev)) /></label>
                            <button class="desk-button desk-button--primary" type="button" on:click=set_registered>"登记"</button>
                        </div>
                    </section>
                    <section class="desk-card" data-cycle=""><h2>"抄表周期提醒（缓缴企业每月此日起收到结清提醒）"</h2>
                        <div class="desk-filters">
                            <label class="desk-filter"><span>"费用"</span>
                                <select name="cycle_utility" on:change=move |ev| cycle_utility.set(event_target_value(&ev))>
                                    {Utility::ALL.iter().map(|u| view! { <option value=u.as_str()>{Label::label(u, LANG)}</option> }).collect_view()}
                                </select>
                            </label>
                            <label class="desk-filter"><span>"县市"</span>
                                <select name="cycle_county" on:change=move |ev| cycle_county.set(event_target_value(&ev))>
                                    <option value="">"请选择"</option>{county_options}
                                </select>
                            </label>
                            <label class="desk-filter"><span>"每月几日"</span>
                                <input name="cycle_day" type="number" min="1" max="28" on:input=move |ev| cycle_day.set(event_target_value(&ev)) />
                            </label>
                            <button class="desk-button desk-button--primary" type="button" on:click=set_cycle>"登记"</button>
                        </div>
                    </section>
                    <section class="desk-card"><h2>"登记记录"</h2><ol class="desk-docs">{recorded}</ol></section>
                </div>
            </div>
        </section>
    }
}
