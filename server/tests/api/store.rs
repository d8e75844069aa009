//! The one write path: every write goes through `store::write`, which takes the turn to
//! write, begins the transaction, and commits or rolls back.

use std::collections::BTreeSet;
use std::path::Path;

use chrono::{Duration, Utc};
use server::store::{self, Writer, attempts};

use crate::helpers::fresh_database;

/// Reads the count, waits a moment with the transaction open, and records one more: the
/// count each writer saw.
async fn count_then_record(writer: &Writer, key: &str) -> Result<u64, sea_orm::DbErr> {
    store::write(writer, async |txn| {
        attempts::lock_key(txn, key).await?;
        let long_ago = Utc::now() - Duration::days(1);
        let (seen, _) = attempts::since(txn, "test", key, long_ago).await?;
        tokio::time::sleep(std::time::Duration::from_millis(2)).await;
        attempts::record(txn, "test", key, long_ago, Utc::now()).await?;
        Ok(seen)
    })
    .await
}

#[actix_web::test]
async fn two_writers_at_once_through_the_write_path_are_never_locked_out_and_never_lose_a_write() {
    let (url, _file) = fresh_database().await;
    let db = store::connect(&url).await.expect("database");
    let writer = Writer::new(&db);
    let key = "0123456789abcdef";
    let one = async {
        let mut seen = Vec::new();
        for _ in 0..40 {
            seen.push(count_then_record(&writer, key).await);
        }
        seen
    };
    let two = async {
        let mut seen = Vec::new();
        for _ in 0..40 {
            seen.push(count_then_record(&writer, key).await);
        }
        seen
    };
    let (a, b) = tokio::join!(one, two);
    let seen: Vec<u64> = a
        .into_iter()
        .chain(b)
        .map(|r| r.expect("no write is refused (no `database is locked`)"))
        .collect();
    // Each transaction saw every one committed before it: 0, 1, …, 79, each once.
    let distinct: BTreeSet<u64> = seen.iter().copied().collect();
    assert_eq!(distinct, (0..80).collect::<BTreeSet<u64>>());
    let long_ago = Utc::now() - Duration::days(1);
    let (count, _) = attempts::since(&db, "test", key, long_ago)
        .await
        .expect("count");
    assert_eq!(count, 80);
}

#[actix_web::test]
async fn a_write_that_fails_half_way_leaves_nothing_behind() {
    let (url, _file) = fresh_database().await;
    let db = store::connect(&url).await.expect("database");
    let writer = Writer::new(&db);
    let key = "fedcba9876543210";
    let failed: Result<(), sea_orm::DbErr> = store::write(&writer, async |txn| {
        attempts::record(txn, "test", key, Utc::now() - Duration::days(1), Utc::now()).await?;
        Err(sea_orm::DbErr::Custom("refused after the first row".into()))
    })
    .await;
    assert!(failed.is_err());
    let (count, _) = attempts::since(&db, "test", key, Utc::now() - Duration::days(1))
        .await
        .expect("count");
    assert_eq!(
        count, 0,
        "the row written before the failure was rolled back"
    );
}

/// Every `.rs` file under `dir`, with its path relative to the server's `src`.
fn sources(dir: &Path, out: &mut Vec<(String, String)>) {
    for entry in std::fs::read_dir(dir).expect("read src") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            sources(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            let text = std::fs::read_to_string(&path).expect("read source");
            let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
            let name = path
                .strip_prefix(&src)
                .unwrap_or(&path)
                .display()
                .to_string();
            out.push((name, text));
        }
    }
}

#[test]
fn nothing_but_the_store_begins_a_transaction_and_nothing_but_the_clock_reads_the_time() {
    let mut files = Vec::new();
    sources(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("src"),
        &mut files,
    );
    assert!(files.len() > 40, "the server's sources were found");
    let begins: Vec<&str> = files
        .iter()
        .filter(|(name, text)| {
            name != "store/mod.rs"
                && (text.contains(".begin()")
                    || text.contains("begin_with_options")
                    || text.contains(".transaction("))
        })
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(
        begins,
        Vec::<&str>::new(),
        "transactions begun outside store::write"
    );
    let clocks: Vec<&str> = files
        .iter()
        .filter(|(name, text)| name != "clock.rs" && text.contains("Utc::now()"))
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(
        clocks,
        Vec::<&str>::new(),
        "instants read outside the one clock"
    );
}
