//! One question on screen: its words, why we ask, the hint, and the control that gives the
//! answer. Every control carries the HTML `name` of its answer key; radio values are the
//! wire values, yes/no are `true`/`false`, money is typed in yuan and kept in fen.

use leptos::prelude::*;
use serde_json::Value;
use shared::answers::{
    AnswerKey, AnswerKind, EntityType, Industry, JurisdictionId, Level, Premises, Utility,
    VatTaxpayer,
};
use shared::i18n::{Label, question};
use shared::{Catalog, Lang};

use crate::format::{AmountError, parse_yuan, yuan_input};
use crate::text::text;

/// The label of one choice of an answer.
fn choice_label(catalog: Option<&Catalog>, key: AnswerKey, wire: &str, lang: Lang) -> String {
    fn find<T: Copy + Label>(
        all: &[T],
        name: fn(T) -> &'static str,
        wire: &str,
        lang: Lang,
    ) -> Option<String> {
        all.iter()
            .find(|v| name(**v) == wire)
            .map(|v| v.label(lang).to_string())
    }
    let label = match key {
        AnswerKey::EntityType => find(EntityType::ALL, EntityType::as_str, wire, lang),
        AnswerKey::Industry => find(Industry::ALL, Industry::as_str, wire, lang),
        AnswerKey::VatTaxpayer => find(VatTaxpayer::ALL, VatTaxpayer::as_str, wire, lang),
        AnswerKey::Premises => find(Premises::ALL, Premises::as_str, wire, lang),
        AnswerKey::TrainingBaseLevel | AnswerKey::SkillMasterStudioLevel => {
            find(Level::ALL, Level::as_str, wire, lang)
        }
        AnswerKey::Jurisdiction => JurisdictionId::ALL
            .iter()
            .find(|j| j.as_str() == wire)
            .zip(catalog)
            .map(|(j, catalog)| shared::i18n::jurisdiction_name(catalog, lang, *j)),
        _ => None,
    };
    label.unwrap_or_else(|| wire.to_string())
}

/// A list of radio buttons (one answer of several).
fn radios(
    name: &'static str,
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
                        name=name
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

#[component]
pub fn QuestionView(
    /// The catalog, once read (the county names come from it).
    catalog: Option<std::sync::Arc<Catalog>>,
    key: AnswerKey,
    lang: Lang,
    /// The answer as written on the wire, if given.
    current: Option<Value>,
    on_change: Callback<Option<Value>>,
) -> impl IntoView {
    let t = text(lang);
    let q = question(key, lang);
    let name = key.as_str();
    let control = match key.kind() {
        AnswerKind::Choice => {
            let options = key
                .choices()
                .iter()
                .map(|w| {
                    (
                        w.to_string(),
                        choice_label(catalog.as_deref(), key, w, lang),
                    )
                })
                .collect();
            view! { <div class="choices" role="radiogroup">{radios(name, options, current, on_change)}</div> }.into_any()
        }
        AnswerKind::Flag => {
            let options = vec![
                ("true".to_string(), t.yes.to_string()),
                ("false".to_string(), t.no.to_string()),
            ];
            view! { <div class="choices" role="radiogroup">{radios(name, options, current, on_change)}</div> }.into_any()
        }
        AnswerKind::Utilities => {
            let chosen: Vec<String> = current
                .as_ref()
                .and_then(|v| v.as_array().cloned())
                .unwrap_or_default()
                .into_iter()
                .filter_map(|v| v.as_str().map(str::to_string))
                .collect();
            let chosen = RwSignal::new(chosen);
            Utility::ALL
                .iter()
                .map(|u| {
                    let wire = u.as_str();
                    view! {
                        <label class="choice">
                            <input
                                type="checkbox"
                                name=name
                                value=wire
                                prop:checked=move || chosen.with(|c| c.iter().any(|x| x == wire))
                                on:change=move |ev| {
                                    let on = event_target_checked(&ev);
                                    chosen.update(|c| {
                                        c.retain(|x| x != wire);
                                        if on {
                                            c.push(wire.to_string());
                                        }
                                    });
                                    let list: Vec<Value> = Utility::ALL
                                        .iter()
                                        .filter(|u| chosen.with_untracked(|c| c.iter().any(|x| x == u.as_str())))
                                        .map(|u| Value::String(u.as_str().to_string()))
                                        .collect();
                                    on_change.run(Some(Value::Array(list)));
                                }
                            />
                            <span class="choice__label">{u.label(lang)}</span>
                        </label>
                    }
                })
                .collect_view()
                .into_any()
        }
        AnswerKind::Count | AnswerKind::Year | AnswerKind::Money => {
            let kind = key.kind();
            let money = kind == AnswerKind::Money;
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
                        name=name
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
                                typed.trim().parse::<u32>().map(i64::from).map_err(|_| t.invalid_count)
                            };
                            match parsed {
                                Ok(v) => {
                                    error.set(None);
                                    on_change.run(Some(Value::from(v)));
                                }
                                Err(message) => error.set(Some(message)),
                            }
                        }
                    />
                    {money.then(|| view! { <span class="field__unit">{t.yuan_unit}</span> })}
                </div>
                <p class="field__error" role="alert">{move || error.get()}</p>
            }
            .into_any()
        }
    };
    view! {
        <fieldset class="question" data-answer=name>
            <legend class="question__text">{q.text}</legend>
            <p class="question__why"><b>{t.why}</b>" "{q.why}</p>
            {control}
            <p class="question__hint"><b>{t.hint}</b>" "{q.hint}</p>
        </fieldset>
    }
}
