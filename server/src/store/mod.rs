//! The database: connection, migrations, and the queries the services need.
//! SeaORM entities stay in this module; nothing outside sees them.

pub mod attempts;
pub mod audit;
pub mod catalog;
pub mod desk;
mod entities;
pub mod facts;
pub mod notices;
pub mod notifications;
pub mod phrases;
pub mod requests;
pub mod sessions;
pub mod settings;
pub mod users;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr, SqlErr};

/// Connects (creating an SQLite file when the URL says `mode=rwc`) and runs the migrations.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false).max_connections(16);
    // SQLite: write-ahead log, so readers never wait for the writer and a commit is one
    // fsync of the log (synchronous stays FULL: a committed request survives a power cut).
    options.map_sqlx_sqlite_opts(|o| {
        o.journal_mode(sea_orm::sqlx::sqlite::SqliteJournalMode::Wal)
            .busy_timeout(std::time::Duration::from_secs(10))
    });
    let db = Database::connect(options).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}

/// A write that can break a unique constraint: which one is known from the statement.
#[derive(Debug, thiserror::Error)]
pub enum WriteError {
    #[error("a unique value is already in use")]
    Taken,
    #[error(transparent)]
    Db(#[from] DbErr),
}

/// Sorts a database error by its kind (never by its text).
fn write_error(e: DbErr) -> WriteError {
    if matches!(e.sql_err(), Some(SqlErr::UniqueConstraintViolation(_))) {
        WriteError::Taken
    } else {
        WriteError::Db(e)
    }
}

/// Reads a wire-named enum back from its column.
fn parse_wire<T: Copy>(all: &[T], as_str: impl Fn(T) -> &'static str, s: &str) -> Result<T, DbErr> {
    all.iter()
        .copied()
        .find(|v| as_str(*v) == s)
        .ok_or_else(|| DbErr::Custom(format!("unknown stored value `{s}`")))
}
