//! The officials' desk and the supervising office, under `/admin`: sign in, the queue, a
//! request and its decision, the supervision dashboard. Wider than the phone app, for a
//! desk browser; every type, label and allowed action comes from `shared`.

mod assessment;
mod audit;
mod batch;
mod claims;
mod client;
mod confirmations;
mod dashboard;
mod detail;
mod ledger;
mod notices;
mod phrases;
mod publicity;
mod queue;
mod rating;
pub mod routes;
pub mod screens;
mod settings;
mod tabs;
mod users;

use std::sync::Arc;

use leptos::prelude::*;
use shared::account::Role;
use shared::account::api::{Me, TokenResponse};
use shared::api::desk::QueueFilter;
use shared::{Catalog, Lang};

use crate::api;
use crate::format::error_message;
pub use routes::DeskPage;
pub use screens::Modules;
use wasm_bindgen::JsCast;

/// The desk speaks Chinese: its users are the prefecture's officials.
pub const LANG: Lang = Lang::ZhCn;

const SESSION_KEY: &str = "shukun.desk.session.v1";

/// Everything the desk's pages share.
#[derive(Clone, Copy)]
pub struct Desk {
    /// The tokens of the signed-in official (kept for the browser tab only).
    pub session: RwSignal<Option<TokenResponse>>,
    pub me: RwSignal<Option<Me>>,
    pub page: RwSignal<DeskPage>,
    pub catalog: RwSignal<Option<Arc<Catalog>>>,
    /// A sentence for the official after something failed, until the next action.
    pub notice: RwSignal<Option<String>>,
    /// Filters the queue opens with (a drill-down from the dashboard).
    pub queue_preset: RwSignal<Option<QueueFilter>>,
    /// Requests waiting for this official's department (submitted or in review), for the
    /// nav; `None` until read.
    pub todo: RwSignal<Option<u64>>,
    /// The screens and the catalog's reader, fetched when first needed.
    pub modules: Modules,
}

pub fn use_desk() -> Desk {
    expect_context::<Desk>()
}

fn session_store() -> Option<web_sys::Storage> {
    window().session_storage().ok().flatten()
}

impl Desk {
    /// Opens the queue with these filters (a drill-down).
    pub fn open_queue(self, filters: QueueFilter) {
        self.queue_preset.set(Some(filters));
        self.navigate(DeskPage::Queue);
    }

    /// Follows a click on a link to `page` inside the desk; a click asking for a new tab or
    /// window (Ctrl, ⌘, Shift, a middle button) is left to the browser, and the new tab opens
    /// signed in (see [`tabs`]).
    pub fn follow(self, ev: &leptos::ev::MouseEvent, page: DeskPage) {
        if ev.ctrl_key() || ev.meta_key() || ev.shift_key() || ev.alt_key() || ev.button() != 0 {
            return;
        }
        ev.prevent_default();
        self.navigate(page);
    }

    /// Goes to a page, as a link would.
    pub fn navigate(self, page: DeskPage) {
        if let Ok(history) = window().history() {
            let _ =
                history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&page.path()));
        }
        self.notice.set(None);
        self.page.set(page);
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }

    /// Signs out here (the server forgets the refresh token too).
    pub fn sign_out(self) {
        if let Some(tokens) = self.session.get_untracked() {
            leptos::task::spawn_local(async move {
                api::auth::logout(&tokens.refresh_token).await;
            });
        }
        self.forget();
        tabs::signed_out();
        // Whoever signs in next starts at their own queue.
        self.navigate(DeskPage::Queue);
    }

    /// Drops the session (an expired or refused token): the sign-in form shows.
    pub fn forget(self) {
        if let Some(store) = session_store() {
            let _ = store.remove_item(SESSION_KEY);
        }
        self.session.set(None);
        self.me.set(None);
        self.todo.set(None);
    }

    /// Explains a failed call; a refused token signs out.
    pub fn fail(self, error: &api::Error) {
        if matches!(error, api::Error::Api { status: 401, .. }) {
            self.forget();
        }
        self.notice.set(Some(describe(error)));
    }

    fn signed_in(self, tokens: TokenResponse) {
        self.keep_session(tokens);
        self.load_me();
    }

    /// Keeps new tokens (signing in, or a refresh) for the browser tab, and hands them to
    /// the desk's other tabs (they share one session).
    pub(crate) fn keep_session(self, tokens: TokenResponse) {
        tabs::share(&tokens);
        self.hold_session(tokens);
    }

    /// Keeps tokens for this tab only (the ones another tab handed over).
    fn hold_session(self, tokens: TokenResponse) {
        if let (Some(store), Ok(text)) = (session_store(), serde_json::to_string(&tokens)) {
            let _ = store.set_item(SESSION_KEY, &text);
        }
        self.session.set(Some(tokens));
    }

    fn load_me(self) {
        leptos::task::spawn_local(async move {
            match api::auth::me(&self).await {
                Ok(me) if me.role.is_staff() => {
                    let official = me.role == Role::Official;
                    self.me.set(Some(me));
                    if official {
                        self.count_todo();
                    }
                }
                Ok(_) => {
                    self.forget();
                    self.notice.set(Some(
                        "这是企业账号：工作台只供各部门工作人员和督办人员使用。".into(),
                    ));
                }
                Err(e) => self.fail(&e),
            }
        });
    }

    /// Reads how many requests wait for the official's department (the nav's count).
    fn count_todo(self) {
        leptos::task::spawn_local(async move {
            if let Ok(r) = api::desk::queue(&self, &QueueFilter::default(), None, Some(1)).await {
                self.todo.set(Some(to_do(&r.counts)));
            }
        });
    }

    /// Reads the catalog in force again (after a setting changed it), with its reader's
    /// module.
    pub fn refresh_catalog(self) {
        leptos::task::spawn_local(async move {
            match api::catalog::get(None).await {
                Ok(Some(reply)) => match (self.modules.catalog)(reply.text).await {
                    Ok(Some(catalog)) => self.catalog.set(Some(Arc::new(catalog))),
                    Ok(None) => {}
                    Err(_) => self.notice.set(Some(describe(&api::Error::Network))),
                },
                Ok(None) => {}
                Err(e) => self.notice.set(Some(describe(&e))),
            }
        });
    }

    /// Fetches in the background what the page asked for needs (its screen's module and the
    /// catalog's reader), while the official signs in.
    fn fetch_ahead(self) {
        let page = self.page.get_untracked();
        leptos::task::spawn_local(async move {
            let _ = (self.modules.fetch)(page).await;
        });
    }
}

/// Requests waiting for the department ([`RequestState::awaits_department`]).
///
/// [`RequestState::awaits_department`]: shared::application::RequestState::awaits_department
pub fn to_do(counts: &std::collections::BTreeMap<shared::application::RequestState, u64>) -> u64 {
    counts
        .iter()
        .filter(|(s, _)| s.awaits_department())
        .map(|(_, n)| n)
        .sum()
}

/// A page's screen from its module; if the module cannot be fetched, a sentence and a retry.
fn screen(desk: Desk, page: DeskPage) -> AnyView {
    crate::lazy::screen((desk.modules.screen)(page), move || {
        view! {
            <div class="desk-notice" role="alert">
                {describe(&api::Error::Network)} " "
                <button class="desk-button" type="button" on:click=move |_| desk.page.set(page)>
                    "重试"
                </button>
            </div>
        }
        .into_any()
    })
}

pub use crate::format::beijing;

#[cfg(test)]
mod tests {
    #[test]
    fn officials_read_times_in_beijing_time() {
        let at = "2022-06-01T16:30:00Z".parse().unwrap();
        assert_eq!(super::beijing(at), "2022-06-02 00:30");
    }
}

/// The warning that a year's holidays are not recorded, so due dates there count only
/// weekends and the fixed-date holidays; `None` when every year is recorded.
pub fn holiday_warning(years: &[i32]) -> Option<impl IntoView + use<>> {
    if years.is_empty() {
        return None;
    }
    let list = years
        .iter()
        .map(|y| format!("{y} 年"))
        .collect::<Vec<_>>()
        .join("、");
    let data = years
        .iter()
        .map(i32::to_string)
        .collect::<Vec<_>>()
        .join(" ");
    Some(view! {
        <p class="desk-notice desk-notice--calendar" role="alert" data-unrecorded-years=data>
            {format!("{list}的节假日尚未录入：这些年份的办结期限只扣除周末和元旦、劳动节、国庆节，请管理员在“政策参数设置”中按国务院当年放假安排录入节假日和调休上班日。")}
        </p>
    })
}

/// A failed call in a sentence, with what is wrong with the field (by its code) or the
/// server's own message when it sent one.
pub fn describe(error: &api::Error) -> String {
    match error {
        api::Error::Api { body, .. } => {
            let sentence = error_message(LANG, error);
            // An entry of the ledger: what is wrong with it by its code.
            if let Some(problem) = body.error.problem.as_deref().and_then(|p| {
                (body.error.code == "invalid_entry")
                    .then(|| {
                        shared::application::ledger::LedgerProblem::ALL
                            .iter()
                            .copied()
                            .find(|x| x.as_str() == p)
                    })
                    .flatten()
            }) {
                let text = shared::i18n::ledger::problem_text(LANG, problem);
                return format!("{sentence}（{text}）");
            }
            // A field's problem by its code, never the server's English.
            if let Some(problem) = body
                .error
                .problem
                .as_deref()
                .and_then(shared::i18n::payload::problem_of)
            {
                let text = shared::i18n::payload::problem_text(LANG, problem);
                return format!("{sentence}（{text}）");
            }
            // Another field at fault is named by its label; the server's English message is
            // for API users, not shown here.
            match body.error.field.as_deref().and_then(field_label) {
                Some(label) => format!("{sentence}（{label}）"),
                None => sentence.to_string(),
            }
        }
        other => error_message(LANG, other),
    }
}

/// The label of a field the desk's forms send, as the official knows it: a payload's field
/// by its label in `shared`, the desk's own by the words on its forms.
fn field_label(field: &str) -> Option<&'static str> {
    let key = field.rsplit('.').next().unwrap_or(field);
    if let Some(label) = shared::i18n::payload::field_label(LANG, key) {
        return Some(label);
    }
    let (zh, en) = match field.split('.').next().unwrap_or(field) {
        "comment" => ("意见", "Comment"),
        "grant" => ("批准内容", "What is granted"),
        "If-Match" => (
            "申请的版本（请刷新后再办理）",
            "The request's version (reload it)",
        ),
        "action" => ("办理操作", "Action"),
        "to" => ("转交给", "Hand to"),
        "items" | "ids" => ("所选申请", "The requests chosen"),
        "message" => ("督办内容", "Message"),
        "deadline" => ("办结期限", "Deadline"),
        "requests" => ("督办的申请", "The requests"),
        "text" => ("常用语", "Phrase"),
        "phone" => ("手机号", "Phone number"),
        "password" => ("密码", "Password"),
        "role" => ("角色", "Role"),
        "department" => ("部门", "Department"),
        "jurisdictions" => ("辖区", "Jurisdictions"),
        _ => return None,
    };
    Some(match LANG {
        Lang::ZhCn => zh,
        Lang::En => en,
    })
}

/// Starts the desk, with its screens' modules (the binary's split points).
pub fn start(modules: Modules) {
    if let Some(node) = document().get_element_by_id("boot") {
        node.remove();
    }
    leptos::mount::mount_to_body(move || view! { <DeskApp modules=modules /> });
}

#[component]
fn DeskApp(modules: Modules) -> impl IntoView {
    let saved = session_store()
        .and_then(|s| s.get_item(SESSION_KEY).ok().flatten())
        .and_then(|text| serde_json::from_str::<TokenResponse>(&text).ok());
    let desk = Desk {
        session: RwSignal::new(saved.clone()),
        me: RwSignal::new(None),
        page: RwSignal::new(DeskPage::from_path(
            &window().location().pathname().unwrap_or_default(),
        )),
        catalog: RwSignal::new(None),
        notice: RwSignal::new(None),
        queue_preset: RwSignal::new(None),
        todo: RwSignal::new(None),
        modules,
    };
    provide_context(desk);
    // A tab opened from another (a request in a new tab) asks the others for the session
    // before showing the sign-in form.
    let asking = RwSignal::new(saved.is_none());
    tabs::join(desk, asking);
    if saved.is_some() {
        desk.fetch_ahead();
        desk.load_me();
    }
    // The browser's back and forward buttons.
    let on_pop = wasm_bindgen::closure::Closure::<dyn Fn()>::new(move || {
        desk.page.set(DeskPage::from_path(
            &window().location().pathname().unwrap_or_default(),
        ));
    });
    let _ = window().add_event_listener_with_callback("popstate", on_pop.as_ref().unchecked_ref());
    on_pop.forget();

    // Memos, so that a new catalog (after a setting) or a refreshed profile does not
    // rebuild the page on screen and lose what is typed in it.
    let signed_in = Memo::new(move |_| desk.session.with(Option::is_some));
    // The catalog once an official is signed in (the sign-in form needs none of it).
    Effect::new(move |_| {
        if signed_in.get() && desk.catalog.with_untracked(Option::is_none) {
            desk.refresh_catalog();
        }
    });
    let ready =
        Memo::new(move |_| desk.me.with(Option::is_some) && desk.catalog.with(Option::is_some));
    let body = move || {
        if !signed_in.get() {
            if asking.get() {
                return view! { <p class="desk-loading" role="status">"正在加载…"</p> }.into_any();
            }
            return view! { <SignIn /> }.into_any();
        }
        if !ready.get() {
            return view! { <p class="desk-loading" role="status">"正在加载…"</p> }.into_any();
        }
        screen(desk, desk.page.get())
    };
    view! {
        <header class="desk-bar">
            <a class="desk-bar__title" href="/admin" on:click=move |ev| {
                ev.prevent_default();
                desk.navigate(DeskPage::Queue);
            }>"纾困通 · 工作台"</a>
            <Nav />
        </header>
        <main class="desk-main">
            {move || desk.notice.get().map(|n| view! { <p class="desk-notice" role="alert">{n}</p> })}
            {body}
        </main>
    }
}

/// The pages this official may open, and who is signed in.
#[component]
fn Nav() -> impl IntoView {
    let desk = use_desk();
    move || {
        let me = desk.me.get()?;
        let supervises = matches!(me.role, Role::Supervisor | Role::Admin);
        let who = match (me.department, desk.catalog.get()) {
            (Some(d), Some(catalog)) => catalog
                .department(d)
                .map(|dep| dep.name.get(LANG).to_string())
                .unwrap_or_default(),
            _ => role_text(me.role).to_string(),
        };
        let link = move |page: DeskPage, label: &'static str| {
            view! {
                <a
                    class="desk-nav__link"
                    class:desk-nav__link--current=move || desk.page.get().section() == page
                    href=page.path()
                    on:click=move |ev| desk.follow(&ev, page)
                >
                    {label}
                </a>
            }
        };
        Some(view! {
            <nav class="desk-nav" aria-label="工作台">
                {link(DeskPage::Queue, "待办申请")}
                {move || desk.todo.get().filter(|n| *n > 0).map(|n| view! {
                    <span class="desk-nav__count" data-todo=n.to_string() title="待受理和审核中的申请">{n}</span>
                })}
                {supervises.then(|| link(DeskPage::Dashboard, "督办看板"))}
                {matches!(me.role, Role::Official | Role::Supervisor).then(|| link(DeskPage::Notices, "督办通知"))}
                {(me.role == Role::Official).then(|| link(DeskPage::Phrases, "常用语"))}
                {matches!(me.role, Role::Official | Role::Supervisor).then(|| link(DeskPage::Confirmations, "出资方确认"))}
                {(me.role == Role::Admin).then(|| link(DeskPage::Users, "用户管理"))}
                {(me.role == Role::Admin).then(|| link(DeskPage::Settings, "参数设置"))}
                {(me.role == Role::Admin).then(|| link(DeskPage::Interpretations, "政策解读"))}
                {(me.role == Role::Admin).then(|| link(DeskPage::Audit, "审计日志"))}
                <span class="desk-nav__who" data-who="">{me.name.clone().unwrap_or_else(|| me.phone.masked())} " · " {who}</span>
                <button class="desk-button desk-button--plain" type="button" on:click=move |_| desk.sign_out()>
                    "退出"
                </button>
            </nav>
        })
    }
}

pub(crate) fn role_text(role: Role) -> &'static str {
    match role {
        Role::Applicant => "企业",
        Role::Official => "工作人员",
        Role::Supervisor => "督办人员",
        Role::Admin => "管理员",
    }
}

/// Phone and password; the page asked for shows once signed in.
#[component]
fn SignIn() -> impl IntoView {
    let desk = use_desk();
    let phone = RwSignal::new(String::new());
    let password = RwSignal::new(String::new());
    let busy = RwSignal::new(false);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if busy.get_untracked() {
            return;
        }
        busy.set(true);
        let phone = phone.get_untracked().trim().to_string();
        let password = password.get_untracked();
        leptos::task::spawn_local(async move {
            let tokens = api::auth::login(&phone, &password).await;
            busy.set(false);
            match tokens {
                Ok(tokens) => {
                    desk.notice.set(None);
                    desk.signed_in(tokens);
                }
                Err(e) => desk.fail(&e),
            }
        });
    };
    view! {
        <form class="desk-signin" on:submit=submit on:focusin=move |_| desk.fetch_ahead()>
            <h1>"工作人员登录"</h1>
            <label class="desk-field">
                <span>"手机号"</span>
                <input name="phone" type="tel" autocomplete="username" inputmode="numeric"
                    prop:value=move || phone.get()
                    on:input=move |ev| phone.set(event_target_value(&ev)) />
            </label>
            <label class="desk-field">
                <span>"密码"</span>
                <input name="password" type="password" autocomplete="current-password"
                    prop:value=move || password.get()
                    on:input=move |ev| password.set(event_target_value(&ev)) />
            </label>
            <button class="desk-button desk-button--primary" type="submit" disabled=move || busy.get()>
                "登录"
            </button>
            <p class="desk-hint">"账号由管理员开设；忘记密码请联系本部门管理员。"</p>
        </form>
    }
}
