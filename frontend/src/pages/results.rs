//! The results at `/results`: evaluated on the phone by the `shared` engine as answers come
//! in; eligible first, then those needing an answer, then the rest.

use leptos::prelude::*;
use shared::Status;
use shared::account::api::TokenResponse;
use shared::answers::AnswerKey;
use shared::api::EligibilityResponse;
use shared::api::requests::RequestSummary;
use shared::evaluate;

use crate::components::result_card::ResultCard;
use crate::format::summary_text;
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
        Some(view! {
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
            <p class="notice notice--sticky" role="note">
                {move || app.catalog.get().map(|c| c.notice.get(lang.get()).to_string())}
            </p>
            {body}
        </section>
    }
}
