use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use sea_orm::{ConnectionTrait, Database};
use serde_json::{Value, json};
use server::config::Config;
use server::{Application, StartError};

/// The signing secret of test apps, so tests can forge tokens.
pub const TEST_SECRET: &[u8] = b"test-secret-of-at-least-32-bytes-0123456789";
/// A credit code whose check character is right.
pub const CREDIT_CODE: &str = "91350100M000100Y43";
pub const PASSWORD: &str = "Korla-oasis-2022";

/// A running app and a client for it.
pub struct TestApp {
    pub address: String,
    pub database_url: String,
    pub client: reqwest::Client,
    sqlite_file: Option<PathBuf>,
}

impl Drop for TestApp {
    fn drop(&mut self) {
        if let Some(f) = &self.sqlite_file {
            let _ = std::fs::remove_file(f);
            // The write-ahead log and its index.
            for suffix in ["-wal", "-shm"] {
                let mut side = f.clone().into_os_string();
                side.push(suffix);
                let _ = std::fs::remove_file(side);
            }
        }
    }
}

static COUNTER: AtomicU32 = AtomicU32::new(0);

fn unique_name() -> String {
    let nanos = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.subsec_nanos())
        .unwrap_or(0);
    format!(
        "shukun_test_{}_{}_{}",
        std::process::id(),
        COUNTER.fetch_add(1, Ordering::SeqCst),
        nanos
    )
}

/// A database no other test uses: a new SQLite file, or a new PostgreSQL database.
pub async fn fresh_database() -> (String, Option<PathBuf>) {
    let name = unique_name();
    match std::env::var("SHUKUN_TEST_POSTGRES_URL") {
        Ok(admin) if !admin.is_empty() => {
            let db = Database::connect(admin.as_str())
                .await
                .expect("PostgreSQL reachable");
            db.execute_unprepared(&format!("CREATE DATABASE \"{name}\""))
                .await
                .expect("create the test database");
            db.close().await.ok();
            let (base, query) = admin
                .split_once('?')
                .map_or((admin.as_str(), None), |(b, q)| (b, Some(q)));
            let base = base.rsplit_once('/').map_or(base, |(b, _)| b);
            let url = match query {
                Some(q) => format!("{base}/{name}?{q}"),
                None => format!("{base}/{name}"),
            };
            (url, None)
        }
        _ => {
            let file = std::env::temp_dir().join(format!("{name}.db"));
            (format!("sqlite://{}?mode=rwc", file.display()), Some(file))
        }
    }
}

pub fn test_config(database_url: String) -> Config {
    let data_dir = std::env::temp_dir().join(unique_name());
    let mut config =
        Config::for_tests(database_url, data_dir, TEST_SECRET).expect("the defaults parse");
    config.shutdown_timeout = std::time::Duration::from_secs(5);
    config
}

pub async fn spawn_app() -> TestApp {
    spawn_app_with(|_| {}).await
}

pub async fn spawn_app_with(change: impl FnOnce(&mut Config)) -> TestApp {
    let (database_url, sqlite_file) = fresh_database().await;
    let mut config = test_config(database_url.clone());
    change(&mut config);
    start(config, sqlite_file).await.expect("the app starts")
}

/// Starts an app on a given configuration (e.g. a database another app used).
pub async fn start(config: Config, sqlite_file: Option<PathBuf>) -> Result<TestApp, StartError> {
    let database_url = config.database_url.clone();
    let app = Application::build(config).await?;
    let address = format!("http://127.0.0.1:{}", app.port());
    actix_web::rt::spawn(app.run_until_stopped());
    Ok(TestApp {
        address,
        database_url,
        client: reqwest::Client::new(),
        sqlite_file,
    })
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.address))
            .send()
            .await
            .expect("request sent")
    }

    /// POSTs raw bytes as JSON to the eligibility endpoint.
    pub async fn post_eligibility_raw(
        &self,
        query: &str,
        body: impl Into<reqwest::Body>,
    ) -> reqwest::Response {
        self.client
            .post(format!("{}/api/v1/eligibility{query}", self.address))
            .header("content-type", "application/json")
            .body(body)
            .send()
            .await
            .expect("request sent")
    }

    /// POSTs a JSON value to the eligibility endpoint, returning status and body.
    pub async fn eligibility(&self, query: &str, body: &Value) -> (u16, Value) {
        let res = self.post_eligibility_raw(query, body.to_string()).await;
        let status = res.status().as_u16();
        (status, res.json().await.expect("a JSON body"))
    }
}

/// A credit code with a valid check character, different for each `n`.
pub fn credit_code(n: u32) -> String {
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

/// A registration body for `phone`, valid in every field.
pub fn registration(phone: &str, credit_code: &str) -> Value {
    json!({
        "phone": phone,
        "password": PASSWORD,
        "business_name": "库尔勒小吃店",
        "entity_type": "individual_business",
        "credit_code": credit_code,
    })
}

/// A reply: status, headers and JSON body (`Null` when empty).
pub struct Reply {
    pub status: u16,
    pub headers: reqwest::header::HeaderMap,
    pub body: Value,
}

impl Reply {
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }
}

impl TestApp {
    /// Sends `method path` with an optional JSON body and bearer token.
    pub async fn send(
        &self,
        method: reqwest::Method,
        path: &str,
        body: Option<&Value>,
        token: Option<&str>,
    ) -> Reply {
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.address));
        if let Some(b) = body {
            req = req
                .header("content-type", "application/json")
                .body(b.to_string());
        }
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let res = req.send().await.expect("request sent");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let text = res.text().await.expect("body read");
        let body = if text.is_empty() {
            Value::Null
        } else {
            serde_json::from_str(&text).expect("a JSON body")
        };
        Reply {
            status,
            headers,
            body,
        }
    }

    pub async fn post(&self, path: &str, body: &Value) -> Reply {
        self.send(reqwest::Method::POST, path, Some(body), None)
            .await
    }

    pub async fn get_as(&self, path: &str, token: &str) -> Reply {
        self.send(reqwest::Method::GET, path, None, Some(token))
            .await
    }

    pub async fn register(&self, phone: &str, credit_code: &str) -> Reply {
        self.post("/api/v1/auth/register", &registration(phone, credit_code))
            .await
    }

    pub async fn login(&self, phone: &str, password: &str) -> Reply {
        self.post(
            "/api/v1/auth/login",
            &json!({ "phone": phone, "password": password }),
        )
        .await
    }

    /// Registers an owner and returns the tokens.
    pub async fn owner(&self, phone: &str, n: u32) -> Tokens {
        let reply = self.register(phone, &credit_code(n)).await;
        assert_eq!(reply.status, 201, "{}", reply.body);
        Tokens::of(&reply)
    }

    /// A staff account created through the CLI's library function, signed in.
    pub async fn staff(&self, phone: &str, role: &str, extra: &[&str]) -> Tokens {
        let mut args = vec![
            "server",
            "user",
            "add",
            "--phone",
            phone,
            "--password",
            PASSWORD,
            "--role",
            role,
        ];
        args.extend_from_slice(extra);
        let cli = <server::cli::Cli as clap::Parser>::try_parse_from(args).expect("arguments");
        let Some(server::cli::Command::User(command)) = cli.command else {
            panic!("not a user command")
        };
        server::cli::run_user_command(&test_config(self.database_url.clone()), command)
            .await
            .expect("user added");
        let reply = self.login(phone, PASSWORD).await;
        assert_eq!(reply.status, 200, "{}", reply.body);
        Tokens::of(&reply)
    }
}

/// An access and a refresh token.
#[derive(Debug, Clone)]
pub struct Tokens {
    pub access: String,
    pub refresh: String,
}

impl Tokens {
    pub fn of(reply: &Reply) -> Tokens {
        Tokens {
            access: reply.body["access_token"]
                .as_str()
                .expect("access_token")
                .into(),
            refresh: reply.body["refresh_token"]
                .as_str()
                .expect("refresh_token")
                .into(),
        }
    }
}

/// The result for one measure in an eligibility response.
pub fn result_for<'a>(response: &'a Value, measure: &str) -> &'a Value {
    response["results"]
        .as_array()
        .and_then(|r| r.iter().find(|x| x["measure"] == measure))
        .unwrap_or_else(|| panic!("no result for {measure}"))
}

/// Answers under which a Korla restaurant renting prefecture SOE premises qualifies for the
/// state-premises rent waiver (二(二)一), routed to SASAC.
pub fn rent_answers() -> Value {
    json!({
        "entity_type": "individual_business",
        "industry": "catering",
        "employees": 8,
        "annual_revenue_fen": 150_000_000,
        "jurisdiction": "korla",
        "premises": "rent_prefecture_soe",
        "highway_service_area": false,
        "monthly_rent_fen": 300_000,
        "rent_2022_paid": false
    })
}

/// The rent-waiver payload matching [`rent_answers`].
pub fn rent_payload() -> Value {
    json!({
        "premises_address": "库尔勒市人民东路 1 号",
        "landlord_type": "prefecture_soe",
        "landlord_name": "巴州国有资产经营有限公司",
        "lease_start": "2021-01-01",
        "lease_end": "2023-12-31",
        "monthly_rent_fen": 300_000,
        "rent_2022_paid": false
    })
}

/// A filing body for the state-premises rent waiver.
pub fn rent_request() -> Value {
    json!({
        "measure": "rent-waiver-state",
        "kind": "rent_waiver",
        "answers": rent_answers(),
        "payload": rent_payload(),
    })
}

/// A phone number per `n`.
pub fn phone(n: u32) -> String {
    format!("138{n:08}")
}

impl TestApp {
    /// Sends a request with extra headers and an optional raw body.
    pub async fn send_with(
        &self,
        method: reqwest::Method,
        path: &str,
        headers: &[(&str, String)],
        body: Option<Vec<u8>>,
        token: Option<&str>,
    ) -> Reply {
        let mut req = self
            .client
            .request(method, format!("{}{path}", self.address));
        for (k, v) in headers {
            req = req.header(*k, v);
        }
        if let Some(b) = body {
            req = req.body(b);
        }
        if let Some(t) = token {
            req = req.bearer_auth(t);
        }
        let res = req.send().await.expect("request sent");
        let status = res.status().as_u16();
        let headers = res.headers().clone();
        let bytes = res.bytes().await.expect("body read");
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Reply {
            status,
            headers,
            body,
        }
    }

    /// Files a request with an idempotency key.
    pub async fn file(&self, token: &str, key: &str, body: &Value) -> Reply {
        self.send_with(
            reqwest::Method::POST,
            "/api/v1/requests",
            &[
                ("content-type", "application/json".into()),
                ("Idempotency-Key", key.into()),
            ],
            Some(body.to_string().into_bytes()),
            Some(token),
        )
        .await
    }

    /// Files the rent waiver and returns the request.
    pub async fn file_rent(&self, token: &str) -> Value {
        let key = format!("key-{}", unique_name());
        let reply = self.file(token, &key, &rent_request()).await;
        assert_eq!(reply.status, 201, "{}", reply.body);
        reply.body
    }

    /// An official's decision on the version given.
    pub async fn decide(&self, token: &str, id: &Value, version: &Value, body: &Value) -> Reply {
        self.send_with(
            reqwest::Method::POST,
            &format!("/api/v1/admin/requests/{id}/decision"),
            &[
                ("content-type", "application/json".into()),
                ("If-Match", version.to_string()),
            ],
            Some(body.to_string().into_bytes()),
            Some(token),
        )
        .await
    }

    /// POSTs a JSON body (or none) with a token.
    pub async fn post_as(&self, path: &str, body: Option<&Value>, token: &str) -> Reply {
        self.send(reqwest::Method::POST, path, body, Some(token))
            .await
    }

    /// Uploads raw bytes as a document.
    pub async fn upload(
        &self,
        token: &str,
        id: &Value,
        purpose: &str,
        name: &str,
        bytes: Vec<u8>,
    ) -> Reply {
        self.send_with(
            reqwest::Method::POST,
            &format!("/api/v1/requests/{id}/documents?purpose={purpose}"),
            &[
                ("content-type", "image/jpeg".into()),
                ("x-file-name", name.into()),
            ],
            Some(bytes),
            Some(token),
        )
        .await
    }

    /// An official of a department in one jurisdiction, signed in.
    pub async fn official(&self, n: u32, department: &str, jurisdiction: &str) -> Tokens {
        self.staff(
            &format!("137{n:08}"),
            "official",
            &["--department", department, "--jurisdiction", jurisdiction],
        )
        .await
    }
}

/// An owner's electricity deferral in `county`, for two months of `per_month` fen.
pub fn deferral(county: &str, per_month: i64) -> Value {
    json!({
        "measure": "utility-deferral",
        "kind": "utility_deferral",
        "answers": {
            "entity_type": "individual_business", "industry": "catering", "employees": 8,
            "annual_revenue_fen": 150_000_000, "jurisdiction": county,
            "epidemic_difficulty": true, "utilities_in_arrears": ["electricity"]
        },
        "payload": {
            "utilities": ["electricity"], "account_number": "6500123456",
            "months": ["2022-04", "2022-05"], "amount_per_month_fen": per_month
        }
    })
}

pub fn deferral_grant(per_month: i64) -> Value {
    json!({
        "action": "approve",
        "grant": {
            "kind": "utility_deferral",
            "schedule": [
                {"month": "2022-04", "amount_fen": per_month},
                {"month": "2022-05", "amount_fen": per_month}
            ],
            "settle_by": "2022-12-31",
            "late_fees_waived": true
        }
    })
}

/// Files a deferral for owner `n` and has `official` approve it: the request's id, and the
/// owner.
pub async fn approved_deferral(
    app: &TestApp,
    n: u32,
    county: &str,
    per_month: i64,
    official: &Tokens,
) -> (Value, Tokens) {
    let owner = app.owner(&phone(n), n).await;
    let filed = app
        .file(
            &owner.access,
            &format!("k-{n}"),
            &deferral(county, per_month),
        )
        .await;
    assert_eq!(filed.status, 201, "{}", filed.body);
    let id = filed.body["id"].clone();
    let reviewed = app
        .decide(
            &official.access,
            &id,
            &json!(1),
            &json!({"action": "review"}),
        )
        .await;
    assert_eq!(reviewed.status, 200, "{}", reviewed.body);
    let approved = app
        .decide(
            &official.access,
            &id,
            &reviewed.body["version"],
            &deferral_grant(per_month),
        )
        .await;
    assert_eq!(approved.status, 200, "{}", approved.body);
    (id, owner)
}
