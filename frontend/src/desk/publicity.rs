//! Publicity on the desk (part 三(三)): administrators write and publish each measure's
//! 政策解读 (Markdown, with images uploaded for it; every publish a version), and the
//! supervising office sees the reach of the links and posters — 知晓率 and 覆盖面 per county
//! with their denominators, and which sources brought owners.

use leptos::prelude::*;
use shared::Lang;
use shared::api::publicity::{InterpretationRequest, InterpretationView, ReachResponse};
use shared::catalog::MeasureId;

use super::{LANG, beijing, describe, use_desk};
use crate::api;

fn percent(r: Option<f64>) -> String {
    r.map(|r| format!("{:.1}%", r * 100.0))
        .unwrap_or_else(|| "—".into())
}

/// A rate as a bar with its figures beside it: `12.5%（5/40）`.
fn bar(rate: Option<f64>, n: u64, of: Option<u64>) -> impl IntoView {
    match of {
        Some(of) => {
            let width = format!("width:{:.1}%", rate.unwrap_or(0.0) * 100.0);
            view! {
                <span class="desk-meter"><span class="desk-meter__fill" style=width></span></span>
                <span class="desk-meter__text">{format!("{}（{n}/{of}）", percent(rate))}</span>
            }
            .into_any()
        }
        // No denominator recorded: the count alone, and why there is no rate.
        None => view! { <span class="desk-meter__text desk-hint">{format!("{n}（未登记户数，不计比率）")}</span> }
            .into_any(),
    }
}

/// The reach card on the dashboard.
#[component]
pub fn Reach() -> impl IntoView {
    let desk = use_desk();
    let from = RwSignal::new(String::new());
    let to = RwSignal::new(String::new());
    let figures = RwSignal::new(None::<ReachResponse>);
    let problem = RwSignal::new(None::<String>);
    let load = move || {
        leptos::task::spawn_local(async move {
            match api::publicity::reach(&desk, &from.get_untracked(), &to.get_untracked()).await {
                Ok(r) => {
                    from.set(r.from.format("%Y-%m-%d").to_string());
                    to.set(r.to.format("%Y-%m-%d").to_string());
                    problem.set(None);
                    figures.set(Some(r));
                }
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };
    load();
    let body = move || {
        let r = figures.get()?;
        let catalog = desk.catalog.get()?;
        let counties = r
            .counties
            .iter()
            .map(|c| {
                view! {
                    <tr data-county=c.county.as_str()>
                        <th scope="row">{shared::i18n::jurisdiction_name(&catalog, LANG, c.county)}</th>
                        <td>{c.registered.map(|n| n.to_string()).unwrap_or_else(|| "未登记".into())}</td>
                        <td>{c.figures.opens}</td>
                        <td class="desk-reach__rate">{bar(c.awareness_rate, c.figures.checks, c.registered)}</td>
                        <td>{c.businesses_filed}</td>
                        <td class="desk-reach__rate">{bar(c.coverage_rate, c.businesses_helped, c.registered)}</td>
                    </tr>
                }
            })
            .collect_view();
        let sources = r
            .sources
            .iter()
            .map(|s| {
                view! {
                    <tr data-source=s.source.clone()>
                        <th scope="row">{shared::i18n::source_text(&catalog, LANG, s.channel, s.county)}</th>
                        <td>{s.figures.opens}</td><td>{s.figures.checks}</td>
                        <td>{s.figures.filed}</td><td>{s.figures.approved}</td>
                    </tr>
                }
            })
            .collect_view();
        let measures = r
            .measures
            .iter()
            .map(|m| {
                let title = catalog
                    .measure(m.measure)
                    .map(|x| x.title.get(LANG).to_string())
                    .unwrap_or_default();
                view! {
                    <tr data-measure=m.measure.to_string()>
                        <th scope="row">{title}</th>
                        <td>{m.opens}</td><td>{m.eligible}</td><td>{m.filed}</td><td>{m.approved}</td>
                        <td>{format!("{} / {}", m.useful, m.not_useful)}</td>
                    </tr>
                }
            })
            .collect_view();
        Some(view! {
            <p class="desk-hint">{format!(
                "期间 {} 至 {}：打开 {} 次，完成自查 {} 次，提交申请 {} 件，批准 {} 件。知晓率按完成自查次数 ÷ 登记户数估算（同一户多次自查会重复计入，为上限估计）；覆盖面为获批企业数 ÷ 登记户数。只统计总数，不记录任何人的地址、设备或答案。",
                r.from, r.to, r.total.opens, r.total.checks, r.total.filed, r.total.approved
            )}</p>
            <table class="desk-table desk-table--figures" data-reach="counties">
                <caption>"按县市：知晓率与覆盖面"</caption>
                <thead><tr><th scope="col">"县市"</th><th scope="col">"登记户数"</th><th scope="col">"打开"</th>
                    <th scope="col">"知晓率（自查/户数）"</th><th scope="col">"申请企业"</th><th scope="col">"覆盖面（获批企业/户数）"</th></tr></thead>
                <tbody>{counties}</tbody>
            </table>
            <table class="desk-table desk-table--figures" data-reach="sources">
                <caption>"按来源"</caption>
                <thead><tr><th scope="col">"来源"</th><th scope="col">"打开"</th><th scope="col">"自查"</th><th scope="col">"申请"</th><th scope="col">"批准"</th></tr></thead>
                <tbody>{sources}</tbody>
            </table>
            <table class="desk-table desk-table--figures" data-reach="measures">
                <caption>"按政策"</caption>
                <thead><tr><th scope="col">"政策"</th><th scope="col">"解读页打开"</th><th scope="col">"自查符合"</th><th scope="col">"申请"</th><th scope="col">"批准"</th><th scope="col">"有用 / 没用"</th></tr></thead>
                <tbody>{measures}</tbody>
            </table>
        })
    };
    view! {
        <section class="desk-card desk-reach" data-reach="">
            <h2>"宣传覆盖（知晓率、覆盖面）"</h2>
            <form class="desk-filters" on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); load(); }>
                <label class="desk-field"><span>"自"</span>
                    <input name="reach_from" type="date" prop:value=move || from.get()
                        on:change=move |ev| from.set(event_target_value(&ev)) /></label>
                <label class="desk-field"><span>"至"</span>
                    <input name="reach_to" type="date" prop:value=move || to.get()
                        on:change=move |ev| to.set(event_target_value(&ev)) /></label>
                <button class="desk-button desk-button--primary" type="submit" data-action="reach">"统计"</button>
            </form>
            {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            {body}
        </section>
    }
}

/// The administrators' page: choose a measure and a language, write, add images, publish;
/// the versions published so far beside it.
#[component]
pub fn InterpretationsPage() -> impl IntoView {
    let desk = use_desk();
    let measure = RwSignal::new(None::<MeasureId>);
    let lang = RwSignal::new(Lang::ZhCn);
    let title = RwSignal::new(String::new());
    let body = RwSignal::new(String::new());
    let versions = RwSignal::new(Vec::<InterpretationView>::new());
    let problem = RwSignal::new(None::<String>);
    let saved = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);

    // The chosen measure's versions; the editor starts from the latest in the language.
    let load = move |fill: bool| {
        let Some(m) = measure.get_untracked() else {
            versions.set(Vec::new());
            return;
        };
        leptos::task::spawn_local(async move {
            match api::publicity::versions(&desk, m).await {
                Ok(list) => {
                    if fill {
                        let latest = list.iter().find(|v| v.lang == lang.get_untracked());
                        title.set(latest.map(|v| v.title.clone()).unwrap_or_default());
                        body.set(latest.map(|v| v.body.clone()).unwrap_or_default());
                    }
                    versions.set(list);
                }
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };
    let publish = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let Some(m) = measure.get_untracked() else {
            problem.set(Some("请先选择政策".into()));
            return;
        };
        let request = InterpretationRequest {
            lang: lang.get_untracked(),
            title: title.get_untracked(),
            body: body.get_untracked(),
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::publicity::publish(&desk, m, &request).await {
                Ok(v) => {
                    problem.set(None);
                    saved.set(Some(format!("已发布第 {} 版，公众页面已更新。", v.version)));
                    load(false);
                }
                Err(e) => problem.set(Some(describe(&e))),
            }
            busy.set(false);
        });
    };
    let add_image = move |ev: leptos::ev::Event| {
        let Some(m) = measure.get_untracked() else {
            problem.set(Some("请先选择政策".into()));
            return;
        };
        let input: web_sys::HtmlInputElement = event_target(&ev);
        let Some(file) = input.files().and_then(|f| f.get(0)) else {
            return;
        };
        input.set_value("");
        busy.set(true);
        leptos::task::spawn_local(async move {
            match api::publicity::upload_image(&desk, m, &file).await {
                Ok(image) => {
                    problem.set(None);
                    body.update(|b| {
                        if !b.is_empty() && !b.ends_with('\n') {
                            b.push('\n');
                        }
                        b.push_str(&format!("\n![图片说明]({})\n", image.path));
                    });
                }
                Err(e) => problem.set(Some(describe(&e))),
            }
            busy.set(false);
        });
    };
    let options = move || {
        desk.catalog.get().map(|c| {
            c.measures
                .iter()
                .map(|m| view! { <option value=m.id.to_string()>{format!("{} {}", m.clause, m.title.get(LANG))}</option> })
                .collect_view()
        })
    };
    let public_link = move || {
        measure.get().map(|m| {
            let href = match lang.get() {
                Lang::ZhCn => format!("/measures/{}", m.as_str()),
                Lang::En => format!("/measures/{}?lang=en", m.as_str()),
            };
            view! { <a class="desk-link" href=href target="_blank" rel="noopener">"查看公众页面"</a> }
        })
    };
    let history = move || {
        versions
            .get()
            .into_iter()
            .map(|v| {
                view! {
                    <li data-version=v.version>
                        {format!("{} 第 {} 版 · {} · {}", if v.lang == Lang::En { "英文" } else { "中文" }, v.version, beijing(v.published_at), v.title)}
                    </li>
                }
            })
            .collect_view()
    };
    view! {
        <section class="desk-page desk-interpretations">
            <h1 class="desk-h1">"政策解读"</h1>
            <p class="desk-hint">"每次发布都是新版本，公众页面 /measures/… 立即显示最新版本。正文用 Markdown：空行分段，## 小标题，- 列表，**加粗**；图片须先上传。海报二维码和自查结果都链接到这里。"</p>
            {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            {move || saved.get().map(|s| view! { <p class="desk-saved" role="status">{s}</p> })}
            <div class="desk-columns">
                <form class="desk-card desk-interpretation" on:submit=publish>
                    <div class="desk-filters">
                        <label class="desk-filter"><span>"政策"</span>
                            <select name="interpretation_measure" on:change=move |ev| {
                                measure.set(MeasureId::parse(&event_target_value(&ev)));
                                saved.set(None);
                                load(true);
                            }>
                                <option value="">"请选择"</option>{options}
                            </select>
                        </label>
                        <label class="desk-filter"><span>"语言"</span>
                            <select name="interpretation_lang" on:change=move |ev| {
                                lang.set(Lang::parse(&event_target_value(&ev)).unwrap_or_default());
                                load(true);
                            }>
                                <option value="zh-CN">"中文"</option>
                                <option value="en">"English"</option>
                            </select>
                        </label>
                        {public_link}
                    </div>
                    <label class="desk-field desk-field--wide"><span>"标题"</span>
                        <input name="interpretation_title" type="text" maxlength="100" prop:value=move || title.get()
                            on:input=move |ev| title.set(event_target_value(&ev)) /></label>
                    <label class="desk-field desk-field--wide"><span>"正文（Markdown）"</span>
                        <textarea name="interpretation_body" rows="16" prop:value=move || body.get()
                            on:input=move |ev| body.set(event_target_value(&ev))></textarea></label>
                    <div class="desk-filters">
                        <label class="desk-button"><span>"上传图片（JPEG/PNG/WebP，≤1 MB）"</span>
                            <input class="desk-visually-hidden" name="interpretation_image" type="file" accept="image/jpeg,image/png,image/webp" on:change=add_image /></label>
                        <button class="desk-button desk-button--primary" type="submit" data-action="publish" disabled=move || busy.get()>"发布新版本"</button>
                    </div>
                </form>
                <section class="desk-card"><h2>"已发布版本"</h2><ol class="desk-docs" data-versions="">{history}</ol></section>
            </div>
        </section>
    }
}
