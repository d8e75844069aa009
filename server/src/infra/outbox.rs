//! The webhook worker: delivers the outbox's rows to `SHUKUN_WEBHOOK_URL`, signed, retried
//! with doubling delays. Rows are written in the transaction of the change they announce, so
//! a restart loses none; a row may be delivered twice (receivers deduplicate on
//! `delivery_id`), never zero times.

use std::time::Duration;

use sha2::{Digest, Sha256};

use crate::config::{MAX_RETRY_DELAY, WebhookConfig};
use crate::services::tokens::hex;
use crate::store::{self, Writer, notifications};

/// The signature header: `sha256=<hex of HMAC-SHA256(secret, body)>`.
pub const SIGNATURE_HEADER: &str = "X-Shukun-Signature";

/// HMAC-SHA256 (RFC 2104).
pub fn hmac_sha256(key: &[u8], message: &[u8]) -> [u8; 32] {
    const BLOCK: usize = 64;
    let mut k = [0u8; BLOCK];
    if key.len() > BLOCK {
        k[..32].copy_from_slice(&Sha256::digest(key));
    } else {
        k[..key.len()].copy_from_slice(key);
    }
    let mut inner = Sha256::new();
    inner.update(k.map(|b| b ^ 0x36));
    inner.update(message);
    let inner = inner.finalize();
    let mut outer = Sha256::new();
    outer.update(k.map(|b| b ^ 0x5c));
    outer.update(inner);
    outer.finalize().into()
}

/// The header value for a body.
pub fn signature(secret: &[u8], body: &[u8]) -> String {
    format!("sha256={}", hex(&hmac_sha256(secret, body)))
}

/// The delay before attempt `attempts + 1`.
pub fn backoff(base: Duration, attempts: i32) -> Duration {
    let exp = u32::try_from(attempts.clamp(0, 20)).unwrap_or(0);
    base.saturating_mul(2u32.saturating_pow(exp))
        .min(MAX_RETRY_DELAY)
}

/// Runs for the life of the process, polling the outbox.
pub async fn run(writer: Writer, config: WebhookConfig, clock: crate::clock::Clock) {
    let client = match reqwest::Client::builder()
        .timeout(Duration::from_secs(10))
        .build()
    {
        Ok(c) => c,
        Err(e) => {
            tracing::error!(error = %e, "webhook client: not delivering");
            return;
        }
    };
    tracing::info!("webhook deliveries on");
    loop {
        if let Err(e) = deliver_due(&writer, &client, &config, &clock).await {
            tracing::warn!(error = %e, "outbox: could not read the due deliveries");
        }
        tokio::time::sleep(config.poll).await;
    }
}

async fn deliver_due(
    writer: &Writer,
    client: &reqwest::Client,
    config: &WebhookConfig,
    clock: &crate::clock::Clock,
) -> Result<(), sea_orm::DbErr> {
    for row in notifications::due(writer.db(), clock.now(), 50).await? {
        let mut req = client
            .post(&config.url)
            .header("content-type", "application/json")
            .header("X-Shukun-Delivery", row.id.to_string());
        if let Some(secret) = &config.secret {
            req = req.header(
                SIGNATURE_HEADER,
                signature(secret.expose(), row.body.as_bytes()),
            );
        }
        let outcome = match req.body(row.body.clone()).send().await {
            Ok(res) if res.status().is_success() => Ok(()),
            Ok(res) => Err(format!("HTTP {}", res.status().as_u16())),
            Err(e) => Err(format!("unreachable: {}", e.without_url())),
        };
        match outcome {
            Ok(()) => {
                let at = clock.now();
                store::write(writer, async |txn| {
                    notifications::delivered(txn, row.id, at).await
                })
                .await?
            }
            Err(error) => {
                let delay = backoff(config.retry_base, row.attempts);
                tracing::warn!(delivery = row.id, attempts = row.attempts + 1, %error, "webhook delivery failed; retrying later");
                let next = clock.now()
                    + chrono::Duration::from_std(delay).unwrap_or(chrono::Duration::seconds(600));
                store::write(writer, async |txn| {
                    notifications::failed(txn, row.id, next, &error).await
                })
                .await?;
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hmac_matches_rfc_4231_test_case_2() {
        let mac = hmac_sha256(b"Jefe", b"what do ya want for nothing?");
        assert_eq!(
            hex(&mac),
            "5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843"
        );
    }

    #[test]
    fn retries_double_up_to_ten_minutes() {
        let base = Duration::from_secs(1);
        assert_eq!(backoff(base, 0), Duration::from_secs(1));
        assert_eq!(backoff(base, 3), Duration::from_secs(8));
        assert_eq!(backoff(base, 30), MAX_RETRY_DELAY);
    }
}
