use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use sea_orm::{ConnectionTrait, Database};
use serde_json::Value;
use server::config::{Config, EvalDate};
use server::{Application, StartError};

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
    Config {
        bind: "127.0.0.1:0".into(),
        database_url,
        eval_date: EvalDate::Fixed("2022-06-01".parse().expect("date")),
        catalog_file: None,
        web_dir: None,
    }
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

/// The result for one measure in an eligibility response.
pub fn result_for<'a>(response: &'a Value, measure: &str) -> &'a Value {
    response["results"]
        .as_array()
        .and_then(|r| r.iter().find(|x| x["measure"] == measure))
        .unwrap_or_else(|| panic!("no result for {measure}"))
}
