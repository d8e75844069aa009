//! Scale-out: two server processes on one PostgreSQL database, clients alternating between
//! them with no stickiness. Idempotency, one open request per measure, decision versions and
//! refresh-token rotation must hold across the processes, since all of it lives in the
//! database. Needs `SHUKUN_TEST_POSTGRES_URL`; scripts/test runs it when that is set:
//!   cargo test -p e2e --test scale_out -- --include-ignored
#![allow(clippy::expect_used, clippy::unwrap_used, clippy::panic)]

use e2e::{Process, Scratch, credit_code};
use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};

const SECRET: &str = "scale-out-test-signing-secret-of-32-bytes";
const PASSWORD: &str = "Korla-oasis-2022";

/// A new database on the test server; dropped by scripts/test afterwards (`shukun_test_%`).
async fn fresh_postgres() -> String {
    let admin = std::env::var("SHUKUN_TEST_POSTGRES_URL")
        .expect("SHUKUN_TEST_POSTGRES_URL (e.g. postgres://postgres@127.0.0.1:5432/test)");
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_nanos();
    let name = format!("shukun_test_e2e_{}_{nanos}", std::process::id());
    let db = Database::connect(admin.as_str()).await.expect("PostgreSQL");
    db.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
        .await
        .expect("create the test database");
    db.close().await.ok();
    let (base, query) = admin
        .split_once('?')
        .map_or((admin.as_str(), None), |(b, q)| (b, Some(q)));
    let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
    match query {
        Some(q) => format!("{base}/{name}?{q}"),
        None => format!("{base}/{name}"),
    }
}

struct Pair {
    a: Process,
    b: Process,
    database_url: String,
    _dir: Scratch,
}

impl Pair {
    /// Two processes on one fresh database. The first migrates it; the second starts on it.
    async fn start() -> Pair {
        let database_url = fresh_postgres().await;
        let dir = Scratch::new("scale-out");
        let env = [
            ("DATABASE_URL", database_url.as_str()),
            ("SHUKUN_JWT_SECRET", SECRET),
        ];
        let a = Process::start(&dir.0, &env, &dir.0.join("a.log")).await;
        let b = Process::start(&dir.0, &env, &dir.0.join("b.log")).await;
        assert_ne!(a.base_url, b.base_url);
        Pair {
            a,
            b,
            database_url,
            _dir: dir,
        }
    }

    /// The processes in turn: the n-th request of a client goes to `a` or `b`.
    fn at(&self, n: usize) -> &str {
        if n.is_multiple_of(2) {
            &self.a.base_url
        } else {
            &self.b.base_url
        }
    }
}

async fn send(
    base: &str,
    method: reqwest::Method,
    path: &str,
    token: Option<&str>,
    headers: &[(&str, String)],
    body: Option<&Value>,
) -> (u16, Value) {
    let mut req = e2e::http().request(method, format!("{base}{path}"));
    if let Some(t) = token {
        req = req.bearer_auth(t);
    }
    for (k, v) in headers {
        req = req.header(*k, v);
    }
    if let Some(b) = body {
        req = req.json(b);
    }
    let res = req.send().await.expect("the request is sent");
    let status = res.status().as_u16();
    (status, res.json().await.unwrap_or(Value::Null))
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

/// Registers an owner on one process; returns its access and refresh tokens.
async fn owner(base: &str, n: u32) -> (String, String) {
    let (status, body) = send(
        base,
        reqwest::Method::POST,
        "/api/v1/auth/register",
        None,
        &[],
        Some(&json!({
            "phone": format!("139{n:08}"), "password": PASSWORD,
            "business_name": "库尔勒小吃店", "entity_type": "individual_business",
            "credit_code": credit_code(n),
        })),
    )
    .await;
    assert_eq!(status, 201, "{body}");
    tokens(&body)
}

fn tokens(body: &Value) -> (String, String) {
    (
        body["access_token"].as_str().unwrap().to_string(),
        body["refresh_token"].as_str().unwrap().to_string(),
    )
}

async fn file(base: &str, token: &str, key: &str) -> (u16, Value) {
    send(
        base,
        reqwest::Method::POST,
        "/api/v1/requests",
        Some(token),
        &[("Idempotency-Key", key.to_string())],
        Some(&rent_request()),
    )
    .await
}

/// An official of the rent waiver's department in Korla, added with the binary's CLI and
/// signed in on `base`.
async fn official(pair: &Pair, base: &str, n: u32) -> String {
    let phone = format!("137{n:08}");
    let status = tokio::process::Command::new(e2e::server_binary())
        .args(["user", "add", "--phone", &phone, "--password", PASSWORD])
        .args(["--role", "official", "--department", "sasac"])
        .args(["--jurisdiction", "korla"])
        .env("DATABASE_URL", &pair.database_url)
        .env("RUST_LOG", "warn")
        .stdout(std::process::Stdio::null())
        .status()
        .await
        .expect("the CLI runs");
    assert!(status.success());
    let (status, body) = send(
        base,
        reqwest::Method::POST,
        "/api/v1/auth/login",
        None,
        &[],
        Some(&json!({"phone": phone, "password": PASSWORD})),
    )
    .await;
    assert_eq!(status, 200, "{body}");
    tokens(&body).0
}

#[tokio::test]
#[ignore = "needs SHUKUN_TEST_POSTGRES_URL; scripts/test runs it on PostgreSQL"]
async fn two_processes_on_one_postgres_database_keep_every_rule_with_no_sticky_sessions() {
    let pair = Pair::start().await;

    // Idempotency: the same filing sent to both at once, and again to each, is one request.
    let (owner_a, _) = owner(pair.at(0), 1).await;
    let ((s1, r1), (s2, r2)) = tokio::join!(
        file(&pair.a.base_url, &owner_a, "double-tap"),
        file(&pair.b.base_url, &owner_a, "double-tap"),
    );
    let mut statuses = [s1, s2];
    statuses.sort();
    assert_eq!(statuses, [200, 201], "{r1} {r2}");
    assert_eq!(r1["id"], r2["id"], "one request for one key");
    for n in 0..4 {
        let (status, again) = file(pair.at(n), &owner_a, "double-tap").await;
        assert_eq!(status, 200, "{again}");
        assert_eq!(again["id"], r1["id"]);
    }
    for n in 0..2 {
        let (status, list) = send(
            pair.at(n),
            reqwest::Method::GET,
            "/api/v1/requests",
            Some(&owner_a),
            &[],
            None,
        )
        .await;
        assert_eq!(status, 200);
        assert_eq!(list.as_array().unwrap().len(), 1, "{list}");
    }

    // One open request per measure: a second filing with another key, on either process.
    for n in 0..2 {
        let (status, body) = file(pair.at(n), &owner_a, &format!("another-{n}")).await;
        assert_eq!(status, 409, "{body}");
        assert_eq!(body["error"]["code"], "open_request_exists");
    }
    // Two different filings of another owner at once, one on each: exactly one is filed.
    let (owner_b, _) = owner(pair.at(1), 2).await;
    let ((s1, r1), (s2, r2)) = tokio::join!(
        file(&pair.a.base_url, &owner_b, "first"),
        file(&pair.b.base_url, &owner_b, "second"),
    );
    let mut statuses = [s1, s2];
    statuses.sort();
    assert_eq!(statuses, [201, 409], "{r1} {r2}");
    let loser = if s1 == 409 { &r1 } else { &r2 };
    assert_eq!(loser["error"]["code"], "open_request_exists");

    // Decision versions: two officials decide on version 1 at once, one on each process.
    let first = official(&pair, &pair.a.base_url, 1).await;
    let second = official(&pair, &pair.b.base_url, 2).await;
    let id = r1_or(&r1, &r2, s1);
    let decide = |base: &str, token: &str| {
        let (base, token) = (base.to_string(), token.to_string());
        async move {
            send(
                &base,
                reqwest::Method::POST,
                &format!("/api/v1/admin/requests/{id}/decision"),
                Some(&token),
                &[("If-Match", "1".to_string())],
                Some(&json!({"action": "review"})),
            )
            .await
        }
    };
    let ((d1, b1), (d2, b2)) = tokio::join!(
        decide(&pair.a.base_url, &first),
        decide(&pair.b.base_url, &second),
    );
    let mut statuses = [d1, d2];
    statuses.sort();
    assert_eq!(statuses, [200, 409], "{b1} {b2}");
    let loser = if d1 == 409 { &b1 } else { &b2 };
    assert_eq!(loser["error"]["code"], "version_conflict");
    for n in 0..2 {
        let (_, seen) = send(
            pair.at(n),
            reqwest::Method::GET,
            &format!("/api/v1/requests/{id}"),
            Some(&owner_b),
            &[],
            None,
        )
        .await;
        assert_eq!(seen["version"], 2, "{seen}");
    }

    // Refresh-token rotation: rotated on one process, the old token presented on the other
    // within the grace period gets the same successor (a page's calls refreshing at once);
    // once the successor is used, the old token is reuse and ends the session on both.
    let (_, refresh) = owner(pair.at(0), 3).await;
    let refresh_on = |base: &str, token: &str| {
        let (base, token) = (base.to_string(), token.to_string());
        async move {
            send(
                &base,
                reqwest::Method::POST,
                "/api/v1/auth/refresh",
                None,
                &[],
                Some(&json!({"refresh_token": token})),
            )
            .await
        }
    };
    let (status, rotated) = refresh_on(&pair.a.base_url, &refresh).await;
    assert_eq!(status, 200, "{rotated}");
    let (_, successor) = tokens(&rotated);
    let (status, same) = refresh_on(&pair.b.base_url, &refresh).await;
    assert_eq!(status, 200, "{same}");
    assert_eq!(
        same["refresh_token"], rotated["refresh_token"],
        "the same successor"
    );
    let (status, third) = refresh_on(&pair.a.base_url, &successor).await;
    assert_eq!(status, 200, "{third}");
    let (newest_access, newest_refresh) = tokens(&third);
    let (status, replay) = refresh_on(&pair.b.base_url, &refresh).await;
    assert_eq!(status, 401, "{replay}");
    assert_eq!(replay["error"]["code"], "unauthorized");
    let (status, _) = refresh_on(&pair.a.base_url, &newest_refresh).await;
    assert_eq!(status, 401, "the whole family is revoked");
    for n in 0..2 {
        let (status, _) = send(
            pair.at(n),
            reqwest::Method::GET,
            "/api/v1/me",
            Some(&newest_access),
            &[],
            None,
        )
        .await;
        assert_eq!(status, 401, "the session ended on both processes");
    }
}

/// The id of whichever of two filings was made.
fn r1_or(r1: &Value, r2: &Value, s1: u16) -> i64 {
    let filed = if s1 == 201 { r1 } else { r2 };
    filed["id"].as_i64().unwrap()
}

/// The sign-in limit holds across processes: 40 wrong guesses for one phone sent at once,
/// alternating between the two, have exactly 5 verified.
#[tokio::test]
#[ignore = "needs SHUKUN_TEST_POSTGRES_URL; scripts/test runs it on PostgreSQL"]
async fn forty_guesses_at_once_across_two_processes_are_counted_exactly() {
    let pair = Pair::start().await;
    owner(pair.at(0), 1).await;
    let mut guesses = tokio::task::JoinSet::new();
    for i in 0..40 {
        let base = pair.at(i).to_string();
        guesses.spawn(async move {
            send(
                &base,
                reqwest::Method::POST,
                "/api/v1/auth/login",
                None,
                &[],
                Some(&json!({"phone": format!("139{:08}", 1), "password": format!("wrong-{i}-password")})),
            )
            .await
            .0
        });
    }
    let statuses = guesses.join_all().await;
    let verified = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((verified, refused), (5, 35), "{statuses:?}");
}
