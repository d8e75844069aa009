use server::store;

use crate::helpers::{fresh_database, start, test_config};

#[actix_web::test]
async fn the_shipped_catalog_is_stored_once_under_its_version_across_restarts() {
    let (url, file) = fresh_database().await;
    let first = start(test_config(url.clone()), file).await.unwrap();
    let _second = start(test_config(url.clone()), None).await.unwrap();
    let db = sea_orm::Database::connect(first.database_url.as_str())
        .await
        .unwrap();
    assert_eq!(
        store::catalog::versions(&db).await.unwrap(),
        vec!["2022.1".to_string()]
    );
}

fn write_catalog(json: &str) -> std::path::PathBuf {
    let path = std::env::temp_dir().join(format!(
        "shukun-catalog-{}-{}.json",
        std::process::id(),
        std::time::SystemTime::now()
            .duration_since(std::time::UNIX_EPOCH)
            .unwrap()
            .as_nanos()
    ));
    std::fs::write(&path, json).unwrap();
    path
}

#[actix_web::test]
async fn a_configured_catalog_file_replaces_the_shipped_one_and_is_stored_too() {
    let json = shared::catalog::SHIPPED_JSON.replacen(
        "\"version\": \"2022.1\"",
        "\"version\": \"2022.2\"",
        1,
    );
    let path = write_catalog(&json);
    let (url, file) = fresh_database().await;
    let mut config = test_config(url);
    config.catalog_file = Some(path.clone());
    let app = start(config, file).await.unwrap();
    let body: serde_json::Value = app.get("/api/v1/catalog").await.json().await.unwrap();
    assert_eq!(body["version"], "2022.2");
    let db = sea_orm::Database::connect(app.database_url.as_str())
        .await
        .unwrap();
    assert_eq!(
        store::catalog::versions(&db).await.unwrap(),
        vec!["2022.2".to_string()]
    );
    std::fs::remove_file(path).ok();
}

#[actix_web::test]
async fn a_stored_version_with_other_content_is_refused_at_start() {
    let (url, file) = fresh_database().await;
    let _first = start(test_config(url.clone()), file).await.unwrap();
    let changed = shared::catalog::SHIPPED_JSON.replacen("结果仅供参考", "结果仅作参考", 1);
    let path = write_catalog(&changed);
    let mut config = test_config(url);
    config.catalog_file = Some(path.clone());
    let err = start(config, None).await.err().expect("refused");
    assert!(
        err.to_string()
            .contains("already stored with different content"),
        "{err}"
    );
    std::fs::remove_file(path).ok();
}

#[actix_web::test]
async fn an_invalid_catalog_file_stops_the_start_saying_why() {
    let broken =
        shared::catalog::SHIPPED_JSON.replacen("\"cit-reduction\"", "\"cit-reductions\"", 1);
    let path = write_catalog(&broken);
    let (url, file) = fresh_database().await;
    let mut config = test_config(url);
    config.catalog_file = Some(path.clone());
    let err = start(config, file).await.err().expect("refused");
    assert!(err.to_string().contains("measures[8].id"), "{err}");
    std::fs::remove_file(path).ok();
}

#[test]
fn configuration_defaults_run_out_of_the_box_and_bad_dates_are_refused() {
    let config = server::Config::from_lookup(|_| None).unwrap();
    assert_eq!(config.bind, "127.0.0.1:8080");
    assert!(config.database_url.starts_with("sqlite://"));
    assert_eq!(config.eval_date.date().to_string(), "2022-06-01");
    let err =
        server::Config::from_lookup(|k| (k == "SHUKUN_EVAL_DATE").then(|| "soon".to_string()))
            .unwrap_err();
    assert!(err.to_string().contains("SHUKUN_EVAL_DATE"));
    let today =
        server::Config::from_lookup(|k| (k == "SHUKUN_EVAL_DATE").then(|| "today".to_string()))
            .unwrap();
    assert_eq!(today.eval_date, server::config::EvalDate::Today);
}
