//! Configuration from environment variables, with defaults that run out of the box.

use std::path::PathBuf;

use chrono::NaiveDate;

/// What `server --help` prints.
pub const HELP: &str = "\
Shukun 纾困通 server: the relief catalog, eligibility API and web app on one port.

Usage: server [--help | --version]

Configuration (environment variables):
  SHUKUN_BIND          address to listen on (default 127.0.0.1:8080; port 0 picks a free port)
  DATABASE_URL         sqlite://PATH?mode=rwc or postgres://USER@HOST/DB
                       (default sqlite://shukun.db?mode=rwc, in the working directory)
  SHUKUN_EVAL_DATE     evaluation date when a request gives none: YYYY-MM-DD or `today`
                       (default 2022-06-01, inside the shipped 2022 plan)
  SHUKUN_CATALOG_FILE  a catalog JSON file to use instead of the shipped one
  SHUKUN_WEB_DIR       the built frontend (default: frontend/dist of this source tree)
  RUST_LOG             log filter (default info)
";

/// The evaluation date used while the shipped catalog is the 2022 plan.
pub const DEFAULT_EVAL_DATE: &str = "2022-06-01";

#[derive(Debug, Clone)]
pub struct Config {
    pub bind: String,
    pub database_url: String,
    pub eval_date: EvalDate,
    pub catalog_file: Option<PathBuf>,
    pub web_dir: Option<PathBuf>,
}

/// The date requests without `as_of` are evaluated on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EvalDate {
    Fixed(NaiveDate),
    Today,
}

impl EvalDate {
    pub fn date(self) -> NaiveDate {
        match self {
            EvalDate::Fixed(d) => d,
            EvalDate::Today => chrono::Utc::now().date_naive(),
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
    /// Reads the environment.
    pub fn from_env() -> Result<Config, ConfigError> {
        Config::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads configuration through `lookup` (the environment, or a map in tests).
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Config, ConfigError> {
        let non_empty = |k: &str| lookup(k).filter(|v| !v.trim().is_empty());
        let eval_date = match non_empty("SHUKUN_EVAL_DATE").as_deref() {
            None => EvalDate::Fixed(parse_date(DEFAULT_EVAL_DATE)?),
            Some("today") => EvalDate::Today,
            Some(s) => EvalDate::Fixed(parse_date(s)?),
        };
        Ok(Config {
            bind: non_empty("SHUKUN_BIND").unwrap_or_else(|| "127.0.0.1:8080".into()),
            database_url: non_empty("DATABASE_URL")
                .unwrap_or_else(|| "sqlite://shukun.db?mode=rwc".into()),
            eval_date,
            catalog_file: non_empty("SHUKUN_CATALOG_FILE").map(PathBuf::from),
            web_dir: Some(
                non_empty("SHUKUN_WEB_DIR")
                    .map(PathBuf::from)
                    .unwrap_or_else(default_web_dir),
            ),
        })
    }
}

fn parse_date(s: &str) -> Result<NaiveDate, ConfigError> {
    s.trim().parse().map_err(|_| ConfigError {
        variable: "SHUKUN_EVAL_DATE",
        problem: format!("`{s}` is not a date (YYYY-MM-DD) nor `today`"),
    })
}

/// The frontend build of this source tree, so the binary serves it from any directory.
pub fn default_web_dir() -> PathBuf {
    PathBuf::from(concat!(env!("CARGO_MANIFEST_DIR"), "/../frontend/dist"))
}
