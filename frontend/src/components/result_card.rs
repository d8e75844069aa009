//! One measure's result: status, estimate, the reasons with their marks, the clause and its
//! original sentence on tap, who decides, and what to do.

use leptos::prelude::*;
use shared::Lang;
use shared::Status;
use shared::answers::AnswerKey;
use shared::api::MeasureResultView;
use shared::catalog::{How, Measure};

use crate::format::{money, status_label};
use crate::text::text;

fn mark(met: Option<bool>) -> (&'static str, &'static str) {
    match met {
        Some(true) => ("reason reason--met", "✓"),
        Some(false) => ("reason reason--unmet", "✗"),
        None => ("reason reason--open", "?"),
    }
}

#[component]
pub fn ResultCard(
    result: MeasureResultView,
    measure: Measure,
    /// The answers still missing, each with what the catalog calls it.
    asks: Vec<(AnswerKey, String)>,
    lang: Lang,
    /// Answer one of the result's missing questions.
    on_answer: Callback<AnswerKey>,
    /// The owner's request for this measure, open or approved (id, number): shown instead of
    /// the apply button, since a relief is granted once.
    #[prop(optional)]
    filed: Option<(i64, String)>,
) -> impl IntoView {
    let t = text(lang);
    let status = result.status;
    let reasons = result
        .reasons
        .iter()
        .map(|r| {
            let (class, symbol) = mark(r.met);
            view! {
                <li class=class>
                    <span class="reason__mark" aria-hidden="true">{symbol}</span>
                    <span class="reason__text">{r.text.clone()}</span>
                    <span class="reason__clause">{r.clause.clone()}</span>
                </li>
            }
        })
        .collect_view();
    let estimate = result.estimate_fen.map(|fen| {
        let steps = result
            .estimate_steps
            .iter()
            .map(|s| view! { <li>{s.text.clone()}{s.amount_fen.map(|a| format!(" = {}", money(a)))}</li> })
            .collect_view();
        // How the amount is worked out, under its own heading (怎么办 is what to do); a
        // qualifying measure worth nothing on these answers shows why at once.
        let zero = fen == 0;
        let (worked_out, nothing) = match lang {
            Lang::ZhCn => (
                "怎么算的",
                "按您的回答，本项测算金额为 0：见下面的计算。",
            ),
            Lang::En => (
                "How it is worked out",
                "On your answers this comes to nothing: the calculation below says why.",
            ),
        };
        view! {
            <p class="result__estimate">{t.estimate}" "<strong>{money(fen)}</strong></p>
            {zero.then(|| view! { <p class="result__zero" data-zero="">{nothing}</p> })}
            <details class="result__steps" open=zero><summary>{worked_out}</summary><ol>{steps}</ol></details>
        }
    });
    // Steps without a total (a note, or a partial subtotal) are shown too.
    let notes = (result.estimate_fen.is_none() && !result.estimate_steps.is_empty()).then(|| {
        let items = result
            .estimate_steps
            .iter()
            .map(|s| view! { <li>{s.text.clone()}</li> })
            .collect_view();
        view! { <ul class="result__notes">{items}</ul> }
    });
    let questions = (status == Status::NeedsInfo).then(|| {
        asks.into_iter()
            .take(3)
            .map(|(key, label)| {
                view! {
                    <button class="button button--mini" type="button" on:click=move |_| on_answer.run(key.clone())>
                        {format!("{}：{}", t.answer_it, label)}
                    </button>
                }
            })
            .collect_view()
    });
    let would = (!result.would_qualify_if.is_empty()).then(|| {
        let items = result
            .would_qualify_if
            .iter()
            .map(|c| view! { <li>{c.text.clone()}</li> })
            .collect_view();
        view! {
            <div class="result__would">
                <p class="result__label">{t.why_not}</p>
                <ul>{items}</ul>
            </div>
        }
    });
    // Filing is the account app's: a link, loaded when tapped.
    let apply = (matches!(status, Status::Eligible | Status::NeedsInfo)
        && result.how == How::Apply
        && measure.application_kind.is_some())
    .then(|| match lang {
        Lang::ZhCn => format!("/file/{}", result.measure.as_str()),
        Lang::En => format!("/file/{}?lang=en", result.measure.as_str()),
    });
    let action = match (status, result.how) {
        (Status::Eligible | Status::NeedsInfo, How::Apply) if measure.application_kind.is_some() => {
            Some((t.apply_intro, true))
        }
        (Status::Eligible | Status::NeedsInfo, How::Apply) => Some((t.guidance, true)),
        (Status::Eligible | Status::NeedsInfo, How::SelfDeclare) => Some((t.self_declare, true)),
        (Status::Eligible | Status::NeedsInfo, How::Automatic) => Some((t.automatic, false)),
        (Status::Eligible | Status::NeedsInfo, How::Guidance) => Some((t.guidance, true)),
        _ => None,
    }
    .map(|(label, with_steps)| {
        view! {
            <div class="result__action">
                <p class="result__label">{label}</p>
                {with_steps.then(|| view! { <p>{measure.steps.get(lang).to_string()}</p> })}
                {result.application_window.as_ref().map(|w| view! { <p class="result__window">{w.text.clone()}</p> })}
                {match (&filed, apply.clone()) {
                    (Some((id, number)), Some(_)) => {
                        let href = match lang {
                            Lang::ZhCn => format!("/requests/{id}"),
                            Lang::En => format!("/requests/{id}?lang=en"),
                        };
                        Some(view! { <a class="button button--default result__filed" data-action="filed" href=href>{format!("{} {number}", t.filed)}</a> }.into_any())
                    }
                    (None, Some(href)) => Some(view! { <a class="button button--primary result__apply" data-action="apply" href=href>{t.apply}</a> }.into_any()),
                    _ => None,
                }}
            </div>
        }
    });
    view! {
        <article class="result" id=format!("result-{}", result.measure.as_str()) data-measure=result.measure.to_string() data-status=status.as_str()>
            <header class="result__head">
                <h3 class="result__title">{result.title.clone()}</h3>
                <span class=format!("chip chip--{}", status.as_str())>{status_label(lang, status)}</span>
            </header>
            {estimate}
            {notes}
            <ul class="reasons">{reasons}</ul>
            <div class="result__questions">{questions}</div>
            {would}
            {action}
            <p class="result__deciders"><span class="result__label">{t.deciders}</span>" "{result.routing.text.clone()}</p>
            <details class="result__clause">
                <summary>{format!("{} {} · {}", t.clause, result.clause, t.original)}</summary>
                <blockquote lang="zh-CN">{measure.original.clone()}</blockquote>
                <a class="result__explain" href=crate::api::share::interpretation(result.measure, lang)>{t.interpretation}</a>
            </details>
        </article>
    }
}
