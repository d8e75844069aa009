//! One sign-in across the desk's tabs. The session is kept for each tab (`sessionStorage`,
//! gone with the browser's last desk tab), and the tabs of one browser share it over a
//! `BroadcastChannel` (same origin only): a new tab (a request opened with Ctrl or the middle
//! button) asks the others and opens signed in; a refresh, a sign-in or a sign-out in one tab
//! reaches the others, so no tab holds a refresh token another has already exchanged.

use std::cell::RefCell;

use leptos::prelude::*;
use serde::{Deserialize, Serialize};
use shared::account::api::TokenResponse;
use wasm_bindgen::JsCast;
use wasm_bindgen::closure::Closure;

use super::Desk;

const CHANNEL: &str = "shukun.desk.v1";

/// How long a new tab waits for another to answer before showing the sign-in form.
const ASK_FOR_MS: i32 = 400;

/// What passes between the tabs.
#[derive(Serialize, Deserialize)]
#[serde(tag = "say", rename_all = "snake_case")]
enum Say {
    /// A new tab asks for the session.
    Ask,
    /// The session's current tokens (an answer, a sign-in or a refresh).
    Tokens { tokens: TokenResponse },
    /// Signed out in one tab: in all.
    SignedOut,
}

thread_local! {
    static CHANNEL_OF_TAB: RefCell<Option<web_sys::BroadcastChannel>> = const { RefCell::new(None) };
}

fn post(say: &Say) {
    let Ok(text) = serde_json::to_string(say) else {
        return;
    };
    CHANNEL_OF_TAB.with(|c| {
        if let Some(channel) = c.borrow().as_ref() {
            let _ = channel.post_message(&wasm_bindgen::JsValue::from_str(&text));
        }
    });
}

/// Hands new tokens to the other tabs.
pub fn share(tokens: &TokenResponse) {
    post(&Say::Tokens {
        tokens: tokens.clone(),
    });
}

/// Tells the other tabs the official signed out.
pub fn signed_out() {
    post(&Say::SignedOut);
}

/// Joins this tab to the others; `asking` is true while a tab with no session waits for an
/// answer (without a channel, or with no answer in time, it turns false: the sign-in form).
pub fn join(desk: Desk, asking: RwSignal<bool>) {
    let Ok(channel) = web_sys::BroadcastChannel::new(CHANNEL) else {
        asking.set(false);
        return;
    };
    let on_message =
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |ev: web_sys::MessageEvent| {
            let Some(text) = ev.data().as_string() else {
                return;
            };
            match serde_json::from_str::<Say>(&text) {
                Ok(Say::Ask) => {
                    if let Some(tokens) = desk.session.get_untracked() {
                        share(&tokens);
                    }
                }
                Ok(Say::Tokens { tokens }) => {
                    let had = desk.session.with_untracked(Option::is_some);
                    desk.hold_session(tokens);
                    asking.set(false);
                    if !had {
                        desk.notice.set(None);
                        desk.fetch_ahead();
                        desk.load_me();
                    }
                }
                Ok(Say::SignedOut) => {
                    if desk.session.with_untracked(Option::is_some) {
                        desk.forget();
                    }
                }
                Err(_) => {}
            }
        });
    channel.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    on_message.forget();
    CHANNEL_OF_TAB.with(|c| *c.borrow_mut() = Some(channel));
    if asking.get_untracked() {
        post(&Say::Ask);
        let give_up = Closure::once_into_js(move || asking.set(false));
        if window()
            .set_timeout_with_callback_and_timeout_and_arguments_0(
                give_up.unchecked_ref(),
                ASK_FOR_MS,
            )
            .is_err()
        {
            asking.set(false);
        }
    }
}
