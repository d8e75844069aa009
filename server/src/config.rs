//! Configuration from environment variables, with defaults that run out of the box.
//!
//! Every variable is declared once, in [`VARS`]: `server --help` prints that table, the
//! README repeats it (a test checks), and [`Config::from_lookup`] reads nothing else (a test
//! checks that too).

use std::path::PathBuf;
use std::time::Duration;

use chrono::NaiveDate;

/// One environment variable: its name, default (shown in help) and meaning.
#[derive(Debug, Clone, Copy)]
pub struct Var {
    pub name: &'static str,
    pub default: &'static str,
    pub help: &'static str,
}

const BIND: &str = "SHUKUN_BIND";
const DATABASE_URL: &str = "DATABASE_URL";
const EVAL_DATE: &str = "SHUKUN_EVAL_DATE";
const CATALOG_FILE: &str = "SHUKUN_CATALOG_FILE";
const WEB_DIR: &str = "SHUKUN_WEB_DIR";
const DATA_DIR: &str = "SHUKUN_DATA_DIR";
const JWT_SECRET: &str = "SHUKUN_JWT_SECRET";
const TRUST_PROXY: &str = "SHUKUN_TRUST_PROXY";
const WECHAT_BASE_URL: &str = "SHUKUN_WECHAT_BASE_URL";
const WECHAT_APP_ID: &str = "SHUKUN_WECHAT_APP_ID";
const WECHAT_SECRET: &str = "SHUKUN_WECHAT_SECRET";
const WECHAT_TIMEOUT_MS: &str = "SHUKUN_WECHAT_TIMEOUT_MS";
const DOCUMENT_DIR: &str = "SHUKUN_DOCUMENT_DIR";
const DOCUMENT_MAX_BYTES: &str = "SHUKUN_DOCUMENT_MAX_BYTES";
const DOCUMENTS_PER_REQUEST: &str = "SHUKUN_DOCUMENTS_PER_REQUEST";
const DOCUMENT_BYTES_PER_OWNER: &str = "SHUKUN_DOCUMENT_BYTES_PER_OWNER";
const REQUEST_DAYS: &str = "SHUKUN_REQUEST_DAYS";
const WEBHOOK_URL: &str = "SHUKUN_WEBHOOK_URL";
const WEBHOOK_SECRET: &str = "SHUKUN_WEBHOOK_SECRET";
const WEBHOOK_RETRY_MS: &str = "SHUKUN_WEBHOOK_RETRY_MS";
const HTTPS: &str = "SHUKUN_HTTPS";
const PUBLIC_URL: &str = "SHUKUN_PUBLIC_URL";
const SHUTDOWN_TIMEOUT_S: &str = "SHUKUN_SHUTDOWN_TIMEOUT_S";
const LOG_FORMAT: &str = "SHUKUN_LOG_FORMAT";
const REMINDER_POLL_S: &str = "SHUKUN_REMINDER_POLL_S";
const S3_BUCKET: &str = "SHUKUN_S3_BUCKET";
const S3_ENDPOINT: &str = "SHUKUN_S3_ENDPOINT";
const S3_REGION: &str = "SHUKUN_S3_REGION";
const S3_ACCESS_KEY_ID: &str = "SHUKUN_S3_ACCESS_KEY_ID";
const S3_SECRET_ACCESS_KEY: &str = "SHUKUN_S3_SECRET_ACCESS_KEY";
const S3_VIRTUAL_HOSTED: &str = "SHUKUN_S3_VIRTUAL_HOSTED";
/// Read by the log subscriber in `main`, not by [`Config`].
pub const RUST_LOG: &str = "RUST_LOG";

/// Every environment variable the server reads.
pub const VARS: &[Var] = &[
    Var {
        name: BIND,
        default: "127.0.0.1:8080",
        help: "address to listen on (port 0 picks a free port)",
    },
    Var {
        name: DATABASE_URL,
        default: "sqlite://shukun.db?mode=rwc",
        help: "SQLite file (in the working directory by default), or postgres://USER@HOST/DB",
    },
    Var {
        name: EVAL_DATE,
        default: "2022-06-01",
        help: "evaluation date when a request gives none: YYYY-MM-DD or `today`",
    },
    Var {
        name: CATALOG_FILE,
        default: "-",
        help: "a catalog JSON file to use instead of the shipped one",
    },
    Var {
        name: WEB_DIR,
        default: "frontend/dist of this source tree",
        help: "the built frontend",
    },
    Var {
        name: DATA_DIR,
        default: "data",
        help: "directory for the generated token signing key (`jwt-secret`, mode 0600)",
    },
    Var {
        name: JWT_SECRET,
        default: "generated",
        help: "token signing secret, at least 32 bytes; when unset, one is generated on first start and kept in SHUKUN_DATA_DIR",
    },
    Var {
        name: PUBLIC_URL,
        default: "http://<the address served>",
        help: "the address owners reach Shukun at (https://shukun.example.gov.cn): the links of printed posters; never taken from a request's Host header",
    },
    Var {
        name: TRUST_PROXY,
        default: "false",
        help: "`true` behind a reverse proxy that sets (not appends to) X-Forwarded-For: the client address is taken from Forwarded / X-Forwarded-For",
    },
    Var {
        name: WECHAT_BASE_URL,
        default: "https://api.weixin.qq.com",
        help: "the WeChat API",
    },
    Var {
        name: WECHAT_APP_ID,
        default: "-",
        help: "WeChat app id; WeChat sign-in is off unless this and SHUKUN_WECHAT_SECRET are set",
    },
    Var {
        name: WECHAT_SECRET,
        default: "-",
        help: "WeChat app secret (never logged)",
    },
    Var {
        name: WECHAT_TIMEOUT_MS,
        default: "5000",
        help: "how long to wait for the WeChat API, in milliseconds",
    },
    Var {
        name: DOCUMENT_DIR,
        default: "SHUKUN_DATA_DIR/documents",
        help: "where uploaded documents are kept, under names the server generates",
    },
    Var {
        name: DOCUMENT_MAX_BYTES,
        default: "10485760",
        help: "the largest document accepted, in bytes",
    },
    Var {
        name: DOCUMENTS_PER_REQUEST,
        default: "20",
        help: "the most documents one request holds",
    },
    Var {
        name: DOCUMENT_BYTES_PER_OWNER,
        default: "209715200",
        help: "the most bytes of documents one owner stores over all their requests",
    },
    Var {
        name: REQUEST_DAYS,
        default: "utility_deferral=5,rent_waiver=10,skills_reward=20,evaluation_institution=20",
        help: "working days officials have to decide each kind of request (kinds not named keep their default)",
    },
    Var {
        name: WEBHOOK_URL,
        default: "-",
        help: "where every request's state change is POSTed (WeChat template message or SMS gateway); nothing is sent when unset",
    },
    Var {
        name: WEBHOOK_SECRET,
        default: "-",
        help: "HMAC-SHA256 key signing webhook bodies (`X-Shukun-Signature: sha256=<hex>`; never logged)",
    },
    Var {
        name: WEBHOOK_RETRY_MS,
        default: "1000",
        help: "first delay before a failed webhook delivery is retried, doubling each time (at most 10 minutes)",
    },
    Var {
        name: HTTPS,
        default: "false",
        help: "`true` when clients reach Shukun over HTTPS (TLS at the reverse proxy): every response then carries Strict-Transport-Security (one year)",
    },
    Var {
        name: SHUTDOWN_TIMEOUT_S,
        default: "30",
        help: "on SIGTERM, how many seconds requests in flight have to finish before the server exits",
    },
    Var {
        name: REMINDER_POLL_S,
        default: "300",
        help: "how often, in seconds, the server looks for deferred bills whose settle-by day is 30, 7 or 1 days away and tells their owners (once each, whatever the restarts or the processes); 0 turns reminders off",
    },
    Var {
        name: LOG_FORMAT,
        default: "text",
        help: "`text` (one readable line per event) or `json` (one JSON object per line, for a log collector); each line carries the request id",
    },
    Var {
        name: S3_BUCKET,
        default: "-",
        help: "keep documents in this S3-compatible bucket (Tencent COS, Aliyun OSS, MinIO) instead of SHUKUN_DOCUMENT_DIR, so any server instance can serve them",
    },
    Var {
        name: S3_ENDPOINT,
        default: "AWS's for the region",
        help: "the object storage endpoint, e.g. https://cos.ap-guangzhou.myqcloud.com, https://oss-cn-hangzhou.aliyuncs.com, http://127.0.0.1:9000",
    },
    Var {
        name: S3_REGION,
        default: "us-east-1",
        help: "the bucket's region (signed into every request)",
    },
    Var {
        name: S3_ACCESS_KEY_ID,
        default: "-",
        help: "access key id for the bucket (needed with SHUKUN_S3_BUCKET)",
    },
    Var {
        name: S3_SECRET_ACCESS_KEY,
        default: "-",
        help: "secret access key for the bucket (never logged)",
    },
    Var {
        name: S3_VIRTUAL_HOSTED,
        default: "false",
        help: "`true`: address the bucket as BUCKET.endpoint (COS and OSS require it; give the endpoint with the bucket in it); `false`: endpoint/BUCKET (MinIO)",
    },
    Var {
        name: RUST_LOG,
        default: "info",
        help: "log filter",
    },
];

/// The table of [`VARS`] as `server --help` prints it.
pub fn env_help() -> String {
    let width = VARS.iter().map(|v| v.name.len()).max().unwrap_or(0);
    let mut out = String::from("Configuration (environment variables):\n");
    for v in VARS {
        out.push_str(&format!(
            "  {:width$}  {} (default: {})\n",
            v.name, v.help, v.default
        ));
    }
    out
}

fn default_of(name: &str) -> &'static str {
    VARS.iter()
        .find(|v| v.name == name)
        .map_or("", |v| v.default)
}

/// The evaluation date used while the shipped catalog is the 2022 plan.
pub const DEFAULT_EVAL_DATE: &str = "2022-06-01";

/// A secret value: its `Debug` never shows it.
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(Vec<u8>);

impl Secret {
    pub fn new(bytes: impl Into<Vec<u8>>) -> Secret {
        Secret(bytes.into())
    }

    pub fn expose(&self) -> &[u8] {
        &self.0
    }
}

impl std::fmt::Debug for Secret {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Secret(***)")
    }
}

/// The shortest signing secret accepted.
pub const MIN_SECRET_BYTES: usize = 32;

/// The WeChat mini-program / official-account credentials.
#[derive(Debug, Clone)]
pub struct WechatConfig {
    pub base_url: String,
    pub app_id: String,
    pub secret: Secret,
    pub timeout: Duration,
}

/// At most `max` attempts within `window`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limit {
    pub max: u32,
    pub window: Duration,
}

/// The abuse limits (constants here; tests shorten them).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Limits {
    /// Failed sign-ins per phone number.
    pub login_per_phone: Limit,
    /// Failed sign-ins per client address.
    pub login_per_address: Limit,
    /// Registration attempts per phone number.
    pub register_per_phone: Limit,
    /// Registration attempts per client address.
    pub register_per_address: Limit,
}

const FIFTEEN_MINUTES: Duration = Duration::from_secs(15 * 60);
const ONE_HOUR: Duration = Duration::from_secs(60 * 60);

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            login_per_phone: Limit {
                max: 5,
                window: FIFTEEN_MINUTES,
            },
            login_per_address: Limit {
                max: 20,
                window: FIFTEEN_MINUTES,
            },
            register_per_phone: Limit {
                max: 5,
                window: ONE_HOUR,
            },
            register_per_address: Limit {
                max: 10,
                window: ONE_HOUR,
            },
        }
    }
}

/// How long a refresh token (and so a signed-in session without use) lasts.
pub const REFRESH_TOKEN_TTL: Duration = Duration::from_secs(30 * 24 * 60 * 60);

/// Where webhook events go.
#[derive(Debug, Clone)]
pub struct WebhookConfig {
    pub url: String,
    pub secret: Option<Secret>,
    /// The first retry delay; doubled after each failure, at most [`MAX_RETRY_DELAY`].
    pub retry_base: Duration,
    /// How often the outbox is looked at.
    pub poll: Duration,
}

/// The longest wait between two webhook attempts.
pub const MAX_RETRY_DELAY: Duration = Duration::from_secs(600);

/// Requests: documents, time limits, notifications.
#[derive(Debug, Clone)]
pub struct RequestsConfig {
    /// `None`: `data_dir/documents`.
    pub document_dir: Option<PathBuf>,
    pub document_max_bytes: usize,
    /// The most documents one request holds.
    pub documents_per_request: u32,
    /// The most bytes of documents one owner stores.
    pub document_bytes_per_owner: u64,
    pub time_limits: shared::application::TimeLimits,
    /// `None`: nothing is sent (events still wait in the outbox).
    pub webhook: Option<WebhookConfig>,
    /// `Some`: documents live in this bucket instead of `document_dir`.
    pub s3: Option<crate::infra::documents::S3Config>,
}

/// Documents one request holds.
pub const DOCUMENTS_PER_REQUEST_DEFAULT: u32 = 20;
/// 200 MiB of documents per owner.
pub const DOCUMENT_BYTES_PER_OWNER_DEFAULT: u64 = 200 * 1024 * 1024;

/// 10 MiB.
pub const DOCUMENT_MAX_BYTES_DEFAULT: usize = 10 * 1024 * 1024;

impl Default for RequestsConfig {
    fn default() -> Self {
        RequestsConfig {
            document_dir: None,
            document_max_bytes: DOCUMENT_MAX_BYTES_DEFAULT,
            documents_per_request: DOCUMENTS_PER_REQUEST_DEFAULT,
            document_bytes_per_owner: DOCUMENT_BYTES_PER_OWNER_DEFAULT,
            time_limits: shared::application::TimeLimits::default(),
            webhook: None,
            s3: None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Config {
    pub bind: String,
    pub database_url: String,
    pub eval_date: EvalDate,
    pub catalog_file: Option<PathBuf>,
    pub web_dir: Option<PathBuf>,
    pub data_dir: PathBuf,
    /// `None`: generated once and kept in `data_dir`.
    pub jwt_secret: Option<Secret>,
    pub trust_proxy: bool,
    /// `None`: WeChat sign-in is off.
    pub wechat: Option<WechatConfig>,
    pub limits: Limits,
    pub refresh_token_ttl: Duration,
    pub requests: RequestsConfig,
    /// Clients come over HTTPS: send Strict-Transport-Security.
    pub https: bool,
    /// The address owners reach Shukun at (posters' links); `None`: the address served.
    pub public_url: Option<String>,
    /// How long requests in flight have to finish after SIGTERM.
    pub shutdown_timeout: Duration,
    /// Read by `main` when it sets up logging.
    pub log_format: LogFormat,
    /// The one clock: the system's, or a fixed one in tests.
    pub clock: crate::clock::Clock,
    /// How often settle-by reminders are looked for; `None`: never.
    pub reminder_poll: Option<Duration>,
}

/// How log lines are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum LogFormat {
    /// Human-readable lines (the default, for `scripts/run` and a terminal).
    #[default]
    Text,
    /// One JSON object per line, for a log collector.
    Json,
}

/// The date requests without `as_of` are evaluated on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvalDate {
    Fixed(NaiveDate),
    Today,
}

impl EvalDate {
    /// The date, reading today (Beijing's) from `clock`.
    pub fn on(self, clock: &crate::clock::Clock) -> NaiveDate {
        match self {
            EvalDate::Fixed(d) => d,
            EvalDate::Today => clock.today(),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[error("{variable}: {problem}")]
pub struct ConfigError {
    pub variable: &'static str,
    pub problem: String,
}

impl Config {
    /// What tests and benchmarks start from: the defaults, as with no variable set (so they
    /// are written once, in [`VARS`]), on a free port of 127.0.0.1, with `database_url`, the
    /// data directory `data_dir`, a fixed signing `secret`, and no built frontend.
    pub fn for_tests(
        database_url: impl Into<String>,
        data_dir: impl Into<PathBuf>,
        secret: &[u8],
    ) -> Result<Config, ConfigError> {
        let mut config = Config::from_lookup(|_| None)?;
        config.bind = "127.0.0.1:0".into();
        config.database_url = database_url.into();
        config.data_dir = data_dir.into();
        config.jwt_secret = Some(Secret::new(secret));
        config.web_dir = None;
        Ok(config)
    }

    /// Reads the environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads configuration through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let non_empty = |k: &str| lookup(k).filter(|v| !v.trim().is_empty());
        let or_default = |k: &'static str| non_empty(k).unwrap_or_else(|| default_of(k).into());
        let eval_date = match non_empty(EVAL_DATE).as_deref() {
            None => EvalDate::Fixed(parse_date(DEFAULT_EVAL_DATE)?),
            Some("today") => EvalDate::Today,
            Some(s) => EvalDate::Fixed(parse_date(s)?),
        };
        let jwt_secret = match lookup(JWT_SECRET).filter(|v| !v.is_empty()) {
            None => None,
            Some(s) if s.len() < MIN_SECRET_BYTES => {
                return Err(ConfigError {
                    variable: JWT_SECRET,
                    problem: format!(
                        "must be at least {MIN_SECRET_BYTES} bytes (it has {})",
                        s.len()
                    ),
                });
            }
            Some(s) => Some(Secret::new(s.into_bytes())),
        };
        let flag = |k: &'static str| match non_empty(k).as_deref().map(str::trim) {
            None | Some("false" | "0" | "no") => Ok(false),
            Some("true" | "1" | "yes") => Ok(true),
            Some(other) => Err(ConfigError {
                variable: k,
                problem: format!("`{other}` is neither true nor false"),
            }),
        };
        let trust_proxy = flag(TRUST_PROXY)?;
        let https = flag(HTTPS)?;
        let public_url = match non_empty(PUBLIC_URL) {
            None => None,
            Some(url) => {
                let url = url.trim().trim_end_matches('/').to_string();
                let (scheme, rest) = url.split_once("://").unwrap_or(("", ""));
                if !matches!(scheme, "http" | "https")
                    || rest.is_empty()
                    || rest.contains(['/', '?', '#', ' '])
                {
                    return Err(ConfigError {
                        variable: PUBLIC_URL,
                        problem: format!(
                            "`{url}` is not an origin such as https://shukun.example.gov.cn"
                        ),
                    });
                }
                Some(url)
            }
        };
        let log_format = match non_empty(LOG_FORMAT).as_deref().map(str::trim) {
            None | Some("text") => LogFormat::Text,
            Some("json") => LogFormat::Json,
            Some(other) => {
                return Err(ConfigError {
                    variable: LOG_FORMAT,
                    problem: format!("`{other}` is neither text nor json"),
                });
            }
        };
        let wechat_base_url = or_default(WECHAT_BASE_URL);
        let wechat_timeout_ms = non_empty(WECHAT_TIMEOUT_MS)
            .map(|s| {
                s.trim()
                    .parse::<u64>()
                    .ok()
                    .filter(|&n| n > 0)
                    .ok_or_else(|| ConfigError {
                        variable: WECHAT_TIMEOUT_MS,
                        problem: format!("`{s}` is not a positive number of milliseconds"),
                    })
            })
            .transpose()?
            .unwrap_or(5000);
        let wechat = match (non_empty(WECHAT_APP_ID), non_empty(WECHAT_SECRET)) {
            (None, None) => None,
            (Some(app_id), Some(secret)) => Some(WechatConfig {
                base_url: wechat_base_url.trim_end_matches('/').to_string(),
                app_id,
                secret: Secret::new(secret.into_bytes()),
                timeout: Duration::from_millis(wechat_timeout_ms),
            }),
            (Some(_), None) => {
                return Err(ConfigError {
                    variable: WECHAT_SECRET,
                    problem: "is needed when SHUKUN_WECHAT_APP_ID is set".into(),
                });
            }
            (None, Some(_)) => {
                return Err(ConfigError {
                    variable: WECHAT_APP_ID,
                    problem: "is needed when SHUKUN_WECHAT_SECRET is set".into(),
                });
            }
        };
        let positive = |k: &'static str| -> Result<Option<u64>, ConfigError> {
            non_empty(k)
                .map(|s| {
                    s.trim()
                        .parse::<u64>()
                        .ok()
                        .filter(|&n| n > 0)
                        .ok_or_else(|| ConfigError {
                            variable: k,
                            problem: format!("`{s}` is not a positive number"),
                        })
                })
                .transpose()
        };
        let mut time_limits = shared::application::TimeLimits::default();
        if let Some(s) = non_empty(REQUEST_DAYS) {
            for item in s.split(',').map(str::trim).filter(|i| !i.is_empty()) {
                let parsed = item.split_once('=').and_then(|(k, v)| {
                    let kind = shared::application::ApplicationKind::ALL
                        .iter()
                        .copied()
                        .find(|x| x.as_str() == k.trim())?;
                    let days = v
                        .trim()
                        .parse::<u32>()
                        .ok()
                        .filter(|d| (1..=365).contains(d))?;
                    Some((kind, days))
                });
                match parsed {
                    Some((kind, days)) => time_limits.set(kind, days),
                    None => {
                        return Err(ConfigError {
                            variable: REQUEST_DAYS,
                            problem: format!("`{item}` is not KIND=DAYS (1 to 365)"),
                        });
                    }
                }
            }
        }
        let webhook_secret = non_empty(WEBHOOK_SECRET).map(|s| Secret::new(s.into_bytes()));
        let retry_base = Duration::from_millis(positive(WEBHOOK_RETRY_MS)?.unwrap_or(1000));
        let webhook = non_empty(WEBHOOK_URL).map(|url| WebhookConfig {
            url: url.trim().to_string(),
            secret: webhook_secret,
            retry_base,
            poll: Duration::from_millis(500),
        });
        let reminder_poll = match or_default(REMINDER_POLL_S).trim().parse::<u64>() {
            Ok(0) => None,
            Ok(s) => Some(Duration::from_secs(s)),
            Err(_) => {
                return Err(ConfigError {
                    variable: REMINDER_POLL_S,
                    problem: "is not a number of seconds".into(),
                });
            }
        };
        let shutdown_timeout = match non_empty(SHUTDOWN_TIMEOUT_S) {
            None => Duration::from_secs(30),
            Some(s) => Duration::from_secs(s.trim().parse::<u64>().map_err(|_| ConfigError {
                variable: SHUTDOWN_TIMEOUT_S,
                problem: format!("`{s}` is not a number of seconds"),
            })?),
        };
        let flag = |k: &'static str| -> Result<bool, ConfigError> {
            match non_empty(k).as_deref() {
                None | Some("false" | "0" | "no") => Ok(false),
                Some("true" | "1" | "yes") => Ok(true),
                Some(other) => Err(ConfigError {
                    variable: k,
                    problem: format!("`{other}` is neither true nor false"),
                }),
            }
        };
        // All read, so a misspelt flag is refused even while no bucket is set.
        let s3_endpoint = non_empty(S3_ENDPOINT).map(|e| e.trim().to_string());
        let s3_region = or_default(S3_REGION).trim().to_string();
        let s3_key_id = non_empty(S3_ACCESS_KEY_ID);
        let s3_secret = non_empty(S3_SECRET_ACCESS_KEY);
        let s3_virtual_hosted = flag(S3_VIRTUAL_HOSTED)?;
        let needed = |k: &'static str| ConfigError {
            variable: k,
            problem: "is needed when SHUKUN_S3_BUCKET is set".into(),
        };
        let s3 = match non_empty(S3_BUCKET) {
            None => None,
            Some(bucket) => Some(crate::infra::documents::S3Config {
                bucket: bucket.trim().to_string(),
                endpoint: s3_endpoint,
                region: s3_region,
                access_key_id: s3_key_id
                    .ok_or_else(|| needed(S3_ACCESS_KEY_ID))?
                    .trim()
                    .to_string(),
                secret_access_key: Secret::new(
                    s3_secret
                        .ok_or_else(|| needed(S3_SECRET_ACCESS_KEY))?
                        .into_bytes(),
                ),
                virtual_hosted: s3_virtual_hosted,
            }),
        };
        let requests = RequestsConfig {
            document_dir: non_empty(DOCUMENT_DIR).map(PathBuf::from),
            document_max_bytes: positive(DOCUMENT_MAX_BYTES)?
                .and_then(|n| usize::try_from(n).ok())
                .unwrap_or(DOCUMENT_MAX_BYTES_DEFAULT),
            documents_per_request: positive(DOCUMENTS_PER_REQUEST)?
                .and_then(|n| u32::try_from(n).ok())
                .unwrap_or(DOCUMENTS_PER_REQUEST_DEFAULT),
            document_bytes_per_owner: positive(DOCUMENT_BYTES_PER_OWNER)?
                .unwrap_or(DOCUMENT_BYTES_PER_OWNER_DEFAULT),
            time_limits,
            webhook,
            s3,
        };
        Ok(Config {
            bind: or_default(BIND),
            database_url: or_default(DATABASE_URL),
            eval_date,
            catalog_file: non_empty(CATALOG_FILE).map(PathBuf::from),
            web_dir: Some(
                non_empty(WEB_DIR)
                    .map(PathBuf::from)
                    .unwrap_or_else(default_web_dir),
            ),
            data_dir: PathBuf::from(or_default(DATA_DIR)),
            jwt_secret,
            trust_proxy,
            wechat,
            limits: Limits::default(),
            refresh_token_ttl: REFRESH_TOKEN_TTL,
            requests,
            https,
            shutdown_timeout,
            log_format,
            clock: crate::clock::Clock::system(),
            public_url,
            reminder_poll,
        })
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, ConfigError> {
    s.trim().parse().map_err(|_| ConfigError {
        variable: EVAL_DATE,
        problem: format!("`{s}` is not a date (YYYY-MM-DD) nor `today`"),
    })
}

/// The frontend build of this source tree, so the binary serves it from any directory.
pub fn default_web_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../frontend/dist"))
}
