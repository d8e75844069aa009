//! Starting the server: the state built, the listener bound, the background work (the
//! documents' sweep, the webhook's outbox) spawned, and the app's routes and middleware.

use std::net::TcpListener;

use actix_web::dev::Server;
use actix_web::{App, HttpServer, web};
use shared::catalog::CatalogError;

use crate::config::Config;
use crate::services::tokens::SecretError;
use crate::state::{AppState, state};
use crate::{infra, middleware, routes, store, web_app};

#[derive(Debug, thiserror::Error)]
pub enum StartError {
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("catalog file {path}: {source}")]
    CatalogFile {
        path: String,
        source: std::io::Error,
    },
    #[error("catalog: {0}")]
    Catalog(#[from] CatalogError),
    #[error("catalog: {0}")]
    StoreCatalog(#[from] store::catalog::StoreCatalogError),
    #[error("cannot listen on {address}: {source}")]
    Bind {
        address: String,
        source: std::io::Error,
    },
    #[error("the catalog could not be serialized: {0}")]
    Serialize(#[from] serde_json::Error),
    #[error("token signing secret: {0}")]
    Secret(#[from] SecretError),
    #[error("WeChat client: {0}")]
    Wechat(String),
    #[error("document storage: {0}")]
    Documents(String),
    #[error("document directory {path}: {source}")]
    DocumentDir {
        path: String,
        source: std::io::Error,
    },
}

/// Registers the API and the web app on an actix `App` (used by the server and benches).
pub fn configure(
    state: web::Data<AppState>,
    web_dir: Option<std::path::PathBuf>,
) -> impl Fn(&mut web::ServiceConfig) + Clone {
    move |cfg: &mut web::ServiceConfig| {
        cfg.app_data(state.clone())
            .configure(routes::config)
            .configure(|cfg| web_app::config(cfg, web_dir.as_deref()));
    }
}

/// A built server, bound and ready to run.
pub struct Application {
    port: u16,
    server: Server,
    state: web::Data<AppState>,
}

/// How often the reach counts gathered in memory are written.
pub const REACH_FLUSH: std::time::Duration = std::time::Duration::from_secs(10);

impl Application {
    pub async fn build(config: Config) -> Result<Application, StartError> {
        let mut built = state(&config).await?;
        let listener = TcpListener::bind(&config.bind).map_err(|source| StartError::Bind {
            address: config.bind.clone(),
            source,
        })?;
        let address = listener.local_addr().map_err(|source| StartError::Bind {
            address: config.bind.clone(),
            source,
        })?;
        let port = address.port();
        if config.public_url.is_none() {
            // The address actually served (port 0 bound to a free one), loopback for any.
            let host = if address.ip().is_unspecified() {
                "127.0.0.1".to_string()
            } else {
                address.ip().to_string()
            };
            built.public_url = format!("http://{host}:{port}");
        }
        let state = web::Data::new(built);
        // The served catalog compressed once, beside the start rather than before listening.
        let active = state.active();
        tokio::task::spawn_blocking(move || {
            active.gzip();
            active.brotli();
        });
        // What a crash left between a document's file and its row.
        let (db, documents) = (state.db.clone(), state.documents.clone());
        tokio::spawn(async move {
            match infra::documents::sweep(&db, &documents).await {
                Ok(0) => {}
                Ok(n) => tracing::info!(files = n, "swept stored documents that no row names"),
                Err(e) => tracing::warn!(error = %e, "could not sweep stored documents"),
            }
        });
        match &config.requests.webhook {
            Some(webhook) => {
                tokio::spawn(infra::outbox::run(
                    state.writer.clone(),
                    webhook.clone(),
                    state.clock.clone(),
                ));
            }
            None => tracing::info!("SHUKUN_WEBHOOK_URL is not set: no webhook deliveries"),
        }
        match config.reminder_poll {
            Some(poll) => {
                tokio::spawn(infra::reminders::run(state.clone(), poll));
            }
            None => tracing::info!("SHUKUN_REMINDER_POLL_S is 0: no settle-by reminders"),
        }
        tokio::spawn(infra::reach::run(state.clone(), REACH_FLUSH));
        match config.web_dir.as_deref().and_then(web_app::WebApp::load) {
            Some(app) => tracing::info!(dir = %app.dir.display(), "serving the web app"),
            None => tracing::warn!("no built frontend found: serving the API only"),
        }
        let configure = configure(state.clone(), config.web_dir.clone());
        let https = config.https;
        let server = HttpServer::new(move || {
            App::new()
                .wrap(actix_web::middleware::Compress::default())
                .wrap(middleware::security_headers(https))
                .wrap(actix_web::middleware::from_fn(middleware::request_context))
                .configure(configure.clone())
        })
        .shutdown_timeout(config.shutdown_timeout.as_secs())
        .listen(listener)
        .map_err(|source| StartError::Bind {
            address: config.bind.clone(),
            source,
        })?
        .run();
        Ok(Application {
            port,
            server,
            state,
        })
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Serves until SIGINT/SIGTERM, then finishes the requests in flight.
    pub async fn run_until_stopped(self) -> std::io::Result<()> {
        let served = self.server.await;
        // The reach counts of the last seconds.
        if let Err(e) = self.state.reach.flush(&self.state.writer).await {
            tracing::warn!(error = %e, "could not write the last reach counts");
        }
        served
    }
}
