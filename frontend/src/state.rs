//! The app's state, in context: language, care mode, the page, the questionnaire's answers
//! and where the owner is in it, the catalog. Kept on the device so a reload or WeChat's back
//! navigation resumes where the owner was.

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::answers::{AnswerKey, Answers};
use shared::catalog::Question;
use shared::eligibility::Standing;
use shared::{Catalog, Lang};

use crate::lazy::CatalogReader;
use crate::routes::Page;
use crate::{api, storage};

const CHECK_KEY: &str = "shukun.check.v1";
const PREFS_KEY: &str = "shukun.prefs.v1";
const CATALOG_KEY: &str = "shukun.catalog.v1";
const CATALOG_ETAG_KEY: &str = "shukun.catalog.etag.v1";

/// Where the owner is in the questionnaire; stored as is.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Progress {
    pub answers: Answers,
    /// Answers the owner chose not to give ("I don't know").
    pub skipped: Vec<AnswerKey>,
    /// The questions shown so far, in order; `step` is the one on screen.
    pub trail: Vec<AnswerKey>,
    pub step: usize,
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
struct Prefs {
    care: bool,
}

/// Everything the pages share.
#[derive(Clone, Copy)]
pub struct AppState {
    pub lang: RwSignal<Lang>,
    pub care: RwSignal<bool>,
    pub page: RwSignal<Page>,
    pub progress: RwSignal<Progress>,
    pub catalog: RwSignal<Option<Arc<Catalog>>>,
    /// Why the catalog could not be had (only when there is no copy on the device either).
    pub catalog_error: RwSignal<Option<api::Error>>,
    /// The evaluation date the server uses (the page's `shukun-eval-date`).
    pub eval_date: NaiveDate,
    /// Where an empty questionnaire stands, as the page says: the first question shows from
    /// it before the catalog is read.
    pub start: StoredValue<Option<Standing>>,
    /// The first question's declaration, as the page carries it beside the standing.
    pub first: StoredValue<Option<Question>>,
    /// The catalog's text as the page carried it, until it is read.
    text: StoredValue<Option<String>>,
    /// A read of the catalog is under way.
    reading: RwSignal<bool>,
    /// Reads a catalog's text: the reader is a module of its own (see `lazy::Lazy`).
    read: CatalogReader,
}

pub fn use_app() -> AppState {
    expect_context::<AppState>()
}

fn meta(name: &str) -> Option<String> {
    document()
        .query_selector(&format!("meta[name=\"{name}\"]"))
        .ok()
        .flatten()
        .and_then(|m| m.get_attribute("content"))
}

/// The language in the address (`?lang=en`), so a shared link opens in it.
pub(crate) fn lang_from_address() -> Lang {
    let search = window().location().search().unwrap_or_default();
    web_sys::UrlSearchParams::new_with_str(&search)
        .ok()
        .and_then(|p| p.get("lang"))
        .and_then(|l| Lang::parse(&l))
        .unwrap_or_default()
}

fn page_from_address() -> Page {
    Page::from_path(&window().location().pathname().unwrap_or_default())
}

/// The address of a page in a language.
pub fn href(page: Page, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => page.path().to_string(),
        Lang::En => format!("{}?lang=en", page.path()),
    }
}

/// The care mode the owner chose, as kept on the device.
pub(crate) fn care_kept() -> bool {
    storage::load::<Prefs>(PREFS_KEY).unwrap_or_default().care
}

pub(crate) fn keep_care(care: bool) {
    storage::save(PREFS_KEY, &Prefs { care });
}

/// The catalog's text kept on the device, if any.
pub(crate) fn catalog_text_kept() -> Option<String> {
    storage::load_text(CATALOG_KEY)
}

/// The catalog the page carries (the server writes the one in force into it, so the first
/// load needs no second round trip), kept on the device with its ETag, and where an empty
/// questionnaire stands by it; `None` when the page has none (then the device's copy is
/// revalidated by its ETag).
fn catalog_embedded() -> Option<(String, Option<Standing>, Option<Question>)> {
    let node = document().get_element_by_id("shukun-catalog")?;
    let text = node.text_content();
    let etag = node.get_attribute("data-etag");
    let number = |name: &str| node.get_attribute(name)?.parse::<usize>().ok();
    let start = (|| {
        let next = node.get_attribute("data-next")?;
        Some(Standing {
            next: (!next.is_empty()).then(|| AnswerKey::from(next)),
            left: number("data-left")?,
            eligible: number("data-eligible")?,
            open: number("data-open")?,
        })
    })();
    node.remove();
    let first = document()
        .get_element_by_id("shukun-first")
        .and_then(|first| {
            first.remove();
            first_question(&first)
        });
    let text = text?;
    storage::save_text(CATALOG_KEY, &text);
    match etag {
        Some(etag) => storage::save_text(CATALOG_ETAG_KEY, &etag),
        None => storage::remove(CATALOG_ETAG_KEY),
    }
    Some((text, start, first))
}

/// The first question's declaration from the element the page carries it in (see the
/// server's `web_app::page::first_question`), read attribute by attribute: a JSON parser for
/// it would be a large part of the first load.
fn first_question(root: &web_sys::Element) -> Option<Question> {
    use shared::catalog::{Choice, L10n, QuestionKind};
    let number = |name: &str| root.get_attribute(name)?.parse::<i64>().ok();
    // (name, value, text in each language), in the order the page lists them.
    let mut texts: Vec<(String, Option<String>, L10n)> = Vec::new();
    let mut child = root.first_element_child();
    while let Some(c) = child {
        let (name, value) = (c.get_attribute("data-n")?, c.get_attribute("data-v"));
        let text = c.text_content().unwrap_or_default();
        let lang = c.get_attribute("lang")?;
        match texts.iter_mut().find(|(n, v, _)| *n == name && *v == value) {
            Some((_, _, words)) => words.set(&lang, text),
            None => {
                let mut words = L10n::default();
                words.set(&lang, text);
                texts.push((name, value, words));
            }
        }
        child = c.next_element_sibling();
    }
    let words = |name: &str| {
        texts
            .iter()
            .find(|(n, _, _)| n == name)
            .map(|(_, _, l)| l.clone())
    };
    let values = || -> Vec<Choice> {
        texts
            .iter()
            .filter(|(n, _, _)| n == "value")
            .map(|(_, v, l)| Choice {
                value: v.clone().unwrap_or_default(),
                label: l.clone(),
            })
            .collect()
    };
    let answer = match root.get_attribute("data-kind")?.as_str() {
        "yes_no" => QuestionKind::YesNo,
        "one_of" => QuestionKind::OneOf { values: values() },
        "several_of" => QuestionKind::SeveralOf { values: values() },
        "jurisdiction" => QuestionKind::Jurisdiction {
            outside: words("outside")?,
        },
        "count" => QuestionKind::Count {
            unit: words("unit")?,
            max: number("data-max")?,
        },
        "money" => QuestionKind::Money {
            max_fen: number("data-max")?,
            part_of: root.get_attribute("data-part-of"),
        },
        "year" => QuestionKind::Year {
            min: i32::try_from(number("data-min")?).ok()?,
            max: i32::try_from(number("data-max")?).ok()?,
        },
        _ => return None,
    };
    Some(Question {
        key: root.get_attribute("data-key")?,
        label: words("label")?,
        answer,
        text: words("text")?,
        why: words("why")?,
        hint: words("hint")?,
        unknown_allowed: !root.has_attribute("data-required"),
        // Results come from the server; the first question asks, it does not judge.
        requirement: None,
        changeable: false,
    })
}

/// The questionnaire as the owner left it on this device.
pub(crate) fn progress_kept() -> Progress {
    storage::load(CHECK_KEY).unwrap_or_default()
}

pub(crate) fn keep_progress(progress: &Progress) {
    storage::save(CHECK_KEY, progress);
}

/// The evaluation date the server uses (the page's `shukun-eval-date`).
pub(crate) fn eval_date() -> NaiveDate {
    meta("shukun-eval-date")
        .and_then(|d| shared::values::date::parse(&d))
        .unwrap_or_else(|| NaiveDate::from_ymd_opt(2022, 6, 1).unwrap_or_default())
}

impl AppState {
    /// Restores what the device kept and takes the page's catalog. The catalog is read once
    /// the owner starts answering (the first question shows from the page's standing), or at
    /// once when the questionnaire cannot start without it (one under way, no standing);
    /// the other pages read it when they open (`app::App`).
    pub fn provide(read: CatalogReader) -> AppState {
        let progress = progress_kept();
        let page = page_from_address();
        let (text, start, first) = match catalog_embedded() {
            Some((text, start, first)) => (Some(text), start, first),
            None => (None, None, None),
        };
        let now = start.is_none() || !progress.trail.is_empty();
        let state = AppState {
            lang: RwSignal::new(lang_from_address()),
            care: RwSignal::new(care_kept()),
            page: RwSignal::new(page),
            progress: RwSignal::new(progress),
            catalog: RwSignal::new(None),
            catalog_error: RwSignal::new(None),
            eval_date: eval_date(),
            start: StoredValue::new(start),
            first: StoredValue::new(first),
            text: StoredValue::new(text),
            reading: RwSignal::new(false),
            read,
        };
        provide_context(state);
        // Keep the answers and preferences on the device as they change.
        Effect::new(move |_| state.progress.with(keep_progress));
        Effect::new(move |_| keep_care(state.care.get()));
        Effect::new(move |_| {
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute("lang", state.lang.get().as_str());
                let _ = html.set_attribute("class", if state.care.get() { "care" } else { "" });
            }
        });
        if now {
            state.read_catalog();
        }
        state.listen_to_history();
        state
    }

    /// Reads the catalog, once: the page's copy, else the device's (then revalidated by its
    /// ETag, or fetched when there is none).
    pub fn read_catalog(self) {
        leptos::task::spawn_local(self.read_catalog_now());
    }

    /// [`AppState::read_catalog`], done when the catalog is read (at once when it is, or
    /// when another read is under way).
    pub async fn read_catalog_now(self) {
        if self.catalog.with_untracked(Option::is_some) || self.reading.get_untracked() {
            return;
        }
        self.reading.set(true);
        let from_page = self.text.with_value(Option::is_some);
        let text = self
            .text
            .get_value()
            .or_else(|| storage::load_text(CATALOG_KEY));
        if let Some(text) = text {
            match (self.read)(text).await {
                Ok(Some(catalog)) => {
                    self.text.set_value(None);
                    self.catalog.set(Some(Arc::new(catalog)));
                }
                Ok(None) => {}
                // The reader's module could not be fetched (offline before it came).
                Err(_) => self.catalog_error.set(Some(api::Error::Network)),
            }
        }
        if !from_page {
            self.revalidate().await;
        }
        self.reading.set(false);
    }

    /// Fetches the catalog again (the retry after a failure).
    pub fn refresh_catalog(self) {
        self.catalog_error.set(None);
        if self.catalog.with_untracked(Option::is_none) && self.text.with_value(Option::is_some) {
            self.read_catalog();
        } else {
            leptos::task::spawn_local(self.revalidate());
        }
    }

    /// Revalidates the device's catalog by its ETag (fetches one when there is none);
    /// offline, the device's copy stays in use.
    async fn revalidate(self) {
        let have_copy = self.catalog.with_untracked(Option::is_some);
        let etag = storage::load_text(CATALOG_ETAG_KEY).filter(|_| have_copy);
        match api::catalog::get(etag.as_deref()).await {
            Ok(None) => {}
            Ok(Some(reply)) => match (self.read)(reply.text.clone()).await {
                Ok(Some(catalog)) => {
                    storage::save_text(CATALOG_KEY, &reply.text);
                    if let Some(etag) = reply.etag {
                        storage::save_text(CATALOG_ETAG_KEY, &etag);
                    }
                    self.catalog.set(Some(Arc::new(catalog)));
                    self.catalog_error.set(None);
                }
                Ok(None) => self.catalog_error.set(Some(api::Error::Unexpected {
                    status: reply.status,
                })),
                Err(_) => self.catalog_error.set(Some(api::Error::Network)),
            },
            Err(e) if !have_copy => self.catalog_error.set(Some(e)),
            Err(_) => {}
        }
    }

    /// Follows the browser's back and forward buttons, and WeChat's return to a kept page.
    fn listen_to_history(self) {
        let _ = window_event_listener(leptos::ev::popstate, move |_| {
            self.page.set(page_from_address());
        });
        let _ = window_event_listener(leptos::ev::pageshow, move |e| {
            if e.persisted() {
                if let Some(p) = storage::load::<Progress>(CHECK_KEY) {
                    self.progress.set(p);
                }
                self.page.set(page_from_address());
            }
        });
    }

    /// Opens a page, recording it in the history.
    pub fn navigate(self, page: Page) {
        let url = href(page, self.lang.get_untracked());
        // My requests, messages and Me are the account app's: loaded when first opened.
        if page.in_account_app() {
            let _ = window().location().set_href(&url);
            return;
        }
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
        self.page.set(page);
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }

    /// Switches the language without reloading: the address keeps it for sharing.
    pub fn set_lang(self, lang: Lang) {
        self.lang.set(lang);
        let url = href(self.page.get_untracked(), lang);
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }
}
