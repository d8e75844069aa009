//! What every handler can reach: the database and its writer, the catalog in force, the one
//! clock, the token keys and the configured limits; and how it is built at start.

use std::sync::Arc;
use std::time::Duration;

use sea_orm::DatabaseConnection;
use shared::Catalog;

use crate::config::{Config, EvalDate, Limits};
use crate::infra::wechat::WechatClient;
use crate::services::tokens::{Tokens, load_or_create_secret};
use crate::startup::StartError;
use crate::{clock, infra, services, store};

/// What every handler can reach.
pub struct AppState {
    pub db: DatabaseConnection,
    /// The catalog version as shipped or loaded, before administrators' recorded facts.
    pub base_catalog: Arc<Catalog>,
    /// The catalog in force: the version with the recorded facts applied, serialized once
    /// (and gzipped once at the best level); replaced whole when an administrator records a
    /// fact. Read through [`AppState::catalog`] and [`AppState::active`].
    active: std::sync::RwLock<Arc<services::rules::ActiveCatalog>>,
    pub eval_date: EvalDate,
    /// The one clock: every instant recorded and every day derived (Beijing's).
    pub clock: clock::Clock,
    pub tokens: Tokens,
    pub limits: Limits,
    pub refresh_token_ttl: Duration,
    pub trust_proxy: bool,
    /// `None` when WeChat sign-in is not configured.
    pub wechat: Option<WechatClient>,
    /// A hash checked against when a phone number has no account, so timing says nothing.
    pub dummy_hash: tokio::sync::OnceCell<String>,
    /// Working days to decide each kind of request, as configured; administrators' settings
    /// override them in [`AppState::active`].
    pub time_limits: shared::application::TimeLimits,
    /// The document directory, or the S3-compatible bucket when one is configured.
    pub documents: infra::documents::Documents,
    pub document_max_bytes: usize,
    /// The most documents one request holds, and bytes one owner stores.
    pub documents_per_request: u32,
    pub document_bytes_per_owner: u64,
    /// The one way to write ([`store::write`]).
    pub writer: store::Writer,
    /// The address owners reach Shukun at (posters' links): configured, or the one served.
    pub public_url: String,
    /// Reach counts not yet written (part 三(三)).
    pub reach: infra::reach::Reach,
}

impl AppState {
    /// The catalog in force now.
    pub fn catalog(&self) -> Arc<Catalog> {
        self.active().catalog.clone()
    }

    /// The catalog in force with its served bytes.
    pub fn active(&self) -> Arc<services::rules::ActiveCatalog> {
        self.active
            .read()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
            .clone()
    }

    /// Puts a rebuilt catalog in force.
    pub fn set_active(&self, active: services::rules::ActiveCatalog) {
        *self
            .active
            .write()
            .unwrap_or_else(std::sync::PoisonError::into_inner) = Arc::new(active);
    }

    /// The instant now, on the server's clock.
    pub fn now(&self) -> chrono::DateTime<chrono::Utc> {
        self.clock.now()
    }

    /// Today in Beijing: the day filings count from, deadlines are judged on, exports dated.
    pub fn today(&self) -> chrono::NaiveDate {
        self.clock.today()
    }

    /// The date results are evaluated on (configured, or today in Beijing).
    pub fn as_of(&self) -> chrono::NaiveDate {
        self.eval_date.on(&self.clock)
    }
}

/// The catalog the configuration puts in force (its file, or the shipped one), checked, and
/// where it comes from (`file` or `shipped`).
pub fn configured_catalog(config: &Config) -> Result<(shared::Catalog, &'static str), StartError> {
    Ok(match &config.catalog_file {
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|source| StartError::CatalogFile {
                path: path.display().to_string(),
                source,
            })?;
            (shared::examples::load(&text)?, "file")
        }
        None => (shared::examples::shipped()?, "shipped"),
    })
}

/// Builds the shared state: database connected and migrated, catalog loaded and stored.
pub async fn state(config: &Config) -> Result<AppState, StartError> {
    let (catalog, source) = configured_catalog(config)?;
    let db = store::connect(&config.database_url).await?;
    if store::catalog::ensure_stored(&db, &catalog, source, config.clock.now()).await? {
        tracing::info!(version = %catalog.version, source, "catalog version stored");
    }
    let facts = store::facts::all(&db).await?;
    let settings = store::settings::all(&db).await?;
    let active = services::rules::ActiveCatalog::build(
        &catalog,
        &facts,
        &settings,
        config.requests.time_limits,
    )?;
    let secret = match &config.jwt_secret {
        Some(s) => s.clone(),
        None => load_or_create_secret(&config.data_dir)?,
    };
    // reqwest's TLS uses the ring provider (sqlx's); installing it twice is harmless.
    let _ = rustls::crypto::ring::default_provider().install_default();
    let wechat = config
        .wechat
        .clone()
        .map(WechatClient::new)
        .transpose()
        .map_err(StartError::Wechat)?;
    let document_dir = config
        .requests
        .document_dir
        .clone()
        .unwrap_or_else(|| config.data_dir.join("documents"));
    let documents = match &config.requests.s3 {
        Some(s3) => infra::documents::Documents::S3(
            infra::documents::S3Storage::new(s3)
                .map_err(|e| StartError::Documents(e.to_string()))?,
        ),
        None => infra::documents::Documents::Dir(
            infra::documents::DirStorage::new(document_dir.clone()).map_err(|source| {
                StartError::DocumentDir {
                    path: document_dir.display().to_string(),
                    source,
                }
            })?,
        ),
    };
    Ok(AppState {
        writer: store::Writer::new(&db),
        db,
        base_catalog: Arc::new(catalog),
        active: std::sync::RwLock::new(Arc::new(active)),
        eval_date: config.eval_date,
        clock: config.clock.clone(),
        tokens: Tokens::new(&secret),
        limits: config.limits,
        refresh_token_ttl: config.refresh_token_ttl,
        trust_proxy: config.trust_proxy,
        wechat,
        dummy_hash: tokio::sync::OnceCell::new(),
        time_limits: config.requests.time_limits,
        documents,
        document_max_bytes: config.requests.document_max_bytes,
        documents_per_request: config.requests.documents_per_request,
        document_bytes_per_owner: config.requests.document_bytes_per_owner,
        public_url: config
            .public_url
            .clone()
            .unwrap_or_else(|| format!("http://{}", config.bind)),
        reach: infra::reach::Reach::default(),
    })
}
