//! The command line: `server` serves; `server user add|disable` manages staff accounts in
//! the database of `DATABASE_URL`, through the same services as the admin API.

use std::io::BufRead;

use clap::{Args, Parser, Subcommand};
use serde::de::DeserializeOwned;
use shared::account::api::{CreateUserRequest, UserView};
use shared::account::{Phone, Role};
use shared::answers::JurisdictionId;
use shared::catalog::DepartmentId;

use crate::config::env_help;
use crate::services::accounts::{self, Operator};
use crate::store;

#[derive(Debug, Parser)]
#[command(
    name = "server",
    version,
    about = "Shukun 纾困通 server: the relief catalog, eligibility API, accounts and web app on one port.",
    after_help = env_help()
)]
pub struct Cli {
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the API and the web app (what `server` alone does)
    Serve,
    /// Manage official, supervisor and administrator accounts (in DATABASE_URL)
    #[command(subcommand)]
    User(UserCommand),
}

#[derive(Debug, Subcommand)]
pub enum UserCommand {
    /// Create a staff account: `user add --phone 13812341234 --role official --department tax --jurisdiction korla`
    Add(UserAdd),
    /// Disable an account and sign out all its sessions
    Disable {
        /// the account's mainland mobile number
        #[arg(long, value_parser = phone)]
        phone: Phone,
    },
    /// Enable a disabled account again
    Enable {
        /// the account's mainland mobile number
        #[arg(long, value_parser = phone)]
        phone: Phone,
    },
}

#[derive(Debug, Args)]
pub struct UserAdd {
    /// mainland mobile number (11 digits)
    #[arg(long, value_parser = phone)]
    pub phone: Phone,
    /// at least 8 characters, not a common password; read from standard input when omitted
    #[arg(long)]
    pub password: Option<String>,
    /// official, supervisor or admin
    #[arg(long, value_parser = wire::<Role>)]
    pub role: Role,
    /// an official's department, as the catalog in force names it (2022: housing, ndrc, water,
    /// market, state_grid, trading_center, sasac, finance, offices_admin, transport, tax, hrss,
    /// county_government, supervision_office)
    #[arg(long, value_parser = wire::<DepartmentId>)]
    pub department: Option<DepartmentId>,
    /// an official's jurisdiction, repeated for several (korla, luntai, yuli, ruoqiang, qiemo,
    /// yanqi, hejing, hoxud, bohu, ketdz)
    #[arg(long = "jurisdiction", value_parser = wire::<JurisdictionId>)]
    pub jurisdictions: Vec<JurisdictionId>,
    /// the staff member's name (张三), shown on the desk instead of the phone number
    #[arg(long)]
    pub name: Option<String>,
}

fn phone(s: &str) -> Result<Phone, String> {
    Phone::parse(s).map_err(|e| e.to_string())
}

/// A wire-named enum from its name.
fn wire<T: DeserializeOwned>(s: &str) -> Result<T, String> {
    serde_json::from_value(serde_json::Value::String(s.to_owned()))
        .map_err(|_| format!("`{s}` is not one of the names listed in --help"))
}

#[derive(Debug, thiserror::Error)]
pub enum CliError {
    #[error("database: {0}")]
    Database(#[from] sea_orm::DbErr),
    #[error("{0}")]
    Refused(#[from] crate::services::Error),
    #[error("{0}")]
    Account(#[from] crate::services::AccountError),
    #[error("catalog: {0}")]
    Catalog(#[from] crate::startup::StartError),
    #[error("could not read the password from standard input: {0}")]
    Stdin(#[from] std::io::Error),
}

/// Runs `server user …` against `database_url`; returns the line to print.
pub async fn run_user_command(
    config: &crate::Config,
    command: UserCommand,
) -> Result<String, CliError> {
    let (catalog, _) = crate::state::configured_catalog(config)?;
    let db = store::connect(&config.database_url).await?;
    let writer = store::Writer::new(&db);
    let operator = Operator::cli(&crate::clock::Clock::system());
    let user: UserView = match command {
        UserCommand::Add(add) => {
            let password = match add.password {
                Some(p) => p,
                None => read_password()?,
            };
            accounts::create_staff(
                &writer,
                &operator,
                &catalog,
                CreateUserRequest {
                    phone: add.phone,
                    password,
                    role: add.role,
                    department: add.department,
                    jurisdictions: add.jurisdictions,
                    name: add.name,
                },
            )
            .await?
        }
        UserCommand::Disable { phone } => {
            accounts::disable_by_phone(&writer, &operator, &phone).await?
        }
        UserCommand::Enable { phone } => {
            accounts::enable_by_phone(&writer, &operator, &phone).await?
        }
    };
    db.close().await.ok();
    Ok(format!(
        "user {} ({}, {}){}",
        user.id,
        user.phone_masked,
        user.role,
        if user.disabled { " disabled" } else { " ready" }
    ))
}

fn read_password() -> Result<String, std::io::Error> {
    let mut line = String::new();
    std::io::stdin().lock().read_line(&mut line)?;
    Ok(line.trim_end_matches(['\r', '\n']).to_string())
}
