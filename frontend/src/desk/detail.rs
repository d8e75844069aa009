//! One request as its official sees it: who filed what, the answers and the payload, the
//! documents (opened in place), the eligibility re-evaluated now with its reasons, the
//! history as a timeline, and the decisions the state machine allows this official.

use leptos::prelude::*;
use shared::Catalog;
use shared::answers::JurisdictionId;
use shared::api::desk::{BatchPreviewRequest, ColleagueView, ContactView, HandoverRequest};
use shared::api::requests::{BusinessCheck, DecisionRequest, RequestView};
use shared::api::{EligibilityRequest, EligibilityResponse};
use shared::application::decision::{DeferredMonth, NotRoutine, RentRelief};
use shared::application::{Action, ApplicationKind, Grant, RequestState};
use shared::i18n::requests::{action_text, event_text, kind_text, not_routine_text, status_text};
use shared::money::Fen;

use super::queue::status_class;
use super::{LANG, client, describe, use_desk};
use crate::api;
use crate::format::{AmountError, money, parse_yuan, status_label, yuan_input};

/// A wire value as an official reads it: money in yuan, booleans as 是/否.
fn show_value(key: &str, value: &serde_json::Value) -> String {
    match value {
        serde_json::Value::Bool(true) => "是".into(),
        serde_json::Value::Bool(false) => "否".into(),
        serde_json::Value::Number(n) if key.ends_with("_fen") => {
            n.as_i64().map(money).unwrap_or_else(|| n.to_string())
        }
        serde_json::Value::String(s) => s.clone(),
        serde_json::Value::Array(items) => items
            .iter()
            .map(|i| show_value(key, i))
            .collect::<Vec<_>>()
            .join("、"),
        serde_json::Value::Null => "—".into(),
        other => other.to_string(),
    }
}

/// The owner's answers as an official reads them: each under the catalog's name for its
/// question, a listed value under its label, a county under its name, a count with its
/// unit (the wire key or value itself only where the catalog does not declare it).
fn answers_view(catalog: Option<&Catalog>, answers: &serde_json::Value) -> impl IntoView + use<> {
    use shared::catalog::QuestionKind;
    let rows = answers.as_object().map(|o| {
        o.iter()
            .map(|(k, v)| {
                let question = catalog.and_then(|c| c.question(k));
                let label = question
                    .map_or(k.as_str(), |q| q.label.get(LANG))
                    .to_string();
                let shown = match (question.map(|q| &q.answer), v) {
                    (Some(QuestionKind::OneOf { .. } | QuestionKind::SeveralOf { .. }), _) => {
                        let one = |v: &serde_json::Value| {
                            let wire = v.as_str().unwrap_or_default();
                            question
                                .and_then(|q| q.choice(wire))
                                .map_or(wire, |c| c.label.get(LANG))
                                .to_string()
                        };
                        match v {
                            serde_json::Value::Array(items) => {
                                items.iter().map(one).collect::<Vec<_>>().join("、")
                            }
                            v => one(v),
                        }
                    }
                    (Some(QuestionKind::Jurisdiction { .. }), serde_json::Value::String(s)) => {
                        match (
                            catalog,
                            JurisdictionId::ALL.iter().find(|j| j.as_str() == s),
                        ) {
                            (Some(c), Some(&j)) => shared::i18n::jurisdiction_name(c, LANG, j),
                            _ => s.clone(),
                        }
                    }
                    (Some(QuestionKind::Count { unit, .. }), serde_json::Value::Number(n)) => {
                        format!("{n} {}", unit.get(LANG))
                    }
                    _ => show_value(k, v),
                };
                view! { <dt>{label}</dt><dd data-field=k.clone()>{shown}</dd> }
            })
            .collect_view()
    });
    view! { <dl class="desk-fields" data-answers="">{rows}</dl> }
}

/// The label of a payload field, as the owner's form shows it.
fn payload_label(key: &str) -> &str {
    shared::i18n::payload::field_label(LANG, key).unwrap_or(key)
}

/// Fields under their labels (`label` of each wire key).
fn fields(value: &serde_json::Value, label: fn(&str) -> &str) -> impl IntoView + use<> {
    let rows = value.as_object().map(|o| {
        o.iter()
            .map(|(k, v)| {
                view! { <dt>{label(k).to_string()}</dt><dd data-field=k.clone()>{show_value(k, v)}</dd> }
            })
            .collect_view()
    });
    view! { <dl class="desk-fields">{rows}</dl> }
}

#[component]
pub fn RequestPage(id: i64) -> impl IntoView {
    let desk = use_desk();
    let request = RwSignal::new(None::<RequestView>);
    let eligibility = RwSignal::new(None::<EligibilityResponse>);
    let load = move || {
        leptos::task::spawn_local(async move {
            match api::requests::get_one(&desk, id).await {
                Ok(view) => {
                    let again = EligibilityRequest {
                        answers: view.answers.clone(),
                        ..EligibilityRequest::default()
                    };
                    request.set(Some(view));
                    match api::eligibility::evaluate(&desk, &again).await {
                        Ok(e) => eligibility.set(Some(e)),
                        Err(e) => desk.fail(&e),
                    }
                }
                Err(e) => desk.fail(&e),
            }
        });
    };
    load();

    move || {
        let Some(r) = request.get() else {
            return view! { <p class="desk-loading" role="status">"正在加载…"</p> }.into_any();
        };
        let catalog = desk.catalog.get();
        let measure = catalog
            .as_deref()
            .and_then(|c| c.measure(r.measure))
            .map(|m| format!("{} {}", m.clause, m.title.get(LANG)))
            .unwrap_or_else(|| r.measure.as_str().to_string());
        let departments = catalog
            .as_deref()
            .map(|c| {
                shared::i18n::offices_text(
                    c,
                    LANG,
                    &r.departments,
                    r.jurisdiction,
                    r.lead_department,
                )
            })
            .unwrap_or_default();
        let checked_by = r
            .business_check
            .as_ref()
            .and_then(|b| b.verified_by)
            .zip(catalog.as_deref())
            .map(|(d, c)| shared::i18n::offices_text(c, LANG, &[d], r.jurisdiction, None));
        let place = match (catalog.as_deref(), r.jurisdiction) {
            (Some(c), Some(j)) => shared::i18n::jurisdiction_name(c, LANG, j),
            _ => "—".into(),
        };
        // The re-evaluation arrives after the request: only its card waits for it, so the
        // forms beside it keep what the official has chosen and typed.
        let measure_id = r.measure;
        let check = move || {
            let m = eligibility.with(|e| {
                e.as_ref()
                    .and_then(|e| e.results.iter().find(|m| m.measure == measure_id).cloned())
            })?;
            let reasons = m
                .reasons
                .into_iter()
                .map(|reason| {
                    let (mark, class) = match reason.met {
                        Some(true) => ("✓", "reason reason--met"),
                        Some(false) => ("✗", "reason reason--unmet"),
                        None => ("?", "reason reason--unknown"),
                    };
                    view! { <li class=class><span class="reason__mark">{mark}</span>{reason.text}<span class="reason__clause">{reason.clause}</span></li> }
                })
                .collect_view();
            Some(view! {
                <section class="desk-card" data-eligibility=m.status.as_str()>
                    <h2>"按申请时的回答重新测算"</h2>
                    <p><span class=if m.status == shared::Status::Eligible { "chip chip--ok" } else { "chip chip--soon" }>{status_label(LANG, m.status)}</span>
                        {m.estimate_fen.map(|f| format!(" 测算金额 {}", money(f)))}</p>
                    <ul class="desk-reasons">{reasons}</ul>
                </section>
            })
        };
        let is_official = desk.me.with_untracked(|m| {
            m.as_ref()
                .is_some_and(|m| m.role == shared::account::Role::Official)
        });
        let hands_over = r.status.is_open() && is_official;
        let documents = r
            .documents
            .iter()
            .map(|d| {
                let (request, document) = (r.id, d.id);
                let label = format!(
                    "{} · {} · {} KB",
                    d.purpose,
                    d.doc_type,
                    (d.size + 1023) / 1024
                );
                view! {
                    <li>
                        <button class="desk-link" type="button" on:click=move |_| {
                            leptos::task::spawn_local(async move {
                                let opened = api::requests::document(&desk, request, document)
                                    .await
                                    .and_then(|file| client::deliver(file, true));
                                if let Err(e) = opened {
                                    desk.fail(&e);
                                }
                            });
                        }>{label}</button>
                    </li>
                }
            })
            .collect_view();
        let history = r
            .history
            .iter()
            .rev()
            .map(|e| {
                view! {
                    <li class="timeline__item" data-event=e.kind.as_str()>
                        <time>{super::beijing(e.at)}</time>
                        <strong>{event_text(LANG, e.kind)}</strong>
                        <span class=status_class(e.to)>{status_text(LANG, e.to)}</span>
                        {e.actor_name.clone().map(|name| view! { <span class="timeline__who" data-actor="">{name}</span> })}
                        {e.comment.clone().map(|c| view! { <p class="timeline__comment">{c}</p> })}
                        {crate::format::pause_text(LANG, e).map(|t| view! { <p class="timeline__pause" data-pause="">{t}</p> })}
                    </li>
                }
            })
            .collect_view();
        view! {
            <section class="desk-page desk-detail" data-request=r.id.to_string() data-status=r.status.as_str()>
                <h1 class="desk-h1">{r.number.clone()} " " <span class=status_class(r.status)>{status_text(LANG, r.status)}</span></h1>
                <dl class="desk-fields desk-fields--summary">
                    <dt>"企业名称"</dt><dd>{r.business_name.clone()}</dd>
                    <dt>"政策事项"</dt><dd>{measure}</dd>
                    <dt>"事项类型"</dt><dd>{kind_text(LANG, r.kind)}</dd>
                    <dt>"属地"</dt><dd>{place}</dd>
                    <dt>"承办部门"</dt><dd>{departments}</dd>
                    <dt>"提交时间"</dt><dd>{super::beijing(r.filed_at)}</dd>
                    <dt>"办结时限"</dt><dd>{r.due_on.format("%Y-%m-%d").to_string()}</dd>
                    <dt>"联系方式"</dt><dd><Contact id=r.id /></dd>
                </dl>
                {r.business_check.clone().map(|check| view! {
                    <BusinessCheckCard id=r.id check=check checked_by=checked_by official=is_official
                        on_done=Callback::new(move |view: RequestView| request.set(Some(view))) />
                })}
                <div class="desk-columns">
                    <div>
                        <Decide request=r.clone() on_done=Callback::new(move |view: RequestView| request.set(Some(view))) />
                        {hands_over.then(|| view! {
                            <Handover id=r.id on_done=Callback::new(move |view: RequestView| request.set(Some(view))) />
                        })}
                        {hands_over.then(|| view! {
                            <Comment id=r.id assists=r.allowed_actions.is_empty() on_done=Callback::new(move |view: RequestView| request.set(Some(view))) />
                        })}
                        {check}
                        <section class="desk-card"><h2>"申请内容"</h2>{fields(&r.payload, payload_label)}</section>
                        <section class="desk-card"><h2>"自查回答"</h2>{answers_view(catalog.as_deref(), &serde_json::to_value(&r.answers).unwrap_or_default())}</section>
                    </div>
                    <div>
                        <section class="desk-card"><h2>"材料"</h2>
                            {if r.documents.is_empty() { Some(view! { <p class="desk-hint">"未上传材料。"</p> }) } else { None }}
                            <ul class="desk-docs">{documents}</ul>
                        </section>
                        {(r.status == RequestState::Approved).then(|| view! { <super::ledger::Ledger id=r.id official=is_official /> })}
                        {matches!(r.status, RequestState::Approved | RequestState::Rejected).then(|| view! { <super::rating::Rating id=r.id /> })}
                        <section class="desk-card"><h2>"办理记录"</h2><ol class="timeline">{history}</ol></section>
                    </div>
                </div>
            </section>
        }
        .into_any()
    }
}

/// Whether the business was checked against its licence (核验): anyone can register a
/// business's public credit code, so until a department has checked the licence among the
/// documents the desk says so, and an official records the check.
#[component]
fn BusinessCheckCard(
    id: i64,
    check: BusinessCheck,
    checked_by: Option<String>,
    official: bool,
    on_done: Callback<RequestView>,
) -> impl IntoView {
    let desk = use_desk();
    let busy = RwSignal::new(false);
    let record = move |_| {
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        leptos::task::spawn_local(async move {
            let reply = api::desk::verify_business(&desk, id).await;
            busy.set(false);
            match reply {
                Ok(view) => on_done.run(view),
                Err(e) => desk.fail(&e),
            }
        });
    };
    match check.verified_at {
        Some(at) => view! {
            <p class="desk-hint" data-business-check="verified">
                <span class="chip chip--ok">"营业执照已核验"</span>
                " " {checked_by.unwrap_or_default()} " · " {super::beijing(at)}
            </p>
        }
        .into_any(),
        None => view! {
            <section class="desk-card desk-card--warn" data-business-check="unverified">
                <h2>"企业尚未核验"{check.first_request.then_some("（该账户首次申请）")}</h2>
                <p>"信用代码是公开的，任何人都可能用它注册。请对照材料中的营业执照核对企业名称和信用代码，核对无误后记录；核验结果其他部门可见。"</p>
                {official.then(|| view! {
                    <button class="desk-button" type="button" data-verify="" disabled=move || busy.get() on:click=record>
                        "营业执照已核对无误"
                    </button>
                })}
            </section>
        }
        .into_any(),
    }
}

/// The owner's phone and credit code, masked until the official asks; each reveal is
/// written to the audit log by the server.
#[component]
fn Contact(id: i64) -> impl IntoView {
    let desk = use_desk();
    let shown = RwSignal::new(None::<ContactView>);
    let reveal = move |_| {
        leptos::task::spawn_local(async move {
            match api::desk::contact(&desk, id).await {
                Ok(c) => shown.set(Some(c)),
                Err(e) => desk.fail(&e),
            }
        });
    };
    move || {
        match shown.get() {
        Some(c) => view! {
            <span class="desk-mono" data-contact="">{c.phone} " · " {c.credit_code.unwrap_or_else(|| "（代码已收回）".into())}</span>
        }
        .into_any(),
        None => view! {
            <button class="desk-link" type="button" data-reveal="" on:click=reveal>
                "查看完整手机号和信用代码（将记入审计日志）"
            </button>
        }
        .into_any(),
    }
    }
}

/// Hands the request to a colleague of the department who covers its jurisdiction; the
/// state stays, the history records who handed it to whom.
#[component]
fn Handover(id: i64, on_done: Callback<RequestView>) -> impl IntoView {
    let desk = use_desk();
    let colleagues = RwSignal::new(None::<Vec<ColleagueView>>);
    let to = RwSignal::new(String::new());
    let note = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let done = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    leptos::task::spawn_local(async move {
        match api::desk::colleagues(&desk, id).await {
            Ok(list) => colleagues.set(Some(list.items)),
            Err(e) => problem.set(Some(describe(&e))),
        }
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        let Ok(colleague) = to.get_untracked().parse::<i64>() else {
            problem.set(Some("转交给：请选择同事".into()));
            return;
        };
        let comment = note.get_untracked().trim().to_string();
        let body = HandoverRequest {
            to: colleague,
            comment: Some(comment).filter(|c| !c.is_empty()),
        };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let reply = api::desk::hand_over(&desk, id, &body).await;
            busy.set(false);
            match reply {
                Ok(view) => {
                    problem.set(None);
                    let who = colleagues.with_untracked(|c| {
                        c.iter()
                            .flatten()
                            .find(|c| c.id == colleague)
                            .map(|c| c.name.clone().unwrap_or_else(|| c.phone_masked.clone()))
                            .unwrap_or_default()
                    });
                    done.set(Some(format!("已转交 {who} 办理。")));
                    note.set(String::new());
                    on_done.run(view);
                }
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };
    let options = move || {
        colleagues.get().map(|list| {
            list.into_iter()
                .map(|c| {
                    let places = desk.catalog.with(|catalog| {
                        catalog.as_deref().map(|catalog| {
                            c.jurisdictions
                                .iter()
                                .map(|j| shared::i18n::jurisdiction_name(catalog, LANG, *j))
                                .collect::<Vec<_>>()
                                .join("、")
                        })
                    });
                    view! {
                        <option value=c.id.to_string()>
                            {match &c.name {
                                Some(name) => format!("{name}（{}）· {}", c.phone_masked, places.unwrap_or_default()),
                                None => format!("{} · {}", c.phone_masked, places.unwrap_or_default()),
                            }}
                        </option>
                    }
                })
                .collect_view()
        })
    };
    let none = move || colleagues.with(|c| c.as_ref().is_some_and(Vec::is_empty));
    view! {
        <form class="desk-card desk-handover" on:submit=submit>
            <h2>"转交同事办理"</h2>
            {move || done.get().map(|d| view! { <p class="desk-hint" role="status" data-handed="">{d}</p> })}
            {move || none().then(|| view! {
                <p class="desk-hint">"本部门没有其他负责该属地的工作人员。"</p>
            })}
            <label class="desk-field"><span>"转交给"</span>
                <select name="handover_to" disabled=none prop:value=move || to.get()
                    on:change=move |ev| to.set(event_target_value(&ev))>
                    <option value="">"请选择同事"</option>{options}
                </select>
            </label>
            <label class="desk-field"><span>"说明（可选）"</span>
                <input name="handover_comment" type="text" prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev)) />
            </label>
            {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            <button class="desk-button" type="submit" data-action="handover"
                disabled=move || busy.get() || none()>"转交"</button>
        </form>
    }
}

/// A note to the other departments sharing the request: an assisting department's opinion
/// to the one that leads (the owner does not see it).
#[component]
fn Comment(id: i64, assists: bool, on_done: Callback<RequestView>) -> impl IntoView {
    let desk = use_desk();
    let note = RwSignal::new(String::new());
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let text = note.get_untracked().trim().to_string();
        if busy.get_untracked() || text.is_empty() {
            problem.set(Some("意见：请填写".into()));
            return;
        }
        let body = shared::api::desk::CommentRequest { comment: text };
        busy.set(true);
        leptos::task::spawn_local(async move {
            let reply = api::desk::comment(&desk, id, &body).await;
            busy.set(false);
            match reply {
                Ok(view) => {
                    problem.set(None);
                    note.set(String::new());
                    on_done.run(view);
                }
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };
    view! {
        <form class="desk-card desk-comment" on:submit=submit>
            <h2>{if assists { "协办意见（由牵头部门决定）" } else { "部门间意见" }}</h2>
            <label class="desk-field"><span>"意见（申请人不可见）"</span>
                <textarea name="department_comment" rows="2" prop:value=move || note.get()
                    on:input=move |ev| note.set(event_target_value(&ev))></textarea>
            </label>
            {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            <button class="desk-button" type="submit" data-action="comment" disabled=move || busy.get()>"提交意见"</button>
        </form>
    }
}

/// What an approval granted, in a sentence (the owner reads the same words).
pub(super) fn grant_text(grant: &Grant) -> String {
    shared::i18n::requests::grant_text(LANG, grant)
}

/// What an approval grants, as typed on the form.
#[derive(Debug, Clone, Default)]
struct GrantForm {
    months: String,
    amount: String,
    relief: String,
    schedule: String,
    settle_by: String,
    late_fees_waived: bool,
    registration: String,
}

fn yuan(field: &str, typed: &str) -> Result<Fen, String> {
    parse_yuan(typed).map_err(|e| {
        let why = match e {
            AmountError::NotAnAmount => "不是金额",
            AmountError::TooManyDecimals => "最多两位小数",
            AmountError::TooLarge => "金额过大",
        };
        format!("{field}：{why}")
    })
}

impl GrantForm {
    /// Fills the form from a grant (the engine's estimate, for the official to adjust).
    fn fill(&mut self, grant: &Grant) {
        match grant {
            Grant::RentWaiver {
                months,
                amount_fen,
                relief,
            } => {
                self.months = months.to_string();
                self.amount = yuan_input(*amount_fen);
                self.relief = relief.map(|r| r.as_str().to_string()).unwrap_or_default();
            }
            Grant::SkillsReward { amount_fen } => self.amount = yuan_input(*amount_fen),
            Grant::EvaluationInstitution {
                registration_number,
            } => self.registration = registration_number.clone().unwrap_or_default(),
            Grant::UtilityDeferral {
                schedule,
                settle_by,
                late_fees_waived,
            } => {
                self.schedule = schedule
                    .iter()
                    .map(|m| format!("{} {}", m.month, yuan_input(m.amount_fen)))
                    .collect::<Vec<_>>()
                    .join("\n");
                self.settle_by = settle_by.format("%Y-%m-%d").to_string();
                self.late_fees_waived = *late_fees_waived;
            }
        }
    }

    /// The grant of a kind of request, or the sentence saying which field is wrong.
    fn grant(&self, kind: ApplicationKind) -> Result<Grant, String> {
        match kind {
            ApplicationKind::RentWaiver => Ok(Grant::RentWaiver {
                months: self
                    .months
                    .trim()
                    .parse()
                    .map_err(|_| "减免月数：请填写整数".to_string())?,
                amount_fen: yuan("减免金额", &self.amount)?,
                relief: match self.relief.as_str() {
                    "refund" => Some(RentRelief::Refund),
                    "exemption" => Some(RentRelief::Exemption),
                    _ => None,
                },
            }),
            ApplicationKind::SkillsReward => Ok(Grant::SkillsReward {
                amount_fen: yuan("奖补金额", &self.amount)?,
            }),
            ApplicationKind::EvaluationInstitution => Ok(Grant::EvaluationInstitution {
                registration_number: Some(self.registration.trim().to_string())
                    .filter(|s| !s.is_empty()),
            }),
            ApplicationKind::UtilityDeferral => {
                let mut schedule = Vec::new();
                for line in self.schedule.lines().filter(|l| !l.trim().is_empty()) {
                    let mut parts = line.split_whitespace();
                    let (Some(month), Some(amount)) = (parts.next(), parts.next()) else {
                        return Err(format!("缓缴计划：“{line}”应为“2022-05 1200.00”"));
                    };
                    schedule.push(DeferredMonth {
                        month: month.to_string(),
                        amount_fen: yuan("缓缴金额", amount)?,
                    });
                }
                Ok(Grant::UtilityDeferral {
                    schedule,
                    settle_by: self
                        .settle_by
                        .parse()
                        .map_err(|_| "缴清日期：请选择日期".to_string())?,
                    late_fees_waived: self.late_fees_waived,
                })
            }
        }
    }
}

/// Why an official has nothing to decide on a request, as the request's state says: it waits
/// for the owner's answer, it is closed, or another department leads it.
fn nothing_to_decide(catalog: Option<&Catalog>, request: &RequestView) -> String {
    match request.status {
        RequestState::NeedsInfo => {
            "已要求申请人补正，正在等待申请人答复；申请人答复后，此申请回到待办，可继续办理。"
                .to_string()
        }
        RequestState::Approved | RequestState::Rejected | RequestState::Withdrawn => {
            format!("此申请已办结（{}）。", status_text(LANG, request.status))
        }
        RequestState::Submitted | RequestState::InReview => {
            match (catalog, request.lead_department) {
                (Some(catalog), Some(lead)) => format!(
                    "此申请由{}牵头办理，您可以查看并留言。",
                    shared::i18n::office_name(catalog, LANG, lead, request.jurisdiction)
                ),
                _ => "此申请不由您办理，您可以查看。".to_string(),
            }
        }
    }
}

/// The actions this official may take now, as the state machine allows them.
#[component]
fn Decide(request: RequestView, on_done: Callback<RequestView>) -> impl IntoView {
    let desk = use_desk();
    let comment = RwSignal::new(String::new());
    let form = RwSignal::new(GrantForm {
        months: String::new(),
        amount: String::new(),
        relief: String::new(),
        ..GrantForm::default()
    });
    let problem = RwSignal::new(None::<String>);
    let busy = RwSignal::new(false);
    // The department's saved phrases (常用语), one click into the comment.
    let phrases = RwSignal::new(Vec::<String>::new());
    if !request.allowed_actions.is_empty() {
        leptos::task::spawn_local(async move {
            if let Ok(list) = api::phrases::list(&desk).await {
                phrases.set(list.items.into_iter().map(|p| p.text).collect());
            }
        });
    }
    let phrase_chips = move || {
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
    let kind = request.kind;
    let id = request.id;
    let version = request.version;
    let highway = request.payload.get("rent_2022_paid").is_some()
        && request.measure.as_str() == "rent-waiver-highway";
    // The grant the engine estimates for the answers filed, to start the form from (the
    // official adjusts it), or why there is none; and the grant awaiting confirmation.
    let proposal = RwSignal::new(None::<Result<Grant, NotRoutine>>);
    let confirming = RwSignal::new(None::<Grant>);
    if request.allowed_actions.contains(&Action::Approve) {
        leptos::task::spawn_local(async move {
            let asked = BatchPreviewRequest { ids: vec![id] };
            let Ok(reply) = api::desk::batch_preview(&desk, &asked).await else {
                return;
            };
            let Some(item) = reply.items.into_iter().find(|i| i.id == id) else {
                return;
            };
            match (item.grant, item.not_routine) {
                (Some(grant), _) => {
                    form.update(|f| f.fill(&grant));
                    proposal.set(Some(Ok(grant)));
                }
                (None, Some(why)) => proposal.set(Some(Err(why))),
                (None, None) => {}
            }
        });
    }

    let act = move |action: Action| {
        if busy.get_untracked() {
            return;
        }
        let note = comment.get_untracked().trim().to_string();
        if matches!(action, Action::Ask | Action::Reject) && note.is_empty() {
            problem.set(Some(match action {
                Action::Ask => "请写明需要补充的材料或信息。".into(),
                _ => "不予批准须写明理由。".into(),
            }));
            return;
        }
        let grant = if action == Action::Approve {
            match form.with_untracked(|f| f.grant(kind)) {
                // Asked once more with the grant in words before it is recorded.
                Ok(g) if confirming.with_untracked(|c| c.as_ref() != Some(&g)) => {
                    problem.set(None);
                    confirming.set(Some(g));
                    return;
                }
                Ok(g) => Some(g),
                Err(why) => {
                    problem.set(Some(why));
                    return;
                }
            }
        } else {
            None
        };
        confirming.set(None);
        let body = DecisionRequest {
            action,
            comment: Some(note).filter(|n| !n.is_empty()),
            grant,
        };
        problem.set(None);
        busy.set(true);
        leptos::task::spawn_local(async move {
            let reply = api::desk::decide(&desk, id, version, &body).await;
            busy.set(false);
            match reply {
                Ok(view) => {
                    comment.set(String::new());
                    on_done.run(view);
                }
                Err(e) => problem.set(Some(describe(&e))),
            }
        });
    };

    let actions = request.allowed_actions.clone();
    if actions.is_empty() {
        let granted = request.grant.as_ref().map(grant_text);
        let why = desk
            .catalog
            .with_untracked(|c| nothing_to_decide(c.as_deref(), &request));
        return view! {
            <section class="desk-card">
                {granted.map(|g| view! { <p class="desk-grant-text" data-grant="">"批准内容：" {g}</p> })}
                <p class="desk-hint" data-nothing-to-decide="">{why}</p>
            </section>
        }
        .into_any();
    }
    let approving = actions.contains(&Action::Approve);
    let grant_fields = approving.then(|| {
        let input = move |name: &'static str, label: &'static str, get: fn(&GrantForm) -> String, set: fn(&mut GrantForm, String)| {
            view! {
                <label class="desk-field"><span>{label}</span>
                    <input name=name type="text" prop:value=move || form.with(get)
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| set(f, v)) } />
                </label>
            }
        };
        let fields = match kind {
            ApplicationKind::RentWaiver => view! {
                {input("grant_months", "减免月数", |f| f.months.clone(), |f, v| f.months = v)}
                {input("grant_amount", "减免金额（元）", |f| f.amount.clone(), |f, v| f.amount = v)}
                {highway.then(|| view! {
                    <label class="desk-field"><span>"方式"</span>
                        <select name="grant_relief" prop:value=move || form.with(|f| f.relief.clone()) on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.relief = v) }>
                            <option value="">"请选择"</option>
                            <option value="refund">"已缴租金予以退还"</option>
                            <option value="exemption">"未缴租金予以免收"</option>
                        </select>
                    </label>
                })}
            }
            .into_any(),
            ApplicationKind::SkillsReward => {
                input("grant_amount", "奖补金额（元）", |f| f.amount.clone(), |f, v| f.amount = v).into_any()
            }
            ApplicationKind::EvaluationInstitution => input(
                "grant_registration",
                "备案编号（可选）",
                |f| f.registration.clone(),
                |f, v| f.registration = v,
            )
            .into_any(),
            ApplicationKind::UtilityDeferral => view! {
                <label class="desk-field"><span>"缓缴计划（每行：月份 金额）"</span>
                    <textarea name="grant_schedule" rows="4" placeholder="2022-05 1200.00"
                        prop:value=move || form.with(|f| f.schedule.clone())
                        on:input=move |ev| { let v = event_target_value(&ev); form.update(|f| f.schedule = v) }></textarea>
                </label>
                <label class="desk-field"><span>"缴清日期"</span>
                    <input name="grant_settle_by" type="date" prop:value=move || form.with(|f| f.settle_by.clone()) on:change=move |ev| { let v = event_target_value(&ev); form.update(|f| f.settle_by = v) } />
                </label>
                <label class="desk-check">
                    <input name="grant_late_fees_waived" type="checkbox" prop:checked=move || form.with(|f| f.late_fees_waived) on:change=move |ev| { let on = event_target_checked(&ev); form.update(|f| f.late_fees_waived = on) } />
                    <span>"免收滞纳金"</span>
                </label>
            }
            .into_any(),
        };
        let basis = move || {
            proposal.get().map(|p| match p {
                Ok(grant) => view! {
                    <p class="desk-hint" data-proposed="">
                        {format!("已按测算预填：{}。请核对后修改。", grant_text(&grant))}
                    </p>
                }
                .into_any(),
                Err(why) => view! {
                    <p class="desk-hint" data-not-routine=why.as_str()>
                        {format!("未预填：{}。", not_routine_text(LANG, why))}
                    </p>
                }
                .into_any(),
            })
        };
        view! { <fieldset class="desk-grant"><legend>"批准内容"</legend>{basis}{fields}</fieldset> }
    });
    // The grant in words, for the official to confirm or go back to.
    let confirm = move || {
        confirming.get().map(|grant| {
            view! {
                <div class="desk-confirm" role="alertdialog" aria-label="确认批准" data-confirm="approve">
                    <p><strong>"确认批准？"</strong>" 批准后将通知申请人，不能撤回。"</p>
                    <p data-grant="">{format!("批准内容：{}", grant_text(&grant))}</p>
                    <div class="desk-actions">
                        <button class="desk-button desk-button--primary" type="button" data-confirm-action="approve"
                            disabled=move || busy.get() on:click=move |_| act(Action::Approve)>"确认批准"</button>
                        <button class="desk-button" type="button" on:click=move |_| confirming.set(None)>"返回修改"</button>
                    </div>
                </div>
            }
        })
    };
    let buttons = actions
        .into_iter()
        .map(|a| {
            let class = match a {
                Action::Approve => "desk-button desk-button--primary",
                Action::Reject => "desk-button desk-button--warn",
                _ => "desk-button",
            };
            view! {
                <button class=class type="button" data-action=a.as_str() disabled=move || busy.get()
                    on:click=move |_| act(a)>{action_text(LANG, a)}</button>
            }
        })
        .collect_view();
    view! {
        <section class="desk-card desk-decide">
            <h2>"办理"</h2>
            <label class="desk-field"><span>"意见（要求补充材料、不予批准时必填，会发给申请人）"</span>
                <textarea name="comment" rows="3" prop:value=move || comment.get()
                    on:input=move |ev| comment.set(event_target_value(&ev))></textarea>
            </label>
            <div class="desk-phrases" aria-label="常用语">{phrase_chips}</div>
            {grant_fields}
            {move || problem.get().map(|p| view! { <p class="desk-problem" role="alert">{p}</p> })}
            {confirm}
            <div class="desk-actions" class:desk-actions--hidden=move || confirming.with(Option::is_some)>{buttons}</div>
        </section>
    }
    .into_any()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(status: &str, lead: Option<&str>) -> RequestView {
        serde_json::from_value(serde_json::json!({
            "id": 1, "number": "BZ2022-000001", "measure": "rent-waiver-state",
            "kind": "rent_waiver", "status": status, "version": 3,
            "business_name": "库尔勒市拉面馆", "departments": ["sasac", "county_government"],
            "lead_department": lead, "jurisdiction": "korla", "catalog_version": "2022.4",
            "filed_at": "2022-06-01T02:00:00Z", "updated_at": "2022-06-02T02:00:00Z",
            "due_on": "2022-06-20", "answers": {}, "payload": {}, "grant": null,
            "allowed_actions": [], "history": [], "documents": []
        }))
        .unwrap_or_else(|e| panic!("{e}"))
    }

    #[test]
    fn an_official_with_nothing_to_decide_is_told_why_in_the_requests_terms() {
        let catalog = shared::examples::shipped().unwrap_or_else(|e| panic!("{e}"));
        assert!(
            nothing_to_decide(Some(&catalog), &request("needs_info", Some("sasac")))
                .starts_with("已要求申请人补正，正在等待申请人答复")
        );
        assert_eq!(
            nothing_to_decide(Some(&catalog), &request("rejected", Some("sasac"))),
            "此申请已办结（未批准）。"
        );
        assert_eq!(
            nothing_to_decide(
                Some(&catalog),
                &request("in_review", Some("county_government"))
            ),
            "此申请由库尔勒市人民政府牵头办理，您可以查看并留言。"
        );
        assert_eq!(
            nothing_to_decide(None, &request("submitted", None)),
            "此申请不由您办理，您可以查看。"
        );
    }
}
