//! The database: connection, migrations, and the queries the services need.
//! SeaORM entities stay in this module; nothing outside sees them.

pub mod attempts;
pub mod audit;
pub mod catalog;
pub mod claims;
pub mod confirmations;
pub mod desk;
mod entities;
pub mod facts;
pub mod ledger;
pub mod notices;
pub mod notifications;
pub mod phrases;
pub mod publicity;
pub mod ratings;
pub mod requests;
pub mod sessions;
pub mod settings;
pub mod users;

use migrations::{Migrator, MigratorTrait};
use sea_orm::sqlx::sqlite::{SqliteJournalMode, SqliteSynchronous};
use sea_orm::{
    ConnectOptions, Database, DatabaseConnection, DatabaseTransaction, DbErr, SqlErr,
    SqliteTransactionMode, TransactionOptions, TransactionTrait,
};

/// Connects (creating an SQLite file when the URL says `mode=rwc`) and runs the migrations.
pub async fn connect(url: &str) -> Result<DatabaseConnection, DbErr> {
    let mut options = ConnectOptions::new(url.to_owned());
    options.sqlx_logging(false).max_connections(16);
    // SQLite: write-ahead log, so readers never wait for the writer; synchronous FULL, so
    // every commit (a filing, a decision) is fsynced to the log before it is acknowledged and
    // survives a crash or a power cut; a writer that finds the database locked waits up to
    // 10 s instead of failing at once.
    options.map_sqlx_sqlite_opts(|o| {
        o.journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .busy_timeout(std::time::Duration::from_secs(10))
    });
    let db = Database::connect(options).await?;
    Migrator::up(&db, None).await?;
    Ok(db)
}

/// The one way to write: the turn to write (on SQLite, where writers queue in the process
/// instead of in SQLite's busy handler, which sleeps in steps of up to 100 ms), then a
/// transaction begun `IMMEDIATE` (SQLite takes its write lock at the start, so a
/// transaction that read first never fails half-way with `SQLITE_BUSY`; a plain `BEGIN` on
/// PostgreSQL), committed when `work` succeeds and rolled back when it fails. Nothing else
/// begins a transaction that writes.
pub async fn write<T, E>(
    writer: &Writer,
    work: impl AsyncFnOnce(&DatabaseTransaction) -> Result<T, E>,
) -> Result<T, E>
where
    E: From<DbErr>,
{
    let _turn = match &writer.gate {
        Some(gate) => Some(gate.lock().await),
        None => None,
    };
    let txn = writer
        .db
        .begin_with_options(TransactionOptions {
            sqlite_transaction_mode: Some(SqliteTransactionMode::Immediate),
            ..TransactionOptions::default()
        })
        .await?;
    match work(&txn).await {
        Ok(done) => {
            txn.commit().await?;
            Ok(done)
        }
        Err(e) => {
            txn.rollback().await?;
            Err(e)
        }
    }
}

/// The database's writing side: its connection and, on SQLite, the turn writers take.
#[derive(Clone)]
pub struct Writer {
    db: DatabaseConnection,
    gate: Option<std::sync::Arc<tokio::sync::Mutex<()>>>,
}

impl Writer {
    /// A writer on `db` (one per process: the turn is taken in it).
    pub fn new(db: &DatabaseConnection) -> Writer {
        let sqlite = db.get_database_backend() == sea_orm::DatabaseBackend::Sqlite;
        Writer {
            db: db.clone(),
            gate: sqlite.then(|| std::sync::Arc::new(tokio::sync::Mutex::new(()))),
        }
    }

    /// The connection, to read.
    pub fn db(&self) -> &DatabaseConnection {
        &self.db
    }
}

/// What an advisory lock guards, so two kinds of lock on the same id do not collide.
#[derive(Debug, Clone, Copy)]
pub enum LockKind {
    /// An owner's documents (the quotas).
    Documents,
    /// A sign-in or registration limit's key (its attempts).
    Attempts,
    /// A request's ledger (what is outstanding, and the entry that closes it).
    Ledger,
}

/// Holds a lock on `(kind, id)` until the transaction ends: PostgreSQL's advisory lock, so
/// a count and the write it allows are one step across processes; on SQLite the write
/// transaction already holds the database.
pub async fn advisory_lock(
    db: &impl sea_orm::ConnectionTrait,
    kind: LockKind,
    id: i32,
) -> Result<(), DbErr> {
    if db.get_database_backend() != sea_orm::DatabaseBackend::Postgres {
        return Ok(());
    }
    let space: i32 = match kind {
        LockKind::Documents => 1,
        LockKind::Attempts => 2,
        LockKind::Ledger => 3,
    };
    db.execute_raw(sea_orm::Statement::from_sql_and_values(
        sea_orm::DatabaseBackend::Postgres,
        "SELECT pg_advisory_xact_lock($1, $2)",
        [space.into(), id.into()],
    ))
    .await?;
    Ok(())
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
/// A department id as stored.
fn parse_department(s: &str) -> Result<shared::catalog::DepartmentId, DbErr> {
    shared::catalog::DepartmentId::parse(s)
        .ok_or_else(|| DbErr::Custom(format!("unknown stored department `{s}`")))
}

/// A jurisdiction as stored (`None`: not said).
fn parse_jurisdiction(s: Option<&str>) -> Result<Option<shared::answers::JurisdictionId>, DbErr> {
    use shared::answers::JurisdictionId;
    s.map(|j| parse_wire(JurisdictionId::ALL, JurisdictionId::as_str, j))
        .transpose()
}

/// A measure id as stored.
fn parse_measure(s: &str) -> Result<shared::MeasureId, DbErr> {
    shared::MeasureId::parse(s)
        .ok_or_else(|| DbErr::Custom(format!("unknown stored measure `{s}`")))
}

fn parse_wire<T: Copy>(all: &[T], as_str: impl Fn(T) -> &'static str, s: &str) -> Result<T, DbErr> {
    all.iter()
        .copied()
        .find(|v| as_str(*v) == s)
        .ok_or_else(|| DbErr::Custom(format!("unknown stored value `{s}`")))
}
