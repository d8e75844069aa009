//! One token refresh in flight per page: the calls that find the access token expired at once
//! wait for the same refresh instead of each presenting the refresh token (the server takes
//! a second use of a rotated token for theft, past a few seconds' grace).

use std::cell::{Cell, RefCell};

use futures_util::future::{FutureExt, LocalBoxFuture, Shared};

type InFlight = Shared<LocalBoxFuture<'static, bool>>;

thread_local! {
    static IN_FLIGHT: RefCell<Option<(u64, InFlight)>> = const { RefCell::new(None) };
    static NEXT: Cell<u64> = const { Cell::new(0) };
}

/// Runs the refresh `start` makes, or joins the one under way; its outcome for every caller.
pub async fn once(start: impl FnOnce() -> LocalBoxFuture<'static, bool>) -> bool {
    let (id, refresh) = IN_FLIGHT.with(|slot| {
        let mut slot = slot.borrow_mut();
        if let Some((id, running)) = slot.as_ref() {
            return (*id, running.clone());
        }
        let id = NEXT.with(|n| {
            n.set(n.get() + 1);
            n.get()
        });
        let running = start().shared();
        *slot = Some((id, running.clone()));
        (id, running)
    });
    let ok = refresh.await;
    IN_FLIGHT.with(|slot| {
        let mut slot = slot.borrow_mut();
        if slot.as_ref().is_some_and(|(current, _)| *current == id) {
            *slot = None;
        }
    });
    ok
}
