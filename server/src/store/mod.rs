//! The database: connection, migrations, and the queries the services need.
//! SeaORM entities stay in this module; nothing outside sees them.

pub mod catalog;
mod entities;

use migrations::{Migrator, MigratorTrait};
use sea_orm::{ConnectOptions, Database, DatabaseConnection, DbErr};

/// Connects (creating an SQLite file when the URL says `mode=rwc`) and runs the migrations.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false).max_connections(16);
    let db = Database::connect(options).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}
