//! 申请 (File): the form of the measure's request kind, prefilled from the self-check's answers,
//! each field checked as it is typed with the `shared` payload validator; answers still
//! missing for eligibility asked inline; documents from the camera or the gallery with
//! preview, progress, retry and removal; one filing per form (its Idempotency-Key is made
//! once and kept with the draft, so a double tap or a retry after a dropped connection files
//! once); then a WeUI "msg" page with the number, who decides and by when.

use std::collections::BTreeMap;
use std::rc::Rc;
use std::sync::Arc;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use shared::answers::{AnswerKey, Answers, Level, Utility};
use shared::api::requests::{FileRequest, RefusedBody, RequestView};
use shared::application::payload::{InstitutionType, LandlordType, Recognition};
use shared::application::{DocumentPurpose, Payload, PayloadError};
use shared::catalog::{ApplicationKind, Measure, MeasureId};
use shared::i18n::Label;
use shared::{Catalog, Lang, Status, evaluate};
use wasm_bindgen::JsCast;

use super::{Account, AccountPage, explain, tr, use_account};
use crate::api;
use crate::components::question::QuestionView;
use crate::format::{parse_yuan, yuan_input};
use crate::state::{self, Progress};
use crate::storage;

pub fn purpose_text(lang: Lang, p: DocumentPurpose) -> &'static str {
    p.label(lang)
}

// ---------------------------------------------------------------- documents

#[derive(Clone, PartialEq)]
enum Upload {
    Waiting,
    Sending(u8),
    Done(i64),
    Failed(String),
}

#[derive(Clone)]
struct Pending {
    key: u32,
    file: web_sys::File,
    purpose: DocumentPurpose,
    preview: Option<String>,
    state: Upload,
}

/// Documents chosen for a form, before and while they are sent. Kept by the app, not the
/// page, so a sign-in in the middle of a form keeps them.
#[derive(Clone, Copy)]
pub struct Attachments {
    items: RwSignal<Vec<Pending>, LocalStorage>,
    next: StoredValue<u32>,
}

impl Attachments {
    pub fn new() -> Attachments {
        Attachments {
            items: RwSignal::new_local(Vec::new()),
            next: StoredValue::new(0),
        }
    }

    pub fn is_empty(self) -> bool {
        self.items.with_untracked(Vec::is_empty)
    }

    pub fn clear(self) {
        self.items.update(|items| {
            for p in items.drain(..) {
                if let Some(url) = p.preview {
                    let _ = web_sys::Url::revoke_object_url(&url);
                }
            }
        });
    }

    fn add(self, file: web_sys::File, purpose: DocumentPurpose) {
        let key = self.next.get_value();
        self.next.set_value(key + 1);
        let preview = file
            .type_()
            .starts_with("image/")
            .then(|| web_sys::Url::create_object_url_with_blob(&file).ok())
            .flatten();
        self.items.update(|items| {
            items.push(Pending {
                key,
                file,
                purpose,
                preview,
                state: Upload::Waiting,
            })
        });
    }

    fn remove(self, key: u32) {
        self.items.update(|items| {
            if let Some(i) = items.iter().position(|p| p.key == key) {
                let p = items.remove(i);
                if let Some(url) = p.preview {
                    let _ = web_sys::Url::revoke_object_url(&url);
                }
            }
        });
    }

    fn set(self, key: u32, state: Upload) {
        self.items.update(|items| {
            if let Some(p) = items.iter_mut().find(|p| p.key == key) {
                p.state = state;
            }
        });
    }

    /// Sends every document not yet sent to the request; the ids of all of them, or the
    /// first failure (the failed ones can be retried, the sent ones are not sent again).
    pub async fn upload_all(self, acc: Account, request: i64) -> Result<Vec<i64>, api::Error> {
        let todo: Vec<(u32, web_sys::File, DocumentPurpose)> = self.items.with_untracked(|items| {
            items
                .iter()
                .filter(|p| !matches!(p.state, Upload::Done(_)))
                .map(|p| (p.key, p.file.clone(), p.purpose))
                .collect()
        });
        let mut failure = None;
        for (key, file, purpose) in todo {
            self.set(key, Upload::Sending(0));
            let progress: Rc<dyn Fn(u8)> = Rc::new(move |pct| self.set(key, Upload::Sending(pct)));
            match api::requests::upload_document(&acc, request, purpose, &file, progress).await {
                Ok(doc) => self.set(key, Upload::Done(doc.id)),
                Err(e) => {
                    self.set(key, Upload::Failed(explain(acc.lang.get_untracked(), &e)));
                    failure.get_or_insert(e);
                }
            }
        }
        if let Some(e) = failure {
            return Err(e);
        }
        Ok(self.items.with_untracked(|items| {
            items
                .iter()
                .filter_map(|p| match p.state {
                    Upload::Done(id) => Some(id),
                    _ => None,
                })
                .collect()
        }))
    }

    fn failed(self) -> bool {
        self.items
            .with(|items| items.iter().any(|p| matches!(p.state, Upload::Failed(_))))
    }

    /// The file input (camera or gallery) and the chosen documents.
    pub fn picker(self, lang: Lang, purpose: DocumentPurpose) -> impl IntoView {
        let on_pick = move |ev: leptos::ev::Event| {
            let Some(input) = ev
                .target()
                .and_then(|t| t.dyn_into::<web_sys::HtmlInputElement>().ok())
            else {
                return;
            };
            if let Some(files) = input.files() {
                for i in 0..files.length() {
                    if let Some(f) = files.get(i) {
                        self.add(f, purpose);
                    }
                }
            }
            // The same photo can be chosen again after removing it.
            input.set_value("");
        };
        let list = move || {
            self.items
                .get()
                .into_iter()
                .map(|p| {
                    let key = p.key;
                    let name = p.file.name();
                    let kb = (p.file.size() / 1024.0).ceil() as u64;
                    let (state, line) = match &p.state {
                        Upload::Waiting => ("waiting", format!("{kb} KB")),
                        Upload::Sending(pct) => ("sending", format!("{}{pct}%", tr(lang, "正在上传 ", "Uploading "))),
                        Upload::Done(_) => ("done", tr(lang, "✓ 已上传", "✓ Uploaded").to_string()),
                        Upload::Failed(why) => ("failed", why.clone()),
                    };
                    let sending = matches!(p.state, Upload::Sending(_));
                    let pct = match p.state { Upload::Sending(n) => n, Upload::Done(_) => 100, _ => 0 };
                    view! {
                        <li class="upload" data-upload=state>
                            {match p.preview {
                                Some(url) => view! { <img class="upload__preview" src=url alt=name.clone() /> }.into_any(),
                                None => view! { <span class="upload__preview upload__preview--file">"PDF"</span> }.into_any(),
                            }}
                            <span class="upload__body">
                                <span class="upload__name">{name.clone()}</span>
                                <span class="upload__line">{line}</span>
                                {sending.then(|| view! { <progress class="upload__bar" max="100" value=pct></progress> })}
                            </span>
                            {(!sending && !matches!(p.state, Upload::Done(_))).then(|| view! {
                                <button class="button--text" type="button" name="remove_document"
                                    on:click=move |_| self.remove(key)>{tr(lang, "移除", "Remove")}</button>
                            })}
                        </li>
                    }
                })
                .collect_view()
        };
        view! {
            <div class="uploads">
                <span class="field__label">{format!("{}（{}）", tr(lang, "上传材料", "Documents"), purpose_text(lang, purpose))}</span>
                <ul class="uploads__list">{list}</ul>
                <label class="button button--default upload__add">
                    {tr(lang, "拍照或从相册选择", "Take a photo or choose one")}
                    <input class="visually-hidden" type="file" name="document" multiple
                        accept="image/jpeg,image/png,image/webp,image/heic,application/pdf" on:change=on_pick />
                </label>
                <p class="field__hint">{tr(lang, "照片或 PDF，每份不超过 10 MB。", "Photos or PDFs, at most 10 MB each.")}</p>
            </div>
        }
    }
}

impl Default for Attachments {
    fn default() -> Self {
        Attachments::new()
    }
}

// ---------------------------------------------------------------- the form

#[derive(Clone, Copy)]
enum Input {
    Text,
    Date,
    Money,
    Bool,
    /// One of these wire values.
    Choice(fn() -> Vec<(&'static str, &'static str, &'static str)>),
    /// Any of these wire values.
    Many(fn() -> Vec<(&'static str, &'static str, &'static str)>),
}

#[derive(Clone, Copy)]
struct FieldSpec {
    /// The payload's field (its wire name is the input's `name`).
    key: &'static str,
    hint: Option<(&'static str, &'static str)>,
    input: Input,
}

/// A field of the form; its label is the payload field's (`shared::i18n::payload`), as the
/// desk shows it.
const fn field(key: &'static str, input: Input) -> FieldSpec {
    FieldSpec {
        key,
        hint: None,
        input,
    }
}

fn labelled<T: Label + Copy>(
    all: &[T],
    wire: fn(T) -> &'static str,
) -> Vec<(&'static str, &'static str, &'static str)> {
    all.iter()
        .map(|v| (wire(*v), v.label(Lang::ZhCn), v.label(Lang::En)))
        .collect()
}

fn landlords() -> Vec<(&'static str, &'static str, &'static str)> {
    labelled(LandlordType::ALL, LandlordType::as_str)
}
fn utilities() -> Vec<(&'static str, &'static str, &'static str)> {
    labelled(Utility::ALL, Utility::as_str)
}
fn levels() -> Vec<(&'static str, &'static str, &'static str)> {
    labelled(&[Level::National, Level::Provincial], Level::as_str)
}
fn recognitions() -> Vec<(&'static str, &'static str, &'static str)> {
    labelled(Recognition::ALL, Recognition::as_str)
}
fn institutions() -> Vec<(&'static str, &'static str, &'static str)> {
    labelled(InstitutionType::ALL, InstitutionType::as_str)
}
/// The months of 2022 a utility bill may be deferred for.
fn months() -> Vec<(&'static str, &'static str, &'static str)> {
    const M: [&str; 12] = [
        "2022-01", "2022-02", "2022-03", "2022-04", "2022-05", "2022-06", "2022-07", "2022-08",
        "2022-09", "2022-10", "2022-11", "2022-12",
    ];
    M.iter().map(|m| (*m, &m[5..], &m[5..])).collect()
}
fn occupation_levels() -> Vec<(&'static str, &'static str, &'static str)> {
    vec![
        ("1", "一级/高级技师", "1 senior technician"),
        ("2", "二级/技师", "2 technician"),
        ("3", "三级/高级工", "3 senior worker"),
        ("4", "四级/中级工", "4 intermediate"),
        ("5", "五级/初级工", "5 junior"),
    ]
}

fn fields(kind: ApplicationKind) -> Vec<FieldSpec> {
    match kind {
        ApplicationKind::RentWaiver => vec![
            FieldSpec {
                hint: Some(("与租赁合同上的地址一致", "As written in the lease")),
                ..field("premises_address", Input::Text)
            },
            field("landlord_type", Input::Choice(landlords)),
            field("landlord_name", Input::Text),
            field("lease_start", Input::Date),
            field("lease_end", Input::Date),
            FieldSpec {
                hint: Some((
                    "合同约定的月租金，单位元",
                    "The monthly rent in the lease, in yuan",
                )),
                ..field("monthly_rent_fen", Input::Money)
            },
            FieldSpec {
                hint: Some((
                    "已交的，批准后退还或抵扣",
                    "If paid, it is refunded or set off once approved",
                )),
                ..field("rent_2022_paid", Input::Bool)
            },
        ],
        ApplicationKind::UtilityDeferral => vec![
            field("utilities", Input::Many(utilities)),
            FieldSpec {
                hint: Some(("缴费单上的户号", "The account number on the bill")),
                ..field("account_number", Input::Text)
            },
            field("months", Input::Many(months)),
            field("amount_per_month_fen", Input::Money),
        ],
        ApplicationKind::SkillsReward => vec![
            field("recognition", Input::Choice(recognitions)),
            field("level", Input::Choice(levels)),
            field("approval_document_number", Input::Text),
            field("approval_date", Input::Date),
        ],
        ApplicationKind::EvaluationInstitution => vec![
            field("institution_type", Input::Choice(institutions)),
            field("occupation_name", Input::Text),
            field("occupation_levels", Input::Many(occupation_levels)),
            field("contact_name", Input::Text),
            field("contact_phone", Input::Text),
        ],
    }
}

/// What the owner typed, as strings per field; several values joined by commas.
type Fields = BTreeMap<String, String>;

/// A form as kept on the phone: its fields and the key that makes its filing happen once.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
struct Draft {
    key: String,
    fields: Fields,
}

fn draft_key(m: MeasureId) -> String {
    format!("shukun.draft.v1.{}", m.as_str())
}

/// The form's fields as the payload prefill gives them (money in yuan, lists joined).
fn prefilled(kind: ApplicationKind, measure: MeasureId, answers: &Answers) -> Fields {
    let mut out = Fields::new();
    if let Value::Object(map) = Payload::prefill(kind, measure, answers) {
        for (k, v) in map {
            let text = match (k.as_str(), &v) {
                (k, Value::Number(n)) if k.ends_with("_fen") => {
                    n.as_i64().map(yuan_input).unwrap_or_default()
                }
                (_, Value::Bool(b)) => b.to_string(),
                (_, Value::String(s)) => s.clone(),
                (_, Value::Array(a)) => a
                    .iter()
                    .filter_map(Value::as_str)
                    .collect::<Vec<_>>()
                    .join(","),
                _ => continue,
            };
            out.insert(k, text);
        }
    }
    if kind == ApplicationKind::SkillsReward {
        let r = if measure == shared::catalog::measure_ids::SKILL_MASTER_STUDIO {
            Recognition::SkillMasterStudio
        } else {
            Recognition::TrainingBase
        };
        out.insert("recognition".into(), r.as_str().into());
    }
    out
}

/// The payload the fields make, and the fields that could not be read (money typed wrong).
fn payload(kind: ApplicationKind, fields: &Fields) -> (Value, Vec<&'static str>) {
    let mut map = serde_json::Map::new();
    let mut unreadable = Vec::new();
    let mut occupation = serde_json::Map::new();
    for spec in self::fields(kind) {
        let typed = fields.get(spec.key).map(|s| s.trim()).unwrap_or_default();
        if typed.is_empty() && !matches!(spec.input, Input::Many(_)) {
            continue;
        }
        let value = match spec.input {
            Input::Text | Input::Date | Input::Choice(_) => Value::String(typed.to_string()),
            Input::Bool => Value::Bool(typed == "true"),
            Input::Money => match parse_yuan(typed) {
                Ok(fen) => Value::from(fen),
                Err(_) => {
                    unreadable.push(spec.key);
                    continue;
                }
            },
            Input::Many(_) => {
                let items = typed.split(',').filter(|s| !s.is_empty());
                if spec.key == "occupation_levels" {
                    Value::Array(
                        items
                            .filter_map(|s| s.parse::<u8>().ok())
                            .map(Value::from)
                            .collect(),
                    )
                } else {
                    Value::Array(items.map(|s| Value::String(s.into())).collect())
                }
            }
        };
        match spec.key {
            "occupation_name" => {
                occupation.insert("name".into(), value);
            }
            "occupation_levels" => {
                occupation.insert("levels".into(), value);
            }
            key => {
                map.insert(key.into(), value);
            }
        }
    }
    if kind == ApplicationKind::EvaluationInstitution {
        map.insert(
            "occupations".into(),
            Value::Array(vec![Value::Object(occupation)]),
        );
    }
    (Value::Object(map), unreadable)
}

/// The form's field a payload error points at.
fn field_of(e: &PayloadError) -> String {
    let f = e.field.strip_prefix("payload.").unwrap_or(&e.field);
    if f.starts_with("occupations") {
        return if f.ends_with("levels") {
            "occupation_levels".into()
        } else {
            "occupation_name".into()
        };
    }
    f.to_string()
}

/// Every field's problem: empty required fields, money typed wrong, then the validator's.
fn problems(
    lang: Lang,
    kind: ApplicationKind,
    measure: MeasureId,
    answers: &Answers,
    fields: &Fields,
) -> BTreeMap<String, String> {
    let mut out = BTreeMap::new();
    for spec in self::fields(kind) {
        let empty = fields.get(spec.key).is_none_or(|s| s.trim().is_empty());
        if empty {
            out.insert(
                spec.key.to_string(),
                match spec.input {
                    Input::Many(_) => tr(lang, "请至少选择一项", "Choose at least one"),
                    Input::Choice(_) | Input::Bool => tr(lang, "请选择", "Choose one"),
                    _ => tr(lang, "请填写此项", "Fill this in"),
                }
                .to_string(),
            );
        }
    }
    let (value, unreadable) = payload(kind, fields);
    for key in unreadable {
        out.insert(
            key.to_string(),
            tr(
                lang,
                "请填写金额，如 5000 或 5000.50",
                "An amount such as 5000 or 5000.50",
            )
            .into(),
        );
    }
    if out.is_empty()
        && let Err(e) = Payload::parse(kind, measure, answers, &value)
    {
        out.insert(
            field_of(&e),
            shared::i18n::payload::problem_text(lang, e.problem).to_string(),
        );
    }
    out
}

fn control(
    lang: Lang,
    spec: FieldSpec,
    form: RwSignal<Fields>,
    shown: RwSignal<bool>,
    errors: Memo<BTreeMap<String, String>>,
) -> impl IntoView {
    let key = spec.key;
    let value = move || form.with(|f| f.get(key).cloned().unwrap_or_default());
    let set = move |v: String| {
        form.update(|f| {
            f.insert(key.to_string(), v);
        })
    };
    let touched = RwSignal::new(false);
    let problem = move || {
        (touched.get() || shown.get())
            .then(|| errors.with(|e| e.get(key).cloned()))
            .flatten()
    };
    let label = shared::i18n::payload::field_label(lang, key).unwrap_or(key);
    let input = match spec.input {
        Input::Text | Input::Date | Input::Money => {
            let (kind, mode) = match spec.input {
                Input::Date => ("date", None),
                Input::Money => ("text", Some("decimal")),
                _ => ("text", None),
            };
            view! {
                <input class="field__input" type=kind name=key inputmode=mode prop:value=value
                    aria-invalid=move || problem().is_some().to_string()
                    on:input=move |ev| { set(event_target_value(&ev)); touched.set(true); } />
            }
            .into_any()
        }
        Input::Bool => {
            let choices = [("true", tr(lang, "是", "Yes")), ("false", tr(lang, "否", "No"))]
                .into_iter()
                .map(|(v, text)| view! {
                    <label class="choice"><input type="radio" name=key value=v
                        prop:checked=move || value() == v
                        on:change=move |_| { set(v.to_string()); touched.set(true); } />{text}</label>
                })
                .collect_view();
            view! { <div class="choices choices--row">{choices}</div> }.into_any()
        }
        Input::Choice(all) => {
            let choices = all()
                .into_iter()
                .map(|(v, zh, en)| view! {
                    <label class="choice"><input type="radio" name=key value=v
                        prop:checked=move || value() == v
                        on:change=move |_| { set(v.to_string()); touched.set(true); } />{tr(lang, zh, en)}</label>
                })
                .collect_view();
            view! { <div class="choices">{choices}</div> }.into_any()
        }
        Input::Many(all) => {
            let row = key == "months";
            let choices = all()
                .into_iter()
                .map(|(v, zh, en)| {
                    let on = move || value().split(',').any(|s| s == v);
                    view! {
                        <label class="choice"><input type="checkbox" name=key value=v prop:checked=on
                            on:change=move |ev| {
                                let checked = event_target_checked(&ev);
                                let mut items: Vec<String> = value().split(',').filter(|s| !s.is_empty() && *s != v).map(String::from).collect();
                                if checked { items.push(v.to_string()); }
                                items.sort();
                                set(items.join(","));
                                touched.set(true);
                            } />{tr(lang, zh, en)}</label>
                    }
                })
                .collect_view();
            view! { <div class="choices" class:choices--grid=row>{choices}</div> }.into_any()
        }
    };
    view! {
        <div class="field" class:field--bad=move || problem().is_some() data-field=key>
            <span class="field__label">{label}</span>
            {input}
            {spec.hint.map(|h| view! { <span class="field__hint">{tr(lang, h.0, h.1)}</span> })}
            {move || problem().map(|p| view! { <span class="field__error" role="alert">{p}</span> })}
        </div>
    }
}

fn purpose_of(kind: ApplicationKind) -> DocumentPurpose {
    match kind {
        ApplicationKind::RentWaiver => DocumentPurpose::Lease,
        ApplicationKind::UtilityDeferral => DocumentPurpose::UtilityBill,
        ApplicationKind::SkillsReward => DocumentPurpose::ApprovalDocument,
        ApplicationKind::EvaluationInstitution => DocumentPurpose::Other,
    }
}

/// Why a filing was refused, as the owner reads it.
enum Refused {
    /// Not eligible (or the window is closed): the server's reasons.
    Reasons(String, Vec<String>),
    /// Already an open request for the measure.
    Open(String),
    Other(String),
}

#[component]
pub fn FilePage(measure: MeasureId) -> impl IntoView {
    let acc = use_account();
    move || {
        let lang = acc.lang.get();
        let Some(catalog) = acc.catalog.get() else {
            return view! { <p class="loading" role="status">{tr(lang, "正在加载…", "Loading…")}</p> }.into_any();
        };
        let Some(m) = catalog.measures.iter().find(|x| x.id == measure).cloned() else {
            return view! { <p class="error">{tr(lang, "没有这项政策", "No such measure")}</p> }
                .into_any();
        };
        match m.application_kind {
            Some(kind) => view! { <Form catalog=catalog measure=m kind=kind lang=lang /> }.into_any(),
            None => view! {
                <div class="msg msg--info" data-measure=measure.as_str()>
                    <p class="msg__title">{m.title.get(lang).to_string()}</p>
                    <p class="msg__text">{tr(lang, "这项政策不需要在线申请：", "This measure needs no request here:")}</p>
                    <p class="msg__text">{m.steps.get(lang).to_string()}</p>
                </div>
            }
            .into_any(),
        }
    }
}

#[component]
fn Form(
    catalog: Arc<Catalog>,
    measure: Measure,
    kind: ApplicationKind,
    lang: Lang,
) -> impl IntoView {
    let acc = use_account();
    let id = measure.id;
    let progress = RwSignal::new(state::progress_kept());
    let kept: Option<Draft> = storage::load(&draft_key(id));
    let draft = kept.unwrap_or_else(|| Draft {
        key: crate::api::new_key(),
        fields: progress.with_untracked(|p| prefilled(kind, id, &p.answers)),
    });
    let idempotency = StoredValue::new(draft.key.clone());
    let form = RwSignal::new(draft.fields);
    // The draft is kept on the phone as it is typed.
    Effect::new(move |_| {
        form.with(|fields| {
            storage::save(
                &draft_key(id),
                &Draft {
                    key: idempotency.get_value(),
                    fields: fields.clone(),
                },
            )
        })
    });
    let shown = RwSignal::new(false);
    let errors = Memo::new(move |_| {
        progress.with(|p| form.with(|f| problems(lang, kind, id, &p.answers, f)))
    });
    let attachments = acc.attachments;
    let busy = RwSignal::new(false);
    let refused = RwSignal::new(None::<Refused>);
    let filed = RwSignal::new(None::<RequestView>);
    let eval_date = acc.eval_date;

    let status = {
        let catalog = catalog.clone();
        Memo::new(move |_| {
            progress.with(|p| {
                evaluate(&catalog, &p.answers, eval_date)
                    .results
                    .into_iter()
                    .find(|r| r.measure == id)
                    .map(|r| {
                        let missing: Vec<AnswerKey> =
                            r.missing.iter().map(|k| AnswerKey::from(*k)).collect();
                        (r.status, missing)
                    })
            })
        })
    };

    let upload_then_done = move |view: RequestView| {
        let rid = view.id;
        filed.set(Some(view));
        leptos::task::spawn_local(async move {
            if !attachments.is_empty() {
                let _ = attachments.upload_all(acc, rid).await;
            }
        });
    };

    let submit = move |_| {
        if busy.get_untracked() {
            return;
        }
        shown.set(true);
        if errors.with_untracked(|e| !e.is_empty()) {
            if let Some(el) = document().query_selector(".field--bad").ok().flatten() {
                el.scroll_into_view();
            }
            return;
        }
        let answers = progress.with_untracked(|p| p.answers.clone());
        let (value, _) = form.with_untracked(|f| payload(kind, f));
        let body = FileRequest {
            measure: id,
            kind,
            answers,
            payload: value,
            source: crate::storage::source(),
        };
        busy.set(true);
        refused.set(None);
        let key = idempotency.get_value();
        leptos::task::spawn_local(async move {
            let l = acc.lang.get_untracked();
            let got = api::requests::file(&acc, &key, &body).await;
            match got {
                Ok(reply) if (200..300).contains(&reply.status) => {
                    match serde_json::from_str::<RequestView>(&reply.text) {
                        Ok(view) => {
                            // Filed: the next form is a new filing.
                            storage::remove(&draft_key(id));
                            upload_then_done(view);
                        }
                        Err(_) => refused.set(Some(Refused::Other(
                            tr(
                                l,
                                "服务器的答复无法读取，请到“我的申请”查看是否已提交。",
                                "The server's answer could not be read: check My requests.",
                            )
                            .into(),
                        ))),
                    }
                }
                Ok(reply) => {
                    let reasons = refusal_reasons(&reply.text);
                    let status = reply.status;
                    let e = api::failure(reply);
                    let sentence = explain(l, &e);
                    refused.set(match (status, reasons) {
                        // Signed out: the sign-in form shows; the draft is kept.
                        (401, _) => None,
                        (409, _) => Some(Refused::Open(sentence)),
                        (422, Some(reasons)) => Some(Refused::Reasons(sentence, reasons)),
                        _ => Some(Refused::Other(sentence)),
                    });
                }
                Err(e) => refused.set(Some(Refused::Other(explain(l, &e)))),
            }
            busy.set(false);
        });
    };

    let title = measure.title.get(lang).to_string();
    let departments = shared::i18n::offices_text(&catalog, lang, &measure.departments, None, None);
    let questions = {
        let catalog = catalog.clone();
        move || {
            let (st, missing) = status.get()?;
            (st == Status::NeedsInfo).then(|| {
                let qs = missing
                    .into_iter()
                    .filter_map(|key| {
                        let question = catalog.question(&key)?.clone();
                        let current = progress.with_untracked(|p| p.answers.get(&key));
                        let checking = catalog.clone();
                        let on_change = Callback::new(move |value: Option<Value>| {
                            progress.update(|p: &mut Progress| {
                                if let Ok(answers) = checking.answer(&p.answers, &key, value) {
                                    p.answers = answers;
                                }
                            });
                            progress.with_untracked(state::keep_progress);
                        });
                        Some(view! { <QuestionView question=question catalog=Some(catalog.clone()) lang=lang current=current on_change=on_change /> })
                    })
                    .collect_view();
                view! {
                    <section class="file__missing" data-missing="true">
                        <p class="msg__title">{tr(lang, "还需回答几个问题才能确认是否符合：", "A few answers are still needed to confirm you qualify:")}</p>
                        {qs}
                    </section>
                }
            })
        }
    };
    let not_eligible = move || {
        let (st, _) = status.get()?;
        matches!(st, Status::NotEligible | Status::NotInEffect).then(|| view! {
            <div class="msg msg--warn" role="note">
                <p class="msg__text">{tr(lang, "按您自查时的回答，这项政策不适用。如回答有误，请回到自查修改。", "By your self-check answers this measure does not apply. If an answer was wrong, change it in the self-check.")}</p>
                <a class="button button--default" href=crate::state::href(crate::routes::Page::Check, lang)>{tr(lang, "回到自查", "Back to the self-check")}</a>
            </div>
        })
    };
    let controls = fields(kind)
        .into_iter()
        .map(|spec| control(lang, spec, form, shown, errors))
        .collect_view();
    let refusal = move || {
        refused.with(|r| {
            r.as_ref().map(|r| match r {
                Refused::Reasons(sentence, reasons) => {
                    let items = reasons.iter().map(|t| view! { <li>{t.clone()}</li> }).collect_view();
                    view! { <div class="error" role="alert" data-refused="not_eligible"><p>{sentence.clone()}</p><ul>{items}</ul></div> }.into_any()
                }
                Refused::Open(sentence) => view! {
                    <div class="error" role="alert" data-refused="open_request_exists"><p>{sentence.clone()}</p>
                        <a href=super::account_href(AccountPage::Requests, lang) on:click=move |ev| { ev.prevent_default(); acc.navigate(AccountPage::Requests); }>{tr(lang, "查看我的申请", "See my requests")}</a></div>
                }.into_any(),
                Refused::Other(sentence) => view! {
                    <div class="error" role="alert"><p>{sentence.clone()}</p><p>{tr(lang, "填写的内容都已保留，可直接再次提交。", "What you typed is kept: submit again.")}</p></div>
                }.into_any(),
            })
        })
    };
    let form_view = view! {
        <section class="file" data-measure=id.to_string() data-kind=kind.as_str()>
            <h2 class="page__title">{title.clone()}</h2>
            <p class="file__who">{format!("{}{}", tr(lang, "受理部门：", "Decided by: "), departments)}</p>
            {not_eligible}
            {questions}
            <form class="form" novalidate on:submit=move |ev: leptos::ev::SubmitEvent| { ev.prevent_default(); submit(()); }>
                {controls}
                {attachments.picker(lang, purpose_of(kind))}
                {refusal}
                <p class="notice" role="note">{tr(lang, "提交后由受理部门审核，结果以主管部门认定为准。", "The department reviews it; its decision is what counts.")}</p>
                <button class="button button--primary" type="submit" name="submit" disabled=move || busy.get()>
                    {move || if busy.get() { tr(lang, "正在提交…", "Submitting…") } else { tr(lang, "提交申请", "Submit") }}
                </button>
            </form>
        </section>
    };
    let done = move || {
        let r = filed.get()?;
        let rid = r.id;
        let departments = shared::i18n::offices_text(
            &catalog,
            lang,
            &r.departments,
            r.jurisdiction,
            r.lead_department,
        );
        Some(view! {
            <section class="msg msg--success file__done" data-filed=r.number.clone() data-request=rid>
                <div class="msg__icon" aria-hidden="true">"✓"</div>
                <h2 class="msg__title">{tr(lang, "申请已提交", "Request filed")}</h2>
                <p class="msg__text">{format!("{}{}", tr(lang, "申请编号 ", "Number "), r.number)}</p>
                <p class="msg__text">{match lang {
                    Lang::ZhCn => format!("由{departments}审核，办结期限 {}。需要补充材料时会通过“消息”通知您。", r.due_on),
                    Lang::En => format!("{departments} will decide by {}. If they need more, you will get a message.", r.due_on),
                }}</p>
                {move || (!attachments.is_empty()).then(|| attachments.picker(lang, purpose_of(kind)))}
                {move || attachments.failed().then(|| view! {
                    <button class="button button--default" type="button" name="retry_uploads" on:click=move |_| {
                        leptos::task::spawn_local(async move { let _ = attachments.upload_all(acc, rid).await; });
                    }>{tr(lang, "重新上传", "Upload again")}</button>
                })}
                <a class="button button--primary" href=super::account_href(AccountPage::Request(rid), lang)
                    on:click=move |ev| { ev.prevent_default(); attachments.clear(); acc.navigate(AccountPage::Request(rid)); }>
                    {tr(lang, "查看申请进度", "Follow the request")}</a>
            </section>
        })
    };
    view! {
        <div hidden=move || filed.with(Option::is_some)>{form_view}</div>
        {done}
    }
}

/// The reasons of a refused filing (`not_eligible`, `application_window_closed`): the unmet ones.
fn refusal_reasons(text: &str) -> Option<Vec<String>> {
    let body = serde_json::from_str::<RefusedBody>(text).ok()?;
    Some(
        body.reasons
            .into_iter()
            .filter(|r| r.met == Some(false))
            .map(|r| format!("{}（{}）", r.text, r.clause))
            .collect(),
    )
}
