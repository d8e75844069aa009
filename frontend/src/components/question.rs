//! One question on screen, drawn from its declaration in the catalog: its words, why we
//! ask, the hint, and the control its kind of answer takes. Every control carries the HTML
//! `name` of its answer key; radio values are the wire values, yes/no are `true`/`false`,
//! money is typed in yuan and kept in fen.

use leptos::prelude::*;
use serde_json::Value;
use shared::answers::JurisdictionId;
use shared::catalog::{Question, QuestionKind};
use shared::{Catalog, Lang};

use crate::format::{AmountError, parse_yuan, yuan_input};
use crate::text::text;

/// A list of radio buttons (one answer of several).
fn radios(
    name: String,
    options: Vec<(String, String)>,
    current: Option<Value>,
    on_change: Callback<Option<Value>>,
) -> AnyView {
    options
        .into_iter()
        .map(|(value, label)| {
            let checked = current.as_ref().is_some_and(|c| {
                c.as_str() == Some(value.as_str())
                    || c.as_bool()
                        .is_some_and(|b| value == if b { "true" } else { "false" })
            });
            let wire = value.clone();
            view! {
                <label class="choice">
                    <input
                        type="radio"
                        name=name.clone()
                        value=value
                        prop:checked=checked
                        on:change=move |_| {
                            let v = match wire.as_str() {
                                "true" => Value::Bool(true),
                                "false" => Value::Bool(false),
                                w => Value::String(w.to_string()),
                            };
                            on_change.run(Some(v));
                        }
                    />
                    <span class="choice__label">{label}</span>
                </label>
            }
        })
        .collect_view()
        .into_any()
}

/// The places a business may operate in: the catalog's units, then outside them all.
fn places(
    catalog: Option<&Catalog>,
    outside: &shared::catalog::L10n,
    lang: Lang,
) -> Vec<(String, String)> {
    let mut options: Vec<(String, String)> = catalog
        .map(|c| {
            c.jurisdictions
                .iter()
                .map(|j| (j.id.as_str().to_string(), j.name.get(lang).to_string()))
                .collect()
        })
        .unwrap_or_default();
    options.push((
        JurisdictionId::Other.as_str().to_string(),
        outside.get(lang).to_string(),
    ));
    options
}

#[component]
pub fn QuestionView(
    /// The question as the catalog declares it.
    question: Question,
    /// The catalog, once read (the county names come from it).
    catalog: Option<std::sync::Arc<Catalog>>,
    lang: Lang,
    /// The answer as written on the wire, if given.
    current: Option<Value>,
    /// For a money answer that is part of another, the other's answer: this one may not be
    /// larger.
    #[prop(optional_no_strip)]
    whole: Option<i64>,
    on_change: Callback<Option<Value>>,
) -> impl IntoView {
    let t = text(lang);
    let name = question.key.clone();
    let control = match &question.answer {
        QuestionKind::OneOf { values } => {
            let options = values
                .iter()
                .map(|c| (c.value.clone(), c.label.get(lang).to_string()))
                .collect();
            view! { <div class="choices" role="radiogroup">{radios(name.clone(), options, current, on_change)}</div> }.into_any()
        }
        QuestionKind::Jurisdiction { outside } => {
            let options = places(catalog.as_deref(), outside, lang);
            view! { <div class="choices" role="radiogroup">{radios(name.clone(), options, current, on_change)}</div> }.into_any()
        }
        QuestionKind::YesNo => {
            let options = vec![
                ("true".to_string(), t.yes.to_string()),
                ("false".to_string(), t.no.to_string()),
            ];
            view! { <div class="choices" role="radiogroup">{radios(name.clone(), options, current, on_change)}</div> }.into_any()
        }
        QuestionKind::SeveralOf { values } => {
            let chosen: Vec<String> = current
                .as_ref()
                .and_then(|v| v.as_array().cloned())
                .unwrap_or_default()
                .into_iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            let chosen = RwSignal::new(chosen);
            let order: Vec<String> = values.iter().map(|c| c.value.clone()).collect();
            let order = StoredValue::new(order);
            values
                .iter()
                .map(|c| {
                    let wire = c.value.clone();
                    let mine = wire.clone();
                    let shown = wire.clone();
                    view! {
                        <label class="choice">
                            <input
                                type="checkbox"
                                name=name.clone()
                                value=shown
                                prop:checked=move || chosen.with(|c| c.contains(&mine))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| {
                                        c.retain(|x| *x != wire);
                                        if on {
                                            c.push(wire.clone());
                                        }
                                    });
                                    // In the order the catalog lists them.
                                    let list: Vec<Value> = order.with_value(|order| {
                                        order
                                            .iter()
                                            .filter(|v| chosen.with_untracked(|c| c.contains(v)))
                                            .map(|v| Value::String(v.clone()))
                                            .collect()
                                    });
                                    on_change.run(Some(Value::Array(list)));
                                }
                            />
                            <span class="choice__label">{c.label.get(lang).to_string()}</span>
                        </label>
                    }
                })
                .collect_view()
                .into_any()
        }
        QuestionKind::Count { .. } | QuestionKind::Year { .. } | QuestionKind::Money { .. } => {
            let money = matches!(question.answer, QuestionKind::Money { .. });
            let (min, max) = match &question.answer {
                QuestionKind::Count { max, .. } => (0, *max),
                QuestionKind::Money { max_fen, .. } => (0, *max_fen),
                QuestionKind::Year { min, max } => (i64::from(*min), i64::from(*max)),
                _ => (0, 0),
            };
            let unit = match &question.answer {
                QuestionKind::Count { unit, .. } => Some(unit.get(lang).to_string()),
                QuestionKind::Money { .. } => Some(t.yuan_unit.to_string()),
                _ => None,
            };
            let shown = current
                .as_ref()
                .and_then(Value::as_i64)
                .map(|v| if money { yuan_input(v) } else { v.to_string() })
                .unwrap_or_default();
            let error = RwSignal::new(None::<&'static str>);
            view! {
                <div class="field">
                    <input
                        class="field__input"
                        type="text"
                        name=name.clone()
                        inputmode=if money { "decimal" } else { "numeric" }
                        autocomplete="off"
                        prop:value=shown
                        aria-invalid=move || error.get().map(|_| "true")
                        on:input=move |ev| {
                            let typed = event_target_value(&ev);
                            if typed.trim().is_empty() {
                                error.set(None);
                                on_change.run(None);
                                return;
                            }
                            let parsed = if money {
                                parse_yuan(&typed).map_err(|e| match e {
                                    AmountError::NotAnAmount | AmountError::TooManyDecimals | AmountError::TooLarge => t.invalid_money,
                                })
                            } else {
                                typed.trim().parse::<i64>().map_err(|_| t.invalid_count)
                            }
                            .and_then(|v| {
                                if !(min..=max).contains(&v) {
                                    Err(t.out_of_range)
                                } else if whole.is_some_and(|w| v > w) {
                                    Err(t.larger_than_whole)
                                } else {
                                    Ok(v)
                                }
                            });
                            match parsed {
                                Ok(v) => {
                                    error.set(None);
                                    on_change.run(Some(Value::from(v)));
                                }
                                Err(message) => error.set(Some(message)),
                            }
                        }
                    />
                    {unit.map(|u| view! { <span class="field__unit">{u}</span> })}
                </div>
                <p class="field__error" role="alert">{move || error.get()}</p>
            }
            .into_any()
        }
    };
    view! {
        <fieldset class="question" data-answer=name>
            <legend class="question__text">{question.text.get(lang).to_string()}</legend>
            <p class="question__why"><b>{t.why}</b>" "{question.why.get(lang).to_string()}</p>
            {control}
            <p class="question__hint"><b>{t.hint}</b>" "{question.hint.get(lang).to_string()}</p>
        </fieldset>
    }
}
