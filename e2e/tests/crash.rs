//! The crash test: owners file requests under load from many concurrent connections, the
//! server is killed with SIGKILL in the middle of it and restarted on the same SQLite file.
//! Every filing acknowledged with 201 must be there, none twice; a filing whose answer was
//! lost in the crash is sent again with its Idempotency-Key and must give one request.
//!
//! Short by default (one kill, as `cargo test` and CI run it); by hand, longer:
//!   SHUKUN_CRASH_ROUNDS=10 SHUKUN_CRASH_OWNERS=100 scripts/crash-test
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeSet;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use e2e::{Process, Scratch};
use serde_json::{Value, json};

const SECRET: &str = "crash-test-signing-secret-of-32-bytes-or-more";

fn setting(name: &str, default: usize) -> usize {
    std::env::var(name)
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(default)
}

fn credit_code(n: usize) -> String {
    const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [usize; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let mut code = format!("91652800MA{n:07}");
    let sum: usize = code
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| ALPHABET.iter().position(|&a| a == b).unwrap() * w)
        .sum();
    code.push(char::from(ALPHABET[(31 - sum % 31) % 31]));
    code
}

fn rent_request() -> Value {
    json!({
        "measure": "rent-waiver-state",
        "kind": "rent_waiver",
        "answers": {
            "entity_type": "individual_business", "industry": "catering", "employees": 8,
            "annual_revenue_fen": 150_000_000, "jurisdiction": "korla",
            "premises": "rent_prefecture_soe", "highway_service_area": false,
            "monthly_rent_fen": 300_000, "rent_2022_paid": false
        },
        "payload": {
            "premises_address": "库尔勒市人民东路 1 号", "landlord_type": "prefecture_soe",
            "landlord_name": "巴州国有资产经营有限公司", "lease_start": "2021-01-01",
            "lease_end": "2023-12-31", "monthly_rent_fen": 300_000, "rent_2022_paid": false
        }
    })
}

/// What an owner had sent when the server died, without an answer.
#[derive(Debug, Clone)]
enum Pending {
    File(String),
    Withdraw(i64),
}

/// One owner's view of what it did.
struct Owner {
    n: usize,
    token: String,
    /// Every filing acknowledged with 201 (or found again by its key): key and request id.
    filed: Vec<(String, i64)>,
    /// The last filed request, not yet withdrawn (one open request per measure).
    open: Option<i64>,
    pending: Option<Pending>,
    next_key: usize,
}

/// Starts (or restarts) the server on the test's SQLite file.
async fn start(dir: &Scratch) -> Process {
    let database_url = format!("sqlite://{}?mode=rwc", dir.0.join("crash.db").display());
    Process::start(
        &dir.0,
        &[
            ("DATABASE_URL", database_url.as_str()),
            ("SHUKUN_JWT_SECRET", SECRET),
            // Each owner registers from its own address, as phones do.
            ("SHUKUN_TRUST_PROXY", "true"),
        ],
        &dir.0.join("server.log"),
    )
    .await
}

async fn register(client: &reqwest::Client, base: &str, n: usize) -> Owner {
    let reply = client
        .post(format!("{base}/api/v1/auth/register"))
        .header(
            "x-forwarded-for",
            format!("10.1.{}.{}", n / 250, n % 250 + 1),
        )
        .json(&json!({
            "phone": format!("139{:08}", n), "password": "Korla-oasis-2022",
            "business_name": "库尔勒小吃店", "entity_type": "individual_business",
            "credit_code": credit_code(n),
        }))
        .send()
        .await
        .expect("register");
    assert_eq!(reply.status(), 201);
    let body: Value = reply.json().await.unwrap();
    Owner {
        n,
        token: body["access_token"].as_str().unwrap().to_string(),
        filed: Vec::new(),
        open: None,
        pending: None,
        next_key: 0,
    }
}

async fn file(
    client: &reqwest::Client,
    base: &str,
    owner: &Owner,
    key: &str,
) -> reqwest::Result<(u16, Value)> {
    let res = client
        .post(format!("{base}/api/v1/requests"))
        .bearer_auth(&owner.token)
        .header("Idempotency-Key", key)
        .json(&rent_request())
        .send()
        .await?;
    let status = res.status().as_u16();
    Ok((status, res.json().await?))
}

async fn withdraw(
    client: &reqwest::Client,
    base: &str,
    owner: &Owner,
    id: i64,
) -> reqwest::Result<(u16, Value)> {
    let res = client
        .post(format!("{base}/api/v1/requests/{id}/withdraw"))
        .bearer_auth(&owner.token)
        .send()
        .await?;
    let status = res.status().as_u16();
    Ok((status, res.json().await?))
}

/// Files and withdraws in turn until the server stops answering (or `stop` is set).
async fn load(
    client: reqwest::Client,
    base: String,
    mut owner: Owner,
    acked: Arc<AtomicUsize>,
    stop: Arc<AtomicBool>,
) -> Owner {
    while !stop.load(Ordering::Relaxed) {
        if let Some(id) = owner.open {
            owner.pending = Some(Pending::Withdraw(id));
            match withdraw(&client, &base, &owner, id).await {
                Ok((200, _)) => {
                    owner.open = None;
                    owner.pending = None;
                }
                Ok((status, body)) => panic!("withdraw {id}: {status} {body}"),
                Err(_) => break,
            }
        }
        let key = format!("crash-{}-{}", owner.n, owner.next_key);
        owner.next_key += 1;
        owner.pending = Some(Pending::File(key.clone()));
        match file(&client, &base, &owner, &key).await {
            Ok((201, body)) => {
                let id = body["id"].as_i64().unwrap();
                owner.filed.push((key, id));
                owner.open = Some(id);
                owner.pending = None;
                acked.fetch_add(1, Ordering::Relaxed);
            }
            Ok((status, body)) => panic!("filing {key}: {status} {body}"),
            Err(_) => break,
        }
    }
    owner
}

#[derive(Default, Debug)]
struct Recovery {
    /// Unanswered filings the server had committed: the retry found them by their key.
    committed_unanswered: usize,
    /// Unanswered filings it had not: the retry filed them.
    filed_on_retry: usize,
    withdrawals_retried: usize,
}

/// After a restart: sends again what had no answer, then checks the owner's requests are
/// exactly those it was told were filed.
async fn recover_and_check(
    client: &reqwest::Client,
    base: &str,
    owner: &mut Owner,
    recovery: &mut Recovery,
) {
    match owner.pending.take() {
        Some(Pending::File(key)) => {
            let (status, body) = file(client, base, owner, &key).await.expect("retry");
            assert!(status == 200 || status == 201, "{key}: {status} {body}");
            let id = body["id"].as_i64().unwrap();
            if status == 201 {
                recovery.filed_on_retry += 1;
            } else {
                recovery.committed_unanswered += 1;
            }
            // Sent once more, the key still gives the same request.
            let (again, body) = file(client, base, owner, &key).await.expect("retry");
            assert_eq!(again, 200, "{body}");
            assert_eq!(body["id"].as_i64(), Some(id), "{key} filed twice");
            owner.filed.push((key, id));
            owner.open = Some(id);
        }
        Some(Pending::Withdraw(id)) => {
            let (status, body) = withdraw(client, base, owner, id).await.expect("retry");
            assert!(
                status == 200 || (status == 409 && body["error"]["code"] == "invalid_transition"),
                "withdraw {id}: {status} {body}"
            );
            owner.open = None;
            recovery.withdrawals_retried += 1;
        }
        None => {}
    }
    let listed: Value = client
        .get(format!("{base}/api/v1/requests"))
        .bearer_auth(&owner.token)
        .send()
        .await
        .expect("list")
        .json()
        .await
        .unwrap();
    let listed: Vec<i64> = listed
        .as_array()
        .expect("a list")
        .iter()
        .map(|r| r["id"].as_i64().unwrap())
        .collect();
    let unique: BTreeSet<i64> = listed.iter().copied().collect();
    let filed: BTreeSet<i64> = owner.filed.iter().map(|(_, id)| *id).collect();
    assert_eq!(filed.len(), owner.filed.len(), "two keys gave one request");
    let lost: Vec<_> = filed.difference(&unique).collect();
    let extra: Vec<_> = unique.difference(&filed).collect();
    assert!(
        lost.is_empty(),
        "owner {}: acknowledged but lost: {lost:?}",
        owner.n
    );
    assert!(
        extra.is_empty(),
        "owner {}: filed by nobody: {extra:?}",
        owner.n
    );
    assert_eq!(listed.len(), unique.len(), "a request listed twice");
    // The last keys, sent again after the restart, give their requests again.
    for (key, id) in owner.filed.iter().rev().take(2) {
        let (status, body) = file(client, base, owner, key).await.expect("replay");
        assert_eq!(status, 200, "{body}");
        assert_eq!(body["id"].as_i64(), Some(*id));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn every_filing_acknowledged_before_a_sigkill_is_there_after_the_restart_and_none_twice() {
    let owners_n = setting("SHUKUN_CRASH_OWNERS", 24);
    let rounds = setting("SHUKUN_CRASH_ROUNDS", 1);
    // Acknowledged filings before each kill, and up to this many ms more at random.
    let acks_per_round = setting("SHUKUN_CRASH_ACKS", 120);
    let jitter_ms = setting("SHUKUN_CRASH_JITTER_MS", 40);
    let dir = Scratch::new("crash");
    let client = e2e::http();
    let mut server = start(&dir).await;
    let base = server.base_url.clone();
    let mut owners = Vec::new();
    for chunk in (0..owners_n).collect::<Vec<_>>().chunks(8) {
        let registered = futures_join(chunk.iter().map(|&n| {
            let (client, base) = (client.clone(), base.clone());
            async move { register(&client, &base, n).await }
        }))
        .await;
        owners.extend(registered);
    }
    let mut total = Recovery::default();
    let started = Instant::now();
    for round in 0..rounds {
        let acked = Arc::new(AtomicUsize::new(0));
        let stop = Arc::new(AtomicBool::new(false));
        let tasks: Vec<_> = owners
            .drain(..)
            .map(|o| {
                tokio::spawn(load(
                    client.clone(),
                    server.base_url.clone(),
                    o,
                    acked.clone(),
                    stop.clone(),
                ))
            })
            .collect();
        let round_started = Instant::now();
        while acked.load(Ordering::Relaxed) < acks_per_round {
            assert!(
                round_started.elapsed() < Duration::from_secs(120),
                "the load stalled at {} filings",
                acked.load(Ordering::Relaxed)
            );
            tokio::time::sleep(Duration::from_millis(1)).await;
        }
        // Somewhere in the middle of the next writes.
        let nanos = std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .subsec_nanos() as usize;
        tokio::time::sleep(Duration::from_millis((nanos % (jitter_ms + 1)) as u64)).await;
        server.kill().await;
        let killed_after = acked.load(Ordering::Relaxed);
        for t in tasks {
            owners.push(t.await.expect("an owner's load"));
        }
        stop.store(true, Ordering::Relaxed);
        let in_flight = owners.iter().filter(|o| o.pending.is_some()).count();

        server = start(&dir).await;
        let base = server.base_url.clone();
        let mut recovery = Recovery::default();
        for o in owners.iter_mut() {
            recover_and_check(&client, &base, o, &mut recovery).await;
        }
        let filed: usize = owners.iter().map(|o| o.filed.len()).sum();
        println!(
            "round {}: SIGKILL after {killed_after} acknowledged filings ({:.1} s of load), {in_flight} requests in flight; after the restart: {} unanswered filings had been committed, {} were filed on retry, {} withdrawals retried; {filed} requests in all, none lost or duplicated",
            round + 1,
            round_started.elapsed().as_secs_f64(),
            recovery.committed_unanswered,
            recovery.filed_on_retry,
            recovery.withdrawals_retried
        );
        total.committed_unanswered += recovery.committed_unanswered;
        total.filed_on_retry += recovery.filed_on_retry;
        total.withdrawals_retried += recovery.withdrawals_retried;
    }
    println!(
        "{rounds} kills with {owners_n} owners in {:.1} s: {total:?}",
        started.elapsed().as_secs_f64()
    );
}

/// Runs futures together and collects their outputs in order.
async fn futures_join<F>(futures: impl Iterator<Item = F>) -> Vec<F::Output>
where
    F: std::future::Future + Send + 'static,
    F::Output: Send + 'static,
{
    let handles: Vec<_> = futures.map(tokio::spawn).collect();
    let mut out = Vec::new();
    for h in handles {
        out.push(h.await.expect("a task"));
    }
    out
}
