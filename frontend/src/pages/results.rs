//! The results at `/results`: evaluated on the phone by the `shared` engine as answers come
//! in; eligible first, then those needing an answer, then the rest.

use leptos::prelude::*;
use shared::Status;
use shared::account::api::TokenResponse;
use shared::answers::AnswerKey;
use shared::api::EligibilityResponse;
use shared::api::requests::RequestSummary;
use shared::evaluate;

use crate::account::tr;
use crate::components::result_card::ResultCard;
use crate::format::{money, summary_text};
use crate::routes::Page;
use crate::state::use_app;
use crate::text::text;

const ORDER: [Status; 4] = [
    Status::Eligible,
    Status::NeedsInfo,
    Status::NotEligible,
    Status::NotInEffect,
];

/// The signed-in owner's open and approved requests, read once; nothing when signed out or
/// the access token has expired (the account app refreshes it, not this page).
fn owners_requests() -> RwSignal<Vec<RequestSummary>> {
    let filed = RwSignal::new(Vec::new());
    if let Some(session) = crate::storage::load::<TokenResponse>(crate::account::SESSION_KEY) {
        leptos::task::spawn_local(async move {
            if let Ok(list) = crate::api::requests::mine_with_token(&session.access_token).await {
                filed.set(
                    list.into_iter()
                        .filter(|r| {
                            r.status.is_open()
                                || r.status == shared::application::RequestState::Approved
                        })
                        .collect(),
                );
            }
        });
    }
    filed
}

/// Counts this tab's self-check once (the plan's reach): where the owner came from, the
/// county answered and the measures found eligible — no answer leaves the phone.
fn count_check(app: crate::state::AppState) {
    let Some(catalog) = app.catalog.get_untracked() else {
        return;
    };
    let beacon = app.progress.with_untracked(|p| {
        if p.answers.is_empty() {
            return None;
        }
        let evaluation =
            shared::eligibility::evaluate_statuses(&catalog, &p.answers, app.eval_date);
        Some(shared::api::publicity::ReachBeacon {
            source: crate::storage::source(),
            county: p.answers.choice(shared::answers::keys::JURISDICTION),
            eligible: evaluation
                .results
                .iter()
                .filter(|r| r.status == Status::Eligible)
                .map(|r| r.measure)
                .collect(),
        })
    });
    if let Some(beacon) = beacon.filter(|_| crate::storage::first_in_tab("shukun.checked")) {
        leptos::task::spawn_local(async move { crate::api::share::count_check(&beacon).await });
    }
}

/// The top of the results: what the owner may have and about how much in all, each measure
/// a link to its card with its 申请 (or 已申请 and the number) beside it, and 重新自查.
fn overview(
    app: crate::state::AppState,
    lang: shared::Lang,
    response: &EligibilityResponse,
    catalog: &shared::Catalog,
    filed: RwSignal<Vec<RequestSummary>>,
    complete: bool,
) -> Option<impl IntoView + use<>> {
    use shared::Lang;
    let eligible: Vec<_> = response
        .results
        .iter()
        .filter(|r| r.status == Status::Eligible)
        .collect();
    let total: i64 = eligible.iter().filter_map(|r| r.estimate_fen).sum();
    let n = eligible.len();
    // Mid-check with nothing yet: 继续自查 leads, not a summary of nothing.
    if n == 0 && !complete {
        return None;
    }
    let headline = match (lang, n, total) {
        (Lang::ZhCn, 0, _) => "按目前的回答，暂无可直接享受的政策".to_string(),
        (Lang::ZhCn, n, 0) => format!("您可享受 {n} 项政策"),
        (Lang::ZhCn, n, total) => format!("您可享受 {n} 项，合计约 {}", money(total)),
        (Lang::En, 0, _) => "On your answers so far, no relief applies yet".to_string(),
        (Lang::En, n, 0) => format!("You qualify for {n}"),
        (Lang::En, n, total) => format!("You qualify for {n}, about {} in all", money(total)),
    };
    let items = eligible
        .iter()
        .map(|r| {
            let measure = r.measure;
            let online = catalog
                .measure(measure)
                .is_some_and(|m| m.application_kind.is_some() && r.how == shared::catalog::How::Apply);
            let mine = filed.with_untracked(|f| {
                f.iter()
                    .find(|x| x.measure == measure)
                    .map(|x| (x.id, x.number.clone()))
            });
            let suffix = if lang == Lang::En { "?lang=en" } else { "" };
            let act = match (mine, online) {
                (Some((id, number)), _) => Some(view! {
                    <a class="overview__act overview__act--filed" data-action="filed" href=format!("/requests/{id}{suffix}")>
                        {format!("{} {number}", tr(lang, "已申请", "Filed"))}
                    </a>
                }.into_any()),
                (None, true) => Some(view! {
                    <a class="overview__act" data-action="apply" href=format!("/file/{}{suffix}", measure.as_str())>
                        {tr(lang, "申请", "Apply")}
                    </a>
                }.into_any()),
                (None, false) => None,
            };
            view! {
                <li class="overview__item" data-measure=measure.to_string()>
                    <a class="overview__link" href=format!("#result-{}", measure.as_str())>{r.title.clone()}</a>
                    <span class="overview__amount">{r.estimate_fen.filter(|f| *f > 0).map(money)}</span>
                    {act}
                </li>
            }
        })
        .collect_view();
    Some(view! {
        <section class="overview" aria-label=tr(lang, "结果摘要", "Summary") data-eligible=n.to_string() data-total=total.to_string()>
            <p class="overview__headline">{headline}</p>
            <ul class="overview__list">{items}</ul>
            // Starting again clears the answers: offered once the check is done, not in the
            // middle of it beside 继续自查.
            {complete.then(|| view! {
            <button class="button button--default button--mini overview__again" type="button" name="check_again"
                on:click=move |_| {
                    app.progress.set(crate::state::Progress::default());
                    app.navigate(Page::Check);
                }>{tr(lang, "重新自查", "Start the check again")}</button>
            })}
        </section>
    })
}

#[component]
pub fn ResultsPage() -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    let filed = owners_requests();
    count_check(app);
    let on_answer = Callback::new(move |key: AnswerKey| {
        app.progress.update(|p| {
            p.skipped.retain(|k| *k != key);
            p.trail.truncate(p.step.min(p.trail.len()));
            p.trail.push(key);
            p.step = p.trail.len() - 1;
        });
        app.navigate(Page::Check);
    });
    let body = move || {
        let catalog = app.catalog.get()?;
        let lang = lang.get();
        let t = text(lang);
        let response = app.progress.with(|p| {
            let evaluation = evaluate(&catalog, &p.answers, app.eval_date);
            EligibilityResponse::render_text(&catalog, &evaluation, lang)
        });
        let count = |s| response.results.iter().filter(|r| r.status == s).count();
        let summary = summary_text(lang, count(Status::Eligible), count(Status::NeedsInfo));
        let cards = ORDER
            .iter()
            .flat_map(|&status| {
                response
                    .results
                    .iter()
                    .filter(move |r| r.status == status)
                    .cloned()
                    .collect::<Vec<_>>()
            })
            .filter_map(|r| {
                let measure = catalog.measure(r.measure)?.clone();
                // The missing answers under the catalog's names for them.
                let asks: Vec<(AnswerKey, String)> = r
                    .missing
                    .iter()
                    .map(|k| (k.clone(), shared::i18n::answer_label(&catalog, lang, k).to_string()))
                    .collect();
                let mine = filed.with(|f| {
                    f.iter()
                        .find(|x| x.measure == r.measure)
                        .map(|x| (x.id, x.number.clone()))
                });
                Some(match mine {
                    Some(mine) => view! { <ResultCard result=r measure=measure asks=asks lang=lang on_answer=on_answer filed=mine /> }.into_any(),
                    None => view! { <ResultCard result=r measure=measure asks=asks lang=lang on_answer=on_answer /> }.into_any(),
                })
            })
            .collect_view();
        let more = response.next_question.is_some();
        let overview = overview(app, lang, &response, &catalog, filed, !more);
        Some(view! {
            {overview}
            <p class="results__summary">{summary}</p>
            {more.then(|| view! {
                <button class="button button--primary" type="button" on:click=move |_| app.navigate(Page::Check)>
                    {t.continue_check}
                </button>
            })}
            <div class="results">{cards}</div>
        })
    };
    view! {
        <section class="page-results">
            <h2 class="page__title">{move || text(lang.get()).results_title}</h2>
            <p class="notice" role="note">
                {move || app.catalog.get().map(|c| c.notice.get(lang.get()).to_string())}
            </p>
            {body}
        </section>
    }
}
