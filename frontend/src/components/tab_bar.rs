//! The bottom tab bar, as in WeChat: five tabs, the current one green.

use leptos::prelude::*;
use shared::Lang;

use crate::routes::Page;
use crate::state::href;
use crate::text::text;

fn label(lang: Lang, page: Page) -> &'static str {
    let t = text(lang);
    match page {
        Page::Home => t.tab_home,
        Page::Check | Page::Results => t.tab_check,
        Page::Requests => t.tab_requests,
        Page::Messages => t.tab_messages,
        Page::Me => t.tab_me,
    }
}

/// A small line icon per tab.
fn icon(page: Page) -> &'static str {
    match page {
        Page::Home => "M4 11 12 4l8 7v9h-5v-6H9v6H4z",
        Page::Check | Page::Results => "M6 4h12v16H6zM9 9h6M9 13h6M9 17h3",
        Page::Requests => "M5 5h14v14H5zM8 10l3 3 5-5",
        Page::Messages => "M4 6h16v10H9l-5 4z",
        Page::Me => "M12 12a4 4 0 1 0 0-8 4 4 0 0 0 0 8zM4 20c1-4 4-6 8-6s7 2 8 6",
    }
}

#[component]
pub fn TabBar(
    lang: Signal<Lang>,
    current: Signal<Page>,
    on_select: Callback<Page>,
    /// Unread messages, shown on the Messages tab (the account app knows them).
    #[prop(optional)]
    badge: Option<Signal<u64>>,
) -> impl IntoView {
    let tabs = Page::TABS
        .into_iter()
        .map(|page| {
            let active = move || current.get().tab() == page;
            view! {
                <a
                    class="tabbar__item"
                    class:tabbar__item--on=active
                    href=move || href(page, lang.get())
                    aria-current=move || active().then_some("page")
                    on:click=move |ev| {
                        ev.prevent_default();
                        on_select.run(page);
                    }
                >
                    <svg class="tabbar__icon" viewBox="0 0 24 24" aria-hidden="true">
                        <path d=icon(page)></path>
                    </svg>
                    <span class="tabbar__label">{move || label(lang.get(), page)}</span>
                    {badge.filter(|_| page == Page::Messages).map(|b| move || {
                        let n = b.get();
                        (n > 0).then(|| view! { <span class="tabbar__badge" data-unread=n>{if n > 99 { "99+".to_string() } else { n.to_string() }}</span> })
                    })}
                </a>
            }
        })
        .collect_view();
    view! { <nav class="tabbar">{tabs}</nav> }
}
