//! The shell: title bar with the language switch, the page of the address, the tab bar.

use std::future::Future;
use std::pin::Pin;

use leptos::prelude::*;
use leptos::wasm_split::SplitLoaderError;
use shared::Lang;

use crate::components::tab_bar::TabBar;
use crate::format::error_message;
use crate::pages::check::CheckPage;
use crate::pages::home::HomePage;
use crate::pages::results::ResultsPage;
use crate::routes::Page;
use crate::state::AppState;
use crate::text::text;

/// A view from a WASM module fetched when first needed (or a failure to fetch it).
pub type LazyView = fn() -> Pin<Box<dyn Future<Output = Result<AnyView, SplitLoaderError>>>>;

/// The phone app's screens that live in modules of their own, cut out by wasm-split in
/// `scripts/build-frontend` (the split points are in `src/main.rs`, so that only the phone
/// app's binary carries them): the results, whose sentences and cards are about a sixth of
/// the app and which the questionnaire does not need.
#[derive(Clone, Copy)]
pub struct Lazy {
    pub results: LazyView,
    /// Fetches the results' module in the background (once: later calls find it loaded).
    pub preload_results: fn() -> Pin<Box<dyn Future<Output = ()>>>,
}

impl Lazy {
    /// Fetches the results' module now, so it is on the phone before the owner asks for the
    /// results, and before the signal may go.
    pub fn preload_results(self) {
        leptos::task::spawn_local((self.preload_results)());
    }
}

/// The results page, as its module shows it.
pub fn results_view() -> AnyView {
    view! { <ResultsPage /> }.into_any()
}

/// Starts the phone app: the server-rendered page (the measures, for the first paint)
/// gives way to it.
pub fn start(lazy: Lazy) {
    for id in ["boot", "ssr"] {
        if let Some(node) = document().get_element_by_id(id) {
            node.remove();
        }
    }
    leptos::mount::mount_to_body(move || {
        provide_context(lazy);
        view! { <App /> }
    });
}

#[component]
pub fn App() -> impl IntoView {
    let app = AppState::provide();
    let lazy = expect_context::<Lazy>();
    let lang = app.lang;
    let t = move || text(lang.get());
    let page = move || {
        match app.page.get() {
        Page::Home => view! { <HomePage /> }.into_any(),
        Page::Check => view! { <CheckPage /> }.into_any(),
        Page::Results => Suspend::new(send_wrapper::SendWrapper::new(async move {
            match (lazy.results)().await {
                Ok(view) => view,
                Err(_) => view! {
                    <div class="error" role="alert">
                        <p>{move || t().offline}</p>
                        <button class="button button--default" type="button" on:click=move |_| app.page.set(Page::Results)>
                            {move || t().retry}
                        </button>
                    </div>
                }
                .into_any(),
            }
        }))
        .into_any(),
        // The account app's pages: the server serves that app at their addresses.
        Page::Requests | Page::Messages | Page::Me => ().into_any(),
    }
    };
    // Without a catalog (first visit while offline), say so and offer a retry.
    let problem = move || {
        let error = app.catalog_error.get()?;
        if app.catalog.with(Option::is_some) {
            return None;
        }
        Some(view! {
            <div class="error" role="alert">
                <p>{error_message(lang.get(), &error)}</p>
                <button class="button button--default" type="button" on:click=move |_| app.refresh_catalog()>
                    {move || t().retry}
                </button>
            </div>
        })
    };
    let loading = move || {
        (app.catalog.with(Option::is_none) && app.catalog_error.with(Option::is_none))
            .then(|| view! { <p class="loading" role="status">{t().loading}</p> })
    };
    view! {
        <header class="navbar">
            <h1 class="navbar__title">{move || t().app_name}</h1>
            <button
                class="navbar__lang"
                type="button"
                on:click=move |_| {
                    let next = match lang.get() {
                        Lang::ZhCn => Lang::En,
                        Lang::En => Lang::ZhCn,
                    };
                    app.set_lang(next);
                }
            >
                {move || t().switch_language}
            </button>
        </header>
        <main class="page">
            {loading}
            {problem}
            {page}
        </main>
        <TabBar
            lang=Signal::from(lang)
            current=Signal::from(app.page)
            on_select=Callback::new(move |p| app.navigate(p))
        />
    }
}
