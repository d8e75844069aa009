//! The questionnaire at `/check`: one question per screen, chosen by `shared`'s next-question
//! function; back and forward without losing answers; "I don't know" always allowed.

use leptos::prelude::*;
use serde_json::Value;
use shared::answers::Answers;
use shared::eligibility::{Standing, standing};
use shared::{Catalog, evaluate_statuses};

use crate::components::question::QuestionView;
use crate::format::{progress_text, summary_text};
use crate::routes::Page;
use crate::state::{AppState, Progress, use_app};
use crate::text::text;

/// Where the questionnaire stands: by the catalog once it is read; before that, for an
/// empty questionnaire, as the page says (`None` while neither can tell).
fn standing_of(app: AppState, catalog: Option<&Catalog>, progress: &Progress) -> Option<Standing> {
    match catalog {
        Some(catalog) => {
            let evaluation = evaluate_statuses(catalog, &progress.answers, app.eval_date);
            Some(standing(&evaluation, &progress.skipped))
        }
        None if progress.answers == Answers::default() && progress.skipped.is_empty() => {
            app.start.get_value()
        }
        None => None,
    }
}

/// How long a one-tap answer stays on screen before the next question (the choice is seen,
/// and a second tap does not land on the next question).
const ONE_TAP_PAUSE_MS: i32 = 250;

/// Makes sure a question is on screen; `false` when none is left.
pub fn ensure_question(app: AppState) -> bool {
    let catalog = app.catalog.get_untracked();
    let mut more = true;
    app.progress.update(|p| {
        if p.step < p.trail.len() {
            return;
        }
        match standing_of(app, catalog.as_deref(), p) {
            Some(Standing {
                next: Some(key), ..
            }) => {
                p.trail.push(key);
                p.step = p.trail.len() - 1;
            }
            Some(Standing { next: None, .. }) => more = false,
            // The catalog is being read: the question comes with it.
            None => {}
        }
    });
    more
}

/// Moves to the next question, or to the results when none is left. Before the catalog is
/// read (the owner tapped on at once), it moves on as soon as it is.
fn forward(app: AppState, pending: RwSignal<bool>) {
    let Some(catalog) = app.catalog.get_untracked() else {
        pending.set(true);
        app.read_catalog();
        return;
    };
    pending.set(false);
    let mut done = false;
    app.progress.update(|p| {
        // Moving on without an answer is "I don't know".
        if let Some(key) = p.trail.get(p.step).cloned()
            && !p.answers.has(&key)
            && !p.skipped.contains(&key)
        {
            p.skipped.push(key);
        }
        p.trail.truncate(p.step + 1);
        match standing_of(app, Some(&catalog), p).and_then(|s| s.next) {
            Some(key) => {
                p.trail.push(key);
                p.step = p.trail.len() - 1;
            }
            None => {
                p.step = p.trail.len();
                done = true;
            }
        }
    });
    if done {
        app.navigate(Page::Results);
    } else {
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }
}

#[component]
pub fn CheckPage() -> impl IntoView {
    let app = use_app();
    let lang = app.lang;
    // The screens in modules of their own, fetched once the owner starts answering.
    let lazy = use_context::<crate::lazy::Lazy>();
    // "Next" tapped before the catalog was read: done once it is.
    let pending = RwSignal::new(false);
    Effect::new(move |_| {
        if app.catalog.with(Option::is_some) && pending.get_untracked() {
            forward(app, pending);
        }
        app.catalog.track();
        ensure_question(app);
    });
    // The question on screen changes only with the step, not with each keystroke.
    let key = Memo::new(move |_| app.progress.with(|p| p.trail.get(p.step).cloned()));
    let question = move || {
        let key = key.get()?;
        // The first question is drawn from the page's declaration of it, without waiting
        // for the catalog (redrawn when it comes only for the county names); any other from
        // the catalog's.
        let first = app.first.get_value().filter(|q| q.key == key.as_str());
        let waits = first
            .as_ref()
            .is_none_or(|q| matches!(q.answer, shared::catalog::QuestionKind::Jurisdiction { .. }));
        let catalog = if waits {
            app.catalog.get()
        } else {
            app.catalog.get_untracked()
        };
        let question = catalog
            .as_deref()
            .and_then(|c| c.question(key.as_str()).cloned())
            .or(first)?;
        let lang = lang.get();
        let current = app.progress.with_untracked(|p| p.answers.get(&key));
        // A part is no larger than its whole, as given (the control says so at once).
        let whole = match &question.answer {
            shared::catalog::QuestionKind::Money {
                part_of: Some(whole),
                ..
            } => app.progress.with_untracked(|p| p.answers.number(whole)),
            _ => None,
        };
        // One answer of a few (yes/no, one of a list, the county): the tap is the answer, and
        // the next question follows without a 下一步 (going back shows the choice).
        let one_tap = matches!(
            question.answer,
            shared::catalog::QuestionKind::YesNo
                | shared::catalog::QuestionKind::OneOf { .. }
                | shared::catalog::QuestionKind::Jurisdiction { .. }
        );
        let asked = key.clone();
        let on_change = Callback::new(move |value: Option<Value>| {
            // The owner is answering: fetch the other screens' modules now, not when asked
            // for, so they are on the phone before the signal may go.
            if let Some(lazy) = lazy {
                lazy.results.preload();
                lazy.home.preload();
            }
            app.read_catalog();
            app.progress.update(|p| {
                // Of its kind here; its range and its whole were checked by the control,
                // from the declaration (the server checks them again).
                let next = p.answers.with(&key, value);
                if let Ok(answers) = next {
                    p.answers = answers;
                    p.skipped.retain(|k| *k != key);
                }
            });
            if one_tap {
                // A moment to see the choice taken; not if the owner moved meanwhile.
                let asked = asked.clone();
                let on = wasm_bindgen::closure::Closure::once_into_js(move || {
                    let still = app
                        .progress
                        .with_untracked(|p| p.trail.get(p.step) == Some(&asked));
                    if still {
                        forward(app, pending);
                    }
                });
                let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
                    wasm_bindgen::JsCast::unchecked_ref(&on),
                    ONE_TAP_PAUSE_MS,
                );
            }
        });
        Some(
            view! { <QuestionView question=question catalog=catalog lang=lang current=current whole=whole on_change=on_change /> },
        )
    };
    let progress_line = move || {
        let catalog = app.catalog.get();
        let lang = lang.get();
        app.progress.with(|progress| {
            let number = progress.step + 1;
            let left = standing_of(app, catalog.as_deref(), progress)?.left;
            let total = number + left;
            Some(view! {
                <div class="progress" role="progressbar" aria-valuemin="0" aria-valuemax=total aria-valuenow=number>
                    <div class="progress__bar" style=format!("width:{}%", number * 100 / total.max(1))></div>
                </div>
                <p class="progress__text">{progress_text(lang, number, left)}</p>
            })
        })
    };
    let live = move || {
        let catalog = app.catalog.get();
        let lang = lang.get();
        let standing = app
            .progress
            .with(|p| standing_of(app, catalog.as_deref(), p))?;
        Some(
            view! { <p class="live__summary">{summary_text(lang, standing.eligible, standing.open)}</p> },
        )
    };
    let buttons = move || {
        let t = text(lang.get());
        let key = key.get()?;
        Some(view! {
            <div class="check__buttons">
                <button class="button button--primary" type="button" on:click=move |_| forward(app, pending)>
                    {t.next}
                </button>

                <button class="button button--text" type="button" on:click=move |_| {
                    if app.progress.with_untracked(|p| p.step == 0) {
                        app.navigate(Page::Home);
                    } else {
                        app.progress.update(|p| p.step -= 1);
                    }
                }>{t.back}</button>
                <button class="button button--default" type="button" on:click=move |_| {
                    app.progress.update(|p| {
                        if let Ok(answers) = p.answers.with(&key, None) {
                            p.answers = answers;
                        }
                        if !p.skipped.contains(&key) {
                            p.skipped.push(key.clone());
                        }
                    });
                    forward(app, pending);
                }>{t.dont_know}</button>
            </div>
        })
    };
    let done = move || {
        let t = text(lang.get());
        (app.catalog.with(Option::is_some) && key.get().is_none()).then(|| view! {
            <div class="msg">
                <h2 class="msg__title">{t.done_title}</h2>
                <p class="msg__text">{t.done_text}</p>
                <button class="button button--primary" type="button" on:click=move |_| app.navigate(Page::Results)>
                    {t.see_results}
                </button>
                <button class="button button--default" type="button" on:click=move |_| {
                    app.progress.update(|p| p.step = p.trail.len().saturating_sub(1));
                }>{t.back}</button>
            </div>
        })
    };
    view! {
        <section class="page-check">
            <h2 class="page__title">{move || text(lang.get()).check_title}</h2>
            {move || key.get().is_some().then(progress_line)}
            {question}
            {buttons}
            {done}
            <aside class="live" aria-live="polite">
                <p class="live__title">{move || text(lang.get()).results_live}</p>
                {live}
                <button class="button button--mini" type="button" on:click=move |_| app.navigate(Page::Results)>
                    {move || text(lang.get()).see_results}
                </button>
            </aside>
        </section>
    }
}
