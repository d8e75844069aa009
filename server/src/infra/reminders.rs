//! The reminders' worker: looks for settle-by days near at each poll and sends what is due
//! (once: [`crate::services::requests::reminders`]).

use std::time::Duration;

use actix_web::web;

use crate::AppState;

/// Runs for the life of the process.
pub async fn run(state: web::Data<AppState>, poll: Duration) {
    tracing::info!(every_s = poll.as_secs(), "settle-by reminders on");
    loop {
        let due = match crate::services::requests::reminders::send_due(&state).await {
            Ok(n) => crate::services::requests::reminders::send_cycle_due(&state)
                .await
                .map(|m| n + m),
            Err(e) => Err(e),
        };
        match due {
            Ok(_) => {}
            Err(crate::services::Error::Internal(cause)) => {
                tracing::warn!(%cause, "reminders: could not send the due ones");
            }
            Err(e) => tracing::warn!(error = %e, "reminders: could not send the due ones"),
        }
        tokio::time::sleep(poll).await;
    }
}
