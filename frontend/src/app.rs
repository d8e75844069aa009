//! The shell: title bar with the language switch, the page of the address, the tab bar.

use leptos::prelude::*;
use shared::Lang;

use crate::components::tab_bar::TabBar;
use crate::format::catalog_problem;
use crate::lazy::{Lazy, Split};
use crate::pages::check::CheckPage;
use crate::pages::home::HomePage;
use crate::pages::results::ResultsPage;
use crate::routes::Page;
use crate::state::AppState;
use crate::text::text;

/// The results page, as its module shows it.
pub fn results_view() -> AnyView {
    view! { <ResultsPage /> }.into_any()
}

/// The home page, as its module shows it.
pub fn home_view() -> AnyView {
    view! { <HomePage /> }.into_any()
}

/// Starts the phone app. The server-rendered page (the measures, for the first paint) gives
/// way to it; on the home page only once the home page's module is here, so the owner never
/// sees an empty page in between (the server's page works on its own meanwhile: its button
/// is a link to the questionnaire).
pub fn start(lazy: Lazy) {
    if let Some(node) = document().get_element_by_id("boot") {
        node.remove();
    }
    let path = window().location().pathname().unwrap_or_default();
    if Page::from_path(&path) == Page::Home {
        // Leptos' task executor starts with the mount: the browser's runs this one.
        wasm_bindgen_futures::spawn_local(async move {
            let _ = (lazy.home.preload)().await;
            mount(lazy);
        });
    } else {
        mount(lazy);
    }
}

fn mount(lazy: Lazy) {
    if let Some(node) = document().get_element_by_id("ssr") {
        node.remove();
    }
    leptos::mount::mount_to_body(move || {
        provide_context(lazy);
        view! { <App /> }
    });
}

/// A screen from its module; if the module cannot be fetched (offline before it came), a
/// sentence and a retry instead.
fn split_page(split: Split, page: Page, app: AppState) -> AnyView {
    let t = move || text(app.lang.get());
    Suspend::new(send_wrapper::SendWrapper::new(async move {
        match (split.view)().await {
            Ok(view) => view,
            Err(_) => view! {
                <div class="error" role="alert">
                    <p>{move || t().offline}</p>
                    <button class="button button--default" type="button" on:click=move |_| app.page.set(page)>
                        {move || t().retry}
                    </button>
                </div>
            }
            .into_any(),
        }
    }))
    .into_any()
}

/// Once the first screen is up, the rest of the app comes in the background: the other
/// screens' modules, and the catalog's reader (then the catalog is read). So the
/// questionnaire goes on and the results open if the signal goes before the owner's first
/// tap, without a service worker (iOS WeChat allows none). A second after the mount, so the
/// first screen's own bytes go first on a slow link. When all of it is here, the document
/// says so (`data-app-ready`).
fn fetch_the_rest(lazy: Lazy, app: AppState) {
    set_timeout(
        move || {
            leptos::task::spawn_local(async move {
                // Both modules at once (a later call joins a fetch under way), then the
                // catalog, with its reader's module.
                lazy.results.preload();
                lazy.home.preload();
                let modules =
                    (lazy.results.preload)().await.is_ok() & (lazy.home.preload)().await.is_ok();
                app.read_catalog_now().await;
                if modules
                    && app.catalog.with_untracked(Option::is_some)
                    && let Some(html) = document().document_element()
                {
                    let _ = html.set_attribute("data-app-ready", "true");
                }
            });
        },
        std::time::Duration::from_secs(1),
    );
}

#[component]
pub fn App() -> impl IntoView {
    let lazy = expect_context::<Lazy>();
    let app = AppState::provide(lazy.catalog);
    fetch_the_rest(lazy, app);
    // Every page but the questionnaire shows the catalog: read it when one opens.
    Effect::new(move |_| {
        if app.page.get() != Page::Check {
            app.read_catalog();
        }
    });
    let lang = app.lang;
    let t = move || text(lang.get());
    let page = move || match app.page.get() {
        Page::Home => split_page(lazy.home, Page::Home, app),
        Page::Check => view! { <CheckPage /> }.into_any(),
        Page::Results => split_page(lazy.results, Page::Results, app),
        // The account app's pages: the server serves that app at their addresses.
        Page::Requests | Page::Messages | Page::Me => ().into_any(),
    };
    // Without a catalog (first visit while offline), say so and offer a retry.
    let problem = move || {
        let error = app.catalog_error.get()?;
        if app.catalog.with(Option::is_some) {
            return None;
        }
        Some(view! {
            <div class="error" role="alert">
                <p>{catalog_problem(lang.get(), &error)}</p>
                <button class="button button--default" type="button" on:click=move |_| app.refresh_catalog()>
                    {move || t().retry}
                </button>
            </div>
        })
    };
    // The questionnaire shows its first question before the catalog is read.
    let loading = move || {
        (app.catalog.with(Option::is_none)
            && app.catalog_error.with(Option::is_none)
            && (app.page.get() != Page::Check || app.start.with_value(Option::is_none)))
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
