//! Shukun's server: the catalog, the eligibility API, accounts and the web app on one port.
//!
//! [`Application::build`] does everything `main` does, so tests start the same app on port 0.

pub mod cli;
pub mod clock;
pub mod config;
pub mod error;
pub mod extract;
pub mod infra;
pub mod middleware;
pub mod routes;
pub mod services;
pub mod startup;
pub mod state;
pub mod store;
pub mod web_app;

pub use config::Config;
pub use startup::{Application, StartError, configure};
pub use state::{AppState, state};
