//! Load: OWNERS concurrent owners file FILINGS requests in all against a running server
//! (`scripts/load-requests` starts one). Each filing is sent twice with its key, as a double
//! tap; the owner then withdraws it so the next may be filed (one open request per measure).
//! Reports p50/p99 of the filings and checks that none was lost or duplicated.
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use std::collections::BTreeSet;
use std::time::{Duration, Instant};

use serde_json::{Value, json};

fn credit_code(n: u32) -> String {
    const ALPHABET: &[u8; 31] = b"0123456789ABCDEFGHJKLMNPQRTUWXY";
    const WEIGHTS: [u32; 17] = [
        1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28,
    ];
    let mut code = format!("91652800MA{n:07}");
    let sum: u32 = code
        .bytes()
        .zip(WEIGHTS)
        .map(|(b, w)| ALPHABET.iter().position(|&a| a == b).unwrap() as u32 * w)
        .sum();
    code.push(char::from(ALPHABET[((31 - sum % 31) % 31) as usize]));
    code
}

fn filing() -> Value {
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

struct OwnerRun {
    latencies: Vec<Duration>,
    filed: Vec<i64>,
    duplicates: usize,
    listed: BTreeSet<i64>,
    errors: Vec<String>,
}

async fn owner(
    client: reqwest::Client,
    base: String,
    n: u32,
    per_owner: u32,
    run: u64,
    ready: std::sync::Arc<tokio::sync::Barrier>,
) -> OwnerRun {
    let mut out = OwnerRun {
        latencies: Vec::new(),
        filed: Vec::new(),
        duplicates: 0,
        listed: BTreeSet::new(),
        errors: Vec::new(),
    };
    let phone = format!("139{:08}", run % 1000 * 10_000 + u64::from(n));
    let reg = client
        .post(format!("{base}/api/v1/auth/register"))
        // Each owner from its own address, as on real phones (the server trusts the proxy).
        .header("x-forwarded-for", format!("10.{}.{}.1", n / 256, n % 256))
        .json(&json!({
            "phone": phone, "password": "Korla-oasis-2022", "business_name": "库尔勒小吃店",
            "entity_type": "individual_business",
            "credit_code": credit_code((run % 1000) as u32 * 10_000 + n),
        }))
        .send()
        .await
        .expect("register");
    let status = reg.status();
    let body: Value = reg.json().await.unwrap_or(Value::Null);
    let token = body["access_token"].as_str().map(str::to_string);
    // Everyone registered (argon2 is slow on purpose): the filings start together.
    ready.wait().await;
    let Some(token) = token else {
        out.errors.push(format!("register {status}: {body}"));
        return out;
    };
    let body = filing();
    // A person between two filings (THINK_MS, 0 = back to back, the saturation test);
    // staggered so the owners do not all tap at once.
    let think = std::env::var("THINK_MS")
        .ok()
        .and_then(|v| v.parse::<u64>().ok())
        .unwrap_or(0);
    if think > 0 {
        tokio::time::sleep(Duration::from_millis(think * u64::from(n) / 100)).await;
    }
    for i in 0..per_owner {
        if think > 0 && i > 0 {
            tokio::time::sleep(Duration::from_millis(think)).await;
        }
        let key = format!("load-{run}-{n}-{i}");
        let started = Instant::now();
        let res = client
            .post(format!("{base}/api/v1/requests"))
            .bearer_auth(&token)
            .header("Idempotency-Key", &key)
            .json(&body)
            .send()
            .await
            .expect("file");
        let status = res.status();
        let filed: Value = res.json().await.unwrap_or(Value::Null);
        out.latencies.push(started.elapsed());
        if status != 201 {
            out.errors.push(format!("file {status}: {filed}"));
            continue;
        }
        let id = filed["id"].as_i64().unwrap_or(-1);
        out.filed.push(id);
        // The double tap: the same key and body must give the same request.
        let again: Value = client
            .post(format!("{base}/api/v1/requests"))
            .bearer_auth(&token)
            .header("Idempotency-Key", &key)
            .json(&body)
            .send()
            .await
            .expect("refile")
            .json()
            .await
            .unwrap_or(Value::Null);
        if again["id"].as_i64() != Some(id) {
            out.duplicates += 1;
        }
        let w = client
            .post(format!("{base}/api/v1/requests/{id}/withdraw"))
            .bearer_auth(&token)
            .send()
            .await
            .expect("withdraw");
        if w.status() != 200 {
            out.errors.push(format!("withdraw {}", w.status()));
        }
    }
    let list: Value = client
        .get(format!("{base}/api/v1/requests"))
        .bearer_auth(&token)
        .send()
        .await
        .expect("list")
        .json()
        .await
        .unwrap_or(Value::Null);
    out.listed = list
        .as_array()
        .map(|a| a.iter().filter_map(|r| r["id"].as_i64()).collect())
        .unwrap_or_default();
    out
}

fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 * p).ceil() as usize).clamp(1, sorted.len()) - 1;
    sorted[i]
}

#[tokio::main]
async fn main() {
    let base = std::env::var("BASE_URL").unwrap_or_else(|_| "http://127.0.0.1:8080".into());
    let owners: u32 = std::env::var("OWNERS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(100);
    let filings: u32 = std::env::var("FILINGS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1000);
    let per_owner = filings.div_ceil(owners);
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let _ = rustls::crypto::ring::default_provider().install_default();
    let client = reqwest::Client::builder()
        .pool_max_idle_per_host(owners as usize)
        .build()
        .expect("client");
    let ready = std::sync::Arc::new(tokio::sync::Barrier::new(owners as usize));
    let tasks: Vec<_> = (0..owners)
        .map(|n| {
            tokio::spawn(owner(
                client.clone(),
                base.clone(),
                n,
                per_owner,
                run,
                ready.clone(),
            ))
        })
        .collect();
    let started = Instant::now();
    let mut latencies = Vec::new();
    let (mut filed, mut duplicates, mut lost, mut extra, mut errors) =
        (0usize, 0, 0, 0, Vec::new());
    for t in tasks {
        let r = t.await.expect("owner task");
        latencies.extend(r.latencies);
        filed += r.filed.len();
        duplicates += r.duplicates;
        let sent: BTreeSet<i64> = r.filed.iter().copied().collect();
        lost += sent.difference(&r.listed).count();
        extra += r.listed.difference(&sent).count();
        errors.extend(r.errors);
    }
    let wall = started.elapsed();
    latencies.sort();
    println!(
        "filings: {} sent by {owners} concurrent owners, {filed} filed (201) in {:.1} s",
        latencies.len(),
        wall.as_secs_f64()
    );
    println!(
        "filing latency: p50 {:.1} ms, p99 {:.1} ms, max {:.1} ms",
        percentile(&latencies, 0.50).as_secs_f64() * 1000.0,
        percentile(&latencies, 0.99).as_secs_f64() * 1000.0,
        latencies.last().copied().unwrap_or_default().as_secs_f64() * 1000.0
    );
    println!(
        "lost: {lost}, duplicated: {} (double taps answered with another request: {duplicates}; requests nobody filed: {extra})",
        duplicates + extra
    );
    for e in errors.iter().take(10) {
        println!("error: {e}");
    }
    if lost + duplicates + extra > 0 || !errors.is_empty() {
        std::process::exit(1);
    }
}
