//! The owner's account, filing and tracking (我 · 申请 · 我的申请 · 消息): a WASM of its own,
//! loaded when the owner leaves the self-check for one of these pages, so the self-check's
//! first load does not carry it. Same look as the phone app; every type, validator and
//! allowed action comes from `shared`.

mod client;
mod file;
mod me;
mod messages;
mod requests;
pub mod routes;
pub mod screens;
mod sign_in;

use std::sync::Arc;

use chrono::NaiveDate;
use leptos::prelude::*;
use shared::account::api::{Me, TokenResponse};
use shared::{Catalog, Lang};

use crate::components::tab_bar::TabBar;
use crate::routes::Page;
use crate::state::{self, href};
use crate::{api, storage};
pub use routes::AccountPage;
pub use screens::Modules;

/// Where the owner's tokens are kept on the phone (the results page reads them too).
pub const SESSION_KEY: &str = "shukun.session.v1";

/// A sentence in the owner's language.
pub fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::ZhCn => zh,
        Lang::En => en,
    }
}

/// Everything the account pages share.
#[derive(Clone, Copy)]
pub struct Account {
    pub lang: RwSignal<Lang>,
    pub care: RwSignal<bool>,
    pub page: RwSignal<AccountPage>,
    /// The owner's tokens (kept on the phone: an owner stays signed in).
    pub session: RwSignal<Option<TokenResponse>>,
    pub me: RwSignal<Option<Me>>,
    pub unread: RwSignal<u64>,
    pub catalog: RwSignal<Option<Arc<Catalog>>>,
    /// The documents chosen for the form being filled (kept across a sign-in).
    pub attachments: file::Attachments,
    /// A short confirmation shown as a toast.
    pub toast: RwSignal<Option<String>>,
    pub eval_date: NaiveDate,
    /// The screens and the catalog's reader, fetched when first needed.
    pub modules: Modules,
    /// A read of the catalog is under way.
    reading: RwSignal<bool>,
}

pub fn use_account() -> Account {
    expect_context::<Account>()
}

/// The address of an account page in a language.
pub fn account_href(page: AccountPage, lang: Lang) -> String {
    match lang {
        Lang::ZhCn => page.path(),
        Lang::En => format!("{}?lang=en", page.path()),
    }
}

fn page_from_address() -> AccountPage {
    AccountPage::from_path(&window().location().pathname().unwrap_or_default())
        .unwrap_or(AccountPage::Me)
}

impl Account {
    fn provide(modules: Modules) -> Account {
        let acc = Account {
            lang: RwSignal::new(state::lang_from_address()),
            care: RwSignal::new(state::care_kept()),
            page: RwSignal::new(page_from_address()),
            session: RwSignal::new(storage::load(SESSION_KEY)),
            me: RwSignal::new(None),
            unread: RwSignal::new(0),
            catalog: RwSignal::new(None),
            toast: RwSignal::new(None),
            attachments: file::Attachments::new(),
            eval_date: state::eval_date(),
            modules,
            reading: RwSignal::new(false),
        };
        provide_context(acc);
        Effect::new(move |_| state::keep_care(acc.care.get()));
        Effect::new(move |_| {
            if let Some(html) = document().document_element() {
                let _ = html.set_attribute("lang", acc.lang.get().as_str());
                let _ = html.set_attribute("class", if acc.care.get() { "care" } else { "" });
            }
        });
        // Who is signed in, and their unread messages, whenever the session changes.
        Effect::new(move |_| {
            if acc.session.with(Option::is_some) {
                acc.load_me();
                acc.load_unread();
            } else {
                acc.me.set(None);
                acc.unread.set(0);
            }
        });
        // The catalog when a page that shows it opens (我 and the messages need none of it).
        Effect::new(move |_| {
            if acc.session.with(Option::is_some) && acc.page.with(|p| shows_catalog(*p)) {
                acc.read_catalog();
            }
        });
        let _ = window_event_listener(leptos::ev::popstate, move |_| {
            acc.page.set(page_from_address());
        });
        acc
    }

    /// Goes to a page: an account page in place, a self-check page by loading it.
    pub fn navigate(self, page: AccountPage) {
        let url = account_href(page, self.lang.get_untracked());
        if let Ok(history) = window().history() {
            let _ = history.push_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
        self.page.set(page);
        window().scroll_to_with_x_and_y(0.0, 0.0);
    }

    fn open_tab(self, tab: Page) {
        match AccountPage::of_tab(tab) {
            Some(page) => self.navigate(page),
            None => {
                let _ = window()
                    .location()
                    .set_href(&href(tab, self.lang.get_untracked()));
            }
        }
    }

    pub fn set_lang(self, lang: Lang) {
        self.lang.set(lang);
        let url = account_href(self.page.get_untracked(), lang);
        if let Ok(history) = window().history() {
            let _ = history.replace_state_with_url(&wasm_bindgen::JsValue::NULL, "", Some(&url));
        }
    }

    /// Reads the catalog, with its reader's module: the one kept on the phone, else the
    /// one in force; once.
    fn read_catalog(self) {
        if self.catalog.with_untracked(Option::is_some) || self.reading.get_untracked() {
            return;
        }
        self.reading.set(true);
        leptos::task::spawn_local(async move {
            let mut catalog = None;
            if let Some(text) = state::catalog_text_kept() {
                catalog = (self.modules.catalog)(text).await.ok().flatten();
            }
            if catalog.is_none()
                && let Ok(Some(reply)) = api::catalog::get(None).await
            {
                catalog = (self.modules.catalog)(reply.text).await.ok().flatten();
            }
            if let Some(catalog) = catalog {
                self.catalog.set(Some(Arc::new(catalog)));
            }
            self.reading.set(false);
        });
    }

    /// Fetches in the background what the page asked for needs (its screen's module, the
    /// catalog's reader), while the owner signs in.
    fn fetch_ahead(self) {
        let page = self.page.get_untracked();
        leptos::task::spawn_local(async move {
            let _ = (self.modules.fetch)(page).await;
        });
    }

    fn keep_session(self, tokens: TokenResponse) {
        storage::save(SESSION_KEY, &tokens);
        // An account was used on this phone: its sign-in form opens on 登录, not 注册.
        storage::save_text(KNOWN_KEY, "1");
        self.session.set(Some(tokens));
    }

    /// Signed in: the page that was asked for shows in place of the form.
    pub fn signed_in(self, tokens: TokenResponse) {
        self.keep_session(tokens);
    }

    /// Drops the session (refused, or signed out): the page asks to sign in.
    pub fn forget(self) {
        storage::remove(SESSION_KEY);
        if self.session.with_untracked(Option::is_some) {
            self.session.set(None);
        }
    }

    pub fn sign_out(self) {
        if let Some(tokens) = self.session.get_untracked() {
            leptos::task::spawn_local(async move {
                api::auth::logout(&tokens.refresh_token).await;
            });
        }
        self.forget();
    }

    fn load_me(self) {
        leptos::task::spawn_local(async move {
            if let Ok(me) = api::auth::me(&self).await {
                self.me.set(Some(me));
            }
        });
    }

    /// Reads the unread count again (after a message was opened).
    pub fn load_unread(self) {
        leptos::task::spawn_local(async move {
            if let Ok(m) = api::messages::list(&self, self.lang.get_untracked()).await {
                self.unread.set(m.unread);
            }
        });
    }

    pub fn say(self, text: impl Into<String>) {
        self.toast.set(Some(text.into()));
        let toast = self.toast;
        let clear = wasm_bindgen::closure::Closure::once_into_js(move || toast.set(None));
        let _ = window().set_timeout_with_callback_and_timeout_and_arguments_0(
            wasm_bindgen::JsCast::unchecked_ref(&clear),
            2500,
        );
    }
}

/// Starts the account app in place of the loading line, with its screens' modules (the
/// binary's split points).
pub fn start(modules: Modules) {
    if let Some(node) = document().get_element_by_id("ssr") {
        node.remove();
    }
    leptos::mount::mount_to_body(move || view! { <AccountApp modules=modules /> });
}

/// The pages that show the catalog (a measure's title, the offices).
fn shows_catalog(page: AccountPage) -> bool {
    matches!(
        page,
        AccountPage::Requests | AccountPage::Request(_) | AccountPage::File(_)
    )
}

/// A page's screen from its module; if the module cannot be fetched, a sentence and a retry.
fn screen(acc: Account, page: AccountPage) -> AnyView {
    let lang = acc.lang.get_untracked();
    crate::lazy::screen((acc.modules.screen)(page), move || {
        let retry = Callback::new(move |()| acc.page.set(page));
        failure_view(lang, &api::Error::Network, retry).into_any()
    })
}

fn title(lang: Lang, page: AccountPage) -> &'static str {
    match page {
        AccountPage::Me => tr(lang, "我", "Me"),
        AccountPage::Requests | AccountPage::Request(_) => tr(lang, "我的申请", "My requests"),
        AccountPage::Messages => tr(lang, "消息", "Messages"),
        AccountPage::File(_) => tr(lang, "在线申请", "File a request"),
    }
}

/// Set once an account has signed in on this phone.
pub(crate) const KNOWN_KEY: &str = "shukun.account.known";

#[component]
fn AccountApp(modules: Modules) -> impl IntoView {
    let acc = Account::provide(modules);
    let lang = acc.lang;
    // Every account page needs the owner: without a session the sign-in form shows in
    // place, and once signed in, the page that was asked for.
    let content = move || {
        if acc.session.with(Option::is_none) {
            let me = acc.page.with(|p| *p == AccountPage::Me);
            return view! { <sign_in::SignIn /> {me.then(|| view! { <me::Prefs /> })} }.into_any();
        }
        match acc.page.get() {
            AccountPage::Me => view! { <me::MePage /> }.into_any(),
            // The form's draft is kept on the phone: a sign-in in the middle returns to it.
            page => screen(acc, page),
        }
    };
    let toast = move || {
        acc.toast
            .get()
            .map(|t| view! { <div class="toast" role="status">{t}</div> })
    };
    view! {
        <header class="navbar">
            <h1 class="navbar__title">{move || title(lang.get(), acc.page.get())}</h1>
            <button class="navbar__lang" type="button" on:click=move |_| {
                acc.set_lang(match lang.get() { Lang::ZhCn => Lang::En, Lang::En => Lang::ZhCn });
            }>{move || tr(lang.get(), "English", "中文")}</button>
        </header>
        <main class="page">{content}</main>
        {toast}
        <TabBar
            lang=Signal::from(lang)
            current=Signal::derive(move || acc.page.get().tab())
            on_select=Callback::new(move |p| acc.open_tab(p))
            badge=Signal::from(acc.unread)
        />
    }
}

/// What the owner is told about a failed call, in their language.
pub fn explain(lang: Lang, error: &api::Error) -> String {
    crate::format::error_message(lang, error)
}

/// A failed call, with a retry that keeps what was typed.
pub fn failure_view(lang: Lang, error: &api::Error, retry: Callback<()>) -> impl IntoView {
    let sentence = explain(lang, error);
    view! {
        <div class="error" role="alert">
            <p>{sentence}</p>
            <button class="button button--default" type="button" on:click=move |_| retry.run(())>
                {tr(lang, "重试", "Retry")}
            </button>
        </div>
    }
}
